#define G_LOG_DOMAIN "drama-related-list"

#include "config.h"

#include "drama-related-list-private.h"

#include <glib/gi18n-lib.h>

#include "drama-settings.h"
#include "drama-ui-text.h"

/* The object: its template, a new target (rebuild) and the public calls. The rows, the
 * reading, the settings row and the store's changes have files of their own (see
 * drama-related-list-private.h). */

G_DEFINE_FINAL_TYPE (DramaRelatedList, drama_related_list, GTK_TYPE_WIDGET)

void
_drama_related_list_update_stack (DramaRelatedList *self)
{
  guint n = self->articles != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->articles)) : 0;

  if (self->error_message != NULL)
    drama_status_page_set_text (self->empty_page, self->error_message);
  else if (self->filter == DRAMA_ARTICLE_FILTER_PERSON)
    drama_status_page_set_text (self->empty_page,
                                _("Articles from your feeds that name them will appear here"));
  else
    drama_status_page_set_text (self->empty_page,
                                _("Articles from your feeds that name the show or its cast "
                                  "will appear here"));

  gtk_stack_set_visible_child_name (self->stack,
                                    n == 0 ? "empty" : self->scrolls ? "list" : "inline");
}

gboolean
_drama_related_list_has_articles (DramaRelatedList *self)
{
  return self->articles != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->articles)) > 0;
}

void
_drama_related_list_show_error (DramaRelatedList *self,
                                const char       *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), drama_toast_new (message));
  else
    g_warning ("%s", message);
}

/* A new target (or way of showing it): a list of its own, read in one job. */
static void
rebuild (DramaRelatedList *self)
{
  GtkSelectionModel *selection;
  gboolean is_person = self->filter == DRAMA_ARTICLE_FILTER_PERSON;

  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  self->read_cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->read_idle, g_source_remove);
  self->read_parts = 0;
  self->n_writes = 0;
  g_clear_pointer (&self->refresh_ids, g_array_unref);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->aliases, g_strfreev);

  if (self->articles != NULL)
    g_signal_handlers_disconnect_by_data (self->articles, self);
  g_clear_object (&self->articles);
  if (self->store != NULL && self->target_id > 0)
    {
      self->articles = g_list_store_new (DRAMA_TYPE_ARTICLE);
      g_signal_connect_swapped (self->articles, "items-changed",
                                G_CALLBACK (_drama_related_list_update_stack), self);
    }

  if (self->scrolls)
    {
      selection = GTK_SELECTION_MODEL (gtk_no_selection_new (self->articles != NULL ?
                                       g_object_ref (G_LIST_MODEL (self->articles)) : NULL));
      gtk_list_view_set_model (self->list_view, selection);
      g_object_unref (selection);
      gtk_list_box_bind_model (self->inline_list, NULL, NULL, NULL, NULL);
    }
  else
    {
      gtk_list_view_set_model (self->list_view, NULL);
      gtk_list_box_bind_model (self->inline_list, G_LIST_MODEL (self->articles),
                               _drama_related_list_create_inline_row, self, NULL);
    }

  adw_status_page_set_title (self->empty_page, is_person ? _("No News About This Person Yet")
                                                         : _("No News About This Show Yet"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->settings_row),
                                 is_person ? _("Names in the News") : _("Names and Spoilers"));
  gtk_widget_set_visible (GTK_WIDGET (self->spoiler_row), !is_person);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->alias_entry),
                                 is_person ? _("Add a Stage Name or Nickname") : _("Add a Nickname"));
  _drama_related_list_update_alias_chips (self);
  _drama_related_list_update_stack (self);
  _drama_related_list_queue_read (self, READ_SETTINGS | READ_ARTICLES);
}

static void
drama_related_list_dispose (GObject *object)
{
  DramaRelatedList *self = DRAMA_RELATED_LIST (object);

  g_clear_object (&self->show_list);
  if (self->articles != NULL)
    g_signal_handlers_disconnect_by_data (self->articles, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->inline_list != NULL)
    gtk_list_box_bind_model (self->inline_list, NULL, NULL, NULL, NULL);
  /* Answers still on their way find their read cancelled (the list is not touched). */
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  g_clear_handle_id (&self->read_idle, g_source_remove);
  g_clear_pointer (&self->refresh_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_RELATED_LIST);
  g_clear_object (&self->articles);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->loader);
  g_clear_pointer (&self->aliases, g_strfreev);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (drama_related_list_parent_class)->dispose (object);
}

static void
drama_related_list_class_init (DramaRelatedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_related_list_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramarelatedlist");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-related-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, box);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, settings_list);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, settings_row);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, spoiler_row);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, spoiler_switch);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, alias_entry);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, alias_chips_row);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, alias_box);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, scroller);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, list_view);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, inline_list);
  _drama_related_list_rows_class_init (widget_class);
  _drama_related_list_names_class_init (widget_class);
}

static void
drama_related_list_init (DramaRelatedList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = DRAMA_ARTICLE_FILTER_SHOW;
  self->scrolls = TRUE;

  _drama_related_list_rows_init (self);

  rebuild (self);
}

DramaRelatedList *
drama_related_list_new (void)
{
  return g_object_new (DRAMA_TYPE_RELATED_LIST, NULL);
}

void
drama_related_list_set_store (DramaRelatedList *self,
                              DramaStore       *store)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));
  g_return_if_fail (store == NULL || DRAMA_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    _drama_related_list_connect_store (self, store);
  rebuild (self);
}

void
drama_related_list_set_settings (DramaRelatedList *self,
                                 GSettings        *settings)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_signal_connect_swapped (settings, "changed::" DRAMA_SETTINGS_SPOILER_GUARD,
                              G_CALLBACK (_drama_related_list_on_spoiler_setting_changed), self);
  /* The articles listed were read with the guard as it was without them. */
  if (self->articles != NULL)
    _drama_related_list_queue_read (self, READ_ARTICLES);
}

void
drama_related_list_set_show_list (DramaRelatedList *self,
                                  DramaShowList    *show_list)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));

  g_set_object (&self->show_list, show_list);
}

void
drama_related_list_set_image_loader (DramaRelatedList *self,
                                     DramaImageLoader *loader)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));
  g_return_if_fail (loader == NULL || DRAMA_IS_IMAGE_LOADER (loader));

  g_set_object (&self->loader, loader);
}

void
drama_related_list_set_target (DramaRelatedList   *self,
                               DramaArticleFilter  filter,
                               gint64              id)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));
  g_return_if_fail (filter == DRAMA_ARTICLE_FILTER_SHOW || filter == DRAMA_ARTICLE_FILTER_PERSON);

  if (self->filter == filter && self->target_id == id)
    return;
  self->filter = filter;
  self->target_id = id;
  gtk_editable_set_text (GTK_EDITABLE (self->alias_entry), "");
  rebuild (self);
}

GListModel *
drama_related_list_get_model (DramaRelatedList *self)
{
  g_return_val_if_fail (DRAMA_IS_RELATED_LIST (self), NULL);

  return self->articles != NULL ? G_LIST_MODEL (self->articles) : NULL;
}

gboolean
drama_related_list_is_empty (DramaRelatedList *self)
{
  g_return_val_if_fail (DRAMA_IS_RELATED_LIST (self), TRUE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

void
drama_related_list_set_scrolls (DramaRelatedList *self,
                                gboolean          scrolls)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));

  scrolls = !!scrolls;
  if (self->scrolls == scrolls)
    return;
  self->scrolls = scrolls;
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), scrolls);
  gtk_stack_set_vhomogeneous (self->stack, scrolls);
  /* Inside a page, the page's own margins already frame it. */
  gtk_widget_set_margin_start (GTK_WIDGET (self->settings_list), scrolls ? 12 : 0);
  gtk_widget_set_margin_end (GTK_WIDGET (self->settings_list), scrolls ? 12 : 0);
  rebuild (self);
}

void
drama_related_list_set_settings_visible (DramaRelatedList *self,
                                         gboolean          visible)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->settings_list)), visible);
}
