#define G_LOG_DOMAIN "drama-show-page"

#include "config.h"

#include "drama-show-page-private.h"

#include <glib/gi18n-lib.h>

#include "drama-episode-news.h"
#include "drama-episode-row.h"
#include "drama-related.h"
#include "drama-ui-call.h"
#include "drama-ui-text.h"

/* The Episodes tab. A seen mark shows at once: the page changes its own copy of the
 * episodes and the rows, asks the store (one job), and when the store's change signal
 * names the same episodes there is nothing left to do. Only a mark made elsewhere (another
 * window) costs a read. Rows are made once per season and then updated in place. */

void
_drama_show_page_season_free (Season *season)
{
  g_clear_pointer (&season->episodes, g_ptr_array_unref);
  g_free (season);
}

/* A show added by hand: its undated episodes can be ticked (see the store's rule). */
static gboolean
is_hand_added (DramaShowPage *self)
{
  return self->show != NULL && drama_show_get_tvmaze_id (self->show) == 0;
}

static void
update_season_subtitle (Season   *season,
                        gboolean  hand_added,
                        gint64    now)
{
  g_autofree char *text = NULL;
  int total = 0, seen = 0, aired = 0;

  for (guint i = 0; i < season->episodes->len; i++)
    {
      DramaEpisode *ep = g_ptr_array_index (season->episodes, i);

      if (drama_episode_get_number (ep) == 0)
        continue;
      total++;
      seen += drama_episode_get_seen (ep);
      aired += drama_episode_is_markable (ep, hand_added, now);
    }

  if (aired < total)
    text = g_strdup_printf (_("%d of %d seen · %d to air"), seen, total, total - aired);
  else
    text = g_strdup_printf (_("%d of %d seen"), seen, total);
  adw_expander_row_set_subtitle (season->row, text);
}

void
_drama_show_page_count (DramaShowPage *self,
                        int           *total,
                        int           *seen)
{
  *total = *seen = 0;
  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      for (guint j = 0; j < season->episodes->len; j++)
        {
          DramaEpisode *ep = g_ptr_array_index (season->episodes, j);

          if (drama_episode_get_number (ep) == 0)
            continue;
          (*total)++;
          *seen += drama_episode_get_seen (ep);
        }
    }
}

/* The season holding episode id and its place there, or NULL. */
static Season *
find_episode (DramaShowPage *self,
              gint64         id,
              guint         *index)
{
  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      for (guint j = 0; j < season->episodes->len; j++)
        if (drama_episode_get_id (g_ptr_array_index (season->episodes, j)) == id)
          {
            *index = j;
            return season;
          }
    }
  return NULL;
}

/* ---- the episodes' news ---- */

static void
attach_news (DramaShowPage *self,
             gint64         episode_id,
             GtkWidget     *row)
{
  GPtrArray *articles = self->news != NULL ? g_hash_table_lookup (self->news, &episode_id) : NULL;

  drama_episode_news_attach (ADW_ACTION_ROW (row), articles);
}

void
_drama_show_page_set_news (DramaShowPage *self,
                           GHashTable    *news)
{
  GHashTableIter iter;
  gpointer key, row;

  g_clear_pointer (&self->news, g_hash_table_unref);
  self->news = news != NULL ? g_hash_table_ref (news) : NULL;

  g_hash_table_iter_init (&iter, self->episode_rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    attach_news (self, *(gint64 *) key, row);
}

/* ---- seen marks ---- */

/* What a seen mark does to the show's status besides. */
typedef enum {
  STATUS_KEEP,
  STATUS_START_WATCHING,   /* a planned show becomes Watching (its first seen mark) */
  STATUS_BACK_TO_PLANNED,  /* the Undo of that */
} StatusMove;

static void set_seen (DramaShowPage *self, gint64 show_id, GArray *ids, gboolean seen,
                      gboolean with_undo, StatusMove status_move);

static void
on_undo_seen (AdwToast      *toast,
              DramaShowPage *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (toast), "ids");
  gboolean seen = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "seen"));
  gboolean started = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "started-watching"));
  gint64 *show_id = g_object_get_data (G_OBJECT (toast), "show-id");

  /* Exactly the episodes the mark changed, back as they were (the page may show another
   * show by now), and the status the mark moved. */
  if (self->store != NULL && ids != NULL && ids->len > 0)
    set_seen (self, *show_id, ids, !seen, FALSE,
              started ? STATUS_BACK_TO_PLANNED : STATUS_KEEP);
}

static void
offer_completed_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DramaShowPage    *self)
{
  gint64 *show_id = g_object_get_data (G_OBJECT (dialog), "show-id");

  /* The page may show another show by now. */
  if (g_strcmp0 (response, "complete") != 0 || self->store == NULL || show_id == NULL ||
      *show_id != self->show_id)
    return;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->status_row, DRAMA_WATCH_STATUS_COMPLETED);
  self->updating = FALSE;
  _drama_show_page_save_user_fields (self);
}

/* Seeing the last aired episode of a show that has ended: offer to file it as Completed.
 * show is as the store had it right after the mark. */
static void
maybe_offer_completed (DramaShowPage *self,
                       DramaShow     *show)
{
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  gint64 *show_id;

  if (show == NULL || drama_show_get_id (show) != self->show_id ||
      drama_show_get_user_status (show) == DRAMA_WATCH_STATUS_COMPLETED ||
      adw_combo_row_get_selected (self->status_row) == DRAMA_WATCH_STATUS_COMPLETED)
    return;
  /* A show added by hand has no "Ended" from TVmaze: the user gave every episode it has. */
  if (drama_show_get_tvmaze_id (show) == 0
      ? (drama_show_get_episodes_total (show) == 0 ||
         drama_show_get_episodes_seen (show) < drama_show_get_episodes_total (show))
      : (!drama_show_is_ended (show) || drama_show_get_episodes_aired (show) == 0 ||
         drama_show_get_episodes_seen (show) < drama_show_get_episodes_aired (show)))
    return;

  heading = g_strdup_printf (_("Finished “%s”?"), drama_show_get_name (show));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("You have seen every episode of this show. "
                                     "Move it to your completed shows?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Not Now"),
                                    "complete", _("Mark _Completed"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "complete",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "complete");
  show_id = g_new (gint64, 1);
  *show_id = drama_show_get_id (show);
  g_object_set_data_full (G_OBJECT (dialog), "show-id", show_id, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (offer_completed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
offer_undo (DramaShowPage *self,
            gint64         show_id,
            GArray        *changed,
            gboolean       seen,
            const char    *started_watching)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (started_watching != NULL)
    /* TRANSLATORS: a planned show's first seen mark moved it; %s is the show's title */
    toast = drama_toast_new_printf (_("“%s” moved to Watching"), started_watching);
  else
    {
      text = g_strdup_printf (seen
                              ? g_dngettext (GETTEXT_PACKAGE, "%u episode seen",
                                             "%u episodes seen", changed->len)
                              : g_dngettext (GETTEXT_PACKAGE, "%u episode unseen",
                                             "%u episodes unseen", changed->len),
                              changed->len);
      toast = drama_toast_new (text);
    }
  adw_toast_set_button_label (toast, _("_Undo"));
  /* Undo is only worth anything right now: don't queue it behind older news, and don't let
   * an older Undo come back after this one. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_set_weak_pointer (&self->undo_toast, toast);
  g_object_set_data_full (G_OBJECT (toast), "ids", g_array_ref (changed),
                          (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (toast), "seen", GINT_TO_POINTER (seen));
  g_object_set_data (G_OBJECT (toast), "started-watching",
                     GINT_TO_POINTER (started_watching != NULL));
  g_object_set_data_full (G_OBJECT (toast), "show-id", g_memdup2 (&show_id, sizeof show_id),
                          g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_seen), self, 0);
  _drama_show_page_add_toast (self, toast);
}

/* The job: the mark, and what the page needs right after it in the same trip (the show's
 * counts to offer Completed, the episodes' news whose spoiler guard the mark lifted). */
typedef struct {
  GArray     *ids;
  gint64      seen_at;
  gint64      show_id;
  gboolean    read_show;
  gboolean    read_news;
  gboolean    spoiler_guard;
  StatusMove  status_move;
} SeenArgs;

typedef struct {
  GArray     *changed;
  DramaShow  *show;
  GHashTable *news;
  char       *started_watching;   /* the show's title when the mark made it Watching */
  gboolean    status_failed;      /* the marks are saved, the status move is not */
  char       *status_error;
} SeenResult;

static void
seen_args_free (gpointer data)
{
  SeenArgs *args = data;

  g_array_unref (args->ids);
  g_free (args);
}

static void
seen_result_free (gpointer data)
{
  SeenResult *result = data;

  g_clear_pointer (&result->changed, g_array_unref);
  g_clear_object (&result->show);
  g_clear_pointer (&result->news, g_hash_table_unref);
  g_free (result->started_watching);
  g_free (result->status_error);
  g_free (result);
}

/* On the store's thread, after the marks: the status they move, as the store has the show
 * now (a planned show only; one the user filed elsewhere meanwhile stays where it is). */
static void
move_status (DramaStore *store,
             SeenArgs   *args,
             SeenResult *result)
{
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GError) error = NULL;
  DramaWatchStatus from, to;

  if (args->status_move == STATUS_KEEP || result->changed->len == 0)
    return;
  from = args->status_move == STATUS_START_WATCHING ? DRAMA_WATCH_STATUS_PLAN_TO_WATCH
                                                    : DRAMA_WATCH_STATUS_WATCHING;
  to = args->status_move == STATUS_START_WATCHING ? DRAMA_WATCH_STATUS_WATCHING
                                                  : DRAMA_WATCH_STATUS_PLAN_TO_WATCH;
  show = drama_store_get_show (store, args->show_id, &error);
  if (show != NULL && drama_show_get_user_status (show) != from)
    return;
  if (show == NULL ||
      !drama_store_set_show_user_fields (store, args->show_id, to, drama_show_get_rating (show),
                                         drama_show_get_notes (show), &error))
    {
      result->status_failed = TRUE;
      result->status_error = g_strdup (error->message);
      return;
    }
  if (args->status_move == STATUS_START_WATCHING)
    result->started_watching = g_strdup (drama_show_get_name (show));
}

static gpointer
set_seen_job (DramaStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  SeenArgs *args = data;
  SeenResult *result = g_new0 (SeenResult, 1);

  if (!drama_store_set_episodes_seen (store, (const gint64 *) (gpointer) args->ids->data,
                                      args->ids->len, args->seen_at, &result->changed, error))
    {
      seen_result_free (result);
      return NULL;
    }
  /* The mark is saved: the status it moves is said apart when it fails; what follows
   * only decorates, and fails quietly. */
  move_status (store, args, result);
  if (args->read_show && result->changed->len > 0)
    result->show = drama_store_get_show (store, args->show_id, NULL);
  if (args->read_news && result->changed->len > 0)
    result->news = drama_related_index_episode_articles (store, args->show_id,
                                                         args->spoiler_guard, NULL);
  return result;
}

typedef struct {
  GWeakRef *page;
  GArray   *ids;        /* asked for */
  gint64    show_id;
  gboolean  seen;
  gboolean  with_undo;
  gboolean  start_watching;   /* the page showed Watching at once: put back if it failed */
} SeenCall;

static void
forget_pending (DramaShowPage *self,
                GArray        *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      PendingSeen *pending = g_hash_table_lookup (self->pending_seen,
                                                  &g_array_index (ids, gint64, i));

      if (pending != NULL && --pending->n_writes == 0)
        g_hash_table_remove (self->pending_seen, &g_array_index (ids, gint64, i));
    }
}

static void
set_seen_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  SeenCall *call = user_data;
  g_autoptr(DramaShowPage) self = drama_ui_weak_steal (g_steal_pointer (&call->page));
  g_autoptr(GError) error = NULL;
  SeenResult *result = drama_store_call_finish (DRAMA_STORE (source), res, &error);

  if (self == NULL || self->store == NULL)
    {
      if (error != NULL)
        g_warning ("Could not save a seen mark: %s", error->message);
      goto out;
    }

  forget_pending (self, call->ids);
  if (result == NULL)
    {
      _drama_show_page_show_error (self, _("Could not save your changes"), error);
      /* The rows (and the status it moved) showed the mark before it was saved: read
       * back what is true. */
      if (call->show_id == self->show_id)
        _drama_show_page_queue_read (self, SHOW_PAGE_READ_EPISODES |
                                           (call->start_watching ? SHOW_PAGE_READ_SHOW : 0));
      goto out;
    }

  if (call->show_id == self->show_id)
    {
      /* The store skips what it may not mark (not aired by its clock): show the truth. */
      if (result->changed->len != call->ids->len)
        _drama_show_page_queue_read (self, SHOW_PAGE_READ_EPISODES);
      if (result->news != NULL)
        _drama_show_page_set_news (self, result->news);
    }

  if (result->status_failed)
    {
      g_autoptr(GError) status_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                            result->status_error);

      _drama_show_page_show_error (self, _("Could not change the show’s status"), status_error);
      if (call->show_id == self->show_id)
        _drama_show_page_queue_read (self, SHOW_PAGE_READ_SHOW);
    }
  else if (call->start_watching && result->started_watching == NULL &&
           call->show_id == self->show_id && self->n_user_writes == 0)
    /* Nothing marked, or the show was filed elsewhere meanwhile: show what is stored. */
    _drama_show_page_queue_read (self, SHOW_PAGE_READ_SHOW);

  if ((call->with_undo || result->started_watching != NULL) && result->changed->len > 0)
    offer_undo (self, call->show_id, result->changed, call->seen, result->started_watching);
  if (call->seen && call->show_id == self->show_id)
    maybe_offer_completed (self, result->show);

out:
  g_clear_pointer (&result, seen_result_free);
  g_array_unref (call->ids);
  g_free (call);
}

/* Shows the mark on the episodes and rows the page has, at once. */
static void
show_seen (DramaShowPage *self,
           gint64         id,
           gint64         seen_at,
           gint64         now)
{
  DramaEpisodeRow *row = g_hash_table_lookup (self->episode_rows, &id);
  Season *season;
  guint index;

  season = find_episode (self, id, &index);
  if (season == NULL)
    return;
  drama_episode_set_seen_at (g_ptr_array_index (season->episodes, index), seen_at);
  if (row != NULL)
    drama_episode_row_set_episode (row, g_ptr_array_index (season->episodes, index),
                                   self->local, now);
}

/* Marks ids (episodes of show_id) seen or unseen: on the page at once when it shows them,
 * in the store by one job. */
static void
set_seen (DramaShowPage *self,
          gint64         show_id,
          GArray        *ids,
          gboolean       seen,
          gboolean       with_undo,
          StatusMove     status_move)
{
  gint64 now = _drama_show_page_now ();
  gint64 seen_at = seen ? now : 0;
  gboolean shown = show_id == self->show_id;
  SeenArgs *args;
  SeenCall *call;

  if (ids->len == 0 || self->store == NULL)
    return;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      PendingSeen *pending = g_hash_table_lookup (self->pending_seen, &id);

      if (pending == NULL)
        {
          pending = g_new0 (PendingSeen, 1);
          g_hash_table_insert (self->pending_seen, g_memdup2 (&id, sizeof id), pending);
        }
      pending->n_writes++;
      pending->seen_at = seen_at;
      show_seen (self, id, seen_at, now);
    }
  for (guint i = 0; i < self->seasons->len; i++)
    update_season_subtitle (g_ptr_array_index (self->seasons, i), is_hand_added (self), now);
  _drama_show_page_fill_progress (self);

  args = g_new0 (SeenArgs, 1);
  args->ids = g_array_copy (ids);
  args->seen_at = seen_at;
  args->show_id = show_id;
  args->read_show = seen && shown;
  args->read_news = shown && self->news != NULL && g_hash_table_size (self->news) > 0;
  args->spoiler_guard = drama_related_get_spoiler_guard (self->settings);

  /* The first seen mark of a planned show: the user has started it. The status shows at
   * once, so a save of the page's fields meanwhile carries it too. */
  if (seen && shown && status_move == STATUS_KEEP &&
      adw_combo_row_get_selected (self->status_row) == DRAMA_WATCH_STATUS_PLAN_TO_WATCH)
    {
      status_move = STATUS_START_WATCHING;
      self->updating = TRUE;
      adw_combo_row_set_selected (self->status_row, DRAMA_WATCH_STATUS_WATCHING);
      self->updating = FALSE;
    }
  else if (status_move == STATUS_BACK_TO_PLANNED && shown)
    {
      self->updating = TRUE;
      adw_combo_row_set_selected (self->status_row, DRAMA_WATCH_STATUS_PLAN_TO_WATCH);
      self->updating = FALSE;
    }
  args->status_move = status_move;

  call = g_new0 (SeenCall, 1);
  call->page = drama_ui_weak_new (self);
  call->ids = g_array_copy (ids);
  call->show_id = show_id;
  call->seen = seen;
  call->with_undo = with_undo;
  call->start_watching = status_move == STATUS_START_WATCHING;

  /* The user's change: no cancellable, it lands even if the page goes away. */
  drama_ui_call (self->store, G_PRIORITY_DEFAULT, set_seen_job, args, seen_args_free,
                 seen_result_free, NULL, set_seen_cb, call);
}

gboolean
_drama_show_page_apply_seen (DramaShowPage    *self,
                             DramaStoreChange *change)
{
  const gint64 *ids;
  guint n_ids;

  ids = drama_store_change_get_ids (change, &n_ids);
  if (n_ids == 0)
    return FALSE;

  /* Marks this page asked for are shown already; anything else must be read. */
  for (guint i = 0; i < n_ids; i++)
    if (!g_hash_table_contains (self->pending_seen, &ids[i]))
      return FALSE;
  return TRUE;
}

static void
on_seen_toggled (DramaEpisodeRow *row,
                 gboolean         seen,
                 DramaShowPage   *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = drama_episode_get_id (drama_episode_row_get_episode (row));

  g_array_append_val (ids, id);
  set_seen (self, self->show_id, ids, seen, FALSE, STATUS_KEEP);
}

static void
on_mark_up_to_here (DramaEpisodeRow *row,
                    DramaShowPage   *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 target = drama_episode_get_id (drama_episode_row_get_episode (row));
  gint64 now = _drama_show_page_now ();

  /* Every aired episode before it in the order shown (seasons, then numbers). */
  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      for (guint j = 0; j < season->episodes->len; j++)
        {
          DramaEpisode *ep = g_ptr_array_index (season->episodes, j);
          gint64 id = drama_episode_get_id (ep);

          if (!drama_episode_get_seen (ep) && drama_episode_is_markable (ep, is_hand_added (self), now))
            g_array_append_val (ids, id);
          if (id == target)
            goto done;
        }
    }
done:
  set_seen (self, self->show_id, ids, TRUE, TRUE, STATUS_KEEP);
}

static void
season_mark (DramaShowPage *self,
             Season        *season,
             gboolean       seen)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = _drama_show_page_now ();

  for (guint j = 0; j < season->episodes->len; j++)
    {
      DramaEpisode *ep = g_ptr_array_index (season->episodes, j);
      gint64 id = drama_episode_get_id (ep);

      if (drama_episode_get_seen (ep) != seen &&
          (!seen || drama_episode_is_markable (ep, is_hand_added (self), now)))
        g_array_append_val (ids, id);
    }
  set_seen (self, self->show_id, ids, seen, TRUE, STATUS_KEEP);
}

static void
on_season_seen_clicked (GtkButton     *button,
                        DramaShowPage *self)
{
  int number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "season"));

  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      if (season->number == number)
        season_mark (self, season, TRUE);
    }
}

/* ---- rows ---- */

void
_drama_show_page_populate_season (DramaShowPage *self,
                                  Season        *season)
{
  gint64 now = _drama_show_page_now ();

  if (season->populated)
    return;
  season->populated = TRUE;

  for (guint j = 0; j < season->episodes->len; j++)
    {
      DramaEpisode *ep = g_ptr_array_index (season->episodes, j);
      DramaEpisodeRow *row = drama_episode_row_new ();
      gint64 *key = g_new (gint64, 1);

      drama_episode_row_set_hand_added (row, is_hand_added (self));
      drama_episode_row_set_episode (row, ep, self->local, now);
      g_signal_connect (row, "seen-toggled", G_CALLBACK (on_seen_toggled), self);
      g_signal_connect (row, "mark-up-to-here", G_CALLBACK (on_mark_up_to_here), self);
      adw_expander_row_add_row (season->row, GTK_WIDGET (row));
      *key = drama_episode_get_id (ep);
      g_hash_table_insert (self->episode_rows, key, row);
      attach_news (self, *key, GTK_WIDGET (row));
    }
}

static void
on_season_expanded (AdwExpanderRow *row,
                    GParamSpec     *pspec,
                    DramaShowPage  *self)
{
  /* Rows are made when a season is first opened: a long-running show stays quick. */
  if (!adw_expander_row_get_expanded (row))
    return;

  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      if (season->row == row)
        _drama_show_page_populate_season (self, season);
    }
}

void
_drama_show_page_clear_seasons (DramaShowPage *self)
{
  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *season = g_ptr_array_index (self->seasons, i);

      adw_preferences_group_remove (self->episodes_group, GTK_WIDGET (season->row));
    }
  g_ptr_array_set_size (self->seasons, 0);
  g_hash_table_remove_all (self->episode_rows);
  g_array_set_size (self->episode_ids, 0);
}

static gboolean
same_ids (GArray    *ids,
          GPtrArray *episodes)
{
  if (ids->len != episodes->len)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) != drama_episode_get_id (g_ptr_array_index (episodes, i)))
      return FALSE;
  return TRUE;
}

/* What a row shows of an episode is the same in both. */
static gboolean
same_episode (DramaEpisode *a,
              DramaEpisode *b)
{
  return drama_episode_get_seen_at (a) == drama_episode_get_seen_at (b) &&
         drama_episode_get_number (a) == drama_episode_get_number (b) &&
         drama_episode_get_airstamp (a) == drama_episode_get_airstamp (b) &&
         g_strcmp0 (drama_episode_get_name (a), drama_episode_get_name (b)) == 0 &&
         g_strcmp0 (drama_episode_get_airdate (a), drama_episode_get_airdate (b)) == 0;
}

/* Same episodes as shown (a mark made elsewhere, a refresh that renamed some): update the
 * rows in place, keeping the scroll position and which seasons are open. A mark of this
 * page's still on its way keeps what the page shows: the read may predate it. */
static void
update_episodes (DramaShowPage *self,
                 GPtrArray     *episodes,
                 gint64         now)
{
  guint k = 0;

  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *s = g_ptr_array_index (self->seasons, i);

      for (guint j = 0; j < s->episodes->len; j++, k++)
        {
          DramaEpisode *ep = g_ptr_array_index (episodes, k);
          gint64 id = drama_episode_get_id (ep);
          DramaEpisode *old = g_ptr_array_index (s->episodes, j);
          DramaEpisodeRow *row;

          if (g_hash_table_contains (self->pending_seen, &id))
            continue;
          g_ptr_array_index (s->episodes, j) = g_object_ref (ep);
          row = g_hash_table_lookup (self->episode_rows, &id);
          /* Only the rows whose episode changed. */
          if (row != NULL && !same_episode (old, ep))
            drama_episode_row_set_episode (row, ep, self->local, now);
          g_object_unref (old);
        }
      update_season_subtitle (s, is_hand_added (self), now);
    }
}

void
_drama_show_page_fill_episodes (DramaShowPage *self,
                                GPtrArray     *episodes,
                                gboolean       new_show)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new (NULL, NULL);
  gint64 now = _drama_show_page_now ();
  Season *season = NULL;
  Season *open_season = NULL;

  if (!new_show && same_ids (self->episode_ids, episodes))
    {
      update_episodes (self, episodes, now);
      return;
    }

  for (guint i = 0; !new_show && i < self->seasons->len; i++)
    {
      Season *s = g_ptr_array_index (self->seasons, i);

      if (adw_expander_row_get_expanded (s->row))
        g_hash_table_add (expanded, GINT_TO_POINTER (s->number));
    }
  _drama_show_page_clear_seasons (self);

  for (guint k = 0; k < episodes->len; k++)
    {
      DramaEpisode *ep = g_ptr_array_index (episodes, k);
      gint64 id = drama_episode_get_id (ep);

      g_array_append_val (self->episode_ids, id);
      if (season == NULL || season->number != drama_episode_get_season (ep))
        {
          g_autofree char *title = NULL;
          GtkWidget *button;

          season = g_new0 (Season, 1);
          season->number = drama_episode_get_season (ep);
          season->episodes = g_ptr_array_new_with_free_func (g_object_unref);
          season->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
          title = g_strdup_printf (_("Season %d"), season->number);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (season->row), title);

          button = gtk_button_new_from_icon_name ("object-select-symbolic");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("Mark Season Seen"));
          {
            /* TRANSLATORS: what a screen reader says for the button beside "Season 2" */
            g_autofree char *name = g_strdup_printf (_("Mark Season %d Seen"), season->number);

            drama_ui_set_accessible_label (button, name);
          }
          gtk_widget_add_css_class (button, "flat");
          g_object_set_data (G_OBJECT (button), "season", GINT_TO_POINTER (season->number));
          g_signal_connect (button, "clicked", G_CALLBACK (on_season_seen_clicked), self);
          adw_expander_row_add_action (season->row, button);

          g_signal_connect (season->row, "notify::expanded", G_CALLBACK (on_season_expanded), self);
          g_ptr_array_add (self->seasons, season);
          adw_preferences_group_add (self->episodes_group, GTK_WIDGET (season->row));
        }
      g_ptr_array_add (season->episodes, g_object_ref (ep));

      /* On a new show, open the season where the user is: the first aired, unseen one. */
      if (open_season == NULL && !drama_episode_get_seen (ep) && drama_episode_get_number (ep) > 0 &&
          drama_episode_is_markable (ep, is_hand_added (self), now))
        open_season = season;
    }

  for (guint i = 0; i < self->seasons->len; i++)
    {
      Season *s = g_ptr_array_index (self->seasons, i);

      update_season_subtitle (s, is_hand_added (self), now);
      if (new_show ? s == open_season : g_hash_table_contains (expanded, GINT_TO_POINTER (s->number)))
        adw_expander_row_set_expanded (s->row, TRUE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->episodes_group), self->seasons->len > 0);
}
