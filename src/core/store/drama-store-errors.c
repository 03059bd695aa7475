#define G_LOG_DOMAIN "drama-store"

/* SQLite result codes → DRAMA_STORE_ERROR, with a message the user can act on. */

#include "config.h"

#include "drama-store.h"

#include <glib/gi18n-lib.h>

#include "drama-store-private.h"

G_DEFINE_QUARK (drama-store-error-quark, drama_store_error)

/* ---- errors ---- */

void
_drama_set_error_from_code (GError     **error,
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
  _drama_set_error_from_code (error, rc, detail, what);
}

void
_drama_store_set_error_from_sqlite (DramaStore  *self,
                                    GError     **error,
                                    const char  *what)
{
  int rc = self->db != NULL ? sqlite3_extended_errcode (self->db) : SQLITE_ERROR;

  _drama_set_error_from_code (error, rc,
                              self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc),
                              what);
}

void
_drama_set_not_found (GError     **error,
                      const char  *message)
{
  g_set_error_literal (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND, message);
}
