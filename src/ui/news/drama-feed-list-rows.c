#define G_LOG_DOMAIN "drama-feed-list"

#include "config.h"

#include "drama-feed-list-private.h"

#include <glib/gi18n-lib.h>

#include "drama-article-row.h"
#include "drama-ui-text.h"

/* The rows of the Feeds window: one per feed, with its unread count, when it last
 * updated and why its last fetch failed; its buttons or, in selection mode, its check.
 * The feeds are read again after the store's changes, at most once a second. */

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
  if (drama_feed_get_full_articles (feed))
    {
      g_string_append (text, " · ");
      /* TRANSLATORS: a feed whose articles' pages are loaded (reader mode) */
      g_string_append (text, _("Full articles"));
    }

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
  _drama_feed_list_update_selection_bar (self);
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
                                 make_button ("document-edit-symbolic", _("Edit Feed"),
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

  /* Not the check: it is the user's to change in place (select_where sets it too, in
   * drama-feed-list-selection.c). */
  return g_strdup_printf ("%d|%" G_GINT64_FORMAT "|%d|%s|%s|%s|%s", self->selecting, id,
                          drama_feed_get_gone (feed), drama_feed_get_display_title (feed),
                          subtitle, drama_feed_get_url (feed),
                          drama_feed_get_last_error (feed) ? drama_feed_get_last_error (feed) : "");
}

/* The rows from the feeds last read. Rows are kept where their feed is unchanged and new
 * ones made only for what changed, so a refresh (which reads the feeds every second)
 * does not remake the row under the pointer, nor move the others. */
void
_drama_feed_list_show_feeds (DramaFeedList *self)
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
  _drama_feed_list_update_selection_bar (self);

  gtk_stack_set_visible_child_name (self->stack, self->feeds->len > 0 ? "list" : "empty");
  if (self->selecting)
    return;   /* the subtitle counts the feeds checked (_drama_feed_list_update_selection_bar) */
  if (self->feeds->len > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feed", "%u feeds",
                                             self->feeds->len),
                                self->feeds->len);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}


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
      _drama_feed_list_show_feeds (self);
    }
  /* Changed again while this query ran: its answer may be older than the change. */
  if (self->reload_dirty)
    {
      self->reload_dirty = FALSE;
      _drama_feed_list_start_reload (self);
    }
}

void
_drama_feed_list_start_reload (DramaFeedList *self)
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
  _drama_feed_list_start_reload (self);
  return G_SOURCE_REMOVE;
}

/* After a store change: at once when the last read is a second old, else a second after
 * it (one query for a burst of changes). */
void
_drama_feed_list_queue_reload (DramaFeedList *self)
{
  gint64 since = g_get_monotonic_time () - self->reload_asked_at;

  if (self->reload_running)
    self->reload_dirty = TRUE;
  else if (since >= G_USEC_PER_SEC)
    _drama_feed_list_start_reload (self);
  else if (self->reload_timeout == 0)
    self->reload_timeout = g_timeout_add ((guint) ((G_USEC_PER_SEC - since) / 1000) + 1,
                                          reload_timeout_cb, self);
}

/* The feed as last read (the rows show those), or NULL. */
DramaFeed *
_drama_feed_list_find_feed (DramaFeedList *self,
                            gint64         feed_id)
{
  for (guint i = 0; self->feeds != NULL && i < self->feeds->len; i++)
    if (drama_feed_get_id (g_ptr_array_index (self->feeds, i)) == feed_id)
      return g_ptr_array_index (self->feeds, i);
  return NULL;
}
