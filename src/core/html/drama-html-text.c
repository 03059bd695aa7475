/* drama-html-text.c: the plain text of an article's HTML, and its first picture.
 *
 * Both walk the tree the sanitiser walks (drama-html.c), with the same allow-list: text in
 * dropped elements is no text, and block elements become line or paragraph breaks. The
 * sanitiser calls these on its own tree, so a feed's article is parsed once for all three. */
#define G_LOG_DOMAIN "drama-html"

#include "config.h"

#include "drama-html.h"
#include "drama-html-private.h"

#include <gio/gio.h>
#include <string.h>

/* ---- plain text ---- */

typedef enum {
  BREAK_NONE = 0,
  BREAK_SPACE,
  BREAK_LINE,
  BREAK_PARAGRAPH,
} PendingBreak;

typedef struct {
  GString *out;
  PendingBreak pending;
} TextWriter;

static void
text_break (TextWriter   *t,
            PendingBreak  kind)
{
  if (kind > t->pending)
    t->pending = kind;
}

static void
text_append (TextWriter *t,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = _drama_html_map_c1_control (g_utf8_get_char (p));

      if (c == 0)
        continue;
      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          text_break (t, BREAK_SPACE);
          continue;
        }
      if (g_unichar_iscntrl (c))
        continue;

      if (t->out->len > 0)
        {
          switch (t->pending)
            {
            case BREAK_SPACE: g_string_append_c (t->out, ' '); break;
            case BREAK_LINE: g_string_append_c (t->out, '\n'); break;
            case BREAK_PARAGRAPH: g_string_append (t->out, "\n\n"); break;
            case BREAK_NONE:
            default:
              break;
            }
        }
      t->pending = BREAK_NONE;
      g_string_append_unichar (t->out, c);
    }
}

static PendingBreak
element_break (const ElementRule *rule)
{
  if (rule == NULL)
    return BREAK_NONE;
  if (rule->flags & FLAG_BLOCK)
    return BREAK_PARAGRAPH;
  if (rule->flags & FLAG_LINE)
    return BREAK_LINE;
  return BREAK_NONE;
}

/* The text under @body, a parsed fragment's <body> with children. */
char *
_drama_html_body_to_text (DramaHtmlNode *body)
{
  TextWriter t = { 0 };
  DramaHtmlNode *node;

  t.out = g_string_new (NULL);
  node = body->children;
  for (;;)
    {
      gboolean descend = FALSE;

      if (node->type == DRAMA_HTML_NODE_TEXT && node->content != NULL)
        text_append (&t, node->content);
      else if (node->type == DRAMA_HTML_NODE_ELEMENT)
        {
          const ElementRule *rule = _drama_html_lookup_rule (node);
          Action action = _drama_html_node_action (node, rule);

          text_break (&t, element_break (rule));
          descend = action != ACTION_DROP && action != ACTION_MEDIA;
        }

      if (descend && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      while (node->next == NULL)
        {
          node = node->parent;
          if (node == body)
            return g_string_free (t.out, FALSE);
          text_break (&t, element_break (_drama_html_lookup_rule (node)));
        }
      node = node->next;
    }
}

char *
drama_html_to_text (const char *html)
{
  DramaHtmlNode *body = NULL;
  DramaHtmlTree *tree;
  char *text;

  if (html == NULL || *html == '\0')
    return g_strdup ("");

  tree = _drama_html_parse_fragment (html, &body);
  if (body == NULL || body->children == NULL)
    {
      drama_html_tree_free (tree);
      return g_strdup ("");
    }

  text = _drama_html_body_to_text (body);
  drama_html_tree_free (tree);
  return text;
}

char *
drama_html_join_text (const char *summary_text,
                      const char *content_text)
{
  if (summary_text == NULL || *summary_text == '\0')
    return g_strdup (content_text != NULL ? content_text : "");
  /* Feeds often repeat the summary as the start of the content: keep it once. */
  if (content_text == NULL || *content_text == '\0')
    return g_strdup (summary_text);
  if (g_str_has_prefix (content_text, summary_text))
    return g_strdup (content_text);
  return g_strconcat (summary_text, "\n\n", content_text, NULL);
}

char *
drama_html_article_text (const char *summary_html,
                         const char *content_html)
{
  g_autofree char *summary_text = summary_html != NULL ? drama_html_to_text (summary_html) : NULL;
  g_autofree char *content_text = content_html != NULL ? drama_html_to_text (content_html) : NULL;

  return drama_html_join_text (summary_text, content_text);
}

/* ---- first image ---- */

/* The absolute URL of @node when it is an image drama_html_first_image () would pick. */
char *
_drama_html_image_of (DramaHtmlNode     *node,
                      const ElementRule *rule,
                      GUri              *base)
{
  if (rule == NULL || strcmp (rule->name, "img") != 0 || _drama_html_is_tracking_pixel (node))
    return NULL;
  return _drama_html_resolve_url (base, _drama_html_get_attr (node, "src"), URL_EMBED);
}

char *
drama_html_first_image (const char *html,
                        const char *base_url)
{
  g_autoptr(GUri) base = NULL;
  DramaHtmlNode *body = NULL;
  DramaHtmlTree *tree;
  DramaHtmlNode *node;
  char *found = NULL;

  if (html == NULL || *html == '\0')
    return NULL;

  tree = _drama_html_parse_fragment (html, &body);
  if (body == NULL || body->children == NULL)
    {
      drama_html_tree_free (tree);
      return NULL;
    }

  if (base_url != NULL)
    base = g_uri_parse (base_url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);

  node = body->children;
  while (found == NULL)
    {
      gboolean descend = FALSE;

      if (node->type == DRAMA_HTML_NODE_ELEMENT)
        {
          const ElementRule *rule = _drama_html_lookup_rule (node);
          Action action = _drama_html_node_action (node, rule);

          found = _drama_html_image_of (node, rule, base);
          if (found != NULL)
            break;
          descend = action != ACTION_DROP && action != ACTION_MEDIA;
        }

      if (descend && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      while (node->next == NULL)
        {
          node = node->parent;
          if (node == body)
            goto done;
        }
      node = node->next;
    }

done:
  drama_html_tree_free (tree);

  return found;
}
