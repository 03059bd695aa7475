#define G_LOG_DOMAIN "drama-article-loader"

#include "config.h"

#include "drama-article-loader.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "drama-html.h"
#include "drama-http.h"
#include "drama-net-guard.h"
#include "drama-readability.h"
#include "drama-url.h"

#define DEFAULT_MAX_PAGE (5 * 1000 * 1000)
#define DEFAULT_IDLE_S 20
#define DEFAULT_TOTAL_S 60
/* Background loads asked for at once: a feed that suddenly lists 500 new articles does not
 * keep the loader (and the site) busy for an hour. */
#define MAX_QUEUED 100
/* A feed just set to load full articles: its newest this many articles are loaded too. */
#define FEED_BACKLOG 20

#define ACCEPT_PAGES "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"

struct _DramaArticleLoader
{
  GObject parent_instance;

  DramaStore *store;
  DramaLinker *linker;
  /* A guarded session guards every message it sends (kept-alive connections must not skip
   * the check), so the pages of feeds on the user's own network go through another. */
  SoupSession *guarded_session;
  SoupSession *open_session;
  gsize max_page;
  guint idle_s;
  guint total_s;

  GQueue queue;          /* article ids (GINT64 in a pointer-sized box) to load */
  GHashTable *queued;    /* the same ids, to load each once */
  gboolean running;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (DramaArticleLoader, drama_article_loader, G_TYPE_OBJECT)

G_DEFINE_QUARK (drama-article-loader-error-quark, drama_article_loader_error)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One load, from the article's row to its page kept. */
typedef struct {
  DramaArticleLoader *loader;   /* owned */
  gint64 article_id;
  char *url;
  char *feed_url;
  char *summary;
  char *charset;
  char *page_url;                /* after redirects: what relative links resolve against */
  gboolean guarded;
  SoupMessage *msg;
  GCancellable *wire;
  gulong caller_handler;
  GCancellable *caller_cancellable;
  DramaHttpWatch *watch;
  GBytes *body;
  GError *failure;               /* being kept with the article, then returned */
} Load;

static void
load_free (Load *load)
{
  g_clear_pointer (&load->watch, drama_http_watch_free);
  if (load->caller_handler != 0)
    g_cancellable_disconnect (load->caller_cancellable, load->caller_handler);
  g_clear_object (&load->caller_cancellable);
  g_clear_object (&load->wire);
  g_clear_object (&load->msg);
  g_clear_pointer (&load->body, g_bytes_unref);
  g_clear_error (&load->failure);
  g_free (load->url);
  g_free (load->feed_url);
  g_free (load->summary);
  g_free (load->charset);
  g_free (load->page_url);
  g_clear_object (&load->loader);
  g_free (load);
}

/* ---- failures ---- */

/* Which failures say something about the page rather than about now: those are kept, so
 * that the background loads do not try the same broken page at every refresh. */
static gboolean
failure_lasts (const GError *error)
{
  return error->domain == DRAMA_ARTICLE_LOADER_ERROR &&
         error->code != DRAMA_ARTICLE_LOADER_ERROR_NETWORK &&
         error->code != DRAMA_ARTICLE_LOADER_ERROR_HTTP;
}

typedef struct {
  gint64 article_id;
  char *message;
} Failure;

static void
failure_free (Failure *failure)
{
  g_free (failure->message);
  g_free (failure);
}

static gpointer
keep_failure_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  const Failure *failure = data;

  return GINT_TO_POINTER (drama_store_set_article_full_error (store, failure->article_id,
                                                              failure->message, error));
}

static void
failure_kept_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) store_error = NULL;

  if (drama_store_call_finish (DRAMA_STORE (source), result, &store_error) == NULL)
    g_debug ("Could not keep why an article's page failed: %s", store_error->message);
  g_task_return_error (task, g_steal_pointer (&load->failure));
  g_object_unref (task);
}

/* Finishes the load with error, kept first with the article when it lasts (so that the
 * article read next shows it). */
static void
fail (GTask  *task,
      GError *error)   /* taken */
{
  Load *load = g_task_get_task_data (task);
  Failure *failure;

  if (!failure_lasts (error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  failure = g_new0 (Failure, 1);
  failure->article_id = load->article_id;
  failure->message = g_strdup (error->message);
  load->failure = error;
  drama_store_call_async (load->loader->store, G_PRIORITY_DEFAULT, keep_failure_job, failure,
                          (GDestroyNotify) failure_free, NULL, NULL, failure_kept_cb, task);
}

static GError *
network_error (Load   *load,
               GError *error)
{
  g_autofree char *host = drama_url_host_name (load->url);

  if (load->guarded && load->msg != NULL && drama_net_guard_refused (load->msg))
    return g_error_new (DRAMA_ARTICLE_LOADER_ERROR, DRAMA_ARTICLE_LOADER_ERROR_PRIVATE,
                        _("“%s” is on a private network: pages of a feed from the internet "
                          "are not loaded from there"), host);
  if (drama_http_watch_fired (load->watch) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (DRAMA_ARTICLE_LOADER_ERROR, DRAMA_ARTICLE_LOADER_ERROR_NETWORK,
                        _("“%s” did not answer in time"), host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, DRAMA_HTTP_ERROR, DRAMA_HTTP_ERROR_TOO_LARGE))
    {
      g_autofree char *size = g_format_size (load->loader->max_page);

      return g_error_new (DRAMA_ARTICLE_LOADER_ERROR, DRAMA_ARTICLE_LOADER_ERROR_TOO_LARGE,
                          _("The page is larger than %s"), size);
    }
  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (DRAMA_ARTICLE_LOADER_ERROR, DRAMA_ARTICLE_LOADER_ERROR_NETWORK,
                        _("Could not find the server “%s”"), host);
  return g_error_new (DRAMA_ARTICLE_LOADER_ERROR, DRAMA_ARTICLE_LOADER_ERROR_NETWORK,
                      _("Could not reach “%s”: %s"), host, error->message);
}

/* ---- the page: extracted, sanitised and kept, on a worker ---- */

typedef struct {
  const Load *load;
  const char *html;
  const char *text;
} SaveJob;

static gpointer
save_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  const SaveJob *job = data;

  return GINT_TO_POINTER (drama_store_set_article_full (store, job->load->article_id,
                                                        job->html, job->text, error));
}

/* The body with the charset the server named, if any, put first as a <meta charset>: the
 * parser honours the first such declaration, and HTTP's word comes before the page's own. A
 * name that is not a plain charset name is left out. */
static char *
page_with_charset (Load  *load,
                   gsize *len)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (load->body, &size);
  GString *page = g_string_sized_new (size + 40);
  const char *charset = load->charset;
  gboolean plain = charset != NULL && *charset != '\0' && strlen (charset) < 40;

  for (const char *c = charset; plain && *c != '\0'; c++)
    plain = g_ascii_isalnum (*c) || strchr ("-_.:", *c) != NULL;
  if (plain)
    g_string_append_printf (page, "<meta charset=\"%s\">", charset);
  g_string_append_len (page, data, size);
  *len = page->len;
  return g_string_free (page, FALSE);
}

static void
extract_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *page = page_with_charset (load, &len);
  g_autofree char *extracted = drama_readability_extract (page, len, load->page_url, NULL, &error);
  g_autofree char *html = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *text = NULL;
  SaveJob job = { load, NULL, NULL };

  if (extracted == NULL)
    {
      g_task_return_new_error (task, DRAMA_ARTICLE_LOADER_ERROR,
                               DRAMA_ARTICLE_LOADER_ERROR_NO_ARTICLE, "%s",
                               error != NULL ? error->message
                                             : _("The page holds no article"));
      return;
    }
  html = drama_html_sanitize_full (extracted, load->page_url, NULL, &page_text);
  if (*g_strstrip (page_text) == '\0')
    {
      g_task_return_new_error (task, DRAMA_ARTICLE_LOADER_ERROR,
                               DRAMA_ARTICLE_LOADER_ERROR_NO_ARTICLE, "%s",
                               _("The page holds no article"));
      return;
    }
  if (load->summary != NULL)
    summary_text = drama_html_to_text (load->summary);
  text = drama_html_join_text (summary_text, page_text);
  job.html = html;
  job.text = text;
  if (drama_store_call_sync (load->loader->store, save_job, &job, cancellable, &error) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&html), g_free);
}

static void
linked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  /* Kept either way: the next relink links it if this one failed. */
  if (!drama_linker_link_articles_finish (DRAMA_LINKER (source), result, &error))
    g_debug ("Could not link the loaded article: %s", error->message);
  g_task_return_pointer (task, g_object_steal_data (G_OBJECT (task), "html"), g_free);
  g_object_unref (task);
}

static void
extracted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *html = g_task_propagate_pointer (G_TASK (result), &error);

  if (html == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  if (load->loader->linker == NULL)
    {
      g_task_return_pointer (task, html, g_free);
      g_object_unref (task);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "html", html, g_free);
  drama_linker_link_articles_async (load->loader->linker, &load->article_id, 1, NULL,
                                    linked_cb, task);
}

/* ---- the request ---- */

static void
body_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GTask *extract;

  load->body = drama_http_read_body_finish (result, &error);
  if (load->body == NULL)
    {
      fail (task, network_error (load, error));
      return;
    }
  g_clear_pointer (&load->watch, drama_http_watch_free);
  load->page_url = g_uri_to_string (soup_message_get_uri (load->msg));
  extract = g_task_new (NULL, g_task_get_cancellable (task), extracted_cb, task);
  g_task_set_task_data (extract, load, NULL);
  g_task_run_in_thread (extract, extract_thread);
  g_object_unref (extract);
}

static gboolean
is_html (const char *type)
{
  /* No type at all: the extractor finds out (and says so when it is no page). */
  return type == NULL || g_ascii_strcasecmp (type, "text/html") == 0 ||
         g_ascii_strcasecmp (type, "application/xhtml+xml") == 0;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  g_autoptr(GHashTable) params = NULL;
  SoupMessageHeaders *headers;
  const char *type;
  guint status;

  if (stream == NULL)
    {
      fail (task, network_error (load, error));
      return;
    }
  drama_http_watch_progress (load->watch);
  status = soup_message_get_status (load->msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      int code = status == 404 || status == 410 ? DRAMA_ARTICLE_LOADER_ERROR_NO_PAGE
                                                : DRAMA_ARTICLE_LOADER_ERROR_HTTP;

      /* Our own words for the status: the server's reason phrase is any bytes it likes. */
      fail (task, g_error_new (DRAMA_ARTICLE_LOADER_ERROR, code,
                               status == 404 || status == 410
                                 ? _("The page is gone (the site answered %u %s)")
                                 : _("The site answered %u %s"),
                               status, soup_status_get_phrase (status)));
      return;
    }
  headers = soup_message_get_response_headers (load->msg);
  type = soup_message_headers_get_content_type (headers, &params);
  if (!is_html (type))
    {
      fail (task, g_error_new (DRAMA_ARTICLE_LOADER_ERROR, DRAMA_ARTICLE_LOADER_ERROR_NOT_HTML,
                               _("The link leads to a file of type %s, not to a web page"),
                               type));
      return;
    }
  if (params != NULL)
    load->charset = g_strdup (g_hash_table_lookup (params, "charset"));
  drama_http_read_body_async (stream, load->msg, load->loader->max_page, load->watch,
                              load->wire, body_read_cb, task);
}

static void
caller_cancelled (GCancellable *cancellable,
                  GCancellable *wire)
{
  g_cancellable_cancel (wire);
}

static void
origin_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Load *load = g_task_get_task_data (task);
  DramaArticleLoader *self = load->loader;
  gboolean private_origin = drama_net_origin_is_private_finish (result);
  SoupSession *session;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  load->guarded = !private_origin;
  load->msg = soup_message_new (SOUP_METHOD_GET, load->url);
  if (load->msg == NULL)
    {
      fail (task, g_error_new_literal (DRAMA_ARTICLE_LOADER_ERROR,
                                       DRAMA_ARTICLE_LOADER_ERROR_NO_PAGE,
                                       _("The article's link is not a web address")));
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (load->msg), "Accept",
                                ACCEPT_PAGES);
  load->wire = g_cancellable_new ();
  if (g_task_get_cancellable (task) != NULL)
    {
      load->caller_cancellable = g_object_ref (g_task_get_cancellable (task));
      load->caller_handler = g_cancellable_connect (load->caller_cancellable,
                                                    G_CALLBACK (caller_cancelled),
                                                    load->wire, NULL);
    }
  if (load->guarded)
    {
      if (self->guarded_session == NULL)
        self->guarded_session = drama_http_session_new (self->total_s, 2, 4, NULL, 0);
      session = self->guarded_session;
      drama_net_guard_message (load->msg, load->wire);
    }
  else
    {
      if (self->open_session == NULL)
        self->open_session = drama_http_session_new (self->total_s, 2, 4, NULL, 0);
      session = self->open_session;
    }
  load->watch = drama_http_watch_new (g_main_context_get_thread_default (), load->wire,
                                      self->idle_s, self->total_s);
  soup_session_send_async (session, load->msg, G_PRIORITY_DEFAULT, load->wire, sent_cb, task);
}

static gpointer
read_article_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return drama_store_get_article (store, *(gint64 *) data, error);
}

static void
article_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaArticle) article = drama_store_call_finish (DRAMA_STORE (source), result, &error);

  if (article == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (!drama_html_is_safe_link (drama_article_get_link (article)))
    {
      fail (task, g_error_new_literal (DRAMA_ARTICLE_LOADER_ERROR,
                                       DRAMA_ARTICLE_LOADER_ERROR_NO_PAGE,
                                       _("This article has no web page")));
      return;
    }
  load->url = g_strdup (drama_article_get_link (article));
  load->feed_url = g_strdup (drama_article_get_feed_url (article));
  load->summary = g_strdup (drama_article_get_summary (article));
  drama_net_origin_is_private_async (load->feed_url, g_task_get_cancellable (task),
                                     origin_cb, task);
}

void
drama_article_loader_load_async (DramaArticleLoader  *self,
                                 gint64               article_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  Load *load;

  g_return_if_fail (DRAMA_IS_ARTICLE_LOADER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_article_loader_load_async);
  load = g_new0 (Load, 1);
  load->loader = g_object_ref (self);
  load->article_id = article_id;
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  drama_store_call_async (self->store, G_PRIORITY_HIGH, read_article_job,
                          g_memdup2 (&load->article_id, sizeof (gint64)), g_free,
                          g_object_unref, cancellable, article_read_cb, task);
}

char *
drama_article_loader_load_finish (DramaArticleLoader  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the background loads ---- */

static void pump (DramaArticleLoader *self);

static void
set_running (DramaArticleLoader *self,
             gboolean            running)
{
  gboolean was_busy = drama_article_loader_get_busy (self);

  self->running = running;
  if (was_busy != drama_article_loader_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
background_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DramaArticleLoader *self = DRAMA_ARTICLE_LOADER (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = drama_article_loader_load_finish (self, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (html == NULL)
    g_debug ("Could not load a full article: %s", error->message);
  set_running (self, FALSE);
  pump (self);
}

static void
pump (DramaArticleLoader *self)
{
  gpointer boxed;
  gint64 id;

  if (self->running || g_queue_is_empty (&self->queue))
    return;
  boxed = g_queue_pop_head (&self->queue);
  id = *(gint64 *) boxed;
  g_hash_table_remove (self->queued, boxed);
  set_running (self, TRUE);
  drama_article_loader_load_async (self, id, self->cancellable, background_done_cb, NULL);
}

static gpointer
list_to_load_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GArray *ids = data;

  return drama_store_list_articles_to_load (store, (const gint64 *) (gpointer) ids->data,
                                            ids->len, error);
}

static void
to_load_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DramaArticleLoader *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  gboolean was_busy = drama_article_loader_get_busy (self);

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not list the articles to load: %s", error->message);
      g_object_unref (self);
      return;
    }
  for (guint i = 0; i < ids->len && g_queue_get_length (&self->queue) < MAX_QUEUED; i++)
    {
      gint64 *boxed;

      if (g_hash_table_contains (self->queued, &g_array_index (ids, gint64, i)))
        continue;
      boxed = g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64));
      g_hash_table_add (self->queued, boxed);
      g_queue_push_tail (&self->queue, boxed);
    }
  if (was_busy != drama_article_loader_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  pump (self);
  g_object_unref (self);
}

static gpointer
list_feed_to_load_job (DramaStore    *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return drama_store_list_feed_articles_to_load (store, *(gint64 *) data, FEED_BACKLOG, error);
}

void
drama_article_loader_queue_feed (DramaArticleLoader *self,
                                 gint64              feed_id)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_LOADER (self));

  drama_store_call_async (self->store, G_PRIORITY_LOW, list_feed_to_load_job,
                          g_memdup2 (&feed_id, sizeof feed_id), g_free,
                          (GDestroyNotify) g_array_unref, self->cancellable, to_load_cb,
                          g_object_ref (self));
}

void
drama_article_loader_queue_new (DramaArticleLoader *self,
                                const gint64       *article_ids,
                                guint               n_ids)
{
  GArray *ids;

  g_return_if_fail (DRAMA_IS_ARTICLE_LOADER (self));

  if (n_ids == 0)
    return;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (ids, article_ids, n_ids);
  drama_store_call_async (self->store, G_PRIORITY_LOW, list_to_load_job, ids,
                          (GDestroyNotify) g_array_unref, (GDestroyNotify) g_array_unref,
                          self->cancellable, to_load_cb, g_object_ref (self));
}

gboolean
drama_article_loader_get_busy (DramaArticleLoader *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_LOADER (self), FALSE);

  return self->running || !g_queue_is_empty (&self->queue);
}

void
drama_article_loader_set_limits (DramaArticleLoader *self,
                                 gsize               max_page,
                                 guint               idle_s,
                                 guint               total_s)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_LOADER (self));

  self->max_page = max_page;
  self->idle_s = idle_s;
  self->total_s = total_s;
}

/* ---- the object ---- */

static void
drama_article_loader_dispose (GObject *object)
{
  DramaArticleLoader *self = DRAMA_ARTICLE_LOADER (object);

  g_cancellable_cancel (self->cancellable);
  g_queue_clear_full (&self->queue, NULL);
  g_hash_table_remove_all (self->queued);
  g_clear_object (&self->guarded_session);
  g_clear_object (&self->open_session);
  g_clear_object (&self->linker);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drama_article_loader_parent_class)->dispose (object);
}

static void
drama_article_loader_finalize (GObject *object)
{
  DramaArticleLoader *self = DRAMA_ARTICLE_LOADER (object);

  g_clear_pointer (&self->queued, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (drama_article_loader_parent_class)->finalize (object);
}

static void
drama_article_loader_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DramaArticleLoader *self = DRAMA_ARTICLE_LOADER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, drama_article_loader_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_article_loader_class_init (DramaArticleLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drama_article_loader_dispose;
  object_class->finalize = drama_article_loader_finalize;
  object_class->get_property = drama_article_loader_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drama_article_loader_init (DramaArticleLoader *self)
{
  g_queue_init (&self->queue);
  self->queued = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->max_page = DEFAULT_MAX_PAGE;
  self->idle_s = DEFAULT_IDLE_S;
  self->total_s = DEFAULT_TOTAL_S;
}

DramaArticleLoader *
drama_article_loader_new (DramaStore  *store,
                          DramaLinker *linker)
{
  DramaArticleLoader *self;

  g_return_val_if_fail (DRAMA_IS_STORE (store), NULL);
  g_return_val_if_fail (linker == NULL || DRAMA_IS_LINKER (linker), NULL);

  self = g_object_new (DRAMA_TYPE_ARTICLE_LOADER, NULL);
  self->store = g_object_ref (store);
  self->linker = linker != NULL ? g_object_ref (linker) : NULL;
  return self;
}
