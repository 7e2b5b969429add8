/**
 * The HTTP layer every registry request goes through: @actions/http-client
 * underneath, with our own redirect rules (every hop passes the URL policy;
 * no credentials or body across origins), retries with backoff and
 * Retry-After, per-request and overall deadlines, and capped body reads.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { finished } from 'node:stream/promises'
import { HttpClient } from '@actions/http-client'
import { RegistryError, type Remedy } from './errors.js'
import { formatWait } from '../text/duration.js'
import { UrlPolicy } from './url-policy.js'

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
  /** Once only, whatever the answer (a connection warm-up). */
  noRetry?: boolean
  /**
   * On connections of its own: a check beside the main work (a digest
   * pin's HEAD) never takes the kept-alive connection that work waits for.
   */
  background?: boolean
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number
  /** First backoff; doubles each retry, with full jitter. */
  baseDelayMs: number
  maxDelayMs: number
  /** A longer Retry-After fails at once instead of waiting. */
  maxRetryAfterMs: number
}

export interface RetryEvent {
  attempt: number
  retries: number
  delayMs: number
  reason: string
  url: string
}

export interface ExchangeEvent {
  method: string
  /** Without its query (presigned URLs carry secrets there). */
  url: string
  status?: number
  ms: number
  /** No answer: a network error, a timeout or a cancel. */
  failed?: boolean
}

export interface TransportOptions {
  userAgent?: string
  /** Where requests may go; by default https anywhere, http on loopback. */
  policy?: UrlPolicy
  /** Limit for one request, headers and body together (a trickling body counts). */
  timeoutMs?: number
  maxRedirects?: number
  retry?: Partial<RetryPolicy>
  /** Epoch ms after which nothing new is started (the step's time budget). */
  deadline?: number
  onRetry?: (event: RetryEvent) => void
  /** Each exchange (one hop), for the debug log: never a query or a header. */
  onExchange?: (event: ExchangeEvent) => void
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000
}

/** Statuses that say "try again": timeouts, rate limits, server trouble. */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504])
/** Failures worth another attempt; integrity and security ones are not. */
const RETRY_KINDS = new Set(['network', 'timeout'])

type RequestHandler = NonNullable<
  ConstructorParameters<typeof HttpClient>[1]
>[number]

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
/** Error bodies are only read for their message; more is cut off. */
const MAX_ERROR_BODY = 64 * 1024

/**
 * Per-request socket options: http-client connects to `url.hostname`, which
 * keeps the brackets of an IPv6 literal (`[::1]`) and so fails to resolve;
 * and names are resolved through the policy's guarded lookup.
 */
function connectOptions(policy: UrlPolicy): RequestHandler {
  return {
    prepareRequest(options) {
      const host = options.host
      if (
        typeof host === 'string' &&
        host.startsWith('[') &&
        host.endsWith(']')
      ) {
        options.host = host.slice(1, -1)
      }
      ;(options as { lookup?: unknown }).lookup = policy.lookup
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => {
      throw new Error('not used')
    }
  }
}

export class Transport {
  /**
   * One client per protocol and lane (main or background): http-client
   * caches a single agent, its pool of kept-alive sockets, per client.
   */
  private readonly clients = new Map<string, HttpClient>()
  private readonly timeoutMs: number
  private readonly maxRedirects: number
  private readonly retry: RetryPolicy
  /** Requests sent, including redirect hops and retries. */
  requestCount = 0
  readonly policy: UrlPolicy

  constructor(private readonly options: TransportOptions = {}) {
    this.policy = options.policy ?? new UrlPolicy()
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.maxRedirects = options.maxRedirects ?? 5
    this.retry = { ...DEFAULT_RETRY, ...options.retry }
  }

  /**
   * Sends a request, following redirects, and retries GET/HEAD on network
   * failures, timeouts, 408, 429 and 5xx. Other answers are returned as they
   * are for the caller to judge.
   */
  async send(url: URL, options: SendOptions): Promise<HttpResponse> {
    this.assertOpen()
    const method = options.method ?? 'GET'
    const idempotent = method === 'GET' || method === 'HEAD'
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse | undefined
      let failure: RegistryError | undefined
      try {
        response = await this.sendOnce(url, options)
        if (!RETRY_STATUSES.has(response.status)) return response
      } catch (error) {
        if (!(error instanceof RegistryError)) throw error
        if (!RETRY_KINDS.has(error.kind)) throw error
        failure = error
      }
      const last =
        !idempotent || options.noRetry || attempt >= this.retry.retries
      const waitMs = response ? retryAfterMs(response.headers) : undefined
      if (waitMs !== undefined && waitMs > this.retry.maxRetryAfterMs) {
        throw new RegistryError(
          'rate-limit',
          `${url.host} answered ${response!.status} and asks to wait ${waitMs >= MAX_RETRY_AFTER_MS ? 'a year or more' : `${formatWait(waitMs)} (until ${new Date(Date.now() + waitMs).toISOString()})`}, longer than the ${formatWait(this.retry.maxRetryAfterMs)} this step waits`,
          response!.status,
          [],
          options.what,
          'wait-longer'
        )
      }
      if (last) {
        if (response) return response
        throw attempt > 0
          ? new RegistryError(
              failure!.kind,
              `${failure!.message} (gave up after ${attempt + 1} attempts)`
            )
          : failure!
      }
      const backoff = Math.min(
        this.retry.maxDelayMs,
        this.retry.baseDelayMs * 2 ** attempt
      )
      const delayMs =
        waitMs ?? Math.round(backoff * (this.options.random ?? Math.random)())
      const deadline = this.options.deadline
      if (deadline !== undefined && Date.now() + delayMs >= deadline) {
        if (response) return response
        throw failure!
      }
      this.options.onRetry?.({
        attempt: attempt + 1,
        retries: this.retry.retries,
        delayMs,
        reason: response ? `HTTP ${response.status}` : failure!.message,
        url: redact(url)
      })
      await (this.options.sleep ?? sleep)(delayMs)
      this.assertOpen()
    }
  }

  private closed = false

  /** Stops everything: in-flight requests fail, new ones are refused. */
  close(): void {
    this.closed = true
    this.dispose()
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new RegistryError('cancelled', 'The request was cancelled')
    }
  }

  /**
   * One attempt: the request and its redirects, bodies read under a
   * deadline. Every hop passes the URL policy; a hop to another origin
   * carries no credentials, and a request body (a refresh token) never
   * goes to another origin at all.
   */
  private async sendOnce(
    url: URL,
    options: SendOptions
  ): Promise<HttpResponse> {
    let current = url
    let headers = { ...options.headers }
    let method = options.method ?? 'GET'
    let body = options.body
    this.policy.check(url, `to send the ${options.what} request to`)
    for (let hop = 0; ; hop++) {
      const response = await this.traced(method, current, () =>
        this.exchange(method, current, headers, body, options)
      )
      if (response.location === undefined) return response.result
      if (hop >= this.maxRedirects) {
        throw new RegistryError(
          'protocol',
          `Too many redirects: more than ${this.maxRedirects} hops (the limit) fetching the ${options.what} from ${redact(url)}`
        )
      }
      let next: URL
      try {
        next = new URL(response.location, current)
      } catch {
        throw new RegistryError(
          'protocol',
          `${current.host} redirected the ${options.what} to something that is not a URL`
        )
      }
      this.policy.check(next, `a redirect of the ${options.what} to`, current)
      // 303 (and, as browsers do, 301/302 of a POST) turns into a GET.
      const status = response.result.status
      if (method === 'POST' && status !== 307 && status !== 308) {
        method = 'GET'
        body = undefined
        headers = withoutHeaders(headers, ['content-type'])
      }
      if (next.origin !== current.origin) {
        if (body !== undefined) {
          throw new RegistryError(
            'security',
            `Refusing a redirect of the ${options.what} from ${current.origin} to another origin (${next.origin}): the request body (for a token request, the refresh token) must not leave ${current.origin}`
          )
        }
        // Credentials belong to the origin that asked for them; a CDN or
        // S3 rejects them and must never see them.
        headers = withoutHeaders(headers, CREDENTIAL_HEADERS)
      }
      current = next
    }
  }

  /** One exchange, reported (method, URL without its query, status, time). */
  private async traced<T extends { result: HttpResponse }>(
    method: string,
    url: URL,
    exchange: () => Promise<T>
  ): Promise<T> {
    const report = this.options.onExchange
    if (!report) return exchange()
    const started = Date.now()
    try {
      const response = await exchange()
      report({
        method,
        url: redact(url),
        status: response.result.status,
        ms: Date.now() - started
      })
      return response
    } catch (error) {
      report({
        method,
        url: redact(url),
        ms: Date.now() - started,
        failed: true
      })
      throw error
    }
  }

  /**
   * One HTTP exchange with a hard deadline over headers and body: a server
   * that trickles bytes is as stalled as one that sends nothing.
   */
  private async exchange(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
    options: SendOptions
  ): Promise<{ result: HttpResponse; location?: string }> {
    const deadline = this.options.deadline
    const left = deadline === undefined ? Infinity : deadline - Date.now()
    const budget = Math.min(this.timeoutMs, left)
    if (budget <= 0) {
      throw new RegistryError(
        'timeout',
        `The overall time limit ran out before fetching the ${options.what} from ${url.host}`
      )
    }
    let message: IncomingMessage | undefined
    let timedOut = false
    let onTimeout: (() => void) | undefined
    const timer = setTimeout(() => {
      timedOut = true
      message?.destroy()
      onTimeout?.()
    }, budget)
    const timeoutError = (): RegistryError =>
      new RegistryError(
        'timeout',
        left < this.timeoutMs
          ? `The overall time limit ran out while fetching the ${options.what} from ${url.host} (${method} ${redact(url)})`
          : `${url.host} did not answer the ${options.what} request within ${formatWait(budget)} (${method} ${redact(url)})`
      )
    try {
      const pending = this.raw(method, url, headers, body, options.background)
      message = await new Promise<IncomingMessage>((resolve, reject) => {
        onTimeout = () => reject(timeoutError())
        pending.then((m) => {
          // Too late: drop it rather than leave a socket busy.
          if (timedOut) m.destroy()
          else resolve(m)
        }, reject)
      })
      const answer = await readAnswer(method, url, message, options)
      if (timedOut) throw timeoutError()
      return answer
    } catch (error) {
      if (
        timedOut &&
        !(error instanceof RegistryError && error.kind === 'timeout')
      ) {
        throw timeoutError()
      }
      throw error
    } finally {
      clearTimeout(timer)
      // A request that lost the race must not keep a socket busy.
      if (timedOut) message?.destroy()
    }
  }

  private async raw(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
    background = false
  ): Promise<IncomingMessage> {
    this.requestCount++
    try {
      const response = await this.client(url.protocol, background).request(
        method,
        url.href,
        body ?? null,
        headers
      )
      return response.message
    } catch (error) {
      // The guarded lookup's refusal (a name resolving to link-local).
      if (error instanceof RegistryError) throw error
      const code = (error as NodeJS.ErrnoException).code
      const detail = code ? `${code}` : (error as Error).message
      // No such name: asking again gets the same answer (EAI_AGAIN, a
      // resolver that did not answer, stays a network failure and is retried).
      if (code === 'ENOTFOUND') {
        const name = (error as { hostname?: unknown }).hostname
        throw new RegistryError(
          'unresolved',
          this.unresolved(method, url, typeof name === 'string' ? name : '')
        )
      }
      const tls = tlsProblem(code, url)
      if (tls) {
        throw new RegistryError(
          'tls',
          `${tls.problem} (${code})`,
          undefined,
          [],
          undefined,
          tls.remedy
        )
      }
      throw new RegistryError(
        'network',
        `Cannot reach ${url.host}: ${detail} (${method} ${redact(url)})`
      )
    }
  }

  /**
   * Why nothing was sent to a name DNS says does not exist (`name`, from
   * the error: a proxy's when one is in the way), and whose it is to fix.
   */
  private unresolved(method: string, url: URL, name: string): string {
    const host = name || url.hostname
    const problem = `${host} does not resolve (ENOTFOUND)`
    return host === url.hostname && this.policy.isNamed(url.host)
      ? `${problem}: check the registry name`
      : `${problem} (${method} ${redact(url)}): not a registry the inputs name; check this runner's DNS and proxy settings, or ask the registry's owner`
  }

  private client(protocol: string, background: boolean): HttpClient {
    this.assertOpen()
    const lane = background ? `${protocol} background` : protocol
    let client = this.clients.get(lane)
    if (!client) {
      client = new HttpClient(
        this.options.userAgent ?? 'remote-image-inspect',
        [connectOptions(this.policy)],
        {
          allowRedirects: false,
          allowRetries: false,
          keepAlive: true,
          socketTimeout: this.timeoutMs
        }
      )
      this.clients.set(lane, client)
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
 * The rest of an exchange once the headers are in: a redirect's location
 * (its body drained unread), or the body as far as the caller wants it.
 */
async function readAnswer(
  method: string,
  url: URL,
  message: IncomingMessage,
  options: SendOptions
): Promise<{ result: HttpResponse; location?: string }> {
  const status = message.statusCode ?? 0
  const location = message.headers.location
  if (REDIRECT_STATUSES.has(status) && location !== undefined) {
    message.resume()
    return {
      result: { status, headers: message.headers, body: Buffer.alloc(0), url },
      location
    }
  }
  if (method === 'HEAD') {
    // No body: once the answer has ended, its connection is free for the
    // next request (which would otherwise open another).
    await finished(message.resume()).catch(() => undefined)
    return {
      result: { status, headers: message.headers, body: Buffer.alloc(0), url }
    }
  }
  const ok = status >= 200 && status < 300
  const data = ok
    ? await readCapped(message, options.maxBytes, options.what)
    : await readPrefix(message, MAX_ERROR_BODY)
  return { result: { status, headers: message.headers, body: data, url } }
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
  const encoded = message.headers['content-encoding']
  // A known length is read into one buffer: no second copy to join chunks,
  // which halves the memory a large body costs while it is read.
  const into = hasLength && !encoded ? Buffer.allocUnsafe(declared) : undefined
  const chunks: Buffer[] = []
  let total = 0
  try {
    for await (const chunk of message) {
      const buffer = chunk as Buffer
      if (total + buffer.length > maxBytes) {
        message.destroy()
        throw new RegistryError(
          'too-large',
          `The ${what} is larger than the ${maxBytes}-byte limit`
        )
      }
      if (!into) chunks.push(buffer)
      else if (total + buffer.length > into.length) {
        // Node's parser frames by Content-Length; this cannot happen.
        throw new RegistryError(
          'protocol',
          `The ${what} is longer than its Content-Length`
        )
      } else buffer.copy(into, total)
      total += buffer.length
    }
  } catch (error) {
    if (error instanceof RegistryError) throw error
    throw new RegistryError(
      'network',
      hasLength
        ? `The ${what} was truncated: ${total} of ${declared} bytes arrived before the connection broke`
        : `The connection broke while reading the ${what} (${(error as Error).message}, ${total} bytes received)`
    )
  }
  if (hasLength && !encoded && total !== declared) {
    throw new RegistryError(
      'network',
      `The ${what} was truncated: ${total} of ${declared} bytes arrived`
    )
  }
  return into ? into : Buffer.concat(chunks, total)
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

/** A wait longer than this is as good as forever; larger values are capped. */
const MAX_RETRY_AFTER_MS = 365 * 24 * 3600 * 1000

/**
 * RFC 9110 HTTP-date: IMF-fixdate, or the obsolete RFC 850 and asctime
 * forms. Checked before Date.parse, which would read "1.5" as a year.
 */
const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110),
 * at most a year; anything else is ignored (the usual backoff applies).
 */
export function retryAfterMs(
  headers: IncomingHttpHeaders,
  now: number = Date.now()
): number | undefined {
  const value = headers['retry-after']
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) {
    return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS)
  }
  if (!HTTP_DATE.test(text)) return undefined
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS)
}

/**
 * TLS failures are not transient: say what they mean instead of retrying.
 * A plain-http server answering a TLS handshake shows up as EPROTO.
 */
function tlsProblem(
  code: string | undefined,
  url: URL
): { problem: string; remedy?: Remedy } | undefined {
  if (!code || url.protocol !== 'https:') return undefined
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return {
      problem: `${url.host} does not speak https here`,
      remedy: 'allow-http'
    }
  }
  if (
    code.startsWith('CERT_') ||
    code.startsWith('ERR_TLS_CERT') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN'
  ) {
    return {
      problem: `${url.host} presented a TLS certificate this runner does not trust. Add its CA to the runner (NODE_EXTRA_CA_CERTS) rather than turning verification off`
    }
  }
  return undefined
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Headers that carry credentials and must not cross origins. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization']

function withoutHeaders(
  headers: Record<string, string>,
  names: string[]
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!names.includes(name.toLowerCase())) out[name] = value
  }
  return out
}

/** A URL safe to show: no query (presigned URLs carry signatures there), no userinfo. */
export function redact(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`
}
