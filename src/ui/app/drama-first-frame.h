#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For the startup benchmark (tests/bench/bench-startup.c): when the environment has
 * DRAMALIST_REPORT_FIRST_FRAME=1, prints "first-frame" on stdout once the application's
 * first window has painted its first frame (GTK's frame clock), then quits. Does nothing
 * otherwise. */
void drama_first_frame_watch (GtkApplication *app);

G_END_DECLS
