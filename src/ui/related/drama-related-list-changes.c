#define G_LOG_DOMAIN "drama-related-list"

#include "config.h"

#include "drama-related-list-private.h"

/* Following the store: which of its changes mean a read, and of which parts. */

static gboolean
is_target (DramaRelatedList *self,
           DramaChangeKind   kind,
           DramaStoreChange *change)
{
  guint n_ids;

  if (self->filter != (kind == DRAMA_CHANGE_SHOW ? DRAMA_ARTICLE_FILTER_SHOW
                                                 : DRAMA_ARTICLE_FILTER_PERSON))
    return FALSE;
  drama_store_change_get_ids (change, &n_ids);
  return n_ids == 0 || drama_store_change_has_id (change, self->target_id);
}

static void
on_show_changed (DramaRelatedList *self,
                 DramaStoreChange *change)
{
  DramaChangeReason reason = drama_store_change_get_reason (change);

  if (reason == DRAMA_CHANGE_SEEN || reason == DRAMA_CHANGE_ADDED)
    return;   /* the episode change says which; a new show has no links yet */
  if (is_target (self, DRAMA_CHANGE_SHOW, change))
    {
      /* Its spoiler guard, or a refresh: the switch, and which articles are guarded. */
      if (self->n_writes == 0)
        _drama_related_list_queue_read (self, READ_SETTINGS);
      _drama_related_list_queue_read (self, READ_ARTICLES);
    }
  else if (self->filter == DRAMA_ARTICLE_FILTER_PERSON &&
           _drama_related_list_has_articles (self) && reason != DRAMA_CHANGE_UPDATED)
    /* One of their shows: its guard moved, or it left the watchlist (and its links). */
    _drama_related_list_queue_read (self, READ_ARTICLES);
}

static void
on_episode_changed (DramaRelatedList *self,
                    DramaStoreChange *change)
{
  gint64 show_id = drama_store_change_get_show_id (change);

  /* An episode marked seen lifts the guard of the articles naming it. */
  if (!_drama_related_list_has_articles (self))
    return;
  if (self->filter == DRAMA_ARTICLE_FILTER_SHOW && show_id != 0 && show_id != self->target_id)
    return;
  _drama_related_list_queue_read (self, READ_ARTICLES);
}

static void
on_article_changed (DramaRelatedList *self,
                    DramaStoreChange *change)
{
  DramaChangeReason reason = drama_store_change_get_reason (change);
  guint n = self->articles != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->articles)) : 0;
  guint n_ids;

  if (n == 0 || reason == DRAMA_CHANGE_ADDED)
    return;   /* new articles come in with their links */
  drama_store_change_get_ids (change, &n_ids);
  if (reason == DRAMA_CHANGE_REMOVED || n_ids == 0)
    {
      _drama_related_list_queue_read (self, READ_ARTICLES);
      return;
    }

  /* Read or starred: just the rows listed. */
  for (guint i = 0; i < n; i++)
    {
      gint64 id = _drama_related_list_item_id (self, i);

      if (!drama_store_change_has_id (change, id))
        continue;
      if (self->refresh_ids == NULL)
        self->refresh_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (self->refresh_ids, id);
      _drama_related_list_queue_read (self, READ_REFRESH);
    }
}

static void
on_feed_changed (DramaRelatedList *self)
{
  /* A renamed or removed feed: the rows say where each article is from. */
  if (_drama_related_list_has_articles (self))
    _drama_related_list_queue_read (self, READ_ARTICLES);
}

static void
on_link_changed (DramaRelatedList *self)
{
  _drama_related_list_queue_read (self, READ_ARTICLES);
}

static void
on_aliases_changed (DramaRelatedList *self,
                    DramaChangeKind   kind,
                    gint64            id)
{
  gboolean mine = id == self->target_id &&
                  (kind == DRAMA_CHANGE_SHOW) == (self->filter == DRAMA_ARTICLE_FILTER_SHOW);

  /* The chips show the names already while this list's own write is on its way. */
  if (mine && self->n_writes == 0)
    _drama_related_list_queue_read (self, READ_SETTINGS);
}

void
_drama_related_list_on_spoiler_setting_changed (DramaRelatedList *self)
{
  _drama_related_list_queue_read (self, READ_ARTICLES);
}

void
_drama_related_list_connect_store (DramaRelatedList *self,
                                   DramaStore       *store)
{
  g_signal_connect_swapped (store, "changed::show", G_CALLBACK (on_show_changed), self);
  g_signal_connect_swapped (store, "changed::episode", G_CALLBACK (on_episode_changed), self);
  g_signal_connect_swapped (store, "changed::article", G_CALLBACK (on_article_changed), self);
  g_signal_connect_swapped (store, "changed::feed", G_CALLBACK (on_feed_changed), self);
  g_signal_connect_swapped (store, "changed::link", G_CALLBACK (on_link_changed), self);
  g_signal_connect_swapped (store, "aliases-changed", G_CALLBACK (on_aliases_changed), self);
}
