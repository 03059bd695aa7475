#pragma once

#include <adwaita.h>

#include "drama-episode.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_EPISODE_ROW (drama_episode_row_get_type ())

/* One episode on the show page: number and title, air date in local time, a seen check.
 * Episodes that have not aired are shown as upcoming and their check is insensitive.
 * Signals: "seen-toggled" (gboolean seen) when the user ticks or unticks it;
 * "mark-up-to-here" () from the row's menu. */
G_DECLARE_FINAL_TYPE (DramaEpisodeRow, drama_episode_row, DRAMA, EPISODE_ROW, AdwActionRow)

DramaEpisodeRow *drama_episode_row_new         (void);
void             drama_episode_row_set_episode (DramaEpisodeRow *self,
                                                DramaEpisode    *episode,
                                                GTimeZone       *local,
                                                gint64           now);
DramaEpisode    *drama_episode_row_get_episode (DramaEpisodeRow *self);
GtkCheckButton  *drama_episode_row_get_check   (DramaEpisodeRow *self);

G_END_DECLS
