/* bench-library.c: see bench-library.h. */

#define G_LOG_DOMAIN "bench-library"

#include "config.h"

#include "bench-library.h"

#include <errno.h>
#include <signal.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "drama-html.h"
#include "drama-linker.h"
#include "drama-matcher.h"
#include "drama-store.h"
#include "drama-store-private.h"

#include <sqlite3.h>

/* Bump when the generated data changes: benchmarks then build the library again. */
#define GENERATOR_VERSION 6

#define SAVE_BATCH 500     /* articles per save: one feed's share */
#define FEEDS_PER_TRANSACTION 20
#define LINK_BATCH 5000    /* articles per drama_store_link_articles () */
#define CHECKED_TEXTS 300  /* articles whose text is checked against the HTML parser's */

/* 2019-05-22 12:00 UTC: articles are dated over the year before. */
#define BASE_TIME G_GINT64_CONSTANT (1558526400)

/* The filler text follows Zipf's law over a vocabulary of N_VOCABULARY words, as real text
 * does: these first, most frequent first (with about 300 words an article, "drama" is in
 * about 3 articles out of 4, "love" in half, "wedding" in a fifth), then made-up words of
 * three syllables, each in a few hundred articles. */
static const char * const common_words[] = {
  "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
  "by", "on", "not", "he", "she", "this", "are", "or", "his", "her", "drama", "from", "at",
  "which", "but", "have", "an", "had", "they", "you", "were", "their", "one", "all", "we",
  "love", "series", "actor", "actress", "episode", "ratings", "fans", "viewers", "filming",
  "cast", "director", "character", "story", "romance", "star", "role", "premiere", "teaser",
  "poster", "variety", "comeback", "stage", "interview", "photos", "revealed", "shared",
  "smiled", "laughed", "final", "upcoming", "special", "sweet", "about", "after", "before",
  "while", "scene", "script", "reading", "broadcast", "network", "season", "chemistry",
  "couple", "heart", "tears", "kiss", "wedding", "revenge", "mystery", "thriller", "comedy",
  "office", "doctor", "lawyer", "hospital", "school", "family", "mother", "father",
  "friends", "사랑", "드라마", "배우", "café", "secret", "palace", "melodrama", "webtoon",
  "remake", "spinoff", "cameo", "ost", "soundtrack", "finale", "cliffhanger", "subtitles",
  NULL
};

#define N_VOCABULARY 6000

static const char * const made_up_syllables[] = {
  "ka", "mo", "ri", "su", "ne", "to", "la", "pi", "do", "ge", "hu", "zo", "ba", "te", "vi",
  "ro", "ma", "ki", "nu", "se", "po", "da", "li", "fu", "wa", "ye", "jo", "ha", "ti", "mu",
};

/* Each in about 50 articles (2 % of the articles carry one of these 40). */
static const char * const rare_words[] = {
  "zeugma", "quixotic", "sesquipedalian", "pusillanimous", "defenestration", "callipygian",
  "borborygmus", "absquatulate", "bumbershoot", "cattywampus", "collywobbles", "flibbertigibbet",
  "gobbledygook", "hullabaloo", "kerfuffle", "lollygag", "nincompoop", "skedaddle",
  "snollygoster", "taradiddle", "widdershins", "xertz", "yarborough", "zarf", "brouhaha",
  "codswallop", "discombobulate", "fartlek", "gardyloo", "hornswoggle", "lickspittle",
  "mumpsimus", "nudiustertian", "octothorpe", "pandiculation", "quire", "rambunctious",
  "smellfungus", "tittynope", "ulotrichous",
  NULL
};

static const char * const title_first[] = {
  "Angel", "Secret", "Golden", "Silver", "Hidden", "Last", "First", "Crimson", "Blue",
  "Midnight", "Eternal", "Broken", "Sweet", "Bitter", "Royal", "Wild", "Silent", "Burning",
  "Frozen", "Lonely", "Lucky", "Strong", "Brave", "Lovely", "Mad", "Dear", "Strange",
  "Distant", "Falling", "Rising", "Shining", "Fragile", "Gentle", "Hot", "Cold", "Little",
  "Grand", "Holy", "Lost", "Twin",
};

static const char * const title_second[] = {
  "Mission", "Garden", "Palace", "Hotel", "Moon", "Runner", "Queen", "Prince", "Doctor",
  "Lawyer", "Summer", "Winter", "River", "Flower", "Tiger", "Ghost", "Goblin", "Kingdom",
  "Healer", "Signal", "Memory", "Island", "Castle", "Detective", "Legend", "Playlist",
  "Proposal", "Youth", "Dragon", "Fox", "Blossom", "Letter", "Promise", "Season", "Melody",
  "Diary", "Station", "Village", "Empire", "Voyage",
};

static const char * const surnames[] = {
  "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
  "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong",
};

static const char * const syllables[] = {
  "min", "jun", "seo", "yeon", "ji", "woo", "hyun", "soo", "jin", "young", "eun", "ho",
  "sung", "hee", "kyung", "jae", "won", "hye", "sun", "myung", "dong", "bin", "bo", "na",
  "ra",
};

G_STATIC_ASSERT (G_N_ELEMENTS (title_first) * G_N_ELEMENTS (title_second) >= BENCH_LIBRARY_N_SHOWS);
G_STATIC_ASSERT (G_N_ELEMENTS (surnames) * G_N_ELEMENTS (syllables) * G_N_ELEMENTS (syllables)
                 >= BENCH_LIBRARY_N_PEOPLE);

const char * const *
bench_library_common_words (void)
{
  return common_words;
}

const char * const *
bench_library_rare_words (void)
{
  return rare_words;
}

char *
bench_library_show_title (guint i)
{
  return g_strdup_printf ("%s %s", title_first[i % G_N_ELEMENTS (title_first)],
                          title_second[(i / G_N_ELEMENTS (title_first)) % G_N_ELEMENTS (title_second)]);
}

char *
bench_library_person_name (guint i)
{
  const guint ns = G_N_ELEMENTS (surnames), nsy = G_N_ELEMENTS (syllables);
  g_autofree char *given = g_strdup (syllables[(i / ns) % nsy]);

  given[0] = g_ascii_toupper (given[0]);
  return g_strdup_printf ("%s %s-%s", surnames[i % ns], given, syllables[(i / (ns * nsy)) % nsy]);
}

/* ---- the vocabulary ---- */

typedef struct {
  char   **words;        /* N_VOCABULARY, most frequent first */
  double  *cumulative;   /* Zipf: weight of rank r is 1 / r */
} Vocabulary;

static void
vocabulary_init (Vocabulary *v)
{
  guint n_common = G_N_ELEMENTS (common_words) - 1;
  const guint ns = G_N_ELEMENTS (made_up_syllables);
  double total = 0;

  v->words = g_new0 (char *, N_VOCABULARY + 1);
  v->cumulative = g_new (double, N_VOCABULARY);
  for (guint r = 0; r < N_VOCABULARY; r++)
    {
      if (r < n_common)
        v->words[r] = g_strdup (common_words[r]);
      else
        {
          /* A stride through the three-syllable words, so neighbours differ. */
          guint k = ((r - n_common) * 7919) % (ns * ns * ns);

          v->words[r] = g_strconcat (made_up_syllables[k % ns], made_up_syllables[(k / ns) % ns],
                                     made_up_syllables[k / (ns * ns)], NULL);
        }
      total += 1.0 / (r + 1);
      v->cumulative[r] = total;
    }
  for (guint r = 0; r < N_VOCABULARY; r++)
    v->cumulative[r] /= total;
}

static void
vocabulary_clear (Vocabulary *v)
{
  g_strfreev (v->words);
  g_free (v->cumulative);
}

/* ---- the random numbers: xorshift64*, the same everywhere ---- */

typedef struct {
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  rng->state ^= rng->state >> 12;
  rng->state ^= rng->state << 25;
  rng->state ^= rng->state >> 27;
  return rng->state * G_GUINT64_CONSTANT (2685821657736338717);
}

static guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_next (rng) % n);
}

/* A word of the vocabulary, by Zipf's law. */
static const char *
rng_word (Rng        *rng,
          Vocabulary *v)
{
  double x = (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
  guint lo = 0, hi = N_VOCABULARY - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (v->cumulative[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return v->words[lo];
}

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- big transactions ----
 *
 * Everything is written through the store's API, one call per show, per batch of a feed's
 * articles, per batch of links. Each call would be a transaction of its own; wrapped in an
 * outer one (the store counts nested ones) a few large transactions carry them all, and
 * the full-text index is written in large segments instead of merged again and again. */

static gboolean
batch_begin (DramaStore  *store,
             GError     **error)
{
  _drama_store_lock (store);
  if (_drama_store_begin (store, error))
    return TRUE;
  _drama_store_unlock (store);
  return FALSE;
}

static gboolean
batch_end (DramaStore  *store,
           gboolean     ok,
           GError     **error)
{
  if (ok)
    ok = _drama_store_commit (store, error);
  else
    _drama_store_rollback (store);
  _drama_store_unlock (store);
  return ok;
}

/* ---- shows and people ---- */

typedef struct {
  guint cast[BENCH_LIBRARY_N_CAST];   /* person numbers */
} GenShow;

static gboolean
save_shows (DramaStore  *store,
            Rng         *rng,
            GenShow     *shows,
            GError     **error)
{
  const char * const days[] = { "Saturday", "Sunday", NULL };

  for (guint s = 0; s < BENCH_LIBRARY_N_SHOWS; s++)
    {
      g_autoptr(DramaShow) show = drama_show_new ();
      g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *title = bench_library_show_title (s);
      /* A quarter still airing around BASE_TIME, the rest over. */
      gint64 first_air = BASE_TIME - (gint64) (s % 4 == 0 ? 8 : 20 + rng_below (rng, 400)) * 7 * 86400;

      drama_show_set_tvmaze_id (show, 100000 + s);
      drama_show_set_name (show, title);
      drama_show_set_language (show, "Korean");
      drama_show_set_status (show, s % 4 == 0 ? "Running" : "Ended");
      drama_show_set_network (show, "tvN");
      drama_show_set_country (show, "KR");
      drama_show_set_timezone (show, "Asia/Seoul");
      drama_show_set_schedule_time (show, "21:00");
      drama_show_set_schedule_days (show, days);
      drama_show_set_runtime (show, 70);
      drama_show_set_summary (show, "<p>A drama about love, family and a secret.</p>");
      drama_show_set_user_status (show, (DramaWatchStatus) (s % 5));

      for (guint e = 0; e < BENCH_LIBRARY_N_EPISODES; e++)
        {
          DramaEpisode *episode = drama_episode_new ();
          gint64 stamp = first_air + (gint64) (e / 2) * 7 * 86400 + (e % 2) * 86400;
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (stamp);
          g_autofree char *airdate = g_date_time_format (dt, "%Y-%m-%d");
          g_autofree char *name = g_strdup_printf ("Episode %u", e + 1);

          drama_episode_set_tvmaze_id (episode, (gint64) (100000 + s) * 100 + e);
          drama_episode_set_season (episode, 1);
          drama_episode_set_number (episode, e + 1);
          drama_episode_set_name (episode, name);
          drama_episode_set_airdate (episode, airdate);
          drama_episode_set_airtime (episode, "21:00");
          drama_episode_set_airstamp (episode, stamp);
          drama_episode_set_runtime (episode, 70);
          g_ptr_array_add (episodes, episode);
        }

      for (guint c = 0; c < BENCH_LIBRARY_N_CAST; c++)
        {
          DramaPerson *person = drama_person_new ();
          g_autofree char *name = NULL;
          g_autofree char *character = g_strdup_printf ("Role %u", c + 1);
          guint p;
          gboolean taken;

          /* Ten different people per show. */
          do
            {
              p = rng_below (rng, BENCH_LIBRARY_N_PEOPLE);
              taken = FALSE;
              for (guint k = 0; k < c; k++)
                taken |= shows[s].cast[k] == p;
            }
          while (taken);
          shows[s].cast[c] = p;
          name = bench_library_person_name (p);

          drama_person_set_tvmaze_id (person, 500000 + p);
          drama_person_set_name (person, name);
          drama_person_set_character (person, character);
          drama_person_set_cast_order (person, c);
          g_ptr_array_add (cast, person);
        }

      if (!drama_store_save_show (store, show, episodes, cast, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- articles ---- */

/* HTML and its plain text, written side by side: the text is what the feed parser would have
 * made of the HTML, so the store parses nothing (and that is checked, see below). */
typedef struct {
  GString *html;
  GString *text;
} Writer;

static void
put_word (Writer     *w,
          const char *html,
          const char *text)
{
  if (w->text->len > 0 && w->text->str[w->text->len - 1] != '\n')
    {
      g_string_append_c (w->html, ' ');
      g_string_append_c (w->text, ' ');
    }
  g_string_append (w->html, html);
  g_string_append (w->text, text);
}

/* A paragraph of n words: filler, a show title now and then (about one an article), a cast
 * name (two), an episode, a link, and rarely a rare word (in 2 % of the articles). */
static void
put_paragraph (Writer     *w,
               Rng        *rng,
               Vocabulary *vocab,
               GenShow    *shows,
               guint       n)
{
  g_string_append (w->html, "<p>");
  for (guint i = 0; i < n; i++)
    {
      guint dice = rng_below (rng, 100000);

      if (dice < 400)
        {
          g_autofree char *title = bench_library_show_title (rng_below (rng, BENCH_LIBRARY_N_SHOWS));
          g_autofree char *quoted = g_strdup_printf ("“%s”", title);

          put_word (w, quoted, quoted);
        }
      else if (dice < 1000)
        {
          GenShow *show = &shows[rng_below (rng, BENCH_LIBRARY_N_SHOWS)];
          g_autofree char *name = bench_library_person_name (show->cast[rng_below (rng, BENCH_LIBRARY_N_CAST)]);
          g_autofree char *bold = g_strdup_printf ("<b>%s</b>", name);

          put_word (w, bold, name);
        }
      else if (dice < 1300)
        {
          g_autofree char *episode = g_strdup_printf ("episode %u", 1 + rng_below (rng, 16));

          put_word (w, episode, episode);
        }
      else if (dice < 1800)
        {
          const char *word = rng_word (rng, vocab);
          g_autofree char *link = g_strdup_printf ("<a href=\"https://news%u.example.com/tag/%s\">%s</a>",
                                                   rng_below (rng, 50), word, word);

          put_word (w, link, word);
        }
      else if (dice < 1807)
        {
          const char *word = rare_words[rng_below (rng, G_N_ELEMENTS (rare_words) - 1)];

          put_word (w, word, word);
        }
      else
        {
          const char *word = rng_word (rng, vocab);

          put_word (w, word, word);
        }
    }
  g_string_append (w->html, ".</p>");
  g_string_append (w->text, ".\n\n");
}

static char *
writer_steal_text (Writer *w)
{
  /* Paragraphs are separated by a blank line, not ended by one. */
  while (w->text->len > 0 && w->text->str[w->text->len - 1] == '\n')
    g_string_truncate (w->text, w->text->len - 1);
  return g_string_free (g_steal_pointer (&w->text), FALSE);
}

static DramaArticle *
make_article (Rng        *rng,
              Vocabulary *vocab,
              GenShow    *shows,
              guint       feed,
              guint       n)
{
  DramaArticle *article = drama_article_new ();
  g_autofree char *link = g_strdup_printf ("https://news%u.example.com/2019/%u/", feed, n);
  g_autofree char *image = g_strdup_printf ("https://img%u.example.com/%u.jpg", feed, n);
  g_autofree char *summary = NULL, *summary_text = NULL, *content = NULL, *content_text = NULL;
  g_autofree char *text = NULL;
  Writer w;
  GString *title = g_string_new (NULL);
  guint dice = rng_below (rng, 100);

  /* Headlines: a show, a person or just words, as entertainment news has them. */
  if (dice < 30)
    {
      g_autofree char *show = bench_library_show_title (rng_below (rng, BENCH_LIBRARY_N_SHOWS));

      g_string_append_printf (title, "“%s” %s %s %s", show,
                              rng_word (rng, vocab),
                              rng_word (rng, vocab),
                              rng_word (rng, vocab));
    }
  else if (dice < 50)
    {
      GenShow *show = &shows[rng_below (rng, BENCH_LIBRARY_N_SHOWS)];
      g_autofree char *name = bench_library_person_name (show->cast[rng_below (rng, BENCH_LIBRARY_N_CAST)]);

      g_string_append_printf (title, "%s %s %s", name,
                              rng_word (rng, vocab),
                              rng_word (rng, vocab));
    }
  else
    {
      for (guint i = 0, n_words = 5 + rng_below (rng, 6); i < n_words; i++)
        g_string_append_printf (title, "%s%s", i > 0 ? " " : "",
                                rng_word (rng, vocab));
    }

  w.html = g_string_new (NULL);
  w.text = g_string_new (NULL);
  put_paragraph (&w, rng, vocab, shows, 30 + rng_below (rng, 20));
  summary = g_string_free (g_steal_pointer (&w.html), FALSE);
  summary_text = writer_steal_text (&w);

  w.html = g_string_new (NULL);
  w.text = g_string_new (NULL);
  /* As the sanitiser writes it. */
  g_string_append_printf (w.html, "<figure><img alt=\"\" src=\"%s\" /></figure>", image);
  for (guint p = 0, n_paragraphs = 3 + rng_below (rng, 3); p < n_paragraphs; p++)
    put_paragraph (&w, rng, vocab, shows, 40 + rng_below (rng, 40));
  content = g_string_free (g_steal_pointer (&w.html), FALSE);
  content_text = writer_steal_text (&w);
  text = drama_html_join_text (summary_text, content_text);

  drama_article_set_guid (article, link);
  drama_article_set_link (article, link);
  drama_article_set_title (article, title->str);
  drama_article_set_author (article, "Reporter");
  drama_article_set_image (article, image);
  drama_article_set_summary (article, summary);
  drama_article_set_content (article, content);
  drama_article_set_text (article, text);
  drama_article_set_published (article, BASE_TIME - (gint64) rng_below (rng, 365 * 86400));
  drama_article_set_fetched_at (article, BASE_TIME);
  g_string_free (title, TRUE);
  return article;
}

static gboolean
save_articles (DramaStore  *store,
               Rng         *rng,
               Vocabulary  *vocab,
               GenShow     *shows,
               GArray      *ids,
               GError     **error)
{
  guint made = 0;

  for (guint f = 0; f < BENCH_LIBRARY_N_FEEDS; f++)
    {
      g_autofree char *url = g_strdup_printf ("https://news%u.example.com/feed/", f);
      g_autofree char *feed_title = g_strdup_printf ("Drama News %u", f);
      g_autoptr(DramaFeed) feed = NULL;
      guint n_feed = BENCH_LIBRARY_N_ARTICLES / BENCH_LIBRARY_N_FEEDS;

      if (f % FEEDS_PER_TRANSACTION == 0 &&
          ((f > 0 && !batch_end (store, TRUE, error)) || !batch_begin (store, error)))
        return FALSE;
      feed = drama_store_add_feed (store, url, feed_title, error);
      if (feed == NULL)
        return batch_end (store, FALSE, NULL);
      for (guint from = 0; from < n_feed; from += SAVE_BATCH)
        {
          g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
          g_autoptr(GArray) new_ids = NULL;

          for (guint i = from; i < MIN (from + SAVE_BATCH, n_feed); i++, made++)
            {
              DramaArticle *article = make_article (rng, vocab, shows, f, made);

              /* The generator writes the text beside the HTML; make sure it is exactly what
               * the parser would have made, or the benchmarks would measure another app. */
              if (made < CHECKED_TEXTS)
                {
                  g_autofree char *parsed = drama_html_article_text (drama_article_get_summary (article),
                                                                     drama_article_get_content (article));

                  if (g_strcmp0 (parsed, drama_article_get_text (article)) != 0)
                    g_error ("Generated text differs from the parser's:\n%s\n---\n%s",
                             drama_article_get_text (article), parsed);
                }
              g_ptr_array_add (articles, article);
            }
          if (!drama_store_save_articles (store, drama_feed_get_id (feed), articles, &new_ids,
                                          error))
            return batch_end (store, FALSE, NULL);
          g_array_append_vals (ids, new_ids->data, new_ids->len);
        }
    }
  return batch_end (store, TRUE, error);
}

typedef struct {
  DramaStore   *store;
  DramaMatcher *matcher;
  GArray       *ids;
  guint         first;     /* batches first, first + 2, … */
  GError       *error;
} Linking;

static gpointer
link_batches (gpointer data)
{
  Linking *l = data;

  for (guint from = l->first * LINK_BATCH; from < l->ids->len; from += 2 * LINK_BATCH)
    if (!drama_store_link_articles (l->store, l->matcher, &g_array_index (l->ids, gint64, from),
                                    MIN (LINK_BATCH, l->ids->len - from), &l->error))
      break;
  return NULL;
}

/* On two threads, as matching (most of the work) runs without the store lock. */
static gboolean
link_articles (DramaStore  *store,
               GArray      *ids,
               GError     **error)
{
  g_autoptr(DramaMatcher) matcher = drama_store_build_matcher (store, error);
  Linking halves[2] = { { store, matcher, ids, 0, NULL }, { store, matcher, ids, 1, NULL } };
  GThread *other;

  if (matcher == NULL)
    return FALSE;
  other = g_thread_new ("bench-link", link_batches, &halves[1]);
  link_batches (&halves[0]);
  g_thread_join (other);
  for (guint i = 0; i < 2; i++)
    if (halves[i].error != NULL)
      {
        g_propagate_error (error, halves[i].error);
        g_clear_error (&halves[1 - i].error);
        return FALSE;
      }
  return TRUE;
}

static gboolean
mark_articles (DramaStore  *store,
               GArray      *ids,
               GError     **error)
{
  g_autoptr(GArray) read = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ids->len; i += 3)
    g_array_append_val (read, g_array_index (ids, gint64, i));
  if (!drama_store_set_articles_read (store, (const gint64 *) (gpointer) read->data, read->len,
                                      TRUE, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i += 100)
    if (!drama_store_set_article_starred (store, g_array_index (ids, gint64, i), TRUE, error))
      return FALSE;
  return TRUE;
}

/* The links above were written directly; the app's linker also keeps the fingerprint of
 * the dictionary they were made with. Without it, every copy of the library would start
 * with a full relink in the background (seconds of CPU at every benchmark's start, which
 * a user's library does only once): let the linker settle once, here. */
static gboolean
settle_linker (DramaStore  *store,
               GError     **error)
{
  g_autoptr(DramaLinker) linker = drama_linker_new (store);
  g_autofree char *fingerprint = NULL;

  while (drama_linker_get_busy (linker))
    g_main_context_iteration (NULL, TRUE);
  fingerprint = drama_store_get_meta (store, "links_fingerprint", error);
  if (fingerprint == NULL && (error == NULL || *error == NULL))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "The linker did not record the fingerprint of its links");
  return fingerprint != NULL;
}

static gboolean
build_large (DramaStore  *store,
             GError     **error)
{
  Rng rng = { G_GUINT64_CONSTANT (88172645463325252) };
  g_autofree GenShow *shows = g_new0 (GenShow, BENCH_LIBRARY_N_SHOWS);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), BENCH_LIBRARY_N_ARTICLES);
  Vocabulary vocab;
  struct rusage usage;
  double t0 = now_s (), t1, t2, t3;
  gboolean saved;

  /* Speed only: a generated library needs no durability (a crash leaves no file, see
   * bench_library_ensure), so no write-ahead log (each page would be written twice) and no
   * syncing; and it gains from a large cache while it is written. The file is left in WAL
   * mode, as the app leaves it. */
  if (!_drama_store_exec (store, "PRAGMA journal_mode = MEMORY", error) ||
      !_drama_store_exec (store, "PRAGMA synchronous = OFF", error) ||
      !_drama_store_exec (store, "PRAGMA cache_size = -262144", error))
    return FALSE;
  if (!batch_begin (store, error))
    return FALSE;
  saved = save_shows (store, &rng, shows, error);
  if (!batch_end (store, saved, saved ? error : NULL) || !saved)
    return FALSE;
  t1 = now_s ();
  vocabulary_init (&vocab);
  saved = save_articles (store, &rng, &vocab, shows, ids, error);
  vocabulary_clear (&vocab);
  if (!saved)
    return FALSE;
  t2 = now_s ();
  if (!link_articles (store, ids, error))
    return FALSE;
  t3 = now_s ();
  if (!mark_articles (store, ids, error))
    return FALSE;
  if (!settle_linker (store, error))
    return FALSE;
  getrusage (RUSAGE_SELF, &usage);
  printf ("bench-library: %u shows in %.1f s, %u articles in %.1f s, linked in %.1f s "
          "(CPU so far %.1f s)\n", BENCH_LIBRARY_N_SHOWS, t1 - t0, ids->len, t2 - t1, t3 - t2,
          usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
          usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6);
  return _drama_store_exec (store, "PRAGMA journal_mode = WAL", error);
}

/* ---- LARGE as version 4 ---- */

/* Version 4's index and triggers, as released (its triggers call drama_text (), which only
 * Dramalist 4 registered; the upgrade drops them unused). */
static const char v4_schema[] =
  "DROP TRIGGER articles_fts_insert;"
  "DROP TRIGGER articles_fts_delete;"
  "DROP TRIGGER articles_fts_update;"
  "DROP TABLE articles_fts;"
  "DROP TABLE articles_todo;"
  "DROP TABLE articles_fts_batch;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body);"
  "INSERT INTO articles_fts(rowid, title, body) SELECT id, title, text FROM articles;"
  "ALTER TABLE articles DROP COLUMN text;"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  " INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title,"
  " IFNULL(drama_text(new.summary), '') || ' ' || IFNULL(drama_text(new.content), ''));"
  " END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  " DELETE FROM articles_fts WHERE rowid = old.id;"
  " END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, content ON articles"
  " WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary"
  " OR old.content IS NOT new.content BEGIN"
  " DELETE FROM articles_fts WHERE rowid = old.id;"
  " INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title,"
  " IFNULL(drama_text(new.summary), '') || ' ' || IFNULL(drama_text(new.content), ''));"
  " END;"
  "PRAGMA user_version = 4;";

/* From a copy of LARGE: its index gets version 4's form, fed with the texts the articles
 * have (the same words), and the text column goes. */
static gboolean
build_large_v4 (const char  *path,
                GError     **error)
{
  g_autofree char *large = bench_library_ensure (BENCH_LIBRARY_LARGE, error);
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  int rc;

  if (large == NULL)
    return FALSE;
  from = g_file_new_for_path (large);
  to = g_file_new_for_path (path);
  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return FALSE;

  rc = sqlite3_open (path, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;"
                           "PRAGMA secure_delete = OFF; PRAGMA cache_size = -262144;"
                           "BEGIN;", NULL, NULL, &errmsg);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, v4_schema, NULL, NULL, &errmsg);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT; PRAGMA journal_mode = WAL;", NULL, NULL, &errmsg);
  if (rc != SQLITE_OK)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not make a version 4 library: %s",
                 errmsg != NULL ? errmsg : sqlite3_errstr (rc));
  sqlite3_free (errmsg);
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

/* ---- files ---- */

static const char *
kind_name (BenchLibraryKind kind)
{
  switch (kind)
    {
    case BENCH_LIBRARY_LARGE:
      return "large";
    case BENCH_LIBRARY_LARGE_V4:
      return "large-v4";
    case BENCH_LIBRARY_EMPTY:
    default:
      return "empty";
    }
}

static char *
library_dir (void)
{
  const char *build_dir = g_getenv ("G_TEST_BUILDDIR");

  return g_build_filename (build_dir != NULL ? build_dir : ".", "bench-libraries", NULL);
}

static void
remove_db (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Libraries of this kind made by another generator or schema version: gigabytes in time. */
static void
remove_outdated (const char *dir,
                 const char *kind,
                 const char *current)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf ("%s-g", kind);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      const char *tmp = strstr (name, ".db.tmp-");

      /* Also what a run killed while building left (".db.tmp-PID", PID gone). */
      if (tmp != NULL && kill ((pid_t) g_ascii_strtoll (tmp + strlen (".db.tmp-"), NULL, 10), 0) == 0)
        continue;
      if (g_str_has_prefix (name, prefix) && strcmp (name, current) != 0 &&
          (g_str_has_suffix (name, ".db") || tmp != NULL))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          remove_db (path);
        }
    }
}

char *
bench_library_ensure (BenchLibraryKind   kind,
                      GError           **error)
{
  g_autofree char *dir = library_dir ();
  g_autofree char *name = g_strdup_printf ("%s-g%d-s%d.db", kind_name (kind), GENERATOR_VERSION,
                                           DRAMA_STORE_SCHEMA_VERSION);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *tmp = NULL;
  g_autoptr(DramaStore) store = NULL;
  double t0;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "Could not create %s", dir);
      return NULL;
    }
  remove_outdated (dir, kind_name (kind), name);

  /* Built aside and renamed when complete: a run killed half-way leaves no half library. */
  tmp = g_strdup_printf ("%s.tmp-%d", path, (int) getpid ());
  remove_db (tmp);
  t0 = now_s ();
  if (kind == BENCH_LIBRARY_LARGE_V4)
    {
      if (!build_large_v4 (tmp, error))
        {
          remove_db (tmp);
          return NULL;
        }
    }
  else
    {
      store = drama_store_new (tmp, error);
      if (store == NULL)
        return NULL;
      if (kind == BENCH_LIBRARY_LARGE && !build_large (store, error))
        {
          g_clear_object (&store);
          remove_db (tmp);
          return NULL;
        }
      g_clear_object (&store);   /* checkpoints and removes the WAL */
    }

  if (g_rename (tmp, path) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "Could not rename %s", tmp);
      remove_db (tmp);
      return NULL;
    }
  printf ("bench-library: built the %s library in %.1f s: %s\n", kind_name (kind),
          now_s () - t0, path);
  return g_steal_pointer (&path);
}

char *
bench_library_copy (BenchLibraryKind   kind,
                    GError           **error)
{
  g_autofree char *source = bench_library_ensure (kind, error);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;

  if (source == NULL)
    return NULL;
  dir = g_dir_make_tmp ("bench-library-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "library.db", NULL);
  from = g_file_new_for_path (source);
  to = g_file_new_for_path (path);
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    {
      g_rmdir (dir);
      return NULL;
    }
  return g_steal_pointer (&path);
}

void
bench_library_remove_copy (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  remove_db (path);
  g_rmdir (dir);
}
