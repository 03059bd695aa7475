/* fake-server.c: a loopback HTTP server serving fixtures, with injectable failures.
 *
 * Everything runs in the thread-default main context of the creator: handlers never
 * block, delays are GSource timeouts around soup_server_message_pause/unpause.
 */
#define G_LOG_DOMAIN "fake-server"

#include "config.h"

#include "fake-server.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

/* Inline bodies and the tests' idea of "an old resource" get this modification date. */
#define FIXED_LAST_MODIFIED G_GINT64_CONSTANT (1558530000)  /* 2019-05-22 13:00:00 UTC */

typedef struct {
  char   *file;          /* absolute path, or NULL for an inline body */
  char   *content_type;  /* NULL: from the file name */
  GBytes *body;          /* inline body */
} Route;

typedef struct {
  guint    status;
  guint    delay_ms;
  gboolean truncate;
  gboolean short_content_length;
  guint    trickle_ms;
  char    *retry_after;
  char    *location;
  char    *reason;       /* NULL: the usual reason phrase */
  guint    remaining;    /* 0 = forever */
} Failure;

typedef struct {
  guint       hits;
  GArray     *times;     /* gint64 monotonic µs */
  GHashTable *headers;   /* lower-case name → value, latest request */
  char       *query;
} PathStats;

typedef struct {
  FakeServer        *self;
  SoupServerMessage *msg;
  Failure           *failure;
  guint              source_id;
  GSource           *hang_up_source;  /* the client closing the connection meanwhile */
  gboolean           gone;
} Pending;

struct _FakeServer {
  SoupServer *server;
  char       *fixtures_dir;
  char       *url;
  GHashTable *routes;     /* "path" or "path?normalised-query" → Route */
  GHashTable *failures;   /* path → Failure */
  GHashTable *gzip;       /* path set */
  GHashTable *no_validators;  /* path set: answered without ETag/Last-Modified */
  GHashTable *stats;      /* path → PathStats */
  GList      *pending;    /* Pending, delayed answers */
  guint       total_hits;
  guint       n_waiting;  /* delayed answers not sent yet, client still there */
  guint       max_waiting;
  guint       n_abandoned;
  GPtrArray  *extra_urls; /* char *, other loopback addresses listened on */
  GList      *trickles;   /* Trickle, answers still being sent a byte at a time */
};

static void
route_free (gpointer data)
{
  Route *route = data;

  g_free (route->file);
  g_free (route->content_type);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_free (route);
}

static void
failure_free (gpointer data)
{
  Failure *failure = data;

  g_free (failure->retry_after);
  g_free (failure->location);
  g_free (failure->reason);
  g_free (failure);
}

static Failure *
failure_copy (const Failure *failure)
{
  Failure *copy = g_memdup2 (failure, sizeof *failure);

  copy->retry_after = g_strdup (failure->retry_after);
  copy->location = g_strdup (failure->location);
  copy->reason = g_strdup (failure->reason);
  return copy;
}

static void
path_stats_free (gpointer data)
{
  PathStats *stats = data;

  g_array_unref (stats->times);
  g_hash_table_unref (stats->headers);
  g_free (stats->query);
  g_free (stats);
}

static void
pending_free (Pending *pending)
{
  g_clear_handle_id (&pending->source_id, g_source_remove);
  if (pending->hang_up_source != NULL)
    {
      g_source_destroy (pending->hang_up_source);
      g_clear_pointer (&pending->hang_up_source, g_source_unref);
    }
  g_signal_handlers_disconnect_by_data (pending->msg, pending);
  g_object_unref (pending->msg);
  failure_free (pending->failure);
  g_free (pending);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Query parameters decoded and sorted, so "b=2&a=%5B1%5D" equals "a=[1]&b=2". */
static char *
normalise_query (const char *query)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) decoded = NULL;

  if (query == NULL || *query == '\0')
    return NULL;

  parts = g_strsplit (query, "&", -1);
  decoded = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *plus;
      char *unescaped;

      if (*parts[i] == '\0')
        continue;
      for (plus = strchr (parts[i], '+'); plus != NULL; plus = strchr (plus, '+'))
        *plus = ' ';
      unescaped = g_uri_unescape_string (parts[i], NULL);
      g_ptr_array_add (decoded, unescaped != NULL ? unescaped : g_strdup (parts[i]));
    }
  g_ptr_array_sort (decoded, compare_strings);
  g_ptr_array_add (decoded, NULL);
  return g_strjoinv ("&", (char **) decoded->pdata);
}

/* Splits "path?query" into a route key. */
static char *
route_key (const char *path_and_query)
{
  const char *mark = strchr (path_and_query, '?');
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;

  if (mark == NULL)
    return g_strdup (path_and_query);

  path = g_strndup (path_and_query, mark - path_and_query);
  query = normalise_query (mark + 1);
  if (query == NULL)
    return g_steal_pointer (&path);
  return g_strconcat (path, "?", query, NULL);
}

static const char *
content_type_for (const char *name)
{
  static const struct { const char *ext; const char *type; } types[] = {
    { ".xml", "application/xml" },
    { ".rss", "application/rss+xml" },
    { ".rdf", "application/rdf+xml" },
    { ".atom", "application/atom+xml" },
    { ".json", "application/json; charset=utf-8" },
    { ".html", "text/html; charset=utf-8" },
    { ".htm", "text/html; charset=utf-8" },
    { ".txt", "text/plain; charset=utf-8" },
    { ".png", "image/png" },
    { ".jpg", "image/jpeg" },
    { ".jpeg", "image/jpeg" },
    { ".webp", "image/webp" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_suffix (name, types[i].ext))
      return types[i].type;
  return "application/octet-stream";
}


static PathStats *
record_hit (FakeServer        *self,
            const char        *path,
            const char        *query,
            SoupServerMessage *msg)
{
  PathStats *stats = g_hash_table_lookup (self->stats, path);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  gint64 now = g_get_monotonic_time ();

  if (stats == NULL)
    {
      stats = g_new0 (PathStats, 1);
      stats->times = g_array_new (FALSE, FALSE, sizeof (gint64));
      stats->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->stats, g_strdup (path), stats);
    }

  stats->hits++;
  self->total_hits++;
  g_array_append_val (stats->times, now);
  g_hash_table_remove_all (stats->headers);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_hash_table_insert (stats->headers, g_ascii_strdown (name, -1), g_strdup (value));
  g_free (stats->query);
  stats->query = g_strdup (query);
  return stats;
}

/* The failure for this request, if any; counts down "times". Caller owns the copy. */
static Failure *
take_failure (FakeServer *self,
              const char *path)
{
  Failure *failure = g_hash_table_lookup (self->failures, path);
  Failure *copy;

  if (failure == NULL)
    return NULL;

  copy = failure_copy (failure);
  if (failure->remaining > 0 && --failure->remaining == 0)
    g_hash_table_remove (self->failures, path);
  return copy;
}

static const Route *
find_route (FakeServer *self,
            const char *path,
            const char *query)
{
  g_autofree char *normalised = normalise_query (query);
  const Route *route = NULL;

  if (normalised != NULL)
    {
      g_autofree char *key = g_strconcat (path, "?", normalised, NULL);
      route = g_hash_table_lookup (self->routes, key);
    }
  if (route == NULL)
    route = g_hash_table_lookup (self->routes, path);
  return route;
}

/* Loads what a path serves. Returns FALSE for "not found". */
static gboolean
load_content (FakeServer  *self,
              const char  *path,
              const char  *query,
              GBytes     **body,
              const char **content_type,
              gint64      *mtime)
{
  const Route *route = find_route (self, path, query);
  g_autofree char *file = NULL;
  g_autofree char *unescaped = NULL;
  char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  if (route != NULL && route->body != NULL)
    {
      *body = g_bytes_ref (route->body);
      *content_type = route->content_type;
      *mtime = FIXED_LAST_MODIFIED;
      return TRUE;
    }

  if (route != NULL)
    {
      file = g_strdup (route->file);
    }
  else
    {
      unescaped = g_uri_unescape_string (path, NULL);
      if (unescaped == NULL)
        return FALSE;
      file = g_canonicalize_filename (unescaped + (*unescaped == '/' ? 1 : 0), self->fixtures_dir);
      /* Never serve anything outside the fixtures. */
      if (!g_str_has_prefix (file, self->fixtures_dir) ||
          (file[strlen (self->fixtures_dir)] != '/' && file[strlen (self->fixtures_dir)] != '\0'))
        return FALSE;
    }

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR) ||
      !g_file_get_contents (file, &contents, &length, NULL))
    return FALSE;

  *body = g_bytes_new_take (contents, length);
  *content_type = route != NULL && route->content_type != NULL ? route->content_type
                                                               : content_type_for (file);
  *mtime = g_stat (file, &st) == 0 ? (gint64) st.st_mtime : FIXED_LAST_MODIFIED;
  return TRUE;
}

static char *
make_etag (GBytes *body)
{
  g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, body);

  return g_strdup_printf ("\"%s\"", sum);
}

static char *
http_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return soup_date_time_to_string (dt, SOUP_DATE_HTTP);
}

static gboolean
not_modified (SoupMessageHeaders *request,
              const char         *etag,
              gint64              mtime)
{
  const char *inm = soup_message_headers_get_one (request, "If-None-Match");
  const char *ims = soup_message_headers_get_one (request, "If-Modified-Since");

  /* If-None-Match wins when both are sent (RFC 9110 §13.2.2). */
  if (inm != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (inm));

      return strcmp (trimmed, "*") == 0 || strstr (trimmed, etag) != NULL;
    }

  if (ims != NULL)
    {
      g_autoptr(GDateTime) since = soup_date_time_new_from_http_string (ims);

      return since != NULL && g_date_time_to_unix (since) >= mtime;
    }
  return FALSE;
}

static GBytes *
gzip_bytes (GBytes *body)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) stream = g_converter_output_stream_new (memory,
                                                                   G_CONVERTER (compressor));
  gsize size;
  const guint8 *data = g_bytes_get_data (body, &size);

  /* Memory streams: these never block and cannot fail short of running out of memory. */
  g_output_stream_write_all (stream, data, size, NULL, NULL, NULL);
  g_output_stream_close (stream, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

typedef struct {
  GIOStream *stream;
  GBytes    *data;
} Truncation;

static void
truncation_closed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Truncation *truncation = user_data;

  g_io_stream_close_finish (G_IO_STREAM (object), result, NULL);
  g_object_unref (truncation->stream);
  g_bytes_unref (truncation->data);
  g_free (truncation);
}

static void
truncation_written_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Truncation *truncation = user_data;

  /* The client may already be gone; the point is only to hang up early. */
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close_async (truncation->stream, G_PRIORITY_DEFAULT, NULL,
                           truncation_closed_cb, truncation);
}

/* Takes the connection from libsoup and writes the response by hand, then hangs up half-way
 * through the body. With chunked framing libsoup 3.2 reports "Connection terminated
 * unexpectedly"; with a Content-Length larger than what is sent it silently returns the
 * short body (checked), so that variant is there for clients that check the length. */
static void
send_truncated (SoupServerMessage *msg,
                guint              status,
                const char        *content_type,
                GBytes            *body,
                gboolean           content_length)
{
  Truncation *truncation = g_new0 (Truncation, 1);
  gsize size = g_bytes_get_size (body);
  g_autoptr(GString) raw = g_string_new (NULL);
  GOutputStream *output;

  g_string_append_printf (raw,
                          "HTTP/1.1 %u %s\r\n"
                          "Content-Type: %s\r\n"
                          "Connection: close\r\n",
                          status, soup_status_get_phrase (status), content_type);
  if (content_length)
    g_string_append_printf (raw, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", size);
  else
    g_string_append_printf (raw, "Transfer-Encoding: chunked\r\n\r\n%" G_GSIZE_MODIFIER "x\r\n",
                            size);
  g_string_append_len (raw, g_bytes_get_data (body, NULL), size / 2);

  truncation->stream = soup_server_message_steal_connection (msg);
  truncation->data = g_string_free_to_bytes (g_steal_pointer (&raw));
  output = g_io_stream_get_output_stream (truncation->stream);
  g_output_stream_write_all_async (output,
                                   g_bytes_get_data (truncation->data, NULL),
                                   g_bytes_get_size (truncation->data),
                                   G_PRIORITY_DEFAULT, NULL,
                                   truncation_written_cb, truncation);
}

typedef struct {
  FakeServer *self;
  GIOStream  *stream;
  GBytes     *data;     /* headers and body */
  gsize       sent;
  guint       interval_ms;
  guint       source_id;  /* the next byte's timeout, 0 while a write is on its way */
} Trickle;

static void
trickle_free (Trickle *trickle)
{
  trickle->self->trickles = g_list_remove (trickle->self->trickles, trickle);
  g_clear_handle_id (&trickle->source_id, g_source_remove);
  g_io_stream_close (trickle->stream, NULL, NULL);
  g_object_unref (trickle->stream);
  g_bytes_unref (trickle->data);
  g_free (trickle);
}

static gboolean trickle_next_cb (gpointer user_data);

static void
trickle_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Trickle *trickle = user_data;
  gsize written = 0;

  /* A client that gave up closed the connection: stop there. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, &written, NULL) ||
      trickle->sent >= g_bytes_get_size (trickle->data))
    {
      trickle_free (trickle);
      return;
    }
  trickle->source_id = g_timeout_add (trickle->interval_ms, trickle_next_cb, trickle);
}

static gboolean
trickle_next_cb (gpointer user_data)
{
  Trickle *trickle = user_data;
  const char *data = g_bytes_get_data (trickle->data, NULL);
  gsize size = g_bytes_get_size (trickle->data);
  /* The headers go at once, the body a byte at a time. */
  gsize n = trickle->sent == 0 ? (gsize) (strstr (data, "\r\n\r\n") + 4 - data) : 1;

  trickle->source_id = 0;
  n = MIN (n, size - trickle->sent);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (trickle->stream),
                                   data + trickle->sent, n, G_PRIORITY_DEFAULT, NULL,
                                   trickle_written_cb, trickle);
  trickle->sent += n;
  return G_SOURCE_REMOVE;
}

/* Takes the connection from libsoup and sends the whole answer, its body one byte every
 * interval_ms: never a pause long enough for a no-progress time-out. */
static void
send_trickle (FakeServer        *self,
              SoupServerMessage *msg,
              const char        *content_type,
              GBytes            *body,
              guint              interval_ms)
{
  Trickle *trickle = g_new0 (Trickle, 1);
  gsize size = g_bytes_get_size (body);
  GString *raw = g_string_new (NULL);

  g_string_append_printf (raw,
                          "HTTP/1.1 200 OK\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n\r\n",
                          content_type, size);
  g_string_append_len (raw, g_bytes_get_data (body, NULL), size);
  trickle->stream = soup_server_message_steal_connection (msg);
  trickle->data = g_string_free_to_bytes (raw);
  trickle->interval_ms = interval_ms;
  trickle->self = self;
  self->trickles = g_list_prepend (self->trickles, trickle);
  trickle_next_cb (trickle);
}

static void
respond (FakeServer        *self,
         SoupServerMessage *msg,
         const Failure     *failure)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);
  const char *query = g_uri_get_query (uri);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  const char *content_type = NULL;
  const char *accept_encoding;
  gint64 mtime = 0;
  guint status = SOUP_STATUS_OK;

  if (failure != NULL && failure->status != 0)
    status = failure->status;

  if (failure != NULL && failure->retry_after != NULL)
    soup_message_headers_replace (response, "Retry-After", failure->retry_after);

  if (SOUP_STATUS_IS_REDIRECTION (status) && failure->location != NULL)
    {
      soup_server_message_set_redirect (msg, status, failure->location);
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *text = g_strdup_printf ("Fake failure: HTTP %u\n", status);

      soup_server_message_set_status (msg, status, failure->reason);
      if (failure->truncate || failure->short_content_length)
        {
          g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

          send_truncated (msg, status, "text/plain; charset=utf-8", bytes,
                          failure->short_content_length);
          return;
        }
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                        text, strlen (text));
      return;
    }

  if (!load_content (self, path, query, &body, &content_type, &mtime))
    {
      static const char text[] = "Not found\n";

      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        text, strlen (text));
      return;
    }

  if (content_type == NULL)
    content_type = "application/octet-stream";

  if (failure != NULL && (failure->truncate || failure->short_content_length))
    {
      send_truncated (msg, SOUP_STATUS_OK, content_type, body, failure->short_content_length);
      return;
    }
  if (failure != NULL && failure->trickle_ms > 0)
    {
      send_trickle (self, msg, content_type, body, failure->trickle_ms);
      return;
    }

  etag = make_etag (body);
  last_modified = http_date (mtime);
  if (!g_hash_table_contains (self->no_validators, path))
    {
      soup_message_headers_replace (response, "ETag", etag);
      soup_message_headers_replace (response, "Last-Modified", last_modified);
    }

  if (!g_hash_table_contains (self->no_validators, path) && not_modified (request, etag, mtime))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  accept_encoding = soup_message_headers_get_list (request, "Accept-Encoding");
  if (g_hash_table_contains (self->gzip, path))
    {
      soup_message_headers_append (response, "Vary", "Accept-Encoding");
      if (accept_encoding != NULL && soup_header_contains (accept_encoding, "gzip"))
        {
          GBytes *compressed = gzip_bytes (body);

          g_bytes_unref (body);
          body = compressed;
          soup_message_headers_replace (response, "Content-Encoding", "gzip");
        }
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (response, content_type, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

static void
pending_finished_cb (SoupServerMessage *msg,
                     Pending           *pending)
{
  if (pending->gone)
    return;
  pending->gone = TRUE;
  pending->self->n_waiting--;
  pending->self->n_abandoned++;
}

/* A paused message's connection is not read, so libsoup does not notice a client that
 * hangs up (a cancelled download): look at the socket. Readable while the request waits
 * for its answer means the end of the stream, as clients do not pipeline. */
static gboolean
pending_socket_cb (GSocket      *socket,
                   GIOCondition  condition,
                   gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;
  char byte;
  GInputVector vector = { &byte, 1 };
  int flags = G_SOCKET_MSG_PEEK;
  gssize got;

  got = g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, &error);
  if (got < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&pending->hang_up_source, g_source_unref);
  /* More data is not a hang-up; stop watching (it stays readable). */
  if (got <= 0)
    pending_finished_cb (pending->msg, pending);
  return G_SOURCE_REMOVE;
}

static gboolean
pending_fire_cb (gpointer user_data)
{
  Pending *pending = user_data;
  FakeServer *self = pending->self;

  pending->source_id = 0;
  self->pending = g_list_remove (self->pending, pending);

  /* A client that gave up (time-out, cancel) has no connection left to answer on. */
  if (!pending->gone)
    {
      self->n_waiting--;
      /* Unpausing only schedules the I/O, so the answer set just after still goes out;
       * in this order a truncation can steal the connection after the unpause. */
      soup_server_message_unpause (pending->msg);
      respond (self, pending->msg, pending->failure);
    }

  pending_free (pending);
  return G_SOURCE_REMOVE;
}

static void
server_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query_table,
                gpointer           user_data)
{
  FakeServer *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  Failure *failure;

  record_hit (self, path, g_uri_get_query (uri), msg);
  failure = take_failure (self, path);

  if (failure != NULL && failure->delay_ms > 0)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->self = self;
      pending->msg = g_object_ref (msg);
      pending->failure = failure;
      g_signal_connect (msg, "finished", G_CALLBACK (pending_finished_cb), pending);
      if (g_signal_lookup ("disconnected", SOUP_TYPE_SERVER_MESSAGE) != 0)
        g_signal_connect (msg, "disconnected", G_CALLBACK (pending_finished_cb), pending);
      pending->source_id = g_timeout_add (failure->delay_ms, pending_fire_cb, pending);
      self->pending = g_list_prepend (self->pending, pending);
      if (soup_server_message_get_socket (msg) != NULL)
        {
          pending->hang_up_source = g_socket_create_source (soup_server_message_get_socket (msg),
                                                            G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
          g_source_set_callback (pending->hang_up_source, G_SOURCE_FUNC (pending_socket_cb),
                                 pending, NULL);
          g_source_attach (pending->hang_up_source, NULL);
        }
      self->n_waiting++;
      self->max_waiting = MAX (self->max_waiting, self->n_waiting);
      soup_server_message_pause (msg);
      return;
    }

  respond (self, msg, failure);
  g_clear_pointer (&failure, failure_free);
}

FakeServer *
fake_server_new (const char *fixtures_dir)
{
  return fake_server_new_on_port (fixtures_dir, 0);
}

FakeServer *
fake_server_new_on_port (const char *fixtures_dir,
                         guint       port)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  FakeServer *self;

  self = g_new0 (FakeServer, 1);
  self->fixtures_dir = g_canonicalize_filename (fixtures_dir != NULL ? fixtures_dir : ".", NULL);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, route_free);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, failure_free);
  self->gzip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->no_validators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, path_stats_free);
  self->extra_urls = g_ptr_array_new_with_free_func (g_free);

  self->server = soup_server_new ("server-header", "FakeServer/1.0 ", NULL);
  soup_server_add_handler (self->server, NULL, server_handler, self, NULL);
  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_warning ("Could not listen on 127.0.0.1:%u: %s", port, error->message);
      fake_server_free (self);
      return NULL;
    }

  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
fake_server_free (FakeServer *self)
{
  if (self == NULL)
    return;

  g_list_free_full (g_steal_pointer (&self->pending), (GDestroyNotify) pending_free);
  /* A byte on its way finishes first (at once: the socket takes it); then nothing is due. */
  while (self->trickles != NULL)
    {
      Trickle *trickle = self->trickles->data;

      if (trickle->source_id != 0)
        trickle_free (trickle);
      else
        g_main_context_iteration (NULL, TRUE);
    }
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  g_clear_pointer (&self->routes, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->gzip, g_hash_table_unref);
  g_clear_pointer (&self->no_validators, g_hash_table_unref);
  g_clear_pointer (&self->stats, g_hash_table_unref);
  g_clear_pointer (&self->extra_urls, g_ptr_array_unref);
  g_free (self->fixtures_dir);
  g_free (self->url);
  g_free (self);
}

const char *
fake_server_get_url (FakeServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}

void
fake_server_route (FakeServer *self,
                   const char *path_and_query,
                   const char *fixture_relpath)
{
  Route *route;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path_and_query != NULL && fixture_relpath != NULL);

  route = g_new0 (Route, 1);
  route->file = g_canonicalize_filename (fixture_relpath, self->fixtures_dir);
  g_hash_table_replace (self->routes, route_key (path_and_query), route);
}

void
fake_server_set_body (FakeServer *self,
                      const char *path_and_query,
                      const char *content_type,
                      const char *body)
{
  Route *route;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path_and_query != NULL && body != NULL);

  route = g_new0 (Route, 1);
  route->content_type = g_strdup (content_type != NULL ? content_type
                                                       : content_type_for (path_and_query));
  route->body = g_bytes_new (body, strlen (body));
  g_hash_table_replace (self->routes, route_key (path_and_query), route);
}

void
fake_server_set_large_body (FakeServer *self,
                            const char *path,
                            gsize       bytes)
{
  gboolean json = g_str_has_suffix (path, ".json");
  const char *head = json ? "{\"items\":[" : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                             "<rss version=\"2.0\"><channel><title>Large</title>\n";
  const char *tail = json ? "{}]}\n" : "</channel></rss>\n";
  GString *text = g_string_sized_new (bytes + 128);
  Route *route;
  guint n = 0;

  g_return_if_fail (self != NULL && path != NULL);

  g_string_append (text, head);
  while (text->len + strlen (tail) + 80 < bytes)
    {
      if (json)
        g_string_append_printf (text, "{\"id\":\"large-%u\",\"title\":\"Item %u\"},\n", n, n);
      else
        g_string_append_printf (text, "<item><title>Item %u</title><guid>large-%u</guid></item>\n",
                                n, n);
      n++;
    }
  while (text->len + strlen (tail) < bytes)
    g_string_append_c (text, ' ');
  g_string_append (text, tail);
  if (text->len > bytes)
    g_string_truncate (text, bytes);

  route = g_new0 (Route, 1);
  route->content_type = g_strdup (json ? "application/json" : "application/rss+xml");
  route->body = g_string_free_to_bytes (text);
  g_hash_table_replace (self->routes, g_strdup (path), route);
}

void
fake_server_set_gzip (FakeServer *self,
                      const char *path,
                      gboolean    gzip)
{
  g_return_if_fail (self != NULL && path != NULL);

  if (gzip)
    g_hash_table_add (self->gzip, g_strdup (path));
  else
    g_hash_table_remove (self->gzip, path);
}

void
fake_server_set_validators (FakeServer *self,
                            const char *path,
                            gboolean    validators)
{
  g_return_if_fail (self != NULL && path != NULL);

  if (validators)
    g_hash_table_remove (self->no_validators, path);
  else
    g_hash_table_add (self->no_validators, g_strdup (path));
}

void
fake_server_fail (FakeServer        *self,
                  const char        *path,
                  const FakeFailure *failure)
{
  Failure *copy;

  g_return_if_fail (self != NULL && path != NULL && failure != NULL);

  copy = g_new0 (Failure, 1);
  copy->status = failure->status;
  copy->delay_ms = failure->delay_ms;
  copy->truncate = failure->truncate;
  copy->short_content_length = failure->short_content_length;
  copy->trickle_ms = failure->trickle_ms;
  copy->retry_after = g_strdup (failure->retry_after);
  copy->location = g_strdup (failure->location);
  copy->reason = g_strdup (failure->reason);
  copy->remaining = failure->times;
  g_hash_table_replace (self->failures, g_strdup (path), copy);
}

void
fake_server_clear_failures (FakeServer *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_remove_all (self->failures);
}

guint
fake_server_get_hits (FakeServer *self,
                      const char *path)
{
  PathStats *stats;

  g_return_val_if_fail (self != NULL && path != NULL, 0);

  stats = g_hash_table_lookup (self->stats, path);
  return stats != NULL ? stats->hits : 0;
}

guint
fake_server_get_total_hits (FakeServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->total_hits;
}

const GArray *
fake_server_get_hit_times (FakeServer *self,
                           const char *path)
{
  PathStats *stats;

  g_return_val_if_fail (self != NULL && path != NULL, NULL);

  stats = g_hash_table_lookup (self->stats, path);
  return stats != NULL ? stats->times : NULL;
}

const char *
fake_server_get_last_header (FakeServer *self,
                             const char *path,
                             const char *header)
{
  g_autofree char *lower = NULL;
  PathStats *stats;

  g_return_val_if_fail (self != NULL && path != NULL && header != NULL, NULL);

  stats = g_hash_table_lookup (self->stats, path);
  if (stats == NULL)
    return NULL;
  lower = g_ascii_strdown (header, -1);
  return g_hash_table_lookup (stats->headers, lower);
}

const char *
fake_server_get_last_query (FakeServer *self,
                            const char *path)
{
  PathStats *stats;

  g_return_val_if_fail (self != NULL && path != NULL, NULL);

  stats = g_hash_table_lookup (self->stats, path);
  return stats != NULL ? stats->query : NULL;
}

char *
fake_server_fixtures_dir (const char *subdir)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", subdir, NULL);
}

const char *
fake_server_listen_also (FakeServer *self,
                         const char *loopback_address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GUri) uri = NULL;
  char *url;

  g_return_val_if_fail (self != NULL && loopback_address != NULL, NULL);

  address = g_inet_address_new_from_string (loopback_address);
  /* Never beyond this machine. */
  g_return_val_if_fail (address != NULL && g_inet_address_get_is_loopback (address), NULL);

  uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);
  socket_address = g_inet_socket_address_new (address, g_uri_get_port (uri));
  if (!soup_server_listen (self->server, socket_address, 0, &error))
    {
      g_warning ("Could not listen on %s: %s", loopback_address, error->message);
      return NULL;
    }
  url = g_strdup_printf ("http://%s:%d", loopback_address, g_uri_get_port (uri));
  g_ptr_array_add (self->extra_urls, url);
  return url;
}

guint
fake_server_get_n_waiting (FakeServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_waiting;
}

guint
fake_server_get_max_waiting (FakeServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_waiting;
}

guint
fake_server_get_n_abandoned (FakeServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_abandoned;
}

void
fake_server_reset_waiting_stats (FakeServer *self)
{
  g_return_if_fail (self != NULL);

  self->max_waiting = self->n_waiting;
  self->n_abandoned = 0;
}
