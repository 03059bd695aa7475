#define G_LOG_DOMAIN "drama-watchlist-view"

#include "config.h"

#include "drama-watchlist-view.h"
#include "drama-watchlist-view-test.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-settings.h"
#include "drama-show-row.h"
#include "drama-upcoming-view.h"
#include "drama-ui-text.h"

struct _DramaWatchlistView
{
  GtkWidget           parent_instance;

  AdwViewStack       *view_stack;
  GtkStack           *stack;
  GtkStack           *list_stack;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  AdwStatusPage      *no_match_page;
  GtkScrolledWindow  *list_scroller;
  GtkListView        *list_view;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  DramaUpcomingView  *upcoming_view;

  /* The application's live list of shows, filtered and sorted here: no view of ours
   * asks the store for the shows. */
  DramaShowList      *list;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkCustomSorter    *sorter;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GSimpleActionGroup *actions;
  GPtrArray          *bound_rows;      /* DramaShowRow bound to a show now */

  DramaStore         *store;
  DramaImageLoader   *loader;
  GSettings          *settings;
  GTimeZone          *local;
  int                 status_filter;   /* DramaWatchStatus or -1 */
  char               *folded_text;     /* the search as the filter compares it; NULL = none */
  DramaShowSort       sort;
  gint64              selected_id;
  guint               tick_id;
};

G_DEFINE_FINAL_TYPE (DramaWatchlistView, drama_watchlist_view, GTK_TYPE_WIDGET)

enum {
  SHOW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Targets of watchlist.status, in DramaWatchStatus order. */
static const char * const status_names[] = {
  "watching", "plan-to-watch", "on-hold", "completed", "dropped",
};

static DramaShowSort
sort_from_name (const char *sort)
{
  if (g_strcmp0 (sort, "title") == 0)
    return DRAMA_SHOW_SORT_TITLE;
  if (g_strcmp0 (sort, "last-watched") == 0)
    return DRAMA_SHOW_SORT_LAST_WATCHED;
  return DRAMA_SHOW_SORT_NEXT_AIRING;
}

static void
select_position_of (DramaWatchlistView *self,
                    gint64              show_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DramaShow) show = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (show_id != 0 && drama_show_get_id (show) == show_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* The empty state is for a watchlist with nothing on it, not for a filter; before the
 * list is in, the (empty) list is shown rather than an invitation to add a show. */
static void
update_state (DramaWatchlistView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint all = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  gboolean loaded = self->list == NULL || drama_show_list_get_loaded (self->list);
  const char *error = self->list != NULL ? drama_show_list_get_error_message (self->list) : NULL;

  /* A read that failed with nothing to show says so, rather than an empty list or an
   * invitation to add a first show. */
  if (error != NULL && all == 0)
    {
      drama_status_page_set_text (self->error_page, error);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (shown > 0 || !loaded)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      gtk_stack_set_visible_child_name (self->list_stack, "list");
    }
  else if (all > 0)
    {
      drama_status_page_set_text (self->no_match_page,
                                  self->status_filter >= 0
                                  ? drama_watch_status_to_label (self->status_filter)
                                  : NULL);
      gtk_stack_set_visible_child_name (self->stack, "list");
      gtk_stack_set_visible_child_name (self->list_stack, "no-match");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Shows move as they change (a new next episode, another title): the highlight follows
 * the show, not the position. */
static void
on_sorted_items_changed (DramaWatchlistView *self)
{
  select_position_of (self, self->selected_id);
  update_state (self);
}

static void
on_retry_clicked (DramaWatchlistView *self)
{
  if (self->list != NULL)
    drama_show_list_reload (self->list);
}

/* A read that failed while shows are listed leaves them as they were: say that they may
 * be out of date. */
static void
on_list_error (DramaWatchlistView *self)
{
  const char *error = drama_show_list_get_error_message (self->list);
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  update_state (self);
  if (error != NULL && overlay != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                   drama_toast_new_printf (_("Your shows could not be read again: %s"),
                                                           error));
    }
}

static gboolean
filter_show (gpointer item,
             gpointer user_data)
{
  DramaWatchlistView *self = user_data;
  DramaShow *show = item;

  if (self->status_filter >= 0 && (int) drama_show_get_user_status (show) != self->status_filter)
    return FALSE;
  return self->folded_text == NULL || drama_show_list_show_matches (show, self->folded_text);
}

static int
compare_shows (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  DramaWatchlistView *self = user_data;

  return gtk_ordering_from_cmpfunc (drama_show_list_compare ((DramaShow *) a, (DramaShow *) b,
                                                             self->sort));
}

static void
on_search_changed (DramaWatchlistView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *old = g_steal_pointer (&self->folded_text);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (text != NULL && *text != '\0')
    self->folded_text = drama_show_list_fold_text (text);

  /* Typing on narrows the list; deleting widens it: the filter model then looks only at
   * the shows that could change side. */
  if (g_strcmp0 (old, self->folded_text) == 0)
    return;
  if (old == NULL || (self->folded_text != NULL && strstr (self->folded_text, old) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->folded_text == NULL || strstr (old, self->folded_text) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_state (self);
}

static void
on_list_activate (DramaWatchlistView *self,
                  guint               position)
{
  g_autoptr(DramaShow) show = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (show == NULL)
    return;

  self->selected_id = drama_show_get_id (show);
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[SHOW_ACTIVATED], 0, drama_show_get_id (show));
}

static void
on_upcoming_show_activated (DramaUpcomingView  *view,
                            gint64              show_id,
                            DramaWatchlistView *self)
{
  self->selected_id = show_id;
  select_position_of (self, show_id);
  g_signal_emit (self, signals[SHOW_ACTIVATED], 0, show_id);
}

/* ---- list items ---- */

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            DramaWatchlistView       *self)
{
  gtk_list_item_set_child (item, GTK_WIDGET (drama_show_row_new ()));
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           DramaWatchlistView       *self)
{
  DramaShowRow *row = DRAMA_SHOW_ROW (gtk_list_item_get_child (item));

  drama_show_row_set_show (row, gtk_list_item_get_item (item), self->loader, self->local,
                           g_get_real_time () / G_USEC_PER_SEC);
  if (!g_ptr_array_find (self->bound_rows, row, NULL))
    g_ptr_array_add (self->bound_rows, row);
}

static void
unbind_item (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             DramaWatchlistView       *self)
{
  DramaShowRow *row = DRAMA_SHOW_ROW (gtk_list_item_get_child (item));

  g_ptr_array_remove (self->bound_rows, row);
  drama_show_row_set_show (row, NULL, NULL, self->local, 0);
}

/* ---- actions ---- */

static void
set_sort (DramaWatchlistView *self,
          DramaShowSort       sort)
{
  if (self->sort == sort)
    return;
  self->sort = sort;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
status_change_state (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
  DramaWatchlistView *self = user_data;
  const char *name = g_variant_get_string (value, NULL);

  self->status_filter = -1;
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (name, status_names[i]))
      self->status_filter = (int) i;

  g_simple_action_set_state (action, value);
  /* A filter that hides shows is easy to forget: the button says it is on. */
  if (self->status_filter >= 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
sort_change_state (GSimpleAction *action,
                   GVariant      *value,
                   gpointer       user_data)
{
  DramaWatchlistView *self = user_data;

  g_simple_action_set_state (action, value);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, DRAMA_SETTINGS_WATCHLIST_SORT,
                           g_variant_get_string (value, NULL));
  set_sort (self, sort_from_name (g_variant_get_string (value, NULL)));
}

static void
on_sort_setting_changed (GSettings          *settings,
                         const char         *key,
                         DramaWatchlistView *self)
{
  g_autofree char *sort = g_settings_get_string (settings, key);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "sort");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (sort));
  set_sort (self, sort_from_name (sort));
}

/* ---- relative times ---- */

static gboolean
tick_cb (gpointer user_data)
{
  DramaWatchlistView *self = user_data;

  /* "in 3 h" goes stale: say it again once a minute while on screen. Only the words
   * move: the list itself moves on when an episode airs (DramaShowList). */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "shows") == 0)
    drama_watchlist_view_tick (self, g_get_real_time () / G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

static void
drama_watchlist_view_map (GtkWidget *widget)
{
  DramaWatchlistView *self = DRAMA_WATCHLIST_VIEW (widget);

  GTK_WIDGET_CLASS (drama_watchlist_view_parent_class)->map (widget);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (60, tick_cb, self);
}

static void
drama_watchlist_view_unmap (GtkWidget *widget)
{
  DramaWatchlistView *self = DRAMA_WATCHLIST_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (drama_watchlist_view_parent_class)->unmap (widget);
}

static void
drama_watchlist_view_dispose (GObject *object)
{
  DramaWatchlistView *self = DRAMA_WATCHLIST_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_WATCHLIST_VIEW);
  /* The template's top child has no id, so dispose_template leaves it: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->loader);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);
  g_clear_pointer (&self->local, g_time_zone_unref);
  g_clear_pointer (&self->folded_text, g_free);

  G_OBJECT_CLASS (drama_watchlist_view_parent_class)->dispose (object);
}

static void
drama_watchlist_view_class_init (DramaWatchlistViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_watchlist_view_dispose;
  widget_class->map = drama_watchlist_view_map;
  widget_class->unmap = drama_watchlist_view_unmap;

  /**
   * DramaWatchlistView::show-activated:
   * @show_id: the store id of the show the user picked
   */
  signals[SHOW_ACTIVATED] =
    g_signal_new ("show-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (DRAMA_TYPE_UPCOMING_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramawatchlistview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-watchlist-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, list_view);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, upcoming_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_upcoming_show_activated);
}

static void
drama_watchlist_view_init (DramaWatchlistView *self)
{
  static const GActionEntry entries[] = {
    { "status", NULL, "s", "'all'", status_change_state },
    { "sort", NULL, "s", "'next-airing'", sort_change_state },
  };
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->status_filter = -1;
  self->sort = DRAMA_SHOW_SORT_NEXT_AIRING;
  self->local = g_time_zone_new_local ();
  self->bound_rows = g_ptr_array_new ();

  self->filter = gtk_custom_filter_new (filter_show, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sorter = gtk_custom_sorter_new (compare_shows, self, NULL);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (GTK_SORTER (self->sorter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (on_sorted_items_changed),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "watchlist", G_ACTION_GROUP (self->actions));
}

DramaWatchlistView *
drama_watchlist_view_new (void)
{
  return g_object_new (DRAMA_TYPE_WATCHLIST_VIEW, NULL);
}

void
drama_watchlist_view_set_show_list (DramaWatchlistView *self,
                                    DramaShowList      *list)
{
  g_return_if_fail (DRAMA_IS_WATCHLIST_VIEW (self));
  g_return_if_fail (list == NULL || DRAMA_IS_SHOW_LIST (list));

  if (self->list == list)
    return;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_set_object (&self->list, list);
  g_clear_object (&self->store);
  if (list != NULL)
    self->store = g_object_ref (drama_show_list_get_store (list));
  if (list != NULL)
    {
      g_signal_connect_swapped (list, "notify::loaded", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (list, "items-changed", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (list, "notify::error-message", G_CALLBACK (on_list_error), self);
    }

  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (list));
  drama_upcoming_view_set_show_list (self->upcoming_view, list);
  update_state (self);
}

void
drama_watchlist_view_set_store (DramaWatchlistView *self,
                                DramaStore         *store)
{
  g_autoptr(DramaShowList) list = NULL;

  g_return_if_fail (DRAMA_IS_WATCHLIST_VIEW (self));
  g_return_if_fail (store == NULL || DRAMA_IS_STORE (store));

  if (self->store == store)
    return;
  if (store != NULL)
    list = drama_show_list_new (store);
  drama_watchlist_view_set_show_list (self, list);
}

void
drama_watchlist_view_set_image_loader (DramaWatchlistView *self,
                                       DramaImageLoader   *loader)
{
  g_return_if_fail (DRAMA_IS_WATCHLIST_VIEW (self));

  if (!g_set_object (&self->loader, loader))
    return;
  for (guint i = 0; i < self->bound_rows->len; i++)
    {
      DramaShowRow *row = g_ptr_array_index (self->bound_rows, i);

      drama_show_row_set_show (row, drama_show_row_get_show (row), loader, self->local,
                               g_get_real_time () / G_USEC_PER_SEC);
    }
}

void
drama_watchlist_view_set_settings (DramaWatchlistView *self,
                                   GSettings          *settings)
{
  g_return_if_fail (DRAMA_IS_WATCHLIST_VIEW (self));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      g_signal_connect (settings, "changed::" DRAMA_SETTINGS_WATCHLIST_SORT,
                        G_CALLBACK (on_sort_setting_changed), self);
      on_sort_setting_changed (settings, DRAMA_SETTINGS_WATCHLIST_SORT, self);
    }
}

void
drama_watchlist_view_tick (DramaWatchlistView *self,
                           gint64              now)
{
  g_return_if_fail (DRAMA_IS_WATCHLIST_VIEW (self));

  for (guint i = 0; i < self->bound_rows->len; i++)
    drama_show_row_set_now (g_ptr_array_index (self->bound_rows, i), now);
}

gboolean
drama_watchlist_view_is_empty (DramaWatchlistView *self)
{
  g_return_val_if_fail (DRAMA_IS_WATCHLIST_VIEW (self), TRUE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

void
drama_watchlist_view_select_show (DramaWatchlistView *self,
                                  gint64              show_id)
{
  g_return_if_fail (DRAMA_IS_WATCHLIST_VIEW (self));

  self->selected_id = show_id;
  select_position_of (self, show_id);
}

GListModel *
drama_watchlist_view_get_model (DramaWatchlistView *self)
{
  g_return_val_if_fail (DRAMA_IS_WATCHLIST_VIEW (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

void
drama_watchlist_view_set_page (DramaWatchlistView *self,
                               const char         *name)
{
  g_return_if_fail (DRAMA_IS_WATCHLIST_VIEW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}
