/* The reader's keys wherever the focus is. A WebKitWebView keeps the keys it gets (j, k,
 * Alt+Left, Escape never came back up to the pane's bindings), and when the folded pane
 * swaps the list for the reader the focus goes with the list, so the window itself gets the
 * keys. So the pane listens on its window, before any widget (capture phase), and takes
 * these keys only when they are the reader's: the focus in the article, in the reader's
 * toolbar (Escape, Alt+Left), or nowhere while the reader is on screen. Everywhere else the
 * pane's own bindings (drama-news-pane-actions.c) apply as before, and typing in an entry is
 * never taken. */
#define G_LOG_DOMAIN "drama-news-pane"

#include "config.h"

#include "drama-article-view.h"
#include "drama-news-pane-private.h"

#define KEYS_CONTROLLER "drama-news-pane-keys"

static gboolean
is_inside (GtkWidget *widget,
           GtkWidget *ancestor)
{
  return widget != NULL && ancestor != NULL &&
         (widget == ancestor || gtk_widget_is_ancestor (widget, ancestor));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DramaNewsPane         *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *reader = adw_leaflet_get_child_by_name (self->leaflet, "reader");
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gboolean in_reader, in_article;
  const char *action = NULL;

  if (reader == NULL || !gtk_widget_get_mapped (reader) ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->reader_stack), "reader") != 0)
    return FALSE;
  /* A menu open over the reader (its ⋮): Escape closes the menu, not the article. */
  if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return FALSE;

  /* Nothing on screen has the focus (or a list folded away keeps it): the reader on screen
   * is what the user is looking at. */
  in_article = focus == NULL || !gtk_widget_get_mapped (focus) ||
               is_inside (focus, GTK_WIDGET (self->article_view));
  in_reader = in_article || is_inside (focus, reader);

  if (in_reader && mods == 0 && keyval == GDK_KEY_Escape)
    action = "news.back";
  else if (in_reader && mods == GDK_ALT_MASK &&
           (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left))
    action = "news.back";
  else if (in_article && mods == GDK_CONTROL_MASK && keyval == GDK_KEY_f)
    action = "news.search";
  else if (in_article && mods == 0)
    switch (keyval)
      {
      case GDK_KEY_j:
      case GDK_KEY_n:
        action = "news.next";
        break;
      case GDK_KEY_k:
      case GDK_KEY_p:
        action = "news.previous";
        break;
      case GDK_KEY_s:
        action = "news.toggle-star";
        break;
      case GDK_KEY_o:
        action = "news.open-in-browser";
        break;
      case GDK_KEY_f:
        action = "news.toggle-full";
        break;
      default:
        break;
      }

  if (action == NULL)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
  return TRUE;
}

static void
on_realize (DramaNewsPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkEventController *controller;

  if (!GTK_IS_WINDOW (root))
    return;

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, KEYS_CONTROLLER);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (root), controller);
  g_object_set_data (G_OBJECT (self), KEYS_CONTROLLER, controller);
}

static void
on_unrealize (DramaNewsPane *self)
{
  GtkEventController *controller = g_object_steal_data (G_OBJECT (self), KEYS_CONTROLLER);
  GtkWidget *window;

  if (controller == NULL)
    return;
  window = gtk_event_controller_get_widget (controller);
  if (window != NULL)
    gtk_widget_remove_controller (window, controller);
}

void
_drama_news_pane_keys_init (DramaNewsPane *self)
{
  /* Realized: in its window (a toplevel is realized before its children). */
  g_signal_connect (self, "realize", G_CALLBACK (on_realize), NULL);
  g_signal_connect (self, "unrealize", G_CALLBACK (on_unrealize), NULL);
}
