/* The matcher against a deliberately simple reference (reference-matcher.h) on random
 * dictionaries and random articles: Latin, Hangul and mixed names, accents composed and not,
 * any case, hyphens, curly quotes, odd white space, names glued to other letters. Every seed
 * must give the same links, at the same places, as the reference. */

#include "config.h"

#include <string.h>

#include "drama-matcher.h"
#include "drama-text.h"
#include "reference-matcher.h"

#define N_SEEDS    200
#define N_ARTICLES 20

/* Words of names and filler. None is a word that tells an article is about drama, and there
 * are no digits, so no episode is named (the reference knows none). */
static const char * const latin_words[] = {
  "kim", "min", "jun", "park", "seo", "yeon", "lee", "ji", "eun", "hotel", "del", "luna",
  "angel's", "last", "mission:", "love", "sky", "castle", "queen", "tears", "moon", "sun",
  "josé", "jose\xcc\x81", "zoë", "straße", "strasse", "ae", "o'neil", "mc", "de",
};
static const char * const filler_words[] = {
  "the", "of", "and", "a", "an", "with", "said", "star", "x", "o", "b", "to", "in", "kimchi",
  "minjun", "lovely", "skyline", "at", "by",
};
static const char * const hangul_syllables[] = {
  "김", "민", "준", "서", "연", "지", "은", "박", "하", "늘", "이",
};
static const char * const punctuation[] = {
  ",", ".", ":", ";", "(", ")", "\"", "'", "!", "?", "/", "&", "…", "–", "—", "‘", "’", "“",
  "”", "«", "»", "-", "`",
};
static const char * const spaces[] = {
  " ", " ", " ", " ", "  ", "\n", "\t", "\xc2\xa0", " \n ",
};
static const char * const oddities[] = {
  "é", "É", "ß", "\xef\xbc\xab" /* Ｋ */, "金", "😀", "\xc2\xad" /* soft hyphen */, "Ö",
};

typedef struct {
  DramaMatchKind kind;
  gint64         id;
  char          *name;
} Name;

static const char *
pick (GRand              *rng,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rng, 0, (gint32) n)];
}
#define PICK(rng, list) pick ((rng), (list), G_N_ELEMENTS (list))

static char *
hangul_word (GRand *rng,
             guint  n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, PICK (rng, hangul_syllables));
  return g_string_free (s, FALSE);
}

/* A strong name: two or three Latin words (four letters or more), three or four Hangul
 * syllables, or both scripts. */
static char *
make_name (GRand *rng)
{
  GString *s = g_string_new (NULL);
  guint shape = g_rand_int_range (rng, 0, 4);

  if (shape == 0)
    {
      g_autofree char *word = hangul_word (rng, g_rand_int_range (rng, 3, 5));

      g_string_append (s, word);
    }
  else if (shape == 1)
    {
      g_autofree char *word = hangul_word (rng, 2);

      g_string_append_printf (s, "%s %s", PICK (rng, latin_words), word);
    }
  else
    {
      guint n = g_rand_int_range (rng, 2, 4);

      for (guint i = 0; i < n; i++)
        {
          const char *word = PICK (rng, latin_words);

          if (i > 0)
            g_string_append_c (s, g_rand_boolean (rng) ? ' ' : '-');
          if (g_rand_int_range (rng, 0, 3) == 0)
            {
              g_autofree char *up = g_utf8_strup (word, -1);

              g_string_append (s, up);
            }
          else
            g_string_append (s, word);
        }
    }
  if (g_utf8_strlen (s->str, -1) < 4)
    g_string_append (s, " sky");
  return g_string_free (s, FALSE);
}

/* A name as an article may write it: another case, dashes for spaces or the reverse, odd
 * spaces, an accent taken apart, a soft hyphen, quotes, glued to letters before or after. */
static void
append_variant (GString    *out,
                GRand      *rng,
                const char *name)
{
  g_autofree char *text = NULL;
  GString *s;

  switch (g_rand_int_range (rng, 0, 4))
    {
    case 0:
      text = g_utf8_strdown (name, -1);
      break;
    case 1:
      text = g_utf8_strup (name, -1);
      break;
    default:
      text = g_strdup (name);
      break;
    }

  s = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint dice = g_rand_int_range (rng, 0, 40);

      if ((c == ' ' || c == '-') && dice < 8)
        g_string_append (s, PICK (rng, spaces));
      else if ((c == ' ' || c == '-') && dice < 12)
        g_string_append (s, g_rand_boolean (rng) ? "-" : "‐");
      else if (c == 0xE9 && dice < 20)
        g_string_append (s, "e\xcc\x81");
      else if (g_unichar_isalpha (c) && dice == 0)
        {
          g_string_append_unichar (s, c);
          g_string_append (s, "\xc2\xad");
        }
      else
        g_string_append_unichar (s, c);
    }

  switch (g_rand_int_range (rng, 0, 12))
    {
    case 0:
      g_string_append_printf (out, "“%s”", s->str);
      break;
    case 1:
      g_string_append_printf (out, "%s’s", s->str);
      break;
    case 2:
      g_string_append_printf (out, "%s%s", PICK (rng, filler_words), s->str);
      break;
    case 3:
      g_string_append_printf (out, "%s%s", s->str, PICK (rng, filler_words));
      break;
    case 4:
      g_string_append_printf (out, "%s%s", s->str, PICK (rng, hangul_syllables));
      break;
    case 5:
      g_string_append_printf (out, "%s%s", PICK (rng, hangul_syllables), s->str);
      break;
    default:
      g_string_append (out, s->str);
      break;
    }
  g_string_free (s, TRUE);
}

static char *
make_text (GRand *rng,
           GArray *names,
           guint   n_tokens)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_tokens; i++)
    {
      guint dice = g_rand_int_range (rng, 0, 100);

      if (dice < 15)
        append_variant (out, rng, g_array_index (names, Name, g_rand_int_range (rng, 0, (gint32) names->len)).name);
      else if (dice < 25)
        g_string_append (out, PICK (rng, punctuation));
      else if (dice < 32)
        {
          g_autofree char *word = hangul_word (rng, g_rand_int_range (rng, 1, 6));

          g_string_append (out, word);
        }
      else if (dice < 35)
        g_string_append (out, PICK (rng, oddities));
      else if (dice < 45)
        g_string_append (out, PICK (rng, latin_words));
      else
        {
          const char *word = PICK (rng, filler_words);

          if (g_rand_int_range (rng, 0, 5) == 0)
            {
              g_autofree char *up = g_ascii_strup (word, -1);

              g_string_append (out, up);
            }
          else
            g_string_append (out, word);
        }
      if (g_rand_int_range (rng, 0, 4) != 0)
        g_string_append (out, PICK (rng, spaces));
    }
  return g_string_free (out, FALSE);
}

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const DramaMatch *x = *(DramaMatch * const *) a, *y = *(DramaMatch * const *) b;

  if (x->place != y->place)
    return x->place < y->place ? -1 : 1;
  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->target_id < y->target_id ? -1 : x->target_id > y->target_id;
}

static gboolean
same_links (GPtrArray *fast,
            GPtrArray *ref)
{
  if (fast->len != ref->len)
    return FALSE;
  g_ptr_array_sort (fast, compare_links);
  g_ptr_array_sort (ref, compare_links);
  for (guint i = 0; i < fast->len; i++)
    {
      const DramaMatch *f = g_ptr_array_index (fast, i), *r = g_ptr_array_index (ref, i);

      if (f->kind != r->kind || f->target_id != r->target_id || f->place != r->place ||
          f->offset != r->offset || f->length != r->length ||
          g_strcmp0 (f->matched, r->matched) != 0 || f->season != 0 || f->episode != 0)
        return FALSE;
    }
  return TRUE;
}

static void
print_links (const char *who,
             GPtrArray  *links)
{
  for (guint i = 0; i < links->len; i++)
    {
      const DramaMatch *m = g_ptr_array_index (links, i);

      g_test_message ("%s: kind %d id %" G_GINT64_FORMAT " place %d at %zu+%zu \"%s\" episode %d×%d",
                      who, m->kind, m->target_id, m->place, m->offset, m->length, m->matched,
                      m->season, m->episode);
    }
}

/* The normaliser the matcher reads through, against the reference's: same text, same map
 * back to the original. */
static gboolean
same_normalisation (const char *text)
{
  g_autoptr(DramaNormText) norm = drama_norm_text_new (text, -1);
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GArray) ends = NULL;
  g_autofree char *ref = ref_normalize (text, &starts, &ends);

  if (g_strcmp0 (norm->text, ref) != 0 || norm->len != starts->len)
    {
      g_test_message ("normalised: \"%s\"\nreference:  \"%s\"", norm->text, ref);
      return FALSE;
    }
  for (gsize i = 0; i < norm->len; i++)
    if (norm->starts[i] != g_array_index (starts, guint32, i) ||
        norm->ends[i] != g_array_index (ends, guint32, i))
      {
        g_test_message ("byte %zu of \"%s\" maps to %u..%u, the reference says %u..%u", i,
                        ref, norm->starts[i], norm->ends[i], g_array_index (starts, guint32, i),
                        g_array_index (ends, guint32, i));
        return FALSE;
      }
  return TRUE;
}

static void
name_clear (gpointer data)
{
  g_free (((Name *) data)->name);
}

static void
test_random (void)
{
  guint64 n_links = 0, n_articles_linked = 0;

  for (guint seed = 1; seed <= N_SEEDS; seed++)
    {
      g_autoptr(GRand) rng = g_rand_new_with_seed (seed);
      g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (Name));
      g_autoptr(DramaMatcher) matcher = drama_matcher_new ();
      g_autoptr(RefMatcher) ref = ref_matcher_new ();
      guint n_names = g_rand_int_range (rng, 1, 40);

      g_array_set_clear_func (names, name_clear);
      for (guint i = 0; i < n_names; i++)
        {
          /* Few ids, so that a show or person often has several names. */
          Name name = { g_rand_boolean (rng) ? DRAMA_MATCH_KIND_SHOW : DRAMA_MATCH_KIND_PERSON,
                        g_rand_int_range (rng, 1, 12), make_name (rng) };

          g_array_append_val (names, name);
          if (name.kind == DRAMA_MATCH_KIND_SHOW)
            drama_matcher_add_show (matcher, name.id, name.name, NULL, 0, 0);
          else
            drama_matcher_add_person (matcher, name.id, name.name, NULL, NULL, 0);
          ref_matcher_add (ref, name.kind, name.id, name.name);
        }
      drama_matcher_build (matcher);

      for (guint a = 0; a < N_ARTICLES; a++)
        {
          g_autofree char *headline = make_text (rng, names, g_rand_int_range (rng, 0, 12));
          g_autofree char *body = make_text (rng, names, g_rand_int_range (rng, 0, 200));
          g_autoptr(GPtrArray) fast = drama_matcher_match (matcher, headline, body);
          g_autoptr(GPtrArray) slow = ref_matcher_match (ref, headline, body);

          if (!same_normalisation (headline) || !same_normalisation (body) ||
              !same_links (fast, slow))
            {
              g_test_message ("seed %u, article %u:\n%s\n%s", seed, a, headline, body);
              print_links ("matcher  ", fast);
              print_links ("reference", slow);
              g_test_fail ();
              return;
            }
          n_links += fast->len;
          n_articles_linked += fast->len > 0;
        }
    }

  /* The generator names people and shows often enough for the comparison to mean something. */
  g_test_message ("%" G_GUINT64_FORMAT " links in %" G_GUINT64_FORMAT " of %u articles",
                  n_links, n_articles_linked, N_SEEDS * N_ARTICLES);
  g_assert_cmpuint (n_articles_linked, >, N_SEEDS * N_ARTICLES / 2);
  g_assert_cmpuint (n_links, >, N_SEEDS * N_ARTICLES * 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/matcher-diff/random", test_random);

  return g_test_run ();
}
