#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-store-private.h"
#include "drama-store.h"

/* What the linker asks when the dictionary changes (drama-linker-targeted.c): which
 * articles a person's links are on, which articles hold a word the full-text index cannot
 * find, what episode rows each show has. */

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

static GArray *
list_person_ids_locked (DramaStore  *self,
                        gint64       person_id,
                        GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "SELECT DISTINCT article_id FROM article_links WHERE person_id = ?1 ORDER BY article_id",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!step_rows_done (self, stmt, rc, _("could not read the articles"), error))
    return NULL;
  return g_steal_pointer (&ids);
}

GArray *
drama_store_list_person_linked_article_ids (DramaStore  *self,
                                            gint64       person_id,
                                            GError     **error)
{
  GArray *ids;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  ids = list_person_ids_locked (self, person_id, error);
  _drama_store_unlock (self);
  return ids;
}

/* Articles read per lock when scanning for words: the UI thread waits at most that long. */
#define SCAN_CHUNK 2000

/* memmem (a GNU extension) by hand: memchr finds each candidate start quickly. */
static gboolean
bytes_contain (const char *text,
               gsize       len,
               const char *needle,
               gsize       needle_len)
{
  const char *end = text + len;

  while ((gsize) (end - text) >= needle_len)
    {
      const char *hit = memchr (text, needle[0], (gsize) (end - text) - needle_len + 1);

      if (hit == NULL)
        return FALSE;
      if (memcmp (hit + 1, needle + 1, needle_len - 1) == 0)
        return TRUE;
      text = hit + 1;
    }
  return FALSE;
}

static gboolean
column_contains (sqlite3_stmt *stmt,
                 int           column,
                 const char   *needle,
                 gsize         needle_len)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL &&
         bytes_contain (text, (gsize) sqlite3_column_bytes (stmt, column), needle, needle_len);
}

/* Whether the row holds every string of set (in any of its columns). */
static gboolean
row_holds_all (sqlite3_stmt       *stmt,
               const char * const *set)
{
  for (guint i = 0; set[i] != NULL; i++)
    {
      gsize len = strlen (set[i]);

      if (len > 0 &&
          !column_contains (stmt, 1, set[i], len) &&
          !column_contains (stmt, 2, set[i], len) &&
          !column_contains (stmt, 3, set[i], len))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  GPtrArray *sets;
  GArray    *ids;      /* out: appended */
  gint64     from;     /* in: the last id read; out: the last id of this chunk */
  guint      n_rows;   /* out */
} ScanChunk;

/* On the store's thread: one chunk of ids, the lock released (and other jobs run) in
 * between. */
static gpointer
scan_chunk_job (DramaStore    *self,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  ScanChunk *chunk = data;
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self,
    "SELECT id, title, summary, content FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
    error);
  if (stmt == NULL)
    {
      _drama_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, chunk->from);
  sqlite3_bind_int (stmt, 2, SCAN_CHUNK);
  chunk->n_rows = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      chunk->from = sqlite3_column_int64 (stmt, 0);
      chunk->n_rows++;
      for (guint i = 0; i < chunk->sets->len; i++)
        if (row_holds_all (stmt, g_ptr_array_index (chunk->sets, i)))
          {
            g_array_append_val (chunk->ids, chunk->from);
            break;
          }
    }
  ok = step_rows_done (self, stmt, rc, _("could not read the articles"), error);
  _drama_store_unlock (self);
  return ok ? chunk : NULL;
}

GArray *
drama_store_list_articles_containing (DramaStore    *self,
                                      GPtrArray     *sets,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ScanChunk chunk = { sets, ids, 0, 0 };

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (sets != NULL, NULL);

  if (sets->len == 0)
    return g_steal_pointer (&ids);

  /* By id ranges, all sets in one pass, compared byte for byte with the stored text as it
   * is: sanitised HTML writes characters, not references, so a Hangul or Han name is there
   * exactly as the matcher's normalisation has it. */
  do
    {
      if (drama_store_call_sync (self, scan_chunk_job, &chunk, cancellable, error) == NULL)
        return NULL;
    }
  while (chunk.n_rows == SCAN_CHUNK);

  return g_steal_pointer (&ids);
}

GArray *
drama_store_list_episode_digests (DramaStore  *self,
                                  GError     **error)
{
  g_autoptr(GArray) digests = g_array_new (FALSE, FALSE, sizeof (DramaEpisodesDigest));
  DramaEpisodesDigest current = { 0, 0 };
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  /* What a link's episode_id is (see write_links_locked): the first row of a season and
   * number. */
  stmt = _drama_store_prepare (self,
    "SELECT show_id, season, number, MIN(id) FROM episodes "
    "GROUP BY show_id, season, number ORDER BY show_id, season, number", error);
  if (stmt == NULL)
    {
      _drama_store_unlock (self);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row[4];

      for (int c = 0; c < 4; c++)
        row[c] = sqlite3_column_int64 (stmt, c);
      if (row[0] != current.show_id)
        {
          if (current.show_id != 0)
            g_array_append_val (digests, current);
          current.show_id = row[0];
          current.digest = G_GUINT64_CONSTANT (14695981039346656037);
        }
      /* FNV-1a over the season, number and id. */
      for (guint i = 0; i < sizeof row - sizeof row[0]; i++)
        {
          current.digest ^= ((const guchar *) &row[1])[i];
          current.digest *= G_GUINT64_CONSTANT (1099511628211);
        }
    }
  ok = step_rows_done (self, stmt, rc, _("could not read the episodes"), error);
  _drama_store_unlock (self);

  if (!ok)
    return NULL;
  if (current.show_id != 0)
    g_array_append_val (digests, current);
  return g_steal_pointer (&digests);
}
