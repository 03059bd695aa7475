#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-matcher.h"
#include "drama-store-news-private.h"
#include "drama-store-private.h"
#include "drama-store.h"

/* The links as the UI reads them: the shows an article names, its matches, the episode it
 * may spoil (one article, or a whole page at once), the articles about a show's episodes. */

static gboolean
step_rows_done (DramaStore    *self,
                sqlite3_stmt  *stmt,
                int            rc,
                const char    *what,
                GError       **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  _drama_store_set_error_from_code (self, error, rc, what);
  return FALSE;
}

/* The SQL shared by the per-article queries and their batched forms in
 * drama_store_fill_article_links (), which must give the same answer for every article. */
#define ARTICLE_SHOWS_FROM "FROM article_links l JOIN shows s ON s.id = l.show_id "
#define ARTICLE_SHOWS_WHERE "AND s.removed_at = 0 "
/* Headline before body, then first linked first (rowids are unique: no ties). */
#define ARTICLE_SHOWS_ORDER "MAX(l.place) DESC, MIN(l.rowid)"

#define ARTICLE_SPOILER_SELECT \
  "SELECT e.id, e.show_id, e.tvmaze_id, e.season, e.number, e.name, e.airdate, e.airtime, " \
  "  e.airstamp, e.runtime, e.summary, e.seen_at, s.name, l.article_id " \
  "FROM article_links l JOIN shows s ON s.id = l.show_id " \
  "JOIN episodes e ON e.id = l.episode_id "
#define ARTICLE_SPOILER_WHERE "AND s.removed_at = 0 AND s.spoiler_guard != 0 AND e.seen_at = 0 "
/* The earliest episode; of two with the same number (two shows, or one linked twice) the
 * first linked, which is also what the scan in rowid order gave before this was spelled out. */
#define ARTICLE_SPOILER_ORDER "e.season, e.number, l.rowid"

static DramaEpisode *
spoiler_from_row (sqlite3_stmt *stmt)
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
  drama_episode_set_show_name (episode, _drama_column_text (stmt, 12));
  return episode;
}

static GPtrArray *
list_article_shows_locked (DramaStore  *self,
                           gint64       article_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) shows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "SELECT s.id, s.name " ARTICLE_SHOWS_FROM "WHERE l.article_id = ?1 " ARTICLE_SHOWS_WHERE
    "GROUP BY s.id ORDER BY " ARTICLE_SHOWS_ORDER, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DramaShow *show = drama_show_new ();

      drama_show_set_id (show, sqlite3_column_int64 (stmt, 0));
      drama_show_set_name (show, _drama_column_text (stmt, 1));
      g_ptr_array_add (shows, show);
    }
  if (!step_rows_done (self, stmt, rc, _("could not read the article’s shows"), error))
    return NULL;
  return g_steal_pointer (&shows);
}

GPtrArray *
drama_store_list_article_shows (DramaStore  *self,
                                gint64       article_id,
                                GError     **error)
{
  GPtrArray *shows;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  shows = list_article_shows_locked (self, article_id, error);
  _drama_store_unlock (self);
  return shows;
}

GPtrArray *
drama_store_list_article_matches (DramaStore  *self,
                                  gint64       article_id,
                                  GError     **error)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_match_free);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self,
    "SELECT l.show_id, l.person_id, l.matched, l.place, e.season, e.number "
    "FROM article_links l LEFT JOIN episodes e ON e.id = l.episode_id "
    "WHERE l.article_id = ?1 AND "
    "  (l.show_id IS NULL OR l.show_id IN (SELECT id FROM shows WHERE removed_at = 0)) "
    "ORDER BY l.place DESC, l.rowid", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, article_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DramaMatch *match = g_new0 (DramaMatch, 1);

          if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
            {
              match->kind = DRAMA_MATCH_KIND_SHOW;
              match->target_id = sqlite3_column_int64 (stmt, 0);
            }
          else
            {
              match->kind = DRAMA_MATCH_KIND_PERSON;
              match->target_id = sqlite3_column_int64 (stmt, 1);
            }
          match->matched = g_strdup (_drama_column_text (stmt, 2));
          match->length = match->matched != NULL ? strlen (match->matched) : 0;
          match->place = sqlite3_column_int (stmt, 3) == DRAMA_MATCH_PLACE_HEADLINE ?
                         DRAMA_MATCH_PLACE_HEADLINE : DRAMA_MATCH_PLACE_BODY;
          match->season = sqlite3_column_int (stmt, 4);
          match->episode = sqlite3_column_int (stmt, 5);
          g_ptr_array_add (matches, match);
        }
      ok = step_rows_done (self, stmt, rc, _("could not read the article’s links"), error);
    }
  _drama_store_unlock (self);

  return ok ? g_steal_pointer (&matches) : NULL;
}

static DramaEpisode *
get_article_spoiler_locked (DramaStore  *self,
                            gint64       article_id,
                            GError     **error)
{
  DramaEpisode *episode;
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    ARTICLE_SPOILER_SELECT "WHERE l.article_id = ?1 " ARTICLE_SPOILER_WHERE
    "ORDER BY " ARTICLE_SPOILER_ORDER " LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      step_rows_done (self, stmt, rc, _("could not read the article’s episode"), error);
      return NULL;
    }

  episode = spoiler_from_row (stmt);
  sqlite3_reset (stmt);
  return episode;
}

DramaEpisode *
drama_store_get_article_spoiler (DramaStore  *self,
                                 gint64       article_id,
                                 gboolean     spoiler_guard,
                                 GError     **error)
{
  DramaEpisode *episode;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  if (!spoiler_guard)
    return NULL;

  _drama_store_lock (self);
  episode = get_article_spoiler_locked (self, article_id, error);
  _drama_store_unlock (self);
  return episode;
}

static char *
ids_to_json (GPtrArray *articles)
{
  GString *s = g_string_sized_new (articles->len * 8 + 2);

  g_string_append_c (s, '[');
  for (guint i = 0; i < articles->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            drama_article_get_id (g_ptr_array_index (articles, i)));
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* One show of an article while its rows are read: the best place it is named in and its
 * first row. */
typedef struct {
  gint64  show_id;
  char   *name;
  int     place;
  guint   first;
} ShowRow;

static void
show_row_clear (ShowRow *row)
{
  g_clear_pointer (&row->name, g_free);
}

/* ARTICLE_SHOWS_ORDER, on ShowRow. */
static int
compare_show_rows (gconstpointer a,
                   gconstpointer b)
{
  const ShowRow *x = a, *y = b;

  if (x->place != y->place)
    return x->place > y->place ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}

/* The shows of one article gathered in rows, into shows_by_id in the order of
 * list_article_shows_locked (); empties rows. */
static void
finish_article_shows (GHashTable *shows_by_id,
                      gint64      article_id,
                      GArray     *rows)
{
  GPtrArray *shows;

  if (rows->len == 0)
    return;
  g_array_sort (rows, compare_show_rows);
  shows = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      ShowRow *row = &g_array_index (rows, ShowRow, i);
      DramaShow *show = drama_show_new ();

      drama_show_set_id (show, row->show_id);
      drama_show_set_name (show, row->name);
      g_ptr_array_add (shows, show);
    }
  g_hash_table_replace (shows_by_id, g_memdup2 (&article_id, sizeof article_id), shows);
  g_array_set_size (rows, 0);
}

/* The shows of every article of json (a JSON array of ids) into shows_by_id (article id →
 * GPtrArray of DramaShow), each article's as list_article_shows_locked () gives them. The
 * rows come in the index's order (article, then rowid) and are grouped and ordered here:
 * SQLite's GROUP BY and ORDER BY would sort them twice in temporary b-trees. With the lock
 * held. */
static gboolean
collect_article_shows_locked (DramaStore  *self,
                              const char  *json,
                              GHashTable  *shows_by_id,
                              GError     **error)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "SELECT s.id, s.name, l.article_id, l.place " ARTICLE_SHOWS_FROM
    "WHERE l.article_id IN (SELECT value FROM json_each (?1)) " ARTICLE_SHOWS_WHERE
    "ORDER BY l.article_id, l.rowid", error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (ShowRow));
  gint64 last_id = 0;
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  g_array_set_clear_func (rows, (GDestroyNotify) show_row_clear);
  _drama_bind_text (stmt, 1, json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 show_id = sqlite3_column_int64 (stmt, 0);
      gint64 article_id = sqlite3_column_int64 (stmt, 2);
      int place = sqlite3_column_int (stmt, 3);
      ShowRow *found = NULL;

      if (article_id != last_id)
        finish_article_shows (shows_by_id, last_id, rows);
      last_id = article_id;

      /* A handful of shows per article: a search beats a table. */
      for (guint i = 0; found == NULL && i < rows->len; i++)
        if (g_array_index (rows, ShowRow, i).show_id == show_id)
          found = &g_array_index (rows, ShowRow, i);
      if (found != NULL)
        found->place = MAX (found->place, place);
      else
        {
          ShowRow row = { show_id, g_strdup (_drama_column_text (stmt, 1)), place, n };

          g_array_append_val (rows, row);
        }
      n++;
    }
  finish_article_shows (shows_by_id, last_id, rows);
  return step_rows_done (self, stmt, rc, _("could not read the article’s shows"), error);
}

/* The spoiler episode of every article of json into spoiler_by_id (article id →
 * DramaEpisode), each article's as get_article_spoiler_locked () gives it: the rows come in
 * the index's order (article, then rowid) and the earliest episode is kept, of equals the
 * first, which is ARTICLE_SPOILER_ORDER without a sort. With the lock held. */
static gboolean
collect_article_spoilers_locked (DramaStore  *self,
                                 const char  *json,
                                 GHashTable  *spoiler_by_id,
                                 GError     **error)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    ARTICLE_SPOILER_SELECT "WHERE l.article_id IN (SELECT value FROM json_each (?1)) "
    ARTICLE_SPOILER_WHERE "ORDER BY l.article_id, l.rowid", error);
  DramaEpisode *best = NULL;
  gint64 last_id = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  _drama_bind_text (stmt, 1, json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 article_id = sqlite3_column_int64 (stmt, 13);
      int season = sqlite3_column_int (stmt, 3), number = sqlite3_column_int (stmt, 4);

      if (best != NULL && article_id == last_id &&
          (season > drama_episode_get_season (best) ||
           (season == drama_episode_get_season (best) &&
            number >= drama_episode_get_number (best))))
        continue;
      last_id = article_id;
      best = spoiler_from_row (stmt);
      /* The table holds it (and drops the one it replaces). */
      g_hash_table_replace (spoiler_by_id, g_memdup2 (&article_id, sizeof article_id), best);
    }
  return step_rows_done (self, stmt, rc, _("could not read the article’s episode"), error);
}

gboolean
drama_store_fill_article_links (DramaStore  *self,
                                GPtrArray   *articles,
                                gboolean     spoiler_guard,
                                GError     **error)
{
  g_autoptr(GHashTable) shows_by_id = NULL;
  g_autoptr(GHashTable) spoiler_by_id = NULL;
  g_autofree char *json = NULL;
  gboolean ok;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (articles != NULL, FALSE);

  if (articles->len == 0)
    return TRUE;

  /* Two statements for the whole page, not one or two per article: those were most of a
   * page load. */
  shows_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  spoiler_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  json = ids_to_json (articles);

  _drama_store_lock (self);
  ok = collect_article_shows_locked (self, json, shows_by_id, error) &&
       (!spoiler_guard || collect_article_spoilers_locked (self, json, spoiler_by_id, error));
  _drama_store_unlock (self);

  if (!ok)
    return FALSE;

  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);
      gint64 id = drama_article_get_id (article);
      GPtrArray *shows = g_hash_table_lookup (shows_by_id, &id);
      g_autoptr(GPtrArray) none = NULL;

      /* An article listed twice shares its (never modified) shows and episode. */
      if (shows == NULL)
        shows = none = g_ptr_array_new_with_free_func (g_object_unref);
      drama_article_set_shows (article, shows);
      drama_article_set_spoiler_episode (article, g_hash_table_lookup (spoiler_by_id, &id));
    }

  return TRUE;
}

GPtrArray *
drama_store_list_show_episode_articles (DramaStore  *self,
                                        gint64       show_id,
                                        GArray     **episode_ids,
                                        GError     **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) episodes = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  /* The episode must still belong to the show: a refresh may have moved the row. */
  stmt = _drama_store_prepare (self,
    "SELECT " DRAMA_ARTICLE_COLUMNS ", x.episode_id "
    "FROM (SELECT DISTINCT l.article_id, l.episode_id FROM article_links l "
    "      JOIN episodes e ON e.id = l.episode_id "
    "      WHERE l.show_id = ?1 AND e.show_id = ?1) x "
    "JOIN articles a ON a.id = x.article_id JOIN feeds f ON f.id = a.feed_id "
    "ORDER BY a.published DESC, a.id, x.episode_id", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, show_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 episode_id = sqlite3_column_int64 (stmt, DRAMA_ARTICLE_N_COLUMNS);

          g_ptr_array_add (articles, _drama_article_from_row (stmt));
          g_array_append_val (episodes, episode_id);
        }
      ok = step_rows_done (self, stmt, rc, _("could not read the episodes’ articles"), error);
    }
  _drama_store_unlock (self);

  if (!ok)
    return NULL;
  if (episode_ids != NULL)
    *episode_ids = g_steal_pointer (&episodes);
  return g_steal_pointer (&articles);
}
