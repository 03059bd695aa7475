/* The application shell under a real display (xvfb-run): the window, its empty states, the
 * narrow layout, the actions, and the article view's hardening with a real WebKit. */
#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <webkit/webkit.h>

#include "drama-application.h"
#include "drama-article-page.h"
#include "drama-article-view.h"
#include "drama-news-pane-test.h"
#include "drama-preferences-window.h"
#include "drama-settings.h"
#include "drama-watchlist-view-test.h"
#include "drama-window-test.h"
#include "drama-window.h"
#include "ui-test-common.h"

static DramaApplication *app;

/* The app opens the library in startup: tests that need a particular library on disk
 * write it first, in a subprocess of their own. */
static void
start_app (void)
{
  if (app == NULL)
    app = ui_test_new_app ();
}

/* ---- helpers ---- */

static AdwStatusPage *
find_status_page (GtkWidget  *root,
                  const char *title)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  collect_widgets (root, ADW_TYPE_STATUS_PAGE, pages);
  for (guint i = 0; i < pages->len; i++)
    if (g_strcmp0 (adw_status_page_get_title (pages->pdata[i]), title) == 0)
      return pages->pdata[i];

  return NULL;
}

/* The outer leaflet is the one that has the other inside it. */
static void
find_leaflets (GtkWidget   *root,
               AdwLeaflet **outer,
               AdwLeaflet **inner)
{
  g_autoptr(GPtrArray) leaflets = g_ptr_array_new ();

  collect_widgets (root, ADW_TYPE_LEAFLET, leaflets);
  /* The news pane folds its list and reader with a leaflet of its own: not the window's. */
  for (guint i = leaflets->len; i > 0; i--)
    if (gtk_widget_get_ancestor (leaflets->pdata[i - 1], DRAMA_TYPE_NEWS_PANE) != NULL)
      g_ptr_array_remove_index (leaflets, i - 1);
  g_assert_cmpuint (leaflets->len, ==, 2);

  if (gtk_widget_is_ancestor (leaflets->pdata[1], leaflets->pdata[0]))
    {
      *outer = leaflets->pdata[0];
      *inner = leaflets->pdata[1];
    }
  else
    {
      *outer = leaflets->pdata[1];
      *inner = leaflets->pdata[0];
    }
}

static DramaWindow *
open_window (int width,
             int height)
{
  DramaWindow *window;

  start_app ();
  window = drama_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_mapped, window, 10000));

  return window;
}

typedef struct {
  int  width;
  GtkWidget *widget;
} WidthWait;

static gboolean
has_width (gpointer data)
{
  WidthWait *wait = data;
  int width = gtk_widget_get_width (wait->widget);

  return width > 0 && ABS (width - wait->width) <= 2;
}

static void
close_window (DramaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* ---- web view helpers ---- */

typedef struct {
  DramaArticleView *view;
  const char       *uri;
  guint             finished;
} LoadWait;

static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 LoadWait        *wait)
{
  if (event == WEBKIT_LOAD_FINISHED)
    wait->finished++;
}

static gboolean
load_finished (gpointer data)
{
  LoadWait *wait = data;

  return wait->finished > 0 &&
         g_strcmp0 (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (wait->view)), wait->uri) == 0 &&
         !webkit_web_view_is_loading (WEBKIT_WEB_VIEW (wait->view));
}

static void
show_page_and_wait (DramaNewsPane *pane,
                    const char    *title,
                    const char    *html)
{
  DramaArticleView *view = drama_news_pane_get_article_view (pane);
  LoadWait wait = { view, NULL, 0 };
  gulong handler = g_signal_connect (view, "load-changed", G_CALLBACK (on_load_changed), &wait);

  drama_news_pane_show_article_html (pane, title, html);
  wait.uri = drama_article_view_get_page_uri (view);
  g_assert_nonnull (wait.uri);
  g_assert_true (g_str_has_prefix (wait.uri, "dramalist-article://"));
  g_assert_true (wait_for (load_finished, &wait, 20000));
  g_signal_handler_disconnect (view, handler);
}

/* ---- tests ---- */

static void
test_empty_states (void)
{
  DramaWindow *window = open_window (1280, 800);
  AdwStatusPage *shows, *articles, *show, *error_page;
  AdwLeaflet *outer, *inner;
  GtkWidget *button;

  shows = find_status_page (GTK_WIDGET (window), "No Shows Yet");
  articles = find_status_page (GTK_WIDGET (window), "No Articles Yet");
  show = find_status_page (GTK_WIDGET (window), "No Show Selected");
  error_page = find_status_page (GTK_WIDGET (window), "Your Library Could Not Be Opened");
  g_assert_nonnull (shows);
  g_assert_nonnull (articles);
  g_assert_nonnull (show);
  g_assert_nonnull (error_page);

  /* All three regions side by side, each with its empty state on screen. */
  g_assert_true (wait_for (is_mapped, shows, 5000));
  g_assert_true (wait_for (is_mapped, articles, 5000));
  g_assert_true (wait_for (is_mapped, show, 5000));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (error_page)));

  find_leaflets (GTK_WIDGET (window), &outer, &inner);
  g_assert_false (adw_leaflet_get_folded (outer));
  g_assert_false (adw_leaflet_get_folded (inner));

  /* The empty states lead somewhere: their buttons run the add actions. */
  button = adw_status_page_get_child (shows);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.add-show");
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
  button = adw_status_page_get_child (articles);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.add-feed");

  g_assert_true (drama_watchlist_view_is_empty (drama_window_get_watchlist_view (window)));
  g_assert_true (drama_news_pane_is_empty (drama_window_get_news_pane (window)));
  g_assert_nonnull (drama_window_get_store (window));

  close_window (window);
}

static void
on_signal_count (gpointer  instance,
                 guint    *count)
{
  (*count)++;
}

static void
test_actions (void)
{
  DramaWindow *window = open_window (1000, 700);
  const char * const app_actions[] = { "quit", "preferences", "about", "refresh" };
  const char * const win_actions[] = { "add-show", "add-feed", "show-help-overlay", "show-news" };
  g_auto(GStrv) accels = NULL;
  guint add_show = 0, add_feed = 0, refresh = 0;

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), app_actions[i]));
  for (guint i = 0; i < G_N_ELEMENTS (win_actions); i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), win_actions[i]));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.add-show");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>n"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.add-feed");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Shift><Control>n"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>comma"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.refresh");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>r"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>q"));

  /* The shortcuts window was found in the resources and attached... */
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (
    gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))));
  /* ...and lists every action that has an accelerator. */
  {
    g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
    g_auto(GStrv) described = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

    collect_widgets (GTK_WIDGET (gtk_application_window_get_help_overlay (
                       GTK_APPLICATION_WINDOW (window))),
                     GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
    g_assert_cmpuint (g_strv_length (described), >, 0);
    for (guint i = 0; described[i] != NULL; i++)
      {
        gboolean listed = FALSE;

        for (guint j = 0; j < shortcuts->len && !listed; j++)
          {
            g_autofree char *action = NULL;

            g_object_get (shortcuts->pdata[j], "action-name", &action, NULL);
            listed = g_strcmp0 (action, described[i]) == 0;
          }
        if (!listed)
          g_test_message ("%s has an accelerator but is not in the shortcuts window", described[i]);
        g_assert_true (listed);
      }
  }

  g_signal_connect (window, "add-show-requested", G_CALLBACK (on_signal_count), &add_show);
  g_signal_connect (window, "add-feed-requested", G_CALLBACK (on_signal_count), &add_feed);
  g_signal_connect (app, "refresh-requested", G_CALLBACK (on_signal_count), &refresh);
  g_action_group_activate_action (G_ACTION_GROUP (window), "add-show", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (window), "add-feed", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);
  g_assert_cmpuint (add_show, ==, 1);
  g_assert_cmpuint (add_feed, ==, 1);
  g_assert_cmpuint (refresh, ==, 1);
  g_signal_handlers_disconnect_by_data (app, &refresh);

  close_window (window);
}

static gboolean
is_folded (gpointer leaflet)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (leaflet));
}

static void
test_narrow (void)
{
  DramaWindow *window = open_window (360, 640);
  WidthWait width = { 360, GTK_WIDGET (window) };
  AdwLeaflet *outer, *inner;
  AdwStatusPage *shows, *articles;

  g_assert_true (wait_for (has_width, &width, 5000));
  find_leaflets (GTK_WIDGET (window), &outer, &inner);
  shows = find_status_page (GTK_WIDGET (window), "No Shows Yet");
  articles = find_status_page (GTK_WIDGET (window), "No Articles Yet");

  /* One region at a time, starting with the watchlist. */
  g_assert_true (adw_leaflet_get_folded (outer));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (outer), ==, "sidebar");
  g_assert_true (wait_for (is_mapped, shows, 5000));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (articles)));

  /* The news button of the watchlist's header goes to the news page... */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-news", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (outer), ==, "content");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (inner), ==, "news");
  g_assert_true (wait_for (is_mapped, articles, 5000));
  /* The inner leaflet only learns its width once it is on screen. */
  g_assert_true (wait_for (is_folded, inner, 5000));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (shows)));

  /* ...and picking a show goes to the show page. */
  drama_window_show_show (window, 0);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (inner), ==, "show");

  close_window (window);
}

static void
test_window_size_saved (void)
{
  GSettings *settings = drama_application_get_settings (app);
  DramaWindow *window;
  int width, height;

  window = open_window (900, 650);
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (g_settings_get_int (settings, DRAMA_SETTINGS_WINDOW_WIDTH), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, DRAMA_SETTINGS_WINDOW_HEIGHT), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, DRAMA_SETTINGS_WINDOW_MAXIMIZED));

  /* The next window starts at the saved size. */
  g_settings_set_int (settings, DRAMA_SETTINGS_WINDOW_WIDTH, 1010);
  g_settings_set_int (settings, DRAMA_SETTINGS_WINDOW_HEIGHT, 690);
  window = drama_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1010);
  g_assert_cmpint (height, ==, 690);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));
  close_window (window);

  /* A window closed maximized opens maximized, and keeps the size to unmaximize to.
   * (Xvfb has no window manager to maximize a mapped window, so the window is checked
   * before it is shown: GTK keeps the request until then.) */
  g_settings_set_boolean (settings, DRAMA_SETTINGS_WINDOW_MAXIMIZED, TRUE);
  window = drama_window_new (app);
  g_assert_true (gtk_window_is_maximized (GTK_WINDOW (window)));
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (g_settings_get_boolean (settings, DRAMA_SETTINGS_WINDOW_MAXIMIZED));
  g_assert_cmpint (g_settings_get_int (settings, DRAMA_SETTINGS_WINDOW_WIDTH), ==, 1010);
  g_assert_cmpint (g_settings_get_int (settings, DRAMA_SETTINGS_WINDOW_HEIGHT), ==, 690);

  g_settings_reset (settings, DRAMA_SETTINGS_WINDOW_MAXIMIZED);
  g_settings_reset (settings, DRAMA_SETTINGS_WINDOW_WIDTH);
  g_settings_reset (settings, DRAMA_SETTINGS_WINDOW_HEIGHT);
}

static const char hostile_body[] =
  "<p id=\"text\">Shin Hye Sun returns in a new drama.</p>"
  "<script>document.body.setAttribute('data-script-ran', 'yes');"
  "document.getElementById('text').textContent = 'HACKED';</script>"
  "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" "
  "onerror=\"document.body.setAttribute('data-onerror-ran', 'yes')\">"
  "<img src=\"data:,not-an-image\" onerror=\"document.body.setAttribute('data-onerror-ran', 'yes')\">"
  "<p><a id=\"web\" href=\"https://example.com/story?id=1\">Read more</a> "
  "<a id=\"file\" href=\"file:///etc/passwd\">passwd</a> "
  "<a id=\"js\" href=\"javascript:document.body.setAttribute('data-js-link', 'yes')\">js</a> "
  "<a id=\"anchor\" href=\"#text\">top</a></p>";

static char *
build_hostile_page (void)
{
  DramaArticlePageInfo info = {
    .title = "Angel's Last Mission: <b>Love</b> & more",
    .author = "Reporter <script>alert(1)</script>",
    .feed_title = "Soompi",
    .link = "https://example.com/story?id=1",
    .body_html = hostile_body,
    .published = 1558526400,
  };

  return drama_article_page_build (&info);
}

static void
test_article_loads (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleView *view = drama_news_pane_get_article_view (pane);
  g_autofree char *page = build_hostile_page ();
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *bold = NULL;

  g_assert_nonnull (view);
  show_page_and_wait (pane, "Angel's Last Mission", page);
  g_assert_false (drama_news_pane_is_empty (pane));
  g_assert_true (wait_for (is_mapped, view, 5000));

  text = run_js (view, "document.body.innerText");
  g_assert_nonnull (strstr (text, "Shin Hye Sun returns in a new drama."));
  g_assert_null (strstr (text, "HACKED"));

  /* Feed text is text: the title's markup is shown, not obeyed. */
  title = run_js (view, "document.querySelector('h1').textContent");
  g_assert_cmpstr (title, ==, "Angel's Last Mission: <b>Love</b> & more");
  bold = run_js (view, "String(document.querySelectorAll('h1 b, .byline script').length)");
  g_assert_cmpstr (bold, ==, "0");

  close_window (window);
}

static void
test_article_scripts_dead (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleView *view = drama_news_pane_get_article_view (pane);
  g_autofree char *page = build_hostile_page ();
  g_autofree char *script_ran = NULL;
  g_autofree char *onerror_ran = NULL;
  g_autofree char *js_present = NULL;

  show_page_and_wait (pane, "Scripts", page);

  /* The app's own script runs (that's how we read the DOM)... */
  js_present = run_js (view, "typeof document");
  g_assert_cmpstr (js_present, ==, "object");
  /* ...the page's never do: neither the inline <script> nor an onerror= handler. */
  script_ran = run_js (view, "String(document.body.hasAttribute('data-script-ran'))");
  g_assert_cmpstr (script_ran, ==, "false");
  onerror_ran = run_js (view, "String(document.body.hasAttribute('data-onerror-ran'))");
  g_assert_cmpstr (onerror_ran, ==, "false");

  close_window (window);
}

static void
test_article_links (void)
{
  DramaWindow *window = open_window (1280, 800);
  DramaNewsPane *pane = drama_window_get_news_pane (window);
  DramaArticleView *view = drama_news_pane_get_article_view (pane);
  g_autofree char *page = build_hostile_page ();
  g_autofree char *page_uri = NULL;
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  LinkLog log = { uris };
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL, *js_link = NULL;

  g_signal_connect (view, "link-activated", G_CALLBACK (on_link_activated), &log);
  show_page_and_wait (pane, "Links", page);
  page_uri = g_strdup (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)));

  /* A file: link and a javascript: link are dropped: nothing reaches the browser. The
   * policy decision for a click arrives before the click's script returns. */
  r1 = run_js (view, "document.getElementById('file').click(); 'clicked'");
  r2 = run_js (view, "document.getElementById('js').click(); 'clicked'");
  g_assert_cmpuint (uris->len, ==, 0);
  js_link = run_js (view, "String(document.body.hasAttribute('data-js-link'))");
  g_assert_cmpstr (js_link, ==, "false");

  /* An anchor in the page is fine and stays in the view. */
  r3 = run_js (view, "document.getElementById('anchor').click(); 'clicked'");
  g_assert_cmpuint (uris->len, ==, 0);

  /* A web link goes to the browser, and the view stays on the article. */
  r4 = run_js (view, "document.getElementById('web').click(); 'clicked'");
  g_assert_true (wait_for (has_links, &log, 10000));
  g_assert_cmpuint (uris->len, ==, 1);
  g_assert_cmpstr (uris->pdata[0], ==, "https://example.com/story?id=1");

  /* Give a wrongly allowed navigation the chance to commit, then check where we are. */
  g_free (run_js (view, "'settle'"));
  g_assert_true (g_str_has_prefix (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)),
                                   drama_article_view_get_page_uri (view)));
  g_assert_true (g_str_has_prefix (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)), page_uri));

  g_signal_handlers_disconnect_by_data (view, &log);
  close_window (window);
}

static void
test_remote_images_setting (void)
{
  GSettings *settings = drama_application_get_settings (app);
  DramaWebContext *context = drama_application_get_web_context (app);
  g_autofree char *csp_on = NULL;
  g_autofree char *csp_off = NULL;

  g_settings_set_boolean (settings, DRAMA_SETTINGS_LOAD_IMAGES, TRUE);
  g_assert_true (drama_web_context_get_load_images (context));
  csp_on = drama_web_context_dup_csp (context);
  /* Pictures only through the app's own scheme (which checks where they come from),
   * never straight from http(s). */
  g_assert_nonnull (strstr (csp_on, "img-src 'self' dramalist-article: data:;"));
  g_assert_null (strstr (csp_on, "http:"));
  g_assert_nonnull (strstr (csp_on, "default-src 'none'"));
  g_assert_true (webkit_settings_get_auto_load_images (drama_web_context_get_settings (context)));

  g_settings_set_boolean (settings, DRAMA_SETTINGS_LOAD_IMAGES, FALSE);
  g_assert_false (drama_web_context_get_load_images (context));
  csp_off = drama_web_context_dup_csp (context);
  g_assert_nonnull (strstr (csp_off, "img-src data:;"));
  g_assert_false (webkit_settings_get_auto_load_images (drama_web_context_get_settings (context)));

  g_settings_reset (settings, DRAMA_SETTINGS_LOAD_IMAGES);
}

static void
test_web_settings_hardened (void)
{
  WebKitSettings *s = drama_web_context_get_settings (drama_application_get_web_context (app));

  g_assert_false (webkit_settings_get_enable_javascript_markup (s));
  g_assert_false (webkit_settings_get_allow_file_access_from_file_urls (s));
  g_assert_false (webkit_settings_get_allow_universal_access_from_file_urls (s));
  g_assert_false (webkit_settings_get_javascript_can_open_windows_automatically (s));
  g_assert_false (webkit_settings_get_enable_webgl (s));
  g_assert_false (webkit_settings_get_enable_webaudio (s));
  g_assert_cmpint (webkit_settings_get_enable_developer_extras (s), ==, DEVELOPMENT_BUILD);
  g_assert_true (webkit_network_session_is_ephemeral (
    drama_web_context_get_network_session (drama_application_get_web_context (app))));
}

/* The development profile (-Dprofile=development) is a second app beside the released one:
 * its own ID, its own library and the striped header bar libadwaita gives ".devel". The
 * names are spelled out here, not taken from config.h, so that a development build wired
 * to the released app's ID or library fails (build-aux/check-profile.sh runs this test in
 * such a build). */
static void
test_profile (void)
{
  gboolean development = g_strcmp0 (PROFILE, "development") == 0;
  g_autofree char *library = g_build_filename (g_get_user_data_dir (),
                                               development ? "dramalist-devel" : "dramalist",
                                               "library.db", NULL);
  DramaWindow *window;

  g_assert_true (development || g_strcmp0 (PROFILE, "default") == 0);
  window = open_window (1000, 700);
  g_assert_cmpstr (g_application_get_application_id (G_APPLICATION (app)), ==,
                   development ? "io.github.dramalist.Dramalist.Devel"
                               : "io.github.dramalist.Dramalist");
  g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"), ==, development);
  g_assert_nonnull (drama_window_get_store (window));
  g_assert_true (g_file_test (library, G_FILE_TEST_IS_REGULAR));
  /* The web inspector only in development builds. */
  g_assert_cmpint (webkit_settings_get_enable_developer_extras (
                     drama_web_context_get_settings (drama_application_get_web_context (app))),
                   ==, development);
  close_window (window);
}

static void
test_tvmaze_url (void)
{
  GSettings *settings = drama_application_get_settings (app);
  g_autoptr(GError) error = NULL;

  g_settings_set_string (settings, DRAMA_SETTINGS_TVMAZE_URL, "http://127.0.0.1:8123/");
  if (drama_application_tvmaze_url_is_overridden (app))
    g_assert_cmpstr (drama_application_get_tvmaze_url (app), !=, NULL);
  else
    g_assert_cmpstr (drama_application_get_tvmaze_url (app), ==, "http://127.0.0.1:8123");
  g_settings_reset (settings, DRAMA_SETTINGS_TVMAZE_URL);

  g_assert_true (drama_preferences_validate_server_url ("https://api.tvmaze.com", NULL));
  g_assert_true (drama_preferences_validate_server_url ("http://127.0.0.1:8080", NULL));
  g_assert_false (drama_preferences_validate_server_url ("ftp://api.tvmaze.com", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (drama_preferences_validate_server_url ("api.tvmaze.com", NULL));
  g_assert_false (drama_preferences_validate_server_url ("https://", NULL));
  g_assert_false (drama_preferences_validate_server_url ("", NULL));
}

static void
test_preferences_bound (void)
{
  GSettings *settings = drama_application_get_settings (app);
  DramaPreferencesWindow *prefs = drama_preferences_window_new (app);
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (prefs), GTK_TYPE_SWITCH, switches);
  collect_widgets (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (switches->len, ==, 2);
  g_assert_cmpuint (spins->len, ==, 2);

  /* Flipping every switch changes the two boolean settings. */
  for (guint i = 0; i < switches->len; i++)
    gtk_switch_set_active (switches->pdata[i], FALSE);
  g_assert_false (g_settings_get_boolean (settings, DRAMA_SETTINGS_LOAD_IMAGES));
  g_assert_false (g_settings_get_boolean (settings, DRAMA_SETTINGS_SPOILER_GUARD));

  g_settings_set_int (settings, DRAMA_SETTINGS_REFRESH_INTERVAL, 120);
  g_settings_set_int (settings, DRAMA_SETTINGS_RETENTION_DAYS, 30);
  {
    gboolean saw_120 = FALSE, saw_30 = FALSE;

    for (guint i = 0; i < spins->len; i++)
      {
        int v = gtk_spin_button_get_value_as_int (spins->pdata[i]);
        saw_120 |= v == 120;
        saw_30 |= v == 30;
      }
    g_assert_true (saw_120);
    g_assert_true (saw_30);
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, DRAMA_SETTINGS_LOAD_IMAGES);
  g_settings_reset (settings, DRAMA_SETTINGS_SPOILER_GUARD);
  g_settings_reset (settings, DRAMA_SETTINGS_REFRESH_INTERVAL);
  g_settings_reset (settings, DRAMA_SETTINGS_RETENTION_DAYS);
}

static char *
library_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), DATA_DIR_NAME, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, "library.db", NULL);
}

static void
test_library_too_new (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = library_path ();
      sqlite3 *db = NULL;
      DramaWindow *window;
      AdwStatusPage *error_page, *shows;

      /* A library from a future version: the app must say so, not crash or overwrite it. */
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99; CREATE TABLE t (a);",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      window = open_window (1000, 700);
      g_assert_null (drama_window_get_store (window));
      error_page = find_status_page (GTK_WIDGET (window), "Your Library Could Not Be Opened");
      shows = find_status_page (GTK_WIDGET (window), "No Shows Yet");
      g_assert_true (wait_for (is_mapped, error_page, 5000));
      g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (shows)));
      g_assert_nonnull (adw_status_page_get_description (error_page));
      g_assert_cmpstr (adw_status_page_get_description (error_page), ==,
                       drama_application_get_store_error (app)->message);
      g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "add-show"));
      close_window (window);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), text) == 0 &&
        gtk_widget_get_mapped (labels->pdata[i]))
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

  return has_label (wait->root, wait->text);
}

static void
test_library_moved_aside (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = library_path ();
      DramaWindow *window;
      LabelWait wait;
      GtkButton *details;
      AdwMessageDialog *dialog;

      /* Not a database at all: the store moves it aside and starts afresh. */
      g_assert_true (g_file_set_contents (path, "this is not a database, just some bytes\n"
                                          "that happen to sit where the library should be",
                                          -1, NULL));

      window = open_window (1000, 700);
      g_assert_nonnull (drama_window_get_store (window));
      g_assert_nonnull (drama_store_get_moved_aside_path (drama_window_get_store (window)));
      g_assert_true (g_file_test (drama_store_get_moved_aside_path (drama_window_get_store (window)),
                                  G_FILE_TEST_EXISTS));

      wait.root = GTK_WIDGET (window);
      wait.text = "Your library could not be read. A new library was started.";
      g_assert_true (wait_for (label_shown, &wait, 5000));
      g_assert_true (wait_for (is_mapped,
                               find_status_page (GTK_WIDGET (window), "No Shows Yet"), 5000));

      /* The toast's button says where the old file went: the user can get it back. */
      details = find_button (GTK_WIDGET (window), "_Details");
      g_assert_nonnull (details);
      g_signal_emit_by_name (details, "clicked");
      dialog = find_message_dialog ();
      g_assert_nonnull (dialog);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                                drama_store_get_moved_aside_path (drama_window_get_store (window))));
      gtk_window_destroy (GTK_WINDOW (dialog));
      close_window (window);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The application guards its library as it opens it, with nothing asking for it: a store
 * call that takes the lock anywhere but on the store's thread (here the main thread, where
 * it would make the window wait for SQLite) is a critical (fatal in tests). */
static void
test_store_guarded (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GPtrArray) feeds = NULL;

      start_app ();
      g_assert_nonnull (drama_application_get_store (app));
      feeds = drama_store_list_feeds (drama_application_get_store (app), NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*library call off the store's thread*");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* A library of our own, so the empty states are really empty. */
  data_home = ui_test_make_home ("ui-window-XXXXXX");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_unsetenv (DRAMA_ENV_TVMAZE_URL);

  ui_test_init (&argc, &argv, "dramalist-test");

  if (!g_test_subprocess ())
    start_app ();

  g_test_add_func ("/ui/window/empty-states", test_empty_states);
  g_test_add_func ("/ui/window/actions", test_actions);
  g_test_add_func ("/ui/window/narrow", test_narrow);
  g_test_add_func ("/ui/window/profile", test_profile);
  g_test_add_func ("/ui/window/size-saved", test_window_size_saved);
  g_test_add_func ("/ui/window/library-too-new", test_library_too_new);
  g_test_add_func ("/ui/window/library-moved-aside", test_library_moved_aside);
  g_test_add_func ("/ui/article-view/loads-through-scheme", test_article_loads);
  g_test_add_func ("/ui/article-view/page-scripts-dead", test_article_scripts_dead);
  g_test_add_func ("/ui/article-view/links-to-browser", test_article_links);
  g_test_add_func ("/ui/web-context/remote-images-setting", test_remote_images_setting);
  g_test_add_func ("/ui/web-context/hardened", test_web_settings_hardened);
  g_test_add_func ("/ui/application/tvmaze-url", test_tvmaze_url);
  g_test_add_func ("/ui/application/store-guarded", test_store_guarded);
  g_test_add_func ("/ui/preferences/bound", test_preferences_bound);

  status = g_test_run ();

  if (app != NULL)
    g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  remove_tree (data_home);

  return status;
}
