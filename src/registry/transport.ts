/**
 * The HTTP layer every registry request goes through: @actions/http-client
 * underneath, with our own redirect policy (no Authorization across origins,
 * never https→http), capped body reads and a request log for tests.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { HttpClient } from '@actions/http-client'
import { RegistryError } from './errors.js'

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  /** The URL that finally answered, after redirects. */
  url: URL
}

export interface SendOptions {
  method?: 'GET' | 'HEAD' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** Largest body accepted; a longer one fails without being buffered. */
  maxBytes: number
  /** What the body is, for error messages ("manifest", "token"...). */
  what: string
}

export interface TransportOptions {
  userAgent?: string
  /** Per-request socket timeout. */
  timeoutMs?: number
  maxRedirects?: number
}

type RequestHandler = NonNullable<
  ConstructorParameters<typeof HttpClient>[1]
>[number]

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
/** Error bodies are only read for their message; more is cut off. */
const MAX_ERROR_BODY = 64 * 1024

/**
 * http-client connects to `url.hostname`, which keeps the brackets of an
 * IPv6 literal (`[::1]`) and so fails to resolve; strip them.
 */
const ipv6Literals: RequestHandler = {
  prepareRequest(options) {
    const host = options.host
    if (
      typeof host === 'string' &&
      host.startsWith('[') &&
      host.endsWith(']')
    ) {
      options.host = host.slice(1, -1)
    }
  },
  canHandleAuthentication: () => false,
  handleAuthentication: () => {
    throw new Error('not used')
  }
}

export class Transport {
  /** One client per protocol: http-client caches a single agent per client. */
  private readonly clients = new Map<string, HttpClient>()
  private readonly options: Required<TransportOptions>
  /** Requests sent, including redirect hops; for diagnostics and benchmarks. */
  requestCount = 0

  constructor(options: TransportOptions = {}) {
    this.options = {
      userAgent: options.userAgent ?? 'remote-image-inspect',
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRedirects: options.maxRedirects ?? 5
    }
  }

  async send(url: URL, options: SendOptions): Promise<HttpResponse> {
    let current = url
    let headers = { ...options.headers }
    let method = options.method ?? 'GET'
    let body = options.body
    for (let hop = 0; ; hop++) {
      const message = await this.raw(method, current, headers, body)
      const status = message.statusCode ?? 0
      const location = message.headers.location
      if (!REDIRECT_STATUSES.has(status) || location === undefined) {
        const ok = status >= 200 && status < 300
        const data =
          method === 'HEAD'
            ? (message.resume(), Buffer.alloc(0))
            : ok
              ? await readCapped(message, options.maxBytes, options.what)
              : await readPrefix(message, MAX_ERROR_BODY)
        return { status, headers: message.headers, body: data, url: current }
      }
      message.resume()
      if (hop >= this.options.maxRedirects) {
        throw new RegistryError(
          'protocol',
          `Too many redirects (more than ${this.options.maxRedirects}) fetching the ${options.what} from ${redact(url)}`
        )
      }
      const next = new URL(location, current)
      if (next.protocol !== 'https:' && next.protocol !== 'http:') {
        throw new RegistryError(
          'security',
          `Refusing a redirect to a ${next.protocol} URL while fetching the ${options.what}`
        )
      }
      if (current.protocol === 'https:' && next.protocol === 'http:') {
        throw new RegistryError(
          'security',
          `Refusing a redirect from https to plain http (${redact(next)}) while fetching the ${options.what}`
        )
      }
      // Credentials belong to the origin that asked for them; a CDN or S3
      // rejects them and must never see them.
      if (next.origin !== current.origin)
        headers = withoutAuthorization(headers)
      if (status === 303 && method === 'POST') {
        method = 'GET'
        body = undefined
      }
      current = next
    }
  }

  private async raw(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined
  ): Promise<IncomingMessage> {
    this.requestCount++
    try {
      const response = await this.client(url.protocol).request(
        method,
        url.href,
        body ?? null,
        headers
      )
      return response.message
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const detail = code ? `${code}` : (error as Error).message
      throw new RegistryError(
        'network',
        `Cannot reach ${url.host}: ${detail} (${method} ${redact(url)})`
      )
    }
  }

  private client(protocol: string): HttpClient {
    let client = this.clients.get(protocol)
    if (!client) {
      client = new HttpClient(this.options.userAgent, [ipv6Literals], {
        allowRedirects: false,
        allowRetries: false,
        keepAlive: true,
        socketTimeout: this.options.timeoutMs
      })
      this.clients.set(protocol, client)
    }
    return client
  }

  /** Closes kept-alive sockets so the process can exit. */
  dispose(): void {
    for (const client of this.clients.values()) client.dispose()
    this.clients.clear()
  }
}

/**
 * Reads a body up to `maxBytes`, stopping (and dropping the connection) as
 * soon as it is exceeded, and failing on a body shorter than Content-Length.
 */
export async function readCapped(
  message: IncomingMessage,
  maxBytes: number,
  what: string
): Promise<Buffer> {
  const declared = Number(message.headers['content-length'])
  const hasLength =
    message.headers['content-length'] !== undefined && Number.isFinite(declared)
  if (hasLength && declared > maxBytes) {
    message.destroy()
    throw new RegistryError(
      'too-large',
      `The ${what} is ${declared} bytes, more than the ${maxBytes}-byte limit`
    )
  }
  const chunks: Buffer[] = []
  let total = 0
  try {
    for await (const chunk of message) {
      const buffer = chunk as Buffer
      total += buffer.length
      if (total > maxBytes) {
        message.destroy()
        throw new RegistryError(
          'too-large',
          `The ${what} is larger than the ${maxBytes}-byte limit`
        )
      }
      chunks.push(buffer)
    }
  } catch (error) {
    if (error instanceof RegistryError) throw error
    throw new RegistryError(
      'network',
      `The connection broke while reading the ${what} (${(error as Error).message}, ${total} bytes received)`
    )
  }
  const encoded = message.headers['content-encoding']
  if (hasLength && !encoded && total !== declared) {
    throw new RegistryError(
      'integrity',
      `The ${what} was truncated: ${total} of ${declared} bytes arrived`
    )
  }
  return Buffer.concat(chunks, total)
}

/** The first `maxBytes` of a body (an error message); the rest is dropped unread. */
async function readPrefix(
  message: IncomingMessage,
  maxBytes: number
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  try {
    for await (const chunk of message) {
      chunks.push(chunk as Buffer)
      total += (chunk as Buffer).length
      if (total >= maxBytes) {
        message.destroy()
        break
      }
    }
  } catch {
    // A broken error body still leaves the status to report.
  }
  return Buffer.concat(chunks).subarray(0, maxBytes)
}

function withoutAuthorization(
  headers: Record<string, string>
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'authorization') out[name] = value
  }
  return out
}

/** A URL safe to show: no query (presigned URLs carry signatures there), no userinfo. */
export function redact(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`
}
