#define G_LOG_DOMAIN "drama-episode"

#include "config.h"

#include "drama-episode.h"

#include <string.h>

#include "drama-enums.h"
#include "drama-model-private.h"

struct _DramaEpisode
{
  GObject parent_instance;

  gint64 id;
  gint64 show_id;
  gint64 tvmaze_id;
  int season;
  int number;
  char *name;
  char *airdate;
  char *airtime;
  gint64 airstamp;
  int runtime;
  char *summary;
  gint64 seen_at;
  char *show_name;
};

G_DEFINE_FINAL_TYPE (DramaEpisode, drama_episode, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SHOW_ID,
  PROP_TVMAZE_ID,
  PROP_SEASON,
  PROP_NUMBER,
  PROP_NAME,
  PROP_AIRDATE,
  PROP_AIRTIME,
  PROP_AIRSTAMP,
  PROP_RUNTIME,
  PROP_SUMMARY,
  PROP_SEEN_AT,
  PROP_SHOW_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const DramaPropInfo prop_info[N_PROPS] = {
  [PROP_ID] = { "id", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaEpisode, id), 0, NULL },
  [PROP_SHOW_ID] = { "show-id", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaEpisode, show_id), 0, NULL },
  [PROP_TVMAZE_ID] = { "tvmaze-id", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaEpisode, tvmaze_id), 0, NULL },
  [PROP_SEASON] = { "season", DRAMA_PROP_INT, G_STRUCT_OFFSET (DramaEpisode, season), 0, NULL },
  [PROP_NUMBER] = { "number", DRAMA_PROP_INT, G_STRUCT_OFFSET (DramaEpisode, number), 0, NULL },
  [PROP_NAME] = { "name", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaEpisode, name), 0, NULL },
  [PROP_AIRDATE] = { "airdate", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaEpisode, airdate), 0, NULL },
  [PROP_AIRTIME] = { "airtime", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaEpisode, airtime), 0, NULL },
  [PROP_AIRSTAMP] = { "airstamp", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaEpisode, airstamp), 0, NULL },
  [PROP_RUNTIME] = { "runtime", DRAMA_PROP_INT, G_STRUCT_OFFSET (DramaEpisode, runtime), 0, NULL },
  [PROP_SUMMARY] = { "summary", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaEpisode, summary), 0, NULL },
  [PROP_SEEN_AT] = { "seen-at", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaEpisode, seen_at), 0, NULL },
  [PROP_SHOW_NAME] = { "show-name", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaEpisode, show_name), 0, NULL },
};

DRAMA_MODEL_DEFINE_CLASS (DramaEpisode, drama_episode, DRAMA_TYPE_EPISODE)

DRAMA_MODEL_INT64 (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, id, PROP_ID)
DRAMA_MODEL_INT64 (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, show_id, PROP_SHOW_ID)
DRAMA_MODEL_INT64 (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, tvmaze_id, PROP_TVMAZE_ID)
DRAMA_MODEL_INT (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, season, PROP_SEASON)
DRAMA_MODEL_INT (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, number, PROP_NUMBER)
DRAMA_MODEL_STRING (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, name, PROP_NAME)
DRAMA_MODEL_STRING (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, airdate, PROP_AIRDATE)
DRAMA_MODEL_STRING (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, airtime, PROP_AIRTIME)
DRAMA_MODEL_INT64 (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, airstamp, PROP_AIRSTAMP)
DRAMA_MODEL_INT (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, runtime, PROP_RUNTIME)
DRAMA_MODEL_STRING (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, summary, PROP_SUMMARY)
DRAMA_MODEL_INT64 (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, seen_at, PROP_SEEN_AT)
DRAMA_MODEL_STRING (DramaEpisode, drama_episode, DRAMA_IS_EPISODE, show_name, PROP_SHOW_NAME)

gboolean
drama_episode_get_seen (DramaEpisode *self)
{
  g_return_val_if_fail (DRAMA_IS_EPISODE (self), FALSE);

  return self->seen_at != 0;
}

/* An episode with only an air date (no time) counts as aired once that date is
 * over in the user's own time zone: before that we cannot know it has aired. */
gboolean
drama_episode_has_aired (DramaEpisode *self,
                         gint64        now)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (DRAMA_IS_EPISODE (self), FALSE);

  if (self->airstamp != 0)
    return self->airstamp <= now;
  if (self->airdate == NULL || *self->airdate == '\0')
    return FALSE;

  dt = g_date_time_new_from_unix_local (now);
  if (dt == NULL)
    return FALSE;
  today = g_date_time_format (dt, "%Y-%m-%d");
  return strcmp (self->airdate, today) < 0;
}
