#define G_LOG_DOMAIN "drama-show"

#include "config.h"

#include "drama-show.h"

#include <glib/gi18n-lib.h>

#include "drama-enums.h"
#include "drama-model-private.h"

struct _DramaShow
{
  GObject parent_instance;

  gint64 id;
  gint64 tvmaze_id;
  char *name;
  char *original_name;
  char *language;
  char *status;
  char *premiered;
  char *ended;
  char *network;
  char *country;
  char *timezone;
  char *schedule_time;
  char **schedule_days;
  char **genres;
  char **akas;
  int runtime;
  char *summary;
  char *image_medium;
  char *image_original;
  char *imdb;
  char *official_site;
  DramaWatchStatus user_status;
  int rating;
  char *notes;
  char **aliases;
  gboolean spoiler_guard;
  gint64 added_at;
  gint64 last_watched_at;
  gint64 tvmaze_updated;
  gint64 refreshed_at;
  int episodes_total;
  int episodes_aired;
  int episodes_seen;
  DramaEpisode *next_episode;
};

G_DEFINE_FINAL_TYPE (DramaShow, drama_show, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TVMAZE_ID,
  PROP_NAME,
  PROP_ORIGINAL_NAME,
  PROP_LANGUAGE,
  PROP_STATUS,
  PROP_PREMIERED,
  PROP_ENDED,
  PROP_NETWORK,
  PROP_COUNTRY,
  PROP_TIMEZONE,
  PROP_SCHEDULE_TIME,
  PROP_SCHEDULE_DAYS,
  PROP_GENRES,
  PROP_AKAS,
  PROP_RUNTIME,
  PROP_SUMMARY,
  PROP_IMAGE_MEDIUM,
  PROP_IMAGE_ORIGINAL,
  PROP_IMDB,
  PROP_OFFICIAL_SITE,
  PROP_USER_STATUS,
  PROP_RATING,
  PROP_NOTES,
  PROP_ALIASES,
  PROP_SPOILER_GUARD,
  PROP_ADDED_AT,
  PROP_LAST_WATCHED_AT,
  PROP_TVMAZE_UPDATED,
  PROP_REFRESHED_AT,
  PROP_EPISODES_TOTAL,
  PROP_EPISODES_AIRED,
  PROP_EPISODES_SEEN,
  PROP_NEXT_EPISODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const DramaPropInfo prop_info[N_PROPS] = {
  [PROP_ID] = { "id", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaShow, id), 0, NULL },
  [PROP_TVMAZE_ID] = { "tvmaze-id", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaShow, tvmaze_id), 0, NULL },
  [PROP_NAME] = { "name", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, name), 0, NULL },
  [PROP_ORIGINAL_NAME] = { "original-name", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, original_name), 0, NULL },
  [PROP_LANGUAGE] = { "language", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, language), 0, NULL },
  [PROP_STATUS] = { "status", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, status), 0, NULL },
  [PROP_PREMIERED] = { "premiered", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, premiered), 0, NULL },
  [PROP_ENDED] = { "ended", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, ended), 0, NULL },
  [PROP_NETWORK] = { "network", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, network), 0, NULL },
  [PROP_COUNTRY] = { "country", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, country), 0, NULL },
  [PROP_TIMEZONE] = { "timezone", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, timezone), 0, NULL },
  [PROP_SCHEDULE_TIME] = { "schedule-time", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, schedule_time), 0, NULL },
  [PROP_SCHEDULE_DAYS] = { "schedule-days", DRAMA_PROP_STRV, G_STRUCT_OFFSET (DramaShow, schedule_days), 0, NULL },
  [PROP_GENRES] = { "genres", DRAMA_PROP_STRV, G_STRUCT_OFFSET (DramaShow, genres), 0, NULL },
  [PROP_AKAS] = { "akas", DRAMA_PROP_STRV, G_STRUCT_OFFSET (DramaShow, akas), 0, NULL },
  [PROP_RUNTIME] = { "runtime", DRAMA_PROP_INT, G_STRUCT_OFFSET (DramaShow, runtime), 0, NULL },
  [PROP_SUMMARY] = { "summary", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, summary), 0, NULL },
  [PROP_IMAGE_MEDIUM] = { "image-medium", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, image_medium), 0, NULL },
  [PROP_IMAGE_ORIGINAL] = { "image-original", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, image_original), 0, NULL },
  [PROP_IMDB] = { "imdb", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, imdb), 0, NULL },
  [PROP_OFFICIAL_SITE] = { "official-site", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, official_site), 0, NULL },
  [PROP_USER_STATUS] = { "user-status", DRAMA_PROP_ENUM, G_STRUCT_OFFSET (DramaShow, user_status), DRAMA_WATCH_STATUS_PLAN_TO_WATCH, drama_watch_status_get_type },
  [PROP_RATING] = { "rating", DRAMA_PROP_INT, G_STRUCT_OFFSET (DramaShow, rating), 0, NULL },
  [PROP_NOTES] = { "notes", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaShow, notes), 0, NULL },
  [PROP_ALIASES] = { "aliases", DRAMA_PROP_STRV, G_STRUCT_OFFSET (DramaShow, aliases), 0, NULL },
  [PROP_SPOILER_GUARD] = { "spoiler-guard", DRAMA_PROP_BOOLEAN, G_STRUCT_OFFSET (DramaShow, spoiler_guard), TRUE, NULL },
  [PROP_ADDED_AT] = { "added-at", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaShow, added_at), 0, NULL },
  [PROP_LAST_WATCHED_AT] = { "last-watched-at", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaShow, last_watched_at), 0, NULL },
  [PROP_TVMAZE_UPDATED] = { "tvmaze-updated", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaShow, tvmaze_updated), 0, NULL },
  [PROP_REFRESHED_AT] = { "refreshed-at", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaShow, refreshed_at), 0, NULL },
  [PROP_EPISODES_TOTAL] = { "episodes-total", DRAMA_PROP_INT, G_STRUCT_OFFSET (DramaShow, episodes_total), 0, NULL },
  [PROP_EPISODES_AIRED] = { "episodes-aired", DRAMA_PROP_INT, G_STRUCT_OFFSET (DramaShow, episodes_aired), 0, NULL },
  [PROP_EPISODES_SEEN] = { "episodes-seen", DRAMA_PROP_INT, G_STRUCT_OFFSET (DramaShow, episodes_seen), 0, NULL },
  [PROP_NEXT_EPISODE] = { "next-episode", DRAMA_PROP_OBJECT, G_STRUCT_OFFSET (DramaShow, next_episode), 0, drama_episode_get_type },
};

DRAMA_MODEL_DEFINE_CLASS (DramaShow, drama_show, DRAMA_TYPE_SHOW)

DRAMA_MODEL_INT64 (DramaShow, drama_show, DRAMA_IS_SHOW, id, PROP_ID)
DRAMA_MODEL_INT64 (DramaShow, drama_show, DRAMA_IS_SHOW, tvmaze_id, PROP_TVMAZE_ID)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, name, PROP_NAME)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, original_name, PROP_ORIGINAL_NAME)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, language, PROP_LANGUAGE)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, status, PROP_STATUS)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, premiered, PROP_PREMIERED)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, ended, PROP_ENDED)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, network, PROP_NETWORK)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, country, PROP_COUNTRY)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, timezone, PROP_TIMEZONE)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, schedule_time, PROP_SCHEDULE_TIME)
DRAMA_MODEL_STRV (DramaShow, drama_show, DRAMA_IS_SHOW, schedule_days, PROP_SCHEDULE_DAYS)
DRAMA_MODEL_STRV (DramaShow, drama_show, DRAMA_IS_SHOW, genres, PROP_GENRES)
DRAMA_MODEL_STRV (DramaShow, drama_show, DRAMA_IS_SHOW, akas, PROP_AKAS)
DRAMA_MODEL_INT (DramaShow, drama_show, DRAMA_IS_SHOW, runtime, PROP_RUNTIME)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, summary, PROP_SUMMARY)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, image_medium, PROP_IMAGE_MEDIUM)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, image_original, PROP_IMAGE_ORIGINAL)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, imdb, PROP_IMDB)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, official_site, PROP_OFFICIAL_SITE)
DRAMA_MODEL_ENUM (DramaShow, drama_show, DRAMA_IS_SHOW, user_status, PROP_USER_STATUS)
DRAMA_MODEL_INT (DramaShow, drama_show, DRAMA_IS_SHOW, rating, PROP_RATING)
DRAMA_MODEL_STRING (DramaShow, drama_show, DRAMA_IS_SHOW, notes, PROP_NOTES)
DRAMA_MODEL_STRV (DramaShow, drama_show, DRAMA_IS_SHOW, aliases, PROP_ALIASES)
DRAMA_MODEL_BOOLEAN (DramaShow, drama_show, DRAMA_IS_SHOW, spoiler_guard, PROP_SPOILER_GUARD)
DRAMA_MODEL_INT64 (DramaShow, drama_show, DRAMA_IS_SHOW, added_at, PROP_ADDED_AT)
DRAMA_MODEL_INT64 (DramaShow, drama_show, DRAMA_IS_SHOW, last_watched_at, PROP_LAST_WATCHED_AT)
DRAMA_MODEL_INT64 (DramaShow, drama_show, DRAMA_IS_SHOW, tvmaze_updated, PROP_TVMAZE_UPDATED)
DRAMA_MODEL_INT64 (DramaShow, drama_show, DRAMA_IS_SHOW, refreshed_at, PROP_REFRESHED_AT)
DRAMA_MODEL_INT (DramaShow, drama_show, DRAMA_IS_SHOW, episodes_total, PROP_EPISODES_TOTAL)
DRAMA_MODEL_INT (DramaShow, drama_show, DRAMA_IS_SHOW, episodes_aired, PROP_EPISODES_AIRED)
DRAMA_MODEL_INT (DramaShow, drama_show, DRAMA_IS_SHOW, episodes_seen, PROP_EPISODES_SEEN)
DRAMA_MODEL_OBJECT (DramaShow, drama_show, DRAMA_IS_SHOW, next_episode, PROP_NEXT_EPISODE)

gboolean
drama_show_is_ended (DramaShow *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW (self), FALSE);

  return g_strcmp0 (self->status, "Ended") == 0;
}

/* The values TVmaze documents for a show's status and genres. */
static const struct {
  const char *tvmaze;
  const char *context;
  const char *label;
} tvmaze_words[] = {
  { "Running", "TVmaze status", NC_("TVmaze status", "Running") },
  { "Ended", "TVmaze status", NC_("TVmaze status", "Ended") },
  { "To Be Determined", "TVmaze status", NC_("TVmaze status", "To Be Determined") },
  { "In Development", "TVmaze status", NC_("TVmaze status", "In Development") },
  { "Action", "TVmaze genre", NC_("TVmaze genre", "Action") },
  { "Adult", "TVmaze genre", NC_("TVmaze genre", "Adult") },
  { "Adventure", "TVmaze genre", NC_("TVmaze genre", "Adventure") },
  { "Anime", "TVmaze genre", NC_("TVmaze genre", "Anime") },
  { "Children", "TVmaze genre", NC_("TVmaze genre", "Children") },
  { "Comedy", "TVmaze genre", NC_("TVmaze genre", "Comedy") },
  { "Crime", "TVmaze genre", NC_("TVmaze genre", "Crime") },
  { "DIY", "TVmaze genre", NC_("TVmaze genre", "DIY") },
  { "Drama", "TVmaze genre", NC_("TVmaze genre", "Drama") },
  { "Espionage", "TVmaze genre", NC_("TVmaze genre", "Espionage") },
  { "Family", "TVmaze genre", NC_("TVmaze genre", "Family") },
  { "Fantasy", "TVmaze genre", NC_("TVmaze genre", "Fantasy") },
  { "Food", "TVmaze genre", NC_("TVmaze genre", "Food") },
  { "History", "TVmaze genre", NC_("TVmaze genre", "History") },
  { "Horror", "TVmaze genre", NC_("TVmaze genre", "Horror") },
  { "Legal", "TVmaze genre", NC_("TVmaze genre", "Legal") },
  { "Medical", "TVmaze genre", NC_("TVmaze genre", "Medical") },
  { "Music", "TVmaze genre", NC_("TVmaze genre", "Music") },
  { "Mystery", "TVmaze genre", NC_("TVmaze genre", "Mystery") },
  { "Nature", "TVmaze genre", NC_("TVmaze genre", "Nature") },
  { "Romance", "TVmaze genre", NC_("TVmaze genre", "Romance") },
  { "Science-Fiction", "TVmaze genre", NC_("TVmaze genre", "Science-Fiction") },
  { "Sports", "TVmaze genre", NC_("TVmaze genre", "Sports") },
  { "Supernatural", "TVmaze genre", NC_("TVmaze genre", "Supernatural") },
  { "Thriller", "TVmaze genre", NC_("TVmaze genre", "Thriller") },
  { "Travel", "TVmaze genre", NC_("TVmaze genre", "Travel") },
  { "War", "TVmaze genre", NC_("TVmaze genre", "War") },
  { "Western", "TVmaze genre", NC_("TVmaze genre", "Western") },
};

static const char *
tvmaze_word_to_label (const char *context,
                      const char *word)
{
  if (word == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (tvmaze_words); i++)
    if (g_str_equal (tvmaze_words[i].context, context) &&
        g_str_equal (tvmaze_words[i].tvmaze, word))
      return g_dpgettext2 (GETTEXT_PACKAGE, context, tvmaze_words[i].label);

  return word;
}

const char *
drama_show_status_to_label (const char *status)
{
  return tvmaze_word_to_label ("TVmaze status", status);
}

const char *
drama_show_genre_to_label (const char *genre)
{
  return tvmaze_word_to_label ("TVmaze genre", genre);
}

const char *
drama_watch_status_to_label (DramaWatchStatus status)
{
  switch (status)
    {
    case DRAMA_WATCH_STATUS_WATCHING:
      return _("Watching");
    case DRAMA_WATCH_STATUS_PLAN_TO_WATCH:
      return _("Plan to Watch");
    case DRAMA_WATCH_STATUS_ON_HOLD:
      return _("On Hold");
    case DRAMA_WATCH_STATUS_COMPLETED:
      return _("Completed");
    case DRAMA_WATCH_STATUS_DROPPED:
      return _("Dropped");
    default:
      return _("Unknown");
    }
}
