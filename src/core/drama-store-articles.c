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
      int rc;

      if (fetched_at == 0)
        fetched_at = now;

      stmt = _drama_store_prepare (self,
                                   "SELECT id, title, link, author, summary, content, image, "
                                   "published, updated, read, starred, fetched_at "
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
      if (!queue_article_text (self, article, published, texts, i, error))
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
                                   "starred) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                   "?12, ?13, ?14) ON CONFLICT (feed_id, guid) DO NOTHING",
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

      drama_article_set_text (article, _drama_column_text (stmt, 16));
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

/* A JSON array of ids, bound to "json_each (?)" so one cached statement serves any count. */
static char *
ids_to_json (const gint64 *ids,
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
  json = ids_to_json (ids, n_ids);

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
  g_autofree char *json = ids_to_json (ids, n_ids);
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

/* Runs "SELECT a.id, a.read FROM articles a WHERE <filter> [AND <search>] [AND extra]",
 * newest first. Called with the lock held. */
static GArray *
list_ids_locked (DramaStore          *self,
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
  ids = list_ids_locked (self, filter, filter_id, search, NULL, read_flags, error);
  _drama_store_unlock (self);
  return ids;
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
  ids = list_ids_locked (self, filter, filter_id, NULL, "a.read = 0", NULL, error);
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
