/* Scrolling the news pane's article list over a large library, on a real display (run it
 * through xvfb-run: build-aux/test.sh --benchmark scroll, or xvfb-run -a meson test
 * --benchmark scroll):
 *  - a library of 100,000 articles in a real SQLite file (one batch per feed through
 *    drama_store_add_feed_with_articles), a third of them linked to shows, every one with a
 *    thumbnail on a slow local SoupServer (tests/fake-server.c, on 127.0.0.1-3);
 *  - a real DramaArticleList in a GtkListView with the news pane's own row factory
 *    (drama_article_row_factory_new) and image loader, scrolled end to end in fast bursts,
 *    page by page, by random jumps, then slowly enough for thumbnails to load;
 *  - the same list with a plain GtkLabel row factory, same moves, as the reference.
 * Each frame's time is measured with GTK's frame clock, from "before-paint" to the end of
 * "after-paint" (update, layout, snapshot and rendering). Prints p50/p99/max against the
 * reference and the most image requests ever in flight. Fails (exit 1) when a frame of the
 * article rows takes over 16 ms or the requests in flight pass the loader's bound.
 * Options: --articles N (default 100000), --frames N (frames per phase, default 300),
 * --keep (leave the library in its temporary folder), --no-reference (article rows only)
 * and --only fling|page-down|jump|slow (one phase), for profiling. Exits 77 (skipped) without a display. */

#define G_LOG_DOMAIN "bench-scroll"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drama-article-list.h"
#include "drama-article-row.h"
#include "drama-image-loader.h"
#include "drama-matcher.h"
#include "drama-store.h"
#include "drama-tvmaze.h"
#include "fake-server.h"
#include "bench-stats.h"

#define N_FEEDS 20
#define N_SHOWS 40
#define N_HOSTS 3
/* Thumbnails answer after this long, so that requests pile up where they can. */
#define THUMB_DELAY_MS 150
#define TARGET_FRAME_MS 16.0
#define WINDOW_WIDTH 460
#define WINDOW_HEIGHT 1000

/* xorshift64*: the same moves in every run and for both lists. */
static guint64 rng_state;

static guint64
rng_next (void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ULL;
}

static double
rng_fraction (void)
{
  return (rng_next () >> 11) * (1.0 / 9007199254740992.0);
}

static const char * const words[] = {
  "the", "drama", "actor", "actress", "episode", "ratings", "fans", "viewers", "filming",
  "cast", "director", "character", "story", "romance", "series", "star", "role", "premiere",
  "teaser", "poster", "variety", "comeback", "stage", "interview", "photos", "revealed",
  "shared", "smiled", "final", "upcoming", "special", "sweet", "of", "and", "in", "with",
  "for", "on", "at", "about", "after", "before", "their", "천사", "마지막", "드라마", "café",
};

static const char * const show_words[] = {
  "Hotel", "Moon", "Secret", "Garden", "Queen", "Doctor", "Lawyer", "Summer", "Winter",
  "Palace", "Castle", "River", "Flower", "Tiger", "Ghost", "Goblin", "Kingdom", "Healer",
};

static void
append_words (GString *s,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, words[rng_next () % G_N_ELEMENTS (words)]);
    }
}

/* Sorts values in place. */
static double
percentile (GArray *values,
            double  p)
{
  guint i;

  if (values->len == 0)
    return 0;
  g_array_sort (values, bench_compare_double);
  i = (guint) (p / 100.0 * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (i, values->len - 1));
}

/* ---- the library ---- */

static char **show_names;

static void
add_shows (DramaStore *store)
{
  show_names = g_new0 (char *, N_SHOWS + 1);
  for (guint s = 0; s < N_SHOWS; s++)
    {
      g_autoptr(DramaShow) show = drama_show_new ();
      g_autoptr(GError) error = NULL;

      guint n_words = G_N_ELEMENTS (show_words);

      /* (s % n, s / n) differs for every s: no two shows share a name. */
      show_names[s] = g_strdup_printf ("%s %s %s", show_words[s % n_words],
                                       show_words[(s % n_words + 1 + s / n_words) % n_words],
                                       s % 2 ? "Love" : "Story");
      drama_show_set_name (show, show_names[s]);
      if (!drama_store_save_show (store, show, NULL, NULL, &error))
        g_error ("Could not save a show: %s", error->message);
    }
}

/* n articles over N_FEEDS feeds, one transaction per feed; a third name one to four shows.
 * Article i's thumbnail is hosts[i % N_HOSTS]/thumbs/i.png; each path is routed to png. */
static void
make_library (DramaStore  *store,
              FakeServer  *server,
              const char **hosts,
              const char  *png,
              guint        n)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  FakeFailure slow = { .delay_ms = THUMB_DELAY_MS };
  g_autoptr(GArray) linked = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DramaMatcher) matcher = NULL;
  g_autoptr(GError) error = NULL;
  guint per_feed = (n + N_FEEDS - 1) / N_FEEDS, made = 0;
  gint64 t0 = g_get_monotonic_time ();

  for (guint f = 0; f < N_FEEDS && made < n; f++)
    {
      g_autoptr(DramaFeed) feed = drama_feed_new ();
      g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) ids = NULL;
      /* On the pictures' (loopback) server: a feed on the internet may not make the app
       * fetch from 127.0.0.x. */
      g_autofree char *url = g_strdup_printf ("%s/site%u/feed", hosts[0], f);
      g_autofree char *title = g_strdup_printf ("Site %u News", f);
      g_autoptr(GArray) names_shows = g_array_new (FALSE, FALSE, sizeof (gboolean));

      for (guint i = 0; i < per_feed && made < n; i++, made++)
        {
          DramaArticle *article = drama_article_new ();
          g_autofree char *path = g_strdup_printf ("/thumbs/%u.png", made);
          g_autofree char *image = g_strconcat (hosts[made % N_HOSTS], path, NULL);
          g_autofree char *link = g_strdup_printf ("https://site%u.example.com/post-%u/", f, made);
          GString *text = g_string_new (NULL);
          GString *body = g_string_new ("<p>");
          gboolean names = made % 3 == 0;

          append_words (text, 2 + rng_next () % 12);
          if (names)
            {
              guint k = 1 + rng_next () % 4;

              for (guint s = 0; s < k; s++)
                g_string_append_printf (text, ", %s", show_names[rng_next () % N_SHOWS]);
            }
          append_words (body, 40 + rng_next () % 40);
          g_string_append (body, "</p><p>");
          append_words (body, 120 + rng_next () % 80);
          g_string_append (body, "</p>");

          drama_article_set_guid (article, link);
          drama_article_set_link (article, link);
          drama_article_set_title (article, text->str);
          drama_article_set_summary (article, body->str);
          drama_article_set_content (article, body->str);
          drama_article_set_image (article, image);
          drama_article_set_published (article, now - (gint64) (rng_next () % (365 * 86400)));
          drama_article_set_fetched_at (article, now);
          drama_article_set_read (article, rng_next () % 3 == 0);
          g_ptr_array_add (articles, article);
          g_array_append_val (names_shows, names);
          g_string_free (text, TRUE);
          g_string_free (body, TRUE);

          fake_server_route (server, path, png);
          fake_server_fail (server, path, &slow);
        }

      drama_feed_set_url (feed, url);
      drama_feed_set_title (feed, title);
      if (!drama_store_add_feed_with_articles (store, feed, articles, &ids, &error))
        g_error ("Could not add a feed: %s", error->message);
      for (guint i = 0; i < ids->len; i++)
        if (g_array_index (names_shows, gboolean, i))
          g_array_append_val (linked, g_array_index (ids, gint64, i));
    }
  printf ("scroll: library of %u articles in %u feeds written in %.1f s\n", n, N_FEEDS,
          (g_get_monotonic_time () - t0) / 1e6);

  t0 = g_get_monotonic_time ();
  matcher = drama_store_build_matcher (store, &error);
  if (matcher == NULL ||
      !drama_store_link_articles (store, matcher, (const gint64 *) (gpointer) linked->data,
                                  linked->len, &error))
    g_error ("Could not link the articles: %s", error->message);
  printf ("scroll: %u articles linked to %u shows in %.1f s\n", linked->len, N_SHOWS,
          (g_get_monotonic_time () - t0) / 1e6);
}

/* ---- the reference: a plain label per row ---- */

static void
label_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
label_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      drama_article_get_title (gtk_list_item_get_item (item)));
}

static GtkListItemFactory *
label_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (label_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind), NULL);
  return factory;
}

static void
row_setup (DramaArticleRow *row,
           gpointer         loader)
{
  drama_article_row_set_image_loader (row, loader, TRUE);
}

/* ---- driving and timing the frames ---- */

typedef enum {
  PHASE_FLING,      /* end to end in bursts: the whole list in --frames frames */
  PHASE_PAGE_DOWN,  /* a page a frame from a random place */
  PHASE_JUMP,       /* a random place every frame */
  PHASE_SLOW,       /* 12 px a frame: rows stay long enough to load their thumbnails */
  N_PHASES
} Phase;

static const char * const phase_names[N_PHASES] = { "fling", "page-down", "jump", "slow" };

typedef struct {
  const char       *name;
  GtkWidget        *window;
  GtkListView      *view;
  GtkAdjustment    *adjustment;
  GdkFrameClock    *clock;
  DramaImageLoader *loader;      /* NULL for the reference */
  FakeServer       *server;

  guint             frames_per_phase;
  int               only;        /* a phase, or -1 for all */
  Phase             phase;
  guint             frame;       /* in the phase */
  gboolean          running;
  gboolean          done;
  gint64            paint_start;
  gint64            paint_start_cpu;
  gint64            last_after_paint;

  GArray           *frame_ms[N_PHASES];
  GArray           *all_ms;
  GArray           *cpu_ms;      /* the main thread's CPU time in the frame */
  GArray           *interval_ms;
  guint             max_in_flight;
  guint             max_waiting;
  guint             over_target;
} Run;

/* This thread's CPU time: what a frame cost the main thread, whatever else the machine
 * (shared, 2 cores) was doing meanwhile. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_before_paint (GdkFrameClock *clock,
                 Run           *run)
{
  run->paint_start = g_get_monotonic_time ();
  run->paint_start_cpu = thread_cpu_us ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Run           *run)
{
  gint64 now = g_get_monotonic_time ();
  double ms;

  if (!run->running || run->paint_start == 0)
    return;
  ms = (thread_cpu_us () - run->paint_start_cpu) / 1000.0;
  g_array_append_val (run->cpu_ms, ms);
  ms = (now - run->paint_start) / 1000.0;
  g_array_append_val (run->frame_ms[run->phase], ms);
  g_array_append_val (run->all_ms, ms);
  if (ms > TARGET_FRAME_MS)
    run->over_target++;
  if (run->last_after_paint != 0)
    {
      double interval = (now - run->last_after_paint) / 1000.0;

      g_array_append_val (run->interval_ms, interval);
    }
  run->last_after_paint = now;
  if (run->loader != NULL)
    {
      run->max_in_flight = MAX (run->max_in_flight,
                                drama_image_loader_get_n_in_flight (run->loader));
      run->max_waiting = MAX (run->max_waiting, drama_image_loader_get_n_waiting (run->loader));
    }
}

static gboolean
drive (GtkWidget     *widget,
       GdkFrameClock *clock,
       gpointer       data)
{
  Run *run = data;
  double upper = gtk_adjustment_get_upper (run->adjustment);
  double page = gtk_adjustment_get_page_size (run->adjustment);
  double room = MAX (upper - page, 0);
  double value = gtk_adjustment_get_value (run->adjustment);

  if (run->frame == run->frames_per_phase)
    {
      run->frame = 0;
      if (++run->phase == N_PHASES || run->only >= 0)
        {
          run->phase = N_PHASES - 1;
          run->running = FALSE;
          run->done = TRUE;
          return G_SOURCE_REMOVE;
        }
      if (run->phase == PHASE_PAGE_DOWN || run->phase == PHASE_SLOW)
        {
          /* Start where the phase has room to run. */
          value = rng_fraction () * room * 0.5;
          gtk_adjustment_set_value (run->adjustment, value);
          run->frame++;
          return G_SOURCE_CONTINUE;
        }
    }

  switch (run->phase)
    {
    case PHASE_FLING:
      value = room * (run->frame + 1) / run->frames_per_phase;
      break;
    case PHASE_PAGE_DOWN:
      value += page;
      break;
    case PHASE_JUMP:
      value = rng_fraction () * room;
      break;
    case PHASE_SLOW:
      value += 12;
      break;
    case N_PHASES:
    default:
      g_assert_not_reached ();
    }
  gtk_adjustment_set_value (run->adjustment, MIN (value, room));
  run->frame++;
  run->running = TRUE;
  return G_SOURCE_CONTINUE;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
iterate_until (gboolean *flag,
               guint     timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, wake_up, NULL);

  while (!*flag && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static void
iterate_for (guint ms)
{
  gboolean never = FALSE;
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint tick = g_timeout_add (20, wake_up, NULL);

  while (!never && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static void
run_list (Run                *run,
          DramaStore         *store,
          GtkListItemFactory *factory,
          guint64             seed)
{
  g_autoptr(DramaArticleList) list = drama_article_list_new (store, DRAMA_ARTICLE_FILTER_ALL, 0,
                                                            NULL);
  GtkSelectionModel *selection;
  GtkWidget *scrolled;
  gint64 t0;

  for (guint p = 0; p < N_PHASES; p++)
    run->frame_ms[p] = g_array_new (FALSE, FALSE, sizeof (double));
  run->all_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run->cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  run->interval_ms = g_array_new (FALSE, FALSE, sizeof (double));
  rng_state = seed;
  if (run->only >= 0)
    run->phase = run->only;

  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (list))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  /* The view takes both. */
  run->view = GTK_LIST_VIEW (gtk_list_view_new (selection, g_object_ref (factory)));
  gtk_widget_add_css_class (GTK_WIDGET (run->view), "navigation-sidebar");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (run->view));

  run->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (run->window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (run->window), scrolled);
  gtk_window_present (GTK_WINDOW (run->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (run->view)))
    g_main_context_iteration (NULL, TRUE);
  /* Let the first frames and the first thumbnails settle. */
  iterate_for (1500);

  run->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (run->view));
  run->clock = gtk_widget_get_frame_clock (GTK_WIDGET (run->view));
  g_signal_connect (run->clock, "before-paint", G_CALLBACK (on_before_paint), run);
  g_signal_connect (run->clock, "after-paint", G_CALLBACK (on_after_paint), run);
  if (run->loader != NULL)
    fake_server_reset_waiting_stats (run->server);

  t0 = g_get_monotonic_time ();
  gtk_widget_add_tick_callback (GTK_WIDGET (run->view), drive, run, NULL);
  iterate_until (&run->done, 900);
  printf ("scroll: %s: %u frames in %.1f s\n", run->name, run->all_ms->len,
          (g_get_monotonic_time () - t0) / 1e6);

  /* The last downloads come in; the requests must stay bounded through it. */
  if (run->loader != NULL)
    {
      for (guint i = 0; i < 100 && (drama_image_loader_get_n_in_flight (run->loader) > 0 ||
                                    drama_image_loader_get_n_waiting (run->loader) > 0); i++)
        iterate_for (50);
    }

  g_signal_handlers_disconnect_by_data (run->clock, run);
  gtk_window_destroy (GTK_WINDOW (run->window));
  iterate_for (200);
}

static void
run_free (Run *run)
{
  for (guint p = 0; p < N_PHASES; p++)
    g_array_unref (run->frame_ms[p]);
  g_array_unref (run->all_ms);
  g_array_unref (run->cpu_ms);
  g_array_unref (run->interval_ms);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
write_png (const char *path)
{
  guint8 pixels[48 * 48 * 4];
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  for (guint i = 0; i < sizeof pixels; i += 4)
    {
      pixels[i] = (guint8) (i * 7);
      pixels[i + 1] = (guint8) (i * 3);
      pixels[i + 2] = 0xa0;
      pixels[i + 3] = 0xff;
    }
  bytes = g_bytes_new (pixels, sizeof pixels);
  texture = gdk_memory_texture_new (48, 48, GDK_MEMORY_R8G8B8A8, bytes, 48 * 4);
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *png = NULL;
  g_autoptr(DramaStore) store = NULL;
  g_autoptr(DramaTvmaze) tvmaze = NULL;
  g_autoptr(DramaImageLoader) loader = NULL;
  g_autoptr(GtkListItemFactory) row_factory = NULL;
  g_autoptr(GtkListItemFactory) label_factory = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  FakeServer *server;
  const char *hosts[N_HOSTS];
  guint n_articles = 100000, frames = 300;
  gboolean keep = FALSE, ok = TRUE, reference = TRUE;
  Run rows = { .name = "article rows" }, labels = { .name = "plain labels" };
  guint bound = DRAMA_IMAGE_LOADER_MAX_IN_FLIGHT;
  int only = -1;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--articles") && i + 1 < argc)
        n_articles = (guint) atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--frames") && i + 1 < argc)
        frames = (guint) atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--keep"))
        keep = TRUE;
      else if (g_str_equal (argv[i], "--no-reference"))
        reference = FALSE;
      else if (g_str_equal (argv[i], "--only") && i + 1 < argc)
        {
          i++;
          for (guint p = 0; p < N_PHASES; p++)
            if (g_str_equal (argv[i], phase_names[p]))
              only = p;
        }
    }
  n_articles = MAX (1000, n_articles);
  frames = MAX (10, frames);

  /* Before anything asks GLib for the cache folder: the image cache (SoupCache) of this
   * run only. */
  dir = g_dir_make_tmp ("bench-scroll-XXXXXX", &error);
  if (dir == NULL)
    g_error ("No temporary folder: %s", error->message);
  cache = g_build_filename (dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  if (!gtk_init_check ())
    {
      printf ("scroll: SKIP: no display (run it through xvfb-run)\n");
      return 77;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* The app's own style (AdwApplication loads it from the resource path). */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/dramalist/Dramalist/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  server = fake_server_new (dir);
  hosts[0] = fake_server_get_url (server);
  hosts[1] = fake_server_listen_also (server, "127.0.0.2");
  hosts[2] = fake_server_listen_also (server, "127.0.0.3");
  if (hosts[1] == NULL || hosts[2] == NULL)
    g_error ("Could not listen on 127.0.0.2 and 127.0.0.3");
  png = g_build_filename (dir, "thumb.png", NULL);
  write_png (png);

  path = g_build_filename (dir, "library.db", NULL);
  store = drama_store_new (path, &error);
  if (store == NULL)
    g_error ("Could not open the store: %s", error->message);
  rng_state = 88172645463325252ULL;
  add_shows (store);
  make_library (store, server, hosts, png, n_articles);

  tvmaze = drama_tvmaze_new (NULL);
  loader = drama_image_loader_new (tvmaze);
  row_factory = drama_article_row_factory_new (row_setup, loader, NULL);
  label_factory = label_factory_new ();

  /* The article rows first: they meet the library cold, the reference warm. */
  rows.loader = loader;
  rows.server = server;
  rows.frames_per_phase = frames;
  rows.only = labels.only = only;
  run_list (&rows, store, row_factory, 42);
  labels.frames_per_phase = frames;
  if (reference)
    run_list (&labels, store, label_factory, 42);
  else
    for (guint p = 0; p < N_PHASES; p++)
      labels.frame_ms[p] = g_array_new (FALSE, FALSE, sizeof (double));
  if (labels.all_ms == NULL)
    {
      labels.all_ms = g_array_new (FALSE, FALSE, sizeof (double));
      labels.cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
      labels.interval_ms = g_array_new (FALSE, FALSE, sizeof (double));
    }

  printf ("scroll: %u articles, %u frames per phase, window %ux%u; frame time = before-paint "
          "to after-paint on GTK's frame clock\n", n_articles, frames, WINDOW_WIDTH,
          WINDOW_HEIGHT);
  for (guint p = 0; p <= N_PHASES; p++)
    {
      GArray *r = p < N_PHASES ? rows.frame_ms[p] : rows.all_ms;
      GArray *l = p < N_PHASES ? labels.frame_ms[p] : labels.all_ms;
      double r50 = percentile (r, 50), r99 = percentile (r, 99), rmax = percentile (r, 100);
      double l50 = percentile (l, 50), l99 = percentile (l, 99), lmax = percentile (l, 100);

      printf ("scroll: %-9s article rows p50 %6.2f p99 %6.2f max %7.2f ms | plain labels "
              "p50 %6.2f p99 %6.2f max %7.2f ms | ratio p50 %.2f p99 %.2f\n",
              p < N_PHASES ? phase_names[p] : "all", r50, r99, rmax, l50, l99, lmax,
              l50 > 0 ? r50 / l50 : 0, l99 > 0 ? r99 / l99 : 0);
    }
  printf ("scroll: main thread CPU per frame (load-independent): article rows p50 %.2f p99 %.2f "
          "max %.2f ms | plain labels p50 %.2f p99 %.2f max %.2f ms\n",
          percentile (rows.cpu_ms, 50), percentile (rows.cpu_ms, 99),
          percentile (rows.cpu_ms, 100), percentile (labels.cpu_ms, 50),
          percentile (labels.cpu_ms, 99), percentile (labels.cpu_ms, 100));
  printf ("scroll: between frames (after-paint to after-paint): article rows p50 %.2f p99 %.2f "
          "max %.2f ms | plain labels p50 %.2f p99 %.2f max %.2f ms\n",
          percentile (rows.interval_ms, 50), percentile (rows.interval_ms, 99),
          percentile (rows.interval_ms, 100), percentile (labels.interval_ms, 50),
          percentile (labels.interval_ms, 99), percentile (labels.interval_ms, 100));
  printf ("scroll: thumbnails: %u requests on the server, at most %u in flight in the loader "
          "(%u seen at once by the server, %u waiting at most), bound %u\n",
          fake_server_get_total_hits (server), drama_image_loader_get_peak_in_flight (loader),
          fake_server_get_max_waiting (server), rows.max_waiting, bound);
  printf ("scroll: %u of %u article-row frames over %.0f ms (plain labels: %u of %u)\n",
          rows.over_target, rows.all_ms->len, TARGET_FRAME_MS, labels.over_target,
          labels.all_ms->len);

  if (percentile (rows.all_ms, 100) > TARGET_FRAME_MS)
    {
      printf ("scroll: FAIL: target missed: a frame of the article rows took %.2f ms > %.0f ms\n",
              percentile (rows.all_ms, 100), TARGET_FRAME_MS);
      ok = FALSE;
    }
  else
    printf ("scroll: target met: no frame of the article rows over %.0f ms\n", TARGET_FRAME_MS);
  if (drama_image_loader_get_peak_in_flight (loader) > bound ||
      fake_server_get_max_waiting (server) > bound)
    {
      printf ("scroll: FAIL: target missed: more than %u image requests in flight\n", bound);
      ok = FALSE;
    }
  else
    printf ("scroll: target met: at most %u image requests in flight\n", bound);

  run_free (&rows);
  run_free (&labels);
  fake_server_free (server);
  g_clear_object (&loader);
  g_clear_object (&tvmaze);
  g_clear_object (&store);
  if (keep)
    printf ("scroll: library kept in %s\n", dir);
  else
    remove_tree (dir);
  g_strfreev (show_names);
  return ok ? 0 : 1;
}
