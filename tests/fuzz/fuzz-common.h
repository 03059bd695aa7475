/* Shared by the libFuzzer targets: a log writer that turns criticals into crashes, and a
 * way to step over a known, reported finding so a run can look for the next one. */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* DRAMA_FUZZ_IGNORE="name,name": known findings (README.md, "Findings") not to stop at. */
static inline gboolean
fuzz_ignored (const char *name)
{
  const char *list = g_getenv ("DRAMA_FUZZ_IGNORE");
  g_auto(GStrv) names = NULL;

  if (list == NULL)
    return FALSE;
  names = g_strsplit (list, ",", -1);
  return g_strv_contains ((const char * const *) names, name);
}

G_GNUC_NORETURN static inline void
fuzz_fail (const char *what,
           const char *value)
{
  fprintf (stderr, "FUZZ FAILURE: %s: \"%s\"\n", what, value != NULL ? value : "(null)");
  abort ();
}

static inline void
fuzz_check_utf8 (const char *what,
                 const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    fuzz_fail (what, text);
}

/* A critical is a g_return_if_fail() tripped: a bug even when nothing crashes, so it must
 * stop the run and leave its input behind. abort(), not GLib's fatal mask: that raises
 * SIGTRAP, which libFuzzer does not catch. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput result = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
            strstr (fields[i].value, "g_uri_join_internal") != NULL && fuzz_ignored ("uri-join"))
          return result;
      abort ();
    }
  return result;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  return 0;
}
