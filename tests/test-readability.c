/* Tests for reader mode's article extraction (drama-readability.c) on pages written in the
 * shapes of real sites (tests/fixtures/pages): how much of the article's text the result
 * keeps, and how much of the rest of the page comes with it, as a person reading it would
 * count: words.
 *
 * Each page NAME.html has NAME.body.txt beside it, the words of its article (paragraphs,
 * captions; not the byline, related links or comments). The result goes through the
 * sanitiser and drama_html_to_text () as the app shows it, and both are cut into words
 * (runs of letters and digits, case folded, so Korean words are the spaced tokens with
 * their particles split at punctuation). Recall is the share of the article's words (as a
 * multiset) that the result has; boilerplate kept is the share of the page's other words
 * that the result has. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "drama-html.h"
#include "drama-readability.h"

/* ---- words ---- */

/* Words of @text, folded, with their counts. */
static GHashTable *
count_words (const char *text)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          g_autofree char *word = g_strndup (start, (gsize) (p - start));
          char *folded = g_utf8_casefold (word, -1);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (words, folded));

          g_hash_table_replace (words, folded, GUINT_TO_POINTER (count + 1));
        }
    }
  return words;
}

static guint
total_words (GHashTable *words)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);
  return total;
}

/* |a ∩ b| as multisets, and |a − b| in *only_a. */
static guint
common_words (GHashTable *a,
              GHashTable *b,
              guint      *only_a)
{
  GHashTableIter iter;
  gpointer key, value;
  guint common = 0, rest = 0;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint in_a = GPOINTER_TO_UINT (value);
      guint in_b = GPOINTER_TO_UINT (g_hash_table_lookup (b, key));

      common += MIN (in_a, in_b);
      rest += in_a - MIN (in_a, in_b);
    }
  if (only_a != NULL)
    *only_a = rest;
  return common;
}

/* ---- fixtures ---- */

static char *
read_page (const char *name,
           gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "pages", name, NULL);
  GError *error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

/* How many elements @tag ("<p") opens in @html. */
static guint
count_tags (const char *html,
            const char *tag)
{
  gsize len = strlen (tag);
  guint n = 0;

  for (const char *p = html; (p = strstr (p, tag)) != NULL; p += len)
    n += p[len] == '>' || p[len] == ' ' || p[len] == '/';
  return n;
}

/* The text of @html as the app shows it: sanitised, then plain text. */
static char *
shown_text (const char *html,
            const char *base_url)
{
  g_autofree char *clean = drama_html_sanitize (html, base_url);

  return drama_html_to_text (clean);
}

typedef struct {
  const char *name;          /* NAME.html and NAME.body.txt, in fixtures/pages unless a
                              * folder is named ("reader/story") */
  const char *base_url;
  const char *encoding;      /* of NAME.html, when not UTF-8 */
  const char *title;
  const char *image;         /* the absolute src the article's picture must have */
  const char *caption;       /* words of its caption */
} Fixture;

static const Fixture fixtures[] = {
  { "korean-entertainment", "https://www.stardaily.example.kr/news/articleView.html?idxno=412345",
    NULL, "김지원·이도현 '봄날의 서재', 첫 방송 시청률 8.7%로 순조로운 출발",
    "https://www.stardaily.example.kr/news/photo/202612/412345_302211_1234.jpg", "사진=tvN" },
  { "wordpress-comments", "https://seoulscreenjournal.example.com/2026/11/28/lovers-of-the-red-sky-finale-review/",
    NULL, "Lovers of the Red Sky finale review: a quiet ending that earns every tear",
    "https://seoulscreenjournal.example.com/wp-content/uploads/2026/11/red-sky-finale-1024x576.jpg",
    "Kim Yoo-jung and Ahn Hyo-seop in the final episode" },
  { "related-footer", "https://www.dailyglobe.example.com/culture/tv/2026/12/03/k-drama-streaming-boom",
    NULL, "How K-dramas became streaming's most reliable export",
    "https://cdn.dailyglobe.example.com/images/2026/12/03/kdrama-set-1200.jpg",
    "A film crew sets up on the Jeonju set" },
  { "korean-euckr", "http://news.example.co.kr/article/view.php?no=2881",
    "EUC-KR", "주말드라마 '우리 집 막내' 종영, 마지막 회 시청률 21.3%",
    "http://news.example.co.kr/data/photo/2881_1.jpg", "사진=KBS" },
  /* Written for the loader's tests by someone else than the engine's author: the engine
   * was not tuned to it. */
  { "../reader/story", "https://kscreen.example.com/news/behind-the-wire",
    NULL, "Behind the wire: how the flying scenes were shot",
    "https://kscreen.example.com/news/photos/wire-paju.jpg", "The wirework rig in the Paju gymnasium" },
};

static void
test_fixture (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autofree char *page_name = g_strconcat (fixture->name, ".html", NULL);
  g_autofree char *body_name = g_strconcat (fixture->name, ".body.txt", NULL);
  g_autofree char *page = NULL, *page_utf8 = NULL, *body = NULL;
  g_autofree char *html = NULL, *title = NULL, *clean = NULL, *text = NULL, *page_text = NULL;
  g_autoptr(GHashTable) body_words = NULL, out_words = NULL, page_words = NULL;
  g_autoptr(GError) error = NULL;
  gsize page_len;
  guint n_body, n_kept, n_out_other, n_page_other, n_page_body, n_raw_p, n_clean_p;
  double recall, boilerplate;

  page = read_page (page_name, &page_len);
  body = read_page (body_name, NULL);

  html = drama_readability_extract (page, page_len, fixture->base_url, &title, &error);
  g_assert_no_error (error);
  g_assert_nonnull (html);
  g_assert_cmpstr (title, ==, fixture->title);

  /* What the reader sees, after the sanitiser the caller runs it through: paragraphs and
   * the picture survive it. */
  clean = drama_html_sanitize (html, fixture->base_url);
  n_raw_p = count_tags (html, "<p");
  n_clean_p = count_tags (clean, "<p");
  g_assert_cmpuint (n_clean_p, ==, n_raw_p);
  g_assert_cmpuint (count_tags (clean, "<br"), ==, count_tags (html, "<br"));
  g_assert_cmpuint (n_clean_p + count_tags (clean, "<br"), >, 0);
  {
    g_autofree char *src = g_strdup_printf (" src=\"%s\"", fixture->image);
    const char *img = strstr (clean, "<img ");

    g_assert_nonnull (img);
    g_assert_nonnull (strstr (img, src));
    g_assert_true (strstr (img, src) < strchr (img, '>'));
  }
  text = drama_html_to_text (clean);
  g_assert_nonnull (strstr (text, fixture->caption));

  /* The page's own words, for what is not the article. */
  if (fixture->encoding != NULL)
    {
      page_utf8 = g_convert (page, (gssize) page_len, "UTF-8", fixture->encoding, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  page_text = shown_text (page_utf8 != NULL ? page_utf8 : page, fixture->base_url);

  body_words = count_words (body);
  out_words = count_words (text);
  page_words = count_words (page_text);
  n_body = total_words (body_words);
  /* The article's words are all on the page: else the sidecar is wrong, not the engine. */
  n_page_body = common_words (body_words, page_words, NULL);
  g_assert_cmpuint (n_page_body, ==, n_body);

  n_kept = common_words (body_words, out_words, NULL);
  common_words (out_words, body_words, &n_out_other);
  common_words (page_words, body_words, &n_page_other);
  g_assert_cmpuint (n_page_other, >, 0);

  recall = 100.0 * n_kept / n_body;
  boilerplate = 100.0 * n_out_other / n_page_other;
  g_test_message ("%s: body words kept %u/%u = %.1f%%, boilerplate words kept %u/%u = %.1f%%",
                  fixture->name, n_kept, n_body, recall, n_out_other, n_page_other, boilerplate);

  g_assert_cmpfloat (recall, >=, 95.0);
  g_assert_cmpfloat (boilerplate, <=, 5.0);
}

/* A page converted to UTF-8 that still declares its old charset (as pages saved, or
 * served through a converting proxy, do) is read as the UTF-8 it is. */
static void
test_charset_mislabelled (void)
{
  gsize len;
  g_autofree char *page = read_page ("korean-euckr.html", &len);
  g_autofree char *body = read_page ("korean-euckr.body.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *utf8 = g_convert (page, (gssize) len, "UTF-8", "EUC-KR", NULL, &len, &error);
  g_autofree char *html = NULL, *title = NULL, *text = NULL;
  g_autoptr(GHashTable) body_words = NULL, out_words = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (utf8, "charset=euc-kr"));
  html = drama_readability_extract (utf8, len, "http://news.example.co.kr/", &title, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "주말드라마 '우리 집 막내' 종영, 마지막 회 시청률 21.3%");
  text = shown_text (html, "http://news.example.co.kr/");
  body_words = count_words (body);
  out_words = count_words (text);
  g_assert_cmpuint (common_words (body_words, out_words, NULL), ==, total_words (body_words));
}

/* Without og:title, the title is the article's own <h1>, not the page's <title>; and it is
 * not repeated in the article. */
static void
test_title_from_h1 (void)
{
  static const char page[] =
    "<html><head><title>Weekend TV | Some Site</title></head><body>"
    "<div class=\"menu\"><a href=\"/\">Home</a> <a href=\"/tv\">TV</a></div>"
    "<div class=\"post\"><h1>The one drama to watch this weekend</h1>"
    "<p>It has a slow start, a patient middle and, in the last two episodes, the best "
    "writing on television this year, which is reason enough to watch it.</p>"
    "<p>The leads, who have worked together before, know exactly how to play off each "
    "other, and the supporting cast is just as good, if not better.</p>"
    "<p>Give it three episodes. By the fourth, you will not want to stop, and by the "
    "sixth, you will be telling everyone you know about it.</p></div></body></html>";
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *html = drama_readability_extract (page, sizeof page - 1,
                                                     "https://example.org/", &title, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "The one drama to watch this weekend");
  g_assert_null (strstr (html, "<h1"));
  g_assert_null (strstr (html, "Home"));
  g_assert_nonnull (strstr (html, "Give it three episodes."));
}

/* Some sites (ASP.NET's WebForms among them) put the whole page in one <form>: the article
 * inside it is found, the search box beside it is not kept. */
static void
test_page_in_form (void)
{
  static const char page[] =
    "<html><head><title>Drama news</title></head><body>"
    "<form id=\"aspnetForm\" method=\"post\" action=\"./view.aspx?id=7\">"
    "<input type=\"hidden\" name=\"__VIEWSTATE\" value=\"dDwtMTA4\">"
    "<div class=\"search\"><label>Search the site</label><input type=\"text\" name=\"q\">"
    "<input type=\"submit\" value=\"Go\"></div>"
    "<div id=\"view_body\"><p>The broadcaster confirmed on Monday that the drama will return "
    "for a second season, with the original cast and writer, next autumn.</p>"
    "<p>Filming starts in March in Busan, where most of the first season was shot, and will "
    "run for about five months, the production company said.</p>"
    "<p>The first season ended in October with the highest ratings of any cable drama this "
    "year, and its finale was the most-streamed episode on the channel's own service.</p>"
    "</div></form></body></html>";
  g_autoptr(GError) error = NULL;
  g_autofree char *html = drama_readability_extract (page, sizeof page - 1,
                                                     "https://example.org/", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "for a second season"));
  g_assert_nonnull (strstr (html, "most-streamed episode"));
  g_assert_null (strstr (html, "Search the site"));
  g_assert_null (strstr (html, "<input"));
}

/* Pictures that load late name their file in data-src (data-original, data-lazy-src) or
 * only in a srcset: the result names it in src, absolute. */
static void
test_lazy_images (void)
{
  static const char page[] =
    "<html><body><div class=\"article-body\">"
    "<p>The first stills from the new season show the leads back in the old neighbourhood, "
    "older, warier, and, for the first time, on the same side.</p>"
    "<figure><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" "
    "data-src=\"/stills/one.jpg\"><figcaption>The first still</figcaption></figure>"
    "<p>The broadcaster has not yet named a date, but the production company says filming "
    "wrapped last week, and the first teaser will follow within a month.</p>"
    "<figure><img data-original=\"stills/two.jpg\"><figcaption>The second</figcaption></figure>"
    "<figure><img data-lazy-src=\"https://cdn.example.net/three.jpg\"></figure>"
    "<figure><img srcset=\"/stills/four-800.jpg 800w, /stills/four-400.jpg 400w\"></figure>"
    "<p>Fans have waited three years for the story to continue, which, by the standards of "
    "the genre, and of this writer in particular, is not long at all.</p>"
    "</div></body></html>";
  static const char * const sources[] = {
    " src=\"https://example.org/stills/one.jpg\"",
    " src=\"https://example.org/news/stills/two.jpg\"",
    " src=\"https://cdn.example.net/three.jpg\"",
    " src=\"https://example.org/stills/four-800.jpg\"",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *html = drama_readability_extract (page, sizeof page - 1,
                                                     "https://example.org/news/item", NULL,
                                                     &error);
  g_autofree char *clean = NULL;

  g_assert_no_error (error);
  clean = drama_html_sanitize (html, "https://example.org/news/item");
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    g_assert_nonnull (strstr (clean, sources[i]));
  g_assert_nonnull (strstr (clean, "<figcaption>The first still</figcaption>"));
}

/* ---- pages without an article ---- */

static void
assert_no_article (const char *html,
                   gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *result = NULL;

  result = drama_readability_extract (html, len, "https://example.org/", &title, &error);
  g_assert_null (result);
  g_assert_null (title);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_negative (gconstpointer data)
{
  const char *name = data;
  gsize len;
  g_autofree char *page = read_page (name, &len);

  assert_no_article (page, len);
}

/* ---- hostile input ---- */

static void
test_empty (void)
{
  assert_no_article ("", 0);
  assert_no_article ("<html><body></body></html>", 26);
  assert_no_article ("   \n", 4);
}

/* Ten megabytes of nested <div>s holding an article @above levels down, and text all the
 * way below it: the engine cuts the input, never recurses, finds the article, and gives it
 * back no deeper than it says (libxml2 itself stops at 256 levels). */
static void
assert_nested (guint above)
{
  const gsize size = 10 * 1024 * 1024;
  GString *page = g_string_sized_new (size + 1024);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL, *clean = NULL, *text = NULL;
  guint depth = 0, max_depth = 0;

  g_string_append (page, "<html><body>");
  for (guint i = 0; i < above; i++)
    g_string_append (page, "<div>");
  for (guint i = 0; i < 6; i++)
    g_string_append (page, "<p>Deep down, with a comma, a paragraph long enough to count as "
                           "one: the article is here, and it should be found.</p>");
  for (guint i = 0; page->len < size; i++)
    g_string_append (page, i % 16 == 0 ? "<div>deeper<span>and deeper</span>" : "<div>");

  html = drama_readability_extract (page->str, page->len, "https://example.org/", NULL, &error);
  g_string_free (page, TRUE);
  g_assert_no_error (error);
  g_assert_nonnull (html);

  for (const char *p = html; (p = strchr (p, '<')) != NULL; p++)
    if (g_str_has_prefix (p, "<div") || g_str_has_prefix (p, "<article"))
      {
        depth++;
        max_depth = MAX (max_depth, depth);
      }
    else if (g_str_has_prefix (p, "</div") || g_str_has_prefix (p, "</article"))
      depth--;
  g_test_message ("article %u levels down: the result nests %u levels", above, max_depth);
  g_assert_cmpuint (max_depth, <=, 201);

  clean = drama_html_sanitize (html, "https://example.org/");
  text = drama_html_to_text (clean);
  g_assert_nonnull (strstr (text, "the article is here"));
}

static void
test_nested (void)
{
  assert_nested (2);
  assert_nested (150);
  assert_nested (240);
}

/* Six megabytes of paragraphs: read up to the cap, in one piece. */
static void
test_huge (void)
{
  GString *page = g_string_new ("<html><body><div class=\"article-body\">");
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;

  while (page->len < 6 * 1024 * 1024)
    g_string_append (page, "<p>One more paragraph of a very long article, with commas, "
                           "and sentences that go on and on.</p>\n");
  html = drama_readability_extract (page->str, page->len, "https://example.org/", NULL, &error);
  g_string_free (page, TRUE);
  g_assert_no_error (error);
  g_assert_nonnull (html);
  g_assert_cmpuint (strlen (html), <=, 5 * 1024 * 1024 + 1024);
  g_assert_cmpuint (strlen (html), >, 4 * 1024 * 1024);
}

static void
test_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);

  for (guint round = 0; round < 20; round++)
    {
      gsize len = (gsize) g_rand_int_range (rand, 1, 256 * 1024);
      g_autofree guint8 *bytes = g_malloc (len);
      g_autoptr(GError) error = NULL;
      g_autofree char *html = NULL;

      for (gsize i = 0; i < len; i++)
        bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
      /* Some of it tags, so the parser has elements to build. */
      for (gsize i = 0; i + 8 < len; i += (gsize) g_rand_int_range (rand, 16, 400))
        memcpy (bytes + i, round % 2 ? "<p>a, b " : "<div x=", 8);
      html = drama_readability_extract ((const char *) bytes, len, NULL, NULL, &error);
      if (html == NULL)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      else
        g_free (drama_html_sanitize (html, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *base = g_path_get_basename (fixtures[i].name);
      g_autofree char *path = g_strconcat ("/readability/article/", base, NULL);

      g_test_add_data_func (path, &fixtures[i], test_fixture);
    }
  g_test_add_func ("/readability/charset/mislabelled", test_charset_mislabelled);
  g_test_add_func ("/readability/title/h1", test_title_from_h1);
  g_test_add_func ("/readability/page-in-form", test_page_in_form);
  g_test_add_func ("/readability/lazy-images", test_lazy_images);
  g_test_add_data_func ("/readability/no-article/index-page", "index-page.html", test_negative);
  g_test_add_data_func ("/readability/no-article/login", "login.html", test_negative);
  g_test_add_func ("/readability/hostile/empty", test_empty);
  g_test_add_func ("/readability/hostile/nested", test_nested);
  g_test_add_func ("/readability/hostile/huge", test_huge);
  g_test_add_func ("/readability/hostile/garbage", test_garbage);

  return g_test_run ();
}
