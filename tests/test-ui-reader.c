/* Reader mode in the window (drama-news-pane-full.c), pages from the fake server on
 * 127.0.0.1, a real library: the feed's summary first; the Full Article toggle shows the
 * article's own page in the real web view, and back; a page that cannot be loaded says why
 * in a toast and leaves the summary; a feed set to load full articles (its Edit Feed
 * switch) opens its articles with their page. */

#include "config.h"

#include <string.h>

#include "drama-feed-list.h"
#include "drama-news-pane-test.h"
#include "drama-settings.h"
#include "drama-store.h"
#include "drama-window.h"
#include "fake-server.h"
#include "ui-test-common.h"

static DramaApplication *app;
static FakeServer *server;

#define SUMMARY "<p>A look behind this week’s flying scenes.</p>"

static DramaStore *
app_store (void)
{
  return drama_application_get_store (app);
}

typedef struct {
  const char *url;
  const char *links[3];
  gint64      published;   /* of the newest */
} FeedSetup;

/* A feed on the fake server with three summary-only articles, newest first. */
static gpointer
add_feed_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  FeedSetup *setup = data;
  g_autoptr(DramaFeed) feed = drama_store_add_feed (store, setup->url, "K-Screen Daily", error);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 *id;

  if (feed == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (setup->links); i++)
    {
      DramaArticle *article = drama_article_new ();
      g_autofree char *guid = g_strdup_printf ("%s-%u", setup->url, i);
      g_autofree char *title = g_strdup_printf ("Behind the wire, part %u", i + 1);

      drama_article_set_guid (article, guid);
      drama_article_set_title (article, title);
      drama_article_set_link (article, setup->links[i]);
      drama_article_set_summary (article, SUMMARY);
      drama_article_set_published (article, setup->published - i * 3600);
      g_ptr_array_add (articles, article);
    }
  if (!drama_store_save_articles (store, drama_feed_get_id (feed), articles, NULL, error))
    return NULL;
  id = g_new (gint64, 1);
  *id = drama_feed_get_id (feed);
  return id;
}

static gpointer
get_article_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return drama_store_get_article (store, *(gint64 *) data, error);
}

static gpointer
get_feed_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return drama_store_get_feed (store, *(gint64 *) data, error);
}

static char *
server_url (const char *path)
{
  return g_strconcat (fake_server_get_url (server), path, NULL);
}

static DramaWindow *
open_window (void)
{
  DramaWindow *window = drama_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_mapped, window, 10000));
  return window;
}

static char *
page_text (DramaArticleView *view)
{
  wait_for_article_page (view);
  return run_js (view, "document.body.innerText");
}

static GtkToggleButton *
full_button (DramaNewsPane *pane)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (pane), GTK_TYPE_TOGGLE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (buttons->pdata[i]), "format-justify-left-symbolic") == 0)
      return buttons->pdata[i];
  return NULL;
}

typedef struct {
  DramaArticleView *view;
  const char       *text;
} TextWait;

static gboolean
page_shows (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = NULL;

  if (drama_article_view_get_page_uri (wait->view) == NULL ||
      webkit_web_view_is_loading (WEBKIT_WEB_VIEW (wait->view)))
    return FALSE;
  text = run_js (wait->view, "document.body.innerText");
  return text != NULL && strstr (text, wait->text) != NULL;
}

static void
wait_for_page_text (DramaArticleView *view,
                    const char       *text)
{
  TextWait wait = { view, text };

  g_assert_true (wait_for (page_shows, &wait, 20000));
}

static gboolean
has_full_error (gpointer pane)
{
  DramaArticle *article = drama_news_pane_get_article (pane);

  return article != NULL && drama_article_get_full_error (article) != NULL;
}

static gboolean
toast_says (gpointer data)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (((gpointer *) data)[0]), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (labels->pdata[i]), ((gpointer *) data)[1]) != NULL &&
        gtk_widget_get_mapped (labels->pdata[i]))
      return TRUE;
  return FALSE;
}

static void
test_toggle (void)
{
  DramaWindow *window = open_window ();
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleView *view = drama_news_pane_get_article_view (pane);
  g_autofree char *feed_url = server_url ("/one.xml");
  g_autofree char *story = server_url ("/reader/story.html");
  g_autofree char *gone = server_url ("/gone.html");
  FakeFailure missing = { .status = 404 };
  FeedSetup setup = { feed_url, { story, gone, NULL }, 1764460800 };
  g_autofree gint64 *feed_id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(DramaArticle) stored = NULL;
  GtkToggleButton *button;
  gint64 id;
  gpointer toast_args[2];

  fake_server_fail (server, "/gone.html", &missing);
  feed_id = store_sync (app_store (), add_feed_job, &setup);
  wait_for_n_items (pane, 3);

  /* The summary first; the toggle is there for an article with a web page. */
  g_assert_true (drama_news_pane_open_article (pane, 0));
  wait_for_reader (pane, 0);
  text = page_text (view);
  g_assert_nonnull (strstr (text, "flying scenes"));
  g_assert_null (strstr (text, "forty feet above"));
  button = full_button (pane);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_false (gtk_toggle_button_get_active (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Load Full Article");

  /* Pressed: the page comes, the reader shows the article (not the site around it). */
  gtk_toggle_button_set_active (button, TRUE);
  wait_for_page_text (view, "forty feet above a blue floor");
  g_clear_pointer (&text, g_free);
  text = run_js (view, "document.body.innerText");
  g_assert_null (strstr (text, "Share on Facebook"));
  g_assert_null (strstr (text, "rewatched it ten times"));
  g_assert_true (gtk_toggle_button_get_active (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Show the Feed’s Summary");
  id = drama_article_get_id (drama_news_pane_get_article (pane));
  stored = store_sync (app_store (), get_article_job, &id);
  g_assert_nonnull (drama_article_get_full_content (stored));

  /* Released: the summary again, without asking the site twice. */
  gtk_toggle_button_set_active (button, FALSE);
  wait_for_page_text (view, "flying scenes");
  g_clear_pointer (&text, g_free);
  text = run_js (view, "document.body.innerText");
  g_assert_null (strstr (text, "forty feet above"));
  /* The f key presses it too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "news.toggle-full", NULL));
  g_assert_true (gtk_toggle_button_get_active (button));
  wait_for_page_text (view, "forty feet above a blue floor");
  g_assert_cmpuint (fake_server_get_hits (server, "/reader/story.html"), ==, 1);

  /* A page that is gone: a toast in words, the summary stays, the toggle comes back up. */
  g_assert_true (drama_news_pane_open_article (pane, 1));
  wait_for_page_text (view, "flying scenes");
  g_assert_false (gtk_toggle_button_get_active (button));
  gtk_toggle_button_set_active (button, TRUE);
  g_assert_true (wait_for (has_full_error, pane, 20000));
  toast_args[0] = window;
  toast_args[1] = "Could not load the full article: The page is gone";
  g_assert_true (wait_for (toast_says, toast_args, 10000));
  g_assert_false (gtk_toggle_button_get_active (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), "the last try failed"));
  wait_for_page_text (view, "flying scenes");

  /* No web page: no toggle. */
  g_assert_true (drama_news_pane_open_article (pane, 2));
  g_assert_true (wait_for (not_mapped, button, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* 2 when an article of the feed has its page loaded, else 1. */
static gpointer
feed_has_page_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr(GArray) ids = drama_store_list_article_ids (store, DRAMA_ARTICLE_FILTER_FEED,
                                                        *(gint64 *) data, NULL, NULL, error);
  g_autoptr(GPtrArray) articles = NULL;

  if (ids == NULL)
    return NULL;
  articles = drama_store_get_articles (store, (const gint64 *) (gpointer) ids->data, ids->len,
                                       error);
  for (guint i = 0; articles != NULL && i < articles->len; i++)
    if (drama_article_get_full_content (g_ptr_array_index (articles, i)) != NULL)
      return GINT_TO_POINTER (2);
  return articles != NULL ? GINT_TO_POINTER (1) : NULL;
}

static gboolean
feed_has_page (gpointer feed_id)
{
  return GPOINTER_TO_INT (store_sync (app_store (), feed_has_page_job, feed_id)) == 2;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gboolean
feed_loads_full (gpointer data)
{
  g_autoptr(DramaFeed) feed = store_sync (app_store (), get_feed_job, data);

  return drama_feed_get_full_articles (feed);
}

/* Edit Feed's switch; an article of that feed opens with its page. */
static void
test_feed_setting (void)
{
  DramaWindow *window = open_window ();
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleView *view = drama_news_pane_get_article_view (pane);
  g_autofree char *feed_url = server_url ("/two.xml");
  g_autofree char *story = server_url ("/reader/story.html?two");
  FeedSetup setup = { feed_url, { story, NULL, NULL }, 1764460800 + 86400 };
  g_autofree gint64 *feed_id = NULL;
  GtkWindow *feeds;
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();

  feed_id = store_sync (app_store (), add_feed_job, &setup);
  feeds = drama_news_pane_show_feeds (pane);
  g_assert_true (wait_for (is_mapped, feeds, 10000));
  spin ();
  collect_widgets (GTK_WIDGET (feeds), DRAMA_TYPE_FEED_LIST, lists);
  g_assert_cmpuint (lists->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (lists->pdata[0], "feeds.rename", "x", *feed_id));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Edit Feed");
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, switches);
  g_assert_cmpuint (switches->len, ==, 1);
  g_assert_false (gtk_switch_get_active (switches->pdata[0]));
  gtk_switch_set_active (switches->pdata[0], TRUE);
  adw_message_dialog_response (dialog, "save");
  g_assert_true (wait_for (feed_loads_full, feed_id, 10000));
  /* The articles already there are loaded too, without being opened. */
  g_assert_true (wait_for (feed_has_page, feed_id, 20000));
  gtk_window_destroy (feeds);

  /* Its articles are the newest. */
  wait_for_n_items (pane, 6);
  /* The pane knows the feed's setting once it has read the feeds again (at most once a
   * second). */
  wait_for (never, NULL, 1500);
  g_assert_true (drama_news_pane_open_article (pane, 0));
  wait_for_page_text (view, "forty feet above a blue floor");
  g_assert_true (gtk_toggle_button_get_active (full_button (pane)));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* ---- casting news ---- */

static DramaPerson *
actor (gint64 tvmaze_id, const char *name, const char *character)
{
  DramaPerson *person = drama_person_new ();

  drama_person_set_tvmaze_id (person, tvmaze_id);
  drama_person_set_name (person, name);
  drama_person_set_character (person, character);
  return person;
}

static gpointer
follow_show_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);

  drama_show_set_tvmaze_id (show, 41163);
  drama_show_set_name (show, "Angel's Last Mission: Love");
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  g_ptr_array_add (cast, actor (20101, "Shin Hye-sun", "Lee Yeon-seo"));
  return drama_store_save_show (store, show, NULL, cast, error) ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
find_lantern_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  DramaShow *show = drama_store_find_show_by_tvmaze_id (store, 99001, error);

  /* Found or not: the job's answer must not be NULL without an error. */
  return show != NULL ? (gpointer) show : (gpointer) g_object_new (G_TYPE_OBJECT, NULL);
}

static gboolean
lantern_planned (gpointer data)
{
  g_autoptr(GObject) found = store_sync (app_store (), find_lantern_job, NULL);

  return DRAMA_IS_SHOW (found) &&
         drama_show_get_user_status (DRAMA_SHOW (found)) == DRAMA_WATCH_STATUS_PLAN_TO_WATCH;
}

static void
on_subscribed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = drama_feed_updater_subscribe_finish (DRAMA_FEED_UPDATER (source),
                                                                   result, &error);

  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
revealed (gpointer revealer)
{
  return gtk_revealer_get_reveal_child (revealer);
}

static gboolean
not_revealed (gpointer revealer)
{
  return !gtk_revealer_get_reveal_child (revealer);
}

static gboolean
poster_asked (gpointer data)
{
  return fake_server_get_hits (server, "/tvmaze/lantern-poster.png") > 0;
}

/* The fixture as the demo server gives it, its poster on this server's port. */
static void
serve_tvmaze (const char *path, const char *file)
{
  g_autofree char *fixtures = FAKE_SERVER_FIXTURES (NULL);
  g_autofree char *name = g_build_filename (fixtures, file, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *body = NULL;

  g_assert_true (g_file_get_contents (name, &contents, NULL, NULL));
  parts = g_strsplit (contents, "http://127.0.0.1:8765", -1);
  body = g_strjoinv (fake_server_get_url (server), parts);
  fake_server_set_body (server, path, "application/json", body);
}

/* An article about a followed actor naming a drama TVmaze knows: the reader offers it
 * with its poster; Add to Plan to Watch adds it, and the offer goes. */
static void
test_casting_offer (void)
{
  DramaWindow *window = open_window ();
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  g_autofree char *url = server_url ("/feeds/casting.xml");
  g_autoptr(GPtrArray) revealers = g_ptr_array_new ();
  GtkRevealer *offers = NULL;
  gboolean subscribed = FALSE;
  DramaArticle *article;

  serve_tvmaze ("/search/shows?q=Lantern Street Diaries", "tvmaze/search-lantern.json");
  serve_tvmaze ("/shows/99001", "tvmaze/show-99001.json");
  store_sync (app_store (), follow_show_job, NULL);
  drama_feed_updater_subscribe_async (drama_application_get_feed_updater (app), url, NULL,
                                      on_subscribed, &subscribed);
  g_assert_true (wait_for (is_true, &subscribed, 20000));

  collect_widgets (GTK_WIDGET (pane), GTK_TYPE_REVEALER, revealers);
  for (guint i = 0; i < revealers->len; i++)
    if (gtk_widget_has_css_class (gtk_revealer_get_child (revealers->pdata[i]), "casting-offers"))
      offers = revealers->pdata[i];
  g_assert_nonnull (offers);

  /* The newest article is the casting news (after the earlier tests' six). */
  wait_for_n_items (pane, 8);
  g_assert_true (drama_news_pane_open_article (pane, 0));
  article = wait_for_reader (pane, 0);
  g_assert_nonnull (strstr (drama_article_get_title (article), "Lantern Street Diaries"));
  g_assert_true (wait_for (revealed, offers, 20000));
  g_assert_cmpuint (fake_server_get_hits (server, "/search/shows"), ==, 1);
  g_assert_true (wait_for (poster_asked, NULL, 10000));
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean named = FALSE, dated = FALSE;

    collect_widgets (GTK_WIDGET (offers), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      {
        named = named || g_strcmp0 (gtk_label_get_text (labels->pdata[i]), "Lantern Street Diaries") == 0;
        dated = dated || g_strcmp0 (gtk_label_get_text (labels->pdata[i]), "Coming soon · tvN") == 0;
      }
    g_assert_true (named);
    g_assert_true (dated);
  }

  /* Another article offers nothing. */
  g_assert_true (drama_news_pane_open_article (pane, 1));
  wait_for_reader (pane, 0);
  g_assert_true (wait_for (not_revealed, offers, 10000));

  /* Back to the casting news: adding it puts it on the watchlist as Plan to Watch. */
  g_assert_true (drama_news_pane_open_article (pane, 0));
  g_assert_true (wait_for (revealed, offers, 10000));
  click_button (GTK_WIDGET (offers), "Add to _Plan to Watch");
  g_assert_true (wait_for (lantern_planned, NULL, 20000));
  g_assert_true (wait_for (not_revealed, offers, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = ui_test_make_home ("ui-reader-XXXXXX");
  g_autofree char *fixtures = NULL;
  int status;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  ui_test_init (&argc, &argv, "dramalist-reader-test");
  fixtures = FAKE_SERVER_FIXTURES (NULL);
  server = fake_server_new (fixtures);
  /* TVmaze is this server too (casting news looks titles up there). */
  g_setenv (DRAMA_ENV_TVMAZE_URL, fake_server_get_url (server), TRUE);
  app = ui_test_new_app ();

  g_test_add_func ("/ui/reader/toggle", test_toggle);
  g_test_add_func ("/ui/reader/feed-setting", test_feed_setting);
  g_test_add_func ("/ui/reader/casting-offer", test_casting_offer);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  fake_server_free (server);
  spin ();
  remove_tree (data_home);
  return status;
}
