/**
 * What a red-team review found, each now a regression test asserting the
 * safe behaviour: images that read one way to this action and another way
 * to the container runtimes, tag pages and CDNs that tried to take the
 * credentials elsewhere, a shared cache that answered for content another
 * registry served, budgets a registry could blow, and crashes where a
 * clear message belongs. Two hostile registries on loopback play the
 * attacker (support/hostile-registry.ts).
 */
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest,
  test
} from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildImage, MediaTypes } from '../support/fixtures.mjs'
import {
  HostileRegistry,
  type HostileRequest,
  type Reply
} from '../support/hostile-registry.js'
import { runAction, type ActionRun } from '../support/action.js'
import { FakeGitHub, PR } from '../support/fake-github.js'
import { expectFailure, expectOk } from '../support/expect.js'

const OCI_INDEX = MediaTypes.ociIndex
const OCI_MANIFEST = MediaTypes.ociManifest
const OCI_CONFIG = MediaTypes.ociConfig
const json = { 'content-type': 'application/json' }

/** A manifest naming a config blob by digest (and nothing else). */
const manifestFor = (
  config: { digest: string; size: number },
  key = 'config'
): string =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    [key]: { mediaType: OCI_CONFIG, ...config },
    layers: []
  })

describe('red-team findings, fixed', () => {
  let reg: HostileRegistry
  let other: HostileRegistry
  let tmp: string
  beforeAll(async () => {
    reg = await HostileRegistry.start()
    other = await HostileRegistry.start()
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-red-team-'))
  })
  afterAll(async () => {
    await reg?.close()
    await other?.close()
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })
  beforeEach(() => {
    reg.reset()
    other.reset()
  })
  const ref = (repo: string, tag = 'v1'): string => `${reg.host}/${repo}:${tag}`

  describe('an image reads the same to the action as to the runtimes', () => {
    /** A config blob written by hand, served as evil/app:v1. */
    const serveConfig = (config: string): void => {
      const digest = reg.blob('evil/app', config)
      reg.manifest(
        'evil/app',
        'v1',
        manifestFor({ digest, size: Buffer.byteLength(config) }),
        OCI_MANIFEST
      )
    }

    // prettier-ignore
    test.each([
      { name: 'User and user in the container config', config: '{"os":"linux","architecture":"amd64","config":{"User":"app","user":"root"}}', keys: '"User" and "user"' },
      { name: 'config and Config at the top',           config: '{"os":"linux","architecture":"amd64","config":{"User":"app"},"Config":{"User":"root"}}', keys: '"config" and "Config"' },
      { name: 'Env and ENV',                            config: '{"config":{"User":"app","Env":["A=1"],"ENV":["LD_PRELOAD=/tmp/x.so"]}}', keys: '"Env" and "ENV"' },
      { name: 'a Kelvin sign for a k (WorKingDir)',     config: '{"config":{"User":"app","WorkingDir":"/app","Wor\u212aingDir":"/"}}', keys: '"WorkingDir" and "Wor\u212aingDir"' },
      { name: 'a long s for an s (Uſer)',               config: '{"config":{"User":"app","U\u017fer":"root"}}', keys: '"User" and "U\u017fer"' }
    ])('a config with $name is refused as ambiguous', async ({ config, keys }) => {
      serveConfig(config)
      const result = await runAction({ image: ref('evil/app'), assert: 'user is not root' })
      expectFailure(result, new RegExp(`The config blob has both ${keys}, which container runtimes read as one field; refusing an ambiguous config blob$`))
    })

    it('a key given twice in the same case reads as the last, as everywhere', async () => {
      serveConfig('{"config":{"User":"root","User":"app"}}')
      const result = await runAction({
        image: ref('evil/app'),
        assert: 'user is not root'
      })
      expectOk(result)
      expect(result.outputs.get('user')).toBe('app')
    })

    it('a field in another case alone counts as that field, as Go reads it', async () => {
      serveConfig(
        '{"OS":"linux","Architecture":"amd64","config":{"user":"root","env":["PATH=/bin"],"LABELS":{"a":"b"}}}'
      )
      const result = await runAction({
        image: ref('evil/app'),
        assert: 'user is not root',
        'report-only': 'true'
      })
      expectOk(result)
      expect(result.outputs.get('user')).toBe('root')
      expect(result.outputs.get('os')).toBe('linux')
      expect(result.outputs.get('env')).toBe('{"PATH":"/bin"}')
      expect(result.outputs.get('labels')).toBe('{"a":"b"}')
      expect(result.outputs.get('passed')).toBe('false')
    })

    it('a manifest with config and Config is refused', async () => {
      const benign = reg.blob('evil/app', '{"config":{"User":"app"}}')
      const evil = reg.blob('evil/app', '{"config":{"User":"root"}}')
      const manifest = JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_CONFIG, digest: benign, size: 25 },
        Config: { mediaType: OCI_CONFIG, digest: evil, size: 26 },
        layers: []
      })
      reg.manifest('evil/app', 'v1', manifest, OCI_MANIFEST)
      const result = await runAction({ image: ref('evil/app') })
      expectFailure(
        result,
        /The manifest has both "config" and "Config", which container runtimes read as one field/
      )
    })

    it('an index platform with architecture and Architecture is refused', async () => {
      const image = buildImage({ seed: 'fold-platform' })
      reg.image('evil/app', undefined, image)
      const index = JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          {
            mediaType: OCI_MANIFEST,
            digest: image.manifestDigest,
            size: image.manifest.length,
            platform: {
              os: 'linux',
              architecture: 'amd64',
              Architecture: 's390x'
            }
          }
        ]
      })
      reg.manifest('evil/app', 'v1', index, OCI_INDEX)
      const result = await runAction({ image: ref('evil/app') })
      expectFailure(
        result,
        /The index entry platform has both "architecture" and "Architecture"/
      )
    })

    it('an entry annotated as an attestation but with a real platform is chosen, as runtimes choose it', async () => {
      const first = buildImage({
        seed: 'attested-but-real',
        config: { User: 'root' }
      })
      const second = buildImage({ seed: 'benign', config: { User: 'app' } })
      reg.image('evil/app', undefined, first)
      reg.image('evil/app', undefined, second)
      const entry = (
        image: typeof first,
        annotations?: Record<string, string>
      ) => ({
        mediaType: OCI_MANIFEST,
        digest: image.manifestDigest,
        size: image.manifest.length,
        platform: { os: 'linux', architecture: 'amd64' },
        ...(annotations ? { annotations } : {})
      })
      const index = JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          entry(first, { 'vnd.docker.reference.type': 'attestation-manifest' }),
          entry(second)
        ]
      })
      reg.manifest('evil/app', 'v1', index, OCI_INDEX)
      const result = await runAction({ image: ref('evil/app') })
      expectOk(result)
      expect(result.outputs.get('image-digest')).toBe(first.manifestDigest)
      expect(result.outputs.get('user')).toBe('root')
    })

    it('a platform field with "/" in it is no platform: it cannot take another one\'s name', async () => {
      const real = buildImage({ seed: 'v3-real', config: { User: 'root' } })
      const decoy = buildImage({ seed: 'v3-decoy', config: { User: 'app' } })
      reg.image('evil/app', undefined, real)
      reg.image('evil/app', undefined, decoy)
      const index = JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          {
            mediaType: OCI_MANIFEST,
            digest: real.manifestDigest,
            size: real.manifest.length,
            platform: { os: 'linux', architecture: 'amd64', variant: 'v3' }
          },
          {
            mediaType: OCI_MANIFEST,
            digest: decoy.manifestDigest,
            size: decoy.manifest.length,
            platform: { os: 'linux', architecture: 'amd64/v3' }
          }
        ]
      })
      reg.manifest('evil/app', 'v1', index, OCI_INDEX)
      const result = await runAction({
        image: ref('evil/app'),
        platform: 'all'
      })
      expectOk(result)
      const results = JSON.parse(result.outputs.get('results')!)
      expect(Object.keys(results)).toEqual(['linux/amd64/v3'])
      expect(results['linux/amd64/v3'].user).toBe('root')
    })
  })

  describe('credentials stay with the registry', () => {
    const basic = `Basic ${Buffer.from('alice:hunter2-password').toString('base64')}`
    const basicGate = (r: HostileRequest): Reply | undefined =>
      r.path.startsWith('/v2/') && r.headers.authorization !== basic
        ? { status: 401, headers: { 'www-authenticate': 'Basic realm="reg"' } }
        : undefined

    it('a tag page link with a "//host" path stays on the registry', async () => {
      reg.on(basicGate)
      reg.image('evil/tags', '1.0.0', buildImage({ seed: 'link' }))
      reg.tags('evil/tags', (page) =>
        page === 0
          ? {
              headers: {
                ...json,
                link: `<${reg.url}//${other.host}/steal>; rel="next"`
              },
              body: JSON.stringify({ tags: ['1.0.0'] })
            }
          : { headers: json, body: JSON.stringify({ tags: [] }) }
      )
      other.on(() => ({
        headers: json,
        body: JSON.stringify({ tags: ['9.9.9'] })
      }))
      const result = await runAction({
        image: `${reg.host}/evil/tags`,
        tag: 'semver:*',
        username: 'alice',
        password: 'hunter2-password'
      })
      expect(other.requests).toEqual([])
      // the odd page was asked of the registry itself, which has no such page
      expect(reg.requests.some((r) => r.url === `//${other.host}/steal`)).toBe(
        true
      )
      expect(result.stdout).not.toContain('9.9.9')
    })

    it("a 401 from a blob's CDN does not choose where the credentials go", async () => {
      reg.on(basicGate)
      reg.image('team/app', 'v1', buildImage({ seed: 'cdn' }))
      reg.on((r) =>
        r.path.includes('/blobs/')
          ? { status: 307, headers: { location: `${other.url}/cdn/blob` } }
          : undefined
      )
      other.on((r) =>
        r.path === '/cdn/blob'
          ? {
              status: 401,
              headers: { 'www-authenticate': `Basic realm="harvest"` }
            }
          : { status: 403 }
      )
      const result = await runAction({
        image: ref('team/app'),
        username: 'alice',
        password: 'hunter2-password',
        retries: '0'
      })
      expectFailure(result, /answered 401 for the config blob/)
      expect(
        other.requests.map((r) => [r.path, r.headers.authorization])
      ).toEqual([['/cdn/blob', undefined]])
    })
  })

  describe('a shared cache-dir answers only for the repository that served the content', () => {
    const secret = buildImage({
      seed: 'private-config',
      config: { Env: ['DATABASE_URL=postgres://admin:S3cr3t@db/prod'] }
    })
    let cache: string
    beforeEach(async () => {
      cache = fs.mkdtempSync(path.join(tmp, 'cache-'))
      reg.image('private/app', 'v1', secret)
      const warm = await runAction({
        image: ref('private/app'),
        'cache-dir': cache
      })
      expectOk(warm)
    })
    const expectNoLeak = (result: ActionRun): void => {
      expect(result.failed).toBe(true)
      for (const text of [result.outputFile, result.summary, result.stdout]) {
        expect(text).not.toContain('S3cr3t')
      }
    }

    it("another registry's manifest naming the cached config", async () => {
      other.manifest(
        'evil/app',
        'v1',
        manifestFor({
          digest: secret.configDigest,
          size: secret.config.length
        }),
        OCI_MANIFEST
      )
      const result = await runAction({
        image: `${other.host}/evil/app:v1`,
        'cache-dir': cache
      })
      expectNoLeak(result)
      // it had to ask the other registry for the blob, which has none
      expect(
        other.requests.filter((r) => r.path.includes('/blobs/'))
      ).toHaveLength(1)
    })

    it("another registry's index naming the cached manifest", async () => {
      const index = JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          {
            mediaType: OCI_MANIFEST,
            digest: secret.manifestDigest,
            size: secret.manifest.length,
            platform: { os: 'linux', architecture: 'amd64' }
          }
        ]
      })
      other.manifest('evil/app', 'v1', index, OCI_INDEX)
      const result = await runAction({
        image: `${other.host}/evil/app:v1`,
        'cache-dir': cache
      })
      expectNoLeak(result)
    })

    it("another registry's HEAD claiming the cached digest", async () => {
      other.on((r) =>
        r.method === 'HEAD' &&
        r.path === `/v2/evil/app/manifests/${secret.manifestDigest}`
          ? {
              headers: {
                'content-type': OCI_MANIFEST,
                'docker-content-digest': secret.manifestDigest
              }
            }
          : undefined
      )
      const result = await runAction({
        image: `${other.host}/evil/app@${secret.manifestDigest}`,
        'cache-dir': cache
      })
      expectNoLeak(result)
    })

    it('another repository of the same registry downloads what it needs', async () => {
      reg.image('private/copy', 'v1', secret)
      reg.reset()
      reg.image('private/copy', 'v1', secret)
      const result = await runAction({
        image: ref('private/copy'),
        'cache-dir': cache
      })
      expectOk(result)
      expect(
        reg.requests.filter((r) => r.method === 'GET').map((r) => r.path)
      ).toEqual([
        `/v2/private/copy/manifests/${secret.manifestDigest}`,
        `/v2/private/copy/blobs/${secret.configDigest}`
      ])
    })
  })

  describe('tokens', () => {
    const tokenGate = (body: string, token: string): void => {
      reg.on((r): Reply | undefined => {
        if (r.path === '/token') return { headers: json, body }
        if (
          r.path.startsWith('/v2/') &&
          r.headers.authorization !== `Bearer ${token}`
        ) {
          return {
            status: 401,
            headers: {
              'www-authenticate': `Bearer realm="${reg.url}/token",service="s"`
            }
          }
        }
        return undefined
      })
    }

    it('an anonymous token equal to the digest is not masked: the token server does not choose what the log hides', async () => {
      const image = buildImage({ seed: 'mask' })
      tokenGate(
        JSON.stringify({
          token: image.manifestDigest,
          refresh_token: 'image assertions failed'
        }),
        image.manifestDigest
      )
      reg.image('evil/app', 'v1', image)
      const result = await runAction({ image: ref('evil/app') })
      expectOk(result)
      expect(result.stdout).not.toMatch(/^::add-mask::/m)
      expect(result.stdout).toContain(`→ ${image.manifestDigest}`)
    })

    it('a token server answering JSON null fails clearly', async () => {
      tokenGate('null', 'never')
      reg.image('evil/app', 'v1', buildImage({ seed: 'null-token' }))
      const result = await runAction({ image: ref('evil/app') })
      expectFailure(
        result,
        /The token server http:\/\/127\.0\.0\.1:\d+ did not answer with a JSON object$/
      )
    })

    it('a token "issued" in 1970 is fetched once, not once per request', async () => {
      tokenGate(
        JSON.stringify({
          token: 'old-but-good-token',
          issued_at: '1970-01-01T00:00:00Z',
          expires_in: 300
        }),
        'old-but-good-token'
      )
      reg.image('evil/app', 'v1', buildImage({ seed: 'old-token' }))
      const result = await runAction({ image: ref('evil/app') })
      expectOk(result)
      expect(reg.requests.filter((r) => r.path === '/token')).toHaveLength(1)
    })
  })

  describe('budgets and clear messages', () => {
    it('a label nested 200,000 levels deep fails with a message, not a stack overflow', async () => {
      const nested = '['.repeat(200_000) + ']'.repeat(200_000)
      const config = `{"architecture":"amd64","os":"linux","config":{"Labels":{"a":${nested}}}}`
      const digest = reg.blob('evil/app', config)
      reg.manifest(
        'evil/app',
        'v1',
        manifestFor({ digest, size: config.length }),
        OCI_MANIFEST
      )
      const result = await runAction({ image: ref('evil/app') })
      expectFailure(
        result,
        /The config's label "a" is not a string and is nested too deeply to show$/
      )
    })

    it('a bracketed host that is not IPv6 is an input error', async () => {
      const result = await runAction({ image: '[1]:5000/app:v1' })
      expectFailure(
        result,
        /^Input 'image': "\[1\]:5000\/app:v1" is not a valid image reference: "\[1\]:5000" is not a valid registry host/
      )
    })

    it('platform: all stops at 16 MiB of configs in all', async () => {
      const labels: string[] = []
      for (let i = 0, size = 0; size < 4 * 1024 * 1024 - 1000; i++) {
        const item = `"${i.toString(36)}":""`
        labels.push(item)
        size += item.length + 1
      }
      const config = `{"architecture":"amd64","os":"linux","config":{"Labels":{${labels.join(',')}}}}`
      const image = buildImage({ seed: 'big-config', configBytes: config })
      reg.image('evil/wide', undefined, image)
      const index = JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: Array.from({ length: 6 }, (_, i) => ({
          mediaType: OCI_MANIFEST,
          digest: image.manifestDigest,
          size: image.manifest.length,
          platform: { os: 'linux', architecture: i === 0 ? 'amd64' : `a${i}` }
        }))
      })
      reg.manifest('evil/wide', 'v1', index, OCI_INDEX)
      const result = await runAction({
        image: ref('evil/wide'),
        platform: 'all'
      })
      expectFailure(
        result,
        /The configs of the image's platforms add up to more than 16777216 bytes; inspecting every platform stops there \(a fixed limit\)\. Set the 'platform' input to the one you need$/
      )
    })

    // prettier-ignore
    test.each([
      { name: 'compare-to, 1,000 changed labels of 1,000 quotes', inputs: (r: string) => ({ image: `${r}/evil/app:v2`, 'compare-to': `${r}/evil/app:v1` }) },
      { name: 'platform: all, 64 rows of long escaped cells', inputs: (r: string) => ({ image: `${r}/evil/wide:v1`, platform: 'all' }) }
    ])('the job summary stays under GitHub\'s 1 MiB: $name', async ({ inputs }) => {
      const quotes = '"'.repeat(1000)
      reg.image('evil/app', 'v1', buildImage({ seed: 'big-a' }))
      reg.image('evil/app', 'v2', buildImage({ seed: 'big-b', config: { Labels: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, quotes])) } }))
      const children = Array.from({ length: 64 }, (_, i) => buildImage({ seed: `p${i}`, created: quotes, config: { User: quotes } }))
      for (const c of children) reg.image('evil/wide', undefined, c)
      reg.manifest('evil/wide', 'v1', JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: children.map((c, i) => ({ mediaType: c.mediaType, digest: c.manifestDigest, size: c.manifest.length, platform: { os: 'linux', architecture: i === 0 ? 'amd64' : `a${i}${'"'.repeat(900)}` } }))
      }), OCI_INDEX)
      const result = await runAction(inputs(reg.host))
      expectOk(result)
      expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024)
      expect(result.summary).toMatch(/more not shown; the full data is in the step outputs/)
    })

    it('a failed assertion on a 3 MiB label is one short annotation; the output has it whole', async () => {
      const huge = 'x'.repeat(3 * 1024 * 1024)
      reg.image(
        'evil/app',
        'v1',
        buildImage({ seed: 'huge-label', config: { Labels: { big: huge } } })
      )
      const result = await runAction({
        image: ref('evil/app'),
        assert: 'label big == small',
        'report-only': 'true'
      })
      expectOk(result)
      const annotation = result.stdout
        .split('\n')
        .find((l) => l.startsWith('::error title=Image assertion failed::'))!
      expect(annotation.length).toBeLessThan(1000)
      expect(annotation).toContain(`(${huge.length - 500} more characters)`)
      expect(JSON.parse(result.outputs.get('assertions')!)[0].actual).toBe(huge)
    })
  })

  describe('the pull-request comment', () => {
    const api = new FakeGitHub()
    let event: string
    beforeAll(async () => {
      await api.start()
      event = path.join(tmp, 'pull_request.json')
      fs.writeFileSync(event, JSON.stringify({ pull_request: { number: PR } }))
    })
    afterAll(async () => {
      await api.stop()
    })
    beforeEach(() => api.reset())

    it('a marker planted by someone outside the repository is not ours: the action writes its own', async () => {
      const planted = api.comment(
        'looks good! <!-- remote-image-inspect:changes -->',
        {
          user: { login: 'mallory', type: 'User' },
          author_association: 'NONE'
        }
      )
      api.page1.unshift(planted)
      reg.image(
        'evil/app',
        'v1',
        buildImage({ seed: 'pr-a', config: { Labels: { a: '1' } } })
      )
      reg.image(
        'evil/app',
        'v2',
        buildImage({ seed: 'pr-b', config: { Labels: { a: '2' } } })
      )
      let result: ActionRun | undefined
      await jest.isolateModulesAsync(async () => {
        result = await runAction(
          {
            image: ref('evil/app', 'v2'),
            'compare-to': ref('evil/app', 'v1'),
            comment: 'true',
            'github-token': 'ghs_redTeamToken0123456789'
          },
          {
            env: {
              GITHUB_API_URL: api.url,
              GITHUB_REPOSITORY: 'owner/repo',
              GITHUB_EVENT_NAME: 'pull_request',
              GITHUB_EVENT_PATH: event
            }
          }
        )
      })
      expectOk(result!)
      expect(
        api.requests
          .filter((r) => r.method !== 'GET')
          .map((r) => `${r.method} ${r.url}`)
      ).toEqual([`POST /repos/owner/repo/issues/${PR}/comments`])
      expect(planted.body).toBe(
        'looks good! <!-- remote-image-inspect:changes -->'
      )
    })
  })
})
