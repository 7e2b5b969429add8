/**
 * `cache-dir` end to end: the action's real code against a real Distribution
 * registry (token auth, and anonymous for the one-request claim), counting
 * every request the registry and its token server see.
 *
 * With token auth a run that knows no challenge yet pays one unauthenticated
 * request for it (a 401) and one token request: those are counted and shown
 * separately from the requests that do the work.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  test
} from '@jest/globals'
import {
  buildImage,
  pushImage,
  pushIndex,
  type BuiltImage,
  type Pushed
} from '../support/fixtures.mjs'
import {
  startRegistry,
  type RequestLogEntry,
  type RunningRegistry
} from '../support/registry.mjs'
import { runAction, type ActionRun } from '../support/action.js'
import { expectFailure, expectOk, pathOf } from '../support/expect.js'
import { scopeDir } from '../../src/registry/cache.js'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-cache-e2e-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))
let dirs = 0
const freshDir = (): string => path.join(tmp, `cache-${dirs++}`)

/** `METHOD kind status` per request: kind is manifest, blob or the path. */
const summary = (requests: RequestLogEntry[]): string[] =>
  requests.map((r) => {
    const p = pathOf(r)
    const kind = p.includes('/manifests/')
      ? `manifest ${p.slice(p.lastIndexOf('/') + 1)}`
      : p.includes('/blobs/')
        ? `blob ${p.slice(p.lastIndexOf('/') + 1)}`
        : p
    return `${r.method} ${kind} ${r.status}`
  })
const manifestRequests = (reg: RunningRegistry): RequestLogEntry[] =>
  reg.requests.filter((r) => pathOf(r).includes('/manifests/'))
const blobRequests = (reg: RunningRegistry): RequestLogEntry[] =>
  reg.requests.filter((r) => pathOf(r).includes('/blobs/'))

/** Entries live per repository: `<dir>/repo-<hash>/blobs/<alg>/<hex>`. */
const repoDir = (host: string, repo: string): string =>
  scopeDir(`${host}/${repo}`)
const entryPath = (dir: string, repo: string, digest: string): string =>
  path.join(dir, repo, 'blobs', ...digest.split(':'))
const entryName = (repo: string, digest: string): string =>
  `${repo}/blobs/${digest.replace(':', '/')}`

/** Every file under dir, relative with '/', sorted. */
function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort()
}

function flipBytes(file: string): void {
  const bytes = fs.readFileSync(file)
  const at = Math.floor(bytes.length / 2)
  bytes[at] ^= 0x20
  bytes[at + 1] ^= 0x01
  fs.writeFileSync(file, bytes)
}

/** The "Cache <dir>: …" log line. */
const cacheLine = (result: ActionRun): string | undefined =>
  /^Cache .*$/m.exec(result.stdout)?.[0]

const amd64 = buildImage({
  os: 'linux',
  architecture: 'amd64',
  seed: 'cache-amd64',
  layerCount: 2,
  config: {
    Env: ['PATH=/usr/bin', 'B=2', 'A=1'],
    Labels: { zeta: 'z', alpha: 'a', '10': 'ten' },
    Cmd: ['run']
  }
})
const arm64 = buildImage({
  os: 'linux',
  architecture: 'arm64',
  variant: 'v8',
  seed: 'cache-arm64'
})
const armv7 = buildImage({
  os: 'linux',
  architecture: 'arm',
  variant: 'v7',
  seed: 'cache-armv7'
})

interface RegistryRow {
  name: 'token auth' | 'anonymous'
  auth: 'token' | 'none'
  /** The 401s a run pays to learn the challenge. */
  challenges: number
  /** The token requests a run pays to learn the challenge. */
  tokens: number
}

// prettier-ignore
const REGISTRIES: RegistryRow[] = [
  { name: 'token auth', auth: 'token', challenges: 1, tokens: 1 },
  { name: 'anonymous',  auth: 'none',  challenges: 0, tokens: 0 }
]

describe.each(REGISTRIES)(
  'cache-dir on a multi-platform image ($name registry)',
  ({ auth, challenges, tokens }) => {
    let reg: RunningRegistry
    let index: Pushed & { children: Pushed[] }
    let image: string
    /** A cache filled by one run, and that run's outputs. */
    let warmDir: string
    let reference: Map<string, string>
    const challengeRequests = challenges ? ['HEAD manifest 1 401'] : []

    beforeAll(async () => {
      reg = await startRegistry({ auth })
      index = await pushIndex(reg, 'team/multi', '1', [amd64, arm64, armv7], {
        attestation: true
      })
      image = `${reg.host}/team/multi:1`
    })
    afterAll(async () => {
      await reg?.stop()
    })
    beforeEach(() => reg.resetLogs())

    it('fills the cache on the first run with the index, the chosen manifest and its config', async () => {
      warmDir = freshDir()
      const result = await runAction({ image, 'cache-dir': warmDir })
      expectOk(result)
      reference = result.outputs
      const repo = repoDir(reg.host, 'team/multi')
      expect(files(warmDir)).toEqual(
        [index.digest, amd64.manifestDigest, amd64.configDigest]
          .map((d) => entryName(repo, d))
          .sort()
      )
      expect(fs.readFileSync(entryPath(warmDir, repo, index.digest))).toEqual(
        index.bytes
      )
      expect(
        fs.readFileSync(entryPath(warmDir, repo, amd64.manifestDigest))
      ).toEqual(amd64.manifest)
      expect(
        fs.readFileSync(entryPath(warmDir, repo, amd64.configDigest))
      ).toEqual(amd64.config)
      // HEAD for the digest, then everything by digest
      expect(summary(reg.requests)).toEqual([
        ...challengeRequests,
        'HEAD manifest 1 200',
        `GET manifest ${index.digest} 200`,
        `GET manifest ${amd64.manifestDigest} 200`,
        `GET blob ${amd64.configDigest} 200`
      ])
      expect(cacheLine(result)).toBe(`Cache ${warmDir}: 0 hits, 3 misses`)
      expect(result.outputs.get('digest')).toBe(index.digest)
      expect(result.outputs.get('image-digest')).toBe(amd64.manifestDigest)
      expect(result.outputs.get('media-type')).toBe(index.mediaType)
    })

    it('answers an unchanged image with one HEAD and the cache: identical outputs, no blob request', async () => {
      const result = await runAction({ image, 'cache-dir': warmDir })
      expectOk(result)
      const manifests = manifestRequests(reg)
      const authorized = manifests.filter((r) => r.status === 200)
      expect(authorized.map((r) => r.method)).toEqual(['HEAD'])
      expect(summary(reg.requests)).toEqual([
        ...challengeRequests,
        'HEAD manifest 1 200'
      ])
      expect(blobRequests(reg)).toEqual([])
      expect(reg.token?.requests ?? []).toHaveLength(tokens)
      expect(result.outputs).toEqual(reference)
      expect(result.outputFile.length).toBeGreaterThan(0)
      expect(cacheLine(result)).toBe(`Cache ${warmDir}: 3 hits, 0 misses`)
      // each lookup in the debug log, by digest
      const lookups = result.stdout
        .split('\n')
        .filter((l) => l.startsWith('::debug::Cache '))
      expect(lookups).toHaveLength(3)
      for (const line of lookups) {
        expect(line).toMatch(/^::debug::Cache hit: sha256:[a-f0-9]{64} \(/)
      }
    })

    it('with previous-digest unchanged: one HEAD, nothing else', async () => {
      const result = await runAction({
        image,
        'cache-dir': warmDir,
        'previous-digest': index.digest
      })
      expectOk(result)
      expect(summary(reg.requests)).toEqual([
        ...challengeRequests,
        'HEAD manifest 1 200'
      ])
      expect(reg.token?.requests ?? []).toHaveLength(tokens)
      expect(Object.fromEntries(result.outputs)).toEqual({
        ref: image,
        digest: index.digest,
        changed: 'false'
      })
    })

    // prettier-ignore
    test.each([
      { name: 'digest only',    ref: (d: string) => `team/multi@${d}`,   expected: (host: string, d: string) => `${host}/team/multi@${d}` },
      { name: 'tag and digest', ref: (d: string) => `team/multi:1@${d}`, expected: (host: string, d: string) => `${host}/team/multi:1@${d}` }
    ])('a digest reference ($name) with a warm cache costs one HEAD, which confirms the digest in the repository', async ({ ref, expected }) => {
      const result = await runAction({
        image: `${reg.host}/${ref(index.digest)}`,
        'cache-dir': warmDir
      })
      expectOk(result)
      expect(summary(reg.requests)).toEqual([
        ...(challenges ? [`HEAD manifest ${index.digest} 401`] : []),
        `HEAD manifest ${index.digest} 200`
      ])
      expect(reg.token?.requests ?? []).toHaveLength(tokens)
      expect(result.outputs.get('ref')).toBe(expected(reg.host, index.digest))
      expect(Object.fromEntries([...result.outputs].filter(([k]) => k !== 'ref'))).toEqual(
        Object.fromEntries([...reference].filter(([k]) => k !== 'ref'))
      )
    })

    it('does not answer from the cache for a repository that does not have the digest', async () => {
      await pushImage(reg, 'team/other', 'v1', buildImage({ seed: 'other' }))
      reg.resetLogs()
      const result = await runAction({
        image: `${reg.host}/team/other@${index.digest}`,
        'cache-dir': warmDir
      })
      expectFailure(result, /not found/)
      expect(summary(reg.requests)).toEqual([
        ...(challenges ? [`HEAD manifest ${index.digest} 401`] : []),
        `HEAD manifest ${index.digest} 404`
      ])
    })

    // prettier-ignore
    test.each([
      // name: the entry; digestOf: its digest; refetch: the request that replaces it
      { name: 'the index',             digestOf: () => index.digest,         refetch: () => `GET manifest ${index.digest} 200` },
      { name: 'the platform manifest', digestOf: () => amd64.manifestDigest, refetch: () => `GET manifest ${amd64.manifestDigest} 200` },
      { name: 'the config',            digestOf: () => amd64.configDigest,   refetch: () => `GET blob ${amd64.configDigest} 200` }
    ])('a corrupt entry ($name) is ignored, downloaded again and replaced', async ({ digestOf, refetch }) => {
      const dir = freshDir()
      fs.cpSync(warmDir, dir, { recursive: true })
      const file = entryPath(dir, repoDir(reg.host, 'team/multi'), digestOf())
      const good = fs.readFileSync(file)
      flipBytes(file)
      expect(fs.readFileSync(file)).not.toEqual(good)
      const result = await runAction({ image, 'cache-dir': dir })
      expectOk(result)
      expect(result.outputs).toEqual(reference)
      expect(summary(reg.requests)).toEqual([
        ...challengeRequests,
        'HEAD manifest 1 200',
        refetch()
      ])
      expect(fs.readFileSync(file)).toEqual(good)
      expect(cacheLine(result)).toBe(
        `Cache ${dir}: 2 hits, 0 misses, 1 corrupt entries replaced`
      )
      expect(files(dir)).toEqual(files(warmDir))
    })

    it('platform all with a warm cache: one HEAD, the other platforms fetched once and then cached', async () => {
      const dir = freshDir()
      fs.cpSync(warmDir, dir, { recursive: true })
      const first = await runAction({
        image,
        platform: 'all',
        'cache-dir': dir
      })
      expectOk(first)
      const requests = summary(reg.requests)
      expect(requests.slice(0, challengeRequests.length + 1)).toEqual([
        ...challengeRequests,
        'HEAD manifest 1 200'
      ])
      // fetched concurrently: each once, in any order
      expect(requests.slice(challengeRequests.length + 1).sort()).toEqual(
        [
          `GET manifest ${arm64.manifestDigest} 200`,
          `GET blob ${arm64.configDigest} 200`,
          `GET manifest ${armv7.manifestDigest} 200`,
          `GET blob ${armv7.configDigest} 200`
        ].sort()
      )
      reg.resetLogs()
      const second = await runAction({
        image,
        platform: 'all',
        'cache-dir': dir
      })
      expectOk(second)
      expect(summary(reg.requests)).toEqual([
        ...challengeRequests,
        'HEAD manifest 1 200'
      ])
      expect(second.outputs).toEqual(first.outputs)
      expect(Object.keys(JSON.parse(second.outputs.get('results')!))).toEqual([
        'linux/amd64',
        'linux/arm64',
        'linux/arm/v7'
      ])
    })
  }
)

describe('cache-dir when things change or fail (token auth)', () => {
  let reg: RunningRegistry
  let before: BuiltImage
  let after: BuiltImage
  let first: Pushed

  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token' })
    before = buildImage({ seed: 'before', config: { Labels: { v: '1' } } })
    after = buildImage({ seed: 'after', config: { Labels: { v: '2' } } })
    first = await pushImage(reg, 'team/moving', 'stable', before)
    await pushImage(reg, 'team/app', 'v1', before)
  })
  afterAll(async () => {
    await reg?.stop()
  })
  beforeEach(() => reg.resetLogs())

  it('a tag moved to a new image: the HEAD shows the new digest and the new manifest and config are fetched', async () => {
    const dir = freshDir()
    const image = `${reg.host}/team/moving:stable`
    const old = await runAction({ image, 'cache-dir': dir })
    expectOk(old)
    expect(old.outputs.get('digest')).toBe(first.digest)
    const moved = await pushImage(reg, 'team/moving', 'stable', after)
    reg.resetLogs()
    const result = await runAction({ image, 'cache-dir': dir })
    expectOk(result)
    expect(summary(reg.requests)).toEqual([
      'HEAD manifest stable 401',
      'HEAD manifest stable 200',
      `GET manifest ${moved.digest} 200`,
      `GET blob ${after.configDigest} 200`
    ])
    expect(result.outputs.get('digest')).toBe(moved.digest)
    expect(result.outputs.get('config-digest')).toBe(after.configDigest)
    expect(result.outputs.get('labels')).toBe('{"v":"2"}')
    // both images are cached now
    expect(files(dir)).toEqual(
      [first.digest, before.configDigest, moved.digest, after.configDigest]
        .map((d) => entryName(repoDir(reg.host, 'team/moving'), d))
        .sort()
    )
  })

  it('images with a warm cache: the ping, one token, one HEAD per image, nothing else', async () => {
    const dir = freshDir()
    const images = [`${reg.host}/team/app:v1`, `${reg.host}/team/moving:stable`]
    const cold = await runAction({
      images: images.join('\n'),
      'cache-dir': dir
    })
    expectOk(cold)
    reg.resetLogs()
    const warm = await runAction({
      images: images.join('\n'),
      'cache-dir': dir
    })
    expectOk(warm)
    expect(warm.outputs).toEqual(cold.outputs)
    expect(summary(reg.requests).sort()).toEqual(
      [
        'GET /v2/ 401',
        'HEAD manifest v1 200',
        'HEAD manifest stable 200'
      ].sort()
    )
    expect(reg.token!.requests).toHaveLength(1)
  })

  it('previous-digest with a moved tag reports changed=true and the new image', async () => {
    const dir = freshDir()
    const image = `${reg.host}/team/moving:stable`
    const result = await runAction({
      image,
      'cache-dir': dir,
      'previous-digest': first.digest
    })
    expectOk(result)
    expect(result.outputs.get('changed')).toBe('true')
    expect(result.outputs.get('config-digest')).toBe(after.configDigest)
    // the new image by digest; the cache had only the old one
    expect(summary(reg.requests).filter((r) => r.startsWith('GET'))).toEqual([
      `GET manifest ${result.outputs.get('digest')} 200`,
      `GET blob ${after.configDigest} 200`
    ])
    // the tag is HEADed once: the inspection fetches what that HEAD saw
    expect(
      summary(reg.requests).filter((r) => r === 'HEAD manifest stable 200')
    ).toHaveLength(1)
  })

  // prettier-ignore
  test.each([
    { name: 'a regular file',                     make: (d: string) => { fs.writeFileSync(d, 'not a directory'); return d } },
    { name: 'a path under a regular file',        make: (d: string) => { fs.writeFileSync(d, 'not a directory'); return path.join(d, 'cache') } },
    { name: "a directory whose repository folder is a file", make: (d: string) => { fs.mkdirSync(d); fs.writeFileSync(path.join(d, repoDir(reg.host, 'team/app')), ''); return d } }
  ])('an unwritable cache dir ($name) does not fail the run', async ({ make }) => {
    const dir = make(freshDir())
    const image = `${reg.host}/team/app:v1`
    const plain = await runAction({ image })
    expectOk(plain)
    for (let i = 0; i < 2; i++) {
      reg.resetLogs()
      const result = await runAction({ image, 'cache-dir': dir })
      expectOk(result)
      expect(result.outputs).toEqual(plain.outputs)
      // nothing could be kept: every run downloads again
      expect(summary(reg.requests).filter((r) => r.startsWith('GET'))).toEqual([
        `GET manifest ${first.digest} 200`,
        `GET blob ${before.configDigest} 200`
      ])
    }
  })
})

describe('cache-dir never vouches for what the registry would not serve', () => {
  let reg: RunningRegistry
  const image = buildImage({ seed: 'private-and-public' })
  let pushed: Pushed

  beforeAll(async () => {
    // Anonymous users may pull open/*, not closed/*.
    reg = await startRegistry({ auth: 'token', anonymousPull: ['open/*'] })
    pushed = await pushImage(reg, 'open/app', 'v1', image)
    await pushImage(reg, 'closed/app', 'v1', image)
  })
  afterAll(async () => {
    await reg?.stop()
  })

  it('asks the registry even when the cache has the digest: a repository the runner cannot read fails', async () => {
    const dir = freshDir()
    const open = await runAction({
      image: `${reg.host}/open/app@${pushed.digest}`,
      'cache-dir': dir
    })
    expectOk(open)
    expect(files(dir)).toHaveLength(2)
    reg.resetLogs()
    const closed = await runAction({
      image: `${reg.host}/closed/app@${pushed.digest}`,
      'cache-dir': dir
    })
    expectFailure(closed, /requires authentication|access denied|denied/)
    // the registry refused the HEAD; nothing was read from the cache
    expect(summary(reg.requests).filter((r) => !r.endsWith(' 401'))).toEqual([])
    expect(cacheLine(closed)).toBeUndefined()
  })

  it('a symlinked repository folder is refused: the run downloads and says so', async () => {
    const dir = freshDir()
    const warm = await runAction({
      image: `${reg.host}/open/app:v1`,
      'cache-dir': dir
    })
    expectOk(warm)
    const linked = freshDir()
    fs.mkdirSync(linked, { mode: 0o700 })
    const repo = repoDir(reg.host, 'open/app')
    fs.symlinkSync(path.join(dir, repo), path.join(linked, repo))
    reg.resetLogs()
    const result = await runAction({
      image: `${reg.host}/open/app:v1`,
      'cache-dir': linked
    })
    expectOk(result)
    expect(result.outputs).toEqual(warm.outputs)
    expect(summary(reg.requests).filter((r) => r.startsWith('GET'))).toEqual([
      `GET manifest ${pushed.digest} 200`,
      `GET blob ${image.configDigest} 200`
    ])
    expect(cacheLine(result)).toMatch(/: 0 hits, 0 misses, \d+ refused/)
  })
})
