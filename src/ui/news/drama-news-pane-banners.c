#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane-private.h"
#include "drama-ui-text.h"

#include <glib/gi18n-lib.h>

#include "drama-feed-parser.h"

/* The banners above the list: the error of the feed filtered on, the summary of the feeds
 * that failed (whatever the filter), "You are offline", and the progress of a refresh or
 * of the library's own upgrade. They follow the feeds last read (drama-news-pane-feeds.c)
 * and the feed updater's state. */

static void update_failures (DramaNewsPane *self,
                             gboolean       feed_banner_shown);

/* ---- the feed filtered on ---- */

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
  update_failures (self, feed != NULL && error != NULL && *error != '\0');
}

/* ---- the feeds that failed, whatever the filter ---- */

/* Every fetch failed with no server answering: offline, whatever GNetworkMonitor says. */
static gboolean
seems_offline (DramaNewsPane *self)
{
  return self->updater != NULL && (!drama_feed_updater_get_network_available (self->updater) ||
                                   drama_feed_updater_get_unreachable (self->updater));
}

/* "3 feeds could not be updated" above the list, with Details (the Feeds window) and Try
 * Again, from the feeds last read: the filter need not be on a failing feed to see it.
 * Not while the offline banner says it all, nor when the feed's own banner below tells
 * of the only one. */
static void
update_failures (DramaNewsPane *self,
                 gboolean       feed_banner_shown)
{
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *text = NULL;
  const char *first = NULL;
  guint failing = 0;

  for (guint i = 0; self->feeds != NULL && i < self->feeds->len; i++)
    {
      DramaFeed *feed = g_ptr_array_index (self->feeds, i);
      const char *error = drama_feed_get_last_error (feed);

      if (error == NULL || *error == '\0')
        continue;
      failing++;
      if (first == NULL)
        first = drama_feed_get_display_title (feed);
      if (failing <= 10)
        g_string_append_printf (details, "%s%s: %s", details->len > 0 ? "\n" : "",
                                drama_feed_get_display_title (feed), error);
    }
  if (failing > 10)
    {
      g_string_append_c (details, '\n');
      /* TRANSLATORS: after the first ten failing feeds in a tooltip */
      g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                    "and %u more", failing - 10),
                              failing - 10);
    }

  if (failing == 1)
    /* TRANSLATORS: %s is a feed's name */
    text = g_strdup_printf (_("“%s” could not be updated"), first);
  else if (failing > 1)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feed could not be updated",
                                         "%u feeds could not be updated", failing),
                            failing);
  if (text != NULL)
    {
      /* Plain text: feed names and errors come from the web. */
      gtk_label_set_text (self->failures_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->failures_label), details->str);
    }
  gtk_revealer_set_reveal_child (self->failures_revealer,
                                 failing > 0 && !seems_offline (self) &&
                                 !(failing == 1 && feed_banner_shown));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.retry-failed",
                                 self->updater != NULL &&
                                 (failing > 0 || drama_feed_updater_get_unreachable (self->updater)));
}

/* The offline banner: the system is offline, or no server answered in the last refresh. */
void
_drama_news_pane_update_offline (DramaNewsPane *self)
{
  gboolean offline = seems_offline (self);
  gboolean unreachable = offline && drama_feed_updater_get_network_available (self->updater);

  gtk_label_set_text (self->offline_label,
                      unreachable
                        ? _("You are offline: none of your news sites could be reached.")
                        : _("You are offline. The news will update when you are back online."));
  gtk_widget_set_visible (self->offline_retry_button, unreachable);
  gtk_revealer_set_reveal_child (self->offline_revealer, offline);
  _drama_news_pane_update_feed_error (self);
  _drama_news_pane_update_pages (self);
}

static void
retried_failed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DramaNewsPane) self = user_data;
  g_autoptr(GError) error = NULL;

  if (drama_feed_updater_refresh_all_finish (DRAMA_FEED_UPDATER (source), result, &error) ||
      self->store == NULL ||   /* disposed meanwhile */
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Offline says so in its banner; anything else (the library) in words here. */
  if (!g_error_matches (error, DRAMA_FEED_ERROR, DRAMA_FEED_ERROR_NETWORK))
    _drama_news_pane_toast_error (self, _("The feeds could not be updated"), error);
}

/* Try Again on the summary or the offline banner: every feed, as a refresh does (the
 * progress bar shows it; the summary follows what comes back). */
void
_drama_news_pane_retry_failed_activated (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  if (self->updater == NULL)
    return;
  drama_feed_updater_refresh_all_async (self->updater, NULL, retried_failed_cb,
                                        g_object_ref (self));
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
      self->failing_before = _drama_news_pane_count_failing_feeds (self);
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
