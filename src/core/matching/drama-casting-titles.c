#define G_LOG_DOMAIN "drama-casting-titles"

#include "config.h"

#include "drama-casting-titles.h"

#include <string.h>

#include "drama-casting-titles-private.h"
#include "drama-text.h"

/* The text is read as an array of characters (UCS-4): the rules below look a character or
 * a word either side of a position, and distances are in characters, so that 80 Hangul
 * characters weigh what 80 Latin ones do. */

/* Characters of a title, at most. */
#define MAX_TITLE_CHARS 60
/* Words in a title, at most: past this it is a quoted sentence. */
#define MAX_TITLE_WORDS 8
/* How far a closing quote is looked for: a longer quote is speech, and an opening quote
 * that is never closed must not swallow the article. */
#define MAX_QUOTE_CHARS 400
/* The part of the sentence around a quote where casting words count. */
#define SENTENCE_REACH 150
/* Beyond the sentence: where "drama" or "film" still says what the quote names. */
#define NEAR_REACH 80

/* A film or a song is named next to its title ("the film 'Exhuma'", "영화 '파묘'");
 * further away, "영화를 사랑하는 청춘들" describes the story. */
#define OTHER_REACH 30
#define OTHER_AFTER_REACH 3

/* Words that leave an English title in lower case ("Queen of Tears"). */
static const char * const small_words[] = {
  "a", "an", "and", "are", "as", "at", "but", "by", "de", "for", "from", "in", "into", "is",
  "n", "nor", "of", "on", "or", "the", "to", "vs", "with", "x", NULL
};

/* A full stop after these does not end a sentence ("Mr. Queen", "Dr. Romantic"). */
static const char * const abbreviations[] = {
  "co", "dr", "ep", "jr", "lt", "mr", "mrs", "ms", "no", "prof", "sr", "st", "vol", "vs", NULL
};

/* Words that attribute speech, after the quote (“…,” she said) or before it (She said:
 * “…”). */
static const char * const speech_verbs[] = {
  "added", "adds", "asked", "commented", "continued", "explained", "noted", "remarked",
  "said", "saying", "says", "stated", "tells", "told", "wrote", "writes", NULL
};
/* Also speech verbs, but "“Lantern Street Diaries” revealed its poster" is news: only after
 * a quote that ended on a comma or a full stop. */
static const char * const speech_verbs_after_punct[] = {
  "confessed", "expressed", "joked", "laughed", "recalled", "revealed", "shared", NULL
};

/* After a quote and a comma, what starts a clause about the title rather than a speaker. */
static const char * const relative_words[] = { "that", "where", "which", "who", NULL };

/* Before a quote: a nickname or a coinage, not a title. */
static const char * const coinage_words[] = {
  "so-called", "dubbed", "nicknamed", "이른바", "소위", "일명", NULL
};

/* ---- quotes ---- */

typedef enum {
  QUOTE_NONE,
  QUOTE_DOUBLE,    /* “…” "…" */
  QUOTE_SINGLE,    /* ‘…’ '…', the family apostrophes belong to */
  QUOTE_BRACKET,   /* «…» 《…》 〈…〉 「…」 『…』 <…> */
} QuoteFamily;

static gunichar
bracket_close (gunichar c)
{
  switch (c)
    {
    case 0x00AB: return 0x00BB;   /* « » */
    case 0x2039: return 0x203A;   /* ‹ › */
    case 0x3008: return 0x3009;   /* 〈 〉 */
    case 0x300A: return 0x300B;   /* 《 》 */
    case 0x300C: return 0x300D;   /* 「 」 */
    case 0x300E: return 0x300F;   /* 『 』 */
    case '<': return '>';
    case 0xFF1C: return 0xFF1E;   /* ＜ ＞ */
    default: return 0;
    }
}

static gboolean
is_single_quote (gunichar c)
{
  return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201B;
}

/* An opening quote of family at i. A single quote opens only at the start of a word: not
 * INFINITE's, don't or 90's. It may open before a digit ('18 Again'): the '90s finds no
 * closing quote, or holds a lower-case "s" that is no title's. */
static QuoteFamily
opens_at (const Segment *seg,
          glong          i)
{
  gunichar c = char_at (seg, i), prev = char_at (seg, i - 1), next = char_at (seg, i + 1);

  if (next == 0 || is_space (next))
    return QUOTE_NONE;
  if (c == 0x201C || c == 0x201E)
    return QUOTE_DOUBLE;
  if (c == '"' && !is_latin_alnum (prev))
    return QUOTE_DOUBLE;
  if (is_single_quote (c) && !is_latin_alnum (prev) && g_unichar_isalnum (next))
    return QUOTE_SINGLE;
  if (bracket_close (c) != 0)
    return QUOTE_BRACKET;
  return QUOTE_NONE;
}

/* A closing quote of family at i: after something, and before no Latin letter (a Korean
 * particle may follow: '눈물의 여왕'에서). */
static gboolean
closes_at (const Segment *seg,
           glong          i,
           QuoteFamily    family,
           gunichar       bracket)
{
  gunichar c = char_at (seg, i), prev = char_at (seg, i - 1), next = char_at (seg, i + 1);

  switch (family)
    {
    case QUOTE_DOUBLE:
      if (c == 0x201D)
        return TRUE;
      return c == '"' && !is_space (prev) && !is_latin_alnum (next);
    case QUOTE_SINGLE:
      return is_single_quote (c) && !is_space (prev) && !is_latin_alnum (next);
    case QUOTE_BRACKET:
      return c == bracket;
    case QUOTE_NONE:
    default:
      return FALSE;
    }
}

/* Every quote of the segment, outermost, in order; the characters inside are marked. */
static void
find_spans (Segment *seg)
{
  glong i = 0;

  while (i < seg->n)
    {
      QuoteFamily family = opens_at (seg, i);
      gunichar bracket = bracket_close (seg->s[i]);
      glong close = -1;

      if (family == QUOTE_NONE)
        {
          i++;
          continue;
        }
      for (glong k = i + 1; k < seg->n && k - i <= MAX_QUOTE_CHARS; k++)
        {
          if (seg->s[k] == '\n')
            break;
          if (closes_at (seg, k, family, bracket))
            {
              close = k;
              break;
            }
          /* A second opener before any closer: the first was a stray mark. */
          if (opens_at (seg, k) == family &&
              (family != QUOTE_BRACKET || seg->s[k] == seg->s[i]))
            break;
        }
      if (close < 0)
        {
          i++;
          continue;
        }
      {
        Span span = { i, close };

        g_array_append_val (seg->spans, span);
        memset (seg->quoted + i, 1, (gsize) (close - i + 1));
      }
      i = close + 1;
    }
}

/* ---- sentences and words ---- */

/* The word of Latin letters ending just before i, lower case, or NULL. */
static char *
latin_word_before (const Segment *seg,
                   glong          i)
{
  glong start = i;
  GString *word;

  while (start > 0 && (is_latin_alnum (seg->s[start - 1]) || seg->s[start - 1] == '-'))
    start--;
  if (start == i)
    return NULL;
  word = g_string_new (NULL);
  for (glong k = start; k < i; k++)
    g_string_append_unichar (word, g_unichar_tolower (seg->s[k]));
  return g_string_free (word, FALSE);
}

static gboolean
in_list (const char         *word,
         const char * const *list)
{
  return word != NULL && g_strv_contains (list, word);
}

/* Does the character at i end a sentence? */
static gboolean
ends_sentence (const Segment *seg,
               glong          i)
{
  gunichar c = seg->s[i];

  if (c == '\n' || c == 0x3002)
    return TRUE;
  if (c != '.' && c != '!' && c != '?')
    return FALSE;
  if (!is_space (char_at (seg, i + 1)) && char_at (seg, i + 1) != 0)
    return FALSE;
  if (c == '.')
    {
      g_autofree char *word = latin_word_before (seg, i);

      /* "Mr. Queen", and initials ("D.P.") */
      if (in_list (word, abbreviations) || (word != NULL && g_utf8_strlen (word, -1) == 1))
        return FALSE;
    }
  return TRUE;
}

/* Paragraphs: the plain text keeps them as lines. */
static glong
paragraph_start (const Segment *seg,
                 glong          i)
{
  for (glong k = i - 1; k >= 0; k--)
    if (seg->s[k] == '\n')
      return k + 1;
  return 0;
}

static glong
paragraph_end (const Segment *seg,
               glong          i)
{
  for (glong k = i; k < seg->n; k++)
    if (seg->s[k] == '\n')
      return k;
  return seg->n;
}

static glong
sentence_start (const Segment *seg,
                glong          i)
{
  for (glong k = i - 1; k >= 0; k--)
    if (!seg->quoted[k] && ends_sentence (seg, k))
      return k + 1;
  return 0;
}

static glong
sentence_end (const Segment *seg,
              glong          i)
{
  for (glong k = i; k < seg->n; k++)
    if (!seg->quoted[k] && ends_sentence (seg, k))
      return k;
  return seg->n;
}

/* The next Latin word from *i (skipping spaces and commas), lower case; *i moves past
 * it. NULL at anything else. */
static char *
next_latin_word (const Segment *seg,
                 glong         *i)
{
  glong start = *i, end;
  GString *word;

  while (start < seg->n && (is_space (seg->s[start]) || seg->s[start] == ','))
    start++;
  end = start;
  while (end < seg->n && (is_latin_alnum (seg->s[end]) || seg->s[end] == '-' ||
                          fold (seg->s[end]) == '\''))
    end++;
  if (end == start)
    return NULL;
  word = g_string_new (NULL);
  for (glong k = start; k < end; k++)
    g_string_append_unichar (word, g_unichar_tolower (seg->s[k]));
  *i = end;
  return g_string_free (word, FALSE);
}

static gboolean
has_prefix_at (const Segment *seg,
               glong          i,
               const char    *utf8)
{
  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p), i++)
    if (char_at (seg, i) != g_utf8_get_char (p))
      return FALSE;
  return TRUE;
}

/* Speech: “…,” she said / “…,” IU told Soompi / She said: “…” / “…”라고 말했다. */
static gboolean
is_attributed_speech (const Segment *seg,
                      const Span    *span,
                      gunichar       last)
{
  glong i = span->close + 1;
  gboolean punct = last == ',' || last == '.' || last == '!' || last == '?';

  /* “…,” the lead actress told reporters: the speaker can take a few words after a comma
   * (after a full stop they start the next sentence); “Revenant,” which the director
   * said… is a title. */
  for (guint n = 0; n < (last == ',' ? 6 : 3); n++)
    {
      g_autofree char *word = next_latin_word (seg, &i);

      if (word == NULL || in_list (word, relative_words))
        break;
      if (in_list (word, speech_verbs) || (punct && in_list (word, speech_verbs_after_punct)))
        return TRUE;
    }

  i = span->close + 1;
  if (has_prefix_at (seg, i, "라고") || has_prefix_at (seg, i, "이라고") ||
      has_prefix_at (seg, i, "라며") || has_prefix_at (seg, i, "이라며") ||
      (has_prefix_at (seg, i, "고") && !is_hangul (char_at (seg, i + 1))))
    return TRUE;

  /* Before: "said:" or "told Soompi," then the quote. */
  i = span->open - 1;
  while (i >= 0 && is_space (seg->s[i]))
    i--;
  if (i >= 0 && (seg->s[i] == ':' || seg->s[i] == ','))
    {
      g_autofree char *word = NULL;
      g_autofree char *before = NULL;
      glong start;

      word = latin_word_before (seg, i);
      if (in_list (word, speech_verbs))
        return TRUE;
      start = i - (word != NULL ? (glong) g_utf8_strlen (word, -1) : 0);
      while (start > 0 && is_space (seg->s[start - 1]))
        start--;
      before = latin_word_before (seg, start);
      if (g_strcmp0 (before, "told") == 0 || g_strcmp0 (before, "tells") == 0)
        return TRUE;
    }
  return FALSE;
}

/* "the so-called 'MZ generation'", "이른바 'MZ세대'". */
static gboolean
follows_coinage (const Segment *seg,
                 const Span    *span)
{
  glong end = span->open;
  glong start;
  GString *word;
  gboolean found;

  while (end > 0 && is_space (seg->s[end - 1]))
    end--;
  start = end;
  while (start > 0 && !is_space (seg->s[start - 1]))
    start--;
  word = g_string_new (NULL);
  for (glong k = start; k < end; k++)
    g_string_append_unichar (word, fold (seg->s[k]));
  found = in_list (word->str, coinage_words);
  g_string_free (word, TRUE);
  return found;
}

/* ---- the title's shape ---- */

static gboolean
is_trailing_punct (gunichar c)
{
  return c == ',' || c == ';' || c == ':' || c == '.' || is_space (c);
}

/* The words of an English title are capitalised but for small ones: “I was so happy to
 * work with everyone” and 'MZ generation' are not titles. Hangul has no case. */
static gboolean
is_title_case (const gunichar *s,
               glong           n)
{
  glong i = 0;

  while (i < n)
    {
      glong start, end;
      gboolean upper = FALSE;
      gunichar first = 0;

      while (i < n && is_space (s[i]))
        i++;
      start = i;
      while (i < n && !is_space (s[i]))
        i++;
      end = i;
      for (glong k = start; k < end; k++)
        {
          if (g_unichar_isupper (s[k]))
            upper = TRUE;
          if (first == 0 && g_unichar_isalpha (s[k]))
            first = s[k];
        }
      if (first != 0 && g_unichar_islower (first) && !upper && !drama_text_is_cjk (first))
        {
          GString *word = g_string_new (NULL);
          gboolean small;

          for (glong k = start; k < end; k++)
            if (g_unichar_isalpha (s[k]))
              g_string_append_unichar (word, s[k]);
          small = in_list (word->str, small_words);
          g_string_free (word, TRUE);
          if (!small)
            return FALSE;
        }
    }
  return TRUE;
}

static guint
count_words (const gunichar *s,
             glong           n)
{
  guint words = 0;

  for (glong i = 0; i < n; i++)
    if (!is_space (s[i]) && (i == 0 || is_space (s[i - 1])))
      words++;
  return words;
}

/* A Korean sentence's ending: “정말 행복했다”, “감사합니다”, “기대해 주세요”. */
static gboolean
has_korean_sentence_ending (const gunichar *s,
                            glong           n,
                            guint           words)
{
  gunichar last = n > 0 ? s[n - 1] : 0;
  gunichar before = n > 1 ? s[n - 2] : 0;

  /* 다, but a one-word title may end so; 니다 never */
  if (last == 0xB2E4)
    return words >= 2 || before == 0xB2C8;
  /* 요: 했어요 and 주세요 are speech, 할까요 is a title ("키스 먼저 할까요") */
  return last == 0xC694 && before != 0xAE4C;
}

/* The title the quote holds, NFC, or NULL when it is not one. */
static char *
quoted_title (const Segment *seg,
              const Span    *span)
{
  const gunichar *s = seg->s + span->open + 1;
  glong n = span->close - span->open - 1;
  gunichar last;
  guint words;
  gboolean letter = FALSE, hangul = FALSE;
  g_autofree char *utf8 = NULL;

  while (n > 0 && is_space (s[0]))
    s++, n--;
  while (n > 0 && is_space (s[n - 1]))
    n--;
  if (n == 0)
    return NULL;
  last = s[n - 1];
  words = count_words (s, n);
  if (words > MAX_TITLE_WORDS)
    return NULL;
  for (glong i = 0; i < n; i++)
    {
      letter |= g_unichar_isalpha (s[i]);
      hangul |= is_hangul (s[i]);
      /* A sentence inside: “I loved it. Everyone was kind” */
      if (i < n - 1 && (s[i] == '.' || s[i] == '!' || s[i] == '?') && is_space (s[i + 1]) &&
          ends_sentence (seg, (s - seg->s) + i))
        return NULL;
    }
  if (!letter)
    return NULL;
  if (g_unichar_islower (s[0]) && !drama_text_is_cjk (s[0]))
    return NULL;
  if (!is_title_case (s, n))
    return NULL;
  if (is_attributed_speech (seg, span, last) || follows_coinage (seg, span))
    return NULL;

  /* “Lantern Street Diaries,” and “Lantern Street Diaries.” as American style writes
   * them; but a quote that ends a Korean sentence, or a long one, is speech. */
  if (last == '.' && (hangul || words > 6))
    return NULL;
  while (n > 0 && is_trailing_punct (s[n - 1]))
    n--;
  if (n == 0)
    return NULL;
  if ((last == '!' || last == '?') && hangul && words > 4)
    return NULL;
  if (hangul && has_korean_sentence_ending (s, n, words))
    return NULL;
  if (g_utf8_strlen ((utf8 = g_ucs4_to_utf8 (s, n, NULL, NULL, NULL)), -1) > MAX_TITLE_CHARS)
    return NULL;
  return g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC);
}

/* ---- context ---- */

static glong
distance (const Hit  *hit,
          const Span *span)
{
  if (hit->end <= span->open)
    return span->open - hit->end;
  if (hit->start > span->close)
    return hit->start - span->close - 1;
  return 0;
}

typedef enum {
  CONTEXT_NONE,    /* nothing says what the quote is */
  CONTEXT_SHOW,    /* a show being cast or made */
  CONTEXT_OTHER,   /* a film, a song, a book */
} Context;

/* What the quote names. Casting words count in its sentence; what the quote is counts
 * within NEAR_REACH outside it too ("drama"), or OTHER_REACH ("film"), and the nearer of
 * the two decides. */
static Context
quote_context (const Segment *seg,
               const Span    *span)
{
  glong sentence_lo = MAX (sentence_start (seg, span->open), span->open - SENTENCE_REACH);
  glong sentence_hi = MIN (sentence_end (seg, span->close + 1),
                           span->close + 1 + SENTENCE_REACH);
  glong near_lo = MIN (sentence_lo, MAX (paragraph_start (seg, span->open),
                                         span->open - NEAR_REACH));
  glong near_hi = MAX (sentence_hi, MIN (paragraph_end (seg, span->close + 1),
                                         span->close + 1 + NEAR_REACH));
  glong nearest_kind = G_MAXLONG, nearest_other = G_MAXLONG;
  gboolean strong = FALSE;
  gint faint = -1;
  guint faints = 0;

  guint lo = 0, hi = seg->hits->len;

  /* The first hit inside the windows: hits are in order of start. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (seg->hits, Hit, mid).start < near_lo)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint h = lo; h < seg->hits->len; h++)
    {
      const Hit *hit = &g_array_index (seg->hits, Hit, h);
      gboolean in_sentence = hit->start >= sentence_lo && hit->end <= sentence_hi;
      gboolean near = hit->start >= near_lo && hit->end <= near_hi;

      if (hit->start >= near_hi)
        break;
      switch (hit->klass)
        {
        case WORD_KIND:
          if (near)
            nearest_kind = MIN (nearest_kind, distance (hit, span));
          break;
        case WORD_OTHER:
          /* Before the title: "the film 'Exhuma'", "영화 '파묘'". After it only right after
           * ("'Dream' film"), and never "'Queen of Tears' OST", the show's own song. */
          if (near && (hit->end <= span->open ? distance (hit, span) <= OTHER_REACH :
                       distance (hit, span) <= OTHER_AFTER_REACH &&
                       !(hit->flags & SHOWS_OWN)))
            nearest_other = MIN (nearest_other, distance (hit, span));
          break;
        case WORD_STRONG:
          strong |= in_sentence;
          break;
        case WORD_FAINT:
          if (in_sentence && (gint) hit->index != faint)
            {
              faint = (gint) hit->index;
              faints++;
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (nearest_other < nearest_kind)
    return CONTEXT_OTHER;
  if (nearest_kind != G_MAXLONG || strong || faints >= 2)
    return CONTEXT_SHOW;
  return CONTEXT_NONE;
}

/* ---- keys ---- */

/* Case, width, spaces and punctuation ignored: "Strong Girl Nam-soon" = "strong girl
 * namsoon". */
static char *
title_key (const char *title)
{
  g_autofree char *normal = drama_text_normalize (title, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (drama_text_is_word_char (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* "hospitalplaylist2" or "hospitalplaylistseason2" for "hospitalplaylist": the same show
 * on TVmaze. */
static gboolean
is_season_of (const char *key,
              const char *known)
{
  gsize known_length = strlen (known);
  const char *rest;

  if (known_length == 0 || strncmp (key, known, known_length) != 0)
    return FALSE;
  rest = key + known_length;
  if (g_str_has_prefix (rest, "season"))
    rest += strlen ("season");
  else if (g_str_has_prefix (rest, "part"))
    rest += strlen ("part");
  else if (g_str_has_prefix (rest, "시즌"))
    rest += strlen ("시즌");
  if (*rest == '\0')
    return rest != key + known_length;
  for (const char *p = rest; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_known (const char *key,
          GPtrArray  *known_keys)
{
  for (guint i = 0; i < known_keys->len; i++)
    {
      const char *known = g_ptr_array_index (known_keys, i);

      if (strcmp (key, known) == 0 || is_season_of (key, known))
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  char    *title;
  char    *key;
  Context  context;
} Candidate;

static void
candidate_clear (Candidate *candidate)
{
  g_free (candidate->title);
  g_free (candidate->key);
}

/* Every quoted title of utf8 with what its context says, in order. */
static void
find_candidates (const char *utf8,
                 GArray     *candidates)
{
  g_autofree gunichar *chars = NULL;
  g_autofree guint8 *quoted = NULL;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autofree char *valid = NULL;
  Segment seg;
  glong n;

  if (utf8 == NULL || *utf8 == '\0')
    return;
  valid = g_utf8_make_valid (utf8, -1);
  chars = g_utf8_to_ucs4_fast (valid, -1, &n);
  quoted = g_new0 (guint8, n + 1);
  seg = (Segment) { chars, n, quoted, spans, hits };

  find_spans (&seg);
  if (spans->len == 0)
    return;
  _drama_casting_find_hits (&seg);

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      Candidate candidate = { quoted_title (&seg, span), NULL, CONTEXT_NONE };

      if (candidate.title == NULL)
        continue;
      candidate.key = title_key (candidate.title);
      candidate.context = quote_context (&seg, span);
      if (*candidate.key == '\0' || candidate.context == CONTEXT_NONE)
        {
          candidate_clear (&candidate);
          continue;
        }
      g_array_append_val (candidates, candidate);
    }
}

GPtrArray *
drama_casting_titles_find (const char         *title,
                           const char         *text,
                           const char * const *known_titles)
{
  g_autoptr(GPtrArray) known_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GHashTable) excluded = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  g_array_set_clear_func (candidates, (GDestroyNotify) candidate_clear);
  for (guint i = 0; known_titles != NULL && known_titles[i] != NULL; i++)
    g_ptr_array_add (known_keys, title_key (known_titles[i]));

  find_candidates (title, candidates);
  find_candidates (text, candidates);

  /* A title the article calls a film anywhere is a film ("after 'Exhuma' success" in the
   * headline, "the film 'Exhuma'" below). */
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (candidate->context == CONTEXT_OTHER)
        g_hash_table_add (excluded, candidate->key);
    }
  for (guint i = 0; i < candidates->len && found->len < DRAMA_CASTING_TITLES_MAX; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (g_hash_table_contains (excluded, candidate->key) ||
          is_known (candidate->key, known_keys))
        continue;
      g_hash_table_add (excluded, candidate->key);
      g_ptr_array_add (found, g_steal_pointer (&candidate->title));
    }
  return found;
}
