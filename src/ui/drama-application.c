#define G_LOG_DOMAIN "drama-application"

#include "config.h"

#include "drama-application.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-preferences-window.h"
#include "drama-settings.h"
#include "drama-show-refresher.h"
#include "drama-window.h"

struct _DramaApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;
  DramaStore      *store;
  GError          *store_error;
  DramaWebContext *web_context;
  char            *tvmaze_url;

  /* Watchlist: the TVmaze client (remade when its URL changes), posters, refreshes. */
  DramaTvmaze        *tvmaze;
  DramaImageLoader   *image_loader;
  DramaShowRefresher *show_refresher;
};

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

  title = g_strdup_printf (_("New episode of %s"), drama_show_get_name (show));
  if (drama_episode_get_number (episode) > 0)
    body = g_strdup_printf (_("Episode %d has aired"), drama_episode_get_number (episode));
  else
    body = g_strdup (_("A special has aired"));

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.open-show", "x",
                                                 drama_show_get_id (show));
  id = g_strdup_printf ("new-episode-%" G_GINT64_FORMAT, drama_show_get_id (show));
  g_application_send_notification (G_APPLICATION (self), id, notification);
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
      g_autofree char *text = g_strdup_printf (_("Shows could not be refreshed: %s"),
                                               error->message);

      drama_window_add_toast (DRAMA_WINDOW (window), adw_toast_new (text));
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

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
  { "refresh", refresh_activated },
  { "open-show", open_show_activated, "x" },
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

  G_APPLICATION_CLASS (drama_application_parent_class)->startup (application);

  self->settings = g_settings_new (DRAMA_SETTINGS_SCHEMA);
  g_signal_connect_object (self->settings, "changed::" DRAMA_SETTINGS_TVMAZE_URL,
                           G_CALLBACK (on_tvmaze_url_changed), self, 0);
  update_tvmaze_url (self);

  self->store = drama_store_new (NULL, &self->store_error);
  /* Not a warning: the window shows the error to the user, it is handled. */
  if (self->store == NULL)
    g_message ("Could not open the library: %s", self->store_error->message);

  self->image_loader = drama_image_loader_new (drama_application_get_tvmaze (self));
  if (self->store != NULL)
    {
      self->show_refresher = drama_show_refresher_new (self->store);
      drama_show_refresher_set_tvmaze (self->show_refresher, drama_application_get_tvmaze (self));
      g_signal_connect_object (self->show_refresher, "new-episode",
                               G_CALLBACK (on_new_episode), self, 0);
      g_signal_connect_object (self->settings, "changed::" DRAMA_SETTINGS_REFRESH_INTERVAL,
                               G_CALLBACK (on_refresh_interval_changed), self, 0);
      on_refresh_interval_changed (self->settings, DRAMA_SETTINGS_REFRESH_INTERVAL, self);
      drama_show_refresher_start (self->show_refresher);
    }

  self->web_context = drama_web_context_new ();
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
drama_application_dispose (GObject *object)
{
  DramaApplication *self = DRAMA_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->show_refresher);
  g_clear_object (&self->image_loader);
  g_clear_object (&self->tvmaze);
  g_clear_object (&self->store);
  g_clear_object (&self->web_context);

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

static void
drama_application_class_init (DramaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = drama_application_dispose;
  object_class->finalize = drama_application_finalize;
  app_class->startup = drama_application_startup;
  app_class->activate = drama_application_activate;

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
