#pragma once

/* Reader mode: loads an article's own web page through the app's HTTP client, extracts the
 * article from it (drama-readability.h), sanitises the result like feed content and keeps
 * it in the library (drama_store_set_article_full ()), where its words become the
 * article's text: search finds them, and the article is linked again by them (a show named
 * only in the full text gets its link). A failure is kept in words beside the article and
 * the feed's summary stays.
 *
 * Pages of a feed from the internet may not be on this machine or its network (the
 * pictures' rule, drama-net-guard.h): a hostile feed cannot make the app fetch the user's
 * router. A feed that itself lives on such an address may. */

#include <gio/gio.h>

#include "drama-linker.h"
#include "drama-store.h"

G_BEGIN_DECLS

#define DRAMA_ARTICLE_LOADER_ERROR (drama_article_loader_error_quark ())

typedef enum {
  DRAMA_ARTICLE_LOADER_ERROR_NO_PAGE,      /* no http(s) link */
  DRAMA_ARTICLE_LOADER_ERROR_NETWORK,      /* could not reach it, timed out, cut off */
  DRAMA_ARTICLE_LOADER_ERROR_HTTP,         /* the server answered with an error */
  DRAMA_ARTICLE_LOADER_ERROR_NOT_HTML,     /* a PDF, a picture… */
  DRAMA_ARTICLE_LOADER_ERROR_TOO_LARGE,
  DRAMA_ARTICLE_LOADER_ERROR_PRIVATE,      /* refused: a private address */
  DRAMA_ARTICLE_LOADER_ERROR_NO_ARTICLE,   /* the page holds nothing that reads as an article */
} DramaArticleLoaderError;

GQuark drama_article_loader_error_quark (void);

#define DRAMA_TYPE_ARTICLE_LOADER (drama_article_loader_get_type ())
G_DECLARE_FINAL_TYPE (DramaArticleLoader, drama_article_loader, DRAMA, ARTICLE_LOADER, GObject)

/* linker may be NULL (then the caller links the article again itself). */
DramaArticleLoader *drama_article_loader_new          (DramaStore          *store,
                                                       DramaLinker         *linker);
/* Largest page read (default 5 MB) and the request's time-outs (default 20 s without a
 * sign of life, 60 s in all): for tests. */
void                drama_article_loader_set_limits   (DramaArticleLoader  *self,
                                                       gsize                max_page,
                                                       guint                idle_s,
                                                       guint                total_s);

/* Loads the article's page now (the user asked). Finishes with the sanitised HTML of the
 * article as stored, or an error whose message says what went wrong in words; the lasting
 * failures (the page is gone, is no article, is too large…) are kept with the article, a
 * network that is down is not. The article is linked again before it finishes. */
void                drama_article_loader_load_async   (DramaArticleLoader  *self,
                                                       gint64               article_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char               *drama_article_loader_load_finish  (DramaArticleLoader  *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* New articles: those of feeds that load full articles are loaded in the background, one
 * at a time, newest first. "busy" is TRUE while any is waiting or loading. */
void                drama_article_loader_queue_new    (DramaArticleLoader  *self,
                                                       const gint64        *article_ids,
                                                       guint                n_ids);
/* A feed just set to load full articles: its newest articles (20) whose page is not
 * loaded yet are queued the same way. */
void                drama_article_loader_queue_feed   (DramaArticleLoader  *self,
                                                       gint64               feed_id);
gboolean            drama_article_loader_get_busy     (DramaArticleLoader  *self);

G_END_DECLS
