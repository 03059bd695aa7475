/* drama-html-reread.c: the sanitiser's own output, read back without libxml2.
 *
 * The passes after the first parse our own output, which has a form we know: allowed elements
 * only, their names and attributes as drama-html-serialize.c writes them, every text and value
 * escaped with the four entities of _drama_html_append_escaped (). Reading that back needs no
 * HTML parser; what libxml2 would add is its implied end tags and its depth limit, and an
 * output that would meet either is handed to libxml2 (_drama_html_parse_fragment ()) instead.
 * So is anything not in that form. With self-checking on (the tests, the fuzz target) every
 * tree built here is compared with libxml2's. */
#define G_LOG_DOMAIN "drama-html"

#include "config.h"

#include "drama-html.h"
#include "drama-html-private.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <string.h>

/* The elements libxml2 2.9's htmlStartClose table lets close an open element of the same
 * name (a <p> started in a <p> closes the first). Other pairs are asked of libxml2 itself;
 * test-html checks this list against it. */
static const char * const closed_by_itself[] = {
  "a", "col", "colgroup", "form", "li", "option", "p", "tbody", "td", "th", "tr",
};

/* Whether libxml2, starting <@new_tag> with <@open> the innermost open element, closes <@open>
 * first. */
static gboolean
would_auto_close (const char *open,
                  const char *new_tag)
{
  xmlNode probe = { 0 };

  if (strcmp (open, new_tag) == 0)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (closed_by_itself); i++)
        if (strcmp (open, closed_by_itself[i]) == 0)
          return TRUE;
      return FALSE;
    }
  probe.name = (const xmlChar *) new_tag;
  return htmlAutoCloseTag (NULL, (const xmlChar *) open, &probe) != 0;
}

gboolean
_drama_html_would_auto_close (const char *open,
                              const char *new_tag)
{
  return would_auto_close (open, new_tag);
}

/* What build_own_output_tree () asks of libxml2 for the elements it may meet, asked once:
 * whether libxml2 knows the element as empty, and which start tags close which open
 * elements (the last row: the open element is <body>). */
typedef struct {
  guint8 empty[DRAMA_HTML_N_RULES];
  guint8 closes[DRAMA_HTML_N_RULES + 1][DRAMA_HTML_N_RULES];
} OwnOutputRules;

static gboolean
is_written_rule (const ElementRule *rule)
{
  return rule->action == ACTION_KEEP || rule->action == ACTION_VOID;
}

static const OwnOutputRules *
get_own_output_rules (void)
{
  static OwnOutputRules *rules;

  if (g_once_init_enter (&rules))
    {
      OwnOutputRules *table = g_new0 (OwnOutputRules, 1);
      const gsize n = DRAMA_HTML_N_RULES;

      for (gsize i = 0; i < n; i++)
        {
          const htmlElemDesc *info;

          if (!is_written_rule (&_drama_html_rules[i]))
            continue;
          info = htmlTagLookup ((const xmlChar *) _drama_html_rules[i].name);
          table->empty[i] = info != NULL && info->empty;
          for (gsize open = 0; open <= n; open++)
            if (open == n || is_written_rule (&_drama_html_rules[open]))
              table->closes[open][i] =
                would_auto_close (open == n ? "body" : _drama_html_rules[open].name,
                                  _drama_html_rules[i].name);
        }
      g_once_init_leave (&rules, table);
    }
  return rules;
}

/* Undoes _drama_html_append_escaped ()'s entities in [@p, @end) into @buf; FALSE on any
 * other "&". */
static gboolean
unescape_own (GString    *buf,
              const char *p,
              const char *end)
{
  g_string_truncate (buf, 0);
  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);

      if (amp == NULL)
        {
          g_string_append_len (buf, p, end - p);
          break;
        }
      g_string_append_len (buf, p, amp - p);
      if (end - amp >= 5 && memcmp (amp, "&amp;", 5) == 0)
        g_string_append_c (buf, '&'), p = amp + 5;
      else if (end - amp >= 4 && memcmp (amp, "&lt;", 4) == 0)
        g_string_append_c (buf, '<'), p = amp + 4;
      else if (end - amp >= 4 && memcmp (amp, "&gt;", 4) == 0)
        g_string_append_c (buf, '>'), p = amp + 4;
      else if (end - amp >= 6 && memcmp (amp, "&quot;", 6) == 0)
        g_string_append_c (buf, '"'), p = amp + 6;
      else
        return FALSE;
    }
  return TRUE;
}

static gsize
name_span (const char *p)
{
  gsize n = 0;

  while (g_ascii_islower (p[n]) || g_ascii_isdigit (p[n]))
    n++;
  return n;
}

/* One tag of our own output: its element and where its attribute values are, still escaped. */
typedef struct {
  const ElementRule *rule;
  gboolean is_end;
  gboolean is_void;
  guint n_attrs;
  struct {
    const char *name;
    gsize name_len;
    const char *value;
    gsize value_len;
  } attrs[DRAMA_HTML_MAX_ATTRS];
} OwnTag;

/* Reads the tag at @p (a '<') into @tag; returns the end of the tag, or NULL when it is not
 * one we write. */
static const char *
read_own_tag (const char *p,
              OwnTag     *tag)
{
  char name[32];
  const char *q;
  gsize n;

  tag->is_end = p[1] == '/';
  tag->is_void = FALSE;
  tag->n_attrs = 0;
  q = p + (tag->is_end ? 2 : 1);
  n = name_span (q);
  if (n == 0 || n >= sizeof name)
    return NULL;
  memcpy (name, q, n);
  name[n] = '\0';
  tag->rule = _drama_html_lookup_rule_name (name);
  if (tag->rule == NULL || !is_written_rule (tag->rule))
    return NULL;
  q += n;

  if (tag->is_end)
    return *q == '>' ? q + 1 : NULL;

  while (q[0] == ' ' && q[1] != '/')
    {
      const char *value_end;
      guint i = tag->n_attrs;

      if (i == DRAMA_HTML_MAX_ATTRS)
        return NULL;
      tag->attrs[i].name = q + 1;
      tag->attrs[i].name_len = name_span (q + 1);
      q += 1 + tag->attrs[i].name_len;
      if (tag->attrs[i].name_len == 0 || tag->attrs[i].name_len >= 32 || q[0] != '=' || q[1] != '"')
        return NULL;
      tag->attrs[i].value = q + 2;
      value_end = strchr (q + 2, '"');
      if (value_end == NULL)
        return NULL;
      tag->attrs[i].value_len = value_end - (q + 2);
      q = value_end + 1;
      tag->n_attrs++;
    }
  if (q[0] == ' ' && q[1] == '/' && q[2] == '>')
    {
      tag->is_void = TRUE;
      return q + 3;
    }
  return q[0] == '>' ? q + 1 : NULL;
}

/* @tag as an element of @tree under @parent, its values unescaped; NULL when one cannot be. */
static DramaHtmlNode *
add_own_tag (DramaHtmlTree *tree,
             DramaHtmlNode *parent,
             const OwnTag  *tag,
             GString       *buf)
{
  DramaHtmlNode *element = drama_html_tree_add_element (tree, parent, tag->rule->name, tag->n_attrs);

  element->rule = tag->rule;
  for (guint i = 0; i < tag->n_attrs; i++)
    {
      char attr_name[32];

      if (!unescape_own (buf, tag->attrs[i].value, tag->attrs[i].value + tag->attrs[i].value_len))
        return NULL;
      memcpy (attr_name, tag->attrs[i].name, tag->attrs[i].name_len);
      attr_name[tag->attrs[i].name_len] = '\0';
      drama_html_tree_set_attr (tree, element, i, attr_name, buf->str, buf->len);
    }
  return element;
}

/* Reads @html, our own output, as libxml2 would, or returns FALSE where that needs libxml2.
 * With @tree, builds the tree into it; with @writer, checks instead that sanitising it again
 * writes every tag as it stands (its text is written as it stands anyway:
 * _drama_html_append_escaped () gives back its own output), so that @html is its own
 * result. */
static gboolean
read_own_output (const char    *html,
                 DramaHtmlTree *tree,
                 Writer        *writer)
{
  const OwnOutputRules *own_rules = get_own_output_rules ();
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autoptr(DramaHtmlTree) scratch = NULL;
  g_autoptr(GString) scratch_out = NULL;
  /* The open elements, innermost last; with @tree also their nodes. */
  const ElementRule *open[DRAMA_HTML_MAX_OUTPUT_DEPTH + 1];
  DramaHtmlNode *current = tree != NULL ? drama_html_tree_get_body (tree) : NULL;
  guint n_open = 0, n_links = 0;
  const char *p = html;

  if (strlen (html) > DRAMA_HTML_MAX_INPUT_BYTES)
    return FALSE;

  while (*p != '\0')
    {
      OwnTag tag;
      const char *end;

      if (*p != '<')
        {
          end = strchr (p, '<');
          if (end == NULL)
            end = p + strlen (p);
          if (memchr (p, '&', end - p) == NULL)
            {
              if (tree != NULL)
                drama_html_tree_add_text (tree, current, p, end - p);
            }
          else if (!unescape_own (buf, p, end))
            return FALSE;
          else if (tree != NULL)
            drama_html_tree_add_text (tree, current, buf->str, buf->len);
          p = end;
          continue;
        }

      end = read_own_tag (p, &tag);
      if (end == NULL)
        return FALSE;

      if (tag.is_end)
        {
          if (n_open == 0 || open[n_open - 1] != tag.rule)
            return FALSE;
          n_open--;
          if (strcmp (tag.rule->name, "a") == 0)
            n_links--;
          if (tree != NULL)
            current = current->parent;
          p = end;
          continue;
        }

      /* libxml2 counts <html> and <body> among the open nodes. Where it would close an open
       * element first, or knows the element to be empty, it reads another tree. */
      if (n_open + 2 > xmlParserMaxDepth || n_open >= DRAMA_HTML_MAX_OUTPUT_DEPTH ||
          own_rules->closes[n_open == 0 ? DRAMA_HTML_N_RULES
                                        : (gsize) (open[n_open - 1] - _drama_html_rules)]
                           [tag.rule - _drama_html_rules] ||
          (!tag.is_void && own_rules->empty[tag.rule - _drama_html_rules]))
        return FALSE;

      if (tree != NULL)
        {
          DramaHtmlNode *element = add_own_tag (tree, current, &tag, buf);

          if (element == NULL)
            return FALSE;
          if (!tag.is_void)
            current = element;
        }
      else if (tag.n_attrs > 0 || strcmp (tag.rule->name, "a") == 0 ||
               strcmp (tag.rule->name, "img") == 0)
        {
          /* What the walk would write for this element in the next pass, in the state it
           * would be in there. A tag without attributes is written back as it stands. */
          Writer again = { 0 };
          DramaHtmlNode *element;
          gboolean same;

          if (scratch == NULL)
            scratch = drama_html_tree_new ();
          element = add_own_tag (scratch, drama_html_tree_get_body (scratch), &tag, buf);
          if (element == NULL)
            return FALSE;
          if (scratch_out == NULL)
            scratch_out = g_string_sized_new (256);
          g_string_truncate (scratch_out, 0);
          again.out = scratch_out;
          again.base = writer->base;
          again.open_elements = n_open;
          again.open_links = n_links;
          _drama_html_write_element (&again, element, tag.rule->name, tag.is_void);
          same = again.out->len == (gsize) (end - p) && memcmp (again.out->str, p, end - p) == 0;
          if (!same)
            return FALSE;
        }

      if (!tag.is_void)
        {
          open[n_open++] = tag.rule;
          if (strcmp (tag.rule->name, "a") == 0)
            n_links++;
        }
      p = end;
    }

  return n_open == 0;
}

/* The tree libxml2 would build from @html, our own output, or NULL when reading it needs
 * libxml2. */
static DramaHtmlTree *
build_own_output_tree (const char *html)
{
  g_autoptr(DramaHtmlTree) tree = drama_html_tree_new ();

  if (!read_own_output (html, tree, NULL))
    return NULL;
  return g_steal_pointer (&tree);
}

/* A tree written out for comparing: "<" and "&" in text as entities, attribute values in
 * brackets, other nodes as "<!>", a text node right after another one marked "<|>".
 * test-html writes libxml2's own tree the same way. */
static char *
dump_tree (DramaHtmlNode *body)
{
  GString *out = g_string_new (NULL);
  DramaHtmlNode *node = body != NULL ? body->children : NULL;

  while (node != NULL)
    {
      if (node->type == DRAMA_HTML_NODE_TEXT)
        {
          /* Text right after text would be one node in libxml2's tree. */
          if (node->parent->children != node && node->parent->children != NULL)
            {
              DramaHtmlNode *prev = node->parent->children;

              while (prev->next != node)
                prev = prev->next;
              if (prev->type == DRAMA_HTML_NODE_TEXT)
                g_string_append (out, "<|>");
            }
          for (const char *c = node->content; *c != '\0'; c++)
            {
              if (*c == '<')
                g_string_append (out, "&lt;");
              else if (*c == '&')
                g_string_append (out, "&amp;");
              else
                g_string_append_c (out, *c);
            }
        }
      else if (node->type == DRAMA_HTML_NODE_ELEMENT)
        {
          g_string_append_printf (out, "<%s", node->name);
          for (guint i = 0; i < node->n_attrs; i++)
            g_string_append_printf (out, " %s=[%s]", node->attrs[i].name, node->attrs[i].value);
          g_string_append_c (out, '>');
        }
      else
        g_string_append (out, "<!>");

      if (node->type == DRAMA_HTML_NODE_ELEMENT && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      if (node->type == DRAMA_HTML_NODE_ELEMENT)
        g_string_append_printf (out, "</%s>", node->name);
      while (node->next == NULL)
        {
          node = node->parent;
          if (node == body)
            return g_string_free (out, FALSE);
          g_string_append_printf (out, "</%s>", node->name);
        }
      node = node->next;
    }
  return g_string_free (out, FALSE);
}

char *
_drama_html_dump_tree (const char *html)
{
  DramaHtmlNode *body = NULL;
  g_autoptr(DramaHtmlTree) tree = _drama_html_parse_fragment (html, &body);

  return dump_tree (body);
}

/* Parses @html, our own output, as _drama_html_parse_fragment () would. */
DramaHtmlTree *
_drama_html_parse_own_output (const char     *html,
                              DramaHtmlNode **body)
{
  DramaHtmlTree *tree = build_own_output_tree (html);

  if (tree == NULL)
    return _drama_html_parse_fragment (html, body);

  _drama_html_add_parses (1);
  *body = drama_html_tree_get_body (tree);

  if (_drama_html_self_check)
    {
      DramaHtmlNode *libxml_body = NULL;
      g_autoptr(DramaHtmlTree) libxml_tree = _drama_html_parse_fragment (html, &libxml_body);
      g_autofree char *ours = dump_tree (*body);
      g_autofree char *theirs = dump_tree (libxml_body);

      _drama_html_add_parses (-1);
      if (strcmp (ours, theirs) != 0)
        g_error ("our own output read back differs from libxml2's reading of it:\n%s\n"
                 "ours:   %s\nlibxml2: %s", html, ours, theirs);
    }

  return tree;
}

/* Whether sanitising @html, our own output, gives @html again: what the loop in
 * drama_html_sanitize_full () would find with one more pass. Counts as that pass's parse. */
gboolean
_drama_html_is_fixed_point (const char *html,
                            GUri       *base)
{
  Writer w = { 0 };

  w.base = base;
  _drama_html_add_parses (1);
  return read_own_output (html, NULL, &w);
}

/* drama_html_to_text () of @html, our own output, from the tree _drama_html_is_fixed_point ()
 * read. */
char *
_drama_html_own_output_to_text (const char *html)
{
  g_autoptr(DramaHtmlTree) tree = build_own_output_tree (html);
  DramaHtmlNode *body;

  if (tree == NULL)
    {
      /* Not reached: _drama_html_is_fixed_point () read the same. */
      g_autofree char *text = drama_html_to_text (html);

      _drama_html_add_parses (-1);
      return g_steal_pointer (&text);
    }
  body = drama_html_tree_get_body (tree);
  if (body == NULL || body->children == NULL)
    return g_strdup ("");
  return _drama_html_body_to_text (body);
}
