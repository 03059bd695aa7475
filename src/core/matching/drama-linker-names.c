/* drama-linker-names.c: after new articles are linked to shows, the stage names they give
 * the cast (drama-stage-names.c), kept as proposals for the user (drama-store-names.c).
 * Reads and writes on the store's thread; the looking on the linker's worker. */
#define G_LOG_DOMAIN "drama-linker"

#include "config.h"

#include "drama-linker-private.h"
#include "drama-stage-names.h"

typedef struct {
  const gint64 *ids;
  guint         n_ids;
} Batch;

static gpointer
list_sources_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Batch *batch = data;

  return drama_store_list_name_sources (store, batch->ids, batch->n_ids, error);
}

/* What the finding needs of a show: its cast with their names, and its titles. */
typedef struct {
  GPtrArray *cast;
  GStrv      titles;
} ShowNames;

static void
show_names_free (gpointer data)
{
  ShowNames *names = data;

  g_clear_pointer (&names->cast, g_ptr_array_unref);
  g_strfreev (names->titles);
  g_free (names);
}

typedef struct {
  GPtrArray  *sources;   /* DramaNameSource */
  GHashTable *shows;     /* gint64 show id → ShowNames */
} Reading;

static gpointer
read_shows_job (DramaStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Reading *reading = data;

  for (guint i = 0; i < reading->sources->len; i++)
    {
      DramaNameSource *source = g_ptr_array_index (reading->sources, i);
      g_autoptr(DramaShow) show = NULL;
      g_autoptr(GStrvBuilder) titles = NULL;
      ShowNames *names;

      if (g_hash_table_contains (reading->shows, &source->show_id))
        continue;
      show = drama_store_get_show (store, source->show_id, NULL);
      if (show == NULL)
        continue;   /* removed meanwhile */
      names = g_new0 (ShowNames, 1);
      names->cast = drama_store_list_cast (store, source->show_id, error);
      if (names->cast == NULL)
        {
          show_names_free (names);
          return NULL;
        }
      titles = g_strv_builder_new ();
      g_strv_builder_add (titles, drama_show_get_name (show));
      if (drama_show_get_original_name (show) != NULL)
        g_strv_builder_add (titles, drama_show_get_original_name (show));
      if (drama_show_get_akas (show) != NULL)
        g_strv_builder_addv (titles, (const char **) drama_show_get_akas (show));
      if (drama_show_get_aliases (show) != NULL)
        g_strv_builder_addv (titles, (const char **) drama_show_get_aliases (show));
      names->titles = g_strv_builder_end (titles);
      g_hash_table_insert (reading->shows, g_memdup2 (&source->show_id, sizeof (gint64)), names);
    }
  return reading;
}

typedef struct {
  gint64     article_id;
  GPtrArray *found;   /* DramaStageName */
} Found;

static gpointer
save_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  GPtrArray *all = data;
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      Found *found = g_ptr_array_index (all, i);
      g_autoptr(GError) local_error = NULL;

      n += drama_store_add_name_proposals (store, found->article_id, found->found, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return GUINT_TO_POINTER (n + 1);
}

static void
found_free (gpointer data)
{
  Found *found = data;

  g_ptr_array_unref (found->found);
  g_free (found);
}

gboolean
_drama_linker_propose_names (DramaStore    *store,
                             GArray        *article_ids,
                             GError       **error)
{
  Batch batch = { (const gint64 *) (gpointer) article_ids->data, article_ids->len };
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) shows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       show_names_free);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (found_free);
  Reading reading;
  gpointer saved;

  if (article_ids->len == 0)
    return TRUE;
  sources = drama_store_call_sync (store, list_sources_job, &batch, NULL, error);
  if (sources == NULL)
    return FALSE;
  if (sources->len == 0)
    return TRUE;
  reading = (Reading) { sources, shows };
  if (drama_store_call_sync (store, read_shows_job, &reading, NULL, error) == NULL)
    return FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      DramaNameSource *source = g_ptr_array_index (sources, i);
      ShowNames *names = g_hash_table_lookup (shows, &source->show_id);
      GPtrArray *found;

      if (names == NULL)
        continue;
      found = drama_stage_names_find (source->text, names->cast,
                                      (const char * const *) names->titles);
      if (found->len == 0)
        {
          g_ptr_array_unref (found);
          continue;
        }
      {
        Found *item = g_new0 (Found, 1);

        item->article_id = source->article_id;
        item->found = found;
        g_ptr_array_add (all, item);
      }
    }
  if (all->len == 0)
    return TRUE;
  saved = drama_store_call_sync (store, save_job, all, NULL, error);
  if (saved == NULL)
    return FALSE;
  g_debug ("%u stage names proposed", GPOINTER_TO_UINT (saved) - 1);
  return TRUE;
}
