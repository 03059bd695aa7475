#define G_LOG_DOMAIN "drama-linker"

#include "config.h"

#include "drama-linker-private.h"

#include "drama-text.h"

/* What a change of dictionary makes the linker relink (drama-linker.h): the articles
 * drama_matcher_diff() names, found through the store's full-text search or, for names that
 * may sit inside a longer word, by reading every article; the reading runs in a thread of
 * its own beside the rest, which is CPU work.
 *
 * The index splits words as the matcher's normalisation does for everything but two rare
 * cases, where a targeted relink can miss an article a full relink would link: a Latin name
 * written straight after a Hangul or Han letter with no space ("배우Shin Hye-sun": the index
 * holds one word "배우shin"), and a Latin name written only in compatibility forms the
 * matcher folds (full-width letters, ligatures). */

static gboolean
append_ids (GArray  *all,
            GArray  *ids)   /* taken */
{
  if (ids == NULL)
    return FALSE;
  g_array_append_vals (all, ids->data, ids->len);
  g_array_unref (ids);
  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The search text the full-text index finds a name by (drama_store_list_article_ids: each
 * word of it matches the start of a word of the article). The name's runs of letters and
 * digits, joined by '-' into one word: the index reads a word with inner punctuation as
 * those words in a row, as a user typing "Min-ji" means, so "Kim Min-ji" finds the articles
 * with "Kim", "Min", "Ji…" in a row rather than every article with a Kim, a Min and a Ji
 * somewhere (Korean names share their syllables: ten times fewer articles to relink). A run
 * holding Hangul or Han before the last one may be the start of a longer word in the
 * article ("Kim 지원이 Park"): then the runs go as separate words. */
static char *
search_text (const char *norm)
{
  GString *words = g_string_new (NULL);
  gboolean in_word = FALSE, cjk_inside = FALSE, run_cjk = FALSE;

  for (const char *p = norm; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        {
          if (!in_word && words->len > 0)
            {
              g_string_append_c (words, '-');
              cjk_inside = cjk_inside || run_cjk;
              run_cjk = FALSE;
            }
          g_string_append_unichar (words, c);
          run_cjk = run_cjk || drama_text_is_cjk (c);
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }
  if (cjk_inside)
    g_strdelimit (words->str, "-", ' ');
  return g_string_free (words, FALSE);
}

/* Letters that normalisation leaves as they are (drama-text.c): the stored text holds
 * them byte for byte. */
static gboolean
is_plain_cjk (gunichar c)
{
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3041 && c <= 0x3096) ||
         (c >= 0x30A1 && c <= 0x30FA);
}

/* The runs of such letters in norm (NULL-terminated), or NULL when it has none: an article
 * that names norm holds each of them as it is. */
static char **
cjk_runs (const char *norm)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (const char *p = norm;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_plain_cjk (c))
        {
          if (start == NULL)
            start = p;
          continue;
        }
      if (start != NULL)
        g_ptr_array_add (runs, g_strndup (start, p - start));
      start = NULL;
      if (c == 0)
        break;
    }
  if (runs->len == 0)
    return NULL;
  g_ptr_array_add (runs, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&runs), FALSE);
}

/* Shows whose episode rows changed (or came or went): their links may point at rows that
 * went, or miss rows that came. */
static void
append_episode_changes (GArray *show_ids,
                        GArray *old_episodes,
                        GArray *new_episodes)
{
  guint i = 0, j = 0;

  while (i < old_episodes->len || j < new_episodes->len)
    {
      const DramaEpisodesDigest *a = i < old_episodes->len ?
                                     &g_array_index (old_episodes, DramaEpisodesDigest, i) : NULL;
      const DramaEpisodesDigest *b = j < new_episodes->len ?
                                     &g_array_index (new_episodes, DramaEpisodesDigest, j) : NULL;

      if (b == NULL || (a != NULL && a->show_id < b->show_id))
        {
          g_array_append_val (show_ids, a->show_id);
          i++;
        }
      else if (a == NULL || b->show_id < a->show_id)
        {
          g_array_append_val (show_ids, b->show_id);
          j++;
        }
      else
        {
          if (a->digest != b->digest)
            g_array_append_val (show_ids, a->show_id);
          i++;
          j++;
        }
    }
}

static void
sort_unique (GArray *ids)
{
  guint n = 0;

  g_array_sort (ids, compare_ids);
  for (guint k = 0; k < ids->len; k++)
    if (n == 0 || g_array_index (ids, gint64, k) != g_array_index (ids, gint64, n - 1))
      g_array_index (ids, gint64, n++) = g_array_index (ids, gint64, k);
  g_array_set_size (ids, n);
}

/* The ids of a (sorted) not in b (sorted). */
static GArray *
ids_minus (GArray *a,
           GArray *b)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint j = 0;

  for (guint i = 0; i < a->len; i++)
    {
      gint64 id = g_array_index (a, gint64, i);

      while (j < b->len && g_array_index (b, gint64, j) < id)
        j++;
      if (j >= b->len || g_array_index (b, gint64, j) != id)
        g_array_append_val (out, id);
    }
  return out;
}

typedef struct {
  DramaStore   *store;
  GPtrArray    *needles;      /* GStrv: the runs of one name */
  GCancellable *cancellable;
  GArray       *ids;          /* out */
  GError       *error;        /* out */
} Scan;

static void
cancel_scan (GCancellable *cancellable,
             GCancellable *scan_cancellable)
{
  g_cancellable_cancel (scan_cancellable);
}

static gpointer
scan_thread (gpointer data)
{
  Scan *scan = data;
  gint64 started = g_get_monotonic_time ();

  scan->ids = drama_store_list_articles_containing (scan->store, scan->needles,
                                                    scan->cancellable, &scan->error);
  g_debug ("%u names read for in every article in %.0f ms", scan->needles->len,
           (g_get_monotonic_time () - started) / 1e3);
  return NULL;
}

/* Everything but the reading: the full-text search and the linked articles. */
static GArray *
list_indexed (DramaStore        *store,
              DramaMatcherDiff  *diff,
              GArray            *old_episodes,
              GArray            *new_episodes,
              GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) show_ids = g_array_copy (diff->show_ids);

  for (guint k = 0; k < diff->names->len; k++)
    {
      const char *norm = g_ptr_array_index (diff->names, k);
      g_autofree char *words = NULL;

      if (drama_text_is_cjk (g_utf8_get_char (norm)))
        continue;
      words = search_text (norm);
      if (*words == '\0')
        continue;   /* nothing a word could frame: the matcher drops it too */
      if (!append_ids (ids, drama_store_list_article_ids (store, DRAMA_ARTICLE_FILTER_ALL, 0,
                                                          words, NULL, error)))
        return NULL;
    }

  append_episode_changes (show_ids, old_episodes, new_episodes);
  for (guint k = 0; k < show_ids->len; k++)
    if (!append_ids (ids, drama_store_list_show_linked_article_ids (store,
                                                                    g_array_index (show_ids, gint64, k),
                                                                    error)))
      return NULL;
  for (guint k = 0; k < diff->person_ids->len; k++)
    if (!append_ids (ids, drama_store_list_person_linked_article_ids (store,
                                                                      g_array_index (diff->person_ids, gint64, k),
                                                                      error)))
      return NULL;

  sort_unique (ids);
  return g_steal_pointer (&ids);
}

typedef struct {
  DramaMatcherDiff *diff;
  GArray           *old_episodes;
  GArray           *new_episodes;
} IndexLookup;

/* On the store's thread: reads only, quick (the index answers). */
static gpointer
list_indexed_job (DramaStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  IndexLookup *lookup = data;

  return list_indexed (store, lookup->diff, lookup->old_episodes, lookup->new_episodes, error);
}

gboolean
_drama_linker_relink_changes (DramaStore    *store,
                              DramaMatcher  *old_matcher,
                              GArray        *old_episodes,
                              DramaMatcher  *new_matcher,
                              GArray        *new_episodes,
                              GCancellable  *cancellable,
                              gboolean      *relinked,
                              GError       **error)
{
  gint64 started = g_get_monotonic_time ();
  g_autoptr(DramaMatcherDiff) diff = drama_matcher_diff (old_matcher, new_matcher);
  g_autoptr(GPtrArray) needles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GCancellable) scan_cancellable = g_cancellable_new ();
  g_autoptr(GArray) indexed = NULL;
  g_autoptr(GArray) rest = NULL;
  GError *local_error = NULL;
  GThread *thread = NULL;
  Scan scan = { 0 };
  IndexLookup lookup = { diff, old_episodes, new_episodes };
  gulong cancel_id = 0;
  gboolean ok;

  *relinked = FALSE;
  g_debug ("Dictionaries compared in %.0f ms: %u names, %u shows, %u people",
           (g_get_monotonic_time () - started) / 1e3, diff->names->len, diff->show_ids->len,
           diff->person_ids->len);

  /* Such names match inside a longer word ("신혜선이", "배우신혜선"), which a word index
   * cannot find: every article is read for them. */
  for (guint k = 0; k < diff->names->len; k++)
    {
      const char *norm = g_ptr_array_index (diff->names, k);
      char **runs;

      if (!drama_text_is_cjk (g_utf8_get_char (norm)))
        continue;
      runs = cjk_runs (norm);
      if (runs == NULL)
        {
          g_debug ("No way to look for “%s”: relinking everything", norm);
          return TRUE;
        }
      g_ptr_array_add (needles, runs);
    }

  *relinked = TRUE;
  if (needles->len > 0)
    {
      if (cancellable != NULL)
        cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_scan),
                                           g_object_ref (scan_cancellable), g_object_unref);
      scan.store = store;
      scan.needles = needles;
      scan.cancellable = scan_cancellable;
      thread = g_thread_new ("drama-linker-scan", scan_thread, &scan);
    }

  /* Meanwhile: the articles the index and the links name. */
  started = g_get_monotonic_time ();
  indexed = drama_store_call_sync (store, list_indexed_job, &lookup, NULL, &local_error);
  g_debug ("%u articles found through the index and the links in %.0f ms",
           indexed != NULL ? indexed->len : 0, (g_get_monotonic_time () - started) / 1e3);
  ok = indexed != NULL &&
       drama_store_relink_articles (store, new_matcher, (const gint64 *) (gpointer) indexed->data,
                                    indexed->len, cancellable, &local_error);

  if (thread != NULL)
    {
      if (!ok)
        g_cancellable_cancel (scan_cancellable);
      g_thread_join (thread);
      g_cancellable_disconnect (cancellable, cancel_id);
      if (ok && scan.error != NULL)
        {
          ok = FALSE;
          local_error = g_steal_pointer (&scan.error);
        }
      g_clear_error (&scan.error);
      if (ok)
        {
          rest = ids_minus (scan.ids, indexed);
          g_debug ("%u more articles found by reading", rest->len);
          ok = drama_store_relink_articles (store, new_matcher,
                                            (const gint64 *) (gpointer) rest->data, rest->len,
                                            cancellable, &local_error);
        }
      g_clear_pointer (&scan.ids, g_array_unref);
    }

  if (!ok)
    g_propagate_error (error, local_error);
  return ok;
}
