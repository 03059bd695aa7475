#pragma once

/* DramaWindow: for the tests only. Nothing outside the window calls these (it uses
 * drama_window_get_store() itself). */

#include "drama-window.h"

G_BEGIN_DECLS

/* NULL when the library could not be opened (the window then shows why). */
DramaStore         *drama_window_get_store          (DramaWindow      *self);
DramaWatchlistView *drama_window_get_watchlist_view (DramaWindow      *self);
DramaShowPage      *drama_window_get_show_page      (DramaWindow      *self);

G_END_DECLS
