#pragma once

/* Shared by drama-matcher.c and drama-matcher-episodes.c. */

#include <glib.h>

#include "drama-matcher.h"
#include "drama-text.h"

G_BEGIN_DECLS

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
