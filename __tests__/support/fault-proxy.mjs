// A small fault-injecting HTTP proxy for protocol tests: it forwards to an
// upstream (the test registry's url) and, per request, by method and path
// pattern, can rewrite the upstream's answer or replace it entirely.
// Node built-ins only; loopback only.
import http from 'node:http'
import { pipeline } from 'node:stream'

import { HOP_BY_HOP } from './registry.mjs'

function readBody(stream) {
  return new Promise((resolve, reject) => {
    const chunks = []
    stream.on('data', (c) => chunks.push(c))
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Waits `ms`, or less if the client hangs up first. */
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

/** Request headers as sent (repeated ones kept), hop-by-hop ones dropped. */
function forwardHeaders(req) {
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

function responseHeaders(headers) {
  const out = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value
  }
  return out
}

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

export async function startFaultProxy({ upstream }) {
  const base = new URL(upstream)
  const agent = new http.Agent({ keepAlive: true })
  const requests = []
  let rules = []

  /** Forwards req upstream; resolves with the upstream's IncomingMessage. */
  const forward = (req, body, rule) =>
    new Promise((resolve, reject) => {
      let headers = forwardHeaders(req)
      if (rule?.upstreamHeaders) headers = rule.upstreamHeaders(headers)
      const preq = http.request({
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: rule?.upstreamPath ? rule.upstreamPath(req.url) : req.url,
        headers,
        agent
      })
      preq.on('response', resolve)
      preq.on('error', reject)
      preq.end(body)
    })

  const server = http.createServer(async (req, res) => {
    const pathname = new URL(req.url, 'http://proxy.invalid').pathname
    let closed
    let gone = false
    const entry = {
      method: req.method,
      url: req.url,
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
          pres.statusCode,
          pres.statusMessage,
          responseHeaders(pres.headers)
        )
        pipeline(pres, res, () => {})
        return
      }
      const original = {
        status: pres.statusCode,
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
      res.end('fault proxy error: ' + err.message)
    }
  })

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.unref()
  server.on('connection', (socket) => socket.unref())
  const { port } = server.address()

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
      await new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      agent.destroy()
    }
  }
}

/**
 * A reply that sends `total` bytes of `fill` in `chunkSize` pieces, pausing
 * `delayMs` between them and waiting for the socket to drain, so the count in
 * entry.bytesWritten says how far the client read before it hung up.
 * With `contentLength: true` the length is declared, else the body is chunked.
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
        await new Promise((r) => {
          // both listeners go once either fires: a long body waits many times
          const done = () => {
            res.off('drain', done)
            res.off('close', done)
            r()
          }
          res.once('drain', done)
          res.once('close', done)
        })
      }
      await sleep(delayMs)
    }
    if (!gone && !res.destroyed) res.end()
  }
}

/** A reply that declares `declared` bytes, sends `body`, then kills the socket. */
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
 * line and headers (declaring `declared` body bytes) have gone out.
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
 */
export function hang() {
  return (_req, res) =>
    new Promise((resolve) => {
      if (res.destroyed) return resolve()
      res.once('close', resolve)
    })
}
