#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane-private.h"
#include "drama-ui-text.h"

#include <glib/gi18n-lib.h>

/* Read and star marks: shown at once in the row and the reader, stored on the store's
 * thread, undone in the row when the store says no. Mark all as read, with an Undo that
 * restores exactly what it changed. */

/* A mark the row shows at once, on its way to the store: undone in the row if the store
 * says no. */
typedef struct {
  DramaNewsPane *self;      /* not a reference: dispose cancels the call */
  GPtrArray     *articles;  /* the objects that show it (the row's, the reader's) */
  gboolean       starred;   /* the star (else the read flag) */
  gboolean       value;
} Mark;

static void
mark_free (Mark *mark)
{
  g_ptr_array_unref (mark->articles);
  g_free (mark);
}

static Mark *
mark_new (DramaNewsPane *self,
          DramaArticle  *article,
          gboolean       starred,
          gboolean       value)
{
  Mark *mark = g_new0 (Mark, 1);

  mark->self = self;
  mark->articles = g_ptr_array_new_with_free_func (g_object_unref);
  if (article != NULL)
    g_ptr_array_add (mark->articles, g_object_ref (article));
  mark->starred = starred;
  mark->value = value;
  return mark;
}

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Mark *mark = user_data;
  g_autoptr(GError) error = NULL;
  const char *what;

  if (!drama_store_set_finish (DRAMA_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      for (guint i = 0; i < mark->articles->len; i++)
        {
          if (mark->starred)
            drama_article_set_starred (mark->articles->pdata[i], !mark->value);
          else
            drama_article_set_read (mark->articles->pdata[i], !mark->value);
        }
      if (mark->starred)
        what = mark->value ? _("The article could not be starred")
                           : _("The article could not be unstarred");
      else
        what = mark->value ? _("The article could not be marked as read")
                           : _("The article could not be marked as unread");
      _drama_news_pane_toast_error (mark->self, what, error);
    }
  mark_free (mark);
}

void
_drama_news_pane_mark_read (DramaNewsPane *self,
                            DramaArticle  *article,
                            gboolean       read)
{
  gint64 id = drama_article_get_id (article);

  drama_article_set_read (article, read);
  drama_store_set_articles_read_async (self->store, &id, 1, read, self->cancellable,
                                       marked_cb, mark_new (self, article, FALSE, read));
}

/* ---- stars and read marks ---- */

static void
set_starred (DramaNewsPane *self,
             gint64         article_id,
             gboolean       starred)
{
  g_autoptr(DramaArticle) item = NULL;
  Mark *mark;
  guint position;

  if (self->store == NULL)
    return;

  /* Show it at once (the row and the reader); undone in both if the store says no. */
  mark = mark_new (self, NULL, TRUE, starred);
  position = self->list ? drama_article_list_find (self->list, article_id) : G_MAXUINT;
  if (position != G_MAXUINT)
    item = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (item != NULL && !drama_article_list_is_placeholder (item))
    {
      drama_article_set_starred (item, starred);
      g_ptr_array_add (mark->articles, g_object_ref (item));
    }
  if (self->article != NULL && self->article != item &&
      drama_article_get_id (self->article) == article_id)
    {
      drama_article_set_starred (self->article, starred);
      g_ptr_array_add (mark->articles, g_object_ref (self->article));
    }

  drama_store_set_article_starred_async (self->store, article_id, starred, self->cancellable,
                                         marked_cb, mark);
}

void
_drama_news_pane_set_starred_activated (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  gint64 id;
  gboolean starred;

  g_variant_get (parameter, "(xb)", &id, &starred);
  set_starred (DRAMA_NEWS_PANE (widget), id, starred);
}

void
_drama_news_pane_toggle_star_activated (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  if (self->article != NULL)
    set_starred (self, drama_article_get_id (self->article),
                 !drama_article_get_starred (self->article));
}

void
_drama_news_pane_mark_unread_activated (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);

  if (self->article == NULL || self->store == NULL)
    return;
  _drama_news_pane_mark_read (self, self->article, FALSE);
}

/* ---- mark all read, with an exact Undo ---- */

/* What one "Mark All as Read" changed, kept by its toast for Undo. */
typedef struct {
  DramaStore    *store;
  GArray        *ids;
  DramaNewsPane *pane;    /* weak: told when the Undo fails */
} MarkedRead;

static void
marked_read_free (gpointer data)
{
  MarkedRead *marked = data;

  if (marked->pane != NULL)
    g_object_remove_weak_pointer (G_OBJECT (marked->pane), (gpointer *) &marked->pane);
  g_clear_object (&marked->store);
  g_array_unref (marked->ids);
  g_free (marked);
}

static void
undone_mark_all_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DramaNewsPane) pane = user_data;
  g_autoptr(GError) error = NULL;

  /* The list follows the store's change; a failure is the user's to know: the articles
   * they meant to keep unread are still read. */
  if (!drama_store_set_finish (DRAMA_STORE (source), result, &error) && pane != NULL &&
      pane->store != NULL)
    _drama_news_pane_toast_error (pane, _("The articles could not be marked as unread again"),
                                  error);
}

static void
on_undo_mark_all (AdwToast   *toast,
                  MarkedRead *marked)
{
  /* Exactly the articles this mark changed, none that were read before. */
  drama_store_set_articles_read_async (marked->store, (const gint64 *) (gpointer) marked->ids->data,
                                       marked->ids->len, FALSE, NULL, undone_mark_all_cb,
                                       marked->pane != NULL ? g_object_ref (marked->pane) : NULL);
}

typedef struct {
  DramaArticleFilter filter;
  gint64             filter_id;
  char              *search;
} MarkAll;

static void
mark_all_free (gpointer data)
{
  MarkAll *mark = data;

  g_free (mark->search);
  g_free (mark);
}

/* On the store's thread, with a search: exactly what the list shows, search included
 * (drama_store_mark_all_read () knows no search). Returns the ids it changed. */
static gpointer
mark_shown_read_job (DramaStore    *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  MarkAll *mark = data;
  g_autoptr(GArray) read_flags = NULL;
  g_autoptr(GArray) ids = drama_store_list_article_ids (store, mark->filter, mark->filter_id,
                                                        mark->search, &read_flags, error);
  g_autoptr(GArray) unread = NULL;

  if (ids == NULL)
    return NULL;
  unread = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < ids->len; i++)
    if (!g_array_index (read_flags, guint8, i))
      g_array_append_val (unread, g_array_index (ids, gint64, i));
  if (unread->len > 0 &&
      !drama_store_set_articles_read (store, (const gint64 *) (gpointer) unread->data,
                                      unread->len, TRUE, error))
    return NULL;
  return g_steal_pointer (&unread);
}

static void
marked_all_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DramaNewsPane *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = drama_store_call_finish (DRAMA_STORE (source), result, &error);
  g_autofree char *text = NULL;
  MarkedRead *marked;
  AdwToast *toast;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.mark-all-read", TRUE);
  if (ids == NULL)
    {
      _drama_news_pane_toast_error (self, _("The articles could not be marked as read"), error);
      return;
    }
  if (ids->len == 0)
    {
      _drama_news_pane_add_toast (self, drama_toast_new (_("Every article is read already")));
      return;
    }

  marked = g_new0 (MarkedRead, 1);
  marked->store = g_object_ref (self->store);
  marked->ids = g_steal_pointer (&ids);
  marked->pane = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &marked->pane);

  /* "%'u": grouped as the user's locale groups thousands ("100,000", "100 000"). */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u article marked as read",
                                       "%'u articles marked as read", marked->ids->len),
                          marked->ids->len);
  toast = drama_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "drama-marked", marked, marked_read_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_mark_all), marked);
  _drama_news_pane_add_toast (self, toast);
  /* The rows turn read in place as the list follows the store's change. */
}

void
_drama_news_pane_mark_all_read_activated (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  DramaNewsPane *self = DRAMA_NEWS_PANE (widget);
  const char *search;

  if (self->list == NULL || self->store == NULL)
    return;

  /* One at a time: a second press would find nothing left to mark (and no Undo). */
  gtk_widget_action_set_enabled (widget, "news.mark-all-read", FALSE);
  search = drama_article_list_get_search (self->list);
  if (search == NULL || *search == '\0')
    {
      /* Both finish with the ids changed (a GArray). */
      drama_store_mark_all_read_async (self->store, drama_article_list_get_filter (self->list),
                                       drama_article_list_get_filter_id (self->list),
                                       self->cancellable, marked_all_read_cb, self);
    }
  else
    {
      MarkAll *mark = g_new0 (MarkAll, 1);

      mark->filter = drama_article_list_get_filter (self->list);
      mark->filter_id = drama_article_list_get_filter_id (self->list);
      mark->search = g_strdup (search);
      drama_store_call_async (self->store, G_PRIORITY_DEFAULT, mark_shown_read_job, mark,
                              mark_all_free, (GDestroyNotify) g_array_unref, self->cancellable,
                              marked_all_read_cb, self);
    }
}
