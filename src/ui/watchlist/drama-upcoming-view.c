#define G_LOG_DOMAIN "drama-upcoming-view"

#include "config.h"

#include "drama-upcoming-view.h"
#include "drama-upcoming-view-test.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "drama-tz.h"
#include "drama-ui-text.h"

struct _DramaUpcomingView
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkBox             *groups_box;
  AdwStatusPage      *empty_page;

  /* The Watching shows of the application's show list whose next episode is still to
   * air, by air time: derived from the list, never read from the store. */
  DramaShowList      *list;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkCustomSorter    *sorter;
  GtkSortListModel   *sorted;

  gint64              now;       /* the clock the filter, groups and labels use */
  guint               n_episodes;
  guint               tick_id;
};

G_DEFINE_FINAL_TYPE (DramaUpcomingView, drama_upcoming_view, GTK_TYPE_WIDGET)

enum {
  SHOW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  GROUP_TODAY,
  GROUP_TOMORROW,
  GROUP_WEEK,
  GROUP_LATER,
  N_GROUPS
};

/* Calendar days from now to when, counted in local. */
static int
days_between (GTimeZone *local,
              gint64     now,
              gint64     when)
{
  g_autoptr(GDateTime) a = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) b = g_date_time_new_from_unix_local (when);
  g_autoptr(GDateTime) la = g_date_time_to_timezone (a, local);
  g_autoptr(GDateTime) lb = g_date_time_to_timezone (b, local);
  GDate da, db;

  g_date_clear (&da, 1);
  g_date_clear (&db, 1);
  g_date_set_dmy (&da, g_date_time_get_day_of_month (la), g_date_time_get_month (la),
                  g_date_time_get_year (la));
  g_date_set_dmy (&db, g_date_time_get_day_of_month (lb), g_date_time_get_month (lb),
                  g_date_time_get_year (lb));
  return g_date_days_between (&da, &db);
}

static int
group_of (DramaEpisode *episode,
          GTimeZone    *local,
          gint64        now)
{
  gint64 stamp = drama_episode_get_airstamp (episode);
  int days;

  if (stamp == 0)
    {
      int y, m, d;
      g_autoptr(GDateTime) at = NULL;

      if (!drama_tz_parse_date (drama_episode_get_airdate (episode), &y, &m, &d))
        return GROUP_LATER;
      at = g_date_time_new (local, y, m, d, 12, 0, 0);
      stamp = at != NULL ? g_date_time_to_unix (at) : 0;
    }

  days = days_between (local, now, stamp);
  if (days <= 0)
    return GROUP_TODAY;
  if (days == 1)
    return GROUP_TOMORROW;
  if (days < 7)
    return GROUP_WEEK;
  return GROUP_LATER;
}

static void
on_row_activated (AdwActionRow      *row,
                  DramaUpcomingView *self)
{
  gint64 *show_id = g_object_get_data (G_OBJECT (row), "show-id");

  g_signal_emit (self, signals[SHOW_ACTIVATED], 0, *show_id);
}

/* TRUE when name says no more than the number does ("Episode 7" for episode 7), as
 * TVmaze and hand-added shows name episodes without titles. */
static gboolean
is_generic_name (const char *name,
                 int         number)
{
  g_autofree char *generic = NULL;
  g_autofree char *local = NULL;

  if (name == NULL || *name == '\0')
    return TRUE;
  generic = g_strdup_printf ("Episode %d", number);
  /* TRANSLATORS: an episode without a title, as the add-show dialog names it */
  local = g_strdup_printf (_("Episode %d"), number);
  return g_ascii_strcasecmp (name, generic) == 0 || g_strcmp0 (name, local) == 0;
}

/* Under a day's heading the row says the show (title) and the episode once, with only
 * what the heading does not say of when: the time under Today and Tomorrow ("Ep 7 ·
 * 22:00", "in 3 h" today), the weekday this week, the date later. */
static char *
format_when (DramaEpisode *episode,
             GTimeZone    *local,
             gint64        now)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gint64 stamp = drama_episode_get_airstamp (episode);
  int number = drama_episode_get_number (episode);
  const char *name = drama_episode_get_name (episode);
  int group = group_of (episode, local, now);
  int y, m, d;

  if (number > 0 && !is_generic_name (name, number))
    /* TRANSLATORS: an episode's number and title, "Ep 7 — The Wedding" */
    g_ptr_array_add (parts, g_strdup_printf (_("Ep %d — %s"), number, name));
  else if (number > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("Ep %d"), number));
  else if (name != NULL && *name != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("Special: %s"), name));
  else
    g_ptr_array_add (parts, g_strdup (_("Special")));

  if (stamp != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (stamp);
      g_autoptr(GDateTime) at = g_date_time_to_timezone (utc, local);
      /* TRANSLATORS: air times in Upcoming, see g_date_time_format(): today or tomorrow
       * ("22:00"), this week ("Wed 22:00"), later ("Wed 22 May 22:00") */
      const char *format = group <= GROUP_TOMORROW ? _("%H:%M")
                           : group == GROUP_WEEK ? _("%a %H:%M") : _("%a %-d %b %H:%M");

      g_ptr_array_add (parts, g_date_time_format (at, format));
      if (group == GROUP_TODAY)
        g_ptr_array_add (parts, drama_tz_format_relative (stamp, local, now));
    }
  else if (group >= GROUP_WEEK && drama_tz_parse_date (drama_episode_get_airdate (episode), &y, &m, &d))
    {
      g_autoptr(GDateTime) at = g_date_time_new (local, y, m, d, 12, 0, 0);

      if (at != NULL)
        g_ptr_array_add (parts, g_date_time_format (at, group == GROUP_WEEK ? _("%A")
                                                                            : _("%a %-d %b")));
    }
  else if (group == GROUP_LATER)
    g_ptr_array_add (parts, g_strdup (_("Date not announced")));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
make_row (DramaShow *show,
          GTimeZone *local,
          gint64     now)
{
  DramaEpisode *episode = drama_show_get_next_episode (show);
  g_autofree char *subtitle = format_when (episode, local, now);
  gint64 *show_id = g_new (gint64, 1);
  GtkWidget *row = adw_action_row_new ();

  /* Before the title: a show's name is text, and parsed as markup it could not show. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), drama_show_get_name (show));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drama_ui_decorative_icon_new ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  *show_id = drama_show_get_id (show);
  g_object_set_data_full (G_OBJECT (row), "show-id", show_id, g_free);
  return row;
}

/* An empty Upcoming says why: the shows could not be read, or no show is Watching (new
 * shows are planned until their first seen mark), or none of them has an episode to come. */
static void
update_empty (DramaUpcomingView *self)
{
  const char *error = self->list != NULL ? drama_show_list_get_error_message (self->list) : NULL;
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  guint watching = 0, planned = 0;

  if (self->n_episodes > 0)
    return;

  if (error != NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->empty_page, _("Your Shows Could Not Be Read"));
      drama_status_page_set_text (self->empty_page, error);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DramaShow) show = g_list_model_get_item (G_LIST_MODEL (self->list), i);

      watching += drama_show_get_user_status (show) == DRAMA_WATCH_STATUS_WATCHING;
      planned += drama_show_get_user_status (show) == DRAMA_WATCH_STATUS_PLAN_TO_WATCH;
    }

  adw_status_page_set_icon_name (self->empty_page, "x-office-calendar-symbolic");
  adw_status_page_set_title (self->empty_page, _("Nothing Coming Up"));
  if (n == 0)
    drama_status_page_set_text (self->empty_page,
                                _("New episodes of the shows you are watching appear here"));
  else if (watching == 0 && planned > 0)
    drama_status_page_set_text (self->empty_page,
                                _("Upcoming lists the shows you are watching, and yours are "
                                  "all planned. Tick an episode you have seen, or set a "
                                  "show’s status to Watching."));
  else if (watching == 0)
    drama_status_page_set_text (self->empty_page,
                                _("Upcoming lists the shows you are watching, and none of "
                                  "yours is set to Watching."));
  else
    drama_status_page_set_text (self->empty_page,
                                _("No episode of the shows you are watching has been "
                                  "announced yet"));
}

/* Lays the episodes out again, as of self->now: the few Watching shows, in widgets made
 * from objects already in memory. */
static void
rebuild (DramaUpcomingView *self)
{
  static const char *titles[N_GROUPS] = {
    N_("Today"), N_("Tomorrow"), N_("This Week"), N_("Later"),
  };
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  AdwPreferencesGroup *groups[N_GROUPS] = { NULL, };
  GListModel *model = G_LIST_MODEL (self->sorted);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  self->n_episodes = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DramaShow) show = g_list_model_get_item (model, i);
      int group = group_of (drama_show_get_next_episode (show), local, self->now);
      GtkWidget *row;

      if (groups[group] == NULL)
        {
          groups[group] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (groups[group], _(titles[group]));
        }

      row = make_row (show, local, self->now);
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
      adw_preferences_group_add (groups[group], row);
      self->n_episodes++;
    }

  for (int g = 0; g < N_GROUPS; g++)
    if (groups[g] != NULL)
      gtk_box_append (self->groups_box, GTK_WIDGET (groups[g]));

  gtk_stack_set_visible_child_name (self->stack, self->n_episodes > 0 ? "list" : "empty");
  update_empty (self);
}

static gboolean
filter_show (gpointer item,
             gpointer user_data)
{
  DramaUpcomingView *self = user_data;
  DramaShow *show = item;

  return drama_show_get_user_status (show) == DRAMA_WATCH_STATUS_WATCHING &&
         drama_show_list_next_is_upcoming (show, self->now);
}

/* As drama_store_list_upcoming () orders them: air time (a date alone at its start, UTC),
 * then show name, then id. */
static int
compare_shows (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  DramaShow *sa = (DramaShow *) a, *sb = (DramaShow *) b;
  gint64 ka = drama_show_list_next_airing_key (sa);
  gint64 kb = drama_show_list_next_airing_key (sb);
  gint64 ida, idb;
  int cmp;

  if (ka != kb)
    return ka < kb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  cmp = g_strcmp0 (drama_show_get_name (sa), drama_show_get_name (sb));
  if (cmp != 0)
    return gtk_ordering_from_cmpfunc (cmp);
  ida = drama_show_get_id (sa);
  idb = drama_show_get_id (sb);
  return ida < idb ? GTK_ORDERING_SMALLER : ida > idb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

void
drama_upcoming_view_reload (DramaUpcomingView *self,
                            gint64             now)
{
  g_return_if_fail (DRAMA_IS_UPCOMING_VIEW (self));

  self->now = now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
  /* An episode that has aired since drops out; the rest move between the groups. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  rebuild (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  drama_upcoming_view_reload (user_data, 0);
  return G_SOURCE_CONTINUE;
}

static void
drama_upcoming_view_map (GtkWidget *widget)
{
  DramaUpcomingView *self = DRAMA_UPCOMING_VIEW (widget);

  GTK_WIDGET_CLASS (drama_upcoming_view_parent_class)->map (widget);
  /* Relative times ("in 3 h") and groups move with the clock. */
  drama_upcoming_view_reload (self, 0);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (60, tick_cb, self);
}

static void
drama_upcoming_view_unmap (GtkWidget *widget)
{
  DramaUpcomingView *self = DRAMA_UPCOMING_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (drama_upcoming_view_parent_class)->unmap (widget);
}

static void
drama_upcoming_view_dispose (GObject *object)
{
  DramaUpcomingView *self = DRAMA_UPCOMING_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_UPCOMING_VIEW);
  /* The template's top child has no id, so dispose_template leaves it: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (drama_upcoming_view_parent_class)->dispose (object);
}

static void
drama_upcoming_view_class_init (DramaUpcomingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_upcoming_view_dispose;
  widget_class->map = drama_upcoming_view_map;
  widget_class->unmap = drama_upcoming_view_unmap;

  signals[SHOW_ACTIVATED] =
    g_signal_new ("show-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramaupcomingview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-upcoming-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaUpcomingView, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaUpcomingView, groups_box);
  gtk_widget_class_bind_template_child (widget_class, DramaUpcomingView, empty_page);
}

static void
drama_upcoming_view_init (DramaUpcomingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->now = g_get_real_time () / G_USEC_PER_SEC;
  self->filter = gtk_custom_filter_new (filter_show, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sorter = gtk_custom_sorter_new (compare_shows, self, NULL);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (GTK_SORTER (self->sorter)));
  g_signal_connect_swapped (self->sorted, "items-changed", G_CALLBACK (rebuild), self);
}

DramaUpcomingView *
drama_upcoming_view_new (void)
{
  return g_object_new (DRAMA_TYPE_UPCOMING_VIEW, NULL);
}

void
drama_upcoming_view_set_show_list (DramaUpcomingView *self,
                                   DramaShowList     *list)
{
  g_return_if_fail (DRAMA_IS_UPCOMING_VIEW (self));
  g_return_if_fail (list == NULL || DRAMA_IS_SHOW_LIST (list));

  if (self->list == list)
    return;
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_set_object (&self->list, list);
  if (list != NULL)
    {
      /* The empty state's reason follows every show's status, and the list's errors. */
      g_signal_connect_swapped (list, "items-changed", G_CALLBACK (update_empty), self);
      g_signal_connect_swapped (list, "notify::error-message", G_CALLBACK (update_empty), self);
    }
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (list));
  rebuild (self);
}

guint
drama_upcoming_view_get_n_episodes (DramaUpcomingView *self)
{
  g_return_val_if_fail (DRAMA_IS_UPCOMING_VIEW (self), 0);

  return self->n_episodes;
}

const char *
drama_upcoming_view_get_empty_title (DramaUpcomingView *self)
{
  g_return_val_if_fail (DRAMA_IS_UPCOMING_VIEW (self), NULL);

  return adw_status_page_get_title (self->empty_page);
}

const char *
drama_upcoming_view_get_empty_description (DramaUpcomingView *self)
{
  g_return_val_if_fail (DRAMA_IS_UPCOMING_VIEW (self), NULL);

  return adw_status_page_get_description (self->empty_page);
}
