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
/* Without a list of the application's: a list of its own over store. */
void                drama_watchlist_view_set_store (DramaWatchlistView *self,
                                                    DramaStore         *store);
/* Posters (may be NULL) and the settings holding the sort order (may be NULL). */
void                drama_watchlist_view_set_image_loader (DramaWatchlistView *self,
                                                           DramaImageLoader   *loader);
void                drama_watchlist_view_set_settings     (DramaWatchlistView *self,
                                                           GSettings          *settings);
/* Highlights the show in the list (0 = none), e.g. when it was opened from elsewhere. */
void                drama_watchlist_view_select_show (DramaWatchlistView *self,
                                                      gint64              show_id);

G_END_DECLS
