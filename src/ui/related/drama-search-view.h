#pragma once

#include <gtk/gtk.h>

#include "drama-image-loader.h"
#include "drama-show-list.h"
#include "drama-store.h"
#include "drama-tvmaze.h"

G_BEGIN_DECLS

/* The kinds of results, in the order they are listed. */
typedef enum {
  DRAMA_SEARCH_KIND_SHOW = 0,
  DRAMA_SEARCH_KIND_PERSON = 1,
  DRAMA_SEARCH_KIND_ARTICLE = 2,
} DramaSearchKind;

#define DRAMA_TYPE_SEARCH_VIEW (drama_search_view_get_type ())

/* One search entry for everything: shows on the watchlist (titles, original titles, akas,
 * nicknames), people credited in them (names and stage names) and articles (titles and
 * full text through FTS5), grouped "Shows", "People", "Articles". Made to sit in a popover
 * under the header bar (win.search, Ctrl+F). Activating a result emits "result-activated"
 * (DramaSearchKind kind, gint64 id); its default handler opens the show, the person or the
 * article in the window and closes the popover the view is in. */
G_DECLARE_FINAL_TYPE (DramaSearchView, drama_search_view, DRAMA, SEARCH_VIEW, GtkWidget)

DramaSearchView *drama_search_view_new           (void);
/* The shows to search (the application's list); people and articles come from its store. */
void             drama_search_view_set_show_list (DramaSearchView *self,
                                                  DramaShowList   *list);
/* Without a list of the application's: a list of its own over store. */
void             drama_search_view_set_store     (DramaSearchView *self,
                                                  DramaStore      *store);
/* What opening a person's page takes (TVmaze for their roles, pictures) and the settings
 * holding the spoiler guard; each may be NULL (no person opens without tvmaze; the guard is
 * on without settings). */
void             drama_search_view_set_tvmaze    (DramaSearchView  *self,
                                                  DramaTvmaze      *tvmaze);
void             drama_search_view_set_image_loader (DramaSearchView  *self,
                                                     DramaImageLoader *loader);
void             drama_search_view_set_settings  (DramaSearchView  *self,
                                                  GSettings        *settings);
/* Sets the entry's text and searches at once (no typing delay): the shows are listed
 * before this returns, people and articles when the store answers. */
void             drama_search_view_set_text      (DramaSearchView *self,
                                                  const char      *text);
/* Focuses the entry and selects its text. */
void             drama_search_view_focus_entry   (DramaSearchView *self);

G_END_DECLS
