#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane-private.h"
#include "drama-ui-text.h"

#include <glib/gi18n-lib.h>

/* The feeds as the pane shows them: the filter drop-down, the banner of a failing feed
 * and, after a refresh, a toast for feeds that started failing. The feed list is read on
 * the store's thread, at most once a second (a refresh updates every feed in turn). */

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
}

static guint
count_failing_feeds (DramaNewsPane *self)
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
  guint failing = count_failing_feeds (self);
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
      g_warning ("Could not list the feeds: %s", error->message);
      if (self->feeds == NULL)
        self->feeds = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    {
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

/* The banner above the list when the feed filtered on failed its last update (from the
 * feeds last read). */
void
_drama_news_pane_update_feed_error (DramaNewsPane *self)
{
  DramaFeed *feed = NULL;
  const char *error = NULL;

  if (self->list != NULL && self->feeds != NULL &&
      drama_article_list_get_filter (self->list) == DRAMA_ARTICLE_FILTER_FEED)
    {
      gint64 id = drama_article_list_get_filter_id (self->list);

      for (guint i = 0; i < self->feeds->len && feed == NULL; i++)
        if (drama_feed_get_id (g_ptr_array_index (self->feeds, i)) == id)
          feed = g_ptr_array_index (self->feeds, i);
    }
  if (feed != NULL)
    error = drama_feed_get_last_error (feed);

  if (error != NULL && *error != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("This feed could not be updated: %s"), error);
      gtk_label_set_text (self->feed_error_label, text);
    }
  gtk_revealer_set_reveal_child (self->feed_error_revealer, error != NULL && *error != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.retry-feed",
                                 feed != NULL && !drama_feed_get_gone (feed));
}

/* ---- refresh progress, offline ---- */

void
_drama_news_pane_on_progress (DramaFeedUpdater *updater,
                              guint             done,
                              guint             total,
                              DramaNewsPane    *self)
{
  g_autofree char *text = NULL;

  if (total == 0)
    return;

  /* TRANSLATORS: shown while feeds are fetched, e.g. "Updating 3 of 12 feeds" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Updating %u of %u feed",
                                       "Updating %u of %u feeds", total),
                          MIN (done + 1, total), total);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
}

void
_drama_news_pane_on_refreshing_changed (DramaNewsPane *self)
{
  gboolean refreshing = drama_feed_updater_get_refreshing (self->updater);

  if (refreshing)
    {
      /* The feeds last read are at most a second old: good enough for "before". */
      self->failing_before = count_failing_feeds (self);
      self->refresh_ended = FALSE;
      gtk_label_set_text (self->progress_label, _("Updating feeds…"));
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
    }
  else if (self->store != NULL)
    {
      /* Counted on a list read after the last feed was stored. */
      self->refresh_ended = TRUE;
      if (self->feeds_running)
        self->feeds_dirty = TRUE;
      else
        _drama_news_pane_queue_feeds (self, TRUE);
    }

  gtk_revealer_set_reveal_child (self->progress_revealer,
                                 refreshing || self->library_fraction >= 0);
  if (!refreshing && self->library_fraction >= 0)
    drama_news_pane_set_library_progress (self, self->library_fraction);
}

void
drama_news_pane_set_library_progress (DramaNewsPane *self,
                                      double         fraction)
{
  g_return_if_fail (DRAMA_IS_NEWS_PANE (self));

  self->library_fraction = fraction;
  /* A feed refresh has the bar while it runs; the library's turn comes after. */
  if (self->updater != NULL && drama_feed_updater_get_refreshing (self->updater))
    return;
  if (fraction >= 0)
    {
      gtk_label_set_text (self->progress_label, _("Updating the search index…"));
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
    }
  gtk_revealer_set_reveal_child (self->progress_revealer, fraction >= 0);
}
