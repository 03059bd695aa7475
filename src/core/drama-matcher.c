#define G_LOG_DOMAIN "drama-matcher"

#include "config.h"

#include "drama-matcher.h"

#include <string.h>

#include "drama-matcher-private.h"
#include "drama-text.h"

/* ---- the dictionary ---- */

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

/* ---- the automaton (built from the terms' normalised bytes) ----
 * States are numbered breadth first, so the shallow ones, where a scan spends nearly all
 * its time, come first: each of the first n_dense has a full row of next states (failure
 * links resolved, one column per symbol that occurs in a term), so a byte costs one
 * lookup. Deeper states keep their trie edges sorted by symbol and follow failure links.
 *
 * The automaton reads symbols, one per byte: the byte, plus SYM_START on the first byte of a
 * word character that needs a word edge (not CJK, drama-matcher.h) where the character
 * before does not, and SYM_END on the last byte of one where the character after does not.
 * A term's ends count as edges. So a term matches only where its edges are word edges in
 * the text, and no hit needs a boundary test: the single letters of stage names ("L") no
 * longer stop the scan at every letter L.
 *
 * A row entry holds a shallow state as its row offset (state << row_shift), the fast case,
 * or a deep one as STEP_DEEP | state; STEP_REPORTS marks a state with something to report
 * (a term or a hint ends there or on its failure chain). */

#define STEP_REPORTS  0x80000000u
#define STEP_DEEP     0x40000000u
#define STEP_STATE    (STEP_DEEP - 1)
#define WORD_KEYS     (1u << 16)
#define SYM_START     0x100u
#define SYM_END       0x200u
#define N_SYMBOLS     0x400u
/* Rows for the states up to this depth, within this many bytes. */
#define DENSE_DEPTH   4
#define DENSE_BYTES   (4u << 20)

typedef struct {
  guint32 edge_start;   /* its edges: edges[edge_start .. edge_end) */
  guint32 edge_end;
  guint32 fail;
  gint32  out;          /* term ending at this state, or -1 */
  guint32 dict;         /* next state on the fail chain that reports, 0 = none */
  guint32 depth;        /* the length in bytes of what ends here */
  guint8  hint;         /* an episode hint (DRAMA_MENTION_HINTS) ends here */
  guint8  reports;      /* out, hint or dict */
} State;

typedef struct {
  guint32 symbol;
  guint32 target;
} Edge;

typedef struct _Scratch Scratch;

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
  guint32     n_states;
  State      *states;
  Edge       *edges;
  guint32     n_dense;      /* states with a row */
  guint       row_shift;    /* log2 of a row's length */
  guint32     columns[N_SYMBOLS]; /* symbol → its column in a row */
  guint32    *dense;        /* n_dense rows */
  /* The words of ASCII letters and digits a term or hint can start with, by word_key(): a
   * word whose key is not here starts none, and is skipped. */
  guint64     word_keys[WORD_KEYS / 64];

  Scratch    *spare;        /* buffers a finished match left for the next (atomic) */
};

G_DEFINE_FINAL_TYPE (DramaMatcher, drama_matcher, G_TYPE_OBJECT)

/* Entries of this kind are no target: words that show an article is about TV drama. */
#define KIND_CONTEXT 2

/* A quoted one-word title counts only in an article with one of these: in K-entertainment
 * news, song titles, nicknames and catchphrases are quoted the same way. */
static const char * const context_words[] = {
  "drama", "dramas", "k drama", "kdrama", "series", "miniseries", "sitcom", "episode",
  "episodes", "finale", "premiere", "premieres", "premiered", "ratings", "viewership",
  "드라마", "시청률", "종영",
};

/* Part of every fingerprint: change it when the rules change, so stored links get redone. */
#define RULES_VERSION "drama-matcher-rules-1"

static void fingerprint_bytes (DramaMatcher   *self,
                               const void     *data,
                               gsize           n);
static void add_term          (DramaMatcher   *self,
                               DramaMatchKind  kind,
                               guint           idx,
                               const char     *raw);
static void scratch_free      (Scratch        *scratch);

void
drama_match_free (DramaMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->matched);
  g_free (match);
}

static void
show_info_clear (gpointer data)
{
  ShowInfo *info = data;

  g_clear_pointer (&info->cast, g_array_unref);
}

static void
person_info_clear (gpointer data)
{
  PersonInfo *info = data;

  g_clear_pointer (&info->show_ids, g_array_unref);
  g_clear_pointer (&info->shows, g_array_unref);
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->exact, g_free);
}

static void
term_clear (gpointer data)
{
  Term *term = data;

  g_clear_pointer (&term->norm, g_free);
  g_clear_pointer (&term->entries, g_array_unref);
}

static void
drama_matcher_finalize (GObject *object)
{
  DramaMatcher *self = DRAMA_MATCHER (object);

  g_array_unref (self->shows);
  g_array_unref (self->people);
  g_hash_table_unref (self->show_index);
  g_hash_table_unref (self->person_index);
  g_array_unref (self->terms);
  g_hash_table_unref (self->term_index);
  g_free (self->states);
  g_free (self->edges);
  g_free (self->dense);
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
  self->shows = g_array_new (FALSE, TRUE, sizeof (ShowInfo));
  g_array_set_clear_func (self->shows, show_info_clear);
  self->people = g_array_new (FALSE, TRUE, sizeof (PersonInfo));
  g_array_set_clear_func (self->people, person_info_clear);
  self->show_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->person_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (self->terms, term_clear);
  self->term_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->fingerprint = G_GUINT64_CONSTANT (14695981039346656037);
  fingerprint_bytes (self, RULES_VERSION, sizeof RULES_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (context_words); i++)
    add_term (self, (DramaMatchKind) KIND_CONTEXT, 0, context_words[i]);
  self->n_context_terms = self->terms->len;
}

DramaMatcher *
drama_matcher_new (void)
{
  return g_object_new (DRAMA_TYPE_MATCHER, NULL);
}

/* FNV-1a over everything added. */
static void
fingerprint_bytes (DramaMatcher *self,
                   const void   *data,
                   gsize         n)
{
  const guchar *p = data;

  for (gsize i = 0; i < n; i++)
    {
      self->fingerprint ^= p[i];
      self->fingerprint *= G_GUINT64_CONSTANT (1099511628211);
    }
}

static void
fingerprint_str (DramaMatcher *self,
                 const char   *s)
{
  if (s != NULL)
    fingerprint_bytes (self, s, strlen (s) + 1);
  else
    fingerprint_bytes (self, "\xff", 1);
}

static guint
lookup_index (GHashTable *table,
              gint64      id,
              GArray     *array)
{
  guint idx = GPOINTER_TO_UINT (g_hash_table_lookup (table, &id));
  gint64 *key;

  if (idx != 0)
    return idx - 1;

  g_array_set_size (array, array->len + 1);
  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_insert (table, key, GUINT_TO_POINTER (array->len));
  return array->len - 1;
}

/* Adds one spelling of a show title or person name. */
static void
add_term (DramaMatcher   *self,
          DramaMatchKind  kind,
          guint           idx,
          const char     *raw)
{
  g_autofree char *norm = NULL;
  guint n_letters = 0, n_words = 1;
  gboolean all_cjk = TRUE;
  gboolean weak;
  g_autofree char *exact = NULL;
  Term *term;
  guint term_idx;
  Entry entry = { 0 };

  if (raw == NULL || *raw == '\0')
    return;

  /* Weak names are compared byte for byte with the article: no stray spaces. */
  exact = g_strstrip (g_strdup (raw));

  norm = drama_text_normalize (raw, -1);
  for (const char *p = norm; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        n_words++;
      if (drama_text_is_word_char (c))
        {
          n_letters++;
          if (!drama_text_is_cjk (c) && !g_unichar_ismark (c))
            all_cjk = FALSE;
        }
    }
  if (n_letters == 0)
    return;   /* nothing a word boundary could frame */

  if ((guint) kind == KIND_CONTEXT)
    weak = FALSE;
  else if (all_cjk)
    weak = n_letters <= 2;
  else if (kind == DRAMA_MATCH_KIND_PERSON)
    weak = n_letters <= 3 || n_words == 1;
  else
    weak = n_words == 1;

  term_idx = GPOINTER_TO_UINT (g_hash_table_lookup (self->term_index, norm));
  if (term_idx == 0)
    {
      Term new_term = { 0 };

      new_term.norm = g_steal_pointer (&norm);
      new_term.len = strlen (new_term.norm);
      new_term.entries = g_array_new (FALSE, TRUE, sizeof (Entry));
      g_array_set_clear_func (new_term.entries, entry_clear);
      g_array_append_val (self->terms, new_term);
      term_idx = self->terms->len;
      g_hash_table_insert (self->term_index,
                           g_array_index (self->terms, Term, term_idx - 1).norm,
                           GUINT_TO_POINTER (term_idx));
    }
  term = &g_array_index (self->terms, Term, term_idx - 1);

  for (guint i = 0; i < term->entries->len; i++)
    {
      Entry *e = &g_array_index (term->entries, Entry, i);

      if (e->kind == kind && e->idx == idx && g_strcmp0 (e->exact, exact) == 0)
        return;
    }

  entry.kind = kind;
  entry.weak = weak;
  entry.idx = idx;
  entry.exact = g_steal_pointer (&exact);
  g_array_append_val (term->entries, entry);
}

void
drama_matcher_add_show (DramaMatcher       *self,
                        gint64              show_id,
                        const char         *title,
                        const char * const *other_titles,
                        int                 final_season,
                        int                 final_episode)
{
  ShowInfo *info;
  guint idx;

  g_return_if_fail (DRAMA_IS_MATCHER (self));
  g_return_if_fail (!self->built);

  idx = lookup_index (self->show_index, show_id, self->shows);
  info = &g_array_index (self->shows, ShowInfo, idx);
  info->id = show_id;
  if (final_episode > 0)
    {
      info->final_season = MAX (final_season, 1);
      info->final_episode = final_episode;
    }

  fingerprint_bytes (self, "S", 1);
  fingerprint_bytes (self, &show_id, sizeof show_id);
  fingerprint_bytes (self, &final_season, sizeof final_season);
  fingerprint_bytes (self, &final_episode, sizeof final_episode);
  fingerprint_str (self, title);
  add_term (self, DRAMA_MATCH_KIND_SHOW, idx, title);
  for (guint i = 0; other_titles != NULL && other_titles[i] != NULL; i++)
    {
      fingerprint_str (self, other_titles[i]);
      add_term (self, DRAMA_MATCH_KIND_SHOW, idx, other_titles[i]);
    }
}

void
drama_matcher_add_person (DramaMatcher       *self,
                          gint64              person_id,
                          const char         *name,
                          const char * const *aliases,
                          const gint64       *show_ids,
                          guint               n_show_ids)
{
  PersonInfo *info;
  guint idx;

  g_return_if_fail (DRAMA_IS_MATCHER (self));
  g_return_if_fail (!self->built);
  g_return_if_fail (show_ids != NULL || n_show_ids == 0);

  idx = lookup_index (self->person_index, person_id, self->people);
  info = &g_array_index (self->people, PersonInfo, idx);
  info->id = person_id;
  if (info->show_ids == NULL)
    info->show_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (n_show_ids > 0)
    g_array_append_vals (info->show_ids, show_ids, n_show_ids);

  fingerprint_bytes (self, "P", 1);
  fingerprint_bytes (self, &person_id, sizeof person_id);
  if (n_show_ids > 0)
    fingerprint_bytes (self, show_ids, n_show_ids * sizeof (gint64));
  fingerprint_str (self, name);
  add_term (self, DRAMA_MATCH_KIND_PERSON, idx, name);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    {
      fingerprint_str (self, aliases[i]);
      add_term (self, DRAMA_MATCH_KIND_PERSON, idx, aliases[i]);
    }
}

guint
drama_matcher_get_n_terms (DramaMatcher *self)
{
  g_return_val_if_fail (DRAMA_IS_MATCHER (self), 0);

  return self->terms->len - self->n_context_terms;
}

guint64
drama_matcher_get_fingerprint (DramaMatcher *self)
{
  g_return_val_if_fail (DRAMA_IS_MATCHER (self), 0);

  return self->fingerprint;
}

/* ---- what the dictionary holds, for drama-matcher-diff.c ---- */

static void
target_free (gpointer data)
{
  DramaMatcherTarget *target = data;

  g_ptr_array_unref (target->names);
  g_array_unref (target->related);
  g_free (target);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static DramaMatcherTarget *
ensure_target (GHashTable     *targets,
               DramaMatchKind  kind,
               gint64          id)
{
  gint64 key = _drama_matcher_target_key (kind, id);
  DramaMatcherTarget *target = g_hash_table_lookup (targets, &key);

  if (target == NULL)
    {
      target = g_new0 (DramaMatcherTarget, 1);
      target->kind = kind;
      target->id = id;
      target->names = g_ptr_array_new_with_free_func (g_free);
      target->related = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (targets, g_memdup2 (&key, sizeof key), target);
    }
  return target;
}

GHashTable *
_drama_matcher_collect_targets (DramaMatcher *self)
{
  GHashTable *targets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, target_free);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (DRAMA_IS_MATCHER (self), targets);
  g_return_val_if_fail (self->built, targets);

  /* Every show and person, even one without a usable name: its links must go too. */
  for (guint s = 0; s < self->shows->len; s++)
    {
      const ShowInfo *show = &g_array_index (self->shows, ShowInfo, s);
      DramaMatcherTarget *target = ensure_target (targets, DRAMA_MATCH_KIND_SHOW, show->id);

      target->final_season = show->final_season;
      target->final_episode = show->final_episode;
      for (guint k = 0; show->cast != NULL && k < show->cast->len; k++)
        g_array_append_val (target->related,
                            g_array_index (self->people, PersonInfo,
                                           g_array_index (show->cast, guint, k)).id);
    }
  for (guint p = 0; p < self->people->len; p++)
    {
      const PersonInfo *person = &g_array_index (self->people, PersonInfo, p);
      DramaMatcherTarget *target = ensure_target (targets, DRAMA_MATCH_KIND_PERSON, person->id);

      for (guint k = 0; person->shows != NULL && k < person->shows->len; k++)
        g_array_append_val (target->related,
                            g_array_index (self->shows, ShowInfo,
                                           g_array_index (person->shows, guint, k)).id);
    }

  for (guint t = self->n_context_terms; t < self->terms->len; t++)
    {
      const Term *term = &g_array_index (self->terms, Term, t);

      for (guint e = 0; e < term->entries->len; e++)
        {
          const Entry *entry = &g_array_index (term->entries, Entry, e);
          DramaMatchKind kind = entry->kind;
          gint64 id = kind == DRAMA_MATCH_KIND_SHOW ?
                      g_array_index (self->shows, ShowInfo, entry->idx).id :
                      g_array_index (self->people, PersonInfo, entry->idx).id;
          DramaMatcherTarget *target = ensure_target (targets, kind, id);

          g_ptr_array_add (target->names, g_strdup_printf ("%c\x1f%s\x1f%s",
                                                           entry->weak ? 'w' : 's',
                                                           term->norm, entry->exact));
          if (entry->weak)
            target->has_weak = TRUE;
        }
    }

  g_hash_table_iter_init (&iter, targets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DramaMatcherTarget *target = value;

      g_ptr_array_sort (target->names, compare_names);
      g_array_sort (target->related, compare_ids);
    }
  return targets;
}

GPtrArray *
_drama_matcher_list_terms (DramaMatcher *self)
{
  GPtrArray *terms = g_ptr_array_new ();

  g_return_val_if_fail (DRAMA_IS_MATCHER (self), terms);

  for (guint t = 0; t < self->terms->len; t++)
    g_ptr_array_add (terms, g_array_index (self->terms, Term, t).norm);
  return terms;
}

/* ---- building the automaton ---- */

/* A word character that needs a word edge (drama-matcher.h): not CJK. Hangul syllables,
 * the most common letters past ASCII in these articles, are decided without a look-up. */
static inline gboolean
is_edged_letter (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  if (c >= 0xAC00 && c <= 0xD7A3)
    return FALSE;
  return drama_text_is_word_char (c) && !drama_text_is_cjk (c);
}

/* The symbol of byte i of a normalised text (see the automaton above). */
static guint32
symbol_at (const char *text,
           gsize       len,
           gsize       i)
{
  const guchar *bytes = (const guchar *) text;
  guint32 symbol = bytes[i];
  gsize start = i, end;

  while (start > 0 && (bytes[start] & 0xC0) == 0x80)
    start--;
  if (!is_edged_letter (_drama_char_at (text, len, start)))
    return symbol;
  end = _drama_next_pos (text, len, start);
  if (i == start && !is_edged_letter (_drama_char_before (text, start)))
    symbol |= SYM_START;
  if (i + 1 == end && !is_edged_letter (_drama_char_at (text, len, end)))
    symbol |= SYM_END;
  return symbol;
}

typedef struct {
  guint32 first_child;   /* 0 = none (the root is never a child) */
  guint32 next_sibling;
  gint32  out;
  guint16 symbol;
  guint8  hint;
} TrieNode;

static guint32
trie_child (GArray  *nodes,
            guint32  state,
            guint32  symbol)
{
  for (guint32 c = g_array_index (nodes, TrieNode, state).first_child; c != 0;
       c = g_array_index (nodes, TrieNode, c).next_sibling)
    if (g_array_index (nodes, TrieNode, c).symbol == symbol)
      return c;
  return 0;
}

/* The state that spells the symbols, made if need be. */
static guint32
trie_insert (GArray        *nodes,
             const guint32 *symbols,
             gsize          len)
{
  guint32 state = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint32 child = trie_child (nodes, state, symbols[i]);

      if (child == 0)
        {
          TrieNode node = { 0, 0, -1, (guint16) symbols[i], 0 };

          node.next_sibling = g_array_index (nodes, TrieNode, state).first_child;
          child = nodes->len;
          g_array_append_val (nodes, node);
          g_array_index (nodes, TrieNode, state).first_child = child;
        }
      state = child;
    }
  return state;
}

/* The state that spells text (normalised), with its ends as word edges. */
static guint32
trie_insert_text (GArray     *nodes,
                  GArray     *symbols,
                  const char *text,
                  gsize       len)
{
  g_array_set_size (symbols, len);
  for (gsize i = 0; i < len; i++)
    g_array_index (symbols, guint32, i) = symbol_at (text, len, i);
  return trie_insert (nodes, (const guint32 *) (gpointer) symbols->data, len);
}

static int
compare_edge (gconstpointer a,
              gconstpointer b)
{
  const Edge *ea = a, *eb = b;

  return (int) ea->symbol - (int) eb->symbol;
}

static inline guint32
encode_step (const DramaMatcher *self,
             guint32             state)
{
  guint32 reports = self->states[state].reports ? STEP_REPORTS : 0;

  if (state < self->n_dense)
    return (state << self->row_shift) | reports;
  return state | STEP_DEEP | reports;
}

static inline guint32
decode_step (const DramaMatcher *self,
             guint32             step)
{
  if (step & STEP_DEEP)
    return step & STEP_STATE;
  return (step & ~STEP_REPORTS) >> self->row_shift;
}

/* Who plays in what, both ways, for the corroboration rules. */
static void
link_cast (DramaMatcher *self)
{
  for (guint p = 0; p < self->people->len; p++)
    {
      PersonInfo *person = &g_array_index (self->people, PersonInfo, p);

      person->shows = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint k = 0; person->show_ids != NULL && k < person->show_ids->len; k++)
        {
          gint64 show_id = g_array_index (person->show_ids, gint64, k);
          guint s = GPOINTER_TO_UINT (g_hash_table_lookup (self->show_index, &show_id));
          ShowInfo *show;

          if (s == 0)
            continue;
          show = &g_array_index (self->shows, ShowInfo, s - 1);
          s--;
          g_array_append_val (person->shows, s);
          if (show->cast == NULL)
            show->cast = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (show->cast, p);
        }
    }
}

/* The columns of a row, and how many states get one (the first, breadth first). */
static void
plan_rows (DramaMatcher  *self,
           GArray        *nodes,
           const guint32 *order,
           const guint32 *depth)
{
  guint32 n_columns = 1, width = 1, depth_end = 0;
  gboolean used[N_SYMBOLS] = { FALSE };

  for (guint32 v = 1; v < nodes->len; v++)
    used[g_array_index (nodes, TrieNode, v).symbol] = TRUE;
  for (guint y = 0; y < N_SYMBOLS; y++)
    self->columns[y] = used[y] ? n_columns++ : 0;   /* column 0: symbols in no term */
  while (width < n_columns)
    width <<= 1;
  self->row_shift = (guint) g_bit_nth_lsf (width, -1);

  while (depth_end < self->n_states && depth[order[depth_end]] <= DENSE_DEPTH)
    depth_end++;
  self->n_dense = MIN (depth_end, MAX (DENSE_BYTES / (width * sizeof (guint32)), 1));
}

/* The states past the rows, depth first after the shallow ones: a name's deep states, read
 * one after the other, then sit side by side in memory. */
static void
order_deep (DramaMatcher *self,
            GArray       *nodes,
            guint32      *order,
            guint32      *rank)   /* breadth-first rank of each trie node */
{
  g_autofree guint32 *stack = g_new (guint32, self->n_states);
  guint32 top = 0, next = self->n_dense;

  for (guint32 s = 0; s < self->n_states; s++)
    rank[order[s]] = s;
  stack[top++] = 0;
  while (top > 0)
    {
      guint32 v = stack[--top];

      if (rank[v] >= self->n_dense)
        order[next++] = v;
      for (guint32 c = g_array_index (nodes, TrieNode, v).first_child; c != 0;
           c = g_array_index (nodes, TrieNode, c).next_sibling)
        stack[top++] = c;
    }
}

/* The rows of the first n_dense states: a state's row is its failure state's (shallower,
 * so done already) with its own edges written over. */
static void
build_rows (DramaMatcher *self)
{
  guint32 width = 1u << self->row_shift;

  self->dense = g_new0 (guint32, (gsize) self->n_dense * width);
  for (guint32 u = 0; u < self->n_dense; u++)
    {
      const State *state = &self->states[u];
      guint32 *row = self->dense + ((gsize) u << self->row_shift);

      if (u != 0)
        memcpy (row, self->dense + ((gsize) state->fail << self->row_shift),
                width * sizeof (guint32));
      for (guint32 k = state->edge_start; k < state->edge_end; k++)
        row[self->columns[self->edges[k].symbol]] = encode_step (self, self->edges[k].target);
    }
}

/* What a scan knows of a word before reading it: its first three letters (fewer when it is
 * shorter, the others 0) and whether it ends there. A hash: two words may share a key. */
static inline guint32
word_key (guint32  l1,
          guint32  l2,
          guint32  l3,
          gboolean ended)
{
  return ((((l1 * 131 + l2) * 131 + l3) * 2 + (ended ? 1 : 0)) * 2654435761u) >> 16;
}

static inline void
add_word_key (DramaMatcher *self,
              guint32       key)
{
  self->word_keys[key / 64] |= G_GUINT64_CONSTANT (1) << (key % 64);
}

/* The letters of a symbol that a word of ASCII letters and digits holds: its byte, or 0. */
static inline guint32
word_letter (guint32 symbol)
{
  guint32 b = symbol & 0xff;

  return b < 0x80 && g_ascii_isalnum (b) ? b : 0;
}

/* Every key a term's or hint's first word can have, from the trie: its first three letters,
 * or fewer that end a word (SYM_END). A hint ends inside a word ("ep" of "episode"): every
 * word that starts with it counts, its key when it is longer and when it ends. */
static void
build_word_keys (DramaMatcher *self)
{
  const State *root = &self->states[0];

  for (guint32 k1 = root->edge_start; k1 < root->edge_end; k1++)
    {
      guint32 y1 = self->edges[k1].symbol, l1 = word_letter (y1);
      const State *s1 = &self->states[self->edges[k1].target];

      if (l1 == 0 || !(y1 & SYM_START))
        continue;
      if (y1 & SYM_END)
        {
          add_word_key (self, word_key (l1, 0, 0, TRUE));
          continue;
        }
      for (guint32 k2 = s1->edge_start; k2 < s1->edge_end; k2++)
        {
          guint32 y2 = self->edges[k2].symbol, l2 = word_letter (y2);
          const State *s2 = &self->states[self->edges[k2].target];

          if (l2 == 0 || (y2 & SYM_START))
            continue;
          if (y2 & SYM_END)
            {
              add_word_key (self, word_key (l1, l2, 0, TRUE));
              continue;
            }
          if (s2->hint)
            {
              /* Any word that starts with these two: mark them all. */
              for (guint32 l3 = 1; l3 < 0x80; l3++)
                if (g_ascii_isalnum (l3))
                  {
                    add_word_key (self, word_key (l1, l2, l3, TRUE));
                    add_word_key (self, word_key (l1, l2, l3, FALSE));
                  }
            }
          for (guint32 k3 = s2->edge_start; k3 < s2->edge_end; k3++)
            {
              guint32 y3 = self->edges[k3].symbol, l3 = word_letter (y3);

              if (l3 == 0 || (y3 & SYM_START))
                continue;
              add_word_key (self, word_key (l1, l2, l3, (y3 & SYM_END) != 0));
              if (self->states[self->edges[k3].target].hint)
                add_word_key (self, word_key (l1, l2, l3, TRUE));
            }
        }
    }
}

void
drama_matcher_build (DramaMatcher *self)
{
  static const char * const hints[] = { DRAMA_MENTION_HINTS };
  g_autoptr(GArray) symbols = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) nodes = g_array_new (FALSE, TRUE, sizeof (TrieNode));
  g_autofree guint32 *order = NULL;   /* breadth first: new number → trie node */
  g_autofree guint32 *number = NULL;  /* trie node → new number */
  g_autofree guint32 *fail = NULL;
  g_autofree guint32 *dict = NULL;
  g_autofree guint32 *depth = NULL;
  guint32 root_next[N_SYMBOLS];
  guint32 head = 1, tail = 1, n_edges = 0;
  TrieNode root = { 0, 0, -1, 0, 0 };

  g_return_if_fail (DRAMA_IS_MATCHER (self));
  g_return_if_fail (!self->built);

  link_cast (self);

  /* The trie. */
  g_array_append_val (nodes, root);
  for (guint t = 0; t < self->terms->len; t++)
    {
      Term *term = &g_array_index (self->terms, Term, t);
      guint32 state = trie_insert_text (nodes, symbols, term->norm, term->len);

      g_array_index (nodes, TrieNode, state).out = (gint32) t;
    }
  /* A hint starts a word; "ep" and "s2" may go on ("episode", "s2e3"). */
  for (guint h = 0; h < G_N_ELEMENTS (hints); h++)
    {
      gsize len = strlen (hints[h]);
      guint32 state = trie_insert_text (nodes, symbols, hints[h], len);
      guint32 *last = &g_array_index (symbols, guint32, len - 1);

      g_array_index (nodes, TrieNode, state).hint = 1;
      if (*last & SYM_END && (g_str_equal (hints[h], "ep") || hints[h][0] == 's'))
        {
          *last &= ~SYM_END;
          state = trie_insert (nodes, (const guint32 *) (gpointer) symbols->data, len);
          g_array_index (nodes, TrieNode, state).hint = 1;
        }
    }

  self->n_states = nodes->len;
  fail = g_new0 (guint32, self->n_states);
  dict = g_new0 (guint32, self->n_states);
  depth = g_new0 (guint32, self->n_states);
  order = g_new (guint32, self->n_states);
  number = g_new (guint32, self->n_states);

  /* Failure and output links, breadth first. */
  memset (root_next, 0, sizeof root_next);
  order[0] = 0;
  for (guint32 c = g_array_index (nodes, TrieNode, 0).first_child; c != 0;
       c = g_array_index (nodes, TrieNode, c).next_sibling)
    {
      root_next[g_array_index (nodes, TrieNode, c).symbol] = c;
      depth[c] = 1;
      order[tail++] = c;
    }
  while (head < tail)
    {
      guint32 u = order[head++];

      for (guint32 v = g_array_index (nodes, TrieNode, u).first_child; v != 0;
           v = g_array_index (nodes, TrieNode, v).next_sibling)
        {
          guint32 symbol = g_array_index (nodes, TrieNode, v).symbol;
          guint32 f = fail[u];
          guint32 target;
          const TrieNode *t;

          for (;;)
            {
              target = f == 0 ? root_next[symbol] : trie_child (nodes, f, symbol);
              if (target != 0 || f == 0)
                break;
              f = fail[f];
            }
          fail[v] = target;
          t = &g_array_index (nodes, TrieNode, target);
          dict[v] = (t->out >= 0 || t->hint) ? target : dict[target];
          depth[v] = depth[u] + 1;
          order[tail++] = v;
        }
    }
  plan_rows (self, nodes, order, depth);
  order_deep (self, nodes, order, number);
  for (guint32 s = 0; s < self->n_states; s++)
    number[order[s]] = s;

  /* Flatten, numbered as ordered: states with their edges sorted by symbol. */
  self->states = g_new0 (State, self->n_states);
  self->edges = g_new (Edge, MAX (self->n_states, 1));
  for (guint32 s = 0; s < self->n_states; s++)
    {
      const TrieNode *node = &g_array_index (nodes, TrieNode, order[s]);
      State *state = &self->states[s];

      state->fail = number[fail[order[s]]];
      state->dict = number[dict[order[s]]];
      state->out = node->out;
      state->depth = depth[order[s]];
      state->hint = node->hint;
      state->reports = node->out >= 0 || node->hint || state->dict != 0;
      state->edge_start = n_edges;
      for (guint32 c = node->first_child; c != 0; c = g_array_index (nodes, TrieNode, c).next_sibling)
        {
          self->edges[n_edges].symbol = g_array_index (nodes, TrieNode, c).symbol;
          self->edges[n_edges].target = number[c];
          n_edges++;
        }
      state->edge_end = n_edges;
      qsort (self->edges + state->edge_start, state->edge_end - state->edge_start, sizeof (Edge),
             compare_edge);
    }

  build_rows (self);
  build_word_keys (self);

  self->built = TRUE;
  g_debug ("Matcher built: %u shows, %u people, %u terms, %u states, %u with a row of %u",
           self->shows->len, self->people->len, self->terms->len, self->n_states, self->n_dense,
           1u << self->row_shift);
}

/* The next state from a deep one (past the rows). */
static inline guint32
deep_step (const DramaMatcher *self,
           guint32             state,
           guint32             symbol)
{
  while (state >= self->n_dense)
    {
      const State *st = &self->states[state];

      for (guint32 k = st->edge_start; k < st->edge_end; k++)
        {
          if (self->edges[k].symbol == symbol)
            return self->edges[k].target;
          if (self->edges[k].symbol > symbol)
            break;
        }
      state = st->fail;
    }
  return decode_step (self, self->dense[((gsize) state << self->row_shift) + self->columns[symbol]]);
}

/* ---- matching ---- */

enum { PART_HEADLINE = 0, PART_BODY = 1, N_PARTS };

typedef struct {
  const char    *orig;
  gsize          orig_len;
  DramaNormText *norm;
} Part;

typedef struct {
  guint   term;
  guint8  part;
  guint32 nstart;
  guint32 nend;
} Hit;

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
struct _Scratch {
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

/* What ends at byte end of the part in state s and on its failure chain: hints, and hits
 * (at word edges already: see the symbols). */
static void
report (MatchState *st,
        guint8      part_id,
        guint32     s,
        gsize       end)
{
  const DramaMatcher *m = st->matcher;

  if (m->states[s].out < 0 && !m->states[s].hint)
    s = m->states[s].dict;
  for (; s != 0; s = m->states[s].dict)
    {
      const State *os = &m->states[s];
      guint32 start = (guint32) (end - os->depth);

      if (os->hint)
        g_array_append_val (st->scratch->hints[part_id], start);
      if (os->out >= 0)
        {
          Hit hit = { (guint) os->out, part_id, start, (guint32) end };

          g_array_append_val (st->hits, hit);
        }
    }
}

/* Per byte: 1 for an ASCII letter or digit (a word character that needs an edge), 0 for
 * the rest of ASCII, 2 past ASCII (decided by symbol_at). */
#define L1(c) [c] = 1
static const guint8 byte_class[256] = {
  L1 ('0'), L1 ('1'), L1 ('2'), L1 ('3'), L1 ('4'), L1 ('5'), L1 ('6'), L1 ('7'), L1 ('8'),
  L1 ('9'),
  L1 ('a'), L1 ('b'), L1 ('c'), L1 ('d'), L1 ('e'), L1 ('f'), L1 ('g'), L1 ('h'), L1 ('i'),
  L1 ('j'), L1 ('k'), L1 ('l'), L1 ('m'), L1 ('n'), L1 ('o'), L1 ('p'), L1 ('q'), L1 ('r'),
  L1 ('s'), L1 ('t'), L1 ('u'), L1 ('v'), L1 ('w'), L1 ('x'), L1 ('y'), L1 ('z'),
  L1 ('A'), L1 ('B'), L1 ('C'), L1 ('D'), L1 ('E'), L1 ('F'), L1 ('G'), L1 ('H'), L1 ('I'),
  L1 ('J'), L1 ('K'), L1 ('L'), L1 ('M'), L1 ('N'), L1 ('O'), L1 ('P'), L1 ('Q'), L1 ('R'),
  L1 ('S'), L1 ('T'), L1 ('U'), L1 ('V'), L1 ('W'), L1 ('X'), L1 ('Y'), L1 ('Z'),
  [0x80 ... 0xff] = 2,
};
#undef L1

/* The symbol of byte i from the classes of the bytes before, at and after it, when all
 * three are ASCII. */
#define ASCII_SYMBOL(byte, c_prev, c_at, c_next) \
  ((byte) | (((c_at) & ~(c_prev)) << 8) | (((c_at) & ~(c_next)) << 9))

/* At the root, at the start of a word of ASCII letters and digits: whether no term or hint
 * starts with it (the letters after the first three do not matter: no term starts inside
 * a word). Reads no further than the end of the word, and the NUL after the text. */
static inline gboolean
skips_word (const DramaMatcher *m,
            const guint8       *word)
{
  guint32 l2 = 0, l3 = 0, key;
  gboolean ended = TRUE;

  if (byte_class[word[1]] == 1)
    {
      l2 = word[1];
      if (byte_class[word[2]] == 1)
        {
          l3 = word[2];
          ended = byte_class[word[3]] == 0;
          if (byte_class[word[3]] == 2)
            return FALSE;   /* goes on past ASCII: no key */
        }
      else if (byte_class[word[2]] == 2)
        return FALSE;
    }
  else if (byte_class[word[1]] == 2)
    return FALSE;

  key = word_key (word[0], l2, l3, ended);
  return ((m->word_keys[key / 64] >> (key % 64)) & 1) == 0;
}

static void
find_hits (MatchState *st,
           guint8      part_id)
{
  const DramaMatcher *m = st->matcher;
  const DramaNormText *norm = st->parts[part_id].norm;
  const guint8 *restrict text = (const guint8 *) norm->text;   /* NUL at len */
  const guint32 *restrict dense = m->dense;
  const guint32 *restrict columns = m->columns;
  const gsize len = norm->len;
  gsize i = 0;
  guint32 row = 0;   /* the state's row offset; the root's is 0 */
  /* The classes of the bytes before, at and after i; the start is a word edge. */
  guint32 c_prev = 0, c_at = byte_class[text[0]];

  while (i < len)
    {
      guint32 c_next = byte_class[text[i + 1]];
      guint32 symbol, step, s;

      if (G_LIKELY (((c_prev | c_at | c_next) & 2) == 0))
        {
          step = dense[row + columns[ASCII_SYMBOL (text[i], c_prev, c_at, c_next)]];
          i++;
          c_prev = c_at;
          c_at = c_next;
          /* Nearly every byte: ASCII, a shallow state with nothing to report. */
          if (G_LIKELY (step < STEP_DEEP))
            {
              row = step;
              if (row != 0 || c_at != 1)
                continue;
              /* At the root before a letter. No term starts at a letter inside a word
               * (its symbol has no SYM_START), nor at the start of a word of three or more
               * letters whose first two start none: the rest of the word is skipped. */
              if (c_prev != 1 && !skips_word (m, text + i))
                continue;
              while (byte_class[text[i]] == 1)
                i++;
              c_prev = 1;
              c_at = byte_class[text[i]];
              continue;
            }
        }
      else
        {
          step = dense[row + columns[symbol_at (norm->text, len, i)]];
          i++;
          c_prev = c_at;
          c_at = c_next;
          if (step < STEP_DEEP)
            {
              row = step;
              continue;
            }
        }

      s = decode_step (m, step);
      if (step & STEP_REPORTS)
        report (st, part_id, s, i);
      /* Past the rows: a byte at a time along the trie edges. */
      while (s >= m->n_dense && i < len)
        {
          c_next = byte_class[text[i + 1]];
          symbol = ((c_prev | c_at | c_next) & 2) == 0 ?
                   ASCII_SYMBOL (text[i], c_prev, c_at, c_next) : symbol_at (norm->text, len, i);
          i++;
          c_prev = c_at;
          c_at = c_next;
          s = deep_step (m, s, symbol);
          if (m->states[s].reports)
            report (st, part_id, s, i);
        }
      row = s < m->n_dense ? s << m->row_shift : 0;
    }
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *ha = a, *hb = b;

  if (ha->part != hb->part)
    return (int) ha->part - (int) hb->part;
  if (ha->nstart != hb->nstart)
    return ha->nstart < hb->nstart ? -1 : 1;
  if (ha->nend != hb->nend)
    return ha->nend > hb->nend ? -1 : 1;   /* longer first */
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
      const Term *term = &g_array_index (m->terms, Term, hit->term);
      const Part *part = &st->parts[hit->part];
      guint32 ostart, oend;

      if (any[hit->part] && reach[hit->part] >= hit->nend)
        continue;   /* inside a longer hit */
      any[hit->part] = TRUE;
      reach[hit->part] = MAX (reach[hit->part], hit->nend);

      ostart = part->norm->starts[hit->nstart];
      oend = part->norm->ends[hit->nend - 1];

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
          cand.part = hit->part;
          cand.nstart = hit->nstart;
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
      find_hits (&st, p);
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
