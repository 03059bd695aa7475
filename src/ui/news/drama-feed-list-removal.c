#define G_LOG_DOMAIN "drama-feed-list"

#include "config.h"

#include "drama-feed-list-private.h"

#include <glib/gi18n-lib.h>

#include "drama-ui-text.h"

/* Removing feeds (one from its row, many from selection mode): asked first, naming what
 * goes, then done on the store's thread with one Undo toast that puts them all back. */

/* One feed removed, with what Undo needs to put it back. */
typedef struct {
  DramaFeed *feed;
  GPtrArray *articles;
} Removed;

static void
removed_free (gpointer data)
{
  Removed *removed = data;

  g_clear_object (&removed->feed);
  g_clear_pointer (&removed->articles, g_ptr_array_unref);
  g_free (removed);
}

/* What one removal (of one feed or of many) did: kept by its toast for Undo. */
typedef struct {
  GPtrArray *removed;      /* Removed */
  char      *error;        /* a feed that could not be removed stopped the rest */
  gboolean   undone;
} Removal;

static void
removal_free (gpointer data)
{
  Removal *removal = data;

  g_clear_pointer (&removal->removed, g_ptr_array_unref);
  g_free (removal->error);
  g_free (removal);
}

/* On the store's thread: each feed and its articles in a transaction of its own (a
 * failure halfway keeps what is gone undoable). */
static gpointer
remove_feeds_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GArray *ids = data;
  Removal *removal = g_new0 (Removal, 1);

  removal->removed = g_ptr_array_new_with_free_func (removed_free);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local = NULL;
      Removed *removed = g_new0 (Removed, 1);

      if (drama_store_remove_feed (store, g_array_index (ids, gint64, i), &removed->feed,
                                   &removed->articles, &local))
        {
          g_ptr_array_add (removal->removed, removed);
          continue;
        }
      removed_free (removed);
      /* Removed meanwhile (another window, an Undo racing): nothing to do. */
      if (g_error_matches (local, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
        continue;
      if (removal->removed->len == 0)
        {
          removal_free (removal);
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      removal->error = g_strdup (local->message);
      break;
    }
  return removal;
}

/* Undo of one removal: every feed of it restored, then one word about the outcome. */
typedef struct {
  DramaFeedList *self;     /* weak */
  guint          pending;
  guint          failed;
  char          *error;
} Restoring;

static void
restoring_unref (Restoring *restoring)
{
  if (--restoring->pending > 0)
    return;
  if (restoring->self != NULL)
    {
      if (restoring->failed > 0)
        {
          g_autofree char *text = NULL;

          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u feed could not be restored: %s",
                                               "%u feeds could not be restored: %s",
                                               restoring->failed),
                                  restoring->failed, restoring->error);
          drama_feed_list_add_toast (restoring->self, drama_toast_new (text));
        }
      _drama_feed_list_start_reload (restoring->self);
      g_object_remove_weak_pointer (G_OBJECT (restoring->self), (gpointer *) &restoring->self);
    }
  g_free (restoring->error);
  g_free (restoring);
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Restoring *restoring = user_data;
  g_autoptr(GError) error = NULL;

  if (!drama_feed_updater_restore_feed_finish (DRAMA_FEED_UPDATER (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      restoring->failed++;
      if (restoring->error == NULL)
        restoring->error = g_strdup (error->message);
    }
  restoring_unref (restoring);
}

static void
on_undo_remove (AdwToast      *toast,
                DramaFeedList *self)
{
  Removal *removal = g_object_get_data (G_OBJECT (toast), "drama-removal");
  Restoring *restoring;

  if (removal == NULL || removal->undone)
    return;
  removal->undone = TRUE;
  g_debug ("Undoing the removal of %u feeds", removal->removed->len);

  /* Every feed of this removal and its articles as they were, read/starred marks and all;
   * the updater has the matcher link them again. */
  restoring = g_new0 (Restoring, 1);
  restoring->self = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &restoring->self);
  restoring->pending = 1;
  for (guint i = 0; i < removal->removed->len; i++)
    {
      Removed *removed = g_ptr_array_index (removal->removed, i);

      restoring->pending++;
      drama_feed_updater_restore_feed_async (self->updater, removed->feed, removed->articles,
                                             self->cancellable, restored_cb, restoring);
    }
  restoring_unref (restoring);
}

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DramaFeedList *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Removal *removal;
  AdwToast *toast;
  guint n;

  removal = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  if (removal == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          text = g_strdup_printf (_("The feeds could not be removed: %s"), error->message);
          drama_feed_list_add_toast (self, drama_toast_new (text));
        }
      return;
    }

  n = removal->removed->len;
  if (n == 0)
    {
      removal_free (removal);
      _drama_feed_list_start_reload (self);
      return;
    }
  if (removal->error != NULL)
    /* TRANSLATORS: some feeds were removed, then one could not be; %s says why */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u feed removed, the others could not be: %s",
                                         "%u feeds removed, the others could not be: %s", n),
                            n, removal->error);
  else if (n == 1)
    text = g_strdup_printf (_("“%s” removed"),
                            drama_feed_get_display_title (((Removed *) removal->removed->pdata[0])->feed));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feed removed", "%u feeds removed", n),
                            n);
  toast = drama_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "drama-removal", removal, removal_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove), self, 0);
  drama_feed_list_add_toast (self, toast);

  _drama_feed_list_start_reload (self);
}

void
drama_feed_list_remove_feeds (DramaFeedList *self,
                              const gint64  *feed_ids,
                              guint          n_ids)
{
  GArray *ids;

  g_return_if_fail (DRAMA_IS_FEED_LIST (self));

  if (n_ids == 0)
    return;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (ids, feed_ids, n_ids);
  /* The feeds and their articles go in one job on the store's thread, which hands back
   * what Undo needs. */
  drama_store_call_async (self->store, G_PRIORITY_DEFAULT, remove_feeds_job, ids,
                          (GDestroyNotify) g_array_unref, removal_free, self->cancellable,
                          removed_cb, self);
}

void
drama_feed_list_remove_feed (DramaFeedList *self,
                             gint64         feed_id)
{
  drama_feed_list_remove_feeds (self, &feed_id, 1);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DramaFeedList    *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "drama-feed-ids");

  if (g_strcmp0 (response, "remove") != 0 || ids == NULL)
    return;
  drama_feed_list_remove_feeds (self, (const gint64 *) (gpointer) ids->data, ids->len);
  /* Done with them: the mode ends with the action it was for. */
  if (self->selecting)
    drama_feed_list_set_selection_mode (self, FALSE);
}

/* Removing is asked first, naming what goes: a click meant for another row (rows move as
 * feeds come and go) removes nothing. */
void
_drama_feed_list_ask_remove (DramaFeedList *self,
                             GArray        *ids)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  DramaFeed *feed = ids->len == 1
                    ? _drama_feed_list_find_feed (self, g_array_index (ids, gint64, 0)) : NULL;
  const char *body;
  GtkWidget *dialog;

  if (ids->len == 0)
    {
      g_array_unref (ids);
      return;
    }
  if (feed != NULL)
    {
      /* TRANSLATORS: %s is a feed's name */
      heading = g_strdup_printf (_("Remove “%s”?"), drama_feed_get_display_title (feed));
      /* The plural entry's singular: one msgid, as the several-feeds case below uses it. */
      body = g_dngettext (GETTEXT_PACKAGE, "Its articles are removed with it, starred ones too.",
                          "Their articles are removed with them, starred ones too.", 1);
    }
  else
    {
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Remove %u Feed?",
                                              "Remove %u Feeds?", ids->len),
                                 ids->len);
      body = g_dngettext (GETTEXT_PACKAGE, "Its articles are removed with it, starred ones too.",
                          "Their articles are removed with them, starred ones too.", ids->len);
    }

  /* Heading and body are plain text (markup is off by default): feed names are safe. */
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "drama-feed-ids", ids, (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = g_variant_get_int64 (parameter);

  g_array_append_val (ids, id);
  _drama_feed_list_ask_remove (DRAMA_FEED_LIST (widget), ids);
}

void
_drama_feed_list_removal_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "feeds.remove", "x", remove_activated);
}
