#define G_LOG_DOMAIN "drama-show-refresher"

#include "config.h"

#include "drama-show-refresher.h"

#include <glib/gi18n-lib.h>

#define META_REFRESHED "shows_refreshed_at"
#define META_CHECKED "shows_checked_at"
/* Looking for newly aired episodes is local and cheap: often enough that a notification
 * comes minutes after the broadcast, not at the next refresh (an hour later by default). */
#define CHECK_INTERVAL_S 300

struct _DramaShowRefresher
{
  GObject       parent_instance;

  DramaStore   *store;
  DramaTvmaze  *tvmaze;
  guint         interval;   /* minutes */
  guint         timer_id;
  guint         check_id;

  /* The refresh running, if any. */
  GCancellable *cancellable;
  GPtrArray    *waiting;    /* GTask, completed together */
  GPtrArray    *shows;      /* DramaShow still to fetch */
  GHashTable   *updates;
  guint         next;
  guint         n_refreshed;
  GError       *first_error;
};

G_DEFINE_FINAL_TYPE (DramaShowRefresher, drama_show_refresher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFRESHING,
  N_PROPS
};

enum {
  NEW_EPISODE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gint64
get_meta_time (DramaStore *store,
               const char *key)
{
  g_autofree char *value = drama_store_get_meta (store, key, NULL);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static void
set_meta_time (DramaStore *store,
               const char *key,
               gint64      when)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, when);
  g_autoptr(GError) error = NULL;

  if (!drama_store_set_meta (store, key, value, &error))
    g_warning ("Could not save %s: %s", key, error->message);
}

static void
finish_run (DramaShowRefresher *self)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);
  g_autoptr(GError) error = g_steal_pointer (&self->first_error);
  guint n = self->n_refreshed;

  /* A refresh that reached TVmaze at all counts: the next one can ask for "day". */
  if (error == NULL || n > 0)
    set_meta_time (self->store, META_REFRESHED, now_unix ());

  g_clear_pointer (&self->shows, g_ptr_array_unref);
  g_clear_pointer (&self->updates, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  self->next = 0;
  self->n_refreshed = 0;

  drama_show_refresher_check_new_episodes (self, now_unix ());
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      g_task_set_task_data (task, GUINT_TO_POINTER (n), NULL);
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void fetch_next (DramaShowRefresher *self);

static void
refresh_show_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DramaShowRefresher) self = user_data;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GError) error = NULL;

  show = drama_tvmaze_refresh_show_finish (DRAMA_TVMAZE (source), result, &error);
  if (show != NULL)
    self->n_refreshed++;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&self->first_error);
      self->first_error = g_steal_pointer (&error);
      g_ptr_array_set_size (self->shows, 0);
    }
  else
    {
      g_debug ("Could not refresh a show: %s", error->message);
      if (self->first_error == NULL)
        self->first_error = g_steal_pointer (&error);
    }

  fetch_next (self);
}

/* True when TVmaze says the show changed since we last fetched it. */
static gboolean
needs_fetch (DramaShowRefresher *self,
             DramaShow          *show,
             gint64              since_start)
{
  gint64 id = drama_show_get_tvmaze_id (show);
  gint64 *updated;

  if (self->updates == NULL || drama_show_get_refreshed_at (show) < since_start)
    return TRUE;

  updated = g_hash_table_lookup (self->updates, &id);
  return updated != NULL && *updated > drama_show_get_tvmaze_updated (show);
}

static void
fetch_next (DramaShowRefresher *self)
{
  while (self->shows != NULL && self->next < self->shows->len)
    {
      DramaShow *show = g_ptr_array_index (self->shows, self->next++);

      drama_tvmaze_refresh_show_async (self->tvmaze, self->store,
                                       drama_show_get_tvmaze_id (show), self->cancellable,
                                       refresh_show_cb, g_object_ref (self));
      return;
    }

  finish_run (self);
}

/* The span /updates/shows is asked about, and when it starts. */
static const char *
pick_since (gint64  last,
            gint64  now,
            gint64 *since_start)
{
  static const struct { const char *name; gint64 span; } spans[] = {
    { "day", 24 * 3600 }, { "week", 7 * 24 * 3600 }, { "month", 30 * 24 * 3600 },
  };

  for (gsize i = 0; last > 0 && i < G_N_ELEMENTS (spans); i++)
    if (now - last < spans[i].span)
      {
        *since_start = now - spans[i].span;
        return spans[i].name;
      }

  *since_start = G_MAXINT64;
  return NULL;
}

typedef struct {
  DramaShowRefresher *self;
  gint64              since_start;
} UpdatesData;

static void
updates_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  UpdatesData *data = user_data;
  g_autoptr(DramaShowRefresher) self = data->self;
  gint64 since_start = data->since_start;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);

  g_free (data);

  self->updates = drama_tvmaze_get_updates_finish (DRAMA_TVMAZE (source), result, &error);
  if (self->updates == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->first_error = g_steal_pointer (&error);
          g_ptr_array_set_size (self->shows, 0);
          finish_run (self);
          return;
        }
      /* Without the list of changes every show is fetched: slower, still right. */
      g_debug ("No list of updated shows: %s", error->message);
    }

  for (guint i = 0; i < self->shows->len; i++)
    {
      DramaShow *show = g_ptr_array_index (self->shows, i);

      if (needs_fetch (self, show, since_start))
        g_ptr_array_add (keep, g_object_ref (show));
    }
  g_ptr_array_unref (self->shows);
  self->shows = g_steal_pointer (&keep);
  g_debug ("%u shows changed on TVmaze", self->shows->len);

  fetch_next (self);
}

static void
start_run (DramaShowRefresher *self)
{
  g_autoptr(GError) error = NULL;
  gint64 now = now_unix ();
  gint64 since_start = G_MAXINT64;
  const char *since;

  self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);

  self->shows = drama_store_list_shows_to_refresh (self->store, &error);
  if (self->shows == NULL)
    {
      self->first_error = g_steal_pointer (&error);
      finish_run (self);
      return;
    }

  if (self->shows->len == 0 || self->tvmaze == NULL)
    {
      finish_run (self);
      return;
    }

  since = pick_since (get_meta_time (self->store, META_REFRESHED), now, &since_start);
  if (since == NULL)
    {
      fetch_next (self);
      return;
    }

  {
    UpdatesData *data = g_new0 (UpdatesData, 1);

    data->self = g_object_ref (self);
    data->since_start = since_start;
    drama_tvmaze_get_updates_async (self->tvmaze, since, self->cancellable, updates_cb, data);
  }
}

void
drama_show_refresher_refresh_async (DramaShowRefresher  *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean running;

  g_return_if_fail (DRAMA_IS_SHOW_REFRESHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_show_refresher_refresh_async);

  running = self->waiting != NULL;
  if (!running)
    self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));

  if (!running)
    start_run (self);
}

gboolean
drama_show_refresher_refresh_finish (DramaShowRefresher  *self,
                                     GAsyncResult        *result,
                                     guint               *n_refreshed,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (n_refreshed != NULL)
    *n_refreshed = GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
drama_show_refresher_check_new_episodes (DramaShowRefresher *self,
                                         gint64              now)
{
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last;

  g_return_if_fail (DRAMA_IS_SHOW_REFRESHER (self));

  last = get_meta_time (self->store, META_CHECKED);
  if (last >= now)
    return;

  if (last > 0)
    shows = drama_store_list_shows (self->store, DRAMA_WATCH_STATUS_WATCHING, NULL,
                                    DRAMA_SHOW_SORT_TITLE, &error);
  if (shows == NULL && error != NULL)
    {
      g_warning ("Could not look for new episodes: %s", error->message);
      return;
    }

  for (guint i = 0; shows != NULL && i < shows->len; i++)
    {
      DramaShow *show = g_ptr_array_index (shows, i);
      g_autoptr(GPtrArray) episodes = NULL;
      DramaEpisode *newest = NULL;

      episodes = drama_store_list_episodes (self->store, drama_show_get_id (show), NULL);
      for (guint j = 0; episodes != NULL && j < episodes->len; j++)
        {
          DramaEpisode *ep = g_ptr_array_index (episodes, j);
          gint64 stamp = drama_episode_get_airstamp (ep);

          if (stamp > last && stamp <= now && !drama_episode_get_seen (ep) &&
              (newest == NULL || stamp >= drama_episode_get_airstamp (newest)))
            newest = ep;
        }

      if (newest != NULL)
        g_signal_emit (self, signals[NEW_EPISODE], 0, show, newest);
    }

  set_meta_time (self->store, META_CHECKED, now);
}

/* ---- periodic ---- */

static void
periodic_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Offline is normal for a periodic refresh: a user-requested one reports errors. */
  if (!drama_show_refresher_refresh_finish (DRAMA_SHOW_REFRESHER (source), result, NULL, &error))
    g_debug ("Periodic refresh failed: %s", error->message);
}

static gboolean
timer_cb (gpointer user_data)
{
  DramaShowRefresher *self = user_data;

  drama_show_refresher_refresh_async (self, NULL, periodic_cb, NULL);
  return G_SOURCE_CONTINUE;
}

void
drama_show_refresher_set_interval (DramaShowRefresher *self,
                                   guint               minutes)
{
  g_return_if_fail (DRAMA_IS_SHOW_REFRESHER (self));

  self->interval = minutes;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (minutes > 0)
    self->timer_id = g_timeout_add_seconds (minutes * 60, timer_cb, self);
}

static gboolean
check_cb (gpointer user_data)
{
  DramaShowRefresher *self = user_data;

  /* A running refresh checks when it is done, with the new episodes in. */
  if (!drama_show_refresher_get_refreshing (self))
    drama_show_refresher_check_new_episodes (self, now_unix ());
  return G_SOURCE_CONTINUE;
}

void
drama_show_refresher_start (DramaShowRefresher *self)
{
  gint64 last;

  g_return_if_fail (DRAMA_IS_SHOW_REFRESHER (self));

  if (self->check_id == 0)
    self->check_id = g_timeout_add_seconds (CHECK_INTERVAL_S, check_cb, self);

  last = get_meta_time (self->store, META_REFRESHED);
  if (self->interval > 0 && now_unix () - last >= (gint64) self->interval * 60)
    drama_show_refresher_refresh_async (self, NULL, periodic_cb, NULL);
  else
    drama_show_refresher_check_new_episodes (self, now_unix ());
}

gboolean
drama_show_refresher_get_refreshing (DramaShowRefresher *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_REFRESHER (self), FALSE);

  return self->waiting != NULL;
}

void
drama_show_refresher_set_tvmaze (DramaShowRefresher *self,
                                 DramaTvmaze        *tvmaze)
{
  g_return_if_fail (DRAMA_IS_SHOW_REFRESHER (self));

  g_set_object (&self->tvmaze, tvmaze);
}

static void
drama_show_refresher_dispose (GObject *object)
{
  DramaShowRefresher *self = DRAMA_SHOW_REFRESHER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->tvmaze);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drama_show_refresher_parent_class)->dispose (object);
}

static void
drama_show_refresher_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DramaShowRefresher *self = DRAMA_SHOW_REFRESHER (object);

  switch (prop_id)
    {
    case PROP_REFRESHING:
      g_value_set_boolean (value, drama_show_refresher_get_refreshing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_show_refresher_class_init (DramaShowRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drama_show_refresher_dispose;
  object_class->get_property = drama_show_refresher_get_property;

  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[NEW_EPISODE] =
    g_signal_new ("new-episode", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, DRAMA_TYPE_SHOW, DRAMA_TYPE_EPISODE);
}

static void
drama_show_refresher_init (DramaShowRefresher *self)
{
}

DramaShowRefresher *
drama_show_refresher_new (DramaStore *store)
{
  DramaShowRefresher *self;

  g_return_val_if_fail (DRAMA_IS_STORE (store), NULL);

  self = g_object_new (DRAMA_TYPE_SHOW_REFRESHER, NULL);
  self->store = g_object_ref (store);
  return self;
}
