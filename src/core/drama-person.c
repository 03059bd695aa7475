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

static void
drama_person_finalize (GObject *object)
{
  _drama_model_free_fields (object, prop_info, N_PROPS);

  G_OBJECT_CLASS (drama_person_parent_class)->finalize (object);
}

static void
drama_person_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  if (prop_id == 0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  _drama_model_get_property (object, &prop_info[prop_id], value);
}

static void
drama_person_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  if (prop_id == 0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  _drama_model_set_property (object, &prop_info[prop_id], pspec, value);
}

static void
drama_person_class_init (DramaPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drama_person_finalize;
  object_class->get_property = drama_person_get_property;
  object_class->set_property = drama_person_set_property;

  _drama_model_install_properties (object_class, prop_info, N_PROPS, properties);
}

static void
drama_person_init (DramaPerson *self)
{
  _drama_model_init_defaults (G_OBJECT (self), prop_info, N_PROPS);
}

DramaPerson *
drama_person_new (void)
{
  return g_object_new (DRAMA_TYPE_PERSON, NULL);
}

DRAMA_MODEL_INT64 (DramaPerson, drama_person, DRAMA_IS_PERSON, id, PROP_ID)
DRAMA_MODEL_INT64 (DramaPerson, drama_person, DRAMA_IS_PERSON, tvmaze_id, PROP_TVMAZE_ID)
DRAMA_MODEL_STRING (DramaPerson, drama_person, DRAMA_IS_PERSON, name, PROP_NAME)
DRAMA_MODEL_STRING (DramaPerson, drama_person, DRAMA_IS_PERSON, image_medium, PROP_IMAGE_MEDIUM)
DRAMA_MODEL_STRING (DramaPerson, drama_person, DRAMA_IS_PERSON, image_original, PROP_IMAGE_ORIGINAL)
DRAMA_MODEL_STRV (DramaPerson, drama_person, DRAMA_IS_PERSON, aliases, PROP_ALIASES)
DRAMA_MODEL_STRING (DramaPerson, drama_person, DRAMA_IS_PERSON, character, PROP_CHARACTER)
DRAMA_MODEL_INT (DramaPerson, drama_person, DRAMA_IS_PERSON, cast_order, PROP_CAST_ORDER)
