#define G_LOG_DOMAIN "drama-web-context"

#include "config.h"

#include "drama-web-context.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "drama-tvmaze.h"

struct _DramaWebContext
{
  GObject               parent_instance;

  WebKitWebContext     *web_context;
  WebKitNetworkSession *network_session;
  WebKitSettings       *settings;

  /* id (guint64) → Page */
  GHashTable           *pages;
  guint64               next_id;
  gboolean              load_images;
  DramaTvmaze          *images;   /* fetches the pages' pictures (drama-net-guard.h) */
};

typedef struct {
  char *html;
  char *origin;   /* the article's feed, or NULL */
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_free (page->html);
  g_free (page->origin);
  g_free (page);
}

G_DEFINE_FINAL_TYPE (DramaWebContext, drama_web_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOAD_IMAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SCHEME_PREFIX DRAMA_ARTICLE_SCHEME "://"
/* A page's picture: SCHEME_PREFIX "<page id>" IMAGE_PATH "<escaped URL>". */
#define IMAGE_PATH "/image?u="

/* Article pages are untrusted: even if something slipped past the sanitiser, the page may
 * run no script, embed no frame or media, and fetch nothing but images. */
char *
drama_web_context_dup_csp (DramaWebContext *self)
{
  g_return_val_if_fail (DRAMA_IS_WEB_CONTEXT (self), NULL);

  /* No http: or https: images: every picture goes through handle_image_request, which
   * keeps a feed's pictures off private addresses. */
  return g_strdup_printf ("default-src 'none'; img-src %s; style-src 'unsafe-inline'; "
                          "media-src 'none'; frame-src 'none'; script-src 'none'; "
                          "object-src 'none'; form-action 'none'; base-uri 'none'",
                          self->load_images ? "'self' " DRAMA_ARTICLE_SCHEME ": data:" : "data:");
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
finish_not_found (WebKitURISchemeRequest *request,
                  const char             *message)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, message);

  webkit_uri_scheme_request_finish_error (request, error);
}

static void
image_fetched_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WebKitURISchemeRequest) request = user_data;
  g_autoptr(WebKitURISchemeResponse) response = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *guess = NULL;
  g_autofree char *type = NULL;
  SoupMessageHeaders *headers;
  gconstpointer data;
  gsize size;

  bytes = drama_tvmaze_fetch_image_finish (DRAMA_TVMAZE (source), result, &error);
  if (bytes == NULL)
    {
      g_debug ("Reader picture not loaded: %s", error->message);
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  guess = g_content_type_guess (NULL, data, size, NULL);
  type = g_content_type_get_mime_type (guess);
  /* Only pictures: anything else would be sniffed by nobody (nosniff) and shown as nothing. */
  if (type == NULL || !g_str_has_prefix (type, "image/"))
    {
      finish_not_found (request, "Not a picture");
      return;
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  response = webkit_uri_scheme_response_new (stream, (gint64) size);
  webkit_uri_scheme_response_set_content_type (response, type);
  webkit_uri_scheme_response_set_status (response, 200, NULL);
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_append (headers, "X-Content-Type-Options", "nosniff");
  webkit_uri_scheme_response_set_http_headers (response, headers);
  webkit_uri_scheme_request_finish_with_response (request, response);
}

/* A picture of a page: fetched here, not by WebKit, so that the address it connects to can
 * be checked (the web process would fetch from anywhere). */
static void
handle_image_request (DramaWebContext        *self,
                      WebKitURISchemeRequest *request,
                      const Page             *page,
                      const char             *escaped)
{
  g_autofree char *url = g_uri_unescape_string (escaped, NULL);

  if (!self->load_images || self->images == NULL || url == NULL)
    {
      finish_not_found (request, "Remote images are off");
      return;
    }

  drama_tvmaze_fetch_feed_image_async (self->images, url, page->origin, NULL,
                                       image_fetched_cb, g_object_ref (request));
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
  const char *image;
  Page *page = NULL;
  guint64 id = 0;

  if (parse_page_uri (uri, &id))
    page = g_hash_table_lookup (self->pages, &id);
  image = strstr (uri, IMAGE_PATH);
  if (page != NULL && image != NULL &&
      image == uri + strlen (SCHEME_PREFIX) + strcspn (uri + strlen (SCHEME_PREFIX), "/?#"))
    {
      handle_image_request (self, request, page, image + strlen (IMAGE_PATH));
      return;
    }

  html = page != NULL ? page->html : NULL;
  if (html == NULL)
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
  g_clear_object (&self->images);

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

  self->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, page_free);
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

void
drama_web_context_set_image_source (DramaWebContext *self,
                                    DramaTvmaze     *images)
{
  g_return_if_fail (DRAMA_IS_WEB_CONTEXT (self));
  g_return_if_fail (images == NULL || DRAMA_IS_TVMAZE (images));

  g_set_object (&self->images, images);
}

static char *
unescape_attribute (const char *value,
                    gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      static const struct { const char *entity; char c; } entities[] = {
        { "&amp;", '&' }, { "&quot;", '"' }, { "&#39;", '\'' }, { "&apos;", '\'' },
        { "&lt;", '<' }, { "&gt;", '>' },
      };
      gboolean done = FALSE;

      for (gsize e = 0; e < G_N_ELEMENTS (entities) && value[i] == '&'; e++)
        {
          gsize elen = strlen (entities[e].entity);

          if (i + elen <= len && strncmp (value + i, entities[e].entity, elen) == 0)
            {
              g_string_append_c (out, entities[e].c);
              i += elen - 1;
              done = TRUE;
              break;
            }
        }
      if (!done)
        g_string_append_c (out, value[i]);
    }
  return g_string_free (out, FALSE);
}

/* Points every <img src="http(s)://…"> of a page (the sanitiser's output and the page
 * builder's lead image, both written with double quotes) at this context, which fetches it
 * with the address check. Anything written otherwise is left alone, and the CSP, which
 * allows no http image, keeps it from loading. */
static char *
rewrite_images (const char *html,
                guint64     id)
{
  GString *out = g_string_sized_new (strlen (html) + 64);
  const char *p = html;

  for (;;)
    {
      const char *tag = strstr (p, "<img");
      const char *end, *src, *value, *close;
      g_autofree char *url = NULL;
      g_autofree char *escaped = NULL;

      if (tag == NULL)
        break;
      end = strchr (tag, '>');
      src = strstr (tag, " src=\"");
      if (end == NULL || src == NULL || src > end)
        {
          g_string_append_len (out, p, tag + 4 - p);
          p = tag + 4;
          continue;
        }
      value = src + strlen (" src=\"");
      close = strchr (value, '"');
      if (close == NULL || close > end)
        {
          g_string_append_len (out, p, tag + 4 - p);
          p = tag + 4;
          continue;
        }
      url = unescape_attribute (value, close - value);
      g_string_append_len (out, p, value - p);
      if (g_ascii_strncasecmp (url, "http://", 7) == 0 ||
          g_ascii_strncasecmp (url, "https://", 8) == 0)
        {
          escaped = g_uri_escape_string (url, NULL, FALSE);
          g_string_append_printf (out, SCHEME_PREFIX "%" G_GUINT64_FORMAT IMAGE_PATH "%s",
                                  id, escaped);
        }
      else
        g_string_append_len (out, value, close - value);
      p = close;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

char *
drama_web_context_add_page_for_feed (DramaWebContext *self,
                                     const char      *html,
                                     const char      *feed_url)
{
  guint64 *key;
  Page *page;

  g_return_val_if_fail (DRAMA_IS_WEB_CONTEXT (self), NULL);
  g_return_val_if_fail (html != NULL, NULL);

  key = g_new (guint64, 1);
  *key = self->next_id++;
  page = g_new0 (Page, 1);
  page->html = rewrite_images (html, *key);
  page->origin = g_strdup (feed_url);
  g_hash_table_insert (self->pages, key, page);

  return g_strdup_printf (SCHEME_PREFIX "%" G_GUINT64_FORMAT, *key);
}

char *
drama_web_context_add_page (DramaWebContext *self,
                            const char      *html)
{
  return drama_web_context_add_page_for_feed (self, html, NULL);
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
