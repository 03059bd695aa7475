/* D-Bus activation, as the Shell and a notification's buttons use it once the app has quit:
 * a private session bus (GTestDBus) whose service folder holds Dramalist's service file,
 * pointing at the binary just built. A call to the app's bus name starts it; the action
 * named in the call takes effect in the library; then the app quits when asked. Needs a
 * display (the app is a GtkApplication). */

#define G_LOG_DOMAIN "test-dbus-activation"

#include "config.h"

#include "dbus-app-common.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "drama-store.h"

/* GApplication's object path is its ID with dots as slashes: the development profile's
 * ".Devel" is one more element. */
static char *
object_path (void)
{
  g_autofree char *path = g_strdup_printf ("/%s", APP_ID);

  g_strdelimit (path, ".", '/');
  return g_steal_pointer (&path);
}

/* GTestDBus unsets DISPLAY (g_test_dbus_unset) on its way down: the app the bus starts needs
 * it, so the first one is kept. */
static char *display;

typedef struct {
  char     *home;        /* XDG_DATA_HOME of the app the bus starts */
  char     *library;
  char     *services;
  GTestDBus *bus;
  GDBusConnection *connection;
} Fixture;

/* A show with one aired episode, written through the store; its id. */
static gint64
make_library (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaStore) store = drama_store_new (path, &error);
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(DramaEpisode) episode = drama_episode_new ();
  g_autoptr(GPtrArray) episodes = g_ptr_array_new ();
  g_autoptr(GPtrArray) saved = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  drama_show_set_tvmaze_id (show, 77);
  drama_show_set_name (show, "Moving");
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  drama_episode_set_tvmaze_id (episode, 7701);
  drama_episode_set_season (episode, 1);
  drama_episode_set_number (episode, 1);
  drama_episode_set_name (episode, "Pilot");
  drama_episode_set_airstamp (episode, now - 86400);
  g_ptr_array_add (episodes, episode);
  g_assert_true (drama_store_save_show (store, show, episodes, NULL, &error));
  g_assert_no_error (error);
  saved = drama_store_list_episodes (store, drama_show_get_id (show), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  return drama_episode_get_id (g_ptr_array_index (saved, 0));
}

static gint64
seen_at (const char *path,
         gint64      episode_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seen_at FROM episodes WHERE id = ?1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, episode_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;

  fixture->home = g_dir_make_tmp ("dramalist-dbus-XXXXXX", &error);
  g_assert_no_error (error);
  folder = g_build_filename (fixture->home, DATA_DIR_NAME, NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  fixture->library = g_build_filename (folder, "library.db", NULL);
  fixture->services = g_build_filename (fixture->home, "services", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->services, 0700), ==, 0);

  fixture->bus = dbus_app_bus_up (fixture->services, fixture->home, display,
                                 &fixture->connection);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{

  g_clear_object (&fixture->connection);
  g_test_dbus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  dbus_app_remove_home (fixture->home);
  g_free (fixture->home);
  g_free (fixture->library);
  g_free (fixture->services);
}

static GVariant *
call_app (Fixture    *fixture,
          const char *interface,
          const char *method,
          GVariant   *parameters)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = object_path ();
  GVariant *reply = g_dbus_connection_call_sync (fixture->connection, APP_ID, path,
                                                 interface, method, parameters, NULL,
                                                 G_DBUS_CALL_FLAGS_NONE, 60000, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

static gboolean
app_running (Fixture *fixture)
{
  return dbus_app_running (fixture->connection);
}

/* A notification's "Mark as Seen" after the app quit: the bus starts the app for the
 * action alone (asked with `gdbus call`), the mark is written, and the app goes again. */
static void
test_action_starts_app (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 episode_id = make_library (fixture->library);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_assert_false (app_running (fixture));
  g_assert_cmpint (seen_at (fixture->library, episode_id), ==, 0);

  /* As a shell would: `gdbus call` on the bus GTestDBus set up (its address is in our
   * environment). */
  {
    g_autofree char *path = object_path ();
    g_autofree char *parameter = g_strdup_printf ("[<int64 %" G_GINT64_FORMAT ">]", episode_id);
    const char *argv[] = { "gdbus", "call", "--session", "--dest", APP_ID, "--object-path", path,
                           "--method", "org.freedesktop.Application.ActivateAction",
                           "mark-episode-seen", parameter, "{}", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    int status = -1;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_test_message ("gdbus call: %s%s", out, err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (g_strstrip (out), ==, "()");
  }
  while (seen_at (fixture->library, episode_id) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  g_assert_cmpint (seen_at (fixture->library, episode_id), >, 0);

  /* Started for the action alone, with no window: it goes once the mark is written. */
  while (app_running (fixture) && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  g_assert_false (app_running (fixture));
}

/* Activate (the Shell's click on the launcher) starts it with a window, which stays; the
 * app's own actions answer on the bus, quit among them. */
static void
test_activate_then_quit (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GVariant) activated = NULL;
  g_autoptr(GVariant) quit = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  make_library (fixture->library);
  activated = call_app (fixture, "org.freedesktop.Application", "Activate",
                        g_variant_new_parsed ("(@a{sv} {},)"));
  g_usleep (G_USEC_PER_SEC);
  g_assert_true (app_running (fixture));

  quit = call_app (fixture, "org.gtk.Actions", "Activate",
                   g_variant_new_parsed ("('quit', @av [], @a{sv} {})"));
  while (app_running (fixture) && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  g_assert_false (app_running (fixture));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs an X display");
      return 77;
    }
  display = g_strdup (g_getenv ("DISPLAY"));

  g_test_add ("/dbus/action-starts-app", Fixture, NULL, fixture_setup,
              test_action_starts_app, fixture_teardown);
  g_test_add ("/dbus/activate-then-quit", Fixture, NULL, fixture_setup,
              test_activate_then_quit, fixture_teardown);
  return g_test_run ();
}
