#pragma once

#include <adwaita.h>

#include "drama-article-loader.h"
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
 * feeds.refresh (x), feeds.select-failing, feeds.select-all, feeds.remove-selected (asks).
 * Signals "import-finished" and "export-finished" are for the tests (nothing in the app
 * connects to them): see drama-feed-list-test.h. */
G_DECLARE_FINAL_TYPE (DramaFeedList, drama_feed_list, DRAMA, FEED_LIST, GtkWidget)

DramaFeedList *drama_feed_list_new         (DramaStore       *store,
                                            DramaFeedUpdater *updater);
/* Reader mode's loader: a feed set to load full articles has its newest loaded at once. */
void           drama_feed_list_set_article_loader (DramaFeedList      *self,
                                                   DramaArticleLoader *loader);
void           drama_feed_list_add_toast   (DramaFeedList    *self,
                                            AdwToast         *toast);

/* What feeds.remove and feeds.remove-selected do once asked: removes the feeds and their
 * articles (in the background), with one Undo toast that puts them all back as they were. */
void           drama_feed_list_remove_feeds (DramaFeedList   *self,
                                             const gint64    *feed_ids,
                                             guint            n_ids);
/* Selection mode: a check on each row, a bar with Select Failing, Select All and Remove. */
void           drama_feed_list_set_selection_mode (DramaFeedList *self,
                                                   gboolean       selecting);
/* Selection mode with every feed whose last update failed checked. */
void           drama_feed_list_select_failing     (DramaFeedList *self);

G_END_DECLS
