#pragma once

/* DramaFeedList: for the tests only. Nothing outside the feed list calls these (its
 * actions use some of them once they have their answer: file chooser, rename dialog). */

#include "drama-feed-list.h"

G_BEGIN_DECLS

guint          drama_feed_list_get_n_rows  (DramaFeedList    *self);
/* The row widget (AdwActionRow) of a feed, or NULL. */
GtkWidget     *drama_feed_list_get_row     (DramaFeedList    *self,
                                            gint64            feed_id);
gboolean       drama_feed_list_get_selection_mode (DramaFeedList *self);
guint          drama_feed_list_get_n_selected     (DramaFeedList *self);
/* Removes the feed and its articles (in the background, without asking), with an Undo
 * toast that puts both back as they were. */
void           drama_feed_list_remove_feed (DramaFeedList    *self,
                                            gint64            feed_id);
/* Reader mode for every new article of the feed, in the background (errors in a toast). */
void           drama_feed_list_set_full_articles (DramaFeedList *self,
                                                  gint64         feed_id,
                                                  gboolean       full);
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
