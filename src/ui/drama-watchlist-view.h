#pragma once

#include <gtk/gtk.h>

#include "drama-image-loader.h"
#include "drama-store.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_WATCHLIST_VIEW (drama_watchlist_view_get_type ())

/* The sidebar: the shows on the watchlist (filter by status and text, sorted by the
 * watchlist-sort setting) and the Upcoming view, or an empty state inviting the user to
 * add a show. Signals: "show-activated" (gint64 show_id) when the user picks a show. */
G_DECLARE_FINAL_TYPE (DramaWatchlistView, drama_watchlist_view, DRAMA, WATCHLIST_VIEW, GtkWidget)

DramaWatchlistView *drama_watchlist_view_new       (void);
void                drama_watchlist_view_set_store (DramaWatchlistView *self,
                                                    DramaStore         *store);
DramaStore         *drama_watchlist_view_get_store (DramaWatchlistView *self);
/* Posters (may be NULL) and the settings holding the sort order (may be NULL). */
void                drama_watchlist_view_set_image_loader (DramaWatchlistView *self,
                                                           DramaImageLoader   *loader);
void                drama_watchlist_view_set_settings     (DramaWatchlistView *self,
                                                           GSettings          *settings);
/* Re-reads the store and switches between the list and the empty state. */
void                drama_watchlist_view_reload    (DramaWatchlistView *self);
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
