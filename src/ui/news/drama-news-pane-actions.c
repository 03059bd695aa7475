#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane-private.h"

#include <glib/gi18n-lib.h>

#include "drama-html.h"
#include "drama-ui-text.h"

/* The pane's actions (news.*) and their keys: stepping through the list, the reader's
 * buttons, zoom, search. The marks' actions are in drama-news-pane-marks.c, Try Again on
 * the banners in drama-news-pane-banners.c; all are installed here. */

static void
step (DramaNewsPane *self,
      int            direction)
{
  guint n, position, target;

  if (self->list == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (n == 0)
    return;

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    target = direction > 0 ? 0 : n - 1;
  else if (direction > 0)
    target = MIN (position + 1, n - 1);
  else
    target = position > 0 ? position - 1 : 0;

  drama_news_pane_open_article (self, target);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  step (DRAMA_NEWS_PANE (widget), 1);
}

static void
previous_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  step (DRAMA_NEWS_PANE (widget), -1);
}

static void
open_in_browser_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);
  const char *link = self->article ? drama_article_get_link (self->article) : NULL;

  /* Through the view's signal, so whoever listens to links sees this one too. */
  if (drama_html_is_safe_link (link) && self->article_view != NULL)
    g_signal_emit_by_name (self->article_view, "link-activated", link);
}

static void
manage_feeds_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  drama_news_pane_show_feeds (DRAMA_NEWS_PANE (widget));
}

static void
show_all_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  drama_news_pane_set_filter (self, DRAMA_ARTICLE_FILTER_ALL, 0);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
retried_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DramaNewsPane) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = drama_feed_updater_refresh_feed_finish (DRAMA_FEED_UPDATER (source), result,
                                                        &error);

  if (self->store == NULL)   /* disposed meanwhile */
    return;
  if (!ok)
    _drama_news_pane_toast_error (self, _("The feed could not be updated"), error);
  _drama_news_pane_update_feed_error (self);
}

static void
retry_feed_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  if (self->updater == NULL || self->list == NULL ||
      drama_article_list_get_filter (self->list) != DRAMA_ARTICLE_FILTER_FEED)
    return;

  drama_feed_updater_refresh_feed_async (self->updater,
                                         drama_article_list_get_filter_id (self->list), NULL,
                                         retried_cb, g_object_ref (self));
}

static void
zoom_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  if (self->article_view == NULL)
    return;

  if (g_str_equal (action_name, "news.zoom-in"))
    gtk_widget_activate_action (GTK_WIDGET (self->article_view), "article.zoom-in", NULL);
  else if (g_str_equal (action_name, "news.zoom-out"))
    gtk_widget_activate_action (GTK_WIDGET (self->article_view), "article.zoom-out", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->article_view), "article.zoom-reset", NULL);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
_drama_news_pane_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "news.set-starred", "(xb)",
                                   _drama_news_pane_set_starred_activated);
  gtk_widget_class_install_action (widget_class, "news.toggle-star", NULL,
                                   _drama_news_pane_toggle_star_activated);
  gtk_widget_class_install_action (widget_class, "news.mark-unread", NULL,
                                   _drama_news_pane_mark_unread_activated);
  gtk_widget_class_install_action (widget_class, "news.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "news.previous", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "news.open-in-browser", NULL,
                                   open_in_browser_activated);
  gtk_widget_class_install_action (widget_class, "news.mark-all-read", NULL,
                                   _drama_news_pane_mark_all_read_activated);
  gtk_widget_class_install_action (widget_class, "news.manage-feeds", NULL,
                                   manage_feeds_activated);
  gtk_widget_class_install_action (widget_class, "news.show-all", NULL, show_all_activated);
  gtk_widget_class_install_action (widget_class, "news.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "news.retry-feed", NULL, retry_feed_activated);
  gtk_widget_class_install_action (widget_class, "news.retry-failed", NULL,
                                   _drama_news_pane_retry_failed_activated);
  gtk_widget_class_install_action (widget_class, "news.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "news.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "news.zoom-reset", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "news.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "news.toggle-full", NULL,
                                   _drama_news_pane_toggle_full_activated);

  /* Single keys: a text entry with focus gets them first, so typing is never stolen. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "news.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "news.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "news.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "news.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "news.toggle-star", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, 0, "news.open-in-browser", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "news.toggle-full", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "news.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "news.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "news.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "news.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "news.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "news.back", NULL);
}
