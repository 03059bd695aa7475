#pragma once

#include <gio/gio.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

G_BEGIN_DECLS

/* Shared by reader mode's files:
 *
 * drama-readability.c        the driver: parsing, the page's furniture, scoring, the best
 *                            holder and its siblings, titles, the public function
 * drama-readability-text.c   what the tree holds below each element (text, links, commas),
 *                            and what class and id names say
 * drama-readability-clean.c  cleaning the chosen article: lists of links, share bars,
 *                            bylines; pictures and links made absolute */

/* Levels of elements the article keeps below its root. */
#define MAX_DEPTH 200
/* Paragraphs shorter than this give their holders no score. */
#define MIN_PARAGRAPH_TEXT 25

typedef enum {
  FLAG_STRIP_UNLIKELY = 1 << 0,  /* drop page furniture by tag, role and class before scoring */
  FLAG_WEIGHT_CLASSES = 1 << 1,  /* class and id names add to or take from scores */
} Flags;

/* What the tree holds below an element, counted in one bottom-up walk. */
typedef struct {
  double text;     /* weighted characters of text, spaces not counted */
  double link;     /* of which inside <a> */
  guint commas;    /* commas and Korean sentence ends */
  guint n_p;
  guint n_img;
  guint n_input;
  double score;
  gboolean candidate;
  gboolean repeated;   /* marked before cleaning removes any */
} Stats;

typedef struct {
  htmlDocPtr doc;
  Stats *stats;     /* one per element, reached through node->_private */
  gsize n_stats;
  Flags flags;
} Page;

typedef enum {
  HINT_NONE = 0,
  HINT_POSITIVE = 1 << 0,
  HINT_NEGATIVE = 1 << 1,
} Hint;

static inline gboolean
is_tag (const xmlNode *node,
        const char    *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static inline gboolean
tag_in (const xmlNode      *node,
        const char * const *names)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE || node->name == NULL)
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp ((const char *) node->name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static inline Stats *
stats_of (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE ? node->_private : NULL;
}

/* The node after @node in document order below @root, or NULL; its children are skipped
 * unless @descend. */
static inline xmlNode *
next_node (xmlNode  *node,
           xmlNode  *root,
           gboolean  descend)
{
  if (descend && node->type == XML_ELEMENT_NODE && node->children != NULL)
    return node->children;
  while (node != root && node != NULL)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }
  return NULL;
}

static inline const char *
get_attr (xmlNode    *node,
          const char *name)
{
  /* No copy: the value of an attribute is its one text child. */
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    if (attr->name != NULL && g_ascii_strcasecmp ((const char *) attr->name, name) == 0)
      {
        if (attr->children != NULL && attr->children->type == XML_TEXT_NODE &&
            attr->children->next == NULL)
          return (const char *) attr->children->content;
        return "";
      }
  return NULL;
}

static inline double
link_density (const Stats *stats)
{
  return stats->text > 0 ? MIN (stats->link / stats->text, 1.0) : 0;
}

static inline void
_drama_readability_remove_node (xmlNode *node)
{
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

/* drama-readability-text.c */
void  _drama_readability_measure_text  (const char  *text,
                                        Stats       *stats);
void  _drama_readability_add_stats     (Stats       *to,
                                        const Stats *from);
void  _drama_readability_compute_stats (xmlNode     *root);
char *_drama_readability_node_text     (xmlNode     *node);
Hint  _drama_readability_node_hint     (xmlNode     *node);
int   _drama_readability_class_weight  (Page        *page,
                                        xmlNode     *node);

/* drama-readability-clean.c: cleans the article under @root (holding @top and its
 * siblings), titled @title. */
void  _drama_readability_clean_article (Page        *page,
                                        xmlNode     *root,
                                        xmlNode     *top,
                                        GUri        *base,
                                        const char  *title);

G_END_DECLS
