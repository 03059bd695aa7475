/* DramaShowList, the one live list of shows the views filter and sort: it follows the
 * store's changes row by row (a seen mark re-reads one show and changes one item, keeping
 * every object), filters and sorts exactly as drama_store_list_shows (), and moves on by
 * itself when a next episode airs. Real SQLite files, real store thread. */
#define G_LOG_DOMAIN "test-show-list"

#include "config.h"

#include <glib/gstdio.h>

#include "drama-show-list.h"
#include "drama-store.h"

#define DAY (24 * 3600)

typedef struct {
  char          *dir;
  DramaStore    *store;
  DramaShowList *list;
  GArray        *changes;   /* ItemsChanged, as emitted */
} Fixture;

typedef struct {
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

/* ---- waiting ---- */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until cond holds (or 10 s pass: then the test fails). */
static void
wait_until (Condition cond,
            gpointer  data)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, wake_up, NULL);

  while (!cond (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_true (cond (data));
}

static gboolean
list_idle (gpointer data)
{
  DramaShowList *list = data;

  return drama_show_list_get_loaded (list) && !drama_show_list_get_busy (list);
}

/* Done with what the store has told it so far: the list has read what changed. */
static void
settle (Fixture *fixture)
{
  wait_until (list_idle, fixture->list);
}

typedef struct {
  gboolean  done;
  gpointer  result;
  GError   *error;
} Call;

static void
call_done (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Call *call = user_data;

  call->result = drama_store_call_finish (DRAMA_STORE (source), res, &call->error);
  call->done = TRUE;
}

static gboolean
call_is_done (gpointer data)
{
  return ((Call *) data)->done;
}

/* Runs func on the store's thread, as the app's views do, and waits for it: the changes
 * it makes reach the list from the store's queue, as they do in the app. */
static gpointer
run_job (DramaStore     *store,
         DramaStoreFunc  func,
         gpointer        data)
{
  Call call = { FALSE, NULL, NULL };

  drama_store_call_async (store, G_PRIORITY_DEFAULT, func, data, NULL, NULL, NULL,
                          call_done, &call);
  wait_until (call_is_done, &call);
  g_assert_no_error (call.error);
  return call.result;
}

/* ---- the library ---- */

static DramaEpisode *
make_episode (gint64 tvmaze_id,
              int    number,
              gint64 airstamp)
{
  DramaEpisode *episode = drama_episode_new ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (airstamp);
  g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");

  drama_episode_set_tvmaze_id (episode, tvmaze_id);
  drama_episode_set_season (episode, 1);
  drama_episode_set_number (episode, number);
  drama_episode_set_name (episode, number == 0 ? "Special" : "Episode");
  drama_episode_set_airstamp (episode, airstamp);
  drama_episode_set_airdate (episode, date);
  return episode;
}

/* n_aired episodes a week apart ending yesterday, then n_future a week apart from
 * now + future_start. Saved on the main thread before the list exists. */
static gint64
save_show (DramaStore *store,
           gint64      tvmaze_id,
           const char *name,
           int         n_aired,
           int         n_future,
           gint64      future_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DramaShow) show = drama_show_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  drama_show_set_tvmaze_id (show, tvmaze_id);
  drama_show_set_name (show, name);
  drama_show_set_status (show, "Running");
  for (int i = 1; i <= n_aired; i++)
    g_ptr_array_add (episodes, make_episode (tvmaze_id * 100 + i, i,
                                             now - DAY - (n_aired - i) * 7 * DAY));
  for (int i = 1; i <= n_future; i++)
    g_ptr_array_add (episodes, make_episode (tvmaze_id * 100 + n_aired + i, n_aired + i,
                                             now + future_start + (i - 1) * 7 * DAY));
  g_assert_true (drama_store_save_show (store, show, episodes, NULL, &error));
  g_assert_no_error (error);
  return drama_show_get_id (show);
}

static gint64
episode_id (DramaStore *store,
            gint64      show_id,
            int         number)
{
  g_autoptr(GPtrArray) episodes = drama_store_list_episodes (store, show_id, NULL);

  for (guint i = 0; i < episodes->len; i++)
    if (drama_episode_get_number (episodes->pdata[i]) == number)
      return drama_episode_get_id (episodes->pdata[i]);
  g_assert_not_reached ();
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  ItemsChanged change = { position, removed, added };

  g_array_append_val (fixture->changes, change);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* Four shows, then a list over them, loaded. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("test-show-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = drama_store_new (path, &error);
  g_assert_no_error (error);

  save_show (fixture->store, 30, "Alchemy of Souls", 2, 2, 3 * DAY);
  save_show (fixture->store, 31, "Business Proposal", 2, 1, 1 * DAY);
  save_show (fixture->store, 32, "Crash Landing on You", 3, 0, 0);
  save_show (fixture->store, 33, "Doctor Slump", 1, 3, 2 * DAY);

  fixture->list = drama_show_list_new (fixture->store);
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  settle (fixture);
  g_signal_connect (fixture->list, "items-changed", G_CALLBACK (on_items_changed), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->list);
  g_clear_object (&fixture->store);
  /* Let the jobs and markers still queued for this context go. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&fixture->changes, g_array_unref);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
snapshot (DramaShowList *list)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (list), i));
  return items;
}

/* Every listed object is the one listed before, except at position skip. */
static void
assert_same_objects (DramaShowList *list,
                     GPtrArray     *before,
                     guint          skip)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(DramaShow) now = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (i != skip)
        g_assert_true (now == before->pdata[i]);
    }
}

static DramaShow *
listed (Fixture    *fixture,
        const char *name,
        guint      *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->list)); i++)
    {
      g_autoptr(DramaShow) show = g_list_model_get_item (G_LIST_MODEL (fixture->list), i);

      if (g_strcmp0 (drama_show_get_name (show), name) == 0)
        {
          if (position != NULL)
            *position = i;
          return show;
        }
    }
  return NULL;
}

/* ---- tests ---- */

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  DramaShow *show;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 4);
  g_assert_cmpuint (drama_show_list_get_n_queries (fixture->list), ==, 1);
  g_assert_cmpuint (drama_show_list_get_n_full_reads (fixture->list), ==, 1);
  g_assert_null (drama_show_list_get_error_message (fixture->list));

  /* With what drama_store_list_shows () derives. */
  show = listed (fixture, "Doctor Slump", NULL);
  g_assert_nonnull (show);
  g_assert_cmpint (drama_show_get_episodes_total (show), ==, 4);
  g_assert_cmpint (drama_show_get_episodes_aired (show), ==, 1);
  g_assert_cmpint (drama_show_get_episodes_seen (show), ==, 0);
  g_assert_nonnull (drama_show_get_next_episode (show));
  g_assert_cmpint (drama_episode_get_number (drama_show_get_next_episode (show)), ==, 2);
  g_assert_true (drama_show_list_find (fixture->list, drama_show_get_id (show), NULL) == show);
}

typedef struct {
  GArray  *ids;
  gint64   seen_at;
} SeenData;

static gpointer
seen_job (DramaStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SeenData *seen = data;

  return drama_store_set_episodes_seen (store, (const gint64 *) (gpointer) seen->ids->data,
                                        seen->ids->len, seen->seen_at, NULL, error)
         ? GINT_TO_POINTER (1) : NULL;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

/* What a seen click costs: one read of one show, one item changed, in place. Ten clicks,
 * so that a race between the store's announcements and the list's read would show. */
static void
test_seen_click_cost (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) before = snapshot (fixture->list);
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  guint position = G_MAXUINT;
  DramaShow *show = listed (fixture, "Alchemy of Souls", &position);
  gint64 show_id = drama_show_get_id (show);
  SeenData seen = { g_array_new (FALSE, FALSE, sizeof (gint64)), 0 };
  gint64 first = episode_id (fixture->store, show_id, 1);

  g_array_append_val (seen.ids, first);
  g_signal_connect (show, "notify", G_CALLBACK (on_notify), notified);

  for (int click = 0; click < 10; click++)
    {
      guint queries = drama_show_list_get_n_queries (fixture->list);
      guint full = drama_show_list_get_n_full_reads (fixture->list);
      ItemsChanged *change;

      g_array_set_size (fixture->changes, 0);
      g_ptr_array_set_size (notified, 0);
      seen.seen_at = click % 2 == 0 ? 1700000000 + click : 0;
      run_job (fixture->store, seen_job, &seen);
      settle (fixture);

      g_assert_cmpuint (drama_show_list_get_n_queries (fixture->list), ==, queries + 1);
      g_assert_cmpuint (drama_show_list_get_n_full_reads (fixture->list), ==, full);
      g_assert_cmpuint (fixture->changes->len, ==, 1);
      change = &g_array_index (fixture->changes, ItemsChanged, 0);
      g_assert_cmpuint (change->position, ==, position);
      g_assert_cmpuint (change->removed, ==, 1);
      g_assert_cmpuint (change->added, ==, 1);

      /* Every object stays, the clicked show's too, with its new progress. */
      assert_same_objects (fixture->list, before, G_MAXUINT);
      g_assert_cmpint (drama_show_get_episodes_seen (show), ==, click % 2 == 0 ? 1 : 0);
      g_assert_true (g_ptr_array_find_with_equal_func (notified, "episodes-seen", g_str_equal, NULL));
      /* What did not change did not notify. */
      g_assert_false (g_ptr_array_find_with_equal_func (notified, "name", g_str_equal, NULL));
      g_assert_false (g_ptr_array_find_with_equal_func (notified, "next-episode", g_str_equal, NULL));
    }

  g_signal_handlers_disconnect_by_data (show, notified);
  g_array_unref (seen.ids);
}

typedef struct {
  gint64   show_id;
  gboolean removed;
} RemoveData;

static gpointer
remove_job (DramaStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  RemoveData *remove = data;

  return drama_store_set_show_removed (store, remove->show_id, remove->removed, error)
         ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
add_job (DramaStore    *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(DramaShow) show = drama_show_new ();
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);

  drama_show_set_name (show, data);
  g_ptr_array_add (episodes, make_episode (0, 1, g_get_real_time () / G_USEC_PER_SEC + DAY));
  return drama_store_save_show (store, show, episodes, NULL, error) ? GINT_TO_POINTER (1) : NULL;
}

/* A removal removes one item, its Undo and a new show each add one; no other object is
 * touched and nothing is read in full. */
static void
test_remove_add (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) before = snapshot (fixture->list);
  guint position = G_MAXUINT;
  DramaShow *show = listed (fixture, "Business Proposal", &position);
  RemoveData remove = { drama_show_get_id (show), TRUE };
  ItemsChanged *change;
  guint full = drama_show_list_get_n_full_reads (fixture->list);

  run_job (fixture->store, remove_job, &remove);
  settle (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, ItemsChanged, 0);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 3);
  g_assert_null (listed (fixture, "Business Proposal", NULL));
  for (guint i = 0, j = 0; i < before->len; i++)
    {
      g_autoptr(DramaShow) now = NULL;

      if (i == position)
        continue;
      now = g_list_model_get_item (G_LIST_MODEL (fixture->list), j++);
      g_assert_true (now == before->pdata[i]);
    }

  /* Undo: back, as one item added. */
  g_array_set_size (fixture->changes, 0);
  remove.removed = FALSE;
  run_job (fixture->store, remove_job, &remove);
  settle (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, ItemsChanged, 0);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 4);
  g_assert_nonnull (listed (fixture, "Business Proposal", NULL));

  /* A new show (with its episodes: a show change and an episode change, one read). */
  g_array_set_size (fixture->changes, 0);
  {
    guint queries = drama_show_list_get_n_queries (fixture->list);

    run_job (fixture->store, add_job, (gpointer) "Hand Made");
    settle (fixture);
    g_assert_cmpuint (drama_show_list_get_n_queries (fixture->list), ==, queries + 1);
  }
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, ItemsChanged, 0);
  g_assert_cmpuint (change->position, ==, 4);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_nonnull (listed (fixture, "Hand Made", NULL));
  g_assert_cmpint (drama_show_get_episodes_total (listed (fixture, "Hand Made", NULL)), ==, 1);

  g_assert_cmpuint (drama_show_list_get_n_full_reads (fixture->list), ==, full);
  for (guint i = 0; i < before->len; i++)
    if (i != position)
      g_assert_true (listed (fixture, drama_show_get_name (before->pdata[i]), NULL) == before->pdata[i]);
}

/* A write made on the main thread (announced at once, not from the store's queue) while
 * the list is reading is read again: the list never keeps what it read before it. */
static void
test_main_thread_write (Fixture       *fixture,
                        gconstpointer  data)
{
  DramaShow *show = listed (fixture, "Doctor Slump", NULL);
  gint64 show_id = drama_show_get_id (show);
  gint64 first = episode_id (fixture->store, show_id, 1);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 5; i++)
    {
      drama_show_list_reload (fixture->list);
      /* Spin until the read is on its way, then write underneath it. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_true (drama_store_set_episodes_seen (fixture->store, &first, 1,
                                                    i % 2 == 0 ? 1700000000 : 0, NULL, &error));
      g_assert_no_error (error);
      settle (fixture);
      g_assert_cmpint (drama_show_get_episodes_seen (show), ==, i % 2 == 0 ? 1 : 0);
    }
}

/* A full read keeps every object and changes nothing that did not change. */
static void
test_reload_keeps_objects (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) before = snapshot (fixture->list);
  guint full = drama_show_list_get_n_full_reads (fixture->list);

  drama_show_list_reload (fixture->list);
  settle (fixture);
  g_assert_cmpuint (drama_show_list_get_n_full_reads (fixture->list), ==, full + 1);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  assert_same_objects (fixture->list, before, G_MAXUINT);
}

static gboolean
next_episode_is (gpointer data)
{
  gpointer *args = data;
  DramaEpisode *next = drama_show_get_next_episode (args[0]);

  return next != NULL && drama_episode_get_number (next) == GPOINTER_TO_INT (args[1]);
}

/* When the next episode airs the list reads that show again by itself: one read, the
 * next episode moves on and one more has aired. */
static void
test_next_episode_airs (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) soon = drama_show_new ();
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gpointer args[2];
  DramaShow *show;
  guint queries, full;

  drama_show_set_name (soon, "Airs Soon");
  g_ptr_array_add (episodes, make_episode (0, 1, now + 2));
  g_ptr_array_add (episodes, make_episode (0, 2, now + 7 * DAY));
  g_assert_true (drama_store_save_show (fixture->store, soon, episodes, NULL, &error));
  g_assert_no_error (error);
  settle (fixture);
  show = listed (fixture, "Airs Soon", NULL);
  g_assert_nonnull (show);
  g_assert_cmpint (drama_episode_get_number (drama_show_get_next_episode (show)), ==, 1);
  g_assert_cmpint (drama_show_get_episodes_aired (show), ==, 0);

  queries = drama_show_list_get_n_queries (fixture->list);
  full = drama_show_list_get_n_full_reads (fixture->list);
  args[0] = show;
  args[1] = GINT_TO_POINTER (2);
  wait_until (next_episode_is, args);
  settle (fixture);
  g_assert_cmpint (drama_show_get_episodes_aired (show), ==, 1);
  g_assert_cmpuint (drama_show_list_get_n_queries (fixture->list), ==, queries + 1);
  g_assert_cmpuint (drama_show_list_get_n_full_reads (fixture->list), ==, full);
  g_assert_true (listed (fixture, "Airs Soon", NULL) == show);
}

/* ---- the same filter and order as drama_store_list_shows () ---- */

static char *
names_of (GPtrArray *shows)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < shows->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                            drama_show_get_name (g_ptr_array_index (shows, i)));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static DramaShowSort sort_for_compare;

static int
compare_shows (gconstpointer a,
               gconstpointer b)
{
  return drama_show_list_compare (*(DramaShow **) a, *(DramaShow **) b, sort_for_compare);
}

static char *
list_like_store (DramaShowList *list,
                 int            status,
                 const char    *text,
                 DramaShowSort  sort)
{
  g_autoptr(GPtrArray) shows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folded = drama_show_list_fold_text (text);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DramaShow) show = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (status >= 0 && (int) drama_show_get_user_status (show) != status)
        continue;
      if (text != NULL && *text != '\0' && !drama_show_list_show_matches (show, folded))
        continue;
      g_ptr_array_add (shows, g_steal_pointer (&show));
    }
  sort_for_compare = sort;
  g_ptr_array_sort (shows, compare_shows);
  return names_of (shows);
}

static void
test_same_as_store (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const texts[] = {
    NULL, "", "PROPOSAL", "o", "도깨비", "dokkaebi", "goblin", "ß", "SLUMP", "zzz",
  };
  const char * const akas[] = { "Sseulsseulhago Chanlanhasin Dokkaebi", NULL };
  const char * const aliases[] = { "The Goblin Show", "Strasse" , NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(DramaShow) guardian = drama_show_new ();
  g_autoptr(DramaShow) lower = drama_show_new ();
  gint64 id;

  /* Case, Hangul, akas and aliases; a title that differs only in case; a date-only and
   * an undated next episode; watch statuses and last-watched times. */
  drama_show_set_name (guardian, "Guardian");
  drama_show_set_original_name (guardian, "쓸쓸하고 찬란하神 - 도깨비");
  drama_show_set_akas (guardian, akas);
  g_assert_true (drama_store_save_show (fixture->store, guardian, NULL, NULL, &error));
  g_assert_true (drama_store_set_show_aliases (fixture->store, drama_show_get_id (guardian),
                                               aliases, &error));
  drama_show_set_name (lower, "alchemy of souls");
  {
    g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func (g_object_unref);
    DramaEpisode *dated = drama_episode_new ();
    DramaEpisode *undated = drama_episode_new ();

    drama_episode_set_number (dated, 1);
    drama_episode_set_airdate (dated, "2999-01-01");
    drama_episode_set_number (undated, 2);
    g_ptr_array_add (episodes, dated);
    g_ptr_array_add (episodes, undated);
    g_assert_true (drama_store_save_show (fixture->store, lower, episodes, NULL, &error));
  }
  g_assert_no_error (error);
  id = drama_show_get_id (listed (fixture, "Alchemy of Souls", NULL));
  g_assert_true (drama_store_set_show_user_fields (fixture->store, id, DRAMA_WATCH_STATUS_WATCHING,
                                                   0, NULL, &error));
  id = drama_show_get_id (listed (fixture, "Doctor Slump", NULL));
  g_assert_true (drama_store_set_show_user_fields (fixture->store, id, DRAMA_WATCH_STATUS_WATCHING,
                                                   0, NULL, &error));
  id = episode_id (fixture->store, drama_show_get_id (listed (fixture, "Business Proposal", NULL)), 1);
  g_assert_true (drama_store_set_episodes_seen (fixture->store, &id, 1, 5000, NULL, &error));
  id = episode_id (fixture->store, drama_show_get_id (listed (fixture, "Doctor Slump", NULL)), 1);
  g_assert_true (drama_store_set_episodes_seen (fixture->store, &id, 1, 9000, NULL, &error));
  g_assert_no_error (error);
  settle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 6);

  for (int status = -1; status <= DRAMA_WATCH_STATUS_DROPPED; status++)
    for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
      for (int sort = DRAMA_SHOW_SORT_NEXT_AIRING; sort <= DRAMA_SHOW_SORT_LAST_WATCHED; sort++)
        {
          g_autoptr(GPtrArray) stored = drama_store_list_shows (fixture->store, status, texts[t],
                                                                sort, &error);
          g_autofree char *expected = NULL;
          g_autofree char *got = NULL;

          g_assert_no_error (error);
          expected = names_of (stored);
          got = list_like_store (fixture->list, status, texts[t], sort);
          if (g_strcmp0 (expected, got) != 0)
            g_error ("status %d, text “%s”, sort %d: store “%s”, list “%s”",
                     status, texts[t] ? texts[t] : "(null)", sort, expected, got);
        }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/show-list/load", Fixture, NULL, fixture_setup, test_load, fixture_teardown);
  g_test_add ("/show-list/seen-click-cost", Fixture, NULL, fixture_setup, test_seen_click_cost,
              fixture_teardown);
  g_test_add ("/show-list/remove-add", Fixture, NULL, fixture_setup, test_remove_add,
              fixture_teardown);
  g_test_add ("/show-list/main-thread-write", Fixture, NULL, fixture_setup,
              test_main_thread_write, fixture_teardown);
  g_test_add ("/show-list/reload-keeps-objects", Fixture, NULL, fixture_setup,
              test_reload_keeps_objects, fixture_teardown);
  g_test_add ("/show-list/next-episode-airs", Fixture, NULL, fixture_setup,
              test_next_episode_airs, fixture_teardown);
  g_test_add ("/show-list/same-as-store", Fixture, NULL, fixture_setup, test_same_as_store,
              fixture_teardown);

  return g_test_run ();
}
