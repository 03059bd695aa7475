#pragma once

#include <gtk/gtk.h>

#include "drama-image-loader.h"
#include "drama-show-list.h"
#include "drama-store.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_WATCHLIST_VIEW (drama_watchlist_view_get_type ())

/* The sidebar: the shows on the watchlist (filter by status and text, sorted by the
 * watchlist-sort setting) and the Upcoming view, or an empty state inviting the user to
 * add a show. Both filter and sort one DramaShowList (the application's): they never
 * ask the store themselves. Signals: "show-activated" (gint64 show_id) when the user
 * picks a show. */
G_DECLARE_FINAL_TYPE (DramaWatchlistView, drama_watchlist_view, DRAMA, WATCHLIST_VIEW, GtkWidget)

DramaWatchlistView *drama_watchlist_view_new       (void);
/* The shows to list (shared with the other views). */
void                drama_watchlist_view_set_show_list (DramaWatchlistView *self,
                                                        DramaShowList      *list);
DramaShowList      *drama_watchlist_view_get_show_list (DramaWatchlistView *self);
/* Without a list of the application's: a list of its own over store. */
void                drama_watchlist_view_set_store (DramaWatchlistView *self,
                                                    DramaStore         *store);
DramaStore         *drama_watchlist_view_get_store (DramaWatchlistView *self);
/* Posters (may be NULL) and the settings holding the sort order (may be NULL). */
void                drama_watchlist_view_set_image_loader (DramaWatchlistView *self,
                                                           DramaImageLoader   *loader);
void                drama_watchlist_view_set_settings     (DramaWatchlistView *self,
                                                           GSettings          *settings);
/* Asks the list to read every show again (it follows the store's changes by itself). */
void                drama_watchlist_view_reload    (DramaWatchlistView *self);
/* Says the relative times ("in 3 h") again as of now (Unix seconds), as the view's
 * minute clock does; reads nothing. */
void                drama_watchlist_view_tick      (DramaWatchlistView *self,
                                                    gint64              now);
/* TRUE while the "No Shows Yet" state is shown. */
gboolean            drama_watchlist_view_is_empty  (DramaWatchlistView *self);
/* Highlights the show in the list (0 = none), e.g. when it was opened from elsewhere. */
void                drama_watchlist_view_select_show (DramaWatchlistView *self,
                                                      gint64              show_id);
/* The list's model: DramaShow items as shown (after filtering). */
GListModel         *drama_watchlist_view_get_model (DramaWatchlistView *self);
/* "shows" or "upcoming". */
void                drama_watchlist_view_set_page  (DramaWatchlistView *self,
                                                    const char         *name);

G_END_DECLS
