#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-news-pane-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "drama-ui-call.h"
#include "drama-ui-text.h"

/* Casting news offers the new drama: above the article in the reader, each drama the
 * article names that TVmaze knows and the watchlist does not (DramaCastingScout found it),
 * with its poster and "Add to Plan to Watch". Read again when the scout finds one for the
 * article shown, and when a show joins the watchlist (its offer goes). */

/* ---- adding ---- */

typedef struct {
  GWeakRef  *button;
  char      *name;
} AddCall;

static void
add_call_free (AddCall *call)
{
  if (call->button != NULL)
    g_object_unref (drama_ui_weak_steal (call->button));
  g_free (call->name);
  g_free (call);
}

static gpointer
plan_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  DramaShow *show = data;
  gint64 show_id = drama_show_get_id (show);

  /* A show removed a moment ago (Undo still possible) comes back too. */
  return DRAMA_UI_JOB_OK (drama_store_set_show_removed (store, show_id, FALSE, error) &&
                          drama_store_set_show_user_fields (store, show_id,
                                                            DRAMA_WATCH_STATUS_PLAN_TO_WATCH,
                                                            drama_show_get_rating (show),
                                                            drama_show_get_notes (show),
                                                            error));
}

static void
add_finished (AddCall      *call,
              const GError *error)
{
  g_autoptr(GtkWidget) button = call->button != NULL ? drama_ui_weak_steal (call->button) : NULL;
  GtkWidget *pane;

  call->button = NULL;
  if (button == NULL)
    {
      if (error != NULL)
        g_warning ("Could not add “%s”: %s", call->name, error->message);
      add_call_free (call);
      return;
    }
  pane = gtk_widget_get_ancestor (button, DRAMA_TYPE_NEWS_PANE);
  if (error != NULL)
    {
      gtk_widget_set_sensitive (button, TRUE);
      gtk_button_set_label (GTK_BUTTON (button), _("Add to _Plan to Watch"));
      if (pane != NULL)
        _drama_news_pane_add_toast (DRAMA_NEWS_PANE (pane),
                                    drama_toast_new_printf (_("Could not add “%s”: %s"),
                                                            call->name, error->message));
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (button), _("Added"));
      if (pane != NULL)
        _drama_news_pane_add_toast (DRAMA_NEWS_PANE (pane),
                                    drama_toast_new_printf (_("“%s” added to Plan to Watch"),
                                                            call->name));
    }
  add_call_free (call);
}

static void
planned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  drama_store_call_finish (DRAMA_STORE (source), result, &error);
  add_finished (user_data, error);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AddCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) show = drama_tvmaze_refresh_show_finish (DRAMA_TVMAZE (source), result,
                                                                &error);
  g_autoptr(GtkWidget) button = NULL;
  GtkWidget *pane;

  if (show == NULL)
    {
      add_finished (call, error);
      return;
    }
  button = call->button != NULL ? g_weak_ref_get (call->button) : NULL;
  pane = button != NULL ? gtk_widget_get_ancestor (button, DRAMA_TYPE_NEWS_PANE) : NULL;
  if (pane == NULL || DRAMA_NEWS_PANE (pane)->store == NULL)
    {
      add_finished (call, NULL);
      return;
    }
  /* The user's change: no cancellable, it lands even if the article is left meanwhile. */
  drama_ui_call (DRAMA_NEWS_PANE (pane)->store, G_PRIORITY_DEFAULT, plan_job,
                 g_object_ref (show), g_object_unref, NULL, NULL, planned_cb, call);
}

static void
on_add_clicked (GtkButton     *button,
                DramaNewsPane *self)
{
  DramaShow *show = g_object_get_data (G_OBJECT (button), "drama-show");
  AddCall *call;

  if (self->tvmaze == NULL || self->store == NULL || show == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  gtk_button_set_label (button, _("Adding…"));
  call = g_new0 (AddCall, 1);
  call->button = drama_ui_weak_new (button);
  call->name = g_strdup (drama_show_get_name (show));
  drama_tvmaze_refresh_show_async (self->tvmaze, self->store, drama_show_get_tvmaze_id (show),
                                   NULL, saved_cb, call);
}

/* ---- the offers ---- */

/* "2027 · tvN": what tells this drama from another of the same name. */
static char *
describe_offer (DramaShow *show)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *premiered = drama_show_get_premiered (show);
  const char *network = drama_show_get_network (show);

  if (premiered != NULL && strlen (premiered) >= 4)
    g_ptr_array_add (parts, g_strndup (premiered, 4));
  else
    g_ptr_array_add (parts, g_strdup (_("Coming soon")));
  if (network != NULL && *network != '\0')
    g_ptr_array_add (parts, g_strdup (network));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
make_offer (DramaNewsPane *self,
            DramaShow     *show)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *poster = gtk_picture_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption = gtk_label_new (_("New drama in this article"));
  GtkWidget *title = gtk_label_new (drama_show_get_name (show));
  g_autofree char *about = describe_offer (show);
  GtkWidget *subtitle = gtk_label_new (about);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Add to _Plan to Watch"));
  g_autofree char *button_name = g_strdup_printf (_("Add “%s” to Plan to Watch"),
                                                  drama_show_get_name (show));

  gtk_widget_add_css_class (row, "casting-offer");
  gtk_picture_set_content_fit (GTK_PICTURE (poster), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (poster, 40, 58);
  gtk_widget_set_valign (poster, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (poster, "drama-poster");
  gtk_widget_set_overflow (poster, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (poster), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  drama_show_get_name (show), -1);
  if (self->image_loader != NULL)
    drama_image_loader_set_image (self->image_loader, poster, drama_show_get_image_medium (show));
  gtk_box_append (GTK_BOX (row), poster);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  for (GtkWidget *label = caption; label != NULL;
       label = label == caption ? title : label == title ? subtitle : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (texts), label);
    }
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (row), texts);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  button_name, -1);
  g_object_set_data_full (G_OBJECT (button), "drama-show", g_object_ref (show), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_add_clicked), self);
  gtk_box_append (GTK_BOX (row), button);
  return row;
}

static void
show_offers (DramaNewsPane *self,
             GPtrArray     *offers)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->offers_box))) != NULL)
    gtk_box_remove (self->offers_box, child);
  for (guint i = 0; offers != NULL && i < offers->len; i++)
    gtk_box_append (self->offers_box, make_offer (self, g_ptr_array_index (offers, i)));
  gtk_revealer_set_reveal_child (self->offers_revealer, offers != NULL && offers->len > 0);
}

static gpointer
offers_job (DramaStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return drama_store_list_article_offers (store, *(gint64 *) data, error);
}

static void
offers_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DramaNewsPane *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offers = drama_store_call_finish (DRAMA_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->offers_cancellable);
  if (offers == NULL)
    g_debug ("Could not read the article's offers: %s", error->message);
  show_offers (self, offers);
}

/* Reads the offers of the article in the reader (none when there is no article). */
void
_drama_news_pane_update_offers (DramaNewsPane *self)
{
  gint64 id;

  _drama_cancel_and_clear (&self->offers_cancellable);
  if (self->article == NULL || self->store == NULL)
    {
      show_offers (self, NULL);
      return;
    }
  id = drama_article_get_id (self->article);
  self->offers_cancellable = g_cancellable_new ();
  drama_ui_call (self->store, G_PRIORITY_HIGH, offers_job, g_memdup2 (&id, sizeof id), g_free,
                 (GDestroyNotify) g_ptr_array_unref, self->offers_cancellable, offers_read_cb,
                 self);
}

/* The scout found a drama for the article shown, or a show joined or left the watchlist. */
void
_drama_news_pane_on_offers_changed (DramaNewsPane    *self,
                                    DramaStoreChange *change)
{
  if (self->article == NULL)
    return;
  /* The scout's finds come as UPDATED; the read and star marks opening an article makes
   * are no reason to read the offers again. */
  if (drama_store_change_get_kind (change) == DRAMA_CHANGE_ARTICLE &&
      (drama_store_change_get_reason (change) != DRAMA_CHANGE_UPDATED ||
       !drama_store_change_has_id (change, drama_article_get_id (self->article))))
    return;
  if (drama_store_change_get_kind (change) == DRAMA_CHANGE_SHOW &&
      !gtk_revealer_get_reveal_child (self->offers_revealer))
    return;
  _drama_news_pane_update_offers (self);
}
