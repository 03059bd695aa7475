/* test-casting-scout.c: casting news offers the new drama (issue 14). DramaCastingScout
 * against the fake TVmaze server on 127.0.0.1 and a real SQLite file, with a clock of the
 * test's own: an article about an actor of the watchlist naming a drama in quotes gets the
 * drama TVmaze knows by that title, looked up once; a drama TVmaze does not know yet is
 * looked for again later, for four weeks; articles about no followed actor, titles already
 * on the watchlist, a failing or hostile TVmaze are left alone. */
#include "config.h"

#include <glib/gstdio.h>

#include "drama-casting-scout-test.h"
#include "drama-casting-scout.h"
#include "drama-matcher.h"
#include "drama-store.h"
#include "drama-tvmaze-parse.h"
#include "drama-tvmaze.h"
#include "fake-server.h"

#define HOUR 3600
#define DAY (24 * HOUR)

#define SEARCH "/search/shows"
#define Q_LANTERN SEARCH "?q=Lantern Street Diaries"
#define Q_PAPER SEARCH "?q=Paper Moon Hotel"
#define Q_MOONLIT SEARCH "?q=Moonlit Harbour"

#define LANTERN_POSTER "https://static.tvmaze.com/uploads/images/medium_portrait/501/lantern.jpg"

/* TVmaze's answer once it knows the drama: announced, no premiere date yet. */
static const char lantern_found[] =
  "[{\"score\": 0.95, \"show\": {\"id\": 90001, \"name\": \"Lantern Street Diaries\","
  " \"language\": \"Korean\", \"status\": \"In Development\", \"premiered\": null,"
  " \"network\": {\"id\": 1, \"name\": \"tvN\", \"country\": {\"code\": \"KR\"}},"
  " \"image\": {\"medium\": \"" LANTERN_POSTER "\", \"original\": \"" LANTERN_POSTER "\"},"
  " \"summary\": \"<p>A night-market <b>romance</b>.</p>\"}}]";

static const char paper_found[] =
  "[{\"score\": 0.9, \"show\": {\"id\": 90002, \"name\": \"Paper Moon Hotel\","
  " \"status\": \"To Be Determined\", \"premiered\": null}}]";

typedef struct {
  FakeServer        *server;
  DramaTvmaze       *tvmaze;
  DramaStore        *store;
  DramaCastingScout *scout;
  char              *tmpdir;
  gint64             now;       /* the scout's clock */
  gint64             feed_id;
  gint64             show_id;   /* "Angel's Last Mission: Love", Shin Hye-sun in its cast */
  GArray            *changed;   /* article ids of "changed::article" (UPDATED) */
  guint              n_busy_changes;
} Fixture;

static gint64
fixture_clock (gpointer data)
{
  return ((Fixture *) data)->now;
}

static void
article_changed_cb (DramaStore       *store,
                    DramaStoreChange *change,
                    Fixture          *fixture)
{
  const gint64 *ids;
  guint n_ids;

  if (drama_store_change_get_reason (change) != DRAMA_CHANGE_UPDATED)
    return;
  ids = drama_store_change_get_ids (change, &n_ids);
  g_array_append_vals (fixture->changed, ids, n_ids);
}

static void
busy_cb (GObject    *object,
         GParamSpec *pspec,
         Fixture    *fixture)
{
  fixture->n_busy_changes++;
}

static char *
read_fixture (const char *relpath)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", relpath, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = FAKE_SERVER_FIXTURES (NULL);
  g_autofree char *path = NULL;
  g_autofree char *show_json = read_fixture ("tvmaze/show-41163.json");
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  fixture->server = fake_server_new (dir);
  g_assert_nonnull (fixture->server);
  fixture->tvmaze = drama_tvmaze_new (fake_server_get_url (fixture->server));

  fixture->tmpdir = g_dir_make_tmp ("test-casting-scout-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->tmpdir, "library.db", NULL);
  fixture->store = drama_store_new (path, &error);
  g_assert_no_error (error);

  show = drama_tvmaze_parse_show (show_json, -1, &episodes, &cast, &error);
  g_assert_no_error (error);
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  g_assert_true (drama_store_save_show (fixture->store, show, episodes, cast, &error));
  g_assert_no_error (error);
  fixture->show_id = drama_show_get_id (show);

  feed = drama_store_add_feed (fixture->store, "https://news.example/feed", "K-news", &error);
  g_assert_no_error (error);
  fixture->feed_id = drama_feed_get_id (feed);

  fixture->now = g_get_real_time () / G_USEC_PER_SEC;
  fixture->scout = drama_casting_scout_new (fixture->store, fixture->tvmaze);
  drama_casting_scout_set_clock (fixture->scout, fixture_clock, fixture);
  fixture->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (fixture->store, "changed::article", G_CALLBACK (article_changed_cb), fixture);
  g_signal_connect (fixture->scout, "notify::busy", G_CALLBACK (busy_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "library.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_signal_handlers_disconnect_by_data (fixture->store, fixture);
  g_clear_object (&fixture->scout);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->tvmaze);
  g_clear_pointer (&fixture->server, fake_server_free);
  g_clear_pointer (&fixture->changed, g_array_unref);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

/* An article of the feed, saved and linked as the app does after a refresh. */
static gint64
add_article (Fixture    *fixture,
             const char *guid,
             const char *title,
             const char *text)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DramaMatcher) matcher = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  DramaArticle *article = drama_article_new ();
  g_autofree char *summary = g_markup_printf_escaped ("<p>%s</p>", text);
  gint64 id;

  drama_article_set_guid (article, guid);
  drama_article_set_title (article, title);
  drama_article_set_link (article, "https://news.example/a");
  drama_article_set_summary (article, summary);
  drama_article_set_published (article, fixture->now);
  g_ptr_array_add (articles, article);
  g_assert_true (drama_store_save_articles (fixture->store, fixture->feed_id, articles, &ids,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  id = g_array_index (ids, gint64, 0);
  matcher = drama_store_build_matcher (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (drama_store_link_articles (fixture->store, matcher, &id, 1, &error));
  g_assert_no_error (error);
  return id;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*result);
  /* The store's change signals come through the main context too. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return *result;
}

/* Scans the articles (none: only the lookups due) and waits; the error, or NULL. */
static GError *
scan (Fixture      *fixture,
      const gint64 *ids,
      guint         n_ids)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  drama_casting_scout_scan_async (fixture->scout, ids, n_ids, NULL, done_cb, &result);
  g_assert_true (drama_casting_scout_get_busy (fixture->scout));
  if (!drama_casting_scout_scan_finish (fixture->scout, wait_for (&result), &error))
    g_assert_nonnull (error);
  g_assert_false (drama_casting_scout_get_busy (fixture->scout));
  return error;
}

static void
scan_ok (Fixture      *fixture,
         const gint64 *ids,
         guint         n_ids)
{
  g_autoptr(GError) error = scan (fixture, ids, n_ids);

  g_assert_no_error (error);
}

static GPtrArray *
offers (Fixture *fixture,
        gint64   article_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *shows = drama_store_list_article_offers (fixture->store, article_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (shows);
  return shows;
}

static guint
n_searches (Fixture *fixture)
{
  return fake_server_get_hits (fixture->server, SEARCH);
}

static gboolean
changed_has (Fixture *fixture,
             gint64   article_id)
{
  for (guint i = 0; i < fixture->changed->len; i++)
    if (g_array_index (fixture->changed, gint64, i) == article_id)
      return TRUE;
  return FALSE;
}

/* The titles waiting for a lookup at when. */
static GPtrArray *
due_at (Fixture *fixture,
        gint64   when)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *due = drama_store_list_casting_lookups_due (fixture->store, when, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (due);
  return due;
}

static void
assert_lantern (DramaShow *show)
{
  g_assert_cmpint (drama_show_get_tvmaze_id (show), ==, 90001);
  g_assert_cmpstr (drama_show_get_name (show), ==, "Lantern Street Diaries");
  g_assert_cmpstr (drama_show_get_image_medium (show), ==, LANTERN_POSTER);
  g_assert_cmpstr (drama_show_get_network (show), ==, "tvN");
  g_assert_cmpstr (drama_show_get_summary (show), ==, "A night-market romance.");
  g_assert_null (drama_show_get_premiered (show));
}

/* The issue's own example: one search, the offer with its poster; the next article naming
 * the same drama offers it too, without a second search. */
static void
test_offer (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  gint64 a1, a2;

  fake_server_set_body (fixture->server, Q_LANTERN, "application/json", lantern_found);
  a1 = add_article (fixture, "a1",
                    "Shin Hye-sun confirmed to lead new drama “Lantern Street Diaries”",
                    "Shin Hye-sun will star in the tvN drama “Lantern Street Diaries”, "
                    "a romance set in a night market.");
  first = offers (fixture, a1);
  g_assert_cmpuint (first->len, ==, 0);

  scan_ok (fixture, &a1, 1);
  g_assert_cmpuint (n_searches (fixture), ==, 1);
  g_assert_cmpuint (fixture->n_busy_changes, ==, 2);
  g_clear_pointer (&first, g_ptr_array_unref);
  first = offers (fixture, a1);
  g_assert_cmpuint (first->len, ==, 1);
  assert_lantern (g_ptr_array_index (first, 0));
  /* An open article learns of its offer. */
  g_assert_true (changed_has (fixture, a1));

  a2 = add_article (fixture, "a2", "Shin Hye-sun begins filming “Lantern Street Diaries”",
                    "The cast of the drama “Lantern Street Diaries” met for the first script "
                    "reading on Monday.");
  scan_ok (fixture, &a2, 1);
  g_assert_cmpuint (n_searches (fixture), ==, 1);
  second = offers (fixture, a2);
  g_assert_cmpuint (second->len, ==, 1);
  assert_lantern (g_ptr_array_index (second, 0));
  g_assert_true (changed_has (fixture, a2));

  /* The same articles again (a refresh that changed them): nothing more is asked. */
  scan_ok (fixture, (gint64[]) { a1, a2 }, 2);
  g_assert_cmpuint (n_searches (fixture), ==, 1);
}

/* TVmaze does not know the drama yet (only an older show of that name): no offer, no call
 * before the next try, then found at a later run. */
static void
test_not_yet (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) lately = NULL;
  g_autofree char *recent = NULL;
  g_autofree char *later_answer = NULL;
  gint64 start = fixture->now;
  gint64 id;

  /* A show of 2015 with the same name is another one. */
  fake_server_set_body (fixture->server, Q_LANTERN, "application/json",
                        "[{\"score\": 0.9, \"show\": {\"id\": 1501, \"name\": \"Lantern Street"
                        " Diaries\", \"status\": \"Ended\", \"premiered\": \"2015-03-01\"}}]");
  id = add_article (fixture, "a1",
                    "Shin Hye-sun confirmed to lead new drama “Lantern Street Diaries”",
                    "Shin Hye-sun will star in the drama “Lantern Street Diaries”.");
  scan_ok (fixture, &id, 1);
  g_assert_cmpuint (n_searches (fixture), ==, 1);
  shows = offers (fixture, id);
  g_assert_cmpuint (shows->len, ==, 0);
  g_assert_false (changed_has (fixture, id));
  due = due_at (fixture, start);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = due_at (fixture, start + 6 * HOUR);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((DramaCastingLookup *) g_ptr_array_index (due, 0))->title, ==,
                   "Lantern Street Diaries");
  g_assert_cmpuint (((DramaCastingLookup *) g_ptr_array_index (due, 0))->tries, ==, 1);

  /* A refresh an hour later: too soon. */
  fixture->now = start + HOUR;
  scan_ok (fixture, NULL, 0);
  g_assert_cmpuint (n_searches (fixture), ==, 1);

  /* Seven hours later TVmaze has it, after the old one: the first result that fits. */
  today = g_date_time_new_from_unix_utc (start);
  lately = g_date_time_add_days (today, -100);
  recent = g_date_time_format (lately, "%Y-%m-%d");
  later_answer = g_strdup_printf (
    "[{\"score\": 0.9, \"show\": {\"id\": 1501, \"name\": \"Lantern Street Diaries\","
    " \"status\": \"Ended\", \"premiered\": \"2015-03-01\"}},"
    " {\"score\": 0.8, \"show\": {\"id\": 1777, \"name\": \"Lantern Street\","
    " \"status\": \"Running\", \"premiered\": \"%s\"}},"
    " {\"score\": 0.7, \"show\": {\"id\": 90001, \"name\": \"LANTERN STREET DIARIES!\","
    " \"status\": \"Ended\", \"premiered\": \"%s\"}}]", recent, recent);
  fake_server_set_body (fixture->server, Q_LANTERN, "application/json", later_answer);
  fixture->now = start + 7 * HOUR;
  scan_ok (fixture, NULL, 0);
  g_assert_cmpuint (n_searches (fixture), ==, 2);
  g_clear_pointer (&shows, g_ptr_array_unref);
  shows = offers (fixture, id);
  g_assert_cmpuint (shows->len, ==, 1);
  g_assert_cmpint (drama_show_get_tvmaze_id (g_ptr_array_index (shows, 0)), ==, 90001);
  g_assert_cmpstr (drama_show_get_premiered (g_ptr_array_index (shows, 0)), ==, recent);
  g_assert_true (changed_has (fixture, id));

  /* Found: never asked again. */
  fixture->now = start + 10 * DAY;
  scan_ok (fixture, NULL, 0);
  g_assert_cmpuint (n_searches (fixture), ==, 2);
}

/* A drama TVmaze never learns of is looked for every few days, and given up after four
 * weeks: a refresh every day of five weeks asks at 0 h, then after 6 h, 12 h, 1 day, 2 days
 * and every 3 days, the last time on day 26. */
static void
test_given_up (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) due = NULL;
  gint64 start = fixture->now;
  gint64 id;
  guint last_day = 0;

  fake_server_set_body (fixture->server, Q_LANTERN, "application/json", "[]");
  id = add_article (fixture, "a1",
                    "Shin Hye-sun confirmed to lead new drama “Lantern Street Diaries”",
                    "Shin Hye-sun will star in the drama “Lantern Street Diaries”.");
  scan_ok (fixture, &id, 1);
  g_assert_cmpuint (n_searches (fixture), ==, 1);
  for (guint day = 1; day <= 35; day++)
    {
      guint before = n_searches (fixture);

      fixture->now = start + day * DAY;
      scan_ok (fixture, NULL, 0);
      g_assert_cmpuint (n_searches (fixture) - before, <=, 1);
      if (n_searches (fixture) > before)
        last_day = day;
    }
  g_assert_cmpuint (n_searches (fixture), ==, 12);
  g_assert_cmpuint (last_day, ==, 26);
  due = due_at (fixture, start + 60 * DAY);
  g_assert_cmpuint (due->len, ==, 0);

  /* News naming it again, long after: TVmaze may know it by now. */
  fake_server_set_body (fixture->server, Q_LANTERN, "application/json", lantern_found);
  fixture->now = start + 60 * DAY;
  id = add_article (fixture, "a2", "Shin Hye-sun's “Lantern Street Diaries” wraps filming",
                    "The drama “Lantern Street Diaries” finished filming this week.");
  scan_ok (fixture, &id, 1);
  g_assert_cmpuint (n_searches (fixture), ==, 13);
  g_ptr_array_unref (due);
  due = offers (fixture, id);
  g_assert_cmpuint (due->len, ==, 1);
}

/* Articles that are not about an actor of the watchlist ask nothing, whatever they name. */
static void
test_not_followed (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 ids[2];

  fake_server_set_body (fixture->server, Q_LANTERN, "application/json", lantern_found);
  /* Someone in no show of the watchlist. */
  ids[0] = add_article (fixture, "a1",
                        "Park Bo-young confirmed to lead new drama “Lantern Street Diaries”",
                        "Park Bo-young will star in the drama “Lantern Street Diaries”.");
  /* The show itself, but none of its cast. */
  ids[1] = add_article (fixture, "a2",
                        "Angel's Last Mission: Love writer pens new drama “Lantern Street Diaries”",
                        "The writer of Angel's Last Mission: Love returns with the drama "
                        "“Lantern Street Diaries”.");
  scan_ok (fixture, ids, 2);
  g_assert_cmpuint (n_searches (fixture), ==, 0);
  g_assert_cmpuint (fixture->changed->len, ==, 0);

  /* The actor's show leaves the watchlist (before the linker has caught up with the
   * articles tied to them): they are no longer followed. */
  ids[0] = add_article (fixture, "a3",
                        "Shin Hye-sun confirmed to lead new drama “Lantern Street Diaries”",
                        "Shin Hye-sun will star in the drama “Lantern Street Diaries”.");
  g_assert_true (drama_store_set_show_removed (fixture->store, fixture->show_id, TRUE, NULL));
  scan_ok (fixture, ids, 1);
  g_assert_cmpuint (n_searches (fixture), ==, 0);
  /* Back on the watchlist: the same article is about a followed actor again. */
  g_assert_true (drama_store_set_show_removed (fixture->store, fixture->show_id, FALSE, NULL));
  scan_ok (fixture, ids, 1);
  g_assert_cmpuint (n_searches (fixture), ==, 1);
}

/* A title already on the watchlist is not looked up; a drama added to it after the offer is
 * no longer offered (and is again once removed). */
static void
test_on_watchlist (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DramaShow) moonlit = drama_show_new ();
  g_autoptr(DramaShow) lantern = drama_show_new ();
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  drama_show_set_tvmaze_id (moonlit, 777);
  drama_show_set_name (moonlit, "Moonlit Harbour");
  g_assert_true (drama_store_save_show (fixture->store, moonlit, NULL, NULL, &error));
  g_assert_no_error (error);
  fake_server_set_body (fixture->server, Q_MOONLIT, "application/json", "[]");
  id = add_article (fixture, "a1", "Shin Hye-sun joins the cast of the drama “Moonlit Harbour”",
                    "Shin Hye-sun will star in the drama “Moonlit Harbour” as a lighthouse "
                    "keeper.");
  scan_ok (fixture, &id, 1);
  g_assert_cmpuint (n_searches (fixture), ==, 0);
  /* The same news once the show has left the watchlist: that title is looked up. */
  g_assert_true (drama_store_set_show_removed (fixture->store, drama_show_get_id (moonlit), TRUE,
                                               &error));
  id = add_article (fixture, "a2", "Shin Hye-sun joins the cast of the drama “Moonlit Harbour”",
                    "Shin Hye-sun will star in the drama “Moonlit Harbour” as a lighthouse "
                    "keeper.");
  scan_ok (fixture, &id, 1);
  g_assert_cmpuint (n_searches (fixture), ==, 1);

  fake_server_set_body (fixture->server, Q_LANTERN, "application/json", lantern_found);
  id = add_article (fixture, "a3",
                    "Shin Hye-sun confirmed to lead new drama “Lantern Street Diaries”",
                    "Shin Hye-sun will star in the drama “Lantern Street Diaries”.");
  scan_ok (fixture, &id, 1);
  shows = offers (fixture, id);
  g_assert_cmpuint (shows->len, ==, 1);
  /* The user adds it (from the offer, or the search). */
  drama_show_set_tvmaze_id (lantern, 90001);
  drama_show_set_name (lantern, "Lantern Street Diaries");
  drama_show_set_user_status (lantern, DRAMA_WATCH_STATUS_PLAN_TO_WATCH);
  g_assert_true (drama_store_save_show (fixture->store, lantern, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&shows, g_ptr_array_unref);
  shows = offers (fixture, id);
  g_assert_cmpuint (shows->len, ==, 0);
  g_assert_true (drama_store_set_show_removed (fixture->store, drama_show_get_id (lantern), TRUE,
                                               &error));
  g_clear_pointer (&shows, g_ptr_array_unref);
  shows = offers (fixture, id);
  g_assert_cmpuint (shows->len, ==, 1);
}

/* TVmaze failing (HTTP 500) stops the run and leaves the titles as they were. */
static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  FakeFailure failure = { .status = 500 };
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  fake_server_set_body (fixture->server, Q_LANTERN, "application/json", lantern_found);
  fake_server_set_body (fixture->server, Q_PAPER, "application/json", paper_found);
  fake_server_fail (fixture->server, SEARCH, &failure);
  id = add_article (fixture, "a1",
                    "Shin Hye-sun confirmed to lead new drama “Lantern Street Diaries”",
                    "Shin Hye-sun will star in the drama “Lantern Street Diaries”. "
                    "She is also in talks to join the cast of the series “Paper Moon Hotel”.");
  error = scan (fixture, &id, 1);
  g_assert_error (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_SERVER);
  g_assert_cmpuint (n_searches (fixture), ==, 1);
  due = due_at (fixture, fixture->now);
  g_assert_cmpuint (due->len, ==, 2);
  for (guint i = 0; i < due->len; i++)
    g_assert_cmpuint (((DramaCastingLookup *) g_ptr_array_index (due, i))->tries, ==, 0);
  shows = offers (fixture, id);
  g_assert_cmpuint (shows->len, ==, 0);

  /* TVmaze is back: the next refresh finds both, in the order the article named them. */
  fake_server_clear_failures (fixture->server);
  fixture->now += 60;
  scan_ok (fixture, NULL, 0);
  g_assert_cmpuint (n_searches (fixture), ==, 3);
  g_clear_pointer (&shows, g_ptr_array_unref);
  shows = offers (fixture, id);
  g_assert_cmpuint (shows->len, ==, 2);
  assert_lantern (g_ptr_array_index (shows, 0));
  g_assert_cmpstr (drama_show_get_name (g_ptr_array_index (shows, 1)), ==, "Paper Moon Hotel");
}

/* An answer that is not JSON: no crash, no offer, the title waits for a later try, and the
 * run goes on to the next title. */
static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  gint64 id;

  fake_server_set_body (fixture->server, Q_LANTERN, "application/json",
                        "<html><body>{\"score\": [[[[</body></html>\xff\xfe");
  fake_server_set_body (fixture->server, Q_PAPER, "application/json", paper_found);
  id = add_article (fixture, "a1",
                    "Shin Hye-sun confirmed to lead new drama “Lantern Street Diaries”",
                    "Shin Hye-sun will star in the drama “Lantern Street Diaries”. "
                    "She is also in talks to join the cast of the series “Paper Moon Hotel”.");
  scan_ok (fixture, &id, 1);
  g_assert_cmpuint (n_searches (fixture), ==, 2);
  shows = offers (fixture, id);
  g_assert_cmpuint (shows->len, ==, 1);
  g_assert_cmpstr (drama_show_get_name (g_ptr_array_index (shows, 0)), ==, "Paper Moon Hotel");
  due = due_at (fixture, fixture->now + 6 * HOUR);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((DramaCastingLookup *) g_ptr_array_index (due, 0))->title, ==,
                   "Lantern Street Diaries");

  fake_server_set_body (fixture->server, Q_LANTERN, "application/json", lantern_found);
  fixture->now += 6 * HOUR;
  scan_ok (fixture, NULL, 0);
  g_clear_pointer (&shows, g_ptr_array_unref);
  shows = offers (fixture, id);
  g_assert_cmpuint (shows->len, ==, 2);
  assert_lantern (g_ptr_array_index (shows, 0));
}

/* Titles are one when they differ only in case, width, spaces and punctuation. */
static void
test_key (void)
{
  static const char * const same[] = {
    "Lantern Street Diaries", "LANTERN STREET DIARIES!", "lantern-street diaries",
    "Ｌａｎｔｅｒｎ Ｓｔｒｅｅｔ Ｄｉａｒｉｅｓ", "Lantern Street Diaries…",
  };
  g_autofree char *key = drama_store_casting_key (same[0]);
  g_autofree char *other = drama_store_casting_key ("Lantern Street Diary");
  g_autofree char *hangul = drama_store_casting_key ("등불 거리 일기");
  g_autofree char *nothing = drama_store_casting_key ("“!?”");

  g_assert_cmpstr (key, ==, "lanternstreetdiaries");
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *k = drama_store_casting_key (same[i]);

      g_assert_cmpstr (k, ==, key);
    }
  g_assert_cmpstr (other, !=, key);
  g_assert_cmpstr (hangul, ==, "등불거리일기");
  g_assert_cmpstr (nothing, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/casting-scout/key", test_key);
#define ADD(path, func) \
  g_test_add ("/casting-scout/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("offer", test_offer);
  ADD ("not-yet", test_not_yet);
  ADD ("given-up", test_given_up);
  ADD ("not-followed", test_not_followed);
  ADD ("on-watchlist", test_on_watchlist);
  ADD ("server-error", test_server_error);
  ADD ("hostile", test_hostile);
#undef ADD
  return g_test_run ();
}
