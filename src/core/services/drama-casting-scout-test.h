#pragma once

/* For tests only: DramaCastingScout with a clock of the test's own, so that weeks of
 * lookups pass in a second. */

#include "drama-casting-scout.h"

G_BEGIN_DECLS

/* The present, as Unix time. */
typedef gint64 (*DramaCastingScoutClock) (gpointer data);

/* now NULL: the real time again. */
void drama_casting_scout_set_clock (DramaCastingScout      *self,
                                    DramaCastingScoutClock  now,
                                    gpointer                data);

G_END_DECLS
