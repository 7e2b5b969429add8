// Throw-away Docker Registry (CNCF Distribution 2.8, Debian `docker-registry`)
// for tests and local scripts: one temp dir, one process, loopback only.
//
// Layout of a running instance:
//   client -> logging proxy (public port, `url`) -> docker-registry (private)
//   token server (auth 'token')          CDN server (redirect: true)
// The proxy exists so tests can count requests and inspect their headers.
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import { execFileSync, spawn } from 'node:child_process'
import {
  X509Certificate,
  createHash,
  createPrivateKey,
  randomBytes,
  sign
} from 'node:crypto'
import { pipeline } from 'node:stream'
import { bcryptHash } from './bcrypt.mjs'
import { readBody } from './http.mjs'

/**
 * @import { ChildProcess } from 'node:child_process'
 * @import { KeyObject } from 'node:crypto'
 * @import { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
 * @import { AddressInfo, Socket } from 'node:net'
 * @import { Readable } from 'node:stream'
 */

/** @typedef {'none' | 'token' | 'htpasswd'} AuthMode */

/**
 * @typedef {object} RegistryUser
 * @property {string} username
 * @property {string} password
 */

/**
 * @typedef {object} RegistryOptions
 * @property {AuthMode} [auth] Default 'none'.
 * @property {boolean} [redirect] Blob GETs (and HEADs) answer 307 to a local "CDN" server.
 * @property {RegistryUser[]} [users] Default [{ username: 'alice', password: 's3cret' }].
 * @property {string} [service] Token service name (JWT aud). Default 'registry.test'.
 * @property {string} [tokenPath] Path of the token realm on the token server. Default '/token'.
 * @property {string[]} [anonymousPull]
 * @property {string} [advertise] The host name clients are given for the registry, its token realm and its CDN
 *   (default 127.0.0.1; `localhost` lets ../shared/tools/rtt put them a round trip away). The servers listen on 127.0.0.1.
 *   Repositories anonymous users may pull (globs, '*' matches anything).
 *   Default ['*']. Other repositories need credentials.
 */

/**
 * @typedef {object} RequestLogEntry
 * @property {string} method
 * @property {string} url Path and query, as received.
 * @property {Record<string, string | string[] | undefined>} headers
 *   Lower-cased header names, as Node's IncomingMessage.headers.
 * @property {number} [status] Registry response status, filled in once it answered (proxy log).
 * @property {number} connection The client's port: requests on one connection share it.
 */

/**
 * @typedef {object} TokenAccess
 * @property {string} type
 * @property {string} name
 * @property {string[]} actions
 */

/**
 * @typedef {object} MintTokenOptions
 * @property {number} [expiresIn] Seconds from now; negative for an expired token. Default 300.
 * @property {string} [subject] JWT sub. Default ''.
 * @property {string} [audience] JWT aud. Default: the service name.
 * @property {string} [issuer] JWT iss. Default 'test-issuer' (the one the registry trusts).
 */

/**
 * @typedef {object} RunningRegistry
 * @property {string} host '127.0.0.1:PORT' of the registry (the logging proxy in front of it).
 * @property {string} url 'http://127.0.0.1:PORT'
 * @property {object} [token] Token server (auth 'token').
 * @property {string} token.url 'http://127.0.0.1:PORT'
 * @property {string} token.realm Full realm URL as advertised in WWW-Authenticate.
 * @property {string} token.service
 * @property {RequestLogEntry[]} token.requests
 * @property {object} [cdn] Redirect target for blobs (redirect: true).
 * @property {string} cdn.url
 * @property {RequestLogEntry[]} cdn.requests
 * @property {RequestLogEntry[]} requests
 *   Every request that reached the registry, in arrival order. Requests made
 *   by the harness itself (pushBlob/pushManifest) are not logged.
 * @property {() => void} resetLogs Clears requests, token.requests and cdn.requests.
 * @property {string} storageRoot Filesystem storage root of this registry.
 * @property {(digest: string) => string} blobPath
 *   Path of a blob's data file under storageRoot (to corrupt or delete).
 * @property {() => string} logs Recent docker-registry output, for debugging.
 * @property {(repo: string, bytes: Buffer | string) => Promise<string>} pushBlob
 *   Monolithic upload (POST + PUT ?digest=); returns 'sha256:…'.
 * @property {(repo: string, ref: string, bytes: Buffer | string, mediaType: string) => Promise<string>} pushManifest
 *   PUT the exact bytes under ref (tag or digest) with this Content-Type.
 *   Returns the digest, checked against the registry's Docker-Content-Digest.
 * @property {(access: TokenAccess[], opts?: MintTokenOptions) => string} [mintToken]
 *   Sign a token the registry trusts, with arbitrary access (auth 'token').
 * @property {() => Promise<void>} stop
 *   Kill the registry, close the servers, remove the temp dir. Idempotent.
 */

const REGISTRY_BIN = process.env.TEST_REGISTRY_BIN || 'docker-registry'
const ISSUER = 'test-issuer'
const START_TIMEOUT_MS = 15000
const DIR_PREFIX = 'test-registry-'
// Marks the harness's own pushes so they stay out of `requests`.
const HARNESS_HEADER = 'x-test-harness'
/** Headers that belong to one connection, not to the message (RFC 9110). */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade'
])

// ---------------------------------------------------------------------------
// Leftover-process safety net: kill children and remove temp dirs when the
// process exits or is interrupted, even if a test never called stop().
// Nothing here holds the event loop open (servers and child are unref'd), so
// a forgotten stop() cannot hang jest or a script; it is reported instead.

/**
 * A started registry's process and temp dir, until it is stopped.
 * @typedef {{ dir: string, child?: ChildProcess, url?: string }} Instance
 */

/** @type {Set<Instance>} */
const live = new Set()
/** @type {NodeJS.Signals[]} */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP']

function onExit() {
  if (live.size > 0) {
    const urls = [...live].map((i) => i.url ?? i.dir).join(', ')
    process.stderr.write(
      `test registry never stopped, killed at exit: ${urls}\n`
    )
  }
  cleanupSync()
}

function cleanupSync() {
  for (const inst of live) {
    try {
      inst.child?.kill('SIGKILL')
    } catch {
      // already gone
    }
    fs.rmSync(inst.dir, { recursive: true, force: true })
  }
  live.clear()
  unhook()
}

/** @param {NodeJS.Signals} signal */
function onSignal(signal) {
  cleanupSync()
  // Re-raise so the default action (terminate) still happens, unless
  // someone else is handling this signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
}

function hook() {
  process.on('exit', onExit)
  for (const s of SIGNALS) process.on(s, onSignal)
}

function unhook() {
  process.off('exit', onExit)
  for (const s of SIGNALS) process.off(s, onSignal)
}

/** @param {Instance} inst */
function track(inst) {
  if (live.size === 0) hook()
  live.add(inst)
}

/** @param {Instance} inst */
function untrack(inst) {
  live.delete(inst)
  if (live.size === 0) unhook()
}

// ---------------------------------------------------------------------------
// Small helpers

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {AddressInfo} */ (srv.address())
      srv.close(() => resolve(port))
    })
  })
}

/**
 * Listens on a free loopback port; the server no longer holds the event loop.
 * @param {http.Server} server
 * @returns {Promise<number>} the port
 */
function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      server.unref()
      server.on('connection', (socket) => socket.unref())
      resolve(/** @type {AddressInfo} */ (server.address()).port)
    })
  })
}

/**
 * @param {http.Server} server
 * @returns {Promise<void>}
 */
function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve())
    // close() alone waits for idle keep-alive sockets.
    server.closeAllConnections()
  })
}

/**
 * @param {IncomingMessage} req a request received by one of our servers
 * @returns {RequestLogEntry}
 */
function logEntry(req) {
  return {
    method: req.method ?? '',
    url: req.url ?? '',
    headers: { ...req.headers },
    connection: req.socket.remotePort ?? 0
  }
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} obj
 * @param {OutgoingHttpHeaders} [headers]
 */
function sendJson(res, status, obj, headers = {}) {
  const body = JSON.stringify(obj)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers
  })
  res.end(body)
}

/**
 * @typedef {object} RequestInit
 * @property {string} [method] Default 'GET'.
 * @property {OutgoingHttpHeaders} [headers]
 * @property {Buffer | string} [body]
 * @property {http.Agent | false} [agent]
 */

/**
 * Plain node:http request; resolves with status, headers and full body.
 * @param {string | URL} url
 * @param {RequestInit} [init]
 * @returns {Promise<{ status: number, headers: IncomingHttpHeaders, body: Buffer }>}
 */
function request(url, { method = 'GET', headers = {}, body, agent } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      readBody(res).then(
        (buf) =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: buf
          }),
        reject
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * 'sha256:<hex>' of the bytes (a string is hashed as UTF-8).
 * @param {Buffer | string} bytes
 * @returns {string}
 */
export function sha256(bytes) {
  return 'sha256:' + createHash('sha256').update(bytes).digest('hex')
}

/** @param {string} glob */
const globToRegExp = (glob) =>
  new RegExp(
    '^' +
      glob
        .split('*')
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$'
  )

// ---------------------------------------------------------------------------
// Token issuer key: one RSA key + self-signed cert per process (keygen is the
// slowest part of a start, ~0.1-0.5 s).

/** @typedef {{ certPem: string, certDer: string, privateKey: KeyObject }} IssuerKey */

/** @type {IssuerKey | undefined} */
let issuerKey
/** @returns {IssuerKey} */
function tokenIssuerKey() {
  if (issuerKey) return issuerKey
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-token-key-'))
  try {
    const keyFile = path.join(dir, 'key.pem')
    const certFile = path.join(dir, 'cert.pem')
    execFileSync(
      'openssl',
      // prettier-ignore
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile,
        '-out', certFile, '-days', '2', '-subj', '/CN=test-token-issuer'],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    const certPem = fs.readFileSync(certFile, 'utf8')
    issuerKey = {
      certPem,
      // x5c wants base64 (not base64url) DER.
      certDer: new X509Certificate(certPem).raw.toString('base64'),
      privateKey: createPrivateKey(fs.readFileSync(keyFile))
    }
    return issuerKey
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** @param {unknown} v */
const b64url = (v) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** @param {Record<string, unknown>} claims */
function signJwt(claims) {
  const key = tokenIssuerKey()
  const header = { typ: 'JWT', alg: 'RS256', x5c: [key.certDer] }
  const input = b64url(header) + '.' + b64url(claims)
  const sig = sign('sha256', Buffer.from(input), key.privateKey)
  return input + '.' + sig.toString('base64url')
}

// "repository:foo/bar:pull,push" -> { type, name, actions }. Names never
// contain ':' but the type may carry a class, e.g. "repository(plugin)".
/**
 * @param {string} scope
 * @returns {TokenAccess | undefined}
 */
function parseScope(scope) {
  const parts = scope.split(':')
  if (parts.length < 3) return undefined
  return {
    type: parts[0],
    name: parts.slice(1, -1).join(':'),
    actions: parts[parts.length - 1].split(',').filter(Boolean)
  }
}

// ---------------------------------------------------------------------------
// Token server (Docker token protocol, GET and OAuth2 POST flavours)

/**
 * Every option, defaults filled in.
 * @typedef {Required<RegistryOptions>} ResolvedOptions
 */

/** @param {ResolvedOptions} o */
function createTokenServer(o) {
  /** @type {RequestLogEntry[]} */
  const requests = []
  /** @type {Map<string, RegistryUser>} refresh token → user */
  const refreshTokens = new Map()
  const anonymous = o.anonymousPull.map(globToRegExp)
  /**
   * @param {string | null} username
   * @param {string | null} password
   */
  const findUser = (username, password) =>
    o.users.find((u) => u.username === username && u.password === password)

  /**
   * @param {RegistryUser | undefined} user
   * @param {string[]} scopes
   * @returns {TokenAccess[]}
   */
  const grant = (user, scopes) => {
    /** @type {Map<string, TokenAccess>} */
    const byKey = new Map()
    for (const raw of scopes) {
      const s = parseScope(raw)
      if (!s) continue
      const isRepo = s.type.replace(/\(.*\)$/, '') === 'repository'
      // Logged-in users may do anything they ask; anonymous users may only
      // pull repositories matched by anonymousPull.
      const allowed = user
        ? s.actions
        : isRepo && anonymous.some((re) => re.test(s.name))
          ? s.actions.filter((a) => a === 'pull')
          : []
      if (allowed.length === 0) continue
      const key = s.type + ':' + s.name
      const prev = byKey.get(key)
      if (prev) {
        for (const a of allowed)
          if (!prev.actions.includes(a)) prev.actions.push(a)
      } else {
        byKey.set(key, { type: s.type, name: s.name, actions: [...allowed] })
      }
    }
    return [...byKey.values()]
  }

  /**
   * @param {TokenAccess[]} access
   * @param {MintTokenOptions} [opts]
   * @returns {string}
   */
  const mint = (access, opts = {}) => {
    const now = Math.floor(Date.now() / 1000)
    return signJwt({
      iss: opts.issuer ?? ISSUER,
      sub: opts.subject ?? '',
      aud: opts.audience ?? o.service,
      exp: now + (opts.expiresIn ?? 300),
      nbf: now,
      iat: now,
      jti: randomBytes(16).toString('hex'),
      access
    })
  }

  /**
   * @param {ServerResponse} res
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  const deny = (res, status, code, message) =>
    sendJson(res, status, { errors: [{ code, message }] })

  const server = http.createServer(async (req, res) => {
    requests.push(logEntry(req))
    try {
      const u = new URL(req.url ?? '', 'http://token.invalid')
      if (u.pathname !== o.tokenPath) {
        return deny(res, 404, 'NOT_FOUND', 'no such endpoint')
      }
      /** @type {URLSearchParams} */
      let params
      /** @type {RegistryUser | undefined} */
      let user
      let wantRefresh = false
      if (req.method === 'GET') {
        params = u.searchParams
        const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')
        if (m) {
          const text = Buffer.from(m[1], 'base64').toString('utf8')
          const i = text.indexOf(':')
          user = findUser(text.slice(0, i), text.slice(i + 1))
          if (i < 0 || !user) {
            return deny(res, 401, 'UNAUTHORIZED', 'invalid credentials')
          }
          wantRefresh = params.get('offline_token') === 'true'
        }
      } else if (req.method === 'POST') {
        params = new URLSearchParams((await readBody(req)).toString('utf8'))
        const grantType = params.get('grant_type')
        if (grantType === 'password') {
          user = findUser(params.get('username'), params.get('password'))
          wantRefresh = true
        } else if (grantType === 'refresh_token') {
          user = refreshTokens.get(params.get('refresh_token') ?? '')
        } else {
          return deny(res, 400, 'UNSUPPORTED', 'unsupported grant_type')
        }
        if (!user) return deny(res, 401, 'UNAUTHORIZED', 'invalid grant')
      } else {
        return deny(res, 405, 'UNSUPPORTED', 'method not allowed')
      }
      const service = params.get('service')
      if (service !== null && service !== o.service) {
        return deny(res, 400, 'UNSUPPORTED', `unknown service "${service}"`)
      }
      // Scopes may repeat and each may hold several space-separated ones.
      const scopes = params
        .getAll('scope')
        .flatMap((s) => s.split(' '))
        .filter(Boolean)
      const token = mint(grant(user, scopes), { subject: user?.username })
      /** @type {Record<string, unknown> & { refresh_token?: string }} */
      const body = {
        token,
        access_token: token,
        expires_in: 300,
        issued_at: new Date().toISOString()
      }
      if (user && wantRefresh) {
        body.refresh_token = randomBytes(16).toString('hex')
        refreshTokens.set(body.refresh_token, user)
      }
      sendJson(res, 200, body)
    } catch (err) {
      deny(res, 500, 'UNKNOWN', String(err))
    }
  })
  return { server, requests, mint }
}

// ---------------------------------------------------------------------------
// "CDN" behind Distribution's redirect middleware. Serves the storage
// driver's files and, like S3 presigned URLs, refuses any Authorization
// header: clients must not forward registry credentials across hosts.

const S3_AUTH_ERROR =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidArgument' +
  '</Code><Message>Only one auth mechanism allowed; only the ' +
  'X-Amz-Algorithm query parameter, Signature query string parameter or ' +
  'the Authorization header should be specified</Message><ArgumentName>' +
  'Authorization</ArgumentName></Error>'

/** @param {string} root storage root the CDN serves */
function createCdnServer(root) {
  /** @type {RequestLogEntry[]} */
  const requests = []
  /**
   * @param {ServerResponse} res
   * @param {number} status
   * @param {string} body
   */
  const xml = (res, status, body) => {
    res.writeHead(status, {
      'content-type': 'application/xml',
      'content-length': Buffer.byteLength(body)
    })
    res.end(body)
  }
  const server = http.createServer((req, res) => {
    requests.push(logEntry(req))
    if (req.headers.authorization !== undefined) {
      return xml(res, 400, S3_AUTH_ERROR)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return xml(res, 405, '<Error><Code>MethodNotAllowed</Code></Error>')
    }
    let file
    try {
      const p = decodeURIComponent(
        new URL(req.url ?? '', 'http://cdn').pathname
      )
      file = path.resolve(root, '.' + p)
    } catch {
      file = ''
    }
    let st
    try {
      if (!file.startsWith(root + path.sep)) throw new Error('outside root')
      st = fs.statSync(file)
      if (!st.isFile()) throw new Error('not a file')
    } catch {
      return xml(res, 404, '<Error><Code>NoSuchKey</Code></Error>')
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': st.size
    })
    if (req.method === 'HEAD') return res.end()
    pipeline(fs.createReadStream(file), res, () => {})
  })
  return { server, requests }
}

// ---------------------------------------------------------------------------
// Logging reverse proxy in front of the registry.

/**
 * @param {() => number} getBackendPort
 * @param {RequestLogEntry[]} requests the log to append to
 */
function createProxy(getBackendPort, requests) {
  const agent = new http.Agent({ keepAlive: true })
  const server = http.createServer((req, res) => {
    const internal = req.headers[HARNESS_HEADER] !== undefined
    const entry = internal ? undefined : logEntry(req)
    if (entry) requests.push(entry)
    // Rebuild from rawHeaders to keep repeated headers (e.g. Accept) as sent.
    /** @type {Record<string, string | string[]>} */
    const headers = {}
    /** @type {Map<string, string>} lower-cased name → first spelling seen */
    const names = new Map()
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const lower = req.rawHeaders[i].toLowerCase()
      if (HOP_BY_HOP.has(lower) || lower === HARNESS_HEADER) continue
      const key = names.get(lower) ?? req.rawHeaders[i]
      names.set(lower, key)
      const prev = headers[key]
      const value = req.rawHeaders[i + 1]
      headers[key] = prev === undefined ? value : [prev].flat().concat(value)
    }
    const preq = http.request({
      host: '127.0.0.1',
      port: getBackendPort(),
      method: req.method,
      path: req.url,
      headers,
      agent
    })
    preq.on('response', (pres) => {
      if (entry) entry.status = pres.statusCode
      const out = []
      for (let i = 0; i < pres.rawHeaders.length; i += 2) {
        if (HOP_BY_HOP.has(pres.rawHeaders[i].toLowerCase())) continue
        out.push(pres.rawHeaders[i], pres.rawHeaders[i + 1])
      }
      res.writeHead(pres.statusCode ?? 502, pres.statusMessage, out)
      pipeline(pres, res, () => {})
    })
    preq.on('error', (err) => {
      if (res.headersSent) return res.destroy(err)
      res.writeHead(502, { 'content-type': 'text/plain' })
      res.end('proxy error: ' + err.message)
    })
    pipeline(req, preq, () => {})
  })
  return { server, agent }
}

// ---------------------------------------------------------------------------
// The registry process

/**
 * @typedef {object} RegistryConfig What config.yml says.
 * @property {AuthMode} auth
 * @property {string} root
 * @property {string} publicUrl
 * @property {string} secret
 * @property {string} service
 * @property {number} port
 * @property {string} [realm] auth 'token'
 * @property {string} [rootCert] auth 'token'
 * @property {string} [htpasswd] auth 'htpasswd'
 * @property {string} [cdnUrl] redirect: true
 */

/** @param {RegistryConfig} o */
function configYaml(o) {
  const q = JSON.stringify // YAML accepts JSON-quoted strings
  let y = `version: 0.1
log:
  level: warn
  formatter: text
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${q(o.root)}
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: ${q(`127.0.0.1:${o.port}`)}
  host: ${q(o.publicUrl)}
  secret: ${q(o.secret)}
health:
  storagedriver:
    enabled: false
`
  if (o.auth === 'token') {
    y += `auth:
  token:
    realm: ${q(o.realm)}
    service: ${q(o.service)}
    issuer: ${q(ISSUER)}
    rootcertbundle: ${q(o.rootCert)}
`
  } else if (o.auth === 'htpasswd') {
    y += `auth:
  htpasswd:
    realm: test
    path: ${q(o.htpasswd)}
`
  }
  if (o.cdnUrl) {
    y += `middleware:
  storage:
    - name: redirect
      options:
        baseurl: ${q(o.cdnUrl)}
`
  }
  return y
}

/**
 * Kill with SIGTERM, escalate to SIGKILL after 3 s.
 * @param {ChildProcess} child
 * @returns {Promise<void>}
 */
function killChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve()
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

// Ask the kernel to SIGKILL the registry if this process dies without
// running exit handlers (e.g. a jest worker killed with SIGKILL).
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) =>
  fs.existsSync(p)
)

/**
 * @param {string} dir
 * @param {string} configFile
 * @param {string[]} logLines receives the last 200 lines of output
 */
function spawnRegistry(dir, configFile, logLines) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {}
  // REGISTRY_* variables override config.yml in Distribution.
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('REGISTRY_')) env[k] = v
  }
  const [cmd, args] = SETPRIV
    ? [SETPRIV, ['--pdeathsig', 'KILL', '--', REGISTRY_BIN]]
    : [REGISTRY_BIN, []]
  const child = spawn(cmd, [...args, 'serve', configFile], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  /** @param {Readable} stream */
  const collect = (stream) => {
    let partial = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n')
      partial = lines.pop() ?? ''
      logLines.push(...lines)
      if (logLines.length > 200) logLines.splice(0, logLines.length - 200)
    })
  }
  collect(child.stdout)
  collect(child.stderr)
  child.unref()
  // stdio pipes are net.Sockets, typed as plain Readables
  const pipes = /** @type {Socket[]} */ ([child.stdout, child.stderr])
  for (const pipe of pipes) pipe.unref()
  return child
}

// Poll GET /v2/ on the private port until 200/401, the process dies or the
// deadline passes.
/**
 * @param {ChildProcess} child
 * @param {number} port
 * @param {number} deadline Date.now() value
 * @returns {Promise<void>}
 */
async function waitReady(child, port, deadline) {
  let exited = false
  /** @type {Error | undefined} */
  let spawnError
  const onExit = () => (exited = true)
  const onError = (/** @type {Error} */ err) => (spawnError = err)
  child.once('exit', onExit)
  child.once('error', onError)
  try {
    for (;;) {
      if (spawnError) throw spawnError
      if (exited) throw new Error(`docker-registry exited (${child.exitCode})`)
      try {
        const r = await request(`http://127.0.0.1:${port}/v2/`, {
          agent: false
        })
        if (r.status === 200 || r.status === 401) return
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(`docker-registry not ready after ${START_TIMEOUT_MS}ms`)
      }
      await new Promise((r) => setTimeout(r, 20))
    }
  } finally {
    child.off('exit', onExit)
    child.off('error', onError)
  }
}

// A SIGKILLed owner cannot clean up after itself: once per process, remove
// temp dirs whose owner process is gone.
let swept = false
function sweepStaleDirs() {
  if (swept) return
  swept = true
  let names = []
  try {
    names = fs.readdirSync(os.tmpdir())
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(DIR_PREFIX)) continue
    const dir = path.join(os.tmpdir(), name)
    try {
      const pid = Number(fs.readFileSync(path.join(dir, 'owner.pid'), 'utf8'))
      if (!pid || pid === process.pid) continue
      process.kill(pid, 0)
    } catch (err) {
      const { code } = /** @type {NodeJS.ErrnoException} */ (err)
      if (code === 'ESRCH') fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

/**
 * Start `docker-registry serve` (or $TEST_REGISTRY_BIN) in a fresh temp dir
 * behind a logging proxy on 127.0.0.1; ready when GET /v2/ answers.
 * Nothing it starts keeps the Node event loop alive: call stop(); a
 * registry left running is killed (and reported on stderr) at process exit.
 * @param {RegistryOptions} [opts]
 * @returns {Promise<RunningRegistry>}
 */
export async function startRegistry(opts = {}) {
  /** @type {ResolvedOptions} */
  const o = {
    auth: opts.auth ?? 'none',
    redirect: opts.redirect ?? false,
    users: opts.users ?? [{ username: 'alice', password: 's3cret' }],
    service: opts.service ?? 'registry.test',
    tokenPath: opts.tokenPath ?? '/token',
    anonymousPull: opts.anonymousPull ?? ['*'],
    advertise: opts.advertise ?? '127.0.0.1'
  }
  if (!['none', 'token', 'htpasswd'].includes(o.auth)) {
    throw new Error(`unknown auth mode ${o.auth}`)
  }
  sweepStaleDirs()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX))
  fs.writeFileSync(path.join(dir, 'owner.pid'), String(process.pid))
  const root = path.join(dir, 'storage')
  fs.mkdirSync(root)
  /** @type {Instance} */
  const inst = { dir, child: undefined }
  track(inst)

  /** @type {RequestLogEntry[]} */
  const requests = []
  /** @type {string[]} */
  const logLines = []
  /** @type {http.Server[]} */
  const servers = []
  let backendPort = 0
  const proxy = createProxy(() => backendPort, requests)
  const harnessAgent = new http.Agent({ keepAlive: true })
  /** @type {ReturnType<typeof createTokenServer> | undefined} */
  let tokenSrv
  /** @type {ReturnType<typeof createCdnServer> | undefined} */
  let cdnSrv
  let stopped = false

  const stop = async () => {
    if (stopped) return
    stopped = true
    if (inst.child) await killChild(inst.child)
    await Promise.all(servers.map(closeServer))
    proxy.agent.destroy()
    harnessAgent.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
    untrack(inst)
  }

  try {
    servers.push(proxy.server)
    const publicPort = await listen(proxy.server)
    const publicUrl = `http://127.0.0.1:${publicPort}`
    inst.url = publicUrl
    /** @type {RegistryConfig} */
    const cfg = {
      auth: o.auth,
      root,
      publicUrl,
      secret: randomBytes(16).toString('hex'),
      service: o.service,
      port: 0 // picked below
    }
    if (o.auth === 'token') {
      tokenSrv = createTokenServer(o)
      servers.push(tokenSrv.server)
      const tokenPort = await listen(tokenSrv.server)
      cfg.realm = `http://${o.advertise}:${tokenPort}${o.tokenPath}`
      cfg.rootCert = path.join(dir, 'root.pem')
      fs.writeFileSync(cfg.rootCert, tokenIssuerKey().certPem)
    } else if (o.auth === 'htpasswd') {
      cfg.htpasswd = path.join(dir, 'htpasswd')
      const lines = o.users.map(
        (u) => `${u.username}:${bcryptHash(u.password, 4)}\n`
      )
      fs.writeFileSync(cfg.htpasswd, lines.join(''))
    }
    if (o.redirect) {
      cdnSrv = createCdnServer(root)
      servers.push(cdnSrv.server)
      cfg.cdnUrl = `http://${o.advertise}:${await listen(cdnSrv.server)}`
    }

    // The private port is picked then released, so another process may grab
    // it before the registry binds: retry with a fresh one.
    const deadline = Date.now() + START_TIMEOUT_MS
    const configFile = path.join(dir, 'config.yml')
    for (let attempt = 1; ; attempt++) {
      cfg.port = await freePort()
      fs.writeFileSync(configFile, configYaml(cfg))
      logLines.length = 0
      inst.child = spawnRegistry(dir, configFile, logLines)
      try {
        await waitReady(inst.child, cfg.port, deadline)
        backendPort = cfg.port
        break
      } catch (err) {
        await killChild(inst.child)
        const tail = logLines.slice(-20).join('\n')
        if (/address already in use/.test(tail) && attempt < 5) continue
        throw new Error(
          `${/** @type {Error} */ (err).message}\n--- docker-registry log (last lines) ---\n${tail}`
        )
      }
    }

    /**
     * @param {string} repo
     * @returns {OutgoingHttpHeaders}
     */
    const authHeader = (repo) => {
      if (tokenSrv) {
        const access = [
          { type: 'repository', name: repo, actions: ['pull', 'push'] }
        ]
        return { authorization: 'Bearer ' + tokenSrv.mint(access) }
      }
      if (o.auth === 'htpasswd') {
        const { username, password } = o.users[0]
        const basic = Buffer.from(`${username}:${password}`).toString('base64')
        return { authorization: 'Basic ' + basic }
      }
      return {}
    }
    /**
     * @param {string} url
     * @param {RequestInit} init
     * @param {number} expected status
     * @param {string} what for the error message
     */
    const call = async (url, init, expected, what) => {
      const r = await request(new URL(url, publicUrl), {
        ...init,
        agent: harnessAgent,
        headers: { ...init.headers, [HARNESS_HEADER]: '1' }
      })
      if (r.status !== expected) {
        throw new Error(
          `${what}: ${init.method} ${url} -> ${r.status} ${r.body.toString()}`
        )
      }
      return r
    }

    /** @type {RunningRegistry} */
    const reg = {
      host: `${o.advertise}:${publicPort}`,
      url: publicUrl,
      requests,
      storageRoot: root,
      resetLogs() {
        requests.length = 0
        if (tokenSrv) tokenSrv.requests.length = 0
        if (cdnSrv) cdnSrv.requests.length = 0
      },
      logs: () => logLines.join('\n'),
      blobPath(digest) {
        const [alg, hex] = digest.split(':')
        const p = `docker/registry/v2/blobs/${alg}/${hex.slice(0, 2)}/${hex}`
        return path.join(root, p, 'data')
      },
      async pushBlob(repo, bytes) {
        const buf = Buffer.from(bytes)
        const digest = sha256(buf)
        const headers = authHeader(repo)
        const start = await call(
          `/v2/${repo}/blobs/uploads/`,
          { method: 'POST', headers: { ...headers, 'content-length': 0 } },
          202,
          'pushBlob'
        )
        // Append rather than re-serialize: keep the opaque _state as sent.
        const loc = new URL(String(start.headers.location), publicUrl).href
        const sep = loc.includes('?') ? '&' : '?'
        await call(
          `${loc}${sep}digest=${encodeURIComponent(digest)}`,
          {
            method: 'PUT',
            headers: {
              ...headers,
              'content-type': 'application/octet-stream',
              'content-length': buf.length
            },
            body: buf
          },
          201,
          'pushBlob'
        )
        return digest
      },
      async pushManifest(repo, ref, bytes, mediaType) {
        const buf = Buffer.from(bytes)
        const digest = sha256(buf)
        const r = await call(
          `/v2/${repo}/manifests/${ref}`,
          {
            method: 'PUT',
            headers: {
              ...authHeader(repo),
              'content-type': mediaType,
              'content-length': buf.length
            },
            body: buf
          },
          201,
          'pushManifest'
        )
        const got = r.headers['docker-content-digest']
        if (got !== digest) {
          throw new Error(`pushManifest: registry says ${got}, bytes ${digest}`)
        }
        return digest
      },
      stop
    }
    if (tokenSrv && cfg.realm) {
      reg.token = {
        url: cfg.realm.slice(0, -o.tokenPath.length),
        realm: cfg.realm,
        service: o.service,
        requests: tokenSrv.requests
      }
      reg.mintToken = tokenSrv.mint
    }
    if (cdnSrv && cfg.cdnUrl)
      reg.cdn = { url: cfg.cdnUrl, requests: cdnSrv.requests }
    return reg
  } catch (err) {
    await stop()
    throw err
  }
}
