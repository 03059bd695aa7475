/* libFuzzer target: the TVmaze JSON parsers (show with embedded episodes and cast, search,
 * akas, person, cast credits, updates) over arbitrary bytes. Each gives a result or an error,
 * never both or neither; a show always has its episode and cast arrays; text is valid UTF-8;
 * URLs kept are safe links. */

#define G_LOG_DOMAIN "fuzz-tvmaze-parse"

#include "config.h"

#include <stdint.h>

#include "drama-html.h"
#include "drama-tvmaze-parse.h"

#include "fuzz-common.h"

static void
check_result (const char *what,
              gpointer    result,
              GError     *error)
{
  if ((result == NULL) == (error == NULL))
    fuzz_fail ("a result and an error, or neither", what);
  if (error != NULL)
    fuzz_check_utf8 ("error message not UTF-8", error->message);
}

static void
check_url (const char *what,
           const char *url)
{
  if (url != NULL && !drama_html_is_safe_link (url))
    fuzz_fail (what, url);
}

static void
check_show (DramaShow *show)
{
  fuzz_check_utf8 ("show name not UTF-8", drama_show_get_name (show));
  fuzz_check_utf8 ("show summary not UTF-8", drama_show_get_summary (show));
  fuzz_check_utf8 ("show network not UTF-8", drama_show_get_network (show));
  check_url ("show image not a safe link", drama_show_get_image_medium (show));
  check_url ("show image not a safe link", drama_show_get_image_original (show));
  check_url ("show site not a safe link", drama_show_get_official_site (show));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *json = (const char *) data;
  gssize length = (gssize) size;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) episodes = NULL;
    g_autoptr(GPtrArray) cast = NULL;
    g_autoptr(DramaShow) show = drama_tvmaze_parse_show (json, length, &episodes, &cast, &error);

    check_result ("parse_show", show, error);
    if (show != NULL)
      {
        if (episodes == NULL || cast == NULL)
          fuzz_fail ("a show without its episode or cast array", NULL);
        check_show (show);
        for (guint i = 0; i < episodes->len; i++)
          {
            DramaEpisode *episode = g_ptr_array_index (episodes, i);

            fuzz_check_utf8 ("episode name not UTF-8", drama_episode_get_name (episode));
            fuzz_check_utf8 ("episode summary not UTF-8", drama_episode_get_summary (episode));
          }
        for (guint i = 0; i < cast->len; i++)
          {
            DramaPerson *person = g_ptr_array_index (cast, i);

            fuzz_check_utf8 ("person name not UTF-8", drama_person_get_name (person));
            fuzz_check_utf8 ("character not UTF-8", drama_person_get_character (person));
            check_url ("person image not a safe link", drama_person_get_image_medium (person));
          }
      }
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) shows = drama_tvmaze_parse_search (json, length, &error);

    check_result ("parse_search", shows, error);
    for (guint i = 0; shows != NULL && i < shows->len; i++)
      check_show (g_ptr_array_index (shows, i));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *original = NULL;
    g_auto(GStrv) akas = drama_tvmaze_parse_akas (json, length, "KR", &original, &error);

    check_result ("parse_akas", akas, error);
    fuzz_check_utf8 ("original name not UTF-8", original);
    for (guint i = 0; akas != NULL && akas[i] != NULL; i++)
      fuzz_check_utf8 ("aka not UTF-8", akas[i]);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DramaPerson) person = drama_tvmaze_parse_person (json, length, &error);

    check_result ("parse_person", person, error);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) credits = drama_tvmaze_parse_castcredits (json, length, &error);

    check_result ("parse_castcredits", credits, error);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GHashTable) updates = drama_tvmaze_parse_updates (json, length, &error);

    check_result ("parse_updates", updates, error);
  }
  return 0;
}
