#define G_LOG_DOMAIN "drama-window"

#include "config.h"

#include "drama-window.h"
#include "drama-window-test.h"

#include <glib/gi18n-lib.h>

#include "drama-add-show-dialog.h"
#include "drama-search-view.h"
#include "drama-settings.h"
#include "drama-ui-call.h"
#include "drama-ui-text.h"
#include "drama-watchlist-transfer.h"

struct _DramaWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay    *toast_overlay;
  GtkStack           *main_stack;
  AdwLeaflet         *outer_leaflet;
  AdwLeaflet         *inner_leaflet;
  DramaWatchlistView *watchlist_view;
  DramaShowPage      *show_page;
  DramaNewsPane      *news_pane;
  GtkMenuButton      *search_button;
  DramaSearchView    *search_view;
  AdwStatusPage      *error_page;

  GCancellable       *cancellable;   /* the window's reads: cancelled in dispose */
  DramaWatchlistTransfer *transfer;  /* "Export/Import Watchlist…" */

  /* On a narrow window the news page was opened from the sidebar: back goes there. */
  gboolean            news_from_sidebar;
  gboolean            set_up;
};

G_DEFINE_FINAL_TYPE (DramaWindow, drama_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  ADD_SHOW_REQUESTED,
  ADD_FEED_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GSettings *
get_settings (DramaWindow *self)
{
  DramaApplication *app = drama_window_get_application (self);

  return app != NULL ? drama_application_get_settings (app) : NULL;
}

static gpointer
get_show_job (DramaStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return drama_store_get_show (store, *(gint64 *) data, error);
}

static void
added_show_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = drama_store_call_finish (DRAMA_STORE (source), result, &error);

  /* Cancelled: the window is gone. The toast only confirms: no name, no toast. */
  if (show == NULL)
    return;

  drama_window_add_toast (DRAMA_WINDOW (user_data),
                          drama_toast_new_printf (_("“%s” is on your watchlist"),
                                                  drama_show_get_name (show)));
}

static void
on_show_added (DramaAddShowDialog *dialog,
               gint64              show_id,
               DramaWindow        *self)
{
  DramaStore *store = drama_window_get_store (self);

  drama_window_show_show (self, show_id);
  /* self->cancellable is cancelled before the window goes away: self is safe to pass. */
  if (store != NULL)
    drama_ui_call (store, G_PRIORITY_HIGH, get_show_job, g_memdup2 (&show_id, sizeof show_id),
                   g_free, g_object_unref, self->cancellable, added_show_cb, self);
}

static void
add_show_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DramaWindow *self = DRAMA_WINDOW (user_data);
  DramaApplication *app = drama_window_get_application (self);
  DramaAddShowDialog *dialog;

  g_debug ("Add show requested");
  g_signal_emit (user_data, signals[ADD_SHOW_REQUESTED], 0);

  if (app == NULL || drama_application_get_store (app) == NULL)
    return;

  dialog = drama_add_show_dialog_new (GTK_WINDOW (self), drama_application_get_store (app),
                                      drama_application_get_tvmaze (app),
                                      drama_application_get_image_loader (app));
  g_signal_connect_object (dialog, "show-added", G_CALLBACK (on_show_added), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_feed_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DramaWindow *self = DRAMA_WINDOW (user_data);

  g_debug ("Add feed requested");
  g_signal_emit (user_data, signals[ADD_FEED_REQUESTED], 0);

  if (drama_window_get_store (self) != NULL)
    drama_news_pane_add_feed (self->news_pane);
}

static void
show_news_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  drama_window_show_news (DRAMA_WINDOW (user_data));
}

/* Related news: one search for shows, people and articles (Ctrl+F outside the news pane,
 * whose own Ctrl+F searches the article list). */
static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  DramaWindow *self = DRAMA_WINDOW (user_data);

  if (adw_leaflet_get_folded (self->outer_leaflet))
    adw_leaflet_set_visible_child_name (self->outer_leaflet, "sidebar");
  gtk_menu_button_popup (self->search_button);
}

static void
on_search_popover_visible (DramaWindow *self,
                           GParamSpec  *pspec,
                           GtkPopover  *popover)
{
  if (gtk_widget_get_visible (GTK_WIDGET (popover)))
    drama_search_view_focus_entry (self->search_view);
}

static void
export_watchlist_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  DramaWindow *self = user_data;

  drama_watchlist_transfer_choose (self->transfer, DRAMA_TRANSFER_EXPORT);
}

static void
import_watchlist_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  DramaWindow *self = user_data;

  drama_watchlist_transfer_choose (self->transfer, DRAMA_TRANSFER_IMPORT);
}

static void
import_trakt_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  DramaWindow *self = user_data;
  DramaApplication *app = drama_window_get_application (self);

  /* The TVmaze client is remade when its address changes: the one of now. */
  drama_watchlist_transfer_set_tvmaze (self->transfer,
                                       app != NULL ? drama_application_get_tvmaze (app) : NULL);
  drama_watchlist_transfer_choose (self->transfer, DRAMA_TRANSFER_IMPORT_TRAKT);
}

static const GActionEntry win_actions[] = {
  { "export-watchlist", export_watchlist_activated },
  { "import-watchlist", import_watchlist_activated },
  { "import-trakt", import_trakt_activated },
  { "add-show", add_show_activated },
  { "add-feed", add_feed_activated },
  { "show-news", show_news_activated },
  { "search", search_activated },
};

static void
on_show_activated (DramaWatchlistView *view,
                   gint64              show_id,
                   DramaWindow        *self)
{
  drama_window_show_show (self, show_id);
}

static void
on_show_back_clicked (DramaWindow *self)
{
  adw_leaflet_set_visible_child_name (self->outer_leaflet, "sidebar");
}

static void
on_news_back_clicked (DramaWindow *self)
{
  /* Reading on a narrow window: back to the article list first. */
  if (drama_news_pane_go_back (self->news_pane))
    return;
  if (self->news_from_sidebar && adw_leaflet_get_folded (self->outer_leaflet))
    adw_leaflet_set_visible_child_name (self->outer_leaflet, "sidebar");
  else
    adw_leaflet_set_visible_child_name (self->inner_leaflet, "show");
  self->news_from_sidebar = FALSE;
}

/* The news header's back button shows when the inner leaflet is folded: then it is the
 * only one, also for the pane's step from reader to list. */
static void
on_inner_folded (DramaWindow *self)
{
  drama_news_pane_set_back_in_header (self->news_pane,
                                      adw_leaflet_get_folded (self->inner_leaflet));
}

/* The window's title follows what is shown, as GNOME apps do (the window list, Alt+Tab):
 * the article or news filter, the show, or the app's name beside the watchlist alone. */
static void
update_window_title (DramaWindow *self)
{
  const char *title = NULL;
  gboolean sidebar_only;
  g_autofree char *show_title = NULL;
  g_autofree char *news_title = NULL;

  /* Its parts going away with the window say nothing any more. */
  if (self->outer_leaflet == NULL || self->inner_leaflet == NULL || self->news_pane == NULL ||
      self->show_page == NULL)
    return;
  sidebar_only = adw_leaflet_get_folded (self->outer_leaflet) &&
    g_strcmp0 (adw_leaflet_get_visible_child_name (self->outer_leaflet), "sidebar") == 0;
  if (!sidebar_only)
    {
      if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->inner_leaflet), "news") == 0)
        {
          g_object_get (self->news_pane, "title", &news_title, NULL);
          title = news_title;
        }
      else
        {
          g_object_get (self->show_page, "title", &show_title, NULL);
          title = show_title;
        }
    }
  /* TRANSLATORS: the app's name, the window's title when no show or article is shown */
  gtk_window_set_title (GTK_WINDOW (self), title != NULL && *title != '\0' ? title : _("Dramalist"));
}

static gboolean
drama_window_close_request (GtkWindow *window)
{
  DramaWindow *self = DRAMA_WINDOW (window);
  GSettings *settings = get_settings (self);
  gboolean maximized = gtk_window_is_maximized (window);

  if (settings != NULL)
    {
      /* The unmaximized size, so un-maximizing next time lands somewhere sensible. */
      if (!maximized)
        {
          int width, height;

          gtk_window_get_default_size (window, &width, &height);
          g_settings_set_int (settings, DRAMA_SETTINGS_WINDOW_WIDTH, width);
          g_settings_set_int (settings, DRAMA_SETTINGS_WINDOW_HEIGHT, height);
        }
      g_settings_set_boolean (settings, DRAMA_SETTINGS_WINDOW_MAXIMIZED, maximized);
    }

  return GTK_WINDOW_CLASS (drama_window_parent_class)->close_request (window);
}

static void
show_moved_aside_details (DramaWindow *self)
{
  DramaStore *store = drama_window_get_store (self);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (store == NULL || drama_store_get_moved_aside_path (store) == NULL)
    return;

  body = g_strdup_printf (_("Your library could not be read and was moved to %s. "
                            "A new library was started."),
                          drama_store_get_moved_aside_path (store));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Library Could Not Be Read"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_store_error (DramaWindow  *self,
                  const GError *error)
{
  drama_status_page_set_text (self->error_page,
                              error ? error->message : _("The library is not available."));
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "add-show")), FALSE);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "add-feed")), FALSE);
}

/* "application" is not a construct property of GtkWindow, so the window sets itself up
 * once it is given its application. */
static void
on_tvmaze_url_changed (DramaWindow *self)
{
  DramaApplication *app = drama_window_get_application (self);

  if (app == NULL)
    return;
  drama_show_page_set_tvmaze (self->show_page, drama_application_get_tvmaze (app));
  drama_search_view_set_tvmaze (self->search_view, drama_application_get_tvmaze (app));
  drama_news_pane_set_tvmaze (self->news_pane, drama_application_get_tvmaze (app));
}

static void
on_application_set (DramaWindow *self)
{
  DramaApplication *app;
  GSettings *settings;
  DramaStore *store;

  app = drama_window_get_application (self);
  if (app == NULL || self->set_up)
    return;
  self->set_up = TRUE;

  settings = drama_application_get_settings (app);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, DRAMA_SETTINGS_WINDOW_WIDTH),
                                   g_settings_get_int (settings, DRAMA_SETTINGS_WINDOW_HEIGHT));
      if (g_settings_get_boolean (settings, DRAMA_SETTINGS_WINDOW_MAXIMIZED))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  drama_news_pane_set_web_context (self->news_pane, drama_application_get_web_context (app));

  store = drama_application_get_store (app);
  if (store == NULL)
    {
      show_store_error (self, drama_application_get_store_error (app));
      return;
    }
  drama_watchlist_transfer_set_store (self->transfer, store);

  drama_watchlist_view_set_image_loader (self->watchlist_view,
                                         drama_application_get_image_loader (app));
  drama_watchlist_view_set_settings (self->watchlist_view, settings);
  drama_show_page_set_image_loader (self->show_page, drama_application_get_image_loader (app));
  drama_show_page_set_show_list (self->show_page, drama_application_get_show_list (app));
  drama_show_page_set_settings (self->show_page, settings);
  drama_search_view_set_image_loader (self->search_view, drama_application_get_image_loader (app));
  drama_search_view_set_settings (self->search_view, settings);
  on_tvmaze_url_changed (self);
  /* The app makes a new client when the URL changes (its handler runs first). */
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::" DRAMA_SETTINGS_TVMAZE_URL,
                             G_CALLBACK (on_tvmaze_url_changed), self, G_CONNECT_SWAPPED);
  drama_watchlist_view_set_show_list (self->watchlist_view, drama_application_get_show_list (app));
  drama_search_view_set_show_list (self->search_view, drama_application_get_show_list (app));
  drama_watchlist_view_set_store (self->watchlist_view, store);
  drama_show_page_set_store (self->show_page, store);
  drama_news_pane_set_store (self->news_pane, store);
  drama_search_view_set_store (self->search_view, store);
  drama_news_pane_set_application (self->news_pane, app);

  if (drama_store_get_moved_aside_path (store) != NULL)
    {
      /* The path is long: the toast says what happened, the dialog says where it went. */
      AdwToast *toast = drama_toast_new (_("Your library could not be read. A new library was started."));

      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (show_moved_aside_details), self, G_CONNECT_SWAPPED);
      drama_window_add_toast (self, toast);
    }
}

static void
drama_window_dispose (GObject *object)
{
  DramaWindow *self = DRAMA_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->transfer);

  G_OBJECT_CLASS (drama_window_parent_class)->dispose (object);
}

static void
drama_window_class_init (DramaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = drama_window_dispose;
  window_class->close_request = drama_window_close_request;

  signals[ADD_SHOW_REQUESTED] =
    g_signal_new ("add-show-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ADD_FEED_REQUESTED] =
    g_signal_new ("add-feed-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DRAMA_TYPE_WATCHLIST_VIEW);
  g_type_ensure (DRAMA_TYPE_SHOW_PAGE);
  g_type_ensure (DRAMA_TYPE_NEWS_PANE);
  g_type_ensure (DRAMA_TYPE_SEARCH_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DramaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaWindow, outer_leaflet);
  gtk_widget_class_bind_template_child (widget_class, DramaWindow, inner_leaflet);
  gtk_widget_class_bind_template_child (widget_class, DramaWindow, watchlist_view);
  gtk_widget_class_bind_template_child (widget_class, DramaWindow, show_page);
  gtk_widget_class_bind_template_child (widget_class, DramaWindow, news_pane);
  gtk_widget_class_bind_template_child (widget_class, DramaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DramaWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, DramaWindow, search_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_popover_visible);
  gtk_widget_class_bind_template_callback (widget_class, on_show_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_show_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_news_back_clicked);
}

static void
drama_window_init (DramaWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Names for screen readers that GTK 4.8 does not give (icon buttons, mnemonics). */
  drama_ui_name_controls (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  self->transfer = drama_watchlist_transfer_new (GTK_WINDOW (self), self->toast_overlay);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_set), NULL);
  g_signal_connect_swapped (self->inner_leaflet, "notify::folded", G_CALLBACK (on_inner_folded),
                            self);
  on_inner_folded (self);

  g_signal_connect_swapped (self->inner_leaflet, "notify::visible-child-name",
                            G_CALLBACK (update_window_title), self);
  g_signal_connect_swapped (self->outer_leaflet, "notify::visible-child-name",
                            G_CALLBACK (update_window_title), self);
  g_signal_connect_swapped (self->outer_leaflet, "notify::folded",
                            G_CALLBACK (update_window_title), self);
  g_signal_connect_swapped (self->news_pane, "notify::title",
                            G_CALLBACK (update_window_title), self);
  g_signal_connect_swapped (self->show_page, "notify::title",
                            G_CALLBACK (update_window_title), self);
  update_window_title (self);
}

DramaWindow *
drama_window_new (DramaApplication *application)
{
  g_return_val_if_fail (DRAMA_IS_APPLICATION (application), NULL);

  return g_object_new (DRAMA_TYPE_WINDOW, "application", application, NULL);
}

DramaApplication *
drama_window_get_application (DramaWindow *self)
{
  GtkApplication *app;

  g_return_val_if_fail (DRAMA_IS_WINDOW (self), NULL);

  app = gtk_window_get_application (GTK_WINDOW (self));
  return DRAMA_IS_APPLICATION (app) ? DRAMA_APPLICATION (app) : NULL;
}

DramaStore *
drama_window_get_store (DramaWindow *self)
{
  DramaApplication *app;

  g_return_val_if_fail (DRAMA_IS_WINDOW (self), NULL);

  app = drama_window_get_application (self);
  return app != NULL ? drama_application_get_store (app) : NULL;
}

void
drama_window_add_toast (DramaWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (DRAMA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
drama_window_show_show (DramaWindow *self,
                        gint64       show_id)
{
  g_return_if_fail (DRAMA_IS_WINDOW (self));

  drama_show_page_set_show_id (self->show_page, show_id);
  drama_watchlist_view_select_show (self->watchlist_view, show_id);
  self->news_from_sidebar = FALSE;
  adw_leaflet_set_visible_child_name (self->inner_leaflet, "show");
  adw_leaflet_set_visible_child_name (self->outer_leaflet, "content");
}

void
drama_window_show_news (DramaWindow *self)
{
  g_return_if_fail (DRAMA_IS_WINDOW (self));

  self->news_from_sidebar =
    adw_leaflet_get_folded (self->outer_leaflet) &&
    g_strcmp0 (adw_leaflet_get_visible_child_name (self->outer_leaflet), "sidebar") == 0;
  adw_leaflet_set_visible_child_name (self->inner_leaflet, "news");
  adw_leaflet_set_visible_child_name (self->outer_leaflet, "content");
}

static void
search_when_mapped (DramaWindow *self)
{
  const char *text = g_object_get_data (G_OBJECT (self), "drama-search-text");

  g_signal_handlers_disconnect_by_func (self, search_when_mapped, NULL);
  g_action_group_activate_action (G_ACTION_GROUP (self), "search", NULL);
  drama_search_view_set_text (self->search_view, text != NULL ? text : "");
  g_object_set_data (G_OBJECT (self), "drama-search-text", NULL);
}

void
drama_window_search (DramaWindow *self,
                     const char  *text)
{
  g_return_if_fail (DRAMA_IS_WINDOW (self));

  g_object_set_data_full (G_OBJECT (self), "drama-search-text", g_strdup (text), g_free);
  /* The popover pops up from a window on screen: a window just made waits for its map. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    search_when_mapped (self);
  else
    {
      g_signal_handlers_disconnect_by_func (self, search_when_mapped, NULL);
      g_signal_connect (self, "map", G_CALLBACK (search_when_mapped), NULL);
    }
}

DramaWatchlistView *
drama_window_get_watchlist_view (DramaWindow *self)
{
  g_return_val_if_fail (DRAMA_IS_WINDOW (self), NULL);

  return self->watchlist_view;
}

DramaShowPage *
drama_window_get_show_page (DramaWindow *self)
{
  g_return_val_if_fail (DRAMA_IS_WINDOW (self), NULL);

  return self->show_page;
}

DramaNewsPane *
drama_window_get_news_pane (DramaWindow *self)
{
  g_return_val_if_fail (DRAMA_IS_WINDOW (self), NULL);

  return self->news_pane;
}
