#define G_LOG_DOMAIN "drama-feed-updater"

#include "config.h"

#include "drama-feed-updater-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-feed-parser.h"
#include "drama-http.h"
#include "drama-text.h"
#include "drama-url.h"

/* Bytes of a server's own words (its reason phrase) kept in a feed's error. */
#define MAX_REASON_BYTES 120
/* Longest ETag or Last-Modified kept. */
#define MAX_VALIDATOR_BYTES 1024

/* The polite HTTP part of DramaFeedUpdater: one GET with redirects followed by hand (to
 * count them and to tell permanent moves from temporary ones), the validators sent, the
 * body read in chunks under the cap, our own time-out, and every failure put into words. */

#define MAX_REDIRECTS 5
/* A server asking us to wait longer than this is asked again after this. */
#define MAX_RETRY_AFTER (7 * 24 * 3600)
/* A 429 without Retry-After still means "not now". */
#define DEFAULT_RETRY_AFTER_429 3600

#define ACCEPT_FEEDS "application/rss+xml, application/atom+xml, application/feed+json, " \
                     "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, " \
                     "application/json;q=0.8, text/html;q=0.7, */*;q=0.5"

/* ------------------------------------------------------------------------------------ */
/* Errors as words                                                                       */

char *
_drama_feed_updater_format_wait (gint64 until)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (until);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = NULL;

  if (when == NULL)
    return g_strdup (_("The server asked us to wait"));
  /* The clock time alone is enough within a day; past that the date matters too. */
  if (g_date_time_difference (when, now) < 20 * G_TIME_SPAN_HOUR)
    time = g_date_time_format (when, "%H:%M");
  else
    time = g_date_time_format (when, "%x %H:%M");
  return g_strdup_printf (_("The server asked us to wait until %s"), time);
}

/* ------------------------------------------------------------------------------------ */
/* One HTTP fetch                                                                        */

static void
fetch_free (DramaFeedFetch *fetch)
{
  g_clear_pointer (&fetch->watch, drama_http_watch_free);
  if (fetch->caller_handler != 0)
    g_cancellable_disconnect (fetch->caller_cancellable, fetch->caller_handler);
  g_clear_object (&fetch->caller_cancellable);
  g_clear_object (&fetch->cancellable);
  g_clear_object (&fetch->stream);
  g_clear_object (&fetch->msg);
  g_clear_pointer (&fetch->data, g_bytes_unref);
  g_clear_error (&fetch->error);
  g_free (fetch->url);
  g_free (fetch->stored_url);
  g_free (fetch->etag);
  g_free (fetch->last_modified);
  g_free (fetch->new_etag);
  g_free (fetch->new_last_modified);
  g_clear_object (&fetch->session);
  g_free (fetch);
}

static void fetch_send (GTask *task);

static void
fetch_done (GTask  *task,
            GError *error)
{
  DramaFeedFetch *fetch = g_task_get_task_data (task);

  g_clear_pointer (&fetch->watch, drama_http_watch_free);
  g_clear_object (&fetch->stream);
  if (error != NULL && fetch->error == NULL)
    fetch->error = error;
  else if (error != NULL)
    g_error_free (error);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static GError *
map_network_error (DramaFeedFetch *fetch,
                   GError *error)
{
  g_autofree char *host = drama_url_host_name (fetch->url);

  if (drama_http_watch_fired (fetch->watch) ||
      g_error_matches (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TIMED_OUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_TIMED_OUT,
                        _("The server “%s” did not answer in time"), host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK,
                        _("Could not find the server “%s”"), host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK,
                        _("The server “%s” refused the connection"), host);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK,
                        _("The secure connection to “%s” failed: %s"), host, error->message);
  if (g_error_matches (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_CUT_SHORT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    return g_error_new_literal (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK,
                                _("The download was cut off before the end"));
  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS))
    return g_error_new_literal (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP,
                                _("The feed redirects too many times"));
  return g_error_new (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK,
                      _("Could not reach “%s”: %s"), host, error->message);
}

static GError *
too_large_error (DramaFeedFetch *fetch)
{
  g_autofree char *size = NULL;

  /* "10 MB" reads better than g_format_size's "10.0 MB" for the usual round caps. */
  /* Plain %u: xgettext cannot expand G_GSIZE_FORMAT, so a msgid using it is never found. */
  if (fetch->max_body % 1000000 == 0 && fetch->max_body / 1000000 <= G_MAXUINT)
    size = g_strdup_printf (_("%u MB"), (guint) (fetch->max_body / 1000000));
  else if (fetch->max_body % 1000 == 0 && fetch->max_body / 1000 <= G_MAXUINT)
    size = g_strdup_printf (_("%u kB"), (guint) (fetch->max_body / 1000));
  else
    size = g_format_size (fetch->max_body);

  return g_error_new (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_TOO_LARGE,
                      _("The feed is larger than %s"), size);
}

static void
on_body_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  DramaFeedFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  fetch->data = drama_http_read_body_finish (result, &error);
  if (fetch->data != NULL)
    fetch_done (task, NULL);
  else if (g_error_matches (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TOO_LARGE))
    fetch_done (task, too_large_error (fetch));
  else
    fetch_done (task, map_network_error (fetch, error));
}

/* An ETag or Last-Modified worth keeping (they are stored with the feed and sent back):
 * text of a sane length. Anything else is dropped, which only costs a full fetch. */
static char *
validator (const char *value)
{
  if (value == NULL || strlen (value) > MAX_VALIDATOR_BYTES || !g_utf8_validate (value, -1, NULL))
    return NULL;
  return g_strdup (value);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DramaFeedFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *reason;
  guint status;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (fetch->stream == NULL)
    {
      fetch_done (task, map_network_error (fetch, error));
      return;
    }

  drama_http_watch_progress (fetch->watch);
  status = soup_message_get_status (fetch->msg);
  headers = soup_message_get_response_headers (fetch->msg);
  reason = soup_message_get_reason_phrase (fetch->msg);

  if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) next = NULL;
      g_autofree char *next_url = NULL;

      if (location != NULL)
        next = g_uri_parse_relative (soup_message_get_uri (fetch->msg), location,
                                     SOUP_HTTP_URI_FLAGS, NULL);
      if (next != NULL)
        next_url = g_uri_to_string (next);
      /* A permanent move is stored as the feed's address: it must be text. */
      if (next == NULL || !drama_url_scheme_is_http (g_uri_get_scheme (next)) ||
          strlen (next_url) > 8192 || !g_utf8_validate (next_url, -1, NULL))
        {
          fetch_done (task, g_error_new_literal (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP,
                                                 _("The server redirects to an address that is not a web address")));
          return;
        }
      if (++fetch->redirects > MAX_REDIRECTS)
        {
          fetch_done (task, g_error_new_literal (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP,
                                                 _("The feed redirects too many times")));
          return;
        }

      g_free (fetch->url);
      fetch->url = g_steal_pointer (&next_url);
      /* Only a chain of permanent moves from the stored URL may replace it. */
      if (fetch->all_permanent && (status == 301 || status == 308))
        {
          g_free (fetch->stored_url);
          fetch->stored_url = g_strdup (fetch->url);
        }
      else
        fetch->all_permanent = FALSE;

      g_clear_object (&fetch->stream);
      g_clear_object (&fetch->msg);
      fetch_send (task);
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      SoupMessageHeaders *sent = soup_message_get_request_headers (fetch->msg);

      /* "Not modified" since a copy we do not have: there is nothing to show, and nothing
       * to keep as "nothing new" either. */
      if (soup_message_headers_get_one (sent, "If-None-Match") == NULL &&
          soup_message_headers_get_one (sent, "If-Modified-Since") == NULL)
        {
          fetch_done (task, g_error_new_literal (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP,
                                                 _("The server answered “304 Not Modified” but sent no feed")));
          return;
        }
      fetch->not_modified = TRUE;
      fetch_done (task, NULL);
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      fetch->new_etag = validator (soup_message_headers_get_one (headers, "ETag"));
      fetch->new_last_modified = validator (soup_message_headers_get_one (headers, "Last-Modified"));
      drama_http_read_body_async (fetch->stream, fetch->msg, fetch->max_body, fetch->watch,
                                  fetch->cancellable, on_body_read, task);
      return;
    }

  if (status == SOUP_STATUS_GONE)
    {
      fetch->gone = TRUE;
      fetch_done (task, g_error_new_literal (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_GONE,
                                             _("This feed no longer exists (410 Gone)")));
      return;
    }

  if (status == 429 || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      fetch->retry_after = drama_http_retry_after (headers, now, MAX_RETRY_AFTER);
      if (fetch->retry_after == 0 && status == 429)
        fetch->retry_after = now + DEFAULT_RETRY_AFTER_429;
      if (fetch->retry_after > 0)
        {
          g_autofree char *message = _drama_feed_updater_format_wait (fetch->retry_after);

          fetch_done (task, g_error_new_literal (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP, message));
          return;
        }
    }

  if (status == SOUP_STATUS_NOT_FOUND)
    fetch_done (task, g_error_new_literal (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP,
                                           _("The feed was not found on the server (404 Not Found)")));
  else
    {
      /* The reason phrase is whatever the server wrote, of any length and in any bytes. */
      g_autofree char *said = drama_text_make_safe (reason != NULL ? reason : "", -1,
                                                    MAX_REASON_BYTES);

      fetch_done (task, g_error_new (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP,
                                     _("The server answered “%u %s”"), status,
                                     g_strstrip (said)));
    }
}

static void
fetch_send (GTask *task)
{
  DramaFeedFetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  fetch->msg = soup_message_new (SOUP_METHOD_GET, fetch->url);
  if (fetch->msg == NULL)
    {
      g_autofree char *quoted = drama_text_make_safe (fetch->url, -1, 200);

      fetch_done (task, g_error_new (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_INVALID_URL,
                                     _("“%s” is not a web address"), quoted));
      return;
    }
  soup_message_add_flags (fetch->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (fetch->msg);
  soup_message_headers_replace (headers, "Accept", ACCEPT_FEEDS);
  /* The validators belong to the stored URL; a moved feed is a different document. */
  if (fetch->redirects == 0 || fetch->all_permanent)
    {
      if (fetch->etag != NULL)
        soup_message_headers_replace (headers, "If-None-Match", fetch->etag);
      if (fetch->last_modified != NULL)
        soup_message_headers_replace (headers, "If-Modified-Since", fetch->last_modified);
    }

  soup_session_send_async (fetch->session, fetch->msg, G_PRIORITY_DEFAULT,
                           fetch->cancellable, on_sent, task);
}

static void
on_caller_cancelled (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

void
_drama_feed_updater_fetch_async (DramaFeedUpdater    *self,
                                 SoupSession         *session,
                                 const char          *url,
                                 const char          *etag,
                                 const char          *last_modified,
                                 guint                timeout,
                                 gsize                max_body,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  DramaFeedFetch *fetch = g_new0 (DramaFeedFetch, 1);

  g_task_set_source_tag (task, _drama_feed_updater_fetch_async);
  /* The outcome is read from the task data; the task must not bail out by itself. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  fetch->session = g_object_ref (session);
  fetch->url = g_strdup (url);
  fetch->stored_url = g_strdup (url);
  fetch->all_permanent = TRUE;
  fetch->etag = g_strdup (etag);
  fetch->last_modified = g_strdup (last_modified);
  fetch->max_body = max_body;
  fetch->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      fetch->caller_cancellable = g_object_ref (cancellable);
      fetch->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                     fetch->cancellable, NULL);
    }

  /* Our own time-outs rather than the session's: that one is fixed per pooled connection
   * when it is made. A server trickling bytes is still stopped after ten time-outs in all. */
  fetch->watch = drama_http_watch_new (g_task_get_context (task), fetch->cancellable, timeout,
                                       10 * timeout);

  fetch_send (task);
}

DramaFeedFetch *
_drama_feed_updater_fetch_finish (GAsyncResult *result)
{
  return g_task_get_task_data (G_TASK (result));
}
