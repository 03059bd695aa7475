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

G_END_DECLS
