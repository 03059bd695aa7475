/* test-tvmaze.c: the TVmaze client against the fake server, its JSON parser on real and
 * hostile documents, the time-zone maths, and the path into a real store. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "drama-store.h"
#include "drama-tvmaze-parse.h"
#include "drama-tvmaze.h"
#include "drama-tz.h"
#include "fake-server.h"
#include "test-common.h"

#define ANGEL_ID        41163
#define KIM_MYUNG_SOO   20102
#define ANGEL_EP1_STAMP G_GINT64_CONSTANT (1558530000)  /* 2019-05-22 13:00 UTC = 22:00 KST */

/* ---- helpers ---- */

typedef struct {
  FakeServer  *server;
  DramaTvmaze *tvmaze;
  char        *tmpdir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = FAKE_SERVER_FIXTURES (NULL);
  g_autoptr(GError) error = NULL;

  fixture->server = fake_server_new (dir);
  g_assert_nonnull (fixture->server);
  fake_server_route (fixture->server, "/search/shows?q=angel", "tvmaze/search-angel.json");
  fake_server_route (fixture->server, "/search/shows?q=girls", "tvmaze/plneto-tvmaze-net/search_show.json");
  fake_server_route (fixture->server, "/shows/41163", "tvmaze/show-41163.json");
  fake_server_route (fixture->server, "/shows/41163/akas", "tvmaze/akas-41163.json");
  fake_server_route (fixture->server, "/shows/1", "tvmaze/plneto-tvmaze-net/show_embed_cast.json");
  fake_server_route (fixture->server, "/shows/1/akas", "tvmaze/plneto-tvmaze-net/alias.json");
  fake_server_route (fixture->server, "/people/20102", "tvmaze/person-20102.json");
  fake_server_route (fixture->server, "/people/20102/castcredits", "tvmaze/castcredits-20102.json");
  fake_server_route (fixture->server, "/people/1/castcredits",
                     "tvmaze/plneto-tvmaze-net/person_castcredits_embed_show.json");
  fake_server_route (fixture->server, "/updates/shows", "tvmaze/updates-day.json");
  fake_server_route (fixture->server, "/images/poster.png", "tvmaze/poster.png");

  /* A trailing slash on the base URL must not matter. */
  {
    g_autofree char *base = g_strconcat (fake_server_get_url (fixture->server), "/", NULL);

    fixture->tvmaze = drama_tvmaze_new (base);
  }
  g_assert_cmpstr (drama_tvmaze_get_base_url (fixture->tvmaze),
                   ==, fake_server_get_url (fixture->server));

  fixture->tmpdir = g_dir_make_tmp ("test-tvmaze-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->tvmaze);
  g_clear_pointer (&fixture->server, fake_server_free);
  remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static DramaStore *
fixture_open_store (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  DramaStore *store = drama_store_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static DramaShow *
get_show (Fixture    *fixture,
          gint64      id,
          GPtrArray **episodes,
          GPtrArray **cast,
          GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drama_tvmaze_get_show_async (fixture->tvmaze, id, NULL, result_cb, &result);
  return drama_tvmaze_get_show_finish (fixture->tvmaze, wait_for (&result), episodes, cast, error);
}

static GHashTable *
get_updates (Fixture *fixture,
             GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drama_tvmaze_get_updates_async (fixture->tvmaze, "day", NULL, result_cb, &result);
  return drama_tvmaze_get_updates_finish (fixture->tvmaze, wait_for (&result), error);
}

static guint
count_shows (DramaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = drama_store_list_shows (store, -1, NULL, DRAMA_SHOW_SORT_TITLE, &error);

  g_assert_no_error (error);
  return shows->len;
}

static DramaEpisode *
find_episode (GPtrArray *episodes,
              gint64     tvmaze_id)
{
  for (guint i = 0; i < episodes->len; i++)
    if (drama_episode_get_tvmaze_id (g_ptr_array_index (episodes, i)) == tvmaze_id)
      return g_ptr_array_index (episodes, i);
  return NULL;
}

static char *
read_fixture (const char *relpath,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", relpath, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
read_shared (const char *relpath,
             gsize      *length)
{
  const char *shared = g_getenv ("DRAMALIST_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (shared == NULL)
    return NULL;
  path = g_build_filename (shared, relpath, NULL);
  if (!g_file_get_contents (path, &contents, length, &error))
    return NULL;
  return contents;
}

/* ---- time zones ---- */

static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static void
test_tz_airstamp (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");

  /* KBS2's 22:00 and 22:35 slots are 13:00 and 13:35 UTC. */
  g_assert_cmpint (drama_tz_airstamp ("2019-05-22", "22:00", "Asia/Seoul", NULL),
                   ==, ANGEL_EP1_STAMP);
  g_assert_cmpint (drama_tz_airstamp ("2019-05-22", "22:35", "Asia/Seoul", NULL),
                   ==, ANGEL_EP1_STAMP + 35 * 60);
  /* Berlin across its 2024 DST change (31 March): 20:00 is 19:00 UTC before, 18:00 after. */
  g_assert_cmpint (drama_tz_airstamp ("2024-03-30", "20:00", "Europe/Berlin", NULL),
                   ==, utc (2024, 3, 30, 19, 0));
  g_assert_cmpint (drama_tz_airstamp ("2024-03-31", "20:00", "Europe/Berlin", NULL),
                   ==, utc (2024, 3, 31, 18, 0));
  /* New York: EST (UTC-5) in January, EDT (UTC-4) in July. */
  g_assert_cmpint (drama_tz_airstamp ("2024-01-10", "21:00", "America/New_York", NULL),
                   ==, utc (2024, 1, 11, 2, 0));
  g_assert_cmpint (drama_tz_airstamp ("2024-07-10", "21:00", "America/New_York", NULL),
                   ==, utc (2024, 7, 11, 1, 0));
  /* An unknown zone uses the fallback, else UTC. */
  g_assert_cmpint (drama_tz_airstamp ("2024-07-10", "21:00", "Mars/Olympus", NULL),
                   ==, utc (2024, 7, 10, 21, 0));
  g_assert_cmpint (drama_tz_airstamp ("2024-07-10", "21:00", NULL, new_york),
                   ==, utc (2024, 7, 11, 1, 0));
  /* Nothing to compute from. */
  g_assert_cmpint (drama_tz_airstamp ("2024-07-10", NULL, "Asia/Seoul", NULL), ==, 0);
  g_assert_cmpint (drama_tz_airstamp ("2024-07-10", "", "Asia/Seoul", NULL), ==, 0);
  g_assert_cmpint (drama_tz_airstamp ("2024-13-45", "21:00", "Asia/Seoul", NULL), ==, 0);
  g_assert_cmpint (drama_tz_airstamp ("2024-02-30", "21:00", "Asia/Seoul", NULL), ==, 0);
  g_assert_cmpint (drama_tz_airstamp ("2024-07-10", "25:99", "Asia/Seoul", NULL), ==, 0);
  g_assert_cmpint (drama_tz_airstamp (NULL, "21:00", "Asia/Seoul", NULL), ==, 0);
}

static void
assert_schedule (const char * const *days,
                 const char         *time,
                 const char         *zone,
                 const char         *local_name,
                 gint64              now,
                 const char         *expected)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_identifier (local_name);
  g_autofree char *text = drama_tz_format_schedule (days, time, zone, local, now);

  g_assert_nonnull (local);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_tz_schedule (void)
{
  const char * const wed_thu[] = { "Wednesday", "Thursday", NULL };
  const char * const sat_sun[] = { "Saturday", "Sunday", NULL };
  const char * const weekdays[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", NULL };
  const char * const odd[] = { "Caturday", "Monday", "Wednesday", "Friday", NULL };
  gint64 winter = utc (2024, 1, 10, 12, 0);
  gint64 summer = utc (2024, 7, 10, 12, 0);

  /* A KBS drama seen from New York: same day at night, the morning before in EST/EDT. */
  assert_schedule (wed_thu, "22:00", "Asia/Seoul", "America/New_York", winter,
                   "Wed & Thu 22:00 KST — Wed & Thu 08:00 EST");
  assert_schedule (wed_thu, "22:00", "Asia/Seoul", "America/New_York", summer,
                   "Wed & Thu 22:00 KST — Wed & Thu 09:00 EDT");
  /* A morning broadcast in Seoul is the evening before in New York. */
  assert_schedule (wed_thu, "08:00", "Asia/Seoul", "America/New_York", winter,
                   "Wed & Thu 08:00 KST — Tue & Wed 18:00 EST");
  /* At home, one time is enough. */
  assert_schedule (wed_thu, "22:00", "Asia/Seoul", "Asia/Seoul", winter, "Wed & Thu 22:00 KST");
  assert_schedule (wed_thu, "22:00", "Asia/Seoul", "Europe/Berlin", summer,
                   "Wed & Thu 22:00 KST — Wed & Thu 15:00 CEST");
  /* The week Berlin moves its clocks (Sunday 31 March 2024): two local times. */
  assert_schedule (sat_sun, "20:00", "Asia/Seoul", "Europe/Berlin", utc (2024, 3, 28, 12, 0),
                   "Sat & Sun 20:00 KST — Sat 12:00 CET, Sun 13:00 CEST");
  /* A US show seen from Seoul moves to the next day. */
  assert_schedule (weekdays, "21:00", "America/New_York", "Asia/Seoul", winter,
                   "Mon–Fri 21:00 EST — Tue–Sat 11:00 KST");
  assert_schedule (odd, "22:00", "Asia/Seoul", "Asia/Seoul", winter, "Mon, Wed & Fri 22:00 KST");
  /* Without the network's zone nothing is converted; without days only the times show. */
  assert_schedule (wed_thu, "22:00", NULL, "America/New_York", winter, "Wed & Thu 22:00");
  assert_schedule (NULL, "22:00", "Asia/Seoul", "America/New_York", winter, "22:00 KST — 08:00 EST");
  assert_schedule (wed_thu, NULL, "Asia/Seoul", "America/New_York", winter, "Wed & Thu");
  assert_schedule (NULL, "25:99", "Asia/Seoul", "America/New_York", winter, NULL);

  /* What the app passes: the zone from TZ. GLib 2.74 notices a changed TZ. */
  {
    g_autofree char *saved = g_strdup (g_getenv ("TZ"));
    const char *zones[] = { "America/New_York", "Europe/Berlin", "Asia/Seoul" };
    const char *expected[] = {
      "Wed & Thu 22:00 KST — Wed & Thu 08:00 EST",
      "Wed & Thu 22:00 KST — Wed & Thu 14:00 CET",
      "Wed & Thu 22:00 KST",
    };

    for (gsize i = 0; i < G_N_ELEMENTS (zones); i++)
      {
        g_autoptr(GTimeZone) local = NULL;
        g_autofree char *text = NULL;

        g_setenv ("TZ", zones[i], TRUE);
        local = g_time_zone_new_local ();
        text = drama_tz_format_schedule (wed_thu, "22:00", "Asia/Seoul", local, winter);
        g_assert_cmpstr (text, ==, expected[i]);
      }
    if (saved != NULL)
      g_setenv ("TZ", saved, TRUE);
    else
      g_unsetenv ("TZ");
  }
}

static void
test_tz_relative (void)
{
  g_autoptr(GTimeZone) seoul = g_time_zone_new_identifier ("Asia/Seoul");
  /* Wednesday 22 May 2019, 19:00 KST. */
  gint64 now = ANGEL_EP1_STAMP - 3 * 3600;
  struct { gint64 delta; const char *text; } cases[] = {
    { 20, "now" },
    { 45 * 60, "in 45 min" },
    { 3 * 3600, "in 3 h" },
    { 24 * 3600, "tomorrow" },
    { 5 * 24 * 3600, "in 5 days" },
    { -2 * 3600, "aired 2 h ago" },
    { -10 * 60, "aired 10 min ago" },
    { -24 * 3600, "aired yesterday" },
    { -3 * 24 * 3600, "aired 3 days ago" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = drama_tz_format_relative (now + cases[i].delta, seoul, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* Calendar days count in the user's zone: 23:30 → 01:00 is "in 2 h", not "tomorrow";
   * 23:00 → next day 21:00 (22 h) is "tomorrow". */
  {
    gint64 late = utc (2019, 5, 22, 14, 30);  /* 23:30 KST */
    g_autofree char *soon = drama_tz_format_relative (late + 90 * 60, seoul, late);
    g_autofree char *next = drama_tz_format_relative (late + 22 * 3600, seoul, late);

    g_assert_cmpstr (soon, ==, "in 2 h");
    g_assert_cmpstr (next, ==, "tomorrow");
  }
}

static void
test_tz_next_episode (void)
{
  g_autoptr(GTimeZone) seoul = g_time_zone_new_identifier ("Asia/Seoul");
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  gint64 now = ANGEL_EP1_STAMP - 3 * 3600;
  g_autofree char *home = drama_tz_format_next_episode (13, ANGEL_EP1_STAMP, "2019-05-22", seoul, now);
  g_autofree char *abroad = drama_tz_format_next_episode (13, ANGEL_EP1_STAMP, "2019-05-22", new_york, now);
  g_autofree char *special = drama_tz_format_next_episode (0, ANGEL_EP1_STAMP + 86400, NULL, seoul, now);
  g_autofree char *far = drama_tz_format_next_episode (2, ANGEL_EP1_STAMP + 9 * 86400, NULL, seoul, now);
  g_autofree char *date_only = drama_tz_format_next_episode (5, 0, "2019-05-29", seoul, now);
  g_autofree char *unknown = drama_tz_format_next_episode (6, 0, NULL, seoul, now);

  g_assert_cmpstr (home, ==, "Ep 13 · Wed 22:00 · in 3 h");
  /* 13:00 UTC in May is 09:00 EDT, the same Wednesday. */
  g_assert_cmpstr (abroad, ==, "Ep 13 · Wed 09:00 · in 3 h");
  g_assert_cmpstr (special, ==, "Special · Thu 22:00 · tomorrow");
  g_assert_cmpstr (far, ==, "Ep 2 · 31 May 22:00 · in 9 days");
  g_assert_cmpstr (date_only, ==, "Ep 5 · Wed 29 May");
  g_assert_cmpstr (unknown, ==, "Ep 6 · Date not announced");
}

/* ---- parser, no network ---- */

static void
test_parse_hostile (void)
{
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = NULL;
  gsize length;

  if (!test_have_shared ("corpus/hostile/tvmaze-show-hostile.json"))
    return;
  data = read_shared ("corpus/hostile/tvmaze-show-hostile.json", &length);
  g_assert_nonnull (data);

  show = drama_tvmaze_parse_show (data, length, &episodes, &cast, &error);
  g_assert_no_error (error);
  g_assert_nonnull (show);
  g_assert_cmpint (drama_show_get_tvmaze_id (show), ==, 99999999);
  /* Text stays text (the UI escapes it); unsafe URLs, impossible dates and numbers go. */
  g_assert_cmpstr (drama_show_get_name (show), ==, "<script>alert('name')</script>Hostile Show");
  g_assert_null (drama_show_get_official_site (show));
  g_assert_null (drama_show_get_image_medium (show));
  g_assert_null (drama_show_get_image_original (show));
  g_assert_null (drama_show_get_imdb (show));
  g_assert_null (drama_show_get_premiered (show));
  g_assert_null (drama_show_get_schedule_time (show));
  g_assert_true (drama_show_get_schedule_days (show) == NULL || drama_show_get_schedule_days (show)[0] == NULL);
  g_assert_cmpint (drama_show_get_runtime (show), ==, 0);
  g_assert_cmpstr (drama_show_get_timezone (show), ==, "Asia/Seoul");
  g_assert_cmpstr (drama_show_get_summary (show), !=, NULL);
  g_assert_nonnull (strstr (drama_show_get_summary (show), "Safe text."));
  g_assert_null (strstr (drama_show_get_summary (show), "<"));
  g_assert_cmpuint (g_strv_length ((char **) drama_show_get_genres (show)), ==, 2);

  /* Duplicate episode ids kept once; the bad airstamp recomputed from date + time + zone. */
  g_assert_cmpuint (episodes->len, ==, 3);
  g_assert_cmpint (drama_episode_get_airstamp (find_episode (episodes, 1)),
                   ==, utc (2024, 1, 1, 12, 0));
  g_assert_cmpint (drama_episode_get_number (find_episode (episodes, 2)), ==, 0);
  g_assert_cmpint (drama_episode_get_airstamp (find_episode (episodes, 2)), ==, 0);
  g_assert_cmpstr (drama_episode_get_name (find_episode (episodes, 3)), ==, "Duplicate id");
  g_assert_cmpint (drama_episode_get_number (find_episode (episodes, 3)), ==, 1);

  /* Only the cast entry with a real person survives; the NUL cuts the character name. */
  g_assert_cmpuint (cast->len, ==, 1);
  g_assert_null (drama_person_get_image_medium (g_ptr_array_index (cast, 0)));
  g_assert_cmpstr (drama_person_get_character (g_ptr_array_index (cast, 0)), ==, "Role");
}

/* A lone "\ud800" in TVmaze's JSON: json-glib made it invalid bytes and ate the next
 * character, and a lone one before another escape failed the whole show. The name reads
 * "x�y"; a real pair is its character. */
static void
test_parse_lone_surrogate (void)
{
  static const char json[] =
    "{\"id\": 7, \"name\": \"x\\ud800y\", \"summary\": \"<p>one\\udc00two</p>\","
    " \"genres\": [\"Dra\\udbffma\", \"Love \\ud83d\\udc96\"],"
    " \"_embedded\": {\"cast\": [{\"person\": {\"id\": 1, \"name\": \"Kim\\ud800\\u0041\"},"
    "  \"character\": {\"name\": \"R\\ud800\"}}]}}";
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = drama_tvmaze_parse_show (json, -1, &episodes, &cast, &error);
  const char * const *genres;

  g_assert_no_error (error);
  g_assert_nonnull (show);
  g_assert_cmpstr (drama_show_get_name (show), ==, "x\xEF\xBF\xBDy");
  g_assert_cmpstr (drama_show_get_summary (show), ==, "one\xEF\xBF\xBDtwo");
  genres = drama_show_get_genres (show);
  g_assert_cmpstr (genres[0], ==, "Dra\xEF\xBF\xBDma");
  g_assert_cmpstr (genres[1], ==, "Love \xF0\x9F\x92\x96");
  g_assert_cmpuint (cast->len, ==, 1);
  g_assert_cmpstr (drama_person_get_name (g_ptr_array_index (cast, 0)), ==, "Kim\xEF\xBF\xBD" "A");
  g_assert_cmpstr (drama_person_get_character (g_ptr_array_index (cast, 0)), ==, "R\xEF\xBF\xBD");
}

static void
test_parse_malformed (void)
{
  static const char * const not_a_show[] = {
    "", "not json", "{\"name\": ", "[]", "{}", "{\"name\": 42}", "null", "\"text\"",
  };
  const char *deep_files[] = {
    "corpus/hostile/deeply-nested.json", "corpus/hostile/deeply-nested-tvmaze.json",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (not_a_show); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DramaShow) show = drama_tvmaze_parse_show (not_a_show[i], -1, NULL, NULL, &error);

      g_assert_null (show);
      g_assert_error (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_MALFORMED);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (deep_files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;
      g_autofree char *data = NULL;
      gsize length;
      g_autoptr(DramaShow) show = NULL;
      g_autoptr(GPtrArray) results = NULL;

      data = read_shared (deep_files[i], &length);
      if (data == NULL)
        continue;
      show = drama_tvmaze_parse_show (data, length, NULL, NULL, &error);
      g_assert_null (show);
      g_assert_error (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_MALFORMED);
      results = drama_tvmaze_parse_search (data, length, &error2);
      g_assert_null (results);
      g_assert_error (error2, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_MALFORMED);
    }

  /* Nesting inside strings is not nesting. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *brackets = g_strnfill (200, '[');
    g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\"}", brackets);
    g_autoptr(DramaShow) show = drama_tvmaze_parse_show (json, -1, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (drama_show_get_name (show), ==, brackets);
  }
}

static void
test_parse_corpus_shapes (void)
{
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_auto(GStrv) akas = NULL;
  g_autofree char *original = NULL;
  gsize length;

  /* The current API shape: airstamps without a zone are recomputed from the network's. */
  data = read_fixture ("tvmaze/tvmaze-java-client/AllEmbeddedTypes.json", &length);
  show = drama_tvmaze_parse_show (data, length, &episodes, &cast, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drama_show_get_network (show), ==, "HBO");
  g_assert_cmpstr (drama_show_get_ended (show), ==, "2017-04-16");
  g_assert_cmpint (drama_show_get_tvmaze_updated (show), ==, 1704794122);
  g_assert_cmpuint (episodes->len, >, 0);
  g_assert_cmpint (drama_episode_get_airstamp (find_episode (episodes, 100)),
                   ==, utc (2012, 4, 16, 2, 0));
  g_assert_cmpuint (cast->len, >, 0);
  g_assert_cmpstr (drama_person_get_character (g_ptr_array_index (cast, 0)), ==, "Character 1");
  g_clear_pointer (&data, g_free);

  data = read_fixture ("tvmaze/TVMaze4J/akas.json", &length);
  akas = drama_tvmaze_parse_akas (data, length, "RU", &original, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (akas), ==, 1);
  g_assert_cmpstr (akas[0], ==, "Кремниевая долина");
  g_assert_cmpstr (original, ==, "Кремниевая долина");
}

/* ---- client against the fake server ---- */

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GAsyncResult) result3 = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GPtrArray) girls = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  const char *agent;
  DramaShow *first;
  DramaShow *chicken = NULL;

  drama_tvmaze_search_async (fixture->tvmaze, "  angel ", NULL, result_cb, &result);
  shows = drama_tvmaze_search_finish (fixture->tvmaze, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shows->len, ==, 3);

  first = g_ptr_array_index (shows, 0);
  g_assert_cmpint (drama_show_get_tvmaze_id (first), ==, ANGEL_ID);
  g_assert_cmpstr (drama_show_get_name (first), ==, "Angel's Last Mission: Love");
  g_assert_cmpstr (drama_show_get_premiered (first), ==, "2019-05-22");
  g_assert_cmpstr (drama_show_get_network (first), ==, "KBS2");
  g_assert_cmpstr (drama_show_get_country (first), ==, "KR");
  g_assert_true (g_str_has_prefix (drama_show_get_image_medium (first), "https://static.tvmaze.com/"));
  g_assert_null (drama_show_get_image_medium (g_ptr_array_index (shows, 2)));
  g_assert_cmpstr (drama_show_get_language (g_ptr_array_index (shows, 1)), ==, "English");

  agent = fake_server_get_last_header (fixture->server, "/search/shows", "User-Agent");
  g_assert_nonnull (agent);
  g_assert_true (g_str_has_prefix (agent, "Dramalist/"));
  g_assert_cmpstr (fake_server_get_last_query (fixture->server, "/search/shows"), ==, "q=angel");

  /* A real capture: a web-channel show has no network. */
  drama_tvmaze_search_async (fixture->tvmaze, "girls", NULL, result_cb, &result2);
  girls = drama_tvmaze_search_finish (fixture->tvmaze, wait_for (&result2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (girls->len, ==, 10);
  for (guint i = 0; i < girls->len; i++)
    if (drama_show_get_tvmaze_id (g_ptr_array_index (girls, i)) == 32087)
      chicken = g_ptr_array_index (girls, i);
  g_assert_nonnull (chicken);
  g_assert_cmpstr (drama_show_get_network (chicken), ==, "Brat");
  g_assert_cmpstr (drama_show_get_country (chicken), ==, "US");
  g_assert_cmpstr (drama_show_get_timezone (chicken), ==, "America/New_York");

  /* An empty query never reaches the network. */
  drama_tvmaze_search_async (fixture->tvmaze, "   ", NULL, result_cb, &result3);
  none = drama_tvmaze_search_finish (fixture->tvmaze, wait_for (&result3), &error);
  g_assert_null (none);
  g_assert_error (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_INVALID);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/search/shows"), ==, 2);
}

static void
test_get_show_and_save (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(GPtrArray) stored_episodes = NULL;
  g_autoptr(GPtrArray) stored_cast = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(DramaShow) stored = NULL;
  g_autoptr(DramaStore) store = NULL;
  const char * const *akas;
  const char * const *days;
  DramaEpisode *special;
  DramaPerson *dan;
  guint specials = 0;

  show = get_show (fixture, ANGEL_ID, &episodes, &cast, &error);
  g_assert_no_error (error);
  g_assert_nonnull (show);

  g_assert_cmpstr (drama_show_get_name (show), ==, "Angel's Last Mission: Love");
  g_assert_cmpstr (drama_show_get_original_name (show), ==, "단, 하나의 사랑");
  g_assert_cmpstr (drama_show_get_language (show), ==, "Korean");
  g_assert_cmpstr (drama_show_get_status (show), ==, "Ended");
  g_assert_true (drama_show_is_ended (show));
  g_assert_cmpstr (drama_show_get_ended (show), ==, "2019-07-11");
  g_assert_cmpstr (drama_show_get_network (show), ==, "KBS2");
  g_assert_cmpstr (drama_show_get_timezone (show), ==, "Asia/Seoul");
  g_assert_cmpstr (drama_show_get_schedule_time (show), ==, "22:00");
  days = drama_show_get_schedule_days (show);
  g_assert_cmpuint (g_strv_length ((char **) days), ==, 2);
  g_assert_cmpstr (days[0], ==, "Wednesday");
  g_assert_cmpstr (days[1], ==, "Thursday");
  g_assert_cmpint (drama_show_get_runtime (show), ==, 30);
  g_assert_cmpstr (drama_show_get_imdb (show), ==, "tt10220588");
  g_assert_true (g_strv_contains (drama_show_get_genres (show), "Fantasy"));
  /* The summary is plain text. */
  g_assert_true (g_str_has_prefix (drama_show_get_summary (show), "Angel's Last Mission: Love is a fantasy"));
  akas = drama_show_get_akas (show);
  g_assert_cmpuint (g_strv_length ((char **) akas), ==, 3);
  g_assert_true (g_strv_contains (akas, "Dan, Only Love"));
  g_assert_cmpint (drama_show_get_tvmaze_updated (show), ==, 1650000000);

  /* 32 half-hour episodes, two a night, and one special. */
  g_assert_cmpuint (episodes->len, ==, 33);
  g_assert_cmpint (drama_episode_get_airstamp (g_ptr_array_index (episodes, 0)),
                   ==, ANGEL_EP1_STAMP);
  g_assert_cmpint (drama_episode_get_airstamp (g_ptr_array_index (episodes, 1)),
                   ==, ANGEL_EP1_STAMP + 35 * 60);
  g_assert_cmpstr (drama_episode_get_airtime (g_ptr_array_index (episodes, 1)), ==, "22:35");
  g_assert_cmpstr (drama_episode_get_airdate (g_ptr_array_index (episodes, 31)), ==, "2019-07-11");
  g_assert_cmpint (drama_episode_get_number (g_ptr_array_index (episodes, 31)), ==, 32);
  g_assert_cmpstr (drama_episode_get_summary (g_ptr_array_index (episodes, 0)), ==,
                   "Prima ballerina Lee Yeon Seo has lost her sight & her parents, and trusts no one. "
                   "Angel Dan is sent down to make her fall in love.");
  for (guint i = 0; i < episodes->len; i++)
    specials += drama_episode_get_number (g_ptr_array_index (episodes, i)) == 0;
  g_assert_cmpuint (specials, ==, 1);
  special = find_episode (episodes, 1600033);
  g_assert_cmpint (drama_episode_get_number (special), ==, 0);
  g_assert_cmpint (drama_episode_get_season (special), ==, 1);

  g_assert_cmpuint (cast->len, ==, 5);
  dan = g_ptr_array_index (cast, 1);
  g_assert_cmpstr (drama_person_get_name (dan), ==, "Kim Myung-soo");
  g_assert_cmpstr (drama_person_get_character (dan), ==, "Dan");
  g_assert_cmpint (drama_person_get_cast_order (dan), ==, 1);
  g_assert_cmpint (drama_person_get_tvmaze_id (dan), ==, KIM_MYUNG_SOO);
  g_assert_cmpstr (drama_person_get_character (g_ptr_array_index (cast, 0)), ==, "Lee Yeon-seo");
  g_assert_cmpstr (drama_person_get_character (g_ptr_array_index (cast, 2)), ==, "Ji Kang-woo");
  g_assert_null (drama_person_get_image_medium (g_ptr_array_index (cast, 4)));

  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/shows/41163"), ==, 1);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/shows/41163/akas"), ==, 1);

  /* Into a real store. */
  store = fixture_open_store (fixture);
  g_assert_true (drama_store_save_show (store, show, episodes, cast, &error));
  g_assert_no_error (error);
  g_assert_cmpint (drama_show_get_id (show), >, 0);

  stored = drama_store_find_show_by_tvmaze_id (store, ANGEL_ID, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (drama_show_get_name (stored), ==, "Angel's Last Mission: Love");
  g_assert_cmpstr (drama_show_get_timezone (stored), ==, "Asia/Seoul");
  g_assert_cmpuint (g_strv_length ((char **) drama_show_get_akas (stored)), ==, 3);

  stored_episodes = drama_store_list_episodes (store, drama_show_get_id (stored), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored_episodes->len, ==, 33);
  g_assert_cmpint (drama_episode_get_airstamp (find_episode (stored_episodes, 1600001)),
                   ==, ANGEL_EP1_STAMP);

  stored_cast = drama_store_list_cast (store, drama_show_get_id (stored), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored_cast->len, ==, 5);
  g_assert_cmpstr (drama_person_get_character (g_ptr_array_index (stored_cast, 1)), ==, "Dan");
}

static void
test_get_show_corpus (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = NULL;

  /* A real capture of /shows/1?embed=cast: no episodes embedded is not an error. */
  show = get_show (fixture, 1, &episodes, &cast, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drama_show_get_name (show), ==, "Under the Dome");
  g_assert_cmpstr (drama_show_get_network (show), ==, "CBS");
  g_assert_cmpstr (drama_show_get_timezone (show), ==, "America/New_York");
  g_assert_cmpuint (episodes->len, ==, 0);
  g_assert_cmpuint (cast->len, ==, 15);
  g_assert_cmpstr (drama_person_get_name (g_ptr_array_index (cast, 0)), ==, "Mike Vogel");
  g_assert_cmpuint (g_strv_length ((char **) drama_show_get_akas (show)), ==, 2);
  g_assert_null (drama_show_get_original_name (show));
}

static void
test_akas_failure_not_fatal (Fixture       *fixture,
                             gconstpointer  data)
{
  FakeFailure broken = { .status = 500 };
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = NULL;

  fake_server_fail (fixture->server, "/shows/41163/akas", &broken);
  show = get_show (fixture, ANGEL_ID, &episodes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drama_show_get_name (show), ==, "Angel's Last Mission: Love");
  g_assert_cmpuint (episodes->len, ==, 33);
  g_assert_true (drama_show_get_akas (show) == NULL || drama_show_get_akas (show)[0] == NULL);
}

static void
test_refresh_keeps_seen (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(DramaStore) store = fixture_open_store (fixture);
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(DramaShow) updated = NULL;
  gint64 seen_ids[4];
  gint64 seen_at = ANGEL_EP1_STAMP + 7 * 86400;
  gint64 show_id;

  show = get_show (fixture, ANGEL_ID, &episodes, &cast, &error);
  g_assert_no_error (error);
  g_assert_true (drama_store_save_show (store, show, episodes, cast, &error));
  g_assert_no_error (error);
  show_id = drama_show_get_id (show);

  stored = drama_store_list_episodes (store, show_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (seen_ids); i++)
    seen_ids[i] = drama_episode_get_id (find_episode (stored, 1600001 + i));
  g_assert_true (drama_store_set_episodes_seen (store, seen_ids, G_N_ELEMENTS (seen_ids), seen_at, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (drama_store_set_show_user_fields (store, show_id, DRAMA_WATCH_STATUS_WATCHING, 9,
                                                  "Cried at 4", &error));
  g_assert_no_error (error);

  /* TVmaze later: episode 1 renamed, 31–32 moved a week, a second special. Fetched and
   * saved (in a worker thread) in one call. */
  fake_server_route (fixture->server, "/shows/41163", "tvmaze/show-41163-updated.json");
  drama_tvmaze_refresh_show_async (fixture->tvmaze, store, ANGEL_ID, NULL, result_cb, &result);
  updated = drama_tvmaze_refresh_show_finish (fixture->tvmaze, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (drama_show_get_tvmaze_updated (updated), ==, 1700050000);
  g_assert_cmpint (drama_show_get_id (updated), ==, show_id);

  /* The user's own fields survive the refresh. */
  g_clear_object (&show);
  show = drama_store_get_show (store, show_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (drama_show_get_user_status (show), ==, DRAMA_WATCH_STATUS_WATCHING);
  g_assert_cmpint (drama_show_get_rating (show), ==, 9);
  g_assert_cmpstr (drama_show_get_notes (show), ==, "Cried at 4");
  g_assert_cmpstr (drama_show_get_ended (show), ==, "2019-07-25");
  g_assert_cmpuint (count_shows (store), ==, 1);

  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = drama_store_list_episodes (store, show_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 34);
  g_assert_cmpstr (drama_episode_get_name (find_episode (stored, 1600001)),
                   ==, "The Angel and the Ballerina");
  g_assert_cmpstr (drama_episode_get_airdate (find_episode (stored, 1600031)), ==, "2019-07-18");
  g_assert_nonnull (find_episode (stored, 1600034));
  for (guint i = 0; i < stored->len; i++)
    {
      DramaEpisode *episode = g_ptr_array_index (stored, i);
      gint64 tvmaze_id = drama_episode_get_tvmaze_id (episode);

      if (tvmaze_id >= 1600001 && tvmaze_id <= 1600004)
        g_assert_cmpint (drama_episode_get_seen_at (episode), ==, seen_at);
      else
        g_assert_cmpint (drama_episode_get_seen_at (episode), ==, 0);
    }
}

static void
assert_show_error (Fixture          *fixture,
                   DramaStore       *store,
                   DramaTvmazeError  code,
                   const char       *fragment)
{
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = NULL;

  show = get_show (fixture, ANGEL_ID, &episodes, NULL, &error);
  g_assert_null (show);
  g_assert_null (episodes);
  g_assert_error (error, DRAMA_TVMAZE_ERROR, (gint) code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” not in “%s”", fragment, error->message);
  g_assert_cmpuint (count_shows (store), ==, 0);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DramaStore) store = fixture_open_store (fixture);
  FakeFailure not_found = { .status = 404 };
  FakeFailure unavailable = { .status = 503 };
  FakeFailure forbidden = { .status = 403 };
  FakeFailure slow = { .delay_ms = 3000, .times = 1 };
  FakeFailure cut = { .truncate = TRUE };
  FakeFailure short_body = { .short_content_length = TRUE };

  fake_server_fail (fixture->server, "/shows/41163", &not_found);
  assert_show_error (fixture, store, DRAMA_TVMAZE_ERROR_NOT_FOUND, "not found on TVmaze");
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(DramaShow) show = NULL;

    drama_tvmaze_refresh_show_async (fixture->tvmaze, store, ANGEL_ID, NULL, result_cb, &result);
    show = drama_tvmaze_refresh_show_finish (fixture->tvmaze, wait_for (&result), &error);
    g_assert_null (show);
    g_assert_error (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_NOT_FOUND);
    g_assert_cmpuint (count_shows (store), ==, 0);
  }

  fake_server_fail (fixture->server, "/shows/41163", &unavailable);
  assert_show_error (fixture, store, DRAMA_TVMAZE_ERROR_SERVER, "HTTP 503");

  fake_server_fail (fixture->server, "/shows/41163", &forbidden);
  assert_show_error (fixture, store, DRAMA_TVMAZE_ERROR_HTTP, "403");

  fake_server_fail (fixture->server, "/shows/41163", &cut);
  assert_show_error (fixture, store, DRAMA_TVMAZE_ERROR_NETWORK, "Could not reach TVmaze");

  fake_server_fail (fixture->server, "/shows/41163", &short_body);
  assert_show_error (fixture, store, DRAMA_TVMAZE_ERROR_NETWORK, "Could not reach TVmaze");

  fake_server_clear_failures (fixture->server);
  fake_server_set_body (fixture->server, "/shows/41163", "application/json", "{\"id\": 41163, \"name\": ");
  assert_show_error (fixture, store, DRAMA_TVMAZE_ERROR_MALFORMED, "could not be read");

  fake_server_set_body (fixture->server, "/shows/41163", "text/html", "<html><body>Bot check</body></html>");
  assert_show_error (fixture, store, DRAMA_TVMAZE_ERROR_MALFORMED, NULL);

  fake_server_route (fixture->server, "/shows/41163", "tvmaze/show-41163.json");
  fake_server_fail (fixture->server, "/shows/41163", &slow);
  drama_tvmaze_set_timeout (fixture->tvmaze, 1);
  assert_show_error (fixture, store, DRAMA_TVMAZE_ERROR_TIMED_OUT, "Could not reach TVmaze");

  /* Nothing listens on the discard port. */
  {
    g_autoptr(DramaTvmaze) nowhere = drama_tvmaze_new ("http://127.0.0.1:9");
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) shows = NULL;

    drama_tvmaze_search_async (nowhere, "angel", NULL, result_cb, &result);
    shows = drama_tvmaze_search_finish (nowhere, wait_for (&result), &error);
    g_assert_null (shows);
    g_assert_error (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_NETWORK);
    g_assert_true (g_str_has_prefix (error->message, "Could not reach TVmaze: "));
  }
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  FakeFailure busy_once = { .status = 429, .retry_after = "1", .times = 1 };
  FakeFailure busy_no_header = { .status = 429, .times = 2 };
  FakeFailure busy_always = { .status = 429, .retry_after = "0" };
  g_autoptr(GHashTable) updates = NULL;
  g_autoptr(GError) error = NULL;
  const GArray *times;
  gint64 start;

  fake_server_fail (fixture->server, "/updates/shows", &busy_once);
  start = g_get_monotonic_time ();
  updates = get_updates (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (updates);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/updates/shows"), ==, 2);
  times = fake_server_get_hit_times (fixture->server, "/updates/shows");
  g_assert_cmpint (g_array_index (times, gint64, 1) - g_array_index (times, gint64, 0),
                   >=, G_USEC_PER_SEC);
  g_clear_pointer (&updates, g_hash_table_unref);

  /* Without Retry-After the default wait applies. */
  drama_tvmaze_set_retry_delays (fixture->tvmaze, 300, 60000);
  fake_server_fail (fixture->server, "/updates/shows", &busy_no_header);
  start = g_get_monotonic_time ();
  updates = get_updates (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 600 * 1000);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/updates/shows"), ==, 5);
  g_clear_pointer (&updates, g_hash_table_unref);

  /* A server that never stops saying 429: three retries, then an error. */
  fake_server_fail (fixture->server, "/updates/shows", &busy_always);
  updates = get_updates (fixture, &error);
  g_assert_null (updates);
  g_assert_error (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_RATE_LIMITED);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/updates/shows"), ==, 9);
}

typedef struct {
  guint  pending;
  guint  failed;
} Batch;

static void
batch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) updates = drama_tvmaze_get_updates_finish (DRAMA_TVMAZE (source), result, &error);

  if (updates == NULL)
    batch->failed++;
  batch->pending--;
}

static void
test_throttle (Fixture       *fixture,
               gconstpointer  data)
{
  /* TVmaze's 20 calls per 10 s, scaled down in time: 20 per 1.5 s. */
  const guint calls = 20;
  const gint64 window = 1500 * 1000;
  /* Server-side arrival times jitter a little on a busy machine; without the throttle the
   * gaps would be a few milliseconds, far below this. */
  const gint64 tolerance = 150 * 1000;
  Batch batch = { 25, 0 };
  const GArray *times;
  gint64 start = g_get_monotonic_time ();

  drama_tvmaze_set_rate_limit (fixture->tvmaze, calls, window / 1000);
  for (guint i = 0; i < 25; i++)
    drama_tvmaze_get_updates_async (fixture->tvmaze, "day", NULL, batch_cb, &batch);
  while (batch.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (batch.failed, ==, 0);
  times = fake_server_get_hit_times (fixture->server, "/updates/shows");
  g_assert_cmpuint (times->len, ==, 25);
  /* No window of 1.5 s holds more than 20 requests: the 21st comes a window after the 1st. */
  for (guint i = 0; i + calls < times->len; i++)
    g_assert_cmpint (g_array_index (times, gint64, i + calls) - g_array_index (times, gint64, i),
                     >=, window - tolerance);
  /* …and the excess waited rather than failed. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, window - tolerance);
  /* The first 20 were not held back. */
  g_assert_cmpint (g_array_index (times, gint64, calls - 1) - start, <, window / 2);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) waiting = g_cancellable_new ();
  g_autoptr(GCancellable) flying = g_cancellable_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) third = NULL;
  g_autoptr(GHashTable) a = NULL;
  g_autoptr(GHashTable) b = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;
  FakeFailure slow = { .delay_ms = 5000, .times = 1 };
  gint64 start;

  /* One call per 10 s: the second waits in the queue until cancelled. */
  drama_tvmaze_set_rate_limit (fixture->tvmaze, 1, 10000);
  drama_tvmaze_get_updates_async (fixture->tvmaze, "day", NULL, result_cb, &first);
  drama_tvmaze_get_updates_async (fixture->tvmaze, "day", waiting, result_cb, &second);
  a = drama_tvmaze_get_updates_finish (fixture->tvmaze, wait_for (&first), &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_cancellable_cancel (waiting);
  b = drama_tvmaze_get_updates_finish (fixture->tvmaze, wait_for (&second), &error);
  g_assert_null (b);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/updates/shows"), ==, 1);
  g_clear_error (&error);

  /* Cancelled on the wire. */
  drama_tvmaze_set_rate_limit (fixture->tvmaze, 20, 10000);
  fake_server_fail (fixture->server, "/search/shows", &slow);
  drama_tvmaze_search_async (fixture->tvmaze, "angel", flying, result_cb, &third);
  while (fake_server_get_hits (fixture->server, "/search/shows") == 0)
    g_main_context_iteration (NULL, TRUE);
  start = g_get_monotonic_time ();
  g_cancellable_cancel (flying);
  shows = drama_tvmaze_search_finish (fixture->tvmaze, wait_for (&third), &error);
  g_assert_null (shows);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_person_credits (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GAsyncResult) result3 = NULL;
  g_autoptr(GPtrArray) credits = NULL;
  g_autoptr(GPtrArray) corpus = NULL;
  g_autoptr(DramaPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const names[] = {
    "Royal Secret Agent", "Angel's Last Mission: Love", "Ms. Hammurabi", "My Lovely Girl",
  };
  static const char * const characters[] = { "Seong Yi-gyeom", "Dan", "Im Ba-reun", "Shi Hyun" };

  drama_tvmaze_get_person_credits_async (fixture->tvmaze, KIM_MYUNG_SOO, NULL, result_cb, &result);
  credits = drama_tvmaze_get_person_credits_finish (fixture->tvmaze, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credits->len, ==, G_N_ELEMENTS (names));
  /* Newest first, whatever order TVmaze lists them in. */
  for (guint i = 0; i < credits->len; i++)
    {
      DramaCredit *credit = g_ptr_array_index (credits, i);

      g_assert_cmpstr (drama_show_get_name (credit->show), ==, names[i]);
      g_assert_cmpstr (credit->character, ==, characters[i]);
    }
  g_assert_cmpstr (fake_server_get_last_query (fixture->server, "/people/20102/castcredits"),
                   !=, NULL);

  /* A real capture without embedded characters: shows, no character names. */
  drama_tvmaze_get_person_credits_async (fixture->tvmaze, 1, NULL, result_cb, &result2);
  corpus = drama_tvmaze_get_person_credits_finish (fixture->tvmaze, wait_for (&result2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (corpus->len, >, 0);
  g_assert_cmpstr (drama_show_get_name (((DramaCredit *) g_ptr_array_index (corpus, corpus->len - 1))->show),
                   !=, NULL);

  drama_tvmaze_get_person_async (fixture->tvmaze, KIM_MYUNG_SOO, NULL, result_cb, &result3);
  person = drama_tvmaze_get_person_finish (fixture->tvmaze, wait_for (&result3), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drama_person_get_name (person), ==, "Kim Myung-soo");
  g_assert_cmpint (drama_person_get_tvmaze_id (person), ==, KIM_MYUNG_SOO);
}

static void
test_updates (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GHashTable) updates = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = ANGEL_ID;
  gint64 *when;

  updates = get_updates (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (updates), ==, 3);
  when = g_hash_table_lookup (updates, &id);
  g_assert_nonnull (when);
  g_assert_cmpint (*when, ==, 1700050000);
  g_assert_cmpstr (fake_server_get_last_query (fixture->server, "/updates/shows"), ==, "since=day");
}

static void
test_image (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fake_server_get_url (fixture->server), "/images/poster.png", NULL);
  g_autofree char *expected = NULL;
  gsize expected_len;

  expected = read_fixture ("tvmaze/poster.png", &expected_len);

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      drama_tvmaze_fetch_image_async (fixture->tvmaze, url, NULL, result_cb, &result);
      bytes = drama_tvmaze_fetch_image_finish (fixture->tvmaze, wait_for (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, expected_len);
    }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    drama_tvmaze_fetch_image_async (fixture->tvmaze, "file:///etc/passwd", NULL, result_cb, &result);
    bytes = drama_tvmaze_fetch_image_finish (fixture->tvmaze, wait_for (&result), &error);
    g_assert_null (bytes);
    g_assert_error (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_INVALID);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tvmaze/tz/airstamp", test_tz_airstamp);
  g_test_add_func ("/tvmaze/tz/schedule", test_tz_schedule);
  g_test_add_func ("/tvmaze/tz/relative", test_tz_relative);
  g_test_add_func ("/tvmaze/tz/next-episode", test_tz_next_episode);
  g_test_add_func ("/tvmaze/parse/hostile", test_parse_hostile);
  g_test_add_func ("/tvmaze/parse/malformed", test_parse_malformed);
  g_test_add_func ("/tvmaze/parse/lone-surrogate", test_parse_lone_surrogate);
  g_test_add_func ("/tvmaze/parse/corpus-shapes", test_parse_corpus_shapes);

#define ADD(path, func) \
  g_test_add ("/tvmaze/client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("search", test_search);
  ADD ("get-show-and-save", test_get_show_and_save);
  ADD ("get-show-corpus", test_get_show_corpus);
  ADD ("akas-failure-not-fatal", test_akas_failure_not_fatal);
  ADD ("refresh-keeps-seen", test_refresh_keeps_seen);
  ADD ("errors", test_errors);
  ADD ("retry-after", test_retry_after);
  ADD ("throttle", test_throttle);
  ADD ("cancel", test_cancel);
  ADD ("person-credits", test_person_credits);
  ADD ("updates", test_updates);
  ADD ("image", test_image);
#undef ADD

  return g_test_run ();
}
