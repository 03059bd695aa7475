#include "config.h"

#include "dbus-app-common.h"

#include <stdlib.h>

GTestDBus *
dbus_app_bus_up (const char       *services_dir,
                 const char       *home,
                 const char       *display,
                 GDBusConnection **connection)
{
  const char *binary = g_getenv ("DRAMALIST_BINARY");
  g_autofree char *contents = NULL;
  g_autofree char *service = NULL;
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  g_autoptr(GError) error = NULL;
  GTestDBus *bus;

  g_assert_nonnull (binary);
  g_assert_cmpint (g_mkdir_with_parents (services_dir, 0700), ==, 0);
  /* The installed file, with the binary of this build. */
  contents = g_strdup_printf ("[D-BUS Service]\nName=%s\nExec=%s --gapplication-service\n",
                              APP_ID, binary);
  service = g_build_filename (services_dir, APP_ID ".service", NULL);
  g_assert_true (g_file_set_contents (service, contents, -1, &error));

  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("DRAMALIST_TVMAZE_URL", "http://127.0.0.1:9/", TRUE);
  g_setenv ("DISPLAY", display, TRUE);
  /* Mesa would keep its shader cache under XDG_CACHE_HOME, written by an app still on its
   * way out while the test removes the folder. */
  g_setenv ("MESA_SHADER_CACHE_DISABLE", "true", TRUE);
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (bus, services_dir);
  g_test_dbus_up (bus);
  *connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  return bus;
}

gboolean
dbus_app_running (GDBusConnection *connection)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", APP_ID),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

void
dbus_app_remove_home (const char *home)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", home);

  /* The app the bus started may still be writing its last files as it goes. */
  for (int attempt = 0; attempt < 50; attempt++)
    {
      if (system (command) == 0 && !g_file_test (home, G_FILE_TEST_EXISTS))
        return;
      g_usleep (100 * 1000);
    }
  g_test_message ("Could not remove %s", home);
}
