#define G_LOG_DOMAIN "drama-opml"

#include "config.h"

#include "drama-opml.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "drama-feed.h"
#include "drama-text.h"

G_DEFINE_QUARK (drama-opml-error-quark, drama_opml_error)

/* Deeper nesting than this is not a real subscription list; stop walking so a
 * hostile file cannot exhaust the stack. */
#define MAX_DEPTH 64
/* A title longer than this is cut with "…" (as a feed's own title is); a longer address is
 * no feed address. */
#define MAX_TITLE_BYTES 1024
#define MAX_URL_BYTES   8192

void
drama_opml_outline_free (DramaOpmlOutline *outline)
{
  if (outline == NULL)
    return;
  g_free (outline->title);
  g_free (outline->xml_url);
  g_free (outline->html_url);
  g_free (outline->folder);
  g_free (outline);
}

/* OPML in the wild spells attributes "xmlUrl", "xmlurl" or "XMLURL". */
static char *
get_attr (xmlNode    *node,
          const char *name)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      if (attr->ns == NULL && g_ascii_strcasecmp ((const char *) attr->name, name) == 0)
        {
          xmlChar *value = xmlNodeListGetString (node->doc, attr->children, 1);
          char *ret = NULL;

          if (value != NULL)
            {
              g_autofree char *stripped = g_strstrip (g_strdup ((const char *) value));

              if (*stripped != '\0' && g_utf8_validate (stripped, -1, NULL))
                ret = g_steal_pointer (&stripped);
              xmlFree (value);
            }
          return ret;
        }
    }
  return NULL;
}

static void
collect_outlines (xmlNode    *node,
                  guint       depth,
                  const char *folder,
                  GPtrArray  *out,
                  GHashTable *seen)
{
  if (depth > MAX_DEPTH)
    return;

  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      g_autofree char *xml_url = NULL;
      g_autofree char *group = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *) child->name, "outline") == 0)
        {
          xml_url = get_attr (child, "xmlUrl");

          if (xml_url != NULL && strlen (xml_url) <= MAX_URL_BYTES &&
              !g_hash_table_contains (seen, xml_url))
            {
              DramaOpmlOutline *outline = g_new0 (DramaOpmlOutline, 1);
              g_autofree char *title = get_attr (child, "title");

              if (title == NULL)
                title = get_attr (child, "text");
              outline->title = drama_text_make_safe (title, -1, MAX_TITLE_BYTES);
              outline->html_url = get_attr (child, "htmlUrl");
              if (outline->html_url != NULL && strlen (outline->html_url) > MAX_URL_BYTES)
                g_clear_pointer (&outline->html_url, g_free);
              outline->xml_url = g_strdup (xml_url);
              outline->folder = g_strdup (folder);
              g_hash_table_add (seen, g_steal_pointer (&xml_url));
              g_ptr_array_add (out, outline);
            }
          else if (xml_url == NULL)
            {
              /* An outline without a feed is a folder of the ones inside it. */
              group = get_attr (child, "text");
              if (group == NULL)
                group = get_attr (child, "title");
              if (group == NULL)
                group = g_strdup ("");
            }
        }
      collect_outlines (child->children, depth + 1, group != NULL ? group : folder, out, seen);
    }
}

GPtrArray *
drama_opml_parse (const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GHashTable) seen = NULL;
  xmlDoc *doc;
  xmlNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0 || length > G_MAXINT)
    {
      g_set_error (error, DRAMA_OPML_ERROR, DRAMA_OPML_ERROR_INVALID,
                   _("This file is not an OPML subscription list"));
      return NULL;
    }

  /* Same hardening as the feed parser: no entity substitution, no DTD loading,
   * no network. */
  doc = xmlReadMemory (data, (int) length, NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                       XML_PARSE_NOCDATA);
  if (doc == NULL)
    {
      g_set_error (error, DRAMA_OPML_ERROR, DRAMA_OPML_ERROR_INVALID,
                   _("This file is not an OPML subscription list"));
      return NULL;
    }

  /* An OPML file has no business declaring entities; refusing them closes the
   * door on entity-expansion bombs through attribute values. */
  if (doc->intSubset != NULL && doc->intSubset->entities != NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, DRAMA_OPML_ERROR, DRAMA_OPML_ERROR_INVALID,
                   _("This OPML file declares entities, which are not allowed"));
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || g_ascii_strcasecmp ((const char *) root->name, "opml") != 0)
    {
      xmlFreeDoc (doc);
      g_set_error (error, DRAMA_OPML_ERROR, DRAMA_OPML_ERROR_INVALID,
                   _("This file is not an OPML subscription list"));
      return NULL;
    }

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_opml_outline_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE &&
          g_ascii_strcasecmp ((const char *) child->name, "body") == 0)
        collect_outlines (child->children, 0, NULL, out, seen);
    }

  xmlFreeDoc (doc);
  return g_steal_pointer (&out);
}

static void
append_attr (GString    *s,
             const char *name,
             const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (s, " %s=\"%s\"", name, escaped);
}

char *
drama_opml_write (GPtrArray *feeds)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<opml version=\"2.0\">\n"
                             "  <head>\n"
                             "    <title>Dramalist subscriptions</title>\n");
  /* RFC 822 names are English whatever the locale, so no strftime. */
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_string_append_printf (s, "    <dateCreated>%s, %02d %s %04d %02d:%02d:%02d GMT</dateCreated>\n",
                          days[g_date_time_get_day_of_week (now) - 1],
                          g_date_time_get_day_of_month (now),
                          months[g_date_time_get_month (now) - 1],
                          g_date_time_get_year (now),
                          g_date_time_get_hour (now),
                          g_date_time_get_minute (now),
                          g_date_time_get_second (now));
  g_string_append (s, "  </head>\n  <body>\n");

  for (guint i = 0; feeds != NULL && i < feeds->len; i++)
    {
      DramaFeed *feed = g_ptr_array_index (feeds, i);
      const char *title = drama_feed_get_display_title (feed);

      g_string_append (s, "    <outline type=\"rss\"");
      append_attr (s, "text", title);
      append_attr (s, "title", title);
      append_attr (s, "xmlUrl", drama_feed_get_url (feed));
      append_attr (s, "htmlUrl", drama_feed_get_site_url (feed));
      g_string_append (s, "/>\n");
    }

  g_string_append (s, "  </body>\n</opml>\n");
  return g_string_free (s, FALSE);
}
