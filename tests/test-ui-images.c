/* test-ui-images.c: what pictures the app fetches, seen from the fake server's request log,
 * in the real window with a real WebKitWebView (xvfb-run):
 * - a feed on the internet cannot make the app fetch from 127.0.0.1, by address or by a
 *   name that resolves to it: not the list's thumbnail, not the reader's lead image, not a
 *   picture in the article's body; a feed on the user's own network shows its pictures;
 * - with "Load remote images" off, no poster and no cast photo is fetched; on again, they
 *   come;
 * - a mailto: link in an article goes to the system (link-activated) instead of nowhere. */
#define G_LOG_DOMAIN "test-ui-images"

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <webkit/webkit.h>

#include "drama-application.h"
#include "drama-image-loader.h"
#include "drama-news-pane-test.h"
#include "drama-news-pane.h"
#include "drama-settings.h"
#include "drama-show-page-test.h"
#include "drama-window-test.h"
#include "drama-window.h"
#include "fake-server.h"
#include "test-common.h"
#include "test-resolver.h"
#include "ui-test-common.h"

#define PUBLIC_FEED "https://news.example.com/feed.xml"

static DramaApplication *app;
static FakeServer *server;
static TestResolver *resolver;
static guint port;

static char *
at (const char *host,
    const char *path)
{
  return g_strdup_printf ("http://%s:%u%s", host, port, path);
}

/* ---- the library ---- */

typedef struct {
  const char *feed_url;
  const char *title;
  const char *guid;
  char       *image;
  char       *content;
  gint64      published;
} FeedSpec;

static gpointer
add_feed_job (DramaStore *store, gpointer data, GCancellable *c, GError **error)
{
  FeedSpec *spec = data;
  g_autoptr(DramaFeed) feed = drama_feed_new ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = NULL;
  DramaArticle *article = drama_article_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  drama_feed_set_url (feed, spec->feed_url);
  drama_feed_set_title (feed, spec->title);
  drama_article_set_guid (article, spec->guid);
  drama_article_set_title (article, spec->title);
  drama_article_set_link (article, "https://news.example.com/story");
  drama_article_set_image (article, spec->image);
  drama_article_set_content (article, spec->content);
  drama_article_set_published (article, spec->published);
  drama_article_set_fetched_at (article, now);
  g_ptr_array_add (articles, article);
  if (!drama_store_add_feed_with_articles (store, feed, articles, &ids, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

static gpointer
save_show_job (DramaStore *store, gpointer data, GCancellable *c, GError **error)
{
  DramaShow *show = data;
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);

  for (int i = 1; i <= 4; i++)
    {
      DramaPerson *person = drama_person_new ();
      g_autofree char *name = g_strdup_printf ("Actor %d", i);
      g_autofree char *path = g_strdup_printf ("/img/cast%d.png", i);
      g_autofree char *image = at ("127.0.0.1", path);

      drama_person_set_name (person, name);
      drama_person_set_character (person, "Someone");
      drama_person_set_cast_order (person, i);
      drama_person_set_image_medium (person, image);
      g_ptr_array_add (cast, person);
    }
  return drama_store_save_show (store, show, NULL, cast, error) ? GINT_TO_POINTER (1) : NULL;
}

/* ---- helpers ---- */

static DramaWindow *
open_window (void)
{
  DramaWindow *window = drama_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_mapped, window, 10000));
  return window;
}

static void
close_window (DramaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

typedef struct {
  const char *path;
  guint       n;
} HitWait;

static gboolean
has_hits (gpointer data)
{
  HitWait *wait = data;

  return fake_server_get_hits (server, wait->path) >= wait->n;
}

static void
wait_for_hit (const char *path)
{
  HitWait wait = { path, 1 };

  if (!wait_for (has_hits, &wait, 10000))
    g_error ("%s was never requested", path);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Lets whatever was going to happen happen (the list's settle delay, WebKit's loads). */
static void
linger (guint ms)
{
  wait_for (never, NULL, ms);
}

static guint expected_items;

static gboolean
n_items_is (gpointer data)
{
  DramaNewsPane *pane = data;
  DramaArticleList *list = drama_news_pane_get_article_list (pane);

  return list != NULL && !drama_article_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == expected_items;
}

typedef struct {
  DramaArticleView *view;
  char             *uri;
} PageWait;

static gboolean
page_ready (gpointer data)
{
  PageWait *wait = data;
  const char *uri = drama_article_view_get_page_uri (wait->view);

  return uri != NULL && g_strcmp0 (uri, wait->uri) != 0 &&
         g_strcmp0 (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (wait->view)), uri) == 0 &&
         !webkit_web_view_is_loading (WEBKIT_WEB_VIEW (wait->view));
}

static gboolean
images_settled (gpointer data)
{
  g_autofree char *done = run_js (data, "String(document.images.length > 0 && "
                                        "Array.from(document.images).every(i => i.complete))");

  return g_strcmp0 (done, "true") == 0;
}

/* Opens the article at position in the reader and waits until its pictures have loaded
 * or failed. Returns the number of pictures that show. */
static guint
read_article (DramaNewsPane    *pane,
              DramaArticleView *view,
              guint             position)
{
  PageWait wait = { view, g_strdup (drama_article_view_get_page_uri (view)) };
  g_autofree char *shown = NULL;

  g_assert_true (drama_news_pane_open_article (pane, position));
  g_assert_true (wait_for (page_ready, &wait, 20000));
  g_assert_true (wait_for (images_settled, view, 20000));
  shown = run_js (view, "String(Array.from(document.images).filter(i => i.naturalWidth > 0)"
                        ".length)");
  g_free (wait.uri);
  return (guint) g_ascii_strtoull (shown, NULL, 10);
}

static DramaArticleView *
find_article_view (DramaWindow *window)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), DRAMA_TYPE_ARTICLE_VIEW, views);
  g_assert_cmpuint (views->len, >, 0);
  return views->pdata[0];
}

/* ---- tests ---- */

/* Two feeds with the same kind of article: one on the internet (news.example.com is
 * 203.0.113.7 to the test's resolver) whose pictures point at 127.0.0.1 and at
 * cdn.example.com, a name that resolves to 127.0.0.1; one on the user's own network (the
 * fake server, 127.0.0.1) with its pictures at the same places. */
static void
test_private_pictures (void)
{
  DramaStore *store = drama_application_get_store (app);
  g_autofree char *lan_feed = at ("127.0.0.1", "/feeds/lan.xml");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  FeedSpec public = {
    PUBLIC_FEED, "Public story", "pub-1",
    at ("127.0.0.1", "/pub/lead.png"), NULL, now - 60,
  };
  FeedSpec lan = {
    lan_feed, "Home server story", "lan-1",
    at ("127.0.0.1", "/lan/lead.png"), NULL, now - 3600,
  };
  g_autofree char *pub_body = at ("cdn.example.com", "/pub/body.png");
  g_autofree char *lan_body = at ("cdn.example.com", "/lan/body.png");
  DramaWindow *window;
  DramaNewsPane *pane;
  DramaArticleView *view;

  public.content = g_strdup_printf ("<p>Public body.</p><p><img src=\"%s\" alt=\"\" /></p>",
                                    pub_body);
  lan.content = g_strdup_printf ("<p>Home body.</p><p><img src=\"%s\" alt=\"\" /></p>",
                                 lan_body);
  g_assert_nonnull (store_sync (store, add_feed_job, &public));
  g_assert_nonnull (store_sync (store, add_feed_job, &lan));

  window = open_window ();
  pane = drama_window_get_news_pane (window);
  view = find_article_view (window);
  expected_items = 2;
  g_assert_true (wait_for (n_items_is, pane, 10000));

  /* The list: both rows are on screen; only the home server's thumbnail is fetched. */
  wait_for_hit ("/lan/lead.png");
  linger (1500);
  g_assert_cmpuint (fake_server_get_hits (server, "/pub/lead.png"), ==, 0);

  /* The reader: the public article's lead and body pictures stay away from 127.0.0.1. */
  g_assert_cmpuint (read_article (pane, view, 0), ==, 0);
  linger (500);
  g_assert_cmpuint (fake_server_get_hits (server, "/pub/lead.png"), ==, 0);
  g_assert_cmpuint (fake_server_get_hits (server, "/pub/body.png"), ==, 0);

  /* The home server's article shows both, fetched through the app. */
  g_assert_cmpuint (read_article (pane, view, 1), ==, 2);
  g_assert_cmpuint (fake_server_get_hits (server, "/lan/body.png"), >=, 1);
  g_assert_cmpuint (fake_server_get_hits (server, "/pub/lead.png"), ==, 0);
  g_assert_cmpuint (fake_server_get_hits (server, "/pub/body.png"), ==, 0);

  close_window (window);
  g_free (public.image);
  g_free (public.content);
  g_free (lan.image);
  g_free (lan.content);
}

static gboolean
first_is_mail (gpointer data)
{
  DramaArticleList *list = drama_news_pane_get_article_list (data);
  g_autoptr(DramaArticle) first = NULL;

  if (list == NULL || drama_article_list_get_loading (list) ||
      g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    return FALSE;
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  return !drama_article_list_is_placeholder (first) &&
         g_strcmp0 (drama_article_get_title (first), "Write to us") == 0;
}

/* A mailto: link the sanitiser kept is handed to the system like a web link. */
static void
test_mailto_link (void)
{
  DramaStore *store = drama_application_get_store (app);
  g_autofree char *lan_feed = at ("127.0.0.1", "/feeds/mail.xml");
  FeedSpec mail = {
    lan_feed, "Write to us", "mail-1", NULL,
    g_strdup ("<p>Tips: <a href=\"mailto:tips@example.com\">tips@example.com</a>.</p>"
              "<p><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"\" /></p>"),
    g_get_real_time () / G_USEC_PER_SEC,
  };
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  LinkLog log = { uris };
  g_autofree char *clicked = NULL;
  DramaWindow *window;
  DramaNewsPane *pane;
  DramaArticleView *view;

  g_assert_nonnull (store_sync (store, add_feed_job, &mail));
  window = open_window ();
  pane = drama_window_get_news_pane (window);
  view = find_article_view (window);
  /* The newest article is the mail one. */
  g_assert_true (wait_for (first_is_mail, pane, 10000));
  read_article (pane, view, 0);
  g_signal_connect (view, "link-activated", G_CALLBACK (on_link_activated), &log);
  clicked = run_js (view, "document.querySelector('a[href^=\"mailto:\"]').click(); 'clicked'");
  g_assert_true (wait_for (has_links, &log, 10000));
  g_assert_cmpstr (uris->pdata[0], ==, "mailto:tips@example.com");
  g_signal_handlers_disconnect_by_data (view, &log);

  close_window (window);
  g_free (mail.content);
}

static gboolean
title_is (gpointer data)
{
  return g_strcmp0 (drama_show_page_get_title (data), "Poster Drama") == 0;
}

static void
test_load_images_off (void)
{
  GSettings *settings = drama_application_get_settings (app);
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autofree char *poster = at ("127.0.0.1", "/img/poster.png");
  static const char *paths[] = {
    "/img/poster.png", "/img/cast1.png", "/img/cast2.png", "/img/cast3.png", "/img/cast4.png",
  };
  DramaWindow *window;
  DramaShowPage *page;

  g_settings_set_boolean (settings, DRAMA_SETTINGS_LOAD_IMAGES, FALSE);
  drama_show_set_name (show, "Poster Drama");
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  drama_show_set_image_medium (show, poster);
  g_assert_nonnull (store_sync (drama_application_get_store (app), save_show_job, show));

  /* The watchlist row and the show page with its cast: placeholders, nothing fetched. */
  window = open_window ();
  page = drama_window_get_show_page (window);
  drama_window_show_show (window, drama_show_get_id (show));
  g_assert_true (wait_for (title_is, page, 10000));
  linger (1500);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    if (fake_server_get_hits (server, paths[i]) != 0)
      g_error ("%s was fetched with remote images off", paths[i]);

  /* On again: the same widgets get their pictures. */
  g_settings_set_boolean (settings, DRAMA_SETTINGS_LOAD_IMAGES, TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    wait_for_hit (paths[i]);

  close_window (window);
}

typedef struct {
  guint       n_done;
  GdkTexture *texture;
  GError     *error;
} Loads;

static void
slow_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Loads *loads = data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = drama_image_loader_load_finish (DRAMA_IMAGE_LOADER (source), result, &error);
  loads->n_done++;
}

static void
fast_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Loads *loads = data;

  loads->texture = drama_image_loader_load_finish (DRAMA_IMAGE_LOADER (source), result,
                                                   &loads->error);
  loads->n_done++;
}

static gboolean
loads_done (gpointer data)
{
  Loads *loads = data;

  return loads->n_done > 0;
}

static gboolean
all_slow_done (gpointer data)
{
  Loads *loads = data;

  return loads->n_done == 10;
}

/* Ten thumbnails from a host that sends a byte every 200 ms must not keep a poster from
 * another host waiting: a host gets at most DRAMA_IMAGE_LOADER_MAX_PER_HOST of the slots. */
static void
test_slow_host (void)
{
  g_autoptr(DramaTvmaze) tvmaze = drama_tvmaze_new (fake_server_get_url (server));
  g_autoptr(DramaImageLoader) loader = drama_image_loader_new (tvmaze);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *body = g_strnfill (500, 'x');
  FakeFailure trickle = { .trickle_ms = 200 };
  const char *other = fake_server_listen_also (server, "127.0.0.2");
  g_autofree char *poster = NULL;
  Loads slow = { 0 }, fast = { 0 };

  g_assert_nonnull (other);
  poster = g_strconcat (other, "/img/fast.png", NULL);
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow/%d.png", i);
      g_autofree char *url = at ("127.0.0.1", path);

      fake_server_set_body (server, path, "image/png", body);
      fake_server_fail (server, path, &trickle);
      drama_image_loader_load_for_row_async (loader, url, cancellable, slow_done_cb, &slow);
    }
  g_assert_cmpuint (drama_image_loader_get_n_in_flight (loader), <=,
                    DRAMA_IMAGE_LOADER_MAX_PER_HOST);

  drama_image_loader_load_async (loader, poster, NULL, fast_done_cb, &fast);
  g_assert_true (wait_for (loads_done, &fast, 10000));
  g_assert_no_error (fast.error);
  g_assert_nonnull (fast.texture);
  g_assert_cmpuint (fake_server_get_hits (server, "/img/fast.png"), ==, 1);
  /* The slow ones are still coming in. */
  g_assert_cmpuint (slow.n_done, ==, 0);
  g_assert_cmpuint (drama_image_loader_get_peak_in_flight (loader), <=,
                    DRAMA_IMAGE_LOADER_MAX_IN_FLIGHT);

  g_cancellable_cancel (cancellable);
  g_assert_true (wait_for (all_slow_done, &slow, 10000));
  g_clear_object (&fast.texture);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autoptr(TestMonitor) offline = NULL;
  g_autoptr(GUri) base = NULL;
  int status;

  data_home = ui_test_make_home ("ui-images-XXXXXX");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  ui_test_init (&argc, &argv, "dramalist-images-test");

  server = fake_server_new (FAKE_SERVER_FIXTURES (NULL));
  for (int i = 0; i < 5; i++)
    {
      static const char *paths[] = {
        "/pub/lead.png", "/pub/body.png", "/lan/lead.png", "/lan/body.png", "/img/poster.png",
      };

      fake_server_route (server, paths[i], "tvmaze/poster.png");
    }
  for (int i = 1; i <= 4; i++)
    {
      g_autofree char *path = g_strdup_printf ("/img/cast%d.png", i);

      fake_server_route (server, path, "tvmaze/poster.png");
    }
  fake_server_route (server, "/img/fast.png", "tvmaze/poster.png");
  base = g_uri_parse (fake_server_get_url (server), G_URI_FLAGS_NONE, NULL);
  port = (guint) g_uri_get_port (base);
  g_setenv (DRAMA_ENV_TVMAZE_URL, fake_server_get_url (server), TRUE);

  /* Names of the test's own: a feed on the internet, and a picture host whose name leads
   * back to this machine. Set before the app, so every connection of it uses them. */
  resolver = test_resolver_new ();
  test_resolver_add (resolver, "news.example.com", "203.0.113.7");
  test_resolver_add (resolver, "cdn.example.com", "127.0.0.1");
  g_resolver_set_default (G_RESOLVER (resolver));

  app = ui_test_new_app ();
  /* The feeds stay home: news.example.com is not there to fetch. */
  offline = g_object_new (TEST_TYPE_MONITOR, NULL);
  test_monitor_set_available (offline, FALSE);
  drama_feed_updater_set_network_monitor (drama_application_get_feed_updater (app),
                                          G_NETWORK_MONITOR (offline));

  g_test_add_func ("/ui/images/private-pictures", test_private_pictures);
  g_test_add_func ("/ui/images/mailto-link", test_mailto_link);
  g_test_add_func ("/ui/images/load-images-off", test_load_images_off);
  g_test_add_func ("/ui/images/slow-host", test_slow_host);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  fake_server_free (server);
  g_clear_object (&resolver);
  remove_tree (data_home);
  return status;
}
