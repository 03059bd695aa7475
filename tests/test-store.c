/* The library file: schema, migrations, damaged and foreign files, and the show queries.
 * Every test works on a real SQLite file in a temporary directory of its own. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "drama-html.h"
#include "drama-html-private.h"
#include "drama-matcher.h"
#include "drama-store.h"
#include "drama-store-private.h"

#define DAY (24 * 3600)

typedef struct {
  char *dir;
  char *path;
} TmpLib;

static void
tmp_lib_init (TmpLib *lib)
{
  g_autoptr(GError) error = NULL;

  lib->dir = g_dir_make_tmp ("test-store-XXXXXX", &error);
  g_assert_no_error (error);
  lib->path = g_build_filename (lib->dir, "library.db", NULL);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
tmp_lib_clear (TmpLib *lib)
{
  remove_tree (lib->dir);
  g_free (lib->dir);
  g_free (lib->path);
}

static DramaStore *
open_store (TmpLib *lib)
{
  g_autoptr(GError) error = NULL;
  DramaStore *store = drama_store_new (lib->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* Drops the test's reference and waits until the store is gone: the store thread hands its
 * jobs' references back to this context, so after asynchronous calls the last one goes here. */
static void
close_store (DramaStore **store)
{
  DramaStore *weak = *store;

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_clear_object (store);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* One "now" for the whole run, so that times computed in two places agree to the second.
 * The store reads the clock itself; every test keeps its times a day or more away. */
static gint64 test_now;

static gint64
now_unix (void)
{
  return test_now;
}

/* Raw SQL on a file, as another program (or an older Dramalist) would do it. */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", errmsg, sql);
  sqlite3_close (db);
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* What the app does after opening an upgraded library: makes the text of every article. */
static void
finish_upgrade (DramaStore *store)
{
  g_autoptr(GError) error = NULL;
  guint left = G_MAXUINT;

  while (left > 0)
    {
      g_assert_true (drama_store_upgrade_step (store, 0, &left, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (drama_store_get_upgrade_left (store, &error), ==, 0);
  g_assert_no_error (error);
}

static DramaEpisode *
make_episode (gint64      tvmaze_id,
              int         season,
              int         number,
              const char *name,
              gint64      airstamp)
{
  DramaEpisode *episode = drama_episode_new ();

  drama_episode_set_tvmaze_id (episode, tvmaze_id);
  drama_episode_set_season (episode, season);
  drama_episode_set_number (episode, number);
  drama_episode_set_name (episode, name);
  drama_episode_set_airstamp (episode, airstamp);
  if (airstamp != 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (airstamp);
      g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");

      drama_episode_set_airdate (episode, date);
    }
  return episode;
}

static DramaShow *
make_show (gint64      tvmaze_id,
           const char *name)
{
  DramaShow *show = drama_show_new ();

  drama_show_set_tvmaze_id (show, tvmaze_id);
  drama_show_set_name (show, name);
  drama_show_set_status (show, "Running");
  return show;
}

static DramaPerson *
make_person (gint64      tvmaze_id,
             const char *name,
             const char *character,
             int         order)
{
  DramaPerson *person = drama_person_new ();

  drama_person_set_tvmaze_id (person, tvmaze_id);
  drama_person_set_name (person, name);
  drama_person_set_character (person, character);
  drama_person_set_cast_order (person, order);
  return person;
}

/* A show whose episodes 1..n_aired aired (a week apart, ending yesterday) and then
 * n_future more to come (a week apart, starting in 2 days). Episode tvmaze ids are
 * tvmaze_id * 100 + number. */
static DramaShow *
save_simple_show (DramaStore *store,
                  gint64      tvmaze_id,
                  const char *name,
                  int         n_aired,
                  int         n_future,
                  gint64      future_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  DramaShow *show = make_show (tvmaze_id, name);
  gint64 now = now_unix ();

  for (int i = 1; i <= n_aired; i++)
    g_ptr_array_add (episodes, make_episode (tvmaze_id * 100 + i, 1, i, "Aired",
                                             now - DAY - (n_aired - i) * 7 * DAY));
  for (int i = 1; i <= n_future; i++)
    g_ptr_array_add (episodes, make_episode (tvmaze_id * 100 + n_aired + i, 1, n_aired + i,
                                             "Future", now + future_start + (i - 1) * 7 * DAY));
  g_assert_true (drama_store_save_show (store, show, episodes, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (drama_show_get_id (show), >, 0);
  return show;
}

static gint64
episode_id (DramaStore *store,
            gint64      show_id,
            guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = drama_store_list_episodes (store, show_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (index, <, episodes->len);
  return drama_episode_get_id (g_ptr_array_index (episodes, index));
}

/* ---- schema ---- */

static void
test_schema_create (void)
{
  static const char * const tables[] = { "shows", "episodes", "people", "credits", "feeds",
                                         "articles", "articles_fts", "articles_todo",
                                         "article_links", "meta" };
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  g_assert_cmpstr (drama_store_get_path (store), ==, lib.path);
  g_assert_null (drama_store_get_moved_aside_path (store));
  g_clear_object (&store);

  g_assert_cmpint (raw_int (lib.path, "PRAGMA user_version"), ==, DRAMA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (DRAMA_STORE_SCHEMA_VERSION, ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE name = '%s'",
                                              tables[i]);

      g_assert_cmpint (raw_int (lib.path, sql), ==, 1);
    }
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM pragma_table_info('shows')"
                                      " WHERE name IN ('akas', 'aliases', 'spoiler_guard', 'removed_at')"), ==, 4);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM pragma_table_info('article_links')"
                                      " WHERE name = 'episode_id'"), ==, 1);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM pragma_table_info('articles')"
                                      " WHERE name = 'text'"), ==, 1);
  /* Nothing to upgrade in a new library, not even an old index to empty. */
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'articles_fts_old%'"),
                   ==, 0);
  /* WAL is a property of the file: it survives the connection. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (lib.path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  tmp_lib_clear (&lib);
}

static void
test_schema_default_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaStore) store = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "dramalist", "library.db", NULL);

  store = drama_store_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drama_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (expected, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_unlink (file);
    }
}

static void
test_schema_reopen (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(DramaShow) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *meta = NULL;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  show = save_simple_show (store, 7, "Mr. Sunshine", 3, 0, 0);
  g_assert_true (drama_store_set_meta (store, "shows_refreshed_at", "12345", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (&lib);
  again = drama_store_get_show (store, drama_show_get_id (show), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drama_show_get_name (again), ==, "Mr. Sunshine");
  g_assert_cmpint (drama_show_get_episodes_total (again), ==, 3);
  meta = drama_store_get_meta (store, "shows_refreshed_at", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (meta, ==, "12345");
  g_clear_pointer (&meta, g_free);
  meta = drama_store_get_meta (store, "never-set", &error);
  g_assert_no_error (error);
  g_assert_null (meta);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

/* The version 1 schema as the first release wrote it. */
static const char v1_schema[] =
  "CREATE TABLE shows (id INTEGER PRIMARY KEY, tvmaze_id INTEGER UNIQUE, name TEXT NOT NULL,"
  " original_name TEXT, language TEXT, status TEXT, premiered TEXT, ended TEXT, network TEXT,"
  " country TEXT, timezone TEXT, schedule_time TEXT, schedule_days TEXT, genres TEXT, runtime INTEGER,"
  " summary TEXT, image_medium TEXT, image_original TEXT, imdb TEXT, official_site TEXT,"
  " user_status INTEGER NOT NULL DEFAULT 1, rating INTEGER NOT NULL DEFAULT 0, notes TEXT,"
  " added_at INTEGER NOT NULL DEFAULT 0, last_watched_at INTEGER NOT NULL DEFAULT 0,"
  " tvmaze_updated INTEGER NOT NULL DEFAULT 0, refreshed_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE episodes (id INTEGER PRIMARY KEY, show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,"
  " tvmaze_id INTEGER UNIQUE, season INTEGER NOT NULL DEFAULT 1, number INTEGER NOT NULL DEFAULT 0,"
  " name TEXT, airdate TEXT, airtime TEXT, airstamp INTEGER NOT NULL DEFAULT 0, runtime INTEGER NOT NULL DEFAULT 0,"
  " summary TEXT, seen_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX episodes_show ON episodes(show_id, season, number);"
  "CREATE TABLE people (id INTEGER PRIMARY KEY, tvmaze_id INTEGER UNIQUE, name TEXT NOT NULL,"
  " image_medium TEXT, image_original TEXT);"
  "CREATE TABLE credits (person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
  " show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE, character TEXT, ord INTEGER NOT NULL DEFAULT 0,"
  " PRIMARY KEY (person_id, show_id));"
  "CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT, custom_title TEXT,"
  " site_url TEXT, etag TEXT, last_modified TEXT, last_success INTEGER NOT NULL DEFAULT 0,"
  " last_fetch INTEGER NOT NULL DEFAULT 0, last_error TEXT, gone INTEGER NOT NULL DEFAULT 0,"
  " retry_after INTEGER NOT NULL DEFAULT 0, added_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE articles (id INTEGER PRIMARY KEY, feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
  " guid TEXT NOT NULL, title TEXT, link TEXT, author TEXT, summary TEXT, content TEXT, image TEXT,"
  " published INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0, fetched_at INTEGER NOT NULL DEFAULT 0,"
  " read INTEGER NOT NULL DEFAULT 0, starred INTEGER NOT NULL DEFAULT 0, UNIQUE (feed_id, guid));"
  "CREATE INDEX articles_published ON articles(published DESC);"
  "CREATE VIRTUAL TABLE articles_fts USING fts5(title, summary, content, content='articles', content_rowid='id');"
  "CREATE TABLE article_links (article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  " show_id INTEGER REFERENCES shows(id) ON DELETE CASCADE, person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,"
  " matched TEXT, place INTEGER NOT NULL DEFAULT 0);"
  "PRAGMA user_version = 1;";

static void
test_migrate_from_v1 (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  tmp_lib_init (&lib);
  raw_exec (lib.path, v1_schema);
  data = g_strdup_printf (
    "INSERT INTO shows (id, tvmaze_id, name, status, user_status, rating, notes, added_at)"
    " VALUES (1, 42, 'Goblin', 'Ended', 0, 9, 'Rewatch at Christmas', 1000);"
    "INSERT INTO episodes (show_id, tvmaze_id, season, number, name, airstamp, seen_at)"
    " VALUES (1, 4201, 1, 1, 'One', %" G_GINT64_FORMAT ", 1500),"
    "        (1, 4202, 1, 2, 'Two', %" G_GINT64_FORMAT ", 0);"
    "INSERT INTO people (id, tvmaze_id, name) VALUES (5, 500, 'Gong Yoo');"
    "INSERT INTO credits (person_id, show_id, character, ord) VALUES (5, 1, 'Kim Shin', 0);"
    "INSERT INTO feeds (id, url) VALUES (1, 'https://example.com/feed');"
    "INSERT INTO articles (feed_id, guid, title) VALUES (1, 'a1', 'Goblin returns');",
    now_unix () - 10 * DAY, now_unix () - 3 * DAY);
  raw_exec (lib.path, data);

  store = open_store (&lib);
  g_assert_null (drama_store_get_moved_aside_path (store));

  show = drama_store_get_show (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drama_show_get_name (show), ==, "Goblin");
  g_assert_cmpint (drama_show_get_user_status (show), ==, DRAMA_WATCH_STATUS_WATCHING);
  g_assert_cmpint (drama_show_get_rating (show), ==, 9);
  g_assert_cmpstr (drama_show_get_notes (show), ==, "Rewatch at Christmas");
  /* The new columns' defaults: the guard is on for shows from before it existed. */
  g_assert_true (drama_show_get_spoiler_guard (show));
  g_assert_null (drama_show_get_aliases (show)[0]);
  g_assert_cmpint (drama_show_get_episodes_total (show), ==, 2);
  g_assert_cmpint (drama_show_get_episodes_seen (show), ==, 1);

  episodes = drama_store_list_episodes (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 2);
  g_assert_cmpint (drama_episode_get_seen_at (g_ptr_array_index (episodes, 0)), ==, 1500);

  cast = drama_store_list_cast (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cast->len, ==, 1);
  g_assert_cmpstr (drama_person_get_character (g_ptr_array_index (cast, 0)), ==, "Kim Shin");

  /* The new v2 features work on the migrated file. */
  g_assert_true (drama_store_set_meta (store, "k", "v", &error));
  g_assert_no_error (error);
  {
    const char * const aliases[] = { "Dokkaebi", NULL };

    g_assert_true (drama_store_set_show_aliases (store, 1, aliases, &error));
    g_assert_no_error (error);
  }
  finish_upgrade (store);
  g_clear_object (&store);

  g_assert_cmpint (raw_int (lib.path, "PRAGMA user_version"), ==, DRAMA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles"), ==, 1);
  /* Version 1 files had no index triggers yet: the upgrade indexes what is there. */
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'goblin'"), ==, 1);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM pragma_table_info('people') WHERE name = 'aliases'"), ==, 1);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM shows WHERE aliases = 'Dokkaebi'"), ==, 1);

  tmp_lib_clear (&lib);
}

/* ---- full-text search of articles ---- */

/* An article as feeds give them: links and pictures in its sanitised HTML. */
#define HTML_SUMMARY \
  "<p>The finale drew <a href=\"https://ratings.example/kr\">record ratings</a> on Sunday.</p>"
#define HTML_CONTENT \
  "<p>Kim Soo-hyun <b>thanked</b> viewers&nbsp;&amp; crew.</p>" \
  "<img src=\"https://cdn.example/still.jpg\" alt=\"\"><p><a href=\"https://x\">Watch</a></p>"

static DramaArticle *
make_article (const char *guid,
              const char *title,
              const char *summary,
              const char *content)
{
  DramaArticle *article = drama_article_new ();

  drama_article_set_guid (article, guid);
  drama_article_set_title (article, title);
  drama_article_set_link (article, "https://news.example/a");
  drama_article_set_summary (article, summary);
  drama_article_set_content (article, content);
  drama_article_set_published (article, now_unix () - DAY);
  return article;
}

/* How many articles a user's search finds. */
static guint
n_found (DramaStore *store,
         const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = drama_store_search_articles (store, text, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found->len;
}

static void
test_search_plain_text (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  static const char * const markup[] = { "https", "href", "img", "src", "jpg", "cdn", "nbsp", "amp", "p" };

  tmp_lib_init (&lib);
  store = open_store (&lib);
  feed = drama_store_add_feed (store, "https://news.example/feed", "News", &error);
  g_assert_no_error (error);
  g_ptr_array_add (articles, make_article ("a1", "Queen of Tears breaks records",
                                           HTML_SUMMARY, HTML_CONTENT));
  g_ptr_array_add (articles, make_article ("a2", "Lovely Runner", "<p>Byeon Woo-seok</p>", NULL));
  g_assert_true (drama_store_save_articles (store, drama_feed_get_id (feed), articles, NULL, &error));
  g_assert_no_error (error);

  /* Words of the markup and its URLs are not words of the article. */
  for (guint i = 0; i < G_N_ELEMENTS (markup); i++)
    {
      g_test_message ("searching for “%s”", markup[i]);
      g_assert_cmpuint (n_found (store, markup[i]), ==, 0);
    }

  /* The words a reader sees are: title, summary (link text too) and content. */
  g_assert_cmpuint (n_found (store, "queen tears"), ==, 1);
  g_assert_cmpuint (n_found (store, "finale"), ==, 1);
  g_assert_cmpuint (n_found (store, "record ratings"), ==, 1);
  g_assert_cmpuint (n_found (store, "thanked crew"), ==, 1);
  g_assert_cmpuint (n_found (store, "watch"), ==, 1);
  g_assert_cmpuint (n_found (store, "byeon"), ==, 1);
  /* Tags do not glue words together: "drew" and "record" are two words. */
  g_assert_cmpuint (n_found (store, "drewrecord"), ==, 0);

  /* A refresh that changes the text: the index follows it. */
  g_object_set (g_ptr_array_index (articles, 0), "content", "<p>Second <i>season</i> confirmed.</p>", NULL);
  g_assert_true (drama_store_save_articles (store, drama_feed_get_id (feed), articles, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found (store, "thanked"), ==, 0);
  g_assert_cmpuint (n_found (store, "season confirmed"), ==, 1);
  g_assert_cmpuint (n_found (store, "finale"), ==, 1);

  /* Reading an article leaves it findable. */
  g_assert_true (drama_store_set_article_read (store, drama_article_get_id (g_ptr_array_index (articles, 0)),
                                               TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found (store, "season"), ==, 1);

  /* Unsubscribing takes its articles out of the index. */
  g_assert_true (drama_store_remove_feed (store, drama_feed_get_id (feed), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found (store, "queen"), ==, 0);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles_fts"), ==, 0);

  tmp_lib_clear (&lib);
}

/* Version 2 indexed the HTML itself, with these triggers (as released). */
static const char v1_fts_triggers[] =
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  " INSERT INTO articles_fts(rowid, title, summary, content)"
  " VALUES (new.id, new.title, new.summary, new.content);"
  " END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  " INSERT INTO articles_fts(articles_fts, rowid, title, summary, content)"
  " VALUES ('delete', old.id, old.title, old.summary, old.content);"
  " END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, content ON articles BEGIN"
  " INSERT INTO articles_fts(articles_fts, rowid, title, summary, content)"
  " VALUES ('delete', old.id, old.title, old.summary, old.content);"
  " INSERT INTO articles_fts(rowid, title, summary, content)"
  " VALUES (new.id, new.title, new.summary, new.content);"
  " END;";

static const char v2_changes[] =
  "ALTER TABLE shows ADD COLUMN akas TEXT;"
  "ALTER TABLE shows ADD COLUMN aliases TEXT;"
  "ALTER TABLE shows ADD COLUMN spoiler_guard INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE shows ADD COLUMN removed_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE people ADD COLUMN aliases TEXT;"
  "ALTER TABLE article_links ADD COLUMN episode_id INTEGER REFERENCES episodes(id) ON DELETE SET NULL;"
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "PRAGMA user_version = 2;";

static void
test_migrate_from_v2 (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  tmp_lib_init (&lib);
  raw_exec (lib.path, v1_schema);
  raw_exec (lib.path, v1_fts_triggers);
  raw_exec (lib.path, v2_changes);
  data = g_strdup_printf (
    "INSERT INTO feeds (id, url, title) VALUES (1, 'https://news.example/feed', 'News');"
    "INSERT INTO articles (id, feed_id, guid, title, summary, content, published, read, starred)"
    " VALUES (7, 1, 'a1', 'Queen of Tears breaks records', '%s', '%s', %" G_GINT64_FORMAT ", 1, 1),"
    "        (9, 1, 'a2', 'Lovely Runner', '<p>Byeon Woo-seok <img src=\"https://cdn.example/b.jpg\"></p>',"
    "         NULL, %" G_GINT64_FORMAT ", 0, 0);",
    HTML_SUMMARY, HTML_CONTENT, now_unix () - DAY, now_unix () - 2 * DAY);
  raw_exec (lib.path, data);
  /* The fault being fixed: the old index matched markup in every article. */
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'https'"), ==, 2);

  store = open_store (&lib);
  g_assert_null (drama_store_get_moved_aside_path (store));
  /* Opening changes only the schema; the text of the articles is made step by step after,
   * and until then they are not found. Left: two articles and the old index. */
  g_assert_cmpuint (drama_store_get_upgrade_left (store, &error), ==, 2 + 1);
  g_assert_no_error (error);
  g_assert_cmpuint (n_found (store, "queen"), ==, 0);
  finish_upgrade (store);
  g_assert_cmpuint (n_found (store, "https"), ==, 0);
  g_assert_cmpuint (n_found (store, "img"), ==, 0);
  g_assert_cmpuint (n_found (store, "href"), ==, 0);

  found = drama_store_search_articles (store, "ratings thanked", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (drama_article_get_id (g_ptr_array_index (found, 0)), ==, 7);
  g_assert_cmpstr (drama_article_get_title (g_ptr_array_index (found, 0)), ==, "Queen of Tears breaks records");
  g_assert_true (drama_article_get_starred (g_ptr_array_index (found, 0)));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = drama_store_search_articles (store, "byeon", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (drama_article_get_id (g_ptr_array_index (found, 0)), ==, 9);
  g_assert_cmpuint (n_found (store, "queen"), ==, 1);
  g_assert_cmpuint (n_found (store, "lovely runner"), ==, 1);

  /* Articles saved after the upgrade are indexed the new way too. */
  feed = drama_store_get_feed (store, 1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (articles, make_article ("a3", "Ratings roundup",
                                           "<p>See <a href=\"https://y.example\">the chart</a></p>", NULL));
  g_assert_true (drama_store_save_articles (store, 1, articles, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found (store, "ratings"), ==, 2);
  g_assert_cmpuint (n_found (store, "chart"), ==, 1);
  g_assert_cmpuint (n_found (store, "https"), ==, 0);
  g_clear_object (&store);

  g_assert_cmpint (raw_int (lib.path, "PRAGMA user_version"), ==, DRAMA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles_fts"), ==, 3);
  /* Migration 4: the article list reads the read flag from the index, not from each row. */
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM pragma_index_info('articles_published')"
                                      " WHERE name = 'read'"), ==, 1);

  /* Another program may still delete articles (the index needs none of our code for that). */
  raw_exec (lib.path, "DELETE FROM articles WHERE id = 7;");
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles_fts"), ==, 2);
  store = open_store (&lib);
  g_assert_cmpuint (n_found (store, "queen"), ==, 0);
  g_assert_cmpuint (n_found (store, "byeon"), ==, 1);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

/* ---- files we must not or cannot use ---- */

static void
test_corrupt_garbage (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_malloc (8192);
  g_autofree char *moved_contents = NULL;
  gsize moved_length = 0;
  const char *moved;

  tmp_lib_init (&lib);
  for (guint i = 0; i < 8192; i++)
    garbage[i] = (char) (g_random_int () & 0xff);
  memcpy (garbage, "NOT SQLITE AT ALL", 17);
  g_assert_true (g_file_set_contents (lib.path, garbage, 8192, &error));
  g_assert_no_error (error);

  store = open_store (&lib);
  moved = drama_store_get_moved_aside_path (store);
  g_assert_nonnull (moved);
  g_assert_true (g_str_has_prefix (moved, lib.path));
  g_assert_nonnull (strstr (moved, ".corrupt-"));
  g_assert_true (g_file_get_contents (moved, &moved_contents, &moved_length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (moved_contents, moved_length, garbage, 8192);

  /* The fresh library works. */
  show = save_simple_show (store, 1, "Crash Landing on You", 2, 0, 0);
  g_clear_object (&store);
  store = open_store (&lib);
  g_assert_null (drama_store_get_moved_aside_path (store));
  g_clear_object (&show);
  show = drama_store_find_show_by_tvmaze_id (store, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (show);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

/* A file with a good header whose tables are damaged: only the integrity check sees it. */
static void
test_corrupt_damaged_pages (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  for (int i = 1; i <= 20; i++)
    {
      g_autoptr(DramaShow) s = save_simple_show (store, i, "Some show with a long enough name", 16, 0, 0);
    }
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (lib.path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 3 * 4096);
  /* Scribble over every page but the first (which holds the header and the schema). */
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (lib.path, contents, length, &error));
  g_assert_no_error (error);

  store = open_store (&lib);
  g_assert_nonnull (drama_store_get_moved_aside_path (store));
  g_assert_true (g_file_test (drama_store_get_moved_aside_path (store), G_FILE_TEST_IS_REGULAR));
  show = drama_store_find_show_by_tvmaze_id (store, 1, &error);
  g_assert_no_error (error);
  g_assert_null (show);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

static void
on_integrity_checked (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GError **error = user_data;

  if (drama_store_check_integrity_finish (DRAMA_STORE (source), result, error))
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static GError *
check_integrity_now (DramaStore *store)
{
  GError *error = NULL;

  drama_store_check_integrity_async (store, NULL, on_integrity_checked, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_clear_error (&error);
  return error;
}

/* The weekly whole-file check never holds up the opening: it waits for the app to ask,
 * after its first frame, and then runs on the store's thread. Damage it finds is said in
 * words, and the next start sets the file aside. */
static void
test_integrity_weekly_in_background (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = g_strdup_printf ("%" G_GINT64_FORMAT, now_unix () - 8 * DAY);
  g_autofree char *checked = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GError *check_error = NULL;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  g_assert_false (drama_store_get_integrity_check_due (store));  /* checked when made */
  feed = drama_store_add_feed (store, "https://news.example/feed", "News", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 400; i++)
    {
      g_autofree char *guid = g_strdup_printf ("g%d", i);
      g_autofree char *body = g_strnfill (1500, 'a' + i % 26);

      g_ptr_array_add (articles, make_article (guid, "A title", body, NULL));
    }
  g_assert_true (drama_store_save_articles (store, drama_feed_get_id (feed), articles, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (drama_store_set_meta (store, "integrity_checked_at", stamp, &error));
  close_store (&store);

  /* A week later: opening does not check the whole file... */
  store = open_store (&lib);
  g_assert_true (drama_store_get_integrity_check_due (store));
  checked = drama_store_get_meta (store, "integrity_checked_at", &error);
  g_assert_cmpstr (checked, ==, stamp);
  g_clear_pointer (&checked, g_free);
  /* ...the background check does, and notes it. */
  check_error = check_integrity_now (store);
  g_assert_no_error (check_error);
  g_assert_false (drama_store_get_integrity_check_due (store));
  checked = drama_store_get_meta (store, "integrity_checked_at", &error);
  g_assert_cmpint (g_ascii_strtoll (checked, NULL, 10), >=, now_unix () - 60);
  g_assert_true (drama_store_set_meta (store, "integrity_checked_at", stamp, &error));
  close_store (&store);

  /* Damage the articles (the last pages of the file; the user's own tables come first). */
  g_assert_true (g_file_get_contents (lib.path, &contents, &length, &error));
  for (gsize i = length - length / 4; i < length; i++)
    contents[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (lib.path, contents, length, &error));

  store = open_store (&lib);
  g_assert_null (drama_store_get_moved_aside_path (store));
  check_error = check_integrity_now (store);
  g_assert_error (check_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (check_error->message, "damaged"));
  g_clear_error (&check_error);
  close_store (&store);

  store = open_store (&lib);
  g_assert_nonnull (drama_store_get_moved_aside_path (store));
  close_store (&store);
  tmp_lib_clear (&lib);
}

static void
test_too_new (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0, after_length = 0;
  g_autoptr(GDir) dir = NULL;
  guint n_files = 0;

  tmp_lib_init (&lib);
  raw_exec (lib.path, "CREATE TABLE shows (id INTEGER PRIMARY KEY, name TEXT, future_column TEXT);"
                      "INSERT INTO shows (name) VALUES ('From the future');"
                      "PRAGMA user_version = 99;");
  g_assert_true (g_file_get_contents (lib.path, &before, &before_length, NULL));

  store = drama_store_new (lib.path, &error);
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_TOO_NEW);
  g_test_message ("%s", error->message);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer version"));

  g_assert_true (g_file_get_contents (lib.path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  /* Nothing moved aside, no WAL started next to it. */
  dir = g_dir_open (lib.dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  tmp_lib_clear (&lib);
}

/* We run as root in CI, where permission bits stop nothing. A library whose folder would
 * have to be inside a regular file cannot be created by anyone, root included. */
static void
test_read_only_location (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = NULL;
  g_autofree char *path = NULL;

  tmp_lib_init (&lib);
  blocker = g_build_filename (lib.dir, "not-a-folder", NULL);
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  path = g_build_filename (blocker, "dramalist", "library.db", NULL);

  store = drama_store_new (path, &error);
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, blocker));

  tmp_lib_clear (&lib);
}

/* A path that is a folder, not a file, cannot be opened either: an error, not a crash. */
static void
test_path_is_folder (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  tmp_lib_init (&lib);
  g_assert_cmpint (g_mkdir (lib.path, 0700), ==, 0);

  store = drama_store_new (lib.path, &error);
  g_assert_nonnull (error);
  g_assert_true (error->domain == DRAMA_STORE_ERROR);
  g_test_message ("%s", error->message);
  g_assert_null (store);
  g_assert_true (g_file_test (lib.path, G_FILE_TEST_IS_DIR));

  tmp_lib_clear (&lib);
}

/* SQLite's page limit makes the same SQLITE_FULL a full disk does. */
static void
test_disk_full (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(DramaShow) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_strnfill (200000, 'x');
  g_autofree char *limit = NULL;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           raw_int (lib.path, "PRAGMA page_count") + 2);
  _drama_store_lock (store);
  g_assert_true (_drama_store_exec (store, limit, NULL));
  _drama_store_unlock (store);

  show = make_show (77, "Too big to fit");
  drama_show_set_summary (show, summary);
  g_assert_false (drama_store_save_show (store, show, NULL, NULL, &error));
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);

  /* Nothing half-saved, and the store still answers. */
  found = drama_store_find_show_by_tvmaze_id (store, 77, &error);
  g_assert_no_error (error);
  g_assert_null (found);
  drama_show_set_summary (show, "short");
  g_assert_true (drama_store_save_show (store, show, NULL, NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

/* A disk that fills up: a VFS over SQLite's own ("unix") that refuses, with SQLITE_FULL as a
 * full file system does, any write that would grow the library or its log past a quota. The
 * files are real and every other call is SQLite's own; only the methods table of each file
 * is ours, with xWrite checking the quota. */
static sqlite3_vfs quota_vfs;
static sqlite3_vfs *quota_real_vfs;
/* The unix VFS has a methods table per locking style; ours[i] stands for real[i]. */
static sqlite3_io_methods quota_methods[8];
static const sqlite3_io_methods *quota_real_methods[8];
static guint quota_n_methods;
static gint64 quota_left = -1;     /* bytes the files may still grow; -1 = no limit */
G_LOCK_DEFINE_STATIC (quota);

static const sqlite3_io_methods *
quota_real (sqlite3_file *file)
{
  for (guint i = 0; i < quota_n_methods; i++)
    if (file->pMethods == &quota_methods[i])
      return quota_real_methods[i];
  g_assert_not_reached ();
}

static int
quota_write (sqlite3_file *file,
             const void   *data,
             int           amount,
             sqlite3_int64 offset)
{
  const sqlite3_io_methods *real;
  sqlite3_int64 size = 0;

  G_LOCK (quota);
  real = quota_real (file);
  if (quota_left >= 0 && real->xFileSize (file, &size) == SQLITE_OK && offset + amount > size)
    {
      gint64 growth = offset + amount - MAX (size, offset);

      if (growth > quota_left)
        {
          G_UNLOCK (quota);
          return SQLITE_FULL;
        }
      quota_left -= growth;
    }
  G_UNLOCK (quota);
  return real->xWrite (file, data, amount, offset);
}

static int
quota_open (sqlite3_vfs  *vfs,
            const char   *name,
            sqlite3_file *file,
            int           flags,
            int          *out_flags)
{
  int rc = quota_real_vfs->xOpen (quota_real_vfs, name, file, flags, out_flags);
  guint i;

  /* The library and its write-ahead log; SQLite's temporary files stay as they are. */
  if (rc != SQLITE_OK || file->pMethods == NULL ||
      !(flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)))
    return rc;
  G_LOCK (quota);
  for (i = 0; i < quota_n_methods && quota_real_methods[i] != file->pMethods; i++)
    ;
  if (i == quota_n_methods)
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (quota_methods));
      quota_real_methods[i] = file->pMethods;
      quota_methods[i] = *file->pMethods;
      quota_methods[i].xWrite = quota_write;
      quota_n_methods++;
    }
  file->pMethods = &quota_methods[i];
  G_UNLOCK (quota);
  return rc;
}

static void
quota_vfs_install (void)
{
  if (quota_real_vfs == NULL)
    {
      quota_real_vfs = sqlite3_vfs_find ("unix");
      g_assert_nonnull (quota_real_vfs);
      quota_vfs = *quota_real_vfs;
      quota_vfs.zName = "dramalist-quota";
      quota_vfs.xOpen = quota_open;
      quota_vfs.pNext = NULL;
    }
  g_assert_cmpint (sqlite3_vfs_register (&quota_vfs, 1), ==, SQLITE_OK);
}

static void
quota_vfs_remove (void)
{
  sqlite3_vfs_unregister (&quota_vfs);
  sqlite3_vfs_register (quota_real_vfs, 1);
}

static void
quota_set (gint64 bytes)
{
  G_LOCK (quota);
  quota_left = bytes;
  G_UNLOCK (quota);
}

/* A full disk while a refresh saves a feed's articles. The library is in WAL mode with a
 * 32 MB cache, so a batch is written to the disk at COMMIT, and the commit is what fails.
 * The user sees "full" in words, nothing is half-saved, the store keeps working; and no
 * GLib critical (a failed commit used to be rolled back a second time: "tx_depth > 0"). */
static void
test_disk_full_articles (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  quota_vfs_install ();
  tmp_lib_init (&lib);
  store = open_store (&lib);
  feed = drama_store_add_feed (store, "https://news.example/full", "Full", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *guid = g_strdup_printf ("full-%u", i);
      g_autofree char *title = g_strdup_printf ("Story %u about the ratings", i);
      g_autoptr(GString) body = g_string_new ("<p>");

      for (guint w = 0; w < 300; w++)
        g_string_append_printf (body, "term%u_%u ", i, w);
      g_string_append (body, "</p>");
      g_ptr_array_add (articles, make_article (guid, title, body->str, NULL));
    }

  /* Room for a few pages, not for the batch. */
  quota_set (16 * 1024);
  g_assert_false (drama_store_save_articles (store, drama_feed_get_id (feed), articles, NULL,
                                             &error));
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);

  /* Space again: nothing of the failed batch is there, and the same batch saves. */
  quota_set (-1);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles"), ==, 0);
  g_assert_true (drama_store_save_articles (store, drama_feed_get_id (feed), articles, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles"), ==, 40);
  g_assert_cmpuint (n_found (store, "term7_299"), ==, 1);

  /* The other writes that end in a commit: Mark All as Read, removing a feed, subscribing. */
  quota_set (0);
  g_assert_false (drama_store_mark_all_read (store, DRAMA_ARTICLE_FILTER_ALL, 0, NULL, &error));
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FULL);
  g_clear_error (&error);
  quota_set (-1);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles WHERE read = 0"), ==, 40);

  quota_set (0);
  g_assert_false (drama_store_remove_feed (store, drama_feed_get_id (feed), NULL, NULL, &error));
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FULL);
  g_clear_error (&error);
  quota_set (-1);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM feeds"), ==, 1);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles"), ==, 40);

  /* Subscribing (the feed and its first articles in one transaction). */
  {
    g_autoptr(DramaFeed) second = drama_feed_new ();

    drama_feed_set_url (second, "https://news.example/second");
    quota_set (0);
    g_assert_false (drama_store_add_feed_with_articles (store, second, articles, NULL, &error));
    g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FULL);
    g_clear_error (&error);
    quota_set (-1);
    g_assert_cmpint (drama_feed_get_id (second), ==, 0);
    g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM feeds"), ==, 1);
  }

  close_store (&store);
  quota_vfs_remove ();
  tmp_lib_clear (&lib);
}

/* The parsers hand over valid UTF-8; the store is the last guard. A show named with bytes
 * that are not UTF-8 (and an article title with an encoded surrogate, as json-glib writes a
 * lone "\ud800") is stored with U+FFFD in their place, never as the bytes. */
static void
test_text_stored_as_utf8 (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaShow) show = make_show (81, "x\xff" "y");
  g_autoptr(DramaShow) found = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  g_assert_true (drama_store_save_show (store, show, NULL, NULL, &error));
  g_assert_no_error (error);
  feed = drama_store_add_feed (store, "https://news.example/utf8", "UTF-8", &error);
  g_assert_no_error (error);
  g_ptr_array_add (articles, make_article ("u1", "a\xed\xa0\x80" "b", "<p>fine</p>", NULL));
  g_assert_true (drama_store_save_articles (store, drama_feed_get_id (feed), articles, NULL,
                                            &error));
  g_assert_no_error (error);

  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM shows WHERE name = 'x' || char(65533) || 'y'"),
                   ==, 1);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles WHERE title = 'a' || char(65533) || 'b'"),
                   ==, 1);
  found = drama_store_find_show_by_tvmaze_id (store, 81, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (drama_show_get_name (found), -1, NULL));

  close_store (&store);
  tmp_lib_clear (&lib);
}

/* ---- shows ---- */

static void
test_save_show_upsert (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) listed_cast = NULL;
  g_autoptr(DramaShow) show = make_show (10, "Angel's Last Mission");
  g_autoptr(DramaShow) refreshed = make_show (10, "Angel's Last Mission: Love");
  g_autoptr(DramaShow) stored = NULL;
  const char * const aliases[] = { "ALM", NULL };
  const char * const akas[] = { "단, 하나의 사랑", NULL };
  gint64 now = now_unix ();
  gint64 ids[3];

  tmp_lib_init (&lib);
  store = open_store (&lib);

  g_ptr_array_add (episodes, make_episode (1001, 1, 1, "Episode 1", now - 30 * DAY));
  g_ptr_array_add (episodes, make_episode (1002, 1, 2, "Episode 2", now - 29 * DAY));
  g_ptr_array_add (episodes, make_episode (1003, 1, 3, "Episode 3", now - 23 * DAY));
  g_ptr_array_add (episodes, make_episode (1004, 1, 4, "Episode 4", now - 22 * DAY));
  g_ptr_array_add (cast, make_person (501, "Shin Hye Sun", "Lee Yeon Seo", 0));
  g_ptr_array_add (cast, make_person (502, "L", "Dan", 1));
  g_assert_true (drama_store_save_show (store, show, episodes, cast, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (drama_episode_get_id (g_ptr_array_index (episodes, i)), >, 0);

  /* The user watches 1, 2 and 4, and says things about the show. */
  ids[0] = drama_episode_get_id (g_ptr_array_index (episodes, 0));
  ids[1] = drama_episode_get_id (g_ptr_array_index (episodes, 1));
  ids[2] = drama_episode_get_id (g_ptr_array_index (episodes, 3));
  g_assert_true (drama_store_set_episodes_seen (store, ids, 3, now - DAY, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (drama_store_set_show_user_fields (store, drama_show_get_id (show),
                                                   DRAMA_WATCH_STATUS_WATCHING, 8, "Kim Myung Soo!", &error));
  g_assert_no_error (error);
  g_assert_true (drama_store_set_show_aliases (store, drama_show_get_id (show), aliases, &error));
  g_assert_true (drama_store_set_show_spoiler_guard (store, drama_show_get_id (show), FALSE, &error));
  g_assert_no_error (error);

  /* TVmaze later: a new title, episode 1 renamed, 2 re-dated, 3 (unseen) and 4 (seen) gone,
   * 5 added. The refreshed objects carry default user fields. */
  g_ptr_array_set_size (episodes, 0);
  g_ptr_array_add (episodes, make_episode (1001, 1, 1, "The Ballerina", now - 30 * DAY));
  g_ptr_array_add (episodes, make_episode (1002, 1, 2, "Episode 2", now - 28 * DAY));
  g_ptr_array_add (episodes, make_episode (1005, 1, 5, "Episode 5", now + 6 * DAY));
  g_ptr_array_set_size (cast, 0);
  g_ptr_array_add (cast, make_person (502, "Kim Myung Soo", "Dan", 0));
  drama_show_set_akas (refreshed, akas);
  g_assert_true (drama_store_save_show (store, refreshed, episodes, cast, &error));
  g_assert_no_error (error);
  g_assert_cmpint (drama_show_get_id (refreshed), ==, drama_show_get_id (show));
  /* The saved objects tell the truth about seen marks. */
  g_assert_cmpint (drama_episode_get_seen_at (g_ptr_array_index (episodes, 0)), ==, now - DAY);

  stored = drama_store_get_show (store, drama_show_get_id (show), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drama_show_get_name (stored), ==, "Angel's Last Mission: Love");
  g_assert_cmpstr (drama_show_get_akas (stored)[0], ==, "단, 하나의 사랑");
  g_assert_cmpint (drama_show_get_user_status (stored), ==, DRAMA_WATCH_STATUS_WATCHING);
  g_assert_cmpint (drama_show_get_rating (stored), ==, 8);
  g_assert_cmpstr (drama_show_get_notes (stored), ==, "Kim Myung Soo!");
  g_assert_cmpstr (drama_show_get_aliases (stored)[0], ==, "ALM");
  g_assert_false (drama_show_get_spoiler_guard (stored));
  g_assert_cmpint (drama_show_get_last_watched_at (stored), ==, now - DAY);

  listed = drama_store_list_episodes (store, drama_show_get_id (show), &error);
  g_assert_no_error (error);
  /* 1, 2, 4 (seen, so kept although TVmaze dropped it), 5 */
  g_assert_cmpuint (listed->len, ==, 4);
  g_assert_cmpstr (drama_episode_get_name (g_ptr_array_index (listed, 0)), ==, "The Ballerina");
  g_assert_cmpint (drama_episode_get_seen_at (g_ptr_array_index (listed, 0)), ==, now - DAY);
  g_assert_cmpint (drama_episode_get_airstamp (g_ptr_array_index (listed, 1)), ==, now - 28 * DAY);
  g_assert_cmpint (drama_episode_get_seen_at (g_ptr_array_index (listed, 1)), ==, now - DAY);
  g_assert_cmpint (drama_episode_get_number (g_ptr_array_index (listed, 2)), ==, 4);
  g_assert_true (drama_episode_get_seen (g_ptr_array_index (listed, 2)));
  g_assert_cmpint (drama_episode_get_number (g_ptr_array_index (listed, 3)), ==, 5);
  g_assert_false (drama_episode_get_seen (g_ptr_array_index (listed, 3)));

  g_assert_cmpint (drama_show_get_episodes_total (stored), ==, 4);
  g_assert_cmpint (drama_show_get_episodes_aired (stored), ==, 3);
  g_assert_cmpint (drama_show_get_episodes_seen (stored), ==, 3);
  g_assert_nonnull (drama_show_get_next_episode (stored));
  g_assert_cmpint (drama_episode_get_tvmaze_id (drama_show_get_next_episode (stored)), ==, 1005);

  /* Credits replaced; the person updated in place. */
  listed_cast = drama_store_list_cast (store, drama_show_get_id (show), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed_cast->len, ==, 1);
  g_assert_cmpstr (drama_person_get_name (g_ptr_array_index (listed_cast, 0)), ==, "Kim Myung Soo");
  g_assert_cmpstr (drama_person_get_character (g_ptr_array_index (listed_cast, 0)), ==, "Dan");

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

/* When TVmaze replaces an episode by a new entry at the same place, the seen mark moves. */
static void
test_save_show_replaced_episode (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(DramaShow) show = make_show (11, "Replaced");
  gint64 now = now_unix ();
  gint64 id;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  g_ptr_array_add (episodes, make_episode (1101, 1, 1, "Old entry", now - 3 * DAY));
  g_assert_true (drama_store_save_show (store, show, episodes, NULL, &error));
  id = drama_episode_get_id (g_ptr_array_index (episodes, 0));
  g_assert_true (drama_store_set_episodes_seen (store, &id, 1, now - DAY, NULL, &error));
  g_assert_no_error (error);

  g_ptr_array_set_size (episodes, 0);
  g_ptr_array_add (episodes, make_episode (1199, 1, 1, "New entry", now - 3 * DAY));
  g_assert_true (drama_store_save_show (store, show, episodes, NULL, &error));
  g_assert_no_error (error);

  listed = drama_store_list_episodes (store, drama_show_get_id (show), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (drama_episode_get_name (g_ptr_array_index (listed, 0)), ==, "New entry");
  g_assert_cmpint (drama_episode_get_seen_at (g_ptr_array_index (listed, 0)), ==, now - DAY);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

static void
test_seen_survives_reopen (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(DramaShow) again = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  show = save_simple_show (store, 12, "Reply 1988", 5, 0, 0);
  id = episode_id (store, drama_show_get_id (show), 2);
  g_assert_true (drama_store_set_episodes_seen (store, &id, 1, 123456, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (&lib);
  listed = drama_store_list_episodes (store, drama_show_get_id (show), &error);
  g_assert_no_error (error);
  g_assert_cmpint (drama_episode_get_seen_at (g_ptr_array_index (listed, 2)), ==, 123456);
  g_assert_false (drama_episode_get_seen (g_ptr_array_index (listed, 1)));
  again = drama_store_get_show (store, drama_show_get_id (show), &error);
  g_assert_cmpint (drama_show_get_episodes_seen (again), ==, 1);
  g_assert_cmpint (drama_show_get_last_watched_at (again), ==, 123456);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

static void
test_seen_refuses_future (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(DramaShow) again = NULL;
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GArray) undone = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  g_autofree char *tomorrow_date = g_date_time_format (tomorrow, "%Y-%m-%d");
  DramaEpisode *date_only;
  DramaEpisode *no_date;
  gint64 now = now_unix ();
  gint64 ids[4];

  tmp_lib_init (&lib);
  store = open_store (&lib);
  show = make_show (13, "Future");
  g_ptr_array_add (episodes, make_episode (1301, 1, 1, "Aired", now - DAY));
  g_ptr_array_add (episodes, make_episode (1302, 1, 2, "Next week", now + 7 * DAY));
  date_only = make_episode (1303, 1, 3, "Tomorrow, time unknown", 0);
  drama_episode_set_airdate (date_only, tomorrow_date);
  g_ptr_array_add (episodes, date_only);
  no_date = make_episode (1304, 1, 4, "TBA", 0);
  g_ptr_array_add (episodes, no_date);
  g_assert_true (drama_store_save_show (store, show, episodes, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    ids[i] = drama_episode_get_id (g_ptr_array_index (episodes, i));

  g_assert_true (drama_store_set_episodes_seen (store, ids, 4, now, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, ids[0]);

  listed = drama_store_list_episodes (store, drama_show_get_id (show), &error);
  g_assert_true (drama_episode_get_seen (g_ptr_array_index (listed, 0)));
  for (guint i = 1; i < 4; i++)
    g_assert_false (drama_episode_get_seen (g_ptr_array_index (listed, i)));
  g_assert_false (drama_episode_has_aired (g_ptr_array_index (listed, 2), now));
  g_assert_false (drama_episode_has_aired (g_ptr_array_index (listed, 3), now));

  /* Undo: unmark exactly what was marked; last-watched goes back too. */
  g_assert_true (drama_store_set_episodes_seen (store, (gint64 *) (gpointer) changed->data, changed->len,
                                                0, &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (undone->len, ==, 1);
  again = drama_store_get_show (store, drama_show_get_id (show), &error);
  g_assert_cmpint (drama_show_get_episodes_seen (again), ==, 0);
  g_assert_cmpint (drama_show_get_last_watched_at (again), ==, 0);
  g_assert_cmpint (drama_show_get_episodes_aired (again), ==, 1);
  /* Next to air: tomorrow's (date only) before next week's; the undated one last. */
  g_assert_cmpint (drama_episode_get_tvmaze_id (drama_show_get_next_episode (again)), ==, 1303);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

static void
count_signal (gpointer user_data)
{
  (*(int *) user_data)++;
}

/* Opened on a thread of its own (the app does it while GTK starts): the thread that joins
 * owns the store, so a change it makes is signalled before the call returns, as with
 * drama_store_new (). A library that cannot be opened says so at the join. */
static void
test_open_in_thread (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *under_a_file = NULL;
  int changed = 0;

  tmp_lib_init (&lib);
  store = drama_store_open_join (drama_store_open_begin (lib.path), &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_signal_connect_swapped (store, "changed::show", G_CALLBACK (count_signal), &changed);
  {
    g_autoptr(DramaShow) show = save_simple_show (store, 1, "Moving", 20, 0, 0);
  }
  g_assert_cmpint (changed, >, 0);
  close_store (&store);

  /* Its folder is the library file itself. */
  under_a_file = g_build_filename (lib.path, "library.db", NULL);
  store = drama_store_open_join (drama_store_open_begin (under_a_file), &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  tmp_lib_clear (&lib);
}

static void
test_soft_delete (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaShow) kept = NULL;
  g_autoptr(DramaShow) removed = NULL;
  g_autoptr(DramaShow) missing = NULL;
  g_autoptr(DramaShow) back = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;
  int shows_changed = 0;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  kept = save_simple_show (store, 20, "Kept", 2, 0, 0);
  removed = save_simple_show (store, 21, "Removed", 2, 0, 0);
  g_signal_connect_swapped (store, "changed::show", G_CALLBACK (count_signal), &shows_changed);

  g_assert_true (drama_store_set_show_removed (store, drama_show_get_id (removed), TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shows_changed, ==, 1);
  shows = drama_store_list_shows (store, -1, NULL, DRAMA_SHOW_SORT_TITLE, &error);
  g_assert_cmpuint (shows->len, ==, 1);
  g_clear_pointer (&shows, g_ptr_array_unref);
  missing = drama_store_get_show (store, drama_show_get_id (removed), &error);
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);

  /* Undo */
  g_assert_true (drama_store_set_show_removed (store, drama_show_get_id (removed), FALSE, &error));
  g_assert_no_error (error);
  back = drama_store_get_show (store, drama_show_get_id (removed), &error);
  g_assert_no_error (error);
  g_assert_cmpint (drama_show_get_episodes_total (back), ==, 2);

  /* Removed for good at the next start, episodes with it. */
  g_assert_true (drama_store_set_show_removed (store, drama_show_get_id (removed), TRUE, &error));
  g_clear_object (&store);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM shows"), ==, 2);
  store = open_store (&lib);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM shows"), ==, 1);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM episodes"), ==, 2);

  store = open_store (&lib);
  g_assert_false (drama_store_set_show_removed (store, 9999, TRUE, &error));
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND);
  g_clear_object (&store);

  tmp_lib_clear (&lib);
}

static void
assert_names (GPtrArray  *shows,
              const char *expected)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < shows->len; i++)
    {
      if (i > 0)
        g_string_append_c (names, ',');
      g_string_append (names, drama_show_get_name (g_ptr_array_index (shows, i)));
    }
  g_assert_cmpstr (names->str, ==, expected);
}

/* Lists the shows a view would show and checks their names, in order. */
static void
assert_listed (DramaStore    *store,
               int            status,
               const char    *text,
               DramaShowSort  sort,
               const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = drama_store_list_shows (store, status, text, sort, &error);

  g_assert_no_error (error);
  assert_names (shows, expected);
}

static void
test_list_shows (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) a = NULL, b = NULL, c = NULL, d = NULL;
  const char * const akas[] = { "Sseulsseulhago Chanlanhasin Dokkaebi", NULL };
  const char * const aliases[] = { "The Goblin Show", NULL };
  GPtrArray *shows;
  gint64 id;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  /* a: next episode in 3 days; b: in 1 day; c: none to come; d: in 10 days */
  a = save_simple_show (store, 30, "Alchemy of Souls", 2, 2, 3 * DAY);
  b = save_simple_show (store, 31, "business Proposal", 2, 1, 1 * DAY);
  c = make_show (32, "Guardian");
  drama_show_set_original_name (c, "쓸쓸하고 찬란하神 - 도깨비");
  drama_show_set_akas (c, akas);
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();

    g_assert_true (drama_store_save_show (store, c, none, NULL, &error));
  }
  d = save_simple_show (store, 33, "Crash Landing on You", 1, 1, 10 * DAY);
  g_assert_true (drama_store_set_show_aliases (store, drama_show_get_id (c), aliases, &error));
  g_assert_true (drama_store_set_show_user_fields (store, drama_show_get_id (a), DRAMA_WATCH_STATUS_WATCHING, 0, NULL, &error));
  g_assert_true (drama_store_set_show_user_fields (store, drama_show_get_id (d), DRAMA_WATCH_STATUS_WATCHING, 0, NULL, &error));
  g_assert_no_error (error);
  id = episode_id (store, drama_show_get_id (b), 0);
  g_assert_true (drama_store_set_episodes_seen (store, &id, 1, 5000, NULL, &error));
  id = episode_id (store, drama_show_get_id (d), 0);
  g_assert_true (drama_store_set_episodes_seen (store, &id, 1, 9000, NULL, &error));
  g_assert_no_error (error);

  /* Case does not matter for the order. */
  assert_listed (store, -1, NULL, DRAMA_SHOW_SORT_TITLE,
                 "Alchemy of Souls,business Proposal,Crash Landing on You,Guardian");

  shows = drama_store_list_shows (store, -1, NULL, DRAMA_SHOW_SORT_NEXT_AIRING, &error);
  g_assert_no_error (error);
  assert_names (shows, "business Proposal,Alchemy of Souls,Crash Landing on You,Guardian");
  g_assert_null (drama_show_get_next_episode (g_ptr_array_index (shows, 3)));
  g_assert_cmpint (drama_show_get_episodes_total (g_ptr_array_index (shows, 0)), ==, 3);
  g_assert_cmpint (drama_show_get_episodes_aired (g_ptr_array_index (shows, 0)), ==, 2);
  g_assert_cmpint (drama_show_get_episodes_seen (g_ptr_array_index (shows, 0)), ==, 1);
  g_ptr_array_unref (shows);

  assert_listed (store, -1, NULL, DRAMA_SHOW_SORT_LAST_WATCHED,
                 "Crash Landing on You,business Proposal,Alchemy of Souls,Guardian");
  assert_listed (store, DRAMA_WATCH_STATUS_WATCHING, NULL, DRAMA_SHOW_SORT_TITLE,
                 "Alchemy of Souls,Crash Landing on You");

  /* Text: name, original name, akas and the user's aliases, any case. */
  assert_listed (store, -1, "PROPOSAL", DRAMA_SHOW_SORT_TITLE, "business Proposal");
  assert_listed (store, -1, "도깨비", DRAMA_SHOW_SORT_TITLE, "Guardian");
  assert_listed (store, -1, "dokkaebi", DRAMA_SHOW_SORT_TITLE, "Guardian");
  assert_listed (store, -1, "goblin", DRAMA_SHOW_SORT_TITLE, "Guardian");
  assert_listed (store, DRAMA_WATCH_STATUS_WATCHING, "goblin", DRAMA_SHOW_SORT_TITLE, "");
  g_assert_no_error (error);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

static void
test_upcoming (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) a = NULL, b = NULL, c = NULL, d = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (today, 5);
  g_autofree char *later_date = g_date_time_format (later, "%Y-%m-%d");
  DramaEpisode *e;
  gint64 now = now_unix ();

  tmp_lib_init (&lib);
  store = open_store (&lib);
  a = save_simple_show (store, 40, "Watching A", 3, 3, 2 * DAY);
  b = save_simple_show (store, 41, "Watching B", 1, 1, 1 * DAY);
  c = save_simple_show (store, 42, "Plan to watch", 0, 1, 1 * DAY);
  d = make_show (43, "Watching, date only");
  e = make_episode (4301, 1, 1, "Date only", 0);
  drama_episode_set_airdate (e, later_date);
  g_ptr_array_add (episodes, e);
  g_assert_true (drama_store_save_show (store, d, episodes, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      DramaShow *s = (DramaShow *[]) { a, b, d }[i];

      g_assert_true (drama_store_set_show_user_fields (store, drama_show_get_id (s),
                                                       DRAMA_WATCH_STATUS_WATCHING, 0, NULL, &error));
      g_assert_no_error (error);
    }

  upcoming = drama_store_list_upcoming (store, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upcoming->len, ==, 3);
  g_assert_cmpstr (drama_episode_get_show_name (g_ptr_array_index (upcoming, 0)), ==, "Watching B");
  g_assert_cmpstr (drama_episode_get_show_name (g_ptr_array_index (upcoming, 1)), ==, "Watching A");
  g_assert_cmpint (drama_episode_get_number (g_ptr_array_index (upcoming, 1)), ==, 4);
  g_assert_cmpint (drama_episode_get_airstamp (g_ptr_array_index (upcoming, 1)), ==, now + 2 * DAY);
  g_assert_cmpstr (drama_episode_get_show_name (g_ptr_array_index (upcoming, 2)), ==, "Watching, date only");

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

static void
test_hand_added (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = make_show (0, "My Hometown Drama");
  g_autoptr(DramaShow) other = make_show (0, "Another one");
  g_autoptr(DramaShow) stored = NULL;
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  gint64 now = now_unix ();
  gint64 id;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  for (int i = 1; i <= 16; i++)
    g_ptr_array_add (episodes, make_episode (0, 1, i, NULL, now - (17 - i) * DAY));
  g_assert_true (drama_store_save_show (store, show, episodes, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (drama_store_save_show (store, other, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (drama_show_get_id (other), !=, drama_show_get_id (show));

  id = drama_episode_get_id (g_ptr_array_index (episodes, 2));
  g_assert_true (drama_store_set_episodes_seen (store, &id, 1, now, NULL, &error));
  id = drama_episode_get_id (g_ptr_array_index (episodes, 13));
  g_assert_true (drama_store_set_episodes_seen (store, &id, 1, now, NULL, &error));
  g_assert_no_error (error);

  /* The user corrects it: 12 episodes, not 16, built afresh by the caller. Episode 3's
   * mark is kept; 14 was seen, so it stays too. */
  g_ptr_array_set_size (episodes, 0);
  for (int i = 1; i <= 12; i++)
    g_ptr_array_add (episodes, make_episode (0, 1, i, NULL, now - (17 - i) * DAY));
  g_assert_true (drama_store_save_show (store, show, episodes, NULL, &error));
  g_assert_no_error (error);

  listed = drama_store_list_episodes (store, drama_show_get_id (show), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 13);
  g_assert_true (drama_episode_get_seen (g_ptr_array_index (listed, 2)));
  g_assert_cmpint (drama_episode_get_number (g_ptr_array_index (listed, 12)), ==, 14);
  stored = drama_store_get_show (store, drama_show_get_id (show), &error);
  g_assert_cmpint (drama_show_get_tvmaze_id (stored), ==, 0);
  g_assert_cmpint (drama_show_get_episodes_total (stored), ==, 13);
  g_assert_cmpint (drama_show_get_episodes_seen (stored), ==, 2);
  /* Not a TVmaze show: nothing to refresh. */
  {
    g_autoptr(GPtrArray) refresh = drama_store_list_shows_to_refresh (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (refresh->len, ==, 0);
  }

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

static void
test_people (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) one = make_show (50, "Hotel del Luna");
  g_autoptr(DramaShow) two = make_show (51, "Dream High");
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(DramaPerson) person = NULL;
  const char * const aliases[] = { "IU", NULL };
  gint64 person_id;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  g_ptr_array_add (cast, make_person (600, "Lee Ji Eun", "Jang Man Wol", 0));
  g_assert_true (drama_store_save_show (store, one, NULL, cast, &error));
  person_id = drama_person_get_id (g_ptr_array_index (cast, 0));
  g_assert_true (drama_store_set_person_aliases (store, person_id, aliases, &error));
  g_assert_no_error (error);

  g_ptr_array_set_size (cast, 0);
  g_ptr_array_add (cast, make_person (600, "Lee Ji Eun", "Kim Pil Suk", 0));
  /* Two parts for one actor in one show. */
  g_ptr_array_add (cast, make_person (600, "Lee Ji Eun", "Pil Suk's double", 1));
  g_assert_true (drama_store_save_show (store, two, NULL, cast, &error));
  g_assert_no_error (error);
  g_assert_cmpint (drama_person_get_id (g_ptr_array_index (cast, 0)), ==, person_id);
  /* The user's alias survives a save from TVmaze data. */
  g_assert_cmpstr (drama_person_get_aliases (g_ptr_array_index (cast, 0))[0], ==, "IU");

  person = drama_store_get_person (store, person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drama_person_get_aliases (person)[0], ==, "IU");

  shows = drama_store_list_person_shows (store, person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shows->len, ==, 2);

  g_clear_pointer (&cast, g_ptr_array_unref);
  cast = drama_store_list_cast (store, drama_show_get_id (two), &error);
  g_assert_cmpuint (cast->len, ==, 1);
  g_assert_cmpstr (drama_person_get_character (g_ptr_array_index (cast, 0)), ==, "Kim Pil Suk / Pil Suk's double");

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

static void
test_to_refresh (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) running = NULL, ended = NULL, ended_long_ago = NULL, removed = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autofree char *sql = NULL;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  running = save_simple_show (store, 80, "Running", 1, 1, DAY);
  ended = make_show (81, "Ended lately");
  drama_show_set_status (ended, "Ended");
  g_assert_true (drama_store_save_show (store, ended, NULL, NULL, &error));
  ended_long_ago = make_show (82, "Ended long ago");
  drama_show_set_status (ended_long_ago, "Ended");
  g_assert_true (drama_store_save_show (store, ended_long_ago, NULL, NULL, &error));
  removed = save_simple_show (store, 83, "Removed", 1, 1, DAY);
  g_assert_true (drama_store_set_show_removed (store, drama_show_get_id (removed), TRUE, &error));
  g_assert_no_error (error);

  /* Another connection ages one show while the store is open (and the removed show is
   * still in the file, pending Undo). */
  sql = g_strdup_printf ("UPDATE shows SET refreshed_at = %" G_GINT64_FORMAT " WHERE tvmaze_id = 82",
                         now_unix () - 30 * DAY);
  raw_exec (lib.path, sql);

  shows = drama_store_list_shows_to_refresh (store, &error);
  g_assert_no_error (error);
  /* Stalest first. */
  assert_names (shows, "Ended long ago,Running");

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

/* Whatever a call reported as saved is on disk when the process is killed right after,
 * even with the WAL's index (-shm) lost too. */
static void
test_killed_after_write (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  const char *dir = g_getenv ("STORE_TEST_KILL_DIR");

  if (g_test_subprocess ())
    {
      g_autofree char *path = g_build_filename (dir, "library.db", NULL);
      DramaStore *child_store = drama_store_new (path, &error);
      DramaShow *child_show;
      gint64 id;

      g_assert_no_error (error);
      child_show = save_simple_show (child_store, 70, "Killed", 3, 0, 0);
      id = episode_id (child_store, drama_show_get_id (child_show), 1);
      g_assert_true (drama_store_set_episodes_seen (child_store, &id, 1, 4242, NULL, &error));
      g_assert_true (drama_store_set_show_user_fields (child_store, drama_show_get_id (child_show),
                                                       DRAMA_WATCH_STATUS_WATCHING, 6, "kept", &error));
      g_assert_no_error (error);
      raise (SIGKILL);
      return;
    }

  tmp_lib_init (&lib);
  g_setenv ("STORE_TEST_KILL_DIR", lib.dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
  g_unsetenv ("STORE_TEST_KILL_DIR");

  wal = g_strconcat (lib.path, "-wal", NULL);
  shm = g_strconcat (lib.path, "-shm", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_unlink (shm);

  store = open_store (&lib);
  g_assert_null (drama_store_get_moved_aside_path (store));
  show = drama_store_find_show_by_tvmaze_id (store, 70, &error);
  g_assert_no_error (error);
  g_assert_nonnull (show);
  g_assert_cmpint (drama_show_get_user_status (show), ==, DRAMA_WATCH_STATUS_WATCHING);
  g_assert_cmpstr (drama_show_get_notes (show), ==, "kept");
  episodes = drama_store_list_episodes (store, drama_show_get_id (show), &error);
  g_assert_cmpint (drama_episode_get_seen_at (g_ptr_array_index (episodes, 1)), ==, 4242);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

/* ---- signals and threads ---- */

typedef struct {
  GThread *main_thread;
  int      shows_changed;
  gint64   episodes_show_id;
  gboolean wrong_thread;
} SignalLog;

static void
on_shows_changed (DramaStore       *store,
                  DramaStoreChange *change,
                  SignalLog        *log)
{
  if (g_thread_self () != log->main_thread)
    log->wrong_thread = TRUE;
  log->shows_changed++;
}

static void
on_episodes_changed (DramaStore       *store,
                     DramaStoreChange *change,
                     SignalLog        *log)
{
  gint64 show_id = drama_store_change_get_show_id (change);

  if (g_thread_self () != log->main_thread)
    log->wrong_thread = TRUE;
  log->episodes_show_id = show_id;
}

static gpointer
worker_change (gpointer data)
{
  gpointer *args = data;
  DramaStore *store = args[0];
  gint64 show_id = *(gint64 *) args[1];
  g_autoptr(GError) error = NULL;

  if (!drama_store_set_show_user_fields (store, show_id, DRAMA_WATCH_STATUS_ON_HOLD, 5, "from a thread", &error))
    return g_strdup (error->message);
  return NULL;
}

static void
test_signals (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(DramaShow) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *thread_error = NULL;
  SignalLog log = { g_thread_self (), 0, 0, FALSE };
  gpointer args[2];
  gint64 show_id;
  GThread *thread;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  g_signal_connect (store, "changed::show", G_CALLBACK (on_shows_changed), &log);
  g_signal_connect (store, "changed::episode", G_CALLBACK (on_episodes_changed), &log);

  show = save_simple_show (store, 60, "Signals", 1, 0, 0);
  show_id = drama_show_get_id (show);
  g_assert_cmpint (log.shows_changed, ==, 1);
  g_assert_cmpint (log.episodes_show_id, ==, show_id);

  /* A change made on a worker thread is announced on the main context, later. */
  args[0] = store;
  args[1] = &show_id;
  thread = g_thread_new ("store-worker", worker_change, args);
  thread_error = g_thread_join (thread);
  g_assert_null (thread_error);
  g_assert_cmpint (log.shows_changed, ==, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (log.shows_changed, ==, 2);
  g_assert_false (log.wrong_thread);

  stored = drama_store_get_show (store, show_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (drama_show_get_user_status (stored), ==, DRAMA_WATCH_STATUS_ON_HOLD);
  g_assert_cmpstr (drama_show_get_notes (stored), ==, "from a thread");

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

/* ---- the model objects ---- */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(int *) user_data)++;
}

static void
test_model_notify (void)
{
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(DramaFeed) feed = drama_feed_new ();
  const char * const days[] = { "Wednesday", "Thursday", NULL };
  const char * const same_days[] = { "Wednesday", "Thursday", NULL };
  const char * const empty[] = { NULL };
  g_auto(GStrv) got = NULL;
  gint64 added_at = 0;
  int notified = 0;

  g_assert_cmpint (drama_show_get_user_status (show), ==, DRAMA_WATCH_STATUS_PLAN_TO_WATCH);
  g_assert_true (drama_show_get_spoiler_guard (show));
  g_assert_nonnull (drama_show_get_genres (show));
  g_assert_null (drama_show_get_genres (show)[0]);

  g_signal_connect (show, "notify", G_CALLBACK (count_notify), &notified);
  drama_show_set_name (show, "Vincenzo");
  drama_show_set_name (show, "Vincenzo");
  g_assert_cmpint (notified, ==, 1);
  drama_show_set_schedule_days (show, days);
  drama_show_set_schedule_days (show, same_days);
  g_assert_cmpint (notified, ==, 2);
  g_object_set (show, "rating", 7, NULL);
  g_object_set (show, "rating", 7, NULL);
  g_assert_cmpint (notified, ==, 3);
  g_assert_cmpint (drama_show_get_rating (show), ==, 7);
  drama_show_set_schedule_days (show, empty);
  drama_show_set_schedule_days (show, NULL);
  g_assert_cmpint (notified, ==, 4);
  /* A boolean is kept as TRUE or FALSE, so another true value is no change. */
  drama_show_set_spoiler_guard (show, 2);
  g_assert_cmpint (notified, ==, 4);
  g_assert_cmpint (drama_show_get_spoiler_guard (show), ==, TRUE);
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  g_object_set (show, "user-status", DRAMA_WATCH_STATUS_WATCHING, NULL);
  g_assert_cmpint (notified, ==, 5);
  drama_show_set_added_at (show, G_GINT64_CONSTANT (1) << 40);
  g_object_get (show, "added-at", &added_at, NULL);
  g_assert_cmpint (added_at, ==, G_GINT64_CONSTANT (1) << 40);
  g_assert_cmpint (notified, ==, 6);
  drama_show_set_status (show, "Ended");
  g_assert_true (drama_show_is_ended (show));
  g_object_get (show, "schedule-days", &got, NULL);
  g_assert_null (got);
  g_assert_cmpstr (drama_watch_status_to_label (DRAMA_WATCH_STATUS_ON_HOLD), ==, "On Hold");

  drama_feed_set_url (feed, "https://example.com/rss");
  g_assert_cmpstr (drama_feed_get_display_title (feed), ==, "https://example.com/rss");
  drama_feed_set_title (feed, "Soompi");
  g_assert_cmpstr (drama_feed_get_display_title (feed), ==, "Soompi");
  drama_feed_set_custom_title (feed, "K-news");
  g_assert_cmpstr (drama_feed_get_display_title (feed), ==, "K-news");
}

/* ---- the store's thread ---- */

typedef struct {
  GArray *order;   /* job numbers (gint), in the order their callbacks ran */
  guint   pending;
} JobLog;

static gpointer
write_batch_job (DramaStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gint64 feed_id = ((gint64 *) data)[0];
  gint64 batch = ((gint64 *) data)[1];
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *guid = g_strdup_printf ("b%" G_GINT64_FORMAT "-%d", batch, i);

      g_ptr_array_add (articles, make_article (guid, "A long write", "<p>Body text</p>", NULL));
    }
  if (!drama_store_save_articles (store, feed_id, articles, NULL, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

static void
on_job_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  JobLog *log = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  int number = 0;  /* a write; the read logs -1 */

  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_array_append_val (log->order, number);
  log->pending--;
}

static void
on_feeds_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  JobLog *log = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = drama_store_list_finish (DRAMA_STORE (source), result, &error);
  int number = -1;

  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, 1);
  g_array_append_val (log->order, number);
  log->pending--;
}

/* A read the user waits for overtakes the background writes queued before it: it comes
 * back after at most the one write already running, not after all of them. */
static void
test_thread_priority (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  JobLog log = { g_array_new (FALSE, FALSE, sizeof (int)), 0 };
  guint read_position = G_MAXUINT;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  feed = drama_store_add_feed (store, "http://127.0.0.1/feed", "Feed", &error);
  g_assert_no_error (error);

  /* The callbacks run on this thread's main context, in the order the jobs finished. */
  for (int i = 0; i < 20; i++)
    {
      gint64 *data = g_new (gint64, 2);

      data[0] = drama_feed_get_id (feed);
      data[1] = i;
      drama_store_call_async (store, G_PRIORITY_LOW, write_batch_job, data, g_free, NULL,
                              NULL, on_job_done, &log);
      log.pending++;
    }
  drama_store_list_feeds_async (store, NULL, on_feeds_listed, &log);
  log.pending++;
  while (log.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < log.order->len; i++)
    if (g_array_index (log.order, int, i) == -1)
      read_position = i;
  g_assert_cmpuint (read_position, <=, 1);
  g_array_unref (log.order);
  close_store (&store);
  tmp_lib_clear (&lib);
}

static gpointer
count_feeds_job (DramaStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) feeds = drama_store_list_feeds (store, error);

  return feeds != NULL ? GUINT_TO_POINTER (feeds->len + 1) : NULL;
}

static gpointer
worker_call_sync (gpointer data)
{
  return drama_store_call_sync (data, count_feeds_job, NULL, NULL, NULL);
}

static void
on_cancelled_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;

  g_assert_null (drama_store_call_finish (DRAMA_STORE (source), result, error));
}

static gpointer
must_not_run_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_assert_not_reached ();
}

/* A worker waits for its own job; a job cancelled before its turn never runs; and the
 * store, dropped while a job is queued, lives until the job is done. */
static void
test_thread_sync_and_cancel (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GError *cancel_error = NULL;
  GThread *thread;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  thread = g_thread_new ("worker", worker_call_sync, store);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (thread)), ==, 1);

  g_cancellable_cancel (cancellable);
  drama_store_call_async (store, G_PRIORITY_DEFAULT, must_not_run_job, NULL, NULL, NULL,
                          cancellable, on_cancelled_done, &cancel_error);
  g_clear_object (&store);  /* the queued job keeps it */
  while (cancel_error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (cancel_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancel_error);
  tmp_lib_clear (&lib);
}

/* The app turns the guard on: a blocking call from the main thread is a critical. */
static void
test_thread_guard (void)
{
  if (g_test_subprocess ())
    {
      TmpLib lib;
      g_autoptr(DramaStore) store = NULL;
      g_autoptr(GPtrArray) feeds = NULL;

      tmp_lib_init (&lib);
      store = open_store (&lib);
      drama_store_set_thread_guard (store, TRUE);
      feeds = drama_store_list_feeds (store, NULL);
      tmp_lib_clear (&lib);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*library call off the store's thread*");
}

static gpointer
list_feeds_job (DramaStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return drama_store_list_feeds (store, error);
}

static gpointer
worker_lists_feeds (gpointer data)
{
  DramaStore *store = data;

  return drama_store_list_feeds (store, NULL);
}

static gpointer
worker_routes_feeds (gpointer data)
{
  DramaStore *store = data;

  return drama_store_call_sync (store, list_feeds_job, NULL, NULL, NULL);
}

/* With the guard on, SQLite is the store's thread's alone: a worker that takes the lock is
 * caught; one that hands its read to the store's thread gets its answer. */
static void
test_thread_guard_workers (void)
{
  if (g_test_subprocess ())
    {
      TmpLib lib;
      g_autoptr(DramaStore) store = NULL;
      g_autoptr(GPtrArray) feeds = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DramaFeed) feed = NULL;

      tmp_lib_init (&lib);
      store = open_store (&lib);
      feed = drama_store_add_feed (store, "https://a.example.com/feed", "A", &error);
      g_assert_no_error (error);
      drama_store_set_thread_guard (store, TRUE);

      feeds = g_thread_join (g_thread_new ("routed", worker_routes_feeds, store));
      g_assert_nonnull (feeds);
      g_assert_cmpuint (feeds->len, ==, 1);
      g_printerr ("routed read answered\n");
      g_clear_pointer (&feeds, g_ptr_array_unref);

      feeds = g_thread_join (g_thread_new ("direct", worker_lists_feeds, store));
      tmp_lib_clear (&lib);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*routed read answered*library call off the store's thread*");
}

/* ---- schema version 5: the text column, the date-keyed index, the upgrade ---- */

#define KEY_SQL(row) \
  "((MIN(MAX(" row ".published, 0), 4294967295) << 31) | (2147483647 - " row ".id))"

/* The index holds exactly the articles that have a text, under their key, and is sound. */
static void
assert_index_consistent (const char *path)
{
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM articles_fts"), ==,
                   raw_int (path, "SELECT count(*) FROM articles WHERE text IS NOT NULL"));
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM articles a WHERE a.text IS NOT NULL AND"
                                  " NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.rowid = " KEY_SQL ("a") ")"),
                   ==, 0);
  /* Every article without text is still to be done: listed, or below the upgrade's cursor. */
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM articles_todo t JOIN articles a ON a.id = t.id"
                                  " WHERE a.text IS NOT NULL"), ==, 0);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM articles a WHERE a.text IS NULL"
                                  " AND a.id NOT IN (SELECT id FROM articles_todo) AND a.id >="
                                  " IFNULL((SELECT value FROM meta WHERE key = 'text_upgrade_below'), 0)"),
                   ==, 0);
  /* Dramalist's batches leave no mark that would keep the triggers from indexing. */
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM articles_fts_batch"), ==, 0);
  raw_exec (path, "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check');");
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static GArray *
search_ids (DramaStore *store,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = drama_store_list_article_ids (store, DRAMA_ARTICLE_FILTER_ALL, 0, text, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

/* Another program, with nothing of ours loaded (no SQL function of Dramalist), inserts,
 * changes and deletes articles: the index follows, in date order. */
static void
test_search_plain_sql (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint left = 0;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  feed = drama_store_add_feed (store, "https://news.example/feed", "News", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  raw_exec (lib.path,
            "INSERT INTO articles (id, feed_id, guid, title, text, published)"
            " VALUES (10, 1, 'x', 'Raw title', 'zebra crossing', 1000),"
            "        (11, 1, 'y', 'Other', 'zebra again', 2000);");
  store = open_store (&lib);
  ids = search_ids (store, "zebra");
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 11);   /* newest first */
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 10);
  g_clear_pointer (&ids, g_array_unref);
  g_assert_cmpuint (n_found (store, "raw"), ==, 1);

  /* Text, title and date changed by hand: found by the new words, in the new order. */
  raw_exec (lib.path, "UPDATE articles SET text = 'giraffe and zebra', title = 'Okapi news',"
                      " published = 3000 WHERE id = 10;");
  g_assert_cmpuint (n_found (store, "crossing"), ==, 0);
  g_assert_cmpuint (n_found (store, "raw"), ==, 0);
  g_assert_cmpuint (n_found (store, "okapi giraffe"), ==, 1);
  ids = search_ids (store, "zebra");
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 10);
  g_clear_pointer (&ids, g_array_unref);

  /* Marking read does not touch the index. */
  raw_exec (lib.path, "UPDATE articles SET read = 1, starred = 1 WHERE id = 10;");
  g_assert_cmpuint (n_found (store, "okapi"), ==, 1);
  assert_index_consistent (lib.path);

  /* An article without text waits for the upgrade step, which makes it from the HTML. */
  raw_exec (lib.path, "INSERT INTO articles (id, feed_id, guid, title, summary, published)"
                      " VALUES (12, 1, 'z', 'Plain', '<p>Hippo <b>sighted</b></p>', 4000);");
  g_assert_cmpuint (n_found (store, "hippo"), ==, 0);
  g_assert_cmpuint (drama_store_get_upgrade_left (store, &error), ==, 1);
  g_assert_no_error (error);
  assert_index_consistent (lib.path);
  g_assert_true (drama_store_upgrade_step (store, 0, &left, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (left, ==, 0);
  g_assert_cmpuint (n_found (store, "hippo sighted"), ==, 1);
  g_assert_cmpint (raw_int (lib.path, "SELECT text = 'Hippo sighted' FROM articles WHERE id = 12"), ==, 1);

  /* Text set to NULL: out of the index until made again. */
  raw_exec (lib.path, "UPDATE articles SET text = NULL WHERE id = 12;");
  g_assert_cmpuint (n_found (store, "hippo"), ==, 0);
  g_assert_cmpuint (drama_store_get_upgrade_left (store, &error), ==, 1);
  assert_index_consistent (lib.path);
  finish_upgrade (store);
  g_assert_cmpuint (n_found (store, "hippo"), ==, 1);

  /* Deleted by hand, and by the feed going. */
  raw_exec (lib.path, "DELETE FROM articles WHERE id = 11;");
  g_assert_cmpuint (n_found (store, "zebra"), ==, 1);
  assert_index_consistent (lib.path);
  g_assert_true (drama_store_remove_feed (store, drama_feed_get_id (feed), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles_fts"), ==, 0);
  assert_index_consistent (lib.path);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

/* The clamped date in the sort key (drama-store-private.h). */
static gint64
key_date (gint64 published)
{
  return CLAMP (published, 0, G_GINT64_CONSTANT (4294967295));
}

typedef struct {
  gint64 id;
  gint64 published;
} Dated;

static int
compare_key_order (gconstpointer a,
                   gconstpointer b)
{
  const Dated *x = a, *y = b;
  gint64 px = key_date (x->published), py = key_date (y->published);

  if (px != py)
    return px > py ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Whether every word of query is the start of a word of the article's title or text (the
 * documented search, for the ASCII text of this test). */
static gboolean
matches (DramaArticle *article,
         const char   *text,
         const char   *query)
{
  g_autofree char *joined = g_strconcat (drama_article_get_title (article), " ", text, NULL);
  g_autofree char *all = g_ascii_strdown (joined, -1);
  g_auto(GStrv) words = g_strsplit_set (all, " \n.,-:", -1);
  g_auto(GStrv) wanted = g_strsplit (query, " ", -1);

  for (guint w = 0; wanted[w] != NULL; w++)
    {
      gboolean found = FALSE;

      for (guint i = 0; !found && words[i] != NULL; i++)
        found = *words[i] != '\0' && g_str_has_prefix (words[i], wanted[w]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Every list with a search is the list without it, cut to the matches, newest first by the
 * key; search_articles gives the first of them; read flags come along. */
static void
test_search_filters (void)
{
  static const char * const queries[] = { "drama", "queen", "kim soo", "lovely runner", "dra",
                                          "nomatch", "tears drama" };
  static const gint64 dates[] = { 1000, 5000, 5000, 5000, 0, -86400, 90000,
                                  G_GINT64_CONSTANT (4294967296), G_GINT64_CONSTANT (4294967295) + 999 };
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaFeed) feed1 = NULL;
  g_autoptr(DramaFeed) feed2 = NULL;
  g_autoptr(DramaShow) queen = NULL;
  g_autoptr(DramaShow) runner = NULL;
  g_autoptr(DramaShow) goblin = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(DramaMatcher) matcher = NULL;
  g_autoptr(GArray) all_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 kim_id = 0;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  {
    g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);

    queen = make_show (1, "Queen of Tears");
    g_ptr_array_add (cast, make_person (501, "Kim Soo-hyun", "Baek Hyun-woo", 0));
    g_assert_true (drama_store_save_show (store, queen, NULL, cast, &error));
    g_assert_no_error (error);
    kim_id = drama_person_get_id (g_ptr_array_index (cast, 0));
  }
  {
    g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);

    runner = make_show (2, "Lovely Runner");
    g_ptr_array_add (cast, make_person (502, "Byeon Woo-seok", "Ryu Sun-jae", 0));
    g_assert_true (drama_store_save_show (store, runner, NULL, cast, &error));
    g_assert_no_error (error);
  }
  goblin = make_show (3, "Goblin");
  g_assert_true (drama_store_save_show (store, goblin, NULL, NULL, &error));
  g_assert_true (drama_store_set_show_removed (store, drama_show_get_id (goblin), TRUE, &error));
  g_assert_no_error (error);

  feed1 = drama_store_add_feed (store, "https://one.example/feed", "One", &error);
  feed2 = drama_store_add_feed (store, "https://two.example/feed", "Two", &error);
  g_assert_no_error (error);

  for (guint f = 0; f < 2; f++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) new_ids = NULL;

      for (guint i = 0; i < 18; i++)
        {
          guint n = f * 18 + i;
          g_autofree char *guid = g_strdup_printf ("a%u", n);
          g_autofree char *title = g_strdup_printf ("%s number %u",
                                                    (const char *[]) { "Queen of Tears recap", "Lovely Runner",
                                                                       "Weekly drama news", "Goblin rerun" }[n % 4], n);
          g_autofree char *summary = g_strdup_printf ("<p>%s said <b>hello</b></p>",
                                                      n % 3 == 0 ? "Kim Soo-hyun" : "Byeon Woo-seok");
          g_autofree char *content = g_strdup_printf ("<p>A %s story.</p>", n % 2 ? "drama" : "dramatic");
          DramaArticle *article = make_article (guid, title, summary, content);

          drama_article_set_published (article, dates[n % G_N_ELEMENTS (dates)]);
          g_ptr_array_add (batch, article);
        }
      g_assert_true (drama_store_save_articles (store, drama_feed_get_id (f == 0 ? feed1 : feed2),
                                                batch, &new_ids, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < batch->len; i++)
        {
          DramaArticle *article = g_ptr_array_index (batch, i);
          gint64 id = drama_article_get_id (article);

          g_hash_table_insert (texts, g_memdup2 (&id, sizeof id),
                               drama_html_article_text (drama_article_get_summary (article),
                                                        drama_article_get_content (article)));
          g_array_append_val (all_ids, id);
          if (id % 3 == 0)
            g_assert_true (drama_store_set_article_read (store, id, TRUE, &error));
          if (id % 5 == 0)
            g_assert_true (drama_store_set_article_starred (store, id, TRUE, &error));
          g_assert_no_error (error);
        }
    }
  matcher = drama_store_build_matcher (store, &error);
  g_assert_no_error (error);
  g_assert_true (drama_store_link_articles (store, matcher, (const gint64 *) (gpointer) all_ids->data,
                                            all_ids->len, &error));
  g_assert_no_error (error);
  g_ptr_array_extend_and_steal (all, drama_store_get_articles (store, (const gint64 *) (gpointer) all_ids->data,
                                                               all_ids->len, &error));
  g_assert_no_error (error);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      struct {
        DramaArticleFilter filter;
        gint64 id;
      } lists[] = {
        { DRAMA_ARTICLE_FILTER_ALL, 0 }, { DRAMA_ARTICLE_FILTER_UNREAD, 0 },
        { DRAMA_ARTICLE_FILTER_STARRED, 0 }, { DRAMA_ARTICLE_FILTER_FEED, drama_feed_get_id (feed2) },
        { DRAMA_ARTICLE_FILTER_MY_SHOWS, 0 }, { DRAMA_ARTICLE_FILTER_SHOW, drama_show_get_id (queen) },
        { DRAMA_ARTICLE_FILTER_PERSON, kim_id },
      };
      g_autoptr(GArray) expected_all = NULL;

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        {
          g_autoptr(GArray) plain = drama_store_list_article_ids (store, lists[l].filter, lists[l].id,
                                                                  NULL, NULL, &error);
          g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (Dated));
          g_autoptr(GArray) flags = NULL;
          g_autoptr(GArray) ids = NULL;

          g_assert_no_error (error);
          for (guint i = 0; i < plain->len; i++)
            {
              gint64 id = g_array_index (plain, gint64, i);

              for (guint a = 0; a < all->len; a++)
                {
                  DramaArticle *article = g_ptr_array_index (all, a);

                  if (drama_article_get_id (article) == id &&
                      matches (article, g_hash_table_lookup (texts, &id), queries[q]))
                    {
                      Dated d = { id, drama_article_get_published (article) };

                      g_array_append_val (expected, d);
                    }
                }
            }
          g_array_sort (expected, compare_key_order);

          ids = drama_store_list_article_ids (store, lists[l].filter, lists[l].id, queries[q],
                                              &flags, &error);
          g_assert_no_error (error);
          g_test_message ("“%s”, filter %d: %u articles", queries[q], lists[l].filter, ids->len);
          g_assert_cmpuint (ids->len, ==, expected->len);
          g_assert_cmpuint (flags->len, ==, ids->len);
          for (guint i = 0; i < ids->len; i++)
            {
              gint64 id = g_array_index (ids, gint64, i);
              g_autoptr(DramaArticle) article = drama_store_get_article (store, id, &error);

              g_assert_cmpint (id, ==, g_array_index (expected, Dated, i).id);
              g_assert_cmpint (g_array_index (flags, guint8, i), ==, drama_article_get_read (article));
            }
          if (lists[l].filter == DRAMA_ARTICLE_FILTER_ALL)
            expected_all = g_array_ref (expected);
        }

      /* The search page: the first of the same list. */
      {
        g_autoptr(GPtrArray) found = drama_store_search_articles (store, queries[q], 3, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (found->len, ==, MIN (3, expected_all->len));
        for (guint i = 0; i < found->len; i++)
          g_assert_cmpint (drama_article_get_id (g_ptr_array_index (found, i)), ==,
                           g_array_index (expected_all, Dated, i).id);
      }
    }

  /* A refresh that dates an article anew moves it in the search results too. */
  {
    DramaArticle *oldest = NULL;
    g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) now_all = NULL;
    g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (Dated));
    g_autoptr(GArray) ids = NULL;

    for (guint a = 0; a < all->len; a++)
      if (drama_article_get_feed_id (g_ptr_array_index (all, a)) == drama_feed_get_id (feed1) &&
          (oldest == NULL || drama_article_get_published (g_ptr_array_index (all, a)) <
                             drama_article_get_published (oldest)))
        oldest = g_ptr_array_index (all, a);
    g_ptr_array_add (again, make_article (drama_article_get_guid (oldest), drama_article_get_title (oldest),
                                          drama_article_get_summary (oldest), drama_article_get_content (oldest)));
    drama_article_set_published (g_ptr_array_index (again, 0), G_GINT64_CONSTANT (3000000000));
    g_assert_true (drama_store_save_articles (store, drama_feed_get_id (feed1), again, NULL, &error));
    g_assert_no_error (error);

    now_all = drama_store_get_articles (store, (const gint64 *) (gpointer) all_ids->data, all_ids->len, &error);
    g_assert_no_error (error);
    for (guint a = 0; a < now_all->len; a++)
      {
        Dated d = { drama_article_get_id (g_ptr_array_index (now_all, a)),
                    drama_article_get_published (g_ptr_array_index (now_all, a)) };

        g_array_append_val (expected, d);
      }
    g_array_sort (expected, compare_key_order);
    ids = search_ids (store, "number");
    g_assert_cmpuint (ids->len, ==, expected->len);
    for (guint i = 0; i < ids->len; i++)
      g_assert_cmpint (g_array_index (ids, gint64, i), ==, g_array_index (expected, Dated, i).id);
    /* Only the articles dated after 2106 come before it now. */
    {
      guint n_later = 0;

      for (guint a = 0; a < now_all->len; a++)
        n_later += drama_article_get_published (g_ptr_array_index (now_all, a)) > G_GINT64_CONSTANT (3000000000);
      g_assert_cmpuint (n_later, ==, 8);
      g_assert_cmpint (g_array_index (ids, gint64, n_later), ==, drama_article_get_id (oldest));
    }
  }
  assert_index_consistent (lib.path);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

/* The plain text is made once, by whoever parsed the HTML: saving an article that comes with
 * it, linking it, removing its feed and putting it back parse nothing; the matcher reads
 * the stored text. An article that comes without one gets it made by the store. */
static void
test_text_once (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(DramaFeed) removed = NULL;
  g_autoptr(DramaShow) queen = NULL;
  g_autoptr(DramaMatcher) matcher = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) plain = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) removed_articles = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  guint before;

  tmp_lib_init (&lib);
  store = open_store (&lib);
  queen = save_simple_show (store, 1, "Queen of Tears", 2, 0, 0);
  feed = drama_store_add_feed (store, "https://news.example/feed", "News", &error);
  g_assert_no_error (error);
  matcher = drama_store_build_matcher (store, &error);
  g_assert_no_error (error);

  /* As the feed parser hands it over: the text says what the HTML says. Here it names the
   * show where the HTML does not, so what the matcher read shows. */
  g_ptr_array_add (articles, make_article ("a1", "Ratings", "<p>Weekend ratings</p>", "<p>Up.</p>"));
  drama_article_set_text (g_ptr_array_index (articles, 0), "Queen of Tears leads the weekend");
  before = _drama_html_get_n_parses ();
  g_assert_true (drama_store_save_articles (store, drama_feed_get_id (feed), articles, &ids, &error));
  g_assert_no_error (error);
  id = g_array_index (ids, gint64, 0);
  g_assert_true (drama_store_link_articles (store, matcher, &id, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_drama_html_get_n_parses () - before, ==, 0);
  shows = drama_store_list_article_shows (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shows->len, ==, 1);
  g_assert_cmpint (drama_show_get_id (g_ptr_array_index (shows, 0)), ==, drama_show_get_id (queen));
  g_assert_cmpuint (n_found (store, "leads"), ==, 1);

  /* Without text: the store makes it, from summary and content, and leaves the caller's
   * article as it was (it may change its HTML and be saved again). */
  g_ptr_array_add (plain, make_article ("a2", "Plain", "<p>Hello <b>there</b></p>", "<p>General Kenobi</p>"));
  before = _drama_html_get_n_parses ();
  g_assert_true (drama_store_save_articles (store, drama_feed_get_id (feed), plain, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_drama_html_get_n_parses () - before, ==, 2);
  g_assert_null (drama_article_get_text (g_ptr_array_index (plain, 0)));
  g_assert_cmpint (raw_int (lib.path, "SELECT text = 'Hello there' || char(10) || char(10) || 'General Kenobi'"
                                      " FROM articles WHERE guid = 'a2'"), ==, 1);
  g_object_set (g_ptr_array_index (plain, 0), "content", "<p>Hello there, again</p>", NULL);
  g_assert_true (drama_store_save_articles (store, drama_feed_get_id (feed), plain, NULL, &error));
  g_assert_cmpuint (n_found (store, "kenobi"), ==, 0);
  g_assert_cmpuint (n_found (store, "again"), ==, 1);

  /* Unsubscribing and Undo keep the text as it was, without parsing. */
  g_assert_true (drama_store_remove_feed (store, drama_feed_get_id (feed), &removed, &removed_articles, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found (store, "leads"), ==, 0);
  before = _drama_html_get_n_parses ();
  g_assert_true (drama_store_restore_feed (store, removed, removed_articles, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_drama_html_get_n_parses () - before, ==, 0);
  g_assert_cmpuint (n_found (store, "leads weekend"), ==, 1);
  g_assert_cmpuint (n_found (store, "again"), ==, 1);
  assert_index_consistent (lib.path);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

/* ---- upgrading a version 4 library ---- */

/* drama_text () as version 4 of Dramalist registered it: its triggers call it. */
static void
sql_v4_drama_text (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  const char *html = (const char *) sqlite3_value_text (argv[0]);

  if (html == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, drama_html_to_text (html), -1, g_free);
}

/* Version 3 as released (with migration 4 on top, version 4 has nothing else new). */
#define V3_BODY(row) \
  "IFNULL(drama_text(" row ".summary), '') || ' ' || IFNULL(drama_text(" row ".content), '')"
static const char v4_changes[] =
  "DROP TRIGGER IF EXISTS articles_fts_insert;"
  "DROP TRIGGER IF EXISTS articles_fts_delete;"
  "DROP TRIGGER IF EXISTS articles_fts_update;"
  "DROP TABLE IF EXISTS articles_fts;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body);"
  "INSERT INTO articles_fts(rowid, title, body)"
  " SELECT a.id, a.title, " V3_BODY ("a") " FROM articles a;"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  " INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, " V3_BODY ("new") ");"
  " END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  " DELETE FROM articles_fts WHERE rowid = old.id;"
  " END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, content ON articles"
  " WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary"
  " OR old.content IS NOT new.content BEGIN"
  " DELETE FROM articles_fts WHERE rowid = old.id;"
  " INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, " V3_BODY ("new") ");"
  " END;"
  "DROP INDEX IF EXISTS articles_published;"
  "CREATE INDEX articles_published ON articles(published DESC, id, read);"
  "PRAGMA user_version = 4;";

#define V4_ARTICLES 300

/* A version 4 library as that version wrote it: V4_ARTICLES articles with their index, each
 * with a word of its own ("uniqN"), read and starred marks, and a link each. */
static void
make_v4_library (const char *path)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  GString *sql = g_string_new ("BEGIN;"
                               "INSERT INTO feeds (id, url, title) VALUES (1, 'https://news.example/feed', 'News');"
                               "INSERT INTO shows (id, tvmaze_id, name) VALUES (1, 1, 'Queen of Tears');");

  raw_exec (path, v1_schema);
  raw_exec (path, v1_fts_triggers);
  raw_exec (path, v2_changes);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_create_function (db, "drama_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                            NULL, sql_v4_drama_text, NULL, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, v4_changes, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("v4: %s", errmsg);
  for (guint i = 1; i <= V4_ARTICLES; i++)
    {
      g_string_append_printf (sql, "INSERT INTO articles (id, feed_id, guid, title, summary, content,"
                              " published, read, starred) VALUES (%u, 1, 'g%u', 'Article %u',"
                              " '<p>uniq%u <b>summary</b></p>', '<p>About Queen of Tears</p>', %u, %d, %d);"
                              "INSERT INTO article_links (article_id, show_id, matched, place)"
                              " VALUES (%u, 1, 'Queen of Tears', 1);",
                              i, i, i, i, 100000 + i * 60, i % 3 == 0, i % 7 == 0, i);
    }
  g_string_append (sql, "COMMIT;");
  if (sqlite3_exec (db, sql->str, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("v4 data: %s", errmsg);
  sqlite3_close (db);
  g_string_free (sql, TRUE);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'uniq1'"), ==, 1);
}

/* Opening a version 4 library only changes its schema; the text of its articles is made
 * step by step, each step one transaction, so that a process killed in the middle loses
 * nothing and the next start goes on where it stopped. */
static void
test_upgrade_from_v4_killed (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint left = 0, progress = 0, left_after_kill;
  int pipe_fds[2];
  int status = 0;
  pid_t pid;

  tmp_lib_init (&lib);
  make_v4_library (lib.path);

  store = open_store (&lib);
  g_assert_cmpint (raw_int (lib.path, "PRAGMA user_version"), ==, DRAMA_STORE_SCHEMA_VERSION);
  /* Left: every article, and the old index (set aside, emptied by the same steps). */
  g_assert_cmpuint (drama_store_get_upgrade_left (store, &error), ==, V4_ARTICLES + 1);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles_fts_old_content"), ==, V4_ARTICLES);
  /* Until done, search finds the articles already done, newest first by id. */
  g_assert_cmpuint (n_found (store, "uniq"), ==, 0);
  g_assert_true (drama_store_upgrade_step (store, 10, &left, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (left, ==, V4_ARTICLES - 10 + 1);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles_fts_old_content"), ==, V4_ARTICLES - 20);
  ids = search_ids (store, "uniq");
  g_assert_cmpuint (ids->len, ==, 10);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, V4_ARTICLES);
  g_clear_pointer (&ids, g_array_unref);
  g_assert_cmpuint (n_found (store, "uniq300"), ==, 1);
  g_assert_cmpuint (n_found (store, "uniq1"), ==, 0);
  g_clear_object (&store);
  assert_index_consistent (lib.path);

  /* Another process goes on, three articles a step, and is killed mid-way. */
  g_assert_cmpint (pipe (pipe_fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      DramaStore *child = drama_store_new (lib.path, NULL);
      guint child_left = 1;

      close (pipe_fds[0]);
      while (child != NULL && child_left > 0 &&
             drama_store_upgrade_step (child, 3, &child_left, NULL))
        {
          if (write (pipe_fds[1], &child_left, sizeof child_left) != sizeof child_left)
            break;
          g_usleep (1000);
        }
      _exit (0);
    }
  close (pipe_fds[1]);
  while (progress < 20 && read (pipe_fds[0], &left, sizeof left) == sizeof left)
    progress++;
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  close (pipe_fds[0]);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_assert_cmpuint (progress, ==, 20);

  /* Whatever the last step committed is there; the index agrees with the texts. */
  assert_index_consistent (lib.path);
  store = open_store (&lib);
  left_after_kill = (guint) raw_int (lib.path, "SELECT count(*) FROM articles WHERE text IS NULL");
  g_assert_cmpuint (drama_store_get_upgrade_left (store, &error), ==, left_after_kill + 1);
  g_assert_no_error (error);
  g_assert_cmpuint (left_after_kill, <=, V4_ARTICLES - 10 - 20 * 3);
  g_assert_cmpuint (left_after_kill, >, 0);
  g_assert_cmpuint (n_found (store, "uniq"), ==, V4_ARTICLES - left_after_kill);

  finish_upgrade (store);
  g_clear_object (&store);
  assert_index_consistent (lib.path);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'articles_fts_old%'"),
                   ==, 0);

  /* Every article is there, found by its own word, with its marks and its link. */
  store = open_store (&lib);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM articles"), ==, V4_ARTICLES);
  g_assert_cmpint (raw_int (lib.path, "SELECT count(*) FROM article_links"), ==, V4_ARTICLES);
  g_assert_cmpuint (n_found (store, "uniq"), ==, V4_ARTICLES);
  for (guint i = 1; i <= V4_ARTICLES; i++)
    {
      g_autofree char *word = g_strdup_printf ("uniq%u summary queen", i);
      g_autoptr(GPtrArray) found = drama_store_search_articles (store, word, 0, &error);
      g_autoptr(GPtrArray) article_shows = NULL;
      DramaArticle *article;

      g_assert_no_error (error);
      /* "uniq1" is the start of "uniq10" too: the exact one is the oldest. */
      g_assert_cmpuint (found->len, >=, 1);
      article = g_ptr_array_index (found, found->len - 1);
      g_assert_cmpint (drama_article_get_id (article), ==, i);
      g_assert_cmpint (drama_article_get_read (article), ==, i % 3 == 0);
      g_assert_cmpint (drama_article_get_starred (article), ==, i % 7 == 0);
      article_shows = drama_store_list_article_shows (store, i, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (article_shows->len, ==, 1);
    }
  ids = search_ids (store, "uniq");
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, V4_ARTICLES - i);

  g_clear_object (&store);
  tmp_lib_clear (&lib);
}

typedef struct {
  guint    last_done;
  guint    total;
  guint    reports;
  gboolean finished;
  gboolean ok;
} UpgradeLog;

static void
on_upgrade_progress (guint    done,
                     guint    total,
                     gpointer user_data)
{
  UpgradeLog *log = user_data;

  /* Never backwards, never past the total, one report per step. */
  g_assert_cmpuint (done, >=, log->last_done);
  g_assert_cmpuint (done, <=, total);
  log->last_done = done;
  log->total = total;
  log->reports++;
}

static void
on_upgraded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  UpgradeLog *log = user_data;
  g_autoptr(GError) error = NULL;

  log->ok = drama_store_upgrade_finish (DRAMA_STORE (source), result, &error);
  g_assert_no_error (error);
  log->finished = TRUE;
}

/* What the app does after its first frame: the whole upgrade in steps on the store's
 * thread, progress after each, every article searchable at the end, a read between two
 * steps answered without waiting for the rest. */
static void
test_upgrade_async (void)
{
  TmpLib lib;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  UpgradeLog log = { 0 };

  tmp_lib_init (&lib);
  make_v4_library (lib.path);
  store = open_store (&lib);
  drama_store_upgrade_async (store, on_upgrade_progress, &log, NULL, on_upgraded, &log);
  while (!log.finished)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (log.ok);
  g_assert_cmpuint (log.last_done, ==, log.total);
  g_assert_cmpuint (log.total, ==, V4_ARTICLES + 1);
  g_assert_cmpuint (log.reports, >=, 2);   /* steps of 200 over 300 articles */
  g_assert_cmpuint (drama_store_get_upgrade_left (store, &error), ==, 0);
  ids = search_ids (store, "uniq");
  g_assert_cmpuint (ids->len, ==, V4_ARTICLES);
  close_store (&store);
  assert_index_consistent (lib.path);
  tmp_lib_clear (&lib);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_now = g_get_real_time () / G_USEC_PER_SEC;

  g_test_add_func ("/store/schema/create", test_schema_create);
  g_test_add_func ("/store/schema/default-path", test_schema_default_path);
  g_test_add_func ("/store/schema/reopen", test_schema_reopen);
  g_test_add_func ("/store/schema/open-in-thread", test_open_in_thread);
  g_test_add_func ("/store/migrate/from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/migrate/from-v2", test_migrate_from_v2);
  g_test_add_func ("/store/search/plain-text", test_search_plain_text);
  g_test_add_func ("/store/open/corrupt-garbage", test_corrupt_garbage);
  g_test_add_func ("/store/open/corrupt-pages", test_corrupt_damaged_pages);
  g_test_add_func ("/store/open/too-new", test_too_new);
  g_test_add_func ("/store/open/read-only-location", test_read_only_location);
  g_test_add_func ("/store/open/path-is-folder", test_path_is_folder);
  g_test_add_func ("/store/write/disk-full", test_disk_full);
  g_test_add_func ("/store/write/disk-full-articles", test_disk_full_articles);
  g_test_add_func ("/store/write/text-stored-as-utf8", test_text_stored_as_utf8);
  g_test_add_func ("/store/shows/upsert", test_save_show_upsert);
  g_test_add_func ("/store/shows/replaced-episode", test_save_show_replaced_episode);
  g_test_add_func ("/store/shows/seen-survives-reopen", test_seen_survives_reopen);
  g_test_add_func ("/store/shows/seen-refuses-future", test_seen_refuses_future);
  g_test_add_func ("/store/shows/soft-delete", test_soft_delete);
  g_test_add_func ("/store/shows/list", test_list_shows);
  g_test_add_func ("/store/shows/upcoming", test_upcoming);
  g_test_add_func ("/store/shows/hand-added", test_hand_added);
  g_test_add_func ("/store/shows/people", test_people);
  g_test_add_func ("/store/shows/to-refresh", test_to_refresh);
  g_test_add_func ("/store/write/killed-after-write", test_killed_after_write);
  g_test_add_func ("/store/signals/threads", test_signals);
  g_test_add_func ("/store/thread/priority", test_thread_priority);
  g_test_add_func ("/store/integrity/weekly-in-background", test_integrity_weekly_in_background);
  g_test_add_func ("/store/thread/sync-and-cancel", test_thread_sync_and_cancel);
  g_test_add_func ("/store/thread/guard", test_thread_guard);
  g_test_add_func ("/store/thread/guard-workers", test_thread_guard_workers);
  g_test_add_func ("/store/model/notify", test_model_notify);

  g_test_add_func ("/store/search/plain-sql", test_search_plain_sql);
  g_test_add_func ("/store/search/filters", test_search_filters);
  g_test_add_func ("/store/search/text-once", test_text_once);
  g_test_add_func ("/store/migrate/from-v4-killed", test_upgrade_from_v4_killed);
  g_test_add_func ("/store/migrate/from-v4-in-background", test_upgrade_async);

  return g_test_run ();
}
