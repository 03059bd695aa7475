#pragma once

/* A deliberately simple matcher to hold the real one (drama-matcher.h) against: it
 * normalises the text and each name by the rules drama-text.h documents, written out plainly
 * (one character with its marks at a time, GLib's NFKC and case folding), then looks for
 * every name with strstr, keeps the occurrences whose ends are word edges, and drops an
 * occurrence inside a longer one. It knows strong names only: no one-word or short names, no
 * quotes or corroboration, no episodes (season and episode stay 0). Slow on purpose: a
 * dictionary of N names costs N searches per article. */

#include <glib.h>

#include "drama-matcher.h"

G_BEGIN_DECLS

typedef struct _RefMatcher RefMatcher;

RefMatcher *ref_matcher_new   (void);
void        ref_matcher_free  (RefMatcher     *self);
void        ref_matcher_add   (RefMatcher     *self,
                               DramaMatchKind  kind,
                               gint64          id,
                               const char     *name);
/* DramaMatch list as drama_matcher_match() returns it. */
GPtrArray  *ref_matcher_match (RefMatcher     *self,
                               const char     *headline,
                               const char     *body_text);

/* The reference normalisation (exposed for the test of the real one). Returns the text;
 * starts/ends (may be NULL) get the original range of each byte, as DramaNormText has. */
char       *ref_normalize     (const char     *text,
                               GArray        **starts,
                               GArray        **ends);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefMatcher, ref_matcher_free)

G_END_DECLS
