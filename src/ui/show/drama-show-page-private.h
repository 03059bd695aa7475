#pragma once

/* Shared by the files of the show page: drama-show-page.c (the widget, its state and
 * public calls), drama-show-page-read.c (reading the show, following the store),
 * drama-show-page-fields.c (header, progress, the user's status/rating/notes),
 * drama-show-page-cast.c, drama-show-page-episodes.c (seasons, episode rows, seen marks and
 * their Undo, the episodes' news) and drama-show-page-removal.c (removal and its Undo). */

#include <adwaita.h>

#include "drama-related-list.h"
#include "drama-show-page.h"

G_BEGIN_DECLS

typedef struct {
  int             number;
  AdwExpanderRow *row;
  GPtrArray      *episodes;   /* DramaEpisode, in order */
  gboolean        populated;
} Season;

/* What a read of the show brings (one job on the store's thread, see drama-show-page.c). */
typedef enum {
  SHOW_PAGE_READ_SHOW     = 1 << 0,
  SHOW_PAGE_READ_EPISODES = 1 << 1,
  SHOW_PAGE_READ_CAST     = 1 << 2,
  SHOW_PAGE_READ_NEWS     = 1 << 3,
} ShowPageRead;

struct _DramaShowPage
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *error_page;
  GtkScrolledWindow   *scroller;
  GtkPicture          *poster;
  GtkLabel            *name_label;
  GtkLabel            *original_label;
  GtkLabel            *facts_label;
  GtkLabel            *schedule_label;
  GtkLabel            *genres_label;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkLabel            *summary_label;
  AdwComboRow         *status_row;
  GtkSpinButton       *rating_spin;
  GtkTextView         *notes_view;
  AdwPreferencesGroup *cast_group;
  AdwPreferencesGroup *episodes_group;
  AdwViewStack        *tab_stack;
  DramaRelatedList    *related_list;
  GtkLabel            *credit_label;

  DramaStore          *store;
  DramaImageLoader    *loader;
  DramaShowList       *show_list;   /* handed on to its news and the person pages it opens */
  GSettings           *settings;       /* the spoiler guard (may be NULL) */
  DramaTvmaze         *tvmaze;         /* a cast member's roles (may be NULL: no opening) */
  DramaShow           *show;           /* as last read */
  gint64               show_id;
  char                *title;
  GTimeZone           *local;

  GPtrArray           *cast_rows;      /* GtkWidget added to cast_group */
  GPtrArray           *seasons;        /* Season */
  GArray              *episode_ids;    /* ids in the order shown */
  GHashTable          *episode_rows;   /* gint64* id → DramaEpisodeRow (populated only) */
  GHashTable          *news;           /* gint64* episode id → GPtrArray of DramaArticle */

  /* Seen marks asked for and not yet answered: gint64* episode id → PendingSeen. Their
   * change signal is applied from here, without reading the episodes again. */
  GHashTable          *pending_seen;

  GCancellable        *cancellable;      /* the page's life: cancelled in dispose */
  GCancellable        *read_cancellable; /* reads about the show shown: a new show cancels */
  gboolean             loaded;           /* the show shown has been read once */
  gboolean             failed;           /* its last read failed: the error page shows */

  /* Changes waiting for the idle that reads them all in one job. */
  guint                update_idle;
  guint                update_parts;     /* ShowPageRead */

  guint                n_user_writes;  /* status/rating/notes writes not answered yet */
  guint                notes_timeout;
  AdwToast            *undo_toast;     /* weak: the latest Undo offered */
  gboolean             updating;       /* filling widgets: not the user's change */
};

typedef struct {
  guint  n_writes;
  gint64 seen_at;   /* what the newest write asked for */
} PendingSeen;

/* drama-show-page.c */
gint64   _drama_show_page_now             (void);
void     _drama_show_page_set_title       (DramaShowPage *self,
                                           const char    *title);
void     _drama_show_page_add_toast       (DramaShowPage *self,
                                           AdwToast      *toast);
void     _drama_show_page_show_error      (DramaShowPage *self,
                                           const char    *what,
                                           const GError  *error);

/* drama-show-page-read.c */
/* Opens show_id (or the empty state): the old reads are cancelled, one job reads it all. */
void     _drama_show_page_load            (DramaShowPage *self);
/* Schedules one read (in an idle, coalesced with the other changes) of parts. */
void     _drama_show_page_queue_read      (DramaShowPage *self,
                                           guint          parts);
/* The store's "changed::show", "changed::episode" and "changed::link". */
void     _drama_show_page_on_show_changed    (DramaStore       *store,
                                              DramaStoreChange *change,
                                              DramaShowPage    *self);
void     _drama_show_page_on_episode_changed (DramaStore       *store,
                                              DramaStoreChange *change,
                                              DramaShowPage    *self);
void     _drama_show_page_on_link_changed    (DramaStore       *store,
                                              DramaStoreChange *change,
                                              DramaShowPage    *self);

/* drama-show-page-fields.c */
void     _drama_show_page_fill_header     (DramaShowPage *self,
                                           DramaShow     *show);
void     _drama_show_page_fill_progress   (DramaShowPage *self);
void     _drama_show_page_fill_user_fields (DramaShowPage *self,
                                            DramaShow     *show);
char    *_drama_show_page_get_notes       (DramaShowPage *self);
/* Saves status, rating and notes as the widgets show them (one write, in the background). */
void     _drama_show_page_save_user_fields (DramaShowPage *self);
/* The template's "on_user_field_changed" (status and rating). */
void     _drama_show_page_on_user_field_changed (DramaShowPage *self);
/* The notes buffer's "changed": one write per pause in typing. */
void     _drama_show_page_on_notes_changed (GtkTextBuffer *buffer,
                                            DramaShowPage *self);

/* drama-show-page-cast.c */
void     _drama_show_page_fill_cast       (DramaShowPage *self,
                                           GPtrArray     *cast,
                                           GPtrArray     *proposals);
/* The store's "aliases-changed". */
void     _drama_show_page_on_person_changed (DramaStore       *store,
                                             DramaStoreChange *change,
                                             DramaShowPage    *self);
void     _drama_show_page_on_aliases_changed (DramaStore      *store,
                                              DramaChangeKind  kind,
                                              gint64           id,
                                              DramaShowPage   *self);

/* drama-show-page-removal.c */
/* The template's "on_remove_clicked". */
void     _drama_show_page_on_remove_clicked (DramaShowPage *self);

/* drama-show-page-episodes.c */
void     _drama_show_page_season_free     (Season        *season);
void     _drama_show_page_clear_seasons   (DramaShowPage *self);
void     _drama_show_page_fill_episodes   (DramaShowPage *self,
                                           GPtrArray     *episodes,
                                           gboolean       new_show);
void     _drama_show_page_set_news        (DramaShowPage *self,
                                           GHashTable    *news);
/* The change signal of a seen mark: the rows named, in place. FALSE when one of the ids is
 * not a mark this page asked for (its state must be read). */
gboolean _drama_show_page_apply_seen      (DramaShowPage    *self,
                                           DramaStoreChange *change);
/* The counts of the episodes shown, as the store counts them (specials left out). */
void     _drama_show_page_count           (DramaShowPage *self,
                                           int           *total,
                                           int           *seen);
void     _drama_show_page_populate_season (DramaShowPage *self,
                                           Season        *season);

G_END_DECLS
