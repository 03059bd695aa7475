#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drama-store-private.h"
#include "drama-store.h"

/* Which articles a list shows, newest first: by filter (the unread, the starred, a feed's,
 * a show's, a person's…), by what the user typed in the search (the full-text index), or
 * both; and the search of the desktop's article results. */

/* articles_fts (schema version 5, see drama-store-schema.c) indexes the title and the plain
 * text of summary and content (articles.text), never the HTML markup, under a sort key as
 * rowid.
 *
 * Free user input → an FTS5 expression that cannot be a syntax error: every word becomes
 * a quoted string (inner quotes doubled) marked as a prefix, words joined by AND.
 * Words with nothing to index ("-", a lone quote) are dropped; NULL when none is left. */
static char *
build_match_expression (const char *text)
{
  g_auto(GStrv) words = NULL;
  GString *expr;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  words = g_strsplit_set (text, " \t\r\n", -1);
  expr = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean indexable = FALSE;

      for (const char *p = words[i]; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (g_unichar_isalnum (g_utf8_get_char (p)))
            {
              indexable = TRUE;
              break;
            }
        }
      if (!indexable)
        continue;

      if (expr->len > 0)
        g_string_append_c (expr, ' ');
      g_string_append_c (expr, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (expr, '"');
          g_string_append_c (expr, *p);
        }
      g_string_append (expr, "\"*");
    }

  if (expr->len == 0)
    {
      g_string_free (expr, TRUE);
      return NULL;
    }
  return g_string_free (expr, FALSE);
}

/* WHERE clause for a filter: ?1 is the feed/show/person id, ?2 the match expression. */
static const char *
filter_condition (DramaArticleFilter filter)
{
  switch (filter)
    {
    case DRAMA_ARTICLE_FILTER_UNREAD:
      return "a.read = 0";
    case DRAMA_ARTICLE_FILTER_STARRED:
      return "a.starred = 1";
    case DRAMA_ARTICLE_FILTER_FEED:
      return "a.feed_id = ?1";
    case DRAMA_ARTICLE_FILTER_MY_SHOWS:
      return "EXISTS (SELECT 1 FROM article_links l WHERE l.article_id = a.id AND "
             "(l.show_id IN (SELECT id FROM shows WHERE removed_at = 0) OR "
             "l.person_id IN (SELECT c.person_id FROM credits c JOIN shows s ON s.id = c.show_id "
             "WHERE s.removed_at = 0)))";
    case DRAMA_ARTICLE_FILTER_SHOW:
      return "EXISTS (SELECT 1 FROM article_links l WHERE l.article_id = a.id AND "
             "(l.show_id = ?1 OR l.person_id IN (SELECT person_id FROM credits WHERE show_id = ?1)))";
    case DRAMA_ARTICLE_FILTER_PERSON:
      return "EXISTS (SELECT 1 FROM article_links l WHERE l.article_id = a.id AND l.person_id = ?1)";
    case DRAMA_ARTICLE_FILTER_ALL:
    default:
      return "1";
    }
}

/* The search: the full-text index is read newest first (its rowid is the sort key, see
 * drama-store-private.h), so there is nothing to sort, and the ALL list needs nothing else.
 * The other filters and the read flags must not look up each match's row: an article's row
 * is large, the flags sit at its end, often on an overflow page, and a common word matches
 * most of the library. Measured on 100,000 articles (tests/bench/bench-search.c), each
 * filter takes the cheapest of: the articles_published index for the read flag (it holds
 * published, id and read: one lookup by the key's date and id), the filter's own small list
 * of ids, read once through an index (FEED, SHOW, PERSON), or a link lookup per match
 * (MY_SHOWS, whose list would be most of the library). STARRED has no index: its flag is
 * read from the rows of the matches, in id order (neighbouring rows share pages), and only
 * the starred ones are sorted. */
#define SEARCH_ID DRAMA_STORE_FTS_ID ("f.rowid")
#define SEARCH_PUBLISHED "(f.rowid >> 31)"
static char *
search_sql (DramaArticleFilter  filter,
            gboolean            with_read)
{
  const char *condition;
  gboolean join = with_read || filter == DRAMA_ARTICLE_FILTER_UNREAD;

  switch (filter)
    {
    case DRAMA_ARTICLE_FILTER_UNREAD:
      condition = "a.read = 0";
      break;
    case DRAMA_ARTICLE_FILTER_STARRED:
      return g_strdup ("SELECT a.id, a.read FROM articles a WHERE a.starred = 1 AND a.id IN "
                       "(SELECT " DRAMA_STORE_FTS_ID ("rowid") " FROM articles_fts "
                       "WHERE articles_fts MATCH ?2) ORDER BY " DRAMA_STORE_FTS_KEY ("a") " DESC");
    case DRAMA_ARTICLE_FILTER_FEED:
      condition = SEARCH_ID " IN (SELECT id FROM articles WHERE feed_id = ?1)";
      break;
    case DRAMA_ARTICLE_FILTER_MY_SHOWS:
      condition = "EXISTS (SELECT 1 FROM article_links l INDEXED BY article_links_article "
                  "WHERE l.article_id = " SEARCH_ID " AND "
                  "(l.show_id IN (SELECT id FROM shows WHERE removed_at = 0) OR "
                  "l.person_id IN (SELECT c.person_id FROM credits c JOIN shows s ON s.id = c.show_id "
                  "WHERE s.removed_at = 0)))";
      break;
    case DRAMA_ARTICLE_FILTER_SHOW:
      condition = SEARCH_ID " IN (SELECT article_id FROM article_links WHERE show_id = ?1 "
                  "UNION ALL SELECT l.article_id FROM credits c "
                  "JOIN article_links l ON l.person_id = c.person_id WHERE c.show_id = ?1)";
      break;
    case DRAMA_ARTICLE_FILTER_PERSON:
      condition = SEARCH_ID " IN (SELECT article_id FROM article_links WHERE person_id = ?1)";
      break;
    case DRAMA_ARTICLE_FILTER_ALL:
    default:
      condition = "1";
      break;
    }

  if (!join)
    return g_strdup_printf ("SELECT " SEARCH_ID " FROM articles_fts f "
                            "WHERE f.articles_fts MATCH ?2 AND %s ORDER BY f.rowid DESC",
                            condition);
  /* By the key's date and id in the index that holds the read flag. The key clamps dates
   * (before 1970, after 2106): those look through all the articles of their end. */
  return g_strdup_printf ("SELECT a.id, a.read FROM articles_fts f "
                          "JOIN articles a INDEXED BY articles_published ON a.published "
                          "BETWEEN CASE WHEN " SEARCH_PUBLISHED " = 0 THEN -9223372036854775807 "
                          "ELSE " SEARCH_PUBLISHED " END "
                          "AND CASE WHEN " SEARCH_PUBLISHED " = 4294967295 THEN 9223372036854775807 "
                          "ELSE " SEARCH_PUBLISHED " END "
                          "AND a.id = " SEARCH_ID " "
                          "WHERE f.articles_fts MATCH ?2 AND %s ORDER BY f.rowid DESC",
                          condition);
}

GArray *
_drama_store_list_article_ids_locked (DramaStore          *self,
                                      DramaArticleFilter   filter,
                                      gint64               filter_id,
                                      const char          *search,
                                      const char          *extra,
                                      GArray             **read_flags,
                                      GError             **error)
{
  g_autofree char *match = build_match_expression (search);
  g_autofree char *sql = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) flags = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* No caller adds a condition to a search. */
  g_assert (match == NULL || extra == NULL);

  if (match != NULL)
    sql = search_sql (filter, read_flags != NULL);
  /* Ties (a batch of undated entries all dated by their fetch) keep the feed's own order,
   * which is insertion order; and (published DESC, id ASC) is exactly the order of the
   * articles_published index, so listing 100,000 ids needs no sort. The index also holds the
   * read flag (migration 4), so the UNREAD and ALL lists are read from the index alone. */
  else
    sql = g_strdup_printf ("SELECT a.id%s FROM articles a WHERE %s%s%s "
                           "ORDER BY a.published DESC, a.id ASC",
                           read_flags != NULL ? ", a.read" : "",
                           filter_condition (filter),
                           extra != NULL ? " AND " : "",
                           extra != NULL ? extra : "");
  stmt = _drama_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_bind_parameter_index (stmt, "?1") > 0)
    sqlite3_bind_int64 (stmt, 1, filter_id);
  if (match != NULL)
    _drama_bind_text (stmt, 2, match);

  if (read_flags != NULL)
    flags = g_array_new (FALSE, FALSE, sizeof (guint8));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      if (flags != NULL)
        {
          guint8 read = sqlite3_column_int (stmt, 1) != 0;

          g_array_append_val (flags, read);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("Could not read the articles"));
      return NULL;
    }
  if (read_flags != NULL)
    *read_flags = g_steal_pointer (&flags);
  return g_steal_pointer (&ids);
}

GArray *
drama_store_list_article_ids (DramaStore          *self,
                              DramaArticleFilter   filter,
                              gint64               filter_id,
                              const char          *search,
                              GArray             **read_flags,
                              GError             **error)
{
  GArray *ids;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  ids = _drama_store_list_article_ids_locked (self, filter, filter_id, search, NULL,
                                               read_flags, error);
  _drama_store_unlock (self);
  return ids;
}

GPtrArray *
drama_store_search_articles (DramaStore  *self,
                             const char  *text,
                             guint        limit,
                             GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  /* Nothing searchable typed: no results rather than every article. */
  match = build_match_expression (text);
  if (match == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  /* The newest limit matches straight from the index, however many there are. */
  _drama_store_lock (self);
  stmt = _drama_store_prepare (self,
                               "SELECT " DRAMA_STORE_FTS_ID ("rowid") " FROM articles_fts "
                               "WHERE articles_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
                               error);
  if (stmt == NULL)
    {
      _drama_store_unlock (self);
      return NULL;
    }
  _drama_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _drama_store_set_error_from_code (self, error, rc, _("Could not read the articles"));
  _drama_store_unlock (self);

  if (rc != SQLITE_DONE)
    return NULL;
  return drama_store_get_articles (self, (const gint64 *) (gpointer) ids->data, ids->len, error);
}
