#define G_LOG_DOMAIN "drama-feed-list"

#include "config.h"

#include "drama-feed-list-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-opml.h"
#include "drama-ui-text.h"

/* OPML: importing subscriptions (stored on the store's thread, then fetched, their
 * failures told once all are tried) and exporting them, through the file chooser. */

enum {
  IMPORT_FINISHED,
  EXPORT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


static void
on_select_failing_clicked (AdwToast      *toast,
                           DramaFeedList *self)
{
  drama_feed_list_select_failing (self);
}

/* One feed of an import fetched: when the last is, the failures in one toast, with the
 * way to select them all for removal. */
static void
import_refreshed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DramaFeedList) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!drama_feed_updater_refresh_feed_finish (DRAMA_FEED_UPDATER (source), result, &error))
    self->import_failed++;
  if (self->store == NULL)   /* disposed meanwhile */
    return;
  _drama_feed_list_queue_reload (self);
  if (self->import_pending > 0 && --self->import_pending > 0)
    return;

  if (self->import_failed > 0)
    {
      g_autofree char *text = NULL;
      AdwToast *toast;

      if (self->import_failed == self->import_total)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The imported feed could not be updated",
                                             "None of the %u imported feeds could be updated",
                                             self->import_total),
                                self->import_total);
      else
        /* TRANSLATORS: "12 of 45 imported feeds could not be updated" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u imported feeds could not be updated",
                                             "%u of %u imported feeds could not be updated",
                                             self->import_total),
                                self->import_failed, self->import_total);
      toast = drama_toast_new (text);
      adw_toast_set_button_label (toast, _("Select _Failing"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_select_failing_clicked),
                               self, 0);
      drama_feed_list_add_toast (self, toast);
    }
  self->import_failed = 0;
  self->import_total = 0;
}

/* What an import did: the feeds subscribed, and the outlines that could not be. */
typedef struct {
  GPtrArray *added;     /* DramaFeed */
  guint      skipped;
  gboolean   folders;   /* the file sorted its feeds in folders */
} Imported;

static void
imported_free (gpointer data)
{
  Imported *imported = data;

  g_ptr_array_unref (imported->added);
  g_free (imported);
}

/* On the store's thread: the file read and every new subscription stored, so the window
 * stays responsive however many feeds the file lists. */
static gpointer
import_job (DramaStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  GBytes *bytes = data;
  gsize length = 0;
  const char *text = g_bytes_get_data (bytes, &length);
  g_autoptr(GPtrArray) outlines = drama_opml_parse (text, length, error);
  Imported *imported;

  if (outlines == NULL)
    return NULL;

  imported = g_new0 (Imported, 1);
  imported->added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < outlines->len; i++)
    {
      DramaOpmlOutline *outline = g_ptr_array_index (outlines, i);
      g_autofree char *url = drama_feed_updater_normalize_url (outline->xml_url, NULL);
      g_autoptr(GError) add_error = NULL;
      DramaFeed *feed;

      if (outline->folder != NULL)
        imported->folders = TRUE;
      if (url == NULL)
        {
          imported->skipped++;
          continue;
        }

      feed = drama_store_add_feed (store, url, outline->title, &add_error);
      if (feed == NULL)
        {
          /* Already followed: nothing to do. Anything else is worth a line in the log. */
          if (!g_error_matches (add_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_EXISTS))
            {
              g_debug ("Not imported %s: %s", url, add_error->message);
              imported->skipped++;
            }
          continue;
        }
      g_ptr_array_add (imported->added, feed);
    }
  return imported;
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DramaFeedList *self = user_data;
  g_autoptr(GError) error = NULL;
  Imported *imported = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  g_autofree char *text = NULL;
  g_autofree char *counts = NULL;
  guint added;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (imported == NULL)
    {
      text = g_strdup_printf (_("The subscriptions could not be imported: %s"), error->message);
      drama_feed_list_add_toast (self, drama_toast_new (text));
      g_signal_emit (self, signals[IMPORT_FINISHED], 0, 0u);
      return;
    }

  /* Fetched in the background: each row fills in as its feed arrives; once all have been
   * tried, the ones that failed are told in one toast (see import_refreshed_cb). */
  self->import_pending += imported->added->len;
  self->import_total += imported->added->len;
  for (guint i = 0; i < imported->added->len; i++)
    drama_feed_updater_refresh_feed_async (self->updater,
                                           drama_feed_get_id (imported->added->pdata[i]),
                                           NULL, import_refreshed_cb, g_object_ref (self));

  added = imported->added->len;
  if (added == 0 && imported->skipped == 0)
    counts = g_strdup (_("You already follow every feed of this file"));
  else if (imported->skipped == 0)
    counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feed imported", "%u feeds imported",
                                           added), added);
  else
    /* TRANSLATORS: "3 feeds imported, 1 skipped" */
    counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feed imported, %u skipped",
                                           "%u feeds imported, %u skipped", added),
                              added, imported->skipped);
  /* Feeds here are one list: the file's folders are not kept, and the user should know. */
  if (imported->folders && added > 0)
    /* TRANSLATORS: %s is "3 feeds imported" or the like */
    text = g_strdup_printf (_("%s. Folders are not kept: the feeds are listed together"), counts);
  else
    text = g_steal_pointer (&counts);
  imported_free (imported);
  drama_feed_list_add_toast (self, drama_toast_new (text));
  _drama_feed_list_start_reload (self);
  g_signal_emit (self, signals[IMPORT_FINISHED], 0, added);
}

static void
import_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DramaFeedList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean ok = g_file_load_contents_finish (G_FILE (source), result, &data, &length, NULL,
                                             &error);

  if (self->store == NULL)   /* disposed meanwhile */
    return;
  if (!ok)
    {
      g_autofree char *text = g_strdup_printf (_("The subscriptions could not be imported: %s"),
                                               error->message);

      drama_feed_list_add_toast (self, drama_toast_new (text));
      g_signal_emit (self, signals[IMPORT_FINISHED], 0, 0u);
      return;
    }

  drama_store_call_async (self->store, G_PRIORITY_DEFAULT, import_job,
                          g_bytes_new_take (g_steal_pointer (&data), length),
                          (GDestroyNotify) g_bytes_unref, imported_free, self->cancellable,
                          imported_cb, self);
}

void
drama_feed_list_import_file (DramaFeedList *self,
                             GFile         *file)
{
  g_return_if_fail (DRAMA_IS_FEED_LIST (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, self->cancellable, import_loaded_cb, g_object_ref (self));
}

static void
export_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DramaFeedList) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_file_replace_contents_finish (G_FILE (source), result, NULL, &error);
  if (self->store == NULL)   /* disposed meanwhile */
    return;
  if (ok)
    drama_feed_list_add_toast (self, drama_toast_new (_("Subscriptions exported")));
  else
    {
      g_autofree char *text = g_strdup_printf (_("The subscriptions could not be exported: %s"),
                                               error->message);
      drama_feed_list_add_toast (self, drama_toast_new (text));
    }
  g_signal_emit (self, signals[EXPORT_FINISHED], 0, ok);
}

typedef struct {
  DramaFeedList *self;   /* not a reference: dispose cancels the read */
  GFile         *file;
} Export;

static void
export_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Export *export = user_data;
  DramaFeedList *self = export->self;
  g_autoptr(GFile) file = export->file;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = drama_store_list_finish (DRAMA_STORE (source), result, &error);
  GBytes *bytes;
  char *opml;

  g_free (export);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (feeds == NULL)
    {
      drama_feed_list_add_toast (self, drama_toast_new (error->message));
      g_signal_emit (self, signals[EXPORT_FINISHED], 0, FALSE);
      return;
    }

  opml = drama_opml_write (feeds);
  bytes = g_bytes_new_take (opml, strlen (opml));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, export_written_cb, g_object_ref (self));
  g_bytes_unref (bytes);
}

void
drama_feed_list_export_file (DramaFeedList *self,
                             GFile         *file)
{
  Export *export;

  g_return_if_fail (DRAMA_IS_FEED_LIST (self));
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (Export, 1);
  export->self = self;
  export->file = g_object_ref (file);
  drama_store_list_feeds_async (self->store, self->cancellable, export_listed_cb, export);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     DramaFeedList   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        drama_feed_list_export_file (self, file);
      else
        drama_feed_list_import_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
run_chooser (DramaFeedList        *self,
             GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) opml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (save ? _("Export Subscriptions")
                                                    : _("Import Subscriptions"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               action,
                                               save ? _("_Export") : _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (opml, _("OPML Files"));
  gtk_file_filter_add_pattern (opml, "*.opml");
  gtk_file_filter_add_pattern (opml, "*.xml");
  gtk_file_filter_add_mime_type (opml, "text/x-opml+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), opml);
  if (!save)
    {
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
    }
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                       /* TRANSLATORS: file name of exported subscriptions */
                                       _("dramalist-subscriptions.opml"));

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  run_chooser (DRAMA_FEED_LIST (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  run_chooser (DRAMA_FEED_LIST (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

void
_drama_feed_list_opml_class_init (GtkWidgetClass *widget_class)
{
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[EXPORT_FINISHED] =
    g_signal_new ("export-finished", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "feeds.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "feeds.export", NULL, export_activated);
}
