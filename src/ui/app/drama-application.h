#pragma once

#include <adwaita.h>

#include "drama-article-loader.h"
#include "drama-feed-updater.h"
#include "drama-image-loader.h"
#include "drama-linker.h"
#include "drama-show-list.h"
#include "drama-show-refresher.h"
#include "drama-store.h"
#include "drama-tvmaze.h"
#include "drama-web-context.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_APPLICATION (drama_application_get_type ())

/* The application: owns the library (DramaStore), the settings and the web setup that
 * every window shares. App actions: app.quit, app.preferences, app.about, app.refresh,
 * app.open-show (int64 show id: presents a window showing that show).
 * Signals: "refresh-requested" () when the user asks for a refresh (app.refresh). */
G_DECLARE_FINAL_TYPE (DramaApplication, drama_application, DRAMA, APPLICATION, AdwApplication)

DramaApplication *drama_application_new             (void);

/* NULL when the library could not be opened: drama_application_get_store_error() says why.
 * Valid after startup. */
DramaStore       *drama_application_get_store       (DramaApplication *self);
const GError     *drama_application_get_store_error (DramaApplication *self);
/* Every show on the watchlist, kept current from the store (NULL without a library): the
 * one list the watchlist, Upcoming and search views filter and sort. */
DramaShowList    *drama_application_get_show_list   (DramaApplication *self);
GSettings        *drama_application_get_settings    (DramaApplication *self);
DramaWebContext  *drama_application_get_web_context (DramaApplication *self);

/* The TVmaze base URL without a trailing slash: $DRAMALIST_TVMAZE_URL when set, else the
 * tvmaze-url setting. The string is owned by the application and changes with the setting. */
const char       *drama_application_get_tvmaze_url  (DramaApplication *self);
/* The TVmaze client for that URL (one per application, remade when the URL changes: do
 * not keep it across calls). */
DramaTvmaze      *drama_application_get_tvmaze      (DramaApplication *self);
/* Posters and photos, through the client's image cache. */
DramaImageLoader *drama_application_get_image_loader (DramaApplication *self);
/* NULL when the library could not be opened. app.refresh refreshes the shows through it. */
DramaShowRefresher *drama_application_get_show_refresher (DramaApplication *self);
/* NULL when the library could not be opened. Fetches the feeds: app.refresh, a timer
 * (refresh-interval) and the first start (default feeds) go through it. */
DramaFeedUpdater *drama_application_get_feed_updater (DramaApplication *self);
/* NULL when the library could not be opened. Links the articles the updater stores. */
DramaLinker      *drama_application_get_linker       (DramaApplication *self);
/* NULL when the library could not be opened. Reader mode: loads articles' own pages. */
DramaArticleLoader *drama_application_get_article_loader (DramaApplication *self);
/* TRUE when $DRAMALIST_TVMAZE_URL overrides the setting. */
gboolean          drama_application_tvmaze_url_is_overridden (DramaApplication *self);

/* Opens the preferences / about windows for parent (may be NULL). */
void              drama_application_show_preferences (DramaApplication *self,
                                                      GtkWindow        *parent);
void              drama_application_show_about       (DramaApplication *self,
                                                      GtkWindow        *parent);

G_END_DECLS
