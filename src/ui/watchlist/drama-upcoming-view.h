#pragma once

#include <gtk/gtk.h>

#include "drama-show-list.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_UPCOMING_VIEW (drama_upcoming_view_get_type ())

/* The next episode of every Watching show by air time, grouped Today / Tomorrow /
 * This Week / Later in the user's time zone: a filter and sort of the show list's next
 * episodes, which follows the list as it changes and never reads the store.
 * Signals: "show-activated" (gint64 show_id). */
G_DECLARE_FINAL_TYPE (DramaUpcomingView, drama_upcoming_view, DRAMA, UPCOMING_VIEW, GtkWidget)

DramaUpcomingView *drama_upcoming_view_new       (void);
void               drama_upcoming_view_set_show_list (DramaUpcomingView *self,
                                                      DramaShowList     *list);

G_END_DECLS
