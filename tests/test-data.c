/* The data files the app reads at run time: the settings schema must hold exactly the keys
 * src/core/model/drama-settings.h names (a missing key aborts the app inside GSettings), with the
 * documented defaults and ranges, and the default feeds must be a readable OPML list. */
#include "config.h"

#define G_LOG_DOMAIN "drama-test-data"

#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

#include "drama-settings.h"

static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema;

  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, DRAMA_SETTINGS_SCHEMA, TRUE);
  g_assert_nonnull (schema);
  return schema;
}

/* The key names the header defines, read from the header itself so that a key added there
 * without a schema entry (or the other way round) fails here rather than at run time. */
static GPtrArray *
header_keys (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "core", "model",
                                                 "drama-settings.h", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  regex = g_regex_new ("^#define\\s+DRAMA_SETTINGS_(\\w+)\\s+\"([^\"]+)\"",
                       G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);
  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *macro = g_match_info_fetch (match, 1);

      if (strcmp (macro, "SCHEMA") != 0)
        g_ptr_array_add (keys, g_match_info_fetch (match, 2));
      g_match_info_next (match, NULL);
    }
  return keys;
}

static void
test_settings_keys (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_autoptr(GPtrArray) expected = header_keys ();
  g_auto(GStrv) keys = g_settings_schema_list_keys (schema);

  g_assert_cmpuint (expected->len, ==, 11);
  for (guint i = 0; i < expected->len; i++)
    {
      const char *key = g_ptr_array_index (expected, i);

      if (!g_settings_schema_has_key (schema, key))
        g_test_fail_printf ("key “%s” from drama-settings.h is missing from the schema", key);
    }
  for (guint i = 0; keys[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < expected->len && !found; j++)
        found = strcmp (keys[i], g_ptr_array_index (expected, j)) == 0;
      if (!found)
        g_test_fail_printf ("schema key “%s” is not named in drama-settings.h", keys[i]);
    }
  g_assert_cmpuint (g_strv_length (keys), ==, expected->len);
}

static void
test_settings_defaults (void)
{
  g_autoptr(GSettings) settings = g_settings_new (DRAMA_SETTINGS_SCHEMA);
  g_autofree char *url = g_settings_get_string (settings, DRAMA_SETTINGS_TVMAZE_URL);
  g_autofree char *sort = g_settings_get_string (settings, DRAMA_SETTINGS_WATCHLIST_SORT);
  g_autofree char *news_filter = g_settings_get_string (settings, DRAMA_SETTINGS_NEWS_FILTER);

  g_assert_cmpint (g_settings_get_int (settings, DRAMA_SETTINGS_WINDOW_WIDTH), ==, 1200);
  g_assert_cmpint (g_settings_get_int (settings, DRAMA_SETTINGS_WINDOW_HEIGHT), ==, 760);
  g_assert_false (g_settings_get_boolean (settings, DRAMA_SETTINGS_WINDOW_MAXIMIZED));
  g_assert_cmpstr (url, ==, DEFAULT_TVMAZE_URL);
  g_assert_cmpint (g_settings_get_int (settings, DRAMA_SETTINGS_REFRESH_INTERVAL), ==, 60);
  g_assert_true (g_settings_get_boolean (settings, DRAMA_SETTINGS_LOAD_IMAGES));
  g_assert_cmpint (g_settings_get_int (settings, DRAMA_SETTINGS_RETENTION_DAYS), ==, 90);
  g_assert_true (g_settings_get_boolean (settings, DRAMA_SETTINGS_SPOILER_GUARD));
  g_assert_cmpstr (sort, ==, "next-airing");
  g_assert_false (g_settings_get_boolean (settings, DRAMA_SETTINGS_DEFAULT_FEEDS_ADDED));
  /* Every article until the user picks another filter. */
  g_assert_cmpstr (news_filter, ==, "all");
}

static gboolean
key_accepts (GSettingsSchema *schema,
             const char      *name,
             GVariant        *value)
{
  g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, name);
  g_autoptr(GVariant) owned = g_variant_ref_sink (value);

  return g_settings_schema_key_range_check (key, owned);
}

static void
test_settings_ranges (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  const char *interval = DRAMA_SETTINGS_REFRESH_INTERVAL;
  const char *retention = DRAMA_SETTINGS_RETENTION_DAYS;
  const char *sort = DRAMA_SETTINGS_WATCHLIST_SORT;

  g_assert_false (key_accepts (schema, interval, g_variant_new_int32 (14)));
  g_assert_true (key_accepts (schema, interval, g_variant_new_int32 (15)));
  g_assert_true (key_accepts (schema, interval, g_variant_new_int32 (1440)));
  g_assert_false (key_accepts (schema, interval, g_variant_new_int32 (1441)));

  g_assert_false (key_accepts (schema, retention, g_variant_new_int32 (0)));
  g_assert_true (key_accepts (schema, retention, g_variant_new_int32 (1)));
  g_assert_true (key_accepts (schema, retention, g_variant_new_int32 (3650)));
  g_assert_false (key_accepts (schema, retention, g_variant_new_int32 (3651)));

  g_assert_true (key_accepts (schema, sort, g_variant_new_string ("next-airing")));
  g_assert_true (key_accepts (schema, sort, g_variant_new_string ("title")));
  g_assert_true (key_accepts (schema, sort, g_variant_new_string ("last-watched")));
  g_assert_false (key_accepts (schema, sort, g_variant_new_string ("rating")));
}

static void
test_default_feeds (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "default-feeds.opml", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
  xmlXPathContextPtr context;
  xmlXPathObjectPtr result;
  int n;

  g_assert_nonnull (doc);
  context = xmlXPathNewContext (doc);
  result = xmlXPathEvalExpression ((const xmlChar *) "/opml/body//outline[@xmlUrl]", context);
  g_assert_nonnull (result);
  n = result->nodesetval ? result->nodesetval->nodeNr : 0;
  g_assert_cmpint (n, >=, 3);
  g_assert_cmpint (n, <=, 4);

  for (int i = 0; i < n; i++)
    {
      xmlNodePtr node = result->nodesetval->nodeTab[i];
      xmlChar *url = xmlGetProp (node, (const xmlChar *) "xmlUrl");
      xmlChar *text = xmlGetProp (node, (const xmlChar *) "text");

      /* A title to show before the first fetch, and a secure, distinct address. */
      g_assert_nonnull (text);
      g_assert_cmpstr ((const char *) text, !=, "");
      g_assert_true (g_str_has_prefix ((const char *) url, "https://"));
      g_assert_true (g_uri_is_valid ((const char *) url, G_URI_FLAGS_NONE, NULL));
      g_assert_false (g_hash_table_contains (seen, url));
      g_hash_table_add (seen, g_strdup ((const char *) url));
      xmlFree (url);
      xmlFree (text);
    }

  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/settings/keys", test_settings_keys);
  g_test_add_func ("/data/settings/defaults", test_settings_defaults);
  g_test_add_func ("/data/settings/ranges", test_settings_ranges);
  g_test_add_func ("/data/default-feeds", test_default_feeds);

  return g_test_run ();
}
