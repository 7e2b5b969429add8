/**
 * Where credentials come from and where they go (issue #3), end to end:
 * the action (runAction, real @actions/core) or RegistryClient+inspectImage
 * against real Distribution with token auth, behind a fault proxy that
 * points the realm at a recording token front (the harness logs no bodies)
 * and rewrites challenges the way other registries send them. Credential
 * helpers are real executables on PATH.
 *
 * insufficient_scope (one re-ask with the scope the registry names) is
 * covered by __tests__/registry/protocol.test.ts and not repeated here.
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
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  buildImage,
  pushImage,
  type BuiltImage,
  type Pushed
} from '../support/fixtures.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import {
  startFaultProxy,
  type FaultProxy,
  type UpstreamResponse
} from '../support/fault-proxy.mjs'
import { runAction, type ActionRun } from '../support/action.js'
import { makeHelperDir } from '../support/cred-helpers.js'
import { pathOf } from '../support/expect.js'
import { startTokenFront, type TokenFront } from '../support/token-front.js'
import { getInputs } from '../../src/inputs.js'
import type { ImageInfo } from '../../src/image/model.js'
import { inspectImage } from '../../src/jobs/inspect.js'
import type { Credentials } from '../../src/registry/auth/docker-config.js'
import { RegistryClient } from '../../src/registry/client.js'
import { parseReference } from '../../src/registry/reference.js'

const USER = { username: 'alice', password: 'pw-3f9a1c' }
const SERVICE = 'registry.test'
const AMD64 = { os: 'linux', architecture: 'amd64' }
const CLIENT_ID = 'remote-image-inspect'
const b64 = (s: string): string => Buffer.from(s).toString('base64')
const basic = (user: string, pass: string): string =>
  `Basic ${b64(`${user}:${pass}`)}`
const form = (body: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(body))

const helpers = makeHelperDir()
afterAll(() => helpers.remove())

/** Every line of stdout that mentions `secret` is its ::add-mask:: line. */
function expectMaskedOnly(stdout: string, secret: string): void {
  const lines = stdout.split('\n').filter((l) => l.includes(secret))
  expect(lines).toEqual([`::add-mask::${secret}`])
}

describe('credentials against token auth (Docker Hub style, realm on another origin)', () => {
  let reg: RunningRegistry
  let proxy: FaultProxy
  let front: TokenFront
  let image: BuiltImage
  let pub: Pushed
  let priv: Pushed
  /** A refresh token the token server issued to USER (an identity token). */
  let refreshToken: string
  /** How the proxy answers /v2/ requests (default: realm → front). */
  let respond: (u: UpstreamResponse, pathname: string) => UpstreamResponse

  /** The 401's challenge with the realm pointed at the recording front. */
  const viaFront = (u: UpstreamResponse): string =>
    String(u.headers['www-authenticate'] ?? '').replace(
      reg.token!.realm,
      front.realm
    )
  const withChallenge = (
    u: UpstreamResponse,
    value: string | string[] | undefined
  ): UpstreamResponse => {
    const headers = { ...u.headers }
    if (value === undefined) delete headers['www-authenticate']
    else headers['www-authenticate'] = value
    return { ...u, headers }
  }
  const defaultRespond = (u: UpstreamResponse): UpstreamResponse =>
    u.status === 401 ? withChallenge(u, viaFront(u)) : u

  beforeAll(async () => {
    reg = await startRegistry({
      auth: 'token',
      redirect: true,
      users: [USER],
      service: SERVICE,
      anonymousPull: ['library/*']
    })
    image = buildImage({ config: { Labels: { creds: 'yes' } } })
    pub = await pushImage(reg, 'library/app', 'latest', image)
    priv = await pushImage(reg, 'acme/private', 'v1', image)
    front = await startTokenFront(reg.token!.realm)
    proxy = await startFaultProxy({ upstream: reg.url })
    // docker login's OAuth2 password grant: what puts an identitytoken in config.json
    const answer = await fetch(reg.token!.realm, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: USER.username,
        password: USER.password,
        service: SERVICE,
        client_id: 'docker'
      }).toString()
    })
    refreshToken = ((await answer.json()) as { refresh_token: string })
      .refresh_token
    expect(refreshToken).toMatch(/^[0-9a-f]{32}$/)
  })
  afterAll(async () => {
    await proxy?.close()
    await front?.close()
    await reg?.stop()
  })
  beforeEach(() => {
    proxy.reset()
    respond = defaultRespond
    proxy.fault({
      name: 'challenge',
      path: /^\/v2\//,
      rewrite: (u, req) => respond(u, pathOf({ url: req.url ?? '/' }))
    })
    front.reset()
    reg.resetLogs()
    helpers.clearRecords()
  })

  const ref = (r: string): string => `${proxy.host}/${r}`
  const PRIVATE = (): string => ref('acme/private:v1')
  const PUBLIC = (): string => ref('library/app:latest')
  const withPath = (extra: Record<string, string> = {}) => ({
    PATH: helpers.path,
    ...extra
  })
  /** What the registry side saw: [method, path, status, auth scheme]. */
  const registrySeen = () =>
    proxy.requests.map((r) => [
      r.method,
      pathOf(r),
      r.status,
      String(r.headers.authorization ?? '').split(' ')[0] || undefined
    ])
  const bearerTokens = (): string[] => [
    ...new Set(
      proxy.requests
        .map((r) => String(r.headers.authorization ?? ''))
        .filter((a) => a.startsWith('Bearer '))
        .map((a) => a.slice(7))
    )
  ]
  /** Nothing secret went to the registry itself, nothing at all to the CDN. */
  function expectCredentialsStayed(...secrets: string[]): void {
    for (const r of proxy.requests) {
      const seen = JSON.stringify(r.headers) + r.url
      for (const s of secrets) expect(seen).not.toContain(s)
      expect(String(r.headers.authorization ?? 'Bearer ')).toMatch(/^Bearer /)
    }
    expect(reg.cdn!.requests.length).toBeGreaterThan(0) // the blob went there
    for (const r of reg.cdn!.requests)
      expect(r.headers.authorization).toBeUndefined()
  }
  function expectPulled(result: ActionRun, pushed: Pushed): void {
    expect(result.error).toBeUndefined()
    expect(result.failed).toBe(false)
    expect(result.outputs.get('digest')).toBe(pushed.digest)
  }
  const debugCredentials = (stdout: string): string | undefined =>
    /^::debug::Credentials: (.*)$/m.exec(stdout)?.[1]

  async function inspectWith(
    client: RegistryClient,
    reference: string,
    credentials?: Credentials
  ): Promise<ImageInfo> {
    return inspectImage(
      { reference: parseReference(reference), platform: AMD64, credentials },
      client
    )
  }

  describe('credential helpers', () => {
    it('runs credHelpers[host] with "get" and the host on stdin, and sends its password as Basic to the realm only', async () => {
      const h = helpers.write('reg', {
        answers: {
          [proxy.host]: { Username: USER.username, Secret: USER.password }
        }
      })
      const result = await runAction(
        { image: PRIVATE() },
        {
          dockerConfig: { credHelpers: { [proxy.host]: 'reg' } },
          env: withPath()
        }
      )
      expectPulled(result, priv)
      expect(h.calls().map((c) => [c.argv, c.stdin])).toEqual([
        [['get'], proxy.host]
      ])
      // the realm is on another origin than the registry, and only it got Basic
      expect(new URL(front.realm).origin).not.toBe(proxy.url)
      expect(
        front.requests.map((r) => [r.method, r.headers.authorization])
      ).toEqual([['GET', basic(USER.username, USER.password)]])
      const query = new URL(front.requests[0].url, front.url).searchParams
      expect(query.get('service')).toBe(SERVICE)
      expect(query.getAll('scope')).toEqual(['repository:acme/private:pull'])
      expect(query.get('account')).toBe(USER.username)
      expectCredentialsStayed(
        USER.password,
        b64(`${USER.username}:${USER.password}`)
      )
      expect(debugCredentials(result.stdout)).toMatch(
        new RegExp(
          `config\\.json credHelpers\\["${proxy.host}"\\] \\(docker-credential-reg, ${proxy.host}\\)$`
        )
      )
    })

    // setup: the helpers credHelpers and credsStore name (auths holds a wrong
    // password); calls: how often each helper ran
    // prettier-ignore
    test.each([
      { name: 'credHelpers wins over credsStore and auths',
        setup: { credHelpers: 'good', credsStore: 'wrong', auths: true }, calls: { good: 1, wrong: 0 } },
      { name: 'credsStore is used when no credHelper is configured, over auths',
        setup: { credsStore: 'good', auths: true }, calls: { good: 1, wrong: 0 } },
      { name: 'a credHelper without credentials ("not found", exit 1) falls through to credsStore',
        setup: { credHelpers: 'empty', credsStore: 'good', auths: true }, calls: { good: 1, wrong: 0, empty: 2 } }
    ] as const)('$name', async ({ setup, calls }) => {
      const hs = {
        good: helpers.write('good', { answers: { [proxy.host]: { Username: USER.username, Secret: USER.password } } }),
        wrong: helpers.write('wrong', { answers: { [proxy.host]: { Username: USER.username, Secret: 'wrong' } } }),
        empty: helpers.write('empty')
      }
      const config: Record<string, unknown> = {
        auths: { [proxy.host]: { auth: b64(`${USER.username}:also-wrong`) } }
      }
      if ('credHelpers' in setup) config.credHelpers = { [proxy.host]: setup.credHelpers }
      if ('credsStore' in setup) config.credsStore = setup.credsStore
      const result = await runAction({ image: PRIVATE() }, { dockerConfig: config, env: withPath() })
      expectPulled(result, priv)
      const counted = Object.fromEntries(
        Object.keys(calls).map((k) => [k, hs[k as keyof typeof hs].calls().length])
      )
      expect(counted).toEqual(calls)
      if ('empty' in calls) {
        expect(hs.empty.calls().map((c) => c.stdin)).toEqual([proxy.host, `https://${proxy.host}`])
      }
    })

    it('falls through to auths when the helper says "credentials not found in native keychain"', async () => {
      const h = helpers.write('nothing')
      const result = await runAction(
        { image: PRIVATE() },
        {
          dockerConfig: {
            credHelpers: { [proxy.host]: 'nothing' },
            auths: {
              [proxy.host]: { auth: b64(`${USER.username}:${USER.password}`) }
            }
          },
          env: withPath()
        }
      )
      expectPulled(result, priv)
      expect(h.calls().map((c) => [c.argv, c.stdin])).toEqual([
        [['get'], proxy.host],
        [['get'], `https://${proxy.host}`]
      ])
      expect(result.stdout).not.toMatch(/::warning::/)
      expect(debugCredentials(result.stdout)).toMatch(
        new RegExp(`config\\.json \\(auths\\["${proxy.host}"\\]\\)$`)
      )
    })

    it('goes anonymous when the helper has nothing and there is no other source', async () => {
      helpers.write('nothing')
      const config = { credHelpers: { [proxy.host]: 'nothing' } }
      const pubRun = await runAction(
        { image: PUBLIC() },
        { dockerConfig: config, env: withPath() }
      )
      expectPulled(pubRun, pub)
      expect(debugCredentials(pubRun.stdout)).toBe('none (anonymous)')
      expect(front.requests[0].headers.authorization).toBeUndefined()
      const privRun = await runAction(
        { image: PRIVATE() },
        { dockerConfig: config, env: withPath() }
      )
      expect(privRun.failed).toBe(true)
      expect(privRun.error).toMatch(/requires authentication/)
    })

    // (a helper that is not installed: see "the bundled action" below, it
    // has to run in a child process)

    // helper: the name in credHelpers; traps: executables (in the PATH dir)
    // that would run if the name were used
    // prettier-ignore
    test.each<{ helper: string; traps: string[] }>([
      { helper: 'y;touch pwned', traps: ['docker-credential-y;touch pwned', 'docker-credential-y'] },
      { helper: '../../../bin/sh', traps: [] },
      { helper: 'z/evil', traps: [] },
      { helper: '..', traps: ['docker-credential-..'] }
    ])('refuses the helper name "$helper" with a warning, runs nothing, and still pulls a public image', async ({ helper, traps }) => {
      const ran = traps.map((file) => helpers.writeTrap(file))
      const result = await runAction(
        { image: PUBLIC() },
        { dockerConfig: { credHelpers: { [proxy.host]: helper } }, env: withPath() }
      )
      expectPulled(result, pub)
      const warnings = result.stdout.split('\n').filter((l) => l.startsWith('::warning'))
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain(`credHelpers["${proxy.host}"]: credential helper name "${helper}" is not valid (letters, digits, ".", "_", "-"; no paths); continuing without it`)
      expect(ran.map((r) => r())).toEqual(traps.map(() => false))
      expect(fs.existsSync(path.join(process.cwd(), 'pwned'))).toBe(false)
    })
  })

  describe('identity tokens (OAuth2 refresh_token grant)', () => {
    // prettier-ignore
    test.each([
      { name: 'a helper answering the <token> username', config: () => ({ credHelpers: { [proxy.host]: 'idtok' } }) },
      { name: 'an identitytoken in auths', config: () => ({ auths: { [proxy.host]: { identitytoken: refreshToken } } }) },
      { name: 'an identitytoken in auths next to auth (as docker login writes it)', config: () => ({ auths: { [proxy.host]: { auth: b64(`${USER.username}:`), identitytoken: refreshToken } } }) }
    ])('$name: POSTs the refresh token to the realm', async ({ config }) => {
      helpers.write('idtok', { answers: { [proxy.host]: { Username: '<token>', Secret: refreshToken } } })
      const result = await runAction({ image: PRIVATE() }, { dockerConfig: config(), env: withPath() })
      expectPulled(result, priv)
      expect(front.requests).toHaveLength(1)
      const [post] = front.requests
      expect(post.method).toBe('POST')
      expect(pathOf(post)).toBe('/token')
      expect(post.headers['content-type']).toBe('application/x-www-form-urlencoded')
      expect(post.headers.authorization).toBeUndefined()
      expect(form(post.body)).toEqual({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: CLIENT_ID,
        service: SERVICE,
        scope: 'repository:acme/private:pull'
      })
      expectCredentialsStayed(refreshToken)
      expectMaskedOnly(result.stdout, refreshToken)
    })

    // GCR answers the POST with 404, ACR 400, JFrog 401; 405 is the HTTP way.
    // The front plays such a token server: it takes the refresh token as
    // the Basic password of a GET.
    test.each([400, 401, 404, 405])(
      'falls back to GET with Basic when the POST is refused with %i, and pulls',
      async (status) => {
        front.refusePost = status
        front.mapAuthorization = (value) =>
          value === basic('<token>', refreshToken)
            ? basic(USER.username, USER.password)
            : value
        const result = await runAction(
          { image: PRIVATE() },
          {
            dockerConfig: {
              auths: { [proxy.host]: { identitytoken: refreshToken } }
            }
          }
        )
        expectPulled(result, priv)
        expect(front.requests.map((r) => r.method)).toEqual(['POST', 'GET'])
        const get = front.requests[1]
        expect(get.headers.authorization).toBe(basic('<token>', refreshToken))
        const query = new URL(get.url, front.url).searchParams
        expect(query.get('service')).toBe(SERVICE)
        expect(query.getAll('scope')).toEqual(['repository:acme/private:pull'])
        expectCredentialsStayed(refreshToken)
      }
    )

    it('does not fall back to GET when the POST fails otherwise (500)', async () => {
      front.refusePost = 500
      const result = await runAction(
        { image: PRIVATE() },
        {
          dockerConfig: {
            auths: { [proxy.host]: { identitytoken: refreshToken } }
          }
        }
      )
      expect(result.failed).toBe(true)
      expect(result.error).toMatch(
        /token server http:\/\/127\.0\.0\.1:\d+ answered 500/
      )
      expect(front.requests.map((r) => r.method)).toEqual(['POST'])
    })
  })

  it('sends a registrytoken from auths directly as the Bearer token', async () => {
    const token = reg.mintToken!([
      { type: 'repository', name: 'acme/private', actions: ['pull'] }
    ])
    const result = await runAction(
      { image: PRIVATE() },
      {
        dockerConfig: {
          auths: { [`https://${proxy.host}`]: { registrytoken: token } }
        }
      }
    )
    expectPulled(result, priv)
    expect(front.requests).toEqual([])
    expect(reg.token!.requests).toEqual([])
    expect(registrySeen()).toEqual([
      ['GET', '/v2/acme/private/manifests/v1', 401, undefined],
      ['GET', '/v2/acme/private/manifests/v1', 200, 'Bearer'],
      ['GET', `/v2/acme/private/blobs/${image.configDigest}`, 307, 'Bearer']
    ])
    expect(bearerTokens()).toEqual([token])
    expectCredentialsStayed()
    expectMaskedOnly(result.stdout, token)
  })

  describe('other sources', () => {
    const good = (key: string) => ({
      auths: { [key]: { auth: b64(`${USER.username}:${USER.password}`) } }
    })
    const wrong = (key: string) => ({
      auths: { [key]: { auth: b64(`${USER.username}:wrong`) } }
    })
    /** Writes a podman auth.json (under containers/ for XDG_RUNTIME_DIR). */
    function authFile(content: unknown): string {
      const dir = fs.mkdtempSync(path.join(helpers.root, 'podman-'))
      const file = path.join(dir, 'containers', 'auth.json')
      fs.mkdirSync(path.dirname(file))
      fs.writeFileSync(file, JSON.stringify(content))
      return file
    }

    // name: where the credentials are; options: runAction's environment and
    // config.json; source: the debug line that names where they came from
    // prettier-ignore
    test.each([
      { name: 'DOCKER_AUTH_CONFIG', options: () => ({ env: { DOCKER_AUTH_CONFIG: JSON.stringify(good(proxy.host)) } }), source: /^DOCKER_AUTH_CONFIG \(auths\["127\.0\.0\.1:\d+"\]\)$/ },
      { name: 'DOCKER_AUTH_CONFIG over a config.json with other credentials', options: () => ({ env: { DOCKER_AUTH_CONFIG: JSON.stringify(good(`https://${proxy.host}`)) }, dockerConfig: wrong(proxy.host) }), source: /^DOCKER_AUTH_CONFIG \(auths\["https:\/\/127\.0\.0\.1:\d+"\]\)$/ },
      { name: 'REGISTRY_AUTH_FILE (podman)', options: () => ({ env: { REGISTRY_AUTH_FILE: authFile(good(proxy.host)) } }), source: /^\/.*\/containers\/auth\.json \(auths\["127\.0\.0\.1:\d+"\]\)$/ },
      { name: '$XDG_RUNTIME_DIR/containers/auth.json (podman)', options: () => ({ env: { XDG_RUNTIME_DIR: path.dirname(path.dirname(authFile(good(proxy.host)))) } }), source: /^\/.*\/containers\/auth\.json \(auths\["127\.0\.0\.1:\d+"\]\)$/ }
    ])('reads $name', async ({ options, source }) => {
      const result = await runAction({ image: PRIVATE() }, options())
      expectPulled(result, priv)
      expect(debugCredentials(result.stdout)).toMatch(source)
      expect(front.requests[0].headers.authorization).toBe(basic(USER.username, USER.password))
      expectMaskedOnly(result.stdout, USER.password)
    })
  })

  describe('a config.json with no config in it', () => {
    /** A $DOCKER_CONFIG whose config.json holds exactly `text`. */
    function rawConfigDir(text: string): string {
      const dir = fs.mkdtempSync(path.join(helpers.root, 'raw-config-'))
      fs.writeFileSync(path.join(dir, 'config.json'), text)
      return dir
    }

    // text: config.json byte for byte (runAction's dockerConfig writes JSON);
    // error: the step's failure, or undefined when the image is read
    // anonymously, as the docker CLI would
    // prettier-ignore
    test.each([
      { name: 'an empty file',               text: '',               error: undefined },
      { name: 'a file of only whitespace',   text: '\n  \t\r\n',     error: undefined },
      { name: 'whitespace, then not JSON',   text: '\n auths\n',     error: /^Docker config \/.*\/config\.json is not valid JSON\. Fix or remove that file, or pass the 'username' and 'password' inputs\.$/ }
    ])('$name', async ({ text, error }) => {
      const result = await runAction({ image: PUBLIC() }, { env: { DOCKER_CONFIG: rawConfigDir(text) } })
      if (error) {
        expect(result.failed).toBe(true)
        expect(result.error).toMatch(error)
        expect(proxy.requests).toEqual([])
        return
      }
      expectPulled(result, pub)
      expect(debugCredentials(result.stdout)).toBe('none (anonymous)')
      expect(result.stdout).not.toMatch(/::warning::/)
      expect(front.requests[0].headers.authorization).toBeUndefined()
    })
  })

  it('lets the username/password inputs win over every other source, without running a helper', async () => {
    const helper = helpers.write('never', {
      answers: { [proxy.host]: { Username: 'x', Secret: 'y' } }
    })
    const store = helpers.write('never-store', {
      answers: { [proxy.host]: { Username: 'x', Secret: 'y' } }
    })
    const result = await runAction(
      { image: PRIVATE(), username: USER.username, password: USER.password },
      {
        dockerConfig: {
          credHelpers: { [proxy.host]: 'never' },
          credsStore: 'never-store',
          auths: { [proxy.host]: { auth: b64('alice:wrong') } }
        },
        env: withPath({
          DOCKER_AUTH_CONFIG: JSON.stringify({
            auths: { [proxy.host]: { auth: b64('alice:wrong2') } }
          })
        })
      }
    )
    expectPulled(result, priv)
    expect(fs.existsSync(helper.record)).toBe(false)
    expect(fs.existsSync(store.record)).toBe(false)
    expect(debugCredentials(result.stdout)).toBe(
      "the 'username'/'password' inputs"
    )
  })

  describe('secrets in the log', () => {
    // config: the docker config; secrets: the secrets it holds; source: what
    // the debug line names
    // prettier-ignore
    test.each([
      { name: 'a helper password', config: () => ({ credHelpers: { [proxy.host]: 'pw' } }), secrets: () => [USER.password], source: /credHelpers\["127\.0\.0\.1:\d+"\] \(docker-credential-pw, 127\.0\.0\.1:\d+\)$/ },
      { name: 'a helper identity token', config: () => ({ credHelpers: { [proxy.host]: 'idt' } }), secrets: () => [refreshToken], source: /credHelpers\["127\.0\.0\.1:\d+"\] \(docker-credential-idt, 127\.0\.0\.1:\d+\)$/ },
      { name: 'an auths password', config: () => ({ auths: { [proxy.host]: { username: USER.username, password: USER.password } } }), secrets: () => [USER.password], source: /config\.json \(auths\["127\.0\.0\.1:\d+"\]\)$/ },
      { name: 'an auths identity token', config: () => ({ auths: { [proxy.host]: { identitytoken: refreshToken } } }), secrets: () => [refreshToken], source: /config\.json \(auths\["127\.0\.0\.1:\d+"\]\)$/ }
    ])('masks $name and every token fetched with it; the debug log names only the source', async ({ config, secrets, source }) => {
      helpers.write('pw', { answers: { [proxy.host]: { Username: USER.username, Secret: USER.password } } })
      helpers.write('idt', { answers: { [proxy.host]: { Username: '<token>', Secret: refreshToken } } })
      // with step debug on, as a user chasing a failure would run it
      const result = await runAction({ image: PRIVATE() }, { dockerConfig: config(), env: { ...withPath(), RUNNER_DEBUG: '1' } })
      expectPulled(result, priv)
      const fetched = bearerTokens()
      expect(fetched).toHaveLength(1)
      for (const secret of [...secrets(), ...fetched]) expectMaskedOnly(result.stdout, secret)
      const debug = debugCredentials(result.stdout)
      expect(debug).toMatch(source)
      for (const secret of secrets()) expect(debug).not.toContain(secret)
      // the mask comes before anything that could print the secret
      const lines = result.stdout.split('\n')
      expect(lines.indexOf(`::add-mask::${secrets()[0]}`)).toBeLessThan(
        lines.findIndex((l) => l.startsWith('::debug::Credentials:'))
      )
    })
  })

  describe('challenges as registries send them', () => {
    it('asks without service when the Bearer challenge has none (Artifact Registry)', async () => {
      respond = (u) =>
        u.status === 401
          ? withChallenge(u, viaFront(u).replace(/,?\s*service="[^"]*"/, ''))
          : u
      const anonymous = await runAction({ image: PUBLIC() })
      expectPulled(anonymous, pub)
      const query = new URL(front.requests[0].url, front.url).searchParams
      expect(query.has('service')).toBe(false)
      expect(query.getAll('scope')).toEqual(['repository:library/app:pull'])
      front.requests.length = 0
      const identity = await runAction(
        { image: PRIVATE() },
        {
          dockerConfig: {
            auths: { [proxy.host]: { identitytoken: refreshToken } }
          }
        }
      )
      expectPulled(identity, priv)
      expect(form(front.requests[0].body)).toEqual({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: CLIENT_ID,
        scope: 'repository:acme/private:pull'
      })
    })

    it('pings /v2/ for the challenge when a 401 carries none (GCR)', async () => {
      respond = (u, pathname) =>
        u.status !== 401
          ? u
          : withChallenge(u, pathname === '/v2/' ? viaFront(u) : undefined)
      const result = await runAction(
        { image: PRIVATE() },
        {
          dockerConfig: {
            auths: {
              [proxy.host]: { auth: b64(`${USER.username}:${USER.password}`) }
            }
          }
        }
      )
      expectPulled(result, priv)
      expect(registrySeen()).toEqual([
        ['GET', '/v2/acme/private/manifests/v1', 401, undefined],
        ['GET', '/v2/', 401, undefined],
        ['GET', '/v2/acme/private/manifests/v1', 200, 'Bearer'],
        ['GET', `/v2/acme/private/blobs/${image.configDigest}`, 307, 'Bearer']
      ])
      expect(front.requests).toHaveLength(1)
      const query = new URL(front.requests[0].url, front.url).searchParams
      expect(query.get('service')).toBe(SERVICE)
      expect(query.getAll('scope')).toEqual(['repository:acme/private:pull'])
    })

    it('gives up clearly when neither the 401 nor /v2/ carries a challenge', async () => {
      respond = (u) => (u.status === 401 ? withChallenge(u, undefined) : u)
      const result = await runAction({ image: PUBLIC() })
      expect(result.failed).toBe(true)
      expect(result.error).toMatch(/requires authentication/)
      expect(registrySeen().map((r) => r[1])).toEqual([
        '/v2/library/app/manifests/latest',
        '/v2/'
      ])
      expect(front.requests).toEqual([])
    })

    // prettier-ignore
    test.each([
      { name: 'Bearer then Basic in one header (Codeberg)', challenge: (realm: string) => `Bearer realm="${realm}",service="${SERVICE}",scope="*",Basic realm="x"` },
      { name: 'Basic then Bearer in one header', challenge: (realm: string) => `Basic realm="x", Bearer realm="${realm}",service="${SERVICE}"` },
      { name: 'Basic and Bearer as two header lines', challenge: (realm: string) => ['Basic realm="x"', `Bearer realm="${realm}",service="${SERVICE}"`] },
      { name: 'an unknown scheme with a token68 first', challenge: (realm: string) => `Negotiate YWJj==, Bearer realm="${realm}",service="${SERVICE}"` }
    ])('answers the Bearer challenge among several: $name', async ({ challenge }) => {
      respond = (u) => (u.status === 401 ? withChallenge(u, challenge(front.realm)) : u)
      const result = await runAction(
        { image: PRIVATE() },
        { dockerConfig: { auths: { [proxy.host]: { auth: b64(`${USER.username}:${USER.password}`) } } } }
      )
      expectPulled(result, priv)
      expect(front.requests).toHaveLength(1)
      expect(new URL(front.requests[0].url, front.url).searchParams.getAll('scope')).toEqual(['repository:acme/private:pull'])
      expectCredentialsStayed(USER.password)
    })
  })

  describe('token handling', () => {
    it('reuses a token for a second inspection with the same client', async () => {
      const client = new RegistryClient({
        domain: proxy.host,
        credentials: USER
      })
      try {
        await inspectWith(client, PRIVATE(), USER)
        await inspectWith(client, PRIVATE(), USER)
      } finally {
        client.dispose()
      }
      expect(front.requests).toHaveLength(1)
      expect(registrySeen().map((r) => r[2])).toEqual([401, 200, 307, 200, 307])
    })

    interface ExpiryRow {
      /** expires_in from the token server (undefined: it sends none). */
      expiresIn: number | undefined
      /** How far the clock moves between the two inspections (s). */
      advance: number
      /** Token requests made in all. */
      tokens: number
    }
    // prettier-ignore
    test.each<ExpiryRow>([
      { expiresIn: 300,       advance: 290, tokens: 1 },
      { expiresIn: 300,       advance: 301, tokens: 2 },
      { expiresIn: 10,        advance: 30,  tokens: 1 }, // lifetimes under 60 s count as 60 s (token spec)
      { expiresIn: 10,        advance: 61,  tokens: 2 },
      { expiresIn: undefined, advance: 61,  tokens: 2 }
    ])('expires_in $expiresIn, $advance s later: $tokens token request(s)', async ({ expiresIn, advance, tokens }) => {
      let fakeNow = Date.now()
      // The token server's clock is the client's (fake) one: issued_at from
      // the real clock would make a token fetched after the jump look
      // already expired (docker trusts issued_at the same way).
      front.mapAnswer = ({ expires_in: _dropped, ...rest }) => ({
        ...rest,
        issued_at: new Date(fakeNow).toISOString(),
        ...(expiresIn === undefined ? {} : { expires_in: expiresIn })
      })
      const client = new RegistryClient({ domain: proxy.host, credentials: USER, now: () => fakeNow })
      try {
        await inspectWith(client, PRIVATE(), USER)
        fakeNow += advance * 1000
        proxy.requests.length = 0
        await inspectWith(client, PRIVATE(), USER)
      } finally {
        client.dispose()
      }
      expect(front.requests).toHaveLength(tokens)
      // a token known to be stale is replaced before use, not after a 401
      expect(registrySeen().map((r) => r[2])).toEqual([200, 307])
    })

    // prettier-ignore
    test.each([
      { name: 'anonymous',              who: undefined,  method: 'GET' },
      { name: 'with a password',        who: USER,       method: 'GET' },
      { name: 'with an identity token', who: 'identity', method: 'POST' }
    ] as const)('shares one token request between concurrent requests ($name)', async ({ who, method }) => {
      const credentials: Credentials | undefined =
        who === 'identity' ? { username: '', password: '', identityToken: refreshToken } : who
      const repo = credentials ? 'acme/private' : 'library/app'
      const tag = credentials ? 'v1' : 'latest'
      const client = new RegistryClient({ domain: proxy.host, credentials })
      try {
        const [a, b] = await Promise.all([
          client.getManifest(repo, tag),
          client.getManifest(repo, tag)
        ])
        expect(a.digest).toBe(b.digest)
      } finally {
        client.dispose()
      }
      expect(front.requests.map((r) => r.method)).toEqual([method])
      expect(registrySeen().map((r) => r[2]).sort()).toEqual([200, 200, 401, 401])
    })

    // answer: what the registry answers (to the nth manifest request);
    // requests: registry requests made; tokens: token requests made
    // prettier-ignore
    test.each([
      { name: '401 with the same challenge to every token', answer: (u: UpstreamResponse, realm: string) => withChallenge({ ...u, status: 401 }, `Bearer realm="${realm}",service="${SERVICE}"`), requests: 2, tokens: 1 },
      { name: '401 insufficient_scope naming a new scope each time', answer: (u: UpstreamResponse, realm: string, n: number) => withChallenge({ ...u, status: 401 }, `Bearer realm="${realm}",service="${SERVICE}",scope="repository:other${n}:pull",error="insufficient_scope"`), requests: 3, tokens: 2 }
    ])('stops after a bounded number of tries on $name', async ({ answer, requests, tokens }) => {
      let n = 0
      respond = (u, pathname) => (pathname.includes('/manifests/') ? answer(u, front.realm, n++) : u)
      const client = new RegistryClient({ domain: proxy.host, credentials: USER })
      let error: unknown
      try {
        await inspectWith(client, PRIVATE(), USER).catch((e: unknown) => (error = e))
      } finally {
        client.dispose()
      }
      expect(String(error)).toMatch(/access denied \(401\)/)
      expect(proxy.requests).toHaveLength(requests)
      expect(front.requests).toHaveLength(tokens)
    })

    it('re-fetches once, then stops, when the blob refuses a fresh token', async () => {
      respond = (u, pathname) =>
        pathname.includes('/blobs/')
          ? withChallenge(
              { ...u, status: 401, body: Buffer.from('{}') },
              `Bearer realm="${front.realm}",service="${SERVICE}"`
            )
          : defaultRespond(u)
      const result = await runAction({ image: PUBLIC() })
      expect(result.failed).toBe(true)
      expect(registrySeen().map((r) => [r[1], r[2]])).toEqual([
        ['/v2/library/app/manifests/latest', 401],
        ['/v2/library/app/manifests/latest', 200],
        [`/v2/library/app/blobs/${image.configDigest}`, 401],
        [`/v2/library/app/blobs/${image.configDigest}`, 401]
      ])
      expect(front.requests).toHaveLength(2)
    })
  })

  describe("the 'insecure-registries' input", () => {
    /** getInputs() with these INPUT_* variables, restored after. */
    async function inputs(values: Record<string, string>): Promise<string[]> {
      const saved = { ...process.env }
      try {
        for (const [k, v] of Object.entries(values))
          process.env[`INPUT_${k.toUpperCase()}`] = v
        return (await getInputs()).insecureRegistries
      } finally {
        process.env = saved
      }
    }

    // text: the input as written; expected: the hosts it lists
    // prettier-ignore
    const lists: { text: string; expected: string[] }[] = [
      { text: '',                                   expected: [] },
      { text: 'registry.local:5000',                expected: ['registry.local:5000'] },
      { text: 'a.example.com, b.example.com:5000',  expected: ['a.example.com', 'b.example.com:5000'] },
      { text: 'a.example.com\nb.example.com:5000\n', expected: ['a.example.com', 'b.example.com:5000'] },
      { text: 'http://Registry.Local:5000/',        expected: ['registry.local:5000'] },
      { text: '# lab registries\n10.0.0.7:5000  # the old one\n[::1]:5000,localhost', expected: ['10.0.0.7:5000', '[::1]:5000', 'localhost'] }
    ]

    // the title shows the text as JSON: some have newlines
    // prettier-ignore
    test.each(lists.map((row) => ({ ...row, json: JSON.stringify(row.text) })))('reads $json', async ({ text, expected }) => {
      expect(await inputs({ image: 'nginx', 'insecure-registries': text })).toEqual(expected)
      const result = await runAction({ image: PUBLIC(), 'insecure-registries': text })
      expectPulled(result, pub)
    })

    // prettier-ignore
    test.each([
      'https://registry.local',
      'registry.local/v2',
      'user@registry.local',
      'registry.local:5000:1',
      'registry.local:65536',
      'registry.local:0',
      '-bad.example.com',
      'a..b',
      'http://',
      'good.example.com, bad_host!'
    ])('refuses %j before any request', async (text) => {
      const result = await runAction({ image: PUBLIC(), 'insecure-registries': text })
      expect(result.failed).toBe(true)
      expect(result.error).toMatch(/^Input 'insecure-registries': ".*" is not a registry host: list hosts like registry\.local:5000, one per line\.$/)
      expect(proxy.requests).toEqual([])
      expect(front.requests).toEqual([])
    })

    // prettier-ignore
    test.each<{ domain: string; insecure: boolean | undefined; protocol: string }>([
      { domain: 'registry.example.com:5000', insecure: true,      protocol: 'http:' },
      { domain: 'registry.example.com:5000', insecure: false,     protocol: 'https:' },
      { domain: 'registry.example.com',      insecure: undefined, protocol: 'https:' },
      { domain: 'localhost:5000',            insecure: false,     protocol: 'http:' },
      { domain: '127.0.0.1:5000',            insecure: undefined, protocol: 'http:' },
      { domain: '[::1]:5000',                insecure: false,     protocol: 'http:' }
    ])('RegistryClient for $domain (insecure $insecure) speaks $protocol', ({ domain, insecure, protocol }) => {
      const client = new RegistryClient({ domain, insecure })
      try {
        expect(client.base.protocol).toBe(protocol)
      } finally {
        client.dispose()
      }
    })
  })

  // The bundled action in a child process: a preload resolves the
  // non-loopback name registry.test to 127.0.0.1 (as protocol.test.ts does).
  describe('the bundled action (dist/index.js in a child process)', () => {
    let dir: string
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(helpers.root, 'bundled-'))
      fs.writeFileSync(
        path.join(dir, 'resolve.mjs'),
        [
          "import dns from 'node:dns'",
          'const lookup = dns.lookup',
          'dns.lookup = function (host, ...rest) {',
          "  return lookup.call(this, host === 'registry.test' ? '127.0.0.1' : host, ...rest)",
          '}'
        ].join('\n')
      )
    })

    /**
     * Runs dist/index.js; kills it after timeoutMs, or as soon as its stdout
     * matches `until` (then `code` is that of the kill).
     */
    function runBundled(
      inputs: Record<string, string>,
      options: {
        dockerConfig?: unknown
        timeoutMs?: number
        until?: RegExp
      } = {}
    ): Promise<{ code: number; stdout: string; output: string; ms: number }> {
      const output = path.join(dir, 'output')
      fs.writeFileSync(output, '')
      const docker = fs.mkdtempSync(path.join(dir, 'docker-'))
      if (options.dockerConfig)
        fs.writeFileSync(
          path.join(docker, 'config.json'),
          JSON.stringify(options.dockerConfig)
        )
      const env: Record<string, string> = {
        PATH: helpers.path,
        HOME: dir,
        DOCKER_CONFIG: docker,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: path.join(dir, 'summary')
      }
      for (const [name, value] of Object.entries(inputs))
        env[`INPUT_${name.toUpperCase()}`] = value
      const started = Date.now()
      return new Promise((resolve) => {
        let seen = ''
        const child = execFile(
          process.execPath,
          [
            '--import',
            path.join(dir, 'resolve.mjs'),
            fileURLToPath(new URL('../../dist/index.js', import.meta.url))
          ],
          { env, timeout: options.timeoutMs ?? 3_000 },
          (error, stdout) => {
            resolve({
              code: error ? Number(error.code ?? 1) : 0,
              stdout: String(stdout),
              output: fs.readFileSync(output, 'utf8'),
              ms: Date.now() - started
            })
          }
        )
        child.stdout?.on('data', (chunk: Buffer | string) => {
          seen += String(chunk)
          if (options.until?.test(seen)) child.kill()
        })
      })
    }

    // the registry at registry.test:PORT (plain http); list: what the input
    // lists, given the port; works: whether the image is read
    // prettier-ignore
    test.each([
      { name: 'no input',                     list: () => '',                                      works: false },
      { name: 'registry.test:PORT',           list: (port: string) => `registry.test:${port}`,         works: true },
      { name: 'http://registry.test:PORT/',   list: (port: string) => `http://registry.test:${port}/`, works: true },
      { name: 'REGISTRY.TEST:PORT',           list: (port: string) => `REGISTRY.TEST:${port}`,         works: true },
      { name: 'registry.test (any port)',     list: () => 'registry.test',                         works: true },
      { name: 'other hosts and another port', list: () => 'other.test, registry.test:1',           works: false }
    ])('registry.test:PORT (plain http) with insecure-registries = $name', async ({ list, works }) => {
      const port = proxy.host.split(':')[1]
      const image = `registry.test:${port}/library/app:latest`
      const result = await runBundled({ image, 'insecure-registries': list(port) })
      if (works) {
        expect(result.code).toBe(0)
        expect(result.output).toContain(pub.digest)
        expect(registrySeen()[0]).toEqual(['GET', '/v2/library/app/manifests/latest', 401, undefined])
      } else {
        // https to a plain http server: the TLS handshake fails, is not
        // retried, and the message points at the input that fixes it
        expect(result.code).toBe(1)
        expect(result.stdout).toContain(
          `::error::Cannot inspect ${image}: registry.test:${port} does not speak https here (EPROTO). If it is a plain-http registry you trust, list it in the 'insecure-registries' input`
        )
        expect(result.stdout).not.toMatch(/retrying/)
        expect(result.stdout).not.toContain(`http://registry.test:${port}/`)
        expect(result.output).toBe('')
        expect(proxy.requests).toEqual([])
      }
    })

    describe('a credential helper that is not installed', () => {
      let running: ReturnType<typeof runBundled> | undefined
      // one child process for both tests
      const run = (): ReturnType<typeof runBundled> =>
        (running ??= runBundled(
          { image: `${proxy.host}/library/app:latest` },
          {
            dockerConfig: { credHelpers: { [proxy.host]: 'not-installed' } },
            timeoutMs: 1_500
          }
        ))

      it('is a warning, and a public image is still read anonymously', async () => {
        const result = await run()
        expect(result.stdout).toMatch(
          /^::warning::.*config\.json credHelpers\["127\.0\.0\.1:\d+"\]: credential helper docker-credential-not-installed is not installed \(not found on PATH\); continuing without it$/m
        )
        expect(result.output).toContain(pub.digest)
      })

      // Bug: credential-helper.ts spawns with `timeout`, whose timer Node
      // clears only on 'exit'; a spawn failing with ENOENT emits 'error'
      // and 'close' but no 'exit', so the process lives on for 30 s.
      it('does not keep the action running after it is done', async () => {
        const result = await run()
        expect(result.ms).toBeLessThan(1_000)
        expect(result.code).toBe(0)
      })
    })
  })
})

describe('credentials against htpasswd Basic auth (ECR style)', () => {
  let reg: RunningRegistry
  let pushed: Pushed

  beforeAll(async () => {
    reg = await startRegistry({
      auth: 'htpasswd',
      redirect: true,
      users: [USER]
    })
    pushed = await pushImage(reg, 'team/app', 'v1', buildImage({ seed: 'ecr' }))
  })
  afterAll(async () => {
    await reg?.stop()
  })

  it('sends a helper password as Basic to the registry, never to the CDN', async () => {
    helpers.clearRecords()
    const h = helpers.write('ecr-login', {
      answers: {
        [reg.host]: { Username: USER.username, Secret: USER.password }
      }
    })
    reg.resetLogs()
    const ok = await runAction(
      { image: `${reg.host}/team/app:v1` },
      {
        dockerConfig: { credHelpers: { [reg.host]: 'ecr-login' } },
        env: { PATH: helpers.path }
      }
    )
    expect(h.calls().map((c) => [c.argv, c.stdin])).toEqual([
      [['get'], reg.host]
    ])
    expect(ok.failed).toBe(false)
    expect(ok.outputs.get('digest')).toBe(pushed.digest)
    expect(
      reg.requests.map((r) => [r.status, r.headers.authorization])
    ).toEqual([
      [401, undefined],
      [200, basic(USER.username, USER.password)],
      [307, basic(USER.username, USER.password)]
    ])
    expect(reg.cdn!.requests.map((r) => r.headers.authorization)).toEqual([
      undefined
    ])
    expectMaskedOnly(ok.stdout, USER.password)
  })
})
