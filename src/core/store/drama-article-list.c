#define G_LOG_DOMAIN "drama-article-list"

#include "config.h"

#include <stdlib.h>

#include "drama-article-list.h"

#include "drama-article-list-private.h"

#include "drama-enums.h"

#define PAGE_KEY(page) GUINT_TO_POINTER (page)

/* One page being read on the store's thread. The list does not own it: the callback
 * frees it, and the list cancels it (then forgets it) when the page is no longer wanted. */
typedef struct {
  DramaArticleList *self;   /* not a reference: every job is cancelled in dispose */
  guint             page;
  GCancellable     *cancellable;
} PageLoad;

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

static void drama_article_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DramaArticleList, drama_article_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      drama_article_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  PROP_FILTER_ID,
  PROP_SEARCH,
  PROP_ERROR_MESSAGE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark placeholder_quark;

/* ---- objects ---- */

gboolean
drama_article_list_is_placeholder (DramaArticle *article)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE (article), FALSE);
  return g_object_get_qdata (G_OBJECT (article), placeholder_quark) != NULL;
}

static DramaArticle *
placeholder_new (gint64 id)
{
  DramaArticle *article = drama_article_new ();

  drama_article_set_id (article, id);
  g_object_set_qdata (G_OBJECT (article), placeholder_quark, GINT_TO_POINTER (1));
  return article;
}

void
_drama_article_list_set_error_message (DramaArticleList *self,
                                       const char       *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* ---- pages ---- */

static void
page_range (DramaArticleList *self,
            guint             page,
            guint            *start,
            guint            *end)
{
  *start = MIN (page * PAGE_SIZE, self->ids->len);
  *end = MIN (*start + PAGE_SIZE, self->ids->len);
}

static void
page_load_free (PageLoad *load)
{
  g_object_unref (load->cancellable);
  g_free (load);
}

static void
cancel_load (DramaArticleList *self,
             guint             page)
{
  gpointer load;

  if (g_hash_table_steal_extended (self->loads, PAGE_KEY (page), NULL, &load))
    g_cancellable_cancel (((PageLoad *) load)->cancellable);
}

static void
cancel_all_loads (DramaArticleList *self)
{
  GHashTableIter iter;
  gpointer load;

  g_hash_table_iter_init (&iter, self->loads);
  while (g_hash_table_iter_next (&iter, NULL, &load))
    {
      g_cancellable_cancel (((PageLoad *) load)->cancellable);
      g_hash_table_iter_remove (&iter);
    }
}

static void
evict_page (DramaArticleList *self,
            guint             page)
{
  guint start, end;

  page_range (self, page, &start, &end);
  for (guint i = start; i < end; i++)
    g_hash_table_remove (self->objects, &g_array_index (self->ids, gint64, i));
  cancel_load (self, page);
  g_hash_table_remove (self->wanted, PAGE_KEY (page));
}

static void
touch_page (DramaArticleList *self,
            guint             page)
{
  gpointer data = PAGE_KEY (page);

  if (self->pages.head != NULL && self->pages.head->data == data)
    return;
  g_queue_remove (&self->pages, data);
  g_queue_push_head (&self->pages, data);

  while (self->pages.length > MAX_PAGES)
    evict_page (self, GPOINTER_TO_UINT (g_queue_pop_tail (&self->pages)));
}

/* Some row of the page has no article yet. */
static gboolean
page_needs_load (DramaArticleList *self,
                 guint             page)
{
  guint start, end;

  page_range (self, page, &start, &end);
  for (guint i = start; i < end; i++)
    {
      DramaArticle *article = _drama_article_list_held (self, g_array_index (self->ids, gint64, i));

      if (article == NULL || drama_article_list_is_placeholder (article))
        return TRUE;
    }
  return FALSE;
}

/* Someone (a row on screen, the selection) still holds a placeholder of the page. */
static gboolean
page_in_use (DramaArticleList *self,
             guint             page)
{
  guint start, end;

  page_range (self, page, &start, &end);
  for (guint i = start; i < end; i++)
    {
      DramaArticle *article = _drama_article_list_held (self, g_array_index (self->ids, gint64, i));

      if (article != NULL && drama_article_list_is_placeholder (article) &&
          g_atomic_int_get (&G_OBJECT (article)->ref_count) > 1)
        return TRUE;
    }
  return FALSE;
}

static void
page_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PageLoad *load = user_data;
  DramaArticleList *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  guint start, end, first = G_MAXUINT, last = 0;
  gboolean missing = FALSE;

  articles = drama_store_list_finish (DRAMA_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Not wanted any more, or the list is gone: never touch it. */
      page_load_free (load);
      return;
    }

  self = load->self;
  g_assert (g_hash_table_lookup (self->loads, PAGE_KEY (load->page)) == load);
  g_hash_table_remove (self->loads, PAGE_KEY (load->page));

  if (articles == NULL)
    {
      _drama_article_list_set_error_message (self, error->message);
      page_load_free (load);
      return;
    }

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);
      gint64 id = drama_article_get_id (article);

      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), article);
    }

  /* The id list has not changed since the load began (a new one cancels every load). */
  page_range (self, load->page, &start, &end);
  for (guint i = start; i < end; i++)
    {
      gint64 *id = &g_array_index (self->ids, gint64, i);
      DramaArticle *held = _drama_article_list_held (self, *id);
      DramaArticle *article;

      if (held != NULL && !drama_article_list_is_placeholder (held))
        continue;
      article = g_hash_table_lookup (by_id, id);
      if (article == NULL)
        {
          /* Deleted since the ids were read: the placeholder stays until the reload. */
          missing = TRUE;
          continue;
        }
      /* Only a placeholder handed out needs its row bound again. */
      if (held != NULL)
        {
          first = MIN (first, i);
          last = MAX (last, i);
        }
      g_hash_table_insert (self->objects, g_memdup2 (id, sizeof *id), g_object_ref (article));
    }
  page_load_free (load);

  if (first != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1, last - first + 1);
  if (missing)
    _drama_article_list_queue_reload (self, TRUE);
}

static void
start_load (DramaArticleList *self,
            guint             page)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint start, end;
  PageLoad *load;

  page_range (self, page, &start, &end);
  for (guint i = start; i < end; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);
      DramaArticle *article = _drama_article_list_held (self, id);

      if (article == NULL || drama_article_list_is_placeholder (article))
        g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    return;

  load = g_new0 (PageLoad, 1);
  load->self = self;
  load->page = page;
  load->cancellable = g_cancellable_new ();
  g_hash_table_insert (self->loads, PAGE_KEY (page), load);
  /* The linked shows and the spoiler episode come with the page: they are what the row
   * shows as chips and warnings. */
  drama_store_get_articles_async (self->store, (const gint64 *) (gpointer) ids->data, ids->len,
                                  self->spoiler_guard ? 1 : 0, load->cancellable,
                                  page_loaded_cb, load);
}

/* After the view has asked for its rows (it asks during layout, before this idle): read
 * the pages it wants, and drop the loads of pages scrolled past that nobody holds. */
static gboolean
load_idle_cb (gpointer data)
{
  DramaArticleList *self = data;
  GHashTableIter iter;
  gpointer key;

  self->load_idle = 0;

  g_hash_table_iter_init (&iter, self->loads);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint page = GPOINTER_TO_UINT (key);

      if (!g_hash_table_contains (self->wanted, key) && !page_in_use (self, page))
        {
          PageLoad *load = g_hash_table_lookup (self->loads, key);

          g_cancellable_cancel (load->cancellable);
          g_hash_table_iter_remove (&iter);
        }
    }

  g_hash_table_iter_init (&iter, self->wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint page = GPOINTER_TO_UINT (key);

      if (!g_hash_table_contains (self->loads, key) && g_queue_find (&self->pages, key) != NULL &&
          page_needs_load (self, page))
        start_load (self, page);
    }
  g_hash_table_remove_all (self->wanted);

  return G_SOURCE_REMOVE;
}

static void
want_page (DramaArticleList *self,
           guint             page)
{
  g_hash_table_add (self->wanted, PAGE_KEY (page));
  if (self->load_idle == 0)
    self->load_idle = g_idle_add (load_idle_cb, self);
}

/* The held pages again from the held objects, after the ids moved: a page number means
 * other rows now, so the loads running are dropped and pages still missing rows asked
 * for again. */
static void
rebuild_pages (DramaArticleList *self)
{
  cancel_all_loads (self);
  g_hash_table_remove_all (self->wanted);
  g_queue_clear (&self->pages);
  if (g_hash_table_size (self->objects) == 0)
    return;

  /* Up to the last held row only: after a refresh that is near the top. */
  for (guint i = 0, found = 0; i < self->ids->len && found < g_hash_table_size (self->objects); i++)
    {
      gpointer key = PAGE_KEY (i / PAGE_SIZE);

      if (_drama_article_list_held (self, g_array_index (self->ids, gint64, i)) == NULL)
        continue;
      found++;
      if (self->pages.tail == NULL || self->pages.tail->data != key)
        g_queue_push_tail (&self->pages, key);
    }
  while (self->pages.length > MAX_PAGES)
    evict_page (self, GPOINTER_TO_UINT (g_queue_pop_tail (&self->pages)));

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      guint page = GPOINTER_TO_UINT (l->data);

      if (page_needs_load (self, page) && page_in_use (self, page))
        want_page (self, page);
    }
}

/* ---- GListModel ---- */

static GType
drama_article_list_get_item_type (GListModel *model)
{
  return DRAMA_TYPE_ARTICLE;
}

static guint
drama_article_list_get_n_items (GListModel *model)
{
  DramaArticleList *self = DRAMA_ARTICLE_LIST (model);

  return self->ids->len;
}

static gpointer
drama_article_list_get_item (GListModel *model,
                             guint       position)
{
  DramaArticleList *self = DRAMA_ARTICLE_LIST (model);
  DramaArticle *article;
  gint64 id;
  guint page;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  page = position / PAGE_SIZE;
  touch_page (self, page);

  article = _drama_article_list_held (self, id);
  if (article == NULL)
    {
      /* Answer at once; the page is read in an idle (never from here: a model must not
       * change while a view is asking it for an item). */
      article = placeholder_new (id);
      g_hash_table_insert (self->objects, g_memdup2 (&id, sizeof id), article);
    }
  if (drama_article_list_is_placeholder (article))
    want_page (self, page);

  return g_object_ref (article);
}

static void
drama_article_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = drama_article_list_get_item_type;
  iface->get_n_items = drama_article_list_get_n_items;
  iface->get_item = drama_article_list_get_item;
}

/* ---- the id list ---- */

static void
set_loading (DramaArticleList *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
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
  rebuild_pages (self);

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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Asks for the ids now; an older query still running is cancelled. keep_read: for the
 * UNREAD filter, also keep the listed articles that were read meanwhile (a reload after a
 * change, not a new filter or search). */
static void
start_reload (DramaArticleList *self,
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
  start_reload (self, self->reload_keep_read);
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

/* Takes the removed articles out at once, each run of rows with its own items-changed. */
void
_drama_article_list_remove_ids (DramaArticleList *self,
                                const gint64     *ids,
                                guint             n_ids)
{
  g_autoptr(GHashTable) removed = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint i, end;
  gboolean any = FALSE;

  for (guint k = 0; k < n_ids; k++)
    g_hash_table_add (removed, (gpointer) &ids[k]);
  g_clear_pointer (&self->base, g_array_unref);

  /* The pages move: the loads running would fill the wrong rows. */
  cancel_all_loads (self);

  i = self->ids->len;
  while (i > 0)
    {
      if (!g_hash_table_contains (removed, &g_array_index (self->ids, gint64, i - 1)))
        {
          i--;
          continue;
        }
      end = i;
      while (i > 0 && g_hash_table_contains (removed, &g_array_index (self->ids, gint64, i - 1)))
        {
          g_hash_table_remove (self->objects, &g_array_index (self->ids, gint64, i - 1));
          i--;
        }
      g_array_remove_range (self->ids, i, end - i);
      g_list_model_items_changed (G_LIST_MODEL (self), i, end - i, 0);
      any = TRUE;
    }
  if (any)
    rebuild_pages (self);
}

/* ---- object ---- */

static void
drama_article_list_constructed (GObject *object)
{
  DramaArticleList *self = DRAMA_ARTICLE_LIST (object);

  G_OBJECT_CLASS (drama_article_list_parent_class)->constructed (object);

  self->constructed = TRUE;
  g_return_if_fail (self->store != NULL);
  _drama_article_list_follow_store (self);
  start_reload (self, FALSE);
}

static void
drama_article_list_dispose (GObject *object)
{
  DramaArticleList *self = DRAMA_ARTICLE_LIST (object);

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  g_clear_handle_id (&self->load_idle, g_source_remove);
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->ids_cancellable != NULL)
    g_cancellable_cancel (self->ids_cancellable);
  g_clear_object (&self->ids_cancellable);
  g_cancellable_cancel (self->cancellable);
  cancel_all_loads (self);
  if (self->store != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
        g_clear_signal_handler (&self->handlers[i], self->store);
    }
  g_clear_object (&self->store);
  g_queue_clear (&self->pages);
  g_hash_table_remove_all (self->objects);

  G_OBJECT_CLASS (drama_article_list_parent_class)->dispose (object);
}

static void
drama_article_list_finalize (GObject *object)
{
  DramaArticleList *self = DRAMA_ARTICLE_LIST (object);

  g_clear_pointer (&self->objects, g_hash_table_unref);
  g_clear_pointer (&self->loads, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  g_clear_pointer (&self->refresh, g_hash_table_unref);
  g_clear_pointer (&self->refresh_feeds, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->base, g_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->search);
  g_free (self->error_message);

  G_OBJECT_CLASS (drama_article_list_parent_class)->finalize (object);
}

static void
drama_article_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DramaArticleList *self = DRAMA_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FILTER:
      g_value_set_enum (value, self->filter);
      break;
    case PROP_FILTER_ID:
      g_value_set_int64 (value, self->filter_id);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_article_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DramaArticleList *self = DRAMA_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FILTER:
      if (!self->constructed)
        self->filter = g_value_get_enum (value);
      else
        drama_article_list_set_filter (self, g_value_get_enum (value), self->filter_id);
      break;
    case PROP_FILTER_ID:
      if (!self->constructed)
        self->filter_id = g_value_get_int64 (value);
      else
        drama_article_list_set_filter (self, self->filter, g_value_get_int64 (value));
      break;
    case PROP_SEARCH:
      if (!self->constructed)
        {
          g_free (self->search);
          self->search = g_value_dup_string (value);
        }
      else
        drama_article_list_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_article_list_class_init (DramaArticleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = drama_article_list_constructed;
  object_class->dispose = drama_article_list_dispose;
  object_class->finalize = drama_article_list_finalize;
  object_class->get_property = drama_article_list_get_property;
  object_class->set_property = drama_article_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRAMA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Construct properties so the first query, in constructed(), already has them. */
  properties[PROP_FILTER] =
    g_param_spec_enum ("filter", NULL, NULL, DRAMA_TYPE_ARTICLE_FILTER, DRAMA_ARTICLE_FILTER_ALL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILTER_ID] =
    g_param_spec_int64 ("filter-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  placeholder_quark = g_quark_from_static_string ("drama-article-list-placeholder");
}

static void
drama_article_list_init (DramaArticleList *self)
{
  self->spoiler_guard = TRUE;
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->objects = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->loads = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->wanted = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->refresh = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->refresh_feeds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->pages);
}

DramaArticleList *
drama_article_list_new (DramaStore         *store,
                        DramaArticleFilter  filter,
                        gint64              filter_id,
                        const char         *search)
{
  g_return_val_if_fail (DRAMA_IS_STORE (store), NULL);

  return g_object_new (DRAMA_TYPE_ARTICLE_LIST,
                       "store", store,
                       "filter", filter,
                       "filter-id", filter_id,
                       "search", search,
                       NULL);
}

DramaStore *
drama_article_list_get_store (DramaArticleList *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_LIST (self), NULL);
  return self->store;
}

void
drama_article_list_set_filter (DramaArticleList   *self,
                               DramaArticleFilter  filter,
                               gint64              filter_id)
{
  gboolean filter_changed, id_changed;

  g_return_if_fail (DRAMA_IS_ARTICLE_LIST (self));

  filter_changed = self->filter != filter;
  id_changed = self->filter_id != filter_id;
  if (!filter_changed && !id_changed)
    return;

  self->filter = filter;
  self->filter_id = filter_id;
  g_clear_pointer (&self->base, g_array_unref);
  start_reload (self, FALSE);
  if (filter_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  if (id_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_ID]);
}

DramaArticleFilter
drama_article_list_get_filter (DramaArticleList *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_LIST (self), DRAMA_ARTICLE_FILTER_ALL);
  return self->filter;
}

gint64
drama_article_list_get_filter_id (DramaArticleList *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_LIST (self), 0);
  return self->filter_id;
}

void
drama_article_list_set_search (DramaArticleList *self,
                               const char       *search)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_LIST (self));

  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  start_reload (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
drama_article_list_get_search (DramaArticleList *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_LIST (self), NULL);
  return self->search;
}

void
drama_article_list_reload (DramaArticleList *self)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_LIST (self));

  g_clear_pointer (&self->base, g_array_unref);
  start_reload (self, TRUE);
  _drama_article_list_queue_refresh_all (self, TRUE);
}

gboolean
drama_article_list_get_loading (DramaArticleList *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_LIST (self), FALSE);
  return self->loading;
}

guint
drama_article_list_find (DramaArticleList *self,
                         gint64            article_id)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_array_index (self->ids, gint64, i) == article_id)
        return i;
    }
  return G_MAXUINT;
}

const char *
drama_article_list_get_error_message (DramaArticleList *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_LIST (self), NULL);
  return self->error_message;
}

guint
drama_article_list_get_n_loaded (DramaArticleList *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_LIST (self), 0);
  return g_hash_table_size (self->objects);
}

guint
drama_article_list_get_n_pending (DramaArticleList *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_LIST (self), 0);
  return g_hash_table_size (self->loads) + self->n_refreshing;
}

void
drama_article_list_set_spoiler_guard (DramaArticleList *self,
                                      gboolean          spoiler_guard)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_LIST (self));

  spoiler_guard = !!spoiler_guard;
  if (self->spoiler_guard == spoiler_guard)
    return;
  self->spoiler_guard = spoiler_guard;
  /* Same ids: only the held objects' spoiler-episode changes, in place. */
  _drama_article_list_queue_refresh_all (self, TRUE);
}
