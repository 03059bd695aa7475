/* drama-feed-parser-xml.c: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (and Microsoft's CDF) trees.
 *
 * Element names are matched case-insensitively and by namespace, the way feedparser does, so
 * that the feeds people actually publish (RSS with a default namespace, Atom 0.3 without one,
 * upper-case CDF) are read.  Relative links are resolved against xml:base, inherited down the
 * tree, and then the feed's own URL (libxml2's xmlNodeGetBase does both).
 */
#define G_LOG_DOMAIN "drama-feed-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>
#include <string.h>

#include "drama-date.h"
#include "drama-feed-parser-private.h"
#include "drama-text.h"

#define MAX_DEPTH 256

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

static NsKind
ns_kind (xmlNode *node)
{
  const char *href = node->ns != NULL ? (const char *) node->ns->href : NULL;

  if (href == NULL || href[0] == '\0')
    return NS_CORE;
  if (g_str_equal (href, NS_ATOM10) || g_str_equal (href, NS_ATOM03))
    return NS_ATOM;
  if (g_str_has_prefix (href, "http://purl.org/dc/elements/"))
    return NS_DC;
  if (g_str_has_prefix (href, "http://purl.org/dc/terms"))
    return NS_DCTERMS;
  if (g_str_has_prefix (href, "http://purl.org/rss/1.0/modules/content"))
    return NS_CONTENT;
  if (g_str_has_prefix (href, "http://search.yahoo.com/mrss"))
    return NS_MEDIA;
  if (strstr (href, "itunes.com/") != NULL || strstr (href, "itunes.apple.com") != NULL)
    return NS_ITUNES;
  if (g_str_equal (href, NS_XHTML))
    return NS_XHTML_NS;
  if (g_str_equal (href, NS_RDF))
    return NS_RDF_NS;
  if (g_str_has_prefix (href, NS_RSS10) || g_str_equal (href, NS_RSS090) ||
      strstr (href, "backend.userland.com/rss") != NULL ||
      strstr (href, "blogs.law.harvard.edu/tech/rss") != NULL ||
      strstr (href, "purl.org/net/rss") != NULL)
    return NS_CORE;
  return NS_OTHER;
}

static gboolean
named (xmlNode    *node,
       const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/* The feed's own vocabulary: plain names in RSS; Atom's namespace (or none, for Atom 0.3). */
static gboolean
is_main (Walk       *walk,
         xmlNode    *node,
         const char *name)
{
  NsKind kind;

  if (!named (node, name))
    return FALSE;
  kind = ns_kind (node);
  if (walk->kind == KIND_ATOM)
    return kind == NS_ATOM || kind == NS_CORE ||
           (walk->main_ns != NULL && node->ns != NULL &&
            g_str_equal ((const char *) node->ns->href, walk->main_ns));
  return kind == NS_CORE;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    {
      /* CDF writes its attributes in capitals. */
      for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        if (attr->ns == NULL && g_ascii_strcasecmp ((const char *) attr->name, name) == 0)
          {
            value = xmlNodeGetContent ((xmlNode *) attr);
            break;
          }
      if (value == NULL)
        return NULL;
    }
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strdup (value != NULL ? (const char *) value : "");

  xmlFree (value);
  return copy;
}

static char *
base_of (Walk    *walk,
         xmlNode *node)
{
  xmlChar *base = xmlNodeGetBase (walk->doc, node);
  char *copy;

  if (base == NULL)
    return g_strdup (walk->ctx->base_url);
  copy = g_strdup ((const char *) base);
  xmlFree (base);
  return copy;
}

static char *
link_of (Walk       *walk,
         xmlNode    *node,
         const char *href)
{
  g_autofree char *base = NULL;

  if (href == NULL)
    return NULL;
  base = base_of (walk, node);
  return _drama_feed_link (href, base);
}

/* The last readable date wins, as in feedparser; an unreadable one is dropped. */
static void
set_date (gint64  *slot,
          xmlNode *node)
{
  g_autofree char *text = text_of (node);
  gint64 value = 0;

  if (drama_date_parse (text, &value))
    *slot = value;
}

/* ---- serialising inline XHTML back to markup ---- */

static const char *const void_elements[] = {
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
  "source", "track", "wbr",
};

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"':
          if (attribute)
            g_string_append (out, "&quot;");
          else
            g_string_append_c (out, '"');
          break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static void serialize_children (GString *out, xmlNode *node, int depth);

static void
serialize_node (GString *out,
                xmlNode *node,
                int      depth)
{
  const char *name;
  const char *ns_href;
  const char *parent_ns;

  if (depth > MAX_DEPTH)
    return;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      append_escaped (out, (const char *) node->content, FALSE);
      return;
    }
  if (node->type != XML_ELEMENT_NODE)
    return;

  name = (const char *) node->name;
  ns_href = node->ns != NULL ? (const char *) node->ns->href : NULL;
  parent_ns = node->parent != NULL && node->parent->type == XML_ELEMENT_NODE &&
              node->parent->ns != NULL
              ? (const char *) node->parent->ns->href : NULL;
  g_string_append_printf (out, "<%s", name);
  /* SVG and MathML need their namespace to mean anything once the prefix is gone. */
  if (ns_href != NULL && !g_str_equal (ns_href, NS_XHTML) && g_strcmp0 (ns_href, parent_ns) != 0)
    {
      g_string_append (out, " xmlns=\"");
      append_escaped (out, ns_href, TRUE);
      g_string_append_c (out, '"');
    }
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);

      g_string_append_c (out, ' ');
      if (attr->ns != NULL && attr->ns->prefix != NULL)
        g_string_append_printf (out, "%s:", (const char *) attr->ns->prefix);
      g_string_append_printf (out, "%s=\"", (const char *) attr->name);
      append_escaped (out, value != NULL ? (const char *) value : "", TRUE);
      g_string_append_c (out, '"');
      xmlFree (value);
    }
  g_string_append_c (out, '>');
  for (guint i = 0; i < G_N_ELEMENTS (void_elements); i++)
    if (node->children == NULL && g_ascii_strcasecmp (name, void_elements[i]) == 0)
      return;
  serialize_children (out, node, depth + 1);
  g_string_append_printf (out, "</%s>", name);
}

static void
serialize_children (GString *out,
                    xmlNode *node,
                    int      depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    serialize_node (out, child, depth);
}

static gboolean
has_element_children (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return TRUE;
  return FALSE;
}

/* An Atom text construct (or any element holding text or markup): the raw value, and whether
 * it is HTML. */
static char *
read_text (Walk        *walk,
           xmlNode     *node,
           TextDefault  fallback,
           gboolean    *is_html)
{
  g_autofree char *type = get_attr (node, "type");
  g_autofree char *mode = get_attr (node, "mode");
  enum { T_TEXT, T_HTML, T_XHTML } kind;
  gboolean base64 = FALSE;
  char *value;

  if (type != NULL && g_strstrip (type)[0] == '\0')
    g_clear_pointer (&type, g_free);
  if (type != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (g_strstrip (type), -1);

      if (g_str_equal (lower, "html") || g_str_equal (lower, "text/html"))
        kind = T_HTML;
      else if (g_str_equal (lower, "xhtml") || g_str_has_suffix (lower, "xml"))
        kind = T_XHTML;
      else if (g_str_equal (lower, "text") || g_str_has_prefix (lower, "text/"))
        kind = T_TEXT;
      else
        {
          /* Atom 1.0: any other media type is base64-encoded. */
          kind = T_HTML;
          base64 = walk->atom10;
        }
    }
  else
    kind = fallback == DEFAULT_HTML ? T_HTML : T_TEXT;

  if (base64 || (mode != NULL && g_ascii_strcasecmp (g_strstrip (mode), "base64") == 0))
    {
      g_autofree char *encoded = text_of (node);
      gsize len = 0;
      guchar *decoded = g_base64_decode (g_strstrip (encoded), &len);
      value = g_utf8_make_valid ((const char *) decoded, len);
      g_free (decoded);
      if (kind == T_XHTML)
        kind = T_HTML;
    }
  else if ((mode != NULL && g_ascii_strcasecmp (g_strstrip (mode), "escaped") == 0) ||
           (type != NULL && kind == T_HTML))
    value = text_of (node);  /* escaped HTML; stray elements around it are not part of it */
  else if (has_element_children (node) || kind == T_XHTML)
    {
      GString *out = g_string_new (NULL);
      xmlNode *only = NULL;
      int elements = 0;

      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          if (child->type == XML_ELEMENT_NODE)
            {
              elements++;
              only = child;
            }
          else if (child->type == XML_TEXT_NODE && child->content != NULL)
            {
              const char *c = (const char *) child->content;
              while (g_ascii_isspace (*c))
                c++;
              if (*c != '\0')
                elements = 2;
            }
        }
      /* Atom 1.0 wraps XHTML in one <div> that is not part of the content. */
      if (walk->atom10 && kind == T_XHTML && elements == 1 && named (only, "div"))
        serialize_children (out, only, 1);
      else
        serialize_children (out, node, 1);
      value = g_string_free (out, FALSE);
      kind = T_HTML;
    }
  else
    value = text_of (node);

  if (fallback == DEFAULT_GUESS && type == NULL && kind == T_TEXT)
    kind = _drama_feed_looks_like_html (value) ? T_HTML : T_TEXT;
  *is_html = kind != T_TEXT;
  return value;
}

/* "me@example.com (Me)" and "Me <me@example.com>" → name and email. */
static void
split_author (const char  *text,
              char       **name,
              char       **email)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *open;

  *name = NULL;
  *email = NULL;
  if (copy[0] == '\0')
    return;
  if ((open = strchr (copy, '(')) != NULL && g_str_has_suffix (copy, ")") && open > copy &&
      memchr (copy, '@', open - copy) != NULL)
    {
      *email = g_strstrip (g_strndup (copy, open - copy));
      *name = g_strstrip (g_strndup (open + 1, strlen (open + 1) - 1));
    }
  else if ((open = strchr (copy, '<')) != NULL && g_str_has_suffix (copy, ">") && open > copy)
    {
      *name = g_strstrip (g_strndup (copy, open - copy));
      *email = g_strstrip (g_strndup (open + 1, strlen (open + 1) - 1));
    }
  else
    *name = g_steal_pointer (&copy);
}

static void
set_author (DramaRawEntry *raw,
            const char    *text)
{
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;

  if (raw->author != NULL || raw->author_email != NULL)
    return;
  split_author (text, &name, &email);
  /* RSS's "email (Name)" reads as the name alone, as feedparser does. */
  raw->author = g_steal_pointer (&name);
  if (raw->author == NULL)
    raw->author = g_steal_pointer (&email);
}

static void
read_atom_person (Walk    *walk,
                  xmlNode *node,
                  char   **name,
                  char   **email)
{
  *name = NULL;
  *email = NULL;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_main (walk, child, "name") && *name == NULL)
        *name = g_strstrip (text_of (child));
      else if (is_main (walk, child, "email") && *email == NULL)
        *email = g_strstrip (text_of (child));
    }
  if (*name == NULL && *email == NULL && !has_element_children (node))
    *name = g_strstrip (text_of (node));
  if (*name != NULL && (*name)[0] == '\0')
    g_clear_pointer (name, g_free);
  if (*email != NULL && (*email)[0] == '\0')
    g_clear_pointer (email, g_free);
}

static void
take_text (Walk          *walk,
           xmlNode       *node,
           TextDefault    fallback,
           char         **slot,
           gboolean      *slot_html,
           int           *slot_rank,
           char         **slot_base,
           int            rank)
{
  gboolean is_html = FALSE;
  char *value;

  if (*slot != NULL && *slot_rank <= rank)
    return;
  value = read_text (walk, node, fallback, &is_html);
  if (_drama_raw_take (slot, slot_rank, rank, value))
    {
      *slot_html = is_html;
      if (slot_base != NULL)
        {
          g_free (*slot_base);
          *slot_base = base_of (walk, node);
        }
    }
}

static void
take_image (Walk          *walk,
            DramaRawEntry *raw,
            xmlNode       *node,
            const char    *href,
            int            rank)
{
  _drama_raw_take (&raw->image, &raw->image_rank, rank, link_of (walk, node, href));
}

static gboolean
looks_like_image_url (const char *url)
{
  static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".gif", ".webp" };
  g_autofree char *lower = g_ascii_strdown (url, -1);
  char *query = strpbrk (lower, "?#");

  if (query != NULL)
    *query = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    if (g_str_has_suffix (lower, exts[i]))
      return TRUE;
  return FALSE;
}

/* Media RSS, in an item or an Atom entry, directly or inside <media:group>. */
static void
read_media (Walk          *walk,
            DramaRawEntry *raw,
            xmlNode       *node,
            int            depth)
{
  if (ns_kind (node) != NS_MEDIA || depth > 3)
    return;
  if (named (node, "group") || named (node, "content"))
    {
      if (named (node, "content"))
        {
          g_autofree char *url = get_attr (node, "url");
          g_autofree char *medium = get_attr (node, "medium");
          g_autofree char *type = get_attr (node, "type");

          if (url != NULL &&
              ((medium != NULL && g_ascii_strcasecmp (medium, "image") == 0) ||
               (type != NULL && g_str_has_prefix (type, "image/")) ||
               (medium == NULL && type == NULL && looks_like_image_url (url))))
            take_image (walk, raw, node, url, 0);
        }
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
          read_media (walk, raw, child, depth + 1);
    }
  else if (named (node, "thumbnail"))
    {
      g_autofree char *url = get_attr (node, "url");
      take_image (walk, raw, node, url, 1);
    }
  else if (named (node, "title"))
    take_text (walk, node, DEFAULT_TEXT, &raw->title, &raw->title_html, &raw->title_rank,
               &raw->title_base, 5);
  else if (named (node, "description"))
    take_text (walk, node, DEFAULT_TEXT, &raw->summary, &raw->summary_html, &raw->summary_rank,
               &raw->summary_base, 5);
}

/* Elements RSS items and Atom entries share: Dublin Core, content:, iTunes, Media RSS. */
static gboolean
read_common (Walk          *walk,
             DramaRawEntry *raw,
             xmlNode       *child)
{
  NsKind kind = ns_kind (child);

  switch (kind)
    {
    case NS_DC:
      if (named (child, "title"))
        take_text (walk, child, DEFAULT_GUESS, &raw->title, &raw->title_html, &raw->title_rank,
                   &raw->title_base, 3);
      else if (named (child, "creator") || named (child, "author"))
        {
          g_autofree char *text = text_of (child);
          set_author (raw, text);
        }
      else if (named (child, "description"))
        take_text (walk, child, DEFAULT_HTML, &raw->summary, &raw->summary_html,
                   &raw->summary_rank, &raw->summary_base, 3);
      else if (named (child, "date"))
        set_date (&raw->updated, child);
      else if (named (child, "identifier") && raw->id == NULL)
        raw->id = text_of (child);
      return TRUE;
    case NS_DCTERMS:
      if (named (child, "issued") || (named (child, "created") && raw->published == 0))
        set_date (&raw->published, child);
      else if (named (child, "modified"))
        set_date (&raw->updated, child);
      return TRUE;
    case NS_CONTENT:
      if (named (child, "encoded"))
        take_text (walk, child, DEFAULT_HTML, &raw->content, &raw->content_html,
                   &raw->content_rank, &raw->content_base, 0);
      return TRUE;
    case NS_XHTML_NS:
      if (named (child, "body") || named (child, "div"))
        {
          GString *out = g_string_new (NULL);
          serialize_children (out, child, 1);
          if (_drama_raw_take (&raw->content, &raw->content_rank, 1, g_string_free (out, FALSE)))
            {
              raw->content_html = TRUE;
              g_free (raw->content_base);
              raw->content_base = base_of (walk, child);
            }
        }
      return TRUE;
    case NS_ITUNES:
      if (named (child, "author"))
        {
          g_autofree char *text = text_of (child);
          set_author (raw, text);
        }
      else if (named (child, "summary"))
        take_text (walk, child, DEFAULT_TEXT, &raw->summary, &raw->summary_html,
                   &raw->summary_rank, &raw->summary_base, 4);
      else if (named (child, "image"))
        {
          g_autofree char *href = get_attr (child, "href");
          take_image (walk, raw, child, href, 3);
        }
      return TRUE;
    case NS_MEDIA:
      read_media (walk, raw, child, 0);
      return TRUE;
    case NS_CORE:
    case NS_ATOM:
    case NS_RDF_NS:
    case NS_OTHER:
    default:
      return FALSE;
    }
}

static void
read_enclosure (Walk          *walk,
                DramaRawEntry *raw,
                xmlNode       *node,
                const char    *url_attr)
{
  g_autofree char *href = get_attr (node, url_attr);
  g_autofree char *url = link_of (walk, node, href);
  g_autofree char *type = get_attr (node, "type");
  g_autofree char *length = get_attr (node, "length");

  _drama_feed_add_enclosure (raw->enclosures, url, type, length);
}

static DramaParsedEntry *
read_rss_item (Walk    *walk,
               xmlNode *item)
{
  DramaRawEntry raw;
  g_autofree char *guid_link = NULL;
  g_autofree char *about = NULL;
  xmlChar *rdf_about = xmlGetNsProp (item, (const xmlChar *) "about", (const xmlChar *) NS_RDF);

  if (rdf_about != NULL)
    {
      about = g_strdup ((const char *) rdf_about);
      xmlFree (rdf_about);
    }

  _drama_raw_entry_init (&raw);
  for (xmlNode *child = item->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (read_common (walk, &raw, child))
        continue;
      if (ns_kind (child) == NS_ATOM)
        {
          if (named (child, "link") && raw.link == NULL)
            {
              g_autofree char *rel = get_attr (child, "rel");
              g_autofree char *href = get_attr (child, "href");
              if (rel == NULL || g_str_equal (rel, "alternate"))
                raw.link = link_of (walk, child, href);
            }
          continue;
        }
      if (ns_kind (child) != NS_CORE)
        continue;

      if (named (child, "title"))
        take_text (walk, child, DEFAULT_GUESS,
                   &raw.title, &raw.title_html, &raw.title_rank, &raw.title_base, 0);
      else if (named (child, "link") && raw.link == NULL)
        {
          g_autofree char *text = g_strstrip (text_of (child));
          raw.link = link_of (walk, child, text);
        }
      else if (named (child, "guid") && raw.id == NULL)
        {
          g_autofree char *permalink = get_attr (child, "isPermaLink");
          raw.id = g_strstrip (text_of (child));
          if (permalink == NULL || g_ascii_strcasecmp (g_strstrip (permalink), "false") != 0)
            guid_link = link_of (walk, child, raw.id);
        }
      else if ((named (child, "description") || named (child, "summary")) && raw.summary_rank == 0)
        /* Both a <description> and a <summary>: feedparser makes the second the content. */
        take_text (walk, child, DEFAULT_HTML, &raw.content, &raw.content_html,
                   &raw.content_rank, &raw.content_base, 3);
      else if (named (child, "description") || named (child, "abstract") ||
               named (child, "summary"))
        take_text (walk, child, named (child, "abstract") ? DEFAULT_GUESS : DEFAULT_HTML,
                   &raw.summary, &raw.summary_html, &raw.summary_rank, &raw.summary_base, 0);
      else if (named (child, "fullitem"))
        take_text (walk, child, DEFAULT_HTML, &raw.content, &raw.content_html,
                   &raw.content_rank, &raw.content_base, 2);
      else if (named (child, "author"))
        {
          g_autofree char *text = text_of (child);
          set_author (&raw, text);
        }
      else if (named (child, "pubDate"))
        set_date (&raw.published, child);
      else if (named (child, "enclosure"))
        read_enclosure (walk, &raw, child, "url");
    }

  if (raw.link == NULL && guid_link != NULL)
    raw.link = g_steal_pointer (&guid_link);
  if (raw.id == NULL && about != NULL && about[0] != '\0')
    raw.id = g_steal_pointer (&about);

  if (walk->kind == KIND_CDF)
    {
      g_autofree char *href = get_attr (item, "href");
      g_autofree char *lastmod = get_attr (item, "lastmod");
      gint64 when = 0;

      if (raw.link == NULL)
        raw.link = link_of (walk, item, href);
      if (lastmod != NULL && drama_date_parse (lastmod, &when))
        raw.updated = when;
    }
  return _drama_raw_entry_finish (walk->ctx, &raw);
}

static DramaParsedEntry *
read_atom_entry (Walk    *walk,
                 xmlNode *entry)
{
  DramaRawEntry raw;
  gboolean have_author = FALSE;
  gboolean link_is_html = FALSE;

  _drama_raw_entry_init (&raw);
  for (xmlNode *child = entry->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (read_common (walk, &raw, child))
        continue;
      if (ns_kind (child) != NS_ATOM && ns_kind (child) != NS_CORE)
        continue;

      if (named (child, "title"))
        take_text (walk, child, DEFAULT_TEXT, &raw.title, &raw.title_html, &raw.title_rank,
                   &raw.title_base, 0);
      else if (named (child, "id") && raw.id == NULL)
        raw.id = g_strstrip (text_of (child));
      else if (named (child, "link"))
        {
          g_autofree char *rel = get_attr (child, "rel");
          g_autofree char *href = get_attr (child, "href");
          g_autofree char *type = get_attr (child, "type");

          if (rel == NULL || g_ascii_strcasecmp (g_strstrip (rel), "alternate") == 0)
            {
              gboolean html = type == NULL || g_str_has_prefix (type, "text/html") ||
                              g_str_has_prefix (type, "application/xhtml");
              char *url = link_of (walk, child, href);

              if (url != NULL && (raw.link == NULL || (html && !link_is_html)))
                {
                  g_free (raw.link);
                  raw.link = url;
                  link_is_html = html;
                }
              else
                g_free (url);
            }
          else if (g_ascii_strcasecmp (rel, "enclosure") == 0)
            read_enclosure (walk, &raw, child, "href");
        }
      else if (named (child, "summary"))
        take_text (walk, child, DEFAULT_TEXT, &raw.summary, &raw.summary_html,
                   &raw.summary_rank, &raw.summary_base, 0);
      else if (named (child, "content"))
        take_text (walk, child, DEFAULT_TEXT, &raw.content, &raw.content_html,
                   &raw.content_rank, &raw.content_base, 0);
      else if (named (child, "author") && !have_author)
        {
          g_autofree char *name = NULL;
          g_autofree char *email = NULL;

          read_atom_person (walk, child, &name, &email);
          if (name != NULL || email != NULL)
            {
              g_free (raw.author);
              g_free (raw.author_email);
              raw.author = g_steal_pointer (&name);
              raw.author_email = g_steal_pointer (&email);
              have_author = TRUE;
            }
        }
      else if (named (child, "published") || named (child, "issued"))
        set_date (&raw.published, child);
      else if (named (child, "updated") || named (child, "modified"))
        set_date (&raw.updated, child);
      else if (named (child, "created") && raw.published == 0)
        set_date (&raw.published, child);
    }

  /* Atom: an entry without an author has the feed's. */
  if (raw.author == NULL && raw.author_email == NULL && walk->feed_author != NULL &&
      !(walk->ctx->flags & DRAMA_FEED_PARSE_KEEP_MARKUP))
    raw.author = g_strdup (walk->feed_author);
  return _drama_raw_entry_finish (walk->ctx, &raw);
}

/* Channel or feed level: title, link, subtitle.  Items found on the way are added. */
static void
read_channel (Walk            *walk,
              DramaParsedFeed *feed,
              xmlNode         *channel,
              int              depth)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title_base = NULL;
  g_autofree char *subtitle_base = NULL;
  gboolean title_html = FALSE, subtitle_html = FALSE;
  int title_rank = DRAMA_RANK_NONE, subtitle_rank = DRAMA_RANK_NONE;
  g_autofree char *link = NULL;
  gboolean link_is_html = FALSE;

  if (depth > 2)
    return;
  for (xmlNode *child = channel->children; child != NULL; child = child->next)
    {
      NsKind kind;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      kind = ns_kind (child);

      if (walk->kind != KIND_ATOM && (is_main (walk, child, "item")))
        {
          if (feed->entries->len < DRAMA_FEED_PARSER_MAX_ENTRIES)
            g_ptr_array_add (feed->entries, read_rss_item (walk, child));
          continue;
        }
      if (walk->kind == KIND_ATOM && is_main (walk, child, "entry"))
        {
          if (feed->entries->len < DRAMA_FEED_PARSER_MAX_ENTRIES)
            g_ptr_array_add (feed->entries, read_atom_entry (walk, child));
          continue;
        }
      if (walk->kind != KIND_ATOM && is_main (walk, child, "channel") && depth == 0)
        {
          read_channel (walk, feed, child, depth + 1);
          continue;
        }

      if (is_main (walk, child, "title"))
        take_text (walk, child, walk->kind == KIND_ATOM ? DEFAULT_TEXT : DEFAULT_GUESS,
                   &title, &title_html, &title_rank, &title_base, 0);
      else if (kind == NS_DC && named (child, "title"))
        take_text (walk, child, DEFAULT_GUESS, &title, &title_html, &title_rank, &title_base, 1);
      else if (is_main (walk, child, "subtitle") || is_main (walk, child, "tagline"))
        take_text (walk, child, DEFAULT_TEXT, &subtitle, &subtitle_html, &subtitle_rank,
                   &subtitle_base, 0);
      else if (walk->kind != KIND_ATOM && is_main (walk, child, "description"))
        take_text (walk, child, DEFAULT_HTML, &subtitle, &subtitle_html, &subtitle_rank,
                   &subtitle_base, 0);
      else if (walk->kind == KIND_CDF && is_main (walk, child, "abstract"))
        take_text (walk, child, DEFAULT_GUESS, &subtitle, &subtitle_html, &subtitle_rank,
                   &subtitle_base, 0);
      else if (kind == NS_DC && named (child, "description"))
        take_text (walk, child, DEFAULT_HTML, &subtitle, &subtitle_html, &subtitle_rank,
                   &subtitle_base, 1);
      else if (kind == NS_ITUNES && named (child, "summary"))
        take_text (walk, child, DEFAULT_TEXT, &subtitle, &subtitle_html, &subtitle_rank,
                   &subtitle_base, -1);
      else if (kind == NS_ITUNES && named (child, "subtitle"))
        take_text (walk, child, DEFAULT_TEXT, &subtitle, &subtitle_html, &subtitle_rank,
                   &subtitle_base, 2);
      else if (walk->kind != KIND_ATOM && is_main (walk, child, "link") && link == NULL)
        {
          g_autofree char *text = g_strstrip (text_of (child));
          link = link_of (walk, child, text);
        }
      else if (walk->kind == KIND_ATOM ? is_main (walk, child, "link")
                                       : kind == NS_ATOM && named (child, "link"))
        {
          g_autofree char *rel = get_attr (child, "rel");
          g_autofree char *href = get_attr (child, "href");
          g_autofree char *type = get_attr (child, "type");

          if (rel == NULL || g_ascii_strcasecmp (g_strstrip (rel), "alternate") == 0)
            {
              gboolean html = type == NULL || g_str_has_prefix (type, "text/html") ||
                              g_str_has_prefix (type, "application/xhtml");
              char *url = link_of (walk, child, href);

              if (url != NULL &&
                  (link == NULL || (walk->kind == KIND_ATOM && html && !link_is_html)))
                {
                  g_free (link);
                  link = url;
                  link_is_html = html;
                }
              else
                g_free (url);
            }
        }
      else if (walk->kind == KIND_ATOM && is_main (walk, child, "author") &&
               walk->feed_author == NULL)
        {
          g_autofree char *email = NULL;
          read_atom_person (walk, child, &walk->feed_author, &email);
          if (walk->feed_author == NULL)
            walk->feed_author = g_steal_pointer (&email);
        }
    }

  if (walk->kind == KIND_CDF && link == NULL)
    {
      g_autofree char *href = get_attr (channel, "href");
      link = link_of (walk, channel, href);
    }

  if (title != NULL && feed->title == NULL)
    feed->title = _drama_feed_plain (walk->ctx, title, title_html, title_base);
  if (subtitle != NULL && feed->subtitle == NULL)
    feed->subtitle = _drama_feed_plain (walk->ctx, subtitle, subtitle_html, subtitle_base);
  if (link != NULL && feed->link == NULL)
    feed->link = g_steal_pointer (&link);
}

static char *
rss_format (xmlNode *root)
{
  g_autofree char *version = get_attr (root, "version");

  if (version != NULL && g_str_has_prefix (g_strstrip (version), "0.9"))
    return g_strdup ("rss0.9x");
  return g_strdup ("rss2.0");
}

DramaParsedFeed *
_drama_feed_parse_tree (DramaParseCtx  *ctx,
                        xmlDoc         *doc,
                        GError        **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  Walk walk = { ctx, doc, KIND_RSS, FALSE, NULL, NULL };
  DramaParsedFeed *feed;
  const char *ns_href;

  if (root == NULL)
    {
      g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED,
                   _("The document has no content."));
      return NULL;
    }

  feed = g_new0 (DramaParsedFeed, 1);
  feed->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_parsed_entry_free);
  ns_href = root->ns != NULL ? (const char *) root->ns->href : NULL;

  if (named (root, "rss") && (ns_kind (root) == NS_CORE))
    feed->format = rss_format (root);
  else if (named (root, "RDF") && ns_kind (root) == NS_RDF_NS)
    {
      gboolean rss090 = FALSE;
      for (xmlNode *child = root->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE && child->ns != NULL &&
            g_str_equal ((const char *) child->ns->href, NS_RSS090))
          rss090 = TRUE;
      feed->format = g_strdup (rss090 ? "rss0.9x" : "rss1.0");
    }
  else if (named (root, "feed"))
    {
      g_autofree char *version = get_attr (root, "version");

      walk.kind = KIND_ATOM;
      walk.main_ns = ns_href;
      if (g_strcmp0 (ns_href, NS_ATOM03) == 0 ||
          (g_strcmp0 (ns_href, NS_ATOM10) != 0 && version != NULL &&
           g_str_has_prefix (version, "0.")))
        feed->format = g_strdup ("atom0.3");
      else
        {
          feed->format = g_strdup ("atom1.0");
          walk.atom10 = TRUE;
        }
    }
  else if (named (root, "channel") && ns_kind (root) == NS_CORE)
    {
      /* Microsoft's Channel Definition Format (1997), the ancestor of RSS 0.9x. */
      walk.kind = KIND_CDF;
      feed->format = g_strdup ("rss0.9x");
    }
  else
    {
      drama_parsed_feed_free (feed);
      if (named (root, "html"))
        g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NOT_A_FEED,
                     _("This address leads to a web page, not to a feed."));
      else
        {
          /* A name may be 50,000 bytes long. */
          g_autofree char *name = drama_text_make_safe ((const char *) root->name, -1,
                                                        DRAMA_FEED_MAX_QUOTE);

          g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NOT_A_FEED,
                       _("The document is XML but not a feed (it starts with <%s>)."), name);
        }
      return NULL;
    }

  read_channel (&walk, feed, root, 0);
  g_free (walk.feed_author);
  return feed;
}
