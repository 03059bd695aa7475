/* drama-feed-parser-xml.c: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (and Microsoft's CDF) trees.
 *
 * Element names are matched case-insensitively and by namespace, the way feedparser does, so
 * that the feeds people actually publish (RSS with a default namespace, Atom 0.3 without one,
 * upper-case CDF) are read.  Relative links are resolved against xml:base, inherited down the
 * tree, and then the feed's own URL (libxml2's xmlNodeGetBase does both).
 */
#define G_LOG_DOMAIN "drama-feed-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>

#include "drama-date.h"
#include "drama-feed-parser-private.h"
#include "drama-text.h"

static DramaParsedEntry *
read_rss_item (Walk    *walk,
               xmlNode *item)
{
  DramaRawEntry raw;
  g_autofree char *guid_link = NULL;
  g_autofree char *about = NULL;
  xmlChar *rdf_about = xmlGetNsProp (item, (const xmlChar *) "about", (const xmlChar *) NS_RDF);

  if (rdf_about != NULL)
    {
      about = g_strdup ((const char *) rdf_about);
      xmlFree (rdf_about);
    }

  _drama_raw_entry_init (&raw);
  for (xmlNode *child = item->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (_drama_xml_read_common (walk, &raw, child))
        continue;
      if (_drama_xml_ns_kind (child) == NS_ATOM)
        {
          if (_drama_xml_named (child, "link") && raw.link == NULL)
            {
              g_autofree char *rel = _drama_xml_get_attr (child, "rel");
              g_autofree char *href = _drama_xml_get_attr (child, "href");
              if (rel == NULL || g_str_equal (rel, "alternate"))
                raw.link = _drama_xml_link_of (walk, child, href);
            }
          continue;
        }
      if (_drama_xml_ns_kind (child) != NS_CORE)
        continue;

      if (_drama_xml_named (child, "title"))
        _drama_xml_take_text (walk, child, DEFAULT_GUESS,
                              &raw.title, &raw.title_html, &raw.title_rank, &raw.title_base, 0);
      else if (_drama_xml_named (child, "link") && raw.link == NULL)
        {
          g_autofree char *text = g_strstrip (_drama_xml_text_of (child));
          raw.link = _drama_xml_link_of (walk, child, text);
        }
      else if (_drama_xml_named (child, "guid") && raw.id == NULL)
        {
          g_autofree char *permalink = _drama_xml_get_attr (child, "isPermaLink");
          raw.id = g_strstrip (_drama_xml_text_of (child));
          if (permalink == NULL || g_ascii_strcasecmp (g_strstrip (permalink), "false") != 0)
            guid_link = _drama_xml_link_of (walk, child, raw.id);
        }
      else if ((_drama_xml_named (child, "description") || _drama_xml_named (child, "summary")) &&
               raw.summary_rank == 0)
        /* Both a <description> and a <summary>: feedparser makes the second the content. */
        _drama_xml_take_text (walk, child, DEFAULT_HTML, &raw.content, &raw.content_html,
                              &raw.content_rank, &raw.content_base, 3);
      else if (_drama_xml_named (child, "description") || _drama_xml_named (child, "abstract") ||
               _drama_xml_named (child, "summary"))
        _drama_xml_take_text (walk, child,
                              _drama_xml_named (child, "abstract") ? DEFAULT_GUESS : DEFAULT_HTML,
                              &raw.summary, &raw.summary_html, &raw.summary_rank, &raw.summary_base,
                              0);
      else if (_drama_xml_named (child, "fullitem"))
        _drama_xml_take_text (walk, child, DEFAULT_HTML, &raw.content, &raw.content_html,
                              &raw.content_rank, &raw.content_base, 2);
      else if (_drama_xml_named (child, "author"))
        {
          g_autofree char *text = _drama_xml_text_of (child);
          _drama_xml_set_author (&raw, text);
        }
      else if (_drama_xml_named (child, "pubDate"))
        _drama_xml_set_date (&raw.published, child);
      else if (_drama_xml_named (child, "enclosure"))
        _drama_xml_read_enclosure (walk, &raw, child, "url");
    }

  if (raw.link == NULL && guid_link != NULL)
    raw.link = g_steal_pointer (&guid_link);
  if (raw.id == NULL && about != NULL && about[0] != '\0')
    raw.id = g_steal_pointer (&about);

  if (walk->kind == KIND_CDF)
    {
      g_autofree char *href = _drama_xml_get_attr (item, "href");
      g_autofree char *lastmod = _drama_xml_get_attr (item, "lastmod");
      gint64 when = 0;

      if (raw.link == NULL)
        raw.link = _drama_xml_link_of (walk, item, href);
      if (lastmod != NULL && drama_date_parse (lastmod, &when))
        raw.updated = when;
    }
  return _drama_raw_entry_finish (walk->ctx, &raw);
}

static DramaParsedEntry *
read_atom_entry (Walk    *walk,
                 xmlNode *entry)
{
  DramaRawEntry raw;
  gboolean have_author = FALSE;
  gboolean link_is_html = FALSE;

  _drama_raw_entry_init (&raw);
  for (xmlNode *child = entry->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (_drama_xml_read_common (walk, &raw, child))
        continue;
      if (_drama_xml_ns_kind (child) != NS_ATOM && _drama_xml_ns_kind (child) != NS_CORE)
        continue;

      if (_drama_xml_named (child, "title"))
        _drama_xml_take_text (walk, child, DEFAULT_TEXT, &raw.title, &raw.title_html,
                              &raw.title_rank, &raw.title_base, 0);
      else if (_drama_xml_named (child, "id") && raw.id == NULL)
        raw.id = g_strstrip (_drama_xml_text_of (child));
      else if (_drama_xml_named (child, "link"))
        {
          g_autofree char *rel = _drama_xml_get_attr (child, "rel");
          g_autofree char *href = _drama_xml_get_attr (child, "href");
          g_autofree char *type = _drama_xml_get_attr (child, "type");

          if (rel == NULL || g_ascii_strcasecmp (g_strstrip (rel), "alternate") == 0)
            {
              gboolean html = type == NULL || g_str_has_prefix (type, "text/html") ||
                              g_str_has_prefix (type, "application/xhtml");
              char *url = _drama_xml_link_of (walk, child, href);

              if (url != NULL && (raw.link == NULL || (html && !link_is_html)))
                {
                  g_free (raw.link);
                  raw.link = url;
                  link_is_html = html;
                }
              else
                g_free (url);
            }
          else if (g_ascii_strcasecmp (rel, "enclosure") == 0)
            _drama_xml_read_enclosure (walk, &raw, child, "href");
        }
      else if (_drama_xml_named (child, "summary"))
        _drama_xml_take_text (walk, child, DEFAULT_TEXT, &raw.summary, &raw.summary_html,
                              &raw.summary_rank, &raw.summary_base, 0);
      else if (_drama_xml_named (child, "content"))
        _drama_xml_take_text (walk, child, DEFAULT_TEXT, &raw.content, &raw.content_html,
                              &raw.content_rank, &raw.content_base, 0);
      else if (_drama_xml_named (child, "author") && !have_author)
        {
          g_autofree char *name = NULL;
          g_autofree char *email = NULL;

          _drama_xml_read_atom_person (walk, child, &name, &email);
          if (name != NULL || email != NULL)
            {
              g_free (raw.author);
              g_free (raw.author_email);
              raw.author = g_steal_pointer (&name);
              raw.author_email = g_steal_pointer (&email);
              have_author = TRUE;
            }
        }
      else if (_drama_xml_named (child, "published") || _drama_xml_named (child, "issued"))
        _drama_xml_set_date (&raw.published, child);
      else if (_drama_xml_named (child, "updated") || _drama_xml_named (child, "modified"))
        _drama_xml_set_date (&raw.updated, child);
      else if (_drama_xml_named (child, "created") && raw.published == 0)
        _drama_xml_set_date (&raw.published, child);
    }

  /* Atom: an entry without an author has the feed's. */
  if (raw.author == NULL && raw.author_email == NULL && walk->feed_author != NULL &&
      !(walk->ctx->flags & DRAMA_FEED_PARSE_KEEP_MARKUP))
    raw.author = g_strdup (walk->feed_author);
  return _drama_raw_entry_finish (walk->ctx, &raw);
}

/* Channel or feed level: title, link, subtitle.  Items found on the way are added. */
static void
read_channel (Walk            *walk,
              DramaParsedFeed *feed,
              xmlNode         *channel,
              int              depth)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title_base = NULL;
  g_autofree char *subtitle_base = NULL;
  gboolean title_html = FALSE, subtitle_html = FALSE;
  int title_rank = DRAMA_RANK_NONE, subtitle_rank = DRAMA_RANK_NONE;
  g_autofree char *link = NULL;
  gboolean link_is_html = FALSE;

  if (depth > 2)
    return;
  for (xmlNode *child = channel->children; child != NULL; child = child->next)
    {
      NsKind kind;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      kind = _drama_xml_ns_kind (child);

      if (walk->kind != KIND_ATOM && (_drama_xml_is_main (walk, child, "item")))
        {
          if (feed->entries->len < DRAMA_FEED_PARSER_MAX_ENTRIES)
            g_ptr_array_add (feed->entries, read_rss_item (walk, child));
          continue;
        }
      if (walk->kind == KIND_ATOM && _drama_xml_is_main (walk, child, "entry"))
        {
          if (feed->entries->len < DRAMA_FEED_PARSER_MAX_ENTRIES)
            g_ptr_array_add (feed->entries, read_atom_entry (walk, child));
          continue;
        }
      if (walk->kind != KIND_ATOM && _drama_xml_is_main (walk, child, "channel") && depth == 0)
        {
          read_channel (walk, feed, child, depth + 1);
          continue;
        }

      if (_drama_xml_is_main (walk, child, "title"))
        _drama_xml_take_text (walk, child, walk->kind == KIND_ATOM ? DEFAULT_TEXT : DEFAULT_GUESS,
                              &title, &title_html, &title_rank, &title_base, 0);
      else if (kind == NS_DC && _drama_xml_named (child, "title"))
        _drama_xml_take_text (walk, child, DEFAULT_GUESS, &title, &title_html, &title_rank,
                              &title_base, 1);
      else if (_drama_xml_is_main (walk, child, "subtitle") ||
               _drama_xml_is_main (walk, child, "tagline"))
        _drama_xml_take_text (walk, child, DEFAULT_TEXT, &subtitle, &subtitle_html, &subtitle_rank,
                              &subtitle_base, 0);
      else if (walk->kind != KIND_ATOM && _drama_xml_is_main (walk, child, "description"))
        _drama_xml_take_text (walk, child, DEFAULT_HTML, &subtitle, &subtitle_html, &subtitle_rank,
                              &subtitle_base, 0);
      else if (walk->kind == KIND_CDF && _drama_xml_is_main (walk, child, "abstract"))
        _drama_xml_take_text (walk, child, DEFAULT_GUESS, &subtitle, &subtitle_html, &subtitle_rank,
                              &subtitle_base, 0);
      else if (kind == NS_DC && _drama_xml_named (child, "description"))
        _drama_xml_take_text (walk, child, DEFAULT_HTML, &subtitle, &subtitle_html, &subtitle_rank,
                              &subtitle_base, 1);
      else if (kind == NS_ITUNES && _drama_xml_named (child, "summary"))
        _drama_xml_take_text (walk, child, DEFAULT_TEXT, &subtitle, &subtitle_html, &subtitle_rank,
                              &subtitle_base, -1);
      else if (kind == NS_ITUNES && _drama_xml_named (child, "subtitle"))
        _drama_xml_take_text (walk, child, DEFAULT_TEXT, &subtitle, &subtitle_html, &subtitle_rank,
                              &subtitle_base, 2);
      else if (walk->kind != KIND_ATOM && _drama_xml_is_main (walk, child, "link") && link == NULL)
        {
          g_autofree char *text = g_strstrip (_drama_xml_text_of (child));
          link = _drama_xml_link_of (walk, child, text);
        }
      else if (walk->kind == KIND_ATOM ? _drama_xml_is_main (walk, child, "link")
                                       : kind == NS_ATOM && _drama_xml_named (child, "link"))
        {
          g_autofree char *rel = _drama_xml_get_attr (child, "rel");
          g_autofree char *href = _drama_xml_get_attr (child, "href");
          g_autofree char *type = _drama_xml_get_attr (child, "type");

          if (rel == NULL || g_ascii_strcasecmp (g_strstrip (rel), "alternate") == 0)
            {
              gboolean html = type == NULL || g_str_has_prefix (type, "text/html") ||
                              g_str_has_prefix (type, "application/xhtml");
              char *url = _drama_xml_link_of (walk, child, href);

              if (url != NULL &&
                  (link == NULL || (walk->kind == KIND_ATOM && html && !link_is_html)))
                {
                  g_free (link);
                  link = url;
                  link_is_html = html;
                }
              else
                g_free (url);
            }
        }
      else if (walk->kind == KIND_ATOM && _drama_xml_is_main (walk, child, "author") &&
               walk->feed_author == NULL)
        {
          g_autofree char *email = NULL;
          _drama_xml_read_atom_person (walk, child, &walk->feed_author, &email);
          if (walk->feed_author == NULL)
            walk->feed_author = g_steal_pointer (&email);
        }
    }

  if (walk->kind == KIND_CDF && link == NULL)
    {
      g_autofree char *href = _drama_xml_get_attr (channel, "href");
      link = _drama_xml_link_of (walk, channel, href);
    }

  if (title != NULL && feed->title == NULL)
    feed->title = _drama_feed_plain (walk->ctx, title, title_html, title_base);
  if (subtitle != NULL && feed->subtitle == NULL)
    feed->subtitle = _drama_feed_plain (walk->ctx, subtitle, subtitle_html, subtitle_base);
  if (link != NULL && feed->link == NULL)
    feed->link = g_steal_pointer (&link);
}

static char *
rss_format (xmlNode *root)
{
  g_autofree char *version = _drama_xml_get_attr (root, "version");

  if (version != NULL && g_str_has_prefix (g_strstrip (version), "0.9"))
    return g_strdup ("rss0.9x");
  return g_strdup ("rss2.0");
}

DramaParsedFeed *
_drama_feed_parse_tree (DramaParseCtx  *ctx,
                        xmlDoc         *doc,
                        GError        **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  Walk walk = { ctx, doc, KIND_RSS, FALSE, NULL, NULL };
  DramaParsedFeed *feed;
  const char *ns_href;

  if (root == NULL)
    {
      g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED,
                   _("The document has no content."));
      return NULL;
    }

  feed = g_new0 (DramaParsedFeed, 1);
  feed->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_parsed_entry_free);
  ns_href = root->ns != NULL ? (const char *) root->ns->href : NULL;

  if (_drama_xml_named (root, "rss") && (_drama_xml_ns_kind (root) == NS_CORE))
    feed->format = rss_format (root);
  else if (_drama_xml_named (root, "RDF") && _drama_xml_ns_kind (root) == NS_RDF_NS)
    {
      gboolean rss090 = FALSE;
      for (xmlNode *child = root->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE && child->ns != NULL &&
            g_str_equal ((const char *) child->ns->href, NS_RSS090))
          rss090 = TRUE;
      feed->format = g_strdup (rss090 ? "rss0.9x" : "rss1.0");
    }
  else if (_drama_xml_named (root, "feed"))
    {
      g_autofree char *version = _drama_xml_get_attr (root, "version");

      walk.kind = KIND_ATOM;
      walk.main_ns = ns_href;
      if (g_strcmp0 (ns_href, NS_ATOM03) == 0 ||
          (g_strcmp0 (ns_href, NS_ATOM10) != 0 && version != NULL &&
           g_str_has_prefix (version, "0.")))
        feed->format = g_strdup ("atom0.3");
      else
        {
          feed->format = g_strdup ("atom1.0");
          walk.atom10 = TRUE;
        }
    }
  else if (_drama_xml_named (root, "channel") && _drama_xml_ns_kind (root) == NS_CORE)
    {
      /* Microsoft's Channel Definition Format (1997), the ancestor of RSS 0.9x. */
      walk.kind = KIND_CDF;
      feed->format = g_strdup ("rss0.9x");
    }
  else
    {
      drama_parsed_feed_free (feed);
      if (_drama_xml_named (root, "html"))
        g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NOT_A_FEED,
                     _("This address leads to a web page, not to a feed."));
      else
        {
          /* A name may be 50,000 bytes long. */
          g_autofree char *name = drama_text_make_safe ((const char *) root->name, -1,
                                                        DRAMA_FEED_MAX_QUOTE);

          g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NOT_A_FEED,
                       _("The document is XML but not a feed (it starts with <%s>)."), name);
        }
      return NULL;
    }

  read_channel (&walk, feed, root, 0);
  g_free (walk.feed_author);
  return feed;
}
