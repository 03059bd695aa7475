#define G_LOG_DOMAIN "drama-show-page"

#include "config.h"

#include "drama-show-page-private.h"

#include <glib/gi18n-lib.h>

#include "drama-related.h"
#include "drama-ui-call.h"
#include "drama-ui-text.h"

/* Reading the show: the show, its episodes, cast and the episodes' news in ONE job on the
 * store's thread; then the store's changes, coalesced in an idle into one read of the parts
 * they touch. */

typedef struct {
  gint64   show_id;
  guint    parts;           /* ShowPageRead */
  gboolean spoiler_guard;
  gboolean new_show;
} ReadArgs;

typedef struct {
  gint64      show_id;
  guint       parts;
  gboolean    new_show;
  DramaShow  *show;
  GPtrArray  *episodes;
  GPtrArray  *cast;
  GPtrArray  *proposals;   /* DramaNameProposal, everyone's waiting */
  GHashTable *news;
} ReadResult;

static void
read_result_free (gpointer data)
{
  ReadResult *result = data;

  g_clear_object (&result->show);
  g_clear_pointer (&result->episodes, g_ptr_array_unref);
  g_clear_pointer (&result->cast, g_ptr_array_unref);
  g_clear_pointer (&result->proposals, g_ptr_array_unref);
  g_clear_pointer (&result->news, g_hash_table_unref);
  g_free (result);
}

static gpointer
read_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  ReadArgs *args = data;
  ReadResult *result = g_new0 (ReadResult, 1);
  g_autoptr(GError) news_error = NULL;

  result->show_id = args->show_id;
  result->parts = args->parts;
  result->new_show = args->new_show;

  if ((args->parts & SHOW_PAGE_READ_SHOW) &&
      (result->show = drama_store_get_show (store, args->show_id, error)) == NULL)
    goto failed;
  if ((args->parts & SHOW_PAGE_READ_EPISODES) &&
      (result->episodes = drama_store_list_episodes (store, args->show_id, error)) == NULL)
    goto failed;
  if ((args->parts & SHOW_PAGE_READ_CAST) &&
      (result->cast = drama_store_list_cast (store, args->show_id, error)) == NULL)
    goto failed;
  /* Names the news gave the cast decorate their rows: a help, not a need. */
  if (args->parts & SHOW_PAGE_READ_CAST)
    result->proposals = drama_store_list_name_proposals (store, 0, NULL);
  /* The news decorates the rows: without it the page is still whole. */
  if (args->parts & SHOW_PAGE_READ_NEWS)
    {
      result->news = drama_related_index_episode_articles (store, args->show_id,
                                                           args->spoiler_guard, &news_error);
      if (result->news == NULL)
        {
          g_debug ("Could not read the episodes' news: %s", news_error->message);
          result->parts &= ~SHOW_PAGE_READ_NEWS;
        }
    }
  return result;

failed:
  read_result_free (result);
  return NULL;
}

static void
read_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  ReadResult *result = drama_store_call_finish (DRAMA_STORE (source), res, &error);
  DramaShowPage *self;

  /* Cancelled: another show was opened, or the page is gone. Touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;

  if (result == NULL && g_error_matches (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
    {
      /* Removed from the watchlist meanwhile. */
      drama_show_page_set_show_id (self, 0);
      return;
    }
  if (result == NULL)
    {
      /* The next change, or opening it again, reads it all again. */

      self->failed = TRUE;
      _drama_show_page_set_title (self, "");
      drama_status_page_set_text (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (result->parts & SHOW_PAGE_READ_SHOW)
    {
      g_set_object (&self->show, result->show);
      _drama_show_page_set_title (self, drama_show_get_name (result->show));
      _drama_show_page_fill_header (self, result->show);
      /* A write of the user's own on its way is newer than this read. */
      if (self->n_user_writes == 0)
        _drama_show_page_fill_user_fields (self, result->show);
    }
  if (result->parts & SHOW_PAGE_READ_CAST)
    _drama_show_page_fill_cast (self, result->cast, result->proposals);
  if (result->parts & SHOW_PAGE_READ_EPISODES)
    {
      _drama_show_page_fill_episodes (self, result->episodes, result->new_show);
      _drama_show_page_fill_progress (self);
    }
  if (result->parts & SHOW_PAGE_READ_NEWS)
    _drama_show_page_set_news (self, result->news);

  if (result->new_show)
    {
      self->loaded = TRUE;
      self->failed = FALSE;
      gtk_widget_set_sensitive (GTK_WIDGET (self->scroller), TRUE);
      gtk_stack_set_visible_child_name (self->stack, "show");
      /* A show opens on its episodes, at the top. */
      adw_view_stack_set_visible_child_name (self->tab_stack, "episodes");
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  read_result_free (result);
}

static void
start_read (DramaShowPage *self,
            guint          parts,
            gboolean       new_show)
{
  ReadArgs *args = g_new0 (ReadArgs, 1);

  args->show_id = self->show_id;
  args->parts = parts;
  args->new_show = new_show;
  args->spoiler_guard = drama_related_get_spoiler_guard (self->settings);
  /* read_cancellable is cancelled before the page goes away: self is safe to pass. */
  drama_ui_call (self->store, G_PRIORITY_HIGH, read_job, args, g_free, read_result_free,
                 self->read_cancellable, read_cb, self);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  DramaShowPage *self = user_data;
  guint parts = self->update_parts;

  self->update_idle = 0;
  self->update_parts = 0;
  /* Until the show is read once, the first read brings everything anyway; after a failed
   * read, everything is read again. */
  if (self->store == NULL || self->show_id == 0 || parts == 0)
    return G_SOURCE_REMOVE;
  if (self->failed)
    start_read (self, SHOW_PAGE_READ_SHOW | SHOW_PAGE_READ_EPISODES | SHOW_PAGE_READ_CAST |
                      SHOW_PAGE_READ_NEWS, TRUE);
  else if (self->loaded)
    start_read (self, parts, FALSE);
  return G_SOURCE_REMOVE;
}

void
_drama_show_page_queue_read (DramaShowPage *self,
                             guint          parts)
{
  /* A refresh sends the show, its episodes and the links one after another: one read. */
  self->update_parts |= parts;
  if (self->update_idle == 0)
    self->update_idle = g_idle_add (update_idle_cb, self);
}

/* Opens show_id (or the empty state): the old reads are cancelled, one job reads it all. */
void
_drama_show_page_load (DramaShowPage *self)
{
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  self->read_cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->update_idle, g_source_remove);
  self->update_parts = 0;
  self->loaded = FALSE;
  self->failed = FALSE;
  /* Writes about the show left are not this show's: their echoes name the other id. */
  self->n_user_writes = 0;

  /* The news of the show left must not reach the rows of this one. */
  _drama_show_page_set_news (self, NULL);
  if (self->show_id == 0 || self->store == NULL)
    {
      g_clear_object (&self->show);
      _drama_show_page_clear_seasons (self);
      _drama_show_page_set_title (self, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* Until it is read, what the page shows is the show left: not to be clicked. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->scroller), FALSE);
  start_read (self, SHOW_PAGE_READ_SHOW | SHOW_PAGE_READ_EPISODES | SHOW_PAGE_READ_CAST |
                    SHOW_PAGE_READ_NEWS, TRUE);
}

/* ---- following the store ---- */

static gboolean
has_news (DramaShowPage *self)
{
  return self->news != NULL && g_hash_table_size (self->news) > 0;
}

void
_drama_show_page_on_show_changed (DramaStore       *store,
                                  DramaStoreChange *change,
                                  DramaShowPage    *self)
{
  guint n_ids;

  drama_store_change_get_ids (change, &n_ids);
  if (self->show_id == 0 || (n_ids > 0 && !drama_store_change_has_id (change, self->show_id)))
    return;

  switch (drama_store_change_get_reason (change))
    {
    case DRAMA_CHANGE_SEEN:
      /* The progress moved: the episode change that came with it says which rows. */
      break;
    case DRAMA_CHANGE_REMOVED:
      if (n_ids > 0)
        drama_show_page_set_show_id (self, 0);
      break;
    case DRAMA_CHANGE_USER:
      /* Status, rating, notes, spoiler guard: the echo of this page's own write while one
       * is on its way, else a change from elsewhere. */
      if (self->n_user_writes == 0)
        _drama_show_page_queue_read (self, SHOW_PAGE_READ_SHOW);
      break;
    default:
      /* A refresh from TVmaze (its episodes follow in "changed::episode"). */
      _drama_show_page_queue_read (self, SHOW_PAGE_READ_SHOW | SHOW_PAGE_READ_CAST);
      break;
    }
}

void
_drama_show_page_on_episode_changed (DramaStore       *store,
                                     DramaStoreChange *change,
                                     DramaShowPage    *self)
{
  gint64 show_id = drama_store_change_get_show_id (change);
  guint parts = SHOW_PAGE_READ_EPISODES;

  if (self->show_id == 0 || (show_id != 0 && show_id != self->show_id))
    return;

  /* A mark this page made is on its rows already; its news come with the mark. */
  if (drama_store_change_get_reason (change) == DRAMA_CHANGE_SEEN &&
      _drama_show_page_apply_seen (self, change))
    return;

  /* A mark made elsewhere moves the spoiler guard of the episodes' news too. */
  if (has_news (self))
    parts |= SHOW_PAGE_READ_NEWS;
  if (drama_store_change_get_reason (change) != DRAMA_CHANGE_SEEN)
    parts |= SHOW_PAGE_READ_SHOW;
  _drama_show_page_queue_read (self, parts);
}

void
_drama_show_page_on_link_changed (DramaStore       *store,
                                  DramaStoreChange *change,
                                  DramaShowPage    *self)
{
  /* The episode rows' "2 articles"; one read for a burst of relinking. */
  if (self->show_id != 0)
    _drama_show_page_queue_read (self, SHOW_PAGE_READ_NEWS);
}
