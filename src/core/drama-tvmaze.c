/* drama-tvmaze.c: the TVmaze API client.
 *
 * Each API call is one "fetch": it waits in a queue until the rate limit allows it, is
 * sent, has its body read in chunks (with a size cap), and is parsed in a worker thread.
 * A 429 answer puts it back in the queue after the Retry-After delay. */
#define G_LOG_DOMAIN "drama-tvmaze"

#include "config.h"

#include "drama-tvmaze.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "drama-html.h"
#include "drama-tvmaze-parse.h"

#define USER_AGENT            "Dramalist/" PACKAGE_VERSION
#define DEFAULT_TIMEOUT_S     20
#define DEFAULT_RATE_CALLS    20
#define DEFAULT_RATE_WINDOW   10000
#define DEFAULT_RETRY_MS      10000
#define MAX_RETRY_MS          60000
#define MAX_429_RETRIES       3
/* A big show with all its episodes is well under 2 MiB. */
#define MAX_API_BODY          (16 * 1024 * 1024)
#define MAX_IMAGE_BODY        (20 * 1024 * 1024)
#define IMAGE_CACHE_SIZE      (64 * 1024 * 1024)
#define READ_CHUNK            (64 * 1024)

G_DEFINE_QUARK (drama-tvmaze-error-quark, drama_tvmaze_error)

G_DEFINE_BOXED_TYPE (DramaCredit, drama_credit, drama_credit_copy, drama_credit_free)

DramaCredit *
drama_credit_new (DramaShow  *show,
                  const char *character)
{
  DramaCredit *credit;

  g_return_val_if_fail (DRAMA_IS_SHOW (show), NULL);

  credit = g_new0 (DramaCredit, 1);
  credit->show = g_object_ref (show);
  credit->character = g_strdup (character);
  return credit;
}

DramaCredit *
drama_credit_copy (const DramaCredit *credit)
{
  g_return_val_if_fail (credit != NULL, NULL);

  return drama_credit_new (credit->show, credit->character);
}

void
drama_credit_free (DramaCredit *credit)
{
  if (credit == NULL)
    return;
  g_clear_object (&credit->show);
  g_free (credit->character);
  g_free (credit);
}

struct _DramaTvmaze {
  GObject       parent_instance;

  char         *base_url;
  SoupSession  *session;
  SoupSession  *image_session;
  SoupCache    *image_cache;
  GMainContext *context;

  guint         rate_calls;
  guint         rate_window_ms;
  guint         retry_default_ms;
  guint         retry_max_ms;

  GQueue        sent_times;   /* gint64* monotonic µs of the calls in the current window */
  GQueue        waiting;      /* GTask* of fetches waiting for their turn */
  GSource      *pump_source;
};

G_DEFINE_FINAL_TYPE (DramaTvmaze, drama_tvmaze, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- one fetch ---- */

typedef gpointer (*ParseFunc) (GBytes   *body,
                               gpointer  parse_data,
                               GError  **error);

typedef enum {
  FETCH_WAITING,
  FETCH_RETRY,
  FETCH_FLIGHT,
  FETCH_DONE,
} FetchState;

typedef struct {
  SoupSession    *session;
  char           *url;
  gboolean        throttled;
  const char     *not_found;    /* message for a 404 (static, translated) */
  ParseFunc       parse;        /* NULL: the body itself is the result */
  gpointer        parse_data;
  GDestroyNotify  parse_data_free;
  GDestroyNotify  result_free;
  gsize           max_body;

  FetchState      state;
  guint           attempts;
  GSource        *cancel_source;
  GSource        *retry_source;
  SoupMessage    *msg;
  GInputStream   *stream;
  GByteArray     *body;
} Fetch;

static void fetch_enqueue (GTask *task);
static void pump (DramaTvmaze *self);

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
  g_clear_object (&fetch->session);
  g_clear_object (&fetch->msg);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
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

static void
clear_source (GSource **source)
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
  clear_source (&fetch->cancel_source);
  clear_source (&fetch->retry_source);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static GError *
network_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_TIMED_OUT,
                        _("Could not reach TVmaze: it did not answer in time."));
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
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body));
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
fetch_body_done (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->msg);

  /* libsoup 3.2 hands over a body cut short of its Content-Length without complaint. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
      (goffset) fetch->body->len < soup_message_headers_get_content_length (headers))
    {
      fetch_return_error (task, g_error_new (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_NETWORK,
                                             _("Could not reach TVmaze: %s"),
                                             _("the connection was cut off")));
      return;
    }

  fetch->state = FETCH_DONE;
  clear_source (&fetch->cancel_source);
  g_clear_object (&fetch->stream);

  if (fetch->parse == NULL)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body)),
                             (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }

  g_task_run_in_thread (task, parse_thread);
  g_object_unref (task);
}

static void
fetch_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      fetch_return_error (task, network_error (error));
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      fetch_body_done (task);
      return;
    }

  if (fetch->body->len + size > fetch->max_body)
    {
      fetch_return_error (task, g_error_new_literal (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_TOO_LARGE,
                                                     _("TVmaze sent more data than expected.")));
      return;
    }
  g_byte_array_append (fetch->body, g_bytes_get_data (chunk, NULL), size);

  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), fetch_read_cb, task);
}

/* Milliseconds to wait after a 429: Retry-After in seconds or as an HTTP date. */
static guint
retry_delay_ms (DramaTvmaze        *self,
                SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  guint64 seconds;
  guint64 ms = self->retry_default_ms;

  if (value != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));
      g_autoptr(GDateTime) date = NULL;

      if (g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXUINT32, &seconds, NULL))
        ms = seconds * 1000;
      else if ((date = soup_date_time_new_from_http_string (trimmed)) != NULL)
        {
          gint64 delta = g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC;

          ms = delta > 0 ? (guint64) delta * 1000 : 0;
        }
    }
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
      fetch_return_error (task, network_error (error));
      return;
    }

  status = soup_message_get_status (fetch->msg);
  if (status == 429 /* Too Many Requests */ && fetch->throttled)
    {
      guint delay;

      g_clear_object (&fetch->stream);
      if (++fetch->attempts > MAX_429_RETRIES)
        {
          fetch_return_error (task, g_error_new_literal (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_RATE_LIMITED,
                                                         _("TVmaze is receiving too many requests. "
                                                           "Try again in a minute.")));
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
      fetch_return_error (task, g_error_new_literal (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_NOT_FOUND,
                                                     fetch->not_found));
      return;
    }
  if (status >= 500)
    {
      fetch_return_error (task, g_error_new (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_SERVER,
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

  fetch->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), fetch_read_cb, task);
}

static void
fetch_send (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  fetch->state = FETCH_FLIGHT;
  g_clear_object (&fetch->msg);
  fetch->msg = soup_message_new (SOUP_METHOD_GET, fetch->url);
  if (fetch->msg == NULL)
    {
      fetch_return_error (task, g_error_new (DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_INVALID,
                                             _("The TVmaze address “%s” is not valid."), fetch->url));
      return;
    }
  if (fetch->parse != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (fetch->msg),
                                  "Accept", "application/json");

  soup_session_send_async (fetch->session, fetch->msg, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), fetch_sent_cb, task);
}

/* Runs in the task's context when the caller cancels while the fetch is not on the wire
 * (waiting for its turn or for a retry); on the wire libsoup reports the cancellation. */
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
        return G_SOURCE_CONTINUE;
    }
  else if (fetch->state == FETCH_RETRY)
    {
      clear_source (&fetch->retry_source);
    }
  else
    {
      return G_SOURCE_CONTINUE;
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
      clear_source (&fetch->cancel_source);
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
  pump (self);
}

static gboolean
pump_cb (gpointer user_data)
{
  DramaTvmaze *self = user_data;

  g_clear_pointer (&self->pump_source, g_source_unref);
  pump (self);
  return G_SOURCE_REMOVE;
}

/* Sends what the rate limit allows now; wakes up when the oldest call leaves the window. */
static void
pump (DramaTvmaze *self)
{
  gint64 window = (gint64) self->rate_window_ms * 1000;
  gint64 now = g_get_monotonic_time ();

  while (!g_queue_is_empty (&self->sent_times) &&
         now - *(gint64 *) g_queue_peek_head (&self->sent_times) >= window)
    g_free (g_queue_pop_head (&self->sent_times));

  while (!g_queue_is_empty (&self->waiting) && g_queue_get_length (&self->sent_times) < self->rate_calls)
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
static void
fetch_start (DramaTvmaze         *self,
             SoupSession         *session,
             const char          *url,
             gboolean             throttled,
             const char          *not_found,
             ParseFunc            parse,
             gpointer             parse_data,
             GDestroyNotify       parse_data_free,
             GDestroyNotify       result_free,
             gsize                max_body,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);

  g_task_set_source_tag (task, source_tag);
  fetch->session = g_object_ref (session);
  fetch->url = g_strdup (url);
  fetch->throttled = throttled;
  fetch->not_found = not_found;
  fetch->parse = parse;
  fetch->parse_data = parse_data;
  fetch->parse_data_free = parse_data_free;
  fetch->result_free = result_free;
  fetch->max_body = max_body;
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

static void
api_fetch (DramaTvmaze         *self,
           const char          *path,
           const char          *not_found,
           ParseFunc            parse,
           gpointer             parse_data,
           GDestroyNotify       parse_data_free,
           GDestroyNotify       result_free,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);

  fetch_start (self, self->session, url, TRUE, not_found, parse, parse_data, parse_data_free,
               result_free, MAX_API_BODY, source_tag, cancellable, callback, user_data);
}

/* ---- GObject ---- */

static void
drama_tvmaze_set_base_url (DramaTvmaze *self,
                           const char  *base_url)
{
  g_autofree char *url = g_strdup (base_url != NULL && *base_url != '\0' ? base_url : DEFAULT_TVMAZE_URL);
  gsize len = strlen (url);

  /* Paths are appended with their leading slash. */
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  g_free (self->base_url);
  self->base_url = g_steal_pointer (&url);
}

static void
drama_tvmaze_constructed (GObject *object)
{
  DramaTvmaze *self = DRAMA_TVMAZE (object);
  g_autofree char *cache_dir = NULL;

  G_OBJECT_CLASS (drama_tvmaze_parent_class)->constructed (object);

  if (self->base_url == NULL)
    drama_tvmaze_set_base_url (self, NULL);

  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", DEFAULT_TIMEOUT_S,
                                                 "max-conns-per-host", 2,
                                                 "max-conns", 4,
                                                 NULL);

  cache_dir = g_build_filename (g_get_user_cache_dir (), "dramalist", "images", NULL);
  self->image_session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                       "timeout", DEFAULT_TIMEOUT_S,
                                                       "max-conns-per-host", 4,
                                                       NULL);
  self->image_cache = soup_cache_new (cache_dir, SOUP_CACHE_SINGLE_USER);
  soup_cache_set_max_size (self->image_cache, IMAGE_CACHE_SIZE);
  soup_cache_load (self->image_cache);
  soup_session_add_feature (self->image_session, SOUP_SESSION_FEATURE (self->image_cache));
}

static void
drama_tvmaze_dispose (GObject *object)
{
  DramaTvmaze *self = DRAMA_TVMAZE (object);

  clear_source (&self->pump_source);
  if (self->image_cache != NULL)
    soup_cache_dump (self->image_cache);
  g_clear_object (&self->image_cache);
  g_clear_object (&self->image_session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (drama_tvmaze_parent_class)->dispose (object);
}

static void
drama_tvmaze_finalize (GObject *object)
{
  DramaTvmaze *self = DRAMA_TVMAZE (object);

  /* Waiting fetches hold a reference on self, so the queue is empty by now. */
  g_queue_clear_full (&self->sent_times, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->base_url);

  G_OBJECT_CLASS (drama_tvmaze_parent_class)->finalize (object);
}

static void
drama_tvmaze_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DramaTvmaze *self = DRAMA_TVMAZE (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_tvmaze_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DramaTvmaze *self = DRAMA_TVMAZE (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      drama_tvmaze_set_base_url (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_tvmaze_class_init (DramaTvmazeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = drama_tvmaze_constructed;
  object_class->dispose = drama_tvmaze_dispose;
  object_class->finalize = drama_tvmaze_finalize;
  object_class->get_property = drama_tvmaze_get_property;
  object_class->set_property = drama_tvmaze_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drama_tvmaze_init (DramaTvmaze *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->rate_calls = DEFAULT_RATE_CALLS;
  self->rate_window_ms = DEFAULT_RATE_WINDOW;
  self->retry_default_ms = DEFAULT_RETRY_MS;
  self->retry_max_ms = MAX_RETRY_MS;
  g_queue_init (&self->sent_times);
  g_queue_init (&self->waiting);
}

DramaTvmaze *
drama_tvmaze_new (const char *base_url)
{
  return g_object_new (DRAMA_TYPE_TVMAZE, "base-url", base_url, NULL);
}

const char *
drama_tvmaze_get_base_url (DramaTvmaze *self)
{
  g_return_val_if_fail (DRAMA_IS_TVMAZE (self), NULL);

  return self->base_url;
}

void
drama_tvmaze_set_timeout (DramaTvmaze *self,
                          guint        seconds)
{
  g_return_if_fail (DRAMA_IS_TVMAZE (self));

  g_object_set (self->session, "timeout", seconds, NULL);
  g_object_set (self->image_session, "timeout", seconds, NULL);
}

void
drama_tvmaze_set_rate_limit (DramaTvmaze *self,
                             guint        calls,
                             guint        window_ms)
{
  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (calls > 0);

  self->rate_calls = calls;
  self->rate_window_ms = window_ms;
  pump (self);
}

void
drama_tvmaze_set_retry_delays (DramaTvmaze *self,
                               guint        default_ms,
                               guint        max_ms)
{
  g_return_if_fail (DRAMA_IS_TVMAZE (self));

  self->retry_default_ms = default_ms;
  self->retry_max_ms = max_ms;
}

/* ---- parse adapters (worker thread) ---- */

static gpointer
parse_search (GBytes   *body,
              gpointer  data,
              GError  **error)
{
  gsize size;
  const char *text = g_bytes_get_data (body, &size);

  return drama_tvmaze_parse_search (text, size, error);
}

typedef struct {
  DramaShow *show;
  GPtrArray *episodes;
  GPtrArray *cast;
} ShowResult;

static void
show_result_free (gpointer data)
{
  ShowResult *result = data;

  g_clear_object (&result->show);
  g_clear_pointer (&result->episodes, g_ptr_array_unref);
  g_clear_pointer (&result->cast, g_ptr_array_unref);
  g_free (result);
}

static gpointer
parse_show (GBytes   *body,
            gpointer  data,
            GError  **error)
{
  ShowResult *result = g_new0 (ShowResult, 1);
  gsize size;
  const char *text = g_bytes_get_data (body, &size);

  result->show = drama_tvmaze_parse_show (text, size, &result->episodes, &result->cast, error);
  if (result->show == NULL)
    {
      show_result_free (result);
      return NULL;
    }
  return result;
}

typedef struct {
  char **akas;
  char  *original_name;
} AkasResult;

static void
akas_result_free (gpointer data)
{
  AkasResult *result = data;

  g_strfreev (result->akas);
  g_free (result->original_name);
  g_free (result);
}

static gpointer
parse_akas (GBytes   *body,
            gpointer  data,
            GError  **error)
{
  AkasResult *result = g_new0 (AkasResult, 1);
  gsize size;
  const char *text = g_bytes_get_data (body, &size);

  result->akas = drama_tvmaze_parse_akas (text, size, data, &result->original_name, error);
  if (result->akas == NULL)
    {
      akas_result_free (result);
      return NULL;
    }
  return result;
}

static gpointer
parse_castcredits (GBytes   *body,
                   gpointer  data,
                   GError  **error)
{
  gsize size;
  const char *text = g_bytes_get_data (body, &size);

  return drama_tvmaze_parse_castcredits (text, size, error);
}

static gpointer
parse_person (GBytes   *body,
              gpointer  data,
              GError  **error)
{
  gsize size;
  const char *text = g_bytes_get_data (body, &size);

  return drama_tvmaze_parse_person (text, size, error);
}

static gpointer
parse_updates (GBytes   *body,
               gpointer  data,
               GError  **error)
{
  gsize size;
  const char *text = g_bytes_get_data (body, &size);

  return drama_tvmaze_parse_updates (text, size, error);
}

/* ---- search ---- */

void
drama_tvmaze_search_async (DramaTvmaze         *self,
                           const char          *query,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  trimmed = g_strstrip (g_strdup (query != NULL ? query : ""));
  if (*trimmed == '\0')
    {
      g_task_report_new_error (self, callback, user_data, drama_tvmaze_search_async,
                               DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_INVALID,
                               _("Type the name of a show to search for."));
      return;
    }

  escaped = g_uri_escape_string (trimmed, NULL, FALSE);
  path = g_strconcat ("/search/shows?q=", escaped, NULL);
  api_fetch (self, path, _("TVmaze could not search for shows."), parse_search, NULL, NULL,
             (GDestroyNotify) g_ptr_array_unref, drama_tvmaze_search_async,
             cancellable, callback, user_data);
}

GPtrArray *
drama_tvmaze_search_finish (DramaTvmaze   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (DRAMA_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- show: the show with cast and episodes, then its akas ---- */

typedef struct {
  gint64      tvmaze_id;
  ShowResult *result;
} ShowOp;

static void
show_op_free (gpointer data)
{
  ShowOp *op = data;

  g_clear_pointer (&op->result, show_result_free);
  g_free (op);
}

static void
show_akas_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ShowOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  AkasResult *akas;

  akas = g_task_propagate_pointer (G_TASK (result), &error);
  if (akas == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Other names are a nicety: the show is complete without them. */
      g_debug ("No akas for show %" G_GINT64_FORMAT ": %s", op->tvmaze_id, error->message);
    }
  else
    {
      DramaShow *show = op->result->show;

      drama_show_set_akas (show, (const char * const *) akas->akas);
      if (akas->original_name != NULL && g_strcmp0 (akas->original_name, drama_show_get_name (show)) != 0)
        drama_show_set_original_name (show, akas->original_name);
      akas_result_free (akas);
    }

  g_task_return_pointer (task, g_steal_pointer (&op->result), show_result_free);
}

static void
show_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DramaTvmaze *self = g_task_get_source_object (task);
  ShowOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  DramaShow *show;

  op->result = g_task_propagate_pointer (G_TASK (result), &error);
  if (op->result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  show = op->result->show;
  /* Some answers omit the id; a merged show answers (after a redirect) with its new id. */
  if (drama_show_get_tvmaze_id (show) == 0)
    drama_show_set_tvmaze_id (show, op->tvmaze_id);
  drama_show_set_refreshed_at (show, g_get_real_time () / G_USEC_PER_SEC);

  path = g_strdup_printf ("/shows/%" G_GINT64_FORMAT "/akas", drama_show_get_tvmaze_id (show));
  api_fetch (self, path, _("TVmaze has no other names for this show."), parse_akas,
             g_strdup (drama_show_get_country (show)), g_free, akas_result_free,
             drama_tvmaze_get_show_async, g_task_get_cancellable (task),
             show_akas_cb, g_steal_pointer (&task));
}

void
drama_tvmaze_get_show_async (DramaTvmaze         *self,
                             gint64               tvmaze_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  ShowOp *op;

  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_tvmaze_get_show_async);
  if (tvmaze_id <= 0)
    {
      g_task_return_new_error (task, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_INVALID,
                               _("This show was not added from TVmaze."));
      return;
    }

  op = g_new0 (ShowOp, 1);
  op->tvmaze_id = tvmaze_id;
  g_task_set_task_data (task, op, show_op_free);

  path = g_strdup_printf ("/shows/%" G_GINT64_FORMAT "?embed[]=cast&embed[]=episodes", tvmaze_id);
  api_fetch (self, path, _("The show was not found on TVmaze."), parse_show, NULL, NULL,
             show_result_free, drama_tvmaze_get_show_async, cancellable,
             show_fetched_cb, g_steal_pointer (&task));
}

DramaShow *
drama_tvmaze_get_show_finish (DramaTvmaze   *self,
                              GAsyncResult  *result,
                              GPtrArray    **episodes,
                              GPtrArray    **cast,
                              GError       **error)
{
  ShowResult *show_result;
  DramaShow *show;

  g_return_val_if_fail (DRAMA_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (episodes != NULL)
    *episodes = NULL;
  if (cast != NULL)
    *cast = NULL;

  show_result = g_task_propagate_pointer (G_TASK (result), error);
  if (show_result == NULL)
    return NULL;

  show = g_steal_pointer (&show_result->show);
  if (episodes != NULL)
    *episodes = g_steal_pointer (&show_result->episodes);
  if (cast != NULL)
    *cast = g_steal_pointer (&show_result->cast);
  show_result_free (show_result);
  return show;
}

/* ---- people ---- */

void
drama_tvmaze_get_person_credits_async (DramaTvmaze         *self,
                                       gint64               person_tvmaze_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf ("/people/%" G_GINT64_FORMAT "/castcredits?embed[]=show&embed[]=character",
                          person_tvmaze_id);
  api_fetch (self, path, _("The person was not found on TVmaze."), parse_castcredits, NULL, NULL,
             (GDestroyNotify) g_ptr_array_unref, drama_tvmaze_get_person_credits_async,
             cancellable, callback, user_data);
}

GPtrArray *
drama_tvmaze_get_person_credits_finish (DramaTvmaze   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (DRAMA_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
drama_tvmaze_get_person_async (DramaTvmaze         *self,
                               gint64               person_tvmaze_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf ("/people/%" G_GINT64_FORMAT, person_tvmaze_id);
  api_fetch (self, path, _("The person was not found on TVmaze."), parse_person, NULL, NULL,
             g_object_unref, drama_tvmaze_get_person_async, cancellable, callback, user_data);
}

DramaPerson *
drama_tvmaze_get_person_finish (DramaTvmaze   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (DRAMA_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- updates ---- */

void
drama_tvmaze_get_updates_async (DramaTvmaze         *self,
                                const char          *since,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (g_strcmp0 (since, "day") == 0 || g_strcmp0 (since, "week") == 0 || g_strcmp0 (since, "month") == 0)
    path = g_strconcat ("/updates/shows?since=", since, NULL);
  else
    path = g_strdup ("/updates/shows");

  api_fetch (self, path, _("TVmaze has no list of updates."), parse_updates, NULL, NULL,
             (GDestroyNotify) g_hash_table_unref, drama_tvmaze_get_updates_async,
             cancellable, callback, user_data);
}

GHashTable *
drama_tvmaze_get_updates_finish (DramaTvmaze   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (DRAMA_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- images ---- */

void
drama_tvmaze_fetch_image_async (DramaTvmaze         *self,
                                const char          *url,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (url == NULL || !drama_html_is_safe_link (url))
    {
      g_task_report_new_error (self, callback, user_data, drama_tvmaze_fetch_image_async,
                               DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_INVALID,
                               _("The picture’s address is not a web address."));
      return;
    }

  /* Image hosts are not the API: no throttle, through the cache. */
  fetch_start (self, self->image_session, url, FALSE, _("The picture was not found."),
               NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref, MAX_IMAGE_BODY,
               drama_tvmaze_fetch_image_async, cancellable, callback, user_data);
}

GBytes *
drama_tvmaze_fetch_image_finish (DramaTvmaze   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (DRAMA_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
