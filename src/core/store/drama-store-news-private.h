#pragma once

/* Shared by drama-store-feeds.c and drama-store-articles.c (both NEWS-CORE's): the
 * article writes that a feed subscription and its Undo reuse inside their own
 * transaction. Callers hold the store lock and an open transaction. */

#include <sqlite3.h>

#include "drama-store.h"

G_BEGIN_DECLS

/* SELECT list + FROM for DramaArticle rows (see _drama_article_from_row). */
#define DRAMA_ARTICLE_COLUMNS \
  "a.id, a.feed_id, COALESCE(NULLIF(f.custom_title, ''), NULLIF(f.title, ''), f.url), " \
  "a.guid, a.title, a.link, a.author, a.summary, a.content, a.image, a.published, a.updated, " \
  "a.fetched_at, a.read, a.starred, f.url, a.full_content, a.full_error "
/* The number of columns in DRAMA_ARTICLE_COLUMNS: the index of the first one a query adds. */
#define DRAMA_ARTICLE_N_COLUMNS 18
#define DRAMA_ARTICLE_FROM "FROM articles a JOIN feeds f ON f.id = a.feed_id "
#define DRAMA_ARTICLE_SELECT "SELECT " DRAMA_ARTICLE_COLUMNS DRAMA_ARTICLE_FROM

DramaArticle *_drama_article_from_row            (sqlite3_stmt *stmt);
/* A JSON array of ids, bound to "json_each (?)" so one cached statement serves any count. */
char         *_drama_ids_to_json                 (const gint64 *ids,
                                                  guint         n_ids);

/* The plain text of summary and content of each article without a text property, NULL for
 * the others: a parallel array of strings for the *_locked functions below
 * (drama-store-text.c). Made before taking the lock, as the HTML parse is slow; kept out
 * of the caller's articles, which may change their HTML and be saved again. */
GPtrArray    *_drama_articles_make_texts         (GPtrArray    *articles);

/* The indexed columns of an article just written without its text: queued, and set for
 * the whole batch by one statement in _drama_store_flush_texts_locked (see
 * drama-store-text.c for why). Within a transaction. */
gboolean      _drama_store_queue_text_locked     (DramaStore   *self,
                                                  gint64        id,
                                                  const char   *title,
                                                  const char   *text,
                                                  gint64        published,
                                                  GError      **error);
gboolean      _drama_store_flush_texts_locked    (DramaStore   *self,
                                                  GError      **error);

/* texts (optional): from _drama_articles_make_texts (). */
gboolean      _drama_store_save_articles_locked  (DramaStore   *self,
                                                  gint64        feed_id,
                                                  GPtrArray    *articles,
                                                  GPtrArray    *texts,
                                                  GArray       *new_ids,
                                                  GError      **error);

/* Inserts articles as they were (ids when free, read/starred kept). */
gboolean      _drama_store_restore_articles_locked (DramaStore *self,
                                                    gint64      feed_id,
                                                    GPtrArray  *articles,
                                                    GPtrArray  *texts,
                                                    GArray     *restored_ids,
                                                    GError    **error);

GPtrArray    *_drama_store_list_feed_articles_locked (DramaStore *self,
                                                      gint64      feed_id,
                                                      GError    **error);

G_END_DECLS
