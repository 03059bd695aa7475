/* Helpers the GUI tests share: the main loop waits, widget lookups, the test's own library
 * folder, the display setup, the application, the test's own store calls and scripts run
 * in an article's web view. */
#pragma once

#include <adwaita.h>

#include "drama-application.h"
#include "drama-article-view.h"
#include "drama-news-pane.h"

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
/* A mapped button with that label under root, or NULL; waiting up to 10 s for one; and
 * clicking it (it must be sensitive), as a toast's or a dialog's buttons are. */
GtkButton        *find_button       (GtkWidget  *root,
                                     const char *label);
GtkButton        *wait_for_button   (GtkWidget  *root,
                                     const char *label);
void              click_button      (GtkWidget  *root,
                                     const char *label);
/* The message dialog shown now (an AdwMessageDialog among the toplevels), or NULL. */
AdwMessageDialog *find_message_dialog (void);

char             *ui_test_make_home (const char *template);
void              ui_test_init      (int        *argc,
                                     char     ***argv,
                                     const char *prgname);
DramaApplication *ui_test_new_app   (void);

/* The test's own looks at and writes to a library (setup, assertions). The application
 * turns the store's main-thread guard on as it opens the library, so a blocking
 * drama_store_* call here would be a critical (fatal in tests): store_sync runs func on the
 * store's thread, as the app's jobs run, and waits for its result. An error fails the test.
 * The change signals of a write come later, from the main loop: spin () or wait_for (). */
gpointer          store_sync          (DramaStore     *store,
                                       DramaStoreFunc  func,
                                       gpointer        data);
/* The usual ones, through store_sync. store_get_show: NULL when absent or removed. */
DramaShow        *store_get_show      (DramaStore   *store,
                                       gint64        show_id);
GPtrArray        *store_list_episodes (DramaStore   *store,
                                       gint64        show_id);
/* The show alone (its episodes and cast as they are). */
void              store_save_show     (DramaStore   *store,
                                       DramaShow    *show);
void              store_set_removed   (DramaStore   *store,
                                       gint64        show_id,
                                       gboolean      removed);
/* seen_at 0: unseen. */
void              store_set_seen      (DramaStore   *store,
                                       const gint64 *episode_ids,
                                       guint         n_ids,
                                       gint64        seen_at);
/* NULL when the key is absent. */
char             *store_get_meta      (DramaStore   *store,
                                       const char   *key);
void              store_set_meta      (DramaStore   *store,
                                       const char   *key,
                                       const char   *value);

/* The news pane's article list view (not its drop-down's): the one whose selection shows
 * the pane's article list (through the pane's first-screen slice). NULL when none does. */
GtkListView      *news_pane_list_view (DramaNewsPane *pane);
/* The pane's article search (the filter drop-down has an entry of its own), or NULL. */
GtkEditable      *news_pane_search_entry (DramaNewsPane *pane);

/* The pane's list has its ids (not still asking) and n of them; fails the test after 10 s. */
void              wait_for_n_items  (DramaNewsPane    *pane,
                                     guint             n);
/* The article the reader shows once it is read from the store (id 0: any). */
DramaArticle     *wait_for_reader   (DramaNewsPane    *pane,
                                     gint64            id);
/* The article opened (read from the store first when its row was not loaded yet) and its
 * page loaded. */
void              wait_for_article_page (DramaArticleView *view);
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
