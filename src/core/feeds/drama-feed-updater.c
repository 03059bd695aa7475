#define G_LOG_DOMAIN "drama-feed-updater"

#include "config.h"

#include "drama-feed-updater.h"
#include "drama-feed-updater-private.h"
#include "drama-http.h"

#include <glib/gi18n-lib.h>

#define DEFAULT_TIMEOUT_SECONDS 30
#define DEFAULT_MAX_BODY_SIZE (10 * 1000 * 1000)
#define DEFAULT_RETENTION_DAYS 90
/* Feeds fetched at once by refresh_all; the session also caps connections per host. */
#define MAX_PARALLEL 4

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

/* ------------------------------------------------------------------------------------ */
/* Shared with -refresh.c and -subscribe.c                                               */

/* No server could be reached: no answer, not even an error page. */
gboolean
_drama_feed_updater_is_unreachable_error (const GError *error)
{
  return g_error_matches (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK) ||
         g_error_matches (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_TIMED_OUT);
}

void
_drama_feed_updater_set_unreachable (DramaFeedUpdater *self,
                                     gboolean          unreachable)
{
  if (self->unreachable == unreachable)
    return;
  self->unreachable = unreachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREACHABLE]);
}

GError *
_drama_feed_updater_offline_error (void)
{
  return g_error_new_literal (DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK, _("You are offline"));
}

/* Runs func in a worker with data (not owned) and calls callback on this context. */
void
_drama_feed_updater_run_in_thread (DramaFeedUpdater    *self,
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

void
_drama_feed_updater_emit_stored (DramaFeedUpdater *self,
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
  DramaFeedRefresh *refresh = _drama_feed_updater_refresh_one_finish (result, &error);

  if (refresh == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not store a feed: %s", error->message);
  if (refresh != NULL)
    {
      self->refresh_answered++;
      if (_drama_feed_updater_is_unreachable_error (refresh->feed_error))
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
      _drama_feed_updater_refresh_one_async (self, feed, self->refresh_cancellable,
                                             on_refresh_all_one_done, g_object_ref (self));
    }

  if (self->refresh_in_flight == 0 && g_queue_is_empty (&self->refresh_queue))
    {
      /* Said before "refreshing" turns FALSE, so whoever reports the refresh knows. */
      if (self->refresh_answered > 0)
        _drama_feed_updater_set_unreachable (self,
                                             self->refresh_unreachable == self->refresh_answered);
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
      g_task_return_error (task, _drama_feed_updater_offline_error ());
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
  self->session = drama_http_session_new (DEFAULT_TIMEOUT_SECONDS, 2, 8, NULL, 0);
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
