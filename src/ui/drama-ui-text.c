#define G_LOG_DOMAIN "drama-ui-text"

#include "config.h"

#include "drama-ui-text.h"

AdwToast *
drama_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  /* libadwaita 1.2 parses a toast's title as markup and has no switch to stop it. */
  return adw_toast_new (escaped);
}

AdwToast *
drama_toast_new_printf (const char *format,
                        ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  return drama_toast_new (text);
}

AdwToast *
drama_toast_new_error (const char   *what,
                       const GError *error)
{
  return drama_toast_new_printf ("%s: %s", what, error != NULL ? error->message : "");
}

void
drama_status_page_set_text (AdwStatusPage *page,
                            const char    *text)
{
  g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : NULL;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  /* The description label of libadwaita 1.2's status page always uses markup. */
  adw_status_page_set_description (page, escaped);
}

void
drama_ui_set_accessible_label (GtkWidget  *widget,
                               const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}
