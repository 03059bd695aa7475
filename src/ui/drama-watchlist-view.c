#define G_LOG_DOMAIN "drama-watchlist-view"

#include "config.h"

#include "drama-watchlist-view.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

struct _DramaWatchlistView
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkScrolledWindow *list_scroller;

  DramaStore        *store;
};

G_DEFINE_FINAL_TYPE (DramaWatchlistView, drama_watchlist_view, GTK_TYPE_WIDGET)

enum {
  SHOW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_shows_changed (DramaStore         *store,
                  DramaWatchlistView *self)
{
  drama_watchlist_view_reload (self);
}

static void
drama_watchlist_view_dispose (GObject *object)
{
  DramaWatchlistView *self = DRAMA_WATCHLIST_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_WATCHLIST_VIEW);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drama_watchlist_view_parent_class)->dispose (object);
}

static void
drama_watchlist_view_class_init (DramaWatchlistViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_watchlist_view_dispose;

  /**
   * DramaWatchlistView::show-activated:
   * @show_id: the store id of the show the user picked
   */
  signals[SHOW_ACTIVATED] =
    g_signal_new ("show-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramawatchlistview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-watchlist-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DramaWatchlistView, list_scroller);
}

static void
drama_watchlist_view_init (DramaWatchlistView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DramaWatchlistView *
drama_watchlist_view_new (void)
{
  return g_object_new (DRAMA_TYPE_WATCHLIST_VIEW, NULL);
}

void
drama_watchlist_view_set_store (DramaWatchlistView *self,
                                DramaStore         *store)
{
  g_return_if_fail (DRAMA_IS_WATCHLIST_VIEW (self));
  g_return_if_fail (store == NULL || DRAMA_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "shows-changed", G_CALLBACK (on_shows_changed), self);

  drama_watchlist_view_reload (self);
}

DramaStore *
drama_watchlist_view_get_store (DramaWatchlistView *self)
{
  g_return_val_if_fail (DRAMA_IS_WATCHLIST_VIEW (self), NULL);

  return self->store;
}

void
drama_watchlist_view_reload (DramaWatchlistView *self)
{
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DRAMA_IS_WATCHLIST_VIEW (self));

  if (self->store != NULL)
    {
      shows = drama_store_list_shows (self->store, -1, NULL, DRAMA_SHOW_SORT_TITLE, &error);
      if (shows == NULL)
        g_warning ("Could not list the shows: %s", error->message);
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    shows != NULL && shows->len > 0 ? "list" : "empty");
}

gboolean
drama_watchlist_view_is_empty (DramaWatchlistView *self)
{
  g_return_val_if_fail (DRAMA_IS_WATCHLIST_VIEW (self), TRUE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}
