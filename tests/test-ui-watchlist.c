/* The watchlist under a real display (xvfb-run), against the fake TVmaze server: add a show
 * through the dialog, see it with its progress, tick an episode, remove and undo, add a show
 * by hand and see it in Upcoming, and refresh without losing a seen mark. */
#define G_LOG_DOMAIN "test-ui-watchlist"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "drama-add-show-dialog.h"
#include "drama-application.h"
#include "drama-episode-row.h"
#include "drama-person-page-test.h"
#include "drama-search-view-test.h"
#include "drama-settings.h"
#include "drama-show-page-test.h"
#include "drama-show-refresher.h"
#include "drama-show-row.h"
#include "drama-upcoming-view-test.h"
#include "drama-watchlist-view-test.h"
#include "drama-window-test.h"
#include "drama-window.h"
#include "fake-server.h"
#include "ui-test-common.h"

#define ANGEL_TVMAZE_ID 41163
#define ANGEL_NAME "Angel's Last Mission: Love"

static DramaApplication *app;
static FakeServer *server;
static DramaWindow *window;

/* TVmaze paths → fixture files, as the demo server serves them. */
static const struct {
  const char *path;
  const char *file;
} routes[] = {
  { "/search/shows", "tvmaze/search-angel.json" },
  { "/shows/41163", "tvmaze/show-41163.json" },
  { "/shows/41163/akas", "tvmaze/akas-41163.json" },
  { "/people/20102", "tvmaze/person-20102.json" },
  { "/people/20102/castcredits", "tvmaze/castcredits-20102.json" },
  { "/updates/shows", "tvmaze/updates-day.json" },
};

/* ---- helpers ---- */

/* ---- a desktop notification server on the test's own session bus ----
 * build-aux/test.sh runs the tests under dbus-run-session, a bus with no notification
 * server: GLib would warn (fatal in tests) that a new-episode notification could not be
 * sent. So the test serves org.freedesktop.Notifications itself and records what the app
 * sends. Under a desktop's bus, where the name is taken, nothing is recorded. */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* "summary\nbody" of each notification received; NULL when the name is not ours. */
static GPtrArray *notifications;
static gboolean notifications_name_settled;

static void
notifications_method_call (GDBusConnection       *connection,
                           const char            *sender,
                           const char            *object_path,
                           const char            *interface_name,
                           const char            *method_name,
                           GVariant              *parameters,
                           GDBusMethodInvocation *invocation,
                           gpointer               user_data)
{
  if (g_strcmp0 (method_name, "Notify") == 0)
    {
      const char *summary = NULL, *body = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (notifications, g_strdup_printf ("%s\n%s", summary, body));
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u)", notifications->len));
    }
  else if (g_strcmp0 (method_name, "GetCapabilities") == 0)
    {
      const char *caps[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(^as)", (char **) caps));
    }
  else if (g_strcmp0 (method_name, "GetServerInformation") == 0)
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "test", "dramalist", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
notifications_name_acquired (GDBusConnection *connection,
                             const char      *name,
                             gpointer         user_data)
{
  notifications = g_ptr_array_new_with_free_func (g_free);
  notifications_name_settled = TRUE;
}

static void
notifications_name_lost (GDBusConnection *connection,
                         const char      *name,
                         gpointer         user_data)
{
  g_clear_pointer (&notifications, g_ptr_array_unref);
  notifications_name_settled = TRUE;
}

static gboolean
notifications_settled (gpointer data)
{
  return notifications_name_settled;
}

static void
serve_notifications (GDBusConnection *connection)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_call, NULL, NULL };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (connection == NULL)
    return;

  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_dbus_connection_register_object (connection, "/org/freedesktop/Notifications",
                                                       info->interfaces[0], &vtable,
                                                       NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (connection, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                notifications_name_acquired, notifications_name_lost,
                                NULL, NULL);
  g_assert_true (wait_for (notifications_settled, NULL, 10000));
}

static gboolean
has_notification (gpointer data)
{
  for (guint i = 0; notifications != NULL && i < notifications->len; i++)
    if (g_str_has_prefix (notifications->pdata[i], data))
      return TRUE;

  return FALSE;
}


static GtkButton *
find_shown_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0 &&
        gtk_widget_is_drawable (buttons->pdata[i]))
      return buttons->pdata[i];
  return NULL;
}

static DramaStore *
store (void)
{
  return drama_application_get_store (app);
}

/* ---- the test's own store calls: on the store's thread (store_sync), as the app's ---- */

static gpointer
find_by_tvmaze_id_job (DramaStore    *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return drama_store_find_show_by_tvmaze_id (store, *(gint64 *) data, error);
}

/* The show TVmaze knows by tvmaze_id, or NULL when it is not on the watchlist. */
static DramaShow *
find_by_tvmaze_id (gint64 tvmaze_id)
{
  return store_sync (store (), find_by_tvmaze_id_job, &tvmaze_id);
}

static gpointer
list_shows_job (DramaStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return drama_store_list_shows (store, -1, data, DRAMA_SHOW_SORT_TITLE, error);
}

/* Every show whose names hold text (NULL: all), by title. */
static GPtrArray *
list_shows (const char *text)
{
  GPtrArray *shows = store_sync (store (), list_shows_job, (gpointer) text);

  g_assert_nonnull (shows);
  return shows;
}

static gpointer
list_cast_job (DramaStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return drama_store_list_cast (store, *(gint64 *) data, error);
}

static gpointer
set_status_job (DramaStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  gint64 *args = data;   /* show id, status */

  return drama_store_set_show_user_fields (store, args[0], (DramaWatchStatus) args[1], 0, NULL,
                                           error) ? GINT_TO_POINTER (1) : NULL;
}

/* Sets the show's status (rating and notes cleared), as another window would. */
static void
set_status (DramaStore       *library,
            gint64            show_id,
            DramaWatchStatus  status)
{
  gint64 args[2] = { show_id, status };

  g_assert_nonnull (store_sync (library, set_status_job, args));
}

static DramaAddShowDialog *
find_add_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (DRAMA_IS_ADD_SHOW_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return DRAMA_ADD_SHOW_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
add_dialog_open (gpointer data)
{
  return find_add_dialog () != NULL;
}

static gboolean
add_dialog_closed (gpointer data)
{
  return find_add_dialog () == NULL;
}

static DramaAddShowDialog *
open_add_dialog (void)
{
  DramaAddShowDialog *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (window), "add-show", NULL);
  g_assert_true (wait_for (add_dialog_open, NULL, 5000));
  dialog = find_add_dialog ();
  g_assert_true (wait_for ((Condition) gtk_widget_get_mapped, dialog, 5000));
  return dialog;
}

static gboolean
results_shown (gpointer data)
{
  const char *state = drama_add_show_dialog_get_state (data);

  return g_strcmp0 (state, "results") == 0 || g_strcmp0 (state, "error") == 0 ||
         g_strcmp0 (state, "empty") == 0;
}

/* The watchlist row showing show_id, once the list has drawn it. */
static DramaShowRow *
find_show_row (gint64 show_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (drama_window_get_watchlist_view (window)), DRAMA_TYPE_SHOW_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      DramaShow *show = drama_show_row_get_show (rows->pdata[i]);

      if (show != NULL && drama_show_get_id (show) == show_id && gtk_widget_is_drawable (rows->pdata[i]))
        return rows->pdata[i];
    }
  return NULL;
}

typedef struct {
  gint64      show_id;
  const char *text;
} RowText;

static gboolean
row_progress_is (gpointer data)
{
  RowText *want = data;
  DramaShowRow *row = find_show_row (want->show_id);

  return row != NULL && g_strcmp0 (drama_show_row_get_progress_text (row), want->text) == 0;
}

static gboolean
page_progress_is (gpointer data)
{
  DramaShowPage *page = drama_window_get_show_page (window);

  return g_strcmp0 (drama_show_page_get_progress_text (page), data) == 0;
}

typedef struct {
  DramaShowPage *page;
  gint64         episode_id;
} RowWait;

static gboolean
episode_row_shown (gpointer data)
{
  RowWait *wait = data;

  return drama_show_page_get_episode_row (wait->page, wait->episode_id) != NULL;
}

/* The page reads the show in the background: its row once it is there. */
static GtkWidget *
wait_episode_row (DramaShowPage *page,
                  gint64         episode_id)
{
  RowWait wait = { page, episode_id };

  g_assert_true (wait_for (episode_row_shown, &wait, 5000));
  return drama_show_page_get_episode_row (page, episode_id);
}

static gint64
angel_show_id (void)
{
  g_autoptr(DramaShow) show = find_by_tvmaze_id (ANGEL_TVMAZE_ID);

  return show != NULL ? drama_show_get_id (show) : 0;
}

static gboolean
angel_stored (gpointer data)
{
  return angel_show_id () != 0;
}

static gboolean undo_button_shown (gpointer data);

/* The window as drawn, to DRAMALIST_SHOTS_DIR/shots-showpage-NAME.png when that is set. */
static void
save_shot (const char *name)
{
  const char *dir = g_getenv ("DRAMALIST_SHOTS_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderNode *node = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  if (dir == NULL)
    return;
  spin ();
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  for (int tries = 0; tries < 50 && node == NULL; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        {
          g_usleep (20000);
          spin ();
        }
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  file = g_strdup_printf ("shots-showpage-%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* The show page's tabs, as a click on the switcher picks one. */
static void
open_tab (DramaShowPage *page,
          const char    *name)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK, stacks);
  g_assert_cmpuint (stacks->len, ==, 1);
  adw_view_stack_set_visible_child_name (stacks->pdata[0], name);
  spin ();
}

static gboolean
status_stored_is (gpointer data)
{
  gint64 *args = data;   /* show id, status */
  g_autoptr(DramaShow) show = store_get_show (store (), args[0]);

  return show != NULL && (gint64) drama_show_get_user_status (show) == args[1];
}

static gboolean
episode_stored_seen (gint64 show_id,
                     gint64 episode_id)
{
  g_autoptr(GPtrArray) episodes = store_list_episodes (store (), show_id);

  for (guint i = 0; i < episodes->len; i++)
    if (drama_episode_get_id (episodes->pdata[i]) == episode_id)
      return drama_episode_get_seen (episodes->pdata[i]);
  g_assert_not_reached ();
  return FALSE;
}

static gboolean
episode_unseen (gpointer data)
{
  gint64 *args = data;   /* show id, episode id */

  return !episode_stored_seen (args[0], args[1]);
}

static DramaUpcomingView *
upcoming_view (void)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), DRAMA_TYPE_UPCOMING_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  return views->pdata[0];
}

/* Adds the fixture show through the dialog, as a user would. */
static gint64
add_angel_through_dialog (void)
{
  DramaAddShowDialog *dialog = open_add_dialog ();
  GtkListBox *results = drama_add_show_dialog_get_results (dialog);
  GtkListBoxRow *chosen = NULL;

  gtk_editable_set_text (drama_add_show_dialog_get_search_entry (dialog), "angel");
  g_assert_true (wait_for (results_shown, dialog, 10000));
  g_assert_cmpstr (drama_add_show_dialog_get_state (dialog), ==, "results");

  /* Three results, with year, network and country. */
  for (int i = 0; gtk_list_box_get_row_at_index (results, i) != NULL; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (results, i));

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ANGEL_NAME) == 0)
        {
          chosen = GTK_LIST_BOX_ROW (row);
          g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "2019 · KBS2 · KR");
        }
    }
  g_assert_nonnull (gtk_list_box_get_row_at_index (results, 2));
  g_assert_nonnull (chosen);

  adw_action_row_activate (ADW_ACTION_ROW (chosen));
  g_assert_true (wait_for (angel_stored, NULL, 10000));
  g_assert_true (wait_for (add_dialog_closed, NULL, 5000));

  return angel_show_id ();
}

/* ---- tests ---- */

static gboolean
watchlist_empty (gpointer data)
{
  return drama_watchlist_view_is_empty (drama_window_get_watchlist_view (window));
}

static gboolean
watchlist_not_empty (gpointer data)
{
  return !drama_watchlist_view_is_empty (drama_window_get_watchlist_view (window));
}

typedef struct {
  AdwComboRow *combo;
  guint        selected;
} ComboWait;

static gboolean
combo_selected_is (gpointer data)
{
  ComboWait *wait = data;

  return adw_combo_row_get_selected (wait->combo) == wait->selected;
}

static void
test_add_and_tick (void)
{
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(DramaEpisode) stored = NULL;
  DramaShowPage *page = drama_window_get_show_page (window);
  DramaEpisode *first = NULL;
  GtkWidget *row;
  RowText zero, one;
  gint64 show_id, first_id;

  g_assert_true (wait_for (watchlist_empty, NULL, 5000));

  show_id = add_angel_through_dialog ();
  g_assert_cmpint (show_id, >, 0);

  /* In the store with its cast and episodes, as Plan to Watch. */
  show = store_get_show (store (), show_id);
  g_assert_nonnull (show);
  g_assert_cmpint (drama_show_get_user_status (show), ==, DRAMA_WATCH_STATUS_PLAN_TO_WATCH);
  g_assert_cmpint (drama_show_get_episodes_total (show), ==, 32);
  cast = store_sync (store (), list_cast_job, &show_id);
  g_assert_nonnull (cast);
  g_assert_cmpuint (cast->len, ==, 5);
  g_assert_cmpstr (drama_person_get_name (cast->pdata[1]), ==, "Kim Myung-soo");
  g_assert_cmpstr (drama_person_get_character (cast->pdata[1]), ==, "Dan");

  /* The window opened it and the watchlist shows its progress. */
  g_assert_cmpint (drama_show_page_get_show_id (page), ==, show_id);
  g_assert_true (wait_for (watchlist_not_empty, NULL, 5000));
  zero = (RowText) { show_id, "0 / 32" };
  g_assert_true (wait_for (row_progress_is, &zero, 5000));
  g_assert_true (wait_for (page_progress_is, (gpointer) "0 of 32 episodes seen", 5000));

  /* Upcoming is empty, and says why: the new show is only planned. */
  g_assert_cmpuint (drama_upcoming_view_get_n_episodes (upcoming_view ()), ==, 0);
  g_assert_nonnull (strstr (drama_upcoming_view_get_empty_description (upcoming_view ()),
                            "all planned"));

  /* Its first episode is in view as it opens, at the window's default size, clear of a
   * toast at the bottom (the "added" toast shows right then). */
  episodes = store_list_episodes (store (), show_id);
  for (guint i = 0; i < episodes->len && first == NULL; i++)
    if (drama_episode_get_number (episodes->pdata[i]) == 1)
      first = episodes->pdata[i];
  g_assert_nonnull (first);
  row = wait_episode_row (page, drama_episode_get_id (first));
  g_assert_true (DRAMA_IS_EPISODE_ROW (row));
  {
    g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();
    graphene_rect_t bounds;
    GtkWidget *scroller;

    collect_widgets (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, scrollers);
    /* The page's own, the one on screen (the status pages have theirs). */
    scroller = NULL;
    for (guint i = 0; i < scrollers->len && scroller == NULL; i++)
      if (gtk_widget_is_drawable (scrollers->pdata[i]))
        scroller = scrollers->pdata[i];
    g_assert_nonnull (scroller);
    spin ();
    g_assert_true (gtk_widget_compute_bounds (row, scroller, &bounds));
    g_test_message ("first episode row at y %.0f–%.0f of a %d px page", bounds.origin.y,
                    bounds.origin.y + bounds.size.height, gtk_widget_get_height (scroller));
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller) - 80);
    save_shot ("window-added");
  }

  /* Tick episode 1 (aired in 2019) on the page. */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (drama_episode_row_get_check (DRAMA_EPISODE_ROW (row)))));
  gtk_check_button_set_active (drama_episode_row_get_check (DRAMA_EPISODE_ROW (row)), TRUE);
  /* The page shows the mark at once, before the store has it. */
  g_assert_cmpstr (drama_show_page_get_progress_text (page), ==, "1 of 32 episodes seen");

  one = (RowText) { show_id, "1 / 32" };
  g_assert_true (wait_for (row_progress_is, &one, 5000));
  g_assert_true (wait_for (page_progress_is, (gpointer) "1 of 32 episodes seen", 5000));

  /* The mark is in the store. */
  first_id = drama_episode_get_id (first);
  g_clear_pointer (&episodes, g_ptr_array_unref);
  episodes = store_list_episodes (store (), show_id);
  for (guint i = 0; i < episodes->len; i++)
    if (drama_episode_get_id (episodes->pdata[i]) == first_id)
      stored = g_object_ref (episodes->pdata[i]);
  g_assert_nonnull (stored);
  g_assert_true (drama_episode_get_seen (stored));

  /* The first seen mark of a planned show: the user is watching it now. The toast's Undo
   * takes back both the mark and the move. */
  {
    gint64 watching[2] = { show_id, DRAMA_WATCH_STATUS_WATCHING };
    gint64 planned[2] = { show_id, DRAMA_WATCH_STATUS_PLAN_TO_WATCH };
    gint64 unseen[2] = { show_id, first_id };
    g_autoptr(GPtrArray) combos = g_ptr_array_new ();

    g_assert_true (wait_for (status_stored_is, watching, 5000));
    collect_widgets (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, combos);
    {
      ComboWait moved = { combos->pdata[0], DRAMA_WATCH_STATUS_WATCHING };

      g_assert_true (wait_for (combo_selected_is, &moved, 5000));
    }
    g_assert_true (wait_for (undo_button_shown, NULL, 5000));
    g_signal_emit_by_name (find_shown_button (GTK_WIDGET (window), "_Undo"), "clicked");
    g_assert_true (wait_for (status_stored_is, planned, 5000));
    g_assert_true (wait_for (episode_unseen, unseen, 5000));
    g_assert_true (wait_for (page_progress_is, (gpointer) "0 of 32 episodes seen", 5000));
    g_assert_true (wait_for (row_progress_is, &zero, 5000));
    /* The page reads the show again on its own: its status follows a moment later. */
    {
      ComboWait back = { combos->pdata[0], DRAMA_WATCH_STATUS_PLAN_TO_WATCH };

      g_assert_true (wait_for (combo_selected_is, &back, 5000));
    }

    /* The user files it as Watching by hand, then ticks the episode again: nothing more
     * moves, so no toast. */
    adw_combo_row_set_selected (combos->pdata[0], DRAMA_WATCH_STATUS_WATCHING);
    g_assert_true (wait_for (status_stored_is, watching, 5000));
    gtk_check_button_set_active (drama_episode_row_get_check (DRAMA_EPISODE_ROW (row)), TRUE);
    g_assert_true (wait_for (row_progress_is, &one, 5000));
  }
}

static gboolean
undo_button_shown (gpointer data)
{
  return find_shown_button (GTK_WIDGET (window), "_Undo") != NULL;
}

static void
test_mark_up_to_here_and_undo (void)
{
  g_autoptr(GPtrArray) episodes = NULL;
  DramaShowPage *page = drama_window_get_show_page (window);
  gint64 show_id = angel_show_id ();
  DramaEpisode *fifth = NULL;
  GtkButton *undo;
  GtkWidget *row;
  RowText five, one;

  g_assert_cmpint (show_id, >, 0);
  drama_window_show_show (window, show_id);

  episodes = store_list_episodes (store (), show_id);
  for (guint i = 0; i < episodes->len && fifth == NULL; i++)
    if (drama_episode_get_number (episodes->pdata[i]) == 5)
      fifth = episodes->pdata[i];
  g_assert_nonnull (fifth);

  row = wait_episode_row (page, drama_episode_get_id (fifth));
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "mark-up-to-here");

  five = (RowText) { show_id, "5 / 32" };
  g_assert_true (wait_for (row_progress_is, &five, 5000));
  g_assert_true (wait_for (page_progress_is, (gpointer) "5 of 32 episodes seen", 5000));

  /* Undo in the toast takes back the four just marked, not the one ticked before. */
  g_assert_true (wait_for (undo_button_shown, NULL, 5000));
  undo = find_shown_button (GTK_WIDGET (window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");

  one = (RowText) { show_id, "1 / 32" };
  g_assert_true (wait_for (row_progress_is, &one, 5000));
  g_assert_true (wait_for (page_progress_is, (gpointer) "1 of 32 episodes seen", 5000));
}

static gboolean
angel_gone (gpointer data)
{
  return angel_show_id () == 0;
}

static gboolean
page_shows (gpointer data)
{
  return drama_show_page_get_show_id (drama_window_get_show_page (window)) ==
         (gint64) GPOINTER_TO_SIZE (data);
}

static void
test_remove_and_undo (void)
{
  DramaShowPage *page = drama_window_get_show_page (window);
  gint64 show_id = angel_show_id ();
  GtkButton *remove;
  RowText one;

  g_assert_cmpint (show_id, >, 0);
  drama_window_show_show (window, show_id);

  /* Under Details, with the show's summary and the user's fields. */
  open_tab (page, "details");
  remove = find_shown_button (GTK_WIDGET (page), "_Remove from Watchlist");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");

  /* Gone at once from the page, no question asked; then from the library. */
  g_assert_cmpint (drama_show_page_get_show_id (page), ==, 0);
  g_assert_true (wait_for (angel_gone, NULL, 5000));
  g_assert_true (wait_for (watchlist_empty, NULL, 5000));
  g_assert_true (wait_for (undo_button_shown, NULL, 5000));

  g_signal_emit_by_name (find_shown_button (GTK_WIDGET (window), "_Undo"), "clicked");
  g_assert_true (wait_for (angel_stored, NULL, 5000));
  g_assert_cmpint (angel_show_id (), ==, show_id);
  g_assert_true (wait_for (watchlist_not_empty, NULL, 5000));
  g_assert_true (wait_for (page_shows, GSIZE_TO_POINTER (show_id), 5000));

  /* It came back with its seen mark. */
  one = (RowText) { show_id, "1 / 32" };
  g_assert_true (wait_for (row_progress_is, &one, 5000));
}

static gboolean
upcoming_has_episodes (gpointer data)
{
  return drama_upcoming_view_get_n_episodes (data) > 0;
}

static void
test_add_by_hand_upcoming (void)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *first_date = g_date_time_format (tomorrow, "%Y-%m-%d");
  DramaAddShowDialog *dialog = open_add_dialog ();
  DramaUpcomingView *upcoming = NULL;
  GtkDropDown *status;
  DramaShow *show = NULL;
  gboolean found_tomorrow = FALSE;

  /* The manual page: title, 1 season of 4, every day at 21:00 from tomorrow, Watching. */
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();
    g_autoptr(GPtrArray) drops = g_ptr_array_new ();
    g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_VIEW_STACK, stacks);
    g_assert_cmpuint (stacks->len, ==, 1);
    adw_view_stack_set_visible_child_name (stacks->pdata[0], "manual");

    collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entries);
    for (guint i = 0; i < entries->len; i++)
      {
        const char *title = adw_preferences_row_get_title (entries->pdata[i]);

        if (g_strcmp0 (title, "Title") == 0)
          gtk_editable_set_text (entries->pdata[i], "Hand Made Drama");
        else if (g_str_has_prefix (title, "Air Time"))
          gtk_editable_set_text (entries->pdata[i], "21:00");
        else if (g_str_has_prefix (title, "First Air Date"))
          gtk_editable_set_text (entries->pdata[i], first_date);
      }

    collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, rows);
    g_assert_cmpuint (rows->len, ==, 2);
    gtk_spin_button_set_value (rows->pdata[0], 1);
    gtk_spin_button_set_value (rows->pdata[1], 4);

    collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_TOGGLE_BUTTON, toggles);
    for (guint i = 0; i < toggles->len; i++)
      if (gtk_widget_get_parent (toggles->pdata[i]) != NULL &&
          GTK_IS_BOX (gtk_widget_get_parent (toggles->pdata[i])) &&
          gtk_widget_has_css_class (gtk_widget_get_parent (toggles->pdata[i]), "linked"))
        gtk_toggle_button_set_active (toggles->pdata[i], TRUE);

    collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, drops);
    g_assert_cmpuint (drops->len, ==, 1);
    status = drops->pdata[0];
    gtk_drop_down_set_selected (status, 1);
  }

  g_assert_nonnull (find_shown_button (GTK_WIDGET (dialog), "_Add Show"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (find_shown_button (GTK_WIDGET (dialog), "_Add Show"))));
  g_signal_emit_by_name (find_shown_button (GTK_WIDGET (dialog), "_Add Show"), "clicked");
  g_assert_true (wait_for (add_dialog_closed, NULL, 5000));

  shows = list_shows ("Hand Made");
  g_assert_cmpuint (shows->len, ==, 1);
  show = shows->pdata[0];
  g_assert_cmpint (drama_show_get_tvmaze_id (show), ==, 0);
  g_assert_cmpint (drama_show_get_user_status (show), ==, DRAMA_WATCH_STATUS_WATCHING);
  g_assert_cmpint (drama_show_get_episodes_total (show), ==, 4);
  episodes = store_list_episodes (store (), drama_show_get_id (show));
  g_assert_cmpstr (drama_episode_get_airdate (episodes->pdata[0]), ==, first_date);
  g_assert_cmpstr (drama_episode_get_airtime (episodes->pdata[0]), ==, "21:00");

  /* Upcoming lists its first episode under Tomorrow. */
  drama_watchlist_view_set_page (drama_window_get_watchlist_view (window), "upcoming");
  {
    g_autoptr(GPtrArray) views = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (window), DRAMA_TYPE_UPCOMING_VIEW, views);
    g_assert_cmpuint (views->len, ==, 1);
    upcoming = views->pdata[0];
  }
  g_assert_true (wait_for (upcoming_has_episodes, upcoming, 5000));
  g_assert_cmpuint (drama_upcoming_view_get_n_episodes (upcoming), ==, 1);
  collect_widgets (GTK_WIDGET (upcoming), ADW_TYPE_PREFERENCES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (groups->pdata[i]), "Tomorrow") == 0)
      {
        g_autoptr(GPtrArray) rows_there = g_ptr_array_new ();

        found_tomorrow = TRUE;
        /* Under "Tomorrow" the row names the show and the episode once, and of when only
         * the time: not "Ep 1 · Fri 21:00 · tomorrow — Episode 1". */
        collect_widgets (groups->pdata[i], ADW_TYPE_ACTION_ROW, rows_there);
        g_assert_cmpuint (rows_there->len, ==, 1);
        g_assert_cmpstr (adw_preferences_row_get_title (rows_there->pdata[0]), ==, "Hand Made Drama");
        g_assert_cmpstr (adw_action_row_get_subtitle (rows_there->pdata[0]), ==, "Ep 1 · 21:00");
      }
  g_assert_true (found_tomorrow);
  drama_watchlist_view_set_page (drama_window_get_watchlist_view (window), "shows");
}

static gboolean
search_failed (gpointer data)
{
  return g_strcmp0 (drama_add_show_dialog_get_state (data), "error") == 0;
}

static void
test_search_error (void)
{
  FakeFailure failure = { .status = 500 };
  DramaAddShowDialog *dialog;
  g_autoptr(GPtrArray) before = list_shows (NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  gboolean said_why = FALSE;

  fake_server_fail (server, "/search/shows", &failure);
  dialog = open_add_dialog ();
  gtk_editable_set_text (drama_add_show_dialog_get_search_entry (dialog), "angel");
  g_assert_true (wait_for (search_failed, dialog, 10000));

  /* The error is in words, and nothing was stored. */
  collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_STATUS_PAGE, pages);
  for (guint i = 0; i < pages->len; i++)
    {
      const char *description = adw_status_page_get_description (pages->pdata[i]);

      if (gtk_widget_is_drawable (pages->pdata[i]) && description != NULL && *description != '\0')
        said_why = TRUE;
    }
  g_assert_true (said_why);
  after = list_shows (NULL);
  g_assert_cmpuint (after->len, ==, before->len);

  fake_server_clear_failures (server);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (add_dialog_closed, NULL, 5000));
}

static gboolean
not_refreshing (gpointer data)
{
  return !drama_show_refresher_get_refreshing (data);
}

static void refreshed_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* A refresh asked while one runs joins it, and that one read its dates before the test
 * changed them: the test's own refresh starts from an idle refresher. */
static void
refresh_when_idle (DramaShowRefresher *refresher,
                   GError            **error)
{
  g_assert_true (wait_for (not_refreshing, refresher, 15000));
  drama_show_refresher_refresh_async (refresher, NULL, refreshed_cb, error);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;
  guint n = 0;

  if (drama_show_refresher_refresh_finish (DRAMA_SHOW_REFRESHER (source), result, &n, error))
    g_assert_cmpuint (n, >=, 1);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
on_new_episode (DramaShowRefresher *refresher,
                DramaShow          *show,
                DramaEpisode       *episode,
                int                *number)
{
  *number = drama_episode_get_number (episode);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(int *) user_data = drama_show_refresher_check_new_episodes_finish (DRAMA_SHOW_REFRESHER (source),
                                                                       result, &error);
  g_assert_no_error (error);
}

static gboolean
int_set (gpointer data)
{
  return *(int *) data >= 0;
}

/* Looks for new episodes as at now; the number found. */
static int
check_new_episodes (DramaShowRefresher *refresher,
                    gint64              now)
{
  int found = -1;

  drama_show_refresher_check_new_episodes_async (refresher, now, NULL, checked_cb, &found);
  g_assert_true (wait_for (int_set, &found, 5000));
  return found;
}

static void
test_refresh_keeps_seen (void)
{
  DramaShowRefresher *refresher = drama_application_get_show_refresher (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(DramaShow) show = NULL;
  gint64 show_id = angel_show_id ();
  DramaEpisode *first = NULL;
  int notified = -1;
  gulong handler;
  g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            g_get_real_time () / G_USEC_PER_SEC - 3600);

  g_assert_cmpint (show_id, >, 0);
  g_assert_nonnull (refresher);

  /* TVmaze renamed episode 1, moved 31–32 and added a special; /updates says it changed. */
  fake_server_route (server, "/shows/41163", "tvmaze/show-41163-updated.json");
  store_set_meta (store (), "shows_refreshed_at", since);
  /* An ended show is asked about once a week: say it was still running when last seen. */
  show = store_get_show (store (), show_id);
  drama_show_set_status (show, "Running");
  store_save_show (store (), show);
  g_clear_object (&show);
  refresh_when_idle (refresher, &error);
  g_assert_true (wait_for (error_set, &error, 15000));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpuint (fake_server_get_hits (server, "/updates/shows"), >=, 1);

  episodes = store_list_episodes (store (), show_id);
  for (guint i = 0; i < episodes->len && first == NULL; i++)
    if (drama_episode_get_number (episodes->pdata[i]) == 1)
      first = episodes->pdata[i];
  g_assert_nonnull (first);
  g_assert_cmpstr (drama_episode_get_name (first), ==, "The Angel and the Ballerina");
  g_assert_true (drama_episode_get_seen (first));
  g_assert_true (wait_for (page_progress_is, (gpointer) "1 of 32 episodes seen", 5000));

  /* Episode 2 aired (13:35Z on 22 May 2019) since a check just before: a notification. */
  show = store_get_show (store (), show_id);
  set_status (store (), show_id, DRAMA_WATCH_STATUS_WATCHING);
  store_set_meta (store (), "shows_checked_at", "1558530000");
  handler = g_signal_connect (refresher, "new-episode", G_CALLBACK (on_new_episode), &notified);
  g_assert_cmpint (check_new_episodes (refresher, 1558530000 + 3600), ==, 1);
  g_assert_cmpint (notified, ==, 2);
  /* ...and the desktop is told, when the test's bus is ours to watch. */
  if (notifications != NULL)
    {
      g_autofree char *expected = g_strdup_printf ("New episode of %s\nEpisode 2 has aired",
                                                   drama_show_get_name (show));

      g_assert_true (wait_for (has_notification, expected, 10000));
    }

  /* Nothing new since then: no second notification. */
  notified = -1;
  g_assert_cmpint (check_new_episodes (refresher, 1558530000 + 3700), ==, 0);
  g_assert_cmpint (notified, ==, -1);
  g_signal_handler_disconnect (refresher, handler);

  fake_server_route (server, "/shows/41163", "tvmaze/show-41163.json");
}


/* ---- audit: what the first tests left out ---- */

/* Fills the By Hand page: no first air date unless first_date is given. */
static gint64
add_by_hand (const char *title,
             int         seasons,
             int         per_season,
             const char *first_date,
             guint       status)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) drops = g_ptr_array_new ();
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
  g_autoptr(GPtrArray) shows = NULL;
  DramaAddShowDialog *dialog = open_add_dialog ();

  collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_VIEW_STACK, stacks);
  adw_view_stack_set_visible_child_name (stacks->pdata[0], "manual");
  collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entries);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *row_title = adw_preferences_row_get_title (entries->pdata[i]);

      if (g_strcmp0 (row_title, "Title") == 0)
        gtk_editable_set_text (entries->pdata[i], title);
      else if (first_date != NULL && g_str_has_prefix (row_title, "First Air Date"))
        gtk_editable_set_text (entries->pdata[i], first_date);
    }
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, spins);
  gtk_spin_button_set_value (spins->pdata[0], seasons);
  gtk_spin_button_set_value (spins->pdata[1], per_season);
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, drops);
  gtk_drop_down_set_selected (drops->pdata[0], status);

  g_signal_emit_by_name (find_shown_button (GTK_WIDGET (dialog), "_Add Show"), "clicked");
  g_assert_true (wait_for (add_dialog_closed, NULL, 5000));

  shows = list_shows (title);
  g_assert_cmpuint (shows->len, ==, 1);
  return drama_show_get_id (shows->pdata[0]);
}

static gboolean
message_dialog_open (gpointer data)
{
  return find_message_dialog () != NULL;
}

static DramaEpisodeRow *
episode_row_number (gint64 show_id,
                    int    number)
{
  g_autoptr(GPtrArray) episodes = store_list_episodes (store (), show_id);

  for (guint i = 0; i < episodes->len; i++)
    if (drama_episode_get_number (episodes->pdata[i]) == number)
      return DRAMA_EPISODE_ROW (drama_show_page_get_episode_row (drama_window_get_show_page (window),
                                                                 drama_episode_get_id (episodes->pdata[i])));
  return NULL;
}

static gboolean
episode_row_number_shown (gpointer data)
{
  return episode_row_number ((gint64) GPOINTER_TO_SIZE (data), 1) != NULL;
}

static gboolean
show_status_is (gpointer data)
{
  gint64 *want = data;   /* show id, status */
  g_autoptr(DramaShow) show = store_get_show (store (), want[0]);

  return show != NULL && drama_show_get_user_status (show) == want[1];
}

/* A show added by hand without dates (one TVmaze does not know, being caught up on) is
 * tracked like any other: its episodes can be ticked, up to here, and finishing it offers
 * Completed. */
static void
test_hand_added_undated (void)
{
  DramaShowPage *page = drama_window_get_show_page (window);
  AdwMessageDialog *offer;
  DramaEpisodeRow *row;
  gint64 show_id;
  RowText one, three;

  show_id = add_by_hand ("Undated Catch-Up", 1, 3, NULL, 1);
  g_assert_cmpint (drama_show_page_get_show_id (page), ==, show_id);

  g_assert_true (wait_for (episode_row_number_shown, GSIZE_TO_POINTER (show_id), 5000));
  row = episode_row_number (show_id, 1);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (drama_episode_row_get_check (row))));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "No air date");
  gtk_check_button_set_active (drama_episode_row_get_check (row), TRUE);
  one = (RowText) { show_id, "1 / 3" };
  g_assert_true (wait_for (row_progress_is, &one, 5000));
  g_assert_true (wait_for (page_progress_is, (gpointer) "1 of 3 episodes seen", 5000));

  /* Up to the last one: all seen, and the show can be filed as Completed. */
  g_signal_emit_by_name (episode_row_number (show_id, 3), "mark-up-to-here");
  three = (RowText) { show_id, "3 / 3" };
  g_assert_true (wait_for (row_progress_is, &three, 5000));
  g_assert_true (wait_for (message_dialog_open, NULL, 5000));
  offer = find_message_dialog ();
  adw_message_dialog_response (offer, "complete");
  {
    gint64 want[] = { show_id, DRAMA_WATCH_STATUS_COMPLETED };

    g_assert_true (wait_for (show_status_is, want, 5000));
  }
  gtk_window_destroy (GTK_WINDOW (offer));
}

static char *
watchlist_names (void)
{
  GListModel *model = drama_watchlist_view_get_model (drama_window_get_watchlist_view (window));
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DramaShow) show = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", drama_show_get_name (show));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
set_filter (const char *action,
            const char *target)
{
  gtk_widget_activate_action (GTK_WIDGET (drama_window_get_watchlist_view (window)), action, "s", target);
}

static gboolean
watchlist_names_are (gpointer data)
{
  g_autofree char *names = watchlist_names ();

  return g_strcmp0 (names, data) == 0;
}

static void
assert_watchlist (const char *expected)
{
  if (!wait_for (watchlist_names_are, (gpointer) expected, 3000))
    {
      g_autofree char *names = watchlist_names ();

      g_error ("watchlist is “%s”, expected “%s”", names, expected);
    }
}

/* The filter menu's statuses, the search text and the three sorts change what the
 * sidebar lists, in the order asked for. */
static void
test_filter_and_sort (void)
{
  DramaWatchlistView *view = drama_window_get_watchlist_view (window);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkEditable *search = NULL;
  gint64 angel = angel_show_id ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) episodes = NULL;

  /* Library now: Angel, Hand Made Drama (Watching, airs from tomorrow), Undated Catch-Up
   * (Completed). Watch Angel's episode 2 now, so it
   * is the last watched. */
  episodes = store_list_episodes (store (), angel);
  for (guint i = 0; i < episodes->len; i++)
    if (drama_episode_get_number (episodes->pdata[i]) == 2)
      {
        gint64 id = drama_episode_get_id (episodes->pdata[i]);

        g_array_append_val (ids, id);
      }
  store_set_seen (store (), (gint64 *) (gpointer) ids->data, ids->len,
                  g_get_real_time () / G_USEC_PER_SEC + 60);

  /* (The refresh test left Angel as Watching: back to Plan to Watch.) */
  set_status (store (), angel, DRAMA_WATCH_STATUS_PLAN_TO_WATCH);

  collect_widgets (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 1);
  search = GTK_EDITABLE (entries->pdata[0]);

  set_filter ("watchlist.sort", "title");
  assert_watchlist (ANGEL_NAME ",Hand Made Drama,Undated Catch-Up");
  set_filter ("watchlist.sort", "last-watched");
  assert_watchlist (ANGEL_NAME ",Undated Catch-Up,Hand Made Drama");
  /* Next airing: the one with an episode to come first. */
  set_filter ("watchlist.sort", "next-airing");
  {
    g_autofree char *names = watchlist_names ();

    g_assert_true (g_str_has_prefix (names, "Hand Made Drama,"));
  }

  set_filter ("watchlist.status", "watching");
  assert_watchlist ("Hand Made Drama");
  set_filter ("watchlist.status", "completed");
  assert_watchlist ("Undated Catch-Up");
  set_filter ("watchlist.status", "plan-to-watch");
  assert_watchlist (ANGEL_NAME);
  set_filter ("watchlist.status", "on-hold");
  assert_watchlist ("");
  g_assert_false (drama_watchlist_view_is_empty (view));
  set_filter ("watchlist.status", "dropped");
  assert_watchlist ("");

  /* Text: by title, and by alternative title (TVmaze's akas). */
  set_filter ("watchlist.sort", "title");
  set_filter ("watchlist.status", "all");
  gtk_editable_set_text (search, "hand");
  assert_watchlist ("Hand Made Drama");
  gtk_editable_set_text (search, "dan, only");
  assert_watchlist (ANGEL_NAME);
  gtk_editable_set_text (search, "");
  assert_watchlist (ANGEL_NAME ",Hand Made Drama,Undated Catch-Up");
}

static gboolean
label_in (GtkWidget  *root,
          const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (labels->pdata[i]), text) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
page_title_is (gpointer data)
{
  return g_strcmp0 (drama_show_page_get_title (drama_window_get_show_page (window)), data) == 0;
}

static gboolean
notes_are (gpointer data)
{
  g_autoptr(DramaShow) show = store_get_show (store (), *(gint64 *) data);

  return g_strcmp0 (drama_show_get_notes (show), "Ballet scenes!") == 0;
}

/* Status, rating and notes are written as they change, and are what a restart reads. */
static void
test_user_fields_saved (void)
{
  DramaShowPage *page = drama_window_get_show_page (window);
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(DramaStore) reopened = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GError) error = NULL;
  gint64 show_id = angel_show_id ();

  drama_window_show_show (window, show_id);
  g_assert_true (wait_for (page_title_is, (gpointer) ANGEL_NAME, 5000));
  collect_widgets (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, combos);
  collect_widgets (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, spins);
  collect_widgets (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW, texts);
  g_assert_cmpuint (combos->len, ==, 1);
  g_assert_cmpuint (spins->len, ==, 1);
  g_assert_cmpuint (texts->len, ==, 1);

  /* The show page credits TVmaze and links the show there (CC BY-SA). */
  g_assert_true (label_in (GTK_WIDGET (page), "https://www.tvmaze.com/shows/41163"));
  g_assert_true (label_in (GTK_WIDGET (page), "CC BY-SA"));
  /* Original title and the schedule in the network's zone. */
  g_assert_true (label_in (GTK_WIDGET (page), "단, 하나의 사랑"));
  g_assert_true (label_in (GTK_WIDGET (page), "Wed & Thu 22:00 KST"));

  adw_combo_row_set_selected (combos->pdata[0], DRAMA_WATCH_STATUS_ON_HOLD);
  gtk_spin_button_set_value (spins->pdata[0], 8);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (texts->pdata[0]), "Ballet scenes!", -1);

  /* Status and rating as they change (in the background); the notes after a pause in
   * typing. */
  {
    gint64 want[] = { show_id, DRAMA_WATCH_STATUS_ON_HOLD };

    g_assert_true (wait_for (show_status_is, want, 5000));
  }
  show = store_get_show (store (), show_id);
  g_assert_cmpint (drama_show_get_rating (show), ==, 8);
  g_clear_object (&show);
  g_assert_true (wait_for (notes_are, &show_id, 3000));

  /* A second connection to the same file, as the next start would open it. */
  reopened = drama_store_new (drama_store_get_path (store ()), &error);
  g_assert_no_error (error);
  show = drama_store_get_show (reopened, show_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (drama_show_get_user_status (show), ==, DRAMA_WATCH_STATUS_ON_HOLD);
  g_assert_cmpint (drama_show_get_rating (show), ==, 8);
  g_assert_cmpstr (drama_show_get_notes (show), ==, "Ballet scenes!");
}

/* The search marks shows already followed; picking "Watching" there adds as Watching;
 * the notification's action opens the show. */
static void
test_search_marks_followed_and_watching (void)
{
  DramaAddShowDialog *dialog;
  GtkListBox *results;
  gboolean marked = FALSE;
  gint64 angel = angel_show_id ();
  gint64 show_id;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GPtrArray) drops = g_ptr_array_new ();

  dialog = open_add_dialog ();
  results = drama_add_show_dialog_get_results (dialog);
  gtk_editable_set_text (drama_add_show_dialog_get_search_entry (dialog), "angel");
  g_assert_true (wait_for (results_shown, dialog, 10000));
  for (int i = 0; gtk_list_box_get_row_at_index (results, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (results, i));
      gboolean on_list = label_in (row, "On Watchlist");

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ANGEL_NAME) == 0)
        marked = on_list;
      else
        g_assert_false (on_list);
    }
  g_assert_true (marked);

  /* Remove Angel, then add it back choosing Watching. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (add_dialog_closed, NULL, 5000));
  store_set_removed (store (), angel, TRUE);
  g_assert_cmpint (angel_show_id (), ==, 0);

  dialog = open_add_dialog ();
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, drops);
  gtk_drop_down_set_selected (drops->pdata[0], 1);
  gtk_editable_set_text (drama_add_show_dialog_get_search_entry (dialog), "angel");
  g_assert_true (wait_for (results_shown, dialog, 10000));
  for (int i = 0; gtk_list_box_get_row_at_index (drama_add_show_dialog_get_results (dialog), i) != NULL; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (drama_add_show_dialog_get_results (dialog), i));

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ANGEL_NAME) == 0)
        adw_action_row_activate (row);
    }
  g_assert_true (wait_for (angel_stored, NULL, 10000));
  g_assert_true (wait_for (add_dialog_closed, NULL, 5000));
  show_id = angel_show_id ();
  g_assert_cmpint (show_id, ==, angel);
  show = store_get_show (store (), show_id);
  g_assert_cmpint (drama_show_get_user_status (show), ==, DRAMA_WATCH_STATUS_WATCHING);

  /* What a click on the new-episode notification runs. */
  drama_window_show_show (window, 0);
  g_assert_cmpint (drama_show_page_get_show_id (drama_window_get_show_page (window)), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-show", g_variant_new_int64 (show_id));
  g_assert_cmpint (drama_show_page_get_show_id (drama_window_get_show_page (window)), ==, show_id);
}


static DramaPersonPage *
find_person_page (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      g_autoptr(GPtrArray) pages = g_ptr_array_new ();

      if (!gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        continue;
      collect_widgets (GTK_WIDGET (toplevel), DRAMA_TYPE_PERSON_PAGE, pages);
      if (pages->len > 0)
        return pages->pdata[0];
    }
  return NULL;
}

static gboolean
person_roles_shown (gpointer data)
{
  DramaPersonPage *page = find_person_page ();

  return page != NULL && drama_person_page_get_n_roles (page) > 0;
}

static AdwActionRow *
row_titled (GtkWidget  *root,
            const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (root, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}

static gboolean
hammurabi_on_list (gpointer data)
{
  return label_in (data, "On Watchlist");
}

static gboolean
cast_shown (gpointer data)
{
  return row_titled (data, "Kim Myung-soo") != NULL;
}

/* From the cast to an actor's page: their roles newest first, the followed one marked,
 * another added with one click. */
static void
test_person_page (void)
{
  static const char * const newest_first[] = {
    "Royal Secret Agent", ANGEL_NAME, "Ms. Hammurabi", "My Lovely Girl",
  };
  DramaShowPage *page = drama_window_get_show_page (window);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(DramaShow) added = NULL;
  DramaPersonPage *person;
  AdwActionRow *cast_row;
  AdwActionRow *hammurabi;
  guint k = 0;

  fake_server_route (server, "/shows/35001", "tvmaze/show-35001.json");
  drama_window_show_show (window, angel_show_id ());
  g_assert_true (wait_for (cast_shown, page, 5000));
  cast_row = row_titled (GTK_WIDGET (page), "Kim Myung-soo");
  g_assert_nonnull (cast_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (cast_row), ==, "as Dan");
  adw_action_row_activate (cast_row);
  g_assert_true (wait_for (person_roles_shown, NULL, 10000));
  person = find_person_page ();
  g_assert_cmpuint (drama_person_page_get_n_roles (person), ==, 4);

  collect_widgets (GTK_WIDGET (person), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len && k < G_N_ELEMENTS (newest_first); i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), newest_first[k]) == 0)
      k++;
  g_assert_cmpuint (k, ==, G_N_ELEMENTS (newest_first));
  g_assert_true (label_in (GTK_WIDGET (row_titled (GTK_WIDGET (person), ANGEL_NAME)), "On Watchlist"));

  hammurabi = row_titled (GTK_WIDGET (person), "Ms. Hammurabi");
  g_assert_false (label_in (GTK_WIDGET (hammurabi), "On Watchlist"));
  g_signal_emit_by_name (find_shown_button (GTK_WIDGET (hammurabi), "Add"), "clicked");
  g_assert_true (wait_for (hammurabi_on_list, hammurabi, 10000));
  added = find_by_tvmaze_id (35001);
  g_assert_nonnull (added);
  g_assert_cmpstr (drama_show_get_name (added), ==, "Ms. Hammurabi");

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (person))));
}


/* ---- the views alone, on a library of their own with the main-thread guard on ----
 * The watchlist, its Upcoming page and the search view over one DramaShowList, in a
 * window of their own: with the guard on, any blocking store call they made on this
 * thread would be a critical, fatal here. The test itself reads and writes the library
 * only through the store's thread (store_sync), as the app does. */

typedef struct {
  char               *dir;
  DramaStore         *store;
  DramaShowList      *list;
  GtkWindow          *window;
  DramaWatchlistView *view;
  DramaSearchView    *search;
  gint64              now;
  gint64              alpha, beta, gamma, delta;
  gint64              alpha_first_episode;
} Guarded;

static DramaEpisode *
guarded_episode (gint64 tvmaze_id,
                 int    number,
                 gint64 airstamp)
{
  DramaEpisode *episode = drama_episode_new ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (airstamp);
  g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");

  drama_episode_set_tvmaze_id (episode, tvmaze_id);
  drama_episode_set_season (episode, 1);
  drama_episode_set_number (episode, number);
  drama_episode_set_name (episode, "An Episode");
  drama_episode_set_airstamp (episode, airstamp);
  drama_episode_set_airdate (episode, date);
  return episode;
}

/* Saves a show (before the guard is on) and returns its id. */
static gint64
guarded_save (DramaStore       *store,
              DramaShow        *show,
              GPtrArray        *episodes,
              GPtrArray        *cast)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (drama_store_save_show (store, show, episodes, cast, &error));
  g_assert_no_error (error);
  return drama_show_get_id (show);
}

static gboolean
guarded_ready (gpointer data)
{
  Guarded *g = data;

  return gtk_widget_get_mapped (GTK_WIDGET (g->window)) &&
         drama_show_list_get_loaded (g->list) && !drama_show_list_get_busy (g->list);
}

static gboolean
guarded_settled (gpointer data)
{
  return !drama_show_list_get_busy (((Guarded *) data)->list);
}

static void
guarded_setup (Guarded       *g,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *box;

  g->dir = ui_test_make_home ("ui-guarded-XXXXXX");
  path = g_build_filename (g->dir, "library.db", NULL);
  g->store = drama_store_new (path, &error);
  g_assert_no_error (error);
  g->now = g_get_real_time () / G_USEC_PER_SEC;

  /* Alpha: Watching, two aired, the next in 3 h; one of its cast. */
  {
    g_autoptr(DramaShow) show = drama_show_new ();
    g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
    DramaPerson *person = drama_person_new ();

    drama_show_set_tvmaze_id (show, 9001);
    drama_show_set_name (show, "Alpha Drama");
    drama_show_set_status (show, "Running");
    drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
    g_ptr_array_add (episodes, guarded_episode (900101, 1, g->now - 8 * 24 * 3600));
    g_ptr_array_add (episodes, guarded_episode (900102, 2, g->now - 24 * 3600));
    g_ptr_array_add (episodes, guarded_episode (900103, 3, g->now + 3 * 3600));
    g_ptr_array_add (episodes, guarded_episode (900104, 4, g->now + 7 * 24 * 3600));
    drama_person_set_tvmaze_id (person, 990001);
    drama_person_set_name (person, "Kim Alpha-jin");
    drama_person_set_character (person, "Hero");
    g_ptr_array_add (cast, person);
    g->alpha = guarded_save (g->store, show, episodes, cast);
    g->alpha_first_episode = drama_episode_get_id (episodes->pdata[0]);
  }
  /* Beta: Watching, by its Korean title and an aka too, next in 2 days. */
  {
    g_autoptr(DramaShow) show = drama_show_new ();
    g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
    const char * const akas[] = { "Beta Tale", NULL };

    drama_show_set_tvmaze_id (show, 9002);
    drama_show_set_name (show, "Beta Story");
    drama_show_set_original_name (show, "베타 이야기");
    drama_show_set_akas (show, akas);
    drama_show_set_status (show, "Running");
    drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
    g_ptr_array_add (episodes, guarded_episode (900201, 1, g->now - 2 * 24 * 3600));
    g_ptr_array_add (episodes, guarded_episode (900202, 2, g->now + 2 * 24 * 3600));
    g->beta = guarded_save (g->store, show, episodes, NULL);
  }
  /* gamma: Completed and ended, watched an hour ago (a lower-case title). */
  {
    g_autoptr(DramaShow) show = drama_show_new ();
    g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
    gint64 ids[2];

    drama_show_set_tvmaze_id (show, 9003);
    drama_show_set_name (show, "gamma Ended");
    drama_show_set_status (show, "Ended");
    drama_show_set_user_status (show, DRAMA_WATCH_STATUS_COMPLETED);
    g_ptr_array_add (episodes, guarded_episode (900301, 1, g->now - 30 * 24 * 3600));
    g_ptr_array_add (episodes, guarded_episode (900302, 2, g->now - 23 * 24 * 3600));
    g->gamma = guarded_save (g->store, show, episodes, NULL);
    ids[0] = drama_episode_get_id (episodes->pdata[0]);
    ids[1] = drama_episode_get_id (episodes->pdata[1]);
    g_assert_true (drama_store_set_episodes_seen (g->store, ids, 2, g->now - 3600, NULL, &error));
    g_assert_no_error (error);
  }
  /* Delta: Plan to Watch, known by the user's own nickname, a date-only episode. */
  {
    g_autoptr(DramaShow) show = drama_show_new ();
    g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
    const char * const aliases[] = { "The D Show", NULL };
    DramaEpisode *episode = guarded_episode (900401, 1, g->now + 24 * 3600);

    drama_episode_set_airstamp (episode, 0);
    g_ptr_array_add (episodes, episode);
    drama_show_set_tvmaze_id (show, 9004);
    drama_show_set_name (show, "Delta Plan");
    drama_show_set_status (show, "Running");
    g->delta = guarded_save (g->store, show, episodes, NULL);
    g_assert_true (drama_store_set_show_aliases (g->store, g->delta, aliases, &error));
    g_assert_no_error (error);
  }
  /* Two articles for the search. */
  {
    g_autoptr(DramaFeed) feed = drama_feed_new ();
    g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
    const char *titles[] = { "Alpha Drama episode 3 preview", "Beta Story wins an award" };

    drama_feed_set_url (feed, "http://127.0.0.1:9/feed.xml");
    drama_feed_set_title (feed, "Guarded News");
    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      {
        DramaArticle *article = drama_article_new ();
        g_autofree char *guid = g_strdup_printf ("guarded-%u", i);

        drama_article_set_guid (article, guid);
        drama_article_set_title (article, titles[i]);
        drama_article_set_link (article, "http://127.0.0.1:9/a");
        drama_article_set_published (article, g->now - 3600 * (i + 1));
        g_ptr_array_add (articles, article);
      }
    g_assert_true (drama_store_add_feed_with_articles (g->store, feed, articles, NULL, &error));
    g_assert_no_error (error);
  }

  /* From here on, a blocking call on this thread is fatal. */
  drama_store_set_thread_guard (g->store, TRUE);

  g->list = drama_show_list_new (g->store);
  g->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (g->window, 900, 900);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g->view = drama_watchlist_view_new ();
  gtk_widget_set_size_request (GTK_WIDGET (g->view), 400, -1);
  g->search = drama_search_view_new ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (g->view));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (g->search));
  gtk_window_set_child (g->window, box);
  drama_watchlist_view_set_show_list (g->view, g->list);
  drama_search_view_set_show_list (g->search, g->list);
  gtk_window_present (g->window);
  g_assert_true (wait_for (guarded_ready, g, 10000));
}

static void
guarded_teardown (Guarded       *g,
                  gconstpointer  data)
{
  gtk_window_destroy (g->window);
  g_clear_object (&g->list);
  spin ();
  g_clear_object (&g->store);
  remove_tree (g->dir);
  g_free (g->dir);
}

static DramaShowRow *
guarded_row (Guarded *g,
             gint64   show_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (g->view), DRAMA_TYPE_SHOW_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      DramaShow *show = drama_show_row_get_show (rows->pdata[i]);

      if (show != NULL && drama_show_get_id (show) == show_id &&
          gtk_widget_is_drawable (rows->pdata[i]))
        return rows->pdata[i];
    }
  return NULL;
}

typedef struct {
  Guarded    *g;
  gint64      show_id;
  const char *text;
} GuardedRowText;

static gboolean
guarded_progress_is (gpointer data)
{
  GuardedRowText *want = data;
  DramaShowRow *row = guarded_row (want->g, want->show_id);

  return row != NULL && g_strcmp0 (drama_show_row_get_progress_text (row), want->text) == 0;
}

static gboolean
guarded_row_says (gpointer data)
{
  GuardedRowText *want = data;
  DramaShowRow *row = guarded_row (want->g, want->show_id);

  return row != NULL && label_in (GTK_WIDGET (row), want->text);
}

/* A seen click: one read of one show, its row says so, and no other row nor show object
 * is made again. */
static void
test_guarded_seen_click (Guarded       *g,
                         gconstpointer  data)
{
  const gint64 ids[] = { g->alpha, g->beta, g->gamma, g->delta };
  DramaShowRow *rows[G_N_ELEMENTS (ids)];
  DramaShow *shows[G_N_ELEMENTS (ids)];
  guint queries = drama_show_list_get_n_queries (g->list);
  guint full = drama_show_list_get_n_full_reads (g->list);
  GuardedRowText one = { g, g->alpha, "1 / 4" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      rows[i] = guarded_row (g, ids[i]);
      g_assert_nonnull (rows[i]);
      shows[i] = drama_show_row_get_show (rows[i]);
    }
  g_assert_cmpstr (drama_show_row_get_progress_text (rows[0]), ==, "0 / 4");

  store_set_seen (g->store, &g->alpha_first_episode, 1, g->now);
  g_assert_true (wait_for (guarded_progress_is, &one, 5000));
  g_assert_true (wait_for (guarded_settled, g, 5000));

  g_assert_cmpuint (drama_show_list_get_n_queries (g->list), ==, queries + 1);
  g_assert_cmpuint (drama_show_list_get_n_full_reads (g->list), ==, full);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (guarded_row (g, ids[i]) == rows[i]);
      g_assert_true (drama_show_row_get_show (rows[i]) == shows[i]);
    }
}

/* The status filter, the text filter and the three sorts list what the store lists for
 * them, in its order, without asking the store. */
typedef struct {
  Guarded *g;
  char    *expected;
} GuardedNames;

static char *
guarded_names (Guarded *g)
{
  GListModel *model = drama_watchlist_view_get_model (g->view);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DramaShow) show = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", drama_show_get_name (show));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
guarded_names_are (gpointer data)
{
  GuardedNames *want = data;
  g_autofree char *names = guarded_names (want->g);

  return g_strcmp0 (names, want->expected) == 0;
}

typedef struct {
  gboolean   done;
  GPtrArray *shows;
} ListWait;

static void
listed_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  ListWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  wait->shows = drama_store_list_finish (DRAMA_STORE (source), res, &error);
  g_assert_no_error (error);
  wait->done = TRUE;
}

static gboolean
list_wait_done (gpointer data)
{
  return ((ListWait *) data)->done;
}

static void
test_guarded_filter_and_sort (Guarded       *g,
                              gconstpointer  data)
{
  static const char * const statuses[] = { "all", "watching", "plan-to-watch", "on-hold", "completed", "dropped" };
  static const char * const sorts[] = { "next-airing", "title", "last-watched" };
  static const char * const texts[] = { "", "ALPHA", "베타", "tale", "the d", "a", "zzz" };
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  guint queries = drama_show_list_get_n_queries (g->list);
  GtkEditable *entry;

  collect_widgets (GTK_WIDGET (g->view), GTK_TYPE_SEARCH_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = GTK_EDITABLE (entries->pdata[0]);

  for (guint st = 0; st < G_N_ELEMENTS (statuses); st++)
    for (guint so = 0; so < G_N_ELEMENTS (sorts); so++)
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          ListWait wait = { FALSE, NULL };
          GuardedNames want = { g, NULL };
          g_autofree char *got = NULL;
          g_autoptr(GString) names = g_string_new (NULL);

          gtk_widget_activate_action (GTK_WIDGET (g->view), "watchlist.status", "s", statuses[st]);
          gtk_widget_activate_action (GTK_WIDGET (g->view), "watchlist.sort", "s", sorts[so]);
          gtk_editable_set_text (entry, texts[t]);

          drama_store_list_shows_async (g->store, st == 0 ? -1 : (int) st - 1, texts[t], so, NULL,
                                        listed_cb, &wait);
          g_assert_true (wait_for (list_wait_done, &wait, 5000));
          for (guint i = 0; i < wait.shows->len; i++)
            g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                                    drama_show_get_name (wait.shows->pdata[i]));
          g_ptr_array_unref (wait.shows);
          want.expected = names->str;
          if (!wait_for (guarded_names_are, &want, 3000))
            {
              got = guarded_names (g);
              g_error ("status %s, sort %s, text “%s”: the store lists “%s”, the view “%s”",
                       statuses[st], sorts[so], texts[t], names->str, got);
            }
          /* A filter that leaves nothing says so; the empty state is for an empty library. */
          g_assert_false (drama_watchlist_view_is_empty (g->view));
        }

  g_assert_cmpuint (drama_show_list_get_n_queries (g->list), ==, queries);
  gtk_editable_set_text (entry, "");
  gtk_widget_activate_action (GTK_WIDGET (g->view), "watchlist.status", "s", "all");
}

/* Upcoming comes from the list; the clock moves the words and drops what aired, and reads
 * nothing. */
static void
test_guarded_upcoming_and_clock (Guarded       *g,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint queries = drama_show_list_get_n_queries (g->list);
  DramaUpcomingView *upcoming;
  GuardedRowText in_3 = { g, g->alpha, "in 3 h" };
  GuardedRowText in_2 = { g, g->alpha, "in 2 h" };

  collect_widgets (GTK_WIDGET (g->view), DRAMA_TYPE_UPCOMING_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  upcoming = views->pdata[0];

  /* The shows list says when, relative to now. */
  g_assert_true (wait_for (guarded_row_says, &in_3, 5000));
  drama_watchlist_view_tick (g->view, g->now + 3600);
  g_assert_true (guarded_row_says (&in_2));

  /* The Watching shows with an episode to come, soonest first (Delta is only planned). */
  drama_watchlist_view_set_page (g->view, "upcoming");
  g_assert_true (wait_for (upcoming_has_episodes, upcoming, 5000));
  g_assert_cmpuint (drama_upcoming_view_get_n_episodes (upcoming), ==, 2);
  collect_widgets (GTK_WIDGET (upcoming), ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "Alpha Drama");
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[1]), ==, "Beta Story");

  /* Four hours on, Alpha's episode has aired: it is not listed any more. */
  drama_upcoming_view_reload (upcoming, g->now + 4 * 3600);
  g_assert_cmpuint (drama_upcoming_view_get_n_episodes (upcoming), ==, 1);
  g_assert_cmpuint (drama_show_list_get_n_queries (g->list), ==, queries);

  drama_upcoming_view_reload (upcoming, 0);
  drama_watchlist_view_set_page (g->view, "shows");
}

static gboolean
upcoming_count_is (gpointer data)
{
  gpointer *args = data;

  return drama_upcoming_view_get_n_episodes (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* A status change reaches Upcoming through the list: one read. */
static void
test_guarded_upcoming_follows (Guarded       *g,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  guint queries = drama_show_list_get_n_queries (g->list);
  gpointer args[2];

  collect_widgets (GTK_WIDGET (g->view), DRAMA_TYPE_UPCOMING_VIEW, views);
  drama_watchlist_view_set_page (g->view, "upcoming");
  args[0] = views->pdata[0];
  args[1] = GUINT_TO_POINTER (2);
  g_assert_true (wait_for (upcoming_count_is, args, 5000));

  set_status (g->store, g->delta, DRAMA_WATCH_STATUS_WATCHING);
  args[1] = GUINT_TO_POINTER (3);
  g_assert_true (wait_for (upcoming_count_is, args, 5000));
  g_assert_true (wait_for (guarded_settled, g, 5000));
  g_assert_cmpuint (drama_show_list_get_n_queries (g->list), ==, queries + 1);
  drama_watchlist_view_set_page (g->view, "shows");
}

static gboolean
guarded_search_done (gpointer data)
{
  return !drama_search_view_get_searching (data);
}

static gboolean
search_shows_are (gpointer data)
{
  gpointer *args = data;

  return drama_search_view_get_n_results (args[0], DRAMA_SEARCH_KIND_SHOW) == GPOINTER_TO_UINT (args[1]);
}

static gpointer
alias_first_cast_job (DramaStore    *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gint64 *show_id = data;
  const char * const aliases[] = { "AJ", NULL };
  g_autoptr(GPtrArray) cast = drama_store_list_cast (store, *show_id, error);

  if (cast == NULL)
    return NULL;
  g_assert_cmpuint (cast->len, >, 0);
  return drama_store_set_person_aliases (store, drama_person_get_id (cast->pdata[0]), aliases,
                                         error) ? GINT_TO_POINTER (1) : NULL;
}

/* Shows from the list at once, people and articles from the store's thread; a newer query
 * replaces an older one still running; a removed show leaves the results by itself. */
static void
test_guarded_search (Guarded       *g,
                     gconstpointer  data)
{
  gpointer args[2];

  drama_search_view_set_text (g->search, "alpha");
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_SHOW), ==, 1);
  g_assert_true (wait_for (guarded_search_done, g->search, 5000));
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_PERSON), ==, 1);
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_ARTICLE), ==, 1);
  g_assert_true (label_in (GTK_WIDGET (g->search), "Kim Alpha-jin"));
  g_assert_true (label_in (GTK_WIDGET (g->search), "as Hero in Alpha Drama"));
  g_assert_true (label_in (GTK_WIDGET (g->search), "Alpha Drama episode 3 preview"));

  /* Typed on before the store answered: only the newer query's answer is shown. */
  drama_search_view_set_text (g->search, "alpha");
  drama_search_view_set_text (g->search, "beta");
  g_assert_true (wait_for (guarded_search_done, g->search, 5000));
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_SHOW), ==, 1);
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_PERSON), ==, 0);
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_ARTICLE), ==, 1);
  g_assert_true (label_in (GTK_WIDGET (g->search), "Beta Story wins an award"));
  g_assert_false (label_in (GTK_WIDGET (g->search), "Alpha Drama episode 3 preview"));

  /* By the names of its cast too ("Shin Hye" finds her show, not only her): the
   * store's thread compares the names, the show comes from the list. */
  drama_search_view_set_text (g->search, "kim alpha");
  g_assert_true (wait_for (guarded_search_done, g->search, 5000));
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_SHOW), ==, 1);
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_PERSON), ==, 1);
  g_assert_true (label_in (GTK_WIDGET (g->search), "Alpha Drama"));
  g_assert_true (label_in (GTK_WIDGET (g->search), "with Kim Alpha-jin"));
  /* And by a stage name of theirs. */
  g_assert_nonnull (store_sync (g->store, alias_first_cast_job, &g->alpha));
  drama_search_view_set_text (g->search, "AJ");
  g_assert_true (wait_for (guarded_search_done, g->search, 5000));
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_SHOW), ==, 1);
  g_assert_true (label_in (GTK_WIDGET (g->search), "Alpha Drama"));

  /* By any of its names, as the watchlist filter. */
  drama_search_view_set_text (g->search, "베타");
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_SHOW), ==, 1);
  drama_search_view_set_text (g->search, "the d show");
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_SHOW), ==, 1);

  /* Every show has an "a": a removed one leaves the results, its Undo brings it back. */
  drama_search_view_set_text (g->search, "a");
  g_assert_cmpuint (drama_search_view_get_n_results (g->search, DRAMA_SEARCH_KIND_SHOW), ==, 4);
  store_set_removed (g->store, g->gamma, TRUE);
  args[0] = g->search;
  args[1] = GUINT_TO_POINTER (3);
  g_assert_true (wait_for (search_shows_are, args, 5000));
  g_assert_null (guarded_row (g, g->gamma));
  store_set_removed (g->store, g->gamma, FALSE);
  args[1] = GUINT_TO_POINTER (4);
  g_assert_true (wait_for (search_shows_are, args, 5000));
  g_assert_true (wait_for (guarded_search_done, g->search, 5000));
  g_assert_true (wait_for (guarded_settled, g, 5000));
  g_assert_cmpuint (drama_show_list_get_n_full_reads (g->list), ==, 1);

  drama_search_view_set_text (g->search, "");
}

/* Another program changes the file under the app: the shows table is not there. */
static void
exec_on_file (Guarded    *g,
              const char *sql)
{
  g_autofree char *path = g_build_filename (g->dir, "library.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gboolean
status_page_shown (gpointer data)
{
  gpointer *args = data;   /* root, title */
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  collect_widgets (args[0], ADW_TYPE_STATUS_PAGE, pages);
  for (guint i = 0; i < pages->len; i++)
    if (g_strcmp0 (adw_status_page_get_title (pages->pdata[i]), args[1]) == 0 &&
        gtk_widget_is_drawable (pages->pdata[i]))
      return TRUE;
  return FALSE;
}

static gboolean
guarded_rows_shown (gpointer data)
{
  Guarded *g = data;

  return guarded_row (g, g->alpha) != NULL;
}

/* A read that fails says so in words, in the watchlist and in Upcoming, instead of an
 * empty list (or "No Shows Yet") and a line on the console; Try Again reads again. */
static void
test_guarded_read_errors (Guarded       *g,
                          gconstpointer  data)
{
  g_autoptr(DramaShowList) broken = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  DramaUpcomingView *upcoming;
  gpointer error_shown[2] = { g->view, (gpointer) "Your Shows Could Not Be Read" };

  collect_widgets (GTK_WIDGET (g->view), DRAMA_TYPE_UPCOMING_VIEW, views);
  upcoming = views->pdata[0];

  exec_on_file (g, "ALTER TABLE shows RENAME TO shows_gone");
  /* The window opening on that library: its first read fails. */
  broken = drama_show_list_new (g->store);
  drama_watchlist_view_set_show_list (g->view, broken);
  g_assert_true (wait_for (status_page_shown, error_shown, 5000));
  g_assert_false (drama_watchlist_view_is_empty (g->view));
  g_assert_true (label_in (GTK_WIDGET (g->view), "_Try Again"));

  drama_watchlist_view_set_page (g->view, "upcoming");
  g_assert_true (wait_for (status_page_shown, error_shown, 5000));
  g_assert_cmpstr (drama_upcoming_view_get_empty_title (upcoming), ==, "Your Shows Could Not Be Read");
  g_assert_nonnull (strstr (drama_upcoming_view_get_empty_description (upcoming), "shows"));
  drama_watchlist_view_set_page (g->view, "shows");

  /* Put right: Try Again reads the shows. */
  exec_on_file (g, "ALTER TABLE shows_gone RENAME TO shows");
  g_signal_emit_by_name (find_shown_button (GTK_WIDGET (g->view), "_Try Again"), "clicked");
  g_assert_true (wait_for (guarded_rows_shown, g, 5000));
  g_assert_false (status_page_shown (error_shown));

  drama_watchlist_view_set_show_list (g->view, g->list);
}

/* ---- main ---- */

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *fixtures = NULL;
  int status;

  /* A library of our own, so the watchlist starts empty. */
  home = ui_test_make_home ("ui-watchlist-XXXXXX");
  data_home = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  ui_test_init (&argc, &argv, "dramalist-test");

  /* The fake TVmaze, in this thread's main context (the one GTK iterates). */
  fixtures = FAKE_SERVER_FIXTURES (NULL);
  server = fake_server_new (fixtures);
  for (gsize i = 0; i < G_N_ELEMENTS (routes); i++)
    fake_server_route (server, routes[i].path, routes[i].file);
  g_setenv (DRAMA_ENV_TVMAZE_URL, fake_server_get_url (server), TRUE);

  app = ui_test_new_app ();
  g_assert_nonnull (store ());
  serve_notifications (g_application_get_dbus_connection (G_APPLICATION (app)));

  window = drama_window_new (app);
  /* The app's default size (the window-width and window-height settings' defaults). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for ((Condition) gtk_widget_get_mapped, window, 10000));

  /* In order: each builds on the library the one before left. */
  g_test_add_func ("/ui/watchlist/add-and-tick", test_add_and_tick);
  g_test_add_func ("/ui/watchlist/mark-up-to-here-undo", test_mark_up_to_here_and_undo);
  g_test_add_func ("/ui/watchlist/remove-undo", test_remove_and_undo);
  g_test_add_func ("/ui/watchlist/search-error", test_search_error);
  g_test_add_func ("/ui/watchlist/refresh-keeps-seen", test_refresh_keeps_seen);
  g_test_add_func ("/ui/watchlist/add-by-hand-upcoming", test_add_by_hand_upcoming);
  g_test_add_func ("/ui/watchlist/hand-added-undated", test_hand_added_undated);
  g_test_add_func ("/ui/watchlist/filter-and-sort", test_filter_and_sort);
  g_test_add_func ("/ui/watchlist/user-fields-saved", test_user_fields_saved);
  g_test_add_func ("/ui/watchlist/search-marks-followed-watching", test_search_marks_followed_and_watching);
  g_test_add_func ("/ui/watchlist/person-page", test_person_page);
  g_test_add ("/ui/watchlist/guarded/seen-click", Guarded, NULL, guarded_setup,
              test_guarded_seen_click, guarded_teardown);
  g_test_add ("/ui/watchlist/guarded/filter-and-sort", Guarded, NULL, guarded_setup,
              test_guarded_filter_and_sort, guarded_teardown);
  g_test_add ("/ui/watchlist/guarded/upcoming-and-clock", Guarded, NULL, guarded_setup,
              test_guarded_upcoming_and_clock, guarded_teardown);
  g_test_add ("/ui/watchlist/guarded/upcoming-follows", Guarded, NULL, guarded_setup,
              test_guarded_upcoming_follows, guarded_teardown);
  g_test_add ("/ui/watchlist/guarded/search", Guarded, NULL, guarded_setup,
              test_guarded_search, guarded_teardown);
  g_test_add ("/ui/watchlist/guarded/read-errors", Guarded, NULL, guarded_setup,
              test_guarded_read_errors, guarded_teardown);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_pointer (&server, fake_server_free);
  g_clear_pointer (&notifications, g_ptr_array_unref);
  remove_tree (home);

  return status;
}
