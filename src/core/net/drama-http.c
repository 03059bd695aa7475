#define G_LOG_DOMAIN "drama-http"

#include "config.h"

#include "drama-http.h"

#define READ_CHUNK_SIZE 65536

G_DEFINE_QUARK (drama-http-error-quark, drama_http_error)

SoupSession *
drama_http_session_new (guint       timeout_s,
                        guint       max_per_host,
                        guint       max_total,
                        const char *cache_name,
                        guint       cache_bytes)
{
  /* The connection limits are construct-only: libsoup's own defaults when 0. */
  SoupSession *session = soup_session_new_with_options ("user-agent", "Dramalist/" PACKAGE_VERSION,
                                                        "timeout", timeout_s,
                                                        "max-conns-per-host",
                                                        max_per_host > 0 ? max_per_host : 2,
                                                        "max-conns", max_total > 0 ? max_total : 10,
                                                        NULL);

  if (cache_name != NULL)
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), DATA_DIR_NAME, cache_name,
                                               NULL);
      g_autoptr(SoupCache) cache = soup_cache_new (dir, SOUP_CACHE_SINGLE_USER);

      soup_cache_set_max_size (cache, cache_bytes);
      soup_cache_load (cache);
      soup_session_add_feature (session, SOUP_SESSION_FEATURE (cache));
    }
  return session;
}

/* ---- time-outs ---- */

struct _DramaHttpWatch {
  GMainContext *context;
  GCancellable *wire;
  guint         idle_s;
  GSource      *idle;
  GSource      *total;
  gboolean      fired;
};

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static gboolean
on_expired (gpointer data)
{
  DramaHttpWatch *self = data;

  self->fired = TRUE;
  g_cancellable_cancel (self->wire);
  return G_SOURCE_REMOVE;
}

static GSource *
attach_timeout (DramaHttpWatch *self,
                guint           seconds)
{
  GSource *source = g_timeout_source_new_seconds (seconds);

  /* Seconds-granular sources wake up together; these must fire on time. */
  g_source_set_ready_time (source, g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC);
  g_source_set_callback (source, on_expired, self, NULL);
  g_source_attach (source, self->context);
  return source;
}

DramaHttpWatch *
drama_http_watch_new (GMainContext *context,
                      GCancellable *wire,
                      guint         idle_s,
                      guint         total_s)
{
  DramaHttpWatch *self = g_new0 (DramaHttpWatch, 1);

  g_return_val_if_fail (G_IS_CANCELLABLE (wire), NULL);

  self->context = context != NULL ? g_main_context_ref (context) : g_main_context_ref_thread_default ();
  self->wire = g_object_ref (wire);
  self->idle_s = idle_s;
  if (total_s > 0)
    self->total = attach_timeout (self, total_s);
  drama_http_watch_progress (self);
  return self;
}

void
drama_http_watch_progress (DramaHttpWatch *self)
{
  clear_source (&self->idle);
  if (self->idle_s > 0 && !self->fired)
    self->idle = attach_timeout (self, self->idle_s);
}

gboolean
drama_http_watch_fired (DramaHttpWatch *self)
{
  return self != NULL && self->fired;
}

void
drama_http_watch_free (DramaHttpWatch *self)
{
  if (self == NULL)
    return;
  clear_source (&self->idle);
  clear_source (&self->total);
  g_object_unref (self->wire);
  g_main_context_unref (self->context);
  g_free (self);
}

/* ---- the body ---- */

typedef struct {
  GInputStream   *stream;
  GByteArray     *body;
  gsize           max_body;
  goffset         expected;   /* -1: unknown, or not comparable (encoded) */
  DramaHttpWatch *watch;      /* not owned */
} BodyRead;

static void
body_read_free (gpointer data)
{
  BodyRead *read = data;

  g_object_unref (read->stream);
  g_clear_pointer (&read->body, g_byte_array_unref);
  g_free (read);
}

static void
return_error (GTask  *task,
              GError *error)
{
  BodyRead *read = g_task_get_task_data (task);

  if (drama_http_watch_fired (read->watch) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      error = g_error_new_literal (DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TIMED_OUT, "timed out");
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
on_chunk (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  BodyRead *read = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              &error);
  gsize size;

  if (chunk == NULL)
    {
      return_error (task, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      if (read->expected >= 0 && (goffset) read->body->len < read->expected)
        {
          return_error (task, g_error_new_literal (DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_CUT_SHORT,
                                                   "cut short"));
          return;
        }
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&read->body)),
                             (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }

  if (read->body->len + size > read->max_body)
    {
      return_error (task, g_error_new_literal (DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TOO_LARGE,
                                               "too large"));
      return;
    }
  g_byte_array_append (read->body, g_bytes_get_data (chunk, NULL), size);
  if (read->watch != NULL)
    drama_http_watch_progress (read->watch);
  g_input_stream_read_bytes_async (read->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_chunk, task);
}

void
drama_http_read_body_async (GInputStream        *stream,
                            SoupMessage         *msg,
                            gsize                max_body,
                            DramaHttpWatch      *watch,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  gboolean plain = soup_message_headers_get_one (headers, "Content-Encoding") == NULL;
  goffset length = soup_message_headers_get_content_length (headers);
  BodyRead *read = g_new0 (BodyRead, 1);

  g_task_set_source_tag (task, drama_http_read_body_async);
  /* The caller's cancellable may be cancelled by the watch: the error says which. */
  g_task_set_check_cancellable (task, FALSE);
  read->stream = g_object_ref (stream);
  read->body = g_byte_array_new ();
  read->max_body = max_body;
  read->watch = watch;
  /* Content-Length counts the compressed bytes when the body is encoded. */
  read->expected = plain && soup_message_headers_get_encoding (headers) ==
                   SOUP_ENCODING_CONTENT_LENGTH ? length : -1;
  g_task_set_task_data (task, read, body_read_free);

  if (plain && length > 0 && (guint64) length > max_body)
    {
      return_error (task, g_error_new_literal (DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TOO_LARGE,
                                               "too large"));
      return;
    }
  g_input_stream_read_bytes_async (stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT, cancellable,
                                   on_chunk, task);
}

GBytes *
drama_http_read_body_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Retry-After ---- */

gint64
drama_http_retry_after (SoupMessageHeaders *headers,
                        gint64              now,
                        gint64              max_wait)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autofree char *trimmed = NULL;
  guint64 seconds = 0;

  if (value == NULL)
    return 0;
  trimmed = g_strstrip (g_strdup (value));
  if (g_ascii_isdigit (*trimmed))
    {
      if (!g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXINT64, &seconds, NULL))
        return 0;
      return now + (gint64) MIN (seconds, (guint64) max_wait);
    }
  else
    {
      g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (trimmed);

      if (date == NULL)
        return 0;
      return CLAMP (g_date_time_to_unix (date), now, now + max_wait);
    }
}
