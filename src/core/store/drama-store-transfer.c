/* drama-store-transfer.c: the whole watchlist to a JSON document and back (docs in
 * README.md, "Watchlist export"). The shows with the user's own fields (status, rating,
 * notes, aliases, the spoiler guard), their episodes with the seen marks and their dates,
 * and their cast with the names the news uses. An import merges into the library in one
 * transaction: a show already there (the same TVmaze id, or by hand with the same title)
 * keeps what the user set and gains what the file adds; nothing is duplicated, no seen mark
 * is lost, and a document that cannot be read changes nothing. */
#define G_LOG_DOMAIN "drama-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "drama-store-private.h"

#define FORMAT_NAME "dramalist-watchlist"
#define FORMAT_VERSION 1

/* What is written of each object: its own data, never the library's ids or derived
 * counts. */
static const char * const show_props[] = {
  "tvmaze-id", "name", "original-name", "language", "status", "premiered", "ended",
  "network", "country", "timezone", "schedule-time", "schedule-days", "genres", "akas",
  "runtime", "summary", "image-medium", "image-original", "imdb", "official-site",
  "user-status", "rating", "notes", "aliases", "spoiler-guard", "added-at", NULL
};
static const char * const episode_props[] = {
  "tvmaze-id", "season", "number", "name", "airdate", "airtime", "airstamp", "runtime",
  "summary", "seen-at", NULL
};
static const char * const person_props[] = {
  "tvmaze-id", "name", "image-medium", "image-original", "aliases", "character",
  "cast-order", NULL
};

void
drama_import_summary_free (DramaImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_ptr_array_unref (summary->skipped);
  g_free (summary);
}

/* ---- objects ↔ JSON ---- */

static void
write_object (JsonBuilder        *builder,
              GObject            *object,
              const char * const *props)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);

  json_builder_begin_object (builder);
  for (guint i = 0; props[i] != NULL; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, props[i]);
      g_auto(GValue) value = G_VALUE_INIT;
      GType type;

      g_assert (pspec != NULL);
      type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      g_value_init (&value, type);
      g_object_get_property (object, props[i], &value);

      if (type == G_TYPE_STRING)
        {
          const char *text = g_value_get_string (&value);

          if (text == NULL)
            continue;   /* absent, not null: a reader has less to check */
          json_builder_set_member_name (builder, props[i]);
          json_builder_add_string_value (builder, text);
        }
      else if (type == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (&value);

          if (strv == NULL || strv[0] == NULL)
            continue;
          json_builder_set_member_name (builder, props[i]);
          json_builder_begin_array (builder);
          for (guint k = 0; strv[k] != NULL; k++)
            json_builder_add_string_value (builder, strv[k]);
          json_builder_end_array (builder);
        }
      else if (type == G_TYPE_INT || type == G_TYPE_INT64)
        {
          gint64 number = type == G_TYPE_INT ? g_value_get_int (&value) : g_value_get_int64 (&value);

          if (number == 0)
            continue;
          json_builder_set_member_name (builder, props[i]);
          json_builder_add_int_value (builder, number);
        }
      else if (type == G_TYPE_BOOLEAN)
        {
          json_builder_set_member_name (builder, props[i]);
          json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
        }
      else if (G_TYPE_IS_ENUM (type))
        {
          g_autoptr(GEnumClass) enums = g_type_class_ref (type);
          GEnumValue *nick = g_enum_get_value (enums, g_value_get_enum (&value));

          json_builder_set_member_name (builder, props[i]);
          json_builder_add_string_value (builder, nick != NULL ? nick->value_nick : "");
        }
      else
        g_assert_not_reached ();
    }
}

/* Sets the listed properties found in node on object; FALSE (with why) when one has the
 * wrong type. Unknown members are ignored: a newer version's additions. */
static gboolean
read_object (JsonObject          *node,
             GObject             *object,
             const char * const  *props,
             char               **why)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);

  for (guint i = 0; props[i] != NULL; i++)
    {
      JsonNode *member = json_object_get_member (node, props[i]);
      GParamSpec *pspec = g_object_class_find_property (klass, props[i]);
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      g_auto(GValue) value = G_VALUE_INIT;

      if (member == NULL || JSON_NODE_HOLDS_NULL (member))
        continue;
      g_value_init (&value, type);
      if (type == G_TYPE_STRING && json_node_get_value_type (member) == G_TYPE_STRING)
        g_value_set_string (&value, json_node_get_string (member));
      else if ((type == G_TYPE_INT || type == G_TYPE_INT64) &&
               json_node_get_value_type (member) == G_TYPE_INT64)
        {
          gint64 number = json_node_get_int (member);

          if (type == G_TYPE_INT && (number < G_MININT || number > G_MAXINT))
            goto wrong;
          if (type == G_TYPE_INT)
            g_value_set_int (&value, (int) number);
          else
            g_value_set_int64 (&value, number);
        }
      else if (type == G_TYPE_BOOLEAN && json_node_get_value_type (member) == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, json_node_get_boolean (member));
      else if (G_TYPE_IS_ENUM (type) && json_node_get_value_type (member) == G_TYPE_STRING)
        {
          g_autoptr(GEnumClass) enums = g_type_class_ref (type);
          GEnumValue *nick = g_enum_get_value_by_nick (enums, json_node_get_string (member));

          if (nick == NULL)
            goto wrong;
          g_value_set_enum (&value, nick->value);
        }
      else if (type == G_TYPE_STRV && JSON_NODE_HOLDS_ARRAY (member))
        {
          JsonArray *array = json_node_get_array (member);
          g_autoptr(GStrvBuilder) strv = g_strv_builder_new ();
          g_auto(GStrv) built = NULL;

          for (guint k = 0; k < json_array_get_length (array); k++)
            {
              JsonNode *item = json_array_get_element (array, k);

              if (json_node_get_value_type (item) != G_TYPE_STRING)
                goto wrong;
              g_strv_builder_add (strv, json_node_get_string (item));
            }
          built = g_strv_builder_end (strv);
          g_value_set_boxed (&value, built);
        }
      else
        goto wrong;

      /* A value the property refuses (a rating of 99) is a wrong value too. */
      if (g_param_value_validate (pspec, &value))
        goto wrong;
      g_object_set_property (object, props[i], &value);
      continue;

    wrong:
      *why = g_strdup_printf (_("“%s” has a value Dramalist cannot use"), props[i]);
      return FALSE;
    }
  return TRUE;
}

/* ---- export ---- */

static gboolean
write_show (DramaStore   *self,
            JsonBuilder  *builder,
            DramaShow    *show,
            GError      **error)
{
  g_autoptr(GPtrArray) episodes = drama_store_list_episodes (self, drama_show_get_id (show), error);
  g_autoptr(GPtrArray) cast = NULL;

  if (episodes == NULL)
    return FALSE;
  cast = drama_store_list_cast (self, drama_show_get_id (show), error);
  if (cast == NULL)
    return FALSE;

  write_object (builder, G_OBJECT (show), show_props);
  json_builder_set_member_name (builder, "episodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < episodes->len; i++)
    {
      write_object (builder, g_ptr_array_index (episodes, i), episode_props);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cast");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cast->len; i++)
    {
      write_object (builder, g_ptr_array_index (cast, i), person_props);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return TRUE;
}

char *
drama_store_export_watchlist (DramaStore  *self,
                              GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GPtrArray) shows = NULL;
  g_autoptr(JsonNode) root = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (DRAMA_IS_STORE (self), NULL);

  /* Under the lock: the shows, episodes and cast of one moment (nothing else writes on
   * the store's one connection meanwhile). */
  _drama_store_lock (self);
  shows = drama_store_list_shows (self, -1, NULL, DRAMA_SHOW_SORT_TITLE, error);
  ok = shows != NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "exported-at");
  json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);
  json_builder_set_member_name (builder, "shows");
  json_builder_begin_array (builder);
  for (guint i = 0; ok && i < shows->len; i++)
    ok = write_show (self, builder, g_ptr_array_index (shows, i), error);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  _drama_store_unlock (self);
  if (!ok)
    return NULL;

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* ---- import ---- */

typedef DramaWatchlistEntry ShowEntry;

DramaWatchlistEntry *
drama_watchlist_entry_new (DramaShow *show,
                           GPtrArray *episodes,
                           GPtrArray *cast)
{
  DramaWatchlistEntry *entry = g_new0 (DramaWatchlistEntry, 1);

  entry->show = g_object_ref (show);
  entry->episodes = episodes != NULL ? g_ptr_array_ref (episodes)
                                     : g_ptr_array_new_with_free_func (g_object_unref);
  entry->cast = cast != NULL ? g_ptr_array_ref (cast)
                             : g_ptr_array_new_with_free_func (g_object_unref);
  return entry;
}

void
drama_watchlist_entry_free (DramaWatchlistEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_object (&entry->show);
  g_clear_pointer (&entry->episodes, g_ptr_array_unref);
  g_clear_pointer (&entry->cast, g_ptr_array_unref);
  g_free (entry);
}

static void
show_entry_free (gpointer data)
{
  drama_watchlist_entry_free (data);
}

static gboolean
member_is_array_or_absent (JsonObject *object,
                           const char *name)
{
  JsonNode *member = json_object_get_member (object, name);

  return member == NULL || JSON_NODE_HOLDS_ARRAY (member);
}

/* One show of the document; NULL with why when it cannot be imported. */
static ShowEntry *
read_show (JsonNode  *node,
           char     **why)
{
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cast = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *why = g_strdup (_("not a show"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_object (object, G_OBJECT (show), show_props, why))
    return NULL;
  if (drama_show_get_name (show) == NULL || *drama_show_get_name (show) == '\0')
    {
      *why = g_strdup (_("it has no title"));
      return NULL;
    }
  if (drama_show_get_rating (show) < 0 || drama_show_get_rating (show) > 10)
    {
      *why = g_strdup (_("its rating is not between 0 and 10"));
      return NULL;
    }

  if (!member_is_array_or_absent (object, "episodes") || !member_is_array_or_absent (object, "cast"))
    {
      *why = g_strdup (_("its episodes or cast are not lists"));
      return NULL;
    }
  array = json_object_has_member (object, "episodes") ?
          json_object_get_array_member (object, "episodes") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autoptr(DramaEpisode) episode = drama_episode_new ();

      if (!JSON_NODE_HOLDS_OBJECT (item) ||
          !read_object (json_node_get_object (item), G_OBJECT (episode), episode_props, why))
        {
          if (*why == NULL)
            *why = g_strdup (_("an episode is not an episode"));
          return NULL;
        }
      g_ptr_array_add (episodes, g_steal_pointer (&episode));
    }

  array = json_object_has_member (object, "cast") ?
          json_object_get_array_member (object, "cast") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autoptr(DramaPerson) person = drama_person_new ();

      if (!JSON_NODE_HOLDS_OBJECT (item) ||
          !read_object (json_node_get_object (item), G_OBJECT (person), person_props, why) ||
          drama_person_get_name (person) == NULL)
        {
          if (*why == NULL)
            *why = g_strdup (_("someone in the cast has no name"));
          return NULL;
        }
      g_ptr_array_add (cast, g_steal_pointer (&person));
    }

  return drama_watchlist_entry_new (show, episodes, cast);
}

/* The shows of a document, or an error saying why it is not one. Shows that cannot be
 * read are listed in skipped. */
static GPtrArray *
read_document (const char  *data,
               gsize        length,
               GPtrArray   *skipped,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (show_entry_free);
  g_autoptr(GError) parse_error = NULL;
  JsonObject *root;
  JsonArray *shows;
  JsonNode *version;

  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      g_set_error (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FAILED,
                   _("The file is not a Dramalist watchlist: %s"), parse_error->message);
      return NULL;
    }
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ?
         json_node_get_object (json_parser_get_root (parser)) : NULL;
  if (root == NULL || g_strcmp0 (json_object_get_string_member_with_default (root, "format", ""),
                                 FORMAT_NAME) != 0 ||
      !json_object_has_member (root, "shows") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "shows")))
    {
      g_set_error_literal (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FAILED,
                           _("The file is not a Dramalist watchlist."));
      return NULL;
    }
  version = json_object_get_member (root, "version");
  if (version == NULL || json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) > FORMAT_VERSION)
    {
      g_set_error_literal (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_TOO_NEW,
                           _("The watchlist was exported by a newer version of Dramalist. "
                             "Update Dramalist to import it."));
      return NULL;
    }

  shows = json_object_get_array_member (root, "shows");
  for (guint i = 0; i < json_array_get_length (shows); i++)
    {
      JsonNode *node = json_array_get_element (shows, i);
      g_autofree char *why = NULL;
      ShowEntry *entry = read_show (node, &why);

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
      else
        {
          const char *name = JSON_NODE_HOLDS_OBJECT (node) ?
            json_object_get_string_member_with_default (json_node_get_object (node), "name", NULL) :
            NULL;

          if (name != NULL && *name != '\0')
            /* TRANSLATORS: a show not imported: “title”: why */
            g_ptr_array_add (skipped, g_strdup_printf (_("“%s”: %s"), name, why));
          else
            /* TRANSLATORS: a show not imported, by its place in the file: why */
            g_ptr_array_add (skipped, g_strdup_printf (_("Show %u: %s"), i + 1, why));
        }
    }
  return g_steal_pointer (&entries);
}

/* The show of the library an entry is: the same TVmaze id, or, added by hand, the same
 * title (a show added by hand twice is one show). NULL: none. */
static DramaShow *
find_existing (DramaStore  *self,
               DramaShow   *wanted,
               GError     **error)
{
  g_autoptr(GPtrArray) shows = NULL;

  if (drama_show_get_tvmaze_id (wanted) > 0)
    return drama_store_find_show_by_tvmaze_id (self, drama_show_get_tvmaze_id (wanted), error);

  shows = drama_store_list_shows (self, -1, NULL, DRAMA_SHOW_SORT_TITLE, error);
  for (guint i = 0; shows != NULL && i < shows->len; i++)
    {
      DramaShow *show = g_ptr_array_index (shows, i);
      g_autofree char *a = g_utf8_casefold (drama_show_get_name (show), -1);
      g_autofree char *b = g_utf8_casefold (drama_show_get_name (wanted), -1);

      if (drama_show_get_tvmaze_id (show) == 0 && g_strcmp0 (a, b) == 0)
        return g_object_ref (show);
    }
  return NULL;
}

/* a ∪ b, in order, without repeats. */
static char **
strv_union (const char * const *a,
            const char * const *b)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *lists[] = { a, b };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      if (g_hash_table_add (seen, (gpointer) lists[l][i]))
        g_strv_builder_add (builder, lists[l][i]);
  return g_strv_builder_end (builder);
}

/* The file's seen marks on the saved episodes (matched by TVmaze id, else season and
 * number), each with its own date; marks already there stay as they are. */
static gboolean
import_seen (DramaStore  *self,
             gint64       show_id,
             ShowEntry   *entry,
             GArray      *seen_marks,
             guint       *n_seen,
             GError     **error)
{
  g_autoptr(GPtrArray) saved = drama_store_list_episodes (self, show_id, error);

  if (saved == NULL)
    return FALSE;
  for (guint i = 0; i < entry->episodes->len; i++)
    {
      DramaEpisode *wanted = g_ptr_array_index (entry->episodes, i);
      gint64 seen_at = g_array_index (seen_marks, gint64, i);

      if (seen_at <= 0)
        continue;
      for (guint k = 0; k < saved->len; k++)
        {
          DramaEpisode *episode = g_ptr_array_index (saved, k);
          gboolean same = drama_episode_get_tvmaze_id (wanted) > 0 ?
            drama_episode_get_tvmaze_id (wanted) == drama_episode_get_tvmaze_id (episode) :
            drama_episode_get_season (wanted) == drama_episode_get_season (episode) &&
            drama_episode_get_number (wanted) == drama_episode_get_number (episode);
          gint64 id = drama_episode_get_id (episode);
          g_autoptr(GArray) changed = NULL;

          if (!same || drama_episode_get_seen (episode))
            continue;
          if (!drama_store_set_episodes_seen (self, &id, 1, seen_at, &changed, error))
            return FALSE;
          *n_seen += changed->len;
          break;
        }
    }
  return TRUE;
}

/* The names the news uses for the cast, added to those already known. */
static gboolean
import_cast_aliases (DramaStore  *self,
                     gint64       show_id,
                     GPtrArray   *cast,
                     GError     **error)
{
  g_autoptr(GPtrArray) saved = drama_store_list_cast (self, show_id, error);

  if (saved == NULL)
    return FALSE;
  for (guint i = 0; i < cast->len; i++)
    {
      DramaPerson *wanted = g_ptr_array_index (cast, i);

      if (drama_person_get_aliases (wanted) == NULL)
        continue;
      for (guint k = 0; k < saved->len; k++)
        {
          DramaPerson *person = g_ptr_array_index (saved, k);
          g_auto(GStrv) aliases = NULL;

          if (drama_person_get_tvmaze_id (wanted) > 0 ?
              drama_person_get_tvmaze_id (wanted) != drama_person_get_tvmaze_id (person) :
              g_strcmp0 (drama_person_get_name (wanted), drama_person_get_name (person)) != 0)
            continue;
          aliases = strv_union (drama_person_get_aliases (person), drama_person_get_aliases (wanted));
          if (!drama_store_set_person_aliases (self, drama_person_get_id (person),
                                               (const char * const *) aliases, error))
            return FALSE;
          break;
        }
    }
  return TRUE;
}

static gboolean
import_show (DramaStore          *self,
             ShowEntry           *entry,
             DramaImportSummary  *summary,
             GError             **error)
{
  g_autoptr(DramaShow) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) seen_marks = g_array_new (FALSE, FALSE, sizeof (gint64));
  DramaShow *show = entry->show;
  g_auto(GStrv) aliases = NULL;
  DramaWatchStatus status;
  const char *notes;
  int rating;

  existing = find_existing (self, show, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    drama_show_set_id (show, drama_show_get_id (existing));

  /* The seen marks are set after the save, through the store's own rules (an episode
   * still to air is not marked; the show's last-watched date follows). */
  for (guint i = 0; i < entry->episodes->len; i++)
    {
      DramaEpisode *episode = g_ptr_array_index (entry->episodes, i);
      gint64 when = drama_episode_get_seen_at (episode);

      g_array_append_val (seen_marks, when);
      drama_episode_set_seen_at (episode, 0);
    }

  /* save_show keeps an existing show's own fields and seen marks: what the user set in
   * the library wins, the file fills what is unset. */
  if (!drama_store_save_show (self, show, entry->episodes,
                              entry->cast->len > 0 ? entry->cast : NULL, error))
    return FALSE;

  status = existing != NULL && drama_show_get_user_status (existing) != DRAMA_WATCH_STATUS_PLAN_TO_WATCH ?
           drama_show_get_user_status (existing) : drama_show_get_user_status (show);
  rating = existing != NULL && drama_show_get_rating (existing) > 0 ?
           drama_show_get_rating (existing) : drama_show_get_rating (show);
  notes = existing != NULL && drama_show_get_notes (existing) != NULL &&
          *drama_show_get_notes (existing) != '\0' ?
          drama_show_get_notes (existing) : drama_show_get_notes (show);
  aliases = strv_union (existing != NULL ? drama_show_get_aliases (existing) : NULL,
                        drama_show_get_aliases (show));
  if (!drama_store_set_show_user_fields (self, drama_show_get_id (show), status, rating, notes,
                                         error) ||
      !drama_store_set_show_aliases (self, drama_show_get_id (show),
                                     (const char * const *) aliases, error) ||
      !drama_store_set_show_removed (self, drama_show_get_id (show), FALSE, error) ||
      !import_seen (self, drama_show_get_id (show), entry, seen_marks, &summary->n_seen, error) ||
      !import_cast_aliases (self, drama_show_get_id (show), entry->cast, error))
    return FALSE;

  if (existing != NULL)
    summary->n_merged++;
  else
    summary->n_added++;
  return TRUE;
}

DramaImportSummary *
drama_import_summary_new (void)
{
  DramaImportSummary *summary = g_new0 (DramaImportSummary, 1);

  summary->skipped = g_ptr_array_new_with_free_func (g_free);
  return summary;
}

gboolean
drama_store_import_watchlist (DramaStore          *self,
                              const char          *data,
                              gsize                length,
                              DramaImportSummary **summary,
                              GError             **error)
{
  g_autoptr(DramaImportSummary) result = drama_import_summary_new ();
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  entries = read_document (data, length, result->skipped, error);
  if (entries == NULL || !drama_store_import_entries (self, entries, result, error))
    return FALSE;
  if (summary != NULL)
    *summary = g_steal_pointer (&result);
  return TRUE;
}

gboolean
drama_store_import_entries (DramaStore          *self,
                            GPtrArray           *entries,
                            DramaImportSummary  *summary,
                            GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (DRAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL && summary != NULL, FALSE);

  /* All or nothing: a failure half-way leaves the library as it was. */
  _drama_store_lock (self);
  ok = _drama_store_begin (self, error);
  if (ok)
    {
      for (guint i = 0; ok && i < entries->len; i++)
        ok = import_show (self, g_ptr_array_index (entries, i), summary, error);
      if (ok)
        ok = _drama_store_commit (self, error);
      else
        _drama_store_rollback (self);
    }
  _drama_store_unlock (self);
  return ok;
}
