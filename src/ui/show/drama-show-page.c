#define G_LOG_DOMAIN "drama-show-page"

#include "config.h"

#include "drama-show-page.h"
#include "drama-show-page-test.h"

#include <adwaita.h>

#include "drama-episode-row.h"
#include "drama-show-page-private.h"
#include "drama-ui-text.h"

/* The show page reads the show, its episodes, cast and the episodes' news in ONE job on
 * the store's thread; a newer show cancels the read of an older one. The store's changes
 * then update it in place: a seen mark touches the rows it names, a link change the
 * episodes' news, a change to another show nothing. This file holds the widget and its
 * state; the concerns are beside it: drama-show-page-read.c (the read and the store's
 * changes), -fields.c (header, status/rating/notes), -cast.c, -episodes.c, -removal.c. */

G_DEFINE_FINAL_TYPE (DramaShowPage, drama_show_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SHOW_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gint64
_drama_show_page_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
_drama_show_page_set_title (DramaShowPage *self,
                            const char    *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* In the toast overlay the page is in (the window's), else nowhere. */
void
_drama_show_page_add_toast (DramaShowPage *self,
                            AdwToast      *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
_drama_show_page_show_error (DramaShowPage *self,
                             const char    *what,
                             const GError  *error)
{
  _drama_show_page_add_toast (self, drama_toast_new_error (what, error));
}

/* ---- GObject ---- */

static void
drama_show_page_dispose (GObject *object)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);
  GtkWidget *child;

  g_clear_object (&self->show_list);
  if (self->notes_timeout != 0)
    _drama_show_page_save_user_fields (self);
  /* Answers still on their way find the reads cancelled (the page is not touched). */
  g_cancellable_cancel (self->read_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->read_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->update_idle, g_source_remove);
  if (self->seasons != NULL)
    g_ptr_array_set_size (self->seasons, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_SHOW_PAGE);
  /* The template's top child has no id, so dispose_template leaves it: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->loader);
  g_clear_object (&self->settings);
  g_clear_object (&self->tvmaze);
  g_clear_object (&self->show);
  g_clear_pointer (&self->news, g_hash_table_unref);
  g_clear_weak_pointer (&self->undo_toast);

  G_OBJECT_CLASS (drama_show_page_parent_class)->dispose (object);
}

static void
drama_show_page_finalize (GObject *object)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);

  g_free (self->title);
  g_clear_pointer (&self->cast_rows, g_ptr_array_unref);
  g_clear_pointer (&self->seasons, g_ptr_array_unref);
  g_clear_pointer (&self->episode_ids, g_array_unref);
  g_clear_pointer (&self->episode_rows, g_hash_table_unref);
  g_clear_pointer (&self->pending_seen, g_hash_table_unref);
  g_clear_pointer (&self->local, g_time_zone_unref);

  G_OBJECT_CLASS (drama_show_page_parent_class)->finalize (object);
}

static void
drama_show_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SHOW_ID:
      g_value_set_int64 (value, self->show_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_show_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_ID:
      drama_show_page_set_show_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_show_page_class_init (DramaShowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_show_page_dispose;
  object_class->finalize = drama_show_page_finalize;
  object_class->get_property = drama_show_page_get_property;
  object_class->set_property = drama_show_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_ID] =
    g_param_spec_int64 ("show-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DRAMA_TYPE_EPISODE_ROW);
  g_type_ensure (DRAMA_TYPE_RELATED_LIST);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramashowpage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-show-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, poster);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, original_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, facts_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, schedule_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, genres_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, rating_spin);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, cast_group);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, episodes_group);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, tab_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, related_list);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, credit_label);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_user_field_changed",
                                                G_CALLBACK (_drama_show_page_on_user_field_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_remove_clicked",
                                                G_CALLBACK (_drama_show_page_on_remove_clicked));
}

static void
drama_show_page_init (DramaShowPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  self->title = g_strdup ("");
  self->local = g_time_zone_new_local ();
  self->cast_rows = g_ptr_array_new ();
  self->seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) _drama_show_page_season_free);
  self->episode_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->episode_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pending_seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  self->read_cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->updating = TRUE;
  for (int s = DRAMA_WATCH_STATUS_WATCHING; s <= DRAMA_WATCH_STATUS_DROPPED; s++)
    gtk_string_list_append (statuses, drama_watch_status_to_label (s));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  self->updating = FALSE;

  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed",
                    G_CALLBACK (_drama_show_page_on_notes_changed), self);

  /* The page scrolls as a whole: the News tab grows with its articles. */
  drama_related_list_set_scrolls (self->related_list, FALSE);
}

DramaShowPage *
drama_show_page_new (void)
{
  return g_object_new (DRAMA_TYPE_SHOW_PAGE, NULL);
}

void
drama_show_page_set_store (DramaShowPage *self,
                           DramaStore    *store)
{
  g_return_if_fail (DRAMA_IS_SHOW_PAGE (self));
  g_return_if_fail (store == NULL || DRAMA_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect (store, "changed::show", G_CALLBACK (_drama_show_page_on_show_changed), self);
      g_signal_connect (store, "changed::episode", G_CALLBACK (_drama_show_page_on_episode_changed), self);
      g_signal_connect (store, "changed::link", G_CALLBACK (_drama_show_page_on_link_changed), self);
      g_signal_connect (store, "aliases-changed", G_CALLBACK (_drama_show_page_on_aliases_changed), self);
      g_signal_connect (store, "changed::person", G_CALLBACK (_drama_show_page_on_person_changed), self);
    }
  drama_related_list_set_store (self->related_list, store);

  _drama_show_page_load (self);
}

void
drama_show_page_set_show_list (DramaShowPage *self,
                               DramaShowList *show_list)
{
  g_return_if_fail (DRAMA_IS_SHOW_PAGE (self));

  g_set_object (&self->show_list, show_list);
  drama_related_list_set_show_list (self->related_list, show_list);
}

void
drama_show_page_set_image_loader (DramaShowPage    *self,
                                  DramaImageLoader *loader)
{
  g_return_if_fail (DRAMA_IS_SHOW_PAGE (self));

  g_set_object (&self->loader, loader);
  drama_related_list_set_image_loader (self->related_list, loader);
}

void
drama_show_page_set_tvmaze (DramaShowPage *self,
                            DramaTvmaze   *tvmaze)
{
  g_return_if_fail (DRAMA_IS_SHOW_PAGE (self));

  g_set_object (&self->tvmaze, tvmaze);
}

void
drama_show_page_set_settings (DramaShowPage *self,
                              GSettings     *settings)
{
  g_return_if_fail (DRAMA_IS_SHOW_PAGE (self));

  g_set_object (&self->settings, settings);
  drama_related_list_set_settings (self->related_list, settings);
}

void
drama_show_page_set_show_id (DramaShowPage *self,
                             gint64         show_id)
{
  gboolean changed;

  g_return_if_fail (DRAMA_IS_SHOW_PAGE (self));

  changed = self->show_id != show_id;
  if (!changed)
    {
      /* Opening it again is how to retry a read that failed. */
      if (self->failed)
        _drama_show_page_load (self);
      return;
    }

  /* Pending notes belong to the show being left. */
  if (self->notes_timeout != 0)
    _drama_show_page_save_user_fields (self);
  self->show_id = show_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ID]);
  drama_related_list_set_target (self->related_list, DRAMA_ARTICLE_FILTER_SHOW, show_id);
  _drama_show_page_load (self);
}

gint64
drama_show_page_get_show_id (DramaShowPage *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), 0);

  return self->show_id;
}

const char *
drama_show_page_get_title (DramaShowPage *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), NULL);

  return self->title;
}

const char *
drama_show_page_get_progress_text (DramaShowPage *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), NULL);

  return gtk_label_get_label (self->progress_label);
}

GtkWidget *
drama_show_page_get_episode_row (DramaShowPage *self,
                                 gint64         episode_id)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), NULL);

  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      for (guint j = 0; j < season->episodes->len; j++)
        if (drama_episode_get_id (g_ptr_array_index (season->episodes, j)) == episode_id)
          {
            adw_expander_row_set_expanded (season->row, TRUE);
            _drama_show_page_populate_season (self, season);
            return g_hash_table_lookup (self->episode_rows, &episode_id);
          }
    }
  return NULL;
}
