#define G_LOG_DOMAIN "drama-text"

#include "config.h"

#include "drama-text.h"

#include <string.h>

/* The output being built; the map arrays are NULL when the caller wants no map. */
typedef struct {
  char    *buf;
  gsize    len;
  gsize    cap;
  guint32 *starts;
  guint32 *ends;
} Out;

#define DROP 0xff   /* in the ASCII table: nothing is emitted */

static guchar ascii_map[128];

static void
init_ascii_map (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint c = 0; c < 128; c++)
        {
          if (c < 0x20 || c == 0x7f)
            ascii_map[c] = ' ';     /* tabs, newlines, other controls: white space */
          else if (c >= 'A' && c <= 'Z')
            ascii_map[c] = (guchar) (c - 'A' + 'a');
          else if (c == '-')
            ascii_map[c] = ' ';
          else if (c == '`')
            ascii_map[c] = '\'';
          else
            ascii_map[c] = (guchar) c;
        }
      g_once_init_leave (&done, 1);
    }
}

static void
out_reserve (Out   *o,
             gsize  extra)
{
  gsize need = o->len + extra + 1;

  if (need <= o->cap)
    return;

  o->cap = MAX (need, o->cap * 2);
  o->buf = g_realloc (o->buf, o->cap);
  if (o->starts != NULL)
    {
      o->starts = g_renew (guint32, o->starts, o->cap);
      o->ends = g_renew (guint32, o->ends, o->cap);
    }
}

static inline void
out_byte (Out     *o,
          guchar   b,
          guint32  start,
          guint32  end)
{
  /* Collapse runs of white space, and never start with one. */
  if (b == ' ' && (o->len == 0 || o->buf[o->len - 1] == ' '))
    return;

  out_reserve (o, 1);
  o->buf[o->len] = (char) b;
  if (o->starts != NULL)
    {
      o->starts[o->len] = start;
      o->ends[o->len] = end;
    }
  o->len++;
}

static void
out_bytes (Out        *o,
           const char *bytes,
           gsize       n,
           guint32     start,
           guint32     end)
{
  out_reserve (o, n);
  memcpy (o->buf + o->len, bytes, n);
  if (o->starts != NULL)
    {
      for (gsize i = 0; i < n; i++)
        {
          o->starts[o->len + i] = start;
          o->ends[o->len + i] = end;
        }
    }
  o->len += n;
}

/* Quotes and dashes that are not plain ASCII: the byte they become, or 0. */
static guchar
special_map (gunichar c)
{
  switch (c)
    {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:   /* ‘ ’ ‚ ‛ */
    case 0x2032: case 0x2035:                             /* ′ ‵ */
    case 0x00B4: case 0x02BC: case 0x02BB: case 0x02B9:   /* ´ ʼ ʻ ʹ */
    case 0x2039: case 0x203A:                             /* ‹ › */
    case 0xFF07:                                          /* ＇ */
      return '\'';

    case 0x201C: case 0x201D: case 0x201E: case 0x201F:   /* “ ” „ ‟ */
    case 0x2033: case 0x2036:                             /* ″ ‶ */
    case 0x00AB: case 0x00BB:                             /* « » */
    case 0x301D: case 0x301E: case 0x301F:                /* 〝 〞 〟 */
    case 0xFF02:                                          /* ＂ */
      return '"';

    case 0x2010: case 0x2011: case 0x2012: case 0x2013:   /* ‐ ‑ ‒ – */
    case 0x2014: case 0x2015: case 0x2212:                /* — ― − */
    case 0x2E3A: case 0x2E3B:                             /* ⸺ ⸻ */
    case 0xFE58: case 0xFE63: case 0xFF0D:                /* ﹘ ﹣ － */
    case 0x00A0: case 0x3000:                             /* no-break and ideographic spaces */
      return ' ';

    default:
      return 0;
    }
}

/* One character of NFKC + case-folded output. */
static void
out_char (Out      *o,
          gunichar  c,
          guint32   start,
          guint32   end)
{
  char utf8[6];
  guchar special;
  GUnicodeType type;

  if (c < 0x80)
    {
      out_byte (o, ascii_map[c], start, end);
      return;
    }

  special = special_map (c);
  if (special != 0)
    {
      out_byte (o, special, start, end);
      return;
    }

  type = g_unichar_type (c);
  if (type == G_UNICODE_FORMAT)
    return;   /* soft hyphen, zero-width space and joiners, BOM: invisible, ignored */
  if (type == G_UNICODE_SPACE_SEPARATOR || type == G_UNICODE_LINE_SEPARATOR ||
      type == G_UNICODE_PARAGRAPH_SEPARATOR || g_unichar_isspace (c))
    {
      out_byte (o, ' ', start, end);
      return;
    }

  out_bytes (o, utf8, g_unichar_to_utf8 (c, utf8), start, end);
}

/* Characters that attach to the one before: NFKC may compose them with it. */
static inline gboolean
is_continuation (gunichar c)
{
  return g_unichar_ismark (c) ||
         (c >= 0x1160 && c <= 0x11FF) ||   /* Hangul conjoining vowels and finals */
         (c >= 0xD7B0 && c <= 0xD7FF) ||
         g_unichar_combining_class (c) != 0;
}

/* Letters that NFKC and case folding leave alone: copied as they are (most of a Korean
 * or Chinese article). */
static inline gboolean
is_stable (gunichar c)
{
  return (c >= 0xAC00 && c <= 0xD7A3) ||   /* Hangul syllables */
         (c >= 0x4E00 && c <= 0x9FFF) ||   /* CJK unified ideographs */
         (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3041 && c <= 0x3096) ||   /* Hiragana */
         (c >= 0x30A1 && c <= 0x30FA);     /* Katakana */
}

/* Sixteen bytes at a time (GCC vectors: SSE2 or NEON), while they and the byte after them
 * are ASCII and no space follows another: ascii_map's rules, for sixteen lanes at once.
 * Returns where it stopped; the byte loop takes over from there. */
typedef guchar  Bytes16 __attribute__ ((vector_size (16)));
typedef guint32 Words4 __attribute__ ((vector_size (16)));

static inline gboolean
any_set (Bytes16 v)
{
  guint64 lo, hi;

  memcpy (&lo, &v, 8);
  memcpy (&hi, (const char *) &v + 8, 8);
  return (lo | hi) != 0;
}

/* ascii_map on each lane (ASCII lanes only). */
static inline Bytes16
map_lanes (Bytes16 v)
{
  Bytes16 space = (Bytes16) ((v < 0x20) | (v == 0x7f) | (v == '-'));
  Bytes16 backquote = (Bytes16) (v == '`');
  Bytes16 upper = (Bytes16) ((v >= 'A') & (v <= 'Z'));

  v += upper & 0x20;
  v = (v & ~space) | (space & ' ');
  return (v & ~backquote) | (backquote & '\'');
}

static gsize
ascii_blocks (const guchar *restrict in,
              gsize                  n,
              gsize                  i,
              char *restrict         buf,
              guint32 *restrict      starts,
              guint32 *restrict      ends,
              gsize                 *len_inout,
              guchar                *prev_inout)
{
  gsize len = *len_inout;
  guchar prev = *prev_inout;

  while (i + 16 < n)
    {
      Bytes16 v, before;
      Words4 at = { (guint32) i, (guint32) i + 1, (guint32) i + 2, (guint32) i + 3 };

      memcpy (&v, in + i, 16);
      if (any_set (v & 0x80) || in[i + 16] >= 0x80)
        break;
      /* The byte before each, mapped: the last one written before the block first. */
      memcpy ((char *) &before + 1, in + i, 15);
      before[0] = ' ';
      v = map_lanes (v);
      before = map_lanes (before);
      before[0] = prev;
      if (any_set ((Bytes16) ((v == ' ') & (before == ' '))))
        break;   /* white space to collapse */

      memcpy (buf + len, &v, 16);
      for (guint k = 0; k < 4 && starts != NULL; k++)
        {
          Words4 next = at + 1;

          memcpy (starts + len + 4 * k, &at, 16);
          memcpy (ends + len + 4 * k, &next, 16);
          at += 4;
        }
      len += 16;
      prev = v[15];
      i += 16;
    }

  *len_inout = len;
  *prev_inout = prev;
  return i;
}

/* The common case: a run of plain ASCII, each byte not followed by a combining mark, from
 * i. Returns where the run stops. One byte out per byte in at most, so one reservation
 * covers the run; the space test is branch-free (a collapsed space is written, then
 * overwritten). */
static gsize
ascii_run (Out        *o,
           const char *text,
           gsize       n,
           gsize       i)
{
  const guchar *restrict in = (const guchar *) text;
  char *restrict buf;
  guint32 *restrict starts;
  guint32 *restrict ends;
  gsize len;
  guchar prev;

  out_reserve (o, n - i);
  buf = o->buf;
  starts = o->starts;
  ends = o->ends;
  len = o->len;
  prev = len == 0 ? ' ' : (guchar) buf[len - 1];

  if (n == 0)
    return i;

  /* Blocks, and bytes one at a time where a block has something to map. */
  for (gboolean more = TRUE; more;)
    {
      gsize stop;

      i = ascii_blocks (in, n, i, buf, starts, ends, &len, &prev);
      stop = MIN (i + 16, n - 1);
      more = stop < n - 1;
      for (; i < stop; i++)
        {
          guchar m;

          if ((in[i] | in[i + 1]) >= 0x80)
            {
              more = FALSE;
              break;
            }
          m = ascii_map[in[i]];
          buf[len] = (char) m;
          if (starts != NULL)
            {
              starts[len] = (guint32) i;
              ends[len] = (guint32) (i + 1);
            }
          len += (m != ' ') | (prev != ' ');
          prev = m;
        }
    }
  o->len = len;
  return i;
}

static void
normalize_into (Out        *o,
                const char *text,
                gsize       n)
{
  gsize i = 0;

  init_ascii_map ();

  while (i < n)
    {
      guchar b;
      gunichar c;
      gsize j;

      i = ascii_run (o, text, n, i);
      if (i >= n)
        break;
      b = (guchar) text[i];

      if (b < 0x80)
        {
          /* The last byte, or one a combining mark may follow. */
          if (i + 1 >= n || (guchar) text[i + 1] < 0x80)
            {
              out_byte (o, ascii_map[b], (guint32) i, (guint32) (i + 1));
              i++;
              continue;
            }
          c = b;
          j = i + 1;
        }
      else
        {
          c = g_utf8_get_char_validated (text + i, (gssize) (n - i));
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              out_byte (o, ' ', (guint32) i, (guint32) (i + 1));
              i++;
              continue;
            }
          j = i + g_utf8_skip[b];
        }

      /* Extend the segment over the marks that follow. */
      while (j < n && (guchar) text[j] >= 0x80)
        {
          gunichar d = g_utf8_get_char_validated (text + j, (gssize) (n - j));

          if (d == (gunichar) -1 || d == (gunichar) -2 || !is_continuation (d))
            break;
          j += g_utf8_skip[(guchar) text[j]];
        }

      if (j == i + (gsize) g_utf8_skip[b])
        {
          guchar special;

          if (c < 0x80)
            {
              out_byte (o, ascii_map[c], (guint32) i, (guint32) j);
              i = j;
              continue;
            }
          if (is_stable (c))
            {
              out_bytes (o, text + i, j - i, (guint32) i, (guint32) j);
              i = j;
              continue;
            }
          /* Mapped before NFKC, which would turn ″ into two primes. */
          special = special_map (c);
          if (special != 0)
            {
              out_byte (o, special, (guint32) i, (guint32) j);
              i = j;
              continue;
            }
        }

      {
        g_autofree char *nfkc = g_utf8_normalize (text + i, (gssize) (j - i), G_NORMALIZE_NFKC);
        g_autofree char *folded = NULL;

        if (nfkc == NULL)
          {
            out_byte (o, ' ', (guint32) i, (guint32) j);
            i = j;
            continue;
          }
        folded = g_utf8_casefold (nfkc, -1);
        for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
          out_char (o, g_utf8_get_char (p), (guint32) i, (guint32) j);
      }
      i = j;
    }

  if (o->len > 0 && o->buf[o->len - 1] == ' ')
    o->len--;

  out_reserve (o, 0);
  o->buf[o->len] = '\0';
  if (o->starts != NULL)
    {
      o->starts[o->len] = (guint32) n;
      o->ends[o->len] = (guint32) n;
    }
}

static gsize
clamp_length (const char *text,
              gssize      length)
{
  gsize n;

  if (text == NULL)
    return 0;
  n = length < 0 ? strlen (text) : (gsize) length;
  /* The map holds 32-bit offsets. */
  return MIN (n, (gsize) G_MAXUINT32 - 1);
}

DramaNormText *
drama_norm_text_new (const char *text,
                     gssize      length)
{
  DramaNormText *self = g_new0 (DramaNormText, 1);
  gsize n = clamp_length (text, length);
  Out o = { 0 };

  o.cap = n + n / 8 + 16;
  o.buf = g_malloc (o.cap);
  o.starts = g_new (guint32, o.cap);
  o.ends = g_new (guint32, o.cap);
  normalize_into (&o, text, n);

  self->text = o.buf;
  self->len = o.len;
  self->starts = o.starts;
  self->ends = o.ends;
  self->cap = o.cap;
  return self;
}

void
drama_norm_text_set (DramaNormText *self,
                     const char    *text,
                     gssize         length)
{
  Out o = { self->text, 0, self->cap, self->starts, self->ends };

  normalize_into (&o, text, clamp_length (text, length));
  self->text = o.buf;
  self->len = o.len;
  self->starts = o.starts;
  self->ends = o.ends;
  self->cap = o.cap;
}

void
drama_norm_text_free (DramaNormText *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->starts);
  g_free (self->ends);
  g_free (self);
}

char *
drama_text_normalize (const char *text,
                      gssize      length)
{
  gsize n = clamp_length (text, length);
  Out o = { 0 };

  o.cap = n + n / 8 + 16;
  o.buf = g_malloc (o.cap);
  normalize_into (&o, text, n);
  return o.buf;
}

gboolean
drama_text_is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

gboolean
drama_text_is_cjk (gunichar c)
{
  GUnicodeScript script;

  if (c < 0x1100)
    return FALSE;
  script = g_unichar_get_script (c);
  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HANGUL ||
         script == G_UNICODE_SCRIPT_HIRAGANA || script == G_UNICODE_SCRIPT_KATAKANA;
}

/* ---- text from outside ---- */

/* ED A0..BF xx: a UTF-16 surrogate written as if it were a character (CESU-8), which
 * g_utf8_validate rightly refuses. */
static gboolean
is_encoded_surrogate (const guchar *p,
                      const guchar *end)
{
  return end - p >= 3 && p[0] == 0xED && p[1] >= 0xA0 && p[1] <= 0xBF &&
         (p[2] & 0xC0) == 0x80;
}

char *
drama_text_make_safe (const char *text,
                      gssize      length,
                      gsize       max_bytes)
{
  static const char replacement[] = "\xEF\xBF\xBD";   /* U+FFFD */
  static const char ellipsis[] = "\xE2\x80\xA6";      /* … */
  const char *end;
  const char *p;
  const char *valid_end;
  GString *out;

  if (text == NULL)
    return NULL;
  if (length < 0)
    length = (gssize) strlen (text);
  end = text + length;

  /* The usual case: already valid, short enough, no NUL inside. */
  if (g_utf8_validate (text, length, &valid_end) && (max_bytes == 0 || (gsize) length <= max_bytes))
    return g_strndup (text, (gsize) length);

  out = g_string_sized_new (MIN ((gsize) length, max_bytes > 0 ? max_bytes : (gsize) length) + 4);
  for (p = text; p < end;)
    {
      const char *run_end;

      g_utf8_validate (p, end - p, &run_end);
      g_string_append_len (out, p, run_end - p);
      p = run_end;
      if (p >= end)
        break;
      if (*p == '\0')
        p++;            /* a NUL ends a C string: it would cut the text short downstream */
      else
        {
          g_string_append (out, replacement);
          p += is_encoded_surrogate ((const guchar *) p, (const guchar *) end) ? 3 : 1;
        }
      if (max_bytes > 0 && out->len > max_bytes)
        break;
    }

  if (max_bytes > 0 && out->len > max_bytes)
    {
      gsize keep;

      if (max_bytes < sizeof ellipsis)
        keep = 0;
      else
        keep = max_bytes - (sizeof ellipsis - 1);
      /* Back to the start of the character that would be split. */
      while (keep > 0 && ((guchar) out->str[keep] & 0xC0) == 0x80)
        keep--;
      g_string_truncate (out, keep);
      if (max_bytes >= sizeof ellipsis - 1)
        g_string_append (out, ellipsis);
    }
  return g_string_free (out, FALSE);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The code unit of a "\uXXXX" escape at p, or -1. */
static int
json_escape_at (const char *p,
                const char *end)
{
  int value = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

char *
drama_text_json_fix_surrogates (const char *json,
                                gsize       length,
                                gsize      *out_length)
{
  const char *end = json + length;
  const char *copied = json;
  gboolean in_string = FALSE;
  GString *out = NULL;

  for (const char *p = json; p < end; p++)
    {
      int unit;

      if (!in_string)
        {
          in_string = *p == '"';
          continue;
        }
      if (*p == '"')
        {
          in_string = FALSE;
          continue;
        }
      if (*p != '\\')
        continue;
      unit = json_escape_at (p, end);
      if (unit < 0xD800 || unit > 0xDFFF)
        {
          p++;          /* skip the escaped character, be it '"' or '\\' */
          continue;
        }
      if (unit <= 0xDBFF)
        {
          int next = json_escape_at (p + 6, end);

          if (next >= 0xDC00 && next <= 0xDFFF)
            {
              p += 11;  /* a proper pair: json-glib reads it right */
              continue;
            }
        }
      if (out == NULL)
        out = g_string_sized_new (length);
      g_string_append_len (out, copied, p - copied);
      g_string_append (out, "\\uFFFD");
      p += 5;
      copied = p + 1;
    }

  if (out == NULL)
    return NULL;
  g_string_append_len (out, copied, end - copied);
  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}
