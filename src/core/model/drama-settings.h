#pragma once

/* GSettings schema id and keys (data/io.github.dramalist.Dramalist.gschema.xml).
 * Core code never reads GSettings itself: the app reads these and hands values in. */
#define DRAMA_SETTINGS_SCHEMA            "io.github.dramalist.Dramalist"
#define DRAMA_SETTINGS_WINDOW_WIDTH      "window-width"       /* i, default 1200 */
#define DRAMA_SETTINGS_WINDOW_HEIGHT     "window-height"      /* i, default 760 */
#define DRAMA_SETTINGS_WINDOW_MAXIMIZED  "window-maximized"   /* b, default false */
#define DRAMA_SETTINGS_TVMAZE_URL        "tvmaze-url"         /* s, default "https://api.tvmaze.com" */
#define DRAMA_SETTINGS_REFRESH_INTERVAL  "refresh-interval"   /* i minutes, 15..1440, default 60 */
#define DRAMA_SETTINGS_LOAD_IMAGES       "load-remote-images" /* b, default true */
#define DRAMA_SETTINGS_RETENTION_DAYS    "article-retention-days" /* i days, 1..3650, default 90 */
#define DRAMA_SETTINGS_SPOILER_GUARD     "spoiler-guard"      /* b, default true */
#define DRAMA_SETTINGS_WATCHLIST_SORT    "watchlist-sort"     /* s: "next-airing" | "title" | "last-watched" */
#define DRAMA_SETTINGS_DEFAULT_FEEDS_ADDED "default-feeds-added" /* b, default false: first start done */
#define DRAMA_SETTINGS_NEWS_FILTER       "news-filter"        /* s: "all" | "unread" | "starred" | "my-shows" | "feed:ID" */

/* Environment variable that overrides the TVmaze base URL (tests, demos). */
#define DRAMA_ENV_TVMAZE_URL             "DRAMALIST_TVMAZE_URL"
