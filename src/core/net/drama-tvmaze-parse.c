/* drama-tvmaze-parse.c: TVmaze JSON into DramaShow, DramaEpisode, DramaPerson.
 *
 * TVmaze is a good citizen, but what arrives over the network is still untrusted input:
 * every member is read with its type checked, and anything odd becomes "unknown". */
#define G_LOG_DOMAIN "drama-tvmaze"

#include "config.h"

#include "drama-tvmaze-parse.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "drama-html.h"
#include "drama-text.h"
#include "drama-tz.h"

/* Longest plain-text values kept, in characters: a name, a summary. */
#define MAX_NAME_CHARS    300
#define MAX_SUMMARY_CHARS 20000
/* Raw HTML of a summary handed to the HTML parser at most. */
#define MAX_SUMMARY_BYTES (256 * 1024)

static void
set_malformed (GError **error)
{
  g_set_error_literal (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_MALFORMED,
                       _("TVmaze sent data that could not be read."));
}

/* json-glib 1.6 parses recursively with no depth limit, so a deeply nested document would
 * exhaust the stack: measure the nesting first, without parsing. */
static gboolean
depth_is_sane (const char *data,
               gsize       length)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > DRAMA_TVMAZE_MAX_DEPTH)
            return FALSE;
          break;
        case ']':
        case '}':
          depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

static JsonNode *
load_json (const char  *data,
           gssize       length,
           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *fixed = NULL;
  gsize fixed_length = 0;
  JsonNode *root;

  if (data == NULL)
    {
      set_malformed (error);
      return NULL;
    }
  if (length < 0)
    length = strlen (data);

  if (length == 0 || !depth_is_sane (data, length))
    {
      set_malformed (error);
      return NULL;
    }

  /* A lone "\ud800" would become invalid bytes and eat the character after it. */
  fixed = drama_text_json_fix_surrogates (data, (gsize) length, &fixed_length);
  if (fixed != NULL)
    {
      data = fixed;
      length = (gssize) fixed_length;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_autofree char *quoted = drama_text_make_safe (local_error->message, -1, 200);

      g_debug ("TVmaze JSON: %s", quoted);
      set_malformed (error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      set_malformed (error);
      return NULL;
    }
  return json_node_ref (root);
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  const char *value;

  if (object == NULL)
    return NULL;
  value = node_string (json_object_get_member (object, name));
  return value != NULL && *value != '\0' ? value : NULL;
}

/* An integer member within [min, max], or fallback (wrong type, null, out of range). */
static gint64
int_member (JsonObject *object,
            const char *name,
            gint64      min,
            gint64      max,
            gint64      fallback)
{
  JsonNode *node;
  GType type;

  if (object == NULL)
    return fallback;
  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      return value >= min && value <= max ? value : fallback;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (isfinite (value) && value >= (double) min && value <= (double) max)
        return (gint64) value;
    }
  return fallback;
}

/* Plain text fit for a label: valid UTF-8, no control characters, trimmed, at most
 * max_chars characters. NULL when nothing is left. */
static char *
clean_text (const char *text,
            gsize       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  gsize chars = 0;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0' && chars < max_chars; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0xFEFF)
        c = ' ';
      if (c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
        continue;
      g_string_append_unichar (out, c);
      chars++;
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
text_member (JsonObject *object,
             const char *name)
{
  return clean_text (string_member (object, name), MAX_NAME_CHARS);
}

static char *
summary_member (JsonObject *object,
                const char *name)
{
  const char *html = string_member (object, name);
  g_autofree char *bounded = NULL;
  g_autofree char *text = NULL;

  if (html == NULL)
    return NULL;
  if (strlen (html) > MAX_SUMMARY_BYTES)
    html = bounded = g_utf8_make_valid (html, MAX_SUMMARY_BYTES);
  text = drama_html_to_text (html);
  return clean_text (text, MAX_SUMMARY_CHARS);
}

static char *
url_member (JsonObject *object,
            const char *name)
{
  const char *url = string_member (object, name);

  if (url == NULL || strlen (url) > 2048 || !g_utf8_validate (url, -1, NULL) ||
      !drama_html_is_safe_link (url))
    return NULL;
  return g_strdup (url);
}

static char *
date_member (JsonObject *object,
             const char *name)
{
  const char *date = string_member (object, name);

  return drama_tz_parse_date (date, NULL, NULL, NULL) ? g_strdup (date) : NULL;
}

static char *
time_member (JsonObject *object,
             const char *name)
{
  const char *time = string_member (object, name);

  return drama_tz_parse_time (time, NULL, NULL) ? g_strndup (time, 5) : NULL;
}

static char *
country_code (JsonObject *country)
{
  const char *code = string_member (country, "code");

  if (code == NULL || strlen (code) != 2 ||
      !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]))
    return NULL;
  return g_strdup (code);
}

static char *
timezone_name (JsonObject *country)
{
  const char *name = string_member (country, "timezone");
  g_autoptr(GTimeZone) zone = NULL;

  if (name == NULL || strlen (name) > 64)
    return NULL;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("/_+-", *p) == NULL)
      return NULL;
  zone = g_time_zone_new_identifier (name);
  return zone != NULL ? g_strdup (name) : NULL;
}

static char *
imdb_member (JsonObject *externals)
{
  const char *imdb = string_member (externals, "imdb");
  gsize len;

  if (imdb == NULL || !g_str_has_prefix (imdb, "tt"))
    return NULL;
  len = strlen (imdb);
  if (len < 3 || len > 14)
    return NULL;
  for (gsize i = 2; i < len; i++)
    if (!g_ascii_isdigit (imdb[i]))
      return NULL;
  return g_strdup (imdb);
}

/* A JSON array of strings as a strv of clean, distinct texts (non-strings skipped). */
static char **
strings_from_array (JsonArray *array,
                    gsize      max_chars)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n && out->len < 100; i++)
    {
      char *text = clean_text (node_string (json_array_get_element (array, i)), max_chars);

      if (text == NULL)
        continue;
      if (g_ptr_array_find_with_equal_func (out, text, g_str_equal, NULL))
        {
          g_free (text);
          continue;
        }
      g_ptr_array_add (out, text);
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static char **
weekdays_from_array (JsonArray *array)
{
  static const char * const names[] = {
    NULL, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  };
  gboolean seen[8] = { FALSE, };
  GPtrArray *out = g_ptr_array_new ();
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      int day = drama_tz_weekday_from_name (node_string (json_array_get_element (array, i)));

      if (day > 0)
        seen[day] = TRUE;
    }
  for (int day = 1; day <= 7; day++)
    if (seen[day])
      g_ptr_array_add (out, g_strdup (names[day]));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static gint64
airstamp_member (JsonObject *object,
                 const char *name)
{
  const char *text = string_member (object, name);
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return 0;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static DramaEpisode *
parse_episode (JsonObject *object,
               const char *timezone)
{
  g_autoptr(DramaEpisode) episode = NULL;
  g_autofree char *name = NULL;
  g_autofree char *airdate = NULL;
  g_autofree char *airtime = NULL;
  g_autofree char *summary = NULL;
  gint64 id = int_member (object, "id", 1, G_MAXINT64, 0);
  gint64 airstamp;

  if (id == 0)
    return NULL;

  name = text_member (object, "name");
  airdate = date_member (object, "airdate");
  airtime = time_member (object, "airtime");
  summary = summary_member (object, "summary");
  airstamp = airstamp_member (object, "airstamp");
  if (airstamp == 0 && timezone != NULL)
    airstamp = drama_tz_airstamp (airdate, airtime, timezone, NULL);

  episode = drama_episode_new ();
  drama_episode_set_tvmaze_id (episode, id);
  drama_episode_set_name (episode, name);
  /* A null season is rare; TVmaze numbers seasons from 1. */
  drama_episode_set_season (episode, (int) int_member (object, "season", 0, 10000, 1));
  /* A null number marks a special. */
  drama_episode_set_number (episode, (int) int_member (object, "number", 1, 100000, 0));
  drama_episode_set_airdate (episode, airdate);
  drama_episode_set_airtime (episode, airtime);
  drama_episode_set_airstamp (episode, airstamp);
  drama_episode_set_runtime (episode, (int) int_member (object, "runtime", 0, 24 * 60, 0));
  drama_episode_set_summary (episode, summary);
  return g_steal_pointer (&episode);
}

static GPtrArray *
parse_episodes (JsonArray  *array,
                const char *timezone)
{
  GPtrArray *episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      DramaEpisode *episode;
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      episode = parse_episode (json_node_get_object (node), timezone);
      if (episode == NULL)
        continue;

      /* The store keys episodes by TVmaze id: a repeated id would be the same row. */
      id = drama_episode_get_tvmaze_id (episode);
      if (g_hash_table_contains (ids, &id))
        {
          g_object_unref (episode);
          continue;
        }
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (episodes, episode);
    }
  return episodes;
}

static DramaPerson *
parse_person_object (JsonObject *object)
{
  DramaPerson *person;
  JsonObject *image = object_member (object, "image");
  g_autofree char *name = text_member (object, "name");
  g_autofree char *medium = url_member (image, "medium");
  g_autofree char *original = url_member (image, "original");
  gint64 id = int_member (object, "id", 1, G_MAXINT64, 0);

  if (id == 0 || name == NULL)
    return NULL;

  person = drama_person_new ();
  drama_person_set_tvmaze_id (person, id);
  drama_person_set_name (person, name);
  drama_person_set_image_medium (person, medium);
  drama_person_set_image_original (person, original);
  return person;
}

static GPtrArray *
parse_cast (JsonArray *array)
{
  GPtrArray *cast = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *member;
      g_autoptr(DramaPerson) person = NULL;
      g_autofree char *character = NULL;
      gboolean merged = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      member = json_node_get_object (node);
      person = parse_person_object (object_member (member, "person"));
      if (person == NULL)
        continue;
      character = text_member (object_member (member, "character"), "name");

      /* One actor in two roles is listed twice; the store keeps one credit per show. */
      for (guint j = 0; j < cast->len && !merged; j++)
        {
          DramaPerson *earlier = g_ptr_array_index (cast, j);

          if (drama_person_get_tvmaze_id (earlier) != drama_person_get_tvmaze_id (person))
            continue;
          if (character != NULL)
            {
              const char *before = drama_person_get_character (earlier);
              g_autofree char *both = before != NULL
                                      ? g_strdup_printf ("%s / %s", before, character)
                                      : g_strdup (character);
              /* An actor listed a thousand times must not make a thousand-role label. */
              g_autofree char *bounded = drama_text_make_safe (both, -1, MAX_NAME_CHARS * 4);

              drama_person_set_character (earlier, bounded);
            }
          merged = TRUE;
        }
      if (merged)
        continue;

      drama_person_set_character (person, character);
      drama_person_set_cast_order (person, (int) cast->len);
      g_ptr_array_add (cast, g_steal_pointer (&person));
    }
  return cast;
}

/* A show object; NULL when it lacks a name (the one thing a show must have). */
static DramaShow *
parse_show_object (JsonObject  *object,
                   GPtrArray  **episodes,
                   GPtrArray  **cast)
{
  g_autoptr(DramaShow) show = NULL;
  JsonObject *network = object_member (object, "network");
  JsonObject *schedule = object_member (object, "schedule");
  JsonObject *image = object_member (object, "image");
  JsonObject *embedded = object_member (object, "_embedded");
  JsonObject *country = NULL;
  g_autofree char *name = text_member (object, "name");
  g_autofree char *language = NULL;
  g_autofree char *status = NULL;
  g_autofree char *premiered = NULL;
  g_autofree char *ended = NULL;
  g_autofree char *network_name = NULL;
  g_autofree char *code = NULL;
  g_autofree char *timezone = NULL;
  g_autofree char *time = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *medium = NULL;
  g_autofree char *original = NULL;
  g_autofree char *imdb = NULL;
  g_autofree char *site = NULL;
  g_auto(GStrv) days = NULL;
  g_auto(GStrv) genres = NULL;
  gint64 runtime;

  if (name == NULL)
    return NULL;

  /* Streaming shows have a web channel instead of a network. */
  if (network == NULL || string_member (network, "name") == NULL)
    network = object_member (object, "webChannel");
  country = object_member (network, "country");

  language = text_member (object, "language");
  status = text_member (object, "status");
  premiered = date_member (object, "premiered");
  ended = date_member (object, "ended");
  network_name = text_member (network, "name");
  code = country_code (country);
  timezone = timezone_name (country);
  time = time_member (schedule, "time");
  days = weekdays_from_array (array_member (schedule, "days"));
  genres = strings_from_array (array_member (object, "genres"), 60);
  summary = summary_member (object, "summary");
  medium = url_member (image, "medium");
  original = url_member (image, "original");
  imdb = imdb_member (object_member (object, "externals"));
  site = url_member (object, "officialSite");
  runtime = int_member (object, "runtime", 1, 24 * 60, 0);
  if (runtime == 0)
    runtime = int_member (object, "averageRuntime", 1, 24 * 60, 0);

  show = drama_show_new ();
  drama_show_set_tvmaze_id (show, int_member (object, "id", 1, G_MAXINT64, 0));
  drama_show_set_name (show, name);
  drama_show_set_language (show, language);
  drama_show_set_status (show, status);
  drama_show_set_premiered (show, premiered);
  drama_show_set_ended (show, ended);
  drama_show_set_network (show, network_name);
  drama_show_set_country (show, code);
  drama_show_set_timezone (show, timezone);
  drama_show_set_schedule_time (show, time);
  drama_show_set_schedule_days (show, (const char * const *) days);
  drama_show_set_genres (show, (const char * const *) genres);
  drama_show_set_runtime (show, (int) runtime);
  drama_show_set_summary (show, summary);
  drama_show_set_image_medium (show, medium);
  drama_show_set_image_original (show, original);
  drama_show_set_imdb (show, imdb);
  drama_show_set_official_site (show, site);
  drama_show_set_tvmaze_updated (show, int_member (object, "updated", 0, G_MAXINT64, 0));

  if (episodes != NULL)
    *episodes = parse_episodes (array_member (embedded, "episodes"), timezone);
  if (cast != NULL)
    *cast = parse_cast (array_member (embedded, "cast"));

  return g_steal_pointer (&show);
}

DramaShow *
drama_tvmaze_parse_show (const char  *data,
                         gssize       length,
                         GPtrArray  **episodes,
                         GPtrArray  **cast,
                         GError     **error)
{
  g_autoptr(JsonNode) root = load_json (data, length, error);
  DramaShow *show;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (show = parse_show_object (json_node_get_object (root), episodes, cast)) == NULL)
    {
      set_malformed (error);
      return NULL;
    }
  return show;
}

GPtrArray *
drama_tvmaze_parse_search (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonNode) root = load_json (data, length, error);
  GPtrArray *shows;
  JsonArray *array;
  guint n;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      set_malformed (error);
      return NULL;
    }

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  shows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      DramaShow *show;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      show = parse_show_object (object_member (json_node_get_object (node), "show"), NULL, NULL);
      /* A result that cannot be added later (no TVmaze id) is of no use. */
      if (show != NULL && drama_show_get_tvmaze_id (show) == 0)
        g_clear_object (&show);
      if (show != NULL)
        g_ptr_array_add (shows, show);
    }
  return shows;
}

char **
drama_tvmaze_parse_akas (const char  *data,
                         gssize       length,
                         const char  *country,
                         char       **original_name,
                         GError     **error)
{
  g_autoptr(JsonNode) root = load_json (data, length, error);
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *original = NULL;
  JsonArray *array;
  guint n;

  if (original_name != NULL)
    *original_name = NULL;
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      set_malformed (error);
      return NULL;
    }

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n && names->len < 200; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *aka;
      char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      aka = json_node_get_object (node);
      name = text_member (aka, "name");
      if (name == NULL)
        continue;
      if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        {
          g_free (name);
          continue;
        }
      if (original == NULL && country != NULL)
        {
          g_autofree char *code = country_code (object_member (aka, "country"));

          if (g_strcmp0 (code, country) == 0)
            original = g_strdup (name);
        }
      g_ptr_array_add (names, name);
    }

  if (original_name != NULL)
    *original_name = g_steal_pointer (&original);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

DramaPerson *
drama_tvmaze_parse_person (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonNode) root = load_json (data, length, error);
  DramaPerson *person;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (person = parse_person_object (json_node_get_object (root))) == NULL)
    {
      set_malformed (error);
      return NULL;
    }
  return person;
}

typedef struct {
  DramaCredit *credit;
  guint        index;
} SortedCredit;

static int
compare_credits (gconstpointer a,
                 gconstpointer b)
{
  const SortedCredit *ca = a;
  const SortedCredit *cb = b;
  const char *pa = drama_show_get_premiered (ca->credit->show);
  const char *pb = drama_show_get_premiered (cb->credit->show);
  int order;

  /* Newest first; shows with no premiere date (announced ones) before everything. */
  if (pa == NULL || pb == NULL)
    order = (pa == NULL ? 0 : 1) - (pb == NULL ? 0 : 1);
  else
    order = -strcmp (pa, pb);
  if (order != 0)
    return order;
  return ca->index < cb->index ? -1 : ca->index > cb->index;
}

GPtrArray *
drama_tvmaze_parse_castcredits (const char  *data,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(JsonNode) root = load_json (data, length, error);
  g_autoptr(GArray) sorted = NULL;
  GPtrArray *credits;
  JsonArray *array;
  guint n;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      set_malformed (error);
      return NULL;
    }

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  sorted = g_array_new (FALSE, FALSE, sizeof (SortedCredit));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *credit;
      JsonObject *embedded;
      g_autoptr(DramaShow) show = NULL;
      g_autofree char *character = NULL;
      SortedCredit item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      credit = json_node_get_object (node);
      embedded = object_member (credit, "_embedded");
      show = parse_show_object (object_member (embedded, "show"), NULL, NULL);
      if (show == NULL || drama_show_get_tvmaze_id (show) == 0)
        continue;

      /* embed[]=character gives the character object; newer answers also name it in
       * the link. */
      character = text_member (object_member (embedded, "character"), "name");
      if (character == NULL)
        character = text_member (object_member (object_member (credit, "_links"), "character"),
                                 "name");

      item.credit = drama_credit_new (show, character);
      item.index = sorted->len;
      g_array_append_val (sorted, item);
    }

  g_array_sort (sorted, compare_credits);
  credits = g_ptr_array_new_full (sorted->len, (GDestroyNotify) drama_credit_free);
  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (credits, g_array_index (sorted, SortedCredit, i).credit);
  return credits;
}

GHashTable *
drama_tvmaze_parse_updates (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonNode) root = load_json (data, length, error);
  GHashTable *updates;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_malformed (error);
      return NULL;
    }

  updates = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &member, &node))
    {
      gint64 id;
      gint64 when;

      if (!g_ascii_string_to_signed (member, 10, 1, G_MAXINT64, &id, NULL))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        continue;
      when = json_node_get_int (node);
      if (when < 0)
        continue;
      g_hash_table_replace (updates, g_memdup2 (&id, sizeof id), g_memdup2 (&when, sizeof when));
    }
  return updates;
}
