#pragma once

#include <gtk/gtk.h>

#include "drama-application.h"
#include "drama-article-list.h"
#include "drama-article-view.h"
#include "drama-feed-updater.h"
#include "drama-store.h"
#include "drama-tvmaze.h"
#include "drama-web-context.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_NEWS_PANE (drama_news_pane_get_type ())

/* The news pane: the article list (filters All, Unread, Starred, My Shows and each feed,
 * as the user last chose, kept in the "news-filter" setting; full-text search) beside the
 * reader (DramaArticleView), one at a time when narrow; an offline banner (also when no
 * server answered the last refresh), refresh progress, a summary of the feeds that failed
 * and the error of the feed filtered on; or an empty state inviting the user to add a feed.
 * Property "title": the article read or the filter shown, for the window's title.
 *
 * Actions (news.*): set-starred (xb), toggle-star (s), next (j, n), previous (k, p),
 * open-in-browser (o), mark-unread, mark-all-read, manage-feeds, show-all, back, retry-feed,
 * retry-failed, zoom-in / zoom-out / zoom-reset (Ctrl+plus / minus / 0), search (Ctrl+F). */
G_DECLARE_FINAL_TYPE (DramaNewsPane, drama_news_pane, DRAMA, NEWS_PANE, GtkWidget)

void              drama_news_pane_set_store         (DramaNewsPane   *self,
                                                     DramaStore      *store);
/* Creates the article view; call once, before showing articles. */
void              drama_news_pane_set_web_context   (DramaNewsPane   *self,
                                                     DramaWebContext *context);
/* The TVmaze client that adds a drama casting news offers (the window hands it a new one
 * when the TVmaze address changes). */
void              drama_news_pane_set_tvmaze        (DramaNewsPane    *self,
                                                     DramaTvmaze      *tvmaze);
/* The rest of what the pane needs from the application: the feed updater (subscribing,
 * progress, offline), the image loader (thumbnails) and the settings (remote images,
 * spoiler guard). Call after set_store. */
void              drama_news_pane_set_application   (DramaNewsPane    *self,
                                                     DramaApplication *application);
/* Shows an article in the reader (selected in the list when listed) and marks it read. */
void              drama_news_pane_show_article      (DramaNewsPane   *self,
                                                     DramaArticle    *article);
/* Narrow, the window's header bar has a back button of its own: the reader then leaves
 * "back to the list" to it (drama_news_pane_go_back) rather than show a second one. */
void              drama_news_pane_set_back_in_header (DramaNewsPane  *self,
                                                      gboolean        back_in_header);
/* From the reader back to the list when only one of them shows. FALSE if there was no
 * such step (the list is showing, or both are). */
gboolean          drama_news_pane_go_back           (DramaNewsPane   *self);
/* Opens the Add Feed dialog (win.add-feed lands here) and returns it. */
GtkWindow        *drama_news_pane_add_feed          (DramaNewsPane   *self);

/* The library's own background work (the upgrade of an older library's search index),
 * shown in the refresh progress area: fraction 0–1, or < 0 when it is done. */
void              drama_news_pane_set_library_progress (DramaNewsPane *self,
                                                        double         fraction);

G_END_DECLS
