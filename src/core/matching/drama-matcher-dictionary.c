/* drama-matcher-dictionary.c: what the matcher knows: shows and people, each spelling of
 * their names as a term, the fingerprint of it all, and who plays in what.
 *
 * A term is a name normalised (drama_text_normalize ()); one term may stand for several
 * shows and people. Which names are weak (need their exact spelling and a second signal) is
 * decided here, when the name is added; what a hit on one means is drama-matcher.c's. */
#define G_LOG_DOMAIN "drama-matcher"

#include "config.h"

#include "drama-matcher.h"

#include <string.h>

#include "drama-matcher-private.h"
#include "drama-text.h"

/* A quoted one-word title counts only in an article with one of these: in K-entertainment
 * news, song titles, nicknames and catchphrases are quoted the same way. */
static const char * const context_words[] = {
  "drama", "dramas", "k drama", "kdrama", "series", "miniseries", "sitcom", "episode",
  "episodes", "finale", "premiere", "premieres", "premiered", "ratings", "viewership",
  "드라마", "시청률", "종영",
};

static void
show_info_clear (gpointer data)
{
  ShowInfo *info = data;

  g_clear_pointer (&info->cast, g_array_unref);
}

static void
person_info_clear (gpointer data)
{
  PersonInfo *info = data;

  g_clear_pointer (&info->show_ids, g_array_unref);
  g_clear_pointer (&info->shows, g_array_unref);
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->exact, g_free);
}

static void
term_clear (gpointer data)
{
  Term *term = data;

  g_clear_pointer (&term->norm, g_free);
  g_clear_pointer (&term->entries, g_array_unref);
}

/* FNV-1a over everything added. */
static void
fingerprint_bytes (DramaMatcher *self,
                   const void   *data,
                   gsize         n)
{
  const guchar *p = data;

  for (gsize i = 0; i < n; i++)
    {
      self->fingerprint ^= p[i];
      self->fingerprint *= G_GUINT64_CONSTANT (1099511628211);
    }
}

static void
fingerprint_str (DramaMatcher *self,
                 const char   *s)
{
  if (s != NULL)
    fingerprint_bytes (self, s, strlen (s) + 1);
  else
    fingerprint_bytes (self, "\xff", 1);
}

static guint
lookup_index (GHashTable *table,
              gint64      id,
              GArray     *array)
{
  guint idx = GPOINTER_TO_UINT (g_hash_table_lookup (table, &id));
  gint64 *key;

  if (idx != 0)
    return idx - 1;

  g_array_set_size (array, array->len + 1);
  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_insert (table, key, GUINT_TO_POINTER (array->len));
  return array->len - 1;
}

/* Adds one spelling of a show title or person name. */
static void
add_term (DramaMatcher   *self,
          DramaMatchKind  kind,
          guint           idx,
          const char     *raw)
{
  g_autofree char *norm = NULL;
  guint n_letters = 0, n_words = 1;
  gboolean all_cjk = TRUE;
  gboolean weak;
  g_autofree char *exact = NULL;
  Term *term;
  guint term_idx;
  Entry entry = { 0 };

  if (raw == NULL || *raw == '\0')
    return;

  /* Weak names are compared byte for byte with the article: no stray spaces. */
  exact = g_strstrip (g_strdup (raw));

  norm = drama_text_normalize (raw, -1);
  for (const char *p = norm; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        n_words++;
      if (drama_text_is_word_char (c))
        {
          n_letters++;
          if (!drama_text_is_cjk (c) && !g_unichar_ismark (c))
            all_cjk = FALSE;
        }
    }
  if (n_letters == 0)
    return;   /* nothing a word boundary could frame */

  if ((guint) kind == KIND_CONTEXT)
    weak = FALSE;
  else if (all_cjk)
    weak = n_letters <= 2;
  else if (kind == DRAMA_MATCH_KIND_PERSON)
    weak = n_letters <= 3 || n_words == 1;
  else
    weak = n_words == 1;

  term_idx = GPOINTER_TO_UINT (g_hash_table_lookup (self->term_index, norm));
  if (term_idx == 0)
    {
      Term new_term = { 0 };

      new_term.norm = g_steal_pointer (&norm);
      new_term.len = strlen (new_term.norm);
      new_term.entries = g_array_new (FALSE, TRUE, sizeof (Entry));
      g_array_set_clear_func (new_term.entries, entry_clear);
      g_array_append_val (self->terms, new_term);
      term_idx = self->terms->len;
      g_hash_table_insert (self->term_index,
                           g_array_index (self->terms, Term, term_idx - 1).norm,
                           GUINT_TO_POINTER (term_idx));
    }
  term = &g_array_index (self->terms, Term, term_idx - 1);

  for (guint i = 0; i < term->entries->len; i++)
    {
      Entry *e = &g_array_index (term->entries, Entry, i);

      if (e->kind == kind && e->idx == idx && g_strcmp0 (e->exact, exact) == 0)
        return;
    }

  entry.kind = kind;
  entry.weak = weak;
  entry.idx = idx;
  entry.exact = g_steal_pointer (&exact);
  g_array_append_val (term->entries, entry);
}

void
_drama_matcher_init_dictionary (DramaMatcher *self)
{
  self->shows = g_array_new (FALSE, TRUE, sizeof (ShowInfo));
  g_array_set_clear_func (self->shows, show_info_clear);
  self->people = g_array_new (FALSE, TRUE, sizeof (PersonInfo));
  g_array_set_clear_func (self->people, person_info_clear);
  self->show_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->person_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (self->terms, term_clear);
  self->term_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->fingerprint = G_GUINT64_CONSTANT (14695981039346656037);
  fingerprint_bytes (self, RULES_VERSION, sizeof RULES_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (context_words); i++)
    add_term (self, (DramaMatchKind) KIND_CONTEXT, 0, context_words[i]);
  self->n_context_terms = self->terms->len;
}

void
_drama_matcher_clear_dictionary (DramaMatcher *self)
{
  g_array_unref (self->shows);
  g_array_unref (self->people);
  g_hash_table_unref (self->show_index);
  g_hash_table_unref (self->person_index);
  g_array_unref (self->terms);
  g_hash_table_unref (self->term_index);
}

void
drama_matcher_add_show (DramaMatcher       *self,
                        gint64              show_id,
                        const char         *title,
                        const char * const *other_titles,
                        int                 final_season,
                        int                 final_episode)
{
  ShowInfo *info;
  guint idx;

  g_return_if_fail (DRAMA_IS_MATCHER (self));
  g_return_if_fail (!self->built);

  idx = lookup_index (self->show_index, show_id, self->shows);
  info = &g_array_index (self->shows, ShowInfo, idx);
  info->id = show_id;
  if (final_episode > 0)
    {
      info->final_season = MAX (final_season, 1);
      info->final_episode = final_episode;
    }

  fingerprint_bytes (self, "S", 1);
  fingerprint_bytes (self, &show_id, sizeof show_id);
  fingerprint_bytes (self, &final_season, sizeof final_season);
  fingerprint_bytes (self, &final_episode, sizeof final_episode);
  fingerprint_str (self, title);
  add_term (self, DRAMA_MATCH_KIND_SHOW, idx, title);
  for (guint i = 0; other_titles != NULL && other_titles[i] != NULL; i++)
    {
      fingerprint_str (self, other_titles[i]);
      add_term (self, DRAMA_MATCH_KIND_SHOW, idx, other_titles[i]);
    }
}

void
drama_matcher_add_person (DramaMatcher       *self,
                          gint64              person_id,
                          const char         *name,
                          const char * const *aliases,
                          const gint64       *show_ids,
                          guint               n_show_ids)
{
  PersonInfo *info;
  guint idx;

  g_return_if_fail (DRAMA_IS_MATCHER (self));
  g_return_if_fail (!self->built);
  g_return_if_fail (show_ids != NULL || n_show_ids == 0);

  idx = lookup_index (self->person_index, person_id, self->people);
  info = &g_array_index (self->people, PersonInfo, idx);
  info->id = person_id;
  if (info->show_ids == NULL)
    info->show_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (n_show_ids > 0)
    g_array_append_vals (info->show_ids, show_ids, n_show_ids);

  fingerprint_bytes (self, "P", 1);
  fingerprint_bytes (self, &person_id, sizeof person_id);
  if (n_show_ids > 0)
    fingerprint_bytes (self, show_ids, n_show_ids * sizeof (gint64));
  fingerprint_str (self, name);
  add_term (self, DRAMA_MATCH_KIND_PERSON, idx, name);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    {
      fingerprint_str (self, aliases[i]);
      add_term (self, DRAMA_MATCH_KIND_PERSON, idx, aliases[i]);
    }
}

guint
drama_matcher_get_n_terms (DramaMatcher *self)
{
  g_return_val_if_fail (DRAMA_IS_MATCHER (self), 0);

  return self->terms->len - self->n_context_terms;
}

guint64
drama_matcher_get_fingerprint (DramaMatcher *self)
{
  g_return_val_if_fail (DRAMA_IS_MATCHER (self), 0);

  return self->fingerprint;
}

/* Who plays in what, both ways, for the corroboration rules. */
void
_drama_matcher_link_cast (DramaMatcher *self)
{
  for (guint p = 0; p < self->people->len; p++)
    {
      PersonInfo *person = &g_array_index (self->people, PersonInfo, p);

      person->shows = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint k = 0; person->show_ids != NULL && k < person->show_ids->len; k++)
        {
          gint64 show_id = g_array_index (person->show_ids, gint64, k);
          guint s = GPOINTER_TO_UINT (g_hash_table_lookup (self->show_index, &show_id));
          ShowInfo *show;

          if (s == 0)
            continue;
          show = &g_array_index (self->shows, ShowInfo, s - 1);
          s--;
          g_array_append_val (person->shows, s);
          if (show->cast == NULL)
            show->cast = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (show->cast, p);
        }
    }
}

/* ---- what the dictionary holds, for drama-matcher-diff.c ---- */

static void
target_free (gpointer data)
{
  DramaMatcherTarget *target = data;

  g_ptr_array_unref (target->names);
  g_array_unref (target->related);
  g_free (target);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static DramaMatcherTarget *
ensure_target (GHashTable     *targets,
               DramaMatchKind  kind,
               gint64          id)
{
  gint64 key = _drama_matcher_target_key (kind, id);
  DramaMatcherTarget *target = g_hash_table_lookup (targets, &key);

  if (target == NULL)
    {
      target = g_new0 (DramaMatcherTarget, 1);
      target->kind = kind;
      target->id = id;
      target->names = g_ptr_array_new_with_free_func (g_free);
      target->related = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (targets, g_memdup2 (&key, sizeof key), target);
    }
  return target;
}

GHashTable *
_drama_matcher_collect_targets (DramaMatcher *self)
{
  GHashTable *targets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, target_free);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (DRAMA_IS_MATCHER (self), targets);
  g_return_val_if_fail (self->built, targets);

  /* Every show and person, even one without a usable name: its links must go too. */
  for (guint s = 0; s < self->shows->len; s++)
    {
      const ShowInfo *show = &g_array_index (self->shows, ShowInfo, s);
      DramaMatcherTarget *target = ensure_target (targets, DRAMA_MATCH_KIND_SHOW, show->id);

      target->final_season = show->final_season;
      target->final_episode = show->final_episode;
      for (guint k = 0; show->cast != NULL && k < show->cast->len; k++)
        g_array_append_val (target->related,
                            g_array_index (self->people, PersonInfo,
                                           g_array_index (show->cast, guint, k)).id);
    }
  for (guint p = 0; p < self->people->len; p++)
    {
      const PersonInfo *person = &g_array_index (self->people, PersonInfo, p);
      DramaMatcherTarget *target = ensure_target (targets, DRAMA_MATCH_KIND_PERSON, person->id);

      for (guint k = 0; person->shows != NULL && k < person->shows->len; k++)
        g_array_append_val (target->related,
                            g_array_index (self->shows, ShowInfo,
                                           g_array_index (person->shows, guint, k)).id);
    }

  for (guint t = self->n_context_terms; t < self->terms->len; t++)
    {
      const Term *term = &g_array_index (self->terms, Term, t);

      for (guint e = 0; e < term->entries->len; e++)
        {
          const Entry *entry = &g_array_index (term->entries, Entry, e);
          DramaMatchKind kind = entry->kind;
          gint64 id = kind == DRAMA_MATCH_KIND_SHOW ?
                      g_array_index (self->shows, ShowInfo, entry->idx).id :
                      g_array_index (self->people, PersonInfo, entry->idx).id;
          DramaMatcherTarget *target = ensure_target (targets, kind, id);

          g_ptr_array_add (target->names, g_strdup_printf ("%c\x1f%s\x1f%s",
                                                           entry->weak ? 'w' : 's',
                                                           term->norm, entry->exact));
          if (entry->weak)
            target->has_weak = TRUE;
        }
    }

  g_hash_table_iter_init (&iter, targets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DramaMatcherTarget *target = value;

      g_ptr_array_sort (target->names, compare_names);
      g_array_sort (target->related, compare_ids);
    }
  return targets;
}

GPtrArray *
_drama_matcher_list_terms (DramaMatcher *self)
{
  GPtrArray *terms = g_ptr_array_new ();

  g_return_val_if_fail (DRAMA_IS_MATCHER (self), terms);

  for (guint t = 0; t < self->terms->len; t++)
    g_ptr_array_add (terms, g_array_index (self->terms, Term, t).norm);
  return terms;
}
