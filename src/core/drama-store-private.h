#pragma once

/* Shared by drama-store.c and the per-area files (drama-store-shows.c, -feeds.c,
 * -articles.c, -links.c). Every public store function:
 *
 *   _drama_store_lock (self);
 *   ... _drama_store_begin / _drama_store_prepare / sqlite3_step ... _drama_store_commit
 *   (or _drama_store_rollback on any error)
 *   _drama_store_unlock (self);
 *   drama_store_emit_changed (self, "…", id);   (after a successful write)
 */

#include <sqlite3.h>

#include "drama-store.h"

G_BEGIN_DECLS

sqlite3      *_drama_store_get_db                (DramaStore  *self);

/* A cached statement, reset and with bindings cleared, ready to bind. Owned by the store:
 * never finalize it. Must be used while holding the lock. */
sqlite3_stmt *_drama_store_prepare               (DramaStore  *self,
                                                  const char  *sql,
                                                  GError     **error);

/* Plain transactions (BEGIN IMMEDIATE so a writer never fails half-way on a lock).
 * Nesting is counted: an inner begin/commit pair does nothing, an inner rollback makes the
 * outermost commit roll back instead and fail. */
gboolean      _drama_store_begin                 (DramaStore  *self,
                                                  GError     **error);
gboolean      _drama_store_commit                (DramaStore  *self,
                                                  GError     **error);
void          _drama_store_rollback              (DramaStore  *self);

void          _drama_store_lock                  (DramaStore  *self);
void          _drama_store_unlock                (DramaStore  *self);

/* Runs SQL with no results (several statements allowed). */
gboolean      _drama_store_exec                  (DramaStore  *self,
                                                  const char  *sql,
                                                  GError     **error);

/* Sets error from the connection's last error: SQLITE_FULL → DRAMA_STORE_ERROR_FULL,
 * SQLITE_READONLY/SQLITE_PERM/SQLITE_CANTOPEN → READ_ONLY, SQLITE_CORRUPT/NOTADB → CORRUPT,
 * SQLITE_CONSTRAINT (unique) → EXISTS, anything else FAILED. what: "Could not save the show". */
void          _drama_store_set_error_from_sqlite (DramaStore  *self,
                                                  GError     **error,
                                                  const char  *what);

/* Same from an explicit result code (for sqlite3_step results). */
void          _drama_store_set_error_from_code   (DramaStore  *self,
                                                  GError     **error,
                                                  int          rc,
                                                  const char  *what);

/* String lists are stored as '\n'-separated text; NULL/empty list ↔ NULL column. */
char         *_drama_strv_join                   (const char * const *strv);
char        **_drama_strv_split                  (const char  *text);

/* Column helpers: NULL-safe text binding and reading. */
void          _drama_bind_text                   (sqlite3_stmt *stmt,
                                                  int           index,
                                                  const char   *text);
const char   *_drama_column_text                 (sqlite3_stmt *stmt,
                                                  int           column);

G_END_DECLS
