#define G_LOG_DOMAIN "drama-show-row"

#include "config.h"

#include "drama-show-row.h"
#include "drama-ui-text.h"

#include <glib/gi18n-lib.h>

#include "drama-tz.h"

struct _DramaShowRow
{
  GtkWidget         parent_instance;

  GtkPicture       *poster;
  GtkLabel         *title_label;
  GtkLabel         *progress_label;
  GtkLabel         *status_label;
  GtkLabel         *next_label;

  DramaShow        *show;
  DramaImageLoader *loader;
  GTimeZone        *local;
  gint64            now;
  char             *poster_url;   /* what the poster was asked to show */
};

G_DEFINE_FINAL_TYPE (DramaShowRow, drama_show_row, GTK_TYPE_WIDGET)

static void
drama_show_row_dispose (GObject *object)
{
  DramaShowRow *self = DRAMA_SHOW_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_SHOW_ROW);
  /* The template's top child has no id, so dispose_template leaves it: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->show != NULL)
    g_signal_handlers_disconnect_by_data (self->show, self);
  g_clear_object (&self->show);
  g_clear_object (&self->loader);
  g_clear_pointer (&self->local, g_time_zone_unref);
  g_clear_pointer (&self->poster_url, g_free);

  G_OBJECT_CLASS (drama_show_row_parent_class)->dispose (object);
}

static void
drama_show_row_class_init (DramaShowRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_show_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramashowrow");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-show-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaShowRow, poster);
  gtk_widget_class_bind_template_child (widget_class, DramaShowRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowRow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowRow, next_label);
}

static void
drama_show_row_init (DramaShowRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DramaShowRow *
drama_show_row_new (void)
{
  return g_object_new (DRAMA_TYPE_SHOW_ROW, NULL);
}

static void
update_next (DramaShowRow *self)
{
  g_autofree char *next = NULL;
  DramaEpisode *episode = self->show != NULL ? drama_show_get_next_episode (self->show) : NULL;

  if (episode != NULL)
    next = drama_tz_format_next_episode (drama_episode_get_number (episode),
                                         drama_episode_get_airstamp (episode),
                                         drama_episode_get_airdate (episode), self->local,
                                         self->now);
  gtk_label_set_label (self->next_label, next != NULL ? next : "");
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), next != NULL);
}

static void
update_poster (DramaShowRow *self)
{
  const char *url = self->show != NULL ? drama_show_get_image_medium (self->show) : NULL;

  /* Asking again for the same poster would blank it until it came back. */
  if (self->loader == NULL || (self->poster_url != NULL && g_strcmp0 (self->poster_url, url) == 0))
    return;
  g_free (self->poster_url);
  self->poster_url = g_strdup (url);
  drama_image_loader_set_image (self->loader, GTK_WIDGET (self->poster), url);
}

static void
update (DramaShowRow *self)
{
  g_autofree char *progress = NULL;
  g_autofree char *status = NULL;
  DramaShow *show = self->show;

  update_poster (self);

  if (show == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->progress_label, "");
      gtk_label_set_label (self->status_label, "");
      gtk_label_set_label (self->next_label, "");
      return;
    }

  gtk_label_set_label (self->title_label, drama_show_get_name (show));
  drama_ui_set_tooltip (GTK_WIDGET (self->title_label), drama_show_get_name (show));

  progress = g_strdup_printf ("%d / %d", drama_show_get_episodes_seen (show),
                              drama_show_get_episodes_total (show));
  gtk_label_set_label (self->progress_label, progress);

  status = g_strdup (drama_watch_status_to_label (drama_show_get_user_status (show)));
  if (drama_show_is_ended (show) && drama_show_get_episodes_total (show) > 0 &&
      drama_show_get_episodes_seen (show) < drama_show_get_episodes_aired (show))
    {
      /* Nothing airs any more: say how much is left instead of a next date. */
      g_autofree char *left = NULL;
      int n = drama_show_get_episodes_aired (show) - drama_show_get_episodes_seen (show);

      left = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d left",
                                           "%s · %d left", n), status, n);
      g_free (status);
      status = g_steal_pointer (&left);
    }
  gtk_label_set_label (self->status_label, status);

  update_next (self);
}

/* The show list updates its objects in place: the row follows them. */
static void
on_show_notify (DramaShowRow *self)
{
  update (self);
}

void
drama_show_row_set_show (DramaShowRow     *self,
                         DramaShow        *show,
                         DramaImageLoader *loader,
                         GTimeZone        *local,
                         gint64            now)
{
  g_return_if_fail (DRAMA_IS_SHOW_ROW (self));
  g_return_if_fail (show == NULL || DRAMA_IS_SHOW (show));
  g_return_if_fail (local != NULL);

  if (self->show != show)
    {
      if (self->show != NULL)
        g_signal_handlers_disconnect_by_data (self->show, self);
      g_set_object (&self->show, show);
      if (show != NULL)
        g_signal_connect_swapped (show, "notify", G_CALLBACK (on_show_notify), self);
    }
  if (loader != NULL && self->loader != loader)
    {
      g_set_object (&self->loader, loader);
      g_clear_pointer (&self->poster_url, g_free);
    }
  if (self->local != local)
    {
      g_clear_pointer (&self->local, g_time_zone_unref);
      self->local = g_time_zone_ref (local);
    }
  self->now = now;

  update (self);
}

void
drama_show_row_set_now (DramaShowRow *self,
                        gint64        now)
{
  g_return_if_fail (DRAMA_IS_SHOW_ROW (self));

  self->now = now;
  update_next (self);
}

DramaShow *
drama_show_row_get_show (DramaShowRow *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_ROW (self), NULL);

  return self->show;
}

const char *
drama_show_row_get_progress_text (DramaShowRow *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_ROW (self), NULL);

  return gtk_label_get_label (self->progress_label);
}
