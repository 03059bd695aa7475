/* drama-tvmaze.c: the TVmaze API client: the object, its sessions, search and the show
 * calls. The other API calls are in drama-tvmaze-calls.c, the request machinery in
 * drama-tvmaze-fetch.c. */
#define G_LOG_DOMAIN "drama-tvmaze"

#include "config.h"

#include "drama-tvmaze.h"
#include "drama-tvmaze-private.h"

#include "drama-http.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-tvmaze-parse.h"

#define DEFAULT_TIMEOUT_S     20
#define DEFAULT_DEADLINE_S    60
#define DEFAULT_RATE_CALLS    20
#define DEFAULT_RATE_WINDOW   10000
#define DEFAULT_RETRY_MS      10000
#define MAX_RETRY_MS          60000
/* A big show with all its episodes is well under 2 MiB. */
#define MAX_API_BODY          (16 * 1024 * 1024)
#define IMAGE_CACHE_SIZE      (64 * 1024 * 1024)

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

G_DEFINE_FINAL_TYPE (DramaTvmaze, drama_tvmaze, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_drama_tvmaze_api_fetch (DramaTvmaze          *self,
                         const char           *path,
                         const char           *not_found,
                         DramaTvmazeParseFunc  parse,
                         gpointer              parse_data,
                         GDestroyNotify        parse_data_free,
                         GDestroyNotify        result_free,
                         gpointer              source_tag,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);

  _drama_tvmaze_fetch (self, self->session, url, TRUE, FALSE, not_found, parse, parse_data,
                       parse_data_free, result_free, MAX_API_BODY, source_tag, cancellable,
                       callback, user_data);
}

/* ---- GObject ---- */

static void
drama_tvmaze_set_base_url (DramaTvmaze *self,
                           const char  *base_url)
{
  g_autofree char *url = NULL;
  gsize len;

  url = g_strdup (base_url != NULL && *base_url != '\0' ? base_url : DEFAULT_TVMAZE_URL);
  len = strlen (url);

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

  G_OBJECT_CLASS (drama_tvmaze_parent_class)->constructed (object);

  if (self->base_url == NULL)
    drama_tvmaze_set_base_url (self, NULL);

  self->session = drama_http_session_new (DEFAULT_TIMEOUT_S, 2, 4, NULL, 0);
  /* Posters and photos through an HTTP cache. Feeds' pictures from the internet: a session
   * of their own, so that every connection in it was checked when it opened (a kept-alive
   * one is never checked again), and a cache of its own, as a SoupCache belongs to one
   * session. */
  self->image_session = drama_http_session_new (DEFAULT_TIMEOUT_S, 4, 0, "images",
                                                IMAGE_CACHE_SIZE);
  self->feed_image_session = drama_http_session_new (DEFAULT_TIMEOUT_S, 4, 0, "feed-images",
                                                     IMAGE_CACHE_SIZE);
}

/* What the cache knows is kept for the next start. */
static void
dump_cache (SoupSession *session)
{
  SoupSessionFeature *cache = session != NULL ? soup_session_get_feature (session, SOUP_TYPE_CACHE)
                                              : NULL;

  if (cache != NULL)
    soup_cache_dump (SOUP_CACHE (cache));
}

static void
drama_tvmaze_dispose (GObject *object)
{
  DramaTvmaze *self = DRAMA_TVMAZE (object);

  _drama_tvmaze_clear_source (&self->pump_source);
  dump_cache (self->image_session);
  g_clear_object (&self->image_session);
  dump_cache (self->feed_image_session);
  g_clear_object (&self->feed_image_session);
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
  self->timeout_s = DEFAULT_TIMEOUT_S;
  self->deadline_s = DEFAULT_DEADLINE_S;
  if (g_getenv ("DRAMALIST_NET_DEADLINE_S") != NULL)
    self->deadline_s = (guint) g_ascii_strtoull (g_getenv ("DRAMALIST_NET_DEADLINE_S"), NULL, 10);
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

  self->timeout_s = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
  g_object_set (self->image_session, "timeout", seconds, NULL);
  g_object_set (self->feed_image_session, "timeout", seconds, NULL);
}

void
drama_tvmaze_set_deadline (DramaTvmaze *self,
                           guint        seconds)
{
  g_return_if_fail (DRAMA_IS_TVMAZE (self));

  self->deadline_s = seconds;
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
  _drama_tvmaze_pump (self);
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

gpointer
_drama_tvmaze_finish_pointer (DramaTvmaze   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (DRAMA_IS_TVMAZE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- parse adapters (worker thread) ---- */

BODY_PARSER (parse_search, drama_tvmaze_parse_search)

typedef struct {
  DramaShow *show;
  GPtrArray *episodes;
  GPtrArray *cast;
} ShowResult;

static void
show_result_clear (ShowResult *result)
{
  g_clear_object (&result->show);
  g_clear_pointer (&result->episodes, g_ptr_array_unref);
  g_clear_pointer (&result->cast, g_ptr_array_unref);
}

static void
show_result_free (gpointer data)
{
  show_result_clear (data);
  g_free (data);
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
  _drama_tvmaze_api_fetch (self, path, _("TVmaze could not search for shows."), parse_search, NULL,
                           NULL, (GDestroyNotify) g_ptr_array_unref, drama_tvmaze_search_async,
                           cancellable, callback, user_data);
}

GPtrArray *
drama_tvmaze_search_finish (DramaTvmaze   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return _drama_tvmaze_finish_pointer (self, result, error);
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
      if (akas->original_name != NULL &&
          g_strcmp0 (akas->original_name, drama_show_get_name (show)) != 0)
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
  GCancellable *cancellable;
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
  cancellable = g_task_get_cancellable (task);
  _drama_tvmaze_api_fetch (self, path, _("TVmaze has no other names for this show."), parse_akas,
                           g_strdup (drama_show_get_country (show)), g_free, akas_result_free,
                           drama_tvmaze_get_show_async, cancellable, show_akas_cb,
                           g_steal_pointer (&task));
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
  _drama_tvmaze_api_fetch (self, path, _("The show was not found on TVmaze."), parse_show, NULL,
                           NULL, show_result_free, drama_tvmaze_get_show_async, cancellable,
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

/* ---- refresh: fetch, then save off the main thread ---- */

typedef struct {
  DramaStore *store;
  ShowResult  fetched;
} RefreshOp;

static void
refresh_op_free (gpointer data)
{
  RefreshOp *op = data;

  g_clear_object (&op->store);
  show_result_clear (&op->fetched);
  g_free (op);
}

/* On the store's thread: one quick transaction. */
static gpointer
save_show_job (DramaStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  RefreshOp *op = data;

  if (!drama_store_save_show (store, op->fetched.show, op->fetched.episodes,
                              op->fetched.cast, error))
    return NULL;
  return g_object_ref (op->fetched.show);
}

static void
refresh_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  DramaShow *show = drama_store_call_finish (DRAMA_STORE (source), result, &error);

  if (show == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, show, g_object_unref);
}

static void
refresh_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->fetched.show = drama_tvmaze_get_show_finish (DRAMA_TVMAZE (object), result,
                                                   &op->fetched.episodes, &op->fetched.cast,
                                                   &error);
  if (op->fetched.show == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Once fetched, the save is not cut short (no cancellable): it is one quick transaction.
   * The task keeps op alive until the job is done. */
  g_task_set_check_cancellable (task, FALSE);
  drama_store_call_async (op->store, G_PRIORITY_DEFAULT, save_show_job, op, NULL,
                          g_object_unref, NULL, refresh_saved_cb, g_steal_pointer (&task));
}

void
drama_tvmaze_refresh_show_async (DramaTvmaze         *self,
                                 DramaStore          *store,
                                 gint64               tvmaze_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  RefreshOp *op;

  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (DRAMA_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_tvmaze_refresh_show_async);
  op = g_new0 (RefreshOp, 1);
  op->store = g_object_ref (store);
  g_task_set_task_data (task, op, refresh_op_free);

  drama_tvmaze_get_show_async (self, tvmaze_id, cancellable, refresh_fetched_cb, task);
}

DramaShow *
drama_tvmaze_refresh_show_finish (DramaTvmaze   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _drama_tvmaze_finish_pointer (self, result, error);
}
