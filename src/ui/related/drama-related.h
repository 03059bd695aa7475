#pragma once

#include <gtk/gtk.h>

#include "drama-store.h"

G_BEGIN_DECLS

/* What the related-news widgets (DramaRelatedList, DramaShowChips, DramaEpisodeNews,
 * DramaSearchView) share: the spoiler guard's look and question, and the way an article or
 * a show is opened in the window a widget lives in. No type of its own. */

/* The global spoiler-guard setting of settings (TRUE when settings is NULL, as its
 * default). */
gboolean    drama_related_get_spoiler_guard     (GSettings    *settings);

/* "Ep 14" (or "S2 Ep 3" past the first season, "a special" for number 0); never NULL. */
char       *drama_related_episode_label         (DramaEpisode *episode);
/* "May contain spoilers for Ep 14"; never NULL. */
char       *drama_related_spoiler_note          (DramaEpisode *episode);

/* Blurs widget (its text or picture becomes unreadable) or clears the blur. */
void        drama_related_set_blurred           (GtkWidget    *widget,
                                                 gboolean      blurred);

/* Opens article in the article view of the window from is in (or, from a window of its own
 * such as an actor's page, of the main window it belongs to, closing the small one), and
 * brings the news into view. When the article names an episode the user has not seen
 * (spoiler-episode set), asks first ("Show Anyway" / "Cancel"). */
void        drama_related_open_article          (GtkWidget    *from,
                                                 DramaArticle *article);
/* FALSE while article is guarded (spoiler-episode set) and the user has not said "Show
 * Anyway" for it in the window from is in: opening it must ask first. */
gboolean    drama_related_spoiler_accepted      (GtkWidget    *from,
                                                 DramaArticle *article);
/* Opens the show in the window from is in (closing a window of its own, as above). */
void        drama_related_open_show             (GtkWidget    *from,
                                                 gint64        show_id);

/* The articles that name each episode of a show: gint64 episode id (key, g_free'd) →
 * GPtrArray of DramaArticle (with shows and spoiler-episode filled for spoiler_guard),
 * newest first. Episodes no article names are absent. Blocking: call it inside a job on the
 * store's thread (the show page reads it with the show). */
GHashTable *drama_related_index_episode_articles (DramaStore  *store,
                                                  gint64       show_id,
                                                  gboolean     spoiler_guard,
                                                  GError     **error);

/* As drama_format_relative_time (): "Just now", "2 h ago", "Yesterday", "12 May"; "" for 0. */
char       *drama_related_format_date           (gint64        unix_time,
                                                 gint64        now);

G_END_DECLS
