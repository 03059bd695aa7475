#define G_LOG_DOMAIN "drama-show-page"

#include "config.h"

#include "drama-show-page.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-application.h"
#include "drama-episode-row.h"
#include "drama-person-page.h"
#include "drama-related.h"
#include "drama-show-page-private.h"
#include "drama-tz.h"
#include "drama-ui-call.h"
#include "drama-ui-text.h"
#include "drama-window.h"

/* The show page reads the show, its episodes, cast and the episodes' news in ONE job on
 * the store's thread; a newer show cancels the read of an older one. The store's changes
 * then update it in place: a seen mark touches the rows it names, a link change the
 * episodes' news, a change to another show nothing. */

#define NOTES_SAVE_DELAY_MS 600

G_DEFINE_FINAL_TYPE (DramaShowPage, drama_show_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SHOW_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gint64
_drama_show_page_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
set_title (DramaShowPage *self,
           const char    *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* In the toast overlay the page is in (the window's), else nowhere. */
void
_drama_show_page_add_toast (DramaShowPage *self,
                            AdwToast      *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
_drama_show_page_show_error (DramaShowPage *self,
                             const char    *what,
                             const GError  *error)
{
  _drama_show_page_add_toast (self, drama_toast_new_error (what, error));
}

/* ---- header and user fields ---- */

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

static void
fill_header (DramaShowPage *self,
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

static void
fill_user_fields (DramaShowPage *self,
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

static void
on_user_field_changed (DramaShowPage *self)
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

static void
on_notes_changed (GtkTextBuffer *buffer,
                  DramaShowPage *self)
{
  if (self->updating)
    return;

  /* One write per pause in typing, not one per key. */
  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  self->notes_timeout = g_timeout_add (NOTES_SAVE_DELAY_MS, notes_timeout_cb, self);
}

/* ---- cast ---- */

static void
on_person_show_activated (DramaPersonPage *page,
                          gint64           show_id,
                          DramaShowPage   *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (DRAMA_IS_WINDOW (root))
    {
      drama_window_show_show (DRAMA_WINDOW (root), show_id);
      gtk_window_present (GTK_WINDOW (root));
    }
}

static void
on_cast_row_activated (AdwActionRow  *row,
                       DramaShowPage *self)
{
  DramaPerson *person = g_object_get_data (G_OBJECT (row), "person");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  DramaPersonPage *page;

  if (!DRAMA_IS_APPLICATION (app))
    return;

  page = drama_person_page_open (GTK_WINDOW (root), self->store,
                                 drama_application_get_tvmaze (DRAMA_APPLICATION (app)),
                                 self->loader, person);
  g_signal_connect_object (page, "show-activated", G_CALLBACK (on_person_show_activated), self, 0);
}

/* "Kim Myung-soo (L)": the names the news uses, beside the one TVmaze gives. */
static void
set_cast_title (GtkWidget   *row,
                DramaPerson *person)
{
  g_autofree char *title = drama_person_page_format_name (drama_person_get_name (person),
                                                          drama_person_get_aliases (person));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

static GtkWidget *
find_cast_row (DramaShowPage *self,
               gint64         person_id)
{
  for (guint i = 0; i < self->cast_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->cast_rows, i);
      gint64 *id = g_object_get_data (G_OBJECT (row), "person-id");

      if (id != NULL && *id == person_id)
        return row;
    }
  return NULL;
}

static gpointer
read_person_job (DramaStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return drama_store_get_person (store, *(gint64 *) data, error);
}

static void
read_person_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaPerson) person = drama_store_call_finish (DRAMA_STORE (source), res, &error);
  DramaShowPage *self;
  GtkWidget *row;
  DramaPerson *shown;

  /* Cancelled: another show, or the page is gone. Touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (person == NULL)
    {
      /* Gone from the cast meanwhile, or unreadable: the cast as the store has it. */
      _drama_show_page_queue_read (self, SHOW_PAGE_READ_CAST);
      return;
    }
  row = find_cast_row (self, drama_person_get_id (person));
  if (row == NULL)
    return;
  shown = g_object_get_data (G_OBJECT (row), "person");
  if (shown != NULL)
    drama_person_set_aliases (shown, drama_person_get_aliases (person));
  set_cast_title (row, person);
}

/* A cast member's names changed (on their page, say): that row alone, in place. */
static void
on_aliases_changed (DramaStore      *store,
                    DramaChangeKind  kind,
                    gint64           id,
                    DramaShowPage   *self)
{
  gint64 *person_id;

  if (kind != DRAMA_CHANGE_PERSON || find_cast_row (self, id) == NULL)
    return;
  person_id = g_new (gint64, 1);
  *person_id = id;
  /* read_cancellable is cancelled before the page goes away: self is safe to pass. */
  drama_ui_call (self->store, G_PRIORITY_HIGH, read_person_job, person_id, g_free,
                 g_object_unref, self->read_cancellable, read_person_cb, self);
}

static void
fill_cast (DramaShowPage *self,
           GPtrArray     *cast)
{
  for (guint i = 0; i < self->cast_rows->len; i++)
    adw_preferences_group_remove (self->cast_group, g_ptr_array_index (self->cast_rows, i));
  g_ptr_array_set_size (self->cast_rows, 0);

  for (guint i = 0; cast != NULL && i < cast->len; i++)
    {
      DramaPerson *person = g_ptr_array_index (cast, i);
      const char *character = drama_person_get_character (person);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *avatar = adw_avatar_new (40, drama_person_get_name (person), TRUE);
      gint64 person_id = drama_person_get_id (person);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      set_cast_title (row, person);
      g_object_set_data_full (G_OBJECT (row), "person-id",
                              g_memdup2 (&person_id, sizeof person_id), g_free);
      if (character != NULL && *character != '\0')
        {
          /* TRANSLATORS: the character an actor plays */
          g_autofree char *as = g_strdup_printf (_("as %s"), character);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), as);
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
      if (self->loader != NULL)
        drama_image_loader_set_image (self->loader, avatar, drama_person_get_image_medium (person));

      if (drama_person_get_tvmaze_id (person) > 0)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     drama_ui_decorative_icon_new ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "person", g_object_ref (person), g_object_unref);
          g_signal_connect (row, "activated", G_CALLBACK (on_cast_row_activated), self);
        }

      adw_preferences_group_add (self->cast_group, row);
      g_ptr_array_add (self->cast_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->cast_group), self->cast_rows->len > 0);
}

/* ---- reading the show: one job ---- */

typedef struct {
  gint64   show_id;
  guint    parts;           /* ShowPageRead */
  gboolean spoiler_guard;
  gboolean new_show;
} ReadArgs;

typedef struct {
  gint64      show_id;
  guint       parts;
  gboolean    new_show;
  DramaShow  *show;
  GPtrArray  *episodes;
  GPtrArray  *cast;
  GHashTable *news;
} ReadResult;

static void
read_result_free (gpointer data)
{
  ReadResult *result = data;

  g_clear_object (&result->show);
  g_clear_pointer (&result->episodes, g_ptr_array_unref);
  g_clear_pointer (&result->cast, g_ptr_array_unref);
  g_clear_pointer (&result->news, g_hash_table_unref);
  g_free (result);
}

static gpointer
read_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  ReadArgs *args = data;
  ReadResult *result = g_new0 (ReadResult, 1);
  g_autoptr(GError) news_error = NULL;

  result->show_id = args->show_id;
  result->parts = args->parts;
  result->new_show = args->new_show;

  if ((args->parts & SHOW_PAGE_READ_SHOW) &&
      (result->show = drama_store_get_show (store, args->show_id, error)) == NULL)
    goto failed;
  if ((args->parts & SHOW_PAGE_READ_EPISODES) &&
      (result->episodes = drama_store_list_episodes (store, args->show_id, error)) == NULL)
    goto failed;
  if ((args->parts & SHOW_PAGE_READ_CAST) &&
      (result->cast = drama_store_list_cast (store, args->show_id, error)) == NULL)
    goto failed;
  /* The news decorates the rows: without it the page is still whole. */
  if (args->parts & SHOW_PAGE_READ_NEWS)
    {
      result->news = drama_related_index_episode_articles (store, args->show_id,
                                                           args->spoiler_guard, &news_error);
      if (result->news == NULL)
        {
          g_debug ("Could not read the episodes' news: %s", news_error->message);
          result->parts &= ~SHOW_PAGE_READ_NEWS;
        }
    }
  return result;

failed:
  read_result_free (result);
  return NULL;
}

static void
read_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  ReadResult *result = drama_store_call_finish (DRAMA_STORE (source), res, &error);
  DramaShowPage *self;

  /* Cancelled: another show was opened, or the page is gone. Touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;

  if (result == NULL && g_error_matches (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
    {
      /* Removed from the watchlist meanwhile. */
      drama_show_page_set_show_id (self, 0);
      return;
    }
  if (result == NULL)
    {
      /* The next change, or opening it again, reads it all again. */

      self->failed = TRUE;
      set_title (self, "");
      drama_status_page_set_text (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (result->parts & SHOW_PAGE_READ_SHOW)
    {
      g_set_object (&self->show, result->show);
      set_title (self, drama_show_get_name (result->show));
      fill_header (self, result->show);
      /* A write of the user's own on its way is newer than this read. */
      if (self->n_user_writes == 0)
        fill_user_fields (self, result->show);
    }
  if (result->parts & SHOW_PAGE_READ_CAST)
    fill_cast (self, result->cast);
  if (result->parts & SHOW_PAGE_READ_EPISODES)
    {
      _drama_show_page_fill_episodes (self, result->episodes, result->new_show);
      _drama_show_page_fill_progress (self);
    }
  if (result->parts & SHOW_PAGE_READ_NEWS)
    _drama_show_page_set_news (self, result->news);

  if (result->new_show)
    {
      self->loaded = TRUE;
      self->failed = FALSE;
      gtk_widget_set_sensitive (GTK_WIDGET (self->scroller), TRUE);
      gtk_stack_set_visible_child_name (self->stack, "show");
      /* A show opens on its episodes, at the top. */
      adw_view_stack_set_visible_child_name (self->tab_stack, "episodes");
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  read_result_free (result);
}

static void
start_read (DramaShowPage *self,
            guint          parts,
            gboolean       new_show)
{
  ReadArgs *args = g_new0 (ReadArgs, 1);

  args->show_id = self->show_id;
  args->parts = parts;
  args->new_show = new_show;
  args->spoiler_guard = drama_related_get_spoiler_guard ();
  /* read_cancellable is cancelled before the page goes away: self is safe to pass. */
  drama_ui_call (self->store, G_PRIORITY_HIGH, read_job, args, g_free, read_result_free,
                 self->read_cancellable, read_cb, self);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  DramaShowPage *self = user_data;
  guint parts = self->update_parts;

  self->update_idle = 0;
  self->update_parts = 0;
  /* Until the show is read once, the first read brings everything anyway; after a failed
   * read, everything is read again. */
  if (self->store == NULL || self->show_id == 0 || parts == 0)
    return G_SOURCE_REMOVE;
  if (self->failed)
    start_read (self, SHOW_PAGE_READ_SHOW | SHOW_PAGE_READ_EPISODES | SHOW_PAGE_READ_CAST |
                      SHOW_PAGE_READ_NEWS, TRUE);
  else if (self->loaded)
    start_read (self, parts, FALSE);
  return G_SOURCE_REMOVE;
}

void
_drama_show_page_queue_read (DramaShowPage *self,
                             guint          parts)
{
  /* A refresh sends the show, its episodes and the links one after another: one read. */
  self->update_parts |= parts;
  if (self->update_idle == 0)
    self->update_idle = g_idle_add (update_idle_cb, self);
}

/* Opens show_id (or the empty state): the old reads are cancelled, one job reads it all. */
static void
load (DramaShowPage *self)
{
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  self->read_cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->update_idle, g_source_remove);
  self->update_parts = 0;
  self->loaded = FALSE;
  self->failed = FALSE;
  /* Writes about the show left are not this show's: their echoes name the other id. */
  self->n_user_writes = 0;

  /* The news of the show left must not reach the rows of this one. */
  _drama_show_page_set_news (self, NULL);
  if (self->show_id == 0 || self->store == NULL)
    {
      g_clear_object (&self->show);
      _drama_show_page_clear_seasons (self);
      set_title (self, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* Until it is read, what the page shows is the show left: not to be clicked. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->scroller), FALSE);
  start_read (self, SHOW_PAGE_READ_SHOW | SHOW_PAGE_READ_EPISODES | SHOW_PAGE_READ_CAST |
                    SHOW_PAGE_READ_NEWS, TRUE);
}

/* ---- following the store ---- */

static gboolean
has_news (DramaShowPage *self)
{
  return self->news != NULL && g_hash_table_size (self->news) > 0;
}

static void
on_show_changed (DramaStore       *store,
                 DramaStoreChange *change,
                 DramaShowPage    *self)
{
  guint n_ids;

  drama_store_change_get_ids (change, &n_ids);
  if (self->show_id == 0 || (n_ids > 0 && !drama_store_change_has_id (change, self->show_id)))
    return;

  switch (drama_store_change_get_reason (change))
    {
    case DRAMA_CHANGE_SEEN:
      /* The progress moved: the episode change that came with it says which rows. */
      break;
    case DRAMA_CHANGE_REMOVED:
      if (n_ids > 0)
        drama_show_page_set_show_id (self, 0);
      break;
    case DRAMA_CHANGE_USER:
      /* Status, rating, notes, spoiler guard: the echo of this page's own write while one
       * is on its way, else a change from elsewhere. */
      if (self->n_user_writes == 0)
        _drama_show_page_queue_read (self, SHOW_PAGE_READ_SHOW);
      break;
    default:
      /* A refresh from TVmaze (its episodes follow in "changed::episode"). */
      _drama_show_page_queue_read (self, SHOW_PAGE_READ_SHOW | SHOW_PAGE_READ_CAST);
      break;
    }
}

static void
on_episode_changed (DramaStore       *store,
                    DramaStoreChange *change,
                    DramaShowPage    *self)
{
  gint64 show_id = drama_store_change_get_show_id (change);
  guint parts = SHOW_PAGE_READ_EPISODES;

  if (self->show_id == 0 || (show_id != 0 && show_id != self->show_id))
    return;

  /* A mark this page made is on its rows already; its news come with the mark. */
  if (drama_store_change_get_reason (change) == DRAMA_CHANGE_SEEN &&
      _drama_show_page_apply_seen (self, change))
    return;

  /* A mark made elsewhere moves the spoiler guard of the episodes' news too. */
  if (has_news (self))
    parts |= SHOW_PAGE_READ_NEWS;
  if (drama_store_change_get_reason (change) != DRAMA_CHANGE_SEEN)
    parts |= SHOW_PAGE_READ_SHOW;
  _drama_show_page_queue_read (self, parts);
}

static void
on_link_changed (DramaStore       *store,
                 DramaStoreChange *change,
                 DramaShowPage    *self)
{
  /* The episode rows' "2 articles"; one read for a burst of relinking. */
  if (self->show_id != 0)
    _drama_show_page_queue_read (self, SHOW_PAGE_READ_NEWS);
}

/* ---- removal ---- */

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

static void
on_remove_clicked (DramaShowPage *self)
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

/* ---- GObject ---- */

static void
drama_show_page_dispose (GObject *object)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);
  GtkWidget *child;

  if (self->notes_timeout != 0)
    _drama_show_page_save_user_fields (self);
  /* Answers still on their way find the reads cancelled (the page is not touched). */
  g_cancellable_cancel (self->read_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->read_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->update_idle, g_source_remove);
  if (self->seasons != NULL)
    g_ptr_array_set_size (self->seasons, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_SHOW_PAGE);
  /* The template's top child has no id, so dispose_template leaves it: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->loader);
  g_clear_object (&self->show);
  g_clear_pointer (&self->news, g_hash_table_unref);
  g_clear_weak_pointer (&self->undo_toast);

  G_OBJECT_CLASS (drama_show_page_parent_class)->dispose (object);
}

static void
drama_show_page_finalize (GObject *object)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);

  g_free (self->title);
  g_clear_pointer (&self->cast_rows, g_ptr_array_unref);
  g_clear_pointer (&self->seasons, g_ptr_array_unref);
  g_clear_pointer (&self->episode_ids, g_array_unref);
  g_clear_pointer (&self->episode_rows, g_hash_table_unref);
  g_clear_pointer (&self->pending_seen, g_hash_table_unref);
  g_clear_pointer (&self->local, g_time_zone_unref);

  G_OBJECT_CLASS (drama_show_page_parent_class)->finalize (object);
}

static void
drama_show_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SHOW_ID:
      g_value_set_int64 (value, self->show_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_show_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_ID:
      drama_show_page_set_show_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_show_page_class_init (DramaShowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_show_page_dispose;
  object_class->finalize = drama_show_page_finalize;
  object_class->get_property = drama_show_page_get_property;
  object_class->set_property = drama_show_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_ID] =
    g_param_spec_int64 ("show-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DRAMA_TYPE_EPISODE_ROW);
  g_type_ensure (DRAMA_TYPE_RELATED_LIST);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramashowpage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-show-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, poster);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, original_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, facts_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, schedule_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, genres_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, rating_spin);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, cast_group);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, episodes_group);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, tab_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, related_list);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, credit_label);
  gtk_widget_class_bind_template_callback (widget_class, on_user_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
drama_show_page_init (DramaShowPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  self->title = g_strdup ("");
  self->local = g_time_zone_new_local ();
  self->cast_rows = g_ptr_array_new ();
  self->seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) _drama_show_page_season_free);
  self->episode_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->episode_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pending_seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  self->read_cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->updating = TRUE;
  for (int s = DRAMA_WATCH_STATUS_WATCHING; s <= DRAMA_WATCH_STATUS_DROPPED; s++)
    gtk_string_list_append (statuses, drama_watch_status_to_label (s));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  self->updating = FALSE;

  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed",
                    G_CALLBACK (on_notes_changed), self);

  /* The page scrolls as a whole: the News tab grows with its articles. */
  drama_related_list_set_scrolls (self->related_list, FALSE);
}

DramaShowPage *
drama_show_page_new (void)
{
  return g_object_new (DRAMA_TYPE_SHOW_PAGE, NULL);
}

void
drama_show_page_set_store (DramaShowPage *self,
                           DramaStore    *store)
{
  g_return_if_fail (DRAMA_IS_SHOW_PAGE (self));
  g_return_if_fail (store == NULL || DRAMA_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect (store, "changed::show", G_CALLBACK (on_show_changed), self);
      g_signal_connect (store, "changed::episode", G_CALLBACK (on_episode_changed), self);
      g_signal_connect (store, "changed::link", G_CALLBACK (on_link_changed), self);
      g_signal_connect (store, "aliases-changed", G_CALLBACK (on_aliases_changed), self);
    }
  drama_related_list_set_store (self->related_list, store);

  load (self);
}

DramaStore *
drama_show_page_get_store (DramaShowPage *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), NULL);

  return self->store;
}

void
drama_show_page_set_image_loader (DramaShowPage    *self,
                                  DramaImageLoader *loader)
{
  g_return_if_fail (DRAMA_IS_SHOW_PAGE (self));

  g_set_object (&self->loader, loader);
}

void
drama_show_page_set_show_id (DramaShowPage *self,
                             gint64         show_id)
{
  gboolean changed;

  g_return_if_fail (DRAMA_IS_SHOW_PAGE (self));

  changed = self->show_id != show_id;
  if (!changed)
    {
      /* Opening it again is how to retry a read that failed. */
      if (self->failed)
        load (self);
      return;
    }

  /* Pending notes belong to the show being left. */
  if (self->notes_timeout != 0)
    _drama_show_page_save_user_fields (self);
  self->show_id = show_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ID]);
  drama_related_list_set_target (self->related_list, DRAMA_ARTICLE_FILTER_SHOW, show_id);
  load (self);
}

gint64
drama_show_page_get_show_id (DramaShowPage *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), 0);

  return self->show_id;
}

const char *
drama_show_page_get_title (DramaShowPage *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), NULL);

  return self->title;
}

const char *
drama_show_page_get_progress_text (DramaShowPage *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), NULL);

  return gtk_label_get_label (self->progress_label);
}

GtkWidget *
drama_show_page_get_episode_row (DramaShowPage *self,
                                 gint64         episode_id)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), NULL);

  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      for (guint j = 0; j < season->episodes->len; j++)
        if (drama_episode_get_id (g_ptr_array_index (season->episodes, j)) == episode_id)
          {
            adw_expander_row_set_expanded (season->row, TRUE);
            _drama_show_page_populate_season (self, season);
            return g_hash_table_lookup (self->episode_rows, &episode_id);
          }
    }
  return NULL;
}
