#pragma once

/* libxml2's own tree of an HTML fragment written out the way _drama_html_dump_tree ()
 * (drama-html-private.h) writes the tree the sanitiser builds from libxml2's SAX events: the
 * oracle for test-html and fuzz-html. Header-only, for the two of them. */

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

/* libxml2's tree of the fragment @html, written out as _drama_html_dump_tree () writes ours. */
static inline void
dump_libxml2_node (GString *out,
                   xmlNode *first)
{
  for (xmlNode *node = first; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE)
        {
          if (node->prev != NULL && node->prev->type == XML_TEXT_NODE)
            g_string_append (out, "<|>");
          for (const xmlChar *c = node->content; c != NULL && *c != '\0'; c++)
            {
              if (*c == '<')
                g_string_append (out, "&lt;");
              else if (*c == '&')
                g_string_append (out, "&amp;");
              else
                g_string_append_c (out, (char) *c);
            }
        }
      else if (node->type == XML_ELEMENT_NODE)
        {
          g_string_append_printf (out, "<%s", (const char *) node->name);
          for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
            {
              xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);

              g_string_append_printf (out, " %s=[%s]", (const char *) attr->name,
                                      value != NULL ? (const char *) value : "");
              xmlFree (value);
            }
          g_string_append_c (out, '>');
          dump_libxml2_node (out, node->children);
          g_string_append_printf (out, "</%s>", (const char *) node->name);
        }
      else
        g_string_append (out, "<!>");
    }
}

static inline char *
dump_libxml2_tree (const char *html)
{
  g_autofree char *valid = g_utf8_make_valid (html, -1);
  g_autofree char *text = g_strconcat ("<html><body>", valid, NULL);
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt ();
  htmlDocPtr doc = htmlCtxtReadMemory (ctxt, text, (int) strlen (text), NULL, "UTF-8",
                                       HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                       HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  GString *out = g_string_new (NULL);
  xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;

  htmlFreeParserCtxt (ctxt);
  for (xmlNode *node = root != NULL ? root->children : NULL; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, "body") == 0)
      {
        dump_libxml2_node (out, node->children);
        break;
      }
  if (doc != NULL)
    xmlFreeDoc (doc);
  return g_string_free (out, FALSE);
}

