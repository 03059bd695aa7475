/* drama-tvmaze-fetch.c: one TVmaze request, from queue to parsed result.
 *
 * A fetch waits in a queue until the rate limit allows it, is sent, has its body read in
 * chunks (with a size cap, a no-progress time-out and a deadline for the whole request:
 * drama-http.c, shared with the feeds), and is parsed in a worker thread.
 * A 429 answer puts it back in the queue after the Retry-After delay. */
#define G_LOG_DOMAIN "drama-tvmaze"

#include "config.h"

#include "drama-tvmaze-private.h"

#include <glib/gi18n-lib.h>

#include "drama-http.h"
#include "drama-net-guard.h"


typedef enum {
  FETCH_WAITING,
  FETCH_RETRY,
  FETCH_FLIGHT,
  FETCH_DONE,
} FetchState;

typedef struct {
  SoupSession          *session;
  char                 *url;
  gboolean              throttled;
  gboolean              guarded;
  const char           *not_found;        /* message for a 404 (static, translated) */
  DramaTvmazeParseFunc  parse;            /* NULL: the body itself is the result */
  gpointer              parse_data;
  GDestroyNotify        parse_data_free;
  GDestroyNotify        result_free;
  gsize                 max_body;

  FetchState            state;
  guint                 attempts;
  guint                 timeout_s;
  guint                 deadline_s;
  GCancellable         *wire;             /* cancels the request on the wire: the caller or
                                           * the watch */
  DramaHttpWatch       *watch;            /* no progress for timeout_s seconds, or
                                           * deadline_s since it was sent */
  GSource              *cancel_source;    /* the caller's cancellable, in the task's context */
  GSource              *retry_source;
  SoupMessage          *msg;
  GInputStream         *stream;
  GBytes               *body;
} Fetch;

static void fetch_enqueue (GTask *task);

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  if (fetch->cancel_source != NULL)
    {
      g_source_destroy (fetch->cancel_source);
      g_source_unref (fetch->cancel_source);
    }
  if (fetch->retry_source != NULL)
    {
      g_source_destroy (fetch->retry_source);
      g_source_unref (fetch->retry_source);
    }
  g_clear_pointer (&fetch->watch, drama_http_watch_free);
  g_clear_object (&fetch->wire);
  g_clear_object (&fetch->session);
  g_clear_object (&fetch->msg);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->body, g_bytes_unref);
  if (fetch->parse_data_free != NULL && fetch->parse_data != NULL)
    fetch->parse_data_free (fetch->parse_data);
  g_free (fetch->url);
  g_free (fetch);
}

static GSource *
attach_timeout (GMainContext *context,
                guint         ms,
                GSourceFunc   func,
                gpointer      data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, context);
  return source;
}

void
_drama_tvmaze_clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Ends a fetch with an error; drops the reference the fetch's driver held. */
static void
fetch_return_error (GTask  *task,
                    GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  fetch->state = FETCH_DONE;
  _drama_tvmaze_clear_source (&fetch->cancel_source);
  _drama_tvmaze_clear_source (&fetch->retry_source);
  g_clear_pointer (&fetch->watch, drama_http_watch_free);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static GError *
network_error (Fetch        *fetch,
               const GError *error)
{
  if (fetch->guarded && fetch->msg != NULL && drama_net_guard_refused (fetch->msg))
    return g_error_new_literal (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_PRIVATE,
                                _("The picture is on a private network."));
  if (g_error_matches (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TOO_LARGE))
    return g_error_new_literal (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_TOO_LARGE,
                                _("TVmaze sent more data than expected."));
  if (g_error_matches (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_CUT_SHORT))
    return g_error_new (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_NETWORK,
                        _("Could not reach TVmaze: %s"), _("the connection was cut off"));
  if (drama_http_watch_fired (fetch->watch) ||
      g_error_matches (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TIMED_OUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_TIMED_OUT,
                        _("Could not reach TVmaze: it did not answer in time."));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  return g_error_new (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_NETWORK,
                      _("Could not reach TVmaze: %s"), error->message);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Fetch *fetch = task_data;
  g_autoptr(GBytes) body = g_steal_pointer (&fetch->body);
  g_autoptr(GError) error = NULL;
  gpointer result;

  result = fetch->parse (body, fetch->parse_data, &error);
  if (result == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_MALFORMED,
                                     _("TVmaze sent data that could not be read."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, fetch->result_free);
}

static void
fetch_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  fetch->body = drama_http_read_body_finish (result, &error);
  if (fetch->body == NULL)
    {
      fetch_return_error (task, network_error (fetch, error));
      return;
    }

  fetch->state = FETCH_DONE;
  _drama_tvmaze_clear_source (&fetch->cancel_source);
  g_clear_pointer (&fetch->watch, drama_http_watch_free);
  g_clear_object (&fetch->stream);

  if (fetch->parse == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&fetch->body), (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }

  g_task_run_in_thread (task, parse_thread);
  g_object_unref (task);
}

/* Milliseconds to wait after a 429: Retry-After in seconds or as an HTTP date. */
static guint
retry_delay_ms (DramaTvmaze        *self,
                SoupMessageHeaders *headers)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 max_s = (self->retry_max_ms + 999) / 1000;
  gint64 until = drama_http_retry_after (headers, now, max_s);
  guint64 ms = self->retry_default_ms;

  if (until > 0)
    ms = (guint64) (until - now) * 1000;
  else if (soup_message_headers_get_one (headers, "Retry-After") != NULL)
    ms = 0;   /* a date in the past, or words: go on */
  return (guint) MIN (ms, (guint64) self->retry_max_ms);
}

static gboolean
fetch_retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);

  g_clear_pointer (&fetch->retry_source, g_source_unref);
  fetch_enqueue (task);
  return G_SOURCE_REMOVE;
}

static void
fetch_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  DramaTvmaze *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  guint status;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (fetch->stream == NULL)
    {
      fetch_return_error (task, network_error (fetch, error));
      return;
    }

  status = soup_message_get_status (fetch->msg);
  if (status == 429 /* Too Many Requests */ && fetch->throttled)
    {
      guint delay;

      g_clear_object (&fetch->stream);
      g_clear_pointer (&fetch->watch, drama_http_watch_free);
      if (++fetch->attempts > MAX_429_RETRIES)
        {
          GError *error429 = g_error_new_literal (DRAMA_TVMAZE_ERROR,
                                                  DRAMA_TVMAZE_ERROR_RATE_LIMITED,
                                                  _("TVmaze is receiving too many requests. "
                                                    "Try again in a minute."));

          fetch_return_error (task, error429);
          return;
        }
      delay = retry_delay_ms (self, soup_message_get_response_headers (fetch->msg));
      g_debug ("TVmaze said 429 for %s; retrying in %u ms", fetch->url, delay);
      g_clear_object (&fetch->msg);
      fetch->state = FETCH_RETRY;
      fetch->retry_source = attach_timeout (g_task_get_context (task), delay, fetch_retry_cb, task);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      fetch_return_error (task,
                          g_error_new_literal (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_NOT_FOUND,
                                               fetch->not_found));
      return;
    }
  if (status >= 500)
    {
      fetch_return_error (task,
                          g_error_new (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_SERVER,
                                       _("TVmaze is having problems (HTTP %u). Try again later."),
                                       status));
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      fetch_return_error (task, g_error_new (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_HTTP,
                                             _("TVmaze refused the request (HTTP %u)."), status));
      return;
    }

  drama_http_watch_progress (fetch->watch);
  drama_http_read_body_async (fetch->stream, fetch->msg, fetch->max_body, fetch->watch,
                              fetch->wire, fetch_read_cb, task);
}

static void
fetch_send (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  fetch->state = FETCH_FLIGHT;
  g_clear_pointer (&fetch->watch, drama_http_watch_free);
  g_clear_object (&fetch->wire);
  fetch->wire = g_cancellable_new ();
  g_clear_object (&fetch->msg);
  fetch->msg = soup_message_new (SOUP_METHOD_GET, fetch->url);
  if (fetch->msg == NULL)
    {
      fetch_return_error (task,
                          g_error_new (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_INVALID,
                                       _("The TVmaze address “%s” is not valid."), fetch->url));
      return;
    }
  if (fetch->parse != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (fetch->msg),
                                  "Accept", "application/json");
  if (fetch->guarded)
    drama_net_guard_message (fetch->msg, fetch->wire);

  /* Our own time-outs: the session's is fixed when a connection opens, so a kept-alive
   * connection would ignore a later drama_tvmaze_set_timeout (). The no-progress one
   * restarts with every chunk, so a server sending a byte a second would hold the request
   * (and its slot) for ever: the total one does not. */
  fetch->watch = drama_http_watch_new (g_task_get_context (task), fetch->wire, fetch->timeout_s,
                                       fetch->deadline_s);
  soup_session_send_async (fetch->session, fetch->msg, G_PRIORITY_DEFAULT,
                           fetch->wire, fetch_sent_cb, task);
}

/* Runs in the task's context when the caller cancels: a fetch waiting for its turn or for
 * a retry ends at once; one on the wire is cut, and libsoup reports that. */
static gboolean
fetch_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  DramaTvmaze *self = g_task_get_source_object (task);
  GError *error = NULL;
  GSource *source;

  if (fetch->state == FETCH_WAITING)
    {
      if (!g_queue_remove (&self->waiting, task))
        {
          g_clear_pointer (&fetch->cancel_source, g_source_unref);
          return G_SOURCE_REMOVE;
        }
    }
  else if (fetch->state == FETCH_RETRY)
    {
      _drama_tvmaze_clear_source (&fetch->retry_source);
    }
  else if (fetch->state == FETCH_FLIGHT)
    {
      /* libsoup reports the cancellation through the request's own callback. */
      g_cancellable_cancel (fetch->wire);
      g_clear_pointer (&fetch->cancel_source, g_source_unref);
      return G_SOURCE_REMOVE;
    }
  else
    {
      g_clear_pointer (&fetch->cancel_source, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  /* fetch_return_error destroys this source: keep it alive until we return. */
  source = g_source_ref (fetch->cancel_source);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  fetch_return_error (task, error);
  g_source_unref (source);
  return G_SOURCE_REMOVE;
}

static void
fetch_enqueue (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  DramaTvmaze *self = g_task_get_source_object (task);

  if (g_task_return_error_if_cancelled (task))
    {
      fetch->state = FETCH_DONE;
      _drama_tvmaze_clear_source (&fetch->cancel_source);
      g_object_unref (task);
      return;
    }

  if (!fetch->throttled)
    {
      fetch_send (task);
      return;
    }

  fetch->state = FETCH_WAITING;
  g_queue_push_tail (&self->waiting, task);
  _drama_tvmaze_pump (self);
}

static gboolean
pump_cb (gpointer user_data)
{
  DramaTvmaze *self = user_data;

  g_clear_pointer (&self->pump_source, g_source_unref);
  _drama_tvmaze_pump (self);
  return G_SOURCE_REMOVE;
}

/* Sends what the rate limit allows now; wakes up when the oldest call leaves the window. */
void
_drama_tvmaze_pump (DramaTvmaze *self)
{
  gint64 window = (gint64) self->rate_window_ms * 1000;
  gint64 now = g_get_monotonic_time ();

  while (!g_queue_is_empty (&self->sent_times) &&
         now - *(gint64 *) g_queue_peek_head (&self->sent_times) >= window)
    g_free (g_queue_pop_head (&self->sent_times));

  while (!g_queue_is_empty (&self->waiting) &&
         g_queue_get_length (&self->sent_times) < self->rate_calls)
    {
      GTask *task = g_queue_pop_head (&self->waiting);

      g_queue_push_tail (&self->sent_times, g_memdup2 (&now, sizeof now));
      fetch_send (task);
    }

  if (!g_queue_is_empty (&self->waiting) && self->pump_source == NULL)
    {
      gint64 oldest = *(gint64 *) g_queue_peek_head (&self->sent_times);
      gint64 wait_us = oldest + window - now;
      guint wait_ms = (guint) MAX ((wait_us + 999) / 1000, 1);

      self->pump_source = attach_timeout (self->context, wait_ms, pump_cb, self);
    }
}

/* Starts a fetch. The GTask returned to `callback` carries the parsed result. */
void
_drama_tvmaze_fetch (DramaTvmaze          *self,
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
                     gpointer              user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);

  g_task_set_source_tag (task, source_tag);
  fetch->session = g_object_ref (session);
  fetch->url = g_strdup (url);
  fetch->throttled = throttled;
  fetch->guarded = guarded;
  fetch->not_found = not_found;
  fetch->parse = parse;
  fetch->parse_data = parse_data;
  fetch->parse_data_free = parse_data_free;
  fetch->result_free = result_free;
  fetch->max_body = max_body;
  fetch->timeout_s = self->timeout_s;
  fetch->deadline_s = self->deadline_s;
  g_task_set_task_data (task, fetch, fetch_free);

  if (cancellable != NULL)
    {
      fetch->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (fetch->cancel_source, G_SOURCE_FUNC (fetch_cancelled_cb), task, NULL);
      g_source_attach (fetch->cancel_source, g_task_get_context (task));
    }

  /* The reference from g_task_new is the one the fetch's driver holds until it returns. */
  fetch_enqueue (task);
}
