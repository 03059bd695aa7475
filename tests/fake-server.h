/* fake-server.h: a loopback HTTP server for tests and demos.
 *
 * A SoupServer on 127.0.0.1 (port chosen by the OS) that serves files from a fixtures
 * directory, answering in the main context of the thread that created it: tests iterate
 * that context while their async client calls run.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FakeServer FakeServer;

/* Failure injected for one path (query ignored). Zero fields mean "no change":
 * status 0 keeps the normal answer (useful for a pure delay or truncation). */
typedef struct {
  guint       status;       /* e.g. 404, 429, 500, 503; 301/302/307/308 with location */
  guint       delay_ms;     /* answer after this long (the thread is never blocked) */
  gboolean    truncate;     /* chunked body cut half-way, connection closed: libsoup 3.2
                             * reports G_IO_ERROR_PARTIAL_INPUT "Connection terminated
                             * unexpectedly" */
  const char *retry_after;  /* Retry-After header value, e.g. "1" or an HTTP date */
  const char *location;     /* Location header for redirects (absolute, or a path) */
  guint       times;        /* 0 = every request; N = only the next N requests */
  gboolean    short_content_length;  /* Content-Length of the whole body, half sent, closed.
                                      * libsoup 3.2 does NOT report this: the client gets
                                      * the short body with no error unless it compares the
                                      * size with Content-Length itself. */
  guint       trickle_ms;   /* the whole body, one byte every trickle_ms (a server that
                             * never stalls long enough for a no-progress time-out) */
  const char *reason;       /* the status line's reason phrase, sent as given (any bytes) */
} FakeFailure;

/* fixtures_dir: request "/a/b.xml" serves fixtures_dir/a/b.xml unless a route says otherwise. */
FakeServer *fake_server_new             (const char        *fixtures_dir);
/* A fixed port, for the demo binary (0 = chosen by the OS). NULL if it is taken. */
FakeServer *fake_server_new_on_port     (const char        *fixtures_dir,
                                         guint              port);
void        fake_server_free            (FakeServer        *self);

/* "http://127.0.0.1:PORT", no trailing slash. */
const char *fake_server_get_url         (FakeServer        *self);

/* path_and_query: "/shows/1" or "/search/shows?q=angel". With a query, it matches requests
 * with the same parameters in any order (compared percent-decoded); without one it matches
 * the path whatever the query. A route with a query wins over one without. */
void        fake_server_route           (FakeServer        *self,
                                         const char        *path_and_query,
                                         const char        *fixture_relpath);
/* Inline body for a path (same matching as fake_server_route). */
void        fake_server_set_body        (FakeServer        *self,
                                         const char        *path_and_query,
                                         const char        *content_type,
                                         const char        *body);
/* A body of exactly `bytes` bytes (an RSS document, or a JSON array when the path ends
 * in .json), for size-cap tests. */
void        fake_server_set_large_body  (FakeServer        *self,
                                         const char        *path,
                                         gsize              bytes);
/* Answer with Content-Encoding: gzip when the request's Accept-Encoding allows it. */
void        fake_server_set_gzip        (FakeServer        *self,
                                         const char        *path,
                                         gboolean           gzip);

/* validators FALSE: answer without ETag and Last-Modified (and so never 304), as many
 * feed hosts do; every fetch is a full 200. */
void        fake_server_set_validators  (FakeServer        *self,
                                         const char        *path,
                                         gboolean           validators);

void        fake_server_fail            (FakeServer        *self,
                                         const char        *path,
                                         const FakeFailure *failure);
void        fake_server_clear_failures  (FakeServer        *self);

/* Requests seen for a path, query ignored. */
guint       fake_server_get_hits        (FakeServer        *self,
                                         const char        *path);
/* Total requests seen on any path. */
guint       fake_server_get_total_hits  (FakeServer        *self);
/* Monotonic times (g_get_monotonic_time, µs) of every request for a path, oldest first. */
const GArray *fake_server_get_hit_times (FakeServer        *self,
                                         const char        *path);
/* A request header of the latest request for a path (case-insensitive name), or NULL. */
const char *fake_server_get_last_header (FakeServer        *self,
                                         const char        *path,
                                         const char        *header);
/* The query string (as sent) of the latest request for a path, or NULL. */
const char *fake_server_get_last_query  (FakeServer        *self,
                                         const char        *path);

/* Also listens on another loopback address (e.g. "127.0.0.2"), same port, same answers:
 * a client counts its connections per host, so this looks like another host. Returns
 * "http://ADDRESS:PORT" (owned by the server), or NULL when it cannot listen there. */
const char *fake_server_listen_also     (FakeServer        *self,
                                         const char        *loopback_address);
/* Delayed answers (FakeFailure.delay_ms): how many wait right now with their client still
 * connected, the most that ever waited at once, and how many clients hung up before their
 * answer (a cancelled download). reset sets the maximum to the present count and the
 * hang-ups to 0. */
guint       fake_server_get_n_waiting   (FakeServer        *self);
guint       fake_server_get_max_waiting (FakeServer        *self);
guint       fake_server_get_n_abandoned (FakeServer        *self);
void        fake_server_reset_waiting_stats (FakeServer    *self);

/* tests/fixtures[/subdir] of the running test (g_test_build_filename (G_TEST_DIST, ...));
 * only valid after g_test_init(). Free with g_free(). */
char       *fake_server_fixtures_dir    (const char        *subdir);
#define FAKE_SERVER_FIXTURES(subdir) (fake_server_fixtures_dir (subdir))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeServer, fake_server_free)

G_END_DECLS
