#pragma once

#include <gtk/gtk.h>

#include "drama-store.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_WATCHLIST_VIEW (drama_watchlist_view_get_type ())

/* The sidebar: the shows on the watchlist, or an empty state inviting the user to add one.
 * Signals: "show-activated" (gint64 show_id) when the user picks a show. */
G_DECLARE_FINAL_TYPE (DramaWatchlistView, drama_watchlist_view, DRAMA, WATCHLIST_VIEW, GtkWidget)

DramaWatchlistView *drama_watchlist_view_new       (void);
void                drama_watchlist_view_set_store (DramaWatchlistView *self,
                                                    DramaStore         *store);
DramaStore         *drama_watchlist_view_get_store (DramaWatchlistView *self);
/* Re-reads the store and switches between the list and the empty state. */
void                drama_watchlist_view_reload    (DramaWatchlistView *self);
/* TRUE while the "No Shows Yet" state is shown. */
gboolean            drama_watchlist_view_is_empty  (DramaWatchlistView *self);

G_END_DECLS
