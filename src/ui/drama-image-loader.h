#pragma once

#include <gtk/gtk.h>

#include "drama-tvmaze.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_IMAGE_LOADER (drama_image_loader_get_type ())

/* Posters and cast photos: fetched through DramaTvmaze's cached image session, decoded
 * into GdkTextures and kept in a small in-memory cache. Widgets never wait for an image:
 * they show their placeholder and the image appears when it arrives. */
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

/* The texture when it is already in memory, else NULL (no fetch). */
GdkTexture       *drama_image_loader_lookup       (DramaImageLoader *self,
                                                   const char       *url);

/* Shows url in target (a GtkPicture, or an AdwAvatar's custom image): clears it now, sets
 * the image when it arrives unless target was given another url meanwhile. url NULL or ""
 * just clears it. target may be reused freely (list rows). */
void              drama_image_loader_set_image    (DramaImageLoader *self,
                                                   GtkWidget        *target,
                                                   const char       *url);

G_END_DECLS
