/* drama-feed-parser-json.c: JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
 *
 * json-glib's parser recurses once per nesting level, so the nesting depth is measured first
 * and a document nested deeper than any feed needs is refused before json-glib sees it.
 */
#define G_LOG_DOMAIN "drama-feed-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "drama-date.h"
#include "drama-feed-parser-private.h"
#include "drama-text.h"

#define MAX_JSON_DEPTH 64

static gboolean
depth_ok (const char *data,
          gsize       length)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if (c == '}' || c == ']')
        depth--;
    }
  return TRUE;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gint64
get_date (JsonObject *object,
          const char *member)
{
  gint64 value = 0;

  if (!drama_date_parse (get_string (object, member), &value))
    return 0;
  return value;
}

static const char *
author_name (JsonObject *item)
{
  JsonObject *author = get_object (item, "author");
  JsonArray *authors = get_array (item, "authors");

  if (author == NULL && authors != NULL && json_array_get_length (authors) > 0)
    {
      JsonNode *first = json_array_get_element (authors, 0);
      if (JSON_NODE_HOLDS_OBJECT (first))
        author = json_node_get_object (first);
    }
  return author != NULL ? get_string (author, "name") : NULL;
}

static DramaParsedEntry *
read_item (DramaParseCtx *ctx,
           JsonObject    *item,
           const char    *feed_author)
{
  DramaRawEntry raw;
  JsonNode *id = json_object_get_member (item, "id");
  JsonArray *attachments = get_array (item, "attachments");
  const char *author = author_name (item);
  const char *html = get_string (item, "content_html");
  const char *text = get_string (item, "content_text");

  _drama_raw_entry_init (&raw);

  /* Version 1.0 allowed numeric ids; keep them as text. */
  if (id != NULL && JSON_NODE_HOLDS_VALUE (id))
    {
      GType type = json_node_get_value_type (id);
      if (type == G_TYPE_STRING)
        raw.id = g_strdup (json_node_get_string (id));
      else if (type == G_TYPE_INT64)
        raw.id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
    }
  raw.link = _drama_feed_link (get_string (item, "url"), ctx->base_url);
  if (raw.link == NULL)
    raw.link = _drama_feed_link (get_string (item, "external_url"), ctx->base_url);
  if (get_string (item, "title") != NULL)
    {
      raw.title = g_strdup (get_string (item, "title"));
      raw.title_rank = 0;
    }
  if (html != NULL)
    {
      raw.content = g_strdup (html);
      raw.content_html = TRUE;
    }
  else if (text != NULL)
    raw.content = g_strdup (text);
  if (raw.content != NULL)
    raw.content_base = g_strdup (ctx->base_url);
  if (get_string (item, "summary") != NULL)
    {
      raw.summary = g_strdup (get_string (item, "summary"));
      raw.summary_base = g_strdup (ctx->base_url);
    }
  raw.author = g_strdup (author != NULL ? author : feed_author);
  raw.image = _drama_feed_link (get_string (item, "image"), ctx->base_url);
  if (raw.image == NULL)
    raw.image = _drama_feed_link (get_string (item, "banner_image"), ctx->base_url);
  raw.published = get_date (item, "date_published");
  raw.updated = get_date (item, "date_modified");

  for (guint i = 0; attachments != NULL && i < json_array_get_length (attachments); i++)
    {
      JsonNode *node = json_array_get_element (attachments, i);
      JsonObject *attachment;
      JsonNode *size;
      g_autofree char *url = NULL;
      g_autofree char *length = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      attachment = json_node_get_object (node);
      url = _drama_feed_link (get_string (attachment, "url"), ctx->base_url);
      size = json_object_get_member (attachment, "size_in_bytes");
      if (size != NULL && JSON_NODE_HOLDS_VALUE (size) &&
          json_node_get_value_type (size) == G_TYPE_INT64)
        length = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (size));
      _drama_feed_add_enclosure (raw.enclosures, url, get_string (attachment, "mime_type"), length);
    }
  return _drama_raw_entry_finish (ctx, &raw);
}

DramaParsedFeed *
_drama_feed_parse_json (DramaParseCtx  *ctx,
                        const char     *data,
                        gsize           length,
                        GError        **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonArray *items;
  const char *version;
  DramaParsedFeed *feed;
  const char *feed_author;
  g_autofree char *fixed = NULL;
  gsize fixed_length = 0;

  if (length > G_MAXSSIZE || !depth_ok (data, length))
    {
      g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED,
                   _("The feed is nested too deeply to be read."));
      return NULL;
    }
  fixed = drama_text_json_fix_surrogates (data, length, &fixed_length);
  if (fixed != NULL)
    {
      data = fixed;
      length = fixed_length;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* json-glib quotes the token it did not expect, a string of any length included. */
      g_autofree char *quoted = drama_text_make_safe (local_error->message, -1,
                                                      DRAMA_FEED_MAX_QUOTE);

      g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED,
                   _("The feed is not valid JSON (%s)."), quoted);
      return NULL;
    }
  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  version = object != NULL ? get_string (object, "version") : NULL;
  if (version == NULL || !(g_str_has_prefix (version, "https://jsonfeed.org/version/") ||
                           g_str_has_prefix (version, "http://jsonfeed.org/version/")))
    {
      g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NOT_A_FEED,
                   _("The document is JSON but not a JSON Feed."));
      return NULL;
    }

  feed = g_new0 (DramaParsedFeed, 1);
  feed->format = g_strdup ("jsonfeed");
  feed->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_parsed_entry_free);
  feed->title = _drama_feed_plain (ctx, get_string (object, "title"), FALSE, NULL);
  feed->link = _drama_feed_link (get_string (object, "home_page_url"), ctx->base_url);
  feed->subtitle = _drama_feed_plain (ctx, get_string (object, "description"), FALSE, NULL);
  feed_author = author_name (object);

  items = get_array (object, "items");
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);

      if (feed->entries->len >= DRAMA_FEED_PARSER_MAX_ENTRIES)
        break;
      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (feed->entries, read_item (ctx, json_node_get_object (node), feed_author));
    }
  return feed;
}
