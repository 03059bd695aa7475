/* Upgrading a large version 4 library (bench-library.h, LARGE_V4: 100,000 articles) to
 * version 5. Opening it runs the migration, which the window waits for: it must only change
 * the schema. Then drama_store_upgrade_step () makes the text of every article, 200 a step,
 * from a worker in the app; each step's time is printed (a step holds the store lock while
 * it writes, not while it parses). The reference, measured in the same run on another copy:
 * the same upgrade done at once, as a migration doing it all would have kept the window
 * waiting. Fails when the migration or a step takes too long, or something is not found
 * after the upgrade. Option: --steps N (only the migration and N steps, no checks: to try
 * a change quickly). */

#define G_LOG_DOMAIN "bench-upgrade"

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

#include "bench-library.h"
#include "drama-store.h"
#include "bench-stats.h"

#define STEP 200

/* The window's first frame waits for the migration: a few frames at most. */
#define TARGET_OPEN_MS 100.0
/* Other threads wait for the store while a step writes. */
#define TARGET_STEP_P99_MS 250.0

static gboolean ok = TRUE;

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
percentile (GArray *values,
            double  p)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint i;

  if (sorted->len == 0)
    return 0;
  g_array_sort (sorted, bench_compare_double);
  i = (guint) (p / 100.0 * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

static void
check (gboolean    met,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static void
check (gboolean    met,
       const char *format,
       ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  printf ("upgrade: %s %s\n", met ? "target met:   " : "FAIL: target missed:", text);
  if (!met)
    ok = FALSE;
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static guint
n_found (DramaStore *store,
         const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = drama_store_list_article_ids (store, DRAMA_ARTICLE_FILTER_ALL, 0, text,
                                                        NULL, &error);

  if (ids == NULL)
    g_error ("search: %s", error->message);
  return ids->len;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bench_library_copy (BENCH_LIBRARY_LARGE_V4, &error);
  g_autofree char *ref_path = NULL;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GArray) step_ms = g_array_new (FALSE, FALSE, sizeof (double));
  double t0, open_ms, steps_ms = 0, ref_ms;
  guint left, first_left, n_steps = 0, drama, max_steps = G_MAXUINT;

  if (argc == 3 && g_str_equal (argv[1], "--steps"))
    max_steps = (guint) g_ascii_strtoull (argv[2], NULL, 10);

  if (path == NULL)
    g_error ("No library: %s", error->message);
  ref_path = bench_library_copy (BENCH_LIBRARY_LARGE_V4, &error);
  if (ref_path == NULL)
    g_error ("No library: %s", error->message);

  /* The migration, as the app's start runs it. */
  t0 = now_ms ();
  store = drama_store_new (path, &error);
  open_ms = now_ms () - t0;
  if (store == NULL)
    g_error ("Could not open %s: %s", path, error->message);
  first_left = drama_store_get_upgrade_left (store, &error);
  g_assert_no_error (error);

  /* The steps, as the app's worker runs them. */
  left = first_left;
  while (left > 0)
    {
      double ms;

      t0 = now_ms ();
      if (!drama_store_upgrade_step (store, STEP, &left, &error))
        g_error ("Step: %s", error->message);
      ms = now_ms () - t0;
      steps_ms += ms;
      n_steps++;
      g_array_append_val (step_ms, ms);
      if (n_steps == max_steps)
        {
          printf ("upgrade: migration %.0f ms; %u steps of %u: p50 %.0f ms, p99 %.0f ms\n", open_ms,
                  n_steps, STEP, percentile (step_ms, 50), percentile (step_ms, 99));
          g_clear_object (&store);
          bench_library_remove_copy (path);
          bench_library_remove_copy (ref_path);
          return 0;
        }
    }
  drama = n_found (store, "drama");
  g_clear_object (&store);

  /* The reference: all of it at once, before the window could show. */
  t0 = now_ms ();
  store = drama_store_new (ref_path, &error);
  if (store == NULL || !drama_store_upgrade_step (store, G_MAXUINT, &left, &error))
    g_error ("Reference: %s", error->message);
  ref_ms = now_ms () - t0;
  g_clear_object (&store);

  printf ("upgrade: opening the version 4 library (the migration): %.0f ms | all at once: %.0f ms"
          " | %.0f× less waiting\n", open_ms, ref_ms, ref_ms / MAX (open_ms, 0.001));
  printf ("upgrade: then %u steps of %u articles in %.1f s (%.0f articles/s): per step p50 %.0f ms,"
          " p99 %.0f ms, max %.0f ms\n", n_steps, STEP, steps_ms / 1000.0,
          (first_left - 1) / (steps_ms / 1000.0), percentile (step_ms, 50), percentile (step_ms, 99),
          percentile (step_ms, 100));
  check (open_ms < TARGET_OPEN_MS, "the migration %.0f ms < %.0f ms", open_ms, TARGET_OPEN_MS);
  check (percentile (step_ms, 99) < TARGET_STEP_P99_MS, "a step p99 %.0f ms < %.0f ms",
         percentile (step_ms, 99), TARGET_STEP_P99_MS);
  check (first_left == BENCH_LIBRARY_N_ARTICLES + 1,
         "%u left after opening: every article and the old index", first_left);
  check (raw_int (path, "SELECT count(*) FROM articles WHERE text IS NULL") == 0 &&
         raw_int (path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'articles_fts_old%'") == 0 &&
         raw_int (path, "SELECT count(*) FROM articles_fts") == BENCH_LIBRARY_N_ARTICLES,
         "every article has its text and is in the new index, the old index is gone");
  check (drama > BENCH_LIBRARY_N_ARTICLES / 2, "“drama” found in %u articles", drama);

  bench_library_remove_copy (path);
  bench_library_remove_copy (ref_path);
  printf ("upgrade: %s\n", ok ? "all targets met" : "some targets missed");
  return ok ? 0 : 1;
}
