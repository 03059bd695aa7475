/* Stage names learned from the news (drama-stage-names.c): the seed article, and articles
 * written for this test in the shapes drama news uses, Latin and Hangul; each pattern that
 * should propose, and each case that must not (a common-word character alone, two actors
 * for one character, a name already known, no pattern at all). */

#include "config.h"

#include <stdlib.h>

#include "drama-linker.h"
#include "drama-person.h"
#include "drama-store.h"
#include "drama-stage-names.h"

static const char * const angel_titles[] = { "Angel's Last Mission: Love", "Angel’s Last Mission: Love",
                                             "단, 하나의 사랑", NULL };

static DramaPerson *
actor (gint64 id, const char *name, const char *character)
{
  DramaPerson *person = drama_person_new ();

  drama_person_set_id (person, id);
  drama_person_set_name (person, name);
  drama_person_set_character (person, character);
  return person;
}

/* Angel's Last Mission: Love, as TVmaze gives it: Kim Myung-soo as Dan, Shin Hye-sun as
 * Lee Yeon-seo, and (for the Korean articles) the same characters in Hangul. */
static GPtrArray *
angel_cast (void)
{
  GPtrArray *cast = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (cast, actor (1, "Kim Myung-soo", "Dan"));
  g_ptr_array_add (cast, actor (2, "Shin Hye-sun", "Lee Yeon Seo"));
  g_ptr_array_add (cast, actor (3, "Kim Bo-mi", "Geum Ru-na"));
  return cast;
}

static GPtrArray *
find (const char *text, GPtrArray *cast)
{
  return drama_stage_names_find (text, cast, angel_titles);
}

static void
assert_one (GPtrArray *found, gint64 person_id, const char *name, const char *group)
{
  g_assert_cmpuint (found->len, ==, 1);
  {
    DramaStageName *proposal = g_ptr_array_index (found, 0);

    g_assert_cmpint (proposal->person_id, ==, person_id);
    g_assert_cmpstr (proposal->name, ==, name);
    g_assert_cmpstr (proposal->group, ==, group);
  }
}

/* The seed article: "Dan (played by INFINITE’s L)" and "Lee Yeon Seo (played by Shin Hye
 * Sun)", whose name is the actor's own but for the hyphen: proposed too, it is how the news
 * writes it. */
static void
test_seed_article (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("DRAMALIST_SHARED_DIR") != NULL ?
                                            g_getenv ("DRAMALIST_SHARED_DIR") : "../shared",
                                            "seed", "article.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) cast = angel_cast ();
  g_autoptr(GPtrArray) found = NULL;
  gboolean saw_l = FALSE;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("the seed article (../shared/seed/article.txt) is not there");
      return;
    }
  found = find (text, cast);
  for (guint i = 0; i < found->len; i++)
    {
      DramaStageName *proposal = g_ptr_array_index (found, i);

      if (proposal->person_id == 1)
        {
          g_assert_cmpstr (proposal->name, ==, "L");
          g_assert_cmpstr (proposal->group, ==, "INFINITE");
          g_assert_cmpstr (proposal->character, ==, "Dan");
          saw_l = TRUE;
        }
    }
  g_assert_true (saw_l);
}

static void
test_latin_patterns (void)
{
  g_autoptr(GPtrArray) cast = angel_cast ();
  struct { const char *text; const char *name; const char *group; } cases[] = {
    { "The angel Dan (played by INFINITE's L) falls for a ballerina.", "L", "INFINITE" },
    { "The drama stars INFINITE's L as Dan, an angel on a mission.", "L", "INFINITE" },
    { "L, who plays Dan, said the wire work was the hardest part.", "L", NULL },
    { "The angel Dan, played by L, meets the ballerina in episode 1.", "L", NULL },
    { "Dan (played by Kim Myungsoo) returns to heaven.", "Kim Myungsoo", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) found = find (cases[i].text, cast);

      g_test_message ("%s", cases[i].text);
      assert_one (found, 1, cases[i].name, cases[i].group);
    }
}

static void
test_hangul_patterns (void)
{
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  const char *texts[] = {
    "‘단, 하나의 사랑’에서 단 역의 엘은 천사의 날개를 달았다.",
    "단 역을 맡은 엘은 촬영 소감을 전했다.",
    "엘(단 역)은 와이어 액션을 직접 소화했다.",
  };

  g_ptr_array_add (cast, actor (1, "Kim Myung-soo", "단"));
  g_ptr_array_add (cast, actor (2, "Shin Hye-sun", "이연서"));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) found = drama_stage_names_find (texts[i], cast, angel_titles);

      g_test_message ("%s", texts[i]);
      assert_one (found, 1, "엘", NULL);
    }
}

static void
test_no_proposal (void)
{
  g_autoptr(GPtrArray) cast = angel_cast ();
  g_autoptr(GPtrArray) twice = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) will = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = NULL;
  const char * const aliases[] = { "L", NULL };

  /* No pattern: both names in one sentence say nothing about who plays whom. */
  found = find ("Dan and L were seen at the airport.", cast);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Already known. */
  drama_person_set_aliases (g_ptr_array_index (cast, 0), aliases);
  found = find ("Dan (played by INFINITE's L) falls in love.", cast);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Two actors play Dan (young and grown up): which one? */
  g_ptr_array_add (twice, actor (1, "Kim Myung-soo", "Dan"));
  g_ptr_array_add (twice, actor (4, "Moon Woo-jin", "Dan"));
  found = find ("Dan (played by INFINITE's L) falls in love.", twice);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A character whose name is an everyday word, with nothing else tying the article to
   * the show: none. With the show's title in the article: proposed. */
  g_ptr_array_add (will, actor (5, "Park Seo-joon", "Will"));
  found = drama_stage_names_find ("Will, played by Seo Joon, is the heart of the film.", will,
                                  angel_titles);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = drama_stage_names_find ("In “Angel's Last Mission: Love”, Will, played by Seo Joon, "
                                  "is the heart of the story.", will, angel_titles);
  assert_one (found, 5, "Seo Joon", NULL);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The whole way: an article linked to the show proposes "L" for Dan's actor; accepted, it
 * joins his names with "INFINITE's L"; answered, it is not proposed again. */
static void
test_linked_article (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-stage-names-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(DramaStore) store = drama_store_new (path, &error);
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(GPtrArray) cast = angel_cast ();
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DramaArticle) article = drama_article_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(DramaLinker) linker = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) saved_cast = NULL;
  g_autoptr(GPtrArray) again = NULL;
  DramaNameProposal *proposal;
  DramaPerson *dan = NULL;

  g_assert_no_error (error);
  drama_show_set_tvmaze_id (show, 41163);
  drama_show_set_name (show, "Angel's Last Mission: Love");
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  g_assert_true (drama_store_save_show (store, show, NULL, cast, &error));
  feed = drama_store_add_feed (store, "https://news.example.com/feed", "News", &error);
  g_assert_no_error (error);
  drama_article_set_guid (article, "one");
  drama_article_set_title (article, "Angel's Last Mission: Love: the wire scenes");
  drama_article_set_text (article, "Dan (played by INFINITE’s L) flies over Seoul.");
  drama_article_set_published (article, 1600000000);
  g_ptr_array_add (articles, g_object_ref (article));
  g_assert_true (drama_store_save_articles (store, drama_feed_get_id (feed), articles, &ids, &error));
  g_assert_no_error (error);

  linker = drama_linker_new (store);
  drama_linker_link_articles_async (linker, (const gint64 *) (gpointer) ids->data, ids->len, NULL,
                                    on_done, &result);
  while (result == NULL || drama_linker_get_busy (linker))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (drama_linker_link_articles_finish (linker, result, &error));
  g_assert_no_error (error);

  proposals = drama_store_list_name_proposals (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (proposals->len, ==, 1);
  proposal = g_ptr_array_index (proposals, 0);
  g_assert_cmpstr (proposal->name, ==, "L");
  g_assert_cmpstr (proposal->group, ==, "INFINITE");
  g_assert_cmpstr (proposal->article_title, ==, "Angel's Last Mission: Love: the wire scenes");

  g_assert_true (drama_store_resolve_name_proposal (store, proposal->id, TRUE, &error));
  g_assert_no_error (error);
  saved_cast = drama_store_list_cast (store, drama_show_get_id (show), &error);
  for (guint i = 0; i < saved_cast->len; i++)
    if (g_strcmp0 (drama_person_get_character (g_ptr_array_index (saved_cast, i)), "Dan") == 0)
      dan = g_ptr_array_index (saved_cast, i);
  g_assert_nonnull (dan);
  g_assert_true (g_strv_contains (drama_person_get_aliases (dan), "L"));
  g_assert_true (g_strv_contains (drama_person_get_aliases (dan), "INFINITE's L"));
  g_assert_false (drama_store_resolve_name_proposal (store, proposal->id, FALSE, &error));
  g_assert_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Found again: nothing new to ask. */
  again = drama_stage_names_find ("Dan (played by Kim Myungsoo) again.", cast, angel_titles);
  g_assert_cmpuint (drama_store_add_name_proposals (store, 0, again, &error), ==, 1);
  g_assert_cmpuint (drama_store_add_name_proposals (store, 0, again, &error), ==, 0);
  g_clear_pointer (&proposals, g_ptr_array_unref);
  proposals = drama_store_list_name_proposals (store, 0, &error);
  g_assert_cmpuint (proposals->len, ==, 1);
  g_assert_true (drama_store_resolve_name_proposal (store,
                                                    ((DramaNameProposal *) g_ptr_array_index (proposals, 0))->id,
                                                    FALSE, &error));
  g_assert_cmpuint (drama_store_add_name_proposals (store, 0, again, &error), ==, 0);
  g_clear_pointer (&proposals, g_ptr_array_unref);
  proposals = drama_store_list_name_proposals (store, 0, &error);
  g_assert_cmpuint (proposals->len, ==, 0);

  g_clear_object (&linker);
  g_clear_object (&store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (system (command), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stage-names/seed-article", test_seed_article);
  g_test_add_func ("/stage-names/latin", test_latin_patterns);
  g_test_add_func ("/stage-names/hangul", test_hangul_patterns);
  g_test_add_func ("/stage-names/no-proposal", test_no_proposal);
  g_test_add_func ("/stage-names/linked-article", test_linked_article);

  return g_test_run ();
}
