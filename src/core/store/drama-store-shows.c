#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "drama-store-private.h"

DramaShow *
_drama_show_from_row (sqlite3_stmt *stmt)
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
  _drama_set_strv_from_column (G_OBJECT (show), "schedule-days", stmt, 12);
  _drama_set_strv_from_column (G_OBJECT (show), "genres", stmt, 13);
  _drama_set_strv_from_column (G_OBJECT (show), "akas", stmt, 14);
  drama_show_set_runtime (show, sqlite3_column_int (stmt, 15));
  drama_show_set_summary (show, _drama_column_text (stmt, 16));
  drama_show_set_image_medium (show, _drama_column_text (stmt, 17));
  drama_show_set_image_original (show, _drama_column_text (stmt, 18));
  drama_show_set_imdb (show, _drama_column_text (stmt, 19));
  drama_show_set_official_site (show, _drama_column_text (stmt, 20));
  drama_show_set_user_status (show, sqlite3_column_int (stmt, 21));
  drama_show_set_rating (show, sqlite3_column_int (stmt, 22));
  drama_show_set_notes (show, _drama_column_text (stmt, 23));
  _drama_set_strv_from_column (G_OBJECT (show), "aliases", stmt, 24);
  drama_show_set_spoiler_guard (show, sqlite3_column_int (stmt, 25) != 0);
  drama_show_set_added_at (show, sqlite3_column_int64 (stmt, 26));
  drama_show_set_last_watched_at (show, sqlite3_column_int64 (stmt, 27));
  drama_show_set_tvmaze_updated (show, sqlite3_column_int64 (stmt, 28));
  drama_show_set_refreshed_at (show, sqlite3_column_int64 (stmt, 29));
  return show;
}

DramaEpisode *
_drama_episode_from_row (sqlite3_stmt *stmt)
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

DramaPerson *
_drama_person_from_row (sqlite3_stmt *stmt)
{
  DramaPerson *person = drama_person_new ();

  drama_person_set_id (person, sqlite3_column_int64 (stmt, 0));
  drama_person_set_tvmaze_id (person, sqlite3_column_int64 (stmt, 1));
  drama_person_set_name (person, _drama_column_text (stmt, 2));
  drama_person_set_image_medium (person, _drama_column_text (stmt, 3));
  drama_person_set_image_original (person, _drama_column_text (stmt, 4));
  _drama_set_strv_from_column (G_OBJECT (person), "aliases", stmt, 5);
  return person;
}


static DramaEpisode *
load_episode (DramaStore  *self,
              gint64       episode_id,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drama_store_prepare (self, "SELECT " DRAMA_STORE_EPISODE_COLUMNS " FROM episodes e WHERE e.id = ?",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, episode_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _drama_episode_from_row (stmt);
  if (rc == SQLITE_DONE)
    _drama_set_not_found (error, _("The episode is no longer in the library."));
  else
    _drama_store_set_error_from_code (self, error, rc, _("could not read the episodes"));
  return NULL;
}

/* Runs a prepared show query (DRAMA_STORE_SHOW_COLUMNS DRAMA_STORE_SHOW_DERIVED, ?2/?3 bound here) and collects the
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
  g_autofree char *today = _drama_local_date (now);
  int rc;

  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, today, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DramaShow *show = _drama_show_from_row (stmt);
      gint64 next_id = sqlite3_column_int64 (stmt, DRAMA_STORE_N_SHOW_COLUMNS + 3);

      drama_show_set_episodes_total (show, sqlite3_column_int (stmt, DRAMA_STORE_N_SHOW_COLUMNS));
      drama_show_set_episodes_aired (show, sqlite3_column_int (stmt, DRAMA_STORE_N_SHOW_COLUMNS + 1));
      drama_show_set_episodes_seen (show, sqlite3_column_int (stmt, DRAMA_STORE_N_SHOW_COLUMNS + 2));
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

  _drama_bind_tvmaze_id (stmt, 1, tvmaze_id);
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
  _drama_bind_strv (stmt, 12, drama_show_get_schedule_days (show));
  _drama_bind_strv (stmt, 13, drama_show_get_genres (show));
  _drama_bind_strv (stmt, 14, drama_show_get_akas (show));
  sqlite3_bind_int (stmt, 15, drama_show_get_runtime (show));
  _drama_bind_text (stmt, 16, drama_show_get_summary (show));
  _drama_bind_text (stmt, 17, drama_show_get_image_medium (show));
  _drama_bind_text (stmt, 18, drama_show_get_image_original (show));
  _drama_bind_text (stmt, 19, drama_show_get_imdb (show));
  _drama_bind_text (stmt, 20, drama_show_get_official_site (show));
  sqlite3_bind_int64 (stmt, 21, drama_show_get_tvmaze_updated (show));
  /* Saving is what a refresh does, whatever the object says: otherwise a refresh that
   * reuses the listed object would leave the show looking stale for ever. */
  sqlite3_bind_int64 (stmt, 22, _drama_now_unix ());
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
                                    drama_show_get_added_at (show) : _drama_now_unix ());
      sqlite3_bind_int64 (stmt, 29, drama_show_get_last_watched_at (show));
    }

  if (!_drama_store_step_done (self, stmt, _("could not save the show"), error))
    return FALSE;

  *show_id = existing != 0 ? existing : sqlite3_last_insert_rowid (_drama_store_get_db (self));
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
  /* A hint for views: a show saved again under a known TVmaze id is an update even when
   * the caller's object had no id yet; a live list looks the id up either way. */
  gboolean is_new = drama_show_get_id (show) == 0;
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
            _drama_store_save_episodes (self, show_id, drama_show_get_tvmaze_id (show) == 0, episodes, error)) &&
           (cast == NULL || _drama_store_save_cast (self, show_id, cast, error));
      if (ok)
        ok = _drama_store_commit (self, error);
      else
        _drama_store_rollback (self);
    }
  _drama_store_unlock (self);

  if (!ok)
    return FALSE;

  drama_show_set_id (show, show_id);
  /* Saving replaces titles, akas and cast: the names the matcher looks for. */
  _drama_store_notify (self, DRAMA_CHANGE_SHOW, is_new ? DRAMA_CHANGE_ADDED : DRAMA_CHANGE_UPDATED,
                       show_id, &show_id, 1);
  _drama_store_notify (self, DRAMA_CHANGE_EPISODE, DRAMA_CHANGE_UPDATED, show_id, NULL, 0);
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
  shows = collect_shows (self, stmt, _drama_now_unix (), error);
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
  show = get_one_show (self, "SELECT " DRAMA_STORE_SHOW_COLUMNS DRAMA_STORE_SHOW_DERIVED " FROM shows s"
                             " WHERE s.id = ?1 AND s.removed_at = 0", id, &local_error);
  _drama_store_unlock (self);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (show == NULL)
    _drama_set_not_found (error, _("The show is no longer in the library."));
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
  show = get_one_show (self, "SELECT " DRAMA_STORE_SHOW_COLUMNS DRAMA_STORE_SHOW_DERIVED " FROM shows s"
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
  stmt = _drama_store_prepare (self, "SELECT " DRAMA_STORE_SHOW_COLUMNS DRAMA_STORE_SHOW_DERIVED " FROM shows s"
                                     " WHERE s.removed_at = 0 AND (?1 < 0 OR s.user_status = ?1)",
                               error);
  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, status_filter);
      shows = collect_shows (self, stmt, _drama_now_unix (), error);
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
  stmt = _drama_store_prepare (self, "SELECT " DRAMA_STORE_SHOW_COLUMNS " FROM shows s"
                                     " WHERE s.removed_at = 0 AND s.tvmaze_id IS NOT NULL"
                                     " AND (IFNULL(s.status, '') != 'Ended' OR s.refreshed_at < ?1)"
                                     " ORDER BY s.refreshed_at, s.id", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, _drama_now_unix () - 7 * 24 * 3600);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (shows, _drama_show_from_row (stmt));
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the shows"));
    }
  _drama_store_unlock (self);

  return ok ? g_steal_pointer (&shows) : NULL;
}

/* ---- changing shows ---- */

/* Every edit of one show's own row: lock, prepare, bind the show id as ?1;
 * the caller binds the rest and hands the statement to end_show_update(). */
static sqlite3_stmt *
begin_show_update (DramaStore  *self,
                   const char  *sql,
                   gint64       show_id,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, sql, error);
  if (stmt == NULL)
    {
      _drama_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, show_id);
  return stmt;
}

/* Runs the edit, unlocks, and tells the views; a show that is gone is an error. */
static gboolean
end_show_update (DramaStore         *self,
                 sqlite3_stmt       *stmt,
                 gint64              show_id,
                 DramaChangeReason   reason,
                 GError            **error)
{
  gboolean ok = _drama_store_step_done (self, stmt, _("could not save the show"), error);

  if (ok && sqlite3_changes (_drama_store_get_db (self)) == 0)
    {
      _drama_set_not_found (error, _("The show is no longer in the library."));
      ok = FALSE;
    }
  _drama_store_unlock (self);

  if (ok)
    _drama_store_notify (self, DRAMA_CHANGE_SHOW, reason, show_id, &show_id, 1);
  return ok;
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

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (status >= DRAMA_WATCH_STATUS_WATCHING && status <= DRAMA_WATCH_STATUS_DROPPED,
                        FALSE);

  stmt = begin_show_update (self, "UPDATE shows SET user_status = ?2, rating = ?3, notes = ?4"
                                  " WHERE id = ?1 AND removed_at = 0", show_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 2, status);
  sqlite3_bind_int (stmt, 3, CLAMP (rating, 0, 10));
  _drama_bind_text (stmt, 4, notes != NULL && *notes != '\0' ? notes : NULL);
  return end_show_update (self, stmt, show_id, DRAMA_CHANGE_USER, error);
}

gboolean
drama_store_set_show_aliases (DramaStore          *self,
                              gint64               show_id,
                              const char * const  *aliases,
                              GError             **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  stmt = begin_show_update (self, "UPDATE shows SET aliases = ?2 WHERE id = ?1 AND removed_at = 0",
                            show_id, error);
  if (stmt == NULL)
    return FALSE;
  _drama_bind_strv (stmt, 2, aliases);
  if (!end_show_update (self, stmt, show_id, DRAMA_CHANGE_UPDATED, error))
    return FALSE;
  _drama_store_notify_aliases (self, DRAMA_CHANGE_SHOW, show_id);
  return TRUE;
}

gboolean
drama_store_set_show_spoiler_guard (DramaStore  *self,
                                    gint64       show_id,
                                    gboolean     spoiler_guard,
                                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  stmt = begin_show_update (self, "UPDATE shows SET spoiler_guard = ?2"
                                  " WHERE id = ?1 AND removed_at = 0", show_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 2, spoiler_guard ? 1 : 0);
  return end_show_update (self, stmt, show_id, DRAMA_CHANGE_USER, error);
}

gboolean
drama_store_set_show_removed (DramaStore  *self,
                              gint64       show_id,
                              gboolean     removed,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  stmt = begin_show_update (self, "UPDATE shows SET removed_at = ?2 WHERE id = ?1", show_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, removed ? MAX (_drama_now_unix (), 1) : 0);
  /* A removed (or restored) show takes its article links with it (they are kept in the
   * table, but every query leaves removed shows out). */
  return end_show_update (self, stmt, show_id,
                          removed ? DRAMA_CHANGE_REMOVED : DRAMA_CHANGE_ADDED, error);
}
