#pragma once

/* Keeps what a feed's content makes the app fetch (thumbnails, lead images, pictures in
 * the reader) off this machine and its network: loopback, private, link-local, CGNAT,
 * NAT64-mapped private and similar addresses are refused on the address actually
 * connected to, before any byte of the request is sent. A feed that itself lives on such an
 * address (the user's own server) may show its own pictures: see
 * drama_net_origin_is_private_async(). */

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* FALSE for an address a page on the internet has no business making us reach:
 * unspecified, loopback, link-local, RFC 1918 and fc00::/7, 100.64.0.0/10 (CGNAT),
 * 0.0.0.0/8, 192.0.0.0/24, benchmarking 198.18.0.0/15, multicast and reserved 240/4,
 * broadcast, and IPv4 reached through IPv6 (mapped, compatible, NAT64 64:ff9b::/96 and
 * 64:ff9b:1::/48, 6to4 2002::/16) when that IPv4 address is one of those. */
gboolean drama_net_address_is_public       (GInetAddress        *address);

/* Watches msg's connection: when it connects to an address that is not public, `wire`
 * (the cancellable msg is sent with) is cancelled at once, before the request is written,
 * and drama_net_guard_refused() says so afterwards. Use it on a session whose every
 * message is guarded, or kept-alive connections would skip the check. */
void     drama_net_guard_message           (SoupMessage         *msg,
                                            GCancellable        *wire);
gboolean drama_net_guard_refused           (SoupMessage         *msg);

/* Whether url's host is a non-public address or a name whose every address is one (a
 * feed on the user's own network). An unusable URL or a name that does not resolve is
 * not private. Results are kept a few minutes. Never fails. */
void     drama_net_origin_is_private_async (const char          *url,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean drama_net_origin_is_private_finish (GAsyncResult       *result);

/* Forgets the remembered answers (tests that change the resolver). */
void     drama_net_origin_forget           (void);

G_END_DECLS
