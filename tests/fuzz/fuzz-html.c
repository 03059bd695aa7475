/* libFuzzer target: drama_html_sanitize (and drama_html_to_text, drama_html_first_image,
 * drama_html_sanitize_full) over arbitrary bytes. The sanitised HTML must be valid UTF-8 and
 * a fixed point: sanitising it again gives it back unchanged (the store and the article view
 * may both sanitise); sanitize_full must agree with the three others. The sanitiser's
 * shortcuts run self-checked (each compared with the long way, aborting on a difference), and
 * the tree it builds from libxml2's SAX events must be libxml2's own tree. */

#define G_LOG_DOMAIN "fuzz-html"

#include "config.h"

#include <stdint.h>

#include "drama-html.h"
#include "drama-html-private.h"

#include "../html-tree-dump.h"

#include "fuzz-common.h"

#define BASE_URL "https://news.example.com/2019/05/22/article/"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The API takes NUL-terminated text: what follows an embedded NUL is not seen. */
  g_autofree char *html = g_strndup ((const char *) data, size);
  g_autofree char *clean = NULL;
  g_autofree char *again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *image = NULL;
  static gsize self_checking;

  if (g_once_init_enter (&self_checking))
    {
      _drama_html_set_self_check (TRUE);
      g_once_init_leave (&self_checking, 1);
    }

  {
    g_autofree char *ours = _drama_html_dump_tree (html);
    g_autofree char *theirs = dump_libxml2_tree (html);

    if (strlen (html) <= 4 * 1024 * 1024 && strcmp (ours, theirs) != 0)
      {
        fprintf (stderr, "--- our tree:\n%s\n--- libxml2's:\n%s\n", ours, theirs);
        fuzz_fail ("the tree built from SAX events is not libxml2's", html);
      }
  }

  clean = drama_html_sanitize (html, BASE_URL);
  if (clean == NULL)
    fuzz_fail ("drama_html_sanitize returned NULL", html);
  fuzz_check_utf8 ("sanitised HTML not UTF-8", clean);

  again = drama_html_sanitize (clean, BASE_URL);
  if (strcmp (again, clean) != 0)
    {
      fprintf (stderr, "--- sanitised once:\n%s\n--- sanitised again:\n%s\n", clean, again);
      fuzz_fail ("sanitising the output again changed it", NULL);
    }

  text = drama_html_to_text (html);
  if (text == NULL)
    fuzz_fail ("drama_html_to_text returned NULL", html);
  fuzz_check_utf8 ("text not UTF-8", text);

  /* What drama_html_first_image promises: absolute http(s), no spaces or controls.
   * drama_html_is_safe_link is stricter (it also refuses malformed %-escapes that
   * first_image keeps): checked only unless "image-escape" is ignored. */
  image = drama_html_first_image (html, BASE_URL);
  if (image != NULL)
    {
      fuzz_check_utf8 ("first image not UTF-8", image);
      if (!g_str_has_prefix (image, "http://") && !g_str_has_prefix (image, "https://"))
        fuzz_fail ("first image not absolute http(s)", image);
      for (const char *p = image; *p != '\0'; p++)
        if ((guchar) *p <= 0x20 || *p == 0x7f)
          fuzz_fail ("first image with a space or control character", image);
      if (!fuzz_ignored ("image-escape") && !drama_html_is_safe_link (image))
        fuzz_fail ("first image refused by drama_html_is_safe_link", image);
    }

  /* The feed parser's one call for all three: the same answers from its own parses. */
  {
    g_autofree char *full_image = NULL;
    g_autofree char *full_text = NULL;
    g_autofree char *full = drama_html_sanitize_full (html, BASE_URL, &full_image, &full_text);
    g_autofree char *clean_text = drama_html_to_text (clean);

    if (strcmp (full, clean) != 0)
      fuzz_fail ("drama_html_sanitize_full differs from drama_html_sanitize", html);
    if (g_strcmp0 (full_image, image) != 0)
      fuzz_fail ("drama_html_sanitize_full found another first image", html);
    if (strcmp (full_text, clean_text) != 0)
      fuzz_fail ("drama_html_sanitize_full's text differs from the sanitised HTML's", html);
  }
  return 0;
}
