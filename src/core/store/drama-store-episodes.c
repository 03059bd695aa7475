#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-store-private.h"

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

gboolean
_drama_store_save_episodes (DramaStore  *self,
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
          if (!_drama_store_step_done (self, stmt, what, error))
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
          _drama_bind_tvmaze_id (stmt, 2, drama_episode_get_tvmaze_id (episode));
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
          if (!_drama_store_step_done (self, stmt, what, error))
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
          if (!_drama_store_step_done (self, stmt, what, error))
            return FALSE;
        }
    }

  return TRUE;
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
  stmt = _drama_store_prepare (self, "SELECT " DRAMA_STORE_EPISODE_COLUMNS " FROM episodes e"
                                     " WHERE e.show_id = ? ORDER BY e.season, e.number = 0,"
                                     " e.number, " DRAMA_STORE_AIR_ORDER ("e"), error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, show_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (episodes, _drama_episode_from_row (stmt));
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

/* An episode the user may tick: aired, or with no date at all in a show added by hand
 * (someone catching up on a show TVmaze does not know gave no dates: nothing says it is
 * still to come). */
static gboolean
episode_row_markable (gint64      airstamp,
                      const char *airdate,
                      gboolean    hand_added,
                      gint64      now,
                      const char *today)
{
  if (hand_added && airstamp == 0 && (airdate == NULL || *airdate == '\0'))
    return TRUE;
  return episode_row_has_aired (airstamp, airdate, now, today);
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
  gint64 now = _drama_now_unix ();
  g_autofree char *today = _drama_local_date (now);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_stmt *stmt;
      gint64 show_id, old_seen_at, airstamp;
      g_autofree char *airdate = NULL;
      gboolean hand_added;
      int rc;

      stmt = _drama_store_prepare (self, "SELECT e.show_id, e.seen_at, e.airstamp, e.airdate,"
                                         " s.tvmaze_id IS NULL"
                                         " FROM episodes e JOIN shows s ON s.id = e.show_id"
                                         " WHERE e.id = ?", error);
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
      hand_added = sqlite3_column_int (stmt, 4) != 0;
      sqlite3_reset (stmt);

      if ((seen_at != 0) == (old_seen_at != 0))
        continue;
      /* Nobody has seen an episode that has not aired: a mis-click, or "seen up to here"
       * reaching past today. */
      if (seen_at != 0 && !episode_row_markable (airstamp, airdate, hand_added, now, today))
        continue;

      stmt = _drama_store_prepare (self, "UPDATE episodes SET seen_at = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, episode_ids[i]);
      sqlite3_bind_int64 (stmt, 2, seen_at);
      if (!_drama_store_step_done (self, stmt, what, error))
        return FALSE;

      g_array_append_val (changed, episode_ids[i]);
      {
        GArray *of_show = g_hash_table_lookup (show_ids, &show_id);

        if (of_show == NULL)
          {
            of_show = g_array_new (FALSE, FALSE, sizeof (gint64));
            g_hash_table_insert (show_ids, g_memdup2 (&show_id, sizeof show_id), of_show);
          }
        g_array_append_val (of_show, episode_ids[i]);
      }
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
      if (!_drama_store_step_done (self, stmt, what, error))
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
  /* show id → GArray of the ids of its episodes that changed */
  g_autoptr(GHashTable) show_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) g_array_unref);
  gpointer value;
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

  /* One episode change per show, then one show change naming the shows (their progress
   * and next episode moved). A seen mark changes no link. */
  {
    g_autoptr(GArray) shows = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_hash_table_iter_init (&iter, show_ids);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        _drama_store_notify_array (self, DRAMA_CHANGE_EPISODE, DRAMA_CHANGE_SEEN,
                                   *(gint64 *) key, value);
        g_array_append_val (shows, *(gint64 *) key);
      }
    if (shows->len > 0)
      _drama_store_notify_array (self, DRAMA_CHANGE_SHOW, DRAMA_CHANGE_SEEN,
                                 shows->len == 1 ? g_array_index (shows, gint64, 0) : 0, shows);
  }

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
  g_autofree char *today = _drama_local_date (now);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  /* One row per show: the first episode still to come. The outer order puts exact air
   * times and date-only episodes on one time line (date-only at that day's start, UTC). */
  stmt = _drama_store_prepare (self,
    "SELECT " DRAMA_STORE_EPISODE_COLUMNS ", s.name FROM shows s JOIN episodes e ON e.id ="
    " (SELECT n.id FROM episodes n WHERE n.show_id = s.id AND n.seen_at = 0 AND"
    "  ((n.airstamp != 0 AND n.airstamp >= ?1) OR (n.airstamp = 0 AND n.airdate >= ?2))"
    "  ORDER BY " DRAMA_STORE_AIR_ORDER ("n") " LIMIT 1)"
    " WHERE s.removed_at = 0 AND s.user_status = ?3"
    " ORDER BY IFNULL(NULLIF(e.airstamp, 0), CAST(strftime('%s', e.airdate) AS INTEGER)), s.name, s.id", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, DRAMA_WATCH_STATUS_WATCHING);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DramaEpisode *episode = _drama_episode_from_row (stmt);

          drama_episode_set_show_name (episode, _drama_column_text (stmt, DRAMA_STORE_N_EPISODE_COLUMNS));
          g_ptr_array_add (episodes, episode);
        }
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the episodes"));
    }
  _drama_store_unlock (self);

  return ok ? g_steal_pointer (&episodes) : NULL;
}
