#define G_LOG_DOMAIN "drama-person-page"

#include "config.h"

#include "drama-person-page-private.h"

#include <glib/gi18n-lib.h>

#include "drama-ui-call.h"

/* The names the news uses: their aliases as rows (each with its remove button), the
 * entry adding one, and reading them again when the store says they changed. A change is
 * shown at once and written on the store's thread. */

static void save_aliases (DramaPersonPage *self, GStrv aliases);

static void
on_alias_remove_clicked (GtkButton       *button,
                         DramaPersonPage *self)
{
  const char *alias = g_object_get_data (G_OBJECT (button), "drama-alias");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->aliases != NULL && self->aliases[i] != NULL; i++)
    if (g_strcmp0 (self->aliases[i], alias) != 0)
      g_strv_builder_add (builder, self->aliases[i]);
  save_aliases (self, g_strv_builder_end (builder));
}

void
_drama_person_page_update_names (DramaPersonPage *self)
{
  gboolean known = self->person != NULL && drama_person_get_id (self->person) > 0 &&
                   self->store != NULL;
  guint n = self->aliases != NULL ? g_strv_length (self->aliases) : 0;

  for (guint i = 0; i < self->alias_rows->len; i++)
    adw_preferences_group_remove (self->names_group, g_ptr_array_index (self->alias_rows, i));
  g_ptr_array_set_size (self->alias_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *tooltip = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      /* An AdwActionRow's title is markup unless told otherwise: the name is the user's. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->aliases[i]);
      /* TRANSLATORS: the button removing a stage name or nickname; %s is the name */
      tooltip = g_strdup_printf (_("Remove “%s”"), self->aliases[i]);
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data_full (G_OBJECT (remove), "drama-alias", g_strdup (self->aliases[i]),
                              g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_alias_remove_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->names_group, row);
      g_ptr_array_add (self->alias_rows, row);
    }

  _drama_person_page_add_proposal_rows (self);

  if (n > 0)
    {
      g_autofree char *joined = g_strjoinv (", ", self->aliases);
      /* TRANSLATORS: under a person's name: the other names the news uses */
      g_autofree char *text = g_strdup_printf (_("Also known as %s"), joined);

      gtk_label_set_label (self->aliases_label, text);
    }
  else
    gtk_label_set_label (self->aliases_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->aliases_label), n > 0);
  /* A person known only to TVmaze is not in the library: no names to keep. */
  gtk_widget_set_visible (GTK_WIDGET (self->names_group), known);
}

typedef struct {
  gint64  person_id;
  GStrv   aliases;
} AliasArgs;

static void
alias_args_free (gpointer data)
{
  AliasArgs *args = data;

  g_strfreev (args->aliases);
  g_free (args);
}

static gpointer
save_aliases_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  AliasArgs *args = data;

  return DRAMA_UI_JOB_OK (drama_store_set_person_aliases (store, args->person_id,
                                                          (const char * const *) args->aliases,
                                                          error));
}


typedef struct {
  GWeakRef *page;
  gint64    person_id;
  GStrv     before;      /* what the page showed before this change */
} AliasCall;

static void
save_aliases_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AliasCall *call = user_data;
  g_autoptr(DramaPersonPage) self = drama_ui_weak_steal (call->page);
  g_autoptr(GError) error = NULL;
  gboolean ok = drama_store_call_finish (DRAMA_STORE (source), result, &error) != NULL;
  gboolean same = self != NULL && self->person != NULL &&
                  drama_person_get_id (self->person) == call->person_id;
  g_auto(GStrv) before = g_steal_pointer (&call->before);

  g_free (call);
  if (same && self->n_alias_writes > 0)
    self->n_alias_writes--;
  if (ok)
    return;
  if (self == NULL)
    {
      g_warning ("Could not save a person’s names: %s", error->message);
      return;
    }
  _drama_person_page_show_error (self, _("Could not save the names"), error);
  /* The rows show what was not saved: back to what they were, then to what the store has
   * (a read that may fail as the write did). */
  if (same && self->n_alias_writes == 0)
    {
      g_strfreev (self->aliases);
      self->aliases = g_steal_pointer (&before);
      _drama_person_page_update_names (self);
      _drama_person_page_read_names (self);
    }
}

/* The rows show the change at once; the store's "aliases-changed" echo is not read back
 * while writes are on their way. The linker relinks by itself. */
static void
save_aliases (DramaPersonPage *self,
              GStrv            aliases)
{
  AliasArgs *args;
  AliasCall *call;

  if (self->store == NULL || self->person == NULL || drama_person_get_id (self->person) <= 0)
    {
      g_strfreev (aliases);
      return;
    }
  call = g_new0 (AliasCall, 1);
  call->page = drama_ui_weak_new (self);
  call->person_id = drama_person_get_id (self->person);
  call->before = g_steal_pointer (&self->aliases);
  self->aliases = aliases;
  _drama_person_page_update_names (self);

  args = g_new0 (AliasArgs, 1);
  args->person_id = call->person_id;
  args->aliases = g_strdupv (aliases);
  self->n_alias_writes++;
  /* The user's change: no cancellable, it lands even if the page goes away. */
  drama_ui_call (self->store, G_PRIORITY_DEFAULT, save_aliases_job, args, alias_args_free,
                 NULL, NULL, save_aliases_cb, call);
}

static void
on_alias_apply (DramaPersonPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->alias_entry))));
  g_autoptr(GStrvBuilder) builder = NULL;

  if (*text == '\0')
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->alias_entry), "");
  for (guint i = 0; self->aliases != NULL && self->aliases[i] != NULL; i++)
    if (g_utf8_collate (self->aliases[i], text) == 0)
      return;

  builder = g_strv_builder_new ();
  if (self->aliases != NULL)
    g_strv_builder_addv (builder, (const char **) self->aliases);
  g_strv_builder_add (builder, text);
  save_aliases (self, g_strv_builder_end (builder));
}

static gpointer
read_names_job (DramaStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return drama_store_get_person (store, *(gint64 *) data, error);
}

static void
read_names_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaPerson) person = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  DramaPersonPage *self;
  const char * const *aliases;

  /* Cancelled: another person, or the page is gone. Touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (person == NULL)
    {
      _drama_person_page_show_error (self, _("Could not read their names"), error);
      return;
    }
  /* A change of the user's on its way is newer than this read. */
  if (self->n_alias_writes > 0)
    return;
  aliases = drama_person_get_aliases (person);
  g_strfreev (self->aliases);
  self->aliases = aliases != NULL ? g_strdupv ((char **) aliases) : NULL;
  drama_person_set_aliases (self->person, aliases);
  _drama_person_page_update_names (self);
}

void
_drama_person_page_read_names (DramaPersonPage *self)
{
  gint64 *id;

  if (self->store == NULL || self->person == NULL || drama_person_get_id (self->person) <= 0)
    return;
  id = g_new (gint64, 1);
  *id = drama_person_get_id (self->person);
  /* self->cancellable is cancelled before the page goes away: self is safe to pass. */
  drama_ui_call (self->store, G_PRIORITY_HIGH, read_names_job, id, g_free, g_object_unref,
                 self->cancellable, read_names_cb, self);
  if (self->proposals != NULL && self->proposals->len > 0 &&
      ((DramaNameProposal *) g_ptr_array_index (self->proposals, 0))->person_id !=
      drama_person_get_id (self->person))
    g_clear_pointer (&self->proposals, g_ptr_array_unref);
  _drama_person_page_read_proposals (self);
}

void
_drama_person_page_on_aliases_changed (DramaPersonPage *self,
                                       DramaChangeKind  kind,
                                       gint64           id)
{
  if (kind == DRAMA_CHANGE_PERSON && self->person != NULL &&
      drama_person_get_id (self->person) == id && self->n_alias_writes == 0)
    _drama_person_page_read_names (self);
}

void
_drama_person_page_names_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_alias_apply);
}
