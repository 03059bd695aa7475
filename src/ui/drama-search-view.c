#define G_LOG_DOMAIN "drama-search-view"

#include "config.h"

#include "drama-search-view.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-application.h"
#include "drama-person-page.h"
#include "drama-related.h"

/* Enough to find something, few enough to read in a popover. */
#define MAX_SHOWS 5
#define MAX_PEOPLE 5
#define MAX_ARTICLES 20

struct _DramaSearchView
{
  GtkWidget       parent_instance;

  GtkBox         *box;
  GtkSearchEntry *entry;
  GtkStack       *stack;
  GtkListBox     *results;

  DramaStore     *store;
  GPtrArray      *articles;        /* DramaArticle of the article rows, for opening */
  guint           n_results[3];
  gboolean        setting_text;
};

G_DEFINE_FINAL_TYPE (DramaSearchView, drama_search_view, GTK_TYPE_WIDGET)

enum {
  RESULT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_heading (DramaSearchKind kind)
{
  switch (kind)
    {
    case DRAMA_SEARCH_KIND_SHOW:
      return _("Shows");
    case DRAMA_SEARCH_KIND_PERSON:
      return _("People");
    case DRAMA_SEARCH_KIND_ARTICLE:
    default:
      return _("Articles");
    }
}

static DramaSearchKind
row_kind (GtkListBoxRow *row)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "drama-kind"));
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  GtkWidget *label;

  if (before != NULL && row_kind (before) == row_kind (row))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (kind_heading (row_kind (row)));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, before != NULL ? 12 : 6);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_widget_set_margin_start (label, 12);
  gtk_list_box_row_set_header (row, label);
}

static void
add_row (DramaSearchView *self,
         DramaSearchKind  kind,
         gint64           id,
         const char      *icon_name,
         const char      *title,
         const char      *subtitle,
         gboolean         spoiler)
{
  GtkWidget *row, *hbox, *vbox, *icon, *label, *caption;

  hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (hbox, 3);
  gtk_widget_set_margin_bottom (hbox, 3);
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (hbox), icon);

  vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (vbox, TRUE);
  label = gtk_label_new (title != NULL && *title != '\0' ? title : _("Untitled"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  drama_related_set_blurred (label, spoiler);
  gtk_box_append (GTK_BOX (vbox), label);
  if (subtitle != NULL && *subtitle != '\0')
    {
      caption = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (caption), 36);
      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, spoiler ? "drama-spoiler-note" : "dim-label");
      gtk_box_append (GTK_BOX (vbox), caption);
    }
  gtk_box_append (GTK_BOX (hbox), vbox);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  g_object_set_data (G_OBJECT (row), "drama-kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (row), "drama-id", g_memdup2 (&id, sizeof id), g_free);
  gtk_list_box_append (self->results, row);
  self->n_results[kind]++;
}

static void
search_shows (DramaSearchView *self,
              const char      *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shows = drama_store_list_shows (self->store, -1, text,
                                                       DRAMA_SHOW_SORT_TITLE, &error);

  if (shows == NULL)
    {
      g_debug ("Show search failed: %s", error->message);
      return;
    }
  for (guint i = 0; i < shows->len && i < MAX_SHOWS; i++)
    {
      DramaShow *show = g_ptr_array_index (shows, i);
      const char *network = drama_show_get_network (show);
      const char *premiered = drama_show_get_premiered (show);
      g_autofree char *year = premiered != NULL && strlen (premiered) >= 4 ?
                              g_strndup (premiered, 4) : NULL;
      g_autofree char *subtitle = NULL;

      if (network != NULL && year != NULL)
        subtitle = g_strdup_printf ("%s · %s", network, year);
      else
        subtitle = g_strdup (network != NULL ? network : year);
      add_row (self, DRAMA_SEARCH_KIND_SHOW, drama_show_get_id (show), "video-x-generic-symbolic",
               drama_show_get_name (show), subtitle, FALSE);
    }
}

/* People exist in the library only as the cast of watchlist shows: the show they are in
 * says who they are. */
static void
search_people (DramaSearchView *self,
               const char      *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) show_names = NULL;
  g_autoptr(GPtrArray) people = drama_store_search_people (self->store, text, MAX_PEOPLE,
                                                           &show_names, &error);

  if (people == NULL)
    {
      g_debug ("People search failed: %s", error->message);
      return;
    }
  for (guint i = 0; i < people->len; i++)
    {
      DramaPerson *person = g_ptr_array_index (people, i);
      const char *character = drama_person_get_character (person);
      const char *show_name = g_ptr_array_index (show_names, i);
      g_autofree char *subtitle = NULL;

      if (character != NULL && *character != '\0')
        /* TRANSLATORS: "as <character> in <show>" */
        subtitle = g_strdup_printf (_("as %s in %s"), character, show_name);
      else
        subtitle = g_strdup (show_name);
      add_row (self, DRAMA_SEARCH_KIND_PERSON, drama_person_get_id (person),
               "avatar-default-symbolic", drama_person_get_name (person), subtitle, FALSE);
    }
}

static void
search_articles (DramaSearchView *self,
                 const char      *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = drama_store_search_articles (self->store, text, MAX_ARTICLES,
                                                               &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (articles == NULL)
    {
      g_debug ("Article search failed: %s", error->message);
      return;
    }
  if (!drama_store_fill_article_links (self->store, articles, drama_related_get_spoiler_guard (),
                                       &error))
    {
      g_debug ("Could not read the links of the results: %s", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; i < articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (articles, i);
      DramaEpisode *spoiler = drama_article_get_spoiler_episode (article);
      const char *feed = drama_article_get_feed_title (article);
      g_autofree char *date = drama_related_format_date (drama_article_get_published (article), now);
      g_autofree char *subtitle = NULL;

      if (spoiler != NULL)
        subtitle = drama_related_spoiler_note (spoiler);
      else if (feed != NULL && *date != '\0')
        subtitle = g_strdup_printf ("%s · %s", feed, date);
      else
        subtitle = g_strdup (feed != NULL ? feed : date);
      g_ptr_array_add (self->articles, g_object_ref (article));
      add_row (self, DRAMA_SEARCH_KIND_ARTICLE, drama_article_get_id (article),
               "application-rss+xml-symbolic", drama_article_get_title (article), subtitle,
               spoiler != NULL);
    }
}

static void
run_search (DramaSearchView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
  g_ptr_array_set_size (self->articles, 0);
  memset (self->n_results, 0, sizeof self->n_results);

  if (*text == '\0' || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }

  search_shows (self, text);
  search_people (self, text);
  search_articles (self, text);

  if (self->n_results[0] + self->n_results[1] + self->n_results[2] == 0)
    gtk_stack_set_visible_child_name (self->stack, "none");
  else
    gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
on_search_changed (DramaSearchView *self)
{
  if (!self->setting_text)
    run_search (self);
}

static void
on_row_activated (DramaSearchView *self,
                  GtkListBoxRow   *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "drama-id");

  if (id != NULL)
    g_signal_emit (self, signals[RESULT_ACTIVATED], 0, (int) row_kind (row), *id);
}

static void
on_entry_activate (DramaSearchView *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results, 0);

  if (first != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") == 0)
    on_row_activated (self, first);
}

static void
close_popover (DramaSearchView *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_stop_search (DramaSearchView *self)
{
  close_popover (self);
}

static void
open_person (DramaSearchView *self,
             gint64           person_id)
{
  GApplication *app = g_application_get_default ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(DramaPerson) person = NULL;
  g_autoptr(GError) error = NULL;

  person = drama_store_get_person (self->store, person_id, &error);
  if (person == NULL)
    {
      g_debug ("Could not open person %" G_GINT64_FORMAT ": %s", person_id, error->message);
      return;
    }
  if (!DRAMA_IS_APPLICATION (app))
    return;
  drama_person_page_open (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                          drama_application_get_tvmaze (DRAMA_APPLICATION (app)),
                          drama_application_get_image_loader (DRAMA_APPLICATION (app)),
                          person);
}

static void
drama_search_view_real_result_activated (DramaSearchView *self,
                                         int              kind,
                                         gint64           id)
{
  /* Close first: the spoiler question is a dialog of its own. */
  close_popover (self);

  switch ((DramaSearchKind) kind)
    {
    case DRAMA_SEARCH_KIND_SHOW:
      drama_related_open_show (GTK_WIDGET (self), id);
      break;
    case DRAMA_SEARCH_KIND_PERSON:
      open_person (self, id);
      break;
    case DRAMA_SEARCH_KIND_ARTICLE:
      for (guint i = 0; i < self->articles->len; i++)
        {
          DramaArticle *article = g_ptr_array_index (self->articles, i);

          if (drama_article_get_id (article) == id)
            {
              drama_related_open_article (GTK_WIDGET (self), article);
              break;
            }
        }
      break;
    default:
      break;
    }
}

static void
on_store_changed (DramaSearchView *self)
{
  /* Results of an open popover stay true to the library (a show removed, a feed gone). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    run_search (self);
}

static void
drama_search_view_dispose (GObject *object)
{
  DramaSearchView *self = DRAMA_SEARCH_VIEW (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_SEARCH_VIEW);
  g_clear_object (&self->store);
  g_clear_pointer (&self->articles, g_ptr_array_unref);

  G_OBJECT_CLASS (drama_search_view_parent_class)->dispose (object);
}

static void
drama_search_view_class_init (DramaSearchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_search_view_dispose;

  signals[RESULT_ACTIVATED] =
    g_signal_new_class_handler ("result-activated",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (drama_search_view_real_result_activated),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramasearchview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-search-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaSearchView, box);
  gtk_widget_class_bind_template_child (widget_class, DramaSearchView, entry);
  gtk_widget_class_bind_template_child (widget_class, DramaSearchView, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaSearchView, results);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
}

static void
drama_search_view_init (DramaSearchView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->articles = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_list_box_set_header_func (self->results, update_header, NULL, NULL);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, -1);
}

DramaSearchView *
drama_search_view_new (void)
{
  return g_object_new (DRAMA_TYPE_SEARCH_VIEW, NULL);
}

void
drama_search_view_set_store (DramaSearchView *self,
                             DramaStore      *store)
{
  g_return_if_fail (DRAMA_IS_SEARCH_VIEW (self));
  g_return_if_fail (store == NULL || DRAMA_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_swapped (store, "changed::show", G_CALLBACK (on_store_changed), self);
      g_signal_connect_swapped (store, "changed::article", G_CALLBACK (on_store_changed), self);
    }
  run_search (self);
}

void
drama_search_view_set_text (DramaSearchView *self,
                            const char      *text)
{
  g_return_if_fail (DRAMA_IS_SEARCH_VIEW (self));

  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  self->setting_text = FALSE;
  run_search (self);
}

void
drama_search_view_focus_entry (DramaSearchView *self)
{
  g_return_if_fail (DRAMA_IS_SEARCH_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

guint
drama_search_view_get_n_results (DramaSearchView *self,
                                 DramaSearchKind  kind)
{
  g_return_val_if_fail (DRAMA_IS_SEARCH_VIEW (self), 0);
  g_return_val_if_fail (kind <= DRAMA_SEARCH_KIND_ARTICLE, 0);

  return self->n_results[kind];
}

gboolean
drama_search_view_activate_result (DramaSearchView *self,
                                   DramaSearchKind  kind,
                                   guint            n)
{
  g_return_val_if_fail (DRAMA_IS_SEARCH_VIEW (self), FALSE);

  for (GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->results, 0);
       row != NULL;
       row = gtk_list_box_get_row_at_index (self->results, gtk_list_box_row_get_index (row) + 1))
    {
      if (row_kind (row) != kind)
        continue;
      if (n-- == 0)
        {
          on_row_activated (self, row);
          return TRUE;
        }
    }
  return FALSE;
}
