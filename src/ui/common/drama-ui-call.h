#pragma once

#include <gio/gio.h>

#include "drama-store.h"

G_BEGIN_DECLS

/* How the widgets call the store: every read and write is a job on the store's thread
 * (drama_store_call_async ()), so the window never waits on SQLite. No type of its own.
 *
 * drama_ui_call () is drama_store_call_async () that also counts, per store, the jobs run
 * and those whose answer has not come back yet: the tests read the counts to check how
 * much work a click costs and to wait until it is all done. Finish with
 * drama_store_call_finish (). callback may be NULL (nobody wants the answer). */
void      drama_ui_call               (DramaStore          *store,
                                       int                  priority,
                                       DramaStoreFunc       func,
                                       gpointer             data,
                                       GDestroyNotify       data_free,
                                       GDestroyNotify       result_free,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Jobs asked through drama_ui_call () that ran on the store's thread (not the cancelled). */
guint     drama_ui_call_get_n_run     (DramaStore          *store);
/* Jobs asked whose callback has not run yet. */
guint     drama_ui_call_get_n_pending (DramaStore          *store);

/* A write the user made must land even when the widget that asked is closed meanwhile, so
 * it runs without the widget's cancellable; its callback gets the widget through a weak
 * reference. drama_ui_weak_new () makes one for callback data; drama_ui_weak_steal () in
 * the callback frees it and returns a new reference to the object, or NULL when gone. */
GWeakRef *drama_ui_weak_new           (gpointer             object);
gpointer  drama_ui_weak_steal         (GWeakRef            *weak);

/* Which of tvmaze_ids (GArray of gint64) are on the watchlist, as the search results and an
 * actor's roles mark them: one job. Finishes with a GHashTable gint64* tvmaze id → gint64*
 * show id (the followed ones only). */
void        drama_ui_find_followed_async  (DramaStore          *store,
                                           GArray              *tvmaze_ids,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GHashTable *drama_ui_find_followed_finish (DramaStore          *store,
                                           GAsyncResult        *result,
                                           GError             **error);

/* A boolean job's result: non-NULL for TRUE (drama_store_call_finish () gives NULL with
 * the error otherwise). */
#define DRAMA_UI_JOB_OK(ok) ((ok) ? GINT_TO_POINTER (1) : NULL)

G_END_DECLS
