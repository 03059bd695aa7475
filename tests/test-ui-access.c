/* What a user sees and types, and what a screen reader reads, under a real display
 * (xvfb-run): outside text shown as written wherever libadwaita reads markup (toasts, rows,
 * status pages), the reader's and the dialogs' keys sent as real key presses (xdotool,
 * through the X server) to the window that has the focus, the shortcuts window, and a name
 * for every control of every window. */
#define G_LOG_DOMAIN "test-ui-access"

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <string.h>
#include <webkit/webkit.h>

#include "drama-add-feed-dialog-test.h"
#include "drama-add-feed-dialog.h"
#include "drama-add-show-dialog.h"
#include "drama-application.h"
#include "drama-article.h"
#include "drama-article-list.h"
#include "drama-news-pane-test.h"
#include "drama-news-pane.h"
#include "drama-person-page-test.h"
#include "drama-preferences-window.h"
#include "drama-settings.h"
#include "drama-show-page-test.h"
#include "drama-ui-text.h"
#include "drama-window-test.h"
#include "drama-window.h"
#include "fake-server.h"
#include "ui-test-common.h"

/* Names as TVmaze and feeds may send them: each is markup, or broken markup, if parsed. */
#define SHOW_NAME "Love & War"
#define PERSON_NAME "<b>Kim</b> & Lee"
#define FEED_TITLE "<a href=\"file:///etc/passwd\">Drama News</a>"
#define ARTICLE_TITLE "<b>x</b> & more"
#define SHOW_TVMAZE_ID 990100

static DramaApplication *app;
static FakeServer *server;
static DramaWindow *window;

static const char search_json[] =
  "[{\"score\": 0.9, \"show\": {\"id\": 990100, \"name\": \"Love & War\", \"type\": \"Scripted\","
  " \"language\": \"Korean\", \"genres\": [\"Drama\"], \"status\": \"Ended\", \"premiered\": \"2020-01-01\","
  " \"schedule\": {\"time\": \"22:00\", \"days\": [\"Monday\"]},"
  " \"network\": {\"id\": 1, \"name\": \"KBS2\", \"country\": {\"name\": \"Korea, Republic of\","
  " \"code\": \"KR\", \"timezone\": \"Asia/Seoul\"}}, \"image\": null, \"summary\": null,"
  " \"updated\": 1650000000}}]";

static const char show_json[] =
  "{\"id\": 990100, \"url\": \"https://www.tvmaze.com/shows/990100\", \"name\": \"Love & War\","
  " \"type\": \"Scripted\", \"language\": \"Korean\", \"genres\": [\"Drama\"], \"status\": \"Ended\","
  " \"runtime\": 60, \"premiered\": \"2020-01-06\", \"ended\": \"2020-01-07\","
  " \"schedule\": {\"time\": \"22:00\", \"days\": [\"Monday\", \"Tuesday\"]},"
  " \"network\": {\"id\": 1, \"name\": \"KBS2\", \"country\": {\"name\": \"Korea, Republic of\","
  " \"code\": \"KR\", \"timezone\": \"Asia/Seoul\"}}, \"webChannel\": null, \"image\": null,"
  " \"summary\": \"<p>Two & two.</p>\", \"updated\": 1650000000,"
  " \"_embedded\": {"
  "  \"cast\": [{\"person\": {\"id\": 990200, \"name\": \"<b>Kim</b> & Lee\", \"image\": null},"
  "             \"character\": {\"id\": 990300, \"name\": \"<i>Dan</i>\"}}],"
  "  \"episodes\": ["
  "   {\"id\": 990401, \"name\": \"<u>One</u> & Only\", \"season\": 1, \"number\": 1, \"airdate\": \"2020-01-06\","
  "    \"airtime\": \"22:00\", \"airstamp\": \"2020-01-06T13:00:00+00:00\", \"runtime\": 60, \"summary\": null},"
  "   {\"id\": 990402, \"name\": \"Two\", \"season\": 1, \"number\": 2, \"airdate\": \"2020-01-07\","
  "    \"airtime\": \"22:00\", \"airstamp\": \"2020-01-07T13:00:00+00:00\", \"runtime\": 60, \"summary\": null}]}}";

static const char person_json[] =
  "{\"id\": 990200, \"url\": \"https://www.tvmaze.com/people/990200\", \"name\": \"<b>Kim</b> & Lee\","
  " \"image\": null, \"updated\": 1700000000}";

/* ---- helpers ---- */

static DramaStore *
store (void)
{
  return drama_application_get_store (app);
}

static gpointer
find_by_tvmaze_id_job (DramaStore    *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return drama_store_find_show_by_tvmaze_id (store, *(gint64 *) data, error);
}

static gint64
show_id (void)
{
  gint64 tvmaze_id = SHOW_TVMAZE_ID;
  g_autoptr(DramaShow) show = store_sync (store (), find_by_tvmaze_id_job, &tvmaze_id);

  return show != NULL ? drama_show_get_id (show) : 0;
}

static gboolean
show_stored (gpointer data)
{
  return show_id () != 0;
}

static gboolean
show_gone (gpointer data)
{
  return show_id () == 0;
}

/* The visible toplevel of that type, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_WINDOW (toplevel);
    }
  return NULL;
}

static gboolean
toplevel_shown (gpointer type)
{
  GtkWindow *found = find_toplevel ((GType) GPOINTER_TO_SIZE (type));

  return found != NULL && gtk_widget_get_mapped (GTK_WIDGET (found));
}

static gboolean
toplevel_gone (gpointer type)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (type)) == NULL;
}

static GtkWindow *
wait_toplevel (GType type)
{
  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (type), 10000));
  return find_toplevel (type);
}

/* The window that shows a person page (an AdwWindow of its own). */
static GtkWindow *
find_person_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      g_autoptr(GPtrArray) pages = g_ptr_array_new ();

      if (!gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        continue;
      collect_widgets (GTK_WIDGET (toplevel), DRAMA_TYPE_PERSON_PAGE, pages);
      if (pages->len > 0)
        return GTK_WINDOW (toplevel);
    }
  return NULL;
}

static gboolean
person_window_shown (gpointer data)
{
  GtkWindow *found = find_person_window ();

  return found != NULL && gtk_widget_get_mapped (GTK_WIDGET (found));
}

static gboolean
person_window_gone (gpointer data)
{
  return find_person_window () == NULL;
}

/* Real key presses, as a keyboard makes them: through the X server (XTEST) to the X window
 * that has the input focus, here toplevel's. keys: xdotool's names ("ctrl+shift+n", "j"). */
static void
press_keys (GtkWindow  *toplevel,
            const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (toplevel));
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  command = g_strdup_printf ("xdotool windowfocus --sync %lu key --delay 20 %s",
                             (gulong) gdk_x11_surface_get_xid (surface), keys);
  g_assert_true (g_spawn_command_line_sync (command, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s: %s", command, err);
  /* The events come back through the X connection: let GTK read and dispatch them. */
  for (int i = 0; i < 5; i++)
    {
      gdk_display_sync (gdk_display_get_default ());
      spin ();
      g_usleep (20000);
    }
  spin ();
}

static void
type_text (GtkWindow  *toplevel,
           const char *text)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (toplevel));
  g_autofree char *command = g_strdup_printf ("xdotool windowfocus --sync %lu type --delay 20 '%s'",
                                              (gulong) gdk_x11_surface_get_xid (surface), text);
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (int i = 0; i < 5; i++)
    {
      gdk_display_sync (gdk_display_get_default ());
      spin ();
      g_usleep (20000);
    }
}

static gboolean
is_inside (GtkWidget *widget,
           gpointer   ancestor)
{
  return widget != NULL && (widget == ancestor || gtk_widget_is_ancestor (widget, ancestor));
}

typedef struct {
  GtkWindow *window;
  GtkWidget *inside;
} FocusWait;

static gboolean
focus_inside (gpointer data)
{
  FocusWait *wait = data;

  return is_inside (gtk_window_get_focus (wait->window), wait->inside);
}

/* The focus on that very widget (not inside it). */
static gboolean
focus_on (gpointer data)
{
  FocusWait *wait = data;

  return gtk_window_get_focus (wait->window) == wait->inside;
}

static void
assert_focus_on (GtkWindow  *toplevel,
                 GtkWidget  *widget,
                 const char *after)
{
  FocusWait wait = { toplevel, widget };
  GtkWidget *focus;

  if (wait_for (focus_on, &wait, 5000))
    return;
  focus = gtk_window_get_focus (toplevel);
  g_error ("After %s the focus is on %s, not %s", after,
           focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing", G_OBJECT_TYPE_NAME (widget));
}

typedef struct {
  GtkEditable *editable;
  const char  *text;
} TextWait;

static gboolean
text_is (gpointer data)
{
  TextWait *wait = data;

  return g_strcmp0 (gtk_editable_get_text (wait->editable), wait->text) == 0;
}

/* ---- toasts: what their title label shows ---- */

static void
collect_toast_labels (GtkWidget *widget,
                      gboolean   in_toast,
                      GPtrArray *out)
{
  in_toast = in_toast || g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
  if (in_toast && GTK_IS_LABEL (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_toast_labels (child, in_toast, out);
}

typedef struct {
  GtkWidget  *root;
  const char *text;
} ToastWait;

/* A toast on screen whose title shows text, as written (gtk_label_get_text is what the
 * label displays: the markup taken out). */
static gboolean
toast_shows (gpointer data)
{
  ToastWait *wait = data;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_toast_labels (wait->root, FALSE, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (labels->pdata[i]) &&
        g_strcmp0 (gtk_label_get_text (labels->pdata[i]), wait->text) == 0)
      return TRUE;
  return FALSE;
}

static void
dump_toasts (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_toast_labels (root, FALSE, labels);
  for (guint i = 0; i < labels->len; i++)
    g_test_message ("toast label: “%s” (markup %d)", gtk_label_get_text (labels->pdata[i]),
                    gtk_label_get_use_markup (labels->pdata[i]));
}

static void
assert_toast (GtkWidget  *root,
              const char *text)
{
  ToastWait wait = { root, text };

  if (!wait_for (toast_shows, &wait, 15000))
    {
      dump_toasts (root);
      g_error ("No toast shows “%s”", text);
    }
}

/* Dismisses every toast on screen (its close button), so the next one shows at once. */
static void
dismiss_toasts (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_ancestor (buttons->pdata[i], g_type_from_name ("AdwToastWidget")) != NULL &&
        g_strcmp0 (gtk_button_get_icon_name (buttons->pdata[i]), "window-close-symbolic") == 0)
      g_signal_emit_by_name (buttons->pdata[i], "clicked");
  spin ();
}

static GtkButton *
find_shown_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];
  return NULL;
}

static gboolean
has_label_text (GtkWidget  *root,
                const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (labels->pdata[i]) &&
        g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

typedef struct {
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return has_label_text (wait->root, wait->text);
}

static void
assert_label_shown (GtkWidget  *root,
                    const char *text)
{
  LabelWait wait = { root, text };

  if (!wait_for (label_shown, &wait, 10000))
    g_error ("No label shows “%s”", text);
}

/* ---- Add Feed ---- */

static gboolean
add_feed_idle (gpointer dialog)
{
  return !drama_add_feed_dialog_get_busy (dialog);
}

/* Ctrl+Shift+N and typing: the letters land in the address, not on Cancel. */
static void
test_add_feed_focus (void)
{
  DramaAddFeedDialog *dialog;
  g_autofree char *url = g_strdup_printf ("%s/news.json", fake_server_get_url (server));
  FocusWait wait;

  press_keys (GTK_WINDOW (window), "ctrl+shift+n");
  dialog = DRAMA_ADD_FEED_DIALOG (wait_toplevel (DRAMA_TYPE_ADD_FEED_DIALOG));

  wait = (FocusWait) { GTK_WINDOW (dialog), GTK_WIDGET (dialog) };
  g_assert_true (wait_for (focus_inside, &wait, 5000));
  g_assert_true (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (dialog))));
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                             ADW_TYPE_ENTRY_ROW));

  type_text (GTK_WINDOW (dialog), url);
  {
    TextWait typed = { GTK_EDITABLE (gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                                               ADW_TYPE_ENTRY_ROW)), url };

    g_assert_true (wait_for (text_is, &typed, 5000));
  }
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    /* The address the dialog subscribes to is its one entry row's text. */
    collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, rows);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rows->pdata[0])), ==, url);
  }

  /* Enter subscribes; the toast names the feed as it is titled, not as a link. */
  g_object_ref (dialog);
  press_keys (GTK_WINDOW (dialog), "Return");
  g_assert_true (wait_for (add_feed_idle, dialog, 20000));
  g_object_unref (dialog);
  g_assert_true (wait_for (toplevel_gone, GSIZE_TO_POINTER (DRAMA_TYPE_ADD_FEED_DIALOG), 5000));
  assert_toast (GTK_WIDGET (window), "Subscribed to “" FEED_TITLE "”");
  dismiss_toasts (GTK_WIDGET (window));

  /* The article's title in its row, as written. */
  drama_news_pane_set_filter (drama_window_get_news_pane (window), DRAMA_ARTICLE_FILTER_ALL, 0);
  assert_label_shown (GTK_WIDGET (window), ARTICLE_TITLE);
}

/* ---- Add Show ---- */

static gboolean
add_show_results (gpointer dialog)
{
  return g_strcmp0 (drama_add_show_dialog_get_state (dialog), "results") == 0;
}

/* Ctrl+N, type, Down to the first result, Up back to the entry, Enter adds the first. */
static void
test_add_show_keyboard (void)
{
  DramaAddShowDialog *dialog;
  GtkListBoxRow *first;
  FocusWait wait;

  press_keys (GTK_WINDOW (window), "ctrl+n");
  dialog = DRAMA_ADD_SHOW_DIALOG (wait_toplevel (DRAMA_TYPE_ADD_SHOW_DIALOG));
  wait = (FocusWait) { GTK_WINDOW (dialog),
                       GTK_WIDGET (drama_add_show_dialog_get_search_entry (dialog)) };
  g_assert_true (wait_for (focus_inside, &wait, 5000));

  type_text (GTK_WINDOW (dialog), "love");
  g_assert_true (wait_for (add_show_results, dialog, 10000));
  first = gtk_list_box_get_row_at_index (drama_add_show_dialog_get_results (dialog), 0);
  g_assert_nonnull (first);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, SHOW_NAME);
  /* The row shows the name as written. */
  assert_label_shown (GTK_WIDGET (first), SHOW_NAME);

  /* Down: to the first result, on screen. */
  press_keys (GTK_WINDOW (dialog), "Down");
  assert_focus_on (GTK_WINDOW (dialog), GTK_WIDGET (first), "Down");
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (first)));

  /* Up: back in the entry, whose text is still there. */
  press_keys (GTK_WINDOW (dialog), "Up");
  g_assert_true (wait_for (focus_inside, &wait, 5000));

  /* Tab goes to the results too, never to a widget that shows no focus. */
  press_keys (GTK_WINDOW (dialog), "Tab");
  assert_focus_on (GTK_WINDOW (dialog), GTK_WIDGET (first), "Tab");
  press_keys (GTK_WINDOW (dialog), "shift+Tab");
  g_assert_true (wait_for (focus_inside, &wait, 5000));

  /* Enter in the entry with results: the first is added, as if chosen. */
  press_keys (GTK_WINDOW (dialog), "Return");
  g_assert_true (wait_for (show_stored, NULL, 10000));
  g_assert_true (wait_for (toplevel_gone, GSIZE_TO_POINTER (DRAMA_TYPE_ADD_SHOW_DIALOG), 5000));
  assert_toast (GTK_WIDGET (window), "“" SHOW_NAME "” is on your watchlist");
  dismiss_toasts (GTK_WIDGET (window));
}

/* Typing then Enter at once (before the answer): the first result is added when it comes. */
static void
test_add_show_enter_early (void)
{
  DramaAddShowDialog *dialog;

  press_keys (GTK_WINDOW (window), "ctrl+n");
  dialog = DRAMA_ADD_SHOW_DIALOG (wait_toplevel (DRAMA_TYPE_ADD_SHOW_DIALOG));
  type_text (GTK_WINDOW (dialog), "love");
  press_keys (GTK_WINDOW (dialog), "Return");
  /* Already followed: Enter opens it, the dialog closes. */
  g_assert_true (wait_for (toplevel_gone, GSIZE_TO_POINTER (DRAMA_TYPE_ADD_SHOW_DIALOG), 10000));
  g_assert_cmpint (drama_show_page_get_show_id (drama_window_get_show_page (window)), ==, show_id ());
  dismiss_toasts (GTK_WIDGET (window));
}

/* ---- the show, its cast, an actor's window ---- */

static AdwActionRow *
row_titled (GtkWidget  *root,
            const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (root, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}

static gboolean
cast_shown (gpointer data)
{
  return row_titled (data, PERSON_NAME) != NULL;
}

/* The actor's window: over the main window, modal, its name as written, gone with Escape;
 * a second one cannot pile up. */
static void
test_person_window (void)
{
  DramaShowPage *page = drama_window_get_show_page (window);
  AdwActionRow *cast_row;
  GtkWindow *person;

  drama_window_show_show (window, show_id ());
  g_assert_true (wait_for (cast_shown, page, 10000));
  cast_row = row_titled (GTK_WIDGET (page), PERSON_NAME);
  assert_label_shown (GTK_WIDGET (cast_row), PERSON_NAME);
  assert_label_shown (GTK_WIDGET (page), "1. <u>One</u> & Only");

  adw_action_row_activate (cast_row);
  g_assert_true (wait_for (person_window_shown, NULL, 10000));
  person = find_person_window ();
  g_assert_true (gtk_window_get_modal (person));
  g_assert_true (gtk_window_get_transient_for (person) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (person), ==, PERSON_NAME);
  assert_label_shown (GTK_WIDGET (person), PERSON_NAME);

  press_keys (person, "Escape");
  g_assert_true (wait_for (person_window_gone, NULL, 5000));
}


/* ---- names for screen readers ---- */

static gboolean reader_mapped (gpointer pane);

/* GTK 4.8 has no getter for an accessible's name. Under GTK_A11Y=test (see main) the test
 * context keeps the properties and relations, and the name is made as GTK 4.8's
 * gtk_at_context_get_name makes it for AT-SPI: the label property, then the names of the
 * widgets it is labelled by (a button's own label, an entry row's title, a row's title for
 * the switch it holds, a mnemonic label). A tooltip is not a name. */
static char *
label_property (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  /* The actual value comes back when it differs from the one asked for. */
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             "\x01 no such name");
}

static void
collect_label_texts (GtkWidget *widget,
                     GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, gtk_label_get_text (GTK_LABEL (child)));
        }
      else
        collect_label_texts (child, out);
    }
}

static char *
accessible_name (GtkWidget *widget)
{
  GString *name = g_string_new (NULL);
  g_autofree char *label = label_property (widget);

  if (label != NULL)
    g_string_append (name, label);

  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      GString *by = g_string_new (NULL);
      GList *mnemonic = gtk_widget_list_mnemonic_labels (widget);
      GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

      /* Its own labels (a button's, an entry row's title). */
      collect_label_texts (widget, by);
      /* Else a label that names it. */
      for (GList *l = mnemonic; l != NULL && by->len == 0; l = l->next)
        g_string_append (by, gtk_label_get_text (l->data));
      g_list_free (mnemonic);
      /* Else the title of the row it is the activatable widget of. */
      if (by->len == 0 && ADW_IS_ACTION_ROW (row) &&
          adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget)
        {
          /* As its title label shows it: the mnemonic's underscore taken out. */
          GtkWidget *title = gtk_label_new (NULL);

          g_object_ref_sink (title);
          gtk_label_set_text_with_mnemonic (GTK_LABEL (title),
                                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
          if (!adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)))
            gtk_label_set_text (GTK_LABEL (title),
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
          g_string_append (by, gtk_label_get_text (GTK_LABEL (title)));
          g_object_unref (title);
        }
      if (by->len > 0 && name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, by->str);
      g_string_free (by, TRUE);
    }

  return g_string_free (name, FALSE);
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_PASSWORD_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_DROP_DOWN (widget) || GTK_IS_SCALE (widget) || ADW_IS_ENTRY_ROW (widget) ||
         ADW_IS_COMBO_ROW (widget) || ADW_IS_SPLIT_BUTTON (widget);
}

/* Controls made of GTK's or libadwaita's own parts: named as a whole. */
static gboolean
is_composite (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_ENTRY (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || ADW_IS_ENTRY_ROW (widget) ||
         ADW_IS_COMBO_ROW (widget) || ADW_IS_SPLIT_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SCALE (widget) ||
         g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
}

static void
check_names (GtkWidget  *widget,
             const char *where,
             GString    *failures,
             guint      *n_checked)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  if (!gtk_widget_get_visible (widget) ||
      role == GTK_ACCESSIBLE_ROLE_PRESENTATION || role == GTK_ACCESSIBLE_ROLE_NONE)
    return;

  if (is_control (widget))
    {
      g_autofree char *name = accessible_name (widget);

      (*n_checked)++;
      if (name == NULL || *g_strstrip (name) == '\0' || strchr (name, '_') != NULL)
        {
          const char *tooltip = gtk_widget_get_tooltip_text (widget);
          const char *icon = GTK_IS_BUTTON (widget) ? gtk_button_get_icon_name (GTK_BUTTON (widget))
                             : GTK_IS_MENU_BUTTON (widget)
                             ? gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) : NULL;

          g_string_append_printf (failures, "%s: %s named “%s” (icon %s, tooltip “%s”, in %s)\n",
                                  where, G_OBJECT_TYPE_NAME (widget), name ? name : "",
                                  icon ? icon : "none", tooltip ? tooltip : "",
                                  gtk_widget_get_parent (widget)
                                  ? G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)) : "-");
        }
    }

  if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget));

      /* A menu's items are labelled; a popover of widgets is checked like a window. */
      if (popover != NULL && !GTK_IS_POPOVER_MENU (popover))
        check_names (GTK_WIDGET (popover), where, failures, n_checked);
      return;
    }
  if (is_composite (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_names (child, where, failures, n_checked);
}

static void
assert_named (GtkWidget  *root,
              const char *where,
              GString    *failures)
{
  guint n_checked = 0;

  check_names (root, where, failures, &n_checked);
  g_test_message ("%s: %u controls", where, n_checked);
  g_assert_cmpuint (n_checked, >, 0);
}

static gboolean
news_has_articles (gpointer pane)
{
  DramaArticleList *list = drama_news_pane_get_article_list (pane);

  return list != NULL && g_list_model_get_n_items (G_LIST_MODEL (list)) >= 3;
}

/* Every window's controls say what they do: the main window with a show, its page and
 * an episode's menu, an actor's window, Add Show (both ways), Add Feed, Manage Feeds,
 * Preferences and the reader. */
static void
test_accessible_names (void)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaShowPage *page = drama_window_get_show_page (window);
  DramaAddShowDialog *add_show;
  DramaPreferencesWindow *prefs;
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
  GtkWindow *dialog;
  GtkWindow *feeds;
  AdwActionRow *cast_row;

  /* The main window, its show page, and the reader with an article. */
  drama_window_show_show (window, show_id ());
  g_assert_true (wait_for (cast_shown, page, 10000));
  drama_news_pane_set_filter (pane, DRAMA_ARTICLE_FILTER_ALL, 0);
  g_assert_true (wait_for (news_has_articles, pane, 10000));
  gtk_widget_activate_action (GTK_WIDGET (pane), "news.next", NULL);
  g_assert_true (wait_for (reader_mapped, pane, 10000));
  assert_named (GTK_WIDGET (window), "main window", failures);

  /* An actor's window. */
  cast_row = row_titled (GTK_WIDGET (page), PERSON_NAME);
  adw_action_row_activate (cast_row);
  g_assert_true (wait_for (person_window_shown, NULL, 10000));
  assert_named (GTK_WIDGET (find_person_window ()), "person window", failures);
  gtk_window_destroy (find_person_window ());
  g_assert_true (wait_for (person_window_gone, NULL, 5000));

  /* Add Show, with results, then by hand. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "add-show", NULL);
  add_show = DRAMA_ADD_SHOW_DIALOG (wait_toplevel (DRAMA_TYPE_ADD_SHOW_DIALOG));
  gtk_editable_set_text (drama_add_show_dialog_get_search_entry (add_show), "love");
  g_assert_true (wait_for (add_show_results, add_show, 10000));
  assert_named (GTK_WIDGET (add_show), "Add Show", failures);
  {
    g_autoptr(GPtrArray) images = g_ptr_array_new ();

    /* A result's placeholder and its "+" only decorate: not read out as "GtkImage". */
    collect_widgets (GTK_WIDGET (gtk_list_box_get_row_at_index (drama_add_show_dialog_get_results (add_show), 0)),
                     GTK_TYPE_IMAGE, images);
    g_assert_cmpuint (images->len, >, 0);
    for (guint i = 0; i < images->len; i++)
      if (gtk_widget_get_visible (images->pdata[i]))   /* not the row's own unused icon */
        g_assert_cmpint (gtk_accessible_get_accessible_role (images->pdata[i]), ==,
                         GTK_ACCESSIBLE_ROLE_PRESENTATION);
  }
  collect_widgets (GTK_WIDGET (add_show), ADW_TYPE_VIEW_STACK, stacks);
  g_assert_cmpuint (stacks->len, ==, 1);
  adw_view_stack_set_visible_child_name (stacks->pdata[0], "manual");
  spin ();
  assert_named (GTK_WIDGET (add_show), "Add Show by hand", failures);
  gtk_window_destroy (GTK_WINDOW (add_show));

  /* Add Feed. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "add-feed", NULL);
  dialog = wait_toplevel (DRAMA_TYPE_ADD_FEED_DIALOG);
  assert_named (GTK_WIDGET (dialog), "Add Feed", failures);
  gtk_window_destroy (dialog);

  /* Manage Feeds, with the feed in it. */
  feeds = drama_news_pane_show_feeds (pane);
  g_assert_true (wait_for (is_mapped, feeds, 5000));
  assert_label_shown (GTK_WIDGET (feeds), FEED_TITLE);
  assert_named (GTK_WIDGET (feeds), "Manage Feeds", failures);
  gtk_window_destroy (feeds);

  /* Preferences. */
  prefs = drama_preferences_window_new (app);
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (wait_for (is_mapped, prefs, 5000));
  assert_named (GTK_WIDGET (prefs), "Preferences", failures);
  gtk_window_destroy (GTK_WINDOW (prefs));
  spin ();

  if (failures->len > 0)
    g_error ("Controls a screen reader cannot name:\n%s", failures->str);
}

/* Removing the show: its name in the toast, beside Undo. */
static void
test_remove_toast (void)
{
  DramaShowPage *page = drama_window_get_show_page (window);
  GtkButton *remove;

  drama_window_show_show (window, show_id ());
  remove = find_shown_button (GTK_WIDGET (page), "_Remove from Watchlist");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_true (wait_for (show_gone, NULL, 5000));
  assert_toast (GTK_WIDGET (window), "“" SHOW_NAME "” removed");
  dismiss_toasts (GTK_WIDGET (window));
}

/* An error message that quotes what the user typed, in the Preferences window's toast. */
static void
test_error_toast (void)
{
  DramaPreferencesWindow *prefs = drama_preferences_window_new (app);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  AdwEntryRow *tvmaze_row = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (wait_for (is_mapped, prefs, 5000));
  collect_widgets (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, >, 0);
  tvmaze_row = rows->pdata[0];
  gtk_editable_set_text (GTK_EDITABLE (tvmaze_row), "<b>x</b> & y");
  g_signal_emit_by_name (tvmaze_row, "apply");
  assert_toast (GTK_WIDGET (prefs), "“<b>x</b> & y” is not a web address starting with http:// or https://");
  gtk_window_destroy (GTK_WINDOW (prefs));
  spin ();
}

/* A status page's description is markup in libadwaita 1.2: an error message in it (the
 * search's, the library's, an actor's roles') shows as written. */
static void
test_status_page_text (void)
{
  GtkWidget *holder = gtk_window_new ();
  AdwStatusPage *status = ADW_STATUS_PAGE (adw_status_page_new ());

  gtk_window_set_child (GTK_WINDOW (holder), GTK_WIDGET (status));
  adw_status_page_set_title (status, "Search Failed");
  drama_status_page_set_text (status, "Could not reach <b>x</b> & " FEED_TITLE);
  gtk_window_present (GTK_WINDOW (holder));
  g_assert_true (wait_for (is_mapped, holder, 5000));
  assert_label_shown (holder, "Could not reach <b>x</b> & " FEED_TITLE);
  gtk_window_destroy (GTK_WINDOW (holder));
  spin ();
}

/* ---- the reader's keys ---- */

typedef struct {
  DramaNewsPane *pane;
  const char    *title;
} ArticleWait;

static gboolean
reader_shows (gpointer data)
{
  ArticleWait *wait = data;
  DramaArticle *article = drama_news_pane_get_article (wait->pane);

  return article != NULL && g_strcmp0 (drama_article_get_title (article), wait->title) == 0;
}

static void
wait_reader (DramaNewsPane *pane,
             const char    *title)
{
  ArticleWait wait = { pane, title };

  if (!wait_for (reader_shows, &wait, 10000))
    g_error ("The reader does not show “%s” but “%s”", title,
             drama_news_pane_get_article (pane)
             ? drama_article_get_title (drama_news_pane_get_article (pane)) : "nothing");
}

static GtkListView *
news_list_view (DramaNewsPane *pane)
{
  GtkListView *view = news_pane_list_view (pane);

  g_assert_nonnull (view);
  return view;
}

static gboolean
reader_mapped (gpointer pane)
{
  DramaArticleView *view = drama_news_pane_get_article_view (pane);

  return view != NULL && gtk_widget_get_mapped (GTK_WIDGET (view));
}

static gboolean
list_mapped (gpointer pane)
{
  return gtk_widget_get_mapped (GTK_WIDGET (news_list_view (pane)));
}

/* j from the list opens an article; then, with the focus in the web view (as after a click
 * in the text), j, k, Alt+Left and Escape still work, and so they do with the focus
 * nowhere. */
static void
test_reader_keys (void)
{
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleView *view = drama_news_pane_get_article_view (pane);
  GtkListView *list_view;
  FocusWait in_list;

  drama_window_show_news (window);
  list_view = news_list_view (pane);
  g_assert_true (wait_for (list_mapped, pane, 5000));
  gtk_widget_grab_focus (GTK_WIDGET (list_view));
  in_list = (FocusWait) { GTK_WINDOW (window), GTK_WIDGET (list_view) };
  g_assert_true (focus_inside (&in_list));

  /* Newest first: A, B, C. */
  press_keys (GTK_WINDOW (window), "j");
  wait_reader (pane, ARTICLE_TITLE);
  g_assert_true (wait_for (reader_mapped, pane, 5000));
  /* Opened with j: the next j goes on, wherever the focus went. */
  press_keys (GTK_WINDOW (window), "j");
  wait_reader (pane, "Second story");

  /* In the article's text. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)) ||
                 is_inside (gtk_window_get_focus (GTK_WINDOW (window)), view));
  press_keys (GTK_WINDOW (window), "j");
  wait_reader (pane, "Third story");
  press_keys (GTK_WINDOW (window), "k");
  wait_reader (pane, "Second story");

  press_keys (GTK_WINDOW (window), "alt+Left");
  g_assert_true (wait_for (list_mapped, pane, 5000));
  g_assert_true (wait_for (focus_inside, &in_list, 5000));

  /* Escape in the reader's menu closes the menu, and the article stays. */
  press_keys (GTK_WINDOW (window), "k");
  wait_reader (pane, ARTICLE_TITLE);
  g_assert_true (wait_for (reader_mapped, pane, 5000));
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkMenuButton *menu = NULL;
    GtkPopover *popover;

    collect_widgets (GTK_WIDGET (pane), GTK_TYPE_MENU_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (gtk_widget_is_drawable (buttons->pdata[i]) &&
          gtk_widget_get_ancestor (buttons->pdata[i], ADW_TYPE_LEAFLET) != NULL &&
          g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Article Menu") == 0)
        menu = buttons->pdata[i];
    g_assert_nonnull (menu);
    gtk_menu_button_popup (menu);
    popover = gtk_menu_button_get_popover (menu);
    g_assert_true (wait_for (is_mapped, popover, 5000));
    gtk_widget_grab_focus (GTK_WIDGET (popover));
    press_keys (GTK_WINDOW (window), "Escape");
    g_assert_true (wait_for (not_mapped, popover, 5000));
    g_assert_true (reader_mapped (pane));
    g_assert_nonnull (drama_news_pane_get_article (pane));
  }
  press_keys (GTK_WINDOW (window), "alt+Left");
  g_assert_true (wait_for (list_mapped, pane, 5000));

  /* Again, and Escape this time. */
  press_keys (GTK_WINDOW (window), "k");
  wait_reader (pane, ARTICLE_TITLE);
  g_assert_true (wait_for (reader_mapped, pane, 5000));
  gtk_widget_grab_focus (GTK_WIDGET (view));
  press_keys (GTK_WINDOW (window), "Escape");
  g_assert_true (wait_for (list_mapped, pane, 5000));
  g_assert_true (wait_for (focus_inside, &in_list, 5000));
}

/* ---- Ctrl+F and Ctrl+K ---- */

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *out)
{
  /* The window's search page holds copies: the sections are what it lists. */
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget) &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_SECTION) != NULL)
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, out);
}

static gboolean
search_popover_shown (gpointer data)
{
  g_autoptr(GPtrArray) popovers = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_POPOVER, popovers);
  for (guint i = 0; i < popovers->len; i++)
    if (gtk_widget_get_mapped (popovers->pdata[i]))
      {
        g_autoptr(GPtrArray) entries = g_ptr_array_new ();

        collect_widgets (popovers->pdata[i], GTK_TYPE_SEARCH_ENTRY, entries);
        if (entries->len > 0)
          return TRUE;
      }
  return FALSE;
}

static gboolean
search_popover_hidden (gpointer data)
{
  return !search_popover_shown (data);
}

/* Each key does one thing, and the shortcuts window lists each key once. */
static void
test_search_keys (void)
{
  GtkShortcutsWindow *help = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkWidget *news_search = NULL;
  FocusWait in_search;

  g_assert_nonnull (help);
  collect_shortcuts (GTK_WIDGET (help), shortcuts);
  g_assert_cmpuint (shortcuts->len, >, 10);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;
      g_auto(GStrv) keys = NULL;

      g_object_get (shortcuts->pdata[i], "title", &title, "accelerator", &accelerator,
                    "action-name", &action, NULL);
      if (action != NULL)
        keys = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);
      else
        keys = g_strsplit (accelerator ? accelerator : "", " ", -1);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          guint keyval;
          GdkModifierType mods;
          char *name;
          const char *before;

          if (*keys[k] == '\0')
            continue;
          g_assert_true (gtk_accelerator_parse (keys[k], &keyval, &mods));
          name = gtk_accelerator_name (keyval, mods);
          before = g_hash_table_lookup (seen, name);
          if (before != NULL)
            g_error ("%s is listed for “%s” and for “%s”", name, before, title);
          g_hash_table_insert (seen, name, g_strdup (title));
        }
    }
  g_assert_true (g_hash_table_contains (seen, "<Control>f"));
  g_assert_true (g_hash_table_contains (seen, "<Control>k"));
  g_assert_true (g_hash_table_contains (seen, "Escape"));

  /* Ctrl+K from the watchlist: the search of everything. */
  drama_window_show_news (window);
  gtk_widget_grab_focus (GTK_WIDGET (news_list_view (pane)));
  press_keys (GTK_WINDOW (window), "ctrl+k");
  g_assert_true (wait_for (search_popover_shown, NULL, 5000));
  press_keys (GTK_WINDOW (window), "Escape");
  g_assert_true (wait_for (search_popover_hidden, NULL, 5000));

  /* Ctrl+F in the news: its own search. */
  collect_widgets (GTK_WIDGET (pane), GTK_TYPE_SEARCH_ENTRY, entries);
  /* The list's own (the filter drop-down's popover has one too). */
  for (guint i = 0; i < entries->len; i++)
    if (gtk_widget_get_ancestor (entries->pdata[i], GTK_TYPE_POPOVER) == NULL)
      news_search = entries->pdata[i];
  g_assert_nonnull (news_search);
  gtk_widget_grab_focus (GTK_WIDGET (news_list_view (pane)));
  press_keys (GTK_WINDOW (window), "ctrl+f");
  in_search = (FocusWait) { GTK_WINDOW (window), news_search };
  g_assert_true (wait_for (focus_inside, &in_search, 5000));
  g_assert_false (search_popover_shown (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *fixtures = NULL;
  g_autofree char *feed = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int status;

  /* GTK's test accessibility context: it keeps every widget's accessible properties and
   * relations, which the test reads (with "none" there are none; and unlike AT-SPI it needs
   * no accessibility bus). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  home = ui_test_make_home ("ui-access-XXXXXX");
  data_home = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  ui_test_init (&argc, &argv, "dramalist-test");
  if (!g_find_program_in_path ("xdotool"))
    g_error ("xdotool is needed to send real key presses (build-aux/install-deps.sh)");

  fixtures = FAKE_SERVER_FIXTURES (NULL);
  server = fake_server_new (fixtures);
  fake_server_set_body (server, "/search/shows", "application/json", search_json);
  fake_server_set_body (server, "/shows/990100", "application/json", show_json);
  fake_server_set_body (server, "/shows/990100/akas", "application/json", "[]");
  fake_server_set_body (server, "/people/990200", "application/json", person_json);
  fake_server_set_body (server, "/people/990200/castcredits", "application/json", "[]");
  fake_server_set_body (server, "/updates/shows", "application/json", "{}");
  {
    g_autoptr(GDateTime) a = g_date_time_add_hours (now, -1);
    g_autoptr(GDateTime) b = g_date_time_add_hours (now, -2);
    g_autoptr(GDateTime) c = g_date_time_add_hours (now, -3);
    g_autofree char *da = g_date_time_format_iso8601 (a);
    g_autofree char *db = g_date_time_format_iso8601 (b);
    g_autofree char *dc = g_date_time_format_iso8601 (c);

    feed = g_strdup_printf (
      "{\"version\": \"https://jsonfeed.org/version/1.1\","
      " \"title\": \"<a href=\\\"file:///etc/passwd\\\">Drama News</a>\","
      " \"home_page_url\": \"https://news.example.com/\","
      " \"items\": ["
      "  {\"id\": \"a\", \"url\": \"https://news.example.com/a\", \"title\": \"<b>x</b> & more\","
      "   \"content_text\": \"First.\", \"date_published\": \"%s\"},"
      "  {\"id\": \"b\", \"url\": \"https://news.example.com/b\", \"title\": \"Second story\","
      "   \"content_text\": \"Second.\", \"date_published\": \"%s\"},"
      "  {\"id\": \"c\", \"url\": \"https://news.example.com/c\", \"title\": \"Third story\","
      "   \"content_text\": \"Third.\", \"date_published\": \"%s\"}]}", da, db, dc);
  }
  fake_server_set_body (server, "/news.json", "application/feed+json", feed);
  g_setenv (DRAMA_ENV_TVMAZE_URL, fake_server_get_url (server), TRUE);

  app = ui_test_new_app ();
  g_assert_nonnull (store ());
  window = drama_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for ((Condition) gtk_widget_get_mapped, window, 10000));

  /* In order: each builds on what the one before left. */
  g_test_add_func ("/ui/access/add-feed-focus", test_add_feed_focus);
  g_test_add_func ("/ui/access/add-show-keyboard", test_add_show_keyboard);
  g_test_add_func ("/ui/access/add-show-enter-early", test_add_show_enter_early);
  g_test_add_func ("/ui/access/person-window", test_person_window);
  g_test_add_func ("/ui/access/reader-keys", test_reader_keys);
  g_test_add_func ("/ui/access/accessible-names", test_accessible_names);
  g_test_add_func ("/ui/access/remove-toast", test_remove_toast);
  g_test_add_func ("/ui/access/error-toast", test_error_toast);
  g_test_add_func ("/ui/access/status-page-text", test_status_page_text);
  g_test_add_func ("/ui/access/search-keys", test_search_keys);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_pointer (&server, fake_server_free);
  remove_tree (home);
  return status;
}
