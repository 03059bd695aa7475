#define G_LOG_DOMAIN "drama-show-page"

#include "config.h"

#include "drama-show-page-private.h"

#include <glib/gi18n-lib.h>

#include "drama-ui-call.h"
#include "drama-ui-text.h"
#include "drama-window.h"

/* Removing the show: no question asked, Undo in the toast is the safety net. */

typedef struct {
  gint64   show_id;
  gboolean removed;
} RemoveArgs;

static gpointer
set_removed_job (DramaStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  RemoveArgs *args = data;

  return DRAMA_UI_JOB_OK (drama_store_set_show_removed (store, args->show_id, args->removed,
                                                        error));
}

typedef struct {
  GWeakRef *page;
  gint64    show_id;
  char     *name;
} RemoveCall;

static void
remove_call_free (RemoveCall *call)
{
  g_free (call->name);
  g_free (call);
}

static void
set_removed (DramaShowPage       *self,
             gint64               show_id,
             gboolean             removed,
             const char          *name,
             GAsyncReadyCallback  callback)
{
  RemoveArgs *args = g_new0 (RemoveArgs, 1);
  RemoveCall *call = g_new0 (RemoveCall, 1);

  args->show_id = show_id;
  args->removed = removed;
  call->page = drama_ui_weak_new (self);
  call->show_id = show_id;
  call->name = g_strdup (name);
  drama_ui_call (self->store, G_PRIORITY_DEFAULT, set_removed_job, args, g_free, NULL, NULL,
                 callback, call);
}

static void
show_show (DramaShowPage *self,
           gint64         show_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (DRAMA_IS_WINDOW (root))
    drama_window_show_show (DRAMA_WINDOW (root), show_id);
  else
    drama_show_page_set_show_id (self, show_id);
}

static void
undo_remove_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RemoveCall *call = user_data;
  g_autoptr(DramaShowPage) self = drama_ui_weak_steal (g_steal_pointer (&call->page));
  g_autoptr(GError) error = NULL;

  if (drama_store_call_finish (DRAMA_STORE (source), result, &error) == NULL)
    {
      if (self != NULL && self->store != NULL)
        _drama_show_page_show_error (self, _("Could not undo"), error);
      else
        g_warning ("Could not undo the removal of a show: %s", error->message);
    }
  else if (self != NULL && self->store != NULL)
    show_show (self, call->show_id);
  remove_call_free (call);
}

static void
on_undo_remove (AdwToast      *toast,
                DramaShowPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (toast), "show-id");

  if (self->store != NULL)
    set_removed (self, id, FALSE, NULL, undo_remove_cb);
}

static void
remove_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RemoveCall *call = user_data;
  g_autoptr(DramaShowPage) self = drama_ui_weak_steal (g_steal_pointer (&call->page));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;
  gint64 *id;

  if (drama_store_call_finish (DRAMA_STORE (source), result, &error) == NULL)
    {
      if (self != NULL && self->store != NULL)
        {
          _drama_show_page_show_error (self, _("Could not remove the show"), error);
          /* It is still there: show it again, unless the user went on to another. */
          if (self->show_id == 0)
            show_show (self, call->show_id);
        }
      else
        g_warning ("Could not remove a show: %s", error->message);
      remove_call_free (call);
      return;
    }
  if (self == NULL || self->store == NULL)
    {
      remove_call_free (call);
      return;
    }

  text = g_strdup_printf (_("“%s” removed"), call->name);
  toast = drama_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  id = g_new (gint64, 1);
  *id = call->show_id;
  g_object_set_data_full (G_OBJECT (toast), "show-id", id, g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove), self, 0);
  _drama_show_page_add_toast (self, toast);
  remove_call_free (call);
}

void
_drama_show_page_on_remove_clicked (DramaShowPage *self)
{
  g_autofree char *name = NULL;
  gint64 show_id;

  if (self->store == NULL || self->show == NULL)
    return;

  /* No question asked: Undo in the toast is the safety net. The page empties at once
   * (pending notes are saved first, in order, by leaving the show). */
  show_id = self->show_id;
  name = g_strdup (drama_show_get_name (self->show));
  drama_show_page_set_show_id (self, 0);
  set_removed (self, show_id, TRUE, name, remove_cb);
}
