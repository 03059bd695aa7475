#pragma once

#include <glib-object.h>

#include "drama-types.h"

G_BEGIN_DECLS

/* What a match points at. Stored indirectly (article_links.show_id / person_id). */
typedef enum {
  DRAMA_MATCH_KIND_SHOW = 0,
  DRAMA_MATCH_KIND_PERSON = 1,
} DramaMatchKind;

/* One show or person an article names. At most one DramaMatch per (kind, target_id). */
typedef struct {
  DramaMatchKind  kind;
  gint64          target_id;
  char           *matched;   /* the words as written in the article (first hit at place) */
  DramaMatchPlace place;     /* HEADLINE when named in the headline, else BODY */
  gsize           offset;    /* byte offset of matched in the headline or body (by place) */
  gsize           length;    /* its length in bytes */
  int             season;    /* shows only: the episode the article names, 0 = none */
  int             episode;
} DramaMatch;

void drama_match_free (DramaMatch *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaMatch, drama_match_free)

#define DRAMA_TYPE_MATCHER (drama_matcher_get_type ())

/* Finds the shows and people of the watchlist in articles.
 *
 * Fill it with drama_matcher_add_show() / drama_matcher_add_person(), compile it with
 * drama_matcher_build(), then call drama_matcher_match() (from any number of threads at
 * once: a built matcher is read-only). Every article is read once, whatever the size of the
 * dictionary: one Aho–Corasick automaton over the normalised text (drama-text.h).
 *
 * Rules (the README repeats them for users):
 *  - Names and titles match as whole words, after normalisation (case, accents' forms,
 *    typographic quotes, dashes ≡ spaces). A name written in Han/Hangul/Kana also matches
 *    inside a longer run of such letters (those scripts put no spaces between a name and
 *    the particle after it); an edge of a Latin name next to a CJK letter is a word edge.
 *  - Weak person names — 1–3 letters (stage names: L, IU, V), a single word (Jisoo), or
 *    1–2 CJK characters — must be written exactly as given (case-sensitive), must not be
 *    part of an abbreviation or compound in the original text ("L.A.", "L-shaped", "U.L"),
 *    and count only when the same article also names the person's full (multi-word) name or
 *    one of the person's shows.
 *  - Weak show titles — a single word ("Love", "Signal") or 1–2 CJK characters — must be
 *    written exactly as the title (case-sensitive) and need a second signal: the article
 *    also names one of the show's cast by a strong name (multi-word / 3+ CJK characters),
 *    or the title is in quotes (“Love”, 'Love', «Love», <Love>, 「Love」) in an article that
 *    is about TV drama at all (one of: drama, series, episode, finale, premiere, ratings,
 *    viewership, sitcom, 드라마, 시청률, 종영 …) — entertainment news quotes song titles and
 *    nicknames the same way ("a “Legend” appears").
 *  - A hit inside a longer hit is dropped ("Love" inside "Angel's Last Mission: Love").
 *  - Episodes: see drama_matcher_match(). */
G_DECLARE_FINAL_TYPE (DramaMatcher, drama_matcher, DRAMA, MATCHER, GObject)

DramaMatcher *drama_matcher_new        (void);

/* title: the show's name; other_titles (NULL-terminated, may be NULL): original title,
 * TVmaze akas, user aliases. final_season/final_episode: the show's last episode (what "the
 * finale" names); 0 = unknown. Adding the same show_id again adds more titles. */
void          drama_matcher_add_show   (DramaMatcher        *self,
                                        gint64               show_id,
                                        const char          *title,
                                        const char * const  *other_titles,
                                        int                  final_season,
                                        int                  final_episode);

/* name: the person's full name; aliases: user-added (may be NULL). show_ids: the shows the
 * person is credited in (their titles corroborate weak names, and the person's strong name
 * corroborates those shows' weak titles). */
void          drama_matcher_add_person (DramaMatcher        *self,
                                        gint64               person_id,
                                        const char          *name,
                                        const char * const  *aliases,
                                        const gint64        *show_ids,
                                        guint                n_show_ids);

/* Compiles the automaton. Adding after build is a programming error. */
void          drama_matcher_build      (DramaMatcher        *self);

/* Number of distinct normalised terms in the dictionary. */
guint         drama_matcher_get_n_terms (DramaMatcher       *self);

/* A digest of everything added: two matchers with the same fingerprint link the same way
 * (lets the linker skip relinking when a change did not touch names, titles or finales). */
guint64       drama_matcher_get_fingerprint (DramaMatcher   *self);

/* What relinking needs when the dictionary goes from old_matcher to new_matcher (both
 * built): relinking the articles this names with new_matcher gives every article the links
 * a relink of the whole library would, the others keep theirs.
 *  - names: normalised names and titles (drama-text.h) that came or went: the articles that
 *    contain them. One that starts with a Han/Hangul/Kana letter may be found inside a
 *    longer word, the others start a word.
 *  - show_ids, person_ids: the articles now linked to these shows and people (their names
 *    went, their last episode or their cast changed; or a new one-word name of theirs
 *    counts only beside them or their shows, so the articles that name it are among those).
 * All empty when the two dictionaries link alike. */
typedef struct {
  GPtrArray *names;        /* char * */
  GArray    *show_ids;     /* gint64, sorted, unique */
  GArray    *person_ids;   /* gint64, sorted, unique */
} DramaMatcherDiff;

DramaMatcherDiff *drama_matcher_diff          (DramaMatcher       *old_matcher,
                                               DramaMatcher       *new_matcher);
gboolean          drama_matcher_diff_is_empty (const DramaMatcherDiff *diff);
void              drama_matcher_diff_free     (DramaMatcherDiff   *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaMatcherDiff, drama_matcher_diff_free)

/* Returns the DramaMatch list (element free func set), headline matches first, then by
 * position. headline and body_text may be NULL.
 *
 * For each matched show, the episode the article names (season 1 unless stated):
 * "episode 14", "Ep. 14", "ep 14", "ep14", "episodes 13 and 14" / "13-14" (the last one
 * named), "season 2 episode 3", "S2E3", "the finale" / "final episode" / "최종회" (the
 * final episode given to add_show), "the premiere" / "the first episode" (1), "14회",
 * "14화". Numbers before the word ("14 episodes") or a season alone name none. When an
 * article names several episodes the latest counts; with several shows, each mention goes
 * to the nearest show mention in the same part (headline / body). */
GPtrArray    *drama_matcher_match      (DramaMatcher        *self,
                                        const char          *headline,
                                        const char          *body_text);

G_END_DECLS
