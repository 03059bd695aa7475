#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many HTML fragments drama-html.c has parsed in this process (all threads). For the
 * tests that hold a feed's way into the library to its budget of parses. */
guint _drama_html_get_n_parses (void);

/* Passes after the first read the sanitiser's own output without libxml2 (drama-html.c).
 * With self-checking on, each of those readings is compared with libxml2's and a difference
 * aborts (g_error): for the tests and the fuzz target. Not thread-safe to change while
 * sanitising. */
void     _drama_html_set_self_check   (gboolean    enabled);
/* Whether libxml2 closes an open <@open> when <@new_tag> starts inside it, as the reading of
 * our own output assumes. */
gboolean _drama_html_would_auto_close (const char *open,
                                       const char *new_tag);

/* The tree drama-html.c builds for the fragment @html (its <body>), written out as test-html
 * writes libxml2's tree of the same bytes: the two must be the same. */
char    *_drama_html_dump_tree        (const char *html);

G_END_DECLS
