#define G_LOG_DOMAIN "drama-person-page"

#include "config.h"

#include "drama-person-page-private.h"

#include <glib/gi18n-lib.h>

#include "drama-ui-text.h"

/* The object: its template, a new person (set_person) and the public calls. Their names
 * and proposed names, and their roles, have files of their own (see
 * drama-person-page-private.h). */

G_DEFINE_FINAL_TYPE (DramaPersonPage, drama_person_page, GTK_TYPE_WIDGET)

enum {
  SHOW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
drama_person_page_format_name (const char         *name,
                               const char * const *aliases)
{
  g_autofree char *joined = NULL;

  if (aliases == NULL || aliases[0] == NULL)
    return g_strdup (name != NULL ? name : "");
  joined = g_strjoinv (", ", (char **) aliases);
  /* TRANSLATORS: a person's name and the other names the news uses, "Kim Myung-soo (L)" */
  return g_strdup_printf (_("%s (%s)"), name != NULL ? name : "", joined);
}

/* Errors reach the user: a toast in the window's overlay, else the console. */
void
_drama_person_page_show_error (DramaPersonPage *self,
                               const char      *what,
                               const GError    *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), drama_toast_new_error (what, error));
  else
    g_warning ("%s: %s", what, error->message);
}

void
_drama_person_page_emit_show_activated (DramaPersonPage *self,
                                        gint64           show_id)
{
  g_signal_emit (self, signals[SHOW_ACTIVATED], 0, show_id);
}

void
drama_person_page_set_person (DramaPersonPage *self,
                              DramaPerson     *person)
{
  g_return_if_fail (DRAMA_IS_PERSON_PAGE (self));
  g_return_if_fail (DRAMA_IS_PERSON (person));

  g_set_object (&self->person, person);
  gtk_label_set_label (self->name_label, drama_person_get_name (person));
  g_strfreev (self->aliases);
  self->aliases = drama_person_get_aliases (person) != NULL
                  ? g_strdupv ((char **) drama_person_get_aliases (person)) : NULL;
  self->n_alias_writes = 0;
  /* Their news (a person known only to TVmaze, id 0, has none yet). */
  drama_related_list_set_store (self->related_list, self->store);
  drama_related_list_set_target (self->related_list, DRAMA_ARTICLE_FILTER_PERSON,
                                 drama_person_get_id (person));
  adw_avatar_set_text (self->avatar, drama_person_get_name (person));
  if (self->loader != NULL)
    drama_image_loader_set_image (self->loader, GTK_WIDGET (self->avatar),
                                  drama_person_get_image_medium (person));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->lookup_idle, g_source_remove);
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->roles_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->credits, 0);
  _drama_person_page_update_names (self);
  _drama_person_page_read_names (self);

  if (self->tvmaze == NULL || drama_person_get_tvmaze_id (person) <= 0)
    {
      drama_status_page_set_text (self->error_page, _("This person is not on TVmaze."));
      gtk_stack_set_visible_child_name (self->roles_stack, "error");
      return;
    }

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->roles_stack, "loading");
  drama_tvmaze_get_person_credits_async (self->tvmaze, drama_person_get_tvmaze_id (person),
                                         self->cancellable, _drama_person_page_credits_cb,
                                         g_object_ref (self));
}

static void
drama_person_page_dispose (GObject *object)
{
  DramaPersonPage *self = DRAMA_PERSON_PAGE (object);
  GtkWidget *child;

  g_clear_object (&self->show_list);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->lookup_idle, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_PERSON_PAGE);
  /* The template's top child has no id, so dispose_template leaves it: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->credits, g_ptr_array_unref);
  g_clear_pointer (&self->alias_rows, g_ptr_array_unref);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  g_clear_pointer (&self->aliases, g_strfreev);
  g_clear_object (&self->store);
  g_clear_object (&self->tvmaze);
  g_clear_object (&self->loader);
  g_clear_object (&self->person);

  G_OBJECT_CLASS (drama_person_page_parent_class)->dispose (object);
}

static void
drama_person_page_class_init (DramaPersonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_person_page_dispose;

  signals[SHOW_ACTIVATED] =
    g_signal_new ("show-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramapersonpage");
  g_type_ensure (DRAMA_TYPE_RELATED_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-person-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, aliases_label);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, names_group);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, alias_entry);
  _drama_person_page_names_class_init (widget_class);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, roles_stack);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, related_list);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, DramaPersonPage, roles_group);
}

static void
drama_person_page_init (DramaPersonPage *self)
{
  self->rows = g_ptr_array_new ();
  self->alias_rows = g_ptr_array_new ();
  self->credits = g_ptr_array_new_with_free_func ((GDestroyNotify) drama_credit_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The page scrolls as a whole. */
  drama_related_list_set_scrolls (self->related_list, FALSE);
  /* Their names are edited at the top of the page (names_group), not under News. */
  drama_related_list_set_settings_visible (self->related_list, FALSE);
}

DramaPersonPage *
drama_person_page_new (DramaStore       *store,
                       DramaTvmaze      *tvmaze,
                       DramaImageLoader *loader,
                       GSettings        *settings)
{
  DramaPersonPage *self = g_object_new (DRAMA_TYPE_PERSON_PAGE, NULL);

  g_set_object (&self->store, store);
  g_set_object (&self->tvmaze, tvmaze);
  g_set_object (&self->loader, loader);
  drama_related_list_set_image_loader (self->related_list, loader);
  drama_related_list_set_settings (self->related_list, settings);
  if (store != NULL)
    {
      g_signal_connect_swapped (store, "changed::show",
                                G_CALLBACK (_drama_person_page_on_show_changed), self);
      g_signal_connect_swapped (store, "aliases-changed",
                                G_CALLBACK (_drama_person_page_on_aliases_changed), self);
    }
  return self;
}

DramaPerson *
drama_person_page_get_person (DramaPersonPage *self)
{
  g_return_val_if_fail (DRAMA_IS_PERSON_PAGE (self), NULL);

  return self->person;
}

guint
drama_person_page_get_n_roles (DramaPersonPage *self)
{
  g_return_val_if_fail (DRAMA_IS_PERSON_PAGE (self), 0);

  return self->rows->len;
}

void
drama_person_page_set_show_list (DramaPersonPage *self,
                                 DramaShowList   *show_list)
{
  g_return_if_fail (DRAMA_IS_PERSON_PAGE (self));

  g_set_object (&self->show_list, show_list);
  drama_related_list_set_show_list (self->related_list, show_list);
}

DramaPersonPage *
drama_person_page_open (GtkWindow        *parent,
                        DramaStore       *store,
                        DramaTvmaze      *tvmaze,
                        DramaImageLoader *loader,
                        GSettings        *settings,
                        DramaPerson      *person)
{
  DramaPersonPage *page;
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *overlay;
  GtkEventController *controller;

  g_return_val_if_fail (DRAMA_IS_PERSON (person), NULL);

  page = drama_person_page_new (store, tvmaze, loader, settings);
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);

  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (drama_person_get_name (person), NULL));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  /* Its errors (a name not saved, the watchlist not read) are toasts here. */
  overlay = adw_toast_overlay_new ();
  gtk_widget_set_vexpand (overlay, TRUE);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  gtk_box_append (GTK_BOX (box), overlay);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), drama_person_get_name (person));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 640);
  gtk_widget_set_size_request (window, 360, 294);
  /* A dialog over the show it was opened from: one at a time, gone with Escape. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, controller);
  if (parent != NULL)
    {
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
      gtk_window_set_transient_for (GTK_WINDOW (window), parent);
      gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
    }
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  adw_window_set_content (ADW_WINDOW (window), box);
  drama_ui_name_controls (window);

  drama_person_page_set_person (page, person);
  gtk_window_present (GTK_WINDOW (window));
  return page;
}
