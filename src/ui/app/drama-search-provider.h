#pragma once

#include <gio/gio.h>

#include "drama-application.h"

G_BEGIN_DECLS

/* The path under the application's own object path where the provider answers (the
 * search-provider.ini's ObjectPath). */
#define DRAMA_SEARCH_PROVIDER_PATH_SUFFIX "/SearchProvider"
/* Results listed after the shows: the newest articles about the first few of them. */
#define DRAMA_SEARCH_PROVIDER_MAX_ARTICLES 5

#define DRAMA_TYPE_SEARCH_PROVIDER (drama_search_provider_get_type ())

/* GNOME Shell's search provider (org.gnome.Shell.SearchProvider2) on the application's
 * own bus name: the followed shows every word typed names (title, original title, akas,
 * aliases, cast names and their aliases), then the newest articles about them. Result ids
 * are "show:ID" and "article:ID". Every read is a job on the store's thread; each call is
 * answered from the job's callback, with the application held meanwhile. Activating a
 * result opens the show page or the article in the window; LaunchSearch opens the app's
 * own search holding the words. */
G_DECLARE_FINAL_TYPE (DramaSearchProvider, drama_search_provider, DRAMA, SEARCH_PROVIDER, GObject)

/* application is not referenced: it owns the provider. */
DramaSearchProvider *drama_search_provider_new        (DramaApplication     *application);
/* Exports the provider at object_path + DRAMA_SEARCH_PROVIDER_PATH_SUFFIX on connection
 * (GApplication's dbus_register). */
gboolean             drama_search_provider_register   (DramaSearchProvider  *self,
                                                       GDBusConnection      *connection,
                                                       const char           *object_path,
                                                       GError              **error);
/* Takes it off the bus again (dbus_unregister); does nothing when not exported. */
void                 drama_search_provider_unregister (DramaSearchProvider  *self);

G_END_DECLS
