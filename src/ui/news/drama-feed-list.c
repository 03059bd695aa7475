#define G_LOG_DOMAIN "drama-feed-list"

#include "config.h"

#include "drama-feed-list-private.h"

#include "drama-ui-text.h"

/* The Feeds window's widget: its template, its life, its toasts. What it does is in the
 * files named in drama-feed-list-private.h. */

G_DEFINE_FINAL_TYPE (DramaFeedList, drama_feed_list, GTK_TYPE_WIDGET)

static void
drama_feed_list_dispose (GObject *object)
{
  DramaFeedList *self = DRAMA_FEED_LIST (object);

  g_clear_handle_id (&self->reload_timeout, g_source_remove);
  /* Every callback still to come sees CANCELLED and leaves the list alone. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->updater);
  g_clear_object (&self->article_loader);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->feeds, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_FEED_LIST);

  G_OBJECT_CLASS (drama_feed_list_parent_class)->dispose (object);
}

static void
drama_feed_list_class_init (DramaFeedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_feed_list_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramafeedlist");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-feed-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, window_title);
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, list_box);
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, select_button);
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, remove_selected_button);

  _drama_feed_list_edit_class_init (widget_class);
  _drama_feed_list_opml_class_init (widget_class);
  _drama_feed_list_removal_class_init (widget_class);
  _drama_feed_list_selection_class_init (widget_class);
}

static void
drama_feed_list_init (DramaFeedList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Names for screen readers that GTK 4.8 does not give (icon buttons, mnemonics). */
  drama_ui_name_controls (GTK_WIDGET (self));
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  _drama_feed_list_update_selection_bar (self);
}

DramaFeedList *
drama_feed_list_new (DramaStore       *store,
                     DramaFeedUpdater *updater)
{
  DramaFeedList *self;

  g_return_val_if_fail (DRAMA_IS_STORE (store), NULL);
  g_return_val_if_fail (DRAMA_IS_FEED_UPDATER (updater), NULL);

  self = g_object_new (DRAMA_TYPE_FEED_LIST, NULL);
  self->store = g_object_ref (store);
  self->updater = g_object_ref (updater);

  /* Unread counts change with the articles; both come in bursts during a refresh: at most
   * one read of the feeds a second. */
  g_signal_connect_swapped (store, "changed::feed",
                            G_CALLBACK (_drama_feed_list_queue_reload), self);
  g_signal_connect_swapped (store, "changed::article",
                            G_CALLBACK (_drama_feed_list_queue_reload), self);
  _drama_feed_list_start_reload (self);

  return self;
}

guint
drama_feed_list_get_n_rows (DramaFeedList *self)
{
  g_return_val_if_fail (DRAMA_IS_FEED_LIST (self), 0);

  return g_hash_table_size (self->rows);
}

GtkWidget *
drama_feed_list_get_row (DramaFeedList *self,
                         gint64         feed_id)
{
  g_return_val_if_fail (DRAMA_IS_FEED_LIST (self), NULL);

  return g_hash_table_lookup (self->rows, &feed_id);
}

void
drama_feed_list_set_article_loader (DramaFeedList      *self,
                                    DramaArticleLoader *loader)
{
  g_return_if_fail (DRAMA_IS_FEED_LIST (self));
  g_return_if_fail (loader == NULL || DRAMA_IS_ARTICLE_LOADER (loader));

  g_set_object (&self->article_loader, loader);
}

void
drama_feed_list_add_toast (DramaFeedList *self,
                           AdwToast      *toast)
{
  g_return_if_fail (DRAMA_IS_FEED_LIST (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
