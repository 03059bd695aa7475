#define G_LOG_DOMAIN "drama-article-list"

#include "config.h"

#include "drama-article-list-private.h"

/* Following the store: what a change names is applied to the articles the list holds,
 * in place (their notify signals update the rows bound to them); the id list is read
 * again only when the change can move rows in or out of it. */

/* One in-place refresh of held articles. */
typedef struct {
  DramaArticleList *self;
  gboolean          links;
} Refresh;

/* links: also the linked shows and the spoiler episode (else those stay as they are). */
static void
copy_article (DramaArticle *to,
              DramaArticle *from,
              gboolean      links)
{
  /* One notify per property at the end: a row updates once, not sixteen times over. */
  g_object_freeze_notify (G_OBJECT (to));
  drama_article_set_feed_id (to, drama_article_get_feed_id (from));
  drama_article_set_feed_title (to, drama_article_get_feed_title (from));
  drama_article_set_feed_url (to, drama_article_get_feed_url (from));
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
  if (links)
    {
      drama_article_set_shows (to, drama_article_get_shows (from));
      drama_article_set_spoiler_episode (to, drama_article_get_spoiler_episode (from));
    }
  g_object_thaw_notify (G_OBJECT (to));
}

/* ---- in-place updates ---- */

static void
refresh_free (gpointer data)
{
  g_free (data);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Refresh *refresh = user_data;
  DramaArticleList *self = refresh->self;
  gboolean links = refresh->links;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  refresh_free (refresh);
  articles = drama_store_list_finish (DRAMA_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->n_refreshing--;
  if (articles == NULL)
    {
      /* The rows keep what they showed; the user is told they may be out of date. */
      _drama_article_list_set_error_message (self, error->message);
      return;
    }

  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);
      DramaArticle *held = _drama_article_list_held (self, drama_article_get_id (article));

      /* A placeholder gets its page, which is at least as new. */
      if (held != NULL && !drama_article_list_is_placeholder (held))
        copy_article (held, article, links);
    }
}

typedef struct {
  DramaArticleList *self;
  GArray           *feed_ids;
} FeedTitles;

static void
feed_titles_free (gpointer data)
{
  FeedTitles *titles = data;

  g_array_unref (titles->feed_ids);
  g_free (titles);
}

/* On the store's thread: the feeds (a renamed one's title is what the rows show). */
static gpointer
get_feeds_job (DramaStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  FeedTitles *titles = data;
  GPtrArray *feeds = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < titles->feed_ids->len; i++)
    {
      DramaFeed *feed = drama_store_get_feed (store, g_array_index (titles->feed_ids, gint64, i),
                                              NULL);

      if (feed != NULL)
        g_ptr_array_add (feeds, feed);
    }
  return feeds;
}

static void
feed_titles_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DramaArticleList *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  GHashTableIter iter;
  gpointer value;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->n_refreshing--;
  if (feeds == NULL)
    return;

  g_hash_table_iter_init (&iter, self->objects);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (guint i = 0; i < feeds->len; i++)
      {
        DramaFeed *feed = g_ptr_array_index (feeds, i);

        if (drama_article_get_feed_id (value) == drama_feed_get_id (feed) &&
            !drama_article_list_is_placeholder (value))
          {
            drama_article_set_feed_title (value, drama_feed_get_display_title (feed));
            /* A permanent redirect may move the feed (and decide where its pictures may
             * come from). */
            drama_article_set_feed_url (value, drama_feed_get_url (feed));
          }
      }
}

static gboolean
refresh_idle_cb (gpointer data)
{
  DramaArticleList *self = data;

  self->refresh_idle = 0;

  if (g_hash_table_size (self->refresh) > 0)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      Refresh *refresh = g_new0 (Refresh, 1);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->refresh);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_array_append_val (ids, *(gint64 *) key);
      g_hash_table_remove_all (self->refresh);

      refresh->self = self;
      refresh->links = self->refresh_links;
      self->n_refreshing++;
      drama_store_get_articles_async (self->store, (const gint64 *) (gpointer) ids->data, ids->len,
                                      refresh->links ? (self->spoiler_guard ? 1 : 0) : -1,
                                      self->cancellable, refreshed_cb, refresh);
    }
  self->refresh_links = FALSE;

  if (g_hash_table_size (self->refresh_feeds) > 0)
    {
      FeedTitles *titles = g_new0 (FeedTitles, 1);
      GHashTableIter iter;
      gpointer key;

      titles->self = self;
      titles->feed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_iter_init (&iter, self->refresh_feeds);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_array_append_val (titles->feed_ids, *(gint64 *) key);
      g_hash_table_remove_all (self->refresh_feeds);

      self->n_refreshing++;
      drama_store_call_async (self->store, G_PRIORITY_HIGH, get_feeds_job, titles,
                              feed_titles_free, (GDestroyNotify) g_ptr_array_unref,
                              self->cancellable, feed_titles_cb, self);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (DramaArticleList *self)
{
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add (refresh_idle_cb, self);
}

/* Reads these articles again, in place, when the list holds them (placeholders too: their
 * page may have been read before the change). */
static void
queue_refresh (DramaArticleList *self,
               const gint64     *ids,
               guint             n_ids,
               gboolean          links)
{
  gboolean any = FALSE;

  for (guint i = 0; i < n_ids; i++)
    {
      if (_drama_article_list_held (self, ids[i]) != NULL)
        {
          g_hash_table_add (self->refresh, g_memdup2 (&ids[i], sizeof ids[i]));
          any = TRUE;
        }
    }
  if (!any)
    return;
  self->refresh_links = self->refresh_links || links;
  schedule_refresh (self);
}

void
_drama_article_list_queue_refresh_all (DramaArticleList *self,
                                       gboolean          links)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (self->objects) == 0)
    return;
  g_hash_table_iter_init (&iter, self->objects);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (self->refresh, g_memdup2 (key, sizeof (gint64)));
  self->refresh_links = self->refresh_links || links;
  schedule_refresh (self);
}

static void
queue_feed_titles (DramaArticleList *self,
                   const gint64     *feed_ids,
                   guint             n_ids)
{
  GHashTableIter iter;
  gpointer value;
  gboolean any = FALSE;

  /* Only feeds the held articles come from. */
  g_hash_table_iter_init (&iter, self->objects);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (guint i = 0; i < n_ids; i++)
      if (drama_article_get_feed_id (value) == feed_ids[i] &&
          !g_hash_table_contains (self->refresh_feeds, &feed_ids[i]))
        {
          g_hash_table_add (self->refresh_feeds, g_memdup2 (&feed_ids[i], sizeof feed_ids[i]));
          any = TRUE;
        }
  if (any)
    schedule_refresh (self);
}

/* TRUE when every id is listed. */
static gboolean
all_listed (DramaArticleList *self,
            const gint64     *ids,
            guint             n_ids)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint found = 0;

  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (wanted, (gpointer) &ids[i]);
  for (guint i = 0; i < self->ids->len && found < g_hash_table_size (wanted); i++)
    if (g_hash_table_contains (wanted, &g_array_index (self->ids, gint64, i)))
      found++;
  return found == g_hash_table_size (wanted);
}

/* ---- following the store ---- */

static void
on_article_changed (DramaStore       *store,
                    DramaStoreChange *change,
                    DramaArticleList *self)
{
  DramaChangeReason reason = drama_store_change_get_reason (change);
  guint n_ids = 0;
  const gint64 *ids = drama_store_change_get_ids (change, &n_ids);

  if (n_ids == 0)
    {
      /* Many rows: read the ids again (and the held ones, unless they went). */
      _drama_article_list_queue_reload (self, TRUE);
      if (reason != DRAMA_CHANGE_REMOVED)
        _drama_article_list_queue_refresh_all (self, FALSE);
      return;
    }

  switch (reason)
    {
    case DRAMA_CHANGE_READ:
      /* An article read while listed stays listed: only the held ones change. (Mark all
       * read names every article: no look through the whole list for it.) */
      queue_refresh (self, ids, n_ids, FALSE);
      break;
    case DRAMA_CHANGE_UNREAD:
      queue_refresh (self, ids, n_ids, FALSE);
      /* An article marked unread elsewhere joins the UNREAD list. */
      if (self->filter == DRAMA_ARTICLE_FILTER_UNREAD && !all_listed (self, ids, n_ids))
        _drama_article_list_queue_reload (self, TRUE);
      break;
    case DRAMA_CHANGE_STARRED:
      queue_refresh (self, ids, n_ids, FALSE);
      if (self->filter == DRAMA_ARTICLE_FILTER_STARRED)
        _drama_article_list_queue_reload (self, TRUE);
      break;
    case DRAMA_CHANGE_ADDED:
      /* New, or a known article whose text changed (read again in place). */
      _drama_article_list_queue_reload (self, TRUE);
      queue_refresh (self, ids, n_ids, FALSE);
      break;
    case DRAMA_CHANGE_REMOVED:
      _drama_article_list_remove_ids (self, ids, n_ids);
      break;
    case DRAMA_CHANGE_UPDATED:
    case DRAMA_CHANGE_SEEN:
    case DRAMA_CHANGE_LINKED:
    case DRAMA_CHANGE_USER:
    default:
      queue_refresh (self, ids, n_ids, FALSE);
      break;
    }
}

static gboolean
filter_uses_links (DramaArticleFilter filter)
{
  return filter == DRAMA_ARTICLE_FILTER_MY_SHOWS || filter == DRAMA_ARTICLE_FILTER_SHOW ||
         filter == DRAMA_ARTICLE_FILTER_PERSON;
}

static void
on_link_changed (DramaStore       *store,
                 DramaStoreChange *change,
                 DramaArticleList *self)
{
  guint n_ids = 0;
  const gint64 *ids = drama_store_change_get_ids (change, &n_ids);

  /* The chips and spoiler warnings of the held articles; the list itself only where the
   * filter reads the links. */
  if (n_ids == 0)
    _drama_article_list_queue_refresh_all (self, TRUE);
  else
    queue_refresh (self, ids, n_ids, TRUE);
  if (filter_uses_links (self->filter))
    _drama_article_list_queue_reload (self, TRUE);
}

static void
on_feed_changed (DramaStore       *store,
                 DramaStoreChange *change,
                 DramaArticleList *self)
{
  guint n_ids = 0;
  const gint64 *ids = drama_store_change_get_ids (change, &n_ids);

  /* A removed feed's articles go with "changed::article"; a renamed one changes the feed
   * title the rows show. */
  if (drama_store_change_get_reason (change) != DRAMA_CHANGE_UPDATED)
    return;
  if (n_ids == 0)
    _drama_article_list_queue_refresh_all (self, FALSE);
  else
    queue_feed_titles (self, ids, n_ids);
}

void
_drama_article_list_follow_store (DramaArticleList *self)
{
  self->handlers[0] = g_signal_connect (self->store, "changed::article",
                                        G_CALLBACK (on_article_changed), self);
  self->handlers[1] = g_signal_connect (self->store, "changed::link",
                                        G_CALLBACK (on_link_changed), self);
  self->handlers[2] = g_signal_connect (self->store, "changed::feed",
                                        G_CALLBACK (on_feed_changed), self);
}
