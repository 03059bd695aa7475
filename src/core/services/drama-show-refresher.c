#define G_LOG_DOMAIN "drama-show-refresher"

#include "config.h"

#include "drama-show-refresher.h"

/* Runs on the main thread, but never calls the store there: a run is a job reading the
 * shows to ask about and the last refresh, the TVmaze fetches (each saved in the client's
 * own thread), and a closing job that stamps the refresh and looks for new episodes. */

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
  DramaStoreCallFunc call;
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

/* On the store's thread (inside a job). */
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

/* ---- new episodes: one job ---- */

typedef struct {
  gint64   now;
  gint64   refreshed_at;   /* > 0: stamp the refresh first, in the same job */
} CheckArgs;

typedef struct {
  DramaShow    *show;
  DramaEpisode *episode;
} NewEpisode;

static void
new_episode_free (gpointer data)
{
  NewEpisode *found = data;

  g_object_unref (found->show);
  g_object_unref (found->episode);
  g_free (found);
}

/* The newest episode, per Watching show, that aired since the last check and is unseen;
 * moves the check mark to now. The very first check only sets the mark. */
static gpointer
check_job (DramaStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  CheckArgs *args = data;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (new_episode_free);
  g_autoptr(GPtrArray) shows = NULL;
  gint64 last;

  if (args->refreshed_at > 0)
    set_meta_time (store, META_REFRESHED, args->refreshed_at);

  last = get_meta_time (store, META_CHECKED);
  if (last >= args->now)
    return g_steal_pointer (&found);

  if (last > 0)
    {
      shows = drama_store_list_shows (store, DRAMA_WATCH_STATUS_WATCHING, NULL,
                                      DRAMA_SHOW_SORT_TITLE, error);
      if (shows == NULL)
        return NULL;
    }

  for (guint i = 0; shows != NULL && i < shows->len; i++)
    {
      DramaShow *show = g_ptr_array_index (shows, i);
      g_autoptr(GPtrArray) episodes = NULL;
      DramaEpisode *newest = NULL;

      episodes = drama_store_list_episodes (store, drama_show_get_id (show), NULL);
      for (guint j = 0; episodes != NULL && j < episodes->len; j++)
        {
          DramaEpisode *ep = g_ptr_array_index (episodes, j);
          gint64 stamp = drama_episode_get_airstamp (ep);

          if (stamp > last && stamp <= args->now && !drama_episode_get_seen (ep) &&
              (newest == NULL || stamp >= drama_episode_get_airstamp (newest)))
            newest = ep;
        }

      if (newest != NULL)
        {
          NewEpisode *one = g_new0 (NewEpisode, 1);

          one->show = g_object_ref (show);
          one->episode = g_object_ref (newest);
          g_ptr_array_add (found, one);
        }
    }

  set_meta_time (store, META_CHECKED, args->now);
  return g_steal_pointer (&found);
}

static void
announce (DramaShowRefresher *self,
          GPtrArray          *found)
{
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      NewEpisode *one = g_ptr_array_index (found, i);

      g_signal_emit (self, signals[NEW_EPISODE], 0, one->show, one->episode);
    }
}

static void
check_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DramaShowRefresher *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = drama_store_call_finish (DRAMA_STORE (source), result, &error);

  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not look for new episodes: %s", error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  announce (self, found);
  g_task_return_int (task, found->len);
}

void
drama_show_refresher_check_new_episodes_async (DramaShowRefresher  *self,
                                               gint64               now,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckArgs *args;

  g_return_if_fail (DRAMA_IS_SHOW_REFRESHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_show_refresher_check_new_episodes_async);
  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "The refresher is closed");
      return;
    }
  args = g_new0 (CheckArgs, 1);
  args->now = now;
  self->call (self->store, G_PRIORITY_LOW, check_job, args, g_free,
                 (GDestroyNotify) g_ptr_array_unref, cancellable, check_cb,
                 g_steal_pointer (&task));
}

int
drama_show_refresher_check_new_episodes_finish (DramaShowRefresher  *self,
                                                GAsyncResult        *result,
                                                GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return (int) g_task_propagate_int (G_TASK (result), error);
}

/* ---- a refresh ---- */

static void
complete_run (DramaShowRefresher *self,
              GPtrArray          *found)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);
  g_autoptr(GError) error = g_steal_pointer (&self->first_error);
  guint n = self->n_refreshed;

  g_clear_pointer (&self->shows, g_ptr_array_unref);
  g_clear_pointer (&self->updates, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  self->next = 0;
  self->n_refreshed = 0;

  announce (self, found);
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

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DramaShowRefresher) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = drama_store_call_finish (DRAMA_STORE (source), result, &error);

  if (found == NULL)
    g_warning ("Could not look for new episodes: %s", error->message);
  complete_run (self, found);
}

/* The run is over: one job stamps it and looks for the episodes it brought. */
static void
finish_run (DramaShowRefresher *self)
{
  CheckArgs *args;

  /* Cancelled as the refresher went away: nothing to stamp, nobody to tell. */
  if (self->store == NULL)
    {
      complete_run (self, NULL);
      return;
    }

  args = g_new0 (CheckArgs, 1);
  args->now = now_unix ();
  /* A refresh that reached TVmaze at all counts: the next one can ask for "day". */
  if (self->first_error == NULL || self->n_refreshed > 0)
    args->refreshed_at = args->now;
  /* No cancellable: the stamp must land once TVmaze answered. */
  self->call (self->store, G_PRIORITY_DEFAULT, check_job, args, g_free,
                 (GDestroyNotify) g_ptr_array_unref, NULL, run_done_cb, g_object_ref (self));
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

typedef struct {
  GPtrArray *shows;
  gint64     refreshed_at;
} RunStart;

static void
run_start_free (gpointer data)
{
  RunStart *start = data;

  g_clear_pointer (&start->shows, g_ptr_array_unref);
  g_free (start);
}

static gpointer
run_start_job (DramaStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  RunStart *start = g_new0 (RunStart, 1);

  start->shows = drama_store_list_shows_to_refresh (store, error);
  if (start->shows == NULL)
    {
      run_start_free (start);
      return NULL;
    }
  start->refreshed_at = get_meta_time (store, META_REFRESHED);
  return start;
}

static void
run_start_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DramaShowRefresher) self = user_data;
  g_autoptr(GError) error = NULL;
  RunStart *start = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  gint64 since_start = G_MAXINT64;
  const char *since;

  if (start == NULL)
    {
      self->first_error = g_steal_pointer (&error);
      finish_run (self);
      return;
    }

  self->shows = g_steal_pointer (&start->shows);
  since = pick_since (start->refreshed_at, now_unix (), &since_start);
  run_start_free (start);

  if (self->shows->len == 0 || self->tvmaze == NULL)
    {
      finish_run (self);
      return;
    }
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

static void
start_run (DramaShowRefresher *self)
{
  self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);

  self->call (self->store, G_PRIORITY_LOW, run_start_job, NULL, NULL, run_start_free,
                 self->cancellable, run_start_cb, g_object_ref (self));
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
check_timer_cb (gpointer user_data)
{
  DramaShowRefresher *self = user_data;

  /* A running refresh checks when it is done, with the new episodes in. */
  if (!drama_show_refresher_get_refreshing (self))
    drama_show_refresher_check_new_episodes_async (self, now_unix (), NULL, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

static gpointer
read_refreshed_job (DramaStore    *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  gint64 *last = g_new (gint64, 1);

  *last = get_meta_time (store, META_REFRESHED);
  return last;
}

static void
read_refreshed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DramaShowRefresher) self = user_data;
  g_autofree gint64 *last = drama_store_call_finish (DRAMA_STORE (source), result, NULL);

  if (last != NULL && self->interval > 0 && now_unix () - *last >= (gint64) self->interval * 60)
    drama_show_refresher_refresh_async (self, NULL, periodic_cb, NULL);
  else
    drama_show_refresher_check_new_episodes_async (self, now_unix (), NULL, NULL, NULL);
}

void
drama_show_refresher_start (DramaShowRefresher *self)
{
  g_return_if_fail (DRAMA_IS_SHOW_REFRESHER (self));

  if (self->check_id == 0)
    self->check_id = g_timeout_add_seconds (CHECK_INTERVAL_S, check_timer_cb, self);

  self->call (self->store, G_PRIORITY_LOW, read_refreshed_job, NULL, NULL, g_free, NULL,
                 read_refreshed_cb, g_object_ref (self));
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

void
drama_show_refresher_set_call_func (DramaShowRefresher         *self,
                                    DramaStoreCallFunc          call)
{
  g_return_if_fail (DRAMA_IS_SHOW_REFRESHER (self));

  self->call = call != NULL ? call : drama_store_call_async;
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
  self->call = drama_store_call_async;
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
