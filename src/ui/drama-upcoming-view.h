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
/* Lists and groups again as of `now` (Unix seconds; 0 = the current time), as its minute
 * clock does while on screen: what has aired drops out. Reads nothing. */
void               drama_upcoming_view_reload    (DramaUpcomingView *self,
                                                  gint64             now);
/* Episodes listed now. */
guint              drama_upcoming_view_get_n_episodes (DramaUpcomingView *self);
/* What the empty state says now (title, description), for tests. */
const char        *drama_upcoming_view_get_empty_title       (DramaUpcomingView *self);
const char        *drama_upcoming_view_get_empty_description (DramaUpcomingView *self);
/* A row's subtitle: the episode once, and of when only what the day heading does not say. */
char              *drama_upcoming_view_format_when (DramaEpisode *episode,
                                                    GTimeZone    *local,
                                                    gint64        now);

G_END_DECLS
