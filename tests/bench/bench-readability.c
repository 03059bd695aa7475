/* Reader mode's extraction throughput (drama-readability.c): the fixture pages written in
 * the shapes of real news sites (tests/fixtures/pages: a Korean entertainment page, a
 * WordPress post with comments, a news page with a long related-links footer) extracted over
 * and over, beside the reference measured in the same process on the same bytes: libxml2's
 * HTML parser alone (htmlReadMemory, then xmlFreeDoc), which any extraction over it pays
 * before scoring a single block. Both are timed in alternating blocks on the thread's CPU
 * clock and the best block of each counts, so other work on a shared machine disturbs the
 * figures as little as it can. Also printed: the extraction followed by the sanitiser, what
 * loading a full article costs on the worker in all.
 *
 * Target: the extraction runs at no less than 0.5× the parser alone (scoring, cleaning and
 * writing the article at most as much again as parsing the page): a scoring pass that went
 * quadratic, or a second parse of the page, fails it. Options: --rounds N (default 40). */

#define G_LOG_DOMAIN "bench-readability"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "drama-html.h"
#include "drama-readability.h"

#define TARGET_RATIO 0.5
#define BLOCKS 15

static const char * const pages[] = {
  "korean-entertainment.html",
  "wordpress-comments.html",
  "related-footer.html",
};

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char base_url[] = "https://news.example.com/2026/11/28/article/";

static double
time_extract (GPtrArray *bodies,
              guint      rounds,
              gboolean   sanitize)
{
  double start = thread_cpu_seconds ();

  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < bodies->len; i++)
      {
        GBytes *body = g_ptr_array_index (bodies, i);
        gsize len = 0;
        const char *data = g_bytes_get_data (body, &len);
        g_autoptr(GError) error = NULL;
        g_autofree char *article = drama_readability_extract (data, len, base_url, NULL, &error);

        if (article == NULL)
          g_error ("No article extracted from page %u: %s", i, error->message);
        if (sanitize)
          g_free (drama_html_sanitize (article, base_url));
      }
  return thread_cpu_seconds () - start;
}

static double
time_libxml2 (GPtrArray *bodies,
              guint      rounds)
{
  double start = thread_cpu_seconds ();

  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < bodies->len; i++)
      {
        GBytes *body = g_ptr_array_index (bodies, i);
        gsize len = 0;
        const char *data = g_bytes_get_data (body, &len);
        htmlDocPtr doc = htmlReadMemory (data, (int) len, base_url, NULL,
                                         HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                         HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);

        xmlFreeDoc (doc);
      }
  return thread_cpu_seconds () - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  guint rounds = 40;
  gsize total = 0;
  double best_extract = G_MAXDOUBLE, best_full = G_MAXDOUBLE, best_parse = G_MAXDOUBLE;
  double extract_mb, full_mb, parse_mb, ratio;

  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--rounds"))
      {
        int value = atoi (argv[++i]);

        rounds = value > 0 ? (guint) value : 1;
      }

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = g_build_filename (srcdir != NULL ? srcdir : "tests", "fixtures",
                                                "pages", pages[i], NULL);
      g_autoptr(GError) error = NULL;
      char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (bodies, g_bytes_new_take (contents, len));
      total += len;
    }

  /* Warm up both (the allocator, libxml2's tables), then alternate. */
  time_extract (bodies, 2, TRUE);
  time_libxml2 (bodies, 2);
  for (guint b = 0; b < BLOCKS; b++)
    {
      best_extract = MIN (best_extract, time_extract (bodies, rounds, FALSE));
      best_full = MIN (best_full, time_extract (bodies, rounds, TRUE));
      best_parse = MIN (best_parse, time_libxml2 (bodies, rounds));
    }

  extract_mb = total * (double) rounds / best_extract / 1e6;
  full_mb = total * (double) rounds / best_full / 1e6;
  parse_mb = total * (double) rounds / best_parse / 1e6;
  ratio = extract_mb / parse_mb;
  printf ("pages: %u, %.1f KB in all, %u rounds a block, best of %u blocks\n",
          bodies->len, total / 1000.0, rounds, BLOCKS);
  printf ("extraction:              %7.1f MB/s (%.3f ms a page)\n", extract_mb,
          best_extract * 1000.0 / rounds / bodies->len);
  printf ("extraction + sanitiser:  %7.1f MB/s (%.3f ms a page)\n", full_mb,
          best_full * 1000.0 / rounds / bodies->len);
  printf ("reference, libxml2 htmlReadMemory alone: %7.1f MB/s\n", parse_mb);
  printf ("ratio: extraction / parser = %.2f× (target ≥ %.2f×): %s\n", ratio, TARGET_RATIO,
          ratio >= TARGET_RATIO ? "met" : "MISSED");
  return ratio >= TARGET_RATIO ? EXIT_SUCCESS : EXIT_FAILURE;
}
