#pragma once

/* An Aho–Corasick automaton over normalised text (drama-text.h) that finds where patterns
 * occur as whole words: a pattern matches only where its ends are word edges in the text
 * (CJK needs no edge). It knows nothing of shows or people: the matcher
 * (drama-matcher.c) builds one from its dictionary's terms and the words that hint at an
 * episode, and decides what a hit means. */

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DramaAutomaton DramaAutomaton;

/* A word that is reported by where it starts, not as a pattern. */
typedef struct {
  const char *text;        /* normalised */
  gboolean    in_words;    /* also where a word goes on after it ("ep" of "episode") */
} DramaAutomatonHint;

/* Where pattern number @pattern occurs: bytes [start, end) of the scanned text. */
typedef struct {
  guint   pattern;
  guint8  tag;             /* the scan's, as given (the matcher: which part of the article) */
  guint32 start;
  guint32 end;
} DramaAutomatonHit;

/* The automaton for @n_patterns patterns (normalised, NUL-terminated; pattern i is reported
 * as i) and @n_hints hints. */
DramaAutomaton *_drama_automaton_new      (const char * const       *patterns,
                                           guint                     n_patterns,
                                           const DramaAutomatonHint *hints,
                                           guint                     n_hints);
void            _drama_automaton_free     (DramaAutomaton           *self);

/* Its size, for the log: states, how many of them have a row of next states, and a row's
 * length. */
void            _drama_automaton_get_size (const DramaAutomaton     *self,
                                           guint32                  *n_states,
                                           guint32                  *n_rows,
                                           guint32                  *row_length);

/* Appends to @hits (DramaAutomatonHit) every occurrence of a pattern in @text (@len bytes of
 * normalised text, NUL-terminated at @len), in the order they end, and to @hint_starts
 * (guint32) where each hint occurs. Read-only on @self: threads may scan at once. */
void            _drama_automaton_scan     (const DramaAutomaton     *self,
                                           const char               *text,
                                           gsize                     len,
                                           guint8                    tag,
                                           GArray                   *hits,
                                           GArray                   *hint_starts);

G_END_DECLS
