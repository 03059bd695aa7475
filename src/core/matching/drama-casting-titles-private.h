#pragma once

/* What drama-casting-titles.c and drama-casting-words.c share: the article as characters,
 * its quotes, and the context words found outside them. */

#include <glib.h>

#include "drama-text.h"

G_BEGIN_DECLS

typedef enum {
  WORD_FAINT,   /* "new", "project": counts only with a second one */
  WORD_STRONG,  /* "cast", "starring", "tvN", "출연": a casting or production context */
  WORD_KIND,    /* "drama", "series", "드라마": says the quote names a show */
  WORD_OTHER,   /* "film", "single", "영화": says the quote names something else */
} WordClass;

enum {
  PLURAL    = 1 << 0,  /* English: "dramas", "casts" too */
  KO_ALONE  = 1 << 1,  /* not the end of a longer Hangul word (새 of 새 드라마, not 헌새) */
  KO_SPACE  = 1 << 2,  /* followed by a space (새 드라마, not 새벽) */
  KO_ROLE   = 1 << 3,  /* followed by a particle or nothing Hangul (역을, 역으로; not 역사) */
  SHOWS_OWN = 1 << 4,  /* after a show's title, it is the show's ("'Queen of Tears' OST") */
};

typedef struct {
  glong open;    /* the opening quote */
  glong close;   /* the closing quote */
} Span;

typedef struct {
  glong     start;
  glong     end;
  WordClass klass;
  guint     index;   /* which word: two different faint ones count */
  guint     flags;
} Hit;

typedef struct {
  const gunichar *s;
  glong           n;
  guint8         *quoted;   /* per character: inside a quote, its marks included */
  GArray         *spans;    /* Span, in order */
  GArray         *hits;     /* Hit, in order of start */
} Segment;

static inline gunichar
char_at (const Segment *seg,
         glong          i)
{
  return i >= 0 && i < seg->n ? seg->s[i] : 0;
}

static inline gboolean
is_latin_alnum (gunichar c)
{
  return c != 0 && g_unichar_isalnum (c) && !drama_text_is_cjk (c);
}

static inline gboolean
is_hangul (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HANGUL;
}

static inline gboolean
is_space (gunichar c)
{
  return c != 0 && (g_unichar_isspace (c) || c == 0x00A0);
}

/* How context words and text compare: case, dashes and apostrophes folded. */
static inline gunichar
fold (gunichar c)
{
  if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212)
    return '-';
  if (c == 0x2019 || c == 0x2018)
    return '\'';
  return g_unichar_tolower (c);
}

/* Every context word outside quotes into seg->hits, in order of start; none inside another
 * ("drama" of "K-drama", "ost" of "host"). seg->quoted must be filled. */
void _drama_casting_find_hits (Segment *seg);

G_END_DECLS
