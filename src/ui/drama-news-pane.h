#pragma once

#include <gtk/gtk.h>

#include "drama-article-view.h"
#include "drama-store.h"
#include "drama-web-context.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_NEWS_PANE (drama_news_pane_get_type ())

/* The news pane: articles from the user's feeds and the reader (DramaArticleView), or an
 * empty state inviting the user to add a feed. */
G_DECLARE_FINAL_TYPE (DramaNewsPane, drama_news_pane, DRAMA, NEWS_PANE, GtkWidget)

DramaNewsPane    *drama_news_pane_new               (void);
void              drama_news_pane_set_store         (DramaNewsPane   *self,
                                                     DramaStore      *store);
DramaStore       *drama_news_pane_get_store         (DramaNewsPane   *self);
/* Creates the article view; call once, before showing articles. */
void              drama_news_pane_set_web_context   (DramaNewsPane   *self,
                                                     DramaWebContext *context);
/* NULL until drama_news_pane_set_web_context(). */
DramaArticleView *drama_news_pane_get_article_view  (DramaNewsPane   *self);
/* Shows a reader page (drama_article_page_build) and leaves the empty state. */
void              drama_news_pane_show_article_html (DramaNewsPane   *self,
                                                     const char      *title,
                                                     const char      *html_page);
/* Back to the "No Articles Yet" state. */
void              drama_news_pane_show_empty        (DramaNewsPane   *self);
gboolean          drama_news_pane_is_empty          (DramaNewsPane   *self);

G_END_DECLS
