/* Drama titles named by casting news (drama-casting-titles.c): headlines and sentences in
 * the shapes Soompi, Koreaboo, Newsen and OSEN write them, Latin and Hangul; what must be
 * offered (the new drama, in quotes of every kind) and what must not (a film, a song,
 * speech, apostrophes, a coinage, a long quoted sentence, a title already on the
 * watchlist). Whole articles in tests/fixtures/casting/: the headline on the first line. */

#include "config.h"

#include <string.h>

#include "drama-casting-titles.h"

typedef struct {
  const char *title;
  const char *text;
  const char *expected[3];   /* NULL-terminated */
} Case;

static void
assert_titles (GPtrArray          *found,
               const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < found->len; i++)
    g_test_message ("found: %s", (const char *) g_ptr_array_index (found, i));
  g_assert_cmpuint (found->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (found, i), ==, expected[i]);
}

static void
run_cases (const Case         *cases,
           gsize               n,
           const char * const *known)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) found = drama_casting_titles_find (cases[i].title, cases[i].text,
                                                               known);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s / %s", i, cases[i].title, cases[i].text);
      assert_titles (found, cases[i].expected);
    }
}

static void
test_latin_headlines (void)
{
  static const Case cases[] = {
    { "IU confirmed to lead new drama “Lantern Street Diaries”", NULL,
      { "Lantern Street Diaries", NULL } },
    { "Song Kang in talks to star in tvN's 'Forecast of Love and Weather' follow-up", NULL,
      { "Forecast of Love and Weather", NULL } },
    { "Park Bo-young and Park Hyung-sik reunite for JTBC's “Strong Girl Nam-soon”", NULL,
      { "Strong Girl Nam-soon", NULL } },
    /* Straight double quotes, a season number kept, a title ending in "!" */
    { "Jung Kyung-ho joins \"Hospital Playlist 2\" cast", NULL,
      { "Hospital Playlist 2", NULL } },
    { "Lee Jong-suk offered lead role in K-drama ‘Hi Bye, Mama!’", NULL,
      { "Hi Bye, Mama!", NULL } },
    /* American style: the comma and the full stop inside the quotes */
    { NULL, "Kim Tae-ri will star in the SBS series “Revenant,” which premieres in June.",
      { "Revenant", NULL } },
    { NULL, "Ahn Hyo-seop has been cast in Netflix's new drama “Mr. Plankton.”",
      { "Mr. Plankton", NULL } },
    /* A title that starts with a digit, a one-letter title, a variety show */
    { NULL, "He appeared in the drama '18 Again' with Kim Ha-neul.", { "18 Again", NULL } },
    { NULL, "She starred in the 2016 drama 'W' with Lee Jong-suk.", { "W", NULL } },
    { NULL, "She sang 'Spring Day' on the show 'Running Man'.", { "Running Man", NULL } },
    /* "Song" of Song Kang is a name, not a song */
    { NULL, "Song Kang confirmed for the drama “Sweet Home”.", { "Sweet Home", NULL } },
    /* Korean-style brackets in English text */
    { NULL, "Netflix confirmed the cast of the webtoon-based series 《Gyeongseong Creature》.",
      { "Gyeongseong Creature", NULL } },
  };

  run_cases (cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_hangul_headlines (void)
{
  static const Case cases[] = {
    { "아이유, 새 드라마 '등불 거리 일기' 주연 확정", NULL, { "등불 거리 일기", NULL } },
    { "박보영, 넷플릭스 <멜로무비> 출연 물망", NULL, { "멜로무비", NULL } },
    { "김수현·김지원, tvN ‘눈물의 여왕’ 캐스팅", NULL, { "눈물의 여왕", NULL } },
    { "변우석, 《선재 업고 튀어》 주인공 류선재 역 합류", NULL, { "선재 업고 튀어", NULL } },
    { "송강, 「기상청 사람들」 후속작 출연 제안 받아", NULL, { "기상청 사람들", NULL } },
    { "이도현, 『나쁜 엄마』로 JTBC 복귀", NULL, { "나쁜 엄마", NULL } },
    /* A role (역), not a region (지역) */
    { NULL, "김태리는 SBS 금토드라마 '정년이'에서 윤정년 역을 맡았다.", { "정년이", NULL } },
    { NULL, "지역 주민들은 '행복 마을'에 모였다.", { NULL } },
    /* A particle straight after the closing quote */
    { NULL, "정해인은 디즈니+ 시리즈 '커넥트'에서 주연을 맡았다.", { "커넥트", NULL } },
    { NULL, "박형식은 〈힘쎈여자 강남순〉으로 첫 방송을 앞두고 있다.", { "힘쎈여자 강남순", NULL } },
  };

  run_cases (cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_two_dramas (void)
{
  static const Case cases[] = {
    { "Kim Go-eun offered leads in “Spring Rain Bakery” and “Glass Harbor”", NULL,
      { "Spring Rain Bakery", "Glass Harbor", NULL } },
    { NULL, "차은우는 SBS 새 드라마 '봄비 빵집'과 넷플릭스 시리즈 '유리 항구' 출연을 검토 중이다.",
      { "봄비 빵집", "유리 항구", NULL } },
    /* The headline first, then the text, each title once */
    { "IU confirmed to lead new drama “Lantern Street Diaries”",
      "tvN's “Blue Harbor Nights” and “LANTERN STREET DIARIES” complete its new drama slate.",
      { "Lantern Street Diaries", "Blue Harbor Nights", NULL } },
  };

  run_cases (cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_not_a_show (void)
{
  static const Case cases[] = {
    /* Films, songs, books: TVmaze has none of them */
    { NULL, "Kim Go-eun was cast in the film 'Exhuma' alongside Choi Min-sik.", { NULL } },
    { NULL, "IU released the single 'Love Wins All' in January.", { NULL } },
    { NULL, "The star will lead the upcoming movie “Harbin” next winter.", { NULL } },
    { NULL, "She stars in the musical “Rebecca” and sings the OST “Shadow Of You”.", { NULL } },
    { NULL, "박보영은 영화 '콘크리트 유토피아'에서 명화 역으로 출연했다.", { NULL } },
    { NULL, "아이유는 신곡 '러브 윈즈 올'을 발표하며 앨범 활동을 시작했다.", { NULL } },
    /* A drama nearer than the film: the drama counts, the film does not */
    { NULL, "After the film “Exhuma”, Kim Go-eun joins the drama “Spring Rain Bakery”.",
      { "Spring Rain Bakery", NULL } },
  };

  run_cases (cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_not_a_title (void)
{
  static const Case cases[] = {
    /* Speech */
    { NULL, "“I was so happy to work with everyone,” she said of the new drama.", { NULL } },
    { NULL, "“Thank You,” the lead actress told reporters at the drama's premiere.", { NULL } },
    { NULL, "Her agency said: “She Is Positively Reviewing The Drama Offer”", { NULL } },
    { NULL, "The drama's director said the cast was “a dream come true” for him.", { NULL } },
    { NULL, "아이유는 새 드라마 촬영 소감으로 \"정말 행복한 시간이었다\"라고 말했다.", { NULL } },
    { NULL, "소속사는 \"새 드라마 출연을 긍정적으로 검토 중\"이라고 밝혔다.", { NULL } },
    /* A long quoted sentence, with a sentence end inside */
    { NULL, "The drama's writer added that “Every Character In This Story Has A Secret That "
            "Changes Everything” before the premiere.", { NULL } },
    { NULL, "The cast said “We Loved It. Everyone Was Kind” at the drama's wrap party.", { NULL } },
    { NULL, "그는 \"'눈물의 여왕'은 내 인생작\"이라고 말했다.", { NULL } },
    /* Apostrophes are not quotes */
    { NULL, "Dramas from the '80s and '90s' golden era return on tvN.", { NULL } },
    { NULL, "INFINITE's L joins the drama as the lead, a role made for a '90s idol, "
            "and the cast's chemistry shows in the new drama's teaser.", { NULL } },
    { NULL, "The drama's lead actor said he didn't expect the '90s-style romance to be a hit, "
            "but the cast's fans' reactions were warm.", { NULL } },
    /* A coinage, and quotes with no production word near */
    { NULL, "The new drama appeals to the so-called 'MZ Generation' of viewers.", { NULL } },
    { NULL, "The so-called 'MZ generation' spends more on travel than ever.", { NULL } },
    { NULL, "Fans lined up for the 'Golden Hour' sale at the Seoul shop.", { NULL } },
    { NULL, "이른바 'MZ세대'를 겨냥한 새 드라마가 쏟아진다.", { NULL } },
    { NULL, "서울 시민들은 '한강 불꽃축제'를 보러 모였다.", { NULL } },
    /* Not the shape of a title */
    { NULL, "The drama will premiere on “2025”.", { NULL } },
    { NULL, "The new drama “ ” was announced by tvN.", { NULL } },
  };

  run_cases (cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_known_titles (void)
{
  static const char * const known[] = {
    "Queen of Tears", "눈물의 여왕", "Strong Woman Do Bong Soon", "힘쎈여자 도봉순",
    "Hospital Playlist", "Yumi's Cells", NULL
  };
  static const Case cases[] = {
    { "Kim Soo-hyun returns to tvN's 'Queen of Tears' set", NULL, { NULL } },
    { "김수현, tvN ‘눈물의 여왕’ 출연", NULL, { NULL } },
    /* Case, punctuation, typographic apostrophes and spaces ignored */
    { NULL, "Kim Go-eun starred in the drama “YUMI’S CELLS”.", { NULL } },
    { NULL, "박보영은 JTBC 드라마 《힘쎈여자 도봉순》에서 호흡을 맞췄다.", { NULL } },
    /* Another season of a show on the watchlist is that show */
    { NULL, "Jung Kyung-ho confirmed for tvN's “Hospital Playlist 3”.", { NULL } },
    { NULL, "Jung Kyung-ho confirmed for tvN's “Hospital Playlist Season 3”.", { NULL } },
    /* A new one beside a known one */
    { "Kim Ji-won, star of 'Queen of Tears', joins the drama 'Lantern Street Diaries'", NULL,
      { "Lantern Street Diaries", NULL } },
  };

  run_cases (cases, G_N_ELEMENTS (cases), known);
}

/* No more than DRAMA_CASTING_TITLES_MAX from one article, the first ones found. */
static void
test_at_most (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) found = NULL;

  for (guint i = 1; i <= 8; i++)
    g_string_append_printf (text, "The actor joins the drama “Harbor Lights %u”. ", i);
  found = drama_casting_titles_find (NULL, text->str, NULL);
  g_assert_cmpuint (found->len, ==, DRAMA_CASTING_TITLES_MAX);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, "Harbor Lights 1");
  g_assert_cmpstr (g_ptr_array_index (found, DRAMA_CASTING_TITLES_MAX - 1), ==,
                   "Harbor Lights 5");
}

/* NFC out, duplicates in another normal form or case dropped, invalid bytes survived. */
static void
test_normal_forms (void)
{
  /* "눈물의 여왕" as conjoining jamo (NFD), then as syllables (NFC) */
  g_autofree char *nfd = g_utf8_normalize ("tvN 새 드라마 '눈물의 여왕' 캐스팅", -1,
                                          G_NORMALIZE_NFD);
  g_autoptr(GPtrArray) found = drama_casting_titles_find (nfd,
                                                          "tvN 드라마 '눈물의 여왕' 주연", NULL);
  g_autoptr(GPtrArray) invalid = NULL;
  g_autoptr(GPtrArray) empty = drama_casting_titles_find (NULL, NULL, NULL);

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, "눈물의 여왕");
  g_assert_cmpuint (empty->len, ==, 0);

  invalid = drama_casting_titles_find (NULL, "The \xff drama “Blue \xfe Harbor” stars IU \xc3",
                                       NULL);
  g_assert_cmpuint (invalid->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (invalid, 0), ==, "Blue \xef\xbf\xbd Harbor");
}

/* Whole articles: the headline, then the text. */
static void
test_articles (void)
{
  static const char * const iu_known[] = { "Hometown Cha-Cha-Cha", NULL };
  static const char * const go_eun_known[] = { "Little Women", "Yumi's Cells", NULL };
  static const char * const bo_young_known[] = { "힘쎈여자 도봉순", NULL };
  struct {
    const char         *file;
    const char * const *known;
    const char         *expected[3];
  } articles[] = {
    /* The drama once (headline and text), not the film "Dream", the single, the speech, the
     * watchlist's "Hometown Cha-Cha-Cha" */
    { "en-iu-lantern-street.txt", iu_known, { "Lantern Street Diaries", NULL } },
    { "en-iu-lantern-street.txt", NULL, { "Lantern Street Diaries", "Hometown Cha-Cha-Cha",
                                          NULL } },
    /* Not "Exhuma": the headline does not say what it is, the text says a film */
    { "en-two-dramas.txt", go_eun_known, { "Spring Rain Bakery", "Glass Harbor", NULL } },
    { "ko-iu-lantern-street.txt", NULL, { "등불 거리 일기", NULL } },
    { "ko-park-boyoung-melo.txt", bo_young_known, { "멜로무비", "힘쎈여자 강남순", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "casting",
                                                     articles[i].file, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;
      char *newline;

      g_test_message ("%s", articles[i].file);
      g_file_get_contents (path, &contents, NULL, &error);
      g_assert_no_error (error);
      newline = strchr (contents, '\n');
      g_assert_nonnull (newline);
      *newline = '\0';
      found = drama_casting_titles_find (contents, newline + 1, articles[i].known);
      assert_titles (found, articles[i].expected);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/casting-titles/latin", test_latin_headlines);
  g_test_add_func ("/casting-titles/hangul", test_hangul_headlines);
  g_test_add_func ("/casting-titles/two-dramas", test_two_dramas);
  g_test_add_func ("/casting-titles/not-a-show", test_not_a_show);
  g_test_add_func ("/casting-titles/not-a-title", test_not_a_title);
  g_test_add_func ("/casting-titles/known-titles", test_known_titles);
  g_test_add_func ("/casting-titles/at-most", test_at_most);
  g_test_add_func ("/casting-titles/normal-forms", test_normal_forms);
  g_test_add_func ("/casting-titles/articles", test_articles);
  return g_test_run ();
}
