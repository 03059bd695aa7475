#define G_LOG_DOMAIN "drama-show-list"

#include "config.h"

#include "drama-show-list.h"

#include "drama-show-list-private.h"

#include "drama-tz.h"

/* How long the list trusts its timer to the next airing: the monotonic clock behind it
 * stops while the machine sleeps, so look at the wall clock again at least this often. */
#define MAX_AIRING_WAIT_SECONDS 3600

/* The name DramaStore gives the sources that deliver changes made on other threads
 * (drama-store.c). Knowing that a change came that way lets a read that began after the
 * change was queued count as having seen it; a change we cannot place is read again. */
#define STORE_EMIT_SOURCE_NAME "[drama-store] emit changed"

/* One read on the store's thread: every show, or the shows ids names. Shared by the job
 * and the main thread (atomic reference count); only `reading` is touched by both. */
typedef struct {
  GMainContext *context;
  gboolean      all;
  GArray       *ids;        /* gint64 */
  int           reading;    /* atomic: the job has begun to read */
  gboolean      marked;     /* main thread: the marker the job queued has arrived */
  gboolean      finished;   /* main thread: the result has arrived */
} Batch;

typedef struct {
  GPtrArray *shows;    /* DramaShow as read */
  GArray    *missing;  /* gint64: asked for, no longer in the library */
} ReadResult;

struct _DramaShowList
{
  GObject       parent_instance;

  DramaStore   *store;
  GMainContext *context;
  GCancellable *cancellable;

  GPtrArray    *items;          /* DramaShow, in no meaningful order */
  gboolean      loaded;
  gboolean      busy;
  char         *error_message;

  /* What changed and is not read yet. */
  gboolean      pending_all;
  GArray       *pending_ids;    /* gint64, no duplicates */
  guint         start_idle;
  Batch        *running;        /* the read in flight: one at a time, in order */
  GPtrArray    *recent;         /* Batch whose marker has not arrived yet */

  guint         airing_timer;
  gint64        airing_checked_until;

  guint         n_queries;
  guint         n_full_reads;
};

static void drama_show_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DramaShowList, drama_show_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      drama_show_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADED,
  PROP_BUSY,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_read (DramaShowList *self);

/* ---- batches ---- */

static void
batch_clear (gpointer data)
{
  Batch *batch = data;

  g_main_context_unref (batch->context);
  g_clear_pointer (&batch->ids, g_array_unref);
}

static Batch *
batch_ref (Batch *batch)
{
  return g_atomic_rc_box_acquire (batch);
}

static void
batch_unref (gpointer batch)
{
  g_atomic_rc_box_release_full (batch, batch_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_unref)

static gboolean
batch_names (Batch  *batch,
             gint64  id)
{
  if (batch->all)
    return TRUE;
  for (guint i = 0; i < batch->ids->len; i++)
    if (g_array_index (batch->ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Whether a read already sees a change to id (all: to every show). The change was
 * committed before it was announced; a read sees it when it began after that.
 *  - Not begun yet: it will.
 *  - Begun, the change delivered from a queue of the store's, and the read's marker not
 *    arrived: the store queued the change before the job queued its marker (both at
 *    G_PRIORITY_DEFAULT on this context, so they arrive in the order queued), so
 *    before the job began to read.
 * Otherwise it may have read too early: read again (costs a query, never a stale row). */
static gboolean
batch_covers (Batch    *batch,
              gboolean  all,
              gint64    id,
              gboolean  queued)
{
  if (all ? !batch->all : !batch_names (batch, id))
    return FALSE;
  if (!g_atomic_int_get (&batch->reading))
    return TRUE;
  return queued && !batch->marked;
}

static gboolean
marker_cb (gpointer data)
{
  ((Batch *) data)->marked = TRUE;
  return G_SOURCE_REMOVE;
}

static void
read_result_free (gpointer data)
{
  ReadResult *result = data;

  g_clear_pointer (&result->shows, g_ptr_array_unref);
  g_clear_pointer (&result->missing, g_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadResult, read_result_free)

/* On the store's thread. */
static gpointer
read_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Batch *batch = data;
  g_autoptr(GSource) marker = g_idle_source_new ();
  g_autoptr(ReadResult) result = g_new0 (ReadResult, 1);

  /* First the marker, then the flag, then the reads: see batch_covers (). */
  g_source_set_priority (marker, G_PRIORITY_DEFAULT);
  g_source_set_callback (marker, marker_cb, batch_ref (batch), batch_unref);
  g_source_set_static_name (marker, "[drama-show-list] read begins");
  g_source_attach (marker, batch->context);
  g_atomic_int_set (&batch->reading, 1);

  if (batch->all)
    {
      result->shows = drama_store_list_shows (store, -1, NULL, DRAMA_SHOW_SORT_TITLE, error);
      return result->shows != NULL ? g_steal_pointer (&result) : NULL;
    }

  result->shows = g_ptr_array_new_with_free_func (g_object_unref);
  result->missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < batch->ids->len; i++)
    {
      gint64 id = g_array_index (batch->ids, gint64, i);
      g_autoptr(GError) local_error = NULL;
      DramaShow *show;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      show = drama_store_get_show (store, id, &local_error);
      if (show != NULL)
        g_ptr_array_add (result->shows, show);
      else if (g_error_matches (local_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
        g_array_append_val (result->missing, id);
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return g_steal_pointer (&result);
}

/* ---- the list ---- */

static DramaShow *
find (DramaShowList *self,
      gint64         id,
      guint         *position)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      DramaShow *show = g_ptr_array_index (self->items, i);

      if (drama_show_get_id (show) == id)
        {
          if (position != NULL)
            *position = i;
          return show;
        }
    }
  return NULL;
}

static void
set_busy (DramaShowList *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_busy (DramaShowList *self)
{
  set_busy (self, self->running != NULL || self->start_idle != 0 ||
                  self->pending_all || self->pending_ids->len > 0);
}

static void
set_error_message (DramaShowList *self,
                   const char    *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
remove_at (DramaShowList *self,
           guint          position)
{
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
apply_shows (DramaShowList *self,
             ReadResult    *result)
{
  for (guint i = 0; i < result->shows->len; i++)
    {
      DramaShow *fresh = g_ptr_array_index (result->shows, i);
      guint position;
      DramaShow *listed = find (self, drama_show_get_id (fresh), &position);

      if (listed == NULL)
        {
          g_ptr_array_add (self->items, g_object_ref (fresh));
          g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
        }
      else if (_drama_show_list_update_show (listed, fresh))
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }

  for (guint i = 0; i < result->missing->len; i++)
    {
      guint position;

      if (find (self, g_array_index (result->missing, gint64, i), &position) != NULL)
        remove_at (self, position);
    }
}

/* Every show read: those gone are removed, those still there updated in place, the new
 * ones appended together. */
static void
apply_all (DramaShowList *self,
           ReadResult    *result)
{
  g_autoptr(GHashTable) fresh = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  guint old_len;

  for (guint i = 0; i < result->shows->len; i++)
    {
      DramaShow *show = g_ptr_array_index (result->shows, i);
      gint64 id = drama_show_get_id (show);

      g_hash_table_insert (fresh, g_memdup2 (&id, sizeof id), show);
    }

  for (guint i = self->items->len; i > 0; i--)
    {
      DramaShow *listed = g_ptr_array_index (self->items, i - 1);
      gint64 id = drama_show_get_id (listed);
      DramaShow *show = g_hash_table_lookup (fresh, &id);

      if (show == NULL)
        remove_at (self, i - 1);
      else
        {
          if (_drama_show_list_update_show (listed, show))
            g_list_model_items_changed (G_LIST_MODEL (self), i - 1, 1, 1);
          g_hash_table_remove (fresh, &id);
        }
    }

  /* What is left is new, appended in the order read. */
  for (guint i = 0; i < result->shows->len; i++)
    {
      DramaShow *show = g_ptr_array_index (result->shows, i);
      gint64 id = drama_show_get_id (show);

      if (g_hash_table_contains (fresh, &id))
        g_ptr_array_add (added, show);
    }

  old_len = self->items->len;
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (self->items, g_object_ref (added->pdata[i]));
  if (added->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, added->len);
}

/* ---- the next airing ---- */

/* When the show's next episode counts as aired (the store then lists another one and
 * counts one more aired), in Unix seconds; 0 when it has no date. */
static gint64
next_aired_at (DramaShow *show)
{
  DramaEpisode *next = drama_show_get_next_episode (show);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) after = NULL;
  int y, m, d;

  if (next == NULL)
    return 0;
  if (drama_episode_get_airstamp (next) != 0)
    return drama_episode_get_airstamp (next);
  /* A date alone has aired once that day is over, in the user's zone. */
  if (!drama_tz_parse_date (drama_episode_get_airdate (next), &y, &m, &d))
    return 0;
  day = g_date_time_new_local (y, m, d, 0, 0, 0);
  after = day != NULL ? g_date_time_add_days (day, 1) : NULL;
  return after != NULL ? g_date_time_to_unix (after) : 0;
}

static gboolean airing_timer_cb (gpointer data);

static void
schedule_airing_timer (DramaShowList *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 due = G_MAXINT64;

  g_clear_handle_id (&self->airing_timer, g_source_remove);
  for (guint i = 0; i < self->items->len; i++)
    {
      gint64 at = next_aired_at (g_ptr_array_index (self->items, i));

      /* One read per airing: a show the store still reports the same way after its
       * time was read then, and waits for a real change. */
      if (at > self->airing_checked_until)
        due = MIN (due, at);
    }
  if (due == G_MAXINT64)
    return;
  /* A second late, never early: whole-second timers may fire within their second. */
  self->airing_timer = g_timeout_add_seconds ((guint) CLAMP (due - now + 1, 1, MAX_AIRING_WAIT_SECONDS),
                                              airing_timer_cb, self);
}

static void
request_ids (DramaShowList *self,
             const gint64  *ids,
             guint          n_ids,
             gboolean       queued);

static gboolean
airing_timer_cb (gpointer data)
{
  DramaShowList *self = data;
  g_autoptr(GArray) aired = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  self->airing_timer = 0;
  for (guint i = 0; i < self->items->len; i++)
    {
      DramaShow *show = g_ptr_array_index (self->items, i);
      gint64 at = next_aired_at (show);

      if (at > self->airing_checked_until && at <= now)
        {
          gint64 id = drama_show_get_id (show);

          g_array_append_val (aired, id);
        }
    }
  self->airing_checked_until = now;
  if (aired->len > 0)
    {
      g_debug ("%u next episodes aired: reading their shows again", aired->len);
      request_ids (self, (const gint64 *) (gpointer) aired->data, aired->len, FALSE);
    }
  schedule_airing_timer (self);
  return G_SOURCE_REMOVE;
}

/* ---- reading ---- */

static void
prune_recent (DramaShowList *self)
{
  for (guint i = self->recent->len; i > 0; i--)
    {
      Batch *batch = g_ptr_array_index (self->recent, i - 1);

      if (batch->marked && batch->finished)
        g_ptr_array_remove_index (self->recent, i - 1);
    }
}

static gboolean
covered (DramaShowList *self,
         gboolean       all,
         gint64         id,
         gboolean       queued)
{
  prune_recent (self);
  for (guint i = 0; i < self->recent->len; i++)
    if (batch_covers (g_ptr_array_index (self->recent, i), all, id, queued))
      return TRUE;
  return FALSE;
}

static void
on_read_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReadResult) result = drama_store_call_finish (DRAMA_STORE (source), res, &error);
  g_autoptr(Batch) batch = NULL;
  DramaShowList *self;

  /* Cancelled only in dispose: the list may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = DRAMA_SHOW_LIST (user_data);
  batch = g_steal_pointer (&self->running);
  batch->finished = TRUE;

  if (result == NULL)
    {
      /* The views say it in words (error-message): not a console warning. */
      g_debug ("Could not list the shows: %s", error->message);
      set_error_message (self, error->message);
    }
  else
    {
      set_error_message (self, NULL);
      if (batch->all)
        apply_all (self, result);
      else
        apply_shows (self, result);
    }

  if (!self->loaded && batch->all)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  schedule_airing_timer (self);
  if (self->pending_all || self->pending_ids->len > 0)
    schedule_read (self);
  update_busy (self);
}

static gboolean
start_read_cb (gpointer data)
{
  DramaShowList *self = data;
  Batch *batch;

  self->start_idle = 0;
  if (self->running != NULL || (!self->pending_all && self->pending_ids->len == 0))
    {
      update_busy (self);
      return G_SOURCE_REMOVE;
    }

  batch = g_atomic_rc_box_new0 (Batch);
  batch->context = g_main_context_ref (self->context);
  batch->all = self->pending_all;
  if (!batch->all)
    batch->ids = g_array_copy (self->pending_ids);
  self->pending_all = FALSE;
  g_array_set_size (self->pending_ids, 0);

  self->running = batch;
  g_ptr_array_add (self->recent, batch_ref (batch));
  self->n_queries++;
  if (batch->all)
    self->n_full_reads++;

  drama_store_call_async (self->store, G_PRIORITY_HIGH, read_job, batch_ref (batch), batch_unref,
                          read_result_free, self->cancellable, on_read_done, self);
  return G_SOURCE_REMOVE;
}

/* Reads start from an idle, so that a burst of changes delivered together is one read;
 * one read runs at a time, and what changes meanwhile waits for the next. */
static void
schedule_read (DramaShowList *self)
{
  if (self->start_idle == 0 && self->running == NULL)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, start_read_cb, self, NULL);
      g_source_set_static_name (source, "[drama-show-list] read");
      self->start_idle = g_source_attach (source, self->context);
    }
  update_busy (self);
}

static void
request_all (DramaShowList *self,
             gboolean       queued)
{
  if (self->pending_all || covered (self, TRUE, 0, queued))
    return;
  self->pending_all = TRUE;
  g_array_set_size (self->pending_ids, 0);
  schedule_read (self);
}

static void
request_ids (DramaShowList *self,
             const gint64  *ids,
             guint          n_ids,
             gboolean       queued)
{
  gboolean added = FALSE;

  if (self->pending_all)
    return;
  for (guint i = 0; i < n_ids; i++)
    {
      gboolean pending = FALSE;

      for (guint j = 0; j < self->pending_ids->len && !pending; j++)
        pending = g_array_index (self->pending_ids, gint64, j) == ids[i];
      if (pending || covered (self, FALSE, ids[i], queued))
        continue;
      g_array_append_val (self->pending_ids, ids[i]);
      added = TRUE;
    }
  if (added)
    schedule_read (self);
}

static gboolean
delivered_from_queue (void)
{
  GSource *source = g_main_current_source ();

  return source != NULL && g_strcmp0 (g_source_get_name (source), STORE_EMIT_SOURCE_NAME) == 0;
}

static void
on_show_changed (DramaStore       *store,
                 DramaStoreChange *change,
                 DramaShowList    *self)
{
  guint n_ids = 0;
  const gint64 *ids = drama_store_change_get_ids (change, &n_ids);

  if (n_ids == 0)
    request_all (self, delivered_from_queue ());
  else
    request_ids (self, ids, n_ids, delivered_from_queue ());
}

/* Episodes move a show's progress and next episode. */
static void
on_episode_changed (DramaStore       *store,
                    DramaStoreChange *change,
                    DramaShowList    *self)
{
  gint64 show_id = drama_store_change_get_show_id (change);

  if (show_id == 0)
    request_all (self, delivered_from_queue ());
  else
    request_ids (self, &show_id, 1, delivered_from_queue ());
}

/* ---- GListModel ---- */

static GType
drama_show_list_get_item_type (GListModel *model)
{
  return DRAMA_TYPE_SHOW;
}

static guint
drama_show_list_get_n_items (GListModel *model)
{
  return DRAMA_SHOW_LIST (model)->items->len;
}

static gpointer
drama_show_list_get_item (GListModel *model,
                          guint       position)
{
  DramaShowList *self = DRAMA_SHOW_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
drama_show_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = drama_show_list_get_item_type;
  iface->get_n_items = drama_show_list_get_n_items;
  iface->get_item = drama_show_list_get_item;
}

/* ---- GObject ---- */

static void
drama_show_list_constructed (GObject *object)
{
  DramaShowList *self = DRAMA_SHOW_LIST (object);

  G_OBJECT_CLASS (drama_show_list_parent_class)->constructed (object);

  g_signal_connect (self->store, "changed::show", G_CALLBACK (on_show_changed), self);
  g_signal_connect (self->store, "changed::episode", G_CALLBACK (on_episode_changed), self);
  request_all (self, FALSE);
}

static void
drama_show_list_dispose (GObject *object)
{
  DramaShowList *self = DRAMA_SHOW_LIST (object);

  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_handle_id (&self->start_idle, g_source_remove);
  g_clear_handle_id (&self->airing_timer, g_source_remove);
  g_clear_pointer (&self->running, batch_unref);
  g_ptr_array_set_size (self->recent, 0);
  g_ptr_array_set_size (self->items, 0);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drama_show_list_parent_class)->dispose (object);
}

static void
drama_show_list_finalize (GObject *object)
{
  DramaShowList *self = DRAMA_SHOW_LIST (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->recent, g_ptr_array_unref);
  g_clear_pointer (&self->pending_ids, g_array_unref);
  g_free (self->error_message);

  G_OBJECT_CLASS (drama_show_list_parent_class)->finalize (object);
}

static void
drama_show_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DramaShowList *self = DRAMA_SHOW_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_show_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DramaShowList *self = DRAMA_SHOW_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_show_list_class_init (DramaShowListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = drama_show_list_constructed;
  object_class->dispose = drama_show_list_dispose;
  object_class->finalize = drama_show_list_finalize;
  object_class->get_property = drama_show_list_get_property;
  object_class->set_property = drama_show_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRAMA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drama_show_list_init (DramaShowList *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->recent = g_ptr_array_new_with_free_func (batch_unref);
  self->pending_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* ---- public ---- */

DramaShowList *
drama_show_list_new (DramaStore *store)
{
  g_return_val_if_fail (DRAMA_IS_STORE (store), NULL);

  return g_object_new (DRAMA_TYPE_SHOW_LIST, "store", store, NULL);
}

DramaStore *
drama_show_list_get_store (DramaShowList *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_LIST (self), NULL);

  return self->store;
}

gboolean
drama_show_list_get_loaded (DramaShowList *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_LIST (self), FALSE);

  return self->loaded;
}

gboolean
drama_show_list_get_busy (DramaShowList *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_LIST (self), FALSE);

  return self->busy;
}

const char *
drama_show_list_get_error_message (DramaShowList *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_LIST (self), NULL);

  return self->error_message;
}

void
drama_show_list_reload (DramaShowList *self)
{
  g_return_if_fail (DRAMA_IS_SHOW_LIST (self));

  request_all (self, FALSE);
}

DramaShow *
drama_show_list_find (DramaShowList *self,
                      gint64         show_id,
                      guint         *position)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_LIST (self), NULL);

  return find (self, show_id, position);
}

guint
drama_show_list_get_n_queries (DramaShowList *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_LIST (self), 0);

  return self->n_queries;
}

guint
drama_show_list_get_n_full_reads (DramaShowList *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_LIST (self), 0);

  return self->n_full_reads;
}
