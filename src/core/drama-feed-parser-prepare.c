/* drama-feed-parser-prepare.c: feed bytes to text libxml2 can read safely.
 *
 * Character encodings (BOMs, declared charsets, Windows-1252 mislabelled as UTF-8 or Latin-1),
 * then the clean-up that lets libxml2 read the XML real feeds are made of: HTML's named
 * entities become character references, bare ampersands are escaped, characters XML forbids are
 * dropped, and the DOCTYPE is cut out, so libxml2 never sees an entity declaration (no external
 * entities, no parameter entities, no expansion bombs).  Simple internal entities
 * ("<!ENTITY id 'text'>") are substituted here instead, within a byte budget.
 */
#define G_LOG_DOMAIN "drama-feed-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "drama-feed-parser-private.h"

#define MAX_INTERNAL_ENTITIES 64
#define MAX_ENTITY_VALUE 1024
#define MAX_ENTITY_EXPANSION (1024 * 1024)

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

/* Everything to UTF-8, or NULL with @error set. */
char *
_drama_feed_to_utf8 (const char  *data,
         gsize        length,
         gsize       *out_length,
         GError     **error)
{
  const guchar *u = (const guchar *) data;
  const char *from = NULL;
  gsize skip = 0;
  g_autofree char *declared = NULL;

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
      char *out = g_convert (data + skip, length - skip, "UTF-8", from, NULL, out_length, NULL);
      if (out == NULL)
        g_set_error (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_MALFORMED,
                     _("The feed’s text is not valid %s."), from);
      return out;
    }

  data += skip;
  length -= skip;
  declared = declared_encoding (data, length);

  if (declared == NULL || g_str_equal (declared, "utf-8") || g_str_equal (declared, "utf8") ||
      g_str_equal (declared, "us-ascii") || g_str_equal (declared, "ascii") ||
      g_str_has_prefix (declared, "utf-16"))
    {
      /* A feed that says UTF-8 (or nothing) but is not: almost always Windows-1252. */
      if (g_utf8_validate (data, length, NULL))
        {
          *out_length = length;
          return g_strndup (data, length);
        }
      return from_windows_1252 (data, length, out_length);
    }
  if (is_latin1_name (declared))
    return from_windows_1252 (data, length, out_length);

  {
    char *out = g_convert (data, length, "UTF-8", declared, NULL, out_length, NULL);
    if (out != NULL)
      return out;
  }
  if (g_utf8_validate (data, length, NULL))
    {
      *out_length = length;
      return g_strndup (data, length);
    }
  return from_windows_1252 (data, length, out_length);
}

/* ---- making real-world XML well-formed enough ---- */

typedef struct {
  GHashTable *entities;   /* name → literal text, from the internal DTD subset */
  gsize       expanded;   /* bytes added by them so far */
} Prepare;

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

/* Remembers "<!ENTITY name 'text'>" declarations whose text holds no reference or markup. */
static void
collect_entities (Prepare    *prep,
                  const char *subset,
                  gsize       length)
{
  const char *end = subset + length;
  const char *p = subset;

  while ((p = g_strstr_len (p, end - p, "<!ENTITY")) != NULL)
    {
      const char *name, *value;
      char quote;
      gsize name_len;

      p += strlen ("<!ENTITY");
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p >= end || *p == '%')
        continue;
      name = p;
      while (p < end && (g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '.'))
        p++;
      name_len = p - name;
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (name_len == 0 || p >= end || (*p != '"' && *p != '\''))
        continue;  /* SYSTEM / PUBLIC: external, never loaded */
      quote = *p++;
      value = p;
      while (p < end && *p != quote)
        p++;
      if (p >= end)
        break;
      if (p - value <= MAX_ENTITY_VALUE && memchr (value, '&', p - value) == NULL &&
          memchr (value, '%', p - value) == NULL && memchr (value, '<', p - value) == NULL &&
          g_hash_table_size (prep->entities) < MAX_INTERNAL_ENTITIES)
        g_hash_table_insert (prep->entities, g_strndup (name, name_len),
                             g_strndup (value, p - value));
    }
}

/* Copies "&...": keeps XML's own references, turns HTML's named entities and Windows-1252
 * character references into real ones, and escapes anything else. Returns bytes consumed. */
static gsize
copy_reference (Prepare    *prep,
                GString    *out,
                const char *p,
                const char *end)
{
  const char *q = p + 1;
  char name[64];
  gsize len;

  if (q < end && *q == '#')
    {
      gboolean hex = q + 1 < end && (q[1] == 'x' || q[1] == 'X');
      const char *digits = q + (hex ? 2 : 1);
      const char *r = digits;
      guint64 value = 0;

      while (r < end && (hex ? g_ascii_isxdigit (*r) : g_ascii_isdigit (*r)) && r - digits < 9)
        {
          value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*r) : *r - '0');
          r++;
        }
      if (r > digits && r < end && *r == ';')
        {
          gunichar c = (gunichar) value;
          if (c >= 0x80 && c <= 0x9F)
            c = cp1252_high[c - 0x80];
          if (is_xml_char (c) && !(c >= 0x80 && c <= 0x9F))
            g_string_append_printf (out, "&#%u;", c);
          return r + 1 - p;
        }
      g_string_append (out, "&amp;");
      return 1;
    }

  for (len = 0; q + len < end && len < sizeof name - 1 &&
       (g_ascii_isalnum (q[len]) || q[len] == '_' || q[len] == '-' || q[len] == '.'); len++)
    name[len] = q[len];
  name[len] = '\0';
  if (len > 0 && q + len < end && q[len] == ';')
    {
      const char *value;
      const htmlEntityDesc *html;

      if (g_str_equal (name, "amp") || g_str_equal (name, "lt") || g_str_equal (name, "gt") ||
          g_str_equal (name, "quot") || g_str_equal (name, "apos"))
        {
          g_string_append_len (out, p, len + 2);
          return len + 2;
        }
      value = g_hash_table_lookup (prep->entities, name);
      if (value != NULL && prep->expanded + strlen (value) <= MAX_ENTITY_EXPANSION)
        {
          prep->expanded += strlen (value);
          append_escaped (out, value);
          return len + 2;
        }
      html = htmlEntityLookup ((const xmlChar *) name);
      if (html != NULL)
        {
          g_string_append_printf (out, "&#%u;", html->value);
          return len + 2;
        }
    }
  g_string_append (out, "&amp;");
  return 1;
}

/* Length of the DOCTYPE declaration at @p (quotes and the [internal subset] included). */
static gsize
doctype_length (const char *p,
                const char *end,
                const char **subset,
                gsize       *subset_len)
{
  const char *q = p + strlen ("<!DOCTYPE");
  char quote = 0;
  int depth = 0;

  *subset = NULL;
  *subset_len = 0;
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
        {
          if (depth++ == 0)
            *subset = q + 1;
        }
      else if (*q == ']' && depth > 0)
        {
          if (--depth == 0)
            *subset_len = q - *subset;
        }
      else if (*q == '>' && depth == 0)
        return q + 1 - p;
    }
  return end - p;
}

static const char *
find_or_end (const char *p,
             const char *end,
             const char *needle)
{
  const char *found = g_strstr_len (p, end - p, needle);

  return found != NULL ? found + strlen (needle) : end;
}

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

char *
_drama_feed_prepare_xml (const char *data,
             gsize       length,
             gsize      *out_length)
{
  const char *p = data, *end = data + length;
  GString *out = g_string_sized_new (length + 64);
  Prepare prep = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free), 0 };
  gboolean in_prolog = TRUE;

  /* Our declaration would contradict the UTF-8 we now hold: drop it. */
  if (length > 6 && strncmp (p, "<?xml", 5) == 0 && g_ascii_isspace (p[5]))
    p = find_or_end (p, end, "?>");

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
          p += copy_reference (&prep, out, p, end);
          continue;
        }
      if (end - p >= 9 && strncmp (p, "<![CDATA[", 9) == 0)
        next = find_or_end (p, end, "]]>");
      else if (end - p >= 4 && strncmp (p, "<!--", 4) == 0)
        next = find_or_end (p, end, "-->");
      else if (end - p >= 2 && p[1] == '?')
        next = find_or_end (p, end, "?>");
      else if (in_prolog && end - p >= 9 && g_ascii_strncasecmp (p, "<!DOCTYPE", 9) == 0)
        {
          const char *subset;
          gsize subset_len;

          p += doctype_length (p, end, &subset, &subset_len);
          if (subset != NULL)
            collect_entities (&prep, subset, subset_len);
          continue;
        }
      else
        {
          if (end - p >= 2 && (g_ascii_isalpha (p[1]) || p[1] == '_' || p[1] == ':'))
            in_prolog = FALSE;
          g_string_append_c (out, '<');
          p++;
          continue;
        }
      append_chars (out, p, next);
      p = next;
    }

  g_hash_table_unref (prep.entities);
  *out_length = out->len;
  return g_string_free (out, FALSE);
}
