import type { IncomingMessage } from "http"
import ipaddr from "ipaddr.js"
import proxyaddr from "proxy-addr"

/**
 * Who a request comes from, for budgets: the socket's address, or, when the socket belongs to a
 * trusted proxy (a load balancer, a CDN, a storefront server that calls the store API on its
 * shoppers' behalf), the address that proxy put in `X-Forwarded-For`, hop by hop up to the first
 * address that is not trusted. Without trusted proxies `X-Forwarded-For` is ignored: anyone can
 * send it. (Express's `req.ip` will not do: Medusa sets `trust proxy` to 1, so `req.ip` is
 * whatever the last `X-Forwarded-For` entry says, even from a shopper's own browser.)
 */

/**
 * Addresses and subnets to trust as proxies (`10.0.0.0/8`, `::1`) or proxy-addr's names
 * `loopback`, `linklocal` and `uniquelocal`; a comma-separated string or a list. Empty: none.
 */
export type TrustedProxies = string | string[] | undefined

export function parseTrustedProxies(trusted: TrustedProxies): string[] {
  const list = Array.isArray(trusted) ? trusted : (trusted ?? "").split(",")
  return list.map((entry) => entry.trim()).filter(Boolean)
}

/**
 * The budget key of an address: an IPv4 address as it is (IPv4-mapped IPv6 unwrapped), an IPv6
 * address by its /64 network, which one client usually holds whole (a client rotating through
 * its /64 is still one client).
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address
  let parsed = ipaddr.parse(address)
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address()
  }
  if (parsed.kind() === "ipv4") return parsed.toString()
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4)
  return `${ipaddr.fromByteArray([...parts.flatMap((part) => [part >> 8, part & 0xff]), ...new Array(8).fill(0)]).toString()}/64`
}

/** A function that answers a request's client address (as a budget key) under these trusted proxies. */
export function clientAddressResolver(trusted: TrustedProxies): (req: IncomingMessage) => string {
  const proxies = parseTrustedProxies(trusted)
  // Throws at start for an entry that is neither an address, a subnet nor a known name.
  const trust = proxyaddr.compile(proxies)
  return (req) => {
    const socket = req.socket?.remoteAddress ?? ""
    if (!proxies.length || !socket) return addressKey(socket || "unknown")
    return addressKey(proxyaddr(req as Parameters<typeof proxyaddr>[0], trust))
  }
}
