#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-article-page.h"
#include "drama-html.h"
#include "drama-related.h"
#include "drama-settings.h"
#include "drama-ui-text.h"

/* The reader: the article it shows (its page built here, shown by the DramaArticleView),
 * the reader's buttons following it, and opening an article whose page the list has not
 * read yet (read from the store first, with its links for the spoiler check). */

void
_drama_news_pane_update_reader_actions (DramaNewsPane *self)
{
  gboolean has = self->article != NULL;
  const char *link = has ? drama_article_get_link (self->article) : NULL;
  gboolean starred = has && drama_article_get_starred (self->article);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.toggle-star", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.mark-unread", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.open-in-browser",
                                 link != NULL && (g_str_has_prefix (link, "https://") ||
                                                  g_str_has_prefix (link, "http://")));
  gtk_button_set_icon_name (self->reader_star_button,
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reader_star_button),
                               starred ? _("Unstar") : _("Star"));
  if (starred)
    gtk_widget_add_css_class (GTK_WIDGET (self->reader_star_button), "starred");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->reader_star_button), "starred");
  gtk_label_set_text (self->reader_title,
                      has && drama_article_get_feed_title (self->article)
                        ? drama_article_get_feed_title (self->article) : "");
}

void
_drama_news_pane_set_article (DramaNewsPane *self,
             DramaArticle  *article)
{
  gboolean same = article != NULL && self->article != NULL &&
                  drama_article_get_id (article) == drama_article_get_id (self->article);

  if (self->article != NULL)
    g_clear_signal_handler (&self->article_notify, self->article);
  if (!same)
    _drama_news_pane_leave_full (self);
  /* The same article read again (its row refreshed) keeps the page the reader shows. */
  if (same && drama_article_get_full_content (article) == NULL)
    {
      drama_article_set_full_content (article, drama_article_get_full_content (self->article));
      drama_article_set_full_error (article, drama_article_get_full_error (self->article));
    }
  g_set_object (&self->article, article);
  if (!same)
    self->show_full = article != NULL && _drama_news_pane_wants_full (self, article);
  if (article != NULL)
    self->article_notify =
      g_signal_connect_object (article, "notify::starred",
                               G_CALLBACK (_drama_news_pane_update_reader_actions), self,
                               G_CONNECT_SWAPPED);
  _drama_news_pane_update_reader_actions (self);
  _drama_news_pane_update_full_button (self);
  if (!same)
    _drama_news_pane_update_offers (self);
}

static char *
build_page (DramaArticle *article,
            gboolean      full)
{
  const char *content = drama_article_get_content (article);
  const char *page = drama_article_get_full_content (article);
  const char *body = full && page != NULL ? page
                     : (content && *content) ? content : drama_article_get_summary (article);
  const char *image = drama_article_get_image (article);
  DramaArticlePageInfo info = {
    .title = drama_article_get_title (article),
    .author = drama_article_get_author (article),
    .feed_title = drama_article_get_feed_title (article),
    .link = drama_article_get_link (article),
    .body_html = body,
    .published = drama_article_get_published (article),
    .dark = adw_style_manager_get_dark (adw_style_manager_get_default ()),
  };

  /* The lead image, unless the body shows it already. */
  if (drama_html_is_safe_link (image) && (body == NULL || strstr (body, image) == NULL))
    info.image = image;

  return drama_article_page_build (&info);
}

/* Shows the article in the reader as it is now: the feed's copy, or its own page in
 * reader mode. */
void
_drama_news_pane_show_reader_page (DramaNewsPane *self)
{
  g_autofree char *page = NULL;

  if (self->article == NULL || self->article_view == NULL)
    return;
  page = build_page (self->article, self->show_full);
  drama_article_view_show_html_for_feed (self->article_view,
                                         drama_article_get_title (self->article), page,
                                         drama_article_get_feed_url (self->article));
}

static void open_article_by_id (DramaNewsPane *self,
                                gint64         article_id);

void
_drama_news_pane_open_article (DramaNewsPane *self,
              DramaArticle  *article)
{
  if (article == NULL || self->article_view == NULL)
    return;
  /* Its page is still being read: open it once it is here (the row fills in then too). */
  if (drama_article_list_is_placeholder (article))
    {
      if (self->opening_id != drama_article_get_id (article))
        open_article_by_id (self, drama_article_get_id (article));
      return;
    }
  _drama_cancel_and_clear (&self->open_cancellable);
  self->opening_id = 0;
  /* An article about an episode not seen yet asks first; "Show Anyway" comes back here
   * through drama_news_pane_show_article(). */
  if (!drama_related_spoiler_accepted (GTK_WIDGET (self), article))
    {
      drama_related_open_article (GTK_WIDGET (self), article);
      return;
    }
  if (self->article != NULL &&
      drama_article_get_id (self->article) == drama_article_get_id (article) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->reader_stack), "reader") == 0)
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "reader");
      return;
    }

  _drama_news_pane_set_article (self, article);
  _drama_news_pane_show_reader_page (self);
  /* A feed that loads full articles: this one's page had not come yet. */
  if (self->show_full && drama_article_get_full_content (article) == NULL)
    _drama_news_pane_load_full (self);
  gtk_stack_set_visible_child_name (self->reader_stack, "reader");
  adw_leaflet_set_visible_child_name (self->leaflet, "reader");
  _drama_news_pane_update_title (self);

  /* Opening is reading. The row shows it at once; the store follows. */
  if (!drama_article_get_read (article) && self->store != NULL)
    _drama_news_pane_mark_read (self, article, TRUE);
}

static void
article_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DramaNewsPane *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = drama_store_list_finish (DRAMA_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->open_cancellable);
  self->opening_id = 0;
  if (articles == NULL)
    _drama_news_pane_toast_error (self, _("The article could not be opened"), error);
  else if (articles->len == 0)
    _drama_news_pane_add_toast (self,
                                drama_toast_new (_("This article is no longer in your library")));
  else
    _drama_news_pane_open_article (self, g_ptr_array_index (articles, 0));
}

/* Reads the article (with its links: the spoiler check needs them), then opens it. A newer
 * choice cancels this one. */
static void
open_article_by_id (DramaNewsPane *self,
                    gint64         article_id)
{
  gboolean guard = self->settings == NULL ||
                   g_settings_get_boolean (self->settings, DRAMA_SETTINGS_SPOILER_GUARD);

  if (self->store == NULL)
    return;
  _drama_cancel_and_clear (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();
  self->opening_id = article_id;
  drama_store_get_articles_async (self->store, &article_id, 1, guard ? 1 : 0,
                                  self->open_cancellable, article_read_cb, self);
}

void
_drama_news_pane_close_article (DramaNewsPane *self)
{
  _drama_news_pane_set_article (self, NULL);
  gtk_stack_set_visible_child_name (self->reader_stack, "none");
  if (self->article_view != NULL && !self->showing_html)
    drama_article_view_clear (self->article_view);
  _drama_news_pane_update_title (self);
}
