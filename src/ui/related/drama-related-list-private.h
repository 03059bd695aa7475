#pragma once

/* DramaRelatedList's state, shared by its files: drama-related-list.c (the object, its
 * template, rebuilding for a new target, the public calls), drama-related-list-rows.c (the
 * rows, opening an article), drama-related-list-read.c (reading in one job, updating the
 * list in place), drama-related-list-names.c (the settings row: aliases and a show's
 * spoiler guard) and drama-related-list-changes.c (following the store's changes). */

#include <adwaita.h>

#include "drama-related-list.h"
#include "drama-related-list-test.h"

G_BEGIN_DECLS

struct _DramaRelatedList
{
  GtkWidget          parent_instance;

  DramaShowList     *show_list;   /* the watchlist its chips tell shows apart with */

  GtkBox            *box;
  GtkListBox        *settings_list;
  AdwExpanderRow    *settings_row;
  AdwActionRow      *spoiler_row;
  GtkSwitch         *spoiler_switch;
  AdwEntryRow       *alias_entry;
  GtkListBoxRow     *alias_chips_row;
  GtkFlowBox        *alias_box;
  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkScrolledWindow *scroller;
  GtkListView       *list_view;
  GtkListBox        *inline_list;

  DramaStore        *store;
  DramaArticleFilter filter;
  gint64             target_id;
  GListStore        *articles;         /* DramaArticle, newest first */
  char              *error_message;
  GStrv              aliases;
  GSettings         *settings;   /* the spoiler guard, pictures or not (may be NULL) */
  DramaImageLoader  *loader;     /* thumbnails (may be NULL) */
  gboolean           updating_switch;
  gboolean           scrolls;

  GCancellable      *read_cancellable; /* reads about the target: a new target cancels */
  guint              read_idle;
  guint              read_parts;       /* ReadPart, waiting for read_idle */
  GArray            *refresh_ids;      /* articles whose read or star changed */
  guint              n_writes;         /* names and guard writes not answered yet */
};

typedef enum {
  READ_SETTINGS = 1 << 0,   /* aliases and the show's spoiler guard */
  READ_ARTICLES = 1 << 1,   /* the list */
  READ_REFRESH  = 1 << 2,   /* the articles of refresh_ids, in place */
} ReadPart;

/* drama-related-list.c */
/* The empty state's text, and which of the stack's pages shows. */
void       _drama_related_list_update_stack       (DramaRelatedList *self);
gboolean   _drama_related_list_has_articles       (DramaRelatedList *self);
/* A toast in the window's overlay, else the console. */
void       _drama_related_list_show_error         (DramaRelatedList *self,
                                                   const char       *message);

/* drama-related-list-rows.c */
/* Binds the template's "on_inline_row_activated" and "on_list_activate". */
void       _drama_related_list_rows_class_init    (GtkWidgetClass   *widget_class);
/* The list view's factory. */
void       _drama_related_list_rows_init          (DramaRelatedList *self);
/* The inline list's rows (gtk_list_box_bind_model). */
GtkWidget *_drama_related_list_create_inline_row  (gpointer          item,
                                                   gpointer          user_data);

/* drama-related-list-read.c */
/* One read, in an idle, of parts (ReadPart) for a burst of changes. */
void       _drama_related_list_queue_read         (DramaRelatedList *self,
                                                   guint             parts);
/* The id of the article listed at position. */
gint64     _drama_related_list_item_id            (DramaRelatedList *self,
                                                   guint             position);

/* drama-related-list-names.c */
/* Binds the template's "on_alias_apply" and "on_spoiler_switch_active". */
void       _drama_related_list_names_class_init   (GtkWidgetClass   *widget_class);
void       _drama_related_list_update_alias_chips (DramaRelatedList *self);

/* drama-related-list-changes.c */
/* Follows store's changes (its signals are disconnected by data, self). */
void       _drama_related_list_connect_store      (DramaRelatedList *self,
                                                   DramaStore       *store);
/* The spoiler guard setting changed. */
void       _drama_related_list_on_spoiler_setting_changed (DramaRelatedList *self);

G_END_DECLS
