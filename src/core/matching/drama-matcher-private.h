#pragma once

/* Shared by the matcher's files: drama-matcher.c (the rules and the public API),
 * drama-matcher-dictionary.c (shows, people and their names), drama-matcher-automaton.c
 * (finding the names in a text), drama-matcher-episodes.c (the episodes an article names)
 * and drama-matcher-diff.c (what changed between two dictionaries). */

#include <glib.h>

#include "drama-matcher.h"
#include "drama-matcher-automaton.h"
#include "drama-text.h"

G_BEGIN_DECLS

/* Part of every fingerprint: change it when the rules change (drama-matcher.c,
 * drama-matcher-episodes.c), so stored links get redone. */
#define RULES_VERSION "drama-matcher-rules-1"

/* ---- the dictionary (drama-matcher-dictionary.c) ---- */

typedef struct {
  gint64  id;
  int     final_season;
  int     final_episode;
  GArray *cast;        /* guint person indexes, filled by build */
} ShowInfo;

typedef struct {
  gint64  id;
  GArray *show_ids;    /* gint64 as added */
  GArray *shows;       /* guint show indexes, filled by build */
} PersonInfo;

typedef struct {
  guint8  kind;        /* DramaMatchKind */
  guint8  weak;        /* needs the exact spelling and a second signal (see the header) */
  guint   idx;         /* into shows or people */
  char   *exact;       /* as given: weak names are compared to the original text with it */
} Entry;

typedef struct {
  char   *norm;
  guint   len;
  GArray *entries;     /* Entry */
} Term;

/* Entries of this kind are no target: words that show an article is about TV drama. */
#define KIND_CONTEXT 2

struct _DramaMatcher
{
  GObject     parent_instance;

  GArray     *shows;        /* ShowInfo */
  GArray     *people;       /* PersonInfo */
  GHashTable *show_index;   /* gint64* id → index + 1 */
  GHashTable *person_index;
  GArray     *terms;        /* Term */
  GHashTable *term_index;   /* norm → index + 1 */
  guint       n_context_terms;
  guint64     fingerprint;

  gboolean    built;
  /* Pattern t is term t; the hints are DRAMA_MENTION_HINTS. */
  DramaAutomaton *automaton;

  /* Buffers a finished match left for the next (atomic). */
  struct _DramaMatchScratch *spare;
};

/* The empty dictionary with its context words; freeing what it holds. */
void _drama_matcher_init_dictionary  (DramaMatcher *self);
void _drama_matcher_clear_dictionary (DramaMatcher *self);
/* Who plays in what, both ways (ShowInfo.cast, PersonInfo.shows): once, when building. */
void _drama_matcher_link_cast        (DramaMatcher *self);

/* One show or person as a built matcher holds it, for comparing two dictionaries
 * (drama-matcher-diff.c). */
typedef struct {
  DramaMatchKind  kind;
  gint64          id;
  /* Its spellings, sorted, each "W\x1fNORM\x1fEXACT" with W 'w' (weak) or 's' (strong):
   * two targets with the same list match the same text the same way. */
  GPtrArray      *names;
  gboolean        has_weak;
  int             final_season;     /* shows */
  int             final_episode;
  /* Sorted ids of the other kind that corroborate its weak names: a show's cast, a
   * person's shows (those in the dictionary). */
  GArray         *related;
} DramaMatcherTarget;

/* (kind, id) → DramaMatcherTarget, all of them; the matcher must be built. The table owns
 * its keys and values. */
GHashTable *_drama_matcher_collect_targets (DramaMatcher *self);
/* The target key used by that table. */
static inline gint64
_drama_matcher_target_key (DramaMatchKind kind,
                           gint64         id)
{
  return id * 2 + (kind == DRAMA_MATCH_KIND_PERSON ? 1 : 0);
}
/* Every normalised term of the dictionary, context words included (pointers owned by the
 * matcher). */
GPtrArray  *_drama_matcher_list_terms      (DramaMatcher *self);

typedef enum {
  DRAMA_MENTION_NUMBER,   /* season, episode */
  DRAMA_MENTION_FINALE,   /* the show's final episode */
} DramaMentionType;

/* An episode named in a headline (part 0) or body (part 1), at byte pos of the normalised
 * text. */
typedef struct {
  guint8           part;
  guint32          pos;
  DramaMentionType type;
  int              season;
  int              episode;
} DramaMention;

/* What finding mentions reuses from one article to the next. */
typedef struct _DramaMentionScratch DramaMentionScratch;

DramaMentionScratch *_drama_mention_scratch_new  (void);
void                 _drama_mention_scratch_free (DramaMentionScratch *scratch);

/* Words that every episode mention holds, or ("14 회") is followed by: the automaton reports
 * where they occur, so only the words around them are read. "s" + digit is S2E3. */
#define DRAMA_MENTION_HINTS "ep", "finale", "premiere", "회", "화", \
  "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"

/* Appends to mentions (DramaMention) the episodes norm (the normalisation of orig) names.
 * hints: where in norm the DRAMA_MENTION_HINTS occur, all of them. */
void _drama_matcher_find_mentions (const char          *orig,
                                   const DramaNormText *norm,
                                   guint8               part,
                                   const guint32       *hints,
                                   guint                n_hints,
                                   DramaMentionScratch *scratch,
                                   GArray              *mentions);

/* The character before / at a byte position (0 at the ends or on invalid UTF-8), and the
 * position after the character at pos. */
static inline gunichar
_drama_char_before (const char *text,
                    gsize       pos)
{
  const char *prev;
  gunichar c;

  if (pos == 0)
    return 0;
  prev = g_utf8_find_prev_char (text, text + pos);
  if (prev == NULL)
    return 0;
  c = g_utf8_get_char_validated (prev, (gssize) (text + pos - prev));
  return (c == (gunichar) -1 || c == (gunichar) -2) ? 0 : c;
}

static inline gunichar
_drama_char_at (const char *text,
                gsize       len,
                gsize       pos)
{
  gunichar c;

  if (pos >= len)
    return 0;
  c = g_utf8_get_char_validated (text + pos, (gssize) (len - pos));
  return (c == (gunichar) -1 || c == (gunichar) -2) ? 0 : c;
}

static inline gsize
_drama_next_pos (const char *text,
                 gsize       len,
                 gsize       pos)
{
  if (pos >= len)
    return len;
  return MIN (len, pos + (gsize) g_utf8_skip[(guchar) text[pos]]);
}

G_END_DECLS
