#define G_LOG_DOMAIN "drama-stage-names"

#include "config.h"

#include "drama-stage-names.h"

#include <string.h>

#include "drama-person.h"

/* At most this many words in a name ("Kim Myung-soo", "Park Shin Hye"). */
#define MAX_NAME_WORDS 3

/* Character names that are also everyday words: seen alone with a name, they could be
 * anything ("Will, played by the…"). Lower case. */
static const char * const common_words[] = {
  "april", "autumn", "bell", "bill", "bo", "candy", "crystal", "faith", "grace", "happy",
  "honey", "hope", "ivy", "jack", "jade", "joy", "june", "king", "lily", "love", "luck",
  "mark", "may", "moon", "pearl", "queen", "rain", "river", "rose", "ruby", "sky",
  "snow", "spring", "star", "summer", "sun", "sunny", "will", "winter", NULL
};

void
drama_stage_name_free (DramaStageName *proposal)
{
  if (proposal == NULL)
    return;
  g_free (proposal->name);
  g_free (proposal->group);
  g_free (proposal->character);
  g_free (proposal);
}

static gboolean
is_name_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '.' || c == '-' || c == '\'' || c == 0x2019;
}

static gboolean
is_hangul (gunichar c)
{
  return c >= 0xAC00 && c <= 0xD7A3;
}

/* A word of a name: from p, letters, digits and . - ' ’, starting with a capital or a
 * digit. Returns its end, or NULL. */
static const char *
name_word_end (const char *p)
{
  gunichar first = g_utf8_get_char (p);
  const char *q = p;

  if (!(g_unichar_isupper (first) || g_unichar_isdigit (first)))
    return NULL;
  while (*q != '\0' && is_name_char (g_utf8_get_char (q)))
    q = g_utf8_next_char (q);
  return q;
}

/* "INFINITE's" → TRUE with the length of "INFINITE". */
static gboolean
is_possessive (const char *word,
               gsize       length,
               gsize      *stem)
{
  if (length > 2 && g_str_has_prefix (word + length - 2, "'s"))
    *stem = length - 2;
  else if (length > 4 && strncmp (word + length - 4, "\xe2\x80\x99s", 4) == 0)
    *stem = length - 4;
  else
    return FALSE;
  return *stem > 0;
}

/* The words of a name starting at p, forward: "[GROUP's ]Name Name". */
static gboolean
parse_name_forward (const char  *p,
                    char       **name,
                    char       **group)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *found_group = NULL;

  while (words->len < MAX_NAME_WORDS)
    {
      const char *end = name_word_end (p);
      gsize stem;

      if (end == NULL)
        break;
      if (words->len == 0 && found_group == NULL && *end == ' ' &&
          is_possessive (p, (gsize) (end - p), &stem) && name_word_end (end + 1) != NULL)
        found_group = g_strndup (p, stem);
      else
        g_ptr_array_add (words, g_strndup (p, (gsize) (end - p)));
      if (*end != ' ')
        break;
      p = end + 1;
    }
  if (words->len == 0)
    return FALSE;
  /* A trailing dot ends the sentence, not the name ("… by L."), unless it is an initial. */
  {
    char *last = g_ptr_array_index (words, words->len - 1);
    gsize length = strlen (last);

    if (length > 2 && last[length - 1] == '.' && last[length - 3] != '.')
      last[length - 1] = '\0';
  }
  g_ptr_array_add (words, NULL);
  *name = g_strjoinv (" ", (char **) words->pdata);
  *group = g_steal_pointer (&found_group);
  return TRUE;
}

/* The words of a name ending at end (exclusive), backward, not before start: "[GROUP's ]Name
 * Name" read from its end. */
static gboolean
parse_name_backward (const char  *start,
                     const char  *end,
                     char       **name,
                     char       **group)
{
  const char *word_end = end;
  const char *name_start = NULL;
  guint n = 0;

  while (n < MAX_NAME_WORDS)
    {
      const char *word = word_end;
      gsize stem;

      while (word > start && is_name_char (g_utf8_get_char (g_utf8_prev_char (word))))
        word = g_utf8_prev_char (word);
      if (word == word_end || name_word_end (word) == NULL)
        break;   /* not a name's word: "stars L as Dan" */
      if (is_possessive (word, (gsize) (word_end - word), &stem))
        {
          if (n > 0)
            *group = g_strndup (word, stem);
          break;
        }
      name_start = word;
      n++;
      if (word == start || word[-1] != ' ')
        break;
      word_end = word - 1;
    }
  if (n == 0)
    return FALSE;
  *name = g_strndup (name_start, (gsize) (end - name_start));
  return TRUE;
}

/* What Korean writes after a name ("엘은", "엘이", "엘과"): not part of it. */
static const char * const particles[] = {
  "에게서", "에게", "께서", "에서", "으로", "은", "는", "이", "가", "을", "를", "의", "와",
  "과", "도", "로", "만", NULL
};

/* A run of Hangul (or Latin) letters: Korean articles write "엘" or "L", with the
 * sentence's particle after it. */
static gboolean
parse_korean_forward (const char  *p,
                      char       **name)
{
  const char *q = p;

  while (*q != '\0' && (is_hangul (g_utf8_get_char (q)) || g_ascii_isalnum (*q)))
    q = g_utf8_next_char (q);
  if (q == p)
    return FALSE;
  for (guint i = 0; particles[i] != NULL; i++)
    {
      gsize length = strlen (particles[i]);

      /* At least one letter of the name left. */
      if ((gsize) (q - p) > length && strncmp (q - length, particles[i], length) == 0)
        {
          q -= length;
          break;
        }
    }
  *name = g_strndup (p, (gsize) (q - p));
  return TRUE;
}

static gboolean
parse_korean_backward (const char  *start,
                       const char  *end,
                       char       **name)
{
  const char *p = end;

  while (p > start)
    {
      const char *prev = g_utf8_prev_char (p);
      gunichar c = g_utf8_get_char (prev);

      if (!is_hangul (c) && !(c < 0x80 && g_ascii_isalnum ((char) c)))
        break;
      p = prev;
    }
  if (p == end)
    return FALSE;
  *name = g_strndup (p, (gsize) (end - p));
  return TRUE;
}

typedef struct {
  const char *character;
  gint64      person_id;
  guint       n_actors;
  DramaPerson *person;
} Role;

static gboolean
word_boundary_before (const char *text,
                      const char *at)
{
  return at == text || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (at)));
}

static gboolean
word_boundary_after (const char *at)
{
  return *at == '\0' || !g_unichar_isalnum (g_utf8_get_char (at));
}

/* Everything the article gives the actor of role at one mention of the character. */
static void
read_mention (const char  *text,
              const char  *at,
              const char  *after,
              char       **name,
              char       **group)
{
  if (g_str_has_prefix (after, " (played by "))
    parse_name_forward (after + strlen (" (played by "), name, group);
  else if (g_str_has_prefix (after, ", played by "))
    parse_name_forward (after + strlen (", played by "), name, group);
  else if (g_str_has_prefix (after, " 역의 "))
    parse_korean_forward (after + strlen (" 역의 "), name);
  else if (g_str_has_prefix (after, " 역을 맡은 "))
    parse_korean_forward (after + strlen (" 역을 맡은 "), name);
  else if ((g_str_has_prefix (after, " 역)") || g_str_has_prefix (after, "역)")) &&
           at > text && (at[-1] == '(' || (at - 1 > text && at[-1] == ' ' && at[-2] == '(')))
    parse_korean_backward (text, at[-1] == '(' ? at - 1 : at - 2, name);
  else if (at - text >= 4 && strncmp (at - 4, " as ", 4) == 0)
    parse_name_backward (text, at - 4, name, group);
  else if (at - text >= 12 && strncmp (at - 12, ", who plays ", 12) == 0)
    parse_name_backward (text, at - 12, name, group);
}

static gboolean
contains_casefold (const char *haystack_folded,
                   const char *needle)
{
  g_autofree char *folded = needle != NULL ? g_utf8_casefold (needle, -1) : NULL;

  return folded != NULL && *folded != '\0' && strstr (haystack_folded, folded) != NULL;
}

/* A character's name that is an everyday word, in the list or written in lower case in
 * this very article. */
static gboolean
is_common_word (const char *text,
                const char *character)
{
  g_autofree char *lower = g_utf8_strdown (character, -1);
  const char *p = text;

  if (g_strv_contains (common_words, lower))
    return TRUE;
  if (strcmp (lower, character) == 0)
    return FALSE;   /* no case: Hangul */
  while ((p = strstr (p, lower)) != NULL)
    {
      const char *end = p + strlen (lower);

      if (word_boundary_before (text, p) && word_boundary_after (end))
        return TRUE;
      p = end;
    }
  return FALSE;
}

static gboolean
already_known (DramaPerson *person,
               const char  *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  const char * const *aliases = drama_person_get_aliases (person);
  g_autofree char *own = g_utf8_casefold (drama_person_get_name (person), -1);

  if (g_strcmp0 (own, folded) == 0)
    return TRUE;
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    {
      g_autofree char *alias = g_utf8_casefold (aliases[i], -1);

      if (g_strcmp0 (alias, folded) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
add_proposal (GPtrArray  *proposals,
              Role       *role,
              char       *name,
              char       *group)
{
  DramaStageName *proposal;

  for (guint i = 0; i < proposals->len; i++)
    {
      DramaStageName *other = g_ptr_array_index (proposals, i);

      if (other->person_id == role->person_id && g_ascii_strcasecmp (other->name, name) == 0)
        {
          if (other->group == NULL && group != NULL)
            other->group = g_strdup (group);
          return;
        }
    }
  proposal = g_new0 (DramaStageName, 1);
  proposal->person_id = role->person_id;
  proposal->name = g_strdup (name);
  proposal->group = g_strdup (group);
  proposal->character = g_strdup (role->character);
  g_ptr_array_add (proposals, proposal);
}

GPtrArray *
drama_stage_names_find (const char         *text,
                        GPtrArray          *cast,
                        const char * const *show_names)
{
  GPtrArray *proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_stage_name_free);
  g_autoptr(GArray) roles = g_array_new (FALSE, TRUE, sizeof (Role));
  g_autofree char *folded = NULL;
  gboolean tied_by_title = FALSE;

  g_return_val_if_fail (cast != NULL, proposals);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return proposals;

  /* The characters, each with the one actor who plays it (or a count of more). */
  for (guint i = 0; i < cast->len; i++)
    {
      DramaPerson *person = g_ptr_array_index (cast, i);
      const char *character = drama_person_get_character (person);
      gboolean known = FALSE;

      if (character == NULL || *character == '\0')
        continue;
      for (guint k = 0; k < roles->len; k++)
        {
          Role *role = &g_array_index (roles, Role, k);

          if (strcmp (role->character, character) == 0)
            {
              if (role->person_id != drama_person_get_id (person))
                role->n_actors++;
              known = TRUE;
            }
        }
      if (!known)
        {
          Role role = { character, drama_person_get_id (person), 1, person };

          g_array_append_val (roles, role);
        }
    }

  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; show_names != NULL && show_names[i] != NULL; i++)
    tied_by_title = tied_by_title || contains_casefold (folded, show_names[i]);

  for (guint k = 0; k < roles->len; k++)
    {
      Role *role = &g_array_index (roles, Role, k);
      gsize length = strlen (role->character);
      const char *p = text;

      if (role->n_actors > 1)
        continue;   /* which of them? */
      if (is_common_word (text, role->character) && !tied_by_title &&
          !contains_casefold (folded, drama_person_get_name (role->person)))
        continue;

      while ((p = strstr (p, role->character)) != NULL)
        {
          const char *after = p + length;
          g_autofree char *name = NULL;
          g_autofree char *group = NULL;

          if (word_boundary_before (text, p) &&
              (word_boundary_after (after) || g_str_has_prefix (after, "역)")))
            read_mention (text, p, after, &name, &group);
          if (name != NULL && strcmp (name, role->character) != 0 &&
              !already_known (role->person, name))
            add_proposal (proposals, role, name, group);
          p = after;
        }
    }
  return proposals;
}
