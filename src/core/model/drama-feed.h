#pragma once

#include <glib-object.h>


G_BEGIN_DECLS

#define DRAMA_TYPE_FEED (drama_feed_get_type ())

/* A subscribed feed. unread-count and article-count are derived by the store. */
G_DECLARE_FINAL_TYPE (DramaFeed, drama_feed, DRAMA, FEED, GObject)

DramaFeed *drama_feed_new (void);

gint64 drama_feed_get_id (DramaFeed *self);
void drama_feed_set_id (DramaFeed *self, gint64 value);
const char *drama_feed_get_url (DramaFeed *self);
void drama_feed_set_url (DramaFeed *self, const char *value);
const char *drama_feed_get_title (DramaFeed *self);
void drama_feed_set_title (DramaFeed *self, const char *value);
const char *drama_feed_get_custom_title (DramaFeed *self);
void drama_feed_set_custom_title (DramaFeed *self, const char *value);
const char *drama_feed_get_site_url (DramaFeed *self);
void drama_feed_set_site_url (DramaFeed *self, const char *value);
const char *drama_feed_get_etag (DramaFeed *self);
void drama_feed_set_etag (DramaFeed *self, const char *value);
const char *drama_feed_get_last_modified (DramaFeed *self);
void drama_feed_set_last_modified (DramaFeed *self, const char *value);
gint64 drama_feed_get_last_success (DramaFeed *self);
void drama_feed_set_last_success (DramaFeed *self, gint64 value);
gint64 drama_feed_get_last_fetch (DramaFeed *self);
void drama_feed_set_last_fetch (DramaFeed *self, gint64 value);
const char *drama_feed_get_last_error (DramaFeed *self);
void drama_feed_set_last_error (DramaFeed *self, const char *value);
gboolean drama_feed_get_gone (DramaFeed *self);
void drama_feed_set_gone (DramaFeed *self, gboolean value);
gint64 drama_feed_get_retry_after (DramaFeed *self);
void drama_feed_set_retry_after (DramaFeed *self, gint64 value);
gint64 drama_feed_get_added_at (DramaFeed *self);
void drama_feed_set_added_at (DramaFeed *self, gint64 value);
int drama_feed_get_unread_count (DramaFeed *self);
void drama_feed_set_unread_count (DramaFeed *self, int value);
int drama_feed_get_article_count (DramaFeed *self);
void drama_feed_set_article_count (DramaFeed *self, int value);
/* Reader mode for every new article (drama_store_set_feed_full_articles ()). */
gboolean drama_feed_get_full_articles (DramaFeed *self);
void drama_feed_set_full_articles (DramaFeed *self, gboolean value);

const char *drama_feed_get_display_title (DramaFeed *self);
/* Sorts a GPtrArray of DramaFeed by display title as people read a list of names:
 * "Site 2" before "Site 10", case and accents aside (g_utf8_collate_key_for_filename). */
void drama_feed_sort_by_title (GPtrArray *feeds);

G_END_DECLS
