/**
 * Authentication against real Distribution: token auth like Docker Hub's
 * (RS256 JWTs the registry verifies) and htpasswd Basic like ECR's.
 */
import { afterAll, beforeAll, describe, expect, it, test } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  buildImage,
  pushImage,
  type BuiltImage,
  type Pushed
} from '../support/fixtures.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import { runAction } from '../support/action.js'
import { startFaultProxy } from '../support/fault-proxy.mjs'
import { inspect } from '../support/inspect.js'
import { RegistryClient } from '../../src/registry/client.js'
import { inspectImage } from '../../src/jobs/inspect.js'
import { parseReference } from '../../src/registry/reference.js'

const USER = { username: 'alice', password: 'pa:ss word' }
const base64 = (s: string): string => Buffer.from(s).toString('base64')

describe('token auth (Docker Hub style)', () => {
  let reg: RunningRegistry
  let image: BuiltImage
  let pub: Pushed
  let priv: Pushed

  beforeAll(async () => {
    reg = await startRegistry({
      auth: 'token',
      redirect: true,
      users: [USER],
      anonymousPull: ['library/*']
    })
    image = buildImage({ config: { Labels: { tier: 'public' } } })
    pub = await pushImage(reg, 'library/app', 'latest', image)
    priv = await pushImage(reg, 'acme/private', 'v1', image)
  })
  afterAll(async () => {
    await reg?.stop()
  })

  it('gets an anonymous token from the challenge, with no /v2/ ping', async () => {
    reg.resetLogs()
    const result = await runAction({ image: `${reg.host}/library/app` })
    expect(result.failed).toBe(false)
    expect(result.outputs.get('digest')).toBe(pub.digest)
    expect(reg.requests.map((r) => [r.method, r.url, r.status])).toEqual([
      ['GET', '/v2/library/app/manifests/latest', 401],
      ['GET', '/v2/library/app/manifests/latest', 200],
      ['GET', `/v2/library/app/blobs/${image.configDigest}`, 307]
    ])
    expect(reg.requests[0].headers.authorization).toBeUndefined()
    expect(reg.requests[1].headers.authorization).toMatch(/^Bearer /)
    expect(reg.requests[2].headers.authorization).toMatch(/^Bearer /)
    // the debug log says which realm was asked, for what, and how
    const realm = new URL(reg.token!.realm)
    expect(result.stdout).toContain(
      `::debug::Token from ${realm.protocol}//${realm.host}${realm.pathname} (service ${reg.token!.service}) for repository:library/app:pull, anonymous\n`
    )
    // one token, asked for with the service and the repository's pull scope
    expect(reg.token!.requests).toHaveLength(1)
    const tokenUrl = new URL(reg.token!.requests[0].url, reg.token!.url)
    expect(tokenUrl.searchParams.get('service')).toBe(reg.token!.service)
    expect(tokenUrl.searchParams.getAll('scope')).toEqual([
      'repository:library/app:pull'
    ])
    expect(reg.token!.requests[0].headers.authorization).toBeUndefined()
    // the CDN never sees the token
    expect(reg.cdn!.requests).toHaveLength(1)
    expect(reg.cdn!.requests[0].headers.authorization).toBeUndefined()
    // an anonymous token is anyone's: never printed, and not masked
    // either (the token server would choose what the log hides)
    const token = String(reg.requests[1].headers.authorization).slice(7)
    expect(result.stdout).not.toContain(token)
  })

  test.each([
    { name: 'the first request', prepare: false },
    {
      name: 'one token for two repositories, a background HEAD beside',
      prepare: true
    }
  ])(
    'skips the 401 round trip when the realm is known up front (as for Docker Hub): $name',
    async ({ prepare }) => {
      reg.resetLogs()
      // The token is answered only once the registry has answered the
      // warm-up, as on the internet, where a token costs more than a bodiless
      // GET /v2/; otherwise which connection the manifest takes is a race.
      const tokens = await startFaultProxy({ upstream: reg.token!.url })
      tokens.fault({
        name: 'after the warm-up',
        path: new URL(reg.token!.realm).pathname,
        rewrite: async (upstream) => {
          // at most 2 s: a client that sends no warm-up fails below
          for (let i = 0; i < 400 && !reg.requests[0]?.status; i++) {
            await sleep(5)
          }
          return upstream
        }
      })
      const realm = new URL(reg.token!.realm)
      const client = new RegistryClient({
        domain: reg.host,
        knownChallenge: {
          scheme: 'bearer',
          params: {
            realm: `${tokens.url}${realm.pathname}`,
            service: reg.token!.service
          }
        }
      })
      try {
        if (prepare) await client.prepare(['library/app', 'library/other'])
        // The HEAD asks first: on a shared pool it would take the warm
        // connection.
        const [head, info] = await Promise.all([
          prepare
            ? client.resolveDigest('library/app', 'latest', {
                background: true
              })
            : undefined,
          inspectImage(
            {
              reference: parseReference(`${reg.host}/library/app:latest`),
              platform: { os: 'linux', architecture: 'amd64' }
            },
            client
          )
        ])
        expect(info.digest).toBe(pub.digest)
        if (head) expect(head.digest).toBe(pub.digest)
      } finally {
        client.dispose()
        await tokens.close()
      }
      // The token first; meanwhile a bodiless GET /v2/ opened the registry's
      // connection, and the manifest request went out on it (no 401 of its
      // own); a background HEAD took a connection of its own.
      const line = (r: (typeof reg.requests)[number]): string =>
        `${r.method} ${r.url} ${r.status}`
      const manifest = 'GET /v2/library/app/manifests/latest 200'
      const background = 'HEAD /v2/library/app/manifests/latest 200'
      expect(line(reg.requests[0])).toBe('GET /v2/ 401')
      const blob = (text: string): string =>
        text.replace(/\/blobs\/sha256:[a-f0-9]{64} /, '/blobs/<digest> ')
      expect(reg.requests.slice(1).map(line).map(blob).sort()).toEqual(
        [
          manifest,
          ...(prepare ? [background] : []),
          'GET /v2/library/app/blobs/<digest> 307'
        ].sort()
      )
      const warm = reg.requests[0].connection
      const on = (request: string): number | undefined =>
        reg.requests.find((r) => line(r) === request)?.connection
      expect(on(manifest)).toBe(warm)
      if (prepare) expect(on(background)).not.toBe(warm)
      expect(reg.token!.requests).toHaveLength(1)
      const scopes = new URL(
        reg.token!.requests[0].url,
        reg.token!.url
      ).searchParams.getAll('scope')
      expect(scopes).toEqual(
        prepare
          ? ['repository:library/app:pull', 'repository:library/other:pull']
          : ['repository:library/app:pull']
      )
      expect(tokens.requests.map((r) => r.fault)).toEqual(['after the warm-up'])
    }
  )

  it('a HEAD leaves its connection to the request after it', async () => {
    reg.resetLogs()
    const client = new RegistryClient({ domain: reg.host })
    try {
      const head = await client.resolveDigest('library/app', 'latest')
      expect(head).toMatchObject({ digest: pub.digest, method: 'HEAD' })
      await client.getManifest('library/app', head.digest, { confirmed: true })
    } finally {
      client.dispose()
    }
    expect(reg.requests.map((r) => `${r.method} ${r.url} ${r.status}`)).toEqual(
      [
        'HEAD /v2/library/app/manifests/latest 401',
        'HEAD /v2/library/app/manifests/latest 200',
        `GET /v2/library/app/manifests/${pub.digest} 200`
      ]
    )
    // one connection: a GET sent before the HEAD's answer had ended would
    // have opened another (a round trip, and on https a TLS handshake)
    expect(new Set(reg.requests.map((r) => r.connection)).size).toBe(1)
  })

  it('does not wait for a connection warm-up slower than the token', async () => {
    // The registry holds its answer to GET /v2/ until the manifest request
    // has arrived: a client that waited for the warm-up would never send it.
    const proxy = await startFaultProxy({ upstream: reg.url })
    let manifestAsked = (): void => undefined
    const asked = new Promise<void>((resolve) => (manifestAsked = resolve))
    proxy.fault({
      name: 'observe',
      path: /\/manifests\//,
      when: () => {
        manifestAsked()
        return false
      },
      reply: () => undefined
    })
    proxy.fault({
      name: 'held warm-up',
      path: '/v2/',
      method: 'GET',
      reply: async (_req, res) => {
        await asked
        res.writeHead(401, { 'content-type': 'application/json' })
        res.end('{}')
      }
    })
    try {
      const info = await inspect(proxy.host, 'library/app:latest', {
        knownChallenge: {
          scheme: 'bearer',
          params: { realm: reg.token!.realm, service: reg.token!.service }
        }
      })
      expect(info.digest).toBe(pub.digest)
    } finally {
      await proxy.close()
    }
    expect(proxy.requests.map((r) => r.fault ?? '')).toContain('held warm-up')
  })

  it('sends credentials as Basic to the realm only, and pulls a private repository', async () => {
    reg.resetLogs()
    const result = await runAction({
      image: `${reg.host}/acme/private:v1`,
      username: USER.username,
      password: USER.password
    })
    expect(result.failed).toBe(false)
    expect(result.outputs.get('digest')).toBe(priv.digest)
    const basic = `Basic ${base64(`${USER.username}:${USER.password}`)}`
    expect(reg.token!.requests[0].headers.authorization).toBe(basic)
    for (const r of reg.requests)
      expect(r.headers.authorization).not.toBe(basic)
    expect(result.stdout).toContain('::add-mask::pa:ss word')
  })

  // prettier-ignore
  test.each([
    { name: 'auth (base64 user:password)', dockerConfig: (host: string) => ({ auths: { [host]: { auth: base64(`${USER.username}:${USER.password}`) } } }) },
    { name: 'username/password fields',    dockerConfig: (host: string) => ({ auths: { [host]: { username: USER.username, password: USER.password } } }) },
    { name: 'an https:// key',             dockerConfig: (host: string) => ({ auths: { [`https://${host}`]: { auth: base64(`${USER.username}:${USER.password}`) } } }) }
  ])('reads credentials from the docker config: $name', async ({ dockerConfig }) => {
    const result = await runAction(
      { image: `${reg.host}/acme/private:v1` },
      { dockerConfig: dockerConfig(reg.host) }
    )
    expect(result.failed).toBe(false)
    expect(result.outputs.get('digest')).toBe(priv.digest)
    expect(result.stdout).toContain('::add-mask::pa:ss word')
  })

  it('lets the inputs win over the docker config', async () => {
    const result = await runAction(
      {
        image: `${reg.host}/acme/private:v1`,
        username: USER.username,
        password: USER.password
      },
      {
        dockerConfig: { auths: { [reg.host]: { auth: base64('alice:wrong') } } }
      }
    )
    expect(result.failed).toBe(false)
  })

  it('explains a private repository pulled anonymously, without looping', async () => {
    reg.resetLogs()
    const result = await runAction({ image: `${reg.host}/acme/private:v1` })
    expect(result.failed).toBe(true)
    expect(result.error).toMatch(
      /requires authentication for 127\.0\.0\.1:\d+\/acme\/private, or the repository does not exist\. Provide credentials/
    )
    expect(result.outputFile).toBe('')
    // 401 → token (no access) → 401 again → stop
    expect(reg.token!.requests).toHaveLength(1)
    expect(reg.requests.map((r) => r.status)).toEqual([401, 401])
  })

  it('says the password was rejected', async () => {
    const result = await runAction({
      image: `${reg.host}/acme/private:v1`,
      username: USER.username,
      password: 'wrong'
    })
    expect(result.failed).toBe(true)
    expect(result.error).toMatch(
      /token server .* answered 401: the credentials were rejected/
    )
    expect(result.outputFile).toBe('')
  })

  it('recovers with one extra round trip when a token for the wrong repository is refused', async () => {
    // A token server that hands out a valid token for another repository.
    const wrong = reg.mintToken!([
      { type: 'repository', name: 'acme/other', actions: ['pull'] }
    ])
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ token: wrong, expires_in: 300 }))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as AddressInfo).port
    reg.resetLogs()
    const client = new RegistryClient({
      domain: reg.host,
      credentials: USER,
      knownChallenge: {
        scheme: 'bearer',
        params: {
          realm: `http://127.0.0.1:${port}/token`,
          service: reg.token!.service
        }
      }
    })
    try {
      const info = await inspectImage(
        {
          reference: parseReference(`${reg.host}/acme/private:v1`),
          platform: { os: 'linux', architecture: 'amd64' }
        },
        client
      )
      expect(info.digest).toBe(priv.digest)
    } finally {
      client.dispose()
      server.close()
    }
    // the registry refused the wrong token, then accepted one from its realm
    // (the first 401 answers the connection warm-up, GET /v2/)
    expect(
      reg.requests.map((r) => `${r.url.split('/')[4] ?? ''} ${r.status}`)
    ).toEqual([' 401', 'manifests 401', 'manifests 200', 'blobs 307'])
    expect(reg.token!.requests).toHaveLength(1)
  })
})

describe('htpasswd Basic auth (ECR style)', () => {
  let reg: RunningRegistry
  let image: BuiltImage
  let pushed: Pushed

  beforeAll(async () => {
    reg = await startRegistry({
      auth: 'htpasswd',
      redirect: true,
      users: [USER]
    })
    image = buildImage({ config: { User: 'nobody' } })
    pushed = await pushImage(reg, 'team/app', 'v1', image)
  })
  afterAll(async () => {
    await reg?.stop()
  })

  it('answers the Basic challenge and keeps Basic off the CDN', async () => {
    reg.resetLogs()
    const result = await runAction({
      image: `${reg.host}/team/app:v1`,
      username: USER.username,
      password: USER.password
    })
    expect(result.failed).toBe(false)
    expect(result.outputs.get('digest')).toBe(pushed.digest)
    expect(result.outputs.get('user')).toBe('nobody')
    expect(reg.requests.map((r) => r.status)).toEqual([401, 200, 307])
    expect(reg.requests[1].headers.authorization).toMatch(/^Basic /)
    expect(reg.cdn!.requests[0].headers.authorization).toBeUndefined()
  })

  it('fails clearly without credentials', async () => {
    const result = await runAction({ image: `${reg.host}/team/app:v1` })
    expect(result.failed).toBe(true)
    expect(result.error).toMatch(/requires authentication/)
    expect(result.error).toMatch(/no credentials were sent/)
  })

  it('fails clearly with a wrong password', async () => {
    const result = await runAction({
      image: `${reg.host}/team/app:v1`,
      username: USER.username,
      password: 'nope'
    })
    expect(result.failed).toBe(true)
    expect(result.error).toMatch(
      /access denied \(401\) with the credentials from the 'username'\/'password' inputs/
    )
  })
})
