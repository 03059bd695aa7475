#pragma once

#include <gtk/gtk.h>

#include "drama-image-loader.h"
#include "drama-show-list.h"
#include "drama-store.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_RELATED_LIST (drama_related_list_get_type ())

/* The news about one show (its own articles and its cast's) or one person, newest first,
 * with an empty state. Above the list, "Names and Spoilers": the aliases the matcher also
 * looks for (editable; saving them makes the linker relink) and, for a show, its own
 * spoiler guard. Articles about an episode the user has not seen are blurred with a
 * "May contain spoilers for Ep 14" note, and opening one asks first. Activating an article
 * opens it in the window's article view. Follows the store by itself, never waiting on it:
 * every read and write is a job on the store's thread. */
G_DECLARE_FINAL_TYPE (DramaRelatedList, drama_related_list, DRAMA, RELATED_LIST, GtkWidget)

DramaRelatedList *drama_related_list_new          (void);
void              drama_related_list_set_store    (DramaRelatedList   *self,
                                                   DramaStore         *store);
/* The settings (spoiler guard, pictures or not) and the thumbnails' loader of the window it
 * is in; either may be NULL (the guard on, no thumbnails). */
void              drama_related_list_set_settings (DramaRelatedList   *self,
                                                   GSettings          *settings);
void              drama_related_list_set_image_loader (DramaRelatedList *self,
                                                       DramaImageLoader *loader);
/* The watchlist the rows' show chips tell shows of one name apart with. */
void              drama_related_list_set_show_list (DramaRelatedList *self,
                                                    DramaShowList    *show_list);
/* filter: DRAMA_ARTICLE_FILTER_SHOW or DRAMA_ARTICLE_FILTER_PERSON; id 0 = nothing. */
void              drama_related_list_set_target   (DramaRelatedList   *self,
                                                   DramaArticleFilter  filter,
                                                   gint64              id);
/* Whether the list scrolls by itself (default, a GtkListView over every article) or grows
 * inside a page that scrolls (the newest 50 articles, in a boxed list). */
void              drama_related_list_set_scrolls  (DramaRelatedList   *self,
                                                   gboolean            scrolls);
/* Hides "Names and Spoilers" (when the host page shows them elsewhere). */
void              drama_related_list_set_settings_visible (DramaRelatedList *self,
                                                           gboolean          visible);

G_END_DECLS
