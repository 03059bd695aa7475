/* drama-net-guard.c: which addresses a feed's content may make us reach, and the check on
 * the connection itself. A check on the URL's host name alone is not enough: a name may
 * resolve to 127.0.0.1 (the machine's own hostname, ip6-localhost, or a DNS record made
 * for the purpose), so the address judged is the one the socket connects to. */
#define G_LOG_DOMAIN "drama-net"

#include "config.h"

#include "drama-net-guard.h"

#include <string.h>

/* How long an answer about a feed's host is kept: a feed's articles ask for it once per
 * picture, and a LAN server does not move to the internet from one minute to the next. */
#define ORIGIN_TTL_US (5 * 60 * G_USEC_PER_SEC)
#define REFUSED_KEY "drama-net-guard-refused"

static gboolean
ipv4_is_public (const guint8 *b)
{
  if (b[0] == 0 ||                                  /* 0.0.0.0/8 "this network" */
      b[0] == 10 ||                                 /* 10/8 */
      (b[0] == 100 && (b[1] & 0xc0) == 64) ||       /* 100.64/10 CGNAT */
      b[0] == 127 ||                                /* loopback */
      (b[0] == 169 && b[1] == 254) ||               /* link-local */
      (b[0] == 172 && (b[1] & 0xf0) == 16) ||       /* 172.16/12 */
      (b[0] == 192 && b[1] == 0 && b[2] == 0) ||    /* 192.0.0.0/24 IETF */
      (b[0] == 192 && b[1] == 168) ||               /* 192.168/16 */
      (b[0] == 198 && (b[1] & 0xfe) == 18) ||       /* 198.18/15 benchmarking */
      b[0] >= 224)                                  /* multicast, 240/4, broadcast */
    return FALSE;
  return TRUE;
}

gboolean
drama_net_address_is_public (GInetAddress *address)
{
  static const guint8 zeros[12] = { 0 };
  static const guint8 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
  static const guint8 nat64[12] = { 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
  static const guint8 nat64_local[6] = { 0, 0x64, 0xff, 0x9b, 0, 0x01 };
  const guint8 *b;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), FALSE);

  b = g_inet_address_to_bytes (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return ipv4_is_public (b);

  /* ::, ::1 and ::a.b.c.d (deprecated IPv4-compatible) */
  if (memcmp (b, zeros, 12) == 0)
    return (b[12] | b[13]) != 0 && ipv4_is_public (b + 12);
  /* ::ffff:a.b.c.d and the well-known NAT64 prefix reach an IPv4 address: judge that. */
  if (memcmp (b, mapped, 12) == 0 || memcmp (b, nat64, 12) == 0)
    return ipv4_is_public (b + 12);
  /* 64:ff9b:1::/48 is for NAT64 inside one network, wherever it puts the address. */
  if (memcmp (b, nat64_local, 6) == 0)
    return FALSE;
  /* 2002::/16, 6to4: the IPv4 address follows the prefix. */
  if (b[0] == 0x20 && b[1] == 0x02)
    return ipv4_is_public (b + 2);
  if ((b[0] & 0xfe) == 0xfc ||                      /* fc00::/7 unique local */
      (b[0] == 0xfe && (b[1] & 0x80) == 0x80) ||    /* fe80::/10 link-local, fec0::/10 */
      b[0] == 0xff)                                 /* multicast */
    return FALSE;
  return TRUE;
}

/* ---- the connection ---- */

static void
network_event_cb (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  GCancellable *wire = user_data;
  g_autoptr(GSocketAddress) remote = NULL;
  GInetAddress *address;

  if (event != G_SOCKET_CLIENT_CONNECTING && event != G_SOCKET_CLIENT_CONNECTED)
    return;
  if (!G_IS_SOCKET_CONNECTION (connection))
    return;

  /* GLib knows the address it connects to before the SYN goes out; if it did not, the
   * check happens when connected, which is still before the request is written. */
  remote = g_socket_connection_get_remote_address (G_SOCKET_CONNECTION (connection), NULL);
  if (remote == NULL && event == G_SOCKET_CLIENT_CONNECTING)
    return;

  /* Through a proxy the address is the proxy's, which the user chose: the proxy resolves
   * the name, and we cannot judge what it reaches. */
  if (G_IS_PROXY_ADDRESS (remote))
    return;

  address = G_IS_INET_SOCKET_ADDRESS (remote)
              ? g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)) : NULL;
  if (address != NULL && drama_net_address_is_public (address))
    return;

  if (!g_object_get_data (G_OBJECT (msg), REFUSED_KEY))
    {
      g_autofree char *where = address != NULL ? g_inet_address_to_string (address) : NULL;
      g_autofree char *uri = g_uri_to_string (soup_message_get_uri (msg));

      g_debug ("Refused %s: it connects to %s", uri, where != NULL ? where : "(unknown)");
    }
  g_object_set_data (G_OBJECT (msg), REFUSED_KEY, GINT_TO_POINTER (1));
  g_cancellable_cancel (wire);
}

void
drama_net_guard_message (SoupMessage  *msg,
                         GCancellable *wire)
{
  g_return_if_fail (SOUP_IS_MESSAGE (msg));
  g_return_if_fail (G_IS_CANCELLABLE (wire));

  g_signal_connect_data (msg, "network-event", G_CALLBACK (network_event_cb),
                         g_object_ref (wire), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
}

gboolean
drama_net_guard_refused (SoupMessage *msg)
{
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), FALSE);

  return g_object_get_data (G_OBJECT (msg), REFUSED_KEY) != NULL;
}

/* ---- the feed's own host ---- */

typedef struct {
  gboolean private;
  gint64   expires;
} OriginAnswer;

static GMutex origin_lock;
static GHashTable *origin_answers;  /* lower-case host → OriginAnswer */

static gboolean
lookup_answer (const char *host,
               gboolean   *out_private)
{
  OriginAnswer *answer;
  gboolean found = FALSE;

  g_mutex_lock (&origin_lock);
  answer = origin_answers != NULL ? g_hash_table_lookup (origin_answers, host) : NULL;
  if (answer != NULL && answer->expires > g_get_monotonic_time ())
    {
      *out_private = answer->private;
      found = TRUE;
    }
  g_mutex_unlock (&origin_lock);
  return found;
}

static void
remember_answer (const char *host,
                 gboolean    private)
{
  OriginAnswer *answer = g_new0 (OriginAnswer, 1);

  answer->private = private;
  answer->expires = g_get_monotonic_time () + ORIGIN_TTL_US;
  g_mutex_lock (&origin_lock);
  if (origin_answers == NULL)
    origin_answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (origin_answers, g_strdup (host), answer);
  g_mutex_unlock (&origin_lock);
}

void
drama_net_origin_forget (void)
{
  g_mutex_lock (&origin_lock);
  if (origin_answers != NULL)
    g_hash_table_remove_all (origin_answers);
  g_mutex_unlock (&origin_lock);
}

static void
origin_resolved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *addresses;
  gboolean private = FALSE;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  if (addresses != NULL)
    {
      /* Every address, not any: a public host that also lists 127.0.0.1 gains nothing. */
      private = TRUE;
      for (GList *l = addresses; l != NULL; l = l->next)
        if (drama_net_address_is_public (l->data))
          private = FALSE;
      g_resolver_free_addresses (addresses);
      remember_answer (g_task_get_task_data (task), private);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not resolve the feed's host %s: %s",
             (const char *) g_task_get_task_data (task), error->message);

  g_task_return_boolean (task, private);
}

void
drama_net_origin_is_private_async (const char          *url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) literal = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GResolver) resolver = NULL;
  gboolean private = FALSE;
  gsize len;

  g_task_set_source_tag (task, drama_net_origin_is_private_async);

  uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  len = strlen (host);
  while (len > 0 && host[len - 1] == '.')
    host[--len] = '\0';
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    {
      host[len - 1] = '\0';
      memmove (host, host + 1, len - 1);
    }

  literal = g_inet_address_new_from_string (host);
  if (literal != NULL)
    {
      g_task_return_boolean (task, !drama_net_address_is_public (literal));
      return;
    }
  if (lookup_answer (host, &private))
    {
      g_task_return_boolean (task, private);
      return;
    }

  resolver = g_resolver_get_default ();
  g_task_set_task_data (task, g_strdup (host), g_free);
  g_resolver_lookup_by_name_async (resolver, host, cancellable, origin_resolved_cb,
                                   g_steal_pointer (&task));
}

gboolean
drama_net_origin_is_private_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}
