/* drama-store-full.c: reader mode's side of the library. An article's own page, extracted
 * and sanitised (DramaArticleLoader), is kept beside the feed's copy (articles.full_content):
 * the reader shows it, and its words become the article's text, so search finds them and
 * the matcher links by them. A failed load keeps why, in words (full_error), and the
 * summary stays. */
#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drama-store.h"
#include "drama-store-news-private.h"
#include "drama-store-private.h"

/* One UPDATE of one article; NOT_FOUND when it is gone. */
static gboolean
update_article (DramaStore   *self,
                const char   *sql,
                gint64        article_id,
                const char   *first,
                const char   *second,
                GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, article_id);
      _drama_bind_text (stmt, 2, first);
      _drama_bind_text (stmt, 3, second);
      ok = _drama_store_step_done (self, stmt, _("Could not save the article"), error);
      sqlite3_reset (stmt);
      if (ok && sqlite3_changes (_drama_store_get_db (self)) == 0)
        {
          _drama_set_not_found (error, _("This article is no longer in your library"));
          ok = FALSE;
        }
    }
  _drama_store_unlock (self);
  if (ok)
    _drama_store_notify (self, DRAMA_CHANGE_ARTICLE, DRAMA_CHANGE_UPDATED, 0, &article_id, 1);
  return ok;
}

gboolean
drama_store_set_article_full (DramaStore  *self,
                              gint64       article_id,
                              const char  *full_html,
                              const char  *text,
                              GError     **error)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (full_html != NULL && text != NULL, FALSE);

  /* The text's triggers keep the search index right (outside a batch of ours). */
  return update_article (self,
                         "UPDATE articles SET full_content = ?2, text = ?3, full_error = NULL"
                         " WHERE id = ?1",
                         article_id, full_html, text, error);
}

gboolean
drama_store_set_article_full_error (DramaStore  *self,
                                    gint64       article_id,
                                    const char  *message,
                                    GError     **error)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  return update_article (self, "UPDATE articles SET full_error = ?2 WHERE id = ?1",
                         article_id, message, NULL, error);
}

GArray *
drama_store_list_articles_to_load (DramaStore    *self,
                                   const gint64  *article_ids,
                                   guint          n_ids,
                                   GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *json = _drama_ids_to_json (article_ids, n_ids);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self,
    "SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id"
    " WHERE a.id IN (SELECT value FROM json_each (?1)) AND f.full_articles != 0"
    " AND a.full_content IS NULL AND a.full_error IS NULL AND IFNULL (a.link, '') != ''"
    " ORDER BY a.published DESC, a.id", error);
  if (stmt != NULL)
    {
      _drama_bind_text (stmt, 1, json);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      sqlite3_reset (stmt);
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("Could not read the articles"));
    }
  _drama_store_unlock (self);
  return ok ? g_steal_pointer (&ids) : NULL;
}

GArray *
drama_store_list_feed_articles_to_load (DramaStore  *self,
                                        gint64       feed_id,
                                        guint        limit,
                                        GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self,
    "SELECT id FROM articles WHERE feed_id = ?1 AND full_content IS NULL"
    " AND full_error IS NULL AND IFNULL (link, '') != ''"
    " ORDER BY published DESC, id LIMIT ?2", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, feed_id);
      sqlite3_bind_int64 (stmt, 2, limit);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      sqlite3_reset (stmt);
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("Could not read the articles"));
    }
  _drama_store_unlock (self);
  return ok ? g_steal_pointer (&ids) : NULL;
}
