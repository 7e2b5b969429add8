/**
 * The client's protocol handling on failure and edge paths: a real
 * Distribution registry with a fault-injecting proxy in front of it that
 * rewrites or replaces answers per request. Assertions are on the error the
 * user sees and on the requests the proxy, registry and token servers saw.
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
import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream'
import { fileURLToPath } from 'node:url'
import {
  MediaTypes,
  buildImage,
  pushImage,
  pushIndex,
  sha256,
  type BuiltImage,
  type Pushed
} from '../support/fixtures.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import {
  cutShort,
  fixed,
  slowBody,
  startFaultProxy,
  type FaultProxy,
  type FaultRule,
  type ProxyLogEntry,
  type UpstreamResponse
} from '../support/fault-proxy.mjs'
import { RegistryError } from '../../src/registry/errors.js'
import { formatPlatform, type Platform } from '../../src/image/platform.js'
import { isLoopbackHost } from '../../src/registry/reference.js'
import { Transport, type SendOptions } from '../../src/registry/transport.js'
import { pathOf } from '../support/expect.js'
import { blobPath, failure, inspect, manifestPath } from '../support/inspect.js'

const AMD64: Platform = { os: 'linux', architecture: 'amd64' }
const MiB = 1024 * 1024

type Rewrite = (u: UpstreamResponse) => UpstreamResponse
const header =
  (name: string, value: string | undefined): Rewrite =>
  (u) => {
    const headers = { ...u.headers }
    if (value === undefined) delete headers[name]
    else headers[name] = value
    return { ...u, headers }
  }
const body =
  (f: (b: Buffer) => Buffer): Rewrite =>
  (u) => ({ ...u, body: f(u.body) })
const chunked: Rewrite = (u) => ({ ...u, chunked: true })
const all =
  (...steps: Rewrite[]): Rewrite =>
  (u) =>
    steps.reduce((acc, step) => step(acc), u)
const appendSpace = (b: Buffer): Buffer => Buffer.concat([b, Buffer.from(' ')])
/** Same length, still valid JSON: "linux" → "linuy". */
const flipOs = (b: Buffer): Buffer => {
  const text = b.toString('utf8')
  const out = text.replace('"linux"', '"linuy"')
  if (out === text) throw new Error('nothing to alter')
  return Buffer.from(out)
}
const otherDigest = sha256('something else entirely')

/** A schema 1 manifest, as old registries serve it. */
const SCHEMA1 = JSON.stringify({
  schemaVersion: 1,
  name: 'acme/app',
  tag: 'v1',
  architecture: 'amd64',
  fsLayers: [{ blobSum: `sha256:${'a'.repeat(64)}` }],
  history: [{ v1Compatibility: '{"id":"x"}' }],
  signatures: []
})
const HTML_404 =
  '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>'

describe('an anonymous registry behind a fault proxy', () => {
  let reg: RunningRegistry
  let proxy: FaultProxy
  let w: World

  interface World {
    image: BuiltImage
    /** acme/app:v1, a single-platform OCI image. */
    app: Pushed
    amd64: BuiltImage
    arm64: BuiltImage
    /** acme/multi:v1, an OCI index over amd64 and arm64. */
    multi: Pushed & { children: Pushed[] }
  }

  beforeAll(async () => {
    reg = await startRegistry()
    proxy = await startFaultProxy({ upstream: reg.url })
    const image = buildImage({ config: { Labels: { app: 'yes' } } })
    const amd64 = buildImage({ seed: 'amd64' })
    const arm64 = buildImage({ seed: 'arm64', architecture: 'arm64' })
    w = {
      image,
      app: await pushImage(reg, 'acme/app', 'v1', image),
      amd64,
      arm64,
      multi: await pushIndex(reg, 'acme/multi', 'v1', [amd64, arm64])
    }
  })
  afterAll(async () => {
    await proxy?.close()
    await reg?.stop()
  })
  beforeEach(() => {
    proxy.reset()
    reg.resetLogs()
  })

  const blobGets = (): ProxyLogEntry[] =>
    proxy.requests.filter((r) => pathOf(r).includes('/blobs/'))

  type Setup = (w: World) => { ref: string; rules: FaultRule[] }
  type Expected = RegExp | ((w: World) => RegExp)
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

  interface FailureRow {
    name: string
    /** The reference to inspect and the faults that break it. */
    setup: Setup
    /** The message the user sees. */
    expected: Expected
    /** Config blob GETs the proxy must have seen. */
    gets: number
  }
  // prettier-ignore
  const failures: FailureRow[] = [
    // Docker-Content-Digest header altered
    { name: 'Docker-Content-Digest altered (by tag)',
      setup: () => ({ ref: 'acme/app:v1', rules: [{ path: manifestPath('acme/app', 'v1'), rewrite: header('docker-content-digest', otherDigest) }] }),
      expected: (w) => new RegExp(`^Cannot inspect 127\\.0\\.0\\.1:\\d+/acme/app:v1: The manifest's Docker-Content-Digest header says "${otherDigest}" but its bytes hash to ${w.app.digest}$`), gets: 0 },
    { name: 'Docker-Content-Digest altered (by digest)',
      setup: (w) => ({ ref: `acme/app@${w.app.digest}`, rules: [{ path: manifestPath('acme/app', w.app.digest), rewrite: header('docker-content-digest', otherDigest) }] }),
      expected: new RegExp(`Docker-Content-Digest header says "${otherDigest}"`), gets: 0 },
    { name: 'Docker-Content-Digest altered to another algorithm (sha512)',
      setup: () => ({ ref: 'acme/app:v1', rules: [{ path: manifestPath('acme/app', 'v1'), rewrite: header('docker-content-digest', `sha512:${'b'.repeat(128)}`) }] }),
      expected: /Docker-Content-Digest header says "sha512:b{128}" but its bytes hash to sha512:[0-9a-f]{128}$/, gets: 0 },
    // manifest bytes altered when fetched by digest
    { name: 'manifest by digest with a space appended',
      setup: (w) => ({ ref: `acme/app@${w.app.digest}`, rules: [{ path: manifestPath('acme/app', w.app.digest), rewrite: body(appendSpace) }] }),
      expected: (w) => new RegExp(`The manifest served for ${w.app.digest} has digest ${sha256(appendSpace(w.image.manifest))}: the registry sent different content than asked for`), gets: 0 },
    // by tag with altered bytes, the registry's header kept; an index child altered
    { name: 'manifest by tag altered, Docker-Content-Digest kept',
      setup: () => ({ ref: 'acme/app:v1', rules: [{ path: manifestPath('acme/app', 'v1'), rewrite: body(appendSpace) }] }),
      expected: (w) => new RegExp(`Docker-Content-Digest header says "${w.app.digest}" but its bytes hash to ${sha256(appendSpace(w.image.manifest))}`), gets: 0 },
    { name: 'index child (fetched by digest) altered',
      setup: (w) => ({ ref: 'acme/multi:v1', rules: [{ path: manifestPath('acme/multi', w.amd64.manifestDigest), rewrite: all(body(appendSpace), header('docker-content-digest', undefined)) }] }),
      expected: (w) => new RegExp(`The manifest served for ${w.amd64.manifestDigest} has digest sha256:[0-9a-f]{64}: the registry sent different content`), gets: 0 },
    // config blob altered
    { name: 'config blob altered, same length',
      setup: (w) => ({ ref: 'acme/app:v1', rules: [{ path: blobPath('acme/app', w.image.configDigest), rewrite: body(flipOs) }] }),
      expected: (w) => new RegExp(`The config blob ${w.image.configDigest} arrived with different content \\(sha sha256:[0-9a-f]{64}, ${w.image.config.length} bytes\\)`), gets: 1 },
    { name: 'config blob one byte longer than its descriptor (Content-Length)',
      setup: (w) => ({ ref: 'acme/app:v1', rules: [{ path: blobPath('acme/app', w.image.configDigest), rewrite: body(appendSpace) }] }),
      expected: (w) => new RegExp(`The config blob ${w.image.configDigest} is longer than the ${w.image.config.length} bytes the manifest declares`), gets: 1 },
    { name: 'config blob one byte longer than its descriptor (chunked)',
      setup: (w) => ({ ref: 'acme/app:v1', rules: [{ path: blobPath('acme/app', w.image.configDigest), rewrite: all(body(appendSpace), chunked) }] }),
      expected: (w) => new RegExp(`The config blob ${w.image.configDigest} is longer than the ${w.image.config.length} bytes the manifest declares`), gets: 1 },
    { name: 'config blob one byte shorter, honest Content-Length',
      setup: (w) => ({ ref: 'acme/app:v1', rules: [{ path: blobPath('acme/app', w.image.configDigest), rewrite: body((b) => b.subarray(0, -1)) }] }),
      expected: (w) => new RegExp(`arrived with different content \\(sha sha256:[0-9a-f]{64}, ${w.image.config.length - 1} bytes\\)`), gets: 1 },
    // CVE-2021-41190: Content-Type and body disagree
    { name: 'Content-Type image manifest, body an index',
      setup: () => ({ ref: 'acme/multi:v1', rules: [{ path: manifestPath('acme/multi', 'v1'), rewrite: header('content-type', MediaTypes.ociManifest) }] }),
      expected: new RegExp(`Content-Type is "${escape(MediaTypes.ociManifest)}" but its body says "${escape(MediaTypes.ociIndex)}"; refusing an ambiguous manifest`), gets: 0 },
    { name: 'Content-Type index, body an image manifest',
      setup: () => ({ ref: 'acme/app:v1', rules: [{ path: manifestPath('acme/app', 'v1'), rewrite: header('content-type', MediaTypes.ociIndex) }] }),
      expected: /refusing an ambiguous manifest/, gets: 0 },
    // schema 1
    { name: 'schema 1, signed (prettyjws)',
      setup: () => ({ ref: 'acme/app:v1', rules: [{ path: manifestPath('acme/app', 'v1'), reply: fixed({ status: 200, headers: { 'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws' }, body: SCHEMA1 }) }] }),
      expected: /only as a Docker schema 1 manifest/, gets: 0 },
    { name: 'schema 1 served as application/json',
      setup: () => ({ ref: 'acme/app:v1', rules: [{ path: manifestPath('acme/app', 'v1'), reply: fixed({ status: 200, headers: { 'content-type': 'application/json' }, body: SCHEMA1 }) }] }),
      expected: /schema 1/, gets: 0 },
    { name: 'schema 1 without Content-Type',
      setup: () => ({ ref: 'acme/app:v1', rules: [{ path: manifestPath('acme/app', 'v1'), reply: fixed({ status: 200, body: SCHEMA1 }) }] }),
      expected: /schema 1/, gets: 0 },
    // truncated bodies
    { name: 'manifest truncated (200 of 1000 bytes, then the socket dies)',
      setup: (w) => ({ ref: 'acme/app:v1', rules: [{ path: manifestPath('acme/app', 'v1'), reply: cutShort({ headers: { 'content-type': MediaTypes.ociManifest }, declared: 1000, body: w.image.manifest.subarray(0, 200) }) }] }),
      expected: /truncated|connection broke/, gets: 0 },
    { name: 'config blob truncated',
      setup: (w) => ({ ref: 'acme/app:v1', rules: [{ path: blobPath('acme/app', w.image.configDigest), reply: cutShort({ declared: w.image.config.length, body: w.image.config.subarray(0, 100) }) }] }),
      expected: /config blob.*(truncated|connection broke)|(truncated|connection broke).*config blob/, gets: 1 },
    // non-JSON error bodies
    { name: 'manifest 404 with an HTML body',
      setup: () => ({ ref: 'acme/app:v1', rules: [{ path: manifestPath('acme/app', 'v1'), reply: fixed({ status: 404, headers: { 'content-type': 'text/html' }, body: HTML_404 }) }] }),
      expected: /^Cannot inspect 127\.0\.0\.1:\d+\/acme\/app:v1: tag "v1" not found in 127\.0\.0\.1:\d+\/acme\/app \(or the repository does not exist\)\. Check the name and that the tag or digest exists\.$/, gets: 0 },
    { name: 'manifest 502 with an HTML body',
      setup: () => ({ ref: 'acme/app:v1', rules: [{ path: manifestPath('acme/app', 'v1'), reply: fixed({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad Gateway</body></html>' }) }] }),
      expected: /^Cannot inspect 127\.0\.0\.1:\d+\/acme\/app:v1: The registry answered 502 for the manifest \(http:\/\/127\.0\.0\.1:\d+\/v2\/acme\/app\/manifests\/v1\)$/, gets: 0 },
    { name: 'config blob 404 with an HTML body',
      setup: (w) => ({ ref: 'acme/app:v1', rules: [{ path: blobPath('acme/app', w.image.configDigest), reply: fixed({ status: 404, headers: { 'content-type': 'text/html' }, body: HTML_404 }) }] }),
      expected: /config blob.*404|404.*config blob/, gets: 1 }
  ]

  test.each(failures)('fails: $name', async ({ setup, expected, gets }) => {
    const { ref, rules } = setup(w)
    for (const rule of rules) proxy.fault(rule)
    const message = await failure(inspect(proxy.host, ref))
    expect(message).toMatch(
      typeof expected === 'function' ? expected(w) : expected
    )
    expect(message).not.toMatch(/<html|<body/i)
    // every rule was hit, and the client stopped where it failed
    expect(proxy.requests.filter((r) => r.fault)).toHaveLength(rules.length)
    expect(blobGets()).toHaveLength(gets)
  })

  interface SniffRow {
    name: string
    ref: string
    /** The rewrite of the top manifest. */
    rewrite: Rewrite
    /** The media type the client must read. */
    mediaType: string
  }
  // prettier-ignore
  const sniffed: SniffRow[] = [
    { name: 'Content-Type text/plain', ref: 'acme/app:v1', rewrite: header('content-type', 'text/plain'), mediaType: MediaTypes.ociManifest },
    { name: 'no Content-Type', ref: 'acme/app:v1', rewrite: header('content-type', undefined), mediaType: MediaTypes.ociManifest },
    { name: 'Content-Type application/octet-stream', ref: 'acme/app:v1', rewrite: header('content-type', 'application/octet-stream'), mediaType: MediaTypes.ociManifest },
    { name: 'Content-Type with parameters and odd case', ref: 'acme/app:v1', rewrite: header('content-type', 'Application/VND.OCI.Image.Manifest.v1+JSON; charset=utf-8'), mediaType: MediaTypes.ociManifest },
    { name: 'an index as text/plain', ref: 'acme/multi:v1', rewrite: header('content-type', 'text/plain'), mediaType: MediaTypes.ociIndex }
  ]

  // the body's own mediaType decides when the Content-Type says nothing
  test.each(sniffed)(
    'reads the manifest with $name',
    async ({ ref, rewrite, mediaType }) => {
      const [repo, tag] = ref.split(':')
      proxy.fault({ path: manifestPath(repo, tag), rewrite })
      const info = await inspect(proxy.host, ref)
      const pushed = repo === 'acme/multi' ? w.multi : w.app
      expect(info.digest).toBe(pushed.digest)
      expect(info.mediaType).toBe(mediaType)
      const image = repo === 'acme/multi' ? w.amd64 : w.image
      expect(info.imageDigest).toBe(image.manifestDigest)
      expect(info.configDigest).toBe(image.configDigest)
      expect(proxy.requests.filter((r) => r.fault)).toHaveLength(1)
    }
  )

  it('reports the hash of what was served for a tag with altered bytes and no Docker-Content-Digest (nothing to verify against)', async () => {
    const altered = appendSpace(w.image.manifest)
    proxy.fault({
      path: manifestPath('acme/app', 'v1'),
      rewrite: all(
        body(appendSpace),
        header('docker-content-digest', undefined)
      )
    })
    const info = await inspect(proxy.host, 'acme/app:v1')
    expect(info.digest).toBe(sha256(altered))
    expect(info.digest).not.toBe(w.app.digest)
    // the config is still verified against the (altered) manifest's descriptor
    expect(info.configDigest).toBe(w.image.configDigest)
  })

  // an oversized manifest is refused without being read to the end
  // contentLength: whether the reply declares it; atLeast, below: the bytes
  // the proxy wrote before the client closed the connection
  // prettier-ignore
  test.each([
    { name: 'with Content-Length',        contentLength: true,  atLeast: 0,       below: 1 * MiB },
    { name: 'chunked, no Content-Length', contentLength: false, atLeast: 4 * MiB, below: 5 * MiB }
  ])('stops reading a 6 MiB manifest $name', async ({ contentLength, atLeast, below }) => {
    proxy.fault({
      path: manifestPath('acme/app', 'v1'),
      reply: slowBody({
        headers: { 'content-type': MediaTypes.ociManifest },
        total: 6 * MiB,
        contentLength
      })
    })
    const message = await failure(inspect(proxy.host, 'acme/app:v1'))
    expect(message).toMatch(/The manifest (is 6291456 bytes, more than|is larger than) the 4194304-byte limit/)
    const [entry] = proxy.requests
    await entry.done
    expect(entry.closedEarly).toBe(true)
    expect(entry.bytesWritten).toBeGreaterThanOrEqual(atLeast)
    expect(entry.bytesWritten).toBeLessThan(below)
    expect(blobGets()).toHaveLength(0)
  })

  // a redirect loop ends after a bounded number of requests
  it('gives up on a blob that redirects to itself', async () => {
    const path = blobPath('acme/app', w.image.configDigest)
    proxy.fault({
      path,
      reply: (req, res) => {
        res.writeHead(302, { location: req.url ?? '/', 'content-length': '0' })
        res.end()
      }
    })
    const message = await failure(inspect(proxy.host, 'acme/app:v1'))
    expect(message).toMatch(
      /Too many redirects: more than 5 hops \(the limit\) fetching the config blob from http:\/\/127\.0\.0\.1:\d+\/v2\/acme\/app\/blobs\/sha256:/
    )
    const hops = proxy.requests.filter((r) => pathOf(r) === path)
    expect(hops.length).toBeGreaterThan(1)
    expect(hops.length).toBeLessThanOrEqual(6)
  })

  // relative Location headers resolve against the URL that redirected
  // location: the Location header for the blob's digest; target: the path
  // it resolves to
  // prettier-ignore
  test.each([
    { name: 'path-absolute',   location: (d: string) => `/mirror/${d}?sig=abc`,        target: (d: string) => `/mirror/${d}` },
    { name: 'path-relative',   location: (d: string) => `../mirror/${d}`,              target: (d: string) => `/v2/acme/app/mirror/${d}` },
    { name: 'dot-relative',    location: (d: string) => `./moved/${d}`,                target: (d: string) => `/v2/acme/app/blobs/moved/${d}` },
    { name: 'scheme-relative', location: (d: string) => `//${proxy.host}/mirror/${d}`, target: (d: string) => `/mirror/${d}` }
  ])('follows a $name Location on the blob redirect', async ({ location, target }) => {
    const digest = w.image.configDigest
    proxy.fault({
      path: blobPath('acme/app', digest),
      reply: fixed({ status: 307, headers: { location: location(digest) } })
    })
    proxy.fault({
      path: target(digest),
      reply: fixed({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: w.image.config })
    })
    const info = await inspect(proxy.host, 'acme/app:v1')
    expect(info.configDigest).toBe(digest)
    expect(info.config.labels).toEqual([['app', 'yes']])
    expect(proxy.requests.map(pathOf)).toEqual([
      manifestPath('acme/app', 'v1'),
      blobPath('acme/app', digest),
      target(digest)
    ])
  })

  // The reference grammar allows IPv6 literal hosts, and isLoopbackHost
  // treats [::1] as this machine: such a registry must be reachable.
  it('reaches a registry named by an IPv6 literal ([::1]:PORT)', async () => {
    const [proxyHost, proxyPort] = proxy.host.split(':')
    const bridge = net.createServer((socket) => {
      const up = net.connect(Number(proxyPort), proxyHost)
      socket.pipe(up).pipe(socket)
      up.on('error', () => socket.destroy())
      socket.on('error', () => up.destroy())
    })
    await new Promise<void>((r) => bridge.listen(0, '::1', r))
    const port = (bridge.address() as AddressInfo).port
    try {
      const info = await inspect(`[::1]:${port}`, 'acme/app:v1')
      expect(info.digest).toBe(w.app.digest)
      expect(proxy.requests.map(pathOf)).toEqual([
        manifestPath('acme/app', 'v1'),
        blobPath('acme/app', w.image.configDigest)
      ])
    } finally {
      bridge.close()
    }
  })

  // index shapes, pushed byte-exact to the real registry
  describe('index shapes', () => {
    const UNKNOWN = 'application/vnd.example.thing.v1+json'
    let decoy: BuiltImage

    const entry = (
      mediaType: string,
      bytes: Buffer,
      platform?: Platform
    ): Record<string, unknown> => ({
      mediaType,
      digest: sha256(bytes),
      size: bytes.length,
      ...(platform ? { platform } : {})
    })
    const index = (manifests: Record<string, unknown>[]): Buffer =>
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: MediaTypes.ociIndex,
          manifests
        })
      )
    const push = async (ref: string, bytes: Buffer): Promise<string> =>
      reg.pushManifest('acme/shapes', ref, bytes, MediaTypes.ociIndex)

    beforeAll(async () => {
      for (const img of [w.amd64, w.arm64]) {
        await pushImage(reg, 'acme/shapes', img.manifestDigest, img)
      }
      decoy = buildImage({
        seed: 'decoy',
        config: { Labels: { decoy: 'yes' } }
      })
      await pushImage(reg, 'acme/shapes', decoy.manifestDigest, decoy)
    })

    it('follows an index nested in an index (entry without platform = linux/amd64)', async () => {
      const inner = index([
        entry(MediaTypes.ociManifest, w.arm64.manifest, w.arm64.platform),
        entry(MediaTypes.ociManifest, w.amd64.manifest, w.amd64.platform)
      ])
      await push(sha256(inner), inner)
      const top = index([entry(MediaTypes.ociIndex, inner)])
      const topDigest = await push('nested', top)
      const info = await inspect(proxy.host, 'acme/shapes:nested')
      expect(info.digest).toBe(topDigest)
      expect(info.mediaType).toBe(MediaTypes.ociIndex)
      expect(info.imageDigest).toBe(w.amd64.manifestDigest)
      expect(info.configDigest).toBe(w.amd64.configDigest)
      expect(info.platforms.map(formatPlatform)).toEqual(['linux/amd64'])
      expect(proxy.requests.map(pathOf)).toEqual([
        manifestPath('acme/shapes', 'nested'),
        manifestPath('acme/shapes', sha256(inner)),
        manifestPath('acme/shapes', w.amd64.manifestDigest),
        blobPath('acme/shapes', w.amd64.configDigest)
      ])
    })

    // platform: the one asked for; pick: the image that must be chosen
    // prettier-ignore
    test.each([
      { name: 'linux/amd64', platform: AMD64,                                 pick: 'amd64' },
      { name: 'linux/arm64', platform: { os: 'linux', architecture: 'arm64' }, pick: 'arm64' }
    ] as const)('counts an index entry without platform as linux/amd64 (asking for $name)', async ({ platform, pick }) => {
      const top = index([
        entry(MediaTypes.ociManifest, w.arm64.manifest, w.arm64.platform),
        entry(MediaTypes.ociManifest, w.amd64.manifest)
      ])
      await push('noplatform', top)
      const info = await inspect(proxy.host, 'acme/shapes:noplatform', { platform })
      const image = pick === 'amd64' ? w.amd64 : w.arm64
      expect(info.imageDigest).toBe(image.manifestDigest)
      expect(formatPlatform(info.platform)).toBe(`linux/${pick}`)
      expect(info.platforms.map(formatPlatform)).toEqual(['linux/arm64', 'linux/amd64'])
    })

    it('skips an index entry of an unknown media type, without error', async () => {
      // The unknown entry comes first and claims linux/amd64: taking it would
      // pick the decoy.
      const top = index([
        entry(UNKNOWN, decoy.manifest, AMD64),
        entry(MediaTypes.ociManifest, w.arm64.manifest, w.arm64.platform),
        entry(MediaTypes.ociManifest, w.amd64.manifest, w.amd64.platform)
      ])
      await push('unknown', top)
      const info = await inspect(proxy.host, 'acme/shapes:unknown')
      expect(info.imageDigest).toBe(w.amd64.manifestDigest)
      expect(info.config.labels).toEqual([])
      expect(info.platforms.map(formatPlatform)).toEqual([
        'linux/arm64',
        'linux/amd64'
      ])
      expect(proxy.requests.map(pathOf)).not.toContain(
        manifestPath('acme/shapes', decoy.manifestDigest)
      )
    })

    // expected: the message, or undefined when the image is read
    // prettier-ignore
    test.each([
      { name: 'follows 4 index levels', levels: 4, expected: undefined },
      { name: 'refuses 5 index levels', levels: 5, expected: /The index nests more than 4 levels deep/ }
    ])('$name', async ({ levels, expected }) => {
      let child = index([entry(MediaTypes.ociManifest, w.amd64.manifest, AMD64)])
      for (let level = 1; level < levels; level++) {
        await push(sha256(child), child)
        child = index([entry(MediaTypes.ociIndex, child, AMD64)])
      }
      await push(`levels${levels}`, child)
      const run = inspect(proxy.host, `acme/shapes:levels${levels}`)
      if (expected) expect(await failure(run)).toMatch(expected)
      else expect((await run).imageDigest).toBe(w.amd64.manifestDigest)
      expect(blobGets()).toHaveLength(expected ? 0 : 1)
    })
  })

  // https → http. The client verifies certificates against the CAs Node
  // had at start, and a loopback host (127.0.0.1, localhost, [::1]) always
  // means plain http; so this runs the bundled action in a child process
  // with NODE_EXTRA_CA_CERTS and a preload that resolves the (non-loopback,
  // reserved) name registry.test to 127.0.0.1. src/ is used unchanged.
  describe('over https (bundled action in a child process)', () => {
    const NAME = 'registry.test'
    let dir: string
    let server: https.Server
    let port: number
    let mode: 'pass' | 'manifest-to-http' | 'blob-to-http' = 'pass'
    const seen: string[] = []

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'protocol-tls-'))
      // prettier-ignore
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
        '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1',
        '-subj', '/CN=protocol-test', '-addext', `subjectAltName=DNS:${NAME}`],
        { stdio: ['ignore', 'pipe', 'pipe'] })
      fs.writeFileSync(
        path.join(dir, 'resolve.mjs'),
        [
          "import dns from 'node:dns'",
          'const lookup = dns.lookup',
          'dns.lookup = function (host, ...rest) {',
          `  return lookup.call(this, host === '${NAME}' ? '127.0.0.1' : host, ...rest)`,
          '}'
        ].join('\n')
      )
      server = https.createServer(
        {
          key: fs.readFileSync(path.join(dir, 'key.pem')),
          cert: fs.readFileSync(path.join(dir, 'cert.pem'))
        },
        (req, res) => {
          seen.push(`${req.method} ${req.url}`)
          const url = req.url ?? '/'
          const redirect =
            (mode === 'manifest-to-http' && url.includes('/manifests/')) ||
            (mode === 'blob-to-http' && url.includes('/blobs/'))
          if (redirect) {
            res.writeHead(307, {
              location: `${reg.url}${url}`,
              'content-length': '0'
            })
            res.end()
            return
          }
          const upstream = http.request(`${reg.url}${url}`, {
            method: req.method,
            headers: { accept: req.headers.accept ?? '*/*' }
          })
          upstream.on('response', (up) => {
            const {
              connection: _c,
              'keep-alive': _k,
              'transfer-encoding': _t,
              ...headers
            } = up.headers
            res.writeHead(up.statusCode ?? 502, headers)
            pipeline(up, res, () => {})
          })
          upstream.on('error', () => res.destroy())
          upstream.end()
        }
      )
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
      port = (server.address() as AddressInfo).port
    })
    afterAll(async () => {
      server?.closeAllConnections()
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()))
      if (dir) fs.rmSync(dir, { recursive: true, force: true })
    })

    function runBundled(
      image: string
    ): Promise<{ code: number; stdout: string; output: string }> {
      const output = path.join(dir, 'output')
      fs.writeFileSync(output, '')
      fs.mkdirSync(path.join(dir, 'docker'), { recursive: true })
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        DOCKER_CONFIG: path.join(dir, 'docker'),
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
        NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem'),
        INPUT_IMAGE: image
      }
      return new Promise((resolve) => {
        execFile(
          process.execPath,
          [
            '--import',
            path.join(dir, 'resolve.mjs'),
            fileURLToPath(new URL('../../dist/index.js', import.meta.url))
          ],
          { env, timeout: 10_000 },
          (error, stdout) => {
            resolve({
              code: error ? Number(error.code ?? 1) : 0,
              stdout: String(stdout),
              output: fs.readFileSync(output, 'utf8')
            })
          }
        )
      })
    }

    // mode: what the https server redirects; expected: the error, or
    // undefined when the image is read
    // prettier-ignore
    test.each([
      { mode: 'pass', name: 'reads the image over https (the TLS set-up works)', expected: undefined },
      { mode: 'manifest-to-http', name: 'refuses a manifest redirect from https to http', expected: /::error::.*Refusing a redirect of the manifest to http:\/\/127\.0\.0\.1:\d+: that would step down from https to plain http$/m },
      { mode: 'blob-to-http', name: 'refuses a blob redirect from https to http', expected: /::error::.*Refusing a redirect of the config blob to http:\/\/127\.0\.0\.1:\d+: that would step down from https to plain http$/m }
    ] as const)('$mode: $name', async ({ mode: which, expected }) => {
      mode = which
      seen.length = 0
      const result = await runBundled(`${NAME}:${port}/acme/app:v1`)
      expect(seen[0]).toBe('GET /v2/acme/app/manifests/v1') // it spoke https to us
      if (!expected) {
        expect(result.code).toBe(0)
        expect(result.output).toContain(w.app.digest)
        return
      }
      expect(result.code).not.toBe(0)
      expect(result.stdout).toMatch(expected)
      expect(result.output).toBe('')
      // the plain-http URL was never requested
      const target = which === 'manifest-to-http' ? '/manifests/' : '/blobs/'
      expect(reg.requests.filter((r) => r.url.includes(target))).toEqual([])
    })
  })
})

/** A Transport that refuses (and records) anything not on this machine. */
class GuardTransport extends Transport {
  readonly outside: string[] = []
  override async send(url: URL, options: SendOptions) {
    if (!isLoopbackHost(url.host)) {
      this.outside.push(url.href)
      throw new RegistryError(
        'network',
        `test guard: no request to ${url.href}`
      )
    }
    return super.send(url, options)
  }
}

describe('token auth behind a fault proxy', () => {
  const SERVICE = 'registry.test'
  let reg: RunningRegistry
  let proxy: FaultProxy
  let image: BuiltImage
  let app: Pushed
  let tiny: BuiltImage
  /** A second server on the same host, another port: records what reaches it. */
  let other: http.Server
  let otherUrl: string
  const otherSeen: { url: string; authorization?: string }[] = []
  /** A token server with scripted answers, by path. */
  let fake: http.Server
  let fakeUrl: string
  const fakeSeen: string[] = []

  const listen = async (s: http.Server): Promise<string> => {
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`
  }
  const close = (s: http.Server | undefined): Promise<void> =>
    new Promise((r) => {
      if (!s) return r()
      s.closeAllConnections()
      s.close(() => r())
    })

  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token', service: SERVICE })
    proxy = await startFaultProxy({ upstream: reg.url })
    image = buildImage({ config: { Labels: { auth: 'token' } } })
    app = await pushImage(reg, 'acme/app', 'v1', image)
    tiny = buildImage({
      configBytes:
        '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}'
    })
    await pushImage(reg, 'acme/tiny', 'v1', tiny)

    other = http.createServer((req, res) => {
      otherSeen.push({
        url: req.url ?? '',
        authorization: req.headers.authorization
      })
      res.writeHead(200, { 'content-length': String(image.config.length) })
      res.end(image.config)
    })
    otherUrl = await listen(other)

    const pull = (): string =>
      reg.mintToken!([
        { type: 'repository', name: 'acme/app', actions: ['pull'] }
      ])
    fake = http.createServer((req, res) => {
      fakeSeen.push(req.url ?? '')
      const route = new URL(req.url ?? '/', 'http://x').pathname
      const answer = (type: string, text: string): void => {
        res.writeHead(200, {
          'content-type': type,
          'content-length': Buffer.byteLength(text)
        })
        res.end(text)
      }
      if (route === '/access-token-only')
        return answer(
          'application/json',
          JSON.stringify({ access_token: pull(), expires_in: 300 })
        )
      if (route === '/empty') return answer('application/json', '{}')
      if (route === '/null-token')
        return answer('application/json', '{"token":null,"access_token":""}')
      if (route === '/html')
        return answer('text/html', '<html><body>Sign in</body></html>')
      res.writeHead(404, { 'content-length': '0' })
      res.end()
    })
    fakeUrl = await listen(fake)
  })
  afterAll(async () => {
    await close(other)
    await close(fake)
    await proxy?.close()
    await reg?.stop()
  })
  beforeEach(() => {
    proxy.reset()
    reg.resetLogs()
    otherSeen.length = 0
    fakeSeen.length = 0
  })

  /** Rewrites every 401's WWW-Authenticate to this value. */
  const challenge = (value: string): FaultRule => ({
    name: 'challenge',
    path: /^\/v2\//,
    rewrite: (u) =>
      u.status === 401 ? header('www-authenticate', value)(u) : u
  })
  const faulted = (): ProxyLogEntry[] => proxy.requests.filter((r) => r.fault)

  // Authorization never follows a redirect to another port of the same host
  test.each([301, 302, 303, 307, 308])(
    'keeps the token off another port of the same host (%i blob redirect)',
    async (status) => {
      const digest = image.configDigest
      proxy.fault({
        path: blobPath('acme/app', digest),
        reply: fixed({
          status,
          headers: { location: `${otherUrl}/blob/${digest}` }
        })
      })
      const info = await inspect(proxy.host, 'acme/app:v1')
      expect(info.configDigest).toBe(digest)
      // there was a token to leak: the registry-side blob request carried it
      const blobGet = proxy.requests.find(
        (r) => pathOf(r) === blobPath('acme/app', digest)
      )
      expect(blobGet?.headers.authorization).toMatch(/^Bearer /)
      expect(otherSeen).toEqual([
        { url: `/blob/${digest}`, authorization: undefined }
      ])
    }
  )

  // challenges and token servers that are broken or hostile
  // prettier-ignore
  test.each([
    { name: 'a Bearer challenge without realm', wwwAuthenticate: () => `Bearer service="${SERVICE}",scope="repository:acme/app:pull"`,
      expected: /The registry sent a Bearer challenge without a realm, so there is no token server to ask/ },
    { name: 'a token server answering {}', wwwAuthenticate: () => `Bearer realm="${fakeUrl}/empty",service="${SERVICE}"`,
      expected: /The token server http:\/\/127\.0\.0\.1:\d+ answered without a token$/ },
    { name: 'a token server answering null / empty tokens', wwwAuthenticate: () => `Bearer realm="${fakeUrl}/null-token",service="${SERVICE}"`,
      expected: /answered without a token$/ },
    { name: 'a token server answering HTML', wwwAuthenticate: () => `Bearer realm="${fakeUrl}/html",service="${SERVICE}"`,
      expected: /The token server http:\/\/127\.0\.0\.1:\d+ did not answer with JSON$/ }
  ])('fails on $name', async ({ wwwAuthenticate, expected }) => {
    proxy.fault(challenge(wwwAuthenticate()))
    const message = await failure(inspect(proxy.host, 'acme/app:v1'))
    expect(message).toMatch(expected)
    expect(proxy.requests.map((r) => r.status)).toEqual([401])
    expect(reg.token!.requests).toHaveLength(0)
  })

  it('accepts a token server that answers only access_token (OAuth2 style)', async () => {
    proxy.fault(
      challenge(
        `Bearer realm="${fakeUrl}/access-token-only",service="${SERVICE}"`
      )
    )
    const info = await inspect(proxy.host, 'acme/app:v1')
    expect(info.digest).toBe(app.digest)
    expect(fakeSeen).toHaveLength(1)
    expect(new URL(fakeSeen[0], fakeUrl).searchParams.getAll('scope')).toEqual([
      'repository:acme/app:pull'
    ])
    // the scripted token was used, not one from the registry's own realm
    expect(reg.token!.requests).toHaveLength(0)
    expect(proxy.requests.map((r) => r.status)).toEqual([401, 200, 200])
  })

  // prettier-ignore
  test.each([
    { name: '169.254.169.254',                               realm: 'https://169.254.169.254/latest/api/token' },
    { name: 'an IPv6 link-local address',                    realm: 'https://[fe80::a9fe:a9fe]/token' },
    { name: 'metadata.google.internal',                      realm: 'https://metadata.google.internal/computeMetadata/v1/token' },
    { name: '169.254.169.254 written as IPv4-mapped IPv6',   realm: 'https://[::ffff:169.254.169.254]/token' },
    { name: 'metadata.google.internal with a trailing dot',  realm: 'https://metadata.google.internal./token' }
  ])('refuses a realm at $name, sending nothing there', async ({ realm }) => {
    proxy.fault(challenge(`Bearer realm="${realm}",service="${SERVICE}"`))
    const transport = new GuardTransport()
    try {
      const message = await failure(inspect(proxy.host, 'acme/app:v1', { credentials: { username: 'alice', password: 's3cret' }, transport }))
      expect(message).toMatch(/Refusing the registry's token realm https:\/\/.*: link-local and metadata addresses are not allowed/)
    } finally {
      transport.dispose()
    }
    expect(transport.outside).toEqual([])
    expect(transport.requestCount).toBe(1)
  })

  // insufficient_scope: one more token, with the extra scope, then success
  it('fetches one new token with the scope an insufficient_scope challenge names', async () => {
    proxy.fault({
      name: 'insufficient_scope',
      path: manifestPath('acme/app', 'v1'),
      when: (req) => req.headers.authorization !== undefined,
      times: 1,
      reply: fixed({
        status: 401,
        headers: {
          'content-type': 'application/json',
          'www-authenticate': `Bearer realm="${reg.token!.realm}",service="${SERVICE}",scope="repository:x:pull",error="insufficient_scope"`
        },
        body: '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}'
      })
    })
    const info = await inspect(proxy.host, 'acme/app:v1')
    expect(info.digest).toBe(app.digest)
    expect(proxy.requests.map((r) => [pathOf(r), r.status])).toEqual([
      [manifestPath('acme/app', 'v1'), 401],
      [manifestPath('acme/app', 'v1'), 401],
      [manifestPath('acme/app', 'v1'), 200],
      [blobPath('acme/app', image.configDigest), 200]
    ])
    const scopes = reg.token!.requests.map((r) =>
      new URL(r.url, reg.token!.url).searchParams.getAll('scope')
    )
    expect(scopes).toEqual([
      ['repository:acme/app:pull'],
      ['repository:acme/app:pull', 'repository:x:pull']
    ])
    // the retry carried the new token
    expect(proxy.requests[2].headers.authorization).not.toBe(
      proxy.requests[1].headers.authorization
    )
  })

  // A blob request whose token is refused (expired, say) gets the registry's
  // real 401 with a JSON body; the client must re-authenticate, whatever the
  // size of the blob it asked for.
  // prettier-ignore
  test.each([
    { name: 'a regular config blob',                   repo: 'acme/app',  image: () => image },
    { name: 'a config blob smaller than the 401 body', repo: 'acme/tiny', image: () => tiny }
  ])('re-authenticates when the registry refuses the token for $name', async ({ repo, image: img }) => {
    const { configDigest } = img()
    proxy.fault({
      name: 'token refused',
      path: blobPath(repo, configDigest),
      times: 1,
      upstreamHeaders: ({ authorization: _dropped, ...rest }) => rest
    })
    const info = await inspect(proxy.host, `${repo}:v1`)
    expect(info.configDigest).toBe(configDigest)
    expect(faulted().map((r) => r.status)).toEqual([401])
    expect(reg.token!.requests).toHaveLength(2)
  })

  it('reports a missing small config blob as missing, not as too large', async () => {
    // The registry's own 404 (BLOB_UNKNOWN, JSON) for a digest it lacks.
    proxy.fault({
      path: blobPath('acme/tiny', tiny.configDigest),
      upstreamPath: () => blobPath('acme/tiny', `sha256:${'0'.repeat(64)}`)
    })
    const message = await failure(inspect(proxy.host, 'acme/tiny:v1'))
    expect(faulted().map((r) => r.status)).toEqual([404])
    expect(message).not.toMatch(/limit/)
    expect(message).toMatch(/404|not found|BLOB_UNKNOWN/)
  })
})
