#define G_LOG_DOMAIN "drama-article"

#include "config.h"

#include "drama-article.h"

#include "drama-enums.h"
#include "drama-model-private.h"
struct _DramaArticle
{
  GObject parent_instance;

  gint64 id;
  gint64 feed_id;
  char *feed_title;
  char *guid;
  char *title;
  char *link;
  char *author;
  char *summary;
  char *content;
  char *text;
  char *image;
  gint64 published;
  gint64 updated;
  gint64 fetched_at;
  gboolean read;
  gboolean starred;
  GPtrArray *shows;
  DramaEpisode *spoiler_episode;
  char *feed_url;
  char *full_content;
  char *full_error;
};

G_DEFINE_FINAL_TYPE (DramaArticle, drama_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FEED_ID,
  PROP_FEED_TITLE,
  PROP_GUID,
  PROP_TITLE,
  PROP_LINK,
  PROP_AUTHOR,
  PROP_SUMMARY,
  PROP_CONTENT,
  PROP_TEXT,
  PROP_IMAGE,
  PROP_PUBLISHED,
  PROP_UPDATED,
  PROP_FETCHED_AT,
  PROP_READ,
  PROP_STARRED,
  PROP_SHOWS,
  PROP_SPOILER_EPISODE,
  PROP_FEED_URL,
  PROP_FULL_CONTENT,
  PROP_FULL_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const DramaPropInfo prop_info[N_PROPS] = {
  [PROP_ID] = { "id", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaArticle, id), 0, NULL },
  [PROP_FEED_ID] = { "feed-id", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaArticle, feed_id), 0, NULL },
  [PROP_FEED_TITLE] = { "feed-title", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, feed_title), 0, NULL },
  [PROP_GUID] = { "guid", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, guid), 0, NULL },
  [PROP_TITLE] = { "title", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, title), 0, NULL },
  [PROP_LINK] = { "link", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, link), 0, NULL },
  [PROP_AUTHOR] = { "author", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, author), 0, NULL },
  [PROP_SUMMARY] = { "summary", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, summary), 0, NULL },
  [PROP_CONTENT] = { "content", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, content), 0, NULL },
  [PROP_TEXT] = { "text", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, text), 0, NULL },
  [PROP_IMAGE] = { "image", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, image), 0, NULL },
  [PROP_PUBLISHED] = { "published", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaArticle, published), 0, NULL },
  [PROP_UPDATED] = { "updated", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaArticle, updated), 0, NULL },
  [PROP_FETCHED_AT] = { "fetched-at", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaArticle, fetched_at), 0, NULL },
  [PROP_READ] = { "read", DRAMA_PROP_BOOLEAN, G_STRUCT_OFFSET (DramaArticle, read), 0, NULL },
  [PROP_STARRED] = { "starred", DRAMA_PROP_BOOLEAN, G_STRUCT_OFFSET (DramaArticle, starred), 0, NULL },
  [PROP_SHOWS] = { "shows", DRAMA_PROP_PTR_ARRAY, G_STRUCT_OFFSET (DramaArticle, shows), 0, g_ptr_array_get_type },
  [PROP_SPOILER_EPISODE] = { "spoiler-episode", DRAMA_PROP_OBJECT, G_STRUCT_OFFSET (DramaArticle, spoiler_episode), 0, drama_episode_get_type },
  [PROP_FEED_URL] = { "feed-url", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, feed_url), 0, NULL },
  [PROP_FULL_CONTENT] = { "full-content", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, full_content), 0, NULL },
  [PROP_FULL_ERROR] = { "full-error", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaArticle, full_error), 0, NULL },
};

DRAMA_MODEL_DEFINE_CLASS (DramaArticle, drama_article, DRAMA_TYPE_ARTICLE)

DRAMA_MODEL_INT64 (DramaArticle, drama_article, DRAMA_IS_ARTICLE, id, PROP_ID)
DRAMA_MODEL_INT64 (DramaArticle, drama_article, DRAMA_IS_ARTICLE, feed_id, PROP_FEED_ID)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, feed_title, PROP_FEED_TITLE)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, guid, PROP_GUID)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, title, PROP_TITLE)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, link, PROP_LINK)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, author, PROP_AUTHOR)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, summary, PROP_SUMMARY)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, content, PROP_CONTENT)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, text, PROP_TEXT)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, image, PROP_IMAGE)
DRAMA_MODEL_INT64 (DramaArticle, drama_article, DRAMA_IS_ARTICLE, published, PROP_PUBLISHED)
DRAMA_MODEL_INT64 (DramaArticle, drama_article, DRAMA_IS_ARTICLE, updated, PROP_UPDATED)
DRAMA_MODEL_INT64 (DramaArticle, drama_article, DRAMA_IS_ARTICLE, fetched_at, PROP_FETCHED_AT)
DRAMA_MODEL_BOOLEAN (DramaArticle, drama_article, DRAMA_IS_ARTICLE, read, PROP_READ)
DRAMA_MODEL_BOOLEAN (DramaArticle, drama_article, DRAMA_IS_ARTICLE, starred, PROP_STARRED)
DRAMA_MODEL_PTR_ARRAY (DramaArticle, drama_article, DRAMA_IS_ARTICLE, shows, PROP_SHOWS)
DRAMA_MODEL_OBJECT (DramaArticle, drama_article, DRAMA_IS_ARTICLE, spoiler_episode, PROP_SPOILER_EPISODE)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, feed_url, PROP_FEED_URL)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, full_content, PROP_FULL_CONTENT)
DRAMA_MODEL_STRING (DramaArticle, drama_article, DRAMA_IS_ARTICLE, full_error, PROP_FULL_ERROR)
