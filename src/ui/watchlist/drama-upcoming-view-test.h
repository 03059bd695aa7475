#pragma once

/* drama-upcoming-view.h's calls for the tests only: what they read of the widget and the clock they
 * drive. The app never calls them. */

#include "drama-upcoming-view.h"

G_BEGIN_DECLS

/* Lists and groups again as of `now` (Unix seconds; 0 = the current time), as its minute
 * clock does while on screen: what has aired drops out. Reads nothing. */
void               drama_upcoming_view_reload    (DramaUpcomingView *self,
                                                  gint64             now);
/* Episodes listed now. */
guint              drama_upcoming_view_get_n_episodes (DramaUpcomingView *self);
/* What the empty state says now (title, description), for tests. */
const char        *drama_upcoming_view_get_empty_title       (DramaUpcomingView *self);
const char        *drama_upcoming_view_get_empty_description (DramaUpcomingView *self);

G_END_DECLS
