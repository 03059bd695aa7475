/* drama-feed-parser-prepare.c: feed bytes to text libxml2 can read.
 *
 * Character encodings (BOMs, declared charsets, Windows-1252 mislabelled as UTF-8 or Latin-1)
 * become UTF-8, copied only when they were something else.  Then one scan, without copying,
 * looks for what real feeds get wrong and XML forbids: bare ampersands, control characters,
 * character references to nothing (or to Windows-1252's C1 range).  Only a document that has
 * one of them is copied, cleaned; the rest go to libxml2 as they came.  The DOCTYPE stays:
 * libxml2 reads it, and drama-feed-parser-entities.c says what its entities mean.
 */
#define G_LOG_DOMAIN "drama-feed-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-feed-parser-private.h"

/* ---- bytes to UTF-8 ---- */

/* Windows-1252's 0x80..0x9F; the five holes map to themselves as C1 controls, then dropped. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static char *
from_windows_1252 (const char *data,
                   gsize       length,
                   gsize      *out_length)
{
  GString *out = g_string_sized_new (length + length / 4);

  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];
      if (c < 0x80)
        g_string_append_c (out, c);
      else if (c < 0xA0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        g_string_append_unichar (out, c);
    }
  *out_length = out->len;
  return g_string_free (out, FALSE);
}

/* The charset named by <?xml ... encoding="..."?>, lower-cased, or NULL. */
static char *
declared_encoding (const char *data,
                   gsize       length)
{
  const char *end, *p, *q;
  char quote;

  if (length < 6 || strncmp (data, "<?xml", 5) != 0)
    return NULL;
  end = g_strstr_len (data, MIN (length, 512), "?>");
  if (end == NULL)
    return NULL;
  p = g_strstr_len (data, end - data, "encoding");
  if (p == NULL)
    return NULL;
  p += strlen ("encoding");
  while (p < end && (g_ascii_isspace (*p) || *p == '='))
    p++;
  if (p >= end || (*p != '"' && *p != '\''))
    return NULL;
  quote = *p++;
  q = memchr (p, quote, end - p);
  if (q == NULL || q - p > 40)
    return NULL;
  return g_ascii_strdown (p, q - p);
}

static gboolean
is_latin1_name (const char *name)
{
  static const char *const names[] = { "iso-8859-1", "iso8859-1", "latin1", "latin-1",
                                       "l1", "windows-1252", "cp1252", "us-ascii", "ascii" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* g_utf8_validate_len () with ASCII, the bulk of any feed, taken eight bytes at a time:
 * the whole document is checked before anything else, so its speed is the parser's. */
gboolean
_drama_feed_utf8_valid (const char *text,
                        gsize       length)
{
  const guchar *p = (const guchar *) text, *end = p + length;

  while (p < end)
    {
      guchar c = *p;

      if (c < 0x80)
        {
          while (end - p >= 8)
            {
              guint64 w;

              memcpy (&w, p, sizeof w);
              /* a byte with its high bit set, or a NUL (invalid, as for GLib) */
              if ((w & 0x8080808080808080ULL) != 0 ||
                  ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0)
                break;
              p += 8;
            }
          while (p < end && *p < 0x80)
            if (*p++ == 0)
              return FALSE;
          continue;
        }
      if (c < 0xC2 || c > 0xF4)
        return FALSE;  /* a continuation byte alone, an overlong lead, or past U+10FFFF */
      if (c < 0xE0)
        {
          if (end - p < 2 || (p[1] & 0xC0) != 0x80)
            return FALSE;
          p += 2;
        }
      else if (c < 0xF0)
        {
          if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
              (c == 0xE0 && p[1] < 0xA0) ||   /* overlong */
              (c == 0xED && p[1] >= 0xA0))    /* a surrogate */
            return FALSE;
          p += 3;
        }
      else
        {
          if (end - p < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
              (p[3] & 0xC0) != 0x80 ||
              (c == 0xF0 && p[1] < 0x90) ||   /* overlong */
              (c == 0xF4 && p[1] >= 0x90))    /* past U+10FFFF */
            return FALSE;
          p += 4;
        }
    }
  return TRUE;
}

static gboolean
is_ascii (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) data[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* The document as UTF-8: @data itself (past a BOM) when it already is, else a converted copy
 * left in @owned.  NULL with @error set when it cannot be read. */
const char *
_drama_feed_to_utf8 (const char  *data,
                     gsize        length,
                     gsize       *out_length,
                     char       **owned,
                     GError     **error)
{
  const guchar *u = (const guchar *) data;
  const char *from = NULL;
  gsize skip = 0;
  g_autofree char *declared = NULL;

  *owned = NULL;
  if (length >= 4 && u[0] == 0x00 && u[1] == 0x00 && u[2] == 0xFE && u[3] == 0xFF)
    from = "UTF-32BE", skip = 4;
  else if (length >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0x00 && u[3] == 0x00)
    from = "UTF-32LE", skip = 4;
  else if (length >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] == '<')
    from = "UTF-32BE";
  else if (length >= 4 && u[0] == '<' && u[1] == 0 && u[2] == 0 && u[3] == 0)
    from = "UTF-32LE";
  else if (length >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    from = "UTF-16BE", skip = 2;
  else if (length >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    from = "UTF-16LE", skip = 2;
  else if (length >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] == '?')
    from = "UTF-16BE";
  else if (length >= 4 && u[0] == '<' && u[1] == 0 && u[2] == '?' && u[3] == 0)
    from = "UTF-16LE";
  else if (length >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    skip = 3;

  if (from != NULL)
    {
      *owned = g_convert (data + skip, length - skip, "UTF-8", from, NULL, out_length, NULL);
      if (*owned == NULL)
        g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED,
                     _("The feed’s text is not valid %s."), from);
      return *owned;
    }

  data += skip;
  length -= skip;
  *out_length = length;
  declared = declared_encoding (data, length);

  if (declared == NULL || g_str_equal (declared, "utf-8") || g_str_equal (declared, "utf8") ||
      g_str_equal (declared, "us-ascii") || g_str_equal (declared, "ascii") ||
      g_str_has_prefix (declared, "utf-16"))
    {
      /* A feed that says UTF-8 (or nothing) but is not: almost always Windows-1252. */
      if (_drama_feed_utf8_valid (data, length))
        return data;
      *owned = from_windows_1252 (data, length, out_length);
      return *owned;
    }
  /* Latin-1 and the rest agree with ASCII, and many a feed declares one but writes ASCII. */
  if (is_ascii (data, length))
    return data;
  if (is_latin1_name (declared))
    {
      *owned = from_windows_1252 (data, length, out_length);
      return *owned;
    }
  *owned = g_convert (data, length, "UTF-8", declared, NULL, out_length, NULL);
  if (*owned != NULL)
    return *owned;
  *out_length = length;
  if (_drama_feed_utf8_valid (data, length))
    return data;
  *owned = from_windows_1252 (data, length, out_length);
  return *owned;
}

/* ---- what XML forbids, found without copying ---- */

/* libxml2 2.9.14 keeps every name it meets in a dictionary that stops growing at 16,384
 * slots: hundreds of thousands of entity declarations, or references to as many different
 * undeclared names, take it minutes and hundreds of MB.  Past these, a document goes
 * through the cleaning copy, which drops the DOCTYPE or writes those references as text
 * (what _drama_feed_get_entity () would have made of them). */
#define MAX_DOCTYPE_BYTES (64 * 1024)
#define MAX_UNKNOWN_REFERENCES 10000

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static gboolean
is_name_start (guchar c)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':';
}

static gboolean
is_name_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c == ':' || c == '-' || c == '.';
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether one of the eight bytes in @w is not printable ASCII (below 0x20 or above 0x7F)
 * or, with @markup, is '<' or '&' (the bit tricks of "Bit Twiddling Hacks": a byte below n,
 * a zero byte). */
static inline gboolean
unusual (guint64  w,
         gboolean markup)
{
  guint64 bits = (w | ((w - ONES * 0x20) & ~w)) & HIGHS;

  if (markup)
    {
      guint64 lt = w ^ (ONES * '<'), amp = w ^ (ONES * '&');

      bits |= ((lt - ONES) & ~lt & HIGHS) | ((amp - ONES) & ~amp & HIGHS);
    }
  return bits != 0;
}

/* The first byte in @p..@stop that is not printable ASCII or (@markup) is '<' or '&': text
 * is skipped eight bytes at a time. */
static const char *
skip_plain (const char *p,
            const char *stop,
            gboolean    markup)
{
  while (stop - p >= 8)
    {
      guint64 w;

      memcpy (&w, p, sizeof w);
      if (unusual (w, markup))
        break;
      p += 8;
    }
  for (; p < stop; p++)
    {
      guchar c = *p;

      if (c < 0x20 || c >= 0x80 || (markup && (c == '<' || c == '&')))
        return p;
    }
  return stop;
}

/* Whether the character at @p is one XML forbids (a C0 control, U+FFFE, U+FFFF) or one we
 * read as Windows-1252 (U+0080..U+009F). */
static gboolean
is_bad_char (const char *p,
             const char *stop)
{
  guchar c = *p;

  if (c < 0x20)
    return c != '\t' && c != '\n' && c != '\r';
  if (c == 0xC2)
    return stop - p >= 2 && (guchar) p[1] <= 0x9F;
  if (c == 0xEF)
    return stop - p >= 3 && (guchar) p[1] == 0xBF && (guchar) p[2] >= 0xBE;
  return FALSE;
}

static gboolean
has_bad_chars (const char *p,
               const char *stop)
{
  while ((p = skip_plain (p, stop, FALSE)) < stop)
    {
      if (is_bad_char (p, stop))
        return TRUE;
      p++;
    }
  return FALSE;
}

/* The character a reference "&#...;" at @p names, and its length; 0 when it is not one. */
static gsize
char_reference (const char *p,
                const char *end,
                gunichar   *value)
{
  gboolean hex = end - p > 2 && (p[2] == 'x' || p[2] == 'X');
  const char *digits = p + (hex ? 3 : 2);
  const char *r = digits;
  guint64 v = 0;

  while (r < end && (hex ? g_ascii_isxdigit (*r) : g_ascii_isdigit (*r)) && r - digits < 9)
    {
      v = v * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*r) : *r - '0');
      r++;
    }
  if (r == digits || r >= end || *r != ';')
    return 0;
  *value = (gunichar) v;
  return r + 1 - p;
}

/* The length of a reference libxml2 reads as it is ("&name;", or "&#...;" naming a character
 * XML allows outside Windows-1252's C1 range); 0 for anything else. */
static gsize
good_reference (const char *p,
                const char *end)
{
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      gunichar c = 0;
      gsize len = char_reference (p, end, &c);

      /* "&#X41;" is HTML's, not XML's */
      return len > 0 && p[2] != 'X' && is_xml_char (c) && !(c >= 0x80 && c <= 0x9F) ? len : 0;
    }
  if (q >= end || !is_name_start (*q))
    return 0;
  while (q < end && is_name_char (*q))
    q++;
  return q < end && *q == ';' ? q + 1 - p : 0;
}

/* Just past the first @needle in @p..@end (NULs and all: memmem is a GNU extension, so
 * memchr finds each candidate), or @end. */
static const char *
find_or_end (const char *p,
             const char *end,
             const char *needle)
{
  gsize n = strlen (needle);

  while ((gsize) (end - p) >= n)
    {
      const char *hit = memchr (p, needle[0], (gsize) (end - p) - n + 1);

      if (hit == NULL)
        break;
      if (memcmp (hit + 1, needle + 1, n - 1) == 0)
        return hit + n;
      p = hit + 1;
    }
  return end;
}

/* Length of the DOCTYPE declaration at @p (quotes and the [internal subset] included). */
static gsize
doctype_length (const char *p,
                const char *end)
{
  const char *q = p + strlen ("<!DOCTYPE");
  char quote = 0;
  int depth = 0;

  for (; q < end; q++)
    {
      if (quote != 0)
        {
          if (*q == quote)
            quote = 0;
        }
      else if (*q == '"' || *q == '\'')
        quote = *q;
      else if (*q == '[')
        depth++;
      else if (*q == ']' && depth > 0)
        depth--;
      else if (*q == '>' && depth == 0)
        return q + 1 - p;
    }
  return end - p;
}

/* Whether "&@name;" is one libxml2 knows or HTML's (then _drama_feed_get_entity () knows it). */
static gboolean
is_known_name (const char *name,
               gsize       length)
{
  static const char *const xml[] = { "amp", "lt", "gt", "quot", "apos" };
  char buffer[32];

  if (length >= sizeof buffer)
    return FALSE;
  memcpy (buffer, name, length);
  buffer[length] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (xml); i++)
    if (strcmp (buffer, xml[i]) == 0)
      return TRUE;
  return _drama_feed_html_entity (buffer) != NULL;
}

static gboolean
is_doctype (const char *p,
            const char *end)
{
  return end - p >= 9 && g_ascii_strncasecmp (p, "<!DOCTYPE", 9) == 0;
}

/* Where the markup at @p ("<...") that holds no references ends: a CDATA section, a comment,
 * a processing instruction, or the DOCTYPE (libxml2 reads its own); NULL for a tag. */
static const char *
skip_opaque (const char *p,
             const char *end,
             gboolean    in_prolog)
{
  if (end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0)
    return find_or_end (p + 9, end, "]]>");
  if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
    return find_or_end (p + 4, end, "-->");
  if (end - p >= 2 && p[1] == '?')
    return find_or_end (p + 2, end, "?>");
  if (in_prolog && is_doctype (p, end))
    return p + doctype_length (p, end);
  return NULL;
}

/* TRUE when libxml2 can read @data as it is: nearly every feed. */
static gboolean
is_clean (const char *data,
          gsize       length)
{
  const char *p = data, *end = data + length;
  gboolean in_prolog = TRUE;
  guint unknown = 0;

  while ((p = skip_plain (p, end, TRUE)) < end)
    {
      const char *next;

      if (*p == '&')
        {
          gsize len = good_reference (p, end);

          if (len == 0)
            return FALSE;
          if (p[1] != '#' && !is_known_name (p + 1, len - 2) &&
              ++unknown > MAX_UNKNOWN_REFERENCES)
            return FALSE;
          p += len;
          continue;
        }
      if (*p != '<')
        {
          if (is_bad_char (p, end))
            return FALSE;
          p++;
          continue;
        }
      next = skip_opaque (p, end, in_prolog);
      if (next == NULL)
        {
          if (end - p >= 2 && is_name_start (p[1]))
            in_prolog = FALSE;
          p++;
          continue;
        }
      if (has_bad_chars (p, next) || (is_doctype (p, end) && next - p > MAX_DOCTYPE_BYTES))
        return FALSE;
      p = next;
    }
  return TRUE;
}

/* ---- cleaning the few that need it ---- */

/* Copies @start..@stop, dropping characters XML forbids (C0 controls, U+FFFE, U+FFFF). */
static void
append_chars (GString    *out,
              const char *start,
              const char *stop)
{
  for (const char *p = start; p < stop; p++)
    {
      guchar c = *p;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        continue;
      /* U+0080..U+009F are controls nobody means: text that went through a Windows-1252
       * to Latin-1 mix-up.  Read them as the Windows-1252 characters they were. */
      if (c == 0xC2 && stop - p >= 2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9F)
        {
          gunichar w = cp1252_high[(guchar) p[1] - 0x80];
          if (w >= 0xA0)
            g_string_append_unichar (out, w);
          p++;
          continue;
        }
      if (c == 0xEF && stop - p >= 3 && (guchar) p[1] == 0xBF &&
          ((guchar) p[2] == 0xBE || (guchar) p[2] == 0xBF))
        {
          p += 2;
          continue;
        }
      g_string_append_c (out, c);
    }
}

/* Copies "&...": a reference libxml2 reads stays (a name only when it is XML's, HTML's or
 * @declared); a Windows-1252 character reference becomes the character it meant, one to a
 * character XML forbids is dropped, and any other ampersand is escaped, so that the
 * reference reads as written.  Returns the bytes consumed. */
static gsize
copy_reference (GString    *out,
                const char *p,
                const char *end,
                GHashTable *declared)
{
  gsize len = good_reference (p, end);
  gunichar c = 0;

  if (len > 0 && p[1] != '#' && !is_known_name (p + 1, len - 2))
    {
      g_autofree char *name = g_strndup (p + 1, len - 2);

      if (!g_hash_table_contains (declared, name))
        len = 0;
    }
  if (len > 0)
    {
      g_string_append_len (out, p, len);
      return len;
    }
  if (end - p > 1 && p[1] == '#' && (len = char_reference (p, end, &c)) > 0)
    {
      if (c >= 0x80 && c <= 0x9F)
        c = cp1252_high[c - 0x80];
      if (is_xml_char (c) && !(c >= 0x80 && c <= 0x9F))
        g_string_append_printf (out, "&#%u;", c);
      return len;
    }
  g_string_append (out, "&amp;");
  return 1;
}

/* The names of the general entities the DOCTYPE @p..@stop declares. */
static void
collect_declared (GHashTable *declared,
                  const char *p,
                  const char *stop)
{
  while ((p = find_or_end (p, stop, "<!ENTITY")) < stop)
    {
      const char *name;

      while (p < stop && g_ascii_isspace (*p))
        p++;
      name = p;
      while (p < stop && is_name_char (*p))
        p++;
      if (p > name)
        g_hash_table_add (declared, g_strndup (name, p - name));
    }
}

/* A copy of @data that libxml2 can read, or NULL when @data itself can be read. */
char *
_drama_feed_prepare_xml (const char *data,
                         gsize       length,
                         gsize      *out_length)
{
  const char *p = data, *end = data + length;
  GString *out;
  gboolean in_prolog = TRUE;
  g_autoptr(GHashTable) declared = NULL;

  if (is_clean (data, length))
    return NULL;

  declared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  out = g_string_sized_new (length + 64);
  while (p < end)
    {
      const char *next = p;

      while (next < end && *next != '<' && *next != '&')
        next++;
      append_chars (out, p, next);
      p = next;
      if (p >= end)
        break;

      if (*p == '&')
        {
          p += copy_reference (out, p, end, declared);
          continue;
        }
      next = skip_opaque (p, end, in_prolog);
      if (next == NULL)
        {
          if (end - p >= 2 && is_name_start (p[1]))
            in_prolog = FALSE;
          g_string_append_c (out, '<');
          p++;
          continue;
        }
      if (is_doctype (p, end))
        {
          /* Too big for libxml2 to read in good time: left out, its entities unknown. */
          if (next - p > MAX_DOCTYPE_BYTES)
            {
              p = next;
              continue;
            }
          collect_declared (declared, p, next);
        }
      append_chars (out, p, next);
      p = next;
    }
  *out_length = out->len;
  return g_string_free (out, FALSE);
}
