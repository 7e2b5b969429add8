/**
 * A registry client for one registry: manifests and blobs over the
 * distribution API, authenticated on demand, every digest verified.
 */
import { parse as parseContentType } from 'content-type'
import { Authenticator } from './auth/authenticator.js'
import type { Challenge } from './auth/challenge.js'
import type { Credentials } from './auth/docker-config.js'
import {
  RegistryError,
  describeErrors,
  parseErrorBody,
  quote,
  type RegistryErrorDetail
} from './errors.js'
import { MANIFEST_ACCEPT } from './media-types.js'
import { apiHost, isLoopbackHost, isTag, DOCKER_HUB_API } from './reference.js'
import type { DigestCache } from './cache.js'
import { digestOf, isDigest, isSupportedAlgorithm } from './digest.js'
import { Transport, redact, type HttpResponse } from './transport.js'

export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024
const MAX_TAG_PAGE_BYTES = 8 * 1024 * 1024
/** Registries answer up to this many tags per page; ECR refuses more than 1000. */
export const TAG_PAGE_SIZE = 1000
/** Budgets for a tag list, which the registry sizes. */
export const MAX_TAG_PAGES = 1000
export const MAX_TAGS = 100_000
export const MAX_TAG_LIST_BYTES = 16 * 1024 * 1024
/** A `next` link is a few hundred bytes; a longer Link header is not parsed. */
const MAX_LINK_HEADER_CHARS = 8 * 1024
const MAX_ERROR_BYTES = 64 * 1024

/** A Bearer challenge, as a registry would send it. */
const bearer = (realm: string, service: string): Challenge => ({
  scheme: 'bearer',
  params: Object.assign(Object.create(null) as Record<string, string>, {
    realm,
    service
  })
})

/**
 * Token services known up front (what their registries' 401s name), so the
 * token is fetched first, while the registry's connection opens.
 */
const KNOWN_CHALLENGES: Record<string, Challenge> = {
  [DOCKER_HUB_API]: bearer(
    'https://auth.docker.io/token',
    'registry.docker.io'
  ),
  'ghcr.io': bearer('https://ghcr.io/token', 'ghcr.io')
}

export interface RegistryClientOptions {
  /** Registry domain as in the reference (`docker.io`, `ghcr.io`, `localhost:5000`). */
  domain: string
  credentials?: Credentials
  /** Allow plain http for this (non-loopback) registry. */
  insecure?: boolean
  transport?: Transport
  onSecret?: (secret: string) => void
  /** Auth steps worth a debug line (never a secret). */
  onDebug?: (message: string) => void
  /** A realm known up front for this registry, to skip the first 401. */
  knownChallenge?: Challenge
  /** Clock for token expiry (tests). */
  now?: () => number
  /** Manifests and configs by digest, kept between runs. */
  cache?: DigestCache
  /**
   * The registry of an image that named this one (its base): then this
   * registry is reached as if that one had sent us, not as one the user
   * chose.
   */
  referredBy?: URL
}

export interface Manifest {
  /** Exact bytes as served; digests are computed over these. */
  bytes: Buffer
  /** Content-Type without parameters (may be empty if the registry sent none). */
  contentType: string
  digest: string
  headers: HttpResponse['headers']
}

export interface TagList {
  /** Each tag once, in the registry's order. */
  tags: string[]
  /** Entries that were not valid tag names, left out. */
  ignored: number
}

export interface Descriptor {
  digest: string
  size: number
  mediaType?: string
}

export class RegistryClient {
  readonly base: URL
  readonly transport: Transport
  private readonly auth: Authenticator
  private readonly ownsTransport: boolean
  readonly cache?: DigestCache
  /** Plain http: a loopback registry, or one the user listed. */
  private readonly plain: boolean

  constructor(options: RegistryClientOptions) {
    const host = apiHost(options.domain)
    const plain = options.insecure || isLoopbackHost(host)
    this.plain = plain
    this.base = new URL(`${plain ? 'http' : 'https'}://${host}`)
    this.ownsTransport = !options.transport
    this.cache = options.cache
    this.transport = options.transport ?? new Transport()
    if (options.referredBy) {
      this.transport.policy.addReferred(host, options.referredBy)
    } else {
      this.namedByUser()
    }
    this.auth = new Authenticator({
      transport: this.transport,
      credentials: options.credentials,
      registry: this.base,
      onSecret: options.onSecret,
      onDebug: options.onDebug,
      now: options.now
    })
    const known = options.knownChallenge ?? KNOWN_CHALLENGES[host]
    if (known) this.auth.setKnownChallenge(known)
  }

  /**
   * Fetches a manifest by tag or digest and verifies its digest. The cache
   * answers only when the caller says the registry confirmed the digest in
   * this repository (a HEAD for it, or a verified manifest that lists it):
   * a shared cache must not vouch for a repository that lacks the digest or
   * that the runner's credentials cannot read. `size`, when a descriptor
   * gives one, must be the manifest's length.
   */
  async getManifest(
    repository: string,
    reference: string,
    {
      confirmed = false,
      size,
      background = false
    }: { confirmed?: boolean; size?: number; background?: boolean } = {}
  ): Promise<Manifest> {
    const manifest = await this.readManifest(
      repository,
      reference,
      confirmed,
      background
    )
    if (size !== undefined && manifest.bytes.length !== size) {
      throw new RegistryError(
        'integrity',
        `The manifest ${reference} is ${manifest.bytes.length} bytes, but the index says ${size}`
      )
    }
    return manifest
  }

  private async readManifest(
    repository: string,
    reference: string,
    confirmed: boolean,
    background: boolean
  ): Promise<Manifest> {
    if (this.cache && confirmed && isDigest(reference)) {
      const cached = this.cache.get(
        reference,
        MAX_MANIFEST_BYTES,
        this.scope(repository)
      )
      if (cached) {
        // Content type is sniffed from the body (see parseManifest).
        return {
          bytes: cached,
          contentType: '',
          digest: reference,
          headers: {}
        }
      }
    }
    const manifest = await this.fetchManifest(repository, reference, background)
    this.cache?.put(manifest.digest, manifest.bytes, this.scope(repository))
    return manifest
  }

  private async fetchManifest(
    repository: string,
    reference: string,
    background: boolean
  ): Promise<Manifest> {
    const path = `/v2/${repository}/manifests/${reference}`
    const response = await this.get(repository, path, {
      accept: MANIFEST_ACCEPT,
      maxBytes: MAX_MANIFEST_BYTES,
      what: 'manifest',
      background
    })
    const expected = reference.includes(':') ? reference : undefined
    const algorithm = expected ? expected.split(':')[0] : 'sha256'
    const digest = digestOf(response.body, algorithm)
    if (expected && digest !== expected) {
      throw new RegistryError(
        'integrity',
        `The manifest served for ${expected} has digest ${digest}: the registry sent different content than asked for`
      )
    }
    const header = headerValue(response.headers['docker-content-digest'])
    if (header) {
      const headerAlgorithm = header.split(':')[0]
      const check =
        headerAlgorithm === algorithm
          ? digest
          : isSupportedAlgorithm(headerAlgorithm)
            ? digestOf(response.body, headerAlgorithm)
            : undefined
      if (check !== undefined && check !== header) {
        throw new RegistryError(
          'integrity',
          `The manifest's Docker-Content-Digest header says ${quote(header, 140)} but its bytes hash to ${check}`
        )
      }
    }
    return {
      bytes: response.body,
      contentType: mediaTypeOf(response.headers['content-type']),
      digest,
      headers: response.headers
    }
  }

  /** Fetches a blob (following redirects) and checks its size and digest. */
  async getBlob(
    repository: string,
    descriptor: Descriptor,
    maxBytes: number,
    what: string
  ): Promise<Buffer> {
    // Only what this repository served before (the cache keeps entries
    // per repository).
    const cached = this.cache?.get(
      descriptor.digest,
      Math.min(descriptor.size, maxBytes),
      this.scope(repository)
    )
    if (cached && cached.length === descriptor.size) return cached
    if (descriptor.size > maxBytes) {
      throw new RegistryError(
        'too-large',
        `The ${what} is ${descriptor.size} bytes, more than the ${maxBytes}-byte limit`
      )
    }
    const path = `/v2/${repository}/blobs/${descriptor.digest}`
    let response: HttpResponse
    try {
      // Never read more than the descriptor promises.
      response = await this.get(repository, path, {
        maxBytes: descriptor.size,
        what
      })
    } catch (error) {
      if (error instanceof RegistryError && error.kind === 'too-large') {
        throw new RegistryError(
          'integrity',
          `The ${what} ${descriptor.digest} is longer than the ${descriptor.size} bytes the manifest declares`
        )
      }
      throw error
    }
    const algorithm = descriptor.digest.split(':')[0]
    const digest = digestOf(response.body, algorithm)
    if (digest !== descriptor.digest) {
      throw new RegistryError(
        'integrity',
        `The ${what} ${descriptor.digest} arrived with different content (sha ${digest}, ${response.body.length} bytes)`
      )
    }
    if (response.body.length !== descriptor.size) {
      throw new RegistryError(
        'integrity',
        `The ${what} is ${response.body.length} bytes, but the manifest says ${descriptor.size}`
      )
    }
    this.cache?.put(descriptor.digest, response.body, this.scope(repository))
    return response.body
  }

  /**
   * The digest a reference points to, from a HEAD (which Docker Hub does not
   * count as a pull); GET only when the registry gives no digest on HEAD.
   * `background`: a check beside the main work, on connections of its own.
   */
  async resolveDigest(
    repository: string,
    reference: string,
    { background = false } = {}
  ): Promise<{
    digest: string
    method: 'HEAD' | 'GET'
    headers: HttpResponse['headers']
  }> {
    const path = `/v2/${repository}/manifests/${reference}`
    let response: HttpResponse | undefined
    try {
      response = await this.get(repository, path, {
        accept: MANIFEST_ACCEPT,
        maxBytes: 0,
        what: 'manifest',
        method: 'HEAD',
        background
      })
    } catch (error) {
      // 405 and friends: the registry does not do HEAD properly; GET below.
      if (!(error instanceof RegistryError) || error.status === 404) throw error
      if (error.kind === 'auth' || error.kind === 'rate-limit') throw error
    }
    const header = response
      ? headerValue(response.headers['docker-content-digest'])
      : undefined
    if (header && isDigest(header)) {
      return { digest: header, method: 'HEAD', headers: response!.headers }
    }
    const manifest = await this.getManifest(repository, reference, {
      background
    })
    return { digest: manifest.digest, method: 'GET', headers: manifest.headers }
  }

  /**
   * Every tag of a repository, following `Link: <…>; rel="next"` (same
   * origin only, relative or absolute), asking for large pages. A registry
   * sizes this answer, so it is budgeted: pages, entries read and bytes,
   * each with a clear error, and a page that repeats stops it. Entries that
   * break the tag grammar are left out (and counted): a tag is later
   * printed, compared and put into a reference.
   */
  async listTags(
    repository: string,
    options: { pageSize?: number; maxPages?: number; maxTags?: number } = {}
  ): Promise<TagList> {
    const pageSize = options.pageSize ?? TAG_PAGE_SIZE
    const maxPages = options.maxPages ?? MAX_TAG_PAGES
    const maxTags = options.maxTags ?? MAX_TAGS
    const seen = new Set<string>()
    let ignored = 0
    let entries = 0
    let bytes = 0
    const visited = new Set<string>()
    // Loaded here: only tag listing needs an RFC 8288 parser.
    const { default: LinkHeader } = await import('http-link-header')
    let next: URL | undefined = new URL(
      `/v2/${repository}/tags/list?n=${pageSize}`,
      this.base
    )
    // The limits are fixed: no input raises them.
    const tooMany = (what: string): RegistryError =>
      new RegistryError(
        'too-large',
        `${repository} has more tags than ${what}, the most this action reads; stopped listing (${seen.size} tags read)`
      )
    for (let page = 0; next; page++) {
      if (page >= maxPages) throw tooMany(`${maxPages} pages of ${pageSize}`)
      visited.add(next.href)
      // The URL itself, already checked to be on the registry: its path
      // is never read again as a reference (a "//host" path would be).
      const response = await this.get(repository, next, {
        maxBytes: MAX_TAG_PAGE_BYTES,
        what: 'tag list'
      })
      bytes += response.body.length
      if (bytes > MAX_TAG_LIST_BYTES) {
        throw tooMany(`${MAX_TAG_LIST_BYTES / 1024 / 1024} MiB of tag list`)
      }
      let body: { tags?: unknown }
      try {
        body = JSON.parse(response.body.toString('utf8')) as { tags?: unknown }
      } catch {
        throw new RegistryError('protocol', 'The tag list is not valid JSON')
      }
      const list = Array.isArray(body?.tags) ? body.tags : []
      entries += list.length
      if (entries > maxTags) throw tooMany(`${maxTags} entries`)
      for (const tag of list) {
        if (typeof tag === 'string' && isTag(tag)) seen.add(tag)
        else ignored++
      }
      next = nextPage(response, this.base, LinkHeader)
      if (next && visited.has(next.href)) {
        throw new RegistryError(
          'protocol',
          `The registry's tag pagination loops back to a page already read (${redact(next)})`
        )
      }
    }
    return { tags: [...seen], ignored }
  }

  /**
   * Before many inspections on this registry: one token for every
   * repository, where the token server allows it (best effort).
   */
  async prepare(repositories: string[]): Promise<void> {
    await this.auth.prepare(
      [...new Set(repositories)].map((r) => `repository:${r}:pull`)
    )
  }

  /**
   * The user named this registry: its own address is never refused, and
   * plain http is allowed where they said so.
   */
  namedByUser(): void {
    this.transport.policy.addRegistry(this.base.host, { insecure: this.plain })
  }

  dispose(): void {
    if (this.ownsTransport) this.transport.dispose()
  }

  /** A repository of this registry, as the cache keeps entries apart. */
  private scope(repository: string): string {
    return `${this.base.host}/${repository}`
  }

  /** GET with auth; non-2xx answers become RegistryErrors. */
  private async get(
    repository: string,
    path: string | URL,
    options: {
      accept?: string
      maxBytes: number
      what: string
      method?: 'GET' | 'HEAD'
      background?: boolean
    }
  ): Promise<HttpResponse> {
    const url = typeof path === 'string' ? new URL(path, this.base) : path
    if (url.origin !== this.base.origin) {
      throw new RegistryError(
        'security',
        `Refusing to send a request for ${repository} to ${url.origin}, which is not the registry`
      )
    }
    const { response, authenticated } = await this.auth.send(
      url,
      `repository:${repository}:pull`,
      {
        method: options.method,
        headers: options.accept ? { Accept: options.accept } : {},
        maxBytes: options.maxBytes,
        what: options.what,
        background: options.background
      }
    )
    if (response.status >= 200 && response.status < 300) return response
    throw this.failure(response, options.what, authenticated)
  }

  private failure(
    response: HttpResponse,
    what: string,
    authenticated: boolean
  ): RegistryError {
    const errors: RegistryErrorDetail[] = parseErrorBody(
      response.body.subarray(0, MAX_ERROR_BYTES)
    )
    const status = response.status
    const detail = errors.length ? `: ${describeErrors(errors)}` : ''
    const where = `${redact(response.url)}`
    const kind =
      status === 401 || status === 403
        ? 'auth'
        : status === 404
          ? 'not-found'
          : 'http'
    const note =
      status === 401 && !authenticated ? ' (no credentials were sent)' : ''
    return new RegistryError(
      kind,
      `The registry answered ${status} for the ${what} (${where})${note}${detail}`,
      status,
      errors,
      what
    )
  }
}

/** The `rel="next"` target of a Link header, if it stays on the registry. */
function nextPage(
  response: HttpResponse,
  base: URL,
  LinkHeader: typeof import('http-link-header')
): URL | undefined {
  const header = headerValue(response.headers.link)
  if (!header) return undefined
  if (header.length > MAX_LINK_HEADER_CHARS) {
    throw new RegistryError(
      'too-large',
      `The tag list's Link header is ${header.length} characters, more than the ${MAX_LINK_HEADER_CHARS} this action reads`
    )
  }
  let target: string | undefined
  try {
    target = LinkHeader.parse(header).rel('next')[0]?.uri
  } catch {
    throw new RegistryError(
      'protocol',
      'The tag list has an unreadable Link header'
    )
  }
  if (!target) return undefined
  let url: URL
  try {
    url = new URL(target, response.url)
  } catch {
    throw new RegistryError(
      'protocol',
      "The tag list's Link header points at something that is not a URL"
    )
  }
  if (url.origin !== base.origin) {
    throw new RegistryError(
      'security',
      `The tag list points its next page at another host (${redact(url)}); refusing to follow`
    )
  }
  return url
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value
}

/** The media type of a Content-Type header, parameters dropped, lowercased. */
export function mediaTypeOf(value: string | string[] | undefined): string {
  const text = headerValue(value)
  if (!text) return ''
  try {
    return parseContentType(text).type
  } catch {
    return text.split(';')[0].trim().toLowerCase()
  }
}
