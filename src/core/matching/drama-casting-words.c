#define G_LOG_DOMAIN "drama-casting-titles"

#include "config.h"

#include "drama-casting-titles-private.h"

/* The words around a quote that say what it names: a show being cast or made ("drama",
 * "starring", "tvN", "출연"), or something TVmaze does not have ("film", "single", "영화"). */

typedef struct {
  const char *word;   /* lower case; a space matches any run of white space */
  WordClass   klass;
  guint       flags;
} ContextWord;

static const ContextWord context_words[] = {
  /* What the quote is */
  { "drama", WORD_KIND, PLURAL }, { "k-drama", WORD_KIND, PLURAL },
  { "kdrama", WORD_KIND, PLURAL }, { "series", WORD_KIND, 0 },
  { "miniseries", WORD_KIND, 0 }, { "sitcom", WORD_KIND, PLURAL },
  { "show", WORD_KIND, PLURAL },
  { "드라마", WORD_KIND, 0 }, { "시리즈", WORD_KIND, 0 }, { "주말극", WORD_KIND, 0 },
  { "일일극", WORD_KIND, 0 }, { "월화극", WORD_KIND, 0 }, { "수목극", WORD_KIND, 0 },
  { "금토극", WORD_KIND, 0 }, { "토일극", WORD_KIND, 0 },
  /* Casting and production */
  { "cast", WORD_STRONG, PLURAL }, { "casting", WORD_STRONG, 0 },
  { "confirmed", WORD_STRONG, 0 }, { "lead", WORD_STRONG, PLURAL },
  { "leading", WORD_STRONG, 0 }, { "star", WORD_STRONG, PLURAL },
  { "starring", WORD_STRONG, 0 }, { "starred", WORD_STRONG, 0 },
  { "join", WORD_STRONG, PLURAL }, { "joined", WORD_STRONG, 0 },
  { "joining", WORD_STRONG, 0 }, { "in talks", WORD_STRONG, 0 },
  { "offered", WORD_STRONG, 0 }, { "reunite", WORD_STRONG, PLURAL },
  { "reuniting", WORD_STRONG, 0 }, { "reunion", WORD_STRONG, 0 },
  { "role", WORD_STRONG, PLURAL }, { "remake", WORD_STRONG, PLURAL },
  { "premiere", WORD_STRONG, PLURAL }, { "premiered", WORD_STRONG, 0 },
  { "sequel", WORD_STRONG, PLURAL }, { "spin-off", WORD_STRONG, PLURAL },
  { "season", WORD_STRONG, PLURAL }, { "episode", WORD_STRONG, PLURAL },
  { "webtoon", WORD_STRONG, PLURAL },
  { "netflix", WORD_STRONG, 0 }, { "tvn", WORD_STRONG, 0 }, { "jtbc", WORD_STRONG, 0 },
  { "sbs", WORD_STRONG, 0 }, { "kbs", WORD_STRONG, 0 }, { "kbs2", WORD_STRONG, 0 },
  { "mbc", WORD_STRONG, 0 }, { "ena", WORD_STRONG, 0 }, { "ocn", WORD_STRONG, 0 },
  { "mbn", WORD_STRONG, 0 }, { "tv chosun", WORD_STRONG, 0 },
  { "channel a", WORD_STRONG, 0 }, { "disney+", WORD_STRONG, 0 },
  { "coupang play", WORD_STRONG, 0 }, { "tving", WORD_STRONG, 0 },
  { "wavve", WORD_STRONG, 0 }, { "viki", WORD_STRONG, 0 }, { "apple tv+", WORD_STRONG, 0 },
  { "prime video", WORD_STRONG, 0 },
  { "출연", WORD_STRONG, 0 }, { "주연", WORD_STRONG, 0 }, { "캐스팅", WORD_STRONG, 0 },
  { "확정", WORD_STRONG, 0 }, { "물망", WORD_STRONG, 0 }, { "합류", WORD_STRONG, 0 },
  { "신작", WORD_STRONG, 0 }, { "차기작", WORD_STRONG, 0 }, { "방영", WORD_STRONG, 0 },
  { "편성", WORD_STRONG, 0 }, { "첫 방송", WORD_STRONG, 0 }, { "첫방송", WORD_STRONG, 0 },
  { "주인공", WORD_STRONG, 0 }, { "주역", WORD_STRONG, 0 }, { "배역", WORD_STRONG, 0 },
  { "역할", WORD_STRONG, 0 }, { "역", WORD_STRONG, KO_ALONE | KO_ROLE },
  { "리메이크", WORD_STRONG, 0 }, { "시즌", WORD_STRONG, 0 }, { "웹툰", WORD_STRONG, 0 },
  { "넷플릭스", WORD_STRONG, 0 }, { "티빙", WORD_STRONG, 0 }, { "디즈니+", WORD_STRONG, 0 },
  { "디즈니플러스", WORD_STRONG, 0 }, { "쿠팡플레이", WORD_STRONG, 0 },
  { "웨이브", WORD_STRONG, 0 }, { "채널a", WORD_STRONG, 0 }, { "tv조선", WORD_STRONG, 0 },
  /* Weak alone: "the new 'Hallyu' trend" */
  { "new", WORD_FAINT, 0 }, { "upcoming", WORD_FAINT, 0 }, { "project", WORD_FAINT, PLURAL },
  { "considering", WORD_FAINT, 0 },
  { "follow-up", WORD_FAINT, 0 }, { "original", WORD_FAINT, 0 },
  { "filming", WORD_FAINT, 0 }, { "airing", WORD_FAINT, 0 }, { "adaptation", WORD_FAINT, 0 },
  { "새", WORD_FAINT, KO_ALONE | KO_SPACE }, { "새로운", WORD_FAINT, KO_ALONE },
  { "제안", WORD_FAINT, 0 }, { "검토", WORD_FAINT, 0 }, { "작품", WORD_FAINT, 0 },
  { "촬영", WORD_FAINT, 0 }, { "원작", WORD_FAINT, 0 },
  /* Not a show: TVmaze has no films, songs or books */
  { "movie", WORD_OTHER, PLURAL }, { "film", WORD_OTHER, PLURAL },
  { "musical", WORD_OTHER, PLURAL }, { "album", WORD_OTHER, PLURAL },
  { "song", WORD_OTHER, PLURAL }, { "single", WORD_OTHER, PLURAL },
  { "sang", WORD_OTHER, 0 }, { "sing", WORD_OTHER, PLURAL }, { "singing", WORD_OTHER, 0 },
  { "ost", WORD_OTHER, PLURAL | SHOWS_OWN },
  { "soundtrack", WORD_OTHER, PLURAL | SHOWS_OWN }, { "music video", WORD_OTHER, PLURAL },
  { "book", WORD_OTHER, PLURAL }, { "novel", WORD_OTHER, PLURAL },
  { "concert", WORD_OTHER, PLURAL },
  { "commercial", WORD_OTHER, PLURAL }, { "campaign", WORD_OTHER, PLURAL },
  { "magazine", WORD_OTHER, PLURAL }, { "pictorial", WORD_OTHER, PLURAL },
  { "영화", WORD_OTHER, 0 }, { "뮤지컬", WORD_OTHER, 0 }, { "연극", WORD_OTHER, 0 },
  { "앨범", WORD_OTHER, 0 }, { "싱글", WORD_OTHER, 0 }, { "음원", WORD_OTHER, 0 },
  { "신곡", WORD_OTHER, 0 }, { "곡", WORD_OTHER, 0 }, { "노래", WORD_OTHER, 0 },
  { "소설", WORD_OTHER, 0 }, { "뮤직비디오", WORD_OTHER, 0 }, { "콘서트", WORD_OTHER, 0 },
  { "광고", WORD_OTHER, 0 }, { "화보", WORD_OTHER, 0 }, { "팬미팅", WORD_OTHER, 0 },
};

typedef struct {
  gunichar *chars;   /* lower case, dashes as '-', apostrophes as '\'' */
  glong     length;
  gboolean  latin_start;
  gboolean  latin_end;
} CompiledWord;

static CompiledWord compiled_words[G_N_ELEMENTS (context_words)];

/* The words sorted by their first character, so that each character of a text is checked
 * against the few words it can start. */
static guint by_first[G_N_ELEMENTS (context_words)];

static gint
compare_first (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gunichar first_a = compiled_words[*(const guint *) a].chars[0];
  gunichar first_b = compiled_words[*(const guint *) b].chars[0];

  (void) user_data;
  return first_a < first_b ? -1 : first_a > first_b;
}

static void
compile_words (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (context_words); i++)
        {
          CompiledWord *w = &compiled_words[i];

          w->chars = g_utf8_to_ucs4_fast (context_words[i].word, -1, &w->length);
          w->latin_start = is_latin_alnum (w->chars[0]);
          w->latin_end = is_latin_alnum (w->chars[w->length - 1]);
          by_first[i] = i;
        }
      g_qsort_with_data (by_first, G_N_ELEMENTS (by_first), sizeof (guint), compare_first,
                         NULL);
      g_once_init_leave (&done, 1);
    }
}

/* The first of by_first whose word starts with c (or where it would be). */
static guint
first_word_from (gunichar c)
{
  guint lo = 0, hi = G_N_ELEMENTS (by_first);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compiled_words[by_first[mid]].chars[0] < c)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
word_matches_at (const Segment *seg,
                 glong          i,
                 guint          index,
                 glong         *end)
{
  const CompiledWord *w = &compiled_words[index];
  guint flags = context_words[index].flags;
  glong k = i;

  if (w->latin_start && is_latin_alnum (char_at (seg, i - 1)))
    return FALSE;
  if ((flags & KO_ALONE) && is_hangul (char_at (seg, i - 1)))
    return FALSE;
  for (glong j = 0; j < w->length; j++)
    {
      if (k >= seg->n || seg->quoted[k])
        return FALSE;
      if (w->chars[j] == ' ')
        {
          if (!is_space (seg->s[k]))
            return FALSE;
          while (k < seg->n && is_space (seg->s[k]))
            k++;
          continue;
        }
      if (fold (seg->s[k]) != w->chars[j])
        return FALSE;
      k++;
    }
  if (w->latin_end)
    {
      if ((flags & PLURAL) && fold (char_at (seg, k)) == 's' &&
          !is_latin_alnum (char_at (seg, k + 1)))
        k++;
      else if (fold (char_at (seg, k)) == '\'' && fold (char_at (seg, k + 1)) == 's' &&
               !is_latin_alnum (char_at (seg, k + 2)))
        k += 2;
      if (is_latin_alnum (char_at (seg, k)))
        return FALSE;
    }
  if ((flags & KO_SPACE) && !is_space (char_at (seg, k)))
    return FALSE;
  /* "Song Kang", "Song Hye-kyo": a name, not a song */
  if (context_words[index].klass == WORD_OTHER && w->latin_start &&
      g_unichar_isupper (seg->s[i]) && is_space (char_at (seg, k)) &&
      g_unichar_isupper (char_at (seg, k + 1)) && !drama_text_is_cjk (char_at (seg, k + 1)))
    return FALSE;
  if (flags & KO_ROLE)
    {
      gunichar next = char_at (seg, k);

      if (is_hangul (next) &&
          next != 0xC744 /* 을 */ && next != 0xC73C /* 으 */ && next != 0xC5D0 /* 에 */ &&
          next != 0xC774 /* 이 */ && next != 0xC740 /* 은 */ && next != 0xC758 /* 의 */ &&
          next != 0xB85C /* 로 */)
        return FALSE;
    }
  *end = k;
  return TRUE;
}

void
_drama_casting_find_hits (Segment *seg)
{
  glong covered = 0;

  compile_words ();
  for (glong i = 0; i < seg->n; i++)
    {
      gunichar first;

      if (seg->quoted[i] || i < covered)
        continue;
      first = fold (seg->s[i]);
      for (guint o = first_word_from (first);
           o < G_N_ELEMENTS (by_first) && compiled_words[by_first[o]].chars[0] == first; o++)
        {
          guint w = by_first[o];
          glong end;

          if (!word_matches_at (seg, i, w, &end))
            continue;
          {
            Hit hit = { i, end, context_words[w].klass, w, context_words[w].flags };

            g_array_append_val (seg->hits, hit);
            covered = MAX (covered, end);
          }
        }
    }
}
