/* Feeds as the user sees them, under a real display (xvfb-run) against feeds served by the
 * fake server: the news filter stays what the user chose (also across starts), failed
 * feeds are summed up above every filter, "You are offline" when no server answered,
 * feeds in natural order, a filter switch starts at the top, long feed names in full;
 * Manage Feeds asks before removing, removes many feeds in one action (Select Failing)
 * with one Undo for all of them, and an import whose feeds fail says so. */
#define G_LOG_DOMAIN "test-ui-feeds"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "drama-application.h"
#include "drama-feed-list-test.h"
#include "drama-feed-list.h"
#include "drama-news-pane-test.h"
#include "drama-news-pane.h"
#include "drama-settings.h"
#include "drama-ui-text.h"
#include "drama-show-chips.h"
#include "drama-show-list.h"
#include "drama-store-private.h"
#include "drama-window.h"
#include "fake-server.h"
#include "test-common.h"
#include "drama-linker.h"
#include "ui-test-common.h"

static DramaApplication *app;
static FakeServer *server;
static TestMonitor *monitor;

/* ---- setup ---- */

static void
start_app (void)
{
  g_autofree char *now = NULL;

  if (app != NULL)
    return;
  app = ui_test_new_app ();
  monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  drama_feed_updater_set_network_monitor (drama_application_get_feed_updater (app),
                                          G_NETWORK_MONITOR (monitor));
  /* Just refreshed: the first window starts no refresh of its own, which a test's
   * refresh would join before the feeds it adds are there. */
  now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  store_set_meta (drama_application_get_store (app), "feeds_refreshed_at", now);
  store_set_meta (drama_application_get_store (app), "shows_refreshed_at", now);
}

static DramaStore *
app_store (void)
{
  return drama_application_get_store (app);
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

static char *
server_url (const char *path)
{
  return g_strconcat (fake_server_get_url (server), path, NULL);
}

/* An RSS feed called title with n items, their guids and titles starting with prefix. */
static char *
make_feed (const char *title,
           guint       n,
           const char *prefix)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">"
                             "<channel>");

  g_string_append_printf (s, "<title>%s</title><link>https://example.com/</link>"
                          "<description>x</description>", title);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "<item><title>%s story %u</title><guid>%s-%u</guid>"
                            "<link>https://example.com/%s/%u</link>"
                            "<pubDate>Wed, 22 May 2019 %02u:%02u:00 +0000</pubDate>"
                            "<description>Story %u.</description></item>",
                            prefix, i, prefix, i, prefix, i, 23 - (i / 60) % 24, 59 - i % 60, i);
  g_string_append (s, "</channel></rss>\n");
  return g_string_free (s, FALSE);
}

/* ---- the test's own store calls (on the store's thread) ---- */

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

static gboolean
feeds_count_is (gpointer data)
{
  g_autoptr(GPtrArray) feeds = list_feeds ();

  return feeds->len == GPOINTER_TO_UINT (data);
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

static void
remove_all_feeds (void)
{
  g_assert_nonnull (store_sync (app_store (), remove_all_feeds_job, NULL));
  spin ();
}

typedef struct {
  const char *url;
  const char *title;
} NewFeed;

static gpointer
add_feed_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  NewFeed *feed = data;

  return drama_store_add_feed (store, feed->url, feed->title, error);
}

static gint64
add_feed (const char *url,
          const char *title)
{
  NewFeed feed = { url, title };
  g_autoptr(DramaFeed) added = store_sync (app_store (), add_feed_job, &feed);

  return drama_feed_get_id (added);
}

/* Every article as "id:read:starred:feed" lines: what an Undo must bring back exactly. */
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

static gboolean
states_are (gpointer expected)
{
  g_autofree char *states = store_sync (app_store (), article_states_job, NULL);

  return g_strcmp0 (states, expected) == 0;
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(int *) data = drama_feed_updater_refresh_all_finish (DRAMA_FEED_UPDATER (source), result,
                                                         NULL) ? 1 : 2;
}

static gboolean
is_set (gpointer data)
{
  return *(int *) data != 0;
}

/* Fetches every feed, as the app's refresh does, and waits for the end. */
static gboolean
not_refreshing (gpointer data)
{
  return !drama_feed_updater_get_refreshing (drama_application_get_feed_updater (app));
}

static void
refresh_all (void)
{
  int done = 0;

  /* A refresh already running lists its feeds before ours were added: ours would join it. */
  g_assert_true (wait_for (not_refreshing, NULL, 30000));

  drama_feed_updater_refresh_all_async (drama_application_get_feed_updater (app), NULL,
                                        on_refreshed, &done);
  g_assert_true (wait_for (is_set, &done, 30000));
  spin ();
}

/* ---- widgets ---- */

static GtkLabel *
find_label_prefix (GtkWidget  *root,
                   const char *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), prefix) &&
        gtk_widget_get_mapped (labels->pdata[i]))
      return labels->pdata[i];
  return NULL;
}

static gboolean
has_label_prefix (gpointer data)
{
  gpointer *args = data;

  return find_label_prefix (args[0], args[1]) != NULL;
}

static void
wait_for_label_prefix (GtkWidget  *root,
                       const char *prefix)
{
  gpointer args[] = { root, (gpointer) prefix };

  if (!wait_for (has_label_prefix, args, 10000))
    g_error ("No label “%s…” on screen", prefix);
}

/* The revealer holding a label that starts with prefix (revealed or not). */
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

typedef struct {
  GtkWidget  *root;
  const char *prefix;
} RevealWait;

static gboolean
revealed_with (gpointer data)
{
  RevealWait *wait = data;
  GtkRevealer *revealer = find_revealer_with_label (wait->root, wait->prefix);

  return revealer != NULL && gtk_revealer_get_reveal_child (revealer);
}

static gboolean
none_revealed_with (gpointer data)
{
  return !revealed_with (data);
}

static gboolean
has_list (gpointer pane)
{
  return drama_news_pane_get_article_list (pane) != NULL;
}

static GtkDropDown *
filter_dropdown (DramaNewsPane *pane)
{
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (pane), GTK_TYPE_DROP_DOWN, dropdowns);
  g_assert_cmpuint (dropdowns->len, ==, 1);
  return dropdowns->pdata[0];
}

/* The drop-down's entries, one a line. */
static char *
filter_labels (DramaNewsPane *pane)
{
  GListModel *model = gtk_drop_down_get_model (filter_dropdown (pane));
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_string_append_printf (s, "%s\n", gtk_string_object_get_string (item));
    }
  return g_string_free (s, FALSE);
}

typedef struct {
  DramaNewsPane *pane;
  const char    *label;
} LabelWait;

static gboolean
dropdown_has (gpointer data)
{
  LabelWait *wait = data;
  g_autofree char *labels = filter_labels (wait->pane);
  g_autofree char *all = g_strconcat ("\n", labels, NULL);
  g_autofree char *line = g_strdup_printf ("\n%s\n", wait->label);

  return strstr (all, line) != NULL;
}

/* Picks the entry called label, as the user does in the drop-down. */
static void
choose_filter (DramaNewsPane *pane,
               const char    *label)
{
  GtkDropDown *dropdown = filter_dropdown (pane);
  GListModel *model = gtk_drop_down_get_model (dropdown);
  LabelWait wait = { pane, label };

  g_assert_true (wait_for (dropdown_has, &wait, 5000));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          spin ();
          return;
        }
    }
  g_assert_not_reached ();
}

/* ---- the filter is the user's ---- */

static gboolean
filter_is (gpointer data)
{
  gpointer *args = data;
  DramaArticleList *list = drama_news_pane_get_article_list (args[0]);

  return list != NULL && drama_article_list_get_filter (list) == (DramaArticleFilter) GPOINTER_TO_INT (args[1]) &&
         drama_article_list_get_filter_id (list) == *(gint64 *) args[2];
}

static gboolean
dropdown_on_feed (gpointer pane)
{
  return gtk_drop_down_get_selected (filter_dropdown (pane)) == 4;
}

/* A show followed does not switch the news to My Shows (the user would see 1 of a new
 * feed's 3 articles); the filter the user picks comes back on the next start. */
static void
test_filter_is_users (void)
{
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autofree char *url = server_url ("/feeds/news.xml");
  GSettings *settings;
  DramaWindow *window;
  DramaNewsPane *pane;
  gint64 feed_id, none = 0;
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;

  window = open_window (1280, 800);
  settings = drama_application_get_settings (app);
  pane = drama_window_get_news_pane (window);
  remove_all_feeds ();
  g_assert_true (wait_for (has_list, pane, 5000));
  g_assert_cmpint (drama_article_list_get_filter (drama_news_pane_get_article_list (pane)), ==,
                   DRAMA_ARTICLE_FILTER_ALL);

  /* The first show on the watchlist: the filter stays. */
  drama_show_set_name (show, "Angel's Last Mission: Love");
  store_save_show (app_store (), show);
  {
    gpointer args[] = { pane, GINT_TO_POINTER (DRAMA_ARTICLE_FILTER_MY_SHOWS), &none };

    g_assert_false (wait_for (filter_is, args, 1500));
  }
  feed_id = add_feed (url, "Drama News");
  refresh_all ();
  wait_for_n_items (pane, 3);
  close_window (window);

  /* Opening again with a watchlist: still every article, not My Shows. */
  window = open_window (1280, 800);
  pane = drama_window_get_news_pane (window);
  g_assert_true (wait_for (has_list, pane, 5000));
  wait_for_n_items (pane, 3);
  g_assert_cmpint (drama_article_list_get_filter (drama_news_pane_get_article_list (pane)), ==,
                   DRAMA_ARTICLE_FILTER_ALL);

  /* The user picks the feed: kept, and there again on the next start. */
  choose_filter (pane, "Drama News");
  saved = g_settings_get_string (settings, DRAMA_SETTINGS_NEWS_FILTER);
  expected = g_strdup_printf ("feed:%" G_GINT64_FORMAT, feed_id);
  g_assert_cmpstr (saved, ==, expected);
  close_window (window);

  window = open_window (1280, 800);
  pane = drama_window_get_news_pane (window);
  {
    gpointer args[] = { pane, GINT_TO_POINTER (DRAMA_ARTICLE_FILTER_FEED), &feed_id };

    g_assert_true (wait_for (filter_is, args, 5000));
  }
  g_assert_true (wait_for (dropdown_on_feed, pane, 5000));
  choose_filter (pane, "Unread");
  close_window (window);

  window = open_window (1280, 800);
  pane = drama_window_get_news_pane (window);
  {
    gpointer args[] = { pane, GINT_TO_POINTER (DRAMA_ARTICLE_FILTER_UNREAD), &none };

    g_assert_true (wait_for (filter_is, args, 5000));
  }
  choose_filter (pane, "All Articles");
  close_window (window);

  store_set_removed (app_store (), drama_show_get_id (show), TRUE);
  spin ();
}

/* ---- failed feeds, where the user looks ---- */

/* Two of three feeds fail: "2 feeds could not be updated" above All Articles, with Try
 * Again, which clears it once they work again. */
static void
test_failure_summary (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  const char *paths[] = { "/sum/a.xml", "/sum/b.xml", "/sum/c.xml" };
  const char *titles[] = { "Alpha", "Beta", "Gamma" };
  RevealWait summary = { GTK_WIDGET (pane), "2 feeds could not be updated" };
  RevealWait one = { GTK_WIDGET (pane), "“Beta” could not be updated" };
  RevealWait offline = { GTK_WIDGET (pane), "You are offline" };
  GtkRevealer *revealer;

  remove_all_feeds ();
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *body = make_feed (titles[i], 2, titles[i]);
      g_autofree char *url = server_url (paths[i]);

      fake_server_set_body (server, paths[i], "application/rss+xml", body);
      add_feed (url, titles[i]);
    }
  refresh_all ();
  wait_for_n_items (pane, 6);
  g_assert_true (none_revealed_with (&summary));

  fake_server_fail (server, "/sum/b.xml", &(FakeFailure) { .status = 500 });
  fake_server_fail (server, "/sum/c.xml", &(FakeFailure) { .status = 404 });
  refresh_all ();
  /* On All Articles, not only with one of them chosen; the articles stay listed. */
  g_assert_true (wait_for (revealed_with, &summary, 5000));
  g_assert_true (none_revealed_with (&offline));
  revealer = find_revealer_with_label (GTK_WIDGET (pane), "2 feeds could not be updated");
  wait_for_n_items (pane, 6);
  {
    GtkLabel *label = find_label_prefix (GTK_WIDGET (revealer), "2 feeds");
    const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (label));

    /* Which ones, and why, on hover. */
    g_assert_nonnull (tooltip);
    g_assert_nonnull (strstr (tooltip, "Beta"));
    g_assert_nonnull (strstr (tooltip, "Gamma"));
  }

  /* Try Again on the summary: Gamma works again, Beta still fails. */
  fake_server_clear_failures (server);
  fake_server_fail (server, "/sum/b.xml", &(FakeFailure) { .status = 500 });
  click_button (GTK_WIDGET (revealer), "Try _Again");
  g_assert_true (wait_for (revealed_with, &one, 10000));
  g_assert_true (none_revealed_with (&summary));

  fake_server_clear_failures (server);
  click_button (GTK_WIDGET (pane), "Try _Again");
  g_assert_true (wait_for (none_revealed_with, &one, 10000));

  close_window (window);
}

/* No server answers (here: every feed on a closed port) while the system says it is
 * online: that is "You are offline", with Try Again, not silence or one error per feed;
 * the empty list says why it is empty. A feed that answers ends it. */
static void
test_unreachable_is_offline (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  RevealWait offline = { GTK_WIDGET (pane), "You are offline" };
  RevealWait summary = { GTK_WIDGET (pane), "3 feeds could not be updated" };
  g_autofree char *body = make_feed ("Working", 2, "working");
  g_autofree char *working = server_url ("/unreachable/working.xml");

  remove_all_feeds ();
  test_monitor_set_available (monitor, TRUE);
  /* Port 1 on the loopback: refused at once, as a dead connection is. */
  add_feed ("http://127.0.0.1:1/one.xml", "One");
  add_feed ("http://127.0.0.1:1/two.xml", "Two");
  add_feed ("http://127.0.0.1:1/three.xml", "Three");
  refresh_all ();

  g_assert_true (wait_for (revealed_with, &offline, 5000));
  g_assert_true (none_revealed_with (&summary));
  wait_for_label_prefix (GTK_WIDGET (pane), "Your feeds could not be updated because you are offline");
  {
    GtkRevealer *revealer = find_revealer_with_label (GTK_WIDGET (pane), "You are offline");

    g_assert_nonnull (find_button (GTK_WIDGET (revealer), "Try _Again"));
  }

  /* One feed that answers: online after all, and the three are failures of their own. */
  fake_server_set_body (server, "/unreachable/working.xml", "application/rss+xml", body);
  add_feed (working, "Working");
  refresh_all ();
  g_assert_true (wait_for (none_revealed_with, &offline, 5000));
  g_assert_true (wait_for (revealed_with, &summary, 5000));

  remove_all_feeds ();
  close_window (window);
}

/* ---- order, scroll, names ---- */

static char *
feed_list_titles (DramaFeedList *list)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GString *s = g_string_new (NULL);

  collect_widgets (GTK_WIDGET (list), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (s, "%s\n", adw_preferences_row_get_title (rows->pdata[i]));
  return g_string_free (s, FALSE);
}

static gboolean
feed_list_titles_are (gpointer data)
{
  gpointer *args = data;
  g_autofree char *titles = feed_list_titles (args[0]);

  return g_strcmp0 (titles, args[1]) == 0;
}

static gboolean
filter_labels_are (gpointer data)
{
  gpointer *args = data;
  g_autofree char *labels = filter_labels (args[0]);

  return g_strcmp0 (labels, args[1]) == 0;
}

/* "Site 2" before "Site 10", in the drop-down and in Manage Feeds. */
static void
test_natural_order (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  const char *names[] = { "Site 10", "site 1", "Site 0", "Site 2", "Another News", "Site 9" };
  const char *expected_feeds = "Another News\nSite 0\nsite 1\nSite 2\nSite 9\nSite 10\n";
  g_autofree char *expected = g_strconcat ("All Articles\nUnread\nStarred\nMy Shows\n",
                                           expected_feeds, NULL);
  GtkWindow *feeds_window;

  remove_all_feeds ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1:1/order/%u.xml", i);

      add_feed (url, names[i]);
    }
  {
    gpointer args[] = { pane, expected };

    if (!wait_for (filter_labels_are, args, 5000))
      {
        g_autofree char *labels = filter_labels (pane);
        g_error ("drop-down: %s", labels);
      }
  }

  feeds_window = drama_news_pane_show_feeds (pane);
  g_assert_true (wait_for (is_mapped, feeds_window, 5000));
  {
    DramaFeedList *list = DRAMA_FEED_LIST (adw_window_get_content (ADW_WINDOW (feeds_window)));
    gpointer args[] = { list, (gpointer) expected_feeds };

    if (!wait_for (feed_list_titles_are, args, 5000))
      {
        g_autofree char *titles = feed_list_titles (list);
        g_error ("feed list: %s", titles);
      }
  }
  gtk_window_destroy (feeds_window);
  remove_all_feeds ();
  close_window (window);
}

typedef struct {
  GtkAdjustment *adjustment;
  double         value;
} AdjustmentWait;

static gboolean
adjustment_is (gpointer data)
{
  AdjustmentWait *wait = data;

  return gtk_adjustment_get_value (wait->adjustment) == wait->value;
}

static gboolean
scrollable (gpointer adjustment)
{
  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) > 1000;
}

/* Switching the filter shows the new list from its first row. */
static void
test_filter_switch_scrolls_to_top (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  g_autofree char *body = make_feed ("Many", 80, "many");
  g_autofree char *url = server_url ("/scroll/many.xml");
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GtkAdjustment *adjustment;
  AdjustmentWait wait;

  remove_all_feeds ();
  fake_server_set_body (server, "/scroll/many.xml", "application/rss+xml", body);
  add_feed (url, "Many");
  refresh_all ();
  choose_filter (pane, "All Articles");
  wait_for_n_items (pane, 80);

  collect_widgets (GTK_WIDGET (pane), GTK_TYPE_LIST_VIEW, views);
  adjustment = gtk_scrollable_get_vadjustment (views->pdata[views->len - 1]);
  g_assert_true (wait_for (scrollable, adjustment, 5000));
  gtk_adjustment_set_value (adjustment, 900);
  spin ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  /* Every article is unread: the same rows, and still from the top. */
  choose_filter (pane, "Unread");
  wait_for_n_items (pane, 80);
  wait = (AdjustmentWait) { adjustment, 0 };
  g_assert_true (wait_for (adjustment_is, &wait, 5000));
  /* And it stays there once the rows are in. */
  spin ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  choose_filter (pane, "All Articles");
  remove_all_feeds ();
  close_window (window);
}

/* A label in the drop-down's pop-over (or anywhere under root) with exactly text. */
static GtkLabel *
find_popover_label (GtkWidget  *root,
                    const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0 &&
        gtk_widget_get_mapped (labels->pdata[i]) &&
        gtk_widget_get_ancestor (labels->pdata[i], GTK_TYPE_POPOVER) != NULL)
      return labels->pdata[i];
  return NULL;
}

static gboolean
popover_has_label (gpointer data)
{
  gpointer *args = data;
  GtkLabel *label = find_popover_label (args[0], args[1]);

  /* Laid out, not only mapped. */
  return label != NULL && gtk_widget_get_width (GTK_WIDGET (label)) > 0;
}

/* The drop-down's list shows feed names of a common length whole; a longer one ends in
 * "…" and has the whole name as its tooltip. */
static void
test_filter_popover_names (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  const char *common = "Korean Drama and Film News Daily Roundup";
  const char *longer = "The Extremely Long Name of a Korean Drama News Site for Fans";
  GtkDropDown *dropdown = filter_dropdown (pane);
  GtkLabel *label;

  remove_all_feeds ();
  add_feed ("http://127.0.0.1:1/popover/1.xml", common);
  add_feed ("http://127.0.0.1:1/popover/2.xml", longer);
  {
    LabelWait wait = { pane, longer };

    g_assert_true (wait_for (dropdown_has, &wait, 5000));
  }

  g_signal_emit_by_name (dropdown, "activate");
  {
    gpointer args[] = { dropdown, (gpointer) common };

    g_assert_true (wait_for (popover_has_label, args, 5000));
  }
  label = find_popover_label (GTK_WIDGET (dropdown), common);
  {
    int min = 0, nat = 0;
    GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_POPOVER);

    gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_test_message ("label %d (min %d nat %d), popover %d", gtk_widget_get_width (GTK_WIDGET (label)),
                    min, nat, gtk_widget_get_width (popover));
  }
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
  label = find_popover_label (GTK_WIDGET (dropdown), longer);
  g_assert_nonnull (label);
  g_assert_cmpstr (drama_ui_get_tooltip (GTK_WIDGET (label)), ==, longer);
  gtk_widget_activate_action (GTK_WIDGET (dropdown), "popover.close", NULL);
  {
    g_autoptr(GPtrArray) popovers = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER, popovers);
    for (guint i = 0; i < popovers->len; i++)
      gtk_popover_popdown (popovers->pdata[i]);
  }
  spin ();

  remove_all_feeds ();
  close_window (window);
}

/* A long feed name is cut short on the drop-down's button, but its tooltip has it all;
 * the window's title says what is shown. */
static void
test_long_names_and_title (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  const char *name = "The Extremely Long Name of a Korean Drama News Site";
  g_autofree char *body = make_feed (name, 2, "long");
  g_autofree char *url = server_url ("/long/feed.xml");

  remove_all_feeds ();
  fake_server_set_body (server, "/long/feed.xml", "application/rss+xml", body);
  add_feed (url, NULL);
  refresh_all ();
  choose_filter (pane, name);
  wait_for_n_items (pane, 2);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (filter_dropdown (pane))), ==, name);
  drama_window_show_news (window);
  spin ();
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), name));

  choose_filter (pane, "All Articles");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "All Articles"));
  remove_all_feeds ();
  close_window (window);
}

/* ---- Manage Feeds: removing asks, many at once, one Undo ---- */

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_message_dialog () == NULL;
}

/* The dialog on screen, answered with response once its heading is checked. */
static void
answer_dialog (const char *heading,
               const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (wait_for (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (dialog_gone, NULL, 5000));
  spin ();
}

static DramaFeedList *
open_feed_list (DramaNewsPane *pane,
                GtkWindow    **feeds_window)
{
  *feeds_window = drama_news_pane_show_feeds (pane);
  g_assert_nonnull (*feeds_window);
  g_assert_true (wait_for (is_mapped, *feeds_window, 5000));
  return DRAMA_FEED_LIST (adw_window_get_content (ADW_WINDOW (*feeds_window)));
}

typedef struct {
  DramaFeedList *list;
  guint          n;
} RowsWait;

static gboolean
rows_are (gpointer data)
{
  RowsWait *wait = data;

  return drama_feed_list_get_n_rows (wait->list) == wait->n;
}

/* A row's trash button asks, naming the feed: Cancel keeps it, Remove removes it. */
static void
test_remove_asks (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  g_autofree char *url = server_url ("/feeds/news.xml");
  g_autofree char *before = NULL;
  GtkWindow *feeds_window;
  DramaFeedList *list;
  RowsWait rows;
  gint64 feed_id;

  remove_all_feeds ();
  feed_id = add_feed (url, "Drama News");
  refresh_all ();
  list = open_feed_list (pane, &feeds_window);
  rows = (RowsWait) { list, 1 };
  g_assert_true (wait_for (rows_are, &rows, 5000));
  before = store_sync (app_store (), article_states_job, NULL);

  gtk_widget_activate_action (GTK_WIDGET (list), "feeds.remove", "x", feed_id);
  answer_dialog ("Remove “Drama News”?", "cancel");
  g_assert_false (wait_for (feeds_count_is, GUINT_TO_POINTER (0), 1000));

  gtk_widget_activate_action (GTK_WIDGET (list), "feeds.remove", "x", feed_id);
  answer_dialog ("Remove “Drama News”?", "remove");
  g_assert_true (wait_for (feeds_count_is, GUINT_TO_POINTER (0), 5000));
  click_button (GTK_WIDGET (feeds_window), "_Undo");
  g_assert_true (wait_for (feeds_count_is, GUINT_TO_POINTER (1), 5000));
  g_assert_true (wait_for (states_are, before, 5000));

  gtk_window_destroy (feeds_window);
  remove_all_feeds ();
  close_window (window);
}


typedef struct {
  DramaFeedList *list;
  gint64         feed_id;
} RowWait;

static gboolean
feed_row_failed (gpointer data)
{
  RowWait *wait = data;
  GtkWidget *row = drama_feed_list_get_row (wait->list, wait->feed_id);

  return row != NULL && gtk_widget_has_css_class (row, "feed-error");
}

/* The feeds are read again every second while they update: a row whose feed did not
 * change stays the very same widget at the same place (the click aimed at it lands on
 * it), only the changed one is made anew. */
static void
test_rows_stay_put (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  g_autofree char *body = make_feed ("Steady", 2, "steady");
  g_autofree char *steady = server_url ("/stay/steady.xml");
  g_autofree char *flaky = server_url ("/stay/flaky.xml");
  GtkWindow *feeds_window;
  DramaFeedList *list;
  GtkWidget *row, *first;
  RowsWait rows;
  RowWait failed;
  gint64 steady_id, flaky_id;

  remove_all_feeds ();
  fake_server_set_body (server, "/stay/steady.xml", "application/rss+xml", body);
  fake_server_set_body (server, "/stay/flaky.xml", "application/rss+xml", body);
  steady_id = add_feed (steady, "A Steady Feed");
  flaky_id = add_feed (flaky, "Flaky Feed");
  refresh_all ();
  list = open_feed_list (pane, &feeds_window);
  rows = (RowsWait) { list, 2 };
  g_assert_true (wait_for (rows_are, &rows, 5000));
  row = drama_feed_list_get_row (list, steady_id);
  first = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (gtk_widget_get_parent (row)), 0));
  g_assert_true (first == row);

  fake_server_fail (server, "/stay/flaky.xml", &(FakeFailure) { .status = 500 });
  gtk_widget_activate_action (GTK_WIDGET (list), "feeds.refresh", "x", flaky_id);
  failed = (RowWait) { list, flaky_id };
  g_assert_true (wait_for (feed_row_failed, &failed, 10000));
  g_assert_true (drama_feed_list_get_row (list, steady_id) == row);
  g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (gtk_widget_get_parent (row)), 0)) == row);
  fake_server_clear_failures (server);

  gtk_window_destroy (feeds_window);
  remove_all_feeds ();
  close_window (window);
}

static gboolean
row_has_error (gpointer data)
{
  RowsWait *wait = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint n = 0;

  collect_widgets (GTK_WIDGET (wait->list), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_has_css_class (rows->pdata[i], "feed-error"))
      n++;
  return n == wait->n;
}

static void
on_imported (DramaFeedList *list,
             guint          n_added,
             int           *result)
{
  *result = (int) n_added + 1;
}

/* An OPML of 45 feeds that all fail, in folders, beside one that works: the import says
 * the folders are not kept and, once fetched, that the 45 failed, as does the main
 * window; "Select Failing" checks exactly them, "Remove 45 Feeds" asks naming the count,
 * and one Undo brings all 45 back. */
static void
test_import_failing_and_bulk_remove (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  g_autofree char *good = server_url ("/feeds/news.xml");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "failing.opml", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) opml = g_string_new ("<?xml version=\"1.0\"?>\n<opml version=\"2.0\">"
                                          "<head><title>Mine</title></head><body>"
                                          "<outline text=\"Korean\">");
  RevealWait summary = { GTK_WIDGET (pane), "45 feeds could not be updated" };
  GtkWindow *feeds_window;
  DramaFeedList *list;
  RowsWait rows;
  int imported = 0;

  remove_all_feeds ();
  add_feed (good, "Drama News");
  refresh_all ();
  for (guint i = 0; i < 45; i++)
    g_string_append_printf (opml, "<outline text=\"Broken %u\" type=\"rss\" "
                            "xmlUrl=\"%s/missing/%u.xml\"/>", i, fake_server_get_url (server), i);
  g_string_append (opml, "</outline></body></opml>\n");
  g_assert_true (g_file_set_contents (path, opml->str, -1, NULL));

  list = open_feed_list (pane, &feeds_window);
  g_signal_connect (list, "import-finished", G_CALLBACK (on_imported), &imported);
  drama_feed_list_import_file (list, file);
  g_assert_true (wait_for (is_set, &imported, 10000));
  g_assert_cmpint (imported, ==, 46);
  wait_for_label_prefix (GTK_WIDGET (feeds_window),
                         "45 feeds imported. Folders are not kept");
  wait_for_label_prefix (GTK_WIDGET (feeds_window),
                         "None of the 45 imported feeds could be updated");
  rows = (RowsWait) { list, 45 };
  g_assert_true (wait_for (row_has_error, &rows, 10000));
  /* The main window says so too, whatever its filter. */
  g_assert_true (wait_for (revealed_with, &summary, 10000));

  /* One action selects them, one removes them, asked first with the count. */
  click_button (GTK_WIDGET (feeds_window), "Select _Failing");
  g_assert_true (drama_feed_list_get_selection_mode (list));
  g_assert_cmpuint (drama_feed_list_get_n_selected (list), ==, 45);
  before = store_sync (app_store (), article_states_job, NULL);
  click_button (GTK_WIDGET (feeds_window), "_Remove 45 Feeds");
  answer_dialog ("Remove 45 Feeds?", "remove");
  g_assert_true (wait_for (feeds_count_is, GUINT_TO_POINTER (1), 10000));
  rows = (RowsWait) { list, 1 };
  g_assert_true (wait_for (rows_are, &rows, 5000));
  g_assert_false (drama_feed_list_get_selection_mode (list));
  wait_for_label_prefix (GTK_WIDGET (feeds_window), "45 feeds removed");
  g_assert_true (wait_for (none_revealed_with, &summary, 5000));

  /* Undo: every one of them, not the last. */
  click_button (GTK_WIDGET (feeds_window), "_Undo");
  g_assert_true (wait_for (feeds_count_is, GUINT_TO_POINTER (46), 10000));
  g_assert_true (wait_for (states_are, before, 5000));
  rows = (RowsWait) { list, 46 };
  g_assert_true (wait_for (rows_are, &rows, 5000));

  gtk_window_destroy (feeds_window);
  remove_all_feeds ();
  close_window (window);
}

/* ---- failures in words ---- */

/* SQL run on the app's own connection, on the store's thread: TEMP objects live only
 * there, which is how these tests make the library fail one way and not another. */
static gpointer
exec_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (_drama_store_get_db (store), data, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message);
      sqlite3_free (message);
      return NULL;
    }
  return GINT_TO_POINTER (1);
}

static gboolean
linker_idle (gpointer linker)
{
  return !drama_linker_get_busy (linker);
}

/* Raw SQL on the app's own connection, once the linker (the background writer) is idle:
 * the TEMP views and triggers made here would meet its statements too. */
static void
exec_sql (const char *sql)
{
  g_assert_true (wait_for (linker_idle, drama_application_get_linker (app), 10000));
  g_assert_nonnull (store_sync (app_store (), exec_job, (gpointer) sql));
  spin ();
}

/* Undo of Mark All as Read failing (the library refuses the write) says so, rather than
 * leaving the articles read with a line in the log. */
static void
test_undo_mark_all_fails (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  g_autofree char *url = server_url ("/feeds/news.xml");

  remove_all_feeds ();
  add_feed (url, "Drama News");
  refresh_all ();
  wait_for_n_items (pane, 3);

  gtk_widget_activate_action (GTK_WIDGET (pane), "news.mark-all-read", NULL);
  wait_for_label_prefix (GTK_WIDGET (window), "3 articles marked as read");
  exec_sql ("CREATE TEMP TRIGGER refuse_unread BEFORE UPDATE OF read ON main.articles "
            "WHEN NEW.read = 0 BEGIN SELECT RAISE (ABORT, 'the disk is full'); END;");
  click_button (GTK_WIDGET (window), "_Undo");
  wait_for_label_prefix (GTK_WIDGET (window),
                         "The articles could not be marked as unread again: ");
  {
    GtkLabel *label = find_label_prefix (GTK_WIDGET (window),
                                         "The articles could not be marked as unread again: ");

    /* The store's words for the refusal follow. */
    g_test_message ("%s", gtk_label_get_text (label));
  }
  exec_sql ("DROP TRIGGER temp.refuse_unread;");

  remove_all_feeds ();
  close_window (window);
}

/* The articles' ids can be read but not their rows: the list has rows that never fill
 * in. That is said in words, not left blank. */
static void
test_rows_unreadable (void)
{
  g_autofree char *url = server_url ("/feeds/news.xml");
  DramaWindow *window;

  start_app ();
  remove_all_feeds ();
  add_feed (url, "Drama News");
  refresh_all ();

  /* Every column the list's ids need, and a title that cannot be read. */
  exec_sql ("CREATE TEMP VIEW articles AS SELECT id, feed_id, guid, json ('{') AS title, link, "
            "author, summary, content, image, published, updated, fetched_at, read, starred, "
            "text FROM main.articles;");
  window = open_window (1280, 800);
  wait_for_label_prefix (GTK_WIDGET (window), "Some articles could not be read: ");
  close_window (window);
  exec_sql ("DROP VIEW temp.articles;");
  remove_all_feeds ();
}

/* The feeds cannot be read: the pane says so (its filters keep what they had), rather
 * than a line in the log and a drop-down without feeds. */
static void
test_feeds_unreadable (void)
{
  g_autofree char *url = server_url ("/feeds/news.xml");
  DramaWindow *window;

  start_app ();
  remove_all_feeds ();
  add_feed (url, "Drama News");
  exec_sql ("CREATE TEMP VIEW feeds AS SELECT id, url, json ('{') AS title, custom_title, "
            "site_url, etag, last_modified, last_success, last_fetch, last_error, gone, "
            "retry_after, added_at FROM main.feeds;");
  window = open_window (1280, 800);
  wait_for_label_prefix (GTK_WIDGET (window), "Your feeds could not be read: ");
  close_window (window);
  exec_sql ("DROP VIEW temp.feeds;");
  remove_all_feeds ();
}

/* A locale that groups thousands, compiled for the test (glibc's localedef) when the
 * machine has none: NULL when it cannot be had. */
static char *
grouping_locale (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "locales", NULL);
  g_autofree char *target = g_build_filename (dir, "en_US.UTF-8", NULL);
  const char *argv[] = { "localedef", "-i", "en_US", "-f", "UTF-8", target, NULL };
  int status = 0;

  if (setlocale (LC_NUMERIC, "en_US.UTF-8") != NULL)
    return g_strdup ("en_US.UTF-8");
  g_mkdir_with_parents (dir, 0755);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL))
    return NULL;
  /* glibc reads LOCPATH at each setlocale (). */
  g_setenv ("LOCPATH", dir, TRUE);
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") != NULL)
    return g_strdup ("en_US.UTF-8");
  g_unsetenv ("LOCPATH");
  return NULL;
}

/* "1,234 articles marked as read" where the locale groups thousands; "1234" where it
 * does not (C.UTF-8). */
static void
test_counts_grouped (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  g_autofree char *body = make_feed ("Many", 1234, "count");
  g_autofree char *url = server_url ("/count/many.xml");
  g_autofree char *locale = NULL;

  remove_all_feeds ();
  fake_server_set_body (server, "/count/many.xml", "application/rss+xml", body);
  add_feed (url, "Many");
  refresh_all ();
  wait_for_n_items (pane, 1234);

  gtk_widget_activate_action (GTK_WIDGET (pane), "news.mark-all-read", NULL);
  wait_for_label_prefix (GTK_WIDGET (window), "1234 articles marked as read");
  exec_sql ("UPDATE articles SET read = 0;");

  locale = grouping_locale ();
  if (locale == NULL)
    g_test_message ("no locale that groups thousands here: only C.UTF-8 checked");
  else
    {
      g_test_message ("grouped under %s", locale);
      gtk_widget_activate_action (GTK_WIDGET (pane), "news.mark-all-read", NULL);
      wait_for_label_prefix (GTK_WIDGET (window), "1,234 articles marked as read");
      setlocale (LC_NUMERIC, "C.UTF-8");
    }

  remove_all_feeds ();
  close_window (window);
}

/* ---- show chips ---- */

static gboolean
both_listed (gpointer data)
{
  DramaShow **shows = data;
  DramaShowList *list = drama_application_get_show_list (app);

  return drama_show_list_find (list, drama_show_get_id (shows[0]), NULL) != NULL &&
         drama_show_list_find (list, drama_show_get_id (shows[1]), NULL) != NULL;
}

/* Two shows of one title get chips that tell them apart (their years); a title of its own
 * stays as it is. */
static void
test_same_title_chips (void)
{
  g_autoptr(DramaShow) old = drama_show_new ();
  g_autoptr(DramaShow) remake = drama_show_new ();
  g_autoptr(DramaShow) other = drama_show_new ();
  g_autoptr(GPtrArray) shows = g_ptr_array_new ();
  DramaShowChips *chips;
  DramaShow *pair[2];

  start_app ();
  drama_show_set_name (old, "Red Signal");
  drama_show_set_premiered (old, "2016-01-22");
  drama_show_set_network (old, "tvN");
  drama_show_set_name (remake, "Red Signal");
  drama_show_set_premiered (remake, "2023-05-01");
  drama_show_set_name (other, "Blue Lantern");
  store_save_show (app_store (), old);
  store_save_show (app_store (), remake);
  store_save_show (app_store (), other);
  pair[0] = old;
  pair[1] = remake;
  g_assert_true (wait_for (both_listed, pair, 5000));
  pair[1] = other;
  g_assert_true (wait_for (both_listed, pair, 5000));

  chips = g_object_ref_sink (drama_show_chips_new ());
  /* The watchlist is all they need to tell shows apart, handed in as the rows do. */
  drama_show_chips_set_show_list (chips, drama_application_get_show_list (app));
  g_ptr_array_add (shows, old);
  g_ptr_array_add (shows, remake);
  g_ptr_array_add (shows, other);
  drama_show_chips_set_shows (chips, shows);
  g_assert_cmpuint (drama_show_chips_get_n_chips (chips), ==, 3);
  g_assert_cmpstr (drama_show_chips_get_chip_name (chips, 0), ==, "Red Signal (2016)");
  g_assert_cmpstr (drama_show_chips_get_chip_name (chips, 1), ==, "Red Signal (2023)");
  g_assert_cmpstr (drama_show_chips_get_chip_name (chips, 2), ==, "Blue Lantern");

  /* One to a row: still told apart. */
  g_ptr_array_remove_range (shows, 0, 3);
  g_ptr_array_add (shows, remake);
  drama_show_chips_set_shows (chips, shows);
  g_assert_cmpstr (drama_show_chips_get_chip_name (chips, 0), ==, "Red Signal (2023)");
  g_object_unref (chips);

  store_set_removed (app_store (), drama_show_get_id (old), TRUE);
  store_set_removed (app_store (), drama_show_get_id (remake), TRUE);
  store_set_removed (app_store (), drama_show_get_id (other), TRUE);
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *fixtures = NULL;
  int status;

  data_home = ui_test_make_home ("ui-feeds-XXXXXX");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_unsetenv (DRAMA_ENV_TVMAZE_URL);

  ui_test_init (&argc, &argv, "dramalist-feeds-test");

  fixtures = FAKE_SERVER_FIXTURES (NULL);
  server = fake_server_new (fixtures);

  g_test_add_func ("/ui/feeds/filter-is-users", test_filter_is_users);
  g_test_add_func ("/ui/feeds/failure-summary", test_failure_summary);
  g_test_add_func ("/ui/feeds/unreachable-is-offline", test_unreachable_is_offline);
  g_test_add_func ("/ui/feeds/natural-order", test_natural_order);
  g_test_add_func ("/ui/feeds/filter-switch-scrolls-to-top", test_filter_switch_scrolls_to_top);
  g_test_add_func ("/ui/feeds/long-names-and-title", test_long_names_and_title);
  g_test_add_func ("/ui/feeds/filter-popover-names", test_filter_popover_names);
  g_test_add_func ("/ui/feeds/remove-asks", test_remove_asks);
  g_test_add_func ("/ui/feeds/rows-stay-put", test_rows_stay_put);
  g_test_add_func ("/ui/feeds/import-failing-and-bulk-remove", test_import_failing_and_bulk_remove);
  g_test_add_func ("/ui/feeds/undo-mark-all-fails", test_undo_mark_all_fails);
  g_test_add_func ("/ui/feeds/rows-unreadable", test_rows_unreadable);
  g_test_add_func ("/ui/feeds/feeds-unreadable", test_feeds_unreadable);
  g_test_add_func ("/ui/feeds/counts-grouped", test_counts_grouped);
  g_test_add_func ("/ui/feeds/same-title-chips", test_same_title_chips);

  status = g_test_run ();

  if (app != NULL)
    g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_object (&monitor);
  fake_server_free (server);
  remove_tree (data_home);

  return status;
}
