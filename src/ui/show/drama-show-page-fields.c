#define G_LOG_DOMAIN "drama-show-page"

#include "config.h"

#include "drama-show-page-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-tz.h"
#include "drama-ui-call.h"
#include "drama-ui-text.h"

/* The header (name, facts, schedule, summary, poster, progress) and the user's status,
 * rating and notes: shown at once, written in the background, the notes once per pause. */

#define NOTES_SAVE_DELAY_MS 600

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static char *
format_years (DramaShow *show)
{
  const char *premiered = drama_show_get_premiered (show);
  const char *ended = drama_show_get_ended (show);

  if (premiered == NULL || strlen (premiered) < 4)
    return NULL;
  if (ended != NULL && strlen (ended) >= 4 && strncmp (premiered, ended, 4) != 0)
    return g_strdup_printf ("%.4s–%.4s", premiered, ended);
  if (ended == NULL && !drama_show_is_ended (show))
    return g_strdup_printf (_("%.4s–"), premiered);
  return g_strdup_printf ("%.4s", premiered);
}

void
_drama_show_page_fill_header (DramaShowPage *self,
                              DramaShow     *show)
{
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *facts_text = NULL;
  g_autofree char *tags_text = NULL;
  g_autofree char *schedule = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *years = format_years (show);
  const char * const *genres = drama_show_get_genres (show);
  const char *original = drama_show_get_original_name (show);

  gtk_label_set_label (self->name_label, drama_show_get_name (show));
  set_label (self->original_label,
             g_strcmp0 (original, drama_show_get_name (show)) != 0 ? original : NULL);

  if (drama_show_get_network (show) != NULL)
    g_ptr_array_add (facts, g_strdup (drama_show_get_network (show)));
  if (drama_show_get_country (show) != NULL)
    g_ptr_array_add (facts, g_strdup (drama_show_get_country (show)));
  if (years != NULL)
    g_ptr_array_add (facts, g_steal_pointer (&years));
  if (drama_show_get_runtime (show) > 0)
    g_ptr_array_add (facts, g_strdup_printf (_("%d min"), drama_show_get_runtime (show)));
  g_ptr_array_add (facts, NULL);
  facts_text = g_strjoinv (" · ", (char **) facts->pdata);
  set_label (self->facts_label, facts_text);

  schedule = drama_tz_format_schedule (drama_show_get_schedule_days (show),
                                       drama_show_get_schedule_time (show),
                                       drama_show_get_timezone (show), self->local,
                                       _drama_show_page_now ());
  set_label (self->schedule_label, schedule);

  if (drama_show_get_status (show) != NULL)
    g_ptr_array_add (tags, g_strdup (drama_show_status_to_label (drama_show_get_status (show))));
  if (genres != NULL && genres[0] != NULL)
    {
      GString *text = g_string_new (NULL);

      for (gsize i = 0; genres[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (text, ", ");
          g_string_append (text, drama_show_genre_to_label (genres[i]));
        }
      g_ptr_array_add (tags, g_string_free (text, FALSE));
    }
  g_ptr_array_add (tags, NULL);
  tags_text = g_strjoinv (" · ", (char **) tags->pdata);
  set_label (self->genres_label, tags_text);

  set_label (self->summary_label, drama_show_get_summary (show));

  if (self->loader != NULL)
    drama_image_loader_set_image (self->loader, GTK_WIDGET (self->poster),
                                  drama_show_get_image_medium (show));

  if (drama_show_get_tvmaze_id (show) > 0)
    {
      /* The URL is built apart so that the translatable string holds no format macro. */
      g_autofree char *url = g_strdup_printf ("https://www.tvmaze.com/shows/%" G_GINT64_FORMAT,
                                              drama_show_get_tvmaze_id (show));

      /* Translators: %s is the show's address on TVmaze. */
      credit = g_strdup_printf (_("Show data from <a href=\"%s\">TVmaze</a>, "
                                  "<a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">CC BY-SA</a>"),
                                url);
    }
  gtk_label_set_markup (self->credit_label, credit != NULL ? credit : "");
  gtk_widget_set_visible (GTK_WIDGET (self->credit_label), credit != NULL);
}

/* From the episodes shown, so that a mark shows in the counts as soon as on its row. */
void
_drama_show_page_fill_progress (DramaShowPage *self)
{
  g_autofree char *text = NULL;
  int total, seen;

  _drama_show_page_count (self, &total, &seen);

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d episode seen",
                                       "%d of %d episodes seen", total), seen, total);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) seen / total : 0.0);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->progress_label)), total > 0);
}

char *
_drama_show_page_get_notes (DramaShowPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_drama_show_page_fill_user_fields (DramaShowPage *self,
                                   DramaShow     *show)
{
  g_autofree char *notes = _drama_show_page_get_notes (self);
  const char *stored = drama_show_get_notes (show);

  self->updating = TRUE;
  adw_combo_row_set_selected (self->status_row, drama_show_get_user_status (show));
  gtk_spin_button_set_value (self->rating_spin, drama_show_get_rating (show));
  /* While the user types, the store lags behind the text: keep the text. */
  if (self->notes_timeout == 0 && g_strcmp0 (notes, stored != NULL ? stored : "") != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                              stored != NULL ? stored : "", -1);
  self->updating = FALSE;
}

typedef struct {
  gint64            show_id;
  DramaWatchStatus  status;
  int               rating;
  char             *notes;
} UserFields;

static void
user_fields_free (gpointer data)
{
  UserFields *fields = data;

  g_free (fields->notes);
  g_free (fields);
}

static gpointer
save_user_fields_job (DramaStore    *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  UserFields *fields = data;

  return DRAMA_UI_JOB_OK (drama_store_set_show_user_fields (store, fields->show_id,
                                                            fields->status, fields->rating,
                                                            fields->notes, error));
}

typedef struct {
  GWeakRef *page;
  gint64    show_id;
} UserCall;

static void
save_user_fields_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  UserCall *call = user_data;
  g_autoptr(DramaShowPage) self = drama_ui_weak_steal (call->page);
  g_autoptr(GError) error = NULL;
  gboolean ok = drama_store_call_finish (DRAMA_STORE (source), result, &error) != NULL;
  gboolean same_show = self != NULL && self->store != NULL && self->show_id == call->show_id;

  g_free (call);
  if (same_show && self->n_user_writes > 0)
    self->n_user_writes--;
  if (ok)
    return;
  if (self == NULL || self->store == NULL)
    {
      g_warning ("Could not save your changes to a show: %s", error->message);
      return;
    }
  _drama_show_page_show_error (self, _("Could not save your changes"), error);
  /* The widgets show what was not saved: back to what the store has. */
  if (same_show)
    _drama_show_page_queue_read (self, SHOW_PAGE_READ_SHOW);
}

/* The widgets already show the change; the store's "changed::show" that follows is this
 * write's own echo, ignored while writes are on their way (n_user_writes). */
void
_drama_show_page_save_user_fields (DramaShowPage *self)
{
  UserFields *fields;
  UserCall *call;

  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  if (self->store == NULL || self->show_id == 0 || !self->loaded)
    return;

  fields = g_new0 (UserFields, 1);
  fields->show_id = self->show_id;
  fields->status = adw_combo_row_get_selected (self->status_row);
  fields->rating = gtk_spin_button_get_value_as_int (self->rating_spin);
  fields->notes = _drama_show_page_get_notes (self);
  call = g_new0 (UserCall, 1);
  call->page = drama_ui_weak_new (self);
  call->show_id = self->show_id;
  self->n_user_writes++;
  /* The user's change: no cancellable, it lands even if the page goes away. */
  drama_ui_call (self->store, G_PRIORITY_DEFAULT, save_user_fields_job, fields, user_fields_free,
                 NULL, NULL, save_user_fields_cb, call);
}

void
_drama_show_page_on_user_field_changed (DramaShowPage *self)
{
  if (self->updating)
    return;
  _drama_show_page_save_user_fields (self);
}

static gboolean
notes_timeout_cb (gpointer user_data)
{
  DramaShowPage *self = user_data;

  self->notes_timeout = 0;
  _drama_show_page_save_user_fields (self);
  return G_SOURCE_REMOVE;
}

void
_drama_show_page_on_notes_changed (GtkTextBuffer *buffer,
                                   DramaShowPage *self)
{
  if (self->updating)
    return;

  /* One write per pause in typing, not one per key. */
  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  self->notes_timeout = g_timeout_add (NOTES_SAVE_DELAY_MS, notes_timeout_cb, self);
}
