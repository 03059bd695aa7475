#define G_LOG_DOMAIN "drama-feed-list"

#include "config.h"

#include "drama-feed-list-private.h"

#include <glib/gi18n-lib.h>

#include "drama-ui-text.h"

/* Selection mode: a check on each row (drama-feed-list-rows.c makes them), Select
 * Failing, Select All, and one Remove for the feeds checked. */

static GArray *
selected_ids (DramaFeedList *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* In the order shown. */
  for (guint i = 0; self->feeds != NULL && i < self->feeds->len; i++)
    {
      gint64 id = drama_feed_get_id (g_ptr_array_index (self->feeds, i));

      if (g_hash_table_contains (self->selected, &id))
        g_array_append_val (ids, id);
    }
  return ids;
}

void
_drama_feed_list_update_selection_bar (DramaFeedList *self)
{
  guint n = g_hash_table_size (self->selected);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("_Remove"));
  else
    /* TRANSLATORS: the button that removes the feeds checked in selection mode */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Remove %u Feed", "_Remove %u Feeds", n),
                             n);
  drama_ui_set_button_label (self->remove_selected_button, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.remove-selected", n > 0);
  gtk_revealer_set_reveal_child (self->selection_bar, self->selecting);
  if (self->selecting)
    {
      g_autofree char *subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n), n);

      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
}

void
drama_feed_list_set_selection_mode (DramaFeedList *self,
                                    gboolean       selecting)
{
  g_return_if_fail (DRAMA_IS_FEED_LIST (self));

  selecting = !!selecting;
  if (self->selecting == selecting)
    return;
  self->selecting = selecting;
  g_hash_table_remove_all (self->selected);
  if (gtk_toggle_button_get_active (self->select_button) != selecting)
    gtk_toggle_button_set_active (self->select_button, selecting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.add", !selecting);
  if (self->feeds != NULL)
    _drama_feed_list_show_feeds (self);
  _drama_feed_list_update_selection_bar (self);
}

gboolean
drama_feed_list_get_selection_mode (DramaFeedList *self)
{
  g_return_val_if_fail (DRAMA_IS_FEED_LIST (self), FALSE);

  return self->selecting;
}

guint
drama_feed_list_get_n_selected (DramaFeedList *self)
{
  g_return_val_if_fail (DRAMA_IS_FEED_LIST (self), 0);

  return g_hash_table_size (self->selected);
}

/* Checks the feeds whose last update failed (or every feed), in selection mode. */
static void
select_where (DramaFeedList *self,
              gboolean       failing_only)
{
  drama_feed_list_set_selection_mode (self, TRUE);
  for (guint i = 0; self->feeds != NULL && i < self->feeds->len; i++)
    {
      DramaFeed *feed = g_ptr_array_index (self->feeds, i);
      const char *error = drama_feed_get_last_error (feed);
      gint64 id = drama_feed_get_id (feed);

      GtkWidget *row = g_hash_table_lookup (self->rows, &id);
      GtkWidget *check = row != NULL ? g_object_get_data (G_OBJECT (row), "drama-check") : NULL;

      if (failing_only && (error == NULL || *error == '\0'))
        continue;
      g_hash_table_add (self->selected, g_memdup2 (&id, sizeof id));
      if (check != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
  _drama_feed_list_update_selection_bar (self);
}

void
drama_feed_list_select_failing (DramaFeedList *self)
{
  g_return_if_fail (DRAMA_IS_FEED_LIST (self));

  select_where (self, TRUE);
}

static void
select_failing_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  drama_feed_list_select_failing (DRAMA_FEED_LIST (widget));
}

static void
select_all_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  select_where (DRAMA_FEED_LIST (widget), FALSE);
}

static void
remove_selected_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DramaFeedList *self = DRAMA_FEED_LIST (widget);

  _drama_feed_list_ask_remove (self, selected_ids (self));
}

static void
on_select_toggled (DramaFeedList *self)
{
  drama_feed_list_set_selection_mode (self, gtk_toggle_button_get_active (self->select_button));
}

void
_drama_feed_list_selection_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_select_toggled);

  gtk_widget_class_install_action (widget_class, "feeds.select-failing", NULL,
                                   select_failing_activated);
  gtk_widget_class_install_action (widget_class, "feeds.select-all", NULL, select_all_activated);
  gtk_widget_class_install_action (widget_class, "feeds.remove-selected", NULL,
                                   remove_selected_activated);
}
