#define G_LOG_DOMAIN "drama-watchlist-transfer"

#include "config.h"

#include "drama-watchlist-transfer.h"

#include <glib/gi18n.h>

#include "drama-trakt-import.h"
#include "drama-ui-text.h"

struct _DramaWatchlistTransfer
{
  GObject               parent_instance;

  GtkWindow            *window;    /* not owned: the window owns us */
  AdwToastOverlay      *toasts;    /* not owned */
  DramaStore           *store;
  DramaTvmaze          *tvmaze;
  GtkFileChooserNative *chooser;
  DramaTransferKind     kind;     /* what the chooser is for */
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (DramaWatchlistTransfer, drama_watchlist_transfer, G_TYPE_OBJECT)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
finish (DramaWatchlistTransfer *self,
        gboolean                ok)
{
  g_signal_emit (self, signals[DONE], 0, ok);
}

static void
toast (DramaWatchlistTransfer *self,
       AdwToast               *toast)
{
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* ---- export ---- */

static gpointer
export_job (DramaStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return drama_store_export_watchlist (store, error);
}

static void
export_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DramaWatchlistTransfer) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast (self, drama_toast_new_error (_("The watchlist could not be exported"), error));
      finish (self, FALSE);
      return;
    }
  toast (self, drama_toast_new (_("Watchlist exported")));
  finish (self, TRUE);
}

typedef struct {
  DramaWatchlistTransfer *self;
  GFile                  *file;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_object_unref (pending->file);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  DramaWatchlistTransfer *self = pending->self;
  g_autoptr(GError) error = NULL;
  char *json = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  g_autoptr(GBytes) bytes = NULL;

  if (json == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast (self, drama_toast_new_error (_("The watchlist could not be exported"), error));
      finish (self, FALSE);
      return;
    }
  bytes = g_bytes_new_take (json, strlen (json));
  g_file_replace_contents_bytes_async (pending->file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, self->cancellable,
                                       export_written_cb, g_object_ref (self));
}

void
drama_watchlist_transfer_export_file (DramaWatchlistTransfer *self,
                                      GFile                  *file)
{
  Pending *pending;

  g_return_if_fail (DRAMA_IS_WATCHLIST_TRANSFER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->file = g_object_ref (file);
  drama_store_call_async (self->store, G_PRIORITY_DEFAULT, export_job, NULL, NULL, g_free,
                          self->cancellable, exported_cb, pending);
}

/* ---- import ---- */

static gpointer
import_job (DramaStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  GBytes *bytes = data;
  DramaImportSummary *summary = NULL;
  gsize length = 0;
  const char *text = g_bytes_get_data (bytes, &length);

  if (!drama_store_import_watchlist (store, text != NULL ? text : "", length, &summary, error))
    return NULL;
  return summary;
}

/* What happened, in a dialog: counts, then each show left out with why. */
static void
report_import (DramaWatchlistTransfer *self,
               DramaImportSummary     *summary)
{
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  g_string_append_printf (body, ngettext ("%u show added", "%u shows added", summary->n_added),
                          summary->n_added);
  g_string_append (body, "\n");
  g_string_append_printf (body, ngettext ("%u show already on the watchlist, completed from the file",
                                          "%u shows already on the watchlist, completed from the file",
                                          summary->n_merged),
                          summary->n_merged);
  g_string_append (body, "\n");
  g_string_append_printf (body, ngettext ("%u episode marked as seen",
                                          "%u episodes marked as seen", summary->n_seen),
                          summary->n_seen);
  if (summary->skipped->len > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body, ngettext ("Left out, %u show:", "Left out, %u shows:",
                                              summary->skipped->len),
                              summary->skipped->len);
      for (guint i = 0; i < summary->skipped->len; i++)
        g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (summary->skipped, i));
    }

  /* The body is plain text (no markup): titles from the file stay as written. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->window, _("Watchlist Imported"),
                                                       body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DramaWatchlistTransfer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaImportSummary) summary = drama_store_call_finish (DRAMA_STORE (source), result,
                                                                   &error);

  if (summary == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast (self, drama_toast_new_error (_("The watchlist could not be imported"), error));
      finish (self, FALSE);
      return;
    }
  report_import (self, summary);
  finish (self, TRUE);
}

static void
trakt_imported_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DramaWatchlistTransfer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaImportSummary) summary = drama_trakt_import_finish (result, &error);

  if (summary == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast (self, drama_toast_new_error (_("The Trakt export could not be imported"), error));
      finish (self, FALSE);
      return;
    }
  report_import (self, summary);
  finish (self, TRUE);
}

typedef struct {
  DramaWatchlistTransfer *self;
  gboolean                trakt;
} Reading;

static void
import_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Reading *reading = user_data;
  g_autoptr(DramaWatchlistTransfer) self = reading->self;
  gboolean trakt = reading->trakt;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  g_free (reading);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast (self, drama_toast_new_error (_("The watchlist could not be imported"), error));
      finish (self, FALSE);
      return;
    }
  if (trakt)
    drama_trakt_import_async (self->tvmaze, self->store, bytes, self->cancellable,
                              trakt_imported_cb, g_object_ref (self));
  else
    drama_store_call_async (self->store, G_PRIORITY_DEFAULT, import_job,
                            g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref,
                            (GDestroyNotify) drama_import_summary_free, self->cancellable,
                            imported_cb, g_object_ref (self));
}

static void
read_file (DramaWatchlistTransfer *self,
           GFile                  *file,
           gboolean                trakt)
{
  Reading *reading = g_new0 (Reading, 1);

  reading->self = g_object_ref (self);
  reading->trakt = trakt;
  g_file_load_bytes_async (file, self->cancellable, import_read_cb, reading);
}

void
drama_watchlist_transfer_import_file (DramaWatchlistTransfer *self,
                                      GFile                  *file)
{
  g_return_if_fail (DRAMA_IS_WATCHLIST_TRANSFER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  read_file (self, file, FALSE);
}

void
drama_watchlist_transfer_import_trakt_file (DramaWatchlistTransfer *self,
                                            GFile                  *file)
{
  g_return_if_fail (DRAMA_IS_WATCHLIST_TRANSFER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL && self->tvmaze != NULL);

  read_file (self, file, TRUE);
}

/* ---- the chooser ---- */

static void
on_chooser_response (GtkNativeDialog        *chooser,
                     int                     response,
                     DramaWatchlistTransfer *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && self->store != NULL)
    {
      if (self->kind == DRAMA_TRANSFER_EXPORT)
        drama_watchlist_transfer_export_file (self, file);
      else if (self->kind == DRAMA_TRANSFER_IMPORT)
        drama_watchlist_transfer_import_file (self, file);
      else if (self->tvmaze != NULL)
        drama_watchlist_transfer_import_trakt_file (self, file);
    }
  g_clear_object (&self->chooser);
}

void
drama_watchlist_transfer_choose (DramaWatchlistTransfer *self,
                                 DramaTransferKind       kind)
{
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  gboolean export = kind == DRAMA_TRANSFER_EXPORT;
  const char *title = export ? _("Export Watchlist")
                             : kind == DRAMA_TRANSFER_IMPORT ? _("Import Watchlist")
                                                             : _("Import from Trakt");

  g_return_if_fail (DRAMA_IS_WATCHLIST_TRANSFER (self));

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->kind = kind;
  self->chooser = gtk_file_chooser_native_new (title,
                                               self->window,
                                               export ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                      : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               export ? _("_Export") : _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (json, kind == DRAMA_TRANSFER_IMPORT_TRAKT ? _("Trakt Exports (JSON)")
                                                                     : _("Dramalist Watchlists"));
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  if (export)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                       /* TRANSLATORS: file name of an exported watchlist */
                                       _("dramalist-watchlist.json"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- object ---- */

void
drama_watchlist_transfer_set_tvmaze (DramaWatchlistTransfer *self,
                                     DramaTvmaze            *tvmaze)
{
  g_return_if_fail (DRAMA_IS_WATCHLIST_TRANSFER (self));

  g_set_object (&self->tvmaze, tvmaze);
}

void
drama_watchlist_transfer_set_store (DramaWatchlistTransfer *self,
                                    DramaStore             *store)
{
  g_return_if_fail (DRAMA_IS_WATCHLIST_TRANSFER (self));

  g_set_object (&self->store, store);
}

DramaWatchlistTransfer *
drama_watchlist_transfer_new (GtkWindow       *window,
                              AdwToastOverlay *toasts)
{
  DramaWatchlistTransfer *self = g_object_new (DRAMA_TYPE_WATCHLIST_TRANSFER, NULL);

  self->window = window;
  self->toasts = toasts;
  return self;
}

static void
drama_watchlist_transfer_dispose (GObject *object)
{
  DramaWatchlistTransfer *self = DRAMA_WATCHLIST_TRANSFER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->tvmaze);

  G_OBJECT_CLASS (drama_watchlist_transfer_parent_class)->dispose (object);
}

static void
drama_watchlist_transfer_finalize (GObject *object)
{
  DramaWatchlistTransfer *self = DRAMA_WATCHLIST_TRANSFER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (drama_watchlist_transfer_parent_class)->finalize (object);
}

static void
drama_watchlist_transfer_class_init (DramaWatchlistTransferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drama_watchlist_transfer_dispose;
  object_class->finalize = drama_watchlist_transfer_finalize;

  /* "done" (gboolean ok): an export or import is over and reported. */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
drama_watchlist_transfer_init (DramaWatchlistTransfer *self)
{
  self->cancellable = g_cancellable_new ();
}
