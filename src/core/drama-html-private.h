#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many HTML fragments drama-html.c has parsed in this process (all threads). For the
 * tests that hold a feed's way into the library to its budget of parses. */
guint _drama_html_get_n_parses (void);

G_END_DECLS
