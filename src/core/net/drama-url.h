#pragma once

/* URL strings as the feed parser and the HTML sanitiser read them: cleaned of what a browser
 * ignores, and resolved against the page they came in. What a URL may be used for (is it
 * safe to open, to load) is drama-html-url.c's. */

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  DRAMA_URL_CLEAN_DEFAULT       = 0,
  /* DEL (0x7f) counts as a control character: trimmed and dropped like the others. */
  DRAMA_URL_CLEAN_DROP_DEL      = 1 << 0,
  /* A space inside the URL becomes "%20" (as a browser sends it)... */
  DRAMA_URL_CLEAN_ESCAPE_SPACES = 1 << 1,
  /* ...or is dropped (a data: URL, whose base64 may be wrapped). Else it is kept. */
  DRAMA_URL_CLEAN_DROP_SPACES   = 1 << 2,
} DramaUrlCleanFlags;

/* text as a browser reads it: spaces and control characters at its ends removed, control
 * characters inside (tabs and newlines too) dropped, so that "java\tscript:" is seen as the
 * "javascript:" it would run. Never NULL; "" when nothing is left. */
char     *drama_url_clean          (const char         *text,
                                    DramaUrlCleanFlags  flags);

/* The name a message gives the server of url: its host, or url itself when it has none
 * (never NULL for a non-NULL url). */
char     *drama_url_host_name      (const char         *url);

/* TRUE for "http" and "https" in any case; FALSE for NULL. */
gboolean  drama_url_scheme_is_http (const char         *scheme);

/* ref read as a link in a page is: relaxed, %-escapes left as written, relative to base
 * (when not NULL). NULL when it is no URL, or relative with no base. */
GUri     *drama_url_parse          (GUri               *base,
                                    const char         *ref);

G_END_DECLS
