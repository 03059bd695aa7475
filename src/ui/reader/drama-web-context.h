#pragma once

#include <webkit/webkit.h>

#include "drama-tvmaze.h"

G_BEGIN_DECLS

/* The URI scheme article pages are served from: "dramalist-article://<id>". */
#define DRAMA_ARTICLE_SCHEME "dramalist-article"

#define DRAMA_TYPE_WEB_CONTEXT (drama_web_context_get_type ())

/* The one place that sets up WebKit for article views: its own WebKitWebContext with the
 * dramalist-article scheme, an ephemeral WebKitNetworkSession and one hardened
 * WebKitSettings shared by every view. */
G_DECLARE_FINAL_TYPE (DramaWebContext, drama_web_context, DRAMA, WEB_CONTEXT, GObject)

DramaWebContext      *drama_web_context_new                 (void);
WebKitWebContext     *drama_web_context_get_web_context     (DramaWebContext *self);
WebKitNetworkSession *drama_web_context_get_network_session (DramaWebContext *self);
WebKitSettings       *drama_web_context_get_settings        (DramaWebContext *self);

/* Remote images: FALSE keeps every page to data: images (CSP and auto-load-images). */
gboolean              drama_web_context_get_load_images     (DramaWebContext *self);
void                  drama_web_context_set_load_images     (DramaWebContext *self,
                                                             gboolean         load_images);

/* Keeps html in memory and returns the URI ("dramalist-article://<id>") that serves it,
 * with the Content-Security-Policy header. Free with g_free(). */
char                 *drama_web_context_add_page            (DramaWebContext *self,
                                                             const char      *html);
/* The same for an article of the feed at feed_url: its pictures (every <img> with an
 * http(s) source is served through this context, fetched by the image source) may come
 * from a private address only if the feed itself lives on one (drama-net-guard.h). */
char                 *drama_web_context_add_page_for_feed   (DramaWebContext *self,
                                                             const char      *html,
                                                             const char      *feed_url);
/* Where pages' pictures are fetched (the application's DramaTvmaze); without one, pages
 * show no remote picture. */
void                  drama_web_context_set_image_source    (DramaWebContext *self,
                                                             DramaTvmaze     *images);
void                  drama_web_context_remove_page         (DramaWebContext *self,
                                                             const char      *uri);
/* The Content-Security-Policy header pages are served with right now. */
char                 *drama_web_context_dup_csp             (DramaWebContext *self);

G_END_DECLS
