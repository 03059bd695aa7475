#pragma once

#include <gio/gio.h>

#include "drama-episode.h"
#include "drama-person.h"
#include "drama-show.h"
#include "drama-store.h"

G_BEGIN_DECLS

#define DRAMA_TVMAZE_ERROR (drama_tvmaze_error_quark ())

/* Cancelling gives G_IO_ERROR_CANCELLED, not one of these. */
typedef enum {
  DRAMA_TVMAZE_ERROR_NOT_FOUND,     /* HTTP 404 */
  DRAMA_TVMAZE_ERROR_SERVER,        /* HTTP 5xx */
  DRAMA_TVMAZE_ERROR_HTTP,          /* another unexpected status */
  DRAMA_TVMAZE_ERROR_RATE_LIMITED,  /* still 429 after the retries */
  DRAMA_TVMAZE_ERROR_NETWORK,       /* no connection, connection cut, body cut short */
  DRAMA_TVMAZE_ERROR_TIMED_OUT,     /* no answer within the time-out */
  DRAMA_TVMAZE_ERROR_MALFORMED,     /* not JSON, or not the JSON expected */
  DRAMA_TVMAZE_ERROR_TOO_LARGE,     /* a body over the size cap */
  DRAMA_TVMAZE_ERROR_INVALID,       /* a bad argument (empty query, unsafe image URL) */
  DRAMA_TVMAZE_ERROR_PRIVATE,       /* a feed's picture on a private address (refused) */
} DramaTvmazeError;

GQuark drama_tvmaze_error_quark (void);

/* One role of a person: the show (from TVmaze, not stored) and the character played. */
typedef struct {
  DramaShow *show;
  char      *character;   /* may be NULL */
} DramaCredit;

#define DRAMA_TYPE_CREDIT (drama_credit_get_type ())
GType        drama_credit_get_type (void) G_GNUC_CONST;
DramaCredit *drama_credit_new      (DramaShow         *show,
                                    const char        *character);
DramaCredit *drama_credit_copy     (const DramaCredit *credit);
void         drama_credit_free     (DramaCredit       *credit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaCredit, drama_credit_free)

#define DRAMA_TYPE_TVMAZE (drama_tvmaze_get_type ())

/* The TVmaze API client. It owns one SoupSession for the API (User-Agent
 * "Dramalist/VERSION", a time-out, few connections per host) and one with a SoupCache in
 * $XDG_CACHE_HOME/dramalist/images for posters and photos. API calls are throttled to
 * TVmaze's limit (20 per 10 s: excess calls wait their turn), a 429 answer is waited out
 * (Retry-After) and retried, JSON is parsed in a worker thread. Callbacks run in the
 * thread-default main context of the caller. */
G_DECLARE_FINAL_TYPE (DramaTvmaze, drama_tvmaze, DRAMA, TVMAZE, GObject)

/* base_url: "https://api.tvmaze.com" (a trailing slash is fine); NULL = DEFAULT_TVMAZE_URL. */
DramaTvmaze *drama_tvmaze_new                     (const char           *base_url);
const char  *drama_tvmaze_get_base_url            (DramaTvmaze          *self);

/* Seconds before a request with no answer fails (default 20). */
void         drama_tvmaze_set_timeout             (DramaTvmaze          *self,
                                                   guint                 seconds);
/* Seconds a whole request may take, body included, however steadily it trickles in
 * (default 60, or DRAMALIST_NET_DEADLINE_S; 0 = none). Applies to requests sent later. */
void         drama_tvmaze_set_deadline            (DramaTvmaze          *self,
                                                   guint                 seconds);
/* At most `calls` requests in any `window_ms` (default 20 in 10000). */
void         drama_tvmaze_set_rate_limit          (DramaTvmaze          *self,
                                                   guint                 calls,
                                                   guint                 window_ms);
/* Wait after a 429 without Retry-After, and the longest Retry-After honoured
 * (defaults 10 s and 60 s). */
void         drama_tvmaze_set_retry_delays        (DramaTvmaze          *self,
                                                   guint                 default_ms,
                                                   guint                 max_ms);

/* GET /search/shows?q= → GPtrArray of DramaShow (tvmaze-id, name, premiered, network,
 * country, image…), best match first. */
void         drama_tvmaze_search_async            (DramaTvmaze          *self,
                                                   const char           *query,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray   *drama_tvmaze_search_finish           (DramaTvmaze          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* GET /shows/{id}?embed[]=cast&embed[]=episodes, then /shows/{id}/akas (its failure is not
 * fatal: the show comes back without akas). episodes: GPtrArray of DramaEpisode, cast:
 * GPtrArray of DramaPerson with character and cast-order; both optional. Ready for
 * drama_store_save_show(). */
void         drama_tvmaze_get_show_async          (DramaTvmaze          *self,
                                                   gint64                tvmaze_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
DramaShow   *drama_tvmaze_get_show_finish         (DramaTvmaze          *self,
                                                   GAsyncResult         *result,
                                                   GPtrArray           **episodes,
                                                   GPtrArray           **cast,
                                                   GError              **error);

/* get_show, then drama_store_save_show() in a worker thread (one transaction): adds the
 * show, or refreshes it keeping the user's fields and seen marks. Returns the saved show
 * (id set). Errors: DRAMA_TVMAZE_ERROR from the fetch, DRAMA_STORE_ERROR from the save
 * (nothing is written then). */
void         drama_tvmaze_refresh_show_async      (DramaTvmaze          *self,
                                                   DramaStore           *store,
                                                   gint64                tvmaze_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
DramaShow   *drama_tvmaze_refresh_show_finish     (DramaTvmaze          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* GET /people/{id}/castcredits?embed[]=show&embed[]=character → GPtrArray of DramaCredit,
 * newest show first. */
void         drama_tvmaze_get_person_credits_async (DramaTvmaze         *self,
                                                    gint64               person_tvmaze_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray   *drama_tvmaze_get_person_credits_finish (DramaTvmaze        *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

/* GET /lookup/shows?{site}={id} (site "thetvdb", "imdb" or "tvrage") → the DramaShow
 * TVmaze has for another site's id (without episodes or cast); DRAMA_TVMAZE_ERROR_NOT_FOUND
 * when it has none. */
void         drama_tvmaze_lookup_show_async       (DramaTvmaze          *self,
                                                   const char           *site,
                                                   const char           *id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
DramaShow   *drama_tvmaze_lookup_show_finish      (DramaTvmaze          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* GET /people/{id} → DramaPerson (tvmaze-id, name, images). */
void         drama_tvmaze_get_person_async        (DramaTvmaze          *self,
                                                   gint64                person_tvmaze_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
DramaPerson *drama_tvmaze_get_person_finish       (DramaTvmaze          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* GET /updates/shows?since=day|week|month (NULL = all) → GHashTable of
 * gint64* tvmaze id → gint64* "updated" Unix time (g_int64_hash). Compare with
 * drama_show_get_tvmaze_updated() to refresh only what changed. */
void         drama_tvmaze_get_updates_async       (DramaTvmaze          *self,
                                                   const char           *since,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GHashTable  *drama_tvmaze_get_updates_finish      (DramaTvmaze          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* A poster or photo (http/https only) through the image cache → GBytes of the file. */
void         drama_tvmaze_fetch_image_async       (DramaTvmaze          *self,
                                                   const char           *url,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GBytes      *drama_tvmaze_fetch_image_finish      (DramaTvmaze          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* A picture a feed's article names (thumbnail, lead or body image). Unless the feed at
 * origin (its URL) itself lives on a private address, the connection must go to a public
 * one (drama-net-guard.h): else DRAMA_TVMAZE_ERROR_PRIVATE and no request is sent. Finish
 * with drama_tvmaze_fetch_image_finish(). */
void         drama_tvmaze_fetch_feed_image_async  (DramaTvmaze          *self,
                                                   const char           *url,
                                                   const char           *origin,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);

G_END_DECLS
