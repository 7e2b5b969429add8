// Proves the test harness itself (__tests__/support) against the real
// docker-registry: auth modes, byte-exact fixtures, redirect to the "CDN".
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import {
  startRegistry,
  type AuthMode,
  type RunningRegistry
} from '../support/registry.mjs'
import {
  buildImage,
  hostileConfig,
  MediaTypes,
  pushArtifact,
  pushImage,
  pushIndex,
  sha256,
  type BuiltImage,
  type Pushed
} from '../support/fixtures.mjs'
import { bcryptHash } from '../support/bcrypt.mjs'

const ACCEPT = [
  MediaTypes.ociIndex,
  MediaTypes.ociManifest,
  MediaTypes.dockerList,
  MediaTypes.dockerManifest
].join(', ')

const basic = (user: string, pass: string): string =>
  'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64')

// Tests that only make sense for some modes are not registered at all.
const itIf = (cond: boolean): typeof it =>
  cond ? it : ((() => undefined) as unknown as typeof it)

async function bytesOf(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer())
}

async function fetchToken(
  reg: RunningRegistry,
  scope: string,
  authorization?: string
): Promise<Response> {
  const u = new URL(reg.token!.realm)
  u.searchParams.set('service', reg.token!.service)
  u.searchParams.append('scope', scope)
  return fetch(u, { headers: authorization ? { authorization } : {} })
}

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString())
}

const modes: { auth: AuthMode; redirect: boolean }[] = [
  { auth: 'none', redirect: false },
  { auth: 'none', redirect: true },
  { auth: 'token', redirect: false },
  { auth: 'token', redirect: true },
  { auth: 'htpasswd', redirect: false },
  { auth: 'htpasswd', redirect: true }
]

describe.each(modes)('registry auth=$auth redirect=$redirect', (mode) => {
  const { auth, redirect } = mode
  const repo = 'team/app'
  let reg: RunningRegistry
  let image: BuiltImage
  let pushed: Pushed
  let index: Pushed & { children: Pushed[] }

  // Credentials a client would end up with for pulling `name`.
  async function pullAuth(name: string): Promise<Record<string, string>> {
    if (auth === 'none') return {}
    if (auth === 'htpasswd') return { authorization: basic('alice', 's3cret') }
    const res = await fetchToken(
      reg,
      `repository:${name}:pull`,
      basic('alice', 's3cret')
    )
    expect(res.status).toBe(200)
    const body = (await res.json()) as { token: string }
    return { authorization: `Bearer ${body.token}` }
  }

  beforeAll(async () => {
    const started = Date.now()
    reg = await startRegistry({ auth, redirect })
    // Generous bound: a start is ~50 ms, plus one RSA keygen per process.
    expect(Date.now() - started).toBeLessThan(5000)
    image = buildImage({ seed: `${auth}-${redirect}`, layerCount: 2 })
    pushed = await pushImage(reg, repo, 'v1', image)
    index = await pushIndex(
      reg,
      repo,
      'multi',
      [image, buildImage({ architecture: 'arm64', variant: 'v8' })],
      { attestation: true }
    )
  })

  afterAll(async () => {
    await reg?.stop()
  })

  it('does not log the harness own pushes', () => {
    expect(reg.requests).toEqual([])
  })

  it('answers GET /v2/ with the right challenge', async () => {
    const res = await fetch(`${reg.url}/v2/`)
    if (auth === 'none') {
      expect(res.status).toBe(200)
      return
    }
    expect(res.status).toBe(401)
    const challenge = res.headers.get('www-authenticate') ?? ''
    if (auth === 'token') {
      expect(challenge).toBe(
        `Bearer realm="${reg.token!.realm}",service="registry.test"`
      )
    } else {
      expect(challenge).toBe('Basic realm="test"')
    }
  })

  it('serves manifests by tag byte for byte, and logs the request', async () => {
    const headers = await pullAuth(repo)
    reg.resetLogs()
    for (const p of [pushed, index]) {
      const res = await fetch(`${reg.url}/v2/${repo}/manifests/${p.tag}`, {
        headers: { ...headers, accept: ACCEPT }
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe(p.mediaType)
      expect(res.headers.get('docker-content-digest')).toBe(p.digest)
      expect((await bytesOf(res)).equals(p.bytes)).toBe(true)
    }
    expect(reg.requests.map((r) => `${r.method} ${r.url} ${r.status}`)).toEqual(
      [
        `GET /v2/${repo}/manifests/v1 200`,
        `GET /v2/${repo}/manifests/multi 200`
      ]
    )
    expect(reg.requests[0].headers.accept).toBe(ACCEPT)
    expect(reg.requests[0].headers.authorization).toBe(headers.authorization)
  })

  it('serves index children and the attestation by digest', async () => {
    const headers = await pullAuth(repo)
    expect(index.children).toHaveLength(3)
    const parsed = JSON.parse(index.bytes.toString())
    expect(parsed.manifests[2].annotations).toEqual({
      'vnd.docker.reference.digest': image.manifestDigest,
      'vnd.docker.reference.type': 'attestation-manifest'
    })
    for (const child of index.children) {
      const res = await fetch(`${reg.url}/v2/${repo}/manifests/${child.tag}`, {
        headers: { ...headers, accept: ACCEPT }
      })
      expect(res.status).toBe(200)
      expect((await bytesOf(res)).equals(child.bytes)).toBe(true)
    }
  })

  itIf(auth !== 'none')('rejects requests without credentials', async () => {
    const res = await fetch(`${reg.url}/v2/${repo}/manifests/v1`)
    expect(res.status).toBe(401)
  })

  itIf(auth === 'htpasswd')('rejects a wrong password', async () => {
    const res = await fetch(`${reg.url}/v2/${repo}/manifests/v1`, {
      headers: { authorization: basic('alice', 'wrong') }
    })
    expect(res.status).toBe(401)
  })

  itIf(auth === 'token')('rejects a token for another repository', async () => {
    const token = reg.mintToken!([
      { type: 'repository', name: 'team/other', actions: ['pull'] }
    ])
    const res = await fetch(`${reg.url}/v2/${repo}/manifests/v1`, {
      headers: { authorization: `Bearer ${token}`, accept: ACCEPT }
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toContain(
      `scope="repository:${repo}:pull",error="insufficient_scope"`
    )
  })

  itIf(auth === 'token')(
    'lets anonymous tokens pull (default policy)',
    async () => {
      const res = await fetchToken(reg, `repository:${repo}:pull,push`)
      const body = (await res.json()) as { token: string; access_token: string }
      expect(body.access_token).toBe(body.token)
      expect(claims(body.token)).toMatchObject({
        iss: 'test-issuer',
        sub: '',
        aud: 'registry.test',
        access: [{ type: 'repository', name: repo, actions: ['pull'] }]
      })
      const man = await fetch(`${reg.url}/v2/${repo}/manifests/v1`, {
        headers: { authorization: `Bearer ${body.token}`, accept: ACCEPT }
      })
      expect(man.status).toBe(200)
      expect(reg.token!.requests.at(-1)!.url).toContain('scope=')
    }
  )

  itIf(!redirect)('serves blobs directly', async () => {
    const layer = image.layers[0]
    const res = await fetch(`${reg.url}/v2/${repo}/blobs/${layer.digest}`, {
      headers: await pullAuth(repo),
      redirect: 'manual'
    })
    expect(res.status).toBe(200)
    expect((await bytesOf(res)).equals(layer.bytes)).toBe(true)
  })

  itIf(redirect)(
    'redirects blobs to a CDN that refuses Authorization',
    async () => {
      const headers = await pullAuth(repo)
      reg.resetLogs()
      const res = await fetch(
        `${reg.url}/v2/${repo}/blobs/${image.configDigest}`,
        {
          headers,
          redirect: 'manual'
        }
      )
      expect(res.status).toBe(307)
      const location = res.headers.get('location')!
      expect(location.startsWith(reg.cdn!.url + '/')).toBe(true)

      const withAuth = await fetch(location, {
        headers: { authorization: 'Bearer whatever' }
      })
      expect(withAuth.status).toBe(400)
      expect(await withAuth.text()).toContain('Only one auth mechanism allowed')

      const plain = await fetch(location)
      expect(plain.status).toBe(200)
      const body = await bytesOf(plain)
      expect(body.equals(image.config)).toBe(true)
      expect(sha256(body)).toBe(image.configDigest)
      expect(reg.cdn!.requests).toHaveLength(2)
    }
  )
})

describe('token server policy', () => {
  let reg: RunningRegistry

  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token', anonymousPull: ['pub/*'] })
    const img = buildImage({ seed: 'policy' })
    await pushImage(reg, 'pub/app', 'v1', img)
    await pushImage(reg, 'priv/app', 'v1', img)
  })

  afterAll(async () => {
    await reg?.stop()
  })

  const pull = async (repo: string, token: string): Promise<number> => {
    const res = await fetch(`${reg.url}/v2/${repo}/manifests/v1`, {
      headers: { authorization: `Bearer ${token}`, accept: ACCEPT }
    })
    return res.status
  }

  it('grants anonymous pull only on matching repositories', async () => {
    const res = await fetchToken(reg, 'repository:priv/app:pull')
    const { token } = (await res.json()) as { token: string }
    expect(claims(token).access).toEqual([])
    expect(await pull('priv/app', token)).toBe(401)

    const pub = await fetchToken(reg, 'repository:pub/app:pull')
    expect(
      await pull('pub/app', ((await pub.json()) as { token: string }).token)
    ).toBe(200)
  })

  it('grants users what they ask, rejects bad credentials', async () => {
    const ok = await fetchToken(
      reg,
      'repository:priv/app:pull,push',
      basic('alice', 's3cret')
    )
    const { token } = (await ok.json()) as { token: string }
    expect(claims(token)).toMatchObject({
      sub: 'alice',
      access: [
        { type: 'repository', name: 'priv/app', actions: ['pull', 'push'] }
      ]
    })
    expect(await pull('priv/app', token)).toBe(200)

    const bad = await fetchToken(
      reg,
      'repository:priv/app:pull',
      basic('alice', 'nope')
    )
    expect(bad.status).toBe(401)
  })

  it('rejects an unknown service', async () => {
    const res = await fetch(`${reg.token!.realm}?service=nope&scope=x:y:pull`)
    expect(res.status).toBe(400)
  })

  it('supports the OAuth2 POST flow with refresh tokens', async () => {
    const post = (form: Record<string, string>) =>
      fetch(reg.token!.realm, {
        method: 'POST',
        body: new URLSearchParams({
          service: 'registry.test',
          scope: 'repository:priv/app:pull',
          client_id: 'test',
          ...form
        })
      })
    const first = await post({
      grant_type: 'password',
      username: 'alice',
      password: 's3cret'
    })
    const body = (await first.json()) as Record<string, string>
    expect(body.refresh_token).toBeTruthy()
    const again = await post({
      grant_type: 'refresh_token',
      refresh_token: body.refresh_token
    })
    const { token } = (await again.json()) as { token: string }
    expect(await pull('priv/app', token)).toBe(200)
  })

  it('honours token expiry (the registry allows 60 s of leeway)', async () => {
    const access = [{ type: 'repository', name: 'priv/app', actions: ['pull'] }]
    expect(await pull('priv/app', reg.mintToken!(access))).toBe(200)
    const expired = reg.mintToken!(access, { expiresIn: -120 })
    expect(await pull('priv/app', expired)).toBe(401)
    const wrongAud = reg.mintToken!(access, { audience: 'elsewhere' })
    expect(await pull('priv/app', wrongAud)).toBe(401)
  })
})

describe('fixtures', () => {
  it('are deterministic', () => {
    const a = buildImage({ seed: 'x', layerCount: 3, format: 'docker' })
    const b = buildImage({ seed: 'x', layerCount: 3, format: 'docker' })
    expect(a.manifest.equals(b.manifest)).toBe(true)
    expect(a.manifestDigest).toBe(sha256(a.manifest))
    const config = JSON.parse(a.config.toString())
    expect(config.rootfs.diff_ids).toHaveLength(3)
    expect(JSON.parse(a.manifest.toString()).config.digest).toBe(a.configDigest)
  })

  it('put a real "__proto__" key in the hostile config bytes', () => {
    const img = buildImage({ config: hostileConfig() })
    const text = img.config.toString()
    expect(text).toContain('"Labels":{"__proto__":"polluted"')
    const labels = JSON.parse(text).config.Labels
    expect(Object.keys(labels)).toContain('__proto__')
    expect(
      Object.keys(labels).filter((k) => k.startsWith('label.'))
    ).toHaveLength(300)
    expect(img.configDigest).toBe(sha256(img.config))
  })

  it('push a Helm-like artifact', async () => {
    const reg = await startRegistry()
    try {
      const art = await pushArtifact(reg, 'charts/hello', '0.1.0')
      const res = await fetch(`${reg.url}/v2/charts/hello/manifests/0.1.0`, {
        headers: { accept: MediaTypes.ociManifest }
      })
      expect((await bytesOf(res)).equals(art.bytes)).toBe(true)
      expect(JSON.parse(art.bytes.toString()).config).toMatchObject({
        mediaType: MediaTypes.helmConfig,
        digest: art.configDigest
      })
    } finally {
      await reg.stop()
    }
  })

  it('hash htpasswd passwords with bcrypt (known answers)', () => {
    const salt = Buffer.from([...Array(16).keys()])
    // Reference values from libxcrypt's crypt(3).
    expect(bcryptHash('s3cret', 4, salt)).toBe(
      '$2b$04$..CA.uOD/eaGAOmJB.yMBuAOHp6rU5r.lnFQF3DtFJ04WYkk5Tgii'
    )
    expect(bcryptHash('héllo 世界 🚀', 5, salt)).toBe(
      '$2b$05$..CA.uOD/eaGAOmJB.yMBuEl0OBZ.WG8h.yCSuCaDoUESaQQ9iew.'
    )
  })
})
