/**
 * A registry written by an attacker: a small node:http server on loopback
 * that speaks just enough of the distribution API to be inspected, and
 * answers whatever a test tells it to: hostile manifests and configs, any
 * header (content types, digests, rate limits, Retry-After, Link,
 * WWW-Authenticate, Location), any status and error body, tag lists of any
 * size. Content is served byte for byte as given, so digests are known.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'
import { readBody } from './http.mjs'

export interface HostileRequest {
  method: string
  /** Path and query, as received. */
  url: string
  path: string
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export interface Reply {
  status?: number
  headers?: Record<string, string | string[]>
  body?: Buffer | string
}

/** A route answers a request, or passes (undefined) to the next one. */
export type Route = (
  request: HostileRequest
) => Reply | undefined | Promise<Reply | undefined>

interface Stored {
  bytes: Buffer
  contentType: string
  headers: Record<string, string | string[]>
}

const digestOf = (bytes: Buffer): string =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/** A registry-style error body: `{"errors":[{code,message}]}`. */
export function errorBody(
  ...errors: { code: string; message?: string }[]
): string {
  return JSON.stringify({ errors })
}

export class HostileRegistry {
  readonly requests: HostileRequest[] = []
  url = ''
  host = ''
  private readonly manifests = new Map<string, Stored>()
  private readonly blobs = new Map<string, Buffer>()
  private readonly tagLists = new Map<string, (page: number) => Reply>()
  private routes: Route[] = []
  private readonly server = http.createServer((req, res) => {
    void this.handle(req, res)
  })

  static async start(): Promise<HostileRegistry> {
    const registry = new HostileRegistry()
    await new Promise<void>((resolve) =>
      registry.server.listen(0, '127.0.0.1', resolve)
    )
    const { port } = registry.server.address() as AddressInfo
    registry.host = `127.0.0.1:${port}`
    registry.url = `http://${registry.host}`
    return registry
  }

  /** Serves a manifest by digest (and by tag, if given); returns its digest. */
  manifest(
    repo: string,
    tag: string | undefined,
    bytes: Buffer | string,
    contentType: string,
    headers: Record<string, string | string[]> = {}
  ): string {
    const buffer = Buffer.from(bytes)
    const digest = digestOf(buffer)
    const stored = { bytes: buffer, contentType, headers }
    this.manifests.set(`${repo}@${digest}`, stored)
    if (tag !== undefined) this.manifests.set(`${repo}:${tag}`, stored)
    return digest
  }

  /** Serves a blob under its digest; returns the digest. */
  blob(repo: string, bytes: Buffer | string): string {
    const buffer = Buffer.from(bytes)
    const digest = digestOf(buffer)
    this.blobs.set(`${repo}@${digest}`, buffer)
    return digest
  }

  /** An image as fixtures.mjs builds it: manifest (by tag) and config. */
  image(
    repo: string,
    tag: string | undefined,
    image: { manifest: Buffer; mediaType: string; config: Buffer },
    headers: Record<string, string | string[]> = {}
  ): string {
    this.blob(repo, image.config)
    return this.manifest(repo, tag, image.manifest, image.mediaType, headers)
  }

  /**
   * Tag list pages: `page(i)` answers `?page=i` (the first request has no
   * page); a page that wants a next one sets a Link header itself.
   */
  tags(repo: string, page: (index: number) => Reply): void {
    this.tagLists.set(repo, page)
  }

  /** Routes are tried first, newest first, until one answers. */
  on(route: Route): void {
    this.routes.unshift(route)
  }

  reset(): void {
    this.requests.length = 0
    this.routes = []
    this.manifests.clear()
    this.blobs.clear()
    this.tagLists.clear()
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise((resolve) => this.server.close(resolve))
  }

  private async handle(
    req: http.IncomingMessage,
    res: http.ServerResponse
  ): Promise<void> {
    const received = await readBody(req)
    const url = new URL(req.url ?? '/', this.url)
    const request: HostileRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: url.pathname,
      headers: req.headers,
      body: received
    }
    this.requests.push(request)
    let reply: Reply | undefined
    for (const route of this.routes) {
      reply = await route(request)
      if (reply) break
    }
    reply ??= this.standard(request, url)
    const body = Buffer.from(reply.body ?? '')
    res.writeHead(reply.status ?? 200, {
      'content-length': String(body.length),
      ...reply.headers
    })
    res.end(request.method === 'HEAD' ? undefined : body)
  }

  /** What a plain registry would answer from what it holds. */
  private standard(request: HostileRequest, url: URL): Reply {
    if (request.path === '/v2/' || request.path === '/v2') {
      return { body: '{}', headers: { 'content-type': 'application/json' } }
    }
    const match = /^\/v2\/(.+)\/(manifests|blobs|tags)\/(.+)$/.exec(
      request.path
    )
    const notFound = (code: string): Reply => ({
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: errorBody({ code, message: 'unknown' })
    })
    if (!match) return notFound('NAME_UNKNOWN')
    const [, repo, kind, ref] = match
    if (kind === 'manifests') {
      const key = ref.includes(':') ? `${repo}@${ref}` : `${repo}:${ref}`
      const found = this.manifests.get(key)
      if (!found) return notFound('MANIFEST_UNKNOWN')
      return {
        headers: {
          'content-type': found.contentType,
          'docker-content-digest': digestOf(found.bytes),
          ...found.headers
        },
        body: found.bytes
      }
    }
    if (kind === 'blobs') {
      const found = this.blobs.get(`${repo}@${ref}`)
      return found ? { body: found } : notFound('BLOB_UNKNOWN')
    }
    const pages = this.tagLists.get(repo)
    if (!pages || ref !== 'list') return notFound('NAME_UNKNOWN')
    return pages(Number(url.searchParams.get('page') ?? '0'))
  }
}
