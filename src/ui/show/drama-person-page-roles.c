#define G_LOG_DOMAIN "drama-person-page"

#include "config.h"

#include "drama-person-page-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-ui-call.h"
#include "drama-ui-text.h"

/* The roles come from TVmaze; which of them are on the watchlist is one job on the store's
 * thread for them all, asked again (in place) when a show joins or leaves the watchlist. */

static void
on_role_activated (AdwActionRow    *row,
                   DramaPersonPage *self)
{
  gint64 *show_id = g_object_get_data (G_OBJECT (row), "show-id");

  if (show_id != NULL && *show_id != 0)
    _drama_person_page_emit_show_activated (self, *show_id);
}

/* The row's suffix: "On Watchlist" (show_id > 0, the row opens the show), an Add button, or
 * nothing (not on TVmaze, no store). */
static void on_add_clicked (GtkButton *button, DramaPersonPage *self);

static void
set_row_followed (DramaPersonPage *self,
                  AdwActionRow    *row,
                  gint64           show_id)
{
  GPtrArray *suffixes = g_object_get_data (G_OBJECT (row), "suffixes");
  gint64 *current = g_object_get_data (G_OBJECT (row), "show-id");
  gint64 tvmaze_id = *(gint64 *) g_object_get_data (G_OBJECT (row), "tvmaze-id");

  if (suffixes != NULL && (current != NULL ? *current : 0) == show_id)
    return;
  if (suffixes == NULL)
    {
      suffixes = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (row), "suffixes", suffixes,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  for (guint i = 0; i < suffixes->len; i++)
    adw_action_row_remove (row, g_ptr_array_index (suffixes, i));
  g_ptr_array_set_size (suffixes, 0);

  if (show_id > 0)
    {
      GtkWidget *label = gtk_label_new (_("On Watchlist"));
      GtkWidget *icon = drama_ui_decorative_icon_new ("go-next-symbolic");

      g_object_set_data_full (G_OBJECT (row), "show-id", g_memdup2 (&show_id, sizeof show_id),
                              g_free);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      adw_action_row_add_suffix (row, label);
      adw_action_row_add_suffix (row, icon);
      g_ptr_array_add (suffixes, label);
      g_ptr_array_add (suffixes, icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      return;
    }

  g_object_set_data (G_OBJECT (row), "show-id", NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (tvmaze_id > 0 && self->tvmaze != NULL && self->store != NULL)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Add"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Add to Watchlist"));
      g_object_set_data (G_OBJECT (button), "row", row);
      g_signal_connect (button, "clicked", G_CALLBACK (on_add_clicked), self);
      adw_action_row_add_suffix (row, button);
      g_ptr_array_add (suffixes, button);
    }
}

typedef struct {
  DramaPersonPage *self;
  AdwActionRow    *row;
  GtkButton       *button;
} AddData;

static void
add_data_free (AddData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->row);
  g_object_unref (data->button);
  g_free (data);
}

static void
add_failed (AddData      *data,
            const GError *error)
{
  gtk_widget_set_sensitive (GTK_WIDGET (data->button), TRUE);
  gtk_button_set_label (data->button, _("Add"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (data->button), error->message);
  /* Say why where the user is looking: in place of the role's details. */
  adw_action_row_set_subtitle (data->row, error->message);
}

typedef struct {
  gint64 show_id;
} Restore;

static gpointer
restore_job (DramaStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return DRAMA_UI_JOB_OK (drama_store_set_show_removed (store, ((Restore *) data)->show_id,
                                                        FALSE, error));
}

static void
restore_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AddData *data = user_data;
  g_autoptr(GError) error = NULL;
  gint64 *show_id = g_object_get_data (G_OBJECT (data->button), "added-show-id");

  if (drama_store_call_finish (DRAMA_STORE (source), result, &error) != NULL)
    set_row_followed (data->self, data->row, *show_id);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    add_failed (data, error);
  add_data_free (data);
}

static void
add_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  AddData *data = user_data;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GError) error = NULL;
  Restore *restore;
  gint64 show_id;

  show = drama_tvmaze_refresh_show_finish (DRAMA_TVMAZE (source), result, &error);
  if (show == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_failed (data, error);
      add_data_free (data);
      return;
    }

  if (data->self->store == NULL)
    {
      /* Saved, but the page is gone meanwhile. */
      add_data_free (data);
      return;
    }

  /* A show removed a moment ago (Undo still possible) comes back when added again. */
  show_id = drama_show_get_id (show);
  g_object_set_data_full (G_OBJECT (data->button), "added-show-id",
                          g_memdup2 (&show_id, sizeof show_id), g_free);
  restore = g_new0 (Restore, 1);
  restore->show_id = show_id;
  drama_ui_call (data->self->store, G_PRIORITY_DEFAULT, restore_job, restore, g_free, NULL,
                 data->self->cancellable, restore_cb, data);
}

static void
on_add_clicked (GtkButton       *button,
                DramaPersonPage *self)
{
  AddData *data = g_new0 (AddData, 1);
  AdwActionRow *row = g_object_get_data (G_OBJECT (button), "row");
  gint64 *tvmaze_id = g_object_get_data (G_OBJECT (row), "tvmaze-id");

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  gtk_button_set_label (button, _("Adding…"));
  data->self = g_object_ref (self);
  data->row = g_object_ref (row);
  data->button = g_object_ref (button);
  drama_tvmaze_refresh_show_async (self->tvmaze, self->store, *tvmaze_id, self->cancellable,
                                   add_cb, data);
}

static GtkWidget *
make_role_row (DramaPersonPage *self,
               DramaCredit     *credit,
               GHashTable      *followed)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  DramaShow *show = credit->show;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *poster = gtk_picture_new ();
  const char *premiered = drama_show_get_premiered (show);
  gint64 tvmaze_id = drama_show_get_tvmaze_id (show);
  gint64 *show_id = followed != NULL ? g_hash_table_lookup (followed, &tvmaze_id) : NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), drama_show_get_name (show));

  if (credit->character != NULL && *credit->character != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("as %s"), credit->character));
  if (premiered != NULL && strlen (premiered) >= 4)
    g_ptr_array_add (parts, g_strndup (premiered, 4));
  if (drama_show_get_network (show) != NULL)
    g_ptr_array_add (parts, g_strdup (drama_show_get_network (show)));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_picture_set_content_fit (GTK_PICTURE (poster), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (poster, 32, 46);
  gtk_widget_set_valign (poster, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (poster, "drama-poster");
  gtk_widget_set_overflow (poster, GTK_OVERFLOW_HIDDEN);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), poster);
  if (self->loader != NULL)
    drama_image_loader_set_image (self->loader, poster, drama_show_get_image_medium (show));

  g_object_set_data_full (G_OBJECT (row), "tvmaze-id", g_memdup2 (&tvmaze_id, sizeof tvmaze_id),
                          g_free);
  set_row_followed (self, ADW_ACTION_ROW (row), show_id != NULL ? *show_id : 0);

  g_signal_connect (row, "activated", G_CALLBACK (on_role_activated), self);
  return row;
}

static void
fill_roles (DramaPersonPage *self,
            GHashTable      *followed)
{
  for (guint i = 0; i < self->credits->len; i++)
    {
      GtkWidget *row = make_role_row (self, g_ptr_array_index (self->credits, i), followed);

      adw_preferences_group_add (self->roles_group, row);
      g_ptr_array_add (self->rows, row);
    }

  if (self->credits->len == 0)
    {
      drama_status_page_set_text (self->error_page, _("TVmaze lists no roles."));
      gtk_stack_set_visible_child_name (self->roles_stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->roles_stack, "roles");
}

static void
followed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) followed = drama_ui_find_followed_finish (DRAMA_STORE (source), result,
                                                                  &error);
  DramaPersonPage *self;

  /* Cancelled: another person, or the page is gone. Touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  /* The roles are still worth listing, without their marks: say why they have none. */
  if (followed == NULL)
    _drama_person_page_show_error (self, _("Could not check which of these shows you follow"), error);

  if (self->rows->len == 0)
    {
      gtk_spinner_stop (self->spinner);
      fill_roles (self, followed);
      return;
    }
  for (guint i = 0; followed != NULL && i < self->rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->rows, i);
      gint64 *tvmaze_id = g_object_get_data (G_OBJECT (row), "tvmaze-id");
      gint64 *show_id = g_hash_table_lookup (followed, tvmaze_id);
      GPtrArray *suffixes = g_object_get_data (G_OBJECT (row), "suffixes");

      /* A row whose Add is on its way keeps its "Adding…". */
      if (suffixes != NULL && suffixes->len == 1 &&
          !gtk_widget_get_sensitive (g_ptr_array_index (suffixes, 0)))
        continue;
      set_row_followed (self, row, show_id != NULL ? *show_id : 0);
    }
}

static void
look_up_followed (DramaPersonPage *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->credits->len; i++)
    {
      DramaCredit *credit = g_ptr_array_index (self->credits, i);
      gint64 id = drama_show_get_tvmaze_id (credit->show);

      g_array_append_val (ids, id);
    }
  /* self->cancellable is cancelled before the page goes away: self is safe to pass. */
  drama_ui_find_followed_async (self->store, ids, self->cancellable, followed_cb, self);
}

static gboolean
lookup_idle_cb (gpointer user_data)
{
  DramaPersonPage *self = user_data;

  self->lookup_idle = 0;
  if (self->store != NULL && self->rows->len > 0)
    look_up_followed (self);
  return G_SOURCE_REMOVE;
}

void
_drama_person_page_on_show_changed (DramaPersonPage  *self,
                                    DramaStoreChange *change)
{
  DramaChangeReason reason = drama_store_change_get_reason (change);

  /* A show joined or left the watchlist: the marks, in place (one look-up per burst). */
  if ((reason == DRAMA_CHANGE_ADDED || reason == DRAMA_CHANGE_REMOVED) && self->rows->len > 0 &&
      self->lookup_idle == 0)
    self->lookup_idle = g_idle_add (lookup_idle_cb, self);
}

void
_drama_person_page_credits_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(DramaPersonPage) self = user_data;
  g_autoptr(GPtrArray) credits = NULL;
  g_autoptr(GError) error = NULL;

  credits = drama_tvmaze_get_person_credits_finish (DRAMA_TVMAZE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (credits == NULL)
    {
      gtk_spinner_stop (self->spinner);
      drama_status_page_set_text (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->roles_stack, "error");
      return;
    }

  g_ptr_array_set_size (self->credits, 0);
  for (guint i = 0; i < credits->len; i++)
    g_ptr_array_add (self->credits, drama_credit_copy (g_ptr_array_index (credits, i)));
  if (self->store == NULL)
    {
      gtk_spinner_stop (self->spinner);
      fill_roles (self, NULL);
      return;
    }
  look_up_followed (self);
}
