/* What the core and GUI tests share: a network monitor the test controls, because the
 * machine's own may say "offline" in CI; and the way to the test material in ../shared. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

void test_monitor_set_available (TestMonitor *self,
                                 gboolean     available);

/* ../shared beside the source tree (DRAMALIST_SHARED_DIR, set by tests/meson.build) holds
 * the feed corpus and the seed article; a clone on its own has none of it. */
char     *test_shared_path (const char *relpath);
gboolean  test_have_shared (const char *relpath);

G_END_DECLS
