#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include "drama-store-change.h"

struct _DramaStoreChange
{
  gatomicrefcount   ref_count;
  DramaChangeKind   kind;
  DramaChangeReason reason;
  gint64            show_id;
  guint             n_ids;
  gint64           *ids;
};

G_DEFINE_BOXED_TYPE (DramaStoreChange, drama_store_change,
                     drama_store_change_ref, drama_store_change_unref)

DramaStoreChange *
drama_store_change_new (DramaChangeKind    kind,
                        DramaChangeReason  reason,
                        gint64             show_id,
                        const gint64      *ids,
                        guint              n_ids)
{
  DramaStoreChange *self = g_new0 (DramaStoreChange, 1);

  g_return_val_if_fail (n_ids == 0 || ids != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->reason = reason;
  self->show_id = show_id;
  self->n_ids = n_ids;
  self->ids = n_ids > 0 ? g_memdup2 (ids, sizeof (gint64) * n_ids) : NULL;
  return self;
}

DramaStoreChange *
drama_store_change_ref (DramaStoreChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
drama_store_change_unref (DramaStoreChange *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->ids);
      g_free (self);
    }
}

DramaChangeKind
drama_store_change_get_kind (DramaStoreChange *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->kind;
}

DramaChangeReason
drama_store_change_get_reason (DramaStoreChange *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->reason;
}

gint64
drama_store_change_get_show_id (DramaStoreChange *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->show_id;
}

const gint64 *
drama_store_change_get_ids (DramaStoreChange *self,
                            guint            *n_ids)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_ids != NULL)
    *n_ids = self->n_ids;
  return self->ids;
}

gboolean
drama_store_change_has_id (DramaStoreChange *self,
                           gint64            id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_ids == 0)
    return TRUE;
  for (guint i = 0; i < self->n_ids; i++)
    if (self->ids[i] == id)
      return TRUE;
  return FALSE;
}
