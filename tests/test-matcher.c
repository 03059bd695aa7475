#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "drama-linker.h"
#include "drama-matcher.h"
#include "drama-store.h"
#include "drama-text.h"
#include "test-common.h"

/* ---- the dictionary used by the matcher tests ---- */

enum {
  SHOW_ANGEL = 1,       /* "Angel's Last Mission: Love", 32 episodes */
  SHOW_LOVE = 2,        /* a show called "Love" */
  SHOW_HOTEL = 3,       /* "Hotel del Luna", with IU */
  SHOW_WAIKIKI = 4,     /* Lee Dong-gun's show */
  SHOW_SNOWDROP = 5,    /* Jisoo's show */
  PERSON_SHIN = 10,
  PERSON_KIM = 11,      /* alias "L" */
  PERSON_LEE = 12,
  PERSON_CHOI = 30,     /* in "Love" */
  PERSON_IU = 40,       /* Lee Ji-eun, alias "IU" */
  PERSON_JISOO = 50,    /* single-word name */
};

static DramaMatcher *
make_matcher (void)
{
  DramaMatcher *matcher = drama_matcher_new ();
  const char *angel_titles[] = { "단, 하나의 사랑", "Dan, Only Love", NULL };
  const char *shin_aliases[] = { "신혜선", NULL };
  const char *kim_aliases[] = { "L", "김명수", NULL };
  const char *iu_aliases[] = { " IU ", NULL };   /* as typed, with stray spaces */
  gint64 angel[] = { SHOW_ANGEL }, love[] = { SHOW_LOVE }, hotel[] = { SHOW_HOTEL };
  gint64 waikiki[] = { SHOW_WAIKIKI }, snowdrop[] = { SHOW_SNOWDROP };

  drama_matcher_add_show (matcher, SHOW_ANGEL, "Angel's Last Mission: Love", angel_titles, 1, 32);
  drama_matcher_add_show (matcher, SHOW_LOVE, "Love", NULL, 1, 16);
  drama_matcher_add_show (matcher, SHOW_HOTEL, "Hotel del Luna", NULL, 1, 16);
  drama_matcher_add_show (matcher, SHOW_WAIKIKI, "Welcome to Waikiki", NULL, 0, 0);
  drama_matcher_add_show (matcher, SHOW_SNOWDROP, "Snowdrop", NULL, 1, 16);
  drama_matcher_add_person (matcher, PERSON_SHIN, "Shin Hye-sun", shin_aliases, angel, 1);
  drama_matcher_add_person (matcher, PERSON_KIM, "Kim Myung-soo", kim_aliases, angel, 1);
  drama_matcher_add_person (matcher, PERSON_LEE, "Lee Dong-gun", NULL, waikiki, 1);
  drama_matcher_add_person (matcher, PERSON_CHOI, "Choi Woo-shik", NULL, love, 1);
  drama_matcher_add_person (matcher, PERSON_IU, "Lee Ji-eun", iu_aliases, hotel, 1);
  drama_matcher_add_person (matcher, PERSON_JISOO, "Jisoo", NULL, snowdrop, 1);
  drama_matcher_build (matcher);
  return matcher;
}

static const DramaMatch *
find_match (GPtrArray      *matches,
            DramaMatchKind  kind,
            gint64          id)
{
  for (guint i = 0; i < matches->len; i++)
    {
      const DramaMatch *match = g_ptr_array_index (matches, i);

      if (match->kind == kind && match->target_id == id)
        return match;
    }
  return NULL;
}

/* NULL when ../shared is not there: the test skips (test_have_shared). */
static char *
read_seed (char **body)
{
  g_autofree char *path = test_shared_path ("seed/article.txt");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *newline;

  *body = NULL;
  if (path == NULL)
    return NULL;
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  newline = strchr (contents, '\n');
  g_assert_nonnull (newline);
  *body = g_strdup (newline + 1);
  return g_strndup (contents, newline - contents);
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "matcher", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* ---- normalisation ---- */

static void
test_text_normalize (void)
{
  const char *same_name[] = {
    "Shin Hye-sun", "Shin Hye Sun", "Shin Hye-Sun", "SHIN  HYE–SUN", "Shin Hye‐sun",
    "Shin\tHye—Sun ", " shin hye ‑ sun", "Ｓｈｉｎ Ｈｙｅ－ｓｕｎ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (same_name); i++)
    {
      g_autofree char *norm = drama_text_normalize (same_name[i], -1);

      g_assert_cmpstr (norm, ==, "shin hye sun");
    }

  {
    g_autofree char *a = drama_text_normalize ("Angel’s “Last” ‘Mission’ «Love» ″x″", -1);
    g_autofree char *b = drama_text_normalize ("Café", -1);
    g_autofree char *c = drama_text_normalize ("Cafe\xcc\x81", -1);   /* e + combining acute */
    g_autofree char *d = drama_text_normalize ("the \xef\xac\x81nale", -1);   /* ﬁ ligature */
    g_autofree char *e = drama_text_normalize ("Hye\xc2\xadsun", -1);   /* soft hyphen */
    g_autofree char *f = drama_text_normalize ("신혜선이 ＩＵ", -1);
    g_autofree char *g = drama_text_normalize ("Straße", -1);

    g_assert_cmpstr (a, ==, "angel's \"last\" 'mission' \"love\" \"x\"");
    g_assert_cmpstr (b, ==, c);
    g_assert_cmpstr (d, ==, "the finale");
    g_assert_cmpstr (e, ==, "hyesun");
    g_assert_cmpstr (f, ==, "신혜선이 iu");
    g_assert_cmpstr (g, ==, "strasse");
  }
}

static void
test_text_offsets (void)
{
  const char *original = "Watch: “Shin Hye‐Sun” — Cafe\xcc\x81 L";
  g_autoptr(DramaNormText) norm = drama_norm_text_new (original, -1);
  const char *hit = strstr (norm->text, "shin hye sun");
  const char *cafe = strstr (norm->text, "café");
  gsize start, end;

  g_assert_cmpstr (norm->text, ==, "watch: \"shin hye sun\" café l");
  g_assert_nonnull (hit);
  start = norm->starts[hit - norm->text];
  end = norm->ends[hit - norm->text + strlen ("shin hye sun") - 1];
  g_assert_cmpint (end - start, ==, strlen ("Shin Hye‐Sun"));
  g_assert_cmpint (memcmp (original + start, "Shin Hye‐Sun", end - start), ==, 0);

  /* The composed é maps back to e + the combining mark. */
  g_assert_nonnull (cafe);
  start = norm->starts[cafe - norm->text];
  end = norm->ends[cafe - norm->text + strlen ("café") - 1];
  g_assert_cmpint (memcmp (original + start, "Cafe\xcc\x81", end - start), ==, 0);
  g_assert_cmpint (end - start, ==, strlen ("Cafe\xcc\x81"));

  g_assert_cmpint (norm->starts[norm->len], ==, strlen (original));
}

static void
test_text_invalid_utf8 (void)
{
  g_autoptr(DramaNormText) norm = drama_norm_text_new ("ab\xff\xfe" "cd\xe2\x80", -1);

  g_assert_cmpstr (norm->text, ==, "ab cd");
  g_assert_true (g_utf8_validate (norm->text, -1, NULL));
}

/* ---- matching ---- */

static void
test_seed (void)
{
  g_autoptr(DramaMatcher) matcher = make_matcher ();
  g_autofree char *body = NULL;
  g_autofree char *headline = read_seed (&body);
  g_autoptr(GPtrArray) matches = NULL;
  const DramaMatch *show, *shin, *kim;

  if (!test_have_shared ("seed/article.txt"))
    return;
  matches = drama_matcher_match (matcher, headline, body);
  show = find_match (matches, DRAMA_MATCH_KIND_SHOW, SHOW_ANGEL);
  shin = find_match (matches, DRAMA_MATCH_KIND_PERSON, PERSON_SHIN);
  kim = find_match (matches, DRAMA_MATCH_KIND_PERSON, PERSON_KIM);

  g_assert_nonnull (show);
  g_assert_cmpint (show->place, ==, DRAMA_MATCH_PLACE_HEADLINE);
  g_assert_cmpstr (show->matched, ==, "Angel’s Last Mission: Love");
  g_assert_cmpint (memcmp (headline + show->offset, show->matched, show->length), ==, 0);
  /* "the latest episode" names no episode */
  g_assert_cmpint (show->episode, ==, 0);
  g_assert_cmpint (show->season, ==, 0);

  g_assert_nonnull (shin);
  g_assert_cmpint (shin->place, ==, DRAMA_MATCH_PLACE_HEADLINE);
  g_assert_cmpstr (shin->matched, ==, "Shin Hye Sun");

  g_assert_nonnull (kim);
  g_assert_cmpint (kim->place, ==, DRAMA_MATCH_PLACE_HEADLINE);
  g_assert_cmpstr (kim->matched, ==, "L");

  g_assert_null (find_match (matches, DRAMA_MATCH_KIND_PERSON, PERSON_LEE));
  g_assert_null (find_match (matches, DRAMA_MATCH_KIND_SHOW, SHOW_LOVE));
  g_assert_cmpuint (matches->len, ==, 3);
}

static void
test_place_ranking (void)
{
  g_autoptr(DramaMatcher) matcher = make_matcher ();
  g_autoptr(GPtrArray) body_only = drama_matcher_match (matcher, "Ratings roundup",
                                                        "Hotel del Luna rose again. Shin Hye-sun too.");
  g_autoptr(GPtrArray) both = drama_matcher_match (matcher, "Shin Hye-Sun interview",
                                                   "Hotel del Luna is not hers. Shin Hye Sun said…");
  const DramaMatch *m;

  m = find_match (body_only, DRAMA_MATCH_KIND_SHOW, SHOW_HOTEL);
  g_assert_nonnull (m);
  g_assert_cmpint (m->place, ==, DRAMA_MATCH_PLACE_BODY);
  m = find_match (both, DRAMA_MATCH_KIND_PERSON, PERSON_SHIN);
  g_assert_nonnull (m);
  g_assert_cmpint (m->place, ==, DRAMA_MATCH_PLACE_HEADLINE);
  g_assert_cmpstr (m->matched, ==, "Shin Hye-Sun");
  /* headline matches come first */
  g_assert_true (g_ptr_array_index (both, 0) == m);
}

static void
test_short_name (void)
{
  g_autoptr(DramaMatcher) matcher = make_matcher ();
  g_autofree char *la = read_fixture ("la-article.txt");
  struct { const char *headline, *body; gboolean linked; } cases[] = {
    /* inside words, abbreviations and compounds, even in an article about his show */
    { "“Angel’s Last Mission: Love” goes to L.A.",
      "Lately the cast of “Angel’s Last Mission: Love” flew to L.A. to shoot an L-shaped set. LOL. "
      "LA is sunny. U.L and L'Oréal sponsor it. Lovely.", FALSE },
    /* no show and no full name: an "L" alone proves nothing */
    { "Fans love L", "L smiled at the airport.", FALSE },
    /* with the show */
    { "INFINITE’s L", "He stars in “Angel’s Last Mission: Love”. L then appears on set.", TRUE },
    { "Behind the scenes", "“Angel’s Last Mission: Love”: L’s action scene (L.) was tough.", TRUE },
    /* with the full name */
    { "Kim Myung-soo enlists", "L will serve for 21 months.", TRUE },
    /* case-sensitive */
    { "“Angel’s Last Mission: Love”", "the letter l appears.", FALSE },
    /* Korean: a particle right after the Latin name is still a word edge */
    { "‘단, 하나의 사랑’", "L은 천사 단을 연기한다.", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) matches = drama_matcher_match (matcher, cases[i].headline, cases[i].body);

      g_test_message ("case %u: %s", i, cases[i].body);
      g_assert_cmpint (find_match (matches, DRAMA_MATCH_KIND_PERSON, PERSON_KIM) != NULL, ==,
                       cases[i].linked);
    }

  {
    /* An unrelated article about L.A.: nothing at all */
    g_autoptr(GPtrArray) matches = drama_matcher_match (matcher, "Weekend in L.A.", la);

    g_assert_cmpuint (matches->len, ==, 0);
  }
}

static void
test_iu (void)
{
  g_autoptr(DramaMatcher) matcher = make_matcher ();
  g_autofree char *iucn = read_fixture ("iucn-article.txt");
  g_autoptr(GPtrArray) none = drama_matcher_match (matcher, "IUCN red list update", iucn);
  g_autoptr(GPtrArray) alone = drama_matcher_match (matcher, "IU releases a single", "IU sang.");
  g_autoptr(GPtrArray) with_show = drama_matcher_match (matcher, "IU returns",
                                                        "IU stars in Hotel del Luna.");
  g_autoptr(GPtrArray) lower = drama_matcher_match (matcher, "iu returns",
                                                    "iu stars in Hotel del Luna.");
  const DramaMatch *iu;

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_null (find_match (alone, DRAMA_MATCH_KIND_PERSON, PERSON_IU));
  iu = find_match (with_show, DRAMA_MATCH_KIND_PERSON, PERSON_IU);
  g_assert_nonnull (iu);
  g_assert_cmpstr (iu->matched, ==, "IU");
  g_assert_cmpint (iu->place, ==, DRAMA_MATCH_PLACE_HEADLINE);
  g_assert_nonnull (find_match (with_show, DRAMA_MATCH_KIND_SHOW, SHOW_HOTEL));
  g_assert_null (find_match (lower, DRAMA_MATCH_KIND_PERSON, PERSON_IU));
  g_assert_nonnull (find_match (lower, DRAMA_MATCH_KIND_SHOW, SHOW_HOTEL));
}

static void
test_common_word_title (void)
{
  g_autoptr(DramaMatcher) matcher = make_matcher ();
  g_autofree char *love = read_fixture ("love-article.txt");
  struct { const char *headline, *body; gboolean linked; } cases[] = {
    { "Love is in the air", love, FALSE },
    { "LOVE SONGS", "Love, love, love. “love” is all you need.", FALSE },
    { "“Love” tops the ratings", "The drama ended well.", TRUE },
    /* quoted, but nothing says TV drama: a song, a nickname */
    { "“Love” tops the music charts", "The single sold well.", FALSE },
    { "A “Love” appears on an unexpected program", "Fans were surprised.", FALSE },
    { "Ratings", "The finale of 'Love,' aired on Sunday.", TRUE },
    { "Ratings", "The drama «Love» aired on Sunday.", TRUE },
    { "Ratings", "“LOVE” aired on Sunday.", FALSE },
    { "Ratings", "“Love’s” ending was sad.", FALSE },
    /* unquoted, but with one of its cast by full name */
    { "Choi Woo-shik interview", "He talks about Love and his next role.", TRUE },
    { "Choi Woo-shik interview", "He talks about love and his next role.", FALSE },
    /* a cast member's weak name is no second signal */
    { "Interview", "He talks about Love and Jisoo.", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) matches = drama_matcher_match (matcher, cases[i].headline, cases[i].body);

      g_test_message ("case %u: %s / %.40s", i, cases[i].headline, cases[i].body);
      g_assert_cmpint (find_match (matches, DRAMA_MATCH_KIND_SHOW, SHOW_LOVE) != NULL, ==,
                       cases[i].linked);
    }
}

static void
test_single_word_person (void)
{
  g_autoptr(DramaMatcher) matcher = make_matcher ();
  g_autoptr(GPtrArray) alone = drama_matcher_match (matcher, "Jisoo at the airport", "Jisoo waved.");
  g_autoptr(GPtrArray) with_show = drama_matcher_match (matcher, "Jisoo at the airport",
                                                        "She leads the drama “Snowdrop”.");
  g_autoptr(GPtrArray) caps = drama_matcher_match (matcher, "JISOO AT THE AIRPORT",
                                                   "She leads the drama “Snowdrop”.");
  /* a quoted one-word title outside any drama context vouches for nobody */
  g_autoptr(GPtrArray) no_context = drama_matcher_match (matcher, "Jisoo at the airport",
                                                         "She hums “Snowdrop”.");
  g_autoptr(GPtrArray) other_show = drama_matcher_match (matcher, "Jisoo at the airport",
                                                         "Hotel del Luna fans were there.");

  g_assert_cmpuint (alone->len, ==, 0);
  g_assert_nonnull (find_match (with_show, DRAMA_MATCH_KIND_PERSON, PERSON_JISOO));
  g_assert_nonnull (find_match (with_show, DRAMA_MATCH_KIND_SHOW, SHOW_SNOWDROP));
  g_assert_null (find_match (caps, DRAMA_MATCH_KIND_PERSON, PERSON_JISOO));
  g_assert_null (find_match (other_show, DRAMA_MATCH_KIND_PERSON, PERSON_JISOO));
  g_assert_cmpuint (no_context->len, ==, 0);
}

static void
test_cjk (void)
{
  g_autoptr(DramaMatcher) matcher = make_matcher ();
  g_autoptr(GPtrArray) matches = drama_matcher_match (matcher, "신혜선이 출연하는 드라마",
                                                      "‘단, 하나의 사랑’은 KBS 드라마다.");
  const DramaMatch *shin = find_match (matches, DRAMA_MATCH_KIND_PERSON, PERSON_SHIN);
  const DramaMatch *show = find_match (matches, DRAMA_MATCH_KIND_SHOW, SHOW_ANGEL);

  g_assert_nonnull (shin);
  g_assert_cmpstr (shin->matched, ==, "신혜선");
  g_assert_cmpint (shin->place, ==, DRAMA_MATCH_PLACE_HEADLINE);
  g_assert_nonnull (show);
  g_assert_cmpstr (show->matched, ==, "단, 하나의 사랑");
}

typedef struct {
  const char *text;
  int season;
  int episode;
} EpisodeCase;

static void
test_episodes (void)
{
  g_autoptr(DramaMatcher) matcher = make_matcher ();
  const EpisodeCase cases[] = {
    { "In episode 14, Dan finally confesses.", 1, 14 },
    { "Ep. 14 aired last night.", 1, 14 },
    { "Spoilers for ep 14 ahead.", 1, 14 },
    { "EP14 preview is out.", 1, 14 },
    { "Episode #7 recap.", 1, 7 },
    { "Episodes 13 and 14 were intense.", 1, 14 },
    { "Episodes 13-14 recap.", 1, 14 },
    { "Episodes 13–14 recap.", 1, 14 },
    { "The finale airs tonight.", 1, 32 },
    { "Ahead of the final episode, the cast thanked fans.", 1, 32 },
    { "The first episode drew high ratings.", 1, 1 },
    { "The premiere drew high ratings.", 1, 1 },
    { "Season 2, episode 3 is out.", 2, 3 },
    { "Season 2 episode 3 is out.", 2, 3 },
    { "S2E3 is out.", 2, 3 },
    { "s02e03 is out.", 2, 3 },
    { "14회 시청률이 올랐다.", 1, 14 },
    { "제14회 예고", 1, 14 },
    { "14화 리뷰", 1, 14 },
    { "최종회를 앞두고", 1, 32 },
    { "Episode 3 was fine, but episode 14 was better.", 1, 14 },
    /* none */
    { "The drama has 14 episodes in total.", 0, 0 },
    { "Season 2 was confirmed.", 0, 0 },
    { "It will premiere in May.", 0, 0 },
    { "The premiere date is set.", 0, 0 },
    { "The mid-season finale is next week.", 0, 0 },
    { "If you haven't already seen it, check out the latest episode below!", 0, 0 },
    { "The episode was sad.", 0, 0 },
    /* the scan flags words that hold "ep", "s" + digit, 회 or 화; only those are read */
    { "(S2E3) is out.", 2, 3 },
    { "Recap: EP.14, then ep 15.", 1, 15 },
    { "14회는 시청률이 올랐다.", 1, 14 },
    { "14 회 예고", 1, 14 },
    { "드라마ep14 예고", 0, 0 },
    { "Keep 14 episodes in mind; deep14 sleeps.", 0, 0 },
    { "The s2 e3 split is no episode.", 0, 0 },
    { "회의 14 회의록", 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) matches = drama_matcher_match (matcher,
                                                          "“Angel’s Last Mission: Love” recap",
                                                          cases[i].text);
      const DramaMatch *show = find_match (matches, DRAMA_MATCH_KIND_SHOW, SHOW_ANGEL);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_nonnull (show);
      g_assert_cmpint (show->season, ==, cases[i].season);
      g_assert_cmpint (show->episode, ==, cases[i].episode);
    }
}

static void
test_episodes_no_show (void)
{
  g_autoptr(DramaMatcher) matcher = make_matcher ();
  g_autoptr(GPtrArray) no_show = drama_matcher_match (matcher, "Episode 14 recap", "The finale.");
  g_autoptr(GPtrArray) unknown_final = drama_matcher_match (matcher, "Welcome to Waikiki",
                                                            "The finale was great.");
  const DramaMatch *waikiki = find_match (unknown_final, DRAMA_MATCH_KIND_SHOW, SHOW_WAIKIKI);
  g_autoptr(GPtrArray) person_only = drama_matcher_match (matcher, "Shin Hye-sun interview",
                                                          "Episode 14 made her cry.");
  const DramaMatch *shin = find_match (person_only, DRAMA_MATCH_KIND_PERSON, PERSON_SHIN);

  g_assert_cmpuint (no_show->len, ==, 0);
  /* the final episode is unknown: "the finale" names none */
  g_assert_nonnull (waikiki);
  g_assert_cmpint (waikiki->episode, ==, 0);
  /* people carry no episode */
  g_assert_nonnull (shin);
  g_assert_cmpint (shin->episode, ==, 0);
}

static void
test_episodes_two_shows (void)
{
  g_autoptr(DramaMatcher) matcher = make_matcher ();
  g_autoptr(GPtrArray) matches = drama_matcher_match (matcher, "Weekly ratings",
    "“Angel’s Last Mission: Love” episode 5 led the night. Meanwhile, Hotel del Luna "
    "episode 9 set a record.");
  const DramaMatch *angel = find_match (matches, DRAMA_MATCH_KIND_SHOW, SHOW_ANGEL);
  const DramaMatch *hotel = find_match (matches, DRAMA_MATCH_KIND_SHOW, SHOW_HOTEL);

  g_assert_nonnull (angel);
  g_assert_nonnull (hotel);
  g_assert_cmpint (angel->episode, ==, 5);
  g_assert_cmpint (hotel->episode, ==, 9);
}

static void
test_fingerprint (void)
{
  g_autoptr(DramaMatcher) a = make_matcher ();
  g_autoptr(DramaMatcher) b = make_matcher ();
  g_autoptr(DramaMatcher) c = drama_matcher_new ();
  g_autoptr(DramaMatcher) empty = drama_matcher_new ();
  g_autoptr(GPtrArray) nothing = NULL;

  drama_matcher_add_show (c, SHOW_ANGEL, "Angel's Last Mission: Love", NULL, 1, 31);
  drama_matcher_build (c);
  drama_matcher_build (empty);
  g_assert_cmpuint (drama_matcher_get_fingerprint (a), ==, drama_matcher_get_fingerprint (b));
  g_assert_cmpuint (drama_matcher_get_fingerprint (a), !=, drama_matcher_get_fingerprint (c));
  g_assert_cmpuint (drama_matcher_get_n_terms (a), ==, 17);
  g_assert_cmpuint (drama_matcher_get_n_terms (empty), ==, 0);

  nothing = drama_matcher_match (empty, "Shin Hye-sun", NULL);
  g_assert_cmpuint (nothing->len, ==, 0);
}

static void
test_duplicates (void)
{
  g_autoptr(DramaMatcher) matcher = drama_matcher_new ();
  const char *titles[] = { "Hotel Del Luna", "HOTEL DEL LUNA", "Hotel del Luna", NULL };
  const char *aliases[] = { "Lee Ji eun", "Lee Ji-Eun", NULL };
  gint64 hotel[] = { SHOW_HOTEL };
  g_autoptr(GPtrArray) matches = NULL;

  /* Spellings that normalise alike are one term; one match per show or person. */
  drama_matcher_add_show (matcher, SHOW_HOTEL, "Hotel del Luna", titles, 1, 16);
  drama_matcher_add_person (matcher, PERSON_IU, "Lee Ji-eun", aliases, hotel, 1);
  drama_matcher_add_person (matcher, PERSON_IU, "Lee Ji-eun", NULL, hotel, 1);
  drama_matcher_build (matcher);
  g_assert_cmpuint (drama_matcher_get_n_terms (matcher), ==, 2);

  matches = drama_matcher_match (matcher, "HOTEL DEL LUNA: Lee Ji Eun",
                                 "Hotel del Luna stars Lee Ji-eun (Lee Ji-eun).");
  g_assert_cmpuint (matches->len, ==, 2);
}

/* ---- the store ---- */

typedef struct {
  char       *dir;
  char       *path;
  DramaStore *store;
  gint64      feed_id;
} StoreFixture;

static void
store_fixture_set_up (StoreFixture  *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = NULL;

  fx->dir = g_dir_make_tmp ("test-matcher-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "library.db", NULL);
  fx->store = drama_store_new (fx->path, &error);
  g_assert_no_error (error);
  feed = drama_store_add_feed (fx->store, "https://www.soompi.com/feed", "Soompi", &error);
  g_assert_no_error (error);
  fx->feed_id = drama_feed_get_id (feed);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
store_fixture_tear_down (StoreFixture  *fx,
                         gconstpointer  data)
{
  g_clear_object (&fx->store);
  remove_dir (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

static DramaPerson *
make_person (gint64      tvmaze_id,
             const char *name,
             int         order)
{
  DramaPerson *person = drama_person_new ();

  drama_person_set_tvmaze_id (person, tvmaze_id);
  drama_person_set_name (person, name);
  drama_person_set_cast_order (person, order);
  return person;
}

/* Saves "Angel's Last Mission: Love" with 32 episodes (1–14 aired long ago, the rest far
 * in the future), Shin Hye-sun and Kim Myung-soo (alias "L"). Returns the show id. */
static gint64
save_angel (StoreFixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stored_cast = NULL;
  const char *aliases[] = { "L", NULL };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  drama_show_set_tvmaze_id (show, 40001);
  drama_show_set_name (show, "Angel's Last Mission: Love");
  drama_show_set_network (show, "KBS2");
  for (int n = 1; n <= 32; n++)
    {
      DramaEpisode *episode = drama_episode_new ();

      drama_episode_set_tvmaze_id (episode, 50000 + n);
      drama_episode_set_season (episode, 1);
      drama_episode_set_number (episode, n);
      drama_episode_set_airstamp (episode, n <= 14 ? now - (15 - n) * 86400 : now + n * 86400);
      g_ptr_array_add (episodes, episode);
    }
  g_ptr_array_add (cast, make_person (60001, "Shin Hye-sun", 0));
  g_ptr_array_add (cast, make_person (60002, "Kim Myung-soo", 1));

  drama_store_save_show (fx->store, show, episodes, cast, &error);
  g_assert_no_error (error);

  stored_cast = drama_store_list_cast (fx->store, drama_show_get_id (show), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stored_cast->len; i++)
    {
      DramaPerson *person = g_ptr_array_index (stored_cast, i);

      if (g_strcmp0 (drama_person_get_name (person), "Kim Myung-soo") == 0)
        {
          drama_store_set_person_aliases (fx->store, drama_person_get_id (person), aliases, &error);
          g_assert_no_error (error);
        }
    }

  return drama_show_get_id (show);
}

static gint64
save_other_show (StoreFixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);

  drama_show_set_tvmaze_id (show, 40002);
  drama_show_set_name (show, "Welcome to Waikiki");
  g_ptr_array_add (cast, make_person (60003, "Lee Dong-gun", 0));
  drama_store_save_show (fx->store, show, NULL, cast, &error);
  g_assert_no_error (error);
  return drama_show_get_id (show);
}

static gint64
save_article (StoreFixture *fx,
              const char   *guid,
              const char   *title,
              const char   *summary,
              const char   *content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) new_ids = NULL;
  DramaArticle *article = drama_article_new ();

  drama_article_set_guid (article, guid);
  drama_article_set_title (article, title);
  drama_article_set_summary (article, summary);
  drama_article_set_content (article, content);
  drama_article_set_link (article, "https://www.soompi.com/article/1");
  drama_article_set_published (article, 1558526400);
  g_ptr_array_add (articles, article);
  drama_store_save_articles (fx->store, fx->feed_id, articles, &new_ids, &error);
  g_assert_no_error (error);
  return drama_article_get_id (article);
}

/* 0, saving nothing, when ../shared is not there: the test skips (test_have_shared). */
static gint64
save_seed_article (StoreFixture *fx)
{
  g_autofree char *body = NULL;
  g_autofree char *headline = read_seed (&body);
  g_autoptr(GString) html = g_string_new (NULL);
  g_auto(GStrv) paragraphs = NULL;

  if (headline == NULL)
    return 0;
  paragraphs = g_strsplit (body, "\n\n", -1);
  /* The body as a feed would carry it: HTML paragraphs with entities. */
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (paragraphs[i], -1);

      g_string_append_printf (html, "<p>%s</p>\n", escaped);
    }
  return save_article (fx, "seed", headline, NULL, html->str);
}

static gint64
person_id_by_name (StoreFixture *fx,
                   gint64        show_id,
                   const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cast = drama_store_list_cast (fx->store, show_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < cast->len; i++)
    if (g_strcmp0 (drama_person_get_name (g_ptr_array_index (cast, i)), name) == 0)
      return drama_person_get_id (g_ptr_array_index (cast, i));
  g_assert_not_reached ();
  return 0;
}

static void
link_all (StoreFixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaMatcher) matcher = drama_store_build_matcher (fx->store, &error);

  g_assert_no_error (error);
  drama_store_relink_all (fx->store, matcher, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_article_shows (StoreFixture *fx,
                      gint64        article_id,
                      gint64        show_id)   /* 0 = none */
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = drama_store_list_article_shows (fx->store, article_id, &error);

  g_assert_no_error (error);
  if (show_id == 0)
    {
      g_assert_cmpuint (shows->len, ==, 0);
      return;
    }
  g_assert_cmpuint (shows->len, ==, 1);
  g_assert_cmpint (drama_show_get_id (g_ptr_array_index (shows, 0)), ==, show_id);
  g_assert_cmpstr (drama_show_get_name (g_ptr_array_index (shows, 0)), ==,
                   "Angel's Last Mission: Love");
}

static void
test_store_seed (StoreFixture  *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 show_id = save_angel (fx);
  gint64 other_id = save_other_show (fx);
  gint64 article_id = save_seed_article (fx);
  g_autoptr(DramaMatcher) matcher = drama_store_build_matcher (fx->store, &error);
  g_autoptr(GPtrArray) matches = NULL;
  const DramaMatch *kim;

  if (!test_have_shared ("seed/article.txt"))
    return;
  g_assert_no_error (error);
  drama_store_link_articles (fx->store, matcher, &article_id, 1, &error);
  g_assert_no_error (error);

  assert_article_shows (fx, article_id, show_id);
  matches = drama_store_list_article_matches (fx->store, article_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 3);
  g_assert_nonnull (find_match (matches, DRAMA_MATCH_KIND_PERSON,
                                person_id_by_name (fx, show_id, "Shin Hye-sun")));
  kim = find_match (matches, DRAMA_MATCH_KIND_PERSON, person_id_by_name (fx, show_id, "Kim Myung-soo"));
  g_assert_nonnull (kim);
  g_assert_cmpstr (kim->matched, ==, "L");
  g_assert_cmpint (kim->place, ==, DRAMA_MATCH_PLACE_HEADLINE);
  g_assert_null (find_match (matches, DRAMA_MATCH_KIND_PERSON,
                             person_id_by_name (fx, other_id, "Lee Dong-gun")));

  /* the seed names no episode: no spoiler */
  g_assert_null (drama_store_get_article_spoiler (fx->store, article_id, TRUE, &error));
  g_assert_no_error (error);
}

static void
test_store_relink_after_add (StoreFixture  *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 article_id = save_seed_article (fx);
  gint64 show_id;

  if (!test_have_shared ("seed/article.txt"))
    return;
  /* Linked before the show is on the watchlist: nothing. */
  link_all (fx);
  assert_article_shows (fx, article_id, 0);

  show_id = save_angel (fx);
  link_all (fx);
  assert_article_shows (fx, article_id, show_id);

  /* Soft delete: no longer listed, and Undo brings it back. */
  drama_store_set_show_removed (fx->store, show_id, TRUE, &error);
  g_assert_no_error (error);
  assert_article_shows (fx, article_id, 0);
  {
    g_autoptr(GPtrArray) matches = drama_store_list_article_matches (fx->store, article_id, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < matches->len; i++)
      g_assert_cmpint (((DramaMatch *) g_ptr_array_index (matches, i))->kind, ==,
                       DRAMA_MATCH_KIND_PERSON);
  }
  drama_store_set_show_removed (fx->store, show_id, FALSE, &error);
  g_assert_no_error (error);
  assert_article_shows (fx, article_id, show_id);

  /* Removed and relinked: the matcher no longer knows it. */
  drama_store_set_show_removed (fx->store, show_id, TRUE, &error);
  g_assert_no_error (error);
  link_all (fx);
  drama_store_set_show_removed (fx->store, show_id, FALSE, &error);
  g_assert_no_error (error);
  assert_article_shows (fx, article_id, 0);
}

static void
test_store_reopen (StoreFixture  *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 show_id = save_angel (fx);
  gint64 article_id = save_seed_article (fx);
  gint64 kept_id;

  if (!test_have_shared ("seed/article.txt"))
    return;
  link_all (fx);
  g_clear_object (&fx->store);

  fx->store = drama_store_new (fx->path, &error);
  g_assert_no_error (error);
  assert_article_shows (fx, article_id, show_id);

  /* A show removed and not undone is purged at the next open, its links with it. */
  kept_id = save_article (fx, "other", "“Angel’s Last Mission: Love” episode 3", NULL,
                          "<p>Shin Hye Sun shines.</p>");
  link_all (fx);
  drama_store_set_show_removed (fx->store, show_id, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&fx->store);
  fx->store = drama_store_new (fx->path, &error);
  g_assert_no_error (error);
  assert_article_shows (fx, kept_id, 0);

  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    /* Straight from the file: no row points at the purged show or its cast. */
    g_assert_cmpint (sqlite3_open_v2 (fx->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM article_links", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_store_spoiler (StoreFixture  *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 show_id = save_angel (fx);
  gint64 article_id = save_article (fx, "ep14", "“Angel’s Last Mission: Love” episode 14 recap",
                                    "<p>Dan &amp; Yeon Seo</p>", "<p>What a twist.</p>");
  gint64 finale_id = save_article (fx, "finale", "Ahead of the finale",
                                   "<p>“Angel’s Last Mission: Love” ends.</p>", NULL);
  g_autoptr(DramaEpisode) spoiler = NULL;
  g_autoptr(DramaEpisode) finale = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  gint64 ids[2] = { article_id, finale_id };
  gint64 ep14_id = 0;

  link_all (fx);

  spoiler = drama_store_get_article_spoiler (fx->store, article_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (spoiler);
  g_assert_cmpint (drama_episode_get_number (spoiler), ==, 14);
  g_assert_cmpint (drama_episode_get_season (spoiler), ==, 1);
  g_assert_cmpstr (drama_episode_get_show_name (spoiler), ==, "Angel's Last Mission: Love");
  ep14_id = drama_episode_get_id (spoiler);

  finale = drama_store_get_article_spoiler (fx->store, finale_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (finale);
  g_assert_cmpint (drama_episode_get_number (finale), ==, 32);

  /* The global guard off: nothing guarded. */
  g_assert_null (drama_store_get_article_spoiler (fx->store, article_id, FALSE, &error));
  g_assert_no_error (error);

  /* The show's guard off. */
  drama_store_set_show_spoiler_guard (fx->store, show_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (drama_store_get_article_spoiler (fx->store, article_id, TRUE, &error));
  g_assert_no_error (error);
  drama_store_set_show_spoiler_guard (fx->store, show_id, TRUE, &error);
  g_assert_no_error (error);

  /* Seen: lifted. */
  drama_store_set_episodes_seen (fx->store, &ep14_id, 1, g_get_real_time () / G_USEC_PER_SEC,
                                 NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&spoiler);
  spoiler = drama_store_get_article_spoiler (fx->store, article_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_null (spoiler);

  /* The article list's batch form agrees. */
  articles = drama_store_get_articles (fx->store, ids, 2, &error);
  g_assert_no_error (error);
  drama_store_fill_article_links (fx->store, articles, TRUE, &error);
  g_assert_no_error (error);
  g_assert_null (drama_article_get_spoiler_episode (g_ptr_array_index (articles, 0)));
  g_assert_nonnull (drama_article_get_spoiler_episode (g_ptr_array_index (articles, 1)));
  g_assert_cmpuint (drama_article_get_shows (g_ptr_array_index (articles, 0))->len, ==, 1);

  episodes = drama_store_list_episodes (fx->store, show_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 32);
}

/* The page fill reads every article's shows and spoiler in two statements; each article must
 * get exactly what the per-article functions give it: the same shows in the same order, the
 * same episode (of two with the same number, the same one), removed shows and unguarded ones
 * left out. A library of many shows and articles with seen marks and guards both ways. */
static const char * const fill_show_names[] = {
  "Crimson Lantern Road", "The Glass Orchard", "Midnight Pharmacy", "Seoul Tide Chronicle",
  "Winter Palace Rules", "Paper Moon Detective", "Harbor of Echoes", "Silent Maple Street",
};
#define N_FILL_SHOWS G_N_ELEMENTS (fill_show_names)
#define N_FILL_ARTICLES 260

static void
append_mention (GString    *s,
                GRand      *rand,
                const char *name)
{
  g_string_append_printf (s, " “%s”", name);
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      g_string_append_printf (s, " episode %d", g_rand_int_range (rand, 1, 7));
      break;
    case 1:
      g_string_append_printf (s, " S%dE%d", g_rand_int_range (rand, 1, 3), g_rand_int_range (rand, 1, 7));
      break;
    default:
      break;
    }
  g_string_append (s, " aired.");
}

static void
assert_same_episode (DramaEpisode *a,
                     DramaEpisode *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }
  g_assert_cmpint (drama_episode_get_id (a), ==, drama_episode_get_id (b));
  g_assert_cmpint (drama_episode_get_show_id (a), ==, drama_episode_get_show_id (b));
  g_assert_cmpint (drama_episode_get_tvmaze_id (a), ==, drama_episode_get_tvmaze_id (b));
  g_assert_cmpint (drama_episode_get_season (a), ==, drama_episode_get_season (b));
  g_assert_cmpint (drama_episode_get_number (a), ==, drama_episode_get_number (b));
  g_assert_cmpstr (drama_episode_get_name (a), ==, drama_episode_get_name (b));
  g_assert_cmpstr (drama_episode_get_airdate (a), ==, drama_episode_get_airdate (b));
  g_assert_cmpstr (drama_episode_get_airtime (a), ==, drama_episode_get_airtime (b));
  g_assert_cmpint (drama_episode_get_airstamp (a), ==, drama_episode_get_airstamp (b));
  g_assert_cmpint (drama_episode_get_runtime (a), ==, drama_episode_get_runtime (b));
  g_assert_cmpstr (drama_episode_get_summary (a), ==, drama_episode_get_summary (b));
  g_assert_cmpint (drama_episode_get_seen_at (a), ==, drama_episode_get_seen_at (b));
  g_assert_cmpstr (drama_episode_get_show_name (a), ==, drama_episode_get_show_name (b));
}

/* Fills the page and compares every article with the per-article functions; counts what
 * the comparison covered. */
static void
compare_fill (StoreFixture *fx,
              GArray       *ids,
              gboolean      spoiler_guard,
              guint        *n_multi,
              guint        *n_spoilers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = drama_store_get_articles (fx->store, (const gint64 *) (gpointer) ids->data,
                                                            ids->len, &error);
  DramaArticle *extra;

  g_assert_no_error (error);
  /* An article listed twice, and one deleted meanwhile. */
  g_ptr_array_add (articles, g_object_ref (g_ptr_array_index (articles, 3)));
  extra = drama_article_new ();
  drama_article_set_id (extra, G_MAXINT32);
  g_ptr_array_add (articles, extra);

  g_assert_true (drama_store_fill_article_links (fx->store, articles, spoiler_guard, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);
      gint64 id = drama_article_get_id (article);
      g_autoptr(GPtrArray) expected = drama_store_list_article_shows (fx->store, id, &error);
      g_autoptr(DramaEpisode) spoiler = NULL;
      GPtrArray *shows = drama_article_get_shows (article);

      g_assert_no_error (error);
      spoiler = drama_store_get_article_spoiler (fx->store, id, spoiler_guard, &error);
      g_assert_no_error (error);

      g_assert_nonnull (shows);
      g_assert_cmpuint (shows->len, ==, expected->len);
      for (guint j = 0; j < shows->len; j++)
        {
          DramaShow *got = g_ptr_array_index (shows, j), *want = g_ptr_array_index (expected, j);

          g_assert_cmpint (drama_show_get_id (got), ==, drama_show_get_id (want));
          g_assert_cmpstr (drama_show_get_name (got), ==, drama_show_get_name (want));
        }
      assert_same_episode (drama_article_get_spoiler_episode (article), spoiler);
      *n_multi += shows->len >= 2;
      *n_spoilers += spoiler != NULL;
    }
}

static void
test_store_fill_links (StoreFixture  *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 show_ids[N_FILL_SHOWS];
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_multi = 0, n_spoilers = 0, n_removed_links = 0, n_spoilers_unguarded = 0;

  for (guint i = 0; i < N_FILL_SHOWS; i++)
    {
      g_autoptr(DramaShow) show = drama_show_new ();
      g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) stored = NULL;

      drama_show_set_tvmaze_id (show, 71000 + i);
      drama_show_set_name (show, fill_show_names[i]);
      for (int season = 1; season <= 2; season++)
        for (int n = 1; n <= 6; n++)
          {
            DramaEpisode *episode = drama_episode_new ();
            g_autofree char *name = g_strdup_printf ("%s %dx%d", fill_show_names[i], season, n);

            drama_episode_set_tvmaze_id (episode, 72000 + i * 100 + season * 10 + n);
            drama_episode_set_season (episode, season);
            drama_episode_set_number (episode, n);
            drama_episode_set_name (episode, name);
            drama_episode_set_summary (episode, "<p>Things happen.</p>");
            drama_episode_set_airstamp (episode, now - (30 - season * 6 - n) * 86400);
            g_ptr_array_add (episodes, episode);
          }
      drama_store_save_show (fx->store, show, episodes, NULL, &error);
      g_assert_no_error (error);
      show_ids[i] = drama_show_get_id (show);

      /* About a third of the episodes seen. */
      stored = drama_store_list_episodes (fx->store, show_ids[i], &error);
      g_assert_no_error (error);
      for (guint e = 0; e < stored->len; e++)
        if (g_rand_int_range (rand, 0, 3) == 0)
          {
            gint64 episode_id = drama_episode_get_id (g_ptr_array_index (stored, e));

            g_array_append_val (seen, episode_id);
          }
    }

  for (guint a = 0; a < N_FILL_ARTICLES; a++)
    {
      g_autoptr(GString) title = g_string_new ("News");
      g_autoptr(GString) body = g_string_new ("<p>Ratings.");
      g_autofree char *guid = g_strdup_printf ("fill-%u", a);
      g_autofree char *summary = NULL;
      int n_title = g_rand_int_range (rand, 0, 3), n_body = g_rand_int_range (rand, 0, 4);
      gint64 id;

      for (int k = 0; k < n_title; k++)
        append_mention (title, rand, fill_show_names[g_rand_int_range (rand, 0, N_FILL_SHOWS)]);
      for (int k = 0; k < n_body; k++)
        append_mention (body, rand, fill_show_names[g_rand_int_range (rand, 0, N_FILL_SHOWS)]);
      /* Two shows at the same episode: which one is the spoiler is decided by the order. */
      if (a % 7 == 0)
        g_string_append_printf (body, " “%s” episode 2 and “%s” episode 2 too.",
                                fill_show_names[a % N_FILL_SHOWS],
                                fill_show_names[(a / 7) % N_FILL_SHOWS]);
      g_string_append (body, "</p>");
      summary = g_string_free (g_steal_pointer (&body), FALSE);
      id = save_article (fx, guid, title->str, summary, NULL);
      g_array_prepend_val (ids, id);   /* newest first, as a page is */
    }
  link_all (fx);

  /* Links the matcher writes in headline order; added straight to the file, rows it would not
   * write in that order: a headline link after the body ones, and shows linked twice. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db,
      "INSERT INTO article_links (article_id, show_id, matched, place, episode_id) "
      "VALUES (?1, ?2, 'extra', ?3, "
      "  (SELECT id FROM episodes WHERE show_id = ?2 AND season = 1 AND number = ?4))",
      -1, &stmt, NULL), ==, SQLITE_OK);
    for (guint i = 0; i < ids->len; i += 3)
      {
        sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
        sqlite3_bind_int64 (stmt, 2, show_ids[g_rand_int_range (rand, 0, N_FILL_SHOWS)]);
        sqlite3_bind_int (stmt, 3, i % 2 == 0 ? DRAMA_MATCH_PLACE_HEADLINE : DRAMA_MATCH_PLACE_BODY);
        sqlite3_bind_int (stmt, 4, g_rand_int_range (rand, 1, 4));
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
        sqlite3_reset (stmt);
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  drama_store_set_episodes_seen (fx->store, (const gint64 *) (gpointer) seen->data, seen->len, now,
                                 NULL, &error);
  g_assert_no_error (error);
  drama_store_set_show_spoiler_guard (fx->store, show_ids[1], FALSE, &error);
  g_assert_no_error (error);
  drama_store_set_show_spoiler_guard (fx->store, show_ids[4], FALSE, &error);
  g_assert_no_error (error);
  drama_store_set_show_removed (fx->store, show_ids[6], TRUE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GArray) linked = drama_store_list_show_linked_article_ids (fx->store, show_ids[6], &error);

    g_assert_no_error (error);
    n_removed_links = linked->len;
  }

  compare_fill (fx, ids, TRUE, &n_multi, &n_spoilers);
  compare_fill (fx, ids, FALSE, &n_multi, &n_spoilers_unguarded);

  /* The library is varied enough for the comparison to mean something. */
  g_assert_cmpuint (n_removed_links, >, 10);
  g_assert_cmpuint (n_multi, >, 50);
  g_assert_cmpuint (n_spoilers, >, 30);
  g_assert_cmpuint (n_spoilers_unguarded, ==, 0);
}

/* The show page's episode rows: one query gives each episode's articles, newest first. */
static void
test_store_episode_articles (StoreFixture  *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 show_id = save_angel (fx);
  gint64 ep14_id = save_article (fx, "ep14", "“Angel’s Last Mission: Love” episode 14 recap",
                                 "<p>Dan &amp; Yeon Seo</p>", NULL);
  gint64 finale_id = save_article (fx, "finale", "Ahead of the finale",
                                   "<p>“Angel’s Last Mission: Love” ends.</p>", NULL);
  gint64 seed_id = save_seed_article (fx);
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GArray) episode_ids = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  gint64 want_ep14 = 0, want_ep32 = 0;
  gboolean saw_ep14 = FALSE, saw_finale = FALSE;

  if (!test_have_shared ("seed/article.txt"))
    return;
  link_all (fx);

  episodes = drama_store_list_episodes (fx->store, show_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < episodes->len; i++)
    {
      DramaEpisode *episode = g_ptr_array_index (episodes, i);

      if (drama_episode_get_number (episode) == 14)
        want_ep14 = drama_episode_get_id (episode);
      if (drama_episode_get_number (episode) == 32)
        want_ep32 = drama_episode_get_id (episode);
    }

  articles = drama_store_list_show_episode_articles (fx->store, show_id, &episode_ids, &error);
  g_assert_no_error (error);
  /* The seed article names the show but no episode: not listed. */
  g_assert_cmpuint (articles->len, ==, 2);
  g_assert_cmpuint (episode_ids->len, ==, 2);
  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);
      gint64 episode_id = g_array_index (episode_ids, gint64, i);

      g_assert_cmpint (drama_article_get_id (article), !=, seed_id);
      g_assert_cmpstr (drama_article_get_feed_title (article), ==, "Soompi");
      if (drama_article_get_id (article) == ep14_id)
        {
          g_assert_cmpint (episode_id, ==, want_ep14);
          saw_ep14 = TRUE;
        }
      else if (drama_article_get_id (article) == finale_id)
        {
          g_assert_cmpint (episode_id, ==, want_ep32);
          saw_finale = TRUE;
        }
    }
  g_assert_true (saw_ep14 && saw_finale);

  /* Another show has none. */
  g_clear_pointer (&articles, g_ptr_array_unref);
  g_clear_pointer (&episode_ids, g_array_unref);
  articles = drama_store_list_show_episode_articles (fx->store, save_other_show (fx),
                                                     &episode_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 0);
  g_assert_cmpuint (episode_ids->len, ==, 0);
}

/* The search entry's people: by name or alias, dashes and case ignored, only the cast of
 * shows on the watchlist, with the show that says who they are. */
static void
test_store_search_people (StoreFixture  *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 show_id = save_angel (fx);
  gint64 other_id = save_other_show (fx);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) show_names = NULL;

  people = drama_store_search_people (fx->store, "shin hye sun", 0, &show_names, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 1);
  g_assert_cmpstr (drama_person_get_name (g_ptr_array_index (people, 0)), ==, "Shin Hye-sun");
  g_assert_cmpint (drama_person_get_id (g_ptr_array_index (people, 0)), ==,
                   person_id_by_name (fx, show_id, "Shin Hye-sun"));
  g_assert_cmpstr (g_ptr_array_index (show_names, 0), ==, "Angel's Last Mission: Love");
  g_clear_pointer (&people, g_ptr_array_unref);
  g_clear_pointer (&show_names, g_ptr_array_unref);

  /* "l": Kim Myung-soo by his alias "L" (his name has no l), Lee Dong-gun by his name. */
  people = drama_store_search_people (fx->store, "l", 0, &show_names, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_cmpstr (drama_person_get_name (g_ptr_array_index (people, 0)), ==, "Kim Myung-soo");
  g_assert_cmpstr (drama_person_get_name (g_ptr_array_index (people, 1)), ==, "Lee Dong-gun");
  g_assert_cmpstr (g_ptr_array_index (show_names, 1), ==, "Welcome to Waikiki");
  g_clear_pointer (&people, g_ptr_array_unref);
  g_clear_pointer (&show_names, g_ptr_array_unref);

  /* The limit. */
  people = drama_store_search_people (fx->store, "l", 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 1);
  g_clear_pointer (&people, g_ptr_array_unref);

  /* Nobody and nothing. */
  people = drama_store_search_people (fx->store, "Gong Yoo", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 0);
  g_clear_pointer (&people, g_ptr_array_unref);
  people = drama_store_search_people (fx->store, "  ", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 0);
  g_clear_pointer (&people, g_ptr_array_unref);

  /* Removed from the watchlist: their cast is no longer found. */
  drama_store_set_show_removed (fx->store, other_id, TRUE, &error);
  g_assert_no_error (error);
  people = drama_store_search_people (fx->store, "lee dong", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 0);
}

/* ---- the linker ---- */

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
on_links_changed (DramaStore       *store,
                  DramaStoreChange *change,
                  guint            *count)
{
  (*count)++;
}

static void
wait_idle (DramaLinker *linker)
{
  while (drama_linker_get_busy (linker))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_linker (StoreFixture  *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaLinker) linker = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint links_changed = 0;
  gint64 article_id, show_id;

  if (!test_have_shared ("seed/article.txt"))
    return;
  article_id = save_seed_article (fx);
  linker = drama_linker_new (fx->store);
  g_signal_connect (fx->store, "changed::link", G_CALLBACK (on_links_changed), &links_changed);
  wait_idle (linker);

  /* The show arrives: "changed::show" makes the linker relink in the background. */
  show_id = save_angel (fx);
  g_assert_true (drama_linker_get_busy (linker));
  wait_idle (linker);
  assert_article_shows (fx, article_id, show_id);
  g_assert_cmpuint (links_changed, >, 0);

  /* A new article, linked on request. */
  {
    gint64 new_id = save_article (fx, "new", "Shin Hye Sun at the airport",
                                  "<p>“Angel’s Last Mission: Love” wrapped.</p>", NULL);

    drama_linker_link_articles_async (linker, &new_id, 1, NULL, on_async_done, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    drama_linker_link_articles_finish (linker, result, &error);
    g_assert_no_error (error);
    assert_article_shows (fx, new_id, show_id);
  }
  wait_idle (linker);

  /* Relinking everything on request: requests made while another job runs share one
   * relink. */
  {
    g_autoptr(GAsyncResult) r0 = NULL;
    g_autoptr(GAsyncResult) r1 = NULL;
    g_autoptr(GAsyncResult) r2 = NULL;

    links_changed = 0;
    drama_linker_link_articles_async (linker, &article_id, 1, NULL, on_async_done, &r0);
    drama_linker_relink_all_async (linker, NULL, on_async_done, &r1);
    drama_linker_relink_all_async (linker, NULL, on_async_done, &r2);
    while (r0 == NULL || r1 == NULL || r2 == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (drama_linker_link_articles_finish (linker, r0, &error));
    g_assert_no_error (error);
    g_assert_true (drama_linker_relink_all_finish (linker, r1, &error));
    g_assert_no_error (error);
    g_assert_true (drama_linker_relink_all_finish (linker, r2, &error));
    g_assert_no_error (error);
    wait_idle (linker);
    /* One for the link job, one for the single relink; the rebuilds their signals cause
     * find the same dictionary and write nothing. */
    g_assert_cmpuint (links_changed, ==, 2);
    assert_article_shows (fx, article_id, show_id);
  }

  /* An unrelated change (rating) rebuilds the dictionary but relinks nothing. */
  links_changed = 0;
  drama_store_set_show_user_fields (fx->store, show_id, DRAMA_WATCH_STATUS_WATCHING, 8, NULL,
                                    &error);
  g_assert_no_error (error);
  wait_idle (linker);
  g_assert_cmpuint (links_changed, ==, 0);

  g_signal_handlers_disconnect_by_func (fx->store, on_links_changed, &links_changed);
}

static void
on_any_change (DramaStore       *store,
               DramaStoreChange *change,
               GPtrArray        *log)
{
  g_ptr_array_add (log, drama_store_change_ref (change));
}

/* A seen-click says exactly what changed (one episode change, one show change, with ids
 * and the reason) and costs the linker nothing: no dictionary rebuild, no relink. */
static void
test_seen_click (StoreFixture  *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaLinker) linker = NULL;
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_store_change_unref);
  g_autoptr(GPtrArray) episodes = NULL;
  DramaStoreChange *change;
  const gint64 *ids;
  guint n_ids;
  gint64 show_id, episode_id;

  if (!test_have_shared ("seed/article.txt"))
    return;
  save_seed_article (fx);
  show_id = save_angel (fx);
  linker = drama_linker_new (fx->store);
  wait_idle (linker);

  episodes = drama_store_list_episodes (fx->store, show_id, &error);
  g_assert_no_error (error);
  episode_id = drama_episode_get_id (g_ptr_array_index (episodes, 0));
  g_signal_connect (fx->store, "changed", G_CALLBACK (on_any_change), log);

  g_assert_true (drama_store_set_episodes_seen (fx->store, &episode_id, 1, 1000, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (log->len, ==, 2);
  change = g_ptr_array_index (log, 0);
  g_assert_cmpint (drama_store_change_get_kind (change), ==, DRAMA_CHANGE_EPISODE);
  g_assert_cmpint (drama_store_change_get_reason (change), ==, DRAMA_CHANGE_SEEN);
  g_assert_cmpint (drama_store_change_get_show_id (change), ==, show_id);
  ids = drama_store_change_get_ids (change, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_cmpint (ids[0], ==, episode_id);
  change = g_ptr_array_index (log, 1);
  g_assert_cmpint (drama_store_change_get_kind (change), ==, DRAMA_CHANGE_SHOW);
  g_assert_cmpint (drama_store_change_get_reason (change), ==, DRAMA_CHANGE_SEEN);
  g_assert_true (drama_store_change_has_id (change, show_id));
  g_assert_false (drama_store_change_has_id (change, show_id + 1));
  g_assert_false (drama_linker_get_busy (linker));

  /* The user's status is a mark too. */
  g_assert_true (drama_store_set_show_user_fields (fx->store, show_id, DRAMA_WATCH_STATUS_ON_HOLD,
                                                   0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpint (drama_store_change_get_reason (g_ptr_array_index (log, 2)), ==, DRAMA_CHANGE_USER);
  g_assert_false (drama_linker_get_busy (linker));

  /* An alias is a new name: that does wake the linker. */
  {
    const char *aliases[] = { "Angel Love", NULL };

    g_assert_true (drama_store_set_show_aliases (fx->store, show_id, aliases, &error));
    g_assert_no_error (error);
    g_assert_true (drama_linker_get_busy (linker));
    wait_idle (linker);
  }
  g_signal_handlers_disconnect_by_func (fx->store, on_any_change, log);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/matcher/text/normalize", test_text_normalize);
  g_test_add_func ("/matcher/text/offsets", test_text_offsets);
  g_test_add_func ("/matcher/text/invalid-utf8", test_text_invalid_utf8);
  g_test_add_func ("/matcher/seed", test_seed);
  g_test_add_func ("/matcher/place-ranking", test_place_ranking);
  g_test_add_func ("/matcher/short-name", test_short_name);
  g_test_add_func ("/matcher/iu", test_iu);
  g_test_add_func ("/matcher/common-word-title", test_common_word_title);
  g_test_add_func ("/matcher/single-word-person", test_single_word_person);
  g_test_add_func ("/matcher/cjk", test_cjk);
  g_test_add_func ("/matcher/episodes", test_episodes);
  g_test_add_func ("/matcher/episodes/no-show", test_episodes_no_show);
  g_test_add_func ("/matcher/episodes/two-shows", test_episodes_two_shows);
  g_test_add_func ("/matcher/fingerprint", test_fingerprint);
  g_test_add_func ("/matcher/duplicates", test_duplicates);
  g_test_add ("/matcher/store/seed", StoreFixture, NULL,
              store_fixture_set_up, test_store_seed, store_fixture_tear_down);
  g_test_add ("/matcher/store/relink-after-add", StoreFixture, NULL,
              store_fixture_set_up, test_store_relink_after_add, store_fixture_tear_down);
  g_test_add ("/matcher/store/reopen", StoreFixture, NULL,
              store_fixture_set_up, test_store_reopen, store_fixture_tear_down);
  g_test_add ("/matcher/store/spoiler", StoreFixture, NULL,
              store_fixture_set_up, test_store_spoiler, store_fixture_tear_down);
  g_test_add ("/matcher/store/fill-links", StoreFixture, NULL,
              store_fixture_set_up, test_store_fill_links, store_fixture_tear_down);
  g_test_add ("/matcher/store/episode-articles", StoreFixture, NULL,
              store_fixture_set_up, test_store_episode_articles, store_fixture_tear_down);
  g_test_add ("/matcher/store/search-people", StoreFixture, NULL,
              store_fixture_set_up, test_store_search_people, store_fixture_tear_down);
  g_test_add ("/matcher/linker/seen-click", StoreFixture, NULL,
              store_fixture_set_up, test_seen_click, store_fixture_tear_down);
  g_test_add ("/matcher/linker", StoreFixture, NULL,
              store_fixture_set_up, test_linker, store_fixture_tear_down);

  return g_test_run ();
}
