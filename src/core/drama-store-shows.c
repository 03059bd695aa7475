#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "drama-store-private.h"

/* TVmaze ids are UNIQUE columns; "added by hand" (0) is stored as NULL so that any number
 * of hand-added rows can exist. */
static void
bind_tvmaze_id (sqlite3_stmt *stmt,
                int           index,
                gint64        tvmaze_id)
{
  if (tvmaze_id != 0)
    sqlite3_bind_int64 (stmt, index, tvmaze_id);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_strv (sqlite3_stmt       *stmt,
           int                 index,
           const char * const *strv)
{
  g_autofree char *joined = _drama_strv_join (strv);

  _drama_bind_text (stmt, index, joined);
}

static void
set_strv_from_column (GObject      *object,
                      const char   *property,
                      sqlite3_stmt *stmt,
                      int           column)
{
  g_auto(GStrv) strv = _drama_strv_split (_drama_column_text (stmt, column));

  if (strv != NULL)
    g_object_set (object, property, strv, NULL);
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The user's local date, "YYYY-MM-DD": an episode known only by its air date has aired
 * once that day is over here. */
static char *
local_date (gint64 now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("0000-00-00");
}

static gboolean
step_done (DramaStore   *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  _drama_store_set_error_from_code (self, error, rc, what);
  return FALSE;
}

static void
set_not_found (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND, message);
}

/* ---- rows → objects ---- */

#define SHOW_COLUMNS \
  "s.id, s.tvmaze_id, s.name, s.original_name, s.language, s.status, s.premiered, s.ended," \
  " s.network, s.country, s.timezone, s.schedule_time, s.schedule_days, s.genres, s.akas," \
  " s.runtime, s.summary, s.image_medium, s.image_original, s.imdb, s.official_site," \
  " s.user_status, s.rating, s.notes, s.aliases, s.spoiler_guard, s.added_at," \
  " s.last_watched_at, s.tvmaze_updated, s.refreshed_at"
#define N_SHOW_COLUMNS 30

/* ?2 = now (Unix), ?3 = the local date. Specials (number 0) are not counted in the
 * progress: "16 / 16" means the story is done even if a making-of special is not. */
#define AIRED(e) \
  "((" e ".airstamp != 0 AND " e ".airstamp <= ?2) OR (" e ".airstamp = 0 AND" \
  " IFNULL(" e ".airdate, '') != '' AND " e ".airdate < ?3))"
#define AIR_ORDER(e) \
  "(" e ".airstamp = 0 AND IFNULL(" e ".airdate, '') = ''), " \
  "IFNULL(NULLIF(" e ".airdate, ''), date(" e ".airstamp, 'unixepoch')), " \
  e ".airstamp, " e ".season, " e ".number, " e ".id"
#define SHOW_DERIVED \
  ", (SELECT count(*) FROM episodes e WHERE e.show_id = s.id AND e.number != 0)" \
  ", (SELECT count(*) FROM episodes e WHERE e.show_id = s.id AND e.number != 0 AND " AIRED ("e") ")" \
  ", (SELECT count(*) FROM episodes e WHERE e.show_id = s.id AND e.number != 0 AND e.seen_at != 0)" \
  ", (SELECT e.id FROM episodes e WHERE e.show_id = s.id AND e.seen_at = 0 AND NOT " AIRED ("e") \
  "   ORDER BY " AIR_ORDER ("e") " LIMIT 1)"

#define EPISODE_COLUMNS \
  "e.id, e.show_id, e.tvmaze_id, e.season, e.number, e.name, e.airdate, e.airtime," \
  " e.airstamp, e.runtime, e.summary, e.seen_at"
#define N_EPISODE_COLUMNS 12

#define PERSON_COLUMNS "p.id, p.tvmaze_id, p.name, p.image_medium, p.image_original, p.aliases"
#define N_PERSON_COLUMNS 6

static DramaShow *
show_from_row (sqlite3_stmt *stmt)
{
  DramaShow *show = drama_show_new ();

  drama_show_set_id (show, sqlite3_column_int64 (stmt, 0));
  drama_show_set_tvmaze_id (show, sqlite3_column_int64 (stmt, 1));
  drama_show_set_name (show, _drama_column_text (stmt, 2));
  drama_show_set_original_name (show, _drama_column_text (stmt, 3));
  drama_show_set_language (show, _drama_column_text (stmt, 4));
  drama_show_set_status (show, _drama_column_text (stmt, 5));
  drama_show_set_premiered (show, _drama_column_text (stmt, 6));
  drama_show_set_ended (show, _drama_column_text (stmt, 7));
  drama_show_set_network (show, _drama_column_text (stmt, 8));
  drama_show_set_country (show, _drama_column_text (stmt, 9));
  drama_show_set_timezone (show, _drama_column_text (stmt, 10));
  drama_show_set_schedule_time (show, _drama_column_text (stmt, 11));
  set_strv_from_column (G_OBJECT (show), "schedule-days", stmt, 12);
  set_strv_from_column (G_OBJECT (show), "genres", stmt, 13);
  set_strv_from_column (G_OBJECT (show), "akas", stmt, 14);
  drama_show_set_runtime (show, sqlite3_column_int (stmt, 15));
  drama_show_set_summary (show, _drama_column_text (stmt, 16));
  drama_show_set_image_medium (show, _drama_column_text (stmt, 17));
  drama_show_set_image_original (show, _drama_column_text (stmt, 18));
  drama_show_set_imdb (show, _drama_column_text (stmt, 19));
  drama_show_set_official_site (show, _drama_column_text (stmt, 20));
  drama_show_set_user_status (show, sqlite3_column_int (stmt, 21));
  drama_show_set_rating (show, sqlite3_column_int (stmt, 22));
  drama_show_set_notes (show, _drama_column_text (stmt, 23));
  set_strv_from_column (G_OBJECT (show), "aliases", stmt, 24);
  drama_show_set_spoiler_guard (show, sqlite3_column_int (stmt, 25) != 0);
  drama_show_set_added_at (show, sqlite3_column_int64 (stmt, 26));
  drama_show_set_last_watched_at (show, sqlite3_column_int64 (stmt, 27));
  drama_show_set_tvmaze_updated (show, sqlite3_column_int64 (stmt, 28));
  drama_show_set_refreshed_at (show, sqlite3_column_int64 (stmt, 29));
  return show;
}

static DramaEpisode *
episode_from_row (sqlite3_stmt *stmt)
{
  DramaEpisode *episode = drama_episode_new ();

  drama_episode_set_id (episode, sqlite3_column_int64 (stmt, 0));
  drama_episode_set_show_id (episode, sqlite3_column_int64 (stmt, 1));
  drama_episode_set_tvmaze_id (episode, sqlite3_column_int64 (stmt, 2));
  drama_episode_set_season (episode, sqlite3_column_int (stmt, 3));
  drama_episode_set_number (episode, sqlite3_column_int (stmt, 4));
  drama_episode_set_name (episode, _drama_column_text (stmt, 5));
  drama_episode_set_airdate (episode, _drama_column_text (stmt, 6));
  drama_episode_set_airtime (episode, _drama_column_text (stmt, 7));
  drama_episode_set_airstamp (episode, sqlite3_column_int64 (stmt, 8));
  drama_episode_set_runtime (episode, sqlite3_column_int (stmt, 9));
  drama_episode_set_summary (episode, _drama_column_text (stmt, 10));
  drama_episode_set_seen_at (episode, sqlite3_column_int64 (stmt, 11));
  return episode;
}

static DramaPerson *
person_from_row (sqlite3_stmt *stmt)
{
  DramaPerson *person = drama_person_new ();

  drama_person_set_id (person, sqlite3_column_int64 (stmt, 0));
  drama_person_set_tvmaze_id (person, sqlite3_column_int64 (stmt, 1));
  drama_person_set_name (person, _drama_column_text (stmt, 2));
  drama_person_set_image_medium (person, _drama_column_text (stmt, 3));
  drama_person_set_image_original (person, _drama_column_text (stmt, 4));
  set_strv_from_column (G_OBJECT (person), "aliases", stmt, 5);
  return person;
}

static DramaEpisode *
load_episode (DramaStore  *self,
              gint64       episode_id,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drama_store_prepare (self, "SELECT " EPISODE_COLUMNS " FROM episodes e WHERE e.id = ?",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, episode_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return episode_from_row (stmt);
  if (rc == SQLITE_DONE)
    set_not_found (error, _("The episode is no longer in the library."));
  else
    _drama_store_set_error_from_code (self, error, rc, _("could not read the episodes"));
  return NULL;
}

/* Runs a prepared show query (SHOW_COLUMNS SHOW_DERIVED, ?2/?3 bound here) and collects the
 * shows with their derived fields. The next episodes are loaded after the query is done,
 * since loading them reuses the statement cache. */
static GPtrArray *
collect_shows (DramaStore    *self,
               sqlite3_stmt  *stmt,
               gint64         now,
               GError       **error)
{
  g_autoptr(GPtrArray) shows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) next_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autofree char *today = local_date (now);
  int rc;

  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, today, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DramaShow *show = show_from_row (stmt);
      gint64 next_id = sqlite3_column_int64 (stmt, N_SHOW_COLUMNS + 3);

      drama_show_set_episodes_total (show, sqlite3_column_int (stmt, N_SHOW_COLUMNS));
      drama_show_set_episodes_aired (show, sqlite3_column_int (stmt, N_SHOW_COLUMNS + 1));
      drama_show_set_episodes_seen (show, sqlite3_column_int (stmt, N_SHOW_COLUMNS + 2));
      g_ptr_array_add (shows, show);
      g_array_append_val (next_ids, next_id);
    }
  if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("could not read the shows"));
      return NULL;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < shows->len; i++)
    {
      gint64 next_id = g_array_index (next_ids, gint64, i);
      g_autoptr(DramaEpisode) next = NULL;

      if (next_id == 0)
        continue;
      next = load_episode (self, next_id, error);
      if (next == NULL)
        return NULL;
      drama_show_set_next_episode (g_ptr_array_index (shows, i), next);
    }

  return g_steal_pointer (&shows);
}

/* ---- saving ---- */

static gboolean
save_show_row (DramaStore  *self,
               DramaShow   *show,
               gint64      *show_id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 tvmaze_id = drama_show_get_tvmaze_id (show);
  gint64 existing = 0;
  int rc;

  if (tvmaze_id != 0)
    stmt = _drama_store_prepare (self, "SELECT id FROM shows WHERE tvmaze_id = ?1", error);
  else
    stmt = _drama_store_prepare (self, "SELECT id FROM shows WHERE id = ?1 AND tvmaze_id IS NULL",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tvmaze_id != 0 ? tvmaze_id : drama_show_get_id (show));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    existing = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("could not save the show"));
      return FALSE;
    }

  if (existing != 0)
    {
      /* What TVmaze knows is replaced; what the user said about the show is not. */
      stmt = _drama_store_prepare (self,
        "UPDATE shows SET tvmaze_id = ?1, name = ?2, original_name = ?3, language = ?4,"
        " status = ?5, premiered = ?6, ended = ?7, network = ?8, country = ?9, timezone = ?10,"
        " schedule_time = ?11, schedule_days = ?12, genres = ?13, akas = ?14, runtime = ?15,"
        " summary = ?16, image_medium = ?17, image_original = ?18, imdb = ?19,"
        " official_site = ?20, tvmaze_updated = ?21, refreshed_at = ?22"
        " WHERE id = ?30", error);
    }
  else
    {
      stmt = _drama_store_prepare (self,
        "INSERT INTO shows (tvmaze_id, name, original_name, language, status, premiered, ended,"
        " network, country, timezone, schedule_time, schedule_days, genres, akas, runtime,"
        " summary, image_medium, image_original, imdb, official_site, tvmaze_updated,"
        " refreshed_at, user_status, rating, notes, aliases, spoiler_guard, added_at,"
        " last_watched_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)", error);
    }
  if (stmt == NULL)
    return FALSE;

  bind_tvmaze_id (stmt, 1, tvmaze_id);
  /* A show needs a name; TVmaze always has one, a hand-made one might not yet. */
  _drama_bind_text (stmt, 2, drama_show_get_name (show) != NULL ? drama_show_get_name (show) : "");
  _drama_bind_text (stmt, 3, drama_show_get_original_name (show));
  _drama_bind_text (stmt, 4, drama_show_get_language (show));
  _drama_bind_text (stmt, 5, drama_show_get_status (show));
  _drama_bind_text (stmt, 6, drama_show_get_premiered (show));
  _drama_bind_text (stmt, 7, drama_show_get_ended (show));
  _drama_bind_text (stmt, 8, drama_show_get_network (show));
  _drama_bind_text (stmt, 9, drama_show_get_country (show));
  _drama_bind_text (stmt, 10, drama_show_get_timezone (show));
  _drama_bind_text (stmt, 11, drama_show_get_schedule_time (show));
  bind_strv (stmt, 12, drama_show_get_schedule_days (show));
  bind_strv (stmt, 13, drama_show_get_genres (show));
  bind_strv (stmt, 14, drama_show_get_akas (show));
  sqlite3_bind_int (stmt, 15, drama_show_get_runtime (show));
  _drama_bind_text (stmt, 16, drama_show_get_summary (show));
  _drama_bind_text (stmt, 17, drama_show_get_image_medium (show));
  _drama_bind_text (stmt, 18, drama_show_get_image_original (show));
  _drama_bind_text (stmt, 19, drama_show_get_imdb (show));
  _drama_bind_text (stmt, 20, drama_show_get_official_site (show));
  sqlite3_bind_int64 (stmt, 21, drama_show_get_tvmaze_updated (show));
  sqlite3_bind_int64 (stmt, 22, drama_show_get_refreshed_at (show) != 0 ?
                                drama_show_get_refreshed_at (show) : now_unix ());
  if (existing != 0)
    sqlite3_bind_int64 (stmt, 30, existing);
  else
    {
      g_autofree char *aliases = _drama_strv_join (drama_show_get_aliases (show));

      sqlite3_bind_int (stmt, 23, drama_show_get_user_status (show));
      sqlite3_bind_int (stmt, 24, CLAMP (drama_show_get_rating (show), 0, 10));
      _drama_bind_text (stmt, 25, drama_show_get_notes (show));
      _drama_bind_text (stmt, 26, aliases);
      sqlite3_bind_int (stmt, 27, drama_show_get_spoiler_guard (show) ? 1 : 0);
      sqlite3_bind_int64 (stmt, 28, drama_show_get_added_at (show) != 0 ?
                                    drama_show_get_added_at (show) : now_unix ());
      sqlite3_bind_int64 (stmt, 29, drama_show_get_last_watched_at (show));
    }

  if (!step_done (self, stmt, _("could not save the show"), error))
    return FALSE;

  *show_id = existing != 0 ? existing : sqlite3_last_insert_rowid (_drama_store_get_db (self));
  return TRUE;
}

typedef struct {
  gint64   id;
  gint64   tvmaze_id;
  int      season;
  int      number;
  gint64   seen_at;
  gboolean matched;
} StoredEpisode;

static gboolean
load_stored_episodes (DramaStore  *self,
                      gint64       show_id,
                      GArray      *stored,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drama_store_prepare (self, "SELECT id, IFNULL(tvmaze_id, 0), season, number, seen_at"
                                     " FROM episodes WHERE show_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, show_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredEpisode e = {
        .id = sqlite3_column_int64 (stmt, 0),
        .tvmaze_id = sqlite3_column_int64 (stmt, 1),
        .season = sqlite3_column_int (stmt, 2),
        .number = sqlite3_column_int (stmt, 3),
        .seen_at = sqlite3_column_int64 (stmt, 4),
      };
      g_array_append_val (stored, e);
    }
  if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("could not save the episodes"));
      return FALSE;
    }
  return TRUE;
}

/* Hand-added episodes have no TVmaze id: they are recognised by their id, or else by
 * season and number, so that re-saving a hand-made show keeps its seen marks. */
static StoredEpisode *
match_stored_episode (GArray       *stored,
                      GHashTable   *by_tvmaze,
                      DramaEpisode *episode)
{
  gint64 tvmaze_id = drama_episode_get_tvmaze_id (episode);
  gint64 id = drama_episode_get_id (episode);
  int season = drama_episode_get_season (episode);
  int number = drama_episode_get_number (episode);

  if (tvmaze_id != 0)
    {
      StoredEpisode *e = g_hash_table_lookup (by_tvmaze, &tvmaze_id);

      return e != NULL && !e->matched ? e : NULL;
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < stored->len; i++)
      {
        StoredEpisode *e = &g_array_index (stored, StoredEpisode, i);

        if (e->matched || e->tvmaze_id != 0)
          continue;
        if (pass == 0 && id != 0 && e->id == id)
          return e;
        if (pass == 1 && number != 0 && e->season == season && e->number == number)
          return e;
      }
  return NULL;
}

static void
bind_episode_fields (sqlite3_stmt *stmt,
                     DramaEpisode *episode)
{
  sqlite3_bind_int (stmt, 3, drama_episode_get_season (episode));
  sqlite3_bind_int (stmt, 4, drama_episode_get_number (episode));
  _drama_bind_text (stmt, 5, drama_episode_get_name (episode));
  _drama_bind_text (stmt, 6, drama_episode_get_airdate (episode));
  _drama_bind_text (stmt, 7, drama_episode_get_airtime (episode));
  sqlite3_bind_int64 (stmt, 8, drama_episode_get_airstamp (episode));
  sqlite3_bind_int (stmt, 9, drama_episode_get_runtime (episode));
  _drama_bind_text (stmt, 10, drama_episode_get_summary (episode));
}

static gboolean
save_episodes (DramaStore  *self,
               gint64       show_id,
               gboolean     hand_added_show,
               GPtrArray   *episodes,
               GError     **error)
{
  g_autoptr(GArray) stored = g_array_new (FALSE, TRUE, sizeof (StoredEpisode));
  g_autoptr(GHashTable) by_tvmaze = g_hash_table_new (g_int64_hash, g_int64_equal);
  const char *what = _("could not save the episodes");
  sqlite3_stmt *stmt;

  if (!load_stored_episodes (self, show_id, stored, error))
    return FALSE;
  for (guint i = 0; i < stored->len; i++)
    {
      StoredEpisode *e = &g_array_index (stored, StoredEpisode, i);

      if (e->tvmaze_id != 0)
        g_hash_table_insert (by_tvmaze, &e->tvmaze_id, e);
    }

  for (guint i = 0; i < episodes->len; i++)
    {
      DramaEpisode *episode = g_ptr_array_index (episodes, i);
      StoredEpisode *match = match_stored_episode (stored, by_tvmaze, episode);

      g_return_val_if_fail (DRAMA_IS_EPISODE (episode), FALSE);

      if (match != NULL)
        {
          /* Names and dates change on TVmaze all the time; the seen mark is the user's. */
          stmt = _drama_store_prepare (self,
            "UPDATE episodes SET season = ?3, number = ?4, name = ?5, airdate = ?6, airtime = ?7,"
            " airstamp = ?8, runtime = ?9, summary = ?10 WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, match->id);
          bind_episode_fields (stmt, episode);
          if (!step_done (self, stmt, what, error))
            return FALSE;
          match->matched = TRUE;
          drama_episode_set_id (episode, match->id);
          drama_episode_set_seen_at (episode, match->seen_at);
        }
      else
        {
          /* The conflict case is an episode TVmaze moved from another show. */
          stmt = _drama_store_prepare (self,
            "INSERT INTO episodes (show_id, tvmaze_id, season, number, name, airdate, airtime,"
            " airstamp, runtime, summary, seen_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
            " ON CONFLICT (tvmaze_id) DO UPDATE SET show_id = excluded.show_id,"
            " season = excluded.season, number = excluded.number, name = excluded.name,"
            " airdate = excluded.airdate, airtime = excluded.airtime, airstamp = excluded.airstamp,"
            " runtime = excluded.runtime, summary = excluded.summary"
            " RETURNING id, seen_at", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, show_id);
          bind_tvmaze_id (stmt, 2, drama_episode_get_tvmaze_id (episode));
          bind_episode_fields (stmt, episode);
          sqlite3_bind_int64 (stmt, 11, drama_episode_get_seen_at (episode));
          if (sqlite3_step (stmt) != SQLITE_ROW)
            {
              _drama_store_set_error_from_sqlite (self, error, what);
              return FALSE;
            }
          drama_episode_set_id (episode, sqlite3_column_int64 (stmt, 0));
          drama_episode_set_seen_at (episode, sqlite3_column_int64 (stmt, 1));
          sqlite3_reset (stmt);
        }
      drama_episode_set_show_id (episode, show_id);
    }

  /* Episodes TVmaze no longer lists. A seen one is kept (it is the user's history) unless
   * an episode at the same place took over, which then inherits the seen mark. A
   * hand-added episode of a TVmaze show is the user's own: it stays. */
  for (guint i = 0; i < stored->len; i++)
    {
      StoredEpisode *e = &g_array_index (stored, StoredEpisode, i);
      gboolean drop = FALSE;

      if (e->matched || (e->tvmaze_id == 0 && !hand_added_show))
        continue;

      if (e->seen_at == 0)
        drop = TRUE;
      else if (e->number != 0)
        {
          stmt = _drama_store_prepare (self,
            "UPDATE episodes SET seen_at = ?1 WHERE show_id = ?2 AND season = ?3 AND number = ?4"
            " AND seen_at = 0 AND id != ?5", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, e->seen_at);
          sqlite3_bind_int64 (stmt, 2, show_id);
          sqlite3_bind_int (stmt, 3, e->season);
          sqlite3_bind_int (stmt, 4, e->number);
          sqlite3_bind_int64 (stmt, 5, e->id);
          if (!step_done (self, stmt, what, error))
            return FALSE;
          if (sqlite3_changes (_drama_store_get_db (self)) > 0)
            {
              drop = TRUE;
              for (guint j = 0; j < episodes->len; j++)
                {
                  DramaEpisode *episode = g_ptr_array_index (episodes, j);

                  if (drama_episode_get_season (episode) == e->season &&
                      drama_episode_get_number (episode) == e->number &&
                      drama_episode_get_seen_at (episode) == 0)
                    drama_episode_set_seen_at (episode, e->seen_at);
                }
            }
        }

      if (drop)
        {
          stmt = _drama_store_prepare (self, "DELETE FROM episodes WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, e->id);
          if (!step_done (self, stmt, what, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gint64
save_person (DramaStore   *self,
             DramaPerson  *person,
             GError      **error)
{
  const char *what = _("could not save the cast");
  gint64 tvmaze_id = drama_person_get_tvmaze_id (person);
  const char *name = drama_person_get_name (person) != NULL ? drama_person_get_name (person) : "";
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (tvmaze_id == 0)
    {
      /* A hand-added person: the same one again (by id, else by name), or a new one. */
      stmt = _drama_store_prepare (self,
        "SELECT id FROM people WHERE tvmaze_id IS NULL AND (id = ?1 OR name = ?2)"
        " ORDER BY id = ?1 DESC LIMIT 1", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, drama_person_get_id (person));
      _drama_bind_text (stmt, 2, name);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      else if (rc != SQLITE_DONE)
        {
          _drama_store_set_error_from_code (self, error, rc, what);
          return 0;
        }
    }

  if (id != 0)
    stmt = _drama_store_prepare (self,
      "UPDATE people SET name = ?2, image_medium = ?3, image_original = ?4 WHERE id = ?6"
      " RETURNING id, aliases", error);
  else
    /* Aliases are the user's: set only for a new person. */
    stmt = _drama_store_prepare (self,
      "INSERT INTO people (tvmaze_id, name, image_medium, image_original, aliases)"
      " VALUES (?1, ?2, ?3, ?4, ?5)"
      " ON CONFLICT (tvmaze_id) DO UPDATE SET name = excluded.name,"
      " image_medium = excluded.image_medium, image_original = excluded.image_original"
      " RETURNING id, aliases", error);
  if (stmt == NULL)
    return 0;

  if (id != 0)
    sqlite3_bind_int64 (stmt, 6, id);
  else
    {
      bind_tvmaze_id (stmt, 1, tvmaze_id);
      bind_strv (stmt, 5, drama_person_get_aliases (person));
    }
  _drama_bind_text (stmt, 2, name);
  _drama_bind_text (stmt, 3, drama_person_get_image_medium (person));
  _drama_bind_text (stmt, 4, drama_person_get_image_original (person));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _drama_store_set_error_from_sqlite (self, error, what);
      return 0;
    }
  id = sqlite3_column_int64 (stmt, 0);
  drama_person_set_id (person, id);
  set_strv_from_column (G_OBJECT (person), "aliases", stmt, 1);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
save_cast (DramaStore  *self,
           gint64       show_id,
           GPtrArray   *cast,
           GError     **error)
{
  const char *what = _("could not save the cast");
  sqlite3_stmt *stmt;

  stmt = _drama_store_prepare (self, "DELETE FROM credits WHERE show_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, show_id);
  if (!step_done (self, stmt, what, error))
    return FALSE;

  for (guint i = 0; i < cast->len; i++)
    {
      DramaPerson *person = g_ptr_array_index (cast, i);
      int order = drama_person_get_cast_order (person);
      gint64 person_id;

      g_return_val_if_fail (DRAMA_IS_PERSON (person), FALSE);

      person_id = save_person (self, person, error);
      if (person_id == 0)
        return FALSE;

      /* One actor may play two parts in a show: both names are kept. */
      stmt = _drama_store_prepare (self,
        "INSERT INTO credits (person_id, show_id, character, ord) VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT (person_id, show_id) DO UPDATE SET character ="
        " CASE WHEN excluded.character IS NULL THEN credits.character"
        " WHEN credits.character IS NULL THEN excluded.character"
        " ELSE credits.character || ' / ' || excluded.character END", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, person_id);
      sqlite3_bind_int64 (stmt, 2, show_id);
      _drama_bind_text (stmt, 3, drama_person_get_character (person));
      sqlite3_bind_int (stmt, 4, order != 0 ? order : (int) i);
      if (!step_done (self, stmt, what, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
drama_store_save_show (DramaStore  *self,
                       DramaShow   *show,
                       GPtrArray   *episodes,
                       GPtrArray   *cast,
                       GError     **error)
{
  gint64 show_id = 0;
  gboolean ok;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRAMA_IS_SHOW (show), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _drama_store_lock (self);
  ok = _drama_store_begin (self, error);
  if (ok)
    {
      ok = save_show_row (self, show, &show_id, error) &&
           (episodes == NULL ||
            save_episodes (self, show_id, drama_show_get_tvmaze_id (show) == 0, episodes, error)) &&
           (cast == NULL || save_cast (self, show_id, cast, error));
      if (ok)
        ok = _drama_store_commit (self, error);
      else
        _drama_store_rollback (self);
    }
  _drama_store_unlock (self);

  if (!ok)
    return FALSE;

  drama_show_set_id (show, show_id);
  drama_store_emit_changed (self, "shows-changed", 0);
  drama_store_emit_changed (self, "episodes-changed", show_id);
  return TRUE;
}

/* ---- reading shows ---- */

static DramaShow *
get_one_show (DramaStore  *self,
              const char  *sql,
              gint64       key,
              GError     **error)
{
  g_autoptr(GPtrArray) shows = NULL;
  sqlite3_stmt *stmt;

  stmt = _drama_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, key);
  shows = collect_shows (self, stmt, now_unix (), error);
  if (shows == NULL || shows->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (shows, 0));
}

DramaShow *
drama_store_get_show (DramaStore  *self,
                      gint64       id,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  DramaShow *show;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  show = get_one_show (self, "SELECT " SHOW_COLUMNS SHOW_DERIVED " FROM shows s"
                             " WHERE s.id = ?1 AND s.removed_at = 0", id, &local_error);
  _drama_store_unlock (self);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (show == NULL)
    set_not_found (error, _("The show is no longer in the library."));
  return show;
}

DramaShow *
drama_store_find_show_by_tvmaze_id (DramaStore  *self,
                                    gint64       tvmaze_id,
                                    GError     **error)
{
  DramaShow *show;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  if (tvmaze_id == 0)
    return NULL;

  _drama_store_lock (self);
  show = get_one_show (self, "SELECT " SHOW_COLUMNS SHOW_DERIVED " FROM shows s"
                             " WHERE s.tvmaze_id = ?1 AND s.removed_at = 0", tvmaze_id, error);
  _drama_store_unlock (self);
  return show;
}

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : g_strdup ("");
}

static gboolean
strv_matches (const char * const *strv,
              const char         *needle)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      g_autofree char *folded = fold (strv[i]);

      if (strstr (folded, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
show_matches (DramaShow  *show,
              const char *needle)
{
  const char *names[] = { drama_show_get_name (show), drama_show_get_original_name (show), NULL };

  return strv_matches (names, needle) ||
         strv_matches (drama_show_get_akas (show), needle) ||
         strv_matches (drama_show_get_aliases (show), needle);
}

/* When the next episode airs, as a sortable number: exact time, else the air date's
 * midnight (UTC is close enough to order), else "date unknown" after every dated one,
 * and shows with nothing to come after all of those. */
static gint64
next_airing_key (DramaShow *show)
{
  DramaEpisode *next = drama_show_get_next_episode (show);
  const char *airdate;

  if (next == NULL)
    return G_MAXINT64;
  if (drama_episode_get_airstamp (next) != 0)
    return drama_episode_get_airstamp (next);
  airdate = drama_episode_get_airdate (next);
  if (airdate != NULL && *airdate != '\0')
    {
      g_autofree char *iso = g_strconcat (airdate, "T00:00:00Z", NULL);
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

      if (dt != NULL)
        return g_date_time_to_unix (dt);
    }
  return G_MAXINT64 - 1;
}

/* Sort keys are computed once per show, not once per comparison. */
typedef struct {
  DramaShow *show;
  gint64     primary;
  char      *title_key;
} ShowSortItem;

static int
compare_sort_items (gconstpointer a,
                    gconstpointer b)
{
  const ShowSortItem *ia = a;
  const ShowSortItem *ib = b;
  gint64 ida, idb;
  int cmp;

  if (ia->primary != ib->primary)
    return ia->primary < ib->primary ? -1 : 1;
  cmp = strcmp (ia->title_key, ib->title_key);
  if (cmp != 0)
    return cmp;
  ida = drama_show_get_id (ia->show);
  idb = drama_show_get_id (ib->show);
  return ida < idb ? -1 : ida > idb;
}

static void
sort_shows (GPtrArray     *shows,
            DramaShowSort  sort)
{
  g_autofree ShowSortItem *items = g_new0 (ShowSortItem, MAX (shows->len, 1));

  for (guint i = 0; i < shows->len; i++)
    {
      DramaShow *show = g_ptr_array_index (shows, i);
      const char *name = drama_show_get_name (show);
      g_autofree char *folded = fold (name != NULL ? name : "");

      items[i].show = show;
      items[i].title_key = g_utf8_collate_key (folded, -1);
      if (sort == DRAMA_SHOW_SORT_NEXT_AIRING)
        items[i].primary = next_airing_key (show);
      else if (sort == DRAMA_SHOW_SORT_LAST_WATCHED)
        items[i].primary = -drama_show_get_last_watched_at (show);
    }

  qsort (items, shows->len, sizeof (ShowSortItem), compare_sort_items);

  for (guint i = 0; i < shows->len; i++)
    {
      shows->pdata[i] = items[i].show;
      g_free (items[i].title_key);
    }
}

GPtrArray *
drama_store_list_shows (DramaStore     *self,
                        int             status_filter,
                        const char     *text,
                        DramaShowSort   sort,
                        GError        **error)
{
  g_autoptr(GPtrArray) shows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "SELECT " SHOW_COLUMNS SHOW_DERIVED " FROM shows s"
                                     " WHERE s.removed_at = 0 AND (?1 < 0 OR s.user_status = ?1)",
                               error);
  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, status_filter);
      shows = collect_shows (self, stmt, now_unix (), error);
    }
  _drama_store_unlock (self);

  if (shows == NULL)
    return NULL;

  if (text != NULL && *text != '\0')
    {
      g_autofree char *needle = fold (text);

      for (guint i = shows->len; i > 0; i--)
        if (!show_matches (g_ptr_array_index (shows, i - 1), needle))
          g_ptr_array_remove_index (shows, i - 1);
    }

  sort_shows (shows, sort);
  return g_steal_pointer (&shows);
}

GPtrArray *
drama_store_list_shows_to_refresh (DramaStore  *self,
                                   GError     **error)
{
  g_autoptr(GPtrArray) shows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  /* An ended show rarely changes, but TVmaze still fixes names and dates: once a week. */
  stmt = _drama_store_prepare (self, "SELECT " SHOW_COLUMNS " FROM shows s"
                                     " WHERE s.removed_at = 0 AND s.tvmaze_id IS NOT NULL"
                                     " AND (IFNULL(s.status, '') != 'Ended' OR s.refreshed_at < ?1)"
                                     " ORDER BY s.refreshed_at, s.id", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, now_unix () - 7 * 24 * 3600);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (shows, show_from_row (stmt));
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the shows"));
    }
  _drama_store_unlock (self);

  return ok ? g_steal_pointer (&shows) : NULL;
}

/* ---- changing shows ---- */

/* Runs one prepared UPDATE on a show as its own transaction; NOT_FOUND when no row. */
static gboolean
finish_show_update (DramaStore    *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  if (!step_done (self, stmt, _("could not save the show"), error))
    return FALSE;
  if (sqlite3_changes (_drama_store_get_db (self)) == 0)
    {
      set_not_found (error, _("The show is no longer in the library."));
      return FALSE;
    }
  return TRUE;
}

gboolean
drama_store_set_show_user_fields (DramaStore        *self,
                                  gint64             show_id,
                                  DramaWatchStatus   status,
                                  int                rating,
                                  const char        *notes,
                                  GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "UPDATE shows SET user_status = ?2, rating = ?3, notes = ?4"
                                     " WHERE id = ?1 AND removed_at = 0", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, show_id);
      sqlite3_bind_int (stmt, 2, status);
      sqlite3_bind_int (stmt, 3, CLAMP (rating, 0, 10));
      _drama_bind_text (stmt, 4, notes != NULL && *notes != '\0' ? notes : NULL);
      ok = finish_show_update (self, stmt, error);
    }
  _drama_store_unlock (self);

  if (ok)
    drama_store_emit_changed (self, "shows-changed", 0);
  return ok;
}

gboolean
drama_store_set_show_aliases (DramaStore          *self,
                              gint64               show_id,
                              const char * const  *aliases,
                              GError             **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "UPDATE shows SET aliases = ?2 WHERE id = ?1 AND removed_at = 0",
                               error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, show_id);
      bind_strv (stmt, 2, aliases);
      ok = finish_show_update (self, stmt, error);
    }
  _drama_store_unlock (self);

  if (ok)
    drama_store_emit_changed (self, "shows-changed", 0);
  return ok;
}

gboolean
drama_store_set_show_spoiler_guard (DramaStore  *self,
                                    gint64       show_id,
                                    gboolean     spoiler_guard,
                                    GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "UPDATE shows SET spoiler_guard = ?2"
                                     " WHERE id = ?1 AND removed_at = 0", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, show_id);
      sqlite3_bind_int (stmt, 2, spoiler_guard ? 1 : 0);
      ok = finish_show_update (self, stmt, error);
    }
  _drama_store_unlock (self);

  if (ok)
    drama_store_emit_changed (self, "shows-changed", 0);
  return ok;
}

gboolean
drama_store_set_show_removed (DramaStore  *self,
                              gint64       show_id,
                              gboolean     removed,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "UPDATE shows SET removed_at = ?2 WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, show_id);
      sqlite3_bind_int64 (stmt, 2, removed ? MAX (now_unix (), 1) : 0);
      ok = finish_show_update (self, stmt, error);
    }
  _drama_store_unlock (self);

  if (ok)
    {
      drama_store_emit_changed (self, "shows-changed", 0);
      drama_store_emit_changed (self, "links-changed", 0);
    }
  return ok;
}

/* ---- episodes ---- */

GPtrArray *
drama_store_list_episodes (DramaStore  *self,
                           gint64       show_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  /* Specials (number 0) come after the numbered episodes of their season, by air date. */
  stmt = _drama_store_prepare (self, "SELECT " EPISODE_COLUMNS " FROM episodes e"
                                     " WHERE e.show_id = ? ORDER BY e.season, e.number = 0,"
                                     " e.number, " AIR_ORDER ("e"), error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, show_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (episodes, episode_from_row (stmt));
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the episodes"));
    }
  _drama_store_unlock (self);

  return ok ? g_steal_pointer (&episodes) : NULL;
}

static gboolean
episode_row_has_aired (gint64      airstamp,
                       const char *airdate,
                       gint64      now,
                       const char *today)
{
  if (airstamp != 0)
    return airstamp <= now;
  return airdate != NULL && *airdate != '\0' && strcmp (airdate, today) < 0;
}

static gboolean
set_seen (DramaStore    *self,
          const gint64  *episode_ids,
          guint          n_ids,
          gint64         seen_at,
          GArray        *changed,
          GHashTable    *show_ids,
          GError       **error)
{
  const char *what = _("could not save the seen episodes");
  gint64 now = now_unix ();
  g_autofree char *today = local_date (now);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_stmt *stmt;
      gint64 show_id, old_seen_at, airstamp;
      g_autofree char *airdate = NULL;
      int rc;

      stmt = _drama_store_prepare (self, "SELECT show_id, seen_at, airstamp, airdate"
                                         " FROM episodes WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, episode_ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        {
          _drama_store_set_error_from_code (self, error, rc, what);
          return FALSE;
        }
      show_id = sqlite3_column_int64 (stmt, 0);
      old_seen_at = sqlite3_column_int64 (stmt, 1);
      airstamp = sqlite3_column_int64 (stmt, 2);
      airdate = g_strdup (_drama_column_text (stmt, 3));
      sqlite3_reset (stmt);

      if ((seen_at != 0) == (old_seen_at != 0))
        continue;
      /* Nobody has seen an episode that has not aired: a mis-click, or "seen up to here"
       * reaching past today. */
      if (seen_at != 0 && !episode_row_has_aired (airstamp, airdate, now, today))
        continue;

      stmt = _drama_store_prepare (self, "UPDATE episodes SET seen_at = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, episode_ids[i]);
      sqlite3_bind_int64 (stmt, 2, seen_at);
      if (!step_done (self, stmt, what, error))
        return FALSE;

      g_array_append_val (changed, episode_ids[i]);
      g_hash_table_add (show_ids, g_memdup2 (&show_id, sizeof show_id));
    }

  /* last-watched-at follows the marks, so that undoing a mark restores it too. */
  g_hash_table_iter_init (&iter, show_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      sqlite3_stmt *stmt = _drama_store_prepare (self,
        "UPDATE shows SET last_watched_at ="
        " (SELECT IFNULL(max(seen_at), 0) FROM episodes WHERE show_id = ?1) WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *(gint64 *) key);
      if (!step_done (self, stmt, what, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
drama_store_set_episodes_seen (DramaStore    *self,
                               const gint64  *episode_ids,
                               guint          n_ids,
                               gint64         seen_at,
                               GArray       **changed_ids,
                               GError       **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) show_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  gboolean ok;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (episode_ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (seen_at >= 0, FALSE);

  _drama_store_lock (self);
  ok = _drama_store_begin (self, error);
  if (ok)
    {
      ok = set_seen (self, episode_ids, n_ids, seen_at, changed, show_ids, error);
      if (ok)
        ok = _drama_store_commit (self, error);
      else
        _drama_store_rollback (self);
    }
  _drama_store_unlock (self);

  if (!ok)
    return FALSE;

  g_hash_table_iter_init (&iter, show_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    drama_store_emit_changed (self, "episodes-changed", *(gint64 *) key);
  if (g_hash_table_size (show_ids) > 0)
    drama_store_emit_changed (self, "shows-changed", 0);

  if (changed_ids != NULL)
    *changed_ids = g_steal_pointer (&changed);
  return TRUE;
}

GPtrArray *
drama_store_list_upcoming (DramaStore  *self,
                           gint64       now,
                           GError     **error)
{
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *today = local_date (now);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  /* One row per show: the first episode still to come. The outer order puts exact air
   * times and date-only episodes on one time line (date-only at that day's start, UTC). */
  stmt = _drama_store_prepare (self,
    "SELECT " EPISODE_COLUMNS ", s.name FROM shows s JOIN episodes e ON e.id ="
    " (SELECT n.id FROM episodes n WHERE n.show_id = s.id AND n.seen_at = 0 AND"
    "  ((n.airstamp != 0 AND n.airstamp >= ?1) OR (n.airstamp = 0 AND n.airdate >= ?2))"
    "  ORDER BY " AIR_ORDER ("n") " LIMIT 1)"
    " WHERE s.removed_at = 0 AND s.user_status = ?3"
    " ORDER BY IFNULL(NULLIF(e.airstamp, 0), CAST(strftime('%s', e.airdate) AS INTEGER)), s.name, s.id", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, DRAMA_WATCH_STATUS_WATCHING);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DramaEpisode *episode = episode_from_row (stmt);

          drama_episode_set_show_name (episode, _drama_column_text (stmt, N_EPISODE_COLUMNS));
          g_ptr_array_add (episodes, episode);
        }
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the episodes"));
    }
  _drama_store_unlock (self);

  return ok ? g_steal_pointer (&episodes) : NULL;
}

/* ---- people ---- */

GPtrArray *
drama_store_list_cast (DramaStore  *self,
                       gint64       show_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "SELECT " PERSON_COLUMNS ", c.character, c.ord"
                                     " FROM credits c JOIN people p ON p.id = c.person_id"
                                     " WHERE c.show_id = ? ORDER BY c.ord, p.name", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, show_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DramaPerson *person = person_from_row (stmt);

          drama_person_set_character (person, _drama_column_text (stmt, N_PERSON_COLUMNS));
          drama_person_set_cast_order (person, sqlite3_column_int (stmt, N_PERSON_COLUMNS + 1));
          g_ptr_array_add (cast, person);
        }
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the cast"));
    }
  _drama_store_unlock (self);

  return ok ? g_steal_pointer (&cast) : NULL;
}

DramaPerson *
drama_store_get_person (DramaStore  *self,
                        gint64       person_id,
                        GError     **error)
{
  DramaPerson *person = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "SELECT " PERSON_COLUMNS " FROM people p WHERE p.id = ?",
                               error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, person_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        person = person_from_row (stmt);
      else if (rc == SQLITE_DONE)
        set_not_found (error, _("This person is no longer in the library."));
      else
        _drama_store_set_error_from_code (self, error, rc, _("could not read the cast"));
    }
  _drama_store_unlock (self);

  return person;
}

GPtrArray *
drama_store_list_person_shows (DramaStore  *self,
                               gint64       person_id,
                               GError     **error)
{
  g_autoptr(GPtrArray) shows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "SELECT " SHOW_COLUMNS " FROM credits c"
                                     " JOIN shows s ON s.id = c.show_id"
                                     " WHERE c.person_id = ? AND s.removed_at = 0"
                                     " ORDER BY s.premiered DESC, s.name", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, person_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (shows, show_from_row (stmt));
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the shows"));
    }
  _drama_store_unlock (self);

  return ok ? g_steal_pointer (&shows) : NULL;
}

gboolean
drama_store_set_person_aliases (DramaStore          *self,
                                gint64               person_id,
                                const char * const  *aliases,
                                GError             **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "UPDATE people SET aliases = ?2 WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, person_id);
      bind_strv (stmt, 2, aliases);
      ok = step_done (self, stmt, _("could not save the names"), error);
      if (ok && sqlite3_changes (_drama_store_get_db (self)) == 0)
        {
          set_not_found (error, _("This person is no longer in the library."));
          ok = FALSE;
        }
    }
  _drama_store_unlock (self);

  /* The matcher looks for these names in articles. */
  if (ok)
    drama_store_emit_changed (self, "links-changed", 0);
  return ok;
}
