#pragma once

#include <glib-object.h>

#include "drama-types.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_STORE_CHANGE (drama_store_change_get_type ())

/* What one write to the store changed: the kind of row, why, and which rows. Carried by
 * DramaStore's "changed" signal (detailed by the kind's nick: "changed::episode"), so a
 * view updates the rows named instead of reading a whole table again. Immutable once
 * emitted; reference-counted. */
typedef struct _DramaStoreChange DramaStoreChange;

GType              drama_store_change_get_type   (void) G_GNUC_CONST;

DramaStoreChange  *drama_store_change_new        (DramaChangeKind    kind,
                                                  DramaChangeReason  reason,
                                                  gint64             show_id,
                                                  const gint64      *ids,
                                                  guint              n_ids);
DramaStoreChange  *drama_store_change_ref        (DramaStoreChange  *self);
void               drama_store_change_unref      (DramaStoreChange  *self);

DramaChangeKind    drama_store_change_get_kind   (DramaStoreChange  *self);
DramaChangeReason  drama_store_change_get_reason (DramaStoreChange  *self);
/* For EPISODE changes: the show the episodes belong to (one change per show). For other
 * kinds: 0, or the show a SHOW change is about when it names one show. */
gint64             drama_store_change_get_show_id (DramaStoreChange *self);
/* The ids of the changed rows (of the kind's table). n_ids 0 = "many or unknown": treat as
 * a change to every row of the kind (a bulk delete by age, say). */
const gint64      *drama_store_change_get_ids    (DramaStoreChange  *self,
                                                  guint             *n_ids);
gboolean           drama_store_change_has_id     (DramaStoreChange  *self,
                                                  gint64             id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaStoreChange, drama_store_change_unref)

G_END_DECLS
