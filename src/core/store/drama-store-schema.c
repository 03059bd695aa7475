#define G_LOG_DOMAIN "drama-store"

/* The schema: the SQL of every version, and the upgrade of an older file. */

#include "config.h"

#include "drama-store.h"

#include <glib/gi18n-lib.h>

#include "drama-store-private.h"

/* Version 1: the first released schema. Kept byte for byte: files made by that release
 * are upgraded by running migration 2 on top. */
static const char migration_1[] =
  "CREATE TABLE shows (id INTEGER PRIMARY KEY, tvmaze_id INTEGER UNIQUE, name TEXT NOT NULL,"
  " original_name TEXT, language TEXT, status TEXT, premiered TEXT, ended TEXT, network TEXT,"
  " country TEXT, timezone TEXT, schedule_time TEXT, schedule_days TEXT, genres TEXT, runtime INTEGER,"
  " summary TEXT, image_medium TEXT, image_original TEXT, imdb TEXT, official_site TEXT,"
  " user_status INTEGER NOT NULL DEFAULT 1, rating INTEGER NOT NULL DEFAULT 0, notes TEXT,"
  " added_at INTEGER NOT NULL DEFAULT 0, last_watched_at INTEGER NOT NULL DEFAULT 0,"
  " tvmaze_updated INTEGER NOT NULL DEFAULT 0, refreshed_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE episodes (id INTEGER PRIMARY KEY,"
  " show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,"
  " tvmaze_id INTEGER UNIQUE, season INTEGER NOT NULL DEFAULT 1, number INTEGER NOT NULL DEFAULT 0,"
  " name TEXT, airdate TEXT, airtime TEXT, airstamp INTEGER NOT NULL DEFAULT 0,"
  " runtime INTEGER NOT NULL DEFAULT 0, summary TEXT, seen_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX episodes_show ON episodes(show_id, season, number);"
  "CREATE TABLE people (id INTEGER PRIMARY KEY, tvmaze_id INTEGER UNIQUE, name TEXT NOT NULL,"
  " image_medium TEXT, image_original TEXT);"
  "CREATE TABLE credits (person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
  " show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE, character TEXT,"
  " ord INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (person_id, show_id));"
  "CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT, custom_title TEXT,"
  " site_url TEXT, etag TEXT, last_modified TEXT, last_success INTEGER NOT NULL DEFAULT 0,"
  " last_fetch INTEGER NOT NULL DEFAULT 0, last_error TEXT, gone INTEGER NOT NULL DEFAULT 0,"
  " retry_after INTEGER NOT NULL DEFAULT 0, added_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE articles (id INTEGER PRIMARY KEY,"
  " feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
  " guid TEXT NOT NULL, title TEXT, link TEXT, author TEXT, summary TEXT, content TEXT, image TEXT,"
  " published INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,"
  " fetched_at INTEGER NOT NULL DEFAULT 0, read INTEGER NOT NULL DEFAULT 0,"
  " starred INTEGER NOT NULL DEFAULT 0, UNIQUE (feed_id, guid));"
  "CREATE INDEX articles_published ON articles(published DESC);"
  "CREATE VIRTUAL TABLE articles_fts USING fts5(title, summary, content,"
  " content='articles', content_rowid='id');"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  " INSERT INTO articles_fts(rowid, title, summary, content)"
  " VALUES (new.id, new.title, new.summary, new.content);"
  " END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  " INSERT INTO articles_fts(articles_fts, rowid, title, summary, content)"
  " VALUES ('delete', old.id, old.title, old.summary, old.content);"
  " END;"
  /* Only the indexed columns: marking an article read must not re-index it. */
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, content ON articles BEGIN"
  " INSERT INTO articles_fts(articles_fts, rowid, title, summary, content)"
  " VALUES ('delete', old.id, old.title, old.summary, old.content);"
  " INSERT INTO articles_fts(rowid, title, summary, content)"
  " VALUES (new.id, new.title, new.summary, new.content);"
  " END;"
  "CREATE TABLE article_links (article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  " show_id INTEGER REFERENCES shows(id) ON DELETE CASCADE,"
  " person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,"
  " matched TEXT, place INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX article_links_article ON article_links(article_id);"
  "CREATE INDEX article_links_show ON article_links(show_id);"
  "CREATE INDEX article_links_person ON article_links(person_id);";

static const char migration_2[] =
  "ALTER TABLE shows ADD COLUMN akas TEXT;"
  "ALTER TABLE shows ADD COLUMN aliases TEXT;"
  "ALTER TABLE shows ADD COLUMN spoiler_guard INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE shows ADD COLUMN removed_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE people ADD COLUMN aliases TEXT;"
  "ALTER TABLE article_links ADD COLUMN episode_id INTEGER REFERENCES episodes(id) ON DELETE SET NULL;"
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);";

/* Version 3 made the full-text index hold the words of an article, not its markup (up to
 * version 2 it indexed the sanitised HTML as stored, so "href", "img" and "https" matched
 * nearly every article), through triggers calling an SQL function of ours. Version 5 replaces
 * that index, so upgrading through here only stops the version 1 index from being written:
 * building the version 3 one would parse every article only to throw the result away, and
 * version 5 sets the old index aside to be emptied step by step. */
static const char migration_3[] =
  "DROP TRIGGER IF EXISTS articles_fts_insert;"
  "DROP TRIGGER IF EXISTS articles_fts_delete;"
  "DROP TRIGGER IF EXISTS articles_fts_update;";

/* Version 4: the article list reads the read flag of every row (the UNREAD list filters on
 * it, the ALL list shows it); with the flag in the index that lists the articles in order,
 * listing 100,000 of them reads only the index, not one table row each. */
static const char migration_4[] =
  "DROP INDEX IF EXISTS articles_published;"
  "CREATE INDEX articles_published ON articles(published DESC, id, read);";

/* Version 5: the plain text of an article is a column, articles.text, made once by the
 * worker that parsed the feed (the store makes it, in C, for an article saved without one).
 * The full-text index (title, text) is filled by triggers in plain SQL, so any SQLite
 * program can insert, change or delete articles and the index stays right; it keeps no copy
 * of the text (contentless: a delete repeats the indexed words, which the row still has).
 *
 * Its rowid is not the article id but a sort key, DRAMA_STORE_FTS_KEY (drama-store-private.h),
 * whose order is the article list's (published, then id the other way round): "MATCH …
 * ORDER BY rowid DESC LIMIT 20" reads the newest matches straight from the index and stops,
 * however common the word. Changing the date re-keys the row.
 *
 * The migration itself only changes the schema, so it never holds up the window: the text of
 * the existing articles, and with it their place in the index, is made in chunks by
 * drama_store_upgrade_step (): those of the upgraded file are the ids below the one in
 * meta "text_upgrade_below", and articles_todo lists any article another program inserts
 * without text (or sets to NULL). Until an article has its text it is not in the index. Nor is the
 * old index dropped here: SQLite as Debian builds it overwrites every page it frees
 * (secure_delete), and dropping the index of 100,000 articles took 10 s. It is renamed
 * articles_fts_old and emptied by the same steps, a little at a time.
 *
 * Dramalist's own writes come in batches and fill the index themselves, in key order (FTS5
 * takes twice as long over rows out of rowid order): while articles_fts_batch holds a row,
 * which it only does inside such a transaction of ours, the triggers leave the index alone
 * (drama-store-text.c). */
static const char migration_5[] =
  "DROP TRIGGER IF EXISTS articles_fts_insert;"
  "DROP TRIGGER IF EXISTS articles_fts_delete;"
  "DROP TRIGGER IF EXISTS articles_fts_update;"
  "ALTER TABLE articles_fts RENAME TO articles_fts_old;"
  "ALTER TABLE articles ADD COLUMN text TEXT;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='');"
  "CREATE TABLE articles_todo (id INTEGER PRIMARY KEY);"
  "CREATE TABLE articles_fts_batch (busy INTEGER PRIMARY KEY);"
  /* The articles there are now: every id below this one (a lookup and a count of the
   * smallest index, not a write per article). */
  "INSERT OR REPLACE INTO meta (key, value)"
  " SELECT 'text_upgrade_below', IFNULL(max(id), 0) + 1 FROM articles;"
  "INSERT OR REPLACE INTO meta (key, value) SELECT 'text_upgrade_left', count(*) FROM articles;"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  " INSERT INTO articles_fts (rowid, title, text)"
  "  SELECT " DRAMA_STORE_FTS_KEY ("new") ", new.title, new.text"
  "  WHERE " DRAMA_STORE_FTS_INDEXED ("new") " AND NOT EXISTS (SELECT 1 FROM articles_fts_batch);"
  " INSERT OR IGNORE INTO articles_todo (id) SELECT new.id WHERE new.text IS NULL;"
  " END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  " INSERT INTO articles_fts (articles_fts, rowid, title, text)"
  "  SELECT 'delete', " DRAMA_STORE_FTS_KEY ("old") ", old.title, old.text"
  "  WHERE " DRAMA_STORE_FTS_INDEXED ("old") " AND NOT EXISTS (SELECT 1 FROM articles_fts_batch);"
  " DELETE FROM articles_todo WHERE id = old.id;"
  " END;"
  /* Only what the index holds: marking an article read or starred does not touch it. */
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, text, published ON articles"
  " WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.text IS NOT new.text"
  " OR old.published IS NOT new.published BEGIN"
  " INSERT INTO articles_fts (articles_fts, rowid, title, text)"
  "  SELECT 'delete', " DRAMA_STORE_FTS_KEY ("old") ", old.title, old.text"
  "  WHERE " DRAMA_STORE_FTS_INDEXED ("old") " AND NOT EXISTS (SELECT 1 FROM articles_fts_batch);"
  " INSERT INTO articles_fts (rowid, title, text)"
  "  SELECT " DRAMA_STORE_FTS_KEY ("new") ", new.title, new.text"
  "  WHERE " DRAMA_STORE_FTS_INDEXED ("new") " AND NOT EXISTS (SELECT 1 FROM articles_fts_batch);"
  " DELETE FROM articles_todo WHERE id = old.id AND (new.text IS NOT NULL OR new.id != old.id);"
  " INSERT OR IGNORE INTO articles_todo (id) SELECT new.id WHERE new.text IS NULL;"
  " END;";

/* Version 6: reader mode and casting news (issue 14).
 * - feeds.full_articles: load every new article's page (the per-feed setting).
 * - articles.full_content: the article's page as reader mode extracted and sanitised it,
 *   shown instead of the feed's copy; articles.text then holds its words (search, matching).
 *   full_error: why the last try failed, in words (the summary stays).
 * - name_proposals: stage names the news proposed (drama-store-names.c). Version 5 libraries
 *   may already have it, made on first use, hence IF NOT EXISTS.
 * - casting_titles: drama titles that casting news about a followed actor named, looked up on
 *   TVmaze once each (again later while TVmaze does not know them), with what was found;
 *   state 0 waiting (looked up at next_try), 1 found, 2 given up (drama-store-casting.c);
 *   casting_offers: which article named which title. */
static const char migration_6[] =
  "ALTER TABLE feeds ADD COLUMN full_articles INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE articles ADD COLUMN full_content TEXT;"
  "ALTER TABLE articles ADD COLUMN full_error TEXT;"
  "CREATE TABLE IF NOT EXISTS name_proposals (id INTEGER PRIMARY KEY,"
  " person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
  " name TEXT NOT NULL, grp TEXT, character TEXT,"
  " article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,"
  " state INTEGER NOT NULL DEFAULT 0, found_at INTEGER NOT NULL DEFAULT 0,"
  " UNIQUE (person_id, name COLLATE NOCASE));"
  "CREATE TABLE casting_titles (key TEXT PRIMARY KEY, title TEXT NOT NULL,"
  " found_at INTEGER NOT NULL DEFAULT 0, next_try INTEGER NOT NULL DEFAULT 0,"
  " tries INTEGER NOT NULL DEFAULT 0, state INTEGER NOT NULL DEFAULT 0,"
  " tvmaze_id INTEGER NOT NULL DEFAULT 0, name TEXT, premiered TEXT, network TEXT,"
  " image TEXT, summary TEXT);"
  "CREATE TABLE casting_offers (article_id INTEGER NOT NULL REFERENCES articles(id)"
  " ON DELETE CASCADE, key TEXT NOT NULL REFERENCES casting_titles(key) ON DELETE CASCADE,"
  " person_id INTEGER, PRIMARY KEY (article_id, key));"
  "CREATE INDEX casting_offers_key ON casting_offers(key);"
  /* The lookups due (drama_store_list_casting_lookups_due ()): the waiting titles alone. */
  "CREATE INDEX casting_titles_due ON casting_titles(state, next_try);";

static const char * const migrations[] = {
  migration_1, migration_2, migration_3, migration_4, migration_5, migration_6
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DRAMA_STORE_SCHEMA_VERSION);

gboolean
_drama_store_migrate (DramaStore  *self,
                      int          from_version,
                      GError     **error)
{
  for (int version = from_version + 1; version <= DRAMA_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

      g_debug ("Migrating %s to schema version %d", self->path, version);
      if (!_drama_store_begin (self, error))
        return FALSE;
      if (!_drama_store_exec (self, migrations[version - 1], error) ||
          !_drama_store_exec (self, set_version, error))
        {
          _drama_store_rollback (self);
          g_prefix_error (error, _("Could not upgrade the library to version %d: "), version);
          return FALSE;
        }
      if (!_drama_store_commit (self, error))
        return FALSE;
    }
  /* A new library has nothing to upgrade: no articles, an empty old index. */
  if (from_version == 0 && from_version < DRAMA_STORE_SCHEMA_VERSION)
    return _drama_store_exec (self, "DROP TABLE articles_fts_old;"
                                    "DELETE FROM meta WHERE key IN"
                                    " ('text_upgrade_below', 'text_upgrade_left');"
                                    /* Made now (what a new library is given once, say). */
                                    "INSERT INTO meta (key, value) VALUES"
                                    " ('created_at', CAST (unixepoch () AS TEXT));", error);
  return TRUE;
}
