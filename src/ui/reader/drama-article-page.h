#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the reader page shows. Every string may be NULL. Plain-text fields come from feeds
 * and are escaped; body_html must already be sanitised (drama_html_sanitize) and is
 * inserted as it is. */
typedef struct {
  const char *title;
  const char *author;
  const char *feed_title;
  const char *link;        /* shown only when http(s) */
  const char *image;       /* lead image; shown only when http(s) or data: */
  const char *body_html;
  gint64      published;   /* Unix seconds, 0 = unknown */
  gboolean    dark;        /* start in the dark palette */
} DramaArticlePageInfo;

/* A complete UTF-8 HTML document in the app's reader style. Never NULL. */
char *drama_article_page_build         (const DramaArticlePageInfo *info);

/* A small page in the same style with a heading and a line of text (errors, notices). */
char *drama_article_page_build_message (const char                 *heading,
                                        const char                 *text,
                                        gboolean                    dark);

G_END_DECLS
