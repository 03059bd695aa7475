/* The feed parser: every format, encodings, links, and hostile input. */
#include "config.h"

#include <gio/gio.h>
#include <glib.h>
#include <string.h>

#include "drama-date.h"
#include "drama-feed-parser.h"
#include "drama-feed-parser-private.h"
#include "drama-html.h"
#include "drama-html-private.h"
#include "test-common.h"

static DramaParsedFeed *
parse_data (const char          *data,
            gsize                length,
            const char          *base,
            DramaFeedParseFlags  flags)
{
  g_autoptr(GError) error = NULL;
  DramaParsedFeed *feed = drama_feed_parser_parse_full (data, length, base, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_assert_nonnull (feed->entries);
  /* Each entry's plain text is what the store would make of its summary and content. */
  for (guint i = 0; i < feed->entries->len; i++)
    {
      DramaParsedEntry *entry = g_ptr_array_index (feed->entries, i);
      g_autofree char *expected = drama_html_article_text (entry->summary, entry->content);

      if (flags & DRAMA_FEED_PARSE_KEEP_MARKUP)
        g_assert_null (entry->text);
      else
        g_assert_cmpstr (entry->text, ==, expected);
    }
  return feed;
}

static DramaParsedFeed *
parse_fixture_full (const char          *name,
                    const char          *base,
                    DramaFeedParseFlags  flags)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "parser", name, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return parse_data (data, length, base, flags);
}

static DramaParsedFeed *
parse_fixture (const char *name,
               const char *base)
{
  return parse_fixture_full (name, base, DRAMA_FEED_PARSE_DEFAULT);
}

static DramaParsedEntry *
entry_at (DramaParsedFeed *feed,
          guint            i)
{
  g_assert_cmpuint (i, <, feed->entries->len);
  return g_ptr_array_index (feed->entries, i);
}

static void
assert_date (gint64      value,
             const char *iso)
{
  g_autofree char *text = drama_date_to_iso (value);

  g_assert_cmpstr (text, ==, iso);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack ? haystack : "(null)", needle);
}

static void
assert_safe_url (const char *url)
{
  if (url == NULL)
    return;
  g_assert_true (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://"));
}

static void
test_rss20 (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("rss20.xml",
                                                  "https://news.example.org/feed.xml");
  DramaParsedEntry *e;
  DramaEnclosure *enclosure;

  g_assert_cmpstr (feed->format, ==, "rss2.0");
  g_assert_cmpstr (feed->title, ==, "Drama News");
  g_assert_cmpstr (feed->link, ==, "https://news.example.org/");
  g_assert_cmpstr (feed->subtitle, ==, "K-drama news & more");
  g_assert_cmpuint (feed->entries->len, ==, 3);

  e = entry_at (feed, 0);
  /* &rsquo; and &nbsp; are HTML's, not XML's: they still become the characters. */
  g_assert_cmpstr (e->title, ==, "Shin Hye Sun’s new drama\302\240airs");
  g_assert_cmpstr (e->link, ==, "https://news.example.org/articles/1");
  g_assert_cmpstr (e->id, ==, "article-1");
  g_assert_cmpstr (e->author, ==, "Jane Writer");
  assert_date (e->published, "2019-05-22T12:00:00Z");
  assert_contains (e->summary, "<b>paragraph</b>");
  assert_contains (e->content, "https://news.example.org/images/inline.jpg");
  g_assert_cmpstr (e->image, ==, "https://img.example.org/cover.jpg");
  g_assert_cmpuint (e->enclosures->len, ==, 1);
  enclosure = g_ptr_array_index (e->enclosures, 0);
  g_assert_cmpstr (enclosure->url, ==, "https://media.example.org/ep1.mp3");
  g_assert_cmpstr (enclosure->type, ==, "audio/mpeg");
  g_assert_cmpint (enclosure->length, ==, 12345);

  e = entry_at (feed, 1);
  g_assert_cmpstr (e->id, ==, "https://news.example.org/articles/2");
  g_assert_cmpstr (e->link, ==, "https://news.example.org/articles/2");  /* permalink guid */
  g_assert_cmpstr (e->author, ==, "The Editor");
  g_assert_cmpint (e->published, ==, 0);  /* the date is dropped, not the entry */
  g_assert_cmpstr (e->summary, ==, "Plain description");
  g_assert_cmpstr (e->image, ==, "https://img.example.org/poster.png");

  e = entry_at (feed, 2);
  g_assert_cmpstr (e->image, ==, "https://img.example.org/thumb3.jpg");
  assert_contains (e->summary, "<img");
  g_assert_nonnull (e->id);  /* no guid: the link stands in */
  g_assert_cmpstr (e->id, ==, "https://news.example.org/articles/3");
}

static void
test_image_from_content (void)
{
  const char *xml =
    "<rss version='2.0'><channel><title>t</title><item><title>i</title>"
    "<description>&lt;p&gt;x &lt;img src='pic.jpg'&gt;&lt;/p&gt;</description></item>"
    "</channel></rss>";
  g_autoptr(DramaParsedFeed) feed = parse_data (xml, strlen (xml), "https://img.example.org/a/feed",
                                                DRAMA_FEED_PARSE_DEFAULT);

  g_assert_cmpstr (entry_at (feed, 0)->image, ==, "https://img.example.org/a/pic.jpg");
}

/* On its way into the library each HTML field is parsed twice, by the sanitiser (its pass
 * and the pass that checks the result), and its plain text and first picture come from
 * those parses: nothing parses it again (the store, the matcher and the updater read the
 * text the parser made). */
static void
test_parse_budget (void)
{
  GString *xml = g_string_new ("<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
                               "<channel><title>t</title>");
  g_autoptr(DramaParsedFeed) feed = NULL;
  guint before;

  for (guint i = 0; i < 10; i++)
    g_string_append_printf (xml, "<item><title>Item %u</title><guid>g%u</guid>"
                            "<description>&lt;p&gt;Summary &lt;b&gt;%u&lt;/b&gt;&lt;/p&gt;</description>"
                            "<content:encoded><![CDATA[<p>Body %u</p><img src='/p%u.jpg'><p>more</p>]]>"
                            "</content:encoded></item>", i, i, i, i, i);
  g_string_append (xml, "</channel></rss>");

  before = _drama_html_get_n_parses ();
  feed = drama_feed_parser_parse (xml->str, xml->len, "https://example.org/feed", NULL);
  g_assert_nonnull (feed);
  g_assert_cmpuint (feed->entries->len, ==, 10);
  g_assert_cmpuint (_drama_html_get_n_parses () - before, ==, 10 * 2 * 2);

  for (guint i = 0; i < 10; i++)
    {
      DramaParsedEntry *e = entry_at (feed, i);
      g_autofree char *image = g_strdup_printf ("https://example.org/p%u.jpg", i);
      g_autofree char *text = g_strdup_printf ("Summary %u\n\nBody %u\n\nmore", i, i);

      g_assert_cmpstr (e->image, ==, image);
      g_assert_cmpstr (e->text, ==, text);
    }
  g_string_free (xml, TRUE);
}

static void
test_rss10 (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("rss10.xml", NULL);
  DramaParsedEntry *e;

  g_assert_cmpstr (feed->format, ==, "rss1.0");
  g_assert_cmpstr (feed->title, ==, "RDF Site");
  g_assert_cmpstr (feed->link, ==, "https://rdf.example.org/");
  g_assert_cmpstr (feed->subtitle, ==, "An RSS 1.0 feed");
  g_assert_cmpuint (feed->entries->len, ==, 1);
  e = entry_at (feed, 0);
  g_assert_cmpstr (e->title, ==, "RDF item");
  g_assert_cmpstr (e->id, ==, "https://rdf.example.org/1");
  g_assert_cmpstr (e->author, ==, "Kim");
  assert_date (e->updated, "2019-05-22T12:00:00Z");
  assert_date (e->published, "2019-05-22T12:00:00Z");
}

static void
test_rss091 (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("rss091.xml", NULL);

  /* The DOCTYPE names an external DTD: it is never fetched, its entities still read. */
  g_assert_cmpstr (feed->format, ==, "rss0.9x");
  g_assert_cmpstr (feed->title, ==, "Old School");
  g_assert_cmpstr (feed->subtitle, ==, "Since 1999 ©");
  g_assert_cmpstr (entry_at (feed, 0)->title, ==, "Café opening");
  g_assert_cmpstr (entry_at (feed, 0)->link, ==, "http://old.example.org/cafe");
}

static void
test_atom10 (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("atom10.xml",
                                                  "https://ignored.example.org/feed");
  g_autoptr(DramaParsedFeed) markup = parse_fixture_full ("atom10.xml", NULL,
                                                          DRAMA_FEED_PARSE_KEEP_MARKUP);
  DramaParsedEntry *e;
  DramaEnclosure *enclosure;

  g_assert_cmpstr (feed->format, ==, "atom1.0");
  g_assert_cmpstr (feed->title, ==, "Atom Drama Blog");  /* plain text for the app */
  g_assert_cmpstr (markup->title, ==, "Atom <b>Drama</b> Blog");
  g_assert_cmpstr (feed->subtitle, ==, "All about dramas");
  g_assert_cmpstr (feed->link, ==, "https://atom.example.org/blog/");
  g_assert_cmpuint (feed->entries->len, ==, 2);

  e = entry_at (feed, 0);
  g_assert_cmpstr (e->title, ==, "Relative links");
  g_assert_cmpstr (e->link, ==, "https://atom.example.org/blog/posts/1");
  g_assert_cmpstr (e->id, ==, "tag:atom.example.org,2019:1");
  assert_date (e->published, "2019-05-22T12:00:00Z");
  assert_date (e->updated, "2019-05-23T00:30:00Z");
  g_assert_cmpstr (e->summary, ==, "Plain &lt;summary&gt;");
  assert_contains (e->content, "href=\"https://atom.example.org/other/page.html\"");
  g_assert_cmpstr (e->author, ==, "Feed Author");  /* inherited from the feed */
  g_assert_cmpuint (e->enclosures->len, ==, 1);
  enclosure = g_ptr_array_index (e->enclosures, 0);
  g_assert_cmpstr (enclosure->url, ==, "https://atom.example.org/media/still.jpg");
  g_assert_cmpint (enclosure->length, ==, 2048);
  g_assert_cmpstr (e->image, ==, "https://atom.example.org/media/still.jpg");

  e = entry_at (feed, 1);
  g_assert_cmpstr (e->title, ==, "Inline markup");
  g_assert_cmpstr (entry_at (markup, 1)->title, ==, "Inline <b>markup</b>");
  g_assert_cmpstr (e->link, ==, "https://elsewhere.example.net/root/entry2");
  g_assert_cmpstr (e->author, ==, "Entry Author");
  g_assert_cmpstr (entry_at (markup, 1)->author, ==, "Entry Author (entry@example.org)");
  assert_date (e->updated, "2019-05-24T00:00:00Z");
  assert_date (e->published, "2019-05-24T00:00:00Z");
  assert_contains (e->content, "<p>HTML content</p>");
}

static void
test_atom03 (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("atom03.xml", NULL);
  DramaParsedEntry *e;

  g_assert_cmpstr (feed->format, ==, "atom0.3");
  g_assert_cmpstr (feed->title, ==, "Atom 0.3 Feed");
  g_assert_cmpstr (feed->subtitle, ==, "An old format");
  g_assert_cmpstr (feed->link, ==, "https://atom03.example.org/");
  e = entry_at (feed, 0);
  g_assert_cmpstr (e->title, ==, "Base64 title");
  g_assert_cmpstr (e->link, ==, "https://atom03.example.org/1");
  assert_date (e->published, "2004-01-01T00:00:00Z");
  assert_date (e->updated, "2004-01-02T00:00:00Z");
  assert_contains (e->content, "<em>there</em>");
}

static void
test_jsonfeed (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("jsonfeed.json",
                                                  "https://json.example.org/feed.json");
  DramaParsedEntry *e;
  DramaEnclosure *enclosure;

  g_assert_cmpstr (feed->format, ==, "jsonfeed");
  g_assert_cmpstr (feed->title, ==, "JSON Dramas");
  g_assert_cmpstr (feed->link, ==, "https://json.example.org/");
  g_assert_cmpstr (feed->subtitle, ==, "A JSON Feed");
  g_assert_cmpuint (feed->entries->len, ==, 3);  /* the string item is skipped */

  e = entry_at (feed, 0);
  g_assert_cmpstr (e->id, ==, "1");
  g_assert_cmpstr (e->title, ==, "JSON item");
  g_assert_cmpstr (e->link, ==, "https://json.example.org/1");
  g_assert_null (strstr (e->content, "<script"));
  assert_contains (e->content, "world");
  g_assert_cmpstr (e->summary, ==, "Short");
  g_assert_cmpstr (e->image, ==, "https://json.example.org/1.jpg");
  g_assert_cmpstr (e->author, ==, "Feed Person");
  assert_date (e->published, "2019-05-22T12:00:00Z");
  assert_date (e->updated, "2019-05-23T00:00:00Z");
  enclosure = g_ptr_array_index (e->enclosures, 0);
  g_assert_cmpstr (enclosure->url, ==, "https://json.example.org/1.mp3");
  g_assert_cmpint (enclosure->length, ==, 777);

  e = entry_at (feed, 1);
  g_assert_cmpstr (e->id, ==, "2");
  g_assert_null (e->link);
  g_assert_cmpstr (e->content, ==, "Text &lt;only&gt;");
  g_assert_cmpint (e->published, ==, 0);

  e = entry_at (feed, 2);
  g_assert_null (e->title);
  g_assert_cmpstr (e->link, ==, "https://json.example.org/relative/3");
}

/* shared/seed/article.txt: its first line is the headline, the rest the body. */
static void
load_seed (char **title,
           char **body_html)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GString *html = g_string_new (NULL);

  path = test_shared_path ("seed/article.txt");
  if (path == NULL || !g_file_get_contents (path, &text, NULL, NULL))
    g_error ("cannot read %s", path);
  lines = g_strsplit (text, "\n", -1);
  *title = g_strdup (lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      {
        g_autofree char *escaped = g_markup_escape_text (lines[i], -1);
        g_string_append_printf (html, "<p>%s</p>\n", escaped);
      }
  *body_html = g_string_free (html, FALSE);
}

static void
test_seed_rss (void)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(DramaParsedFeed) feed = NULL;
  DramaParsedEntry *e;

  if (!test_have_shared ("seed/article.txt"))
    return;
  load_seed (&title, &body);
  g_assert_true (g_str_has_prefix (title, "Watch: Shin Hye Sun And INFINITE’s L"));
  escaped_title = g_markup_escape_text (title, -1);
  xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<rss version=\"2.0\""
                         " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                         "<channel><title>Soompi</title><link>https://www.soompi.com/</link>"
                         "<item><title>%s</title><link>https://www.soompi.com/article/1</link>"
                         "<pubDate>Thu, 23 May 2019 10:00:00 +0900</pubDate>"
                         "<content:encoded><![CDATA[%s]]></content:encoded></item>"
                         "</channel></rss>", escaped_title, body);
  feed = parse_data (xml, strlen (xml), "https://www.soompi.com/feed", DRAMA_FEED_PARSE_DEFAULT);
  e = entry_at (feed, 0);
  g_assert_cmpstr (e->title, ==, title);
  assert_contains (e->content, "“Angel’s Last Mission: Love”");
  assert_contains (e->content, "Shin Hye Sun looks like she’s on the verge of tears");
  assert_date (e->published, "2019-05-23T01:00:00Z");
}

static void
test_seed_atom (void)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_body = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(DramaParsedFeed) feed = NULL;
  DramaParsedEntry *e;

  if (!test_have_shared ("seed/article.txt"))
    return;
  load_seed (&title, &body);
  escaped_title = g_markup_escape_text (title, -1);
  escaped_body = g_markup_escape_text (body, -1);
  xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                         "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Soompi</title>"
                         "<entry><title type=\"text\">%s</title><id>tag:soompi,2019:1</id>"
                         "<link href=\"https://www.soompi.com/article/1\"/>"
                         "<updated>2019-05-23T10:00:00+09:00</updated>"
                         "<content type=\"html\">%s</content></entry></feed>",
                         escaped_title, escaped_body);
  feed = parse_data (xml, strlen (xml), NULL, DRAMA_FEED_PARSE_DEFAULT);
  e = entry_at (feed, 0);
  g_assert_cmpstr (e->title, ==, title);
  assert_contains (e->content, "<p>");
  assert_contains (e->content, "“Angel’s Last Mission: Love”");
  assert_contains (e->content, "If you haven’t already seen it");
  assert_date (e->updated, "2019-05-23T01:00:00Z");
}

static void
test_encoding_mislabelled (void)
{
  g_autoptr(DramaParsedFeed) utf8 = parse_fixture ("cp1252-as-utf8.xml", NULL);
  g_autoptr(DramaParsedFeed) latin1 = parse_fixture ("cp1252-as-latin1.xml", NULL);

  /* Windows-1252 bytes 0x93/0x94/0x96/0x92/0x80 are smart quotes, a dash, an apostrophe, €. */
  g_assert_cmpstr (entry_at (utf8, 0)->title, ==, "“Smart” quotes – it’s € 5");
  g_assert_cmpstr (entry_at (utf8, 0)->summary, ==, "café");
  g_assert_cmpstr (entry_at (latin1, 0)->title, ==, "“Quoted” café");
}

static void
test_encoding_declared (void)
{
  g_autoptr(DramaParsedFeed) utf16 = parse_fixture ("utf16-bom.xml", NULL);
  g_autoptr(DramaParsedFeed) euckr = parse_fixture ("euc-kr.xml", NULL);
  const char *bom = "\xef\xbb\xbf<rss version=\"2.0\"><channel><title>BOM</title></channel></rss>";
  g_autoptr(DramaParsedFeed) utf8bom = parse_data (bom, strlen (bom), NULL,
                                                   DRAMA_FEED_PARSE_DEFAULT);

  g_assert_cmpstr (utf16->title, ==, "UTF-16 ‘feed’");
  g_assert_cmpstr (entry_at (utf16, 0)->title, ==, "한국 드라마");
  g_assert_cmpstr (euckr->title, ==, "한국어");
  g_assert_cmpstr (utf8bom->title, ==, "BOM");
}

static void
test_cdata_and_entities (void)
{
  const char *xml =
    "<rss version='2.0'><channel><title><![CDATA[Fish & Chips <now>]]></title>"
    "<item><title>AT&T &amp; co&hellip; &#8220;ok&#8221; &#150; &undefined;</title></item>"
    "</channel></rss>";
  g_autoptr(DramaParsedFeed) feed = parse_data (xml, strlen (xml), NULL, DRAMA_FEED_PARSE_DEFAULT);

  g_assert_cmpstr (feed->title, ==, "Fish & Chips <now>");
  /* A bare & is repaired; &#150; is Windows-1252's en dash; an unknown entity stays text. */
  g_assert_cmpstr (entry_at (feed, 0)->title, ==, "AT&T & co… “ok” – &undefined;");
}

static void
test_links_relative (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("relative.xml",
                                                  "https://feeds.example.com/dir/feed.xml");
  g_autoptr(DramaParsedFeed) no_base = parse_fixture ("relative.xml", NULL);

  g_assert_cmpstr (feed->link, ==, "https://feeds.example.com/home");
  g_assert_cmpstr (entry_at (feed, 0)->link, ==, "https://feeds.example.com/dir/articles/1");
  g_assert_cmpstr (entry_at (feed, 1)->link, ==, "https://cdn.example.net/base/2.html");
  assert_contains (entry_at (feed, 1)->summary, "https://cdn.example.net/base/more.html");
  /* Without a base a relative link cannot be made absolute: it is left out. */
  g_assert_null (no_base->link);
  g_assert_null (entry_at (no_base, 0)->link);
  g_assert_cmpstr (entry_at (no_base, 1)->link, ==, "https://cdn.example.net/base/2.html");
}

/* Links are read as a browser reads them: what it ignores (tabs, newlines, spaces at the
 * ends) is dropped, a space inside is escaped once made absolute. */
static void
test_links_cleaned (void)
{
  const char *xml =
    "<rss version='2.0'><channel><title>t</title><link>\n  https://site.example/home \n</link>"
    "<item><title>1</title><link>https://site.exa&#9;mple/1&#10;</link></item>"
    "<item><title>2</title><link> ../docs/a b.html</link></item>"
    "<item><title>3</title><link>java&#9;script:alert(1)</link></item>"
    "</channel></rss>";
  g_autoptr(DramaParsedFeed) feed = parse_data (xml, strlen (xml),
                                                "https://feeds.example/dir/feed.xml",
                                                DRAMA_FEED_PARSE_DEFAULT);

  g_assert_cmpstr (feed->link, ==, "https://site.example/home");
  g_assert_cmpstr (entry_at (feed, 0)->link, ==, "https://site.example/1");
  g_assert_cmpstr (entry_at (feed, 1)->link, ==, "https://feeds.example/docs/a%20b.html");
  g_assert_null (entry_at (feed, 2)->link);
}

static void
test_links_unsafe (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("unsafe-links.xml",
                                                  "https://unsafe.example.org/feed");

  g_assert_null (feed->link);
  g_assert_cmpuint (feed->entries->len, ==, 9);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      DramaParsedEntry *e = entry_at (feed, i);

      if (g_str_equal (e->title, "fine"))
        g_assert_cmpstr (e->link, ==, "https://safe.example.org/ok");
      else
        g_assert_null (e->link);
      g_assert_cmpuint (e->enclosures->len, ==, 0);
    }
}

static void
test_salvage_truncated (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("truncated-entries.xml", NULL);

  g_assert_cmpuint (feed->entries->len, >=, 2);
  g_assert_cmpstr (entry_at (feed, 0)->title, ==, "Good one");
  g_assert_cmpstr (entry_at (feed, 1)->title, ==, "Good two");
  g_assert_cmpstr (entry_at (feed, 1)->link, ==, "https://cut.example.org/2");
}

static void
assert_error (const char *data,
              gsize       length,
              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaParsedFeed) feed = drama_feed_parser_parse (data, length, NULL, &error);

  g_assert_null (feed);
  g_assert_error (error, DRAMA_FEED_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_errors (void)
{
  g_autofree char *huge = NULL;
  const gsize huge_length = DRAMA_FEED_PARSER_MAX_SIZE + 1;
  const char *html = "<!DOCTYPE html><html><head><title>Just a moment</title></head>"
                     "<body><script>check()</script></body></html>";

  assert_error ("", 0, DRAMA_FEED_ERROR_MALFORMED);
  assert_error ("  \n ", 4, DRAMA_FEED_ERROR_MALFORMED);
  assert_error ("\x01\x02garbage", 9, DRAMA_FEED_ERROR_MALFORMED);
  assert_error (html, strlen (html), DRAMA_FEED_ERROR_NOT_A_FEED);
  assert_error ("<note><to>x</to></note>", 23, DRAMA_FEED_ERROR_NOT_A_FEED);
  assert_error ("{\"a\": 1}", 8, DRAMA_FEED_ERROR_NOT_A_FEED);
  assert_error ("{\"version\": ", 12, DRAMA_FEED_ERROR_MALFORMED);
  assert_error ("<rss><chan", 10, DRAMA_FEED_ERROR_MALFORMED);

  huge = g_malloc (huge_length);
  memset (huge, ' ', huge_length);
  assert_error (huge, huge_length, DRAMA_FEED_ERROR_TOO_LARGE);
}

static void
test_max_entries (void)
{
  GString *xml = g_string_new ("<rss version='2.0'><channel><title>many</title>");
  g_autoptr(DramaParsedFeed) feed = NULL;

  for (int i = 0; i < DRAMA_FEED_PARSER_MAX_ENTRIES + 50; i++)
    g_string_append_printf (xml, "<item><guid>%d</guid></item>", i);
  g_string_append (xml, "</channel></rss>");
  feed = parse_data (xml->str, xml->len, NULL, DRAMA_FEED_PARSE_DEFAULT);
  g_assert_cmpuint (feed->entries->len, ==, DRAMA_FEED_PARSER_MAX_ENTRIES);
  g_string_free (xml, TRUE);
}

static void
assert_no_leak (const char *what,
                const char *value)
{
  if (value != NULL && (strstr (value, "root:") != NULL || strstr (value, "/bin/bash") != NULL))
    g_error ("%s leaks a local file: %s", what, value);
}

/* What reaches the store and the widgets is UTF-8, whatever came in. */
static void
assert_utf8 (const char *what,
             const char *value)
{
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    g_error ("%s is not valid UTF-8", what);
}

static void
check_hostile_feed (DramaParsedFeed *feed)
{
  assert_utf8 ("feed title", feed->title);
  assert_utf8 ("feed subtitle", feed->subtitle);
  assert_utf8 ("feed link", feed->link);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      DramaParsedEntry *e = entry_at (feed, i);

      assert_utf8 ("id", e->id);
      assert_utf8 ("title", e->title);
      assert_utf8 ("link", e->link);
      assert_utf8 ("author", e->author);
      assert_utf8 ("summary", e->summary);
      assert_utf8 ("content", e->content);
      assert_utf8 ("text", e->text);
      assert_utf8 ("image", e->image);
    }
  assert_no_leak ("feed title", feed->title);
  assert_no_leak ("feed subtitle", feed->subtitle);
  assert_safe_url (feed->link);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      DramaParsedEntry *e = entry_at (feed, i);

      assert_no_leak ("title", e->title);
      assert_no_leak ("summary", e->summary);
      assert_no_leak ("content", e->content);
      assert_no_leak ("author", e->author);
      assert_no_leak ("id", e->id);
      assert_safe_url (e->link);
      assert_safe_url (e->image);
      for (guint j = 0; j < e->enclosures->len; j++)
        assert_safe_url (((DramaEnclosure *) g_ptr_array_index (e->enclosures, j))->url);
      if (e->summary != NULL)
        g_assert_null (strstr (e->summary, "<script"));
      if (e->content != NULL)
        g_assert_null (strstr (e->content, "<script"));
    }
}

static DramaParsedFeed *
parse_hostile (const char  *name,
               GError     **error)
{
  g_autofree char *dir = test_shared_path ("corpus/hostile");
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  /* The test itself skips (test_have_shared) when the corpus is not there. */
  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, name, NULL);
  if (!g_file_get_contents (path, &data, &length, NULL))
    g_error ("cannot read %s", path);
  return drama_feed_parser_parse (data, length, "https://hostile.example.org/feed", error);
}

/* Every hostile file ends (the test's time-out catches a hang) with a feed or an error, and
 * nothing from the local disk in any field. */
static void
test_hostile_all (void)
{
  g_autofree char *dir_path = test_shared_path ("corpus/hostile");
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint seen = 0;

  if (!test_have_shared ("corpus/hostile"))
    return;
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DramaParsedFeed) feed = NULL;

      if (g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".py"))
        continue;
      feed = parse_hostile (name, &error);
      g_test_message ("%s: %s", name, feed != NULL ? "parsed" : error->message);
      if (feed != NULL)
        check_hostile_feed (feed);
      else
        g_assert_true (error != NULL && error->domain == DRAMA_FEED_ERROR);
      seen++;
    }
  g_assert_cmpuint (seen, >=, 20);
}

static void
test_hostile_specific (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaParsedFeed) laughs = parse_hostile ("billion-laughs.xml", NULL);
  g_autoptr(DramaParsedFeed) xxe = parse_hostile ("xxe-file-passwd.xml", NULL);
  g_autoptr(DramaParsedFeed) truncated = parse_hostile ("truncated.xml", NULL);
  g_autoptr(DramaParsedFeed) page = parse_hostile ("html-page-not-a-feed.html", &error);
  g_autoptr(GError) empty_error = NULL;
  g_autoptr(DramaParsedFeed) empty = parse_hostile ("empty.xml", &empty_error);
  g_autoptr(DramaParsedFeed) javascript = parse_hostile ("javascript-links.xml", NULL);

  if (!test_have_shared ("corpus/hostile"))
    return;

  /* The bomb is defused, not expanded: the feed is read with its entity left as text. */
  g_assert_nonnull (laughs);
  g_assert_true (strlen (laughs->title) < 1000);
  g_assert_nonnull (xxe);
  g_assert_nonnull (truncated);
  g_assert_cmpuint (truncated->entries->len, >=, 1);
  g_assert_cmpstr (entry_at (truncated, 0)->title, ==, "Complete item");
  g_assert_null (page);
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NOT_A_FEED);
  g_assert_null (empty);
  g_assert_error (empty_error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED);
  g_assert_nonnull (javascript);
  g_assert_null (javascript->link);
}

/* A non-blocking socket listening on 127.0.0.1:@port (0: any free port), or NULL. */
static GSocket *
listen_on_loopback (guint    port,
                    GError **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL || !g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error))
    return NULL;
  g_socket_set_blocking (socket, FALSE);
  return g_steal_pointer (&socket);
}

static void
assert_nothing_connected (GSocket *socket)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) client = g_socket_accept (socket, NULL, &error);

  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
}

/* The hostile files point their external DTDs, entities and embeds at 127.0.0.1:9.  Listen
 * there while parsing all of them: nothing may connect. */
static void
test_hostile_no_network (void)
{
  static const char *const names[] = { "xxe-parameter-entity.xml", "xxe-file-passwd.xml",
                                       "xinclude-passwd.xml", "iframe-embed.xml",
                                       "atom-xhtml-script.xml", "data-urls.xml",
                                       "script-in-description.xml" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;

  if (!test_have_shared ("corpus/hostile"))
    return;
  socket = listen_on_loopback (9, &error);
  if (socket == NULL)
    {
      g_autofree char *why = g_strdup_printf ("cannot listen on 127.0.0.1:9: %s", error->message);
      g_test_skip (why);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(DramaParsedFeed) feed = parse_hostile (names[i], NULL);
      g_assert_nonnull (feed);
    }
  assert_nothing_connected (socket);
}

static DramaParsedFeed *
parse_real (const char *name)
{
  g_autofree char *dir = test_shared_path ("corpus/feeds");
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  /* The test itself skips (test_have_shared) when the corpus is not there. */
  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, name, NULL);
  if (!g_file_get_contents (path, &data, &length, NULL))
    g_error ("cannot read %s", path);
  return parse_data (data, length, NULL, DRAMA_FEED_PARSE_DEFAULT);
}

static void
test_real_feeds (void)
{
  g_autoptr(DramaParsedFeed) soompi = parse_real ("soompi-prospect-rss-feeds.xml");
  g_autoptr(DramaParsedFeed) koreaboo = parse_real ("koreaboo-prospect-rss-feeds.xml");
  g_autoptr(DramaParsedFeed) jsonfeed = parse_real ("jsonfeed-org-feed.json");

  if (!test_have_shared ("corpus/feeds"))
    return;

  g_assert_cmpstr (soompi->format, ==, "rss2.0");
  g_assert_cmpstr (soompi->title, ==, "Soompi - Article Feed");
  g_assert_cmpuint (soompi->entries->len, ==, 10);
  g_assert_cmpstr (entry_at (soompi, 0)->title, ==,
                   "Park Shin Hye Shocks Everyone With Her Real Personality"
                   " In “Undercover Miss Hong”");
  assert_date (entry_at (soompi, 0)->published, "2026-02-14T06:23:49Z");
  g_assert_true (g_str_has_prefix (entry_at (soompi, 0)->link, "https://www.soompi.com/article/"));

  g_assert_cmpstr (koreaboo->title, ==, "Koreaboo - Article Feed");
  g_assert_cmpuint (koreaboo->entries->len, ==, 10);
  for (guint i = 0; i < koreaboo->entries->len; i++)
    {
      g_assert_nonnull (entry_at (koreaboo, i)->title);
      g_assert_nonnull (entry_at (koreaboo, i)->link);
      g_assert_cmpint (entry_at (koreaboo, i)->published, >, 0);
    }

  g_assert_cmpstr (jsonfeed->format, ==, "jsonfeed");
  g_assert_cmpstr (jsonfeed->title, ==, "JSON Feed");
  g_assert_cmpuint (jsonfeed->entries->len, >=, 1);
  g_assert_cmpstr (entry_at (jsonfeed, 0)->title, ==, "Announcing JSON Feed");
}

static void
test_discover (void)
{
  const char *page =
    "<html><head><link rel='stylesheet' href='/s.css'>"
    "<link rel='alternate' type='application/rss+xml' title='RSS' href='/feed/'></head></html>";
  const char *unsafe =
    "<html><head><link rel='alternate' type='application/atom+xml' href='javascript:x()'>"
    "</head></html>";
  g_autofree char *found = drama_feed_parser_discover (page, strlen (page),
                                                       "https://site.example.org/a/b");
  g_autofree char *none = drama_feed_parser_discover (unsafe, strlen (unsafe),
                                                      "https://site.example.org/");

  g_assert_cmpstr (found, ==, "https://site.example.org/feed/");
  g_assert_null (none);
}

/* ---- fuzzing finds (tests/fuzz/regressions/feed-parser) ---- */

static char *
load_regression (const char *name,
                 gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions",
                                                 "feed-parser", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

/* libxml2 quotes the start of the input in its message, cut at 50 bytes mid-character; the
 * message is shown in the feeds dialog, so it must be UTF-8. */
static void
test_regression_error_not_utf8 (void)
{
  gsize length = 0;
  g_autofree char *data = load_regression ("error-message-not-utf8.xml", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaParsedFeed) feed = drama_feed_parser_parse (data, length, NULL, &error);

  g_assert_null (feed);
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* A description linking to "http://a.example.com;À" crashed the sanitiser (a NULL from
 * g_uri_to_string () after a GLib critical); the entry is kept, the link dropped. */
static void
test_regression_host_semicolon (void)
{
  gsize length = 0;
  g_autofree char *data = load_regression ("link-host-semicolon-non-ascii.xml", &length);
  g_autoptr(DramaParsedFeed) feed = parse_data (data, length, "https://feed.example.org/rss",
                                                DRAMA_FEED_PARSE_DEFAULT);
  DramaParsedEntry *e = entry_at (feed, 0);

  g_assert_cmpstr (e->title, ==, "a");
  g_assert_nonnull (e->summary);
  g_assert_nonnull (strstr (e->summary, "x"));
  g_assert_null (strstr (e->summary, "href"));
}

/* A JSON Feed "\ud800" (half of a surrogate pair, alone) is no character: json-glib made it
 * the bytes ED A0 80 and swallowed the character after it. The title reads "x�y"; a real
 * pair is the character it encodes. */
static void
test_json_lone_surrogate (void)
{
  static const char json[] =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"x\\ud800y\","
    " \"items\": [{\"id\": \"1\", \"title\": \"a\\udc00b\\ud83d\\ude00c\","
    "   \"content_text\": \"one\\uDBFF\\u0041two\", \"authors\": [{\"name\": \"\\ud800\"}]}]}";
  g_autoptr(DramaParsedFeed) feed = parse_data (json, strlen (json), NULL,
                                                DRAMA_FEED_PARSE_DEFAULT);
  DramaParsedEntry *e = entry_at (feed, 0);

  check_hostile_feed (feed);
  g_assert_cmpstr (feed->title, ==, "x\xEF\xBF\xBDy");
  g_assert_cmpstr (e->title, ==, "a\xEF\xBF\xBD" "b\xF0\x9F\x98\x80" "c");
  g_assert_cmpstr (e->text, ==, "one\xEF\xBF\xBD" "Atwo");
  g_assert_cmpstr (e->author, ==, "\xEF\xBF\xBD");
}

/* json-glib's errors quote the token it did not expect, with the bytes of a lone surrogate
 * in it (a fuzzer's finding). The message the feed shows is valid and short. */
static void
test_json_error_quotes_valid_text (void)
{
  g_autoptr(GString) json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\","
                                          " \"items\": [\"\\ud800");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) long_error = NULL;
  g_autoptr(DramaParsedFeed) feed = NULL;
  g_autoptr(DramaParsedFeed) long_feed = NULL;
  gsize length = 0;
  g_autofree char *surrogate = load_regression ("json-error-lone-surrogate.json", &length);

  feed = drama_feed_parser_parse (surrogate, length, NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  for (guint i = 0; i < 20000; i++)
    g_string_append (json, "word ");
  g_string_append (json, "\" \"next\"]}");
  long_feed = drama_feed_parser_parse (json->str, json->len, NULL, &long_error);
  g_assert_null (long_feed);
  g_assert_error (long_error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED);
  g_test_message ("%s", long_error->message);
  g_assert_true (g_utf8_validate (long_error->message, -1, NULL));
  g_assert_cmpuint (strlen (long_error->message), <, 400);
}

/* A title of 100,000 bytes (in Hangul, three bytes a letter) is cut at a letter with "…";
 * an id that long becomes a digest, so that two stories never share a cut id. */
static void
test_long_text_bounded (void)
{
  g_autoptr(GString) rss = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                         "<rss version=\"2.0\"><channel><title>");
  g_autoptr(GString) guid = g_string_new ("");
  g_autoptr(DramaParsedFeed) feed = NULL;
  DramaParsedEntry *e;

  for (guint i = 0; i < 30000; i++)
    g_string_append (rss, "한");
  g_string_append (rss, "</title><item><title>");
  for (guint i = 0; i < 30001; i++)
    g_string_append (rss, "드");
  for (guint i = 0; i < 5000; i++)
    g_string_append (guid, "id-");
  g_string_append_printf (rss, "</title><guid>%s1</guid></item>"
                               "<item><title>b</title><guid>%s2</guid></item>"
                               "</channel></rss>", guid->str, guid->str);

  feed = parse_data (rss->str, rss->len, NULL, DRAMA_FEED_PARSE_DEFAULT);
  check_hostile_feed (feed);
  g_assert_cmpuint (strlen (feed->title), <=, 1024);
  g_assert_true (g_str_has_suffix (feed->title, "…"));
  g_assert_true (g_str_has_prefix (feed->title, "한한한"));
  e = entry_at (feed, 0);
  g_assert_cmpuint (strlen (e->title), <=, 2048);
  g_assert_cmpuint (strlen (e->title), >, 2000);
  g_assert_true (g_str_has_suffix (e->title, "…"));
  g_assert_true (g_str_has_prefix (e->id, "sha1:"));
  g_assert_true (g_str_has_prefix (entry_at (feed, 1)->id, "sha1:"));
  g_assert_cmpstr (e->id, !=, entry_at (feed, 1)->id);

  /* An error that names the document's root element quotes a line of it, not 40 KB. */
  {
    g_autoptr(GString) odd = g_string_new ("<");
    g_autoptr(GError) error = NULL;
    g_autoptr(DramaParsedFeed) none = NULL;

    for (guint i = 0; i < 40000; i++)
      g_string_append_c (odd, 'r');
    g_string_append (odd, "/>");
    none = drama_feed_parser_parse (odd->str, odd->len, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NOT_A_FEED);
    g_assert_cmpuint (strlen (error->message), <, 400);
  }
}

/* 200,000 nested elements before the items: libxml2 stops at depth 256 and the salvage pass
 * kept the channel's title and no item, so the feed read as "no articles" with no word of
 * why. It is an error that says so. */
static void
test_too_deep (void)
{
  g_autoptr(GString) rss = g_string_new ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                                         "<title>Deep</title>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) corpus_error = NULL;
  g_autoptr(DramaParsedFeed) feed = NULL;
  g_autoptr(DramaParsedFeed) corpus = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (rss, "<x>");
  for (guint i = 0; i < 200000; i++)
    g_string_append (rss, "</x>");
  g_string_append (rss, "<item><title>One</title><link>https://e.example/1</link></item>"
                        "</channel></rss>");
  feed = drama_feed_parser_parse (rss->str, rss->len, NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));

  /* The same from the hostile corpus, when it is there. */
  if (!test_have_shared ("corpus/hostile"))
    return;
  corpus = parse_hostile ("deeply-nested.xml", &corpus_error);
  g_assert_null (corpus);
  g_assert_error (corpus_error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED);
}

/* ---- entities, now read by libxml2 (drama-feed-parser-prepare.c decides what they say) ---- */

/* Every string of @feed, summed: what a hostile document made the parser hold. */
static gsize
feed_bytes (DramaParsedFeed *feed)
{
  gsize total = 0;

#define ADD(s) total += (s) != NULL ? strlen (s) : 0
  ADD (feed->title);
  ADD (feed->subtitle);
  ADD (feed->link);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      DramaParsedEntry *e = entry_at (feed, i);

      ADD (e->id);
      ADD (e->title);
      ADD (e->link);
      ADD (e->author);
      ADD (e->summary);
      ADD (e->content);
      ADD (e->text);
      ADD (e->image);
      for (guint j = 0; j < e->enclosures->len; j++)
        ADD (((DramaEnclosure *) g_ptr_array_index (e->enclosures, j))->url);
    }
#undef ADD
  return total;
}

/* HTML's named characters, undeclared, in text and in attributes (real feeds are full of
 * &nbsp; and &rsquo;); the document's own entity; an unknown one kept as written. */
static void
test_entities_html (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("entities-html.xml", NULL);
  DramaParsedEntry *e = entry_at (feed, 0);
  DramaEnclosure *enclosure = g_ptr_array_index (e->enclosures, 0);

  check_hostile_feed (feed);
  g_assert_cmpstr (feed->title, ==, "Drama\xC2\xA0Weekly – News");
  /* A description is HTML: its text reads a no-break space as a space. */
  g_assert_cmpstr (feed->subtitle, ==, "Café talk © 2019");
  g_assert_cmpstr (e->title, ==, "Kim’s “comeback”… &bogus; & more");
  g_assert_cmpstr (e->link, ==, "https://html.example.org/news/café");
  g_assert_cmpstr (enclosure->url, ==, "https://html.example.org/img/café.jpg");
  g_assert_cmpstr (enclosure->type, ==, "image/jpeg\xC2\xA0");
  assert_contains (e->summary, "Seen on Drama");
  assert_contains (e->text, "Weekly");
}

/* What libxml2 refuses and real feeds hold (a bare ampersand, a control character, a
 * Windows-1252 character reference) sends the document through a cleaning copy: its DOCTYPE
 * must come through whole, entities and all. */
static void
test_entities_with_repairs (void)
{
  const char *xml =
    "<?xml version='1.0'?>\n"
    "<!DOCTYPE rss [ <!ENTITY show 'Mr. Sunshine'> <!ENTITY slug 'mr-sunshine'>\n"
    "  <!ENTITY x SYSTEM 'file:///etc/passwd'> ]>"
    "<rss version='2.0'><channel><title>AT&T &show;\x01 &nbsp;&#150;</title>"
    "<item><title>&show; &x; &amp; R&B</title><link>https://e.example/1?a=1&b=&slug;</link>"
    "</item></channel></rss>";
  g_autoptr(DramaParsedFeed) feed = parse_data (xml, strlen (xml), NULL,
                                                DRAMA_FEED_PARSE_DEFAULT);

  check_hostile_feed (feed);
  g_assert_cmpstr (feed->title, ==, "AT&T Mr. Sunshine \xC2\xA0–");
  g_assert_cmpstr (entry_at (feed, 0)->title, ==, "Mr. Sunshine &x; & R&B");
  g_assert_cmpstr (entry_at (feed, 0)->link, ==, "https://e.example/1?a=1&b=mr-sunshine");
}

/* A feed with one broken item is read in recovery mode, where libxml2 drops entity
 * references in text: HTML's characters in the items after it are kept all the same. */
static void
test_entities_after_error (void)
{
  const char *xml =
    "<rss version='2.0'><channel><title>T</title>"
    "<item><title>A&nbsp;B</title></item>"
    "<item><title>broken</titl></item>"
    "<item><title>X&nbsp;Y&rsquo;s</title></item></channel></rss>";
  g_autoptr(DramaParsedFeed) feed = parse_data (xml, strlen (xml), NULL,
                                                DRAMA_FEED_PARSE_DEFAULT);

  g_assert_cmpuint (feed->entries->len, ==, 3);
  g_assert_cmpstr (entry_at (feed, 0)->title, ==, "A\xC2\xA0" "B");
  g_assert_cmpstr (entry_at (feed, 2)->title, ==, "X\xC2\xA0Y’s");
}

/* Billion laughs in text, in HTML, in attributes and in xml:base: each reference stays
 * "&lol9;" as written, nothing is expanded, and the item after them is read. */
static void
test_entity_bombs (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("entity-bombs.xml",
                                                  "https://bombs.example.org/feed");
  DramaParsedEntry *e;

  check_hostile_feed (feed);
  g_assert_cmpstr (feed->title, ==, "Laughs &lol9;");
  g_assert_cmpstr (feed->subtitle, ==, "&lol9;&lol9;&lol9;");
  g_assert_cmpuint (feed->entries->len, ==, 2);
  e = entry_at (feed, 0);
  g_assert_cmpstr (e->title, ==, "Item &lol9; &tag;");
  g_assert_cmpstr (e->link, ==, "https://bombs.example.org/items/1?x=&lol9;");
  assert_contains (e->summary, "Summary &amp;lol9;");
  g_assert_null (strstr (e->summary, "lollol"));
  g_assert_null (strstr (e->summary, "<b>"));
  g_assert_cmpstr (((DramaEnclosure *) g_ptr_array_index (e->enclosures, 0))->url, ==,
                   "https://bombs.example.org/still.jpg?x=&lol9;");
  g_assert_cmpstr (entry_at (feed, 1)->title, ==, "After the bomb");
  g_assert_cmpuint (feed_bytes (feed), <, 4096);
}

/* The quadratic blow-up: one entity of 1,000 bytes named 100,000 times in text and 20,000
 * times in an attribute (120 MB if expanded), and one of 50 KB named 10,000 times (500 MB).
 * The document's entities add at most 1 MB in all; past it, and for any entity over 1 KB,
 * the reference stays as written. */
static void
test_entity_quadratic (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version='1.0'?>\n<!DOCTYPE rss [\n<!ENTITY a '");
  g_autoptr(DramaParsedFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  DramaParsedEntry *e;

  for (guint i = 0; i < 1000; i++)
    g_string_append_c (xml, 'a');
  g_string_append (xml, "'>\n<!ENTITY big '");
  for (guint i = 0; i < 50000; i++)
    g_string_append_c (xml, 'b');
  g_string_append (xml, "'>\n]>\n<rss version='2.0'><channel><title>Quadratic</title>"
                        "<item><title>&big;&big;</title><description>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "&a;");
  for (guint i = 0; i < 10000; i++)
    g_string_append (xml, "&big;");
  g_string_append (xml, "</description><enclosure type='image/png' url='https://q.example/?");
  for (guint i = 0; i < 20000; i++)
    g_string_append (xml, "&a;");
  g_string_append (xml, "'/></item></channel></rss>");

  feed = drama_feed_parser_parse (xml->str, xml->len, NULL, &error);
  g_assert_no_error (error);
  check_hostile_feed (feed);
  e = entry_at (feed, 0);
  g_assert_cmpstr (e->title, ==, "&big;&big;");
  /* Expanded while the budget lasts, then left as written. */
  g_assert_true (g_str_has_prefix (e->text, "aaaaaaaaaa"));
  g_assert_true (g_str_has_suffix (e->text, "&big;&big;"));
  g_test_message ("document %zu bytes, results %zu bytes", xml->len, feed_bytes (feed));
  /* The budget (1 MB) and each reference as written (≤ "&amp;big;"), three times over: the
   * summary, its text, and the enclosure or image. */
  g_assert_cmpuint (feed_bytes (feed), <, 3 * (1024 * 1024 + 110000 * 9 + 20000 * 3) + 4096);
}

/* 300,000 different names nobody declared, in text and in an attribute: each reads as
 * written, and none reaches libxml2's dictionary (in 2.9.14 it stops growing at 16,384
 * slots, and that many names took it minutes). */
static void
test_entity_many_names (void)
{
  g_autoptr(GString) xml = g_string_new ("<rss version='2.0'><channel><title>Names</title>"
                                         "<item><title>t</title><author>");
  g_autoptr(DramaParsedFeed) feed = NULL;
  DramaParsedEntry *e;

  for (guint i = 0; i < 300000; i++)
    g_string_append_printf (xml, "&n%u;", i);
  g_string_append (xml, "</author><enclosure type='image/png' url='https://n.example/?");
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (xml, "&q%u;", i);
  g_string_append (xml, "'/></item></channel></rss>");

  feed = parse_data (xml->str, xml->len, NULL, DRAMA_FEED_PARSE_DEFAULT);
  e = entry_at (feed, 0);
  g_assert_true (g_str_has_prefix (e->author, "&n0;&n1;&n2;"));
  g_assert_true (g_str_has_suffix (((DramaEnclosure *) g_ptr_array_index (e->enclosures, 0))->url,
                                   "&q998;&q999;"));
}

/* What libxml2 2.9.14 takes minutes over (every name goes into a dictionary that stops
 * growing at 16,384 slots): a DOCTYPE of 200,000 declarations is left out, so its names read
 * as written. */
static void
test_entity_huge_doctype (void)
{
  g_autoptr(GString) xml = g_string_new ("<!DOCTYPE rss [");
  g_autoptr(DramaParsedFeed) feed = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (xml, "<!ENTITY e%u 'v'>", i);
  g_string_append (xml, "]><rss version='2.0'><channel><title>&e1; &e199999;</title>"
                        "<description>Caf&eacute;</description></channel></rss>");
  feed = parse_data (xml->str, xml->len, NULL, DRAMA_FEED_PARSE_DEFAULT);
  g_assert_cmpstr (feed->title, ==, "&e1; &e199999;");
  g_assert_cmpstr (feed->subtitle, ==, "Café");
}

/* External entities, an external DTD and an external parameter entity naming a local file,
 * in text and in an attribute: nothing of the file is read. */
static void
test_xxe_file (void)
{
  g_autoptr(DramaParsedFeed) feed = parse_fixture ("xxe-file.xml", NULL);
  DramaParsedEntry *e = entry_at (feed, 0);

  check_hostile_feed (feed);
  g_assert_cmpstr (feed->title, ==, "XXE &passwd;");
  g_assert_cmpstr (feed->subtitle, ==, "&hostname;");
  g_assert_cmpstr (e->title, ==, "Leak &passwd;");
  g_assert_cmpstr (((DramaEnclosure *) g_ptr_array_index (e->enclosures, 0))->url, ==,
                   "https://xxe.example.org/a.jpg?&passwd;");
  g_assert_null (strstr (e->summary, "root"));
}

/* The same over http to a port of this test's own: an external DTD, an external entity in
 * text and in an attribute, an external parameter entity, and an XInclude.  Nothing may
 * connect. */
static void
test_xxe_http (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = listen_on_loopback (0, &error);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(DramaParsedFeed) feed = NULL;
  g_autofree char *xml = NULL;
  guint port;

  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  xml = g_strdup_printf (
    "<?xml version='1.0'?>\n"
    "<!DOCTYPE rss SYSTEM 'http://127.0.0.1:%u/rss.dtd' [\n"
    "  <!ENTITY remote SYSTEM 'http://127.0.0.1:%u/entity'>\n"
    "  <!ENTITY %% pe SYSTEM 'http://127.0.0.1:%u/pe.dtd'>\n"
    "  %%pe;\n"
    "]>\n"
    "<rss version='2.0' xmlns:xi='http://www.w3.org/2001/XInclude'><channel>"
    "<title>Remote &remote;</title><link>https://xxe.example.org/</link>"
    "<item><title>&remote;</title><link>https://xxe.example.org/1</link>"
    "<description><xi:include href='http://127.0.0.1:%u/include' parse='text'/></description>"
    "<enclosure url='https://xxe.example.org/a.jpg?&remote;' type='image/jpeg'/>"
    "</item></channel></rss>", port, port, port, port);
  feed = drama_feed_parser_parse (xml, strlen (xml), NULL, &error);
  g_assert_no_error (error);
  check_hostile_feed (feed);
  g_assert_cmpstr (feed->title, ==, "Remote &remote;");
  g_assert_cmpstr (entry_at (feed, 0)->title, ==, "&remote;");
  assert_nothing_connected (socket);
}

/* Deep nesting where the tree walk recurses (Atom XHTML content, 250 levels: under libxml2's
 * limit) is serialised within its own bound; 100,000 levels inside an item are an error that
 * says so; markup inside an entity never becomes elements. */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) atom = g_string_new ("<feed xmlns='http://www.w3.org/2005/Atom'>"
                                          "<title>Deep</title><entry><id>1</id>"
                                          "<content type='xhtml'>"
                                          "<div xmlns='http://www.w3.org/1999/xhtml'>");
  g_autoptr(GString) rss = g_string_new ("<rss version='2.0'><channel><title>Deep</title>"
                                         "<item><title>Deep</title><description>");
  g_autoptr(DramaParsedFeed) feed = NULL;
  g_autoptr(DramaParsedFeed) none = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 250; i++)
    g_string_append (atom, "<span>");
  g_string_append (atom, "bottom");
  for (guint i = 0; i < 250; i++)
    g_string_append (atom, "</span>");
  g_string_append (atom, "</div></content></entry></feed>");
  feed = parse_data (atom->str, atom->len, NULL, DRAMA_FEED_PARSE_DEFAULT);
  check_hostile_feed (feed);
  assert_contains (entry_at (feed, 0)->text, "bottom");

  for (guint i = 0; i < 100000; i++)
    g_string_append (rss, "<b>");
  g_string_append (rss, "</description></item></channel></rss>");
  none = drama_feed_parser_parse (rss->str, rss->len, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED);
  assert_contains (error->message, "nested too deeply");

  {
    const char *entity = "<!DOCTYPE rss [<!ENTITY deep '<i><i><i>x</i></i></i>'>]>"
                         "<rss version='2.0'><channel><title>&deep;</title></channel></rss>";
    g_autoptr(DramaParsedFeed) literal = parse_data (entity, strlen (entity), NULL,
                                                     DRAMA_FEED_PARSE_DEFAULT);

    g_assert_cmpstr (literal->title, ==, "&deep;");
  }
}

/* The parser's own UTF-8 check (eight ASCII bytes at a time) agrees with GLib's on the
 * byte sequences where validators go wrong: overlongs, surrogates, past U+10FFFF, cut
 * sequences, NULs, and a bad byte anywhere in a long ASCII run. */
static void
test_utf8_validator (void)
{
  static const guchar bytes[] = { 'a', '<', 0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                  0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5,
                                  0xFF };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  char buffer[40];

  for (guint round = 0; round < 300000; round++)
    {
      gsize length = g_rand_int_range (rand, 0, sizeof buffer);

      for (gsize i = 0; i < length; i++)
        buffer[i] = g_rand_boolean (rand) ? 'x'
                    : (char) bytes[g_rand_int_range (rand, 0, G_N_ELEMENTS (bytes))];
      g_assert_cmpint (_drama_feed_utf8_valid (buffer, length), ==,
                       g_utf8_validate_len (buffer, length, NULL));
    }
  for (gsize at = 0; at < 64; at++)
    {
      char run[64];

      memset (run, 'a', sizeof run);
      g_assert_true (_drama_feed_utf8_valid (run, sizeof run));
      run[at] = '\0';
      g_assert_false (_drama_feed_utf8_valid (run, sizeof run));
      run[at] = (char) 0x80;
      g_assert_false (_drama_feed_utf8_valid (run, sizeof run));
    }
}

/* "HTTPS://example.org/a" is a web link; the UI and the store compare by the lower-case
 * prefix, so the parser writes one spelling. */
static void
test_regression_uppercase_scheme (void)
{
  gsize length = 0;
  g_autofree char *data = load_regression ("link-uppercase-scheme.xml", &length);
  g_autoptr(DramaParsedFeed) feed = parse_data (data, length, NULL, DRAMA_FEED_PARSE_DEFAULT);

  g_assert_cmpstr (entry_at (feed, 0)->link, ==, "https://example.org/a");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed-parser/rss2.0", test_rss20);
  g_test_add_func ("/feed-parser/rss1.0", test_rss10);
  g_test_add_func ("/feed-parser/rss0.91", test_rss091);
  g_test_add_func ("/feed-parser/atom1.0", test_atom10);
  g_test_add_func ("/feed-parser/atom0.3", test_atom03);
  g_test_add_func ("/feed-parser/jsonfeed", test_jsonfeed);
  g_test_add_func ("/feed-parser/image/from-content", test_image_from_content);
  g_test_add_func ("/feed-parser/text/parse-budget", test_parse_budget);
  g_test_add_func ("/feed-parser/seed/rss", test_seed_rss);
  g_test_add_func ("/feed-parser/seed/atom", test_seed_atom);
  g_test_add_func ("/feed-parser/encoding/mislabelled-windows-1252", test_encoding_mislabelled);
  g_test_add_func ("/feed-parser/encoding/declared", test_encoding_declared);
  g_test_add_func ("/feed-parser/text/cdata-and-entities", test_cdata_and_entities);
  g_test_add_func ("/feed-parser/links/relative", test_links_relative);
  g_test_add_func ("/feed-parser/links/cleaned", test_links_cleaned);
  g_test_add_func ("/feed-parser/links/unsafe-dropped", test_links_unsafe);
  g_test_add_func ("/feed-parser/salvage/truncated", test_salvage_truncated);
  g_test_add_func ("/feed-parser/errors", test_errors);
  g_test_add_func ("/feed-parser/regression/error-not-utf8", test_regression_error_not_utf8);
  g_test_add_func ("/feed-parser/regression/host-semicolon", test_regression_host_semicolon);
  g_test_add_func ("/feed-parser/regression/uppercase-scheme", test_regression_uppercase_scheme);
  g_test_add_func ("/feed-parser/max-entries", test_max_entries);
  g_test_add_func ("/feed-parser/text/json-lone-surrogate", test_json_lone_surrogate);
  g_test_add_func ("/feed-parser/text/json-error-quotes-valid-text",
                   test_json_error_quotes_valid_text);
  g_test_add_func ("/feed-parser/text/long-text-bounded", test_long_text_bounded);
  g_test_add_func ("/feed-parser/salvage/too-deep", test_too_deep);
  g_test_add_func ("/feed-parser/hostile/all", test_hostile_all);
  g_test_add_func ("/feed-parser/hostile/specific", test_hostile_specific);
  g_test_add_func ("/feed-parser/hostile/no-network", test_hostile_no_network);
  g_test_add_func ("/feed-parser/entities/html", test_entities_html);
  g_test_add_func ("/feed-parser/entities/with-repairs", test_entities_with_repairs);
  g_test_add_func ("/feed-parser/entities/after-error", test_entities_after_error);
  g_test_add_func ("/feed-parser/entities/billion-laughs", test_entity_bombs);
  g_test_add_func ("/feed-parser/entities/quadratic-blowup", test_entity_quadratic);
  g_test_add_func ("/feed-parser/entities/many-names", test_entity_many_names);
  g_test_add_func ("/feed-parser/entities/huge-doctype", test_entity_huge_doctype);
  g_test_add_func ("/feed-parser/entities/xxe-file", test_xxe_file);
  g_test_add_func ("/feed-parser/entities/xxe-http", test_xxe_http);
  g_test_add_func ("/feed-parser/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/feed-parser/text/utf8-validator", test_utf8_validator);
  g_test_add_func ("/feed-parser/real-feeds", test_real_feeds);
  g_test_add_func ("/feed-parser/discover", test_discover);

  return g_test_run ();
}
