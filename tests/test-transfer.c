/* The watchlist exported to a file and imported back (drama-store-transfer.c): real
 * SQLite files. Round trip with every user field and the seen marks' dates; a second import
 * duplicates nothing; a merge keeps what the library's user set and gains the file's
 * additions; a bad document changes nothing; a show that cannot be read is named and the
 * rest imported; a failure half-way leaves the library as it was. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "drama-store.h"

#define SEEN_1 1700000000
#define SEEN_2 1700086400

typedef struct {
  char       *dir;
  DramaStore *a;   /* the library exported */
  DramaStore *b;   /* the library imported into */
} Fixture;

static DramaStore *
open_store (Fixture *fx, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, name, NULL);
  DramaStore *store = drama_store_new (path, &error);

  g_assert_no_error (error);
  return store;
}

static GPtrArray *
make_episodes (gint64 first_tvmaze_id, guint n)
{
  GPtrArray *episodes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      DramaEpisode *episode = drama_episode_new ();

      drama_episode_set_tvmaze_id (episode, first_tvmaze_id > 0 ? first_tvmaze_id + i : 0);
      drama_episode_set_season (episode, 1);
      drama_episode_set_number (episode, (int) i + 1);
      drama_episode_set_airstamp (episode, 1600000000 + (gint64) i * 86400);
      g_ptr_array_add (episodes, episode);
    }
  return episodes;
}

static gint64
add_show (DramaStore *store, gint64 tvmaze_id, const char *name, GPtrArray *episodes,
          GPtrArray *cast)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = drama_show_new ();

  drama_show_set_tvmaze_id (show, tvmaze_id);
  drama_show_set_name (show, name);
  drama_show_set_network (show, "KBS2");
  g_assert_true (drama_store_save_show (store, show, episodes, cast, &error));
  g_assert_no_error (error);
  return drama_show_get_id (show);
}

static void
mark_seen (DramaStore *store, gint64 show_id, int number, gint64 when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = drama_store_list_episodes (store, show_id, &error);
  gint64 id = drama_episode_get_id (g_ptr_array_index (episodes, number - 1));

  g_assert_true (drama_store_set_episodes_seen (store, &id, 1, when, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = make_episodes (1001, 3);
  g_autoptr(GPtrArray) hand = make_episodes (0, 2);
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DramaPerson) person = drama_person_new ();
  g_autoptr(GPtrArray) saved_cast = NULL;
  const char * const show_aliases[] = { "ALM", NULL };
  const char * const person_aliases[] = { "L", NULL };
  gint64 angel, mine;

  fx->dir = g_dir_make_tmp ("test-transfer-XXXXXX", &error);
  g_assert_no_error (error);
  fx->a = open_store (fx, "a.db");
  fx->b = open_store (fx, "b.db");

  drama_person_set_tvmaze_id (person, 20102);
  drama_person_set_name (person, "Kim Myung-soo");
  drama_person_set_character (person, "Dan");
  g_ptr_array_add (cast, g_object_ref (person));
  angel = add_show (fx->a, 41163, "Angel's Last Mission: Love", episodes, cast);
  g_assert_true (drama_store_set_show_user_fields (fx->a, angel, DRAMA_WATCH_STATUS_WATCHING, 8,
                                                   "Dan & Yeon-seo", &error));
  g_assert_true (drama_store_set_show_aliases (fx->a, angel, show_aliases, &error));
  saved_cast = drama_store_list_cast (fx->a, angel, &error);
  g_assert_true (drama_store_set_person_aliases (fx->a,
                                                 drama_person_get_id (g_ptr_array_index (saved_cast, 0)),
                                                 person_aliases, &error));
  g_assert_no_error (error);
  mark_seen (fx->a, angel, 1, SEEN_1);
  mark_seen (fx->a, angel, 2, SEEN_2);

  mine = add_show (fx->a, 0, "My Home Movie", hand, NULL);
  mark_seen (fx->a, mine, 1, SEEN_1);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fx->dir);

  g_clear_object (&fx->a);
  g_clear_object (&fx->b);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (system (command), ==, 0);
  g_free (fx->dir);
}

static char *
export (DramaStore *store)
{
  g_autoptr(GError) error = NULL;
  char *json = drama_store_export_watchlist (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (json);
  return json;
}

static DramaImportSummary *
import (DramaStore *store, const char *json, GError **error)
{
  DramaImportSummary *summary = NULL;

  if (!drama_store_import_watchlist (store, json, strlen (json), &summary, error))
    return NULL;
  return summary;
}

static DramaShow *
show_named (DramaStore *store, const char *name)
{
  g_autoptr(GPtrArray) shows = drama_store_list_shows (store, -1, NULL, DRAMA_SHOW_SORT_TITLE, NULL);

  for (guint i = 0; i < shows->len; i++)
    if (g_strcmp0 (drama_show_get_name (g_ptr_array_index (shows, i)), name) == 0)
      return g_object_ref (g_ptr_array_index (shows, i));
  return NULL;
}

static guint
n_shows (DramaStore *store)
{
  g_autoptr(GPtrArray) shows = drama_store_list_shows (store, -1, NULL, DRAMA_SHOW_SORT_TITLE, NULL);

  return shows->len;
}

static gint64
seen_at (DramaStore *store, gint64 show_id, int number)
{
  g_autoptr(GPtrArray) episodes = drama_store_list_episodes (store, show_id, NULL);

  return drama_episode_get_seen_at (g_ptr_array_index (episodes, number - 1));
}

static void
test_round_trip (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = export (fx->a);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DramaImportSummary) summary = NULL;
  g_autoptr(DramaShow) angel = NULL;
  g_autoptr(DramaShow) mine = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  JsonObject *root;

  /* The document as documented. */
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "dramalist-watchlist");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "shows")), ==, 2);

  summary = import (fx->b, json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_added, ==, 2);
  g_assert_cmpuint (summary->n_merged, ==, 0);
  g_assert_cmpuint (summary->n_seen, ==, 3);
  g_assert_cmpuint (summary->skipped->len, ==, 0);

  angel = show_named (fx->b, "Angel's Last Mission: Love");
  g_assert_nonnull (angel);
  g_assert_cmpint (drama_show_get_tvmaze_id (angel), ==, 41163);
  g_assert_cmpint (drama_show_get_user_status (angel), ==, DRAMA_WATCH_STATUS_WATCHING);
  g_assert_cmpint (drama_show_get_rating (angel), ==, 8);
  g_assert_cmpstr (drama_show_get_notes (angel), ==, "Dan & Yeon-seo");
  g_assert_cmpstr (drama_show_get_aliases (angel)[0], ==, "ALM");
  g_assert_cmpint (seen_at (fx->b, drama_show_get_id (angel), 1), ==, SEEN_1);
  g_assert_cmpint (seen_at (fx->b, drama_show_get_id (angel), 2), ==, SEEN_2);
  g_assert_cmpint (seen_at (fx->b, drama_show_get_id (angel), 3), ==, 0);
  cast = drama_store_list_cast (fx->b, drama_show_get_id (angel), &error);
  g_assert_cmpuint (cast->len, ==, 1);
  g_assert_cmpstr (drama_person_get_character (g_ptr_array_index (cast, 0)), ==, "Dan");
  g_assert_cmpstr (drama_person_get_aliases (g_ptr_array_index (cast, 0))[0], ==, "L");

  mine = show_named (fx->b, "My Home Movie");
  g_assert_nonnull (mine);
  g_assert_cmpint (drama_show_get_tvmaze_id (mine), ==, 0);
  g_assert_cmpint (seen_at (fx->b, drama_show_get_id (mine), 1), ==, SEEN_1);

  /* Again: nothing doubles, nothing is lost. */
  g_clear_pointer (&summary, drama_import_summary_free);
  summary = import (fx->b, json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_added, ==, 0);
  g_assert_cmpuint (summary->n_merged, ==, 2);
  g_assert_cmpuint (summary->n_seen, ==, 0);
  g_assert_cmpuint (n_shows (fx->b), ==, 2);
  {
    g_autoptr(GPtrArray) episodes = drama_store_list_episodes (fx->b, drama_show_get_id (angel), NULL);

    g_assert_cmpuint (episodes->len, ==, 3);
  }
}

/* The library's own marks win, the file fills the gaps, seen marks are a union. */
static void
test_merge (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = make_episodes (1001, 3);
  g_autofree char *json = export (fx->a);
  g_autoptr(DramaImportSummary) summary = NULL;
  g_autoptr(DramaShow) angel = NULL;
  const char * const own_aliases[] = { "Angel", NULL };
  gint64 id = add_show (fx->b, 41163, "Angel's Last Mission: Love", episodes, NULL);

  g_assert_true (drama_store_set_show_user_fields (fx->b, id, DRAMA_WATCH_STATUS_COMPLETED, 0,
                                                   NULL, &error));
  g_assert_true (drama_store_set_show_aliases (fx->b, id, own_aliases, &error));
  mark_seen (fx->b, id, 3, SEEN_2 + 1);
  mark_seen (fx->b, id, 1, SEEN_1 - 5);

  summary = import (fx->b, json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_added, ==, 1);
  g_assert_cmpuint (summary->n_merged, ==, 1);
  g_assert_cmpuint (summary->n_seen, ==, 2);   /* the hand-made show's, and Angel's episode 2 */

  angel = show_named (fx->b, "Angel's Last Mission: Love");
  g_assert_cmpint (drama_show_get_id (angel), ==, id);
  g_assert_cmpint (drama_show_get_user_status (angel), ==, DRAMA_WATCH_STATUS_COMPLETED);
  g_assert_cmpint (drama_show_get_rating (angel), ==, 8);
  g_assert_cmpstr (drama_show_get_notes (angel), ==, "Dan & Yeon-seo");
  g_assert_cmpuint (g_strv_length ((char **) drama_show_get_aliases (angel)), ==, 2);
  g_assert_cmpint (seen_at (fx->b, id, 1), ==, SEEN_1 - 5);   /* its own date kept */
  g_assert_cmpint (seen_at (fx->b, id, 2), ==, SEEN_2);
  g_assert_cmpint (seen_at (fx->b, id, 3), ==, SEEN_2 + 1);
}

static void
assert_refused (Fixture *fx, const char *json, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaImportSummary) summary = import (fx->b, json, &error);

  g_assert_null (summary);
  if (code >= 0)
    g_assert_error (error, DRAMA_STORE_ERROR, code);
  else
    g_assert_true (error != NULL && error->domain == DRAMA_STORE_ERROR);
  g_assert_cmpuint (n_shows (fx->b), ==, 0);
}

static void
test_bad_documents (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaImportSummary) summary = NULL;
  g_autoptr(DramaShow) kept = NULL;

  assert_refused (fx, "{ not json", DRAMA_STORE_ERROR_FAILED);
  assert_refused (fx, "[1, 2]", DRAMA_STORE_ERROR_FAILED);
  assert_refused (fx, "{\"format\": \"trakt\", \"version\": 1, \"shows\": []}", DRAMA_STORE_ERROR_FAILED);
  assert_refused (fx, "{\"format\": \"dramalist-watchlist\", \"version\": 2, \"shows\": []}",
                  DRAMA_STORE_ERROR_TOO_NEW);

  /* Shows that cannot be read are named; the others come in. */
  summary = import (fx->b,
    "{\"format\": \"dramalist-watchlist\", \"version\": 1, \"shows\": ["
    " {\"name\": \"\"},"
    " {\"name\": \"Rated Too High\", \"rating\": 99},"
    " {\"name\": \"Kept\", \"user-status\": \"on-hold\", \"episodes\": [{\"season\": 1, \"number\": 1}]},"
    " 42,"
    " {\"name\": \"Bad Status\", \"user-status\": \"binging\"}]}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_added, ==, 1);
  g_assert_cmpuint (summary->skipped->len, ==, 4);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (summary->skipped, 0), "Show 1: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (summary->skipped, 1), "“Rated Too High”: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (summary->skipped, 2), "Show 4: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (summary->skipped, 3), "“Bad Status”: "));
  kept = show_named (fx->b, "Kept");
  g_assert_nonnull (kept);
  g_assert_cmpint (drama_show_get_user_status (kept), ==, DRAMA_WATCH_STATUS_ON_HOLD);
}

/* The library refuses the second show (SQLite itself, as a full disk would): the first is
 * not left behind either. */
static void
test_all_or_nothing (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fx->dir, "b.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse BEFORE INSERT ON shows "
                                     "WHEN NEW.name = 'Second' BEGIN "
                                     "SELECT RAISE (ABORT, 'refused'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused (fx,
    "{\"format\": \"dramalist-watchlist\", \"version\": 1, \"shows\": ["
    " {\"name\": \"First\", \"tvmaze-id\": 1, \"episodes\": [{\"tvmaze-id\": 77, \"number\": 1}]},"
    " {\"name\": \"Second\", \"tvmaze-id\": 2}]}",
    -1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/transfer/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/transfer/merge", Fixture, NULL, fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/transfer/bad-documents", Fixture, NULL, fixture_set_up, test_bad_documents,
              fixture_tear_down);
  g_test_add ("/transfer/all-or-nothing", Fixture, NULL, fixture_set_up, test_all_or_nothing,
              fixture_tear_down);

  return g_test_run ();
}
