/* drama-date.c: the date forms feeds use in the wild, read as UTC.
 *
 * RFC 822/2822 ("Wed, 22 May 2019 21:00:00 KST", with or without the weekday, the seconds
 * or the zone, two-digit years, named and military zones) and ISO 8601 / RFC 3339
 * ("2019-05-22T12:00:00.5+09:00", compact forms, date only).  Anything else is refused so
 * that the caller drops the date, never the entry.
 */
#define G_LOG_DOMAIN "drama-date"

#include "config.h"

#include "drama-date.h"

#include <stdlib.h>
#include <string.h>

/* A date made of checked fields; offset is the zone's distance east of UTC, in seconds. */
static gboolean
make_unix (int     year,
           int     month,
           int     day,
           int     hour,
           int     minute,
           double  seconds,
           int     offset,
           gint64 *out)
{
  g_autoptr(GDateTime) dt = NULL;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
    return FALSE;
  /* "24:00" is the end of the day, and leap seconds are folded into the minute. */
  if (hour == 24 && minute == 0 && seconds == 0)
    {
      dt = g_date_time_new_utc (year, month, day, 0, 0, 0);
      if (dt == NULL)
        return FALSE;
      *out = g_date_time_to_unix (dt) + 86400 - offset;
      return TRUE;
    }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || seconds < 0 || seconds >= 61)
    return FALSE;
  if (seconds >= 60)
    seconds = 59;
  dt = g_date_time_new_utc (year, month, day, hour, minute, (int) seconds);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt) - offset;
  return TRUE;
}

/* Reads exactly @n digits. */
static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

/* "Z", "+09:00", "+0900", "+09", or nothing (UTC). */
static gboolean
read_iso_zone (const char *p,
               int        *offset)
{
  int sign, hh = 0, mm = 0;

  while (*p == ' ')
    p++;
  *offset = 0;
  if (*p == '\0')
    return TRUE;
  if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
    return TRUE;
  if (g_ascii_strcasecmp (p, "UTC") == 0 || g_ascii_strcasecmp (p, "GMT") == 0)
    return TRUE;
  if (*p != '+' && *p != '-')
    return FALSE;
  sign = *p == '-' ? -1 : 1;
  p++;
  if (!read_digits (&p, 2, &hh))
    return FALSE;
  if (*p == ':')
    p++;
  if (*p != '\0' && !read_digits (&p, 2, &mm))
    return FALSE;
  if (*p != '\0' || hh > 23 || mm > 59)
    return FALSE;
  *offset = sign * (hh * 3600 + mm * 60);
  return TRUE;
}

static gboolean
parse_iso8601 (const char *p,
               gint64     *out)
{
  int year, month = 1, day = 1, hour = 0, minute = 0, offset = 0;
  double seconds = 0;
  gboolean extended;

  if (!read_digits (&p, 4, &year))
    return FALSE;
  extended = *p == '-';
  if (extended)
    {
      p++;
      if (!read_digits (&p, 2, &month))
        return FALSE;
      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 2, &day))
            return FALSE;
        }
    }
  else if (g_ascii_isdigit (*p))
    {
      if (!read_digits (&p, 2, &month) || !read_digits (&p, 2, &day))
        return FALSE;
    }

  if (*p == 'T' || *p == 't' || (*p == ' ' && g_ascii_isdigit (p[1])))
    {
      p++;
      if (!read_digits (&p, 2, &hour))
        return FALSE;
      if (*p == ':')
        p++;
      if (!read_digits (&p, 2, &minute))
        return FALSE;
      if (*p == ':' || g_ascii_isdigit (*p))
        {
          int whole;

          if (*p == ':')
            p++;
          if (!read_digits (&p, 2, &whole))
            return FALSE;
          seconds = whole;
          if (*p == '.' || *p == ',')
            {
              p++;
              if (!g_ascii_isdigit (*p))
                return FALSE;
              /* Fractions are dropped: the app keeps whole seconds. */
              while (g_ascii_isdigit (*p))
                p++;
            }
        }
      if (!read_iso_zone (p, &offset))
        return FALSE;
    }
  else
    {
      while (*p == ' ')
        p++;
      /* A date alone may still carry a zone ("2003-12-31Z"); otherwise nothing may follow. */
      if (*p != '\0' && !read_iso_zone (p, &offset))
        return FALSE;
    }

  return make_unix (year, month, day, hour, minute, seconds, offset, out);
}

static int
month_from_name (const char *token)
{
  static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec" };

  if (strlen (token) < 3)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (token, months[i], 3) == 0)
      return i + 1;
  return 0;
}

static gboolean
is_weekday (const char *token)
{
  static const char *const days[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

  if (strlen (token) < 3)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    if (g_ascii_strncasecmp (token, days[i], 3) == 0)
      return TRUE;
  return FALSE;
}

/* Named zones of RFC 822 plus the ones Asian and European feeds use. */
static gboolean
zone_from_name (const char *token,
                int        *offset)
{
  static const struct { const char *name; int hours; } zones[] = {
    { "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 }, { "WET", 0 },
    { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
    { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
    { "AST", -4 }, { "ADT", -3 }, { "HST", -10 }, { "AKST", -9 }, { "AKDT", -8 },
    { "ET", -5 }, { "CT", -6 }, { "MT", -7 }, { "PT", -8 },
    { "BST", 1 }, { "CET", 1 }, { "CEST", 2 }, { "MET", 1 }, { "MEST", 2 }, { "EET", 2 },
    { "EEST", 3 }, { "MSK", 3 }, { "IST", 5 }, { "KST", 9 }, { "JST", 9 }, { "HKT", 8 },
    { "SGT", 8 }, { "AEST", 10 }, { "AEDT", 11 }, { "NZST", 12 }, { "NZDT", 13 },
  };
  char c;

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    if (g_ascii_strcasecmp (token, zones[i].name) == 0)
      {
        *offset = zones[i].hours * 3600;
        return TRUE;
      }

  /* Military letters, as RFC 822 defines them: A..I = -1..-9, K..M = -10..-12,
   * N..Y = +1..+12 (J is not used, Z is UTC above). */
  if (token[0] == '\0' || token[1] != '\0')
    return FALSE;
  c = g_ascii_toupper (token[0]);
  if (c >= 'A' && c <= 'I')
    *offset = -(c - 'A' + 1) * 3600;
  else if (c >= 'K' && c <= 'M')
    *offset = -(c - 'K' + 10) * 3600;
  else if (c >= 'N' && c <= 'Y')
    *offset = (c - 'N' + 1) * 3600;
  else
    return FALSE;
  return TRUE;
}

/* "+0900", "-05:00", "+9", and zone names with a numeric part ("GMT+9", "UTC-05:00"). */
static gboolean
zone_from_token (const char *token,
                 int        *offset)
{
  const char *p = token;
  int sign, hh = 0, mm = 0;
  gsize digits;

  if (zone_from_name (token, offset))
    return TRUE;
  if (g_ascii_strncasecmp (p, "GMT", 3) == 0 || g_ascii_strncasecmp (p, "UTC", 3) == 0)
    p += 3;
  if (*p != '+' && *p != '-')
    return FALSE;
  sign = *p == '-' ? -1 : 1;
  p++;
  digits = strspn (p, "0123456789");
  if (digits == 4 && p[4] == '\0')
    {
      read_digits (&p, 2, &hh);
      read_digits (&p, 2, &mm);
    }
  else if ((digits == 1 || digits == 2) && (p[digits] == '\0' || p[digits] == ':'))
    {
      read_digits (&p, digits, &hh);
      if (*p == ':')
        {
          p++;
          if (!read_digits (&p, 2, &mm) || *p != '\0')
            return FALSE;
        }
    }
  else
    return FALSE;
  if (hh > 23 || mm > 59)
    return FALSE;
  *offset = sign * (hh * 3600 + mm * 60);
  return TRUE;
}

static gboolean
parse_time_token (const char *token,
                  int        *hour,
                  int        *minute,
                  double     *seconds)
{
  g_auto(GStrv) parts = g_strsplit (token, ":", -1);
  guint n = g_strv_length (parts);

  if (n < 2 || n > 3)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (parts[i][0] == '\0' || strlen (parts[i]) > 2 ||
        strspn (parts[i], "0123456789") != strlen (parts[i]))
      return FALSE;
  *hour = atoi (parts[0]);
  *minute = atoi (parts[1]);
  *seconds = n == 3 ? atoi (parts[2]) : 0;
  return TRUE;
}

static gboolean
is_number (const char *token)
{
  return token[0] != '\0' && strspn (token, "0123456789") == strlen (token);
}

static gboolean
parse_rfc822 (const char *text,
              gint64     *out)
{
  g_autofree char *copy = g_strdup (text);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
  int day = 0, month = 0, year = -1, hour = 0, minute = 0, offset = 0;
  double seconds = 0;
  gboolean have_time = FALSE;
  guint i = 0;

  /* Commas and stray dots after the weekday or the day carry no meaning. */
  for (char *p = copy; *p != '\0'; p++)
    if (*p == ',' || *p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  for (char *tok = strtok (copy, " "); tok != NULL; tok = strtok (NULL, " "))
    g_ptr_array_add (tokens, tok);
  if (tokens->len == 0)
    return FALSE;

  if (is_weekday (g_ptr_array_index (tokens, 0)) &&
      month_from_name (g_ptr_array_index (tokens, 0)) == 0)
    {
      const char *first = g_ptr_array_index (tokens, 0);
      if (!g_ascii_isalpha (first[strlen (first) - 1]) && first[strlen (first) - 1] != '.')
        return FALSE;
      i++;
    }

  /* "22 May 2019" or, as some feeds write it, "May 22 2019". */
  if (i + 1 >= tokens->len)
    return FALSE;
  {
    const char *a = g_ptr_array_index (tokens, i);
    const char *b = g_ptr_array_index (tokens, i + 1);
    char *end = NULL;

    if (is_number (a) && strlen (a) <= 2 && (month = month_from_name (b)) != 0)
      day = atoi (a);
    else if ((month = month_from_name (a)) != 0 && strlen (b) <= 3 &&
             (day = (int) g_ascii_strtoll (b, &end, 10)) > 0 && (*end == '\0' || *end == '.'))
      ;
    else
      return FALSE;
    i += 2;
  }

  if (i >= tokens->len)
    return FALSE;
  {
    const char *y = g_ptr_array_index (tokens, i);
    gsize len = strlen (y);

    if (!is_number (y) || len < 2 || len > 4)
      return FALSE;
    year = atoi (y);
    /* Two-digit years: RFC 2822's rule; three-digit ones count from 1900. */
    if (len == 2)
      year += year < 50 ? 2000 : 1900;
    else if (len == 3)
      year += 1900;
    i++;
  }

  if (i < tokens->len && strchr (g_ptr_array_index (tokens, i), ':') != NULL)
    {
      if (!parse_time_token (g_ptr_array_index (tokens, i), &hour, &minute, &seconds))
        return FALSE;
      have_time = TRUE;
      i++;
    }

  if (i < tokens->len && have_time)
    {
      if (!zone_from_token (g_ptr_array_index (tokens, i), &offset))
        return FALSE;
      i++;
      /* "+0900 (KST)": a comment naming the zone again. */
      if (i < tokens->len && ((const char *) g_ptr_array_index (tokens, i))[0] == '(')
        i = tokens->len;
    }

  if (i != tokens->len)
    return FALSE;
  return make_unix (year, month, day, hour, minute, seconds, offset, out);
}

/**
 * drama_date_parse:
 * @text: a date from a feed
 * @out_unix_utc: (out): the moment in Unix seconds
 *
 * Returns: %TRUE if @text is an RFC 822 or ISO 8601 date, with @out_unix_utc set.
 */
gboolean
drama_date_parse (const char *text,
                  gint64     *out_unix_utc)
{
  g_autofree char *trimmed = NULL;
  gint64 value = 0;
  gboolean ok;

  g_return_val_if_fail (out_unix_utc != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  if (trimmed[0] == '\0' || strlen (trimmed) > 200)
    return FALSE;

  if (g_ascii_isdigit (trimmed[0]) && g_ascii_isdigit (trimmed[1]) &&
      g_ascii_isdigit (trimmed[2]) && g_ascii_isdigit (trimmed[3]))
    ok = parse_iso8601 (trimmed, &value);
  else
    ok = parse_rfc822 (trimmed, &value);

  if (ok)
    *out_unix_utc = value;
  return ok;
}

/**
 * drama_date_to_iso:
 * @unix_utc: Unix seconds
 *
 * Returns: (transfer full): "2019-05-22T12:00:00Z", or %NULL if out of range.
 */
char *
drama_date_to_iso (gint64 unix_utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_utc);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}
