#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane.h"
#include "drama-news-pane-private.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-add-feed-dialog.h"
#include "drama-article-page.h"
#include "drama-article-row.h"
#include "drama-feed-list.h"
#include "drama-html.h"
#include "drama-related.h"
#include "drama-settings.h"
#include "drama-ui-text.h"
#include "drama-window.h"

G_DEFINE_FINAL_TYPE (DramaNewsPane, drama_news_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void open_article (DramaNewsPane *self,
                          DramaArticle  *article);

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

/* ---- which page ---- */

void
_drama_news_pane_update_pages (DramaNewsPane *self)
{
  guint n = self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  gboolean loading = self->list != NULL && drama_article_list_get_loading (self->list);
  /* Until the feeds are known the pane shows its (empty) list, not an invitation to add a
   * feed that may be wrong a moment later. */
  gboolean feeds_unknown = self->store != NULL && self->feeds == NULL;
  const char *title = NULL, *description = NULL, *icon = "application-rss+xml-symbolic";
  gboolean offer_all = FALSE;
  DramaArticleFilter filter;
  const char *search;

  gtk_stack_set_visible_child_name (self->stack,
                                    (self->has_feeds || self->showing_html || n > 0 ||
                                     feeds_unknown) ? "news" : "empty");

  /* While the ids are read, what was listed stays; "nothing here" waits for the answer. */
  if (self->list == NULL || n > 0 || loading)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  filter = drama_article_list_get_filter (self->list);
  search = drama_article_list_get_search (self->list);

  if (drama_article_list_get_error_message (self->list) != NULL)
    {
      icon = "dialog-error-symbolic";
      title = _("Articles Could Not Be Read");
      description = drama_article_list_get_error_message (self->list);
    }
  else if (search != NULL && *search != '\0')
    {
      icon = "edit-find-symbolic";
      title = _("No Results");
      description = _("No article matches your search");
    }
  else
    switch (filter)
      {
      case DRAMA_ARTICLE_FILTER_UNREAD:
        icon = "object-select-symbolic";
        title = _("All Caught Up");
        description = _("You have read every article");
        offer_all = TRUE;
        break;
      case DRAMA_ARTICLE_FILTER_STARRED:
        icon = "starred-symbolic";
        title = _("No Starred Articles");
        description = _("Star the articles you want to keep: starred articles are never deleted");
        offer_all = TRUE;
        break;
      case DRAMA_ARTICLE_FILTER_MY_SHOWS:
        icon = "video-display-symbolic";
        title = _("No News About Your Shows");
        description = _("Articles that name a show on your watchlist or its cast show up here");
        offer_all = TRUE;
        break;
      case DRAMA_ARTICLE_FILTER_FEED:
        title = _("No Articles");
        description = _("This feed has no articles yet");
        offer_all = TRUE;
        break;
      case DRAMA_ARTICLE_FILTER_ALL:
      case DRAMA_ARTICLE_FILTER_SHOW:
      case DRAMA_ARTICLE_FILTER_PERSON:
      default:
        title = _("Nothing to Read Yet");
        /* Waiting would not help: say why nothing came (the banners above say more). */
        if (gtk_revealer_get_reveal_child (self->offline_revealer))
          {
            icon = "network-offline-symbolic";
            description = _("Your feeds could not be updated because you are offline");
          }
        else if (gtk_revealer_get_reveal_child (self->failures_revealer) ||
                 gtk_revealer_get_reveal_child (self->feed_error_revealer))
          {
            icon = "dialog-warning-symbolic";
            description = _("Your feeds could not be updated");
          }
        else
          description = _("Articles appear here once your feeds have been updated");
        break;
      }

  adw_status_page_set_icon_name (self->list_status, icon);
  adw_status_page_set_title (self->list_status, title);
  drama_status_page_set_text (self->list_status, description);
  gtk_widget_set_visible (self->list_status_button, offer_all);
  gtk_stack_set_visible_child_name (self->list_stack, "none");
}

/* ---- the article in the reader ---- */

static void
update_reader_actions (DramaNewsPane *self)
{
  gboolean has = self->article != NULL;
  const char *link = has ? drama_article_get_link (self->article) : NULL;
  gboolean starred = has && drama_article_get_starred (self->article);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.toggle-star", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.mark-unread", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.open-in-browser",
                                 link != NULL && (g_str_has_prefix (link, "https://") ||
                                                  g_str_has_prefix (link, "http://")));
  gtk_button_set_icon_name (self->reader_star_button,
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reader_star_button),
                               starred ? _("Unstar") : _("Star"));
  if (starred)
    gtk_widget_add_css_class (GTK_WIDGET (self->reader_star_button), "starred");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->reader_star_button), "starred");
  gtk_label_set_text (self->reader_title,
                      has && drama_article_get_feed_title (self->article)
                        ? drama_article_get_feed_title (self->article) : "");
}

static void
set_article (DramaNewsPane *self,
             DramaArticle  *article)
{
  if (self->article != NULL)
    g_clear_signal_handler (&self->article_notify, self->article);
  g_set_object (&self->article, article);
  if (article != NULL)
    self->article_notify = g_signal_connect_object (article, "notify::starred",
                                                    G_CALLBACK (update_reader_actions), self,
                                                    G_CONNECT_SWAPPED);
  update_reader_actions (self);
}

static char *
build_page (DramaArticle *article)
{
  const char *content = drama_article_get_content (article);
  const char *body = (content && *content) ? content : drama_article_get_summary (article);
  const char *image = drama_article_get_image (article);
  DramaArticlePageInfo info = {
    .title = drama_article_get_title (article),
    .author = drama_article_get_author (article),
    .feed_title = drama_article_get_feed_title (article),
    .link = drama_article_get_link (article),
    .body_html = body,
    .published = drama_article_get_published (article),
    .dark = adw_style_manager_get_dark (adw_style_manager_get_default ()),
  };

  /* The lead image, unless the body shows it already. */
  if (drama_html_is_safe_link (image) && (body == NULL || strstr (body, image) == NULL))
    info.image = image;

  return drama_article_page_build (&info);
}

static void open_article_by_id (DramaNewsPane *self,
                                gint64         article_id);

static void
open_article (DramaNewsPane *self,
              DramaArticle  *article)
{
  g_autofree char *page = NULL;

  if (article == NULL || self->article_view == NULL)
    return;
  /* Its page is still being read: open it once it is here (the row fills in then too). */
  if (drama_article_list_is_placeholder (article))
    {
      if (self->opening_id != drama_article_get_id (article))
        open_article_by_id (self, drama_article_get_id (article));
      return;
    }
  _drama_cancel_and_clear (&self->open_cancellable);
  self->opening_id = 0;
  /* An article about an episode not seen yet asks first; "Show Anyway" comes back here
   * through drama_news_pane_show_article(). */
  if (!drama_related_spoiler_accepted (GTK_WIDGET (self), article))
    {
      drama_related_open_article (GTK_WIDGET (self), article);
      return;
    }
  if (self->article != NULL &&
      drama_article_get_id (self->article) == drama_article_get_id (article) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->reader_stack), "reader") == 0)
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "reader");
      return;
    }

  set_article (self, article);
  page = build_page (article);
  drama_article_view_show_html_for_feed (self->article_view, drama_article_get_title (article),
                                         page, drama_article_get_feed_url (article));
  gtk_stack_set_visible_child_name (self->reader_stack, "reader");
  adw_leaflet_set_visible_child_name (self->leaflet, "reader");
  _drama_news_pane_update_title (self);

  /* Opening is reading. The row shows it at once; the store follows. */
  if (!drama_article_get_read (article) && self->store != NULL)
    _drama_news_pane_mark_read (self, article, TRUE);
}

static void
article_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DramaNewsPane *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = drama_store_list_finish (DRAMA_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->open_cancellable);
  self->opening_id = 0;
  if (articles == NULL)
    _drama_news_pane_toast_error (self, _("The article could not be opened"), error);
  else if (articles->len == 0)
    _drama_news_pane_add_toast (self,
                                drama_toast_new (_("This article is no longer in your library")));
  else
    open_article (self, g_ptr_array_index (articles, 0));
}

/* Reads the article (with its links: the spoiler check needs them), then opens it. A newer
 * choice cancels this one. */
static void
open_article_by_id (DramaNewsPane *self,
                    gint64         article_id)
{
  gboolean guard = self->settings == NULL ||
                   g_settings_get_boolean (self->settings, DRAMA_SETTINGS_SPOILER_GUARD);

  if (self->store == NULL)
    return;
  _drama_cancel_and_clear (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();
  self->opening_id = article_id;
  drama_store_get_articles_async (self->store, &article_id, 1, guard ? 1 : 0,
                                  self->open_cancellable, article_read_cb, self);
}

static void
close_article (DramaNewsPane *self)
{
  set_article (self, NULL);
  gtk_stack_set_visible_child_name (self->reader_stack, "none");
  if (self->article_view != NULL && !self->showing_html)
    drama_article_view_clear (self->article_view);
  _drama_news_pane_update_title (self);
}

/* ---- the list and its selection ---- */

static void stop_first_paint_watch (DramaNewsPane *self);
static void open_first_screen      (DramaNewsPane *self);
static void restart_first_screen   (DramaNewsPane *self);

static void
on_selection_changed (DramaNewsPane *self)
{
  DramaArticle *article;

  /* A reload moved things around: the reader keeps its article (see on_items_changed_after). */
  if (self->model_changing)
    return;

  article = gtk_single_selection_get_selected_item (self->selection);
  if (article != NULL)
    open_article (self, article);
}

static void
on_items_changed_before (DramaNewsPane *self)
{
  self->model_changing = TRUE;
}

/* A new search or filter replaces most of the list: the selection lets go of its row
 * first. Otherwise GtkSingleSelection, finding its item in the range replaced, would look
 * for it among every added one: a search over 100,000 articles read 60,000 items on this
 * thread (a placeholder each) per keystroke. The article stays open in the reader, and
 * select_reading() selects it again wherever the new list has it. */
static void
release_selection (DramaNewsPane *self)
{
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    return;
  self->model_changing = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->model_changing = FALSE;
  self->reselect = TRUE;
}

static void
select_reading (DramaNewsPane *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  /* Keep the article being read (or about to be) selected wherever the reload put it. */
  if (self->opening_id != 0 || self->article != NULL)
    {
      gint64 id = self->opening_id != 0 ? self->opening_id : drama_article_get_id (self->article);

      position = drama_article_list_find (self->list, id);
      if (position == G_MAXUINT)
        position = GTK_INVALID_LIST_POSITION;
    }
  self->model_changing = TRUE;
  if (gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position);
  self->model_changing = FALSE;
  self->reselect = FALSE;
}

static void
on_items_changed_after (DramaNewsPane *self)
{
  select_reading (self);
  _drama_news_pane_update_pages (self);
}

/* The answer may leave the list as it was (no items-changed): select the article again. */
static void
reselect_if_settled (DramaNewsPane *self)
{
  if (self->reselect && !drama_article_list_get_loading (self->list))
    select_reading (self);
}

static void
row_finalized (gpointer  data,
               GObject  *row)
{
  DramaNewsPane *self = data;

  g_ptr_array_remove_fast (self->rows, row);
}

/* The shared article row factory calls this on each new row. */
static void
setup_row (DramaArticleRow *row,
           gpointer         data)
{
  DramaNewsPane *self = data;

  drama_article_row_set_image_loader (row, self->image_loader, self->load_images);
  /* Rows live as long as the list view wants them: follow their end, not the factory's. */
  g_ptr_array_add (self->rows, row);
  g_object_weak_ref (G_OBJECT (row), row_finalized, self);
}

static void
on_load_images_changed (DramaNewsPane *self)
{
  self->load_images = g_settings_get_boolean (self->settings, DRAMA_SETTINGS_LOAD_IMAGES);
  for (guint i = 0; i < self->rows->len; i++)
    drama_article_row_set_image_loader (g_ptr_array_index (self->rows, i), self->image_loader,
                                        self->load_images);
}

static void
on_spoiler_guard_changed (DramaNewsPane *self)
{
  if (self->list != NULL)
    drama_article_list_set_spoiler_guard (self->list,
                                          g_settings_get_boolean (self->settings,
                                                                  DRAMA_SETTINGS_SPOILER_GUARD));
}

/* ---- filter and search ---- */

static void
on_filter_selected (DramaNewsPane *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);
  FilterChoice *choice;

  if (self->updating_filters || self->list == NULL || selected >= self->filter_choices->len)
    return;

  choice = &g_array_index (self->filter_choices, FilterChoice, selected);
  self->filter_chosen = TRUE;
  release_selection (self);
  drama_article_list_set_filter (self->list, choice->filter, choice->id);
  restart_first_screen (self);
  reselect_if_settled (self);
  _drama_news_pane_save_filter (self, choice->filter, choice->id);
  /* A new list starts at its first row, not half-way down where the old one was. */
  _drama_news_pane_scroll_to_top (self);
  _drama_news_pane_update_feed_error (self);
  _drama_news_pane_update_title (self);
}

static void
on_search_changed (DramaNewsPane *self)
{
  /* The list asks in the background; a newer keystroke cancels the older query. */
  if (self->list == NULL)
    return;
  release_selection (self);
  drama_article_list_set_search (self->list,
                                 gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  restart_first_screen (self);
  reselect_if_settled (self);  /* the same search (say, a space added): nothing to wait for */
}

static void
on_stop_search (DramaNewsPane *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* ---- actions ---- */

static void
step (DramaNewsPane *self,
      int            direction)
{
  guint n, position, target;

  if (self->list == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (n == 0)
    return;

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    target = direction > 0 ? 0 : n - 1;
  else if (direction > 0)
    target = MIN (position + 1, n - 1);
  else
    target = position > 0 ? position - 1 : 0;

  drama_news_pane_open_article (self, target);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  step (DRAMA_NEWS_PANE (widget), 1);
}

static void
previous_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  step (DRAMA_NEWS_PANE (widget), -1);
}

static void
open_in_browser_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);
  const char *link = self->article ? drama_article_get_link (self->article) : NULL;

  /* Through the view's signal, so whoever listens to links sees this one too. */
  if (drama_html_is_safe_link (link) && self->article_view != NULL)
    g_signal_emit_by_name (self->article_view, "link-activated", link);
}

static void
manage_feeds_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  drama_news_pane_show_feeds (DRAMA_NEWS_PANE (widget));
}

static void
show_all_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  drama_news_pane_set_filter (self, DRAMA_ARTICLE_FILTER_ALL, 0);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
retried_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DramaNewsPane) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = drama_feed_updater_refresh_feed_finish (DRAMA_FEED_UPDATER (source), result,
                                                        &error);

  if (self->store == NULL)   /* disposed meanwhile */
    return;
  if (!ok)
    _drama_news_pane_toast_error (self, _("The feed could not be updated"), error);
  _drama_news_pane_update_feed_error (self);
}

static void
retry_feed_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  if (self->updater == NULL || self->list == NULL ||
      drama_article_list_get_filter (self->list) != DRAMA_ARTICLE_FILTER_FEED)
    return;

  drama_feed_updater_refresh_feed_async (self->updater,
                                         drama_article_list_get_filter_id (self->list), NULL,
                                         retried_cb, g_object_ref (self));
}

static void
zoom_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  if (self->article_view == NULL)
    return;

  if (g_str_equal (action_name, "news.zoom-in"))
    gtk_widget_activate_action (GTK_WIDGET (self->article_view), "article.zoom-in", NULL);
  else if (g_str_equal (action_name, "news.zoom-out"))
    gtk_widget_activate_action (GTK_WIDGET (self->article_view), "article.zoom-out", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->article_view), "article.zoom-reset", NULL);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

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
  if (self->feeds_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->feeds_window),
                                    (gpointer *) &self->feeds_window);
      gtk_window_destroy (self->feeds_window);
      self->feeds_window = NULL;
    }
  set_article (self, NULL);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  stop_first_paint_watch (self);
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
    g_object_weak_unref (g_ptr_array_index (self->rows, i), row_finalized, self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->updater);
  g_clear_object (&self->image_loader);
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, reader_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, reader_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);

  gtk_widget_class_install_action (widget_class, "news.set-starred", "(xb)",
                                   _drama_news_pane_set_starred_activated);
  gtk_widget_class_install_action (widget_class, "news.toggle-star", NULL,
                                   _drama_news_pane_toggle_star_activated);
  gtk_widget_class_install_action (widget_class, "news.mark-unread", NULL,
                                   _drama_news_pane_mark_unread_activated);
  gtk_widget_class_install_action (widget_class, "news.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "news.previous", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "news.open-in-browser", NULL,
                                   open_in_browser_activated);
  gtk_widget_class_install_action (widget_class, "news.mark-all-read", NULL,
                                   _drama_news_pane_mark_all_read_activated);
  gtk_widget_class_install_action (widget_class, "news.manage-feeds", NULL,
                                   manage_feeds_activated);
  gtk_widget_class_install_action (widget_class, "news.show-all", NULL, show_all_activated);
  gtk_widget_class_install_action (widget_class, "news.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "news.retry-feed", NULL, retry_feed_activated);
  gtk_widget_class_install_action (widget_class, "news.retry-failed", NULL,
                                   _drama_news_pane_retry_failed_activated);
  gtk_widget_class_install_action (widget_class, "news.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "news.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "news.zoom-reset", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "news.search", NULL, search_activated);

  /* Single keys: a text entry with focus gets them first, so typing is never stolen. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "news.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "news.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "news.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "news.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "news.toggle-star", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, 0, "news.open-in-browser", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "news.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "news.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "news.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "news.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "news.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "news.back", NULL);
}

/* Wide enough in the pop-over for the feed names people give (it grows to fit); longer
 * ones end in "…" and carry the whole name as their tooltip. */
#define DROPDOWN_LIST_CHARS 44

static void
setup_dropdown_label (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  max_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (max_chars));
  gtk_list_item_set_child (item, label);
}

static void
bind_dropdown_label (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  max_chars)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  const char *text = gtk_string_object_get_string (string);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* The whole name when the row may cut it short. */
  drama_ui_set_tooltip (label, g_utf8_strlen (text, -1) > GPOINTER_TO_INT (max_chars)
                                 ? text : NULL);
}

static GtkListItemFactory *
dropdown_factory (int max_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_dropdown_label),
                    GINT_TO_POINTER (max_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_dropdown_label),
                    GINT_TO_POINTER (max_chars));
  return factory;
}

/* GtkDropDown (4.8) sizes its pop-over to the narrowest its rows can be, so every name
 * ends in "…" at once: let its list ask for the width its names need (up to
 * DROPDOWN_LIST_CHARS each). The pop-over and its scrolled list are the drop-down's own
 * children. */
static void
widen_dropdown_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SCROLLED_WINDOW (child))
        gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (child), TRUE);
      widen_dropdown_popover (child);
    }
}

static void
drama_news_pane_init (DramaNewsPane *self)
{
  g_autoptr(GtkListItemFactory) button_factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->library_fraction = -1;
  _drama_news_pane_keys_init (self);

  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->filter_choices = g_array_new (FALSE, FALSE, sizeof (FilterChoice));
  self->filter_labels = gtk_string_list_new (NULL);
  self->load_images = TRUE;

  button_factory = dropdown_factory (14);
  list_factory = dropdown_factory (DROPDOWN_LIST_CHARS);
  gtk_drop_down_set_factory (self->filter_dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->filter_dropdown, list_factory);
  widen_dropdown_popover (GTK_WIDGET (self->filter_dropdown));
  /* The drop-down takes its own reference. */
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (self->filter_labels));
  g_object_unref (self->filter_labels);
  _drama_news_pane_rebuild_filters (self);

  update_reader_actions (self);
  _drama_news_pane_update_feed_error (self);
}

DramaNewsPane *
drama_news_pane_new (void)
{
  return g_object_new (DRAMA_TYPE_NEWS_PANE, NULL);
}

/* ---- the list ---- */

static gboolean
scroll_top_idle (gpointer data)
{
  DramaNewsPane *self = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  self->scroll_idle = 0;
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  return G_SOURCE_REMOVE;
}

static void
on_loading_changed (DramaNewsPane *self)
{
  reselect_if_settled (self);
  /* The first screen grows at frames; an answer that changed nothing brings none. */
  if (self->first_paint_clock != NULL && !drama_article_list_get_loading (self->list))
    gtk_widget_queue_draw (GTK_WIDGET (self->list_view));
  _drama_news_pane_update_pages (self);
  /* A filter switched: its ids are here, and its rows come with the items-changed that
   * follows at once. Once they are in, they show from the first (the list view keeps its
   * place as items change); only this once, not when pages fill in later. */
  if (self->scroll_pending && !drama_article_list_get_loading (self->list))
    {
      self->scroll_pending = FALSE;
      if (self->scroll_idle == 0)
        self->scroll_idle = g_idle_add (scroll_top_idle, self);
    }
}

/* A read of the list failed. With no rows the list's own page says why (update_pages);
 * with rows on screen (blank ones waiting for their page, or rows that could not be read
 * again) a toast does, or they would stay blank or stale without a word. */
static void
on_list_error (DramaNewsPane *self)
{
  const char *message = drama_article_list_get_error_message (self->list);

  _drama_news_pane_update_pages (self);
  if (message != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      _drama_news_pane_add_toast (self,
                                  drama_toast_new_printf (_("Some articles could not be read: %s"),
                                                          message));
    }
}

static void
create_list (DramaNewsPane      *self,
             DramaArticleFilter  filter,
             gint64              filter_id)
{
  self->list = drama_article_list_new (self->store, filter, filter_id, NULL);
  if (self->settings != NULL)
    drama_article_list_set_spoiler_guard (self->list,
                                          g_settings_get_boolean (self->settings,
                                                                  DRAMA_SETTINGS_SPOILER_GUARD));
  drama_article_list_set_search (self->list,
                                 gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  /* Before the selection model connects: see on_items_changed_after. */
  g_signal_connect_swapped (self->list, "items-changed",
                            G_CALLBACK (on_items_changed_before), self);
  gtk_slice_list_model_set_model (self->first_screen, G_LIST_MODEL (self->list));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_data (self->list, "items-changed", G_CALLBACK (on_items_changed_after), self,
                         NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (self->list, "notify::error-message",
                            G_CALLBACK (on_list_error), self);
  g_signal_connect_swapped (self->list, "notify::loading",
                            G_CALLBACK (on_loading_changed), self);
  _drama_news_pane_rebuild_filters (self);
}

/* GTK 4.8's list view keeps 200 rows made around what it shows, whatever its height: the
 * first frame with 100,000 articles spent 54 ms making them, for the 10 it shows. Until it
 * has drawn the first screen it sees only that; then it grows by a screen each frame, so
 * that the rest is made a few rows at a time, not in one stall. */
#define FIRST_SCREEN_ROWS 24
#define LIST_VIEW_ROWS 200

static void
stop_first_paint_watch (DramaNewsPane *self)
{
  /* A clock whose surface went is disposed, its handlers with it. */
  if (self->first_paint_clock != NULL &&
      g_signal_handler_is_connected (self->first_paint_clock, self->first_paint_handler))
    g_signal_handler_disconnect (self->first_paint_clock, self->first_paint_handler);
  self->first_paint_handler = 0;
  g_clear_object (&self->first_paint_clock);
}

static void
open_first_screen (DramaNewsPane *self)
{
  stop_first_paint_watch (self);
  if (self->first_screen != NULL)
    gtk_slice_list_model_set_size (self->first_screen, G_MAXUINT);
}

static void
on_list_after_paint (DramaNewsPane *self)
{
  guint size = gtk_slice_list_model_get_size (self->first_screen);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->first_screen));

  /* Not while a new search or filter is on its way: the rows would be for the old list. */
  if (shown == 0 || (self->list != NULL && drama_article_list_get_loading (self->list)))
    return;
  /* All of it fits (a new size would change nothing, and no frame would follow), or the
   * list view has all the rows it keeps. */
  if (shown < size || size >= LIST_VIEW_ROWS + FIRST_SCREEN_ROWS)
    open_first_screen (self);
  else
    gtk_slice_list_model_set_size (self->first_screen, size + FIRST_SCREEN_ROWS);
  /* The article being read may be among the rows just added. */
  if (self->article != NULL || self->opening_id != 0)
    select_reading (self);
}

static void
on_list_mapped (DramaNewsPane *self)
{
  if (gtk_slice_list_model_get_size (self->first_screen) == G_MAXUINT ||
      self->first_paint_clock != NULL)
    return;
  self->first_paint_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view)));
  self->first_paint_handler = g_signal_connect_swapped (self->first_paint_clock, "after-paint",
                                                        G_CALLBACK (on_list_after_paint), self);
}

/* A new search or filter replaces the list: as at the start, the list view gets the first
 * screen of the new one first, and its rows are the only ones made before it shows (GTK
 * 4.8 makes a row anew for every item replaced, up to the 200 it keeps: 50 ms a
 * keystroke). */
static void
restart_first_screen (DramaNewsPane *self)
{
  if (self->first_screen == NULL || self->list == NULL ||
      !drama_article_list_get_loading (self->list))
    return;
  gtk_slice_list_model_set_size (self->first_screen, FIRST_SCREEN_ROWS);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    on_list_mapped (self);
}

/* The window shows at once: the feeds, the watchlist's default filter and then the ids
 * are read in the background, the list (empty until then) is created when the default is
 * known. */
static void
attach_list (DramaNewsPane *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  /* The article list comes later (create_list): the selection waits for it. */
  self->first_screen = gtk_slice_list_model_new (NULL, 0, FIRST_SCREEN_ROWS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->first_screen)));
  g_signal_connect_object (self->list_view, "map", G_CALLBACK (on_list_mapped), self,
                           G_CONNECT_SWAPPED);
  /* Hidden before it drew: the next map watches the clock it then has. */
  g_signal_connect_object (self->list_view, "unmap", G_CALLBACK (stop_first_paint_watch), self,
                           G_CONNECT_SWAPPED);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    on_list_mapped (self);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed), self);

  factory = drama_article_row_factory_new (setup_row, self, NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Only feed changes: the drop-down shows titles and errors, not unread counts. */
  g_signal_connect_swapped (self->store, "changed::feed",
                            G_CALLBACK (_drama_news_pane_on_feeds_changed), self);
  /* The filter changes only when the user changes it: the one chosen last time (or All
   * until set_application brings the settings). */
  if (self->filter_chosen)
    create_list (self, self->chosen_filter, self->chosen_filter_id);
  else
    {
      DramaArticleFilter filter = DRAMA_ARTICLE_FILTER_ALL;
      gint64 filter_id = 0;

      if (self->settings != NULL)
        _drama_news_pane_saved_filter (self, &filter, &filter_id);
      create_list (self, filter, filter_id);
    }
  _drama_news_pane_queue_feeds (self, TRUE);
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
  stop_first_paint_watch (self);
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
  close_article (self);

  g_set_object (&self->store, store);
  if (store != NULL)
    attach_list (self);
  _drama_news_pane_rebuild_filters (self);
}

DramaStore *
drama_news_pane_get_store (DramaNewsPane *self)
{
  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), NULL);

  return self->store;
}

void
drama_news_pane_set_application (DramaNewsPane    *self,
                                 DramaApplication *application)
{
  DramaFeedUpdater *updater;

  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));
  g_return_if_fail (DRAMA_IS_APPLICATION (application));

  g_set_object (&self->image_loader, drama_application_get_image_loader (application));
  g_set_object (&self->settings, drama_application_get_settings (application));
  if (self->settings != NULL)
    {
      g_signal_connect_swapped (self->settings, "changed::" DRAMA_SETTINGS_LOAD_IMAGES,
                                G_CALLBACK (on_load_images_changed), self);
      g_signal_connect_swapped (self->settings, "changed::" DRAMA_SETTINGS_SPOILER_GUARD,
                                G_CALLBACK (on_spoiler_guard_changed), self);
      on_load_images_changed (self);
      on_spoiler_guard_changed (self);
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

  set_article (self, NULL);
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
        create_list (self, filter, filter_id);
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
  open_first_screen (self);
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  /* Selecting opens it, unless it was selected already. */
  article = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  open_article (self, article);
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
  open_article (self, article);
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
  adw_window_set_content (ADW_WINDOW (window),
                          GTK_WIDGET (drama_feed_list_new (self->store, self->updater)));

  self->feeds_window = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->feeds_window);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}
