#pragma once

#include <gio/gio.h>

#include "drama-store.h"
#include "drama-tvmaze.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_SHOW_REFRESHER (drama_show_refresher_get_type ())

/* Keeps the followed shows fresh: on demand, periodically, and once at start when the
 * data is older than the interval. Asks TVmaze's /updates/shows which shows changed and
 * fetches only those (episodes matched by TVmaze id, so seen marks are never lost).
 * Meta keys: "shows_refreshed_at" (last successful refresh), "shows_checked_at" (last look
 * for newly aired episodes).
 * Property "refreshing" (gboolean).
 * Signal "new-episode" (DramaShow *show, DramaEpisode *episode): an episode of a Watching
 * show, unseen, aired since the previous check (the newest one per show). */
G_DECLARE_FINAL_TYPE (DramaShowRefresher, drama_show_refresher, DRAMA, SHOW_REFRESHER, GObject)

DramaShowRefresher *drama_show_refresher_new           (DramaStore          *store);

/* How the refresher queues its jobs on the store's thread: drama_store_call_async () unless
 * set (NULL sets it back). The app passes drama_ui_call () (src/ui) so that these jobs count
 * with the widgets' in the counts its tests wait on. */
void                drama_show_refresher_set_call_func (DramaShowRefresher         *self,
                                                        DramaStoreCallFunc          call);
void                drama_show_refresher_set_tvmaze    (DramaShowRefresher  *self,
                                                        DramaTvmaze         *tvmaze);
/* Minutes between periodic refreshes; 0 turns them off. */
void                drama_show_refresher_set_interval  (DramaShowRefresher  *self,
                                                        guint                minutes);
/* Refreshes soon (after one read of the last refresh) if that is older than the interval,
 * then periodically; and looks for newly aired episodes every few minutes (no network
 * needed for that). Never calls the store on the calling thread. */
void                drama_show_refresher_start         (DramaShowRefresher  *self);
gboolean            drama_show_refresher_get_refreshing (DramaShowRefresher *self);

/* Joins a refresh already running. n_refreshed: shows fetched again. The error is the
 * first one met (the other shows are still refreshed). */
void                drama_show_refresher_refresh_async  (DramaShowRefresher  *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            drama_show_refresher_refresh_finish (DramaShowRefresher  *self,
                                                         GAsyncResult        *result,
                                                         guint               *n_refreshed,
                                                         GError             **error);

/* Looks for newly aired episodes (emits "new-episode", before the callback) and moves the
 * check mark to now, in one job on the store's thread. The very first check only sets the
 * mark, so a new library does not flood the desktop. Finishes with the number found, or -1
 * and error. callback may be NULL. */
void                drama_show_refresher_check_new_episodes_async  (DramaShowRefresher  *self,
                                                                    gint64               now,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
int                 drama_show_refresher_check_new_episodes_finish (DramaShowRefresher  *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

G_END_DECLS
