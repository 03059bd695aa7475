/* A page of the article list filled with its links (shows for the chips, the spoiler
 * episode): drama_store_fill_article_links over 200 articles of the LARGE library, newest
 * first, page after page. Reference, measured in the same run on the same pages: the
 * per-article reads the fill used to make (drama_store_list_article_shows and
 * drama_store_get_article_spoiler for each article). Fails when the fill is not at least
 * twice as fast as the reference. */
#define G_LOG_DOMAIN "bench-fill"

#include "config.h"

#include <stdio.h>

#include "bench-library.h"
#include "drama-article.h"
#include "drama-store.h"
#include "bench-stats.h"

#define PAGE_ROWS 200   /* PAGE_SIZE in drama-article-list.c */
#define N_PAGES 100
#define TARGET_RATIO 0.5

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
median (GArray *values)
{
  g_array_sort (values, bench_compare_double);
  return g_array_index (values, double, values->len / 2);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bench_library_ensure (BENCH_LIBRARY_LARGE, &error);
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) fill_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reference_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_shows = 0, n_spoilers = 0;
  double fill, reference;

  if (path == NULL)
    g_error ("No library: %s", error->message);
  store = drama_store_new (path, &error);
  if (store == NULL)
    g_error ("Could not open the library: %s", error->message);
  ids = drama_store_list_article_ids (store, DRAMA_ARTICLE_FILTER_ALL, 0, NULL, NULL, &error);
  if (ids == NULL)
    g_error ("Could not list the articles: %s", error->message);

  for (guint p = 0; p < N_PAGES && (p + 1) * PAGE_ROWS <= ids->len; p++)
    {
      const gint64 *page = &g_array_index (ids, gint64, p * PAGE_ROWS);
      g_autoptr(GPtrArray) articles = drama_store_get_articles (store, page, PAGE_ROWS, &error);
      double t0, ms;

      if (articles == NULL)
        g_error ("Could not read the page: %s", error->message);

      /* Who goes first alternates, so that neither always meets a warmer cache. */
      for (guint round = 0; round < 2; round++)
        {
          if ((round + p) % 2 == 0)
            {
              t0 = now_ms ();
              if (!drama_store_fill_article_links (store, articles, TRUE, &error))
                g_error ("Could not fill the page: %s", error->message);
              ms = now_ms () - t0;
              g_array_append_val (fill_ms, ms);
            }
          else
            {
              t0 = now_ms ();
              for (guint i = 0; i < PAGE_ROWS; i++)
                {
                  g_autoptr(GPtrArray) shows = drama_store_list_article_shows (store, page[i],
                                                                               &error);
                  g_autoptr(DramaEpisode) spoiler = NULL;

                  if (shows == NULL)
                    g_error ("Could not read the shows: %s", error->message);
                  if (shows->len > 0)
                    spoiler = drama_store_get_article_spoiler (store, page[i], TRUE, &error);
                  if (error != NULL)
                    g_error ("Could not read the spoiler: %s", error->message);
                }
              ms = now_ms () - t0;
              g_array_append_val (reference_ms, ms);
            }
        }
      for (guint i = 0; i < articles->len; i++)
        {
          DramaArticle *article = g_ptr_array_index (articles, i);

          n_shows += drama_article_get_shows (article)->len;
          n_spoilers += drama_article_get_spoiler_episode (article) != NULL;
        }
    }

  fill = median (fill_ms);
  reference = median (reference_ms);
  printf ("fill: %u pages of %u articles (%u show chips, %u spoilers): page filled in two "
          "statements median %.2f ms; reference: one or two statements per article median "
          "%.2f ms; ratio %.3f\n", fill_ms->len, PAGE_ROWS, n_shows, n_spoilers, fill, reference,
          fill / reference);
  if (fill / reference >= TARGET_RATIO)
    {
      printf ("fill: FAIL: target missed: ratio %.3f < %.1f\n", fill / reference, TARGET_RATIO);
      return 1;
    }
  printf ("fill: target met: ratio %.3f < %.1f\n", fill / reference, TARGET_RATIO);
  return 0;
}
