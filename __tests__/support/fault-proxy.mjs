// A small fault-injecting HTTP proxy for protocol tests: it forwards to an
// upstream (the test registry's url) and, per request, by method and path
// pattern, can rewrite the upstream's answer or replace it entirely.
// Node built-ins only; loopback only.
import http from 'node:http'
import { pipeline } from 'node:stream'

import { readBody } from './http.mjs'
import { HOP_BY_HOP } from './registry.mjs'

/**
 * @import { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
 * @import { AddressInfo } from 'node:net'
 */

/**
 * @typedef {object} ProxyLogEntry
 * @property {string} method
 * @property {string} url Path and query, as received.
 * @property {Record<string, string | string[] | undefined>} headers
 *   Lower-cased header names, as Node's IncomingMessage.headers.
 * @property {number} at Date.now() when the request arrived.
 * @property {number} [status] Status sent to the client (for rewritten and replaced answers too).
 * @property {string} [fault] Name (or path pattern) of the rule that applied, if any.
 * @property {number} bytesWritten Body bytes handed to the socket (rewritten and replaced answers).
 * @property {boolean} closedEarly The connection closed before the answer was complete.
 * @property {Promise<void>} done Resolves once the answer is finished or its connection closed.
 */

/**
 * @typedef {object} UpstreamResponse
 * @property {number} status
 * @property {Record<string, string | string[]>} headers Lower-cased names, hop-by-hop headers removed.
 * @property {Buffer} body
 * @property {boolean} [chunked] Send without Content-Length (chunked). Default: Content-Length = body.length.
 */

/**
 * An answer in place of the upstream's.
 * @typedef {(req: IncomingMessage, res: ServerResponse, entry: ProxyLogEntry) => void | Promise<void>} Reply
 */

/**
 * @typedef {object} FaultRule
 * @property {string} [name] Shown in the log entry's `fault`.
 * @property {string | RegExp} path Exact pathname, or a pattern tested on the pathname (no query).
 * @property {string} [method] Only this method (e.g. 'GET'); default any.
 * @property {(req: IncomingMessage) => boolean} [when] Further condition on the request.
 * @property {number} [delayMs]
 *   Hold the request this long before forwarding or replying (slow headers);
 *   nothing is sent if the client hangs up meanwhile.
 * @property {number} [times] How many requests the rule applies to; default unlimited.
 * @property {(url: string) => string} [upstreamPath] Forward to this path (and query) instead of the one asked for.
 * @property {(headers: Record<string, string | string[]>) => Record<string, string | string[]>} [upstreamHeaders]
 *   Change the request headers forwarded (lower-cased names).
 * @property {(upstream: UpstreamResponse, req: IncomingMessage) => UpstreamResponse | Promise<UpstreamResponse>} [rewrite]
 *   Forward, buffer the upstream's answer and send this instead (Content-Length fixed).
 * @property {Reply} [reply] Do not forward: answer with this instead.
 */

/**
 * @typedef {object} FaultProxy
 * @property {string} host '127.0.0.1:PORT'
 * @property {string} url 'http://127.0.0.1:PORT'
 * @property {ProxyLogEntry[]} requests Every request received, in arrival order.
 * @property {(rule: FaultRule) => void} fault Adds a rule; the first matching rule applies.
 * @property {() => void} reset Drops all rules and clears the log.
 * @property {() => Promise<void>} close
 */

/**
 * A rule as stored: with how many requests it has applied to.
 * @typedef {FaultRule & { used?: number }} ActiveRule
 */

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * Waits `ms`, or less if the client hangs up first.
 * @param {ServerResponse} res
 * @param {number} ms
 * @returns {Promise<void>}
 */
function waitOrClose(res, ms) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      res.off('close', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    timer.unref?.()
    res.once('close', done)
  })
}

/**
 * Request headers as sent (repeated ones kept), hop-by-hop ones dropped.
 * @param {IncomingMessage} req
 */
function forwardHeaders(req) {
  /** @type {Record<string, string | string[]>} lower-cased names */
  const headers = {}
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase()
    if (HOP_BY_HOP.has(name)) continue
    const value = req.rawHeaders[i + 1]
    const prev = headers[name]
    headers[name] = prev === undefined ? value : [prev].flat().concat(value)
  }
  return headers
}

/** @param {IncomingHttpHeaders} headers */
function responseHeaders(headers) {
  /** @type {Record<string, string | string[]>} */
  const out = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value
  }
  return out
}

/**
 * @param {ActiveRule} rule
 * @param {IncomingMessage} req
 * @param {string} pathname
 */
function matches(rule, req, pathname) {
  if (rule.method && rule.method !== req.method) return false
  const ok =
    typeof rule.path === 'string'
      ? pathname === rule.path
      : rule.path.test(pathname)
  if (!ok) return false
  if (rule.when && !rule.when(req)) return false
  return (rule.used ?? 0) < (rule.times ?? Infinity)
}

/**
 * @param {object} opts
 * @param {string} opts.upstream the registry's url
 * @returns {Promise<FaultProxy>}
 */
export async function startFaultProxy({ upstream }) {
  const base = new URL(upstream)
  const agent = new http.Agent({ keepAlive: true })
  /** @type {ProxyLogEntry[]} */
  const requests = []
  /** @type {ActiveRule[]} */
  let rules = []

  /**
   * Forwards req upstream; resolves with the upstream's IncomingMessage.
   * @param {IncomingMessage} req
   * @param {Buffer} body
   * @param {ActiveRule} [rule]
   * @returns {Promise<IncomingMessage>}
   */
  const forward = (req, body, rule) =>
    new Promise((resolve, reject) => {
      let headers = forwardHeaders(req)
      if (rule?.upstreamHeaders) headers = rule.upstreamHeaders(headers)
      const preq = http.request({
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: rule?.upstreamPath ? rule.upstreamPath(req.url ?? '') : req.url,
        headers,
        agent
      })
      preq.on('response', resolve)
      preq.on('error', reject)
      preq.end(body)
    })

  const server = http.createServer(async (req, res) => {
    const pathname = new URL(req.url ?? '', 'http://proxy.invalid').pathname
    /** @type {() => void} */
    let closed
    let gone = false
    /** @type {ProxyLogEntry} */
    const entry = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: { ...req.headers },
      at: Date.now(),
      bytesWritten: 0,
      closedEarly: false,
      done: new Promise((r) => (closed = r))
    }
    requests.push(entry)
    res.on('close', () => {
      gone = true
      entry.closedEarly = !res.writableFinished
      closed()
    })
    const rule = rules.find((r) => matches(r, req, pathname))
    if (rule) {
      rule.used = (rule.used ?? 0) + 1
      entry.fault = rule.name ?? String(rule.path)
    }
    try {
      const body = await readBody(req)
      if (rule?.delayMs) {
        await waitOrClose(res, rule.delayMs)
        if (gone) return
      }
      if (rule?.reply) {
        await rule.reply(req, res, entry)
        return
      }
      const pres = await forward(req, body, rule)
      if (!rule?.rewrite) {
        entry.status = pres.statusCode
        res.writeHead(
          pres.statusCode ?? 502,
          pres.statusMessage,
          responseHeaders(pres.headers)
        )
        pipeline(pres, res, () => {})
        return
      }
      /** @type {UpstreamResponse} */
      const original = {
        status: pres.statusCode ?? 502,
        headers: responseHeaders(pres.headers),
        body: await readBody(pres)
      }
      const out = await rule.rewrite(
        { ...original, headers: { ...original.headers } },
        req
      )
      const headers = { ...out.headers }
      delete headers['content-length']
      if (!out.chunked) headers['content-length'] = String(out.body.length)
      entry.status = out.status
      res.writeHead(out.status, headers)
      res.end(out.body)
      entry.bytesWritten = out.body.length
    } catch (err) {
      if (res.headersSent) {
        res.destroy()
        return
      }
      res.writeHead(502, { 'content-type': 'text/plain' })
      res.end('fault proxy error: ' + /** @type {Error} */ (err).message)
    }
  })

  await /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  )
  server.unref()
  server.on('connection', (socket) => socket.unref())
  const { port } = /** @type {AddressInfo} */ (server.address())

  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    fault(rule) {
      rules.push({ ...rule, used: 0 })
    },
    reset() {
      rules = []
      requests.length = 0
    },
    async close() {
      await /** @type {Promise<void>} */ (
        new Promise((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
      )
      agent.destroy()
    }
  }
}

/**
 * A reply that sends `total` bytes of `fill` in `chunkSize` pieces, pausing
 * `delayMs` between them and waiting for the socket to drain, so the count in
 * entry.bytesWritten says how far the client read before it hung up.
 * With `contentLength: true` the length is declared, else the body is chunked.
 * @param {object} opts
 * @param {number} [opts.status] Default 200.
 * @param {Record<string, string>} [opts.headers]
 * @param {number} opts.total
 * @param {number} [opts.chunkSize] Default 64 KiB.
 * @param {number} [opts.delayMs] Default 1.
 * @param {boolean} [opts.contentLength] Default false.
 * @param {string} [opts.fill] Default ' '.
 * @returns {Reply}
 */
export function slowBody({
  status = 200,
  headers = {},
  total,
  chunkSize = 64 * 1024,
  delayMs = 1,
  contentLength = false,
  fill = ' '
}) {
  return async (_req, res, entry) => {
    const head = { ...headers }
    if (contentLength) head['content-length'] = String(total)
    entry.status = status
    res.writeHead(status, head)
    let gone = false
    res.once('close', () => (gone = true))
    const chunk = Buffer.alloc(chunkSize, fill)
    let sent = 0
    while (sent < total && !gone && !res.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunkSize, total - sent))
      const flushed = res.write(piece)
      sent += piece.length
      entry.bytesWritten = sent
      if (!flushed && !gone) {
        await /** @type {Promise<void>} */ (
          new Promise((r) => {
            // both listeners go once either fires: a long body waits many times
            const done = () => {
              res.off('drain', done)
              res.off('close', done)
              r()
            }
            res.once('drain', done)
            res.once('close', done)
          })
        )
      }
      await sleep(delayMs)
    }
    if (!gone && !res.destroyed) res.end()
  }
}

/**
 * A reply that declares `declared` bytes, sends `body`, then kills the socket.
 * @param {object} opts
 * @param {number} [opts.status] Default 200.
 * @param {Record<string, string>} [opts.headers]
 * @param {number} opts.declared
 * @param {Buffer | string} opts.body
 * @returns {Reply}
 */
export function cutShort({ status = 200, headers = {}, declared, body }) {
  return async (_req, res, entry) => {
    entry.status = status
    res.writeHead(status, {
      ...headers,
      'content-length': String(declared)
    })
    res.write(body)
    entry.bytesWritten = body.length
    await sleep(20)
    res.destroy()
  }
}

/**
 * A reply with a fixed status, headers and body (Content-Length set).
 * `headers` may be a function, called per request (e.g. for a date).
 * @param {object} opts
 * @param {number} opts.status
 * @param {Record<string, string> | ((req: IncomingMessage) => Record<string, string>)} [opts.headers]
 *   Static, or computed per request (e.g. a Retry-After date).
 * @param {Buffer | string} [opts.body]
 * @returns {Reply}
 */
export function fixed({ status, headers = {}, body = '' }) {
  return (req, res, entry) => {
    const buf = Buffer.from(body)
    const head = typeof headers === 'function' ? headers(req) : headers
    entry.status = status
    res.writeHead(status, { ...head, 'content-length': String(buf.length) })
    res.end(buf)
    entry.bytesWritten = buf.length
  }
}

/**
 * A reply that kills the connection: at once, before any answer (the client
 * sees ECONNRESET / socket hang up), or with `afterHeaders` once the status
 * line and headers (declaring `declared` body bytes, default 1024) have gone
 * out.
 * @param {object} [opts]
 * @param {boolean} [opts.afterHeaders] Default false.
 * @param {number} [opts.status] Default 200.
 * @param {Record<string, string>} [opts.headers]
 * @param {number} [opts.declared] Default 1024.
 * @returns {Reply}
 */
export function reset({
  afterHeaders = false,
  status = 200,
  headers = {},
  declared = 1024
} = {}) {
  return async (req, res, entry) => {
    if (!afterHeaders) {
      req.socket.destroy()
      return
    }
    entry.status = status
    res.writeHead(status, { ...headers, 'content-length': String(declared) })
    res.flushHeaders()
    await sleep(20)
    req.socket.destroy()
  }
}

/**
 * A reply that never answers: the request is held until the client hangs up
 * (or the proxy closes), so only the client's own timeout can end it.
 * @returns {Reply}
 */
export function hang() {
  return (_req, res) =>
    new Promise((resolve) => {
      if (res.destroyed) return resolve()
      res.once('close', resolve)
    })
}
