/* drama-url.c: URL strings cleaned as a browser reads them, and resolved against a page. */
#include "config.h"

#include <glib.h>

#include "drama-url.h"

static void
assert_clean (const char         *text,
              DramaUrlCleanFlags  flags,
              const char         *expected)
{
  g_autofree char *clean = drama_url_clean (text, flags);

  g_assert_cmpstr (clean, ==, expected);
}

static void
test_clean_controls (void)
{
  /* What a browser ignores goes, so the scheme seen is the one a click would run. */
  assert_clean ("java\tscript:alert(1)", DRAMA_URL_CLEAN_DEFAULT, "javascript:alert(1)");
  assert_clean ("\r\n https://a.example/x\n\t ", DRAMA_URL_CLEAN_DEFAULT, "https://a.example/x");
  assert_clean ("https://a.example/\x01x\x1f", DRAMA_URL_CLEAN_DEFAULT, "https://a.example/x");
  assert_clean ("https://a.example/plain", DRAMA_URL_CLEAN_DEFAULT, "https://a.example/plain");
  assert_clean (" \t\n", DRAMA_URL_CLEAN_DEFAULT, "");
  assert_clean ("", DRAMA_URL_CLEAN_DEFAULT, "");
}

static void
test_clean_spaces (void)
{
  assert_clean (" /a b c ", DRAMA_URL_CLEAN_DEFAULT, "/a b c");
  assert_clean (" /a b c ", DRAMA_URL_CLEAN_ESCAPE_SPACES, "/a%20b%20c");
  assert_clean ("data:image/png;base64,iVBO\n  Rw0K ", DRAMA_URL_CLEAN_DROP_SPACES,
                "data:image/png;base64,iVBORw0K");
}

static void
test_clean_del (void)
{
  /* The feed parser keeps DEL (a relative link escapes it, an absolute one is refused);
   * the sanitiser drops it like any control character. */
  assert_clean ("/a\x7f" "b\x7f", DRAMA_URL_CLEAN_DEFAULT, "/a\x7f" "b\x7f");
  assert_clean ("\x7f/a\x7f" "b\x7f", DRAMA_URL_CLEAN_DROP_DEL, "/ab");
  assert_clean ("\x7f /a b\x7f", DRAMA_URL_CLEAN_DROP_DEL | DRAMA_URL_CLEAN_ESCAPE_SPACES,
                "/a%20b");
}

static void
test_scheme_is_http (void)
{
  g_assert_true (drama_url_scheme_is_http ("http"));
  g_assert_true (drama_url_scheme_is_http ("HTTPS"));
  g_assert_false (drama_url_scheme_is_http ("ftp"));
  g_assert_false (drama_url_scheme_is_http ("httpx"));
  g_assert_false (drama_url_scheme_is_http (""));
  g_assert_false (drama_url_scheme_is_http (NULL));
}

static char *
resolve (const char *base,
         const char *ref)
{
  g_autoptr(GUri) base_uri = base != NULL ? drama_url_parse (NULL, base) : NULL;
  g_autoptr(GUri) uri = drama_url_parse (base_uri, ref);

  return uri != NULL ? g_uri_to_string (uri) : NULL;
}

static void
test_parse (void)
{
  const char *base = "https://news.example/dir/page.html?x=1";
  g_autofree char *relative = resolve (base, "../a/b.html#c");
  g_autofree char *root = resolve (base, "/top");
  g_autofree char *escapes = resolve (base, "p%41th/%C3%80?q=%zz");
  g_autofree char *spaced = resolve (base, "a b");
  g_autofree char *absolute = resolve (base, "http://other.example/");
  g_autofree char *no_base = resolve (NULL, "a/b");
  g_autofree char *no_base_absolute = resolve (NULL, "https://a.example/x");

  g_assert_cmpstr (relative, ==, "https://news.example/a/b.html#c");
  g_assert_cmpstr (root, ==, "https://news.example/top");
  /* Escapes stay as written, even broken ones (but for plain letters and digits): the
   * server reads what the page said. */
  g_assert_cmpstr (escapes, ==, "https://news.example/dir/pAth/%C3%80?q=%zz");
  g_assert_cmpstr (spaced, ==, "https://news.example/dir/a%20b");
  g_assert_cmpstr (absolute, ==, "http://other.example/");
  g_assert_null (no_base);
  g_assert_cmpstr (no_base_absolute, ==, "https://a.example/x");
}

/* What error messages call a server. */
static void
test_host_name (void)
{
  g_autofree char *plain = drama_url_host_name ("https://news.example.com:8443/a/b?c=d");
  g_autofree char *korean = drama_url_host_name ("http://xn--9n2bp8q.example/");
  g_autofree char *none = drama_url_host_name ("not a url");

  g_assert_cmpstr (plain, ==, "news.example.com");
  g_assert_cmpstr (korean, ==, "xn--9n2bp8q.example");
  g_assert_cmpstr (none, ==, "not a url");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/url/clean/controls", test_clean_controls);
  g_test_add_func ("/url/clean/spaces", test_clean_spaces);
  g_test_add_func ("/url/clean/del", test_clean_del);
  g_test_add_func ("/url/scheme-is-http", test_scheme_is_http);
  g_test_add_func ("/url/parse", test_parse);
  g_test_add_func ("/url/host-name", test_host_name);

  return g_test_run ();
}
