#define G_LOG_DOMAIN "drama-article-view"

#include "config.h"

#include "drama-article-view.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-article-page.h"

struct _DramaArticleView
{
  WebKitWebView    parent_instance;

  DramaWebContext *context;
  char            *page_uri;
  char            *title;
  gboolean         dark;
  gboolean         reloaded_after_crash;
  gulong           dark_handler;
};

G_DEFINE_FINAL_TYPE (DramaArticleView, drama_article_view, WEBKIT_TYPE_WEB_VIEW)

enum {
  PROP_0,
  PROP_DRAMA_CONTEXT,
  N_PROPS
};

enum {
  LINK_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const double zoom_levels[] = { 0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0 };

static gboolean
is_web_link (const char *uri)
{
  g_autofree char *scheme = uri ? g_uri_parse_scheme (uri) : NULL;

  return scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 ||
                            g_ascii_strcasecmp (scheme, "https") == 0);
}

/* Same document: equal once fragments and a trailing slash are dropped. */
static gboolean
is_same_page (const char *uri,
              const char *page_uri)
{
  gsize uri_len, page_len;

  if (uri == NULL || page_uri == NULL)
    return FALSE;

  uri_len = strcspn (uri, "#");
  page_len = strlen (page_uri);
  if (uri_len > 0 && uri[uri_len - 1] == '/')
    uri_len--;
  while (page_len > 0 && page_uri[page_len - 1] == '/')
    page_len--;

  return uri_len == page_len && strncmp (uri, page_uri, uri_len) == 0;
}

static void
apply_palette (DramaArticleView *self)
{
  GdkRGBA background;

  gdk_rgba_parse (&background, self->dark ? "#1e1e1e" : "#ffffff");
  webkit_web_view_set_background_color (WEBKIT_WEB_VIEW (self), &background);

  if (self->page_uri == NULL)
    return;

  /* Switches the page's palette in place: app scripts run although page scripts don't. */
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self),
                                       self->dark
                                         ? "document.documentElement.className = 'dark';"
                                         : "document.documentElement.className = 'light';",
                                       -1, NULL, NULL, NULL, NULL, NULL);
}

static void
on_style_dark_changed (AdwStyleManager  *manager,
                       GParamSpec       *pspec,
                       DramaArticleView *self)
{
  self->dark = adw_style_manager_get_dark (manager);
  apply_palette (self);
}

static gboolean
is_mail_link (const char *uri)
{
  g_autofree char *scheme = uri ? g_uri_parse_scheme (uri) : NULL;

  return scheme != NULL && g_ascii_strcasecmp (scheme, "mailto") == 0;
}

static void
send_to_browser (DramaArticleView *self,
                 const char       *uri)
{
  /* The sanitiser keeps mailto: links: they go to the user's mail program the same way
   * (gtk_show_uri opens the default handler of the scheme). */
  if (!is_web_link (uri) && !is_mail_link (uri))
    {
      g_debug ("Dropped a link that is not http(s) or mailto: %s", uri);
      return;
    }

  g_signal_emit (self, signals[LINK_ACTIVATED], 0, uri);
}

static void
default_link_activated (DramaArticleView *self,
                        const char       *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static gboolean
decide_navigation (DramaArticleView         *self,
                   WebKitPolicyDecision     *decision,
                   WebKitPolicyDecisionType  type)
{
  WebKitNavigationPolicyDecision *nav = WEBKIT_NAVIGATION_POLICY_DECISION (decision);
  WebKitNavigationAction *action = webkit_navigation_policy_decision_get_navigation_action (nav);
  WebKitURIRequest *request = webkit_navigation_action_get_request (action);
  WebKitNavigationType nav_type = webkit_navigation_action_get_navigation_type (action);
  const char *uri = webkit_uri_request_get_uri (request);
  gboolean by_user = nav_type == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED ||
                     webkit_navigation_action_is_user_gesture (action);

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION)
    {
      /* Our own loads, and jumps to an anchor in the page shown. */
      if (is_same_page (uri, self->page_uri) ||
          (!by_user && g_strcmp0 (uri, "about:blank") == 0))
        {
          webkit_policy_decision_use (decision);
          return TRUE;
        }
    }

  webkit_policy_decision_ignore (decision);

  /* A page can't send the reader anywhere on its own (a refresh, a redirect): only what
   * the reader clicked goes to the browser. */
  if (by_user)
    send_to_browser (self, uri);
  else
    g_debug ("Refused a navigation nobody asked for: %s", uri);

  return TRUE;
}

static gboolean
drama_article_view_decide_policy (WebKitWebView            *web_view,
                                  WebKitPolicyDecision     *decision,
                                  WebKitPolicyDecisionType  type)
{
  DramaArticleView *self = DRAMA_ARTICLE_VIEW (web_view);

  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      return decide_navigation (self, decision, type);

    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      {
        WebKitResponsePolicyDecision *response = WEBKIT_RESPONSE_POLICY_DECISION (decision);
        const char *uri = webkit_uri_request_get_uri (webkit_response_policy_decision_get_request (response));

        if (is_same_page (uri, self->page_uri) || g_strcmp0 (uri, "about:blank") == 0)
          webkit_policy_decision_use (decision);
        else
          webkit_policy_decision_ignore (decision);
        return TRUE;
      }

    default:
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
}

static gboolean
drama_article_view_load_failed (WebKitWebView   *web_view,
                                WebKitLoadEvent  load_event,
                                const char      *failing_uri,
                                GError          *error)
{
  DramaArticleView *self = DRAMA_ARTICLE_VIEW (web_view);
  g_autofree char *page = NULL;

  /* Refused navigations and replaced loads end here too: the page shown stays. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return TRUE;

  g_warning ("Could not show %s: %s", failing_uri, error->message);

  /* Don't loop if the message page itself fails. */
  if (!is_same_page (failing_uri, self->page_uri))
    return TRUE;

  page = drama_article_page_build_message (_("This article can’t be shown"), error->message,
                                           self->dark);
  webkit_web_view_load_alternate_html (web_view, page, failing_uri, NULL);
  return TRUE;
}

static gboolean
drama_article_view_web_process_terminated_cb (DramaArticleView                 *self,
                                              WebKitWebProcessTerminationReason reason)
{
  /* WebKit's own process went away (a crash in WebKit or its sandbox, or memory): not a
   * mistake of ours, and handled below, so a message rather than a warning (which the
   * tests would make fatal). The user sees the page again, or words if it keeps failing. */
  g_message ("The article renderer stopped (reason %d)", reason);

  /* One more try for the page; a page that keeps killing the renderer gets a message. */
  if (self->page_uri != NULL && !self->reloaded_after_crash)
    {
      self->reloaded_after_crash = TRUE;
      webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self), self->page_uri);
    }
  else if (self->page_uri != NULL)
    {
      g_autofree char *page =
        drama_article_page_build_message (_("This article can’t be shown"),
                                          _("The article viewer stopped while showing it."),
                                          self->dark);
      webkit_web_view_load_alternate_html (WEBKIT_WEB_VIEW (self), page, self->page_uri, NULL);
    }
  return FALSE;
}

static void
open_link_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  send_to_browser (DRAMA_ARTICLE_VIEW (user_data), g_variant_get_string (parameter, NULL));
}

static gboolean
keep_menu_item (WebKitContextMenuAction action)
{
  switch (action)
    {
    case WEBKIT_CONTEXT_MENU_ACTION_COPY:
    case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
    case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD:
    case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_URL_TO_CLIPBOARD:
    case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
      return TRUE;
    case WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT:
      return DEVELOPMENT_BUILD;
    default:
      return FALSE;
    }
}

static gboolean
drama_article_view_context_menu (WebKitWebView       *web_view,
                                 WebKitContextMenu   *menu,
                                 WebKitHitTestResult *hit)
{
  DramaArticleView *self = DRAMA_ARTICLE_VIEW (web_view);
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  /* No reload, no back/forward, no new windows, no downloads: only copying. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      if (webkit_context_menu_item_is_separator (item) ||
          !keep_menu_item (webkit_context_menu_item_get_stock_action (item)))
        webkit_context_menu_remove (menu, item);
    }
  g_list_free (items);

  if (webkit_hit_test_result_context_is_link (hit) &&
      is_web_link (webkit_hit_test_result_get_link_uri (hit)))
    {
      g_autoptr(GSimpleAction) open = g_simple_action_new ("open-link", G_VARIANT_TYPE_STRING);

      g_signal_connect_object (open, "activate", G_CALLBACK (open_link_activated), self, 0);
      webkit_context_menu_prepend (menu,
                                   webkit_context_menu_item_new_from_gaction (
                                     G_ACTION (open), _("_Open Link in Browser"),
                                     g_variant_new_string (webkit_hit_test_result_get_link_uri (hit))));
    }

  return webkit_context_menu_get_n_items (menu) == 0;
}

static gboolean
drama_article_view_permission_request (WebKitWebView           *web_view,
                                       WebKitPermissionRequest *request)
{
  webkit_permission_request_deny (request);
  return TRUE;
}

static void
drama_article_view_load_changed (WebKitWebView   *web_view,
                                 WebKitLoadEvent  load_event)
{
  if (load_event == WEBKIT_LOAD_FINISHED)
    apply_palette (DRAMA_ARTICLE_VIEW (web_view));
}

static void
update_zoom_actions (DramaArticleView *self)
{
  double zoom = webkit_web_view_get_zoom_level (WEBKIT_WEB_VIEW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.zoom-in",
                                 zoom < zoom_levels[G_N_ELEMENTS (zoom_levels) - 1] - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.zoom-out",
                                 zoom > zoom_levels[0] + 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.zoom-reset",
                                 ABS (zoom - 1.0) > 0.001);
}

static void
zoom_step (DramaArticleView *self,
           int               direction)
{
  double zoom = webkit_web_view_get_zoom_level (WEBKIT_WEB_VIEW (self));
  double target = zoom;

  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_levels); i++)
        if (zoom_levels[i] > zoom + 0.001)
          {
            target = zoom_levels[i];
            break;
          }
    }
  else
    {
      for (guint i = G_N_ELEMENTS (zoom_levels); i > 0; i--)
        if (zoom_levels[i - 1] < zoom - 0.001)
          {
            target = zoom_levels[i - 1];
            break;
          }
    }

  webkit_web_view_set_zoom_level (WEBKIT_WEB_VIEW (self), target);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DramaArticleView *self = DRAMA_ARTICLE_VIEW (widget);

  if (g_str_equal (action_name, "article.zoom-in"))
    zoom_step (self, 1);
  else if (g_str_equal (action_name, "article.zoom-out"))
    zoom_step (self, -1);
  else
    webkit_web_view_set_zoom_level (WEBKIT_WEB_VIEW (self), 1.0);
}

static void
drama_article_view_constructed (GObject *object)
{
  DramaArticleView *self = DRAMA_ARTICLE_VIEW (object);
  AdwStyleManager *style = adw_style_manager_get_default ();

  G_OBJECT_CLASS (drama_article_view_parent_class)->constructed (object);

  self->dark = adw_style_manager_get_dark (style);
  self->dark_handler = g_signal_connect_object (style, "notify::dark",
                                                G_CALLBACK (on_style_dark_changed), self, 0);
  apply_palette (self);
  update_zoom_actions (self);
}

static void
drama_article_view_dispose (GObject *object)
{
  DramaArticleView *self = DRAMA_ARTICLE_VIEW (object);

  if (self->context != NULL && self->page_uri != NULL)
    drama_web_context_remove_page (self->context, self->page_uri);
  g_clear_pointer (&self->page_uri, g_free);
  g_clear_signal_handler (&self->dark_handler, adw_style_manager_get_default ());

  G_OBJECT_CLASS (drama_article_view_parent_class)->dispose (object);
}

static void
drama_article_view_finalize (GObject *object)
{
  DramaArticleView *self = DRAMA_ARTICLE_VIEW (object);

  g_clear_object (&self->context);
  g_free (self->title);

  G_OBJECT_CLASS (drama_article_view_parent_class)->finalize (object);
}

static void
drama_article_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DramaArticleView *self = DRAMA_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DRAMA_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_article_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DramaArticleView *self = DRAMA_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DRAMA_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_article_view_class_init (DramaArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WebKitWebViewClass *web_view_class = WEBKIT_WEB_VIEW_CLASS (klass);

  object_class->constructed = drama_article_view_constructed;
  object_class->dispose = drama_article_view_dispose;
  object_class->finalize = drama_article_view_finalize;
  object_class->get_property = drama_article_view_get_property;
  object_class->set_property = drama_article_view_set_property;

  web_view_class->decide_policy = drama_article_view_decide_policy;
  web_view_class->load_failed = drama_article_view_load_failed;
  web_view_class->load_changed = drama_article_view_load_changed;
  web_view_class->context_menu = drama_article_view_context_menu;
  web_view_class->permission_request = drama_article_view_permission_request;

  properties[PROP_DRAMA_CONTEXT] =
    g_param_spec_object ("drama-context", NULL, NULL, DRAMA_TYPE_WEB_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DramaArticleView::link-activated:
   * @uri: the http(s) or mailto: URI the reader asked to open
   *
   * Emitted for a link the reader clicked in the page (or chose "Open Link in Browser"
   * for). The default handler opens it in the user's browser; stop the emission to keep it.
   */
  signals[LINK_ACTIVATED] =
    g_signal_new_class_handler ("link-activated",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (default_link_activated),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "article.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "article.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "article.zoom-reset", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "article.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "article.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "article.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "article.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "article.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "article.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "article.zoom-reset", NULL);
}

static void
drama_article_view_init (DramaArticleView *self)
{
  g_signal_connect (self, "web-process-terminated",
                    G_CALLBACK (drama_article_view_web_process_terminated_cb), NULL);
  g_signal_connect (self, "notify::zoom-level", G_CALLBACK (update_zoom_actions), NULL);
}

DramaArticleView *
drama_article_view_new (DramaWebContext *context)
{
  g_return_val_if_fail (DRAMA_IS_WEB_CONTEXT (context), NULL);

  return g_object_new (DRAMA_TYPE_ARTICLE_VIEW,
                       "drama-context", context,
                       "web-context", drama_web_context_get_web_context (context),
                       "network-session", drama_web_context_get_network_session (context),
                       "settings", drama_web_context_get_settings (context),
                       NULL);
}

DramaWebContext *
drama_article_view_get_context (DramaArticleView *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_VIEW (self), NULL);

  return self->context;
}

void
drama_article_view_show_html (DramaArticleView *self,
                              const char       *title,
                              const char       *html_page)
{
  drama_article_view_show_html_for_feed (self, title, html_page, NULL);
}

void
drama_article_view_show_html_for_feed (DramaArticleView *self,
                                       const char       *title,
                                       const char       *html_page,
                                       const char       *feed_url)
{
  g_autofree char *old_uri = NULL;

  g_return_if_fail (DRAMA_IS_ARTICLE_VIEW (self));
  g_return_if_fail (html_page != NULL);

  old_uri = g_steal_pointer (&self->page_uri);
  self->page_uri = drama_web_context_add_page_for_feed (self->context, html_page, feed_url);
  self->reloaded_after_crash = FALSE;
  g_free (self->title);
  self->title = g_strdup (title);

  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self), self->page_uri);

  if (old_uri != NULL)
    drama_web_context_remove_page (self->context, old_uri);
}

void
drama_article_view_clear (DramaArticleView *self)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_VIEW (self));

  if (self->page_uri != NULL)
    drama_web_context_remove_page (self->context, self->page_uri);
  g_clear_pointer (&self->page_uri, g_free);
  g_clear_pointer (&self->title, g_free);

  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self), "about:blank");
}

const char *
drama_article_view_get_page_uri (DramaArticleView *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_VIEW (self), NULL);

  return self->page_uri;
}

const char *
drama_article_view_get_title (DramaArticleView *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_VIEW (self), NULL);

  return self->title;
}
