#define G_LOG_DOMAIN "drama-related"

#include "config.h"

#include "drama-related.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "drama-article-row.h"
#include "drama-settings.h"
#include "drama-window.h"

gboolean
drama_related_get_spoiler_guard (GSettings *settings)
{
  return settings != NULL ? g_settings_get_boolean (settings, DRAMA_SETTINGS_SPOILER_GUARD) : TRUE;
}

char *
drama_related_episode_label (DramaEpisode *episode)
{
  int season, number;

  g_return_val_if_fail (DRAMA_IS_EPISODE (episode), g_strdup (""));

  season = drama_episode_get_season (episode);
  number = drama_episode_get_number (episode);
  if (number <= 0)
    return g_strdup (_("a special"));
  if (season > 1)
    /* TRANSLATORS: season and episode numbers, short */
    return g_strdup_printf (_("S%d Ep %d"), season, number);
  /* TRANSLATORS: an episode number, short */
  return g_strdup_printf (_("Ep %d"), number);
}

char *
drama_related_spoiler_note (DramaEpisode *episode)
{
  g_autofree char *label = drama_related_episode_label (episode);

  /* TRANSLATORS: %s is an episode, e.g. "Ep 14" */
  return g_strdup_printf (_("May contain spoilers for %s"), label);
}

void
drama_related_set_blurred (GtkWidget *widget,
                           gboolean   blurred)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (blurred)
    gtk_widget_add_css_class (widget, "drama-spoiler-blur");
  else
    gtk_widget_remove_css_class (widget, "drama-spoiler-blur");
}

static DramaWindow *
find_window (GtkWidget *from)
{
  GtkRoot *root = gtk_widget_get_root (from);
  GtkWindow *transient;

  if (DRAMA_IS_WINDOW (root))
    return DRAMA_WINDOW (root);
  /* A popover's content is rooted in the window; a dialog's is not. */
  transient = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;
  return DRAMA_IS_WINDOW (transient) ? DRAMA_WINDOW (transient) : NULL;
}

/* The articles the user chose to read despite the guard, per window: asked once. */
static GHashTable *
accepted_spoilers (DramaWindow *window)
{
  GHashTable *set = g_object_get_data (G_OBJECT (window), "drama-accepted-spoilers");

  if (set == NULL)
    {
      set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (window), "drama-accepted-spoilers", set,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return set;
}

gboolean
drama_related_spoiler_accepted (GtkWidget    *from,
                                DramaArticle *article)
{
  DramaWindow *window;
  gint64 id;

  g_return_val_if_fail (GTK_IS_WIDGET (from), TRUE);
  g_return_val_if_fail (DRAMA_IS_ARTICLE (article), TRUE);

  if (drama_article_get_spoiler_episode (article) == NULL)
    return TRUE;
  window = find_window (from);
  id = drama_article_get_id (article);
  return window != NULL && g_hash_table_contains (accepted_spoilers (window), &id);
}

static void
open_article_now (DramaWindow  *window,
                  DramaArticle *article)
{
  gint64 id = drama_article_get_id (article);

  if (drama_article_get_spoiler_episode (article) != NULL)
    g_hash_table_add (accepted_spoilers (window), g_memdup2 (&id, sizeof id));
  drama_news_pane_show_article (drama_window_get_news_pane (window), article);
  drama_window_show_news (window);
}

/* Opening something from a window of its own (an actor's page) takes the user to the main
 * window; the small window would stay above it and hide what was opened. */
static void
leave_secondary_window (GtkWidget   *from,
                        DramaWindow *window)
{
  GtkRoot *root = gtk_widget_get_root (from);

  if (GTK_IS_WINDOW (root) && GTK_WINDOW (root) != GTK_WINDOW (window))
    gtk_window_close (GTK_WINDOW (root));
}

static void
on_spoiler_dialog_destroy (GtkWidget *dialog,
                           GObject   *window)
{
  if (g_object_get_data (window, "drama-spoiler-dialog") == dialog)
    g_object_set_data (window, "drama-spoiler-dialog", NULL);
}

static void
on_spoiler_response (AdwMessageDialog *dialog,
                     const char       *response,
                     DramaArticle     *article)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (window != NULL && g_object_get_data (G_OBJECT (window), "drama-spoiler-dialog") == dialog)
    g_object_set_data (G_OBJECT (window), "drama-spoiler-dialog", NULL);
  if (g_strcmp0 (response, "show") == 0 && DRAMA_IS_WINDOW (window))
    open_article_now (DRAMA_WINDOW (window), article);
}

void
drama_related_open_article (GtkWidget    *from,
                            DramaArticle *article_in)
{
  /* Closing a secondary window may drop the last other reference. */
  g_autoptr(DramaArticle) article = NULL;
  DramaWindow *window;
  DramaEpisode *spoiler;
  gboolean accepted;
  g_autofree char *label = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (DRAMA_IS_ARTICLE (article_in));

  window = find_window (from);
  if (window == NULL)
    return;

  article = g_object_ref (article_in);
  spoiler = drama_article_get_spoiler_episode (article);
  accepted = drama_related_spoiler_accepted (from, article);
  leave_secondary_window (from, window);
  if (spoiler == NULL || accepted)
    {
      open_article_now (window, article);
      return;
    }

  /* One question at a time: the news pane may ask for the same article twice in one click
   * (selecting a row opens it too). */
  dialog = g_object_get_data (G_OBJECT (window), "drama-spoiler-dialog");
  if (dialog != NULL)
    {
      DramaArticle *asked = g_object_get_data (G_OBJECT (dialog), "drama-article");

      if (asked != NULL && drama_article_get_id (asked) == drama_article_get_id (article))
        return;
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_object_set_data (G_OBJECT (window), "drama-spoiler-dialog", NULL);
    }

  label = drama_related_episode_label (spoiler);
  if (drama_episode_get_show_name (spoiler) != NULL)
    /* TRANSLATORS: first %s is an episode ("Ep 14"), second a show's title */
    body = g_strdup_printf (_("This article may reveal what happens in %s of %s, which you "
                              "have not marked as seen."),
                            label, drama_episode_get_show_name (spoiler));
  else
    body = g_strdup_printf (_("This article may reveal what happens in %s, which you have "
                              "not marked as seen."), label);

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Show Possible Spoilers?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "show", _("_Show Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "drama-article", g_object_ref (article),
                          g_object_unref);
  g_object_set_data (G_OBJECT (window), "drama-spoiler-dialog", dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_spoiler_dialog_destroy), window, 0);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_spoiler_response),
                         g_object_ref (article), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
drama_related_open_show (GtkWidget *from,
                         gint64     show_id)
{
  DramaWindow *window;

  g_return_if_fail (GTK_IS_WIDGET (from));

  window = find_window (from);
  if (window == NULL || show_id <= 0)
    return;
  leave_secondary_window (from, window);
  drama_window_show_show (window, show_id);
}

GHashTable *
drama_related_index_episode_articles (DramaStore  *store,
                                      gint64       show_id,
                                      gboolean     spoiler_guard,
                                      GError     **error)
{
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GArray) episode_ids = NULL;

  g_return_val_if_fail (DRAMA_IS_STORE (store), NULL);

  /* One query for the whole show (newest first), one lock for the chips and guards. */
  articles = drama_store_list_show_episode_articles (store, show_id, &episode_ids, error);
  if (articles == NULL)
    return NULL;
  if (!drama_store_fill_article_links (store, articles, spoiler_guard, error))
    return NULL;

  index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < articles->len; i++)
    {
      gint64 episode_id = g_array_index (episode_ids, gint64, i);
      GPtrArray *list = g_hash_table_lookup (index, &episode_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (index, g_memdup2 (&episode_id, sizeof episode_id), list);
        }
      g_ptr_array_add (list, g_object_ref (g_ptr_array_index (articles, i)));
    }

  return g_steal_pointer (&index);
}

char *
drama_related_format_date (gint64 unix_time,
                           gint64 now)
{
  /* The news pane's own wording: "Just now" beside "just now" read as two apps. */
  char *text = drama_format_relative_time (unix_time, now);

  return text != NULL ? text : g_strdup ("");
}
