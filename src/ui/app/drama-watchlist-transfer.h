#pragma once

/* "Export Watchlist…", "Import Watchlist…" and "Import from Trakt…" of the window's menu: the file chooser (a
 * portal under Flatpak), the file read or written off the main thread, the store's job,
 * and what happened in words: a toast for an export, a dialog listing what an import
 * added, merged and left out (and why). drama-store-transfer.c does the work. */

#include <adwaita.h>

#include "drama-store.h"
#include "drama-tvmaze.h"

G_BEGIN_DECLS

#define DRAMA_TYPE_WATCHLIST_TRANSFER (drama_watchlist_transfer_get_type ())
G_DECLARE_FINAL_TYPE (DramaWatchlistTransfer, drama_watchlist_transfer, DRAMA,
                      WATCHLIST_TRANSFER, GObject)

/* Reports go to window (toasts through its overlay, dialogs over it). */
DramaWatchlistTransfer *drama_watchlist_transfer_new    (GtkWindow              *window,
                                                         AdwToastOverlay        *toasts);
void                    drama_watchlist_transfer_set_store (DramaWatchlistTransfer *self,
                                                            DramaStore             *store);
typedef enum {
  DRAMA_TRANSFER_EXPORT,
  DRAMA_TRANSFER_IMPORT,
  DRAMA_TRANSFER_IMPORT_TRAKT,   /* a Trakt export (drama-trakt-import.h) */
} DramaTransferKind;

/* Shows of a Trakt export are looked up there. */
void                    drama_watchlist_transfer_set_tvmaze (DramaWatchlistTransfer *self,
                                                             DramaTvmaze            *tvmaze);
/* Asks for a file, then exports or imports. */
void                    drama_watchlist_transfer_choose (DramaWatchlistTransfer *self,
                                                         DramaTransferKind       kind);
/* Without asking: what the chooser's answer starts (also for the tests). "done" is emitted
 * with whether it succeeded once it is over and reported. */
void                    drama_watchlist_transfer_export_file (DramaWatchlistTransfer *self,
                                                              GFile                  *file);
void                    drama_watchlist_transfer_import_file (DramaWatchlistTransfer *self,
                                                              GFile                  *file);
void                    drama_watchlist_transfer_import_trakt_file (DramaWatchlistTransfer *self,
                                                                    GFile                  *file);

G_END_DECLS
