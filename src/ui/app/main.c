#define G_LOG_DOMAIN "dramalist"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "drama-application.h"
#include "drama-first-frame.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DramaApplication) app = NULL;
  /* Set by `meson devenv` (build-aux/run.sh): the catalogues compiled in the build tree. */
  const char *localedir = g_getenv ("DRAMALIST_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = drama_application_new ();
  drama_first_frame_watch (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
