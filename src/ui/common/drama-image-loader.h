#pragma once

#include <gtk/gtk.h>

#include "drama-tvmaze.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_IMAGE_LOADER (drama_image_loader_get_type ())

/* Posters, cast photos and thumbnails: fetched through DramaTvmaze's cached image session
 * (SoupCache on disk), decoded into GdkTextures and kept in a small in-memory cache. Widgets
 * never wait for an image: they show their placeholder and the image appears when it
 * arrives. At most DRAMA_IMAGE_LOADER_MAX_IN_FLIGHT requests are on the wire at once, and
 * at most DRAMA_IMAGE_LOADER_MAX_PER_HOST to one host; the others wait their turn, first
 * come first served among the hosts with room. */
#define DRAMA_IMAGE_LOADER_MAX_IN_FLIGHT 6
/* How many list rows' requests (load_for_row) may wait; a newer one drops the oldest. */
#define DRAMA_IMAGE_LOADER_MAX_WAITING_ROWS 32
/* Of the requests on the wire, at most this many to one host (host and port). */
#define DRAMA_IMAGE_LOADER_MAX_PER_HOST 4

G_DECLARE_FINAL_TYPE (DramaImageLoader, drama_image_loader, DRAMA, IMAGE_LOADER, GObject)

DramaImageLoader *drama_image_loader_new          (DramaTvmaze      *tvmaze);
void              drama_image_loader_set_tvmaze   (DramaImageLoader *self,
                                                   DramaTvmaze      *tvmaze);

/* → GdkTexture (cached). DRAMA_TVMAZE_ERROR on a failed fetch, G_IO_ERROR when the bytes
 * are not an image. */
void              drama_image_loader_load_async   (DramaImageLoader    *self,
                                                   const char          *url,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GdkTexture       *drama_image_loader_load_finish  (DramaImageLoader    *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* The same for a list row, which may scroll away: past DRAMA_IMAGE_LOADER_MAX_WAITING_ROWS
 * rows' requests waiting, the oldest ends with G_IO_ERROR_CANCELLED although its
 * cancellable was not cancelled. Cancel it when the row is unbound: a waiting request
 * leaves the queue, a sent one is cut off on the wire. */
void              drama_image_loader_load_for_row_async (DramaImageLoader    *self,
                                                         const char          *url,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);

/* A feed's thumbnail, as load_for_row: the connection must go to a public address unless
 * the feed at feed_url lives on a private one (drama_tvmaze_fetch_feed_image_async). */
void              drama_image_loader_load_feed_thumbnail_async (DramaImageLoader    *self,
                                                                const char          *url,
                                                                const char          *feed_url,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);

/* The "load-images" property (the load-remote-images setting): FALSE fetches nothing
 * (loads end with G_IO_ERROR_PERMISSION_DENIED, widgets keep their placeholder, lookup
 * finds nothing); TRUE again gives set_image's widgets their pictures. */
gboolean          drama_image_loader_get_load_images (DramaImageLoader *self);
void              drama_image_loader_set_load_images (DramaImageLoader *self,
                                                      gboolean          load_images);

/* The texture when it is already in memory, else NULL (no fetch). */
GdkTexture       *drama_image_loader_lookup       (DramaImageLoader *self,
                                                   const char       *url);

/* Shows url in target (a GtkPicture, or an AdwAvatar's custom image): clears it now, sets
 * the image when it arrives unless target was given another url meanwhile. url NULL or ""
 * just clears it. target may be reused freely (list rows). */
void              drama_image_loader_set_image    (DramaImageLoader *self,
                                                   GtkWidget        *target,
                                                   const char       *url);

/* The same for a feed's picture (an article's thumbnail): kept off private addresses
 * unless the feed at feed_url lives on one. */
void              drama_image_loader_set_feed_image (DramaImageLoader *self,
                                                     GtkWidget        *target,
                                                     const char       *url,
                                                     const char       *feed_url);

/* Diagnostics for tests and benchmarks: requests on the wire now, the most there ever were
 * at once, and requests waiting for their turn. */
guint             drama_image_loader_get_n_in_flight    (DramaImageLoader *self);
guint             drama_image_loader_get_peak_in_flight (DramaImageLoader *self);
guint             drama_image_loader_get_n_waiting      (DramaImageLoader *self);

G_END_DECLS
