#define G_LOG_DOMAIN "drama-show-chips"

#include "config.h"

#include "drama-show-chips.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-related.h"
#include "drama-show-list.h"

/* More chips than this crowd a list row; the rest become "+N". */
#define MAX_CHIPS 3

/* A list row sets its shows on every bind, many times a second while the list scrolls:
 * the chip widgets are made once and reused, only what changed is set again, and the
 * tooltip is written when it is asked for (setting one makes GTK ask the display where
 * the pointer is, a round trip to the X server per chip). */
typedef struct {
  GtkWidget *button;   /* NULL until first needed */
  GtkLabel  *label;
  gint64     show_id;
  char      *name;
} Chip;

struct _DramaShowChips
{
  GtkWidget     parent_instance;

  DramaShowList *show_list;   /* the watchlist, to tell shows of one name apart; may be NULL */
  DramaArticle *article;
  gulong        notify_id;
  gint64        exclude_id;
  Chip          chips[MAX_CHIPS];
  guint         n_chips;     /* shown */
  GtkLabel     *more;        /* "+N", NULL until first needed */
  guint         n_more;
};

G_DEFINE_FINAL_TYPE (DramaShowChips, drama_show_chips, GTK_TYPE_WIDGET)

enum {
  SHOW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Chip *
find_chip (DramaShowChips *self,
           GtkWidget      *button)
{
  for (guint i = 0; i < MAX_CHIPS; i++)
    if (self->chips[i].button == button)
      return &self->chips[i];
  return NULL;
}

static void
on_chip_clicked (GtkButton      *button,
                 DramaShowChips *self)
{
  Chip *chip = find_chip (self, GTK_WIDGET (button));

  if (chip != NULL && chip->show_id != 0)
    g_signal_emit (self, signals[SHOW_ACTIVATED], 0, chip->show_id);
}

static char *
chip_description (const char *name)
{
  /* TRANSLATORS: tooltip and accessible name of a show chip on an article; %s is the show */
  return g_strdup_printf (_("Open “%s”"), name);
}

static gboolean
on_chip_query_tooltip (GtkWidget      *button,
                       int             x,
                       int             y,
                       gboolean        keyboard_mode,
                       GtkTooltip     *tooltip,
                       DramaShowChips *self)
{
  Chip *chip = find_chip (self, button);
  g_autofree char *text = NULL;

  if (chip == NULL || chip->name == NULL)
    return FALSE;
  text = chip_description (chip->name);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
make_chip (DramaShowChips *self,
           Chip           *chip)
{
  GtkWidget *sibling = NULL;

  chip->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (chip->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (chip->label, 24);
  chip->button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (chip->button), GTK_WIDGET (chip->label));
  gtk_widget_add_css_class (chip->button, "drama-chip");
  gtk_widget_set_valign (chip->button, GTK_ALIGN_CENTER);
  gtk_widget_set_has_tooltip (chip->button, TRUE);
  g_signal_connect (chip->button, "query-tooltip", G_CALLBACK (on_chip_query_tooltip), self);
  g_signal_connect (chip->button, "clicked", G_CALLBACK (on_chip_clicked), self);

  /* In order, before "+N". */
  for (Chip *c = self->chips; c < chip; c++)
    sibling = c->button;
  gtk_widget_insert_after (chip->button, GTK_WIDGET (self), sibling);
}

/* ---- two shows of one name ---- */

/* How many shows of the watchlist bear each name (folded), kept on the application's
 * show list and counted again on the first look after it changes: rows bind many times
 * a second, the watchlist changes seldom. */
typedef struct {
  GHashTable *counts;   /* folded name → count */
  gboolean    dirty;
} NameCounts;

static void
name_counts_free (gpointer data)
{
  NameCounts *names = data;

  g_hash_table_unref (names->counts);
  g_free (names);
}

static void
on_show_list_changed (GListModel *list,
                      guint       position,
                      guint       removed,
                      guint       added,
                      NameCounts *names)
{
  names->dirty = TRUE;
}

static guint
count_name (DramaShowList *list,
            const char    *name)
{
  NameCounts *names = g_object_get_data (G_OBJECT (list), "drama-chip-names");
  g_autofree char *folded = NULL;

  if (names == NULL)
    {
      names = g_new0 (NameCounts, 1);
      names->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      names->dirty = TRUE;
      g_object_set_data_full (G_OBJECT (list), "drama-chip-names", names, name_counts_free);
      g_signal_connect (list, "items-changed", G_CALLBACK (on_show_list_changed), names);
    }
  if (names->dirty)
    {
      g_hash_table_remove_all (names->counts);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
        {
          g_autoptr(DramaShow) show = g_list_model_get_item (G_LIST_MODEL (list), i);
          char *key = drama_show_list_fold_text (drama_show_get_name (show));
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (names->counts, key));

          g_hash_table_replace (names->counts, key, GUINT_TO_POINTER (n + 1));
        }
      names->dirty = FALSE;
    }
  folded = drama_show_list_fold_text (name);
  return GPOINTER_TO_UINT (g_hash_table_lookup (names->counts, folded));
}

/* The words on a chip: the show's name, and when another show of the watchlist has the
 * same one, its year (else its network), so "Signal (2016)" and "Signal (2023)" differ. */
static char *
chip_text (DramaShowList *list,
           gint64         show_id,
           const char    *name)
{
  DramaShow *show;
  const char *premiered, *network;

  if (list == NULL || name == NULL || count_name (list, name) < 2)
    return g_strdup (name);
  show = drama_show_list_find (list, show_id, NULL);
  if (show == NULL)
    return g_strdup (name);
  premiered = drama_show_get_premiered (show);
  network = drama_show_get_network (show);
  if (premiered != NULL && strlen (premiered) >= 4 && g_ascii_isdigit (premiered[0]))
    /* TRANSLATORS: a show's chip when two shows share its name: "Signal (2016)" */
    return g_strdup_printf (_("%s (%.4s)"), name, premiered);
  if (network != NULL && *network != '\0')
    /* TRANSLATORS: a show's chip when two shows share its name: "Signal (tvN)" */
    return g_strdup_printf (_("%s (%s)"), name, network);
  return g_strdup (name);
}

static void
set_chip (DramaShowChips *self,
          Chip           *chip,
          gint64          show_id,
          const char     *show_name)
{
  g_autofree char *name = chip_text (self->show_list, show_id, show_name);
  g_autofree char *description = NULL;

  if (chip->button == NULL)
    make_chip (self, chip);
  chip->show_id = show_id;
  gtk_widget_set_visible (chip->button, TRUE);
  if (g_strcmp0 (chip->name, name) == 0)
    return;

  g_free (chip->name);
  chip->name = g_strdup (name);
  gtk_label_set_text (chip->label, name);
  /* GTK 4.8 names a button neither from its tooltip nor from a label inside. */
  description = chip_description (name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
set_more (DramaShowChips *self,
          guint           hidden)
{
  g_autofree char *text = NULL;

  if (hidden == self->n_more)
    return;
  self->n_more = hidden;
  if (self->more == NULL)
    {
      self->more = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (self->more), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->more), "caption");
      gtk_widget_set_parent (GTK_WIDGET (self->more), GTK_WIDGET (self));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more), hidden > 0);
  if (hidden == 0)
    return;

  text = g_strdup_printf ("+%u", hidden);
  gtk_label_set_text (self->more, text);
  g_free (text);
  /* TRANSLATORS: accessible name of "+2" after the show chips of an article */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more show", "%u more shows", hidden),
                          hidden);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->more),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

void
drama_show_chips_set_shows (DramaShowChips *self,
                            GPtrArray      *shows)
{
  guint shown = 0, hidden = 0;

  g_return_if_fail (DRAMA_IS_SHOW_CHIPS (self));

  for (guint i = 0; shows != NULL && i < shows->len; i++)
    {
      DramaShow *show = g_ptr_array_index (shows, i);
      gint64 id = drama_show_get_id (show);

      if (id == self->exclude_id && id != 0)
        continue;
      if (shown == MAX_CHIPS)
        {
          hidden++;
          continue;
        }
      set_chip (self, &self->chips[shown], id, drama_show_get_name (show));
      shown++;
    }

  for (guint i = shown; i < self->n_chips; i++)
    {
      gtk_widget_set_visible (self->chips[i].button, FALSE);
      self->chips[i].show_id = 0;
    }
  self->n_chips = shown;
  set_more (self, hidden);

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

  return self->n_chips;
}

const char *
drama_show_chips_get_chip_name (DramaShowChips *self,
                                guint           n)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_CHIPS (self), NULL);

  return n < self->n_chips ? self->chips[n].name : NULL;
}

static void
drama_show_chips_real_show_activated (DramaShowChips *self,
                                      gint64          show_id)
{
  drama_related_open_show (GTK_WIDGET (self), show_id);
}

void
drama_show_chips_set_show_list (DramaShowChips *self,
                                DramaShowList  *show_list)
{
  g_return_if_fail (DRAMA_IS_SHOW_CHIPS (self));
  g_return_if_fail (show_list == NULL || DRAMA_IS_SHOW_LIST (show_list));

  g_set_object (&self->show_list, show_list);
}

static void
drama_show_chips_dispose (GObject *object)
{
  DramaShowChips *self = DRAMA_SHOW_CHIPS (object);
  GtkWidget *child;

  drama_show_chips_set_article (self, NULL);
  g_clear_object (&self->show_list);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < MAX_CHIPS; i++)
    {
      self->chips[i].button = NULL;
      self->chips[i].label = NULL;
    }
  self->more = NULL;
  self->n_chips = 0;
  self->n_more = 0;

  G_OBJECT_CLASS (drama_show_chips_parent_class)->dispose (object);
}

static void
drama_show_chips_finalize (GObject *object)
{
  DramaShowChips *self = DRAMA_SHOW_CHIPS (object);

  for (guint i = 0; i < MAX_CHIPS; i++)
    g_free (self->chips[i].name);

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

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

DramaShowChips *
drama_show_chips_new (void)
{
  return g_object_new (DRAMA_TYPE_SHOW_CHIPS, NULL);
}
