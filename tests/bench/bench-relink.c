/* Relinking after a dictionary change, in a real SQLite file in a temporary folder:
 *  - a watchlist of 200 shows with 10 cast each (Latin names, Hangul titles) and 100,000
 *    generated articles that name them, and other people, in English and Korean;
 *  - the linker links it all, then a new show with 10 new cast names (and a Hangul title)
 *    is saved: the time from the save until the linker is idle again (its wait for the end
 *    of a burst of changes included) is the targeted relink; three shows one after the
 *    other, the median counts;
 *  - beside it, in the same run, drama_store_relink_all over the same library with the same
 *    dictionary: what every dictionary change cost before.
 * Prints both and their ratio; fails when the targeted relink takes 1 s or more, or leaves
 * links that differ from the full relink's. Options: --articles N (default 100000),
 * --keep (leave the database and print its path). */

#define G_LOG_DOMAIN "bench-relink"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drama-linker.h"
#include "drama-matcher.h"
#include "drama-store.h"
#include "bench-stats.h"

#define N_SHOWS 200
#define CAST_PER_SHOW 10
#define N_OUTSIDERS 1000     /* people no show on the watchlist credits */
#define N_NEW_SHOWS 3        /* added one after the other: the median counts */
#define BATCH 1000
#define TARGET_MS 1000.0

/* xorshift64*: the same library on every run. */
static guint64 rng_state = 88172645463325252ULL;

static guint
rng_below (guint n)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (guint) ((rng_state * 2685821657736338717ULL) % n);
}

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static const char * const families[] = {
  "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
  "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong",
};
static const char * const givens[] = {
  "Min", "Ji", "Seo", "Hye", "Sun", "Woo", "Jin", "Soo", "Hyun", "Eun", "Ha", "Joon",
  "Yeon", "Young", "Sung", "Hee", "Kyung", "Tae", "Jae", "Won", "Bin", "Na", "Ra", "Gyu",
};
static const char * const hangul[] = {
  "사랑", "하늘", "바람", "별", "꿈", "봄", "밤", "비밀", "정원", "약속", "기억", "노래",
};
/* Show titles: words articles use only when they name the show, as real titles mostly
 * are ("Hotel del Luna", "Queen of Tears"). */
static const char * const title_words[][12] = {
  { "Crimson", "Silent", "Golden", "Hidden", "Wandering", "Eternal", "Frozen", "Scarlet",
    "Velvet", "Electric", "Lonely", "Midnight" },
  { "Harbor", "Letters", "Kingdom", "Promise", "Melody", "Lantern", "Compass", "Orchard",
    "Voyage", "Canvas", "Station", "Blossom" },
  { "Diaries", "Chronicles", "Rhapsody", "Gambit", "Requiem", "Serenade", "Odyssey",
    "Prelude", "Saga", "Legacy", "Riddle", "Ballad" },
};

static const char * const words[] = {
  "the", "drama", "actor", "actress", "episode", "ratings", "fans", "viewers", "filming",
  "cast", "director", "character", "story", "love", "romance", "series", "star", "role",
  "premiere", "teaser", "poster", "variety", "comeback", "stage", "interview", "photos",
  "revealed", "shared", "smiled", "laughed", "final", "upcoming", "special", "sweet", "of",
  "and", "in", "with", "for", "on", "at", "about", "after", "before", "while", "their",
  "hotel", "moon", "secret", "garden", "queen", "doctor", "lawyer", "summer", "winter",
  "드라마", "배우", "시청률", "팬들", "촬영",
};

/* Names: [0, N_SHOWS * CAST_PER_SHOW) the watchlist's cast, then the new shows' 10 each,
 * then the outsiders. Shows [N_SHOWS, N_SHOWS + N_NEW_SHOWS) are the new ones. */
#define N_NAMES (N_SHOWS * CAST_PER_SHOW + N_NEW_SHOWS * CAST_PER_SHOW + N_OUTSIDERS)
#define NEW_CAST (N_SHOWS * CAST_PER_SHOW)

static char *names[N_NAMES];
static char *titles[N_SHOWS + N_NEW_SHOWS];
static char *akas[N_SHOWS + N_NEW_SHOWS];

static void
make_names (void)
{
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < N_NAMES; i++)
    {
      char *name;

      do
        {
          g_autofree char *second = g_ascii_strdown (givens[rng_below (G_N_ELEMENTS (givens))], -1);

          name = g_strdup_printf ("%s %s-%s", families[rng_below (G_N_ELEMENTS (families))],
                                  givens[rng_below (G_N_ELEMENTS (givens))], second);
          if (g_hash_table_contains (seen, name))
            g_clear_pointer (&name, g_free);
        }
      while (name == NULL);
      g_hash_table_add (seen, name);
      names[i] = name;
    }
  g_hash_table_unref (seen);

  for (guint s = 0; s < N_SHOWS + N_NEW_SHOWS; s++)
    {
      titles[s] = g_strdup_printf ("%s %s %s", title_words[0][s % 12], title_words[1][(s / 12) % 12],
                                   title_words[2][(s * 7 + s / 144) % 12]);
      akas[s] = g_strdup_printf ("%s의 %s %u", hangul[s % G_N_ELEMENTS (hangul)],
                                 hangul[(s / 12) % G_N_ELEMENTS (hangul)], s);
    }
}

static void
save_show (DramaStore *store,
           guint       s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  const char *other[] = { akas[s], NULL };
  guint first = s * CAST_PER_SHOW;

  drama_show_set_tvmaze_id (show, 1 + s);
  drama_show_set_name (show, titles[s]);
  drama_show_set_akas (show, other);
  for (guint c = 0; c < CAST_PER_SHOW; c++)
    {
      DramaPerson *person = drama_person_new ();

      drama_person_set_tvmaze_id (person, 100000 + first + c);
      drama_person_set_name (person, names[first + c]);
      drama_person_set_cast_order (person, (int) c + 1);
      g_ptr_array_add (cast, person);
    }
  for (int n = 1; n <= 16; n++)
    {
      DramaEpisode *episode = drama_episode_new ();

      drama_episode_set_tvmaze_id (episode, (1 + s) * 100 + n);
      drama_episode_set_season (episode, 1);
      drama_episode_set_number (episode, n);
      g_ptr_array_add (episodes, episode);
    }
  if (!drama_store_save_show (store, show, episodes, cast, &error))
    g_error ("Could not save a show: %s", error->message);
}

/* A name an article mentions: each new show's cast and title as often as a popular show's
 * (about 1 % of the articles name one of them), the rest spread over everyone. */
static void
append_mention (GString *s)
{
  guint pick = rng_below (1000);
  guint new_show = N_SHOWS + pick % N_NEW_SHOWS;

  if (pick < 4 * N_NEW_SHOWS)
    g_string_append (s, names[new_show * CAST_PER_SHOW + rng_below (CAST_PER_SHOW)]);
  else if (pick < 5 * N_NEW_SHOWS)
    g_string_append (s, titles[new_show]);
  else if (pick < 6 * N_NEW_SHOWS)
    g_string_append_printf (s, "배우%s", akas[new_show]);   /* the Hangul title inside a word */
  else if (pick < 900)
    {
      guint who = rng_below (NEW_CAST + N_OUTSIDERS);

      g_string_append (s, names[who < NEW_CAST ? who : who + N_NEW_SHOWS * CAST_PER_SHOW]);
    }
  else if (pick < 950)
    g_string_append (s, titles[rng_below (N_SHOWS)]);
  else
    g_string_append_printf (s, "%s %u회", akas[rng_below (N_SHOWS)], 1 + rng_below (16));
}

static void
append_words (GString *s,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (s, ' ');
      /* Most articles name someone, as entertainment news does. */
      if (rng_below (100) == 0)
        append_mention (s);
      else
        g_string_append (s, words[rng_below (G_N_ELEMENTS (words))]);
    }
}

static DramaArticle *
make_article (guint n)
{
  DramaArticle *article = drama_article_new ();
  g_autofree char *guid = g_strdup_printf ("https://news.example.com/%u", n);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) content = g_string_new (NULL);

  /* The size of a feed's article (as bench-store's): a headline, a summary paragraph and
   * four paragraphs of content with a link each, about 1.5 KB. */
  append_words (title, 6 + rng_below (8));
  g_string_append (summary, "<p>");
  append_words (summary, 30 + rng_below (20));
  g_string_append (summary, "</p>");
  for (guint p = 0; p < 4; p++)
    {
      g_string_append (content, "<p>");
      append_words (content, 25 + rng_below (15));
      g_string_append_printf (content, " <a href=\"https://news.example.com/tag/%u\">more</a>.</p>",
                              rng_below (300));
    }
  drama_article_set_guid (article, guid);
  drama_article_set_title (article, title->str + 1);
  drama_article_set_summary (article, summary->str);
  drama_article_set_content (article, content->str);
  drama_article_set_published (article, 1558526400 + n);
  return article;
}

static void
on_links_changed (DramaStore       *store,
                  DramaStoreChange *change,
                  GHashTable       *relinked)
{
  guint n_ids;
  const gint64 *ids = drama_store_change_get_ids (change, &n_ids);

  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (relinked, g_memdup2 (&ids[i], sizeof ids[i]));
}

static void
wait_idle (DramaLinker *linker)
{
  while (drama_linker_get_busy (linker))
    g_main_context_iteration (NULL, TRUE);
}

/* Every link as text, in order: what two relinks must agree on. */
static char *
dump_links (DramaStore *store,
            guint       n_articles)
{
  GString *out = g_string_new (NULL);

  for (gint64 id = 1; id <= (gint64) n_articles; id++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) matches = drama_store_list_article_matches (store, id, &error);

      if (matches == NULL)
        g_error ("Could not read links: %s", error->message);
      for (guint i = 0; i < matches->len; i++)
        {
          const DramaMatch *m = g_ptr_array_index (matches, i);

          g_string_append_printf (out, "%" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %s %d %d %d\n",
                                  id, m->kind, m->target_id, m->matched, m->place, m->season,
                                  m->episode);
        }
    }
  return g_string_free (out, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(DramaLinker) linker = NULL;
  g_autoptr(DramaMatcher) matcher = NULL;
  g_autoptr(GHashTable) relinked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *targeted_links = NULL;
  g_autofree char *full_links = NULL;
  guint n_articles = 100000;
  gboolean keep = FALSE, ok = TRUE;
  double t0, generate_ms, first_ms, targeted_ms[N_NEW_SHOWS], median_ms, full_ms;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--articles") && i + 1 < argc)
        n_articles = (guint) atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--keep"))
        keep = TRUE;
    }

  dir = g_dir_make_tmp ("bench-relink-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "library.db", NULL);
  store = drama_store_new (path, &error);
  g_assert_no_error (error);
  feed = drama_store_add_feed (store, "https://news.example.com/feed", "News", &error);
  g_assert_no_error (error);

  t0 = now_ms ();
  make_names ();
  for (guint s = 0; s < N_SHOWS; s++)
    save_show (store, s);
  for (guint made = 0; made < n_articles;)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      while (batch->len < BATCH && made < n_articles)
        g_ptr_array_add (batch, make_article (made++));
      if (!drama_store_save_articles (store, drama_feed_get_id (feed), batch, NULL, &error))
        g_error ("Could not save articles: %s", error->message);
    }
  generate_ms = now_ms () - t0;

  /* The first linker on the library links everything. */
  t0 = now_ms ();
  linker = drama_linker_new (store);
  wait_idle (linker);
  first_ms = now_ms () - t0;

  printf ("relink: %u shows with %u cast each, %u articles, generated in %.1f s; "
          "first link of the library %.1f s\n",
          N_SHOWS, CAST_PER_SHOW, n_articles, generate_ms / 1e3, first_ms / 1e3);

  /* New shows with 10 cast names each, one after the other: save one, wait until the
   * linker is done. */
  g_signal_connect (store, "changed::link", G_CALLBACK (on_links_changed), relinked);
  for (guint k = 0; k < N_NEW_SHOWS; k++)
    {
      t0 = now_ms ();
      save_show (store, N_SHOWS + k);
      wait_idle (linker);
      targeted_ms[k] = now_ms () - t0;
      printf ("relink: new show %u with %u cast names: %.0f ms\n", k + 1, CAST_PER_SHOW,
              targeted_ms[k]);
    }
  g_signal_handlers_disconnect_by_func (store, on_links_changed, relinked);
  targeted_links = dump_links (store, n_articles);
  qsort (targeted_ms, N_NEW_SHOWS, sizeof (double), bench_compare_double);
  median_ms = targeted_ms[N_NEW_SHOWS / 2];

  /* The same dictionary, every article. */
  matcher = drama_store_build_matcher (store, &error);
  g_assert_no_error (error);
  t0 = now_ms ();
  if (!drama_store_relink_all (store, matcher, NULL, &error))
    g_error ("Could not relink: %s", error->message);
  full_ms = now_ms () - t0;
  full_links = dump_links (store, n_articles);

  printf ("relink: one new show with %u cast names, median of %u: %.0f ms from the save until "
          "its articles are linked (%u articles changed links in all)\n",
          CAST_PER_SHOW, N_NEW_SHOWS, median_ms, g_hash_table_size (relinked));
  printf ("relink: every article (drama_store_relink_all): %.0f ms; the targeted relink is "
          "%.1fx faster\n", full_ms, full_ms / median_ms);

  if (g_strcmp0 (targeted_links, full_links) != 0)
    {
      printf ("relink: FAIL: the targeted relink left other links than a full relink\n");
      ok = FALSE;
    }
  if (median_ms >= TARGET_MS)
    {
      printf ("relink: FAIL: target missed: relink after a dictionary change %.0f ms >= %.0f ms\n",
              median_ms, TARGET_MS);
      ok = FALSE;
    }
  else
    printf ("relink: target met: relink after a dictionary change %.0f ms < %.0f ms\n",
            median_ms, TARGET_MS);

  g_clear_object (&linker);
  g_clear_object (&store);
  if (keep)
    printf ("relink: library kept in %s\n", path);
  else
    {
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

          g_unlink (file);
        }
      g_rmdir (dir);
    }
  return ok ? 0 : 1;
}
