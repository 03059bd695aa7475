#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane.h"
#include "drama-news-pane-private.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "drama-add-feed-dialog.h"
#include "drama-feed-list.h"
#include "drama-settings.h"
#include "drama-ui-text.h"
#include "drama-window.h"

/* The pane's object: its template, its layout (one of list and reader at a time when
 * narrow), its public functions and the toasts it hands to the window. Its parts live in
 * files of their own, sharing drama-news-pane-private.h:
 *   drama-news-pane-list.c     the list, its first screen, selection, filter and search
 *   drama-news-pane-reader.c   the article in the reader
 *   drama-news-pane-full.c     reader mode: the article's own page, loaded on demand
 *   drama-news-pane-offers.c   dramas casting news names, offered above the article
 *   drama-news-pane-actions.c  the news.* actions and their keys
 *   drama-news-pane-keys.c     the reader's keys when the article view has the focus
 *   drama-news-pane-marks.c    read and star marks, mark all read with Undo
 *   drama-news-pane-feeds.c    the feeds read for the filter drop-down
 *   drama-news-pane-banners.c  offline, failing feeds, refresh and upgrade progress */

G_DEFINE_FINAL_TYPE (DramaNewsPane, drama_news_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_drama_news_pane_add_toast (DramaNewsPane *self,
                            AdwToast      *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (DRAMA_IS_WINDOW (root))
    drama_window_add_toast (DRAMA_WINDOW (root), toast);
  else
    g_object_unref (toast);
}

void
_drama_news_pane_toast_error (DramaNewsPane *self,
                              const char    *what,
                              const GError  *error)
{
  _drama_news_pane_add_toast (self, drama_toast_new_error (what, error));
}

/* ---- folding ---- */

static void
update_back_button (DramaNewsPane *self)
{
  /* One back button at a time: the window's, when it has one (see go_back). */
  gtk_widget_set_visible (self->reader_back_button,
                          adw_leaflet_get_folded (self->leaflet) && !self->back_in_header);
}

static void
on_folded_changed (DramaNewsPane *self)
{
  update_back_button (self);
  /* Unfolded, both show; folded with nothing to read, the list is what matters. */
  if (adw_leaflet_get_folded (self->leaflet) && self->article == NULL && !self->showing_html)
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* ---- layout ---- */

/* Beside the list (300 px), the reader needs room for a readable line; narrower than this
 * the pane shows one at a time, so at 1280-1400 px the reader gets the pane's whole width
 * instead of a 300 px strip next to the show page. */
#define WIDE_PANE_WIDTH 880

static void
drama_news_pane_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  /* Ask for the side-by-side width whether folded or not, so that folding never makes the
   * window hand the pane less room (which would keep it folded). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*natural, WIDE_PANE_WIDTH);
}

static void
drama_news_pane_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);
  gboolean wide = width >= WIDE_PANE_WIDTH;

  if (adw_leaflet_get_can_unfold (self->leaflet) != wide)
    adw_leaflet_set_can_unfold (self->leaflet, wide);
  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
}

/* ---- object ---- */

static void
drama_news_pane_dispose (GObject *object)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (object);

  g_clear_handle_id (&self->feeds_timeout, g_source_remove);
  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  /* Every callback still to come sees CANCELLED and leaves the pane alone. */
  g_cancellable_cancel (self->cancellable);
  _drama_cancel_and_clear (&self->open_cancellable);
  _drama_cancel_and_clear (&self->full_cancellable);
  _drama_cancel_and_clear (&self->offers_cancellable);
  if (self->feeds_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->feeds_window),
                                    (gpointer *) &self->feeds_window);
      gtk_window_destroy (self->feeds_window);
      self->feeds_window = NULL;
    }
  _drama_news_pane_set_article (self, NULL);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  _drama_news_pane_stop_first_paint_watch (self);
  g_clear_object (&self->first_screen);
  g_clear_object (&self->list);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->updater != NULL)
    g_signal_handlers_disconnect_by_data (self->updater, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_NEWS_PANE);
  self->article_view = NULL;
  for (guint i = 0; i < self->rows->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->rows, i), _drama_news_pane_row_finalized,
                         self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->updater);
  g_clear_object (&self->image_loader);
  g_clear_object (&self->show_list);
  g_clear_object (&self->settings);
  g_clear_object (&self->article_loader);
  g_clear_object (&self->tvmaze);

  G_OBJECT_CLASS (drama_news_pane_parent_class)->dispose (object);
}

static void
drama_news_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_news_pane_finalize (GObject *object)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->filter_choices, g_array_unref);
  g_clear_pointer (&self->feeds, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (drama_news_pane_parent_class)->finalize (object);
}

static void
drama_news_pane_class_init (DramaNewsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_news_pane_dispose;
  object_class->finalize = drama_news_pane_finalize;
  object_class->get_property = drama_news_pane_get_property;

  /* What the pane shows, in words, for the window's title: the article being read, else
   * the filter (All Articles, a feed's name…). */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = drama_news_pane_measure;
  widget_class->size_allocate = drama_news_pane_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "dramanewspane");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-news-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, offline_label);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, offline_retry_button);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, failures_revealer);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, failures_label);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, feed_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, feed_error_label);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, list_status);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, list_status_button);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, reader_back_button);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, reader_title);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, reader_star_button);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, reader_full_button);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, reader_full_spinner);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, offers_revealer);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, offers_box);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, reader_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, reader_bin);
  _drama_news_pane_list_class_init (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, _drama_news_pane_on_full_toggled);

  _drama_news_pane_actions_class_init (widget_class);
}


static void
drama_news_pane_init (DramaNewsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->library_fraction = -1;
  _drama_news_pane_keys_init (self);

  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->load_images = TRUE;

  _drama_news_pane_filters_init (self);

  _drama_news_pane_update_reader_actions (self);
  _drama_news_pane_update_feed_error (self);
}

DramaNewsPane *
drama_news_pane_new (void)
{
  return g_object_new (DRAMA_TYPE_NEWS_PANE, NULL);
}

void
drama_news_pane_set_store (DramaNewsPane *self,
                           DramaStore    *store)
{
  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));
  g_return_if_fail (store == NULL || DRAMA_IS_STORE (store));

  if (self->store == store)
    return;

  gtk_list_view_set_model (self->list_view, NULL);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  _drama_news_pane_stop_first_paint_watch (self);
  g_clear_object (&self->first_screen);
  g_clear_object (&self->list);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  /* What was asked of the old store is of no use now. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  _drama_cancel_and_clear (&self->open_cancellable);
  self->opening_id = 0;
  self->feeds_running = FALSE;
  self->feeds_dirty = FALSE;
  self->refresh_ended = FALSE;
  g_clear_handle_id (&self->feeds_timeout, g_source_remove);
  g_clear_pointer (&self->feeds, g_ptr_array_unref);
  _drama_news_pane_close_article (self);

  g_set_object (&self->store, store);
  if (store != NULL)
    {
      _drama_news_pane_attach_list (self);
      g_signal_connect_swapped (store, "changed::article",
                                G_CALLBACK (_drama_news_pane_on_offers_changed), self);
      g_signal_connect_swapped (store, "changed::show",
                                G_CALLBACK (_drama_news_pane_on_offers_changed), self);
    }
  _drama_news_pane_rebuild_filters (self);
}

void
drama_news_pane_set_tvmaze (DramaNewsPane *self,
                            DramaTvmaze   *tvmaze)
{
  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));
  g_return_if_fail (tvmaze == NULL || DRAMA_IS_TVMAZE (tvmaze));

  g_set_object (&self->tvmaze, tvmaze);
}

void
drama_news_pane_set_application (DramaNewsPane    *self,
                                 DramaApplication *application)
{
  DramaFeedUpdater *updater;

  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));
  g_return_if_fail (DRAMA_IS_APPLICATION (application));

  g_set_object (&self->image_loader, drama_application_get_image_loader (application));
  g_set_object (&self->show_list, drama_application_get_show_list (application));
  g_set_object (&self->settings, drama_application_get_settings (application));
  g_set_object (&self->article_loader, drama_application_get_article_loader (application));
  if (self->settings != NULL)
    {
      g_signal_connect_swapped (self->settings, "changed::" DRAMA_SETTINGS_LOAD_IMAGES,
                                G_CALLBACK (_drama_news_pane_on_load_images_changed), self);
      g_signal_connect_swapped (self->settings, "changed::" DRAMA_SETTINGS_SPOILER_GUARD,
                                G_CALLBACK (_drama_news_pane_on_spoiler_guard_changed), self);
      _drama_news_pane_on_load_images_changed (self);
      _drama_news_pane_on_spoiler_guard_changed (self);
      /* The list came with the store, before the settings: it starts where the user left
       * it, not on All. */
      if (self->list != NULL && !self->filter_chosen)
        {
          DramaArticleFilter filter;
          gint64 filter_id;

          _drama_news_pane_saved_filter (self, &filter, &filter_id);
          if (filter != drama_article_list_get_filter (self->list) ||
              filter_id != drama_article_list_get_filter_id (self->list))
            {
              drama_article_list_set_filter (self->list, filter, filter_id);
              _drama_news_pane_rebuild_filters (self);
            }
        }
    }

  updater = drama_application_get_feed_updater (application);
  if (updater != NULL && updater != self->updater)
    {
      g_set_object (&self->updater, updater);
      g_signal_connect_object (updater, "notify::network-available",
                               G_CALLBACK (_drama_news_pane_update_offline), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (updater, "notify::unreachable",
                               G_CALLBACK (_drama_news_pane_update_offline), self,
                               G_CONNECT_SWAPPED);
      _drama_news_pane_update_offline (self);
      g_signal_connect_object (updater, "progress", G_CALLBACK (_drama_news_pane_on_progress),
                               self, 0);
      g_signal_connect_object (updater, "notify::refreshing",
                               G_CALLBACK (_drama_news_pane_on_refreshing_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (updater, "feed-updated",
                               G_CALLBACK (_drama_news_pane_update_feed_error), self,
                               G_CONNECT_SWAPPED);
      gtk_revealer_set_reveal_child (self->progress_revealer,
                                     drama_feed_updater_get_refreshing (updater));
    }
}

void
drama_news_pane_set_web_context (DramaNewsPane   *self,
                                 DramaWebContext *context)
{
  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));
  g_return_if_fail (DRAMA_IS_WEB_CONTEXT (context));
  g_return_if_fail (self->article_view == NULL);

  self->article_view = drama_article_view_new (context);
  gtk_widget_set_hexpand (GTK_WIDGET (self->article_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->article_view), TRUE);
  adw_bin_set_child (self->reader_bin, GTK_WIDGET (self->article_view));
}

DramaArticleView *
drama_news_pane_get_article_view (DramaNewsPane *self)
{
  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), NULL);

  return self->article_view;
}

void
drama_news_pane_show_article_html (DramaNewsPane *self,
                                   const char    *title,
                                   const char    *html_page)
{
  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));
  g_return_if_fail (self->article_view != NULL);

  _drama_news_pane_set_article (self, NULL);
  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->showing_html = TRUE;
  drama_article_view_show_html (self->article_view, title, html_page);
  gtk_stack_set_visible_child_name (self->reader_stack, "reader");
  adw_leaflet_set_visible_child_name (self->leaflet, "reader");
  _drama_news_pane_update_pages (self);
}

gboolean
drama_news_pane_is_empty (DramaNewsPane *self)
{
  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), TRUE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

DramaArticleList *
drama_news_pane_get_article_list (DramaNewsPane *self)
{
  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), NULL);

  return self->list;
}

void
drama_news_pane_set_filter (DramaNewsPane      *self,
                            DramaArticleFilter  filter,
                            gint64              filter_id)
{
  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));

  self->filter_chosen = TRUE;
  if (self->list == NULL)
    {
      /* The list is on its way: it starts on this filter, not on the default. */
      self->chosen_filter = filter;
      self->chosen_filter_id = filter_id;
      if (self->store != NULL)
        _drama_news_pane_create_list (self, filter, filter_id);
      _drama_news_pane_save_filter (self, filter, filter_id);
      return;
    }
  drama_article_list_set_filter (self->list, filter, filter_id);
  _drama_news_pane_save_filter (self, filter, filter_id);
  _drama_news_pane_scroll_to_top (self);
  _drama_news_pane_rebuild_filters (self);
}

gboolean
drama_news_pane_open_article (DramaNewsPane *self,
                              guint          position)
{
  g_autoptr(DramaArticle) article = NULL;

  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), FALSE);

  if (self->list == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return FALSE;

  self->showing_html = FALSE;
  /* Chosen before the list view ever drew (a search result, a test): all of it now. */
  _drama_news_pane_open_first_screen (self);
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  /* Selecting opens it, unless it was selected already. */
  article = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  _drama_news_pane_open_article (self, article);
  return TRUE;
}

void
drama_news_pane_show_article (DramaNewsPane *self,
                              DramaArticle  *article)
{
  guint position;

  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));
  g_return_if_fail (DRAMA_IS_ARTICLE (article));

  self->showing_html = TRUE;
  position = self->list ? drama_article_list_find (self->list, drama_article_get_id (article))
                        : G_MAXUINT;
  if (position != G_MAXUINT)
    {
      drama_news_pane_open_article (self, position);
      return;
    }

  /* Not in the list shown (another filter): read it all the same. */
  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  _drama_news_pane_open_article (self, article);
  _drama_news_pane_update_pages (self);
}

DramaArticle *
drama_news_pane_get_article (DramaNewsPane *self)
{
  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), NULL);

  return self->article;
}

void
drama_news_pane_set_back_in_header (DramaNewsPane *self,
                                    gboolean       back_in_header)
{
  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));

  self->back_in_header = !!back_in_header;
  update_back_button (self);
}

gboolean
drama_news_pane_go_back (DramaNewsPane *self)
{
  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), FALSE);

  if (!adw_leaflet_get_folded (self->leaflet) ||
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "reader") != 0)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "news.back", NULL);
  return TRUE;
}

static void
on_feed_added (DramaAddFeedDialog *dialog,
               DramaFeed          *feed,
               DramaNewsPane      *self)
{
  g_autofree char *text = g_strdup_printf (_("Subscribed to “%s”"),
                                           drama_feed_get_display_title (feed));

  _drama_news_pane_add_toast (self, drama_toast_new (text));
  /* In the drop-down at once, not after the second the feed list waits between reads. */
  _drama_news_pane_queue_feeds (self, TRUE);
}

GtkWindow *
drama_news_pane_add_feed (DramaNewsPane *self)
{
  DramaAddFeedDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), NULL);

  if (self->updater == NULL)
    return NULL;

  dialog = drama_add_feed_dialog_new (self->updater);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
    }
  g_signal_connect_object (dialog, "feed-added", G_CALLBACK (on_feed_added), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

GtkWindow *
drama_news_pane_show_feeds (DramaNewsPane *self)
{
  GtkWidget *window;
  DramaFeedList *feed_list;
  GtkRoot *root;
  GtkShortcut *close_shortcut;
  GtkEventController *controller;

  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), NULL);

  if (self->store == NULL || self->updater == NULL)
    return NULL;

  if (self->feeds_window != NULL)
    {
      gtk_window_present (self->feeds_window);
      return self->feeds_window;
    }

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Feeds"));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 620);
  gtk_widget_set_size_request (window, 360, 294);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
    }
  close_shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                     gtk_named_action_new ("window.close"));
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), close_shortcut);
  gtk_widget_add_controller (window, controller);
  feed_list = drama_feed_list_new (self->store, self->updater);
  drama_feed_list_set_article_loader (feed_list, self->article_loader);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (feed_list));

  self->feeds_window = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->feeds_window);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

