#pragma once

#include <gtk/gtk.h>

#include "drama-image-loader.h"
#include "drama-show-list.h"
#include "drama-store.h"
#include "drama-tvmaze.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_PERSON_PAGE (drama_person_page_get_type ())

/* An actor: photo, name, and their roles from TVmaze (newest first); shows on the
 * watchlist are marked and open on click, the others have an Add button.
 * Signals: "show-activated" (gint64 show_id) when a role on the watchlist is clicked. */
G_DECLARE_FINAL_TYPE (DramaPersonPage, drama_person_page, DRAMA, PERSON_PAGE, GtkWidget)

/* settings: the spoiler guard and pictures of its news (may be NULL). */
DramaPersonPage *drama_person_page_new        (DramaStore       *store,
                                               DramaTvmaze      *tvmaze,
                                               DramaImageLoader *loader,
                                               GSettings        *settings);
/* Shows person and fetches their roles (person's tvmaze-id). */
void             drama_person_page_set_person (DramaPersonPage  *self,
                                               DramaPerson      *person);

/* "Kim Myung-soo (L)": the name and the other names the news uses, as the cast rows and
 * the person page show them. */
char            *drama_person_page_format_name (const char         *name,
                                                const char * const *aliases);

/* Opens a window (transient for parent) holding a person page for person. Returns the
 * page (owned by the window). */
DramaPersonPage *drama_person_page_open       (GtkWindow        *parent,
                                               DramaStore       *store,
                                               DramaTvmaze      *tvmaze,
                                               DramaImageLoader *loader,
                                               GSettings        *settings,
                                               DramaPerson      *person);
/* The watchlist its related list's show chips tell shows apart with. */
void             drama_person_page_set_show_list (DramaPersonPage *self,
                                                  DramaShowList   *show_list);

G_END_DECLS
