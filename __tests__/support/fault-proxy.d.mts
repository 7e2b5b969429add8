import type { IncomingMessage, ServerResponse } from 'node:http'

export interface ProxyLogEntry {
  method: string
  /** Path and query, as received. */
  url: string
  /** Lower-cased header names, as Node's IncomingMessage.headers. */
  headers: Record<string, string | string[] | undefined>
  /** Date.now() when the request arrived. */
  at: number
  /** Status sent to the client (for rewritten and replaced answers too). */
  status?: number
  /** Name (or path pattern) of the rule that applied, if any. */
  fault?: string
  /** Body bytes handed to the socket (rewritten and replaced answers). */
  bytesWritten: number
  /** The connection closed before the answer was complete. */
  closedEarly: boolean
  /** Resolves once the answer is finished or its connection closed. */
  done: Promise<void>
}

export interface UpstreamResponse {
  status: number
  /** Lower-cased names, hop-by-hop headers removed. */
  headers: Record<string, string | string[]>
  body: Buffer
  /** Send without Content-Length (chunked). Default: Content-Length = body.length. */
  chunked?: boolean
}

export type Reply = (
  req: IncomingMessage,
  res: ServerResponse,
  entry: ProxyLogEntry
) => void | Promise<void>

export interface FaultRule {
  /** Shown in the log entry's `fault`. */
  name?: string
  /** Exact pathname, or a pattern tested on the pathname (no query). */
  path: string | RegExp
  /** Only this method (e.g. 'GET'); default any. */
  method?: string
  /** Further condition on the request. */
  when?: (req: IncomingMessage) => boolean
  /**
   * Hold the request this long before forwarding or replying (slow headers);
   * nothing is sent if the client hangs up meanwhile.
   */
  delayMs?: number
  /** How many requests the rule applies to; default unlimited. */
  times?: number
  /** Forward to this path (and query) instead of the one asked for. */
  upstreamPath?: (url: string) => string
  /** Change the request headers forwarded (lower-cased names). */
  upstreamHeaders?: (
    headers: Record<string, string | string[]>
  ) => Record<string, string | string[]>
  /** Forward, buffer the upstream's answer and send this instead (Content-Length fixed). */
  rewrite?: (
    upstream: UpstreamResponse,
    req: IncomingMessage
  ) => UpstreamResponse | Promise<UpstreamResponse>
  /** Do not forward: answer with this instead. */
  reply?: Reply
}

export interface FaultProxy {
  /** '127.0.0.1:PORT' */
  host: string
  /** 'http://127.0.0.1:PORT' */
  url: string
  /** Every request received, in arrival order. */
  requests: ProxyLogEntry[]
  /** Adds a rule; the first matching rule applies. */
  fault(rule: FaultRule): void
  /** Drops all rules and clears the log. */
  reset(): void
  close(): Promise<void>
}

export function startFaultProxy(opts: { upstream: string }): Promise<FaultProxy>

export function slowBody(opts: {
  status?: number
  headers?: Record<string, string>
  total: number
  chunkSize?: number
  delayMs?: number
  contentLength?: boolean
  fill?: string
}): Reply

export function cutShort(opts: {
  status?: number
  headers?: Record<string, string>
  declared: number
  body: Buffer | string
}): Reply

export function fixed(opts: {
  status: number
  /** Static, or computed per request (e.g. a Retry-After date). */
  headers?:
    Record<string, string> | ((req: IncomingMessage) => Record<string, string>)
  body?: Buffer | string
}): Reply

/**
 * Kills the connection: before any answer, or with `afterHeaders` once the
 * headers (declaring `declared` bytes, default 1024) have been sent.
 */
export function reset(opts?: {
  afterHeaders?: boolean
  status?: number
  headers?: Record<string, string>
  declared?: number
}): Reply

/** Never answers; the request is held until the client hangs up. */
export function hang(): Reply
