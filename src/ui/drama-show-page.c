#define G_LOG_DOMAIN "drama-show-page"

#include "config.h"

#include "drama-show-page.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

struct _DramaShowPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkLabel      *name_label;

  DramaStore    *store;
  gint64         show_id;
  char          *title;
};

G_DEFINE_FINAL_TYPE (DramaShowPage, drama_show_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SHOW_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_title (DramaShowPage *self,
           const char    *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
reload (DramaShowPage *self)
{
  g_autoptr(DramaShow) show = NULL;
  g_autoptr(GError) error = NULL;

  if (self->show_id == 0 || self->store == NULL)
    {
      set_title (self, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show = drama_store_get_show (self->store, self->show_id, &error);
  if (show == NULL && g_error_matches (error, DRAMA_STORE_ERROR, DRAMA_STORE_ERROR_NOT_FOUND))
    {
      /* Removed from the watchlist meanwhile. */
      drama_show_page_set_show_id (self, 0);
      return;
    }
  if (show == NULL)
    {
      set_title (self, "");
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  set_title (self, drama_show_get_name (show));
  gtk_label_set_label (self->name_label, drama_show_get_name (show));
  gtk_stack_set_visible_child_name (self->stack, "show");
}

static void
on_shows_changed (DramaStore    *store,
                  DramaShowPage *self)
{
  reload (self);
}

static void
drama_show_page_dispose (GObject *object)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_SHOW_PAGE);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drama_show_page_parent_class)->dispose (object);
}

static void
drama_show_page_finalize (GObject *object)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);

  g_free (self->title);

  G_OBJECT_CLASS (drama_show_page_parent_class)->finalize (object);
}

static void
drama_show_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SHOW_ID:
      g_value_set_int64 (value, self->show_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_show_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DramaShowPage *self = DRAMA_SHOW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_ID:
      drama_show_page_set_show_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drama_show_page_class_init (DramaShowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_show_page_dispose;
  object_class->finalize = drama_show_page_finalize;
  object_class->get_property = drama_show_page_get_property;
  object_class->set_property = drama_show_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_ID] =
    g_param_spec_int64 ("show-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dramashowpage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-show-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, DramaShowPage, name_label);
}

static void
drama_show_page_init (DramaShowPage *self)
{
  self->title = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));
}

DramaShowPage *
drama_show_page_new (void)
{
  return g_object_new (DRAMA_TYPE_SHOW_PAGE, NULL);
}

void
drama_show_page_set_store (DramaShowPage *self,
                           DramaStore    *store)
{
  g_return_if_fail (DRAMA_IS_SHOW_PAGE (self));
  g_return_if_fail (store == NULL || DRAMA_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "shows-changed", G_CALLBACK (on_shows_changed), self);

  reload (self);
}

DramaStore *
drama_show_page_get_store (DramaShowPage *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), NULL);

  return self->store;
}

void
drama_show_page_set_show_id (DramaShowPage *self,
                             gint64         show_id)
{
  g_return_if_fail (DRAMA_IS_SHOW_PAGE (self));

  if (self->show_id != show_id)
    {
      self->show_id = show_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ID]);
    }

  reload (self);
}

gint64
drama_show_page_get_show_id (DramaShowPage *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), 0);

  return self->show_id;
}

const char *
drama_show_page_get_title (DramaShowPage *self)
{
  g_return_val_if_fail (DRAMA_IS_SHOW_PAGE (self), NULL);

  return self->title;
}
