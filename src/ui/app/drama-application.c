#define G_LOG_DOMAIN "drama-application"

#include "config.h"

#include "drama-application.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-article-loader.h"
#include "drama-casting-scout.h"
#include "drama-feed-updater.h"
#include "drama-news-schedule.h"
#include "drama-linker.h"
#include "drama-opml.h"
#include "drama-preferences-window.h"
#include "drama-search-provider.h"
#include "drama-settings.h"
#include "drama-show-refresher.h"
#include "drama-news-pane.h"
#include "drama-ui-call.h"
#include "drama-ui-text.h"
#include "drama-window.h"

struct _DramaApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;
  DramaStore      *store;
  GError          *store_error;
  DramaShowList   *show_list;   /* every show, live: the views filter and sort it */
  DramaWebContext *web_context;
  char            *tvmaze_url;

  /* Watchlist: the TVmaze client (remade when its URL changes), posters, refreshes. */
  DramaTvmaze        *tvmaze;
  DramaImageLoader   *image_loader;
  DramaShowRefresher *show_refresher;

  /* News: fetching feeds, linking what they bring to the shows, refreshing on a timer. */
  DramaFeedUpdater   *feed_updater;
  DramaLinker        *linker;
  DramaArticleLoader *article_loader;
  DramaCastingScout  *casting_scout;
  DramaNewsSchedule  *news_schedule;

  /* The library's background work (drama-store.h: upgrade, integrity check). */
  GCancellable       *cancellable;
  gint64              upgrade_started;

  DramaSearchProvider *search_provider;   /* GNOME Shell's search, on the app's bus name */
};

/* Set (to anything) to keep the first start from subscribing to data/default-feeds.opml:
 * tests and demos have no internet. */
#define DRAMA_ENV_SKIP_DEFAULT_FEEDS "DRAMALIST_SKIP_DEFAULT_FEEDS"

G_DEFINE_FINAL_TYPE (DramaApplication, drama_application, ADW_TYPE_APPLICATION)

enum {
  REFRESH_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_tvmaze_url (DramaApplication *self)
{
  const char *env = g_getenv (DRAMA_ENV_TVMAZE_URL);
  g_autofree char *url = NULL;
  gsize len;

  if (env != NULL && *env != '\0')
    url = g_strdup (env);
  else if (self->settings != NULL)
    url = g_settings_get_string (self->settings, DRAMA_SETTINGS_TVMAZE_URL);

  if (url == NULL || *url == '\0')
    {
      g_free (url);
      url = g_strdup (DEFAULT_TVMAZE_URL);
    }

  /* Callers append "/shows/…": keep exactly one slash between the two. */
  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  g_free (self->tvmaze_url);
  self->tvmaze_url = g_steal_pointer (&url);
}

static void
on_tvmaze_url_changed (GSettings        *settings,
                       const char       *key,
                       DramaApplication *self)
{
  update_tvmaze_url (self);

  /* The next drama_application_get_tvmaze() makes a client for the new URL. */
  g_clear_object (&self->tvmaze);
  if (self->image_loader != NULL)
    drama_image_loader_set_tvmaze (self->image_loader, drama_application_get_tvmaze (self));
  if (self->show_refresher != NULL)
    drama_show_refresher_set_tvmaze (self->show_refresher, drama_application_get_tvmaze (self));
  if (self->casting_scout != NULL)
    drama_casting_scout_set_tvmaze (self->casting_scout, drama_application_get_tvmaze (self));
  if (self->web_context != NULL)
    drama_web_context_set_image_source (self->web_context, drama_application_get_tvmaze (self));
}

static void
on_refresh_interval_changed (GSettings        *settings,
                             const char       *key,
                             DramaApplication *self)
{
  if (self->show_refresher != NULL)
    drama_show_refresher_set_interval (self->show_refresher,
                                       (guint) MAX (0, g_settings_get_int (settings, key)));
}

static void
on_new_episode (DramaShowRefresher *refresher,
                DramaShow          *show,
                DramaEpisode       *episode,
                DramaApplication   *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  /* Desktop notifications go over the session bus; without one there is nobody to tell. */
  if (g_application_get_dbus_connection (G_APPLICATION (self)) == NULL)
    {
      g_debug ("New episode of %s, no session bus to notify", drama_show_get_name (show));
      return;
    }

  title = g_strdup_printf (_("New episode of %s"), drama_show_get_name (show));
  if (drama_episode_get_number (episode) > 0)
    body = g_strdup_printf (_("Episode %d has aired"), drama_episode_get_number (episode));
  else
    body = g_strdup (_("A special has aired"));

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.open-show", "x",
                                                 drama_show_get_id (show));
  /* Through the bus (DBusActivatable), so both work after the app has quit too. */
  g_notification_add_button_with_target (notification, _("Mark as Seen"),
                                         "app.mark-episode-seen", "x",
                                         drama_episode_get_id (episode));
  id = g_strdup_printf ("new-episode-%" G_GINT64_FORMAT, drama_show_get_id (show));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* ---- news ---- */

static void
scouted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A title TVmaze could not be asked about stays due: the next refresh asks again. */
  if (!drama_casting_scout_scan_finish (DRAMA_CASTING_SCOUT (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Casting news not looked up: %s", error->message);
}

static void
linked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Unlinked articles are still listed; the next relink catches them. */
  if (!drama_linker_link_articles_finish (DRAMA_LINKER (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not link new articles: %s", error->message);
}

/* Articles newly tied to shows and people (new ones linked, or older ones relinked when a
 * show joined the watchlist): casting news is looked for in those tied to a followed actor.
 * A relink of everything names no ids and is left alone: the next refresh's new articles
 * are looked at. */
static void
on_links_changed (DramaStore       *store,
                  DramaStoreChange *change,
                  DramaApplication *self)
{
  guint n_ids = 0;
  const gint64 *ids = drama_store_change_get_ids (change, &n_ids);

  if (n_ids > 0 && self->casting_scout != NULL)
    drama_casting_scout_scan_async (self->casting_scout, ids, n_ids, NULL, scouted_cb, NULL);
}

static void
on_articles_stored (DramaFeedUpdater *updater,
                    GArray           *ids,
                    DramaApplication *self)
{
  if (ids == NULL || ids->len == 0 || self->linker == NULL)
    return;

  drama_linker_link_articles_async (self->linker, (const gint64 *) (gpointer) ids->data, ids->len,
                                    NULL, linked_cb, NULL);
  /* Feeds that load full articles: their new articles' pages, in the background. */
  drama_article_loader_queue_new (self->article_loader, (const gint64 *) (gpointer) ids->data,
                                  ids->len);
}

/* A refresh ended: the casting titles TVmaze did not know yet are due again now and then,
 * whether or not the refresh brought new articles. */
static void
on_refresh_progress (DramaFeedUpdater *updater,
                     guint             done,
                     guint             total,
                     DramaApplication *self)
{
  if (total > 0 && done == total && self->casting_scout != NULL)
    drama_casting_scout_scan_async (self->casting_scout, NULL, 0, NULL, scouted_cb, NULL);
}

static void
on_retention_changed (GSettings        *settings,
                      const char       *key,
                      DramaApplication *self)
{
  if (self->feed_updater != NULL)
    drama_feed_updater_set_retention_days (self->feed_updater,
                                           (guint) MAX (0, g_settings_get_int (settings, key)));
}

/* ---- the library's own background work, after the first frame ---- */

static void
set_library_progress (DramaApplication *self,
                      double            fraction)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DRAMA_IS_WINDOW (l->data))
      drama_news_pane_set_library_progress (drama_window_get_news_pane (l->data), fraction);
}

static void
on_upgrade_progress (guint    done,
                     guint    total,
                     gpointer user_data)
{
  DramaApplication *self = user_data;

  /* Shown only when it takes long enough to be worth a bar (more than a second). */
  if (total > 0 && done < total &&
      g_get_monotonic_time () - self->upgrade_started > G_USEC_PER_SEC)
    set_library_progress (self, (double) done / total);
}

static void
upgraded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DramaApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!drama_store_upgrade_finish (DRAMA_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not finish upgrading the library: %s", error->message);
  set_library_progress (self, -1);
}

static void
integrity_checked_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DramaApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (drama_store_check_integrity_finish (DRAMA_STORE (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (DRAMA_IS_WINDOW (window))
    {
      drama_window_add_toast (DRAMA_WINDOW (window), drama_toast_new (error->message));
    }
  else
    g_message ("%s", error->message);
}

/* What may take seconds on a large library never holds the first frame: the rest of an
 * upgrade from an older version (the search index, step by step) and the weekly check of
 * the whole file, both on the store's thread at low priority. */
static void
start_library_work (DramaApplication *self)
{
  if (self->store == NULL)
    return;
  self->upgrade_started = g_get_monotonic_time ();
  drama_store_upgrade_async (self->store, on_upgrade_progress, self, self->cancellable,
                             upgraded_cb, g_object_ref (self));
  drama_store_check_integrity_async (self->store, self->cancellable, integrity_checked_cb,
                                     g_object_ref (self));
}

static gboolean
start_news_cb (gpointer user_data)
{
  DramaApplication *self = user_data;

  g_autoptr(GBytes) first_feeds = NULL;
  const char *skip = g_getenv (DRAMA_ENV_SKIP_DEFAULT_FEEDS);

  start_library_work (self);

  if (skip == NULL || *skip == '\0')
    first_feeds = g_resources_lookup_data ("/io/github/dramalist/Dramalist/default-feeds.opml",
                                           G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  /* The old versions' note, for a library from before the library kept its own. */
  drama_news_schedule_start (self->news_schedule, first_feeds,
                             g_settings_get_boolean (self->settings,
                                                     DRAMA_SETTINGS_DEFAULT_FEEDS_ADDED));

  return G_SOURCE_REMOVE;
}

static void
setup_news (DramaApplication *self)
{
  self->feed_updater = drama_feed_updater_new (self->store);
  self->linker = drama_linker_new (self->store);
  self->article_loader = drama_article_loader_new (self->store, self->linker);
  self->casting_scout = drama_casting_scout_new (self->store, drama_application_get_tvmaze (self));
  drama_casting_scout_set_call_func (self->casting_scout, drama_ui_call);
  g_signal_connect_object (self->feed_updater, "progress",
                           G_CALLBACK (on_refresh_progress), self, 0);
  g_signal_connect_object (self->store, "changed::link", G_CALLBACK (on_links_changed), self, 0);
  g_signal_connect_object (self->feed_updater, "articles-stored",
                           G_CALLBACK (on_articles_stored), self, 0);
  self->news_schedule = drama_news_schedule_new (self->store, self->feed_updater);
  g_settings_bind (self->settings, DRAMA_SETTINGS_REFRESH_INTERVAL, self->news_schedule,
                   "interval", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed::" DRAMA_SETTINGS_RETENTION_DAYS,
                           G_CALLBACK (on_retention_changed), self, 0);
  on_retention_changed (self->settings, DRAMA_SETTINGS_RETENTION_DAYS, self);

  /* After the first window is up: the subscriptions and the first fetch wait for no one. */
  g_idle_add_full (G_PRIORITY_LOW, start_news_cb, g_object_ref (self), g_object_unref);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Close rather than quit so each window saves its size on the way out. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  DramaApplication *self = DRAMA_APPLICATION (user_data);

  drama_application_show_preferences (self,
                                      gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  DramaApplication *self = DRAMA_APPLICATION (user_data);

  drama_application_show_about (self, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
shows_refreshed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  g_autoptr(GError) error = NULL;

  /* The user asked: say so when it failed (a periodic refresh stays quiet). */
  if (!drama_show_refresher_refresh_finish (DRAMA_SHOW_REFRESHER (source), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && DRAMA_IS_WINDOW (window))
    {
      drama_window_add_toast (DRAMA_WINDOW (window),
                              drama_toast_new_printf (_("Shows could not be refreshed: %s"),
                                                      error->message));
    }
}

static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DramaApplication *self = DRAMA_APPLICATION (user_data);

  g_debug ("Refresh requested");
  if (self->show_refresher != NULL)
    drama_show_refresher_refresh_async (self->show_refresher, NULL, shows_refreshed_cb, self);
  if (self->news_schedule != NULL)
    drama_news_schedule_refresh_now (self->news_schedule);
  g_signal_emit (user_data, signals[REFRESH_REQUESTED], 0);
}

static void
open_show_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (app);

  if (!DRAMA_IS_WINDOW (window))
    window = GTK_WINDOW (drama_window_new (DRAMA_APPLICATION (app)));

  drama_window_show_show (DRAMA_WINDOW (window), g_variant_get_int64 (parameter));
  gtk_window_present (window);
}

static void
episode_marked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GApplication *app = user_data;
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GError) error = NULL;

  changed = drama_store_changed_ids_finish (DRAMA_STORE (source), result, &error);
  if (changed == NULL)
    /* From a notification, perhaps with no window to say it in. */
    g_message ("Could not mark the episode seen: %s", error->message);
  g_application_release (app);
}

/* A notification's "Mark as Seen": the episode's own mark, as its row's check does. The
 * app may have been started by the bus for this alone: it stays until the mark is
 * written. */
static void
mark_episode_seen_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  DramaApplication *self = DRAMA_APPLICATION (user_data);
  gint64 episode_id = g_variant_get_int64 (parameter);

  if (self->store == NULL)
    return;
  g_application_hold (G_APPLICATION (self));
  drama_store_set_episodes_seen_async (self->store, &episode_id, 1,
                                       g_get_real_time () / G_USEC_PER_SEC, NULL,
                                       episode_marked_cb, self);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
  { "refresh", refresh_activated },
  { "open-show", open_show_activated, "x" },
  { "mark-episode-seen", mark_episode_seen_activated, "x" },
};

static void
drama_application_startup (GApplication *application)
{
  DramaApplication *self = DRAMA_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char *add_show_accels[] = { "<Control>n", NULL };
  static const char *add_feed_accels[] = { "<Control><Shift>n", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  /* Ctrl+F is the news pane's article search; the search of everything has a key of its
   * own, the one GNOME apps use for a global search. */
  static const char *search_accels[] = { "<Control>k", NULL };

  /* The library opens (and checks its own tables) while GTK and libadwaita start. Its
   * folder is the profile's: a development build never opens the user's real library. */
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), DATA_DIR_NAME,
                                               "library.db", NULL);
  DramaStoreOpening *opening = drama_store_open_begin (library);

  G_APPLICATION_CLASS (drama_application_parent_class)->startup (application);

  self->settings = g_settings_new (DRAMA_SETTINGS_SCHEMA);
  g_signal_connect_object (self->settings, "changed::" DRAMA_SETTINGS_TVMAZE_URL,
                           G_CALLBACK (on_tvmaze_url_changed), self, 0);
  update_tvmaze_url (self);

  self->store = drama_store_open_join (opening, &self->store_error);
  /* Not a warning: the window shows the error to the user, it is handled. */
  if (self->store == NULL)
    g_message ("Could not open the library: %s", self->store_error->message);
  else
    /* From here on a blocking library call on this thread, one that would make the window
     * wait for SQLite or for a worker, is a g_critical (fatal in tests): the UI asks the
     * store's thread for everything (drama_store_call_async). */
    drama_store_set_thread_guard (self->store, TRUE);

  self->image_loader = drama_image_loader_new (drama_application_get_tvmaze (self));
  /* Posters, cast photos and thumbnails honour the setting like the reader does. */
  g_settings_bind (self->settings, DRAMA_SETTINGS_LOAD_IMAGES,
                   self->image_loader, "load-images", G_SETTINGS_BIND_GET);
  if (self->store != NULL)
    {
      self->show_list = drama_show_list_new (self->store);
      self->show_refresher = drama_show_refresher_new (self->store);
      drama_show_refresher_set_call_func (self->show_refresher, drama_ui_call);
      drama_show_refresher_set_tvmaze (self->show_refresher, drama_application_get_tvmaze (self));
      g_signal_connect_object (self->show_refresher, "new-episode",
                               G_CALLBACK (on_new_episode), self, 0);
      g_signal_connect_object (self->settings, "changed::" DRAMA_SETTINGS_REFRESH_INTERVAL,
                               G_CALLBACK (on_refresh_interval_changed), self, 0);
      on_refresh_interval_changed (self->settings, DRAMA_SETTINGS_REFRESH_INTERVAL, self);
      drama_show_refresher_start (self->show_refresher);
      setup_news (self);
    }

  self->web_context = drama_web_context_new ();
  drama_web_context_set_image_source (self->web_context, drama_application_get_tvmaze (self));
  g_settings_bind (self->settings, DRAMA_SETTINGS_LOAD_IMAGES,
                   self->web_context, "load-images", G_SETTINGS_BIND_GET);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.add-show",
                                         add_show_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.add-feed",
                                         add_feed_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
}

static void
drama_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (drama_window_new (DRAMA_APPLICATION (application)));

  gtk_window_present (window);
}

static void
drama_application_shutdown (GApplication *application)
{
  DramaApplication *self = DRAMA_APPLICATION (application);

  /* The library's background work stops between two steps; the next start goes on. */
  g_cancellable_cancel (self->cancellable);
  G_APPLICATION_CLASS (drama_application_parent_class)->shutdown (application);
}

static void
drama_application_dispose (GObject *object)
{
  DramaApplication *self = DRAMA_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->show_refresher);
  g_clear_object (&self->news_schedule);
  g_clear_object (&self->feed_updater);
  g_clear_object (&self->casting_scout);
  g_clear_object (&self->article_loader);
  g_clear_object (&self->linker);
  g_clear_object (&self->image_loader);
  g_clear_object (&self->tvmaze);
  g_clear_object (&self->show_list);
  g_clear_object (&self->store);
  g_clear_object (&self->web_context);
  g_clear_object (&self->search_provider);

  G_OBJECT_CLASS (drama_application_parent_class)->dispose (object);
}

static void
drama_application_finalize (GObject *object)
{
  DramaApplication *self = DRAMA_APPLICATION (object);

  g_clear_error (&self->store_error);
  g_free (self->tvmaze_url);

  G_OBJECT_CLASS (drama_application_parent_class)->finalize (object);
}

/* GNOME Shell's search provider answers on the app's own name, from registration (before
 * startup: it reads the store only when asked, once the main loop runs). */
static gboolean
drama_application_dbus_register (GApplication     *application,
                                 GDBusConnection  *connection,
                                 const char       *object_path,
                                 GError          **error)
{
  DramaApplication *self = DRAMA_APPLICATION (application);

  if (!G_APPLICATION_CLASS (drama_application_parent_class)->dbus_register (application,
                                                                            connection,
                                                                            object_path,
                                                                            error))
    return FALSE;
  if (self->search_provider == NULL)
    self->search_provider = drama_search_provider_new (self);
  return drama_search_provider_register (self->search_provider, connection, object_path, error);
}

static void
drama_application_dbus_unregister (GApplication    *application,
                                   GDBusConnection *connection,
                                   const char      *object_path)
{
  DramaApplication *self = DRAMA_APPLICATION (application);

  if (self->search_provider != NULL)
    drama_search_provider_unregister (self->search_provider);
  G_APPLICATION_CLASS (drama_application_parent_class)->dbus_unregister (application, connection,
                                                                         object_path);
}

/* Answered in the calling process, before any display or bus is needed. */
static int
drama_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Dramalist %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
drama_application_class_init (DramaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = drama_application_dispose;
  object_class->finalize = drama_application_finalize;
  app_class->startup = drama_application_startup;
  app_class->activate = drama_application_activate;
  app_class->shutdown = drama_application_shutdown;
  app_class->handle_local_options = drama_application_handle_local_options;
  app_class->dbus_register = drama_application_dbus_register;
  app_class->dbus_unregister = drama_application_dbus_unregister;

  signals[REFRESH_REQUESTED] =
    g_signal_new ("refresh-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
drama_application_init (DramaApplication *self)
{
  self->cancellable = g_cancellable_new ();
  g_application_add_main_option (G_APPLICATION (self), "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Print the version and exit"), NULL);
}

DramaApplication *
drama_application_new (void)
{
  return g_object_new (DRAMA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/dramalist/Dramalist",
                       NULL);
}

DramaStore *
drama_application_get_store (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  return self->store;
}

DramaShowList *
drama_application_get_show_list (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  return self->show_list;
}

const GError *
drama_application_get_store_error (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  return self->store_error;
}

GSettings *
drama_application_get_settings (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  return self->settings;
}

DramaWebContext *
drama_application_get_web_context (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  return self->web_context;
}

const char *
drama_application_get_tvmaze_url (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  if (self->tvmaze_url == NULL)
    update_tvmaze_url (self);

  return self->tvmaze_url;
}

DramaTvmaze *
drama_application_get_tvmaze (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  if (self->tvmaze == NULL)
    self->tvmaze = drama_tvmaze_new (drama_application_get_tvmaze_url (self));

  return self->tvmaze;
}

DramaImageLoader *
drama_application_get_image_loader (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  return self->image_loader;
}

DramaFeedUpdater *
drama_application_get_feed_updater (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  return self->feed_updater;
}

DramaLinker *
drama_application_get_linker (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  return self->linker;
}

DramaArticleLoader *
drama_application_get_article_loader (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  return self->article_loader;
}

DramaShowRefresher *
drama_application_get_show_refresher (DramaApplication *self)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), NULL);

  return self->show_refresher;
}

gboolean
drama_application_tvmaze_url_is_overridden (DramaApplication *self)
{
  const char *env = g_getenv (DRAMA_ENV_TVMAZE_URL);

  g_return_val_if_fail (DRAMA_IS_APPLICATION (self), FALSE);

  return env != NULL && *env != '\0';
}

void
drama_application_show_preferences (DramaApplication *self,
                                    GtkWindow        *parent)
{
  DramaPreferencesWindow *prefs;

  g_return_if_fail (DRAMA_IS_APPLICATION (self));

  prefs = drama_preferences_window_new (self);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

void
drama_application_show_about (DramaApplication *self,
                              GtkWindow        *parent)
{
  static const char *developers[] = { "The Dramalist developers", NULL };
  GtkWidget *about;

  g_return_if_fail (DRAMA_IS_APPLICATION (self));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Dramalist"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Dramalist developers"),
                        "developers", developers,
                        "copyright", "© 2026 The Dramalist developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/dramalist/dramalist",
                        "issue-url", "https://github.com/dramalist/dramalist/issues",
                        "comments", _("Follow the dramas you watch, their episodes and the news "
                                      "about them and their cast."),
                        /* TRANSLATORS: your name(s), one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);

  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("Show Data from TVmaze"),
                             "https://www.tvmaze.com");
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      "TVmaze",
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("Show, episode and cast data from "
                                        "<a href=\"https://www.tvmaze.com\">TVmaze</a>, "
                                        "used under the "
                                        "<a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">"
                                        "Creative Commons Attribution-ShareAlike 4.0</a> "
                                        "license (CC BY-SA)."));

  gtk_window_present (GTK_WINDOW (about));
}
