/* The show page and the widgets around it (related news, an actor's page, the add-show
 * dialog, the refresher, the application's start) under a real display (xvfb-run), with the
 * store's main-thread guard ON: any blocking library call left on the main thread is a
 * g_critical, fatal here. The page lives in a window of its own over a library of its own
 * (the fixture show with its episodes and cast, two articles linked to it by a real
 * linker), so that nothing else in the process calls that library. The test looks into the
 * library the way another thread would: on the store's thread (store_sync).
 *
 * Also measured: the work of one seen click (rows made again: none; store jobs: printed,
 * and bounded), of a change to another show (none) and of a link change (the news only). */
#define G_LOG_DOMAIN "test-ui-showpage"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "drama-add-show-dialog.h"
#include "drama-article-row.h"
#include "drama-application.h"
#include "drama-episode-news.h"
#include "drama-episode-row.h"
#include "drama-linker.h"
#include "drama-matcher.h"
#include "drama-person-page-test.h"
#include "drama-stage-names.h"
#include "drama-related-list-test.h"
#include "drama-related.h"
#include "drama-settings.h"
#include "drama-show-page-test.h"
#include "drama-tvmaze-parse.h"
#include "drama-ui-call.h"
#include "fake-server.h"
#include "test-common.h"
#include "ui-test-common.h"

#define ANGEL_NAME "Angel's Last Mission: Love"
#define RECAP_TITLE "“Angel’s Last Mission: Love” Episode 14 Recap: Dan Makes His Choice"

static DramaApplication *app;
static FakeServer *server;
static DramaStore *store;          /* the page's library, guarded */
static DramaLinker *linker;
static GtkWindow *holder;
static DramaShowPage *page;
static gint64 angel_id, other_id, ep14_id;
static gint64 ep_ids[33];          /* Angel's episodes by number (1–32) */
static char *page_db;              /* the page's library file */

/* ---- the library, from the store's thread (store_sync) ---- */

static gboolean
stored_seen (gint64 episode_id)
{
  g_autoptr(GPtrArray) episodes = store_list_episodes (store, angel_id);

  for (guint i = 0; i < episodes->len; i++)
    if (drama_episode_get_id (episodes->pdata[i]) == episode_id)
      return drama_episode_get_seen (episodes->pdata[i]);
  g_assert_not_reached ();
  return FALSE;
}

static gpointer
relink_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  g_autoptr(DramaMatcher) matcher = drama_store_build_matcher (s, error);

  if (matcher == NULL)
    return NULL;
  return drama_store_relink_all (s, matcher, NULL, error) ? GINT_TO_POINTER (1) : NULL;
}

/* ---- helpers ---- */

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

static GtkButton *
find_shown_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if ((g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0 ||
         g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), label) == 0) &&
        gtk_widget_is_drawable (buttons->pdata[i]))
      return buttons->pdata[i];
  return NULL;
}

static gboolean
label_in (GtkWidget  *root,
          const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

static AdwActionRow *
row_titled (GtkWidget  *root,
            const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (root, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}

static gboolean
title_is (gpointer data)
{
  return g_strcmp0 (drama_show_page_get_title (page), data) == 0;
}

static gboolean
progress_is (gpointer data)
{
  return g_strcmp0 (drama_show_page_get_progress_text (page), data) == 0;
}

/* Every job the widgets asked for has answered. */
static gboolean
store_idle (gpointer data)
{
  return drama_ui_call_get_n_pending (store) == 0;
}

/* Lets every queued signal, idle and job answer run, then waits for the jobs. */
static void
settle (void)
{
  for (int i = 0; i < 3; i++)
    {
      spin ();
      g_assert_true (wait_for (store_idle, NULL, 5000));
    }
  spin ();
}

static DramaEpisodeRow *
episode_row (int number)
{
  return DRAMA_EPISODE_ROW (drama_show_page_get_episode_row (page, ep_ids[number]));
}

static DramaEpisodeNews *
row_news (int number)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (episode_row (number)), DRAMA_TYPE_EPISODE_NEWS, found);
  return found->len > 0 ? found->pdata[0] : NULL;
}

static gboolean
row_has_news (gpointer number)
{
  return row_news (GPOINTER_TO_INT (number)) != NULL;
}

static gboolean
row_checked (int number)
{
  return gtk_check_button_get_active (drama_episode_row_get_check (episode_row (number)));
}

/* The episode rows the page has now, as a set. */
static GHashTable *
rows_now (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GHashTable *set = g_hash_table_new (NULL, NULL);

  collect_widgets (GTK_WIDGET (page), DRAMA_TYPE_EPISODE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (set, rows->pdata[i]);
  return set;
}

/* How many rows of after were not in before: made again. */
static guint
rows_made (GHashTable *before,
           GHashTable *after)
{
  GHashTableIter iter;
  gpointer row;
  guint made = 0;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    made += !g_hash_table_contains (before, row);
  return made;
}

static gboolean
undo_shown (gpointer data)
{
  return find_shown_button (GTK_WIDGET (holder), "_Undo") != NULL;
}

static void
click_undo (void)
{
  g_assert_true (wait_for (undo_shown, NULL, 5000));
  g_signal_emit_by_name (find_shown_button (GTK_WIDGET (holder), "_Undo"), "clicked");
}

static gboolean
message_dialog_open (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* The show page's tabs, as a click on the switcher picks one. */
static void
open_tab (const char *name)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK, stacks);
  g_assert_cmpuint (stacks->len, ==, 1);
  adw_view_stack_set_visible_child_name (stacks->pdata[0], name);
  spin ();
}

static gboolean
popover_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
on_screen (gpointer data)
{
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (data, GTK_WIDGET (holder), &bounds) &&
         bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (GTK_WIDGET (holder));
}

static void
scroll_to_top (void)
{
  g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, scrollers);
  for (guint i = 0; i < scrollers->len; i++)
    if (gtk_widget_is_drawable (scrollers->pdata[i]))
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrollers->pdata[i]), 0);
  spin ();
}

/* Scrolls the page so that widget is on screen (a popover must open on a monitor). */
static void
scroll_to (GtkWidget *widget)
{
  g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;

  collect_widgets (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, scrollers);
  /* The page's own, the one on screen (the status pages have theirs). */
  scroller = NULL;
  for (guint i = 0; i < scrollers->len && scroller == NULL; i++)
    if (gtk_widget_is_drawable (scrollers->pdata[i]))
      scroller = scrollers->pdata[i];
  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  spin ();
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (scroller), &bounds));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + bounds.origin.y - 100);
  g_assert_true (wait_for (on_screen, widget, 5000));
}

/* ---- the fixture library ---- */

static void
save_fixtures (void)
{
  g_autofree char *show_json = read_fixture ("show-41163.json");
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(DramaShow) other = drama_show_new ();
  g_autoptr(GPtrArray) other_episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DramaFeed) feed = drama_feed_new ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) new_ids = NULL;
  g_autoptr(DramaMatcher) matcher = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  show = drama_tvmaze_parse_show (show_json, -1, &episodes, &cast, &error);
  g_assert_no_error (error);
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  g_assert_true (drama_store_save_show (store, show, episodes, cast, &error));
  angel_id = drama_show_get_id (show);
  for (guint i = 0; i < episodes->len; i++)
    {
      DramaEpisode *ep = episodes->pdata[i];

      if (drama_episode_get_season (ep) == 1 && drama_episode_get_number (ep) > 0)
        ep_ids[drama_episode_get_number (ep)] = drama_episode_get_id (ep);
    }
  ep14_id = ep_ids[14];
  g_assert_cmpint (ep_ids[32], >, 0);

  /* A show added by hand, three episodes: the page's other show. */
  drama_show_set_name (other, "Hand Made Drama");
  drama_show_set_user_status (other, DRAMA_WATCH_STATUS_WATCHING);
  for (int n = 1; n <= 3; n++)
    {
      DramaEpisode *ep = drama_episode_new ();

      drama_episode_set_season (ep, 1);
      drama_episode_set_number (ep, n);
      g_ptr_array_add (other_episodes, ep);
    }
  g_assert_true (drama_store_save_show (store, other, other_episodes, NULL, &error));
  other_id = drama_show_get_id (other);

  /* A recap of episode 14 and an article naming the show, linked by the real matcher. */
  drama_feed_set_url (feed, "https://dramabeat.example.com/rss");
  drama_feed_set_title (feed, "Drama Beat");
  {
    DramaArticle *recap = drama_article_new ();
    DramaArticle *news = drama_article_new ();

    drama_article_set_guid (recap, "recap-14");
    drama_article_set_title (recap, RECAP_TITLE);
    drama_article_set_summary (recap, "<p>In episode 14 of Angel’s Last Mission: Love, Dan "
                                      "finally tells Yeon Seo the truth.</p>");
    drama_article_set_published (recap, now - 3600);
    drama_article_set_fetched_at (recap, now);
    drama_article_set_guid (news, "ratings");
    drama_article_set_title (news, "Angel's Last Mission: Love tops the ratings again");
    drama_article_set_summary (news, "<p>The KBS2 drama leads its time slot.</p>");
    drama_article_set_published (news, now - 7200);
    drama_article_set_fetched_at (news, now);
    g_ptr_array_add (articles, recap);
    g_ptr_array_add (articles, news);
  }
  g_assert_true (drama_store_add_feed_with_articles (store, feed, articles, &new_ids, &error));
  g_assert_no_error (error);
  matcher = drama_store_build_matcher (store, &error);
  g_assert_no_error (error);
  g_assert_true (drama_store_link_articles (store, matcher, (const gint64 *) (gpointer) new_ids->data,
                                            new_ids->len, &error));
  g_assert_no_error (error);
}

/* ---- the show page ---- */

static void
test_open (void)
{
  DramaEpisodeNews *news;

  drama_show_page_set_show_id (page, angel_id);
  g_assert_true (wait_for (title_is, (gpointer) ANGEL_NAME, 5000));
  settle ();

  g_assert_cmpstr (drama_show_page_get_progress_text (page), ==, "0 of 32 episodes seen");
  g_assert_nonnull (row_titled (GTK_WIDGET (page), "Kim Myung-soo"));
  /* The episodes' news came in the same read: episode 14 has its recap. */
  g_assert_nonnull (episode_row (14));
  news = row_news (14);
  g_assert_nonnull (news);
  g_assert_cmpuint (drama_episode_news_get_n_articles (news), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (news)));

  /* Its popover is wide enough to read: the headline and the spoiler note whole, not
   * "“Angel’s / Last …" and "May c…" in a 100 px strip. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    GtkPopover *popover;

    collect_widgets (GTK_WIDGET (news), GTK_TYPE_MENU_BUTTON, buttons);
    g_assert_cmpuint (buttons->len, ==, 1);
    scroll_to (buttons->pdata[0]);
    popover = gtk_menu_button_get_popover (buttons->pdata[0]);
    gtk_menu_button_popup (buttons->pdata[0]);
    g_assert_true (wait_for (popover_mapped, popover, 5000));
    spin ();
    g_test_message ("episode news popover: %d px wide", gtk_widget_get_width (GTK_WIDGET (popover)));
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (popover)), >=, 300);
    collect_widgets (GTK_WIDGET (popover), GTK_TYPE_LABEL, labels);
    g_assert_cmpuint (labels->len, >=, 2);
    for (guint i = 0; i < labels->len; i++)
      {
        g_test_message ("  \"%s\": %d lines", gtk_label_get_text (labels->pdata[i]),
                        pango_layout_get_line_count (gtk_label_get_layout (labels->pdata[i])));
        g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (labels->pdata[i])));
      }
    gtk_popover_popdown (popover);
    spin ();
  }
}

/* A newer show wins over an older one still being read. */
static void
test_newer_show_wins (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  drama_show_page_set_show_id (page, angel_id);
  drama_show_page_set_show_id (page, other_id);
  drama_show_page_set_show_id (page, angel_id);
  drama_show_page_set_show_id (page, other_id);
  g_assert_true (wait_for (title_is, (gpointer) "Hand Made Drama", 5000));
  settle ();
  g_assert_cmpstr (drama_show_page_get_title (page), ==, "Hand Made Drama");
  g_assert_cmpstr (drama_show_page_get_progress_text (page), ==, "0 of 3 episodes seen");
  g_assert_null (row_titled (GTK_WIDGET (page), "Kim Myung-soo"));

  drama_show_page_set_show_id (page, angel_id);
  g_assert_true (wait_for (title_is, (gpointer) ANGEL_NAME, 5000));
  settle ();
}

/* One click on a seen check: shown at once, no row made again, a job or two. */
static void
test_seen_click_work (void)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  GtkCheckButton *check;
  guint jobs_before, jobs, made;

  settle ();
  before = rows_now ();
  g_assert_cmpuint (g_hash_table_size (before), >=, 32);
  jobs_before = drama_ui_call_get_n_run (store);

  check = drama_episode_row_get_check (episode_row (1));
  gtk_check_button_set_active (check, TRUE);
  /* At once, before the store has it. */
  g_assert_cmpstr (drama_show_page_get_progress_text (page), ==, "1 of 32 episodes seen");
  g_assert_true (gtk_check_button_get_active (check));

  settle ();
  g_assert_true (stored_seen (ep_ids[1]));
  g_assert_true (row_checked (1));
  g_assert_cmpstr (drama_show_page_get_progress_text (page), ==, "1 of 32 episodes seen");

  after = rows_now ();
  made = rows_made (before, after);
  jobs = drama_ui_call_get_n_run (store) - jobs_before;
  g_test_message ("one seen click: %u episode rows made again, %u store jobs", made, jobs);
  g_assert_cmpuint (made, ==, 0);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  /* The mark itself; the News tab reads again (its articles' spoiler guard may move). */
  g_assert_cmpuint (jobs, >=, 1);
  g_assert_cmpuint (jobs, <=, 2);
}

static gboolean
changes_seen (gpointer data)
{
  return *(guint *) data > 0;
}

static void
count_change (DramaStore       *s,
              DramaStoreChange *change,
              guint            *n)
{
  (*n)++;
}

/* Another show changing costs the page nothing; a link change, the news only. */
static void
test_other_changes (void)
{
  g_autoptr(DramaShow) other = store_get_show (store, other_id);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  guint n_changes = 0;
  gulong handler;
  guint jobs_before, jobs;

  settle ();
  before = rows_now ();
  jobs_before = drama_ui_call_get_n_run (store);
  handler = g_signal_connect (store, "changed::show", G_CALLBACK (count_change), &n_changes);
  drama_show_set_network (other, "tvN");
  store_save_show (store, other);
  g_assert_true (wait_for (changes_seen, &n_changes, 5000));
  settle ();
  g_signal_handler_disconnect (store, handler);
  jobs = drama_ui_call_get_n_run (store) - jobs_before;
  g_test_message ("another show changed: %u store jobs", jobs);
  g_assert_cmpuint (jobs, ==, 0);

  /* Relinking everything (twice, as a burst): one read of the episodes' news for the page,
   * one of the News tab's list; no row made again. */
  n_changes = 0;
  jobs_before = drama_ui_call_get_n_run (store);
  handler = g_signal_connect (store, "changed::link", G_CALLBACK (count_change), &n_changes);
  store_sync (store, relink_job, NULL);
  store_sync (store, relink_job, NULL);
  g_assert_true (wait_for (changes_seen, &n_changes, 5000));
  settle ();
  g_signal_handler_disconnect (store, handler);
  jobs = drama_ui_call_get_n_run (store) - jobs_before;
  after = rows_now ();
  g_test_message ("links changed (%u signals): %u store jobs, %u rows made again", n_changes,
                  jobs, rows_made (before, after));
  g_assert_cmpuint (rows_made (before, after), ==, 0);
  g_assert_cmpuint (jobs, <=, 2);
  g_assert_cmpuint (drama_episode_news_get_n_articles (row_news (14)), ==, 1);
}

/* A mark made elsewhere (another window): the rows named change in place. */
static void
test_seen_elsewhere (void)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  guint jobs_before, jobs;

  settle ();
  before = rows_now ();
  jobs_before = drama_ui_call_get_n_run (store);
  store_set_seen (store, &ep_ids[2], 1, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_true (wait_for (progress_is, (gpointer) "2 of 32 episodes seen", 5000));
  settle ();
  g_assert_true (row_checked (2));
  after = rows_now ();
  jobs = drama_ui_call_get_n_run (store) - jobs_before;
  g_test_message ("a mark made elsewhere: %u store jobs, %u rows made again", jobs,
                  rows_made (before, after));
  g_assert_cmpuint (rows_made (before, after), ==, 0);
  g_assert_cmpuint (jobs, <=, 2);

  /* And back. */
  store_set_seen (store, &ep_ids[2], 1, 0);
  g_assert_true (wait_for (progress_is, (gpointer) "1 of 32 episodes seen", 5000));
  settle ();
  g_assert_false (row_checked (2));
}

/* "Mark seen up to here" and its Undo: exactly the marks it made go. */
static void
test_up_to_here_undo (void)
{
  g_signal_emit_by_name (episode_row (5), "mark-up-to-here");
  /* At once. */
  for (int n = 1; n <= 5; n++)
    g_assert_true (row_checked (n));
  g_assert_cmpstr (drama_show_page_get_progress_text (page), ==, "5 of 32 episodes seen");
  settle ();
  for (int n = 1; n <= 5; n++)
    g_assert_true (stored_seen (ep_ids[n]));

  click_undo ();
  g_assert_true (wait_for (progress_is, (gpointer) "1 of 32 episodes seen", 5000));
  settle ();
  g_assert_true (stored_seen (ep_ids[1]));
  g_assert_true (row_checked (1));
  for (int n = 2; n <= 5; n++)
    {
      g_assert_false (stored_seen (ep_ids[n]));
      g_assert_false (row_checked (n));
    }
}

/* "Mark season seen": everything aired; the show has ended, so Completed is offered; Undo
 * takes back the marks it made and nothing else. */
static void
test_season_seen_undo (void)
{
  GtkButton *season = find_shown_button (GTK_WIDGET (page), "Mark Season Seen");
  AdwMessageDialog *offer;

  g_assert_nonnull (season);
  g_signal_emit_by_name (season, "clicked");
  g_assert_cmpstr (drama_show_page_get_progress_text (page), ==, "32 of 32 episodes seen");
  g_assert_true (wait_for (message_dialog_open, NULL, 5000));
  offer = find_message_dialog ();
  adw_message_dialog_response (offer, "cancel");
  gtk_window_destroy (GTK_WINDOW (offer));
  settle ();
  g_assert_true (stored_seen (ep_ids[32]));

  click_undo ();
  g_assert_true (wait_for (progress_is, (gpointer) "1 of 32 episodes seen", 5000));
  settle ();
  g_assert_true (stored_seen (ep_ids[1]));
  g_assert_false (stored_seen (ep_ids[2]));
  g_assert_false (stored_seen (ep_ids[32]));
}

typedef struct {
  DramaWatchStatus status;
  int              rating;
  const char      *notes;
} Fields;

static gboolean
fields_stored (gpointer data)
{
  Fields *want = data;
  g_autoptr(DramaShow) show = store_get_show (store, angel_id);

  return drama_show_get_user_status (show) == want->status &&
         drama_show_get_rating (show) == want->rating &&
         g_strcmp0 (drama_show_get_notes (show), want->notes) == 0;
}

/* Status, rating and notes: written in the background, the notes after a pause. */
static void
test_user_fields (void)
{
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  Fields want = { DRAMA_WATCH_STATUS_ON_HOLD, 8, "Ballet scenes!" };

  collect_widgets (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, combos);
  collect_widgets (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, spins);
  collect_widgets (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW, texts);
  adw_combo_row_set_selected (combos->pdata[0], DRAMA_WATCH_STATUS_ON_HOLD);
  gtk_spin_button_set_value (spins->pdata[0], 8);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (texts->pdata[0]), "Ballet scenes!", -1);
  g_assert_true (wait_for (fields_stored, &want, 5000));
  settle ();
  /* The store's echoes did not undo what the widgets show. */
  g_assert_cmpuint (adw_combo_row_get_selected (combos->pdata[0]), ==, DRAMA_WATCH_STATUS_ON_HOLD);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spins->pdata[0]), ==, 8);

  /* Back to Watching, for what follows. */
  adw_combo_row_set_selected (combos->pdata[0], DRAMA_WATCH_STATUS_WATCHING);
  want.status = DRAMA_WATCH_STATUS_WATCHING;
  g_assert_true (wait_for (fields_stored, &want, 5000));
}

static gboolean
angel_removed (gpointer data)
{
  g_autoptr(DramaShow) show = store_get_show (store, angel_id);

  return show == NULL;
}

/* Removal: the page empties at once, Undo brings the show back with its marks. */
static void
test_remove_undo (void)
{
  GtkButton *remove;

  /* Under Details, with the show's summary and the user's fields. */
  open_tab ("details");
  remove = find_shown_button (GTK_WIDGET (page), "_Remove from Watchlist");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpint (drama_show_page_get_show_id (page), ==, 0);
  g_assert_true (wait_for (angel_removed, NULL, 5000));

  click_undo ();
  g_assert_true (wait_for (title_is, (gpointer) ANGEL_NAME, 5000));
  g_assert_cmpint (drama_show_page_get_show_id (page), ==, angel_id);
  g_assert_true (wait_for (progress_is, (gpointer) "1 of 32 episodes seen", 5000));
  g_assert_false (angel_removed (NULL));
  settle ();
}

/* ---- the News tab: names and the spoiler guard ---- */

static gboolean
show_has_alias (gpointer data)
{
  g_autoptr(DramaShow) show = store_get_show (store, angel_id);
  const char * const *aliases = drama_show_get_aliases (show);

  return aliases != NULL && g_strv_contains (aliases, data);
}

static gboolean
show_guard_is (gpointer data)
{
  g_autoptr(DramaShow) show = store_get_show (store, angel_id);

  return drama_show_get_spoiler_guard (show) == GPOINTER_TO_INT (data);
}

static gboolean
recap_guarded (gpointer data)
{
  DramaRelatedList *list = data;
  GListModel *model = drama_related_list_get_model (list);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DramaArticle) article = g_list_model_get_item (model, i);

      if (g_strcmp0 (drama_article_get_title (article), RECAP_TITLE) == 0)
        return drama_article_get_spoiler_episode (article) != NULL;
    }
  return FALSE;
}

static gboolean
recap_unguarded (gpointer data)
{
  DramaRelatedList *list = data;
  GListModel *model = drama_related_list_get_model (list);

  return model != NULL && g_list_model_get_n_items (model) == 2 && !recap_guarded (list);
}

static void
test_related (void)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  DramaRelatedList *list;
  AdwEntryRow *entry;
  GtkSwitch *guard = NULL;

  collect_widgets (GTK_WIDGET (page), DRAMA_TYPE_RELATED_LIST, lists);
  list = lists->pdata[0];
  /* Both articles; the recap of unseen episode 14 guarded. */
  g_assert_true (wait_for (recap_guarded, list, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (drama_related_list_get_model (list)), ==, 2);

  /* A nickname: the chip at once, the store after. */
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (list), ADW_TYPE_ENTRY_ROW, entries);
    entry = entries->pdata[0];
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "Dan, Only Love");
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (label_in (GTK_WIDGET (list), "Dan, Only Love"));
  g_assert_true (wait_for (show_has_alias, (gpointer) "Dan, Only Love", 5000));
  settle ();
  g_assert_true (label_in (GTK_WIDGET (list), "Dan, Only Love"));

  /* The show's own guard off: the recap is readable; on again: guarded. */
  collect_widgets (GTK_WIDGET (list), GTK_TYPE_SWITCH, switches);
  for (guint i = 0; i < switches->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (switches->pdata[i], ADW_TYPE_ACTION_ROW);

      if (row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                    "_Hide Spoilers in News") == 0)
        guard = switches->pdata[i];
    }
  g_assert_nonnull (guard);
  gtk_switch_set_active (guard, FALSE);
  g_assert_true (wait_for (show_guard_is, GINT_TO_POINTER (FALSE), 5000));
  g_assert_true (wait_for (recap_unguarded, list, 5000));
  gtk_switch_set_active (guard, TRUE);
  g_assert_true (wait_for (show_guard_is, GINT_TO_POINTER (TRUE), 5000));
  g_assert_true (wait_for (recap_guarded, list, 5000));

  /* Episode 14 seen on the page: the guard lifts, in the tab and on the row's news. */
  gtk_check_button_set_active (drama_episode_row_get_check (episode_row (14)), TRUE);
  g_assert_true (wait_for (recap_unguarded, list, 5000));
  gtk_check_button_set_active (drama_episode_row_get_check (episode_row (14)), FALSE);
  g_assert_true (wait_for (recap_guarded, list, 5000));
  settle ();
}

/* ---- an actor's page ---- */

static DramaPersonPage *
find_person_page (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      g_autoptr(GPtrArray) pages = g_ptr_array_new ();

      if (!gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        continue;
      collect_widgets (GTK_WIDGET (toplevel), DRAMA_TYPE_PERSON_PAGE, pages);
      if (pages->len > 0)
        return pages->pdata[0];
    }
  return NULL;
}

static gboolean
roles_shown (gpointer data)
{
  DramaPersonPage *person = find_person_page ();

  return person != NULL && drama_person_page_get_n_roles (person) > 0;
}

static gboolean
row_on_list (gpointer data)
{
  return label_in (data, "On Watchlist");
}

static gboolean
row_off_list (gpointer data)
{
  return !label_in (data, "On Watchlist");
}

static void save_window_shot (GtkWindow *window, const char *name);

typedef struct {
  gint64      person_id;
  const char *aliases;   /* joined with ", "; "" for none */
} AliasesWant;

static gpointer
get_person_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  return drama_store_get_person (s, *(gint64 *) data, error);
}

static gboolean
aliases_stored (gpointer data)
{
  AliasesWant *want = data;
  g_autoptr(DramaPerson) person = store_sync (store, get_person_job, &want->person_id);
  const char * const *aliases = drama_person_get_aliases (person);
  g_autofree char *joined = aliases != NULL ? g_strjoinv (", ", (char **) aliases) : g_strdup ("");

  return g_strcmp0 (joined, want->aliases) == 0;
}

typedef struct {
  gint64 person_id;
  GStrv  aliases;
} SetAliases;

static gpointer
set_aliases_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  SetAliases *args = data;

  return drama_store_set_person_aliases (s, args->person_id, (const char * const *) args->aliases,
                                         error) ? GINT_TO_POINTER (1) : NULL;
}

static gboolean
cast_row_titled (gpointer data)
{
  return row_titled (GTK_WIDGET (page), data) != NULL;
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;   /* root, text */

  return label_in (args[0], args[1]);
}

/* Stage names: on the person page's top level, not two levels down under News; shown there
 * and in the cast row ("Kim Myung-soo (L)"), which follows in place from the store's
 * "aliases-changed", wherever the change was made. */
static void
test_stage_names (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  AdwActionRow *cast_row = row_titled (GTK_WIDGET (page), "Kim Myung-soo");
  DramaPerson *member;
  DramaPersonPage *person;
  AdwEntryRow *entry = NULL;
  AliasesWant want;
  gpointer also[2];
  char *two[] = { "L", "Myungsoo", NULL };
  SetAliases set;

  g_assert_nonnull (cast_row);
  open_tab ("cast");
  adw_action_row_activate (cast_row);
  g_assert_true (wait_for (roles_shown, NULL, 10000));
  person = find_person_page ();
  member = drama_person_page_get_person (person);
  want.person_id = drama_person_get_id (member);
  g_assert_cmpint (want.person_id, >, 0);

  /* The entry is on the page itself, on screen as it opens. */
  collect_widgets (GTK_WIDGET (person), ADW_TYPE_ENTRY_ROW, entries);
  for (guint i = 0; i < entries->len; i++)
    if (gtk_widget_is_drawable (entries->pdata[i]))
      entry = entries->pdata[i];
  g_assert_nonnull (entry);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entry)), ==,
                   "Add a Stage Name or Nickname");
  gtk_editable_set_text (GTK_EDITABLE (entry), "L");
  g_signal_emit_by_name (entry, "apply");
  /* At once on the page; then in the store; then the cast row, the same row. */
  g_assert_true (label_in (GTK_WIDGET (person), "Also known as L"));
  want.aliases = "L";
  g_assert_true (wait_for (aliases_stored, &want, 5000));
  g_assert_true (wait_for (cast_row_titled, (gpointer) "Kim Myung-soo (L)", 5000));
  g_assert_true (row_titled (GTK_WIDGET (page), "Kim Myung-soo (L)") == cast_row);

  /* Changed elsewhere: both follow. */
  set.person_id = want.person_id;
  set.aliases = two;
  g_assert_nonnull (store_sync (store, set_aliases_job, &set));
  also[0] = person;
  also[1] = (gpointer) "Also known as L, Myungsoo";
  g_assert_true (wait_for (label_shown, also, 5000));
  g_assert_true (wait_for (cast_row_titled, (gpointer) "Kim Myung-soo (L, Myungsoo)", 5000));
  save_window_shot (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (person))), "person");

  /* Removed from the page: gone everywhere. */
  for (int n = 0; n < 2; n++)
    {
      g_autofree char *tooltip = g_strdup_printf ("Remove “%s”", two[n]);

      g_signal_emit_by_name (find_shown_button (GTK_WIDGET (person), tooltip), "clicked");
    }
  want.aliases = "";
  g_assert_true (wait_for (aliases_stored, &want, 5000));
  g_assert_true (wait_for (cast_row_titled, (gpointer) "Kim Myung-soo", 5000));
  g_assert_false (label_in (GTK_WIDGET (person), "Also known as L, Myungsoo"));

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (person))));
  settle ();
}

typedef struct {
  gint64          person_id;
  DramaStageName *found;
} Propose;

static gpointer
propose_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  Propose *args = data;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  g_ptr_array_add (found, args->found);
  drama_store_add_name_proposals (s, 0, found, error);
  return *error == NULL ? GINT_TO_POINTER (1) : NULL;
}

static gboolean
row_shown (gpointer data)
{
  gpointer *args = data;
  AdwActionRow *row = row_titled (args[0], args[1]);

  return row != NULL && gtk_widget_is_drawable (GTK_WIDGET (row));
}

static gboolean
subtitle_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (adw_action_row_get_subtitle (args[0]), args[1]) == 0;
}

static gboolean
row_gone (gpointer data)
{
  gpointer *args = data;

  return row_titled (args[0], args[1]) == NULL;
}

/* A name the news gave the actor waits on their page, with where it came from; one click
 * adds it, with the group's form, to their names, and the cast row follows. */
static void
test_stage_name_proposal (void)
{
  AdwActionRow *cast_row = row_titled (GTK_WIDGET (page), "Kim Myung-soo");
  DramaStageName found = { 0, (char *) "L", (char *) "INFINITE", (char *) "Dan" };
  DramaPersonPage *person;
  AliasesWant want;
  Propose propose;
  SetAliases set;
  gpointer shown[2];

  g_assert_nonnull (cast_row);
  open_tab ("cast");
  adw_action_row_activate (cast_row);
  g_assert_true (wait_for (roles_shown, NULL, 10000));
  person = find_person_page ();
  want.person_id = drama_person_get_id (drama_person_page_get_person (person));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (person))));
  settle ();

  found.person_id = want.person_id;
  propose.person_id = want.person_id;
  propose.found = &found;
  g_assert_nonnull (store_sync (store, propose_job, &propose));
  /* On the cast row, in place. */
  g_assert_true (wait_for (subtitle_is, (gpointer[]) { cast_row,
                           (gpointer) "as Dan · The news calls them “L (INFINITE)”" }, 5000));

  adw_action_row_activate (cast_row);
  g_assert_true (wait_for (roles_shown, NULL, 10000));
  person = find_person_page ();
  shown[0] = person;
  shown[1] = (gpointer) "L (INFINITE)";
  g_assert_true (wait_for (row_shown, shown, 5000));
  save_window_shot (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (person))), "proposal");

  g_signal_emit_by_name (find_shown_button (GTK_WIDGET (person), "Add “L” to Their Names"),
                         "clicked");
  want.aliases = "L, INFINITE's L";
  g_assert_true (wait_for (aliases_stored, &want, 5000));
  g_assert_true (wait_for (cast_row_titled, (gpointer) "Kim Myung-soo (L, INFINITE's L)", 5000));
  g_assert_true (wait_for (row_gone, shown, 5000));
  g_assert_true (wait_for (subtitle_is, (gpointer[]) { cast_row, (gpointer) "as Dan" }, 5000));

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (person))));
  set.person_id = want.person_id;
  set.aliases = NULL;
  g_assert_nonnull (store_sync (store, set_aliases_job, &set));
  g_assert_true (wait_for (cast_row_titled, (gpointer) "Kim Myung-soo", 5000));
  settle ();
}

static void
test_person_page (void)
{
  DramaPersonPage *person;
  AdwActionRow *hammurabi;

  adw_action_row_activate (row_titled (GTK_WIDGET (page), "Kim Myung-soo"));
  g_assert_true (wait_for (roles_shown, NULL, 10000));
  person = find_person_page ();
  g_assert_cmpuint (drama_person_page_get_n_roles (person), ==, 4);
  g_assert_true (label_in (GTK_WIDGET (row_titled (GTK_WIDGET (person), ANGEL_NAME)), "On Watchlist"));

  hammurabi = row_titled (GTK_WIDGET (person), "Ms. Hammurabi");
  g_assert_false (label_in (GTK_WIDGET (hammurabi), "On Watchlist"));
  g_signal_emit_by_name (find_shown_button (GTK_WIDGET (hammurabi), "Add"), "clicked");
  g_assert_true (wait_for (row_on_list, hammurabi, 10000));
  settle ();

  /* A show leaving the watchlist elsewhere, and coming back: the marks follow, in place. */
  {
    AdwActionRow *angel = row_titled (GTK_WIDGET (person), ANGEL_NAME);

    store_set_removed (store, angel_id, TRUE);
    g_assert_true (wait_for (row_off_list, angel, 5000));
    g_assert_nonnull (find_shown_button (GTK_WIDGET (angel), "Add"));
    store_set_removed (store, angel_id, FALSE);
    g_assert_true (wait_for (row_on_list, angel, 5000));
    g_assert_true (row_titled (GTK_WIDGET (person), ANGEL_NAME) == angel);
  }

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (person))));
  settle ();

  /* The show page emptied itself as the show left: open it again. */
  g_assert_cmpint (drama_show_page_get_show_id (page), ==, 0);
  drama_show_page_set_show_id (page, angel_id);
  g_assert_true (wait_for (title_is, (gpointer) ANGEL_NAME, 5000));
  settle ();
}

/* ---- how it looks: narrow, dark; screenshots on request ---- */

/* The window's own width, as a window manager would count it (GTK draws its decorations:
 * the widget is the size less their margins). */
static gboolean
holder_width_is (gpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (holder));

  return width <= GPOINTER_TO_INT (data) && width >= GPOINTER_TO_INT (data) - 20;
}

/* The window as drawn, to DRAMALIST_SHOTS_DIR/shots-showpage-NAME.png when that is set. */
static void
save_shot (const char *name)
{
  save_window_shot (holder, name);
}

static void
save_window_shot (GtkWindow  *window,
                  const char *name)
{
  const char *dir = g_getenv ("DRAMALIST_SHOTS_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  settle ();
  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  /* A window shown again draws on its next frame. */
  for (int tries = 0; tries < 50; tries++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        break;
      g_usleep (20000);
      spin ();
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  file = g_strdup_printf ("shots-showpage-%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static void
resize_holder (int width,
               int height)
{
  /* Without a window manager a mapped window keeps its size: shown again at the new one. */
  gtk_widget_set_visible (GTK_WIDGET (holder), FALSE);
  gtk_window_set_default_size (holder, width, height);
  gtk_window_present (holder);
  if (!wait_for (holder_width_is, GINT_TO_POINTER (width), 5000))
    g_error ("holder is %d x %d, not %d wide", gtk_widget_get_width (GTK_WIDGET (holder)), gtk_widget_get_height (GTK_WIDGET (holder)), width);
  settle ();
}

/* The page at the window's narrowest (360 px) and in the dark style: the episodes still
 * first and in view, a dated row beside its article button on one line, the notes framed. */
static void
test_looks (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  DramaEpisodeRow *row;
  GtkLabel *date = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const char *subtitle;
  SetAliases set;
  char *stage[] = { "L", NULL };

  drama_show_page_set_show_id (page, angel_id);
  g_assert_true (wait_for (title_is, (gpointer) ANGEL_NAME, 5000));
  open_tab ("episodes");
  resize_holder (1000, 760);
  scroll_to_top ();
  save_shot ("light");

  /* Narrow: episode 14 has its "1 article" button; its date stays on one line. */
  resize_holder (360, 760);
  row = episode_row (14);
  scroll_to (GTK_WIDGET (row));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  collect_widgets (GTK_WIDGET (row), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), subtitle) == 0)
      date = labels->pdata[i];
  g_assert_nonnull (date);
  g_test_message ("at 360 px, \"%s\": %d lines", subtitle,
                  pango_layout_get_line_count (gtk_label_get_layout (date)));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (date)), ==, 1);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (date)));
  /* The episodes' article counts come in their own read, after the rows. */
  g_assert_true (wait_for (row_has_news, GINT_TO_POINTER (14), 5000));
  save_shot ("narrow-news");
  scroll_to_top ();
  save_shot ("narrow");

  /* A stage name in the cast row. */
  resize_holder (1000, 760);
  open_tab ("cast");
  {
    AdwActionRow *cast_row = row_titled (GTK_WIDGET (page), "Kim Myung-soo");

    /* The actor's id, from their page. */
    g_assert_nonnull (cast_row);
    adw_action_row_activate (cast_row);
    g_assert_true (wait_for (roles_shown, NULL, 10000));
    set.person_id = drama_person_get_id (drama_person_page_get_person (find_person_page ()));
    gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (find_person_page ()))));
    settle ();
  }
  set.aliases = stage;
  g_assert_nonnull (store_sync (store, set_aliases_job, &set));
  g_assert_true (wait_for (cast_row_titled, (gpointer) "Kim Myung-soo (L)", 5000));
  save_shot ("cast");

  /* Dark: the episodes, then the notes under Details, framed. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  open_tab ("episodes");
  scroll_to_top ();
  save_shot ("dark-episodes");
  open_tab ("details");
  save_shot ("dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  save_shot ("light-details");

  set.aliases = NULL;
  g_assert_nonnull (store_sync (store, set_aliases_job, &set));
  g_assert_true (wait_for (cast_row_titled, (gpointer) "Kim Myung-soo", 5000));
  open_tab ("episodes");
  resize_holder (900, 900);
}

/* One wording for when an article came, in the show's news, an episode's articles and the
 * news pane alike: not "just now" beside "Just now". */
static void
test_relative_time (void)
{
  const gint64 ages[] = { 0, 30, 600, 7200, 30 * 3600, 3 * 24 * 3600, 40 * 24 * 3600 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (gsize i = 0; i < G_N_ELEMENTS (ages); i++)
    {
      g_autofree char *related = drama_related_format_date (now - ages[i], now);
      g_autofree char *pane = drama_format_relative_time (now - ages[i], now);

      g_assert_cmpstr (related, ==, pane);
    }
}

static gboolean
label_not_shown (gpointer data)
{
  gpointer *args = data;   /* root, text */

  return !label_in (args[0], args[1]);
}

/* Another program changes the library under the app (a table renamed away and back). */
static void
exec_on_file (const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (page_db, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gboolean
label_starts (gpointer data)
{
  gpointer *args = data;   /* root, prefix */
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (args[0], GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), args[1]))
      return TRUE;
  return FALSE;
}

/* The person page's failures reach the user in words: the look-up of the roles on the
 * watchlist (the roles are listed all the same), and a name that could not be saved (the
 * rows go back to what is stored). */
static void
test_person_page_errors (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  DramaPersonPage *person;
  GtkWidget *root;
  AdwEntryRow *entry = NULL;
  gpointer toast[2];
  gpointer also_l[2];

  exec_on_file ("ALTER TABLE shows RENAME TO shows_gone");
  adw_action_row_activate (row_titled (GTK_WIDGET (page), "Kim Myung-soo"));
  g_assert_true (wait_for (roles_shown, NULL, 10000));
  person = find_person_page ();
  root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (person)));
  toast[0] = root;
  toast[1] = (gpointer) "Could not check which of these shows you follow";
  g_assert_true (wait_for (label_starts, toast, 5000));
  g_assert_cmpuint (drama_person_page_get_n_roles (person), ==, 4);
  exec_on_file ("ALTER TABLE shows_gone RENAME TO shows");

  exec_on_file ("ALTER TABLE people RENAME TO people_gone");
  collect_widgets (GTK_WIDGET (person), ADW_TYPE_ENTRY_ROW, entries);
  for (guint i = 0; i < entries->len; i++)
    if (gtk_widget_is_drawable (entries->pdata[i]))
      entry = entries->pdata[i];
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "L");
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (label_in (GTK_WIDGET (person), "Also known as L"));
  also_l[0] = person;
  also_l[1] = (gpointer) "Also known as L";
  /* At once, the rows go back; the toast waits for the one before to go. */
  g_assert_true (wait_for (label_not_shown, also_l, 5000));
  toast[1] = (gpointer) "Could not save the names";
  g_assert_true (wait_for (label_starts, toast, 12000));
  exec_on_file ("ALTER TABLE people_gone RENAME TO people");
  g_assert_nonnull (row_titled (GTK_WIDGET (page), "Kim Myung-soo"));

  gtk_window_destroy (GTK_WINDOW (root));
  settle ();
}

/* ---- the add-show dialog ---- */

static gboolean
results_shown (gpointer data)
{
  return g_strcmp0 (drama_add_show_dialog_get_state (data), "results") == 0;
}

static void
on_show_added (DramaAddShowDialog *dialog,
               gint64              show_id,
               gint64             *added)
{
  *added = show_id;
}

static gboolean
added (gpointer data)
{
  return *(gint64 *) data != 0;
}

static void
test_add_show_dialog (void)
{
  DramaAddShowDialog *dialog = drama_add_show_dialog_new (holder, store,
                                                          drama_application_get_tvmaze (app), NULL);
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(DramaShow) show = NULL;
  gint64 added_id = 0;

  g_signal_connect (dialog, "show-added", G_CALLBACK (on_show_added), &added_id);
  gtk_window_present (GTK_WINDOW (dialog));

  /* The search marks the show already followed. */
  gtk_editable_set_text (drama_add_show_dialog_get_search_entry (dialog), "angel");
  g_assert_true (wait_for (results_shown, dialog, 10000));
  g_assert_true (label_in (GTK_WIDGET (row_titled (GTK_WIDGET (dialog), ANGEL_NAME)), "On Watchlist"));

  /* By hand: saved in the background, then the dialog closes. */
  collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_VIEW_STACK, stacks);
  adw_view_stack_set_visible_child_name (stacks->pdata[0], "manual");
  collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entries);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (entries->pdata[i]), "Title") == 0)
      gtk_editable_set_text (entries->pdata[i], "Quick Drama");
  g_signal_emit_by_name (find_shown_button (GTK_WIDGET (dialog), "_Add Show"), "clicked");
  g_assert_true (wait_for (added, &added_id, 5000));
  show = store_get_show (store, added_id);
  g_assert_nonnull (show);
  g_assert_cmpstr (drama_show_get_name (show), ==, "Quick Drama");
  settle ();
}

/* ---- the application's own calls ---- */

static gboolean
default_feeds_added (gpointer data)
{
  g_autofree char *mark = store_get_meta (drama_application_get_store (app), "first_feeds");

  return g_strcmp0 (mark, "given") == 0;
}

static gpointer
count_feeds_job (DramaStore *s, gpointer data, GCancellable *c, GError **error)
{
  g_autoptr(GPtrArray) feeds = drama_store_list_feeds (s, error);

  return feeds != NULL ? GUINT_TO_POINTER (feeds->len + 1) : NULL;
}

static gboolean
app_checked (gpointer data)
{
  g_autofree char *value = store_get_meta (drama_application_get_store (app), "shows_checked_at");

  return value != NULL;
}

/* The application guards its own library as it opens it: its first start (the default
 * feeds, the refresher's first look) ran with the guard on. */
static void
test_application_guarded (void)
{
  DramaStore *app_store = drama_application_get_store (app);
  guint n_feeds;

  g_assert_nonnull (app_store);
  g_assert_true (wait_for (default_feeds_added, NULL, 10000));
  g_assert_true (wait_for (app_checked, NULL, 10000));
  /* Queued before the flag was set: in by now (call_sync queues behind it). */
  n_feeds = GPOINTER_TO_UINT (store_sync (app_store, count_feeds_job, NULL)) - 1;
  g_assert_cmpuint (n_feeds, >, 0);
}

/* ---- main ---- */

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TestMonitor) offline = NULL;
  GtkWidget *overlay;
  int status;

  home = ui_test_make_home ("ui-showpage-XXXXXX");
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  /* The application's own library is guarded too, from its start (the application turns
   * the guard on); its first start adds the default feeds (offline: nothing is fetched). */
  g_unsetenv ("DRAMALIST_SKIP_DEFAULT_FEEDS");

  ui_test_init (&argc, &argv, "dramalist-test");

  server = fake_server_new (FAKE_SERVER_FIXTURES (NULL));
  fake_server_route (server, "/search/shows", "tvmaze/search-angel.json");
  fake_server_route (server, "/shows/41163", "tvmaze/show-41163.json");
  fake_server_route (server, "/shows/41163/akas", "tvmaze/akas-41163.json");
  fake_server_route (server, "/shows/35001", "tvmaze/show-35001.json");
  fake_server_route (server, "/people/20102", "tvmaze/person-20102.json");
  fake_server_route (server, "/people/20102/castcredits", "tvmaze/castcredits-20102.json");
  fake_server_route (server, "/updates/shows", "tvmaze/updates-day.json");
  g_setenv (DRAMA_ENV_TVMAZE_URL, fake_server_get_url (server), TRUE);

  app = ui_test_new_app ();
  /* Before its first idle: the news stay home. */
  offline = g_object_new (TEST_TYPE_MONITOR, NULL);
  test_monitor_set_available (offline, FALSE);
  drama_feed_updater_set_network_monitor (drama_application_get_feed_updater (app),
                                          G_NETWORK_MONITOR (offline));

  /* The page's library: written by the fixture, then guarded. */
  path = g_build_filename (home, "page.db", NULL);
  page_db = g_strdup (path);
  store = drama_store_new (path, &error);
  g_assert_no_error (error);
  save_fixtures ();
  linker = drama_linker_new (store);
  drama_store_set_thread_guard (store, TRUE);

  holder = GTK_WINDOW (adw_window_new ());
  gtk_window_set_application (holder, GTK_APPLICATION (app));
  gtk_window_set_default_size (holder, 900, 900);
  overlay = adw_toast_overlay_new ();
  page = drama_show_page_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  adw_window_set_content (ADW_WINDOW (holder), overlay);
  drama_show_page_set_tvmaze (page, drama_application_get_tvmaze (app));
  drama_show_page_set_store (page, store);
  gtk_window_present (holder);
  g_assert_true (wait_for (is_mapped, holder, 10000));

  /* In order: each builds on the marks the one before left. */
  g_test_add_func ("/ui/showpage/open", test_open);
  g_test_add_func ("/ui/showpage/newer-show-wins", test_newer_show_wins);
  g_test_add_func ("/ui/showpage/seen-click-work", test_seen_click_work);
  g_test_add_func ("/ui/showpage/other-changes", test_other_changes);
  g_test_add_func ("/ui/showpage/seen-elsewhere", test_seen_elsewhere);
  g_test_add_func ("/ui/showpage/up-to-here-undo", test_up_to_here_undo);
  g_test_add_func ("/ui/showpage/season-seen-undo", test_season_seen_undo);
  g_test_add_func ("/ui/showpage/user-fields", test_user_fields);
  g_test_add_func ("/ui/showpage/remove-undo", test_remove_undo);
  g_test_add_func ("/ui/showpage/related", test_related);
  g_test_add_func ("/ui/showpage/stage-names", test_stage_names);
  g_test_add_func ("/ui/showpage/stage-name-proposal", test_stage_name_proposal);
  g_test_add_func ("/ui/showpage/person-page", test_person_page);
  g_test_add_func ("/ui/showpage/person-page-errors", test_person_page_errors);
  g_test_add_func ("/ui/showpage/looks", test_looks);
  g_test_add_func ("/ui/showpage/relative-time", test_relative_time);
  g_test_add_func ("/ui/showpage/add-show-dialog", test_add_show_dialog);
  g_test_add_func ("/ui/showpage/application-guarded", test_application_guarded);

  status = g_test_run ();

  gtk_window_destroy (holder);
  settle ();
  g_clear_object (&linker);
  g_clear_object (&store);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  fake_server_free (server);
  remove_tree (home);
  g_free (page_db);

  return status;
}
