#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane-private.h"

#include <glib/gi18n-lib.h>

#include "drama-article-row.h"
#include "drama-settings.h"
#include "drama-ui-text.h"

/* The list: which page shows (the list, or why it is empty), the article list model with
 * the slice of it the list view sees first (the first screen), the rows the shared row
 * factory makes, the selection that opens the article in the reader and keeps it selected
 * across reloads, and the filter drop-down and search entry that change the list. */

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

/* ---- the selection ---- */

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
    _drama_news_pane_open_article (self, article);
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

void
_drama_news_pane_row_finalized (gpointer  data,
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
  drama_article_row_set_show_list (row, self->show_list);
  /* Rows live as long as the list view wants them: follow their end, not the factory's. */
  g_ptr_array_add (self->rows, row);
  g_object_weak_ref (G_OBJECT (row), _drama_news_pane_row_finalized, self);
}

void
_drama_news_pane_on_load_images_changed (DramaNewsPane *self)
{
  self->load_images = g_settings_get_boolean (self->settings, DRAMA_SETTINGS_LOAD_IMAGES);
  for (guint i = 0; i < self->rows->len; i++)
    drama_article_row_set_image_loader (g_ptr_array_index (self->rows, i), self->image_loader,
                                        self->load_images);
}

void
_drama_news_pane_on_spoiler_guard_changed (DramaNewsPane *self)
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

void
_drama_news_pane_create_list (DramaNewsPane      *self,
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

void
_drama_news_pane_stop_first_paint_watch (DramaNewsPane *self)
{
  /* A clock whose surface went is disposed, its handlers with it. */
  if (self->first_paint_clock != NULL &&
      g_signal_handler_is_connected (self->first_paint_clock, self->first_paint_handler))
    g_signal_handler_disconnect (self->first_paint_clock, self->first_paint_handler);
  self->first_paint_handler = 0;
  g_clear_object (&self->first_paint_clock);
}

void
_drama_news_pane_open_first_screen (DramaNewsPane *self)
{
  _drama_news_pane_stop_first_paint_watch (self);
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
    _drama_news_pane_open_first_screen (self);
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
void
_drama_news_pane_attach_list (DramaNewsPane *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  /* The article list comes later (_drama_news_pane_create_list): the selection waits for it. */
  self->first_screen = gtk_slice_list_model_new (NULL, 0, FIRST_SCREEN_ROWS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->first_screen)));
  g_signal_connect_object (self->list_view, "map", G_CALLBACK (on_list_mapped), self,
                           G_CONNECT_SWAPPED);
  /* Hidden before it drew: the next map watches the clock it then has. */
  g_signal_connect_object (self->list_view, "unmap",
                           G_CALLBACK (_drama_news_pane_stop_first_paint_watch), self,
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
    _drama_news_pane_create_list (self, self->chosen_filter, self->chosen_filter_id);
  else
    {
      DramaArticleFilter filter = DRAMA_ARTICLE_FILTER_ALL;
      gint64 filter_id = 0;

      if (self->settings != NULL)
        _drama_news_pane_saved_filter (self, &filter, &filter_id);
      _drama_news_pane_create_list (self, filter, filter_id);
    }
  _drama_news_pane_queue_feeds (self, TRUE);
}

void
_drama_news_pane_list_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_filter_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
}
