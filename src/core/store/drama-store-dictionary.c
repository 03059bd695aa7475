#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drama-matcher.h"
#include "drama-store-private.h"
#include "drama-store.h"

/* The dictionary the matcher looks for: read from the library (every show on the
 * watchlist and everyone credited in one) on the store's thread, built on the caller's. */

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

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
add_shows_locked (DramaStore    *self,
                  DramaMatcher  *matcher,
                  GError       **error)
{
  /* The final episode: the highest numbered one of the last season with numbered ones. */
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "SELECT s.id, s.name, s.original_name, s.akas, s.aliases, "
    "  (SELECT e.season FROM episodes e WHERE e.show_id = s.id AND e.number > 0 "
    "   ORDER BY e.season DESC, e.number DESC LIMIT 1), "
    "  (SELECT e.number FROM episodes e WHERE e.show_id = s.id AND e.number > 0 "
    "   ORDER BY e.season DESC, e.number DESC LIMIT 1) "
    "FROM shows s WHERE s.removed_at = 0 ORDER BY s.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);

      for (int column = 2; column <= 4; column++)
        {
          const char *text = _drama_column_text (stmt, column);

          if (column == 2)
            {
              if (text != NULL && *text != '\0')
                g_ptr_array_add (others, g_strdup (text));
              continue;
            }
          if (text != NULL)
            {
              g_auto(GStrv) parts = _drama_strv_split (text);

              for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
                if (*parts[i] != '\0')
                  g_ptr_array_add (others, g_strdup (parts[i]));
            }
        }
      g_ptr_array_add (others, NULL);

      drama_matcher_add_show (matcher, sqlite3_column_int64 (stmt, 0),
                              _drama_column_text (stmt, 1),
                              (const char * const *) others->pdata,
                              sqlite3_column_int (stmt, 5), sqlite3_column_int (stmt, 6));
    }

  return step_rows_done (self, stmt, rc, _("could not read the shows"), error);
}

static gboolean
add_people_locked (DramaStore    *self,
                   DramaMatcher  *matcher,
                   GError       **error)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "SELECT p.id, p.name, p.aliases, group_concat(c.show_id) "
    "FROM people p JOIN credits c ON c.person_id = p.id "
    "JOIN shows s ON s.id = c.show_id AND s.removed_at = 0 "
    "GROUP BY p.id ORDER BY p.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) aliases = _drama_strv_split (_drama_column_text (stmt, 2));
      g_auto(GStrv) id_texts = g_strsplit (_drama_column_text (stmt, 3) ?: "", ",", -1);
      g_autoptr(GArray) show_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; id_texts[i] != NULL; i++)
        {
          gint64 id = g_ascii_strtoll (id_texts[i], NULL, 10);

          if (id > 0)
            g_array_append_val (show_ids, id);
        }
      /* group_concat has no defined order; the matcher's fingerprint wants one. */
      g_array_sort (show_ids, compare_int64);

      drama_matcher_add_person (matcher, sqlite3_column_int64 (stmt, 0),
                                _drama_column_text (stmt, 1),
                                (const char * const *) aliases,
                                (const gint64 *) (gpointer) show_ids->data, show_ids->len);
    }

  return step_rows_done (self, stmt, rc, _("could not read the cast"), error);
}

static gpointer
read_names_job (DramaStore    *self,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  DramaMatcher *matcher = data;
  gboolean ok;

  _drama_store_lock (self);
  ok = add_shows_locked (self, matcher, error) && add_people_locked (self, matcher, error);
  _drama_store_unlock (self);
  return ok ? matcher : NULL;
}

DramaMatcher *
drama_store_build_matcher (DramaStore  *self,
                           GError     **error)
{
  g_autoptr(DramaMatcher) matcher = drama_matcher_new ();

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  /* The names are read on the store's thread; the automaton is built on the caller's. */
  if (drama_store_call_sync (self, read_names_job, matcher, NULL, error) == NULL)
    return NULL;

  drama_matcher_build (matcher);
  return g_steal_pointer (&matcher);
}
