#pragma once

#include <gio/gio.h>

#include "drama-feed.h"
#include "drama-store.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_FEED_UPDATER (drama_feed_updater_get_type ())

/* Fetches feeds over HTTP and stores their articles. One SoupSession (User-Agent
 * "Dramalist/VERSION", a time-out, at most 2 connections per host and 8 in all); polite
 * fetching: conditional GET with the stored ETag/Last-Modified, Retry-After honoured on
 * 429/503, 410 stops a feed for good, 301/308 update the stored URL, at most 5 redirects,
 * a body-size cap. Errors of one feed are kept in its row (last-error); they never stop
 * the others. Network waits happen on the main context (async), parsing and storing in
 * worker threads; every signal is emitted on the main context:
 *
 *   "progress" (guint done, guint total)              during refresh_all
 *   "feed-updated" (gint64 feed_id, guint n_new)      after each feed fetched, whatever the outcome
 *   "articles-stored" (GArray *ids)                   gint64 ids of new or changed articles
 *                                                     (the matcher links them)
 *
 * Property "network-available" (gboolean): FALSE while the system is offline.
 * Property "unreachable" (gboolean): TRUE when every feed the last refresh_all fetched
 * failed for a network reason (no server answered: DRAMA_FEED_ERROR_NETWORK or TIMED_OUT),
 * whatever the network monitor says; FALSE again as soon as any server answers. */
G_DECLARE_FINAL_TYPE (DramaFeedUpdater, drama_feed_updater, DRAMA, FEED_UPDATER, GObject)

DramaFeedUpdater *drama_feed_updater_new                   (DramaStore        *store);

/* Seconds without an answer before a fetch fails (default 30). */
void              drama_feed_updater_set_timeout           (DramaFeedUpdater  *self,
                                                            guint              seconds);
/* Bodies larger than this fail with DRAMA_FEED_ERROR_TOO_LARGE (default 10 MB). */
void              drama_feed_updater_set_max_body_size     (DramaFeedUpdater  *self,
                                                            gsize              bytes);
/* After refresh_all, unstarred articles older than this are deleted; 0 = keep all
 * (default 90). */
void              drama_feed_updater_set_retention_days    (DramaFeedUpdater  *self,
                                                            guint              days);
/* The monitor that says whether we are online (default: g_network_monitor_get_default()). */
void              drama_feed_updater_set_network_monitor   (DramaFeedUpdater  *self,
                                                            GNetworkMonitor   *monitor);
gboolean          drama_feed_updater_get_network_available (DramaFeedUpdater  *self);
gboolean          drama_feed_updater_get_unreachable       (DramaFeedUpdater  *self);
/* TRUE while refresh_all runs. */
gboolean          drama_feed_updater_get_refreshing        (DramaFeedUpdater  *self);

/* What the user typed → an http(s) URL: spaces trimmed, "feed://" and "feed:" read as
 * http(s), a bare "soompi.com" as https://soompi.com. DRAMA_FEED_ERROR_INVALID_URL otherwise. */
char             *drama_feed_updater_normalize_url         (const char        *text,
                                                            GError           **error);

/* Subscribes to a feed URL, or to the feed a web page links to (<link rel="alternate">).
 * The feed and its first articles are stored together or not at all. Errors:
 * DRAMA_FEED_ERROR_* (NOT_A_FEED: "This page is not a feed and links to none"),
 * DRAMA_STORE_ERROR_EXISTS when already subscribed. */
void              drama_feed_updater_subscribe_async       (DramaFeedUpdater  *self,
                                                            const char        *url,
                                                            GCancellable      *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer           user_data);
DramaFeed        *drama_feed_updater_subscribe_finish      (DramaFeedUpdater  *self,
                                                            GAsyncResult      *result,
                                                            GError           **error);

/* Fetches every feed (gone feeds and those under a Retry-After are skipped), at most 4 at
 * once, then applies the retention. Per-feed failures are stored in the feeds, not
 * returned: the call fails only when offline (DRAMA_FEED_ERROR_NETWORK "You are offline",
 * nothing written), on a store error, or when cancelled. A call while a refresh runs joins
 * that refresh. */
void              drama_feed_updater_refresh_all_async     (DramaFeedUpdater  *self,
                                                            GCancellable      *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer           user_data);
gboolean          drama_feed_updater_refresh_all_finish    (DramaFeedUpdater  *self,
                                                            GAsyncResult      *result,
                                                            GError           **error);

/* Fetches one feed now. A gone feed stays stopped (DRAMA_FEED_ERROR_GONE) and a feed under
 * a Retry-After is not asked before its time (DRAMA_FEED_ERROR_HTTP, "The server asked us
 * to wait until HH:MM"). Returns the feed's error, which is also stored in its row. */
void              drama_feed_updater_refresh_feed_async    (DramaFeedUpdater  *self,
                                                            gint64             feed_id,
                                                            GCancellable      *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer           user_data);
gboolean          drama_feed_updater_refresh_feed_finish   (DramaFeedUpdater  *self,
                                                            GAsyncResult      *result,
                                                            GError           **error);

/* Undo of drama_store_remove_feed(): restores the feed and its articles and emits
 * "articles-stored" for them so the matcher links them again. Blocking: from a worker
 * thread; the UI uses the _async form (one job on the store's thread). */
gboolean          drama_feed_updater_restore_feed          (DramaFeedUpdater  *self,
                                                            DramaFeed         *feed,
                                                            GPtrArray         *articles,
                                                            GError           **error);
void              drama_feed_updater_restore_feed_async    (DramaFeedUpdater  *self,
                                                            DramaFeed         *feed,
                                                            GPtrArray         *articles,
                                                            GCancellable      *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer           user_data);
gboolean          drama_feed_updater_restore_feed_finish   (DramaFeedUpdater  *self,
                                                            GAsyncResult      *result,
                                                            GError           **error);

G_END_DECLS
