#define G_LOG_DOMAIN "drama-preferences-window"

#include "config.h"

#include "drama-preferences-window.h"

#include <glib/gi18n-lib.h>

#include "drama-settings.h"
#include "drama-ui-text.h"

struct _DramaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkSpinButton        *refresh_spin;
  GtkSpinButton        *retention_spin;
  GtkSwitch            *images_switch;
  GtkSwitch            *spoiler_switch;
  AdwPreferencesGroup  *tvmaze_group;
  AdwEntryRow          *tvmaze_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (DramaPreferencesWindow, drama_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

gboolean
drama_preferences_validate_server_url (const char  *url,
                                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the address of a TVmaze server"));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a web address starting with http:// or https://"), url);
      return FALSE;
    }

  return TRUE;
}

static void
load_tvmaze_url (DramaPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, DRAMA_SETTINGS_TVMAZE_URL);

  gtk_editable_set_text (GTK_EDITABLE (self->tvmaze_row), url);
  gtk_widget_remove_css_class (GTK_WIDGET (self->tvmaze_row), "error");
}

static void
on_tvmaze_apply (DramaPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tvmaze_row))));
  g_autoptr(GError) error = NULL;

  if (!drama_preferences_validate_server_url (url, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->tvmaze_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        drama_toast_new (error->message));
      return;
    }

  g_settings_set_string (self->settings, DRAMA_SETTINGS_TVMAZE_URL, url);
}

static void
on_tvmaze_changed (DramaPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->tvmaze_row), "error");
}

static void
on_tvmaze_reset (DramaPreferencesWindow *self)
{
  g_settings_reset (self->settings, DRAMA_SETTINGS_TVMAZE_URL);
  load_tvmaze_url (self);
}

static void
on_tvmaze_setting_changed (GSettings              *settings,
                           const char             *key,
                           DramaPreferencesWindow *self)
{
  load_tvmaze_url (self);
}

static void
drama_preferences_window_dispose (GObject *object)
{
  DramaPreferencesWindow *self = DRAMA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (drama_preferences_window_parent_class)->dispose (object);
}

static void
drama_preferences_window_class_init (DramaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaPreferencesWindow, refresh_spin);
  gtk_widget_class_bind_template_child (widget_class, DramaPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, DramaPreferencesWindow, images_switch);
  gtk_widget_class_bind_template_child (widget_class, DramaPreferencesWindow, spoiler_switch);
  gtk_widget_class_bind_template_child (widget_class, DramaPreferencesWindow, tvmaze_group);
  gtk_widget_class_bind_template_child (widget_class, DramaPreferencesWindow, tvmaze_row);
  gtk_widget_class_bind_template_callback (widget_class, on_tvmaze_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_tvmaze_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tvmaze_reset);
}

static void
drama_preferences_window_init (DramaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Names for screen readers that GTK 4.8 does not give (icon buttons, mnemonics). */
  drama_ui_name_controls (GTK_WIDGET (self));
}

DramaPreferencesWindow *
drama_preferences_window_new (DramaApplication *application)
{
  DramaPreferencesWindow *self;

  g_return_val_if_fail (DRAMA_IS_APPLICATION (application), NULL);

  self = g_object_new (DRAMA_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (drama_application_get_settings (application));

  g_settings_bind (self->settings, DRAMA_SETTINGS_REFRESH_INTERVAL,
                   self->refresh_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, DRAMA_SETTINGS_RETENTION_DAYS,
                   self->retention_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, DRAMA_SETTINGS_LOAD_IMAGES,
                   self->images_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, DRAMA_SETTINGS_SPOILER_GUARD,
                   self->spoiler_switch, "active", G_SETTINGS_BIND_DEFAULT);

  /* The address is checked before it is stored, so it is applied by hand, not bound. */
  load_tvmaze_url (self);
  g_signal_connect_object (self->settings, "changed::" DRAMA_SETTINGS_TVMAZE_URL,
                           G_CALLBACK (on_tvmaze_setting_changed), self, 0);

  if (drama_application_tvmaze_url_is_overridden (application))
    {
      g_autofree char *note =
        /* The description is markup: the address is outside text. */
        g_markup_printf_escaped (_("Show, episode and cast data come from the TVmaze API. "
                           "%s is set, so %s is used instead of this address."),
                         DRAMA_ENV_TVMAZE_URL, drama_application_get_tvmaze_url (application));
      adw_preferences_group_set_description (self->tvmaze_group, note);
    }

  return self;
}
