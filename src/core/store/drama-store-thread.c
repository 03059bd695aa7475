#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include "drama-store-thread.h"

/* Epiphany's history service is the model: one thread owns the database, the main thread
 * only queues work and gets results back, so it never waits on SQLite or on a lock a
 * worker holds. Priorities let a read the user is waiting for overtake queued background
 * writes; equal priorities run in the order asked. */

typedef struct {
  int             priority;
  guint64         seq;
  DramaStoreFunc  func;
  gboolean        quit;
  /* Asynchronous: the task carries the store, the data and the cancellable. */
  GTask          *task;
  GDestroyNotify  result_free;
  /* Synchronous: the caller waits on cond. */
  DramaStore     *store;
  gpointer        data;
  GCancellable   *cancellable;
  gpointer        result;
  GError         *error;
  gboolean        done;
  GMutex         *mutex;
  GCond          *cond;
} Job;

struct _DramaStoreThread
{
  GThread     *thread;
  GAsyncQueue *queue;
  guint64      next_seq;  /* under the queue's lock */
};

static gint
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data G_GNUC_UNUSED)
{
  const Job *ja = a, *jb = b;

  if (ja->priority != jb->priority)
    return ja->priority < jb->priority ? -1 : 1;
  return ja->seq < jb->seq ? -1 : ja->seq > jb->seq;
}

static void
push (DramaStoreThread *self,
      Job              *job)
{
  g_async_queue_lock (self->queue);
  job->seq = self->next_seq++;
  g_async_queue_push_sorted_unlocked (self->queue, job, compare_jobs, NULL);
  g_async_queue_unlock (self->queue);
}

static GPrivate job_cancellable;

GCancellable *
_drama_store_thread_get_job_cancellable (void)
{
  return g_private_get (&job_cancellable);
}

static void
run_async_job (Job *job)
{
  DramaStore *store = g_task_get_source_object (job->task);
  GCancellable *cancellable = g_task_get_cancellable (job->task);
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (job->task))
    return;
  g_private_set (&job_cancellable, cancellable);
  result = job->func (store, g_task_get_task_data (job->task), cancellable, &error);
  g_private_set (&job_cancellable, NULL);
  if (error != NULL)
    g_task_return_error (job->task, error);
  else
    g_task_return_pointer (job->task, result, job->result_free);
}

static void
run_sync_job (Job *job)
{
  if (!g_cancellable_set_error_if_cancelled (job->cancellable, &job->error))
    {
      g_private_set (&job_cancellable, job->cancellable);
      job->result = job->func (job->store, job->data, job->cancellable, &job->error);
      g_private_set (&job_cancellable, NULL);
    }

  g_mutex_lock (job->mutex);
  job->done = TRUE;
  g_cond_signal (job->cond);
  g_mutex_unlock (job->mutex);
}

static gboolean
unref_task (gpointer task)
{
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* The job's reference to the task, and so to the store, is dropped in the context the task
 * belongs to, never here: otherwise the last reference could go on this thread, the store
 * would close its database here while its owner goes on, and a reader that opens the file
 * right after dropping its own reference could find it locked by the closing checkpoint. */
static void
release_task (GTask *task)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, unref_task, task, NULL);
  g_source_set_static_name (source, "[drama] release store job");
  g_source_attach (source, g_task_get_context (task));
}

static gpointer
thread_main (gpointer data)
{
  /* Only the queue is touched here, never the DramaStoreThread: a job may drop the last
   * reference to the store and free it while this loop still runs. */
  GAsyncQueue *queue = data;

  for (;;)
    {
      Job *job = g_async_queue_pop (queue);

      if (job->quit)
        {
          g_free (job);
          break;
        }
      if (job->task != NULL)
        {
          run_async_job (job);
          release_task (job->task);
          g_free (job);
        }
      else
        run_sync_job (job);  /* the job lives on the caller's stack */
    }
  g_async_queue_unref (queue);
  return NULL;
}

DramaStoreThread *
_drama_store_thread_new (void)
{
  DramaStoreThread *self = g_new0 (DramaStoreThread, 1);

  self->queue = g_async_queue_new ();
  self->thread = g_thread_new ("drama-store", thread_main, g_async_queue_ref (self->queue));
  return self;
}

void
_drama_store_thread_free (DramaStoreThread *self)
{
  Job *quit;

  if (self == NULL)
    return;

  /* Last in line, whatever the priorities: what was asked still runs. */
  quit = g_new0 (Job, 1);
  quit->quit = TRUE;
  quit->priority = G_MAXINT;
  push (self, quit);

  if (g_thread_self () == self->thread)
    g_thread_unref (self->thread);
  else
    g_thread_join (self->thread);
  g_async_queue_unref (self->queue);
  g_free (self);
}

gboolean
_drama_store_thread_is_current (DramaStoreThread *self)
{
  return self != NULL && g_thread_self () == self->thread;
}

void
_drama_store_thread_push (DramaStoreThread *self,
                          int               priority,
                          GTask            *task,
                          DramaStoreFunc    func,
                          GDestroyNotify    result_free)
{
  Job *job = g_new0 (Job, 1);

  job->priority = priority;
  job->func = func;
  job->task = g_object_ref (task);
  job->result_free = result_free;
  push (self, job);
}

gpointer
_drama_store_thread_run_sync (DramaStoreThread *self,
                              DramaStore       *store,
                              DramaStoreFunc    func,
                              gpointer          data,
                              GCancellable     *cancellable,
                              GError          **error)
{
  GMutex mutex;
  GCond cond;
  Job job = { 0 };

  g_return_val_if_fail (!_drama_store_thread_is_current (self), NULL);

  g_mutex_init (&mutex);
  g_cond_init (&cond);
  job.priority = G_PRIORITY_DEFAULT;
  job.func = func;
  job.store = store;
  job.data = data;
  job.cancellable = cancellable;
  job.mutex = &mutex;
  job.cond = &cond;
  push (self, &job);

  g_mutex_lock (&mutex);
  while (!job.done)
    g_cond_wait (&cond, &mutex);
  g_mutex_unlock (&mutex);
  g_cond_clear (&cond);
  g_mutex_clear (&mutex);

  if (job.error != NULL)
    {
      g_propagate_error (error, job.error);
      return NULL;
    }
  return job.result;
}
