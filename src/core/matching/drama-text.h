#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text normalisation shared by the matcher's dictionary and the articles it reads, so
 * that "Shin Hye-sun", "Shin Hye Sun" and "SHIN HYE‐SUN" compare equal:
 *
 *   - Unicode NFKC, then case folding (g_utf8_normalize + g_utf8_casefold);
 *   - typographic apostrophes and primes (’ ‘ ‚ ‛ ′ ` ´ ʼ ‹ ›) become ', typographic double
 *     quotes (“ ” „ ‟ ″ « » 〝 〞) become ";
 *   - dashes and hyphens (- ‐ ‑ ‒ – — ― − and their small/full-width forms) become spaces;
 *   - format characters (soft hyphen, zero-width space/joiners, BOM) are dropped;
 *   - runs of white space collapse to one space; no leading or trailing space.
 *
 * NFKC is applied per character with its combining marks (and Hangul conjoining vowels and
 * finals), which gives the same result as normalising the whole text for everything but
 * pathological mark orders, and keeps a byte map back to the original text. */

typedef struct {
  char    *text;     /* normalised, NUL-terminated */
  gsize    len;      /* bytes in text */
  /* For each byte i of text: the original character (with its marks) it came from is
   * [starts[i], ends[i]) in the original. Both have len + 1 entries; the last is the
   * original length. */
  guint32 *starts;
  guint32 *ends;
  gsize    cap;      /* bytes allocated for text, entries for each map */
} DramaNormText;

/* Normalises text (length -1 = NUL-terminated) and keeps the offset map. Invalid UTF-8
 * bytes become spaces. Texts over 4 GiB are cut. Never NULL. */
DramaNormText *drama_norm_text_new     (const char    *text,
                                        gssize         length);
void           drama_norm_text_free    (DramaNormText *self);
/* Normalises text into self in place of what it held, reusing its buffers: what a loop
 * over many texts calls, so it allocates only when a text is longer than any before. */
void           drama_norm_text_set     (DramaNormText *self,
                                        const char    *text,
                                        gssize         length);

/* Same normalisation without the map (the dictionary side). Never NULL. */
char          *drama_text_normalize    (const char    *text,
                                        gssize         length);

/* A character that belongs to a word: a letter, a digit or a combining mark. */
gboolean       drama_text_is_word_char (gunichar       c);

/* Han, Hangul, Hiragana or Katakana: scripts written without spaces between words, where
 * the matcher accepts a name inside a longer run of letters. */
gboolean       drama_text_is_cjk       (gunichar       c);

/* Text from outside (a feed, TVmaze, an HTTP header, a parser's error message) made fit to
 * store and show: valid UTF-8 (each invalid byte becomes U+FFFD, and a UTF-16 surrogate
 * encoded as three bytes, as json-glib writes a lone "\ud800", becomes one U+FFFD), no NUL,
 * and at most max_bytes bytes. A longer text is cut at a character boundary and ends with
 * "…" (counted in max_bytes), so the cut shows. 0 = no bound. NULL for NULL. */
char          *drama_text_make_safe    (const char    *text,
                                        gssize         length,
                                        gsize          max_bytes);

/* JSON text with every \uD800–\uDFFF escape that is not half of a surrogate pair replaced by
 * \uFFFD: json-glib 1.6 turns a lone one into invalid bytes and swallows the character after
 * it. NULL when nothing needed replacing; else the new text, its length in *out_length. */
char          *drama_text_json_fix_surrogates (const char *json,
                                               gsize       length,
                                               gsize      *out_length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaNormText, drama_norm_text_free)

G_END_DECLS
