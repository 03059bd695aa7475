#pragma once

#include <webkit/webkit.h>

#include "drama-web-context.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_ARTICLE_VIEW (drama_article_view_get_type ())

/* The web view articles are read in. It only ever shows pages served through the
 * dramalist-article scheme; every link the reader follows is refused in the view and
 * handed to the user's browser through the "link-activated" signal (its default handler
 * calls gtk_show_uri). Only http(s) and mailto: links get that far (mailto: opens
 * the mail program); other schemes are dropped.
 *
 * Actions: article.zoom-in (Ctrl+plus), article.zoom-out (Ctrl+minus),
 * article.zoom-reset (Ctrl+0). */
G_DECLARE_FINAL_TYPE (DramaArticleView, drama_article_view, DRAMA, ARTICLE_VIEW, WebKitWebView)

DramaArticleView *drama_article_view_new          (DramaWebContext  *context);
DramaWebContext  *drama_article_view_get_context  (DramaArticleView *self);

/* Shows a complete HTML document (drama_article_page_build) in the view. */
void              drama_article_view_show_html    (DramaArticleView *self,
                                                   const char       *title,
                                                   const char       *html_page);
/* The same for an article of the feed at feed_url (drama_web_context_add_page_for_feed):
 * its pictures may come from a private address only if the feed lives on one. */
void              drama_article_view_show_html_for_feed (DramaArticleView *self,
                                                         const char       *title,
                                                         const char       *html_page,
                                                         const char       *feed_url);
/* Empties the view (about:blank). */
void              drama_article_view_clear        (DramaArticleView *self);
/* The dramalist-article URI of the page shown, or NULL. */
const char       *drama_article_view_get_page_uri (DramaArticleView *self);
/* The title given to drama_article_view_show_html(), or NULL. */
const char       *drama_article_view_get_title    (DramaArticleView *self);

G_END_DECLS
