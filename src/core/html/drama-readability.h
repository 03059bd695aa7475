#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reader mode: the main text of a web page, without its menus, comments, related links and
 * advertisements.
 *
 * Returns the HTML of the article (an <article> holding its paragraphs, headings, lists,
 * quotes, tables and pictures with their captions; image addresses made absolute against
 * @base_url), or NULL with G_IO_ERROR_INVALID_DATA when nothing on the page reads as an
 * article (a sign-in form, a front page of headlines, an empty page). The result is not
 * safe to show: pass it through drama_html_sanitize () first.
 *
 * @html is the page as fetched, in its own encoding (a <meta charset> is honoured); pages
 * over 5 MB are read up to that size. @title, when not NULL, receives the article's title
 * (og:title, else the content's <h1>, else <title> without the site's name), or NULL. */
char *drama_readability_extract (const char  *html,
                                 gsize        len,
                                 const char  *base_url,
                                 char       **title,
                                 GError     **error);

G_END_DECLS
