/* libFuzzer target: drama_opml_parse over arbitrary bytes, then the round trip the import /
 * export pair promises: writing the feeds read and parsing that again gives the same
 * subscriptions, in the same order. */

#define G_LOG_DOMAIN "fuzz-opml"

#include "config.h"

#include <stdint.h>

#include "drama-feed.h"
#include "drama-opml.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = drama_opml_parse ((const char *) data, size, &error);
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *written = NULL;

  if ((outlines == NULL) == (error == NULL))
    fuzz_fail ("a result and an error, or neither", NULL);
  if (outlines == NULL)
    {
      fuzz_check_utf8 ("error message not UTF-8", error->message);
      return 0;
    }

  feeds = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < outlines->len; i++)
    {
      DramaOpmlOutline *outline = g_ptr_array_index (outlines, i);
      DramaFeed *feed = drama_feed_new ();

      if (outline->xml_url == NULL)
        fuzz_fail ("an outline without xmlUrl", outline->title);
      fuzz_check_utf8 ("xmlUrl not UTF-8", outline->xml_url);
      fuzz_check_utf8 ("title not UTF-8", outline->title);
      fuzz_check_utf8 ("htmlUrl not UTF-8", outline->html_url);
      drama_feed_set_url (feed, outline->xml_url);
      drama_feed_set_title (feed, outline->title);
      drama_feed_set_site_url (feed, outline->html_url);
      g_ptr_array_add (feeds, feed);
    }

  written = drama_opml_write (feeds);
  if (written == NULL)
    fuzz_fail ("drama_opml_write returned NULL", NULL);
  fuzz_check_utf8 ("written OPML not UTF-8", written);
  g_clear_error (&error);
  again = drama_opml_parse (written, strlen (written), &error);
  if (again == NULL)
    {
      fprintf (stderr, "%s\n%s\n", error->message, written);
      fuzz_fail ("our own OPML did not parse again", NULL);
    }
  if (again->len != outlines->len)
    {
      fprintf (stderr, "%u feeds written, %u read back:\n%s\n", outlines->len, again->len,
               written);
      fuzz_fail ("the round trip lost or added feeds", NULL);
    }
  for (guint i = 0; i < again->len; i++)
    {
      DramaOpmlOutline *a = g_ptr_array_index (outlines, i);
      DramaOpmlOutline *b = g_ptr_array_index (again, i);

      if (strcmp (a->xml_url, b->xml_url) != 0)
        {
          fprintf (stderr, "\"%s\" became \"%s\"\n", a->xml_url, b->xml_url);
          fuzz_fail ("the round trip changed a feed URL", NULL);
        }
    }
  return 0;
}
