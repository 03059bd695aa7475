#define G_LOG_DOMAIN "drama-web-context"

#include "config.h"

#include "drama-web-context.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

struct _DramaWebContext
{
  GObject               parent_instance;

  WebKitWebContext     *web_context;
  WebKitNetworkSession *network_session;
  WebKitSettings       *settings;

  /* id (guint64) → HTML page (char *) */
  GHashTable           *pages;
  guint64               next_id;
  gboolean              load_images;
};

G_DEFINE_FINAL_TYPE (DramaWebContext, drama_web_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOAD_IMAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SCHEME_PREFIX DRAMA_ARTICLE_SCHEME "://"

/* Article pages are untrusted: even if something slipped past the sanitiser, the page may
 * run no script, embed no frame or media, and fetch nothing but images. */
char *
drama_web_context_dup_csp (DramaWebContext *self)
{
  g_return_val_if_fail (DRAMA_IS_WEB_CONTEXT (self), NULL);

  return g_strdup_printf ("default-src 'none'; img-src %s; style-src 'unsafe-inline'; "
                          "media-src 'none'; frame-src 'none'; script-src 'none'; "
                          "object-src 'none'; form-action 'none'; base-uri 'none'",
                          self->load_images ? "http: https: data:" : "data:");
}

static gboolean
parse_page_uri (const char *uri,
                guint64    *out_id)
{
  g_autofree char *digits = NULL;
  char *end = NULL;
  guint64 id;
  gsize len;

  if (uri == NULL || !g_str_has_prefix (uri, SCHEME_PREFIX))
    return FALSE;

  digits = g_strdup (uri + strlen (SCHEME_PREFIX));
  /* WebKit may hand us the URI with a trailing slash, a query or a fragment. */
  len = strcspn (digits, "/?#");
  digits[len] = '\0';
  if (len == 0 || !g_ascii_isdigit (digits[0]))
    return FALSE;

  id = g_ascii_strtoull (digits, &end, 10);
  if (end == NULL || *end != '\0')
    return FALSE;

  *out_id = id;
  return TRUE;
}

static void
handle_article_request (WebKitURISchemeRequest *request,
                        gpointer                user_data)
{
  DramaWebContext *self = DRAMA_WEB_CONTEXT (user_data);
  g_autoptr(WebKitURISchemeResponse) response = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *csp = NULL;
  SoupMessageHeaders *headers;
  const char *uri = webkit_uri_scheme_request_get_uri (request);
  const char *html;
  guint64 id = 0;

  if (!parse_page_uri (uri, &id) ||
      (html = g_hash_table_lookup (self->pages, &id)) == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                             _("This article is no longer available"));
      g_debug ("No page for %s", uri);
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  /* The page is copied: the table may drop it before WebKit has read the stream. */
  stream = g_memory_input_stream_new_from_data (g_strdup (html), strlen (html), g_free);
  response = webkit_uri_scheme_response_new (stream, strlen (html));
  webkit_uri_scheme_response_set_content_type (response, "text/html; charset=utf-8");
  webkit_uri_scheme_response_set_status (response, 200, NULL);

  csp = drama_web_context_dup_csp (self);
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_append (headers, "Content-Security-Policy", csp);
  soup_message_headers_append (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_append (headers, "Referrer-Policy", "no-referrer");
  webkit_uri_scheme_response_set_http_headers (response, headers);

  webkit_uri_scheme_request_finish_with_response (request, response);
}

static WebKitSettings *
create_settings (void)
{
  /* Scripts from the app (evaluate_javascript) still run with JavaScript on but markup off;
   * scripts in pages never do (and the CSP blocks them a second time). */
  return g_object_new (WEBKIT_TYPE_SETTINGS,
                       "enable-javascript", TRUE,
                       "enable-javascript-markup", FALSE,
                       "javascript-can-open-windows-automatically", FALSE,
                       "javascript-can-access-clipboard", FALSE,
                       "allow-file-access-from-file-urls", FALSE,
                       "allow-universal-access-from-file-urls", FALSE,
                       "allow-top-navigation-to-data-urls", FALSE,
                       "allow-modal-dialogs", FALSE,
                       "enable-developer-extras", (gboolean) DEVELOPMENT_BUILD,
                       "enable-write-console-messages-to-stdout", FALSE,
                       "enable-webaudio", FALSE,
                       "enable-webgl", FALSE,
                       "enable-webrtc", FALSE,
                       "enable-media", FALSE,
                       "enable-mediasource", FALSE,
                       "enable-media-stream", FALSE,
                       "enable-encrypted-media", FALSE,
                       "enable-html5-database", FALSE,
                       "enable-html5-local-storage", FALSE,
                       "enable-page-cache", FALSE,
                       "enable-fullscreen", FALSE,
                       "enable-back-forward-navigation-gestures", FALSE,
                       "media-playback-requires-user-gesture", TRUE,
                       "enable-resizable-text-areas", FALSE,
                       "auto-load-images", TRUE,
                       NULL);
}

static void
drama_web_context_finalize (GObject *object)
{
  DramaWebContext *self = DRAMA_WEB_CONTEXT (object);

  g_clear_object (&self->web_context);
  g_clear_object (&self->network_session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (drama_web_context_parent_class)->finalize (object);
}

static void
drama_web_context_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DramaWebContext *self = DRAMA_WEB_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_LOAD_IMAGES:
      g_value_set_boolean (value, self->load_images);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_web_context_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DramaWebContext *self = DRAMA_WEB_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_LOAD_IMAGES:
      drama_web_context_set_load_images (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_web_context_class_init (DramaWebContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drama_web_context_finalize;
  object_class->get_property = drama_web_context_get_property;
  object_class->set_property = drama_web_context_set_property;

  properties[PROP_LOAD_IMAGES] =
    g_param_spec_boolean ("load-images", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drama_web_context_init (DramaWebContext *self)
{
  WebKitSecurityManager *security;

  self->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->next_id = 1;
  self->load_images = TRUE;

  /* Nothing an article view loads is kept on disk: no cookies, no cache, no storage. */
  self->network_session = webkit_network_session_new_ephemeral ();

  self->web_context = webkit_web_context_new ();
  webkit_web_context_set_cache_model (self->web_context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
  webkit_web_context_set_spell_checking_enabled (self->web_context, FALSE);
  webkit_web_context_register_uri_scheme (self->web_context, DRAMA_ARTICLE_SCHEME,
                                          handle_article_request, self, NULL);

  /* Web pages may not link to or embed our pages. */
  security = webkit_web_context_get_security_manager (self->web_context);
  webkit_security_manager_register_uri_scheme_as_display_isolated (security,
                                                                   DRAMA_ARTICLE_SCHEME);

  self->settings = create_settings ();
}

DramaWebContext *
drama_web_context_new (void)
{
  return g_object_new (DRAMA_TYPE_WEB_CONTEXT, NULL);
}

WebKitWebContext *
drama_web_context_get_web_context (DramaWebContext *self)
{
  g_return_val_if_fail (DRAMA_IS_WEB_CONTEXT (self), NULL);

  return self->web_context;
}

WebKitNetworkSession *
drama_web_context_get_network_session (DramaWebContext *self)
{
  g_return_val_if_fail (DRAMA_IS_WEB_CONTEXT (self), NULL);

  return self->network_session;
}

WebKitSettings *
drama_web_context_get_settings (DramaWebContext *self)
{
  g_return_val_if_fail (DRAMA_IS_WEB_CONTEXT (self), NULL);

  return self->settings;
}

gboolean
drama_web_context_get_load_images (DramaWebContext *self)
{
  g_return_val_if_fail (DRAMA_IS_WEB_CONTEXT (self), FALSE);

  return self->load_images;
}

void
drama_web_context_set_load_images (DramaWebContext *self,
                                   gboolean         load_images)
{
  g_return_if_fail (DRAMA_IS_WEB_CONTEXT (self));

  load_images = !!load_images;
  if (self->load_images == load_images)
    return;

  self->load_images = load_images;
  webkit_settings_set_auto_load_images (self->settings, load_images);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_IMAGES]);
}

char *
drama_web_context_add_page (DramaWebContext *self,
                            const char      *html)
{
  guint64 *key;

  g_return_val_if_fail (DRAMA_IS_WEB_CONTEXT (self), NULL);
  g_return_val_if_fail (html != NULL, NULL);

  key = g_new (guint64, 1);
  *key = self->next_id++;
  g_hash_table_insert (self->pages, key, g_strdup (html));

  return g_strdup_printf (SCHEME_PREFIX "%" G_GUINT64_FORMAT, *key);
}

void
drama_web_context_remove_page (DramaWebContext *self,
                               const char      *uri)
{
  guint64 id;

  g_return_if_fail (DRAMA_IS_WEB_CONTEXT (self));

  if (parse_page_uri (uri, &id))
    g_hash_table_remove (self->pages, &id);
}
