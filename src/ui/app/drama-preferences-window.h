#pragma once

#include <adwaita.h>

#include "drama-application.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_PREFERENCES_WINDOW (drama_preferences_window_get_type ())

/* Preferences, every row bound to the app's GSettings. */
G_DECLARE_FINAL_TYPE (DramaPreferencesWindow, drama_preferences_window, DRAMA, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

DramaPreferencesWindow *drama_preferences_window_new (DramaApplication *application);

/* Checks a TVmaze server address: http(s) with a host. On failure sets a message a user
 * can read. */
gboolean drama_preferences_validate_server_url (const char  *url,
                                                GError     **error);

G_END_DECLS
