#define G_LOG_DOMAIN "drama-related-list"

#include "config.h"

#include "drama-related-list.h"
#include "drama-related-list-test.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "drama-related.h"
#include "drama-settings.h"
#include "drama-show-chips.h"
#include "drama-ui-call.h"
#include "drama-ui-text.h"

/* The articles are read in one job on the store's thread (ids, the newest objects, their
 * links), then kept in a GListStore updated in place: the store's changes say when to read
 * again (links, seen marks, a show's guard) or which rows to refresh (read, starred). */

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
  GListStore        *articles;         /* DramaArticle, newest first */
  char              *error_message;
  GStrv              aliases;
  GSettings         *settings;   /* the spoiler guard, pictures or not (may be NULL) */
  DramaImageLoader  *loader;     /* thumbnails (may be NULL) */
  gboolean           updating_switch;
  gboolean           scrolls;

  GCancellable      *read_cancellable; /* reads about the target: a new target cancels */
  guint              read_idle;
  guint              read_parts;       /* ReadPart, waiting for read_idle */
  GArray            *refresh_ids;      /* articles whose read or star changed */
  guint              n_writes;         /* names and guard writes not answered yet */
};

typedef enum {
  READ_SETTINGS = 1 << 0,   /* aliases and the show's spoiler guard */
  READ_ARTICLES = 1 << 1,   /* the list */
  READ_REFRESH  = 1 << 2,   /* the articles of refresh_ids, in place */
} ReadPart;

G_DEFINE_FINAL_TYPE (DramaRelatedList, drama_related_list, GTK_TYPE_WIDGET)

/* Inside a page that scrolls, the newest this many; in a list of its own, this many (the
 * news pane, filtered by the show or person, has them all). */
#define MAX_INLINE 50
#define MAX_LISTED 500

/* ---- rows ---- */

typedef struct {
  DramaRelatedList *list;   /* the list the row is in (outlives it) */
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
load_images_enabled (DramaRelatedList *self)
{
  return self->settings != NULL &&
         g_settings_get_boolean (self->settings, DRAMA_SETTINGS_LOAD_IMAGES);
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
  DramaImageLoader *loader = row->list->loader;
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

  show_thumb = image != NULL && g_str_has_prefix (image, "http") &&
               load_images_enabled (row->list) && loader != NULL;
  gtk_widget_set_visible (GTK_WIDGET (row->thumb), show_thumb);
  if (show_thumb)
    drama_image_loader_set_feed_image (loader, GTK_WIDGET (row->thumb), image,
                                       drama_article_get_feed_url (article));
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

  row->list = self;

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

  if (self->articles == NULL)
    return;
  article = g_list_model_get_item (G_LIST_MODEL (self->articles),
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

  if (self->error_message != NULL)
    drama_status_page_set_text (self->empty_page, self->error_message);
  else if (self->filter == DRAMA_ARTICLE_FILTER_PERSON)
    drama_status_page_set_text (self->empty_page,
                                _("Articles from your feeds that name them will appear here"));
  else
    drama_status_page_set_text (self->empty_page,
                                _("Articles from your feeds that name the show or its cast "
                                  "will appear here"));

  gtk_stack_set_visible_child_name (self->stack,
                                    n == 0 ? "empty" : self->scrolls ? "list" : "inline");
}

static gboolean
has_articles (DramaRelatedList *self)
{
  return self->articles != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->articles)) > 0;
}

static void
show_error (DramaRelatedList *self,
            const char       *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), drama_toast_new (message));
  else
    g_warning ("%s", message);
}

/* ---- reading: one job ---- */

typedef struct {
  DramaArticleFilter filter;
  gint64             target_id;
  guint              parts;
  guint              limit;
  gboolean           spoiler_guard;
  GArray            *refresh_ids;
} ReadArgs;

typedef struct {
  guint      parts;
  GPtrArray *articles;       /* READ_ARTICLES */
  char      *error_message;  /* READ_ARTICLES failed */
  GPtrArray *refreshed;      /* READ_REFRESH */
  GStrv      aliases;        /* READ_SETTINGS */
  gboolean   spoiler_guard;
} ReadResult;

static void
read_args_free (gpointer data)
{
  ReadArgs *args = data;

  g_clear_pointer (&args->refresh_ids, g_array_unref);
  g_free (args);
}

static void
read_result_free (gpointer data)
{
  ReadResult *result = data;

  g_clear_pointer (&result->articles, g_ptr_array_unref);
  g_clear_pointer (&result->refreshed, g_ptr_array_unref);
  g_free (result->error_message);
  g_strfreev (result->aliases);
  g_free (result);
}

/* The articles of ids with their shows and spoiler episode (a failure there only loses the
 * chips and warnings: still worth listing). */
static GPtrArray *
get_articles (DramaStore    *store,
              const gint64  *ids,
              guint          n_ids,
              gboolean       spoiler_guard,
              GError       **error)
{
  g_autoptr(GPtrArray) articles = drama_store_get_articles (store, ids, n_ids, error);
  g_autoptr(GError) links_error = NULL;

  if (articles != NULL && !drama_store_fill_article_links (store, articles, spoiler_guard,
                                                           &links_error))
    g_debug ("Could not read the links of the articles: %s", links_error->message);
  return g_steal_pointer (&articles);
}

static gpointer
read_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  ReadArgs *args = data;
  ReadResult *result = g_new0 (ReadResult, 1);

  result->parts = args->parts;

  if (args->parts & READ_SETTINGS)
    {
      g_autoptr(GError) settings_error = NULL;
      const char * const *aliases = NULL;
      g_autoptr(DramaShow) show = NULL;
      g_autoptr(DramaPerson) person = NULL;

      result->spoiler_guard = TRUE;
      if (args->filter == DRAMA_ARTICLE_FILTER_SHOW)
        {
          show = drama_store_get_show (store, args->target_id, &settings_error);
          if (show != NULL)
            {
              aliases = drama_show_get_aliases (show);
              result->spoiler_guard = drama_show_get_spoiler_guard (show);
            }
        }
      else
        {
          person = drama_store_get_person (store, args->target_id, &settings_error);
          if (person != NULL)
            aliases = drama_person_get_aliases (person);
        }
      if (settings_error != NULL &&
          !g_error_matches (settings_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
        g_debug ("Could not read the names of %" G_GINT64_FORMAT ": %s",
                 args->target_id, settings_error->message);
      result->aliases = aliases != NULL ? g_strdupv ((char **) aliases) : NULL;
    }

  if (args->parts & READ_ARTICLES)
    {
      g_autoptr(GError) list_error = NULL;
      g_autoptr(GArray) ids = drama_store_list_article_ids (store, args->filter, args->target_id,
                                                            NULL, NULL, &list_error);

      if (ids != NULL)
        result->articles = get_articles (store, (const gint64 *) (gpointer) ids->data,
                                         MIN (ids->len, args->limit), args->spoiler_guard,
                                         &list_error);
      if (result->articles == NULL)
        result->error_message = g_strdup (list_error->message);
    }

  if ((args->parts & READ_REFRESH) && args->refresh_ids != NULL)
    result->refreshed = get_articles (store, (const gint64 *) (gpointer) args->refresh_ids->data,
                                      args->refresh_ids->len, args->spoiler_guard, NULL);

  return result;
}

static void
copy_article (DramaArticle *to,
              DramaArticle *from)
{
  drama_article_set_feed_id (to, drama_article_get_feed_id (from));
  drama_article_set_feed_title (to, drama_article_get_feed_title (from));
  drama_article_set_feed_url (to, drama_article_get_feed_url (from));
  drama_article_set_guid (to, drama_article_get_guid (from));
  drama_article_set_title (to, drama_article_get_title (from));
  drama_article_set_link (to, drama_article_get_link (from));
  drama_article_set_author (to, drama_article_get_author (from));
  drama_article_set_summary (to, drama_article_get_summary (from));
  drama_article_set_content (to, drama_article_get_content (from));
  drama_article_set_image (to, drama_article_get_image (from));
  drama_article_set_published (to, drama_article_get_published (from));
  drama_article_set_updated (to, drama_article_get_updated (from));
  drama_article_set_fetched_at (to, drama_article_get_fetched_at (from));
  drama_article_set_read (to, drama_article_get_read (from));
  drama_article_set_starred (to, drama_article_get_starred (from));
  drama_article_set_shows (to, drama_article_get_shows (from));
  drama_article_set_spoiler_episode (to, drama_article_get_spoiler_episode (from));
}

static gint64
item_id (DramaRelatedList *self,
         guint             position)
{
  g_autoptr(DramaArticle) article = g_list_model_get_item (G_LIST_MODEL (self->articles), position);

  return drama_article_get_id (article);
}

/* The list becomes articles: the rows of the unchanged head and tail stay (updated in
 * place, their notify signals fire); only the span between them is replaced. */
static void
update_articles (DramaRelatedList *self,
                 GPtrArray        *articles)
{
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));
  guint new_n = articles->len;
  guint min_n = MIN (old_n, new_n);
  guint prefix = 0, suffix = 0;

  while (prefix < min_n &&
         item_id (self, prefix) == drama_article_get_id (g_ptr_array_index (articles, prefix)))
    prefix++;
  while (suffix < min_n - prefix &&
         item_id (self, old_n - 1 - suffix) ==
         drama_article_get_id (g_ptr_array_index (articles, new_n - 1 - suffix)))
    suffix++;

  for (guint i = 0; i < prefix; i++)
    {
      g_autoptr(DramaArticle) old = g_list_model_get_item (G_LIST_MODEL (self->articles), i);

      copy_article (old, g_ptr_array_index (articles, i));
    }
  for (guint i = 0; i < suffix; i++)
    {
      g_autoptr(DramaArticle) old = g_list_model_get_item (G_LIST_MODEL (self->articles),
                                                           old_n - 1 - i);

      copy_article (old, g_ptr_array_index (articles, new_n - 1 - i));
    }
  if (prefix != old_n || prefix != new_n)
    g_list_store_splice (self->articles, prefix, old_n - prefix - suffix,
                         articles->pdata + prefix, new_n - prefix - suffix);
}

static void
refresh_articles (DramaRelatedList *self,
                  GPtrArray        *refreshed)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DramaArticle) old = g_list_model_get_item (G_LIST_MODEL (self->articles), i);

      for (guint j = 0; j < refreshed->len; j++)
        if (drama_article_get_id (g_ptr_array_index (refreshed, j)) == drama_article_get_id (old))
          copy_article (old, g_ptr_array_index (refreshed, j));
    }
}

static void update_alias_chips (DramaRelatedList *self);

static void
read_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  ReadResult *result = drama_store_call_finish (DRAMA_STORE (source), res, &error);
  DramaRelatedList *self;

  /* Cancelled: another target, or the list is gone. Touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (result == NULL)
    {
      /* Said where the articles would be, not on the console. */
      g_free (self->error_message);
      self->error_message = g_strdup (error->message);
      update_stack (self);
      return;
    }

  if (result->parts & READ_SETTINGS)
    {
      g_strfreev (self->aliases);
      self->aliases = g_steal_pointer (&result->aliases);
      self->updating_switch = TRUE;
      gtk_switch_set_active (self->spoiler_switch, result->spoiler_guard);
      self->updating_switch = FALSE;
      update_alias_chips (self);
    }
  if (result->parts & READ_ARTICLES)
    {
      g_free (self->error_message);
      self->error_message = g_steal_pointer (&result->error_message);
      if (result->articles != NULL)
        update_articles (self, result->articles);
      update_stack (self);
    }
  if (result->refreshed != NULL)
    refresh_articles (self, result->refreshed);
  read_result_free (result);
}

static gboolean
read_idle_cb (gpointer user_data)
{
  DramaRelatedList *self = user_data;
  ReadArgs *args;

  self->read_idle = 0;
  if (self->store == NULL || self->target_id <= 0 || self->read_parts == 0)
    {
      self->read_parts = 0;
      g_clear_pointer (&self->refresh_ids, g_array_unref);
      return G_SOURCE_REMOVE;
    }

  args = g_new0 (ReadArgs, 1);
  args->filter = self->filter;
  args->target_id = self->target_id;
  args->parts = self->read_parts;
  args->limit = self->scrolls ? MAX_LISTED : MAX_INLINE;
  args->spoiler_guard = drama_related_get_spoiler_guard (self->settings);
  /* A new list reads the rows too. */
  if (!(args->parts & READ_ARTICLES))
    args->refresh_ids = g_steal_pointer (&self->refresh_ids);
  g_clear_pointer (&self->refresh_ids, g_array_unref);
  self->read_parts = 0;

  /* read_cancellable is cancelled before the list goes away: self is safe to pass. */
  drama_ui_call (self->store, G_PRIORITY_HIGH, read_job, args, read_args_free,
                 read_result_free, self->read_cancellable, read_cb, self);
  return G_SOURCE_REMOVE;
}

/* One read, in an idle, for a burst of changes (a relink, a refresh). */
static void
queue_read (DramaRelatedList *self,
            guint             parts)
{
  if (self->store == NULL || self->target_id <= 0)
    return;
  self->read_parts |= parts;
  if (self->read_idle == 0)
    self->read_idle = g_idle_add (read_idle_cb, self);
}

/* ---- names and spoilers ---- */

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

typedef struct {
  DramaArticleFilter  filter;
  gint64              target_id;
  GStrv               aliases;
  int                 spoiler_guard;   /* -1: the aliases, else the show's guard */
} WriteArgs;

static void
write_args_free (gpointer data)
{
  WriteArgs *args = data;

  g_strfreev (args->aliases);
  g_free (args);
}

static gpointer
write_job (DramaStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  WriteArgs *args = data;
  gboolean ok;

  if (args->spoiler_guard >= 0)
    ok = drama_store_set_show_spoiler_guard (store, args->target_id, args->spoiler_guard, error);
  else if (args->filter == DRAMA_ARTICLE_FILTER_SHOW)
    ok = drama_store_set_show_aliases (store, args->target_id,
                                       (const char * const *) args->aliases, error);
  else
    ok = drama_store_set_person_aliases (store, args->target_id,
                                         (const char * const *) args->aliases, error);
  return DRAMA_UI_JOB_OK (ok);
}

typedef struct {
  GWeakRef *list;
  gint64    target_id;
  gboolean  aliases;
} WriteCall;

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  WriteCall *call = user_data;
  g_autoptr(DramaRelatedList) self = drama_ui_weak_steal (call->list);
  g_autoptr(GError) error = NULL;
  gboolean ok = drama_store_call_finish (DRAMA_STORE (source), result, &error) != NULL;
  gboolean same = self != NULL && self->store != NULL && self->target_id == call->target_id;

  if (same && self->n_writes > 0)
    self->n_writes--;
  if (!ok)
    {
      g_autofree char *text = g_strdup_printf (call->aliases
                                               ? _("The nicknames could not be saved: %s")
                                               : _("The spoiler setting could not be saved: %s"),
                                               error->message);

      if (self != NULL && self->store != NULL)
        show_error (self, text);
      else
        g_warning ("%s", text);
      /* The chips or the switch show what was not saved: back to what the store has. */
      if (same)
        queue_read (self, READ_SETTINGS);
    }
  g_free (call);
}

/* The widgets show the change at once; the store's echo ("aliases-changed", "changed::show")
 * is not read back while writes are on their way. The linker relinks by itself. */
static void
save_setting (DramaRelatedList *self,
              WriteArgs        *args,
              gboolean          aliases)
{
  WriteCall *call = g_new0 (WriteCall, 1);

  args->filter = self->filter;
  args->target_id = self->target_id;
  call->list = drama_ui_weak_new (self);
  call->target_id = self->target_id;
  call->aliases = aliases;
  self->n_writes++;
  /* The user's change: no cancellable, it lands even if the list goes away. */
  drama_ui_call (self->store, G_PRIORITY_DEFAULT, write_job, args, write_args_free, NULL, NULL,
                 write_cb, call);
}

static void
save_aliases (DramaRelatedList *self,
              GStrv             aliases)
{
  WriteArgs *args;

  if (self->store == NULL || self->target_id <= 0)
    return;

  g_strfreev (self->aliases);
  self->aliases = g_strdupv (aliases);
  update_alias_chips (self);

  args = g_new0 (WriteArgs, 1);
  args->aliases = g_strdupv (aliases);
  args->spoiler_guard = -1;
  save_setting (self, args, TRUE);
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
  WriteArgs *args;

  if (self->updating_switch || self->store == NULL || self->target_id <= 0 ||
      self->filter != DRAMA_ARTICLE_FILTER_SHOW)
    return;

  args = g_new0 (WriteArgs, 1);
  args->spoiler_guard = gtk_switch_get_active (self->spoiler_switch);
  save_setting (self, args, FALSE);
}

/* ---- following the store ---- */

static gboolean
is_target (DramaRelatedList *self,
           DramaChangeKind   kind,
           DramaStoreChange *change)
{
  guint n_ids;

  if (self->filter != (kind == DRAMA_CHANGE_SHOW ? DRAMA_ARTICLE_FILTER_SHOW
                                                 : DRAMA_ARTICLE_FILTER_PERSON))
    return FALSE;
  drama_store_change_get_ids (change, &n_ids);
  return n_ids == 0 || drama_store_change_has_id (change, self->target_id);
}

static void
on_show_changed (DramaRelatedList *self,
                 DramaStoreChange *change)
{
  DramaChangeReason reason = drama_store_change_get_reason (change);

  if (reason == DRAMA_CHANGE_SEEN || reason == DRAMA_CHANGE_ADDED)
    return;   /* the episode change says which; a new show has no links yet */
  if (is_target (self, DRAMA_CHANGE_SHOW, change))
    {
      /* Its spoiler guard, or a refresh: the switch, and which articles are guarded. */
      if (self->n_writes == 0)
        queue_read (self, READ_SETTINGS);
      queue_read (self, READ_ARTICLES);
    }
  else if (self->filter == DRAMA_ARTICLE_FILTER_PERSON && has_articles (self) &&
           reason != DRAMA_CHANGE_UPDATED)
    /* One of their shows: its guard moved, or it left the watchlist (and its links). */
    queue_read (self, READ_ARTICLES);
}

static void
on_episode_changed (DramaRelatedList *self,
                    DramaStoreChange *change)
{
  gint64 show_id = drama_store_change_get_show_id (change);

  /* An episode marked seen lifts the guard of the articles naming it. */
  if (!has_articles (self))
    return;
  if (self->filter == DRAMA_ARTICLE_FILTER_SHOW && show_id != 0 && show_id != self->target_id)
    return;
  queue_read (self, READ_ARTICLES);
}

static void
on_article_changed (DramaRelatedList *self,
                    DramaStoreChange *change)
{
  DramaChangeReason reason = drama_store_change_get_reason (change);
  guint n = self->articles != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->articles)) : 0;
  guint n_ids;

  if (n == 0 || reason == DRAMA_CHANGE_ADDED)
    return;   /* new articles come in with their links */
  drama_store_change_get_ids (change, &n_ids);
  if (reason == DRAMA_CHANGE_REMOVED || n_ids == 0)
    {
      queue_read (self, READ_ARTICLES);
      return;
    }

  /* Read or starred: just the rows listed. */
  for (guint i = 0; i < n; i++)
    {
      gint64 id = item_id (self, i);

      if (!drama_store_change_has_id (change, id))
        continue;
      if (self->refresh_ids == NULL)
        self->refresh_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (self->refresh_ids, id);
      queue_read (self, READ_REFRESH);
    }
}

static void
on_feed_changed (DramaRelatedList *self)
{
  /* A renamed or removed feed: the rows say where each article is from. */
  if (has_articles (self))
    queue_read (self, READ_ARTICLES);
}

static void
on_link_changed (DramaRelatedList *self)
{
  queue_read (self, READ_ARTICLES);
}

static void
on_aliases_changed (DramaRelatedList *self,
                    DramaChangeKind   kind,
                    gint64            id)
{
  gboolean mine = id == self->target_id &&
                  (kind == DRAMA_CHANGE_SHOW) == (self->filter == DRAMA_ARTICLE_FILTER_SHOW);

  /* The chips show the names already while this list's own write is on its way. */
  if (mine && self->n_writes == 0)
    queue_read (self, READ_SETTINGS);
}

static void
on_spoiler_setting_changed (DramaRelatedList *self)
{
  queue_read (self, READ_ARTICLES);
}

/* A new target (or way of showing it): a list of its own, read in one job. */
static void
rebuild (DramaRelatedList *self)
{
  GtkSelectionModel *selection;
  gboolean is_person = self->filter == DRAMA_ARTICLE_FILTER_PERSON;

  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  self->read_cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->read_idle, g_source_remove);
  self->read_parts = 0;
  self->n_writes = 0;
  g_clear_pointer (&self->refresh_ids, g_array_unref);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->aliases, g_strfreev);

  if (self->articles != NULL)
    g_signal_handlers_disconnect_by_data (self->articles, self);
  g_clear_object (&self->articles);
  if (self->store != NULL && self->target_id > 0)
    {
      self->articles = g_list_store_new (DRAMA_TYPE_ARTICLE);
      g_signal_connect_swapped (self->articles, "items-changed",
                                G_CALLBACK (update_stack), self);
    }

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
      gtk_list_box_bind_model (self->inline_list, G_LIST_MODEL (self->articles),
                               create_inline_row, self, NULL);
    }

  adw_status_page_set_title (self->empty_page, is_person ? _("No News About This Person Yet")
                                                         : _("No News About This Show Yet"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->settings_row),
                                 is_person ? _("Names in the News") : _("Names and Spoilers"));
  gtk_widget_set_visible (GTK_WIDGET (self->spoiler_row), !is_person);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->alias_entry),
                                 is_person ? _("Add a Stage Name or Nickname") : _("Add a Nickname"));
  update_alias_chips (self);
  update_stack (self);
  queue_read (self, READ_SETTINGS | READ_ARTICLES);
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
  /* Answers still on their way find their read cancelled (the list is not touched). */
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  g_clear_handle_id (&self->read_idle, g_source_remove);
  g_clear_pointer (&self->refresh_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_RELATED_LIST);
  g_clear_object (&self->articles);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->loader);
  g_clear_pointer (&self->aliases, g_strfreev);
  g_clear_pointer (&self->error_message, g_free);

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

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = DRAMA_ARTICLE_FILTER_SHOW;
  self->scrolls = TRUE;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

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
      g_signal_connect_swapped (store, "changed::show", G_CALLBACK (on_show_changed), self);
      g_signal_connect_swapped (store, "changed::episode", G_CALLBACK (on_episode_changed), self);
      g_signal_connect_swapped (store, "changed::article", G_CALLBACK (on_article_changed), self);
      g_signal_connect_swapped (store, "changed::feed", G_CALLBACK (on_feed_changed), self);
      g_signal_connect_swapped (store, "changed::link", G_CALLBACK (on_link_changed), self);
      g_signal_connect_swapped (store, "aliases-changed", G_CALLBACK (on_aliases_changed), self);
    }
  rebuild (self);
}

void
drama_related_list_set_settings (DramaRelatedList *self,
                                 GSettings        *settings)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_signal_connect_swapped (settings, "changed::" DRAMA_SETTINGS_SPOILER_GUARD,
                              G_CALLBACK (on_spoiler_setting_changed), self);
  /* The articles listed were read with the guard as it was without them. */
  if (self->articles != NULL)
    queue_read (self, READ_ARTICLES);
}

void
drama_related_list_set_image_loader (DramaRelatedList *self,
                                     DramaImageLoader *loader)
{
  g_return_if_fail (DRAMA_IS_RELATED_LIST (self));
  g_return_if_fail (loader == NULL || DRAMA_IS_IMAGE_LOADER (loader));

  g_set_object (&self->loader, loader);
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
