#define G_LOG_DOMAIN "drama-feed-updater"

/* Subscribing to an address (a feed, or a page that links to one), and restoring a
 * removed feed. */

#include "config.h"

#include "drama-feed-updater.h"
#include "drama-feed-updater-private.h"

#include <glib/gi18n-lib.h>

#include "drama-feed-parser.h"
#include "drama-text.h"
#include "drama-url.h"

/* ------------------------------------------------------------------------------------ */
/* Subscribing                                                                           */

typedef struct {
  char *url;             /* what is fetched now */
  guint depth;           /* 0: the address given; 1: the feed a page links to */
  GTask *fetch_task;
  DramaFeed *feed;       /* the result */
  GArray *new_ids;
  char *discovered;      /* a page's feed link, to fetch next */
} Subscribe;

static void
subscribe_free (Subscribe *sub)
{
  g_free (sub->url);
  g_clear_object (&sub->fetch_task);
  g_clear_object (&sub->feed);
  g_clear_pointer (&sub->new_ids, g_array_unref);
  g_free (sub->discovered);
  g_free (sub);
}

static void subscribe_fetch (GTask *task);

typedef struct {
  DramaFeed  *feed;
  GPtrArray  *articles;
  GArray    **new_ids;
} AddFeed;

/* On the store's thread. */
static gpointer
add_feed_job (DramaStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  AddFeed *add = data;

  if (!drama_store_add_feed_with_articles (store, add->feed, add->articles, add->new_ids, error))
    return NULL;
  return add;
}

static void
subscribe_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DramaFeedUpdater *self = source_object;
  Subscribe *sub = task_data;
  DramaFeedFetch *fetch = g_task_get_task_data (sub->fetch_task);
  g_autoptr(DramaParsedFeed) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  AddFeed add;
  gsize length = 0;
  const char *data;

  /* The fetch refuses a 304 to a request without validators; a subscription sends none,
   * so this is only a guard. */
  if (fetch->data == NULL)
    {
      g_task_return_new_error (task, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP, "%s",
                               _("The server sent no feed"));
      return;
    }
  data = g_bytes_get_data (fetch->data, &length);
  parsed = drama_feed_parser_parse (data, length, fetch->url, &error);
  if (parsed == NULL)
    {
      if (sub->depth == 0 && length > 0)
        {
          g_autofree char *link = drama_feed_parser_discover (data, length, fetch->url);

          if (link != NULL && g_strcmp0 (link, fetch->url) != 0)
            {
              sub->discovered = g_steal_pointer (&link);
              g_task_return_boolean (task, TRUE);
              return;
            }
        }
      /* A broken feed says why; anything else is simply not a feed. */
      if (g_error_matches (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED) ||
          g_error_matches (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_TOO_LARGE))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NOT_A_FEED, "%s",
                                 _("This page is not a feed and links to none"));
      return;
    }

  feed = drama_feed_new ();
  drama_feed_set_url (feed, fetch->stored_url);
  if (_drama_feed_updater_nonempty (parsed->title) != NULL)
    drama_feed_set_title (feed, parsed->title);
  else
    {
      g_autofree char *host = drama_url_host_name (fetch->url);

      drama_feed_set_title (feed, host);
    }
  drama_feed_set_site_url (feed, _drama_feed_updater_nonempty (parsed->link));
  drama_feed_set_etag (feed, fetch->new_etag);
  drama_feed_set_last_modified (feed, fetch->new_last_modified);
  drama_feed_set_last_fetch (feed, now);
  drama_feed_set_last_success (feed, now);
  drama_feed_set_added_at (feed, now);

  articles = _drama_feed_updater_articles_from_parsed (parsed, now);
  add = (AddFeed) { feed, articles, &sub->new_ids };
  if (drama_store_call_sync (self->store, add_feed_job, &add, NULL, &error) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Counts as list_feeds would give them. */
  drama_feed_set_article_count (feed, (int) articles->len);
  drama_feed_set_unread_count (feed, (int) articles->len);
  sub->feed = g_steal_pointer (&feed);
  g_task_return_boolean (task, TRUE);
}

static void
on_subscribe_thread_done (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  DramaFeedUpdater *self = DRAMA_FEED_UPDATER (source);
  Subscribe *sub = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (sub->discovered != NULL)
    {
      g_free (sub->url);
      sub->url = g_steal_pointer (&sub->discovered);
      sub->depth++;
      subscribe_fetch (task);
      return;
    }

  /* A feed fetched: a server answered. */
  _drama_feed_updater_set_unreachable (self, FALSE);
  _drama_feed_updater_emit_stored (self, drama_feed_get_id (sub->feed), sub->new_ids);
  g_task_return_pointer (task, g_object_ref (sub->feed), g_object_unref);
  g_object_unref (task);
}

static void
on_subscribe_fetched (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  DramaFeedUpdater *self = DRAMA_FEED_UPDATER (source);
  Subscribe *sub = g_task_get_task_data (task);
  DramaFeedFetch *fetch = _drama_feed_updater_fetch_finish (result);

  g_set_object (&sub->fetch_task, G_TASK (result));
  if (fetch->error != NULL)
    {
      g_task_return_error (task, g_error_copy (fetch->error));
      g_object_unref (task);
      return;
    }
  _drama_feed_updater_run_in_thread (self, sub, subscribe_thread, NULL, on_subscribe_thread_done,
                                     task);
}

/* On the store's thread: the feed already subscribed at this address, if any. */
static gpointer
find_feed_job (DramaStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return drama_store_find_feed_by_url (store, data, error);
}

static void
subscribe_checked_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  DramaFeedUpdater *self = g_task_get_source_object (task);
  Subscribe *sub = g_task_get_task_data (task);
  g_autoptr(DramaFeed) existing = NULL;
  GError *error = NULL;

  existing = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  if (existing != NULL)
    error = g_error_new_literal (DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_EXISTS,
                                 _("You are already subscribed to this feed"));
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  _drama_feed_updater_fetch_async (self, self->session, sub->url, NULL, NULL, self->timeout,
                                   self->max_body_size, g_task_get_cancellable (task),
                                   on_subscribe_fetched, task);
}

static void
subscribe_fetch (GTask *task)
{
  DramaFeedUpdater *self = g_task_get_source_object (task);
  Subscribe *sub = g_task_get_task_data (task);

  drama_store_call_async (self->store, G_PRIORITY_DEFAULT, find_feed_job, g_strdup (sub->url),
                          g_free, g_object_unref, g_task_get_cancellable (task),
                          subscribe_checked_cb, task);
}

void
drama_feed_updater_subscribe_async (DramaFeedUpdater    *self,
                                    const char          *url,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Subscribe *sub;
  GError *error = NULL;
  g_autofree char *normalized = NULL;

  g_return_if_fail (DRAMA_IS_FEED_UPDATER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_feed_updater_subscribe_async);

  normalized = drama_feed_updater_normalize_url (url, &error);
  if (normalized == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (!self->network_available)
    {
      g_task_return_error (task, _drama_feed_updater_offline_error ());
      g_object_unref (task);
      return;
    }

  sub = g_new0 (Subscribe, 1);
  sub->url = g_steal_pointer (&normalized);
  g_task_set_task_data (task, sub, (GDestroyNotify) subscribe_free);
  subscribe_fetch (task);
}

DramaFeed *
drama_feed_updater_subscribe_finish (DramaFeedUpdater  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
drama_feed_updater_normalize_url (const char  *text,
                                  GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *candidate = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (g_ascii_strncasecmp (trimmed, "feed://", 7) == 0)
    candidate = g_strconcat ("http://", trimmed + 7, NULL);
  else if (g_ascii_strncasecmp (trimmed, "feed:", 5) == 0)
    candidate = g_strdup (trimmed + 5);
  else if (strstr (trimmed, "://") == NULL && *trimmed != '\0' &&
           strchr (trimmed, ' ') == NULL && strchr (trimmed, ':') == NULL)
    candidate = g_strconcat ("https://", trimmed, NULL);
  else
    candidate = g_strdup (trimmed);

  uri = g_uri_parse (candidate, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || !drama_url_scheme_is_http (scheme) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      strchr (g_uri_get_host (uri), ' ') != NULL)
    {
      /* Whatever was pasted, the message quotes a line of it. */
      g_autofree char *quoted = drama_text_make_safe (trimmed, -1, 200);

      g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_INVALID_URL,
                   _("“%s” is not a web address"), quoted);
      return NULL;
    }

  /* One spelling per feed, so "Soompi.com" and "soompi.com" are the same subscription;
   * the fragment never reaches the server. */
  {
    g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);
    g_autofree char *lower_scheme = g_ascii_strdown (scheme, -1);
    g_autoptr(GUri) clean = g_uri_build (g_uri_get_flags (uri), lower_scheme,
                                         g_uri_get_userinfo (uri), host, g_uri_get_port (uri),
                                         g_uri_get_path (uri), g_uri_get_query (uri), NULL);

    return g_uri_to_string (clean);
  }
}

/* ------------------------------------------------------------------------------------ */
/* Restoring a removed feed (Undo)                                                       */

gboolean
drama_feed_updater_restore_feed (DramaFeedUpdater  *self,
                                 DramaFeed         *feed,
                                 GPtrArray         *articles,
                                 GError           **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (DRAMA_IS_FEED_UPDATER (self), FALSE);
  g_return_val_if_fail (DRAMA_IS_FEED (feed), FALSE);

  if (!drama_store_restore_feed (self->store, feed, articles, &ids, error))
    return FALSE;
  _drama_feed_updater_emit_stored (self, 0, ids);
  return TRUE;
}

typedef struct {
  DramaFeed *feed;
  GPtrArray *articles;
} Restore;

static void
restore_free (gpointer data)
{
  Restore *restore = data;

  g_clear_object (&restore->feed);
  g_clear_pointer (&restore->articles, g_ptr_array_unref);
  g_free (restore);
}

/* On the store's thread: the feed and its articles back; the ids restored. */
static gpointer
restore_job (DramaStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Restore *restore = data;
  GArray *ids = NULL;

  if (!drama_store_restore_feed (store, restore->feed, restore->articles, &ids, error))
    return NULL;
  return ids;
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DramaFeedUpdater *self = g_task_get_source_object (task);
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;

  ids = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  if (ids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  _drama_feed_updater_emit_stored (self, 0, ids);
  g_task_return_boolean (task, TRUE);
}

void
drama_feed_updater_restore_feed_async (DramaFeedUpdater    *self,
                                       DramaFeed           *feed,
                                       GPtrArray           *articles,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Restore *restore;
  GTask *task;

  g_return_if_fail (DRAMA_IS_FEED_UPDATER (self));
  g_return_if_fail (DRAMA_IS_FEED (feed));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_feed_updater_restore_feed_async);
  restore = g_new0 (Restore, 1);
  restore->feed = g_object_ref (feed);
  restore->articles = articles != NULL ? g_ptr_array_ref (articles) : NULL;
  drama_store_call_async (self->store, G_PRIORITY_DEFAULT, restore_job, restore, restore_free,
                          (GDestroyNotify) g_array_unref, cancellable, restored_cb, task);
}

gboolean
drama_feed_updater_restore_feed_finish (DramaFeedUpdater  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
