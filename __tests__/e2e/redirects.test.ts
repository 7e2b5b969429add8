/**
 * Redirects over real sockets: what a token request, a blob request and a
 * plain Transport request carry (or refuse to carry) to another origin, where
 * a redirect may not go at all, and how many hops are followed. Real
 * Distribution sits behind the fault proxy; small node:http servers play the
 * token realm, "another origin" and hop chains, and record every request.
 */
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  test
} from '@jest/globals'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import tls from 'node:tls'
import { buildImage, pushImage, type BuiltImage } from '../support/fixtures.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import {
  fixed,
  startFaultProxy,
  type FaultProxy,
  type FaultRule
} from '../support/fault-proxy.mjs'
import { pathOf } from '../support/expect.js'
import {
  blobPath,
  failure,
  inspect,
  manifestPath,
  rejection
} from '../support/inspect.js'
import { UserError } from '../../src/errors.js'
import type { ImageInfo } from '../../src/image/model.js'
import type { Credentials } from '../../src/registry/auth/docker-config.js'
import { RegistryError } from '../../src/registry/errors.js'
import { Transport, type SendOptions } from '../../src/registry/transport.js'

const SECRET = 'refresh-SECRET-123'
const CREDS: Credentials = {
  username: 'alice',
  password: '',
  identityToken: SECRET
}
/** The secret as the token GET fallback sends it (Basic alice:SECRET). */
const SECRET_BASIC = Buffer.from(`alice:${SECRET}`).toString('base64')
const TOKEN = 'token-from-the-realm-0123456789'

interface Seen {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

type Handler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: string
) => void

/** A local server that records every request (with its body) and answers through `handle`. */
interface Recorder {
  /** 'http://127.0.0.1:PORT' (also its origin) */
  url: string
  seen: Seen[]
  handle: Handler
  reset(): void
  close(): Promise<void>
}

const notFound: Handler = (_req, res) =>
  text(res, 404, 'text/html', '<html><body>nothing here</body></html>')

function text(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string
): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body)
  })
  res.end(body)
}

function redirect(
  res: http.ServerResponse,
  status: number,
  location: string
): void {
  res.writeHead(status, { location, 'content-length': '0' })
  res.end()
}

const tokenAnswer = (res: http.ServerResponse): void =>
  text(
    res,
    200,
    'application/json',
    JSON.stringify({ token: TOKEN, expires_in: 300 })
  )

function recordingHandler(r: { seen: Seen[]; handle: Handler }) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      r.seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: { ...req.headers },
        body
      })
      r.handle(req, res, body)
    })
  }
}

function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })
}

async function recorder(): Promise<Recorder> {
  const r = {
    seen: [] as Seen[],
    handle: notFound,
    url: '',
    reset() {
      r.seen.length = 0
      r.handle = notFound
    },
    close: (): Promise<void> => closeServer(server)
  }
  const server = http.createServer(recordingHandler(r))
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return r
}

/** Everything a request showed the server, as one string to search. */
const everything = (s: Seen): string => JSON.stringify(s)

describe('redirects of token and blob requests (Distribution, no auth, behind the fault proxy)', () => {
  let reg: RunningRegistry
  let proxy: FaultProxy
  let image: BuiltImage
  /** The token realm the challenge names. */
  let realm: Recorder
  /** Another origin (same host, another port). */
  let other: Recorder

  beforeAll(async () => {
    reg = await startRegistry({ auth: 'none' })
    proxy = await startFaultProxy({ upstream: reg.url })
    image = buildImage({ config: { Labels: { redirects: 'yes' } } })
    await pushImage(reg, 'acme/app', 'v1', image)
    realm = await recorder()
    other = await recorder()
  })
  afterAll(async () => {
    await realm?.close()
    await other?.close()
    await proxy?.close()
    await reg?.stop()
  })
  beforeEach(() => {
    proxy.reset()
    reg.resetLogs()
    realm.reset()
    other.reset()
  })

  /** The registry asks for a Bearer token from `realm` until it gets one. */
  const challenge = (): FaultRule => ({
    name: 'challenge',
    path: manifestPath('acme/app', 'v1'),
    when: (req) => req.headers.authorization === undefined,
    reply: fixed({
      status: 401,
      headers: {
        'content-type': 'application/json',
        'www-authenticate': `Bearer realm="${realm.url}/token",service="s"`
      },
      body: '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}'
    })
  })

  /** The form the realm got in the refresh-token POST: the secret was there to leak. */
  const expectRefreshPost = (seen: Seen | undefined): void => {
    expect(seen?.method).toBe('POST')
    expect(seen?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded'
    )
    const form = new URLSearchParams(seen?.body)
    expect(form.get('grant_type')).toBe('refresh_token')
    expect(form.get('refresh_token')).toBe(SECRET)
  }

  describe('the refresh-token POST redirected to another origin', () => {
    // 307 and 308 keep the method and the body: the refresh token would go along.
    // prettier-ignore
    test.each([
      { name: '307 Temporary Redirect', status: 307 },
      { name: '308 Permanent Redirect', status: 308 }
    ])('$name: refused, nothing sent to the other origin', async ({ status }) => {
      proxy.fault(challenge())
      realm.handle = (_req, res) => redirect(res, status, `${other.url}/token`)
      const message = await failure(
        inspect(proxy.host, 'acme/app:v1', { credentials: CREDS })
      )
      expect(message).toBe(
        `Cannot inspect ${proxy.host}/acme/app:v1: Refusing a redirect of the token response from ${realm.url} to another origin (${other.url}): the request body (for a token request, the refresh token) must not leave ${realm.url}`
      )
      expect(other.seen).toEqual([])
      expect(realm.seen).toHaveLength(1)
      expectRefreshPost(realm.seen[0])
      // nothing more went to the registry either
      expect(proxy.requests.map((r) => r.status)).toEqual([401])
    })

    // 301, 302 and 303 turn the POST into a GET without its body.
    // prettier-ignore
    test.each([
      { name: '301 Moved Permanently', status: 301 },
      { name: '302 Found',             status: 302 },
      { name: '303 See Other',         status: 303 }
    ])('$name: becomes a GET that carries no body, no Authorization, no refresh token', async ({ status }) => {
      proxy.fault(challenge())
      // every request to the realm (the POST, and any token GET after it) is sent away
      realm.handle = (_req, res) => redirect(res, status, `${other.url}/elsewhere`)
      const outcome = await inspect(proxy.host, 'acme/app:v1', { credentials: CREDS }).then(
        () => undefined,
        (e: unknown) => e
      )
      expectRefreshPost(realm.seen[0])
      expect(other.seen.length).toBeGreaterThan(0)
      expect(other.seen[0]).toMatchObject({ method: 'GET', url: '/elsewhere', body: '' })
      for (const seen of other.seen) {
        expect(seen.method).toBe('GET')
        expect(seen.body).toBe('')
        expect(seen.headers.authorization).toBeUndefined()
        expect(seen.headers.cookie).toBeUndefined()
        expect(seen.headers['content-type']).toBeUndefined()
        expect(everything(seen)).not.toContain(SECRET)
        expect(everything(seen)).not.toContain(SECRET_BASIC)
      }
      // The other origin answered junk, so no token came of it; whatever
      // the step said, the secret is not in it.
      expect(outcome).toBeInstanceOf(UserError)
      expect((outcome as Error).message).not.toContain(SECRET)
    })
  })

  // On the realm's own origin a 307/308 keeps the POST and its form; the
  // others turn it into a GET without the body, as for another origin.
  // method: the one the redirected request uses
  // prettier-ignore
  test.each([
    { name: '307 keeps the POST and its body',      status: 307, method: 'POST' },
    { name: '308 keeps the POST and its body',      status: 308, method: 'POST' },
    { name: '302 turns it into a GET without body', status: 302, method: 'GET' },
    { name: '303 turns it into a GET without body', status: 303, method: 'GET' }
  ])('a same-origin redirect of the refresh-token POST: $name', async ({ status, method }) => {
    proxy.fault(challenge())
    realm.handle = (req, res) => {
      if (pathOf({ url: req.url ?? '' }) === '/token') redirect(res, status, '/token/again')
      else if (pathOf({ url: req.url ?? '' }) === '/token/again') tokenAnswer(res)
      else notFound(req, res, '')
    }
    const info = await inspect(proxy.host, 'acme/app:v1', { credentials: CREDS })
    expect(info.configDigest).toBe(image.configDigest)
    expect(realm.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST /token',
      `${method} /token/again`
    ])
    expectRefreshPost(realm.seen[0])
    if (method === 'POST') {
      expect(realm.seen[1].body).toBe(realm.seen[0].body)
      expect(realm.seen[1].headers['content-type']).toBe(realm.seen[0].headers['content-type'])
    } else {
      expect(realm.seen[1].body).toBe('')
      expect(everything(realm.seen[1])).not.toContain(SECRET)
    }
    expect(other.seen).toEqual([])
    // the token the realm gave is the one the registry got
    const retried = proxy.requests.filter((r) => r.headers.authorization !== undefined)
    expect(retried.map(pathOf)).toEqual([
      manifestPath('acme/app', 'v1'),
      blobPath('acme/app', image.configDigest)
    ])
    expect(retried[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  // A registry may send a blob anywhere; never to the runner's metadata
  // service, whatever the spelling, and without even trying to connect.
  describe('a config blob redirected to a link-local or metadata address', () => {
    const TIMEOUT_MS = 10_000

    // prettier-ignore
    const targets: { name: string; status: number; location: string }[] = [
      { name: '169.254.169.254',                       status: 307, location: 'http://169.254.169.254/x' },
      { name: '169.254.169.254 as one decimal number', status: 302, location: 'http://2852039166/x' },
      { name: '169.254.169.254 as dotted octal',       status: 307, location: 'http://0251.0376.0251.0376/x' },
      { name: '169.254.169.254 as one hex number',     status: 301, location: 'https://0xa9fea9fe/latest/meta-data/' },
      { name: '169.254.169.254, scheme-relative',      status: 307, location: '//169.254.169.254/x' },
      { name: 'IPv4-mapped IPv6',                      status: 307, location: 'http://[::ffff:a9fe:a9fe]/x' },
      { name: 'IPv4-mapped IPv6, dotted',              status: 308, location: 'https://[::ffff:169.254.169.254]/x' },
      { name: 'IPv6 link-local',                       status: 307, location: 'http://[fe80::1]/x' },
      { name: 'metadata.google.internal',              status: 302, location: 'http://metadata.google.internal/x' },
      { name: 'METADATA.GOOGLE.INTERNAL.',             status: 303, location: 'https://METADATA.GOOGLE.INTERNAL./computeMetadata/v1/' },
      { name: 'NAT64',                                 status: 307, location: 'http://[64:ff9b::a9fe:a9fe]/x' },
      { name: '6to4',                                  status: 307, location: 'https://[2002:a9fe:a9fe::1]/x' },
      { name: 'AWS IPv6 metadata',                     status: 307, location: 'http://[fd00:ec2::254]/latest/' },
      { name: 'Alibaba metadata',                      status: 307, location: 'http://100.100.100.200/latest/' },
      { name: '0.0.0.0',                               status: 307, location: 'http://0.0.0.0:80/x' }
    ]

    test.each(targets)(
      '$name: refused before any connection',
      async ({ status, location }) => {
        const digest = image.configDigest
        proxy.fault({
          path: blobPath('acme/app', digest),
          reply: fixed({ status, headers: { location } })
        })
        const transport = new Transport({
          retry: { retries: 0 },
          timeoutMs: TIMEOUT_MS
        })
        const before = transport.requestCount
        let message: string
        try {
          message = await failure(
            inspect(proxy.host, 'acme/app:v1', { transport })
          )
        } finally {
          transport.dispose()
        }
        const shown = new URL(location, `${proxy.url}/`).origin
        expect(message).toBe(
          `Cannot inspect ${proxy.host}/acme/app:v1: Refusing a redirect of the config blob to ${shown}: link-local and metadata addresses are not allowed`
        )
        // every request the transport made went to the proxy: the manifest and the blob
        expect(proxy.requests.map(pathOf)).toEqual([
          manifestPath('acme/app', 'v1'),
          blobPath('acme/app', digest)
        ])
        // no request (so no connection attempt) beyond those two
        expect(transport.requestCount - before).toBe(proxy.requests.length)
      }
    )
  })

  // Each hop to the other origin and back counts; the limit holds across origins.
  it('gives up after 5 hops bouncing between two origins, having made exactly 6 blob requests', async () => {
    const digest = image.configDigest
    const LIMIT = 5
    const bounce =
      (to: string) => (req: http.IncomingMessage, res: http.ServerResponse) => {
        const n = Number(/\/hop\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0)
        redirect(res, 302, `${to}/hop/${n + 1}`)
      }
    proxy.fault({
      path: blobPath('acme/app', digest),
      reply: bounce(other.url)
    })
    proxy.fault({ path: /^\/hop\/\d+$/, reply: bounce(other.url) })
    other.handle = bounce(proxy.url)
    const transport = new Transport({ retry: { retries: 0 } })
    let message: string
    try {
      message = await failure(inspect(proxy.host, 'acme/app:v1', { transport }))
    } finally {
      transport.dispose()
    }
    expect(message).toBe(
      `Cannot inspect ${proxy.host}/acme/app:v1: Too many redirects: more than ${LIMIT} hops (the limit) fetching the config blob from ${proxy.url}${blobPath('acme/app', digest)}`
    )
    const blobRequests = proxy.requests.filter(
      (r) => pathOf(r) !== manifestPath('acme/app', 'v1')
    )
    expect(blobRequests.length + other.seen.length).toBe(LIMIT + 1)
    expect(other.seen.map((s) => s.url)).toEqual(['/hop/1', '/hop/3', '/hop/5'])
    expect(transport.requestCount).toBe(
      proxy.requests.length + other.seen.length
    )
  })
})

describe('a blob redirect through another origin to the CDN (token registry)', () => {
  let reg: RunningRegistry
  let proxy: FaultProxy
  let image: BuiltImage
  /** Another origin that relays the blob request on to the CDN. */
  let relay: Recorder
  /** Where the registry itself sends the config blob (its CDN, presigned-style). */
  let cdnLocation: string

  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token', redirect: true })
    proxy = await startFaultProxy({ upstream: reg.url })
    image = buildImage({ config: { Labels: { via: 'cdn' } } })
    await pushImage(reg, 'acme/app', 'v1', image)
    relay = await recorder()
    const token = reg.mintToken!([
      { type: 'repository', name: 'acme/app', actions: ['pull'] }
    ])
    cdnLocation = await new Promise<string>((resolve, reject) => {
      http
        .get(
          `${reg.url}${blobPath('acme/app', image.configDigest)}`,
          { headers: { authorization: `Bearer ${token}` } },
          (res) => {
            res.resume()
            const location = res.headers.location
            if (res.statusCode === 307 && location) resolve(location)
            else reject(new Error(`no CDN redirect: ${res.statusCode}`))
          }
        )
        .on('error', reject)
    })
    expect(new URL(cdnLocation).origin).toBe(reg.cdn!.url)
  })
  afterAll(async () => {
    await relay?.close()
    await proxy?.close()
    await reg?.stop()
  })
  beforeEach(() => {
    proxy.reset()
    reg.resetLogs()
    relay.reset()
  })

  // The existing single-hop check lives in protocol.test.ts ("keeps the token
  // off another port"); here the blob crosses two origins before the CDN.
  // first: the registry's redirect to the other origin; second: the other
  // origin's redirect to the CDN
  // prettier-ignore
  test.each([
    { name: '307 then 307', first: 307, second: 307 },
    { name: '302 then 308', first: 302, second: 308 },
    { name: '308 then 303', first: 308, second: 303 }
  ])('$name: neither the other origin nor the CDN sees the token', async ({ first, second }) => {
    const digest = image.configDigest
    proxy.fault({
      path: blobPath('acme/app', digest),
      reply: fixed({ status: first, headers: { location: `${relay.url}/relay/${digest}` } })
    })
    relay.handle = (_req, res) => redirect(res, second, cdnLocation)
    const transport = new Transport({ retry: { retries: 0 } })
    let info: ImageInfo
    try {
      info = await inspect(proxy.host, 'acme/app:v1', { transport })
    } finally {
      transport.dispose()
    }
    expect(info.configDigest).toBe(digest)
    expect(info.config.labels).toEqual([['via', 'cdn']])
    // there was a token to leak: the registry-side blob request carried it
    const blobGet = proxy.requests.find((r) => pathOf(r) === blobPath('acme/app', digest))
    expect(blobGet?.headers.authorization).toMatch(/^Bearer /)
    expect(relay.seen).toHaveLength(1)
    expect(relay.seen[0]).toMatchObject({ method: 'GET', url: `/relay/${digest}`, body: '' })
    expect(relay.seen[0].headers.authorization).toBeUndefined()
    const cdn = reg.cdn!.requests
    expect(cdn).toHaveLength(1)
    expect(cdn[0].method).toBe('GET')
    expect(cdn[0].headers.authorization).toBeUndefined()
    // every request accounted for: registry side, token server, relay, CDN
    expect(transport.requestCount).toBe(
      proxy.requests.length + reg.token!.requests.length + relay.seen.length + cdn.length
    )
  })
})

/** Two recording origins, fresh for each test of a describe block. */
function twoOrigins(): { a: Recorder; b: Recorder } {
  const both = {} as { a: Recorder; b: Recorder }
  beforeAll(async () => {
    both.a = await recorder()
    both.b = await recorder()
  })
  afterAll(async () => {
    await both.a?.close()
    await both.b?.close()
  })
  beforeEach(() => {
    both.a.reset()
    both.b.reset()
  })
  return both
}

describe('credential headers across origins (Transport.send)', () => {
  const origins = twoOrigins()

  const CREDENTIALS = {
    Authorization: 'Bearer registry-token-123',
    Cookie: 'session=cookie-456',
    'Proxy-Authorization': 'Basic cHJveHk6cGFzcw=='
  }
  const ok: Handler = (_req, res) => text(res, 200, 'text/plain', 'ok')

  interface HeaderRow {
    name: string
    /** The status of A's redirect of /start. */
    status: number
    /** Where A sends /start: B's /end, A's own /end, or B's /back (which sends it to A's /end). */
    where: 'other' | 'same' | 'round'
    /** The requests, in order. */
    order: string[]
    /** Whether the last request still carries the credentials. */
    kept: boolean
  }
  // prettier-ignore
  const rows: HeaderRow[] = [
    { name: '301 to another origin',          status: 301, where: 'other', order: ['A /start', 'B /end'],            kept: false },
    { name: '302 to another origin',          status: 302, where: 'other', order: ['A /start', 'B /end'],            kept: false },
    { name: '303 to another origin',          status: 303, where: 'other', order: ['A /start', 'B /end'],            kept: false },
    { name: '307 to another origin',          status: 307, where: 'other', order: ['A /start', 'B /end'],            kept: false },
    { name: '308 to another origin',          status: 308, where: 'other', order: ['A /start', 'B /end'],            kept: false },
    { name: '307 on the same origin',         status: 307, where: 'same',  order: ['A /start', 'A /end'],            kept: true },
    { name: '302 on the same origin',         status: 302, where: 'same',  order: ['A /start', 'A /end'],            kept: true },
    // dropped once, they stay dropped, even back on the origin they belong to
    { name: '307 there and back (A → B → A)', status: 307, where: 'round', order: ['A /start', 'B /back', 'A /end'], kept: false }
  ]

  test.each(rows)('$name', async ({ status, where, order, kept }) => {
    const { a, b } = origins
    const log: { who: string; seen: Seen }[] = []
    const track =
      (who: string, r: Recorder, handle: Handler): Handler =>
      (req, res, body) => {
        log.push({ who, seen: r.seen[r.seen.length - 1] })
        handle(req, res, body)
      }
    const location = {
      other: `${b.url}/end`,
      same: '/end',
      round: `${b.url}/back`
    }[where]
    a.handle = track('A', a, (req, res, body) =>
      req.url === '/start'
        ? redirect(res, status, location)
        : ok(req, res, body)
    )
    b.handle = track('B', b, (req, res, body) =>
      req.url === '/back'
        ? redirect(res, 307, `${a.url}/end`)
        : ok(req, res, body)
    )
    const transport = new Transport({ retry: { retries: 0 } })
    const options: SendOptions = {
      headers: { ...CREDENTIALS, 'X-Trace': 'trace-789' },
      maxBytes: 1024,
      what: 'config blob'
    }
    try {
      const response = await transport.send(new URL(`${a.url}/start`), options)
      expect(response.status).toBe(200)
      expect(response.url.pathname).toBe('/end')
    } finally {
      transport.dispose()
    }
    expect(log.map((l) => `${l.who} ${l.seen.url}`)).toEqual(order)
    const first = log[0].seen.headers
    expect([
      first.authorization,
      first.cookie,
      first['proxy-authorization']
    ]).toEqual(Object.values(CREDENTIALS))
    const last = log[log.length - 1].seen.headers
    expect([
      last.authorization,
      last.cookie,
      last['proxy-authorization']
    ]).toEqual(
      kept ? Object.values(CREDENTIALS) : [undefined, undefined, undefined]
    )
    // other origins never see them; other headers go everywhere
    for (const seen of b.seen) {
      expect(seen.headers.authorization).toBeUndefined()
      expect(seen.headers.cookie).toBeUndefined()
      expect(seen.headers['proxy-authorization']).toBeUndefined()
    }
    for (const { seen } of log)
      expect(seen.headers['x-trace']).toBe('trace-789')
  })
})

// protocol.test.ts ("over https") covers a manifest and a blob redirected
// from https to http, through the bundled action in a child process; the
// token requests are covered here, through the Transport. The client trusts
// the CAs Node had at start, and jest's process.env is not the one node:tls
// reads, so the runner's trust in this server's certificate is emulated in
// tls.connect: its CA is added for connections to this server's port only
// (what NODE_EXTRA_CA_CERTS would do); verification stays on.
describe('a token request over https redirected to plain http', () => {
  let dir: string
  let server: https.Server
  let httpsUrl: string
  let other: Recorder
  const state = { seen: [] as Seen[], handle: notFound }
  const connect = tls.connect

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redirects-tls-'))
    // prettier-ignore
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
      { stdio: ['ignore', 'pipe', 'pipe'] })
    const cert = fs.readFileSync(path.join(dir, 'cert.pem'))
    server = https.createServer(
      { key: fs.readFileSync(path.join(dir, 'key.pem')), cert },
      recordingHandler(state)
    )
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as AddressInfo).port
    httpsUrl = `https://localhost:${port}`
    other = await recorder()
    const trusting = (...args: unknown[]): tls.TLSSocket => {
      const [options] = args
      if (
        typeof options === 'object' &&
        options !== null &&
        Number((options as tls.ConnectionOptions).port) === port
      ) {
        args[0] = { ...options, ca: cert }
      }
      return (connect as (...a: unknown[]) => tls.TLSSocket)(...args)
    }
    tls.connect = trusting as typeof tls.connect
  })
  afterAll(async () => {
    tls.connect = connect
    if (server) await closeServer(server)
    await other?.close()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    state.seen.length = 0
    state.handle = notFound
    other.reset()
  })

  /** What the Authenticator sends: the refresh-token POST, or the token GET with Basic. */
  const request = (method: 'POST' | 'GET'): SendOptions =>
    method === 'POST'
      ? {
          method,
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: SECRET,
            scope: 'repository:acme/app:pull'
          }).toString(),
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json'
          },
          maxBytes: 1024 * 1024,
          what: 'token response'
        }
      : {
          headers: {
            Accept: 'application/json',
            Authorization: `Basic ${SECRET_BASIC}`
          },
          maxBytes: 1024 * 1024,
          what: 'token response'
        }

  // method: the token request's; status: the realm's redirect (undefined:
  // the realm answers itself)
  // prettier-ignore
  test.each([
    { name: 'the https realm answers (TLS works here)', method: 'POST', status: undefined },
    { name: 'POST 307 to http',                         method: 'POST', status: 307 },
    { name: 'POST 308 to http',                         method: 'POST', status: 308 },
    { name: 'POST 302 to http (would become a GET)',    method: 'POST', status: 302 },
    { name: 'POST 303 to http (would become a GET)',    method: 'POST', status: 303 },
    { name: 'token GET 302 to http',                    method: 'GET',  status: 302 },
    { name: 'token GET 307 to http',                    method: 'GET',  status: 307 }
  ] as const)('$name', async ({ method, status }) => {
    state.handle = (_req, res) =>
      status === undefined ? tokenAnswer(res) : redirect(res, status, `${other.url}/token`)
    const transport = new Transport({ retry: { retries: 0 } })
    try {
      const send = transport.send(new URL(`${httpsUrl}/token`), request(method))
      if (status === undefined) {
        const response = await send
        expect(response.status).toBe(200)
        expect(JSON.parse(response.body.toString()).token).toBe(TOKEN)
      } else {
        const error = await rejection(send)
        expect(error).toBeInstanceOf(RegistryError)
        expect((error as RegistryError).kind).toBe('security')
        expect((error as Error).message).toBe(
          `Refusing a redirect of the token response to ${other.url}: that would step down from https to plain http`
        )
      }
    } finally {
      transport.dispose()
    }
    // the https realm got the request (with its secret); plain http got nothing
    expect(state.seen.map((s) => `${s.method} ${s.url}`)).toEqual([`${method} /token`])
    expect(everything(state.seen[0])).toContain(method === 'POST' ? SECRET : SECRET_BASIC)
    expect(other.seen).toEqual([])
  })
})

describe('the redirect limit (Transport.send)', () => {
  const origins = twoOrigins()

  interface LimitRow {
    name: string
    /** The Transport's maxRedirects (undefined: the default). */
    maxRedirects: number | undefined
    /** The redirects the chain makes. */
    redirects: number
    /** Whether the chain alternates between the two origins. */
    alternate: boolean
  }
  // prettier-ignore
  const rows: LimitRow[] = [
    { name: 'an endless chain, default limit',        maxRedirects: undefined, redirects: Infinity, alternate: false },
    { name: 'an endless chain across two origins',    maxRedirects: undefined, redirects: Infinity, alternate: true },
    { name: 'an endless chain, maxRedirects 2',       maxRedirects: 2,         redirects: Infinity, alternate: false },
    { name: 'an endless chain, maxRedirects 0',       maxRedirects: 0,         redirects: Infinity, alternate: false },
    { name: '6 redirects, default limit',             maxRedirects: undefined, redirects: 6,        alternate: false },
    { name: 'exactly 5 redirects, default limit',     maxRedirects: undefined, redirects: 5,        alternate: false },
    { name: 'exactly 5 redirects across two origins', maxRedirects: undefined, redirects: 5,        alternate: true },
    { name: 'exactly 2 redirects, maxRedirects 2',    maxRedirects: 2,         redirects: 2,        alternate: false }
  ]

  test.each(rows)('$name', async ({ maxRedirects, redirects, alternate }) => {
    const { a, b } = origins
    const limit = maxRedirects ?? 5
    const hop: Handler = (req, res) => {
      const n = Number(/^\/hop\/(\d+)$/.exec(req.url ?? '')?.[1])
      if (n >= redirects) return text(res, 200, 'text/plain', `done after ${n}`)
      const next = alternate && n % 2 === 0 ? b.url : a.url
      redirect(res, 302, `${next}/hop/${n + 1}`)
    }
    a.handle = hop
    b.handle = hop
    const transport = new Transport({ retry: { retries: 0 }, maxRedirects })
    const start = new URL(`${a.url}/hop/0`)
    const send = transport.send(start, { maxBytes: 1024, what: 'config blob' })
    try {
      if (redirects > limit) {
        const error = await rejection(send)
        expect(error).toBeInstanceOf(RegistryError)
        expect((error as RegistryError).kind).toBe('protocol')
        expect((error as Error).message).toBe(
          `Too many redirects: more than ${limit} hops (the limit) fetching the config blob from ${start.href}`
        )
      } else {
        const response = await send
        expect(response.status).toBe(200)
        expect(response.body.toString()).toBe(`done after ${redirects}`)
      }
    } finally {
      transport.dispose()
    }
    const made = Math.min(redirects, limit) + 1
    expect(a.seen.length + b.seen.length).toBe(made)
    expect(transport.requestCount).toBe(made)
    const urls = [...a.seen, ...b.seen].map((s) => s.url).sort()
    expect(urls).toEqual(
      Array.from({ length: made }, (_, n) => `/hop/${n}`).sort()
    )
  })
})
