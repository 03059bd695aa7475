#pragma once

#include <gtk/gtk.h>

#include "drama-show-list.h"
#include "drama-image-loader.h"
#include "drama-store.h"
#include "drama-tvmaze.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_SHOW_PAGE (drama_show_page_get_type ())

/* The middle pane: one show in detail (poster, facts, schedule in the network's zone and
 * the user's, summary, the user's status/rating/notes, cast, episodes by season with seen
 * checks and progress), or "No Show Selected". It never waits on the store: opening a show
 * reads it in one job on the store's thread (the page fills when it answers), the user's
 * changes show at once and are written in the background, and the store's changes update
 * the rows they name.
 * Property "title" (string): what the pane's header shows (the show's name or ""). */
G_DECLARE_FINAL_TYPE (DramaShowPage, drama_show_page, DRAMA, SHOW_PAGE, GtkWidget)

DramaShowPage *drama_show_page_new         (void);
void           drama_show_page_set_store   (DramaShowPage *self,
                                            DramaStore    *store);
void           drama_show_page_set_image_loader (DramaShowPage    *self,
                                                 DramaImageLoader *loader);
/* The watchlist: the news' show chips tell shows of one name apart with it. */
void           drama_show_page_set_show_list (DramaShowPage *self,
                                              DramaShowList *show_list);
/* The client a cast member's page asks for their roles (NULL: the cast rows open nothing). */
void           drama_show_page_set_tvmaze   (DramaShowPage *self,
                                             DramaTvmaze   *tvmaze);
/* The settings holding the spoiler guard of the episodes' news and of the News tab (may
 * be NULL: the guard on). */
void           drama_show_page_set_settings (DramaShowPage *self,
                                             GSettings     *settings);
/* 0 = no show (the empty state). */
void           drama_show_page_set_show_id (DramaShowPage *self,
                                            gint64         show_id);
gint64         drama_show_page_get_show_id (DramaShowPage *self);
const char    *drama_show_page_get_title   (DramaShowPage *self);

G_END_DECLS
