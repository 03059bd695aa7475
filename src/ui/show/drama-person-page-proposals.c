#define G_LOG_DOMAIN "drama-person-page"

#include "config.h"

#include "drama-person-page-private.h"

#include <glib/gi18n-lib.h>

#include "drama-ui-call.h"

/* The stage names the news proposed for them, under their names: a row each with the
 * article it came from, accepted or dismissed with one click (a job on the store's
 * thread). */

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
void
_drama_person_page_add_proposal_rows (DramaPersonPage *self)
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
  _drama_person_page_update_names (self);
}

void
_drama_person_page_read_proposals (DramaPersonPage *self)
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
    _drama_person_page_show_error (self, _("Could not save your answer"), error);
  /* An accepted name comes back through aliases-changed; either way the row goes. */
  _drama_person_page_read_proposals (self);
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
