#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets up libxml2's globals, once per process. xmlInitParser () is not safe to race on first
 * use, and feeds and articles are parsed on worker threads: whatever calls libxml2's parsers
 * (drama-feed-parser.c, drama-html-tree.c) calls this first. Defined in drama-html-tree.c. */
void drama_xml_init (void);

G_END_DECLS
