/* startup: from process start to the first frame of the main window (GTK's frame clock,
 * reported by drama-first-frame.c), for an empty library and the large generated one,
 * beside a bare AdwApplicationWindow holding a WebKitWebView started the same way in the
 * same run. Targets: empty ≤ 1.3× bare; large ≤ 1.15× empty.
 * Usage: bench-startup APP BARE (meson passes both paths). */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-library.h"
#include "bench-stats.h"

#define RUNS 7

static char *
make_home (const char *library)
{
  g_autoptr(GError) error = NULL;
  char *home = g_dir_make_tmp ("dramalist-startup-XXXXXX", &error);
  g_autofree char *data = NULL;

  g_assert_no_error (error);
  data = g_build_filename (home, "data", DATA_DIR_NAME, NULL);
  g_mkdir_with_parents (data, 0700);
  if (library != NULL)
    {
      g_autofree char *target = g_build_filename (data, "library.db", NULL);
      g_autoptr(GFile) from = g_file_new_for_path (library);
      g_autoptr(GFile) to = g_file_new_for_path (target);

      if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        g_error ("Could not copy the library: %s", error->message);
    }
  return home;
}

static void
remove_tree (const char *path)
{
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

  if (system (command) != 0)
    g_warning ("Could not remove %s", path);
}

/* Milliseconds from spawn to "first-frame" on the child's stdout. */
static double
time_first_frame (const char *program,
                  const char *home)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  g_autofree char *line = NULL;
  gint64 start;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "DRAMALIST_REPORT_FIRST_FRAME", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "DRAMALIST_SKIP_DEFAULT_FEEDS", "1", TRUE);
  /* Nothing may reach the internet: TVmaze and every feed point at a closed port. */
  g_subprocess_launcher_setenv (launcher, "DRAMALIST_TVMAZE_URL", "http://127.0.0.1:9/", TRUE);

  start = g_get_monotonic_time ();
  child = g_subprocess_launcher_spawn (launcher, &error, program, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while ((line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error)) != NULL)
    {
      if (g_str_equal (line, "first-frame"))
        break;
      g_clear_pointer (&line, g_free);
    }
  if (line == NULL)
    g_error ("%s ended without drawing a frame", program);
  {
    double ms = (g_get_monotonic_time () - start) / 1000.0;

    g_subprocess_wait (child, NULL, NULL);
    return ms;
  }
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) bench_compare_double);
  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *large = NULL;
  g_autofree char *empty_home = NULL, *large_home = NULL, *bare_home = NULL;
  double bare[RUNS], empty[RUNS], big[RUNS];
  double m_bare, m_empty, m_large, r_empty, r_large;
  gboolean ok;

  if (argc != 3)
    {
      g_printerr ("Usage: %s APP BARE\n", argv[0]);
      return 2;
    }
  large = bench_library_ensure (BENCH_LIBRARY_LARGE, &error);
  g_assert_no_error (error);

  bare_home = make_home (NULL);
  empty_home = make_home (NULL);
  large_home = make_home (large);

  /* One warm-up each (page cache, fontconfig cache), then interleaved runs so that a busy
   * moment of the machine hurts all three alike. */
  time_first_frame (argv[2], bare_home);
  time_first_frame (argv[1], empty_home);
  time_first_frame (argv[1], large_home);
  for (guint i = 0; i < RUNS; i++)
    {
      bare[i] = time_first_frame (argv[2], bare_home);
      empty[i] = time_first_frame (argv[1], empty_home);
      big[i] = time_first_frame (argv[1], large_home);
    }
  m_bare = median (bare, RUNS);
  m_empty = median (empty, RUNS);
  m_large = median (big, RUNS);
  r_empty = m_empty / m_bare;
  r_large = m_large / m_empty;

  g_print ("first frame, median of %d runs (GSK_RENDERER=%s):\n", RUNS,
           g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default");
  g_print ("  bare AdwApplicationWindow + WebKitWebView  %7.1f ms\n", m_bare);
  g_print ("  Dramalist, empty library                   %7.1f ms   %.2f× bare   (target ≤ 1.30×)\n",
           m_empty, r_empty);
  g_print ("  Dramalist, large library                   %7.1f ms   %.2f× empty  (target ≤ 1.15×)\n",
           m_large, r_large);

  ok = r_empty <= 1.30 && r_large <= 1.15;
  remove_tree (bare_home);
  remove_tree (empty_home);
  remove_tree (large_home);
  if (!ok)
    g_print ("FAILED: a startup target was missed\n");
  return ok ? 0 : 1;
}
