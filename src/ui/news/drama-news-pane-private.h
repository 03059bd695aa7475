#pragma once

/* DramaNewsPane's state, shared by its files: drama-news-pane.c (the object, its layout,
 * its public functions), drama-news-pane-list.c (the list, its selection, filter and
 * search), drama-news-pane-reader.c (the article in the reader), drama-news-pane-actions.c
 * (the news.* actions and keys), drama-news-pane-keys.c (the reader's keys),
 * drama-news-pane-marks.c (read and star marks, mark all read with Undo),
 * drama-news-pane-feeds.c (the feeds read, the filter drop-down) and
 * drama-news-pane-banners.c (feed errors, offline, refresh and upgrade progress). Every
 * store call is asynchronous, cancelled with the pane. */

#include <adwaita.h>

#include "drama-article-loader.h"
#include "drama-image-loader.h"
#include "drama-news-pane.h"
#include "drama-news-pane-test.h"   /* the pane uses some of its functions itself */

G_BEGIN_DECLS

/* One entry of the filter drop-down. */
typedef struct {
  DramaArticleFilter filter;
  gint64             id;
} FilterChoice;

struct _DramaNewsPane
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkRevealer       *offline_revealer;
  GtkLabel          *offline_label;
  GtkWidget         *offline_retry_button;
  GtkRevealer       *failures_revealer;
  GtkLabel          *failures_label;
  GtkRevealer       *progress_revealer;
  GtkLabel          *progress_label;
  GtkProgressBar    *progress_bar;
  double             library_fraction;   /* the library's upgrade, < 0 when none runs */
  AdwLeaflet        *leaflet;
  GtkDropDown       *filter_dropdown;
  GtkSearchEntry    *search_entry;
  GtkRevealer       *feed_error_revealer;
  GtkLabel          *feed_error_label;
  GtkStack          *list_stack;
  GtkListView       *list_view;
  AdwStatusPage     *list_status;
  GtkWidget         *list_status_button;
  GtkWidget         *reader_back_button;
  GtkLabel          *reader_title;
  GtkButton         *reader_star_button;
  GtkToggleButton   *reader_full_button;
  GtkWidget         *reader_full_spinner;
  GtkRevealer       *offers_revealer;
  GtkBox            *offers_box;
  GtkStack          *reader_stack;
  AdwBin            *reader_bin;

  DramaStore        *store;
  DramaFeedUpdater  *updater;
  DramaImageLoader  *image_loader;
  DramaShowList     *show_list;      /* the watchlist, for the rows' show chips */
  GSettings         *settings;
  DramaArticleView  *article_view;
  DramaArticleList  *list;
  GtkSingleSelection *selection;
  /* Between the list and the selection: the first screen until the list view has drawn
   * with its height known, then everything (open_first_screen). */
  GtkSliceListModel *first_screen;
  gulong             first_paint_handler;
  GdkFrameClock     *first_paint_clock;
  GtkStringList     *filter_labels;
  GArray            *filter_choices;   /* FilterChoice, parallel to filter_labels */
  GPtrArray         *rows;             /* live DramaArticleRow widgets (not owned) */
  GtkWindow         *feeds_window;     /* weak */

  DramaArticle      *article;          /* in the reader */
  /* Reader mode (drama-news-pane-full.c): the loader, whether the reader shows the
   * article's own page, the load running for the article in the reader. */
  DramaArticleLoader *article_loader;
  gboolean           show_full;
  gboolean           syncing_full;     /* the toggle set by code, not by the user */
  GCancellable      *full_cancellable;
  /* Casting news (drama-news-pane-offers.c): the offers' read, the client that adds. */
  GCancellable      *offers_cancellable;
  DramaTvmaze       *tvmaze;
  gulong             article_notify;
  gint64             opening_id;       /* an article being read from the store to open */
  GPtrArray         *feeds;            /* DramaFeed, the last list read (NULL: none yet) */
  gboolean           has_feeds;
  gboolean           showing_html;
  /* The user picked a filter (the saved one no longer applies). */
  gboolean           filter_chosen;
  DramaArticleFilter chosen_filter;    /* chosen before the list was there */
  gint64             chosen_filter_id;
  gboolean           load_images;
  gboolean           model_changing;   /* the list is emitting items-changed */
  gboolean           reselect;         /* the selection let go for a reload (release_selection) */
  gboolean           updating_filters;
  /* The feed list is read again at most once a second (a refresh updates every feed). */
  guint              feeds_timeout;
  gboolean           feeds_running;
  gboolean           feeds_dirty;
  gint64             feeds_asked_at;   /* monotonic µs */
  guint              failing_before;   /* feeds with an error when a refresh began */
  gboolean           refresh_ended;    /* count the failing feeds once the list comes */
  gboolean           back_in_header;   /* the window shows a back button above the pane */
  gboolean           scroll_pending;   /* to the top once the new filter's rows are there */
  guint              scroll_idle;
  char              *title;            /* what the pane shows, for the window's title */

  GCancellable      *cancellable;      /* every store call; cancelled in dispose */
  GCancellable      *open_cancellable; /* the article being read to open it */
};

static inline void
_drama_cancel_and_clear (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

/* drama-news-pane.c */
void _drama_news_pane_add_toast              (DramaNewsPane    *self,
                                              AdwToast         *toast);
void _drama_news_pane_toast_error            (DramaNewsPane    *self,
                                              const char       *what,
                                              const GError     *error);

/* drama-news-pane-list.c */
void _drama_news_pane_update_pages           (DramaNewsPane    *self);
void _drama_news_pane_list_class_init        (GtkWidgetClass   *widget_class);
void _drama_news_pane_attach_list            (DramaNewsPane    *self);
void _drama_news_pane_create_list            (DramaNewsPane    *self,
                                              DramaArticleFilter filter,
                                              gint64            filter_id);
void _drama_news_pane_open_first_screen      (DramaNewsPane    *self);
void _drama_news_pane_stop_first_paint_watch (DramaNewsPane    *self);
void _drama_news_pane_row_finalized          (gpointer          data,
                                              GObject          *row);
void _drama_news_pane_on_load_images_changed (DramaNewsPane    *self);
void _drama_news_pane_on_spoiler_guard_changed (DramaNewsPane  *self);

/* drama-news-pane-reader.c */
void _drama_news_pane_update_reader_actions  (DramaNewsPane    *self);
void _drama_news_pane_show_reader_page       (DramaNewsPane    *self);

/* drama-news-pane-full.c */
void     _drama_news_pane_update_full_button (DramaNewsPane   *self);
gboolean _drama_news_pane_wants_full         (DramaNewsPane   *self,
                                              DramaArticle    *article);
void     _drama_news_pane_load_full          (DramaNewsPane   *self);
void     _drama_news_pane_leave_full         (DramaNewsPane   *self);
void     _drama_news_pane_on_full_toggled    (DramaNewsPane   *self,
                                              GtkToggleButton *button);
void     _drama_news_pane_toggle_full_activated (GtkWidget    *widget,
                                                 const char   *action_name,
                                                 GVariant     *parameter);

/* drama-news-pane-offers.c */
void     _drama_news_pane_update_offers      (DramaNewsPane    *self);
void     _drama_news_pane_on_offers_changed  (DramaNewsPane    *self,
                                              DramaStoreChange *change);

void _drama_news_pane_set_article            (DramaNewsPane    *self,
                                              DramaArticle     *article);
void _drama_news_pane_open_article           (DramaNewsPane    *self,
                                              DramaArticle     *article);
void _drama_news_pane_close_article          (DramaNewsPane    *self);

/* drama-news-pane-actions.c */
void _drama_news_pane_actions_class_init     (GtkWidgetClass   *widget_class);

/* drama-news-pane-feeds.c */
void _drama_news_pane_saved_filter           (DramaNewsPane    *self,
                                              DramaArticleFilter *filter,
                                              gint64           *filter_id);
void _drama_news_pane_save_filter            (DramaNewsPane    *self,
                                              DramaArticleFilter filter,
                                              gint64            filter_id);
void _drama_news_pane_scroll_to_top          (DramaNewsPane    *self);
void _drama_news_pane_update_title           (DramaNewsPane    *self);
void _drama_news_pane_rebuild_filters        (DramaNewsPane    *self);
void _drama_news_pane_filters_init           (DramaNewsPane    *self);
void _drama_news_pane_queue_feeds            (DramaNewsPane    *self,
                                              gboolean          now);
void _drama_news_pane_on_feeds_changed       (DramaNewsPane    *self);
guint _drama_news_pane_count_failing_feeds   (DramaNewsPane    *self);

/* drama-news-pane-banners.c */
void _drama_news_pane_update_feed_error      (DramaNewsPane    *self);
void _drama_news_pane_update_offline         (DramaNewsPane    *self);
void _drama_news_pane_retry_failed_activated (GtkWidget        *widget,
                                              const char       *action_name,
                                              GVariant         *parameter);
void _drama_news_pane_on_progress            (DramaFeedUpdater *updater,
                                              guint             done,
                                              guint             total,
                                              DramaNewsPane    *self);
void _drama_news_pane_on_refreshing_changed  (DramaNewsPane    *self);

/* drama-news-pane-marks.c */
void _drama_news_pane_mark_read              (DramaNewsPane    *self,
                                              DramaArticle     *article,
                                              gboolean          read);
void _drama_news_pane_set_starred_activated  (GtkWidget        *widget,
                                              const char       *action_name,
                                              GVariant         *parameter);
void _drama_news_pane_toggle_star_activated  (GtkWidget        *widget,
                                              const char       *action_name,
                                              GVariant         *parameter);
void _drama_news_pane_mark_unread_activated  (GtkWidget        *widget,
                                              const char       *action_name,
                                              GVariant         *parameter);
void _drama_news_pane_mark_all_read_activated (GtkWidget       *widget,
                                               const char      *action_name,
                                               GVariant        *parameter);

/* drama-news-pane-keys.c: the reader's keys, even when the article view has the focus. */
void _drama_news_pane_keys_init               (DramaNewsPane    *self);

G_END_DECLS
