/* drama-html.c: the allow-list sanitiser for HTML that comes from feeds and TVmaze.
 *
 * Everything here treats its input as hostile. The sanitiser never edits the parsed tree and
 * serialises what is left (a block-list would miss whatever we did not think of); it walks the
 * tree libxml2's HTML parser built and writes a new fragment containing only elements and
 * attributes named in the allow-list, with every text and attribute value escaped by us.
 *
 * This file parses a fragment and drives the walk; drama-html-private.h says which file does
 * the rest (the allow-list, URLs, writing, embeds, reading our own output, plain text). */
#define G_LOG_DOMAIN "drama-html"

#include "config.h"

#include "drama-html.h"
#include "drama-html-private.h"
#include "drama-html-tree.h"

#include <gio/gio.h>
#include <string.h>

/* Tests and fuzzing: compare each shortcut with the way it stands for (drama-html-private.h). */
gboolean _drama_html_self_check;

void
_drama_html_set_self_check (gboolean enabled)
{
  _drama_html_self_check = enabled;
}

/* ---- parsing ---- */

/* How many fragments were parsed, for the tests that hold the feed pipeline to its budget
 * (drama-html-private.h). Atomic: feeds are parsed on worker threads. */
static gint n_parses;

guint
_drama_html_get_n_parses (void)
{
  return (guint) g_atomic_int_get (&n_parses);
}

void
_drama_html_add_parses (int n)
{
  g_atomic_int_add (&n_parses, n);
}

/* g_utf8_validate_len (), with ASCII (most of any article's markup) eight bytes at a time. */
static gboolean
is_valid_utf8 (const char *text,
               gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      guint64 chunk;

      if (len - i >= 8)
        {
          memcpy (&chunk, text + i, 8);
          if ((chunk & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              i += 8;
              continue;
            }
        }
      if ((guchar) text[i] < 0x80)
        {
          i++;
          continue;
        }
      /* A non-ASCII stretch: GLib's validator up to the next ASCII byte after it. */
      {
        gsize end = i + 1;
        const char *valid_end;

        while (end < len && (guchar) text[end] >= 0x80)
          end++;
        if (!g_utf8_validate_len (text + i, end - i, &valid_end))
          return FALSE;
        i = end;
      }
    }
  return TRUE;
}

/* Buffers a thread keeps between fragments: the input as handed to libxml2 and the output
 * being written. Allocating and freeing 100 KB or more per article costs more than using it
 * (glibc hands such blocks back to the kernel and faults them in again). */
#define MAX_KEPT_BUFFER (1024 * 1024)

typedef struct {
  GString *input;
  GString *output;
  gboolean output_busy;
} Buffers;

static void
buffers_free (gpointer data)
{
  Buffers *buffers = data;

  g_string_free (buffers->input, TRUE);
  g_string_free (buffers->output, TRUE);
  g_free (buffers);
}

static GPrivate buffers_key = G_PRIVATE_INIT (buffers_free);

static Buffers *
get_buffers (void)
{
  Buffers *buffers = g_private_get (&buffers_key);

  if (buffers == NULL)
    {
      buffers = g_new0 (Buffers, 1);
      buffers->input = g_string_new (NULL);
      buffers->output = g_string_new (NULL);
      g_private_set (&buffers_key, buffers);
    }
  return buffers;
}

/* Empties @buffer for the next fragment, letting go of it when a huge one made it huge. */
static GString *
recycle_buffer (GString *buffer)
{
  if (buffer->allocated_len > MAX_KEPT_BUFFER)
    {
      g_string_free (buffer, TRUE);
      return g_string_new (NULL);
    }
  g_string_truncate (buffer, 0);
  return buffer;
}

/* @prefix then the first @len bytes of @html, with every invalid UTF-8 sequence replaced as
 * g_utf8_make_valid () replaces it. Valid input (nearly all of it) is copied once. */
static void
make_valid_with_prefix (GString    *text,
                        const char *prefix,
                        const char *html,
                        gsize       len)
{
  g_string_append (text, prefix);
  if (is_valid_utf8 (html, len))
    g_string_append_len (text, html, len);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (html, len);

      g_string_append (text, valid);
    }
}

/* Parses @html as the content of a <body> and returns the tree; *body is where the content
 * ended up. The "<html><body>" prefix keeps libxml2 from wrapping leading text in an implied
 * <p> and makes it ignore the <html>/<body>/<head> tags a fragment may carry; the byte order
 * mark before it is how libxml2 learns the text is UTF-8 without converting it into another
 * buffer (drama-html-tree.c). */
DramaHtmlTree *
_drama_html_parse_fragment (const char     *html,
                            DramaHtmlNode **body)
{
  static const char prefix[] = "\xEF\xBB\xBF<html><body>";
  Buffers *buffers = get_buffers ();
  DramaHtmlTree *tree;
  gsize len;

  *body = NULL;
  if (html == NULL)
    html = "";

  len = strlen (html);
  if (len > DRAMA_HTML_MAX_INPUT_BYTES)
    {
      len = DRAMA_HTML_MAX_INPUT_BYTES;
      while (len > 0 && ((guchar) html[len] & 0xC0) == 0x80)
        len--;
    }

  /* libxml2 gives up on UTF-8 at the first bad byte and reads the rest as Latin-1. */
  buffers->input = recycle_buffer (buffers->input);
  make_valid_with_prefix (buffers->input, prefix, html, len);

  g_atomic_int_inc (&n_parses);
  tree = drama_html_tree_parse (buffers->input->str, buffers->input->len);
  *body = drama_html_tree_get_body (tree);

  return tree;
}

/* One sanitising pass. The walk is iterative: feed HTML can nest 10,000 levels deep and
 * recursion would put that on the stack. From the same tree, and so without parsing again:
 * first_image (optional) receives what drama_html_first_image () finds in @html, text
 * (optional) what drama_html_to_text () makes of @html. */
static char *
sanitize_pass (const char  *html,
               gboolean     own_output,
               GUri        *base,
               char       **first_image,
               char       **text)
{
  Writer w = { 0 };
  Buffers *buffers;
  DramaHtmlNode *body = NULL;
  DramaHtmlTree *tree;
  DramaHtmlNode *node;
  /* One entry per open tree level: the element name to close there, or NULL. */
  g_autoptr(GPtrArray) closers = g_ptr_array_new ();

  tree = own_output ? _drama_html_parse_own_output (html, &body)
                    : _drama_html_parse_fragment (html, &body);
  if (body == NULL || body->children == NULL)
    {
      drama_html_tree_free (tree);
      if (text != NULL)
        *text = g_strdup ("");
      return g_strdup ("");
    }

  /* The thread's output buffer, unless a walk is already writing into it. */
  buffers = get_buffers ();
  if (!buffers->output_busy)
    {
      buffers->output = recycle_buffer (buffers->output);
      buffers->output_busy = TRUE;
      w.out = buffers->output;
    }
  else
    w.out = g_string_new (NULL);
  w.base = base;

  node = body->children;
  for (;;)
    {
      gboolean descend = FALSE;
      const char *closer = NULL;

      if (node->type == DRAMA_HTML_NODE_TEXT && node->content != NULL)
        _drama_html_append_escaped_len (w.out, node->content, node->length, FALSE);
      else if (node->type == DRAMA_HTML_NODE_ELEMENT)
        {
          const ElementRule *rule = _drama_html_lookup_rule (node);

          /* The walk descends where drama_html_first_image () does, in the same order. */
          if (first_image != NULL && *first_image == NULL)
            *first_image = _drama_html_image_of (node, rule, base);

          switch (_drama_html_node_action (node, rule))
            {
            case ACTION_KEEP:
              if (_drama_html_write_element (&w, node, rule->name, FALSE))
                closer = rule->name;
              descend = TRUE;
              break;
            case ACTION_VOID:
              _drama_html_write_element (&w, node, rule->name, TRUE);
              descend = TRUE;
              break;
            case ACTION_FRAME:
              _drama_html_write_frame (&w, node);
              /* An unclosed <iframe> swallows the rest of the article in libxml2's tree. */
              descend = TRUE;
              break;
            case ACTION_MEDIA:
              _drama_html_write_media (&w, node, rule->name);
              break;
            case ACTION_UNWRAP:
              descend = TRUE;
              break;
            case ACTION_DROP:
            default:
              break;
            }
        }

      if (descend && node->children != NULL)
        {
          g_ptr_array_add (closers, (gpointer) closer);
          node = node->children;
          continue;
        }
      if (closer != NULL)
        _drama_html_close_element (&w, closer);

      while (node->next == NULL)
        {
          node = node->parent;
          if (node == body)
            goto done;
          closer = g_ptr_array_steal_index (closers, closers->len - 1);
          if (closer != NULL)
            _drama_html_close_element (&w, closer);
        }
      node = node->next;
    }

done:
  if (text != NULL)
    *text = _drama_html_body_to_text (body);
  drama_html_tree_free (tree);

  {
    const char *start = w.out->str;
    const char *end = w.out->str + w.out->len;
    char *result;

    /* g_strstrip () */
    while (start < end && g_ascii_isspace (*start))
      start++;
    while (end > start && g_ascii_isspace (end[-1]))
      end--;
    result = g_strndup (start, end - start);
    if (w.out == buffers->output)
      buffers->output_busy = FALSE;
    else
      g_string_free (w.out, TRUE);
    return result;
  }
}

char *
drama_html_sanitize (const char *html,
                     const char *base_url)
{
  return drama_html_sanitize_full (html, base_url, NULL, NULL);
}

char *
drama_html_sanitize_full (const char  *html,
                          const char  *base_url,
                          char       **first_image,
                          char       **text)
{
  g_autoptr(GUri) base = NULL;
  g_autofree char *result = NULL;
  g_autofree char *result_text = NULL;

  if (first_image != NULL)
    *first_image = NULL;
  if (text != NULL)
    *text = NULL;

  if (html == NULL || *html == '\0')
    {
      if (text != NULL)
        *text = g_strdup ("");
      return g_strdup ("");
    }

  if (base_url != NULL)
    base = g_uri_parse (base_url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);

  result = sanitize_pass (html, FALSE, base, first_image, NULL);

  /* Nearly always the first pass's output is already its own result, which reading it once
   * shows without sanitising it all again (_drama_html_is_fixed_point ()). */
  if (_drama_html_is_fixed_point (result, base))
    {
      if (_drama_html_self_check)
        {
          g_autofree char *again = sanitize_pass (result, TRUE, base, NULL, NULL);

          g_atomic_int_add (&n_parses, -1);
          if (strcmp (again, result) != 0)
            g_error ("sanitising our own output changed it:\n%s\n->\n%s", result, again);
        }
      if (text != NULL)
        *text = _drama_html_own_output_to_text (result);
      return g_steal_pointer (&result);
    }

  /* Unwrapping an element moves its children under a parent that libxml2's implied-end-tag
   * rules may not give them when parsing our output again, and a start tag cut off by the end
   * of the input is placed without those rules at all. Running over our own output until it
   * stops changing makes the stored HTML a fixed point, so sanitising it again (as the store
   * and the web view page may) changes nothing. A second pass settles every case seen (the
   * fuzzer found none needing a third); the loop is bounded anyway. */
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *again_text = NULL;
      g_autofree char *again = sanitize_pass (result, TRUE, base, NULL,
                                              text != NULL ? &again_text : NULL);

      /* The pass that settles it parsed exactly the result: its tree gives the text. */
      if (strcmp (again, result) == 0)
        {
          result_text = g_steal_pointer (&again_text);
          break;
        }
      g_free (result);
      result = g_steal_pointer (&again);
    }

  if (text != NULL)
    *text = result_text != NULL ? g_steal_pointer (&result_text) : drama_html_to_text (result);
  return g_steal_pointer (&result);
}
