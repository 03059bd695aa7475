/* drama-matcher.c: which shows and people an article is about, and which episode it names.
 *
 * The dictionary (drama-matcher-dictionary.c) holds the names; the automaton
 * (drama-matcher-automaton.c) finds every term in the headline and body at word edges. What
 * a hit means is decided here: a hit inside a longer one does not count, a weak name (see
 * drama-matcher.h) counts only spelt exactly, standing alone, and with a second signal (a
 * strong hit on a show it plays in or a cast member, or quotes around a title in an article
 * about drama), and the episodes named (drama-matcher-episodes.c) go to the nearest show.
 * Change RULES_VERSION (drama-matcher-private.h) with these rules. */
#define G_LOG_DOMAIN "drama-matcher"

#include "config.h"

#include "drama-matcher.h"

#include <string.h>

#include "drama-matcher-automaton.h"
#include "drama-matcher-private.h"
#include "drama-text.h"

typedef struct _DramaMatchScratch Scratch;

G_DEFINE_FINAL_TYPE (DramaMatcher, drama_matcher, G_TYPE_OBJECT)

static void scratch_free (Scratch *scratch);

void
drama_match_free (DramaMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->matched);
  g_free (match);
}

static void
drama_matcher_finalize (GObject *object)
{
  DramaMatcher *self = DRAMA_MATCHER (object);

  _drama_matcher_clear_dictionary (self);
  _drama_automaton_free (self->automaton);
  scratch_free (self->spare);

  G_OBJECT_CLASS (drama_matcher_parent_class)->finalize (object);
}

static void
drama_matcher_class_init (DramaMatcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = drama_matcher_finalize;
}

static void
drama_matcher_init (DramaMatcher *self)
{
  _drama_matcher_init_dictionary (self);
}

DramaMatcher *
drama_matcher_new (void)
{
  return g_object_new (DRAMA_TYPE_MATCHER, NULL);
}

void
drama_matcher_build (DramaMatcher *self)
{
  static const char * const hint_words[] = { DRAMA_MENTION_HINTS };
  DramaAutomatonHint hints[G_N_ELEMENTS (hint_words)];
  g_autofree const char **patterns = NULL;
  guint32 n_states, n_rows, row_length;

  g_return_if_fail (DRAMA_IS_MATCHER (self));
  g_return_if_fail (!self->built);

  _drama_matcher_link_cast (self);

  /* Pattern t is term t. */
  patterns = g_new (const char *, MAX (self->terms->len, 1));
  for (guint t = 0; t < self->terms->len; t++)
    patterns[t] = g_array_index (self->terms, Term, t).norm;
  /* "ep" and "s2" may go on ("episode", "s2e3"). */
  for (guint h = 0; h < G_N_ELEMENTS (hint_words); h++)
    {
      hints[h].text = hint_words[h];
      hints[h].in_words = g_str_equal (hint_words[h], "ep") || hint_words[h][0] == 's';
    }
  self->automaton = _drama_automaton_new (patterns, self->terms->len,
                                          hints, G_N_ELEMENTS (hints));

  self->built = TRUE;
  _drama_automaton_get_size (self->automaton, &n_states, &n_rows, &row_length);
  g_debug ("Matcher built: %u shows, %u people, %u terms, %u states, %u with a row of %u",
           self->shows->len, self->people->len, self->terms->len, n_states, n_rows, row_length);
}

/* ---- matching ---- */

enum { PART_HEADLINE = 0, PART_BODY = 1, N_PARTS };

typedef struct {
  const char    *orig;
  gsize          orig_len;
  DramaNormText *norm;
} Part;

/* A term the automaton found: pattern is the term's index, tag the part, [start, end) its
 * bytes in the part's normalised text. */
typedef DramaAutomatonHit Hit;

typedef struct {
  guint   target;      /* index into the targets array */
  guint8  part;
  guint32 nstart;
  guint32 ostart;
  guint32 oend;
} Cand;

typedef struct {
  DramaMatchKind kind;
  guint          idx;
  gboolean       strong;
  gboolean       quoted;      /* a weak title in quotes: strong in a drama context */
  gboolean       accepted;
  int            best;        /* Cand index: first in the headline, else first in the body */
  int            season;
  int            episode;
} Target;

/* What a match reuses from the one before: its buffers grow to the largest article and
 * stay, so matching allocates nothing but its result. */
struct _DramaMatchScratch {
  DramaNormText       *norms[N_PARTS];
  GArray              *hits;       /* Hit */
  GArray              *cands;      /* Cand */
  GArray              *targets;    /* Target */
  GArray              *hints[N_PARTS];   /* guint32, where mention hints start */
  GArray              *mentions;   /* DramaMention */
  DramaMentionScratch *mention_scratch;
  guint32             *slots;      /* shows, then people: index + 1 in targets, or 0 */
};

/* A scratch that grew past this for a huge article is dropped, not kept. */
#define SCRATCH_KEEP_BYTES (1u << 20)

static Scratch *
scratch_new (const DramaMatcher *matcher)
{
  Scratch *scratch = g_new0 (Scratch, 1);

  for (guint p = 0; p < N_PARTS; p++)
    {
      scratch->norms[p] = drama_norm_text_new ("", 0);
      scratch->hints[p] = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  scratch->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  scratch->cands = g_array_new (FALSE, FALSE, sizeof (Cand));
  scratch->targets = g_array_new (FALSE, TRUE, sizeof (Target));
  scratch->mentions = g_array_new (FALSE, FALSE, sizeof (DramaMention));
  scratch->mention_scratch = _drama_mention_scratch_new ();
  scratch->slots = g_new0 (guint32, matcher->shows->len + matcher->people->len);
  return scratch;
}

static void
scratch_free (Scratch *scratch)
{
  if (scratch == NULL)
    return;
  for (guint p = 0; p < N_PARTS; p++)
    {
      drama_norm_text_free (scratch->norms[p]);
      g_array_unref (scratch->hints[p]);
    }
  g_array_unref (scratch->hits);
  g_array_unref (scratch->cands);
  g_array_unref (scratch->targets);
  g_array_unref (scratch->mentions);
  _drama_mention_scratch_free (scratch->mention_scratch);
  g_free (scratch->slots);
  g_free (scratch);
}

typedef struct {
  const DramaMatcher *matcher;
  Part                parts[N_PARTS];
  Scratch            *scratch;
  GArray             *hits;      /* Hit */
  GArray             *cands;     /* Cand */
  GArray             *targets;   /* Target */
  gboolean            has_context;   /* a context word occurs */
} MatchState;

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *ha = a, *hb = b;

  if (ha->tag != hb->tag)
    return (int) ha->tag - (int) hb->tag;
  if (ha->start != hb->start)
    return ha->start < hb->start ? -1 : 1;
  if (ha->end != hb->end)
    return ha->end > hb->end ? -1 : 1;   /* longer first */
  return 0;
}

/* The scan finds hits in the order they end, so they are nearly in order of start already:
 * an insertion sort takes about one comparison each. */
static void
sort_hits (GArray *hits)
{
  Hit *h = (Hit *) (gpointer) hits->data;

  for (guint i = 1; i < hits->len; i++)
    {
      Hit hit = h[i];
      guint j = i;

      for (; j > 0 && compare_hits (&h[j - 1], &hit) > 0; j--)
        h[j] = h[j - 1];
      h[j] = hit;
    }
}

static gboolean
is_joiner (gunichar c)
{
  return c == '.' || c == '-' || c == 0x2010 || c == 0x2011 || c == '&' || c == '/' ||
         c == '_' || c == '@' || c == '+';
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

/* The original text around a weak name: part of an abbreviation or a compound word? */
static gboolean
is_standalone_word (const char *text,
                    gsize       len,
                    gsize       start,
                    gsize       end)
{
  gunichar before = _drama_char_before (text, start);
  gunichar after = _drama_char_at (text, len, end);

  if (before != 0)
    {
      if (drama_text_is_word_char (before) && !drama_text_is_cjk (before))
        return FALSE;
      if (is_joiner (before) || is_apostrophe (before))
        {
          const char *prev = g_utf8_find_prev_char (text, text + start);
          gunichar before2 = prev != NULL ? _drama_char_before (text, (gsize) (prev - text)) : 0;

          if (before2 != 0 && drama_text_is_word_char (before2))
            return FALSE;   /* "U.L", "D'L" */
        }
    }

  if (after != 0)
    {
      gsize p1 = _drama_next_pos (text, len, end);
      gunichar after2 = _drama_char_at (text, len, p1);

      if (drama_text_is_word_char (after) && !drama_text_is_cjk (after))
        return FALSE;
      if (is_joiner (after) && after2 != 0 && drama_text_is_word_char (after2))
        return FALSE;   /* "L.A.", "L-shaped" */
      if (is_apostrophe (after) && after2 != 0 && drama_text_is_word_char (after2))
        {
          /* "L's" is the name; "L'Oréal" is another word. */
          gunichar after3 = _drama_char_at (text, len, _drama_next_pos (text, len, p1));

          if ((after2 != 's' && after2 != 'S') || drama_text_is_word_char (after3))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
is_open_quote (gunichar c)
{
  return c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == 0x201E || c == 0x201A ||
         c == 0x00AB || c == 0x2039 || c == 0x300C || c == 0x300E || c == '<' ||
         c == 0x3008 || c == 0x300A || c == 0xFF1C || c == 0x201D || c == 0x2019;
}

static gboolean
is_close_quote (gunichar c)
{
  return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0x201C || c == 0x2018 ||
         c == 0x00BB || c == 0x203A || c == 0x300D || c == 0x300F || c == '>' ||
         c == 0x3009 || c == 0x300B || c == 0xFF1E;
}

/* “Love”, 'Love', «Love», <Love>, 「Love」, and “Love,” (punctuation inside the quotes). */
static gboolean
is_quoted (const char *text,
           gsize       len,
           gsize       start,
           gsize       end)
{
  gunichar c;
  gsize p = end;

  if (!is_open_quote (_drama_char_before (text, start)))
    return FALSE;

  c = _drama_char_at (text, len, p);
  while (c == ',' || c == '.' || c == '!' || c == '?' || c == ':' || c == ';')
    {
      p = _drama_next_pos (text, len, p);
      c = _drama_char_at (text, len, p);
    }
  if (!is_close_quote (c))
    return FALSE;
  /* ’s after the title is a possessive, not a closing quote. */
  return !drama_text_is_word_char (_drama_char_at (text, len, _drama_next_pos (text, len, p)));
}

/* The target's slot in the scratch: shows first, then people. */
static inline guint32 *
target_slot (MatchState     *st,
             DramaMatchKind  kind,
             guint           idx)
{
  return &st->scratch->slots[kind == DRAMA_MATCH_KIND_SHOW ? idx : st->matcher->shows->len + idx];
}

static guint
target_for (MatchState     *st,
            DramaMatchKind  kind,
            guint           idx)
{
  guint32 *slot = target_slot (st, kind, idx);
  Target target = { 0 };

  if (*slot != 0)
    return *slot - 1;

  target.kind = kind;
  target.idx = idx;
  target.best = -1;
  g_array_append_val (st->targets, target);
  *slot = st->targets->len;
  return st->targets->len - 1;
}

static Target *
find_target (MatchState     *st,
             DramaMatchKind  kind,
             guint           idx)
{
  guint32 t = *target_slot (st, kind, idx);

  return t != 0 ? &g_array_index (st->targets, Target, t - 1) : NULL;
}

/* Turns hits into candidates: drops hits inside longer ones, applies the spelling rules of
 * weak entries. */
static void
collect_candidates (MatchState *st)
{
  const DramaMatcher *m = st->matcher;
  guint32 reach[N_PARTS] = { 0, 0 };   /* furthest hit end seen so far, per part */
  gboolean any[N_PARTS] = { FALSE, FALSE };

  sort_hits (st->hits);

  for (guint h = 0; h < st->hits->len; h++)
    {
      const Hit *hit = &g_array_index (st->hits, Hit, h);
      const Term *term = &g_array_index (m->terms, Term, hit->pattern);
      const Part *part = &st->parts[hit->tag];
      guint32 ostart, oend;

      if (any[hit->tag] && reach[hit->tag] >= hit->end)
        continue;   /* inside a longer hit */
      any[hit->tag] = TRUE;
      reach[hit->tag] = MAX (reach[hit->tag], hit->end);

      ostart = part->norm->starts[hit->start];
      oend = part->norm->ends[hit->end - 1];

      for (guint e = 0; e < term->entries->len; e++)
        {
          const Entry *entry = &g_array_index (term->entries, Entry, e);
          gboolean strong = !entry->weak, quoted = FALSE;
          Target *target;
          Cand cand;

          if (entry->kind == KIND_CONTEXT)
            {
              st->has_context = TRUE;
              continue;
            }

          if (entry->weak)
            {
              gsize n = strlen (entry->exact);

              if (oend - ostart != n || memcmp (part->orig + ostart, entry->exact, n) != 0)
                continue;
              if (entry->kind == DRAMA_MATCH_KIND_PERSON &&
                  !is_standalone_word (part->orig, part->orig_len, ostart, oend))
                continue;
              if (entry->kind == DRAMA_MATCH_KIND_SHOW &&
                  is_quoted (part->orig, part->orig_len, ostart, oend))
                quoted = TRUE;
            }

          cand.target = target_for (st, entry->kind, entry->idx);
          cand.part = hit->tag;
          cand.nstart = hit->start;
          cand.ostart = ostart;
          cand.oend = oend;
          g_array_append_val (st->cands, cand);

          target = &g_array_index (st->targets, Target, cand.target);
          if (strong)
            target->strong = TRUE;
          if (quoted)
            target->quoted = TRUE;
          /* Hits come sorted by part then position: the first is the best. */
          if (target->best < 0)
            target->best = (int) st->cands->len - 1;
        }
    }
}

static void
resolve_targets (MatchState *st)
{
  const DramaMatcher *m = st->matcher;

  /* Quotes around a one-word title are the second signal when the article is about
   * drama at all. */
  for (guint t = 0; t < st->targets->len && st->has_context; t++)
    {
      Target *target = &g_array_index (st->targets, Target, t);

      if (target->quoted)
        target->strong = TRUE;
    }

  for (guint t = 0; t < st->targets->len; t++)
    {
      Target *target = &g_array_index (st->targets, Target, t);
      GArray *others;

      if (target->strong)
        {
          target->accepted = TRUE;
          continue;
        }

      /* Only strong targets corroborate, so two weak hits never vouch for each other. */
      if (target->kind == DRAMA_MATCH_KIND_PERSON)
        others = g_array_index (m->people, PersonInfo, target->idx).shows;
      else
        others = g_array_index (m->shows, ShowInfo, target->idx).cast;

      for (guint k = 0; others != NULL && k < others->len; k++)
        {
          Target *other = find_target (st,
                                       target->kind == DRAMA_MATCH_KIND_PERSON ?
                                       DRAMA_MATCH_KIND_SHOW : DRAMA_MATCH_KIND_PERSON,
                                       g_array_index (others, guint, k));

          if (other != NULL && other->strong)
            {
              target->accepted = TRUE;
              break;
            }
        }
    }
}

#define MAX_MENTIONS 64

/* Gives each episode mention to the nearest accepted show mention in the same part (or the
 * first accepted show when its part names none) and keeps the latest episode per show. */
static void
assign_mentions (MatchState *st,
                 GArray     *mentions)
{
  const DramaMatcher *m = st->matcher;
  int first_show = -1;

  for (guint c = 0; c < st->cands->len && first_show < 0; c++)
    {
      const Cand *cand = &g_array_index (st->cands, Cand, c);
      const Target *target = &g_array_index (st->targets, Target, cand->target);

      if (target->kind == DRAMA_MATCH_KIND_SHOW && target->accepted)
        first_show = (int) cand->target;
    }
  if (first_show < 0)
    return;

  /* A list of hundreds of episodes is no spoiler of one; the cap also bounds the work on a
   * hostile article (each mention looks at every show mention). */
  for (guint i = 0; i < MIN (mentions->len, MAX_MENTIONS); i++)
    {
      const DramaMention *mention = &g_array_index (mentions, DramaMention, i);
      int chosen = first_show;
      guint32 best_distance = G_MAXUINT32;
      Target *target;
      const ShowInfo *show;
      int season = mention->season, episode = mention->episode;

      for (guint c = 0; c < st->cands->len; c++)
        {
          const Cand *cand = &g_array_index (st->cands, Cand, c);
          const Target *t = &g_array_index (st->targets, Target, cand->target);
          guint32 distance;

          if (t->kind != DRAMA_MATCH_KIND_SHOW || !t->accepted || cand->part != mention->part)
            continue;
          distance = cand->nstart > mention->pos ? cand->nstart - mention->pos
                                                 : mention->pos - cand->nstart;
          if (distance < best_distance)
            {
              best_distance = distance;
              chosen = (int) cand->target;
            }
        }

      target = &g_array_index (st->targets, Target, chosen);
      show = &g_array_index (m->shows, ShowInfo, target->idx);
      if (mention->type == DRAMA_MENTION_FINALE)
        {
          if (show->final_episode <= 0)
            continue;
          season = show->final_season;
          episode = show->final_episode;
        }
      if (season > target->season || (season == target->season && episode > target->episode))
        {
          target->season = season;
          target->episode = episode;
        }
    }
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const DramaMatch *ma = *(DramaMatch * const *) a;
  const DramaMatch *mb = *(DramaMatch * const *) b;

  if (ma->place != mb->place)
    return ma->place == DRAMA_MATCH_PLACE_HEADLINE ? -1 : 1;
  if (ma->offset != mb->offset)
    return ma->offset < mb->offset ? -1 : 1;
  return (int) ma->kind - (int) mb->kind;
}

GPtrArray *
drama_matcher_match (DramaMatcher *self,
                     const char   *headline,
                     const char   *body_text)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_match_free);
  MatchState st = { 0 };
  const char *texts[N_PARTS] = { headline, body_text };
  gboolean any_show = FALSE;
  Scratch *scratch;

  g_return_val_if_fail (DRAMA_IS_MATCHER (self), result);
  g_return_val_if_fail (self->built, result);

  if (self->terms->len == 0)
    return result;

  /* A built matcher is shared by threads: each match takes the spare scratch, or makes
   * one when another thread holds it. */
  scratch = g_atomic_pointer_exchange (&self->spare, NULL);
  if (scratch == NULL)
    scratch = scratch_new (self);

  st.matcher = self;
  st.scratch = scratch;
  st.hits = scratch->hits;
  st.cands = scratch->cands;
  st.targets = scratch->targets;
  g_array_set_size (st.hits, 0);
  g_array_set_size (st.cands, 0);
  g_array_set_size (st.targets, 0);

  for (guint8 p = 0; p < N_PARTS; p++)
    {
      st.parts[p].orig = texts[p] != NULL ? texts[p] : "";
      st.parts[p].norm = scratch->norms[p];
      drama_norm_text_set (st.parts[p].norm, st.parts[p].orig, -1);
      st.parts[p].orig_len = st.parts[p].norm->starts[st.parts[p].norm->len];
      g_array_set_size (scratch->hints[p], 0);
      _drama_automaton_scan (self->automaton, st.parts[p].norm->text, st.parts[p].norm->len, p,
                             st.hits, scratch->hints[p]);
    }

  if (st.hits->len > 0)
    {
      collect_candidates (&st);
      resolve_targets (&st);
    }

  for (guint t = 0; t < st.targets->len; t++)
    {
      const Target *target = &g_array_index (st.targets, Target, t);

      if (target->accepted && target->kind == DRAMA_MATCH_KIND_SHOW)
        any_show = TRUE;
    }

  if (any_show)
    {
      GArray *mentions = scratch->mentions;

      g_array_set_size (mentions, 0);
      for (guint8 p = 0; p < N_PARTS; p++)
        _drama_matcher_find_mentions (st.parts[p].orig, st.parts[p].norm, p,
                                      (const guint32 *) (gpointer) scratch->hints[p]->data,
                                      scratch->hints[p]->len, scratch->mention_scratch, mentions);
      assign_mentions (&st, mentions);
    }

  for (guint t = 0; t < st.targets->len; t++)
    {
      const Target *target = &g_array_index (st.targets, Target, t);
      const Cand *cand;
      DramaMatch *match;

      *target_slot (&st, target->kind, target->idx) = 0;
      if (!target->accepted)
        continue;

      cand = &g_array_index (st.cands, Cand, target->best);
      match = g_new0 (DramaMatch, 1);
      match->kind = target->kind;
      match->target_id = target->kind == DRAMA_MATCH_KIND_SHOW ?
                         g_array_index (self->shows, ShowInfo, target->idx).id :
                         g_array_index (self->people, PersonInfo, target->idx).id;
      match->place = cand->part == PART_HEADLINE ? DRAMA_MATCH_PLACE_HEADLINE
                                                 : DRAMA_MATCH_PLACE_BODY;
      match->offset = cand->ostart;
      match->length = cand->oend - cand->ostart;
      match->matched = g_strndup (st.parts[cand->part].orig + cand->ostart, match->length);
      match->season = target->episode > 0 ? target->season : 0;
      match->episode = target->episode;
      g_ptr_array_add (result, match);
    }
  g_ptr_array_sort (result, compare_matches);

  if (scratch->norms[PART_HEADLINE]->cap + scratch->norms[PART_BODY]->cap > SCRATCH_KEEP_BYTES ||
      !g_atomic_pointer_compare_and_exchange (&self->spare, NULL, scratch))
    scratch_free (scratch);

  return result;
}
