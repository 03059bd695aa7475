#define G_LOG_DOMAIN "drama-feed"

#include "config.h"

#include "drama-feed.h"

#include "drama-enums.h"
#include "drama-model-private.h"

#include <string.h>

struct _DramaFeed
{
  GObject parent_instance;

  gint64 id;
  char *url;
  char *title;
  char *custom_title;
  char *site_url;
  char *etag;
  char *last_modified;
  gint64 last_success;
  gint64 last_fetch;
  char *last_error;
  gboolean gone;
  gint64 retry_after;
  gint64 added_at;
  int unread_count;
  int article_count;
  gboolean full_articles;
};

G_DEFINE_FINAL_TYPE (DramaFeed, drama_feed, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_TITLE,
  PROP_CUSTOM_TITLE,
  PROP_SITE_URL,
  PROP_ETAG,
  PROP_LAST_MODIFIED,
  PROP_LAST_SUCCESS,
  PROP_LAST_FETCH,
  PROP_LAST_ERROR,
  PROP_GONE,
  PROP_RETRY_AFTER,
  PROP_ADDED_AT,
  PROP_UNREAD_COUNT,
  PROP_ARTICLE_COUNT,
  PROP_FULL_ARTICLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const DramaPropInfo prop_info[N_PROPS] = {
  [PROP_ID] = { "id", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaFeed, id), 0, NULL },
  [PROP_URL] = { "url", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaFeed, url), 0, NULL },
  [PROP_TITLE] = { "title", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaFeed, title), 0, NULL },
  [PROP_CUSTOM_TITLE] = { "custom-title", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaFeed, custom_title), 0, NULL },
  [PROP_SITE_URL] = { "site-url", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaFeed, site_url), 0, NULL },
  [PROP_ETAG] = { "etag", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaFeed, etag), 0, NULL },
  [PROP_LAST_MODIFIED] = { "last-modified", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaFeed, last_modified), 0, NULL },
  [PROP_LAST_SUCCESS] = { "last-success", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaFeed, last_success), 0, NULL },
  [PROP_LAST_FETCH] = { "last-fetch", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaFeed, last_fetch), 0, NULL },
  [PROP_LAST_ERROR] = { "last-error", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaFeed, last_error), 0, NULL },
  [PROP_GONE] = { "gone", DRAMA_PROP_BOOLEAN, G_STRUCT_OFFSET (DramaFeed, gone), 0, NULL },
  [PROP_RETRY_AFTER] = { "retry-after", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaFeed, retry_after), 0, NULL },
  [PROP_ADDED_AT] = { "added-at", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaFeed, added_at), 0, NULL },
  [PROP_UNREAD_COUNT] = { "unread-count", DRAMA_PROP_INT, G_STRUCT_OFFSET (DramaFeed, unread_count), 0, NULL },
  [PROP_ARTICLE_COUNT] = { "article-count", DRAMA_PROP_INT, G_STRUCT_OFFSET (DramaFeed, article_count), 0, NULL },
  [PROP_FULL_ARTICLES] = { "full-articles", DRAMA_PROP_BOOLEAN, G_STRUCT_OFFSET (DramaFeed, full_articles), 0, NULL },
};

DRAMA_MODEL_DEFINE_CLASS (DramaFeed, drama_feed, DRAMA_TYPE_FEED)

DRAMA_MODEL_INT64 (DramaFeed, drama_feed, DRAMA_IS_FEED, id, PROP_ID)
DRAMA_MODEL_STRING (DramaFeed, drama_feed, DRAMA_IS_FEED, url, PROP_URL)
DRAMA_MODEL_STRING (DramaFeed, drama_feed, DRAMA_IS_FEED, title, PROP_TITLE)
DRAMA_MODEL_STRING (DramaFeed, drama_feed, DRAMA_IS_FEED, custom_title, PROP_CUSTOM_TITLE)
DRAMA_MODEL_STRING (DramaFeed, drama_feed, DRAMA_IS_FEED, site_url, PROP_SITE_URL)
DRAMA_MODEL_STRING (DramaFeed, drama_feed, DRAMA_IS_FEED, etag, PROP_ETAG)
DRAMA_MODEL_STRING (DramaFeed, drama_feed, DRAMA_IS_FEED, last_modified, PROP_LAST_MODIFIED)
DRAMA_MODEL_INT64 (DramaFeed, drama_feed, DRAMA_IS_FEED, last_success, PROP_LAST_SUCCESS)
DRAMA_MODEL_INT64 (DramaFeed, drama_feed, DRAMA_IS_FEED, last_fetch, PROP_LAST_FETCH)
DRAMA_MODEL_STRING (DramaFeed, drama_feed, DRAMA_IS_FEED, last_error, PROP_LAST_ERROR)
DRAMA_MODEL_BOOLEAN (DramaFeed, drama_feed, DRAMA_IS_FEED, gone, PROP_GONE)
DRAMA_MODEL_INT64 (DramaFeed, drama_feed, DRAMA_IS_FEED, retry_after, PROP_RETRY_AFTER)
DRAMA_MODEL_INT64 (DramaFeed, drama_feed, DRAMA_IS_FEED, added_at, PROP_ADDED_AT)
DRAMA_MODEL_INT (DramaFeed, drama_feed, DRAMA_IS_FEED, unread_count, PROP_UNREAD_COUNT)
DRAMA_MODEL_INT (DramaFeed, drama_feed, DRAMA_IS_FEED, article_count, PROP_ARTICLE_COUNT)
DRAMA_MODEL_BOOLEAN (DramaFeed, drama_feed, DRAMA_IS_FEED, full_articles, PROP_FULL_ARTICLES)

const char *
drama_feed_get_display_title (DramaFeed *self)
{
  g_return_val_if_fail (DRAMA_IS_FEED (self), NULL);

  if (self->custom_title != NULL && *self->custom_title != '\0')
    return self->custom_title;
  if (self->title != NULL && *self->title != '\0')
    return self->title;
  return self->url;
}

typedef struct {
  char      *key;
  DramaFeed *feed;
} SortEntry;

static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b)
{
  const SortEntry *x = a, *y = b;
  int cmp = strcmp (x->key, y->key);

  /* Two feeds of one name keep a stable order. */
  if (cmp == 0)
    return drama_feed_get_id (x->feed) < drama_feed_get_id (y->feed) ? -1 :
           drama_feed_get_id (x->feed) > drama_feed_get_id (y->feed);
  return cmp;
}

void
drama_feed_sort_by_title (GPtrArray *feeds)
{
  g_autoptr(GArray) entries = NULL;

  g_return_if_fail (feeds != NULL);

  /* Each key made once: g_utf8_collate_key_for_filename is far dearer than a compare. */
  entries = g_array_sized_new (FALSE, FALSE, sizeof (SortEntry), feeds->len);
  for (guint i = 0; i < feeds->len; i++)
    {
      DramaFeed *feed = g_ptr_array_index (feeds, i);
      const char *title = drama_feed_get_display_title (feed);
      g_autofree char *folded = g_utf8_casefold (title != NULL ? title : "", -1);
      SortEntry entry = { g_utf8_collate_key_for_filename (folded, -1), feed };

      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_sort_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      SortEntry *entry = &g_array_index (entries, SortEntry, i);

      feeds->pdata[i] = entry->feed;
      g_free (entry->key);
    }
}
