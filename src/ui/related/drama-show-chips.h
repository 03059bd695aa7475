#pragma once

#include <gtk/gtk.h>

#include "drama-article.h"
#include "drama-show-list.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_SHOW_CHIPS (drama_show_chips_get_type ())

/* A row of small pill buttons, one per show an article is tied to (at most three, then
 * "+N"), each with the show's name, and its year (else network) when another show of the
 * watchlist has the same name: "Signal (2016)", "Signal (2023)". Clicking one emits "show-activated" (gint64 show_id), whose default handler opens
 * the show in the window the chips are in. Hidden while there is no chip. Made to be set
 * again and again in list rows: the chip widgets are kept and reused, each has the
 * accessible name "Open “Show”", and its tooltip (the same words) is made when shown. */
G_DECLARE_FINAL_TYPE (DramaShowChips, drama_show_chips, DRAMA, SHOW_CHIPS, GtkWidget)

DramaShowChips *drama_show_chips_new           (void);
/* The watchlist the names are compared with (its owner hands it in; NULL: names alone). */
void            drama_show_chips_set_show_list (DramaShowChips *self,
                                                DramaShowList  *show_list);
/* shows: GPtrArray of DramaShow (id + name), or NULL for none. */
void            drama_show_chips_set_shows     (DramaShowChips *self,
                                                GPtrArray      *shows);
/* Follows the article's "shows" (as they are refreshed in place by DramaArticleList);
 * NULL stops following. */
void            drama_show_chips_set_article   (DramaShowChips *self,
                                                DramaArticle   *article);
/* A show left out (the show page's own show in its News tab); 0 = none. */
void            drama_show_chips_set_exclude   (DramaShowChips *self,
                                                gint64          show_id);
guint           drama_show_chips_get_n_chips   (DramaShowChips *self);
/* The name on chip n (0-based), or NULL. */
const char     *drama_show_chips_get_chip_name (DramaShowChips *self,
                                                guint           n);

G_END_DECLS
