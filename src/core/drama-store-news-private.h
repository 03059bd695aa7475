#pragma once

/* Shared by drama-store-feeds.c and drama-store-articles.c (both NEWS-CORE's): the
 * article writes that a feed subscription and its Undo reuse inside their own
 * transaction. Callers hold the store lock and an open transaction. */

#include <sqlite3.h>

#include "drama-store.h"

G_BEGIN_DECLS

/* SELECT list + FROM for DramaArticle rows (see _drama_article_from_row). */
#define DRAMA_ARTICLE_SELECT \
  "SELECT a.id, a.feed_id, COALESCE(NULLIF(f.custom_title, ''), NULLIF(f.title, ''), f.url), " \
  "a.guid, a.title, a.link, a.author, a.summary, a.content, a.image, a.published, a.updated, " \
  "a.fetched_at, a.read, a.starred FROM articles a JOIN feeds f ON f.id = a.feed_id "

DramaArticle *_drama_article_from_row            (sqlite3_stmt *stmt);

gboolean      _drama_store_save_articles_locked  (DramaStore   *self,
                                                  gint64        feed_id,
                                                  GPtrArray    *articles,
                                                  GArray       *new_ids,
                                                  GError      **error);

/* Inserts articles as they were (ids when free, read/starred kept). */
gboolean      _drama_store_restore_articles_locked (DramaStore *self,
                                                    gint64      feed_id,
                                                    GPtrArray  *articles,
                                                    GArray     *restored_ids,
                                                    GError    **error);

GPtrArray    *_drama_store_list_feed_articles_locked (DramaStore *self,
                                                      gint64      feed_id,
                                                      GError    **error);

G_END_DECLS
