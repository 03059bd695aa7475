/* Feed parser throughput beside the libraries beneath it, on the same bytes in the same run:
 * the real RSS feeds of shared/corpus/feeds and two generated feeds (a 5 MB RSS 2.0 feed whose
 * 2,000 items carry article HTML in CDATA, as Soompi and Koreaboo send, and a 3 MB Atom feed
 * whose content is escaped HTML with entities, as WordPress and Blogger send).
 *
 *   parse + sanitise  drama_feed_parser_parse (): the whole job, every summary sanitised
 *   libxml2           xmlReadMemory () + xmlFreeDoc () in this process: the parse alone
 *   feedparser        python3-feedparser in a child process over the same files, timed
 *                     inside the child (process start and file reading left out)
 *
 * Times are this thread's CPU time (the machine is shared), the median of the rounds.
 * Fails when parse + sanitise is below 0.6x libxml2 or below 12x feedparser (skipped, with
 * a message, when python3 cannot import feedparser), or when a feed gives too few entries.
 * Options: --rounds N (default 7), --feedparser-rounds N (default 1). */

#define G_LOG_DOMAIN "bench-parser"

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "drama-feed-parser.h"
#include "bench-stats.h"

#define GENERATED_ITEMS 2000
#define GENERATED_SIZE (5 * 1024 * 1024)
#define ATOM_ENTRIES 1000
#define ATOM_SIZE (3 * 1024 * 1024)
#define TARGET_LIBXML_RATIO 0.6
#define TARGET_FEEDPARSER_RATIO 12.0

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

/* One Atom <entry> of about target bytes whose content is HTML escaped into the XML, with
 * named and numeric character references in the title and the text. */
static void
append_atom_entry (GString *doc,
                   guint    n,
                   gsize    target)
{
  gsize start = doc->len;

  g_string_append (doc, "<entry>\n<title type=\"html\">");
  append_words (doc, 5 + rng_below (8));
  g_string_append_printf (doc, " &#8216;%u&#8217;</title>\n"
                          "<link rel=\"alternate\" type=\"text/html\" href=\"/2019/05/post-%u.html\"/>\n"
                          "<id>tag:blog.example.com,2019:post-%u</id>\n"
                          "<published>2019-05-%02uT%02u:%02u:00+09:00</published>\n"
                          "<updated>2019-05-%02uT%02u:%02u:00+09:00</updated>\n"
                          "<author><name>Writer %u</name></author>\n"
                          "<content type=\"html\" xml:base=\"https://blog.example.com/\">"
                          "&lt;p&gt;&lt;img src=&quot;/images/%u.png&quot; alt=&quot;&quot;&gt;&lt;/p&gt;",
                          n, n, n, 1 + n % 28, n % 24, n % 60, 1 + n % 28, n % 24, n % 60,
                          n % 30, n);
  while (doc->len - start < target - 64)
    {
      g_string_append (doc, "&lt;p&gt;");
      append_words (doc, 12 + rng_below (20));
      g_string_append_printf (doc, " &lt;a href=&quot;https://blog.example.com/tag/%u&quot;&gt;",
                              rng_below (500));
      append_words (doc, 2);
      g_string_append (doc, "&lt;/a&gt; &lt;strong&gt;");
      append_words (doc, 2);
      g_string_append (doc, "&lt;/strong&gt; &amp;amp; &#169; &#x2014; more.&lt;/p&gt;\n");
    }
  g_string_append (doc, "</content>\n</entry>\n");
}

static GString *
generate_atom (void)
{
  GString *doc = g_string_sized_new (ATOM_SIZE + 65536);
  gsize per_entry = ATOM_SIZE / ATOM_ENTRIES;

  g_string_append (doc, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                   "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
                   "<title>Generated Blog</title>\n"
                   "<link rel=\"alternate\" href=\"https://blog.example.com/\"/>\n"
                   "<id>tag:blog.example.com,2019:feed</id>\n"
                   "<updated>2019-05-28T00:00:00Z</updated>\n");
  for (guint i = 0; i < ATOM_ENTRIES; i++)
    append_atom_entry (doc, i, per_entry);
  g_string_append (doc, "</feed>\n");
  return doc;
}

typedef struct {
  char   *name;
  GBytes *bytes;
  guint   min_entries;
} Doc;

static void
doc_free (Doc *doc)
{
  g_free (doc->name);
  g_bytes_unref (doc->bytes);
  g_free (doc);
}

static void
add_doc (GPtrArray  *docs,
         const char *name,
         GBytes     *bytes,
         guint       min_entries)
{
  Doc *doc = g_new0 (Doc, 1);

  doc->name = g_strdup (name);
  doc->bytes = bytes;
  doc->min_entries = min_entries;
  g_ptr_array_add (docs, doc);
}

/* The XML feeds of shared/corpus/feeds (libxml2 has nothing to say about the JSON one). */
static void
add_corpus (GPtrArray *docs)
{
  const char *shared = g_getenv ("DRAMALIST_SHARED_DIR");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (shared == NULL)
    {
      printf ("parser: corpus feeds left out (DRAMALIST_SHARED_DIR is not set)\n");
      return;
    }
  dir_path = g_build_filename (shared, "corpus", "feeds", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    {
      printf ("parser: corpus feeds left out (%s is missing)\n", dir_path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, names->pdata[i], NULL);
      char *data;
      gsize len;

      if (g_file_get_contents (path, &data, &len, NULL))
        add_doc (docs, names->pdata[i], g_bytes_new_take (data, len), 1);
    }
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
round_ours (GPtrArray *docs)
{
  double start = cpu_seconds ();

  for (guint i = 0; i < docs->len; i++)
    {
      Doc *doc = docs->pdata[i];
      gsize len;
      const char *data = g_bytes_get_data (doc->bytes, &len);
      DramaParsedFeed *feed = drama_feed_parser_parse (data, len, "https://feeds.example.com/",
                                                       NULL);

      g_clear_pointer (&feed, drama_parsed_feed_free);
    }
  return cpu_seconds () - start;
}

static double
round_libxml (GPtrArray *docs)
{
  double start = cpu_seconds ();

  for (guint i = 0; i < docs->len; i++)
    {
      Doc *doc = docs->pdata[i];
      gsize len;
      const char *data = g_bytes_get_data (doc->bytes, &len);
      xmlDocPtr tree = xmlReadMemory (data, (int) len, "https://feeds.example.com/", NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOCDATA |
                                      XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

      g_assert (tree != NULL);
      xmlFreeDoc (tree);
    }
  return cpu_seconds () - start;
}

static double
median (GArray *times)
{
  g_array_sort (times, bench_compare_double);
  return g_array_index (times, double, times->len / 2);
}

/* feedparser's parse time for the files, read by the child before its clock starts;
 * a negative number (and @why) when it cannot run. */
static const char feedparser_script[] =
  "import sys, time\n"
  "try:\n"
  "    import feedparser\n"
  "except ImportError as e:\n"
  "    print('skip %s' % e)\n"
  "    sys.exit(0)\n"
  "rounds = int(sys.argv[1])\n"
  "datas = [open(p, 'rb').read() for p in sys.argv[2:]]\n"
  "entries = 0\n"
  "start = time.process_time()\n"
  "for r in range(rounds):\n"
  "    for d in datas:\n"
  "        entries += len(feedparser.parse(d).entries)\n"
  "print('%f %d' % (time.process_time() - start, entries))\n";

static double
run_feedparser (GPtrArray  *docs,
                guint       rounds,
                char      **why)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-parser-XXXXXX", &error);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  double seconds = -1;
  int status = 0;

  *why = NULL;
  if (dir == NULL)
    {
      *why = g_strdup (error->message);
      return -1;
    }
  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_strdup ("-c"));
  g_ptr_array_add (argv, g_strdup (feedparser_script));
  g_ptr_array_add (argv, g_strdup_printf ("%u", rounds));
  for (guint i = 0; i < docs->len; i++)
    {
      Doc *doc = docs->pdata[i];
      char *path = g_build_filename (dir, doc->name, NULL);
      gsize len;
      const char *data = g_bytes_get_data (doc->bytes, &len);

      g_file_set_contents (path, data, len, NULL);
      g_ptr_array_add (paths, path);
      g_ptr_array_add (argv, g_strdup (path));
    }
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    *why = g_strdup_printf ("cannot run /usr/bin/python3: %s", error->message);
  else if (!g_spawn_check_wait_status (status, NULL))
    *why = g_strdup_printf ("python3 failed: %s", g_strstrip (err));
  else if (g_str_has_prefix (out, "skip"))
    *why = g_strdup_printf ("python3 cannot import feedparser (%s); "
                            "apt-get install python3-feedparser", g_strstrip (out + 4));
  else if (sscanf (out, "%lf", &seconds) != 1)
    *why = g_strdup_printf ("unexpected output from python3: %s", out);

  for (guint i = 0; i < paths->len; i++)
    g_unlink (paths->pdata[i]);
  g_rmdir (dir);
  return *why != NULL ? -1 : seconds;
}

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_free);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) libxml = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *why = NULL;
  guint rounds = 7, fp_rounds = 1;
  gsize total = 0;
  double mb, ours_mbs, libxml_mbs, fp_seconds, ratio;
  gboolean ok = TRUE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--rounds") && i + 1 < argc)
        rounds = (guint) atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--feedparser-rounds") && i + 1 < argc)
        fp_rounds = (guint) atoi (argv[++i]);
    }
  rounds = MAX (1, rounds);
  fp_rounds = MAX (1, fp_rounds);

  xmlInitParser ();
  add_corpus (docs);
  {
    GString *rss = generate_rss ();
    GString *atom = generate_atom ();
    gsize len;

    len = rss->len;
    add_doc (docs, "generated-rss.xml", g_bytes_new_take (g_string_free (rss, FALSE), len),
             GENERATED_ITEMS);
    len = atom->len;
    add_doc (docs, "generated-atom.xml", g_bytes_new_take (g_string_free (atom, FALSE), len),
             ATOM_ENTRIES);
  }

  /* Every feed parses, with all its entries: a fast parser that drops them counts for naught. */
  for (guint i = 0; i < docs->len; i++)
    {
      Doc *doc = docs->pdata[i];
      gsize len;
      const char *data = g_bytes_get_data (doc->bytes, &len);
      g_autoptr(GError) error = NULL;
      g_autoptr(DramaParsedFeed) feed = drama_feed_parser_parse (data, len,
                                                                 "https://feeds.example.com/",
                                                                 &error);

      total += len;
      if (feed == NULL || feed->entries->len < doc->min_entries)
        {
          printf ("parser: FAIL: %s gave %s\n", doc->name,
                  feed == NULL ? error->message : "too few entries");
          ok = FALSE;
          continue;
        }
      printf ("parser:   %s: %s, %u entries, %.1f KB\n", doc->name, feed->format,
              feed->entries->len, len / 1024.0);
    }
  mb = total / (1024.0 * 1024.0);

  /* Interleaved, so that both meet the same machine. */
  for (guint r = 0; r < rounds; r++)
    {
      double t = round_ours (docs);

      g_array_append_val (ours, t);
      t = round_libxml (docs);
      g_array_append_val (libxml, t);
    }
  ours_mbs = mb / median (ours);
  libxml_mbs = mb / median (libxml);
  ratio = ours_mbs / libxml_mbs;

  printf ("parser: %u feeds, %.2f MB, median of %u rounds (CPU time)\n", docs->len, mb, rounds);
  printf ("parser: parse + sanitise       %7.1f MB/s\n", ours_mbs);
  printf ("parser: libxml2 xmlReadMemory  %7.1f MB/s   ratio %.2f (target >= %.1f)\n",
          libxml_mbs, ratio, TARGET_LIBXML_RATIO);
  if (ratio < TARGET_LIBXML_RATIO)
    {
      printf ("parser: FAIL: parse + sanitise is %.2fx libxml2's parse, target %.1fx\n", ratio,
              TARGET_LIBXML_RATIO);
      ok = FALSE;
    }

  fp_seconds = run_feedparser (docs, fp_rounds, &why);
  if (fp_seconds < 0)
    printf ("parser: python3-feedparser skipped: %s\n", why);
  else
    {
      double fp_mbs = mb * fp_rounds / MAX (fp_seconds, 1e-6);

      ratio = ours_mbs / fp_mbs;
      printf ("parser: python3-feedparser     %7.1f MB/s   ratio %.1f (target >= %.0f)\n",
              fp_mbs, ratio, TARGET_FEEDPARSER_RATIO);
      if (ratio < TARGET_FEEDPARSER_RATIO)
        {
          printf ("parser: FAIL: parse + sanitise is %.1fx feedparser, target %.0fx\n", ratio,
                  TARGET_FEEDPARSER_RATIO);
          ok = FALSE;
        }
    }
  printf ("parser: peak RSS %.1f MB\n", peak_rss_kb () / 1024.0);
  printf ("parser: %s\n", ok ? "targets met" : "FAIL: target missed");
  return ok ? 0 : 1;
}
