#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The user's own status for a show on the watchlist. Values are stored in the
 * database: never renumber them. */
typedef enum {
  DRAMA_WATCH_STATUS_WATCHING = 0,
  DRAMA_WATCH_STATUS_PLAN_TO_WATCH = 1,
  DRAMA_WATCH_STATUS_ON_HOLD = 2,
  DRAMA_WATCH_STATUS_COMPLETED = 3,
  DRAMA_WATCH_STATUS_DROPPED = 4,
} DramaWatchStatus;

/* Where a matcher hit was found in an article. Stored: never renumber. */
typedef enum {
  DRAMA_MATCH_PLACE_BODY = 0,
  DRAMA_MATCH_PLACE_HEADLINE = 1,
} DramaMatchPlace;

/* The kind of article filter the news pane shows. */
typedef enum {
  DRAMA_ARTICLE_FILTER_ALL = 0,
  DRAMA_ARTICLE_FILTER_UNREAD = 1,
  DRAMA_ARTICLE_FILTER_STARRED = 2,
  DRAMA_ARTICLE_FILTER_FEED = 3,
  DRAMA_ARTICLE_FILTER_MY_SHOWS = 4,
  DRAMA_ARTICLE_FILTER_SHOW = 5,
  DRAMA_ARTICLE_FILTER_PERSON = 6,
} DramaArticleFilter;

/* Order of the watchlist. */
typedef enum {
  DRAMA_SHOW_SORT_NEXT_AIRING = 0,
  DRAMA_SHOW_SORT_TITLE = 1,
  DRAMA_SHOW_SORT_LAST_WATCHED = 2,
} DramaShowSort;

/* What kind of row a store change is about; the nick is the "changed" signal's detail. */
typedef enum {
  DRAMA_CHANGE_SHOW,      /*< nick=show >*/
  DRAMA_CHANGE_EPISODE,   /*< nick=episode >*/
  DRAMA_CHANGE_PERSON,    /*< nick=person >*/
  DRAMA_CHANGE_FEED,      /*< nick=feed >*/
  DRAMA_CHANGE_ARTICLE,   /*< nick=article >*/
  DRAMA_CHANGE_LINK,      /*< nick=link >*/
} DramaChangeKind;

/* Why rows changed. SEEN, READ, UNREAD, STARRED and USER (a show's status, rating, notes
 * or spoiler guard) are the user's own marks: they never change what an article is linked to.
 * LINKED: the matcher rewrote the links of these articles. */
typedef enum {
  DRAMA_CHANGE_ADDED,
  DRAMA_CHANGE_UPDATED,
  DRAMA_CHANGE_REMOVED,
  DRAMA_CHANGE_SEEN,
  DRAMA_CHANGE_READ,
  DRAMA_CHANGE_STARRED,
  DRAMA_CHANGE_LINKED,
  DRAMA_CHANGE_USER,
  DRAMA_CHANGE_UNREAD,    /* marked unread: READ is only ever "marked read" */
} DramaChangeReason;

const char *drama_watch_status_to_label (DramaWatchStatus status);

G_END_DECLS
