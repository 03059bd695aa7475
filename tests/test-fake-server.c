/* test-fake-server.c: the loopback server the network tests rely on, checked through a
 * real SoupSession. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "fake-server.h"

typedef struct {
  SoupMessage *msg;
  GBytes      *body;
  GError      *error;
  gboolean     done;
} Fetch;

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &fetch->error);
  fetch->done = TRUE;
}

/* Sends a GET and iterates the main context (where the server also runs) until done. */
static void
fetch_full (SoupSession *session,
            const char  *url,
            const char  *header_name,
            const char  *header_value,
            Fetch       *fetch)
{
  memset (fetch, 0, sizeof *fetch);
  fetch->msg = soup_message_new ("GET", url);
  g_assert_nonnull (fetch->msg);
  if (header_name != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (fetch->msg),
                                  header_name, header_value);
  soup_session_send_and_read_async (session, fetch->msg, G_PRIORITY_DEFAULT, NULL, fetch_cb, fetch);
  while (!fetch->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fetch_clear (Fetch *fetch)
{
  g_clear_object (&fetch->msg);
  g_clear_pointer (&fetch->body, g_bytes_unref);
  g_clear_error (&fetch->error);
}

static char *
url_for (FakeServer *server,
         const char *path)
{
  return g_strconcat (fake_server_get_url (server), path, NULL);
}

static FakeServer *
make_server (void)
{
  g_autofree char *dir = FAKE_SERVER_FIXTURES ("tvmaze");
  FakeServer *server = fake_server_new (dir);

  g_assert_nonnull (server);
  g_assert_true (g_str_has_prefix (fake_server_get_url (server), "http://127.0.0.1:"));
  g_assert_false (g_str_has_suffix (fake_server_get_url (server), "/"));
  return server;
}

static void
test_serves_files (void)
{
  g_autoptr(FakeServer) server = make_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = url_for (server, "/hello.json");
  g_autofree char *missing = url_for (server, "/nope.json");
  g_autofree char *escape = url_for (server, "/../fake-server.c");
  Fetch fetch;

  fetch_full (session, url, "User-Agent", "Tester/1.0", &fetch);
  g_assert_no_error (fetch.error);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (fetch.msg), NULL),
                   ==, "application/json");
  g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (fetch.msg), "ETag"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (fetch.body, NULL), g_bytes_get_size (fetch.body),
                                  "\"hello\""));
  fetch_clear (&fetch);
  g_assert_cmpuint (fake_server_get_hits (server, "/hello.json"), ==, 1);
  g_assert_cmpstr (fake_server_get_last_header (server, "/hello.json", "user-agent"),
                   ==, "Tester/1.0");

  fetch_full (session, missing, NULL, NULL, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 404);
  fetch_clear (&fetch);

  /* The raw path goes out unnormalised only if the client keeps it; either way nothing
   * outside the fixtures is served. */
  fetch_full (session, escape, NULL, NULL, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 404);
  fetch_clear (&fetch);
}

static void
test_routes_and_bodies (void)
{
  g_autoptr(FakeServer) server = make_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *search = url_for (server, "/search/shows?q=angel&x=%5B1%5D");
  g_autofree char *other = url_for (server, "/search/shows?q=other");
  g_autofree char *inline_url = url_for (server, "/feed.xml");
  Fetch fetch;

  fake_server_route (server, "/search/shows?x=[1]&q=angel", "hello.json");
  fake_server_set_body (server, "/search/shows", "application/json", "[]");
  fake_server_set_body (server, "/feed.xml", NULL, "<rss version=\"2.0\"><channel/></rss>");

  fetch_full (session, search, NULL, NULL, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (fetch.body, NULL), g_bytes_get_size (fetch.body),
                                  "\"hello\""));
  fetch_clear (&fetch);

  fetch_full (session, other, NULL, NULL, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (fetch.body), ==, 2);
  fetch_clear (&fetch);
  g_assert_cmpuint (fake_server_get_hits (server, "/search/shows"), ==, 2);
  g_assert_cmpstr (fake_server_get_last_query (server, "/search/shows"), ==, "q=other");

  fetch_full (session, inline_url, NULL, NULL, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (fetch.msg), NULL),
                   ==, "application/xml");
  fetch_clear (&fetch);
}

static void
test_conditional (void)
{
  g_autoptr(FakeServer) server = make_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = url_for (server, "/hello.json");
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  Fetch fetch;

  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (fetch.msg), "ETag"));
  last_modified = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (fetch.msg),
                                                          "Last-Modified"));
  g_assert_nonnull (etag);
  g_assert_true (etag[0] == '"');
  g_assert_nonnull (last_modified);
  fetch_clear (&fetch);

  fetch_full (session, url, "If-None-Match", etag, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 304);
  g_assert_cmpuint (g_bytes_get_size (fetch.body), ==, 0);
  fetch_clear (&fetch);

  fetch_full (session, url, "If-None-Match", "\"something-else\"", &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  fetch_clear (&fetch);

  fetch_full (session, url, "If-Modified-Since", last_modified, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 304);
  fetch_clear (&fetch);

  fetch_full (session, url, "If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT", &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  fetch_clear (&fetch);
}

static void
test_status_injection (void)
{
  g_autoptr(FakeServer) server = make_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = url_for (server, "/hello.json");
  FakeFailure once = { .status = 429, .retry_after = "7", .times = 1 };
  FakeFailure always = { .status = 503 };
  Fetch fetch;

  fake_server_fail (server, "/hello.json", &once);
  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (fetch.msg), "Retry-After"),
                   ==, "7");
  fetch_clear (&fetch);

  /* "times = 1": the next request is served normally. */
  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  fetch_clear (&fetch);

  fake_server_fail (server, "/hello.json", &always);
  for (int i = 0; i < 2; i++)
    {
      fetch_full (session, url, NULL, NULL, &fetch);
      g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 503);
      fetch_clear (&fetch);
    }
  fake_server_clear_failures (server);
  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  fetch_clear (&fetch);
  g_assert_cmpuint (fake_server_get_hits (server, "/hello.json"), ==, 5);
}

static void
test_delay (void)
{
  g_autoptr(FakeServer) server = make_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupSession) impatient = soup_session_new_with_options ("timeout", 1, NULL);
  g_autofree char *url = url_for (server, "/hello.json");
  FakeFailure slow = { .delay_ms = 300 };
  FakeFailure slower = { .delay_ms = 2500, .times = 1 };
  gint64 start;
  Fetch fetch;

  fake_server_fail (server, "/hello.json", &slow);
  start = g_get_monotonic_time ();
  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  fetch_clear (&fetch);

  /* A client that times out leaves a paused message behind; the server must cope. */
  fake_server_fail (server, "/hello.json", &slower);
  fetch_full (impatient, url, NULL, NULL, &fetch);
  g_assert_error (fetch.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  fetch_clear (&fetch);

  /* Let the abandoned timer fire, then check the server still answers. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 1700 * 1000)
    g_main_context_iteration (NULL, FALSE);
  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  fetch_clear (&fetch);
}

static void
test_truncated (void)
{
  g_autoptr(FakeServer) server = make_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = url_for (server, "/hello.json");
  FakeFailure cut = { .truncate = TRUE, .times = 1 };
  FakeFailure slow_cut = { .truncate = TRUE, .delay_ms = 100, .times = 1 };
  FakeFailure short_length = { .short_content_length = TRUE, .times = 1 };
  Fetch fetch;

  fake_server_fail (server, "/hello.json", &cut);
  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_error (fetch.error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  g_assert_null (fetch.body);
  fetch_clear (&fetch);

  /* libsoup 3.2 hands over a body shorter than its Content-Length without an error;
   * clients that care compare the two. */
  fake_server_fail (server, "/hello.json", &short_length);
  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_cmpint (soup_message_headers_get_content_length (soup_message_get_response_headers (fetch.msg)),
                   >, (goffset) g_bytes_get_size (fetch.body));
  fetch_clear (&fetch);

  fake_server_fail (server, "/hello.json", &slow_cut);
  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_nonnull (fetch.error);
  fetch_clear (&fetch);

  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  fetch_clear (&fetch);
}

static void
test_redirects (void)
{
  g_autoptr(FakeServer) server = make_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = url_for (server, "/old.json");
  g_autofree char *loop = url_for (server, "/loop-a");
  FakeFailure moved = { .status = 301, .location = "/hello.json" };
  FakeFailure loop_a = { .status = 302, .location = "/loop-b" };
  FakeFailure loop_b = { .status = 307, .location = "/loop-a" };
  Fetch fetch;

  fake_server_fail (server, "/old.json", &moved);
  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_cmpuint (soup_message_get_status (fetch.msg), ==, 200);
  g_assert_true (g_str_has_suffix (g_uri_get_path (soup_message_get_uri (fetch.msg)), "/hello.json"));
  fetch_clear (&fetch);
  g_assert_cmpuint (fake_server_get_hits (server, "/old.json"), ==, 1);
  g_assert_cmpuint (fake_server_get_hits (server, "/hello.json"), ==, 1);

  fake_server_fail (server, "/loop-a", &loop_a);
  fake_server_fail (server, "/loop-b", &loop_b);
  fetch_full (session, loop, NULL, NULL, &fetch);
  g_assert_error (fetch.error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS);
  fetch_clear (&fetch);
  g_assert_cmpuint (fake_server_get_hits (server, "/loop-a"), >, 1);
}

static void
test_gzip_and_large (void)
{
  g_autoptr(FakeServer) server = make_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = url_for (server, "/big.rss");
  Fetch fetch;

  fake_server_set_large_body (server, "/big.rss", 300000);
  fake_server_set_gzip (server, "/big.rss", TRUE);

  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (fetch.msg),
                                                 "Content-Encoding"), ==, "gzip");
  /* The session's content decoder unpacked it to the promised size. */
  g_assert_cmpuint (g_bytes_get_size (fetch.body), ==, 300000);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (fetch.body, NULL), "<?xml"));
  fetch_clear (&fetch);

  fake_server_set_gzip (server, "/big.rss", FALSE);
  fetch_full (session, url, NULL, NULL, &fetch);
  g_assert_null (soup_message_headers_get_one (soup_message_get_response_headers (fetch.msg),
                                               "Content-Encoding"));
  g_assert_cmpint (soup_message_headers_get_content_length (soup_message_get_response_headers (fetch.msg)),
                   ==, 300000);
  fetch_clear (&fetch);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake-server/files", test_serves_files);
  g_test_add_func ("/fake-server/routes", test_routes_and_bodies);
  g_test_add_func ("/fake-server/conditional", test_conditional);
  g_test_add_func ("/fake-server/status", test_status_injection);
  g_test_add_func ("/fake-server/delay", test_delay);
  g_test_add_func ("/fake-server/truncated", test_truncated);
  g_test_add_func ("/fake-server/redirects", test_redirects);
  g_test_add_func ("/fake-server/gzip-large", test_gzip_and_large);

  return g_test_run ();
}
