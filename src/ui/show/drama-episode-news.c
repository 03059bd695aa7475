#define G_LOG_DOMAIN "drama-episode-news"

#include "config.h"

#include "drama-episode-news.h"

#include <glib/gi18n-lib.h>

#include "drama-related.h"

struct _DramaEpisodeNews
{
  GtkWidget      parent_instance;

  GtkMenuButton *button;
  GtkPopover    *popover;
  GtkListBox    *list;
  GPtrArray     *articles;   /* DramaArticle */
};

G_DEFINE_FINAL_TYPE (DramaEpisodeNews, drama_episode_news, GTK_TYPE_WIDGET)

static void
on_row_activated (GtkListBox       *list,
                  GtkListBoxRow    *row,
                  DramaEpisodeNews *self)
{
  int index = gtk_list_box_row_get_index (row);

  if (index < 0 || (guint) index >= self->articles->len)
    return;
  gtk_popover_popdown (self->popover);
  drama_related_open_article (GTK_WIDGET (self), g_ptr_array_index (self->articles, index));
}

static GtkWidget *
make_row (DramaArticle *article)
{
  DramaEpisode *spoiler = drama_article_get_spoiler_episode (article);
  const char *title = drama_article_get_title (article);
  const char *feed = drama_article_get_feed_title (article);
  g_autofree char *date = drama_related_format_date (drama_article_get_published (article),
                                                     g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *meta = NULL;
  GtkWidget *box, *label, *caption;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  label = gtk_label_new (title != NULL && *title != '\0' ? title : _("Untitled"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  drama_related_set_blurred (label, spoiler != NULL);
  gtk_box_append (GTK_BOX (box), label);

  if (spoiler != NULL)
    meta = drama_related_spoiler_note (spoiler);
  else if (feed != NULL && *date != '\0')
    meta = g_strdup_printf ("%s · %s", feed, date);
  else
    meta = g_strdup (feed != NULL ? feed : date);
  caption = gtk_label_new (meta);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  /* The spoiler note is a sentence: it wraps rather than ending in "May c…". */
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (caption), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (caption), 3);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (caption), 40);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, spoiler != NULL ? "drama-spoiler-note" : "dim-label");
  gtk_box_append (GTK_BOX (box), caption);

  return box;
}

void
drama_episode_news_set_articles (DramaEpisodeNews *self,
                                 GPtrArray        *articles)
{
  GtkWidget *child;
  g_autofree char *label = NULL;
  guint n;

  g_return_if_fail (DRAMA_IS_EPISODE_NEWS (self));

  g_ptr_array_set_size (self->articles, 0);
  for (guint i = 0; articles != NULL && i < articles->len; i++)
    g_ptr_array_add (self->articles, g_object_ref (g_ptr_array_index (articles, i)));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < self->articles->len; i++)
    gtk_list_box_append (self->list, make_row (g_ptr_array_index (self->articles, i)));

  n = self->articles->len;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", n), n);
  gtk_menu_button_set_label (self->button, label);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

guint
drama_episode_news_get_n_articles (DramaEpisodeNews *self)
{
  g_return_val_if_fail (DRAMA_IS_EPISODE_NEWS (self), 0);

  return self->articles->len;
}

static void
drama_episode_news_dispose (GObject *object)
{
  DramaEpisodeNews *self = DRAMA_EPISODE_NEWS (object);

  if (self->button != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->button));
      self->button = NULL;
    }
  g_ptr_array_set_size (self->articles, 0);

  G_OBJECT_CLASS (drama_episode_news_parent_class)->dispose (object);
}

static void
drama_episode_news_finalize (GObject *object)
{
  DramaEpisodeNews *self = DRAMA_EPISODE_NEWS (object);

  g_ptr_array_unref (self->articles);

  G_OBJECT_CLASS (drama_episode_news_parent_class)->finalize (object);
}

static void
drama_episode_news_class_init (DramaEpisodeNewsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_episode_news_dispose;
  object_class->finalize = drama_episode_news_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramaepisodenews");
}

static void
drama_episode_news_init (DramaEpisodeNews *self)
{
  GtkWidget *scroller;

  self->articles = g_ptr_array_new_with_free_func (g_object_unref);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  /* A scrolled window asks only for its child's minimum width, and a label that may
   * ellipsize has almost none: the popover came out ~100 px wide, its headlines cut to
   * "“Angel’s / Last …". The natural width (40 characters), at least 320 px. */
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_size_request (scroller, 320, -1);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, scroller);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "drama-episode-news");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("News about this episode"));
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

DramaEpisodeNews *
drama_episode_news_new (void)
{
  return g_object_new (DRAMA_TYPE_EPISODE_NEWS, NULL);
}

DramaEpisodeNews *
drama_episode_news_attach (AdwActionRow *row,
                           GPtrArray    *articles)
{
  DramaEpisodeNews *news;

  g_return_val_if_fail (ADW_IS_ACTION_ROW (row), NULL);

  news = g_object_get_data (G_OBJECT (row), "drama-episode-news");
  if (news == NULL)
    {
      if (articles == NULL || articles->len == 0)
        return NULL;
      news = drama_episode_news_new ();
      adw_action_row_add_suffix (row, GTK_WIDGET (news));
      /* First among the suffixes: the row's own menu button stays at the end. */
      gtk_widget_insert_after (GTK_WIDGET (news), gtk_widget_get_parent (GTK_WIDGET (news)), NULL);
      g_object_set_data (G_OBJECT (row), "drama-episode-news", news);
    }
  drama_episode_news_set_articles (news, articles);
  return news;
}
