#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane-private.h"

#include <glib/gi18n-lib.h>

#include "drama-html.h"
#include "drama-ui-call.h"
#include "drama-ui-text.h"

/* Reader mode in the pane: the toggle beside the star shows the article's own page (loaded
 * once through DramaArticleLoader, kept in the library) instead of the feed's summary, and
 * back. An article of a feed that loads full articles opens with its page, loading it
 * first when the background has not yet. A failure is a toast in words; the summary stays. */

static DramaFeed *
article_feed (DramaNewsPane *self,
              DramaArticle  *article)
{
  for (guint i = 0; self->feeds != NULL && i < self->feeds->len; i++)
    {
      DramaFeed *feed = g_ptr_array_index (self->feeds, i);

      if (drama_feed_get_id (feed) == drama_article_get_feed_id (article))
        return feed;
    }
  return NULL;
}

static void
set_loading (DramaNewsPane *self,
             gboolean       loading)
{
  gtk_widget_set_visible (self->reader_full_spinner, loading);
  gtk_spinner_set_spinning (GTK_SPINNER (self->reader_full_spinner), loading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reader_full_button), !loading);
}

/* The toggle follows the article in the reader: shown when it has a web page, pressed when
 * its page is what the reader shows. */
void
_drama_news_pane_update_full_button (DramaNewsPane *self)
{
  DramaArticle *article = self->article;
  gboolean has_page = article != NULL && self->article_loader != NULL &&
                      drama_html_is_safe_link (drama_article_get_link (article));
  const char *failed = article != NULL ? drama_article_get_full_error (article) : NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->reader_full_button), has_page);
  self->syncing_full = TRUE;
  gtk_toggle_button_set_active (self->reader_full_button, has_page && self->show_full);
  self->syncing_full = FALSE;
  if (self->show_full)
    tooltip = g_strdup (_("Show the Feed’s Summary"));
  else if (failed != NULL && drama_article_get_full_content (article) == NULL)
    /* Why the last try failed, so that the user knows before trying again. */
    tooltip = g_strdup_printf (_("Load Full Article (the last try failed: %s)"), failed);
  else
    tooltip = g_strdup (_("Load Full Article"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reader_full_button), tooltip);
}

gboolean
_drama_news_pane_wants_full (DramaNewsPane *self,
                             DramaArticle  *article)
{
  DramaFeed *feed;

  if (drama_article_get_full_content (article) != NULL)
    return TRUE;
  feed = article_feed (self, article);
  /* A page that failed before is not tried at every opening: the toggle tries it again. */
  return feed != NULL && drama_feed_get_full_articles (feed) &&
         drama_article_get_full_error (article) == NULL;
}

/* A load's callback data: the article (its page kept on it whatever the pane does) and the
 * pane, weakly (the load goes on in the library's favour when the pane is gone). */
typedef struct {
  GWeakRef     *pane;
  DramaArticle *article;
} FullLoad;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  FullLoad *load = user_data;
  g_autoptr(DramaNewsPane) self = drama_ui_weak_steal (load->pane);
  g_autoptr(DramaArticle) article = load->article;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = drama_article_loader_load_finish (DRAMA_ARTICLE_LOADER (source),
                                                            result, &error);

  g_free (load);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (html != NULL)
    drama_article_set_full_content (article, html);
  else
    drama_article_set_full_error (article, error->message);
  /* The reader has gone on to another article meanwhile: nothing to show. */
  if (self == NULL || self->article != article)
    return;

  g_clear_object (&self->full_cancellable);
  set_loading (self, FALSE);
  if (html == NULL)
    {
      self->show_full = FALSE;
      _drama_news_pane_toast_error (self, _("Could not load the full article"), error);
    }
  _drama_news_pane_update_full_button (self);
  _drama_news_pane_show_reader_page (self);
}

/* Loads the page of the article in the reader, which shows it when it comes. */
void
_drama_news_pane_load_full (DramaNewsPane *self)
{
  FullLoad *load;

  if (self->article == NULL || self->article_loader == NULL)
    return;
  _drama_cancel_and_clear (&self->full_cancellable);
  self->full_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  load = g_new0 (FullLoad, 1);
  load->pane = drama_ui_weak_new (self);
  load->article = g_object_ref (self->article);
  drama_article_loader_load_async (self->article_loader, drama_article_get_id (self->article),
                                   self->full_cancellable, loaded_cb, load);
}

/* Leaving an article: its load goes on in the library's favour, not in the pane's. */
void
_drama_news_pane_leave_full (DramaNewsPane *self)
{
  g_clear_object (&self->full_cancellable);
  set_loading (self, FALSE);
}

void
_drama_news_pane_on_full_toggled (DramaNewsPane   *self,
                                  GtkToggleButton *button)
{
  if (self->syncing_full || self->article == NULL)
    return;
  self->show_full = gtk_toggle_button_get_active (button);
  _drama_news_pane_update_full_button (self);
  if (self->show_full && drama_article_get_full_content (self->article) == NULL)
    {
      _drama_news_pane_load_full (self);
      return;
    }
  _drama_news_pane_show_reader_page (self);
}

/* The f key: what the toggle does, when it is there to press. */
void
_drama_news_pane_toggle_full_activated (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);
  GtkWidget *button = GTK_WIDGET (self->reader_full_button);

  if (gtk_widget_get_visible (button) && gtk_widget_get_sensitive (button))
    gtk_toggle_button_set_active (self->reader_full_button,
                                  !gtk_toggle_button_get_active (self->reader_full_button));
}
