#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drama-html.h"
#include "drama-matcher.h"
#include "drama-store-private.h"
#include "drama-store.h"

/* Linking articles to the shows and people they name: read on the store's thread, matched
 * on the caller's (shared among its processors), written on the store's thread again. */

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
