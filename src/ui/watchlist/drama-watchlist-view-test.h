#pragma once

/* drama-watchlist-view.h's calls for the tests only: what they read of the widget and the clock they
 * drive. The app never calls them. */

#include "drama-watchlist-view.h"

G_BEGIN_DECLS

/* Says the relative times ("in 3 h") again as of now (Unix seconds), as the view's
 * minute clock does; reads nothing. */
void                drama_watchlist_view_tick      (DramaWatchlistView *self,
                                                    gint64              now);
/* TRUE while the "No Shows Yet" state is shown. */
gboolean            drama_watchlist_view_is_empty  (DramaWatchlistView *self);
/* The list's model: DramaShow items as shown (after filtering). */
GListModel         *drama_watchlist_view_get_model (DramaWatchlistView *self);
/* "shows" or "upcoming". */
void                drama_watchlist_view_set_page  (DramaWatchlistView *self,
                                                    const char         *name);

G_END_DECLS
