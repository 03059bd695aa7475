#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-html.h"
#include "drama-matcher.h"
#include "drama-store-news-private.h"
#include "drama-store-private.h"
#include "drama-store.h"
#include "drama-text.h"

/* Articles per transaction when relinking everything: short enough that the UI thread
 * waits at most a few tens of milliseconds for the store lock. */
#define RELINK_CHUNK 500

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

/* ---- the dictionary ---- */

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
add_shows_locked (DramaStore    *self,
                  DramaMatcher  *matcher,
                  GError       **error)
{
  /* The final episode: the highest numbered one of the last season with numbered ones. */
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "SELECT s.id, s.name, s.original_name, s.akas, s.aliases, "
    "  (SELECT e.season FROM episodes e WHERE e.show_id = s.id AND e.number > 0 "
    "   ORDER BY e.season DESC, e.number DESC LIMIT 1), "
    "  (SELECT e.number FROM episodes e WHERE e.show_id = s.id AND e.number > 0 "
    "   ORDER BY e.season DESC, e.number DESC LIMIT 1) "
    "FROM shows s WHERE s.removed_at = 0 ORDER BY s.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);

      for (int column = 2; column <= 4; column++)
        {
          const char *text = _drama_column_text (stmt, column);

          if (column == 2)
            {
              if (text != NULL && *text != '\0')
                g_ptr_array_add (others, g_strdup (text));
              continue;
            }
          if (text != NULL)
            {
              g_auto(GStrv) parts = _drama_strv_split (text);

              for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
                if (*parts[i] != '\0')
                  g_ptr_array_add (others, g_strdup (parts[i]));
            }
        }
      g_ptr_array_add (others, NULL);

      drama_matcher_add_show (matcher, sqlite3_column_int64 (stmt, 0),
                              _drama_column_text (stmt, 1),
                              (const char * const *) others->pdata,
                              sqlite3_column_int (stmt, 5), sqlite3_column_int (stmt, 6));
    }

  return step_rows_done (self, stmt, rc, _("could not read the shows"), error);
}

static gboolean
add_people_locked (DramaStore    *self,
                   DramaMatcher  *matcher,
                   GError       **error)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "SELECT p.id, p.name, p.aliases, group_concat(c.show_id) "
    "FROM people p JOIN credits c ON c.person_id = p.id "
    "JOIN shows s ON s.id = c.show_id AND s.removed_at = 0 "
    "GROUP BY p.id ORDER BY p.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) aliases = _drama_strv_split (_drama_column_text (stmt, 2));
      g_auto(GStrv) id_texts = g_strsplit (_drama_column_text (stmt, 3) ?: "", ",", -1);
      g_autoptr(GArray) show_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; id_texts[i] != NULL; i++)
        {
          gint64 id = g_ascii_strtoll (id_texts[i], NULL, 10);

          if (id > 0)
            g_array_append_val (show_ids, id);
        }
      /* group_concat has no defined order; the matcher's fingerprint wants one. */
      g_array_sort (show_ids, compare_int64);

      drama_matcher_add_person (matcher, sqlite3_column_int64 (stmt, 0),
                                _drama_column_text (stmt, 1),
                                (const char * const *) aliases,
                                (const gint64 *) (gpointer) show_ids->data, show_ids->len);
    }

  return step_rows_done (self, stmt, rc, _("could not read the cast"), error);
}

static gpointer
read_names_job (DramaStore    *self,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  DramaMatcher *matcher = data;
  gboolean ok;

  _drama_store_lock (self);
  ok = add_shows_locked (self, matcher, error) && add_people_locked (self, matcher, error);
  _drama_store_unlock (self);
  return ok ? matcher : NULL;
}

DramaMatcher *
drama_store_build_matcher (DramaStore  *self,
                           GError     **error)
{
  g_autoptr(DramaMatcher) matcher = drama_matcher_new ();

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  /* The names are read on the store's thread; the automaton is built on the caller's. */
  if (drama_store_call_sync (self, read_names_job, matcher, NULL, error) == NULL)
    return NULL;

  drama_matcher_build (matcher);
  return g_steal_pointer (&matcher);
}

/* ---- linking ---- */

/* One article on its way through linking: read under the lock, matched without it (the
 * matching is most of the work, and the UI thread must never wait for it), written under
 * the lock again. */
typedef struct {
  gint64     id;
  char      *title;
  char      *text;       /* the stored plain text of summary and content */
  char      *summary;    /* only when there is no text yet (a library still being upgraded) */
  char      *content;
  GPtrArray *matches;
} Pending;

static void
pending_clear (Pending *pending)
{
  g_clear_pointer (&pending->title, g_free);
  g_clear_pointer (&pending->text, g_free);
  g_clear_pointer (&pending->summary, g_free);
  g_clear_pointer (&pending->content, g_free);
  g_clear_pointer (&pending->matches, g_ptr_array_unref);
}

/* Reads the texts of the articles that still exist into pending (an array of Pending). */
static gboolean
read_articles_locked (DramaStore    *self,
                      const gint64  *article_ids,
                      guint          n_ids,
                      GArray        *pending,
                      GError       **error)
{
  for (guint i = 0; i < n_ids; i++)
    {
      /* The HTML only when it must be parsed here; its text is read, never made again. */
      sqlite3_stmt *stmt = _drama_store_prepare (self,
        "SELECT title, text, CASE WHEN text IS NULL THEN summary END, "
        "CASE WHEN text IS NULL THEN content END FROM articles WHERE id = ?1", error);
      Pending item = { 0 };
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, article_ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;   /* deleted meanwhile: nothing to link */
      if (rc != SQLITE_ROW)
        {
          _drama_store_set_error_from_code (self, error, rc, _("could not read the article"));
          sqlite3_reset (stmt);
          return FALSE;
        }
      item.id = article_ids[i];
      item.title = g_strdup (_drama_column_text (stmt, 0));
      item.text = g_strdup (_drama_column_text (stmt, 1));
      item.summary = g_strdup (_drama_column_text (stmt, 2));
      item.content = g_strdup (_drama_column_text (stmt, 3));
      sqlite3_reset (stmt);
      g_array_append_val (pending, item);
    }
  return TRUE;
}

/* At most this many threads match one chunk; below this many articles one does. */
#define MAX_MATCH_THREADS 4
#define MIN_ARTICLES_PER_THREAD 50

typedef struct {
  DramaMatcher *matcher;
  Pending      *items;
  guint         n_items;
} MatchSlice;

static gpointer
match_slice (gpointer data)
{
  MatchSlice *slice = data;

  for (guint i = 0; i < slice->n_items; i++)
    {
      Pending *item = &slice->items[i];
      g_autofree char *made = NULL;
      const char *body = item->text;

      /* The stored text; made here only for an article the upgrade has not reached. */
      if (body == NULL)
        body = made = drama_html_article_text (item->summary, item->content);
      item->matches = drama_matcher_match (slice->matcher, item->title, body);
      g_clear_pointer (&item->text, g_free);
      g_clear_pointer (&item->summary, g_free);
      g_clear_pointer (&item->content, g_free);
    }
  return NULL;
}

/* Without the lock. Turning HTML into text and matching it is nearly all the cost of
 * linking, and a built matcher may be used by any number of threads: a chunk is shared
 * among the processors. */
static void
match_articles (DramaMatcher *matcher,
                GArray       *pending)
{
  guint n_threads = CLAMP (pending->len / MIN_ARTICLES_PER_THREAD, 1,
                           MIN ((guint) g_get_num_processors (), MAX_MATCH_THREADS));
  MatchSlice slices[MAX_MATCH_THREADS];
  GThread *threads[MAX_MATCH_THREADS] = { NULL, };
  guint from = 0;

  for (guint t = 0; t < n_threads; t++)
    {
      guint n = pending->len / n_threads + (t < pending->len % n_threads ? 1 : 0);

      slices[t].matcher = matcher;
      slices[t].items = &g_array_index (pending, Pending, from);
      slices[t].n_items = n;
      from += n;
    }
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("drama-match", match_slice, &slices[t]);
  match_slice (&slices[0]);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);
}

/* Whether the stored links of item are already those of its matches, row for row (the
 * episode resolved as the INSERT below does). With the lock held. */
static gboolean
links_unchanged_locked (DramaStore    *self,
                        const Pending *item,
                        gboolean      *unchanged,
                        GError       **error)
{
  g_autoptr(GArray) episodes = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  guint row = 0;
  int rc;

  *unchanged = FALSE;

  for (guint i = 0; i < item->matches->len; i++)
    {
      const DramaMatch *match = g_ptr_array_index (item->matches, i);
      gint64 episode_id = 0;

      if (match->kind == DRAMA_MATCH_KIND_SHOW)
        {
          stmt = _drama_store_prepare (self,
            "SELECT id FROM episodes WHERE show_id = ?1 AND season = ?2 AND number = ?3 "
            "ORDER BY id LIMIT 1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, match->target_id);
          sqlite3_bind_int (stmt, 2, match->season);
          sqlite3_bind_int (stmt, 3, match->episode);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            episode_id = sqlite3_column_int64 (stmt, 0);
          else if (!step_rows_done (self, stmt, rc, _("could not read the episodes"), error))
            return FALSE;
          sqlite3_reset (stmt);
        }
      g_array_append_val (episodes, episode_id);
    }

  stmt = _drama_store_prepare (self,
    "SELECT show_id, person_id, matched, place, episode_id FROM article_links "
    "WHERE article_id = ?1 ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const DramaMatch *match;
      int target_column;

      if (row >= item->matches->len)
        break;
      match = g_ptr_array_index (item->matches, row);
      target_column = match->kind == DRAMA_MATCH_KIND_SHOW ? 0 : 1;
      if (sqlite3_column_type (stmt, 1 - target_column) != SQLITE_NULL ||
          sqlite3_column_type (stmt, target_column) == SQLITE_NULL ||
          sqlite3_column_int64 (stmt, target_column) != match->target_id ||
          g_strcmp0 (_drama_column_text (stmt, 2), match->matched) != 0 ||
          sqlite3_column_int (stmt, 3) != (int) match->place ||
          sqlite3_column_int64 (stmt, 4) != g_array_index (episodes, gint64, row))
        break;
      row++;
    }
  if (rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;   /* a row differs, or there are more rows */
    }
  if (!step_rows_done (self, stmt, rc, _("could not read the article’s links"), error))
    return FALSE;
  *unchanged = row == item->matches->len;
  return TRUE;
}

/* With the lock held and a transaction open. With only_if_changed, written says whether
 * anything was written. */
static gboolean
write_links_locked (DramaStore    *self,
                    const Pending *item,
                    gboolean       only_if_changed,
                    gboolean      *written,
                    GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *written = FALSE;

  /* Deleted while it was being matched (retention, a feed removed): its links went with it. */
  stmt = _drama_store_prepare (self, "SELECT 1 FROM articles WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _drama_store_set_error_from_code (self, error, rc, _("could not read the article"));
      return FALSE;
    }

  if (only_if_changed)
    {
      gboolean unchanged;

      if (!links_unchanged_locked (self, item, &unchanged, error))
        return FALSE;
      if (unchanged)
        return TRUE;
    }
  *written = TRUE;

  stmt = _drama_store_prepare (self, "DELETE FROM article_links WHERE article_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->id);
  rc = sqlite3_step (stmt);
  if (!step_rows_done (self, stmt, rc, _("could not save the article’s links"), error))
    return FALSE;

  for (guint i = 0; i < item->matches->len; i++)
    {
      const DramaMatch *match = g_ptr_array_index (item->matches, i);

      stmt = _drama_store_prepare (self,
        "INSERT INTO article_links (article_id, show_id, person_id, matched, place, episode_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, "
        "  (SELECT id FROM episodes WHERE show_id = ?2 AND season = ?6 AND number = ?7 "
        "   ORDER BY id LIMIT 1))", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->id);
      if (match->kind == DRAMA_MATCH_KIND_SHOW)
        {
          sqlite3_bind_int64 (stmt, 2, match->target_id);
          sqlite3_bind_null (stmt, 3);
        }
      else
        {
          sqlite3_bind_null (stmt, 2);
          sqlite3_bind_int64 (stmt, 3, match->target_id);
        }
      _drama_bind_text (stmt, 4, match->matched);
      sqlite3_bind_int (stmt, 5, match->place);
      sqlite3_bind_int (stmt, 6, match->season);
      sqlite3_bind_int (stmt, 7, match->episode);
      rc = sqlite3_step (stmt);
      if (!step_rows_done (self, stmt, rc, _("could not save the article’s links"), error))
        return FALSE;
    }

  return TRUE;
}

typedef struct {
  const gint64 *article_ids;
  guint         n_ids;
  GArray       *pending;   /* Pending */
  GArray       *changed;   /* NULL: write every article's links */
} LinkBatch;

/* On the store's thread. */
static gpointer
read_articles_job (DramaStore    *self,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  LinkBatch *batch = data;
  gboolean ok;

  _drama_store_lock (self);
  ok = read_articles_locked (self, batch->article_ids, batch->n_ids, batch->pending, error);
  _drama_store_unlock (self);
  return ok ? batch : NULL;
}

/* On the store's thread: one transaction. */
static gpointer
write_links_job (DramaStore    *self,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  LinkBatch *batch = data;
  gboolean ok;

  _drama_store_lock (self);
  ok = _drama_store_begin (self, error);
  if (ok)
    {
      for (guint i = 0; ok && i < batch->pending->len; i++)
        {
          const Pending *item = &g_array_index (batch->pending, Pending, i);
          gboolean written;

          ok = write_links_locked (self, item, batch->changed != NULL, &written, error);
          if (ok && written && batch->changed != NULL)
            g_array_append_val (batch->changed, item->id);
        }
      if (ok)
        ok = _drama_store_commit (self, error);
      else
        _drama_store_rollback (self);
    }
  _drama_store_unlock (self);
  return ok ? batch : NULL;
}

/* Reads and writes on the store's thread, matches on the caller's: turning HTML into text
 * and matching it is nearly all the cost of linking, and the store's thread must stay free
 * for the window's reads meanwhile. With changed (GArray of gint64) only the articles whose
 * links differ are written, and their ids appended there. */
static gboolean
link_articles_unlocked (DramaStore    *self,
                        DramaMatcher  *matcher,
                        const gint64  *article_ids,
                        guint          n_ids,
                        GArray        *changed,
                        GError       **error)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  LinkBatch batch = { article_ids, n_ids, pending, changed };

  g_array_set_clear_func (pending, (GDestroyNotify) pending_clear);

  if (drama_store_call_sync (self, read_articles_job, &batch, NULL, error) == NULL)
    return FALSE;
  if (pending->len == 0)
    return TRUE;

  match_articles (matcher, pending);

  return drama_store_call_sync (self, write_links_job, &batch, NULL, error) != NULL;
}

gboolean
drama_store_link_articles (DramaStore    *self,
                           DramaMatcher  *matcher,
                           const gint64  *article_ids,
                           guint          n_ids,
                           GError       **error)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRAMA_IS_MATCHER (matcher), FALSE);
  g_return_val_if_fail (article_ids != NULL || n_ids == 0, FALSE);

  if (n_ids == 0)
    return TRUE;

  if (!link_articles_unlocked (self, matcher, article_ids, n_ids, NULL, error))
    return FALSE;
  _drama_store_notify (self, DRAMA_CHANGE_LINK, DRAMA_CHANGE_LINKED, 0, article_ids, n_ids);
  return TRUE;
}

gboolean
drama_store_relink_articles (DramaStore    *self,
                             DramaMatcher  *matcher,
                             const gint64  *article_ids,
                             guint          n_ids,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRAMA_IS_MATCHER (matcher), FALSE);
  g_return_val_if_fail (article_ids != NULL || n_ids == 0, FALSE);

  for (guint from = 0; from < n_ids; from += RELINK_CHUNK)
    {
      guint n = MIN (RELINK_CHUNK, n_ids - from);

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !link_articles_unlocked (self, matcher, article_ids + from, n, changed, error))
        {
          /* What was written is written: say so. */
          if (changed->len > 0)
            _drama_store_notify_array (self, DRAMA_CHANGE_LINK, DRAMA_CHANGE_LINKED, 0, changed);
          return FALSE;
        }
    }

  if (changed->len > 0)
    _drama_store_notify_array (self, DRAMA_CHANGE_LINK, DRAMA_CHANGE_LINKED, 0, changed);
  return TRUE;
}

static GArray *
list_ids_locked (DramaStore    *self,
                 const char    *sql,
                 gint64         param,
                 GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _drama_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (param != 0)
    sqlite3_bind_int64 (stmt, 1, param);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!step_rows_done (self, stmt, rc, _("could not read the articles"), error))
    return NULL;
  return g_steal_pointer (&ids);
}

static gpointer
list_all_ids_job (DramaStore    *self,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GArray *ids;

  _drama_store_lock (self);
  ids = list_ids_locked (self, "SELECT id FROM articles ORDER BY id", 0, error);
  _drama_store_unlock (self);
  return ids;
}

gboolean
drama_store_relink_all (DramaStore    *self,
                        DramaMatcher  *matcher,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRAMA_IS_MATCHER (matcher), FALSE);

  ids = drama_store_call_sync (self, list_all_ids_job, NULL, cancellable, error);
  if (ids == NULL)
    return FALSE;

  for (guint from = 0; from < ids->len; from += RELINK_CHUNK)
    {
      guint n = MIN (RELINK_CHUNK, ids->len - from);
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      ok = link_articles_unlocked (self, matcher, &g_array_index (ids, gint64, from), n, NULL,
                                   error);
      if (!ok)
        return FALSE;
    }

  _drama_store_notify (self, DRAMA_CHANGE_LINK, DRAMA_CHANGE_LINKED, 0, NULL, 0);
  return TRUE;
}

GArray *
drama_store_list_show_linked_article_ids (DramaStore  *self,
                                          gint64       show_id,
                                          GError     **error)
{
  GArray *ids;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  ids = list_ids_locked (self,
                         "SELECT DISTINCT article_id FROM article_links WHERE show_id = ?1 "
                         "ORDER BY article_id",
                         show_id, error);
  _drama_store_unlock (self);
  return ids;
}

/* ---- queries for the UI ---- */

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
    "SELECT a.id, a.feed_id, COALESCE(NULLIF(f.custom_title, ''), NULLIF(f.title, ''), f.url), "
    "  a.guid, a.title, a.link, a.author, a.summary, a.content, a.image, a.published, a.updated, "
    "  a.fetched_at, a.read, a.starred, f.url, x.episode_id "
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
          gint64 episode_id = sqlite3_column_int64 (stmt, 16);

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

/* Whether haystack, normalised as the matcher does, contains needle (already normalised). */
static gboolean
normalized_contains (const char *haystack,
                     const char *needle)
{
  g_autofree char *text = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;
  text = drama_text_normalize (haystack, -1);
  return strstr (text, needle) != NULL;
}

/* Whether a person's name or one of their stored aliases contains needle (normalised). */
static gboolean
name_or_alias_contains (const char *name,
                        const char *aliases_text,
                        const char *needle)
{
  g_auto(GStrv) aliases = NULL;

  if (normalized_contains (name, needle))
    return TRUE;
  aliases = _drama_strv_split (aliases_text);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    if (normalized_contains (aliases[i], needle))
      return TRUE;
  return FALSE;
}

GPtrArray *
drama_store_search_people (DramaStore  *self,
                           const char  *text,
                           guint        limit,
                           GPtrArray  **show_names,
                           GError     **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *needle = NULL;
  sqlite3_stmt *stmt;
  gint64 last_id = 0;
  gboolean ok = FALSE;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  needle = drama_text_normalize (text != NULL ? text : "", -1);
  if (*needle == '\0')
    ok = TRUE;
  else
    {
      _drama_store_lock (self);
      /* Ordered so that each person's first row is their first show by title. */
      stmt = _drama_store_prepare (self,
        "SELECT p.id, p.tvmaze_id, p.name, p.image_medium, p.image_original, p.aliases, "
        "  c.character, s.name "
        "FROM people p JOIN credits c ON c.person_id = p.id "
        "JOIN shows s ON s.id = c.show_id AND s.removed_at = 0 "
        "ORDER BY p.name COLLATE NOCASE, p.id, s.name COLLATE NOCASE, s.id", error);
      if (stmt != NULL)
        {
          while ((limit == 0 || people->len < limit) &&
                 (rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              gboolean found;

              if (id == last_id)
                continue;
              last_id = id;

              found = name_or_alias_contains (_drama_column_text (stmt, 2),
                                              _drama_column_text (stmt, 5), needle);
              if (found)
                {
                  DramaPerson *person = _drama_person_from_row (stmt);

                  drama_person_set_character (person, _drama_column_text (stmt, 6));
                  g_ptr_array_add (people, person);
                  g_ptr_array_add (names, g_strdup (_drama_column_text (stmt, 7)));
                }
            }
          if (limit != 0 && people->len >= limit)
            rc = SQLITE_DONE;
          ok = step_rows_done (self, stmt, rc, _("could not search the cast"), error);
          sqlite3_reset (stmt);
        }
      _drama_store_unlock (self);
    }

  if (!ok)
    return NULL;
  if (show_names != NULL)
    *show_names = g_steal_pointer (&names);
  return g_steal_pointer (&people);
}

GArray *
drama_store_search_cast_shows (DramaStore  *self,
                               const char  *text,
                               guint        limit,
                               GPtrArray  **person_names,
                               GError     **error)
{
  g_autoptr(GArray) shows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *needle = NULL;
  sqlite3_stmt *stmt;
  gint64 last_show = 0;
  gboolean ok = FALSE;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  needle = drama_text_normalize (text != NULL ? text : "", -1);
  if (*needle == '\0')
    ok = TRUE;
  else
    {
      _drama_store_lock (self);
      /* By show, then billing: a show's first matching cast member is its best known. */
      stmt = _drama_store_prepare (self,
        "SELECT s.id, p.name, p.aliases "
        "FROM shows s JOIN credits c ON c.show_id = s.id JOIN people p ON p.id = c.person_id "
        "WHERE s.removed_at = 0 "
        "ORDER BY s.name COLLATE NOCASE, s.id, c.ord, p.id", error);
      if (stmt != NULL)
        {
          while ((limit == 0 || shows->len < limit) &&
                 (rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              gboolean found;

              if (id == last_show)
                continue;

              found = name_or_alias_contains (_drama_column_text (stmt, 1),
                                              _drama_column_text (stmt, 2), needle);
              if (found)
                {
                  last_show = id;
                  g_array_append_val (shows, id);
                  g_ptr_array_add (names, g_strdup (_drama_column_text (stmt, 1)));
                }
            }
          if (limit != 0 && shows->len >= limit)
            rc = SQLITE_DONE;
          ok = step_rows_done (self, stmt, rc, _("could not search the cast"), error);
          sqlite3_reset (stmt);
        }
      _drama_store_unlock (self);
    }

  if (!ok)
    return NULL;
  if (person_names != NULL)
    *person_names = g_steal_pointer (&names);
  return g_steal_pointer (&shows);
}
