#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-store-private.h"
#include "drama-store.h"
#include "drama-text.h"

/* Searching the cast of the watchlist by name or alias, normalised as the matcher
 * normalises: the people found, or the shows whose cast has them. */

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
