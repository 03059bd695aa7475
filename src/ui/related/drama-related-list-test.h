#pragma once

/* drama-related-list.h's calls for the tests only: what they read of the widget and the clock they
 * drive. The app never calls them. */

#include "drama-related-list.h"

G_BEGIN_DECLS

/* The articles listed (DramaArticle, newest first; the newest 50 inside a page that
 * scrolls, 500 otherwise), or NULL without a store or target. Read in the background: it
 * fills (and follows the store) once the store's thread has answered. */
GListModel       *drama_related_list_get_model    (DramaRelatedList   *self);
/* TRUE while the empty state is shown. */
gboolean          drama_related_list_is_empty     (DramaRelatedList   *self);

G_END_DECLS
