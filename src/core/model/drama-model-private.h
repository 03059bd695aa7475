#pragma once

/* Shared machinery for the plain data objects (DramaShow, DramaEpisode, DramaPerson,
 * DramaFeed, DramaArticle). Each of them is a bag of typed properties; describing the
 * properties once in a table (name, kind, struct offset) keeps the five files short
 * and makes every property behave the same: static strings, explicit notify, and a
 * notification only when the value really changed. */

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  DRAMA_PROP_STRING = 1,
  DRAMA_PROP_STRV,
  DRAMA_PROP_INT,
  DRAMA_PROP_INT64,
  DRAMA_PROP_BOOLEAN,
  DRAMA_PROP_ENUM,
  DRAMA_PROP_OBJECT,
  DRAMA_PROP_PTR_ARRAY,
} DramaPropKind;

typedef struct {
  const char    *name;
  DramaPropKind  kind;
  gsize          offset;
  gint64         default_value;    /* INT, INT64, BOOLEAN, ENUM */
  GType        (*type_func) (void); /* ENUM, OBJECT */
} DramaPropInfo;

#define DRAMA_MODEL_FIELD(obj, info, ctype) ((ctype *) (gpointer) ((guint8 *) (obj) + (info)->offset))

static inline void
_drama_model_install_properties (GObjectClass        *klass,
                                 const DramaPropInfo *info,
                                 guint                n_props,
                                 GParamSpec         **pspecs)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  for (guint i = 1; i < n_props; i++)
    {
      const DramaPropInfo *p = &info[i];

      switch (p->kind)
        {
        case DRAMA_PROP_STRING:
          pspecs[i] = g_param_spec_string (p->name, NULL, NULL, NULL, flags);
          break;
        case DRAMA_PROP_STRV:
          pspecs[i] = g_param_spec_boxed (p->name, NULL, NULL, G_TYPE_STRV, flags);
          break;
        case DRAMA_PROP_INT:
          pspecs[i] = g_param_spec_int (p->name, NULL, NULL, G_MININT, G_MAXINT,
                                        (int) p->default_value, flags);
          break;
        case DRAMA_PROP_INT64:
          pspecs[i] = g_param_spec_int64 (p->name, NULL, NULL, G_MININT64, G_MAXINT64,
                                          p->default_value, flags);
          break;
        case DRAMA_PROP_BOOLEAN:
          pspecs[i] = g_param_spec_boolean (p->name, NULL, NULL, p->default_value != 0, flags);
          break;
        case DRAMA_PROP_ENUM:
          pspecs[i] = g_param_spec_enum (p->name, NULL, NULL, p->type_func (),
                                         (int) p->default_value, flags);
          break;
        case DRAMA_PROP_OBJECT:
          pspecs[i] = g_param_spec_object (p->name, NULL, NULL, p->type_func (), flags);
          break;
        case DRAMA_PROP_PTR_ARRAY:
          pspecs[i] = g_param_spec_boxed (p->name, NULL, NULL, G_TYPE_PTR_ARRAY, flags);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_object_class_install_properties (klass, n_props, pspecs);
}

static inline void
_drama_model_init_defaults (GObject             *object,
                            const DramaPropInfo *info,
                            guint                n_props)
{
  for (guint i = 1; i < n_props; i++)
    {
      const DramaPropInfo *p = &info[i];

      if (p->default_value == 0)
        continue;
      if (p->kind == DRAMA_PROP_INT64)
        *DRAMA_MODEL_FIELD (object, p, gint64) = p->default_value;
      else if (p->kind == DRAMA_PROP_INT || p->kind == DRAMA_PROP_BOOLEAN || p->kind == DRAMA_PROP_ENUM)
        *DRAMA_MODEL_FIELD (object, p, int) = (int) p->default_value;
    }
}

static inline void
_drama_model_free_fields (GObject             *object,
                          const DramaPropInfo *info,
                          guint                n_props)
{
  for (guint i = 1; i < n_props; i++)
    {
      const DramaPropInfo *p = &info[i];

      if (p->kind == DRAMA_PROP_STRING)
        g_clear_pointer (DRAMA_MODEL_FIELD (object, p, char *), g_free);
      else if (p->kind == DRAMA_PROP_STRV)
        g_clear_pointer (DRAMA_MODEL_FIELD (object, p, char **), g_strfreev);
      else if (p->kind == DRAMA_PROP_OBJECT)
        g_clear_object (DRAMA_MODEL_FIELD (object, p, GObject *));
      else if (p->kind == DRAMA_PROP_PTR_ARRAY)
        g_clear_pointer (DRAMA_MODEL_FIELD (object, p, GPtrArray *), g_ptr_array_unref);
    }
}

/* The setters. Each returns TRUE and notifies when the value changed. */

static inline gboolean
_drama_model_set_string (GObject     *object,
                         char       **field,
                         const char  *value,
                         GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

/* An empty list is kept as NULL so that "no akas" compares equal however it was made. */
static inline gboolean
_drama_model_set_strv (GObject             *object,
                       char              ***field,
                       const char * const  *value,
                       GParamSpec          *pspec)
{
  const char * const *old = (const char * const *) *field;

  if (value != NULL && value[0] == NULL)
    value = NULL;
  if (old == value)
    return FALSE;
  if (old != NULL && value != NULL && g_strv_equal (old, value))
    return FALSE;
  g_strfreev (*field);
  *field = g_strdupv ((char **) value);
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

static inline gboolean
_drama_model_set_int (GObject    *object,
                      int        *field,
                      int         value,
                      GParamSpec *pspec)
{
  if (*field == value)
    return FALSE;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

/* Any non-zero gboolean is stored as TRUE, so TRUE and 2 do not count as a change. */
static inline gboolean
_drama_model_set_boolean (GObject    *object,
                          int        *field,
                          int         value,
                          GParamSpec *pspec)
{
  return _drama_model_set_int (object, field, value ? TRUE : FALSE, pspec);
}

static inline gboolean
_drama_model_set_int64 (GObject    *object,
                        gint64     *field,
                        gint64      value,
                        GParamSpec *pspec)
{
  if (*field == value)
    return FALSE;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

static inline gboolean
_drama_model_set_object (GObject    *object,
                         GObject   **field,
                         GObject    *value,
                         GParamSpec *pspec)
{
  if (!g_set_object (field, value))
    return FALSE;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

static inline gboolean
_drama_model_set_ptr_array (GObject     *object,
                            GPtrArray  **field,
                            GPtrArray   *value,
                            GParamSpec  *pspec)
{
  if (*field == value)
    return FALSE;
  if (value != NULL)
    g_ptr_array_ref (value);
  g_clear_pointer (field, g_ptr_array_unref);
  *field = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

static inline void
_drama_model_get_property (GObject             *object,
                           const DramaPropInfo *p,
                           GValue              *value)
{
  switch (p->kind)
    {
    case DRAMA_PROP_STRING:
      g_value_set_string (value, *DRAMA_MODEL_FIELD (object, p, char *));
      break;
    case DRAMA_PROP_STRV:
      g_value_set_boxed (value, *DRAMA_MODEL_FIELD (object, p, char **));
      break;
    case DRAMA_PROP_INT:
      g_value_set_int (value, *DRAMA_MODEL_FIELD (object, p, int));
      break;
    case DRAMA_PROP_INT64:
      g_value_set_int64 (value, *DRAMA_MODEL_FIELD (object, p, gint64));
      break;
    case DRAMA_PROP_BOOLEAN:
      g_value_set_boolean (value, *DRAMA_MODEL_FIELD (object, p, gboolean));
      break;
    case DRAMA_PROP_ENUM:
      g_value_set_enum (value, *DRAMA_MODEL_FIELD (object, p, int));
      break;
    case DRAMA_PROP_OBJECT:
      g_value_set_object (value, *DRAMA_MODEL_FIELD (object, p, GObject *));
      break;
    case DRAMA_PROP_PTR_ARRAY:
      g_value_set_boxed (value, *DRAMA_MODEL_FIELD (object, p, GPtrArray *));
      break;
    default:
      g_assert_not_reached ();
    }
}

static inline void
_drama_model_set_property (GObject             *object,
                           const DramaPropInfo *p,
                           GParamSpec          *pspec,
                           const GValue        *value)
{
  switch (p->kind)
    {
    case DRAMA_PROP_STRING:
      _drama_model_set_string (object, DRAMA_MODEL_FIELD (object, p, char *),
                               g_value_get_string (value), pspec);
      break;
    case DRAMA_PROP_STRV:
      _drama_model_set_strv (object, DRAMA_MODEL_FIELD (object, p, char **),
                             g_value_get_boxed (value), pspec);
      break;
    case DRAMA_PROP_INT:
      _drama_model_set_int (object, DRAMA_MODEL_FIELD (object, p, int),
                            g_value_get_int (value), pspec);
      break;
    case DRAMA_PROP_INT64:
      _drama_model_set_int64 (object, DRAMA_MODEL_FIELD (object, p, gint64),
                              g_value_get_int64 (value), pspec);
      break;
    case DRAMA_PROP_BOOLEAN:
      _drama_model_set_boolean (object, DRAMA_MODEL_FIELD (object, p, int),
                                g_value_get_boolean (value), pspec);
      break;
    case DRAMA_PROP_ENUM:
      _drama_model_set_int (object, DRAMA_MODEL_FIELD (object, p, int),
                            g_value_get_enum (value), pspec);
      break;
    case DRAMA_PROP_OBJECT:
      _drama_model_set_object (object, DRAMA_MODEL_FIELD (object, p, GObject *),
                               g_value_get_object (value), pspec);
      break;
    case DRAMA_PROP_PTR_ARRAY:
      _drama_model_set_ptr_array (object, DRAMA_MODEL_FIELD (object, p, GPtrArray *),
                                  g_value_get_boxed (value), pspec);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Everything a model's GObject class needs beyond its property table: finalize,
 * get/set_property, class_init, init and a no-argument constructor. Use it once,
 * after G_DEFINE_FINAL_TYPE, the PROP_* enum, properties[] and prop_info[]. */
#define DRAMA_MODEL_DEFINE_CLASS(TypeName, type_name, TYPE) \
  static void type_name##_finalize (GObject *object) \
  { _drama_model_free_fields (object, prop_info, N_PROPS); \
    G_OBJECT_CLASS (type_name##_parent_class)->finalize (object); } \
  static void type_name##_get_property (GObject *object, guint prop_id, \
                                        GValue *value, GParamSpec *pspec) \
  { if (prop_id == 0 || prop_id >= N_PROPS) \
      { G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec); return; } \
    _drama_model_get_property (object, &prop_info[prop_id], value); } \
  static void type_name##_set_property (GObject *object, guint prop_id, \
                                        const GValue *value, GParamSpec *pspec) \
  { if (prop_id == 0 || prop_id >= N_PROPS) \
      { G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec); return; } \
    _drama_model_set_property (object, &prop_info[prop_id], pspec, value); } \
  static void type_name##_class_init (TypeName##Class *klass) \
  { GObjectClass *object_class = G_OBJECT_CLASS (klass); \
    object_class->finalize = type_name##_finalize; \
    object_class->get_property = type_name##_get_property; \
    object_class->set_property = type_name##_set_property; \
    _drama_model_install_properties (object_class, prop_info, N_PROPS, properties); } \
  static void type_name##_init (TypeName *self) \
  { _drama_model_init_defaults (G_OBJECT (self), prop_info, N_PROPS); } \
  TypeName *type_name##_new (void) \
  { return g_object_new (TYPE, NULL); }

/* Typed getters and setters: one line per property in each model .c.
 * T = type name, t = function prefix, CHECK = type-check macro. */

static const char * const _drama_model_empty_strv[] = { NULL };

/* Never returns NULL: an empty list is an empty vector, so callers can iterate directly. */
#define DRAMA_MODEL_STRV(T, t, CHECK, field, PROP) \
  const char * const *t##_get_##field (T *self) \
  { g_return_val_if_fail (CHECK (self), NULL); \
    return self->field != NULL ? (const char * const *) self->field : _drama_model_empty_strv; } \
  void t##_set_##field (T *self, const char * const *value) \
  { g_return_if_fail (CHECK (self)); \
    _drama_model_set_strv (G_OBJECT (self), &self->field, value, properties[PROP]); }

/* A getter and a notifying setter. ctype is the public type, stype how the field is stored;
 * set_func is one of the _drama_model_set_*() above. */
#define DRAMA_MODEL_ACCESSORS(T, t, CHECK, ctype, stype, set_func, field, PROP) \
  ctype t##_get_##field (T *self) \
  { g_return_val_if_fail (CHECK (self), 0); return self->field; } \
  void t##_set_##field (T *self, ctype value) \
  { g_return_if_fail (CHECK (self)); \
    set_func (G_OBJECT (self), (stype *) &self->field, value, properties[PROP]); }

#define DRAMA_MODEL_STRING(T, t, CHECK, field, PROP) \
  DRAMA_MODEL_ACCESSORS (T, t, CHECK, const char *, char *, _drama_model_set_string, field, PROP)
#define DRAMA_MODEL_INT(T, t, CHECK, field, PROP) \
  DRAMA_MODEL_ACCESSORS (T, t, CHECK, int, int, _drama_model_set_int, field, PROP)
#define DRAMA_MODEL_INT64(T, t, CHECK, field, PROP) \
  DRAMA_MODEL_ACCESSORS (T, t, CHECK, gint64, gint64, _drama_model_set_int64, field, PROP)
#define DRAMA_MODEL_BOOLEAN(T, t, CHECK, field, PROP) \
  DRAMA_MODEL_ACCESSORS (T, t, CHECK, gboolean, int, _drama_model_set_boolean, field, PROP)
#define DRAMA_MODEL_ENUM(T, t, CHECK, field, PROP) \
  DRAMA_MODEL_ACCESSORS (T, t, CHECK, DramaWatchStatus, int, _drama_model_set_int, field, PROP)

#define DRAMA_MODEL_OBJECT(T, t, CHECK, field, PROP) \
  DramaEpisode *t##_get_##field (T *self) \
  { g_return_val_if_fail (CHECK (self), NULL); return self->field; } \
  void t##_set_##field (T *self, DramaEpisode *value) \
  { g_return_if_fail (CHECK (self)); \
    _drama_model_set_object (G_OBJECT (self), (GObject **) &self->field, (GObject *) value, \
                             properties[PROP]); }

#define DRAMA_MODEL_PTR_ARRAY(T, t, CHECK, field, PROP) \
  DRAMA_MODEL_ACCESSORS (T, t, CHECK, GPtrArray *, GPtrArray *, _drama_model_set_ptr_array, \
                         field, PROP)

G_END_DECLS
