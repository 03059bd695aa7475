#define G_LOG_DOMAIN "drama-feed-list"

#include "config.h"

#include "drama-feed-list.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-add-feed-dialog.h"
#include "drama-article-row.h"
#include "drama-opml.h"
#include "drama-ui-text.h"

#define FEED_ID_KEY "drama-feed-id"

struct _DramaFeedList
{
  GtkWidget             parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkListBox           *list_box;

  DramaStore           *store;
  DramaFeedUpdater     *updater;
  GHashTable           *rows;      /* feed id → AdwActionRow (owned by the list box) */
  GPtrArray            *feeds;     /* DramaFeed, as last read (NULL: not yet) */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;  /* every store call; cancelled in dispose */

  /* The feeds (unread counts) are read again at most once a second: a refresh changes
   * articles and feeds many times over. */
  guint                 reload_timeout;
  gboolean              reload_running;
  gboolean              reload_dirty;
  gint64                reload_asked_at;  /* monotonic µs */
};

G_DEFINE_FINAL_TYPE (DramaFeedList, drama_feed_list, GTK_TYPE_WIDGET)

enum {
  IMPORT_FINISHED,
  EXPORT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- rows ---- */

static char *
describe_feed (DramaFeed *feed)
{
  GString *text = g_string_new (NULL);
  g_autofree char *success = drama_format_relative_time (drama_feed_get_last_success (feed), 0);
  const char *error = drama_feed_get_last_error (feed);
  int unread = drama_feed_get_unread_count (feed);

  if (error != NULL && *error != '\0')
    {
      g_string_append (text, error);
      g_string_append (text, " · ");
      if (success != NULL)
        /* TRANSLATORS: after a feed's error: when it last worked, e.g. "Last updated 2 h ago" */
        g_string_append_printf (text, _("Last updated %s"), success);
      else
        g_string_append (text, _("Never updated"));
      return g_string_free (text, FALSE);
    }

  if (unread > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d unread", "%d unread", unread),
                            unread);
  if (text->len > 0)
    g_string_append (text, " · ");
  if (success != NULL)
    /* TRANSLATORS: when a feed last updated, e.g. "Updated 2 h ago" */
    g_string_append_printf (text, _("Updated %s"), success);
  else
    g_string_append (text, _("Not updated yet"));

  return g_string_free (text, FALSE);
}

static GtkWidget *
make_button (const char *icon,
             const char *tooltip,
             const char *action,
             gint64      feed_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", feed_id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);

  return button;
}

static GtkWidget *
make_row (DramaFeed *feed)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe_feed (feed);
  const char *error = drama_feed_get_last_error (feed);
  gboolean failed = error != NULL && *error != '\0';
  gint64 id = drama_feed_get_id (feed);
  GtkWidget *icon;

  /* Feed titles are text from the web, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), drama_feed_get_display_title (feed));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_set_tooltip_text (row, drama_feed_get_url (feed));

  icon = gtk_image_new_from_icon_name (failed ? "dialog-warning-symbolic"
                                              : "application-rss+xml-symbolic");
  if (failed)
    {
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_add_css_class (row, "feed-error");
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (failed && !drama_feed_get_gone (feed))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               make_button ("view-refresh-symbolic", _("Try Again"),
                                            "feeds.refresh", id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_button ("document-edit-symbolic", _("Rename"),
                                          "feeds.rename", id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_button ("user-trash-symbolic", _("Remove"),
                                          "feeds.remove", id));

  g_object_set_data_full (G_OBJECT (row), FEED_ID_KEY, g_memdup2 (&id, sizeof id), g_free);

  return row;
}

static void
show_feeds (DramaFeedList *self)
{
  GtkWidget *child;
  g_autofree char *subtitle = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_hash_table_remove_all (self->rows);

  for (guint i = 0; i < self->feeds->len; i++)
    {
      DramaFeed *feed = g_ptr_array_index (self->feeds, i);
      GtkWidget *row = make_row (feed);
      gint64 *key = g_new (gint64, 1);

      *key = drama_feed_get_id (feed);
      gtk_list_box_append (self->list_box, row);
      g_hash_table_insert (self->rows, key, row);
    }

  gtk_stack_set_visible_child_name (self->stack, self->feeds->len > 0 ? "list" : "empty");
  if (self->feeds->len > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feed", "%u feeds",
                                             self->feeds->len),
                                self->feeds->len);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void start_reload (DramaFeedList *self);

static void
feeds_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DramaFeedList *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = drama_store_list_finish (DRAMA_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->reload_running = FALSE;
  if (feeds == NULL)
    drama_feed_list_add_toast (self, drama_toast_new (error->message));
  else
    {
      g_clear_pointer (&self->feeds, g_ptr_array_unref);
      self->feeds = g_steal_pointer (&feeds);
      show_feeds (self);
    }
  /* Changed again while this query ran: its answer may be older than the change. */
  if (self->reload_dirty)
    {
      self->reload_dirty = FALSE;
      start_reload (self);
    }
}

static void
start_reload (DramaFeedList *self)
{
  g_clear_handle_id (&self->reload_timeout, g_source_remove);
  if (self->store == NULL)
    return;
  if (self->reload_running)
    {
      self->reload_dirty = TRUE;
      return;
    }
  self->reload_running = TRUE;
  self->reload_asked_at = g_get_monotonic_time ();
  drama_store_list_feeds_async (self->store, self->cancellable, feeds_listed_cb, self);
}

void
drama_feed_list_reload (DramaFeedList *self)
{
  g_return_if_fail (DRAMA_IS_FEED_LIST (self));

  start_reload (self);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  DramaFeedList *self = user_data;

  self->reload_timeout = 0;
  start_reload (self);
  return G_SOURCE_REMOVE;
}

/* After a store change: at once when the last read is a second old, else a second after
 * it (one query for a burst of changes). */
static void
queue_reload (DramaFeedList *self)
{
  gint64 since = g_get_monotonic_time () - self->reload_asked_at;

  if (self->reload_running)
    self->reload_dirty = TRUE;
  else if (since >= G_USEC_PER_SEC)
    start_reload (self);
  else if (self->reload_timeout == 0)
    self->reload_timeout = g_timeout_add ((guint) ((G_USEC_PER_SEC - since) / 1000) + 1,
                                          reload_timeout_cb, self);
}

/* The feed as last read (the rows show those), or NULL. */
static DramaFeed *
find_feed (DramaFeedList *self,
           gint64         feed_id)
{
  for (guint i = 0; self->feeds != NULL && i < self->feeds->len; i++)
    if (drama_feed_get_id (g_ptr_array_index (self->feeds, i)) == feed_id)
      return g_ptr_array_index (self->feeds, i);
  return NULL;
}

/* ---- add ---- */

static void
on_feed_added (DramaAddFeedDialog *dialog,
               DramaFeed          *feed,
               DramaFeedList      *self)
{
  g_autofree char *text = g_strdup_printf (_("Subscribed to “%s”"),
                                           drama_feed_get_display_title (feed));

  drama_feed_list_add_toast (self, drama_toast_new (text));
  start_reload (self);
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

/* ---- rename ---- */

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DramaFeedList    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 *id = g_object_get_data (G_OBJECT (dialog), FEED_ID_KEY);

  if (g_strcmp0 (response, "rename") == 0 && id != NULL)
    drama_feed_list_rename_feed (self, *id, gtk_editable_get_text (entry));
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DramaFeedList *self = DRAMA_FEED_LIST (widget);
  gint64 id = g_variant_get_int64 (parameter);
  DramaFeed *feed = find_feed (self, id);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *entry;

  /* The row's feed, as read with the list. */
  if (feed == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Rename Feed"),
                                   _("Leave the name empty to use the feed’s own title."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), drama_feed_get_display_title (feed));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), drama_feed_get_title (feed));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), FEED_ID_KEY, g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
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
  start_reload (self);
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
  feed = find_feed (self, feed_id);
  if (feed != NULL && g_strcmp0 (rename->title, drama_feed_get_title (feed)) == 0)
    rename->title[0] = '\0';

  drama_store_call_async (self->store, G_PRIORITY_DEFAULT, rename_job, rename, rename_free, NULL,
                          self->cancellable, renamed_cb, self);
}

/* ---- remove, with Undo ---- */

typedef struct {
  DramaFeedList *self;      /* weak */
  DramaFeed     *feed;
  GPtrArray     *articles;
  gboolean       undone;
} Removal;

static void
removal_free (gpointer data)
{
  Removal *removal = data;

  if (removal->self != NULL)
    g_object_remove_weak_pointer (G_OBJECT (removal->self), (gpointer *) &removal->self);
  g_clear_object (&removal->feed);
  g_clear_pointer (&removal->articles, g_ptr_array_unref);
  g_free (removal);
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DramaFeedList *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!drama_feed_updater_restore_feed_finish (DRAMA_FEED_UPDATER (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The feed could not be restored: %s"), error->message);
      g_debug ("%s", text);
      drama_feed_list_add_toast (self, drama_toast_new (text));
      return;
    }
  start_reload (self);
}

static void
on_undo_remove (AdwToast *toast,
                Removal  *removal)
{
  if (removal->undone || removal->self == NULL)
    return;
  removal->undone = TRUE;
  g_debug ("Undoing the removal of feed %" G_GINT64_FORMAT, drama_feed_get_id (removal->feed));

  /* The feed and its articles as they were, read/starred marks and all; the updater has
   * the matcher link them again. */
  drama_feed_updater_restore_feed_async (removal->self->updater, removal->feed,
                                         removal->articles, removal->self->cancellable,
                                         restored_cb, removal->self);
}

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DramaFeedList *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree char *text = NULL;
  DramaFeed *feed;
  Removal *removal;
  AdwToast *toast;

  feed = drama_store_remove_feed_finish (DRAMA_STORE (source), result, &articles, &error);
  if (feed == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        drama_feed_list_add_toast (self, drama_toast_new (error->message));
      return;
    }

  removal = g_new0 (Removal, 1);
  removal->feed = feed;
  removal->articles = g_steal_pointer (&articles);
  removal->self = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &removal->self);

  text = g_strdup_printf (_("“%s” removed"), drama_feed_get_display_title (removal->feed));
  toast = drama_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_remove), removal);
  g_object_set_data_full (G_OBJECT (toast), "drama-removal", removal, removal_free);
  drama_feed_list_add_toast (self, toast);

  start_reload (self);
}

void
drama_feed_list_remove_feed (DramaFeedList *self,
                             gint64         feed_id)
{
  g_return_if_fail (DRAMA_IS_FEED_LIST (self));

  /* The feed and its articles go in one job on the store's thread, which hands back what
   * Undo needs. */
  drama_store_remove_feed_async (self->store, feed_id, self->cancellable, removed_cb, self);
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  drama_feed_list_remove_feed (DRAMA_FEED_LIST (widget), g_variant_get_int64 (parameter));
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
    queue_reload (self);
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

/* ---- OPML ---- */

/* What an import did: the feeds subscribed, and the outlines that could not be. */
typedef struct {
  GPtrArray *added;     /* DramaFeed */
  guint      skipped;
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

  /* Fetched in the background: each row fills in as its feed arrives. */
  for (guint i = 0; i < imported->added->len; i++)
    drama_feed_updater_refresh_feed_async (self->updater,
                                           drama_feed_get_id (imported->added->pdata[i]),
                                           NULL, refreshed_cb, g_object_ref (self));

  added = imported->added->len;
  if (added == 0 && imported->skipped == 0)
    text = g_strdup (_("You already follow every feed of this file"));
  else if (imported->skipped == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feed imported", "%u feeds imported",
                                         added), added);
  else
    /* TRANSLATORS: "3 feeds imported, 1 skipped" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feed imported, %u skipped",
                                         "%u feeds imported, %u skipped", added),
                            added, imported->skipped);
  imported_free (imported);
  drama_feed_list_add_toast (self, drama_toast_new (text));
  start_reload (self);
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

/* ---- object ---- */

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
  g_clear_pointer (&self->rows, g_hash_table_unref);
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

  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[EXPORT_FINISHED] =
    g_signal_new ("export-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramafeedlist");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-feed-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, window_title);
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, list_box);

  gtk_widget_class_install_action (widget_class, "feeds.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "feeds.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "feeds.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "feeds.rename", "x", rename_activated);
  gtk_widget_class_install_action (widget_class, "feeds.remove", "x", remove_activated);
  gtk_widget_class_install_action (widget_class, "feeds.refresh", "x", refresh_activated);
}

static void
drama_feed_list_init (DramaFeedList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Names for screen readers that GTK 4.8 does not give (icon buttons, mnemonics). */
  drama_ui_name_controls (GTK_WIDGET (self));
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
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
  g_signal_connect_swapped (store, "changed::feed", G_CALLBACK (queue_reload), self);
  g_signal_connect_swapped (store, "changed::article", G_CALLBACK (queue_reload), self);
  start_reload (self);

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
drama_feed_list_add_toast (DramaFeedList *self,
                           AdwToast      *toast)
{
  g_return_if_fail (DRAMA_IS_FEED_LIST (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
