#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DRAMA_FEED_ERROR (drama_feed_error_quark ())

typedef enum {
  DRAMA_FEED_ERROR_NOT_A_FEED,
  DRAMA_FEED_ERROR_MALFORMED,
  DRAMA_FEED_ERROR_TOO_LARGE,
  DRAMA_FEED_ERROR_HTTP,
  DRAMA_FEED_ERROR_NETWORK,
  DRAMA_FEED_ERROR_GONE,
  DRAMA_FEED_ERROR_INVALID_URL,
  DRAMA_FEED_ERROR_TIMED_OUT,
} DramaFeedError;

/* Documents larger than this are refused with DRAMA_FEED_ERROR_TOO_LARGE. */
#define DRAMA_FEED_PARSER_MAX_SIZE (20 * 1024 * 1024)
/* Entries past this many are ignored. */
#define DRAMA_FEED_PARSER_MAX_ENTRIES 10000

typedef struct {
  char   *url;
  char   *type;
  gint64  length;
} DramaEnclosure;

/* id is never NULL: the feed's guid/id, else the link, else "sha1:" and a digest of the
 * entry's text. Dates are Unix seconds in UTC, 0 when unknown (published falls back to
 * updated and the other way round). */
typedef struct {
  char      *id;
  char      *title;
  char      *link;
  char      *author;
  char      *summary;   /* sanitised HTML */
  char      *content;   /* sanitised HTML */
  char      *text;      /* plain text of summary + content (drama_html_join_text), for search
                         * and matching; NULL with DRAMA_FEED_PARSE_KEEP_MARKUP */
  char      *image;
  gint64     published;
  gint64     updated;
  GPtrArray *enclosures; /* of DramaEnclosure */
} DramaParsedEntry;

typedef struct {
  char      *format;    /* "rss2.0" | "rss1.0" | "rss0.9x" | "atom1.0" | "atom0.3" | "jsonfeed" */
  char      *title;
  char      *link;
  char      *subtitle;
  GPtrArray *entries;   /* of DramaParsedEntry */
} DramaParsedFeed;

/**
 * DramaFeedParseFlags:
 * @DRAMA_FEED_PARSE_DEFAULT: what the app stores: plain-text titles, subtitle and authors;
 *   plain-text summaries escaped into HTML.
 * @DRAMA_FEED_PARSE_KEEP_MARKUP: feedparser's conventions, for tests/feed-dump and the corpus
 *   score: a title or subtitle the feed marks as HTML stays (sanitised) HTML, a plain-text
 *   summary stays plain text, and authors read "Name (email)".
 */
typedef enum {
  DRAMA_FEED_PARSE_DEFAULT     = 0,
  DRAMA_FEED_PARSE_KEEP_MARKUP = 1 << 0,
} DramaFeedParseFlags;

GQuark           drama_feed_error_quark        (void);

DramaParsedFeed *drama_feed_parser_parse       (const char           *data,
                                                gsize                 length,
                                                const char           *base_url,
                                                GError              **error);
DramaParsedFeed *drama_feed_parser_parse_full  (const char           *data,
                                                gsize                 length,
                                                const char           *base_url,
                                                DramaFeedParseFlags   flags,
                                                GError              **error);
char            *drama_feed_parser_discover    (const char           *html,
                                                gsize                 length,
                                                const char           *base_url);

void             drama_parsed_feed_free        (DramaParsedFeed      *feed);
void             drama_parsed_entry_free       (DramaParsedEntry     *entry);
void             drama_enclosure_free          (DramaEnclosure       *enclosure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaParsedFeed, drama_parsed_feed_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaParsedEntry, drama_parsed_entry_free)

G_END_DECLS
