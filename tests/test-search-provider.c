/* GNOME Shell's search provider, as the Shell uses it: a private session bus (GTestDBus)
 * whose service folder holds Dramalist's service file, pointing at the binary just built; a
 * library (a real SQLite file) with shows, cast, aliases and linked articles; the
 * org.gnome.Shell.SearchProvider2 calls at /io/github/dramalist/Dramalist/SearchProvider
 * start the app and answer from it. Activating a result is checked by what the user sees:
 * the window's title (the show or article shown), read from the X server with xdotool.
 * Needs a display (the app is a GtkApplication). */

#define G_LOG_DOMAIN "test-search-provider"

#include "config.h"

#include "dbus-app-common.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "drama-matcher.h"
#include "drama-store.h"
#include "fake-server.h"

/* The app's object path, as GApplication makes it of the app ID
 * ("/io/github/dramalist/Dramalist"), and the provider's under it. */
static char *app_path;
static char *provider_path;
#define PROVIDER_IFACE "org.gnome.Shell.SearchProvider2"

/* GTestDBus unsets DISPLAY (g_test_dbus_unset) on its way down: the app the bus starts needs
 * it, so the first one is kept. */
static char *display;

typedef struct {
  char      *home;        /* XDG_DATA_HOME of the app the bus starts */
  char      *library;
  char      *services;
  GTestDBus *bus;
  GDBusConnection *connection;
  FakeServer *server;     /* serves Moving's poster */

  /* What make_library () wrote. */
  gint64     moving;       /* "Moving" (무빙): Ryu Seung-ryong (류승룡), Han Hyo-joo */
  gint64     playlist;     /* "Hospital Playlist" (슬기로운 의사생활), alias "HosPlay": Jo Jung-suk */
  gint64     heaven;       /* "Move to Heaven": Lee Je-hoon */
  gint64     youth;        /* "Youth of Han": no cast */
  gint64     removed;      /* "Moving Forward", removed from the watchlist */
  gint64     newest;       /* "Han Hyo-joo returns for Moving season 2", about Moving, an hour old */
  gint64     older;        /* about Moving and Ryu Seung-ryong, a day old */
  gint64     spoiler;      /* names Moving's episode 2, not seen yet; two days old */
  gint64     about_playlist;
  gint64     unlinked;     /* names no show */
} Fixture;

static DramaPerson *
person_new (gint64      tvmaze_id,
            const char *name,
            int         order)
{
  DramaPerson *person = drama_person_new ();

  drama_person_set_tvmaze_id (person, tvmaze_id);
  drama_person_set_name (person, name);
  drama_person_set_character (person, "Someone");
  drama_person_set_cast_order (person, order);
  return person;
}

/* A show on the watchlist with its cast; its id. */
static gint64
add_show (DramaStore         *store,
          gint64              tvmaze_id,
          const char         *name,
          const char         *original_name,
          const char         *network,
          const char         *status,
          GPtrArray          *episodes,
          GPtrArray          *cast,
          const char         *poster)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = drama_show_new ();

  drama_show_set_image_medium (show, poster);
  drama_show_set_tvmaze_id (show, tvmaze_id);
  drama_show_set_name (show, name);
  drama_show_set_original_name (show, original_name);
  drama_show_set_network (show, network);
  drama_show_set_status (show, status);
  drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  g_assert_true (drama_store_save_show (store, show, episodes, cast, &error));
  g_assert_no_error (error);
  return drama_show_get_id (show);
}

/* Sets the aliases of the show's cast member called name. */
static void
set_person_aliases (DramaStore         *store,
                    gint64              show_id,
                    const char         *name,
                    const char * const *aliases)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cast = drama_store_list_cast (store, show_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < cast->len; i++)
    if (g_strcmp0 (drama_person_get_name (g_ptr_array_index (cast, i)), name) == 0)
      {
        g_assert_true (drama_store_set_person_aliases (store,
                         drama_person_get_id (g_ptr_array_index (cast, i)), aliases, &error));
        g_assert_no_error (error);
        return;
      }
  g_assert_not_reached ();
}

static DramaArticle *
article_new (const char *guid,
             const char *title,
             const char *text,
             gint64      published)
{
  DramaArticle *article = drama_article_new ();

  drama_article_set_guid (article, guid);
  drama_article_set_title (article, title);
  drama_article_set_link (article, "https://news.example/a");
  drama_article_set_summary (article, text);
  drama_article_set_published (article, published);
  return article;
}

/* The library, written through the store and linked by the app's own matcher. */
static void
make_library (Fixture *fixture)
{
  static const char * const ryu_aliases[] = { "류승룡", NULL };
  static const char * const playlist_aliases[] = { "HosPlay", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaStore) store = drama_store_new (fixture->library, &error);
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DramaFeed) feed = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(DramaMatcher) matcher = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *poster = g_strconcat (fake_server_get_url (fixture->server), "/img/poster.png",
                                         NULL);

  g_assert_no_error (error);
  g_ptr_array_add (cast, person_new (501, "Ryu Seung-ryong", 0));
  g_ptr_array_add (cast, person_new (502, "Han Hyo-joo", 1));
  /* Two aired episodes, neither seen: an article about the second may spoil it. */
  for (int number = 1; number <= 2; number++)
    {
      DramaEpisode *episode = drama_episode_new ();

      drama_episode_set_tvmaze_id (episode, 7700 + number);
      drama_episode_set_season (episode, 1);
      drama_episode_set_number (episode, number);
      drama_episode_set_airstamp (episode, now - (10 - number) * 86400);
      g_ptr_array_add (episodes, episode);
    }
  fixture->moving = add_show (store, 77, "Moving", "무빙", "Disney+", "Ended", episodes, cast,
                              poster);
  set_person_aliases (store, fixture->moving, "Ryu Seung-ryong", ryu_aliases);

  g_ptr_array_set_size (cast, 0);
  g_ptr_array_add (cast, person_new (503, "Jo Jung-suk", 0));
  fixture->playlist = add_show (store, 78, "Hospital Playlist", "슬기로운 의사생활", "tvN",
                                "Ended", NULL, cast, NULL);
  g_assert_true (drama_store_set_show_aliases (store, fixture->playlist, playlist_aliases,
                                               &error));
  g_assert_no_error (error);

  g_ptr_array_set_size (cast, 0);
  g_ptr_array_add (cast, person_new (504, "Lee Je-hoon", 0));
  fixture->heaven = add_show (store, 79, "Move to Heaven", NULL, "Netflix", "Ended", NULL, cast, NULL);

  fixture->youth = add_show (store, 81, "Youth of Han", NULL, "KBS2", "Ended", NULL, NULL, NULL);
  fixture->removed = add_show (store, 80, "Moving Forward", NULL, "KBS2", "Running", NULL, NULL, NULL);
  g_assert_true (drama_store_set_show_removed (store, fixture->removed, TRUE, &error));
  g_assert_no_error (error);

  feed = drama_store_add_feed (store, "https://news.example/feed", "Drama News", &error);
  g_assert_no_error (error);
  g_ptr_array_add (articles, article_new ("a1", "Han Hyo-joo returns for Moving season 2",
                                          "Disney+ orders more of Moving.", now - 3600));
  g_ptr_array_add (articles, article_new ("a2", "Ryu Seung-ryong looks back on Moving",
                                          "An interview about Moving.", now - 86400));
  g_ptr_array_add (articles, article_new ("a3", "Hospital Playlist cast reunite",
                                          "The Hospital Playlist doctors meet again.",
                                          now - 7200));
  g_ptr_array_add (articles, article_new ("a4", "Rain expected in Seoul",
                                          "Umbrellas out this weekend.", now - 60));
  g_ptr_array_add (articles, article_new ("a5", "Moving episode 2 recap: Han Hyo-joo's secret",
                                          "What happened in Moving episode 2.",
                                          now - 2 * 86400));
  g_assert_true (drama_store_save_articles (store, drama_feed_get_id (feed), articles, &ids,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 5);
  fixture->newest = drama_article_get_id (g_ptr_array_index (articles, 0));
  fixture->older = drama_article_get_id (g_ptr_array_index (articles, 1));
  fixture->about_playlist = drama_article_get_id (g_ptr_array_index (articles, 2));
  fixture->unlinked = drama_article_get_id (g_ptr_array_index (articles, 3));
  fixture->spoiler = drama_article_get_id (g_ptr_array_index (articles, 4));

  matcher = drama_store_build_matcher (store, &error);
  g_assert_no_error (error);
  g_assert_true (drama_store_link_articles (store, matcher, (const gint64 *) (gpointer) ids->data,
                                            ids->len, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *fixtures = FAKE_SERVER_FIXTURES (NULL);

  fixture->home = g_dir_make_tmp ("dramalist-search-XXXXXX", &error);
  g_assert_no_error (error);
  folder = g_build_filename (fixture->home, DATA_DIR_NAME, NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  fixture->library = g_build_filename (folder, "library.db", NULL);
  fixture->services = g_build_filename (fixture->home, "services", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->services, 0700), ==, 0);
  fixture->server = fake_server_new (fixtures);
  fake_server_route (fixture->server, "/img/poster.png", "tvmaze/poster.png");
  make_library (fixture);

  fixture->bus = dbus_app_bus_up (fixture->services, fixture->home, display,
                                 &fixture->connection);
}

static gboolean
app_running (Fixture *fixture)
{
  return dbus_app_running (fixture->connection);
}

static guint count_app_windows (void);

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GVariant) quit = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* Every test started the app, which must still be there (not crashed on the way). Its
   * windows close as when the user quits; the app itself would then stay a few seconds
   * for the Shell's next search, but goes with the bus (its connection's exit-on-close). */
  g_assert_true (app_running (fixture));
  quit = g_dbus_connection_call_sync (fixture->connection, APP_ID, app_path, "org.gtk.Actions",
                                      "Activate",
                                      g_variant_new_parsed ("('quit', @av [], @a{sv} {})"),
                                      NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, NULL);
  while (count_app_windows () > 0 && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);

  g_clear_object (&fixture->connection);
  g_test_dbus_down (fixture->bus);
  g_clear_pointer (&fixture->server, fake_server_free);
  g_clear_object (&fixture->bus);
  dbus_app_remove_home (fixture->home);
  g_free (fixture->home);
  g_free (fixture->library);
  g_free (fixture->services);
}

static GVariant *
call_provider (Fixture            *fixture,
               const char         *method,
               GVariant           *parameters,
               const GVariantType *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (fixture->connection, APP_ID, provider_path,
                                                 PROVIDER_IFACE, method, parameters, reply_type,
                                                 G_DBUS_CALL_FLAGS_NONE, 60000, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

/* The result ids for terms (a NULL-terminated list), joined with spaces: "show:1 article:2". */
static char *
search (Fixture            *fixture,
        const char * const *previous,
        const char * const *terms)
{
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **results = NULL;

  if (previous == NULL)
    reply = call_provider (fixture, "GetInitialResultSet",
                           g_variant_new ("(^as)", terms), G_VARIANT_TYPE ("(as)"));
  else
    reply = call_provider (fixture, "GetSubsearchResultSet",
                           g_variant_new ("(^as^as)", previous, terms), G_VARIANT_TYPE ("(as)"));
  g_variant_get (reply, "(^a&s)", &results);
  return g_strjoinv (" ", (char **) results);
}

static char *
expected (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static char *
expected (const char *format,
          ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return text;
}

#define assert_search(fixture, want, ...) \
  G_STMT_START { \
    const char *terms_[] = { __VA_ARGS__, NULL }; \
    g_autofree char *got_ = search ((fixture), NULL, terms_); \
    g_assert_cmpstr (got_, ==, (want)); \
  } G_STMT_END

/* Shows by title, alternative title, alias and cast (with their aliases), Latin and Hangul,
 * every term matching; then the newest articles about them. */
static void
test_results (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *moving = expected ("show:%" G_GINT64_FORMAT " article:%" G_GINT64_FORMAT
                                      " article:%" G_GINT64_FORMAT " article:%" G_GINT64_FORMAT,
                                      fixture->moving, fixture->newest, fixture->older,
                                      fixture->spoiler);
  g_autofree char *playlist = expected ("show:%" G_GINT64_FORMAT " article:%" G_GINT64_FORMAT,
                                        fixture->playlist, fixture->about_playlist);
  g_autofree char *heaven = expected ("show:%" G_GINT64_FORMAT, fixture->heaven);
  g_autofree char *han = expected ("show:%" G_GINT64_FORMAT " show:%" G_GINT64_FORMAT
                                   " article:%" G_GINT64_FORMAT " article:%" G_GINT64_FORMAT
                                   " article:%" G_GINT64_FORMAT, fixture->youth,
                                   fixture->moving, fixture->newest, fixture->older,
                                   fixture->spoiler);
  g_autofree char *both = expected ("show:%" G_GINT64_FORMAT " show:%" G_GINT64_FORMAT
                                    " article:%" G_GINT64_FORMAT " article:%" G_GINT64_FORMAT
                                    " article:%" G_GINT64_FORMAT, fixture->heaven,
                                    fixture->moving, fixture->newest, fixture->older,
                                    fixture->spoiler);

  g_assert_false (app_running (fixture));

  /* The title, any case; the removed "Moving Forward" and the article naming no show stay
   * out; the articles newest first. */
  assert_search (fixture, moving, "MOVING");
  g_assert_true (app_running (fixture));
  /* Both by title, by title order. */
  assert_search (fixture, both, "mov");
  /* Every term must match, each anywhere in the show's names or cast. */
  assert_search (fixture, heaven, "move", "heaven");
  assert_search (fixture, moving, "moving", "han");
  assert_search (fixture, "", "moving", "jung");
  /* The original title and the alias. */
  assert_search (fixture, moving, "무빙");
  assert_search (fixture, playlist, "슬기로운");
  assert_search (fixture, playlist, "hosplay");
  /* Cast names, with the dash the user leaves out, and their aliases in Hangul. */
  assert_search (fixture, moving, "seung", "ryong");
  assert_search (fixture, moving, "seung ryong");
  assert_search (fixture, moving, "류승룡");
  assert_search (fixture, heaven, "je-hoon");
  /* A show whose own names match comes before one found through its cast. */
  assert_search (fixture, han, "han");
  assert_search (fixture, "", "nobody");
  assert_search (fixture, "", "");
}

/* A subsearch narrows the previous results and never adds to them. */
static void
test_subsearch (Fixture       *fixture,
                gconstpointer  data)
{
  const char *broad[] = { "mov", NULL };
  const char *narrow[] = { "movi", NULL };
  const char *playlist_terms[] = { "hospital", NULL };
  g_autofree char *first = search (fixture, NULL, broad);
  g_auto(GStrv) previous = g_strsplit (first, " ", -1);
  g_autofree char *narrowed = search (fixture, (const char * const *) previous, narrow);
  g_autofree char *outside = search (fixture, (const char * const *) previous, playlist_terms);
  g_autofree char *want = expected ("show:%" G_GINT64_FORMAT " article:%" G_GINT64_FORMAT
                                    " article:%" G_GINT64_FORMAT " article:%" G_GINT64_FORMAT,
                                    fixture->moving, fixture->newest, fixture->older,
                                    fixture->spoiler);

  g_assert_cmpuint (g_strv_length (previous), ==, 5);
  g_assert_cmpstr (narrowed, ==, want);
  /* "Hospital Playlist" matches, but was not among the results being narrowed. */
  g_assert_cmpstr (outside, ==, "");
}

/* What the Shell shows of each result: name, description, icon; unknown ids left out. */
static void
test_metas (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *show_id = expected ("show:%" G_GINT64_FORMAT, fixture->moving);
  g_autofree char *article_id = expected ("article:%" G_GINT64_FORMAT, fixture->newest);
  g_autofree char *spoiler_id = expected ("article:%" G_GINT64_FORMAT, fixture->spoiler);
  const char *ids[] = { article_id, "show:999999", show_id, "bogus", spoiler_id, NULL };
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GVariant) icon_value = NULL;
  g_autoptr(GIcon) icon = NULL;
  const char *id, *name, *description;

  reply = call_provider (fixture, "GetResultMetas", g_variant_new ("(^as)", ids),
                         G_VARIANT_TYPE ("(aa{sv})"));
  metas = g_variant_get_child_value (reply, 0);
  g_assert_cmpuint (g_variant_n_children (metas), ==, 3);

  {
    g_autoptr(GVariant) meta = g_variant_get_child_value (metas, 0);
    GVariantDict dict;

    g_variant_dict_init (&dict, meta);
    g_assert_true (g_variant_dict_lookup (&dict, "id", "&s", &id));
    g_assert_cmpstr (id, ==, article_id);
    g_assert_true (g_variant_dict_lookup (&dict, "name", "&s", &name));
    g_assert_cmpstr (name, ==, "Han Hyo-joo returns for Moving season 2");
    g_assert_true (g_variant_dict_lookup (&dict, "description", "&s", &description));
    g_assert_true (g_str_has_prefix (description, "Drama News · "));
    g_variant_dict_clear (&dict);
  }
  {
    g_autoptr(GVariant) meta = g_variant_get_child_value (metas, 1);
    GVariantDict dict;

    g_variant_dict_init (&dict, meta);
    g_assert_true (g_variant_dict_lookup (&dict, "id", "&s", &id));
    g_assert_cmpstr (id, ==, show_id);
    g_assert_true (g_variant_dict_lookup (&dict, "name", "&s", &name));
    g_assert_cmpstr (name, ==, "Moving");
    g_assert_true (g_variant_dict_lookup (&dict, "description", "&s", &description));
    g_assert_cmpstr (description, ==, "Disney+ · Ended");
    icon_value = g_variant_dict_lookup_value (&dict, "icon", NULL);
    g_assert_nonnull (icon_value);
    icon = g_icon_deserialize (icon_value);
    g_assert_true (G_IS_THEMED_ICON (icon));
    g_assert_cmpstr (g_themed_icon_get_names (G_THEMED_ICON (icon))[0], ==, APP_ID);
    g_variant_dict_clear (&dict);
  }
  {
    /* The Shell cannot blur: the headline about an episode not seen yet is not shown. */
    g_autoptr(GVariant) meta = g_variant_get_child_value (metas, 2);
    GVariantDict dict;

    g_variant_dict_init (&dict, meta);
    g_assert_true (g_variant_dict_lookup (&dict, "id", "&s", &id));
    g_assert_cmpstr (id, ==, spoiler_id);
    g_assert_true (g_variant_dict_lookup (&dict, "name", "&s", &name));
    g_assert_cmpstr (name, ==, "News about Moving");
    g_assert_true (g_variant_dict_lookup (&dict, "description", "&s", &description));
    g_assert_cmpstr (description, ==, "May contain spoilers for Ep 2");
    g_variant_dict_clear (&dict);
  }
}

/* The icon of a show's result, as the Shell would deserialize it. */
static GIcon *
show_icon (Fixture    *fixture,
           const char *show_id)
{
  const char *ids[] = { show_id, NULL };
  g_autoptr(GVariant) reply = call_provider (fixture, "GetResultMetas",
                                             g_variant_new ("(^as)", ids),
                                             G_VARIANT_TYPE ("(aa{sv})"));
  g_autoptr(GVariant) meta = g_variant_get_child_value (reply, 0);
  g_autoptr(GVariant) first = g_variant_get_child_value (meta, 0);
  g_autoptr(GVariant) icon = g_variant_lookup_value (first, "icon", NULL);

  g_assert_nonnull (icon);
  return g_icon_deserialize (icon);
}

/* A show wears its poster once the app has it: the first answer asks for it and wears the
 * app's icon meanwhile; a later one names a PNG the app wrote into its cache. */
static void
test_poster (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *show_id = expected ("show:%" G_GINT64_FORMAT, fixture->moving);
  g_autoptr(GIcon) icon = show_icon (fixture, show_id);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_true (G_IS_THEMED_ICON (icon));
  while (!G_IS_FILE_ICON (icon) && g_get_monotonic_time () < deadline)
    {
      /* The server answers the app's request from this thread's main context. */
      for (int i = 0; i < 20; i++)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (10 * 1000);
        }
      g_clear_object (&icon);
      icon = show_icon (fixture, show_id);
    }
  g_assert_true (G_IS_FILE_ICON (icon));
  path = g_file_get_path (g_file_icon_get_file (G_FILE_ICON (icon)));
  g_assert_true (g_str_has_prefix (path, fixture->home));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 4, "\x89PNG", 4);
  g_assert_cmpuint (fake_server_get_hits (fixture->server, "/img/poster.png"), ==, 1);
}

/* As a user would: `gdbus call` from a shell, Hangul terms and all. */
static void
test_gdbus_call (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *want = expected ("(['show:%" G_GINT64_FORMAT "', 'article:%" G_GINT64_FORMAT
                                    "', 'article:%" G_GINT64_FORMAT "', 'article:%"
                                    G_GINT64_FORMAT "'],)\n", fixture->moving, fixture->newest,
                                    fixture->older, fixture->spoiler);
  const char *argv[] = { "gdbus", "call", "--session", "--dest", APP_ID,
                         "--object-path", provider_path,
                         "--method", PROVIDER_IFACE ".GetInitialResultSet",
                         "['류승룡']", NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, want);
}

/* xdotool's environment: the display, which GTestDBus took out of ours. */
static char **
x_environ (void)
{
  return g_environ_setenv (g_get_environ (), "DISPLAY", display, TRUE);
}

/* Whether a visible window titled exactly title is on the X display. */
static gboolean
window_titled (const char *title)
{
  g_auto(GStrv) envp = x_environ ();
  g_autofree char *pattern = NULL;
  g_autofree char *regex = g_regex_escape_string (title, -1);
  const char *argv[] = { "xdotool", "search", "--onlyvisible", "--name", NULL, NULL };
  g_autofree char *out = NULL;
  int status = -1;

  pattern = g_strdup_printf ("^%s$", regex);
  argv[4] = pattern;
  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL) && out != NULL && *out != '\0';
}

static void
assert_window_titled (const char *title)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!window_titled (title) && g_get_monotonic_time () < deadline)
    g_usleep (100 * 1000);
  if (!window_titled (title))
    {
      const char *argv[] = { "xdotool", "search", "--name", ".", "getwindowname", "%@", NULL };
      g_auto(GStrv) envp = x_environ ();
      g_autofree char *names = NULL;

      g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &names, NULL,
                    NULL, NULL);
      g_error ("No window titled \"%s\" came up; the windows are:\n%s", title, names);
    }
}

/* Activating a show opens the app on its page; an article, in the reader. */
static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *show_id = expected ("show:%" G_GINT64_FORMAT, fixture->playlist);
  g_autofree char *article_id = expected ("article:%" G_GINT64_FORMAT, fixture->newest);
  g_autoptr(GVariant) shown = NULL;
  g_autoptr(GVariant) read = NULL;

  g_assert_false (window_titled ("Hospital Playlist"));
  shown = call_provider (fixture, "ActivateResult",
                         g_variant_new_parsed ("(%s, ['hospital'], @u 0)", show_id), NULL);
  assert_window_titled ("Hospital Playlist");

  read = call_provider (fixture, "ActivateResult",
                        g_variant_new_parsed ("(%s, ['moving'], @u 0)", article_id), NULL);
  assert_window_titled ("Han Hyo-joo returns for Moving season 2");
}

/* How many of the app's windows are on screen (a popover is an X window of its own). */
static guint
count_app_windows (void)
{
  const char *argv[] = { "xdotool", "search", "--onlyvisible", "--class", "dramalist", NULL };
  g_auto(GStrv) envp = x_environ ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *out = NULL;
  guint n = 0;

  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL) || out == NULL)
    return 0;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n += lines[i][0] != '\0';
  return n;
}

/* "Search in the app": the window comes up with the app's search open (its popover on
 * screen beside the window). */
static void
test_launch_search (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_assert_cmpuint (count_app_windows (), ==, 0);
  reply = call_provider (fixture, "LaunchSearch", g_variant_new_parsed ("(['han', 'hyo'], @u 0)"),
                         NULL);
  assert_window_titled ("Dramalist");
  while (count_app_windows () < 2 && g_get_monotonic_time () < deadline)
    g_usleep (100 * 1000);
  g_assert_cmpuint (count_app_windows (), >=, 2);
  /* Closing a popover that has only just come up trips a GTK 4.8 check; a user takes
   * longer than this to quit. */
  g_usleep (G_USEC_PER_SEC / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  app_path = g_strdelimit (g_strconcat ("/", APP_ID, NULL), ".", '/');
  provider_path = g_strconcat (app_path, "/SearchProvider", NULL);

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs an X display");
      return 77;
    }
  display = g_strdup (g_getenv ("DISPLAY"));

  g_test_add ("/search-provider/results", Fixture, NULL, fixture_setup, test_results,
              fixture_teardown);
  g_test_add ("/search-provider/subsearch", Fixture, NULL, fixture_setup, test_subsearch,
              fixture_teardown);
  g_test_add ("/search-provider/metas", Fixture, NULL, fixture_setup, test_metas,
              fixture_teardown);
  g_test_add ("/search-provider/poster", Fixture, NULL, fixture_setup, test_poster,
              fixture_teardown);
  g_test_add ("/search-provider/gdbus-call", Fixture, NULL, fixture_setup, test_gdbus_call,
              fixture_teardown);
  g_test_add ("/search-provider/activate", Fixture, NULL, fixture_setup, test_activate,
              fixture_teardown);
  g_test_add ("/search-provider/launch-search", Fixture, NULL, fixture_setup,
              test_launch_search, fixture_teardown);
  return g_test_run ();
}
