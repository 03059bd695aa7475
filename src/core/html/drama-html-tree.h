#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The tree libxml2's HTML parser would build (htmlCtxtReadMemory with the default SAX2
 * handlers), built from its SAX events into one arena instead: the same elements under the
 * same parents with the same attributes and text, without a malloc per node and attribute.
 * Private to the sanitiser (drama-html*.c). */

typedef enum {
  DRAMA_HTML_NODE_ELEMENT,
  DRAMA_HTML_NODE_TEXT,
  DRAMA_HTML_NODE_CDATA,   /* script or style content */
  DRAMA_HTML_NODE_OTHER,   /* comment, processing instruction */
} DramaHtmlNodeType;

typedef struct {
  const char *name;        /* as libxml2 names it: lower case */
  const char *value;       /* never NULL: "" for an attribute without value */
} DramaHtmlAttr;

typedef struct _DramaHtmlNode DramaHtmlNode;

struct _DramaHtmlNode {
  DramaHtmlNode *parent;
  DramaHtmlNode *children;
  DramaHtmlNode *last;
  DramaHtmlNode *next;
  const char *name;        /* element: local name as xmlNode.name has it; else NULL */
  char *content;           /* text: its characters, NUL-terminated; else NULL */
  gsize length;            /* text: strlen (content) */
  gsize capacity;          /* text: bytes allocated at content */
  DramaHtmlAttr *attrs;
  guint n_attrs;
  guint8 type;             /* DramaHtmlNodeType */
  guint8 closed_by_end_tag;  /* an <svg> or <math> closed by its own end tag */
  gconstpointer rule;      /* free for the caller (the sanitiser: its element rule) */
};

typedef struct _DramaHtmlTree DramaHtmlTree;

/* Parses @html (@len bytes of valid UTF-8: a byte order mark, then "<html><body>") as
 * htmlCtxtReadMemory (…, "UTF-8", HTML_PARSE_RECOVER | NONET | NOERROR | NOWARNING) would
 * parse it without the mark. Never NULL. */
DramaHtmlTree *drama_html_tree_parse     (const char    *html,
                                          gsize          len);
/* A tree to fill by hand (drama-html-reread.c does for our own output): an <html><body>. */
DramaHtmlTree *drama_html_tree_new       (void);
void           drama_html_tree_free      (DramaHtmlTree *tree);
/* The <body> element (the first child of the root element named body), or NULL. */
DramaHtmlNode *drama_html_tree_get_body  (DramaHtmlTree *tree);

/* For building by hand: strings are copied into the tree. */
DramaHtmlNode *drama_html_tree_add_element (DramaHtmlTree *tree,
                                            DramaHtmlNode *parent,
                                            const char    *name,
                                            guint          n_attrs);
void           drama_html_tree_set_attr    (DramaHtmlTree *tree,
                                            DramaHtmlNode *element,
                                            guint          index,
                                            const char    *name,
                                            const char    *value,
                                            gsize          value_len);
void           drama_html_tree_add_text    (DramaHtmlTree *tree,
                                            DramaHtmlNode *parent,
                                            const char    *text,
                                            gsize          len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaHtmlTree, drama_html_tree_free)

G_END_DECLS
