/* drama-readability-clean.c: the chosen article cleaned of what came with it (lists of
 * links, share bars, teaser cards, empty blocks, bylines, the title again), its pictures
 * given their real, absolute addresses. */
#define G_LOG_DOMAIN "drama-readability"

#include "config.h"

#include "drama-readability-private.h"

#include <gio/gio.h>
#include <string.h>

/* What cleaning judges as a whole. */
static const char * const conditional_tags[] = {
  "div", "section", "article", "ul", "ol", "dl", "table", "header", "footer", "aside", "nav",
  "center", "blockquote", "form", "fieldset", NULL
};

/* A form's controls, counted while judging what holds them, then dropped. */
static const char * const controls[] = {
  "input", "select", "textarea", "option", "label", "datalist", "output", NULL
};

static const char * const headings[] = {
  "h1", "h2", "h3", "h4", "h5", "h6", NULL
};

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

  static const char * const trailers[] = { ":", ">", "»", "›", NULL };
  gboolean trimmed = TRUE;

  g_strstrip (lower);
  /* "Related »", "관련기사 >" */
  while (trimmed)
    {
      trimmed = FALSE;
      for (guint i = 0; trailers[i] != NULL; i++)
        if (g_str_has_suffix (lower, trailers[i]))
          {
            lower[strlen (lower) - strlen (trailers[i])] = '\0';
            g_strstrip (lower);
            trimmed = TRUE;
          }
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

  if (tag_in (node, controls))
    return TRUE;
  if (node == top)
    return FALSE;

  if (tag_in (node, headings))
    {
      g_autofree char *text = _drama_readability_node_text (node);

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

  weight = _drama_readability_class_weight (page, node);
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
  g_autofree char *from_set = NULL;

  if (source == NULL)
    source = get_attr (img, "src");
  /* A responsive picture may name its files in a srcset only: its first will do. */
  if (source == NULL || source[0] == '\0')
    {
      const char *set = get_attr (img, "data-srcset");

      if (set == NULL)
        set = get_attr (img, "srcset");
      if (set != NULL)
        {
          const char *start = set, *end;

          while (g_ascii_isspace (*start))
            start++;
          for (end = start; *end != '\0' && !g_ascii_isspace (*end) && *end != ','; end++)
            ;
          if (end > start)
            source = from_set = g_strndup (start, (gsize) (end - start));
        }
    }
  if (source == NULL || source[0] == '\0')
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
void
_drama_readability_clean_article (Page       *page,
                                  xmlNode    *root,
                                  xmlNode    *top,
                                  GUri       *base,
                                  const char *title)
{
  xmlNode *node;
  guint depth = 0;
  double article_text;

  _drama_readability_compute_stats (root);
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
          _drama_readability_remove_node (node);
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
