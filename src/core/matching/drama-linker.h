#pragma once

#include <gio/gio.h>

#include "drama-store.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_LINKER (drama_linker_get_type ())

/* Keeps the article ↔ show/person links up to date without blocking the UI.
 *
 * All work runs in a worker thread, one job at a time, in the order asked:
 *  - drama_linker_link_articles_async(): links newly stored articles;
 *  - when the store says names or episodes may have changed ("changed::show" and
 *    "changed::episode" other than the user's own marks, "aliases-changed"), the dictionary
 *    (names, titles, casts, last episodes, episode rows) is read again shortly after
 *    (repeated signals coalesce) and compared with the one the stored links were made with
 *    (a fingerprint kept in the store's meta table). Only the articles the difference can
 *    touch are relinked (drama_matcher_diff(): the articles that name a name that came or
 *    went, those linked to a show or person whose names, cast or episodes changed), and only
 *    those whose links really change are written. Nothing is relinked when nothing changed
 *    (a refresh that saved the same names). Every article is relinked only when the stored
 *    links come from another version of the rules or from a dictionary this run never saw
 *    (the app stopped before a relink ended).
 * The store emits "changed::link" after each write (the linker does not listen to it). The
 * "busy" property is TRUE while a job runs or waits. */
G_DECLARE_FINAL_TYPE (DramaLinker, drama_linker, DRAMA, LINKER, GObject)

DramaLinker *drama_linker_new                  (DramaStore           *store);

void         drama_linker_link_articles_async  (DramaLinker          *self,
                                                const gint64         *article_ids,
                                                guint                 n_ids,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean     drama_linker_link_articles_finish (DramaLinker          *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* Rebuilds the dictionary and relinks every article, even when nothing seems changed.
 * Requests made before the relink starts share it. */
void         drama_linker_relink_all_async     (DramaLinker          *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean     drama_linker_relink_all_finish    (DramaLinker          *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* What the store's signals do: rebuild the dictionary soon, relink if it changed. */
void         drama_linker_queue_update         (DramaLinker          *self);

gboolean     drama_linker_get_busy             (DramaLinker          *self);

G_END_DECLS
