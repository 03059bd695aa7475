/* drama-feed-parser-entities.c: what each "&name;" in a feed means.
 *
 * libxml2 reads the DOCTYPE itself, never fetching an external DTD or entity (no
 * XML_PARSE_DTDLOAD, XML_PARSE_NOENT or validation, and XML_PARSE_NONET), and asks
 * _drama_feed_get_entity () what each reference outside it means.  The answer is always plain
 * text, never a tree of entity references for us to expand later: a simple internal entity
 * ("<!ENTITY id 'text'>", no markup, no references) within a byte budget, else one of HTML's
 * named characters (&nbsp;, which feeds use without declaring it), else the reference as
 * written.  Nothing can amplify: billion laughs and quadratic blow-ups stay "&name;".
 */
#define G_LOG_DOMAIN "drama-feed-parser"

#include "config.h"

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "drama-feed-parser-private.h"

#define MAX_INTERNAL_ENTITIES 64
#define MAX_ENTITY_VALUE 1024
#define MAX_ENTITY_EXPANSION (1024 * 1024)

/* HTML's named characters by name: libxml2's htmlEntityLookup () reads its table of 253 from
 * the top for each, and a hostile feed may name millions of entities. */
const htmlEntityDesc *
_drama_feed_html_entity (const char *name)
{
  static GHashTable *by_name = NULL;

  if (g_once_init_enter (&by_name))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      /* Every HTML 4 entity is below U+2667 (&diams;). */
      for (guint c = 0; c < 0x2700; c++)
        {
          const htmlEntityDesc *desc = htmlEntityValueLookup (c);

          if (desc != NULL)
            g_hash_table_insert (table, (gpointer) desc->name, (gpointer) desc);
        }
      g_once_init_leave (&by_name, table);
    }
  return g_hash_table_lookup (by_name, name);
}

/* What one entity name reads as: for text, an entity of libxml2's "predefined" kind, which it
 * inlines as characters (&amp; is one); for attribute values, one whose name spells the same
 * text as character references ("#160" for &nbsp;), which libxml2 writes into the value as
 * "&#160;" and reads back as the character. */
typedef struct {
  xmlEntity in_text;
  xmlEntity in_attr;   /* made when an attribute first needs it */
} Resolved;

struct _DramaFeedEntities {
  GHashTable *declared_names;  /* name → Resolved: the document's own simple entities */
  GHashTable *html_names;      /* name → Resolved: HTML's named characters */
  /* "&name;" as written: one, written again for each reference (libxml2 is done with an
   * entity before it asks for the next), as a hostile feed's unknown names never repeat. */
  Resolved    literal;
  gsize       expanded;   /* bytes the document's own entities added so far */
  guint       declared;   /* simple internal entities met */
};

static void
resolved_clear (Resolved *resolved)
{
  g_free ((char *) resolved->in_text.name);
  g_free (resolved->in_text.content);
  g_free ((char *) resolved->in_attr.name);
  g_free (resolved->in_attr.content);
  memset (resolved, 0, sizeof *resolved);
}

static void
resolved_free (Resolved *resolved)
{
  resolved_clear (resolved);
  g_free (resolved);
}

static void
resolved_set (Resolved   *resolved,
              const char *name,
              const char *text)
{
  resolved_clear (resolved);
  resolved->in_text.type = XML_ENTITY_DECL;
  resolved->in_text.etype = XML_INTERNAL_PREDEFINED_ENTITY;
  resolved->in_text.name = (xmlChar *) g_strdup (name);
  resolved->in_text.content = (xmlChar *) g_strdup (text);
  resolved->in_text.length = strlen (text);
}

static xmlEntity *
resolved_in_attr (Resolved *resolved)
{
  const char *text = (const char *) resolved->in_text.content;
  GString *refs;

  if (resolved->in_attr.name != NULL)
    return &resolved->in_attr;

  refs = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_printf (refs, "&#%u;", g_utf8_get_char (p));
  /* libxml2 writes "&", the name and ";" */
  if (refs->len > 0)
    {
      g_string_truncate (refs, refs->len - 1);
      g_string_erase (refs, 0, 1);
    }
  resolved->in_attr.type = XML_ENTITY_DECL;
  resolved->in_attr.etype = XML_INTERNAL_GENERAL_ENTITY;
  resolved->in_attr.name = (xmlChar *) g_string_free (refs, FALSE);
  resolved->in_attr.content = (xmlChar *) g_strdup (text);
  resolved->in_attr.length = resolved->in_text.length;
  /* Already checked (even: no '<'), so libxml2 does not expand it again to check it. */
  resolved->in_attr.checked = 2;
  return &resolved->in_attr;
}

DramaFeedEntities *
_drama_feed_entities_new (void)
{
  DramaFeedEntities *entities = g_new0 (DramaFeedEntities, 1);

  entities->declared_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify) resolved_free);
  entities->html_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) resolved_free);
  return entities;
}

void
_drama_feed_entities_free (DramaFeedEntities *entities)
{
  if (entities == NULL)
    return;
  g_hash_table_unref (entities->declared_names);
  g_hash_table_unref (entities->html_names);
  resolved_clear (&entities->literal);
  g_free (entities);
}

static Resolved *
lookup (GHashTable *table,
        const char *name,
        const char *text)
{
  Resolved *resolved = g_hash_table_lookup (table, name);

  if (resolved == NULL)
    {
      resolved = g_new0 (Resolved, 1);
      resolved_set (resolved, name, text);
      g_hash_table_insert (table, g_strdup (name), resolved);
    }
  return resolved;
}

/* A declared internal entity whose text holds no markup and no reference. */
static gboolean
is_simple (xmlEntity *declared)
{
  const char *content = (const char *) declared->content;

  return declared->etype == XML_INTERNAL_GENERAL_ENTITY && content != NULL &&
         declared->length <= MAX_ENTITY_VALUE && strpbrk (content, "&<%") == NULL &&
         g_utf8_validate (content, -1, NULL);
}

/* The entity libxml2 is to use.  Once a document has had an error (it is read in recovery
 * mode) libxml2 drops every entity reference in text, its own &amp; included; the feed had
 * its HTML characters before, as character references, so they are written here instead. */
static xmlEntity *
answer (xmlParserCtxt *ctxt,
        Resolved      *resolved,
        gboolean       in_attr)
{
  if (in_attr)
    return resolved_in_attr (resolved);
  if (!ctxt->wellFormed && ctxt->instate == XML_PARSER_CONTENT && !ctxt->disableSAX &&
      ctxt->sax->characters != NULL)
    ctxt->sax->characters (ctxt->userData, resolved->in_text.content,
                           resolved->in_text.length);
  return &resolved->in_text;
}

/* A getEntity SAX handler; the parser context's _private is a DramaXmlParse. */
xmlEntity *
_drama_feed_get_entity (void          *user_data,
                        const xmlChar *name)
{
  xmlParserCtxt *ctxt = user_data;
  DramaFeedEntities *entities = ((DramaXmlParse *) ctxt->_private)->entities;
  gboolean in_attr = ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE;
  xmlEntity *declared;
  const htmlEntityDesc *html;
  Resolved *resolved;

  /* Inside the DTD nothing reaches the tree: libxml2 checks its own declarations. */
  if (ctxt->inSubset != 0)
    return xmlSAX2GetEntity (ctxt, name);

  declared = xmlSAX2GetEntity (ctxt, name);
  if (declared != NULL && is_simple (declared))
    {
      resolved = g_hash_table_lookup (entities->declared_names, name);
      if (resolved == NULL && entities->declared < MAX_INTERNAL_ENTITIES)
        {
          entities->declared++;
          resolved = lookup (entities->declared_names, (const char *) name,
                             (const char *) declared->content);
        }
      if (resolved != NULL &&
          entities->expanded + resolved->in_text.length <= MAX_ENTITY_EXPANSION)
        {
          entities->expanded += resolved->in_text.length;
          return answer (ctxt, resolved, in_attr);
        }
    }
  resolved = g_hash_table_lookup (entities->html_names, name);
  if (resolved == NULL && (html = _drama_feed_html_entity ((const char *) name)) != NULL)
    {
      char text[8] = { 0 };

      g_unichar_to_utf8 (html->value, text);
      resolved = lookup (entities->html_names, (const char *) name, text);
    }
  if (resolved != NULL)
    return answer (ctxt, resolved, in_attr);

  /* Unknown, external, too big or past the budget: the reference stays as it was written. */
  {
    g_autofree char *literal = g_strdup_printf ("&%s;", (const char *) name);

    resolved_set (&entities->literal, (const char *) name, literal);
  }
  return answer (ctxt, &entities->literal, in_attr);
}
