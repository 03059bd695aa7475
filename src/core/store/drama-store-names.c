/* drama-store-names.c: stage names the news proposed (drama-stage-names.c), kept until the
 * user accepts or dismisses them: once per actor and name, with the article they came
 * from. Accepting adds the name (and "GROUP's NAME" when a group came with it) to the
 * actor's aliases, which the matcher follows at once (aliases-changed). */
#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-stage-names.h"
#include "drama-store-private.h"

/* The table (name_proposals) is schema version 6's. state: 0 waiting, 1 accepted, 2
 * dismissed (kept, so that a dismissed name is not proposed again). */

void
drama_name_proposal_free (DramaNameProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_free (proposal->name);
  g_free (proposal->group);
  g_free (proposal->character);
  g_free (proposal->article_title);
  g_free (proposal);
}

guint
drama_store_add_name_proposals (DramaStore  *self,
                                gint64       article_id,
                                GPtrArray   *proposals,
                                GError     **error)
{
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ok;

  g_return_val_if_fail (DRAMA_IS_STORE (self), 0);
  g_return_val_if_fail (proposals != NULL, 0);

  if (proposals->len == 0)
    return 0;
  _drama_store_lock (self);
  ok = _drama_store_begin (self, error);
  for (guint i = 0; ok && i < proposals->len; i++)
    {
      DramaStageName *found = g_ptr_array_index (proposals, i);
      sqlite3_stmt *stmt = _drama_store_prepare (self,
        "INSERT INTO name_proposals (person_id, name, grp, character, article_id, found_at)"
        " SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM people WHERE id = ?1)"
        " ON CONFLICT DO NOTHING", error);

      ok = stmt != NULL;
      if (!ok)
        break;
      sqlite3_bind_int64 (stmt, 1, found->person_id);
      _drama_bind_text (stmt, 2, found->name);
      _drama_bind_text (stmt, 3, found->group);
      _drama_bind_text (stmt, 4, found->character);
      if (article_id > 0)
        sqlite3_bind_int64 (stmt, 5, article_id);
      else
        sqlite3_bind_null (stmt, 5);
      sqlite3_bind_int64 (stmt, 6, now);
      ok = _drama_store_step_done (self, stmt, _("could not save a proposed name"), error);
      if (ok && sqlite3_changes (_drama_store_get_db (self)) > 0)
        g_array_append_val (people, found->person_id);
    }
  if (ok)
    ok = _drama_store_commit (self, error);
  else if (sqlite3_get_autocommit (_drama_store_get_db (self)) == 0)
    _drama_store_rollback (self);
  _drama_store_unlock (self);

  if (!ok)
    return 0;
  if (people->len > 0)
    _drama_store_notify_array (self, DRAMA_CHANGE_PERSON, DRAMA_CHANGE_UPDATED, 0, people);
  return people->len;
}

GPtrArray *
drama_store_list_name_proposals (DramaStore  *self,
                                 gint64       person_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_name_proposal_free);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self,
    "SELECT p.id, p.person_id, p.name, p.grp, p.character, p.article_id, a.title"
    " FROM name_proposals p LEFT JOIN articles a ON a.id = p.article_id"
    " WHERE p.state = 0 AND (?1 = 0 OR p.person_id = ?1) ORDER BY p.id", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, person_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DramaNameProposal *proposal = g_new0 (DramaNameProposal, 1);

          proposal->id = sqlite3_column_int64 (stmt, 0);
          proposal->person_id = sqlite3_column_int64 (stmt, 1);
          proposal->name = g_strdup (_drama_column_text (stmt, 2));
          proposal->group = g_strdup (_drama_column_text (stmt, 3));
          proposal->character = g_strdup (_drama_column_text (stmt, 4));
          proposal->article_id = sqlite3_column_int64 (stmt, 5);
          proposal->article_title = g_strdup (_drama_column_text (stmt, 6));
          g_ptr_array_add (proposals, proposal);
        }
      ok = rc == SQLITE_DONE;
      if (!ok)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the proposed names"));
    }
  _drama_store_unlock (self);
  return ok ? g_steal_pointer (&proposals) : NULL;
}

gboolean
drama_store_resolve_name_proposal (DramaStore  *self,
                                   gint64       proposal_id,
                                   gboolean     accept,
                                   GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) aliases = NULL;
  g_autofree char *name = NULL;
  g_autofree char *group = NULL;
  g_autofree char *whole = NULL;
  gint64 person_id = 0;
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);

  _drama_store_lock (self);
  ok = _drama_store_begin (self, error);
  if (ok)
    {
      stmt = _drama_store_prepare (self,
        "UPDATE name_proposals SET state = ?2 WHERE id = ?1 AND state = 0"
        " RETURNING person_id, name, grp,"
        " (SELECT aliases FROM people WHERE people.id = name_proposals.person_id)", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, proposal_id);
          sqlite3_bind_int (stmt, 2, accept ? 1 : 2);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              person_id = sqlite3_column_int64 (stmt, 0);
              name = g_strdup (_drama_column_text (stmt, 1));
              group = g_strdup (_drama_column_text (stmt, 2));
              aliases = _drama_strv_split (_drama_column_text (stmt, 3));
              rc = sqlite3_step (stmt);
            }
          ok = rc == SQLITE_DONE;
          if (!ok)
            _drama_store_set_error_from_code (self, error, rc, _("could not save your answer"));
          if (ok && person_id == 0)
            {
              _drama_set_not_found (error, _("This proposal was already answered."));
              ok = FALSE;
            }
        }
    }
  if (ok && accept)
    {
      /* The name alone, and with the group the article gave ("INFINITE's L"): the news
       * writes both. */
      if (aliases != NULL)
        g_strv_builder_addv (builder, (const char **) aliases);
      if (aliases == NULL || !g_strv_contains ((const char * const *) aliases, name))
        g_strv_builder_add (builder, name);
      if (group != NULL)
        {
          whole = g_strdup_printf ("%s's %s", group, name);
          if (aliases == NULL || !g_strv_contains ((const char * const *) aliases, whole))
            g_strv_builder_add (builder, whole);
        }
      g_strfreev (aliases);
      aliases = g_strv_builder_end (builder);
      ok = drama_store_set_person_aliases (self, person_id, (const char * const *) aliases, error);
    }
  if (ok)
    ok = _drama_store_commit (self, error);
  else if (sqlite3_get_autocommit (_drama_store_get_db (self)) == 0)
    _drama_store_rollback (self);
  _drama_store_unlock (self);

  if (ok && !accept)
    _drama_store_notify (self, DRAMA_CHANGE_PERSON, DRAMA_CHANGE_UPDATED, 0, &person_id, 1);
  return ok;
}

void
drama_name_source_free (DramaNameSource *source)
{
  if (source == NULL)
    return;
  g_free (source->text);
  g_free (source);
}

/* Whether text may name a character's actor at all: most articles do not, and a look
 * here is cheaper than the finding. */
static gboolean
may_carry_stage_name (const char *text)
{
  return text != NULL &&
         (strstr (text, "play") != NULL || strstr (text, "Play") != NULL ||
          strstr (text, " as ") != NULL || strstr (text, "역") != NULL);
}

GPtrArray *
drama_store_list_name_sources (DramaStore    *self,
                               const gint64  *article_ids,
                               guint          n_ids,
                               GError       **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_name_source_free);
  g_autoptr(GArray) shows = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = TRUE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  _drama_store_lock (self);
  for (guint i = 0; ok && i < n_ids; i++)
    {
      /* The shows it is tied to (an index lookup), then, only then, its text. */
      sqlite3_stmt *stmt = _drama_store_prepare (self,
        "SELECT DISTINCT show_id FROM article_links WHERE article_id = ?1 AND show_id IS NOT NULL",
        error);
      g_autofree char *text = NULL;
      int rc;

      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      g_array_set_size (shows, 0);
      sqlite3_bind_int64 (stmt, 1, article_ids[i]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 show_id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (shows, show_id);
        }
      if (rc != SQLITE_DONE)
        {
          _drama_store_set_error_from_code (self, error, rc, _("could not read the articles"));
          ok = FALSE;
          break;
        }
      if (shows->len == 0)
        continue;

      stmt = _drama_store_prepare (self,
        "SELECT IFNULL(title, '') || char(10) || IFNULL(text, '') FROM articles WHERE id = ?1",
        error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, article_ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        text = g_strdup (_drama_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _drama_store_set_error_from_code (self, error, rc, _("could not read the articles"));
          ok = FALSE;
          break;
        }
      if (!may_carry_stage_name (text))
        continue;
      for (guint k = 0; k < shows->len; k++)
        {
          DramaNameSource *source = g_new0 (DramaNameSource, 1);

          source->article_id = article_ids[i];
          source->show_id = g_array_index (shows, gint64, k);
          source->text = g_strdup (text);
          g_ptr_array_add (sources, source);
        }
    }
  _drama_store_unlock (self);
  return ok ? g_steal_pointer (&sources) : NULL;
}
