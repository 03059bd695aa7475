#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-store-private.h"
#include "drama-store.h"
#include "drama-text.h"

/* The desktop's search (GNOME Shell's search provider): the shows on the watchlist that
 * every word the user typed names, and the newest articles about them. */

/* The normalised words, empty ones left out (a word of dashes normalises to nothing). */
static GPtrArray *
normalize_terms (const char * const *terms)
{
  GPtrArray *needles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    {
      char *needle = drama_text_normalize (terms[i], -1);

      if (*needle != '\0')
        g_ptr_array_add (needles, needle);
      else
        g_free (needle);
    }
  return needles;
}

/* Appends each line of text (one name, or '\n'-separated names as stored), normalised, each
 * after a '\n': a word never spans two names, as no normalised word holds a '\n'. */
static void
append_normalized (GString       *haystack,
                   DramaNormText *norm,
                   const char    *text)
{
  const char *line = text;

  while (line != NULL && *line != '\0')
    {
      const char *end = strchr (line, '\n');
      gssize length = end != NULL ? end - line : -1;

      drama_norm_text_set (norm, line, length);
      g_string_append_c (haystack, '\n');
      g_string_append_len (haystack, norm->text, norm->len);
      line = end != NULL ? end + 1 : NULL;
    }
}

static gboolean
contains_all (const char *haystack,
              GPtrArray  *needles)
{
  for (guint i = 0; i < needles->len; i++)
    if (strstr (haystack, g_ptr_array_index (needles, i)) == NULL)
      return FALSE;
  return TRUE;
}

typedef struct {
  gint64   id;
  gboolean by_title;   /* every word in the show's own names */
  guint    order;      /* by title */
} Found;

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const Found *x = a, *y = b;

  if (x->by_title != y->by_title)
    return x->by_title ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

GArray *
drama_store_search_shows_by_terms (DramaStore          *self,
                                   const char * const  *terms,
                                   guint                limit,
                                   GError             **error)
{
  g_autoptr(GPtrArray) needles = normalize_terms (terms);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DramaNormText) norm = NULL;
  g_autoptr(GString) haystack = NULL;
  sqlite3_stmt *stmt;
  guint order = 0;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  if (needles->len == 0)
    return g_steal_pointer (&ids);

  norm = drama_norm_text_new ("", 0);
  haystack = g_string_sized_new (1024);
  _drama_store_lock (self);
  /* One row a show: its names, then its cast's names and aliases in one text (group_concat
   * of '\n'-separated lists stays a '\n'-separated list). The cast is grouped in one pass
   * over the credits: credits has no index by show, and a subquery per show read all of
   * them for each (a second on the large library). */
  stmt = _drama_store_prepare (self,
    "SELECT s.id, s.name, s.original_name, s.akas, s.aliases, c.names "
    "FROM shows s LEFT JOIN "
    "  (SELECT c.show_id, group_concat(p.name || IFNULL(char(10) || p.aliases, ''), char(10)) "
    "     AS names "
    "   FROM credits c JOIN people p ON p.id = c.person_id GROUP BY c.show_id) c "
    "  ON c.show_id = s.id "
    "WHERE s.removed_at = 0 ORDER BY s.name COLLATE NOCASE, s.id", error);
  if (stmt == NULL)
    {
      _drama_store_unlock (self);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Found hit = { sqlite3_column_int64 (stmt, 0), FALSE, order++ };

      g_string_truncate (haystack, 0);
      for (int column = 1; column <= 4; column++)
        append_normalized (haystack, norm, _drama_column_text (stmt, column));
      hit.by_title = contains_all (haystack->str, needles);
      if (!hit.by_title)
        {
          append_normalized (haystack, norm, _drama_column_text (stmt, 5));
          if (!contains_all (haystack->str, needles))
            continue;
        }
      g_array_append_val (found, hit);
    }
  sqlite3_reset (stmt);
  _drama_store_unlock (self);
  if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("could not search the shows"));
      return NULL;
    }

  g_array_sort (found, compare_found);
  for (guint i = 0; i < found->len && (limit == 0 || i < limit); i++)
    g_array_append_val (ids, g_array_index (found, Found, i).id);
  return g_steal_pointer (&ids);
}

GArray *
drama_store_list_shows_recent_article_ids (DramaStore    *self,
                                           const gint64  *show_ids,
                                           guint          n_ids,
                                           guint          limit,
                                           GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (show_ids != NULL || n_ids == 0, NULL);

  if (n_ids == 0 || limit == 0)
    return g_steal_pointer (&ids);

  /* The ids as a JSON array: one cached statement whatever their number. */
  list = g_string_new ("[");
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", show_ids[i]);
  g_string_append_c (list, ']');

  _drama_store_lock (self);
  /* The shows' own links (not their cast's), through the links' show index: a few hundred
   * articles a show, sorted, rather than the whole article list walked by date. */
  stmt = _drama_store_prepare (self,
    "SELECT a.id FROM articles a "
    "WHERE a.id IN (SELECT l.article_id FROM article_links l "
    "               WHERE l.show_id IN (SELECT value FROM json_each (?1))) "
    "ORDER BY a.published DESC, a.id LIMIT ?2", error);
  if (stmt == NULL)
    {
      _drama_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, list->str, (int) list->len, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  _drama_store_unlock (self);
  if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("could not list the articles"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}
