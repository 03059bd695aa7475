#pragma once

#include <gtk/gtk.h>

#include "drama-article.h"
#include "drama-image-loader.h"
#include "drama-show-list.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_ARTICLE_ROW (drama_article_row_get_type ())

/* One line of the article list: unread dot, feed and relative date, the title (two lines
 * at most), the shows it is about, a thumbnail and a star. The row follows its article's
 * notify signals, so a change made elsewhere (read, starred) shows at the next frame.
 *
 * Made for GtkListView, which keeps many more rows bound than it shows: setting the
 * article costs nothing; the widgets are filled in when the row is allocated (in view),
 * and until then it measures as rows of the same kind did. Its thumbnail is asked for
 * once it has stayed in view 120 ms, and the request is cancelled when the row leaves
 * the view or shows another article; a picture already in memory shows at once. A row
 * holding a DramaArticleList placeholder (its page not read yet) shows blank, at the size
 * of the article rows.
 *
 * The star button activates "news.set-starred" with the target (xb): the article id and
 * the new state; whoever holds the row (DramaNewsPane) installs that action. */
G_DECLARE_FINAL_TYPE (DramaArticleRow, drama_article_row, DRAMA, ARTICLE_ROW, GtkWidget)

DramaArticleRow *drama_article_row_new              (void);
void             drama_article_row_set_article      (DramaArticleRow  *self,
                                                     DramaArticle     *article);
/* Thumbnails are loaded through loader when load_images is TRUE; else none is shown. */
/* The watchlist its show chips tell shows of one name apart with. */
void             drama_article_row_set_show_list    (DramaArticleRow  *self,
                                                     DramaShowList    *show_list);
void             drama_article_row_set_image_loader (DramaArticleRow  *self,
                                                     DramaImageLoader *loader,
                                                     gboolean          load_images);

/* Called on each row a factory makes, before it is bound (to give it an image loader). */
typedef void (*DramaArticleRowSetupFunc) (DramaArticleRow *row,
                                          gpointer         user_data);

/* The list item factory of the article lists: a DramaArticleRow per item of a GListModel
 * of DramaArticle. Binding a row only shows what the article object holds (no query: the
 * model loads the shows with the page); setup (may be NULL) is called on each new row. */
GtkListItemFactory *drama_article_row_factory_new   (DramaArticleRowSetupFunc  setup,
                                                     gpointer                  user_data,
                                                     GDestroyNotify            destroy);

/* "Just now", "5 min ago", "2 h ago", "Yesterday", "3 days ago", else a date.
 * when = 0 gives NULL. now = 0 means the current time. */
char            *drama_format_relative_time         (gint64            when,
                                                     gint64            now);

G_END_DECLS
