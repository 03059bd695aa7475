#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Time-zone maths for air times. Every function takes the user's zone as a parameter
 * (pass g_time_zone_new_local() in the app, an explicit zone in tests) and `now` as Unix
 * seconds, so results never depend on the machine running them. */

/* Unix time (UTC) of a broadcast: airdate "YYYY-MM-DD" + airtime "HH:MM" in the IANA zone
 * `timezone` (the network's). An unknown or NULL zone falls back to `fallback` (NULL = UTC).
 * 0 when the date or time is missing or invalid. */
gint64  drama_tz_airstamp            (const char         *airdate,
                                      const char         *airtime,
                                      const char         *timezone,
                                      GTimeZone          *fallback);

/* "Wed & Thu 22:00 KST — Wed & Thu 08:00 EST": the schedule in the network's zone, then in
 * `local` (dropped when both read the same). Days move across midnight when the local time
 * falls on another day. The week around `now` decides daylight saving. days are TVmaze's
 * English names ("Wednesday"); unknown ones are ignored. Returns NULL when there is
 * nothing to say (no days and no time). */
char   *drama_tz_format_schedule     (const char * const *days,
                                      const char         *time,
                                      const char         *timezone,
                                      GTimeZone          *local,
                                      gint64              now);

/* "in 45 min", "in 3 h", "tomorrow", "in 5 days", "aired 2 h ago", "aired yesterday",
 * "aired 3 days ago"; calendar days are counted in `local`. */
char   *drama_tz_format_relative     (gint64              when,
                                      GTimeZone          *local,
                                      gint64              now);

/* "Ep 13 · Wed 22:00 · in 3 h" (number 0: "Special · …"), in `local`. More than six days
 * away the weekday becomes a date ("Ep 13 · 22 May 22:00 · in 9 days"). airstamp 0 with an
 * airdate gives "Ep 13 · 22 May"; with neither, "Ep 13 · Date not announced". */
char   *drama_tz_format_next_episode (int                 number,
                                      gint64              airstamp,
                                      const char         *airdate,
                                      GTimeZone          *local,
                                      gint64              now);

/* TRUE when text is a valid "HH:MM" (00:00–23:59). */
gboolean drama_tz_parse_time         (const char         *text,
                                      int                *hour,
                                      int                *minute);
/* TRUE when text is a valid calendar date "YYYY-MM-DD". */
gboolean drama_tz_parse_date         (const char         *text,
                                      int                *year,
                                      int                *month,
                                      int                *day);
/* 1 (Monday) … 7 (Sunday) for an English day name ("Wednesday", "wed"), 0 if unknown. */
int      drama_tz_weekday_from_name  (const char         *name);

G_END_DECLS
