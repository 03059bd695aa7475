/* The library at scale, in a real SQLite file in a temporary folder:
 *  - 100,000 generated articles across 50 feeds saved through drama_store_save_articles in
 *    batches of 100 (one refresh's worth), then every third one marked read;
 *  - DramaArticleList over it (it reads on the store's thread): time until the model for
 *    ALL, UNREAD, one feed and a full-text search has its ids and first page; scrolling
 *    the whole ALL list top to bottom a page at a time and jumping to random places (a
 *    screen of rows each): the main thread's time per page beside what a blocking read of
 *    the same page costs (what the main thread spent before), and the time until the rows
 *    are filled, p50/p99; the reload after a refresh (main thread, and until answered);
 *  - 1,000 shows with 32 episodes and 4 cast each through drama_store_save_show, then
 *    drama_store_list_shows in its usual forms;
 *  - reopening the library; the process's peak RSS.
 * Prints the figures in words; fails only when a generous target is missed (listed at the
 * end). Options: --articles N (default 100000), --shows N (default 1000), --keep (leave the
 * database in the temporary folder and print its path). */

#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "drama-article-list.h"
#include "drama-store.h"
#include "bench-stats.h"

#define N_FEEDS 50
#define BATCH 100
#define EPISODES_PER_SHOW 32
#define CAST_PER_SHOW 4
#define SCREEN_ROWS 40
#define PAGE_ROWS 200   /* PAGE_SIZE in drama-article-list.c */
#define N_JUMPS 2000

/* Targets: generous, so that only a real regression fails. 16 ms is one frame at 60 Hz.
 * The list reads on the store's thread, so scrolling never stalls the window: what the
 * main thread spends handing out a page of rows (CPU time, placeholders, no store) must
 * stay far below a frame, and the rows must fill within two frames of being asked for
 * (a jump may need two pages: three). Saving: a refresh of 100 articles in 100 ms. */
#define TARGET_INSERT_PER_S 1000.0
#define TARGET_BUILD_MS 1000.0
/* Until the lists have taken in a refresh (the window never waits for it). */
#define TARGET_RELOAD_MS 250.0
#define TARGET_MAIN_PAGE_P99_MS 2.0
#define TARGET_MAIN_RELOAD_MS 16.0
#define TARGET_SCREEN_P99_MS 50.0
#define TARGET_PAGE_P99_MS 33.0
#define TARGET_LIST_SHOWS_MS 500.0
#define TARGET_OPEN_MS 2000.0
#define TARGET_RSS_MB 512.0

/* xorshift64*: small, fast and the same everywhere, so runs compare. */
static guint64 rng_state = 88172645463325252ULL;

static guint64
rng_next (void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ULL;
}

static guint
rng_below (guint n)
{
  return (guint) (rng_next () % n);
}

static const char * const words[] = {
  "the", "drama", "actor", "actress", "episode", "ratings", "fans", "viewers", "filming",
  "cast", "director", "character", "story", "love", "romance", "series", "star", "role",
  "premiere", "teaser", "poster", "variety", "comeback", "stage", "interview", "photos",
  "revealed", "shared", "smiled", "laughed", "final", "upcoming", "special", "sweet", "of",
  "and", "in", "with", "for", "on", "at", "about", "after", "before", "while", "their",
  "hotel", "moon", "secret", "garden", "queen", "doctor", "lawyer", "summer", "winter",
  "palace", "castle", "river", "flower", "tiger", "ghost", "goblin", "kingdom", "healer",
  "천사", "마지막", "사랑", "드라마", "배우", "café",
};

/* Rare on purpose: the search below should find about 1 % of the articles, like a show
 * name would. */
static const char * const rare_title = "Angel's Last Mission: Love";

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of the calling thread: what the main thread itself spends, whatever else the
 * (shared) machine runs meanwhile. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
append_words (GString *s,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, words[rng_below (G_N_ELEMENTS (words))]);
    }
}

static char *
make_words (guint n)
{
  GString *s = g_string_new (NULL);

  append_words (s, n);
  return g_string_free (s, FALSE);
}

/* Sorts values in place. */
static double
percentile (GArray *values,
            double  p)
{
  guint i;

  if (values->len == 0)
    return 0;
  g_array_sort (values, bench_compare_double);
  i = (guint) (p / 100.0 * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (i, values->len - 1));
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* Thousands separators, so the figures read as the brief writes them. */
static char *
num (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

static gboolean ok = TRUE;

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
  printf ("store: %s %s\n", met ? "target met:   " : "FAIL: target missed:", text);
  if (!met)
    ok = FALSE;
}

static DramaArticle *
make_article (guint  feed,
              guint  n,
              gint64 base_time)
{
  DramaArticle *article = drama_article_new ();
  g_autofree char *link = g_strdup_printf ("https://site%u.example.com/2019/05/post-%u/", feed, n);
  g_autofree char *title = NULL;
  g_autofree char *author = g_strdup_printf ("Reporter %u", rng_below (200));
  g_autofree char *image = g_strdup_printf ("https://img%u.example.com/%u.jpg", feed, n);
  GString *summary = g_string_new ("<p>");
  GString *content = g_string_new (NULL);

  if (rng_below (100) == 0)
    {
      g_autofree char *rest = make_words (4);
      title = g_strdup_printf ("%s %s", rare_title, rest);
    }
  else
    title = make_words (6 + rng_below (8));

  append_words (summary, 30 + rng_below (20));
  g_string_append (summary, "</p>");
  for (guint p = 0; p < 4; p++)
    {
      g_string_append (content, "<p>");
      append_words (content, 25 + rng_below (15));
      g_string_append_printf (content, " <a href=\"https://site%u.example.com/tag/%u\">", feed,
                              rng_below (300));
      append_words (content, 2);
      g_string_append (content, "</a>.</p>");
    }

  drama_article_set_guid (article, link);
  drama_article_set_link (article, link);
  drama_article_set_title (article, title);
  drama_article_set_author (article, author);
  drama_article_set_image (article, image);
  drama_article_set_summary (article, summary->str);
  drama_article_set_content (article, content->str);
  /* Spread over a year, out of insertion order, as many feeds fetched over time are. */
  drama_article_set_published (article, base_time - (gint64) rng_below (365 * 24 * 3600));
  drama_article_set_fetched_at (article, base_time);
  g_string_free (summary, TRUE);
  g_string_free (content, TRUE);
  return article;
}

static GArray *feed_ids;

static void
bench_insert (DramaStore *store,
              guint       n_articles)
{
  g_autoptr(GArray) batch_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 base_time = 1558526400;   /* 2019-05-22 12:00 UTC */
  double total_ms = 0, t0;
  guint n_batches = (n_articles + BATCH - 1) / BATCH, made = 0;
  g_autofree char *n_str = num (n_articles);

  feed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint f = 0; f < N_FEEDS; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = g_strdup_printf ("https://site%u.example.com/feed/", f);
      g_autofree char *title = g_strdup_printf ("Site %u News", f);
      g_autoptr(DramaFeed) feed = drama_store_add_feed (store, url, title, &error);
      gint64 id;

      if (feed == NULL)
        g_error ("Could not add a feed: %s", error->message);
      id = drama_feed_get_id (feed);
      g_array_append_val (feed_ids, id);
    }

  for (guint b = 0; b < n_batches; b++)
    {
      g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      guint feed = b % N_FEEDS;
      double ms;

      for (guint i = 0; i < BATCH && made < n_articles; i++, made++)
        g_ptr_array_add (articles, make_article (feed, made, base_time));

      t0 = now_ms ();
      if (!drama_store_save_articles (store, g_array_index (feed_ids, gint64, feed), articles,
                                      NULL, &error))
        g_error ("Could not save articles: %s", error->message);
      ms = now_ms () - t0;
      total_ms += ms;
      g_array_append_val (batch_ms, ms);
    }

  printf ("store: saved %s articles across %u feeds in batches of %u in %.2f s: "
          "%.0f articles/s; one batch p50 %.1f ms, p99 %.1f ms\n",
          n_str, N_FEEDS, BATCH, total_ms / 1000.0, n_articles / (total_ms / 1000.0),
          percentile (batch_ms, 50), percentile (batch_ms, 99));
  check (n_articles / (total_ms / 1000.0) >= TARGET_INSERT_PER_S,
         "saving articles %.0f/s >= %.0f/s", n_articles / (total_ms / 1000.0), TARGET_INSERT_PER_S);
}

static void
bench_mark_read (DramaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = drama_store_list_article_ids (store, DRAMA_ARTICLE_FILTER_ALL, 0,
                                                        NULL, NULL, &error);
  g_autoptr(GArray) read = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *n_str = NULL;
  double t0;

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i += 3)
    g_array_append_val (read, g_array_index (all, gint64, i));
  n_str = num (read->len);

  t0 = now_ms ();
  if (!drama_store_set_articles_read (store, (const gint64 *) (gpointer) read->data, read->len,
                                      TRUE, &error))
    g_error ("Could not mark articles read: %s", error->message);
  printf ("store: marked %s articles read in one call: %.0f ms\n", n_str, now_ms () - t0);
}

/* Runs the main loop until the list has its ids and no page is on its way. */
static void
settle (DramaArticleList *list)
{
  while (drama_article_list_get_loading (list) || drama_article_list_get_n_pending (list) > 0 ||
         g_main_context_pending (NULL))
    g_main_context_iteration (NULL, TRUE);
}

static DramaArticleList *
build_list (DramaStore         *store,
            const char         *what,
            DramaArticleFilter  filter,
            gint64              filter_id,
            const char         *search)
{
  DramaArticleList *list;
  g_autofree char *n_str = NULL;
  double t0, c0, main_ms, ms;
  guint n;

  t0 = now_ms ();
  c0 = thread_cpu_ms ();
  list = drama_article_list_new (store, filter, filter_id, search);
  main_ms = thread_cpu_ms () - c0;
  settle (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  ms = now_ms () - t0;
  n_str = num (n);

  if (drama_article_list_get_error_message (list) != NULL)
    printf ("store: FAIL: the %s list reports an error: %s\n", what,
            drama_article_list_get_error_message (list));
  printf ("store: article list %-28s %9s articles, ids and first page in %7.1f ms "
          "(main thread CPU %.2f ms)\n", what, n_str, ms, main_ms);
  check (ms < TARGET_BUILD_MS && n > 0 && drama_article_list_get_error_message (list) == NULL,
         "%s list built in %.1f ms < %.0f ms", what, ms, TARGET_BUILD_MS);
  return list;
}

/* The rows [start, end) as a view asks for them: the main thread's CPU time (ms) to get
 * them (placeholders where not loaded), then the time until every one is filled (fill_ms,
 * wall). The rows are held meanwhile, as rows on screen hold them. Counts rows left empty. */
static double
ask_rows (DramaArticleList *list,
          guint             start,
          guint             end,
          double           *fill_ms,
          guint            *empty)
{
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  double t0 = now_ms (), c0 = thread_cpu_ms (), main_ms;

  for (guint i = start; i < end; i++)
    g_ptr_array_add (rows, g_list_model_get_item (model, i));
  main_ms = thread_cpu_ms () - c0;
  settle (list);
  *fill_ms = now_ms () - t0;
  for (guint i = start; i < end; i++)
    {
      g_autoptr(DramaArticle) article = g_list_model_get_item (model, i);

      if (article == NULL || drama_article_list_is_placeholder (article) ||
          drama_article_get_title (article) == NULL)
        (*empty)++;
    }
  return main_ms;
}

static void
bench_scroll (DramaStore       *store,
              DramaArticleList *list)
{
  GListModel *model = G_LIST_MODEL (list);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GArray) main_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fill_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) blocking_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) screen_main_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) screen_fill_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *n_str = num (n);
  double total = 0;
  guint max_loaded = 0, empty = 0;

  /* Top to bottom, a page of the model (one store job) at a time; beside it, what reading
   * the same page blocking costs (what the main thread spent per page before). */
  for (guint start = 0; start < n; start += PAGE_ROWS)
    {
      guint end = MIN (start + PAGE_ROWS, n);
      double fill, ms, t0;

      ms = ask_rows (list, start, end, &fill, &empty);
      g_array_append_val (main_ms, ms);
      g_array_append_val (fill_ms, fill);
      total += fill;
      max_loaded = MAX (max_loaded, drama_article_list_get_n_loaded (list));

      {
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GPtrArray) articles = NULL;

        for (guint i = start; i < end; i++)
          {
            g_autoptr(DramaArticle) article = g_list_model_get_item (model, i);
            gint64 id = drama_article_get_id (article);

            g_array_append_val (ids, id);
          }
        t0 = thread_cpu_ms ();
        articles = drama_store_get_articles (store, (const gint64 *) (gpointer) ids->data, ids->len,
                                             NULL);
        if (articles != NULL)
          drama_store_fill_article_links (store, articles, TRUE, NULL);
        ms = thread_cpu_ms () - t0;
        g_array_append_val (blocking_ms, ms);
      }
    }

  printf ("store: scrolled all %s rows top to bottom, a page of %u rows at a time (%u pages) "
          "in %.0f ms; main thread CPU per page p50 %.3f ms, p99 %.3f ms, max %.3f ms; "
          "rows filled per page p50 %.2f ms, p99 %.2f ms; reference: the same page read "
          "blocking (what the main thread spent per page before) CPU p50 %.2f ms, p99 %.2f ms; "
          "main thread now / before p99 = %.3f; at most %u articles held\n",
          n_str, PAGE_ROWS, main_ms->len, total, percentile (main_ms, 50),
          percentile (main_ms, 99), percentile (main_ms, 100), percentile (fill_ms, 50),
          percentile (fill_ms, 99), percentile (blocking_ms, 50), percentile (blocking_ms, 99),
          percentile (main_ms, 99) / MAX (percentile (blocking_ms, 99), 1e-6), max_loaded);
  if (empty > 0)
    printf ("store: FAIL: %u rows came back without their article\n", empty);
  check (empty == 0 && percentile (fill_ms, 99) < TARGET_PAGE_P99_MS,
         "scrolling %s articles: page filled p99 %.2f ms < %.0f ms", n_str,
         percentile (fill_ms, 99), TARGET_PAGE_P99_MS);
  check (percentile (main_ms, 99) < TARGET_MAIN_PAGE_P99_MS &&
         percentile (main_ms, 99) < percentile (blocking_ms, 99),
         "main thread CPU per page p99 %.3f ms < %.0f ms and below the blocking read's %.2f ms",
         percentile (main_ms, 99), TARGET_MAIN_PAGE_P99_MS, percentile (blocking_ms, 99));
  check (max_loaded <= 20 * PAGE_ROWS, "the list holds at most %u articles (<= 4,000) while scrolling",
         max_loaded);

  /* Jumps: the scrollbar dragged to a random place, then a screen of rows read there. */
  for (guint j = 0; j < N_JUMPS; j++)
    {
      guint start = rng_below (n > SCREEN_ROWS ? n - SCREEN_ROWS : 1);
      double fill, ms;

      ms = ask_rows (list, start, MIN (start + SCREEN_ROWS, n), &fill, &empty);
      g_array_append_val (screen_main_ms, ms);
      g_array_append_val (screen_fill_ms, fill);
    }
  printf ("store: %u jumps to random rows, a screen of %u rows each: main thread CPU per "
          "screen p50 %.3f ms, p99 %.3f ms; rows filled p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
          N_JUMPS, SCREEN_ROWS, percentile (screen_main_ms, 50), percentile (screen_main_ms, 99),
          percentile (screen_fill_ms, 50), percentile (screen_fill_ms, 99),
          percentile (screen_fill_ms, 100));
  check (empty == 0 && percentile (screen_fill_ms, 99) < TARGET_SCREEN_P99_MS,
         "random jumps: screen filled p99 %.2f ms < %.0f ms", percentile (screen_fill_ms, 99),
         TARGET_SCREEN_P99_MS);
}

/* After every refresh: a new batch arrives, the store says "changed::article" and each list
 * reads its ids again (with the first page's new articles) on the store's thread. Timed
 * from the store's signal until both lists have taken the batch in (wall), and the main
 * thread's own CPU time meanwhile. */
static void
bench_reload (DramaStore       *store,
              DramaArticleList *all,
              DramaArticleList *unread,
              guint             n_articles)
{
  g_autoptr(GArray) wall_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) main_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 base_time = 1558526400;
  guint before, unread_before;

  settle (all);
  settle (unread);
  before = g_list_model_get_n_items (G_LIST_MODEL (all));
  unread_before = g_list_model_get_n_items (G_LIST_MODEL (unread));
  for (guint r = 0; r < 5; r++)
    {
      g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      double t0, c0, ms;

      for (guint i = 0; i < BATCH; i++)
        {
          DramaArticle *article = make_article (0, n_articles + r * BATCH + i, base_time);

          /* Newest first in the list, as fresh news is. */
          drama_article_set_published (article, base_time + 60 * (r * BATCH + i + 1));
          g_ptr_array_add (articles, article);
        }
      /* Stored here (the bench's store lives on this thread), so the signal is emitted
       * inside; the lists queue their reload and return. */
      if (!drama_store_save_articles (store, g_array_index (feed_ids, gint64, 0), articles,
                                      NULL, &error))
        g_error ("Could not save articles: %s", error->message);

      t0 = now_ms ();
      c0 = thread_cpu_ms ();
      settle (all);
      settle (unread);
      ms = now_ms () - t0;
      g_array_append_val (wall_ms, ms);
      ms = thread_cpu_ms () - c0;
      g_array_append_val (main_ms, ms);
    }

  printf ("store: both lists (ALL holding %u articles, UNREAD) took in a refresh of %u new "
          "articles in %.1f ms (median of 5); the main thread's CPU meanwhile p50 %.2f ms, "
          "max %.2f ms\n", drama_article_list_get_n_loaded (all), BATCH,
          percentile (wall_ms, 50), percentile (main_ms, 50), percentile (main_ms, 100));
  if (g_list_model_get_n_items (G_LIST_MODEL (all)) != before + 5 * BATCH ||
      g_list_model_get_n_items (G_LIST_MODEL (unread)) != unread_before + 5 * BATCH)
    printf ("store: FAIL: the lists have %u and %u articles after the refreshes, not %u and %u\n",
            g_list_model_get_n_items (G_LIST_MODEL (all)),
            g_list_model_get_n_items (G_LIST_MODEL (unread)), before + 5 * BATCH,
            unread_before + 5 * BATCH);
  check (g_list_model_get_n_items (G_LIST_MODEL (all)) == before + 5 * BATCH &&
         g_list_model_get_n_items (G_LIST_MODEL (unread)) == unread_before + 5 * BATCH &&
         percentile (wall_ms, 50) < TARGET_RELOAD_MS,
         "lists take in a refresh in %.1f ms < %.0f ms", percentile (wall_ms, 50),
         TARGET_RELOAD_MS);
  check (percentile (main_ms, 100) < TARGET_MAIN_RELOAD_MS,
         "main thread CPU while the lists take in a refresh max %.2f ms < %.0f ms",
         percentile (main_ms, 100), TARGET_MAIN_RELOAD_MS);
}

static void
bench_shows (DramaStore *store,
             guint       n_shows)
{
  static const char * const days[] = { "Wednesday", "Thursday", NULL };
  static const char * const genres[] = { "Drama", "Romance", "Fantasy", NULL };
  g_autoptr(GArray) save_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) seen_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *n_str = num (n_shows);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double total = 0, t0;
  struct {
    const char *what;
    int status;
    const char *text;
    DramaShowSort sort;
  } lists[] = {
    { "all, by next airing", -1, NULL, DRAMA_SHOW_SORT_NEXT_AIRING },
    { "all, by title", -1, NULL, DRAMA_SHOW_SORT_TITLE },
    { "all, by last watched", -1, NULL, DRAMA_SHOW_SORT_LAST_WATCHED },
    { "Watching only", DRAMA_WATCH_STATUS_WATCHING, NULL, DRAMA_SHOW_SORT_NEXT_AIRING },
    { "text \"love\"", -1, "love", DRAMA_SHOW_SORT_TITLE },
  };

  for (guint s = 0; s < n_shows; s++)
    {
      g_autoptr(DramaShow) show = drama_show_new ();
      g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *name = NULL;
      g_autofree char *summary = make_words (60);
      /* Half the shows long over, half still airing around now. */
      gint64 first_air = (s % 2 == 0) ? now - 400 * 86400 - (gint64) rng_below (3000) * 86400
                                      : now - 16 * 7 * 86400 / 2;
      double ms;

      name = g_strdup_printf ("%s %s %u", words[rng_below (G_N_ELEMENTS (words))],
                              words[rng_below (G_N_ELEMENTS (words))], s);
      drama_show_set_tvmaze_id (show, 100000 + s);
      drama_show_set_name (show, name);
      drama_show_set_language (show, "Korean");
      drama_show_set_status (show, s % 2 == 0 ? "Ended" : "Running");
      drama_show_set_network (show, "tvN");
      drama_show_set_country (show, "KR");
      drama_show_set_timezone (show, "Asia/Seoul");
      drama_show_set_schedule_time (show, "22:00");
      drama_show_set_schedule_days (show, days);
      drama_show_set_genres (show, genres);
      drama_show_set_runtime (show, 70);
      drama_show_set_summary (show, summary);
      drama_show_set_user_status (show, (DramaWatchStatus) (s % 5));

      for (guint e = 0; e < EPISODES_PER_SHOW; e++)
        {
          DramaEpisode *episode = drama_episode_new ();
          gint64 stamp = first_air + (gint64) (e / 2) * 7 * 86400 + (e % 2) * 86400;
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (stamp);
          g_autofree char *airdate = g_date_time_format (dt, "%Y-%m-%d");
          g_autofree char *ep_name = g_strdup_printf ("Episode %u", e + 1);

          drama_episode_set_tvmaze_id (episode, (gint64) (100000 + s) * 100 + e);
          drama_episode_set_season (episode, 1);
          drama_episode_set_number (episode, e + 1);
          drama_episode_set_name (episode, ep_name);
          drama_episode_set_airdate (episode, airdate);
          drama_episode_set_airtime (episode, "22:00");
          drama_episode_set_airstamp (episode, stamp);
          drama_episode_set_runtime (episode, 70);
          g_ptr_array_add (episodes, episode);
        }
      for (guint c = 0; c < CAST_PER_SHOW; c++)
        {
          DramaPerson *person = drama_person_new ();
          guint pid = rng_below (3 * n_shows);
          g_autofree char *pname = g_strdup_printf ("Actor %u", pid);

          drama_person_set_tvmaze_id (person, 500000 + pid);
          drama_person_set_name (person, pname);
          drama_person_set_character (person, "Someone");
          drama_person_set_cast_order (person, c);
          g_ptr_array_add (cast, person);
        }

      t0 = now_ms ();
      if (!drama_store_save_show (store, show, episodes, cast, &error))
        g_error ("Could not save a show: %s", error->message);
      ms = now_ms () - t0;
      total += ms;
      g_array_append_val (save_ms, ms);

      /* Watching and completed shows have some episodes seen. */
      if (s % 5 == DRAMA_WATCH_STATUS_WATCHING || s % 5 == DRAMA_WATCH_STATUS_COMPLETED)
        for (guint e = 0; e < EPISODES_PER_SHOW / 2; e++)
          {
            gint64 id = drama_episode_get_id (g_ptr_array_index (episodes, e));
            g_array_append_val (seen_ids, id);
          }
    }
  printf ("store: saved %s shows with %u episodes and %u cast each in %.2f s: %.0f shows/s; "
          "one show p50 %.1f ms, p99 %.1f ms\n",
          n_str, EPISODES_PER_SHOW, CAST_PER_SHOW, total / 1000.0, n_shows / (total / 1000.0),
          percentile (save_ms, 50), percentile (save_ms, 99));

  t0 = now_ms ();
  if (!drama_store_set_episodes_seen (store, (const gint64 *) (gpointer) seen_ids->data,
                                      seen_ids->len, now, NULL, &error))
    g_error ("Could not mark episodes seen: %s", error->message);
  printf ("store: marked %u episodes seen in one call: %.0f ms\n", seen_ids->len, now_ms () - t0);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
      guint n = 0;

      for (guint r = 0; r < 5; r++)
        {
          g_autoptr(GPtrArray) shows = NULL;
          double ms;

          t0 = now_ms ();
          shows = drama_store_list_shows (store, lists[l].status, lists[l].text, lists[l].sort,
                                          &error);
          ms = now_ms () - t0;
          if (shows == NULL)
            g_error ("Could not list shows: %s", error->message);
          n = shows->len;
          g_array_append_val (runs, ms);
        }
      printf ("store: list_shows %-22s %5u shows in %6.1f ms (median of 5)\n", lists[l].what, n,
              percentile (runs, 50));
      check (percentile (runs, 50) < TARGET_LIST_SHOWS_MS && n > 0,
             "list_shows %s %.1f ms < %.0f ms", lists[l].what, percentile (runs, 50),
             TARGET_LIST_SHOWS_MS);
    }

  {
    g_autoptr(GPtrArray) upcoming = NULL;

    t0 = now_ms ();
    upcoming = drama_store_list_upcoming (store, now, &error);
    if (upcoming == NULL)
      g_error ("Could not list upcoming episodes: %s", error->message);
    printf ("store: list_upcoming: %u episodes in %.1f ms\n", upcoming->len, now_ms () - t0);
  }
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  DramaStore *store;
  guint n_articles = 100000, n_shows = 1000;
  gboolean keep = FALSE;
  GStatBuf st;
  double t0, start_ms = now_ms ();

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--articles") && i + 1 < argc)
        n_articles = (guint) atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--shows") && i + 1 < argc)
        n_shows = (guint) atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--keep"))
        keep = TRUE;
    }
  n_articles = MAX (BATCH, n_articles);
  n_shows = MAX (1, n_shows);

  dir = g_dir_make_tmp ("bench-store-XXXXXX", &error);
  if (dir == NULL)
    g_error ("No temporary folder: %s", error->message);
  path = g_build_filename (dir, "library.db", NULL);

  store = drama_store_new (path, &error);
  if (store == NULL)
    g_error ("Could not open the store: %s", error->message);

  bench_insert (store, n_articles);
  bench_mark_read (store);

  {
    g_autoptr(DramaArticleList) all = NULL;
    g_autoptr(DramaArticleList) unread = NULL;
    g_autoptr(DramaArticleList) feed = NULL;
    g_autoptr(DramaArticleList) search = NULL;
    g_autoptr(DramaArticleList) search_common = NULL;

    all = build_list (store, "ALL", DRAMA_ARTICLE_FILTER_ALL, 0, NULL);
    unread = build_list (store, "UNREAD", DRAMA_ARTICLE_FILTER_UNREAD, 0, NULL);
    feed = build_list (store, "one feed", DRAMA_ARTICLE_FILTER_FEED,
                       g_array_index (feed_ids, gint64, 7), NULL);
    search = build_list (store, "search \"angel mission\"", DRAMA_ARTICLE_FILTER_ALL, 0,
                         "angel mission");
    search_common = build_list (store, "search \"drama\" (common)", DRAMA_ARTICLE_FILTER_ALL, 0,
                                "drama");
    bench_scroll (store, all);
    bench_reload (store, all, unread, n_articles);
  }

  bench_shows (store, n_shows);
  g_object_unref (store);

  if (g_stat (path, &st) == 0)
    printf ("store: library file %.1f MB\n", st.st_size / (1024.0 * 1024.0));

  /* Reopening: what starting the app with a big library costs in the store. */
  t0 = now_ms ();
  store = drama_store_new (path, &error);
  if (store == NULL)
    g_error ("Could not reopen the store: %s", error->message);
  printf ("store: reopened the library in %.0f ms\n", now_ms () - t0);
  check (now_ms () - t0 < TARGET_OPEN_MS, "reopening %.0f ms < %.0f ms", now_ms () - t0,
         TARGET_OPEN_MS);
  g_object_unref (store);

  {
    struct rusage usage;

    /* CPU next to wall time: on a busy machine the wall figures above grow, the CPU less. */
    getrusage (RUSAGE_SELF, &usage);
    printf ("store: whole run %.1f s wall, %.1f s CPU (user %.1f + system %.1f)\n",
            (now_ms () - start_ms) / 1000.0,
            usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
            usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6,
            usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
            usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6);
  }
  printf ("store: peak RSS %.1f MB\n", peak_rss_mb ());
  check (peak_rss_mb () < TARGET_RSS_MB, "peak RSS %.1f MB < %.0f MB", peak_rss_mb (),
         TARGET_RSS_MB);

  if (keep)
    printf ("store: the library is kept at %s\n", path);
  else
    remove_dir (dir);

  printf ("store: %s\n", ok ? "all targets met" : "some targets missed");
  return ok ? 0 : 1;
}
