#define G_LOG_DOMAIN "drama-linker"

#include "config.h"

#include "drama-linker.h"

#include <glib/gi18n-lib.h>

#include "drama-linker-private.h"
#include "drama-matcher.h"

/* Signals come in bursts (saving a show says "show" and "episode"; a refresh saves show
 * after show): wait this long for the burst to end before reading the dictionary again. An
 * update relinks only what changed, so a burst cut in two costs little. */
#define UPDATE_DELAY_MS 100

/* Articles per transaction. */
#define LINK_CHUNK 500

/* The meta key holding the fingerprint of the dictionary the stored links were made with. */
#define FINGERPRINT_KEY "links_fingerprint"

/* What the stored links were made from: the names (the matcher) and the episode rows the
 * links point at. Its fingerprint is what the meta table keeps. Immutable once built. */
typedef struct {
  gatomicrefcount  ref_count;
  DramaMatcher    *matcher;
  GArray          *episodes;      /* DramaEpisodesDigest, by show id */
  char            *fingerprint;
} Snapshot;

static Snapshot *
snapshot_ref (Snapshot *snapshot)
{
  g_atomic_ref_count_inc (&snapshot->ref_count);
  return snapshot;
}

static void
snapshot_unref (Snapshot *snapshot)
{
  if (!g_atomic_ref_count_dec (&snapshot->ref_count))
    return;
  g_object_unref (snapshot->matcher);
  g_array_unref (snapshot->episodes);
  g_free (snapshot->fingerprint);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_unref)

static gpointer
list_episode_digests_job (DramaStore    *store,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  return drama_store_list_episode_digests (store, error);
}

static Snapshot *
snapshot_build (DramaStore  *store,
                GError     **error)
{
  g_autoptr(DramaMatcher) matcher = drama_store_build_matcher (store, error);
  g_autoptr(GArray) episodes = NULL;
  Snapshot *snapshot;
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);
  const guchar *p;

  if (matcher == NULL)
    return NULL;
  episodes = drama_store_call_sync (store, list_episode_digests_job, NULL, NULL, error);
  if (episodes == NULL)
    return NULL;

  /* FNV-1a over the episode digests. */
  p = (const guchar *) episodes->data;
  for (gsize i = 0; i < episodes->len * sizeof (DramaEpisodesDigest); i++)
    {
      hash ^= p[i];
      hash *= G_GUINT64_CONSTANT (1099511628211);
    }

  snapshot = g_new0 (Snapshot, 1);
  g_atomic_ref_count_init (&snapshot->ref_count);
  snapshot->fingerprint = g_strdup_printf ("2:%016" G_GINT64_MODIFIER "x:%016" G_GINT64_MODIFIER "x",
                                           drama_matcher_get_fingerprint (matcher), hash);
  snapshot->matcher = g_steal_pointer (&matcher);
  snapshot->episodes = g_steal_pointer (&episodes);
  return snapshot;
}

typedef enum {
  JOB_LINK,
  JOB_UPDATE,
} JobKind;

typedef struct {
  JobKind       kind;
  gboolean      force;      /* UPDATE: relink everything even with the same dictionary */
  GArray       *ids;        /* LINK: article ids */
  GPtrArray    *waiters;    /* GTask of the callers */
  DramaLinker  *linker;     /* NULL once the linker is gone */
  DramaStore   *store;
  DramaMatcher *matcher;    /* LINK: the matcher to link with (NULL: build one) */
  Snapshot     *snapshot;   /* UPDATE in: what the stored links were made from (may be
                             * NULL: unknown); out: what they are made from now */
} Job;

struct _DramaLinker
{
  GObject       parent_instance;

  DramaStore   *store;
  /* Only touched on the main thread; jobs get their own ref. */
  Snapshot     *snapshot;     /* what the stored links were made from; NULL until known */
  DramaMatcher *matcher;      /* built by a link job before the snapshot is known */
  GQueue        jobs;         /* Job, waiting */
  Job          *running;
  GCancellable *cancellable;
  guint         update_source;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (DramaLinker, drama_linker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
job_free (Job *job)
{
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->waiters, g_ptr_array_unref);
  g_clear_object (&job->store);
  g_clear_object (&job->matcher);
  g_clear_pointer (&job->snapshot, snapshot_unref);
  g_free (job);
}

static Job *
job_new (JobKind kind)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  return job;
}

static void
update_busy (DramaLinker *self)
{
  gboolean busy = self->running != NULL || !g_queue_is_empty (&self->jobs) ||
                  self->update_source != 0;

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

/* ---- the worker ---- */

/* In chunks, so that a big batch (an OPML import) never holds the store for long. */
static gboolean
link_in_chunks (DramaStore    *store,
                DramaMatcher  *matcher,
                GArray        *ids,
                GCancellable  *cancellable,
                GError       **error)
{
  for (guint from = 0; from < ids->len; from += LINK_CHUNK)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!drama_store_link_articles (store, matcher, &g_array_index (ids, gint64, from),
                                      MIN (LINK_CHUNK, ids->len - from), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_update (Job           *job,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 started = g_get_monotonic_time ();
  g_autoptr(Snapshot) snapshot = snapshot_build (job->store, error);
  g_autofree char *stored = NULL;
  gboolean relinked = FALSE;

  if (snapshot == NULL)
    return FALSE;
  g_debug ("Dictionary read in %.0f ms", (g_get_monotonic_time () - started) / 1e3);

  stored = drama_store_get_meta (job->store, FINGERPRINT_KEY, error);
  if (stored == NULL && error != NULL && *error != NULL)
    return FALSE;

  if (!job->force && g_strcmp0 (stored, snapshot->fingerprint) == 0)
    {
      /* Nothing the links depend on changed (a refresh that saved the same names). */
      g_clear_pointer (&job->snapshot, snapshot_unref);
      job->snapshot = g_steal_pointer (&snapshot);
      return TRUE;
    }

  /* Links are about to be written with the new dictionary: until that is done the stored
   * links match no fingerprint, so that a relink cut short (an error, the app closed) is
   * done again in full rather than compared with a dictionary it half reflects. */
  if (stored != NULL && !drama_store_set_meta (job->store, FINGERPRINT_KEY, NULL, error))
    return FALSE;

  /* A diff needs the dictionary the stored links were made with. */
  if (!job->force && job->snapshot != NULL &&
      g_strcmp0 (stored, job->snapshot->fingerprint) == 0)
    {
      if (!_drama_linker_relink_changes (job->store, job->snapshot->matcher,
                                         job->snapshot->episodes, snapshot->matcher,
                                         snapshot->episodes, cancellable, &relinked, error))
        return FALSE;
      g_debug ("Dictionary changed: relinked what it touches in %.0f ms",
               (g_get_monotonic_time () - started) / 1e3);
    }

  if (!relinked)
    {
      /* The rules changed (another version of the app), or what the links were made with
       * is not known (the app stopped before a relink ended). */
      g_debug ("Relinking every article (%u terms)", drama_matcher_get_n_terms (snapshot->matcher));
      if (!drama_store_relink_all (job->store, snapshot->matcher, cancellable, error))
        return FALSE;
    }

  if (!drama_store_set_meta (job->store, FINGERPRINT_KEY, snapshot->fingerprint, error))
    return FALSE;

  g_clear_pointer (&job->snapshot, snapshot_unref);
  job->snapshot = g_steal_pointer (&snapshot);
  return TRUE;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gboolean ok;

  if (job->kind == JOB_LINK)
    {
      if (job->matcher == NULL)
        job->matcher = drama_store_build_matcher (job->store, &error);
      ok = job->matcher != NULL &&
           link_in_chunks (job->store, job->matcher, job->ids, NULL, &error);
      /* Names the news gives the cast are a nicety: a failure here links no less. */
      if (ok)
        {
          g_autoptr(GError) names_error = NULL;

          if (!_drama_linker_propose_names (job->store, job->ids, &names_error))
            g_warning ("Could not look for stage names: %s", names_error->message);
        }
    }
  else
    ok = run_update (job, cancellable, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void start_next (DramaLinker *self);

static void
job_done (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Job *job = user_data;
  DramaLinker *self = job->linker;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (!ok && job->waiters->len == 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not link articles to the watchlist: %s", error->message);

  for (guint i = 0; i < job->waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (job->waiters, i);

      if (ok)
        g_task_return_boolean (waiter, TRUE);
      else
        g_task_return_error (waiter, g_error_copy (error));
    }

  if (self != NULL)
    {
      self->running = NULL;
      if (ok && job->kind == JOB_UPDATE)
        {
          g_clear_pointer (&self->snapshot, snapshot_unref);
          self->snapshot = snapshot_ref (job->snapshot);
          g_clear_object (&self->matcher);
        }
      else if (ok && self->snapshot == NULL)
        g_set_object (&self->matcher, job->matcher);
      start_next (self);
      update_busy (self);
    }
  job_free (job);
}

static void
start_next (DramaLinker *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->running != NULL || g_queue_is_empty (&self->jobs))
    return;

  job = g_queue_pop_head (&self->jobs);
  job->linker = self;
  job->store = g_object_ref (self->store);
  if (job->kind == JOB_UPDATE && self->snapshot != NULL)
    job->snapshot = snapshot_ref (self->snapshot);
  /* New articles are linked with the dictionary the stored links were made with, even when
   * the store says names changed since: the update that follows then reaches them the same
   * way as every other article. */
  else if (job->kind == JOB_LINK && self->snapshot != NULL)
    job->matcher = g_object_ref (self->snapshot->matcher);
  else if (job->kind == JOB_LINK && self->matcher != NULL)
    job->matcher = g_object_ref (self->matcher);
  self->running = job;

  /* No source object: a running job must not keep the linker alive (dispose cancels it). */
  task = g_task_new (NULL, self->cancellable, job_done, job);
  g_task_set_source_tag (task, start_next);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, job_thread);
}

/* A waiting job of this kind that has not started, to merge a new request into. */
static Job *
pending_job (DramaLinker *self,
             JobKind      kind)
{
  Job *last = g_queue_peek_tail (&self->jobs);

  if (kind == JOB_UPDATE)
    {
      for (GList *l = self->jobs.head; l != NULL; l = l->next)
        if (((Job *) l->data)->kind == JOB_UPDATE)
          return l->data;
      return NULL;
    }
  /* Links merge only at the tail, so they never jump ahead of an update. */
  return last != NULL && last->kind == kind ? last : NULL;
}

static void
enqueue_update (DramaLinker *self,
                gboolean     force,
                GTask       *waiter)
{
  Job *job = pending_job (self, JOB_UPDATE);

  if (job == NULL)
    {
      job = job_new (JOB_UPDATE);
      g_queue_push_tail (&self->jobs, job);
    }
  job->force = job->force || force;
  if (waiter != NULL)
    g_ptr_array_add (job->waiters, g_object_ref (waiter));

  start_next (self);
  update_busy (self);
}

static gboolean
update_timeout (gpointer user_data)
{
  DramaLinker *self = user_data;

  self->update_source = 0;
  enqueue_update (self, FALSE, NULL);
  return G_SOURCE_REMOVE;
}

void
drama_linker_queue_update (DramaLinker *self)
{
  g_return_if_fail (DRAMA_IS_LINKER (self));

  if (self->update_source != 0)
    return;
  self->update_source = g_timeout_add (UPDATE_DELAY_MS, update_timeout, self);
  update_busy (self);
}

static void
on_show_changed (DramaLinker      *self,
                 DramaStoreChange *change)
{
  /* A seen mark, a status, a rating or a spoiler setting names nothing new. */
  DramaChangeReason reason = drama_store_change_get_reason (change);

  if (reason == DRAMA_CHANGE_SEEN || reason == DRAMA_CHANGE_USER)
    return;
  drama_linker_queue_update (self);
}

static void
on_aliases_changed (DramaLinker *self)
{
  drama_linker_queue_update (self);
}

static void
on_episodes_changed (DramaLinker      *self,
                     DramaStoreChange *change)
{
  /* Seen marks change no episode a link points at. A refresh may have replaced episode
   * rows: the update compares them with the ones the links were made with. */
  if (drama_store_change_get_reason (change) == DRAMA_CHANGE_SEEN)
    return;
  drama_linker_queue_update (self);
}

/* ---- public ---- */

void
drama_linker_link_articles_async (DramaLinker         *self,
                                  const gint64        *article_ids,
                                  guint                n_ids,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (DRAMA_IS_LINKER (self));
  g_return_if_fail (article_ids != NULL || n_ids == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_linker_link_articles_async);

  job = pending_job (self, JOB_LINK);
  if (job == NULL)
    {
      job = job_new (JOB_LINK);
      g_queue_push_tail (&self->jobs, job);
    }
  g_array_append_vals (job->ids, article_ids, n_ids);
  g_ptr_array_add (job->waiters, g_object_ref (task));

  start_next (self);
  update_busy (self);
}

gboolean
drama_linker_link_articles_finish (DramaLinker   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
drama_linker_relink_all_async (DramaLinker         *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DRAMA_IS_LINKER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_linker_relink_all_async);
  enqueue_update (self, TRUE, task);
}

gboolean
drama_linker_relink_all_finish (DramaLinker   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
drama_linker_get_busy (DramaLinker *self)
{
  g_return_val_if_fail (DRAMA_IS_LINKER (self), FALSE);

  return self->busy;
}

DramaLinker *
drama_linker_new (DramaStore *store)
{
  g_return_val_if_fail (DRAMA_IS_STORE (store), NULL);

  return g_object_new (DRAMA_TYPE_LINKER, "store", store, NULL);
}

/* ---- GObject ---- */

static void
drama_linker_constructed (GObject *object)
{
  DramaLinker *self = DRAMA_LINKER (object);

  G_OBJECT_CLASS (drama_linker_parent_class)->constructed (object);

  g_return_if_fail (self->store != NULL);

  /* Not "changed::link": the linker writes those itself. */
  g_signal_connect_object (self->store, "changed::show",
                           G_CALLBACK (on_show_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "aliases-changed",
                           G_CALLBACK (on_aliases_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::episode",
                           G_CALLBACK (on_episodes_changed), self, G_CONNECT_SWAPPED);

  /* The stored links may come from another dictionary (or another version of the rules):
   * check once at start. */
  drama_linker_queue_update (self);
}

static void
drama_linker_dispose (GObject *object)
{
  DramaLinker *self = DRAMA_LINKER (object);
  Job *job;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->running != NULL)
    {
      self->running->linker = NULL;
      self->running = NULL;
    }
  while ((job = g_queue_pop_head (&self->jobs)) != NULL)
    {
      for (guint i = 0; i < job->waiters->len; i++)
        g_task_return_new_error (g_ptr_array_index (job->waiters, i), G_IO_ERROR,
                                 G_IO_ERROR_CANCELLED, _("Linking was cancelled."));
      job_free (job);
    }
  g_clear_object (&self->matcher);
  g_clear_pointer (&self->snapshot, snapshot_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drama_linker_parent_class)->dispose (object);
}

static void
drama_linker_finalize (GObject *object)
{
  DramaLinker *self = DRAMA_LINKER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (drama_linker_parent_class)->finalize (object);
}

static void
drama_linker_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DramaLinker *self = DRAMA_LINKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_linker_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DramaLinker *self = DRAMA_LINKER (object);

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
drama_linker_class_init (DramaLinkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = drama_linker_constructed;
  object_class->dispose = drama_linker_dispose;
  object_class->finalize = drama_linker_finalize;
  object_class->get_property = drama_linker_get_property;
  object_class->set_property = drama_linker_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRAMA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drama_linker_init (DramaLinker *self)
{
  g_queue_init (&self->jobs);
  self->cancellable = g_cancellable_new ();
}
