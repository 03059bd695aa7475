/* What the core and GUI tests share: a network monitor the test controls, because the
 * machine's own may say "offline" in CI. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

void test_monitor_set_available (TestMonitor *self,
                                 gboolean     available);

G_END_DECLS
