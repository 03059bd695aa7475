#pragma once

/* DramaAddFeedDialog: for the tests only. The dialog uses drama_add_feed_dialog_add()
 * itself (its Add button). */

#include "drama-add-feed-dialog.h"

G_BEGIN_DECLS

void                drama_add_feed_dialog_set_url   (DramaAddFeedDialog *self,
                                                     const char         *url);
/* What the Add button does. */
void                drama_add_feed_dialog_add       (DramaAddFeedDialog *self);
/* TRUE while a subscription runs. */
gboolean            drama_add_feed_dialog_get_busy  (DramaAddFeedDialog *self);
/* The error shown to the user, or NULL. */
const char         *drama_add_feed_dialog_get_error (DramaAddFeedDialog *self);

G_END_DECLS
