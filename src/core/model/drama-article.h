#pragma once

#include <glib-object.h>

#include "drama-episode.h"
#include "drama-show.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_ARTICLE (drama_article_get_type ())

/* An article of a feed. shows (a GPtrArray of DramaShow with id + name) and
 * spoiler-episode are derived by the store's link queries. text is the plain text of summary
 * and content (drama_html_join_text ()), made once by whoever parsed the HTML and stored with
 * the article for search and matching; the store makes it when an article comes without
 * one. Articles read back from the store leave it unset, except those
 * drama_store_remove_feed () hands back for Undo. */
G_DECLARE_FINAL_TYPE (DramaArticle, drama_article, DRAMA, ARTICLE, GObject)

DramaArticle *drama_article_new (void);

gint64 drama_article_get_id (DramaArticle *self);
void drama_article_set_id (DramaArticle *self, gint64 value);
gint64 drama_article_get_feed_id (DramaArticle *self);
void drama_article_set_feed_id (DramaArticle *self, gint64 value);
const char *drama_article_get_feed_title (DramaArticle *self);
void drama_article_set_feed_title (DramaArticle *self, const char *value);
/* Where the article's feed lives (read from the store, not saved from the article): its
 * pictures may come from a private address only when the feed's does. */
const char *drama_article_get_feed_url (DramaArticle *self);
void drama_article_set_feed_url (DramaArticle *self, const char *value);
const char *drama_article_get_guid (DramaArticle *self);
void drama_article_set_guid (DramaArticle *self, const char *value);
const char *drama_article_get_title (DramaArticle *self);
void drama_article_set_title (DramaArticle *self, const char *value);
const char *drama_article_get_link (DramaArticle *self);
void drama_article_set_link (DramaArticle *self, const char *value);
const char *drama_article_get_author (DramaArticle *self);
void drama_article_set_author (DramaArticle *self, const char *value);
const char *drama_article_get_summary (DramaArticle *self);
void drama_article_set_summary (DramaArticle *self, const char *value);
const char *drama_article_get_content (DramaArticle *self);
void drama_article_set_content (DramaArticle *self, const char *value);
const char *drama_article_get_text (DramaArticle *self);
void drama_article_set_text (DramaArticle *self, const char *value);
const char *drama_article_get_image (DramaArticle *self);
void drama_article_set_image (DramaArticle *self, const char *value);
gint64 drama_article_get_published (DramaArticle *self);
void drama_article_set_published (DramaArticle *self, gint64 value);
gint64 drama_article_get_updated (DramaArticle *self);
void drama_article_set_updated (DramaArticle *self, gint64 value);
gint64 drama_article_get_fetched_at (DramaArticle *self);
void drama_article_set_fetched_at (DramaArticle *self, gint64 value);
gboolean drama_article_get_read (DramaArticle *self);
void drama_article_set_read (DramaArticle *self, gboolean value);
gboolean drama_article_get_starred (DramaArticle *self);
void drama_article_set_starred (DramaArticle *self, gboolean value);
GPtrArray *drama_article_get_shows (DramaArticle *self);
void drama_article_set_shows (DramaArticle *self, GPtrArray *value);
DramaEpisode *drama_article_get_spoiler_episode (DramaArticle *self);
void drama_article_set_spoiler_episode (DramaArticle *self, DramaEpisode *value);
/* Reader mode (read from the store, never saved with the article): the article's own page
 * as extracted and sanitised (drama-readability.h), NULL until loaded; and why the last
 * try to load it failed, in words, NULL when none did. */
const char *drama_article_get_full_content (DramaArticle *self);
void drama_article_set_full_content (DramaArticle *self, const char *value);
const char *drama_article_get_full_error (DramaArticle *self);
void drama_article_set_full_error (DramaArticle *self, const char *value);

G_END_DECLS
