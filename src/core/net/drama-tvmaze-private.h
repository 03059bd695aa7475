#pragma once

/* Shared between drama-tvmaze.c (the object and its API calls) and drama-tvmaze-fetch.c
 * (one HTTP request: rate limit, retries, time-out, size cap, parsing off the main thread). */

#include <libsoup/soup.h>

#include "drama-tvmaze.h"

G_BEGIN_DECLS

#define MAX_429_RETRIES 3

struct _DramaTvmaze {
  GObject       parent_instance;

  char         *base_url;
  SoupSession  *session;
  SoupSession  *image_session;
  SoupSession  *feed_image_session;  /* only guarded requests (drama-net-guard.h) */
  GMainContext *context;

  guint         timeout_s;
  guint         deadline_s;   /* the whole request, however it trickles in */
  guint         rate_calls;
  guint         rate_window_ms;
  guint         retry_default_ms;
  guint         retry_max_ms;

  GQueue        sent_times;   /* gint64* monotonic µs of the calls in the current window */
  GQueue        waiting;      /* GTask* of fetches waiting for their turn */
  GSource      *pump_source;
};

/* Runs in a worker thread; returns NULL with error set (or unset: "malformed"). */
typedef gpointer (*DramaTvmazeParseFunc) (GBytes   *body,
                                          gpointer  parse_data,
                                          GError  **error);

/* Fetches url through session; the GTask given to callback (source object self, source_tag
 * set) carries what parse returned (freed with result_free), or the body as GBytes when
 * parse is NULL. throttled: an API call, subject to the rate limit and 429 retries.
 * not_found: the message of a 404 error (translated, static). guarded: the connection
 * must go to a public address (drama_net_guard_message), else DRAMA_TVMAZE_ERROR_PRIVATE. */
void _drama_tvmaze_fetch        (DramaTvmaze          *self,
                                 SoupSession          *session,
                                 const char           *url,
                                 gboolean              throttled,
                                 gboolean              guarded,
                                 const char           *not_found,
                                 DramaTvmazeParseFunc  parse,
                                 gpointer              parse_data,
                                 GDestroyNotify        parse_data_free,
                                 GDestroyNotify        result_free,
                                 gsize                 max_body,
                                 gpointer              source_tag,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
/* Sends what the rate limit allows now (after a change of the limit). */
void _drama_tvmaze_pump         (DramaTvmaze          *self);
void _drama_tvmaze_clear_source (GSource             **source);

G_END_DECLS
