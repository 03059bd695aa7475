#define G_LOG_DOMAIN "drama-show-list"

/* DramaShowList's updating of objects in place: a show read again gives the listed object
 * only the values that differ, so rows bound to it see one notify per real change. */

#include "config.h"

#include "drama-show-list-private.h"

static gboolean objects_equal (GObject *a,
                               GObject *b);

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRV)
    {
      const char * const *sa = g_value_get_boxed (a);
      const char * const *sb = g_value_get_boxed (b);
      gboolean empty_a = sa == NULL || sa[0] == NULL;
      gboolean empty_b = sb == NULL || sb[0] == NULL;

      if (empty_a || empty_b)
        return empty_a == empty_b;
      return g_strv_equal (sa, sb);
    }
  if (g_type_is_a (type, G_TYPE_OBJECT))
    return objects_equal (g_value_get_object (a), g_value_get_object (b));
  /* Numbers, strings, enums; other boxed values compare by pointer (never equal when
   * read twice), which at worst reports a change that was not one. */
  return g_param_values_cmp (pspec, a, b) == 0;
}

static gboolean
objects_equal (GObject *a,
               GObject *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&va, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_value_init (&vb, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);
      if (!values_equal (pspecs[i], &va, &vb))
        return FALSE;
    }
  return TRUE;
}

/* Gives `to` the values of `from` that differ (their notify signals fire, once each, after
 * all are set). An unchanged next episode keeps its object. TRUE when anything changed. */
gboolean
_drama_show_list_update_show (DramaShow *to,
                              DramaShow *from)
{
  g_autofree GParamSpec **pspecs = NULL;
  gboolean changed = FALSE;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (to), &n_pspecs);
  g_object_freeze_notify (G_OBJECT (to));
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) old_value = G_VALUE_INIT;
      g_auto(GValue) new_value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_value_init (&old_value, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_value_init (&new_value, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_object_get_property (G_OBJECT (to), pspecs[i]->name, &old_value);
      g_object_get_property (G_OBJECT (from), pspecs[i]->name, &new_value);
      if (values_equal (pspecs[i], &old_value, &new_value))
        continue;
      g_object_set_property (G_OBJECT (to), pspecs[i]->name, &new_value);
      changed = TRUE;
    }
  g_object_thaw_notify (G_OBJECT (to));
  return changed;
}
