#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include "drama-store.h"

#include <glib/gi18n-lib.h>

#include "drama-enums.h"
#include "drama-store-private.h"
#include "drama-store-thread.h"

G_DEFINE_FINAL_TYPE (DramaStore, drama_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  ALIASES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- signals ---- */

typedef struct {
  DramaStore       *store;
  DramaStoreChange *change;     /* NULL for "aliases-changed" */
  DramaChangeKind   alias_kind;
  gint64            alias_id;
} EmitData;

static gboolean
emit_in_context (gpointer user_data)
{
  EmitData *data = user_data;

  if (data->change != NULL)
    {
      GEnumClass *kinds = g_type_class_ref (DRAMA_TYPE_CHANGE_KIND);
      GEnumValue *kind = g_enum_get_value (kinds, drama_store_change_get_kind (data->change));

      g_signal_emit (data->store, signals[CHANGED], g_quark_from_static_string (kind->value_nick),
                     data->change);
      g_type_class_unref (kinds);
      drama_store_change_unref (data->change);
    }
  else
    g_signal_emit (data->store, signals[ALIASES_CHANGED], 0, data->alias_kind, data->alias_id);
  g_object_unref (data->store);
  g_free (data);
  return G_SOURCE_REMOVE;
}

static void
emit_or_queue (DramaStore *self,
               EmitData   *data)
{
  /* On the thread that made the store the signal is emitted at once, so a caller sees
   * its own change reflected before the call returns; other threads queue it. */
  if (g_thread_self () == self->owner_thread)
    emit_in_context (data);
  else
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_in_context, data, NULL);
      g_source_set_static_name (source, "[drama-store] emit changed");
      g_source_attach (source, self->context);
    }
}

void
_drama_store_notify (DramaStore        *self,
                     DramaChangeKind    kind,
                     DramaChangeReason  reason,
                     gint64             show_id,
                     const gint64      *ids,
                     guint              n_ids)
{
  EmitData *data;

  g_return_if_fail (DRAMA_IS_STORE (self));

  data = g_new0 (EmitData, 1);
  data->store = g_object_ref (self);
  data->change = drama_store_change_new (kind, reason, show_id, ids, n_ids);
  emit_or_queue (self, data);
}

void
_drama_store_notify_array (DramaStore        *self,
                           DramaChangeKind    kind,
                           DramaChangeReason  reason,
                           gint64             show_id,
                           GArray            *ids)
{
  _drama_store_notify (self, kind, reason, show_id,
                       ids != NULL ? (const gint64 *) (gpointer) ids->data : NULL,
                       ids != NULL ? ids->len : 0);
}

void
_drama_store_notify_aliases (DramaStore      *self,
                             DramaChangeKind  kind,
                             gint64           id)
{
  EmitData *data;

  g_return_if_fail (DRAMA_IS_STORE (self));

  data = g_new0 (EmitData, 1);
  data->store = g_object_ref (self);
  data->alias_kind = kind;
  data->alias_id = id;
  emit_or_queue (self, data);
}

const char *
drama_store_get_path (DramaStore *self)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  return self->path;
}

const char *
drama_store_get_moved_aside_path (DramaStore *self)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  return self->moved_aside_path;
}

/* ---- meta ---- */

typedef struct {
  const char *key;
  const char *value;
} MetaArgs;

static gpointer
get_meta_job (DramaStore    *self,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  MetaArgs *args = data;
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  _drama_store_lock (self);
  stmt = _drama_store_prepare (self, "SELECT value FROM meta WHERE key = ?", error);
  if (stmt != NULL)
    {
      _drama_bind_text (stmt, 1, args->key);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        value = g_strdup (_drama_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        _drama_store_set_error_from_code (self, error, rc, _("could not read the library"));
    }
  _drama_store_unlock (self);
  return value;
}

/* Callable from any thread but the main one: run on the store's thread. */
char *
drama_store_get_meta (DramaStore  *self,
                      const char  *key,
                      GError     **error)
{
  MetaArgs args = { key, NULL };

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return drama_store_call_sync (self, get_meta_job, &args, NULL, error);
}

static gpointer
set_meta_job (DramaStore    *self,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  MetaArgs *args = data;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  _drama_store_lock (self);
  if (args->value != NULL)
    stmt = _drama_store_prepare (self, "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                                       " ON CONFLICT (key) DO UPDATE SET value = ?2", error);
  else
    stmt = _drama_store_prepare (self, "DELETE FROM meta WHERE key = ?1", error);
  if (stmt != NULL)
    {
      _drama_bind_text (stmt, 1, args->key);
      if (args->value != NULL)
        _drama_bind_text (stmt, 2, args->value);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        ok = TRUE;
      else
        _drama_store_set_error_from_code (self, error, rc, _("could not save a setting"));
    }
  _drama_store_unlock (self);
  return ok ? self : NULL;
}

gboolean
drama_store_set_meta (DramaStore  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  MetaArgs args = { key, value };

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return drama_store_call_sync (self, set_meta_job, &args, NULL, error) != NULL;
}

/* ---- the store's thread ---- */

void
drama_store_call_async (DramaStore          *self,
                        int                  priority,
                        DramaStoreFunc       func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DRAMA_IS_STORE (self));
  g_return_if_fail (func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_store_call_async);
  g_task_set_priority (task, priority);
  g_task_set_task_data (task, data, data_free);
  g_task_set_name (task, "[drama-store] job");

  _drama_store_thread_push (self->thread, priority, task, func, result_free);
}

gpointer
drama_store_call_finish (DramaStore    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == drama_store_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
drama_store_call_sync (DramaStore    *self,
                       DramaStoreFunc func,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  if (_drama_store_thread_is_current (self->thread))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      return func (self, data, cancellable, error);
    }
  return _drama_store_thread_run_sync (self->thread, self, func, data, cancellable, error);
}

void
drama_store_set_thread_guard (DramaStore *self,
                                   gboolean    guard)
{
  g_return_if_fail (DRAMA_IS_STORE (self));

  self->guarded = guard;
}

/* ---- GObject ---- */

static void
drama_store_finalize (GObject *object)
{
  DramaStore *self = (DramaStore *) object;

  /* Every queued job holds a reference, so none is left: this only stops the thread. */
  g_clear_pointer (&self->thread, _drama_store_thread_free);
  _drama_store_close_db (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->used_statements, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->moved_aside_path, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (drama_store_parent_class)->finalize (object);
}

static void
drama_store_class_init (DramaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drama_store_finalize;

  /* "changed::KIND" (DramaStoreChange *change): rows of one kind changed; see
   * drama-store-change.h. Views connect to the kinds they show. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  DRAMA_TYPE_STORE_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* "aliases-changed" (DramaChangeKind kind, gint64 id): the aliases of a show or person,
   * the names the matcher looks for, changed. */
  signals[ALIASES_CHANGED] =
    g_signal_new ("aliases-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, DRAMA_TYPE_CHANGE_KIND, G_TYPE_INT64);
}

static void
drama_store_init (DramaStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->used_statements = g_ptr_array_new ();
  self->context = g_main_context_ref_thread_default ();
  self->owner_thread = g_thread_self ();
  self->thread = _drama_store_thread_new ();
}
