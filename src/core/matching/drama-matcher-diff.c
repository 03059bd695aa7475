#define G_LOG_DOMAIN "drama-matcher"

#include "config.h"

#include "drama-matcher.h"

#include <string.h>

#include "drama-matcher-private.h"

/* Which articles a change of dictionary can touch, rule by rule (drama-matcher.h):
 *
 *  - A name takes part in an article only where it occurs. A strong name (or a one-word
 *    title, which quotes in a drama article make count on its own) that came or went is
 *    looked for in the text.
 *  - A weak person name (L, IU, a one-word stage name) counts only beside the person's
 *    full name or one of their shows named in full: those articles are linked to that
 *    person or show already, so the new name is looked for there, not in every article
 *    with an "L" in it.
 *  - A name that went took its links with it: the articles linked to its show or person.
 *    So did a show's last episode ("the finale") and, for weak names, who corroborates
 *    them: a person's shows, a show's cast.
 *  - A hit inside a longer one is dropped, whatever the longer one's fate: a new or removed
 *    weak name that contains another term changes that term's hits wherever it occurs, so
 *    it is looked for in the text. (A strong one is looked for anyway when new, and where
 *    a removed one occurred its target was linked.) */

static void
add_id (GArray *ids,
        gint64  id)
{
  g_array_append_val (ids, id);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
sort_unique (GArray *ids)
{
  guint n = 0;

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (n == 0 || g_array_index (ids, gint64, i) != g_array_index (ids, gint64, n - 1))
      g_array_index (ids, gint64, n++) = g_array_index (ids, gint64, i);
  g_array_set_size (ids, n);
}

/* "W\x1fNORM\x1fEXACT" → its parts (NORM is copied). */
static char *
name_norm (const char *name,
           gboolean   *weak)
{
  const char *norm = name + 2;
  const char *end = strchr (norm, '\x1f');

  *weak = name[0] == 'w';
  return g_strndup (norm, end != NULL ? (gsize) (end - norm) : strlen (norm));
}

/* Names in a but not in b (both sorted). */
static GPtrArray *
names_minus (GPtrArray *a,
             GPtrArray *b)
{
  GPtrArray *out = g_ptr_array_new ();
  guint j = 0;

  for (guint i = 0; a != NULL && i < a->len; i++)
    {
      const char *name = g_ptr_array_index (a, i);
      int cmp = 1;

      while (b != NULL && j < b->len && (cmp = strcmp (g_ptr_array_index (b, j), name)) < 0)
        j++;
      if (b == NULL || j >= b->len || cmp != 0)
        g_ptr_array_add (out, (gpointer) name);
    }
  return out;
}

/* Ids in a but not in b (both sorted). */
static GArray *
ids_minus (GArray *a,
           GArray *b)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint j = 0;

  for (guint i = 0; a != NULL && i < a->len; i++)
    {
      gint64 id = g_array_index (a, gint64, i);

      while (b != NULL && j < b->len && g_array_index (b, gint64, j) < id)
        j++;
      if (b == NULL || j >= b->len || g_array_index (b, gint64, j) != id)
        g_array_append_val (out, id);
    }
  return out;
}

typedef struct {
  DramaMatcherDiff *diff;
  GPtrArray        *all_terms;   /* of both dictionaries */
  GHashTable       *names;       /* set of the norms already in diff->names */
} DiffState;

static void
look_for (DiffState  *st,
          char       *norm)   /* taken */
{
  if (g_hash_table_add (st->names, norm))
    g_ptr_array_add (st->diff->names, g_strdup (norm));
}

/* Whether another term occurs inside norm: then norm's hits hide that term's. */
static gboolean
contains_other_term (DiffState  *st,
                     const char *norm)
{
  for (guint i = 0; i < st->all_terms->len; i++)
    {
      const char *term = g_ptr_array_index (st->all_terms, i);

      if (strcmp (term, norm) != 0 && strstr (norm, term) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
linked_to (DiffState      *st,
           DramaMatchKind  kind,
           gint64          id)
{
  add_id (kind == DRAMA_MATCH_KIND_SHOW ? st->diff->show_ids : st->diff->person_ids, id);
}

static void
diff_target (DiffState                *st,
             const DramaMatcherTarget *old_target,   /* NULL = new */
             const DramaMatcherTarget *new_target)   /* NULL = gone */
{
  const DramaMatcherTarget *any = old_target != NULL ? old_target : new_target;
  g_autoptr(GPtrArray) added = names_minus (new_target != NULL ? new_target->names : NULL,
                                            old_target != NULL ? old_target->names : NULL);
  g_autoptr(GPtrArray) removed = names_minus (old_target != NULL ? old_target->names : NULL,
                                              new_target != NULL ? new_target->names : NULL);
  g_autoptr(GArray) related_added = NULL;
  g_autoptr(GArray) related_removed = NULL;
  gboolean weak = (old_target != NULL && old_target->has_weak) ||
                  (new_target != NULL && new_target->has_weak);
  gboolean lose_links = removed->len > 0 || new_target == NULL;

  if (old_target != NULL && new_target != NULL && any->kind == DRAMA_MATCH_KIND_SHOW &&
      (old_target->final_season != new_target->final_season ||
       old_target->final_episode != new_target->final_episode))
    lose_links = TRUE;

  /* Who corroborates a weak name matters only to a target that has one. */
  if (weak)
    {
      related_added = ids_minus (new_target != NULL ? new_target->related : NULL,
                                 old_target != NULL ? old_target->related : NULL);
      related_removed = ids_minus (old_target != NULL ? old_target->related : NULL,
                                   new_target != NULL ? new_target->related : NULL);
      if (related_removed->len > 0)
        lose_links = TRUE;
      /* A new corroborator: the articles that name it in full are linked to it. */
      for (guint i = 0; i < related_added->len; i++)
        linked_to (st, any->kind == DRAMA_MATCH_KIND_SHOW ? DRAMA_MATCH_KIND_PERSON
                                                          : DRAMA_MATCH_KIND_SHOW,
                   g_array_index (related_added, gint64, i));
    }

  if (lose_links && old_target != NULL)
    linked_to (st, any->kind, any->id);

  for (guint i = 0; i < added->len; i++)
    {
      gboolean is_weak;
      char *norm = name_norm (g_ptr_array_index (added, i), &is_weak);

      if (!is_weak || any->kind == DRAMA_MATCH_KIND_SHOW || contains_other_term (st, norm))
        {
          look_for (st, norm);
          continue;
        }
      g_free (norm);

      /* A weak person name: beside the person's full name (linked to them) or one of
       * their shows (linked to it). */
      linked_to (st, DRAMA_MATCH_KIND_PERSON, any->id);
      for (guint k = 0; new_target->related != NULL && k < new_target->related->len; k++)
        linked_to (st, DRAMA_MATCH_KIND_SHOW, g_array_index (new_target->related, gint64, k));
    }

  /* The links a removed name made are covered above. Where a strong one occurred its
   * target was linked; a weak one may have hidden a shorter term where its own target was
   * not linked (no corroboration), so that one is looked for wherever it occurred. */
  for (guint i = 0; i < removed->len; i++)
    {
      gboolean is_weak;
      char *norm = name_norm (g_ptr_array_index (removed, i), &is_weak);

      if (is_weak && contains_other_term (st, norm))
        look_for (st, norm);
      else
        g_free (norm);
    }
}

DramaMatcherDiff *
drama_matcher_diff (DramaMatcher *old_matcher,
                    DramaMatcher *new_matcher)
{
  g_autoptr(GHashTable) old_targets = NULL;
  g_autoptr(GHashTable) new_targets = NULL;
  g_autoptr(GPtrArray) new_terms = NULL;
  DiffState st = { 0 };
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (DRAMA_IS_MATCHER (old_matcher), NULL);
  g_return_val_if_fail (DRAMA_IS_MATCHER (new_matcher), NULL);

  st.diff = g_new0 (DramaMatcherDiff, 1);
  st.diff->names = g_ptr_array_new_with_free_func (g_free);
  st.diff->show_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  st.diff->person_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  st.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (drama_matcher_get_fingerprint (old_matcher) == drama_matcher_get_fingerprint (new_matcher))
    {
      g_hash_table_unref (st.names);
      return st.diff;
    }

  old_targets = _drama_matcher_collect_targets (old_matcher);
  new_targets = _drama_matcher_collect_targets (new_matcher);
  st.all_terms = _drama_matcher_list_terms (old_matcher);
  new_terms = _drama_matcher_list_terms (new_matcher);
  g_ptr_array_extend (st.all_terms, new_terms, NULL, NULL);

  g_hash_table_iter_init (&iter, old_targets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    diff_target (&st, value, g_hash_table_lookup (new_targets, key));
  g_hash_table_iter_init (&iter, new_targets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (old_targets, key))
      diff_target (&st, NULL, value);

  sort_unique (st.diff->show_ids);
  sort_unique (st.diff->person_ids);
  g_ptr_array_unref (st.all_terms);
  g_hash_table_unref (st.names);
  return st.diff;
}

gboolean
drama_matcher_diff_is_empty (const DramaMatcherDiff *diff)
{
  g_return_val_if_fail (diff != NULL, TRUE);

  return diff->names->len == 0 && diff->show_ids->len == 0 && diff->person_ids->len == 0;
}

void
drama_matcher_diff_free (DramaMatcherDiff *diff)
{
  if (diff == NULL)
    return;
  g_ptr_array_unref (diff->names);
  g_array_unref (diff->show_ids);
  g_array_unref (diff->person_ids);
  g_free (diff);
}
