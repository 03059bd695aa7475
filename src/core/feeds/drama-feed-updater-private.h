#pragma once

/* Shared by the feed updater's files: drama-feed-updater.c (the object, refresh_all's
 * queue, retention), -refresh.c (one feed), -subscribe.c, -entries.c and -fetch.c (HTTP). */

#include <libsoup/soup.h>

#include "drama-feed-parser.h"
#include "drama-feed-updater.h"

G_BEGIN_DECLS

struct _DramaFeedUpdater
{
  GObject parent_instance;

  DramaStore *store;
  SoupSession *session;
  GNetworkMonitor *monitor;
  gulong monitor_handler;
  gboolean network_available;

  guint timeout;
  gsize max_body_size;
  guint retention_days;

  /* refresh_all: the tasks waiting for the running refresh (NULL when none runs). */
  GPtrArray *refresh_waiters;
  GQueue refresh_queue;            /* DramaFeed still to fetch */
  GCancellable *refresh_cancellable;
  guint refresh_total;
  guint refresh_done;
  guint refresh_in_flight;
  guint refresh_answered;          /* feeds fetched (with or without an error) */
  guint refresh_unreachable;       /* ... of which no server could be reached */
  /* Every feed of the last refresh failed for a network reason (none answered at all),
   * whatever GNetworkMonitor says: to the user that is being offline. */
  gboolean unreachable;
};

/* A non-NULL result for a job that has nothing to hand back. */
#define SAVED GINT_TO_POINTER (TRUE)

/* One HTTP fetch of a feed. It always completes without a GError of its own: the outcome,
 * failure included, is read from these fields. */
typedef struct _DramaFeedFetch DramaFeedFetch;

struct _DramaFeedFetch {
  SoupSession *session;
  char *url;                   /* the URL asked now; at the end, where the body came from */
  char *stored_url;            /* the URL to keep: follows 301/308 from the start only */
  gboolean all_permanent;      /* every redirect so far was 301/308 */
  char *etag;                  /* sent as If-None-Match */
  char *last_modified;         /* sent as If-Modified-Since */
  guint redirects;
  gsize max_body;

  SoupMessage *msg;
  GInputStream *stream;
  GCancellable *cancellable;   /* ours: cancelled by the caller's, or by the watch */
  GCancellable *caller_cancellable;
  gulong caller_handler;
  struct _DramaHttpWatch *watch;

  /* The outcome */
  gboolean not_modified;       /* 304 */
  gboolean gone;               /* 410 */
  gint64 retry_after;          /* 429/503: not before this (Unix time), 0 = no wait */
  char *new_etag;
  char *new_last_modified;
  GBytes *data;                /* the body, on success */
  GError *error;               /* DRAMA_FEED_ERROR_* in words, or G_IO_ERROR_CANCELLED */
};

/* GETs url (following at most 5 redirects, sending etag/last_modified when not NULL),
 * failing after timeout seconds of silence or past max_body bytes. The task's source
 * object is self. */
void            _drama_feed_updater_fetch_async  (DramaFeedUpdater    *self,
                                                  SoupSession         *session,
                                                  const char          *url,
                                                  const char          *etag,
                                                  const char          *last_modified,
                                                  guint                timeout,
                                                  gsize                max_body,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* The outcome, owned by the GTask result (keep a ref on it to keep the fetch). */
DramaFeedFetch *_drama_feed_updater_fetch_finish (GAsyncResult        *result);

/* "soompi.com" from a URL (the URL itself when it has no host). */
/* "The server asked us to wait until 14:05". */
char           *_drama_feed_updater_format_wait  (gint64               until);

/* ---- drama-feed-updater.c ---- */

/* No server could be reached: no answer, not even an error page. */
gboolean        _drama_feed_updater_is_unreachable_error (const GError     *error);
void            _drama_feed_updater_set_unreachable      (DramaFeedUpdater *self,
                                                          gboolean          unreachable);
GError         *_drama_feed_updater_offline_error        (void);
/* Runs func in a worker with data (not owned) and calls callback on this context. */
void            _drama_feed_updater_run_in_thread        (DramaFeedUpdater    *self,
                                                          gpointer             data,
                                                          GTaskThreadFunc      func,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* "feed-updated" for feed_id (when > 0), then "articles-stored" when there are new ids. */
void            _drama_feed_updater_emit_stored          (DramaFeedUpdater *self,
                                                          gint64            feed_id,
                                                          GArray           *new_ids);

/* ---- drama-feed-updater-refresh.c ---- */

typedef struct _DramaFeedRefresh DramaFeedRefresh;

struct _DramaFeedRefresh {
  DramaFeed *feed;
  GTask *fetch_task;     /* holds the DramaFeedFetch */
  GArray *new_ids;
  GError *feed_error;    /* what went wrong with the feed (also stored in its row) */
};

/* Fetches and stores one feed. Succeeds unless cancelled or the store fails; the feed's
 * own failure is in DramaFeedRefresh.feed_error. */
void              _drama_feed_updater_refresh_one_async  (DramaFeedUpdater    *self,
                                                          DramaFeed           *feed,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* The refresh, owned by the task. */
DramaFeedRefresh *_drama_feed_updater_refresh_one_finish (GAsyncResult        *result,
                                                          GError             **error);

/* ---- drama-feed-updater-entries.c ---- */

static inline const char *
_drama_feed_updater_nonempty (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

/* The articles of a parsed feed, fetched at now: one per dedup key, the first copy. */
GPtrArray      *_drama_feed_updater_articles_from_parsed (DramaParsedFeed *parsed,
                                                          gint64           now);

G_END_DECLS
