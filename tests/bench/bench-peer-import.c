/* bench-peer-import LIBRARY OPML: subscribes a new library to the feeds of an OPML file the
 * way the feed list's "Import Subscriptions…" does (drama_opml_parse, the URL normalised,
 * drama_store_add_feed), but without fetching anything: bench-peer.py wants the app's own
 * refresh at start to do all the fetching, as Liferea's does from its feedlist.opml.
 * Prints the number of feeds added. */

#define G_LOG_DOMAIN "bench-peer-import"

#include "config.h"

#include <gio/gio.h>

#include "drama-feed-updater.h"
#include "drama-opml.h"
#include "drama-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  guint added = 0;

  if (argc != 3)
    {
      g_printerr ("Usage: %s LIBRARY OPML\n", argv[0]);
      return 2;
    }

  if (!g_file_get_contents (argv[2], &data, &length, &error) ||
      (outlines = drama_opml_parse (data, length, &error)) == NULL ||
      (store = drama_store_new (argv[1], &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < outlines->len; i++)
    {
      DramaOpmlOutline *outline = g_ptr_array_index (outlines, i);
      g_autofree char *url = drama_feed_updater_normalize_url (outline->xml_url, &error);
      g_autoptr(DramaFeed) feed = NULL;

      if (url == NULL ||
          (feed = drama_store_add_feed (store, url, outline->title, &error)) == NULL)
        {
          g_printerr ("%s: %s\n", outline->xml_url, error->message);
          return 1;
        }
      added++;
    }

  g_print ("%u\n", added);
  return 0;
}
