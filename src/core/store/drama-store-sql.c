#define G_LOG_DOMAIN "drama-store"

/* The connection as the rest of the store uses it: the lock, the statement cache,
 * transactions, and small bind and column helpers. */

#include "config.h"

#include "drama-store.h"

#include <glib/gi18n-lib.h>

#include "drama-store-private.h"
#include "drama-store-thread.h"
#include "drama-text.h"

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

void
_drama_store_close_db (DramaStore *self)
{
  g_hash_table_remove_all (self->statements);
  g_ptr_array_set_size (self->used_statements, 0);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  self->tx_depth = 0;
}
