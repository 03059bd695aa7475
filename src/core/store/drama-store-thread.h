#pragma once

/* The store's own thread: a queue of jobs, run one at a time in priority order, each
 * handing its result back to the main context of whoever asked (GTask). Private to the
 * store (drama-store.c); nothing here knows about SQLite. */

#include <gio/gio.h>

#include "drama-store.h"

G_BEGIN_DECLS

typedef struct _DramaStoreThread DramaStoreThread;

DramaStoreThread *_drama_store_thread_new        (void);
/* Runs what is queued, then stops. Joins the thread, unless called on it (the last
 * reference to the store dropped by a job), where the thread ends on its own. */
void              _drama_store_thread_free       (DramaStoreThread *self);
gboolean          _drama_store_thread_is_current (DramaStoreThread *self);
/* On the store's thread, the cancellable of the job running now (NULL: none, or not on the
 * store's thread). */
GCancellable     *_drama_store_thread_get_job_cancellable (void);
/* Queues func for task (whose source object is the store); the task returns func's result
 * (freed with result_free if nobody takes it) or its error. */
void              _drama_store_thread_push       (DramaStoreThread *self,
                                                  int               priority,
                                                  GTask            *task,
                                                  DramaStoreFunc    func,
                                                  GDestroyNotify    result_free);
/* Runs func on the thread and waits for it (not on the thread itself: call func directly). */
gpointer          _drama_store_thread_run_sync   (DramaStoreThread *self,
                                                  DramaStore       *store,
                                                  DramaStoreFunc    func,
                                                  gpointer          data,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

G_END_DECLS
