#pragma once

#include <glib-object.h>


G_BEGIN_DECLS

#define DRAMA_TYPE_PERSON (drama_person_get_type ())

/* An actor. character and cast-order describe one credit and are filled when
 * the person comes from a show's cast list. */
G_DECLARE_FINAL_TYPE (DramaPerson, drama_person, DRAMA, PERSON, GObject)

DramaPerson *drama_person_new (void);

gint64 drama_person_get_id (DramaPerson *self);
void drama_person_set_id (DramaPerson *self, gint64 value);
gint64 drama_person_get_tvmaze_id (DramaPerson *self);
void drama_person_set_tvmaze_id (DramaPerson *self, gint64 value);
const char *drama_person_get_name (DramaPerson *self);
void drama_person_set_name (DramaPerson *self, const char *value);
const char *drama_person_get_image_medium (DramaPerson *self);
void drama_person_set_image_medium (DramaPerson *self, const char *value);
const char *drama_person_get_image_original (DramaPerson *self);
void drama_person_set_image_original (DramaPerson *self, const char *value);
const char * const *drama_person_get_aliases (DramaPerson *self);
void drama_person_set_aliases (DramaPerson *self, const char * const *value);
const char *drama_person_get_character (DramaPerson *self);
void drama_person_set_character (DramaPerson *self, const char *value);
int drama_person_get_cast_order (DramaPerson *self);
void drama_person_set_cast_order (DramaPerson *self, int value);

G_END_DECLS
