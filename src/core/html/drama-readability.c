/* drama-readability.c: reader mode, the article of a web page without the rest of the page.
 *
 * In the spirit of arc90's Readability (and Mozilla's): paragraph-like blocks are scored by
 * their length and commas, and the score goes to the elements holding them; class and id
 * names say what a block is likely to be; the best holder, scaled down by its share of link
 * text, is the article, with those of its siblings that score nearly as well. What is left
 * of lists of links, share bars and the like inside it is then cleaned away.
 *
 * Pages are hostile input. The input is cut at MAX_INPUT_BYTES; libxml2 reads it without
 * the network and without loading anything; no walk here recurses (the tree is walked by
 * its parent/next pointers), and the article is cut at MAX_DEPTH levels, so neither the
 * serialiser nor the sanitiser after it meets a page of 100,000 nested <div>s. */
#define G_LOG_DOMAIN "drama-readability"

#include "config.h"

#include "drama-readability.h"
#include "drama-readability-private.h"
#include "drama-xml.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <string.h>

#define MAX_INPUT_BYTES (5 * 1024 * 1024)
/* Text (in weighted characters, see _drama_readability_measure_text ()) an article has at
 * least: less is a teaser, a sign-in form or an empty page. */
#define MIN_ARTICLE_TEXT 300
/* A share of link text above which the whole result is a list of links, not an article. */
#define MAX_ARTICLE_LINK_DENSITY 0.5

/* ---- tags ---- */

/* Dropped wherever they are: code, styling and frames are never article text. Forms stay
 * until cleaning, which counts their controls: some sites put the whole page in one. */
static const char * const always_dropped[] = {
  "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
  "applet", "button", "svg", "math", "canvas", "link", "meta", "dialog", "base", NULL
};

/* Page furniture, dropped while FLAG_STRIP_UNLIKELY is on. */
static const char * const furniture[] = {
  "nav", "aside", "footer", "header", "menu", NULL
};

static const char * const block_tags[] = {
  "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir",
  "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
  "h4", "h5", "h6", "header", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
  "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", NULL
};

/* Elements whose own runs of inline text count as paragraphs (many Korean news sites write
 * the article as text and <br>s straight inside a <div>). */
static const char * const text_holders[] = {
  "div", "section", "article", "main", "td", "blockquote", "body", "font", "center", NULL
};

/* ---- removing what is not the article ---- */

static gboolean
is_hidden (xmlNode *node)
{
  const char *style = get_attr (node, "style");

  if (get_attr (node, "hidden") != NULL)
    return TRUE;
  if (g_strcmp0 (get_attr (node, "aria-hidden"), "true") == 0 && !is_tag (node, "img"))
    return TRUE;
  if (style != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (style, -1);
      g_autofree char *flat = NULL;
      GString *s = g_string_new (NULL);

      for (const char *p = lower; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (s, *p);
      flat = g_string_free (s, FALSE);
      if (strstr (flat, "display:none") != NULL || strstr (flat, "visibility:hidden") != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_unlikely (Page    *page,
             xmlNode *node)
{
  static const char * const furniture_roles[] = {
    "navigation", "complementary", "banner", "contentinfo", "menu", "menubar", "search",
    "dialog", "alertdialog", NULL
  };
  const char *role;

  if (!(page->flags & FLAG_STRIP_UNLIKELY))
    return FALSE;
  /* The page's own frame holds everything, whatever its class says ("single tag-drama"). */
  if (is_tag (node, "body") || is_tag (node, "html") || is_tag (node, "article") ||
      is_tag (node, "main"))
    return FALSE;
  if (tag_in (node, furniture))
    return TRUE;
  role = get_attr (node, "role");
  if (role != NULL)
    for (guint i = 0; furniture_roles[i] != NULL; i++)
      if (g_ascii_strcasecmp (role, furniture_roles[i]) == 0)
        return TRUE;
  return _drama_readability_node_hint (node) == HINT_NEGATIVE;
}

/* Drops comments, code, controls and hidden elements everywhere, and with
 * FLAG_STRIP_UNLIKELY the page's furniture. */
static void
strip_page (Page    *page,
            xmlNode *root)
{
  xmlNode *node = root->children;

  while (node != NULL)
    {
      xmlNode *next;

      if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE ||
          (node->type == XML_ELEMENT_NODE &&
           (tag_in (node, always_dropped) || is_hidden (node) || is_unlikely (page, node))))
        {
          next = next_node (node, root, FALSE);
          _drama_readability_remove_node (node);
        }
      else
        next = next_node (node, root, TRUE);
      node = next;
    }
}

/* ---- scoring ---- */

static double
tag_score (xmlNode *node)
{
  static const char * const minus_three[] = {
    "address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL
  };
  static const char * const minus_five[] = {
    "h1", "h2", "h3", "h4", "h5", "h6", "th", NULL
  };

  if (is_tag (node, "div") || is_tag (node, "article") || is_tag (node, "main"))
    return 5;
  if (is_tag (node, "pre") || is_tag (node, "td") || is_tag (node, "blockquote") ||
      is_tag (node, "section"))
    return 3;
  if (tag_in (node, minus_three))
    return -3;
  if (tag_in (node, minus_five))
    return -5;
  return 0;
}

/* A paragraph of @length and @commas, held by @holder: its score goes to the holder, half of
 * it to the holder's parent and less to the three above that. */
static void
score_paragraph (Page    *page,
                 xmlNode *holder,
                 double   length,
                 guint    commas)
{
  double score;
  xmlNode *ancestor = holder;

  if (length < MIN_PARAGRAPH_TEXT)
    return;
  score = 1 + commas + MIN (length / 100, 3);
  for (guint level = 0; level < 5 && ancestor != NULL; level++)
    {
      Stats *stats;

      if (ancestor->type != XML_ELEMENT_NODE || is_tag (ancestor, "html"))
        break;
      stats = stats_of (ancestor);
      if (!stats->candidate)
        {
          stats->candidate = TRUE;
          stats->score = tag_score (ancestor) + _drama_readability_class_weight (page, ancestor);
        }
      stats->score += level == 0 ? score : level == 1 ? score / 2 : score / (level * 3);
      ancestor = ancestor->parent;
    }
}

/* Scores the runs of inline content straight inside @holder: each run between two block
 * children or <br>s is a paragraph. */
static void
score_inline_runs (Page    *page,
                   xmlNode *holder)
{
  Stats run = { 0 };

  for (xmlNode *child = holder->children;; child = child->next)
    {
      if (child == NULL || is_tag (child, "br") || tag_in (child, block_tags))
        {
          score_paragraph (page, holder, run.text, run.commas);
          memset (&run, 0, sizeof run);
          if (child == NULL)
            break;
          continue;
        }
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (child->content != NULL)
            _drama_readability_measure_text ((const char *) child->content, &run);
        }
      else if (child->type == XML_ELEMENT_NODE)
        _drama_readability_add_stats (&run, stats_of (child));
    }
}

/* How many holders find_top_candidate () compares, and how many of those must score
 * nearly as well as the best, in one ancestor, to make it the article. */
#define N_BEST 5
#define MIN_CLOSE_HOLDERS 3

static gboolean
is_inside (xmlNode *node,
           xmlNode *ancestor)
{
  for (; node != NULL; node = node->parent)
    if (node == ancestor)
      return TRUE;
  return FALSE;
}

/* Scores every paragraph under @root and returns the best holder, or NULL. */
static xmlNode *
find_top_candidate (Page    *page,
                    xmlNode *root)
{
  xmlNode *node = root;
  xmlNode *top = NULL;
  xmlNode *best[N_BEST] = { NULL };
  double top_score;

  while (node != NULL)
    {
      gboolean descend = TRUE;

      if (is_tag (node, "p") || is_tag (node, "pre"))
        {
          Stats *stats = stats_of (node);

          /* A paragraph made of a link ("Read also: …") says nothing of its holder. */
          score_paragraph (page, node->parent, stats->text - stats->link, stats->commas);
          descend = FALSE;
        }
      else if (tag_in (node, text_holders))
        score_inline_runs (page, node);
      node = next_node (node, root, descend);
    }

  for (node = root; node != NULL; node = next_node (node, root, TRUE))
    {
      Stats *stats = stats_of (node);

      if (stats == NULL || !stats->candidate)
        continue;
      stats->score *= 1 - link_density (stats);
      /* The best N_BEST, best first */
      for (guint i = 0; i < N_BEST; i++)
        if (best[i] == NULL || stats->score > stats_of (best[i])->score)
          {
            memmove (best + i + 1, best + i, (N_BEST - 1 - i) * sizeof *best);
            best[i] = node;
            break;
          }
    }
  top = best[0];
  if (top == NULL)
    return NULL;
  top_score = stats_of (top)->score;

  /* An article in parts (steps, sections, a live blog's entries) has several holders
   * scoring nearly as well as the best: their common ancestor is the article. */
  {
    guint n_close = 0;

    for (guint i = 1; i < N_BEST && best[i] != NULL; i++)
      n_close += stats_of (best[i])->score >= top_score * 0.75;
    if (n_close >= MIN_CLOSE_HOLDERS)
      for (xmlNode *up = top->parent; up != NULL && up != root && !is_tag (up, "html");
           up = up->parent)
        {
          guint inside = 0;

          for (guint i = 1; i < N_BEST && best[i] != NULL; i++)
            if (stats_of (best[i])->score >= top_score * 0.75 && is_inside (best[i], up))
              inside++;
          if (inside >= MIN_CLOSE_HOLDERS)
            {
              top = up;
              break;
            }
        }
  }

  /* A parent that scores better than the holder holds more of the article. */
  {
    double last = stats_of (top)->score;

    for (xmlNode *up = top->parent; up != NULL && up != root && !is_tag (up, "html");
         up = up->parent)
      {
        Stats *stats = stats_of (up);

        if (!stats->candidate)
          continue;
        if (stats->score < top_score / 3)
          break;
        if (stats->score > last)
          {
            top = up;
            break;
          }
        last = stats->score;
      }
  }

  /* A holder that is the only element in its parent says less than the parent: the parent
   * may hold the article's pictures beside it. A few levels up at most, so that an article
   * deep in wrappers does not come back in all of them. */
  for (guint up = 0; up < 3 && top != NULL && top->parent != NULL && top->parent != root &&
       top->parent->type == XML_ELEMENT_NODE && xmlChildElementCount (top->parent) == 1; up++)
    top = top->parent;

  return top;
}

/* Whether a picture under @root is not inside a link. */
static gboolean
has_unlinked_image (xmlNode *root)
{
  for (xmlNode *node = root; node != NULL; node = next_node (node, root, TRUE))
    if (is_tag (node, "img"))
      {
        gboolean linked = FALSE;

        for (xmlNode *up = node->parent; up != NULL && up != root->parent; up = up->parent)
          if (is_tag (up, "a"))
            {
              linked = TRUE;
              break;
            }
        if (!linked)
          return TRUE;
      }
  return FALSE;
}

/* Whether @node, a sibling of the best holder, is part of the article too. */
static gboolean
sibling_belongs (xmlNode *node,
                 xmlNode *top)
{
  Stats *stats = stats_of (node);
  Stats *top_stats = stats_of (top);
  double threshold = MAX (10, top_stats->score * 0.2);
  double bonus = 0;
  const char *top_class = get_attr (top, "class");
  const char *class_names = get_attr (node, "class");

  if (is_tag (node, "head") || is_tag (node, "script"))
    return FALSE;
  if (top_class != NULL && top_class[0] != '\0' && g_strcmp0 (top_class, class_names) == 0)
    bonus = top_stats->score * 0.2;
  if (stats->candidate && stats->score + bonus >= threshold)
    return TRUE;

  if (is_tag (node, "p"))
    {
      double ld = link_density (stats);

      if (stats->text > 80 && ld < 0.25)
        return TRUE;
      if (stats->text > 0 && ld == 0 && stats->commas > 0)
        return TRUE;
    }
  /* The lead picture often stands just above the article's text, in a <figure> or in
   * whatever a site wraps it in (a table of picture and caption on older Korean sites).
   * Pictures that are links are thumbnails of other pages or advertisements. */
  if (stats->n_img >= 1 && stats->n_img <= 2 && stats->text < 400 &&
      link_density (stats) < 0.5 && has_unlinked_image (node))
    return TRUE;

  return FALSE;
}

/* ---- titles ---- */

static char *
strip_site_name (const char *title)
{
  static const char * const separators[] = { " | ", " - ", " – ", " — ", " :: ", " · ", " : ", NULL };
  const char *best = NULL;

  for (guint i = 0; separators[i] != NULL; i++)
    {
      const char *found = g_strrstr (title, separators[i]);

      if (found != NULL && (best == NULL || found > best))
        best = found;
    }
  if (best != NULL)
    {
      g_autofree char *head = g_strndup (title, (gsize) (best - title));

      g_strstrip (head);
      /* "Home | Site" leaves too little to be a title. */
      if (g_utf8_strlen (head, -1) >= 10 || strchr (head, ' ') != NULL)
        return g_steal_pointer (&head);
    }
  return g_strdup (title);
}

static char *
find_og_title (xmlNode *root)
{
  for (xmlNode *node = root; node != NULL; node = next_node (node, root, TRUE))
    if (is_tag (node, "meta"))
      {
        const char *property = get_attr (node, "property");
        const char *name = get_attr (node, "name");
        const char *content = get_attr (node, "content");

        if (content != NULL &&
            (g_strcmp0 (property, "og:title") == 0 || g_strcmp0 (name, "og:title") == 0))
          {
            g_autofree char *copy = g_strdup (content);

            g_strstrip (copy);
            if (copy[0] != '\0')
              return g_steal_pointer (&copy);
          }
      }
    else if (is_tag (node, "body"))
      break;
  return NULL;
}

static char *
find_first_text (xmlNode    *root,
                 const char *tag)
{
  for (xmlNode *node = root; node != NULL; node = next_node (node, root, TRUE))
    if (is_tag (node, tag))
      {
        g_autofree char *text = _drama_readability_node_text (node);

        if (text[0] != '\0')
          return g_steal_pointer (&text);
      }
  return NULL;
}

/* ---- the whole ---- */

static htmlDocPtr
parse_page (const char *html,
            gsize       len)
{
  const char *end = NULL;
  const char *encoding = NULL;
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                HTML_PARSE_NOWARNING;

  drama_xml_init ();
  /* Text that reads as UTF-8 is UTF-8, whatever its <meta charset> says: pages saved or
   * served converted keep their old declaration, and libxml2 stops at the first byte the
   * declared converter refuses, leaving no article. (A character cut at the end of the
   * input is no reason to doubt the rest.) Anything else goes by its <meta charset> (or
   * byte order mark), else by what HTML says, ISO-8859-1. */
  if (g_utf8_validate (html, (gssize) len, &end) || (gsize) (html + len - end) < 4)
    {
      len = (gsize) (end - html);
      encoding = "UTF-8";
      options |= HTML_PARSE_IGNORE_ENC;
    }
  return htmlReadMemory (html, (int) len, NULL, encoding, options);
}

static xmlNode *
find_body (htmlDocPtr doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;
  for (xmlNode *node = root; node != NULL; node = next_node (node, root, TRUE))
    if (is_tag (node, "body"))
      return node;
  return root;
}

static void
attach_stats (Page *page)
{
  xmlNode *root = xmlDocGetRootElement (page->doc);
  gsize n = 1;

  for (xmlNode *node = root; node != NULL; node = next_node (node, root, TRUE))
    if (node->type == XML_ELEMENT_NODE)
      n++;
  page->stats = g_new0 (Stats, n);
  page->n_stats = n;
  n = 1;  /* slot 0 is the new <article>'s */
  for (xmlNode *node = root; node != NULL; node = next_node (node, root, TRUE))
    if (node->type == XML_ELEMENT_NODE)
      node->_private = &page->stats[n++];
}

typedef struct {
  char *html;
  char *title;
  double text;
} Attempt;

/* One reading of the page with @flags. Returns FALSE when nothing reads as an article. */
static gboolean
try_extract (const char *html,
             gsize       len,
             GUri       *base,
             Flags       flags,
             Attempt    *result)
{
  Page page = { NULL, NULL, 0, flags };
  xmlNode *body, *top, *parent, *article;
  xmlBufferPtr buffer = NULL;
  g_autofree char *og_title = NULL;
  g_autofree char *doc_title = NULL;
  g_autofree char *h1_title = NULL;
  g_autofree char *title = NULL;
  Stats *stats;
  gboolean found = FALSE;

  page.doc = parse_page (html, len);
  if (page.doc == NULL || (body = find_body (page.doc)) == NULL)
    goto out;
  attach_stats (&page);

  og_title = find_og_title (xmlDocGetRootElement (page.doc));
  doc_title = find_first_text (xmlDocGetRootElement (page.doc), "title");

  strip_page (&page, body);
  _drama_readability_compute_stats (body);
  top = find_top_candidate (&page, body);
  if (top == NULL)
    goto out;
  g_debug ("flags %d: the best holder is <%s class=\"%s\" id=\"%s\">, %.1f", flags,
           (const char *) top->name, get_attr (top, "class") ? get_attr (top, "class") : "",
           get_attr (top, "id") ? get_attr (top, "id") : "", stats_of (top)->score);

  /* The article: the best holder and those of its siblings that belong with it, moved
   * (in their order) into a new element outside the document's tree. */
  article = xmlNewDocNode (page.doc, NULL, BAD_CAST "article", NULL);
  article->_private = &page.stats[0];
  parent = top->parent;
  if (top == body || parent == NULL || parent->type != XML_ELEMENT_NODE)
    {
      xmlUnlinkNode (top);
      xmlAddChild (article, top);
    }
  else
    {
      xmlNode *child = parent->children;

      while (child != NULL)
        {
          xmlNode *next = child->next;

          if (child == top || (child->type == XML_ELEMENT_NODE && sibling_belongs (child, top)))
            {
              xmlUnlinkNode (child);
              xmlAddChild (article, child);
            }
          child = next;
        }
    }

  h1_title = find_first_text (article, "h1");
  if (og_title != NULL)
    title = g_strdup (og_title);
  else if (h1_title != NULL)
    title = g_strdup (h1_title);
  else if (doc_title != NULL)
    title = strip_site_name (doc_title);

  _drama_readability_clean_article (&page, article, top, base, title);
  _drama_readability_compute_stats (article);
  stats = stats_of (article);
  g_debug ("flags %d: %.0f characters, link density %.2f", flags, stats->text,
           link_density (stats));

  result->text = stats->text;
  if (stats->text >= MIN_ARTICLE_TEXT && link_density (stats) <= MAX_ARTICLE_LINK_DENSITY)
    {
      buffer = xmlBufferCreate ();
      /* libxml2 2.9's buffers grow by what is appended: a copy of the whole per element. */
      if (buffer != NULL)
        xmlBufferSetAllocationScheme (buffer, XML_BUFFER_ALLOC_DOUBLEIT);
      if (buffer != NULL && htmlNodeDump (buffer, page.doc, article) >= 0)
        {
          result->html = g_strdup ((const char *) xmlBufferContent (buffer));
          result->title = g_steal_pointer (&title);
          found = TRUE;
        }
    }
  xmlFreeNode (article);

out:
  if (buffer != NULL)
    xmlBufferFree (buffer);
  if (page.doc != NULL)
    xmlFreeDoc (page.doc);
  g_free (page.stats);
  return found;
}

char *
drama_readability_extract (const char  *html,
                           gsize        len,
                           const char  *base_url,
                           char       **title,
                           GError     **error)
{
  /* Each reading after the first lets more of the page stay: a page whose article sits in a
   * <div class="has-sidebar"> or a <header> loses it to the first. */
  static const Flags attempts[] = {
    FLAG_STRIP_UNLIKELY | FLAG_WEIGHT_CLASSES,
    FLAG_WEIGHT_CLASSES,
    0,
  };
  g_autoptr(GUri) base = NULL;

  g_return_val_if_fail (html != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (title != NULL)
    *title = NULL;
  if (base_url != NULL)
    base = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL);

  if (len > MAX_INPUT_BYTES)
    len = MAX_INPUT_BYTES;
  if (len > 0 && memchr (html, '\0', len) != NULL)
    len = (gsize) ((const char *) memchr (html, '\0', len) - html);

  if (len > 0)
    for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
      {
        Attempt attempt = { NULL, NULL, 0 };

        if (try_extract (html, len, base, attempts[i], &attempt))
          {
            if (title != NULL)
              *title = g_steal_pointer (&attempt.title);
            g_free (attempt.title);
            return attempt.html;
          }
      }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("This page has no article to show in reader mode"));
  return NULL;
}
