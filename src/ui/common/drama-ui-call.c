#define G_LOG_DOMAIN "drama-ui-call"

#include "config.h"

#include "drama-ui-call.h"

/* The counts live on the store (qdata), so each store — the app's, a test's — has its own,
 * and they last as long as any job can touch them: a queued job holds the store. */
typedef struct {
  gint  n_run;      /* atomic: bumped on the store's thread */
  guint n_pending;  /* main thread only */
} Counts;

typedef struct {
  DramaStoreFunc  func;
  gpointer        data;
  GDestroyNotify  data_free;
  Counts         *counts;
} Job;

typedef struct {
  GAsyncReadyCallback  callback;
  gpointer             user_data;
  Counts              *counts;
} Reply;

static Counts *
get_counts (DramaStore *store)
{
  static GQuark quark;
  Counts *counts;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("drama-ui-call-counts");

  counts = g_object_get_qdata (G_OBJECT (store), quark);
  if (counts == NULL)
    {
      counts = g_new0 (Counts, 1);
      g_object_set_qdata_full (G_OBJECT (store), quark, counts, g_free);
    }
  return counts;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_free (job);
}

static gpointer
run_job (DramaStore    *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  Job *job = data;

  g_atomic_int_inc (&job->counts->n_run);
  return job->func (store, job->data, cancellable, error);
}

static void
reply (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  Reply *r = user_data;

  r->counts->n_pending--;
  if (r->callback != NULL)
    r->callback (source, result, r->user_data);
  else
    {
      /* Nobody wants the answer: take it, so that a failure is at least logged. */
      g_autoptr(GError) error = NULL;

      drama_store_call_finish (DRAMA_STORE (source), result, &error);
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("A store job failed: %s", error->message);
    }
  g_free (r);
}

void
drama_ui_call (DramaStore          *store,
               int                  priority,
               DramaStoreFunc       func,
               gpointer             data,
               GDestroyNotify       data_free,
               GDestroyNotify       result_free,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  Counts *counts;
  Job *job;
  Reply *r;

  g_return_if_fail (DRAMA_IS_STORE (store));
  g_return_if_fail (func != NULL);

  counts = get_counts (store);
  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->counts = counts;
  r = g_new0 (Reply, 1);
  r->callback = callback;
  r->user_data = user_data;
  r->counts = counts;
  counts->n_pending++;

  drama_store_call_async (store, priority, run_job, job, job_free, result_free, cancellable,
                          reply, r);
}

guint
drama_ui_call_get_n_run (DramaStore *store)
{
  g_return_val_if_fail (DRAMA_IS_STORE (store), 0);

  return (guint) g_atomic_int_get (&get_counts (store)->n_run);
}

guint
drama_ui_call_get_n_pending (DramaStore *store)
{
  g_return_val_if_fail (DRAMA_IS_STORE (store), 0);

  return get_counts (store)->n_pending;
}

GWeakRef *
drama_ui_weak_new (gpointer object)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, object);
  return weak;
}

gpointer
drama_ui_weak_steal (GWeakRef *weak)
{
  gpointer object;

  if (weak == NULL)
    return NULL;
  object = g_weak_ref_get (weak);
  g_weak_ref_clear (weak);
  g_free (weak);
  return object;
}

static gpointer
find_followed_job (DramaStore    *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GArray *ids = data;
  g_autoptr(GHashTable) followed = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, g_free);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 tvmaze_id = g_array_index (ids, gint64, i);
      g_autoptr(DramaShow) show = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 show_id;

      if (tvmaze_id <= 0)
        continue;
      show = drama_store_find_show_by_tvmaze_id (store, tvmaze_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (show == NULL)
        continue;
      show_id = drama_show_get_id (show);
      g_hash_table_insert (followed, g_memdup2 (&tvmaze_id, sizeof tvmaze_id),
                           g_memdup2 (&show_id, sizeof show_id));
    }
  return g_steal_pointer (&followed);
}

void
drama_ui_find_followed_async (DramaStore          *store,
                              GArray              *tvmaze_ids,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (DRAMA_IS_STORE (store));
  g_return_if_fail (tvmaze_ids != NULL);

  drama_ui_call (store, G_PRIORITY_HIGH, find_followed_job, g_array_copy (tvmaze_ids),
                 (GDestroyNotify) g_array_unref, (GDestroyNotify) g_hash_table_unref,
                 cancellable, callback, user_data);
}

GHashTable *
drama_ui_find_followed_finish (DramaStore    *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return drama_store_call_finish (store, result, error);
}
