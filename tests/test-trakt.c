/* A Trakt export onto the watchlist (drama-trakt-import.c): files in the shapes of Trakt's
 * sync/watched/shows and sync/watchlist (tests/fixtures/trakt), each show looked up on
 * TVmaze (the fake server on 127.0.0.1) by TheTVDB id, else IMDb id; a real SQLite file.
 * Seen marks land on their dates, a row TVmaze cannot match is named, a movie is left out,
 * a second import duplicates nothing, and a TVmaze failure half-way imports nothing. */

#include "config.h"

#include <glib/gstdio.h>

#include "drama-store.h"
#include "drama-trakt-import.h"
#include "drama-tvmaze.h"
#include "fake-server.h"

typedef struct {
  char        *dir;
  FakeServer  *server;
  DramaTvmaze *tvmaze;
  DramaStore  *store;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autofree char *fixtures = FAKE_SERVER_FIXTURES (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("test-trakt-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "library.db", NULL);
  fx->store = drama_store_new (path, &error);
  g_assert_no_error (error);
  fx->server = fake_server_new (fixtures);
  /* Angel's Last Mission by its TheTVDB id; Miss Hammurabi only by its IMDb id. */
  fake_server_route (fx->server, "/lookup/shows?thetvdb=361421", "tvmaze/show-41163.json");
  fake_server_route (fx->server, "/lookup/shows?imdb=tt8338396", "tvmaze/show-35001.json");
  fake_server_route (fx->server, "/shows/41163", "tvmaze/show-41163.json");
  fake_server_route (fx->server, "/shows/41163/akas", "tvmaze/akas-41163.json");
  fake_server_route (fx->server, "/shows/35001", "tvmaze/show-35001.json");
  fx->tvmaze = drama_tvmaze_new (fake_server_get_url (fx->server));
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fx->dir);

  g_clear_object (&fx->tvmaze);
  g_clear_object (&fx->store);
  g_clear_pointer (&fx->server, fake_server_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (system (command), ==, 0);
  g_free (fx->dir);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static DramaImportSummary *
import_file (Fixture *fx, const char *name, GError **error)
{
  g_autofree char *fixtures = FAKE_SERVER_FIXTURES (NULL);
  g_autofree char *path = g_build_filename (fixtures, "trakt", name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  drama_trakt_import_async (fx->tvmaze, fx->store, bytes, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return drama_trakt_import_finish (result, error);
}

static DramaShow *
find (Fixture *fx, gint64 tvmaze_id)
{
  return drama_store_find_show_by_tvmaze_id (fx->store, tvmaze_id, NULL);
}

static gboolean
has_line (GPtrArray *lines, const char *text)
{
  for (guint i = 0; i < lines->len; i++)
    if (strstr (g_ptr_array_index (lines, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_watched (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaImportSummary) summary = import_file (fx, "watched-shows.json", &error);
  g_autoptr(DramaShow) angel = NULL;
  g_autoptr(DramaShow) hammurabi = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GDateTime) first = g_date_time_new_from_iso8601 ("2019-05-22T14:30:00Z", NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_added, ==, 2);
  g_assert_cmpuint (summary->n_seen, ==, 4);
  g_assert_cmpuint (summary->skipped->len, ==, 2);
  g_assert_true (has_line (summary->skipped, "“A Drama Nobody Knows” (2021): TVmaze does not know"));
  g_assert_true (has_line (summary->skipped, "“No Ids At All” (2020): no TheTVDB or IMDb id"));
  /* Angel by TheTVDB; Hammurabi by TheTVDB (nothing), then IMDb; the unknown one by
   * TheTVDB only (it has no IMDb id); the one without ids not at all. */
  g_assert_cmpuint (fake_server_get_hits (fx->server, "/lookup/shows"), ==, 4);

  angel = find (fx, 41163);
  g_assert_nonnull (angel);
  g_assert_cmpint (drama_show_get_user_status (angel), ==, DRAMA_WATCH_STATUS_WATCHING);
  episodes = drama_store_list_episodes (fx->store, drama_show_get_id (angel), NULL);
  g_assert_cmpint (drama_episode_get_seen_at (g_ptr_array_index (episodes, 0)), ==,
                   g_date_time_to_unix (first));
  g_assert_true (drama_episode_get_seen (g_ptr_array_index (episodes, 1)));
  g_assert_false (drama_episode_get_seen (g_ptr_array_index (episodes, 2)));

  /* Every episode of an ended show watched: Completed. */
  hammurabi = find (fx, 35001);
  g_assert_nonnull (hammurabi);
  g_assert_cmpint (drama_show_get_user_status (hammurabi), ==, DRAMA_WATCH_STATUS_COMPLETED);

  /* The same file again, and the watchlist: nothing doubles, nothing is lost. */
  g_clear_pointer (&summary, drama_import_summary_free);
  summary = import_file (fx, "watched-shows.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_added, ==, 0);
  g_assert_cmpuint (summary->n_merged, ==, 2);
  g_assert_cmpuint (summary->n_seen, ==, 0);
  g_clear_pointer (&summary, drama_import_summary_free);
  summary = import_file (fx, "watchlist.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_merged, ==, 1);
  g_assert_true (has_line (summary->skipped, "Row 2: a movie, not a show"));
  g_clear_object (&hammurabi);
  hammurabi = find (fx, 35001);
  /* The library's own status wins over "to watch". */
  g_assert_cmpint (drama_show_get_user_status (hammurabi), ==, DRAMA_WATCH_STATUS_COMPLETED);
}

static void
test_watchlist_new (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaImportSummary) summary = import_file (fx, "watchlist.json", &error);
  g_autoptr(DramaShow) hammurabi = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_added, ==, 1);
  hammurabi = find (fx, 35001);
  g_assert_cmpint (drama_show_get_user_status (hammurabi), ==, DRAMA_WATCH_STATUS_PLAN_TO_WATCH);
}

/* TVmaze fails on the second show: the first is not left behind. */
static void
test_nothing_half_imported (Fixture *fx, gconstpointer data)
{
  FakeFailure failure = { .status = 500 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaImportSummary) summary = NULL;
  g_autoptr(GPtrArray) shows = NULL;

  fake_server_fail (fx->server, "/shows/35001", &failure);
  summary = import_file (fx, "watched-shows.json", &error);
  g_assert_null (summary);
  g_assert_error (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_SERVER);
  shows = drama_store_list_shows (fx->store, -1, NULL, DRAMA_SHOW_SORT_TITLE, NULL);
  g_assert_cmpuint (shows->len, ==, 0);
}

static void
test_not_an_export (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{\"format\": \"dramalist-watchlist\"}", 33);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DramaImportSummary) summary = NULL;

  drama_trakt_import_async (fx->tvmaze, fx->store, bytes, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  summary = drama_trakt_import_finish (result, &error);
  g_assert_null (summary);
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FAILED);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/trakt/watched", Fixture, NULL, fixture_set_up, test_watched, fixture_tear_down);
  g_test_add ("/trakt/watchlist-new", Fixture, NULL, fixture_set_up, test_watchlist_new,
              fixture_tear_down);
  g_test_add ("/trakt/nothing-half-imported", Fixture, NULL, fixture_set_up,
              test_nothing_half_imported, fixture_tear_down);
  g_test_add ("/trakt/not-an-export", Fixture, NULL, fixture_set_up, test_not_an_export,
              fixture_tear_down);

  return g_test_run ();
}
