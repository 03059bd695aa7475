#define G_LOG_DOMAIN "drama-add-show-dialog"

#include "config.h"

#include "drama-add-show-dialog.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-tz.h"
#include "drama-ui-call.h"
#include "drama-ui-text.h"

/* TVmaze answers the search; which results are followed already is one job on the store's
 * thread for them all. Adding is a job too (the TVmaze client saves in a thread of its own). */

/* TVmaze's English day names, Monday first (GDateTime's weekday order). */
static const char * const day_names[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

struct _DramaAddShowDialog
{
  AdwWindow         parent_instance;

  AdwViewStack     *view_stack;
  GtkSearchEntry   *search_entry;
  GtkStack         *results_stack;
  GtkSpinner       *spinner;
  AdwStatusPage    *error_page;
  GtkListBox       *results_list;
  AdwEntryRow      *title_row;
  AdwEntryRow      *network_row;
  GtkSpinButton    *seasons_spin;
  GtkSpinButton    *episodes_spin;
  GtkBox           *days_box;
  AdwEntryRow      *time_row;
  AdwEntryRow      *first_date_row;
  GtkDropDown      *status_dropdown;
  GtkStringList    *status_list;
  GtkButton        *add_button;

  GtkToggleButton  *day_buttons[7];

  DramaStore       *store;
  DramaTvmaze      *tvmaze;
  DramaImageLoader *loader;
  GCancellable     *search_cancellable;
  GCancellable     *add_cancellable;
  GPtrArray        *results;   /* DramaShow from TVmaze, waiting for the look-up */
  gboolean          adding;
  char             *query;     /* what the results (or the search under way) are for */
  /* Enter came before the results: the first is chosen when they come. */
  gboolean          choose_first;
};

G_DEFINE_FINAL_TYPE (DramaAddShowDialog, drama_add_show_dialog, ADW_TYPE_WINDOW)

enum {
  SHOW_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static DramaWatchStatus
chosen_status (DramaAddShowDialog *self)
{
  return gtk_drop_down_get_selected (self->status_dropdown) == 1
         ? DRAMA_WATCH_STATUS_WATCHING : DRAMA_WATCH_STATUS_PLAN_TO_WATCH;
}

static void
finish_added (DramaAddShowDialog *self,
              gint64              show_id)
{
  g_signal_emit (self, signals[SHOW_ADDED], 0, show_id);
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- search ---- */

static void
clear_results (DramaAddShowDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
}

typedef struct {
  gint64            show_id;
  DramaWatchStatus  status;
  int               rating;
  char             *notes;
} Follow;

static void
follow_free (gpointer data)
{
  Follow *follow = data;

  g_free (follow->notes);
  g_free (follow);
}

/* A show removed a moment ago (Undo still possible) comes back when added again, with the
 * status chosen here. */
static gpointer
follow_job (DramaStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Follow *follow = data;

  return DRAMA_UI_JOB_OK (drama_store_set_show_removed (store, follow->show_id, FALSE, error) &&
                          drama_store_set_show_user_fields (store, follow->show_id, follow->status,
                                                            follow->rating, follow->notes, error));
}

static void
add_failed (DramaAddShowDialog *self,
            const GError       *error)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->results_list), TRUE);
  self->adding = FALSE;
  adw_status_page_set_title (self->error_page, _("The Show Could Not Be Added"));
  drama_status_page_set_text (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->results_stack, "error");
}

typedef struct {
  GWeakRef *dialog;
  gint64    show_id;
} AddCall;

static void
follow_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AddCall *call = user_data;
  g_autoptr(DramaAddShowDialog) self = drama_ui_weak_steal (call->dialog);
  g_autoptr(GError) error = NULL;
  gint64 show_id = call->show_id;

  g_free (call);
  if (drama_store_call_finish (DRAMA_STORE (source), result, &error) == NULL)
    {
      if (self != NULL && self->store != NULL)
        add_failed (self, error);
      else
        g_warning ("Could not add a show: %s", error->message);
      return;
    }
  if (self != NULL && self->store != NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->results_list), TRUE);
      self->adding = FALSE;
      finish_added (self, show_id);
    }
}

static void
add_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(DramaAddShowDialog) self = user_data;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GError) error = NULL;
  Follow *follow;
  AddCall *call;

  show = drama_tvmaze_refresh_show_finish (DRAMA_TVMAZE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;
  if (show == NULL)
    {
      add_failed (self, error);
      return;
    }

  follow = g_new0 (Follow, 1);
  follow->show_id = drama_show_get_id (show);
  follow->status = chosen_status (self);
  follow->rating = drama_show_get_rating (show);
  follow->notes = g_strdup (drama_show_get_notes (show));
  call = g_new0 (AddCall, 1);
  call->dialog = drama_ui_weak_new (self);
  call->show_id = follow->show_id;
  /* The user's change: no cancellable, it lands even if the dialog is closed meanwhile. */
  drama_ui_call (self->store, G_PRIORITY_DEFAULT, follow_job, follow, follow_free, NULL, NULL,
                 follow_cb, call);
}

static void
on_result_activated (AdwActionRow       *row,
                     DramaAddShowDialog *self)
{
  gint64 *followed = g_object_get_data (G_OBJECT (row), "show-id");
  gint64 *tvmaze_id = g_object_get_data (G_OBJECT (row), "tvmaze-id");
  GtkWidget *spinner;

  if (followed != NULL)
    {
      finish_added (self, *followed);
      return;
    }

  /* Fetching cast and episodes takes a moment: show it on the row itself. */
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  adw_action_row_add_suffix (row, spinner);
  /* The entry keeps its focus (an insensitive focused entry upsets GTK); typing meanwhile
   * is simply not searched. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->results_list), FALSE);
  self->adding = TRUE;

  g_cancellable_cancel (self->add_cancellable);
  g_clear_object (&self->add_cancellable);
  self->add_cancellable = g_cancellable_new ();
  drama_tvmaze_refresh_show_async (self->tvmaze, self->store, *tvmaze_id, self->add_cancellable,
                                   add_cb, g_object_ref (self));
}

static GtkWidget *
make_result_row (DramaAddShowDialog *self,
                 DramaShow          *show,
                 GHashTable         *followed)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  gint64 *followed_id;
  const char *premiered = drama_show_get_premiered (show);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *icon = drama_ui_decorative_icon_new ("video-x-generic-symbolic");
  GtkWidget *poster = gtk_picture_new ();
  gint64 *tvmaze_id = g_new (gint64, 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), drama_show_get_name (show));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  if (premiered != NULL && strlen (premiered) >= 4)
    g_ptr_array_add (parts, g_strndup (premiered, 4));
  if (drama_show_get_network (show) != NULL)
    g_ptr_array_add (parts, g_strdup (drama_show_get_network (show)));
  if (drama_show_get_country (show) != NULL)
    g_ptr_array_add (parts, g_strdup (drama_show_get_country (show)));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_size_request (icon, 40, 58);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), icon);
  gtk_picture_set_content_fit (GTK_PICTURE (poster), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (poster, 40, 58);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), poster);
  gtk_widget_set_valign (overlay, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (overlay, 6);
  gtk_widget_set_margin_bottom (overlay, 6);
  gtk_widget_add_css_class (overlay, "drama-poster");
  gtk_widget_set_overflow (overlay, GTK_OVERFLOW_HIDDEN);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), overlay);
  if (self->loader != NULL)
    drama_image_loader_set_image (self->loader, poster, drama_show_get_image_medium (show));

  *tvmaze_id = drama_show_get_tvmaze_id (show);
  g_object_set_data_full (G_OBJECT (row), "tvmaze-id", tvmaze_id, g_free);

  followed_id = followed != NULL ? g_hash_table_lookup (followed, tvmaze_id) : NULL;
  if (followed_id != NULL)
    {
      GtkWidget *label = gtk_label_new (_("On Watchlist"));

      g_object_set_data_full (G_OBJECT (row), "show-id",
                              g_memdup2 (followed_id, sizeof *followed_id), g_free);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               drama_ui_decorative_icon_new ("list-add-symbolic"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect (row, "activated", G_CALLBACK (on_result_activated), self);
  return row;
}

static void
followed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) followed = drama_ui_find_followed_finish (DRAMA_STORE (source), result,
                                                                  &error);
  g_autoptr(GPtrArray) results = NULL;
  DramaAddShowDialog *self;

  /* Cancelled: a newer search, or the dialog is gone. Touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  /* Without the marks the results are still worth showing. */
  if (followed == NULL)
    g_debug ("Could not look up the results on the watchlist: %s", error->message);

  results = g_steal_pointer (&self->results);
  gtk_spinner_stop (self->spinner);
  clear_results (self);
  for (guint i = 0; results != NULL && i < results->len; i++)
    gtk_list_box_append (self->results_list,
                         make_result_row (self, g_ptr_array_index (results, i), followed));

  gtk_stack_set_visible_child_name (self->results_stack,
                                    results != NULL && results->len > 0 ? "results" : "empty");
  if (self->choose_first)
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

      self->choose_first = FALSE;
      if (first != NULL)
        gtk_widget_activate (GTK_WIDGET (first));
    }
}

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DramaAddShowDialog) self = user_data;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  shows = drama_tvmaze_search_finish (DRAMA_TVMAZE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  if (shows == NULL)
    {
      self->choose_first = FALSE;
      gtk_spinner_stop (self->spinner);
      adw_status_page_set_title (self->error_page, _("Search Failed"));
      drama_status_page_set_text (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->results_stack, "error");
      return;
    }

  for (guint i = 0; i < shows->len; i++)
    {
      gint64 id = drama_show_get_tvmaze_id (g_ptr_array_index (shows, i));

      g_array_append_val (ids, id);
    }
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = g_steal_pointer (&shows);
  /* The same cancellable: a newer search drops this answer too. The dialog cancels it
   * before it goes away, so self is safe to pass. */
  drama_ui_find_followed_async (self->store, ids, self->search_cancellable, followed_cb, self);
}

static void
on_search_changed (DramaAddShowDialog *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  if (self->adding)
    return;
  /* Asked already (Enter does not wait for the entry's delay): its answer stands, unless
   * it was an error. */
  if (g_strcmp0 (query, self->query) == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "error") != 0)
    return;

  /* Only the newest query's answer counts. */
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_free (self->query);
  self->query = g_strdup (query);

  if (*query == '\0' || self->tvmaze == NULL)
    {
      self->choose_first = FALSE;
      gtk_spinner_stop (self->spinner);
      clear_results (self);
      gtk_stack_set_visible_child_name (self->results_stack, "start");
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->results_stack, "loading");
  drama_tvmaze_search_async (self->tvmaze, query, self->search_cancellable, search_cb,
                             g_object_ref (self));
}

/* Enter in the entry chooses the first result, as in GNOME's other search lists; typed
 * faster than the answer came, it chooses it when it comes. */
static void
on_search_activate (DramaAddShowDialog *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);
  const char *state = gtk_stack_get_visible_child_name (self->results_stack);
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  if (self->adding || *query == '\0')
    return;
  if (g_strcmp0 (query, self->query) != 0)
    {
      /* The entry waits a moment after a keystroke before it searches: not after Enter. */
      self->choose_first = TRUE;
      on_search_changed (self);
      return;
    }
  if (g_strcmp0 (state, "results") == 0 && first != NULL)
    gtk_widget_activate (GTK_WIDGET (first));
  else if (g_strcmp0 (state, "loading") == 0)
    self->choose_first = TRUE;
}

/* Down from the entry goes to the first result (GTK's own move went to the scrolled
 * window around the list, which shows no focus). */
static gboolean
on_search_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       DramaAddShowDialog    *self)
{
  GtkListBoxRow *first;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "results") != 0)
    return FALSE;

  first = gtk_list_box_get_row_at_index (self->results_list, 0);
  if (first == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

/* And Up from the first result back to the entry, to search again. */
static gboolean
on_results_key_pressed (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        DramaAddShowDialog    *self)
{
  GtkWidget *first = GTK_WIDGET (gtk_list_box_get_row_at_index (self->results_list, 0));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if ((keyval != GDK_KEY_Up && keyval != GDK_KEY_KP_Up) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      first == NULL || focus == NULL || (focus != first && !gtk_widget_is_ancestor (focus, first)))
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* ---- by hand ---- */

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static gboolean
manual_is_valid (DramaAddShowDialog *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *time = gtk_editable_get_text (GTK_EDITABLE (self->time_row));
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->first_date_row));
  gboolean time_ok = *time == '\0' || drama_tz_parse_time (time, NULL, NULL);
  gboolean date_ok = *date == '\0' || drama_tz_parse_date (date, NULL, NULL, NULL);
  g_autofree char *stripped = g_strstrip (g_strdup (title));

  set_row_error (self->time_row, !time_ok);
  set_row_error (self->first_date_row, !date_ok);
  return *stripped != '\0' && time_ok && date_ok;
}

static void
on_manual_changed (DramaAddShowDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), manual_is_valid (self));
}

static void
on_page_changed (DramaAddShowDialog *self)
{
  gboolean manual = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                               "manual") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->add_button), manual);
  if (manual)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The episodes of a show added by hand; with a first air date, dated by the air days. */
static GPtrArray *
make_episodes (DramaAddShowDialog *self,
               const char         *timezone,
               GTimeZone          *local)
{
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) day = NULL;
  const char *time = gtk_editable_get_text (GTK_EDITABLE (self->time_row));
  const char *first = gtk_editable_get_text (GTK_EDITABLE (self->first_date_row));
  int seasons = gtk_spin_button_get_value_as_int (self->seasons_spin);
  int per_season = gtk_spin_button_get_value_as_int (self->episodes_spin);
  gboolean any_day = FALSE;
  int y, m, d;

  for (int i = 0; i < 7; i++)
    any_day |= gtk_toggle_button_get_active (self->day_buttons[i]);

  if (drama_tz_parse_date (first, &y, &m, &d))
    day = g_date_time_new (local, y, m, d, 12, 0, 0);
  if (*time == '\0')
    time = NULL;

  for (int s = 1; s <= seasons; s++)
    for (int e = 1; e <= per_season; e++)
      {
        DramaEpisode *ep = drama_episode_new ();
        g_autofree char *name = g_strdup_printf (_("Episode %d"), e);

        drama_episode_set_season (ep, s);
        drama_episode_set_number (ep, e);
        drama_episode_set_name (ep, name);

        if (day != NULL)
          {
            g_autofree char *airdate = NULL;
            GDateTime *next;

            /* Walk to the next chosen weekday (without days: weekly from the first date). */
            while (any_day &&
                   !gtk_toggle_button_get_active (self->day_buttons[g_date_time_get_day_of_week (day) - 1]))
              {
                next = g_date_time_add_days (day, 1);
                g_date_time_unref (day);
                day = next;
              }

            airdate = g_date_time_format (day, "%Y-%m-%d");
            drama_episode_set_airdate (ep, airdate);
            drama_episode_set_airtime (ep, time);
            drama_episode_set_airstamp (ep, drama_tz_airstamp (airdate, time, timezone, local));

            next = g_date_time_add_days (day, any_day ? 1 : 7);
            g_date_time_unref (day);
            day = next;
          }

        g_ptr_array_add (episodes, ep);
      }

  return g_steal_pointer (&episodes);
}

typedef struct {
  DramaShow *show;
  GPtrArray *episodes;
} SaveArgs;

static void
save_args_free (gpointer data)
{
  SaveArgs *args = data;

  g_object_unref (args->show);
  g_ptr_array_unref (args->episodes);
  g_free (args);
}

/* Returns the new show's id. */
static gpointer
save_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveArgs *args = data;
  gint64 show_id;

  if (!drama_store_save_show (store, args->show, args->episodes, NULL, error))
    return NULL;
  show_id = drama_show_get_id (args->show);
  return g_memdup2 (&show_id, sizeof show_id);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(DramaAddShowDialog) self = drama_ui_weak_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *show_id = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  GtkWidget *msg;

  if (self == NULL || self->store == NULL)
    {
      if (show_id == NULL)
        g_warning ("Could not add a show: %s", error->message);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), manual_is_valid (self));
  if (show_id != NULL)
    {
      finish_added (self, *show_id);
      return;
    }

  msg = adw_message_dialog_new (GTK_WINDOW (self), _("The Show Could Not Be Added"),
                                error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (msg), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (msg));
}

static void
on_add_clicked (DramaAddShowDialog *self)
{
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) days = g_ptr_array_new ();
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *title = NULL;
  SaveArgs *save;
  g_autofree char *network = NULL;
  const char *time = gtk_editable_get_text (GTK_EDITABLE (self->time_row));
  const char *first = gtk_editable_get_text (GTK_EDITABLE (self->first_date_row));
  const char *zone = g_time_zone_get_identifier (local);

  if (!manual_is_valid (self))
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  network = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->network_row))));

  for (int i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->day_buttons[i]))
      g_ptr_array_add (days, (gpointer) day_names[i]);
  g_ptr_array_add (days, NULL);

  /* A zone named after a file ("Local", "/etc/localtime") means nothing to anyone else. */
  if (zone != NULL && (strchr (zone, '/') == NULL || zone[0] == '/'))
    zone = NULL;

  drama_show_set_name (show, title);
  drama_show_set_network (show, *network != '\0' ? network : NULL);
  drama_show_set_schedule_days (show, (const char * const *) days->pdata);
  drama_show_set_schedule_time (show, *time != '\0' ? time : NULL);
  drama_show_set_timezone (show, zone);
  drama_show_set_premiered (show, *first != '\0' ? first : NULL);
  drama_show_set_user_status (show, chosen_status (self));
  drama_show_set_added_at (show, g_get_real_time () / G_USEC_PER_SEC);

  episodes = make_episodes (self, zone, local);
  save = g_new0 (SaveArgs, 1);
  save->show = g_object_ref (show);
  save->episodes = g_ptr_array_ref (episodes);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
  /* The user's change: no cancellable, it lands even if the dialog is closed meanwhile. */
  drama_ui_call (self->store, G_PRIORITY_DEFAULT, save_job, save, save_args_free, NULL, NULL,
                 save_cb, drama_ui_weak_new (self));
}

/* ---- GObject ---- */

static void
drama_add_show_dialog_dispose (GObject *object)
{
  DramaAddShowDialog *self = DRAMA_ADD_SHOW_DIALOG (object);

  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->add_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->add_cancellable);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->tvmaze);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (drama_add_show_dialog_parent_class)->dispose (object);
}

static void
drama_add_show_dialog_class_init (DramaAddShowDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_add_show_dialog_dispose;

  signals[SHOW_ADDED] =
    g_signal_new ("show-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-add-show-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, results_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, results_list);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, network_row);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, seasons_spin);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, episodes_spin);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, days_box);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, first_date_row);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, status_list);
  gtk_widget_class_bind_template_child (widget_class, DramaAddShowDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_manual_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
}

static void
drama_add_show_dialog_init (DramaAddShowDialog *self)
{
  /* A Monday to label the day buttons in the user's language. */
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Names for screen readers that GTK 4.8 does not give (icon buttons, mnemonics). */
  drama_ui_name_controls (GTK_WIDGET (self));

  gtk_string_list_append (self->status_list,
                          drama_watch_status_to_label (DRAMA_WATCH_STATUS_PLAN_TO_WATCH));
  gtk_string_list_append (self->status_list,
                          drama_watch_status_to_label (DRAMA_WATCH_STATUS_WATCHING));

  for (int i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, i);
      g_autofree char *abbrev = g_date_time_format (day, "%a");
      g_autofree char *full = g_date_time_format (day, "%A");
      GtkWidget *button = gtk_toggle_button_new_with_label (abbrev);

      gtk_widget_set_tooltip_text (button, full);
      gtk_box_append (self->days_box, button);
      self->day_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));

  controller = gtk_event_controller_key_new ();
  /* Before the entry's text moves the focus on its own. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_search_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_results_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->results_list), controller);
}

DramaAddShowDialog *
drama_add_show_dialog_new (GtkWindow        *parent,
                           DramaStore       *store,
                           DramaTvmaze      *tvmaze,
                           DramaImageLoader *loader)
{
  DramaAddShowDialog *self;

  g_return_val_if_fail (DRAMA_IS_STORE (store), NULL);

  self = g_object_new (DRAMA_TYPE_ADD_SHOW_DIALOG, "transient-for", parent, NULL);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->store = g_object_ref (store);
  g_set_object (&self->tvmaze, tvmaze);
  g_set_object (&self->loader, loader);
  return self;
}

GtkEditable *
drama_add_show_dialog_get_search_entry (DramaAddShowDialog *self)
{
  g_return_val_if_fail (DRAMA_IS_ADD_SHOW_DIALOG (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkListBox *
drama_add_show_dialog_get_results (DramaAddShowDialog *self)
{
  g_return_val_if_fail (DRAMA_IS_ADD_SHOW_DIALOG (self), NULL);

  return self->results_list;
}

const char *
drama_add_show_dialog_get_state (DramaAddShowDialog *self)
{
  g_return_val_if_fail (DRAMA_IS_ADD_SHOW_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->results_stack);
}
