#pragma once

#include <gio/gio.h>

#include "drama-show.h"
#include "drama-store.h"
#include "drama-types.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_SHOW_LIST (drama_show_list_get_type ())

/* Every show on the watchlist, live: a GListModel of DramaShow with the derived counts and
 * next-episode that drama_store_list_shows () gives, which views filter and sort (the
 * helpers below do what that function does) instead of asking the store themselves.
 *
 * Loaded once on the store's thread; then it follows the store's changes by itself: the
 * shows a "changed::show" or "changed::episode" names are read again (one job for a
 * burst) and updated in place: the same DramaShow object gets the new values (its
 * notify signals fire) and items-changed covers that position alone; a show no longer
 * in the library is removed, a new one appended. A change naming no rows reads all
 * again, still keeping the objects of the shows that stay. When a next episode airs, its
 * show is read again at that moment (its progress and next episode move on). The list
 * has no order of its own that a view should rely on. */
G_DECLARE_FINAL_TYPE (DramaShowList, drama_show_list, DRAMA, SHOW_LIST, GObject)

DramaShowList *drama_show_list_new               (DramaStore    *store);
DramaStore    *drama_show_list_get_store         (DramaShowList *self);
/* FALSE until the first read is in ("loaded" notifies): an empty list means nothing then. */
gboolean       drama_show_list_get_loaded        (DramaShowList *self);
/* TRUE while a read is queued or running ("busy" notifies). */
gboolean       drama_show_list_get_busy          (DramaShowList *self);
/* The last read's error in words for the user, or NULL ("error-message" notifies). */
const char    *drama_show_list_get_error_message (DramaShowList *self);
/* Reads every show again (asynchronously), keeping the objects of those that stay. */
void           drama_show_list_reload            (DramaShowList *self);
/* The listed show with this id (transfer none) and its position, or NULL. */
DramaShow     *drama_show_list_find              (DramaShowList *self,
                                                  gint64         show_id,
                                                  guint         *position);
/* Diagnostics: store jobs this list ran, and how many of them read every show. */
guint          drama_show_list_get_n_queries     (DramaShowList *self);
guint          drama_show_list_get_n_full_reads  (DramaShowList *self);

/* ---- what drama_store_list_shows () does, for the views filtering this list ---- */

/* text as the text filter compares it (NFKC, case-folded); never NULL. */
char          *drama_show_list_fold_text         (const char    *text);
/* TRUE when folded_text is in the show's name, original name, akas or aliases. */
gboolean       drama_show_list_show_matches      (DramaShow     *show,
                                                  const char    *folded_text);
/* The order of drama_store_list_shows () for sort (ties by title, then id). */
int            drama_show_list_compare           (DramaShow     *a,
                                                  DramaShow     *b,
                                                  DramaShowSort  sort);
/* When the next episode airs as a number to order by: its air time, else its air date's
 * midnight UTC; G_MAXINT64 - 1 when it has no date, G_MAXINT64 when none is to come. */
gint64         drama_show_list_next_airing_key   (DramaShow     *show);
/* TRUE when the show's next episode is still to air at now, as drama_store_list_upcoming ()
 * counts it: an air time at or after now, or without one an air date from today on. */
gboolean       drama_show_list_next_is_upcoming  (DramaShow     *show,
                                                  gint64         now);

G_END_DECLS
