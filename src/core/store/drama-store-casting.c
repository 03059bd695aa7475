/* drama-store-casting.c: casting news (issue 14). Titles of dramas that news about a
 * followed actor names, the TVmaze lookup of each (once, and again later while TVmaze does
 * not know the drama yet) and which article offers which drama. The finding is
 * drama-casting-titles.c's, the lookups DramaCastingScout's: this file keeps what they
 * learn, so that a title is looked up once however many articles name it, and across
 * restarts. */
#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-store-private.h"
#include "drama-text.h"

/* The tables are schema version 6's (drama-store-schema.c). casting_titles.state: */
enum {
  TITLE_WAITING = 0,   /* to be looked up at next_try */
  TITLE_FOUND = 1,     /* tvmaze_id, name, premiered, network, image, summary are TVmaze's */
  TITLE_GIVEN_UP = 2,  /* TVmaze did not know it within DRAMA_CASTING_LOOKUP_DAYS */
};

#define HOUR 3600
#define DAY (24 * HOUR)
#define LOOKUP_SPAN ((gint64) DRAMA_CASTING_LOOKUP_DAYS * DAY)

char *
drama_store_casting_key (const char *title)
{
  g_autofree char *normal = NULL;
  GString *key;

  g_return_val_if_fail (title != NULL, NULL);

  normal = drama_text_normalize (title, -1);
  key = g_string_sized_new (strlen (normal));
  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (drama_text_is_word_char (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

void
drama_casting_lookup_free (DramaCastingLookup *lookup)
{
  if (lookup == NULL)
    return;
  g_free (lookup->key);
  g_free (lookup->title);
  g_free (lookup);
}

void
drama_casting_source_free (DramaCastingSource *source)
{
  if (source == NULL)
    return;
  g_free (source->title);
  g_free (source->text);
  g_free (source);
}

/* Ends a write begun with _drama_store_begin (): commits, or rolls back what failed. */
static gboolean
finish_write (DramaStore  *self,
              gboolean     ok,
              GError     **error)
{
  if (ok)
    return _drama_store_commit (self, error);
  if (sqlite3_get_autocommit (_drama_store_get_db (self)) == 0)
    _drama_store_rollback (self);
  return FALSE;
}

/* Keeps one title of the article; *offered_found is set when the article now offers a
 * title TVmaze had already found. */
static gboolean
add_title (DramaStore  *self,
           gint64       article_id,
           gint64       person_id,
           const char  *title,
           gint64       now,
           gboolean    *offered_found,
           GError     **error)
{
  g_autofree char *key = drama_store_casting_key (title);
  sqlite3_stmt *stmt;
  int rc;

  if (*key == '\0')
    return TRUE;
  stmt = _drama_store_prepare (self,
    "INSERT INTO casting_titles (key, title, found_at, next_try) VALUES (?1, ?2, ?3, ?3)"
    " ON CONFLICT (key) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  _drama_bind_text (stmt, 2, title);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!_drama_store_step_done (self, stmt, _("could not save a drama the news named"), error))
    return FALSE;

  stmt = _drama_store_prepare (self,
    "INSERT INTO casting_offers (article_id, key, person_id) VALUES (?1, ?2, ?3)"
    " ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (person_id > 0)
    sqlite3_bind_int64 (stmt, 3, person_id);
  else
    sqlite3_bind_null (stmt, 3);
  if (!_drama_store_step_done (self, stmt, _("could not save a drama the news named"), error))
    return FALSE;
  if (sqlite3_changes (_drama_store_get_db (self)) == 0)
    return TRUE;   /* the article named it before: nothing new */

  /* A title given up on that new news names again: TVmaze may know it by now. */
  stmt = _drama_store_prepare (self,
    "UPDATE casting_titles SET state = 0, found_at = ?2, next_try = ?2, tries = 0"
    " WHERE key = ?1 AND state = 2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!_drama_store_step_done (self, stmt, _("could not save a drama the news named"), error))
    return FALSE;

  stmt = _drama_store_prepare (self, "SELECT state FROM casting_titles WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == TITLE_FOUND)
    *offered_found = TRUE;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc,
                                        _("could not save a drama the news named"));
      return FALSE;
    }
  return TRUE;
}

gboolean
drama_store_add_casting_titles (DramaStore  *self,
                                gint64       article_id,
                                gint64       person_id,
                                GPtrArray   *titles,
                                gint64       now,
                                GError     **error)
{
  gboolean offered_found = FALSE;
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (titles != NULL, FALSE);

  if (titles->len == 0)
    return TRUE;
  _drama_store_lock (self);
  ok = _drama_store_begin (self, error);
  if (ok)
    {
      /* The article may have been deleted (by age) since it was read. */
      stmt = _drama_store_prepare (self, "SELECT 1 FROM articles WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, article_id);
          rc = sqlite3_step (stmt);
          exists = rc == SQLITE_ROW;
          sqlite3_reset (stmt);
          ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
          if (!ok)
            _drama_store_set_error_from_code (self, error, rc, _("could not read the articles"));
        }
    }
  for (guint i = 0; ok && exists && i < titles->len; i++)
    ok = add_title (self, article_id, person_id, g_ptr_array_index (titles, i), now,
                    &offered_found, error);
  ok = finish_write (self, ok, error);
  _drama_store_unlock (self);

  if (ok && offered_found)
    _drama_store_notify (self, DRAMA_CHANGE_ARTICLE, DRAMA_CHANGE_UPDATED, 0, &article_id, 1);
  return ok;
}

GPtrArray *
drama_store_list_casting_lookups_due (DramaStore  *self,
                                      gint64       now,
                                      guint        limit,
                                      GError     **error)
{
  g_autoptr(GPtrArray) due =
    g_ptr_array_new_with_free_func ((GDestroyNotify) drama_casting_lookup_free);
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  ok = _drama_store_begin (self, error);
  if (ok)
    {
      stmt = _drama_store_prepare (self,
        "UPDATE casting_titles SET state = 2 WHERE state = 0 AND found_at <= ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, now - LOOKUP_SPAN);
          ok = _drama_store_step_done (self, stmt, _("could not read the dramas to look up"),
                                       error);
        }
    }
  if (ok)
    {
      stmt = _drama_store_prepare (self,
        "SELECT key, title, found_at, tries FROM casting_titles"
        " WHERE state = 0 AND next_try <= ?1 ORDER BY found_at, rowid LIMIT ?2", error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DramaCastingLookup *lookup = g_new0 (DramaCastingLookup, 1);

          lookup->key = g_strdup (_drama_column_text (stmt, 0));
          lookup->title = g_strdup (_drama_column_text (stmt, 1));
          lookup->found_at = sqlite3_column_int64 (stmt, 2);
          lookup->tries = (guint) CLAMP (sqlite3_column_int64 (stmt, 3), 0, G_MAXUINT);
          g_ptr_array_add (due, lookup);
        }
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc,
                                          _("could not read the dramas to look up"));
    }
  ok = finish_write (self, ok, error);
  _drama_store_unlock (self);
  return ok ? g_steal_pointer (&due) : NULL;
}

/* How long after its tries-th miss a title is looked up again: soon at first (TVmaze adds
 * a drama within days of its announcement, often), then every few days. */
static gint64
backoff (gint64 tries)
{
  static const gint64 waits[] = { 6 * HOUR, 12 * HOUR, DAY, 2 * DAY };

  if (tries < 1)
    tries = 1;
  return tries <= (gint64) G_N_ELEMENTS (waits) ? waits[tries - 1] : 3 * DAY;
}

static gboolean
set_found (DramaStore  *self,
           const char  *key,
           DramaShow   *show,
           GArray      *articles,
           GError     **error)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "UPDATE casting_titles SET state = 1, tries = tries + 1, next_try = 0, tvmaze_id = ?2,"
    " name = ?3, premiered = ?4, network = ?5, image = ?6, summary = ?7"
    " WHERE key = ?1 AND state = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, drama_show_get_tvmaze_id (show));
  _drama_bind_text (stmt, 3, drama_show_get_name (show));
  _drama_bind_text (stmt, 4, drama_show_get_premiered (show));
  _drama_bind_text (stmt, 5, drama_show_get_network (show));
  _drama_bind_text (stmt, 6, drama_show_get_image_medium (show));
  _drama_bind_text (stmt, 7, drama_show_get_summary (show));
  if (!_drama_store_step_done (self, stmt, _("could not save a drama TVmaze found"), error))
    return FALSE;
  if (sqlite3_changes (_drama_store_get_db (self)) == 0)
    return TRUE;

  stmt = _drama_store_prepare (self,
    "SELECT article_id FROM casting_offers WHERE key = ?1 ORDER BY article_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (articles, id);
    }
  if (rc != SQLITE_DONE)
    {
      _drama_store_set_error_from_code (self, error, rc, _("could not save a drama TVmaze found"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_missed (DramaStore  *self,
            const char  *key,
            gint64       now,
            GError     **error)
{
  sqlite3_stmt *stmt = _drama_store_prepare (self,
    "SELECT found_at, tries FROM casting_titles WHERE key = ?1 AND state = 0", error);
  gint64 found_at, tries, next_try;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return TRUE;
      _drama_store_set_error_from_code (self, error, rc, _("could not save a drama lookup"));
      return FALSE;
    }
  found_at = sqlite3_column_int64 (stmt, 0);
  tries = sqlite3_column_int64 (stmt, 1) + 1;
  sqlite3_reset (stmt);
  next_try = now + backoff (tries);

  stmt = _drama_store_prepare (self,
    "UPDATE casting_titles SET tries = ?2, next_try = ?3, state = ?4 WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, tries);
  sqlite3_bind_int64 (stmt, 3, next_try);
  sqlite3_bind_int (stmt, 4, next_try - found_at >= LOOKUP_SPAN ? TITLE_GIVEN_UP : TITLE_WAITING);
  return _drama_store_step_done (self, stmt, _("could not save a drama lookup"), error);
}

gboolean
drama_store_set_casting_result (DramaStore  *self,
                                const char  *key,
                                DramaShow   *show,
                                gint64       now,
                                GError     **error)
{
  g_autoptr(GArray) articles = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (show == NULL || DRAMA_IS_SHOW (show), FALSE);

  _drama_store_lock (self);
  ok = _drama_store_begin (self, error);
  if (ok)
    ok = show != NULL ? set_found (self, key, show, articles, error)
                      : set_missed (self, key, now, error);
  ok = finish_write (self, ok, error);
  _drama_store_unlock (self);

  if (ok && articles->len > 0)
    _drama_store_notify_array (self, DRAMA_CHANGE_ARTICLE, DRAMA_CHANGE_UPDATED, 0, articles);
  return ok;
}

GPtrArray *
drama_store_list_article_offers (DramaStore  *self,
                                 gint64       article_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  /* Two titles may be one drama (its English and its Korean title): offered once. */
  stmt = _drama_store_prepare (self,
    "SELECT t.tvmaze_id, t.name, t.premiered, t.network, t.image, t.summary"
    " FROM casting_offers o JOIN casting_titles t ON t.key = o.key"
    " WHERE o.article_id = ?1 AND t.state = 1 AND t.tvmaze_id > 0"
    " AND NOT EXISTS (SELECT 1 FROM shows s WHERE s.tvmaze_id = t.tvmaze_id AND s.removed_at = 0)"
    " GROUP BY t.tvmaze_id ORDER BY min(o.rowid)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, article_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DramaShow *show = drama_show_new ();

          drama_show_set_tvmaze_id (show, sqlite3_column_int64 (stmt, 0));
          drama_show_set_name (show, _drama_column_text (stmt, 1));
          drama_show_set_premiered (show, _drama_column_text (stmt, 2));
          drama_show_set_network (show, _drama_column_text (stmt, 3));
          drama_show_set_image_medium (show, _drama_column_text (stmt, 4));
          drama_show_set_summary (show, _drama_column_text (stmt, 5));
          g_ptr_array_add (offers, show);
        }
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc,
                                          _("could not read the article's dramas"));
    }
  _drama_store_unlock (self);
  return ok ? g_steal_pointer (&offers) : NULL;
}

GPtrArray *
drama_store_list_followed_articles (DramaStore    *self,
                                    const gint64  *article_ids,
                                    guint          n_ids,
                                    GError       **error)
{
  g_autoptr(GPtrArray) sources =
    g_ptr_array_new_with_free_func ((GDestroyNotify) drama_casting_source_free);
  gboolean ok = TRUE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (article_ids != NULL || n_ids == 0, NULL);

  _drama_store_lock (self);
  for (guint i = 0; ok && i < n_ids; i++)
    {
      /* The person first (the index on article_links), the text only for those tied to one. */
      sqlite3_stmt *stmt = _drama_store_prepare (self,
        "SELECT l.person_id FROM article_links l WHERE l.article_id = ?1"
        " AND l.person_id IS NOT NULL AND EXISTS (SELECT 1 FROM credits c"
        "  JOIN shows s ON s.id = c.show_id WHERE c.person_id = l.person_id AND s.removed_at = 0)"
        " ORDER BY l.place DESC, l.rowid LIMIT 1", error);
      DramaCastingSource *source;
      gint64 person_id = 0;
      int rc;

      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, article_ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        person_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _drama_store_set_error_from_code (self, error, rc, _("could not read the articles"));
          ok = FALSE;
          break;
        }
      if (person_id == 0)
        continue;

      stmt = _drama_store_prepare (self, "SELECT title, text FROM articles WHERE id = ?1", error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, article_ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          source = g_new0 (DramaCastingSource, 1);
          source->article_id = article_ids[i];
          source->person_id = person_id;
          source->title = g_strdup (_drama_column_text (stmt, 0));
          source->text = g_strdup (_drama_column_text (stmt, 1));
          g_ptr_array_add (sources, source);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _drama_store_set_error_from_code (self, error, rc, _("could not read the articles"));
          ok = FALSE;
        }
    }
  _drama_store_unlock (self);
  return ok ? g_steal_pointer (&sources) : NULL;
}

char **
drama_store_list_known_titles (DramaStore  *self,
                               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self,
    "SELECT name, original_name, akas, aliases FROM shows WHERE removed_at = 0", error);
  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          for (int column = 0; column < 4; column++)
            {
              g_auto(GStrv) names = _drama_strv_split (_drama_column_text (stmt, column));

              if (names != NULL)
                g_strv_builder_addv (builder, (const char **) names);
            }
        }
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the watchlist"));
    }
  _drama_store_unlock (self);
  return ok ? g_strv_builder_end (builder) : NULL;
}
