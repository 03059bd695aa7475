/* test-show-refresher.c: DramaShowRefresher against the fake TVmaze server on 127.0.0.1 and
 * a real SQLite file, without a display: a refresh fetches only the shows /updates/shows
 * names and keeps the seen marks, the start with fresh data only looks for new episodes,
 * and that look announces the newest unseen episode aired since the previous one. */
#include "config.h"

#include <glib/gstdio.h>

#include "drama-show-refresher.h"
#include "drama-store.h"
#include "drama-tvmaze-parse.h"
#include "drama-tvmaze.h"
#include "fake-server.h"
#include "test-common.h"

typedef struct {
  FakeServer  *server;
  DramaTvmaze *tvmaze;
  DramaStore  *store;
  char        *tmpdir;
  gint64       show_id;
  gint64       ep1_id;
  gint64       newest_id;   /* the episode aired last */
} Fixture;

static char *
read_fixture (const char *relpath)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", relpath, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
set_meta_time (DramaStore *store,
               const char *key,
               gint64      when)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, when);
  g_autoptr(GError) error = NULL;

  g_assert_true (drama_store_set_meta (store, key, value, &error));
  g_assert_no_error (error);
}

static gint64
get_meta_time (DramaStore *store,
               const char *key)
{
  g_autofree char *value = drama_store_get_meta (store, key, NULL);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

/* "Angel's Last Mission" (TVmaze 41163) on the watchlist, Watching, episode 1 seen. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = FAKE_SERVER_FIXTURES (NULL);
  g_autofree char *path = NULL;
  g_autofree char *show_json = read_fixture ("tvmaze/show-41163.json");
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GError) error = NULL;

  fixture->server = fake_server_new (dir);
  g_assert_nonnull (fixture->server);
  fake_server_route (fixture->server, "/updates/shows", "tvmaze/updates-day.json");
  fake_server_route (fixture->server, "/shows/41163", "tvmaze/show-41163.json");
  fake_server_route (fixture->server, "/shows/41163/akas", "tvmaze/akas-41163.json");
  fixture->tvmaze = drama_tvmaze_new (fake_server_get_url (fixture->server));

  fixture->tmpdir = g_dir_make_tmp ("test-show-refresher-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->tmpdir, "library.db", NULL);
  fixture->store = drama_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  show = drama_tvmaze_parse_show (show_json, -1, &episodes, &cast, &error);
  g_assert_no_error (error);
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  g_assert_true (drama_store_save_show (fixture->store, show, episodes, cast, &error));
  g_assert_no_error (error);
  fixture->show_id = drama_show_get_id (show);
  for (guint i = 0, newest = 0; i < episodes->len; i++)
    {
      DramaEpisode *ep = g_ptr_array_index (episodes, i);

      if (drama_episode_get_season (ep) == 1 && drama_episode_get_number (ep) == 1)
        fixture->ep1_id = drama_episode_get_id (ep);
      if (drama_episode_get_airstamp (ep) >= drama_episode_get_airstamp (episodes->pdata[newest]))
        {
          newest = i;
          fixture->newest_id = drama_episode_get_id (ep);
        }
    }
  g_assert_cmpint (fixture->ep1_id, >, 0);
  g_assert_cmpint (fixture->newest_id, >, 0);
  g_assert_true (drama_store_set_episodes_seen (fixture->store, &fixture->ep1_id, 1, now_unix (),
                                                NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "library.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fixture->store);
  g_clear_object (&fixture->tvmaze);
  g_clear_pointer (&fixture->server, fake_server_free);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (drama_show_refresher_refresh_finish (DRAMA_SHOW_REFRESHER (source), result,
                                                      &n, &error));
  g_assert_no_error (error);
  *(int *) user_data = (int) n;
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(int *) user_data = drama_show_refresher_check_new_episodes_finish (DRAMA_SHOW_REFRESHER (source),
                                                                       result, &error);
  g_assert_no_error (error);
}

static void
wait_int_set (int *value)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (*value < 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (*value, >=, 0);
}

/* An ended show is asked about once a week: say it still runs, refreshed an hour ago. */
static void
mark_running_stale (Fixture *fixture)
{
  g_autoptr(DramaShow) show = drama_store_get_show (fixture->store, fixture->show_id, NULL);

  g_assert_nonnull (show);
  drama_show_set_status (show, "Running");
  g_assert_true (drama_store_save_show (fixture->store, show, NULL, NULL, NULL));
  set_meta_time (fixture->store, "shows_refreshed_at", now_unix () - 3600);
}

/* One refresh, waited for: the number of shows fetched again. */
static int
refresh (DramaShowRefresher *refresher)
{
  int n = -1;

  drama_show_refresher_refresh_async (refresher, NULL, refreshed_cb, &n);
  g_assert_true (drama_show_refresher_get_refreshing (refresher));
  wait_int_set (&n);
  g_assert_false (drama_show_refresher_get_refreshing (refresher));
  return n;
}

/* TVmaze says the show changed: it alone is fetched again, and the mark is kept. */
static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(DramaShowRefresher) refresher = drama_show_refresher_new (fixture->store);
  g_autoptr(DramaShow) refreshed = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  gint64 before = now_unix ();

  drama_show_refresher_set_tvmaze (refresher, fixture->tvmaze);
  fake_server_route (fixture->server, "/shows/41163", "tvmaze/show-41163-updated.json");
  mark_running_stale (fixture);

  g_assert_cmpint (refresh (refresher), ==, 1);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/updates/shows"), ==, 1);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/shows/41163"), ==, 1);

  refreshed = drama_store_get_show (fixture->store, fixture->show_id, NULL);
  g_assert_nonnull (refreshed);
  g_assert_cmpstr (drama_show_get_status (refreshed), ==, "Ended");
  g_assert_cmpstr (drama_show_get_ended (refreshed), ==, "2019-07-25");
  g_assert_cmpint (drama_show_get_episodes_seen (refreshed), ==, 1);
  episodes = drama_store_list_episodes (fixture->store, fixture->show_id, NULL);
  for (guint i = 0; i < episodes->len; i++)
    {
      DramaEpisode *ep = g_ptr_array_index (episodes, i);

      if (drama_episode_get_id (ep) == fixture->ep1_id)
        {
          g_assert_cmpstr (drama_episode_get_name (ep), ==, "The Angel and the Ballerina");
          g_assert_true (drama_episode_get_seen (ep));
        }
    }
  g_assert_cmpint (get_meta_time (fixture->store, "shows_refreshed_at"), >=, before);
}

static void
on_new_episode (DramaShowRefresher *refresher,
                DramaShow          *show,
                DramaEpisode       *episode,
                GPtrArray          *announced)
{
  g_ptr_array_add (announced, g_object_ref (episode));
}

/* The first look only sets the mark; the next one announces the newest unseen episode of
 * the show aired since then. */
static void
test_new_episodes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DramaShowRefresher) refresher = drama_show_refresher_new (fixture->store);
  g_autoptr(GPtrArray) announced = g_ptr_array_new_with_free_func (g_object_unref);
  /* 2019-07-01: before the last few episodes aired. */
  gint64 july = G_GINT64_CONSTANT (1561939200);
  int n = -1;

  g_signal_connect (refresher, "new-episode", G_CALLBACK (on_new_episode), announced);

  drama_show_refresher_check_new_episodes_async (refresher, july, NULL, checked_cb, &n);
  wait_int_set (&n);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpuint (announced->len, ==, 0);
  g_assert_cmpint (get_meta_time (fixture->store, "shows_checked_at"), ==, july);

  n = -1;
  drama_show_refresher_check_new_episodes_async (refresher, now_unix (), NULL, checked_cb, &n);
  wait_int_set (&n);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpuint (announced->len, ==, 1);
  g_assert_cmpint (drama_episode_get_id (announced->pdata[0]), ==, fixture->newest_id);

  /* Nothing new since then: nothing announced. */
  n = -1;
  drama_show_refresher_check_new_episodes_async (refresher, now_unix () + 60, NULL, checked_cb, &n);
  wait_int_set (&n);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpuint (announced->len, ==, 1);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/updates/shows"), ==, 0);
}

/* What /updates/shows says unchanged since the last fetch is not fetched again; at start,
 * data older than the interval is refreshed. */
static void
test_only_changed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DramaShowRefresher) refresher = drama_show_refresher_new (fixture->store);
  gint64 deadline;

  drama_show_refresher_set_tvmaze (refresher, fixture->tvmaze);
  fake_server_route (fixture->server, "/shows/41163", "tvmaze/show-41163-updated.json");
  mark_running_stale (fixture);
  g_assert_cmpint (refresh (refresher), ==, 1);

  /* Unchanged since (the store has TVmaze's 1700050000 now): not fetched again. */
  mark_running_stale (fixture);
  g_assert_cmpint (refresh (refresher), ==, 0);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/updates/shows"), ==, 2);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/shows/41163"), ==, 1);

  /* At start: two hours old with an interval of one, refreshed. */
  drama_show_refresher_set_interval (refresher, 60);
  set_meta_time (fixture->store, "shows_refreshed_at", now_unix () - 7200);
  drama_show_refresher_start (refresher);
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while ((fake_server_get_hits (fixture->server, "/updates/shows") < 3 ||
          drama_show_refresher_get_refreshing (refresher)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/updates/shows"), ==, 3);
  g_assert_false (drama_show_refresher_get_refreshing (refresher));
  g_assert_cmpint (get_meta_time (fixture->store, "shows_refreshed_at"), >=, now_unix () - 60);
}

/* At start, with data fresher than the interval: a look for new episodes, no refresh. */
static void
test_start_fresh (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DramaShowRefresher) refresher = drama_show_refresher_new (fixture->store);
  gint64 hour_ago = now_unix () - 3600;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  drama_show_refresher_set_tvmaze (refresher, fixture->tvmaze);
  drama_show_refresher_set_interval (refresher, 60);
  set_meta_time (fixture->store, "shows_refreshed_at", now_unix () - 60);
  set_meta_time (fixture->store, "shows_checked_at", hour_ago);
  drama_show_refresher_start (refresher);
  while (get_meta_time (fixture->store, "shows_checked_at") == hour_ago &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (get_meta_time (fixture->store, "shows_checked_at"), >, hour_ago);
  g_assert_false (drama_show_refresher_get_refreshing (refresher));
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/updates/shows"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/show-refresher/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("refresh", test_refresh);
  ADD ("only-changed", test_only_changed);
  ADD ("new-episodes", test_new_episodes);
  ADD ("start-fresh", test_start_fresh);
#undef ADD

  return g_test_run ();
}
