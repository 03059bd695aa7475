#pragma once

/* Libraries for the benchmarks: real SQLite files written through the app's own store API,
 * generated from a fixed seed so that every run and every machine measures the same data.
 *
 *   g_autofree char *path = bench_library_ensure (BENCH_LIBRARY_LARGE, &error);
 *   g_autoptr(DramaStore) store = drama_store_new (path, &error);
 *
 * The file is built on first use (a few seconds for LARGE, printed on stdout) under the
 * build directory and kept there: its name carries the generator's version and the schema
 * version, so a changed generator or schema builds a new one (older ones are deleted). The
 * file is shared by every benchmark: one that changes its library works on a copy
 * (bench_library_copy). */

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  /* A new library: schema only. */
  BENCH_LIBRARY_EMPTY,
  /* 1,000 shows × 32 episodes, each crediting 10 people out of 10,000; 200 feeds with
   * 100,000 articles of a few paragraphs of HTML over a year (show titles, cast names,
   * common words such as "love" or "drama", and rare words), linked to the shows and people
   * they name; every third article read, one in a hundred starred. */
  BENCH_LIBRARY_LARGE,
  /* LARGE as schema version 4 had it (no text column, the version 4 search index with its
   * own copy of the text, rowid = article id), for the upgrade benchmark. */
  BENCH_LIBRARY_LARGE_V4,
} BenchLibraryKind;

#define BENCH_LIBRARY_N_SHOWS    1000
#define BENCH_LIBRARY_N_EPISODES 32
#define BENCH_LIBRARY_N_CAST     10
#define BENCH_LIBRARY_N_PEOPLE   10000
#define BENCH_LIBRARY_N_FEEDS    200
#define BENCH_LIBRARY_N_ARTICLES 100000

/* The path of the library file (built first if needed). */
char               *bench_library_ensure      (BenchLibraryKind   kind,
                                               GError           **error);
/* A copy of it in a new temporary folder, for a benchmark that changes it; the caller
 * deletes the folder (bench_library_remove_copy). */
char               *bench_library_copy        (BenchLibraryKind   kind,
                                               GError           **error);
void                bench_library_remove_copy (const char        *path);

/* What the LARGE library holds, for queries: show i's title (i < BENCH_LIBRARY_N_SHOWS),
 * person i's name (i < BENCH_LIBRARY_N_PEOPLE), and the filler words articles are made of:
 * common ones (each in a few percent of the articles or more) and rare ones (each in
 * about 50 articles). NULL-terminated. */
char               *bench_library_show_title  (guint              i);
char               *bench_library_person_name (guint              i);
const char * const *bench_library_common_words (void);
const char * const *bench_library_rare_words  (void);

G_END_DECLS
