/* test-net-guard.c: which addresses a feed's pictures may come from, judged on the address
 * connected to (a name that resolves to 127.0.0.1 is refused like 127.0.0.1), the feed's
 * own server exempt; and the client's deadline for a whole request, with a server that
 * trickles its answer in a byte at a time. Against the fake server on 127.0.0.1, with a
 * resolver of the test's own for the names. */
#include "config.h"

#include <string.h>

#include "drama-html.h"
#include "drama-net-guard.h"
#include "drama-tvmaze.h"
#include "fake-server.h"
#include "test-resolver.h"

static TestResolver *resolver;

static void
test_address_classes (void)
{
  static const struct { const char *address; gboolean public; } cases[] = {
    { "8.8.8.8", TRUE }, { "203.0.113.7", TRUE }, { "100.63.255.255", TRUE },
    { "100.128.0.1", TRUE }, { "172.32.0.1", TRUE }, { "198.20.0.1", TRUE },
    { "127.0.0.1", FALSE }, { "127.1.2.3", FALSE }, { "10.1.2.3", FALSE },
    { "100.64.0.1", FALSE }, { "100.127.255.254", FALSE }, { "172.16.0.1", FALSE },
    { "172.31.255.255", FALSE }, { "192.168.1.10", FALSE }, { "169.254.169.254", FALSE },
    { "0.0.0.0", FALSE }, { "0.1.2.3", FALSE }, { "192.0.0.170", FALSE },
    { "198.18.0.1", FALSE }, { "224.0.0.1", FALSE }, { "240.0.0.1", FALSE },
    { "255.255.255.255", FALSE },
    { "2001:4860:4860::8888", TRUE }, { "64:ff9b::808:808", TRUE }, { "::ffff:8.8.8.8", TRUE },
    { "2002:808:808::1", TRUE },
    { "::", FALSE }, { "::1", FALSE }, { "::ffff:127.0.0.1", FALSE }, { "::127.0.0.1", FALSE },
    { "::ffff:192.168.0.1", FALSE }, { "64:ff9b::7f00:1", FALSE }, { "64:ff9b::a00:1", FALSE },
    { "64:ff9b::6440:1", FALSE }, { "64:ff9b:1::8.8.8.8", FALSE }, { "2002:7f00:1::", FALSE },
    { "fe80::1", FALSE }, { "fec0::1", FALSE }, { "fc00::1", FALSE }, { "fd12:3456::1", FALSE },
    { "ff02::1", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (cases[i].address);

      g_assert_nonnull (address);
      if (drama_net_address_is_public (address) != cases[i].public)
        g_error ("%s should be %s", cases[i].address, cases[i].public ? "public" : "refused");
    }
}

/* The sanitiser judges literal addresses with the same rules: CGNAT and NAT64-mapped
 * loopback were kept before. */
static void
test_sanitiser_literals (void)
{
  static const char *refused[] = {
    "http://100.64.0.1/a.png", "http://[64:ff9b::7f00:1]/a.png", "http://[64:ff9b::c0a8:1]/a.png",
    "http://127.0.0.1/a.png", "http://[::ffff:10.0.0.1]/a.png",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *html = g_strdup_printf ("<p>x<img src=\"%s\"></p>", refused[i]);
      g_autofree char *clean = drama_html_sanitize (html, NULL);

      if (strstr (clean, "<img") != NULL)
        g_error ("kept %s: %s", refused[i], clean);
    }
  {
    g_autofree char *clean = drama_html_sanitize ("<img src=\"http://100.128.0.1/a.png\">", NULL);

    g_assert_nonnull (strstr (clean, "100.128.0.1"));
  }
}

typedef struct {
  GBytes   *bytes;
  GError   *error;
  gboolean  done;
} Result;

static void
image_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->bytes = drama_tvmaze_fetch_image_finish (DRAMA_TVMAZE (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
guard_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until r is done or limit_ms passed (a guard against a hang). */
static void
wait_result (Result *r,
             guint   limit_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (limit_ms, guard_timeout_cb, &expired);

  while (!r->done && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
}

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->bytes, g_bytes_unref);
  g_clear_error (&r->error);
  r->done = FALSE;
}

static void
fetch_feed_image (DramaTvmaze *tvmaze,
                  const char  *url,
                  const char  *origin,
                  Result      *r)
{
  result_clear (r);
  drama_tvmaze_fetch_feed_image_async (tvmaze, url, origin, NULL, image_cb, r);
  wait_result (r, 10000);
  g_assert_true (r->done);
}

static void
test_feed_pictures (void)
{
  g_autofree char *dir = FAKE_SERVER_FIXTURES (NULL);
  g_autoptr(FakeServer) server = fake_server_new (dir);
  g_autoptr(DramaTvmaze) tvmaze = NULL;
  g_autofree char *literal = NULL, *by_name = NULL, *own_feed = NULL;
  g_autoptr(GUri) base = NULL;
  guint port;
  Result r = { 0 };

  fake_server_route (server, "/img/a.png", "tvmaze/poster.png");
  fake_server_route (server, "/img/b.png", "tvmaze/poster.png");
  base = g_uri_parse (fake_server_get_url (server), G_URI_FLAGS_NONE, NULL);
  port = g_uri_get_port (base);
  tvmaze = drama_tvmaze_new (fake_server_get_url (server));

  /* A feed on the internet, and names that lead back to this machine. */
  test_resolver_add (resolver, "news.example.com", "203.0.113.7");
  test_resolver_add (resolver, "cdn.example.com", "127.0.0.1");
  test_resolver_add (resolver, "nas.home.arpa", "192.168.1.10");
  drama_net_origin_forget ();

  literal = g_strdup_printf ("http://127.0.0.1:%u/img/a.png", port);
  by_name = g_strdup_printf ("http://cdn.example.com:%u/img/b.png", port);

  /* A public feed cannot make us fetch from 127.0.0.1, by address or by a name for it. */
  fetch_feed_image (tvmaze, literal, "https://news.example.com/feed.xml", &r);
  g_assert_error (r.error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_PRIVATE);
  fetch_feed_image (tvmaze, by_name, "https://news.example.com/feed.xml", &r);
  g_assert_error (r.error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_PRIVATE);
  /* No feed known: the same. */
  fetch_feed_image (tvmaze, literal, NULL, &r);
  g_assert_error (r.error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_PRIVATE);
  /* A feed whose name does not resolve is no exemption either. */
  fetch_feed_image (tvmaze, literal, "https://unknown.invalid/feed.xml", &r);
  g_assert_error (r.error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_PRIVATE);
  g_assert_cmpuint (fake_server_get_hits (server, "/img/a.png"), ==, 0);
  g_assert_cmpuint (fake_server_get_hits (server, "/img/b.png"), ==, 0);
  g_assert_cmpuint (fake_server_get_total_hits (server), ==, 0);

  /* The user's own server: a feed on 127.0.0.1, or on a name of the home network, shows
   * its pictures, from its own address or another one of that network. */
  own_feed = g_strdup_printf ("%s/feeds/news.xml", fake_server_get_url (server));
  fetch_feed_image (tvmaze, literal, own_feed, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (g_bytes_get_size (r.bytes), >, 0);
  g_assert_cmpuint (fake_server_get_hits (server, "/img/a.png"), ==, 1);
  fetch_feed_image (tvmaze, by_name, "http://nas.home.arpa/rss", &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (fake_server_get_hits (server, "/img/b.png"), ==, 1);

  /* And the public feed is still refused afterwards: the LAN feed's kept-alive
   * connection to 127.0.0.1 is not lent to it. */
  fetch_feed_image (tvmaze, literal, "https://news.example.com/feed.xml", &r);
  g_assert_error (r.error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_PRIVATE);
  g_assert_cmpuint (fake_server_get_hits (server, "/img/a.png"), ==, 1);

  /* A picture that is no web address at all is refused before anything. */
  fetch_feed_image (tvmaze, "file:///etc/passwd", own_feed, &r);
  g_assert_error (r.error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_INVALID);
  result_clear (&r);
}

/* A server that sends a byte every 200 ms never trips the no-progress time-out: only the
 * deadline for the whole request ends it. */
static void
test_deadline_trickle (void)
{
  g_autofree char *dir = FAKE_SERVER_FIXTURES (NULL);
  g_autoptr(FakeServer) server = fake_server_new (dir);
  g_autoptr(DramaTvmaze) tvmaze = NULL;
  g_autofree char *url = NULL;
  g_autofree char *body = g_strnfill (200, 'x');
  FakeFailure trickle = { .trickle_ms = 200 };
  Result r = { 0 };
  gint64 started;

  fake_server_set_body (server, "/slow.png", "image/png", body);
  fake_server_fail (server, "/slow.png", &trickle);
  tvmaze = drama_tvmaze_new (fake_server_get_url (server));
  drama_tvmaze_set_timeout (tvmaze, 2);
  drama_tvmaze_set_deadline (tvmaze, 2);
  url = g_strdup_printf ("%s/slow.png", fake_server_get_url (server));

  started = g_get_monotonic_time ();
  drama_tvmaze_fetch_image_async (tvmaze, url, NULL, image_cb, &r);
  /* The whole body takes 40 s; the deadline ends it long before the guard. */
  wait_result (&r, 15000);
  g_assert_true (r.done);
  g_assert_error (r.error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_TIMED_OUT);
  g_assert_null (r.bytes);
  g_test_message ("ended after %.1f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (fake_server_get_hits (server, "/slow.png"), ==, 1);
  result_clear (&r);

  /* The same server answering normally is read whole. */
  fake_server_clear_failures (server);
  drama_tvmaze_fetch_image_async (tvmaze, url, NULL, image_cb, &r);
  wait_result (&r, 10000);
  g_assert_no_error (r.error);
  g_assert_cmpuint (g_bytes_get_size (r.bytes), ==, 200);
  result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  resolver = test_resolver_new ();
  g_resolver_set_default (G_RESOLVER (resolver));

  g_test_add_func ("/net-guard/address-classes", test_address_classes);
  g_test_add_func ("/net-guard/sanitiser-literals", test_sanitiser_literals);
  g_test_add_func ("/net-guard/feed-pictures", test_feed_pictures);
  g_test_add_func ("/net-guard/deadline-trickle", test_deadline_trickle);

  status = g_test_run ();
  g_clear_object (&resolver);
  return status;
}
