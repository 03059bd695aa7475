/* DramaNewsSchedule: a library is given the first feeds once, kept in the library itself
 * (a library started anew after damage gets them again; one from before the mark takes
 * the old note's word), and the refresh follows. Real SQLite files, the fake server on
 * 127.0.0.1. */

#include "config.h"

#include <glib/gstdio.h>

#include "drama-feed-updater.h"
#include "drama-news-schedule.h"
#include "drama-store.h"
#include "fake-server.h"
#include "test-common.h"

typedef struct {
  char             *dir;
  char             *path;
  FakeServer       *server;
  DramaStore       *store;
  DramaFeedUpdater *updater;
  TestMonitor      *monitor;
  guint             n_stored;
} Fixture;

static void
on_articles_stored (DramaFeedUpdater *updater, GArray *ids, Fixture *fx)
{
  fx->n_stored += ids->len;
}

static void
open_library (Fixture *fx)
{
  g_autoptr(GError) error = NULL;

  fx->store = drama_store_new (fx->path, &error);
  g_assert_no_error (error);
  fx->updater = drama_feed_updater_new (fx->store);
  drama_feed_updater_set_network_monitor (fx->updater, G_NETWORK_MONITOR (fx->monitor));
  g_signal_connect (fx->updater, "articles-stored", G_CALLBACK (on_articles_stored), fx);
}

static void
close_library (Fixture *fx)
{
  g_clear_object (&fx->updater);
  g_clear_object (&fx->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixtures = FAKE_SERVER_FIXTURES (NULL);

  fx->dir = g_dir_make_tmp ("test-news-schedule-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "library.db", NULL);
  fx->server = fake_server_new (fixtures);
  fx->monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  open_library (fx);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  const char *name;
  GDir *dir;

  close_library (fx);
  g_clear_object (&fx->monitor);
  g_clear_pointer (&fx->server, fake_server_free);
  dir = g_dir_open (fx->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fx->dir, name, NULL);

      g_unlink (file);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

static GBytes *
first_feeds (Fixture *fx)
{
  g_autofree char *opml = g_strdup_printf (
    "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>First</title></head><body>"
    "<outline type=\"rss\" text=\"News\" xmlUrl=\"%s/feeds/news.xml\"/>"
    "<outline type=\"rss\" text=\"Atom\" xmlUrl=\"%s/feeds/atom.xml\"/>"
    "</body></opml>", fake_server_get_url (fx->server), fake_server_get_url (fx->server));

  return g_bytes_new_take (g_steal_pointer (&opml), strlen (opml));
}

static guint
n_feeds (Fixture *fx)
{
  g_autoptr(GPtrArray) feeds = drama_store_list_feeds (fx->store, NULL);

  g_assert_nonnull (feeds);
  return feeds->len;
}

static char *
meta (Fixture *fx, const char *key)
{
  return drama_store_get_meta (fx->store, key, NULL);
}

/* Runs the schedule until it has nothing left to do: the feeds given (or not) and the
 * refresh that follows done. */
static void
run_schedule (Fixture *fx, gboolean already_given)
{
  g_autoptr(DramaNewsSchedule) schedule = drama_news_schedule_new (fx->store, fx->updater);
  g_autoptr(GBytes) bytes = first_feeds (fx);
  g_autofree char *stamp = NULL;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  drama_news_schedule_start (schedule, bytes, already_given);
  /* Done when the mark is there and a refresh has stamped its time. */
  while (g_get_monotonic_time () < end)
    {
      g_autofree char *mark = NULL;

      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
      if (drama_feed_updater_get_refreshing (fx->updater))
        continue;
      mark = meta (fx, "first_feeds");
      g_free (stamp);
      stamp = meta (fx, "feeds_refreshed_at");
      if (mark != NULL && stamp != NULL)
        break;
    }
  g_assert_nonnull (stamp);
}

static void
test_new_library (Fixture *fx, gconstpointer data)
{
  g_autofree char *mark = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  /* Even with the old versions' note saying "given": that note was about another library. */
  run_schedule (fx, TRUE);
  g_assert_cmpuint (n_feeds (fx), ==, 2);
  g_assert_cmpuint (fx->n_stored, >, 0);
  mark = meta (fx, "first_feeds");
  g_assert_cmpstr (mark, ==, "given");

  /* Removed by the user, they stay removed. */
  feeds = drama_store_list_feeds (fx->store, NULL);
  g_assert_true (drama_store_remove_feed (fx->store,
                                          drama_feed_get_id (g_ptr_array_index (feeds, 0)),
                                          NULL, NULL, &error));
  g_assert_no_error (error);
  close_library (fx);
  open_library (fx);
  run_schedule (fx, FALSE);
  g_assert_cmpuint (n_feeds (fx), ==, 1);
}

/* A library made before the mark existed: the old note decides, once. */
static void
test_library_from_before (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mark = NULL;

  g_assert_true (drama_store_set_meta (fx->store, "created_at", NULL, &error));
  g_assert_no_error (error);
  run_schedule (fx, TRUE);
  g_assert_cmpuint (n_feeds (fx), ==, 0);
  mark = meta (fx, "first_feeds");
  g_assert_cmpstr (mark, ==, "given");

  /* Another library from before, whose version never gave them. */
  close_library (fx);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (fx->path, (const char *[]) { "", "-wal", "-shm" }[i],
                                           NULL);

      g_unlink (file);
    }
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
  open_library (fx);
  g_assert_true (drama_store_set_meta (fx->store, "created_at", NULL, &error));
  run_schedule (fx, FALSE);
  g_assert_cmpuint (n_feeds (fx), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/news-schedule/new-library", Fixture, NULL, fixture_set_up, test_new_library,
              fixture_tear_down);
  g_test_add ("/news-schedule/library-from-before", Fixture, NULL, fixture_set_up,
              test_library_from_before, fixture_tear_down);

  return g_test_run ();
}
