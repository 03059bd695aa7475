#define G_LOG_DOMAIN "test-ui-common"

#include "config.h"

#include "ui-test-common.h"

#include <glib/gstdio.h>
#include <webkit/webkit.h>

#include "drama-news-pane-test.h"

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until cond holds or timeout_ms pass; never a fixed sleep. */
gboolean
wait_for (Condition cond,
          gpointer  data,
          guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (20, wake_up, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  return ok;
}

void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

gboolean
not_mapped (gpointer widget)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (widget));
}

void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, out);
}

void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A new folder from template (ending in XXXXXX) inside the test's XDG_DATA_HOME, so each
 * run has a library of its own. */
char *
ui_test_make_home (const char *template)
{
  const char *base = g_getenv ("XDG_DATA_HOME");
  char *home;

  g_mkdir_with_parents (base ? base : g_get_tmp_dir (), 0700);
  home = g_build_filename (base ? base : g_get_tmp_dir (), template, NULL);
  g_assert_nonnull (g_mkdtemp (home));

  return home;
}

void
ui_test_init (int         *argc,
              char      ***argv,
              const char  *prgname)
{
  gtk_test_init (argc, argv, NULL);
  /* WebKit derives a data folder from the program name: keep it short. */
  g_set_prgname (prgname);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/* Registered and held, so it stays alive between windows. */
DramaApplication *
ui_test_new_app (void)
{
  g_autoptr(GError) error = NULL;
  DramaApplication *app = drama_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  return app;
}

AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* ---- the test's own store calls ---- */

gpointer
store_sync (DramaStore     *store,
            DramaStoreFunc  func,
            gpointer        data)
{
  g_autoptr(GError) error = NULL;
  gpointer result = drama_store_call_sync (store, func, data, NULL, &error);

  g_assert_no_error (error);
  return result;
}

static gpointer
get_show_job (DramaStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  DramaShow *show = drama_store_get_show (store, *(gint64 *) data, &local_error);

  /* Absent or removed: NULL, not an error, for the test. */
  if (show == NULL &&
      !g_error_matches (local_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return show;
}

DramaShow *
store_get_show (DramaStore *store,
                gint64      show_id)
{
  return store_sync (store, get_show_job, &show_id);
}

static gpointer
list_episodes_job (DramaStore    *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return drama_store_list_episodes (store, *(gint64 *) data, error);
}

GPtrArray *
store_list_episodes (DramaStore *store,
                     gint64      show_id)
{
  GPtrArray *episodes = store_sync (store, list_episodes_job, &show_id);

  g_assert_nonnull (episodes);
  return episodes;
}

static gpointer
save_show_job (DramaStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return drama_store_save_show (store, data, NULL, NULL, error) ? GINT_TO_POINTER (1) : NULL;
}

void
store_save_show (DramaStore *store,
                 DramaShow  *show)
{
  g_assert_nonnull (store_sync (store, save_show_job, show));
}

typedef struct {
  gint64   show_id;
  gboolean removed;
} RemovedArgs;

static gpointer
set_removed_job (DramaStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  RemovedArgs *args = data;

  return drama_store_set_show_removed (store, args->show_id, args->removed, error)
         ? GINT_TO_POINTER (1) : NULL;
}

void
store_set_removed (DramaStore *store,
                   gint64      show_id,
                   gboolean    removed)
{
  RemovedArgs args = { show_id, removed };

  g_assert_nonnull (store_sync (store, set_removed_job, &args));
}

typedef struct {
  const gint64 *ids;
  guint         n_ids;
  gint64        seen_at;
} SeenArgs;

static gpointer
set_seen_job (DramaStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  SeenArgs *args = data;

  return drama_store_set_episodes_seen (store, args->ids, args->n_ids, args->seen_at, NULL,
                                        error) ? GINT_TO_POINTER (1) : NULL;
}

void
store_set_seen (DramaStore   *store,
                const gint64 *episode_ids,
                guint         n_ids,
                gint64        seen_at)
{
  SeenArgs args = { episode_ids, n_ids, seen_at };

  g_assert_nonnull (store_sync (store, set_seen_job, &args));
}

typedef struct {
  const char *key;
  const char *value;
} MetaArgs;

static gpointer
get_meta_job (DramaStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return drama_store_get_meta (store, ((MetaArgs *) data)->key, error);
}

char *
store_get_meta (DramaStore *store,
                const char *key)
{
  MetaArgs args = { key, NULL };

  return store_sync (store, get_meta_job, &args);
}

static gpointer
set_meta_job (DramaStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  MetaArgs *args = data;

  return drama_store_set_meta (store, args->key, args->value, error) ? GINT_TO_POINTER (1) : NULL;
}

void
store_set_meta (DramaStore *store,
                const char *key,
                const char *value)
{
  MetaArgs args = { key, value };

  g_assert_nonnull (store_sync (store, set_meta_job, &args));
}

/* ---- scripts in a web view ---- */

typedef struct {
  gboolean  done;
  char     *result;
  GError   *error;
} JsWait;

static void
js_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  JsWait *wait = data;
  g_autoptr(JSCValue) value =
    webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &wait->error);

  if (value != NULL)
    wait->result = jsc_value_to_string (value);
  wait->done = TRUE;
}

static gboolean
js_is_done (gpointer data)
{
  return ((JsWait *) data)->done;
}

/* Runs script in the page as the app does and returns its value as a string. */
char *
run_js (DramaArticleView *view,
        const char       *script)
{
  JsWait wait = { FALSE, NULL, NULL };

  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (view), script, -1, NULL, NULL, NULL,
                                       js_done, &wait);
  g_assert_true (wait_for (js_is_done, &wait, 10000));
  g_assert_no_error (wait.error);

  return wait.result;
}

void
on_link_activated (DramaArticleView *view,
                   const char       *uri,
                   LinkLog          *log)
{
  g_ptr_array_add (log->uris, g_strdup (uri));
  /* Keep the test from launching a browser. */
  g_signal_stop_emission_by_name (view, "link-activated");
}

gboolean
has_links (gpointer data)
{
  return ((LinkLog *) data)->uris->len > 0;
}

/* ---- buttons ---- */

GtkButton *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0 &&
        gtk_widget_get_mapped (buttons->pdata[i]))
      return buttons->pdata[i];
  return NULL;
}

static gboolean
has_button (gpointer data)
{
  gpointer *args = data;

  return find_button (args[0], args[1]) != NULL;
}

GtkButton *
wait_for_button (GtkWidget  *root,
                 const char *label)
{
  gpointer args[] = { root, (gpointer) label };

  if (!wait_for (has_button, args, 10000))
    g_error ("No button “%s” on screen", label);
  return find_button (root, label);
}

void
click_button (GtkWidget  *root,
              const char *label)
{
  GtkButton *button = wait_for_button (root, label);

  /* "clicked" itself: gtk_widget_activate () emits it only after a 250 ms press animation. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  spin ();
}

GtkListView *
news_pane_list_view (DramaNewsPane *pane)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GListModel *articles = G_LIST_MODEL (drama_news_pane_get_article_list (pane));

  collect_widgets (GTK_WIDGET (pane), GTK_TYPE_LIST_VIEW, views);
  for (guint i = 0; articles != NULL && i < views->len; i++)
    {
      GtkSelectionModel *model = gtk_list_view_get_model (views->pdata[i]);
      GListModel *shown;

      if (!GTK_IS_SINGLE_SELECTION (model))
        continue;
      shown = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
      if (GTK_IS_SLICE_LIST_MODEL (shown))
        shown = gtk_slice_list_model_get_model (GTK_SLICE_LIST_MODEL (shown));
      if (shown == articles)
        return views->pdata[i];
    }
  return NULL;
}

GtkEditable *
news_pane_search_entry (DramaNewsPane *pane)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  /* The pane's own (the filter drop-down has one in its popover). */
  collect_widgets (GTK_WIDGET (pane), GTK_TYPE_SEARCH_ENTRY, entries);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *placeholder = NULL;

      g_object_get (entries->pdata[i], "placeholder-text", &placeholder, NULL);
      if (g_strcmp0 (placeholder, "Search Articles") == 0)
        return entries->pdata[i];
    }
  return NULL;
}

/* ---- the news pane and its reader ---- */

typedef struct {
  DramaNewsPane *pane;
  guint          n;
} CountWait;

static gboolean
has_n_items (gpointer data)
{
  CountWait *wait = data;
  DramaArticleList *list = drama_news_pane_get_article_list (wait->pane);

  return list != NULL && !drama_article_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == wait->n;
}

void
wait_for_n_items (DramaNewsPane *pane,
                  guint          n)
{
  CountWait wait = { pane, n };

  if (!wait_for (has_n_items, &wait, 10000))
    {
      DramaArticleList *list = drama_news_pane_get_article_list (pane);

      g_error ("%u items wanted; the list has %u, loading %d, filter %d", n,
               list ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0,
               list ? drama_article_list_get_loading (list) : -1,
               list ? (int) drama_article_list_get_filter (list) : -1);
    }
}

typedef struct {
  DramaNewsPane *pane;
  gint64         id;     /* 0: any */
} ReaderWait;

static gboolean
reader_has (gpointer data)
{
  ReaderWait *wait = data;
  DramaArticle *article = drama_news_pane_get_article (wait->pane);

  return article != NULL && (wait->id == 0 || drama_article_get_id (article) == wait->id);
}

/* The article the reader shows once it is read from the store. */
DramaArticle *
wait_for_reader (DramaNewsPane *pane,
                 gint64         id)
{
  ReaderWait wait = { pane, id };

  g_assert_true (wait_for (reader_has, &wait, 10000));
  return drama_news_pane_get_article (pane);
}

typedef struct {
  WebKitWebView *view;
  char          *uri;
} LoadWait;

static gboolean
page_loaded (gpointer data)
{
  LoadWait *wait = data;

  return wait->uri != NULL &&
         g_strcmp0 (webkit_web_view_get_uri (wait->view), wait->uri) == 0 &&
         !webkit_web_view_is_loading (wait->view);
}

static gboolean
has_page_uri (gpointer view)
{
  return drama_article_view_get_page_uri (view) != NULL;
}

/* The article opened (read from the store first when its row was not loaded yet) and its
 * page loaded. */
void
wait_for_article_page (DramaArticleView *view)
{
  LoadWait wait = { WEBKIT_WEB_VIEW (view), NULL };

  g_assert_true (wait_for (has_page_uri, view, 10000));
  wait.uri = g_strdup (drama_article_view_get_page_uri (view));
  g_assert_nonnull (wait.uri);
  g_assert_true (g_str_has_prefix (wait.uri, "dramalist-article://"));
  g_assert_true (wait_for (page_loaded, &wait, 20000));
  g_free (wait.uri);
}
