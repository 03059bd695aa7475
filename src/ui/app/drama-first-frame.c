#define G_LOG_DOMAIN "dramalist"

#include "config.h"

#include "drama-first-frame.h"

#include <stdio.h>

static void
on_after_paint (GdkFrameClock  *clock,
                GtkApplication *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  /* The benchmark reads this line from a pipe, timing from the moment it spawned us. */
  fputs ("first-frame\n", stdout);
  fflush (stdout);
  g_application_quit (G_APPLICATION (app));
}

static void
on_window_mapped (GtkWidget      *window,
                  GtkApplication *app)
{
  g_signal_handlers_disconnect_by_func (window, on_window_mapped, app);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), app);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (app, on_window_added, NULL);
  g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), app);
}

void
drama_first_frame_watch (GtkApplication *app)
{
  g_return_if_fail (GTK_IS_APPLICATION (app));

  if (g_strcmp0 (g_getenv ("DRAMALIST_REPORT_FIRST_FRAME"), "1") != 0)
    return;
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
}
