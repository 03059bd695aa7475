#pragma once

#include <gio/gio.h>

#include "drama-store.h"
#include "drama-types.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_ARTICLE_LIST (drama_article_list_get_type ())

/* A GListModel of DramaArticle over the store, newest first. It holds only the ordered
 * ids of the matching articles; the objects are loaded from the store in pages as the
 * view asks for them, and only a few pages are kept, so a list of 100,000 articles costs
 * 100,000 ids, not 100,000 objects.
 *
 * Nothing here waits for the store: the ids and the pages are read on the store's thread
 * (drama_store_call_async ()). Until the ids arrive the list is empty and "loading" is
 * TRUE; an item whose page has not arrived yet is a placeholder (only its id set, see
 * drama_article_list_is_placeholder ()) and its page is asked for; when the page comes,
 * items-changed replaces the placeholders with the articles. Pages far from what is shown
 * are not read (a load whose rows nobody holds any more is cancelled).
 *
 * It follows the store's changes by itself: read/starred marks, a renamed feed and new
 * links update the objects it holds in place (their notify signals fire); new and removed
 * articles change the id list, and items-changed covers only the range between the
 * unchanged head and tail, so a selection and the scroll position survive.
 *
 * With DRAMA_ARTICLE_FILTER_UNREAD, an article read while listed stays listed (so the
 * selection does not vanish under the reader) until the filter or search is changed. */
G_DECLARE_FINAL_TYPE (DramaArticleList, drama_article_list, DRAMA, ARTICLE_LIST, GObject)

/* filter_id: the feed, show or person id for FEED, SHOW, PERSON; search: NULL or free text. */
DramaArticleList   *drama_article_list_new           (DramaStore         *store,
                                                      DramaArticleFilter  filter,
                                                      gint64              filter_id,
                                                      const char         *search);
DramaStore         *drama_article_list_get_store     (DramaArticleList   *self);
/* A new filter or search asks for the ids at once; the newest request wins (an older
 * query still running is cancelled, its result never replaces a newer one). */
void                drama_article_list_set_filter    (DramaArticleList   *self,
                                                      DramaArticleFilter  filter,
                                                      gint64              filter_id);
DramaArticleFilter  drama_article_list_get_filter    (DramaArticleList   *self);
gint64              drama_article_list_get_filter_id (DramaArticleList   *self);
void                drama_article_list_set_search    (DramaArticleList   *self,
                                                      const char         *search);
const char         *drama_article_list_get_search    (DramaArticleList   *self);
/* The global spoiler guard (the setting): with it on, each article's spoiler-episode is the
 * unseen episode it names (when its show's own guard is on too). Default TRUE. */
void                drama_article_list_set_spoiler_guard (DramaArticleList *self,
                                                          gboolean          spoiler_guard);
/* Reads the ids again, and the articles held (in place), now (normally done automatically
 * after store changes). */
void                drama_article_list_reload        (DramaArticleList   *self);
/* TRUE while the id list is being read (property "loading"): the items listed are those
 * of the previous query (none at first). */
gboolean            drama_article_list_get_loading   (DramaArticleList   *self);
/* The position of an article, or G_MAXUINT when not listed (to keep a selection). */
guint               drama_article_list_find          (DramaArticleList   *self,
                                                      gint64              article_id);
/* Why the last read failed (the ids, a page, or articles read again after a change), in
 * words for the user; NULL again once the ids are read. */
const char         *drama_article_list_get_error_message (DramaArticleList *self);
/* How many article objects (placeholders included) the list holds right now (paging
 * diagnostics). */
guint               drama_article_list_get_n_loaded  (DramaArticleList   *self);
/* How many reads (pages, or held articles read again) are on their way from the store. */
guint               drama_article_list_get_n_pending (DramaArticleList   *self);
/* TRUE for an item handed out before its page arrived: only its id is set. */
gboolean            drama_article_list_is_placeholder (DramaArticle      *article);

G_END_DECLS
