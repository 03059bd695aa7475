#define G_LOG_DOMAIN "drama-show-list"

/* Filtering and sorting shows as the store does (drama-store-shows.c): text folding, the
 * search match, the next airing's sort key and the list order. */

#include "config.h"

#include "drama-show-list.h"

#include <string.h>

char *
drama_show_list_fold_text (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_ALL);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : g_strdup ("");
}

static gboolean
strv_matches (const char * const *strv,
              const char         *needle)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      g_autofree char *folded = drama_show_list_fold_text (strv[i]);

      if (strstr (folded, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

gboolean
drama_show_list_show_matches (DramaShow  *show,
                              const char *folded_text)
{
  const char *names[] = { drama_show_get_name (show), drama_show_get_original_name (show), NULL };

  g_return_val_if_fail (DRAMA_IS_SHOW (show), FALSE);
  g_return_val_if_fail (folded_text != NULL, FALSE);

  return strv_matches (names, folded_text) ||
         strv_matches (drama_show_get_akas (show), folded_text) ||
         strv_matches (drama_show_get_aliases (show), folded_text);
}

gint64
drama_show_list_next_airing_key (DramaShow *show)
{
  DramaEpisode *next;
  const char *airdate;

  g_return_val_if_fail (DRAMA_IS_SHOW (show), G_MAXINT64);

  next = drama_show_get_next_episode (show);
  if (next == NULL)
    return G_MAXINT64;
  if (drama_episode_get_airstamp (next) != 0)
    return drama_episode_get_airstamp (next);
  airdate = drama_episode_get_airdate (next);
  if (airdate != NULL && *airdate != '\0')
    {
      g_autofree char *iso = g_strconcat (airdate, "T00:00:00Z", NULL);
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

      if (dt != NULL)
        return g_date_time_to_unix (dt);
    }
  return G_MAXINT64 - 1;
}

/* The folded title's collation key, kept on the show until its name changes: a sort
 * compares each show many times. */
typedef struct {
  char *name;
  char *key;
} TitleKey;

static void
title_key_free (gpointer data)
{
  TitleKey *title_key = data;

  g_free (title_key->name);
  g_free (title_key->key);
  g_free (title_key);
}

static const char *
get_title_key (DramaShow *show)
{
  static GQuark quark;
  const char *name = drama_show_get_name (show);
  TitleKey *title_key;

  if (quark == 0)
    quark = g_quark_from_static_string ("drama-show-list-title-key");
  if (name == NULL)
    name = "";

  title_key = g_object_get_qdata (G_OBJECT (show), quark);
  if (title_key == NULL || strcmp (title_key->name, name) != 0)
    {
      g_autofree char *folded = drama_show_list_fold_text (name);

      title_key = g_new0 (TitleKey, 1);
      title_key->name = g_strdup (name);
      title_key->key = g_utf8_collate_key (folded, -1);
      g_object_set_qdata_full (G_OBJECT (show), quark, title_key, title_key_free);
    }
  return title_key->key;
}

int
drama_show_list_compare (DramaShow     *a,
                         DramaShow     *b,
                         DramaShowSort  sort)
{
  gint64 primary_a = 0, primary_b = 0;
  gint64 id_a, id_b;
  int cmp;

  g_return_val_if_fail (DRAMA_IS_SHOW (a) && DRAMA_IS_SHOW (b), 0);

  if (sort == DRAMA_SHOW_SORT_NEXT_AIRING)
    {
      primary_a = drama_show_list_next_airing_key (a);
      primary_b = drama_show_list_next_airing_key (b);
    }
  else if (sort == DRAMA_SHOW_SORT_LAST_WATCHED)
    {
      primary_a = -drama_show_get_last_watched_at (a);
      primary_b = -drama_show_get_last_watched_at (b);
    }
  if (primary_a != primary_b)
    return primary_a < primary_b ? -1 : 1;

  cmp = strcmp (get_title_key (a), get_title_key (b));
  if (cmp != 0)
    return cmp;

  id_a = drama_show_get_id (a);
  id_b = drama_show_get_id (b);
  return id_a < id_b ? -1 : id_a > id_b;
}

gboolean
drama_show_list_next_is_upcoming (DramaShow *show,
                                  gint64     now)
{
  DramaEpisode *next;
  const char *airdate;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (DRAMA_IS_SHOW (show), FALSE);

  next = drama_show_get_next_episode (show);
  if (next == NULL)
    return FALSE;
  if (drama_episode_get_airstamp (next) != 0)
    return drama_episode_get_airstamp (next) >= now;

  airdate = drama_episode_get_airdate (next);
  if (airdate == NULL || *airdate == '\0')
    return FALSE;
  local = g_date_time_new_from_unix_local (now);
  today = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("0000-00-00");
  return strcmp (airdate, today) >= 0;
}
