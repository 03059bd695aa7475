#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

struct _DramaNewsPane
{
  GtkWidget         parent_instance;

  GtkStack         *stack;
  AdwStatusPage    *empty_page;
  AdwBin           *reader_bin;

  DramaStore       *store;
  DramaArticleView *article_view;
};

G_DEFINE_FINAL_TYPE (DramaNewsPane, drama_news_pane, GTK_TYPE_WIDGET)

static void
drama_news_pane_dispose (GObject *object)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_NEWS_PANE);
  self->article_view = NULL;
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drama_news_pane_parent_class)->dispose (object);
}

static void
drama_news_pane_class_init (DramaNewsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_news_pane_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramanewspane");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-news-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DramaNewsPane, reader_bin);
}

static void
drama_news_pane_init (DramaNewsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DramaNewsPane *
drama_news_pane_new (void)
{
  return g_object_new (DRAMA_TYPE_NEWS_PANE, NULL);
}

void
drama_news_pane_set_store (DramaNewsPane *self,
                           DramaStore    *store)
{
  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));
  g_return_if_fail (store == NULL || DRAMA_IS_STORE (store));

  g_set_object (&self->store, store);
}

DramaStore *
drama_news_pane_get_store (DramaNewsPane *self)
{
  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), NULL);

  return self->store;
}

void
drama_news_pane_set_web_context (DramaNewsPane   *self,
                                 DramaWebContext *context)
{
  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));
  g_return_if_fail (DRAMA_IS_WEB_CONTEXT (context));
  g_return_if_fail (self->article_view == NULL);

  self->article_view = drama_article_view_new (context);
  gtk_widget_set_hexpand (GTK_WIDGET (self->article_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->article_view), TRUE);
  adw_bin_set_child (self->reader_bin, GTK_WIDGET (self->article_view));
}

DramaArticleView *
drama_news_pane_get_article_view (DramaNewsPane *self)
{
  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), NULL);

  return self->article_view;
}

void
drama_news_pane_show_article_html (DramaNewsPane *self,
                                   const char    *title,
                                   const char    *html_page)
{
  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));
  g_return_if_fail (self->article_view != NULL);

  drama_article_view_show_html (self->article_view, title, html_page);
  gtk_stack_set_visible_child_name (self->stack, "reader");
}

void
drama_news_pane_show_empty (DramaNewsPane *self)
{
  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));

  if (self->article_view != NULL)
    drama_article_view_clear (self->article_view);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

gboolean
drama_news_pane_is_empty (DramaNewsPane *self)
{
  g_return_val_if_fail (DRAMA_IS_NEWS_PANE (self), TRUE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}
