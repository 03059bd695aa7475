/* "Export Watchlist…" and "Import Watchlist…" as the window runs them
 * (drama-watchlist-transfer.c), without the file chooser: a real library exported to a
 * file, the toast that says so; the file imported into another library, the dialog that
 * says what was added and what was left out, titles as written. */

#include "config.h"

#include <glib/gstdio.h>

#include "drama-store.h"
#include "drama-watchlist-transfer.h"
#include "fake-server.h"
#include "ui-test-common.h"

typedef struct {
  gboolean over;
  gboolean ok;
} Done;

static void
on_done (DramaWatchlistTransfer *transfer, gboolean ok, Done *done)
{
  done->over = TRUE;
  done->ok = ok;
}

static gboolean
is_over (gpointer data)
{
  return ((Done *) data)->over;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
test_export_import (void)
{
  g_autofree char *home = ui_test_make_home ("ui-transfer-XXXXXX");
  g_autofree char *path_a = g_build_filename (home, "a.db", NULL);
  g_autofree char *path_b = g_build_filename (home, "b.db", NULL);
  g_autofree char *path_file = g_build_filename (home, "watchlist.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path_file);
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaStore) a = drama_store_new (path_a, &error);
  g_autoptr(DramaStore) b = NULL;
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(DramaWatchlistTransfer) transfer = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  g_autofree char *contents = NULL;
  AdwToastOverlay *toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  AdwMessageDialog *dialog;
  const char *body;
  Done done = { 0 };

  g_assert_no_error (error);
  drama_show_set_name (show, "Love & War <b>");
  g_assert_true (drama_store_save_show (a, show, NULL, NULL, &error));
  g_assert_true (drama_store_set_show_user_fields (a, drama_show_get_id (show),
                                                   DRAMA_WATCH_STATUS_WATCHING, 7, NULL, &error));
  g_assert_no_error (error);

  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (toasts));
  gtk_window_present (window);
  transfer = drama_watchlist_transfer_new (window, toasts);
  g_signal_connect (transfer, "done", G_CALLBACK (on_done), &done);

  drama_watchlist_transfer_set_store (transfer, a);
  drama_watchlist_transfer_export_file (transfer, file);
  g_assert_true (wait_for (is_over, &done, 10000));
  g_assert_true (done.ok);
  g_assert_true (g_file_get_contents (path_file, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"dramalist-watchlist\""));
  g_assert_nonnull (strstr (contents, "Love & War <b>"));

  /* A show the other library cannot take is named in the dialog, as written. */
  g_clear_pointer (&contents, g_free);
  contents = g_strdup_printf ("{\"format\": \"dramalist-watchlist\", \"version\": 1, \"shows\": ["
                              "{\"name\": \"Love & War <b>\", \"user-status\": \"watching\"},"
                              "{\"name\": \"Odd <i>One</i>\", \"rating\": 42}]}");
  g_assert_true (g_file_set_contents (path_file, contents, -1, NULL));
  b = drama_store_new (path_b, &error);
  g_assert_no_error (error);
  done.over = FALSE;
  drama_watchlist_transfer_set_store (transfer, b);
  drama_watchlist_transfer_import_file (transfer, file);
  g_assert_true (wait_for (is_over, &done, 10000));
  g_assert_true (done.ok);
  g_assert_true (wait_for (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  g_assert_nonnull (strstr (body, "1 show added"));
  g_assert_nonnull (strstr (body, "“Odd <i>One</i>”"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  shows = drama_store_list_shows (b, -1, NULL, DRAMA_SHOW_SORT_TITLE, &error);
  g_assert_cmpuint (shows->len, ==, 1);
  g_assert_cmpstr (drama_show_get_name (g_ptr_array_index (shows, 0)), ==, "Love & War <b>");

  /* Not a watchlist: words in a toast, nothing changed. */
  g_assert_true (g_file_set_contents (path_file, "<opml/>", -1, NULL));
  done.over = FALSE;
  drama_watchlist_transfer_import_file (transfer, file);
  g_assert_true (wait_for (is_over, &done, 10000));
  g_assert_false (done.ok);

  g_clear_object (&transfer);
  gtk_window_destroy (window);
  g_clear_object (&a);
  g_clear_object (&b);
  spin ();
  remove_tree (home);
}

/* A Trakt watchlist: the show found on TVmaze (the fake server), the movie named. */
static void
test_trakt (void)
{
  g_autofree char *home = ui_test_make_home ("ui-trakt-XXXXXX");
  g_autofree char *path = g_build_filename (home, "library.db", NULL);
  g_autofree char *fixtures = FAKE_SERVER_FIXTURES (NULL);
  g_autofree char *export_path = g_build_filename (fixtures, "trakt", "watchlist.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (export_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaStore) store = drama_store_new (path, &error);
  FakeServer *server = fake_server_new (fixtures);
  g_autoptr(DramaTvmaze) tvmaze = drama_tvmaze_new (fake_server_get_url (server));
  g_autoptr(DramaWatchlistTransfer) transfer = NULL;
  g_autoptr(GPtrArray) shows = NULL;
  AdwToastOverlay *toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  AdwMessageDialog *dialog;
  const char *body;
  Done done = { 0 };

  g_assert_no_error (error);
  fake_server_route (server, "/lookup/shows?thetvdb=347142", "tvmaze/show-35001.json");
  fake_server_route (server, "/shows/35001", "tvmaze/show-35001.json");
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (toasts));
  gtk_window_present (window);
  transfer = drama_watchlist_transfer_new (window, toasts);
  g_signal_connect (transfer, "done", G_CALLBACK (on_done), &done);
  drama_watchlist_transfer_set_store (transfer, store);
  drama_watchlist_transfer_set_tvmaze (transfer, tvmaze);

  drama_watchlist_transfer_import_trakt_file (transfer, file);
  g_assert_true (wait_for (is_over, &done, 10000));
  g_assert_true (done.ok);
  g_assert_true (wait_for (dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "1 show added"));
  g_assert_nonnull (strstr (body, "Row 2: a movie, not a show"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  shows = drama_store_list_shows (store, -1, NULL, DRAMA_SHOW_SORT_TITLE, &error);
  g_assert_cmpuint (shows->len, ==, 1);
  g_assert_cmpstr (drama_show_get_name (g_ptr_array_index (shows, 0)), ==, "Ms. Hammurabi");

  g_clear_object (&transfer);
  gtk_window_destroy (window);
  g_clear_object (&store);
  g_clear_object (&tvmaze);
  fake_server_free (server);
  spin ();
  remove_tree (home);
}

int
main (int argc, char *argv[])
{
  ui_test_init (&argc, &argv, "dramalist-transfer-test");
  g_test_add_func ("/ui/transfer/export-import", test_export_import);
  g_test_add_func ("/ui/transfer/trakt", test_trakt);
  return g_test_run ();
}
