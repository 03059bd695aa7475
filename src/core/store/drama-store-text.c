/* drama-store-text.c: the plain text of articles (articles.text, schema version 5).
 *
 * The text is made once, by whoever parsed the HTML (the feed parser, in a worker), and
 * stored with the article; search (the full-text index over title and text) and the matcher
 * read it from there. What comes without it is done here: articles saved through the API
 * without a text property, the articles of a library upgraded from version 4 or older, and
 * articles another program inserted without one (articles_todo lists those; the articles
 * of an upgraded library are the ids below a cursor kept in meta, so that the migration
 * itself writes nothing per article).
 *
 * Writing the index in batches: SQLite 3.40's FTS5 writes what it has gathered to disk as a
 * new segment at every statement savepoint, and inside a transaction every statement whose
 * triggers write to the index takes one. Saving 100 articles with one INSERT each would
 * write 100 tiny segments, and FTS5 then merges them over and over: most of the time of a
 * save. And it takes twice as long over rows that do not come in rowid order, which the
 * sort key (by date) never does by itself. So the article rows are written without their
 * text (the index triggers then do nothing), the indexed columns are queued in the
 * connection's temporary table drama_texts, and per batch one statement takes the old
 * entries out and one puts the new ones in, both in key order, while the rows are set with
 * articles_fts_batch telling the triggers to leave the index alone.
 *
 * The upgrade from version 4 and older (drama_store_upgrade_step) also empties the old index,
 * set aside by the migration, a few hundred rows a step. */

#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drama-html.h"
#include "drama-store.h"
#include "drama-store-news-private.h"
#include "drama-store-private.h"

#define DEFAULT_STEP 200

GPtrArray *
_drama_articles_make_texts (GPtrArray *articles)
{
  GPtrArray *texts = g_ptr_array_new_full (articles->len, g_free);

  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);

      if (drama_article_get_text (article) != NULL)
        g_ptr_array_add (texts, NULL);
      else
        g_ptr_array_add (texts, drama_html_article_text (drama_article_get_summary (article),
                                                         drama_article_get_content (article)));
    }
  return texts;
}

gboolean
_drama_store_queue_text_locked (DramaStore  *self,
                                gint64       id,
                                const char  *title,
                                const char  *text,
                                gint64       published,
                                GError     **error)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "INSERT OR REPLACE INTO temp.drama_texts (id, title, text, published, guarded) "
    "VALUES (?1, ?2, ?3, ?4, 0)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _drama_bind_text (stmt, 2, title);
  _drama_bind_text (stmt, 3, text);
  sqlite3_bind_int64 (stmt, 4, published);
  return _drama_store_step_done (self, stmt, _("Could not save the articles"), error);
}

gboolean
_drama_store_flush_texts_locked (DramaStore  *self,
                                 GError     **error)
{
  static const char * const steps[] = {
    /* Which queued articles change what the index holds. The upgrade's (guarded) only if
     * the article is still as it was read, without text. */
    "UPDATE temp.drama_texts SET reindex = EXISTS (SELECT 1 FROM articles a "
    "WHERE a.id = drama_texts.id AND CASE WHEN drama_texts.guarded "
    "THEN a.text IS NULL AND a.summary IS drama_texts.summary AND a.content IS drama_texts.content "
    "ELSE a.title IS NOT drama_texts.title OR a.text IS NOT drama_texts.text "
    "OR a.published IS NOT drama_texts.published END)",
    /* Their old entries out, in key order, while the rows still hold the indexed words. */
    "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
    "SELECT 'delete', " DRAMA_STORE_FTS_KEY ("a") ", a.title, a.text "
    "FROM temp.drama_texts p JOIN articles a ON a.id = p.id "
    "WHERE p.reindex AND " DRAMA_STORE_FTS_INDEXED ("a") " ORDER BY 2",
    /* The rows, with the triggers leaving the index to the statement after (they still keep
     * articles_todo). By id from the queue: UPDATE … FROM may scan all the articles. */
    "INSERT INTO articles_fts_batch (busy) VALUES (1)",
    "UPDATE articles SET (title, text, published) = "
    "(SELECT p.title, p.text, p.published FROM temp.drama_texts p WHERE p.id = articles.id) "
    "WHERE id IN (SELECT id FROM temp.drama_texts WHERE reindex AND guarded = 0)",
    "UPDATE articles SET text = (SELECT p.text FROM temp.drama_texts p WHERE p.id = articles.id) "
    "WHERE id IN (SELECT id FROM temp.drama_texts WHERE reindex AND guarded = 1)",
    "DELETE FROM articles_fts_batch",
    /* The new entries, in key order. */
    "INSERT INTO articles_fts (rowid, title, text) "
    "SELECT " DRAMA_STORE_FTS_KEY ("a") ", a.title, a.text "
    "FROM temp.drama_texts p JOIN articles a ON a.id = p.id "
    "WHERE p.reindex AND " DRAMA_STORE_FTS_INDEXED ("a") " ORDER BY 1",
    "DELETE FROM temp.drama_texts",
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      sqlite3_stmt *stmt = _drama_store_prepare (self, steps[i], error);

      if (stmt == NULL ||
          !_drama_store_step_done (self, stmt, _("Could not save the articles"), error))
        return FALSE;
    }
  return TRUE;
}

static gint64 meta_int_locked (DramaStore *self,
                               const char *key);

static gboolean
count_left_locked (DramaStore  *self,
                   guint       *n_left,
                   GError     **error)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self, "SELECT count(*) FROM articles_todo", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _drama_store_set_error_from_code (self, error, rc, _("could not read the library"));
      return FALSE;
    }
  *n_left = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  *n_left += (guint) meta_int_locked (self, "text_upgrade_left");
  return TRUE;
}

/* ---- the old index (see migration 5 in drama-store-schema.c) ---- */

/* Its shadow tables with rowids, biggest first: FTS5 keeps the index in _data, a copy of the
 * text in _content (version 3 on) and the lengths in _docsize. The small ones (_idx, _config)
 * go with the table itself, and so do the rows of _data up to 10 (the totals and the list of
 * segments): FTS5 reads them to open the table even to drop it. */
static const char * const old_index_tables[] = {
  "articles_fts_old_content", "articles_fts_old_data", "articles_fts_old_docsize",
};

static const char *
kept_rows (const char *table)
{
  return g_str_has_suffix (table, "_data") ? "rowid > 10" : "1";
}

static gboolean
table_exists_locked (DramaStore  *self,
                     const char  *name,
                     gboolean    *exists,
                     GError     **error)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "SELECT 1 FROM sqlite_master WHERE name = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _drama_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("could not read the library"));
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* Deletes up to budget rows (-1 = all) of each shadow table of the old index, and the index
 * itself once they are empty: each freed page is overwritten, so a little at a time. */
static gboolean
empty_old_index_locked (DramaStore  *self,
                        gint64       budget,
                        GError     **error)
{
  gboolean exists = FALSE, empty = TRUE;

  if (!table_exists_locked (self, "articles_fts_old", &exists, error))
    return FALSE;
  if (!exists)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (old_index_tables); i++)
    {
      g_autofree char *delete_sql = NULL;
      g_autofree char *left_sql = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (!table_exists_locked (self, old_index_tables[i], &exists, error))
        return FALSE;
      if (!exists)
        continue;
      delete_sql = g_strdup_printf ("DELETE FROM %s WHERE rowid IN "
                                    "(SELECT rowid FROM %s WHERE %s LIMIT ?1)",
                                    old_index_tables[i], old_index_tables[i],
                                    kept_rows (old_index_tables[i]));
      stmt = _drama_store_prepare (self, delete_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, budget);
      if (!_drama_store_step_done (self, stmt, _("could not upgrade the library"), error))
        return FALSE;

      left_sql = g_strdup_printf ("SELECT 1 FROM %s WHERE %s LIMIT 1", old_index_tables[i],
                                  kept_rows (old_index_tables[i]));
      stmt = _drama_store_prepare (self, left_sql, error);
      if (stmt == NULL)
        return FALSE;
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW)
        empty = FALSE;
      else if (rc != SQLITE_DONE)
        {
          _drama_store_set_error_from_code (self, error, rc, _("could not upgrade the library"));
          return FALSE;
        }
    }
  return !empty || _drama_store_exec (self, "DROP TABLE articles_fts_old", error);
}

/* The articles still to do, and 1 while the old index is still there. */
static gboolean
upgrade_left_locked (DramaStore  *self,
                     guint       *n_left,
                     GError     **error)
{
  gboolean old_index = FALSE;

  if (!count_left_locked (self, n_left, error) ||
      !table_exists_locked (self, "articles_fts_old", &old_index, error))
    return FALSE;
  if (old_index)
    *n_left += 1;
  return TRUE;
}

guint
drama_store_get_upgrade_left (DramaStore  *self,
                              GError     **error)
{
  guint n_left = 0;

  g_return_val_if_fail (DRAMA_IS_STORE (self), 0);

  _drama_store_lock (self);
  if (!upgrade_left_locked (self, &n_left, error))
    n_left = 0;
  _drama_store_unlock (self);
  return n_left;
}

/* One listed article: its HTML as read, and the text made from it. */
typedef struct {
  gint64    id;
  gboolean  stale;      /* gone, or given a text meanwhile: nothing to make */
  gboolean  listed;     /* from articles_todo, else from the range below the cursor */
  char     *summary;
  char     *content;
  char     *text;
} Todo;

/* Where the articles of the upgraded library stand: the ones with an id below the cursor are
 * still to do (meta "text_upgrade_below", absent when done), "text_upgrade_left" of them. */
typedef struct {
  gint64   below;       /* 0 = no range left */
  gint64   left;
  gint64   lowest;      /* the lowest id this step read from the range */
  guint    n_read;
  gboolean exhausted;
} Range;

static void
todo_clear (Todo *todo)
{
  g_clear_pointer (&todo->summary, g_free);
  g_clear_pointer (&todo->content, g_free);
  g_clear_pointer (&todo->text, g_free);
}

static gint64
meta_int_locked (DramaStore *self,
                 const char *key)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  _drama_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* Rows of (id, stale, summary, content) into todo. */
static gboolean
read_rows_locked (DramaStore    *self,
                  sqlite3_stmt  *stmt,
                  gboolean       listed,
                  GArray        *todo,
                  GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Todo item = { 0 };

      item.id = sqlite3_column_int64 (stmt, 0);
      item.stale = sqlite3_column_int (stmt, 1) != 0;
      item.listed = listed;
      if (!item.stale)
        {
          item.summary = g_strdup (_drama_column_text (stmt, 2));
          item.content = g_strdup (_drama_column_text (stmt, 3));
        }
      g_array_append_val (todo, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("could not read the articles"));
      return FALSE;
    }
  return TRUE;
}

/* Newest first (by id): those are the ones a search is most likely to be after. The listed
 * articles, then the range below the cursor. */
static gboolean
read_todo_locked (DramaStore  *self,
                  guint        max_articles,
                  GArray      *todo,
                  Range       *range,
                  GError     **error)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "SELECT t.id, a.id IS NULL OR a.text IS NOT NULL, a.summary, a.content "
    "FROM articles_todo t LEFT JOIN articles a ON a.id = t.id "
    "ORDER BY t.id DESC LIMIT ?1", error);
  guint n_listed;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, max_articles);
  if (!read_rows_locked (self, stmt, TRUE, todo, error))
    return FALSE;

  n_listed = todo->len;
  range->below = meta_int_locked (self, "text_upgrade_below");
  range->left = meta_int_locked (self, "text_upgrade_left");
  if (range->below <= 0 || n_listed >= max_articles)
    return TRUE;

  /* Only the HTML of those still without text is read. */
  stmt = _drama_store_prepare (self,
    "SELECT id, text IS NOT NULL, CASE WHEN text IS NULL THEN summary END, "
    "CASE WHEN text IS NULL THEN content END FROM articles WHERE id < ?1 "
    "ORDER BY id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, range->below);
  sqlite3_bind_int64 (stmt, 2, max_articles - n_listed);
  if (!read_rows_locked (self, stmt, FALSE, todo, error))
    return FALSE;

  range->n_read = todo->len - n_listed;
  range->exhausted = range->n_read < max_articles - n_listed;
  range->lowest = range->n_read > 0 ? g_array_index (todo, Todo, todo->len - 1).id : range->below;
  return TRUE;
}

/* Moves the cursor past what this step read, or ends the range. */
static gboolean
write_range_locked (DramaStore  *self,
                    Range       *range,
                    GError     **error)
{
  if (range->below <= 0)
    return TRUE;
  if (range->exhausted)
    return _drama_store_exec (self, "DELETE FROM meta WHERE key IN "
                                    "('text_upgrade_below', 'text_upgrade_left')", error);
  if (range->n_read == 0)
    return TRUE;
  {
    /* MIN: another step may have gone further meanwhile. */
    sqlite3_stmt *stmt = _drama_store_prepare (self,
      "UPDATE meta SET value = MIN(CAST(value AS INTEGER), "
      "CASE key WHEN 'text_upgrade_below' THEN ?1 ELSE ?2 END) "
      "WHERE key IN ('text_upgrade_below', 'text_upgrade_left')", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, range->lowest);
    sqlite3_bind_int64 (stmt, 2, MAX (0, range->left - (gint64) range->n_read));
    return _drama_store_step_done (self, stmt, _("could not upgrade the library"), error);
  }
}

static gboolean
write_todo_locked (DramaStore  *self,
                   GArray      *todo,
                   GError     **error)
{
  for (guint i = 0; i < todo->len; i++)
    {
      Todo *item = &g_array_index (todo, Todo, i);
      sqlite3_stmt *stmt;

      /* The triggers index the article and take it off the list (at the flush below).
       * Changed meanwhile (a refresh gave it a text, another program a new body): left as
       * it is, and still listed if it has no text. */
      if (item->stale && !item->listed)
        continue;
      if (item->stale)
        stmt = _drama_store_prepare (self, "DELETE FROM articles_todo WHERE id = ?1", error);
      else
        stmt = _drama_store_prepare (self,
                                     "INSERT OR REPLACE INTO temp.drama_texts "
                                     "(id, text, summary, content, guarded) VALUES (?1, ?2, ?3, ?4, 1)",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->id);
      if (!item->stale)
        {
          _drama_bind_text (stmt, 2, item->text);
          _drama_bind_text (stmt, 3, item->summary);
          _drama_bind_text (stmt, 4, item->content);
        }
      if (!_drama_store_step_done (self, stmt, _("could not upgrade the library"), error))
        return FALSE;
    }
  return _drama_store_flush_texts_locked (self, error);
}

static int
query_secure_delete_locked (DramaStore *self)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self, "PRAGMA secure_delete", NULL);
  int value = 1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return value;
}

static void
restore_secure_delete_locked (DramaStore *self,
                              int         value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA secure_delete = %d", value);

  _drama_store_exec (self, sql, NULL);
}

gboolean
drama_store_upgrade_step (DramaStore  *self,
                          guint        max_articles,
                          guint       *n_left,
                          GError     **error)
{
  g_autoptr(GArray) todo = g_array_new (FALSE, TRUE, sizeof (Todo));
  Range range = { 0 };
  guint left = 0;
  int secure_delete;
  gboolean ok;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  g_array_set_clear_func (todo, (GDestroyNotify) todo_clear);
  if (max_articles == 0)
    max_articles = DEFAULT_STEP;

  _drama_store_lock (self);
  ok = read_todo_locked (self, max_articles, todo, &range, error);
  _drama_store_unlock (self);
  if (!ok)
    return FALSE;

  /* The slow part, without the lock: other threads keep using the store meanwhile. */
  for (guint i = 0; i < todo->len; i++)
    {
      Todo *item = &g_array_index (todo, Todo, i);

      if (!item->stale)
        item->text = drama_html_article_text (item->summary, item->content);
    }

  _drama_store_lock (self);
  /* The pages this step frees hold the old index and the new index's segments merged into
   * bigger ones: words of articles the library keeps. Overwriting each of them (Debian's
   * SQLite does by default) doubled a step's time; FAST only clears what it writes anyway. */
  secure_delete = query_secure_delete_locked (self);
  _drama_store_exec (self, "PRAGMA secure_delete = FAST", NULL);
  ok = _drama_store_begin (self, error);
  if (ok)
    {
      guint todo_left = 0;

      /* The old index goes at twice the pace of the articles (it has at most about one row
       * per article in each table), and all of it with the last of them. */
      ok = write_todo_locked (self, todo, error) &&
           write_range_locked (self, &range, error) &&
           count_left_locked (self, &todo_left, error) &&
           empty_old_index_locked (self, todo_left > 0 ? 2 * (gint64) max_articles : -1, error);
      if (ok)
        ok = _drama_store_commit (self, error);
      else
        _drama_store_rollback (self);
    }
  if (ok)
    ok = upgrade_left_locked (self, &left, error);
  restore_secure_delete_locked (self, secure_delete);
  _drama_store_unlock (self);

  if (!ok)
    return FALSE;
  if (n_left != NULL)
    *n_left = left;
  /* Once at the end, not on every step (each would reload every article list): now every
   * article can be found. */
  if (todo->len > 0 && left == 0)
    _drama_store_notify (self, DRAMA_CHANGE_ARTICLE, DRAMA_CHANGE_UPDATED, 0, NULL, 0);
  return TRUE;
}
