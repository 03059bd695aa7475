#define G_LOG_DOMAIN "drama-show-page"

#include "config.h"

#include "drama-show-page.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-application.h"
#include "drama-episode-news.h"
#include "drama-episode-row.h"
#include "drama-related-list.h"
#include "drama-related.h"
#include "drama-person-page.h"
#include "drama-tz.h"
#include "drama-window.h"

#define NOTES_SAVE_DELAY_MS 600

typedef struct {
  int             number;
  AdwExpanderRow *row;
  GPtrArray      *episodes;   /* DramaEpisode, in order */
  gboolean        populated;
} Season;

struct _DramaShowPage
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *error_page;
  GtkScrolledWindow   *scroller;
  GtkPicture          *poster;
  GtkLabel            *name_label;
  GtkLabel            *original_label;
  GtkLabel            *facts_label;
  GtkLabel            *schedule_label;
  GtkLabel            *genres_label;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkLabel            *summary_label;
  AdwComboRow         *status_row;
  GtkSpinButton       *rating_spin;
  GtkTextView         *notes_view;
  AdwPreferencesGroup *cast_group;
  AdwPreferencesGroup *episodes_group;
  AdwViewStack        *tab_stack;
  DramaRelatedList    *related_list;
  GtkLabel            *credit_label;

  DramaStore          *store;
  DramaImageLoader    *loader;
  DramaShow           *show;
  gint64               show_id;
  char                *title;
  GTimeZone           *local;

  GPtrArray           *cast_rows;      /* GtkWidget added to cast_group */
  GPtrArray           *seasons;        /* Season */
  GArray              *episode_ids;    /* ids in the order shown */
  GHashTable          *episode_rows;   /* gint64* id → DramaEpisodeRow (populated only) */

  guint                notes_timeout;
  AdwToast            *undo_toast;     /* weak: the latest Undo offered */
  gboolean             updating;       /* filling widgets: not the user's change */
};

G_DEFINE_FINAL_TYPE (DramaShowPage, drama_show_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SHOW_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
season_free (Season *season)
{
  g_clear_pointer (&season->episodes, g_ptr_array_unref);
  g_free (season);
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

static void
add_toast (DramaShowPage *self,
           AdwToast      *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (DRAMA_IS_WINDOW (root))
    drama_window_add_toast (DRAMA_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_error (DramaShowPage *self,
            const char    *what,
            const GError  *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);

  add_toast (self, adw_toast_new (text));
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
                                       drama_show_get_timezone (show), self->local, now_unix ());
  set_label (self->schedule_label, schedule);

  if (drama_show_get_status (show) != NULL)
    g_ptr_array_add (tags, g_strdup (drama_show_get_status (show)));
  if (genres != NULL && genres[0] != NULL)
    g_ptr_array_add (tags, g_strjoinv (", ", (char **) genres));
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

static void
fill_progress (DramaShowPage *self,
               DramaShow     *show)
{
  g_autofree char *text = NULL;
  int total = drama_show_get_episodes_total (show);
  int seen = drama_show_get_episodes_seen (show);

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d episode seen",
                                       "%d of %d episodes seen", total), seen, total);
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) seen / total : 0.0);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->progress_label)), total > 0);
}

static char *
get_notes (DramaShowPage *self)
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
  g_autofree char *notes = get_notes (self);
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

static void
save_user_fields (DramaShowPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;

  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  if (self->store == NULL || self->show_id == 0)
    return;

  notes = get_notes (self);
  if (!drama_store_set_show_user_fields (self->store, self->show_id,
                                         adw_combo_row_get_selected (self->status_row),
                                         gtk_spin_button_get_value_as_int (self->rating_spin),
                                         notes, &error))
    show_error (self, _("Could not save your changes"), error);
}

static void
on_user_field_changed (DramaShowPage *self)
{
  if (self->updating)
    return;
  save_user_fields (self);
}

static gboolean
notes_timeout_cb (gpointer user_data)
{
  DramaShowPage *self = user_data;

  self->notes_timeout = 0;
  save_user_fields (self);
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

static void
fill_cast (DramaShowPage *self)
{
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->cast_rows->len; i++)
    adw_preferences_group_remove (self->cast_group, g_ptr_array_index (self->cast_rows, i));
  g_ptr_array_set_size (self->cast_rows, 0);

  cast = drama_store_list_cast (self->store, self->show_id, &error);
  if (cast == NULL)
    g_warning ("Could not list the cast: %s", error->message);

  for (guint i = 0; cast != NULL && i < cast->len; i++)
    {
      DramaPerson *person = g_ptr_array_index (cast, i);
      const char *character = drama_person_get_character (person);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *avatar = adw_avatar_new (40, drama_person_get_name (person), TRUE);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), drama_person_get_name (person));
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
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "person", g_object_ref (person), g_object_unref);
          g_signal_connect (row, "activated", G_CALLBACK (on_cast_row_activated), self);
        }

      adw_preferences_group_add (self->cast_group, row);
      g_ptr_array_add (self->cast_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->cast_group), self->cast_rows->len > 0);
}

/* ---- episodes ---- */

/* A show added by hand: its undated episodes can be ticked (see the store's rule). */
static gboolean
is_hand_added (DramaShowPage *self)
{
  return self->show != NULL && drama_show_get_tvmaze_id (self->show) == 0;
}

static void
update_season_subtitle (Season   *season,
                        gboolean  hand_added,
                        gint64    now)
{
  g_autofree char *text = NULL;
  int total = 0, seen = 0, aired = 0;

  for (guint i = 0; i < season->episodes->len; i++)
    {
      DramaEpisode *ep = g_ptr_array_index (season->episodes, i);

      if (drama_episode_get_number (ep) == 0)
        continue;
      total++;
      seen += drama_episode_get_seen (ep);
      aired += drama_episode_is_markable (ep, hand_added, now);
    }

  if (aired < total)
    text = g_strdup_printf (_("%d of %d seen · %d to air"), seen, total, total - aired);
  else
    text = g_strdup_printf (_("%d of %d seen"), seen, total);
  adw_expander_row_set_subtitle (season->row, text);
}

/* Hands ids (ids really changed) to an Undo toast. */
static void
on_undo_seen (AdwToast      *toast,
              DramaShowPage *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (toast), "ids");
  gint64 seen_at = *(gint64 *) g_object_get_data (G_OBJECT (toast), "seen-at");
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && ids != NULL && ids->len > 0 &&
      !drama_store_set_episodes_seen (self->store, (const gint64 *) ids->data, ids->len,
                                      seen_at, NULL, &error))
    show_error (self, _("Could not undo"), error);
}

static void
offer_completed_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DramaShowPage    *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;

  if (g_strcmp0 (response, "complete") != 0 || self->store == NULL || self->show == NULL)
    return;

  notes = get_notes (self);
  if (!drama_store_set_show_user_fields (self->store, self->show_id, DRAMA_WATCH_STATUS_COMPLETED,
                                         gtk_spin_button_get_value_as_int (self->rating_spin),
                                         notes, &error))
    show_error (self, _("Could not save your changes"), error);
}

/* Seeing the last aired episode of a show that has ended: offer to file it as Completed. */
static void
maybe_offer_completed (DramaShowPage *self)
{
  g_autoptr(DramaShow) show = NULL;
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  show = drama_store_get_show (self->store, self->show_id, NULL);
  if (show == NULL || drama_show_get_user_status (show) == DRAMA_WATCH_STATUS_COMPLETED)
    return;
  /* A show added by hand has no "Ended" from TVmaze: the user gave every episode it has. */
  if (drama_show_get_tvmaze_id (show) == 0
      ? (drama_show_get_episodes_total (show) == 0 ||
         drama_show_get_episodes_seen (show) < drama_show_get_episodes_total (show))
      : (!drama_show_is_ended (show) || drama_show_get_episodes_aired (show) == 0 ||
         drama_show_get_episodes_seen (show) < drama_show_get_episodes_aired (show)))
    return;

  heading = g_strdup_printf (_("Finished “%s”?"), drama_show_get_name (show));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("You have seen every episode of this show. "
                                     "Move it to your completed shows?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Not Now"),
                                    "complete", _("Mark _Completed"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "complete",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "complete");
  g_signal_connect_object (dialog, "response", G_CALLBACK (offer_completed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_seen (DramaShowPage *self,
          GArray        *ids,
          gboolean       seen,
          gboolean       with_undo)
{
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seen_at = seen ? now_unix () : 0;

  if (ids->len == 0)
    return;

  if (!drama_store_set_episodes_seen (self->store, (const gint64 *) ids->data, ids->len,
                                      seen_at, &changed, &error))
    {
      show_error (self, _("Could not save your changes"), error);
      return;
    }

  if (with_undo && changed != NULL && changed->len > 0)
    {
      g_autofree char *text = NULL;
      gint64 *undo_seen_at = g_new (gint64, 1);
      AdwToast *toast;

      *undo_seen_at = seen ? 0 : now_unix ();
      text = g_strdup_printf (seen
                              ? g_dngettext (GETTEXT_PACKAGE, "%u episode seen",
                                             "%u episodes seen", changed->len)
                              : g_dngettext (GETTEXT_PACKAGE, "%u episode unseen",
                                             "%u episodes unseen", changed->len),
                              changed->len);
      toast = adw_toast_new (text);
      adw_toast_set_button_label (toast, _("_Undo"));
      /* Undo is only worth anything right now: don't queue it behind older news, and
       * don't let an older Undo come back after this one. */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      if (self->undo_toast != NULL)
        adw_toast_dismiss (self->undo_toast);
      g_set_weak_pointer (&self->undo_toast, toast);
      g_object_set_data_full (G_OBJECT (toast), "ids", g_array_ref (changed),
                              (GDestroyNotify) g_array_unref);
      g_object_set_data_full (G_OBJECT (toast), "seen-at", undo_seen_at, g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_seen), self, 0);
      add_toast (self, toast);
    }

  if (seen && changed != NULL && changed->len > 0)
    maybe_offer_completed (self);
}

static void
on_seen_toggled (DramaEpisodeRow *row,
                 gboolean         seen,
                 DramaShowPage   *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = drama_episode_get_id (drama_episode_row_get_episode (row));

  g_array_append_val (ids, id);
  set_seen (self, ids, seen, FALSE);
}

static void
on_mark_up_to_here (DramaEpisodeRow *row,
                    DramaShowPage   *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  DramaEpisode *target = drama_episode_row_get_episode (row);
  gint64 now = now_unix ();

  /* Every aired episode before it in the order shown (seasons, then numbers). */
  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      for (guint j = 0; j < season->episodes->len; j++)
        {
          DramaEpisode *ep = g_ptr_array_index (season->episodes, j);
          gint64 id = drama_episode_get_id (ep);

          if (!drama_episode_get_seen (ep) && drama_episode_is_markable (ep, is_hand_added (self), now))
            g_array_append_val (ids, id);
          if (drama_episode_get_id (ep) == drama_episode_get_id (target))
            goto done;
        }
    }
done:
  set_seen (self, ids, TRUE, TRUE);
}

static void
season_mark (DramaShowPage *self,
             Season        *season,
             gboolean       seen)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = now_unix ();

  for (guint j = 0; j < season->episodes->len; j++)
    {
      DramaEpisode *ep = g_ptr_array_index (season->episodes, j);
      gint64 id = drama_episode_get_id (ep);

      if (drama_episode_get_seen (ep) != seen &&
          (!seen || drama_episode_is_markable (ep, is_hand_added (self), now)))
        g_array_append_val (ids, id);
    }
  set_seen (self, ids, seen, TRUE);
}

static void
on_season_seen_clicked (GtkButton     *button,
                        DramaShowPage *self)
{
  int number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "season"));

  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      if (season->number == number)
        season_mark (self, season, TRUE);
    }
}

/* RELATED-UI: each episode row lists the articles that name its episode. */
static void
update_episode_news (DramaShowPage *self)
{
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, row;

  if (self->store == NULL || self->show_id == 0 || g_hash_table_size (self->episode_rows) == 0)
    return;
  index = drama_related_index_episode_articles (self->store, self->show_id,
                                                drama_related_get_spoiler_guard (), &error);
  if (index == NULL)
    {
      g_debug ("Could not read the episodes' news: %s", error->message);
      return;
    }
  g_hash_table_iter_init (&iter, self->episode_rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    drama_episode_news_attach (ADW_ACTION_ROW (row), g_hash_table_lookup (index, key));
}

static void
populate_season (DramaShowPage *self,
                 Season        *season)
{
  gint64 now = now_unix ();

  if (season->populated)
    return;
  season->populated = TRUE;

  for (guint j = 0; j < season->episodes->len; j++)
    {
      DramaEpisode *ep = g_ptr_array_index (season->episodes, j);
      DramaEpisodeRow *row = drama_episode_row_new ();
      gint64 *key = g_new (gint64, 1);

      drama_episode_row_set_hand_added (row, is_hand_added (self));
      drama_episode_row_set_episode (row, ep, self->local, now);
      g_signal_connect (row, "seen-toggled", G_CALLBACK (on_seen_toggled), self);
      g_signal_connect (row, "mark-up-to-here", G_CALLBACK (on_mark_up_to_here), self);
      adw_expander_row_add_row (season->row, GTK_WIDGET (row));
      *key = drama_episode_get_id (ep);
      g_hash_table_insert (self->episode_rows, key, row);
    }
  update_episode_news (self);
}

static void
on_season_expanded (AdwExpanderRow *row,
                    GParamSpec     *pspec,
                    DramaShowPage  *self)
{
  /* Rows are made when a season is first opened: a long-running show stays quick. */
  if (!adw_expander_row_get_expanded (row))
    return;

  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      if (season->row == row)
        populate_season (self, season);
    }
}

static void
clear_seasons (DramaShowPage *self)
{
  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      adw_preferences_group_remove (self->episodes_group, GTK_WIDGET (season->row));
    }
  g_ptr_array_set_size (self->seasons, 0);
  g_hash_table_remove_all (self->episode_rows);
  g_array_set_size (self->episode_ids, 0);
}

static gboolean
same_ids (GArray    *ids,
          GPtrArray *episodes)
{
  if (ids->len != episodes->len)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) != drama_episode_get_id (g_ptr_array_index (episodes, i)))
      return FALSE;
  return TRUE;
}

static void
fill_episodes (DramaShowPage *self,
               gboolean       new_show)
{
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) expanded = g_hash_table_new (NULL, NULL);
  gint64 now = now_unix ();
  Season *season = NULL;
  Season *open_season = NULL;

  episodes = drama_store_list_episodes (self->store, self->show_id, &error);
  if (episodes == NULL)
    {
      g_warning ("Could not list the episodes: %s", error->message);
      return;
    }

  if (!new_show && same_ids (self->episode_ids, episodes))
    {
      /* Same episodes (a seen mark changed): update the rows in place, keeping the scroll
       * position and which seasons are open. */
      guint k = 0;

      for (guint i = 0; i < self->seasons->len; i++)
        {
          Season *s = g_ptr_array_index (self->seasons, i);
          guint n = s->episodes->len;

          g_ptr_array_set_size (s->episodes, 0);
          for (guint j = 0; j < n; j++, k++)
            {
              DramaEpisode *ep = g_ptr_array_index (episodes, k);
              gint64 id = drama_episode_get_id (ep);
              DramaEpisodeRow *row = g_hash_table_lookup (self->episode_rows, &id);

              g_ptr_array_add (s->episodes, g_object_ref (ep));
              if (row != NULL)
                drama_episode_row_set_episode (row, ep, self->local, now);
            }
          update_season_subtitle (s, is_hand_added (self), now);
        }
      return;
    }

  for (guint i = 0; !new_show && i < self->seasons->len; i++)
    {
      Season *s = g_ptr_array_index (self->seasons, i);

      if (adw_expander_row_get_expanded (s->row))
        g_hash_table_add (expanded, GINT_TO_POINTER (s->number));
    }
  clear_seasons (self);

  for (guint k = 0; k < episodes->len; k++)
    {
      DramaEpisode *ep = g_ptr_array_index (episodes, k);
      gint64 id = drama_episode_get_id (ep);

      g_array_append_val (self->episode_ids, id);
      if (season == NULL || season->number != drama_episode_get_season (ep))
        {
          GtkWidget *button;

          season = g_new0 (Season, 1);
          season->number = drama_episode_get_season (ep);
          season->episodes = g_ptr_array_new_with_free_func (g_object_unref);
          season->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
          {
            g_autofree char *title = g_strdup_printf (_("Season %d"), season->number);

            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (season->row), title);
          }

          button = gtk_button_new_from_icon_name ("object-select-symbolic");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("Mark Season Seen"));
          gtk_widget_add_css_class (button, "flat");
          g_object_set_data (G_OBJECT (button), "season", GINT_TO_POINTER (season->number));
          g_signal_connect (button, "clicked", G_CALLBACK (on_season_seen_clicked), self);
          adw_expander_row_add_action (season->row, button);

          g_signal_connect (season->row, "notify::expanded", G_CALLBACK (on_season_expanded), self);
          g_ptr_array_add (self->seasons, season);
          adw_preferences_group_add (self->episodes_group, GTK_WIDGET (season->row));
        }
      g_ptr_array_add (season->episodes, g_object_ref (ep));

      /* On a new show, open the season where the user is: the first aired, unseen one. */
      if (open_season == NULL && !drama_episode_get_seen (ep) && drama_episode_get_number (ep) > 0 &&
          drama_episode_is_markable (ep, is_hand_added (self), now))
        open_season = season;
    }

  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *s = g_ptr_array_index (self->seasons, i);

      update_season_subtitle (s, is_hand_added (self), now);
      if (new_show ? s == open_season : g_hash_table_contains (expanded, GINT_TO_POINTER (s->number)))
        adw_expander_row_set_expanded (s->row, TRUE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->episodes_group), self->seasons->len > 0);
}

/* ---- loading ---- */

static void
reload (DramaShowPage *self,
        gboolean       new_show)
{
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GError) error = NULL;

  if (self->show_id == 0 || self->store == NULL)
    {
      g_clear_object (&self->show);
      clear_seasons (self);
      set_title (self, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show = drama_store_get_show (self->store, self->show_id, &error);
  if (show == NULL && g_error_matches (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
    {
      /* Removed from the watchlist meanwhile. */
      drama_show_page_set_show_id (self, 0);
      return;
    }
  if (show == NULL)
    {
      set_title (self, "");
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_set_object (&self->show, show);
  set_title (self, drama_show_get_name (show));
  fill_header (self, show);
  fill_progress (self, show);
  fill_user_fields (self, show);
  fill_cast (self);
  fill_episodes (self, new_show);
  gtk_stack_set_visible_child_name (self->stack, "show");

  if (new_show)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
on_shows_changed (DramaStore       *store,
                  DramaStoreChange *change,
                  DramaShowPage    *self)
{
  if (drama_store_change_has_id (change, self->show_id))
    reload (self, FALSE);
}

static void
on_episodes_changed (DramaStore       *store,
                     DramaStoreChange *change,
                     DramaShowPage    *self)
{
  gint64 show_id = drama_store_change_get_show_id (change);

  if (show_id == 0 || show_id == self->show_id)
    reload (self, FALSE);
}

static void
on_undo_remove (AdwToast      *toast,
                DramaShowPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (toast), "show-id");
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store == NULL)
    return;
  if (!drama_store_set_show_removed (self->store, id, FALSE, &error))
    {
      show_error (self, _("Could not undo"), error);
      return;
    }
  if (DRAMA_IS_WINDOW (root))
    drama_window_show_show (DRAMA_WINDOW (root), id);
  else
    drama_show_page_set_show_id (self, id);
}

static void
on_remove_clicked (DramaShowPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 show_id;
  gint64 *id;
  AdwToast *toast;

  if (self->store == NULL || self->show == NULL)
    return;

  /* No question asked: Undo in the toast is the safety net. The page empties itself as
   * the store says the show is gone, so take what the toast needs first. */
  save_user_fields (self);
  show_id = self->show_id;
  text = g_strdup_printf (_("“%s” removed"), drama_show_get_name (self->show));
  if (!drama_store_set_show_removed (self->store, show_id, TRUE, &error))
    {
      show_error (self, _("Could not remove the show"), error);
      return;
    }

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  id = g_new (gint64, 1);
  *id = show_id;
  g_object_set_data_full (G_OBJECT (toast), "show-id", id, g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove), self, 0);
  drama_show_page_set_show_id (self, 0);
  add_toast (self, toast);
}

/* ---- GObject ---- */

static void
drama_show_page_dispose (GObject *object)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);
  GtkWidget *child;

  if (self->notes_timeout != 0)
    save_user_fields (self);
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
  self->seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) season_free);
  self->episode_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->episode_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

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
      g_signal_connect (store, "changed::show", G_CALLBACK (on_shows_changed), self);
      g_signal_connect (store, "changed::episode", G_CALLBACK (on_episodes_changed), self);
      /* RELATED-UI: the episode rows' "2 articles" follow the links and seen marks. */
      g_signal_connect_swapped (store, "changed::link", G_CALLBACK (update_episode_news), self);
      g_signal_connect_swapped (store, "changed::episode", G_CALLBACK (update_episode_news), self);
    }
  drama_related_list_set_store (self->related_list, store);

  reload (self, TRUE);
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
  if (changed)
    {
      /* Pending notes belong to the show being left. */
      if (self->notes_timeout != 0)
        save_user_fields (self);
      self->show_id = show_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ID]);
    }
  drama_related_list_set_target (self->related_list, DRAMA_ARTICLE_FILTER_SHOW, show_id);

  reload (self, changed);
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
            populate_season (self, season);
            return g_hash_table_lookup (self->episode_rows, &episode_id);
          }
    }
  return NULL;
}
