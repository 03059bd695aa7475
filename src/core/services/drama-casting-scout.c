#define G_LOG_DOMAIN "drama-casting-scout"

#include "config.h"

#include "drama-casting-scout.h"
#include "drama-casting-scout-test.h"

#include <string.h>

#include "drama-casting-titles.h"

struct _DramaCastingScout
{
  GObject parent_instance;

  DramaStore *store;
  DramaTvmaze *tvmaze;
  DramaStoreCallFunc call;
  DramaCastingScoutClock clock;
  gpointer clock_data;
  GCancellable *cancellable;

  guint n_scans;         /* scans whose store job is under way */
  gboolean running;      /* a run of lookups */
  GPtrArray *waiting;    /* GTask: lookups asked for, served by the next run */
};

G_DEFINE_FINAL_TYPE (DramaCastingScout, drama_casting_scout, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
now_unix (DramaCastingScout *self)
{
  if (self->clock != NULL)
    return self->clock (self->clock_data);
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Notifies "busy" when it is no longer was_busy (read before the change). */
static void
notify_busy_if (DramaCastingScout *self,
                gboolean           was_busy)
{
  if (was_busy != drama_casting_scout_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---- which TVmaze show is the drama ---- */

static gboolean
is_in_the_making (const char *status)
{
  return g_strcmp0 (status, "In Development") == 0 ||
         g_strcmp0 (status, "To Be Determined") == 0 ||
         g_strcmp0 (status, "Running") == 0;
}

/* since: "YYYY-MM-DD" two years before now. An older show of the same name is another
 * drama (a remake, a film's series): news about casting is about one still to come. */
static gboolean
is_the_drama (DramaShow  *show,
              const char *key,
              const char *since)
{
  const char *premiered = drama_show_get_premiered (show);
  g_autofree char *name_key = NULL;

  if (drama_show_get_tvmaze_id (show) <= 0 || drama_show_get_name (show) == NULL)
    return FALSE;
  name_key = drama_store_casting_key (drama_show_get_name (show));
  if (strcmp (name_key, key) != 0)
    return FALSE;
  return premiered == NULL || *premiered == '\0' || strcmp (premiered, since) >= 0 ||
         is_in_the_making (drama_show_get_status (show));
}

static DramaShow *
pick_drama (GPtrArray  *results,
            const char *key,
            gint64      now)
{
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) then = today != NULL ? g_date_time_add_years (today, -2) : NULL;
  g_autofree char *since = then != NULL ? g_date_time_format (then, "%Y-%m-%d")
                                        : g_strdup ("0000-00-00");

  for (guint i = 0; i < results->len; i++)
    if (is_the_drama (g_ptr_array_index (results, i), key, since))
      return g_ptr_array_index (results, i);
  return NULL;
}

/* What a failed search says about the title: an answer that is no search result (or too
 * large to be one) is TVmaze not knowing it, and counts as a miss, so that one strange
 * answer does not hold the other titles up; the rest are about now (the network, the
 * server, the rate limit) and leave it as it was. */
static gboolean
error_is_a_miss (const GError *error)
{
  return g_error_matches (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_MALFORMED) ||
         g_error_matches (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_TOO_LARGE) ||
         g_error_matches (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_INVALID) ||
         g_error_matches (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_NOT_FOUND);
}

/* ---- a run of lookups ---- */

typedef struct {
  DramaCastingScout *scout;   /* owned */
  DramaTvmaze *tvmaze;        /* owned: the client the run began with */
  GPtrArray *tasks;           /* GTask: those this run serves */
  GPtrArray *due;             /* DramaCastingLookup */
  guint next;
  gint64 now;
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->due, g_ptr_array_unref);
  g_clear_pointer (&run->tasks, g_ptr_array_unref);
  g_clear_object (&run->tvmaze);
  g_clear_object (&run->scout);
  g_free (run);
}

typedef struct {
  char *key;
  DramaShow *show;   /* NULL: a miss */
  gint64 now;
} Result;

static void
result_free (Result *result)
{
  g_free (result->key);
  g_clear_object (&result->show);
  g_free (result);
}

static void start_run (DramaCastingScout *self);
static void look_next (Run *run);

static void
end_run (Run    *run,
         GError *error)   /* taken, may be NULL */
{
  DramaCastingScout *self = run->scout;
  gboolean was_busy = drama_casting_scout_get_busy (self);

  self->running = FALSE;
  /* Those asked for while this run went get a run of their own (titles may have become due
   * meanwhile), unless TVmaze cannot be reached now: then they hear so at once. */
  if (error != NULL)
    {
      for (guint i = 0; i < self->waiting->len; i++)
        {
          GTask *task = g_ptr_array_index (self->waiting, i);

          if (!g_task_return_error_if_cancelled (task))
            g_task_return_error (task, g_error_copy (error));
        }
      g_ptr_array_set_size (self->waiting, 0);
    }
  /* A callback may ask for lookups again, and so start the next run itself. */
  for (guint i = 0; i < run->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (run->tasks, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
  if (!self->running && self->waiting->len > 0)
    start_run (self);
  notify_busy_if (self, was_busy);
  g_clear_error (&error);
  run_free (run);
}

static gpointer
set_result_job (DramaStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Result *result = data;

  return GINT_TO_POINTER (drama_store_set_casting_result (store, result->key, result->show,
                                                          result->now, error));
}

static void
result_kept_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  GError *error = NULL;

  if (drama_store_call_finish (DRAMA_STORE (source), result, &error) == NULL)
    {
      end_run (run, error);
      return;
    }
  run->next++;
  look_next (run);
}

static void
searched_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  Run *run = user_data;
  DramaCastingLookup *lookup = g_ptr_array_index (run->due, run->next);
  g_autoptr(GPtrArray) results = NULL;
  GError *error = NULL;
  Result *result;
  DramaShow *show = NULL;

  results = drama_tvmaze_search_finish (DRAMA_TVMAZE (source), res, &error);
  if (results == NULL && !error_is_a_miss (error))
    {
      g_debug ("Looking up “%s” on TVmaze failed: %s", lookup->title, error->message);
      end_run (run, error);
      return;
    }
  if (results == NULL)
    {
      g_debug ("TVmaze's answer about “%s” is no search result: %s", lookup->title,
               error->message);
      g_clear_error (&error);
    }
  else
    show = pick_drama (results, lookup->key, run->now);
  g_debug ("“%s”: %s", lookup->title, show != NULL ? "found on TVmaze" : "not on TVmaze yet");

  result = g_new0 (Result, 1);
  result->key = g_strdup (lookup->key);
  result->show = show != NULL ? g_object_ref (show) : NULL;
  result->now = run->now;
  run->scout->call (run->scout->store, G_PRIORITY_LOW, set_result_job, result,
                    (GDestroyNotify) result_free, NULL, run->scout->cancellable,
                    result_kept_cb, run);
}

static void
look_next (Run *run)
{
  DramaCastingLookup *lookup;

  if (g_cancellable_is_cancelled (run->scout->cancellable))
    {
      end_run (run, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
      return;
    }
  if (run->next >= run->due->len)
    {
      end_run (run, NULL);
      return;
    }
  lookup = g_ptr_array_index (run->due, run->next);
  drama_tvmaze_search_async (run->tvmaze, lookup->title, run->scout->cancellable,
                             searched_cb, run);
}

static gpointer
list_due_job (DramaStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return drama_store_list_casting_lookups_due (store, *(gint64 *) data,
                                               DRAMA_CASTING_SCOUT_MAX_LOOKUPS, error);
}

static void
due_listed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;
  GError *error = NULL;

  run->due = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  if (run->due == NULL)
    {
      end_run (run, error);
      return;
    }
  look_next (run);
}

static void
start_run (DramaCastingScout *self)
{
  Run *run = g_new0 (Run, 1);

  g_assert (!self->running);
  self->running = TRUE;
  run->scout = g_object_ref (self);
  run->tvmaze = g_object_ref (self->tvmaze);
  run->tasks = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  run->now = now_unix (self);
  self->call (self->store, G_PRIORITY_LOW, list_due_job,
              g_memdup2 (&run->now, sizeof (gint64)), g_free,
              (GDestroyNotify) g_ptr_array_unref, self->cancellable, due_listed_cb, run);
}

void
drama_casting_scout_lookup_due_async (DramaCastingScout   *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  gboolean was_busy;
  GTask *task;

  g_return_if_fail (DRAMA_IS_CASTING_SCOUT (self));

  was_busy = drama_casting_scout_get_busy (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_casting_scout_lookup_due_async);
  g_ptr_array_add (self->waiting, task);
  if (!self->running)
    start_run (self);
  notify_busy_if (self, was_busy);
}

gboolean
drama_casting_scout_lookup_due_finish (DramaCastingScout  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- scanning articles ----
 *
 * Three steps, so that the store's thread only reads and writes: the followed articles and
 * the watchlist's titles are read there, the titles are found on a worker (a relink after a
 * show joins the watchlist may hand over thousands of articles), and what was found is
 * written back there. */

typedef struct {
  GArray *ids;          /* the articles asked about */
  gint64 now;
  GPtrArray *sources;   /* DramaCastingSource: those tied to a followed actor */
  char **known;         /* the watchlist's titles */
  GPtrArray *found;     /* GPtrArray of titles, parallel to sources */
} Scan;

static void
scan_free (Scan *scan)
{
  g_array_unref (scan->ids);
  g_clear_pointer (&scan->sources, g_ptr_array_unref);
  g_clear_pointer (&scan->known, g_strfreev);
  g_clear_pointer (&scan->found, g_ptr_array_unref);
  g_free (scan);
}

static gpointer
read_sources_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Scan *scan = data;

  scan->sources = drama_store_list_followed_articles (store,
                                                      (const gint64 *) (gpointer) scan->ids->data,
                                                      scan->ids->len, error);
  if (scan->sources == NULL)
    return NULL;
  if (scan->sources->len > 0)
    scan->known = drama_store_list_known_titles (store, error);
  return scan->sources->len == 0 || scan->known != NULL ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
find_titles_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Scan *scan = task_data;

  scan->found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < scan->sources->len; i++)
    {
      DramaCastingSource *source = g_ptr_array_index (scan->sources, i);

      g_ptr_array_add (scan->found,
                       drama_casting_titles_find (source->title, source->text,
                                                  (const char * const *) scan->known));
    }
  g_task_return_boolean (task, TRUE);
}

static gpointer
write_titles_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Scan *scan = data;

  for (guint i = 0; i < scan->sources->len; i++)
    {
      DramaCastingSource *source = g_ptr_array_index (scan->sources, i);
      GPtrArray *titles = g_ptr_array_index (scan->found, i);

      if (titles->len > 0 &&
          !drama_store_add_casting_titles (store, source->article_id, source->person_id, titles,
                                           scan->now, error))
        return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

static void
scan_lookups_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (drama_casting_scout_lookup_due_finish (DRAMA_CASTING_SCOUT (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/* The scan's last step, or its failure (error taken). */
static void
scan_done (GTask  *task,
           GError *error)
{
  DramaCastingScout *self = g_task_get_source_object (task);
  gboolean was_busy = drama_casting_scout_get_busy (self);

  if (error != NULL)
    {
      self->n_scans--;
      g_task_return_error (task, error);
      g_object_unref (task);
      notify_busy_if (self, was_busy);
      return;
    }
  /* Busy all along: the lookups are asked for before the scan stops counting. */
  drama_casting_scout_lookup_due_async (self, g_task_get_cancellable (task), scan_lookups_cb,
                                        task);
  self->n_scans--;
  notify_busy_if (self, was_busy);
}

static void
titles_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError *error = NULL;

  drama_store_call_finish (DRAMA_STORE (source), result, &error);
  scan_done (user_data, error);
}

static void
titles_found_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  DramaCastingScout *self = g_task_get_source_object (task);
  Scan *scan = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      scan_free (scan);
      scan_done (task, error);
      return;
    }
  /* The scan goes over to the write, which frees it. */
  self->call (self->store, G_PRIORITY_LOW, write_titles_job, scan, (GDestroyNotify) scan_free,
              NULL, g_task_get_cancellable (task), titles_written_cb, task);
}

static void
sources_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Scan *scan = g_object_steal_data (G_OBJECT (task), "drama-scan");
  GError *error = NULL;
  GTask *find;

  if (drama_store_call_finish (DRAMA_STORE (source), result, &error) == NULL ||
      scan->sources->len == 0)
    {
      scan_free (scan);
      scan_done (task, error);
      return;
    }
  find = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task),
                     titles_found_cb, task);
  /* Owned by the find's callback, which always runs. */
  g_task_set_task_data (find, scan, NULL);
  g_task_run_in_thread (find, find_titles_thread);
  g_object_unref (find);
}

void
drama_casting_scout_scan_async (DramaCastingScout   *self,
                                const gint64        *article_ids,
                                guint                n_ids,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  gboolean was_busy;
  GTask *task;
  Scan *scan;

  g_return_if_fail (DRAMA_IS_CASTING_SCOUT (self));
  g_return_if_fail (article_ids != NULL || n_ids == 0);

  was_busy = drama_casting_scout_get_busy (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_casting_scout_scan_async);
  scan = g_new0 (Scan, 1);
  scan->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (scan->ids, article_ids, n_ids);
  scan->now = now_unix (self);
  self->n_scans++;
  /* The task keeps the scan; the read fills it (its callback takes it back). */
  g_object_set_data_full (G_OBJECT (task), "drama-scan", scan, (GDestroyNotify) scan_free);
  self->call (self->store, G_PRIORITY_LOW, read_sources_job, scan, NULL, NULL, cancellable,
              sources_read_cb, task);
  notify_busy_if (self, was_busy);
}

gboolean
drama_casting_scout_scan_finish (DramaCastingScout  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the object ---- */

gboolean
drama_casting_scout_get_busy (DramaCastingScout *self)
{
  g_return_val_if_fail (DRAMA_IS_CASTING_SCOUT (self), FALSE);

  return self->running || self->n_scans > 0;
}

void
drama_casting_scout_set_tvmaze (DramaCastingScout *self,
                                DramaTvmaze       *tvmaze)
{
  g_return_if_fail (DRAMA_IS_CASTING_SCOUT (self));
  g_return_if_fail (DRAMA_IS_TVMAZE (tvmaze));

  g_set_object (&self->tvmaze, tvmaze);
}

void
drama_casting_scout_set_call_func (DramaCastingScout         *self,
                                   DramaStoreCallFunc         call)
{
  g_return_if_fail (DRAMA_IS_CASTING_SCOUT (self));

  self->call = call != NULL ? call : drama_store_call_async;
}

void
drama_casting_scout_set_clock (DramaCastingScout      *self,
                               DramaCastingScoutClock  now,
                               gpointer                data)
{
  g_return_if_fail (DRAMA_IS_CASTING_SCOUT (self));

  self->clock = now;
  self->clock_data = now != NULL ? data : NULL;
}

static void
drama_casting_scout_dispose (GObject *object)
{
  DramaCastingScout *self = DRAMA_CASTING_SCOUT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->tvmaze);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drama_casting_scout_parent_class)->dispose (object);
}

static void
drama_casting_scout_finalize (GObject *object)
{
  DramaCastingScout *self = DRAMA_CASTING_SCOUT (object);

  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (drama_casting_scout_parent_class)->finalize (object);
}

static void
drama_casting_scout_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DramaCastingScout *self = DRAMA_CASTING_SCOUT (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, drama_casting_scout_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_casting_scout_class_init (DramaCastingScoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drama_casting_scout_dispose;
  object_class->finalize = drama_casting_scout_finalize;
  object_class->get_property = drama_casting_scout_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drama_casting_scout_init (DramaCastingScout *self)
{
  self->call = drama_store_call_async;
  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

DramaCastingScout *
drama_casting_scout_new (DramaStore  *store,
                         DramaTvmaze *tvmaze)
{
  DramaCastingScout *self;

  g_return_val_if_fail (DRAMA_IS_STORE (store), NULL);
  g_return_val_if_fail (DRAMA_IS_TVMAZE (tvmaze), NULL);

  self = g_object_new (DRAMA_TYPE_CASTING_SCOUT, NULL);
  self->store = g_object_ref (store);
  self->tvmaze = g_object_ref (tvmaze);
  return self;
}
