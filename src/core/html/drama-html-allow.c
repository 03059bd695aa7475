/* drama-html-allow.c: the sanitiser's allow-list, what becomes of each element, and looking
 * an element up in it.
 *
 * An element not named here is unwrapped: its tag goes, its sanitised content stays. Adding
 * an element means adding it here (and counting it in DRAMA_HTML_N_RULES); which attributes
 * it keeps is drama-html-serialize.c's collect_attributes (). */
#define G_LOG_DOMAIN "drama-html"

#include "config.h"

#include "drama-html-private.h"

#include <string.h>

const ElementRule _drama_html_rules[] = {
  /* text and structure */
  { "a", ACTION_KEEP, 0 }, { "abbr", ACTION_KEEP, 0 }, { "address", ACTION_KEEP, FLAG_BLOCK },
  { "article", ACTION_KEEP, FLAG_BLOCK }, { "aside", ACTION_KEEP, FLAG_BLOCK },
  { "b", ACTION_KEEP, 0 }, { "bdi", ACTION_KEEP, 0 }, { "bdo", ACTION_KEEP, 0 },
  { "big", ACTION_KEEP, 0 }, { "blockquote", ACTION_KEEP, FLAG_BLOCK },
  { "br", ACTION_VOID, FLAG_LINE }, { "caption", ACTION_KEEP, FLAG_LINE },
  { "cite", ACTION_KEEP, 0 }, { "code", ACTION_KEEP, 0 }, { "col", ACTION_VOID, 0 },
  { "colgroup", ACTION_KEEP, 0 }, { "dd", ACTION_KEEP, FLAG_LINE }, { "del", ACTION_KEEP, 0 },
  { "details", ACTION_KEEP, FLAG_BLOCK }, { "dfn", ACTION_KEEP, 0 },
  { "div", ACTION_KEEP, FLAG_BLOCK }, { "dl", ACTION_KEEP, FLAG_BLOCK },
  { "dt", ACTION_KEEP, FLAG_LINE }, { "em", ACTION_KEEP, 0 },
  { "figcaption", ACTION_KEEP, FLAG_LINE }, { "figure", ACTION_KEEP, FLAG_BLOCK },
  { "footer", ACTION_KEEP, FLAG_BLOCK }, { "h1", ACTION_KEEP, FLAG_BLOCK },
  { "h2", ACTION_KEEP, FLAG_BLOCK }, { "h3", ACTION_KEEP, FLAG_BLOCK },
  { "h4", ACTION_KEEP, FLAG_BLOCK }, { "h5", ACTION_KEEP, FLAG_BLOCK },
  { "h6", ACTION_KEEP, FLAG_BLOCK }, { "header", ACTION_KEEP, FLAG_BLOCK },
  { "hr", ACTION_VOID, FLAG_BLOCK }, { "i", ACTION_KEEP, 0 }, { "img", ACTION_VOID, 0 },
  { "ins", ACTION_KEEP, 0 }, { "kbd", ACTION_KEEP, 0 }, { "li", ACTION_KEEP, FLAG_LINE },
  { "main", ACTION_KEEP, FLAG_BLOCK }, { "mark", ACTION_KEEP, 0 },
  { "nav", ACTION_KEEP, FLAG_BLOCK }, { "ol", ACTION_KEEP, FLAG_BLOCK },
  { "p", ACTION_KEEP, FLAG_BLOCK }, { "pre", ACTION_KEEP, FLAG_BLOCK }, { "q", ACTION_KEEP, 0 },
  { "rp", ACTION_KEEP, 0 }, { "rt", ACTION_KEEP, 0 }, { "ruby", ACTION_KEEP, 0 },
  { "s", ACTION_KEEP, 0 }, { "samp", ACTION_KEEP, 0 }, { "section", ACTION_KEEP, FLAG_BLOCK },
  { "small", ACTION_KEEP, 0 }, { "span", ACTION_KEEP, 0 }, { "strike", ACTION_KEEP, 0 },
  { "strong", ACTION_KEEP, 0 }, { "sub", ACTION_KEEP, 0 }, { "summary", ACTION_KEEP, FLAG_LINE },
  { "sup", ACTION_KEEP, 0 }, { "table", ACTION_KEEP, FLAG_BLOCK }, { "tbody", ACTION_KEEP, 0 },
  { "td", ACTION_KEEP, 0 }, { "tfoot", ACTION_KEEP, 0 }, { "th", ACTION_KEEP, 0 },
  { "thead", ACTION_KEEP, 0 }, { "time", ACTION_KEEP, 0 }, { "tr", ACTION_KEEP, FLAG_LINE },
  { "u", ACTION_KEEP, 0 }, { "ul", ACTION_KEEP, FLAG_BLOCK }, { "var", ACTION_KEEP, 0 },
  /* libxml2 2.9 does not know wbr is empty and may hang following text below it; as a void
   * element here its children are written after it, where they belong. */
  { "wbr", ACTION_VOID, 0 },

  /* replaced by something safer */
  { "iframe", ACTION_FRAME, FLAG_BLOCK },
  { "audio", ACTION_MEDIA, FLAG_BLOCK }, { "video", ACTION_MEDIA, FLAG_BLOCK },

  /* dropped with everything inside: code, styling, page-changing and plugin content, forms
   * controls whose text means nothing outside the form, foreign markup */
  { "applet", ACTION_DROP, 0 }, { "area", ACTION_DROP, 0 }, { "base", ACTION_DROP, 0 },
  { "basefont", ACTION_DROP, 0 }, { "button", ACTION_DROP, 0 }, { "canvas", ACTION_DROP, 0 },
  { "datalist", ACTION_DROP, 0 }, { "dialog", ACTION_DROP, 0 },
  { "frame", ACTION_DROP, 0 }, { "frameset", ACTION_DROP, 0 }, { "head", ACTION_DROP, 0 },
  { "input", ACTION_DROP, 0 }, { "isindex", ACTION_DROP, 0 }, { "link", ACTION_DROP, 0 },
  { "map", ACTION_DROP, 0 },
  { "math", ACTION_DROP, 0 }, { "meta", ACTION_DROP, 0 }, { "noembed", ACTION_DROP, 0 },
  { "noframes", ACTION_DROP, 0 }, { "object", ACTION_DROP, 0 }, { "optgroup", ACTION_DROP, 0 },
  { "option", ACTION_DROP, 0 }, { "param", ACTION_DROP, 0 }, { "portal", ACTION_DROP, 0 },
  { "script", ACTION_DROP, 0 }, { "select", ACTION_DROP, 0 }, { "slot", ACTION_DROP, 0 },
  { "style", ACTION_DROP, 0 }, { "svg", ACTION_DROP, 0 }, { "template", ACTION_DROP, 0 },
  { "textarea", ACTION_DROP, 0 }, { "title", ACTION_DROP, 0 },

  /* everything else (form, label, font, center, noscript, picture, source, custom elements…)
   * is unwrapped: the tag goes, sanitised content stays. That includes embed, image, keygen,
   * source and track: libxml2 2.9 does not know they are empty and hangs whatever follows
   * below them, so dropping them would drop the rest of the article. noscript content is what
   * a browser with JavaScript off shows, and the web view has JavaScript off. */
};

G_STATIC_ASSERT (G_N_ELEMENTS (_drama_html_rules) == DRAMA_HTML_N_RULES);

/* The rules by name: open addressing over a table four times their number, so a lookup is a
 * short hash and, nearly always, one comparison. */
#define RULE_SLOTS 512

static guint
rule_hash (const char *name,
           gsize       len)
{
  guint h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) name[i]) * 16777619u;
  return h;
}

static const ElementRule * const *
get_rules (void)
{
  static const ElementRule **slots;

  G_STATIC_ASSERT (G_N_ELEMENTS (_drama_html_rules) * 3 < RULE_SLOTS);
  if (g_once_init_enter (&slots))
    {
      const ElementRule **table = g_new0 (const ElementRule *, RULE_SLOTS);

      for (gsize i = 0; i < G_N_ELEMENTS (_drama_html_rules); i++)
        {
          const char *name = _drama_html_rules[i].name;
          guint slot = rule_hash (name, strlen (name)) % RULE_SLOTS;

          while (table[slot] != NULL)
            slot = (slot + 1) % RULE_SLOTS;
          table[slot] = &_drama_html_rules[i];
        }
      g_once_init_leave (&slots, table);
    }

  return slots;
}

/* The rule of an element named @name (any case), or NULL. */
const ElementRule *
_drama_html_lookup_rule_name (const char *name)
{
  const ElementRule * const *slots = get_rules ();
  char lower[32];
  gsize len;
  guint slot;

  for (len = 0; name[len] != '\0'; len++)
    {
      if (len + 1 >= sizeof lower)
        return NULL;
      lower[len] = g_ascii_tolower (name[len]);
    }
  if (len == 0)
    return NULL;
  lower[len] = '\0';

  for (slot = rule_hash (lower, len) % RULE_SLOTS; slots[slot] != NULL; slot = (slot + 1) % RULE_SLOTS)
    if (strcmp (slots[slot]->name, lower) == 0)
      return slots[slot];
  return NULL;
}

/* Looked up once per node, when a walk first meets it: the node keeps it. */
const ElementRule *
_drama_html_lookup_rule (DramaHtmlNode *node)
{
  static const char no_rule;

  if (node->rule == NULL)
    {
      const ElementRule *rule = _drama_html_lookup_rule_name (node->name);

      node->rule = rule != NULL ? (gconstpointer) rule : &no_rule;
    }
  return node->rule != &no_rule ? node->rule : NULL;
}

static Action
rule_action (const ElementRule *rule)
{
  return rule != NULL ? rule->action : ACTION_UNWRAP;
}

/* An <svg> or <math> never closed: libxml2 puts the rest of the article inside it, and
 * dropping the element would drop all that text. Each one closed by its own end tag is
 * marked while parsing (drama-html-tree.c: closed_by_end_tag); an unmarked one is unwrapped
 * instead of dropped, its tag gone and its content sanitised like any other. */
static gboolean
is_foreign_root (const char *name)
{
  return g_ascii_strcasecmp (name, "svg") == 0 || g_ascii_strcasecmp (name, "math") == 0;
}

/* What the walks do with @node: its rule's action, except that an <svg> or <math> that was
 * never closed holds the rest of the article and is unwrapped, not dropped. */
Action
_drama_html_node_action (const DramaHtmlNode *node,
                         const ElementRule   *rule)
{
  Action action = rule_action (rule);

  if (action == ACTION_DROP && !node->closed_by_end_tag && is_foreign_root (node->name))
    return ACTION_UNWRAP;
  return action;
}
