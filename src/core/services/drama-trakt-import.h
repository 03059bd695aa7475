#pragma once

/* A Trakt export brought onto the watchlist: the shapes of Trakt's `sync/watched/shows`
 * (shows with their ids, seasons and the episodes watched, each with last_watched_at) and
 * `sync/watchlist` (shows listed to watch; other types are left out). Each show is found on
 * TVmaze by its TheTVDB id, else its IMDb id (/lookup/shows), fetched with its episodes and
 * cast, and all of them go into the library in one transaction with
 * drama_store_import_entries (): watched shows are Watching (Completed when every aired
 * episode of an ended show was watched) with their episodes seen on the dates Trakt gives;
 * listed ones are Plan to watch. A row TVmaze cannot match is named in the summary, in
 * words; a network failure imports nothing. */

#include <gio/gio.h>

#include "drama-store.h"
#include "drama-tvmaze.h"

G_BEGIN_DECLS

void                drama_trakt_import_async  (DramaTvmaze          *tvmaze,
                                               DramaStore           *store,
                                               GBytes               *data,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
DramaImportSummary *drama_trakt_import_finish (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
