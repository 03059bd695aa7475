#pragma once

/* Shared by the store's core (drama-store.c: the object, signals, the thread glue;
 * -sql.c: lock, statements, transactions; -open.c; -errors.c; -schema.c) and the per-area
 * files (drama-store-shows.c, -feeds.c, -articles.c, -linking.c, -link-queries.c, …).
 * Every public store function:
 *
 *   _drama_store_lock (self);
 *   ... _drama_store_begin / _drama_store_prepare / sqlite3_step ... _drama_store_commit
 *   (or _drama_store_rollback on any error before the commit: a commit that fails has
 *   already rolled back, and rolling back again is a critical)
 *   _drama_store_unlock (self);
 *   _drama_store_notify (self, kind, reason, …);   (after a successful write)
 */

#include <sqlite3.h>

#include "drama-store.h"
#include "drama-store-thread.h"

G_BEGIN_DECLS

/* The instance. Its fields belong to the store's core files; the per-area files go through
 * the functions below. */
struct _DramaStore
{
  GObject       parent_instance;

  GRecMutex     lock;
  guint         lock_depth;     /* only touched while holding lock */
  sqlite3      *db;
  char         *path;
  char         *moved_aside_path;
  GHashTable   *statements;     /* SQL text → sqlite3_stmt */
  GPtrArray    *used_statements; /* handed out since the outermost lock: reset on unlock */
  guint         tx_depth;
  gboolean      tx_failed;
  GMainContext *context;
  GThread      *owner_thread;
  DramaStoreThread *thread;     /* where drama_store_call_async () runs jobs */
  gboolean      full_check_due; /* the weekly whole-file check, for after the first frame */
  gboolean      guarded;   /* SQLite only on the store's thread, never waited for here */
};

sqlite3      *_drama_store_get_db                (DramaStore  *self);

/* Emit "changed::KIND" on the store's main context (at once on that thread). ids may be
 * NULL with n_ids 0 for "many rows of this kind". */
void          _drama_store_notify                (DramaStore        *self,
                                                  DramaChangeKind    kind,
                                                  DramaChangeReason  reason,
                                                  gint64             show_id,
                                                  const gint64      *ids,
                                                  guint              n_ids);
void          _drama_store_notify_array          (DramaStore        *self,
                                                  DramaChangeKind    kind,
                                                  DramaChangeReason  reason,
                                                  gint64             show_id,
                                                  GArray            *ids);
void          _drama_store_notify_aliases        (DramaStore        *self,
                                                  DramaChangeKind    kind,
                                                  gint64             id);

/* A cached statement, reset and with bindings cleared, ready to bind. Owned by the store:
 * never finalize it. Must be used while holding the lock. */
sqlite3_stmt *_drama_store_prepare               (DramaStore  *self,
                                                  const char  *sql,
                                                  GError     **error);

/* Plain transactions (BEGIN IMMEDIATE so a writer never fails half-way on a lock).
 * Nesting is counted: an inner begin/commit pair does nothing, an inner rollback makes the
 * outermost commit roll back instead and fail. */
gboolean      _drama_store_begin                 (DramaStore  *self,
                                                  GError     **error);
gboolean      _drama_store_commit                (DramaStore  *self,
                                                  GError     **error);
void          _drama_store_rollback              (DramaStore  *self);

void          _drama_store_lock                  (DramaStore  *self);
void          _drama_store_unlock                (DramaStore  *self);

/* Runs SQL with no results (several statements allowed). */
gboolean      _drama_store_exec                  (DramaStore  *self,
                                                  const char  *sql,
                                                  GError     **error);

/* Sets error from the connection's last error: SQLITE_FULL → DRAMA_STORE_ERROR_FULL,
 * SQLITE_READONLY/SQLITE_PERM/SQLITE_CANTOPEN → READ_ONLY, SQLITE_CORRUPT/NOTADB → CORRUPT,
 * SQLITE_CONSTRAINT (unique) → EXISTS, anything else FAILED. what is a lower-case phrase,
 * translated: _("could not save the show") gives "The disk is full: could not save the show." */
void          _drama_store_set_error_from_sqlite (DramaStore  *self,
                                                  GError     **error,
                                                  const char  *what);

/* Same from an explicit result code (for sqlite3_step results). */
void          _drama_store_set_error_from_code   (DramaStore  *self,
                                                  GError     **error,
                                                  int          rc,
                                                  const char  *what);

/* Same with the message of the failure at hand (detail), for a connection that is not the
 * store's (drama-store-open.c looks at a file before opening it). */
void          _drama_set_error_from_code         (GError     **error,
                                                  int          rc,
                                                  const char  *detail,
                                                  const char  *what);

/* String lists are stored as '\n'-separated text; NULL/empty list ↔ NULL column. */
char         *_drama_strv_join                   (const char * const *strv);
char        **_drama_strv_split                  (const char  *text);

/* Column helpers: NULL-safe text binding and reading. */
void          _drama_bind_text                   (sqlite3_stmt *stmt,
                                                  int           index,
                                                  const char   *text);
const char   *_drama_column_text                 (sqlite3_stmt *stmt,
                                                  int           column);

/* ---- the full-text index (schema version 5, see drama-store-schema.c) ----
 *
 * Its rowid is a sort key whose ascending order is (published ASC, id DESC), so that rowid
 * DESC is the article list's order, newest first (published DESC, id ASC):
 *   key = (clamp (published, 0, 2^32 - 1) << 31) | (2^31 - 1 - id)
 * Limits: dates before 1970 sort as 1970 and dates from 2106 on as 2106 (among themselves by
 * id); ids must be below 2^31 (an article with a larger id, which only a program other than
 * Dramalist could make, is left out of the index). DRAMA_STORE_FTS_ID gives the id back. */
#define DRAMA_STORE_FTS_MAX_ID 2147483647
#define DRAMA_STORE_FTS_KEY(row) \
  "((MIN(MAX(" row ".published, 0), 4294967295) << 31) | (2147483647 - " row ".id))"
#define DRAMA_STORE_FTS_ID(key) "(2147483647 - ((" key ") & 2147483647))"
/* Whether an article row is in the index: it has its text, and an id the key can hold. */
#define DRAMA_STORE_FTS_INDEXED(row) \
  row ".text IS NOT NULL AND " row ".id BETWEEN 0 AND 2147483647"

static inline gint64
_drama_store_fts_key_to_id (gint64 key)
{
  return DRAMA_STORE_FTS_MAX_ID - (key & DRAMA_STORE_FTS_MAX_ID);
}

/* Runs "SELECT a.id[, a.read] FROM articles a WHERE <filter> [AND <search>] [AND extra]",
 * newest first; with read_flags, a parallel array of guint8 (1: read). A search takes no
 * extra. Called with the lock held (drama-store-article-lists.c; mark all read in
 * drama-store-articles.c lists through it too). */
GArray       *_drama_store_list_article_ids_locked (DramaStore          *self,
                                                    DramaArticleFilter   filter,
                                                    gint64               filter_id,
                                                    const char          *search,
                                                    const char          *extra,
                                                    GArray             **read_flags,
                                                    GError             **error);

/* ---- shared by drama-store-shows.c, -episodes.c and -people.c ---- */

/* TVmaze ids are UNIQUE columns: "added by hand" (0) is bound as NULL. */
void          _drama_bind_tvmaze_id              (sqlite3_stmt       *stmt,
                                                  int                 index,
                                                  gint64              tvmaze_id);
void          _drama_bind_strv                   (sqlite3_stmt       *stmt,
                                                  int                 index,
                                                  const char * const *strv);
/* Sets a strv property from a '\n'-separated column (left alone when NULL). */
void          _drama_set_strv_from_column        (GObject            *object,
                                                  const char         *property,
                                                  sqlite3_stmt       *stmt,
                                                  int                 column);
gint64        _drama_now_unix                    (void);
/* The user's local date of a Unix time, "YYYY-MM-DD". */
char         *_drama_local_date                  (gint64              now);
/* Steps once; TRUE on SQLITE_DONE or SQLITE_ROW, else sets error. */
gboolean      _drama_store_step_done             (DramaStore         *self,
                                                  sqlite3_stmt       *stmt,
                                                  const char         *what,
                                                  GError            **error);
void          _drama_set_not_found               (GError            **error,
                                                  const char         *message);

#define DRAMA_STORE_SHOW_COLUMNS \
  "s.id, s.tvmaze_id, s.name, s.original_name, s.language, s.status, s.premiered, s.ended," \
  " s.network, s.country, s.timezone, s.schedule_time, s.schedule_days, s.genres, s.akas," \
  " s.runtime, s.summary, s.image_medium, s.image_original, s.imdb, s.official_site," \
  " s.user_status, s.rating, s.notes, s.aliases, s.spoiler_guard, s.added_at," \
  " s.last_watched_at, s.tvmaze_updated, s.refreshed_at"
#define DRAMA_STORE_N_SHOW_COLUMNS 30

/* ?2 = now (Unix), ?3 = the local date. Specials (number 0) are not counted in the
 * progress: "16 / 16" means the story is done even if a making-of special is not. */
#define DRAMA_STORE_AIRED(e) \
  "((" e ".airstamp != 0 AND " e ".airstamp <= ?2) OR (" e ".airstamp = 0 AND" \
  " IFNULL(" e ".airdate, '') != '' AND " e ".airdate < ?3))"
#define DRAMA_STORE_AIR_ORDER(e) \
  "(" e ".airstamp = 0 AND IFNULL(" e ".airdate, '') = ''), " \
  "IFNULL(NULLIF(" e ".airdate, ''), date(" e ".airstamp, 'unixepoch')), " \
  e ".airstamp, " e ".season, " e ".number, " e ".id"
#define DRAMA_STORE_SHOW_DERIVED \
  ", (SELECT count(*) FROM episodes e WHERE e.show_id = s.id AND e.number != 0)" \
  ", (SELECT count(*) FROM episodes e WHERE e.show_id = s.id AND e.number != 0 AND " DRAMA_STORE_AIRED ("e") ")" \
  ", (SELECT count(*) FROM episodes e WHERE e.show_id = s.id AND e.number != 0 AND e.seen_at != 0)" \
  ", (SELECT e.id FROM episodes e WHERE e.show_id = s.id AND e.seen_at = 0 AND NOT " DRAMA_STORE_AIRED ("e") \
  "   ORDER BY " DRAMA_STORE_AIR_ORDER ("e") " LIMIT 1)"

#define DRAMA_STORE_EPISODE_COLUMNS \
  "e.id, e.show_id, e.tvmaze_id, e.season, e.number, e.name, e.airdate, e.airtime," \
  " e.airstamp, e.runtime, e.summary, e.seen_at"
#define DRAMA_STORE_N_EPISODE_COLUMNS 12

#define DRAMA_STORE_PERSON_COLUMNS "p.id, p.tvmaze_id, p.name, p.image_medium, p.image_original, p.aliases"
#define DRAMA_STORE_N_PERSON_COLUMNS 6

/* Row → object, for rows starting with the matching *_COLUMNS. */
DramaShow    *_drama_show_from_row               (sqlite3_stmt       *stmt);
DramaEpisode *_drama_episode_from_row            (sqlite3_stmt       *stmt);
DramaPerson  *_drama_person_from_row             (sqlite3_stmt       *stmt);

/* The parts of drama_store_save_show (), inside its transaction. */
gboolean      _drama_store_save_episodes         (DramaStore         *self,
                                                  gint64              show_id,
                                                  gboolean            hand_added_show,
                                                  GPtrArray          *episodes,
                                                  GError            **error);
gboolean      _drama_store_save_cast             (DramaStore         *self,
                                                  gint64              show_id,
                                                  GPtrArray          *cast,
                                                  GError            **error);

/* ---- the store's core ---- */

/* Upgrades the schema from from_version to DRAMA_STORE_SCHEMA_VERSION, a transaction a
 * version (drama-store-schema.c). */
gboolean      _drama_store_migrate               (DramaStore         *self,
                                                  int                 from_version,
                                                  GError            **error);
/* Closes the connection and drops the cached statements. */
void          _drama_store_close_db              (DramaStore         *self);

G_END_DECLS
