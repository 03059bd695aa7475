/* What the tests that start the app through D-Bus activation share (dbus-activation,
 * search-provider): a private session bus that knows this build's binary, and whether the
 * app holds its name on it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes the installed .service file into services_dir, with this build's binary
 * ($DRAMALIST_BINARY); then, as the bus passes its environment on to what it starts,
 * points the app at home (its library and caches) and at no network, with the display
 * given (GTestDBus takes DISPLAY away), starts the bus and connects to it. */
GTestDBus *dbus_app_bus_up   (const char       *services_dir,
                              const char       *home,
                              const char       *display,
                              GDBusConnection **connection);
/* Removes home and what is in it, waiting a little for an app still on its way out. */
void       dbus_app_remove_home (const char *home);
/* Whether the app holds its name on the bus (started, and not gone). */
gboolean   dbus_app_running  (GDBusConnection  *connection);

G_END_DECLS
