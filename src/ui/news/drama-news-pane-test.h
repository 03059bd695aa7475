#pragma once

/* DramaNewsPane: for the tests only. Nothing outside the pane calls these (the pane uses
 * some of them itself); the tests drive and read the pane through them. */

#include "drama-news-pane.h"

G_BEGIN_DECLS

DramaNewsPane    *drama_news_pane_new               (void);
/* NULL until drama_news_pane_set_web_context(). */
DramaArticleView *drama_news_pane_get_article_view  (DramaNewsPane   *self);
/* Shows a reader page (drama_article_page_build) and leaves the empty state. */
void              drama_news_pane_show_article_html (DramaNewsPane   *self,
                                                     const char      *title,
                                                     const char      *html_page);
gboolean          drama_news_pane_is_empty          (DramaNewsPane   *self);

/* The list shown (NULL before set_store). */
DramaArticleList *drama_news_pane_get_article_list  (DramaNewsPane   *self);
void              drama_news_pane_set_filter        (DramaNewsPane   *self,
                                                     DramaArticleFilter filter,
                                                     gint64          filter_id);
/* Selects the article at position and opens it (marks it read). FALSE if out of range. */
gboolean          drama_news_pane_open_article      (DramaNewsPane   *self,
                                                     guint           position);
/* The article in the reader, or NULL. */
DramaArticle     *drama_news_pane_get_article       (DramaNewsPane   *self);
/* Opens the Feeds window and returns it. */
GtkWindow        *drama_news_pane_show_feeds        (DramaNewsPane   *self);

G_END_DECLS
