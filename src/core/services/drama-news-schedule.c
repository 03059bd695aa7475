#define G_LOG_DOMAIN "drama-news-schedule"

#include "config.h"

#include "drama-news-schedule.h"

#include "drama-opml.h"

/* How often the schedule checks whether a refresh is due. */
#define CHECK_SECONDS 60
/* In the library's meta table: "given" once the first feeds were. A library without it
 * was either made since (it has "created_at"): not given yet; or made before the mark. */
#define FIRST_FEEDS_KEY "first_feeds"

struct _DramaNewsSchedule
{
  GObject           parent_instance;

  DramaStore       *store;
  DramaFeedUpdater *updater;
  guint             interval_min;
  guint             timer;
  gboolean          checking;     /* the last refresh time is being read */
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (DramaNewsSchedule, drama_news_schedule, G_TYPE_OBJECT)

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Per-feed errors are in the feeds' rows and offline has its banner: nothing to add. */
  if (!drama_feed_updater_refresh_all_finish (DRAMA_FEED_UPDATER (source), result, &error))
    g_debug ("News not refreshed: %s", error->message);
}

void
drama_news_schedule_refresh_now (DramaNewsSchedule *self)
{
  g_return_if_fail (DRAMA_IS_NEWS_SCHEDULE (self));

  drama_feed_updater_refresh_all_async (self->updater, NULL, refreshed_cb, NULL);
}

/* On the store's thread: when the feeds were last refreshed (a string), or NULL. */
static gpointer
get_refreshed_at_job (DramaStore    *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return drama_store_get_meta (store, "feeds_refreshed_at", error);
}

static void
refreshed_at_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DramaNewsSchedule *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  gint64 last = 0, now = g_get_real_time () / G_USEC_PER_SEC;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the schedule is gone */
  self->checking = FALSE;
  if (stamp != NULL)
    last = g_ascii_strtoll (stamp, NULL, 10);
  if ((last <= 0 || now - last >= (gint64) self->interval_min * 60 || last > now) &&
      !drama_feed_updater_get_refreshing (self->updater))
    drama_news_schedule_refresh_now (self);
}

static gboolean
check_due (gpointer user_data)
{
  DramaNewsSchedule *self = user_data;

  /* Whether a refresh is due is read on the store's thread, like every query. */
  if (!self->checking && !drama_feed_updater_get_refreshing (self->updater) &&
      drama_feed_updater_get_network_available (self->updater))
    {
      self->checking = TRUE;
      drama_store_call_async (self->store, G_PRIORITY_LOW, get_refreshed_at_job, NULL, NULL,
                              g_free, self->cancellable, refreshed_at_cb, self);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_network_available_changed (DramaNewsSchedule *self)
{
  /* Back online: catch up at once rather than at the next tick. */
  if (drama_feed_updater_get_network_available (self->updater))
    check_due (self);
}

static void
start_checks (DramaNewsSchedule *self)
{
  if (self->timer != 0)
    return;
  check_due (self);
  self->timer = g_timeout_add_seconds (CHECK_SECONDS, check_due, self);
}

/* ---- the first feeds ---- */

typedef struct {
  GPtrArray *outlines;       /* DramaOpmlOutline */
  gboolean   already_given;
} FirstFeeds;

static void
first_feeds_free (gpointer data)
{
  FirstFeeds *first = data;

  g_ptr_array_unref (first->outlines);
  g_free (first);
}

/* On the store's thread: the feeds subscribed (not fetched: the refresh that follows does
 * that, and one that fails shows its error in its row), unless this library had them. */
static gpointer
first_feeds_job (DramaStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  FirstFeeds *first = data;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mark = drama_store_get_meta (store, FIRST_FEEDS_KEY, &local_error);
  g_autofree char *created = NULL;

  if (local_error == NULL && mark == NULL)
    created = drama_store_get_meta (store, "created_at", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* Given before; or a library from before the mark, which takes the old note's word. */
  if (mark != NULL || (created == NULL && first->already_given))
    return mark != NULL || drama_store_set_meta (store, FIRST_FEEDS_KEY, "given", error) ?
           store : NULL;

  for (guint i = 0; i < first->outlines->len; i++)
    {
      DramaOpmlOutline *outline = g_ptr_array_index (first->outlines, i);
      g_autoptr(DramaFeed) feed = NULL;
      g_autoptr(GError) add_error = NULL;

      feed = drama_store_add_feed (store, outline->xml_url, outline->title, &add_error);
      if (feed == NULL && !g_error_matches (add_error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_EXISTS))
        g_warning ("Could not add the feed %s: %s", outline->xml_url, add_error->message);
    }
  /* Once only: the user may remove them. */
  if (!drama_store_set_meta (store, FIRST_FEEDS_KEY, "given", error))
    return NULL;
  return store;
}

static void
first_feeds_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DramaNewsSchedule *self = user_data;
  g_autoptr(GError) error = NULL;

  if (drama_store_call_finish (DRAMA_STORE (source), result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not subscribe to the first feeds: %s", error->message);
    }
  start_checks (self);
}

void
drama_news_schedule_start (DramaNewsSchedule *self,
                           GBytes            *first_feeds,
                           gboolean           already_given)
{
  g_autoptr(GError) error = NULL;
  FirstFeeds *first;
  GPtrArray *outlines = NULL;

  g_return_if_fail (DRAMA_IS_NEWS_SCHEDULE (self));

  if (first_feeds != NULL)
    {
      outlines = drama_opml_parse (g_bytes_get_data (first_feeds, NULL),
                                   g_bytes_get_size (first_feeds), &error);
      if (outlines == NULL)
        g_warning ("Could not read the first feeds: %s", error->message);
    }
  if (outlines == NULL)
    {
      start_checks (self);
      return;
    }

  first = g_new0 (FirstFeeds, 1);
  first->outlines = outlines;
  first->already_given = already_given;
  drama_store_call_async (self->store, G_PRIORITY_DEFAULT, first_feeds_job, first,
                          first_feeds_free, NULL, self->cancellable, first_feeds_cb, self);
}

void
drama_news_schedule_set_interval (DramaNewsSchedule *self,
                                  int                minutes)
{
  g_return_if_fail (DRAMA_IS_NEWS_SCHEDULE (self));

  self->interval_min = (guint) MAX (minutes, 1);
}

enum {
  PROP_0,
  PROP_INTERVAL,
  N_PROPS
};

static void
drama_news_schedule_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DramaNewsSchedule *self = DRAMA_NEWS_SCHEDULE (object);

  if (prop_id == PROP_INTERVAL)
    g_value_set_int (value, (int) self->interval_min);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
drama_news_schedule_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DramaNewsSchedule *self = DRAMA_NEWS_SCHEDULE (object);

  if (prop_id == PROP_INTERVAL)
    drama_news_schedule_set_interval (self, g_value_get_int (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

DramaNewsSchedule *
drama_news_schedule_new (DramaStore       *store,
                         DramaFeedUpdater *updater)
{
  DramaNewsSchedule *self;

  g_return_val_if_fail (DRAMA_IS_STORE (store), NULL);
  g_return_val_if_fail (DRAMA_IS_FEED_UPDATER (updater), NULL);

  self = g_object_new (DRAMA_TYPE_NEWS_SCHEDULE, NULL);
  self->store = g_object_ref (store);
  self->updater = g_object_ref (updater);
  g_signal_connect_object (updater, "notify::network-available",
                           G_CALLBACK (on_network_available_changed), self, G_CONNECT_SWAPPED);
  return self;
}

static void
drama_news_schedule_dispose (GObject *object)
{
  DramaNewsSchedule *self = DRAMA_NEWS_SCHEDULE (object);

  /* The jobs' callbacks hold no reference: cancelled, they touch nothing. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_object (&self->updater);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drama_news_schedule_parent_class)->dispose (object);
}

static void
drama_news_schedule_finalize (GObject *object)
{
  DramaNewsSchedule *self = DRAMA_NEWS_SCHEDULE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (drama_news_schedule_parent_class)->finalize (object);
}

static void
drama_news_schedule_class_init (DramaNewsScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drama_news_schedule_dispose;
  object_class->finalize = drama_news_schedule_finalize;
  object_class->get_property = drama_news_schedule_get_property;
  object_class->set_property = drama_news_schedule_set_property;

  g_object_class_install_property (object_class, PROP_INTERVAL,
    g_param_spec_int ("interval", NULL, NULL, 1, G_MAXINT, 60,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static void
drama_news_schedule_init (DramaNewsSchedule *self)
{
  self->interval_min = 60;
  self->cancellable = g_cancellable_new ();
}
