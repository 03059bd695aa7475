#define G_LOG_DOMAIN "drama-article-list"

/* DramaArticleList's id list: the query for the ids in list order (the filter, the search
 * within the filter's list), read on the store's thread with the first page, and the ids
 * applied to the model. */

#include "config.h"

#include <stdlib.h>

#include "drama-article-list-private.h"

/* One id query, and what it brings back. */
typedef struct {
  DramaArticleFilter filter;
  gint64             filter_id;
  char              *search;
  GArray            *listed;      /* UNREAD after a change: the ids listed, which stay
                                   * listed even if read meanwhile (the reader is on one) */
  int                links;       /* the spoiler guard for the first page's links */
  GHashTable        *held;        /* ids the list holds already (read-only here) */
  GArray            *base;        /* the filter's list without the search, when known */
} IdsQuery;

typedef struct {
  GArray    *ids;
  GArray    *base;                /* the filter's list without the search, when read */
  GPtrArray *first_page;
} IdsResult;

static void
set_loading (DramaArticleList *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  _drama_article_list_notify_loading (self);
}

/* Replaces the ids: the objects still listed are kept (the view holds them), and
 * items-changed covers only what lies between the unchanged head and tail. first_page
 * (may be NULL): articles read with the ids, for rows nobody holds yet. */
static void
apply_ids (DramaArticleList *self,
           GArray           *new_ids,
           GPtrArray        *first_page)
{
  g_autoptr(GArray) old_ids = self->ids;
  g_autoptr(GHashTable) old_objects = self->objects;
  g_autoptr(GHashTable) fetched = NULL;
  guint old_n = old_ids->len, new_n = new_ids->len;
  guint prefix = 0, suffix = 0, min_n = MIN (old_n, new_n);
  guint first = G_MAXUINT, last = 0;

  self->ids = g_array_ref (new_ids);
  self->objects = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  if (g_hash_table_size (old_objects) > 0)
    {
      /* Until every held object is placed (soon, when a refresh only added at the top). */
      for (guint i = 0; i < new_n && g_hash_table_size (old_objects) > 0; i++)
        {
          gint64 *id = &g_array_index (new_ids, gint64, i);
          gpointer key, value;

          if (g_hash_table_steal_extended (old_objects, id, &key, &value))
            g_hash_table_insert (self->objects, key, value);
        }
    }
  if (first_page != NULL && first_page->len > 0)
    {
      fetched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < first_page->len; i++)
        {
          DramaArticle *article = g_ptr_array_index (first_page, i);
          gint64 id = drama_article_get_id (article);

          g_hash_table_insert (fetched, g_memdup2 (&id, sizeof id), article);
        }
      for (guint i = 0; i < MIN (PAGE_SIZE, new_n); i++)
        {
          gint64 *id = &g_array_index (new_ids, gint64, i);
          DramaArticle *article = g_hash_table_lookup (fetched, id);
          DramaArticle *held = _drama_article_list_held (self, *id);

          if (article == NULL || (held != NULL && !drama_article_list_is_placeholder (held)))
            continue;
          /* A placeholder handed out: its row is bound again below. */
          if (held != NULL)
            {
              first = MIN (first, i);
              last = MAX (last, i);
            }
          g_hash_table_insert (self->objects, g_memdup2 (id, sizeof *id), g_object_ref (article));
        }
    }
  _drama_article_list_rebuild_pages (self);

  while (prefix < min_n &&
         g_array_index (old_ids, gint64, prefix) == g_array_index (new_ids, gint64, prefix))
    prefix++;
  while (suffix < min_n - prefix &&
         g_array_index (old_ids, gint64, old_n - 1 - suffix) ==
         g_array_index (new_ids, gint64, new_n - 1 - suffix))
    suffix++;

  if (prefix != old_n || prefix != new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_n - prefix - suffix, new_n - prefix - suffix);
  if (first != G_MAXUINT && (first < prefix || last >= new_n - suffix))
    g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1, last - first + 1);
}

static void
ids_query_free (gpointer data)
{
  IdsQuery *query = data;

  g_free (query->search);
  g_clear_pointer (&query->listed, g_array_unref);
  g_clear_pointer (&query->held, g_hash_table_unref);
  g_clear_pointer (&query->base, g_array_unref);
  g_free (query);
}

static void
ids_result_free (gpointer data)
{
  IdsResult *result = data;

  g_clear_pointer (&result->ids, g_array_unref);
  g_clear_pointer (&result->base, g_array_unref);
  g_clear_pointer (&result->first_page, g_ptr_array_unref);
  g_free (result);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The filter's ids (in list order) that the search matches. The full-text index answers a
 * search over the whole library from itself alone, in a few milliseconds for any word; the
 * filter's own condition per match (a link lookup for My Shows, a row read for the read
 * flag) would cost up to half a second per keystroke on 100,000 articles. So the filter's
 * list is read once, kept while the user types, and each search keeps the ids the index
 * matched (sorted, then looked up: a few milliseconds, memory bound by the matches). */
static GArray *
search_in_base (DramaStore  *store,
                GArray      *base,
                const char  *search,
                GError     **error)
{
  g_autoptr(GArray) matches = drama_store_list_article_ids (store, DRAMA_ARTICLE_FILTER_ALL, 0,
                                                            search, NULL, error);
  GArray *ids;

  if (matches == NULL)
    return NULL;
  /* No match: an empty GArray may have no data at all, which bsearch () must not get. */
  if (matches->len == 0)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_sort (matches, compare_ids);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (base->len, matches->len));
  for (guint i = 0; i < base->len; i++)
    {
      gint64 *id = &g_array_index (base, gint64, i);

      if (bsearch (id, matches->data, matches->len, sizeof (gint64), compare_ids) != NULL)
        g_array_append_val (ids, *id);
    }
  return ids;
}

/* On the store's thread: the ids and, with them, the articles of the first page the list
 * does not hold yet: the top of the list (a new filter or search, the newest articles of a
 * refresh) shows in one round trip, not as empty rows filled a moment later. */
static gpointer
ids_job (DramaStore    *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  IdsQuery *query = data;
  IdsResult *result = g_new0 (IdsResult, 1);
  g_autoptr(GError) page_error = NULL;
  g_autoptr(GArray) missing = NULL;

  if (query->listed != NULL)
    {
      g_autoptr(GArray) flags = NULL;
      g_autoptr(GArray) all = drama_store_list_article_ids (store, DRAMA_ARTICLE_FILTER_ALL, 0,
                                                            query->search, &flags, error);
      g_autoptr(GHashTable) listed = NULL;

      if (all == NULL)
        {
          ids_result_free (result);
          return NULL;
        }
      /* The unread ones, and those read but listed. Done here, not on the main thread:
       * it is a pass over every article. */
      listed = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < query->listed->len; i++)
        g_hash_table_add (listed, &g_array_index (query->listed, gint64, i));
      result->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), all->len);
      for (guint i = 0; i < all->len; i++)
        {
          gint64 *id = &g_array_index (all, gint64, i);

          if (!g_array_index (flags, guint8, i) || g_hash_table_contains (listed, id))
            g_array_append_val (result->ids, *id);
        }
    }
  else
    {
      g_autoptr(GArray) base = query->base != NULL ? g_array_ref (query->base) : NULL;

      if (base == NULL)
        {
          base = drama_store_list_article_ids (store, query->filter, query->filter_id, NULL,
                                               NULL, error);
          if (base == NULL)
            {
              ids_result_free (result);
              return NULL;
            }
          /* Kept unchanged by the list, while the id list itself changes in place: a copy,
           * made here rather than on the main thread. */
          result->base = query->search == NULL ? g_array_copy (base) : g_array_ref (base);
        }
      if (query->search == NULL)
        result->ids = g_array_ref (base);
      else if ((result->ids = search_in_base (store, base, query->search, error)) == NULL)
        {
          ids_result_free (result);
          return NULL;
        }
    }

  /* A newer keystroke came meanwhile: its query follows, this page would be wasted. */
  if (g_cancellable_is_cancelled (cancellable))
    return result;
  missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < MIN (PAGE_SIZE, result->ids->len); i++)
    {
      gint64 *id = &g_array_index (result->ids, gint64, i);

      if (query->held == NULL || !g_hash_table_contains (query->held, id))
        g_array_append_val (missing, *id);
    }
  if (missing->len == 0)
    return result;
  result->first_page = drama_store_get_articles (store, (const gint64 *) (gpointer) missing->data,
                                                 missing->len, &page_error);
  /* The rows can still be read page by page: not worth failing the ids for. */
  if (result->first_page == NULL)
    g_debug ("Could not read the first page: %s", page_error->message);
  else if (!drama_store_fill_article_links (store, result->first_page, query->links, &page_error))
    g_clear_pointer (&result->first_page, g_ptr_array_unref);
  return result;
}

static void
ids_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DramaArticleList *self = user_data;
  g_autoptr(GError) error = NULL;
  IdsResult *ids_result = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  g_autoptr(GArray) ids = NULL;

  /* A newer query (or dispose) cancelled this one: its result must not win. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->ids_cancellable);
  if (ids_result == NULL)
    {
      _drama_article_list_set_error_message (self, error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  else
    {
      _drama_article_list_set_error_message (self, NULL);
      ids = g_array_ref (ids_result->ids);
      if (ids_result->base != NULL)
        {
          g_clear_pointer (&self->base, g_array_unref);
          self->base = g_array_ref (ids_result->base);
        }
    }

  /* Done before items-changed, so its handlers see the final state. */
  self->loading = FALSE;
  apply_ids (self, ids, ids_result != NULL ? ids_result->first_page : NULL);
  if (ids_result != NULL)
    ids_result_free (ids_result);
  _drama_article_list_notify_loading (self);
}

/* Asks for the ids now; an older query still running is cancelled. keep_read: for the
 * UNREAD filter, also keep the listed articles that were read meanwhile (a reload after a
 * change, not a new filter or search). */
void
_drama_article_list_start_reload (DramaArticleList *self,
                                  gboolean          keep_read)
{
  IdsQuery *query;

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->ids_cancellable != NULL)
    g_cancellable_cancel (self->ids_cancellable);
  g_clear_object (&self->ids_cancellable);
  self->ids_cancellable = g_cancellable_new ();

  query = g_new0 (IdsQuery, 1);
  query->filter = self->filter;
  query->filter_id = self->filter_id;
  query->search = g_strdup (self->search);
  /* The ids listed now: until the answer only an id list can replace them, and a newer
   * one cancels this query. */
  if (keep_read && self->filter == DRAMA_ARTICLE_FILTER_UNREAD && self->ids->len > 0)
    query->listed = g_array_copy (self->ids);
  query->links = self->spoiler_guard ? 1 : 0;
  /* Only the search changed since the filter's list was read: no need to read it again. */
  if (self->base != NULL && !keep_read)
    query->base = g_array_ref (self->base);
  if (g_hash_table_size (self->objects) > 0)
    {
      GHashTableIter iter;
      gpointer key, value;

      /* Real articles only: a placeholder's row wants its article too. */
      query->held = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, self->objects);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!drama_article_list_is_placeholder (value))
          g_hash_table_add (query->held, g_memdup2 (key, sizeof (gint64)));
    }
  drama_store_call_async (self->store, G_PRIORITY_HIGH, ids_job, query, ids_query_free,
                          ids_result_free, self->ids_cancellable, ids_loaded_cb, self);
  set_loading (self, TRUE);
}

static gboolean
reload_idle_cb (gpointer data)
{
  DramaArticleList *self = data;

  self->reload_idle = 0;
  _drama_article_list_start_reload (self, self->reload_keep_read);
  return G_SOURCE_REMOVE;
}

/* A refresh emits several signals in a row: one query for all of them. */
void
_drama_article_list_queue_reload (DramaArticleList *self,
                                  gboolean          keep_read)
{
  /* The library changed: the filter's list must be read again. */
  g_clear_pointer (&self->base, g_array_unref);
  if (self->reload_idle != 0)
    {
      self->reload_keep_read = self->reload_keep_read && keep_read;
      return;
    }
  self->reload_keep_read = keep_read;
  self->reload_idle = g_idle_add (reload_idle_cb, self);
}
