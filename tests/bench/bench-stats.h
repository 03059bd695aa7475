/* bench-stats.h: what the benchmarks share to sort their figures. Header-only, as each
 * benchmark is its own program. */
#pragma once

#include <glib.h>

/* Ascending order of doubles, for qsort () and g_array_sort (). */
static inline int
bench_compare_double (gconstpointer a,
                      gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}
