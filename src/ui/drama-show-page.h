#pragma once

#include <gtk/gtk.h>

#include "drama-store.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_SHOW_PAGE (drama_show_page_get_type ())

/* The middle pane: one show in detail, or "No Show Selected".
 * Property "title" (string): what the pane's header shows (the show's name or ""). */
G_DECLARE_FINAL_TYPE (DramaShowPage, drama_show_page, DRAMA, SHOW_PAGE, GtkWidget)

DramaShowPage *drama_show_page_new         (void);
void           drama_show_page_set_store   (DramaShowPage *self,
                                            DramaStore    *store);
DramaStore    *drama_show_page_get_store   (DramaShowPage *self);
/* 0 = no show (the empty state). */
void           drama_show_page_set_show_id (DramaShowPage *self,
                                            gint64         show_id);
gint64         drama_show_page_get_show_id (DramaShowPage *self);
const char    *drama_show_page_get_title   (DramaShowPage *self);

G_END_DECLS
