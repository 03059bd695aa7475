#define G_LOG_DOMAIN "drama-article-list"

#include "config.h"

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

void
_drama_article_list_notify_loading (DramaArticleList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
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
void
_drama_article_list_rebuild_pages (DramaArticleList *self)
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
    _drama_article_list_rebuild_pages (self);
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
  _drama_article_list_start_reload (self, FALSE);
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
  _drama_article_list_start_reload (self, FALSE);
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
  _drama_article_list_start_reload (self, FALSE);
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
  _drama_article_list_start_reload (self, TRUE);
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
