#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drama-store.h"
#include "drama-store-news-private.h"
#include "drama-store-private.h"

/* Feed rows with their derived counts. The counts come from one grouped pass over
 * articles (the UNIQUE (feed_id, guid) index serves the grouping). */
#define FEED_COLUMNS \
  "SELECT f.id, f.url, f.title, f.custom_title, f.site_url, f.etag, f.last_modified, " \
  "f.last_success, f.last_fetch, f.last_error, f.gone, f.retry_after, f.added_at, " \
  "f.full_articles, "
#define FEED_SELECT \
  FEED_COLUMNS \
  "COALESCE(c.unread, 0), COALESCE(c.total, 0) FROM feeds f LEFT JOIN " \
  "(SELECT feed_id, SUM(read = 0) AS unread, COUNT(*) AS total FROM articles GROUP BY feed_id) c " \
  "ON c.feed_id = f.id "

/* One feed: its counts from its own articles only. The grouped pass above reads every
 * article of the library, which a refresh that re-reads each feed it updated (200 feeds
 * into 100,000 articles) paid once per feed. */
#define FEED_SELECT_ONE \
  FEED_COLUMNS \
  "(SELECT COUNT(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0), " \
  "(SELECT COUNT(*) FROM articles a WHERE a.feed_id = f.id) FROM feeds f "

static DramaFeed *
feed_from_row (sqlite3_stmt *stmt)
{
  DramaFeed *feed = drama_feed_new ();

  drama_feed_set_id (feed, sqlite3_column_int64 (stmt, 0));
  drama_feed_set_url (feed, _drama_column_text (stmt, 1));
  drama_feed_set_title (feed, _drama_column_text (stmt, 2));
  drama_feed_set_custom_title (feed, _drama_column_text (stmt, 3));
  drama_feed_set_site_url (feed, _drama_column_text (stmt, 4));
  drama_feed_set_etag (feed, _drama_column_text (stmt, 5));
  drama_feed_set_last_modified (feed, _drama_column_text (stmt, 6));
  drama_feed_set_last_success (feed, sqlite3_column_int64 (stmt, 7));
  drama_feed_set_last_fetch (feed, sqlite3_column_int64 (stmt, 8));
  drama_feed_set_last_error (feed, _drama_column_text (stmt, 9));
  drama_feed_set_gone (feed, sqlite3_column_int (stmt, 10) != 0);
  drama_feed_set_retry_after (feed, sqlite3_column_int64 (stmt, 11));
  drama_feed_set_added_at (feed, sqlite3_column_int64 (stmt, 12));
  drama_feed_set_full_articles (feed, sqlite3_column_int (stmt, 13) != 0);
  drama_feed_set_unread_count (feed, sqlite3_column_int (stmt, 14));
  drama_feed_set_article_count (feed, sqlite3_column_int (stmt, 15));
  return feed;
}

static DramaFeed *
get_feed_locked (DramaStore  *self,
                 const char  *where_sql,
                 gint64       id,
                 const char  *url,
                 GError     **error)
{
  g_autofree char *sql = g_strconcat (FEED_SELECT_ONE, where_sql, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drama_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (url != NULL)
    _drama_bind_text (stmt, 1, url);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      DramaFeed *feed = feed_from_row (stmt);

      sqlite3_reset (stmt);
      return feed;
    }
  if (rc != SQLITE_DONE)
    _drama_store_set_error_from_code (self, error, rc, _("Could not read the feed"));
  sqlite3_reset (stmt);
  return NULL;
}

/* Inserts the feed row; EXISTS with a readable message when the url is taken. */
static gboolean
insert_feed_locked (DramaStore  *self,
                    DramaFeed   *feed,
                    gboolean     keep_id,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 added_at = drama_feed_get_added_at (feed);
  int rc;

  stmt = _drama_store_prepare (self,
                               "INSERT INTO feeds (id, url, title, custom_title, site_url, etag, "
                               "last_modified, last_success, last_fetch, last_error, gone, "
                               "retry_after, added_at, full_articles) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                               error);
  if (stmt == NULL)
    return FALSE;

  if (added_at == 0)
    added_at = g_get_real_time () / G_USEC_PER_SEC;
  if (keep_id && drama_feed_get_id (feed) > 0)
    sqlite3_bind_int64 (stmt, 1, drama_feed_get_id (feed));
  else
    sqlite3_bind_null (stmt, 1);
  _drama_bind_text (stmt, 2, drama_feed_get_url (feed));
  _drama_bind_text (stmt, 3, drama_feed_get_title (feed));
  _drama_bind_text (stmt, 4, drama_feed_get_custom_title (feed));
  _drama_bind_text (stmt, 5, drama_feed_get_site_url (feed));
  _drama_bind_text (stmt, 6, drama_feed_get_etag (feed));
  _drama_bind_text (stmt, 7, drama_feed_get_last_modified (feed));
  sqlite3_bind_int64 (stmt, 8, drama_feed_get_last_success (feed));
  sqlite3_bind_int64 (stmt, 9, drama_feed_get_last_fetch (feed));
  _drama_bind_text (stmt, 10, drama_feed_get_last_error (feed));
  sqlite3_bind_int (stmt, 11, drama_feed_get_gone (feed) ? 1 : 0);
  sqlite3_bind_int64 (stmt, 12, drama_feed_get_retry_after (feed));
  sqlite3_bind_int64 (stmt, 13, added_at);
  sqlite3_bind_int (stmt, 14, drama_feed_get_full_articles (feed) ? 1 : 0);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT && keep_id && drama_feed_get_id (feed) > 0)
    {
      g_autoptr(DramaFeed) same_url = get_feed_locked (self, "WHERE f.url = ?1", 0,
                                                       drama_feed_get_url (feed), NULL);

      /* The id was taken by a newer feed, not the url: restore under a new id. */
      if (same_url == NULL)
        return insert_feed_locked (self, feed, FALSE, error);
    }
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_EXISTS,
                   _("You are already subscribed to this feed"));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("Could not save the feed"));
      return FALSE;
    }

  drama_feed_set_id (feed, sqlite3_last_insert_rowid (_drama_store_get_db (self)));
  drama_feed_set_added_at (feed, added_at);
  return TRUE;
}

static void
notify_feed (DramaStore        *self,
             DramaChangeReason  reason,
             DramaFeed         *feed)
{
  gint64 id = drama_feed_get_id (feed);

  _drama_store_notify (self, DRAMA_CHANGE_FEED, reason, 0, &id, 1);
}

DramaFeed *
drama_store_add_feed (DramaStore  *self,
                      const char  *url,
                      const char  *title,
                      GError     **error)
{
  g_autoptr(DramaFeed) feed = NULL;
  gboolean ok;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  feed = drama_feed_new ();
  drama_feed_set_url (feed, url);
  drama_feed_set_title (feed, title);

  _drama_store_lock (self);
  ok = insert_feed_locked (self, feed, FALSE, error);
  _drama_store_unlock (self);

  if (!ok)
    return NULL;
  notify_feed (self, DRAMA_CHANGE_ADDED, feed);
  return g_steal_pointer (&feed);
}

gboolean
drama_store_add_feed_with_articles (DramaStore  *self,
                                    DramaFeed   *feed,
                                    GPtrArray   *articles,
                                    GArray     **new_ids,
                                    GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = NULL;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRAMA_IS_FEED (feed), FALSE);
  g_return_val_if_fail (drama_feed_get_url (feed) != NULL, FALSE);

  if (articles != NULL)
    texts = _drama_articles_make_texts (articles);
  _drama_store_lock (self);
  if (!_drama_store_begin (self, error))
    goto fail;
  if (!insert_feed_locked (self, feed, FALSE, error))
    goto rollback;
  if (articles != NULL &&
      !_drama_store_save_articles_locked (self, drama_feed_get_id (feed), articles, texts, ids,
                                          error))
    goto rollback;
  /* A failed commit has rolled back. */
  if (!_drama_store_commit (self, error))
    goto fail;
  _drama_store_unlock (self);

  notify_feed (self, DRAMA_CHANGE_ADDED, feed);
  if (ids->len > 0)
    _drama_store_notify_array (self, DRAMA_CHANGE_ARTICLE, DRAMA_CHANGE_ADDED, 0, ids);
  if (new_ids != NULL)
    *new_ids = g_steal_pointer (&ids);
  return TRUE;

rollback:
  _drama_store_rollback (self);
fail:
  _drama_store_unlock (self);
  /* Nothing was stored: don't leave an id pointing at no row. */
  drama_feed_set_id (feed, 0);
  return FALSE;
}

GPtrArray *
drama_store_list_feeds (DramaStore  *self,
                        GError     **error)
{
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self,
                               FEED_SELECT
                               "ORDER BY COALESCE(NULLIF(f.custom_title, ''), NULLIF(f.title, ''), "
                               "f.url) COLLATE NOCASE, f.id",
                               error);
  if (stmt == NULL)
    {
      _drama_store_unlock (self);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (feeds, feed_from_row (stmt));
  if (rc != SQLITE_DONE)
    _drama_store_set_error_from_code (self, error, rc, _("Could not read the feeds"));
  sqlite3_reset (stmt);
  _drama_store_unlock (self);

  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&feeds);
}

DramaFeed *
drama_store_get_feed (DramaStore  *self,
                      gint64       feed_id,
                      GError     **error)
{
  GError *local_error = NULL;
  DramaFeed *feed;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  feed = get_feed_locked (self, "WHERE f.id = ?1", feed_id, NULL, &local_error);
  _drama_store_unlock (self);

  if (feed == NULL && local_error == NULL)
    g_set_error (&local_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND,
                 _("This feed is no longer in your library"));
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return feed;
}

DramaFeed *
drama_store_find_feed_by_url (DramaStore  *self,
                              const char  *url,
                              GError     **error)
{
  DramaFeed *feed;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  _drama_store_lock (self);
  feed = get_feed_locked (self, "WHERE f.url = ?1", 0, url, error);
  _drama_store_unlock (self);
  return feed;
}

/* Runs one UPDATE/DELETE on a feed row; NOT_FOUND when no row was touched. */
static gboolean
write_feed_row_locked (DramaStore   *self,
                       sqlite3_stmt *stmt,
                       const char   *what,
                       GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_EXISTS,
                   _("You are already subscribed to this feed"));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, what);
      return FALSE;
    }
  if (sqlite3_changes (_drama_store_get_db (self)) == 0)
    {
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND,
                   _("This feed is no longer in your library"));
      return FALSE;
    }
  return TRUE;
}

gboolean
drama_store_rename_feed (DramaStore  *self,
                         gint64       feed_id,
                         const char  *custom_title,
                         GError     **error)
{
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  if (custom_title != NULL)
    title = g_strstrip (g_strdup (custom_title));

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "UPDATE feeds SET custom_title = ?2 WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, feed_id);
      _drama_bind_text (stmt, 2, title != NULL && *title != '\0' ? title : NULL);
      ok = write_feed_row_locked (self, stmt, _("Could not rename the feed"), error);
    }
  _drama_store_unlock (self);

  /* Articles show their feed's title: article lists listen to feed changes too. */
  if (ok)
    _drama_store_notify (self, DRAMA_CHANGE_FEED, DRAMA_CHANGE_UPDATED, 0, &feed_id, 1);
  return ok;
}

gboolean
drama_store_set_feed_full_articles (DramaStore  *self,
                                    gint64       feed_id,
                                    gboolean     full_articles,
                                    GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "UPDATE feeds SET full_articles = ?2 WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, feed_id);
      sqlite3_bind_int (stmt, 2, full_articles ? 1 : 0);
      ok = write_feed_row_locked (self, stmt, _("Could not change the feed's setting"), error);
    }
  _drama_store_unlock (self);
  if (ok)
    _drama_store_notify (self, DRAMA_CHANGE_FEED, DRAMA_CHANGE_UPDATED, 0, &feed_id, 1);
  return ok;
}

gboolean
drama_store_remove_feed (DramaStore  *self,
                         gint64       feed_id,
                         DramaFeed  **feed_out,
                         GPtrArray  **articles_out,
                         GError     **error)
{
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  _drama_store_lock (self);
  if (!_drama_store_begin (self, error))
    {
      _drama_store_unlock (self);
      return FALSE;
    }

  feed = get_feed_locked (self, "WHERE f.id = ?1", feed_id, NULL, &local_error);
  if (feed == NULL)
    {
      if (local_error == NULL)
        g_set_error (&local_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND,
                     _("This feed is no longer in your library"));
      goto rollback;
    }
  if (articles_out != NULL)
    {
      articles = _drama_store_list_feed_articles_locked (self, feed_id, &local_error);
      if (articles == NULL)
        goto rollback;
    }

  stmt = _drama_store_prepare (self, "DELETE FROM feeds WHERE id = ?1", &local_error);
  if (stmt == NULL)
    goto rollback;
  sqlite3_bind_int64 (stmt, 1, feed_id);
  if (!write_feed_row_locked (self, stmt, _("Could not remove the feed"), &local_error))
    goto rollback;
  /* A failed commit has rolled back. */
  if (!_drama_store_commit (self, &local_error))
    goto fail;
  _drama_store_unlock (self);

  /* Its articles and their links went with it (ON DELETE CASCADE). */
  _drama_store_notify (self, DRAMA_CHANGE_FEED, DRAMA_CHANGE_REMOVED, 0, &feed_id, 1);
  _drama_store_notify (self, DRAMA_CHANGE_ARTICLE, DRAMA_CHANGE_REMOVED, 0, NULL, 0);
  if (feed_out != NULL)
    *feed_out = g_steal_pointer (&feed);
  if (articles_out != NULL)
    *articles_out = g_steal_pointer (&articles);
  return TRUE;

rollback:
  _drama_store_rollback (self);
fail:
  _drama_store_unlock (self);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
drama_store_restore_feed (DramaStore  *self,
                          DramaFeed   *feed,
                          GPtrArray   *articles,
                          GArray     **restored_ids,
                          GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = NULL;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRAMA_IS_FEED (feed), FALSE);

  if (articles != NULL)
    texts = _drama_articles_make_texts (articles);
  _drama_store_lock (self);
  if (!_drama_store_begin (self, error))
    {
      _drama_store_unlock (self);
      return FALSE;
    }
  if (!insert_feed_locked (self, feed, TRUE, error) ||
      (articles != NULL &&
       !_drama_store_restore_articles_locked (self, drama_feed_get_id (feed), articles, texts,
                                              ids, error)))
    {
      _drama_store_rollback (self);
      _drama_store_unlock (self);
      return FALSE;
    }
  /* A failed commit has rolled back. */
  if (!_drama_store_commit (self, error))
    {
      _drama_store_unlock (self);
      return FALSE;
    }
  _drama_store_unlock (self);

  notify_feed (self, DRAMA_CHANGE_ADDED, feed);
  _drama_store_notify_array (self, DRAMA_CHANGE_ARTICLE, DRAMA_CHANGE_ADDED, 0, ids);
  if (restored_ids != NULL)
    *restored_ids = g_steal_pointer (&ids);
  return TRUE;
}

gboolean
drama_store_update_feed_state (DramaStore  *self,
                               DramaFeed   *feed,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRAMA_IS_FEED (feed), FALSE);
  g_return_val_if_fail (drama_feed_get_url (feed) != NULL, FALSE);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self,
                               "UPDATE feeds SET url = ?2, title = ?3, site_url = ?4, etag = ?5, "
                               "last_modified = ?6, last_success = ?7, last_fetch = ?8, "
                               "last_error = ?9, gone = ?10, retry_after = ?11 WHERE id = ?1",
                               error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, drama_feed_get_id (feed));
      _drama_bind_text (stmt, 2, drama_feed_get_url (feed));
      _drama_bind_text (stmt, 3, drama_feed_get_title (feed));
      _drama_bind_text (stmt, 4, drama_feed_get_site_url (feed));
      _drama_bind_text (stmt, 5, drama_feed_get_etag (feed));
      _drama_bind_text (stmt, 6, drama_feed_get_last_modified (feed));
      sqlite3_bind_int64 (stmt, 7, drama_feed_get_last_success (feed));
      sqlite3_bind_int64 (stmt, 8, drama_feed_get_last_fetch (feed));
      _drama_bind_text (stmt, 9, drama_feed_get_last_error (feed));
      sqlite3_bind_int (stmt, 10, drama_feed_get_gone (feed) ? 1 : 0);
      sqlite3_bind_int64 (stmt, 11, drama_feed_get_retry_after (feed));
      ok = write_feed_row_locked (self, stmt, _("Could not save the feed"), error);
    }
  _drama_store_unlock (self);

  if (ok)
    notify_feed (self, DRAMA_CHANGE_UPDATED, feed);
  return ok;
}
