/* drama-feed-parser-xml-fields.c: reading the values of RSS and Atom elements.
 *
 * Matching an element by name and namespace, attributes, links resolved against xml:base,
 * dates, text constructs (inline XHTML serialised back to markup), authors, images, Media RSS
 * and enclosures: the pieces drama-feed-parser-xml.c puts together for items, entries and
 * channels.
 */
#define G_LOG_DOMAIN "drama-feed-parser"

#include "config.h"

#include <libxml/tree.h>
#include <string.h>

#include "drama-date.h"
#include "drama-feed-parser-private.h"

#define MAX_DEPTH 256

NsKind
_drama_xml_ns_kind (xmlNode *node)
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

gboolean
_drama_xml_named (xmlNode    *node,
                  const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/* The feed's own vocabulary: plain names in RSS; Atom's namespace (or none, for Atom 0.3). */
gboolean
_drama_xml_is_main (Walk       *walk,
                    xmlNode    *node,
                    const char *name)
{
  NsKind kind;

  if (!_drama_xml_named (node, name))
    return FALSE;
  kind = _drama_xml_ns_kind (node);
  if (walk->kind == KIND_ATOM)
    return kind == NS_ATOM || kind == NS_CORE ||
           (walk->main_ns != NULL && node->ns != NULL &&
            g_str_equal ((const char *) node->ns->href, walk->main_ns));
  return kind == NS_CORE;
}

char *
_drama_xml_get_attr (xmlNode    *node,
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

char *
_drama_xml_text_of (xmlNode *node)
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

char *
_drama_xml_link_of (Walk       *walk,
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
void
_drama_xml_set_date (gint64  *slot,
                     xmlNode *node)
{
  g_autofree char *text = _drama_xml_text_of (node);
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
  g_autofree char *type = _drama_xml_get_attr (node, "type");
  g_autofree char *mode = _drama_xml_get_attr (node, "mode");
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
      g_autofree char *encoded = _drama_xml_text_of (node);
      gsize len = 0;
      guchar *decoded = g_base64_decode (g_strstrip (encoded), &len);
      value = g_utf8_make_valid ((const char *) decoded, len);
      g_free (decoded);
      if (kind == T_XHTML)
        kind = T_HTML;
    }
  else if ((mode != NULL && g_ascii_strcasecmp (g_strstrip (mode), "escaped") == 0) ||
           (type != NULL && kind == T_HTML))
    /* escaped HTML; stray elements around it are not part of it */
    value = _drama_xml_text_of (node);
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
      if (walk->atom10 && kind == T_XHTML && elements == 1 && _drama_xml_named (only, "div"))
        serialize_children (out, only, 1);
      else
        serialize_children (out, node, 1);
      value = g_string_free (out, FALSE);
      kind = T_HTML;
    }
  else
    value = _drama_xml_text_of (node);

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

void
_drama_xml_set_author (DramaRawEntry *raw,
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

void
_drama_xml_read_atom_person (Walk    *walk,
                             xmlNode *node,
                             char   **name,
                             char   **email)
{
  *name = NULL;
  *email = NULL;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (_drama_xml_is_main (walk, child, "name") && *name == NULL)
        *name = g_strstrip (_drama_xml_text_of (child));
      else if (_drama_xml_is_main (walk, child, "email") && *email == NULL)
        *email = g_strstrip (_drama_xml_text_of (child));
    }
  if (*name == NULL && *email == NULL && !has_element_children (node))
    *name = g_strstrip (_drama_xml_text_of (node));
  if (*name != NULL && (*name)[0] == '\0')
    g_clear_pointer (name, g_free);
  if (*email != NULL && (*email)[0] == '\0')
    g_clear_pointer (email, g_free);
}

void
_drama_xml_take_text (Walk          *walk,
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
  _drama_raw_take (&raw->image, &raw->image_rank, rank, _drama_xml_link_of (walk, node, href));
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
  if (_drama_xml_ns_kind (node) != NS_MEDIA || depth > 3)
    return;
  if (_drama_xml_named (node, "group") || _drama_xml_named (node, "content"))
    {
      if (_drama_xml_named (node, "content"))
        {
          g_autofree char *url = _drama_xml_get_attr (node, "url");
          g_autofree char *medium = _drama_xml_get_attr (node, "medium");
          g_autofree char *type = _drama_xml_get_attr (node, "type");

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
  else if (_drama_xml_named (node, "thumbnail"))
    {
      g_autofree char *url = _drama_xml_get_attr (node, "url");
      take_image (walk, raw, node, url, 1);
    }
  else if (_drama_xml_named (node, "title"))
    _drama_xml_take_text (walk, node, DEFAULT_TEXT, &raw->title, &raw->title_html, &raw->title_rank,
                          &raw->title_base, 5);
  else if (_drama_xml_named (node, "description"))
    _drama_xml_take_text (walk, node, DEFAULT_TEXT, &raw->summary, &raw->summary_html,
                          &raw->summary_rank, &raw->summary_base, 5);
}

/* Elements RSS items and Atom entries share: Dublin Core, content:, iTunes, Media RSS. */
gboolean
_drama_xml_read_common (Walk          *walk,
                        DramaRawEntry *raw,
                        xmlNode       *child)
{
  NsKind kind = _drama_xml_ns_kind (child);

  switch (kind)
    {
    case NS_DC:
      if (_drama_xml_named (child, "title"))
        _drama_xml_take_text (walk, child, DEFAULT_GUESS, &raw->title, &raw->title_html,
                              &raw->title_rank, &raw->title_base, 3);
      else if (_drama_xml_named (child, "creator") || _drama_xml_named (child, "author"))
        {
          g_autofree char *text = _drama_xml_text_of (child);
          _drama_xml_set_author (raw, text);
        }
      else if (_drama_xml_named (child, "description"))
        _drama_xml_take_text (walk, child, DEFAULT_HTML, &raw->summary, &raw->summary_html,
                              &raw->summary_rank, &raw->summary_base, 3);
      else if (_drama_xml_named (child, "date"))
        _drama_xml_set_date (&raw->updated, child);
      else if (_drama_xml_named (child, "identifier") && raw->id == NULL)
        raw->id = _drama_xml_text_of (child);
      return TRUE;
    case NS_DCTERMS:
      if (_drama_xml_named (child, "issued") ||
          (_drama_xml_named (child, "created") && raw->published == 0))
        _drama_xml_set_date (&raw->published, child);
      else if (_drama_xml_named (child, "modified"))
        _drama_xml_set_date (&raw->updated, child);
      return TRUE;
    case NS_CONTENT:
      if (_drama_xml_named (child, "encoded"))
        _drama_xml_take_text (walk, child, DEFAULT_HTML, &raw->content, &raw->content_html,
                              &raw->content_rank, &raw->content_base, 0);
      return TRUE;
    case NS_XHTML_NS:
      if (_drama_xml_named (child, "body") || _drama_xml_named (child, "div"))
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
      if (_drama_xml_named (child, "author"))
        {
          g_autofree char *text = _drama_xml_text_of (child);
          _drama_xml_set_author (raw, text);
        }
      else if (_drama_xml_named (child, "summary"))
        _drama_xml_take_text (walk, child, DEFAULT_TEXT, &raw->summary, &raw->summary_html,
                              &raw->summary_rank, &raw->summary_base, 4);
      else if (_drama_xml_named (child, "image"))
        {
          g_autofree char *href = _drama_xml_get_attr (child, "href");
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

void
_drama_xml_read_enclosure (Walk          *walk,
                           DramaRawEntry *raw,
                           xmlNode       *node,
                           const char    *url_attr)
{
  g_autofree char *href = _drama_xml_get_attr (node, url_attr);
  g_autofree char *url = _drama_xml_link_of (walk, node, href);
  g_autofree char *type = _drama_xml_get_attr (node, "type");
  g_autofree char *length = _drama_xml_get_attr (node, "length");

  _drama_feed_add_enclosure (raw->enclosures, url, type, length);
}
