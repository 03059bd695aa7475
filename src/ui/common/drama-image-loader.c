#define G_LOG_DOMAIN "drama-image-loader"

#include "config.h"

#include "drama-image-loader.h"

#include <adwaita.h>

/* Enough for a long watchlist and a cast or two; textures of posters are small. */
#define CACHE_LIMIT 256

/* Requests sent at once. Whatever is sent has to be answered before anything asked later
 * can be: a few is enough to fill a screen of thumbnails quickly and keeps a fast scroll
 * from queueing hundreds of downloads on the wire. */
#define MAX_IN_FLIGHT DRAMA_IMAGE_LOADER_MAX_IN_FLIGHT
/* List rows' requests that may wait for their turn; past this, the oldest one waiting is
 * dropped, as the newest are for what the user looks at now. More than a tall window
 * shows: a row leaving the view takes its request back, so this is the backstop. */
#define MAX_WAITING_ROWS DRAMA_IMAGE_LOADER_MAX_WAITING_ROWS
/* Requests to one host on the wire at once: a host that trickles its pictures in (or never
 * finishes them) holds at most this many slots, and the others go to other hosts. */
#define MAX_PER_HOST DRAMA_IMAGE_LOADER_MAX_PER_HOST

typedef struct {
  char     *url;
  char     *host;      /* "host:port", for the per-host limit */
  char     *origin;    /* the feed's URL for a feed's picture (guarded), else NULL */
  gboolean  from_feed;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_free (load->url);
  g_free (load->host);
  g_free (load->origin);
  g_free (load);
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
}

typedef struct {
  GTask    *task;          /* owned */
  gboolean  droppable;
  GSource  *cancel_source; /* the caller's cancellable, in the task's context */
} Waiting;

struct _DramaImageLoader
{
  GObject      parent_instance;

  DramaTvmaze *tvmaze;
  GHashTable  *cache;   /* url → GdkTexture */
  GQueue      *order;   /* urls, oldest first (owned by cache's keys) */

  GQueue       waiting;        /* Waiting, oldest first */
  guint        n_waiting_rows; /* the droppable ones among them */
  guint        n_in_flight;
  guint        peak_in_flight;
  GHashTable  *host_in_flight; /* "host:port" → requests on the wire (GUINT_TO_POINTER) */

  gboolean     load_images;
  GPtrArray   *deferred;       /* GWeakRef* to widgets given a url while images were off */
};

enum {
  PROP_0,
  PROP_LOAD_IMAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DramaImageLoader, drama_image_loader, G_TYPE_OBJECT)

static void
waiting_free (Waiting *waiting)
{
  if (waiting->cancel_source != NULL)
    {
      g_source_destroy (waiting->cancel_source);
      g_source_unref (waiting->cancel_source);
    }
  g_clear_object (&waiting->task);
  g_free (waiting);
}

static void
drama_image_loader_dispose (GObject *object)
{
  DramaImageLoader *self = DRAMA_IMAGE_LOADER (object);

  /* Each waiting task holds a reference on self: the queue is empty unless dispose was
   * forced, and then the fetches it still starts end with "No image source". */
  g_clear_object (&self->tvmaze);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->order, g_queue_free);
  g_clear_pointer (&self->deferred, g_ptr_array_unref);

  G_OBJECT_CLASS (drama_image_loader_parent_class)->dispose (object);
}

static void
drama_image_loader_finalize (GObject *object)
{
  DramaImageLoader *self = DRAMA_IMAGE_LOADER (object);

  g_clear_pointer (&self->host_in_flight, g_hash_table_unref);

  G_OBJECT_CLASS (drama_image_loader_parent_class)->finalize (object);
}

static void
drama_image_loader_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DramaImageLoader *self = DRAMA_IMAGE_LOADER (object);

  switch (prop_id)
    {
    case PROP_LOAD_IMAGES:
      g_value_set_boolean (value, self->load_images);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_image_loader_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DramaImageLoader *self = DRAMA_IMAGE_LOADER (object);

  switch (prop_id)
    {
    case PROP_LOAD_IMAGES:
      drama_image_loader_set_load_images (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_image_loader_class_init (DramaImageLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drama_image_loader_dispose;
  object_class->finalize = drama_image_loader_finalize;
  object_class->get_property = drama_image_loader_get_property;
  object_class->set_property = drama_image_loader_set_property;

  /* The "load-remote-images" setting: off, nothing is fetched and widgets keep their
   * placeholder; on again, the widgets still waiting for a picture get it. */
  properties[PROP_LOAD_IMAGES] =
    g_param_spec_boolean ("load-images", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
weak_ref_free_func (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
drama_image_loader_init (DramaImageLoader *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->order = g_queue_new ();
  g_queue_init (&self->waiting);
  self->host_in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->load_images = TRUE;
  self->deferred = g_ptr_array_new_with_free_func (weak_ref_free_func);
}

DramaImageLoader *
drama_image_loader_new (DramaTvmaze *tvmaze)
{
  DramaImageLoader *self = g_object_new (DRAMA_TYPE_IMAGE_LOADER, NULL);

  drama_image_loader_set_tvmaze (self, tvmaze);
  return self;
}

void
drama_image_loader_set_tvmaze (DramaImageLoader *self,
                               DramaTvmaze      *tvmaze)
{
  g_return_if_fail (DRAMA_IS_IMAGE_LOADER (self));
  g_return_if_fail (tvmaze == NULL || DRAMA_IS_TVMAZE (tvmaze));

  g_set_object (&self->tvmaze, tvmaze);
}

GdkTexture *
drama_image_loader_lookup (DramaImageLoader *self,
                           const char       *url)
{
  g_return_val_if_fail (DRAMA_IS_IMAGE_LOADER (self), NULL);

  /* Off means the placeholder everywhere, not only for what is not in memory. */
  if (url == NULL || self->cache == NULL || !self->load_images)
    return NULL;
  return g_hash_table_lookup (self->cache, url);
}

static void
remember (DramaImageLoader *self,
          const char       *url,
          GdkTexture       *texture)
{
  char *key;

  if (self->cache == NULL || g_hash_table_contains (self->cache, url))
    return;

  while (g_queue_get_length (self->order) >= CACHE_LIMIT)
    g_hash_table_remove (self->cache, g_queue_pop_head (self->order));

  key = g_strdup (url);
  g_hash_table_insert (self->cache, key, g_object_ref (texture));
  g_queue_push_tail (self->order, key);
}

static void start (DramaImageLoader *self,
                   GTask            *task);

static guint
host_count (DramaImageLoader *self,
            const char       *host)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->host_in_flight, host));
}

static void
host_add (DramaImageLoader *self,
          const char       *host,
          int               delta)
{
  guint n = host_count (self, host) + delta;

  if (n == 0)
    g_hash_table_remove (self->host_in_flight, host);
  else
    g_hash_table_replace (self->host_in_flight, g_strdup (host), GUINT_TO_POINTER (n));
}

/* Sends what waits while there is room on the wire, oldest first, skipping requests to a
 * host that has its share on the wire already. The scan starts over after each start: a
 * request answered at once (from memory) may have its caller ask for more meanwhile. */
static void
pump (DramaImageLoader *self)
{
  while (self->n_in_flight < MAX_IN_FLIGHT)
    {
      Waiting *waiting = NULL;
      GList *l;

      for (l = self->waiting.head; l != NULL; l = l->next)
        {
          Load *load = g_task_get_task_data (((Waiting *) l->data)->task);

          if (host_count (self, load->host) < MAX_PER_HOST ||
              drama_image_loader_lookup (self, load->url) != NULL)
            break;
        }
      if (l == NULL)
        return;

      waiting = l->data;
      g_queue_delete_link (&self->waiting, l);
      if (waiting->droppable)
        self->n_waiting_rows--;
      start (self, g_steal_pointer (&waiting->task));
      waiting_free (waiting);
    }
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DramaImageLoader *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  self->n_in_flight--;
  host_add (self, ((Load *) g_task_get_task_data (task))->host, -1);
  /* Before the caller hears back: what it asks next queues behind what waited already. */
  pump (self);

  bytes = drama_tvmaze_fetch_image_finish (DRAMA_TVMAZE (source), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Posters are a few tens of kilobytes: decoding them here is quicker than a thread hop. */
  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  remember (self, ((Load *) g_task_get_task_data (task))->url, texture);
  g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
}

/* Takes task. */
static void
start (DramaImageLoader *self,
       GTask            *task)
{
  Load *load = g_task_get_task_data (task);
  const char *url = load->url;
  GdkTexture *cached = drama_image_loader_lookup (self, url);

  /* It may have arrived for another row while this one waited. */
  if (cached != NULL)
    {
      g_task_return_pointer (task, g_object_ref (cached), g_object_unref);
      g_object_unref (task);
      return;
    }
  if (self->tvmaze == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "No image source");
      g_object_unref (task);
      return;
    }

  if (!self->load_images)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                               "Remote images are off");
      g_object_unref (task);
      return;
    }

  self->n_in_flight++;
  self->peak_in_flight = MAX (self->peak_in_flight, self->n_in_flight);
  host_add (self, load->host, 1);
  /* The caller's cancellable cancels the request on the wire too. */
  if (load->from_feed)
    drama_tvmaze_fetch_feed_image_async (self->tvmaze, url, load->origin,
                                         g_task_get_cancellable (task), fetch_cb, task);
  else
    drama_tvmaze_fetch_image_async (self->tvmaze, url, g_task_get_cancellable (task),
                                    fetch_cb, task);
}

/* Runs in the task's context when the caller cancels a request still waiting. */
static gboolean
waiting_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  Waiting *waiting = user_data;
  DramaImageLoader *self = g_task_get_source_object (waiting->task);
  g_autoptr(GTask) task = g_steal_pointer (&waiting->task);

  g_queue_remove (&self->waiting, waiting);
  if (waiting->droppable)
    self->n_waiting_rows--;
  /* Returning from inside the source's dispatch: the source must not be destroyed here. */
  g_clear_pointer (&waiting->cancel_source, g_source_unref);
  waiting_free (waiting);

  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static void
drop_oldest_row (DramaImageLoader *self)
{
  for (GList *l = self->waiting.head; l != NULL; l = l->next)
    {
      Waiting *waiting = l->data;
      g_autoptr(GTask) task = NULL;

      if (!waiting->droppable)
        continue;

      g_queue_delete_link (&self->waiting, l);
      self->n_waiting_rows--;
      task = g_steal_pointer (&waiting->task);
      waiting_free (waiting);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Dropped for newer pictures");
      return;
    }
}

static void
load (DramaImageLoader    *self,
      const char          *url,
      gboolean             from_feed,
      const char          *origin,
      gboolean             droppable,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data,
      gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  GdkTexture *cached;
  Waiting *waiting;
  Load *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  data = g_new0 (Load, 1);
  data->url = g_strdup (url);
  data->host = host_of (url);
  data->origin = g_strdup (origin);
  data->from_feed = from_feed;
  g_task_set_task_data (task, data, load_free);

  cached = drama_image_loader_lookup (self, url);
  if (cached != NULL)
    {
      g_task_return_pointer (task, g_object_ref (cached), g_object_unref);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!self->load_images)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                               "Remote images are off");
      return;
    }

  if (self->n_in_flight < MAX_IN_FLIGHT && g_queue_is_empty (&self->waiting) &&
      host_count (self, data->host) < MAX_PER_HOST)
    {
      start (self, g_steal_pointer (&task));
      return;
    }

  if (droppable && self->n_waiting_rows >= MAX_WAITING_ROWS)
    drop_oldest_row (self);

  waiting = g_new0 (Waiting, 1);
  waiting->droppable = droppable;
  if (cancellable != NULL)
    {
      waiting->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiting->cancel_source, G_SOURCE_FUNC (waiting_cancelled_cb),
                             waiting, NULL);
      g_source_attach (waiting->cancel_source, g_task_get_context (task));
    }
  waiting->task = g_steal_pointer (&task);
  g_queue_push_tail (&self->waiting, waiting);
  if (droppable)
    self->n_waiting_rows++;
  /* The ones ahead may all be for a host that has its share: this one may go first. */
  pump (self);
}

void
drama_image_loader_load_async (DramaImageLoader    *self,
                               const char          *url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (DRAMA_IS_IMAGE_LOADER (self));
  g_return_if_fail (url != NULL);

  load (self, url, FALSE, NULL, FALSE, cancellable, callback, user_data,
        drama_image_loader_load_async);
}

void
drama_image_loader_load_for_row_async (DramaImageLoader    *self,
                                       const char          *url,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (DRAMA_IS_IMAGE_LOADER (self));
  g_return_if_fail (url != NULL);

  load (self, url, FALSE, NULL, TRUE, cancellable, callback, user_data,
        drama_image_loader_load_for_row_async);
}

void
drama_image_loader_load_feed_thumbnail_async (DramaImageLoader    *self,
                                              const char          *url,
                                              const char          *feed_url,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_return_if_fail (DRAMA_IS_IMAGE_LOADER (self));
  g_return_if_fail (url != NULL);

  load (self, url, TRUE, feed_url, TRUE, cancellable, callback, user_data,
        drama_image_loader_load_feed_thumbnail_async);
}

GdkTexture *
drama_image_loader_load_finish (DramaImageLoader  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
drama_image_loader_get_n_in_flight (DramaImageLoader *self)
{
  g_return_val_if_fail (DRAMA_IS_IMAGE_LOADER (self), 0);

  return self->n_in_flight;
}

guint
drama_image_loader_get_peak_in_flight (DramaImageLoader *self)
{
  g_return_val_if_fail (DRAMA_IS_IMAGE_LOADER (self), 0);

  return self->peak_in_flight;
}

guint
drama_image_loader_get_n_waiting (DramaImageLoader *self)
{
  g_return_val_if_fail (DRAMA_IS_IMAGE_LOADER (self), 0);

  return g_queue_get_length (&self->waiting);
}

/* ---- setting images on widgets ---- */

#define TARGET_URL_KEY "drama-image-url"
#define TARGET_CANCEL_KEY "drama-image-cancellable"
#define TARGET_DEFERRED_KEY "drama-image-deferred"
#define TARGET_FEED_KEY "drama-image-feed"

static void
apply (GtkWidget    *target,
       GdkPaintable *paintable)
{
  if (GTK_IS_PICTURE (target))
    gtk_picture_set_paintable (GTK_PICTURE (target), paintable);
  else if (ADW_IS_AVATAR (target))
    adw_avatar_set_custom_image (ADW_AVATAR (target), paintable);
  else if (GTK_IS_IMAGE (target))
    gtk_image_set_from_paintable (GTK_IMAGE (target), paintable);
}

typedef GWeakRef DramaWeakRef;

static void
weak_ref_free (DramaWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DramaWeakRef, weak_ref_free)

static void
set_image_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DramaWeakRef) ref = user_data;
  g_autoptr(GtkWidget) target = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const char *wanted;

  texture = drama_image_loader_load_finish (DRAMA_IMAGE_LOADER (source), result, &error);
  if (texture == NULL)
    {
      /* No network or no image is normal; the placeholder stays. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Image not loaded: %s", error->message);
      return;
    }

  if (target == NULL)
    return;

  wanted = g_object_get_data (G_OBJECT (target), TARGET_URL_KEY);
  if (g_strcmp0 (wanted, ((Load *) g_task_get_task_data (G_TASK (result)))->url) == 0)
    apply (target, GDK_PAINTABLE (texture));
}

static void
cancel_and_unref (gpointer data)
{
  g_cancellable_cancel (data);
  g_object_unref (data);
}

/* feed_origin: NULL for a picture not from a feed; else the feed's URL ("" unknown). */
static void
set_image (DramaImageLoader *self,
           GtkWidget        *target,
           const char       *url,
           const char       *feed_origin)
{
  GdkTexture *cached;
  GCancellable *cancellable;
  GWeakRef *ref;

  g_return_if_fail (DRAMA_IS_IMAGE_LOADER (self));
  g_return_if_fail (GTK_IS_WIDGET (target));

  if (url != NULL && *url == '\0')
    url = NULL;

  if (g_strcmp0 (g_object_get_data (G_OBJECT (target), TARGET_URL_KEY), url) == 0 &&
      url != NULL)
    return;

  /* Setting the data cancels the previous load through its destroy notify. */
  g_object_set_data (G_OBJECT (target), TARGET_CANCEL_KEY, NULL);
  g_object_set_data_full (G_OBJECT (target), TARGET_URL_KEY, g_strdup (url), g_free);
  g_object_set_data_full (G_OBJECT (target), TARGET_FEED_KEY, g_strdup (feed_origin), g_free);

  cached = drama_image_loader_lookup (self, url);
  apply (target, cached != NULL ? GDK_PAINTABLE (cached) : NULL);
  if (url == NULL || cached != NULL)
    return;

  /* Images off: the placeholder stays, and the picture comes if they are turned on. */
  if (!self->load_images)
    {
      if (g_object_get_data (G_OBJECT (target), TARGET_DEFERRED_KEY) == NULL)
        {
          ref = g_new0 (GWeakRef, 1);
          g_weak_ref_init (ref, target);
          g_ptr_array_add (self->deferred, ref);
          g_object_set_data (G_OBJECT (target), TARGET_DEFERRED_KEY, GINT_TO_POINTER (1));
        }
      return;
    }

  cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (target), TARGET_CANCEL_KEY, cancellable, cancel_and_unref);
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, target);
  load (self, url, feed_origin != NULL,
        feed_origin != NULL && *feed_origin != '\0' ? feed_origin : NULL, FALSE,
        cancellable, set_image_cb, ref, drama_image_loader_load_async);
}

void
drama_image_loader_set_image (DramaImageLoader *self,
                              GtkWidget        *target,
                              const char       *url)
{
  g_return_if_fail (DRAMA_IS_IMAGE_LOADER (self));
  g_return_if_fail (GTK_IS_WIDGET (target));

  set_image (self, target, url, NULL);
}

void
drama_image_loader_set_feed_image (DramaImageLoader *self,
                                   GtkWidget        *target,
                                   const char       *url,
                                   const char       *feed_url)
{
  g_return_if_fail (DRAMA_IS_IMAGE_LOADER (self));
  g_return_if_fail (GTK_IS_WIDGET (target));

  set_image (self, target, url, feed_url != NULL ? feed_url : "");
}

gboolean
drama_image_loader_get_load_images (DramaImageLoader *self)
{
  g_return_val_if_fail (DRAMA_IS_IMAGE_LOADER (self), FALSE);

  return self->load_images;
}

void
drama_image_loader_set_load_images (DramaImageLoader *self,
                                    gboolean          load_images)
{
  g_autoptr(GPtrArray) deferred = NULL;

  g_return_if_fail (DRAMA_IS_IMAGE_LOADER (self));

  load_images = !!load_images;
  if (self->load_images == load_images)
    return;
  self->load_images = load_images;

  if (load_images)
    {
      /* The widgets given a picture meanwhile get it now, unless they moved on. */
      deferred = g_steal_pointer (&self->deferred);
      self->deferred = g_ptr_array_new_with_free_func (weak_ref_free_func);
      for (guint i = 0; i < deferred->len; i++)
        {
          g_autoptr(GtkWidget) target = g_weak_ref_get (deferred->pdata[i]);
          g_autofree char *url = NULL;
          g_autofree char *feed = NULL;

          if (target == NULL)
            continue;
          g_object_set_data (G_OBJECT (target), TARGET_DEFERRED_KEY, NULL);
          if (g_object_get_data (G_OBJECT (target), TARGET_CANCEL_KEY) != NULL)
            continue;
          url = g_strdup (g_object_get_data (G_OBJECT (target), TARGET_URL_KEY));
          feed = g_strdup (g_object_get_data (G_OBJECT (target), TARGET_FEED_KEY));
          /* Cleared first, or set_image would see the same url and do nothing. */
          g_object_set_data (G_OBJECT (target), TARGET_URL_KEY, NULL);
          set_image (self, target, url, feed);
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_IMAGES]);
}
