#pragma once

#include <gio/gio.h>

#include "drama-store.h"
#include "drama-tvmaze.h"

G_BEGIN_DECLS

/* Casting news offers the new drama (issue 14): an article tied to an actor the user
 * follows that names a drama in quotes not on the watchlist ("IU confirmed to lead new
 * drama “Lantern Street Diaries”") gets the drama TVmaze knows by that title, for the news
 * pane to offer (drama_store_list_article_offers ()). Each title is looked up once
 * (GET /search/shows?q=, through the client's own rate limit), one call at a time, at most
 * DRAMA_CASTING_SCOUT_MAX_LOOKUPS per run; while TVmaze does not know it, again on later
 * runs for DRAMA_CASTING_LOOKUP_DAYS days (drama_store_set_casting_result ()).
 *
 * A TVmaze show is the drama when its name is the title (case, width, spaces and
 * punctuation aside) and it premiered within the last two years, has no premiere date yet,
 * or is "In Development", "To Be Determined" or "Running": the first such result counts.
 *
 * All SQLite work runs on the store's thread. The UI follows the store's
 * "changed::article" (UPDATED, the articles offering a drama just found).
 * Property "busy" (gboolean): a scan or a run of lookups is under way. */

#define DRAMA_CASTING_SCOUT_MAX_LOOKUPS 10

#define DRAMA_TYPE_CASTING_SCOUT (drama_casting_scout_get_type ())
G_DECLARE_FINAL_TYPE (DramaCastingScout, drama_casting_scout, DRAMA, CASTING_SCOUT, GObject)

DramaCastingScout *drama_casting_scout_new           (DramaStore          *store,
                                                      DramaTvmaze         *tvmaze);
/* Lookups started later use tvmaze (the app swaps the client when the URL setting
 * changes); a run under way finishes with the client it began with. */
void               drama_casting_scout_set_tvmaze    (DramaCastingScout   *self,
                                                      DramaTvmaze         *tvmaze);

/* How the scout queues its jobs on the store's thread: drama_store_call_async () unless
 * set (NULL sets it back); the app passes drama_ui_call (), as for DramaShowRefresher. */
void               drama_casting_scout_set_call_func (DramaCastingScout         *self,
                                                      DramaStoreCallFunc         call);

gboolean           drama_casting_scout_get_busy      (DramaCastingScout   *self);

/* New or changed articles (after they were linked): of those tied to an actor credited in
 * a show on the watchlist, the titles they name (drama_casting_titles_find (), the
 * watchlist's titles left out) are kept, then the lookups due are run
 * (drama_casting_scout_lookup_due_async ()). n_ids may be 0: the due lookups alone (what a
 * refresh that brought nothing new runs). */
void               drama_casting_scout_scan_async    (DramaCastingScout   *self,
                                                      const gint64        *article_ids,
                                                      guint                n_ids,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           drama_casting_scout_scan_finish   (DramaCastingScout   *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Looks the titles due up on TVmaze, one after the other. TVmaze not knowing one (no
 * result that is the drama, or an answer that is no search result) is kept as a miss, tried
 * again later; a network failure, an HTTP error or the rate limit stops the run, leaving
 * the title due (tried at the next run) and finishing with that error. Asked while a run is
 * under way: another run follows it. */
void               drama_casting_scout_lookup_due_async  (DramaCastingScout   *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean           drama_casting_scout_lookup_due_finish (DramaCastingScout   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
