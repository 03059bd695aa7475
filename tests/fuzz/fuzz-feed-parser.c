/* libFuzzer target: drama_feed_parser_parse over arbitrary bytes with a fixed base URL, and
 * drama_feed_parser_discover over the same bytes as an HTML page. Besides "no crash, no
 * sanitizer report, no critical, no hang", it checks what the rest of the app relies on: a
 * result or an error (never both, never neither), every entry has an id, text (and the
 * error message the user reads) is valid UTF-8, links are absolute http(s) or absent. */

#define G_LOG_DOMAIN "fuzz-feed-parser"

#include "config.h"

#include <stdint.h>

#include "drama-feed-parser.h"

#include "fuzz-common.h"

#define BASE_URL "https://feeds.example.com/news/feed.xml"

static void
check_link (const char *what,
            const char *link)
{
  fuzz_check_utf8 (what, link);
  if (link == NULL)
    return;
  if (g_ascii_strncasecmp (link, "http://", 7) != 0 && g_ascii_strncasecmp (link, "https://", 8) != 0)
    fuzz_fail (what, link);
  /* The UI tells web links by their "http://"/"https://" prefix, in lower case. */
  if (!g_str_has_prefix (link, "http://") && !g_str_has_prefix (link, "https://") &&
      !fuzz_ignored ("scheme-case"))
    fuzz_fail ("a link whose scheme is not in lower case", link);
}

static void
check_feed (DramaParsedFeed *feed)
{
  if (feed->format == NULL || feed->entries == NULL)
    fuzz_fail ("a feed without format or entries", feed->title);
  fuzz_check_utf8 ("feed title not UTF-8", feed->title);
  fuzz_check_utf8 ("feed subtitle not UTF-8", feed->subtitle);
  check_link ("feed link not absolute http(s)", feed->link);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      DramaParsedEntry *entry = g_ptr_array_index (feed->entries, i);

      if (entry->id == NULL)
        fuzz_fail ("an entry without id", entry->title);
      fuzz_check_utf8 ("entry id not UTF-8", entry->id);
      fuzz_check_utf8 ("entry title not UTF-8", entry->title);
      fuzz_check_utf8 ("entry author not UTF-8", entry->author);
      fuzz_check_utf8 ("entry summary not UTF-8", entry->summary);
      fuzz_check_utf8 ("entry content not UTF-8", entry->content);
      check_link ("entry link not absolute http(s)", entry->link);
      check_link ("entry image not absolute http(s)", entry->image);
      if (entry->enclosures != NULL)
        for (guint j = 0; j < entry->enclosures->len; j++)
          {
            DramaEnclosure *enclosure = g_ptr_array_index (entry->enclosures, j);

            fuzz_check_utf8 ("enclosure url not UTF-8", enclosure->url);
            fuzz_check_utf8 ("enclosure type not UTF-8", enclosure->type);
          }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaParsedFeed) feed = NULL;
  g_autofree char *discovered = NULL;

  feed = drama_feed_parser_parse ((const char *) data, size, BASE_URL, &error);
  if ((feed == NULL) == (error == NULL))
    fuzz_fail ("a result and an error, or neither", NULL);
  if (feed != NULL)
    check_feed (feed);
  else if (!fuzz_ignored ("error-utf8"))
    fuzz_check_utf8 ("error message not UTF-8", error->message);

  discovered = drama_feed_parser_discover ((const char *) data, size, BASE_URL);
  check_link ("discovered feed URL not absolute http(s)", discovered);
  return 0;
}
