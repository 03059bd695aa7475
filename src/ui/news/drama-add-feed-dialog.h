#pragma once

#include <adwaita.h>

#include "drama-feed-updater.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_ADD_FEED_DIALOG (drama_add_feed_dialog_get_type ())

/* "Add Feed": the user types a feed or site address; the dialog subscribes through the
 * updater (which finds the feed a site links to) and stays open with the reason in words
 * when that fails. Nothing is stored unless the subscription worked.
 * Signal "feed-added" (DramaFeed *feed): emitted once, just before the dialog closes. */
G_DECLARE_FINAL_TYPE (DramaAddFeedDialog, drama_add_feed_dialog, DRAMA, ADD_FEED_DIALOG, AdwWindow)

DramaAddFeedDialog *drama_add_feed_dialog_new       (DramaFeedUpdater   *updater);

G_END_DECLS
