#pragma once

/* Shared between drama-tvmaze.c (the object, search and the show calls), drama-tvmaze-calls.c
 * (people, lookup, updates, pictures) and drama-tvmaze-fetch.c (one HTTP request: rate limit,
 * retries, time-out, size cap, parsing off the main thread). */

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

/* An API call: path below the base URL, throttled, capped at the API's body size. */
void     _drama_tvmaze_api_fetch      (DramaTvmaze          *self,
                                       const char           *path,
                                       const char           *not_found,
                                       DramaTvmazeParseFunc  parse,
                                       gpointer              parse_data,
                                       GDestroyNotify        parse_data_free,
                                       GDestroyNotify        result_free,
                                       gpointer              source_tag,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
/* The end of every fetch that hands back one value: as GTask gives it. */
gpointer _drama_tvmaze_finish_pointer (DramaTvmaze          *self,
                                       GAsyncResult         *result,
                                       GError              **error);

/* The parsers that need nothing beyond the body, as _drama_tvmaze_api_fetch calls them. */
#define BODY_PARSER(name, parse_func) \
  static gpointer \
  name (GBytes *body, gpointer data, GError **error) \
  { \
    gsize size; \
    const char *text = g_bytes_get_data (body, &size); \
    return parse_func (text, size, error); \
  }

G_END_DECLS
