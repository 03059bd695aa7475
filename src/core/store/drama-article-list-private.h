#pragma once

/* DramaArticleList's own state, shared by its three files: drama-article-list.c (the model:
 * the pages read on the store's thread), drama-article-list-ids.c (the id list: the query
 * for the ids, applied to the model) and drama-article-list-changes.c (following the store:
 * changes applied to the held articles in place). */

#include "drama-article-list.h"

G_BEGIN_DECLS

/* Rows fetched per store query, and how many such pages stay loaded: enough for a tall
 * window plus fast scrolling back and forth, small next to 100,000 articles. */
#define PAGE_SIZE 200
#define MAX_PAGES 16

struct _DramaArticleList
{
  GObject parent_instance;

  DramaStore *store;
  DramaArticleFilter filter;
  gint64 filter_id;
  char *search;
  char *error_message;
  gboolean spoiler_guard;

  GArray *ids;            /* gint64, in list order */
  GArray *base;           /* the filter's ids without the search (read-only), or NULL */
  GHashTable *objects;    /* gint64 id → DramaArticle or placeholder (held pages only) */
  GQueue pages;           /* held page numbers, most recently used first */
  GHashTable *loads;      /* page → PageLoad, pages being read */
  GHashTable *wanted;     /* pages asked for since the last load idle (a set) */
  guint load_idle;

  GCancellable *ids_cancellable;  /* the id query running, if any */
  gboolean loading;
  guint reload_idle;
  gboolean reload_keep_read;

  GHashTable *refresh;    /* ids of held articles to read again, in place (a set) */
  gboolean refresh_links;
  GHashTable *refresh_feeds;  /* feeds whose title to read again (a set) */
  guint refresh_idle;
  GCancellable *cancellable;  /* the in-place refreshes; cancelled in dispose */
  guint n_refreshing;         /* in-place refreshes on their way */

  gulong handlers[3];
  gboolean constructed;
};

/* The article the list holds for this id (maybe a placeholder), or NULL. */
static inline DramaArticle *
_drama_article_list_held (DramaArticleList *self,
                          gint64            id)
{
  return g_hash_table_lookup (self->objects, &id);
}

/* drama-article-list.c */
void _drama_article_list_remove_ids        (DramaArticleList *self,
                                            const gint64     *ids,
                                            guint             n_ids);
void _drama_article_list_rebuild_pages     (DramaArticleList *self);
void _drama_article_list_notify_loading    (DramaArticleList *self);

/* drama-article-list-ids.c */
void _drama_article_list_start_reload      (DramaArticleList *self,
                                            gboolean          keep_read);
void _drama_article_list_queue_reload      (DramaArticleList *self,
                                            gboolean          keep_read);

/* drama-article-list-changes.c */
void _drama_article_list_follow_store      (DramaArticleList *self);
/* "error-message": why the last read failed (NULL once a read of the ids works). */
void _drama_article_list_set_error_message (DramaArticleList *self,
                                            const char       *message);
void _drama_article_list_queue_refresh_all (DramaArticleList *self,
                                            gboolean          links);

G_END_DECLS
