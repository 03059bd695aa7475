/* feed-dump: prints a parsed feed as JSON (the schema in DESIGN.md, "feed-dump's JSON").
 *
 *   feed-dump [--app] [--base URL] FILE
 *
 * By default titles and subtitles the feed marks as HTML are printed as (sanitised) HTML and
 * plain-text summaries as plain text, the conventions of Python's feedparser, so that the
 * feedparser corpus (shared/corpus/check_feeds.py) can score the parser.  --app prints what the
 * app stores instead: plain-text titles, subtitles and authors, summaries always HTML.
 * On failure it prints {"error": "..."} and exits 1.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>

#include "drama-date.h"
#include "drama-feed-parser.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          gint64       value)
{
  g_autofree char *iso = NULL;

  if (value == 0)
    return;
  iso = drama_date_to_iso (value);
  add_string (builder, name, iso);
}

static int
print_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  return 0;
}

static int
fail (const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "error", message);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  print_node (root);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  gboolean app = FALSE;
  g_autofree char *base = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "app", 0, 0, G_OPTION_ARG_NONE, &app, "Print what the app stores (plain-text titles)", NULL },
    { "base", 0, 0, G_OPTION_ARG_STRING, &base, "Resolve relative links against URL", "URL" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(DramaParsedFeed) feed = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    return fail (error->message);
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    return fail ("usage: feed-dump [--app] [--base URL] FILE");

  mapped = g_mapped_file_new (files[0], FALSE, &error);
  if (mapped == NULL)
    return fail (error->message);
  feed = drama_feed_parser_parse_full (g_mapped_file_get_contents (mapped),
                                       g_mapped_file_get_length (mapped), base,
                                       app ? DRAMA_FEED_PARSE_DEFAULT
                                           : DRAMA_FEED_PARSE_KEEP_MARKUP,
                                       &error);
  if (feed == NULL)
    return fail (error->message);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "format", feed->format);
  add_string (builder, "title", feed->title);
  add_string (builder, "link", feed->link);
  add_string (builder, "subtitle", feed->subtitle);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      DramaParsedEntry *entry = g_ptr_array_index (feed->entries, i);

      json_builder_begin_object (builder);
      add_string (builder, "title", entry->title);
      add_string (builder, "link", entry->link);
      add_string (builder, "id", entry->id);
      add_string (builder, "author", entry->author);
      add_string (builder, "summary", entry->summary);
      add_string (builder, "content", entry->content);
      add_date (builder, "published", entry->published);
      add_date (builder, "updated", entry->updated);
      add_string (builder, "image", entry->image);
      if (entry->enclosures != NULL && entry->enclosures->len > 0)
        {
          json_builder_set_member_name (builder, "enclosures");
          json_builder_begin_array (builder);
          for (guint j = 0; j < entry->enclosures->len; j++)
            {
              DramaEnclosure *enclosure = g_ptr_array_index (entry->enclosures, j);

              json_builder_begin_object (builder);
              add_string (builder, "url", enclosure->url);
              add_string (builder, "type", enclosure->type);
              json_builder_set_member_name (builder, "length");
              json_builder_add_int_value (builder, enclosure->length);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return print_node (root);
}
