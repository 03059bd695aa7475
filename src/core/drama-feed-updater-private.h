#pragma once

/* Shared by drama-feed-updater.c and drama-feed-updater-fetch.c. */

#include <libsoup/soup.h>

#include "drama-feed-updater.h"

G_BEGIN_DECLS

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
char           *_drama_feed_updater_host_of      (const char          *url);
/* "The server asked us to wait until 14:05". */
char           *_drama_feed_updater_format_wait  (gint64               until);

G_END_DECLS
