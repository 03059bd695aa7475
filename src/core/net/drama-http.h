#pragma once

/* What every HTTP request of the app shares, whoever sends it (feeds, TVmaze, pictures):
 * the time-outs it runs under, a body read in chunks under a cap, and Retry-After. Each
 * caller puts the outcome into its own words. */

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A session as every request of the app goes out: the app's User-Agent
 * ("Dramalist/VERSION"), libsoup's time-out as a floor (the watch below is the real one),
 * at most max_per_host connections to one host and max_total in all (0: libsoup's), and,
 * with cache_name, an HTTP cache of its own of at most cache_bytes under the user's cache
 * folder (per profile: a SoupCache is not shared between processes). */
SoupSession *drama_http_session_new (guint       timeout_s,
                                     guint       max_per_host,
                                     guint       max_total,
                                     const char *cache_name,
                                     guint       cache_bytes);

#define DRAMA_HTTP_ERROR (drama_http_error_quark ())

typedef enum {
  DRAMA_HTTP_ERROR_TOO_LARGE,   /* the body is larger than the cap */
  DRAMA_HTTP_ERROR_CUT_SHORT,   /* the body ended before its Content-Length */
  DRAMA_HTTP_ERROR_TIMED_OUT,   /* silent too long, or too long in all */
} DramaHttpError;

GQuark drama_http_error_quark (void);

/* Cancels wire when a request has shown no sign of life for idle_s seconds, or has run
 * total_s seconds in all (0: no such limit). Lives in context. */
typedef struct _DramaHttpWatch DramaHttpWatch;

DramaHttpWatch *drama_http_watch_new      (GMainContext   *context,
                                           GCancellable   *wire,
                                           guint           idle_s,
                                           guint           total_s);
/* A sign of life (headers, a chunk): the idle time-out starts again. The total one does
 * not: a server trickling a byte a second is still stopped. */
void            drama_http_watch_progress (DramaHttpWatch *self);
/* Whether it cancelled the request. */
gboolean        drama_http_watch_fired    (DramaHttpWatch *self);
void            drama_http_watch_free     (DramaHttpWatch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaHttpWatch, drama_http_watch_free)

/* Reads the body of msg from stream in chunks, into at most max_body bytes, each chunk a
 * sign of life for watch (may be NULL). Fails with DRAMA_HTTP_ERROR_TOO_LARGE (also at
 * once, when an unencoded Content-Length says so), DRAMA_HTTP_ERROR_CUT_SHORT (libsoup
 * hands over a body cut short of its Content-Length without complaint), or the stream's
 * own error; with DRAMA_HTTP_ERROR_TIMED_OUT when watch cancelled it. */
void            drama_http_read_body_async  (GInputStream         *stream,
                                             SoupMessage          *msg,
                                             gsize                 max_body,
                                             DramaHttpWatch       *watch,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GBytes         *drama_http_read_body_finish (GAsyncResult         *result,
                                             GError              **error);

/* The Unix time a Retry-After header (seconds, or an HTTP date) asks to wait until, at most
 * max_wait seconds after now; 0 when there is none or it cannot be read. */
gint64          drama_http_retry_after      (SoupMessageHeaders   *headers,
                                             gint64                now,
                                             gint64                max_wait);

G_END_DECLS
