#pragma once

#include <gio/gio.h>

#include "drama-article.h"
#include "drama-episode.h"
#include "drama-feed.h"
#include "drama-person.h"
#include "drama-show.h"
#include "drama-store-change.h"
#include "drama-types.h"

G_BEGIN_DECLS

#define DRAMA_STORE_ERROR (drama_store_error_quark ())

typedef enum {
  DRAMA_STORE_ERROR_FAILED,
  DRAMA_STORE_ERROR_CORRUPT,
  DRAMA_STORE_ERROR_TOO_NEW,
  DRAMA_STORE_ERROR_READ_ONLY,
  DRAMA_STORE_ERROR_FULL,
  DRAMA_STORE_ERROR_NOT_FOUND,
  DRAMA_STORE_ERROR_EXISTS,
} DramaStoreError;

/* The schema version this build writes (PRAGMA user_version). */
#define DRAMA_STORE_SCHEMA_VERSION 6

#define DRAMA_TYPE_STORE (drama_store_get_type ())

/* The library: one SQLite file. Every public function takes the store's lock, so worker
 * threads may call it; every write is one transaction committed before the call returns.
 * Signals are emitted on the thread that created the store: at once when the change was
 * made there, else queued to the main context that was thread-default at creation:
 *   "changed::KIND" (DramaStoreChange *change)   KIND: show, episode, person, feed,
 *       article, link — what changed, why and which ids (drama-store-change.h)
 *   "aliases-changed" (DramaChangeKind kind, gint64 id)   a show's or person's aliases */
G_DECLARE_FINAL_TYPE (DramaStore, drama_store, DRAMA, STORE, GObject)

GQuark      drama_store_error_quark          (void);

/* Opening on a thread of its own, while the caller does other work (the app: GTK's own
 * start-up, ~100 ms in which the library's checks run too). _join () waits for it and
 * makes the calling thread the store's owner, as if it had called drama_store_new ().
 * Join exactly once. */
typedef struct _DramaStoreOpening DramaStoreOpening;
DramaStoreOpening *drama_store_open_begin   (const char         *path);
DramaStore *drama_store_open_join           (DramaStoreOpening  *opening,
                                             GError            **error);
/* NULL path = $XDG_DATA_HOME/dramalist/library.db */
DramaStore *drama_store_new                  (const char  *path,
                                              GError     **error);
const char *drama_store_get_path             (DramaStore  *self);
/* Non-NULL when a corrupt file was moved aside on open: the path it now has. */
const char *drama_store_get_moved_aside_path (DramaStore  *self);

/* ---- the store's thread: drama-store-thread.c ---- */

/* A job for the store's thread: runs there with the store, returns a result (or NULL with
 * error set). It may call any drama_store_* function (they run directly on that thread). */
typedef gpointer (*DramaStoreFunc) (DramaStore    *store,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* Runs func on the store's own thread, after the jobs queued before it with the same or a
 * more urgent priority (G_PRIORITY_HIGH for reads the user is waiting for, DEFAULT for the
 * user's changes, LOW for background work). callback runs on the caller's thread-default
 * main context. data is freed with data_free after the job; result_free frees a result
 * nobody finished. A cancelled job does not run. This is how the UI reads and writes: the
 * main thread never calls SQLite, nor waits on a lock a worker holds. */
void        drama_store_call_async           (DramaStore          *self,
                                              int                  priority,
                                              DramaStoreFunc       func,
                                              gpointer             data,
                                              GDestroyNotify       data_free,
                                              GDestroyNotify       result_free,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* What queues a job as drama_store_call_async () does: that function itself, or one that
 * wraps it (the app's drama_ui_call () counts the jobs its tests wait on). Services that
 * run store jobs take one (drama_show_refresher_set_call_func ()…). */
typedef void (*DramaStoreCallFunc) (DramaStore          *store,
                                    int                  priority,
                                    DramaStoreFunc       func,
                                    gpointer             data,
                                    GDestroyNotify       data_free,
                                    GDestroyNotify       result_free,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* The job's result (owned by the caller; NULL with error on failure or cancellation, NULL
 * without error when the job returned NULL). */
gpointer    drama_store_call_finish          (DramaStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Runs func on the store's thread and waits: how a worker (and a test) reads and writes.
 * On the store's thread func is simply called. The app's main thread never uses it. */
gpointer    drama_store_call_sync            (DramaStore          *self,
                                              DramaStoreFunc       func,
                                              gpointer             data,
                                              GCancellable        *cancellable,
                                              GError             **error);
/* The weekly check of the whole file (a second or more on a large library), run on the
 * store's thread at low priority; the app starts it after its first frame. Does nothing
 * when no check is due. DRAMA_STORE_ERROR_CORRUPT when the file is damaged (the next
 * start sets it aside), with a message for the user. */
void        drama_store_check_integrity_async  (DramaStore          *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    drama_store_check_integrity_finish (DramaStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);
gboolean    drama_store_get_integrity_check_due (DramaStore         *self);
/* With guard on, SQLite belongs to the store's thread: a store call that takes the lock on
 * any other thread (the UI's main thread, a worker) is reported with g_critical(). The app
 * turns it on, so that such a call fails the tests (G_DEBUG=fatal-criticals). */
void        drama_store_set_thread_guard      (DramaStore         *self,
                                               gboolean            guard);

/* The meta table: small key/value pairs ("shows_refreshed_at", "feeds_refreshed_at";
 * "created_at" in a library made by schema version 5 or later).
 * get returns NULL (no error) when the key is absent; set with value NULL deletes it. */
char       *drama_store_get_meta             (DramaStore  *self,
                                              const char  *key,
                                              GError     **error);
gboolean    drama_store_set_meta             (DramaStore  *self,
                                              const char  *key,
                                              const char  *value,
                                              GError     **error);

/* ---- upgrading an older library: drama-store-text.c ----
 *
 * Opening a library made by an older version changes only its schema (quick, whatever its
 * size). The plain text of its articles, which the full-text search and the matcher read, is
 * then made by these calls, from a worker thread, until nothing is left: until then search
 * finds only the articles already done (newest first by id) and the matcher parses the
 * others itself. Each step is one transaction: a step cut short by a crash or a kill loses
 * nothing, and the next one goes on where the last committed one ended. Articles that
 * another program inserted without text are picked up the same way. The steps also empty
 * the old search index a little at a time (dropping it at once took seconds). */

/* Makes the text of at most max_articles articles (0 = 200, about 0.1 s of writing with the
 * lock held on 100,000 articles): the HTML is parsed without the store lock, the results
 * written in one transaction. n_left (optional) receives how many
 * articles are still to do, for a progress display. */
gboolean    drama_store_upgrade_step         (DramaStore  *self,
                                              guint        max_articles,
                                              guint       *n_left,
                                              GError     **error);
/* Progress of a long job: done out of total (both in the job's own units). */
typedef void (*DramaStoreProgress) (guint    done,
                                    guint    total,
                                    gpointer user_data);
/* The whole upgrade in the background: drama_store_upgrade_step () job after job on the
 * store's thread at G_PRIORITY_LOW (the user's reads go between them), progress reported
 * after each on the caller's main context (none when nothing is left). Cancelling stops
 * it between steps; the next start goes on from there. */
void        drama_store_upgrade_async        (DramaStore          *self,
                                              DramaStoreProgress   progress,
                                              gpointer             progress_data,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    drama_store_upgrade_finish       (DramaStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* How many articles are still to do, plus 1 while the old search index is still being
 * emptied (0 = nothing left; then search covers every article). */
guint       drama_store_get_upgrade_left     (DramaStore  *self,
                                              GError     **error);

/* ---- shows: drama-store-shows.c ---- */

/* Saves a show with its episodes (DramaEpisode) and cast (DramaPerson with character and
 * cast-order) in one transaction. An existing show (same tvmaze-id, non-zero) is updated
 * but its user fields (user-status, rating, notes, aliases, spoiler-guard, added-at,
 * last-watched-at) are kept; episodes are matched by tvmaze-id and keep their seen marks;
 * an episode gone from TVmaze is deleted only if unseen. tvmaze-id 0 = added by hand:
 * always a new show (or, if the show already has an id, that show). Sets the id of the
 * show and of each episode. episodes/cast may be NULL (= leave them as they are).
 * Hand-added episodes (tvmaze-id 0) are matched by id, else by season + number; those of a
 * TVmaze show are kept when absent from episodes. A show removed for Undo stays removed
 * (a refresh racing the removal must not bring it back): when the user adds it again,
 * call drama_store_set_show_removed (…, FALSE) after saving. */
gboolean    drama_store_save_show              (DramaStore   *self,
                                                DramaShow    *show,
                                                GPtrArray    *episodes,
                                                GPtrArray    *cast,
                                                GError      **error);
/* With derived counts and next-episode. NOT_FOUND if absent (or removed).
 * Counts (episodes-total/aired/seen) leave out specials (number 0). */
DramaShow  *drama_store_get_show               (DramaStore   *self,
                                                gint64        id,
                                                GError      **error);
/* NULL without error when absent (or removed). */
DramaShow  *drama_store_find_show_by_tvmaze_id (DramaStore   *self,
                                                gint64        tvmaze_id,
                                                GError      **error);
/* status_filter: a DramaWatchStatus or -1 for all. text: NULL/"" or a case-insensitive
 * substring of the name, original name, akas or aliases. Returns DramaShow with derived
 * episodes-total/aired/seen and next-episode (the next unseen episode still to air). */
GPtrArray  *drama_store_list_shows             (DramaStore   *self,
                                                int           status_filter,
                                                const char   *text,
                                                DramaShowSort sort,
                                                GError      **error);
gboolean    drama_store_set_show_user_fields   (DramaStore   *self,
                                                gint64        show_id,
                                                DramaWatchStatus status,
                                                int           rating,
                                                const char   *notes,
                                                GError      **error);
gboolean    drama_store_set_show_aliases       (DramaStore   *self,
                                                gint64        show_id,
                                                const char * const *aliases,
                                                GError      **error);
gboolean    drama_store_set_show_spoiler_guard (DramaStore   *self,
                                                gint64        show_id,
                                                gboolean      spoiler_guard,
                                                GError      **error);
/* Soft delete (removed = TRUE) and its Undo (FALSE). Removed shows vanish from every list
 * and are purged for good at the next drama_store_new(). */
gboolean    drama_store_set_show_removed       (DramaStore   *self,
                                                gint64        show_id,
                                                gboolean      removed,
                                                GError      **error);
/* By season, number; specials (number 0) by air date within their season. */
GPtrArray  *drama_store_list_episodes          (DramaStore   *self,
                                                gint64        show_id,
                                                GError      **error);
/* seen_at 0 = mark unseen. Marking seen skips episodes that have not aired yet (and those
 * already seen) — an episode with no date at all counts as aired in a show added by hand
 * (tvmaze-id 0), as nothing says it is still to come; marking unseen skips unseen ones. changed_ids (optional, GArray of gint64)
 * receives the ids really changed, for Undo. Updates the shows' last-watched-at. */
gboolean    drama_store_set_episodes_seen      (DramaStore   *self,
                                                const gint64 *episode_ids,
                                                guint         n_ids,
                                                gint64        seen_at,
                                                GArray      **changed_ids,
                                                GError      **error);
/* DramaPerson with character and cast-order, by cast order. */
GPtrArray  *drama_store_list_cast              (DramaStore   *self,
                                                gint64        show_id,
                                                GError      **error);
/* For every WATCHING show, its next unseen episode still to air (airstamp >= now, or no
 * airstamp and airdate >= today), with show-name filled; sorted by air time. */
GPtrArray  *drama_store_list_upcoming          (DramaStore   *self,
                                                gint64        now,
                                                GError      **error);
DramaPerson *drama_store_get_person            (DramaStore   *self,
                                                gint64        person_id,
                                                GError      **error);
/* The (not removed) shows a person is credited in, with character/cast-order not set. */
GPtrArray  *drama_store_list_person_shows      (DramaStore   *self,
                                                gint64        person_id,
                                                GError      **error);
gboolean    drama_store_set_person_aliases     (DramaStore   *self,
                                                gint64        person_id,
                                                const char * const *aliases,
                                                GError      **error);
/* Shows worth asking TVmaze about again: on TVmaze, not removed, and either not ended or
 * not refreshed for a week. */
GPtrArray  *drama_store_list_shows_to_refresh  (DramaStore   *self,
                                                GError      **error);

/* ---- feeds: drama-store-feeds.c ---- */

/* Subscribes to url with title (may be NULL). EXISTS when the url is already subscribed.
 * Returns the stored feed (id set). */
DramaFeed  *drama_store_add_feed               (DramaStore   *self,
                                                const char   *url,
                                                const char   *title,
                                                GError      **error);
/* Adds a feed (url, title, site-url, etag, last-modified, last-success, last-fetch taken
 * from feed) together with its first articles in ONE transaction: either both are stored
 * or nothing is. Sets the id of feed; new_ids (optional) receives the new article ids. */
gboolean    drama_store_add_feed_with_articles (DramaStore   *self,
                                                DramaFeed    *feed,
                                                GPtrArray    *articles,
                                                GArray      **new_ids,
                                                GError      **error);
/* All feeds with unread-count and article-count, by display title. */
GPtrArray  *drama_store_list_feeds             (DramaStore   *self,
                                                GError      **error);
/* NOT_FOUND if absent. */
DramaFeed  *drama_store_get_feed               (DramaStore   *self,
                                                gint64        feed_id,
                                                GError      **error);
/* NULL without error when absent. */
DramaFeed  *drama_store_find_feed_by_url       (DramaStore   *self,
                                                const char   *url,
                                                GError      **error);
/* custom_title NULL or "" = back to the feed's own title. */
gboolean    drama_store_rename_feed            (DramaStore   *self,
                                                gint64        feed_id,
                                                const char   *custom_title,
                                                GError      **error);
/* Reader mode for every new article of the feed (its page loaded and extracted). */
gboolean    drama_store_set_feed_full_articles (DramaStore   *self,
                                                gint64        feed_id,
                                                gboolean      full_articles,
                                                GError      **error);
/* Deletes the feed and its articles in one transaction. For Undo, pass feed_out and
 * articles_out: they receive the feed and its articles (with read/starred) as they were
 * just before the delete; hand them to drama_store_restore_feed(). */
gboolean    drama_store_remove_feed            (DramaStore   *self,
                                                gint64        feed_id,
                                                DramaFeed   **feed_out,
                                                GPtrArray   **articles_out,
                                                GError      **error);
/* Undo of a removal: puts the feed back (same id when still free) with its articles
 * (same ids when still free, read/starred kept), in one transaction. EXISTS when the url
 * was subscribed again meanwhile. restored_ids (optional) receives the article ids, to be
 * linked again by the matcher (the links were deleted with the articles). */
gboolean    drama_store_restore_feed           (DramaStore   *self,
                                                DramaFeed    *feed,
                                                GPtrArray    *articles,
                                                GArray      **restored_ids,
                                                GError      **error);
/* Writes the fetch state of feed (by its id): url, title, site-url, etag, last-modified,
 * last-success, last-fetch, last-error, gone, retry-after. EXISTS when the new url (after
 * a permanent redirect) belongs to another subscribed feed. */
gboolean    drama_store_update_feed_state      (DramaStore   *self,
                                                DramaFeed    *feed,
                                                GError      **error);

/* ---- articles: drama-store-articles.c, their lists and search drama-store-article-lists.c ---- */

/* Saves a fetched batch of one feed in ONE transaction. Each article's text property (the
 * plain text of summary and content) is stored for search and matching; an article without
 * one gets it made here, before the store is locked. As for every call that stores articles
 * (drama_store_add_feed_with_articles, drama_store_restore_feed). Articles are matched by feed + guid
 * (a NULL guid is derived: link, else title + published); a known article is updated in
 * place when its text changed, keeping read/starred and, when the new copy has no date
 * (published 0), its stored date; a new one with published 0 gets fetched-at. Sets the id
 * of each article; new_ids (optional) receives the ids of new or changed articles, once. */
gboolean      drama_store_save_articles        (DramaStore         *self,
                                                gint64              feed_id,
                                                GPtrArray          *articles,
                                                GArray            **new_ids,
                                                GError            **error);
/* With feed-title. NOT_FOUND if absent. */
DramaArticle *drama_store_get_article          (DramaStore         *self,
                                                gint64              article_id,
                                                GError            **error);
/* The articles with these ids (with feed-title), in the same order; ids that no longer
 * exist are skipped. */
GPtrArray    *drama_store_get_articles         (DramaStore         *self,
                                                const gint64       *ids,
                                                guint               n_ids,
                                                GError            **error);
gboolean      drama_store_set_article_read     (DramaStore         *self,
                                                gint64              article_id,
                                                gboolean            read,
                                                GError            **error);
gboolean      drama_store_set_article_starred  (DramaStore         *self,
                                                gint64              article_id,
                                                gboolean            starred,
                                                GError            **error);
/* For Undo of "mark all read". */
gboolean      drama_store_set_articles_read    (DramaStore         *self,
                                                const gint64       *ids,
                                                guint               n_ids,
                                                gboolean            read,
                                                GError            **error);
/* Marks every unread article matching the filter read (filter_id: feed/show/person id).
 * changed_ids (optional) receives the ids really changed, for Undo. */
gboolean      drama_store_mark_all_read        (DramaStore         *self,
                                                DramaArticleFilter  filter,
                                                gint64              filter_id,
                                                GArray            **changed_ids,
                                                GError            **error);
/* Deletes unstarred articles both published and fetched before older_than (so an old
 * article a feed still carries is not deleted and re-added on every refresh).
 * n_deleted is optional. */
gboolean      drama_store_delete_old_articles  (DramaStore         *self,
                                                gint64              older_than,
                                                guint              *n_deleted,
                                                GError            **error);
/* Ids (GArray of gint64) of the articles matching filter (filter_id: feed/show/person id)
 * and search text (NULL/"" = all), newest first (published DESC, then id ASC: a batch with
 * one date keeps the feed's order). MY_SHOWS: linked
 * to a show on the watchlist or to a person credited in one; SHOW: linked to the show or
 * its cast; PERSON: linked to the person. Search text is free user input: each word is
 * matched as a prefix against the words of the title, summary and content (never their
 * HTML tags, attributes or URLs), all words must match, quotes and operators are plain text.
 * With search text the order comes from the search index's key, which knows dates from 1970
 * to 2106 only: articles dated outside sort among themselves by id at that end. While an
 * older library is being upgraded (drama_store_upgrade_step) only the articles already done
 * are found. read_flags (optional, GArray of guint8 parallel to the result) receives each
 * read flag. */
GArray       *drama_store_list_article_ids     (DramaStore         *self,
                                                DramaArticleFilter  filter,
                                                gint64              filter_id,
                                                const char         *search,
                                                GArray            **read_flags,
                                                GError            **error);
/* Full-text search, newest first, at most limit (0 = no limit) articles with feed-title:
 * the first of what drama_store_list_article_ids (ALL, text) lists, found without listing
 * the rest however common the words. */
GPtrArray    *drama_store_search_articles      (DramaStore         *self,
                                                const char         *text,
                                                guint               limit,
                                                GError            **error);

/* ---- reader mode: drama-store-full.c ---- */

/* Keeps the article's own page (full_html: extracted and sanitised) and makes text (the
 * plain text of its summary and that page, drama_html_join_text ()) its text: what search
 * and the matcher read from then on. Clears a failure kept before. NOT_FOUND if absent.
 * Emits "changed::article" (UPDATED); the caller relinks the article. */
gboolean      drama_store_set_article_full     (DramaStore         *self,
                                                gint64              article_id,
                                                const char         *full_html,
                                                const char         *text,
                                                GError            **error);
/* Keeps why loading the page failed, in words: the automatic loads do not try it again. */
gboolean      drama_store_set_article_full_error (DramaStore       *self,
                                                gint64              article_id,
                                                const char         *message,
                                                GError            **error);
/* Of these articles, those whose page is to be loaded on their own: their feed loads full
 * articles, they have a link, and no page nor failure yet. Newest first. */
GArray       *drama_store_list_articles_to_load (DramaStore        *self,
                                                const gint64       *article_ids,
                                                guint               n_ids,
                                                GError            **error);
/* The newest articles of the feed (at most limit) whose page is still to be loaded: a link,
 * no page nor failure yet. For a feed just set to load full articles. */
GArray       *drama_store_list_feed_articles_to_load (DramaStore   *self,
                                                gint64              feed_id,
                                                guint               limit,
                                                GError            **error);

/* ---- links: drama-store-dictionary.c, drama-store-linking.c ---- */

/* The matcher (drama-matcher.h); declared here so this header needs no other include. */
typedef struct _DramaMatcher DramaMatcher;

/* A matcher holding the watchlist: every show not removed (name, original name, akas,
 * aliases, final episode) and everyone credited in one (name, aliases, shows). Built. */
DramaMatcher *drama_store_build_matcher        (DramaStore    *self,
                                                GError       **error);
/* Replaces the links of these articles (headline = title; body = text of summary and
 * content) in ONE transaction, with the episode each show link names (by season, number).
 * Ids that no longer exist are skipped. Emits "changed::link". */
gboolean      drama_store_link_articles        (DramaStore    *self,
                                                DramaMatcher  *matcher,
                                                const gint64  *article_ids,
                                                guint          n_ids,
                                                GError       **error);
/* Relinks these articles, 500 per transaction (the lock released in between), writing only
 * those whose links change: one "changed::link" at the end with their ids (none when
 * nothing changed). For a dictionary change that touches a few thousand articles. */
gboolean      drama_store_relink_articles      (DramaStore    *self,
                                                DramaMatcher  *matcher,
                                                const gint64  *article_ids,
                                                guint          n_ids,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* Relinks every article, 500 per transaction (the lock is released in between, so other
 * threads keep using the store). Emits "changed::link" once at the end. */
gboolean      drama_store_relink_all           (DramaStore    *self,
                                                DramaMatcher  *matcher,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* Ids (GArray of gint64) of the articles linked to the show itself (not via its cast). */
GArray       *drama_store_list_show_linked_article_ids (DramaStore *self,
                                                gint64         show_id,
                                                GError       **error);
/* ---- for targeted relinks: drama-store-relink.c ---- */

/* Ids (GArray of gint64) of the articles linked to the person. */
GArray       *drama_store_list_person_linked_article_ids (DramaStore *self,
                                                gint64         person_id,
                                                GError       **error);
/* Ids (GArray of gint64, ascending) of the articles whose title, summary or content hold,
 * byte for byte (case and all), every string of one of sets (a GPtrArray of
 * NULL-terminated string arrays): a scan of every article, a few thousand per lock, for
 * words a word index cannot find (a Hangul name inside a longer word, "배우신혜선이"). */
GArray       *drama_store_list_articles_containing (DramaStore *self,
                                                GPtrArray     *sets,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* For each show with episodes, a digest of which episode row each season and number
 * names: what a link's episode points at. By show id. */
typedef struct {
  gint64  show_id;
  guint64 digest;
} DramaEpisodesDigest;
GArray       *drama_store_list_episode_digests (DramaStore    *self,
                                                GError       **error);

/* ---- links as the UI reads them: drama-store-link-queries.c, drama-store-people-search.c ---- */

/* The shows (not removed) an article names itself, DramaShow with id and name only, those
 * named in the headline first. Links through the cast alone do not count here. */
GPtrArray    *drama_store_list_article_shows   (DramaStore    *self,
                                                gint64         article_id,
                                                GError       **error);
/* The article's links as DramaMatch (drama-matcher.h): kind, target_id, matched, place,
 * season/episode of the recorded episode (0 = none); removed shows left out. */
GPtrArray    *drama_store_list_article_matches (DramaStore    *self,
                                                gint64         article_id,
                                                GError       **error);
/* The articles that name an episode of the show (the show's own links that record an
 * episode), DramaArticle with feed-title, newest first (published DESC, then id). An article
 * naming two episodes is listed twice. episode_ids receives the episode id of each article
 * (a GArray of gint64 parallel to the result). One query, for the show page's episode rows. */
GPtrArray    *drama_store_list_show_episode_articles (DramaStore *self,
                                                gint64         show_id,
                                                GArray       **episode_ids,
                                                GError       **error);
/* People credited in a show on the watchlist whose name or one of their aliases contains
 * text, compared after the matcher's normalisation (case, NFKC, dashes as spaces: "shin hye
 * sun" finds "Shin Hye-sun"), at most limit (0 = no limit), by name. Each DramaPerson has
 * character set to the role in the first show of theirs by title, and show_names (optional,
 * parallel, strings) receives that show's title. */
GPtrArray    *drama_store_search_people        (DramaStore    *self,
                                                const char    *text,
                                                guint          limit,
                                                GPtrArray    **show_names,
                                                GError       **error);
/* The shows on the watchlist (not removed) with someone in their cast whose name or one of
 * their aliases contains text, compared as drama_store_search_people does ("shin hye" finds
 * the show Shin Hye-sun is in), at most limit (0 = no limit), by title. GArray of gint64
 * show ids; person_names (optional, parallel, strings) receives the name of the first such
 * cast member by billing. */
GArray       *drama_store_search_cast_shows    (DramaStore    *self,
                                                const char    *text,
                                                guint          limit,
                                                GPtrArray    **person_names,
                                                GError       **error);
/* The episode an article names that the user has not seen, when both the global guard
 * (spoiler_guard, the setting) and the show's spoiler-guard are on; with show-name.
 * NULL without error when there is none. */
DramaEpisode *drama_store_get_article_spoiler  (DramaStore    *self,
                                                gint64         article_id,
                                                gboolean       spoiler_guard,
                                                GError       **error);
/* Sets "shows" (as drama_store_list_article_shows) and "spoiler-episode" (as
 * drama_store_get_article_spoiler) on each DramaArticle of articles, under one lock and in
 * two statements for all of them (a page of the article list). */
gboolean      drama_store_fill_article_links   (DramaStore    *self,
                                                GPtrArray     *articles,
                                                gboolean       spoiler_guard,
                                                GError       **error);

/* ---- _async forms for the UI: drama-store-async.c ----
 * Each is one job on the store's thread (reads at G_PRIORITY_HIGH, the user's writes at
 * DEFAULT); the result is what the blocking form returns. Reads that give a GPtrArray
 * finish with drama_store_list_finish (); boolean writes with drama_store_set_finish (). */

void        drama_store_list_shows_async      (DramaStore *self, int status_filter,
                                               const char *text, DramaShowSort sort,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
void        drama_store_list_feeds_async      (DramaStore *self, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
/* links: -1 = articles alone; else also their shows and spoiler episode, as
 * drama_store_fill_article_links () with spoiler_guard = links. */
void        drama_store_get_articles_async    (DramaStore *self, const gint64 *ids, guint n_ids,
                                               int links, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
GPtrArray  *drama_store_list_finish           (DramaStore *self, GAsyncResult *result,
                                               GError **error);

void        drama_store_set_articles_read_async    (DramaStore *self, const gint64 *ids,
                                                    guint n_ids, gboolean read,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer user_data);
void        drama_store_set_article_starred_async  (DramaStore *self, gint64 article_id,
                                                    gboolean starred,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer user_data);
gboolean    drama_store_set_finish                 (DramaStore *self, GAsyncResult *result,
                                                    GError **error);

/* Finish with drama_store_changed_ids_finish (): the ids really changed, for Undo. */
void        drama_store_set_episodes_seen_async (DramaStore *self, const gint64 *episode_ids,
                                                 guint n_ids, gint64 seen_at,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
void        drama_store_mark_all_read_async     (DramaStore *self, DramaArticleFilter filter,
                                                 gint64 filter_id, GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
GArray     *drama_store_changed_ids_finish      (DramaStore *self, GAsyncResult *result,
                                                 GError **error);

/* The feed as it was and (articles) its articles, for drama_store_restore_feed (). */
void        drama_store_remove_feed_async       (DramaStore *self, gint64 feed_id,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
DramaFeed  *drama_store_remove_feed_finish      (DramaStore *self, GAsyncResult *result,
                                                 GPtrArray **articles, GError **error);

/* ---- the desktop's search (GNOME Shell's search provider): drama-store-search.c ---- */

/* The shows on the watchlist (not removed) that every one of terms names: each term,
 * compared as drama_store_search_people does (case, NFKC, dashes as spaces), is found in the
 * title, original title, akas or aliases, or in the name or an alias of someone in the
 * cast. Those that their own names match first, then those found through their cast, each
 * by title; at most limit (0 = no limit). GArray of gint64 show ids; empty when terms hold
 * no word. */
GArray     *drama_store_search_shows_by_terms (DramaStore          *self,
                                               const char * const  *terms,
                                               guint                limit,
                                               GError             **error);
/* Ids (GArray of gint64) of the newest articles (published DESC, then id) linked to any of
 * these shows itself (not through the cast), at most limit. */
GArray     *drama_store_list_shows_recent_article_ids (DramaStore    *self,
                                                       const gint64  *show_ids,
                                                       guint          n_ids,
                                                       guint          limit,
                                                       GError       **error);

/* ---- the watchlist to a file and back: drama-store-transfer.c ---- */

/* What an import did: shows added, shows already there that took the file's additions,
 * seen marks added, and a line per show left out ("“Title”: why"). */
typedef struct {
  guint      n_added;
  guint      n_merged;
  guint      n_seen;
  GPtrArray *skipped;   /* char * */
} DramaImportSummary;

DramaImportSummary *drama_import_summary_new (void);
void        drama_import_summary_free        (DramaImportSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaImportSummary, drama_import_summary_free)

/* A show to import: the show (with the user's fields to give it), its episodes (seen-at:
 * the seen marks to give them) and cast (with aliases). */
typedef struct {
  DramaShow *show;
  GPtrArray *episodes;   /* DramaEpisode */
  GPtrArray *cast;       /* DramaPerson */
} DramaWatchlistEntry;

DramaWatchlistEntry *drama_watchlist_entry_new  (DramaShow           *show,
                                                 GPtrArray           *episodes,
                                                 GPtrArray           *cast);
void        drama_watchlist_entry_free       (DramaWatchlistEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaWatchlistEntry, drama_watchlist_entry_free)

/* The whole watchlist (every show with the user's fields, episodes with their seen marks
 * and dates, the cast with their aliases) as a JSON document, format
 * "dramalist-watchlist" version 1 (README.md, "Watchlist export"). */
char       *drama_store_export_watchlist     (DramaStore          *self,
                                              GError             **error);
/* Merges such a document into the library, in one transaction: a show already there (same
 * TVmaze id; by hand: same title) keeps its own status, rating and notes where set and
 * gains the file's aliases, episodes and seen marks; nothing is duplicated. A show that
 * cannot be read is left out and named in the summary; a document that is not one, or from
 * a newer version (DRAMA_STORE_ERROR_TOO_NEW), changes nothing. */
gboolean    drama_store_import_watchlist     (DramaStore          *self,
                                              const char          *data,
                                              gsize                length,
                                              DramaImportSummary **summary,
                                              GError             **error);
/* The same merge for entries (DramaWatchlistEntry) made elsewhere (a Trakt export), in one
 * transaction; the counts are added to summary. The entries' episodes lose their seen-at
 * on the way (the marks are given through the store's rules). */
gboolean    drama_store_import_entries       (DramaStore          *self,
                                              GPtrArray           *entries,
                                              DramaImportSummary  *summary,
                                              GError             **error);

/* ---- stage names the news proposed: drama-store-names.c ---- */

/* A name an article gave an actor (drama-stage-names.h), waiting for the user's answer. */
typedef struct {
  gint64  id;
  gint64  person_id;
  char   *name;            /* "L" */
  char   *group;           /* "INFINITE", or NULL */
  char   *character;       /* the character it was found with */
  gint64  article_id;      /* 0: the article is gone */
  char   *article_title;
} DramaNameProposal;

void        drama_name_proposal_free          (DramaNameProposal *proposal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaNameProposal, drama_name_proposal_free)

/* Keeps proposals (GPtrArray of DramaStageName) found in article_id: each actor and name
 * once (a name answered before is not asked again). Returns how many are new; a
 * person-updated change names their actors. */
guint       drama_store_add_name_proposals    (DramaStore          *self,
                                               gint64               article_id,
                                               GPtrArray           *proposals,
                                               GError             **error);
/* The proposals waiting for an answer, of one person (0: everyone's), oldest first:
 * GPtrArray of DramaNameProposal. */
GPtrArray  *drama_store_list_name_proposals   (DramaStore          *self,
                                               gint64               person_id,
                                               GError             **error);
/* accept: the name joins the actor's aliases (and "GROUP's NAME" with it), which the
 * matcher follows at once; else it is dismissed and not proposed again. NOT_FOUND when
 * already answered. */
gboolean    drama_store_resolve_name_proposal (DramaStore          *self,
                                               gint64               proposal_id,
                                               gboolean             accept,
                                               GError             **error);
/* An article tied to a show whose text may name a character's actor ("played by", " as ",
 * "역"): where the linker looks for stage names. */
typedef struct {
  gint64  article_id;
  gint64  show_id;
  char   *text;          /* title, a line break, the plain text */
} DramaNameSource;

void        drama_name_source_free            (DramaNameSource *source);
GPtrArray  *drama_store_list_name_sources     (DramaStore          *self,
                                               const gint64        *article_ids,
                                               guint                n_ids,
                                               GError             **error);

/* ---- casting news: drama-store-casting.c ----
 *
 * Drama titles that news about a followed actor names (drama-casting-titles.h), each looked
 * up on TVmaze once, and again later while TVmaze does not know it yet, for 28 days after
 * the first article named it; and which article named which, so that an article can offer
 * the drama TVmaze found ("Add to Plan to watch"). A title is kept by its key,
 * drama_store_casting_key (): "Lantern Street Diaries" and "LANTERN STREET DIARIES!" are one
 * title, looked up once. */

/* The key of a title: NFKC, case folded, letters and digits only (spaces, punctuation and
 * quotes dropped). "" when the title holds no letter or digit. */
char       *drama_store_casting_key           (const char          *title);

/* Keeps the titles (char *, as the article wrote them) that article_id names, found in news
 * tied to person_id: a title not seen before is stored, waiting to be looked up from now;
 * one already there keeps its first sighting and its state (one given up on is looked up
 * again: an article names it anew). Each is offered by the article. One transaction; titles
 * without a key, and an article that is gone, are skipped. An article given a title already
 * found gets a "changed::article" (UPDATED), so that an open article shows its offer. */
gboolean    drama_store_add_casting_titles    (DramaStore          *self,
                                               gint64               article_id,
                                               gint64               person_id,
                                               GPtrArray           *titles,
                                               gint64               now,
                                               GError             **error);

/* A title waiting to be looked up on TVmaze. */
typedef struct {
  char   *key;
  char   *title;      /* as the first article wrote it: the query */
  gint64  found_at;
  guint   tries;      /* lookups that found nothing so far */
} DramaCastingLookup;

void        drama_casting_lookup_free         (DramaCastingLookup  *lookup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaCastingLookup, drama_casting_lookup_free)

/* How long a title is looked for on TVmaze after the first article named it. */
#define DRAMA_CASTING_LOOKUP_DAYS 28

/* The titles due for a lookup at now: waiting, next try passed, named within the last
 * DRAMA_CASTING_LOOKUP_DAYS days (older ones are given up here), oldest first, at most
 * limit (0 = all). GPtrArray of DramaCastingLookup. */
GPtrArray  *drama_store_list_casting_lookups_due (DramaStore        *self,
                                               gint64               now,
                                               guint                limit,
                                               GError             **error);
/* What TVmaze said about the title of key. show: the drama it is (tvmaze-id, name,
 * premiered, network, image-medium, summary are kept), "changed::article" (UPDATED) names
 * the articles that offer it. NULL: not known yet; tried again after 6 h, then 12 h, 1 day,
 * 2 days and every 3 days, and given up when the next try would fall more than
 * DRAMA_CASTING_LOOKUP_DAYS days after the first sighting. A key not stored (or no longer
 * waiting) changes nothing. */
gboolean    drama_store_set_casting_result    (DramaStore          *self,
                                               const char          *key,
                                               DramaShow           *show,
                                               gint64               now,
                                               GError             **error);
/* The dramas the article offers: its titles TVmaze found that are not on the watchlist (no
 * show with that TVmaze id, or only a removed one), each drama once, in the order the
 * article named them. GPtrArray of DramaShow with tvmaze-id, name, premiered, network,
 * image-medium and summary. */
GPtrArray  *drama_store_list_article_offers   (DramaStore          *self,
                                               gint64               article_id,
                                               GError             **error);

/* An article tied to a followed actor: where casting news is looked for. */
typedef struct {
  gint64  article_id;
  gint64  person_id;   /* credited in a show on the watchlist; named in the headline first */
  char   *title;
  char   *text;        /* the plain text (articles.text) */
} DramaCastingSource;

void        drama_casting_source_free         (DramaCastingSource  *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaCastingSource, drama_casting_source_free)

/* Of these articles, those linked to someone credited in a show on the watchlist (not
 * removed), in the order given; ids that no longer exist are skipped. GPtrArray of
 * DramaCastingSource. */
GPtrArray  *drama_store_list_followed_articles (DramaStore         *self,
                                               const gint64        *article_ids,
                                               guint                n_ids,
                                               GError             **error);
/* Every title of the watchlist's shows (not removed): names, original names, akas and
 * aliases, NULL-terminated (what drama_casting_titles_find () is not to offer). Never NULL
 * without error. */
char      **drama_store_list_known_titles     (DramaStore          *self,
                                               GError             **error);

G_END_DECLS
