#define G_LOG_DOMAIN "drama-matcher"

#include "config.h"

#include <string.h>

#include "drama-matcher-private.h"

/* Episode mentions ("episode 14", "S2E3", "the finale", "14회"), read from the normalised
 * text (lower case, dashes as spaces) as a list of tokens. */

typedef struct {
  guint32 start;
  guint32 end;
  gboolean word;
} Token;

/* Is the character at pos a word character? Sets *next to the position after it. */
static inline gboolean
word_char_at (const char *text,
              gsize       len,
              gsize       pos,
              gsize      *next)
{
  guchar b = (guchar) text[pos];

  if (b < 0x80)
    {
      *next = pos + 1;
      return g_ascii_isalnum (b);
    }
  *next = _drama_next_pos (text, len, pos);
  return drama_text_is_word_char (_drama_char_at (text, len, pos));
}

/* The character before pos starts where? (The normalised text is valid UTF-8.) */
static inline gsize
char_start_before (const char *text,
                   gsize       pos)
{
  do
    pos--;
  while (pos > 0 && ((guchar) text[pos] & 0xC0) == 0x80);
  return pos;
}

/* The token that starts at i (not a space): a run of word characters, or one other
 * character. */
static void
token_at (const DramaNormText *norm,
          gsize                i,
          Token               *tok)
{
  gsize j;

  tok->start = (guint32) i;
  tok->word = word_char_at (norm->text, norm->len, i, &j);
  if (tok->word)
    {
      gsize after;

      while (j < norm->len && word_char_at (norm->text, norm->len, j, &after))
        j = after;
    }
  tok->end = (guint32) j;
}

/* The token after the spaces from pos; FALSE at the end. */
static gboolean
token_after (const DramaNormText *norm,
             gsize                pos,
             Token               *tok)
{
  while (pos < norm->len && norm->text[pos] == ' ')
    pos++;
  if (pos >= norm->len)
    return FALSE;
  token_at (norm, pos, tok);
  return TRUE;
}

/* The token before the spaces before pos (a token start); FALSE at the start. Read
 * backwards, it is the token a forward read finds: word runs are maximal either way. */
static gboolean
token_before (const DramaNormText *norm,
              gsize                pos,
              Token               *tok)
{
  gsize q = pos, cs, next;

  while (q > 0 && norm->text[q - 1] == ' ')
    q--;
  if (q == 0)
    return FALSE;
  cs = char_start_before (norm->text, q);
  tok->end = (guint32) q;
  tok->word = word_char_at (norm->text, norm->len, cs, &next);
  while (tok->word && cs > 0)
    {
      gsize prev = char_start_before (norm->text, cs);

      if (!word_char_at (norm->text, norm->len, prev, &next))
        break;
      cs = prev;
    }
  tok->start = (guint32) cs;
  return TRUE;
}

/* The tokens around the word looked at, read on demand: the rules look up to three tokens
 * back and, through a list of episodes, any number ahead. Indexes are relative to it. */
typedef struct {
  const DramaNormText *norm;
  Token                word;
  Token                back[3];
  int                  n_back;     /* read so far */
  gboolean             at_start;   /* no more before */
  GArray              *ahead;      /* Token, read so far */
  gboolean             at_end;
} Window;

static void
window_set (Window      *w,
            const Token *word)
{
  w->word = *word;
  w->n_back = 0;
  w->at_start = FALSE;
  g_array_set_size (w->ahead, 0);
  w->at_end = FALSE;
}

static gboolean
window_get (Window *w,
            int     k,
            Token  *tok)
{
  if (k == 0)
    {
      *tok = w->word;
      return TRUE;
    }
  if (k < 0)
    {
      if (-k > (int) G_N_ELEMENTS (w->back))
        return FALSE;
      while (w->n_back < -k && !w->at_start)
        {
          guint32 from = w->word.start;

          /* Bounded here too, so that GCC's -Warray-bounds sees it. */
          if (w->n_back > 0 && w->n_back <= (int) G_N_ELEMENTS (w->back))
            from = w->back[w->n_back - 1].start;

          if (token_before (w->norm, from, &w->back[w->n_back]))
            w->n_back++;
          else
            w->at_start = TRUE;
        }
      if (w->n_back < -k)
        return FALSE;
      *tok = w->back[-k - 1];
      return TRUE;
    }
  while ((guint) k > w->ahead->len && !w->at_end)
    {
      Token next;
      guint32 from = w->ahead->len == 0 ? w->word.end
                                        : g_array_index (w->ahead, Token, w->ahead->len - 1).end;

      if (token_after (w->norm, from, &next))
        g_array_append_val (w->ahead, next);
      else
        w->at_end = TRUE;
    }
  if ((guint) k > w->ahead->len)
    return FALSE;
  *tok = g_array_index (w->ahead, Token, k - 1);
  return TRUE;
}

static gboolean
tok_is (Window     *w,
        int         k,
        const char *word)
{
  Token tok;
  gsize n = strlen (word);

  if (!window_get (w, k, &tok))
    return FALSE;
  return tok.end - tok.start == n && memcmp (w->norm->text + tok.start, word, n) == 0;
}

/* The value of an all-digit token 1..999, else 0. */
static int
tok_number (Window *w,
            int     k)
{
  Token tok;
  int value = 0;

  if (!window_get (w, k, &tok) || tok.end - tok.start > 3)
    return 0;
  for (guint32 i = tok.start; i < tok.end; i++)
    {
      if (!g_ascii_isdigit (w->norm->text[i]))
        return 0;
      value = value * 10 + (w->norm->text[i] - '0');
    }
  return value;
}

/* Parses digits at *p (advancing it), 1..999, else 0. */
static int
parse_number (const char **p,
              const char  *end)
{
  int value = 0, digits = 0;

  while (*p < end && g_ascii_isdigit (**p))
    {
      value = value * 10 + (**p - '0');
      digits++;
      (*p)++;
    }
  return (digits > 0 && digits <= 3) ? value : 0;
}

/* "season 2 episode 3", "season 2, episode 3": the season of the episode word at k. */
static int
season_before (Window *w,
               int     k)
{
  int j = k - 1;

  if (tok_is (w, j, ","))
    j--;
  if (tok_number (w, j) > 0 && tok_is (w, j - 1, "season"))
    return tok_number (w, j);
  return 1;
}

/* Numbers separated only by a dash in the original ("13-14"): their gap normalised to a
 * space, but the original gap is not only white space. */
static gboolean
dash_between (const char          *orig,
              const DramaNormText *norm,
              const Token         *a,
              const Token         *b)
{
  guint32 from = norm->ends[a->end - 1], to = norm->starts[b->start];

  for (guint32 i = from; i < to; i++)
    if (!g_ascii_isspace (orig[i]))
      return TRUE;
  return FALSE;
}

static const char * const ordinals[] = {
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
};

/* The number in "1st", "2nd", "3rd", "14th", or an ordinal word; else 0. */
static int
ordinal_value (Window *w,
               int     k)
{
  Token tok;
  const char *p, *end;
  int value;

  if (!window_get (w, k, &tok))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (ordinals); i++)
    if (tok_is (w, k, ordinals[i]))
      return (int) i + 1;

  p = w->norm->text + tok.start;
  end = w->norm->text + tok.end;
  value = parse_number (&p, end);
  if (value == 0 || end - p != 2)
    return 0;
  if (memcmp (p, "st", 2) == 0 || memcmp (p, "nd", 2) == 0 || memcmp (p, "rd", 2) == 0 ||
      memcmp (p, "th", 2) == 0)
    return value;
  return 0;
}

static void
add_mention (GArray           *mentions,
             guint8            part,
             guint32           pos,
             DramaMentionType  type,
             int               season,
             int               episode)
{
  DramaMention mention = { part, pos, type, season, episode };

  g_array_append_val (mentions, mention);
}

/* Korean particles that may follow "14회" or "최종회" in the same word. */
static gboolean
is_particle (const char *p,
             gsize       n)
{
  static const char * const particles[] = {
    "", "은", "는", "이", "가", "을", "를", "에", "의", "도", "와", "과", "로", "만", "에서",
    "부터", "까지", "에선", "에는", "인",
  };

  for (guint i = 0; i < G_N_ELEMENTS (particles); i++)
    if (strlen (particles[i]) == n && memcmp (p, particles[i], n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_word_prefix (const char  *p,
                 const char  *end,
                 const char  *word,
                 const char **rest)
{
  gsize n = strlen (word);

  if ((gsize) (end - p) < n || memcmp (p, word, n) != 0)
    return FALSE;
  *rest = p + n;
  return TRUE;
}

/* Korean: "14회", "14화", "14회차", "제14회", "최종회", "마지막회", with a particle or not. */
static void
korean_mention (const DramaNormText *norm,
                guint8               part_id,
                const Token         *tok,
                GArray              *mentions)
{
  const char *p = norm->text + tok->start;
  const char *end = norm->text + tok->end;
  const char *rest;
  int value;

  if ((has_word_prefix (p, end, "최종회", &rest) || has_word_prefix (p, end, "마지막회", &rest)) &&
      is_particle (rest, (gsize) (end - rest)))
    {
      add_mention (mentions, part_id, tok->start, DRAMA_MENTION_FINALE, 0, 0);
      return;
    }

  has_word_prefix (p, end, "제", &p);
  value = parse_number (&p, end);
  if (value == 0)
    return;
  if ((has_word_prefix (p, end, "회차", &rest) || has_word_prefix (p, end, "회", &rest) ||
       has_word_prefix (p, end, "화", &rest)) &&
      is_particle (rest, (gsize) (end - rest)))
    add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER, 1, value);
}

/* The mention the word tok names, if any (tok is a word token). */
static void
mention_at (const char  *orig,
            Window      *w,
            guint8       part_id,
            const Token *tok,
            GArray      *mentions)
{
  const DramaNormText *norm = w->norm;
  const char *p = norm->text + tok->start;
  const char *end = norm->text + tok->end;
  const int k = 0;
  int value;

  window_set (w, tok);

  if (tok_is (w, k, "episode") || tok_is (w, k, "episodes") ||
      tok_is (w, k, "ep") || tok_is (w, k, "eps"))
    {
      int j = k + 1, best = 0;

      if (tok_is (w, j, "."))
        j++;
      if (tok_is (w, j, "no") && tok_is (w, j + 1, "."))
        j += 2;
      if (tok_is (w, j, "#"))
        j++;
      value = tok_number (w, j);
      if (value > 0)
        {
          best = value;
          /* "13 and 14", "13, 14", "13 to 14", "13-14" */
          for (;;)
            {
              int sep = j + 1, next;
              Token a, b;

              if (tok_is (w, sep, ",") || tok_is (w, sep, "&") ||
                  tok_is (w, sep, "and") || tok_is (w, sep, "to") ||
                  tok_is (w, sep, "through") || tok_is (w, sep, "/"))
                next = sep + 1;
              else if (tok_number (w, sep) > 0 && window_get (w, j, &a) &&
                       window_get (w, sep, &b) && dash_between (orig, w->norm, &a, &b))
                next = sep;
              else
                break;
              value = tok_number (w, next);
              if (value == 0)
                break;
              best = MAX (best, value);
              j = next;
            }
          add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER,
                       season_before (w, k), best);
        }
      else if (tok_is (w, k, "episode") &&
               (value = ordinal_value (w, k - 1)) > 0)
        add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER, 1, value);
      else if (tok_is (w, k, "episode") && tok_is (w, k - 1, "final"))
        add_mention (mentions, part_id, tok->start, DRAMA_MENTION_FINALE, 0, 0);
      return;
    }

  if (tok_is (w, k, "finale"))
    {
      gboolean mid = tok_is (w, k - 1, "mid") ||
                     tok_is (w, k - 1, "midseason") ||
                     tok_is (w, k - 1, "semi") ||
                     (tok_is (w, k - 1, "season") &&
                      tok_is (w, k - 2, "mid"));

      if (!mid)
        add_mention (mentions, part_id, tok->start, DRAMA_MENTION_FINALE, 0, 0);
      return;
    }

  if (tok_is (w, k, "premiere"))
    {
      /* The noun, not the verb ("will premiere in May") or the date. */
      static const char * const verbs[] = { "will", "to", "would", "could", "can", "shall",
                                            "may", "might", "set", "and", "or" };
      gboolean verb = FALSE;

      for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
        verb = verb || tok_is (w, k - 1, verbs[v]);
      if (!verb && !tok_is (w, k + 1, "date"))
        {
          int season = 1;

          if (tok_number (w, k - 1) > 0 && tok_is (w, k - 2, "season"))
            season = tok_number (w, k - 1);
          add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER, season, 1);
        }
      return;
    }

  /* S2E3, s02e03 */
  if (*p == 's' && end - p >= 4 && g_ascii_isdigit (p[1]))
    {
      const char *q = p + 1;
      int season = parse_number (&q, end);

      if (season > 0 && q < end && *q == 'e')
        {
          q++;
          value = parse_number (&q, end);
          if (value > 0 && q == end)
            add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER, season, value);
        }
      return;
    }

  /* ep14 */
  if (end - p >= 3 && p[0] == 'e' && p[1] == 'p' && g_ascii_isdigit (p[2]))
    {
      const char *q = p + 2;

      value = parse_number (&q, end);
      if (value > 0 && q == end)
        add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER, 1, value);
      return;
    }

  /* "14 회" with a space */
  if ((value = tok_number (w, k)) > 0 &&
      (tok_is (w, k + 1, "회") || tok_is (w, k + 1, "화") ||
       tok_is (w, k + 1, "회차")))
    {
      add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER, 1, value);
      return;
    }

  if ((guchar) *p >= 0x80 || g_ascii_isdigit (*p))
    korean_mention (norm, part_id, tok, mentions);
}

struct _DramaMentionScratch {
  GArray *tokens;   /* Token, the window */
  GArray *words;    /* guint32, where the words looked at start */
};

DramaMentionScratch *
_drama_mention_scratch_new (void)
{
  DramaMentionScratch *scratch = g_new0 (DramaMentionScratch, 1);

  scratch->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  scratch->words = g_array_new (FALSE, FALSE, sizeof (guint32));
  return scratch;
}

void
_drama_mention_scratch_free (DramaMentionScratch *scratch)
{
  if (scratch == NULL)
    return;
  g_array_unref (scratch->tokens);
  g_array_unref (scratch->words);
  g_free (scratch);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

void
_drama_matcher_find_mentions (const char          *orig,
                              const DramaNormText *norm,
                              guint8               part_id,
                              const guint32       *hints,
                              guint                n_hints,
                              DramaMentionScratch *scratch,
                              GArray              *mentions)
{
  Window w = { 0 };
  GArray *words = scratch->words;

  w.norm = norm;
  w.ahead = scratch->tokens;

  /* Each rule reads a word that holds a hint, or ("14 회") the word before 회 or 화.
   * Looking at a word that names nothing costs time, never a result. */
  g_array_set_size (words, 0);
  for (guint h = 0; h < n_hints; h++)
    {
      gsize start = hints[h], next;
      Token before;

      while (start > 0)
        {
          gsize prev = char_start_before (norm->text, start);

          if (!word_char_at (norm->text, norm->len, prev, &next))
            break;
          start = prev;
        }
      g_array_append_val (words, start);
      if ((guchar) norm->text[hints[h]] >= 0x80 && token_before (norm, start, &before) &&
          before.word)
        g_array_append_val (words, before.start);
    }
  g_array_sort (words, compare_positions);

  for (guint i = 0; i < words->len; i++)
    {
      guint32 start = g_array_index (words, guint32, i);
      Token tok;

      if (i > 0 && start == g_array_index (words, guint32, i - 1))
        continue;
      token_at (norm, start, &tok);
      if (tok.word)
        mention_at (orig, &w, part_id, &tok, mentions);
    }
}
