/* drama-feed-parser.c: feed bytes in, a DramaParsedFeed out.
 *
 * This file owns what every format shares: the size cap, the libxml2 call and its error
 * handling, and the finishing of values (plain text, sanitised HTML, safe absolute links).
 * Encodings and XML clean-up are in drama-feed-parser-prepare.c, the tree walk in
 * drama-feed-parser-xml.c and JSON Feed in drama-feed-parser-json.c.
 *
 * Safety: libxml2 reads the DOCTYPE itself but never loads anything it names (no
 * XML_PARSE_NOENT, XML_PARSE_DTDLOAD or validation, XML_PARSE_NONET, and an entity resolver
 * that resolves nothing), keeps its depth and expansion limits (no XML_PARSE_HUGE), and
 * XInclude is never run.  Every entity reaches the tree as plain text, decided by
 * _drama_feed_get_entity () within a budget, so no tree holds a reference to expand later.
 */
#define G_LOG_DOMAIN "drama-feed-parser"

#include "config.h"

#include "drama-feed-parser.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <string.h>

#include "drama-date.h"
#include "drama-feed-parser-private.h"
#include "drama-html.h"
#include "drama-text.h"
#include "drama-url.h"
#include "drama-xml.h"

G_DEFINE_QUARK (drama-feed-error-quark, drama_feed_error)

/* ---- memory ---- */

void
drama_enclosure_free (DramaEnclosure *enclosure)
{
  if (enclosure == NULL)
    return;
  g_free (enclosure->url);
  g_free (enclosure->type);
  g_free (enclosure);
}

void
drama_parsed_entry_free (DramaParsedEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->title);
  g_free (entry->link);
  g_free (entry->author);
  g_free (entry->summary);
  g_free (entry->content);
  g_free (entry->text);
  g_free (entry->image);
  g_clear_pointer (&entry->enclosures, g_ptr_array_unref);
  g_free (entry);
}

void
drama_parsed_feed_free (DramaParsedFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->format);
  g_free (feed->title);
  g_free (feed->link);
  g_free (feed->subtitle);
  g_clear_pointer (&feed->entries, g_ptr_array_unref);
  g_free (feed);
}

void
_drama_raw_entry_init (DramaRawEntry *raw)
{
  memset (raw, 0, sizeof *raw);
  raw->title_rank = DRAMA_RANK_NONE;
  raw->summary_rank = DRAMA_RANK_NONE;
  raw->content_rank = DRAMA_RANK_NONE;
  raw->image_rank = DRAMA_RANK_NONE;
  raw->enclosures = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_enclosure_free);
}

void
_drama_raw_entry_clear (DramaRawEntry *raw)
{
  g_free (raw->id);
  g_free (raw->title);
  g_free (raw->title_base);
  g_free (raw->link);
  g_free (raw->author);
  g_free (raw->author_email);
  g_free (raw->summary);
  g_free (raw->summary_base);
  g_free (raw->content);
  g_free (raw->content_base);
  g_free (raw->image);
  g_clear_pointer (&raw->enclosures, g_ptr_array_unref);
}

/* Keeps the value from the best-ranked source (lower is better; the first of equals wins).
 * Takes @value; returns TRUE when it was kept. */
gboolean
_drama_raw_take (char **slot,
                 int   *slot_rank,
                 int    rank,
                 char  *value)
{
  if (value == NULL)
    return FALSE;
  if (*slot != NULL && *slot_rank <= rank)
    {
      g_free (value);
      return FALSE;
    }
  g_free (*slot);
  *slot = value;
  *slot_rank = rank;
  return TRUE;
}

/* ---- values ---- */

static char *
collapse_whitespace (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
empty_to_null (DramaParseCtx *ctx,
               char          *value)
{
  /* feedparser reports an empty element as ""; the app has no use for it. */
  if (value != NULL && value[0] == '\0' && !(ctx->flags & DRAMA_FEED_PARSE_KEEP_MARKUP))
    {
      g_free (value);
      return NULL;
    }
  return value;
}

/* A title, subtitle or author: plain text for the app, or (KEEP_MARKUP) the feed's own
 * markup, sanitised. */
char *
_drama_feed_plain (DramaParseCtx *ctx,
                   const char    *value,
                   gboolean       is_html,
                   const char    *base)
{
  g_autofree char *stripped = NULL;

  if (value == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (value));
  if (ctx->flags & DRAMA_FEED_PARSE_KEEP_MARKUP)
    return is_html ? drama_html_sanitize (stripped, base) : g_steal_pointer (&stripped);
  if (is_html)
    {
      g_autofree char *text = drama_html_to_text (stripped);
      return empty_to_null (ctx, collapse_whitespace (text != NULL ? text : ""));
    }
  return empty_to_null (ctx, collapse_whitespace (stripped));
}

/* A summary or content: always sanitised HTML for the app (plain text is escaped into it). */
char *
_drama_feed_html (DramaParseCtx  *ctx,
                  const char     *value,
                  gboolean        is_html,
                  const char     *base,
                  char          **image,
                  char          **text)
{
  g_autofree char *stripped = NULL;
  char *html;

  if (image != NULL)
    *image = NULL;
  if (text != NULL)
    *text = NULL;
  if (value == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (value));
  if (is_html)
    return empty_to_null (ctx, drama_html_sanitize_full (stripped, base, image, text));
  if (ctx->flags & DRAMA_FEED_PARSE_KEEP_MARKUP)
    html = g_steal_pointer (&stripped);
  else
    html = g_markup_escape_text (stripped, -1);
  /* Exactly what the store would make of the escaped text: one parse, and no sanitising. */
  if (text != NULL)
    *text = drama_html_to_text (html);
  return empty_to_null (ctx, html);
}

/* feedparser's test for text that was meant as HTML: a closing tag or an entity. */
gboolean
_drama_feed_looks_like_html (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '<' && p[1] == '/' && g_ascii_isalpha (p[2]))
        {
          const char *q = p + 2;
          while (g_ascii_isalnum (*q))
            q++;
          if (*q == '>')
            return TRUE;
        }
      else if (p[0] == '&')
        {
          const char *q = p + 1;
          if (*q == '#')
            q++;
          if (!g_ascii_isalnum (*q))
            continue;
          while (g_ascii_isalnum (*q))
            q++;
          if (*q == ';')
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_http_scheme (const char *url)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);

  return drama_url_scheme_is_http (scheme);
}

/* An absolute http(s) URL for @href (resolved against @base), or NULL.  Browsers drop tabs and
 * newlines anywhere in a URL, so "java\tscript:" must be seen as "javascript:". */
char *
_drama_feed_link (const char *href,
                  const char *base)
{
  g_autofree char *clean = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *resolved = NULL;
  gsize len;

  if (href == NULL)
    return NULL;
  clean = drama_url_clean (href, DRAMA_URL_CLEAN_DEFAULT);
  len = strlen (clean);
  /* An address with bytes that are not UTF-8 is no address a browser would load. */
  if (len == 0 || len > 8192 || !g_utf8_validate (clean, len, NULL))
    return NULL;

  scheme = g_uri_parse_scheme (clean);
  if (scheme != NULL)
    resolved = g_strdup (clean);
  else if (base != NULL && is_http_scheme (base))
    {
      g_autoptr(GUri) base_uri = drama_url_parse (NULL, base);
      g_autoptr(GUri) uri = base_uri != NULL ? drama_url_parse (base_uri, clean) : NULL;

      resolved = uri != NULL ? g_uri_to_string (uri) : NULL;
    }
  if (resolved == NULL || !is_http_scheme (resolved) || !drama_html_is_safe_link (resolved))
    return NULL;
  /* "HTTPS://" is the same address; one spelling lets everyone compare by prefix. */
  for (char *p = resolved; *p != ':'; p++)
    *p = g_ascii_tolower (*p);
  return g_steal_pointer (&resolved);
}

void
_drama_feed_add_enclosure (GPtrArray  *enclosures,
                           const char *url,
                           const char *type,
                           const char *length)
{
  DramaEnclosure *enclosure;

  if (url == NULL)
    return;
  enclosure = g_new0 (DramaEnclosure, 1);
  enclosure->url = g_strdup (url);
  enclosure->type = type != NULL && type[0] != '\0' ? g_strstrip (g_strdup (type)) : NULL;
  if (length != NULL)
    {
      gint64 value = g_ascii_strtoll (length, NULL, 10);
      enclosure->length = value > 0 ? value : 0;
    }
  g_ptr_array_add (enclosures, enclosure);
}

DramaParsedEntry *
_drama_raw_entry_finish (DramaParseCtx *ctx,
                         DramaRawEntry *raw)
{
  DramaParsedEntry *entry = g_new0 (DramaParsedEntry, 1);
  gboolean keep_markup = (ctx->flags & DRAMA_FEED_PARSE_KEEP_MARKUP) != 0;
  g_autofree char *summary_image = NULL;
  g_autofree char *content_image = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *content_text = NULL;

  entry->title = _drama_feed_plain (ctx, raw->title, raw->title_html, raw->title_base);
  entry->link = g_strdup (raw->link);
  if (raw->author != NULL || raw->author_email != NULL)
    {
      if (ctx->flags & DRAMA_FEED_PARSE_KEEP_MARKUP)
        entry->author = raw->author != NULL && raw->author_email != NULL
                        ? g_strdup_printf ("%s (%s)", raw->author, raw->author_email)
                        : g_strdup (raw->author != NULL ? raw->author : raw->author_email);
      else
        entry->author = _drama_feed_plain (ctx,
                                           raw->author != NULL ? raw->author : raw->author_email,
                                           FALSE, NULL);
    }
  /* The plain text and the lead image come from the sanitiser's own parses: each HTML field
   * is parsed by it (its pass and the pass that checks the result) and never again on its
   * way into the library. */
  entry->summary = _drama_feed_html (ctx, raw->summary, raw->summary_html, raw->summary_base,
                                     &summary_image, keep_markup ? NULL : &summary_text);
  entry->content = _drama_feed_html (ctx, raw->content, raw->content_html, raw->content_base,
                                     &content_image, keep_markup ? NULL : &content_text);
  /* feedparser's summary falls back to the content: the same text, sanitised once. */
  if (entry->summary == NULL && keep_markup)
    entry->summary = g_strdup (entry->content);
  if (!keep_markup)
    entry->text = drama_html_join_text (entry->summary != NULL ? summary_text : NULL,
                                        entry->content != NULL ? content_text : NULL);
  entry->published = raw->published != 0 ? raw->published : raw->updated;
  entry->updated = raw->updated != 0 ? raw->updated : raw->published;

  for (guint i = 0; raw->image == NULL && i < raw->enclosures->len; i++)
    {
      DramaEnclosure *enclosure = g_ptr_array_index (raw->enclosures, i);
      if (enclosure->type != NULL && g_str_has_prefix (enclosure->type, "image/"))
        raw->image = g_strdup (enclosure->url);
    }
  if (raw->image == NULL)
    raw->image = g_steal_pointer (&content_image);
  if (raw->image == NULL)
    raw->image = g_steal_pointer (&summary_image);
  entry->image = g_steal_pointer (&raw->image);
  entry->enclosures = g_steal_pointer (&raw->enclosures);

  /* The store needs a stable id for every entry: the feed's own, else the link, else a
   * digest of what the entry says. */
  if (raw->id != NULL && raw->id[0] != '\0')
    entry->id = g_strstrip (g_steal_pointer (&raw->id));
  else if (entry->link != NULL)
    entry->id = g_strdup (entry->link);
  else
    {
      g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT,
                                              raw->title ? raw->title : "",
                                              raw->summary ? raw->summary : "",
                                              raw->content ? raw->content : "",
                                              entry->published);
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
      entry->id = g_strconcat ("sha1:", digest, NULL);
    }

  /* Left empty, not initialised again: that would allocate an enclosure array that no
   * caller frees (each returns the entry at once). */
  _drama_raw_entry_clear (raw);
  memset (raw, 0, sizeof *raw);
  return entry;
}

/* ---- what leaves the parser ---- */

/* Longest values kept, in bytes (cut with "…"): more than any real feed writes, little
 * enough for a list row, a window title or an error line. */
#define MAX_FEED_TITLE_BYTES    1024
#define MAX_FEED_SUBTITLE_BYTES 4096
#define MAX_TITLE_BYTES         2048
#define MAX_AUTHOR_BYTES        512
#define MAX_TYPE_BYTES          128
/* A longer id is replaced by its digest: a cut one could make two stories one. */
#define MAX_ID_BYTES            2048

static void
make_safe (char  **slot,
           gsize   max_bytes)
{
  char *safe;
  gsize length;

  if (*slot == NULL)
    return;
  /* Nearly always already so: no copy then. */
  length = strlen (*slot);
  if ((max_bytes == 0 || length <= max_bytes) && _drama_feed_utf8_valid (*slot, length))
    return;
  safe = drama_text_make_safe (*slot, -1, max_bytes);
  g_free (*slot);
  *slot = safe;
}

/* Every string that leaves the parser is valid UTF-8 (a JSON Feed may carry encoded
 * surrogates, a declared charset may lie) and the short ones are bounded, whatever the
 * format: the store and the widgets can take them as they are. Sanitised HTML keeps its
 * length (the whole feed is bounded); cutting it could cut a tag. */
static void
finish_feed (DramaParseCtx   *ctx,
             DramaParsedFeed *feed)
{
  gboolean plain = !(ctx->flags & DRAMA_FEED_PARSE_KEEP_MARKUP);

  make_safe (&feed->title, plain ? MAX_FEED_TITLE_BYTES : 0);
  make_safe (&feed->subtitle, plain ? MAX_FEED_SUBTITLE_BYTES : 0);
  make_safe (&feed->link, 0);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      DramaParsedEntry *entry = g_ptr_array_index (feed->entries, i);

      make_safe (&entry->id, 0);
      if (strlen (entry->id) > MAX_ID_BYTES)
        {
          g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1,
                                                                   entry->id, -1);

          g_free (entry->id);
          entry->id = g_strconcat ("sha1:", digest, NULL);
        }
      make_safe (&entry->title, plain ? MAX_TITLE_BYTES : 0);
      make_safe (&entry->author, plain ? MAX_AUTHOR_BYTES : 0);
      make_safe (&entry->link, 0);
      make_safe (&entry->summary, 0);
      make_safe (&entry->content, 0);
      make_safe (&entry->text, 0);
      make_safe (&entry->image, 0);
      for (guint j = 0; j < entry->enclosures->len; j++)
        {
          DramaEnclosure *enclosure = g_ptr_array_index (entry->enclosures, j);

          make_safe (&enclosure->url, 0);
          make_safe (&enclosure->type, MAX_TYPE_BYTES);
        }
    }
}

/* ---- entry points ---- */

static gboolean
looks_like_html_page (const char *text,
                      gsize       length)
{
  gsize n = MIN (length, 2048);
  g_autofree char *head = g_ascii_strdown (text, n);

  return strstr (head, "<!doctype html") != NULL || strstr (head, "<html") != NULL;
}

/* libxml2's structured error handler for one parse: the first error explains the rest
 * (in recovery mode each later one is often only its echo). */
static void
keep_first_error (void        *user_data,
                  xmlErrorPtr  err)
{
  xmlParserCtxtPtr parser = user_data;
  DramaXmlParse *state = parser->_private;

  if (err->level >= XML_ERR_ERROR && state->first_error.code == XML_ERR_OK)
    xmlCopyError (err, &state->first_error);
}

/* Nothing outside the document is ever read: no external DTD, entity or XInclude. */
static xmlParserInputPtr
resolve_nothing (void          *user_data,
                 const xmlChar *public_id,
                 const xmlChar *system_id)
{
  return NULL;
}

static DramaParsedFeed *
parse_xml (DramaParseCtx  *ctx,
           const char     *text,
           gsize           length,
           GError        **error)
{
  /* NONET: nothing is fetched; NOCDATA: CDATA becomes plain text; IGNORE_ENC: the text is
   * UTF-8 now, whatever its declaration says; RECOVER: a feed cut short or with one broken
   * item still has good entries, salvaged in the same pass.  No NOENT, DTDLOAD, DTDATTR,
   * DTDVALID, XINCLUDE or HUGE: libxml2 keeps its limits on depth and entity expansion, and
   * entities reach the tree only as the text _drama_feed_get_entity () gives. */
  const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
                      XML_PARSE_NOWARNING | XML_PARSE_NSCLEAN | XML_PARSE_IGNORE_ENC |
                      XML_PARSE_RECOVER;
  DramaXmlParse state = { NULL, { 0 } };
  xmlParserCtxtPtr parser;
  xmlDocPtr doc;
  g_autofree char *problem = NULL;
  DramaParsedFeed *feed = NULL;
  GError *local_error = NULL;
  gboolean well_formed;

  if (length > G_MAXINT)
    {
      g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_TOO_LARGE,
                   _("The feed is too large."));
      return NULL;
    }

  /* Feeds are parsed on worker threads: libxml2 wants its globals set up once, first. */
  drama_xml_init ();
  parser = xmlNewParserCtxt ();
  if (parser == NULL)
    {
      g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED,
                   _("Could not read the feed."));
      return NULL;
    }
  state.entities = _drama_feed_entities_new ();
  parser->_private = &state;
  parser->sax->getEntity = _drama_feed_get_entity;
  parser->sax->resolveEntity = resolve_nothing;
  parser->sax->externalSubset = NULL;
  parser->sax->serror = keep_first_error;
  doc = xmlCtxtReadMemory (parser, text, (int) length, ctx->base_url, NULL, options);
  well_formed = parser->wellFormed;
  xmlFreeParserCtxt (parser);
  _drama_feed_entities_free (state.entities);

  if (!well_formed && state.first_error.code != XML_ERR_OK)
    {
      xmlErrorPtr err = &state.first_error;

      /* libxml2 stops for good at 256 levels (no XML_PARSE_HUGE): whatever follows, the
       * items included, is never read, so a salvaged tree would be a feed with no articles
       * and no word of why. */
      if (err->code == XML_ERR_INTERNAL_ERROR && err->message != NULL &&
          strstr (err->message, "Excessive depth") != NULL)
        {
          g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED,
                       _("The feed is nested too deeply to be read (more than %d levels, "
                         "line %d)."), 256, err->line);
          g_clear_pointer (&doc, xmlFreeDoc);
          xmlResetError (err);
          return NULL;
        }
      if (err->message != NULL)
        {
          /* libxml2 quotes the input (a tag name may be 50,000 bytes) cut at a byte count,
           * often mid-character. */
          g_autofree char *message = g_strstrip (drama_text_make_safe (err->message, -1,
                                                                       DRAMA_FEED_MAX_QUOTE));
          problem = g_strdup_printf (_("line %d: %s"), err->line, message);
        }
    }
  xmlResetError (&state.first_error);

  if (doc != NULL)
    feed = _drama_feed_parse_tree (ctx, doc, &local_error);
  g_clear_pointer (&doc, xmlFreeDoc);

  if (feed != NULL && problem != NULL && feed->entries->len == 0 && feed->title == NULL &&
      feed->link == NULL)
    g_clear_pointer (&feed, drama_parsed_feed_free);

  if (feed != NULL)
    {
      g_clear_error (&local_error);
      return feed;
    }

  if (looks_like_html_page (text, length))
    g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NOT_A_FEED,
                 _("This address leads to a web page, not to a feed."));
  else if (problem != NULL)
    g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED,
                 _("The feed is not valid XML (%s)."), problem);
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  else
    g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED,
                 _("Could not read the feed."));
  g_clear_error (&local_error);
  return NULL;
}

/**
 * drama_feed_parser_parse_full:
 * @data: the document's bytes
 * @length: their number
 * @base_url: (nullable): the feed's own URL, against which relative links are resolved
 * @flags: see #DramaFeedParseFlags
 * @error: return location for a #DRAMA_FEED_ERROR
 *
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1.  Never touches the network.
 *
 * Returns: (transfer full): the feed, or %NULL with @error set.
 */
DramaParsedFeed *
drama_feed_parser_parse_full (const char           *data,
                              gsize                 length,
                              const char           *base_url,
                              DramaFeedParseFlags   flags,
                              GError              **error)
{
  DramaParseCtx ctx = { flags, base_url };
  DramaParsedFeed *feed = NULL;
  g_autofree char *converted = NULL;
  const char *text;
  gsize text_length = 0;
  const char *p, *end;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > DRAMA_FEED_PARSER_MAX_SIZE)
    {
      g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_TOO_LARGE,
                   _("The feed is larger than %d MB."), DRAMA_FEED_PARSER_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  text = _drama_feed_to_utf8 (data != NULL ? data : "", length, &text_length, &converted, error);
  if (text == NULL)
    return NULL;

  for (p = text, end = text + text_length; p < end && g_ascii_isspace (*p); p++)
    ;
  if (p >= end)
    {
      g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED, _("The feed is empty."));
      return NULL;
    }
  if (*p == '{' || *p == '[')
    feed = _drama_feed_parse_json (&ctx, p, end - p, error);
  else if (*p != '<')
    {
      g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED,
                   _("The document is neither XML nor JSON."));
      return NULL;
    }
  else
    {
      gsize clean_length = 0;
      g_autofree char *clean = _drama_feed_prepare_xml (p, end - p, &clean_length);

      /* Nearly always the feed's own bytes: a copy only when something had to be mended. */
      if (clean != NULL)
        feed = parse_xml (&ctx, clean, clean_length, error);
      else
        feed = parse_xml (&ctx, p, end - p, error);
    }
  if (feed != NULL)
    finish_feed (&ctx, feed);
  return feed;
}

DramaParsedFeed *
drama_feed_parser_parse (const char  *data,
                         gsize        length,
                         const char  *base_url,
                         GError     **error)
{
  return drama_feed_parser_parse_full (data, length, base_url, DRAMA_FEED_PARSE_DEFAULT, error);
}

/* ---- discovery ---- */

static char *
find_alternate (xmlNode    *node,
                const char *base_url,
                int         depth)
{
  static const char *const types[] = { "application/rss+xml", "application/atom+xml",
                                       "application/feed+json", "application/json" };

  for (; node != NULL && depth < 256; node = node->next)
    {
      char *found;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *) node->name, "link") == 0)
        {
          g_autofree char *rel = (char *) xmlGetProp (node, (const xmlChar *) "rel");
          g_autofree char *type = (char *) xmlGetProp (node, (const xmlChar *) "type");
          g_autofree char *href = (char *) xmlGetProp (node, (const xmlChar *) "href");
          g_auto(GStrv) rels = rel != NULL ? g_strsplit_set (rel, " \t\n", -1) : NULL;
          gboolean alternate = FALSE;

          for (guint i = 0; rels != NULL && rels[i] != NULL; i++)
            if (g_ascii_strcasecmp (rels[i], "alternate") == 0)
              alternate = TRUE;
          if (alternate && type != NULL && href != NULL)
            {
              g_strstrip (type);
              for (guint i = 0; i < G_N_ELEMENTS (types); i++)
                if (g_ascii_strcasecmp (type, types[i]) == 0)
                  {
                    found = _drama_feed_link (href, base_url);
                    if (found != NULL)
                      return found;
                  }
            }
        }
      found = find_alternate (node->children, base_url, depth + 1);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * drama_feed_parser_discover:
 * @html: a web page
 * @length: its length in bytes
 * @base_url: (nullable): the page's URL
 *
 * Returns: (transfer full) (nullable): the absolute http(s) URL of the feed the page announces
 *   with <link rel="alternate" type="application/rss+xml|atom+xml|feed+json">, or %NULL.
 */
char *
drama_feed_parser_discover (const char *html,
                            gsize       length,
                            const char *base_url)
{
  htmlDocPtr doc;
  char *found = NULL;

  if (html == NULL || length == 0 || length > DRAMA_FEED_PARSER_MAX_SIZE)
    return NULL;
  doc = htmlReadMemory (html, (int) length, base_url, NULL,
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET);
  if (doc == NULL)
    return NULL;
  found = find_alternate (xmlDocGetRootElement (doc), base_url, 0);
  xmlFreeDoc (doc);
  return found;
}
