/* drama-html-embed.c: what the sanitiser writes for <iframe>, <audio> and <video>.
 *
 * A frame or player would run or load another site's content inside the article. A video
 * from a host we know becomes a card: its thumbnail, linking to the video's page; anything
 * else becomes a plain link the browser opens. */
#define G_LOG_DOMAIN "drama-html"

#include "config.h"

#include "drama-html-private.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

static gboolean
is_video_id (const char *id,
             gboolean    digits_only)
{
  gsize len = strlen (id);

  if (len == 0 || len > 32)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    {
      if (digits_only ? !g_ascii_isdigit (*p)
                      : !(g_ascii_isalnum (*p) || *p == '_' || *p == '-'))
        return FALSE;
    }

  return TRUE;
}

/* The path segment after @prefix, or NULL. */
static char *
path_id (const char *path,
         const char *prefix)
{
  const char *start, *end;

  if (!g_str_has_prefix (path, prefix))
    return NULL;
  start = path + strlen (prefix);
  end = strchr (start, '/');
  return end != NULL ? g_strndup (start, end - start) : g_strdup (start);
}

static void
write_video_card (Writer     *w,
                  const char *watch_url,
                  const char *thumbnail_url,
                  const char *label)
{
  /* Attributes in name order and void elements as _drama_html_write_element () writes them,
   * so a second pass writes the same bytes. */
  g_string_append (w->out, "<a class=\"video-card\"");
  _drama_html_append_attr (w->out, "href", watch_url);
  g_string_append_c (w->out, '>');
  if (thumbnail_url != NULL)
    {
      g_string_append (w->out, "<img");
      _drama_html_append_attr (w->out, "alt", _("Video"));
      _drama_html_append_attr (w->out, "src", thumbnail_url);
      g_string_append (w->out, " />");
    }
  g_string_append (w->out, "<span>");
  _drama_html_append_escaped (w->out, label, FALSE);
  g_string_append (w->out, "</span></a>");
}

/* A video from a host we know becomes a thumbnail linking to the video's page; any other
 * frame becomes a plain link, since the frame itself would run the other site's code. */
void
_drama_html_write_frame (Writer  *w,
                         DramaHtmlNode *node)
{
  const char *src = _drama_html_get_attr (node, "src");
  g_autofree char *with_scheme = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  const char *path;

  if (w->open_links > 0 || w->open_elements >= DRAMA_HTML_MAX_OUTPUT_DEPTH || src == NULL)
    return;

  /* Embed codes are often protocol-relative; the video sites all serve https. */
  if (g_str_has_prefix (src, "//"))
    {
      with_scheme = g_strconcat ("https:", src, NULL);
      src = with_scheme;
    }

  url = _drama_html_resolve_url (w->base, src, URL_EMBED);
  if (url == NULL)
    return;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return;
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  path = g_uri_get_path (uri);

  if (strcmp (host, "www.youtube.com") == 0 || strcmp (host, "youtube.com") == 0 ||
      strcmp (host, "m.youtube.com") == 0 || strcmp (host, "www.youtube-nocookie.com") == 0 ||
      strcmp (host, "youtube-nocookie.com") == 0 || strcmp (host, "youtu.be") == 0)
    {
      g_autofree char *id = NULL;

      if (strcmp (host, "youtu.be") == 0)
        id = path_id (path, "/");
      else if ((id = path_id (path, "/embed/")) == NULL)
        id = path_id (path, "/v/");

      if (id != NULL && is_video_id (id, FALSE))
        {
          g_autofree char *watch = g_strdup_printf ("https://www.youtube.com/watch?v=%s", id);
          g_autofree char *thumb = g_strdup_printf ("https://i.ytimg.com/vi/%s/hqdefault.jpg", id);

          write_video_card (w, watch, thumb, _("Watch the video on YouTube"));
          return;
        }
    }
  else if (strcmp (host, "player.vimeo.com") == 0)
    {
      g_autofree char *id = path_id (path, "/video/");

      if (id != NULL && is_video_id (id, TRUE))
        {
          g_autofree char *watch = g_strdup_printf ("https://vimeo.com/%s", id);

          /* Vimeo has no thumbnail URL that can be built without asking its API. */
          write_video_card (w, watch, NULL, _("Watch the video on Vimeo"));
          return;
        }
    }
  else if (strcmp (host, "www.dailymotion.com") == 0 || strcmp (host, "dailymotion.com") == 0)
    {
      g_autofree char *id = path_id (path, "/embed/video/");

      if (id != NULL && is_video_id (id, FALSE))
        {
          g_autofree char *watch = g_strdup_printf ("https://www.dailymotion.com/video/%s", id);
          g_autofree char *thumb = NULL;

          thumb = g_strdup_printf ("https://www.dailymotion.com/thumbnail/video/%s", id);

          write_video_card (w, watch, thumb, _("Watch the video on Dailymotion"));
          return;
        }
    }

  g_string_append (w->out, "<a");
  _drama_html_append_attr (w->out, "href", url);
  g_string_append_c (w->out, '>');
  _drama_html_append_escaped (w->out, _("Open embedded content"), FALSE);
  g_string_append (w->out, "</a>");
}

/* <audio>/<video> would load and play inside the article; a link hands them to the browser. */
void
_drama_html_write_media (Writer     *w,
                         DramaHtmlNode *node,
                         const char *element)
{
  g_autofree char *url = NULL;

  if (w->open_links > 0 || w->open_elements >= DRAMA_HTML_MAX_OUTPUT_DEPTH)
    return;

  {
    const char *src = _drama_html_get_attr (node, "src");

    url = _drama_html_resolve_url (w->base, src, URL_EMBED);
  }
  /* libxml2 nests each <source> inside the one before it, so look through the whole subtree
   * (in document order, without recursion; a few hundred nodes are plenty). */
  {
    DramaHtmlNode *child = node->children;
    guint budget = 256;

    while (url == NULL && child != NULL && budget-- > 0)
      {
        if (child->type == DRAMA_HTML_NODE_ELEMENT &&
            g_ascii_strcasecmp (child->name, "source") == 0)
          {
            const char *src = _drama_html_get_attr (child, "src");

            url = _drama_html_resolve_url (w->base, src, URL_EMBED);
          }

        if (child->children != NULL)
          {
            child = child->children;
            continue;
          }
        while (child != NULL && child->next == NULL)
          {
            child = child->parent;
            if (child == node)
              child = NULL;
          }
        if (child != NULL)
          child = child->next;
      }
  }
  if (url == NULL)
    return;

  g_string_append (w->out, "<a");
  _drama_html_append_attr (w->out, "href", url);
  g_string_append_c (w->out, '>');
  _drama_html_append_escaped (w->out,
                              strcmp (element, "audio") == 0 ? _("Play the audio")
                                                             : _("Play the video"),
                              FALSE);
  g_string_append (w->out, "</a>");
}
