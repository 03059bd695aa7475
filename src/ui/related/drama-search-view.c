#define G_LOG_DOMAIN "drama-search-view"

#include "config.h"

#include "drama-search-view.h"
#include "drama-search-view-test.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-person-page.h"
#include "drama-related.h"

/* Enough to find something, few enough to read in a popover. */
#define MAX_SHOWS 5
#define MAX_PEOPLE 5
#define MAX_ARTICLES 20

struct _DramaSearchView
{
  GtkWidget           parent_instance;

  GtkBox             *box;
  GtkSearchEntry     *entry;
  GtkStack           *stack;
  GtkListBox         *results;

  DramaStore         *store;
  /* What opening a person takes, and the spoiler guard's setting (each may be NULL). */
  DramaTvmaze        *tvmaze;
  DramaImageLoader   *loader;
  GSettings          *settings;
  /* Shows come from the live list (filtered and sorted here, at once); people and
   * articles from one job on the store's thread per query. */
  DramaShowList      *list;
  GtkCustomFilter    *show_filter;
  GtkFilterListModel *show_filtered;
  GtkCustomSorter    *show_sorter;
  GtkSortListModel   *show_sorted;
  char               *folded;          /* the query as the show filter compares it */
  /* Shows found by their cast for the query the store last answered (the store's thread
   * compares the names): ids and, parallel, the cast member's name. */
  GArray             *cast_show_ids;
  GPtrArray          *cast_names;

  GPtrArray          *articles;        /* DramaArticle of the article rows, for opening */
  GPtrArray          *rows[3];         /* GtkListBoxRow per DramaSearchKind, in order */
  GCancellable       *cancellable;     /* everything; cancelled in dispose */
  GCancellable       *search_cancellable;   /* the people and article search running */
  gboolean            searching;
  guint               refresh_idle;
  gboolean            setting_text;
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

static GtkWidget *
make_row (DramaSearchKind  kind,
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
  return row;
}

/* Puts rows (GtkListBoxRow, floating) in place of the kind's rows, keeping the order
 * Shows, People, Articles. */
static void
replace_rows (DramaSearchView *self,
              DramaSearchKind  kind,
              GPtrArray       *rows)
{
  int position = 0;

  for (guint i = 0; i < self->rows[kind]->len; i++)
    gtk_list_box_remove (self->results, g_ptr_array_index (self->rows[kind], i));
  g_ptr_array_set_size (self->rows[kind], 0);

  for (int k = 0; k < (int) kind; k++)
    position += self->rows[k]->len;
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      gtk_list_box_insert (self->results, row, position + (int) i);
      g_ptr_array_add (self->rows[kind], row);
    }
  gtk_list_box_invalidate_headers (self->results);
}

static guint
n_results (DramaSearchView *self)
{
  return self->rows[0]->len + self->rows[1]->len + self->rows[2]->len;
}

static void
update_state (DramaSearchView *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (self->folded == NULL || self->store == NULL)
    gtk_stack_set_visible_child_name (self->stack, "hint");
  else if (n_results (self) > 0)
    gtk_stack_set_visible_child_name (self->stack, "results");
  /* No answer yet: "no results" only once all are in, and no flicker back to it. */
  else if (!self->searching)
    gtk_stack_set_visible_child_name (self->stack, "none");
  else if (g_strcmp0 (page, "hint") == 0)
    gtk_stack_set_visible_child_name (self->stack, "results");
}

static GtkWidget *
make_show_row (DramaShow  *show,
               const char *cast_name)
{
  const char *network = drama_show_get_network (show);
  const char *premiered = drama_show_get_premiered (show);
  g_autofree char *year = premiered != NULL && strlen (premiered) >= 4 ?
                          g_strndup (premiered, 4) : NULL;
  g_autofree char *subtitle = NULL;

  if (cast_name != NULL)
    /* TRANSLATORS: a show found by one of its cast, "with Shin Hye-sun" */
    subtitle = g_strdup_printf (_("with %s"), cast_name);
  else if (network != NULL && year != NULL)
    subtitle = g_strdup_printf ("%s · %s", network, year);
  else
    subtitle = g_strdup (network != NULL ? network : year);
  return make_row (DRAMA_SEARCH_KIND_SHOW, drama_show_get_id (show), "video-x-generic-symbolic",
                   drama_show_get_name (show), subtitle, FALSE);
}

/* The shows whose names match, from the live list at once; then those whose cast does, as
 * the store's thread found them for this query, taken from the same list (so a show that
 * leaves the watchlist leaves the results). */
static void
show_shows (DramaSearchView *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GListModel *model = G_LIST_MODEL (self->show_sorted);

  for (guint i = 0; self->folded != NULL && i < g_list_model_get_n_items (model) && i < MAX_SHOWS; i++)
    {
      g_autoptr(DramaShow) show = g_list_model_get_item (model, i);
      gint64 id = drama_show_get_id (show);

      g_hash_table_add (listed, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (rows, make_show_row (show, NULL));
    }
  for (guint i = 0; self->folded != NULL && self->cast_show_ids != NULL && self->list != NULL &&
                    i < self->cast_show_ids->len && rows->len < MAX_SHOWS; i++)
    {
      gint64 id = g_array_index (self->cast_show_ids, gint64, i);
      DramaShow *show = drama_show_list_find (self->list, id, NULL);

      if (show == NULL || g_hash_table_contains (listed, &id))
        continue;
      g_hash_table_add (listed, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (rows, make_show_row (show, g_ptr_array_index (self->cast_names, i)));
    }
  replace_rows (self, DRAMA_SEARCH_KIND_SHOW, rows);
  update_state (self);
}

static gboolean
filter_show (gpointer item,
             gpointer user_data)
{
  DramaSearchView *self = user_data;

  return self->folded != NULL && drama_show_list_show_matches (item, self->folded);
}

static int
compare_shows (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return gtk_ordering_from_cmpfunc (drama_show_list_compare ((DramaShow *) a, (DramaShow *) b,
                                                             DRAMA_SHOW_SORT_TITLE));
}

/* ---- people and articles: one job on the store's thread ---- */

typedef struct {
  char     *text;
  gboolean  spoiler_guard;
} SearchData;

typedef struct {
  GPtrArray *people;       /* DramaPerson, or NULL when the search failed */
  GPtrArray *show_names;   /* parallel to people */
  GArray    *cast_shows;   /* show ids found by their cast, or NULL */
  GPtrArray *cast_names;   /* parallel to cast_shows */
  GPtrArray *articles;     /* DramaArticle with their links, or NULL */
} SearchResult;

static void
search_data_free (gpointer data)
{
  SearchData *search = data;

  g_free (search->text);
  g_free (search);
}

static void
search_result_free (gpointer data)
{
  SearchResult *result = data;

  g_clear_pointer (&result->people, g_ptr_array_unref);
  g_clear_pointer (&result->show_names, g_ptr_array_unref);
  g_clear_pointer (&result->cast_shows, g_array_unref);
  g_clear_pointer (&result->cast_names, g_ptr_array_unref);
  g_clear_pointer (&result->articles, g_ptr_array_unref);
  g_free (result);
}

/* On the store's thread. A failed part leaves its kind empty, as it always did: a
 * search box has no room for an error. */
static gpointer
search_job (DramaStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  SearchData *search = data;
  SearchResult *result = g_new0 (SearchResult, 1);
  g_autoptr(GError) local_error = NULL;

  result->people = drama_store_search_people (store, search->text, MAX_PEOPLE,
                                              &result->show_names, &local_error);
  if (result->people == NULL)
    {
      g_debug ("People search failed: %s", local_error->message);
      g_clear_error (&local_error);
    }
  result->cast_shows = drama_store_search_cast_shows (store, search->text, MAX_SHOWS * 4,
                                                     &result->cast_names, &local_error);
  if (result->cast_shows == NULL)
    {
      g_debug ("Cast search failed: %s", local_error->message);
      g_clear_error (&local_error);
    }
  /* A newer query is waiting: skip the full-text search. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      search_result_free (result);
      return NULL;
    }

  result->articles = drama_store_search_articles (store, search->text, MAX_ARTICLES, &local_error);
  if (result->articles == NULL)
    {
      g_debug ("Article search failed: %s", local_error->message);
      g_clear_error (&local_error);
    }
  else if (!drama_store_fill_article_links (store, result->articles, search->spoiler_guard,
                                            &local_error))
    {
      g_debug ("Could not read the links of the results: %s", local_error->message);
      g_clear_error (&local_error);
    }
  return result;
}

/* People exist in the library only as the cast of watchlist shows: the show they are in
 * says who they are. */
static void
show_people (DramaSearchView *self,
             SearchResult    *result)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  for (guint i = 0; result->people != NULL && i < result->people->len; i++)
    {
      DramaPerson *person = g_ptr_array_index (result->people, i);
      const char *character = drama_person_get_character (person);
      const char *show_name = g_ptr_array_index (result->show_names, i);
      g_autofree char *subtitle = NULL;

      if (character != NULL && *character != '\0')
        /* TRANSLATORS: "as <character> in <show>" */
        subtitle = g_strdup_printf (_("as %s in %s"), character, show_name);
      else
        subtitle = g_strdup (show_name);
      g_ptr_array_add (rows, make_row (DRAMA_SEARCH_KIND_PERSON, drama_person_get_id (person),
                                       "avatar-default-symbolic", drama_person_get_name (person),
                                       subtitle, FALSE));
    }
  replace_rows (self, DRAMA_SEARCH_KIND_PERSON, rows);
}

static void
show_articles (DramaSearchView *self,
               SearchResult    *result)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_ptr_array_set_size (self->articles, 0);
  for (guint i = 0; result->articles != NULL && i < result->articles->len; i++)
    {
      DramaArticle *article = g_ptr_array_index (result->articles, i);
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
      g_ptr_array_add (rows, make_row (DRAMA_SEARCH_KIND_ARTICLE, drama_article_get_id (article),
                                       "application-rss+xml-symbolic",
                                       drama_article_get_title (article), subtitle,
                                       spoiler != NULL));
    }
  replace_rows (self, DRAMA_SEARCH_KIND_ARTICLE, rows);
}

static void
on_search_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  SearchResult *result = drama_store_call_finish (DRAMA_STORE (source), res, &error);
  DramaSearchView *self;

  /* A newer query replaced this one, or the view is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = DRAMA_SEARCH_VIEW (user_data);
  self->searching = FALSE;
  if (result != NULL)
    {
      g_clear_pointer (&self->cast_show_ids, g_array_unref);
      g_clear_pointer (&self->cast_names, g_ptr_array_unref);
      self->cast_show_ids = g_steal_pointer (&result->cast_shows);
      self->cast_names = g_steal_pointer (&result->cast_names);
      show_shows (self);
      show_people (self, result);
      show_articles (self, result);
      search_result_free (result);
    }
  else
    g_debug ("Search failed: %s", error->message);
  update_state (self);
}

/* People and articles for the entry's text, cancelling the search before it. */
static void
search_store (DramaSearchView *self)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  SearchData *search;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->searching = FALSE;

  if (*text == '\0' || self->store == NULL)
    {
      replace_rows (self, DRAMA_SEARCH_KIND_PERSON, none);
      replace_rows (self, DRAMA_SEARCH_KIND_ARTICLE, none);
      g_ptr_array_set_size (self->articles, 0);
      return;
    }

  search = g_new0 (SearchData, 1);
  search->text = g_steal_pointer (&text);
  search->spoiler_guard = drama_related_get_spoiler_guard (self->settings);
  self->search_cancellable = g_cancellable_new ();
  self->searching = TRUE;
  drama_store_call_async (self->store, G_PRIORITY_HIGH, search_job, search, search_data_free,
                          search_result_free, self->search_cancellable, on_search_done, self);
}

static void
run_search (DramaSearchView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  g_clear_pointer (&self->folded, g_free);
  if (*text != '\0' && self->store != NULL)
    self->folded = drama_show_list_fold_text (text);
  /* The cast matches were the older query's: the new ones come with its answer. */
  g_clear_pointer (&self->cast_show_ids, g_array_unref);
  g_clear_pointer (&self->cast_names, g_ptr_array_unref);

  /* The shows at once from memory; show_shows () runs again whenever they change. */
  gtk_filter_changed (GTK_FILTER (self->show_filter), GTK_FILTER_CHANGE_DIFFERENT);
  show_shows (self);
  search_store (self);
  update_state (self);
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

static gpointer
get_person_job (DramaStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return drama_store_get_person (store, *(gint64 *) data, error);
}

static void
on_person_read (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaPerson) person = drama_store_call_finish (DRAMA_STORE (source), res, &error);
  DramaSearchView *self;
  GtkRoot *root;
  DramaPersonPage *page;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = DRAMA_SEARCH_VIEW (user_data);
  if (person == NULL)
    {
      g_debug ("Could not open the person: %s", error->message);
      return;
    }
  if (self->tvmaze == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  page = drama_person_page_open (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                 self->tvmaze, self->loader, self->settings, person);
  drama_person_page_set_show_list (page, self->list);
}

static void
open_person (DramaSearchView *self,
             gint64           person_id)
{
  drama_store_call_async (self->store, G_PRIORITY_HIGH, get_person_job,
                          g_memdup2 (&person_id, sizeof person_id), g_free, g_object_unref,
                          self->cancellable, on_person_read, self);
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

static gboolean
refresh_idle_cb (gpointer data)
{
  DramaSearchView *self = data;

  self->refresh_idle = 0;
  search_store (self);
  update_state (self);
  return G_SOURCE_REMOVE;
}

/* Results of an open popover stay true to the library (a show removed, a feed gone, an
 * episode seen that was a spoiler). The shows follow the list by themselves; people and
 * articles are searched again once per burst of changes. */
static void
on_store_changed (DramaSearchView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->folded != NULL && self->refresh_idle == 0)
    self->refresh_idle = g_idle_add (refresh_idle_cb, self);
}

static void
drama_search_view_dispose (GObject *object)
{
  DramaSearchView *self = DRAMA_SEARCH_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->show_sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->show_sorted, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_SEARCH_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->tvmaze);
  g_clear_object (&self->loader);
  g_clear_object (&self->settings);
  g_clear_object (&self->list);
  g_clear_object (&self->show_sorted);
  g_clear_object (&self->show_filtered);
  g_clear_object (&self->show_sorter);
  g_clear_object (&self->show_filter);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->folded, g_free);
  g_clear_pointer (&self->cast_show_ids, g_array_unref);
  g_clear_pointer (&self->cast_names, g_ptr_array_unref);
  g_clear_pointer (&self->articles, g_ptr_array_unref);
  for (guint k = 0; k < G_N_ELEMENTS (self->rows); k++)
    g_clear_pointer (&self->rows[k], g_ptr_array_unref);

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
  for (guint k = 0; k < G_N_ELEMENTS (self->rows); k++)
    self->rows[k] = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->show_filter = gtk_custom_filter_new (filter_show, self, NULL);
  self->show_filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->show_filter)));
  self->show_sorter = gtk_custom_sorter_new (compare_shows, NULL, NULL);
  self->show_sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->show_filtered)),
                                               g_object_ref (GTK_SORTER (self->show_sorter)));
  g_signal_connect_swapped (self->show_sorted, "items-changed", G_CALLBACK (show_shows), self);
  gtk_list_box_set_header_func (self->results, update_header, NULL, NULL);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, -1);
}

DramaSearchView *
drama_search_view_new (void)
{
  return g_object_new (DRAMA_TYPE_SEARCH_VIEW, NULL);
}

void
drama_search_view_set_show_list (DramaSearchView *self,
                                 DramaShowList   *list)
{
  DramaStore *store;

  g_return_if_fail (DRAMA_IS_SEARCH_VIEW (self));
  g_return_if_fail (list == NULL || DRAMA_IS_SHOW_LIST (list));

  if (self->list == list)
    return;
  g_set_object (&self->list, list);
  gtk_filter_list_model_set_model (self->show_filtered, G_LIST_MODEL (list));

  store = list != NULL ? drama_show_list_get_store (list) : NULL;
  if (self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_data (self->store, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        {
          g_signal_connect_swapped (store, "changed::show", G_CALLBACK (on_store_changed), self);
          g_signal_connect_swapped (store, "changed::article", G_CALLBACK (on_store_changed), self);
        }
    }
  run_search (self);
}

void
drama_search_view_set_store (DramaSearchView *self,
                             DramaStore      *store)
{
  g_autoptr(DramaShowList) list = NULL;

  g_return_if_fail (DRAMA_IS_SEARCH_VIEW (self));
  g_return_if_fail (store == NULL || DRAMA_IS_STORE (store));

  if (self->store == store)
    return;
  if (store != NULL)
    list = drama_show_list_new (store);
  drama_search_view_set_show_list (self, list);
}

void
drama_search_view_set_tvmaze (DramaSearchView *self,
                              DramaTvmaze     *tvmaze)
{
  g_return_if_fail (DRAMA_IS_SEARCH_VIEW (self));

  g_set_object (&self->tvmaze, tvmaze);
}

void
drama_search_view_set_image_loader (DramaSearchView  *self,
                                    DramaImageLoader *loader)
{
  g_return_if_fail (DRAMA_IS_SEARCH_VIEW (self));

  g_set_object (&self->loader, loader);
}

void
drama_search_view_set_settings (DramaSearchView *self,
                                GSettings       *settings)
{
  g_return_if_fail (DRAMA_IS_SEARCH_VIEW (self));

  g_set_object (&self->settings, settings);
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

  return self->rows[kind]->len;
}

gboolean
drama_search_view_get_searching (DramaSearchView *self)
{
  g_return_val_if_fail (DRAMA_IS_SEARCH_VIEW (self), FALSE);

  return self->searching || self->refresh_idle != 0;
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
