#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drama-html.h"
#include "drama-store.h"
#include "drama-store-news-private.h"
#include "drama-store-private.h"

DramaArticle *
_drama_article_from_row (sqlite3_stmt *stmt)
{
  DramaArticle *article = drama_article_new ();

  drama_article_set_id (article, sqlite3_column_int64 (stmt, 0));
  drama_article_set_feed_id (article, sqlite3_column_int64 (stmt, 1));
  drama_article_set_feed_title (article, _drama_column_text (stmt, 2));
  drama_article_set_guid (article, _drama_column_text (stmt, 3));
  drama_article_set_title (article, _drama_column_text (stmt, 4));
  drama_article_set_link (article, _drama_column_text (stmt, 5));
  drama_article_set_author (article, _drama_column_text (stmt, 6));
  drama_article_set_summary (article, _drama_column_text (stmt, 7));
  drama_article_set_content (article, _drama_column_text (stmt, 8));
  drama_article_set_image (article, _drama_column_text (stmt, 9));
  drama_article_set_published (article, sqlite3_column_int64 (stmt, 10));
  drama_article_set_updated (article, sqlite3_column_int64 (stmt, 11));
  drama_article_set_fetched_at (article, sqlite3_column_int64 (stmt, 12));
  drama_article_set_read (article, sqlite3_column_int (stmt, 13) != 0);
  drama_article_set_starred (article, sqlite3_column_int (stmt, 14) != 0);
  drama_article_set_feed_url (article, _drama_column_text (stmt, 15));
  drama_article_set_full_content (article, _drama_column_text (stmt, 16));
  drama_article_set_full_error (article, _drama_column_text (stmt, 17));
  return article;
}

/* The dedup key when a feed gives an entry no id: its link, else its title and date. */
static char *
derive_guid (DramaArticle *article)
{
  const char *guid = drama_article_get_guid (article);
  const char *link = drama_article_get_link (article);
  const char *title = drama_article_get_title (article);

  if (guid != NULL && *guid != '\0')
    return g_strdup (guid);
  if (link != NULL && *link != '\0')
    return g_strdup (link);
  return g_strdup_printf ("%s|%" G_GINT64_FORMAT, title != NULL ? title : "",
                          drama_article_get_published (article));
}

/* Queues the indexed columns of an article just written: never a NULL text from us, or the
 * article would wait for drama_store_upgrade_step () to be found. The public callers made
 * the texts before locking. */
static gboolean
queue_article_text (DramaStore    *self,
                    DramaArticle  *article,
                    gint64         published,
                    GPtrArray     *texts,
                    guint          i,
                    GError       **error)
{
  g_autofree char *made = NULL;
  const char *text = drama_article_get_text (article);

  if (text == NULL && texts != NULL)
    text = g_ptr_array_index (texts, i);
  if (text == NULL)
    text = made = drama_html_article_text (drama_article_get_summary (article),
                                           drama_article_get_content (article));
  return _drama_store_queue_text_locked (self, drama_article_get_id (article),
                                         drama_article_get_title (article), text, published,
                                         error);
}

static void
add_unique_id (GArray     *ids,
               GHashTable *seen,
               gint64      id)
{
  if (ids == NULL || g_hash_table_contains (seen, &id))
    return;
  g_array_append_val (ids, id);
  g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
}

gboolean
_drama_store_save_articles_locked (DramaStore  *self,
                                   gint64       feed_id,
                                   GPtrArray   *articles,
                                   GPtrArray   *texts,
                                   GArray      *new_ids,
                                   GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);
      g_autofree char *guid = derive_guid (article);
      sqlite3_stmt *stmt;
      gint64 fetched_at = drama_article_get_fetched_at (article);
      gint64 published = drama_article_get_published (article);
      gboolean inserted = FALSE;
      g_autofree char *full_text = NULL;
      int rc;

      if (fetched_at == 0)
        fetched_at = now;

      stmt = _drama_store_prepare (self,
                                   "SELECT id, title, link, author, summary, content, image, "
                                   "published, updated, read, starred, fetched_at, full_content "
                                   "FROM articles WHERE feed_id = ?1 AND guid = ?2",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, feed_id);
      _drama_bind_text (stmt, 2, guid);
      rc = sqlite3_step (stmt);

      if (rc == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          gboolean changed;

          /* An entry without a date of its own keeps the date it got when first seen,
           * so it does not jump to the top of the list on every refresh. */
          if (published == 0)
            published = sqlite3_column_int64 (stmt, 7);

          changed = g_strcmp0 (_drama_column_text (stmt, 1), drama_article_get_title (article)) != 0 ||
                    g_strcmp0 (_drama_column_text (stmt, 2), drama_article_get_link (article)) != 0 ||
                    g_strcmp0 (_drama_column_text (stmt, 3), drama_article_get_author (article)) != 0 ||
                    g_strcmp0 (_drama_column_text (stmt, 4), drama_article_get_summary (article)) != 0 ||
                    g_strcmp0 (_drama_column_text (stmt, 5), drama_article_get_content (article)) != 0 ||
                    g_strcmp0 (_drama_column_text (stmt, 6), drama_article_get_image (article)) != 0 ||
                    sqlite3_column_int64 (stmt, 7) != published ||
                    sqlite3_column_int64 (stmt, 8) != drama_article_get_updated (article);

          /* Hand back what is stored, never what the feed said, for the user's marks. */
          drama_article_set_read (article, sqlite3_column_int (stmt, 9) != 0);
          drama_article_set_starred (article, sqlite3_column_int (stmt, 10) != 0);
          drama_article_set_fetched_at (article, sqlite3_column_int64 (stmt, 11));
          /* Reader mode loaded the article's page: its words stay the article's text
           * (with the new summary), whatever the feed's copy now says. Rare: parsed here. */
          if (changed && sqlite3_column_type (stmt, 12) != SQLITE_NULL)
            {
              const char *summary = drama_article_get_summary (article);
              g_autofree char *summary_text = summary != NULL ? drama_html_to_text (summary) : NULL;
              g_autofree char *page_text = drama_html_to_text (_drama_column_text (stmt, 12));

              full_text = drama_html_join_text (summary_text, page_text);
            }
          sqlite3_reset (stmt);

          drama_article_set_id (article, id);
          drama_article_set_guid (article, guid);
          drama_article_set_published (article, published);
          if (!changed)
            continue;

          /* Title, date and text (the indexed columns) are queued and set by the batch. */
          stmt = _drama_store_prepare (self,
                                       "UPDATE articles SET link = ?3, author = ?4, "
                                       "summary = ?5, content = ?6, image = ?7, "
                                       "updated = ?9 WHERE id = ?1",
                                       error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
        }
      else if (rc == SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          if (published == 0)
            published = fetched_at;
          stmt = _drama_store_prepare (self,
                                       "INSERT INTO articles (title, link, author, summary, content, "
                                       "image, published, updated, feed_id, guid, fetched_at) "
                                       "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                       error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 10, feed_id);
          _drama_bind_text (stmt, 11, guid);
          sqlite3_bind_int64 (stmt, 12, fetched_at);
          inserted = TRUE;
        }
      else
        {
          sqlite3_reset (stmt);
          _drama_store_set_error_from_code (self, error, rc, _("Could not save the articles"));
          return FALSE;
        }

      if (inserted)
        _drama_bind_text (stmt, 2, drama_article_get_title (article));
      _drama_bind_text (stmt, 3, drama_article_get_link (article));
      _drama_bind_text (stmt, 4, drama_article_get_author (article));
      _drama_bind_text (stmt, 5, drama_article_get_summary (article));
      _drama_bind_text (stmt, 6, drama_article_get_content (article));
      _drama_bind_text (stmt, 7, drama_article_get_image (article));
      if (inserted)
        sqlite3_bind_int64 (stmt, 8, published);
      sqlite3_bind_int64 (stmt, 9, drama_article_get_updated (article));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _drama_store_set_error_from_code (self, error, rc, _("Could not save the articles"));
          return FALSE;
        }

      if (inserted)
        {
          drama_article_set_id (article, sqlite3_last_insert_rowid (_drama_store_get_db (self)));
          drama_article_set_feed_id (article, feed_id);
          drama_article_set_guid (article, guid);
          drama_article_set_published (article, published);
          drama_article_set_fetched_at (article, fetched_at);
        }
      if (full_text != NULL
            ? !_drama_store_queue_text_locked (self, drama_article_get_id (article),
                                               drama_article_get_title (article), full_text,
                                               published, error)
            : !queue_article_text (self, article, published, texts, i, error))
        return FALSE;
      add_unique_id (new_ids, seen, drama_article_get_id (article));
    }

  return _drama_store_flush_texts_locked (self, error);
}

gboolean
_drama_store_restore_articles_locked (DramaStore  *self,
                                      gint64       feed_id,
                                      GPtrArray   *articles,
                                      GPtrArray   *texts,
                                      GArray      *restored_ids,
                                      GError     **error)
{
  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);
      g_autofree char *guid = derive_guid (article);
      gboolean keep_id = drama_article_get_id (article) > 0;
      sqlite3_stmt *stmt;
      gint64 id;
      int rc;

    again:
      stmt = _drama_store_prepare (self,
                                   "INSERT INTO articles (id, feed_id, guid, title, link, author, "
                                   "summary, content, image, published, updated, fetched_at, read, "
                                   "starred, full_content, full_error) VALUES (?1, ?2, ?3, ?4, ?5, "
                                   "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
                                   "ON CONFLICT (feed_id, guid) DO NOTHING",
                                   error);
      if (stmt == NULL)
        return FALSE;
      if (keep_id)
        sqlite3_bind_int64 (stmt, 1, drama_article_get_id (article));
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, feed_id);
      _drama_bind_text (stmt, 3, guid);
      _drama_bind_text (stmt, 4, drama_article_get_title (article));
      _drama_bind_text (stmt, 5, drama_article_get_link (article));
      _drama_bind_text (stmt, 6, drama_article_get_author (article));
      _drama_bind_text (stmt, 7, drama_article_get_summary (article));
      _drama_bind_text (stmt, 8, drama_article_get_content (article));
      _drama_bind_text (stmt, 9, drama_article_get_image (article));
      sqlite3_bind_int64 (stmt, 10, drama_article_get_published (article));
      sqlite3_bind_int64 (stmt, 11, drama_article_get_updated (article));
      sqlite3_bind_int64 (stmt, 12, drama_article_get_fetched_at (article));
      sqlite3_bind_int (stmt, 13, drama_article_get_read (article) ? 1 : 0);
      sqlite3_bind_int (stmt, 14, drama_article_get_starred (article) ? 1 : 0);
      /* Reader mode's page too: its words are the text put back with the article. */
      _drama_bind_text (stmt, 15, drama_article_get_full_content (article));
      _drama_bind_text (stmt, 16, drama_article_get_full_error (article));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);

      /* Its old id went to a newer article meanwhile: take a fresh one. */
      if (rc == SQLITE_CONSTRAINT && keep_id)
        {
          keep_id = FALSE;
          goto again;
        }
      if (rc != SQLITE_DONE)
        {
          _drama_store_set_error_from_code (self, error, rc, _("Could not restore the articles"));
          return FALSE;
        }
      if (sqlite3_changes (_drama_store_get_db (self)) == 0)
        continue;

      id = sqlite3_last_insert_rowid (_drama_store_get_db (self));
      drama_article_set_id (article, id);
      drama_article_set_feed_id (article, feed_id);
      if (!queue_article_text (self, article, drama_article_get_published (article), texts, i,
                               error))
        return FALSE;
      if (restored_ids != NULL)
        g_array_append_val (restored_ids, id);
    }
  return _drama_store_flush_texts_locked (self, error);
}

GPtrArray *
_drama_store_list_feed_articles_locked (DramaStore  *self,
                                        gint64       feed_id,
                                        GError     **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  /* With their text, so that putting them back (Undo) parses nothing. */
  stmt = _drama_store_prepare (self,
                               "SELECT " DRAMA_ARTICLE_COLUMNS ", a.text " DRAMA_ARTICLE_FROM
                               "WHERE a.feed_id = ?1 ORDER BY a.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, feed_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DramaArticle *article = _drama_article_from_row (stmt);

      drama_article_set_text (article, _drama_column_text (stmt, DRAMA_ARTICLE_N_COLUMNS));
      g_ptr_array_add (articles, article);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("Could not read the articles"));
      return NULL;
    }
  return g_steal_pointer (&articles);
}

gboolean
drama_store_save_articles (DramaStore  *self,
                           gint64       feed_id,
                           GPtrArray   *articles,
                           GArray     **new_ids,
                           GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = NULL;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (articles != NULL, FALSE);

  texts = _drama_articles_make_texts (articles);
  _drama_store_lock (self);
  if (!_drama_store_begin (self, error))
    {
      _drama_store_unlock (self);
      return FALSE;
    }
  if (!_drama_store_save_articles_locked (self, feed_id, articles, texts, ids, error))
    {
      _drama_store_rollback (self);
      _drama_store_unlock (self);
      return FALSE;
    }
  /* A failed commit (a full disk, as FTS5 writes its segment then) has rolled back. */
  if (!_drama_store_commit (self, error))
    {
      _drama_store_unlock (self);
      return FALSE;
    }
  _drama_store_unlock (self);

  if (ids->len > 0)
    _drama_store_notify_array (self, DRAMA_CHANGE_ARTICLE, DRAMA_CHANGE_ADDED, 0, ids);
  if (new_ids != NULL)
    *new_ids = g_steal_pointer (&ids);
  return TRUE;
}

char *
_drama_ids_to_json (const gint64 *ids,
                    guint         n_ids)
{
  GString *s = g_string_sized_new (n_ids * 8 + 2);

  g_string_append_c (s, '[');
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

GPtrArray *
drama_store_get_articles (DramaStore    *self,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  articles = g_ptr_array_new_full (n_ids, g_object_unref);
  if (n_ids == 0)
    return g_steal_pointer (&articles);

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  json = _drama_ids_to_json (ids, n_ids);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self,
                               DRAMA_ARTICLE_SELECT "WHERE a.id IN (SELECT value FROM json_each (?1))",
                               error);
  if (stmt == NULL)
    {
      _drama_store_unlock (self);
      return NULL;
    }
  _drama_bind_text (stmt, 1, json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DramaArticle *article = _drama_article_from_row (stmt);
      gint64 id = drama_article_get_id (article);

      g_hash_table_replace (by_id, g_memdup2 (&id, sizeof id), article);
    }
  if (rc != SQLITE_DONE)
    _drama_store_set_error_from_code (self, error, rc, _("Could not read the articles"));
  sqlite3_reset (stmt);
  _drama_store_unlock (self);

  if (rc != SQLITE_DONE)
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      DramaArticle *article = g_hash_table_lookup (by_id, &ids[i]);

      if (article != NULL)
        g_ptr_array_add (articles, g_object_ref (article));
    }
  return g_steal_pointer (&articles);
}

DramaArticle *
drama_store_get_article (DramaStore  *self,
                         gint64       article_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) articles = drama_store_get_articles (self, &article_id, 1, error);

  if (articles == NULL)
    return NULL;
  if (articles->len == 0)
    {
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND,
                   _("This article is no longer in your library"));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (articles, 0));
}

/* One UPDATE of a flag by id; NOT_FOUND when the article is gone. */
static gboolean
set_article_flag (DramaStore        *self,
                  const char        *sql,
                  DramaChangeReason  reason,
                  gint64       article_id,
                  gboolean     value,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc = SQLITE_ERROR;

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, sql, error);
  if (stmt == NULL)
    {
      _drama_store_unlock (self);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int (stmt, 2, value ? 1 : 0);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _drama_store_set_error_from_code (self, error, rc, _("Could not save the article"));
  else
    found = sqlite3_changes (_drama_store_get_db (self)) > 0;
  _drama_store_unlock (self);

  if (rc != SQLITE_DONE)
    return FALSE;
  if (!found)
    {
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND,
                   _("This article is no longer in your library"));
      return FALSE;
    }
  if (reason == DRAMA_CHANGE_READ && !value)
    reason = DRAMA_CHANGE_UNREAD;
  _drama_store_notify (self, DRAMA_CHANGE_ARTICLE, reason, 0, &article_id, 1);
  return TRUE;
}

gboolean
drama_store_set_article_read (DramaStore  *self,
                              gint64       article_id,
                              gboolean     read,
                              GError     **error)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  return set_article_flag (self, "UPDATE articles SET read = ?2 WHERE id = ?1",
                           DRAMA_CHANGE_READ,
                           article_id, read, error);
}

gboolean
drama_store_set_article_starred (DramaStore  *self,
                                 gint64       article_id,
                                 gboolean     starred,
                                 GError     **error)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  return set_article_flag (self, "UPDATE articles SET starred = ?2 WHERE id = ?1",
                           DRAMA_CHANGE_STARRED,
                           article_id, starred, error);
}

static gboolean
set_articles_read_locked (DramaStore    *self,
                          const gint64  *ids,
                          guint          n_ids,
                          gboolean       read,
                          GError       **error)
{
  g_autofree char *json = _drama_ids_to_json (ids, n_ids);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drama_store_prepare (self,
                               "UPDATE articles SET read = ?2 "
                               "WHERE id IN (SELECT value FROM json_each (?1))",
                               error);
  if (stmt == NULL)
    return FALSE;
  _drama_bind_text (stmt, 1, json);
  sqlite3_bind_int (stmt, 2, read ? 1 : 0);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("Could not save the articles"));
      return FALSE;
    }
  return TRUE;
}

gboolean
drama_store_set_articles_read (DramaStore    *self,
                               const gint64  *ids,
                               guint          n_ids,
                               gboolean       read,
                               GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (n_ids == 0)
    return TRUE;

  _drama_store_lock (self);
  ok = set_articles_read_locked (self, ids, n_ids, read, error);
  _drama_store_unlock (self);

  if (ok)
    _drama_store_notify (self, DRAMA_CHANGE_ARTICLE,
                         read ? DRAMA_CHANGE_READ : DRAMA_CHANGE_UNREAD, 0, ids, n_ids);
  return ok;
}

gboolean
drama_store_mark_all_read (DramaStore          *self,
                           DramaArticleFilter   filter,
                           gint64               filter_id,
                           GArray             **changed_ids,
                           GError             **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  _drama_store_lock (self);
  if (!_drama_store_begin (self, error))
    {
      _drama_store_unlock (self);
      return FALSE;
    }
  ids = _drama_store_list_article_ids_locked (self, filter, filter_id, NULL, "a.read = 0",
                                               NULL, error);
  if (ids == NULL ||
      (ids->len > 0 && !set_articles_read_locked (self, (const gint64 *) (gpointer) ids->data,
                                                  ids->len, TRUE, error)))
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

  if (ids->len > 0)
    _drama_store_notify_array (self, DRAMA_CHANGE_ARTICLE, DRAMA_CHANGE_READ, 0, ids);
  if (changed_ids != NULL)
    *changed_ids = g_steal_pointer (&ids);
  return TRUE;
}

gboolean
drama_store_delete_old_articles (DramaStore  *self,
                                 gint64       older_than,
                                 guint       *n_deleted,
                                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;
  guint changes = 0;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self,
                               "DELETE FROM articles WHERE starred = 0 AND published < ?1 "
                               "AND fetched_at < ?1",
                               error);
  if (stmt == NULL)
    {
      _drama_store_unlock (self);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, older_than);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _drama_store_set_error_from_code (self, error, rc, _("Could not delete old articles"));
  else
    changes = sqlite3_changes (_drama_store_get_db (self));
  _drama_store_unlock (self);

  if (rc != SQLITE_DONE)
    return FALSE;
  if (n_deleted != NULL)
    *n_deleted = changes;
  /* Which rows went is not known here (one DELETE): "many articles". */
  if (changes > 0)
    _drama_store_notify (self, DRAMA_CHANGE_ARTICLE, DRAMA_CHANGE_REMOVED, 0, NULL, 0);
  return TRUE;
}
