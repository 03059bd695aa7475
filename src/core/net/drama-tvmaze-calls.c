/* drama-tvmaze-calls.c: the TVmaze API calls beside search and shows: a person and their
 * credits, a show looked up by another site's id, the list of updates, and pictures
 * (TVmaze's and, guarded, the feeds'). The object, search and the show calls are in
 * drama-tvmaze.c. */
#define G_LOG_DOMAIN "drama-tvmaze"

#include "config.h"

#include "drama-tvmaze.h"
#include "drama-tvmaze-private.h"

#include <glib/gi18n-lib.h>

#include "drama-html.h"
#include "drama-net-guard.h"
#include "drama-tvmaze-parse.h"

#define MAX_IMAGE_BODY        (20 * 1024 * 1024)

BODY_PARSER (parse_castcredits, drama_tvmaze_parse_castcredits)
BODY_PARSER (parse_person, drama_tvmaze_parse_person)
BODY_PARSER (parse_updates, drama_tvmaze_parse_updates)

/* ---- people ---- */

void
drama_tvmaze_get_person_credits_async (DramaTvmaze         *self,
                                       gint64               person_tvmaze_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf ("/people/%" G_GINT64_FORMAT "/castcredits?embed[]=show&embed[]=character",
                          person_tvmaze_id);
  _drama_tvmaze_api_fetch (self, path, _("The person was not found on TVmaze."), parse_castcredits,
                           NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                           drama_tvmaze_get_person_credits_async, cancellable, callback,
                           user_data);
}

GPtrArray *
drama_tvmaze_get_person_credits_finish (DramaTvmaze   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _drama_tvmaze_finish_pointer (self, result, error);
}

void
drama_tvmaze_get_person_async (DramaTvmaze         *self,
                               gint64               person_tvmaze_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf ("/people/%" G_GINT64_FORMAT, person_tvmaze_id);
  _drama_tvmaze_api_fetch (self, path, _("The person was not found on TVmaze."), parse_person,
                           NULL, NULL, g_object_unref, drama_tvmaze_get_person_async, cancellable,
                           callback, user_data);
}

DramaPerson *
drama_tvmaze_get_person_finish (DramaTvmaze   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _drama_tvmaze_finish_pointer (self, result, error);
}

/* ---- lookup by another site's id ---- */

static gpointer
parse_lookup (GBytes   *body,
              gpointer  data,
              GError  **error)
{
  gsize size;
  const char *text = g_bytes_get_data (body, &size);

  return drama_tvmaze_parse_show (text, size, NULL, NULL, error);
}

void
drama_tvmaze_lookup_show_async (DramaTvmaze         *self,
                                const char          *site,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (g_strcmp0 (site, "thetvdb") == 0 || g_strcmp0 (site, "imdb") == 0 ||
                    g_strcmp0 (site, "tvrage") == 0);
  g_return_if_fail (id != NULL);

  /* TVmaze answers with a redirect to /shows/{id}, which the session follows. */
  escaped = g_uri_escape_string (id, NULL, FALSE);
  path = g_strdup_printf ("/lookup/shows?%s=%s", site, escaped);
  _drama_tvmaze_api_fetch (self, path, _("TVmaze does not know this show."), parse_lookup, NULL,
                           NULL, g_object_unref, drama_tvmaze_lookup_show_async, cancellable,
                           callback, user_data);
}

DramaShow *
drama_tvmaze_lookup_show_finish (DramaTvmaze   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _drama_tvmaze_finish_pointer (self, result, error);
}

/* ---- updates ---- */

void
drama_tvmaze_get_updates_async (DramaTvmaze         *self,
                                const char          *since,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (g_strcmp0 (since, "day") == 0 || g_strcmp0 (since, "week") == 0 ||
      g_strcmp0 (since, "month") == 0)
    path = g_strconcat ("/updates/shows?since=", since, NULL);
  else
    path = g_strdup ("/updates/shows");

  _drama_tvmaze_api_fetch (self, path, _("TVmaze has no list of updates."), parse_updates, NULL,
                           NULL, (GDestroyNotify) g_hash_table_unref,
                           drama_tvmaze_get_updates_async, cancellable, callback, user_data);
}

GHashTable *
drama_tvmaze_get_updates_finish (DramaTvmaze   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _drama_tvmaze_finish_pointer (self, result, error);
}

/* ---- images ---- */

void
drama_tvmaze_fetch_image_async (DramaTvmaze         *self,
                                const char          *url,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (url == NULL || !drama_html_is_safe_link (url))
    {
      g_task_report_new_error (self, callback, user_data, drama_tvmaze_fetch_image_async,
                               DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_INVALID,
                               _("The picture’s address is not a web address."));
      return;
    }

  /* Image hosts are not the API: no throttle, through the cache. */
  _drama_tvmaze_fetch (self, self->image_session, url, FALSE, FALSE,
                       _("The picture was not found."),
                       NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref, MAX_IMAGE_BODY,
                       drama_tvmaze_fetch_image_async, cancellable, callback, user_data);
}

GBytes *
drama_tvmaze_fetch_image_finish (DramaTvmaze   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _drama_tvmaze_finish_pointer (self, result, error);
}

static void
feed_image_fetched_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
feed_origin_checked_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DramaTvmaze *self = g_task_get_source_object (task);
  const char *url = g_task_get_task_data (task);
  gboolean private = drama_net_origin_is_private_finish (result);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (self->feed_image_session == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "The client is gone");
      return;
    }

  /* The user's own server may show its own pictures, from wherever on its network. */
  _drama_tvmaze_fetch (self, private ? self->image_session : self->feed_image_session, url,
                       FALSE, !private, _("The picture was not found."),
                       NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref, MAX_IMAGE_BODY,
                       drama_tvmaze_fetch_feed_image_async, g_task_get_cancellable (task),
                       feed_image_fetched_cb, g_object_ref (task));
}

void
drama_tvmaze_fetch_feed_image_async (DramaTvmaze         *self,
                                     const char          *url,
                                     const char          *origin,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DRAMA_IS_TVMAZE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (url == NULL || !drama_html_is_safe_link (url))
    {
      g_task_report_new_error (self, callback, user_data, drama_tvmaze_fetch_feed_image_async,
                               DRAMA_TVMAZE_ERROR, DRAMA_TVMAZE_ERROR_INVALID,
                               _("The picture’s address is not a web address."));
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drama_tvmaze_fetch_feed_image_async);
  g_task_set_task_data (task, g_strdup (url), g_free);
  drama_net_origin_is_private_async (origin, cancellable, feed_origin_checked_cb, task);
}
