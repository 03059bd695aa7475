#pragma once

#include <gtk/gtk.h>

#include "drama-image-loader.h"
#include "drama-show.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_SHOW_ROW (drama_show_row_get_type ())

/* One show in the watchlist: poster, title, the user's status, progress ("12 / 32") and
 * the next episode in local time ("Ep 13 · Wed 22:00 · in 3 h"). */
G_DECLARE_FINAL_TYPE (DramaShowRow, drama_show_row, DRAMA, SHOW_ROW, GtkWidget)

DramaShowRow *drama_show_row_new               (void);
/* show NULL clears the row (a recycled list item). loader may be NULL (no poster). The
 * row follows the show's notify signals until it is given another one. */
void          drama_show_row_set_show          (DramaShowRow     *self,
                                                DramaShow        *show,
                                                DramaImageLoader *loader,
                                                GTimeZone        *local,
                                                gint64            now);
/* Formats the relative time of the next episode ("in 3 h") again as of now. */
void          drama_show_row_set_now           (DramaShowRow     *self,
                                                gint64            now);
DramaShow    *drama_show_row_get_show          (DramaShowRow     *self);
/* "12 / 32", as shown. */
const char   *drama_show_row_get_progress_text (DramaShowRow     *self);

G_END_DECLS
