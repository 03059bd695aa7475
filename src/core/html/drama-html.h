#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Feed HTML is untrusted: these rebuild it from an allow-list before anything shows or
 * stores it. */

char     *drama_html_sanitize     (const char *html,
                                   const char *base_url);   /* never NULL; "" for nothing left */
char     *drama_html_to_text      (const char *html);       /* tags dropped, entities decoded,
                                                               whitespace collapsed */
char     *drama_html_first_image  (const char *html,
                                   const char *base_url);   /* absolute http(s) src of the first
                                                               <img>, or NULL */
gboolean  drama_html_is_safe_link (const char *url);        /* absolute http/https only */

/* drama_html_sanitize () that also gives, from the very parses it makes anyway (so at no
 * second parse of the article): first_image, what drama_html_first_image (html, base_url)
 * finds, and text, what drama_html_to_text () makes of the sanitised result. Both out
 * arguments are optional; *first_image may be NULL, *text never is. */
char     *drama_html_sanitize_full (const char  *html,
                                    const char  *base_url,
                                    char       **first_image,
                                    char       **text);

/* An article's plain text, for search and for naming shows: the text of its summary and of
 * its content with a blank line between, the summary left out when the content starts with
 * it (feeds often repeat it there). Either may be NULL; never returns NULL. */
char     *drama_html_join_text    (const char *summary_text,
                                   const char *content_text);
/* The same from the (sanitised) HTML of summary and content: two parses. */
char     *drama_html_article_text (const char *summary_html,
                                   const char *content_html);

G_END_DECLS
