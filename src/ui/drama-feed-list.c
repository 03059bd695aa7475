#define G_LOG_DOMAIN "drama-feed-list"

#include "config.h"

#include "drama-feed-list.h"
#include "drama-feed-list-test.h"

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
  GtkToggleButton      *select_button;
  GtkRevealer          *selection_bar;
  GtkButton            *remove_selected_button;

  DramaStore           *store;
  DramaFeedUpdater     *updater;
  GHashTable           *rows;      /* feed id → AdwActionRow (owned by the list box) */
  GPtrArray            *feeds;     /* DramaFeed, as last read (NULL: not yet) */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;  /* every store call; cancelled in dispose */

  /* Selection mode: a check on each row and one Remove for the feeds checked. */
  gboolean              selecting;
  GHashTable           *selected;     /* feed ids (gint64 *) checked */

  /* The feeds an import subscribed, still being fetched for the first time. */
  guint                 import_pending;
  guint                 import_failed;
  guint                 import_total;

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

/* A toast of plain text: AdwToast's title is markup in libadwaita 1.2, and feed names
 * and errors come from outside. */
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

static void update_selection_bar (DramaFeedList *self);

static void
on_check_toggled (GtkCheckButton *check,
                  DramaFeedList  *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (check), FEED_ID_KEY);

  if (id == NULL)
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->selected, g_memdup2 (id, sizeof *id));
  else
    g_hash_table_remove (self->selected, id);
  update_selection_bar (self);
}

static GtkWidget *
make_row (DramaFeedList *self,
          DramaFeed     *feed)
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
  drama_ui_set_tooltip (row, drama_feed_get_url (feed));

  if (self->selecting)
    {
      /* The whole row toggles its check: a wide target, no button beside it to hit by
       * mistake. */
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_hash_table_contains (self->selected, &id));
      g_object_set_data_full (G_OBJECT (check), FEED_ID_KEY, g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
      g_object_set_data (G_OBJECT (row), "drama-check", check);
      /* GTK 4.8 names a check button from nothing around it: the feed's name. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      drama_feed_get_display_title (feed), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
    }

  icon = gtk_image_new_from_icon_name (failed ? "dialog-warning-symbolic"
                                              : "application-rss+xml-symbolic");
  if (failed)
    {
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_add_css_class (row, "feed-error");
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (self->selecting)
    ;
  else if (failed && !drama_feed_get_gone (feed))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               make_button ("view-refresh-symbolic", _("Try Again"),
                                            "feeds.refresh", id));
  if (!self->selecting)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_button ("document-edit-symbolic", _("Rename"),
                                              "feeds.rename", id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_button ("user-trash-symbolic", _("Remove"),
                                              "feeds.remove", id));
    }

  g_object_set_data_full (G_OBJECT (row), FEED_ID_KEY, g_memdup2 (&id, sizeof id), g_free);

  return row;
}

/* What a row shows: a row whose feed still reads the same is kept as it is. */
static char *
row_signature (DramaFeedList *self,
               DramaFeed     *feed)
{
  g_autofree char *subtitle = describe_feed (feed);
  gint64 id = drama_feed_get_id (feed);

  /* Not the check: it is the user's to change in place (select_where sets it too). */
  return g_strdup_printf ("%d|%" G_GINT64_FORMAT "|%d|%s|%s|%s|%s", self->selecting, id,
                          drama_feed_get_gone (feed), drama_feed_get_display_title (feed),
                          subtitle, drama_feed_get_url (feed),
                          drama_feed_get_last_error (feed) ? drama_feed_get_last_error (feed) : "");
}

/* The rows from the feeds last read. Rows are kept where their feed is unchanged and new
 * ones made only for what changed, so a refresh (which reads the feeds every second)
 * does not remake the row under the pointer, nor move the others. */
static void
show_feeds (DramaFeedList *self)
{
  g_autoptr(GHashTable) old_rows = g_steal_pointer (&self->rows);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autofree char *subtitle = NULL;
  GtkWidget *child;
  guint position = 0;

  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < self->feeds->len; i++)
    {
      DramaFeed *feed = g_ptr_array_index (self->feeds, i);
      gint64 id = drama_feed_get_id (feed);
      g_autofree char *signature = row_signature (self, feed);
      GtkWidget *row = g_hash_table_lookup (old_rows, &id);

      if (row == NULL ||
          g_strcmp0 (g_object_get_data (G_OBJECT (row), "drama-signature"), signature) != 0)
        {
          row = make_row (self, feed);
          g_object_set_data_full (G_OBJECT (row), "drama-signature", g_steal_pointer (&signature),
                                  g_free);
        }
      g_hash_table_insert (self->rows, g_memdup2 (&id, sizeof id), row);
      g_ptr_array_add (wanted, row);
    }

  /* Rows no longer wanted go; then each wanted row is put at its place (the kept ones are
   * mostly there already). */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (!g_ptr_array_find (wanted, child, NULL))
        gtk_list_box_remove (self->list_box, child);
      child = next;
    }
  for (guint i = 0; i < wanted->len; i++, position++)
    {
      GtkWidget *row = g_ptr_array_index (wanted, i);
      GtkListBoxRow *there = gtk_list_box_get_row_at_index (self->list_box, (int) position);

      if (GTK_WIDGET (there) == row)
        continue;
      if (gtk_widget_get_parent (row) != NULL)
        {
          g_object_ref (row);
          gtk_list_box_remove (self->list_box, row);
          gtk_list_box_insert (self->list_box, row, (int) position);
          g_object_unref (row);
        }
      else
        gtk_list_box_insert (self->list_box, row, (int) position);
    }

  /* A feed checked and then removed or gone from the list is no longer checked. */
  if (g_hash_table_size (self->selected) > 0)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->selected);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (self->rows, key))
          g_hash_table_iter_remove (&iter);
    }
  update_selection_bar (self);

  gtk_stack_set_visible_child_name (self->stack, self->feeds->len > 0 ? "list" : "empty");
  if (self->selecting)
    return;   /* the subtitle counts the feeds checked (update_selection_bar) */
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
      drama_feed_sort_by_title (feeds);
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

/* ---- remove (asked first), with an Undo of the whole action ---- */

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
      start_reload (restoring->self);
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
      start_reload (self);
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

  start_reload (self);
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
static void
ask_remove (DramaFeedList *self,
            GArray        *ids)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  DramaFeed *feed = ids->len == 1 ? find_feed (self, g_array_index (ids, gint64, 0)) : NULL;
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
  ask_remove (DRAMA_FEED_LIST (widget), ids);
}

/* ---- selection mode ---- */

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

static void
update_selection_bar (DramaFeedList *self)
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
    show_feeds (self);
  update_selection_bar (self);
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
  update_selection_bar (self);
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

  ask_remove (self, selected_ids (self));
}

static void
on_select_toggled (DramaFeedList *self)
{
  drama_feed_list_set_selection_mode (self, gtk_toggle_button_get_active (self->select_button));
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
  queue_reload (self);
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
  g_clear_pointer (&self->selected, g_hash_table_unref);
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
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, select_button);
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, DramaFeedList, remove_selected_button);
  gtk_widget_class_bind_template_callback (widget_class, on_select_toggled);

  gtk_widget_class_install_action (widget_class, "feeds.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "feeds.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "feeds.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "feeds.rename", "x", rename_activated);
  gtk_widget_class_install_action (widget_class, "feeds.remove", "x", remove_activated);
  gtk_widget_class_install_action (widget_class, "feeds.refresh", "x", refresh_activated);
  gtk_widget_class_install_action (widget_class, "feeds.select-failing", NULL,
                                   select_failing_activated);
  gtk_widget_class_install_action (widget_class, "feeds.select-all", NULL, select_all_activated);
  gtk_widget_class_install_action (widget_class, "feeds.remove-selected", NULL,
                                   remove_selected_activated);
}

static void
drama_feed_list_init (DramaFeedList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Names for screen readers that GTK 4.8 does not give (icon buttons, mnemonics). */
  drama_ui_name_controls (GTK_WIDGET (self));
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  update_selection_bar (self);
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
