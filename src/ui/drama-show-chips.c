#define G_LOG_DOMAIN "drama-show-chips"

#include "config.h"

#include "drama-show-chips.h"

#include <glib/gi18n-lib.h>

#include "drama-related.h"

/* More chips than this crowd a list row; the rest become "+N". */
#define MAX_CHIPS 3

struct _DramaShowChips
{
  GtkWidget     parent_instance;

  DramaArticle *article;
  gulong        notify_id;
  gint64        exclude_id;
  GPtrArray    *names;       /* char *, the chips' show names in order */
};

G_DEFINE_FINAL_TYPE (DramaShowChips, drama_show_chips, GTK_TYPE_WIDGET)

enum {
  SHOW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_chip_clicked (GtkButton      *button,
                 DramaShowChips *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "drama-show-id");

  if (id != NULL)
    g_signal_emit (self, signals[SHOW_ACTIVATED], 0, *id);
}

static void
clear_chips (DramaShowChips *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->names, 0);
}

void
drama_show_chips_set_shows (DramaShowChips *self,
                            GPtrArray      *shows)
{
  guint shown = 0, hidden = 0;

  g_return_if_fail (DRAMA_IS_SHOW_CHIPS (self));

  clear_chips (self);

  for (guint i = 0; shows != NULL && i < shows->len; i++)
    {
      DramaShow *show = g_ptr_array_index (shows, i);
      gint64 id = drama_show_get_id (show);
      g_autofree char *tooltip = NULL;
      GtkWidget *button, *label;

      if (id == self->exclude_id && id != 0)
        continue;
      if (shown == MAX_CHIPS)
        {
          hidden++;
          continue;
        }

      label = gtk_label_new (drama_show_get_name (show));
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "drama-chip");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* TRANSLATORS: tooltip of a show chip on an article; %s is the show */
      tooltip = g_strdup_printf (_("Open “%s”"), drama_show_get_name (show));
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "drama-show-id",
                              g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked), self);
      gtk_widget_set_parent (button, GTK_WIDGET (self));
      g_ptr_array_add (self->names, g_strdup (drama_show_get_name (show)));
      shown++;
    }

  if (hidden > 0)
    {
      g_autofree char *text = g_strdup_printf ("+%u", hidden);
      GtkWidget *more = gtk_label_new (text);

      gtk_widget_add_css_class (more, "dim-label");
      gtk_widget_add_css_class (more, "caption");
      gtk_widget_set_parent (more, GTK_WIDGET (self));
    }

  gtk_widget_set_visible (GTK_WIDGET (self), shown > 0);
}

static void
on_article_shows_changed (DramaArticle   *article,
                          GParamSpec     *pspec,
                          DramaShowChips *self)
{
  drama_show_chips_set_shows (self, drama_article_get_shows (article));
}

void
drama_show_chips_set_article (DramaShowChips *self,
                              DramaArticle   *article)
{
  g_return_if_fail (DRAMA_IS_SHOW_CHIPS (self));
  g_return_if_fail (article == NULL || DRAMA_IS_ARTICLE (article));

  if (self->article != NULL)
    g_clear_signal_handler (&self->notify_id, self->article);
  g_set_object (&self->article, article);

  if (article != NULL)
    {
      self->notify_id = g_signal_connect (article, "notify::shows",
                                          G_CALLBACK (on_article_shows_changed), self);
      drama_show_chips_set_shows (self, drama_article_get_shows (article));
    }
  else
    {
      drama_show_chips_set_shows (self, NULL);
    }
}

void
drama_show_chips_set_exclude (DramaShowChips *self,
                              gint64          show_id)
{
  g_return_if_fail (DRAMA_IS_SHOW_CHIPS (self));

  if (self->exclude_id == show_id)
    return;
  self->exclude_id = show_id;
  if (self->article != NULL)
    drama_show_chips_set_shows (self, drama_article_get_shows (self->article));
}

guint
drama_show_chips_get_n_chips (DramaShowChips *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_CHIPS (self), 0);

  return self->names->len;
}

const char *
drama_show_chips_get_chip_name (DramaShowChips *self,
                                guint           n)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_CHIPS (self), NULL);

  return n < self->names->len ? g_ptr_array_index (self->names, n) : NULL;
}

static void
drama_show_chips_real_show_activated (DramaShowChips *self,
                                      gint64          show_id)
{
  drama_related_open_show (GTK_WIDGET (self), show_id);
}

static void
drama_show_chips_dispose (GObject *object)
{
  DramaShowChips *self = DRAMA_SHOW_CHIPS (object);

  drama_show_chips_set_article (self, NULL);
  clear_chips (self);

  G_OBJECT_CLASS (drama_show_chips_parent_class)->dispose (object);
}

static void
drama_show_chips_finalize (GObject *object)
{
  DramaShowChips *self = DRAMA_SHOW_CHIPS (object);

  g_ptr_array_unref (self->names);

  G_OBJECT_CLASS (drama_show_chips_parent_class)->finalize (object);
}

static void
drama_show_chips_class_init (DramaShowChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_show_chips_dispose;
  object_class->finalize = drama_show_chips_finalize;

  signals[SHOW_ACTIVATED] =
    g_signal_new_class_handler ("show-activated",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (drama_show_chips_real_show_activated),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramashowchips");
}

static void
drama_show_chips_init (DramaShowChips *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  self->names = g_ptr_array_new_with_free_func (g_free);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

DramaShowChips *
drama_show_chips_new (void)
{
  return g_object_new (DRAMA_TYPE_SHOW_CHIPS, NULL);
}
