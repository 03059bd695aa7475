#pragma once

#include <glib.h>

#include "drama-tvmaze.h"

G_BEGIN_DECLS

/* TVmaze JSON → model objects. No network, no main loop: safe in a worker thread.
 *
 * Everything from TVmaze is treated as untrusted: wrong types, nulls and missing members
 * give empty values, never a crash; numbers are range-checked; URLs other than http(s)
 * are dropped; dates and times that are not valid are dropped; summaries become plain
 * text; nesting deeper than DRAMA_TVMAZE_MAX_DEPTH is refused before parsing. A document
 * that is not JSON, or not the shape expected, gives DRAMA_TVMAZE_ERROR_MALFORMED. */

#define DRAMA_TVMAZE_MAX_DEPTH 64

/* A show object (/shows/{id}, with optional _embedded cast and episodes). episodes and
 * cast are optional outputs (always arrays, maybe empty). Episodes with a duplicate id are
 * dropped; an episode without an airstamp gets one from its airdate + airtime + the show's
 * time zone. */
DramaShow  *drama_tvmaze_parse_show         (const char  *data,
                                             gssize       length,
                                             GPtrArray  **episodes,
                                             GPtrArray  **cast,
                                             GError     **error);
/* /search/shows: [{score, show}] → GPtrArray of DramaShow in the order given. */
GPtrArray  *drama_tvmaze_parse_search       (const char  *data,
                                             gssize       length,
                                             GError     **error);
/* /shows/{id}/akas: [{name, country}] → NULL-terminated names (duplicates dropped).
 * original_name (optional) receives the aka whose country code is `country` (the show's),
 * or NULL. */
char      **drama_tvmaze_parse_akas         (const char  *data,
                                             gssize       length,
                                             const char  *country,
                                             char       **original_name,
                                             GError     **error);
/* /people/{id} → DramaPerson. */
DramaPerson *drama_tvmaze_parse_person      (const char  *data,
                                             gssize       length,
                                             GError     **error);
/* /people/{id}/castcredits?embed[]=show&embed[]=character → GPtrArray of DramaCredit,
 * newest first (by premiere date). Credits without an embedded show are skipped. */
GPtrArray  *drama_tvmaze_parse_castcredits  (const char  *data,
                                             gssize       length,
                                             GError     **error);
/* /updates/shows: {"id": updated, ...} → gint64* → gint64* (g_int64_hash, both freed). */
GHashTable *drama_tvmaze_parse_updates      (const char  *data,
                                             gssize       length,
                                             GError     **error);

G_END_DECLS
