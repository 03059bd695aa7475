#define G_LOG_DOMAIN "drama-show-page"

#include "config.h"

#include "drama-show-page-private.h"

#include <glib/gi18n-lib.h>

#include "drama-person-page.h"
#include "drama-ui-call.h"
#include "drama-ui-text.h"
#include "drama-window.h"

/* The cast: a row per person (their names as the news uses them), each opening the
 * person's page; a change of aliases updates that row alone. */

static void
on_person_show_activated (DramaPersonPage *page,
                          gint64           show_id,
                          DramaShowPage   *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (DRAMA_IS_WINDOW (root))
    {
      drama_window_show_show (DRAMA_WINDOW (root), show_id);
      gtk_window_present (GTK_WINDOW (root));
    }
}

static void
on_cast_row_activated (AdwActionRow  *row,
                       DramaShowPage *self)
{
  DramaPerson *person = g_object_get_data (G_OBJECT (row), "person");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  DramaPersonPage *page;

  if (self->tvmaze == NULL || !GTK_IS_WINDOW (root))
    return;

  page = drama_person_page_open (GTK_WINDOW (root), self->store, self->tvmaze, self->loader,
                                 self->settings, person);
  drama_person_page_set_show_list (page, self->show_list);
  g_signal_connect_object (page, "show-activated", G_CALLBACK (on_person_show_activated), self, 0);
}

/* "Kim Myung-soo (L)": the names the news uses, beside the one TVmaze gives. */
static void
set_cast_title (GtkWidget   *row,
                DramaPerson *person)
{
  g_autofree char *title = drama_person_page_format_name (drama_person_get_name (person),
                                                          drama_person_get_aliases (person));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

static GtkWidget *
find_cast_row (DramaShowPage *self,
               gint64         person_id)
{
  for (guint i = 0; i < self->cast_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->cast_rows, i);
      gint64 *id = g_object_get_data (G_OBJECT (row), "person-id");

      if (id != NULL && *id == person_id)
        return row;
    }
  return NULL;
}

static char *proposed_name (GPtrArray *proposals, gint64 person_id);

/* The row's subtitle: the character, and a name the news gave the actor if one waits. */
static void
set_cast_subtitle (GtkWidget   *row,
                   DramaPerson *person,
                   GPtrArray   *proposals)
{
  const char *character = drama_person_get_character (person);
  g_autofree char *as = NULL;
  g_autofree char *proposed = NULL;

  if (character == NULL || *character == '\0')
    return;
  /* TRANSLATORS: the character an actor plays */
  as = g_strdup_printf (_("as %s"), character);
  proposed = proposed_name (proposals, drama_person_get_id (person));
  if (proposed != NULL)
    {
      /* TRANSLATORS: under an actor: their character, then a name the news gave them,
       * which their page offers to add */
      g_autofree char *both = g_strdup_printf (_("%s · The news calls them “%s”"), as, proposed);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), both);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), as);
}

typedef struct {
  DramaPerson *person;
  GPtrArray   *proposals;
} PersonRead;

static void
person_read_free (gpointer data)
{
  PersonRead *read = data;

  g_clear_object (&read->person);
  g_clear_pointer (&read->proposals, g_ptr_array_unref);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PersonRead, person_read_free)

static gpointer
read_person_job (DramaStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gint64 id = *(gint64 *) data;
  PersonRead *read;
  DramaPerson *person = drama_store_get_person (store, id, error);

  if (person == NULL)
    return NULL;
  read = g_new0 (PersonRead, 1);
  read->person = person;
  read->proposals = drama_store_list_name_proposals (store, id, NULL);
  return read;
}

static void
read_person_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PersonRead) read = drama_store_call_finish (DRAMA_STORE (source), res, &error);
  DramaPerson *person = read != NULL ? read->person : NULL;
  DramaShowPage *self;
  GtkWidget *row;
  DramaPerson *shown;

  /* Cancelled: another show, or the page is gone. Touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (person == NULL)
    {
      /* Gone from the cast meanwhile, or unreadable: the cast as the store has it. */
      _drama_show_page_queue_read (self, SHOW_PAGE_READ_CAST);
      return;
    }
  row = find_cast_row (self, drama_person_get_id (person));
  if (row == NULL)
    return;
  shown = g_object_get_data (G_OBJECT (row), "person");
  if (shown != NULL)
    drama_person_set_aliases (shown, drama_person_get_aliases (person));
  set_cast_title (row, person);
  if (shown != NULL)
    set_cast_subtitle (row, shown, read->proposals);
}

/* A cast member changed (the news proposed a name for them, say): that row alone, in
 * place. */
void
_drama_show_page_on_person_changed (DramaStore       *store,
                                    DramaStoreChange *change,
                                    DramaShowPage    *self)
{
  guint n = 0;
  const gint64 *ids = drama_store_change_get_ids (change, &n);

  for (guint i = 0; ids != NULL && i < n; i++)
    _drama_show_page_on_aliases_changed (store, DRAMA_CHANGE_PERSON, ids[i], self);
}

/* A cast member's names changed (on their page, say): that row alone, in place. */
void
_drama_show_page_on_aliases_changed (DramaStore      *store,
                                     DramaChangeKind  kind,
                                     gint64           id,
                                     DramaShowPage   *self)
{
  gint64 *person_id;

  if (kind != DRAMA_CHANGE_PERSON || find_cast_row (self, id) == NULL)
    return;
  person_id = g_new (gint64, 1);
  *person_id = id;
  /* read_cancellable is cancelled before the page goes away: self is safe to pass. */
  drama_ui_call (self->store, G_PRIORITY_HIGH, read_person_job, person_id, g_free,
                 person_read_free, self->read_cancellable, read_person_cb, self);
}

/* A name the news gave this actor and nobody answered yet: "L (INFINITE)", or NULL. */
static char *
proposed_name (GPtrArray *proposals,
               gint64     person_id)
{
  for (guint i = 0; proposals != NULL && i < proposals->len; i++)
    {
      DramaNameProposal *proposal = g_ptr_array_index (proposals, i);

      if (proposal->person_id != person_id)
        continue;
      if (proposal->group != NULL)
        return g_strdup_printf (_("%s (%s)"), proposal->name, proposal->group);
      return g_strdup (proposal->name);
    }
  return NULL;
}

void
_drama_show_page_fill_cast (DramaShowPage *self,
                            GPtrArray     *cast,
                            GPtrArray     *proposals)
{
  for (guint i = 0; i < self->cast_rows->len; i++)
    adw_preferences_group_remove (self->cast_group, g_ptr_array_index (self->cast_rows, i));
  g_ptr_array_set_size (self->cast_rows, 0);

  for (guint i = 0; cast != NULL && i < cast->len; i++)
    {
      DramaPerson *person = g_ptr_array_index (cast, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *avatar = adw_avatar_new (40, drama_person_get_name (person), TRUE);
      gint64 person_id = drama_person_get_id (person);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      set_cast_title (row, person);
      g_object_set_data_full (G_OBJECT (row), "person-id",
                              g_memdup2 (&person_id, sizeof person_id), g_free);
      set_cast_subtitle (row, person, proposals);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
      if (self->loader != NULL)
        drama_image_loader_set_image (self->loader, avatar, drama_person_get_image_medium (person));

      if (drama_person_get_tvmaze_id (person) > 0)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     drama_ui_decorative_icon_new ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "person", g_object_ref (person), g_object_unref);
          g_signal_connect (row, "activated", G_CALLBACK (on_cast_row_activated), self);
        }

      adw_preferences_group_add (self->cast_group, row);
      g_ptr_array_add (self->cast_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->cast_group), self->cast_rows->len > 0);
}
