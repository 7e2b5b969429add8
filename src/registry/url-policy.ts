/**
 * One policy for every URL the action sends a request to: the registry's
 * endpoints, token realms, every redirect target and tag pages. A registry
 * chooses realms, redirects and page links, so each must be checked before a
 * single byte goes there: https unless the user allowed http, never a step
 * down from https, no credentials in URLs, and no link-local or cloud
 * metadata address (the runner's own credentials live there) in any
 * spelling, nor a private address reached from a public one.
 */
import dns from 'node:dns'
import { isIP } from 'node:net'
import { RegistryError, type Remedy } from './errors.js'

export type AddressClass =
  | 'metadata'
  | 'link-local'
  | 'unspecified'
  | 'reserved'
  | 'loopback'
  | 'private'
  | 'public'

/** Names that reach a cloud's instance metadata service. */
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal'
])

/** Addresses never to be reached unless the user named them as a registry. */
const FORBIDDEN: ReadonlySet<AddressClass> = new Set([
  'metadata',
  'link-local',
  'unspecified',
  'reserved'
])

/** What an IPv4 address (four numbers) is. */
function classifyV4(a: number, b: number, c: number, d: number): AddressClass {
  if (a === 169 && b === 254) {
    return c === 169 && d === 254 ? 'metadata' : 'link-local'
  }
  // Alibaba Cloud's metadata service; Azure's WireServer.
  if (a === 100 && b === 100 && c === 100 && d === 200) return 'metadata'
  if (a === 168 && b === 63 && c === 129 && d === 16) return 'metadata'
  if (a === 0) return 'unspecified'
  // Multicast, the reserved block and broadcast: never a registry.
  if (a >= 224) return 'reserved'
  if (a === 127) return 'loopback'
  if (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) // carrier-grade NAT
  ) {
    return 'private'
  }
  return 'public'
}

function parseV4(text: string): number[] | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  const out = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN))
  return out.every((n) => n <= 255) ? out : undefined
}

/** Eight 16-bit groups, or undefined if this is not an IPv6 address. */
function parseV6(text: string): number[] | undefined {
  if (isIP(text) !== 6) return undefined
  // A dotted IPv4 tail (`::ffff:169.254.169.254`) is two more groups.
  const hex = text.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (...m: string[]) => {
    const [a, b, c, d] = m.slice(1, 5).map(Number)
    return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  })
  const groups = (s: string): number[] =>
    s === '' ? [] : s.split(':').map((g) => parseInt(g, 16))
  const [left, right] = hex.includes('::') ? hex.split('::') : [hex, '']
  const l = groups(left)
  const r = groups(right)
  return [...l, ...new Array<number>(8 - l.length - r.length).fill(0), ...r]
}

function classifyV6(g: number[]): AddressClass {
  const v4 = (hi: number, lo: number): AddressClass =>
    classifyV4(hi >> 8, hi & 255, lo >> 8, lo & 255)
  const zeros = (from: number, to: number): boolean =>
    g.slice(from, to).every((x) => x === 0)
  if (zeros(0, 8)) return 'unspecified'
  if (zeros(0, 7) && g[7] === 1) return 'loopback'
  // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), translated
  // (::ffff:0:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d).
  if (
    (zeros(0, 5) && g[5] === 0xffff) ||
    (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) ||
    zeros(0, 6) ||
    (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6))
  ) {
    return v4(g[6], g[7])
  }
  // Local-use NAT64 (64:ff9b:1::/48) ends in the IPv4 address too.
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) {
    const inner = v4(g[6], g[7])
    if (inner !== 'public') return inner
  }
  // 6to4 (2002:a.b.c.d::/48) carries an IPv4 address; Teredo
  // (2001:0::/32) the client's, inverted, in its last 32 bits.
  if (g[0] === 0x2002) {
    const inner = v4(g[1], g[2])
    if (inner !== 'public') return inner
  }
  if (g[0] === 0x2001 && g[1] === 0) {
    const inner = v4(g[6] ^ 0xffff, g[7] ^ 0xffff)
    if (inner !== 'public') return inner
  }
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local'
  // Site-local (deprecated, still routed inside some networks).
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'
  if ((g[0] & 0xff00) === 0xff00) return 'reserved'
  // AWS's IPv6 metadata endpoint sits in unique-local space.
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && zeros(2, 7) && g[7] === 0x254) {
    return 'metadata'
  }
  if ((g[0] & 0xfe00) === 0xfc00) return 'private'
  return 'public'
}

/**
 * What a host is, from a URL's hostname (IPv6 in brackets or not) or a
 * resolved address. The WHATWG URL parser has already turned every IPv4
 * spelling (decimal, hex, octal, short forms) into dotted decimal and
 * compressed IPv6; IPv4 inside IPv6 is judged by the IPv4 address.
 */
export function classifyHost(hostname: string): AddressClass {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
  const v4 = parseV4(host)
  if (v4) return classifyV4(v4[0], v4[1], v4[2], v4[3])
  const v6 = parseV6(host)
  if (v6) return classifyV6(v6)
  if (METADATA_NAMES.has(host)) return 'metadata'
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback'
  return 'public'
}

export interface UrlPolicyOptions {
  /** host[:port] the user allows plain http for (`insecure-registries`). */
  insecure?: string[]
  /**
   * Registry API hosts (host[:port]) the user named: reachable whatever
   * their address, since the user chose them.
   */
  named?: string[]
  /** The resolver behind the guarded lookup (tests); dns.lookup by default. */
  resolve?: typeof dns.lookup
}

export class UrlPolicy {
  private readonly insecure: Set<string>
  private readonly named: Set<string>
  /** The named hosts without their ports: what a DNS lookup sees. */
  private readonly namedNames = new Set<string>()
  /** Names reached by a redirect or realm, and the host that sent us. */
  private readonly reachedFrom = new Map<string, string>()
  /** What each name resolved to: private or loopback if any address was. */
  private readonly resolvedAs = new Map<string, AddressClass>()
  /**
   * Registries an image named (a base in its annotations or provenance),
   * not the user: each is judged as if that image's registry sent us.
   */
  private readonly referred = new Map<string, URL>()
  private readonly resolve: typeof dns.lookup

  constructor(options: UrlPolicyOptions = {}) {
    this.insecure = new Set(options.insecure?.map((h) => h.toLowerCase()))
    this.named = new Set()
    for (const host of options.named ?? []) this.addRegistry(host)
    this.resolve = options.resolve ?? dns.lookup
  }

  /**
   * A registry the user named (its API host): reachable whatever its
   * address; `insecure` when the user allowed plain http for it.
   */
  addRegistry(host: string, { insecure = false } = {}): void {
    const { hostname, spellings } = hostForms(host)
    for (const form of spellings) this.named.add(form)
    this.namedNames.add(hostname)
    if (insecure) this.insecure.add(spellings[0])
  }

  /**
   * A registry (API host) that an image, not the user, named: requests to
   * it are checked as if `from` (the image's registry) had sent the action
   * there, so a public image cannot point it at a private network.
   */
  addReferred(host: string, from: URL): void {
    for (const form of hostForms(host).spellings) this.referred.set(form, from)
  }

  /** True where plain http is allowed: loopback hosts and those the user listed. */
  allowsHttp(url: URL): boolean {
    return classifyHost(url.hostname) === 'loopback' || this.isInsecure(url)
  }

  /** Listed in 'insecure-registries' (host:port, or the host for any port). */
  private isInsecure(url: URL): boolean {
    return this.insecure.has(url.host) || this.insecure.has(url.hostname)
  }

  /** True for a registry host the user named (host[:port] or host). */
  isNamed(host: string): boolean {
    return this.named.has(host.toLowerCase())
  }

  /**
   * Throws a 'security' RegistryError unless a request may go to `url`.
   * `from` is where the action was sent from (the registry for a realm, the
   * previous hop for a redirect); `what` names the target in the message,
   * e.g. "the registry's token realm" or "a redirect of the manifest to".
   */
  check(url: URL, what: string, sender?: URL): void {
    const from = sender ?? this.referred.get(url.host)
    const refuse = (reason: string, remedy?: Remedy): never => {
      throw new RegistryError(
        'security',
        `Refusing ${what} ${url.origin === 'null' ? url.protocol : url.origin}: ${reason}`,
        undefined,
        [],
        undefined,
        remedy
      )
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      refuse('only https (or http where allowed) is followed')
    }
    if (url.username || url.password) {
      refuse('the address carries credentials of its own')
    }
    if (from?.protocol === 'https:' && url.protocol === 'http:') {
      refuse('that would step down from https to plain http')
    }
    const named = this.isNamed(url.host)
    const target = classifyHost(url.hostname)
    if (!named && FORBIDDEN.has(target)) {
      refuse('link-local and metadata addresses are not allowed')
    }
    // A registry the user listed as insecure lives on their own network,
    // so it may point there; any other public host may not.
    if (
      !named &&
      from &&
      (target === 'private' || target === 'loopback') &&
      classifyHost(from.hostname) === 'public' &&
      !this.isInsecure(from)
    ) {
      refuse(
        `a public host (${from.host}) may not send the action to a ${target} address`
      )
    }
    if (url.protocol === 'http:' && !this.allowsHttp(url)) {
      refuse(
        'plain http is only used for loopback hosts and those the user allows; it must use https',
        'allow-http'
      )
    }
    // A name says nothing until it resolves: the lookup judges it then.
    if (from && !named && isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0) {
      this.reachedFrom.set(url.hostname.toLowerCase(), from.hostname)
    }
  }

  /**
   * A dns.lookup for sockets: a name that resolves to a link-local or
   * metadata address is refused before connecting, and so is a name a
   * public host sent us to that resolves to a private or loopback one. So
   * a DNS name cannot smuggle in what an address literal cannot.
   */
  readonly lookup = ((
    hostname: string,
    options: dns.LookupOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | dns.LookupAddress[],
      family?: number
    ) => void
  ): void => {
    this.resolve(hostname, { ...options }, (error, address, family) => {
      if (error) return callback(error, address, family)
      const all = Array.isArray(address) ? address : [{ address, family }]
      const refusal = this.judge(hostname.toLowerCase(), all)
      if (refusal) {
        return callback(
          new RegistryError(
            'security',
            `Refusing to connect to ${hostname}: ${refusal}`
          ),
          address,
          family
        )
      }
      callback(null, address, family)
    })
  }) as unknown as typeof dns.lookup

  /** Why a name may not be reached at these addresses, or undefined. */
  private judge(
    hostname: string,
    addresses: { address: string }[]
  ): string | undefined {
    const classes = addresses.map((a) => classifyHost(a.address))
    const inside = classes.find((c) => c === 'private' || c === 'loopback')
    this.resolvedAs.set(hostname, inside ?? 'public')
    if (this.namedNames.has(hostname)) return undefined
    const bad = classes.findIndex((c) => FORBIDDEN.has(c))
    if (bad !== -1) {
      return `it resolves to ${addresses[bad].address}, a link-local or metadata address`
    }
    const origin = this.reachedFrom.get(hostname)
    if (!inside || origin === undefined) return undefined
    const originClass =
      isIP(origin.replace(/^\[|\]$/g, '')) !== 0
        ? classifyHost(origin)
        : (this.resolvedAs.get(origin.toLowerCase()) ?? 'public')
    if (originClass !== 'public' || this.insecure.has(origin)) return undefined
    const address = addresses[classes.indexOf(inside)].address
    return `it resolves to ${address}, a ${inside} address, and the public host ${origin} sent the action there`
  }
}

/**
 * A host[:port] as URLs show it, over http and over https (an http URL
 * drops :80 and an https one :443), and its name as a lookup sees it.
 */
function hostForms(host: string): { hostname: string; spellings: string[] } {
  const url = new URL(`http://${host.toLowerCase()}`)
  return {
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    spellings: [url.host, new URL(`https://${url.host}`).host]
  }
}
