#pragma once

#include <glib-object.h>

#include "drama-episode.h"
#include "drama-types.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_SHOW (drama_show_get_type ())

/* A show on the watchlist (or a TVmaze search result). The derived properties
 * (episodes-*, next-episode) are filled by store queries and never stored. */
G_DECLARE_FINAL_TYPE (DramaShow, drama_show, DRAMA, SHOW, GObject)

DramaShow *drama_show_new (void);

gint64 drama_show_get_id (DramaShow *self);
void drama_show_set_id (DramaShow *self, gint64 value);
gint64 drama_show_get_tvmaze_id (DramaShow *self);
void drama_show_set_tvmaze_id (DramaShow *self, gint64 value);
const char *drama_show_get_name (DramaShow *self);
void drama_show_set_name (DramaShow *self, const char *value);
const char *drama_show_get_original_name (DramaShow *self);
void drama_show_set_original_name (DramaShow *self, const char *value);
const char *drama_show_get_language (DramaShow *self);
void drama_show_set_language (DramaShow *self, const char *value);
const char *drama_show_get_status (DramaShow *self);
void drama_show_set_status (DramaShow *self, const char *value);
const char *drama_show_get_premiered (DramaShow *self);
void drama_show_set_premiered (DramaShow *self, const char *value);
const char *drama_show_get_ended (DramaShow *self);
void drama_show_set_ended (DramaShow *self, const char *value);
const char *drama_show_get_network (DramaShow *self);
void drama_show_set_network (DramaShow *self, const char *value);
const char *drama_show_get_country (DramaShow *self);
void drama_show_set_country (DramaShow *self, const char *value);
const char *drama_show_get_timezone (DramaShow *self);
void drama_show_set_timezone (DramaShow *self, const char *value);
const char *drama_show_get_schedule_time (DramaShow *self);
void drama_show_set_schedule_time (DramaShow *self, const char *value);
const char * const *drama_show_get_schedule_days (DramaShow *self);
void drama_show_set_schedule_days (DramaShow *self, const char * const *value);
const char * const *drama_show_get_genres (DramaShow *self);
void drama_show_set_genres (DramaShow *self, const char * const *value);
const char * const *drama_show_get_akas (DramaShow *self);
void drama_show_set_akas (DramaShow *self, const char * const *value);
int drama_show_get_runtime (DramaShow *self);
void drama_show_set_runtime (DramaShow *self, int value);
const char *drama_show_get_summary (DramaShow *self);
void drama_show_set_summary (DramaShow *self, const char *value);
const char *drama_show_get_image_medium (DramaShow *self);
void drama_show_set_image_medium (DramaShow *self, const char *value);
const char *drama_show_get_image_original (DramaShow *self);
void drama_show_set_image_original (DramaShow *self, const char *value);
const char *drama_show_get_imdb (DramaShow *self);
void drama_show_set_imdb (DramaShow *self, const char *value);
const char *drama_show_get_official_site (DramaShow *self);
void drama_show_set_official_site (DramaShow *self, const char *value);
DramaWatchStatus drama_show_get_user_status (DramaShow *self);
void drama_show_set_user_status (DramaShow *self, DramaWatchStatus value);
int drama_show_get_rating (DramaShow *self);
void drama_show_set_rating (DramaShow *self, int value);
const char *drama_show_get_notes (DramaShow *self);
void drama_show_set_notes (DramaShow *self, const char *value);
const char * const *drama_show_get_aliases (DramaShow *self);
void drama_show_set_aliases (DramaShow *self, const char * const *value);
gboolean drama_show_get_spoiler_guard (DramaShow *self);
void drama_show_set_spoiler_guard (DramaShow *self, gboolean value);
gint64 drama_show_get_added_at (DramaShow *self);
void drama_show_set_added_at (DramaShow *self, gint64 value);
gint64 drama_show_get_last_watched_at (DramaShow *self);
void drama_show_set_last_watched_at (DramaShow *self, gint64 value);
gint64 drama_show_get_tvmaze_updated (DramaShow *self);
void drama_show_set_tvmaze_updated (DramaShow *self, gint64 value);
gint64 drama_show_get_refreshed_at (DramaShow *self);
void drama_show_set_refreshed_at (DramaShow *self, gint64 value);
int drama_show_get_episodes_total (DramaShow *self);
void drama_show_set_episodes_total (DramaShow *self, int value);
int drama_show_get_episodes_aired (DramaShow *self);
void drama_show_set_episodes_aired (DramaShow *self, int value);
int drama_show_get_episodes_seen (DramaShow *self);
void drama_show_set_episodes_seen (DramaShow *self, int value);
DramaEpisode *drama_show_get_next_episode (DramaShow *self);
void drama_show_set_next_episode (DramaShow *self, DramaEpisode *value);

gboolean    drama_show_is_ended (DramaShow *self);

/* TVmaze's words for a show in the user's language: its status ("Running") and a genre
 * ("Romance"). A word TVmaze adds later is returned as TVmaze spells it. */
const char *drama_show_status_to_label (const char *status);
const char *drama_show_genre_to_label  (const char *genre);

G_END_DECLS
