/* Dates as feeds write them, read as UTC. */
#include "config.h"

#include <glib.h>

#include "drama-date.h"

static void
assert_date (const char *text,
             const char *expected_iso)
{
  gint64 value = 0;
  g_autofree char *iso = NULL;

  if (!drama_date_parse (text, &value))
    g_error ("could not parse “%s”", text);
  iso = drama_date_to_iso (value);
  g_assert_cmpstr (iso, ==, expected_iso);
}

static void
assert_refused (const char *text)
{
  gint64 value = 42;

  g_assert_false (drama_date_parse (text, &value));
  g_assert_cmpint (value, ==, 42);
}

static void
test_rfc822_named_zones (void)
{
  /* Every one of these is 2019-05-22 12:00 UTC. */
  assert_date ("Wed, 22 May 2019 21:00:00 KST", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 21:00:00 JST", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 07:00:00 EST", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 08:00:00 EDT", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 06:00:00 CST", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 07:00:00 CDT", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 05:00:00 MST", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 04:00:00 PST", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 05:00:00 PDT", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 12:00:00 GMT", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 12:00:00 UT", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 12:00:00 UTC", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 12:00:00 Z", "2019-05-22T12:00:00Z");
  assert_date ("wed, 22 may 2019 21:00:00 kst", "2019-05-22T12:00:00Z");
}

static void
test_rfc822_military (void)
{
  /* RFC 822: A..I are -1..-9 hours, K..M -10..-12, N..Y +1..+12. */
  assert_date ("22 May 2019 11:00:00 A", "2019-05-22T12:00:00Z");
  assert_date ("22 May 2019 03:00:00 I", "2019-05-22T12:00:00Z");
  assert_date ("22 May 2019 02:00:00 K", "2019-05-22T12:00:00Z");
  assert_date ("22 May 2019 00:00:00 M", "2019-05-22T12:00:00Z");
  assert_date ("22 May 2019 13:00:00 N", "2019-05-22T12:00:00Z");
  assert_date ("23 May 2019 00:00:00 Y", "2019-05-22T12:00:00Z");
  assert_refused ("22 May 2019 12:00:00 J");
}

static void
test_rfc822_numeric_offsets (void)
{
  assert_date ("Wed, 22 May 2019 21:00:00 +0900", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 07:00:00 -0500", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 17:30:00 +05:30", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 21:00:00 GMT+9", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 21:00:00 +0900 (KST)", "2019-05-22T12:00:00Z");
  /* Crossing midnight and a year. */
  assert_date ("Thu, 01 Jan 2004 08:00:00 +0900", "2003-12-31T23:00:00Z");
}

static void
test_rfc822_optional_parts (void)
{
  assert_date ("22 May 2019 12:00:00 GMT", "2019-05-22T12:00:00Z");      /* no weekday */
  assert_date ("Wed, 22 May 2019 12:00 GMT", "2019-05-22T12:00:00Z");    /* no seconds */
  assert_date ("Wed 22 May 2019 12:00:00 GMT", "2019-05-22T12:00:00Z");  /* no comma */
  assert_date ("Wed, 22 May 2019 12:00:00", "2019-05-22T12:00:00Z");     /* no zone: UTC */
  assert_date ("Wed, 22 May 2019", "2019-05-22T00:00:00Z");              /* no time */
  assert_date ("Wednesday, 22 May 2019 12:00:00 GMT", "2019-05-22T12:00:00Z");
  assert_date ("Wed, 22 May 2019 12:00:00 GMT", "2019-05-22T12:00:00Z");
  assert_date ("  Wed, 2 May 2019 12:00:00 GMT\n", "2019-05-02T12:00:00Z");
  assert_date ("Wed, May 22 2019 12:00:00 GMT", "2019-05-22T12:00:00Z"); /* month first */
}

static void
test_rfc822_two_digit_years (void)
{
  assert_date ("Wed, 22 May 19 12:00:00 GMT", "2019-05-22T12:00:00Z");
  assert_date ("Fri, 31 Dec 99 23:59:59 GMT", "1999-12-31T23:59:59Z");
  assert_date ("Thu, 01 Jan 04 00:00:00 GMT", "2004-01-01T00:00:00Z");
}

static void
test_iso8601 (void)
{
  assert_date ("2019-05-22T12:00:00Z", "2019-05-22T12:00:00Z");
  assert_date ("2019-05-22T21:00:00+09:00", "2019-05-22T12:00:00Z");
  assert_date ("2019-05-22T07:00:00-05:00", "2019-05-22T12:00:00Z");
  assert_date ("2019-05-22T07:00:00-0500", "2019-05-22T12:00:00Z");
  assert_date ("2019-05-22T12:00:00.123456Z", "2019-05-22T12:00:00Z");
  assert_date ("2019-05-22T21:00:00.5+09:00", "2019-05-22T12:00:00Z");
  assert_date ("2019-05-22T12:00:00", "2019-05-22T12:00:00Z");   /* no zone: UTC */
  assert_date ("2019-05-22t12:00:00z", "2019-05-22T12:00:00Z");
  assert_date ("2019-05-22 12:00:00", "2019-05-22T12:00:00Z");
  assert_date ("2019-05-22T12:00Z", "2019-05-22T12:00:00Z");
  assert_date ("2019-05-22", "2019-05-22T00:00:00Z");
  assert_date ("2019-05", "2019-05-01T00:00:00Z");
  assert_date ("20190522T120000Z", "2019-05-22T12:00:00Z");
  assert_date ("20190522", "2019-05-22T00:00:00Z");
  assert_date ("2003-12-31T18:14:55+08:00", "2003-12-31T10:14:55Z");
}

static void
test_refused (void)
{
  assert_refused (NULL);
  assert_refused ("");
  assert_refused ("   ");
  assert_refused ("not a date");
  assert_refused ("yesterday");
  assert_refused ("2019-13-01");
  assert_refused ("2019-02-30");
  assert_refused ("2019-05-22T25:00:00Z");
  assert_refused ("2019-05-22T12:00:00+99:00");
  assert_refused ("32 May 2019 12:00:00 GMT");
  assert_refused ("Wed, 22 Foo 2019 12:00:00 GMT");
  assert_refused ("Wed, 22 May 2019 12:00:00 XYZ");
  assert_refused ("Wed, 22 May 2019 12:61:00 GMT");
  assert_refused ("Wed, 22 May");
}

static void
test_to_iso (void)
{
  g_autofree char *epoch = drama_date_to_iso (0);
  g_autofree char *may = drama_date_to_iso (1558526400);

  g_assert_cmpstr (epoch, ==, "1970-01-01T00:00:00Z");
  g_assert_cmpstr (may, ==, "2019-05-22T12:00:00Z");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/rfc822/named-zones", test_rfc822_named_zones);
  g_test_add_func ("/date/rfc822/military", test_rfc822_military);
  g_test_add_func ("/date/rfc822/numeric-offsets", test_rfc822_numeric_offsets);
  g_test_add_func ("/date/rfc822/optional-parts", test_rfc822_optional_parts);
  g_test_add_func ("/date/rfc822/two-digit-years", test_rfc822_two_digit_years);
  g_test_add_func ("/date/iso8601", test_iso8601);
  g_test_add_func ("/date/refused", test_refused);
  g_test_add_func ("/date/to-iso", test_to_iso);

  return g_test_run ();
}
