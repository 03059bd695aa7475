#define G_LOG_DOMAIN "drama-article-list"

#include "config.h"

#include "drama-article-list.h"

#include "drama-enums.h"

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
  GHashTable *objects;    /* gint64 id → DramaArticle (loaded pages only) */
  GQueue pages;           /* page numbers, most recently used first */

  guint reload_idle;
  gulong handlers[3];
  gboolean constructed;
};

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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (DramaArticleList *self,
                    gboolean          keep_read);
static gboolean reload_idle_cb (gpointer data);

static void
copy_article (DramaArticle *to,
              DramaArticle *from)
{
  drama_article_set_feed_id (to, drama_article_get_feed_id (from));
  drama_article_set_feed_title (to, drama_article_get_feed_title (from));
  drama_article_set_guid (to, drama_article_get_guid (from));
  drama_article_set_title (to, drama_article_get_title (from));
  drama_article_set_link (to, drama_article_get_link (from));
  drama_article_set_author (to, drama_article_get_author (from));
  drama_article_set_summary (to, drama_article_get_summary (from));
  drama_article_set_content (to, drama_article_get_content (from));
  drama_article_set_image (to, drama_article_get_image (from));
  drama_article_set_published (to, drama_article_get_published (from));
  drama_article_set_updated (to, drama_article_get_updated (from));
  drama_article_set_fetched_at (to, drama_article_get_fetched_at (from));
  drama_article_set_read (to, drama_article_get_read (from));
  drama_article_set_starred (to, drama_article_get_starred (from));
  drama_article_set_shows (to, drama_article_get_shows (from));
  drama_article_set_spoiler_episode (to, drama_article_get_spoiler_episode (from));
}

static void
set_error_message (DramaArticleList *self,
                   const char       *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* Loads from the store the ids given that are not loaded yet; refresh = reload those that
 * are (in place). */
static void
load_ids (DramaArticleList *self,
          const gint64     *ids,
          guint             n_ids,
          gboolean          refresh)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      if (refresh || !g_hash_table_contains (self->objects, &ids[i]))
        g_array_append_val (wanted, ids[i]);
    }
  if (wanted->len == 0)
    return;

  articles = drama_store_get_articles (self->store, (const gint64 *) (gpointer) wanted->data,
                                       wanted->len, &error);
  if (articles == NULL)
    {
      set_error_message (self, error->message);
      return;
    }
  /* The linked shows and the spoiler episode are what the row shows as chips/warnings;
   * without them the article is still worth listing. */
  if (!drama_store_fill_article_links (self->store, articles, self->spoiler_guard, &error))
    {
      g_debug ("Could not read the links of the articles: %s", error->message);
      g_clear_error (&error);
    }

  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);
      gint64 id = drama_article_get_id (article);
      DramaArticle *old = g_hash_table_lookup (self->objects, &id);

      if (old != NULL)
        copy_article (old, article);
      else
        g_hash_table_insert (self->objects, g_memdup2 (&id, sizeof id), g_object_ref (article));
    }
}

static void
evict_page (DramaArticleList *self,
            guint             page)
{
  guint start = page * PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->ids->len);

  for (guint i = start; i < end; i++)
    g_hash_table_remove (self->objects, &g_array_index (self->ids, gint64, i));
}

static void
touch_page (DramaArticleList *self,
            guint             page)
{
  gpointer data = GUINT_TO_POINTER (page);

  if (self->pages.head != NULL && self->pages.head->data == data)
    return;
  g_queue_remove (&self->pages, data);
  g_queue_push_head (&self->pages, data);

  while (self->pages.length > MAX_PAGES)
    evict_page (self, GPOINTER_TO_UINT (g_queue_pop_tail (&self->pages)));
}

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
  article = g_hash_table_lookup (self->objects, &id);
  if (article == NULL)
    {
      guint start = page * PAGE_SIZE;
      guint n = MIN (PAGE_SIZE, self->ids->len - start);

      load_ids (self, &g_array_index (self->ids, gint64, start), n, FALSE);
      article = g_hash_table_lookup (self->objects, &id);
    }
  touch_page (self, page);

  if (article == NULL)
    {
      /* Deleted since the ids were read (a reload is on its way): a model must not
       * answer NULL inside its range, so hand out an empty stand-in. */
      article = drama_article_new ();
      drama_article_set_id (article, id);
      drama_article_set_read (article, TRUE);
      /* Not now: a model must not change while a view is asking it for an item. */
      if (self->reload_idle == 0)
        self->reload_idle = g_idle_add (reload_idle_cb, self);
      return article;
    }
  return g_object_ref (article);
}

static void
drama_article_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = drama_article_list_get_item_type;
  iface->get_n_items = drama_article_list_get_n_items;
  iface->get_item = drama_article_list_get_item;
}

/* The new id list; keep_read: for the UNREAD filter, also keep the listed articles that
 * were read meanwhile. */
static GArray *
query_ids (DramaArticleList  *self,
           gboolean           keep_read,
           GError           **error)
{
  g_autoptr(GArray) flags = NULL;
  g_autoptr(GHashTable) listed = NULL;
  GArray *all;
  GArray *ids;

  if (self->filter != DRAMA_ARTICLE_FILTER_UNREAD || !keep_read || self->ids->len == 0)
    return drama_store_list_article_ids (self->store, self->filter, self->filter_id,
                                         self->search, NULL, error);

  all = drama_store_list_article_ids (self->store, DRAMA_ARTICLE_FILTER_ALL, 0,
                                      self->search, &flags, error);
  if (all == NULL)
    return NULL;

  listed = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->ids->len; i++)
    g_hash_table_add (listed, &g_array_index (self->ids, gint64, i));

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < all->len; i++)
    {
      gint64 *id = &g_array_index (all, gint64, i);

      if (!g_array_index (flags, guint8, i) || g_hash_table_contains (listed, id))
        g_array_append_val (ids, *id);
    }
  g_array_unref (all);
  return ids;
}

static void
reload (DramaArticleList *self,
        gboolean          keep_read)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) old_ids = NULL;
  g_autoptr(GArray) kept = NULL;
  g_autoptr(GHashTable) old_objects = NULL;
  GArray *new_ids;
  guint old_n, new_n, prefix = 0, suffix = 0, min_n;

  g_clear_handle_id (&self->reload_idle, g_source_remove);

  new_ids = query_ids (self, keep_read, &error);
  if (new_ids == NULL)
    {
      set_error_message (self, error->message);
      new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  else
    {
      set_error_message (self, NULL);
    }

  old_ids = self->ids;
  self->ids = new_ids;
  old_n = old_ids->len;
  new_n = new_ids->len;

  /* Keep the loaded objects still listed (the view holds them) and note their pages. */
  old_objects = self->objects;
  self->objects = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_queue_clear (&self->pages);
  kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (g_hash_table_size (old_objects) > 0)
    {
      for (guint i = 0; i < new_n; i++)
        {
          gint64 *id = &g_array_index (new_ids, gint64, i);
          gpointer key, value;

          if (g_hash_table_steal_extended (old_objects, id, &key, &value))
            {
              g_hash_table_insert (self->objects, key, value);
              g_array_append_val (kept, *id);
              if (!g_queue_find (&self->pages, GUINT_TO_POINTER (i / PAGE_SIZE)))
                g_queue_push_tail (&self->pages, GUINT_TO_POINTER (i / PAGE_SIZE));
            }
        }
      /* Read flags, titles and feed names may have changed: update in place. */
      load_ids (self, (const gint64 *) (gpointer) kept->data, kept->len, TRUE);
      while (self->pages.length > MAX_PAGES)
        evict_page (self, GPOINTER_TO_UINT (g_queue_pop_tail (&self->pages)));
    }

  min_n = MIN (old_n, new_n);
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
}

static gboolean
reload_idle_cb (gpointer data)
{
  DramaArticleList *self = data;

  self->reload_idle = 0;
  reload (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* A refresh emits several signals in a row: one reload for all of them. */
static void
on_store_changed (DramaArticleList *self)
{
  if (self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_idle_cb, self);
}

static void
drama_article_list_constructed (GObject *object)
{
  DramaArticleList *self = DRAMA_ARTICLE_LIST (object);
  /* Articles come and go, links move them in and out of show lists, and a renamed feed
   * changes the feed title rows show. */
  static const char * const signals[] = { "changed::article", "changed::link", "changed::feed" };

  G_OBJECT_CLASS (drama_article_list_parent_class)->constructed (object);

  self->constructed = TRUE;
  g_return_if_fail (self->store != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    self->handlers[i] = g_signal_connect_swapped (self->store, signals[i],
                                                  G_CALLBACK (on_store_changed), self);
  reload (self, FALSE);
}

static void
drama_article_list_dispose (GObject *object)
{
  DramaArticleList *self = DRAMA_ARTICLE_LIST (object);

  g_clear_handle_id (&self->reload_idle, g_source_remove);
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
  g_clear_pointer (&self->ids, g_array_unref);
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drama_article_list_init (DramaArticleList *self)
{
  self->spoiler_guard = TRUE;
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->objects = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
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
  reload (self, FALSE);
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
  reload (self, FALSE);
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
  reload (self, TRUE);
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

void
drama_article_list_set_spoiler_guard (DramaArticleList *self,
                                      gboolean          spoiler_guard)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_LIST (self));

  spoiler_guard = !!spoiler_guard;
  if (self->spoiler_guard == spoiler_guard)
    return;
  self->spoiler_guard = spoiler_guard;
  /* Same ids: only the loaded objects' spoiler-episode changes, in place. */
  reload (self, TRUE);
}
