#define G_LOG_DOMAIN "drama-person"

#include "config.h"

#include "drama-person.h"

#include "drama-enums.h"
#include "drama-model-private.h"
struct _DramaPerson
{
  GObject parent_instance;

  gint64 id;
  gint64 tvmaze_id;
  char *name;
  char *image_medium;
  char *image_original;
  char **aliases;
  char *character;
  int cast_order;
};

G_DEFINE_FINAL_TYPE (DramaPerson, drama_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TVMAZE_ID,
  PROP_NAME,
  PROP_IMAGE_MEDIUM,
  PROP_IMAGE_ORIGINAL,
  PROP_ALIASES,
  PROP_CHARACTER,
  PROP_CAST_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const DramaPropInfo prop_info[N_PROPS] = {
  [PROP_ID] = { "id", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaPerson, id), 0, NULL },
  [PROP_TVMAZE_ID] = { "tvmaze-id", DRAMA_PROP_INT64, G_STRUCT_OFFSET (DramaPerson, tvmaze_id), 0, NULL },
  [PROP_NAME] = { "name", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaPerson, name), 0, NULL },
  [PROP_IMAGE_MEDIUM] = { "image-medium", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaPerson, image_medium), 0, NULL },
  [PROP_IMAGE_ORIGINAL] = { "image-original", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaPerson, image_original), 0, NULL },
  [PROP_ALIASES] = { "aliases", DRAMA_PROP_STRV, G_STRUCT_OFFSET (DramaPerson, aliases), 0, NULL },
  [PROP_CHARACTER] = { "character", DRAMA_PROP_STRING, G_STRUCT_OFFSET (DramaPerson, character), 0, NULL },
  [PROP_CAST_ORDER] = { "cast-order", DRAMA_PROP_INT, G_STRUCT_OFFSET (DramaPerson, cast_order), 0, NULL },
};

DRAMA_MODEL_DEFINE_CLASS (DramaPerson, drama_person, DRAMA_TYPE_PERSON)

DRAMA_MODEL_INT64 (DramaPerson, drama_person, DRAMA_IS_PERSON, id, PROP_ID)
DRAMA_MODEL_INT64 (DramaPerson, drama_person, DRAMA_IS_PERSON, tvmaze_id, PROP_TVMAZE_ID)
DRAMA_MODEL_STRING (DramaPerson, drama_person, DRAMA_IS_PERSON, name, PROP_NAME)
DRAMA_MODEL_STRING (DramaPerson, drama_person, DRAMA_IS_PERSON, image_medium, PROP_IMAGE_MEDIUM)
DRAMA_MODEL_STRING (DramaPerson, drama_person, DRAMA_IS_PERSON, image_original, PROP_IMAGE_ORIGINAL)
DRAMA_MODEL_STRV (DramaPerson, drama_person, DRAMA_IS_PERSON, aliases, PROP_ALIASES)
DRAMA_MODEL_STRING (DramaPerson, drama_person, DRAMA_IS_PERSON, character, PROP_CHARACTER)
DRAMA_MODEL_INT (DramaPerson, drama_person, DRAMA_IS_PERSON, cast_order, PROP_CAST_ORDER)
