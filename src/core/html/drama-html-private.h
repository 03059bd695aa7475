#pragma once

#include <gio/gio.h>
#include <string.h>

#include "drama-html-tree.h"

G_BEGIN_DECLS

/* ---- for the tests and the fuzz target ---- */

/* How many HTML fragments the sanitiser has parsed in this process (all threads). For the
 * tests that hold a feed's way into the library to its budget of parses. */
guint _drama_html_get_n_parses (void);

/* Passes after the first read the sanitiser's own output without libxml2
 * (drama-html-reread.c). With self-checking on, each of those readings is compared with
 * libxml2's and a difference aborts (g_error): for the tests and the fuzz target. Not
 * thread-safe to change while sanitising. */
void     _drama_html_set_self_check   (gboolean    enabled);
/* Whether libxml2 closes an open <@open> when <@new_tag> starts inside it, as the reading of
 * our own output assumes. */
gboolean _drama_html_would_auto_close (const char *open,
                                       const char *new_tag);

/* The tree the sanitiser builds for the fragment @html (its <body>), written out as test-html
 * writes libxml2's tree of the same bytes: the two must be the same. */
char    *_drama_html_dump_tree        (const char *html);

/* ---- shared by the sanitiser's files ----
 *
 * drama-html.c            the driver: parsing a fragment, the walk that writes the result,
 *                         the public drama_html_sanitize* ()
 * drama-html-allow.c      the allow-list: which elements stay, go or become something else
 * drama-html-url.c        which URLs may stay, made absolute
 * drama-html-serialize.c  writing elements, attributes and text, escaped
 * drama-html-embed.c      frames and media, written as links and video cards
 * drama-html-reread.c     our own output read back without libxml2, for the passes after
 *                         the first
 * drama-html-text.c       plain text and the first image
 * drama-html-tree.c       libxml2's tree, built from its SAX events into one arena */

/* Bigger inputs are cut (at a character boundary): no article needs more, and the parser's
 * time and memory stay bounded. */
#define DRAMA_HTML_MAX_INPUT_BYTES (4 * 1024 * 1024)
/* Elements nested deeper than this are dropped (their text is kept), so neither our output
 * nor the web view's layout has to cope with 10,000 levels. */
#define DRAMA_HTML_MAX_OUTPUT_DEPTH 256
/* The attributes one element keeps at most. */
#define DRAMA_HTML_MAX_ATTRS 16

/* Tests and fuzzing: compare each shortcut with the way it stands for
 * (_drama_html_set_self_check ()). */
extern gboolean _drama_html_self_check;

/* Counts @n parses (may be negative: a check that parses again does not count). */
void _drama_html_add_parses (int n);

typedef enum {
  ACTION_UNWRAP = 0,  /* unknown or unwanted element: drop the tag, keep its content */
  ACTION_KEEP,        /* allowed element */
  ACTION_VOID,        /* allowed element without end tag */
  ACTION_DROP,        /* drop the element together with everything inside it */
  ACTION_FRAME,       /* iframe: a video card, a plain link, or nothing */
  ACTION_MEDIA,       /* audio/video: a plain link to the media */
} Action;

typedef enum {
  FLAG_NONE  = 0,
  FLAG_BLOCK = 1 << 0,  /* to_text: a paragraph break around it */
  FLAG_LINE  = 1 << 1,  /* to_text: a line break around it */
} ElementFlags;

typedef struct {
  const char *name;
  Action action;
  ElementFlags flags;
} ElementRule;

/* The allow-list (drama-html-allow.c). Its length is spelt out so that tables indexed by
 * rule can be sized at compile time (drama-html-reread.c); a rule added or removed there
 * without counting it here does not compile. */
#define DRAMA_HTML_N_RULES 107
extern const ElementRule _drama_html_rules[];

/* The rule of an element named @name (any case), or NULL. */
const ElementRule *_drama_html_lookup_rule_name (const char          *name);
/* The same for @node, looked up once per node, when a walk first meets it. */
const ElementRule *_drama_html_lookup_rule      (DramaHtmlNode       *node);
/* What the walks do with @node: its rule's action, except that an <svg> or <math> that was
 * never closed holds the rest of the article and is unwrapped, not dropped. */
Action             _drama_html_node_action      (const DramaHtmlNode *node,
                                                 const ElementRule   *rule);

/* Parses @html as the content of a <body> and returns the tree; *body is where the content
 * ended up (drama-html.c). */
DramaHtmlTree *_drama_html_parse_fragment (const char     *html,
                                           DramaHtmlNode **body);

/* The value of @node's attribute @name, or NULL. No copy: it lives as long as the tree. */
static inline const char *
_drama_html_get_attr (DramaHtmlNode *node,
                      const char    *name)
{
  /* libxml2 writes attribute names in lower case (so do we); @name is too, but a hand-made
   * tree may differ. */
  for (guint i = 0; i < node->n_attrs; i++)
    if (node->attrs[i].name[0] == name[0] ? strcmp (node->attrs[i].name, name) == 0
                                          : g_ascii_strcasecmp (node->attrs[i].name, name) == 0)
      return node->attrs[i].value;

  return NULL;
}

/* ---- URLs (drama-html-url.c) ---- */

typedef enum {
  URL_LINK,    /* <a href>: http, https, mailto */
  URL_CITE,    /* cite=: http, https */
  URL_IMAGE,   /* <img src>: http, https to a public host, or a raster data: image */
  URL_EMBED,   /* frames and media: http, https to a public host */
} UrlKind;

/* The absolute URL to write, or NULL when @raw may not be used: in the plain ASCII form
 * (frame hosts, the thumbnail the app downloads), or for URLs written into the sanitised
 * HTML, where a browser reads "À" as well as "%C3%80", as the author wrote it. */
char *_drama_html_resolve_url      (GUri       *base,
                                    const char *raw,
                                    UrlKind     kind);
char *_drama_html_resolve_html_url (GUri       *base,
                                    const char *raw,
                                    UrlKind     kind);

/* ---- writing (drama-html-serialize.c, drama-html-embed.c) ---- */

typedef struct {
  GString *out;
  GUri *base;
  guint open_elements;   /* emitted elements not yet closed */
  guint open_links;      /* emitted <a> not yet closed: links must not nest */
} Writer;

/* HTML 5 reads the character references &#128;–&#159; as the Windows-1252 characters that
 * old feeds meant ("don&#146;t" is "don’t"); libxml2 2.9 leaves them as C1 control characters,
 * which no one means to show. Returns the character a browser would show, or 0 to drop it.
 * Inline: plain text calls it for every character. */
static inline gunichar
_drama_html_map_c1_control (gunichar c)
{
  static const guint16 cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  };

  if (c >= 0x80 && c <= 0x9F)
    return cp1252[c - 0x80];

  return c;
}

/* Appends @text (@len bytes, or up to its NUL when @len is -1) escaped: for an element's
 * content, or for an attribute value between double quotes. */
void     _drama_html_append_escaped_len (GString       *out,
                                         const char    *text,
                                         gssize         len,
                                         gboolean       attribute);
void     _drama_html_append_escaped     (GString       *out,
                                         const char    *text,
                                         gboolean       attribute);
/* ' name="value"', the value escaped. */
void     _drama_html_append_attr        (GString       *out,
                                         const char    *name,
                                         const char    *value);
/* 1×1 (or 0×0) images are tracking pixels: loading one tells the publisher who read what. */
gboolean _drama_html_is_tracking_pixel  (DramaHtmlNode *node);
/* Writes @node as the element @element with the attributes it may keep. Returns TRUE when
 * the element was written and must be closed after its children. */
gboolean _drama_html_write_element      (Writer        *w,
                                         DramaHtmlNode *node,
                                         const char    *element,
                                         gboolean       is_void);
void     _drama_html_close_element      (Writer        *w,
                                         const char    *element);

/* An <iframe>: a video card for a video host we know, else a plain link. */
void     _drama_html_write_frame        (Writer        *w,
                                         DramaHtmlNode *node);
/* <audio>/<video>: a plain link to the media. */
void     _drama_html_write_media        (Writer        *w,
                                         DramaHtmlNode *node,
                                         const char    *element);

/* ---- our own output, read again (drama-html-reread.c) ---- */

/* Parses @html, our own output, as _drama_html_parse_fragment () would. */
DramaHtmlTree *_drama_html_parse_own_output   (const char     *html,
                                               DramaHtmlNode **body);
/* Whether sanitising @html, our own output, gives @html again. Counts as that pass's
 * parse. */
gboolean       _drama_html_is_fixed_point     (const char     *html,
                                               GUri           *base);
/* drama_html_to_text () of @html, our own output, from the tree
 * _drama_html_is_fixed_point () read. */
char          *_drama_html_own_output_to_text (const char     *html);

/* ---- plain text and the first image (drama-html-text.c) ---- */

/* The text under @body, a parsed fragment's <body> with children. */
char *_drama_html_body_to_text (DramaHtmlNode     *body);
/* The absolute URL of @node when it is an image drama_html_first_image () would pick. */
char *_drama_html_image_of     (DramaHtmlNode     *node,
                                const ElementRule *rule,
                                GUri              *base);

G_END_DECLS
