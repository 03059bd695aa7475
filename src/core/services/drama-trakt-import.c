#define G_LOG_DOMAIN "drama-trakt-import"

#include "config.h"

#include "drama-trakt-import.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

/* One show of the export. */
typedef struct {
  char    *title;
  gint64   year;
  char    *tvdb;        /* TheTVDB id, as text; NULL: none */
  char    *imdb;        /* "tt…"; NULL: none */
  gboolean watched;     /* from sync/watched (else the watchlist) */
  GArray  *seen;        /* Seen */
} Row;

typedef struct {
  int    season;
  int    number;
  gint64 at;            /* Unix time; 0: watched, date unknown */
} Seen;

typedef struct {
  DramaTvmaze        *tvmaze;
  DramaStore         *store;
  GPtrArray          *rows;      /* Row */
  guint               next;      /* the row being looked up */
  gboolean            by_imdb;   /* its TheTVDB lookup found nothing: now IMDb */
  GPtrArray          *entries;   /* DramaWatchlistEntry */
  DramaImportSummary *summary;
} Import;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->title);
  g_free (row->tvdb);
  g_free (row->imdb);
  g_array_unref (row->seen);
  g_free (row);
}

static void
import_free (gpointer data)
{
  Import *import = data;

  g_object_unref (import->tvmaze);
  g_object_unref (import->store);
  g_ptr_array_unref (import->rows);
  g_ptr_array_unref (import->entries);
  drama_import_summary_free (import->summary);
  g_free (import);
}

/* ---- reading the export ---- */

static gint64
parse_time (JsonObject *object,
            const char *member)
{
  const char *text = json_object_get_string_member_with_default (object, member, NULL);
  g_autoptr(GDateTime) when = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return when != NULL ? g_date_time_to_unix (when) : 0;
}

/* An id member as text, whether the export wrote it as a number or a string. */
static char *
id_text (JsonObject *ids,
         const char *member)
{
  JsonNode *node = ids != NULL ? json_object_get_member (ids, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    return g_strdup (json_node_get_string (node));
  return NULL;
}

static void
read_seasons (JsonObject *item,
              Row        *row)
{
  JsonNode *seasons = json_object_get_member (item, "seasons");

  if (seasons == NULL || !JSON_NODE_HOLDS_ARRAY (seasons))
    return;
  for (guint s = 0; s < json_array_get_length (json_node_get_array (seasons)); s++)
    {
      JsonNode *season = json_array_get_element (json_node_get_array (seasons), s);
      JsonNode *episodes;

      if (!JSON_NODE_HOLDS_OBJECT (season))
        continue;
      episodes = json_object_get_member (json_node_get_object (season), "episodes");
      if (episodes == NULL || !JSON_NODE_HOLDS_ARRAY (episodes))
        continue;
      for (guint e = 0; e < json_array_get_length (json_node_get_array (episodes)); e++)
        {
          JsonNode *episode = json_array_get_element (json_node_get_array (episodes), e);
          Seen seen;

          if (!JSON_NODE_HOLDS_OBJECT (episode))
            continue;
          seen.season = (int) json_object_get_int_member_with_default (json_node_get_object (season),
                                                                       "number", 1);
          seen.number = (int) json_object_get_int_member_with_default (json_node_get_object (episode),
                                                                       "number", 0);
          seen.at = parse_time (json_node_get_object (episode), "last_watched_at");
          if (seen.number > 0)
            g_array_append_val (row->seen, seen);
        }
    }
}

/* "“Title” (2019)", for the summary. */
static char *
row_name (Row *row)
{
  if (row->year > 0)
    /* TRANSLATORS: a show of a Trakt export: “title” (year) */
    return g_strdup_printf (_("“%s” (%d)"), row->title, (int) row->year);
  return g_strdup_printf ("“%s”", row->title);
}

static GPtrArray *
read_export (GBytes              *data,
             DramaImportSummary  *summary,
             GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GError) parse_error = NULL;
  gsize length = 0;
  const char *text = g_bytes_get_data (data, &length);
  JsonArray *items;

  if (!json_parser_load_from_data (parser, text != NULL ? text : "", (gssize) length, &parse_error) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_FAILED,
                           _("The file is not a Trakt export of shows (watched shows or a watchlist)."));
      return NULL;
    }

  items = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *show_node = item != NULL ? json_object_get_member (item, "show") : NULL;
      JsonObject *show, *ids;
      const char *type;
      Row *row;

      if (show_node == NULL || !JSON_NODE_HOLDS_OBJECT (show_node))
        {
          type = item != NULL ? json_object_get_string_member_with_default (item, "type", NULL) : NULL;
          if (type != NULL && g_strcmp0 (type, "show") != 0)
            /* TRANSLATORS: a row of a Trakt export that is a movie, an episode…; %s is its type */
            g_ptr_array_add (summary->skipped, g_strdup_printf (_("Row %u: a %s, not a show"), i + 1, type));
          else
            g_ptr_array_add (summary->skipped, g_strdup_printf (_("Row %u: not a show"), i + 1));
          continue;
        }
      show = json_node_get_object (show_node);
      ids = json_object_has_member (show, "ids") &&
            JSON_NODE_HOLDS_OBJECT (json_object_get_member (show, "ids")) ?
            json_object_get_object_member (show, "ids") : NULL;

      row = g_new0 (Row, 1);
      row->title = g_strdup (json_object_get_string_member_with_default (show, "title", NULL));
      if (row->title == NULL || *row->title == '\0')
        {
          g_free (row->title);
          row->title = g_strdup_printf (_("Row %u"), i + 1);
        }
      row->year = json_object_get_int_member_with_default (show, "year", 0);
      row->tvdb = id_text (ids, "tvdb");
      row->imdb = id_text (ids, "imdb");
      row->seen = g_array_new (FALSE, FALSE, sizeof (Seen));
      row->watched = json_object_has_member (item, "seasons") ||
                     json_object_has_member (item, "plays");
      read_seasons (item, row);
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/* ---- one show onto the watchlist ---- */

/* The seen marks on TVmaze's episodes, and the status they make. */
static DramaWatchlistEntry *
make_entry (Row       *row,
            DramaShow *show,
            GPtrArray *episodes,
            GPtrArray *cast)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint aired = 0, seen = 0;

  for (guint i = 0; i < episodes->len; i++)
    {
      DramaEpisode *episode = g_ptr_array_index (episodes, i);
      gint64 airstamp = drama_episode_get_airstamp (episode);

      if (drama_episode_get_number (episode) > 0 && airstamp > 0 && airstamp <= now)
        aired++;
      for (guint k = 0; k < row->seen->len; k++)
        {
          Seen *mark = &g_array_index (row->seen, Seen, k);

          if (mark->season != drama_episode_get_season (episode) ||
              mark->number != drama_episode_get_number (episode))
            continue;
          /* No date: when it aired, the earliest it can have been seen. */
          drama_episode_set_seen_at (episode, mark->at > 0 ? mark->at : MAX (airstamp, 1));
          if (drama_episode_get_number (episode) > 0 && airstamp > 0 && airstamp <= now)
            seen++;
          break;
        }
    }

  if (!row->watched)
    drama_show_set_user_status (show, DRAMA_WATCH_STATUS_PLAN_TO_WATCH);
  else if (aired > 0 && seen == aired && g_strcmp0 (drama_show_get_status (show), "Ended") == 0)
    drama_show_set_user_status (show, DRAMA_WATCH_STATUS_COMPLETED);
  else
    drama_show_set_user_status (show, DRAMA_WATCH_STATUS_WATCHING);
  return drama_watchlist_entry_new (show, episodes, cast);
}

static void look_up_next (GTask *task);

static void
show_fetched_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  Row *row = g_ptr_array_index (import->rows, import->next);
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) cast = NULL;
  g_autoptr(DramaShow) show = NULL;
  GError *error = NULL;

  show = drama_tvmaze_get_show_finish (DRAMA_TVMAZE (source), result, &episodes, &cast, &error);
  if (show == NULL)
    {
      /* Nothing half-imported: a show that cannot be fetched stops it all. */
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (import->entries, make_entry (row, show, episodes, cast));
  import->next++;
  import->by_imdb = FALSE;
  look_up_next (g_steal_pointer (&task));
}

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  Row *row = g_ptr_array_index (import->rows, import->next);
  g_autoptr(DramaShow) show = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  show = drama_tvmaze_lookup_show_finish (DRAMA_TVMAZE (source), result, &error);
  if (show == NULL && g_error_matches (error, DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      if (!import->by_imdb && row->imdb != NULL)
        import->by_imdb = TRUE;   /* the IMDb id next */
      else
        {
          g_autofree char *name = row_name (row);

          /* TRANSLATORS: a show of a Trakt export TVmaze does not know: “title” (year) */
          g_ptr_array_add (import->summary->skipped,
                           g_strdup_printf (_("%s: TVmaze does not know this show"), name));
          import->next++;
          import->by_imdb = FALSE;
        }
      look_up_next (g_steal_pointer (&task));
      return;
    }
  if (show == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  drama_tvmaze_get_show_async (import->tvmaze, drama_show_get_tvmaze_id (show), cancellable,
                               show_fetched_cb, g_steal_pointer (&task));
}

/* On the store's thread. */
static gpointer
save_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Import *import = data;

  return drama_store_import_entries (store, import->entries, import->summary, error) ? import : NULL;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Import *import = g_task_get_task_data (task);
  GError *error = NULL;

  if (drama_store_call_finish (DRAMA_STORE (source), result, &error) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&import->summary),
                         (GDestroyNotify) drama_import_summary_free);
}

/* The next row's lookup (TVmaze's rate limit paces them), or, all done, the save. */
static void
look_up_next (GTask *task)
{
  Import *import = g_task_get_task_data (task);
  Row *row;

  while (import->next < import->rows->len)
    {
      row = g_ptr_array_index (import->rows, import->next);
      if (!import->by_imdb && row->tvdb != NULL)
        {
          drama_tvmaze_lookup_show_async (import->tvmaze, "thetvdb", row->tvdb,
                                          g_task_get_cancellable (task), looked_up_cb, task);
          return;
        }
      if (row->imdb != NULL)
        {
          import->by_imdb = TRUE;
          drama_tvmaze_lookup_show_async (import->tvmaze, "imdb", row->imdb,
                                          g_task_get_cancellable (task), looked_up_cb, task);
          return;
        }
      {
        g_autofree char *name = row_name (row);

        g_ptr_array_add (import->summary->skipped,
                         g_strdup_printf (_("%s: no TheTVDB or IMDb id to find it by"), name));
      }
      import->next++;
    }

  drama_store_call_async (import->store, G_PRIORITY_DEFAULT, save_job, import, NULL, NULL,
                          g_task_get_cancellable (task), saved_cb, task);
}

void
drama_trakt_import_async (DramaTvmaze         *tvmaze,
                          DramaStore          *store,
                          GBytes              *data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Import *import = g_new0 (Import, 1);
  GError *error = NULL;

  g_return_if_fail (DRAMA_IS_TVMAZE (tvmaze));
  g_return_if_fail (DRAMA_IS_STORE (store));
  g_return_if_fail (data != NULL);

  g_task_set_source_tag (task, drama_trakt_import_async);
  import->tvmaze = g_object_ref (tvmaze);
  import->store = g_object_ref (store);
  import->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_watchlist_entry_free);
  import->summary = drama_import_summary_new ();
  g_task_set_task_data (task, import, import_free);

  import->rows = read_export (data, import->summary, &error);
  if (import->rows == NULL)
    {
      import->rows = g_ptr_array_new ();
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  look_up_next (task);
}

DramaImportSummary *
drama_trakt_import_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
