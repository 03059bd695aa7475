#pragma once

/* DramaArticleRow: for the tests only. */

#include "drama-article-row.h"

G_BEGIN_DECLS

/* The article the row shows, or NULL. */
DramaArticle    *drama_article_row_get_article      (DramaArticleRow  *self);

G_END_DECLS
