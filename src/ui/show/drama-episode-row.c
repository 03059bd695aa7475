#define G_LOG_DOMAIN "drama-episode-row"

#include "config.h"

#include "drama-episode-row.h"

#include <glib/gi18n-lib.h>

#include "drama-tz.h"
#include "drama-ui-text.h"

struct _DramaEpisodeRow
{
  AdwActionRow    parent_instance;

  GtkCheckButton *check;
  GtkMenuButton  *menu_button;

  DramaEpisode   *episode;
  gboolean        hand_added;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (DramaEpisodeRow, drama_episode_row, ADW_TYPE_ACTION_ROW)

enum {
  SEEN_TOGGLED,
  MARK_UP_TO_HERE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_check_toggled (DramaEpisodeRow *self)
{
  if (self->updating)
    return;

  g_signal_emit (self, signals[SEEN_TOGGLED], 0, gtk_check_button_get_active (self->check));
}

static void
mark_up_to_here (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[MARK_UP_TO_HERE], 0);
}

static void
drama_episode_row_dispose (GObject *object)
{
  DramaEpisodeRow *self = DRAMA_EPISODE_ROW (object);

  g_clear_object (&self->episode);

  G_OBJECT_CLASS (drama_episode_row_parent_class)->dispose (object);
}

static void
drama_episode_row_class_init (DramaEpisodeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_episode_row_dispose;

  signals[SEEN_TOGGLED] =
    g_signal_new ("seen-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[MARK_UP_TO_HERE] =
    g_signal_new ("mark-up-to-here", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "episode.mark-up-to-here", NULL,
                                   mark_up_to_here);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-episode-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaEpisodeRow, check);
  gtk_widget_class_bind_template_child (widget_class, DramaEpisodeRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled);
}

static void
drama_episode_row_init (DramaEpisodeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Names for screen readers that GTK 4.8 does not give (icon buttons, mnemonics). */
  drama_ui_name_controls (GTK_WIDGET (self));
}

DramaEpisodeRow *
drama_episode_row_new (void)
{
  return g_object_new (DRAMA_TYPE_EPISODE_ROW, NULL);
}

/* "22 May 2019 · 22:00" in the user's zone, or the bare date TVmaze gave. */
static char *
format_air_date (DramaEpisode *episode,
                 GTimeZone    *local)
{
  gint64 stamp = drama_episode_get_airstamp (episode);
  int y, m, d;

  if (stamp != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (stamp);
      g_autoptr(GDateTime) at = g_date_time_to_timezone (utc, local);

      /* TRANSLATORS: an episode's air date and time, see g_date_time_format(). No
       * weekday: the row also holds the "2 articles" button, and the line must fit a
       * 360 px window. */
      return g_date_time_format (at, _("%-d %b %Y · %H:%M"));
    }

  if (drama_tz_parse_date (drama_episode_get_airdate (episode), &y, &m, &d))
    {
      g_autoptr(GDateTime) at = g_date_time_new (local, y, m, d, 12, 0, 0);

      /* TRANSLATORS: an episode's air date without a time, see g_date_time_format() */
      return at != NULL ? g_date_time_format (at, _("%-d %b %Y")) : NULL;
    }

  return g_strdup (_("Date not announced"));
}

static gboolean
is_undated (DramaEpisode *episode)
{
  const char *airdate = drama_episode_get_airdate (episode);

  return drama_episode_get_airstamp (episode) == 0 && (airdate == NULL || *airdate == '\0');
}

gboolean
drama_episode_is_markable (DramaEpisode *episode,
                           gboolean      hand_added,
                           gint64        now)
{
  g_return_val_if_fail (DRAMA_IS_EPISODE (episode), FALSE);

  return drama_episode_has_aired (episode, now) || (hand_added && is_undated (episode));
}

void
drama_episode_row_set_hand_added (DramaEpisodeRow *self,
                                  gboolean         hand_added)
{
  g_return_if_fail (DRAMA_IS_EPISODE_ROW (self));

  self->hand_added = !!hand_added;
}

void
drama_episode_row_set_episode (DramaEpisodeRow *self,
                               DramaEpisode    *episode,
                               GTimeZone       *local,
                               gint64           now)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *name;
  gboolean aired;

  g_return_if_fail (DRAMA_IS_EPISODE_ROW (self));
  g_return_if_fail (DRAMA_IS_EPISODE (episode));

  g_set_object (&self->episode, episode);

  name = drama_episode_get_name (episode);
  if (name == NULL || *name == '\0')
    name = _("Untitled");
  if (drama_episode_get_number (episode) > 0)
    title = g_strdup_printf ("%d. %s", drama_episode_get_number (episode), name);
  else
    title = g_strdup_printf (_("Special: %s"), name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  {
    /* TRANSLATORS: what a screen reader says for an episode's ⋮ button; %s is
     * "3. The Title" */
    g_autofree char *menu_name = g_strdup_printf (_("More for “%s”"), title);

    drama_ui_set_accessible_label (GTK_WIDGET (self->menu_button), menu_name);
  }

  aired = drama_episode_is_markable (episode, self->hand_added, now);
  if (aired && is_undated (episode))
    subtitle = g_strdup (_("No air date"));
  else if (aired)
    subtitle = format_air_date (episode, local);
  else
    {
      g_autofree char *when = NULL;

      if (drama_episode_get_airstamp (episode) != 0)
        {
          g_autofree char *date = format_air_date (episode, local);
          g_autofree char *relative = drama_tz_format_relative (drama_episode_get_airstamp (episode),
                                                                local, now);

          when = g_strdup_printf ("%s, %s", date, relative);
        }
      else
        when = format_air_date (episode, local);
      /* TRANSLATORS: an episode still to air, then when: "Upcoming · Wed 22 May … in 3 h" */
      subtitle = g_strdup_printf (_("Upcoming · %s"), when);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  self->updating = TRUE;
  gtk_check_button_set_active (self->check, drama_episode_get_seen (episode));
  self->updating = FALSE;

  /* An episode that has not aired cannot be seen: no ticking it by accident. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->check), aired || drama_episode_get_seen (episode));
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), aired);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), aired);
  if (aired)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drama-upcoming");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "drama-upcoming");
  {
    const char *check_text = aired ? _("Seen") : _("Not aired yet");

    /* Rebound for every episode of a show page opened: no round trip to the display. */
    drama_ui_set_tooltip (GTK_WIDGET (self->check), check_text);
    drama_ui_set_accessible_label (GTK_WIDGET (self->check), check_text);
  }
}

DramaEpisode *
drama_episode_row_get_episode (DramaEpisodeRow *self)
{
  g_return_val_if_fail (DRAMA_IS_EPISODE_ROW (self), NULL);

  return self->episode;
}

GtkCheckButton *
drama_episode_row_get_check (DramaEpisodeRow *self)
{
  g_return_val_if_fail (DRAMA_IS_EPISODE_ROW (self), NULL);

  return self->check;
}
