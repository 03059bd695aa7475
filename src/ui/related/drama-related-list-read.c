#define G_LOG_DOMAIN "drama-related-list"

#include "config.h"

#include "drama-related-list-private.h"

#include "drama-related.h"
#include "drama-ui-call.h"

/* The articles are read in one job on the store's thread (ids, the newest objects, their
 * links), then kept in a GListStore updated in place: the store's changes say when to read
 * again (links, seen marks, a show's guard) or which rows to refresh (read, starred). */

/* Inside a page that scrolls, the newest this many; in a list of its own, this many (the
 * news pane, filtered by the show or person, has them all). */
#define MAX_INLINE 50
#define MAX_LISTED 500

typedef struct {
  DramaArticleFilter filter;
  gint64             target_id;
  guint              parts;
  guint              limit;
  gboolean           spoiler_guard;
  GArray            *refresh_ids;
} ReadArgs;

typedef struct {
  guint      parts;
  GPtrArray *articles;       /* READ_ARTICLES */
  char      *error_message;  /* READ_ARTICLES failed */
  GPtrArray *refreshed;      /* READ_REFRESH */
  GStrv      aliases;        /* READ_SETTINGS */
  gboolean   spoiler_guard;
} ReadResult;

static void
read_args_free (gpointer data)
{
  ReadArgs *args = data;

  g_clear_pointer (&args->refresh_ids, g_array_unref);
  g_free (args);
}

static void
read_result_free (gpointer data)
{
  ReadResult *result = data;

  g_clear_pointer (&result->articles, g_ptr_array_unref);
  g_clear_pointer (&result->refreshed, g_ptr_array_unref);
  g_free (result->error_message);
  g_strfreev (result->aliases);
  g_free (result);
}

/* The articles of ids with their shows and spoiler episode (a failure there only loses the
 * chips and warnings: still worth listing). */
static GPtrArray *
get_articles (DramaStore    *store,
              const gint64  *ids,
              guint          n_ids,
              gboolean       spoiler_guard,
              GError       **error)
{
  g_autoptr(GPtrArray) articles = drama_store_get_articles (store, ids, n_ids, error);
  g_autoptr(GError) links_error = NULL;

  if (articles != NULL && !drama_store_fill_article_links (store, articles, spoiler_guard,
                                                           &links_error))
    g_debug ("Could not read the links of the articles: %s", links_error->message);
  return g_steal_pointer (&articles);
}

static gpointer
read_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  ReadArgs *args = data;
  ReadResult *result = g_new0 (ReadResult, 1);

  result->parts = args->parts;

  if (args->parts & READ_SETTINGS)
    {
      g_autoptr(GError) settings_error = NULL;
      const char * const *aliases = NULL;
      g_autoptr(DramaShow) show = NULL;
      g_autoptr(DramaPerson) person = NULL;

      result->spoiler_guard = TRUE;
      if (args->filter == DRAMA_ARTICLE_FILTER_SHOW)
        {
          show = drama_store_get_show (store, args->target_id, &settings_error);
          if (show != NULL)
            {
              aliases = drama_show_get_aliases (show);
              result->spoiler_guard = drama_show_get_spoiler_guard (show);
            }
        }
      else
        {
          person = drama_store_get_person (store, args->target_id, &settings_error);
          if (person != NULL)
            aliases = drama_person_get_aliases (person);
        }
      if (settings_error != NULL &&
          !g_error_matches (settings_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
        g_debug ("Could not read the names of %" G_GINT64_FORMAT ": %s",
                 args->target_id, settings_error->message);
      result->aliases = aliases != NULL ? g_strdupv ((char **) aliases) : NULL;
    }

  if (args->parts & READ_ARTICLES)
    {
      g_autoptr(GError) list_error = NULL;
      g_autoptr(GArray) ids = drama_store_list_article_ids (store, args->filter, args->target_id,
                                                            NULL, NULL, &list_error);

      if (ids != NULL)
        result->articles = get_articles (store, (const gint64 *) (gpointer) ids->data,
                                         MIN (ids->len, args->limit), args->spoiler_guard,
                                         &list_error);
      if (result->articles == NULL)
        result->error_message = g_strdup (list_error->message);
    }

  if ((args->parts & READ_REFRESH) && args->refresh_ids != NULL)
    result->refreshed = get_articles (store, (const gint64 *) (gpointer) args->refresh_ids->data,
                                      args->refresh_ids->len, args->spoiler_guard, NULL);

  return result;
}

static void
copy_article (DramaArticle *to,
              DramaArticle *from)
{
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
  drama_article_set_shows (to, drama_article_get_shows (from));
  drama_article_set_spoiler_episode (to, drama_article_get_spoiler_episode (from));
}

gint64
_drama_related_list_item_id (DramaRelatedList *self,
                             guint             position)
{
  g_autoptr(DramaArticle) article = g_list_model_get_item (G_LIST_MODEL (self->articles), position);

  return drama_article_get_id (article);
}

/* The list becomes articles: the rows of the unchanged head and tail stay (updated in
 * place, their notify signals fire); only the span between them is replaced. */
static void
update_articles (DramaRelatedList *self,
                 GPtrArray        *articles)
{
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));
  guint new_n = articles->len;
  guint min_n = MIN (old_n, new_n);
  guint prefix = 0, suffix = 0;

  while (prefix < min_n &&
         _drama_related_list_item_id (self, prefix) ==
         drama_article_get_id (g_ptr_array_index (articles, prefix)))
    prefix++;
  while (suffix < min_n - prefix &&
         _drama_related_list_item_id (self, old_n - 1 - suffix) ==
         drama_article_get_id (g_ptr_array_index (articles, new_n - 1 - suffix)))
    suffix++;

  for (guint i = 0; i < prefix; i++)
    {
      g_autoptr(DramaArticle) old = g_list_model_get_item (G_LIST_MODEL (self->articles), i);

      copy_article (old, g_ptr_array_index (articles, i));
    }
  for (guint i = 0; i < suffix; i++)
    {
      g_autoptr(DramaArticle) old = g_list_model_get_item (G_LIST_MODEL (self->articles),
                                                           old_n - 1 - i);

      copy_article (old, g_ptr_array_index (articles, new_n - 1 - i));
    }
  if (prefix != old_n || prefix != new_n)
    g_list_store_splice (self->articles, prefix, old_n - prefix - suffix,
                         articles->pdata + prefix, new_n - prefix - suffix);
}

static void
refresh_articles (DramaRelatedList *self,
                  GPtrArray        *refreshed)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DramaArticle) old = g_list_model_get_item (G_LIST_MODEL (self->articles), i);

      for (guint j = 0; j < refreshed->len; j++)
        if (drama_article_get_id (g_ptr_array_index (refreshed, j)) == drama_article_get_id (old))
          copy_article (old, g_ptr_array_index (refreshed, j));
    }
}

static void
read_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  ReadResult *result = drama_store_call_finish (DRAMA_STORE (source), res, &error);
  DramaRelatedList *self;

  /* Cancelled: another target, or the list is gone. Touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (result == NULL)
    {
      /* Said where the articles would be, not on the console. */
      g_free (self->error_message);
      self->error_message = g_strdup (error->message);
      _drama_related_list_update_stack (self);
      return;
    }

  if (result->parts & READ_SETTINGS)
    {
      g_strfreev (self->aliases);
      self->aliases = g_steal_pointer (&result->aliases);
      self->updating_switch = TRUE;
      gtk_switch_set_active (self->spoiler_switch, result->spoiler_guard);
      self->updating_switch = FALSE;
      _drama_related_list_update_alias_chips (self);
    }
  if (result->parts & READ_ARTICLES)
    {
      g_free (self->error_message);
      self->error_message = g_steal_pointer (&result->error_message);
      if (result->articles != NULL)
        update_articles (self, result->articles);
      _drama_related_list_update_stack (self);
    }
  if (result->refreshed != NULL)
    refresh_articles (self, result->refreshed);
  read_result_free (result);
}

static gboolean
read_idle_cb (gpointer user_data)
{
  DramaRelatedList *self = user_data;
  ReadArgs *args;

  self->read_idle = 0;
  if (self->store == NULL || self->target_id <= 0 || self->read_parts == 0)
    {
      self->read_parts = 0;
      g_clear_pointer (&self->refresh_ids, g_array_unref);
      return G_SOURCE_REMOVE;
    }

  args = g_new0 (ReadArgs, 1);
  args->filter = self->filter;
  args->target_id = self->target_id;
  args->parts = self->read_parts;
  args->limit = self->scrolls ? MAX_LISTED : MAX_INLINE;
  args->spoiler_guard = drama_related_get_spoiler_guard (self->settings);
  /* A new list reads the rows too. */
  if (!(args->parts & READ_ARTICLES))
    args->refresh_ids = g_steal_pointer (&self->refresh_ids);
  g_clear_pointer (&self->refresh_ids, g_array_unref);
  self->read_parts = 0;

  /* read_cancellable is cancelled before the list goes away: self is safe to pass. */
  drama_ui_call (self->store, G_PRIORITY_HIGH, read_job, args, read_args_free,
                 read_result_free, self->read_cancellable, read_cb, self);
  return G_SOURCE_REMOVE;
}

/* One read, in an idle, for a burst of changes (a relink, a refresh). */
void
_drama_related_list_queue_read (DramaRelatedList *self,
                                guint             parts)
{
  if (self->store == NULL || self->target_id <= 0)
    return;
  self->read_parts |= parts;
  if (self->read_idle == 0)
    self->read_idle = g_idle_add (read_idle_cb, self);
}
