#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include "drama-store.h"

/* The _async/_finish forms of the reads and writes the UI makes, each one job on the
 * store's thread (drama_store_call_async ()). One small argument block serves them all. */

typedef struct {
  gint64  id;
  int     number;
  int     number2;
  gint64  when;
  char   *text;
  GArray *ids;
} Args;

/* What a job returns when a call has two results (ids and read flags, say). */
typedef struct {
  gpointer       first;
  GDestroyNotify first_free;
  gpointer       second;
  GDestroyNotify second_free;
} Pair;

static void
args_free (gpointer data)
{
  Args *args = data;

  g_free (args->text);
  g_clear_pointer (&args->ids, g_array_unref);
  g_free (args);
}

static Args *
args_new (void)
{
  return g_new0 (Args, 1);
}

static GArray *
ids_copy (const gint64 *ids,
          guint         n_ids)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);

  g_array_append_vals (array, ids, n_ids);
  return array;
}

static void
pair_free (gpointer data)
{
  Pair *pair = data;

  if (pair->first != NULL && pair->first_free != NULL)
    pair->first_free (pair->first);
  if (pair->second != NULL && pair->second_free != NULL)
    pair->second_free (pair->second);
  g_free (pair);
}

static Pair *
pair_new (gpointer       first,
          GDestroyNotify first_free,
          gpointer       second,
          GDestroyNotify second_free)
{
  Pair *pair = g_new0 (Pair, 1);

  pair->first = first;
  pair->first_free = first_free;
  pair->second = second;
  pair->second_free = second_free;
  return pair;
}

/* Takes the first result, hands out the second (or frees it when unwanted). */
static gpointer
pair_finish (DramaStore    *self,
             GAsyncResult  *result,
             gpointer      *second_out,
             GError       **error)
{
  Pair *pair = drama_store_call_finish (self, result, error);
  gpointer first;

  if (pair == NULL)
    return NULL;
  first = g_steal_pointer (&pair->first);
  if (second_out != NULL)
    *second_out = g_steal_pointer (&pair->second);
  pair_free (pair);
  return first;
}

static void
call (DramaStore          *self,
      int                  priority,
      DramaStoreFunc       func,
      Args                *args,
      GDestroyNotify       result_free,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  drama_store_call_async (self, priority, func, args, args_free, result_free,
                          cancellable, callback, user_data);
}

/* A boolean job's result: non-NULL for TRUE. */
#define JOB_OK(ok) ((ok) ? GINT_TO_POINTER (1) : NULL)

static gboolean
finish_boolean (DramaStore    *self,
                GAsyncResult  *result,
                GError       **error)
{
  return drama_store_call_finish (self, result, error) != NULL;
}

/* ---- shows ---- */

static gpointer
list_shows_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Args *args = data;

  return drama_store_list_shows (store, args->number, args->text, args->number2, error);
}

void
drama_store_list_shows_async (DramaStore          *self,
                              int                  status_filter,
                              const char          *text,
                              DramaShowSort        sort,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Args *args = args_new ();

  args->number = status_filter;
  args->text = g_strdup (text);
  args->number2 = sort;
  call (self, G_PRIORITY_HIGH, list_shows_job, args, (GDestroyNotify) g_ptr_array_unref,
        cancellable, callback, user_data);
}

/* Every GPtrArray-returning read finishes the same way. */
GPtrArray *
drama_store_list_finish (DramaStore    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return drama_store_call_finish (self, result, error);
}

static gpointer
set_seen_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Args *args = data;
  GArray *changed = NULL;

  if (!drama_store_set_episodes_seen (store, (const gint64 *) (gpointer) args->ids->data,
                                      args->ids->len, args->when, &changed, error))
    return NULL;
  return changed;
}

void
drama_store_set_episodes_seen_async (DramaStore          *self,
                                     const gint64        *episode_ids,
                                     guint                n_ids,
                                     gint64               seen_at,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  Args *args = args_new ();

  args->ids = ids_copy (episode_ids, n_ids);
  args->when = seen_at;
  call (self, G_PRIORITY_DEFAULT, set_seen_job, args, (GDestroyNotify) g_array_unref,
        cancellable, callback, user_data);
}

/* ---- feeds and articles ---- */

static gpointer
list_feeds_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return drama_store_list_feeds (store, error);
}

void
drama_store_list_feeds_async (DramaStore          *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  call (self, G_PRIORITY_HIGH, list_feeds_job, args_new (), (GDestroyNotify) g_ptr_array_unref,
        cancellable, callback, user_data);
}

static gpointer
get_articles_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Args *args = data;
  g_autoptr(GPtrArray) articles = drama_store_get_articles (store,
                                                            (const gint64 *) (gpointer) args->ids->data,
                                                            args->ids->len, error);

  if (articles == NULL)
    return NULL;
  if (args->number >= 0 && !drama_store_fill_article_links (store, articles, args->number, error))
    return NULL;
  return g_steal_pointer (&articles);
}

void
drama_store_get_articles_async (DramaStore          *self,
                                const gint64        *ids,
                                guint                n_ids,
                                int                  links,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Args *args = args_new ();

  args->ids = ids_copy (ids, n_ids);
  args->number = links;
  call (self, G_PRIORITY_HIGH, get_articles_job, args, (GDestroyNotify) g_ptr_array_unref,
        cancellable, callback, user_data);
}

static gpointer
set_read_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Args *args = data;

  return JOB_OK (drama_store_set_articles_read (store, (const gint64 *) (gpointer) args->ids->data,
                                                args->ids->len, args->number, error));
}

void
drama_store_set_articles_read_async (DramaStore          *self,
                                     const gint64        *ids,
                                     guint                n_ids,
                                     gboolean             read,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  Args *args = args_new ();

  args->ids = ids_copy (ids, n_ids);
  args->number = read;
  call (self, G_PRIORITY_DEFAULT, set_read_job, args, NULL, cancellable, callback, user_data);
}

static gpointer
set_starred_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Args *args = data;

  return JOB_OK (drama_store_set_article_starred (store, args->id, args->number, error));
}

void
drama_store_set_article_starred_async (DramaStore          *self,
                                       gint64               article_id,
                                       gboolean             starred,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Args *args = args_new ();

  args->id = article_id;
  args->number = starred;
  call (self, G_PRIORITY_DEFAULT, set_starred_job, args, NULL, cancellable, callback, user_data);
}

gboolean
drama_store_set_finish (DramaStore    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return finish_boolean (self, result, error);
}

static gpointer
mark_all_read_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Args *args = data;
  GArray *changed = NULL;

  if (!drama_store_mark_all_read (store, args->number, args->id, &changed, error))
    return NULL;
  return changed;
}

void
drama_store_mark_all_read_async (DramaStore          *self,
                                 DramaArticleFilter   filter,
                                 gint64               filter_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Args *args = args_new ();

  args->number = filter;
  args->id = filter_id;
  call (self, G_PRIORITY_DEFAULT, mark_all_read_job, args, (GDestroyNotify) g_array_unref,
        cancellable, callback, user_data);
}

/* Both "mark" writes hand back the ids they really changed, for Undo. */
GArray *
drama_store_changed_ids_finish (DramaStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return drama_store_call_finish (self, result, error);
}

static gpointer
remove_feed_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Args *args = data;
  DramaFeed *feed = NULL;
  GPtrArray *articles = NULL;

  if (!drama_store_remove_feed (store, args->id, &feed, &articles, error))
    return NULL;
  return pair_new (feed, g_object_unref, articles, (GDestroyNotify) g_ptr_array_unref);
}

void
drama_store_remove_feed_async (DramaStore          *self,
                               gint64               feed_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Args *args = args_new ();

  args->id = feed_id;
  call (self, G_PRIORITY_DEFAULT, remove_feed_job, args, pair_free, cancellable, callback, user_data);
}

DramaFeed *
drama_store_remove_feed_finish (DramaStore    *self,
                                GAsyncResult  *result,
                                GPtrArray    **articles,
                                GError       **error)
{
  return pair_finish (self, result, (gpointer *) articles, error);
}

/* ---- the upgrade, step by step ---- */

typedef struct {
  DramaStoreProgress progress;
  gpointer           progress_data;
  guint              total;     /* what was left at the first step, for the fraction */
} Upgrade;

/* [0]: what was left before the step (the first one's is the total), [1]: after it. */
static gpointer
upgrade_step_job (DramaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  guint *left = g_new0 (guint, 2);

  left[0] = drama_store_get_upgrade_left (store, error);
  if ((error != NULL && *error != NULL) ||
      (left[0] > 0 && !drama_store_upgrade_step (store, 0, &left[1], error)))
    {
      g_free (left);
      return NULL;
    }
  return left;
}

static void upgrade_next (GTask *task);

static void
upgrade_step_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upgrade *upgrade = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree guint *left = drama_store_call_finish (DRAMA_STORE (source), result, &error);

  if (left == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  upgrade->total = MAX (upgrade->total, left[0]);
  if (upgrade->progress != NULL && upgrade->total > 0)
    upgrade->progress (upgrade->total - MIN (left[1], upgrade->total), upgrade->total,
                       upgrade->progress_data);
  if (left[1] == 0)
    g_task_return_boolean (task, TRUE);
  else
    upgrade_next (g_steal_pointer (&task));
}

static void
upgrade_next (GTask *task)
{
  /* Low priority, one step a job: whatever the user asks for meanwhile goes first. */
  drama_store_call_async (g_task_get_source_object (task), G_PRIORITY_LOW, upgrade_step_job,
                          NULL, NULL, g_free, g_task_get_cancellable (task), upgrade_step_done,
                          task);
}

void
drama_store_upgrade_async (DramaStore          *self,
                           DramaStoreProgress   progress,
                           gpointer             progress_data,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Upgrade *upgrade = g_new0 (Upgrade, 1);

  upgrade->progress = progress;
  upgrade->progress_data = progress_data;
  g_task_set_task_data (task, upgrade, g_free);
  g_task_set_source_tag (task, drama_store_upgrade_async);
  upgrade_next (task);
}

gboolean
drama_store_upgrade_finish (DramaStore    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
