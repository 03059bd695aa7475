#pragma once

#include <adwaita.h>

#include "drama-feed-updater.h"
#include "drama-store.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_FEED_LIST (drama_feed_list_get_type ())

/* Managing the subscriptions (the content of the Feeds window): every feed (sorted by name
 * as people sort names: "Site 2" before "Site 10") with its unread count, when it last
 * updated and, when its last fetch failed, why; add, rename, remove (asked first, with
 * Undo), try again, OPML import (its failures told once all are fetched, with "Select
 * Failing") and export. Selection mode checks many feeds ("Select Failing", "Select All")
 * and removes them in one action, asked first, naming the count, undone in one too. Has
 * its own header bar and toasts.
 * Actions: feeds.add, feeds.import, feeds.export, feeds.rename (x), feeds.remove (x: asks),
 * feeds.refresh (x), feeds.select-failing, feeds.select-all, feeds.remove-selected (asks). */
G_DECLARE_FINAL_TYPE (DramaFeedList, drama_feed_list, DRAMA, FEED_LIST, GtkWidget)

DramaFeedList *drama_feed_list_new         (DramaStore       *store,
                                            DramaFeedUpdater *updater);
/* The rows are rebuilt after store changes (the feeds read at most once a second, in the
 * background); this asks for the feeds now. */
void           drama_feed_list_reload      (DramaFeedList    *self);
guint          drama_feed_list_get_n_rows  (DramaFeedList    *self);
/* The row widget (AdwActionRow) of a feed, or NULL. */
GtkWidget     *drama_feed_list_get_row     (DramaFeedList    *self,
                                            gint64            feed_id);
void           drama_feed_list_add_toast   (DramaFeedList    *self,
                                            AdwToast         *toast);

/* What the actions do once they have their answer (file chooser, rename dialog). */
/* Removes the feed and its articles (in the background, without asking), with an Undo
 * toast that puts both back as they were. */
void           drama_feed_list_remove_feed (DramaFeedList    *self,
                                            gint64            feed_id);
/* The same for many feeds: one toast, whose Undo restores every one of them. */
void           drama_feed_list_remove_feeds (DramaFeedList   *self,
                                             const gint64    *feed_ids,
                                             guint            n_ids);
/* Selection mode: a check on each row, a bar with Select Failing, Select All and Remove. */
void           drama_feed_list_set_selection_mode (DramaFeedList *self,
                                                   gboolean       selecting);
gboolean       drama_feed_list_get_selection_mode (DramaFeedList *self);
guint          drama_feed_list_get_n_selected     (DramaFeedList *self);
/* Selection mode with every feed whose last update failed checked. */
void           drama_feed_list_select_failing     (DramaFeedList *self);
/* Renames in the background; the row follows (errors in a toast). */
void           drama_feed_list_rename_feed (DramaFeedList    *self,
                                            gint64            feed_id,
                                            const char       *title);
/* Subscribes to the feeds of an OPML file (those not followed yet) and fetches them.
 * Reports with a toast; "import-finished" (guint n_added) when done. */
void           drama_feed_list_import_file (DramaFeedList    *self,
                                            GFile            *file);
/* Writes every subscription as OPML 2.0. Reports with a toast; "export-finished"
 * (gboolean ok) when done. */
void           drama_feed_list_export_file (DramaFeedList    *self,
                                            GFile            *file);

G_END_DECLS
