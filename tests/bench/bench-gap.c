#include "config.h"

#include "bench-gap.h"
#include "bench-stats.h"

#include <stdlib.h>

struct _BenchGap
{
  GSource *source;
  gint64   last;
  GArray  *gaps;  /* double, ms */
};

static gboolean
tick (gpointer user_data)
{
  BenchGap *self = user_data;
  gint64 now = g_get_monotonic_time ();
  double gap = (now - self->last) / 1000.0 - 1.0;

  g_array_append_val (self->gaps, gap);
  self->last = now;
  return G_SOURCE_CONTINUE;
}

BenchGap *
bench_gap_start (void)
{
  BenchGap *self = g_new0 (BenchGap, 1);

  self->gaps = g_array_new (FALSE, FALSE, sizeof (double));
  self->last = g_get_monotonic_time ();
  self->source = g_timeout_source_new (1);
  g_source_set_callback (self->source, tick, self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());
  return self;
}

void
bench_gap_stop (BenchGap *self)
{
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
}

double
bench_gap_max_ms (BenchGap *self)
{
  double max = 0;

  for (guint i = 0; i < self->gaps->len; i++)
    max = MAX (max, g_array_index (self->gaps, double, i));
  return max;
}

double
bench_gap_p95_ms (BenchGap *self)
{
  g_autoptr(GArray) sorted = NULL;

  if (self->gaps->len == 0)
    return 0;
  sorted = g_array_copy (self->gaps);
  qsort (sorted->data, sorted->len, sizeof (double), bench_compare_double);
  return g_array_index (sorted, double, (sorted->len * 95) / 100);
}

guint
bench_gap_count_over (BenchGap *self,
                      double    ms)
{
  guint n = 0;

  for (guint i = 0; i < self->gaps->len; i++)
    n += g_array_index (self->gaps, double, i) > ms;
  return n;
}

void
bench_gap_free (BenchGap *self)
{
  if (self == NULL)
    return;
  bench_gap_stop (self);
  g_array_unref (self->gaps);
  g_free (self);
}
