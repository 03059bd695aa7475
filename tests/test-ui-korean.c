/* The window in Korean, as a user with a Korean desktop sees it: ko_KR.UTF-8 and the
 * catalogue compiled from po/ko.po in the build tree (BUILD_LOCALEDIR, laid out as
 * LOCALEDIR is). The window's words, and relative times and weekdays as the locale says
 * them. Skipped where the locale is missing (build-aux/install-deps.sh generates it). */
#define G_LOG_DOMAIN "test-ui-korean"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "drama-settings.h"
#include "drama-window.h"
#include "ui-test-common.h"

static DramaApplication *app;
static gboolean korean;

/* FALSE (and the test skipped) without the locale: gettext would fall back to English. */
static gboolean
have_korean (void)
{
  g_autofree char *catalogue = NULL;

  if (!korean)
    {
      g_test_skip ("the ko_KR.UTF-8 locale is not installed: run build-aux/install-deps.sh");
      return FALSE;
    }

  catalogue = g_build_filename (BUILD_LOCALEDIR, "ko", "LC_MESSAGES", GETTEXT_PACKAGE ".mo",
                                NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    {
      g_test_fail_printf ("no Korean catalogue at %s (is ko in po/LINGUAS?)", catalogue);
      return FALSE;
    }

  if (app == NULL)
    app = ui_test_new_app ();
  return TRUE;
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

static void
close_window (DramaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* ---- what is on screen ---- */

typedef struct {
  GtkWidget  *root;
  const char *text;
  GtkWidget  *found;
} Lookup;

/* A mapped label whose text holds lookup->text. */
static gboolean
label_shown (gpointer data)
{
  Lookup *lookup = data;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (lookup->root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (labels->pdata[i]) &&
        strstr (gtk_label_get_text (labels->pdata[i]), lookup->text) != NULL)
      {
        lookup->found = labels->pdata[i];
        return TRUE;
      }

  return FALSE;
}

/* A mapped widget whose tooltip is lookup->text. */
static gboolean
tooltip_shown (gpointer data)
{
  Lookup *lookup = data;
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();

  collect_widgets (lookup->root, GTK_TYPE_WIDGET, widgets);
  for (guint i = 0; i < widgets->len; i++)
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widgets->pdata[i]);

      if (gtk_widget_get_mapped (widgets->pdata[i]) && g_strcmp0 (tooltip, lookup->text) == 0)
        {
          lookup->found = widgets->pdata[i];
          return TRUE;
        }
    }

  return FALSE;
}

/* A mapped status page titled lookup->text. */
static gboolean
status_page_shown (gpointer data)
{
  Lookup *lookup = data;
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  collect_widgets (lookup->root, ADW_TYPE_STATUS_PAGE, pages);
  for (guint i = 0; i < pages->len; i++)
    if (gtk_widget_get_mapped (pages->pdata[i]) &&
        g_strcmp0 (adw_status_page_get_title (pages->pdata[i]), lookup->text) == 0)
      {
        lookup->found = pages->pdata[i];
        return TRUE;
      }

  return FALSE;
}

static void
assert_shown (DramaWindow *window,
              Condition    cond,
              const char  *text)
{
  Lookup lookup = { GTK_WIDGET (window), text, NULL };

  if (!wait_for (cond, &lookup, 5000))
    g_error ("“%s” is not on screen", text);
}

/* ---- the library, written on the store's thread as the app writes it ---- */

typedef struct {
  DramaShow *show;
  GPtrArray *episodes;
} SaveShow;

static gpointer
save_show_job (DramaStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  SaveShow *save = data;

  return drama_store_save_show (store, save->show, save->episodes, NULL, error)
           ? GINT_TO_POINTER (1) : NULL;
}

typedef struct {
  DramaFeed *feed;
  GPtrArray *articles;
} AddFeed;

static gpointer
add_feed_job (DramaStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  AddFeed *add = data;

  return drama_store_add_feed_with_articles (store, add->feed, add->articles, NULL, error)
           ? GINT_TO_POINTER (1) : NULL;
}

static DramaEpisode *
episode_at (gint64 tvmaze_id,
            int    number,
            gint64 airstamp)
{
  DramaEpisode *episode = drama_episode_new ();
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (airstamp);
  g_autofree char *date = g_date_time_format (at, "%Y-%m-%d");

  drama_episode_set_tvmaze_id (episode, tvmaze_id);
  drama_episode_set_season (episode, 1);
  drama_episode_set_number (episode, number);
  drama_episode_set_name (episode, "An Episode");
  drama_episode_set_airstamp (episode, airstamp);
  drama_episode_set_airdate (episode, date);
  return episode;
}

/* ---- tests ---- */

/* An empty library: the header bar's buttons, the empty states and the sidebar's title
 * are in Korean. */
static void
test_window_words (void)
{
  DramaWindow *window;

  if (!have_korean ())
    return;

  window = open_window ();
  /* "Add Show", "Refresh" and "Main Menu" in the header bars. */
  assert_shown (window, tooltip_shown, "작품 추가");
  assert_shown (window, tooltip_shown, "새로 고침");
  assert_shown (window, tooltip_shown, "주 메뉴");
  /* "Watchlist" over the sidebar. */
  assert_shown (window, label_shown, "시청 목록");
  /* "No Shows Yet" and "No Articles Yet". */
  assert_shown (window, status_page_shown, "아직 작품 없음");
  assert_shown (window, status_page_shown, "아직 기사 없음");
  close_window (window);
}

/* The next episode in 3 h and an article of 3 h ago: "3시간 후" and "3시간 전", the
 * weekday as the locale names it, and the episode as Korean counts it ("2화"); the show
 * page's TVmaze status and genres. */
static void
test_relative_times (void)
{
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GDateTime) next_at = NULL;
  g_autofree char *weekday = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *next_text = NULL;
  const char * const genres[] = { "Drama", "Romance", "Time Travel", NULL };
  DramaArticle *article;
  SaveShow save;
  AddFeed add;
  DramaWindow *window;
  gint64 now;

  if (!have_korean ())
    return;

  now = g_get_real_time () / G_USEC_PER_SEC;
  /* A minute past the hour: still "3 h" when the row is drawn a few seconds later. */
  next_at = g_date_time_new_from_unix_local (now + 3 * 3600 + 60);

  show = drama_show_new ();
  drama_show_set_tvmaze_id (show, 7001);
  drama_show_set_name (show, "Moon Drama");
  drama_show_set_status (show, "Running");
  drama_show_set_genres (show, genres);
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (episodes, episode_at (700101, 1, now - 4 * 24 * 3600));
  g_ptr_array_add (episodes, episode_at (700102, 2, g_date_time_to_unix (next_at)));
  save = (SaveShow) { show, episodes };
  store_sync (drama_application_get_store (app), save_show_job, &save);

  feed = drama_feed_new ();
  drama_feed_set_url (feed, "http://127.0.0.1:9/korean.xml");
  drama_feed_set_title (feed, "Korean News");
  articles = g_ptr_array_new_with_free_func (g_object_unref);
  article = drama_article_new ();
  drama_article_set_guid (article, "korean-1");
  drama_article_set_title (article, "Moon Drama breaks a record");
  drama_article_set_link (article, "http://127.0.0.1:9/a");
  drama_article_set_published (article, now - 3 * 3600 - 60);
  g_ptr_array_add (articles, article);
  add = (AddFeed) { feed, articles };
  store_sync (drama_application_get_store (app), add_feed_job, &add);

  window = open_window ();

  /* The sidebar's row: "2화 · (수) 22:00 · 3시간 후", the weekday from LC_TIME. */
  weekday = g_date_time_format (next_at, "%a");
  g_assert_cmpstr (weekday, !=, "");
  g_assert_nonnull (strstr ("월화수목금토일", weekday));
  clock = g_date_time_format (next_at, "%H:%M");
  next_text = g_strdup_printf ("2화 · (%s) %s · 3시간 후", weekday, clock);
  assert_shown (window, label_shown, next_text);
  /* "Watching" in the row. */
  assert_shown (window, label_shown, "시청 중");

  /* The article's row: "Korean News · 3시간 전". */
  assert_shown (window, label_shown, "Korean News · 3시간 전");

  /* The show page says TVmaze's status and genres in Korean too; a genre it does not know
   * stays as TVmaze wrote it. */
  drama_window_show_show (window, drama_show_get_id (show));
  assert_shown (window, label_shown, "방영 중 · 드라마, 로맨스, Time Travel");

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* A library of our own, so the empty states are really empty. */
  data_home = ui_test_make_home ("ui-korean-XXXXXX");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_unsetenv (DRAMA_ENV_TVMAZE_URL);

  /* As a Korean session sets it (the environment the test runs in says C.UTF-8). */
  korean = setlocale (LC_ALL, "ko_KR.UTF-8") != NULL;
  if (korean)
    {
      g_setenv ("LC_ALL", "ko_KR.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "ko", TRUE);
    }

  ui_test_init (&argc, &argv, "dramalist-test");

  /* gtk_test_init sets a locale of its own; then the catalogues as main.c binds them, from
   * the build tree. */
  if (korean)
    g_assert_nonnull (setlocale (LC_ALL, ""));
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/ui/korean/window-words", test_window_words);
  g_test_add_func ("/ui/korean/relative-times", test_relative_times);

  status = g_test_run ();

  if (app != NULL)
    g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  remove_tree (data_home);

  return status;
}
