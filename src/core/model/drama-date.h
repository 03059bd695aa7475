#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean drama_date_parse  (const char *text,
                            gint64     *out_unix_utc);
char    *drama_date_to_iso (gint64      unix_utc);

G_END_DECLS
