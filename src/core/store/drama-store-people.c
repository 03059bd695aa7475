#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-store-private.h"

static gint64
save_person (DramaStore   *self,
             DramaPerson  *person,
             GError      **error)
{
  const char *what = _("could not save the cast");
  gint64 tvmaze_id = drama_person_get_tvmaze_id (person);
  const char *name = drama_person_get_name (person) != NULL ? drama_person_get_name (person) : "";
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (tvmaze_id == 0)
    {
      /* A hand-added person: the same one again (by id, else by name), or a new one. */
      stmt = _drama_store_prepare (self,
        "SELECT id FROM people WHERE tvmaze_id IS NULL AND (id = ?1 OR name = ?2)"
        " ORDER BY id = ?1 DESC LIMIT 1", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, drama_person_get_id (person));
      _drama_bind_text (stmt, 2, name);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      else if (rc != SQLITE_DONE)
        {
          _drama_store_set_error_from_code (self, error, rc, what);
          return 0;
        }
    }

  if (id != 0)
    stmt = _drama_store_prepare (self,
      "UPDATE people SET name = ?2, image_medium = ?3, image_original = ?4 WHERE id = ?6"
      " RETURNING id, aliases", error);
  else
    /* Aliases are the user's: set only for a new person. */
    stmt = _drama_store_prepare (self,
      "INSERT INTO people (tvmaze_id, name, image_medium, image_original, aliases)"
      " VALUES (?1, ?2, ?3, ?4, ?5)"
      " ON CONFLICT (tvmaze_id) DO UPDATE SET name = excluded.name,"
      " image_medium = excluded.image_medium, image_original = excluded.image_original"
      " RETURNING id, aliases", error);
  if (stmt == NULL)
    return 0;

  if (id != 0)
    sqlite3_bind_int64 (stmt, 6, id);
  else
    {
      _drama_bind_tvmaze_id (stmt, 1, tvmaze_id);
      _drama_bind_strv (stmt, 5, drama_person_get_aliases (person));
    }
  _drama_bind_text (stmt, 2, name);
  _drama_bind_text (stmt, 3, drama_person_get_image_medium (person));
  _drama_bind_text (stmt, 4, drama_person_get_image_original (person));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _drama_store_set_error_from_sqlite (self, error, what);
      return 0;
    }
  id = sqlite3_column_int64 (stmt, 0);
  drama_person_set_id (person, id);
  _drama_set_strv_from_column (G_OBJECT (person), "aliases", stmt, 1);
  sqlite3_reset (stmt);
  return id;
}

gboolean
_drama_store_save_cast (DramaStore  *self,
                        gint64       show_id,
                        GPtrArray   *cast,
                        GError     **error)
{
  const char *what = _("could not save the cast");
  sqlite3_stmt *stmt;

  stmt = _drama_store_prepare (self, "DELETE FROM credits WHERE show_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, show_id);
  if (!_drama_store_step_done (self, stmt, what, error))
    return FALSE;

  for (guint i = 0; i < cast->len; i++)
    {
      DramaPerson *person = g_ptr_array_index (cast, i);
      int order = drama_person_get_cast_order (person);
      gint64 person_id;

      g_return_val_if_fail (DRAMA_IS_PERSON (person), FALSE);

      person_id = save_person (self, person, error);
      if (person_id == 0)
        return FALSE;

      /* One actor may play two parts in a show: both names are kept. */
      stmt = _drama_store_prepare (self,
        "INSERT INTO credits (person_id, show_id, character, ord) VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT (person_id, show_id) DO UPDATE SET character ="
        " CASE WHEN excluded.character IS NULL THEN credits.character"
        " WHEN credits.character IS NULL THEN excluded.character"
        " ELSE credits.character || ' / ' || excluded.character END", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, person_id);
      sqlite3_bind_int64 (stmt, 2, show_id);
      _drama_bind_text (stmt, 3, drama_person_get_character (person));
      sqlite3_bind_int (stmt, 4, order != 0 ? order : (int) i);
      if (!_drama_store_step_done (self, stmt, what, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- people ---- */

GPtrArray *
drama_store_list_cast (DramaStore  *self,
                       gint64       show_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "SELECT " DRAMA_STORE_PERSON_COLUMNS ", c.character, c.ord"
                                     " FROM credits c JOIN people p ON p.id = c.person_id"
                                     " WHERE c.show_id = ? ORDER BY c.ord, p.name", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, show_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DramaPerson *person = _drama_person_from_row (stmt);

          drama_person_set_character (person, _drama_column_text (stmt, DRAMA_STORE_N_PERSON_COLUMNS));
          drama_person_set_cast_order (person, sqlite3_column_int (stmt, DRAMA_STORE_N_PERSON_COLUMNS + 1));
          g_ptr_array_add (cast, person);
        }
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the cast"));
    }
  _drama_store_unlock (self);

  return ok ? g_steal_pointer (&cast) : NULL;
}

DramaPerson *
drama_store_get_person (DramaStore  *self,
                        gint64       person_id,
                        GError     **error)
{
  DramaPerson *person = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "SELECT " DRAMA_STORE_PERSON_COLUMNS " FROM people p WHERE p.id = ?",
                               error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, person_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        person = _drama_person_from_row (stmt);
      else if (rc == SQLITE_DONE)
        _drama_set_not_found (error, _("This person is no longer in the library."));
      else
        _drama_store_set_error_from_code (self, error, rc, _("could not read the cast"));
    }
  _drama_store_unlock (self);

  return person;
}

GPtrArray *
drama_store_list_person_shows (DramaStore  *self,
                               gint64       person_id,
                               GError     **error)
{
  g_autoptr(GPtrArray) shows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "SELECT " DRAMA_STORE_SHOW_COLUMNS " FROM credits c"
                                     " JOIN shows s ON s.id = c.show_id"
                                     " WHERE c.person_id = ? AND s.removed_at = 0"
                                     " ORDER BY s.premiered DESC, s.name", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, person_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (shows, _drama_show_from_row (stmt));
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the shows"));
    }
  _drama_store_unlock (self);

  return ok ? g_steal_pointer (&shows) : NULL;
}

gboolean
drama_store_set_person_aliases (DramaStore          *self,
                                gint64               person_id,
                                const char * const  *aliases,
                                GError             **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "UPDATE people SET aliases = ?2 WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, person_id);
      _drama_bind_strv (stmt, 2, aliases);
      ok = _drama_store_step_done (self, stmt, _("could not save the names"), error);
      if (ok && sqlite3_changes (_drama_store_get_db (self)) == 0)
        {
          _drama_set_not_found (error, _("This person is no longer in the library."));
          ok = FALSE;
        }
    }
  _drama_store_unlock (self);

  /* The matcher looks for these names in articles. */
  if (ok)
    {
      _drama_store_notify (self, DRAMA_CHANGE_PERSON, DRAMA_CHANGE_UPDATED, 0, &person_id, 1);
      _drama_store_notify_aliases (self, DRAMA_CHANGE_PERSON, person_id);
    }
  return ok;
}
