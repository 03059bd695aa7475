/* Reader mode's loader (drama-article-loader.c) against pages on a SoupServer on
 * 127.0.0.1 and a real SQLite file: an article whose feed gives only a summary gets its
 * page's text, which search then finds and by which the article is linked to the show it
 * names; the feed's next copy keeps it; each failure comes back in words, the lasting ones
 * kept with the article, the summary untouched; a page on a private address is refused for
 * a feed from the internet; the HTTP charset is honoured; feeds set to load full articles
 * have their new articles loaded in the background, once. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drama-article-loader.h"
#include "drama-linker.h"
#include "drama-store.h"
#include "fake-server.h"
#include "test-resolver.h"

#define SUMMARY "<p>A look behind this week’s flying scenes.</p>"

typedef struct {
  char               *dir;
  FakeServer         *server;
  DramaStore         *store;
  DramaLinker        *linker;
  DramaArticleLoader *loader;
  gint64              show_id;
  gint64              feed_id;
} Fixture;

static DramaPerson *
actor (gint64 tvmaze_id, const char *name, const char *character)
{
  DramaPerson *person = drama_person_new ();

  drama_person_set_tvmaze_id (person, tvmaze_id);
  drama_person_set_name (person, name);
  drama_person_set_character (person, character);
  return person;
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autofree char *fixtures = FAKE_SERVER_FIXTURES ("reader");
  g_autofree char *path = NULL;
  g_autofree char *feed_url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DramaFeed) feed = NULL;

  fx->dir = g_dir_make_tmp ("test-article-loader-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "library.db", NULL);
  fx->store = drama_store_new (path, &error);
  g_assert_no_error (error);
  fx->server = fake_server_new (fixtures);

  drama_show_set_tvmaze_id (show, 41163);
  drama_show_set_name (show, "Angel's Last Mission: Love");
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  g_ptr_array_add (cast, actor (7001, "Kim Myung-soo", "Dan"));
  g_assert_true (drama_store_save_show (fx->store, show, NULL, cast, &error));
  fx->show_id = drama_show_get_id (show);

  /* The user's own server (127.0.0.1): its pages may be on that address too. */
  feed_url = g_strconcat (fake_server_get_url (fx->server), "/feed.xml", NULL);
  feed = drama_store_add_feed (fx->store, feed_url, "K-Screen Daily", &error);
  g_assert_no_error (error);
  fx->feed_id = drama_feed_get_id (feed);

  fx->linker = drama_linker_new (fx->store);
  fx->loader = drama_article_loader_new (fx->store, fx->linker);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fx->dir);

  g_clear_object (&fx->loader);
  g_clear_object (&fx->linker);
  g_clear_object (&fx->store);
  g_clear_pointer (&fx->server, fake_server_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (system (command), ==, 0);
  g_free (fx->dir);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* An article of feed_id with the feed's summary only, linked as the app links new ones. */
static gint64
add_article (Fixture *fx, gint64 feed_id, const char *guid, const char *link)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DramaArticle) article = drama_article_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  drama_article_set_guid (article, guid);
  drama_article_set_title (article, "Behind the wire");
  drama_article_set_link (article, link);
  drama_article_set_summary (article, SUMMARY);
  drama_article_set_published (article, 1764460800);
  g_ptr_array_add (articles, g_object_ref (article));
  g_assert_true (drama_store_save_articles (fx->store, feed_id, articles, &ids, &error));
  g_assert_no_error (error);
  drama_linker_link_articles_async (fx->linker, (const gint64 *) (gpointer) ids->data, ids->len,
                                    NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (drama_linker_link_articles_finish (fx->linker, result, &error));
  return drama_article_get_id (article);
}

static char *
page_url (Fixture *fx, const char *path)
{
  return g_strconcat (fake_server_get_url (fx->server), path, NULL);
}

static char *
load (Fixture *fx, gint64 id, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drama_article_loader_load_async (fx->loader, id, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return drama_article_loader_load_finish (fx->loader, result, error);
}

static gboolean
article_names_show (Fixture *fx, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = drama_store_list_article_shows (fx->store, id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < shows->len; i++)
    if (drama_show_get_id (g_ptr_array_index (shows, i)) == fx->show_id)
      return TRUE;
  return FALSE;
}

static gboolean
search_finds (Fixture *fx, const char *words, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = drama_store_list_article_ids (fx->store, DRAMA_ARTICLE_FILTER_ALL, 0,
                                                        words, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static DramaArticle *
get_article (Fixture *fx, gint64 id)
{
  g_autoptr(GError) error = NULL;
  DramaArticle *article = drama_store_get_article (fx->store, id, &error);

  g_assert_no_error (error);
  return article;
}

/* The summary names no show; the page does. Loaded: the reader's page holds the article
 * and its picture with the caption, not the menus, share bar, related stories or comments;
 * search finds a word only the page has; the article is linked to the show. */
static void
test_full_text (Fixture *fx, gconstpointer data)
{
  g_autofree char *link = page_url (fx, "/story.html");
  g_autofree char *picture = page_url (fx, "/photos/wire-paju.jpg");
  gint64 id = add_article (fx, fx->feed_id, "story", link);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autoptr(DramaArticle) article = NULL;
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DramaArticle) copy = drama_article_new ();

  g_assert_false (article_names_show (fx, id));
  g_assert_false (search_finds (fx, "wirework", id));

  html = load (fx, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "forty feet above a blue floor"));
  g_assert_nonnull (strstr (html, "a single take that the crew rehearsed for six days"));
  g_assert_nonnull (strstr (html, picture));
  g_assert_nonnull (strstr (html, "The wirework rig in the Paju gymnasium"));
  g_assert_null (strstr (html, "Share on Facebook"));
  g_assert_null (strstr (html, "Related stories"));
  g_assert_null (strstr (html, "rewatched it ten times"));
  g_assert_null (strstr (html, "All rights reserved"));
  g_assert_null (strstr (html, "<script"));
  g_assert_cmpuint (fake_server_get_hits (fx->server, "/story.html"), ==, 1);

  article = get_article (fx, id);
  g_assert_cmpstr (drama_article_get_full_content (article), ==, html);
  g_assert_null (drama_article_get_full_error (article));
  g_assert_cmpstr (drama_article_get_summary (article), ==, SUMMARY);
  g_assert_true (search_finds (fx, "wirework", id));
  g_assert_true (search_finds (fx, "flying scenes", id));   /* the summary's words too */
  g_assert_true (article_names_show (fx, id));

  /* The feed's next copy changes the summary: the page's words stay the article's. */
  drama_article_set_guid (copy, "story");
  drama_article_set_title (copy, "Behind the wire");
  drama_article_set_link (copy, link);
  drama_article_set_summary (copy, "<p>Updated: a look behind the flying scenes.</p>");
  drama_article_set_published (copy, 1764460800);
  g_ptr_array_add (again, g_object_ref (copy));
  g_assert_true (drama_store_save_articles (fx->store, fx->feed_id, again, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (search_finds (fx, "wirework", id));
  g_assert_true (search_finds (fx, "updated", id));
  g_clear_object (&article);
  article = get_article (fx, id);
  g_assert_cmpstr (drama_article_get_full_content (article), ==, html);
}

/* Each failure in words; the lasting ones kept with the article (so the background does
 * not try them again), a slow server not; the summary stays. */
static void
test_failures (Fixture *fx, gconstpointer data)
{
  struct {
    const char *path;
    int         code;
    const char *words;
    gboolean    kept;
  } cases[] = {
    { "/gone.html", DRAMA_ARTICLE_LOADER_ERROR_NO_PAGE, "gone", TRUE },
    { "/login.html", DRAMA_ARTICLE_LOADER_ERROR_NO_ARTICLE, NULL, TRUE },
    { "/paper.pdf", DRAMA_ARTICLE_LOADER_ERROR_NOT_HTML, "application/pdf", TRUE },
    { "/huge.html", DRAMA_ARTICLE_LOADER_ERROR_TOO_LARGE, "larger than", TRUE },
    { "/slow.html", DRAMA_ARTICLE_LOADER_ERROR_NETWORK, "did not answer in time", FALSE },
    { "/broken.html", DRAMA_ARTICLE_LOADER_ERROR_HTTP, "500", FALSE },
  };
  g_autoptr(GString) huge = g_string_new ("<html><body>");
  FakeFailure gone = { .status = 404 };
  FakeFailure slow = { .delay_ms = 4000 };
  FakeFailure broken = { .status = 500, .reason = "<b>Oops</b>" };

  fake_server_fail (fx->server, "/gone.html", &gone);
  fake_server_set_body (fx->server, "/paper.pdf", "application/pdf", "%PDF-1.4 not a page");
  while (huge->len < 200000)
    g_string_append (huge, "<p>A paragraph of a page far too long to be an article.</p>");
  fake_server_set_body (fx->server, "/huge.html", "text/html", huge->str);
  fake_server_fail (fx->server, "/slow.html", &slow);
  fake_server_fail (fx->server, "/broken.html", &broken);
  drama_article_loader_set_limits (fx->loader, 100000, 1, 10);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *link = page_url (fx, cases[i].path);
      g_autofree char *guid = g_strdup_printf ("case-%u", i);
      gint64 id = add_article (fx, fx->feed_id, guid, link);
      g_autoptr(GError) error = NULL;
      g_autofree char *html = load (fx, id, &error);
      g_autoptr(DramaArticle) article = get_article (fx, id);

      g_test_message ("%s: %s", cases[i].path, error != NULL ? error->message : "(none)");
      g_assert_null (html);
      g_assert_error (error, DRAMA_ARTICLE_LOADER_ERROR, cases[i].code);
      g_assert_cmpuint (strlen (error->message), >, 10);
      if (cases[i].words != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_null (strstr (error->message, "<b>"));   /* never the server's own words */
      g_assert_null (drama_article_get_full_content (article));
      g_assert_cmpstr (drama_article_get_summary (article), ==, SUMMARY);
      if (cases[i].kept)
        g_assert_cmpstr (drama_article_get_full_error (article), ==, error->message);
      else
        g_assert_null (drama_article_get_full_error (article));
    }

  /* An article without a web page says so. */
  {
    gint64 id = add_article (fx, fx->feed_id, "no-link", NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *html = load (fx, id, &error);

    g_assert_null (html);
    g_assert_error (error, DRAMA_ARTICLE_LOADER_ERROR, DRAMA_ARTICLE_LOADER_ERROR_NO_PAGE);
  }
}

/* A feed from the internet cannot make the app fetch a page on this machine: the
 * connection is refused before a byte is sent. */
static void
test_private_page (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) feed = drama_store_add_feed (fx->store, "https://feeds.example/rss",
                                                    "Hostile", &error);
  guint port = 0;
  g_autofree char *link = NULL;
  g_autofree char *html = NULL;
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpint (sscanf (fake_server_get_url (fx->server), "http://127.0.0.1:%u", &port), ==, 1);
  link = g_strdup_printf ("http://router.example:%u/story.html", port);
  id = add_article (fx, drama_feed_get_id (feed), "hostile", link);
  html = load (fx, id, &error);
  g_assert_null (html);
  g_assert_error (error, DRAMA_ARTICLE_LOADER_ERROR, DRAMA_ARTICLE_LOADER_ERROR_PRIVATE);
  g_assert_nonnull (strstr (error->message, "router.example"));
  g_assert_cmpuint (fake_server_get_hits (fx->server, "/story.html"), ==, 0);
}

/* A Korean site in EUC-KR that says so only in its HTTP header. */
static void
test_charset (Fixture *fx, gconstpointer data)
{
  static const char page[] =
    "<html><head><title>드라마 소식</title></head><body><div class=\"article_body\">"
    "<p>배우 김명수가 천사 단 역을 맡아 와이어 액션을 직접 소화했다. 촬영은 파주의 한 체육관에서 "
    "3주 동안 진행됐으며, 제작진은 지붕에 열두 개의 와이어를 설치했다.</p>"
    "<p>연출을 맡은 이정섭 감독은 모든 비행 장면을 두 대의 카메라로 촬영했다고 밝혔다. 그는 천사가 "
    "풍선처럼 떠다니면 만화가 된다며, 단에게는 무게가 있어야 한다고 말했다.</p>"
    "<p>이번 주 방송에서 공개된 옥상 장면은 엿새 동안 리허설을 거친 원테이크로 완성됐다. "
    "시청자들의 반응도 뜨거웠다.</p></div></body></html>";
  g_autoptr(GError) error = NULL;
  g_autofree char *euc_kr = g_convert (page, -1, "EUC-KR", "UTF-8", NULL, NULL, &error);
  g_autofree char *link = page_url (fx, "/korean.html");
  g_autofree char *html = NULL;
  gint64 id;

  g_assert_no_error (error);
  fake_server_set_body (fx->server, "/korean.html", "text/html; charset=EUC-KR", euc_kr);
  id = add_article (fx, fx->feed_id, "korean", link);
  html = load (fx, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "배우 김명수가 천사 단 역을 맡아"));
  g_assert_nonnull (strstr (html, "엿새 동안 리허설을 거친 원테이크"));
  g_assert_true (search_finds (fx, "와이어", id));
}

static gboolean
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A page that tries everything: what is kept is the article, and nothing of it can run,
 * reach a local file or take over the page. */
static void
test_hostile_page (Fixture *fx, gconstpointer data)
{
  g_autofree char *link = page_url (fx, "/hostile.html");
  gint64 id = add_article (fx, fx->feed_id, "hostile", link);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = load (fx, id, &error);
  static const char * const never[] = {
    "<script", "onload", "onerror", "onclick", "javascript:", "file:", "<iframe", "<object",
    "<form", "<input", "<base", "http-equiv", "style=", "written by script", "<svg",
  };

  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "reads like an article"));
  g_assert_nonnull (strstr (html, "return next spring"));
  g_assert_nonnull (strstr (html, "https://example.com/fine"));
  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    if (strstr (html, never[i]) != NULL)
      g_error ("“%s” kept in: %s", never[i], html);
}

static void
wait_idle (DramaArticleLoader *loader)
{
  gboolean waited = FALSE;

  /* The list of articles to load comes from the store's thread first: a moment for it (a
   * list of none never makes the loader busy), then until the loads are done. */
  g_timeout_add (500, set_true, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  while (drama_article_loader_get_busy (loader))
    g_main_context_iteration (NULL, TRUE);
}

/* Feeds that load full articles: their new articles are loaded in the background, each
 * once; other feeds' are not. */
static void
test_background (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) other = drama_store_add_feed (fx->store, "http://127.0.0.1:9/other.xml",
                                                     "Other", &error);
  g_autofree char *story = page_url (fx, "/story.html");
  g_autofree char *gone = page_url (fx, "/gone.html");
  g_autofree char *login = page_url (fx, "/login.html");
  FakeFailure missing = { .status = 404 };
  gint64 ids[4];
  guint hits;

  g_assert_no_error (error);
  fake_server_fail (fx->server, "/gone.html", &missing);
  g_assert_true (drama_store_set_feed_full_articles (fx->store, fx->feed_id, TRUE, &error));
  ids[0] = add_article (fx, fx->feed_id, "a", story);
  ids[1] = add_article (fx, fx->feed_id, "b", gone);
  ids[2] = add_article (fx, drama_feed_get_id (other), "c", login);
  ids[3] = add_article (fx, fx->feed_id, "d", NULL);

  drama_article_loader_queue_new (fx->loader, ids, G_N_ELEMENTS (ids));
  wait_idle (fx->loader);
  {
    g_autoptr(DramaArticle) a = get_article (fx, ids[0]);
    g_autoptr(DramaArticle) b = get_article (fx, ids[1]);
    g_autoptr(DramaArticle) c = get_article (fx, ids[2]);

    g_assert_nonnull (drama_article_get_full_content (a));
    g_assert_null (drama_article_get_full_content (b));
    g_assert_nonnull (drama_article_get_full_error (b));
    g_assert_null (drama_article_get_full_content (c));
    g_assert_null (drama_article_get_full_error (c));
  }
  g_assert_cmpuint (fake_server_get_hits (fx->server, "/login.html"), ==, 0);
  g_assert_true (article_names_show (fx, ids[0]));

  /* Asked again (the next refresh): nothing is fetched twice. */
  hits = fake_server_get_total_hits (fx->server);
  drama_article_loader_queue_new (fx->loader, ids, G_N_ELEMENTS (ids));
  wait_idle (fx->loader);
  g_assert_cmpuint (fake_server_get_total_hits (fx->server), ==, hits);

  /* The feed removed, then Undo: the setting, the page and its words come back. */
  {
    g_autoptr(DramaFeed) removed = NULL;
    g_autoptr(GPtrArray) articles = NULL;
    g_autoptr(DramaFeed) back = NULL;
    g_autoptr(GArray) restored = NULL;

    g_assert_true (drama_store_remove_feed (fx->store, fx->feed_id, &removed, &articles, &error));
    g_assert_false (search_finds (fx, "wirework", ids[0]));
    g_assert_true (drama_store_restore_feed (fx->store, removed, articles, &restored, &error));
    g_assert_no_error (error);
    back = drama_store_get_feed (fx->store, fx->feed_id, &error);
    g_assert_no_error (error);
    g_assert_true (drama_feed_get_full_articles (back));
    g_assert_true (search_finds (fx, "wirework", ids[0]));
    {
      g_autoptr(DramaArticle) a = get_article (fx, ids[0]);
      g_autoptr(DramaArticle) b = get_article (fx, ids[1]);

      g_assert_nonnull (strstr (drama_article_get_full_content (a), "forty feet above"));
      g_assert_nonnull (drama_article_get_full_error (b));
    }
  }
}

/* A feed just set to load full articles: its newest twenty articles are loaded, not
 * older ones, nor those of other feeds. */
static void
test_feed_backlog (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaFeed) other = drama_store_add_feed (fx->store, "http://127.0.0.1:9/other.xml",
                                                     "Other", &error);
  g_autofree char *elsewhere = page_url (fx, "/story.html?other");
  gint64 ids[22];
  gint64 other_id;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *guid = g_strdup_printf ("backlog-%u", i);
      g_autofree char *link = g_strdup_printf ("%s/story.html?%u",
                                               fake_server_get_url (fx->server), i);
      g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(DramaArticle) article = drama_article_new ();

      /* Newest first: ids[0] is the newest. */
      drama_article_set_guid (article, guid);
      drama_article_set_title (article, "Behind the wire");
      drama_article_set_link (article, link);
      drama_article_set_summary (article, SUMMARY);
      drama_article_set_published (article, 1764460800 - i * 60);
      g_ptr_array_add (articles, g_object_ref (article));
      g_assert_true (drama_store_save_articles (fx->store, fx->feed_id, articles, NULL, &error));
      ids[i] = drama_article_get_id (article);
    }
  other_id = add_article (fx, drama_feed_get_id (other), "other", elsewhere);

  g_assert_true (drama_store_set_feed_full_articles (fx->store, fx->feed_id, TRUE, &error));
  drama_article_loader_queue_feed (fx->loader, fx->feed_id);
  wait_idle (fx->loader);

  g_assert_cmpuint (fake_server_get_hits (fx->server, "/story.html"), ==, 20);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(DramaArticle) article = get_article (fx, ids[i]);

      if (i < 20)
        g_assert_nonnull (drama_article_get_full_content (article));
      else
        g_assert_null (drama_article_get_full_content (article));
    }
  {
    g_autoptr(DramaArticle) article = get_article (fx, other_id);

    g_assert_null (drama_article_get_full_content (article));
  }
}

int
main (int argc, char **argv)
{
  g_autoptr(TestResolver) resolver = NULL;

  g_test_init (&argc, &argv, NULL);

  /* router.example is this machine; feeds.example does not resolve (a public feed). */
  resolver = test_resolver_new ();
  test_resolver_add (resolver, "router.example", "127.0.0.1");
  g_resolver_set_default (G_RESOLVER (resolver));

  g_test_add ("/article-loader/full-text", Fixture, NULL, fixture_set_up, test_full_text,
              fixture_tear_down);
  g_test_add ("/article-loader/failures", Fixture, NULL, fixture_set_up, test_failures,
              fixture_tear_down);
  g_test_add ("/article-loader/private-page", Fixture, NULL, fixture_set_up, test_private_page,
              fixture_tear_down);
  g_test_add ("/article-loader/charset", Fixture, NULL, fixture_set_up, test_charset,
              fixture_tear_down);
  g_test_add ("/article-loader/hostile-page", Fixture, NULL, fixture_set_up, test_hostile_page,
              fixture_tear_down);
  g_test_add ("/article-loader/background", Fixture, NULL, fixture_set_up, test_background,
              fixture_tear_down);
  g_test_add ("/article-loader/feed-backlog", Fixture, NULL, fixture_set_up, test_feed_backlog,
              fixture_tear_down);

  return g_test_run ();
}
