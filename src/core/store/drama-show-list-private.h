#pragma once

/* Shared by DramaShowList's files: drama-show-list.c (the model, following the store) and
 * drama-show-list-update.c (updating the listed objects in place). */

#include "drama-show-list.h"

G_BEGIN_DECLS

/* drama-show-list-update.c */
/* Gives `to` the values of `from` that differ (their notify signals fire, once each, after
 * all are set). An unchanged next episode keeps its object. TRUE when anything changed. */
gboolean _drama_show_list_update_show (DramaShow *to,
                                       DramaShow *from);

G_END_DECLS
