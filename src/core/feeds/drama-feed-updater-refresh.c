#define G_LOG_DOMAIN "drama-feed-updater"

/* Refreshing one feed: fetch, parse in a worker, save on the store's thread. */

#include "config.h"

#include "drama-feed-updater.h"
#include "drama-feed-updater-private.h"

#include <glib/gi18n-lib.h>

#include "drama-feed-parser.h"

static void
refresh_free (DramaFeedRefresh *refresh)
{
  g_clear_object (&refresh->feed);
  g_clear_object (&refresh->fetch_task);
  g_clear_pointer (&refresh->new_ids, g_array_unref);
  g_clear_error (&refresh->feed_error);
  g_free (refresh);
}

typedef struct {
  DramaFeedRefresh *refresh;
  DramaFeedFetch   *fetch;
  DramaParsedFeed  *parsed;     /* NULL: nothing new to save */
  GPtrArray        *articles;
  const char       *old_url;
  gint64            now;
} SaveRefresh;

/* On the store's thread: the articles, then the feed's state, each its own transaction. */
static gpointer
save_refresh_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  SaveRefresh *save = data;
  DramaFeedRefresh *refresh = save->refresh;
  DramaFeed *feed = refresh->feed;
  g_autoptr(GError) local_error = NULL;

  if (save->parsed != NULL)
    {
      if (!drama_store_save_articles (store, drama_feed_get_id (feed), save->articles,
                                      &refresh->new_ids, &local_error))
        {
          g_autoptr(DramaFeed) still_there = drama_store_get_feed (store, drama_feed_get_id (feed),
                                                                   NULL);

          /* Removed by the user while it was being fetched: nothing to keep. */
          if (still_there == NULL)
            return SAVED;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (_drama_feed_updater_nonempty (save->parsed->title) != NULL)
        drama_feed_set_title (feed, save->parsed->title);
      if (_drama_feed_updater_nonempty (save->parsed->link) != NULL)
        drama_feed_set_site_url (feed, save->parsed->link);
      drama_feed_set_etag (feed, save->fetch->new_etag);
      drama_feed_set_last_modified (feed, save->fetch->new_last_modified);
    }

  if (refresh->feed_error == NULL)
    {
      drama_feed_set_last_success (feed, save->now);
      drama_feed_set_last_error (feed, NULL);
      drama_feed_set_retry_after (feed, 0);
    }
  else
    {
      drama_feed_set_last_error (feed, refresh->feed_error->message);
    }

  if (drama_store_update_feed_state (store, feed, &local_error))
    return SAVED;

  /* Moved to the address of another subscribed feed: keep ours as it was. */
  if (g_error_matches (local_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_EXISTS))
    {
      g_clear_error (&local_error);
      drama_feed_set_url (feed, save->old_url);
      if (drama_store_update_feed_state (store, feed, &local_error))
        return SAVED;
    }
  /* The feed was removed while it was being fetched: nothing to keep. */
  if (g_error_matches (local_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
    return SAVED;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* In a worker: the parse and the mapping to articles; what is stored is stored on the
 * store's thread. */
static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  DramaFeedUpdater *self = source_object;
  DramaFeedRefresh *refresh = task_data;
  DramaFeedFetch *fetch = g_task_get_task_data (refresh->fetch_task);
  DramaFeed *feed = refresh->feed;
  g_autoptr(DramaParsedFeed) parsed = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree char *old_url = g_strdup (drama_feed_get_url (feed));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  SaveRefresh save = { refresh, fetch, NULL, NULL, old_url, now };
  GError *error = NULL;

  drama_feed_set_last_fetch (feed, now);
  /* A move counts once the new address answered: a loop or a dead end is no move. */
  if (fetch->error == NULL && fetch->all_permanent && g_strcmp0 (fetch->stored_url, old_url) != 0)
    drama_feed_set_url (feed, fetch->stored_url);

  if (fetch->error != NULL)
    {
      refresh->feed_error = g_error_copy (fetch->error);
      if (fetch->gone)
        drama_feed_set_gone (feed, TRUE);
      if (fetch->retry_after > 0)
        drama_feed_set_retry_after (feed, fetch->retry_after);
    }
  else if (!fetch->not_modified)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (fetch->data, &length);

      parsed = drama_feed_parser_parse (data, length, fetch->url, &refresh->feed_error);
      if (parsed != NULL)
        articles = _drama_feed_updater_articles_from_parsed (parsed, now);
    }

  save.parsed = parsed;
  save.articles = articles;
  if (drama_store_call_sync (self->store, save_refresh_job, &save, NULL, &error) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_refresh_thread_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DramaFeedUpdater *self = DRAMA_FEED_UPDATER (source);
  DramaFeedRefresh *refresh = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  _drama_feed_updater_emit_stored (self, drama_feed_get_id (refresh->feed), refresh->new_ids);
  g_task_return_boolean (task, TRUE);
}

static void
on_refresh_fetched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  DramaFeedUpdater *self = DRAMA_FEED_UPDATER (source);
  DramaFeedRefresh *refresh = g_task_get_task_data (task);
  DramaFeedFetch *fetch = _drama_feed_updater_fetch_finish (result);

  refresh->fetch_task = g_object_ref (G_TASK (result));

  /* Cancelled by the user: not the feed's fault, nothing to record. */
  if (g_error_matches (fetch->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_error_copy (fetch->error));
      g_object_unref (task);
      return;
    }
  _drama_feed_updater_run_in_thread (self, refresh, refresh_thread, NULL, on_refresh_thread_done,
                                     task);
}

/* Fetches and stores one feed. Succeeds unless cancelled or the store fails; the feed's
 * own failure is in DramaFeedRefresh.feed_error. */
void
_drama_feed_updater_refresh_one_async (DramaFeedUpdater    *self,
                                       DramaFeed           *feed,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  DramaFeedRefresh *refresh = g_new0 (DramaFeedRefresh, 1);

  g_task_set_source_tag (task, _drama_feed_updater_refresh_one_async);
  g_task_set_check_cancellable (task, FALSE);
  refresh->feed = g_object_ref (feed);
  g_task_set_task_data (task, refresh, (GDestroyNotify) refresh_free);

  _drama_feed_updater_fetch_async (self, self->session, drama_feed_get_url (feed),
                                   drama_feed_get_etag (feed), drama_feed_get_last_modified (feed),
                                   self->timeout, self->max_body_size, cancellable,
                                   on_refresh_fetched, task);
}

DramaFeedRefresh *
_drama_feed_updater_refresh_one_finish (GAsyncResult  *result,
                                        GError       **error)
{
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_task_get_task_data (G_TASK (result));
}

/* ------------------------------------------------------------------------------------ */
/* refresh_feed                                                                          */

static DramaFeedUpdater *
self_of (GTask *task)
{
  return g_task_get_source_object (task);
}

static void
on_refresh_feed_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  DramaFeedRefresh *refresh = _drama_feed_updater_refresh_one_finish (result, &error);

  /* Any answer from a server, even an error, means the network works. */
  if (refresh != NULL && !_drama_feed_updater_is_unreachable_error (refresh->feed_error))
    _drama_feed_updater_set_unreachable (self_of (task), FALSE);
  if (refresh == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (refresh->feed_error != NULL)
    g_task_return_error (task, g_error_copy (refresh->feed_error));
  else
    g_task_return_boolean (task, TRUE);
}

/* On the store's thread: the feed to refresh. */
static gpointer
get_feed_job (DramaStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return drama_store_get_feed (store, *(gint64 *) data, error);
}

static void
refresh_feed_got_feed_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DramaFeedUpdater *self = g_task_get_source_object (task);
  g_autoptr(DramaFeed) feed = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  feed = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  if (feed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (drama_feed_get_gone (feed))
    {
      g_task_return_new_error (task, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_GONE, "%s",
                               _("This feed no longer exists (410 Gone)"));
      return;
    }
  if (drama_feed_get_retry_after (feed) > g_get_real_time () / G_USEC_PER_SEC)
    {
      g_autofree char *message = _drama_feed_updater_format_wait (drama_feed_get_retry_after (feed));

      g_task_return_new_error (task, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_HTTP, "%s", message);
      return;
    }
  if (!self->network_available)
    {
      g_task_return_error (task, _drama_feed_updater_offline_error ());
      return;
    }

  cancellable = g_task_get_cancellable (task);
  _drama_feed_updater_refresh_one_async (self, feed, cancellable, on_refresh_feed_done,
                                         g_steal_pointer (&task));
}

void
drama_feed_updater_refresh_feed_async (DramaFeedUpdater    *self,
                                       gint64               feed_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DRAMA_IS_FEED_UPDATER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_feed_updater_refresh_feed_async);
  drama_store_call_async (self->store, G_PRIORITY_DEFAULT, get_feed_job,
                          g_memdup2 (&feed_id, sizeof feed_id), g_free, g_object_unref,
                          cancellable, refresh_feed_got_feed_cb, task);
}

gboolean
drama_feed_updater_refresh_feed_finish (DramaFeedUpdater  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
