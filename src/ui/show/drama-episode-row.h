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
/* In a show added by hand an episode with no date at all can be ticked: nothing says it
 * is still to come. Set before drama_episode_row_set_episode(). */
void             drama_episode_row_set_hand_added (DramaEpisodeRow *self,
                                                   gboolean         hand_added);
DramaEpisode    *drama_episode_row_get_episode (DramaEpisodeRow *self);

/* TRUE when the user may mark the episode seen (the store's rule, see
 * drama_store_set_episodes_seen()). */
gboolean         drama_episode_is_markable     (DramaEpisode    *episode,
                                                gboolean         hand_added,
                                                gint64           now);
GtkCheckButton  *drama_episode_row_get_check   (DramaEpisodeRow *self);

G_END_DECLS
