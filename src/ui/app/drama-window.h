#pragma once

#include <adwaita.h>

#include "drama-application.h"
#include "drama-news-pane.h"
#include "drama-show-page.h"
#include "drama-store.h"
#include "drama-watchlist-view.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_WINDOW (drama_window_get_type ())

/* The main window: watchlist | show page | news, side by side when there is room and one
 * at a time (with back buttons) on a narrow screen.
 * Window actions: win.add-show, win.add-feed, win.show-news, win.show-help-overlay.
 * Signals: "add-show-requested" () and "add-feed-requested" (), emitted by win.add-show and
 * win.add-feed before the window opens the dialog itself: for the tests (nothing in the app
 * connects to them), which count them. */
G_DECLARE_FINAL_TYPE (DramaWindow, drama_window, DRAMA, WINDOW, AdwApplicationWindow)

DramaWindow        *drama_window_new                (DramaApplication *application);
DramaApplication   *drama_window_get_application    (DramaWindow      *self);

/* Takes ownership of toast (as adw_toast_overlay_add_toast does). */
void                drama_window_add_toast          (DramaWindow      *self,
                                                     AdwToast         *toast);
/* Shows a show on the show page and brings the page into view. 0 = none. */
void                drama_window_show_show          (DramaWindow      *self,
                                                     gint64            show_id);
/* Brings the news pane into view (on narrow windows it is a page of its own). */
void                drama_window_show_news          (DramaWindow      *self);
/* Opens the search of everything (win.search) holding text, searched at once. */
void                drama_window_search             (DramaWindow      *self,
                                                     const char       *text);

DramaNewsPane      *drama_window_get_news_pane      (DramaWindow      *self);

G_END_DECLS
