#pragma once

/* When the news is fetched: the first feeds a new library is given (once per library, the
 * mark kept in the library itself, so that a library started anew after damage gets them
 * again), a refresh whenever the last one is older than the interval (checked every minute
 * and whenever the network comes back), and a refresh on request. No widgets: the
 * application owns one. */

#include <gio/gio.h>

#include "drama-feed-updater.h"
#include "drama-store.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_NEWS_SCHEDULE (drama_news_schedule_get_type ())
G_DECLARE_FINAL_TYPE (DramaNewsSchedule, drama_news_schedule, DRAMA, NEWS_SCHEDULE, GObject)

DramaNewsSchedule *drama_news_schedule_new          (DramaStore        *store,
                                                     DramaFeedUpdater  *updater);
/* Minutes between refreshes (at least 1; also the "interval" property, an int). */
void               drama_news_schedule_set_interval (DramaNewsSchedule *self,
                                                     int                minutes);
/* Starts the schedule: first the feeds of first_feeds (an OPML document; NULL: none) when
 * this library has never had them, then the checks. already_given: what an older version
 * noted outside the library (a library from before the mark is given them only if FALSE). */
void               drama_news_schedule_start        (DramaNewsSchedule *self,
                                                     GBytes            *first_feeds,
                                                     gboolean           already_given);
/* A refresh now, unless one is running. */
void               drama_news_schedule_refresh_now  (DramaNewsSchedule *self);

G_END_DECLS
