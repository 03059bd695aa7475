#define G_LOG_DOMAIN "drama-related-list"

#include "config.h"

#include "drama-related-list-private.h"

#include <glib/gi18n-lib.h>

#include "drama-ui-call.h"

/* "Names and Spoilers": the aliases as chips with their entry, and a show's own spoiler
 * guard; each change shown at once and written on the store's thread. */

static void save_aliases (DramaRelatedList *self, GStrv aliases);

static void
on_alias_remove_clicked (GtkButton        *button,
                         DramaRelatedList *self)
{
  const char *alias = g_object_get_data (G_OBJECT (button), "drama-alias");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) aliases = NULL;

  for (guint i = 0; self->aliases != NULL && self->aliases[i] != NULL; i++)
    {
      if (g_strcmp0 (self->aliases[i], alias) != 0)
        g_strv_builder_add (builder, self->aliases[i]);
    }
  aliases = g_strv_builder_end (builder);
  save_aliases (self, aliases);
}

void
_drama_related_list_update_alias_chips (DramaRelatedList *self)
{
  GtkWidget *child;
  guint n = self->aliases != NULL ? g_strv_length (self->aliases) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->alias_box))) != NULL)
    gtk_flow_box_remove (self->alias_box, child);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *tooltip = NULL;
      GtkWidget *chip, *label, *remove;

      chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      gtk_widget_add_css_class (chip, "drama-alias-chip");
      label = gtk_label_new (self->aliases[i]);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (chip), label);
      remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      /* TRANSLATORS: tooltip of the button removing an alias; %s is the alias */
      tooltip = g_strdup_printf (_("Remove “%s”"), self->aliases[i]);
      gtk_widget_set_tooltip_text (remove, tooltip);
      g_object_set_data_full (G_OBJECT (remove), "drama-alias",
                              g_strdup (self->aliases[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_alias_remove_clicked), self);
      gtk_box_append (GTK_BOX (chip), remove);
      gtk_flow_box_append (self->alias_box, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->alias_chips_row), n > 0);

  if (n > 0)
    {
      g_autofree char *joined = g_strjoinv (", ", self->aliases);
      /* TRANSLATORS: %s is a list of nicknames, "L, Myungsoo" */
      g_autofree char *subtitle = g_strdup_printf (_("Also found as %s"), joined);

      adw_expander_row_set_subtitle (self->settings_row, subtitle);
    }
  else
    {
      adw_expander_row_set_subtitle (self->settings_row,
                                     self->filter == DRAMA_ARTICLE_FILTER_PERSON ?
                                     _("Add the stage names the news uses") :
                                     _("Add the nicknames the news uses"));
    }
}

typedef struct {
  DramaArticleFilter  filter;
  gint64              target_id;
  GStrv               aliases;
  int                 spoiler_guard;   /* -1: the aliases, else the show's guard */
} WriteArgs;

static void
write_args_free (gpointer data)
{
  WriteArgs *args = data;

  g_strfreev (args->aliases);
  g_free (args);
}

static gpointer
write_job (DramaStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  WriteArgs *args = data;
  gboolean ok;

  if (args->spoiler_guard >= 0)
    ok = drama_store_set_show_spoiler_guard (store, args->target_id, args->spoiler_guard, error);
  else if (args->filter == DRAMA_ARTICLE_FILTER_SHOW)
    ok = drama_store_set_show_aliases (store, args->target_id,
                                       (const char * const *) args->aliases, error);
  else
    ok = drama_store_set_person_aliases (store, args->target_id,
                                         (const char * const *) args->aliases, error);
  return DRAMA_UI_JOB_OK (ok);
}

typedef struct {
  GWeakRef *list;
  gint64    target_id;
  gboolean  aliases;
} WriteCall;

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  WriteCall *call = user_data;
  g_autoptr(DramaRelatedList) self = drama_ui_weak_steal (call->list);
  g_autoptr(GError) error = NULL;
  gboolean ok = drama_store_call_finish (DRAMA_STORE (source), result, &error) != NULL;
  gboolean same = self != NULL && self->store != NULL && self->target_id == call->target_id;

  if (same && self->n_writes > 0)
    self->n_writes--;
  if (!ok)
    {
      g_autofree char *text = g_strdup_printf (call->aliases
                                               ? _("The nicknames could not be saved: %s")
                                               : _("The spoiler setting could not be saved: %s"),
                                               error->message);

      if (self != NULL && self->store != NULL)
        _drama_related_list_show_error (self, text);
      else
        g_warning ("%s", text);
      /* The chips or the switch show what was not saved: back to what the store has. */
      if (same)
        _drama_related_list_queue_read (self, READ_SETTINGS);
    }
  g_free (call);
}

/* The widgets show the change at once; the store's echo ("aliases-changed", "changed::show")
 * is not read back while writes are on their way. The linker relinks by itself. */
static void
save_setting (DramaRelatedList *self,
              WriteArgs        *args,
              gboolean          aliases)
{
  WriteCall *call = g_new0 (WriteCall, 1);

  args->filter = self->filter;
  args->target_id = self->target_id;
  call->list = drama_ui_weak_new (self);
  call->target_id = self->target_id;
  call->aliases = aliases;
  self->n_writes++;
  /* The user's change: no cancellable, it lands even if the list goes away. */
  drama_ui_call (self->store, G_PRIORITY_DEFAULT, write_job, args, write_args_free, NULL, NULL,
                 write_cb, call);
}

static void
save_aliases (DramaRelatedList *self,
              GStrv             aliases)
{
  WriteArgs *args;

  if (self->store == NULL || self->target_id <= 0)
    return;

  g_strfreev (self->aliases);
  self->aliases = g_strdupv (aliases);
  _drama_related_list_update_alias_chips (self);

  args = g_new0 (WriteArgs, 1);
  args->aliases = g_strdupv (aliases);
  args->spoiler_guard = -1;
  save_setting (self, args, TRUE);
}

static void
on_alias_apply (DramaRelatedList *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->alias_entry))));
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) aliases = NULL;

  if (*text == '\0')
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->alias_entry), "");
  /* Short stage names are case-sensitive for the matcher: "L" and "l" are not the same. */
  if (self->aliases != NULL && g_strv_contains ((const char * const *) self->aliases, text))
    return;

  builder = g_strv_builder_new ();
  if (self->aliases != NULL)
    g_strv_builder_addv (builder, (const char **) self->aliases);
  g_strv_builder_add (builder, text);
  aliases = g_strv_builder_end (builder);
  save_aliases (self, aliases);
}

static void
on_spoiler_switch_active (DramaRelatedList *self)
{
  WriteArgs *args;

  if (self->updating_switch || self->store == NULL || self->target_id <= 0 ||
      self->filter != DRAMA_ARTICLE_FILTER_SHOW)
    return;

  args = g_new0 (WriteArgs, 1);
  args->spoiler_guard = gtk_switch_get_active (self->spoiler_switch);
  save_setting (self, args, FALSE);
}

void
_drama_related_list_names_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_alias_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_spoiler_switch_active);
}
