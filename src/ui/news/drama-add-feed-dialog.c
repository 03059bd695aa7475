#define G_LOG_DOMAIN "drama-add-feed-dialog"

#include "config.h"

#include "drama-add-feed-dialog.h"
#include "drama-add-feed-dialog-test.h"

#include <glib/gi18n-lib.h>

#include "drama-feed-parser.h"
#include "drama-store.h"
#include "drama-ui-text.h"

struct _DramaAddFeedDialog
{
  AdwWindow         parent_instance;

  AdwEntryRow      *url_row;
  GtkWidget        *cancel_button;
  GtkWidget        *add_button;
  GtkWidget        *busy_box;
  GtkSpinner       *spinner;
  GtkWidget        *error_box;
  GtkLabel         *error_label;

  DramaFeedUpdater *updater;
  GCancellable     *cancellable;
  char             *error;
  gboolean          closed;
};

G_DEFINE_FINAL_TYPE (DramaAddFeedDialog, drama_add_feed_dialog, ADW_TYPE_WINDOW)

enum {
  FEED_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_error (DramaAddFeedDialog *self,
           const char         *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static void
set_busy (DramaAddFeedDialog *self,
          gboolean            busy)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* The address is locked while it is looked up: the focus goes to Cancel, the one thing
   * left to do (GTK 4.8's entry keeps its cursor blinking when it loses the focus by
   * turning insensitive, and warns). */
  if (busy && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->url_row)))
    gtk_widget_grab_focus (self->cancel_button);
  gtk_widget_set_visible (self->busy_box, busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  gtk_widget_set_sensitive (self->add_button,
                            !busy && *gtk_editable_get_text (GTK_EDITABLE (self->url_row)) != '\0');
}

static void
on_url_changed (DramaAddFeedDialog *self)
{
  /* An old error is about the old address. */
  set_error (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  set_busy (self, self->cancellable != NULL);
}

static void
on_cancel_clicked (DramaAddFeedDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static char *
describe_error (const GError *error)
{
  if (g_error_matches (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_EXISTS))
    return g_strdup (_("You already follow this feed."));

  /* The updater's messages are written for the user already. */
  return g_strdup (error->message);
}

static void
subscribed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DramaAddFeedDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = NULL;

  feed = drama_feed_updater_subscribe_finish (DRAMA_FEED_UPDATER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (self->closed)
    {
      /* Finished just as the user closed the dialog: it is subscribed all the same. */
      if (feed != NULL)
        g_signal_emit (self, signals[FEED_ADDED], 0, feed);
      return;
    }
  set_busy (self, FALSE);

  if (feed == NULL)
    {
      g_autofree char *message = describe_error (error);

      set_error (self, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  g_signal_emit (self, signals[FEED_ADDED], 0, feed);
  gtk_window_close (GTK_WINDOW (self));
}

void
drama_add_feed_dialog_add (DramaAddFeedDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (DRAMA_IS_ADD_FEED_DIALOG (self));

  if (self->cancellable != NULL || self->updater == NULL)
    return;

  url = drama_feed_updater_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                                          &error);
  if (url == NULL)
    {
      set_error (self, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      return;
    }

  set_error (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  drama_feed_updater_subscribe_async (self->updater, url, self->cancellable,
                                      subscribed_cb, g_object_ref (self));
}

static gboolean
drama_add_feed_dialog_close_request (GtkWindow *window)
{
  DramaAddFeedDialog *self = DRAMA_ADD_FEED_DIALOG (window);

  self->closed = TRUE;
  /* Closing while it runs abandons the subscription; the updater stores nothing then. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  return GTK_WINDOW_CLASS (drama_add_feed_dialog_parent_class)->close_request (window);
}

static void
drama_add_feed_dialog_dispose (GObject *object)
{
  DramaAddFeedDialog *self = DRAMA_ADD_FEED_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->updater);

  G_OBJECT_CLASS (drama_add_feed_dialog_parent_class)->dispose (object);
}

static void
drama_add_feed_dialog_finalize (GObject *object)
{
  DramaAddFeedDialog *self = DRAMA_ADD_FEED_DIALOG (object);

  g_free (self->error);

  G_OBJECT_CLASS (drama_add_feed_dialog_parent_class)->finalize (object);
}

static void
drama_add_feed_dialog_class_init (DramaAddFeedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = drama_add_feed_dialog_dispose;
  object_class->finalize = drama_add_feed_dialog_finalize;
  window_class->close_request = drama_add_feed_dialog_close_request;

  signals[FEED_ADDED] =
    g_signal_new ("feed-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DRAMA_TYPE_FEED);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-add-feed-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaAddFeedDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, DramaAddFeedDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DramaAddFeedDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, DramaAddFeedDialog, busy_box);
  gtk_widget_class_bind_template_child (widget_class, DramaAddFeedDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DramaAddFeedDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, DramaAddFeedDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, drama_add_feed_dialog_add);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
drama_add_feed_dialog_init (DramaAddFeedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Names for screen readers that GTK 4.8 does not give (icon buttons, mnemonics). */
  drama_ui_name_controls (GTK_WIDGET (self));
  /* The template's focus-widget is set before the row is in the window, so it did not
   * take and the first focusable widget, Cancel, had the focus: typing went nowhere. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->url_row));
}

DramaAddFeedDialog *
drama_add_feed_dialog_new (DramaFeedUpdater *updater)
{
  DramaAddFeedDialog *self;

  g_return_val_if_fail (DRAMA_IS_FEED_UPDATER (updater), NULL);

  self = g_object_new (DRAMA_TYPE_ADD_FEED_DIALOG, NULL);
  self->updater = g_object_ref (updater);

  return self;
}

void
drama_add_feed_dialog_set_url (DramaAddFeedDialog *self,
                               const char         *url)
{
  g_return_if_fail (DRAMA_IS_ADD_FEED_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
}

gboolean
drama_add_feed_dialog_get_busy (DramaAddFeedDialog *self)
{
  g_return_val_if_fail (DRAMA_IS_ADD_FEED_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const char *
drama_add_feed_dialog_get_error (DramaAddFeedDialog *self)
{
  g_return_val_if_fail (DRAMA_IS_ADD_FEED_DIALOG (self), NULL);

  return self->error;
}
