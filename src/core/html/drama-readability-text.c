/* drama-readability-text.c: what the tree holds below each element (its text, link text,
 * commas, paragraphs and pictures), and what class and id names say it is. */
#define G_LOG_DOMAIN "drama-readability"

#include "config.h"

#include "drama-readability-private.h"

#include <string.h>

/* Adds the weighted length and commas of @text to @stats. Spaces do not count, and a Hangul
 * syllable or CJK character counts twice: it says about what two Latin letters say, so one
 * threshold serves both. "다." ends a Korean sentence as a comma parts an English one. */
void
_drama_readability_measure_text (const char *text,
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

void
_drama_readability_add_stats (Stats       *to,
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
        _drama_readability_measure_text ((const char *) node->content, parent);
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
    _drama_readability_add_stats (parent, own);
}

/* Counts what lies below each element of @root's subtree, bottom up, without recursion. */
void
_drama_readability_compute_stats (xmlNode *root)
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

/* The text of @node with its whitespace collapsed and trimmed. */
char *
_drama_readability_node_text (xmlNode *node)
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
Hint
_drama_readability_node_hint (xmlNode *node)
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

int
_drama_readability_class_weight (Page    *page,
                                 xmlNode *node)
{
  Hint hint;
  int weight = 0;

  if (!(page->flags & FLAG_WEIGHT_CLASSES))
    return 0;
  hint = _drama_readability_node_hint (node);
  if (hint & HINT_POSITIVE)
    weight += 25;
  if (hint & HINT_NEGATIVE)
    weight -= 25;
  return weight;
}
