#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DRAMA_OPML_ERROR (drama_opml_error_quark ())

typedef enum {
  DRAMA_OPML_ERROR_INVALID,
} DramaOpmlError;

/* One subscription read from an OPML file. title may be NULL; xml_url is always set;
 * folder is the name of the folder (outline without a feed) it sits in, NULL at the top. */
typedef struct {
  char *title;
  char *xml_url;
  char *html_url;
  char *folder;
} DramaOpmlOutline;

GQuark      drama_opml_error_quark   (void);

void        drama_opml_outline_free  (DramaOpmlOutline *outline);

/* Returns a GPtrArray of DramaOpmlOutline (with a free func), nested folders
 * flattened (each outline names the innermost one), duplicates of the same xmlUrl dropped. An OPML with no feeds is
 * an empty array, not an error. */
GPtrArray  *drama_opml_parse         (const char  *data,
                                      gsize        length,
                                      GError     **error);

/* feeds: a GPtrArray of DramaFeed. Returns a UTF-8 OPML 2.0 document. */
char       *drama_opml_write         (GPtrArray   *feeds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaOpmlOutline, drama_opml_outline_free)

G_END_DECLS
