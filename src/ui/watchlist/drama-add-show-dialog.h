#pragma once

#include <adwaita.h>

#include "drama-image-loader.h"
#include "drama-store.h"
#include "drama-tvmaze.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_ADD_SHOW_DIALOG (drama_add_show_dialog_get_type ())

/* "Add a show": search TVmaze as you type (results with poster, year, network, country;
 * followed shows marked), or enter a show by hand (title, seasons, episodes, network, air
 * days and time, optional first air date). The status chosen (Plan to Watch or Watching)
 * applies to either. Signals: "show-added" (gint64 show_id) after the show is stored
 * (or chosen when it was already followed); the dialog then closes. */
G_DECLARE_FINAL_TYPE (DramaAddShowDialog, drama_add_show_dialog, DRAMA, ADD_SHOW_DIALOG, AdwWindow)

DramaAddShowDialog *drama_add_show_dialog_new (GtkWindow        *parent,
                                               DramaStore       *store,
                                               DramaTvmaze      *tvmaze,
                                               DramaImageLoader *loader);

/* For tests: the search entry and the list of results (AdwActionRow; activate one to add
 * it). */
GtkEditable *drama_add_show_dialog_get_search_entry (DramaAddShowDialog *self);
GtkListBox  *drama_add_show_dialog_get_results      (DramaAddShowDialog *self);
/* The page shown: "start", "loading", "empty", "error" or "results". */
const char  *drama_add_show_dialog_get_state        (DramaAddShowDialog *self);

G_END_DECLS
