#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>

#include "drama-feed-parser.h"

G_BEGIN_DECLS

/* Shared by drama-feed-parser.c (entry points, values), drama-feed-parser-prepare.c (encodings,
 * XML clean-up), drama-feed-parser-entities.c (what "&name;" means), drama-feed-parser-xml.c
 * (RSS, RDF, Atom, CDF trees), drama-feed-parser-xml-fields.c (their elements' values) and
 * drama-feed-parser-json.c (JSON Feed). */

/* Bytes of the input an error message may quote. */
#define DRAMA_FEED_MAX_QUOTE 200

typedef struct {
  DramaFeedParseFlags  flags;
  const char          *base_url;
} DramaParseCtx;

/* What a format reader found for one entry, before values are cleaned. */
typedef struct {
  char      *id;
  char      *title;
  gboolean   title_html;
  int        title_rank;
  char      *title_base;
  char      *link;        /* already resolved and checked */
  char      *author;      /* plain */
  char      *author_email;
  char      *summary;
  gboolean   summary_html;
  int        summary_rank;
  char      *summary_base;
  char      *content;
  gboolean   content_html;
  int        content_rank;
  char      *content_base;
  char      *image;       /* already resolved and checked */
  int        image_rank;
  gint64     published;
  gint64     updated;
  GPtrArray *enclosures;
} DramaRawEntry;

#define DRAMA_RANK_NONE G_MAXINT

void              _drama_raw_entry_init     (DramaRawEntry       *raw);
void              _drama_raw_entry_clear    (DramaRawEntry       *raw);
gboolean          _drama_raw_take           (char               **slot,
                                             int                 *slot_rank,
                                             int                  rank,
                                             char                *value);
DramaParsedEntry *_drama_raw_entry_finish   (DramaParseCtx       *ctx,
                                             DramaRawEntry       *raw);

char             *_drama_feed_plain         (DramaParseCtx       *ctx,
                                             const char          *value,
                                             gboolean             is_html,
                                             const char          *base);
/* image and text (both optional): the first image of the HTML (NULL for plain text) and
 * the plain text of the result, taken from the sanitiser's own parses. */
char             *_drama_feed_html          (DramaParseCtx       *ctx,
                                             const char          *value,
                                             gboolean             is_html,
                                             const char          *base,
                                             char               **image,
                                             char               **text);
char             *_drama_feed_link          (const char          *href,
                                             const char          *base);
gboolean          _drama_feed_looks_like_html (const char        *text);
void              _drama_feed_add_enclosure (GPtrArray           *enclosures,
                                             const char          *url,
                                             const char          *type,
                                             const char          *length);

gboolean          _drama_feed_utf8_valid    (const char          *text,
                                             gsize                length);
const char       *_drama_feed_to_utf8       (const char          *data,
                                             gsize                length,
                                             gsize               *out_length,
                                             char               **owned,
                                             GError             **error);
char             *_drama_feed_prepare_xml   (const char          *data,
                                             gsize                length,
                                             gsize               *out_length);

/* The entities a document names, resolved to text for the tree (see
 * drama-feed-parser-entities.c); one per parse. */
typedef struct _DramaFeedEntities DramaFeedEntities;

const htmlEntityDesc *_drama_feed_html_entity (const char *name);
DramaFeedEntities *_drama_feed_entities_new  (void);
void               _drama_feed_entities_free (DramaFeedEntities *entities);
xmlEntity         *_drama_feed_get_entity    (void                *user_data,
                                              const xmlChar       *name);

/* The parser context's _private during one parse. */
typedef struct {
  DramaFeedEntities *entities;
  xmlError           first_error;
} DramaXmlParse;

/* Walking an RSS, RDF, Atom or CDF tree: drama-feed-parser-xml.c reads items, entries and
 * channels; drama-feed-parser-xml-fields.c reads the values of their elements. */
#define NS_ATOM10 "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RSS10 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_XHTML "http://www.w3.org/1999/xhtml"

typedef enum {
  NS_CORE,     /* no namespace, or the RSS / RDF-site-summary one */
  NS_ATOM,
  NS_DC,
  NS_DCTERMS,
  NS_CONTENT,
  NS_MEDIA,
  NS_ITUNES,
  NS_XHTML_NS,
  NS_RDF_NS,
  NS_OTHER,
} NsKind;

typedef enum {
  KIND_RSS,
  KIND_ATOM,
  KIND_CDF,
} FeedKind;

typedef struct {
  DramaParseCtx *ctx;
  xmlDoc        *doc;
  FeedKind       kind;
  gboolean       atom10;
  const char    *main_ns;   /* the root's namespace: Atom 0.3 feeds sometimes invent one */
  char          *feed_author;
} Walk;

typedef enum {
  DEFAULT_TEXT,
  DEFAULT_HTML,
  DEFAULT_GUESS,   /* RSS titles: HTML only if it looks like HTML */
} TextDefault;

NsKind            _drama_xml_ns_kind        (xmlNode             *node);
gboolean          _drama_xml_named          (xmlNode             *node,
                                             const char          *name);
gboolean          _drama_xml_is_main        (Walk                *walk,
                                             xmlNode             *node,
                                             const char          *name);
char             *_drama_xml_get_attr       (xmlNode             *node,
                                             const char          *name);
char             *_drama_xml_text_of        (xmlNode             *node);
char             *_drama_xml_link_of        (Walk                *walk,
                                             xmlNode             *node,
                                             const char          *href);
void              _drama_xml_set_date       (gint64              *slot,
                                             xmlNode             *node);
void              _drama_xml_set_author     (DramaRawEntry       *raw,
                                             const char          *text);
void              _drama_xml_read_atom_person (Walk              *walk,
                                             xmlNode             *node,
                                             char               **name,
                                             char               **email);
void              _drama_xml_take_text      (Walk                *walk,
                                             xmlNode             *node,
                                             TextDefault          fallback,
                                             char               **slot,
                                             gboolean            *slot_html,
                                             int                 *slot_rank,
                                             char               **slot_base,
                                             int                  rank);
/* Elements RSS items and Atom entries share; FALSE when child is none of them. */
gboolean          _drama_xml_read_common    (Walk                *walk,
                                             DramaRawEntry       *raw,
                                             xmlNode             *child);
void              _drama_xml_read_enclosure (Walk                *walk,
                                             DramaRawEntry       *raw,
                                             xmlNode             *node,
                                             const char          *url_attr);

DramaParsedFeed  *_drama_feed_parse_tree    (DramaParseCtx       *ctx,
                                             xmlDoc              *doc,
                                             GError             **error);
DramaParsedFeed  *_drama_feed_parse_json    (DramaParseCtx       *ctx,
                                             const char          *data,
                                             gsize                length,
                                             GError             **error);

G_END_DECLS
