/* Related news under a real display (xvfb-run): the fixture show "Angel's Last Mission: Love"
 * on the watchlist, a feed from the fake server holding the seed article and a recap of
 * episode 14, linked by the real linker; then the show's News tab, the news pane's "My
 * shows" filter with the show chips, the spoiler guard, aliases, episode rows and search. */
#define G_LOG_DOMAIN "test-ui-related"

#include "config.h"

/* g_memory_settings_backend_new (): settings of a list's own, apart from the app's. */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "drama-application.h"
#include "drama-article-row-test.h"
#include "drama-article-row.h"
#include "drama-episode-news.h"
#include "drama-feed-updater.h"
#include "drama-linker.h"
#include "drama-news-pane-test.h"
#include "drama-person-page-test.h"
#include "drama-related-list-test.h"
#include "drama-related.h"
#include "drama-search-view-test.h"
#include "drama-settings.h"
#include "drama-show-chips.h"
#include "drama-show-page-test.h"
#include "drama-tvmaze-parse.h"
#include "drama-window-test.h"
#include "drama-window.h"
#include "fake-server.h"
#include "test-common.h"
#include "ui-test-common.h"

#define SHOW_NAME "Angel's Last Mission: Love"
#define RECAP_TITLE "“Angel’s Last Mission: Love” Episode 14 Recap: Dan Makes His Choice"

static DramaApplication *app;
static DramaWindow *window;
static DramaStore *store;
static FakeServer *server;
static DramaFeedUpdater *updater;
static DramaLinker *linker;
static gint64 show_id, seed_id, recap_id, awards_id, ep14_id, shin_id, kim_id, lee_id;
static char *seed_title;

/* ---- helpers ---- */

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Lets idles and relayouts run. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 200 * 1000;
  guint tick = g_timeout_add (20, wake_up, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static gpointer
find_widget (GtkWidget *root,
             GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, found);
  return found->len > 0 ? found->pdata[0] : NULL;
}

/* The label showing text under root (mapped or not), or NULL. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  return NULL;
}

static DramaArticle *
model_find (GListModel *model,
            gint64      article_id)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DramaArticle) article = g_list_model_get_item (model, i);

      if (drama_article_get_id (article) == article_id)
        return article;   /* the model keeps its own reference */
    }
  return NULL;
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tvmaze", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
is_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* ---- the library: the test's own calls run on the store's thread (store_sync) ---- */

typedef struct {
  DramaShow *show;
  GPtrArray *episodes;
  GPtrArray *cast;
} SaveArgs;

/* Saves the show with its episodes and cast; returns the cast as stored (with ids). */
static gpointer
save_fixture_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  SaveArgs *args = data;

  if (!drama_store_save_show (s, args->show, args->episodes, args->cast, error))
    return NULL;
  return drama_store_list_cast (s, drama_show_get_id (args->show), error);
}

static gpointer
list_article_shows_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  return drama_store_list_article_shows (s, *(gint64 *) data, error);
}

static GPtrArray *
article_shows (gint64 article_id)
{
  GPtrArray *shows = store_sync (store, list_article_shows_job, &article_id);

  g_assert_nonnull (shows);
  return shows;
}

static gpointer
search_articles_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  return drama_store_search_articles (s, data, 0, error);
}

/* The id of the one article text finds. */
static gint64
find_article (const char *text)
{
  g_autoptr(GPtrArray) found = store_sync (store, search_articles_job, (gpointer) text);

  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, ==, 1);
  return drama_article_get_id (g_ptr_array_index (found, 0));
}

static gpointer
get_article_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  return drama_store_get_article (s, *(gint64 *) data, error);
}

static gpointer
get_person_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  return drama_store_get_person (s, *(gint64 *) data, error);
}

/* The article with its shows and spoiler episode, as the news pane reads it. */
static gpointer
get_linked_article_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  g_autoptr(GPtrArray) articles = drama_store_get_articles (s, data, 1, error);

  if (articles == NULL || !drama_store_fill_article_links (s, articles, TRUE, error))
    return NULL;
  return g_object_ref (g_ptr_array_index (articles, 0));
}

static gpointer
index_episode_articles_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  return drama_related_index_episode_articles (s, *(gint64 *) data, TRUE, error);
}

static void
save_fixture_show (void)
{
  g_autofree char *show_json = read_fixture ("show-41163.json");
  g_autofree char *akas_json = read_fixture ("akas-41163.json");
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(GPtrArray) stored_cast = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_auto(GStrv) akas = NULL;
  g_autoptr(GError) error = NULL;
  SaveArgs args;

  show = drama_tvmaze_parse_show (show_json, -1, &episodes, &cast, &error);
  g_assert_no_error (error);
  akas = drama_tvmaze_parse_akas (akas_json, -1, "KR", NULL, &error);
  g_assert_no_error (error);
  drama_show_set_akas (show, (const char * const *) akas);
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  /* After the window opened: the watchlist was empty then (see /ui/related/my-shows). */
  args = (SaveArgs) { show, episodes, cast };
  stored_cast = store_sync (store, save_fixture_job, &args);
  g_assert_nonnull (stored_cast);
  show_id = drama_show_get_id (show);
  g_assert_cmpint (show_id, >, 0);

  for (guint i = 0; i < episodes->len; i++)
    {
      DramaEpisode *episode = g_ptr_array_index (episodes, i);

      if (drama_episode_get_season (episode) == 1 && drama_episode_get_number (episode) == 14)
        ep14_id = drama_episode_get_id (episode);
    }
  g_assert_cmpint (ep14_id, >, 0);

  for (guint i = 0; i < stored_cast->len; i++)
    {
      DramaPerson *person = g_ptr_array_index (stored_cast, i);
      const char *name = drama_person_get_name (person);

      if (g_strcmp0 (name, "Shin Hye-sun") == 0)
        shin_id = drama_person_get_id (person);
      else if (g_strcmp0 (name, "Kim Myung-soo") == 0)
        kim_id = drama_person_get_id (person);
      else if (g_strcmp0 (name, "Lee Dong-gun") == 0)
        lee_id = drama_person_get_id (person);
    }
  g_assert_cmpint (shin_id, >, 0);
  g_assert_cmpint (kim_id, >, 0);
  g_assert_cmpint (lee_id, >, 0);
}

/* An RSS 2.0 feed with the seed article (its first line is the headline) published two
 * hours ago, and a recap naming episode 14 published one hour ago. */
static char *
build_feed (const char *base_url)
{
  g_autofree char *path = test_shared_path ("seed/article.txt");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) two_h = g_date_time_add_hours (now, -2);
  g_autoptr(GDateTime) one_h = g_date_time_add_hours (now, -1);
  g_autofree char *date_seed = g_date_time_format (two_h, "%a, %d %b %Y %H:%M:%S +0000");
  g_autofree char *date_recap = g_date_time_format (one_h, "%a, %d %b %Y %H:%M:%S +0000");
  g_autofree char *esc_title = NULL;
  g_autofree char *esc_body = NULL;
  g_autofree char *esc_recap = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  seed_title = g_strdup (g_strstrip (lines[0]));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (*g_strstrip (lines[i]) != '\0')
        g_string_append_printf (body, "<p>%s</p>", lines[i]);
    }

  esc_title = g_markup_escape_text (seed_title, -1);
  esc_body = g_markup_escape_text (body->str, -1);
  esc_recap = g_markup_escape_text (RECAP_TITLE, -1);
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<rss version=\"2.0\"><channel><title>Drama Beat</title>"
                          "<link>https://dramabeat.example.com/</link>"
                          "<description>K-drama news</description>"
                          "<item><title>%s</title><link>https://dramabeat.example.com/recap-14</link>"
                          "<guid>recap-14</guid><pubDate>%s</pubDate>"
                          "<description>&lt;p&gt;In episode 14 of Angel’s Last Mission: Love, "
                          "Dan finally tells Yeon Seo the truth.&lt;/p&gt;</description></item>"
                          "<item><title>%s</title><link>https://dramabeat.example.com/seed</link>"
                          "<guid>seed</guid><pubDate>%s</pubDate>"
                          "<enclosure url=\"%s/tvmaze/poster.png\" type=\"image/png\" length=\"0\"/>"
                          "<description>%s</description></item>"
                          "<item><title>Seoul Music Awards Announce This Year’s Hosts</title>"
                          "<link>https://dramabeat.example.com/awards</link><guid>awards</guid>"
                          "<pubDate>%s</pubDate><description>Two singers will host the "
                          "ceremony in January.</description></item>"
                          "</channel></rss>\n",
                          esc_recap, date_recap, esc_title, date_seed, base_url, esc_body,
                          date_seed);
}

static gboolean
linker_idle (gpointer data)
{
  return !drama_linker_get_busy (linker);
}

static gboolean
article_linked (gpointer data)
{
  g_autoptr(GPtrArray) shows = article_shows (*(gint64 *) data);

  return shows->len > 0;
}

static void
subscribe_and_link (void)
{
  g_autofree char *rss = build_feed (fake_server_get_url (server));
  g_autofree char *url = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;

  fake_server_set_body (server, "/dramabeat.rss", "application/rss+xml", rss);
  url = g_strdup_printf ("%s/dramabeat.rss", fake_server_get_url (server));

  drama_feed_updater_subscribe_async (updater, url, NULL, async_done, &result);
  g_assert_true (wait_for (have_result, &result, 20000));
  feed = drama_feed_updater_subscribe_finish (updater, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_clear_object (&result);

  seed_id = find_article ("ballerina");
  recap_id = find_article ("recap");
  awards_id = find_article ("awards");

  /* The application's linker links what its updater stores: the seed article and the recap
   * are tied to the show. */
  g_assert_true (wait_for (article_linked, &seed_id, 20000));
  g_assert_true (wait_for (article_linked, &recap_id, 20000));
  g_assert_true (wait_for (linker_idle, NULL, 20000));
  shows = article_shows (seed_id);
  g_assert_cmpuint (shows->len, ==, 1);
  g_assert_cmpstr (drama_show_get_name (g_ptr_array_index (shows, 0)), ==, SHOW_NAME);
}

/* With RELATED_SHOTS_DIR set, saves the screen as RELATED_SHOTS_DIR/related-<name>.png
 * (for looking at the UI; the test does not depend on it). */
static void
maybe_screenshot (const char *name)
{
  const char *dir = g_getenv ("RELATED_SHOTS_DIR");
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (dir == NULL)
    return;
  /* Images arrive and rows settle. */
  for (int i = 0; i < 10; i++)
    settle ();
  file = g_strdup_printf ("%s/related-%s.png", dir, name);
  {
    const char *argv[] = { "/usr/bin/import", "-window", "root", file, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                  &status, &error);
  }
  if (error != NULL)
    g_test_message ("screenshot %s failed: %s", file, error->message);
}

/* Scrolls the show page so its tabs are at the top. */
static void
scroll_to_tabs (void)
{
  GtkWidget *page = GTK_WIDGET (drama_window_get_show_page (window));
  GtkWidget *switcher = find_widget (page, ADW_TYPE_VIEW_SWITCHER);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (switcher,
                                                     GTK_TYPE_SCROLLED_WINDOW));
  GtkWidget *content = gtk_scrolled_window_get_child (scroller);
  double x, y;

  for (int i = 0; i < 3; i++)
    settle ();
  if (gtk_widget_translate_coordinates (switcher, content, 0, 0, &x, &y))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

      g_test_message ("tabs at %.0f, page %.0f of %.0f", y, gtk_adjustment_get_page_size (adj),
                      gtk_adjustment_get_upper (adj));
      gtk_adjustment_set_value (adj, y - 12);
    }
  settle ();
}

static void
show_news_tab_shots (void)
{
  AdwViewStack *tabs = find_widget (GTK_WIDGET (drama_window_get_show_page (window)),
                                    ADW_TYPE_VIEW_STACK);
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (g_getenv ("RELATED_SHOTS_DIR") == NULL)
    return;
  g_assert_nonnull (tabs);
  adw_view_stack_set_visible_child_name (tabs, "news");
  scroll_to_tabs ();
  scroll_to_tabs ();
  maybe_screenshot ("news-tab-light");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  scroll_to_tabs ();
  maybe_screenshot ("news-tab-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 760);
  settle ();
  scroll_to_tabs ();
  maybe_screenshot ("news-tab-narrow");
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  settle ();
}

/* ---- the show page's News tab ---- */

static DramaRelatedList *
show_news_list (void)
{
  return find_widget (GTK_WIDGET (drama_window_get_show_page (window)), DRAMA_TYPE_RELATED_LIST);
}

static gboolean
show_list_has_both (gpointer data)
{
  DramaRelatedList *list = show_news_list ();
  GListModel *model = list != NULL ? drama_related_list_get_model (list) : NULL;

  return model != NULL && g_list_model_get_n_items (model) == 2;
}

static void
test_show_news_tab (void)
{
  DramaRelatedList *list;
  GListModel *model;
  g_autoptr(DramaArticle) first = NULL;

  drama_window_show_show (window, show_id);
  g_assert_true (wait_for (show_list_has_both, NULL, 10000));

  list = show_news_list ();
  g_assert_false (drama_related_list_is_empty (list));
  model = drama_related_list_get_model (list);
  /* Newest first: the recap came an hour after the seed article. */
  first = g_list_model_get_item (model, 0);
  g_assert_cmpint (drama_article_get_id (first), ==, recap_id);
  g_assert_nonnull (model_find (model, seed_id));

  /* The row shows the title as written, curly quotes and all. */
  g_assert_nonnull (find_label (GTK_WIDGET (list), seed_title));

  show_news_tab_shots ();
}

/* ---- the news pane: "My Shows" and the show chips ---- */

static DramaArticleRow *
pane_row (gint64 article_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (drama_window_get_news_pane (window)), DRAMA_TYPE_ARTICLE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      DramaArticle *article = drama_article_row_get_article (rows->pdata[i]);

      /* In view: a row fills in its widgets when it is laid out on screen. */
      if (article != NULL && drama_article_get_id (article) == article_id &&
          gtk_widget_get_mapped (rows->pdata[i]))
        return rows->pdata[i];
    }
  return NULL;
}

/* Both rows in view and filled in (the seed's chip, the recap's spoiler note): rows fill
 * in their widgets at the next frame after a change, once for all the properties the list
 * updates together. */
static gboolean
pane_rows_shown (gpointer data)
{
  DramaArticleRow *seed = pane_row (seed_id);
  DramaArticleRow *recap = pane_row (recap_id);
  DramaShowChips *chips = seed != NULL ? find_widget (GTK_WIDGET (seed), DRAMA_TYPE_SHOW_CHIPS)
                                        : NULL;

  return chips != NULL && drama_show_chips_get_n_chips (chips) > 0 && recap != NULL &&
         find_label (GTK_WIDGET (recap), "May contain spoilers for Ep 14") != NULL;
}

static gboolean
pane_has_two (gpointer data)
{
  return g_list_model_get_n_items (data) == 2;
}

static gboolean dialog_shown (gpointer data);
static gboolean label_blurred (GtkWidget *root, const char *text);

static void
test_my_shows (void)
{
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleList *list = drama_news_pane_get_article_list (pane);
  DramaArticleRow *row;
  DramaShowChips *chips;
  AdwMessageDialog *dialog;
  GtkWidget *button;

  /* The user picks "My Shows" (the filter never changes by itself): the two articles
   * about the show, not the awards news. */
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_MY_SHOWS, 0);
  list = drama_news_pane_get_article_list (pane);
  g_assert_cmpint (drama_article_list_get_filter (list), ==, DRAMA_ARTICLE_FILTER_MY_SHOWS);
  /* The list follows the store in an idle. */
  g_assert_true (wait_for (pane_has_two, list, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (drama_article_list_find (list, seed_id), !=, G_MAXUINT);
  g_assert_cmpuint (drama_article_list_find (list, recap_id), !=, G_MAXUINT);
  g_assert_cmpuint (drama_article_list_find (list, awards_id), ==, G_MAXUINT);

  /* The seed article's row has the show's chip; clicking it opens the show. */
  drama_window_show_news (window);
  g_assert_true (wait_for (pane_rows_shown, NULL, 5000));
  row = pane_row (seed_id);
  chips = find_widget (GTK_WIDGET (row), DRAMA_TYPE_SHOW_CHIPS);
  g_assert_nonnull (chips);
  g_assert_cmpuint (drama_show_chips_get_n_chips (chips), ==, 1);
  g_assert_cmpstr (drama_show_chips_get_chip_name (chips, 0), ==, SHOW_NAME);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chips)));
  g_assert_false (label_blurred (GTK_WIDGET (row), seed_title));
  maybe_screenshot ("my-shows");

  drama_window_show_show (window, 0);
  button = gtk_widget_get_first_child (GTK_WIDGET (chips));
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (drama_show_page_get_show_id (drama_window_get_show_page (window)), ==, show_id);

  /* The recap is about episode 14, not seen: blurred in the pane too, and opening it there
   * asks first. */
  row = pane_row (recap_id);
  g_assert_true (label_blurred (GTK_WIDGET (row), RECAP_TITLE));
  g_assert_nonnull (find_label (GTK_WIDGET (row), "May contain spoilers for Ep 14"));
  g_assert_true (drama_news_pane_open_article (pane, drama_article_list_find (list, recap_id)));
  g_assert_true (wait_for (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
  /* Asked once, not once per way the pane opens it. */
  g_assert_null (find_message_dialog ());
  g_assert_cmpstr (drama_article_view_get_title (drama_news_pane_get_article_view (pane)), !=,
                   RECAP_TITLE);
}

/* ---- the spoiler guard ---- */

typedef struct {
  GListModel *model;
  gint64      article_id;
  gboolean    guarded;
} GuardWait;

static gboolean
guard_is (gpointer data)
{
  GuardWait *wait = data;
  DramaArticle *article = model_find (wait->model, wait->article_id);

  return article != NULL &&
         (drama_article_get_spoiler_episode (article) != NULL) == wait->guarded;
}

static gboolean
label_blurred (GtkWidget  *root,
               const char *text)
{
  GtkLabel *label = find_label (root, text);

  g_assert_nonnull (label);
  return gtk_widget_has_css_class (GTK_WIDGET (label), "drama-spoiler-blur");
}

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
reader_shows (gpointer data)
{
  DramaArticleView *view = drama_news_pane_get_article_view (drama_window_get_news_pane (window));

  return g_strcmp0 (drama_article_view_get_title (view), data) == 0;
}

/* The switch of the "Hide Spoilers in News" row (an expander row has a switch of its own). */
static GtkSwitch *
find_spoiler_switch (GtkWidget *root)
{
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_SWITCH, switches);
  for (guint i = 0; i < switches->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (switches->pdata[i], ADW_TYPE_ACTION_ROW);

      if (row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                    "_Hide Spoilers in News") == 0)
        return switches->pdata[i];
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_spoiler_guard (void)
{
  DramaRelatedList *list = show_news_list ();
  GListModel *model = drama_related_list_get_model (list);
  GuardWait wait = { model, recap_id, TRUE };
  DramaArticle *recap;
  DramaArticleView *view;
  AdwMessageDialog *dialog;
  GtkSwitch *spoiler_switch;
  GSettings *settings = drama_application_get_settings (app);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Ep 14 is unseen: the recap is blurred with a note; the seed article names no episode. */
  g_assert_true (wait_for (guard_is, &wait, 5000));
  recap = model_find (model, recap_id);
  g_assert_cmpint (drama_episode_get_number (drama_article_get_spoiler_episode (recap)), ==, 14);
  settle ();
  g_assert_true (label_blurred (GTK_WIDGET (list), RECAP_TITLE));
  g_assert_false (label_blurred (GTK_WIDGET (list), seed_title));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "May contain spoilers for Ep 14"));
  g_assert_true (gtk_widget_get_visible (
    GTK_WIDGET (find_label (GTK_WIDGET (list), "May contain spoilers for Ep 14"))));

  /* Opening it asks first; Cancel leaves the reader alone, Show Anyway opens it. */
  view = drama_news_pane_get_article_view (drama_window_get_news_pane (window));
  drama_related_open_article (GTK_WIDGET (list), recap);
  g_assert_true (wait_for (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
  g_assert_cmpstr (drama_article_view_get_title (view), !=, RECAP_TITLE);

  drama_related_open_article (GTK_WIDGET (list), recap);
  g_assert_true (wait_for (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "show");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (wait_for (reader_shows, (gpointer) RECAP_TITLE, 5000));

  /* Marking the episode seen lifts the guard. */
  store_set_seen (store, &ep14_id, 1, now);
  wait.guarded = FALSE;
  g_assert_true (wait_for (guard_is, &wait, 5000));
  settle ();
  g_assert_false (label_blurred (GTK_WIDGET (list), RECAP_TITLE));

  /* Unseen again: guarded again. Then the show's own switch turns it off... */
  store_set_seen (store, &ep14_id, 1, 0);
  wait.guarded = TRUE;
  g_assert_true (wait_for (guard_is, &wait, 5000));
  spoiler_switch = find_spoiler_switch (GTK_WIDGET (list));
  g_assert_true (gtk_switch_get_active (spoiler_switch));
  gtk_switch_set_active (spoiler_switch, FALSE);
  wait.guarded = FALSE;
  g_assert_true (wait_for (guard_is, &wait, 5000));
  {
    g_autoptr(DramaShow) show = store_get_show (store, show_id);

    g_assert_nonnull (show);
    g_assert_false (drama_show_get_spoiler_guard (show));
  }
  gtk_switch_set_active (spoiler_switch, TRUE);
  wait.guarded = TRUE;
  g_assert_true (wait_for (guard_is, &wait, 5000));

  /* ... and so does the preference. */
  g_settings_set_boolean (settings, DRAMA_SETTINGS_SPOILER_GUARD, FALSE);
  wait.guarded = FALSE;
  g_assert_true (wait_for (guard_is, &wait, 5000));
  g_settings_set_boolean (settings, DRAMA_SETTINGS_SPOILER_GUARD, TRUE);
  wait.guarded = TRUE;
  g_assert_true (wait_for (guard_is, &wait, 5000));

  /* The guard changing under the article being read does not ask again by itself. */
  settle ();
  g_assert_null (find_message_dialog ());
}

/* A list built on its own follows the settings it is given, not the application's: a test
 * (or a window) can build one without the whole app. */
static void
test_own_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) own = g_settings_new_with_backend (DRAMA_SETTINGS_SCHEMA, backend);
  GtkWidget *holder = gtk_window_new ();
  DramaRelatedList *list = drama_related_list_new ();
  GuardWait wait = { NULL, recap_id, FALSE };

  /* The app guards Ep 14 (unseen since the test before); this list's settings do not. */
  g_assert_true (g_settings_get_boolean (drama_application_get_settings (app),
                                         DRAMA_SETTINGS_SPOILER_GUARD));
  g_settings_set_boolean (own, DRAMA_SETTINGS_SPOILER_GUARD, FALSE);
  gtk_window_set_transient_for (GTK_WINDOW (holder), GTK_WINDOW (window));
  gtk_widget_set_vexpand (GTK_WIDGET (list), TRUE);
  gtk_window_set_child (GTK_WINDOW (holder), GTK_WIDGET (list));
  gtk_window_set_default_size (GTK_WINDOW (holder), 480, 700);
  drama_related_list_set_settings (list, own);
  drama_related_list_set_store (list, store);
  drama_related_list_set_target (list, DRAMA_ARTICLE_FILTER_SHOW, show_id);
  gtk_window_present (GTK_WINDOW (holder));
  wait.model = drama_related_list_get_model (list);
  g_assert_nonnull (wait.model);
  g_assert_true (wait_for (guard_is, &wait, 5000));
  settle ();
  g_assert_false (label_blurred (GTK_WIDGET (list), RECAP_TITLE));

  /* Its own setting turned on: guarded, blurred. */
  g_settings_set_boolean (own, DRAMA_SETTINGS_SPOILER_GUARD, TRUE);
  wait.guarded = TRUE;
  g_assert_true (wait_for (guard_is, &wait, 5000));
  settle ();
  g_assert_true (label_blurred (GTK_WIDGET (list), RECAP_TITLE));

  gtk_window_destroy (GTK_WINDOW (holder));
  settle ();
}

/* Forgets the "Show Anyway" answers of the window (an earlier test gave one for the recap),
 * so that opening a guarded article asks again. */
static void
forget_accepted_spoilers (void)
{
  g_autoptr(DramaArticle) seed = NULL;

  g_object_set_data (G_OBJECT (window), "drama-accepted-spoilers", NULL);
  /* The reader shows another article, so that a recap opened without asking would show. */
  seed = store_sync (store, get_article_job, &seed_id);
  g_assert_nonnull (seed);
  drama_news_pane_show_article (drama_window_get_news_pane (window), seed);
  g_assert_true (wait_for (reader_shows, (gpointer) seed_title, 5000));
}

/* Opening a guarded article from anywhere asks first: answer Cancel and check that the
 * reader did not change. */
static void
assert_asks_then_cancel (void)
{
  DramaArticleView *view = drama_news_pane_get_article_view (drama_window_get_news_pane (window));
  AdwMessageDialog *dialog;

  g_assert_true (wait_for (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
  g_assert_cmpstr (drama_article_view_get_title (view), !=, RECAP_TITLE);
}

/* ---- episode rows ---- */

/* The page reads the show, its episodes and their news in the background. */
static gboolean
episode_news_shown (gpointer data)
{
  GtkWidget *row = drama_show_page_get_episode_row (drama_window_get_show_page (window), ep14_id);

  return row != NULL && find_widget (row, DRAMA_TYPE_EPISODE_NEWS) != NULL;
}

static void
test_episode_articles (void)
{
  g_autoptr(GHashTable) index = NULL;
  GPtrArray *articles;

  /* Blocking: on the store's thread, as the show page reads it. */
  index = store_sync (store, index_episode_articles_job, &show_id);
  g_assert_nonnull (index);
  /* Only the recap names an episode; the seed article names none. */
  g_assert_cmpuint (g_hash_table_size (index), ==, 1);
  articles = g_hash_table_lookup (index, &ep14_id);
  g_assert_nonnull (articles);
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpint (drama_article_get_id (g_ptr_array_index (articles, 0)), ==, recap_id);

  /* On the show page, episode 14's row says so and its popover lists the recap. */
  drama_window_show_show (window, show_id);
  g_assert_true (wait_for (episode_news_shown, NULL, 5000));
  {
    DramaShowPage *page = drama_window_get_show_page (window);
    GtkWidget *row14 = drama_show_page_get_episode_row (page, ep14_id);
    GtkWidget *row13;
    DramaEpisodeNews *news;
    gint64 ep13_id = ep14_id - 1;
    g_autoptr(GPtrArray) episodes = store_list_episodes (store, show_id);

    for (guint i = 0; i < episodes->len; i++)
      if (drama_episode_get_number (g_ptr_array_index (episodes, i)) == 13)
        ep13_id = drama_episode_get_id (g_ptr_array_index (episodes, i));

    g_assert_nonnull (row14);
    news = find_widget (row14, DRAMA_TYPE_EPISODE_NEWS);
    g_assert_nonnull (news);
    g_assert_cmpuint (drama_episode_news_get_n_articles (news), ==, 1);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (news)));
    g_assert_nonnull (find_label (GTK_WIDGET (news), "1 article"));
    if (g_getenv ("RELATED_SHOTS_DIR") != NULL)
      {
        GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (row14,
                                                           GTK_TYPE_SCROLLED_WINDOW));
        double x, y;

        adw_view_stack_set_visible_child_name (find_widget (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK),
                                               "episodes");
        for (int i = 0; i < 3; i++)
          settle ();
        if (gtk_widget_translate_coordinates (row14, gtk_scrolled_window_get_child (scroller),
                                              0, 0, &x, &y))
          gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), y - 300);
        maybe_screenshot ("episode-row");
      }

    /* Its popover opens the recap, asking first: Ep 14 is not seen. */
    {
      GtkListBox *box = find_widget (GTK_WIDGET (news), GTK_TYPE_LIST_BOX);

      g_assert_nonnull (box);
      g_assert_nonnull (gtk_list_box_get_row_at_index (box, 0));
      forget_accepted_spoilers ();
      g_signal_emit_by_name (box, "row-activated", gtk_list_box_get_row_at_index (box, 0));
      assert_asks_then_cancel ();
    }

    row13 = drama_show_page_get_episode_row (page, ep13_id);
    g_assert_nonnull (row13);
    news = find_widget (row13, DRAMA_TYPE_EPISODE_NEWS);
    g_assert_true (news == NULL || !gtk_widget_get_visible (GTK_WIDGET (news)));
  }
}

/* ---- people and their aliases ---- */

typedef struct {
  DramaRelatedList *list;
  guint             n;
} CountWait;

static gboolean
list_count_is (gpointer data)
{
  CountWait *wait = data;
  GListModel *model = drama_related_list_get_model (wait->list);

  return model != NULL && g_list_model_get_n_items (model) == wait->n &&
         drama_related_list_is_empty (wait->list) == (wait->n == 0);
}

static gboolean
person_has_alias (gpointer data)
{
  g_autoptr(DramaPerson) person = store_sync (store, get_person_job, data);

  return person != NULL && drama_person_get_aliases (person) != NULL &&
         drama_person_get_aliases (person)[0] != NULL;
}

static void
test_person_aliases (void)
{
  GtkWidget *holder = gtk_window_new ();
  DramaRelatedList *list = drama_related_list_new ();
  DramaRelatedList *lee_list = drama_related_list_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  CountWait wait = { list, 0 };
  CountWait lee_wait = { lee_list, 0 };
  AdwEntryRow *entry;
  g_autoptr(DramaPerson) person = NULL;
  GPtrArray *buttons;

  gtk_window_set_transient_for (GTK_WINDOW (holder), GTK_WINDOW (window));
  gtk_widget_set_vexpand (GTK_WIDGET (list), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (lee_list), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (lee_list));
  gtk_window_set_child (GTK_WINDOW (holder), box);
  gtk_window_set_default_size (GTK_WINDOW (holder), 480, 700);
  drama_related_list_set_store (list, store);
  drama_related_list_set_target (list, DRAMA_ARTICLE_FILTER_PERSON, kim_id);
  drama_related_list_set_store (lee_list, store);
  drama_related_list_set_target (lee_list, DRAMA_ARTICLE_FILTER_PERSON, lee_id);
  gtk_window_present (GTK_WINDOW (holder));

  /* "INFINITE’s L" names Kim Myung-soo only once "L" is one of his names. */
  g_assert_true (wait_for (list_count_is, &wait, 5000));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "No News About This Person Yet"));

  entry = find_widget (GTK_WIDGET (list), ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (entry), " L ");
  g_signal_emit_by_name (entry, "apply");
  /* The chip shows at once; the store has it once its thread has written it. */
  g_assert_nonnull (find_label (GTK_WIDGET (list), "L"));
  g_assert_true (wait_for (person_has_alias, &kim_id, 5000));
  person = store_sync (store, get_person_job, &kim_id);
  g_assert_nonnull (person);
  g_assert_nonnull (drama_person_get_aliases (person));
  g_assert_cmpstr (drama_person_get_aliases (person)[0], ==, "L");
  g_assert_null (drama_person_get_aliases (person)[1]);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* The linker relinks by itself; the list follows. */
  wait.n = 1;
  g_assert_true (wait_for (list_count_is, &wait, 20000));
  g_assert_nonnull (model_find (drama_related_list_get_model (list), seed_id));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "L"));
  if (g_getenv ("RELATED_SHOTS_DIR") != NULL)
    {
      adw_expander_row_set_expanded (find_widget (GTK_WIDGET (list), ADW_TYPE_EXPANDER_ROW), TRUE);
      maybe_screenshot ("person-aliases");
    }

  /* Lee Dong-gun is not in the seed article; the recap does not name him either. */
  g_assert_true (wait_for (list_count_is, &lee_wait, 5000));

  /* Removing the alias unlinks him again. */
  buttons = g_ptr_array_new ();
  collect_widgets (GTK_WIDGET (list), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Remove “L”") == 0)
      g_signal_emit_by_name (buttons->pdata[i], "clicked");
  g_ptr_array_unref (buttons);
  wait.n = 0;
  g_assert_true (wait_for (list_count_is, &wait, 20000));

  gtk_window_destroy (GTK_WINDOW (holder));
}

/* ---- show chips ---- */

static void
test_show_chips (void)
{
  DramaShowChips *chips = drama_show_chips_new ();
  g_autoptr(DramaArticle) seed = NULL;

  g_object_ref_sink (chips);
  seed = store_sync (store, get_linked_article_job, &seed_id);
  g_assert_nonnull (seed);

  drama_show_chips_set_article (chips, seed);
  g_assert_cmpuint (drama_show_chips_get_n_chips (chips), ==, 1);
  g_assert_cmpstr (drama_show_chips_get_chip_name (chips, 0), ==, SHOW_NAME);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chips)));

  /* (Clicking one is tested in the news pane, /ui/related/my-shows.) Left out on the show's
   * own page. */
  drama_show_chips_set_exclude (chips, show_id);
  g_assert_cmpuint (drama_show_chips_get_n_chips (chips), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chips)));

  g_object_unref (chips);
}

/* ---- search ---- */

static gboolean
search_done (gpointer search)
{
  return !drama_search_view_get_searching (search);
}

static gboolean
person_page_open (gpointer data)
{
  DramaPersonPage **page = data;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL && *page == NULL; l = l->next)
    *page = find_widget (l->data, DRAMA_TYPE_PERSON_PAGE);
  g_list_free (toplevels);
  return *page != NULL;
}

/* Types text as set_text does and waits for the people and articles, which come from the
 * store's thread. */
static void
search_for (DramaSearchView *search,
            const char      *text)
{
  drama_search_view_set_text (search, text);
  g_assert_true (wait_for (search_done, search, 5000));
}

static void
test_search (void)
{
  /* The one in the window's header bar, opened with Ctrl+F (win.search). */
  DramaSearchView *search = find_widget (GTK_WIDGET (window), DRAMA_TYPE_SEARCH_VIEW);
  GtkPopover *popover;

  g_assert_nonnull (search);
  popover = GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (search), GTK_TYPE_POPOVER));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_true (wait_for (is_visible, popover, 5000));

  /* A show by an alternative title, people by part of their name, articles by full text. */
  search_for (search, "Dan, Only");
  g_assert_cmpuint (drama_search_view_get_n_results (search, DRAMA_SEARCH_KIND_SHOW), ==, 1);

  search_for (search, "hye");
  g_assert_cmpuint (drama_search_view_get_n_results (search, DRAMA_SEARCH_KIND_PERSON), ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (search), "Shin Hye-sun"));
  g_assert_nonnull (find_label (GTK_WIDGET (search), "People"));

  search_for (search, "ballerina");
  g_assert_cmpuint (drama_search_view_get_n_results (search, DRAMA_SEARCH_KIND_SHOW), ==, 0);
  g_assert_cmpuint (drama_search_view_get_n_results (search, DRAMA_SEARCH_KIND_ARTICLE), ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (search), "Articles"));

  /* One word, three kinds: the show, and both articles (the recap is still a spoiler). */
  search_for (search, "angel");
  g_assert_cmpuint (drama_search_view_get_n_results (search, DRAMA_SEARCH_KIND_SHOW), ==, 1);
  g_assert_cmpuint (drama_search_view_get_n_results (search, DRAMA_SEARCH_KIND_ARTICLE), ==, 2);
  g_assert_true (label_blurred (GTK_WIDGET (search), RECAP_TITLE));

  maybe_screenshot ("search");

  /* Opening the recap from the results asks first. */
  search_for (search, "recap");
  g_assert_cmpuint (drama_search_view_get_n_results (search, DRAMA_SEARCH_KIND_ARTICLE), ==, 1);
  forget_accepted_spoilers ();
  g_assert_true (drama_search_view_activate_result (search, DRAMA_SEARCH_KIND_ARTICLE, 0));
  assert_asks_then_cancel ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (wait_for (is_visible, popover, 5000));

  search_for (search, "zzzzqx");
  g_assert_cmpuint (drama_search_view_get_n_results (search, DRAMA_SEARCH_KIND_ARTICLE), ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (search), "No Results Found"));

  /* Activating a person opens their page, with their news: Shin Hye-sun is in the seed
   * article. */
  search_for (search, "hye");
  g_assert_true (drama_search_view_activate_result (search, DRAMA_SEARCH_KIND_PERSON, 0));
  {
    DramaPersonPage *page = NULL;
    DramaRelatedList *news;
    CountWait wait = { NULL, 1 };

    /* The person is read on the store's thread first. */
    g_assert_true (wait_for (person_page_open, &page, 5000));
    g_assert_cmpstr (drama_person_get_name (drama_person_page_get_person (page)), ==,
                     "Shin Hye-sun");
    news = find_widget (GTK_WIDGET (page), DRAMA_TYPE_RELATED_LIST);
    g_assert_nonnull (news);
    wait.list = news;
    g_assert_true (wait_for (list_count_is, &wait, 5000));
    g_assert_nonnull (model_find (drama_related_list_get_model (news), seed_id));
    g_assert_nonnull (find_label (GTK_WIDGET (news), seed_title));

    /* Opening an article there reads it in the main window; the actor's window closes. */
    {
      GtkWidget *person_window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page)));

      g_object_add_weak_pointer (G_OBJECT (person_window), (gpointer *) &person_window);
      drama_related_open_article (GTK_WIDGET (news), model_find (drama_related_list_get_model (news),
                                                                 seed_id));
      g_assert_true (wait_for (reader_shows, seed_title, 5000));
      g_assert_null (person_window);
    }
  }

  /* Activating a show opens it and closes the popover. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (wait_for (is_visible, popover, 5000));
  drama_window_show_show (window, 0);
  search_for (search, "angel");
  g_assert_true (drama_search_view_activate_result (search, DRAMA_SEARCH_KIND_SHOW, 0));
  g_assert_cmpint (drama_show_page_get_show_id (drama_window_get_show_page (window)), ==, show_id);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

/* Every test here reads the article of ../shared/seed (a real one, not ours to copy into
 * the repository): without it each one is reported skipped, saying what is missing. */
static void
skip_without_seed (void)
{
  g_assert_false (test_have_shared ("seed/article.txt"));
}

static void
add_test (const char *path,
          GTestFunc   func,
          gboolean    have_seed)
{
  g_test_add_func (path, have_seed ? func : skip_without_seed);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *seed = test_shared_path ("seed/article.txt");
  int status;

  /* A library of our own. */
  data_home = ui_test_make_home ("ui-related-XXXXXX");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_unsetenv (DRAMA_ENV_TVMAZE_URL);

  ui_test_init (&argc, &argv, "dramalist-test");

  /* No default feeds from the internet in tests. */
  settings = g_settings_new (DRAMA_SETTINGS_SCHEMA);
  g_settings_set_boolean (settings, DRAMA_SETTINGS_DEFAULT_FEEDS_ADDED, TRUE);

  server = fake_server_new (FAKE_SERVER_FIXTURES (NULL));
  /* Person pages ask TVmaze for roles: ask the fake server, not the internet. */
  g_setenv (DRAMA_ENV_TVMAZE_URL, fake_server_get_url (server), TRUE);

  app = ui_test_new_app ();

  window = drama_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  store = drama_window_get_store (window);
  g_assert_nonnull (store);
  /* The application's own: its linker links what its updater stores. */
  updater = drama_application_get_feed_updater (app);
  linker = drama_application_get_linker (app);
  g_assert_nonnull (updater);
  g_assert_nonnull (linker);
  save_fixture_show ();
  if (seed != NULL)
    subscribe_and_link ();

  add_test ("/ui/related/show-news-tab", test_show_news_tab, seed != NULL);
  add_test ("/ui/related/my-shows", test_my_shows, seed != NULL);
  add_test ("/ui/related/spoiler-guard", test_spoiler_guard, seed != NULL);
  add_test ("/ui/related/own-settings", test_own_settings, seed != NULL);
  add_test ("/ui/related/episode-articles", test_episode_articles, seed != NULL);
  add_test ("/ui/related/person-aliases", test_person_aliases, seed != NULL);
  add_test ("/ui/related/show-chips", test_show_chips, seed != NULL);
  add_test ("/ui/related/search", test_search, seed != NULL);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  fake_server_free (server);
  g_free (seed_title);

  return status;
}
