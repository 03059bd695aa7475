#define G_LOG_DOMAIN "drama-article-row"

#include "config.h"

#include "drama-article-row.h"
#include "drama-article-row-test.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "drama-article-list.h"
#include "drama-html.h"
#include "drama-related.h"
#include "drama-show-chips.h"
#include "drama-ui-text.h"

/* ---- sizes of rows not filled in ----
 *
 * GtkListView (GTK 4.8) keeps up to 200 rows bound around the few it shows and measures
 * every one of them at each layout, but allocates and draws only those in view. Laying
 * out a row's texts (Pango shaping) is most of what a row costs, so a row bound to an
 * article leaves its widgets alone and answers measure() with the size rows of the same
 * shape measured last; it fills them in when it is allocated, which only rows in view
 * are. When the real size differs from that guess, the row asks for one more layout pass
 * of the same frame, before anything is painted. A fast scroll thus lays out the rows it
 * shows, not the 200 it binds.
 *
 * A row whose article has not arrived from the store yet (a placeholder of
 * DramaArticleList: only its id) is shown blank at the size of the article rows measured
 * last, and its own size teaches nothing: GtkListView estimates the rows it has not bound
 * from the sizes its bound rows answer, and picks the row to keep in place when the user
 * scrolls from those estimates. Had a fast scroll's blank rows (no thumbnail, shorter)
 * set the guesses, jumping back to the top would keep a row mid-screen in place while
 * the real rows above it grew, and leave the first rows above the view. */

/* chips or not × spoiler note or not: what changes a row's height besides its title */
#define N_SHAPES 4

typedef struct {
  gboolean valid;
  int      minimum;
  int      natural;
} SizeGuess;

typedef struct {
  grefcount ref;
  SizeGuess guesses[2][N_SHAPES];   /* [GtkOrientation][shape] */
  guint     last_shape[2];          /* [GtkOrientation]: of the article row measured last */
} RowSizes;

static RowSizes *
row_sizes_new (void)
{
  RowSizes *sizes = g_new0 (RowSizes, 1);

  g_ref_count_init (&sizes->ref);
  return sizes;
}

static RowSizes *
row_sizes_ref (RowSizes *sizes)
{
  g_ref_count_inc (&sizes->ref);
  return sizes;
}

static void
row_sizes_unref (RowSizes *sizes)
{
  if (g_ref_count_dec (&sizes->ref))
    g_free (sizes);
}

static guint
shape_of (DramaArticle *article)
{
  GPtrArray *shows = article != NULL ? drama_article_get_shows (article) : NULL;
  gboolean chips = shows != NULL && shows->len > 0;
  gboolean note = article != NULL && drama_article_get_spoiler_episode (article) != NULL;

  return (chips ? 1 : 0) | (note ? 2 : 0);
}

/* The last size measured for this shape, else for any shape. */
static gboolean
row_sizes_guess (RowSizes       *sizes,
                 GtkOrientation  orientation,
                 guint           shape,
                 int            *minimum,
                 int            *natural)
{
  SizeGuess *guess = &sizes->guesses[orientation][shape];

  for (guint i = 0; !guess->valid && i < N_SHAPES; i++)
    guess = &sizes->guesses[orientation][i];
  if (!guess->valid)
    return FALSE;
  *minimum = guess->minimum;
  *natural = guess->natural;
  return TRUE;
}

struct _DramaArticleRow
{
  GtkWidget         parent_instance;

  GtkWidget        *box;
  GtkWidget        *unread_dot;
  GtkLabel         *meta_label;
  GtkLabel         *title_label;
  GtkLabel         *shows_label;
  DramaShowChips   *chips;
  GtkWidget        *thumbnail_clamp;
  GtkPicture       *thumbnail;
  GtkButton        *star_button;

  DramaArticle     *article;
  gulong            notify_handler;
  DramaImageLoader *loader;
  gboolean          load_images;

  char             *thumbnail_url;     /* what the thumbnail shows or will show */
  gboolean          thumbnail_shown;   /* it is there */
  guint             settle_id;         /* waiting before asking for it */
  GCancellable     *thumbnail_cancel;  /* the request for it */
  int               shown_starred;     /* -1: not set yet */
  gboolean          shown_blank;       /* filled in as a placeholder's row */

  RowSizes         *sizes;             /* shared by the rows of one list */
  gboolean          content_stale;     /* the widgets do not show self->article yet */
  int               measured_min;      /* what measure() last answered for the height */
  int               measured_nat;
  GdkFrameClock    *check_clock;
  gulong            check_handler;     /* after this frame's layout: was the guess right? */
};

G_DEFINE_FINAL_TYPE (DramaArticleRow, drama_article_row, GTK_TYPE_WIDGET)

static void mark_stale (DramaArticleRow *self);

char *
drama_format_relative_time (gint64 when,
                            gint64 now)
{
  gint64 age;
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;

  if (when <= 0)
    return NULL;
  if (now <= 0)
    now = g_get_real_time () / G_USEC_PER_SEC;

  age = now - when;
  /* A feed clock a little ahead of ours is still "just now". */
  if (age < 60)
    return g_strdup (_("Just now"));
  if (age < 3600)
    {
      int minutes = (int) (age / 60);
      /* TRANSLATORS: a short relative time, e.g. "5 min ago" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", minutes),
                              minutes);
    }
  if (age < 24 * 3600)
    {
      int hours = (int) (age / 3600);
      /* TRANSLATORS: a short relative time, e.g. "2 h ago" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h ago", "%d h ago", hours), hours);
    }
  if (age < 48 * 3600)
    return g_strdup (_("Yesterday"));
  if (age < 7 * 24 * 3600)
    {
      int days = (int) (age / (24 * 3600));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days),
                              days);
    }

  then = g_date_time_new_from_unix_local (when);
  today = g_date_time_new_from_unix_local (now);
  if (then == NULL || today == NULL)
    return NULL;
  if (g_date_time_get_year (then) == g_date_time_get_year (today))
    /* TRANSLATORS: a date in this year, see g_date_time_format(), e.g. "22 May" */
    return g_strstrip (g_date_time_format (then, _("%-d %b")));
  /* TRANSLATORS: a date in another year, see g_date_time_format(), e.g. "22 May 2019" */
  return g_strstrip (g_date_time_format (then, _("%-d %b %Y")));
}

/* ---- the thumbnail ----
 *
 * A fast scroll binds every row it passes for a frame or two, and GtkListView keeps many
 * more rows bound than it shows (it maps only those in view): those rows must not queue
 * a download each, or the downloads of the rows the user stops at wait behind hundreds of
 * others. A row asks for its picture only once it has stayed bound and mapped for
 * SETTLE_MS, and takes the request back when it is unbound, unmapped or shows another
 * article. A picture already in memory shows at once. */
#define SETTLE_MS 120

static gboolean settle_cb (gpointer data);

static void
stop_thumbnail (DramaArticleRow *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->thumbnail_cancel != NULL)
    {
      g_cancellable_cancel (self->thumbnail_cancel);
      g_clear_object (&self->thumbnail_cancel);
    }
}

typedef struct {
  DramaArticleRow *row;
  GCancellable    *cancellable;   /* this request's */
} ThumbnailRequest;

static void
thumbnail_request_free (ThumbnailRequest *request)
{
  g_object_unref (request->row);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThumbnailRequest, thumbnail_request_free)

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ThumbnailRequest) request = user_data;
  DramaArticleRow *self = request->row;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = drama_image_loader_load_finish (DRAMA_IMAGE_LOADER (source), result, &error);
  /* The row moved on since: none of its business any more. */
  if (request->cancellable != self->thumbnail_cancel)
    return;
  g_clear_object (&self->thumbnail_cancel);

  /* Failed, or dropped for newer rows' pictures: asked again when the row is mapped or
   * bound next. */
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Thumbnail not loaded: %s", error->message);
      return;
    }

  self->thumbnail_shown = TRUE;
  if (self->thumbnail != NULL)
    gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
}

/* Starts the settle delay when the row is on screen and its picture is not there. */
static void
settle_thumbnail (DramaArticleRow *self)
{
  if (self->thumbnail_url == NULL || self->thumbnail_shown || self->settle_id != 0 ||
      self->thumbnail_cancel != NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

static gboolean
request_cb (gpointer data)
{
  DramaArticleRow *self = data;
  ThumbnailRequest *request = g_new0 (ThumbnailRequest, 1);

  self->settle_id = 0;
  self->thumbnail_cancel = g_cancellable_new ();
  request->row = g_object_ref (self);
  request->cancellable = g_object_ref (self->thumbnail_cancel);
  /* A feed's picture: kept off private addresses unless the feed lives on one. */
  drama_image_loader_load_feed_thumbnail_async (self->loader, self->thumbnail_url,
                                                self->article != NULL
                                                  ? drama_article_get_feed_url (self->article)
                                                  : NULL,
                                                self->thumbnail_cancel, thumbnail_loaded_cb,
                                                request);
  return G_SOURCE_REMOVE;
}

static gboolean
settle_cb (gpointer data)
{
  DramaArticleRow *self = data;

  /* Below the priority of drawing: when a frame is due (a scroll going on that took
   * longer than the delay to draw), it comes first and may scroll the row away, which
   * stops this. */
  self->settle_id = g_idle_add_full (G_PRIORITY_LOW, request_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
update_thumbnail (DramaArticleRow *self)
{
  const char *image = self->article ? drama_article_get_image (self->article) : NULL;
  gboolean show = self->loader != NULL && self->load_images && drama_html_is_safe_link (image);
  const char *url = show ? image : NULL;
  GdkTexture *texture;

  gtk_widget_set_visible (self->thumbnail_clamp, show);
  /* Another property of the same article changed: the picture is on its way or there. */
  if (g_strcmp0 (url, self->thumbnail_url) != 0)
    {
      stop_thumbnail (self);
      g_free (self->thumbnail_url);
      self->thumbnail_url = g_strdup (url);

      texture = url != NULL ? drama_image_loader_lookup (self->loader, url) : NULL;
      self->thumbnail_shown = texture != NULL;
      gtk_picture_set_paintable (self->thumbnail,
                                 texture != NULL ? GDK_PAINTABLE (texture) : NULL);
    }
  settle_thumbnail (self);
}

static const char *
star_label (DramaArticleRow *self)
{
  return self->shown_starred == TRUE ? _("Unstar") : _("Star");
}

/* The tooltip is written when asked for: setting one makes GTK ask the display where the
 * pointer is, a round trip to the X server for every row created or rebound. */
static gboolean
on_star_query_tooltip (DramaArticleRow *self,
                       int              x,
                       int              y,
                       gboolean         keyboard,
                       GtkTooltip      *tooltip)
{
  gtk_tooltip_set_text (tooltip, star_label (self));
  return TRUE;
}

static void
update_star (DramaArticleRow *self,
             gboolean         starred)
{
  if (self->shown_starred == (int) starred)
    return;
  self->shown_starred = starred;

  gtk_button_set_icon_name (self->star_button,
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, star_label (self), -1);
  if (starred)
    gtk_widget_add_css_class (GTK_WIDGET (self->star_button), "starred");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->star_button), "starred");
}

static void
update (DramaArticleRow *self)
{
  DramaArticle *article = self->article;
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;
  DramaEpisode *spoiler;
  const char *title;
  const char *feed;
  gboolean read, starred;

  /* Not arrived yet: blank, not "Untitled article" (its page is on its way, and the row
   * is bound again to the article when it comes). */
  if (article == NULL || drama_article_list_is_placeholder (article))
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->meta_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->shows_label), FALSE);
      drama_show_chips_set_shows (self->chips, NULL);
      update_thumbnail (self);
      if (article != NULL && !self->shown_blank)
        {
          /* Kept in the layout (same width), but nothing to see or press yet. */
          self->shown_blank = TRUE;
          gtk_widget_set_opacity (self->unread_dot, 0.0);
          gtk_widget_set_opacity (GTK_WIDGET (self->star_button), 0.0);
          gtk_widget_set_sensitive (GTK_WIDGET (self->star_button), FALSE);
        }
      return;
    }
  if (self->shown_blank)
    {
      self->shown_blank = FALSE;
      gtk_widget_set_opacity (GTK_WIDGET (self->star_button), 1.0);
      gtk_widget_set_sensitive (GTK_WIDGET (self->star_button), TRUE);
    }

  title = drama_article_get_title (article);
  gtk_label_set_text (self->title_label, (title && *title) ? title : _("Untitled article"));

  feed = drama_article_get_feed_title (article);
  when = drama_format_relative_time (drama_article_get_published (article) > 0
                                       ? drama_article_get_published (article)
                                       : drama_article_get_fetched_at (article), 0);
  if (feed && *feed && when)
    /* TRANSLATORS: feed title · relative date, e.g. "Soompi · 2 h ago" */
    meta = g_strdup_printf (_("%s · %s"), feed, when);
  else
    meta = g_strdup (feed && *feed ? feed : (when ? when : ""));
  gtk_label_set_text (self->meta_label, meta);

  /* The shows it is about as chips that open them; an article about an episode
   * not seen yet is blurred with a note (opening it asks first). */
  drama_show_chips_set_shows (self->chips, drama_article_get_shows (article));
  spoiler = drama_article_get_spoiler_episode (article);
  if (spoiler != NULL)
    {
      g_autofree char *note = drama_related_spoiler_note (spoiler);

      gtk_label_set_text (self->shows_label, note);
      gtk_widget_add_css_class (GTK_WIDGET (self->shows_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->shows_label), "drama-spoiler-note");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->shows_label), spoiler != NULL);
  drama_related_set_blurred (GTK_WIDGET (self->title_label), spoiler != NULL);
  drama_related_set_blurred (GTK_WIDGET (self->thumbnail), spoiler != NULL);

  read = drama_article_get_read (article);
  gtk_widget_set_opacity (self->unread_dot, read ? 0.0 : 1.0);
  if (read)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
      gtk_widget_add_css_class (GTK_WIDGET (self), "read");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "read");
      gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
    }

  starred = drama_article_get_starred (article);
  update_star (self, starred);

  update_thumbnail (self);
}

/* The article changed in place (read, starred, shows): shown at the next layout, once
 * for all the properties that change together. */
static void
on_article_notify (DramaArticleRow *self)
{
  mark_stale (self);
}

static void
fill (DramaArticleRow *self)
{
  self->content_stale = FALSE;
  update (self);
}

static void
stop_size_check (DramaArticleRow *self)
{
  /* A clock disposed with its window has dropped its handlers already. */
  if (self->check_handler != 0 &&
      g_signal_handler_is_connected (self->check_clock, self->check_handler))
    g_signal_handler_disconnect (self->check_clock, self->check_handler);
  self->check_handler = 0;
  g_clear_object (&self->check_clock);
}

/* After the layout that filled the row in: a second pass if the guess was wrong. */
static void
on_layout_done (GdkFrameClock   *clock,
                DramaArticleRow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int minimum, natural;

  stop_size_check (self);
  gtk_widget_measure (self->box, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural,
                      NULL, NULL);
  if (minimum != self->measured_min || natural != self->measured_nat)
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
mark_stale (DramaArticleRow *self)
{
  self->content_stale = TRUE;
  /* The next layout measures the row again (a guess) and allocates it if it is in view. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
drama_article_row_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  DramaArticleRow *self = DRAMA_ARTICLE_ROW (widget);
  gboolean blank = self->article != NULL && drama_article_list_is_placeholder (self->article);
  /* A placeholder's shape is not known yet: that of the article row measured last. */
  guint shape = blank ? self->sizes->last_shape[orientation] : shape_of (self->article);
  SizeGuess *guess;

  if (self->box == NULL)
    return;

  if ((self->content_stale || blank) &&
      row_sizes_guess (self->sizes, orientation, shape, minimum, natural))
    {
      if (orientation == GTK_ORIENTATION_VERTICAL)
        {
          self->measured_min = *minimum;
          self->measured_nat = *natural;
        }
      return;
    }

  /* In view, or nothing measured yet to guess from. */
  if (self->content_stale)
    fill (self);
  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  /* Nothing measured to guess from yet: the blank row's own size, which says nothing of
   * the articles' (see the top of this file). */
  if (blank)
    return;

  guess = &self->sizes->guesses[orientation][shape];
  self->sizes->last_shape[orientation] = shape;
  /* The list is never narrower than a row of this shape needed; heights follow the last
   * row measured (the list's width changes them). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL && guess->valid)
    guess->minimum = MAX (guess->minimum, *minimum);
  else
    guess->minimum = *minimum;
  /* GTK requires natural ≥ minimum of every answer, guesses included. */
  guess->natural = MAX (*natural, guess->minimum);
  guess->valid = TRUE;
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      self->measured_min = *minimum;
      self->measured_nat = *natural;
    }
}

/* Titles wrap: the height depends on the width. */
static GtkSizeRequestMode
drama_article_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
drama_article_row_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  DramaArticleRow *self = DRAMA_ARTICLE_ROW (widget);

  if (self->box == NULL)
    return;

  /* Allocated: in view. */
  if (self->content_stale)
    {
      fill (self);
      /* A blank row keeps the guessed size until its article comes. */
      if (self->check_handler == 0 && !self->shown_blank &&
          gtk_widget_get_frame_clock (widget) != NULL)
        {
          self->check_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
          self->check_handler = g_signal_connect_after (self->check_clock, "layout",
                                                        G_CALLBACK (on_layout_done), self);
        }
    }
  gtk_widget_size_allocate (self->box, &(GtkAllocation) { 0, 0, width, height }, baseline);
}

static void
on_star_clicked (DramaArticleRow *self)
{
  if (self->article == NULL || drama_article_list_is_placeholder (self->article))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "news.set-starred", "(xb)",
                              drama_article_get_id (self->article),
                              !drama_article_get_starred (self->article));
}

static void
drama_article_row_map (GtkWidget *widget)
{
  DramaArticleRow *self = DRAMA_ARTICLE_ROW (widget);

  GTK_WIDGET_CLASS (drama_article_row_parent_class)->map (widget);
  /* Else the allocation that follows fills it in and starts the thumbnail. */
  if (!self->content_stale)
    settle_thumbnail (self);
}

static void
drama_article_row_unmap (GtkWidget *widget)
{
  /* Scrolled out of view, though still bound: the slot on the wire is worth more to the
   * rows in view. */
  stop_thumbnail (DRAMA_ARTICLE_ROW (widget));
  GTK_WIDGET_CLASS (drama_article_row_parent_class)->unmap (widget);
}

static void
drama_article_row_dispose (GObject *object)
{
  DramaArticleRow *self = DRAMA_ARTICLE_ROW (object);

  if (self->article != NULL)
    g_clear_signal_handler (&self->notify_handler, self->article);
  g_clear_object (&self->article);
  stop_size_check (self);
  stop_thumbnail (self);
  g_clear_pointer (&self->thumbnail_url, g_free);
  g_clear_object (&self->loader);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRAMA_TYPE_ARTICLE_ROW);

  G_OBJECT_CLASS (drama_article_row_parent_class)->dispose (object);
}

static void
drama_article_row_finalize (GObject *object)
{
  DramaArticleRow *self = DRAMA_ARTICLE_ROW (object);

  g_clear_pointer (&self->sizes, row_sizes_unref);

  G_OBJECT_CLASS (drama_article_row_parent_class)->finalize (object);
}

static void
drama_article_row_class_init (DramaArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drama_article_row_dispose;
  object_class->finalize = drama_article_row_finalize;
  widget_class->get_request_mode = drama_article_row_get_request_mode;
  widget_class->measure = drama_article_row_measure;
  widget_class->size_allocate = drama_article_row_size_allocate;
  widget_class->map = drama_article_row_map;
  widget_class->unmap = drama_article_row_unmap;

  g_type_ensure (DRAMA_TYPE_SHOW_CHIPS);

  gtk_widget_class_set_css_name (widget_class, "dramaarticlerow");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dramalist/Dramalist/drama-article-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, box);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, unread_dot);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, shows_label);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, chips);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, thumbnail_clamp);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, DramaArticleRow, star_button);
  gtk_widget_class_bind_template_callback (widget_class, on_star_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_star_query_tooltip);
}

static void
drama_article_row_init (DramaArticleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Names for screen readers that GTK 4.8 does not give (icon buttons, mnemonics). */
  drama_ui_name_controls (GTK_WIDGET (self));
  self->shown_starred = -1;
  self->sizes = row_sizes_new ();
  self->content_stale = TRUE;
}

DramaArticleRow *
drama_article_row_new (void)
{
  return g_object_new (DRAMA_TYPE_ARTICLE_ROW, NULL);
}

void
drama_article_row_set_article (DramaArticleRow *self,
                               DramaArticle    *article)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_ROW (self));
  g_return_if_fail (article == NULL || DRAMA_IS_ARTICLE (article));

  if (self->article == article)
    return;

  if (self->article != NULL)
    g_clear_signal_handler (&self->notify_handler, self->article);
  g_set_object (&self->article, article);
  if (article != NULL)
    self->notify_handler = g_signal_connect_object (article, "notify",
                                                    G_CALLBACK (on_article_notify), self,
                                                    G_CONNECT_SWAPPED);
  mark_stale (self);
}

DramaArticle *
drama_article_row_get_article (DramaArticleRow *self)
{
  g_return_val_if_fail (DRAMA_IS_ARTICLE_ROW (self), NULL);

  return self->article;
}

void
drama_article_row_set_show_list (DramaArticleRow *self,
                                 DramaShowList   *show_list)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_ROW (self));

  drama_show_chips_set_show_list (self->chips, show_list);
}

void
drama_article_row_set_image_loader (DramaArticleRow  *self,
                                    DramaImageLoader *loader,
                                    gboolean          load_images)
{
  g_return_if_fail (DRAMA_IS_ARTICLE_ROW (self));
  g_return_if_fail (loader == NULL || DRAMA_IS_IMAGE_LOADER (loader));

  if (g_set_object (&self->loader, loader))
    {
      /* Ask the new loader. */
      stop_thumbnail (self);
      g_clear_pointer (&self->thumbnail_url, g_free);
      self->thumbnail_shown = FALSE;
    }
  self->load_images = load_images;
  mark_stale (self);
}

/* ---- the list item factory ---- */

/* GTK 4.8's list view makes a row anew for every item replaced (a search's answer, a new
 * filter: up to the 200 rows it keeps), and building one from its template was a fifth of
 * the main thread's time while typing a search. Rows it lets go wait here to be given to
 * the next ones it makes, up to a list view's worth. */
#define MAX_SPARE_ROWS 256

typedef struct {
  DramaArticleRowSetupFunc setup;
  gpointer                 user_data;
  GDestroyNotify           destroy;
  RowSizes                *sizes;    /* what the rows of this list guess from */
  GPtrArray               *owned;    /* every row made, a reference each */
  GPtrArray               *spare;    /* those of them without a list item (not owned) */
} FactoryHooks;

static void
factory_hooks_free (gpointer data,
                    GClosure *closure)
{
  FactoryHooks *hooks = data;

  for (guint i = 0; i < hooks->owned->len; i++)
    g_signal_handlers_disconnect_by_data (hooks->owned->pdata[i], hooks);
  g_ptr_array_unref (hooks->spare);
  g_ptr_array_unref (hooks->owned);
  if (hooks->destroy != NULL)
    hooks->destroy (hooks->user_data);
  row_sizes_unref (hooks->sizes);
  g_free (hooks);
}

/* GTK 4.8 takes the row out of its list item before "teardown": the row's own parent
 * going tells that it is free. */
static void
on_row_parent (GtkWidget    *row,
               GParamSpec   *pspec,
               FactoryHooks *hooks)
{
  if (gtk_widget_get_parent (row) != NULL)
    return;
  if (hooks->spare->len < MAX_SPARE_ROWS)
    g_ptr_array_add (hooks->spare, row);
  else
    {
      g_signal_handlers_disconnect_by_data (row, hooks);
      g_ptr_array_remove_fast (hooks->owned, row);
    }
}

static void
factory_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               FactoryHooks             *hooks)
{
  DramaArticleRow *row;

  if (hooks->spare->len > 0)
    {
      /* Unbound already (no article): only its list item went. */
      row = g_ptr_array_steal_index_fast (hooks->spare, hooks->spare->len - 1);
      gtk_list_item_set_child (item, GTK_WIDGET (row));
      return;
    }

  row = g_object_ref_sink (drama_article_row_new ());
  g_ptr_array_add (hooks->owned, row);
  g_clear_pointer (&row->sizes, row_sizes_unref);
  row->sizes = row_sizes_ref (hooks->sizes);
  if (hooks->setup != NULL)
    hooks->setup (row, hooks->user_data);
  gtk_list_item_set_child (item, GTK_WIDGET (row));
  g_signal_connect (row, "notify::parent", G_CALLBACK (on_row_parent), hooks);
}

static void
factory_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  drama_article_row_set_article (DRAMA_ARTICLE_ROW (gtk_list_item_get_child (item)),
                                 gtk_list_item_get_item (item));
}

static void
factory_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  drama_article_row_set_article (DRAMA_ARTICLE_ROW (gtk_list_item_get_child (item)), NULL);
}

GtkListItemFactory *
drama_article_row_factory_new (DramaArticleRowSetupFunc setup,
                               gpointer                 user_data,
                               GDestroyNotify           destroy)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  FactoryHooks *hooks = g_new0 (FactoryHooks, 1);

  hooks->setup = setup;
  hooks->user_data = user_data;
  hooks->destroy = destroy;
  hooks->sizes = row_sizes_new ();
  hooks->owned = g_ptr_array_new_with_free_func (g_object_unref);
  hooks->spare = g_ptr_array_new ();
  g_signal_connect_data (factory, "setup", G_CALLBACK (factory_setup), hooks,
                         factory_hooks_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind), NULL);
  return factory;
}
