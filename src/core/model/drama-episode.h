#pragma once

#include <glib-object.h>


G_BEGIN_DECLS

#define DRAMA_TYPE_EPISODE (drama_episode_get_type ())

/* One episode. show-name is derived: filled by the upcoming-episodes query. */
G_DECLARE_FINAL_TYPE (DramaEpisode, drama_episode, DRAMA, EPISODE, GObject)

DramaEpisode *drama_episode_new (void);

gint64 drama_episode_get_id (DramaEpisode *self);
void drama_episode_set_id (DramaEpisode *self, gint64 value);
gint64 drama_episode_get_show_id (DramaEpisode *self);
void drama_episode_set_show_id (DramaEpisode *self, gint64 value);
gint64 drama_episode_get_tvmaze_id (DramaEpisode *self);
void drama_episode_set_tvmaze_id (DramaEpisode *self, gint64 value);
int drama_episode_get_season (DramaEpisode *self);
void drama_episode_set_season (DramaEpisode *self, int value);
int drama_episode_get_number (DramaEpisode *self);
void drama_episode_set_number (DramaEpisode *self, int value);
const char *drama_episode_get_name (DramaEpisode *self);
void drama_episode_set_name (DramaEpisode *self, const char *value);
const char *drama_episode_get_airdate (DramaEpisode *self);
void drama_episode_set_airdate (DramaEpisode *self, const char *value);
const char *drama_episode_get_airtime (DramaEpisode *self);
void drama_episode_set_airtime (DramaEpisode *self, const char *value);
gint64 drama_episode_get_airstamp (DramaEpisode *self);
void drama_episode_set_airstamp (DramaEpisode *self, gint64 value);
int drama_episode_get_runtime (DramaEpisode *self);
void drama_episode_set_runtime (DramaEpisode *self, int value);
const char *drama_episode_get_summary (DramaEpisode *self);
void drama_episode_set_summary (DramaEpisode *self, const char *value);
gint64 drama_episode_get_seen_at (DramaEpisode *self);
void drama_episode_set_seen_at (DramaEpisode *self, gint64 value);
const char *drama_episode_get_show_name (DramaEpisode *self);
void drama_episode_set_show_name (DramaEpisode *self, const char *value);

gboolean    drama_episode_get_seen   (DramaEpisode *self);
gboolean    drama_episode_has_aired  (DramaEpisode *self,
                                      gint64        now);

G_END_DECLS
