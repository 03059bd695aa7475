#pragma once

/* drama-person-page.h's calls for the tests only: what they read of the widget and the clock they
 * drive. The app never calls them. */

#include "drama-person-page.h"

G_BEGIN_DECLS

DramaPerson     *drama_person_page_get_person (DramaPersonPage  *self);
/* Roles listed once loaded (0 while loading or on error). */
guint            drama_person_page_get_n_roles (DramaPersonPage *self);

G_END_DECLS
