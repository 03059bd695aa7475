/* drama-tz.c: air times between the network's time zone and the user's. */
#define G_LOG_DOMAIN "drama-tz"

#include "config.h"

#include "drama-tz.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static gboolean
parse_uint (const char  *text,
            gsize        digits,
            int         *out)
{
  int value = 0;

  for (gsize i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  *out = value;
  return TRUE;
}

gboolean
drama_tz_parse_time (const char *text,
                     int        *hour,
                     int        *minute)
{
  int h, m;
  gsize len;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  /* "HH:MM", tolerating seconds ("HH:MM:SS") which some sources add. */
  if ((len != 5 && len != 8) || text[2] != ':' || (len == 8 && text[5] != ':'))
    return FALSE;
  if (!parse_uint (text, 2, &h) || !parse_uint (text + 3, 2, &m) || h > 23 || m > 59)
    return FALSE;
  if (len == 8)
    {
      int s;

      if (!parse_uint (text + 6, 2, &s) || s > 59)
        return FALSE;
    }
  if (hour != NULL)
    *hour = h;
  if (minute != NULL)
    *minute = m;
  return TRUE;
}

gboolean
drama_tz_parse_date (const char *text,
                     int        *year,
                     int        *month,
                     int        *day)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!parse_uint (text, 4, &y) || !parse_uint (text + 5, 2, &m) || !parse_uint (text + 8, 2, &d))
    return FALSE;
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = d;
  return TRUE;
}

int
drama_tz_weekday_from_name (const char *name)
{
  static const char * const names[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  };
  gsize len;

  if (name == NULL)
    return 0;
  len = strlen (name);
  if (len < 3)
    return 0;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (len <= strlen (names[i]) && g_ascii_strncasecmp (name, names[i], len) == 0)
      return (int) i + 1;
  return 0;
}

/* NULL when the identifier is not a zone GLib knows (g_time_zone_new_identifier does the
 * check; it would otherwise fall back to UTC without telling). */
static GTimeZone *
zone_from_identifier (const char *identifier)
{
  if (identifier == NULL || *identifier == '\0')
    return NULL;
  return g_time_zone_new_identifier (identifier);
}

gint64
drama_tz_airstamp (const char *airdate,
                   const char *airtime,
                   const char *timezone,
                   GTimeZone  *fallback)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day, hour, minute;

  if (!drama_tz_parse_date (airdate, &year, &month, &day) ||
      !drama_tz_parse_time (airtime, &hour, &minute))
    return 0;

  zone = zone_from_identifier (timezone);
  if (zone == NULL)
    zone = fallback != NULL ? g_time_zone_ref (fallback) : g_time_zone_new_utc ();

  /* A time that does not exist (skipped by a DST change) is moved forward by GLib. */
  dt = g_date_time_new (zone, year, month, day, hour, minute, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* Abbreviated, translated weekday name, 1 = Monday. */
static char *
weekday_abbrev (int weekday)
{
  /* 2024-01-01 was a Monday. */
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2024, 1, weekday, 12, 0, 0);

  return g_date_time_format (dt, "%a");
}

/* "Wed", "Wed & Thu", "Mon, Wed & Fri", "Mon–Fri", "Daily". present[1..7]. */
static char *
format_days (const gboolean present[8])
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  GString *text;
  int count = 0;

  for (int d = 1; d <= 7; d++)
    count += present[d] ? 1 : 0;
  if (count == 7)
    return g_strdup (_("Daily"));

  for (int d = 1; d <= 7; d++)
    {
      int end = d;

      if (!present[d])
        continue;
      while (end < 7 && present[end + 1])
        end++;
      if (end - d >= 2)
        {
          g_autofree char *first = weekday_abbrev (d);
          g_autofree char *last = weekday_abbrev (end);

          /* Translators: a range of weekdays, "Mon–Fri" */
          g_ptr_array_add (items, g_strdup_printf (_("%s–%s"), first, last));
          d = end;
        }
      else
        {
          g_ptr_array_add (items, weekday_abbrev (d));
        }
    }

  text = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        /* Translators: separators in a list of weekdays: "Mon, Wed & Fri" */
        g_string_append (text, i == items->len - 1 ? _(" & ") : _(", "));
      g_string_append (text, g_ptr_array_index (items, i));
    }
  return g_string_free (text, FALSE);
}

/* One group of broadcasts that share a local time and zone name. */
typedef struct {
  char     *time;
  char     *abbrev;
  gboolean  days[8];
  gboolean  any_day;
} Slot;

static void
slot_clear (gpointer data)
{
  Slot *slot = data;

  g_free (slot->time);
  g_free (slot->abbrev);
}

static void
slot_add (GArray     *slots,
          GDateTime  *dt,
          int         weekday)
{
  g_autofree char *time = g_date_time_format (dt, "%H:%M");
  g_autofree char *abbrev = g_date_time_format (dt, "%Z");
  Slot slot = { 0 };

  for (guint i = 0; i < slots->len; i++)
    {
      Slot *existing = &g_array_index (slots, Slot, i);

      if (g_strcmp0 (existing->time, time) == 0 && g_strcmp0 (existing->abbrev, abbrev) == 0)
        {
          if (weekday > 0)
            existing->days[weekday] = existing->any_day = TRUE;
          return;
        }
    }

  slot.time = g_steal_pointer (&time);
  slot.abbrev = g_steal_pointer (&abbrev);
  if (weekday > 0)
    slot.days[weekday] = slot.any_day = TRUE;
  g_array_append_val (slots, slot);
}

static char *
format_slots (GArray   *slots,
              gboolean  with_zone)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);

      if (i > 0)
        g_string_append (text, ", ");
      if (slot->any_day)
        {
          g_autofree char *days = format_days (slot->days);

          g_string_append_printf (text, "%s ", days);
        }
      g_string_append (text, slot->time);
      if (with_zone && slot->abbrev != NULL && *slot->abbrev != '\0')
        g_string_append_printf (text, " %s", slot->abbrev);
    }
  return g_string_free (text, FALSE);
}

char *
drama_tz_format_schedule (const char * const *days,
                          const char         *time,
                          const char         *timezone,
                          GTimeZone          *local,
                          gint64              now)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now_there = NULL;
  g_autoptr(GArray) network_slots = NULL;
  g_autoptr(GArray) local_slots = NULL;
  g_autofree char *network_text = NULL;
  g_autofree char *local_text = NULL;
  gboolean wanted[8] = { FALSE, };
  gboolean any_day = FALSE;
  int hour, minute;

  for (gsize i = 0; days != NULL && days[i] != NULL; i++)
    {
      int weekday = drama_tz_weekday_from_name (days[i]);

      if (weekday > 0)
        wanted[weekday] = any_day = TRUE;
    }

  if (!drama_tz_parse_time (time, &hour, &minute))
    return any_day ? format_days (wanted) : NULL;

  zone = zone_from_identifier (timezone);
  if (zone == NULL || local == NULL)
    {
      /* Without the network's zone the time cannot be converted: say it as given. */
      g_autofree char *day_text = any_day ? format_days (wanted) : NULL;
      char clock[6];

      g_snprintf (clock, sizeof clock, "%02d:%02d", hour, minute);
      return day_text != NULL ? g_strdup_printf ("%s %s", day_text, clock) : g_strdup (clock);
    }

  network_slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  local_slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  g_array_set_clear_func (network_slots, slot_clear);
  g_array_set_clear_func (local_slots, slot_clear);

  /* Each broadcast day of the coming week, converted on its own date, so a DST change
   * in either zone and a shift across midnight both come out right. */
  now_there = g_date_time_new_from_unix_utc (now);
  if (now_there == NULL)
    return NULL;
  {
    g_autoptr(GDateTime) tmp = g_date_time_to_timezone (now_there, zone);

    g_date_time_unref (now_there);
    now_there = g_steal_pointer (&tmp);
  }

  for (int offset = 0; offset < 7; offset++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (now_there, offset);
      g_autoptr(GDateTime) there = NULL;
      g_autoptr(GDateTime) here = NULL;
      int weekday;

      if (date == NULL)
        continue;
      weekday = g_date_time_get_day_of_week (date);
      if (any_day && !wanted[weekday])
        continue;

      there = g_date_time_new (zone, g_date_time_get_year (date), g_date_time_get_month (date),
                               g_date_time_get_day_of_month (date), hour, minute, 0);
      if (there == NULL)
        continue;
      here = g_date_time_to_timezone (there, local);

      slot_add (network_slots, there, any_day ? weekday : 0);
      slot_add (local_slots, here, any_day ? g_date_time_get_day_of_week (here) : 0);

      /* With no days, one conversion (today's) is all there is to show. */
      if (!any_day)
        break;
    }

  if (network_slots->len == 0)
    return NULL;

  network_text = format_slots (network_slots, TRUE);
  local_text = format_slots (local_slots, TRUE);
  if (g_strcmp0 (network_text, local_text) == 0)
    return g_steal_pointer (&network_text);

  /* Translators: the schedule in the network's time zone, then in the user's:
   * "Wed & Thu 22:00 KST — Wed & Thu 08:00 EST" */
  return g_strdup_printf (_("%s — %s"), network_text, local_text);
}

/* Calendar days from now's local date to when's local date. */
static int
days_between (gint64     now,
              gint64     when,
              GTimeZone *local)
{
  g_autoptr(GDateTime) a_utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) b_utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) a = NULL;
  g_autoptr(GDateTime) b = NULL;
  GDate da, db;
  int y, m, d;

  if (a_utc == NULL || b_utc == NULL)
    return 0;
  a = g_date_time_to_timezone (a_utc, local);
  b = g_date_time_to_timezone (b_utc, local);

  g_date_clear (&da, 1);
  g_date_clear (&db, 1);
  g_date_time_get_ymd (a, &y, &m, &d);
  g_date_set_dmy (&da, d, m, y);
  g_date_time_get_ymd (b, &y, &m, &d);
  g_date_set_dmy (&db, d, m, y);
  return g_date_days_between (&da, &db);
}

char *
drama_tz_format_relative (gint64     when,
                          GTimeZone *local,
                          gint64     now)
{
  g_autoptr(GTimeZone) utc = NULL;
  gint64 diff = when - now;
  gint64 distance = ABS (diff);
  int days;

  if (local == NULL)
    local = utc = g_time_zone_new_utc ();

  if (distance < 60)
    return g_strdup (_("now"));

  if (distance < 60 * 60)
    {
      /* Round towards the event: "in 1 min" until it starts. */
      int minutes = (int) (diff > 0 ? (distance + 59) / 60 : distance / 60);

      if (diff > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d min", "in %d min", minutes),
                                minutes);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "aired %d min ago", "aired %d min ago",
                                           minutes),
                              minutes);
    }

  days = days_between (now, when, local);
  if (distance < 12 * 60 * 60 || days == 0)
    {
      int hours = (int) ((distance + 30 * 60) / (60 * 60));

      if (diff > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d h", "in %d h", hours), hours);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "aired %d h ago", "aired %d h ago",
                                           hours),
                              hours);
    }

  if (days == 1)
    return g_strdup (_("tomorrow"));
  if (days == -1)
    return g_strdup (_("aired yesterday"));
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", days), days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "aired %d day ago", "aired %d days ago",
                                       -days),
                          -days);
}

char *
drama_tz_format_next_episode (int         number,
                              gint64      airstamp,
                              const char *airdate,
                              GTimeZone  *local,
                              gint64      now)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autofree char *label = NULL;
  int year, month, day;

  if (local == NULL)
    local = utc = g_time_zone_new_utc ();

  label = number > 0 ? g_strdup_printf (_("Ep %d"), number) : g_strdup (_("Special"));

  if (airstamp != 0)
    {
      g_autoptr(GDateTime) at_utc = g_date_time_new_from_unix_utc (airstamp);
      g_autoptr(GDateTime) at = NULL;
      g_autofree char *when = NULL;
      g_autofree char *relative = NULL;
      int days;

      if (at_utc != NULL)
        {
          at = g_date_time_to_timezone (at_utc, local);
          days = days_between (now, airstamp, local);
          /* Translators: strftime formats for an air time within a week ("Wed 22:00") and
           * further away ("22 May 22:00") */
          when = g_date_time_format (at, ABS (days) <= 6 ? _("%a %H:%M") : _("%-d %b %H:%M"));
          relative = drama_tz_format_relative (airstamp, local, now);
          return g_strdup_printf ("%s · %s · %s", label, when, relative);
        }
    }

  if (drama_tz_parse_date (airdate, &year, &month, &day))
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, 12, 0, 0);
      /* Translators: strftime format for an air date without a time ("Wed 22 May") */
      g_autofree char *when = g_date_time_format (date, _("%a %-d %b"));

      return g_strdup_printf ("%s · %s", label, when);
    }

  return g_strdup_printf ("%s · %s", label, _("Date not announced"));
}
