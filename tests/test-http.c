/* drama-http.c: what feeds and TVmaze share. Real requests through libsoup to the fake
 * server on 127.0.0.1: a body under and over its cap, cut short, trickled past the total
 * time-out, a silent server past the idle one; and Retry-After in both its forms. */

#include "config.h"

#include <libsoup/soup.h>

#include "drama-http.h"
#include "fake-server.h"

typedef struct {
  FakeServer  *server;
  SoupSession *session;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->server = fake_server_new (NULL);
  fx->session = soup_session_new ();
  fake_server_set_body (fx->server, "/body", "text/plain", "0123456789abcdefghij");
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->session);
  g_clear_pointer (&fx->server, fake_server_free);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* GETs path and reads its body with the given cap and time-outs. */
static GBytes *
fetch (Fixture     *fx,
       const char  *path,
       gsize        max_body,
       guint        idle_s,
       guint        total_s,
       GError     **error)
{
  g_autofree char *url = g_strconcat (fake_server_get_url (fx->server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GCancellable) wire = g_cancellable_new ();
  g_autoptr(DramaHttpWatch) watch = drama_http_watch_new (NULL, wire, idle_s, total_s);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GInputStream) stream = NULL;

  soup_session_send_async (fx->session, msg, G_PRIORITY_DEFAULT, wire, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  stream = soup_session_send_finish (fx->session, result, error);
  if (stream == NULL)
    {
      /* What the callers do: a cancellation by the watch is a time-out. */
      if (drama_http_watch_fired (watch))
        {
          g_clear_error (error);
          g_set_error_literal (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TIMED_OUT, "timed out");
        }
      return NULL;
    }
  g_clear_object (&result);
  drama_http_watch_progress (watch);
  drama_http_read_body_async (stream, msg, max_body, watch, wire, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return drama_http_read_body_finish (result, error);
}

static void
test_body_cap (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = fetch (fx, "/body", 20, 5, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "0123456789abcdefghij", 20);

  g_clear_pointer (&body, g_bytes_unref);
  body = fetch (fx, "/body", 19, 5, 0, &error);
  g_assert_error (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TOO_LARGE);
  g_assert_null (body);
}

static void
test_cut_short (Fixture *fx, gconstpointer data)
{
  FakeFailure failure = { .short_content_length = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  fake_server_fail (fx->server, "/body", &failure);
  body = fetch (fx, "/body", 1000, 5, 0, &error);
  g_assert_error (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_CUT_SHORT);
  g_assert_null (body);
}

/* A byte every 200 ms never trips a 1 s idle time-out, but the total one ends it. */
static void
test_trickle_total (Fixture *fx, gconstpointer data)
{
  FakeFailure failure = { .trickle_ms = 200 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  fake_server_fail (fx->server, "/body", &failure);
  body = fetch (fx, "/body", 1000, 1, 2, &error);
  g_assert_error (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TIMED_OUT);
  g_assert_null (body);

  /* Without a total, the same trickle is read whole. */
  g_clear_error (&error);
  body = fetch (fx, "/body", 1000, 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 20);
}

/* A server that says nothing for longer than the idle time-out. */
static void
test_silent_idle (Fixture *fx, gconstpointer data)
{
  FakeFailure failure = { .delay_ms = 3000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  fake_server_fail (fx->server, "/body", &failure);
  body = fetch (fx, "/body", 1000, 1, 0, &error);
  g_assert_error (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TIMED_OUT);
  g_assert_null (body);
}

static void
test_retry_after (void)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  gint64 now = 1800000000;
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_utc (now + 600);
  g_autoptr(GDateTime) earlier = g_date_time_new_from_unix_utc (now - 600);
  g_autofree char *later_text = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autofree char *earlier_text = soup_date_time_to_string (earlier, SOUP_DATE_HTTP);

  g_assert_cmpint (drama_http_retry_after (headers, now, 3600), ==, 0);
  soup_message_headers_replace (headers, "Retry-After", " 120 ");
  g_assert_cmpint (drama_http_retry_after (headers, now, 3600), ==, now + 120);
  soup_message_headers_replace (headers, "Retry-After", "99999999");
  g_assert_cmpint (drama_http_retry_after (headers, now, 3600), ==, now + 3600);
  soup_message_headers_replace (headers, "Retry-After", later_text);
  g_assert_cmpint (drama_http_retry_after (headers, now, 3600), ==, now + 600);
  soup_message_headers_replace (headers, "Retry-After", earlier_text);
  g_assert_cmpint (drama_http_retry_after (headers, now, 3600), ==, now);
  soup_message_headers_replace (headers, "Retry-After", "soon, promise");
  g_assert_cmpint (drama_http_retry_after (headers, now, 3600), ==, 0);
  soup_message_headers_replace (headers, "Retry-After", "12abc");
  g_assert_cmpint (drama_http_retry_after (headers, now, 3600), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/http/body-cap", Fixture, NULL, fixture_set_up, test_body_cap, fixture_tear_down);
  g_test_add ("/http/cut-short", Fixture, NULL, fixture_set_up, test_cut_short, fixture_tear_down);
  g_test_add ("/http/trickle-total", Fixture, NULL, fixture_set_up, test_trickle_total,
              fixture_tear_down);
  g_test_add ("/http/silent-idle", Fixture, NULL, fixture_set_up, test_silent_idle,
              fixture_tear_down);
  g_test_add_func ("/http/retry-after", test_retry_after);

  return g_test_run ();
}
