/* The linker against a real SQLite file: after each change of the dictionary (a new show,
 * an alias added or removed, a show removed and brought back, a refresh that renumbers
 * episodes or changes a cast) it relinks only the articles the change can touch, and the
 * links it leaves are exactly those a relink of the whole library gives. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "drama-linker.h"
#include "drama-matcher.h"
#include "drama-store.h"

#define N_ARTICLES 400      /* generated */
#define N_CASES 5           /* written by hand (save_articles) */
#define N_PEOPLE 32
#define N_FIRST_PEOPLE 24   /* people 24..31 arrive with the new show */

/* ---- the generated library ---- */

typedef struct {
  const char *latin;
  const char *hangul;
} Syllable;

static const Syllable families[] = {
  { "Kim", "김" }, { "Lee", "이" }, { "Park", "박" }, { "Choi", "최" },
  { "Jung", "정" }, { "Kang", "강" }, { "Shin", "신" }, { "Han", "한" },
};

static const Syllable givens[] = {
  { "Min", "민" }, { "Ji", "지" }, { "Hye", "혜" }, { "Sun", "선" }, { "Woo", "우" },
  { "Jin", "진" }, { "Soo", "수" }, { "Eun", "은" }, { "Ha", "하" }, { "Yeon", "연" },
};

typedef struct {
  char *latin;     /* "Kim Min-ji" */
  char *spaced;    /* "Kim Min Ji" */
  char *hangul;    /* "김민지" */
} Name;

static Name people[N_PEOPLE];

static void
make_people (void)
{
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      const Syllable *f = &families[i % G_N_ELEMENTS (families)];
      const Syllable *g1 = &givens[(i * 3) % G_N_ELEMENTS (givens)];
      const Syllable *g2 = &givens[(i * 7 + 1 + i / 10) % G_N_ELEMENTS (givens)];
      g_autofree char *lower = g_ascii_strdown (g2->latin, -1);

      people[i].latin = g_strdup_printf ("%s %s-%s", f->latin, g1->latin, lower);
      people[i].spaced = g_strdup_printf ("%s %s %s", f->latin, g1->latin, g2->latin);
      people[i].hangul = g_strdup_printf ("%s%s%s", f->hangul, g1->hangul, g2->hangul);
    }
}

typedef struct {
  gint64      tvmaze_id;
  const char *title;
  const char *aka;      /* Hangul, may be NULL */
  guint       cast[6];  /* people indexes + 1, 0 ends */
} ShowSpec;

enum { MIDNIGHT, LETTERS, SIGNAL, ANGEL, FLOWER, HOTEL, GARDEN, N_SHOWS };

/* GARDEN comes later, with new people. SIGNAL's title is one word (weak); FLOWER has a
 * one-letter Hangul aka (weak). */
static const ShowSpec shows[N_SHOWS] = {
  { 9001, "Midnight Harbor", "한밤의 항구", { 1, 2, 3, 4 } },
  { 9002, "Crash Landing Letters", "사랑의 편지", { 5, 6, 7, 8, 1 } },
  { 9003, "Signal", NULL, { 9, 10, 11, 12 } },
  { 9004, "Angel's Last Mission: Love", "단, 하나의 사랑", { 13, 14, 15, 16 } },
  { 9005, "Flower Road", "꽃", { 17, 18, 19, 20 } },
  { 9006, "Hotel del Luna", "호텔 델루나", { 21, 22, 23, 24, 2 } },
  { 9007, "Tomorrow's Garden", "내일의 정원", { 25, 26, 27, 28, 3, 10 } },
};

static const char * const fillers[] = {
  "Fans gathered outside the studio.",
  "The drama aired its finale last night.",
  "Ratings rose again this week.",
  "팬들이 환호했다.",
  "A new poster was released.",
  "The cast was spotted in L.A. last week.",
  "An L-shaped set was built for the shoot.",
  "시청률이 올랐다.",
  "Netizens reacted to the news.",
  "The series premiere is set for May.",
};

static char *
mention_person (GRand *rand,
                guint  p)
{
  switch (g_rand_int_range (rand, 0, 9))
    {
    case 0: return g_strdup (people[p].latin);
    case 1: return g_strdup (people[p].spaced);
    case 2: return g_ascii_strup (people[p].latin, -1);
    case 3: return g_strdup_printf ("%s’s", people[p].latin);
    case 4: return g_strdup (people[p].hangul);
    case 5: return g_strdup_printf ("%s가", people[p].hangul);
    case 6: return g_strdup_printf ("배우%s는", people[p].hangul);   /* inside a word */
    case 7: return g_strdup_printf ("%s씨", people[p].hangul + 3);   /* the given name only */
    default: return g_strdup ("L");                                   /* a stage name */
    }
}

static char *
mention_show (GRand *rand,
              guint  s)
{
  const ShowSpec *show = &shows[s];

  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0: return g_strdup (show->title);
    case 1: return g_strdup_printf ("“%s”", show->title);
    case 2: return g_strdup_printf ("%s episode %d", show->title, g_rand_int_range (rand, 1, 18));
    case 3: return show->aka != NULL ? g_strdup_printf ("%s %d회", show->aka, g_rand_int_range (rand, 1, 18))
                                     : g_strdup (show->title);
    case 4: return show->aka != NULL ? g_strdup_printf ("드라마%s", show->aka)   /* glued */
                                     : g_strdup_printf ("'%s'", show->title);
    case 5: return g_strdup ("꽃님이");          /* "꽃" inside a longer word */
    default: return g_strdup_printf ("the %s finale", show->title);
    }
}

static char *
random_sentence (GRand *rand)
{
  int kind = g_rand_int_range (rand, 0, 10);

  if (kind < 4)
    {
      g_autofree char *who = mention_person (rand, g_rand_int_range (rand, 0, N_PEOPLE));

      return g_strdup_printf ("%s %s", who, fillers[g_rand_int_range (rand, 0, G_N_ELEMENTS (fillers))]);
    }
  if (kind < 7)
    {
      g_autofree char *what = mention_show (rand, g_rand_int_range (rand, 0, N_SHOWS));

      return g_strdup_printf ("News about %s. %s", what,
                              fillers[g_rand_int_range (rand, 0, G_N_ELEMENTS (fillers))]);
    }
  return g_strdup (fillers[g_rand_int_range (rand, 0, G_N_ELEMENTS (fillers))]);
}

/* ---- fixture ---- */

typedef struct {
  char        *dir;
  char        *path;
  DramaStore  *store;
  gint64       feed_id;
  gint64       show_ids[N_SHOWS];
  gint64       person_ids[N_PEOPLE];
  DramaLinker *linker;
  GArray      *relinked;     /* ids of every "changed::link": the articles whose links changed */
  guint        n_whole;      /* "changed::link" for the whole library */
} Fixture;

static GPtrArray *
make_episodes (guint count,
               guint skip)   /* an episode number left out, 0 = none */
{
  GPtrArray *episodes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint n = 1; n <= count; n++)
    {
      DramaEpisode *episode;

      if (n == skip)
        continue;
      episode = drama_episode_new ();
      drama_episode_set_season (episode, 1);
      drama_episode_set_number (episode, n);
      drama_episode_set_airstamp (episode, 1500000000 + n * 86400);
      g_ptr_array_add (episodes, episode);
    }
  return episodes;
}

/* Saves (or saves again, as a refresh does) a show with its cast and episodes. */
static void
save_show (Fixture    *fx,
           guint       s,
           const guint *cast,      /* NULL = the spec's */
           guint        n_episodes,
           guint        skip)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) episodes = make_episodes (n_episodes, skip);
  const char *akas[] = { shows[s].aka, NULL };

  if (cast == NULL)
    cast = shows[s].cast;
  drama_show_set_tvmaze_id (show, shows[s].tvmaze_id);
  drama_show_set_name (show, shows[s].title);
  drama_show_set_akas (show, akas);
  for (guint i = 0; i < 6 && cast[i] != 0; i++)
    {
      DramaPerson *person = drama_person_new ();

      drama_person_set_tvmaze_id (person, 5000 + cast[i]);
      drama_person_set_name (person, people[cast[i] - 1].latin);
      drama_person_set_cast_order (person, (int) i + 1);
      g_ptr_array_add (members, person);
    }
  for (guint i = 0; i < episodes->len; i++)
    {
      DramaEpisode *episode = g_ptr_array_index (episodes, i);

      drama_episode_set_tvmaze_id (episode, shows[s].tvmaze_id * 100 + drama_episode_get_number (episode));
    }

  g_assert_true (drama_store_save_show (fx->store, show, episodes, members, &error));
  g_assert_no_error (error);
  fx->show_ids[s] = drama_show_get_id (show);
  for (guint i = 0; i < members->len; i++)
    fx->person_ids[cast[i] - 1] = drama_person_get_id (g_ptr_array_index (members, i));
}

static void
set_person_aliases (Fixture    *fx,
                    guint       p,
                    const char *alias1,
                    const char *alias2)
{
  g_autoptr(GError) error = NULL;
  const char *aliases[] = { alias1, alias2, NULL };

  g_assert_cmpint (fx->person_ids[p], >, 0);
  g_assert_true (drama_store_set_person_aliases (fx->store, fx->person_ids[p], aliases, &error));
  g_assert_no_error (error);
}

static void
set_show_aliases (Fixture    *fx,
                  guint       s,
                  const char *alias1,
                  const char *alias2)
{
  g_autoptr(GError) error = NULL;
  const char *aliases[] = { alias1, alias2, NULL };

  g_assert_true (drama_store_set_show_aliases (fx->store, fx->show_ids[s], aliases, &error));
  g_assert_no_error (error);
}

static void
save_articles (Fixture *fx)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260214);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_ARTICLES; i++)
    {
      DramaArticle *article = drama_article_new ();
      g_autofree char *guid = g_strdup_printf ("article-%u", i);
      g_autofree char *headline = random_sentence (rand);
      g_autoptr(GString) body = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 1, 5);

      for (guint k = 0; k < n; k++)
        {
          g_autofree char *sentence = random_sentence (rand);
          g_autofree char *escaped = g_markup_escape_text (sentence, -1);

          g_string_append_printf (body, "<p>%s</p>", escaped);
        }
      drama_article_set_guid (article, guid);
      drama_article_set_title (article, headline);
      drama_article_set_content (article, body->str);
      drama_article_set_published (article, 1700000000 + i * 60);
      g_ptr_array_add (articles, article);
    }
  /* Cases chance may miss: a one-word title that only a cast member vouches for (no quotes,
   * no drama words), before and after that cast changes; an episode a show did not have. */
  {
    const char *cases[N_CASES][2] = {
      { "Signal star %s greets fans", people[9].latin },
      { "%s waves at fans. Signal", people[9].latin },
      { "Signal and %s at the airport", people[1].latin },
      { "%s: Hotel del Luna episode 5 recap", people[21].latin },
      { "호텔 델루나 5회 %s", people[22].hangul },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        DramaArticle *article = drama_article_new ();
        g_autofree char *guid = g_strdup_printf ("case-%u", i);
        g_autofree char *headline = g_strdup_printf (cases[i][0], cases[i][1]);

        drama_article_set_guid (article, guid);
        drama_article_set_title (article, headline);
        drama_article_set_published (article, 1600000000 + i * 60);
        g_ptr_array_add (articles, article);
      }
  }
  g_assert_true (drama_store_save_articles (fx->store, fx->feed_id, articles, NULL, &error));
  g_assert_no_error (error);
}

static void
on_links_changed (DramaStore       *store,
                  DramaStoreChange *change,
                  Fixture          *fx)
{
  guint n_ids;
  const gint64 *ids = drama_store_change_get_ids (change, &n_ids);

  if (n_ids == 0)
    fx->n_whole++;
  g_array_append_vals (fx->relinked, ids, n_ids);
}

static void
wait_idle (Fixture *fx)
{
  /* While the linker works, SQLite is the store's thread's alone, as in the app: a worker
   * that took the store's lock itself would be a critical, fatal here. The test's own
   * reads and writes come after. */
  drama_store_set_thread_guard (fx->store, TRUE);
  while (drama_linker_get_busy (fx->linker))
    g_main_context_iteration (NULL, TRUE);
  drama_store_set_thread_guard (fx->store, FALSE);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = NULL;

  fx->dir = g_dir_make_tmp ("test-linker-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "library.db", NULL);
  fx->store = drama_store_new (fx->path, &error);
  g_assert_no_error (error);
  feed = drama_store_add_feed (fx->store, "https://www.soompi.com/feed", "Soompi", &error);
  g_assert_no_error (error);
  fx->feed_id = drama_feed_get_id (feed);

  /* Hotel del Luna lacks episode 5 until a refresh brings it. */
  for (guint s = 0; s < GARDEN; s++)
    save_show (fx, s, NULL, 16, s == HOTEL ? 5 : 0);
  set_person_aliases (fx, 0, "L", NULL);   /* in Midnight Harbor and Crash Landing Letters */
  set_person_aliases (fx, 12, people[12].hangul, NULL);
  set_person_aliases (fx, 20, people[20].hangul, "IU");
  save_articles (fx);

  fx->relinked = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (fx->store, "changed::link", G_CALLBACK (on_links_changed), fx);
  /* The first linker on this library links it all. */
  fx->linker = drama_linker_new (fx->store);
  wait_idle (fx);
  g_assert_cmpuint (fx->n_whole, ==, 1);
  fx->n_whole = 0;
  g_array_set_size (fx->relinked, 0);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fx->linker);
  g_signal_handlers_disconnect_by_func (fx->store, on_links_changed, fx);
  g_clear_object (&fx->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  dir = g_dir_open (fx->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fx->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
  g_array_unref (fx->relinked);
}

/* Every link in the file, per article in the order written: article id → its rows. */
static GHashTable *
read_links (Fixture *fx)
{
  GHashTable *links = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  gint64 current = 0;

  g_assert_cmpint (sqlite3_open_v2 (fx->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                     "SELECT article_id, IFNULL(show_id, 0), IFNULL(person_id, 0), matched, place,"
                     " IFNULL(episode_id, 0) FROM article_links ORDER BY article_id, rowid",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  for (;;)
    {
      int rc = sqlite3_step (stmt);
      gint64 id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;

      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        g_error ("reading the links: %s", sqlite3_errmsg (db));
      if (id != current && current != 0)
        {
          g_hash_table_insert (links, g_memdup2 (&current, sizeof current),
                               g_strdup (rows->str));
          g_string_truncate (rows, 0);
        }
      if (rc == SQLITE_DONE)
        break;
      current = id;
      g_string_append_printf (rows, "show %" G_GINT64_FORMAT " person %" G_GINT64_FORMAT
                              " “%s” place %d episode %" G_GINT64_FORMAT "\n",
                              (gint64) sqlite3_column_int64 (stmt, 1),
                              (gint64) sqlite3_column_int64 (stmt, 2),
                              sqlite3_column_text (stmt, 3), sqlite3_column_int (stmt, 4),
                              (gint64) sqlite3_column_int64 (stmt, 5));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return links;
}

static void
assert_same_links (GHashTable *got,
                   GHashTable *want,
                   const char *step)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, want);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *have = g_hash_table_lookup (got, key);

      if (g_strcmp0 (have, value) != 0)
        g_error ("%s: article %" G_GINT64_FORMAT " has links\n%swhere a full relink gives\n%s",
                 step, *(gint64 *) key, have != NULL ? have : "(none)\n", (const char *) value);
    }
  g_hash_table_iter_init (&iter, got);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (want, key))
      g_error ("%s: article %" G_GINT64_FORMAT " has links\n%swhere a full relink gives none",
               step, *(gint64 *) key, (const char *) value);
}

/* After the linker has done what a change needs: the links equal a full relink's, it did
 * not relink the whole library, and it rewrote the links of no more than max_relinked
 * articles. */
static void
check_step (Fixture    *fx,
            const char *step,
            guint       max_relinked)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) targeted = NULL;
  g_autoptr(GHashTable) full = NULL;
  g_autoptr(DramaMatcher) matcher = NULL;
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_int64_hash, g_int64_equal);

  wait_idle (fx);
  for (guint i = 0; i < fx->relinked->len; i++)
    g_hash_table_add (distinct, &g_array_index (fx->relinked, gint64, i));
  g_test_message ("%s: links of %u of %u articles changed", step, g_hash_table_size (distinct),
                  N_ARTICLES + N_CASES);
  g_assert_cmpuint (fx->n_whole, ==, 0);
  g_assert_cmpuint (g_hash_table_size (distinct), <=, max_relinked);

  targeted = read_links (fx);
  matcher = drama_store_build_matcher (fx->store, &error);
  g_assert_no_error (error);
  g_assert_true (drama_store_relink_all (fx->store, matcher, NULL, &error));
  g_assert_no_error (error);
  full = read_links (fx);
  assert_same_links (targeted, full, step);

  fx->n_whole = 0;
  g_array_set_size (fx->relinked, 0);
}

static guint
n_linked (Fixture *fx)
{
  g_autoptr(GHashTable) links = read_links (fx);

  return g_hash_table_size (links);
}

/* ---- tests ---- */

static void
test_differential (Fixture       *fx,
                   gconstpointer  data)
{
  guint linked = n_linked (fx);

  /* The library links many articles to start with, through every kind of name. */
  g_assert_cmpuint (linked, >, N_ARTICLES / 2);

  /* A new show with four new people and two known ones, a Hangul aka among its titles. */
  save_show (fx, GARDEN, NULL, 12, 0);
  check_step (fx, "new show", N_ARTICLES / 2);
  g_assert_cmpuint (n_linked (fx), >, linked);

  /* Aliases: a Latin one and a one-word Hangul one for a show; a Hangul full name, a stage
   * name and a two-letter Hangul name that holds the one-letter title "꽃" for people. */
  set_show_aliases (fx, MIDNIGHT, "Harbor at Midnight", "항구");
  check_step (fx, "show aliases added", N_ARTICLES / 2);
  set_person_aliases (fx, 25, people[25].hangul, NULL);
  check_step (fx, "Hangul alias added", N_ARTICLES / 2);
  set_person_aliases (fx, 9, "L", people[9].hangul);
  check_step (fx, "stage name added", N_ARTICLES / 2);
  set_person_aliases (fx, 4, "꽃님", NULL);
  check_step (fx, "alias holding a title added", N_ARTICLES / 2);

  /* And removed. */
  set_person_aliases (fx, 0, NULL, NULL);
  check_step (fx, "stage name removed", N_ARTICLES / 2);
  set_person_aliases (fx, 4, NULL, NULL);
  check_step (fx, "alias holding a title removed", N_ARTICLES / 2);
  set_show_aliases (fx, MIDNIGHT, NULL, NULL);
  check_step (fx, "show aliases removed", N_ARTICLES / 2);

  /* A show removed (its people with no other show go too), then brought back (Undo). */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (drama_store_set_show_removed (fx->store, fx->show_ids[LETTERS], TRUE, &error));
    g_assert_no_error (error);
    check_step (fx, "show removed", N_ARTICLES / 2);
    g_assert_true (drama_store_set_show_removed (fx->store, fx->show_ids[LETTERS], FALSE, &error));
    g_assert_no_error (error);
    check_step (fx, "show back", N_ARTICLES / 2);
  }

  /* Refreshes: Hotel del Luna gains its missing episode 5 (same finale), then loses
   * episode 3 and gains 17 and 18 (the finale moves); Signal, whose one-word title leans on
   * its cast, swaps an actor for one of another show. */
  save_show (fx, HOTEL, NULL, 16, 0);
  check_step (fx, "missing episode added", N_ARTICLES / 4);
  save_show (fx, HOTEL, NULL, 18, 3);
  check_step (fx, "episodes renumbered", N_ARTICLES / 2);
  {
    const guint cast[] = { 9, 11, 12, 2, 0 };

    save_show (fx, SIGNAL, cast, 16, 0);
    check_step (fx, "cast changed", N_ARTICLES / 2);
  }
}

/* A refresh that saves a show with the same names, episodes and cast relinks nothing, and
 * the linker's own writes never wake it. */
static void
test_same_names (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) before = read_links (fx);
  g_autoptr(GHashTable) after = NULL;

  save_show (fx, MIDNIGHT, NULL, 16, 0);
  save_show (fx, ANGEL, NULL, 16, 0);
  g_assert_true (drama_linker_get_busy (fx->linker));
  wait_idle (fx);
  g_assert_cmpuint (fx->relinked->len, ==, 0);
  g_assert_cmpuint (fx->n_whole, ==, 0);
  after = read_links (fx);
  assert_same_links (after, before, "saved again");

  /* A real change: the targeted relink writes links, and those writes start nothing. */
  set_person_aliases (fx, 13, people[13].hangul, NULL);
  wait_idle (fx);
  g_assert_cmpuint (fx->relinked->len, >, 0);
  g_array_set_size (fx->relinked, 0);
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (20000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_false (drama_linker_get_busy (fx->linker));
    }
  g_assert_cmpuint (fx->relinked->len, ==, 0);
}

/* Links made with another version of the rules, or by a run that stopped before its relink
 * ended, are redone in full: there is nothing to compare with. */
static void
test_unknown_links (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = read_links (fx);
  g_autoptr(GHashTable) after = NULL;

  g_clear_object (&fx->linker);
  g_assert_true (drama_store_set_meta (fx->store, "links_fingerprint", "rules-0", &error));
  g_assert_no_error (error);
  fx->linker = drama_linker_new (fx->store);
  wait_idle (fx);
  g_assert_cmpuint (fx->n_whole, ==, 1);
  after = read_links (fx);
  assert_same_links (after, before, "relinked in full");

  /* A linker started on links it knows relinks nothing. */
  fx->n_whole = 0;
  g_array_set_size (fx->relinked, 0);
  g_clear_object (&fx->linker);
  fx->linker = drama_linker_new (fx->store);
  wait_idle (fx);
  g_assert_cmpuint (fx->n_whole, ==, 0);
  g_assert_cmpuint (fx->relinked->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  make_people ();

  g_test_add ("/linker/differential", Fixture, NULL, fixture_set_up, test_differential,
              fixture_tear_down);
  g_test_add ("/linker/same-names", Fixture, NULL, fixture_set_up, test_same_names,
              fixture_tear_down);
  g_test_add ("/linker/unknown-links", Fixture, NULL, fixture_set_up, test_unknown_links,
              fixture_tear_down);

  return g_test_run ();
}
