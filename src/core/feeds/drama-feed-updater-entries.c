#define G_LOG_DOMAIN "drama-feed-updater"

/* What a parsed feed's entries become: the articles the store saves. */

#include "config.h"

#include "drama-feed-updater.h"
#include "drama-feed-updater-private.h"

#include "drama-html.h"

/* ------------------------------------------------------------------------------------ */
/* Parsed entries → articles                                                             */

GPtrArray *
_drama_feed_updater_articles_from_parsed (DramaParsedFeed *parsed,
                                          gint64           now)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; parsed->entries != NULL && i < parsed->entries->len; i++)
    {
      DramaParsedEntry *entry = g_ptr_array_index (parsed->entries, i);
      g_autoptr(DramaArticle) article = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *image = NULL;
      gint64 published = entry->published != 0 ? entry->published : entry->updated;

      /* The dedup key: the entry's id, else its link, else its title and date. */
      if (_drama_feed_updater_nonempty (entry->id) != NULL)
        guid = g_strdup (entry->id);
      else if (_drama_feed_updater_nonempty (entry->link) != NULL)
        guid = g_strdup (entry->link);
      else if (_drama_feed_updater_nonempty (entry->title) != NULL)
        guid = g_strdup_printf ("%s|%" G_GINT64_FORMAT, entry->title, published);
      else if (_drama_feed_updater_nonempty (entry->summary) != NULL ||
               _drama_feed_updater_nonempty (entry->content) != NULL)
        {
          g_autofree char *text = g_strconcat (entry->summary ? entry->summary : "", "\n",
                                               entry->content ? entry->content : "", NULL);

          guid = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
        }
      else
        continue;

      /* One story carried twice under one key (a pinned, updated copy above the original;
       * guid-less items sharing a link): the store would save the first copy, then overwrite
       * it with the second, and do the same on every fetch of an unchanged feed, reporting
       * it changed each time. The first copy (feeds put the newest on top) is the article. */
      if (!g_hash_table_add (keys, g_strdup (guid)))
        continue;

      image = g_strdup (_drama_feed_updater_nonempty (entry->image));
      for (guint j = 0; image == NULL && entry->enclosures != NULL && j < entry->enclosures->len; j++)
        {
          DramaEnclosure *enclosure = g_ptr_array_index (entry->enclosures, j);

          if (enclosure->type != NULL && g_str_has_prefix (enclosure->type, "image/") &&
              drama_html_is_safe_link (enclosure->url))
            image = g_strdup (enclosure->url);
        }
      /* No look for a picture in the HTML here: the parser took the first one from the very
       * parse that sanitised it, and the sanitised copy can hold no other. */

      article = drama_article_new ();
      drama_article_set_guid (article, guid);
      drama_article_set_title (article, entry->title);
      drama_article_set_link (article, entry->link);
      drama_article_set_author (article, entry->author);
      drama_article_set_summary (article, entry->summary);
      drama_article_set_content (article, entry->content);
      /* Made once, here in the worker: the store indexes it and the linker reads it. */
      drama_article_set_text (article, entry->text);
      drama_article_set_image (article, image);
      /* 0 = no date in the feed: the store dates it by its first fetch. */
      drama_article_set_published (article, published);
      drama_article_set_updated (article, entry->updated);
      drama_article_set_fetched_at (article, now);
      g_ptr_array_add (articles, g_steal_pointer (&article));
    }

  return articles;
}
