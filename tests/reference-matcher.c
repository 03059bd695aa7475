#include "config.h"

#include "reference-matcher.h"

#include <string.h>

typedef struct {
  DramaMatchKind kind;
  gint64         id;
  char          *norm;
} RefName;

struct _RefMatcher {
  GArray *names;   /* RefName */
};

/* ---- normalisation, as drama-text.h documents it ---- */

/* The typographic quotes, primes and dashes drama-text.h lists. */
static gunichar
documented_map (gunichar c)
{
  static const gunichar apostrophes[] = { 0x2019, 0x2018, 0x201A, 0x201B, 0x2032, '`', 0x00B4,
                                          0x02BC, 0x2039, 0x203A };
  static const gunichar quotes[] = { 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB,
                                     0x301D, 0x301E };
  static const gunichar dashes[] = { '-', 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015,
                                     0x2212 };

  for (guint i = 0; i < G_N_ELEMENTS (apostrophes); i++)
    if (c == apostrophes[i])
      return '\'';
  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    if (c == quotes[i])
      return '"';
  for (guint i = 0; i < G_N_ELEMENTS (dashes); i++)
    if (c == dashes[i])
      return ' ';
  return 0;
}

static gboolean
is_mark (gunichar c)
{
  return c != (gunichar) -1 && c != (gunichar) -2 &&
         (g_unichar_ismark (c) || g_unichar_combining_class (c) != 0);
}

static void
emit (GString  *out,
      GArray   *starts,
      GArray   *ends,
      gunichar  c,
      guint32   start,
      guint32   end)
{
  char utf8[6];
  gint n;

  if (c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
    return;   /* runs of white space collapse, none leads */
  n = g_unichar_to_utf8 (c, utf8);
  g_string_append_len (out, utf8, n);
  for (gint i = 0; i < n; i++)
    {
      g_array_append_val (starts, start);
      g_array_append_val (ends, end);
    }
}

char *
ref_normalize (const char  *text,
               GArray     **starts_out,
               GArray     **ends_out)
{
  GString *out = g_string_new (NULL);
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (guint32));
  const char *p = text;

  while (*p != '\0')
    {
      /* One character with the marks after it; an invalid byte is a space. */
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *q = p + 1;
      guint32 start = (guint32) (p - text);
      g_autofree char *nfkc = NULL;
      g_autofree char *folded = NULL;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          emit (out, starts, ends, ' ', start, start + 1);
          p = q;
          continue;
        }
      q = g_utf8_next_char (p);
      while (*q != '\0' && is_mark (g_utf8_get_char_validated (q, -1)))
        q = g_utf8_next_char (q);

      if (q == g_utf8_next_char (p) && documented_map (c) != 0)
        {
          emit (out, starts, ends, documented_map (c), start, (guint32) (q - text));
          p = q;
          continue;
        }
      if (q == p + 1 && c < 0x80)
        {
          /* ASCII is its own NFKC: only case and white space to fold. */
          emit (out, starts, ends, g_ascii_isspace (c) || g_ascii_iscntrl (c) ? ' ' : g_ascii_tolower (c),
                start, start + 1);
          p = q;
          continue;
        }

      nfkc = g_utf8_normalize (p, q - p, G_NORMALIZE_NFKC);
      folded = g_utf8_casefold (nfkc, -1);
      for (const char *f = folded; *f != '\0'; f = g_utf8_next_char (f))
        {
          gunichar d = g_utf8_get_char (f);

          if (documented_map (d) != 0)
            d = documented_map (d);
          else if (g_unichar_type (d) == G_UNICODE_FORMAT)
            continue;   /* soft hyphen, zero-width characters: dropped */
          else if (g_unichar_isspace (d) || g_unichar_iscntrl (d) ||
                   g_unichar_type (d) == G_UNICODE_SPACE_SEPARATOR)
            d = ' ';
          emit (out, starts, ends, d, start, (guint32) (q - text));
        }
      p = q;
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    {
      g_string_truncate (out, out->len - 1);
      g_array_set_size (starts, out->len);
      g_array_set_size (ends, out->len);
    }
  if (starts_out != NULL)
    *starts_out = starts;
  else
    g_array_unref (starts);
  if (ends_out != NULL)
    *ends_out = ends;
  else
    g_array_unref (ends);
  return g_string_free (out, FALSE);
}

/* ---- matching ---- */

/* A letter or digit outside Han, Hangul and Kana: a name that starts or ends with one must
 * meet a word edge there. */
static gboolean
needs_edge (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return (g_unichar_isalnum (c) || g_unichar_ismark (c)) &&
         script != G_UNICODE_SCRIPT_HAN && script != G_UNICODE_SCRIPT_HANGUL &&
         script != G_UNICODE_SCRIPT_HIRAGANA && script != G_UNICODE_SCRIPT_KATAKANA;
}

RefMatcher *
ref_matcher_new (void)
{
  RefMatcher *self = g_new0 (RefMatcher, 1);

  self->names = g_array_new (FALSE, FALSE, sizeof (RefName));
  return self;
}

void
ref_matcher_free (RefMatcher *self)
{
  for (guint i = 0; i < self->names->len; i++)
    g_free (g_array_index (self->names, RefName, i).norm);
  g_array_unref (self->names);
  g_free (self);
}

void
ref_matcher_add (RefMatcher     *self,
                 DramaMatchKind  kind,
                 gint64          id,
                 const char     *name)
{
  RefName entry = { kind, id, ref_normalize (name, NULL, NULL) };

  if (entry.norm[0] == '\0')
    {
      g_free (entry.norm);
      return;
    }
  g_array_append_val (self->names, entry);
}

typedef struct {
  guint   name;
  guint   part;
  gsize   start;
  gsize   end;
} RefHit;

static int
compare_ref_hits (gconstpointer a,
                  gconstpointer b)
{
  const RefHit *x = a, *y = b;

  if (x->part != y->part)
    return x->part < y->part ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return x->name < y->name ? -1 : x->name > y->name;
}

GPtrArray *
ref_matcher_match (RefMatcher *self,
                   const char *headline,
                   const char *body_text)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_match_free);
  const char *orig[2] = { headline != NULL ? headline : "", body_text != NULL ? body_text : "" };
  char *norm[2] = { NULL, NULL };
  GArray *starts[2] = { NULL, NULL };
  GArray *ends[2] = { NULL, NULL };
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (RefHit));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  gsize reach[2] = { 0, 0 };
  gboolean any[2] = { FALSE, FALSE };
  gboolean kept = FALSE;

  for (guint part = 0; part < 2; part++)
    norm[part] = ref_normalize (orig[part], &starts[part], &ends[part]);

  for (guint n = 0; n < self->names->len; n++)
    {
      const char *name = g_array_index (self->names, RefName, n).norm;
      gsize len = strlen (name);
      gunichar first = g_utf8_get_char (name);
      gunichar last = g_utf8_get_char (g_utf8_prev_char (name + len));

      for (guint part = 0; part < 2; part++)
        for (const char *at = strstr (norm[part], name); at != NULL; at = strstr (at + 1, name))
          {
            gsize start = (gsize) (at - norm[part]), end = start + len;
            RefHit hit = { n, part, start, end };

            if (needs_edge (first) && start > 0 &&
                needs_edge (g_utf8_get_char (g_utf8_prev_char (at))))
              continue;
            if (needs_edge (last) && norm[part][end] != '\0' &&
                needs_edge (g_utf8_get_char (norm[part] + end)))
              continue;
            g_array_append_val (hits, hit);
          }
    }
  g_array_sort (hits, compare_ref_hits);

  for (guint h = 0; h < hits->len; h++)
    {
      const RefHit *hit = &g_array_index (hits, RefHit, h);
      const RefName *name = &g_array_index (self->names, RefName, hit->name);
      gpointer key = GSIZE_TO_POINTER ((gsize) name->id * 2 + (name->kind == DRAMA_MATCH_KIND_PERSON) + 1);
      guint32 ostart, oend;
      DramaMatch *match;

      /* Inside a longer occurrence? The same text found for another name (two people of
       * one name) shares the fate of the one before. */
      if (h > 0 && g_array_index (hits, RefHit, h - 1).part == hit->part &&
          g_array_index (hits, RefHit, h - 1).start == hit->start &&
          g_array_index (hits, RefHit, h - 1).end == hit->end)
        {
          if (!kept)
            continue;
        }
      else
        {
          kept = !(any[hit->part] && reach[hit->part] >= hit->end);
          if (!kept)
            continue;
          any[hit->part] = TRUE;
          reach[hit->part] = MAX (reach[hit->part], hit->end);
        }
      if (!g_hash_table_add (seen, key))
        continue;   /* the first occurrence of a name stands for it */

      ostart = g_array_index (starts[hit->part], guint32, hit->start);
      oend = g_array_index (ends[hit->part], guint32, hit->end - 1);
      match = g_new0 (DramaMatch, 1);
      match->kind = name->kind;
      match->target_id = name->id;
      match->place = hit->part == 0 ? DRAMA_MATCH_PLACE_HEADLINE : DRAMA_MATCH_PLACE_BODY;
      match->offset = ostart;
      match->length = oend - ostart;
      match->matched = g_strndup (orig[hit->part] + ostart, match->length);
      g_ptr_array_add (result, match);
    }

  for (guint part = 0; part < 2; part++)
    {
      g_free (norm[part]);
      g_array_unref (starts[part]);
      g_array_unref (ends[part]);
    }
  return result;
}
