#define G_LOG_DOMAIN "drama-article-row"

#include "config.h"

#include "drama-article-row.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "drama-html.h"
#include "drama-related.h"
#include "drama-show-chips.h"

struct _DramaArticleRow
{
  GtkWidget         parent_instance;

  GtkWidget        *box;
  GtkWidget        *unread_dot;
  GtkLabel         *meta_label;
  GtkLabel         *title_label;
  GtkLabel         *shows_label;
  DramaShowChips   *chips;
  GtkWidget        *thumbnail_clamp;
  GtkPicture       *thumbnail;
  GtkButton        *star_button;

  DramaArticle     *article;
  gulong            notify_handler;
  DramaImageLoader *loader;
  gboolean          load_images;
};

G_DEFINE_FINAL_TYPE (DramaArticleRow, drama_article_row, GTK_TYPE_WIDGET)

char *
drama_format_relative_time (gint64 when,
                            gint64 now)
{
  gint64 age;
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;

  if (when <= 0)
    return NULL;
  if (now <= 0)
    now = g_get_real_time () / G_USEC_PER_SEC;

  age = now - when;
  /* A feed clock a little ahead of ours is still "just now". */
  if (age < 60)
    return g_strdup (_("Just now"));
  if (age < 3600)
    {
      int minutes = (int) (age / 60);
      /* TRANSLATORS: a short relative time, e.g. "5 min ago" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", minutes),
                              minutes);
    }
  if (age < 24 * 3600)
    {
      int hours = (int) (age / 3600);
      /* TRANSLATORS: a short relative time, e.g. "2 h ago" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h ago", "%d h ago", hours), hours);
    }
  if (age < 48 * 3600)
    return g_strdup (_("Yesterday"));
  if (age < 7 * 24 * 3600)
    {
      int days = (int) (age / (24 * 3600));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days),
                              days);
    }

  then = g_date_time_new_from_unix_local (when);
  today = g_date_time_new_from_unix_local (now);
  if (then == NULL || today == NULL)
    return NULL;
  if (g_date_time_get_year (then) == g_date_time_get_year (today))
    /* TRANSLATORS: a date in this year, see g_date_time_format(), e.g. "22 May" */
    return g_strstrip (g_date_time_format (then, _("%e %b")));
  /* TRANSLATORS: a date in another year, see g_date_time_format(), e.g. "22 May 2019" */
  return g_strstrip (g_date_time_format (then, _("%e %b %Y")));
}

static void
update_thumbnail (DramaArticleRow *self)
{
  const char *image = self->article ? drama_article_get_image (self->article) : NULL;
  gboolean show = self->loader != NULL && self->load_images && drama_html_is_safe_link (image);

  gtk_widget_set_visible (self->thumbnail_clamp, show);
  if (self->loader != NULL)
    drama_image_loader_set_image (self->loader, GTK_WIDGET (self->thumbnail), show ? image : NULL);
}

static void
update (DramaArticleRow *self)
{
  DramaArticle *article = self->article;
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;
  DramaEpisode *spoiler;
  const char *title;
  const char *feed;
  gboolean read, starred;

  if (article == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->meta_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->shows_label), FALSE);
      drama_show_chips_set_shows (self->chips, NULL);
      update_thumbnail (self);
      return;
    }

  title = drama_article_get_title (article);
  gtk_label_set_text (self->title_label, (title && *title) ? title : _("Untitled article"));

  feed = drama_article_get_feed_title (article);
  when = drama_format_relative_time (drama_article_get_published (article) > 0
                                       ? drama_article_get_published (article)
                                       : drama_article_get_fetched_at (article), 0);
  if (feed && *feed && when)
    /* TRANSLATORS: feed title · relative date, e.g. "Soompi · 2 h ago" */
    meta = g_strdup_printf (_("%s · %s"), feed, when);
  else
    meta = g_strdup (feed && *feed ? feed : (when ? when : ""));
  gtk_label_set_text (self->meta_label, meta);

  /* RELATED-UI: the shows it is about as chips that open them; an article about an episode
   * not seen yet is blurred with a note (opening it asks first). */
  drama_show_chips_set_shows (self->chips, drama_article_get_shows (article));
  spoiler = drama_article_get_spoiler_episode (article);
  if (spoiler != NULL)
    {
      g_autofree char *note = drama_related_spoiler_note (spoiler);

      gtk_label_set_text (self->shows_label, note);
      gtk_widget_add_css_class (GTK_WIDGET (self->shows_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->shows_label), "drama-spoiler-note");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->shows_label), spoiler != NULL);
  drama_related_set_blurred (GTK_WIDGET (self->title_label), spoiler != NULL);
  drama_related_set_blurred (GTK_WIDGET (self->thumbnail), spoiler != NULL);

  read = drama_article_get_read (article);
  gtk_widget_set_opacity (self->unread_dot, read ? 0.0 : 1.0);
  if (read)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
      gtk_widget_add_css_class (GTK_WIDGET (self), "read");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "read");
      gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
    }

  starred = drama_article_get_starred (article);
  gtk_button_set_icon_name (self->star_button,
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button),
                               starred ? _("Unstar") : _("Star"));
  if (starred)
    gtk_widget_add_css_class (GTK_WIDGET (self->star_button), "starred");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->star_button), "starred");

  update_thumbnail (self);
}

static void
on_article_notify (DramaArticleRow *self)
{
  update (self);
}

static void
on_star_clicked (DramaArticleRow *self)
{
  if (self->article == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "news.set-starred", "(xb)",
                              drama_article_get_id (self->article),
                              !drama_article_get_starred (self->article));
}

static void
drama_article_row_dispose (GObject *object)
{
  DramaArticleRow *self = DRAMA_ARTICLE_ROW (object);

  drama_article_row_set_article (self, NULL);
  g_clear_object (&self->loader);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_ARTICLE_ROW);

  G_OBJECT_CLASS (drama_article_row_parent_class)->dispose (object);
}

static void
drama_article_row_class_init (DramaArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_article_row_dispose;

  g_type_ensure (DRAMA_TYPE_SHOW_CHIPS);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramaarticlerow");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-article-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, box);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, unread_dot);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, shows_label);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, chips);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, thumbnail_clamp);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, star_button);
  gtk_widget_class_bind_template_callback (widget_class, on_star_clicked);
}

static void
drama_article_row_init (DramaArticleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DramaArticleRow *
drama_article_row_new (void)
{
  return g_object_new (DRAMA_TYPE_ARTICLE_ROW, NULL);
}

void
drama_article_row_set_article (DramaArticleRow *self,
                               DramaArticle    *article)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_ROW (self));
  g_return_if_fail (article == NULL || DRAMA_IS_ARTICLE (article));

  if (self->article == article)
    return;

  if (self->article != NULL)
    g_clear_signal_handler (&self->notify_handler, self->article);
  g_set_object (&self->article, article);
  if (article != NULL)
    self->notify_handler = g_signal_connect_object (article, "notify",
                                                    G_CALLBACK (on_article_notify), self,
                                                    G_CONNECT_SWAPPED);
  /* dispose calls us with NULL after the template children may be gone. */
  if (self->title_label != NULL)
    update (self);
}

DramaArticle *
drama_article_row_get_article (DramaArticleRow *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_ROW (self), NULL);

  return self->article;
}

void
drama_article_row_set_image_loader (DramaArticleRow  *self,
                                    DramaImageLoader *loader,
                                    gboolean          load_images)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_ROW (self));
  g_return_if_fail (loader == NULL || DRAMA_IS_IMAGE_LOADER (loader));

  g_set_object (&self->loader, loader);
  self->load_images = load_images;
  update_thumbnail (self);
}
