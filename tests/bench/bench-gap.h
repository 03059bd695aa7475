#pragma once

/* How long the main loop is away: a 1 ms timeout on the thread-default main context
 * records the interval between its ticks while work runs. A gap is an interval beyond
 * the 1 ms asked for; a frame at 60 Hz has 16 ms. */

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BenchGap BenchGap;

BenchGap *bench_gap_start     (void);
void      bench_gap_stop      (BenchGap *self);
double    bench_gap_max_ms    (BenchGap *self);
double    bench_gap_p95_ms    (BenchGap *self);
guint     bench_gap_count_over (BenchGap *self,
                               double    ms);
void      bench_gap_free      (BenchGap *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchGap, bench_gap_free)

G_END_DECLS
