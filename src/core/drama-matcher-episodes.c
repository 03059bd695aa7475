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

static GArray *
tokenize (const DramaNormText *norm)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  gsize i = 0;

  while (i < norm->len)
    {
      gsize j;
      Token tok;

      if (norm->text[i] == ' ')
        {
          i++;
          continue;
        }
      tok.start = (guint32) i;
      tok.word = word_char_at (norm->text, norm->len, i, &j);
      if (tok.word)
        {
          gsize after;

          while (j < norm->len && word_char_at (norm->text, norm->len, j, &after))
            j = after;
        }
      tok.end = (guint32) j;
      g_array_append_val (tokens, tok);
      i = j;
    }

  return tokens;
}

static gboolean
tok_is (const DramaNormText *norm,
        GArray              *tokens,
        int                  k,
        const char          *word)
{
  const Token *tok;
  gsize n = strlen (word);

  if (k < 0 || (guint) k >= tokens->len)
    return FALSE;
  tok = &g_array_index (tokens, Token, k);
  return tok->end - tok->start == n && memcmp (norm->text + tok->start, word, n) == 0;
}

/* The value of an all-digit token 1..999, else 0. */
static int
tok_number (const DramaNormText *norm,
            GArray              *tokens,
            int                  k)
{
  const Token *tok;
  int value = 0;

  if (k < 0 || (guint) k >= tokens->len)
    return 0;
  tok = &g_array_index (tokens, Token, k);
  if (tok->end - tok->start > 3)
    return 0;
  for (guint32 i = tok->start; i < tok->end; i++)
    {
      if (!g_ascii_isdigit (norm->text[i]))
        return 0;
      value = value * 10 + (norm->text[i] - '0');
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
season_before (const DramaNormText *norm,
               GArray              *tokens,
               int                  k)
{
  int j = k - 1;

  if (tok_is (norm, tokens, j, ","))
    j--;
  if (tok_number (norm, tokens, j) > 0 && tok_is (norm, tokens, j - 1, "season"))
    return tok_number (norm, tokens, j);
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
ordinal_value (const DramaNormText *norm,
               GArray              *tokens,
               int                  k)
{
  const Token *tok;
  const char *p, *end;
  int value;

  if (k < 0 || (guint) k >= tokens->len)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (ordinals); i++)
    if (tok_is (norm, tokens, k, ordinals[i]))
      return (int) i + 1;

  tok = &g_array_index (tokens, Token, k);
  p = norm->text + tok->start;
  end = norm->text + tok->end;
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

void
_drama_matcher_find_mentions (const char          *orig,
                              const DramaNormText *norm,
                              guint8               part_id,
                              GArray              *mentions)
{
  g_autoptr(GArray) tokens = tokenize (norm);

  for (int k = 0; (guint) k < tokens->len; k++)
    {
      const Token *tok = &g_array_index (tokens, Token, k);
      const char *p = norm->text + tok->start;
      const char *end = norm->text + tok->end;
      int value;

      if (!tok->word)
        continue;

      if (tok_is (norm, tokens, k, "episode") || tok_is (norm, tokens, k, "episodes") ||
          tok_is (norm, tokens, k, "ep") || tok_is (norm, tokens, k, "eps"))
        {
          int j = k + 1, best = 0;

          if (tok_is (norm, tokens, j, "."))
            j++;
          if (tok_is (norm, tokens, j, "no") && tok_is (norm, tokens, j + 1, "."))
            j += 2;
          if (tok_is (norm, tokens, j, "#"))
            j++;
          value = tok_number (norm, tokens, j);
          if (value > 0)
            {
              best = value;
              /* "13 and 14", "13, 14", "13 to 14", "13-14" */
              for (;;)
                {
                  int sep = j + 1, next;

                  if (tok_is (norm, tokens, sep, ",") || tok_is (norm, tokens, sep, "&") ||
                      tok_is (norm, tokens, sep, "and") || tok_is (norm, tokens, sep, "to") ||
                      tok_is (norm, tokens, sep, "through") || tok_is (norm, tokens, sep, "/"))
                    next = sep + 1;
                  else if (tok_number (norm, tokens, sep) > 0 &&
                           dash_between (orig, norm, &g_array_index (tokens, Token, j),
                                         &g_array_index (tokens, Token, sep)))
                    next = sep;
                  else
                    break;
                  value = tok_number (norm, tokens, next);
                  if (value == 0)
                    break;
                  best = MAX (best, value);
                  j = next;
                }
              add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER,
                           season_before (norm, tokens, k), best);
            }
          else if (tok_is (norm, tokens, k, "episode") &&
                   (value = ordinal_value (norm, tokens, k - 1)) > 0)
            add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER, 1, value);
          else if (tok_is (norm, tokens, k, "episode") && tok_is (norm, tokens, k - 1, "final"))
            add_mention (mentions, part_id, tok->start, DRAMA_MENTION_FINALE, 0, 0);
          continue;
        }

      if (tok_is (norm, tokens, k, "finale"))
        {
          gboolean mid = tok_is (norm, tokens, k - 1, "mid") ||
                         tok_is (norm, tokens, k - 1, "midseason") ||
                         tok_is (norm, tokens, k - 1, "semi") ||
                         (tok_is (norm, tokens, k - 1, "season") &&
                          tok_is (norm, tokens, k - 2, "mid"));

          if (!mid)
            add_mention (mentions, part_id, tok->start, DRAMA_MENTION_FINALE, 0, 0);
          continue;
        }

      if (tok_is (norm, tokens, k, "premiere"))
        {
          /* The noun, not the verb ("will premiere in May") or the date. */
          static const char * const verbs[] = { "will", "to", "would", "could", "can", "shall",
                                                "may", "might", "set", "and", "or" };
          gboolean verb = FALSE;

          for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
            verb = verb || tok_is (norm, tokens, k - 1, verbs[v]);
          if (!verb && !tok_is (norm, tokens, k + 1, "date"))
            {
              int season = 1;

              if (tok_number (norm, tokens, k - 1) > 0 && tok_is (norm, tokens, k - 2, "season"))
                season = tok_number (norm, tokens, k - 1);
              add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER, season, 1);
            }
          continue;
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
          continue;
        }

      /* ep14 */
      if (end - p >= 3 && p[0] == 'e' && p[1] == 'p' && g_ascii_isdigit (p[2]))
        {
          const char *q = p + 2;

          value = parse_number (&q, end);
          if (value > 0 && q == end)
            add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER, 1, value);
          continue;
        }

      /* "14 회" with a space */
      if ((value = tok_number (norm, tokens, k)) > 0 &&
          (tok_is (norm, tokens, k + 1, "회") || tok_is (norm, tokens, k + 1, "화") ||
           tok_is (norm, tokens, k + 1, "회차")))
        {
          add_mention (mentions, part_id, tok->start, DRAMA_MENTION_NUMBER, 1, value);
          continue;
        }

      if ((guchar) *p >= 0x80 || g_ascii_isdigit (*p))
        korean_mention (norm, part_id, tok, mentions);
    }
}
