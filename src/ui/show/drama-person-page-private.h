#pragma once

/* DramaPersonPage's state, shared by its files: drama-person-page.c (the object, its
 * template, a new person, the public calls, errors), drama-person-page-names.c (the names
 * the news uses: editing them, reading them again), drama-person-page-proposals.c (the
 * stage names the news proposed, accepted or dismissed) and drama-person-page-roles.c (the
 * roles from TVmaze: looking them up, their rows, adding to the watchlist). */

#include <adwaita.h>

#include "drama-person-page.h"
#include "drama-person-page-test.h"
#include "drama-related-list.h"

G_BEGIN_DECLS

struct _DramaPersonPage
{
  GtkWidget            parent_instance;

  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *aliases_label;
  AdwPreferencesGroup *names_group;
  AdwEntryRow         *alias_entry;
  GtkStack            *roles_stack;
  DramaRelatedList    *related_list;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  AdwPreferencesGroup *roles_group;

  DramaStore          *store;
  DramaTvmaze         *tvmaze;
  DramaImageLoader    *loader;
  DramaShowList       *show_list;   /* handed on to its related list */
  DramaPerson         *person;
  GPtrArray           *credits;      /* DramaCredit, as TVmaze listed them */
  GPtrArray           *rows;         /* AdwActionRow per credit, once looked up */
  GCancellable        *cancellable;  /* this person's fetches and reads */
  guint                lookup_idle;

  GStrv                aliases;      /* as shown: the store's, or the user's change on its way */
  GPtrArray           *alias_rows;   /* AdwActionRow per alias and proposal in names_group */
  guint                n_alias_writes;
  GPtrArray           *proposals;    /* DramaNameProposal: names the news gave them, unanswered */
};

/* drama-person-page.c */
/* Errors reach the user: a toast in the window's overlay, else the console. */
void _drama_person_page_show_error          (DramaPersonPage  *self,
                                             const char       *what,
                                             const GError     *error);
/* Emits "show-activated". */
void _drama_person_page_emit_show_activated (DramaPersonPage  *self,
                                             gint64            show_id);

/* drama-person-page-names.c */
/* Binds the template's "on_alias_apply". */
void _drama_person_page_names_class_init    (GtkWidgetClass   *widget_class);
/* The rows of names_group (aliases, then proposals) and the line under their name. */
void _drama_person_page_update_names        (DramaPersonPage  *self);
/* Their names and proposals, read again from the store. */
void _drama_person_page_read_names          (DramaPersonPage  *self);
/* The store's "aliases-changed" (connected swapped). */
void _drama_person_page_on_aliases_changed  (DramaPersonPage  *self,
                                             DramaChangeKind   kind,
                                             gint64            id);

/* drama-person-page-proposals.c */
/* A row per proposal, added to names_group and alias_rows. */
void _drama_person_page_add_proposal_rows   (DramaPersonPage  *self);
void _drama_person_page_read_proposals      (DramaPersonPage  *self);

/* drama-person-page-roles.c */
/* The store's "changed::show" (connected swapped): the watchlist marks, in place. */
void _drama_person_page_on_show_changed     (DramaPersonPage  *self,
                                             DramaStoreChange *change);
/* drama_tvmaze_get_person_credits_async's callback; user_data is a reference to the page. */
void _drama_person_page_credits_cb          (GObject          *source,
                                             GAsyncResult     *result,
                                             gpointer          user_data);

G_END_DECLS
