#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Outside text (feed, article, show and person titles, error messages) shown where
 * libadwaita 1.2 reads Pango markup: a toast's title (always markup before 1.4), a status
 * page's description, a row's title and subtitle. Each takes literal text and shows it as
 * written: "Love & War" stays "Love & War", "<a href=…>" is not a link. No type of its
 * own. */

/* A toast whose title is text, as written. */
AdwToast *drama_toast_new               (const char    *text);
/* A toast whose title is the formatted text, as written (the format and its arguments are
 * all escaped, so a translation with "&" is safe too). */
AdwToast *drama_toast_new_printf        (const char    *format,
                                         ...) G_GNUC_PRINTF (1, 2);
/* "what: error message", as written. */
AdwToast *drama_toast_new_error         (const char    *what,
                                         const GError  *error);
/* The description of a status page, as written (NULL: none). */
void      drama_status_page_set_text    (AdwStatusPage *page,
                                         const char    *text);

/* The name a screen reader reads for widget (an icon-only button, a menu button, an
 * entry): GTK 4.8 does not take it from the tooltip. */
void      drama_ui_set_accessible_label (GtkWidget     *widget,
                                         const char    *label);
/* A mnemonic button's label changed after drama_ui_name_controls (): its name follows,
 * without the underscore. */
void      drama_ui_set_button_label     (GtkButton     *button,
                                         const char    *label);
/* Names every control in root's tree as GTK 4.8 does not: an icon-only button, menu
 * button or drop-down by its tooltip (kept in step when the tooltip changes), a search
 * entry by its placeholder, and a button or check button with a mnemonic by its label
 * without the underscore (GTK 4.8 reads "_Add" as "_Add Add"). Controls with a name of
 * their own are left alone. Call it once a widget's template is built, and on widgets
 * made later. */
void      drama_ui_name_controls        (GtkWidget     *root);
/* A tooltip for a widget made or rebound often (list rows, drop-down items): GTK 4.8's
 * gtk_widget_set_tooltip_text () asks the display where the pointer is, a round trip to
 * the X server each time; this one is written only when a tooltip is shown. Also the
 * widget's accessible description. NULL or "": none. Not for icon-only buttons, which
 * drama_ui_name_controls () names by their tooltip text. */
void        drama_ui_set_tooltip        (GtkWidget     *widget,
                                         const char    *text);
/* What drama_ui_set_tooltip () gave widget, or NULL. */
const char *drama_ui_get_tooltip        (GtkWidget     *widget);
/* An icon that only decorates (a row's arrow, a placeholder): a screen reader skips it
 * rather than reading "GtkImage". */
GtkWidget *drama_ui_decorative_icon_new (const char    *icon_name);

G_END_DECLS
