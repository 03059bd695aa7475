/* test-resolver.c: see test-resolver.h. */
#include "config.h"

#include "test-resolver.h"

struct _TestResolver
{
  GResolver   parent_instance;
  GHashTable *names;   /* lower-case name → address string */
};

G_DEFINE_FINAL_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

static GList *
lookup (TestResolver              *self,
        const char                *hostname,
        GResolverNameLookupFlags   flags,
        GError                   **error)
{
  g_autofree char *name = g_ascii_strdown (hostname, -1);
  const char *text = g_hash_table_lookup (self->names, name);
  GInetAddress *address;

  if (text == NULL)
    {
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                   "No test address for %s", hostname);
      return NULL;
    }
  address = g_inet_address_new_from_string (text);
  if (((flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY) &&
       g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4) ||
      ((flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY) &&
       g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6))
    {
      g_object_unref (address);
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                   "No test address of that family for %s", hostname);
      return NULL;
    }
  return g_list_append (NULL, address);
}

static GList *
lookup_by_name_with_flags (GResolver                 *resolver,
                           const char                *hostname,
                           GResolverNameLookupFlags   flags,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  return lookup (TEST_RESOLVER (resolver), hostname, flags, error);
}

static GList *
lookup_by_name (GResolver     *resolver,
                const char    *hostname,
                GCancellable  *cancellable,
                GError       **error)
{
  return lookup (TEST_RESOLVER (resolver), hostname, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                 error);
}

static void
free_addresses (gpointer data)
{
  g_list_free_full (data, g_object_unref);
}

static void
lookup_by_name_with_flags_async (GResolver                *resolver,
                                 const char               *hostname,
                                 GResolverNameLookupFlags  flags,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;
  GList *addresses = lookup (TEST_RESOLVER (resolver), hostname, flags, &error);

  if (addresses == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, addresses, free_addresses);
}

static void
lookup_by_name_async (GResolver           *resolver,
                      const char          *hostname,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  lookup_by_name_with_flags_async (resolver, hostname, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                   cancellable, callback, user_data);
}

static GList *
lookup_by_name_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_finalize (GObject *object)
{
  g_hash_table_unref (TEST_RESOLVER (object)->names);

  G_OBJECT_CLASS (test_resolver_parent_class)->finalize (object);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_resolver_finalize;
  resolver_class->lookup_by_name = lookup_by_name;
  resolver_class->lookup_by_name_async = lookup_by_name_async;
  resolver_class->lookup_by_name_finish = lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags = lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = lookup_by_name_finish;
}

static void
test_resolver_init (TestResolver *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

TestResolver *
test_resolver_new (void)
{
  return g_object_new (TEST_TYPE_RESOLVER, NULL);
}

void
test_resolver_add (TestResolver *self,
                   const char   *name,
                   const char   *address)
{
  g_hash_table_replace (self->names, g_ascii_strdown (name, -1), g_strdup (address));
}
