/* fake-server: the test server as a program, for demos and screenshots without the network.
 *
 *   fake-server [PORT [FIXTURES_DIR]]
 *
 * Serves tests/fixtures, and answers the TVmaze API paths the app uses from the
 * tests/fixtures/tvmaze files. Point the app at it with the printed URL (the TVmaze base
 * URL setting or its environment override). Not installed.
 */
#define G_LOG_DOMAIN "fake-server"

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>

#include "fake-server.h"

/* TVmaze paths the app asks for → fixture files (relative to the fixtures dir). */
static const struct {
  const char *path;
  const char *file;
} tvmaze_routes[] = {
  { "/search/shows", "tvmaze/search-angel.json" },
  /* The drama casting news names (feeds/casting.xml), as TVmaze knows it before it airs. */
  { "/search/shows?q=Lantern Street Diaries", "tvmaze/search-lantern.json" },
  { "/shows/99001", "tvmaze/show-99001.json" },
  { "/shows/41163", "tvmaze/show-41163.json" },
  { "/shows/41163/akas", "tvmaze/akas-41163.json" },
  { "/shows/1", "tvmaze/plneto-tvmaze-net/show_embed_episodes.json" },
  { "/shows/1/akas", "tvmaze/plneto-tvmaze-net/alias.json" },
  { "/people/20102", "tvmaze/person-20102.json" },
  { "/people/20102/castcredits", "tvmaze/castcredits-20102.json" },
  { "/updates/shows", "tvmaze/updates-day.json" },
};

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(FakeServer) server = NULL;
  g_autofree char *dir = NULL;
  guint port = 0;

  if (argc > 1)
    {
      char *end = NULL;
      guint64 value = g_ascii_strtoull (argv[1], &end, 10);

      if (end == argv[1] || *end != '\0' || value > 65535)
        {
          fprintf (stderr, "Usage: %s [PORT [FIXTURES_DIR]]\n", argv[0]);
          return EXIT_FAILURE;
        }
      port = (guint) value;
    }

  if (argc > 2)
    dir = g_strdup (argv[2]);
  else
    dir = g_strdup (FIXTURES_DIR);

  server = fake_server_new_on_port (dir, port);
  if (server == NULL)
    return EXIT_FAILURE;

  for (gsize i = 0; i < G_N_ELEMENTS (tvmaze_routes); i++)
    fake_server_route (server, tvmaze_routes[i].path, tvmaze_routes[i].file);

  printf ("%s\n", fake_server_get_url (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  return EXIT_SUCCESS;
}
