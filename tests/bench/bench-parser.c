/* Feed parser throughput: the real feeds in shared/corpus/feeds (each parsed many times) and
 * a generated 5 MB RSS 2.0 document with 2,000 items of article HTML. Prints MB/s and
 * items/s; fails only when the generated feed takes longer than a generous 5 s to parse
 * (a user's refresh of a big feed must not stall) or does not give its 2,000 items.
 * Options: --rounds N (corpus rounds, default 200), --runs N (generated runs, default 5). */

#define G_LOG_DOMAIN "bench-parser"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "drama-feed-parser.h"

#define GENERATED_ITEMS 2000
#define GENERATED_SIZE (5 * 1024 * 1024)
#define TARGET_SECONDS 5.0

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
  "천사", "마지막", "미션", "사랑", "드라마", "배우", "café", "naïve", "&amp;", "&quot;x&quot;",
};

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

/* One <item> of about target bytes: the usual fields, and a description of article HTML
 * (paragraphs, links, an image, emphasis) in CDATA, as Soompi and Koreaboo send. */
static void
append_item (GString *doc,
             guint    n,
             gsize    target)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                         "Aug", "Sep", "Oct", "Nov", "Dec" };
  gsize start = doc->len;

  g_string_append (doc, "<item>\n<title>");
  append_words (doc, 6 + rng_below (8));
  g_string_append_printf (doc, "</title>\n<link>https://news.example.com/2019/05/story-%u</link>\n"
                          "<guid isPermaLink=\"false\">https://news.example.com/?p=%u</guid>\n"
                          "<pubDate>%s, %02u %s 2019 %02u:%02u:%02u +0900</pubDate>\n"
                          "<dc:creator><![CDATA[Reporter %u]]></dc:creator>\n"
                          "<category><![CDATA[K-Drama]]></category>\n"
                          "<enclosure url=\"https://img.example.com/%u.jpg\" type=\"image/jpeg\" length=\"%u\"/>\n"
                          "<description><![CDATA[",
                          n, n, days[n % 7], 1 + n % 28, months[n % 12], n % 24, n % 60,
                          (n * 7) % 60, n % 40, n, 10000 + n);
  g_string_append_printf (doc, "<p><img src=\"/uploads/%u.jpg\" alt=\"still\" width=\"640\" height=\"360\"></p>", n);
  while (doc->len - start < target - 64)
    {
      g_string_append (doc, "<p>");
      append_words (doc, 10 + rng_below (20));
      g_string_append_printf (doc, " <a href=\"/tag/%u\">", rng_below (500));
      append_words (doc, 2);
      g_string_append (doc, "</a> <em>");
      append_words (doc, 3);
      g_string_append (doc, "</em>.</p>");
    }
  g_string_append (doc, "]]></description>\n</item>\n");
}

static GString *
generate_rss (void)
{
  GString *doc = g_string_sized_new (GENERATED_SIZE + 65536);
  gsize per_item = GENERATED_SIZE / GENERATED_ITEMS;

  g_string_append (doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                   "<channel>\n<title>Generated News</title>\n"
                   "<link>https://news.example.com/</link>\n"
                   "<description>A large generated feed</description>\n");
  for (guint i = 0; i < GENERATED_ITEMS; i++)
    append_item (doc, i, per_item);
  g_string_append (doc, "</channel>\n</rss>\n");
  return doc;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Parses every file of shared/corpus/feeds `rounds` times. Returns FALSE when the corpus
 * is missing (reported, not a failure: the figures just are not there). */
static gboolean
bench_corpus (guint rounds)
{
  const char *shared = g_getenv ("DRAMALIST_SHARED_DIR");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize total_bytes = 0;
  guint items_per_round = 0;
  gint64 start, elapsed;
  const char *name;
  double seconds;

  if (shared == NULL)
    {
      printf ("parser: corpus feeds skipped (DRAMALIST_SHARED_DIR is not set)\n");
      return FALSE;
    }
  dir_path = g_build_filename (shared, "corpus", "feeds", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    {
      printf ("parser: corpus feeds skipped (%s is missing)\n", dir_path);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      char *data;
      gsize len;

      if (!g_str_has_suffix (name, ".xml") && !g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (!g_file_get_contents (path, &data, &len, NULL))
        continue;
      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (contents, g_bytes_new_take (data, len));
      total_bytes += len;
    }

  for (guint i = 0; i < contents->len; i++)
    {
      gsize len;
      const char *data = g_bytes_get_data (g_ptr_array_index (contents, i), &len);
      g_autoptr(GError) error = NULL;
      g_autoptr(DramaParsedFeed) feed = drama_feed_parser_parse (data, len,
                                                                 "https://feeds.example.com/",
                                                                 &error);

      if (feed == NULL)
        printf ("parser:   %s did not parse: %s\n", (char *) g_ptr_array_index (names, i),
                error->message);
      else
        {
          printf ("parser:   %s: %s, %u entries, %zu bytes\n", (char *) g_ptr_array_index (names, i),
                  feed->format, feed->entries->len, len);
          items_per_round += feed->entries->len;
        }
    }

  start = g_get_monotonic_time ();
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < contents->len; i++)
      {
        gsize len;
        const char *data = g_bytes_get_data (g_ptr_array_index (contents, i), &len);
        DramaParsedFeed *feed = drama_feed_parser_parse (data, len, "https://feeds.example.com/",
                                                         NULL);

        if (feed != NULL)
          drama_parsed_feed_free (feed);
      }
  elapsed = g_get_monotonic_time () - start;
  seconds = elapsed / 1e6;

  printf ("parser: corpus feeds (%u files, %.1f KB) parsed %u times in %.2f s: "
          "%.1f MB/s, %.0f items/s, %.3f ms per file\n",
          contents->len, total_bytes / 1024.0, rounds, seconds,
          (double) total_bytes * rounds / (1024.0 * 1024.0) / seconds,
          (double) items_per_round * rounds / seconds,
          seconds * 1000.0 / (rounds * MAX (contents->len, 1)));
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) rss = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint rounds = 200, runs = 5, items = 0;
  double best, median;
  gboolean ok = TRUE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--rounds") && i + 1 < argc)
        rounds = (guint) atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        runs = (guint) atoi (argv[++i]);
    }
  runs = MAX (1, runs);

  bench_corpus (rounds);

  rss = generate_rss ();
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      DramaParsedFeed *feed;
      gint64 start = g_get_monotonic_time ();
      double seconds;

      feed = drama_feed_parser_parse (rss->str, rss->len, "https://news.example.com/feed/", &error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      if (feed == NULL)
        {
          printf ("parser: FAIL: the generated RSS did not parse: %s\n", error->message);
          return 1;
        }
      items = feed->entries->len;
      drama_parsed_feed_free (feed);
      g_array_append_val (times, seconds);
    }
  g_array_sort (times, compare_double);
  best = g_array_index (times, double, 0);
  median = g_array_index (times, double, times->len / 2);

  printf ("parser: generated RSS 2.0 (%.2f MB, %u items) parsed %u times: best %.3f s, "
          "median %.3f s = %.1f MB/s, %.0f items/s (median)\n",
          rss->len / (1024.0 * 1024.0), GENERATED_ITEMS, runs, best, median,
          rss->len / (1024.0 * 1024.0) / median, items / median);
  printf ("parser: peak RSS %.1f MB\n", peak_rss_kb () / 1024.0);

  if (items != GENERATED_ITEMS)
    {
      printf ("parser: FAIL: the generated RSS gave %u items, not %u\n", items, GENERATED_ITEMS);
      ok = FALSE;
    }
  if (median > TARGET_SECONDS)
    {
      printf ("parser: FAIL: target missed: a 5 MB feed must parse in under %.0f s (took %.2f s)\n",
              TARGET_SECONDS, median);
      ok = FALSE;
    }
  else
    printf ("parser: target met: 5 MB feed parse %.2f s < %.0f s\n", median, TARGET_SECONDS);

  return ok ? 0 : 1;
}
