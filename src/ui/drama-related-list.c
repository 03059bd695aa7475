#define G_LOG_DOMAIN "drama-related-list"

#include "config.h"

#include "drama-related-list.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "drama-application.h"
#include "drama-article-list.h"
#include "drama-related.h"
#include "drama-settings.h"
#include "drama-show-chips.h"
#include "drama-window.h"

struct _DramaRelatedList
{
  GtkWidget          parent_instance;

  GtkBox            *box;
  GtkListBox        *settings_list;
  AdwExpanderRow    *settings_row;
  AdwActionRow      *spoiler_row;
  GtkSwitch         *spoiler_switch;
  AdwEntryRow       *alias_entry;
  GtkListBoxRow     *alias_chips_row;
  GtkFlowBox        *alias_box;
  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkScrolledWindow *scroller;
  GtkListView       *list_view;
  GtkListBox        *inline_list;

  DramaStore        *store;
  DramaArticleFilter filter;
  gint64             target_id;
  DramaArticleList  *articles;
  GStrv              aliases;
  GSettings         *settings;
  GtkSliceListModel *inline_model;   /* the first articles, for the inline list */
  gboolean           updating_switch;
  gboolean           scrolls;
};

G_DEFINE_FINAL_TYPE (DramaRelatedList, drama_related_list, GTK_TYPE_WIDGET)

/* Inside a page that scrolls, the newest this many; the news pane has them all. */
#define MAX_INLINE 50

/* ---- rows ---- */

typedef struct {
  GtkLabel       *title;
  GtkLabel       *meta;
  GtkWidget      *spoiler_box;
  GtkLabel       *spoiler_label;
  DramaShowChips *chips;
  GtkPicture     *thumb;
  DramaArticle   *article;
  gulong          notify_id;
} Row;

static void
row_free (Row *row)
{
  if (row->article != NULL)
    g_clear_signal_handler (&row->notify_id, row->article);
  g_clear_object (&row->article);
  g_free (row);
}

static gboolean
load_images_enabled (void)
{
  GApplication *app = g_application_get_default ();
  GSettings *settings = DRAMA_IS_APPLICATION (app) ?
                        drama_application_get_settings (DRAMA_APPLICATION (app)) : NULL;

  return settings != NULL && g_settings_get_boolean (settings, DRAMA_SETTINGS_LOAD_IMAGES);
}

static void
row_update (Row *row)
{
  DramaArticle *article = row->article;
  DramaEpisode *spoiler = drama_article_get_spoiler_episode (article);
  const char *title = drama_article_get_title (article);
  const char *feed = drama_article_get_feed_title (article);
  const char *image = drama_article_get_image (article);
  gint64 when = drama_article_get_published (article);
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  GApplication *app = g_application_get_default ();
  gboolean show_thumb;

  gtk_label_set_label (row->title, title != NULL && *title != '\0' ? title : _("Untitled"));
  if (drama_article_get_read (article))
    gtk_widget_remove_css_class (GTK_WIDGET (row->title), "heading");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row->title), "heading");

  if (when == 0)
    when = drama_article_get_fetched_at (article);
  date = drama_related_format_date (when, g_get_real_time () / G_USEC_PER_SEC);
  if (feed != NULL && *date != '\0')
    meta = g_strdup_printf ("%s · %s", feed, date);
  else
    meta = g_strdup (feed != NULL ? feed : date);
  gtk_label_set_label (row->meta, meta);

  drama_related_set_blurred (GTK_WIDGET (row->title), spoiler != NULL);
  drama_related_set_blurred (GTK_WIDGET (row->thumb), spoiler != NULL);
  gtk_widget_set_visible (row->spoiler_box, spoiler != NULL);
  if (spoiler != NULL)
    {
      g_autofree char *note = drama_related_spoiler_note (spoiler);

      gtk_label_set_label (row->spoiler_label, note);
    }

  show_thumb = image != NULL && g_str_has_prefix (image, "http") && load_images_enabled () &&
               DRAMA_IS_APPLICATION (app);
  gtk_widget_set_visible (GTK_WIDGET (row->thumb), show_thumb);
  if (show_thumb)
    drama_image_loader_set_image (drama_application_get_image_loader (DRAMA_APPLICATION (app)),
                                  GTK_WIDGET (row->thumb), image);
}

static void
on_article_notify (DramaArticle *article,
                   GParamSpec   *pspec,
                   Row          *row)
{
  row_update (row);
}

static GtkWidget *
make_row (DramaRelatedList *self)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *hbox, *vbox, *icon;

  hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (hbox, "drama-related-row");
  vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_widget_set_valign (vbox, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (hbox), vbox);

  row->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->title, 0);
  gtk_label_set_wrap (row->title, TRUE);
  gtk_label_set_wrap_mode (row->title, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (row->title, 2);
  gtk_label_set_ellipsize (row->title, PANGO_ELLIPSIZE_END);
  /* A narrow natural width makes the natural height the wrapped one: the list, measured
   * without a width when it grows inside the show page, must not clip its rows. */
  gtk_label_set_width_chars (row->title, 20);
  gtk_label_set_max_width_chars (row->title, 28);
  gtk_box_append (GTK_BOX (vbox), GTK_WIDGET (row->title));

  row->meta = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->meta, 0);
  gtk_label_set_ellipsize (row->meta, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (row->meta), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->meta), "caption");
  gtk_box_append (GTK_BOX (vbox), GTK_WIDGET (row->meta));

  row->spoiler_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (row->spoiler_box, "drama-spoiler-note");
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_box_append (GTK_BOX (row->spoiler_box), icon);
  row->spoiler_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->spoiler_label, 0);
  gtk_label_set_ellipsize (row->spoiler_label, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (row->spoiler_box), GTK_WIDGET (row->spoiler_label));
  gtk_widget_set_visible (row->spoiler_box, FALSE);
  gtk_box_append (GTK_BOX (vbox), row->spoiler_box);

  row->chips = drama_show_chips_new ();
  if (self->filter == DRAMA_ARTICLE_FILTER_SHOW)
    drama_show_chips_set_exclude (row->chips, self->target_id);
  gtk_box_append (GTK_BOX (vbox), GTK_WIDGET (row->chips));

  row->thumb = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_content_fit (row->thumb, GTK_CONTENT_FIT_COVER);
  gtk_picture_set_can_shrink (row->thumb, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (row->thumb), 80, 60);
  gtk_widget_set_valign (GTK_WIDGET (row->thumb), GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (GTK_WIDGET (row->thumb), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (row->thumb), "drama-related-thumb");
  gtk_widget_set_visible (GTK_WIDGET (row->thumb), FALSE);
  gtk_box_append (GTK_BOX (hbox), GTK_WIDGET (row->thumb));

  g_object_set_data_full (G_OBJECT (hbox), "drama-row", row, (GDestroyNotify) row_free);
  return hbox;
}

static void
row_bind (DramaRelatedList *self,
          Row              *row,
          DramaArticle     *article)
{
  g_set_object (&row->article, article);
  row->notify_id = g_signal_connect (article, "notify", G_CALLBACK (on_article_notify), row);
  drama_show_chips_set_exclude (row->chips, self->filter == DRAMA_ARTICLE_FILTER_SHOW ?
                                self->target_id : 0);
  drama_show_chips_set_article (row->chips, article);
  row_update (row);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           DramaRelatedList         *self)
{
  gtk_list_item_set_child (item, make_row (self));
}

/* The inline list (inside a page that scrolls): a GtkListBox measures wrapped rows right
 * where a GtkListView without a viewport of its own cannot; it holds the newest few only. */
static GtkWidget *
create_inline_row (gpointer item,
                   gpointer user_data)
{
  DramaRelatedList *self = user_data;
  GtkWidget *widget = make_row (self);
  GtkWidget *row = gtk_list_box_row_new ();

  row_bind (self, g_object_get_data (G_OBJECT (widget), "drama-row"), item);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), widget);
  return row;
}

static void
on_inline_row_activated (DramaRelatedList *self,
                         GtkListBoxRow    *row)
{
  g_autoptr(DramaArticle) article = NULL;

  if (self->inline_model == NULL)
    return;
  article = g_list_model_get_item (G_LIST_MODEL (self->inline_model),
                                   gtk_list_box_row_get_index (row));
  if (article != NULL)
    drama_related_open_article (GTK_WIDGET (self), article);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          DramaRelatedList         *self)
{
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "drama-row");

  row_bind (self, row, gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            DramaRelatedList         *self)
{
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "drama-row");

  if (row->article != NULL)
    g_clear_signal_handler (&row->notify_id, row->article);
  g_clear_object (&row->article);
  drama_show_chips_set_article (row->chips, NULL);
}

static void
on_list_activate (DramaRelatedList *self,
                  guint             position)
{
  g_autoptr(DramaArticle) article = NULL;

  if (self->articles == NULL)
    return;
  article = g_list_model_get_item (G_LIST_MODEL (self->articles), position);
  if (article != NULL)
    drama_related_open_article (GTK_WIDGET (self), article);
}

/* ---- the list ---- */

static void
update_stack (DramaRelatedList *self)
{
  guint n = self->articles != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->articles)) : 0;
  const char *error = self->articles != NULL ?
                      drama_article_list_get_error_message (self->articles) : NULL;

  if (error != NULL)
    adw_status_page_set_description (self->empty_page, error);
  else if (self->filter == DRAMA_ARTICLE_FILTER_PERSON)
    adw_status_page_set_description (self->empty_page,
                                     _("Articles from your feeds that name them will appear here"));
  else
    adw_status_page_set_description (self->empty_page,
                                     _("Articles from your feeds that name the show or its cast "
                                       "will appear here"));

  gtk_stack_set_visible_child_name (self->stack,
                                    n == 0 ? "empty" : self->scrolls ? "list" : "inline");
}

static void
on_items_changed (DramaRelatedList *self)
{
  update_stack (self);
}

/* ---- names and spoilers ---- */

static void
show_error (DramaRelatedList *self,
            const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (DRAMA_IS_WINDOW (root))
    drama_window_add_toast (DRAMA_WINDOW (root), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

static void save_aliases (DramaRelatedList *self, GStrv aliases);

static void
on_alias_remove_clicked (GtkButton        *button,
                         DramaRelatedList *self)
{
  const char *alias = g_object_get_data (G_OBJECT (button), "drama-alias");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) aliases = NULL;

  for (guint i = 0; self->aliases != NULL && self->aliases[i] != NULL; i++)
    {
      if (g_strcmp0 (self->aliases[i], alias) != 0)
        g_strv_builder_add (builder, self->aliases[i]);
    }
  aliases = g_strv_builder_end (builder);
  save_aliases (self, aliases);
}

static void
update_alias_chips (DramaRelatedList *self)
{
  GtkWidget *child;
  guint n = self->aliases != NULL ? g_strv_length (self->aliases) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->alias_box))) != NULL)
    gtk_flow_box_remove (self->alias_box, child);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *tooltip = NULL;
      GtkWidget *chip, *label, *remove;

      chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      gtk_widget_add_css_class (chip, "drama-alias-chip");
      label = gtk_label_new (self->aliases[i]);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (chip), label);
      remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      /* TRANSLATORS: tooltip of the button removing an alias; %s is the alias */
      tooltip = g_strdup_printf (_("Remove “%s”"), self->aliases[i]);
      gtk_widget_set_tooltip_text (remove, tooltip);
      g_object_set_data_full (G_OBJECT (remove), "drama-alias",
                              g_strdup (self->aliases[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_alias_remove_clicked), self);
      gtk_box_append (GTK_BOX (chip), remove);
      gtk_flow_box_append (self->alias_box, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->alias_chips_row), n > 0);

  if (n > 0)
    {
      g_autofree char *joined = g_strjoinv (", ", self->aliases);
      /* TRANSLATORS: %s is a list of nicknames, "L, Myungsoo" */
      g_autofree char *subtitle = g_strdup_printf (_("Also found as %s"), joined);

      adw_expander_row_set_subtitle (self->settings_row, subtitle);
    }
  else
    {
      adw_expander_row_set_subtitle (self->settings_row,
                                     self->filter == DRAMA_ARTICLE_FILTER_PERSON ?
                                     _("Add the stage names the news uses") :
                                     _("Add the nicknames the news uses"));
    }
}

/* Reads the target's aliases and spoiler guard from the store. */
static void
reload_settings (DramaRelatedList *self)
{
  g_autoptr(GError) error = NULL;
  const char * const *aliases = NULL;
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(DramaPerson) person = NULL;

  g_clear_pointer (&self->aliases, g_strfreev);

  if (self->store != NULL && self->target_id > 0 && self->filter == DRAMA_ARTICLE_FILTER_SHOW)
    {
      show = drama_store_get_show (self->store, self->target_id, &error);
      if (show != NULL)
        {
          aliases = drama_show_get_aliases (show);
          self->updating_switch = TRUE;
          gtk_switch_set_active (self->spoiler_switch, drama_show_get_spoiler_guard (show));
          self->updating_switch = FALSE;
        }
    }
  else if (self->store != NULL && self->target_id > 0)
    {
      person = drama_store_get_person (self->store, self->target_id, &error);
      if (person != NULL)
        aliases = drama_person_get_aliases (person);
    }
  if (error != NULL && !g_error_matches (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
    g_debug ("Could not read the names of %" G_GINT64_FORMAT ": %s",
             self->target_id, error->message);

  self->aliases = aliases != NULL ? g_strdupv ((char **) aliases) : NULL;
  update_alias_chips (self);
}

static void
save_aliases (DramaRelatedList *self,
              GStrv             aliases)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->store == NULL || self->target_id <= 0)
    return;

  if (self->filter == DRAMA_ARTICLE_FILTER_SHOW)
    ok = drama_store_set_show_aliases (self->store, self->target_id,
                                       (const char * const *) aliases, &error);
  else
    ok = drama_store_set_person_aliases (self->store, self->target_id,
                                         (const char * const *) aliases, &error);
  if (!ok)
    {
      g_autofree char *text = g_strdup_printf (_("The nicknames could not be saved: %s"),
                                               error->message);

      show_error (self, text);
    }
  /* The store's change signal makes the linker relink; the chips follow the store. */
  reload_settings (self);
}

static void
on_alias_apply (DramaRelatedList *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->alias_entry))));
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) aliases = NULL;

  if (*text == '\0')
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->alias_entry), "");
  /* Short stage names are case-sensitive for the matcher: "L" and "l" are not the same. */
  if (self->aliases != NULL && g_strv_contains ((const char * const *) self->aliases, text))
    return;

  builder = g_strv_builder_new ();
  if (self->aliases != NULL)
    g_strv_builder_addv (builder, (const char **) self->aliases);
  g_strv_builder_add (builder, text);
  aliases = g_strv_builder_end (builder);
  save_aliases (self, aliases);
}

static void
on_spoiler_switch_active (DramaRelatedList *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating_switch || self->store == NULL || self->target_id <= 0 ||
      self->filter != DRAMA_ARTICLE_FILTER_SHOW)
    return;

  if (!drama_store_set_show_spoiler_guard (self->store, self->target_id,
                                           gtk_switch_get_active (self->spoiler_switch), &error))
    {
      g_autofree char *text = g_strdup_printf (_("The spoiler setting could not be saved: %s"),
                                               error->message);

      show_error (self, text);
      reload_settings (self);
    }
}

/* ---- following the store ---- */

static void
on_shows_changed (DramaRelatedList *self)
{
  reload_settings (self);
  /* A show's own spoiler guard changes which articles are guarded. */
  if (self->articles != NULL)
    drama_article_list_reload (self->articles);
}

static void
on_episodes_changed (DramaRelatedList *self)
{
  /* An episode marked seen lifts the guard of the articles naming it. */
  if (self->articles != NULL)
    drama_article_list_reload (self->articles);
}

static void
on_spoiler_setting_changed (DramaRelatedList *self)
{
  if (self->articles != NULL)
    drama_article_list_set_spoiler_guard (self->articles, drama_related_get_spoiler_guard ());
}

static void
rebuild (DramaRelatedList *self)
{
  GtkSelectionModel *selection;
  gboolean is_person = self->filter == DRAMA_ARTICLE_FILTER_PERSON;

  if (self->articles != NULL)
    g_signal_handlers_disconnect_by_data (self->articles, self);
  g_clear_object (&self->articles);

  if (self->store != NULL && self->target_id > 0)
    {
      self->articles = drama_article_list_new (self->store, self->filter, self->target_id, NULL);
      drama_article_list_set_spoiler_guard (self->articles, drama_related_get_spoiler_guard ());
      g_signal_connect_swapped (self->articles, "items-changed",
                                G_CALLBACK (on_items_changed), self);
      g_signal_connect_swapped (self->articles, "notify::error-message",
                                G_CALLBACK (update_stack), self);
    }

  g_clear_object (&self->inline_model);
  if (self->scrolls)
    {
      selection = GTK_SELECTION_MODEL (gtk_no_selection_new (self->articles != NULL ?
                                       g_object_ref (G_LIST_MODEL (self->articles)) : NULL));
      gtk_list_view_set_model (self->list_view, selection);
      g_object_unref (selection);
      gtk_list_box_bind_model (self->inline_list, NULL, NULL, NULL, NULL);
    }
  else
    {
      gtk_list_view_set_model (self->list_view, NULL);
      if (self->articles != NULL)
        self->inline_model = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->articles)),
                                                       0, MAX_INLINE);
      gtk_list_box_bind_model (self->inline_list, G_LIST_MODEL (self->inline_model),
                               create_inline_row, self, NULL);
    }

  adw_status_page_set_title (self->empty_page, is_person ? _("No News About This Person Yet")
                                                         : _("No News About This Show Yet"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->settings_row),
                                 is_person ? _("Names in the News") : _("Names and Spoilers"));
  gtk_widget_set_visible (GTK_WIDGET (self->spoiler_row), !is_person);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->alias_entry),
                                 is_person ? _("Add a Stage Name or Nickname") : _("Add a Nickname"));
  reload_settings (self);
  update_stack (self);
}

static void
drama_related_list_dispose (GObject *object)
{
  DramaRelatedList *self = DRAMA_RELATED_LIST (object);

  if (self->articles != NULL)
    g_signal_handlers_disconnect_by_data (self->articles, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->inline_list != NULL)
    gtk_list_box_bind_model (self->inline_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_RELATED_LIST);
  g_clear_object (&self->inline_model);
  g_clear_object (&self->articles);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->aliases, g_strfreev);

  G_OBJECT_CLASS (drama_related_list_parent_class)->dispose (object);
}

static void
drama_related_list_class_init (DramaRelatedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_related_list_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramarelatedlist");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-related-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, box);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, settings_list);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, settings_row);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, spoiler_row);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, spoiler_switch);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, alias_entry);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, alias_chips_row);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, alias_box);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, scroller);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, list_view);
  gtk_widget_class_bind_template_child (widget_class, DramaRelatedList, inline_list);
  gtk_widget_class_bind_template_callback (widget_class, on_inline_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_alias_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_spoiler_switch_active);
}

static void
drama_related_list_init (DramaRelatedList *self)
{
  GtkListItemFactory *factory;
  GApplication *app = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = DRAMA_ARTICLE_FILTER_SHOW;
  self->scrolls = TRUE;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  if (DRAMA_IS_APPLICATION (app) && drama_application_get_settings (DRAMA_APPLICATION (app)))
    {
      self->settings = g_object_ref (drama_application_get_settings (DRAMA_APPLICATION (app)));
      g_signal_connect_swapped (self->settings, "changed::" DRAMA_SETTINGS_SPOILER_GUARD,
                                G_CALLBACK (on_spoiler_setting_changed), self);
    }

  rebuild (self);
}

DramaRelatedList *
drama_related_list_new (void)
{
  return g_object_new (DRAMA_TYPE_RELATED_LIST, NULL);
}

void
drama_related_list_set_store (DramaRelatedList *self,
                              DramaStore       *store)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));
  g_return_if_fail (store == NULL || DRAMA_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_swapped (store, "changed::show", G_CALLBACK (on_shows_changed), self);
      g_signal_connect_swapped (store, "changed::episode", G_CALLBACK (on_episodes_changed), self);
      g_signal_connect_swapped (store, "aliases-changed", G_CALLBACK (reload_settings), self);
    }
  rebuild (self);
}

DramaStore *
drama_related_list_get_store (DramaRelatedList *self)
{
  g_return_val_if_fail (DRAMA_IS_RELATED_LIST (self), NULL);

  return self->store;
}

void
drama_related_list_set_target (DramaRelatedList   *self,
                               DramaArticleFilter  filter,
                               gint64              id)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));
  g_return_if_fail (filter == DRAMA_ARTICLE_FILTER_SHOW || filter == DRAMA_ARTICLE_FILTER_PERSON);

  if (self->filter == filter && self->target_id == id)
    return;
  self->filter = filter;
  self->target_id = id;
  gtk_editable_set_text (GTK_EDITABLE (self->alias_entry), "");
  rebuild (self);
}

GListModel *
drama_related_list_get_model (DramaRelatedList *self)
{
  g_return_val_if_fail (DRAMA_IS_RELATED_LIST (self), NULL);

  return self->articles != NULL ? G_LIST_MODEL (self->articles) : NULL;
}

gboolean
drama_related_list_is_empty (DramaRelatedList *self)
{
  g_return_val_if_fail (DRAMA_IS_RELATED_LIST (self), TRUE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

void
drama_related_list_set_scrolls (DramaRelatedList *self,
                                gboolean          scrolls)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));

  scrolls = !!scrolls;
  if (self->scrolls == scrolls)
    return;
  self->scrolls = scrolls;
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), scrolls);
  gtk_stack_set_vhomogeneous (self->stack, scrolls);
  /* Inside a page, the page's own margins already frame it. */
  gtk_widget_set_margin_start (GTK_WIDGET (self->settings_list), scrolls ? 12 : 0);
  gtk_widget_set_margin_end (GTK_WIDGET (self->settings_list), scrolls ? 12 : 0);
  rebuild (self);
}

void
drama_related_list_set_settings_visible (DramaRelatedList *self,
                                         gboolean          visible)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->settings_list)), visible);
}
