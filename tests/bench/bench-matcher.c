/* Matcher throughput on a generated library: 1,000 shows, 10,000 people, 100,000 articles of
 * 1–2 KB, all made in memory from a fixed seed so runs compare. Prints articles per second of
 * CPU time (one thread), a digest of every result (two builds that print the same digest link
 * alike), peak RSS, and the same dictionary's speed in the simple reference matcher
 * (tests/reference-matcher.h: a strstr per name, on the first --reference-articles articles)
 * with the ratio. Fails when the matcher does fewer than TARGET articles/s. Options:
 * --articles N, --shows N, --people N, --seed N, --reference-articles N (default 300). */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "drama-matcher.h"
#include "reference-matcher.h"

#define TARGET 200000.0   /* articles per second of CPU time */

/* xorshift64*: small, fast and the same everywhere. */
static guint64 rng_state = 88172645463325252ULL;

static guint64
rng_next (void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ULL;
}

static guint
rng_below (guint n)
{
  return (guint) (rng_next () % n);
}

static const char * const common_words[] = {
  "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
  "by", "on", "not", "he", "she", "this", "are", "or", "his", "her", "from", "at", "which",
  "but", "have", "an", "had", "they", "you", "were", "their", "one", "all", "we", "can",
  "drama", "actor", "actress", "scene", "episode", "ratings", "fans", "viewers", "set",
  "filming", "cast", "director", "character", "story", "love", "romance", "series", "star",
  "stars", "role", "premiere", "release", "teaser", "poster", "variety", "show", "music",
  "group", "album", "comeback", "stage", "concert", "interview", "photos", "behind", "video",
  "said", "revealed", "shared", "talked", "smiled", "laughed", "cried", "ended", "began",
  "new", "first", "last", "latest", "upcoming", "special", "final", "big", "sweet", "sad",
  "really", "very", "also", "still", "even", "just", "more", "most", "about", "after",
  "before", "during", "while", "when", "where", "who", "what", "how", "why", "there",
};

static const char * const title_words[] = {
  "Angel", "Mission", "Love", "Hotel", "Moon", "Sun", "Star", "Secret", "Garden", "Queen",
  "King", "Prince", "Doctor", "Lawyer", "Detective", "Summer", "Winter", "Spring", "Autumn",
  "Night", "Day", "Dream", "Heart", "Memory", "Time", "Signal", "Mother", "Father", "Family",
  "School", "Palace", "Sky", "Castle", "River", "Mountain", "City", "Island", "Road", "Rain",
  "Snow", "Flower", "Tree", "Bird", "Tiger", "Dragon", "Fox", "Wolf", "Ghost", "Goblin",
  "Crash", "Landing", "Descendants", "Guardian", "Sweet", "Bitter", "Red", "Blue", "Black",
  "White", "Golden", "Silver", "Last", "First", "Second", "Third", "Hundred", "Thousand",
  "Reply", "Itaewon", "Class", "Business", "Proposal", "Vincenzo", "Kingdom", "Squid",
  "Game", "Hospital", "Playlist", "Pinocchio", "Healer", "Producer", "Legend", "Blue",
  "Sea", "Weightlifting", "Fairy", "Strong", "Woman", "Man", "Boy", "Girl", "Youth",
};

static const char * const surnames[] = {
  "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
  "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong", "Yoo", "Ko", "Moon", "Yang",
  "Son", "Bae", "Baek", "Heo", "Nam", "Noh", "Ha", "Kwak", "Sung", "Cha", "Joo", "Woo",
};

static const char * const syllables[] = {
  "min", "jun", "seo", "yeon", "ji", "woo", "hyun", "soo", "jin", "young", "eun", "ho",
  "sung", "hee", "kyung", "jae", "won", "hye", "sun", "myung", "dong", "gun", "bin", "bo",
  "gum", "na", "ra", "ah", "in", "seok", "hoon", "joon", "tae", "yong", "sang", "chul", "mi",
  "ha", "da", "yu", "ri", "so", "hwa", "kyu", "il", "nam", "gi", "hae", "chan", "yeol",
};

/* Names with their Korean forms, so the normaliser sees Hangul too. */
static const char * const hangul[] = {
  "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "민", "준", "서", "연", "지",
  "우", "현", "수", "진", "영", "은", "호", "성", "희", "사", "랑", "천", "하", "늘", "별",
};

typedef struct {
  char  *title;
  char **akas;
} GenShow;

typedef struct {
  char   *name;
  char  **aliases;
  gint64  shows[3];
  guint   n_shows;
} GenPerson;

static char *
make_title (void)
{
  GString *title = g_string_new (NULL);
  guint n = rng_below (10) == 0 ? 1 : 2 + rng_below (3);   /* some one-word titles */

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (title, ' ');
      if (i == 1 && n > 2 && rng_below (4) == 0)
        g_string_append (title, "of the");
      else
        g_string_append (title, title_words[rng_below (G_N_ELEMENTS (title_words))]);
    }
  if (rng_below (8) == 0)
    g_string_append_printf (title, ": %s", title_words[rng_below (G_N_ELEMENTS (title_words))]);
  return g_string_free (title, FALSE);
}

static char *
make_hangul (guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, hangul[rng_below (G_N_ELEMENTS (hangul))]);
  return g_string_free (s, FALSE);
}

static char *
make_name (void)
{
  const char *first = syllables[rng_below (G_N_ELEMENTS (syllables))];
  const char *second = syllables[rng_below (G_N_ELEMENTS (syllables))];
  g_autofree char *cap = g_strdup (first);

  cap[0] = g_ascii_toupper (cap[0]);
  return g_strdup_printf ("%s %s-%s", surnames[rng_below (G_N_ELEMENTS (surnames))], cap, second);
}

/* An article of 1–2 KB: filler words with, now and then, a title in quotes, a name (as
 * written in the dictionary or with the hyphen dropped), an alias, an episode number. */
static void
append_article (GString   *out,
                GenShow   *shows,
                guint      n_shows,
                GenPerson *people,
                guint      n_people)
{
  gsize start = out->len;
  gsize target = 1024 + rng_below (1024);
  gboolean sentence_start = TRUE;

  while (out->len - start < target)
    {
      guint dice = rng_below (1000);

      if (!sentence_start)
        g_string_append_c (out, ' ');

      if (dice < 4)
        g_string_append_printf (out, "“%s”", shows[rng_below (n_shows)].title);
      else if (dice < 10)
        {
          GenPerson *p = &people[rng_below (n_people)];

          if (rng_below (2) == 0)
            g_string_append (out, p->name);
          else
            {
              g_autofree char *spaced = g_strdup (p->name);

              g_strdelimit (spaced, "-", ' ');
              g_string_append (out, spaced);
            }
        }
      else if (dice < 12)
        {
          GenPerson *p = &people[rng_below (n_people)];

          g_string_append (out, p->aliases != NULL ? p->aliases[0] : p->name);
        }
      else if (dice < 14)
        g_string_append_printf (out, "episode %u", 1 + rng_below (16));
      else if (dice < 15)
        {
          g_autofree char *word = make_hangul (2 + rng_below (4));

          g_string_append (out, word);
        }
      else
        {
          const char *word = common_words[rng_below (G_N_ELEMENTS (common_words))];

          if (sentence_start)
            {
              g_string_append_c (out, g_ascii_toupper (word[0]));
              g_string_append (out, word + 1);
            }
          else
            g_string_append (out, word);
        }

      sentence_start = FALSE;
      if (rng_below (14) == 0)
        {
          g_string_append (out, rng_below (5) == 0 ? "’s." : ".");
          g_string_append_c (out, rng_below (6) == 0 ? '\n' : ' ');
          sentence_start = TRUE;
        }
    }
}

/* FNV-1a: a digest of every result, so two builds can be shown to link alike. */
static guint64
fnv1a (guint64     h,
       const void *data,
       gsize       n)
{
  const guchar *p = data;

  for (gsize i = 0; i < n; i++)
    h = (h ^ p[i]) * G_GUINT64_CONSTANT (1099511628211);
  return h;
}

/* CPU time: the machine may be shared, and wall time then says little. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;   /* KiB on Linux */
}

int
main (int   argc,
      char *argv[])
{
  guint n_shows = 1000, n_people = 10000, n_articles = 100000, n_reference = 300;
  GenShow *shows;
  GenPerson *people;
  g_autoptr(DramaMatcher) matcher = NULL;
  g_autoptr(GString) text = NULL;
  gsize *offsets;
  gint64 t0, t1, t2;
  guint64 n_matches = 0, n_linked = 0, n_episodes = 0, bytes;
  guint64 digest = G_GUINT64_CONSTANT (14695981039346656037);
  g_autoptr(RefMatcher) reference = ref_matcher_new ();
  double rate, reference_rate;
  long rss_before;
  double cpu0;

  for (int i = 1; i + 1 < argc; i += 2)
    {
      guint value = (guint) strtoul (argv[i + 1], NULL, 10);

      if (g_str_equal (argv[i], "--articles"))
        n_articles = value;
      else if (g_str_equal (argv[i], "--shows"))
        n_shows = MAX (value, 1);
      else if (g_str_equal (argv[i], "--people"))
        n_people = MAX (value, 1);
      else if (g_str_equal (argv[i], "--seed"))
        rng_state = value != 0 ? value : 1;
      else if (g_str_equal (argv[i], "--reference-articles"))
        n_reference = MAX (value, 1);
    }

  /* The dictionary. */
  shows = g_new0 (GenShow, n_shows);
  for (guint i = 0; i < n_shows; i++)
    {
      shows[i].title = make_title ();
      shows[i].akas = g_new0 (char *, 3);
      shows[i].akas[0] = make_hangul (3 + rng_below (5));
      if (rng_below (3) == 0)
        shows[i].akas[1] = make_title ();
    }
  people = g_new0 (GenPerson, n_people);
  for (guint i = 0; i < n_people; i++)
    {
      people[i].name = make_name ();
      people[i].n_shows = 1 + rng_below (3);
      for (guint k = 0; k < people[i].n_shows; k++)
        people[i].shows[k] = 1 + rng_below (n_shows);
      if (rng_below (20) == 0)
        {
          /* stage names: 1–3 capitals */
          guint len = 1 + rng_below (3);

          people[i].aliases = g_new0 (char *, 3);
          people[i].aliases[0] = g_malloc0 (len + 1);
          for (guint c = 0; c < len; c++)
            people[i].aliases[0][c] = (char) ('A' + rng_below (26));
          people[i].aliases[1] = make_hangul (3);
        }
    }

  t0 = g_get_monotonic_time ();
  matcher = drama_matcher_new ();
  for (guint i = 0; i < n_shows; i++)
    drama_matcher_add_show (matcher, i + 1, shows[i].title, (const char * const *) shows[i].akas,
                            1, 16);
  for (guint i = 0; i < n_people; i++)
    drama_matcher_add_person (matcher, 100000 + i, people[i].name,
                              (const char * const *) people[i].aliases,
                              people[i].shows, people[i].n_shows);
  drama_matcher_build (matcher);
  t1 = g_get_monotonic_time ();

  for (guint i = 0; i < n_shows; i++)
    {
      ref_matcher_add (reference, DRAMA_MATCH_KIND_SHOW, i + 1, shows[i].title);
      for (guint k = 0; shows[i].akas[k] != NULL; k++)
        ref_matcher_add (reference, DRAMA_MATCH_KIND_SHOW, i + 1, shows[i].akas[k]);
    }
  for (guint i = 0; i < n_people; i++)
    {
      ref_matcher_add (reference, DRAMA_MATCH_KIND_PERSON, 100000 + i, people[i].name);
      for (guint k = 0; people[i].aliases != NULL && people[i].aliases[k] != NULL; k++)
        ref_matcher_add (reference, DRAMA_MATCH_KIND_PERSON, 100000 + i, people[i].aliases[k]);
    }

  /* The articles, in one buffer: headline and body separated by NUL. */
  text = g_string_sized_new ((gsize) n_articles * 1600);
  offsets = g_new (gsize, (gsize) n_articles * 2);
  for (guint a = 0; a < n_articles; a++)
    {
      offsets[a * 2] = text->len;
      append_article (text, shows, n_shows, people, n_people);
      g_string_truncate (text, offsets[a * 2] + MIN (text->len - offsets[a * 2], 90));
      g_string_append_c (text, '\0');
      offsets[a * 2 + 1] = text->len;
      append_article (text, shows, n_shows, people, n_people);
      g_string_append_c (text, '\0');
    }
  bytes = text->len;
  rss_before = peak_rss_kib ();

  t2 = g_get_monotonic_time ();
  cpu0 = cpu_seconds ();
  for (guint a = 0; a < n_articles; a++)
    {
      g_autoptr(GPtrArray) matches = drama_matcher_match (matcher, text->str + offsets[a * 2],
                                                          text->str + offsets[a * 2 + 1]);

      n_matches += matches->len;
      n_linked += matches->len > 0;
      for (guint m = 0; m < matches->len; m++)
        {
          const DramaMatch *match = g_ptr_array_index (matches, m);
          gint64 fields[] = { match->kind, match->target_id, match->place, (gint64) match->offset,
                              (gint64) match->length, match->season, match->episode };

          n_episodes += match->episode > 0;
          digest = fnv1a (digest, fields, sizeof fields);
          digest = fnv1a (digest, match->matched, strlen (match->matched));
        }
      digest = fnv1a (digest, "\n", 1);
    }
  {
    gint64 t3 = g_get_monotonic_time ();
    double seconds = (t3 - t2) / 1e6;
    double cpu = cpu_seconds () - cpu0;

    printf ("dictionary: %u shows, %u people, %u terms, built in %.1f ms\n",
            n_shows, n_people, drama_matcher_get_n_terms (matcher), (t1 - t0) / 1e3);
    printf ("articles: %u (%.1f MB of text), %" G_GUINT64_FORMAT " linked, %" G_GUINT64_FORMAT
            " links, %" G_GUINT64_FORMAT " with an episode\n",
            n_articles, bytes / 1e6, n_linked, n_matches, n_episodes);
    printf ("results digest: %016" G_GINT64_MODIFIER "x\n", digest);
    rate = n_articles / cpu;
    printf ("matching: %.2f s CPU, %.0f articles/s, %.1f MB/s (wall %.2f s: %.0f articles/s)\n",
            cpu, rate, bytes / 1e6 / cpu, seconds, n_articles / seconds);
    printf ("peak RSS: %.1f MiB (%.1f MiB before matching; the articles alone take %.1f MiB)\n",
            peak_rss_kib () / 1024.0, rss_before / 1024.0, bytes / 1048576.0);
  }

  /* The reference, on the first articles (it needs a search per name). */
  {
    guint n = MIN (n_reference, n_articles);
    double cpu1 = cpu_seconds (), cpu;

    for (guint a = 0; a < n; a++)
      {
        g_autoptr(GPtrArray) matches = ref_matcher_match (reference, text->str + offsets[a * 2],
                                                          text->str + offsets[a * 2 + 1]);
      }
    cpu = cpu_seconds () - cpu1;
    reference_rate = n / cpu;
    printf ("reference (a strstr per name, strong names only): %.2f s CPU for %u articles, "
            "%.0f articles/s\n", cpu, n, reference_rate);
    printf ("matcher / reference: %.0f× (%.0f against %.0f articles/s)\n",
            rate / reference_rate, rate, reference_rate);
  }

  if (rate < TARGET)
    printf ("matching: FAIL: target missed: %.0f articles/s < %.0f\n", rate, TARGET);
  else
    printf ("matching: target met: %.0f articles/s >= %.0f\n", rate, TARGET);

  for (guint i = 0; i < n_shows; i++)
    {
      g_free (shows[i].title);
      g_strfreev (shows[i].akas);
    }
  for (guint i = 0; i < n_people; i++)
    {
      g_free (people[i].name);
      g_strfreev (people[i].aliases);
    }
  g_free (shows);
  g_free (people);
  g_free (offsets);
  return n_linked > 0 && rate >= TARGET ? 0 : 1;
}
