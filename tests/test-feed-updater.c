/* The feed updater against a real SoupServer on 127.0.0.1 and a real SQLite file, plus the
 * store's feed/article queries, the article list model and OPML. */
#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "drama-article-list.h"
#include "drama-feed-parser.h"
#include "drama-feed-updater.h"
#include "drama-html-private.h"
#include "drama-matcher.h"
#include "drama-opml.h"
#include "drama-store.h"
#include "fake-server.h"
#include "test-common.h"

/* ---- Fixture ---- */

typedef struct {
  char *dir;
  FakeServer *server;
  DramaStore *store;
  DramaFeedUpdater *updater;
  TestMonitor *monitor;
  GArray *stored_ids;        /* every id "articles-stored" reported */
  guint n_stored_signals;
  guint feed_updated;
  guint progress_done, progress_total, n_progress;
} Fixture;

static void
on_articles_stored (DramaFeedUpdater *updater, GArray *ids, Fixture *fx)
{
  g_array_append_vals (fx->stored_ids, ids->data, ids->len);
  fx->n_stored_signals++;
}

static void
on_feed_updated (DramaFeedUpdater *updater, gint64 feed_id, guint n_new, Fixture *fx)
{
  g_assert_cmpint (feed_id, >, 0);
  fx->feed_updated++;
}

static void
on_progress (DramaFeedUpdater *updater, guint done, guint total, Fixture *fx)
{
  g_assert_cmpuint (done, <=, total);
  fx->progress_done = done;
  fx->progress_total = total;
  fx->n_progress++;
}

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixtures = FAKE_SERVER_FIXTURES (NULL);
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("drama-feed-updater-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "library.db", NULL);
  fx->store = drama_store_new (path, &error);
  g_assert_no_error (error);
  fx->server = fake_server_new (fixtures);
  fx->updater = drama_feed_updater_new (fx->store);
  fx->monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  drama_feed_updater_set_network_monitor (fx->updater, G_NETWORK_MONITOR (fx->monitor));
  fx->stored_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (fx->updater, "articles-stored", G_CALLBACK (on_articles_stored), fx);
  g_signal_connect (fx->updater, "feed-updated", G_CALLBACK (on_feed_updated), fx);
  g_signal_connect (fx->updater, "progress", G_CALLBACK (on_progress), fx);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  const char *name;
  GDir *dir;

  g_clear_object (&fx->updater);
  g_clear_object (&fx->monitor);
  g_clear_object (&fx->store);
  g_clear_pointer (&fx->server, fake_server_free);
  g_clear_pointer (&fx->stored_ids, g_array_unref);
  /* Let idles queued by the store (signals marshalled to this context) run out. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

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
}

static char *
url_of (Fixture *fx, const char *path)
{
  return g_strconcat (fake_server_get_url (fx->server), path, NULL);
}

static void
on_async_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static DramaFeed *
subscribe (Fixture *fx, const char *path, GError **error)
{
  g_autofree char *url = path[0] == '/' ? url_of (fx, path) : g_strdup (path);
  g_autoptr(GAsyncResult) result = NULL;

  drama_feed_updater_subscribe_async (fx->updater, url, NULL, on_async_done, &result);
  return drama_feed_updater_subscribe_finish (fx->updater, wait_for (&result), error);
}

static DramaFeed *
subscribe_ok (Fixture *fx, const char *path)
{
  g_autoptr(GError) error = NULL;
  DramaFeed *feed = subscribe (fx, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static gboolean
refresh_feed (Fixture *fx, gint64 feed_id, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drama_feed_updater_refresh_feed_async (fx->updater, feed_id, NULL, on_async_done, &result);
  return drama_feed_updater_refresh_feed_finish (fx->updater, wait_for (&result), error);
}

static gboolean
refresh_all (Fixture *fx, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drama_feed_updater_refresh_all_async (fx->updater, NULL, on_async_done, &result);
  return drama_feed_updater_refresh_all_finish (fx->updater, wait_for (&result), error);
}

static DramaFeed *
get_feed (Fixture *fx, gint64 id)
{
  g_autoptr(GError) error = NULL;
  DramaFeed *feed = drama_store_get_feed (fx->store, id, &error);

  g_assert_no_error (error);
  return feed;
}

static guint
n_feeds (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = drama_store_list_feeds (fx->store, &error);

  g_assert_no_error (error);
  return feeds->len;
}

static GPtrArray *
feed_articles (Fixture *fx, gint64 feed_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = drama_store_list_article_ids (fx->store, DRAMA_ARTICLE_FILTER_FEED,
                                                        feed_id, NULL, NULL, &error);
  GPtrArray *articles;

  g_assert_no_error (error);
  articles = drama_store_get_articles (fx->store, (const gint64 *) (gpointer) ids->data, ids->len, &error);
  g_assert_no_error (error);
  return articles;
}

static DramaArticle *
find_by_guid (GPtrArray *articles, const char *guid)
{
  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);

      if (g_strcmp0 (drama_article_get_guid (article), guid) == 0)
        return article;
    }
  return NULL;
}

/* Forget the validators so the next fetch is a plain 200. */
static void
forget_validators (Fixture *fx, gint64 feed_id)
{
  g_autoptr(DramaFeed) feed = get_feed (fx, feed_id);
  g_autoptr(GError) error = NULL;

  drama_feed_set_etag (feed, NULL);
  drama_feed_set_last_modified (feed, NULL);
  drama_store_update_feed_state (fx->store, feed, &error);
  g_assert_no_error (error);
}

/* ---- Subscribing ---- */

static void
test_subscribe_feed (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) stored = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree char *url = url_of (fx, "/feeds/news.xml");
  DramaArticle *first;
  const char *accept_encoding;

  g_assert_cmpint (drama_feed_get_id (feed), >, 0);
  g_assert_cmpstr (drama_feed_get_url (feed), ==, url);
  g_assert_cmpstr (drama_feed_get_title (feed), ==, "Drama News");

  stored = get_feed (fx, drama_feed_get_id (feed));
  g_assert_cmpstr (drama_feed_get_site_url (stored), ==, "https://news.example.com/");
  g_assert_nonnull (drama_feed_get_etag (stored));
  g_assert_nonnull (drama_feed_get_last_modified (stored));
  g_assert_cmpint (drama_feed_get_last_success (stored), >, 0);
  g_assert_null (drama_feed_get_last_error (stored));
  g_assert_cmpint (drama_feed_get_article_count (stored), ==, 3);
  g_assert_cmpint (drama_feed_get_unread_count (stored), ==, 3);

  articles = feed_articles (fx, drama_feed_get_id (feed));
  g_assert_cmpuint (articles->len, ==, 3);
  first = g_ptr_array_index (articles, 0);
  /* Newest first; dates converted from +0900. */
  g_assert_cmpstr (drama_article_get_guid (first), ==, "news-1");
  g_assert_cmpint (drama_article_get_published (first), ==, 1558494000);
  g_assert_cmpstr (drama_article_get_feed_title (first), ==, "Drama News");
  g_assert_nonnull (strstr (drama_article_get_summary (first), "Shin Hye Sun"));
  g_assert_false (drama_article_get_read (first));

  /* The matcher hears about the new articles, once. */
  g_assert_cmpuint (fx->stored_ids->len, ==, 3);
  g_assert_cmpuint (fx->n_stored_signals, ==, 1);
  g_assert_cmpuint (fx->feed_updated, ==, 1);

  /* Identified as ourselves, and offering compressed bodies. */
  g_assert_cmpstr (fake_server_get_last_header (fx->server, "/feeds/news.xml", "User-Agent"), ==,
                   "Dramalist/" PACKAGE_VERSION);
  accept_encoding = fake_server_get_last_header (fx->server, "/feeds/news.xml", "Accept-Encoding");
  g_assert_nonnull (accept_encoding);
  g_assert_nonnull (strstr (accept_encoding, "gzip"));
}

static void
test_subscribe_discover (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/site.html");
  g_autofree char *feed_url = url_of (fx, "/feeds/news.xml");

  g_assert_cmpstr (drama_feed_get_url (feed), ==, feed_url);
  g_assert_cmpstr (drama_feed_get_title (feed), ==, "Drama News");
  g_assert_cmpuint (fake_server_get_hits (fx->server, "/feeds/site.html"), ==, 1);
  g_assert_cmpuint (fake_server_get_hits (fx->server, "/feeds/news.xml"), ==, 1);
  g_assert_cmpuint (n_feeds (fx), ==, 1);
}

static void
test_subscribe_not_a_feed (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = subscribe (fx, "/feeds/plain.html", &error);

  g_assert_null (feed);
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NOT_A_FEED);
  g_assert_cmpstr (error->message, ==, "This page is not a feed and links to none");
  g_assert_cmpuint (n_feeds (fx), ==, 0);
  g_assert_cmpuint (fx->stored_ids->len, ==, 0);
}

static void
test_subscribe_errors_add_nothing (Fixture *fx, gconstpointer data)
{
  FakeFailure fail500 = { .status = 500 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) missing = subscribe (fx, "/feeds/missing.xml", &error);
  g_autoptr(DramaFeed) broken = NULL;

  g_assert_null (missing);
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "404"));
  g_clear_error (&error);

  fake_server_fail (fx->server, "/feeds/atom.xml", &fail500);
  broken = subscribe (fx, "/feeds/atom.xml", &error);
  g_assert_null (broken);
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "500"));

  g_assert_cmpuint (n_feeds (fx), ==, 0);
}

static void
test_subscribe_twice (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/atom.xml");
  g_autoptr(DramaFeed) again = NULL;
  g_autoptr(GError) error = NULL;

  again = subscribe (fx, "/feeds/atom.xml", &error);
  g_assert_null (again);
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_EXISTS);
  g_assert_cmpuint (n_feeds (fx), ==, 1);
}

/* The real-world samples from the shared corpus, served as a site would serve them. */
static void
test_subscribe_corpus (Fixture *fx, gconstpointer data)
{
  const char *shared = g_getenv ("DRAMALIST_SHARED_DIR");
  struct { const char *file; const char *type; const char *title; guint n; } cases[] = {
    { "soompi-prospect-rss-feeds.xml", "application/rss+xml", "Soompi - Article Feed", 10 },
    { "jsonfeed-org-feed.json", "application/feed+json", "JSON Feed", 1 },
  };

  if (!test_have_shared ("corpus/feeds"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (shared, "corpus", "feeds", cases[i].file, NULL);
      g_autofree char *body = NULL;
      g_autofree char *url_path = g_strdup_printf ("/corpus/%s", cases[i].file);
      g_autoptr(DramaFeed) feed = NULL;
      g_autoptr(GPtrArray) articles = NULL;

      g_assert_true (g_file_get_contents (path, &body, NULL, NULL));
      fake_server_set_body (fx->server, url_path, cases[i].type, body);
      feed = subscribe_ok (fx, url_path);
      g_assert_cmpstr (drama_feed_get_title (feed), ==, cases[i].title);
      articles = feed_articles (fx, drama_feed_get_id (feed));
      g_assert_cmpuint (articles->len, ==, cases[i].n);
      for (guint j = 0; j < articles->len; j++)
        {
          DramaArticle *article = g_ptr_array_index (articles, j);

          g_assert_nonnull (drama_article_get_title (article));
          g_assert_true (g_str_has_prefix (drama_article_get_link (article), "https://"));
          g_assert_cmpint (drama_article_get_published (article), >, 1400000000);
        }
    }
}

static void
on_article_changed (DramaStore *store, DramaStoreChange *change, guint *count)
{
  (*count)++;
}

/* A feed whose body has not changed, fetched again with a full 200 (no ETag, no
 * Last-Modified, as many hosts answer): nothing is new, nothing changed, no signal. Real
 * feeds from the shared corpus and the fixtures, including entries without id or date. */
static void
test_unchanged_body (Fixture *fx, gconstpointer data)
{
  const char *shared = g_getenv ("DRAMALIST_SHARED_DIR");
  g_autofree char *fixtures = FAKE_SERVER_FIXTURES ("feeds");
  struct { const char *dir; const char *file; const char *type; } cases[] = {
    { "corpus", "soompi-prospect-rss-feeds.xml", "application/rss+xml" },
    { "corpus", "koreaboo-prospect-rss-feeds.xml", "application/rss+xml" },
    { "corpus", "jsonfeed-org-feed.json", "application/feed+json" },
    { "fixtures", "news.xml", "application/rss+xml" },
    { "fixtures", "noguid.xml", "application/rss+xml" },
    { "fixtures", "atom.xml", "application/atom+xml" },
    { "fixtures", "repeats.xml", "application/rss+xml" },
  };
  guint changed = 0;

  if (!test_have_shared ("corpus/feeds"))
    return;
  g_signal_connect (fx->store, "changed::article", G_CALLBACK (on_article_changed), &changed);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_str_equal (cases[i].dir, "corpus") ?
        g_build_filename (shared, "corpus", "feeds", cases[i].file, NULL) :
        g_build_filename (fixtures, cases[i].file, NULL);
      g_autofree char *body = NULL;
      g_autofree char *url_path = g_strdup_printf ("/unchanged/%s", cases[i].file);
      g_autoptr(DramaFeed) feed = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_get_contents (path, &body, NULL, NULL));
      fake_server_set_body (fx->server, url_path, cases[i].type, body);
      fake_server_set_validators (fx->server, url_path, FALSE);
      feed = subscribe_ok (fx, url_path);
      g_assert_cmpuint (fx->stored_ids->len, >, 0);

      for (guint round = 0; round < 2; round++)
        {
          g_array_set_size (fx->stored_ids, 0);
          changed = 0;
          g_assert_true (refresh_feed (fx, drama_feed_get_id (feed), &error));
          g_assert_no_error (error);
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_test_message ("%s round %u: %u stored, %u changed::article", cases[i].file, round,
                          fx->stored_ids->len, changed);
          g_assert_null (fake_server_get_last_header (fx->server, url_path, "If-None-Match"));
          g_assert_cmpuint (fx->stored_ids->len, ==, 0);
          g_assert_cmpuint (changed, ==, 0);
        }

      /* A story carried twice is one article: the copy on top, the newest. */
      if (g_str_equal (cases[i].file, "repeats.xml"))
        {
          g_autoptr(GPtrArray) articles = feed_articles (fx, drama_feed_get_id (feed));
          DramaArticle *live = find_by_guid (articles, "live-14");

          g_assert_cmpuint (articles->len, ==, 3);
          g_assert_nonnull (live);
          g_assert_cmpstr (drama_article_get_title (live), ==, "Ratings live: episode 14 (updated)");
          g_assert_cmpstr (drama_article_get_title (find_by_guid (articles, "https://repeats.example.com/teasers")),
                           ==, "Teaser one");
        }
    }
  g_signal_handlers_disconnect_by_func (fx->store, on_article_changed, &changed);
}

static void
test_normalize_url (void)
{
  struct { const char *in; const char *out; } good[] = {
    { "  https://www.soompi.com/feed  ", "https://www.soompi.com/feed" },
    { "feed://example.com/rss.xml", "http://example.com/rss.xml" },
    { "feed:https://example.com/rss.xml", "https://example.com/rss.xml" },
    { "soompi.com", "https://soompi.com/" },
    { "soompi.com/feed", "https://soompi.com/feed" },
    { "HTTP://Example.com/a", "http://example.com/a" },
  };
  const char *bad[] = { "", "   ", "ftp://example.com/feed", "javascript:alert(1)",
                        "file:///etc/passwd", "http://", "not a url" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = drama_feed_updater_normalize_url (good[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, good[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = drama_feed_updater_normalize_url (bad[i], &error);

      g_assert_null (url);
      g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_INVALID_URL);
    }
}

/* ---- Refreshing ---- */

static void
test_not_modified_etag (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) before = get_feed (fx, drama_feed_get_id (feed));
  g_autoptr(DramaFeed) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  /* Pretend the last fetch was long ago, so its update shows. */
  drama_feed_set_last_success (before, 1);
  drama_feed_set_last_fetch (before, 1);
  drama_store_update_feed_state (fx->store, before, &error);
  g_assert_no_error (error);
  g_array_set_size (fx->stored_ids, 0);

  g_assert_true (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_no_error (error);

  g_assert_cmpstr (fake_server_get_last_header (fx->server, "/feeds/news.xml", "If-None-Match"), ==,
                   drama_feed_get_etag (before));
  after = get_feed (fx, drama_feed_get_id (feed));
  g_assert_cmpint (drama_feed_get_last_success (after), >, 1);
  g_assert_cmpint (drama_feed_get_last_fetch (after), >, 1);
  g_assert_cmpstr (drama_feed_get_etag (after), ==, drama_feed_get_etag (before));
  g_assert_cmpuint (fx->stored_ids->len, ==, 0);
  articles = feed_articles (fx, drama_feed_get_id (feed));
  g_assert_cmpuint (articles->len, ==, 3);
}

static void
test_not_modified_last_modified (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) stored = get_feed (fx, drama_feed_get_id (feed));
  g_autofree char *last_modified = g_strdup (drama_feed_get_last_modified (stored));
  g_autoptr(GError) error = NULL;

  drama_feed_set_etag (stored, NULL);
  drama_feed_set_last_success (stored, 1);
  drama_store_update_feed_state (fx->store, stored, &error);
  g_assert_no_error (error);
  g_array_set_size (fx->stored_ids, 0);

  g_assert_true (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_no_error (error);
  g_assert_null (fake_server_get_last_header (fx->server, "/feeds/news.xml", "If-None-Match"));
  g_assert_cmpstr (fake_server_get_last_header (fx->server, "/feeds/news.xml", "If-Modified-Since"), ==,
                   last_modified);
  g_clear_object (&stored);
  stored = get_feed (fx, drama_feed_get_id (feed));
  g_assert_cmpint (drama_feed_get_last_success (stored), >, 1);
  g_assert_cmpuint (fx->stored_ids->len, ==, 0);
}

static void
check_redirect (Fixture *fx, guint status, gboolean url_changes)
{
  g_autofree char *moved_path = g_strdup_printf ("/feeds/moved-%u.xml", status);
  g_autofree char *old_url = url_of (fx, "/feeds/news.xml");
  g_autofree char *new_url = url_of (fx, moved_path);
  FakeFailure redirect = { .status = status, .location = moved_path };
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) after = NULL;
  g_autoptr(GError) error = NULL;

  fake_server_route (fx->server, moved_path, "feeds/news-edited.xml");
  fake_server_fail (fx->server, "/feeds/news.xml", &redirect);

  g_assert_true (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake_server_get_hits (fx->server, moved_path), ==, 1);

  after = get_feed (fx, drama_feed_get_id (feed));
  g_assert_cmpstr (drama_feed_get_url (after), ==, url_changes ? new_url : old_url);
  g_assert_null (drama_feed_get_last_error (after));
  g_assert_cmpint (drama_feed_get_article_count (after), ==, 4);
}

static void
test_redirect_301 (Fixture *fx, gconstpointer data)
{
  check_redirect (fx, 301, TRUE);
}

static void
test_redirect_308 (Fixture *fx, gconstpointer data)
{
  check_redirect (fx, 308, TRUE);
}

static void
test_redirect_302 (Fixture *fx, gconstpointer data)
{
  check_redirect (fx, 302, FALSE);
}

static void
test_redirect_loop (Fixture *fx, gconstpointer data)
{
  FakeFailure to_b = { .status = 301, .location = "/feeds/loop-b.xml" };
  FakeFailure to_a = { .status = 301, .location = "/feeds/loop-a.xml" };
  g_autofree char *url = url_of (fx, "/feeds/loop-a.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = drama_store_add_feed (fx->store, url, "Loop", &error);
  g_autoptr(DramaFeed) after = NULL;
  guint hits;

  g_assert_no_error (error);
  fake_server_fail (fx->server, "/feeds/loop-a.xml", &to_b);
  fake_server_fail (fx->server, "/feeds/loop-b.xml", &to_a);

  g_assert_false (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "redirects too many times"));

  /* The first request and at most five redirects. */
  hits = fake_server_get_hits (fx->server, "/feeds/loop-a.xml") +
         fake_server_get_hits (fx->server, "/feeds/loop-b.xml");
  g_assert_cmpuint (hits, ==, 6);

  after = get_feed (fx, drama_feed_get_id (feed));
  g_assert_cmpstr (drama_feed_get_last_error (after), ==, error->message);
  /* A loop is not a move: the stored address stays. */
  g_assert_cmpstr (drama_feed_get_url (after), ==, url);
}

static void
test_http_errors_per_feed (Fixture *fx, gconstpointer data)
{
  FakeFailure fail404 = { .status = 404 };
  FakeFailure fail500 = { .status = 500 };
  g_autoptr(DramaFeed) a = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) b = subscribe_ok (fx, "/feeds/atom.xml");
  g_autoptr(DramaFeed) c = subscribe_ok (fx, "/feeds/noguid.xml");
  g_autoptr(DramaFeed) a2 = NULL, b2 = NULL, c2 = NULL;
  g_autoptr(GError) error = NULL;

  forget_validators (fx, drama_feed_get_id (c));
  fake_server_route (fx->server, "/feeds/noguid.xml", "feeds/news-edited.xml");
  fake_server_fail (fx->server, "/feeds/news.xml", &fail404);
  fake_server_fail (fx->server, "/feeds/atom.xml", &fail500);
  fx->n_progress = 0;

  g_assert_true (refresh_all (fx, &error));
  g_assert_no_error (error);

  a2 = get_feed (fx, drama_feed_get_id (a));
  b2 = get_feed (fx, drama_feed_get_id (b));
  c2 = get_feed (fx, drama_feed_get_id (c));
  g_assert_cmpstr (drama_feed_get_last_error (a2), ==, "The feed was not found on the server (404 Not Found)");
  g_assert_nonnull (strstr (drama_feed_get_last_error (b2), "500"));
  g_assert_null (drama_feed_get_last_error (c2));
  /* The failed feeds keep what they had; the good one got its new entries. */
  g_assert_cmpint (drama_feed_get_article_count (a2), ==, 3);
  g_assert_cmpint (drama_feed_get_article_count (b2), ==, 1);
  g_assert_cmpint (drama_feed_get_article_count (c2), ==, 3 + 4);
  g_assert_cmpint (drama_feed_get_last_success (a2), ==, drama_feed_get_last_success (a));

  /* "Updating 3 of 3 feeds". */
  g_assert_cmpuint (fx->progress_total, ==, 3);
  g_assert_cmpuint (fx->progress_done, ==, 3);
  g_assert_cmpuint (fx->n_progress, ==, 4);

  /* The error goes away with the next good fetch. */
  fake_server_clear_failures (fx->server);
  g_assert_true (refresh_all (fx, &error));
  g_clear_object (&a2);
  a2 = get_feed (fx, drama_feed_get_id (a));
  g_assert_null (drama_feed_get_last_error (a2));
}

/* A server's reason phrase is its own words: 60 KB of them, with bytes that are not UTF-8,
 * were kept as the feed's error. The feed shows the status and a short, valid quote. */
static void
test_reason_phrase_bounded (Fixture *fx, gconstpointer data)
{
  g_autoptr(GString) reason = g_string_new ("Broken ");
  FakeFailure fail = { .status = 502 };
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *shown;

  for (guint i = 0; i < 6000; i++)
    g_string_append (reason, "gateway\xff\xfe ");
  fail.reason = reason->str;
  fake_server_fail (fx->server, "/feeds/news.xml", &fail);

  g_assert_false (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  after = get_feed (fx, drama_feed_get_id (feed));
  shown = drama_feed_get_last_error (after);
  g_test_message ("%s", shown);
  g_assert_nonnull (shown);
  g_assert_true (g_utf8_validate (shown, -1, NULL));
  g_assert_cmpuint (strlen (shown), <, 300);
  g_assert_nonnull (strstr (shown, "502 Broken gateway"));
  g_assert_nonnull (strstr (shown, "…"));
}

/* A 304 to a request that offered no copy to compare with (the very first one): the
 * subscription fails in words, and a feed that kept no validators says so too; no GLib
 * critical (there was a g_bytes_get_data on no bytes). */
static void
test_not_modified_without_validators (Fixture *fx, gconstpointer data)
{
  FakeFailure fail304 = { .status = 304 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) none = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(DramaFeed) after = NULL;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  fake_server_fail (fx->server, "/feeds/atom.xml", &fail304);
  none = subscribe (fx, "/feeds/atom.xml", &error);
  g_assert_null (none);
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "304"));
  g_assert_cmpuint (n_feeds (fx), ==, 0);
  g_clear_error (&error);

  /* Subscribed, then validators forgotten: a 304 is no "nothing new" to believe. */
  fake_server_clear_failures (fx->server);
  feed = subscribe_ok (fx, "/feeds/news.xml");
  forget_validators (fx, drama_feed_get_id (feed));
  fake_server_fail (fx->server, "/feeds/news.xml", &fail304);
  g_assert_false (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP);
  after = get_feed (fx, drama_feed_get_id (feed));
  g_assert_nonnull (strstr (drama_feed_get_last_error (after), "304"));
  g_assert_cmpint (drama_feed_get_article_count (after), ==, 3);
}

static void
test_timeout (Fixture *fx, gconstpointer data)
{
  FakeFailure slow = { .delay_ms = 4000 };
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  drama_feed_updater_set_timeout (fx->updater, 1);
  fake_server_fail (fx->server, "/feeds/news.xml", &slow);

  start = g_get_monotonic_time ();
  g_assert_false (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  after = get_feed (fx, drama_feed_get_id (feed));
  g_assert_nonnull (strstr (drama_feed_get_last_error (after), "did not answer in time"));
}

static void
test_too_large (Fixture *fx, gconstpointer data)
{
  g_autofree char *url = url_of (fx, "/feeds/huge.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(DramaFeed) after = NULL;

  drama_feed_updater_set_max_body_size (fx->updater, 100 * 1000);
  fake_server_set_large_body (fx->server, "/feeds/huge.xml", 300 * 1000);

  /* Not subscribed: nothing added. */
  feed = subscribe (fx, "/feeds/huge.xml", &error);
  g_assert_null (feed);
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "The feed is larger than 100 kB");
  g_assert_cmpuint (n_feeds (fx), ==, 0);
  g_clear_error (&error);

  /* Compressed, the size is only known while reading: still stopped. */
  fake_server_set_gzip (fx->server, "/feeds/huge.xml", TRUE);
  feed = drama_store_add_feed (fx->store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_TOO_LARGE);
  after = get_feed (fx, drama_feed_get_id (feed));
  g_assert_cmpstr (drama_feed_get_last_error (after), ==, "The feed is larger than 100 kB");
}

static void
test_gzip (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = NULL;

  fake_server_set_gzip (fx->server, "/feeds/news.xml", TRUE);
  feed = subscribe_ok (fx, "/feeds/news.xml");
  g_assert_cmpstr (drama_feed_get_title (feed), ==, "Drama News");
  g_assert_cmpint (drama_feed_get_article_count (feed), ==, 3);
}

static void
check_truncated (Fixture *fx, const FakeFailure *failure)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) after = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  forget_validators (fx, drama_feed_get_id (feed));
  fake_server_route (fx->server, "/feeds/news.xml", "feeds/news-edited.xml");
  fake_server_fail (fx->server, "/feeds/news.xml", failure);

  g_assert_false (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK);
  g_assert_cmpstr (error->message, ==, "The download was cut off before the end");

  after = get_feed (fx, drama_feed_get_id (feed));
  g_assert_cmpstr (drama_feed_get_last_error (after), ==, error->message);
  articles = feed_articles (fx, drama_feed_get_id (feed));
  g_assert_cmpuint (articles->len, ==, 3);
  g_assert_cmpstr (drama_article_get_title (find_by_guid (articles, "news-3")), ==, "Third article");
}

static void
test_truncated_chunked (Fixture *fx, gconstpointer data)
{
  FakeFailure cut = { .truncate = TRUE };

  check_truncated (fx, &cut);
}

static void
test_truncated_content_length (Fixture *fx, gconstpointer data)
{
  FakeFailure cut = { .short_content_length = TRUE };

  check_truncated (fx, &cut);
}

static void
test_gone (Fixture *fx, gconstpointer data)
{
  FakeFailure gone = { .status = 410 };
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) after = NULL;
  g_autoptr(GError) error = NULL;
  guint hits;

  fake_server_fail (fx->server, "/feeds/news.xml", &gone);
  g_assert_true (refresh_all (fx, &error));
  g_assert_no_error (error);

  after = get_feed (fx, drama_feed_get_id (feed));
  g_assert_true (drama_feed_get_gone (after));
  g_assert_cmpstr (drama_feed_get_last_error (after), ==, "This feed no longer exists (410 Gone)");
  g_assert_cmpint (drama_feed_get_article_count (after), ==, 3);

  /* Never asked again. */
  hits = fake_server_get_hits (fx->server, "/feeds/news.xml");
  fake_server_clear_failures (fx->server);
  g_assert_true (refresh_all (fx, &error));
  g_assert_false (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_GONE);
  g_assert_cmpuint (fake_server_get_hits (fx->server, "/feeds/news.xml"), ==, hits);
}

static void
check_retry_after (Fixture *fx, guint status)
{
  FakeFailure busy = { .status = status, .retry_after = "120" };
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint hits;

  fake_server_fail (fx->server, "/feeds/news.xml", &busy);
  g_assert_true (refresh_all (fx, &error));
  g_assert_no_error (error);

  after = get_feed (fx, drama_feed_get_id (feed));
  g_assert_cmpint (drama_feed_get_retry_after (after), >=, now + 119);
  g_assert_cmpint (drama_feed_get_retry_after (after), <=, now + 122);
  g_assert_true (g_str_has_prefix (drama_feed_get_last_error (after), "The server asked us to wait until "));
  g_assert_false (drama_feed_get_gone (after));

  /* Skipped until then, even when the server would answer. */
  hits = fake_server_get_hits (fx->server, "/feeds/news.xml");
  fake_server_clear_failures (fx->server);
  fx->n_progress = 0;
  g_assert_true (refresh_all (fx, &error));
  g_assert_cmpuint (fx->progress_total, ==, 0);
  g_assert_false (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_true (g_str_has_prefix (error->message, "The server asked us to wait until "));
  g_assert_cmpuint (fake_server_get_hits (fx->server, "/feeds/news.xml"), ==, hits);
}

static void
test_retry_after_429 (Fixture *fx, gconstpointer data)
{
  check_retry_after (fx, 429);
}

static void
test_retry_after_503 (Fixture *fx, gconstpointer data)
{
  check_retry_after (fx, 503);
}

static void
test_keeps_read_starred (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(GPtrArray) before = feed_articles (fx, drama_feed_get_id (feed));
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  DramaArticle *one = find_by_guid (before, "news-1");
  DramaArticle *two = find_by_guid (before, "news-2");
  DramaArticle *one_after, *two_after, *three_after;
  gint64 changed[3];

  g_assert_true (drama_store_set_article_read (fx->store, drama_article_get_id (one), TRUE, &error));
  g_assert_true (drama_store_set_article_starred (fx->store, drama_article_get_id (two), TRUE, &error));
  g_assert_true (drama_store_set_article_read (fx->store, drama_article_get_id (two), TRUE, &error));
  g_assert_no_error (error);

  fake_server_route (fx->server, "/feeds/news.xml", "feeds/news-edited.xml");
  g_array_set_size (fx->stored_ids, 0);
  g_assert_true (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_no_error (error);

  after = feed_articles (fx, drama_feed_get_id (feed));
  g_assert_cmpuint (after->len, ==, 4);
  one_after = find_by_guid (after, "news-1");
  two_after = find_by_guid (after, "news-2");
  three_after = find_by_guid (after, "news-3");
  g_assert_nonnull (find_by_guid (after, "news-4"));

  g_assert_cmpint (drama_article_get_id (one_after), ==, drama_article_get_id (one));
  g_assert_cmpstr (drama_article_get_title (one_after), ==,
                   "Angel's Last Mission: Love tops the ratings (updated)");
  g_assert_true (drama_article_get_read (one_after));
  g_assert_true (drama_article_get_starred (two_after));
  g_assert_true (drama_article_get_read (two_after));
  g_assert_false (drama_article_get_read (three_after));

  /* New and edited articles go to the matcher; the untouched one does not. */
  changed[0] = drama_article_get_id (find_by_guid (after, "news-4"));
  changed[1] = drama_article_get_id (one_after);
  changed[2] = drama_article_get_id (two_after);
  g_assert_cmpuint (fx->stored_ids->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < fx->stored_ids->len; j++)
        found |= g_array_index (fx->stored_ids, gint64, j) == changed[i];
      g_assert_true (found);
    }
}

static void
test_dedup_without_guid (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/noguid.xml");
  g_autoptr(GPtrArray) articles = feed_articles (fx, drama_feed_get_id (feed));
  g_autoptr(GError) error = NULL;

  /* By link; by title + date (same title, two dates: two articles). */
  g_assert_cmpuint (articles->len, ==, 3);
  g_assert_nonnull (find_by_guid (articles, "https://noguid.example.com/a"));

  forget_validators (fx, drama_feed_get_id (feed));
  g_array_set_size (fx->stored_ids, 0);
  g_assert_true (refresh_feed (fx, drama_feed_get_id (feed), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake_server_get_hits (fx->server, "/feeds/noguid.xml"), ==, 2);

  g_clear_pointer (&articles, g_ptr_array_unref);
  articles = feed_articles (fx, drama_feed_get_id (feed));
  g_assert_cmpuint (articles->len, ==, 3);
  g_assert_cmpuint (fx->stored_ids->len, ==, 0);
}

static DramaArticle *
make_article (const char *guid, const char *title, gint64 published, gint64 fetched_at)
{
  DramaArticle *article = drama_article_new ();

  drama_article_set_guid (article, guid);
  drama_article_set_title (article, title);
  drama_article_set_published (article, published);
  drama_article_set_fetched_at (article, fetched_at);
  return article;
}

static void
test_retention (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 old = now - 40 * 86400;

  g_ptr_array_add (batch, make_article ("old-plain", "Old and plain", old, old));
  g_ptr_array_add (batch, make_article ("old-starred", "Old but starred", old, old));
  g_ptr_array_add (batch, make_article ("recent", "Recent", now - 86400, now - 86400));
  g_assert_true (drama_store_save_articles (fx->store, drama_feed_get_id (feed), batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (drama_store_set_article_starred (fx->store,
                                                  drama_article_get_id (g_ptr_array_index (batch, 1)),
                                                  TRUE, &error));

  drama_feed_updater_set_retention_days (fx->updater, 30);
  g_assert_true (refresh_all (fx, &error));
  g_assert_no_error (error);

  after = feed_articles (fx, drama_feed_get_id (feed));
  g_assert_null (find_by_guid (after, "old-plain"));
  g_assert_nonnull (find_by_guid (after, "old-starred"));
  g_assert_nonnull (find_by_guid (after, "recent"));
  /* The fixture's 2019 articles were fetched just now: a feed still carrying them must
   * not see them deleted and re-added on every refresh. */
  g_assert_nonnull (find_by_guid (after, "news-1"));
  g_assert_cmpuint (after->len, ==, 5);
}

/* As in the app, SQLite is the store's thread's alone while feeds are subscribed,
 * refreshed and trimmed: a worker that took the store's lock itself would be a critical,
 * fatal here. The test's own reads and writes are made with the guard off. */
static void
test_store_thread_only (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(DramaFeed) after = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  drama_store_set_thread_guard (fx->store, TRUE);
  feed = subscribe_ok (fx, "/feeds/news.xml");
  drama_store_set_thread_guard (fx->store, FALSE);
  forget_validators (fx, drama_feed_get_id (feed));

  drama_store_set_thread_guard (fx->store, TRUE);
  drama_feed_updater_set_retention_days (fx->updater, 30);
  fake_server_route (fx->server, "/feeds/news.xml", "feeds/news-edited.xml");
  g_assert_true (refresh_all (fx, &error));
  g_assert_no_error (error);
  drama_store_set_thread_guard (fx->store, FALSE);

  /* And the refresh stored what it fetched. */
  after = get_feed (fx, drama_feed_get_id (feed));
  g_assert_null (drama_feed_get_last_error (after));
  g_assert_cmpint (drama_feed_get_last_success (after), >, 0);
  articles = feed_articles (fx, drama_feed_get_id (feed));
  g_assert_cmpuint (articles->len, >, 0);
  g_assert_cmpuint (fx->feed_updated, >=, 1);
}

static void
test_offline (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) a = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) b = subscribe_ok (fx, "/feeds/atom.xml");
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  guint hits = fake_server_get_total_hits (fx->server);

  test_monitor_set_available (fx->monitor, FALSE);
  g_assert_false (drama_feed_updater_get_network_available (fx->updater));

  g_assert_false (refresh_all (fx, &error));
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK);
  g_assert_cmpstr (error->message, ==, "You are offline");
  g_assert_cmpuint (fake_server_get_total_hits (fx->server), ==, hits);

  feeds = drama_store_list_feeds (fx->store, NULL);
  for (guint i = 0; i < feeds->len; i++)
    g_assert_null (drama_feed_get_last_error (g_ptr_array_index (feeds, i)));

  test_monitor_set_available (fx->monitor, TRUE);
  g_assert_true (drama_feed_updater_get_network_available (fx->updater));
  g_clear_error (&error);
  g_assert_true (refresh_all (fx, &error));
  g_assert_no_error (error);
}

/* No server answers any feed (a closed port) while the monitor says online: the updater
 * calls that unreachable, which the UI shows as "You are offline"; one feed answering,
 * even with an error, ends it. */
static void
test_unreachable (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) a = drama_store_add_feed (fx->store, "http://127.0.0.1:1/a.xml", "A", NULL);
  g_autoptr(DramaFeed) b = drama_store_add_feed (fx->store, "http://127.0.0.1:1/b.xml", "B", NULL);
  g_autoptr(DramaFeed) working = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (drama_feed_updater_get_network_available (fx->updater));
  g_assert_false (drama_feed_updater_get_unreachable (fx->updater));
  g_assert_true (refresh_all (fx, &error));
  g_assert_no_error (error);
  g_assert_true (drama_feed_updater_get_unreachable (fx->updater));

  /* Subscribing fetches a feed: a server answered. */
  working = subscribe_ok (fx, "/feeds/news.xml");
  g_assert_false (drama_feed_updater_get_unreachable (fx->updater));
  g_assert_true (refresh_all (fx, &error));
  g_assert_no_error (error);
  g_assert_false (drama_feed_updater_get_unreachable (fx->updater));
  g_assert_true (drama_store_remove_feed (fx->store, drama_feed_get_id (working), NULL, NULL,
                                          &error));
  g_assert_true (refresh_all (fx, &error));
  g_assert_true (drama_feed_updater_get_unreachable (fx->updater));
  g_clear_object (&working);

  /* A server that answers 500 is a server that answers. */
  working = subscribe_ok (fx, "/feeds/news.xml");
  fake_server_fail (fx->server, "/feeds/news.xml", &(FakeFailure) { .status = 500 });
  g_assert_true (refresh_all (fx, &error));
  g_assert_no_error (error);
  g_assert_false (drama_feed_updater_get_unreachable (fx->updater));
  fake_server_clear_failures (fx->server);
}

static void
test_refresh_all_joins (Fixture *fx, gconstpointer data)
{
  FakeFailure slow = { .delay_ms = 300 };
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;
  guint hits = fake_server_get_hits (fx->server, "/feeds/news.xml");

  fake_server_fail (fx->server, "/feeds/news.xml", &slow);
  drama_feed_updater_refresh_all_async (fx->updater, NULL, on_async_done, &first);
  g_assert_true (drama_feed_updater_get_refreshing (fx->updater));
  drama_feed_updater_refresh_all_async (fx->updater, NULL, on_async_done, &second);
  g_assert_true (drama_feed_updater_refresh_all_finish (fx->updater, wait_for (&first), &error));
  g_assert_true (drama_feed_updater_refresh_all_finish (fx->updater, wait_for (&second), &error));
  g_assert_no_error (error);
  g_assert_false (drama_feed_updater_get_refreshing (fx->updater));
  g_assert_cmpuint (fake_server_get_hits (fx->server, "/feeds/news.xml"), ==, hits + 1);
}

static void
test_cancel (Fixture *fx, gconstpointer data)
{
  FakeFailure slow = { .delay_ms = 2000 };
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) after = NULL;

  fake_server_fail (fx->server, "/feeds/news.xml", &slow);
  drama_feed_updater_refresh_all_async (fx->updater, cancellable, on_async_done, &result);
  while (fake_server_get_hits (fx->server, "/feeds/news.xml") < 2)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  g_assert_false (drama_feed_updater_refresh_all_finish (fx->updater, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Cancelling is not the feed's fault. */
  after = get_feed (fx, drama_feed_get_id (feed));
  g_assert_null (drama_feed_get_last_error (after));
}

static void
test_removed_while_fetching (Fixture *fx, gconstpointer data)
{
  FakeFailure slow = { .delay_ms = 500 };
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  forget_validators (fx, drama_feed_get_id (feed));
  fake_server_route (fx->server, "/feeds/news.xml", "feeds/news-edited.xml");
  fake_server_fail (fx->server, "/feeds/news.xml", &slow);
  drama_feed_updater_refresh_all_async (fx->updater, NULL, on_async_done, &result);
  while (fake_server_get_hits (fx->server, "/feeds/news.xml") < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (drama_store_remove_feed (fx->store, drama_feed_get_id (feed), NULL, NULL, &error));

  /* No warning, no resurrected feed, no orphan articles. */
  g_assert_true (drama_feed_updater_refresh_all_finish (fx->updater, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_feeds (fx), ==, 0);
  {
    g_autoptr(GArray) ids = drama_store_list_article_ids (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0,
                                                          NULL, NULL, &error);

    g_assert_cmpuint (ids->len, ==, 0);
  }
}

static void
test_remove_and_undo (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(GPtrArray) before = feed_articles (fx, drama_feed_get_id (feed));
  g_autoptr(DramaFeed) removed = NULL;
  g_autoptr(GPtrArray) removed_articles = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(DramaFeed) restored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 one_id = drama_article_get_id (find_by_guid (before, "news-1"));
  gint64 two_id = drama_article_get_id (find_by_guid (before, "news-2"));

  drama_store_set_article_read (fx->store, one_id, TRUE, &error);
  drama_store_set_article_starred (fx->store, two_id, TRUE, &error);
  g_assert_true (drama_store_rename_feed (fx->store, drama_feed_get_id (feed), "  My news ", &error));
  g_assert_no_error (error);

  g_assert_true (drama_store_remove_feed (fx->store, drama_feed_get_id (feed), &removed,
                                          &removed_articles, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_feeds (fx), ==, 0);
  g_assert_null (drama_store_get_article (fx->store, one_id, &error));
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (removed_articles->len, ==, 3);

  g_array_set_size (fx->stored_ids, 0);
  g_assert_true (drama_feed_updater_restore_feed (fx->updater, removed, removed_articles, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->stored_ids->len, ==, 3);

  restored = get_feed (fx, drama_feed_get_id (feed));
  g_assert_cmpstr (drama_feed_get_display_title (restored), ==, "My news");
  g_assert_cmpstr (drama_feed_get_etag (restored), !=, NULL);
  after = feed_articles (fx, drama_feed_get_id (feed));
  g_assert_cmpuint (after->len, ==, 3);
  g_assert_cmpint (drama_article_get_id (find_by_guid (after, "news-1")), ==, one_id);
  g_assert_true (drama_article_get_read (find_by_guid (after, "news-1")));
  g_assert_true (drama_article_get_starred (find_by_guid (after, "news-2")));
  g_assert_false (drama_article_get_read (find_by_guid (after, "news-3")));
  g_assert_cmpstr (drama_article_get_feed_title (find_by_guid (after, "news-3")), ==, "My news");

  /* Undo twice = already there. */
  g_assert_false (drama_store_restore_feed (fx->store, removed, removed_articles, NULL, &error));
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_EXISTS);
}

static void
test_mark_all_read_and_undo (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) a = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaFeed) b = subscribe_ok (fx, "/feeds/atom.xml");
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GArray) unread = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = feed_articles (fx, drama_feed_get_id (a));
  g_autoptr(DramaFeed) a2 = NULL;

  drama_store_set_article_read (fx->store, drama_article_get_id (find_by_guid (before, "news-3")),
                                TRUE, &error);
  g_assert_true (drama_store_mark_all_read (fx->store, DRAMA_ARTICLE_FILTER_FEED, drama_feed_get_id (a),
                                            &changed, &error));
  g_assert_no_error (error);
  /* Only those that really changed, so Undo leaves news-3 read. */
  g_assert_cmpuint (changed->len, ==, 2);
  a2 = get_feed (fx, drama_feed_get_id (a));
  g_assert_cmpint (drama_feed_get_unread_count (a2), ==, 0);

  unread = drama_store_list_article_ids (fx->store, DRAMA_ARTICLE_FILTER_UNREAD, 0, NULL, NULL, &error);
  g_assert_cmpuint (unread->len, ==, 1);   /* the Atom entry */

  g_assert_true (drama_store_set_articles_read (fx->store, (const gint64 *) (gpointer) changed->data,
                                                changed->len, FALSE, &error));
  g_clear_object (&a2);
  a2 = get_feed (fx, drama_feed_get_id (a));
  g_assert_cmpint (drama_feed_get_unread_count (a2), ==, 2);
}

/* A feed's articles reach the library with their plain text, made by the parse that
 * sanitised their HTML: at most two parses of each summary, nothing after (no second look
 * for a picture, no parse in the store). */
static void
test_text_made_once (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint before = _drama_html_get_n_parses ();
  guint n = 0;

  /* news.xml: three entries, each with a summary (HTML, as RSS has it), and the feed's own
   * description (its plain text, once). */
  feed = subscribe_ok (fx, "/feeds/news.xml");
  g_assert_cmpuint (_drama_html_get_n_parses () - before, ==, 3 * 2 + 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) found = drama_store_search_articles (fx->store, "lead episode", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
  }

  g_assert_cmpint (sqlite3_open_v2 (drama_store_get_path (fx->store), &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT guid, text FROM articles ORDER BY guid", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *expected[] = { "Shin Hye Sun and L lead the new episode.", "Plain summary two.",
                                 "Plain summary three." };

      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, expected[n]);
      n++;
    }
  g_assert_cmpuint (n, ==, 3);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_search_escaping (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  const char *awkward[] = { "\"", "\"AND(", "AND", "OR (", "NEAR(", "*", "-", "a:b", "title:",
                            "'", "^", "\"\"\"", "(((", "NOT", "ratings\"", "é", "\xe3\x85\x8b" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    {
      g_autoptr(GPtrArray) results = drama_store_search_articles (fx->store, awkward[i], 0, &error);

      g_assert_no_error (error);
      g_assert_nonnull (results);
    }

  /* Prefixes, several words (all needed), case-insensitive, summaries included. */
  found = drama_store_search_articles (fx->store, "angel rat", 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = drama_store_search_articles (fx->store, "summary", 0, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = drama_store_search_articles (fx->store, "\"ratings\"", 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = drama_store_search_articles (fx->store, "angel nothinglikethis", 0, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_no_error (error);
}

/* ---- The article list ---- */

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, guint *count)
{
  (*count)++;
}

static void
fill_many (Fixture *fx, gint64 feed_id, guint n, const char *prefix, gint64 base)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *guid = g_strdup_printf ("%s-%u", prefix, i);
      g_autofree char *title = g_strdup_printf ("%s article %u%s", prefix, i,
                                                i % 100 == 7 ? " with a needle" : "");

      g_ptr_array_add (batch, make_article (guid, title, base + i * 60, 0));
    }
  g_assert_true (drama_store_save_articles (fx->store, feed_id, batch, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the list has its ids, no page is being read and nothing else
 * is due (the store's signals, the list's idles). Never a fixed sleep. */
static void
list_settle (DramaArticleList *list)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, wake_up, NULL);

  while ((drama_article_list_get_loading (list) || drama_article_list_get_n_pending (list) > 0 ||
          g_main_context_pending (NULL)) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_false (drama_article_list_get_loading (list));
  g_assert_cmpuint (drama_article_list_get_n_pending (list), ==, 0);
}

static guint
list_n (DramaArticleList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* The item with its page read: held meanwhile, as a row on screen holds it. */
static DramaArticle *
list_item (DramaArticleList *list, guint position)
{
  DramaArticle *article = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (article);
  if (drama_article_list_is_placeholder (article))
    {
      list_settle (list);
      g_object_unref (article);
      article = g_list_model_get_item (G_LIST_MODEL (list), position);
    }
  g_assert_false (drama_article_list_is_placeholder (article));
  return article;
}

/* The list must never call the store from this (the main) thread: with the guard on, such
 * a call is a critical, fatal in tests. Off while the test itself writes. */
static void
guard (Fixture *fx, gboolean on)
{
  drama_store_set_thread_guard (fx->store, on);
}

static void
test_article_list_paging (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) big = drama_store_add_feed (fx->store, "https://big.example.com/feed", "Big", &error);
  g_autoptr(DramaFeed) small = drama_store_add_feed (fx->store, "https://small.example.com/feed", "Small", &error);
  g_autoptr(DramaArticleList) list = NULL;
  g_autoptr(DramaArticle) first = NULL;
  g_autoptr(DramaArticle) last = NULL;
  g_autoptr(DramaArticle) placeholder = NULL;
  gint64 prev_published = G_MAXINT64;
  guint n, changes = 0;

  g_assert_no_error (error);
  fill_many (fx, drama_feed_get_id (big), 1500, "big", 1600000000);
  fill_many (fx, drama_feed_get_id (small), 20, "small", 1500000000);
  guard (fx, TRUE);

  /* The caller never waits: empty and loading until the ids arrive. */
  list = drama_article_list_new (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0, NULL);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == DRAMA_TYPE_ARTICLE);
  g_assert_true (drama_article_list_get_loading (list));
  g_assert_cmpuint (list_n (list), ==, 0);
  list_settle (list);
  n = list_n (list);
  g_assert_cmpuint (n, ==, 1520);
  /* The first page came with the ids (the top of the list shows in one round trip), and
   * nothing else until asked. */
  g_assert_cmpuint (drama_article_list_get_n_loaded (list), ==, 200);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_false (drama_article_list_is_placeholder (first));

  /* An item asked for before its page came is a placeholder with its id, at once; the
   * page's arrival replaces it with one items-changed over the rows handed out. */
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  placeholder = g_list_model_get_item (G_LIST_MODEL (list), 600);
  g_assert_true (drama_article_list_is_placeholder (placeholder));
  g_assert_cmpint (drama_article_get_id (placeholder), >, 0);
  g_assert_null (drama_article_get_title (placeholder));
  list_settle (list);
  g_assert_cmpuint (changes, ==, 1);
  {
    g_autoptr(DramaArticle) loaded = list_item (list, 600);

    g_assert_true (loaded != placeholder);
    g_assert_cmpint (drama_article_get_id (loaded), ==, drama_article_get_id (placeholder));
    g_assert_cmpstr (drama_article_get_guid (loaded), ==, "big-899");
  }
  g_assert_cmpstr (drama_article_get_guid (first), ==, "big-1499");
  g_assert_cmpstr (drama_article_get_feed_title (first), ==, "Big");
  last = list_item (list, n - 1);
  g_assert_cmpstr (drama_article_get_guid (last), ==, "small-0");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));
  g_signal_handlers_disconnect_by_data (list, &changes);

  /* Scrolling the whole list a page at a time: in order, and never the whole list in
   * memory. */
  for (guint start = 0; start < n; start += 200)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = start; i < MIN (start + 200, n); i++)
        g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (list), i));
      list_settle (list);
      for (guint i = start; i < MIN (start + 200, n); i++)
        {
          g_autoptr(DramaArticle) article = list_item (list, i);

          g_assert_cmpint (drama_article_get_published (article), <=, prev_published);
          prev_published = drama_article_get_published (article);
        }
      g_assert_cmpuint (drama_article_list_get_n_loaded (list), <=, 16 * 200);
    }
  /* The same object while its page stays loaded: a view's bindings stay valid. */
  {
    g_autoptr(DramaArticle) again = g_list_model_get_item (G_LIST_MODEL (list), n - 1);

    g_assert_true (again == last);
  }
  g_assert_cmpuint (drama_article_list_find (list, drama_article_get_id (first)), ==, 0);

  drama_article_list_set_filter (list, DRAMA_ARTICLE_FILTER_FEED, drama_feed_get_id (small));
  list_settle (list);
  g_assert_cmpuint (list_n (list), ==, 20);

  drama_article_list_set_filter (list, DRAMA_ARTICLE_FILTER_ALL, 0);
  drama_article_list_set_search (list, "needle");
  list_settle (list);
  g_assert_cmpuint (list_n (list), ==, 15 + 1);
  drama_article_list_set_filter (list, DRAMA_ARTICLE_FILTER_FEED, drama_feed_get_id (small));
  list_settle (list);
  g_assert_cmpuint (list_n (list), ==, 1);
  drama_article_list_set_filter (list, DRAMA_ARTICLE_FILTER_ALL, 0);
  drama_article_list_set_search (list, "\"AND(");
  list_settle (list);
  g_assert_null (drama_article_list_get_error_message (list));
  g_assert_cmpuint (list_n (list), ==, 0);
  drama_article_list_set_search (list, NULL);
  list_settle (list);
  g_assert_cmpuint (list_n (list), ==, 1520);

  /* A search within a filter keeps the filter's order and follows the library: an article
   * that arrives, or one that stops matching the filter, while the words stay typed. */
  drama_article_list_set_filter (list, DRAMA_ARTICLE_FILTER_FEED, drama_feed_get_id (big));
  list_settle (list);
  drama_article_list_set_search (list, "needle");
  list_settle (list);
  g_assert_cmpuint (list_n (list), ==, 15);
  drama_article_list_set_search (list, "needle big");
  list_settle (list);
  g_assert_cmpuint (list_n (list), ==, 15);
  {
    g_autoptr(DramaArticle) top = list_item (list, 0);

    g_assert_cmpstr (drama_article_get_guid (top), ==, "big-1407");
  }
  guard (fx, FALSE);
  fill_many (fx, drama_feed_get_id (big), 1, "new-big", 1700000000);
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (batch, make_article ("late", "A big needle, late", 1800000000, 0));
    g_assert_true (drama_store_save_articles (fx->store, drama_feed_get_id (big), batch, NULL, &error));
    g_ptr_array_set_size (batch, 0);
    g_ptr_array_add (batch, make_article ("late-small", "A big needle elsewhere", 1800000000, 0));
    g_assert_true (drama_store_save_articles (fx->store, drama_feed_get_id (small), batch, NULL, &error));
    g_assert_no_error (error);
  }
  guard (fx, TRUE);
  list_settle (list);
  g_assert_cmpuint (list_n (list), ==, 16);
  {
    g_autoptr(DramaArticle) top = list_item (list, 0);

    g_assert_cmpstr (drama_article_get_guid (top), ==, "late");
  }
  drama_article_list_set_search (list, "needle");
  list_settle (list);
  g_assert_cmpuint (list_n (list), ==, 16);
  drama_article_list_set_search (list, NULL);
  list_settle (list);
  g_assert_cmpuint (list_n (list), ==, 1502);
  guard (fx, FALSE);
}

typedef struct {
  GHashTable *expected;   /* search text → expected count (GUINT_TO_POINTER) */
  guint       n_changes;
  guint       n_wrong;
} TypingLog;

/* Whatever the list shows at any moment is the result of the search it has now, never
 * an older one. */
static void
check_shown (DramaArticleList *list, guint position, guint removed, guint added, TypingLog *log)
{
  const char *search = drama_article_list_get_search (list);
  gpointer expected;

  log->n_changes++;
  if (drama_article_list_get_loading (list))
    return;
  expected = g_hash_table_lookup (log->expected, search != NULL ? search : "");
  if (GPOINTER_TO_UINT (expected) != list_n (list))
    log->n_wrong++;
}

/* Typing fast: each keystroke asks again, the newest query wins and the results of an
 * older one never replace a newer one's, not even for a moment. */
static void
test_article_list_typing (Fixture *fx, gconstpointer data)
{
  static const char * const keystrokes[] = { "b", "bi", "big", "big a", "big ar", "needle",
                                             "small", "small article", "small article 1" };
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) big = drama_store_add_feed (fx->store, "https://big.example.com/feed", "Big", &error);
  g_autoptr(DramaFeed) small = drama_store_add_feed (fx->store, "https://small.example.com/feed", "Small", &error);
  g_autoptr(DramaArticleList) list = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) last = NULL;
  TypingLog log = { expected, 0, 0 };

  g_assert_no_error (error);
  fill_many (fx, drama_feed_get_id (big), 3000, "big", 1600000000);
  fill_many (fx, drama_feed_get_id (small), 20, "small", 1500000000);
  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      g_autoptr(GArray) ids = drama_store_list_article_ids (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0,
                                                            keystrokes[i], NULL, &error);

      g_assert_no_error (error);
      g_hash_table_insert (expected, (gpointer) keystrokes[i], GUINT_TO_POINTER (ids->len));
    }
  g_hash_table_insert (expected, (gpointer) "", GUINT_TO_POINTER (3020));
  last = drama_store_list_article_ids (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0,
                                       "small article 1", NULL, &error);
  g_assert_no_error (error);
  /* "small article 1", "small article 10" … "19". */
  g_assert_cmpuint (last->len, ==, 11);
  guard (fx, TRUE);

  list = drama_article_list_new (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0, NULL);
  list_settle (list);
  g_assert_cmpuint (list_n (list), ==, 3020);
  g_signal_connect (list, "items-changed", G_CALLBACK (check_shown), &log);

  /* Twice: all keystrokes in one go (every query but the last cancelled), then one per
   * main loop turn (some answers land between keystrokes, as for a slower typist). */
  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
        {
          drama_article_list_set_search (list, keystrokes[i]);
          if (round == 1)
            g_main_context_iteration (NULL, FALSE);
        }
      list_settle (list);

      g_assert_cmpstr (drama_article_list_get_search (list), ==, "small article 1");
      g_assert_cmpuint (list_n (list), ==, last->len);
      for (guint i = 0; i < last->len; i++)
        g_assert_cmpuint (drama_article_list_find (list, g_array_index (last, gint64, i)), ==, i);
      if (round == 0)
        {
          /* Nothing showed but the last answer. */
          g_assert_cmpuint (log.n_changes, ==, 1);
          drama_article_list_set_search (list, NULL);
          list_settle (list);
        }
    }
  g_assert_cmpuint (log.n_wrong, ==, 0);
  guard (fx, FALSE);
}

/* Holds the store's thread until opened: what was asked meanwhile stays queued. */
typedef struct {
  GMutex   mutex;
  GCond    cond;
  gboolean open;
} Gate;

static gpointer
gate_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Gate *gate = data;

  g_mutex_lock (&gate->mutex);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->mutex);
  g_mutex_unlock (&gate->mutex);
  return GINT_TO_POINTER (1);
}

static void
gate_open (Gate *gate)
{
  g_mutex_lock (&gate->mutex);
  gate->open = TRUE;
  g_cond_signal (&gate->cond);
  g_mutex_unlock (&gate->mutex);
}

/* Scrolling fast past pages: the pages scrolled past that no row holds any more are not
 * read, only those on screen. */
static void
test_article_list_skips_pages (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = drama_store_add_feed (fx->store, "https://big.example.com/feed", "Big", &error);
  g_autoptr(DramaArticleList) list = NULL;
  g_autoptr(GPtrArray) screen = g_ptr_array_new_with_free_func (g_object_unref);
  Gate gate = { .open = FALSE };

  g_assert_no_error (error);
  fill_many (fx, drama_feed_get_id (feed), 6000, "big", 1600000000);
  guard (fx, TRUE);
  list = drama_article_list_new (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0, NULL);
  list_settle (list);
  g_assert_cmpuint (list_n (list), ==, 6000);

  g_mutex_init (&gate.mutex);
  g_cond_init (&gate.cond);
  drama_store_call_async (fx->store, G_PRIORITY_HIGH, gate_job, &gate, NULL, NULL, NULL, NULL, NULL);

  /* A screen of rows per frame, frame after frame down the list (the view lets the rows
   * of the previous frame go), from below the first page (read with the ids). */
  for (guint page = 1; page < 25; page++)
    {
      g_ptr_array_set_size (screen, 0);
      for (guint i = page * 200 + 50; i < page * 200 + 70; i++)
        g_ptr_array_add (screen, g_list_model_get_item (G_LIST_MODEL (list), i));
      while (g_main_context_iteration (NULL, FALSE))
        ;
      /* Only what is on screen now is waiting to be read. */
      g_assert_cmpuint (drama_article_list_get_n_pending (list), ==, 1);
    }
  gate_open (&gate);
  list_settle (list);

  /* The screen shown last got its articles; the pages scrolled past did not. */
  for (guint i = 0; i < screen->len; i++)
    {
      g_autoptr(DramaArticle) row = g_list_model_get_item (G_LIST_MODEL (list), 24 * 200 + 50 + i);

      g_assert_false (drama_article_list_is_placeholder (row));
    }
  {
    g_autoptr(DramaArticle) passed = g_list_model_get_item (G_LIST_MODEL (list), 23 * 200 + 50);

    g_assert_true (drama_article_list_is_placeholder (passed));
  }
  g_assert_cmpuint (drama_article_list_get_n_loaded (list), <=, 16 * 200);
  guard (fx, FALSE);
  list_settle (list);
  g_mutex_clear (&gate.mutex);
  g_cond_clear (&gate.cond);
}

static void
test_article_list_follows_store (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = drama_store_add_feed (fx->store, "https://f.example.com/feed", "F", &error);
  g_autoptr(DramaFeed) other = drama_store_add_feed (fx->store, "https://o.example.com/feed", "O", &error);
  g_autoptr(DramaArticleList) unread = NULL;
  g_autoptr(DramaArticleList) starred = NULL;
  g_autoptr(DramaArticleList) all = NULL;
  g_autoptr(DramaArticle) top = NULL;
  g_autoptr(DramaArticle) top_again = NULL;
  g_autoptr(GArray) marked = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  guint changes = 0, all_changes = 0;

  fill_many (fx, drama_feed_get_id (feed), 300, "f", 1600000000);
  guard (fx, TRUE);
  unread = drama_article_list_new (fx->store, DRAMA_ARTICLE_FILTER_UNREAD, 0, NULL);
  starred = drama_article_list_new (fx->store, DRAMA_ARTICLE_FILTER_STARRED, 0, NULL);
  all = drama_article_list_new (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0, NULL);
  list_settle (unread);
  list_settle (starred);
  list_settle (all);
  g_signal_connect (unread, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_signal_connect (all, "items-changed", G_CALLBACK (on_items_changed), &all_changes);
  g_assert_cmpuint (list_n (unread), ==, 300);
  g_assert_cmpuint (list_n (starred), ==, 0);

  top = list_item (unread, 0);
  g_assert_false (drama_article_get_read (top));
  changes = 0;

  /* Read while listed: updated in place, still listed (the reader is on it). */
  guard (fx, FALSE);
  drama_store_set_article_read (fx->store, drama_article_get_id (top), TRUE, &error);
  drama_store_set_article_starred (fx->store, drama_article_get_id (top), TRUE, &error);
  g_assert_no_error (error);
  guard (fx, TRUE);
  list_settle (unread);
  list_settle (starred);
  g_assert_true (drama_article_get_read (top));
  g_assert_true (drama_article_get_starred (top));
  g_assert_cmpuint (list_n (unread), ==, 300);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (list_n (starred), ==, 1);
  top_again = g_list_model_get_item (G_LIST_MODEL (unread), 0);
  g_assert_true (top_again == top);

  /* A fresh look at the filter drops it. */
  drama_article_list_set_filter (unread, DRAMA_ARTICLE_FILTER_ALL, 0);
  drama_article_list_set_filter (unread, DRAMA_ARTICLE_FILTER_UNREAD, 0);
  list_settle (unread);
  g_assert_cmpuint (list_n (unread), ==, 299);

  /* Mark all read, then its Undo: every held row follows in place, no row moves in ALL. */
  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (held, list_item (all, i));
  all_changes = 0;
  guard (fx, FALSE);
  g_assert_true (drama_store_mark_all_read (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0, &marked, &error));
  g_assert_no_error (error);
  guard (fx, TRUE);
  list_settle (all);
  for (guint i = 0; i < held->len; i++)
    g_assert_true (drama_article_get_read (held->pdata[i]));
  guard (fx, FALSE);
  g_assert_true (drama_store_set_articles_read (fx->store, (const gint64 *) (gpointer) marked->data,
                                                marked->len, FALSE, &error));
  guard (fx, TRUE);
  list_settle (all);
  for (guint i = 0; i < held->len; i++)
    g_assert_cmpint (drama_article_get_read (held->pdata[i]), ==,
                     drama_article_get_id (held->pdata[i]) == drama_article_get_id (top));
  g_assert_cmpuint (all_changes, ==, 0);
  list_settle (unread);
  /* Marked unread again, the articles are back in UNREAD (the top one stayed read). */
  g_assert_cmpuint (list_n (unread), ==, 299);

  /* New articles arrive at the top: one items-changed at position 0. */
  changes = 0;
  guard (fx, FALSE);
  fill_many (fx, drama_feed_get_id (feed), 2, "newer", 1700000000);
  guard (fx, TRUE);
  list_settle (unread);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (list_n (unread), ==, 301);

  /* The feed renamed: the listed objects show the new name. */
  g_clear_object (&top_again);
  top_again = list_item (unread, 5);
  guard (fx, FALSE);
  drama_store_rename_feed (fx->store, drama_feed_get_id (feed), "Renamed", &error);
  g_assert_no_error (error);
  guard (fx, TRUE);
  list_settle (unread);
  g_assert_cmpstr (drama_article_get_feed_title (top_again), ==, "Renamed");

  /* Another feed's state changing reads nothing for these rows. */
  guard (fx, FALSE);
  drama_feed_set_last_error (other, "Not found");
  g_assert_true (drama_store_update_feed_state (fx->store, other, &error));
  guard (fx, TRUE);
  list_settle (unread);
  g_assert_cmpstr (drama_article_get_feed_title (top_again), ==, "Renamed");

  /* Articles removed by id: their rows go at once, each run of rows with its own
   * items-changed; the rows around keep their objects. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(DramaStoreChange) removal = NULL;
    gint64 gone[3];
    guint n_all;

    list_settle (all);
    n_all = list_n (all);
    for (guint i = 0; i < 7; i++)
      g_ptr_array_add (rows, list_item (all, i));
    /* Rows 1, 2 and 5: two runs. */
    gone[0] = drama_article_get_id (rows->pdata[1]);
    gone[1] = drama_article_get_id (rows->pdata[2]);
    gone[2] = drama_article_get_id (rows->pdata[5]);
    removal = drama_store_change_new (DRAMA_CHANGE_ARTICLE, DRAMA_CHANGE_REMOVED, 0, gone, 3);
    all_changes = 0;
    g_signal_emit_by_name (fx->store, "changed::article", removal);
    g_assert_cmpuint (list_n (all), ==, n_all - 3);
    g_assert_cmpuint (all_changes, ==, 2);
    for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
      g_assert_cmpuint (drama_article_list_find (all, gone[i]), ==, G_MAXUINT);
    /* 0, 3, 4, 6 are now 0, 1, 2, 3, the same objects. */
    for (guint i = 0, k = 0; i < 7; i++)
      {
        g_autoptr(DramaArticle) row = NULL;

        if (i == 1 || i == 2 || i == 5)
          continue;
        row = g_list_model_get_item (G_LIST_MODEL (all), k++);
        g_assert_true (row == rows->pdata[i]);
      }
    list_settle (all);
  }

  /* The feed removed: its articles leave every list. */
  guard (fx, FALSE);
  g_assert_true (drama_store_remove_feed (fx->store, drama_feed_get_id (feed), NULL, NULL, &error));
  guard (fx, TRUE);
  list_settle (unread);
  list_settle (all);
  g_assert_cmpuint (list_n (unread), ==, 0);
  g_assert_cmpuint (list_n (all), ==, 0);
  guard (fx, FALSE);
}


/* MY_SHOWS / SHOW / PERSON read the links the matcher wrote. */
static void
test_article_list_linked (Fixture *fx, gconstpointer data)
{
  g_autoptr(DramaFeed) feed = subscribe_ok (fx, "/feeds/news.xml");
  g_autoptr(DramaShow) angel = drama_show_new ();
  g_autoptr(DramaShow) other = drama_show_new ();
  g_autoptr(DramaPerson) actress = drama_person_new ();
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DramaMatcher) matcher = NULL;
  g_autoptr(DramaArticleList) mine = NULL;
  g_autoptr(DramaArticleList) all = NULL;
  g_autoptr(DramaArticleList) by_show = NULL;
  g_autoptr(DramaArticleList) by_person = NULL;
  g_autoptr(DramaArticle) linked = NULL;
  g_autoptr(DramaArticle) held = NULL;
  g_autoptr(GError) error = NULL;
  guint all_changes = 0;

  drama_show_set_tvmaze_id (angel, 40000);
  drama_show_set_name (angel, "Angel's Last Mission: Love");
  drama_show_set_tvmaze_id (other, 40001);
  drama_show_set_name (other, "Something Else Entirely");
  drama_person_set_tvmaze_id (actress, 50000);
  drama_person_set_name (actress, "Shin Hye Sun");
  drama_person_set_character (actress, "Lee Yeon Seo");
  g_ptr_array_add (cast, g_object_ref (actress));
  g_assert_true (drama_store_save_show (fx->store, angel, NULL, cast, &error));
  g_assert_true (drama_store_save_show (fx->store, other, NULL, NULL, &error));
  g_assert_no_error (error);

  guard (fx, TRUE);
  mine = drama_article_list_new (fx->store, DRAMA_ARTICLE_FILTER_MY_SHOWS, 0, NULL);
  all = drama_article_list_new (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0, NULL);
  list_settle (mine);
  list_settle (all);
  g_assert_cmpuint (list_n (mine), ==, 0);
  g_assert_cmpuint (list_n (all), ==, 3);
  /* The ALL list holds the article about the show, not linked yet. */
  for (guint i = 0; i < list_n (all) && held == NULL; i++)
    {
      g_autoptr(DramaArticle) article = list_item (all, i);

      if (g_strcmp0 (drama_article_get_guid (article), "news-1") == 0)
        held = g_steal_pointer (&article);
    }
  g_assert_nonnull (held);
  g_assert_true (drama_article_get_shows (held) == NULL || drama_article_get_shows (held)->len == 0);
  g_signal_connect (all, "items-changed", G_CALLBACK (on_items_changed), &all_changes);

  guard (fx, FALSE);
  matcher = drama_store_build_matcher (fx->store, &error);
  g_assert_no_error (error);
  g_assert_true (drama_store_link_articles (fx->store, matcher,
                                            (const gint64 *) (gpointer) fx->stored_ids->data,
                                            fx->stored_ids->len, &error));
  g_assert_no_error (error);
  guard (fx, TRUE);
  list_settle (mine);
  list_settle (all);

  /* Only the headline naming the show (and its actress) is "mine". */
  g_assert_cmpuint (list_n (mine), ==, 1);
  linked = list_item (mine, 0);
  g_assert_cmpstr (drama_article_get_guid (linked), ==, "news-1");
  /* The row can show the show it is about. */
  g_assert_nonnull (drama_article_get_shows (linked));
  g_assert_cmpuint (drama_article_get_shows (linked)->len, ==, 1);
  /* In the ALL list too, in place: the same object got its chip, no row moved. */
  g_assert_nonnull (drama_article_get_shows (held));
  g_assert_cmpuint (drama_article_get_shows (held)->len, ==, 1);
  g_assert_cmpuint (all_changes, ==, 0);

  by_show = drama_article_list_new (fx->store, DRAMA_ARTICLE_FILTER_SHOW, drama_show_get_id (angel), NULL);
  list_settle (by_show);
  g_assert_cmpuint (list_n (by_show), ==, 1);
  drama_article_list_set_filter (by_show, DRAMA_ARTICLE_FILTER_SHOW, drama_show_get_id (other));
  list_settle (by_show);
  g_assert_cmpuint (list_n (by_show), ==, 0);
  by_person = drama_article_list_new (fx->store, DRAMA_ARTICLE_FILTER_PERSON,
                                      drama_person_get_id (actress), NULL);
  list_settle (by_person);
  g_assert_cmpuint (list_n (by_person), ==, 1);

  /* A show taken off the watchlist takes its news out of "My shows". */
  guard (fx, FALSE);
  g_assert_true (drama_store_set_show_removed (fx->store, drama_show_get_id (angel), TRUE, &error));
  g_assert_no_error (error);
  guard (fx, TRUE);
  drama_article_list_reload (mine);
  list_settle (mine);
  g_assert_cmpuint (list_n (mine), ==, 0);
  guard (fx, FALSE);
}

typedef struct {
  GMutex   mutex;
  GCond    cond;
  gboolean started;
  gboolean interrupted;   /* the search stopped with G_IO_ERROR_CANCELLED */
  guint    n_found;
} Interrupted;

/* On the store's thread: says it started, then searches for a prefix that every article
 * has, each with its own word (FTS5 merges 20,000 lists). */
static gpointer
slow_search_job (DramaStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Interrupted *state = data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_mutex_lock (&state->mutex);
  state->started = TRUE;
  g_cond_signal (&state->cond);
  g_mutex_unlock (&state->mutex);

  ids = drama_store_list_article_ids (store, DRAMA_ARTICLE_FILTER_ALL, 0, "t", NULL,
                                      &local_error);
  state->interrupted = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  state->n_found = ids != NULL ? ids->len : 0;
  return state;
}

/* A search replaced by the next letter stops where it is: the store's thread is free for
 * the new one at once, not once the old one has listed everything. */
static void
test_search_interrupted (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = drama_store_add_feed (fx->store, "https://t.example.com/feed", "T", &error);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) again = NULL;
  Interrupted state = { 0 };

  g_assert_no_error (error);
  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *guid = g_strdup_printf ("t-%u", i);
      g_autofree char *title = g_strdup_printf ("tword%u the story", i);

      g_ptr_array_add (batch, make_article (guid, title, 1600000000 + i * 60, 0));
    }
  g_assert_true (drama_store_save_articles (fx->store, drama_feed_get_id (feed), batch, NULL, &error));
  g_assert_no_error (error);

  g_mutex_init (&state.mutex);
  g_cond_init (&state.cond);
  drama_store_call_async (fx->store, G_PRIORITY_HIGH, slow_search_job, &state, NULL, NULL,
                          cancellable, on_async_done, &result);
  g_mutex_lock (&state.mutex);
  while (!state.started)
    g_cond_wait (&state.cond, &state.mutex);
  g_mutex_unlock (&state.mutex);
  g_cancellable_cancel (cancellable);

  drama_store_call_finish (fx->store, wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (state.interrupted);
  g_assert_cmpuint (state.n_found, ==, 0);
  g_mutex_clear (&state.mutex);
  g_cond_clear (&state.cond);

  /* Not cancelled, the same search lists them all. */
  g_clear_error (&error);
  again = drama_store_list_article_ids (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0, "t", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 20000);
}

/* Scale: 100,000 articles (run with -m slow). */
static void
test_article_list_100k (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(DramaArticleList) list = NULL;
  gint64 start;
  double ids_ms, page_ms, search_ms;

  if (!g_test_slow ())
    {
      g_test_skip ("100,000 articles: run with -m slow");
      return;
    }

  feed = drama_store_add_feed (fx->store, "https://huge.example.com/feed", "Huge", &error);
  g_assert_no_error (error);
  for (guint batch = 0; batch < 50; batch++)
    {
      g_autofree char *prefix = g_strdup_printf ("b%u", batch);

      fill_many (fx, drama_feed_get_id (feed), 2000, prefix, 1500000000 + batch * 2000 * 60);
    }
  guard (fx, TRUE);

  start = g_get_monotonic_time ();
  list = drama_article_list_new (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0, NULL);
  list_settle (list);
  ids_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpuint (list_n (list), ==, 100000);

  start = g_get_monotonic_time ();
  {
    g_autoptr(DramaArticle) middle = list_item (list, 50000);

    g_assert_nonnull (middle);
  }
  page_ms = (g_get_monotonic_time () - start) / 1000.0;

  start = g_get_monotonic_time ();
  drama_article_list_set_search (list, "needle");
  list_settle (list);
  search_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_cmpuint (list_n (list), ==, 50 * 20);

  g_test_message ("100,000 articles: ids %.1f ms, one page %.1f ms, search %.1f ms",
                  ids_ms, page_ms, search_ms);
  g_assert_cmpuint (drama_article_list_get_n_loaded (list), <=, 200);
  guard (fx, FALSE);
}

/* ---- OPML ---- */

static void
test_opml_parse (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "feeds", "subscriptions.opml", NULL);
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  DramaOpmlOutline *o;
  const char *bomb =
    "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
    "<opml><body><outline text=\"&b;\" xmlUrl=\"https://x.example/&b;\"/></body></opml>";
  const char *external =
    "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
    "<opml><body><outline text=\"&e;\" xmlUrl=\"https://x.example/\"/></body></opml>";

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  outlines = drama_opml_parse (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 3);
  o = g_ptr_array_index (outlines, 0);
  g_assert_cmpstr (o->title, ==, "Soompi");
  g_assert_cmpstr (o->xml_url, ==, "https://www.soompi.com/feed");
  g_assert_cmpstr (o->html_url, ==, "https://www.soompi.com/");
  /* Each names the folder it sits in (the innermost), so an import can tell. */
  g_assert_cmpstr (o->folder, ==, "K-drama");
  o = g_ptr_array_index (outlines, 1);
  g_assert_cmpstr (o->title, ==, "Koreaboo");
  g_assert_cmpstr (o->xml_url, ==, "https://www.koreaboo.com/feed/");
  g_assert_null (o->html_url);
  g_assert_cmpstr (o->folder, ==, "Nested deeper");
  o = g_ptr_array_index (outlines, 2);
  g_assert_cmpstr (o->title, ==, "Dramabeans & friends");
  g_assert_null (o->folder);

  g_clear_pointer (&outlines, g_ptr_array_unref);
  outlines = drama_opml_parse ("<html><body>hi</body></html>", 28, &error);
  g_assert_null (outlines);
  g_assert_error (error, DRAMA_OPML_ERROR, DRAMA_OPML_ERROR_INVALID);
  g_clear_error (&error);
  outlines = drama_opml_parse ("not xml at all", 14, &error);
  g_assert_error (error, DRAMA_OPML_ERROR, DRAMA_OPML_ERROR_INVALID);
  g_clear_error (&error);
  outlines = drama_opml_parse (bomb, strlen (bomb), &error);
  g_assert_null (outlines);
  g_assert_error (error, DRAMA_OPML_ERROR, DRAMA_OPML_ERROR_INVALID);
  g_clear_error (&error);
  outlines = drama_opml_parse (external, strlen (external), &error);
  g_assert_null (outlines);
  g_assert_error (error, DRAMA_OPML_ERROR, DRAMA_OPML_ERROR_INVALID);
  g_clear_error (&error);

  /* A 100 KB title becomes a feed's title cut with "…", not 100 KB of it. */
  {
    g_autoptr(GString) big = g_string_new ("<opml><body><outline text=\"");

    for (guint i = 0; i < 20000; i++)
      g_string_append (big, "long ");
    g_string_append (big, "\" xmlUrl=\"https://x.example/long\"/></body></opml>");
    outlines = drama_opml_parse (big->str, big->len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (outlines->len, ==, 1);
    o = g_ptr_array_index (outlines, 0);
    g_assert_cmpuint (strlen (o->title), <=, 1024);
    g_assert_true (g_str_has_suffix (o->title, "…"));
  }
}

static void
test_opml_round_trip (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) a = drama_store_add_feed (fx->store, "https://a.example.com/feed?x=1&y=2", "A & <B>", &error);
  g_autoptr(DramaFeed) b = drama_store_add_feed (fx->store, "https://b.example.com/rss", "Quote \"B\"", &error);
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autofree char *opml = NULL;

  g_assert_no_error (error);
  drama_feed_set_site_url (b, "https://b.example.com/");
  drama_store_update_feed_state (fx->store, b, &error);
  drama_store_rename_feed (fx->store, drama_feed_get_id (b), "Bee", &error);
  g_assert_no_error (error);

  feeds = drama_store_list_feeds (fx->store, &error);
  opml = drama_opml_write (feeds);
  outlines = drama_opml_parse (opml, strlen (opml), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, ==, 2);
  for (guint i = 0; i < feeds->len; i++)
    {
      DramaFeed *feed = g_ptr_array_index (feeds, i);
      DramaOpmlOutline *o = g_ptr_array_index (outlines, i);

      g_assert_cmpstr (o->xml_url, ==, drama_feed_get_url (feed));
      g_assert_cmpstr (o->title, ==, drama_feed_get_display_title (feed));
      g_assert_cmpstr (o->html_url, ==, drama_feed_get_site_url (feed));
    }
  g_assert_cmpstr (((DramaOpmlOutline *) g_ptr_array_index (outlines, 0))->title, ==, "A & <B>");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/feed-updater/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("subscribe/feed", test_subscribe_feed);
  ADD ("subscribe/discover", test_subscribe_discover);
  ADD ("subscribe/not-a-feed", test_subscribe_not_a_feed);
  ADD ("subscribe/errors-add-nothing", test_subscribe_errors_add_nothing);
  ADD ("subscribe/twice", test_subscribe_twice);
  ADD ("subscribe/corpus-samples", test_subscribe_corpus);
  g_test_add_func ("/feed-updater/subscribe/normalize-url", test_normalize_url);
  ADD ("refresh/not-modified-etag", test_not_modified_etag);
  ADD ("refresh/not-modified-last-modified", test_not_modified_last_modified);
  ADD ("refresh/unchanged-body", test_unchanged_body);
  ADD ("refresh/redirect-301", test_redirect_301);
  ADD ("refresh/redirect-308", test_redirect_308);
  ADD ("refresh/redirect-302", test_redirect_302);
  ADD ("refresh/redirect-loop", test_redirect_loop);
  ADD ("refresh/http-errors-per-feed", test_http_errors_per_feed);
  ADD ("refresh/timeout", test_timeout);
  ADD ("refresh/reason-phrase-bounded", test_reason_phrase_bounded);
  ADD ("refresh/not-modified-without-validators", test_not_modified_without_validators);
  ADD ("refresh/too-large", test_too_large);
  ADD ("refresh/gzip", test_gzip);
  ADD ("refresh/truncated-chunked", test_truncated_chunked);
  ADD ("refresh/truncated-content-length", test_truncated_content_length);
  ADD ("refresh/gone", test_gone);
  ADD ("refresh/retry-after-429", test_retry_after_429);
  ADD ("refresh/retry-after-503", test_retry_after_503);
  ADD ("refresh/keeps-read-starred", test_keeps_read_starred);
  ADD ("refresh/dedup-without-guid", test_dedup_without_guid);
  ADD ("refresh/retention", test_retention);
  ADD ("refresh/store-thread-only", test_store_thread_only);
  ADD ("refresh/offline", test_offline);
  ADD ("refresh/joins-running", test_refresh_all_joins);
  ADD ("refresh/unreachable", test_unreachable);
  ADD ("refresh/cancel", test_cancel);
  ADD ("refresh/removed-while-fetching", test_removed_while_fetching);
  ADD ("store/remove-and-undo", test_remove_and_undo);
  ADD ("store/mark-all-read-and-undo", test_mark_all_read_and_undo);
  ADD ("store/search-escaping", test_search_escaping);
  ADD ("store/search-interrupted", test_search_interrupted);
  ADD ("store/text-made-once", test_text_made_once);
  ADD ("article-list/paging", test_article_list_paging);
  ADD ("article-list/typing", test_article_list_typing);
  ADD ("article-list/skips-pages", test_article_list_skips_pages);
  ADD ("article-list/follows-store", test_article_list_follows_store);
  ADD ("article-list/linked", test_article_list_linked);
  ADD ("article-list/100k", test_article_list_100k);
  g_test_add_func ("/feed-updater/opml/parse", test_opml_parse);
  ADD ("opml/round-trip", test_opml_round_trip);
#undef ADD

  return g_test_run ();
}
