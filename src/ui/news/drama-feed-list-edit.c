#define G_LOG_DOMAIN "drama-feed-list"

#include "config.h"

#include "drama-feed-list-private.h"

#include <glib/gi18n-lib.h>

#include "drama-add-feed-dialog.h"
#include "drama-ui-text.h"

/* Adding a feed, editing one (its name, reader mode), trying a failing one again
 * (feeds.add, feeds.rename, feeds.refresh). */

/* ---- add ---- */

static void
on_feed_added (DramaAddFeedDialog *dialog,
               DramaFeed          *feed,
               DramaFeedList      *self)
{
  g_autofree char *text = g_strdup_printf (_("Subscribed to “%s”"),
                                           drama_feed_get_display_title (feed));

  drama_feed_list_add_toast (self, drama_toast_new (text));
  _drama_feed_list_start_reload (self);
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DramaFeedList *self = DRAMA_FEED_LIST (widget);
  DramaAddFeedDialog *dialog = drama_add_feed_dialog_new (self->updater);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "feed-added", G_CALLBACK (on_feed_added), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- edit: the name and reader mode ---- */

static void
on_edit_response (AdwMessageDialog *dialog,
                  const char       *response,
                  DramaFeedList    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "drama-entry");
  GtkSwitch *full = g_object_get_data (G_OBJECT (dialog), "drama-full");
  gint64 *id = g_object_get_data (G_OBJECT (dialog), FEED_ID_KEY);
  DramaFeed *feed;

  if (g_strcmp0 (response, "save") != 0 || id == NULL)
    return;
  feed = _drama_feed_list_find_feed (self, *id);
  if (feed == NULL || g_strcmp0 (gtk_editable_get_text (entry),
                                 drama_feed_get_display_title (feed)) != 0)
    drama_feed_list_rename_feed (self, *id, gtk_editable_get_text (entry));
  if (feed == NULL || gtk_switch_get_active (full) != drama_feed_get_full_articles (feed))
    drama_feed_list_set_full_articles (self, *id, gtk_switch_get_active (full));
}

/* The reader-mode switch as a row of its own, its words beside it. */
static GtkWidget *
make_full_row (DramaFeed  *feed,
               GtkWidget **full_switch)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();

  *full_switch = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (*full_switch), drama_feed_get_full_articles (feed));
  gtk_widget_set_valign (*full_switch, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Load _Full Articles"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Fetch each new article’s page and show its whole text"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *full_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *full_switch);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*full_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Load Full Articles"), -1);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DramaFeedList *self = DRAMA_FEED_LIST (widget);
  gint64 id = g_variant_get_int64 (parameter);
  DramaFeed *feed = _drama_feed_list_find_feed (self, id);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *entry, *box, *full_switch;

  /* The row's feed, as read with the list. */
  if (feed == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Edit Feed"),
                                   _("Leave the name empty to use the feed’s own title."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), drama_feed_get_display_title (feed));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), drama_feed_get_title (feed));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name"), -1);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), make_full_row (feed, &full_switch));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), FEED_ID_KEY, g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data (G_OBJECT (dialog), "drama-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "drama-full", full_switch);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

typedef struct {
  gint64  feed_id;
  char   *title;
} Rename;

static void
rename_free (gpointer data)
{
  Rename *rename = data;

  g_free (rename->title);
  g_free (rename);
}

/* On the store's thread. */
static gpointer
rename_job (DramaStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Rename *rename = data;

  return drama_store_rename_feed (store, rename->feed_id, rename->title, error)
         ? GINT_TO_POINTER (1) : NULL;
}

static void
renamed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DramaFeedList *self = user_data;
  g_autoptr(GError) error = NULL;

  if (drama_store_call_finish (DRAMA_STORE (source), result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        drama_feed_list_add_toast (self, drama_toast_new (error->message));
      return;
    }
  _drama_feed_list_start_reload (self);
}

void
drama_feed_list_rename_feed (DramaFeedList *self,
                             gint64         feed_id,
                             const char    *title)
{
  DramaFeed *feed;
  Rename *rename;

  g_return_if_fail (DRAMA_IS_FEED_LIST (self));

  rename = g_new0 (Rename, 1);
  rename->feed_id = feed_id;
  rename->title = g_strstrip (g_strdup (title ? title : ""));
  /* Typing the feed's own title back means "no custom title". */
  feed = _drama_feed_list_find_feed (self, feed_id);
  if (feed != NULL && g_strcmp0 (rename->title, drama_feed_get_title (feed)) == 0)
    rename->title[0] = '\0';

  drama_store_call_async (self->store, G_PRIORITY_DEFAULT, rename_job, rename, rename_free, NULL,
                          self->cancellable, renamed_cb, self);
}

typedef struct {
  gint64   feed_id;
  gboolean full;
} FullSetting;

/* Returns the setting written, for the callback. */
static gpointer
full_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  FullSetting *setting = data;

  return drama_store_set_feed_full_articles (store, setting->feed_id, setting->full, error)
         ? g_memdup2 (setting, sizeof *setting) : NULL;
}

static void
full_set_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DramaFeedList *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree FullSetting *setting = drama_store_call_finish (DRAMA_STORE (source), result, &error);

  if (setting == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        drama_feed_list_add_toast (self, drama_toast_new (error->message));
      return;
    }
  /* Turned on: the articles already there are loaded too, not only the next ones. */
  if (setting->full && self->article_loader != NULL)
    drama_article_loader_queue_feed (self->article_loader, setting->feed_id);
  _drama_feed_list_start_reload (self);
}

void
drama_feed_list_set_full_articles (DramaFeedList *self,
                                   gint64         feed_id,
                                   gboolean       full)
{
  FullSetting *setting;

  g_return_if_fail (DRAMA_IS_FEED_LIST (self));

  setting = g_new0 (FullSetting, 1);
  setting->feed_id = feed_id;
  setting->full = full;
  drama_store_call_async (self->store, G_PRIORITY_DEFAULT, full_job, setting, g_free, g_free,
                          self->cancellable, full_set_cb, self);
}

/* ---- try again ---- */

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DramaFeedList) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The outcome is in the feed's row (last-error); the store says it changed. */
  if (!drama_feed_updater_refresh_feed_finish (DRAMA_FEED_UPDATER (source), result, &error))
    g_debug ("Feed still failing: %s", error->message);
  if (self->store != NULL)   /* not disposed meanwhile */
    _drama_feed_list_queue_reload (self);
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DramaFeedList *self = DRAMA_FEED_LIST (widget);

  drama_feed_updater_refresh_feed_async (self->updater, g_variant_get_int64 (parameter), NULL,
                                         refreshed_cb, g_object_ref (self));
}

void
_drama_feed_list_edit_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "feeds.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "feeds.rename", "x", rename_activated);
  gtk_widget_class_install_action (widget_class, "feeds.refresh", "x", refresh_activated);
}
