/* drama-matcher-automaton.c: the Aho–Corasick automaton the matcher scans articles with
 * (drama-matcher-automaton.h), built from the patterns' normalised bytes.
 *
 * States are numbered breadth first, so the shallow ones, where a scan spends nearly all
 * its time, come first: each of the first n_dense has a full row of next states (failure
 * links resolved, one column per symbol that occurs in a pattern), so a byte costs one
 * lookup. Deeper states keep their trie edges sorted by symbol and follow failure links.
 *
 * The automaton reads symbols, one per byte: the byte, plus SYM_START on the first byte of a
 * word character that needs a word edge (not CJK, drama-matcher.h) where the character
 * before does not, and SYM_END on the last byte of one where the character after does not.
 * A pattern's ends count as edges. So a pattern matches only where its edges are word edges
 * in the text, and no hit needs a boundary test: the single letters of stage names ("L") no
 * longer stop the scan at every letter L.
 *
 * A row entry holds a shallow state as its row offset (state << row_shift), the fast case,
 * or a deep one as STEP_DEEP | state; STEP_REPORTS marks a state with something to report
 * (a pattern or a hint ends there or on its failure chain). */

#define G_LOG_DOMAIN "drama-matcher"

#include "config.h"

#include "drama-matcher-automaton.h"

#include <stdlib.h>
#include <string.h>

#include "drama-matcher-private.h"
#include "drama-text.h"

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
  gint32  out;          /* pattern ending at this state, or -1 */
  guint32 dict;         /* next state on the fail chain that reports, 0 = none */
  guint32 depth;        /* the length in bytes of what ends here */
  guint8  hint;         /* a hint ends here */
  guint8  reports;      /* out, hint or dict */
} State;

typedef struct {
  guint32 symbol;
  guint32 target;
} Edge;

struct _DramaAutomaton
{
  guint32     n_states;
  State      *states;
  Edge       *edges;
  guint32     n_dense;      /* states with a row */
  guint       row_shift;    /* log2 of a row's length */
  guint32     columns[N_SYMBOLS]; /* symbol → its column in a row */
  guint32    *dense;        /* n_dense rows */
  /* The words of ASCII letters and digits a pattern or hint can start with, by word_key ():
   * a word whose key is not here starts none, and is skipped. */
  guint64     word_keys[WORD_KEYS / 64];
};

/* ---- building ---- */

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
encode_step (const DramaAutomaton *self,
             guint32               state)
{
  guint32 reports = self->states[state].reports ? STEP_REPORTS : 0;

  if (state < self->n_dense)
    return (state << self->row_shift) | reports;
  return state | STEP_DEEP | reports;
}

static inline guint32
decode_step (const DramaAutomaton *self,
             guint32               step)
{
  if (step & STEP_DEEP)
    return step & STEP_STATE;
  return (step & ~STEP_REPORTS) >> self->row_shift;
}

/* The columns of a row, and how many states get one (the first, breadth first). */
static void
plan_rows (DramaAutomaton *self,
           GArray         *nodes,
           const guint32  *order,
           const guint32  *depth)
{
  guint32 n_columns = 1, width = 1, depth_end = 0;
  gboolean used[N_SYMBOLS] = { FALSE };

  for (guint32 v = 1; v < nodes->len; v++)
    used[g_array_index (nodes, TrieNode, v).symbol] = TRUE;
  for (guint y = 0; y < N_SYMBOLS; y++)
    self->columns[y] = used[y] ? n_columns++ : 0;   /* column 0: symbols in no pattern */
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
order_deep (DramaAutomaton *self,
            GArray         *nodes,
            guint32        *order,
            guint32        *rank)   /* breadth-first rank of each trie node */
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
build_rows (DramaAutomaton *self)
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
add_word_key (DramaAutomaton *self,
              guint32         key)
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
build_word_keys (DramaAutomaton *self)
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

DramaAutomaton *
_drama_automaton_new (const char * const       *patterns,
                      guint                     n_patterns,
                      const DramaAutomatonHint *hints,
                      guint                     n_hints)
{
  DramaAutomaton *self = g_new0 (DramaAutomaton, 1);
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

  /* The trie. */
  g_array_append_val (nodes, root);
  for (guint t = 0; t < n_patterns; t++)
    {
      guint32 state = trie_insert_text (nodes, symbols, patterns[t], strlen (patterns[t]));

      g_array_index (nodes, TrieNode, state).out = (gint32) t;
    }
  /* A hint starts a word; one in_words may go on ("episode", "s2e3"). */
  for (guint h = 0; h < n_hints; h++)
    {
      gsize len = strlen (hints[h].text);
      guint32 state = trie_insert_text (nodes, symbols, hints[h].text, len);
      guint32 *last = &g_array_index (symbols, guint32, len - 1);

      g_array_index (nodes, TrieNode, state).hint = 1;
      if (*last & SYM_END && hints[h].in_words)
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

  return self;
}

void
_drama_automaton_free (DramaAutomaton *self)
{
  if (self == NULL)
    return;
  g_free (self->states);
  g_free (self->edges);
  g_free (self->dense);
  g_free (self);
}

void
_drama_automaton_get_size (const DramaAutomaton *self,
                           guint32              *n_states,
                           guint32              *n_rows,
                           guint32              *row_length)
{
  *n_states = self->n_states;
  *n_rows = self->n_dense;
  *row_length = 1u << self->row_shift;
}

/* ---- scanning ---- */

/* The next state from a deep one (past the rows). */
static inline guint32
deep_step (const DramaAutomaton *self,
           guint32               state,
           guint32               symbol)
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

/* What ends at byte end of the text in state s and on its failure chain: hints, and hits
 * (at word edges already: see the symbols). */
static void
report (const DramaAutomaton *m,
        guint8                tag,
        GArray               *hits,
        GArray               *hint_starts,
        guint32               s,
        gsize                 end)
{
  if (m->states[s].out < 0 && !m->states[s].hint)
    s = m->states[s].dict;
  for (; s != 0; s = m->states[s].dict)
    {
      const State *os = &m->states[s];
      guint32 start = (guint32) (end - os->depth);

      if (os->hint)
        g_array_append_val (hint_starts, start);
      if (os->out >= 0)
        {
          DramaAutomatonHit hit = { (guint) os->out, tag, start, (guint32) end };

          g_array_append_val (hits, hit);
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

/* At the root, at the start of a word of ASCII letters and digits: whether no pattern or
 * hint starts with it (the letters after the first three do not matter: no pattern starts
 * inside a word). Reads no further than the end of the word, and the NUL after the text. */
static inline gboolean
skips_word (const DramaAutomaton *m,
            const guint8         *word)
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

void
_drama_automaton_scan (const DramaAutomaton *m,
                       const char           *norm_text,
                       gsize                 len,
                       guint8                tag,
                       GArray               *hits,
                       GArray               *hint_starts)
{
  const guint8 *restrict text = (const guint8 *) norm_text;   /* NUL at len */
  const guint32 *restrict dense = m->dense;
  const guint32 *restrict columns = m->columns;
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
          step = dense[row + columns[symbol_at (norm_text, len, i)]];
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
        report (m, tag, hits, hint_starts, s, i);
      /* Past the rows: a byte at a time along the trie edges. */
      while (s >= m->n_dense && i < len)
        {
          c_next = byte_class[text[i + 1]];
          symbol = ((c_prev | c_at | c_next) & 2) == 0 ?
                   ASCII_SYMBOL (text[i], c_prev, c_at, c_next) : symbol_at (norm_text, len, i);
          i++;
          c_prev = c_at;
          c_at = c_next;
          s = deep_step (m, s, symbol);
          if (m->states[s].reports)
            report (m, tag, hits, hint_starts, s, i);
        }
      row = s < m->n_dense ? s << m->row_shift : 0;
    }
}
