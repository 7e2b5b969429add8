/**
 * A recording front for the test token server: logs every request with its
 * body (the harness logs no bodies), forwards it, and can play registries
 * whose token servers differ (GCR refusing the OAuth2 POST, short lifetimes).
 */
import http, { type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readBody } from './http.mjs'

export interface FrontRequest {
  method: string
  /** Path and query, as received. */
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export interface TokenFront {
  /** 'http://127.0.0.1:PORT' */
  url: string
  /** url + the upstream's realm path */
  realm: string
  requests: FrontRequest[]
  /** Answer every POST with this status (and an OAuth2 error body). */
  refusePost?: number
  /** Change the Authorization header of a GET before forwarding it. */
  mapAuthorization?: (value: string | undefined) => string | undefined
  /** Change the JSON of a successful token answer. */
  mapAnswer?: (body: Record<string, unknown>) => Record<string, unknown>
  /** Clears the log and every option. */
  reset(): void
  close(): Promise<void>
}

export async function startTokenFront(realm: string): Promise<TokenFront> {
  const upstream = new URL(realm)
  const agent = new http.Agent({ keepAlive: true })
  const front: TokenFront = {
    url: '',
    realm: '',
    requests: [],
    reset() {
      front.requests.length = 0
      front.refusePost = undefined
      front.mapAuthorization = undefined
      front.mapAnswer = undefined
    },
    close: async () => undefined
  }
  const server = http.createServer(async (req, res) => {
    const body = await readBody(req)
    front.requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: { ...req.headers },
      body: body.toString('utf8')
    })
    const send = (status: number, text: Buffer | string, type: string) => {
      res.writeHead(status, {
        'content-type': type,
        'content-length': String(Buffer.byteLength(text))
      })
      res.end(text)
    }
    if (req.method === 'POST' && front.refusePost !== undefined) {
      return send(
        front.refusePost,
        '{"error":"unsupported_grant_type"}',
        'application/json'
      )
    }
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'connection')
        headers[name] = value
    }
    if (req.method === 'GET' && front.mapAuthorization) {
      const mapped = front.mapAuthorization(headers.authorization)
      if (mapped === undefined) delete headers.authorization
      else headers.authorization = mapped
    }
    const preq = http.request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers,
      agent
    })
    preq.on('response', async (pres) => {
      let answer = await readBody(pres)
      if (pres.statusCode === 200 && front.mapAnswer) {
        answer = Buffer.from(
          JSON.stringify(
            front.mapAnswer(
              JSON.parse(answer.toString('utf8')) as Record<string, unknown>
            )
          )
        )
      }
      send(
        pres.statusCode ?? 502,
        answer,
        String(pres.headers['content-type'] ?? 'application/json')
      )
    })
    preq.on('error', (err) => send(502, String(err), 'text/plain'))
    preq.end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  server.unref()
  server.on('connection', (socket) => socket.unref())
  const { port } = server.address() as AddressInfo
  front.url = `http://127.0.0.1:${port}`
  front.realm = `${front.url}${upstream.pathname}`
  front.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
      agent.destroy()
    })
  return front
}
