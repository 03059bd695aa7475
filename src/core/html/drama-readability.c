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
#include "drama-xml.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <string.h>

#define MAX_INPUT_BYTES (5 * 1024 * 1024)
/* Levels of elements the article keeps below its root. */
#define MAX_DEPTH 200
/* Text (in weighted characters, see measure_text ()) an article has at least: less is a
 * teaser, a sign-in form or an empty page. */
#define MIN_ARTICLE_TEXT 300
/* A share of link text above which the whole result is a list of links, not an article. */
#define MAX_ARTICLE_LINK_DENSITY 0.5
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
  gboolean repeated;   /* set by mark_repeated () */
} Stats;

typedef struct {
  htmlDocPtr doc;
  Stats *stats;     /* one per element, reached through node->_private */
  gsize n_stats;
  Flags flags;
} Page;

/* ---- tags ---- */

static gboolean
is_tag (const xmlNode *node,
        const char    *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
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

/* Dropped wherever they are: code, styling, controls and frames are never article text. */
static const char * const always_dropped[] = {
  "script", "style", "noscript", "template", "form", "iframe", "frame", "frameset", "object",
  "embed", "applet", "button", "input", "select", "textarea", "option", "label", "svg", "math",
  "canvas", "link", "meta", "dialog", "base", NULL
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

/* What clean_article () judges as a whole. */
static const char * const conditional_tags[] = {
  "div", "section", "article", "ul", "ol", "dl", "table", "header", "footer", "aside", "nav",
  "center", "blockquote", NULL
};

static const char * const headings[] = {
  "h1", "h2", "h3", "h4", "h5", "h6", NULL
};

static Stats *
stats_of (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE ? node->_private : NULL;
}

/* The node after @node in document order below @root, or NULL; its children are skipped
 * unless @descend. */
static xmlNode *
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

static const char *
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

/* ---- text ---- */

/* Adds the weighted length and commas of @text to @stats. Spaces do not count, and a Hangul
 * syllable or CJK character counts twice: it says about what two Latin letters say, so one
 * threshold serves both. "다." ends a Korean sentence as a comma parts an English one. */
static void
measure_text (const char *text,
              Stats      *stats)
{
  gunichar prev = 0;

  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      p = g_utf8_next_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          prev = c;
          continue;
        }
      if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x4E00 && c <= 0x9FFF) ||
          (c >= 0x3040 && c <= 0x30FF) || (c >= 0x1100 && c <= 0x11FF))
        stats->text += 2;
      else
        stats->text += 1;
      if (c == ',' || c == 0xFF0C || c == 0x3001 || c == 0x3002 || (c == '.' && prev == 0xB2E4))
        stats->commas++;
      prev = c;
    }
}

static void
add_stats (Stats       *to,
           const Stats *from)
{
  to->text += from->text;
  to->link += from->link;
  to->commas += from->commas;
  to->n_p += from->n_p;
  to->n_img += from->n_img;
  to->n_input += from->n_input;
}

static void
reset_stats (Stats *stats)
{
  double score = stats->score;
  gboolean candidate = stats->candidate;
  gboolean repeated = stats->repeated;

  memset (stats, 0, sizeof *stats);
  stats->score = score;
  stats->candidate = candidate;
  stats->repeated = repeated;
}

static void
finish_node (xmlNode *node,
             xmlNode *root)
{
  Stats *parent = node != root && node->parent != NULL ? stats_of (node->parent) : NULL;
  Stats *own;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (parent != NULL && node->content != NULL)
        measure_text ((const char *) node->content, parent);
      return;
    }
  if ((own = stats_of (node)) == NULL)
    return;

  if (is_tag (node, "a"))
    own->link = own->text;
  else if (is_tag (node, "p"))
    own->n_p++;
  else if (is_tag (node, "img"))
    own->n_img++;
  else if (is_tag (node, "input") || is_tag (node, "textarea") || is_tag (node, "select"))
    own->n_input++;
  if (parent != NULL)
    add_stats (parent, own);
}

/* Counts what lies below each element of @root's subtree, bottom up, without recursion. */
static void
compute_stats (xmlNode *root)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE)
        reset_stats (stats_of (node));
      if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      for (;;)
        {
          finish_node (node, root);
          if (node == root)
            return;
          if (node->next != NULL)
            {
              node = node->next;
              break;
            }
          node = node->parent;
        }
    }
}

static double
link_density (const Stats *stats)
{
  return stats->text > 0 ? MIN (stats->link / stats->text, 1.0) : 0;
}

/* The text of @node with its whitespace collapsed and trimmed. */
static char *
node_text (xmlNode *node)
{
  char *text = (char *) xmlNodeGetContent (node);
  char *out;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");
  /* In place: the result is never longer. */
  out = text;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      space = out > text;
    else
      {
        if (space)
          *out++ = ' ';
        space = FALSE;
        *out++ = *p;
      }
  *out = '\0';
  {
    char *copy = g_strdup (text);

    xmlFree (text);
    return copy;
  }
}

/* ---- class and id names ---- */

typedef enum {
  HINT_NONE = 0,
  HINT_POSITIVE = 1 << 0,
  HINT_NEGATIVE = 1 << 1,
} Hint;

/* Words of class and id names. A name is split at '-', '_' and case-insensitively matched
 * word by word, so "ad-slot" is an advertisement and "header" or "head" are not "ad". */
static const char * const negative_words[] = {
  "ad", "ads", "adv", "advertisement", "aside", "author", "banner", "byline", "combx",
  "community", "contact", "copyright", "cookie", "disqus", "extra", "foot", "footer", "gnb",
  "hidden", "keyword", "keywords", "lnb", "login", "masthead", "menu", "meta", "modal", "more",
  "nav", "navbar", "navigation", "outbrain", "pager", "pagination", "popup", "popular",
  "print", "promo", "rank", "ranking", "remark", "reply", "reporter", "respond", "rss", "shoutbox",
  "signup", "skyscraper", "sns", "snb", "tag", "tags", "taboola", "textwidget", "tool", "toolbar",
  "tools", "trending", "utility", "writer", "gpt", "dfp", "adsbygoogle", "newsletter",
  NULL
};
/* Words that are negative at the start of a longer word too ("comments", "sharedaddy"). */
static const char * const negative_prefixes[] = {
  "advert", "breadcrumb", "comment", "recommend", "relat", "share", "sharing", "sidebar",
  "social", "sponsor", "subscri", "widget", "newsletter", "trend", NULL
};
static const char * const positive_words[] = {
  "article", "articlebody", "body", "content", "entry", "hentry", "main", "post", "story",
  "text", "txt", "blog", "cont", "cnt", "detail", "본문", NULL
};

static Hint
word_hint (const char *word,
           gsize       len)
{
  for (guint i = 0; negative_words[i] != NULL; i++)
    if (strlen (negative_words[i]) == len && strncmp (word, negative_words[i], len) == 0)
      return HINT_NEGATIVE;
  for (guint i = 0; negative_prefixes[i] != NULL; i++)
    if (len >= strlen (negative_prefixes[i]) &&
        strncmp (word, negative_prefixes[i], strlen (negative_prefixes[i])) == 0)
      return HINT_NEGATIVE;
  for (guint i = 0; positive_words[i] != NULL; i++)
    if (strlen (positive_words[i]) == len && strncmp (word, positive_words[i], len) == 0)
      return HINT_POSITIVE;
  return HINT_NONE;
}

/* One name ("entry-meta", "article_body"): negative when any of its words is ("comment-content"
 * is part of a comment), else positive when any of its words is. */
static Hint
name_hint (const char *name,
           gsize       len)
{
  g_autofree char *lower = g_ascii_strdown (name, (gssize) len);
  Hint hint = HINT_NONE;
  const char *word = lower;

  for (const char *p = lower;; p++)
    {
      gboolean end = *p == '\0';

      if (end || *p == '-' || *p == '_' || *p == ':' || *p == '.')
        {
          if (p > word)
            hint |= word_hint (word, (gsize) (p - word));
          word = p + 1;
        }
      if (end)
        break;
    }
  return (hint & HINT_NEGATIVE) ? HINT_NEGATIVE : hint;
}

/* What the class names and id of @node say: either, both, or nothing. */
static Hint
node_hint (xmlNode *node)
{
  const char *class_names = get_attr (node, "class");
  const char *id = get_attr (node, "id");
  Hint hint = HINT_NONE;

  if (class_names != NULL)
    {
      const char *p = class_names;

      while (*p != '\0')
        {
          const char *start;

          while (*p != '\0' && g_ascii_isspace (*p))
            p++;
          start = p;
          while (*p != '\0' && !g_ascii_isspace (*p))
            p++;
          if (p > start)
            hint |= name_hint (start, (gsize) (p - start));
        }
    }
  if (id != NULL && id[0] != '\0')
    hint |= name_hint (id, strlen (id));
  return hint;
}

static int
class_weight (Page    *page,
              xmlNode *node)
{
  Hint hint;
  int weight = 0;

  if (!(page->flags & FLAG_WEIGHT_CLASSES))
    return 0;
  hint = node_hint (node);
  if (hint & HINT_POSITIVE)
    weight += 25;
  if (hint & HINT_NEGATIVE)
    weight -= 25;
  return weight;
}

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
  return node_hint (node) == HINT_NEGATIVE;
}

static void
remove_node (xmlNode *node)
{
  xmlUnlinkNode (node);
  xmlFreeNode (node);
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
          remove_node (node);
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
          stats->score = tag_score (ancestor) + class_weight (page, ancestor);
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
            measure_text ((const char *) child->content, &run);
        }
      else if (child->type == XML_ELEMENT_NODE)
        add_stats (&run, stats_of (child));
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

/* ---- cleaning the article ---- */

static gboolean
is_boilerplate_heading (const char *text)
{
  static const char * const phrases[] = {
    "관련기사", "관련 기사", "관련뉴스", "관련 뉴스", "많이 본 뉴스", "많이본 뉴스", "많이 본 기사",
    "인기기사", "추천기사", "related", "related articles", "related stories", "related posts",
    "read more", "read also", "more from", "more stories", "trending", "trending now",
    "recommended", "you may also like", "you might also like", "share", "share this",
    "share this article", "tags", "advertisement", "sponsored", "most popular", "most read",
    NULL
  };
  g_autofree char *lower = g_utf8_strdown (text, -1);

  g_strstrip (lower);
  while (lower[0] != '\0' && strchr (":>»›", lower[strlen (lower) - 1]) != NULL)
    {
      lower[strlen (lower) - 1] = '\0';
      g_strstrip (lower);
    }
  for (guint i = 0; phrases[i] != NULL; i++)
    if (strcmp (lower, phrases[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @text is a Korean reporter's byline standing on its own: "홍길동 기자
 * hong@example.co.kr", as news sites end the article's text. */
static gboolean
is_byline_text (const char *text)
{
  g_autofree char *copy = NULL;
  glong length;

  /* Most text is no byline: the test that needs no copy first. */
  if (strstr (text, "기자") == NULL || strlen (text) > 256)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  length = g_utf8_strlen (copy, -1);
  return length > 0 && length < 60 && strstr (copy, "기자") != NULL &&
         (strchr (copy, '@') != NULL || g_str_has_suffix (copy, "기자"));
}

/* The first of @node's class names (its length in *len), or NULL. */
static const char *
first_class (xmlNode *node,
             gsize   *len)
{
  const char *class_names = get_attr (node, "class");
  const char *start, *end;

  if (class_names == NULL)
    return NULL;
  for (start = class_names; g_ascii_isspace (*start); start++)
    ;
  for (end = start; *end != '\0' && !g_ascii_isspace (*end); end++)
    ;
  *len = (gsize) (end - start);
  return end > start ? start : NULL;
}

/* Marks the elements under @root that have two or more siblings of their tag and first
 * class name: cards in a grid, teasers in a list ("story-card", "story-card--lead"). Done
 * before cleaning, which removes some of them. */
static void
mark_repeated (xmlNode *root)
{
  for (xmlNode *node = root; node != NULL; node = next_node (node, root, TRUE))
    {
      const char *name;
      gsize len = 0;
      guint same = 0, seen = 0;

      if (node->type != XML_ELEMENT_NODE || node == root || node->parent == NULL ||
          (name = first_class (node, &len)) == NULL)
        continue;
      for (xmlNode *sibling = node->parent->children; sibling != NULL && seen < 64 && same < 2;
           sibling = sibling->next)
        if (sibling != node && sibling->type == XML_ELEMENT_NODE)
          {
            gsize other_len = 0;
            const char *other = first_class (sibling, &other_len);

            seen++;
            if (other != NULL && other_len == len && strncmp (other, name, len) == 0 &&
                xmlStrcmp (sibling->name, node->name) == 0)
              same++;
          }
      stats_of (node)->repeated = same >= 2;
    }
}

/* Whether @node, below the article's root, is something other than the article. */
static gboolean
should_clean (Page       *page,
              xmlNode    *node,
              xmlNode    *top,
              double      article_text,
              const char *title)
{
  Stats *stats = stats_of (node);
  double ld = link_density (stats);
  int weight;

  if (node == top)
    return FALSE;

  if (tag_in (node, headings))
    {
      g_autofree char *text = node_text (node);

      if (text[0] == '\0' || is_boilerplate_heading (text) || ld > 0.5)
        return TRUE;
      /* The title stands above the article in reader mode already. */
      return title != NULL && (is_tag (node, "h1") || is_tag (node, "h2")) &&
             strcmp (text, title) == 0;
    }

  if (is_tag (node, "p") || is_tag (node, "li") || is_tag (node, "dd"))
    {
      if (stats->n_img == 0 && stats->text < 120 && node->children != NULL &&
          node->children->next == NULL && node->children->type == XML_TEXT_NODE &&
          node->children->content != NULL &&
          is_byline_text ((const char *) node->children->content))
        return TRUE;
      /* "Read also: <a>…</a>" and "관련기사: <a>…</a>" between paragraphs */
      if (stats->n_img == 0 && ld > 0.5)
        return TRUE;
      return stats->text == 0 && stats->n_img == 0 && xmlChildElementCount (node) == 0;
    }

  if (!tag_in (node, conditional_tags))
    return FALSE;
  if (stats->text == 0 && stats->n_img == 0)
    return TRUE;
  /* A wrapper of most of the article is the article, however many links it has (an
   * encyclopedia's); what it holds is judged on its own. */
  if (stats->text >= article_text / 2)
    return FALSE;

  weight = class_weight (page, node);
  if (weight < 0)
    return TRUE;
  /* A "story-card" among others like it is a teaser of another article, whatever its
   * class says: only its text counts. */
  if (weight > 0 && stats->repeated)
    weight = 0;
  /* Ten commas make prose, not a list of links or a share bar. */
  if (stats->commas >= 10 && ld < 0.5)
    return FALSE;
  if (stats->n_input > stats->n_p / 3)
    return TRUE;
  if (stats->text < MIN_PARAGRAPH_TEXT && stats->n_img == 0)
    return TRUE;
  if (stats->n_img > 2 && stats->text < MIN_PARAGRAPH_TEXT)
    return TRUE;
  if (weight < 25 && ld > 0.2)
    return TRUE;
  if (weight >= 25 && ld > 0.5)
    return TRUE;
  return FALSE;
}

/* The real address of a picture that loads late, or NULL when its src is the real one. */
static const char *
lazy_source (xmlNode *img)
{
  static const char * const lazy_attrs[] = {
    "data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", NULL
  };

  for (guint i = 0; lazy_attrs[i] != NULL; i++)
    {
      const char *value = get_attr (img, lazy_attrs[i]);

      if (value != NULL && value[0] != '\0' && !g_str_has_prefix (value, "data:"))
        return value;
    }
  return NULL;
}

static char *
absolute_url (GUri       *base,
              const char *raw)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (raw));

  if (trimmed[0] == '\0')
    return NULL;
  if (base != NULL)
    uri = g_uri_parse_relative (base, trimmed, G_URI_FLAGS_ENCODED, NULL);
  else
    uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;
  return g_uri_to_string (uri);
}

/* Gives @img its real, absolute source; FALSE when it has none worth showing. */
static gboolean
fix_image (xmlNode *img,
           GUri    *base)
{
  const char *source = lazy_source (img);
  g_autofree char *url = NULL;

  if (source == NULL)
    source = get_attr (img, "src");
  if (source == NULL)
    return FALSE;
  if (g_str_has_prefix (source, "data:"))
    return TRUE;   /* the sanitiser decides which inline pictures may stay */
  url = absolute_url (base, source);
  if (url == NULL)
    return FALSE;
  xmlSetProp (img, BAD_CAST "src", BAD_CAST url);
  /* srcset would still name the placeholder */
  xmlUnsetProp (img, BAD_CAST "srcset");
  return TRUE;
}

static void
fix_link (xmlNode *a,
          GUri    *base)
{
  const char *href = get_attr (a, "href");
  g_autofree char *url = NULL;

  if (href == NULL || href[0] == '#' || g_str_has_prefix (href, "javascript:"))
    return;
  url = absolute_url (base, href);
  if (url != NULL)
    xmlSetProp (a, BAD_CAST "href", BAD_CAST url);
}

static guint
depth_below (xmlNode *node,
             xmlNode *root)
{
  guint depth = 0;

  for (; node != root && node != NULL && depth <= MAX_DEPTH; node = node->parent)
    depth++;
  return depth;
}

/* Cleans the article under @root (holding @top and its siblings): drops lists of links,
 * share bars, empty blocks, repeated titles and anything nested past MAX_DEPTH, and makes
 * pictures and links absolute. */
static void
clean_article (Page       *page,
               xmlNode    *root,
               xmlNode    *top,
               GUri       *base,
               const char *title)
{
  xmlNode *node;
  guint depth = 0;
  double article_text;

  compute_stats (root);
  article_text = stats_of (root)->text;
  mark_repeated (root);
  node = root->children;
  depth = 1;
  while (node != NULL)
    {
      gboolean drop = FALSE;
      xmlNode *next;

      if (node->type == XML_ELEMENT_NODE)
        {
          if (depth > MAX_DEPTH)
            drop = TRUE;
          else if (is_tag (node, "img"))
            drop = !fix_image (node, base);
          else
            {
              drop = should_clean (page, node, top, article_text, title);
              if (!drop && is_tag (node, "a"))
                fix_link (node, base);
            }
        }
      else if (node->type == XML_TEXT_NODE)
        drop = node->content != NULL && is_byline_text ((const char *) node->content);
      else if (node->type != XML_CDATA_SECTION_NODE)
        drop = TRUE;

      if (drop)
        {
          next = next_node (node, root, FALSE);
          remove_node (node);
        }
      else
        next = next_node (node, root, TRUE);

      /* The depth of the next node, from where the walk went. */
      if (next != NULL)
        {
          if (!drop && next == node->children)
            depth++;
          else
            depth = depth_below (next, root);
        }
      node = next;
    }
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
        g_autofree char *text = node_text (node);

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
  compute_stats (body);
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

  clean_article (&page, article, top, base, title);
  compute_stats (article);
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
