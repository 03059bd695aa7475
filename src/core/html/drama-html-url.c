/* drama-html-url.c: which URLs the sanitiser keeps, and in what form.
 *
 * A URL is cleaned as a browser would read it (entities, tabs and newlines, spaces at its
 * ends), made absolute against the article's base, and kept only with a scheme and host
 * that are safe for what it is used for (UrlKind): no javascript:, no user name before the
 * host, no private address for anything the web view would load by itself. The common
 * case, a plain http(s) URL, takes a path without GUri (resolve_url_fast ()). */
#define G_LOG_DOMAIN "drama-html"

#include "config.h"

#include "drama-html.h"
#include "drama-html-private.h"
#include "drama-net-guard.h"
#include "drama-url.h"

#include <gio/gio.h>
#include <string.h>

/* libxml2 2.9 knows only the HTML 4 entities and leaves "&colon;" as text, but a browser reads
 * "javascript&colon;" as "javascript:". Decoding the HTML 5 names that can spell URL syntax
 * makes the scheme check see what the browser would. */
static char *
decode_html5_url_entities (const char *raw)
{
  static const struct { const char *name; char c; } entities[] = {
    { "colon", ':' }, { "Tab", '\t' }, { "NewLine", '\n' }, { "sol", '/' }, { "bsol", '\\' },
    { "period", '.' }, { "lpar", '(' }, { "rpar", ')' }, { "quest", '?' }, { "num", '#' },
    { "excl", '!' }, { "commat", '@' }, { "percnt", '%' }, { "plus", '+' }, { "comma", ',' },
    { "semi", ';' }, { "equals", '=' }, { "lowbar", '_' }, { "dollar", '$' }, { "ast", '*' },
  };
  GString *s = g_string_sized_new (strlen (raw));

  for (const char *p = raw; *p != '\0'; p++)
    {
      gboolean decoded = FALSE;

      if (*p == '&')
        {
          for (gsize i = 0; i < G_N_ELEMENTS (entities); i++)
            {
              gsize len = strlen (entities[i].name);

              if (strncmp (p + 1, entities[i].name, len) == 0 && p[1 + len] == ';')
                {
                  g_string_append_c (s, entities[i].c);
                  p += len + 1;
                  decoded = TRUE;
                  break;
                }
            }
        }
      if (!decoded)
        g_string_append_c (s, *p);
    }

  return g_string_free (s, FALSE);
}

/* Entities first, then what a browser ignores (drama_url_clean ()). */
static char *
clean_url (const char *input,
           gboolean    drop_spaces)
{
  g_autofree char *decoded = NULL;
  const char *p;

  /* Nearly every URL has no entity, space or control: nothing to clean. */
  for (p = input; (guchar) *p > 0x20 && *p != 0x7f && *p != '&'; p++)
    ;
  if (*p == '\0')
    return g_strdup (input);

  decoded = decode_html5_url_entities (input);
  return drama_url_clean (decoded, DRAMA_URL_CLEAN_DROP_DEL |
                                   (drop_spaces ? DRAMA_URL_CLEAN_DROP_SPACES
                                                : DRAMA_URL_CLEAN_ESCAPE_SPACES));
}

/* Loopback, private, link-local, CGNAT and NAT64-mapped private addresses are refused for
 * anything the web view would load by itself, so an article cannot make it fetch from this
 * machine or its network. Only literal addresses are judged here; names are judged on the
 * address connected to, when the picture is fetched (drama-net-guard.c). */
static gboolean
address_is_public (GInetAddress *address)
{
  return drama_net_address_is_public (address);
}

/* WHATWG URL parsing reads a host whose last label is a number as IPv4, in decimal, octal or
 * hex ("2130706433", "0x7f.1"): anything like that which is not a plain dotted quad is refused
 * too, as is localhost. */
static gboolean
host_is_public (const char *host)
{
  g_autofree char *lower = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *last_label;
  gsize len;

  if (host == NULL || *host == '\0')
    return FALSE;

  lower = g_ascii_strdown (host, -1);
  len = strlen (lower);
  while (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';
  if (len == 0)
    return FALSE;

  if (strcmp (lower, "localhost") == 0 || g_str_has_suffix (lower, ".localhost"))
    return FALSE;

  if (strchr (lower, ':') != NULL)
    {
      /* GUri gives IPv6 literals without their brackets. */
      if (lower[0] == '[' && lower[len - 1] == ']')
        {
          lower[len - 1] = '\0';
          memmove (lower, lower + 1, len - 1);
        }
      address = g_inet_address_new_from_string (lower);
      if (address == NULL)
        return FALSE;
    }
  else
    {
      last_label = strrchr (lower, '.');
      last_label = last_label != NULL ? last_label + 1 : lower;
      if (g_ascii_isdigit (last_label[0]))
        {
          address = g_inet_address_new_from_string (lower);
          if (address == NULL)
            return FALSE;
        }
    }

  return address == NULL || address_is_public (address);
}

/* GUri has already decoded %-escapes and mapped international names to ASCII; what is left
 * must be a plain name or address. A browser reads a backslash as "/", so
 * "127.0.0.1\x.example.org" is 127.0.0.1 to it but not to us: such hosts are refused. */
static gboolean
host_is_plain (const char *host)
{
  if (host == NULL || *host == '\0')
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_' && *p != ':')
      return FALSE;

  return TRUE;
}

static gboolean
is_raster_data_image (const char *url)
{
  static const char * const prefixes[] = {
    "data:image/png;base64,", "data:image/gif;base64,", "data:image/jpeg;base64,",
    "data:image/jpg;base64,", "data:image/webp;base64,",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize plen = strlen (prefixes[i]);

      if (g_ascii_strncasecmp (url, prefixes[i], plen) == 0)
        {
          const char *p = url + plen;

          if (*p == '\0')
            return FALSE;
          for (; *p != '\0'; p++)
            if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
              return FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

/* TRUE when @url has a "%XX" escape of a byte outside ASCII: the author chose escapes. */
static gboolean
has_non_ascii_escape (const char *url)
{
  for (const char *p = url; *p != '\0'; p++)
    if (p[0] == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]) &&
        g_ascii_xdigit_value (p[1]) >= 8)
      return TRUE;

  return FALSE;
}

static gboolean
has_non_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return TRUE;

  return FALSE;
}

/* GUri writes every non-ASCII character of a URL as %-escapes; an author who wrote "/À" gets
 * it back as written. Only the part after the host is touched (the host stays the ASCII form
 * the checks saw) and only escapes that spell a visible character are decoded: never ASCII,
 * spaces, controls or formatting characters such as bidi overrides. Takes ownership of @url. */
static char *
restore_non_ascii (char *url)
{
  const char *authority = strstr (url, "://");
  const char *rest;
  GString *s;

  if (authority == NULL)
    return url;
  rest = authority + 3 + strcspn (authority + 3, "/?#");

  s = g_string_new_len (url, rest - url);
  for (const char *p = rest; *p != '\0';)
    {
      char bytes[5] = { 0 };
      gsize n = 0;
      const char *q = p;

      /* Collect one character's worth of high escapes, at most four bytes. */
      while (n < 4 && q[0] == '%' && g_ascii_isxdigit (q[1]) && g_ascii_isxdigit (q[2]) &&
             g_ascii_xdigit_value (q[1]) >= 8)
        {
          bytes[n++] = (char) (g_ascii_xdigit_value (q[1]) * 16 + g_ascii_xdigit_value (q[2]));
          q += 3;
          if (g_utf8_validate (bytes, n, NULL))
            break;
        }
      if (n > 0 && g_utf8_validate (bytes, n, NULL) &&
          g_unichar_isgraph (g_utf8_get_char (bytes)))
        {
          g_string_append_len (s, bytes, n);
          p = q;
        }
      else
        g_string_append_c (s, *p++);
    }

  g_free (url);
  return g_string_free (s, FALSE);
}

/* A "%" that does not start an escape ("100%.jpg", "%zz") is what a browser reads as a plain
 * "%"; the relaxed parse keeps it as written, which the strict parse of
 * drama_html_is_safe_link () refuses. Writing it as "%25" keeps the URL the browser would load
 * and valid. Takes ownership of @url. */
static char *
escape_stray_percent (char *url)
{
  GString *s;

  if (strchr (url, '%') == NULL)
    return url;

  s = g_string_sized_new (strlen (url) + 8);
  for (const char *p = url; *p != '\0'; p++)
    {
      if (p[0] == '%' && !(g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2])))
        g_string_append (s, "%25");
      else
        g_string_append_c (s, *p);
    }

  g_free (url);
  return g_string_free (s, FALSE);
}

/* Characters a URL of resolve_url_fast () may have after its host: no escape, space, quote,
 * backslash, bracket, semicolon or anything outside ASCII, nothing GUri would change. */
static gboolean
is_plain_url_char (char c)
{
  if (g_ascii_isalnum (c))
    return TRUE;
  switch (c)
    {
    case '-': case '.': case '_': case '~': case '/': case '?': case '#': case '!': case '$':
    case '&': case '\'': case '(': case ')': case '*': case '+': case ',': case '=': case ':':
    case '@':
      return TRUE;
    default:
      return FALSE;
    }
}

/* A host GUri keeps as written and every check above lets through as a name: lower-case
 * letters, digits, dots and hyphens. Numbers and localhost are still judged by
 * host_is_public (). */
static gboolean
is_plain_lower_host (const char *host,
                     gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (host[i]) && !g_ascii_isdigit (host[i]) && host[i] != '.' && host[i] != '-')
      return FALSE;
  return TRUE;
}

/* [@p, end of string) as the rest of a URL after its host: plain characters only, and no
 * "/." in the path, where GUri would remove dot segments. */
static gboolean
is_plain_url_rest (const char *p)
{
  gboolean in_path = TRUE;

  for (; *p != '\0'; p++)
    {
      if (!is_plain_url_char (*p))
        return FALSE;
      if (*p == '?' || *p == '#')
        in_path = FALSE;
      else if (in_path && p[0] == '/' && p[1] == '.')
        return FALSE;
    }
  return TRUE;
}

/* resolve_url_full () for the URLs articles are made of, without GUri: an absolute
 * "http(s)://host/path" as written, or a "/path" below a plain http(s) base. Sets *handled
 * to FALSE for anything else. The result is what the GUri path gives (self-checking compares
 * the two). */
static char *
resolve_url_fast (GUri       *base,
                  const char *cleaned,
                  UrlKind     kind,
                  gboolean   *handled)
{
  *handled = FALSE;

  if (g_str_has_prefix (cleaned, "http://") || g_str_has_prefix (cleaned, "https://"))
    {
      const char *host = strchr (cleaned, ':') + 3;
      gsize host_len = strcspn (host, "/?#");
      char host_copy[256];

      if (!is_plain_lower_host (host, host_len) || host_len >= sizeof host_copy ||
          !is_plain_url_rest (host + host_len))
        return NULL;
      *handled = TRUE;
      memcpy (host_copy, host, host_len);
      host_copy[host_len] = '\0';
      if ((kind == URL_IMAGE || kind == URL_EMBED) && !host_is_public (host_copy) &&
          (base == NULL || host_is_public (g_uri_get_host (base))))
        return NULL;
      return g_strdup (cleaned);
    }

  if (cleaned[0] == '/' && cleaned[1] != '/' && base != NULL)
    {
      const char *scheme = g_uri_get_scheme (base);
      const char *host = g_uri_get_host (base);
      int port = g_uri_get_port (base);
      GString *url;

      if (!drama_url_scheme_is_http (scheme) || host == NULL || !is_plain_lower_host (host, strlen (host)) ||
          g_uri_get_userinfo (base) != NULL || !is_plain_url_rest (cleaned))
        return NULL;
      *handled = TRUE;
      /* The host is the base's: public or not, the same as the article's. */
      url = g_string_sized_new (strlen (scheme) + strlen (host) + strlen (cleaned) + 10);
      g_string_append (url, scheme);
      g_string_append_len (url, "://", 3);
      g_string_append (url, host);
      if (port != -1)
        g_string_append_printf (url, ":%d", port);
      g_string_append (url, cleaned);
      return g_string_free (url, FALSE);
    }

  return NULL;
}

static char *resolve_url_slow (GUri       *base,
                               const char *cleaned,
                               UrlKind     kind,
                               gboolean    keep_unicode);

/* Returns the absolute URL to write into the output, or NULL when @raw may not be used. */
static char *
resolve_url_full (GUri       *base,
                  const char *raw,
                  UrlKind     kind,
                  gboolean    keep_unicode)
{
  g_autofree char *cleaned = NULL;

  if (raw == NULL)
    return NULL;

  if (kind == URL_IMAGE)
    {
      g_autofree char *data = clean_url (raw, TRUE);

      if (g_ascii_strncasecmp (data, "data:", 5) == 0)
        {
          if (!is_raster_data_image (data))
            return NULL;
          /* The media type is written in lower case so a second pass sees the same URL. */
          for (char *p = data; *p != ','; p++)
            *p = g_ascii_tolower (*p);
          return g_steal_pointer (&data);
        }
    }

  cleaned = clean_url (raw, FALSE);
  if (*cleaned == '\0' || *cleaned == '#')
    return NULL;
  cleaned = escape_stray_percent (cleaned);

  {
    gboolean handled;
    char *fast = resolve_url_fast (base, cleaned, kind, &handled);

    if (handled)
      {
        if (_drama_html_self_check)
          {
            g_autofree char *slow = resolve_url_slow (base, cleaned, kind, keep_unicode);

            if (g_strcmp0 (fast, slow) != 0)
              g_error ("resolve_url_fast (%s, %s, %d) gave %s, GUri %s",
                       base != NULL ? g_uri_to_string (base) : "(no base)", cleaned, kind,
                       fast != NULL ? fast : "(null)", slow != NULL ? slow : "(null)");
          }
        return fast;
      }
  }

  return resolve_url_slow (base, cleaned, kind, keep_unicode);
}

static char *
resolve_url_slow (GUri       *base,
                  const char *cleaned,
                  UrlKind     kind,
                  gboolean    keep_unicode)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *written = NULL;
  const char *scheme;
  const char *path;

  uri = drama_url_parse (base, cleaned);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (scheme == NULL)
    return NULL;

  if (g_ascii_strcasecmp (scheme, "mailto") == 0)
    {
      if (kind != URL_LINK || *g_uri_get_path (uri) == '\0')
        return NULL;
      /* NULL for a GUri it cannot write, which the relaxed parse can make. */
      return g_uri_to_string (uri);
    }

  if (!drama_url_scheme_is_http (scheme))
    return NULL;
  if (!host_is_plain (g_uri_get_host (uri)))
    return NULL;
  /* The relaxed parse reads "http://a.example;x" as host "a.example", path ";x": a GUri that
   * g_uri_to_string () refuses with a critical, and not a URL a browser would read that way. */
  path = g_uri_get_path (uri);
  if (*path != '\0' && *path != '/')
    return NULL;
  /* "https://trusted.example@evil.example/" reads as the wrong site. */
  if (g_uri_get_userinfo (uri) != NULL)
    return NULL;
  /* An article of a site on the user's own network (its link there too) may show that
   * site's pictures: the reader fetches them itself and lets a feed reach a private address
   * only when the feed lives on one (drama-web-context.c, drama-net-guard.c). */
  if ((kind == URL_IMAGE || kind == URL_EMBED) && !host_is_public (g_uri_get_host (uri)) &&
      (base == NULL || host_is_public (g_uri_get_host (base))))
    return NULL;

  written = g_uri_to_string (uri);
  /* What the sanitiser keeps must pass the strict check the app applies to every link
   * before it opens or loads one; the relaxed parse above lets through more. */
  if (written == NULL || !drama_html_is_safe_link (written))
    return NULL;

  if (keep_unicode && has_non_ascii (cleaned) && !has_non_ascii_escape (cleaned))
    return restore_non_ascii (g_steal_pointer (&written));

  return g_steal_pointer (&written);
}

char *
_drama_html_resolve_url (GUri       *base,
                         const char *raw,
                         UrlKind     kind)
{
  return resolve_url_full (base, raw, kind, FALSE);
}

/* For URLs written into the sanitised HTML, where a browser reads "À" as well as "%C3%80";
 * anything else (frame hosts, the thumbnail the app downloads) gets the plain ASCII form. */
char *
_drama_html_resolve_html_url (GUri       *base,
                              const char *raw,
                              UrlKind     kind)
{
  return resolve_url_full (base, raw, kind, TRUE);
}

gboolean
drama_html_is_safe_link (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *start, *end;
  g_autofree char *trimmed = NULL;
  const char *scheme;

  if (url == NULL)
    return FALSE;

  start = url;
  while (*start != '\0' && g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (end == start)
    return FALSE;

  /* A control character or space inside means the string is not what it seems to be; a
   * browser would strip tabs and newlines and could see a different scheme. */
  for (const char *p = start; p < end; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      return FALSE;

  trimmed = g_strndup (start, end - start);
  uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (!drama_url_scheme_is_http (scheme))
    return FALSE;
  if (!host_is_plain (g_uri_get_host (uri)))
    return FALSE;
  if (g_uri_get_userinfo (uri) != NULL)
    return FALSE;

  return TRUE;
}
