#pragma once

/* DramaFeedList's state, shared by its files: drama-feed-list.c (the object, its template,
 * its constructor and toasts), drama-feed-list-rows.c (the rows, read again after the
 * store's changes), drama-feed-list-edit.c (add, rename, try again),
 * drama-feed-list-removal.c (removal, asked first, with Undo), drama-feed-list-selection.c
 * (selection mode: Select Failing, Select All, Remove) and drama-feed-list-opml.c (import
 * and export, the file chooser). Every store call is asynchronous, cancelled with the
 * list. */

#include <adwaita.h>

#include "drama-feed-list.h"
#include "drama-feed-list-test.h"   /* the list uses some of its functions itself */

G_BEGIN_DECLS

/* The feed id (gint64 *) a row, its check or the rename dialog is about. */
#define FEED_ID_KEY "drama-feed-id"

struct _DramaFeedList
{
  GtkWidget             parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkListBox           *list_box;
  GtkToggleButton      *select_button;
  GtkRevealer          *selection_bar;
  GtkButton            *remove_selected_button;

  DramaStore           *store;
  DramaFeedUpdater     *updater;
  DramaArticleLoader   *article_loader;   /* may be NULL */
  GHashTable           *rows;      /* feed id → AdwActionRow (owned by the list box) */
  GPtrArray            *feeds;     /* DramaFeed, as last read (NULL: not yet) */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;  /* every store call; cancelled in dispose */

  /* Selection mode: a check on each row and one Remove for the feeds checked. */
  gboolean              selecting;
  GHashTable           *selected;     /* feed ids (gint64 *) checked */

  /* The feeds an import subscribed, still being fetched for the first time. */
  guint                 import_pending;
  guint                 import_failed;
  guint                 import_total;

  /* The feeds (unread counts) are read again at most once a second: a refresh changes
   * articles and feeds many times over. */
  guint                 reload_timeout;
  gboolean              reload_running;
  gboolean              reload_dirty;
  gint64                reload_asked_at;  /* monotonic µs */
};

/* drama-feed-list-rows.c */
/* The rows from the feeds last read (self->feeds), kept where their feed is unchanged. */
void       _drama_feed_list_show_feeds   (DramaFeedList *self);
/* Reads the feeds now (or once the read running has answered). */
void       _drama_feed_list_start_reload (DramaFeedList *self);
/* After a store change: reads the feeds at most once a second. */
void       _drama_feed_list_queue_reload (DramaFeedList *self);
/* The feed as last read (the rows show those), or NULL. */
DramaFeed *_drama_feed_list_find_feed    (DramaFeedList *self,
                                          gint64         feed_id);

/* drama-feed-list-edit.c: feeds.add, feeds.rename, feeds.refresh */
void       _drama_feed_list_edit_class_init      (GtkWidgetClass *widget_class);

/* drama-feed-list-removal.c: feeds.remove */
void       _drama_feed_list_removal_class_init   (GtkWidgetClass *widget_class);
/* Asks before removing the feeds of ids (taken; none: nothing asked). */
void       _drama_feed_list_ask_remove           (DramaFeedList  *self,
                                                  GArray         *ids);

/* drama-feed-list-selection.c: feeds.select-failing, feeds.select-all,
 * feeds.remove-selected, the select button's callback */
void       _drama_feed_list_selection_class_init (GtkWidgetClass *widget_class);
/* The Remove button, its action and, in selection mode, the count in the title. */
void       _drama_feed_list_update_selection_bar (DramaFeedList  *self);

/* drama-feed-list-opml.c: feeds.import, feeds.export, "import-finished",
 * "export-finished" */
void       _drama_feed_list_opml_class_init      (GtkWidgetClass *widget_class);

G_END_DECLS
