#define G_LOG_DOMAIN "drama-url"

#include "config.h"

#include "drama-url.h"

#include <libsoup/soup.h>
#include <string.h>

static gboolean
is_control (guchar             c,
            DramaUrlCleanFlags flags)
{
  return c < 0x20 || (c == 0x7f && (flags & DRAMA_URL_CLEAN_DROP_DEL) != 0);
}

char *
drama_url_clean (const char         *text,
                 DramaUrlCleanFlags  flags)
{
  GString *s;
  const char *start;
  const char *end;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  /* Nearly every URL has no space or control: nothing to clean. */
  for (p = text; *p != '\0' && *p != ' ' && !is_control ((guchar) *p, flags); p++)
    ;
  if (*p == '\0')
    return g_strdup (text);

  start = text;
  while (*start != '\0' && (*start == ' ' || is_control ((guchar) *start, flags)))
    start++;
  end = start + strlen (start);
  while (end > start && (end[-1] == ' ' || is_control ((guchar) end[-1], flags)))
    end--;

  s = g_string_sized_new (end - start);
  for (p = start; p < end; p++)
    {
      if (*p == ' ')
        {
          if ((flags & DRAMA_URL_CLEAN_ESCAPE_SPACES) != 0)
            g_string_append (s, "%20");
          else if ((flags & DRAMA_URL_CLEAN_DROP_SPACES) == 0)
            g_string_append_c (s, ' ');
        }
      else if (!is_control ((guchar) *p, flags))
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

char *
drama_url_host_name (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;

  if (uri != NULL && g_uri_get_host (uri) != NULL)
    return g_strdup (g_uri_get_host (uri));
  return g_strdup (url != NULL ? url : "");
}

gboolean
drama_url_scheme_is_http (const char *scheme)
{
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

GUri *
drama_url_parse (GUri       *base,
                 const char *ref)
{
  g_return_val_if_fail (ref != NULL, NULL);

  /* g_uri_parse () is this with no base. */
  return g_uri_parse_relative (base, ref, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
}
