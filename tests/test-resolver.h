/* test-resolver.h: a GResolver for tests that answers names from a table, so that a test
 * can give a host name the address it wants (a public-looking name that is 127.0.0.1, a
 * "LAN" server) without touching the machine's own resolver. Set it as the default
 * (g_resolver_set_default) and every GSocketClient, libsoup included, uses it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEST_TYPE_RESOLVER (test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestResolver, test_resolver, TEST, RESOLVER, GResolver)

TestResolver *test_resolver_new (void);
/* name → one address ("127.0.0.1", "192.168.1.10", "::1"); any other name is not found. */
void          test_resolver_add (TestResolver *self,
                                 const char   *name,
                                 const char   *address);

G_END_DECLS
