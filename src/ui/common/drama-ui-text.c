#define G_LOG_DOMAIN "drama-ui-text"

#include "config.h"

#include "drama-ui-text.h"

#include <glib/gi18n.h>

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

  /* drama_ui_name_controls () leaves it alone from now on. */
  g_object_set_data (G_OBJECT (widget), "drama-named", GINT_TO_POINTER (1));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* The text a label with a mnemonic shows: "_Add" → "Add", "Rock __n Roll" → "Rock _n Roll". */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

void
drama_ui_set_button_label (GtkButton  *button,
                           const char *label)
{
  g_autofree char *name = NULL;

  g_return_if_fail (GTK_IS_BUTTON (button));
  g_return_if_fail (label != NULL);

  gtk_button_set_label (button, label);
  name = strip_mnemonic (label);
  drama_ui_set_accessible_label (GTK_WIDGET (button), name);
}

static void
sync_label_with_tooltip (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL && *tooltip != '\0')
    drama_ui_set_accessible_label (widget, tooltip);
}

/* Named already: by the label property (set by us, or a plain button's label). */
static gboolean
has_label (GtkWidget *widget)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "drama-named"));
}

static void
name_by_tooltip (GtkWidget *widget)
{
  if (has_label (widget) || gtk_widget_get_tooltip_text (widget) == NULL)
    return;
  g_object_set_data (G_OBJECT (widget), "drama-named", GINT_TO_POINTER (1));
  sync_label_with_tooltip (widget);
  g_signal_connect (widget, "notify::tooltip-text", G_CALLBACK (sync_label_with_tooltip), NULL);
}

void
drama_ui_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_MENU_BUTTON (root))
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (root));
      GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (root));

      if (label == NULL)
        name_by_tooltip (root);
      else if (!has_label (root))
        {
          g_autofree char *text = gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (root))
                                  ? strip_mnemonic (label) : g_strdup (label);

          drama_ui_set_accessible_label (root, text);
        }
      /* Its own parts (a toggle button) are named through it. */
      if (popover != NULL)
        drama_ui_name_controls (GTK_WIDGET (popover));
      return;
    }

  if (GTK_IS_BUTTON (root))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));

      if (label == NULL)
        name_by_tooltip (root);
      else if (gtk_button_get_use_underline (GTK_BUTTON (root)) && strchr (label, '_') != NULL)
        /* Its mnemonic label names it already (labelled-by); the label property with the
         * underscore in it would be read first. */
        gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);
      /* What it holds is its content, named with it: nothing inside to name. */
      return;
    }

  if (GTK_IS_CHECK_BUTTON (root))
    {
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (root));

      if (label != NULL && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (root)))
        {
          g_autofree char *text = strip_mnemonic (label);

          drama_ui_set_accessible_label (root, text);
        }
      return;
    }

  if (GTK_IS_SEARCH_ENTRY (root))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (root, "placeholder-text", &placeholder, NULL);
      if (has_label (root))
        return;
      if (placeholder != NULL && *placeholder != '\0')
        drama_ui_set_accessible_label (root, placeholder);
      else if (gtk_widget_get_tooltip_text (root) != NULL)
        name_by_tooltip (root);
      else
        /* One libadwaita made (the Preferences window's), with neither. */
        drama_ui_set_accessible_label (root, _("Search"));
      return;
    }

  if (GTK_IS_DROP_DOWN (root) || ADW_IS_SPLIT_BUTTON (root))
    {
      name_by_tooltip (root);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    drama_ui_name_controls (child);
}

static GQuark
tooltip_quark (void)
{
  return g_quark_from_static_string ("drama-ui-tooltip");
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  const char *text = drama_ui_get_tooltip (widget);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
drama_ui_set_tooltip (GtkWidget  *widget,
                      const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (text, drama_ui_get_tooltip (widget)) == 0)
    return;

  /* Once per widget; with no text it answers nothing. */
  if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_query_tooltip, NULL) == 0)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  g_object_set_qdata_full (G_OBJECT (widget), tooltip_quark (), g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

const char *
drama_ui_get_tooltip (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());
}

GtkWidget *
drama_ui_decorative_icon_new (const char *icon_name)
{
  /* The role is fixed at construction. */
  return g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", icon_name,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
}
