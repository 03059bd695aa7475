#define G_LOG_DOMAIN "drama-article-page"

#include "config.h"

#include "drama-article-page.h"

#include <glib/gi18n-lib.h>

/* The reader style. Colours follow libadwaita's view colours so the page sits in the
 * window like any other view; the "dark" class on <html> switches palettes and the app
 * toggles it when the system style changes, without reloading the page. */
static const char reader_css[] =
  ":root {"
  "  color-scheme: light dark;"
  "  --bg: #ffffff; --fg: #1e1e1e; --dim: rgba(0,0,0,0.55); --accent: #1c71d8;"
  "  --rule: rgba(0,0,0,0.12); --code-bg: rgba(0,0,0,0.06);"
  "}"
  ":root.dark {"
  "  --bg: #1e1e1e; --fg: #ffffff; --dim: rgba(255,255,255,0.6); --accent: #78aeed;"
  "  --rule: rgba(255,255,255,0.15); --code-bg: rgba(255,255,255,0.08);"
  "}"
  "html { background: var(--bg); color: var(--fg); }"
  "body {"
  "  margin: 0 auto; padding: 28px 24px 48px; max-width: 70ch;"
  "  font-family: system-ui, -webkit-system-font, 'Cantarell', sans-serif;"
  "  font-size: 1.05rem; line-height: 1.6; overflow-wrap: break-word;"
  "}"
  "header { margin-bottom: 1.5em; }"
  ".source { color: var(--accent); font-size: 0.8rem; font-weight: 700;"
  "  letter-spacing: 0.04em; text-transform: uppercase; margin: 0 0 0.4em; }"
  "h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 0.4em; font-weight: 700; }"
  ".byline { color: var(--dim); font-size: 0.9rem; margin: 0; }"
  ".byline span + span::before { content: ' · '; }"
  "h1 a[href], a[href].title-link { color: inherit; text-decoration: none; }"
  ".lead { margin: 1.2em 0 0; }"
  "img, video, svg { max-width: 100%; height: auto; border-radius: 8px; }"
  "figure { margin: 1.2em 0; }"
  "figcaption { color: var(--dim); font-size: 0.85rem; margin-top: 0.4em; }"
  /* Only real links look like links: the sanitiser keeps <a title> without an unsafe href. */
  "a[href] { color: var(--accent); }"
  "blockquote { margin: 1em 0; padding: 0 1em; border-left: 3px solid var(--rule);"
  "  color: var(--dim); }"
  "pre, code { font-family: monospace; background: var(--code-bg); border-radius: 6px; }"
  "pre { padding: 0.8em; overflow-x: auto; }"
  "code { padding: 0.1em 0.3em; }"
  "table { border-collapse: collapse; max-width: 100%; display: block; overflow-x: auto; }"
  "td, th { border: 1px solid var(--rule); padding: 0.3em 0.6em; }"
  "hr { border: none; border-top: 1px solid var(--rule); margin: 2em 0; }"
  "footer { margin-top: 2.5em; padding-top: 1em; border-top: 1px solid var(--rule);"
  "  font-size: 0.9rem; }"
  /* A narrow reader (a phone, or the news pane beside the list) keeps the text large
   * and the headline in proportion. */
  "@media (max-width: 480px) {"
  "  body { padding: 20px 16px 40px; font-size: 1rem; }"
  "  h1 { font-size: 1.35rem; }"
  "}"
  ".message { text-align: center; margin-top: 20vh; }"
  ".message p { color: var(--dim); }";

static gboolean
has_scheme (const char *uri,
            const char * const *schemes)
{
  g_autofree char *scheme = NULL;

  if (uri == NULL || *uri == '\0')
    return FALSE;

  scheme = g_uri_parse_scheme (uri);
  return scheme != NULL && g_strv_contains (schemes, scheme);
}

static gboolean
is_web_link (const char *uri)
{
  static const char * const web[] = { "http", "https", NULL };
  return has_scheme (uri, web);
}

static gboolean
is_image_source (const char *uri)
{
  static const char * const image[] = { "http", "https", "data", NULL };
  return has_scheme (uri, image);
}

static void
begin_document (GString    *page,
                const char *title,
                gboolean    dark)
{
  g_autofree char *escaped_title = g_markup_escape_text (title ? title : "", -1);

  g_string_append_printf (page,
                          "<!DOCTYPE html>\n<html class=\"%s\">\n<head>\n"
                          "<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"referrer\" content=\"no-referrer\">\n"
                          "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n",
                          dark ? "dark" : "light", escaped_title, reader_css);
}

char *
drama_article_page_build (const DramaArticlePageInfo *info)
{
  GString *page;
  const char *title;

  g_return_val_if_fail (info != NULL, g_strdup (""));

  page = g_string_new (NULL);

  title = (info->title && *info->title) ? info->title : _("Untitled article");
  begin_document (page, title, info->dark);

  g_string_append (page, "<article>\n<header>\n");

  if (info->feed_title && *info->feed_title)
    {
      g_autofree char *feed = g_markup_escape_text (info->feed_title, -1);
      g_string_append_printf (page, "<p class=\"source\">%s</p>\n", feed);
    }

  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);

    if (is_web_link (info->link))
      {
        g_autofree char *href = g_markup_escape_text (info->link, -1);
        g_string_append_printf (page, "<h1><a class=\"title-link\" href=\"%s\">%s</a></h1>\n",
                                href, escaped);
      }
    else
      g_string_append_printf (page, "<h1>%s</h1>\n", escaped);
  }

  if ((info->author && *info->author) || info->published > 0)
    {
      g_string_append (page, "<p class=\"byline\">");
      if (info->author && *info->author)
        {
          g_autofree char *author = g_markup_escape_text (info->author, -1);
          g_string_append_printf (page, "<span class=\"author\">%s</span>", author);
        }
      if (info->published > 0)
        {
          g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (info->published);
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (info->published);
          /* TRANSLATORS: date and time an article was published, see g_date_time_format() */
          g_autofree char *shown = local ? g_date_time_format (local, _("%-d %B %Y, %H:%M")) : NULL;
          g_autofree char *iso = utc ? g_date_time_format_iso8601 (utc) : NULL;

          if (shown != NULL && iso != NULL)
            {
              g_autofree char *escaped_shown = g_markup_escape_text (g_strstrip (shown), -1);
              g_string_append_printf (page, "<span><time datetime=\"%s\">%s</time></span>",
                                      iso, escaped_shown);
            }
        }
      g_string_append (page, "</p>\n");
    }

  if (is_image_source (info->image))
    {
      g_autofree char *src = g_markup_escape_text (info->image, -1);
      g_string_append_printf (page, "<figure class=\"lead\"><img src=\"%s\" alt=\"\"></figure>\n",
                              src);
    }

  g_string_append (page, "</header>\n<div class=\"content\">\n");
  if (info->body_html != NULL)
    g_string_append (page, info->body_html);
  g_string_append (page, "\n</div>\n");

  if (is_web_link (info->link))
    {
      g_autofree char *href = g_markup_escape_text (info->link, -1);
      g_autofree char *label = g_markup_escape_text (_("Read the full article on the web"), -1);
      g_string_append_printf (page, "<footer><a class=\"original\" href=\"%s\">%s</a></footer>\n",
                              href, label);
    }

  g_string_append (page, "</article>\n</body>\n</html>\n");

  return g_string_free (page, FALSE);
}

char *
drama_article_page_build_message (const char *heading,
                                  const char *text,
                                  gboolean    dark)
{
  GString *page = g_string_new (NULL);
  g_autofree char *escaped_heading = g_markup_escape_text (heading ? heading : "", -1);
  g_autofree char *escaped_text = g_markup_escape_text (text ? text : "", -1);

  begin_document (page, heading, dark);
  g_string_append_printf (page, "<div class=\"message\"><h1>%s</h1><p>%s</p></div>\n"
                                "</body>\n</html>\n",
                          escaped_heading, escaped_text);

  return g_string_free (page, FALSE);
}
