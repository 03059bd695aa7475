#define G_LOG_DOMAIN "drama-feed-updater"

#include "config.h"

#include "drama-feed-updater.h"
#include "drama-feed-updater-private.h"

#include <glib/gi18n-lib.h>

#include "drama-feed-parser.h"
#include "drama-html.h"
#include "drama-text.h"

#define DEFAULT_TIMEOUT_SECONDS 30
#define DEFAULT_MAX_BODY_SIZE (10 * 1000 * 1000)
#define DEFAULT_RETENTION_DAYS 90
/* Feeds fetched at once by refresh_all; the session also caps connections per host. */
#define MAX_PARALLEL 4

struct _DramaFeedUpdater
{
  GObject parent_instance;

  DramaStore *store;
  SoupSession *session;
  GNetworkMonitor *monitor;
  gulong monitor_handler;
  gboolean network_available;

  guint timeout;
  gsize max_body_size;
  guint retention_days;

  /* refresh_all: the tasks waiting for the running refresh (NULL when none runs). */
  GPtrArray *refresh_waiters;
  GQueue refresh_queue;            /* DramaFeed still to fetch */
  GCancellable *refresh_cancellable;
  guint refresh_total;
  guint refresh_done;
  guint refresh_in_flight;
  guint refresh_answered;          /* feeds fetched (with or without an error) */
  guint refresh_unreachable;       /* ... of which no server could be reached */
  /* Every feed of the last refresh failed for a network reason (none answered at all),
   * whatever GNetworkMonitor says: to the user that is being offline. */
  gboolean unreachable;
};

G_DEFINE_FINAL_TYPE (DramaFeedUpdater, drama_feed_updater, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_NETWORK_AVAILABLE,
  PROP_REFRESHING,
  PROP_UNREACHABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PROGRESS,
  SIGNAL_FEED_UPDATED,
  SIGNAL_ARTICLES_STORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* No server could be reached: no answer, not even an error page. */
static gboolean
is_unreachable_error (const GError *error)
{
  return g_error_matches (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK) ||
         g_error_matches (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_TIMED_OUT);
}

static void
set_unreachable (DramaFeedUpdater *self,
                 gboolean          unreachable)
{
  if (self->unreachable == unreachable)
    return;
  self->unreachable = unreachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREACHABLE]);
}

static GError *
offline_error (void)
{
  return g_error_new_literal (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK, _("You are offline"));
}

/* ------------------------------------------------------------------------------------ */
/* Parsed entries → articles                                                             */

static const char *
nonempty (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

static GPtrArray *
articles_from_parsed (DramaParsedFeed *parsed,
                      gint64           now)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; parsed->entries != NULL && i < parsed->entries->len; i++)
    {
      DramaParsedEntry *entry = g_ptr_array_index (parsed->entries, i);
      g_autoptr(DramaArticle) article = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *image = NULL;
      gint64 published = entry->published != 0 ? entry->published : entry->updated;

      /* The dedup key: the entry's id, else its link, else its title and date. */
      if (nonempty (entry->id) != NULL)
        guid = g_strdup (entry->id);
      else if (nonempty (entry->link) != NULL)
        guid = g_strdup (entry->link);
      else if (nonempty (entry->title) != NULL)
        guid = g_strdup_printf ("%s|%" G_GINT64_FORMAT, entry->title, published);
      else if (nonempty (entry->summary) != NULL || nonempty (entry->content) != NULL)
        {
          g_autofree char *text = g_strconcat (entry->summary ? entry->summary : "", "\n",
                                               entry->content ? entry->content : "", NULL);

          guid = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
        }
      else
        continue;

      /* One story carried twice under one key (a pinned, updated copy above the original;
       * guid-less items sharing a link): the store would save the first copy, then overwrite
       * it with the second, and do the same on every fetch of an unchanged feed, reporting
       * it changed each time. The first copy (feeds put the newest on top) is the article. */
      if (!g_hash_table_add (keys, g_strdup (guid)))
        continue;

      image = g_strdup (nonempty (entry->image));
      for (guint j = 0; image == NULL && entry->enclosures != NULL && j < entry->enclosures->len; j++)
        {
          DramaEnclosure *enclosure = g_ptr_array_index (entry->enclosures, j);

          if (enclosure->type != NULL && g_str_has_prefix (enclosure->type, "image/") &&
              drama_html_is_safe_link (enclosure->url))
            image = g_strdup (enclosure->url);
        }
      /* No look for a picture in the HTML here: the parser took the first one from the very
       * parse that sanitised it, and the sanitised copy can hold no other. */

      article = drama_article_new ();
      drama_article_set_guid (article, guid);
      drama_article_set_title (article, entry->title);
      drama_article_set_link (article, entry->link);
      drama_article_set_author (article, entry->author);
      drama_article_set_summary (article, entry->summary);
      drama_article_set_content (article, entry->content);
      /* Made once, here in the worker: the store indexes it and the linker reads it. */
      drama_article_set_text (article, entry->text);
      drama_article_set_image (article, image);
      /* 0 = no date in the feed: the store dates it by its first fetch. */
      drama_article_set_published (article, published);
      drama_article_set_updated (article, entry->updated);
      drama_article_set_fetched_at (article, now);
      g_ptr_array_add (articles, g_steal_pointer (&article));
    }

  return articles;
}

/* Runs func in a worker with data (not owned) and calls callback on this context. */
static void
run_in_thread (DramaFeedUpdater    *self,
               gpointer             data,
               GTaskThreadFunc      func,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_task_data (task, data, NULL);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, func);
}

static void
emit_stored (DramaFeedUpdater *self,
             gint64            feed_id,
             GArray           *new_ids)
{
  guint n_new = new_ids != NULL ? new_ids->len : 0;

  if (feed_id > 0)
    g_signal_emit (self, signals[SIGNAL_FEED_UPDATED], 0, feed_id, n_new);
  if (n_new > 0)
    g_signal_emit (self, signals[SIGNAL_ARTICLES_STORED], 0, new_ids);
}

/* ------------------------------------------------------------------------------------ */
/* Refreshing one feed                                                                   */

typedef struct {
  DramaFeed *feed;
  GTask *fetch_task;     /* holds the DramaFeedFetch */
  GArray *new_ids;
  GError *feed_error;    /* what went wrong with the feed (also stored in its row) */
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_clear_object (&refresh->feed);
  g_clear_object (&refresh->fetch_task);
  g_clear_pointer (&refresh->new_ids, g_array_unref);
  g_clear_error (&refresh->feed_error);
  g_free (refresh);
}

typedef struct {
  Refresh         *refresh;
  DramaFeedFetch  *fetch;
  DramaParsedFeed *parsed;     /* NULL: nothing new to save */
  GPtrArray       *articles;
  const char      *old_url;
  gint64           now;
} SaveRefresh;

/* A non-NULL result for a job that has nothing to hand back. */
#define SAVED GINT_TO_POINTER (TRUE)

/* On the store's thread: the articles, then the feed's state, each its own transaction. */
static gpointer
save_refresh_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  SaveRefresh *save = data;
  Refresh *refresh = save->refresh;
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
      if (nonempty (save->parsed->title) != NULL)
        drama_feed_set_title (feed, save->parsed->title);
      if (nonempty (save->parsed->link) != NULL)
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
  Refresh *refresh = task_data;
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
        articles = articles_from_parsed (parsed, now);
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
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  emit_stored (self, drama_feed_get_id (refresh->feed), refresh->new_ids);
  g_task_return_boolean (task, TRUE);
}

static void
on_refresh_fetched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  DramaFeedUpdater *self = DRAMA_FEED_UPDATER (source);
  Refresh *refresh = g_task_get_task_data (task);
  DramaFeedFetch *fetch = _drama_feed_updater_fetch_finish (result);

  refresh->fetch_task = g_object_ref (G_TASK (result));

  /* Cancelled by the user: not the feed's fault, nothing to record. */
  if (g_error_matches (fetch->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_error_copy (fetch->error));
      g_object_unref (task);
      return;
    }
  run_in_thread (self, refresh, refresh_thread, NULL, on_refresh_thread_done, task);
}

/* Fetches and stores one feed. Succeeds unless cancelled or the store fails; the feed's
 * own failure is in Refresh.feed_error. */
static void
refresh_one_async (DramaFeedUpdater    *self,
                   DramaFeed           *feed,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Refresh *refresh = g_new0 (Refresh, 1);

  g_task_set_source_tag (task, refresh_one_async);
  g_task_set_check_cancellable (task, FALSE);
  refresh->feed = g_object_ref (feed);
  g_task_set_task_data (task, refresh, (GDestroyNotify) refresh_free);

  _drama_feed_updater_fetch_async (self, self->session, drama_feed_get_url (feed),
                                   drama_feed_get_etag (feed), drama_feed_get_last_modified (feed),
                                   self->timeout, self->max_body_size, cancellable,
                                   on_refresh_fetched, task);
}

static Refresh *
refresh_one_finish (GAsyncResult  *result,
                    GError       **error)
{
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_task_get_task_data (G_TASK (result));
}

/* ------------------------------------------------------------------------------------ */
/* refresh_all                                                                           */

static void refresh_all_pump (DramaFeedUpdater *self);

static void
complete_refresh_all (DramaFeedUpdater *self,
                      GError           *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

  g_queue_clear_full (&self->refresh_queue, g_object_unref);
  g_clear_object (&self->refresh_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
  g_clear_error (&error);
}

/* On the store's thread. */
static gpointer
retention_job (DramaStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  guint retention_days = GPOINTER_TO_UINT (data);
  g_autoptr(GError) local_error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *stamp = g_strdup_printf ("%" G_GINT64_FORMAT, now);

  if (retention_days > 0 &&
      !drama_store_delete_old_articles (store, now - (gint64) retention_days * 86400,
                                        NULL, error))
    return NULL;
  /* Only a note for the UI ("updated 5 minutes ago"): not worth failing the refresh. */
  if (!drama_store_set_meta (store, "feeds_refreshed_at", stamp, &local_error))
    g_debug ("Could not note the refresh time: %s", local_error->message);
  return SAVED;
}

static void
on_retention_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DramaFeedUpdater *self = user_data;
  GError *error = NULL;

  drama_store_call_finish (DRAMA_STORE (source), result, &error);
  complete_refresh_all (self, error);
  g_object_unref (self);
}

static void
on_refresh_all_one_done (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  DramaFeedUpdater *self = user_data;
  g_autoptr(GError) error = NULL;
  Refresh *refresh = refresh_one_finish (result, &error);

  if (refresh == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not store a feed: %s", error->message);
  if (refresh != NULL)
    {
      self->refresh_answered++;
      if (is_unreachable_error (refresh->feed_error))
        self->refresh_unreachable++;
    }

  self->refresh_in_flight--;
  self->refresh_done++;
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, self->refresh_done, self->refresh_total);
  refresh_all_pump (self);
  g_object_unref (self);
}

static void
refresh_all_pump (DramaFeedUpdater *self)
{
  if (g_cancellable_is_cancelled (self->refresh_cancellable))
    {
      /* Let the feeds in flight end (they are cancelled too), then report. */
      g_queue_clear_full (&self->refresh_queue, g_object_unref);
      if (self->refresh_in_flight == 0)
        complete_refresh_all (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         _("The update was cancelled")));
      return;
    }

  while (self->refresh_in_flight < MAX_PARALLEL && !g_queue_is_empty (&self->refresh_queue))
    {
      g_autoptr(DramaFeed) feed = g_queue_pop_head (&self->refresh_queue);

      self->refresh_in_flight++;
      refresh_one_async (self, feed, self->refresh_cancellable, on_refresh_all_one_done,
                         g_object_ref (self));
    }

  if (self->refresh_in_flight == 0 && g_queue_is_empty (&self->refresh_queue))
    {
      /* Said before "refreshing" turns FALSE, so whoever reports the refresh knows. */
      if (self->refresh_answered > 0)
        set_unreachable (self, self->refresh_unreachable == self->refresh_answered);
      drama_store_call_async (self->store, G_PRIORITY_LOW, retention_job,
                              GUINT_TO_POINTER (self->retention_days), NULL, NULL, NULL,
                              on_retention_done, g_object_ref (self));
    }
}

static void
refresh_all_listed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(DramaFeedUpdater) self = user_data;
  g_autoptr(GPtrArray) feeds = NULL;
  GError *error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  feeds = drama_store_list_finish (DRAMA_STORE (source), result, &error);
  if (feeds == NULL)
    {
      complete_refresh_all (self, error);
      return;
    }

  for (guint i = 0; i < feeds->len; i++)
    {
      DramaFeed *feed = g_ptr_array_index (feeds, i);

      if (drama_feed_get_gone (feed) || drama_feed_get_retry_after (feed) > now)
        continue;
      g_queue_push_tail (&self->refresh_queue, g_object_ref (feed));
    }

  self->refresh_total = self->refresh_queue.length;
  self->refresh_done = 0;
  self->refresh_in_flight = 0;
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, 0, self->refresh_total);
  refresh_all_pump (self);
}

void
drama_feed_updater_refresh_all_async (DramaFeedUpdater    *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DRAMA_IS_FEED_UPDATER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_feed_updater_refresh_all_async);

  if (self->refresh_waiters != NULL)
    {
      g_ptr_array_add (self->refresh_waiters, g_steal_pointer (&task));
      return;
    }

  /* Offline, every feed would fail the same way: say it once and write nothing. */
  if (!self->network_available)
    {
      g_task_return_error (task, offline_error ());
      return;
    }

  /* Running from here on (a second call joins); the feeds are read on the store's
   * thread, the caller (the UI) never waits for them. */
  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->refresh_waiters, g_steal_pointer (&task));
  self->refresh_cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  self->refresh_total = 0;
  self->refresh_done = 0;
  self->refresh_in_flight = 0;
  self->refresh_answered = 0;
  self->refresh_unreachable = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);

  drama_store_list_feeds_async (self->store, self->refresh_cancellable, refresh_all_listed_cb,
                                g_object_ref (self));
}

gboolean
drama_feed_updater_refresh_all_finish (DramaFeedUpdater  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
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
  Refresh *refresh = refresh_one_finish (result, &error);

  /* Any answer from a server, even an error, means the network works. */
  if (refresh != NULL && !is_unreachable_error (refresh->feed_error))
    set_unreachable (self_of (task), FALSE);
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
      g_task_return_error (task, offline_error ());
      return;
    }

  cancellable = g_task_get_cancellable (task);
  refresh_one_async (self, feed, cancellable, on_refresh_feed_done, g_steal_pointer (&task));
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
  if (nonempty (parsed->title) != NULL)
    drama_feed_set_title (feed, parsed->title);
  else
    {
      g_autofree char *host = _drama_feed_updater_host_of (fetch->url);

      drama_feed_set_title (feed, host);
    }
  drama_feed_set_site_url (feed, nonempty (parsed->link));
  drama_feed_set_etag (feed, fetch->new_etag);
  drama_feed_set_last_modified (feed, fetch->new_last_modified);
  drama_feed_set_last_fetch (feed, now);
  drama_feed_set_last_success (feed, now);
  drama_feed_set_added_at (feed, now);

  articles = articles_from_parsed (parsed, now);
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
  set_unreachable (self, FALSE);
  emit_stored (self, drama_feed_get_id (sub->feed), sub->new_ids);
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
  run_in_thread (self, sub, subscribe_thread, NULL, on_subscribe_thread_done, task);
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
      g_task_return_error (task, offline_error ());
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
  if (uri == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
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
  if (ids->len > 0)
    g_signal_emit (self, signals[SIGNAL_ARTICLES_STORED], 0, ids);
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
  if (ids->len > 0)
    g_signal_emit (self, signals[SIGNAL_ARTICLES_STORED], 0, ids);
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

/* ------------------------------------------------------------------------------------ */
/* The object                                                                            */

static void
update_network_available (DramaFeedUpdater *self)
{
  gboolean available = self->monitor == NULL ||
                       g_network_monitor_get_network_available (self->monitor);

  if (available == self->network_available)
    return;
  self->network_available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_AVAILABLE]);
}

void
drama_feed_updater_set_network_monitor (DramaFeedUpdater *self,
                                        GNetworkMonitor  *monitor)
{
  g_return_if_fail (DRAMA_IS_FEED_UPDATER (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->monitor_handler, self->monitor);
  g_set_object (&self->monitor, monitor);
  if (monitor != NULL)
    self->monitor_handler = g_signal_connect_object (monitor, "notify::network-available",
                                                     G_CALLBACK (update_network_available),
                                                     self, G_CONNECT_SWAPPED);
  update_network_available (self);
}

static void
drama_feed_updater_dispose (GObject *object)
{
  DramaFeedUpdater *self = DRAMA_FEED_UPDATER (object);

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->monitor_handler, self->monitor);
  g_clear_object (&self->monitor);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_queue_clear_full (&self->refresh_queue, g_object_unref);
  g_clear_object (&self->refresh_cancellable);

  G_OBJECT_CLASS (drama_feed_updater_parent_class)->dispose (object);
}

static void
drama_feed_updater_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DramaFeedUpdater *self = DRAMA_FEED_UPDATER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->network_available);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refresh_waiters != NULL);
      break;
    case PROP_UNREACHABLE:
      g_value_set_boolean (value, self->unreachable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_feed_updater_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DramaFeedUpdater *self = DRAMA_FEED_UPDATER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_feed_updater_class_init (DramaFeedUpdaterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drama_feed_updater_dispose;
  object_class->get_property = drama_feed_updater_get_property;
  object_class->set_property = drama_feed_updater_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRAMA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NETWORK_AVAILABLE] =
    g_param_spec_boolean ("network-available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNREACHABLE] =
    g_param_spec_boolean ("unreachable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[SIGNAL_FEED_UPDATED] =
    g_signal_new ("feed-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);
  signals[SIGNAL_ARTICLES_STORED] =
    g_signal_new ("articles-stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);
}

static void
drama_feed_updater_init (DramaFeedUpdater *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
  self->retention_days = DEFAULT_RETENTION_DAYS;
  self->network_available = TRUE;
  g_queue_init (&self->refresh_queue);

  /* libsoup 3 adds its content decoder by default: the session asks for gzip/deflate and
   * hands back decoded bodies (the feed-updater test checks it). */
  self->session = soup_session_new_with_options ("user-agent", "Dramalist/" PACKAGE_VERSION,
                                                 "timeout", DEFAULT_TIMEOUT_SECONDS,
                                                 "max-conns-per-host", 2,
                                                 "max-conns", 8,
                                                 NULL);
}

DramaFeedUpdater *
drama_feed_updater_new (DramaStore *store)
{
  DramaFeedUpdater *self;

  g_return_val_if_fail (DRAMA_IS_STORE (store), NULL);

  self = g_object_new (DRAMA_TYPE_FEED_UPDATER, "store", store, NULL);
  drama_feed_updater_set_network_monitor (self, g_network_monitor_get_default ());
  return self;
}

void
drama_feed_updater_set_timeout (DramaFeedUpdater *self,
                                guint             seconds)
{
  g_return_if_fail (DRAMA_IS_FEED_UPDATER (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
}

void
drama_feed_updater_set_max_body_size (DramaFeedUpdater *self,
                                      gsize             bytes)
{
  g_return_if_fail (DRAMA_IS_FEED_UPDATER (self));
  g_return_if_fail (bytes > 0);

  self->max_body_size = bytes;
}

void
drama_feed_updater_set_retention_days (DramaFeedUpdater *self,
                                       guint             days)
{
  g_return_if_fail (DRAMA_IS_FEED_UPDATER (self));

  self->retention_days = days;
}

gboolean
drama_feed_updater_get_network_available (DramaFeedUpdater *self)
{
  g_return_val_if_fail (DRAMA_IS_FEED_UPDATER (self), FALSE);
  return self->network_available;
}

gboolean
drama_feed_updater_get_unreachable (DramaFeedUpdater *self)
{
  g_return_val_if_fail (DRAMA_IS_FEED_UPDATER (self), FALSE);
  return self->unreachable;
}

gboolean
drama_feed_updater_get_refreshing (DramaFeedUpdater *self)
{
  g_return_val_if_fail (DRAMA_IS_FEED_UPDATER (self), FALSE);
  return self->refresh_waiters != NULL;
}
