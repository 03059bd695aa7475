/* The news pane under a real display (xvfb-run): subscribing through the Add Feed dialog
 * to a feed of the fake server, the article list, reading an article in the web view
 * (scripts dead, links to the browser), stars, filters and search, mark all read with
 * Undo, the Feeds window (rename, remove with Undo, error rows, OPML), the offline banner,
 * refresh progress and the default feeds of the first start. */
#define G_LOG_DOMAIN "test-ui-news"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <webkit/webkit.h>

#include "drama-add-feed-dialog-test.h"
#include "drama-add-feed-dialog.h"
#include "drama-application.h"
#include "drama-article-row.h"
#include "drama-feed-list-test.h"
#include "drama-feed-list.h"
#include "drama-news-pane-test.h"
#include "drama-news-pane.h"
#include "drama-opml.h"
#include "drama-settings.h"
#include "drama-window.h"
#include "fake-server.h"
#include "test-common.h"
#include "ui-test-common.h"

/* ---- fixtures ---- */

static DramaApplication *app;
static FakeServer *server;
static TestMonitor *monitor;

/* Article text, a script that must stay dead, and a link that must go to the browser. */
static const char hostile_feed[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rss version=\"2.0\"><channel><title>Hostile News</title>"
  "<link>https://hostile.example.com/</link><description>x</description>"
  "<item><title>Shin Hye Sun films a daring scene</title>"
  "<link>https://hostile.example.com/articles/1</link><guid>hostile-1</guid>"
  "<author>reporter@example.com (Reporter)</author>"
  "<pubDate>Wed, 22 May 2019 12:00:00 +0900</pubDate>"
  "<description><![CDATA[<p id=\"body\">The crew prepares the car crash scene.</p>"
  "<script>document.body.setAttribute('data-script-ran', 'yes')</script>"
  "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" "
  "onerror=\"document.body.setAttribute('data-onerror-ran', 'yes')\">"
  "<p><a id=\"elsewhere\" href=\"https://example.com/elsewhere\">Elsewhere</a> and "
  "<a href=\"javascript:alert(1)\" title=\"Not a link\">a name</a></p>]]></description>"
  "</item>"
  "<item><title>Second hostile story about Signal</title>"
  "<link>https://hostile.example.com/articles/2</link><guid>hostile-2</guid>"
  "<pubDate>Tue, 21 May 2019 12:00:00 +0900</pubDate>"
  "<description>Signal returns for a second season.</description></item>"
  "</channel></rss>\n";

static void
start_app (void)
{
  if (app != NULL)
    return;

  /* The application guards its library from the start: every blocking store call on this
   * (the main) thread is a critical, fatal in tests. The news pane, the feed list, the
   * article list and the updater ask the store's thread; so do the test's own looks at the
   * store (store_sync). */
  app = ui_test_new_app ();

  monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_assert_nonnull (drama_application_get_feed_updater (app));
  drama_feed_updater_set_network_monitor (drama_application_get_feed_updater (app),
                                          G_NETWORK_MONITOR (monitor));
}

static DramaStore *
app_store (void)
{
  return drama_application_get_store (app);
}

/* ---- the test's own store calls: on the store's thread, waited for ---- */

static gpointer
list_feeds_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return drama_store_list_feeds (store, error);
}

static GPtrArray *
list_feeds (void)
{
  return store_sync (app_store (), list_feeds_job, NULL);
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

static gpointer
remove_all_feeds_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr(GPtrArray) feeds = drama_store_list_feeds (store, error);

  for (guint i = 0; feeds != NULL && i < feeds->len; i++)
    if (!drama_store_remove_feed (store, drama_feed_get_id (feeds->pdata[i]), NULL, NULL, error))
      return NULL;
  return feeds != NULL ? GINT_TO_POINTER (1) : NULL;
}

/* Every article (ids, newest first) with its read and starred flags, as "id:read:starred"
 * lines: what an Undo must bring back exactly. */
static gpointer
article_states_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr(GArray) ids = drama_store_list_article_ids (store, DRAMA_ARTICLE_FILTER_ALL, 0, NULL,
                                                        NULL, error);
  g_autoptr(GPtrArray) articles = NULL;
  GString *states;

  if (ids == NULL)
    return NULL;
  articles = drama_store_get_articles (store, (const gint64 *) (gpointer) ids->data, ids->len,
                                       error);
  if (articles == NULL)
    return NULL;
  states = g_string_new (NULL);
  for (guint i = 0; i < articles->len; i++)
    g_string_append_printf (states, "%" G_GINT64_FORMAT ":%d:%d:%" G_GINT64_FORMAT "\n",
                            drama_article_get_id (articles->pdata[i]),
                            drama_article_get_read (articles->pdata[i]),
                            drama_article_get_starred (articles->pdata[i]),
                            drama_article_get_feed_id (articles->pdata[i]));
  return g_string_free (states, FALSE);
}

static char *
article_states (void)
{
  return store_sync (app_store (), article_states_job, NULL);
}

static gboolean
states_are (gpointer expected)
{
  g_autofree char *states = article_states ();

  return g_strcmp0 (states, expected) == 0;
}

/* How many articles of article_states () are read. */
static guint
count_read (const char *states)
{
  g_auto(GStrv) lines = g_strsplit (states, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ":", -1);

      if (g_strv_length (fields) == 4 && g_str_equal (fields[1], "1"))
        n++;
    }
  return n;
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0 &&
        gtk_widget_get_mapped (labels->pdata[i]))
      return labels->pdata[i];

  return NULL;
}

static gboolean
has_label (gpointer data)
{
  gpointer *args = data;
  return find_label (args[0], args[1]) != NULL;
}

/* A label with that text on screen (the rows of the list are real widgets). */
static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  gpointer args[] = { root, (gpointer) text };

  if (!wait_for (has_label, args, 5000))
    g_error ("No label “%s” on screen", text);
}

static gboolean
no_undo_button (gpointer root)
{
  return find_button (root, "_Undo") == NULL;
}

static GtkButton *
find_back_button (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (buttons->pdata[i]), "go-previous-symbolic") == 0 &&
        gtk_widget_get_mapped (buttons->pdata[i]))
      return buttons->pdata[i];
  return NULL;
}

static gboolean
has_back_button (gpointer root)
{
  return find_back_button (root) != NULL;
}

static GtkButton *
wait_for_back_button (GtkWidget *root)
{
  g_assert_true (wait_for (has_back_button, root, 5000));
  return find_back_button (root);
}

static DramaWindow *
open_window (int width,
             int height)
{
  DramaWindow *window;

  start_app ();
  window = drama_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
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

/* Removes every feed, so each test starts from an empty news pane. */
static void
remove_all_feeds (void)
{
  g_assert_nonnull (store_sync (app_store (), remove_all_feeds_job, NULL));
  spin ();
}

static char *
server_url (const char *path)
{
  return g_strconcat (fake_server_get_url (server), path, NULL);
}

/* ---- subscribing through the dialog ---- */

static DramaAddFeedDialog *
find_add_feed_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (DRAMA_IS_ADD_FEED_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return DRAMA_ADD_FEED_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_idle (gpointer dialog)
{
  return !drama_add_feed_dialog_get_busy (dialog);
}

static gboolean
dialog_gone (gpointer data)
{
  return find_add_feed_dialog () == NULL;
}

/* Opens Add Feed the way the user does (win.add-feed), types url and presses Add. Returns
 * the dialog when it stayed open (an error), NULL when it closed (subscribed). */
static DramaAddFeedDialog *
subscribe_through_dialog (DramaWindow *window,
                          const char  *url)
{
  DramaAddFeedDialog *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (window), "add-feed", NULL);
  dialog = find_add_feed_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (wait_for (is_mapped, dialog, 5000));

  /* Kept alive: the dialog destroys itself when the subscription worked. */
  g_object_ref (dialog);
  drama_add_feed_dialog_set_url (dialog, url);
  drama_add_feed_dialog_add (dialog);
  g_assert_true (wait_for (dialog_idle, dialog, 20000));
  g_object_unref (dialog);
  spin ();

  return find_add_feed_dialog ();
}

static gboolean
pane_is_empty (gpointer pane)
{
  return drama_news_pane_is_empty (pane);
}

/* The article at position with its page read (held meanwhile, as a row does). */
static DramaArticle *
loaded_item (DramaNewsPane *pane,
             guint          position);

/* ---- web view helpers ---- */

static DramaArticle *
stored_article (gint64 id)
{
  return store_sync (app_store (), get_article_job, &id);
}

typedef struct {
  DramaNewsPane *pane;
  guint          position;
} ItemWait;

static gboolean
item_loaded (gpointer data)
{
  ItemWait *wait = data;
  g_autoptr(DramaArticle) article =
    g_list_model_get_item (G_LIST_MODEL (drama_news_pane_get_article_list (wait->pane)),
                           wait->position);

  return article != NULL && !drama_article_list_is_placeholder (article);
}

static DramaArticle *
loaded_item (DramaNewsPane *pane,
             guint          position)
{
  GListModel *model = G_LIST_MODEL (drama_news_pane_get_article_list (pane));
  g_autoptr(DramaArticle) held = g_list_model_get_item (model, position);
  ItemWait wait = { pane, position };

  g_assert_true (wait_for (item_loaded, &wait, 10000));
  return g_list_model_get_item (model, position);
}

typedef struct {
  gint64   id;
  gboolean starred;
  gboolean read;
} StoredWait;

static gboolean
stored_starred_is (gpointer data)
{
  StoredWait *wait = data;
  g_autoptr(DramaArticle) article = stored_article (wait->id);

  return drama_article_get_starred (article) == wait->starred;
}

static gboolean
stored_read_is (gpointer data)
{
  StoredWait *wait = data;
  g_autoptr(DramaArticle) article = stored_article (wait->id);

  return drama_article_get_read (article) == wait->read;
}

/* ---- tests ---- */

static void
test_subscribe_and_read (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleView *view = drama_news_pane_get_article_view (pane);
  g_autofree char *url = server_url ("/feeds/hostile.xml");
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  LinkLog log = { uris };
  g_autofree char *text = NULL, *script_ran = NULL, *onerror_ran = NULL, *scripts = NULL;
  g_autofree char *clicked = NULL, *page_uri = NULL, *settle = NULL, *source = NULL;
  DramaArticle *article;

  remove_all_feeds ();
  fake_server_set_body (server, "/feeds/hostile.xml", "application/rss+xml", hostile_feed);
  g_assert_true (wait_for (pane_is_empty, pane, 5000));

  /* Subscribing through the dialog closes it and lists the feed's articles. */
  g_assert_null (subscribe_through_dialog (window, url));
  wait_for_n_items (pane, 2);
  g_assert_false (drama_news_pane_is_empty (pane));

  /* The rows show the titles, newest first. */
  article = loaded_item (pane, 0);
  g_assert_cmpstr (drama_article_get_title (article), ==, "Shin Hye Sun films a daring scene");
  g_assert_false (drama_article_get_read (article));
  g_object_unref (article);
  g_assert_true (wait_for (is_mapped, pane, 5000));
  wait_for_label (GTK_WIDGET (pane), "Shin Hye Sun films a daring scene");
  wait_for_label (GTK_WIDGET (pane), "Second hostile story about Signal");

  /* Opening it shows it in the web view and marks it read. */
  g_assert_true (drama_news_pane_open_article (pane, 0));
  article = wait_for_reader (pane, 0);
  wait_for_article_page (view);
  g_assert_true (wait_for (is_mapped, view, 5000));
  text = run_js (view, "document.body.innerText");
  g_assert_nonnull (strstr (text, "The crew prepares the car crash scene."));
  g_assert_nonnull (strstr (text, "Shin Hye Sun films a daring scene"));
  /* The source line is styled in capitals: its text is the feed's title all the same. */
  source = run_js (view, "document.querySelector('.source').textContent");
  g_assert_cmpstr (source, ==, "Hostile News");
  {
    StoredWait read = { drama_article_get_id (article), FALSE, TRUE };

    g_assert_true (wait_for (stored_read_is, &read, 5000));
  }

  /* The article's script never ran: neither the <script> nor an onerror= handler. */
  script_ran = run_js (view, "String(document.body.hasAttribute('data-script-ran'))");
  g_assert_cmpstr (script_ran, ==, "false");
  onerror_ran = run_js (view, "String(document.body.hasAttribute('data-onerror-ran'))");
  g_assert_cmpstr (onerror_ran, ==, "false");
  scripts = run_js (view, "String(document.querySelectorAll('script, [onerror]').length)");
  g_assert_cmpstr (scripts, ==, "0");

  /* An <a> whose unsafe href was dropped is text, not something that looks clickable. */
  {
    g_autofree char *plain = run_js (view, "var a = document.querySelector('.content a:not([href])');"
                                           "String(a !== null && getComputedStyle(a).color == "
                                           "getComputedStyle(document.body).color)");
    g_autofree char *linked = run_js (view, "var l = document.querySelector('.content a[href]');"
                                            "String(getComputedStyle(l).color == "
                                            "getComputedStyle(document.body).color)");
    /* The headline links to the original, in the text's colour. */
    g_autofree char *headline = run_js (view, "var h = document.querySelector('h1 a[href]');"
                                              "String(getComputedStyle(h).color == "
                                              "getComputedStyle(document.body).color)");
    g_assert_cmpstr (plain, ==, "true");
    g_assert_cmpstr (linked, ==, "false");
    g_assert_cmpstr (headline, ==, "true");
  }

  /* A clicked link goes to the browser; the view stays on the article. */
  page_uri = g_strdup (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)));
  g_signal_connect (view, "link-activated", G_CALLBACK (on_link_activated), &log);
  clicked = run_js (view, "document.querySelector('a[href=\"https://example.com/elsewhere\"]')"
                          ".click(); 'clicked'");
  g_assert_true (wait_for (has_links, &log, 10000));
  g_assert_cmpstr (uris->pdata[0], ==, "https://example.com/elsewhere");
  settle = run_js (view, "'settle'");
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)), ==, page_uri);

  /* "Open in browser" hands the article's own link over the same way. */
  g_ptr_array_set_size (uris, 0);
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.open-in-browser", NULL);
  g_assert_cmpuint (uris->len, ==, 1);
  g_assert_cmpstr (uris->pdata[0], ==, "https://hostile.example.com/articles/1");
  g_signal_handlers_disconnect_by_data (view, &log);

  /* Zoom (Ctrl+plus/minus/0 in the pane) reaches the reader. */
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.zoom-in", NULL);
  g_assert_cmpfloat (webkit_web_view_get_zoom_level (WEBKIT_WEB_VIEW (view)), >, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.zoom-reset", NULL);
  g_assert_cmpfloat (webkit_web_view_get_zoom_level (WEBKIT_WEB_VIEW (view)), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.zoom-out", NULL);
  g_assert_cmpfloat (webkit_web_view_get_zoom_level (WEBKIT_WEB_VIEW (view)), <, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.zoom-reset", NULL);

  close_window (window);
}

static void
test_add_feed_errors (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  g_autofree char *plain = server_url ("/feeds/plain.html");
  g_autofree char *missing = server_url ("/feeds/missing.xml");
  g_autofree char *site = server_url ("/feeds/site.html");
  g_autoptr(GPtrArray) feeds = NULL;
  DramaAddFeedDialog *dialog;

  remove_all_feeds ();

  /* Not an address: said in words, nothing stored. */
  dialog = subscribe_through_dialog (window, "javascript:alert(1)");
  g_assert_nonnull (dialog);
  g_assert_nonnull (drama_add_feed_dialog_get_error (dialog));
  g_test_message ("invalid: %s", drama_add_feed_dialog_get_error (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (dialog_gone, NULL, 5000));

  /* A page that is no feed and links to none. */
  dialog = subscribe_through_dialog (window, plain);
  g_assert_nonnull (dialog);
  g_assert_nonnull (drama_add_feed_dialog_get_error (dialog));
  g_test_message ("not a feed: %s", drama_add_feed_dialog_get_error (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (dialog_gone, NULL, 5000));

  /* A 404. */
  dialog = subscribe_through_dialog (window, missing);
  g_assert_nonnull (dialog);
  g_assert_nonnull (drama_add_feed_dialog_get_error (dialog));
  g_test_message ("404: %s", drama_add_feed_dialog_get_error (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (dialog_gone, NULL, 5000));

  feeds = list_feeds ();
  g_assert_cmpuint (feeds->len, ==, 0);
  g_clear_pointer (&feeds, g_ptr_array_unref);
  g_assert_true (wait_for (pane_is_empty, pane, 5000));

  /* A site page: its feed is found and subscribed. */
  g_assert_null (subscribe_through_dialog (window, site));
  feeds = list_feeds ();
  g_assert_cmpuint (feeds->len, ==, 1);
  g_assert_true (g_str_has_suffix (drama_feed_get_url (feeds->pdata[0]), "/feeds/news.xml"));
  wait_for_n_items (pane, 3);

  /* Twice is once. */
  dialog = subscribe_through_dialog (window, site);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (drama_add_feed_dialog_get_error (dialog), ==, "You already follow this feed.");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (dialog_gone, NULL, 5000));

  close_window (window);
}

static gint64
subscribe_news (DramaWindow *window)
{
  g_autofree char *url = server_url ("/feeds/news.xml");
  g_autoptr(GPtrArray) feeds = NULL;

  g_assert_null (subscribe_through_dialog (window, url));
  feeds = list_feeds ();
  g_assert_cmpuint (feeds->len, ==, 1);
  return drama_feed_get_id (feeds->pdata[0]);
}

static void
test_star_filter_search (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleList *list;
  g_autoptr(DramaArticle) first = NULL;
  g_autoptr(DramaArticle) second = NULL;
  gint64 first_id, second_id;
  gint64 feed_id;

  remove_all_feeds ();
  feed_id = subscribe_news (window);
  wait_for_n_items (pane, 3);
  list = drama_news_pane_get_article_list (pane);
  first = loaded_item (pane, 0);
  second = loaded_item (pane, 1);
  first_id = drama_article_get_id (first);
  second_id = drama_article_get_id (second);

  /* j opens the first, j again the next; s stars the one being read. */
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.next", NULL);
  wait_for_reader (pane, first_id);
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.next", NULL);
  wait_for_reader (pane, second_id);
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.toggle-star", NULL);
  /* At once in the reader and the row; the store follows. */
  g_assert_true (drama_article_get_starred (drama_news_pane_get_article (pane)));
  g_assert_true (drama_article_get_starred (second));
  {
    StoredWait starred = { second_id, TRUE, FALSE };

    g_assert_true (wait_for (stored_starred_is, &starred, 5000));
  }
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.previous", NULL);
  wait_for_reader (pane, first_id);

  /* The row's star button does the same for any row. */
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.set-starred", "(xb)", first_id, TRUE);
  {
    StoredWait starred = { first_id, TRUE, FALSE };

    g_assert_true (wait_for (stored_starred_is, &starred, 5000));
  }
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.set-starred", "(xb)", first_id, FALSE);
  {
    StoredWait starred = { first_id, FALSE, FALSE };

    g_assert_true (wait_for (stored_starred_is, &starred, 5000));
  }

  /* Filters: starred, unread (two were opened), the feed; search. */
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_STARRED, 0);
  wait_for_n_items (pane, 1);
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_UNREAD, 0);
  wait_for_n_items (pane, 1);
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_FEED, feed_id);
  wait_for_n_items (pane, 3);
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_ALL, 0);
  /* The window is wide enough for the news page only: back to the list from the reader. */
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.back", NULL);
  drama_article_list_set_search (list, "Signal");
  wait_for_n_items (pane, 1);
  drama_article_list_set_search (list, "nothing-matches-this");
  wait_for_n_items (pane, 0);
  wait_for_label (GTK_WIDGET (pane), "No Results");
  drama_article_list_set_search (list, NULL);
  wait_for_n_items (pane, 3);

  close_window (window);
}

/* Mark all as read, then Undo from the toast: exactly the articles it marked are unread
 * again, the ones read before stay read; with a search, only what the search shows. */
static void
test_mark_all_read_undo (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleList *list;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *second_url = server_url ("/feeds/hostile.xml");
  g_autofree char *undone = NULL;

  remove_all_feeds ();
  fake_server_set_body (server, "/feeds/hostile.xml", "application/rss+xml", hostile_feed);
  subscribe_news (window);
  g_assert_null (subscribe_through_dialog (window, second_url));
  wait_for_n_items (pane, 5);
  list = drama_news_pane_get_article_list (pane);

  /* Two read before: Undo must leave them read. */
  g_assert_true (drama_news_pane_open_article (pane, 1));
  wait_for_reader (pane, 0);
  g_assert_true (drama_news_pane_open_article (pane, 3));
  wait_for_reader (pane, 0);
  {
    g_autoptr(DramaArticle) fourth = loaded_item (pane, 3);
    StoredWait read = { drama_article_get_id (fourth), FALSE, TRUE };

    g_assert_true (wait_for (stored_read_is, &read, 5000));
  }
  before = article_states ();
  /* The window is wide enough for the news page only: back to the list from the reader. */
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.back", NULL);

  gtk_widget_activate_action (GTK_WIDGET (pane), "news.mark-all-read", NULL);
  wait_for_label (GTK_WIDGET (window), "3 articles marked as read");
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_UNREAD, 0);
  wait_for_n_items (pane, 0);
  wait_for_label (GTK_WIDGET (pane), "All Caught Up");
  click_button (GTK_WIDGET (window), "_Undo");
  /* Every article back as it was: the three unread again, the two read still read. */
  g_assert_true (wait_for (states_are, before, 5000));
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_ALL, 0);
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_UNREAD, 0);
  wait_for_n_items (pane, 3);
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_ALL, 0);
  wait_for_n_items (pane, 5);
  /* That toast is done: the next Undo is the next toast's. */
  g_assert_true (wait_for (no_undo_button, window, 5000));

  /* With a search, what the search shows and nothing else. */
  drama_article_list_set_search (list, "Signal");
  wait_for_n_items (pane, 2);
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.mark-all-read", NULL);
  wait_for_label (GTK_WIDGET (window), "1 article marked as read");
  after = article_states ();
  g_assert_cmpuint (count_read (after), ==, count_read (before) + 1);
  click_button (GTK_WIDGET (window), "_Undo");
  g_assert_true (wait_for (states_are, before, 5000));
  undone = article_states ();
  g_assert_cmpstr (undone, ==, before);
  drama_article_list_set_search (list, NULL);
  wait_for_n_items (pane, 5);

  close_window (window);
}

/* ---- a store busy elsewhere ---- */

/* Holds the store's thread until opened: whatever is asked meanwhile stays queued, as it
 * would behind a long write. Nothing of the UI may wait for it. */
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
gate_close (Gate *gate)
{
  g_mutex_init (&gate->mutex);
  g_cond_init (&gate->cond);
  gate->open = FALSE;
  drama_store_call_async (drama_application_get_store (app), G_PRIORITY_HIGH, gate_job, gate,
                          NULL, NULL, NULL, NULL, NULL);
}

static void
gate_open (Gate *gate)
{
  g_autoptr(GPtrArray) feeds = NULL;

  g_mutex_lock (&gate->mutex);
  gate->open = TRUE;
  g_cond_signal (&gate->cond);
  g_mutex_unlock (&gate->mutex);
  /* Let the gate's job end before the gate goes (store_sync queues behind it). */
  feeds = list_feeds ();
  g_mutex_clear (&gate->mutex);
  g_cond_clear (&gate->cond);
}

/* The first screen does not wait: with the store's thread busy, the pane (under the
 * guard from its very start) shows at once, its list empty and asking; the articles come
 * when the store answers. */
static void
test_first_screen (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane;
  GtkWidget *holder;
  Gate gate;

  remove_all_feeds ();
  subscribe_news (window);
  wait_for_n_items (drama_window_get_news_pane (window), 3);
  close_window (window);

  gate_close (&gate);
  holder = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (holder), 1280, 800);
  pane = drama_news_pane_new ();
  gtk_window_set_child (GTK_WINDOW (holder), GTK_WIDGET (pane));
  drama_news_pane_set_store (pane, drama_application_get_store (app));
  drama_news_pane_set_application (pane, app);
  gtk_window_present (GTK_WINDOW (holder));
  g_assert_true (wait_for (is_mapped, holder, 10000));
  g_assert_true (wait_for (is_mapped, pane, 10000));

  /* Shown, and still waiting for the store: no article, no "add a feed" invitation. */
  g_assert_false (drama_news_pane_is_empty (pane));
  g_assert_true (drama_news_pane_get_article_list (pane) == NULL ||
                 g_list_model_get_n_items (G_LIST_MODEL (drama_news_pane_get_article_list (pane))) == 0);

  gate_open (&gate);
  wait_for_n_items (pane, 3);
  wait_for_label (GTK_WIDGET (pane), "Third article");
  gtk_window_destroy (GTK_WINDOW (holder));
  spin ();
}

static gboolean
list_idle (gpointer list)
{
  return !drama_article_list_get_loading (list) && drama_article_list_get_n_pending (list) == 0;
}

typedef struct {
  GtkEditable      *entry;
  DramaArticleList *list;
} SearchWait;

static gboolean
search_asked (gpointer data)
{
  SearchWait *wait = data;

  return g_strcmp0 (drama_article_list_get_search (wait->list),
                    gtk_editable_get_text (wait->entry)) == 0;
}

static void
record_count (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              GArray     *counts)
{
  guint n = g_list_model_get_n_items (model);

  g_array_append_val (counts, n);
}

static gpointer
search_ids_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return drama_store_list_article_ids (store, DRAMA_ARTICLE_FILTER_ALL, 0, data, NULL, error);
}

/* Typing in the search entry faster than the store answers: each keystroke asks (the
 * entry never waits), a newer one cancels the older query, and what shows in the end is
 * the last query's result; no older result shows on the way. */
typedef struct {
  DramaNewsPane *pane;
  guint          position;
} SelectedWait;

/* The row selected in the pane's list view is this one (GTK_INVALID_LIST_POSITION: none). */
static gboolean
selected_is (gpointer data)
{
  SelectedWait *wait = data;
  GtkListView *view = news_pane_list_view (wait->pane);
  GtkSelectionModel *model;

  g_assert_nonnull (view);
  model = gtk_list_view_get_model (view);
  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)) == wait->position;
}

static void
test_search_typing (void)
{
  static const char * const keystrokes[] = { "S", "Si", "Sig", "Signal", "Second",
                                             "Second hostile" };
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  g_autofree char *hostile = server_url ("/feeds/hostile.xml");
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) expected = NULL;
  DramaArticleList *list;
  SearchWait wait;
  Gate gate;

  remove_all_feeds ();
  fake_server_set_body (server, "/feeds/hostile.xml", "application/rss+xml", hostile_feed);
  subscribe_news (window);
  g_assert_null (subscribe_through_dialog (window, hostile));
  wait_for_n_items (pane, 5);
  list = drama_news_pane_get_article_list (pane);
  /* Every row read: what changes from here on is the search's doing. */
  g_assert_true (wait_for (list_idle, list, 10000));
  expected = store_sync (app_store (), search_ids_job, (gpointer) "Second hostile");
  g_assert_cmpuint (expected->len, ==, 1);

  wait = (SearchWait) { NULL, list };
  wait.entry = news_pane_search_entry (pane);
  g_assert_nonnull (wait.entry);
  g_signal_connect (list, "items-changed", G_CALLBACK (record_count), counts);

  gate_close (&gate);
  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      gtk_editable_set_text (wait.entry, keystrokes[i]);
      /* The entry hands the text over after its own short delay. */
      g_assert_true (wait_for (search_asked, &wait, 5000));
      g_assert_true (drama_article_list_get_loading (list));
    }
  /* Nothing answered yet: the list still shows what it showed before typing. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  gate_open (&gate);

  wait_for_n_items (pane, 1);
  g_assert_cmpuint (drama_article_list_find (list, g_array_index (expected, gint64, 0)), ==, 0);
  /* Only the last query's result ever showed: "Signal" (2 articles) never did (other
   * changes are rows filling in as their page came, of the list before or after). */
  g_assert_cmpuint (counts->len, >=, 1);
  for (guint i = 0; i < counts->len; i++)
    g_assert_true (g_array_index (counts, guint, i) == 1 || g_array_index (counts, guint, i) == 5);
  g_assert_cmpuint (g_array_index (counts, guint, counts->len - 1), ==, 1);
  g_signal_handlers_disconnect_by_data (list, counts);

  /* The article being read stays selected wherever each search puts it, and is still
   * read while a search leaves it out. */
  g_assert_true (drama_news_pane_open_article (pane, 0));
  wait_for_reader (pane, g_array_index (expected, gint64, 0));
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.back", NULL);
  gtk_editable_set_text (wait.entry, "");
  wait_for_n_items (pane, 5);
  {
    SelectedWait selected = { pane, drama_article_list_find (list, g_array_index (expected, gint64, 0)) };

    g_assert_cmpuint (selected.position, <, 5);
    g_assert_true (wait_for (selected_is, &selected, 5000));
    gtk_editable_set_text (wait.entry, "Signal");
    wait_for_n_items (pane, 2);
    selected.position = drama_article_list_find (list, g_array_index (expected, gint64, 0));
    g_assert_true (wait_for (selected_is, &selected, 5000));
    gtk_editable_set_text (wait.entry, "nothing-matches-this");
    wait_for_n_items (pane, 0);
    selected.position = GTK_INVALID_LIST_POSITION;
    g_assert_true (wait_for (selected_is, &selected, 5000));
    g_assert_cmpint (drama_article_get_id (drama_news_pane_get_article (pane)), ==,
                     g_array_index (expected, gint64, 0));
    gtk_editable_set_text (wait.entry, "");
    wait_for_n_items (pane, 5);
    selected.position = drama_article_list_find (list, g_array_index (expected, gint64, 0));
    g_assert_true (wait_for (selected_is, &selected, 5000));
  }
  close_window (window);
}

typedef struct {
  DramaFeedList *list;
  gint64         feed_id;
  const char    *needle;
} RowWait;

static gboolean
row_subtitle_has (gpointer data)
{
  RowWait *wait = data;
  GtkWidget *row = drama_feed_list_get_row (wait->list, wait->feed_id);
  return row != NULL &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) ?: "", wait->needle) != NULL;
}

static void
on_exported (DramaFeedList *list,
             gboolean       ok,
             int           *result)
{
  *result = ok ? 1 : 2;
}

static gboolean
is_set (gpointer data)
{
  return *(int *) data != 0;
}

static gboolean
feeds_count_is (gpointer data)
{
  g_autoptr(GPtrArray) feeds = list_feeds ();
  return feeds != NULL && feeds->len == GPOINTER_TO_UINT (data);
}

typedef struct {
  DramaFeedList *list;
  guint          n;
  gint64         feed_id;
  const char    *title;
} RowsWait;

static gboolean
rows_are (gpointer data)
{
  RowsWait *wait = data;
  GtkWidget *row;

  if (drama_feed_list_get_n_rows (wait->list) != wait->n)
    return FALSE;
  if (wait->title == NULL)
    return TRUE;
  row = drama_feed_list_get_row (wait->list, wait->feed_id);
  return row != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), wait->title) == 0;
}

static void
test_feed_list (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(DramaArticle) article = NULL;
  g_autoptr(GFile) export = NULL;
  g_autofree char *export_path = NULL, *exported = NULL, *opml = NULL;
  g_autofree char *before = NULL, *hostile = server_url ("/feeds/hostile.xml");
  g_autoptr(GError) error = NULL;
  FakeFailure not_found = { .status = 404 };
  GtkWindow *feeds_window;
  DramaFeedList *feed_list;
  GtkWidget *row;
  RowWait wait;
  RowsWait rows;
  gint64 feed_id, article_id;
  int exported_ok = 0;

  remove_all_feeds ();
  feed_id = subscribe_news (window);
  wait_for_n_items (pane, 3);

  /* Read and star one, to see both come back after Undo. */
  g_assert_true (drama_news_pane_open_article (pane, 0));
  article_id = drama_article_get_id (wait_for_reader (pane, 0));
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.toggle-star", NULL);
  {
    StoredWait starred = { article_id, TRUE, FALSE };
    StoredWait read = { article_id, FALSE, TRUE };

    g_assert_true (wait_for (stored_starred_is, &starred, 5000));
    g_assert_true (wait_for (stored_read_is, &read, 5000));
  }

  feeds_window = drama_news_pane_show_feeds (pane);
  g_assert_nonnull (feeds_window);
  g_assert_true (wait_for (is_mapped, feeds_window, 5000));
  feed_list = DRAMA_FEED_LIST (adw_window_get_content (ADW_WINDOW (feeds_window)));
  rows = (RowsWait) { feed_list, 1, feed_id, "Drama News" };
  g_assert_true (wait_for (rows_are, &rows, 5000));
  row = drama_feed_list_get_row (feed_list, feed_id);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Updated"));

  /* Rename: the row, the store and the article list's filter follow. */
  drama_feed_list_rename_feed (feed_list, feed_id, "  My Drama News ");
  rows = (RowsWait) { feed_list, 1, feed_id, "My Drama News" };
  g_assert_true (wait_for (rows_are, &rows, 5000));
  feed = store_sync (app_store (), get_feed_job, &feed_id);
  g_assert_cmpstr (drama_feed_get_display_title (feed), ==, "My Drama News");
  g_clear_object (&feed);

  /* A failing fetch: its row says why and offers to try again. */
  fake_server_fail (server, "/feeds/news.xml", &not_found);
  gtk_widget_activate_action (GTK_WIDGET (feed_list), "feeds.refresh", "x", feed_id);
  wait = (RowWait) { feed_list, feed_id, "404" };
  if (!wait_for (row_subtitle_has, &wait, 10000))
    {
      /* The updater words it its own way; any error text in the row will do. */
      row = drama_feed_list_get_row (feed_list, feed_id);
      g_test_message ("error row: %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
      g_assert_true (gtk_widget_has_css_class (row, "feed-error"));
    }
  row = drama_feed_list_get_row (feed_list, feed_id);
  g_assert_true (gtk_widget_has_css_class (row, "feed-error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Last updated"));
  fake_server_clear_failures (server);

  /* Export, as OPML with the feed's URL. */
  export_path = g_build_filename (g_get_user_data_dir (), "exported.opml", NULL);
  export = g_file_new_for_path (export_path);
  g_signal_connect (feed_list, "export-finished", G_CALLBACK (on_exported), &exported_ok);
  drama_feed_list_export_file (feed_list, export);
  g_assert_true (wait_for (is_set, &exported_ok, 5000));
  g_assert_cmpint (exported_ok, ==, 1);
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, &error));
  g_assert_no_error (error);
  opml = server_url ("/feeds/news.xml");
  g_assert_nonnull (strstr (exported, opml));

  /* Remove (in the background), then Undo from the toast: the feed and its articles are
   * back exactly as they were (same ids, read and starred marks), and only they: a second
   * feed's articles were never touched. */
  fake_server_set_body (server, "/feeds/hostile.xml", "application/rss+xml", hostile_feed);
  g_assert_null (subscribe_through_dialog (window, hostile));
  g_assert_true (wait_for (feeds_count_is, GUINT_TO_POINTER (2), 5000));
  rows = (RowsWait) { feed_list, 2, 0, NULL };
  g_assert_true (wait_for (rows_are, &rows, 5000));
  before = article_states ();
  drama_feed_list_remove_feed (feed_list, feed_id);
  g_assert_true (wait_for (feeds_count_is, GUINT_TO_POINTER (1), 5000));
  rows = (RowsWait) { feed_list, 1, 0, NULL };
  g_assert_true (wait_for (rows_are, &rows, 5000));
  {
    g_autofree char *gone = article_states ();

    g_assert_cmpstr (gone, !=, before);
  }
  click_button (GTK_WIDGET (feeds_window), "_Undo");
  g_assert_true (wait_for (feeds_count_is, GUINT_TO_POINTER (2), 5000));
  g_assert_true (wait_for (states_are, before, 5000));
  article = stored_article (article_id);
  g_assert_true (drama_article_get_read (article));
  g_assert_true (drama_article_get_starred (article));
  feed = store_sync (app_store (), get_feed_job, &feed_id);
  g_assert_cmpstr (drama_feed_get_display_title (feed), ==, "My Drama News");
  rows = (RowsWait) { feed_list, 2, feed_id, "My Drama News" };
  g_assert_true (wait_for (rows_are, &rows, 5000));

  /* Import the exported file into an empty list: the feed comes back. */
  remove_all_feeds ();
  drama_feed_list_import_file (feed_list, export);
  g_assert_true (wait_for (feeds_count_is, GUINT_TO_POINTER (1), 5000));

  gtk_window_destroy (feeds_window);
  close_window (window);
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

static GtkRevealer *
find_revealer_with_label (GtkWidget  *root,
                          const char *prefix)
{
  g_autoptr(GPtrArray) revealers = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_REVEALER, revealers);
  for (guint i = 0; i < revealers->len; i++)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      collect_widgets (revealers->pdata[i], GTK_TYPE_LABEL, labels);
      for (guint j = 0; j < labels->len; j++)
        if (g_str_has_prefix (gtk_label_get_text (labels->pdata[j]), prefix))
          return revealers->pdata[i];
    }
  return NULL;
}

static GtkRevealer *
find_revealer_with (GtkWidget *root,
                    GType      child_type)
{
  g_autoptr(GPtrArray) revealers = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_REVEALER, revealers);
  for (guint i = 0; i < revealers->len; i++)
    {
      g_autoptr(GPtrArray) found = g_ptr_array_new ();

      collect_widgets (revealers->pdata[i], child_type, found);
      if (found->len > 0)
        return revealers->pdata[i];
    }
  return NULL;
}

typedef struct {
  GtkLabel *label;
  GPtrArray *seen;
} ProgressLog;

static void
on_progress (DramaFeedUpdater *updater,
             guint             done,
             guint             total,
             ProgressLog      *log)
{
  g_ptr_array_add (log->seen, g_strdup (gtk_label_get_text (log->label)));
}

static void
refreshed (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  *(int *) data = drama_feed_updater_refresh_all_finish (DRAMA_FEED_UPDATER (source), result,
                                                         NULL) ? 1 : 2;
}

static void
test_offline_and_progress (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaFeedUpdater *updater = drama_application_get_feed_updater (app);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *second = server_url ("/feeds/hostile.xml");
  GtkRevealer *offline, *progress;
  ProgressLog log;
  gboolean found = FALSE;
  int done = 0;

  remove_all_feeds ();
  fake_server_set_body (server, "/feeds/hostile.xml", "application/rss+xml", hostile_feed);
  subscribe_news (window);
  g_assert_null (subscribe_through_dialog (window, second));

  offline = find_revealer_with_label (GTK_WIDGET (pane), "You are offline");
  progress = find_revealer_with (GTK_WIDGET (pane), GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (offline);
  g_assert_nonnull (progress);
  g_assert_false (gtk_revealer_get_reveal_child (offline));
  g_assert_false (gtk_revealer_get_reveal_child (progress));

  /* Offline: one banner, not an error per feed. */
  test_monitor_set_available (monitor, FALSE);
  g_assert_true (wait_for (revealed, offline, 2000));
  test_monitor_set_available (monitor, TRUE);
  g_assert_true (wait_for (not_revealed, offline, 2000));

  /* While a refresh runs: "Updating 1 of 2 feeds"… then the bar goes away. */
  fake_server_fail (server, "/feeds/news.xml", &(FakeFailure) { .delay_ms = 400 });
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (progress), GTK_TYPE_LABEL, labels);
    g_assert_cmpuint (labels->len, ==, 1);
    log.label = labels->pdata[0];
  }
  log.seen = seen;
  /* After the pane's own handler, so the label already says it. */
  g_signal_connect_after (updater, "progress", G_CALLBACK (on_progress), &log);
  drama_feed_updater_refresh_all_async (updater, NULL, refreshed, &done);
  g_assert_true (wait_for (revealed, progress, 5000));
  g_assert_true (wait_for (is_set, &done, 20000));
  g_assert_cmpint (done, ==, 1);
  g_signal_handlers_disconnect_by_data (updater, &log);
  g_assert_true (wait_for (not_revealed, progress, 5000));
  for (guint i = 0; i < seen->len; i++)
    {
      g_test_message ("progress: %s", (char *) seen->pdata[i]);
      if (g_str_has_prefix (seen->pdata[i], "Updating ") && strstr (seen->pdata[i], " of 2 feeds"))
        found = TRUE;
    }
  g_assert_true (found);
  fake_server_clear_failures (server);

  close_window (window);
}

static void
test_narrow (void)
{
  DramaWindow *window = open_window (360, 640);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleView *view = drama_news_pane_get_article_view (pane);

  remove_all_feeds ();
  drama_window_show_news (window);
  subscribe_news (window);
  wait_for_n_items (pane, 3);
  wait_for_label (GTK_WIDGET (pane), "Third article");

  /* One page at a time: the reader comes in over the list... */
  g_assert_true (drama_news_pane_open_article (pane, 2));
  wait_for_article_page (view);
  g_assert_true (wait_for (is_mapped, view, 5000));
  g_assert_null (find_label (GTK_WIDGET (pane), "Third article"));

  /* ...and back goes to the list. */
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.back", NULL);
  wait_for_label (GTK_WIDGET (pane), "Third article");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));

  close_window (window);
}

static gboolean
any_thumbnail_shown (gpointer pane)
{
  g_autoptr(GPtrArray) pictures = g_ptr_array_new ();

  collect_widgets (pane, GTK_TYPE_PICTURE, pictures);
  for (guint i = 0; i < pictures->len; i++)
    if (gtk_widget_has_css_class (pictures->pdata[i], "article-thumbnail") &&
        gtk_widget_is_visible (pictures->pdata[i]))
      return TRUE;
  return FALSE;
}

static gboolean
no_thumbnail_shown (gpointer pane)
{
  return !any_thumbnail_shown (pane);
}

/* Thumbnails only when remote images are allowed. */
static void
test_thumbnails_follow_setting (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  GSettings *settings = drama_application_get_settings (app);
  g_autofree char *url = server_url ("/feeds/images.xml");
  g_autofree char *image = server_url ("/feeds/thumb.png");
  g_autofree char *feed = NULL;

  remove_all_feeds ();
  feed = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                          "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\">"
                          "<channel><title>Pictures</title><link>https://pics.example.com/</link>"
                          "<description>x</description>"
                          "<item><title>With a picture</title><guid>pic-1</guid>"
                          "<link>https://pics.example.com/1</link>"
                          "<media:content url=\"%s\" medium=\"image\"/>"
                          "<description>A picture.</description></item>"
                          "</channel></rss>\n", image);
  fake_server_set_body (server, "/feeds/images.xml", "application/rss+xml", feed);

  g_settings_set_boolean (settings, DRAMA_SETTINGS_LOAD_IMAGES, TRUE);
  g_assert_null (subscribe_through_dialog (window, url));
  wait_for_n_items (pane, 1);
  wait_for_label (GTK_WIDGET (pane), "With a picture");
  g_assert_true (wait_for (any_thumbnail_shown, pane, 5000));

  g_settings_set_boolean (settings, DRAMA_SETTINGS_LOAD_IMAGES, FALSE);
  g_assert_true (wait_for (no_thumbnail_shown, pane, 5000));
  g_settings_set_boolean (settings, DRAMA_SETTINGS_LOAD_IMAGES, TRUE);
  g_assert_true (wait_for (any_thumbnail_shown, pane, 5000));

  close_window (window);
}

static gboolean
has_list (gpointer pane)
{
  return drama_news_pane_get_article_list (pane) != NULL;
}

/* "My Shows" when the user picks it (the filter never switches by itself; see
 * test-ui-feeds): a new feed's articles are linked to the shows they name, and only the
 * one about the show is listed. */
static void
test_my_shows_chosen (void)
{
  g_autoptr(DramaShow) show = drama_show_new ();
  DramaWindow *window;
  DramaNewsPane *pane;

  start_app ();
  drama_show_set_name (show, "Angel's Last Mission: Love");
  store_save_show (app_store (), show);

  window = open_window (1280, 800);
  pane = drama_window_get_news_pane (window);
  g_assert_true (wait_for (has_list, pane, 5000));
  g_assert_cmpint (drama_article_list_get_filter (drama_news_pane_get_article_list (pane)), ==,
                   DRAMA_ARTICLE_FILTER_ALL);
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_MY_SHOWS, 0);
  remove_all_feeds ();
  subscribe_news (window);
  wait_for_n_items (pane, 1);
  {
    g_autoptr(DramaArticle) article = loaded_item (pane, 0);
    g_assert_true (g_str_has_prefix (drama_article_get_title (article), "Angel's Last Mission"));
  }
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_ALL, 0);
  close_window (window);

  store_set_removed (app_store (), drama_show_get_id (show), TRUE);
  spin ();
}

static int
mapped_back_buttons (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  int n = 0;

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (buttons->pdata[i]), "go-previous-symbolic") == 0 &&
        gtk_widget_get_mapped (buttons->pdata[i]))
      n++;
  return n;
}

static gboolean
view_wide_enough (gpointer view)
{
  return gtk_widget_get_mapped (view) && gtk_widget_get_width (view) >= 600;
}

/* At common laptop widths the article gets a readable width, not a strip beside the list
 * and the show page; narrow, one back button leads from the article to the list. */
static void
test_reader_width (void)
{
  DramaWindow *window = open_window (1400, 900);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleView *view = drama_news_pane_get_article_view (pane);
  GtkButton *back;

  remove_all_feeds ();
  subscribe_news (window);
  wait_for_n_items (pane, 3);
  g_assert_true (drama_news_pane_open_article (pane, 0));
  wait_for_article_page (view);
  g_assert_true (wait_for (view_wide_enough, view, 5000));
  g_test_message ("reader at 1400 px: %d px", gtk_widget_get_width (GTK_WIDGET (view)));
  /* The list steps aside while reading: its back button is the only one. */
  g_assert_cmpint (mapped_back_buttons (GTK_WIDGET (window)), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.back", NULL);
  wait_for_label (GTK_WIDGET (pane), "Third article");
  close_window (window);

  /* Narrow: the header's back button goes to the list first, then out of the news. */
  window = open_window (360, 640);
  pane = drama_window_get_news_pane (window);
  view = drama_news_pane_get_article_view (pane);
  drama_window_show_news (window);
  wait_for_label (GTK_WIDGET (pane), "Third article");
  g_assert_true (drama_news_pane_open_article (pane, 0));
  wait_for_article_page (view);
  g_assert_true (wait_for (is_mapped, view, 5000));
  g_assert_cmpint (mapped_back_buttons (GTK_WIDGET (window)), ==, 1);
  back = wait_for_back_button (GTK_WIDGET (window));
  g_signal_emit_by_name (back, "clicked");
  spin ();
  wait_for_label (GTK_WIDGET (pane), "Third article");
  g_assert_cmpint (mapped_back_buttons (GTK_WIDGET (window)), ==, 1);
  back = wait_for_back_button (GTK_WIDGET (window));
  g_signal_emit_by_name (back, "clicked");
  spin ();
  g_assert_true (wait_for (not_mapped, pane, 5000));

  close_window (window);
}

static gboolean
feeds_window_open (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), "Feeds") == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

/* A refresh where a feed starts failing says so once, in a toast with Details; the feed's
 * own list shows a banner with Try Again, which clears it once the feed works again. */
static void
test_feed_errors (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaFeedUpdater *updater = drama_application_get_feed_updater (app);
  GtkRevealer *banner;
  gint64 feed_id;
  int done = 0;

  remove_all_feeds ();
  feed_id = subscribe_news (window);
  wait_for_n_items (pane, 3);

  fake_server_fail (server, "/feeds/news.xml", &(FakeFailure) { .status = 500 });
  drama_feed_updater_refresh_all_async (updater, NULL, refreshed, &done);
  g_assert_true (wait_for (is_set, &done, 20000));
  wait_for_label (GTK_WIDGET (window), "1 feed could not be updated");
  click_button (GTK_WIDGET (window), "_Details");
  g_assert_true (wait_for (feeds_window_open, NULL, 5000));

  /* The articles already there stay listed under the banner. */
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_FEED, feed_id);
  banner = find_revealer_with_label (GTK_WIDGET (pane), "This feed could not be updated");
  g_assert_nonnull (banner);
  g_assert_true (wait_for (revealed, banner, 5000));
  wait_for_n_items (pane, 3);

  fake_server_clear_failures (server);
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.retry-feed", NULL);
  g_assert_true (wait_for (not_revealed, banner, 10000));

  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_ALL, 0);
  close_window (window);
}

/* The dates in the article rows and the feeds' "Last updated". */
static void
test_relative_time (void)
{
  const gint64 now = 1558526400;   /* 2019-05-22 12:00 UTC */
  struct { gint64 age; const char *text; } cases[] = {
    { -30, "Just now" }, { 59, "Just now" }, { 60, "1 min ago" }, { 3599, "59 min ago" },
    { 3600, "1 h ago" }, { 23 * 3600, "23 h ago" }, { 24 * 3600, "Yesterday" },
    { 3 * 24 * 3600, "3 days ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = drama_format_relative_time (now - cases[i].age, now);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  /* Unknown dates say nothing rather than "1970". */
  g_assert_null (drama_format_relative_time (0, now));
  /* Older than a week: a date. */
  {
    g_autofree char *old = drama_format_relative_time (now - 30 * 24 * 3600, now);
    g_assert_nonnull (old);
    g_assert_null (strstr (old, "ago"));
  }
}

static gboolean
has_hits (gpointer path)
{
  return fake_server_get_hits (server, path) > 0;
}

/* A feed at url (data[0]), last refreshed at the stamp data[1]. */
static gpointer
refresh_setup_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  const char **setup = data;
  g_autoptr(DramaFeed) feed = drama_store_add_feed (store, setup[0], "News", error);

  if (feed == NULL || !drama_store_set_meta (store, "feeds_refreshed_at", setup[1], error))
    return NULL;
  return GINT_TO_POINTER (1);
}

/* Starting the app fetches the feeds when the last refresh is older than the interval in
 * the settings, and leaves them alone when it is recent. */
static void
check_refresh_at_start (gint64 last_refresh_age,
                        gboolean expect_fetch)
{
  g_autofree char *url = server_url ("/feeds/news.xml");
  g_autofree char *stamp = NULL;
  DramaWindow *window;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *setup[2];

  start_app ();
  g_settings_set_int (drama_application_get_settings (app), DRAMA_SETTINGS_REFRESH_INTERVAL, 60);
  stamp = g_strdup_printf ("%" G_GINT64_FORMAT, now - last_refresh_age);
  setup[0] = url;
  setup[1] = stamp;
  g_assert_nonnull (store_sync (app_store (), refresh_setup_job, setup));

  /* The check runs once the first window is up. */
  window = open_window (1280, 800);
  if (expect_fetch)
    {
      g_assert_true (wait_for (has_hits, "/feeds/news.xml", 10000));
      wait_for_n_items (drama_window_get_news_pane (window), 3);
    }
  else
    {
      g_assert_false (wait_for (has_hits, "/feeds/news.xml", 1500));
    }
}

static void
test_refresh_at_start_due (void)
{
  if (g_test_subprocess ())
    {
      check_refresh_at_start (2 * 3600, TRUE);
      exit (0);
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_refresh_at_start_recent (void)
{
  if (g_test_subprocess ())
    {
      check_refresh_at_start (10 * 60, FALSE);
      exit (0);
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static gboolean
pane_has_news (gpointer pane)
{
  return !drama_news_pane_is_empty (pane);
}

/* In the library itself: a library started anew gets them again. */
static gboolean
default_feeds_noted (gpointer data)
{
  g_autofree char *mark = store_get_meta (drama_application_get_store (app), "first_feeds");

  return g_strcmp0 (mark, "given") == 0;
}

/* First start subscribes to the default feeds once, without waiting for them to load. */
static void
test_default_feeds (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GPtrArray) feeds = NULL;
      DramaWindow *window;

      g_autoptr(GBytes) opml = NULL;
      g_autoptr(GPtrArray) outlines = NULL;

      /* As many feeds as the OPML compiled into the app lists. */
      opml = g_resources_lookup_data ("/io/github/dramalist/Dramalist/default-feeds.opml", 0, NULL);
      g_assert_nonnull (opml);
      outlines = drama_opml_parse (g_bytes_get_data (opml, NULL), g_bytes_get_size (opml), NULL);
      g_assert_nonnull (outlines);
      g_assert_cmpuint (outlines->len, >, 0);

      g_unsetenv ("DRAMALIST_SKIP_DEFAULT_FEEDS");
      window = open_window (800, 600);
      g_assert_true (wait_for (feeds_count_is, GUINT_TO_POINTER (outlines->len), 10000));
      feeds = list_feeds ();
      for (guint i = 0; i < feeds->len; i++)
        g_assert_true (g_str_has_prefix (drama_feed_get_url (feeds->pdata[i]), "https://"));
      /* Noted once they are stored (not before: a crash meanwhile would lose them). */
      g_assert_true (wait_for (default_feeds_noted, NULL, 5000));
      /* The pane lists them as filters, and is not the empty state any more. */
      g_assert_true (wait_for (pane_has_news, drama_window_get_news_pane (window), 5000));
      exit (0);
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *fixtures = NULL;
  int status;

  /* A library of our own per run (a subprocess makes its own too). */
  data_home = ui_test_make_home ("ui-news-XXXXXX");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_unsetenv (DRAMA_ENV_TVMAZE_URL);

  ui_test_init (&argc, &argv, "dramalist-news-test");

  fixtures = FAKE_SERVER_FIXTURES (NULL);
  server = fake_server_new (fixtures);

  g_test_add_func ("/ui/news/subscribe-and-read", test_subscribe_and_read);
  g_test_add_func ("/ui/news/add-feed-errors", test_add_feed_errors);
  g_test_add_func ("/ui/news/star-filter-search", test_star_filter_search);
  g_test_add_func ("/ui/news/mark-all-read-undo", test_mark_all_read_undo);
  g_test_add_func ("/ui/news/first-screen", test_first_screen);
  g_test_add_func ("/ui/news/search-typing", test_search_typing);
  g_test_add_func ("/ui/news/feed-list", test_feed_list);
  g_test_add_func ("/ui/news/offline-and-progress", test_offline_and_progress);
  g_test_add_func ("/ui/news/narrow", test_narrow);
  g_test_add_func ("/ui/news/thumbnails-follow-setting", test_thumbnails_follow_setting);
  g_test_add_func ("/ui/news/my-shows-chosen", test_my_shows_chosen);
  g_test_add_func ("/ui/news/default-feeds", test_default_feeds);
  g_test_add_func ("/ui/news/relative-time", test_relative_time);
  g_test_add_func ("/ui/news/refresh-at-start/due", test_refresh_at_start_due);
  g_test_add_func ("/ui/news/refresh-at-start/recent", test_refresh_at_start_recent);
  g_test_add_func ("/ui/news/reader-width", test_reader_width);
  g_test_add_func ("/ui/news/feed-errors", test_feed_errors);

  status = g_test_run ();

  if (app != NULL)
    g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_object (&monitor);
  fake_server_free (server);
  remove_tree (data_home);

  return status;
}
