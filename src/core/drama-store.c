#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include "drama-store.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "drama-enums.h"
#include "drama-store-private.h"
#include "drama-store-thread.h"
#include "drama-text.h"

struct _DramaStore
{
  GObject       parent_instance;

  GRecMutex     lock;
  guint         lock_depth;     /* only touched while holding lock */
  sqlite3      *db;
  char         *path;
  char         *moved_aside_path;
  GHashTable   *statements;     /* SQL text → sqlite3_stmt */
  GPtrArray    *used_statements; /* handed out since the outermost lock: reset on unlock */
  guint         tx_depth;
  gboolean      tx_failed;
  GMainContext *context;
  GThread      *owner_thread;
  DramaStoreThread *thread;     /* where drama_store_call_async () runs jobs */
  gboolean      full_check_due; /* the weekly whole-file check, for after the first frame */
  gboolean      guarded;   /* SQLite only on the store's thread, never waited for here */
};

G_DEFINE_FINAL_TYPE (DramaStore, drama_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (drama-store-error-quark, drama_store_error)

enum {
  CHANGED,
  ALIASES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Version 1: the first released schema. Kept byte for byte: files made by that release
 * are upgraded by running migration 2 on top. */
static const char migration_1[] =
  "CREATE TABLE shows (id INTEGER PRIMARY KEY, tvmaze_id INTEGER UNIQUE, name TEXT NOT NULL,"
  " original_name TEXT, language TEXT, status TEXT, premiered TEXT, ended TEXT, network TEXT,"
  " country TEXT, timezone TEXT, schedule_time TEXT, schedule_days TEXT, genres TEXT, runtime INTEGER,"
  " summary TEXT, image_medium TEXT, image_original TEXT, imdb TEXT, official_site TEXT,"
  " user_status INTEGER NOT NULL DEFAULT 1, rating INTEGER NOT NULL DEFAULT 0, notes TEXT,"
  " added_at INTEGER NOT NULL DEFAULT 0, last_watched_at INTEGER NOT NULL DEFAULT 0,"
  " tvmaze_updated INTEGER NOT NULL DEFAULT 0, refreshed_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE episodes (id INTEGER PRIMARY KEY,"
  " show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,"
  " tvmaze_id INTEGER UNIQUE, season INTEGER NOT NULL DEFAULT 1, number INTEGER NOT NULL DEFAULT 0,"
  " name TEXT, airdate TEXT, airtime TEXT, airstamp INTEGER NOT NULL DEFAULT 0,"
  " runtime INTEGER NOT NULL DEFAULT 0, summary TEXT, seen_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX episodes_show ON episodes(show_id, season, number);"
  "CREATE TABLE people (id INTEGER PRIMARY KEY, tvmaze_id INTEGER UNIQUE, name TEXT NOT NULL,"
  " image_medium TEXT, image_original TEXT);"
  "CREATE TABLE credits (person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
  " show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE, character TEXT,"
  " ord INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (person_id, show_id));"
  "CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT, custom_title TEXT,"
  " site_url TEXT, etag TEXT, last_modified TEXT, last_success INTEGER NOT NULL DEFAULT 0,"
  " last_fetch INTEGER NOT NULL DEFAULT 0, last_error TEXT, gone INTEGER NOT NULL DEFAULT 0,"
  " retry_after INTEGER NOT NULL DEFAULT 0, added_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE articles (id INTEGER PRIMARY KEY,"
  " feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
  " guid TEXT NOT NULL, title TEXT, link TEXT, author TEXT, summary TEXT, content TEXT, image TEXT,"
  " published INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,"
  " fetched_at INTEGER NOT NULL DEFAULT 0, read INTEGER NOT NULL DEFAULT 0,"
  " starred INTEGER NOT NULL DEFAULT 0, UNIQUE (feed_id, guid));"
  "CREATE INDEX articles_published ON articles(published DESC);"
  "CREATE VIRTUAL TABLE articles_fts USING fts5(title, summary, content,"
  " content='articles', content_rowid='id');"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  " INSERT INTO articles_fts(rowid, title, summary, content)"
  " VALUES (new.id, new.title, new.summary, new.content);"
  " END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  " INSERT INTO articles_fts(articles_fts, rowid, title, summary, content)"
  " VALUES ('delete', old.id, old.title, old.summary, old.content);"
  " END;"
  /* Only the indexed columns: marking an article read must not re-index it. */
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, content ON articles BEGIN"
  " INSERT INTO articles_fts(articles_fts, rowid, title, summary, content)"
  " VALUES ('delete', old.id, old.title, old.summary, old.content);"
  " INSERT INTO articles_fts(rowid, title, summary, content)"
  " VALUES (new.id, new.title, new.summary, new.content);"
  " END;"
  "CREATE TABLE article_links (article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  " show_id INTEGER REFERENCES shows(id) ON DELETE CASCADE,"
  " person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,"
  " matched TEXT, place INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX article_links_article ON article_links(article_id);"
  "CREATE INDEX article_links_show ON article_links(show_id);"
  "CREATE INDEX article_links_person ON article_links(person_id);";

static const char migration_2[] =
  "ALTER TABLE shows ADD COLUMN akas TEXT;"
  "ALTER TABLE shows ADD COLUMN aliases TEXT;"
  "ALTER TABLE shows ADD COLUMN spoiler_guard INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE shows ADD COLUMN removed_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE people ADD COLUMN aliases TEXT;"
  "ALTER TABLE article_links ADD COLUMN episode_id INTEGER REFERENCES episodes(id) ON DELETE SET NULL;"
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);";

/* Version 3 made the full-text index hold the words of an article, not its markup (up to
 * version 2 it indexed the sanitised HTML as stored, so "href", "img" and "https" matched
 * nearly every article), through triggers calling an SQL function of ours. Version 5 replaces
 * that index, so upgrading through here only stops the version 1 index from being written:
 * building the version 3 one would parse every article only to throw the result away, and
 * version 5 sets the old index aside to be emptied step by step. */
static const char migration_3[] =
  "DROP TRIGGER IF EXISTS articles_fts_insert;"
  "DROP TRIGGER IF EXISTS articles_fts_delete;"
  "DROP TRIGGER IF EXISTS articles_fts_update;";

/* Version 4: the article list reads the read flag of every row (the UNREAD list filters on
 * it, the ALL list shows it); with the flag in the index that lists the articles in order,
 * listing 100,000 of them reads only the index, not one table row each. */
static const char migration_4[] =
  "DROP INDEX IF EXISTS articles_published;"
  "CREATE INDEX articles_published ON articles(published DESC, id, read);";

/* Version 5: the plain text of an article is a column, articles.text, made once by the
 * worker that parsed the feed (the store makes it, in C, for an article saved without one).
 * The full-text index (title, text) is filled by triggers in plain SQL, so any SQLite
 * program can insert, change or delete articles and the index stays right; it keeps no copy
 * of the text (contentless: a delete repeats the indexed words, which the row still has).
 *
 * Its rowid is not the article id but a sort key, DRAMA_STORE_FTS_KEY below, whose order is
 * the article list's (published, then id the other way round): "MATCH … ORDER BY rowid DESC
 * LIMIT 20" reads the newest matches straight from the index and stops, however common the
 * word. Changing the date re-keys the row.
 *
 * The migration itself only changes the schema, so it never holds up the window: the text of
 * the existing articles, and with it their place in the index, is made in chunks by
 * drama_store_upgrade_step (): those of the upgraded file are the ids below the one in
 * meta "text_upgrade_below", and articles_todo lists any article another program inserts
 * without text (or sets to NULL). Until an article has its text it is not in the index. Nor is the
 * old index dropped here: SQLite as Debian builds it overwrites every page it frees
 * (secure_delete), and dropping the index of 100,000 articles took 10 s. It is renamed
 * articles_fts_old and emptied by the same steps, a little at a time.
 *
 * Dramalist's own writes come in batches and fill the index themselves, in key order (FTS5
 * takes twice as long over rows out of rowid order): while articles_fts_batch holds a row,
 * which it only does inside such a transaction of ours, the triggers leave the index alone
 * (drama-store-text.c). */
static const char migration_5[] =
  "DROP TRIGGER IF EXISTS articles_fts_insert;"
  "DROP TRIGGER IF EXISTS articles_fts_delete;"
  "DROP TRIGGER IF EXISTS articles_fts_update;"
  "ALTER TABLE articles_fts RENAME TO articles_fts_old;"
  "ALTER TABLE articles ADD COLUMN text TEXT;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='');"
  "CREATE TABLE articles_todo (id INTEGER PRIMARY KEY);"
  "CREATE TABLE articles_fts_batch (busy INTEGER PRIMARY KEY);"
  /* The articles there are now: every id below this one (a lookup and a count of the
   * smallest index, not a write per article). */
  "INSERT OR REPLACE INTO meta (key, value)"
  " SELECT 'text_upgrade_below', IFNULL(max(id), 0) + 1 FROM articles;"
  "INSERT OR REPLACE INTO meta (key, value) SELECT 'text_upgrade_left', count(*) FROM articles;"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  " INSERT INTO articles_fts (rowid, title, text)"
  "  SELECT " DRAMA_STORE_FTS_KEY ("new") ", new.title, new.text"
  "  WHERE " DRAMA_STORE_FTS_INDEXED ("new") " AND NOT EXISTS (SELECT 1 FROM articles_fts_batch);"
  " INSERT OR IGNORE INTO articles_todo (id) SELECT new.id WHERE new.text IS NULL;"
  " END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  " INSERT INTO articles_fts (articles_fts, rowid, title, text)"
  "  SELECT 'delete', " DRAMA_STORE_FTS_KEY ("old") ", old.title, old.text"
  "  WHERE " DRAMA_STORE_FTS_INDEXED ("old") " AND NOT EXISTS (SELECT 1 FROM articles_fts_batch);"
  " DELETE FROM articles_todo WHERE id = old.id;"
  " END;"
  /* Only what the index holds: marking an article read or starred does not touch it. */
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, text, published ON articles"
  " WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.text IS NOT new.text"
  " OR old.published IS NOT new.published BEGIN"
  " INSERT INTO articles_fts (articles_fts, rowid, title, text)"
  "  SELECT 'delete', " DRAMA_STORE_FTS_KEY ("old") ", old.title, old.text"
  "  WHERE " DRAMA_STORE_FTS_INDEXED ("old") " AND NOT EXISTS (SELECT 1 FROM articles_fts_batch);"
  " INSERT INTO articles_fts (rowid, title, text)"
  "  SELECT " DRAMA_STORE_FTS_KEY ("new") ", new.title, new.text"
  "  WHERE " DRAMA_STORE_FTS_INDEXED ("new") " AND NOT EXISTS (SELECT 1 FROM articles_fts_batch);"
  " DELETE FROM articles_todo WHERE id = old.id AND (new.text IS NOT NULL OR new.id != old.id);"
  " INSERT OR IGNORE INTO articles_todo (id) SELECT new.id WHERE new.text IS NULL;"
  " END;";

static const char * const migrations[] = {
  migration_1, migration_2, migration_3, migration_4, migration_5
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DRAMA_STORE_SCHEMA_VERSION);

/* ---- errors ---- */

static void
set_error_from_code (GError     **error,
                     int          rc,
                     const char  *detail,
                     const char  *what)
{
  switch (rc & 0xff)
    {
    case SQLITE_INTERRUPT:
      /* Only a cancelled job's read is interrupted (interrupt_cancelled_read ()). */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      break;
    case SQLITE_FULL:
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FULL,
                   _("The disk is full: %s."), what);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_READ_ONLY,
                   _("The library can’t be changed (%s): %s."), detail, what);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_CORRUPT,
                   _("The library file is damaged: %s."), what);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_EXISTS,
                   _("This is already in the library: %s."), what);
      break;
    default:
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FAILED,
                   _("Library error (%s): %s."), detail, what);
      break;
    }
}

void
_drama_store_set_error_from_code (DramaStore  *self,
                                  GError     **error,
                                  int          rc,
                                  const char  *what)
{
  const char *detail = sqlite3_errstr (rc);

  /* The connection's message is more precise when it belongs to this failure. */
  if (self->db != NULL && sqlite3_errcode (self->db) == rc)
    detail = sqlite3_errmsg (self->db);
  set_error_from_code (error, rc, detail, what);
}

void
_drama_store_set_error_from_sqlite (DramaStore  *self,
                                    GError     **error,
                                    const char  *what)
{
  int rc = self->db != NULL ? sqlite3_extended_errcode (self->db) : SQLITE_ERROR;

  set_error_from_code (error, rc,
                       self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc),
                       what);
}

/* ---- small helpers ---- */

char *
_drama_strv_join (const char * const *strv)
{
  if (strv == NULL || strv[0] == NULL)
    return NULL;
  return g_strjoinv ("\n", (char **) strv);
}

char **
_drama_strv_split (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  return g_strsplit (text, "\n", -1);
}

void
_drama_bind_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else if (g_utf8_validate (text, -1, NULL))
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    {
      /* The parsers hand over valid UTF-8; this is the last guard, so that no text that
       * would break a widget, the full-text index or an export is ever written. */
      g_debug ("Text that is not UTF-8 reached the store; invalid bytes replaced");
      sqlite3_bind_text (stmt, index, drama_text_make_safe (text, -1, 0), -1, g_free);
    }
}

const char *
_drama_column_text (sqlite3_stmt *stmt,
                    int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* TVmaze ids are UNIQUE columns; "added by hand" (0) is stored as NULL so that any number
 * of hand-added rows can exist. */
void
_drama_bind_tvmaze_id (sqlite3_stmt *stmt,
                       int           index,
                       gint64        tvmaze_id)
{
  if (tvmaze_id != 0)
    sqlite3_bind_int64 (stmt, index, tvmaze_id);
  else
    sqlite3_bind_null (stmt, index);
}

void
_drama_bind_strv (sqlite3_stmt       *stmt,
                  int                 index,
                  const char * const *strv)
{
  g_autofree char *joined = _drama_strv_join (strv);

  _drama_bind_text (stmt, index, joined);
}

void
_drama_set_strv_from_column (GObject      *object,
                             const char   *property,
                             sqlite3_stmt *stmt,
                             int           column)
{
  g_auto(GStrv) strv = _drama_strv_split (_drama_column_text (stmt, column));

  if (strv != NULL)
    g_object_set (object, property, strv, NULL);
}

gint64
_drama_now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The user's local date, "YYYY-MM-DD": an episode known only by its air date has aired
 * once that day is over here. */
char *
_drama_local_date (gint64 now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("0000-00-00");
}

gboolean
_drama_store_step_done (DramaStore   *self,
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

void
_drama_set_not_found (GError     **error,
                      const char  *message)
{
  g_set_error_literal (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND, message);
}

sqlite3 *
_drama_store_get_db (DramaStore *self)
{
  return self->db;
}

void
_drama_store_lock (DramaStore *self)
{
  /* Once guarded, SQLite is the store's thread's alone: the window never waits for it, and
   * a worker hands its reads and writes to that thread (drama_store_call_sync ()). */
  if (G_UNLIKELY (self->guarded && !_drama_store_thread_is_current (self->thread)))
    g_critical ("A library call off the store's thread; use drama_store_call_async () or, "
                "from a worker, drama_store_call_sync ()");
  g_rec_mutex_lock (&self->lock);
  self->lock_depth++;
}

void
_drama_store_unlock (DramaStore *self)
{
  g_assert (self->lock_depth > 0);

  /* A statement left mid-way keeps a read transaction open, which would pin the WAL:
   * reset everything handed out once the outermost caller is done. */
  if (--self->lock_depth == 0 && self->used_statements->len > 0)
    {
      for (guint i = 0; i < self->used_statements->len; i++)
        sqlite3_reset (g_ptr_array_index (self->used_statements, i));
      g_ptr_array_set_size (self->used_statements, 0);
    }
  g_rec_mutex_unlock (&self->lock);
}

sqlite3_stmt *
_drama_store_prepare (DramaStore  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  else
    {
      rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          /* A plain SQLITE_ERROR here is a mistake in our SQL; say so loudly. */
          if (rc == SQLITE_ERROR)
            g_warning ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
          else
            g_debug ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
          _drama_store_set_error_from_sqlite (self, error, _("could not read the library"));
          sqlite3_finalize (stmt);
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }

  if (self->lock_depth > 0)
    g_ptr_array_add (self->used_statements, stmt);
  return stmt;
}

gboolean
_drama_store_exec (DramaStore  *self,
                   const char  *sql,
                   GError     **error)
{
  char *errmsg = NULL;
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &errmsg);
  if (rc != SQLITE_OK)
    {
      g_debug ("“%s” failed: %s", sql, errmsg);
      _drama_store_set_error_from_code (self, error, rc, _("could not change the library"));
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

gboolean
_drama_store_begin (DramaStore  *self,
                    GError     **error)
{
  if (self->tx_depth == 0)
    {
      if (!_drama_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->tx_failed = FALSE;
    }
  self->tx_depth++;
  return TRUE;
}

void
_drama_store_rollback (DramaStore *self)
{
  g_return_if_fail (self->tx_depth > 0);

  if (--self->tx_depth > 0)
    {
      self->tx_failed = TRUE;
      return;
    }
  /* Statements still running would make ROLLBACK fail with SQLITE_BUSY. */
  for (guint i = 0; i < self->used_statements->len; i++)
    sqlite3_reset (g_ptr_array_index (self->used_statements, i));
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->tx_failed = FALSE;
}

gboolean
_drama_store_commit (DramaStore  *self,
                     GError     **error)
{
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (self->tx_depth > 1)
    {
      self->tx_depth--;
      return TRUE;
    }

  if (self->tx_failed)
    {
      _drama_store_rollback (self);
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FAILED,
                   _("The change was undone because part of it failed."));
      return FALSE;
    }

  for (guint i = 0; i < self->used_statements->len; i++)
    sqlite3_reset (g_ptr_array_index (self->used_statements, i));

  if (!_drama_store_exec (self, "COMMIT", error))
    {
      _drama_store_rollback (self);
      return FALSE;
    }
  self->tx_depth = 0;
  return TRUE;
}

/* ---- signals ---- */

typedef struct {
  DramaStore       *store;
  DramaStoreChange *change;     /* NULL for "aliases-changed" */
  DramaChangeKind   alias_kind;
  gint64            alias_id;
} EmitData;

static gboolean
emit_in_context (gpointer user_data)
{
  EmitData *data = user_data;

  if (data->change != NULL)
    {
      GEnumClass *kinds = g_type_class_ref (DRAMA_TYPE_CHANGE_KIND);
      GEnumValue *kind = g_enum_get_value (kinds, drama_store_change_get_kind (data->change));

      g_signal_emit (data->store, signals[CHANGED], g_quark_from_static_string (kind->value_nick),
                     data->change);
      g_type_class_unref (kinds);
      drama_store_change_unref (data->change);
    }
  else
    g_signal_emit (data->store, signals[ALIASES_CHANGED], 0, data->alias_kind, data->alias_id);
  g_object_unref (data->store);
  g_free (data);
  return G_SOURCE_REMOVE;
}

static void
emit_or_queue (DramaStore *self,
               EmitData   *data)
{
  /* On the thread that made the store the signal is emitted at once, so a caller sees
   * its own change reflected before the call returns; other threads queue it. */
  if (g_thread_self () == self->owner_thread)
    emit_in_context (data);
  else
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_in_context, data, NULL);
      g_source_set_static_name (source, "[drama-store] emit changed");
      g_source_attach (source, self->context);
    }
}

void
_drama_store_notify (DramaStore        *self,
                     DramaChangeKind    kind,
                     DramaChangeReason  reason,
                     gint64             show_id,
                     const gint64      *ids,
                     guint              n_ids)
{
  EmitData *data;

  g_return_if_fail (DRAMA_IS_STORE (self));

  data = g_new0 (EmitData, 1);
  data->store = g_object_ref (self);
  data->change = drama_store_change_new (kind, reason, show_id, ids, n_ids);
  emit_or_queue (self, data);
}

void
_drama_store_notify_array (DramaStore        *self,
                           DramaChangeKind    kind,
                           DramaChangeReason  reason,
                           gint64             show_id,
                           GArray            *ids)
{
  _drama_store_notify (self, kind, reason, show_id,
                       ids != NULL ? (const gint64 *) (gpointer) ids->data : NULL,
                       ids != NULL ? ids->len : 0);
}

void
_drama_store_notify_aliases (DramaStore      *self,
                             DramaChangeKind  kind,
                             gint64           id)
{
  EmitData *data;

  g_return_if_fail (DRAMA_IS_STORE (self));

  data = g_new0 (EmitData, 1);
  data->store = g_object_ref (self);
  data->alias_kind = kind;
  data->alias_id = id;
  emit_or_queue (self, data);
}

/* ---- opening ---- */

static char *
make_moved_aside_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *candidate = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  /* Never overwrite an earlier moved-aside copy (two failures in one second). */
  for (guint i = 2; g_file_test (candidate, G_FILE_TEST_EXISTS); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }
  return candidate;
}

/* The damaged file is renamed, never deleted: the user may want it back, or send it. */
static gboolean
move_aside (DramaStore  *self,
            GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
  g_autofree char *target = make_moved_aside_path (self->path);

  if (g_rename (self->path, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_CORRUPT,
                   _("The library file “%s” is damaged and could not be moved aside: %s"),
                   self->path, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_message ("Could not move %s aside: %s", from, g_strerror (errno));
    }

  /* Not a warning: this is handled, and the window tells the user. */
  g_message ("The library %s was damaged; it was moved to %s and a new library started",
             self->path, target);
  g_free (self->moved_aside_path);
  self->moved_aside_path = g_steal_pointer (&target);
  return TRUE;
}

typedef enum {
  PEEK_OK,
  PEEK_CORRUPT,
  PEEK_FAILED,
} PeekResult;

/* Looks at an existing file without changing it: a newer schema must be refused before
 * anything (a journal-mode switch, a migration) writes to it. */
static PeekResult
peek_version (DramaStore  *self,
              int         *version,
              GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  PeekResult result = PEEK_OK;
  int rc;

  *version = 0;
  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        result = PEEK_CORRUPT;
      else
        {
          set_error_from_code (error, rc, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc),
                               _("could not open the library"));
          result = PEEK_FAILED;
        }
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static gboolean
query_int (DramaStore  *self,
           const char  *sql,
           int         *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }
  _drama_store_set_error_from_code (self, error, rc, _("could not read the library"));
  sqlite3_finalize (stmt);
  return FALSE;
}

/* Runs one integrity check statement. NULL error and FALSE = the file is damaged. */
static gboolean
run_check (DramaStore  *self,
           const char  *sql,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
      if (!ok)
        g_message ("Integrity check of %s failed: %s", self->path, sqlite3_column_text (stmt, 0));
    }
  else if ((rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
    _drama_store_set_error_from_code (self, error, rc, _("could not check the library"));
  sqlite3_finalize (stmt);
  return ok;
}

#define FULL_CHECK_INTERVAL (7 * 24 * 3600)

/* A full check reads the whole file: a second or more for a library of 100,000 articles,
 * too long for every start, and never before the first frame. So every start checks the
 * user's own data (small tables); the whole file is checked on the first open of a file
 * (small then) and, once a week, in the background after the window is up
 * (drama_store_check_integrity_async ()). *full_done tells whether the whole file was
 * checked. NULL error and FALSE = the file is damaged. */
static gboolean
check_integrity (DramaStore  *self,
                 gboolean    *full_done,
                 GError     **error)
{
  static const char * const own_tables[] = { "shows", "episodes", "people", "credits", "feeds", "meta" };
  sqlite3_stmt *stmt = NULL;
  gint64 last_full = 0;
  int rc;

  *full_done = FALSE;

  /* The meta table is missing in a new or version 1 file: then it is a full check. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = 'integrity_checked_at'",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    last_full = g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 0), NULL, 10);
  rc = sqlite3_finalize (stmt);
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    return FALSE;

  if (last_full == 0)
    {
      *full_done = TRUE;
      return run_check (self, "PRAGMA quick_check", error);
    }
  self->full_check_due = _drama_now_unix () - last_full > FULL_CHECK_INTERVAL ||
                         _drama_now_unix () < last_full;

  for (guint i = 0; i < G_N_ELEMENTS (own_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA quick_check(%s)", own_tables[i]);

      if (!run_check (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

static void
note_full_check (DramaStore *self)
{
  g_autofree char *sql = g_strdup_printf ("INSERT OR REPLACE INTO meta (key, value)"
                                          " VALUES ('integrity_checked_at', '%" G_GINT64_FORMAT "')",
                                          _drama_now_unix ());

  /* Only costs a full check next time if it fails. */
  _drama_store_exec (self, sql, NULL);
}

static gboolean
migrate (DramaStore  *self,
         int          from_version,
         GError     **error)
{
  for (int version = from_version + 1; version <= DRAMA_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

      g_debug ("Migrating %s to schema version %d", self->path, version);
      if (!_drama_store_begin (self, error))
        return FALSE;
      if (!_drama_store_exec (self, migrations[version - 1], error) ||
          !_drama_store_exec (self, set_version, error))
        {
          _drama_store_rollback (self);
          g_prefix_error (error, _("Could not upgrade the library to version %d: "), version);
          return FALSE;
        }
      if (!_drama_store_commit (self, error))
        return FALSE;
    }
  /* A new library has nothing to upgrade: no articles, an empty old index. */
  if (from_version == 0 && from_version < DRAMA_STORE_SCHEMA_VERSION)
    return _drama_store_exec (self, "DROP TABLE articles_fts_old;"
                                    "DELETE FROM meta WHERE key IN"
                                    " ('text_upgrade_below', 'text_upgrade_left');"
                                    /* Made now (what a new library is given once, say). */
                                    "INSERT INTO meta (key, value) VALUES"
                                    " ('created_at', CAST (unixepoch () AS TEXT));", error);
  return TRUE;
}

static void
close_db (DramaStore *self)
{
  g_hash_table_remove_all (self->statements);
  g_ptr_array_set_size (self->used_statements, 0);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  self->tx_depth = 0;
}

typedef enum {
  OPEN_OK,
  OPEN_CORRUPT,
  OPEN_FAILED,
} OpenResult;


/* Every this many virtual machine steps SQLite asks whether to go on. */
#define PROGRESS_STEPS 10000

/* A read whose job was cancelled meanwhile stops here (the ids of a search the next letter
 * replaced: one common letter takes FTS5 hundreds of milliseconds, and the next query would
 * wait for it). Never a write: one cut short in a transaction would roll back all of it. */
static int
interrupt_cancelled_read (void *data)
{
  DramaStore *self = data;
  GCancellable *cancellable = _drama_store_thread_get_job_cancellable ();
  sqlite3_stmt *stmt = NULL;

  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable) ||
      !sqlite3_get_autocommit (self->db))
    return 0;
  while ((stmt = sqlite3_next_stmt (self->db, stmt)) != NULL)
    if (sqlite3_stmt_busy (stmt) && !sqlite3_stmt_readonly (stmt))
      return 0;
  return 1;
}

static OpenResult
open_db (DramaStore  *self,
         GError     **error)
{
  gboolean full_check = FALSE;
  int version = 0;
  int rc;

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FAILED,
                   _("The library can’t be opened: “%s” is a folder, not a file."), self->path);
      return OPEN_FAILED;
    }

  if (g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      switch (peek_version (self, &version, error))
        {
        case PEEK_CORRUPT:
          return OPEN_CORRUPT;
        case PEEK_FAILED:
          return OPEN_FAILED;
        case PEEK_OK:
        default:
          break;
        }
      if (version > DRAMA_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_TOO_NEW,
                       _("The library “%s” was made by a newer version of Dramalist "
                         "(format %d; this version knows up to %d). Update Dramalist to open it; "
                         "the file was left untouched."),
                       self->path, version, DRAMA_STORE_SCHEMA_VERSION);
          return OPEN_FAILED;
        }
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _drama_store_set_error_from_code (self, error, rc, _("could not open the library"));
      close_db (self);
      return OPEN_FAILED;
    }
  sqlite3_extended_result_codes (self->db, 1);

  /* SQLite quietly opens a file it may not write read-only; say so now rather than at
   * the first save. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_READ_ONLY,
                   _("The library “%s” is read-only, so changes could not be saved."),
                   self->path);
      close_db (self);
      return OPEN_FAILED;
    }

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_progress_handler (self->db, PROGRESS_STEPS, interrupt_cancelled_read, self);

  {
    g_autoptr(GError) local_error = NULL;

    if (!check_integrity (self, &full_check, &local_error))
      {
        close_db (self);
        if (local_error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return OPEN_FAILED;
          }
        return OPEN_CORRUPT;
      }
  }

  if (!_drama_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_drama_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_drama_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      /* A search with a common word reads the indexes of 100,000 articles (the links, the
       * dates and flags): with SQLite's 2 MB they were read from the file again and again,
       * a third of the time (tests/bench/bench-search.c). At most 32 MB, when used. */
      !_drama_store_exec (self, "PRAGMA cache_size = -32768", error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !migrate (self, version, error) ||
      /* The batch of indexed columns a save writes at once (drama-store-text.c). */
      !_drama_store_exec (self, "CREATE TEMP TABLE drama_texts (id INTEGER PRIMARY KEY,"
                                " title TEXT, text TEXT, published INTEGER, summary TEXT,"
                                " content TEXT, guarded INTEGER NOT NULL,"
                                " reindex INTEGER NOT NULL DEFAULT 0)", error) ||
      /* Shows removed last session were kept for Undo; now they go for good. */
      !_drama_store_exec (self, "DELETE FROM shows WHERE removed_at != 0", error) ||
      /* Nobody links articles to an actor whose every show is gone. */
      !_drama_store_exec (self, "DELETE FROM people WHERE id NOT IN (SELECT person_id FROM credits)",
                          error))
    {
      gboolean corrupt = error != NULL && *error != NULL &&
                         g_error_matches (*error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_CORRUPT);

      close_db (self);
      if (corrupt)
        {
          g_clear_error (error);
          return OPEN_CORRUPT;
        }
      return OPEN_FAILED;
    }

  if (full_check)
    note_full_check (self);

  return OPEN_OK;
}

static gboolean
make_parent_dir (const char  *path,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, DRAMA_STORE_ERROR,
                   saved_errno == ENOSPC ? DRAMA_STORE_ERROR_FULL : DRAMA_STORE_ERROR_READ_ONLY,
                   _("Could not create the folder for the library, “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

DramaStore *
drama_store_new (const char  *path,
                 GError     **error)
{
  g_autoptr(DramaStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  OpenResult result;

  self = g_object_new (DRAMA_TYPE_STORE, NULL);
  if (path != NULL)
    self->path = g_strdup (path);
  else
    self->path = g_build_filename (g_get_user_data_dir (), "dramalist", "library.db", NULL);

  if (!make_parent_dir (self->path, error))
    return NULL;

  result = open_db (self, &local_error);
  if (result == OPEN_CORRUPT)
    {
      if (!move_aside (self, error))
        return NULL;
      result = open_db (self, &local_error);
      if (result == OPEN_CORRUPT)
        {
          g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_CORRUPT,
                       _("A new library could not be started at “%s”."), self->path);
          return NULL;
        }
    }
  if (result != OPEN_OK)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&self);
}

struct _DramaStoreOpening {
  GThread    *thread;
  char       *path;
  DramaStore *store;
  GError     *error;
};

static gpointer
open_thread (gpointer data)
{
  DramaStoreOpening *opening = data;

  opening->store = drama_store_new (opening->path, &opening->error);
  return NULL;
}

DramaStoreOpening *
drama_store_open_begin (const char *path)
{
  DramaStoreOpening *opening = g_new0 (DramaStoreOpening, 1);

  opening->path = g_strdup (path);
  opening->thread = g_thread_new ("drama-store-open", open_thread, opening);
  return opening;
}

DramaStore *
drama_store_open_join (DramaStoreOpening  *opening,
                       GError            **error)
{
  DramaStore *store;

  g_return_val_if_fail (opening != NULL, NULL);

  g_thread_join (opening->thread);
  store = opening->store;
  if (store != NULL)
    {
      /* Signals are emitted at once on the owner's thread, queued to its context from
       * any other: the opener's are the joiner's. */
      g_main_context_unref (store->context);
      store->context = g_main_context_ref_thread_default ();
      store->owner_thread = g_thread_self ();
    }
  else
    g_propagate_error (error, opening->error);
  g_free (opening->path);
  g_free (opening);
  return store;
}

const char *
drama_store_get_path (DramaStore *self)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  return self->path;
}

const char *
drama_store_get_moved_aside_path (DramaStore *self)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  return self->moved_aside_path;
}

/* ---- meta ---- */

typedef struct {
  const char *key;
  const char *value;
} MetaArgs;

static gpointer
get_meta_job (DramaStore    *self,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  MetaArgs *args = data;
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "SELECT value FROM meta WHERE key = ?", error);
  if (stmt != NULL)
    {
      _drama_bind_text (stmt, 1, args->key);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        value = g_strdup (_drama_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the library"));
    }
  _drama_store_unlock (self);
  return value;
}

/* Callable from any thread but the main one: run on the store's thread. */
char *
drama_store_get_meta (DramaStore  *self,
                      const char  *key,
                      GError     **error)
{
  MetaArgs args = { key, NULL };

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return drama_store_call_sync (self, get_meta_job, &args, NULL, error);
}

static gpointer
set_meta_job (DramaStore    *self,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  MetaArgs *args = data;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  _drama_store_lock (self);
  if (args->value != NULL)
    stmt = _drama_store_prepare (self, "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                                       " ON CONFLICT (key) DO UPDATE SET value = ?2", error);
  else
    stmt = _drama_store_prepare (self, "DELETE FROM meta WHERE key = ?1", error);
  if (stmt != NULL)
    {
      _drama_bind_text (stmt, 1, args->key);
      if (args->value != NULL)
        _drama_bind_text (stmt, 2, args->value);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        ok = TRUE;
      else
        _drama_store_set_error_from_code (self, error, rc, _("could not save a setting"));
    }
  _drama_store_unlock (self);
  return ok ? self : NULL;
}

gboolean
drama_store_set_meta (DramaStore  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  MetaArgs args = { key, value };

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return drama_store_call_sync (self, set_meta_job, &args, NULL, error) != NULL;
}

/* ---- the store's thread ---- */

void
drama_store_call_async (DramaStore          *self,
                        int                  priority,
                        DramaStoreFunc       func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DRAMA_IS_STORE (self));
  g_return_if_fail (func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_store_call_async);
  g_task_set_priority (task, priority);
  g_task_set_task_data (task, data, data_free);
  g_task_set_name (task, "[drama-store] job");

  _drama_store_thread_push (self->thread, priority, task, func, result_free);
}

gpointer
drama_store_call_finish (DramaStore    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == drama_store_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
drama_store_call_sync (DramaStore    *self,
                       DramaStoreFunc func,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  if (_drama_store_thread_is_current (self->thread))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      return func (self, data, cancellable, error);
    }
  return _drama_store_thread_run_sync (self->thread, self, func, data, cancellable, error);
}

static gpointer
full_check_job (DramaStore    *self,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  _drama_store_lock (self);
  ok = run_check (self, "PRAGMA quick_check", &local_error);
  if (ok)
    {
      note_full_check (self);
      self->full_check_due = FALSE;
    }
  else if (local_error == NULL)
    {
      /* Damaged: the next start moves the file aside (open_db () checks it all again). */
      _drama_store_exec (self, "DELETE FROM meta WHERE key = 'integrity_checked_at'", NULL);
      g_set_error (&local_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_CORRUPT,
                   _("The library file “%s” is damaged. Dramalist will set it aside and start "
                     "a new one the next time it starts; until then, changes may be lost."),
                   self->path);
    }
  _drama_store_unlock (self);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return GINT_TO_POINTER (1);
}

void
drama_store_check_integrity_async (DramaStore          *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (DRAMA_IS_STORE (self));

  if (!self->full_check_due)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, drama_store_call_async);
      g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
      return;
    }
  drama_store_call_async (self, G_PRIORITY_LOW, full_check_job, NULL, NULL, NULL,
                          cancellable, callback, user_data);
}

gboolean
drama_store_check_integrity_finish (DramaStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return drama_store_call_finish (self, result, error) != NULL;
}

gboolean
drama_store_get_integrity_check_due (DramaStore *self)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  return self->full_check_due;
}

void
drama_store_set_thread_guard (DramaStore *self,
                                   gboolean    guard)
{
  g_return_if_fail (DRAMA_IS_STORE (self));

  self->guarded = guard;
}

/* ---- GObject ---- */

static void
drama_store_finalize (GObject *object)
{
  DramaStore *self = (DramaStore *) object;

  /* Every queued job holds a reference, so none is left: this only stops the thread. */
  g_clear_pointer (&self->thread, _drama_store_thread_free);
  close_db (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->used_statements, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->moved_aside_path, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (drama_store_parent_class)->finalize (object);
}

static void
drama_store_class_init (DramaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drama_store_finalize;

  /* "changed::KIND" (DramaStoreChange *change): rows of one kind changed; see
   * drama-store-change.h. Views connect to the kinds they show. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  DRAMA_TYPE_STORE_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* "aliases-changed" (DramaChangeKind kind, gint64 id): the aliases of a show or person,
   * the names the matcher looks for, changed. */
  signals[ALIASES_CHANGED] =
    g_signal_new ("aliases-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, DRAMA_TYPE_CHANGE_KIND, G_TYPE_INT64);
}

static void
drama_store_init (DramaStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->used_statements = g_ptr_array_new ();
  self->context = g_main_context_ref_thread_default ();
  self->owner_thread = g_thread_self ();
  self->thread = _drama_store_thread_new ();
}
