#pragma once

/* Shared by drama-linker.c and drama-linker-targeted.c. */

#include "drama-matcher.h"
#include "drama-store.h"

G_BEGIN_DECLS

/* Relinks, with new_matcher, the articles a change of dictionary can touch: those that
 * name a name that came or went (found through the full-text index, or by reading every
 * article for a Hangul/Han/Kana name, which may sit inside a longer word), those linked to
 * a show or person the change concerns, those linked to a show whose episode rows changed
 * (episodes: DramaEpisodesDigest arrays, by show id). relinked is FALSE (and nothing done)
 * when the change cannot be worked out: relink everything then. */
gboolean _drama_linker_relink_changes (DramaStore    *store,
                                       DramaMatcher  *old_matcher,
                                       GArray        *old_episodes,
                                       DramaMatcher  *new_matcher,
                                       GArray        *new_episodes,
                                       GCancellable  *cancellable,
                                       gboolean      *relinked,
                                       GError       **error);

/* After new articles are linked (article_ids, GArray of gint64): the stage names they give
 * the cast of the shows they are tied to, kept as proposals (drama-linker-names.c). */
gboolean _drama_linker_propose_names  (DramaStore    *store,
                                       GArray        *article_ids,
                                       GError       **error);

G_END_DECLS
