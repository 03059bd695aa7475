#define G_LOG_DOMAIN "drama-related-list"

#include "config.h"

#include "drama-related-list-private.h"

#include <glib/gi18n-lib.h>

#include "drama-related.h"
#include "drama-settings.h"
#include "drama-show-chips.h"

/* The rows: title, feed and date, the shows' chips, the spoiler blur and note, a
 * thumbnail; in the list view (a factory) or the inline list (a GtkListBox). Activating
 * one opens its article. */

typedef struct {
  DramaRelatedList *list;   /* the list the row is in (outlives it) */
  GtkLabel       *title;
  GtkLabel       *meta;
  GtkWidget      *spoiler_box;
  GtkLabel       *spoiler_label;
  DramaShowChips *chips;
  GtkPicture     *thumb;
  DramaArticle   *article;
  gulong          notify_id;
} Row;

static void
row_free (Row *row)
{
  if (row->article != NULL)
    g_clear_signal_handler (&row->notify_id, row->article);
  g_clear_object (&row->article);
  g_free (row);
}

static gboolean
load_images_enabled (DramaRelatedList *self)
{
  return self->settings != NULL &&
         g_settings_get_boolean (self->settings, DRAMA_SETTINGS_LOAD_IMAGES);
}

static void
row_update (Row *row)
{
  DramaArticle *article = row->article;
  DramaEpisode *spoiler = drama_article_get_spoiler_episode (article);
  const char *title = drama_article_get_title (article);
  const char *feed = drama_article_get_feed_title (article);
  const char *image = drama_article_get_image (article);
  gint64 when = drama_article_get_published (article);
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  DramaImageLoader *loader = row->list->loader;
  gboolean show_thumb;

  gtk_label_set_label (row->title, title != NULL && *title != '\0' ? title : _("Untitled"));
  if (drama_article_get_read (article))
    gtk_widget_remove_css_class (GTK_WIDGET (row->title), "heading");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row->title), "heading");

  if (when == 0)
    when = drama_article_get_fetched_at (article);
  date = drama_related_format_date (when, g_get_real_time () / G_USEC_PER_SEC);
  if (feed != NULL && *date != '\0')
    meta = g_strdup_printf ("%s · %s", feed, date);
  else
    meta = g_strdup (feed != NULL ? feed : date);
  gtk_label_set_label (row->meta, meta);

  drama_related_set_blurred (GTK_WIDGET (row->title), spoiler != NULL);
  drama_related_set_blurred (GTK_WIDGET (row->thumb), spoiler != NULL);
  gtk_widget_set_visible (row->spoiler_box, spoiler != NULL);
  if (spoiler != NULL)
    {
      g_autofree char *note = drama_related_spoiler_note (spoiler);

      gtk_label_set_label (row->spoiler_label, note);
    }

  show_thumb = image != NULL && g_str_has_prefix (image, "http") &&
               load_images_enabled (row->list) && loader != NULL;
  gtk_widget_set_visible (GTK_WIDGET (row->thumb), show_thumb);
  if (show_thumb)
    drama_image_loader_set_feed_image (loader, GTK_WIDGET (row->thumb), image,
                                       drama_article_get_feed_url (article));
}

static void
on_article_notify (DramaArticle *article,
                   GParamSpec   *pspec,
                   Row          *row)
{
  row_update (row);
}

static GtkWidget *
make_row (DramaRelatedList *self)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *hbox, *vbox, *icon;

  row->list = self;

  hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (hbox, "drama-related-row");
  vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_widget_set_valign (vbox, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (hbox), vbox);

  row->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->title, 0);
  gtk_label_set_wrap (row->title, TRUE);
  gtk_label_set_wrap_mode (row->title, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (row->title, 2);
  gtk_label_set_ellipsize (row->title, PANGO_ELLIPSIZE_END);
  /* A narrow natural width makes the natural height the wrapped one: the list, measured
   * without a width when it grows inside the show page, must not clip its rows. */
  gtk_label_set_width_chars (row->title, 20);
  gtk_label_set_max_width_chars (row->title, 28);
  gtk_box_append (GTK_BOX (vbox), GTK_WIDGET (row->title));

  row->meta = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->meta, 0);
  gtk_label_set_ellipsize (row->meta, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (row->meta), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->meta), "caption");
  gtk_box_append (GTK_BOX (vbox), GTK_WIDGET (row->meta));

  row->spoiler_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (row->spoiler_box, "drama-spoiler-note");
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_box_append (GTK_BOX (row->spoiler_box), icon);
  row->spoiler_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->spoiler_label, 0);
  gtk_label_set_ellipsize (row->spoiler_label, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (row->spoiler_box), GTK_WIDGET (row->spoiler_label));
  gtk_widget_set_visible (row->spoiler_box, FALSE);
  gtk_box_append (GTK_BOX (vbox), row->spoiler_box);

  row->chips = drama_show_chips_new ();
  drama_show_chips_set_show_list (row->chips, self->show_list);
  if (self->filter == DRAMA_ARTICLE_FILTER_SHOW)
    drama_show_chips_set_exclude (row->chips, self->target_id);
  gtk_box_append (GTK_BOX (vbox), GTK_WIDGET (row->chips));

  row->thumb = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_content_fit (row->thumb, GTK_CONTENT_FIT_COVER);
  gtk_picture_set_can_shrink (row->thumb, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (row->thumb), 80, 60);
  gtk_widget_set_valign (GTK_WIDGET (row->thumb), GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (GTK_WIDGET (row->thumb), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (row->thumb), "drama-related-thumb");
  gtk_widget_set_visible (GTK_WIDGET (row->thumb), FALSE);
  gtk_box_append (GTK_BOX (hbox), GTK_WIDGET (row->thumb));

  g_object_set_data_full (G_OBJECT (hbox), "drama-row", row, (GDestroyNotify) row_free);
  return hbox;
}

static void
row_bind (DramaRelatedList *self,
          Row              *row,
          DramaArticle     *article)
{
  g_set_object (&row->article, article);
  row->notify_id = g_signal_connect (article, "notify", G_CALLBACK (on_article_notify), row);
  drama_show_chips_set_exclude (row->chips, self->filter == DRAMA_ARTICLE_FILTER_SHOW ?
                                self->target_id : 0);
  drama_show_chips_set_article (row->chips, article);
  row_update (row);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           DramaRelatedList         *self)
{
  gtk_list_item_set_child (item, make_row (self));
}

/* The inline list (inside a page that scrolls): a GtkListBox measures wrapped rows right
 * where a GtkListView without a viewport of its own cannot; it holds the newest few only. */
GtkWidget *
_drama_related_list_create_inline_row (gpointer item,
                                       gpointer user_data)
{
  DramaRelatedList *self = user_data;
  GtkWidget *widget = make_row (self);
  GtkWidget *row = gtk_list_box_row_new ();

  row_bind (self, g_object_get_data (G_OBJECT (widget), "drama-row"), item);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), widget);
  return row;
}

static void
on_inline_row_activated (DramaRelatedList *self,
                         GtkListBoxRow    *row)
{
  g_autoptr(DramaArticle) article = NULL;

  if (self->articles == NULL)
    return;
  article = g_list_model_get_item (G_LIST_MODEL (self->articles),
                                   gtk_list_box_row_get_index (row));
  if (article != NULL)
    drama_related_open_article (GTK_WIDGET (self), article);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          DramaRelatedList         *self)
{
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "drama-row");

  row_bind (self, row, gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            DramaRelatedList         *self)
{
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "drama-row");

  if (row->article != NULL)
    g_clear_signal_handler (&row->notify_id, row->article);
  g_clear_object (&row->article);
  drama_show_chips_set_article (row->chips, NULL);
}

static void
on_list_activate (DramaRelatedList *self,
                  guint             position)
{
  g_autoptr(DramaArticle) article = NULL;

  if (self->articles == NULL)
    return;
  article = g_list_model_get_item (G_LIST_MODEL (self->articles), position);
  if (article != NULL)
    drama_related_open_article (GTK_WIDGET (self), article);
}

void
_drama_related_list_rows_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_inline_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

void
_drama_related_list_rows_init (DramaRelatedList *self)
{
  GtkListItemFactory *factory;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}
