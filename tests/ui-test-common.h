/* Helpers the GUI tests share: the main loop waits, widget lookups, the test's own library
 * folder, the display setup, the application and scripts run in an article's web view. */
#pragma once

#include <adwaita.h>

#include "drama-application.h"
#include "drama-article-view.h"

G_BEGIN_DECLS

typedef gboolean (*Condition) (gpointer data);

gboolean          wait_for          (Condition   cond,
                                     gpointer    data,
                                     guint       timeout_ms);
void              spin              (void);
gboolean          is_mapped         (gpointer    widget);
gboolean          not_mapped        (gpointer    widget);
void              collect_widgets   (GtkWidget  *widget,
                                     GType       type,
                                     GPtrArray  *out);
void              remove_tree       (const char *path);

char             *ui_test_make_home (const char *template);
void              ui_test_init      (int        *argc,
                                     char     ***argv,
                                     const char *prgname);
DramaApplication *ui_test_new_app   (void);

char             *run_js            (DramaArticleView *view,
                                     const char       *script);

/* The links an article view asked the browser to open (connect on_link_activated to
 * "link-activated" with it); has_links is a Condition for wait_for. */
typedef struct {
  GPtrArray *uris;
} LinkLog;

void              on_link_activated (DramaArticleView *view,
                                     const char       *uri,
                                     LinkLog          *log);
gboolean          has_links         (gpointer          data);

G_END_DECLS
