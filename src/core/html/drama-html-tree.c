/* drama-html-tree.c: libxml2's HTML tree without libxml2's tree.
 *
 * htmlCtxtReadMemory builds an xmlDoc through its SAX2 handlers: a malloc per node, per
 * attribute and per name, a copy of every text, then xmlFreeDoc walks it all again. The
 * sanitiser reads that tree once. Here the parser itself is libxml2's, unchanged (the same
 * tokenizer, implied end tags, recovery, entity handling and limits); only the SAX2 handlers
 * that build the tree are replaced by ones that build the same shape into an arena. Each
 * handler below says which xmlSAX2 function (libxml2 2.9) it stands for and what of it
 * matters to a reader of the tree. */
#define G_LOG_DOMAIN "drama-html"

#include "config.h"

#include "drama-html-tree.h"
#include "drama-xml.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <string.h>

#define BLOCK_SIZE (32 * 1024)

typedef struct _Block Block;

struct _Block {
  Block *next;
  gsize used;
  gsize size;
  char data[];
};

struct _DramaHtmlTree {
  Block *blocks;
  DramaHtmlNode *root;     /* the first element, <html> */
  /* While parsing */
  htmlParserCtxtPtr ctxt;
  DramaHtmlNode *current;  /* ctxt->node of the tree builder */
  guint depth;             /* ctxt->nodeNr of the tree builder */
  gboolean halted;
  const xmlChar *last_end_tag;
};

/* Standard-size blocks a thread keeps for its next tree, up to a megabyte: a 100 KB article
 * needs about that much, and handing it to malloc and back for every article costs page
 * faults once glibc returns it to the kernel. */
#define MAX_KEPT_BLOCKS 32

typedef struct {
  Block *blocks;
  guint n_blocks;
} BlockCache;

static void
block_cache_free (gpointer data)
{
  BlockCache *cache = data;
  Block *block;

  while ((block = cache->blocks) != NULL)
    {
      cache->blocks = block->next;
      g_free (block);
    }
  g_free (cache);
}

static GPrivate block_cache_key = G_PRIVATE_INIT (block_cache_free);

static BlockCache *
get_block_cache (void)
{
  BlockCache *cache = g_private_get (&block_cache_key);

  if (cache == NULL)
    {
      cache = g_new0 (BlockCache, 1);
      g_private_set (&block_cache_key, cache);
    }
  return cache;
}

static Block *
new_block (gsize size)
{
  Block *block;

  if (size <= BLOCK_SIZE - sizeof (Block))
    {
      BlockCache *cache = get_block_cache ();

      if (cache->blocks != NULL)
        {
          block = cache->blocks;
          cache->blocks = block->next;
          cache->n_blocks--;
          return block;
        }
      size = BLOCK_SIZE - sizeof (Block);
    }
  block = g_malloc (sizeof (Block) + size);
  block->size = size;
  return block;
}

static void
free_block (Block *block)
{
  BlockCache *cache;

  if (block->size == BLOCK_SIZE - sizeof (Block) &&
      (cache = get_block_cache ())->n_blocks < MAX_KEPT_BLOCKS)
    {
      block->next = cache->blocks;
      cache->blocks = block;
      cache->n_blocks++;
      return;
    }
  g_free (block);
}

static gpointer
arena_alloc (DramaHtmlTree *tree,
             gsize          size)
{
  Block *block = tree->blocks;
  gpointer p;

  size = (size + 7) & ~(gsize) 7;
  if (block == NULL || block->size - block->used < size)
    {
      block = new_block (size);
      block->next = tree->blocks;
      block->used = 0;
      tree->blocks = block;
    }
  p = block->data + block->used;
  block->used += size;
  return p;
}

static const char *
arena_strndup (DramaHtmlTree *tree,
               const char    *s,
               gsize          len)
{
  char *copy = arena_alloc (tree, len + 1);

  memcpy (copy, s, len);
  copy[len] = '\0';
  return copy;
}

static DramaHtmlNode *
new_node (DramaHtmlTree     *tree,
          DramaHtmlNode     *parent,
          DramaHtmlNodeType  type)
{
  DramaHtmlNode *node = arena_alloc (tree, sizeof *node);

  memset (node, 0, sizeof *node);
  node->type = type;
  node->parent = parent;
  if (parent != NULL)
    {
      if (parent->last != NULL)
        parent->last->next = node;
      else
        parent->children = node;
      parent->last = node;
    }
  return node;
}

void
drama_html_tree_free (DramaHtmlTree *tree)
{
  Block *block;

  if (tree == NULL)
    return;
  while ((block = tree->blocks) != NULL)
    {
      tree->blocks = block->next;
      free_block (block);
    }
  g_free (tree);
}

DramaHtmlNode *
drama_html_tree_get_body (DramaHtmlTree *tree)
{
  /* What xmlDocGetRootElement () and a look through its children for "body" find. */
  if (tree->root == NULL)
    return NULL;
  for (DramaHtmlNode *node = tree->root->children; node != NULL; node = node->next)
    if (node->type == DRAMA_HTML_NODE_ELEMENT && g_ascii_strcasecmp (node->name, "body") == 0)
      return node;
  return NULL;
}

/* ---- building by hand ---- */

DramaHtmlTree *
drama_html_tree_new (void)
{
  DramaHtmlTree *tree = g_new0 (DramaHtmlTree, 1);

  tree->root = new_node (tree, NULL, DRAMA_HTML_NODE_ELEMENT);
  tree->root->name = "html";
  new_node (tree, tree->root, DRAMA_HTML_NODE_ELEMENT)->name = "body";
  return tree;
}

DramaHtmlNode *
drama_html_tree_add_element (DramaHtmlTree *tree,
                             DramaHtmlNode *parent,
                             const char    *name,
                             guint          n_attrs)
{
  DramaHtmlNode *node = new_node (tree, parent, DRAMA_HTML_NODE_ELEMENT);

  node->name = name;
  node->n_attrs = n_attrs;
  if (n_attrs > 0)
    node->attrs = arena_alloc (tree, n_attrs * sizeof (DramaHtmlAttr));
  return node;
}

void
drama_html_tree_set_attr (DramaHtmlTree *tree,
                          DramaHtmlNode *element,
                          guint          index,
                          const char    *name,
                          const char    *value,
                          gsize          value_len)
{
  g_return_if_fail (index < element->n_attrs);

  element->attrs[index].name = arena_strndup (tree, name, strlen (name));
  element->attrs[index].value = arena_strndup (tree, value, value_len);
}

/* Like libxml2 (xmlSAX2Text), text right after text joins it: walks that count nodes (the
 * search for a <source>) count the same nodes. */
void
drama_html_tree_add_text (DramaHtmlTree *tree,
                          DramaHtmlNode *parent,
                          const char    *text,
                          gsize          len)
{
  DramaHtmlNode *node = parent->last;

  if (node == NULL || node->type != DRAMA_HTML_NODE_TEXT)
    {
      node = new_node (tree, parent, DRAMA_HTML_NODE_TEXT);
      node->capacity = len + 1;
      node->content = arena_alloc (tree, node->capacity);
    }
  else if (node->length + len + 1 > node->capacity)
    {
      char *grown;

      node->capacity = 2 * (node->length + len + 1);
      grown = arena_alloc (tree, node->capacity);
      memcpy (grown, node->content, node->length);
      node->content = grown;
    }
  memcpy (node->content + node->length, text, len);
  node->length += len;
  node->content[node->length] = '\0';
}

/* ---- building from libxml2's parser ---- */

/* libxml2 calls endElement right after consuming "</name>" when the end tag is really
 * there, and at some other place when it closes the element itself (another end tag, or
 * the end of the input). */
static gboolean
just_read_end_tag (htmlParserCtxtPtr  ctxt,
                   const xmlChar     *name)
{
  const xmlChar *base = ctxt->input->base;
  const xmlChar *p = ctxt->input->cur;
  gsize len = strlen ((const char *) name);

  if (p == NULL || base == NULL || p <= base || p[-1] != '>')
    return FALSE;
  /* Back to the "</" of this tag, over "</svg  >" or a recovered "</svg junk>". */
  for (guint i = 0; i < 256 && p > base + 1; i++, p--)
    if (p[-2] == '<' && p[-1] == '/')
      return g_ascii_strncasecmp ((const char *) p, (const char *) name, len) == 0 &&
             !g_ascii_isalnum (p[len]);
  return FALSE;
}

static gboolean
is_foreign_root (const xmlChar *name)
{
  return g_ascii_strcasecmp ((const char *) name, "svg") == 0 ||
         g_ascii_strcasecmp ((const char *) name, "math") == 0;
}

/* xmlSAX2StartElement: the node gets the local part of the name (xmlSplitQName; an HTML
 * document has no namespaces, the prefix is dropped), goes under ctxt->node, and is pushed,
 * unless the document is already xmlParserMaxDepth deep: then nodePush () halts the parser
 * and the node is thrown away. The first element is the document's root. Attribute values
 * are kept as given, a missing one as the name for HTML's boolean attributes and as ""
 * (what xmlNodeGetContent () gives for an attribute without children) otherwise. */
static void
on_start_element (void           *user_data,
                  const xmlChar  *fullname,
                  const xmlChar **atts)
{
  htmlParserCtxtPtr ctxt = user_data;
  DramaHtmlTree *tree = ctxt->_private;
  DramaHtmlNode *node;
  const char *name;
  guint n_attrs = 0;

  if (tree->halted || fullname == NULL)
    return;

  if (tree->depth > xmlParserMaxDepth && (ctxt->options & XML_PARSE_HUGE) == 0)
    {
      tree->halted = TRUE;
      xmlStopParser (ctxt);
      return;
    }

  if (strchr ((const char *) fullname, ':') != NULL)
    {
      xmlChar *prefix = NULL;
      xmlChar *local = xmlSplitQName (ctxt, fullname, &prefix);

      name = local != NULL ? arena_strndup (tree, (const char *) local, strlen ((const char *) local))
                           : arena_strndup (tree, (const char *) fullname,
                                            strlen ((const char *) fullname));
      xmlFree (local);
      xmlFree (prefix);
    }
  else
    name = arena_strndup (tree, (const char *) fullname, strlen ((const char *) fullname));

  if (atts != NULL)
    while (atts[2 * n_attrs] != NULL)
      n_attrs++;

  /* Without a parent (the root closed) libxml2 hangs the node under the root or beside the
   * DTD, after <body> either way: outside anything drama_html_tree_get_body () reaches. */
  node = drama_html_tree_add_element (tree, tree->current, name, n_attrs);
  if (tree->root == NULL)
    tree->root = node;
  for (guint i = 0; i < n_attrs; i++)
    {
      const char *att = (const char *) atts[2 * i];
      const char *value = (const char *) atts[2 * i + 1];

      if (value == NULL)
        value = htmlIsBooleanAttr (atts[2 * i]) ? att : "";
      node->attrs[i].name = arena_strndup (tree, att, strlen (att));
      node->attrs[i].value = arena_strndup (tree, value, strlen (value));
    }

  tree->current = node;
  tree->depth++;
}

/* xmlSAX2EndElement: pops ctxt->node, whatever the name. An <svg> or <math> closed by its
 * own end tag is marked (see _drama_html_node_action () in drama-html-allow.c). */
static void
on_end_element (void          *user_data,
                const xmlChar *name)
{
  htmlParserCtxtPtr ctxt = user_data;
  DramaHtmlTree *tree = ctxt->_private;
  DramaHtmlNode *node = tree->current;

  if (tree->halted || node == NULL)
    return;

  /* At the end of "<svg>…<svg></svg>" the outer one is closed at the same place as the inner,
   * by the end of the input, and must not count as closed by that tag too. */
  if (name != NULL && is_foreign_root (name) && strcmp (node->name, (const char *) name) == 0 &&
      ctxt->input->cur != tree->last_end_tag && just_read_end_tag (ctxt, name))
    {
      node->closed_by_end_tag = TRUE;
      tree->last_end_tag = ctxt->input->cur;
    }

  tree->current = node->parent;
  tree->depth--;
}

/* xmlSAX2Characters: text under ctxt->node, none without one. libxml2 joins it to a text
 * node just before; separate nodes read the same to every walk of the sanitiser. */
static void
on_characters (void          *user_data,
               const xmlChar *ch,
               int            len)
{
  htmlParserCtxtPtr ctxt = user_data;
  DramaHtmlTree *tree = ctxt->_private;

  if (tree->halted || tree->current == NULL || len < 0)
    return;
  drama_html_tree_add_text (tree, tree->current, (const char *) ch, (gsize) len);
}

/* xmlSAX2CDataBlock (script and style content), xmlSAX2Comment, xmlSAX2ProcessingInstruction:
 * nodes no walk reads, but children all the same (an element with a comment in it is not
 * empty). */
static void
add_other (htmlParserCtxtPtr ctxt,
           DramaHtmlNodeType type)
{
  DramaHtmlTree *tree = ctxt->_private;
  DramaHtmlNode *last;

  if (tree->halted || tree->current == NULL)
    return;
  /* Script content right after script content joins it, like text. */
  last = tree->current->last;
  if (type == DRAMA_HTML_NODE_CDATA && last != NULL && last->type == DRAMA_HTML_NODE_CDATA)
    return;
  new_node (tree, tree->current, type);
}

static void
on_cdata_block (void          *user_data,
                const xmlChar *ch G_GNUC_UNUSED,
                int            len G_GNUC_UNUSED)
{
  add_other (user_data, DRAMA_HTML_NODE_CDATA);
}

static void
on_comment (void          *user_data,
            const xmlChar *value G_GNUC_UNUSED)
{
  add_other (user_data, DRAMA_HTML_NODE_OTHER);
}

static void
on_processing_instruction (void          *user_data,
                           const xmlChar *target G_GNUC_UNUSED,
                           const xmlChar *data G_GNUC_UNUSED)
{
  add_other (user_data, DRAMA_HTML_NODE_OTHER);
}

void
drama_xml_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

/* A thread's parser context, kept between fragments: htmlCtxtReadMemory () resets it for
 * each one (htmlCtxtReset ()), all but its dictionary of names, which is let go once it has
 * grown large, and its handlers, which are ours. Creating and freeing a context and its
 * dictionary per fragment is a good part of parsing a short one. */
#define MAX_KEPT_DICT_NAMES 4096

static void
parser_free (gpointer data)
{
  htmlFreeParserCtxt (data);
}

static GPrivate parser_key = G_PRIVATE_INIT (parser_free);

static htmlParserCtxtPtr
get_parser (void)
{
  htmlParserCtxtPtr ctxt = g_private_get (&parser_key);

  if (ctxt != NULL && xmlDictSize (ctxt->dict) <= MAX_KEPT_DICT_NAMES)
    return ctxt;

  ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    return NULL;
  /* The rest of the default HTML handlers stay: the document (startDocument, a DOCTYPE met
   * on the way) is what libxml2's own whitespace rules look at. */
  ctxt->sax->startElement = on_start_element;
  ctxt->sax->endElement = on_end_element;
  ctxt->sax->characters = on_characters;
  ctxt->sax->cdataBlock = on_cdata_block;
  ctxt->sax->comment = on_comment;
  ctxt->sax->processingInstruction = on_processing_instruction;
  g_private_replace (&parser_key, ctxt);
  return ctxt;
}

DramaHtmlTree *
drama_html_tree_parse (const char *html,
                       gsize       len)
{
  DramaHtmlTree *tree = g_new0 (DramaHtmlTree, 1);
  htmlParserCtxtPtr ctxt;
  htmlDocPtr doc;

  drama_xml_init ();
  ctxt = get_parser ();
  if (ctxt == NULL)
    return tree;
  ctxt->_private = tree;
  tree->ctxt = ctxt;

  /* Never HTML_PARSE_NOBLANKS: spaces between inline elements are content. The text is
   * UTF-8, valid, and starts with a byte order mark: libxml2 reads it as UTF-8 from the
   * mark, as it does when told "UTF-8", but without copying it through a converter first.
   * HTML_PARSE_IGNORE_ENC keeps a <meta charset> in the article from changing that, as a
   * named encoding does. */
  doc = htmlCtxtReadMemory (ctxt, html, (int) len, NULL, NULL,
                            HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC |
                            HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (doc != NULL)
    xmlFreeDoc (doc);
  tree->ctxt = NULL;
  tree->current = NULL;
  ctxt->_private = NULL;
  return tree;
}
