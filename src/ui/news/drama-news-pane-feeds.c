#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane-private.h"
#include "drama-ui-text.h"

#include <glib/gi18n-lib.h>

#include "drama-settings.h"

/* The feeds as the pane shows them: the filter drop-down (the filter the user chose, kept
 * in the settings) and, after a refresh, a toast for feeds that started failing. The feed
 * list is read on the store's thread, at most once a second (a refresh updates every feed
 * in turn); the banners that tell of failing feeds (drama-news-pane-banners.c) follow it. */

/* ---- the filter the user chose, kept across starts ---- */

void
_drama_news_pane_saved_filter (DramaNewsPane      *self,
                               DramaArticleFilter *filter,
                               gint64             *filter_id)
{
  g_autofree char *saved = NULL;

  *filter = DRAMA_ARTICLE_FILTER_ALL;
  *filter_id = 0;
  if (self->settings == NULL)
    return;

  saved = g_settings_get_string (self->settings, DRAMA_SETTINGS_NEWS_FILTER);
  if (g_str_equal (saved, "unread"))
    *filter = DRAMA_ARTICLE_FILTER_UNREAD;
  else if (g_str_equal (saved, "starred"))
    *filter = DRAMA_ARTICLE_FILTER_STARRED;
  else if (g_str_equal (saved, "my-shows"))
    *filter = DRAMA_ARTICLE_FILTER_MY_SHOWS;
  else if (g_str_has_prefix (saved, "feed:"))
    {
      gint64 id = g_ascii_strtoll (saved + 5, NULL, 10);

      /* A feed removed since is noticed once the feeds are read (rebuild_filters). */
      if (id > 0)
        {
          *filter = DRAMA_ARTICLE_FILTER_FEED;
          *filter_id = id;
        }
    }
}

void
_drama_news_pane_save_filter (DramaNewsPane      *self,
                              DramaArticleFilter  filter,
                              gint64              filter_id)
{
  g_autofree char *value = NULL;

  if (self->settings == NULL)
    return;
  switch (filter)
    {
    case DRAMA_ARTICLE_FILTER_UNREAD:
      value = g_strdup ("unread");
      break;
    case DRAMA_ARTICLE_FILTER_STARRED:
      value = g_strdup ("starred");
      break;
    case DRAMA_ARTICLE_FILTER_MY_SHOWS:
      value = g_strdup ("my-shows");
      break;
    case DRAMA_ARTICLE_FILTER_FEED:
      value = g_strdup_printf ("feed:%" G_GINT64_FORMAT, filter_id);
      break;
    case DRAMA_ARTICLE_FILTER_ALL:
    case DRAMA_ARTICLE_FILTER_SHOW:
    case DRAMA_ARTICLE_FILTER_PERSON:
    default:
      /* The pane offers no show or person filter: those are the show page's. */
      value = g_strdup ("all");
      break;
    }
  g_settings_set_string (self->settings, DRAMA_SETTINGS_NEWS_FILTER, value);
}

void
_drama_news_pane_scroll_to_top (DramaNewsPane *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  /* Again once the new filter's rows are there (on_loading_changed), when they are on
   * their way: the list view keeps its place as items change. */
  self->scroll_pending = self->list != NULL && drama_article_list_get_loading (self->list);
}

/* The label of the filter shown, or NULL. */
static const char *
current_filter_label (DramaNewsPane *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION ||
      selected >= g_list_model_get_n_items (G_LIST_MODEL (self->filter_labels)))
    return NULL;
  return gtk_string_list_get_string (self->filter_labels, selected);
}

/* What the window's title says while the pane shows: the article read, else the filter. */
void
_drama_news_pane_update_title (DramaNewsPane *self)
{
  const char *title = NULL;
  const char *label = current_filter_label (self);

  if (self->article != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->reader_stack),
                                          "reader") == 0)
    title = drama_article_get_title (self->article);
  if ((title == NULL || *title == '\0') && self->has_feeds)
    title = label;
  if (title == NULL || *title == '\0')
    title = _("News");

  /* The button shows the start of a long feed name; its tooltip, all of it. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_dropdown), label ? label : _("Show"));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify (G_OBJECT (self), "title");
}

/* The drop-down from the fixed filters and the feeds last read (no store call). */
void
_drama_news_pane_rebuild_filters (DramaNewsPane *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  FilterChoice fixed[] = {
    { DRAMA_ARTICLE_FILTER_ALL, 0 },
    { DRAMA_ARTICLE_FILTER_UNREAD, 0 },
    { DRAMA_ARTICLE_FILTER_STARRED, 0 },
    { DRAMA_ARTICLE_FILTER_MY_SHOWS, 0 },
  };
  DramaArticleFilter filter = self->list ? drama_article_list_get_filter (self->list)
                                         : DRAMA_ARTICLE_FILTER_ALL;
  gint64 filter_id = self->list ? drama_article_list_get_filter_id (self->list) : 0;
  gboolean found = FALSE;
  guint selected = 0;

  g_ptr_array_add (labels, g_strdup (_("All Articles")));
  g_ptr_array_add (labels, g_strdup (_("Unread")));
  g_ptr_array_add (labels, g_strdup (_("Starred")));
  g_ptr_array_add (labels, g_strdup (_("My Shows")));

  g_array_set_size (self->filter_choices, 0);
  g_array_append_vals (self->filter_choices, fixed, G_N_ELEMENTS (fixed));

  self->has_feeds = self->feeds != NULL && self->feeds->len > 0;
  for (guint i = 0; self->feeds != NULL && i < self->feeds->len; i++)
    {
      DramaFeed *feed = g_ptr_array_index (self->feeds, i);
      FilterChoice choice = { DRAMA_ARTICLE_FILTER_FEED, drama_feed_get_id (feed) };

      g_array_append_val (self->filter_choices, choice);
      g_ptr_array_add (labels, g_strdup (drama_feed_get_display_title (feed)));
    }

  for (guint i = 0; i < self->filter_choices->len; i++)
    {
      FilterChoice *choice = &g_array_index (self->filter_choices, FilterChoice, i);

      if (choice->filter == filter && choice->id == filter_id)
        {
          selected = i;
          found = TRUE;
        }
    }

  g_ptr_array_add (labels, NULL);
  self->updating_filters = TRUE;
  gtk_string_list_splice (self->filter_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->filter_labels)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->filter_dropdown, selected);
  self->updating_filters = FALSE;

  /* The feed filtered on was removed: back to everything (once the feeds are known: a
   * feed just chosen is not "removed" because the list is still on its way). */
  if (filter == DRAMA_ARTICLE_FILTER_FEED && !found && self->list != NULL && self->feeds != NULL)
    drama_article_list_set_filter (self->list, DRAMA_ARTICLE_FILTER_ALL, 0);

  _drama_news_pane_update_feed_error (self);
  _drama_news_pane_update_pages (self);
  _drama_news_pane_update_title (self);
}

guint
_drama_news_pane_count_failing_feeds (DramaNewsPane *self)
{
  guint n = 0;

  for (guint i = 0; self->feeds != NULL && i < self->feeds->len; i++)
    {
      const char *error = drama_feed_get_last_error (g_ptr_array_index (self->feeds, i));
      if (error != NULL && *error != '\0')
        n++;
    }
  return n;
}

static void
on_feeds_details (DramaNewsPane *self)
{
  drama_news_pane_show_feeds (self);
}

/* After a refresh: a feed that keeps failing says so once, in its row, not in a toast
 * every hour. */
static void
toast_new_failures (DramaNewsPane *self)
{
  guint failing = _drama_news_pane_count_failing_feeds (self);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (failing <= self->failing_before)
    return;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feed could not be updated",
                                       "%u feeds could not be updated", failing),
                          failing);
  toast = drama_toast_new (text);
  adw_toast_set_button_label (toast, _("_Details"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_feeds_details),
                           self, G_CONNECT_SWAPPED);
  _drama_news_pane_add_toast (self, toast);
}

static void
feeds_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DramaNewsPane *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = drama_store_list_finish (DRAMA_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->feeds_running = FALSE;
  if (feeds == NULL)
    {
      /* The filters keep the feeds last read; the user learns why no new ones came. */
      _drama_news_pane_toast_error (self, _("Your feeds could not be read"), error);
      if (self->feeds == NULL)
        self->feeds = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    {
      drama_feed_sort_by_title (feeds);
      g_clear_pointer (&self->feeds, g_ptr_array_unref);
      self->feeds = g_steal_pointer (&feeds);
    }
  _drama_news_pane_rebuild_filters (self);

  /* Changed again while this query ran: its answer may be older than the change. */
  if (self->feeds_dirty)
    {
      self->feeds_dirty = FALSE;
      _drama_news_pane_queue_feeds (self, self->refresh_ended);
    }
  else if (self->refresh_ended)
    {
      self->refresh_ended = FALSE;
      toast_new_failures (self);
    }
}

static void
start_feeds_query (DramaNewsPane *self)
{
  g_clear_handle_id (&self->feeds_timeout, g_source_remove);
  self->feeds_running = TRUE;
  self->feeds_asked_at = g_get_monotonic_time ();
  drama_store_list_feeds_async (self->store, self->cancellable, feeds_listed_cb, self);
}

static gboolean
feeds_timeout_cb (gpointer user_data)
{
  DramaNewsPane *self = user_data;

  self->feeds_timeout = 0;
  start_feeds_query (self);
  return G_SOURCE_REMOVE;
}

/* Reads the feeds again: at once (now, or when the last read is a second old), else a
 * second after the last read; one query at a time. */
void
_drama_news_pane_queue_feeds (DramaNewsPane *self,
                              gboolean       now)
{
  gint64 since = g_get_monotonic_time () - self->feeds_asked_at;

  if (self->store == NULL)
    return;
  if (self->feeds_running)
    {
      self->feeds_dirty = TRUE;
      return;
    }
  if (now || since >= G_USEC_PER_SEC)
    start_feeds_query (self);
  else if (self->feeds_timeout == 0)
    self->feeds_timeout = g_timeout_add ((guint) ((G_USEC_PER_SEC - since) / 1000) + 1,
                                         feeds_timeout_cb, self);
}

void
_drama_news_pane_on_feeds_changed (DramaNewsPane *self)
{
  _drama_news_pane_queue_feeds (self, FALSE);
}

/* ---- the filter drop-down ---- */

/* Wide enough in the pop-over for the feed names people give (it grows to fit); longer
 * ones end in "…" and carry the whole name as their tooltip. */
#define DROPDOWN_LIST_CHARS 44

static void
setup_dropdown_label (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  max_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (max_chars));
  gtk_list_item_set_child (item, label);
}

static void
bind_dropdown_label (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  max_chars)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  const char *text = gtk_string_object_get_string (string);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* The whole name when the row may cut it short. */
  drama_ui_set_tooltip (label, g_utf8_strlen (text, -1) > GPOINTER_TO_INT (max_chars)
                                 ? text : NULL);
}

static GtkListItemFactory *
dropdown_factory (int max_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_dropdown_label),
                    GINT_TO_POINTER (max_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_dropdown_label),
                    GINT_TO_POINTER (max_chars));
  return factory;
}

/* GtkDropDown (4.8) sizes its pop-over to the narrowest its rows can be, so every name
 * ends in "…" at once: let its list ask for the width its names need (up to
 * DROPDOWN_LIST_CHARS each). The pop-over and its scrolled list are the drop-down's own
 * children. */
static void
widen_dropdown_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SCROLLED_WINDOW (child))
        gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (child), TRUE);
      widen_dropdown_popover (child);
    }
}

void
_drama_news_pane_filters_init (DramaNewsPane *self)
{
  g_autoptr(GtkListItemFactory) button_factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;

  self->filter_choices = g_array_new (FALSE, FALSE, sizeof (FilterChoice));
  self->filter_labels = gtk_string_list_new (NULL);

  button_factory = dropdown_factory (14);
  list_factory = dropdown_factory (DROPDOWN_LIST_CHARS);
  gtk_drop_down_set_factory (self->filter_dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->filter_dropdown, list_factory);
  widen_dropdown_popover (GTK_WIDGET (self->filter_dropdown));
  /* The drop-down takes its own reference. */
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (self->filter_labels));
  g_object_unref (self->filter_labels);
  _drama_news_pane_rebuild_filters (self);
}
