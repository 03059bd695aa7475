#pragma once

/* drama-show-page.h's calls for the tests only: what they read of the widget and the clock they
 * drive. The app never calls them. */

#include "drama-show-page.h"

G_BEGIN_DECLS

/* The "12 of 32 episodes seen" line as shown, and the row of an episode (expanding its
 * season; NULL until the show has been read). */
const char    *drama_show_page_get_progress_text (DramaShowPage *self);
GtkWidget     *drama_show_page_get_episode_row   (DramaShowPage *self,
                                                  gint64         episode_id);

G_END_DECLS
