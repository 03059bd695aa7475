/* The reader page builder: what feeds send is escaped, links and images are checked. */
#define G_LOG_DOMAIN "test-ui-article-page"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "drama-article-page.h"

static void
test_escapes_feed_text (void)
{
  DramaArticlePageInfo info = {
    .title = "<script>alert('t')</script> Tom & Jerry",
    .author = "<img src=x onerror=alert(1)>",
    .feed_title = "\"><b>Feed</b>",
    .body_html = "<p>Body stays <em>as sanitised</em></p>",
  };
  g_autofree char *page = drama_article_page_build (&info);

  g_assert_null (strstr (page, "<script>"));
  g_assert_null (strstr (page, "<img src=x"));
  g_assert_null (strstr (page, "<b>Feed</b>"));
  g_assert_nonnull (strstr (page, "&lt;script&gt;alert(&apos;t&apos;)&lt;/script&gt; Tom &amp; Jerry"));
  g_assert_nonnull (strstr (page, "&lt;img src=x onerror=alert(1)&gt;"));
  /* The sanitised body is the one piece of markup that goes in as it is. */
  g_assert_nonnull (strstr (page, "<p>Body stays <em>as sanitised</em></p>"));
  g_assert_true (g_str_has_prefix (page, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (page, "<meta charset=\"utf-8\">"));
}

static void
test_links_and_images_checked (void)
{
  DramaArticlePageInfo bad = {
    .title = "T",
    .link = "javascript:alert(1)",
    .image = "file:///etc/passwd",
  };
  DramaArticlePageInfo good = {
    .title = "T",
    .link = "https://example.com/a?b=1&c=2",
    .image = "https://img.example.com/x.jpg",
  };
  g_autofree char *bad_page = drama_article_page_build (&bad);
  g_autofree char *good_page = drama_article_page_build (&good);

  g_assert_null (strstr (bad_page, "javascript:"));
  g_assert_null (strstr (bad_page, "file:"));
  g_assert_null (strstr (bad_page, "<footer>"));

  /* The link is an attribute: its & is escaped, and it is offered twice (title, footer). */
  g_assert_nonnull (strstr (good_page, "href=\"https://example.com/a?b=1&amp;c=2\""));
  g_assert_nonnull (strstr (good_page, "<footer>"));
  g_assert_nonnull (strstr (good_page, "src=\"https://img.example.com/x.jpg\""));
}

static void
test_date_and_palette (void)
{
  DramaArticlePageInfo info = { .title = "T", .published = 1558526400, .dark = TRUE };
  DramaArticlePageInfo none = { NULL };
  g_autofree char *page = drama_article_page_build (&info);
  g_autofree char *empty = drama_article_page_build (&none);
  g_autofree char *message = drama_article_page_build_message ("<Oops>", "a & b", FALSE);

  g_assert_nonnull (strstr (page, "datetime=\"2019-05-22T12:00:00Z\""));
  g_assert_nonnull (strstr (page, "<html class=\"dark\">"));
  g_assert_nonnull (strstr (page, "max-width: 70ch"));
  /* No title from the feed: a placeholder, never an empty heading. */
  g_assert_nonnull (strstr (empty, "<h1>Untitled article</h1>"));
  g_assert_null (strstr (empty, "class=\"byline\""));
  g_assert_nonnull (strstr (message, "&lt;Oops&gt;"));
  g_assert_nonnull (strstr (message, "a &amp; b"));
  g_assert_nonnull (strstr (message, "<html class=\"light\">"));
}

/* On days 1 to 9 the date starts with its digit: "%e" pads with a figure space (U+2007),
 * which g_strstrip () keeps, and the reader's date line was indented by it. */
static void
test_date_not_padded (void)
{
  /* 5 May 2019, noon UTC: the 4th, 5th or 6th wherever the test runs. */
  DramaArticlePageInfo info = { .title = "T", .published = 1557057600 };
  g_autofree char *page = drama_article_page_build (&info);
  const char *time = strstr (page, "<time datetime=\"2019-05-05T12:00:00Z\">");
  const char *shown;

  g_assert_nonnull (time);
  shown = strchr (time, '>') + 1;
  g_assert_true (g_ascii_isdigit (shown[0]));
  g_assert_false (g_ascii_isdigit (shown[1]));
  g_assert_null (strstr (page, "\u2007"));
  g_assert_null (strstr (page, "\xe2\x80\x87"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/article-page/escapes-feed-text", test_escapes_feed_text);
  g_test_add_func ("/ui/article-page/links-and-images-checked", test_links_and_images_checked);
  g_test_add_func ("/ui/article-page/date-and-palette", test_date_and_palette);
  g_test_add_func ("/ui/article-page/date-not-padded", test_date_not_padded);

  return g_test_run ();
}
