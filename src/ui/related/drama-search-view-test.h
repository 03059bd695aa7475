#pragma once

/* drama-search-view.h's calls for the tests only: what they read of the widget and the clock they
 * drive. The app never calls them. */

#include "drama-search-view.h"

G_BEGIN_DECLS

guint            drama_search_view_get_n_results (DramaSearchView *self,
                                                  DramaSearchKind  kind);
/* TRUE while people and articles for the current text are still being looked for. */
gboolean         drama_search_view_get_searching (DramaSearchView *self);
/* Activates the nth result of a kind (0-based), as a click would. FALSE if there is none. */
gboolean         drama_search_view_activate_result (DramaSearchView *self,
                                                    DramaSearchKind  kind,
                                                    guint            n);

G_END_DECLS
