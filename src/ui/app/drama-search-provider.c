#define G_LOG_DOMAIN "drama-search-provider"

#include "config.h"

#include "drama-search-provider.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-article-row.h"
#include "drama-related.h"
#include "drama-search-view.h"
#include "drama-settings.h"
#include "drama-ui-text.h"
#include "drama-window.h"

/* The Shell asks again at each key press: the app started for a search stays this long
 * after the last answer, so the next one does not wait for it to start again. */
#define KEEP_ALIVE_MS (10 * 1000)
/* The articles listed come from the first shows found: the ones the Shell can show. */
#define ARTICLE_SHOWS 10

#define SHOW_PREFIX "show:"
#define ARTICLE_PREFIX "article:"

static const char interface_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

struct _DramaSearchProvider
{
  GObject           parent_instance;

  DramaApplication *application;   /* not owned: it owns us */
  GDBusConnection  *connection;
  guint             registration_id;
};

G_DEFINE_FINAL_TYPE (DramaSearchProvider, drama_search_provider, G_TYPE_OBJECT)

static GDBusInterfaceInfo *
get_interface_info (void)
{
  static GDBusInterfaceInfo *info;

  if (g_once_init_enter (&info))
    {
      g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (interface_xml, NULL);
      GDBusInterfaceInfo *interface = g_dbus_interface_info_ref (node->interfaces[0]);

      g_once_init_leave (&info, interface);
    }
  return info;
}

/* "show:12" → DRAMA_SEARCH_KIND_SHOW, 12; FALSE for anything else. */
static gboolean
parse_result_id (const char      *identifier,
                 DramaSearchKind *kind,
                 gint64          *id)
{
  const char *number;
  guint64 value = 0;

  if (g_str_has_prefix (identifier, SHOW_PREFIX))
    {
      *kind = DRAMA_SEARCH_KIND_SHOW;
      number = identifier + strlen (SHOW_PREFIX);
    }
  else if (g_str_has_prefix (identifier, ARTICLE_PREFIX))
    {
      *kind = DRAMA_SEARCH_KIND_ARTICLE;
      number = identifier + strlen (ARTICLE_PREFIX);
    }
  else
    return FALSE;

  if (!g_ascii_string_to_unsigned (number, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* ---- one call: the invocation answered from a job's callback, the app held meanwhile ---- */

typedef struct {
  DramaSearchProvider   *self;
  GDBusMethodInvocation *invocation;
} Call;

static Call *
call_new (DramaSearchProvider   *self,
          GDBusMethodInvocation *invocation)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->invocation = g_object_ref (invocation);
  g_application_hold (G_APPLICATION (self->application));
  return call;
}

static void
call_free (Call *call)
{
  g_application_release (G_APPLICATION (call->self->application));
  /* Answering hands the invocation over: most calls have stolen it. */
  g_clear_object (&call->invocation);
  g_object_unref (call->self);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

/* ---- GetInitialResultSet, GetSubsearchResultSet ---- */

typedef struct {
  char       **terms;
  GHashTable  *previous;   /* the ids a subsearch narrows, or NULL */
} Search;

static void
search_free (gpointer data)
{
  Search *search = data;

  g_strfreev (search->terms);
  g_clear_pointer (&search->previous, g_hash_table_unref);
  g_free (search);
}

/* Adds "prefix<id>" to results unless a subsearch's previous results lack it. */
static gboolean
add_result (GPtrArray  *results,
            GHashTable *previous,
            const char *prefix,
            gint64      id)
{
  char *result = g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, id);

  if (previous != NULL && !g_hash_table_contains (previous, result))
    {
      g_free (result);
      return FALSE;
    }
  g_ptr_array_add (results, result);
  return TRUE;
}

/* On the store's thread: the result ids, a NULL-terminated strv. */
static gpointer
search_job (DramaStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Search *search = data;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) shows = NULL;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) articles = NULL;

  shows = drama_store_search_shows_by_terms (store, (const char * const *) search->terms, 0,
                                             error);
  if (shows == NULL)
    return NULL;
  for (guint i = 0; i < shows->len; i++)
    {
      gint64 id = g_array_index (shows, gint64, i);

      if (add_result (results, search->previous, SHOW_PREFIX, id))
        g_array_append_val (kept, id);
    }

  articles = drama_store_list_shows_recent_article_ids (store, (const gint64 *) (gpointer) kept->data,
                                                        MIN (kept->len, ARTICLE_SHOWS),
                                                        DRAMA_SEARCH_PROVIDER_MAX_ARTICLES,
                                                        error);
  if (articles == NULL)
    return NULL;
  for (guint i = 0; i < articles->len; i++)
    add_result (results, search->previous, ARTICLE_PREFIX, g_array_index (articles, gint64, i));

  g_ptr_array_add (results, NULL);
  return g_ptr_array_free (g_steal_pointer (&results), FALSE);
}

static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) results = drama_store_call_finish (DRAMA_STORE (source), result, &error);

  if (results == NULL)
    {
      g_dbus_method_invocation_return_gerror (g_steal_pointer (&call->invocation), error);
      return;
    }
  g_dbus_method_invocation_return_value (g_steal_pointer (&call->invocation),
                                         g_variant_new ("(^as)", results));
}

static void
get_result_set (DramaSearchProvider   *self,
                GDBusMethodInvocation *invocation,
                const char * const    *previous,
                const char * const    *terms)
{
  DramaStore *store = drama_application_get_store (self->application);
  Search *search;

  /* Without a library there is nothing to find; the window says why when opened. */
  if (store == NULL)
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@as [],)"));
      return;
    }

  search = g_new0 (Search, 1);
  search->terms = g_strdupv ((char **) terms);
  if (previous != NULL)
    {
      search->previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; previous[i] != NULL; i++)
        g_hash_table_add (search->previous, g_strdup (previous[i]));
    }
  drama_store_call_async (store, G_PRIORITY_HIGH, search_job, search, search_free,
                          (GDestroyNotify) g_strfreev, NULL, searched_cb,
                          call_new (self, invocation));
}

/* ---- GetResultMetas ---- */

typedef struct {
  char     **identifiers;
  gboolean   spoiler_guard;
} Metas;

static void
metas_free (gpointer data)
{
  Metas *metas = data;

  g_strfreev (metas->identifiers);
  g_free (metas);
}

/* On the store's thread: a GPtrArray with a DramaShow or DramaArticle (with its shows and
 * spoiler episode) for each identifier still there, in their order. */
static gpointer
metas_job (DramaStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Metas *metas = data;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) article_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; metas->identifiers[i] != NULL; i++)
    {
      DramaSearchKind kind;
      gint64 id;

      if (parse_result_id (metas->identifiers[i], &kind, &id) &&
          kind == DRAMA_SEARCH_KIND_ARTICLE)
        g_array_append_val (article_ids, id);
    }
  articles = drama_store_get_articles (store, (const gint64 *) (gpointer) article_ids->data,
                                       article_ids->len, error);
  if (articles == NULL ||
      !drama_store_fill_article_links (store, articles, metas->spoiler_guard, error))
    return NULL;
  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);
      gint64 *key = g_new (gint64, 1);

      *key = drama_article_get_id (article);
      g_hash_table_insert (by_id, key, article);
    }

  for (guint i = 0; metas->identifiers[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      DramaSearchKind kind;
      gint64 id;

      if (!parse_result_id (metas->identifiers[i], &kind, &id))
        continue;
      if (kind == DRAMA_SEARCH_KIND_SHOW)
        {
          DramaShow *show = drama_store_get_show (store, id, &local_error);

          if (show != NULL)
            g_ptr_array_add (objects, show);
          else if (!g_error_matches (local_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
      else
        {
          DramaArticle *article = g_hash_table_lookup (by_id, &id);

          if (article != NULL)
            g_ptr_array_add (objects, g_object_ref (article));
        }
    }
  return g_steal_pointer (&objects);
}

/* The Shell shows an icon from a file or the icon theme, not from the app's memory: a
 * poster the app holds (the watchlist shows it) is written once into the cache, a PNG named
 * after its address (a new poster, a new file); one it does not hold yet is asked for, so
 * that the next answer (the next letter typed) has it. Meanwhile: the app's icon. */
static GVariant *
poster_icon (DramaSearchProvider *self,
             DramaShow           *show,
             GVariant            *fallback)
{
  DramaImageLoader *loader = drama_application_get_image_loader (self->application);
  const char *url = drama_show_get_image_medium (show);
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GIcon) icon = NULL;

  if (loader == NULL || url == NULL || *url == '\0' || !drama_image_loader_get_load_images (loader))
    return g_variant_ref (fallback);

  name = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url, -1);
  dir = g_build_filename (g_get_user_cache_dir (), DATA_DIR_NAME, "search-posters", NULL);
  path = g_strconcat (dir, G_DIR_SEPARATOR_S, name, ".png", NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      GdkTexture *texture = drama_image_loader_lookup (loader, url);

      if (texture == NULL)
        {
          drama_image_loader_load_async (loader, url, NULL, NULL, NULL);
          return g_variant_ref (fallback);
        }
      if (g_mkdir_with_parents (dir, 0700) != 0 || !gdk_texture_save_to_png (texture, path))
        return g_variant_ref (fallback);
    }
  file = g_file_new_for_path (path);
  icon = g_file_icon_new (file);
  return g_icon_serialize (icon);
}

static GVariant *
show_meta (DramaShow *show,
           GVariant  *icon)
{
  const char *network = drama_show_get_network (show);
  const char *status = drama_show_get_status (show);
  g_autofree char *id = g_strdup_printf (SHOW_PREFIX "%" G_GINT64_FORMAT, drama_show_get_id (show));
  g_autofree char *description = NULL;
  GVariantBuilder meta;

  if (network != NULL && *network != '\0' && status != NULL && *status != '\0')
    /* TRANSLATORS: a show's network and status, e.g. "tvN · Ended" */
    description = g_strdup_printf (_("%s · %s"), network, status);
  else
    description = g_strdup (network != NULL && *network != '\0' ? network : status);

  g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (drama_show_get_name (show)));
  if (description != NULL)
    g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&meta, "{sv}", "icon", icon);
  return g_variant_builder_end (&meta);
}

static GVariant *
article_meta (DramaArticle *article,
              GVariant     *icon)
{
  DramaEpisode *spoiler = drama_article_get_spoiler_episode (article);
  GPtrArray *shows = drama_article_get_shows (article);
  const char *title = drama_article_get_title (article);
  const char *feed = drama_article_get_feed_title (article);
  gint64 when = drama_article_get_published (article) > 0 ? drama_article_get_published (article)
                                                           : drama_article_get_fetched_at (article);
  g_autofree char *id = g_strdup_printf (ARTICLE_PREFIX "%" G_GINT64_FORMAT,
                                         drama_article_get_id (article));
  g_autofree char *name = NULL;
  g_autofree char *date = drama_format_relative_time (when, 0);
  g_autofree char *description = NULL;
  GVariantBuilder meta;

  if (spoiler != NULL)
    {
      /* The Shell shows no blur: a headline that may tell what the user has not seen yet
       * gives way to the show it is about, as the app's own lists would hide it. */
      const char *about = drama_episode_get_show_name (spoiler);

      if (about == NULL && shows != NULL && shows->len > 0)
        about = drama_show_get_name (g_ptr_array_index (shows, 0));
      if (about != NULL)
        /* TRANSLATORS: a search result whose headline is hidden, %s is a show */
        name = g_strdup_printf (_("News about %s"), about);
      else
        name = g_strdup (_("Article"));
      description = drama_related_spoiler_note (spoiler);
    }
  else
    {
      name = g_strdup (title != NULL && *title != '\0' ? title : _("Untitled article"));
      if (feed != NULL && *feed != '\0' && date != NULL)
        /* TRANSLATORS: feed title · date, e.g. "Soompi · 2 h ago" */
        description = g_strdup_printf (_("%s · %s"), feed, date);
      else
        description = g_strdup (feed != NULL && *feed != '\0' ? feed : date);
    }

  g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name));
  if (description != NULL)
    g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&meta, "{sv}", "icon", icon);
  return g_variant_builder_end (&meta);
}

static void
metas_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) objects = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  g_autoptr(GIcon) app_icon = NULL;
  g_autoptr(GVariant) icon = NULL;
  GVariantBuilder metas;

  if (objects == NULL)
    {
      g_dbus_method_invocation_return_gerror (g_steal_pointer (&call->invocation), error);
      return;
    }

  /* Shows wear their posters when the app has them (poster_icon ()), articles the app's
   * icon. */
  app_icon = g_themed_icon_new (APP_ID);
  icon = g_variant_ref_sink (g_icon_serialize (app_icon));
  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < objects->len; i++)
    {
      gpointer object = g_ptr_array_index (objects, i);

      if (DRAMA_IS_SHOW (object))
        {
          g_autoptr(GVariant) poster = g_variant_ref_sink (poster_icon (call->self, object, icon));

          g_variant_builder_add_value (&metas, show_meta (object, poster));
        }
      else
        g_variant_builder_add_value (&metas, article_meta (object, icon));
    }
  g_dbus_method_invocation_return_value (g_steal_pointer (&call->invocation),
                                         g_variant_new ("(aa{sv})", &metas));
}

static void
get_result_metas (DramaSearchProvider   *self,
                  GDBusMethodInvocation *invocation,
                  const char * const    *identifiers)
{
  DramaStore *store = drama_application_get_store (self->application);
  GSettings *settings = drama_application_get_settings (self->application);
  Metas *metas;

  if (store == NULL)
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@aa{sv} [],)"));
      return;
    }

  metas = g_new0 (Metas, 1);
  metas->identifiers = g_strdupv ((char **) identifiers);
  metas->spoiler_guard = settings == NULL ||
                         g_settings_get_boolean (settings, DRAMA_SETTINGS_SPOILER_GUARD);
  drama_store_call_async (store, G_PRIORITY_HIGH, metas_job, metas, metas_free,
                          (GDestroyNotify) g_ptr_array_unref, NULL, metas_cb,
                          call_new (self, invocation));
}

/* ---- ActivateResult, LaunchSearch ---- */

/* The main window the result opens in: the active one, another, or a new one. */
static DramaWindow *
get_window (DramaSearchProvider *self)
{
  GtkApplication *app = GTK_APPLICATION (self->application);
  GtkWindow *active = gtk_application_get_active_window (app);

  if (DRAMA_IS_WINDOW (active))
    return DRAMA_WINDOW (active);
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (DRAMA_IS_WINDOW (l->data))
      return l->data;
  return drama_window_new (self->application);
}

typedef struct {
  gint64   id;
  gboolean spoiler_guard;
  guint32  timestamp;
} Activation;

/* On the store's thread: the article with its shows and spoiler episode. */
static gpointer
article_job (DramaStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Activation *activation = data;
  g_autoptr(GPtrArray) articles = drama_store_get_articles (store, &activation->id, 1, error);

  if (articles == NULL ||
      !drama_store_fill_article_links (store, articles, activation->spoiler_guard, error))
    return NULL;
  if (articles->len == 0)
    {
      g_set_error_literal (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND,
                           _("The article is no longer in the library."));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (articles, 0));
}

typedef struct {
  Call    *call;
  guint32  timestamp;
} ArticleOpening;

static void
article_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ArticleOpening *opening = user_data;
  g_autoptr(Call) call = opening->call;
  guint32 timestamp = opening->timestamp;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaArticle) article = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  DramaWindow *window;

  g_free (opening);
  window = get_window (call->self);
  if (article != NULL)
    /* As a click in the app does: it asks first when the article may spoil an episode. */
    drama_related_open_article (GTK_WIDGET (window), article);
  else
    drama_window_add_toast (window, drama_toast_new (error->message));
  gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
  g_dbus_method_invocation_return_value (g_steal_pointer (&call->invocation), NULL);
}

static void
activate_result (DramaSearchProvider   *self,
                 GDBusMethodInvocation *invocation,
                 const char            *identifier,
                 guint32                timestamp)
{
  DramaStore *store = drama_application_get_store (self->application);
  GSettings *settings = drama_application_get_settings (self->application);
  DramaSearchKind kind;
  gint64 id;

  if (!parse_result_id (identifier, &kind, &id))
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_INVALID_ARGS,
                                             "No such search result: %s", identifier);
      return;
    }

  if (kind == DRAMA_SEARCH_KIND_SHOW || store == NULL)
    {
      DramaWindow *window = get_window (self);

      if (store != NULL)
        drama_window_show_show (window, id);
      gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    {
      Activation *activation = g_new0 (Activation, 1);
      ArticleOpening *opening = g_new0 (ArticleOpening, 1);

      activation->id = id;
      activation->spoiler_guard = settings == NULL ||
                                  g_settings_get_boolean (settings, DRAMA_SETTINGS_SPOILER_GUARD);
      opening->call = call_new (self, invocation);
      opening->timestamp = timestamp;
      drama_store_call_async (store, G_PRIORITY_HIGH, article_job, activation, g_free,
                              g_object_unref, NULL, article_cb, opening);
    }
}

static void
launch_search (DramaSearchProvider   *self,
               GDBusMethodInvocation *invocation,
               const char * const    *terms,
               guint32                timestamp)
{
  DramaWindow *window = get_window (self);
  g_autofree char *text = g_strjoinv (" ", (char **) terms);

  gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
  drama_window_search (window, text);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  DramaSearchProvider *self = user_data;
  GApplication *app = G_APPLICATION (self->application);
  g_autofree const char **terms = NULL;
  g_autofree const char **previous = NULL;
  const char *identifier;
  guint32 timestamp;

  if (g_application_get_inactivity_timeout (app) < KEEP_ALIVE_MS)
    g_application_set_inactivity_timeout (app, KEEP_ALIVE_MS);

  if (g_strcmp0 (method_name, "GetInitialResultSet") == 0)
    {
      g_variant_get (parameters, "(^a&s)", &terms);
      get_result_set (self, invocation, NULL, terms);
    }
  else if (g_strcmp0 (method_name, "GetSubsearchResultSet") == 0)
    {
      g_variant_get (parameters, "(^a&s^a&s)", &previous, &terms);
      get_result_set (self, invocation, previous, terms);
    }
  else if (g_strcmp0 (method_name, "GetResultMetas") == 0)
    {
      g_variant_get (parameters, "(^a&s)", &terms);
      get_result_metas (self, invocation, terms);
    }
  else if (g_strcmp0 (method_name, "ActivateResult") == 0)
    {
      g_variant_get (parameters, "(&s^a&su)", &identifier, &terms, &timestamp);
      activate_result (self, invocation, identifier, timestamp);
    }
  else if (g_strcmp0 (method_name, "LaunchSearch") == 0)
    {
      g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
      launch_search (self, invocation, terms, timestamp);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                           G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "Unknown method %s", method_name);
}

static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { NULL } };

static void
drama_search_provider_dispose (GObject *object)
{
  drama_search_provider_unregister (DRAMA_SEARCH_PROVIDER (object));

  G_OBJECT_CLASS (drama_search_provider_parent_class)->dispose (object);
}

static void
drama_search_provider_class_init (DramaSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = drama_search_provider_dispose;
}

static void
drama_search_provider_init (DramaSearchProvider *self)
{
}

DramaSearchProvider *
drama_search_provider_new (DramaApplication *application)
{
  DramaSearchProvider *self;

  g_return_val_if_fail (DRAMA_IS_APPLICATION (application), NULL);

  self = g_object_new (DRAMA_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  return self;
}

gboolean
drama_search_provider_register (DramaSearchProvider  *self,
                                GDBusConnection      *connection,
                                const char           *object_path,
                                GError              **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (DRAMA_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  path = g_strconcat (object_path, DRAMA_SEARCH_PROVIDER_PATH_SUFFIX, NULL);
  self->registration_id = g_dbus_connection_register_object (connection, path,
                                                             get_interface_info (), &vtable,
                                                             self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
drama_search_provider_unregister (DramaSearchProvider *self)
{
  g_return_if_fail (DRAMA_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}
