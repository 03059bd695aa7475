#define G_LOG_DOMAIN "drama-store"

/* Opening a library: refusing a newer one, checking it, moving a damaged file aside,
 * upgrading it; and the weekly whole-file check. */

#include "config.h"

#include "drama-store.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "drama-store-private.h"
#include "drama-store-thread.h"

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
          _drama_set_error_from_code (error, rc,
                                      db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc),
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
      _drama_store_close_db (self);
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
      _drama_store_close_db (self);
      return OPEN_FAILED;
    }

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_progress_handler (self->db, PROGRESS_STEPS, interrupt_cancelled_read, self);

  {
    g_autoptr(GError) local_error = NULL;

    if (!check_integrity (self, &full_check, &local_error))
      {
        _drama_store_close_db (self);
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
      !_drama_store_migrate (self, version, error) ||
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

      _drama_store_close_db (self);
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
