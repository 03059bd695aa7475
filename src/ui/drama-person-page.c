#define G_LOG_DOMAIN "drama-person-page"

#include "config.h"

#include "drama-person-page.h"
#include "drama-person-page-test.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-related-list.h"
#include "drama-ui-call.h"
#include "drama-ui-text.h"

/* The roles come from TVmaze; which of them are on the watchlist is one job on the store's
 * thread for them all, asked again (in place) when a show joins or leaves the watchlist. */

struct _DramaPersonPage
{
  GtkWidget            parent_instance;

  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *aliases_label;
  AdwPreferencesGroup *names_group;
  AdwEntryRow         *alias_entry;
  GtkStack            *roles_stack;
  DramaRelatedList    *related_list;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  AdwPreferencesGroup *roles_group;

  DramaStore          *store;
  DramaTvmaze         *tvmaze;
  DramaImageLoader    *loader;
  DramaPerson         *person;
  GPtrArray           *credits;      /* DramaCredit, as TVmaze listed them */
  GPtrArray           *rows;         /* AdwActionRow per credit, once looked up */
  GCancellable        *cancellable;  /* this person's fetches and reads */
  guint                lookup_idle;

  GStrv                aliases;      /* as shown: the store's, or the user's change on its way */
  GPtrArray           *alias_rows;   /* AdwActionRow per alias and proposal in names_group */
  guint                n_alias_writes;
  GPtrArray           *proposals;    /* DramaNameProposal: names the news gave them, unanswered */
};

G_DEFINE_FINAL_TYPE (DramaPersonPage, drama_person_page, GTK_TYPE_WIDGET)

enum {
  SHOW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
drama_person_page_format_name (const char         *name,
                               const char * const *aliases)
{
  g_autofree char *joined = NULL;

  if (aliases == NULL || aliases[0] == NULL)
    return g_strdup (name != NULL ? name : "");
  joined = g_strjoinv (", ", (char **) aliases);
  /* TRANSLATORS: a person's name and the other names the news uses, "Kim Myung-soo (L)" */
  return g_strdup_printf (_("%s (%s)"), name != NULL ? name : "", joined);
}

/* Errors reach the user: a toast in the window's overlay, else the console. */
static void
show_error (DramaPersonPage *self,
            const char      *what,
            const GError    *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), drama_toast_new_error (what, error));
  else
    g_warning ("%s: %s", what, error->message);
}

/* ---- the names the news uses ---- */

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

static void answer_proposal (DramaPersonPage *self, GtkButton *button, gboolean accept);

static void
on_proposal_accept_clicked (GtkButton       *button,
                            DramaPersonPage *self)
{
  answer_proposal (self, button, TRUE);
}

static void
on_proposal_dismiss_clicked (GtkButton       *button,
                             DramaPersonPage *self)
{
  answer_proposal (self, button, FALSE);
}

static GtkWidget *
proposal_button (DramaNameProposal *proposal,
                 const char        *icon,
                 const char        *format,
                 GCallback          clicked,
                 DramaPersonPage   *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  g_autofree char *tooltip = g_strdup_printf (format, proposal->name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "drama-proposal-id",
                          g_memdup2 (&proposal->id, sizeof (gint64)), g_free);
  g_signal_connect (button, "clicked", clicked, self);
  return button;
}

/* A row per name the news gave them, with the article it came from: one click adds it to
 * their names, one dismisses it. */
static void
add_proposal_rows (DramaPersonPage *self)
{
  for (guint i = 0; self->proposals != NULL && i < self->proposals->len; i++)
    {
      DramaNameProposal *proposal = g_ptr_array_index (self->proposals, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (proposal->group != NULL)
        /* TRANSLATORS: a proposed stage name: "L (INFINITE)", the name and its group */
        title = g_strdup_printf (_("%s (%s)"), proposal->name, proposal->group);
      else
        title = g_strdup (proposal->name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (proposal->article_title != NULL && proposal->character != NULL)
        /* TRANSLATORS: where a proposed stage name came from: an article's title, a character */
        subtitle = g_strdup_printf (_("Proposed by “%s”, as %s"), proposal->article_title,
                                    proposal->character);
      else if (proposal->character != NULL)
        /* TRANSLATORS: a proposed stage name whose article is gone; %s is a character */
        subtitle = g_strdup_printf (_("Proposed by an article, as %s"), proposal->character);
      else
        subtitle = g_strdup (_("Proposed by an article"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "drama-name-proposal");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
        proposal_button (proposal, "object-select-symbolic",
                         /* TRANSLATORS: accept a proposed stage name; %s is the name */
                         _("Add “%s” to Their Names"), G_CALLBACK (on_proposal_accept_clicked),
                         self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
        proposal_button (proposal, "window-close-symbolic",
                         /* TRANSLATORS: dismiss a proposed stage name; %s is the name */
                         _("Dismiss “%s”"), G_CALLBACK (on_proposal_dismiss_clicked), self));
      adw_preferences_group_add (self->names_group, row);
      g_ptr_array_add (self->alias_rows, row);
    }
}

static void
update_names (DramaPersonPage *self)
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

  add_proposal_rows (self);

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

static void read_names (DramaPersonPage *self);

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
  show_error (self, _("Could not save the names"), error);
  /* The rows show what was not saved: back to what they were, then to what the store has
   * (a read that may fail as the write did). */
  if (same && self->n_alias_writes == 0)
    {
      g_strfreev (self->aliases);
      self->aliases = g_steal_pointer (&before);
      update_names (self);
      read_names (self);
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
  update_names (self);

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
      show_error (self, _("Could not read their names"), error);
      return;
    }
  /* A change of the user's on its way is newer than this read. */
  if (self->n_alias_writes > 0)
    return;
  aliases = drama_person_get_aliases (person);
  g_strfreev (self->aliases);
  self->aliases = aliases != NULL ? g_strdupv ((char **) aliases) : NULL;
  drama_person_set_aliases (self->person, aliases);
  update_names (self);
}

static gpointer
read_proposals_job (DramaStore    *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return drama_store_list_name_proposals (store, *(gint64 *) data, error);
}

static void
read_proposals_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *proposals = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  DramaPersonPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (proposals == NULL)
    {
      /* Proposals are a help: without them the page is whole. */
      g_debug ("No proposed names: %s", error->message);
      return;
    }
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  self->proposals = proposals;
  update_names (self);
}

static void
read_proposals (DramaPersonPage *self)
{
  gint64 *id = g_new (gint64, 1);

  *id = drama_person_get_id (self->person);
  drama_ui_call (self->store, G_PRIORITY_HIGH, read_proposals_job, id, g_free,
                 (GDestroyNotify) g_ptr_array_unref, self->cancellable, read_proposals_cb, self);
}

typedef struct {
  gint64   id;
  gboolean accept;
} Answer;

static gpointer
answer_job (DramaStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Answer *answer = data;

  return DRAMA_UI_JOB_OK (drama_store_resolve_name_proposal (store, answer->id, answer->accept,
                                                             error));
}

static void
answer_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  DramaPersonPage *self;

  drama_store_call_finish (DRAMA_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (error != NULL)
    show_error (self, _("Could not save your answer"), error);
  /* An accepted name comes back through aliases-changed; either way the row goes. */
  read_proposals (self);
}

static void
answer_proposal (DramaPersonPage *self,
                 GtkButton       *button,
                 gboolean         accept)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "drama-proposal-id");
  Answer *answer = g_new0 (Answer, 1);

  answer->id = *id;
  answer->accept = accept;
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  drama_ui_call (self->store, G_PRIORITY_DEFAULT, answer_job, answer, g_free, NULL,
                 self->cancellable, answer_cb, self);
}

static void
read_names (DramaPersonPage *self)
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
  read_proposals (self);
}

static void
on_aliases_changed (DramaPersonPage *self,
                    DramaChangeKind  kind,
                    gint64           id)
{
  if (kind == DRAMA_CHANGE_PERSON && self->person != NULL &&
      drama_person_get_id (self->person) == id && self->n_alias_writes == 0)
    read_names (self);
}

static void
on_role_activated (AdwActionRow    *row,
                   DramaPersonPage *self)
{
  gint64 *show_id = g_object_get_data (G_OBJECT (row), "show-id");

  if (show_id != NULL && *show_id != 0)
    g_signal_emit (self, signals[SHOW_ACTIVATED], 0, *show_id);
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
    show_error (self, _("Could not check which of these shows you follow"), error);

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

static void
on_show_changed (DramaPersonPage  *self,
                 DramaStoreChange *change)
{
  DramaChangeReason reason = drama_store_change_get_reason (change);

  /* A show joined or left the watchlist: the marks, in place (one look-up per burst). */
  if ((reason == DRAMA_CHANGE_ADDED || reason == DRAMA_CHANGE_REMOVED) && self->rows->len > 0 &&
      self->lookup_idle == 0)
    self->lookup_idle = g_idle_add (lookup_idle_cb, self);
}

static void
credits_cb (GObject      *source,
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

void
drama_person_page_set_person (DramaPersonPage *self,
                              DramaPerson     *person)
{
  g_return_if_fail (DRAMA_IS_PERSON_PAGE (self));
  g_return_if_fail (DRAMA_IS_PERSON (person));

  g_set_object (&self->person, person);
  gtk_label_set_label (self->name_label, drama_person_get_name (person));
  g_strfreev (self->aliases);
  self->aliases = drama_person_get_aliases (person) != NULL
                  ? g_strdupv ((char **) drama_person_get_aliases (person)) : NULL;
  self->n_alias_writes = 0;
  /* Their news (a person known only to TVmaze, id 0, has none yet). */
  drama_related_list_set_store (self->related_list, self->store);
  drama_related_list_set_target (self->related_list, DRAMA_ARTICLE_FILTER_PERSON,
                                 drama_person_get_id (person));
  adw_avatar_set_text (self->avatar, drama_person_get_name (person));
  if (self->loader != NULL)
    drama_image_loader_set_image (self->loader, GTK_WIDGET (self->avatar),
                                  drama_person_get_image_medium (person));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->lookup_idle, g_source_remove);
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->roles_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->credits, 0);
  update_names (self);
  read_names (self);

  if (self->tvmaze == NULL || drama_person_get_tvmaze_id (person) <= 0)
    {
      drama_status_page_set_text (self->error_page, _("This person is not on TVmaze."));
      gtk_stack_set_visible_child_name (self->roles_stack, "error");
      return;
    }

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->roles_stack, "loading");
  drama_tvmaze_get_person_credits_async (self->tvmaze, drama_person_get_tvmaze_id (person),
                                         self->cancellable, credits_cb, g_object_ref (self));
}

static void
drama_person_page_dispose (GObject *object)
{
  DramaPersonPage *self = DRAMA_PERSON_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->lookup_idle, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_PERSON_PAGE);
  /* The template's top child has no id, so dispose_template leaves it: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->credits, g_ptr_array_unref);
  g_clear_pointer (&self->alias_rows, g_ptr_array_unref);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  g_clear_pointer (&self->aliases, g_strfreev);
  g_clear_object (&self->store);
  g_clear_object (&self->tvmaze);
  g_clear_object (&self->loader);
  g_clear_object (&self->person);

  G_OBJECT_CLASS (drama_person_page_parent_class)->dispose (object);
}

static void
drama_person_page_class_init (DramaPersonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_person_page_dispose;

  signals[SHOW_ACTIVATED] =
    g_signal_new ("show-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramapersonpage");
  g_type_ensure (DRAMA_TYPE_RELATED_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-person-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, aliases_label);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, names_group);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, alias_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_alias_apply);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, roles_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, related_list);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, roles_group);
}

static void
drama_person_page_init (DramaPersonPage *self)
{
  self->rows = g_ptr_array_new ();
  self->alias_rows = g_ptr_array_new ();
  self->credits = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_credit_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The page scrolls as a whole. */
  drama_related_list_set_scrolls (self->related_list, FALSE);
  /* Their names are edited at the top of the page (names_group), not under News. */
  drama_related_list_set_settings_visible (self->related_list, FALSE);
}

DramaPersonPage *
drama_person_page_new (DramaStore       *store,
                       DramaTvmaze      *tvmaze,
                       DramaImageLoader *loader,
                       GSettings        *settings)
{
  DramaPersonPage *self = g_object_new (DRAMA_TYPE_PERSON_PAGE, NULL);

  g_set_object (&self->store, store);
  g_set_object (&self->tvmaze, tvmaze);
  g_set_object (&self->loader, loader);
  drama_related_list_set_image_loader (self->related_list, loader);
  drama_related_list_set_settings (self->related_list, settings);
  if (store != NULL)
    {
      g_signal_connect_swapped (store, "changed::show", G_CALLBACK (on_show_changed), self);
      g_signal_connect_swapped (store, "aliases-changed", G_CALLBACK (on_aliases_changed), self);
    }
  return self;
}

DramaPerson *
drama_person_page_get_person (DramaPersonPage *self)
{
  g_return_val_if_fail (DRAMA_IS_PERSON_PAGE (self), NULL);

  return self->person;
}

guint
drama_person_page_get_n_roles (DramaPersonPage *self)
{
  g_return_val_if_fail (DRAMA_IS_PERSON_PAGE (self), 0);

  return self->rows->len;
}

DramaPersonPage *
drama_person_page_open (GtkWindow        *parent,
                        DramaStore       *store,
                        DramaTvmaze      *tvmaze,
                        DramaImageLoader *loader,
                        GSettings        *settings,
                        DramaPerson      *person)
{
  DramaPersonPage *page;
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *overlay;
  GtkEventController *controller;

  g_return_val_if_fail (DRAMA_IS_PERSON (person), NULL);

  page = drama_person_page_new (store, tvmaze, loader, settings);
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);

  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (drama_person_get_name (person), NULL));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  /* Its errors (a name not saved, the watchlist not read) are toasts here. */
  overlay = adw_toast_overlay_new ();
  gtk_widget_set_vexpand (overlay, TRUE);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  gtk_box_append (GTK_BOX (box), overlay);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), drama_person_get_name (person));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 640);
  gtk_widget_set_size_request (window, 360, 294);
  /* A dialog over the show it was opened from: one at a time, gone with Escape. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, controller);
  if (parent != NULL)
    {
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
      gtk_window_set_transient_for (GTK_WINDOW (window), parent);
      gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
    }
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  adw_window_set_content (ADW_WINDOW (window), box);
  drama_ui_name_controls (window);

  drama_person_page_set_person (page, person);
  gtk_window_present (GTK_WINDOW (window));
  return page;
}
