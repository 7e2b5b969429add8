/**
 * End to end: the action's real code and the real @actions/core, against a
 * real Distribution registry holding byte-exact fixtures. Assertions are on
 * what lands in GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */
import { afterAll, beforeAll, describe, expect, it, test } from '@jest/globals'
import {
  buildImage,
  hostileConfig,
  pushArtifact,
  pushImage,
  pushIndex,
  type BuiltImage,
  type Pushed
} from '../support/fixtures.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import { runAction } from '../support/action.js'
import { expectFailure } from '../support/expect.js'

const OUTPUT_NAMES = [
  'ref',
  'digest',
  'image-digest',
  'config-digest',
  'media-type',
  'platform',
  'platforms',
  'os',
  'architecture',
  'variant',
  'created',
  'author',
  'user',
  'workdir',
  'entrypoint',
  'cmd',
  'env',
  'labels',
  'annotations',
  'index-annotations',
  'exposed-ports',
  'volumes',
  'stop-signal',
  'layers',
  'size',
  'config',
  'ratelimit-limit',
  'ratelimit-remaining',
  'assertions',
  'passed'
]

describe('inspecting images on an anonymous registry with a blob CDN', () => {
  let reg: RunningRegistry
  let ociImage: BuiltImage
  let oci: Pushed
  let docker: Pushed
  let dockerImage: BuiltImage
  let amd64: BuiltImage
  let arm64: BuiltImage
  let armv7: BuiltImage
  let index: Pushed & { children: Pushed[] }
  let list: Pushed & { children: Pushed[] }
  let hostile: BuiltImage

  beforeAll(async () => {
    reg = await startRegistry({ redirect: true })
    ociImage = buildImage({
      os: 'linux',
      architecture: 'amd64',
      created: '2024-05-01T12:00:00Z',
      author: 'Jane <jane@example.com>',
      layerCount: 2,
      config: {
        User: 'app',
        WorkingDir: '/srv',
        Entrypoint: ['/entrypoint.sh'],
        Cmd: ['serve', '--port', '8080'],
        Env: ['PATH=/usr/bin', 'MODE=prod'],
        Labels: { 'org.opencontainers.image.version': '1.2.3' },
        ExposedPorts: { '8080/tcp': {} },
        Volumes: { '/data': {} },
        StopSignal: 'SIGQUIT'
      }
    })
    oci = await pushImage(reg, 'team/app', 'v1', ociImage)
    dockerImage = buildImage({
      format: 'docker',
      os: 'linux',
      architecture: 'amd64',
      config: { Cmd: ['bash'] }
    })
    docker = await pushImage(reg, 'team/legacy', '1.0', dockerImage)
    amd64 = buildImage({ os: 'linux', architecture: 'amd64', seed: 'amd' })
    arm64 = buildImage({
      os: 'linux',
      architecture: 'arm64',
      variant: 'v8',
      seed: 'arm64'
    })
    armv7 = buildImage({
      os: 'linux',
      architecture: 'arm',
      variant: 'v7',
      seed: 'armv7'
    })
    index = await pushIndex(
      reg,
      'team/multi',
      'latest',
      [amd64, arm64, armv7],
      {
        attestation: true
      }
    )
    list = await pushIndex(reg, 'team/list', '2', [amd64, arm64], {
      format: 'docker'
    })
    await pushArtifact(reg, 'team/chart', '0.1.0')
    hostile = buildImage({
      config: hostileConfig(),
      os: 'linux',
      architecture: 'amd64'
    })
    await pushImage(reg, 'team/hostile', 'latest', hostile)
  })
  afterAll(async () => {
    await reg?.stop()
  })

  it('reports every field of an OCI image, exactly', async () => {
    const result = await runAction({ image: `${reg.host}/team/app:v1` })
    expect(result.failed).toBe(false)
    expect([...result.outputs.keys()]).toEqual(OUTPUT_NAMES)
    const size = ociImage.layers.reduce((n, l) => n + l.size, 0)
    expect(Object.fromEntries(result.outputs)).toEqual({
      ref: `${reg.host}/team/app:v1`,
      digest: oci.digest,
      'image-digest': oci.digest,
      'config-digest': ociImage.configDigest,
      'media-type': 'application/vnd.oci.image.manifest.v1+json',
      platform: 'linux/amd64',
      platforms: '["linux/amd64"]',
      os: 'linux',
      architecture: 'amd64',
      variant: '',
      created: '2024-05-01T12:00:00Z',
      author: 'Jane <jane@example.com>',
      user: 'app',
      workdir: '/srv',
      entrypoint: '["/entrypoint.sh"]',
      cmd: '["serve","--port","8080"]',
      env: '{"PATH":"/usr/bin","MODE":"prod"}',
      labels: '{"org.opencontainers.image.version":"1.2.3"}',
      annotations: '{}',
      'index-annotations': '{}',
      'exposed-ports': '["8080/tcp"]',
      volumes: '["/data"]',
      'stop-signal': 'SIGQUIT',
      layers: '2',
      size: String(size),
      config: ociImage.config.toString('utf8'),
      // Distribution sends no RateLimit headers
      'ratelimit-limit': '',
      'ratelimit-remaining': '',
      // no rules given: nothing to fail
      assertions: '[]',
      passed: 'true'
    })
    expect(result.summary).toContain(`<h2>${reg.host}/team/app:v1</h2>`)
    expect(result.summary).toContain(`${reg.host}/team/app@${oci.digest}`)
  })

  it('follows the blob redirect to the CDN without sending Authorization', async () => {
    reg.resetLogs()
    const result = await runAction({ image: `${reg.host}/team/app:v1` })
    expect(result.failed).toBe(false)
    expect(reg.cdn!.requests).toHaveLength(1)
    expect(reg.cdn!.requests[0].headers.authorization).toBeUndefined()
    // manifest + config blob; no /v2/ ping, no layer downloads
    expect(reg.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /v2/team/app/manifests/v1`,
      `GET /v2/team/app/blobs/${ociImage.configDigest}`
    ])
    const accept = String(reg.requests[0].headers.accept)
    for (const type of [
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.docker.distribution.manifest.list.v2+json',
      'application/vnd.oci.image.manifest.v1+json',
      'application/vnd.docker.distribution.manifest.v2+json'
    ]) {
      expect(accept).toContain(type)
    }
  })

  it('logs each request at debug level: method, URL without its query, status, time', async () => {
    const result = await runAction({ image: `${reg.host}/team/app:v1` })
    expect(result.failed).toBe(false)
    const traced = result.stdout
      .split('\n')
      .filter((l) => /^::debug::(GET|HEAD) /.test(l))
      .map((l) => l.replace(/\(\d+ ms\)$/, '(T ms)'))
    const cdn = new URL(reg.cdn!.url)
    expect(traced).toEqual([
      `::debug::GET http://${reg.host}/v2/team/app/manifests/v1 → 200 (T ms)`,
      `::debug::GET http://${reg.host}/v2/team/app/blobs/${ociImage.configDigest} → 307 (T ms)`,
      expect.stringMatching(
        new RegExp(
          `^::debug::GET http://${cdn.host.replace(/\./g, '\\.')}/\\S+ → 200 \\(T ms\\)$`
        )
      )
    ])
  })

  it('folds the registry work, the image and the rules into groups of their own', async () => {
    const result = await runAction({
      image: `${reg.host}/team/app:v1`,
      assert: 'label org.opencontainers.image.version == 1.2.3\nuser is root',
      'report-only': 'true'
    })
    expect(result.failed).toBe(false)
    const lines = result.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::debug::'))
    const at = (pattern: RegExp): number =>
      lines.findIndex((l) => pattern.test(l))
    const open = at(/^::group::Reading the registries$/)
    const inspecting = at(/^Inspecting /)
    const close = at(/^::endgroup::$/)
    const found = at(/ → sha256:/)
    expect(open).toBeGreaterThanOrEqual(0)
    expect(open).toBeLessThan(inspecting)
    expect(inspecting).toBeLessThan(close)
    expect(close).toBeLessThan(found)
    // the image's own lines fold under its name
    expect(lines[found - 1]).toBe(`::group::Image ${reg.host}/team/app:v1`)
    expect(lines[found + 1]).toBe('::endgroup::')
    const rules = at(/^::group::Rules: 1 of 2 passed$/)
    expect(rules).toBeGreaterThan(found)
    expect(lines.slice(rules + 1, rules + 4)).toEqual([
      '✔ label org.opencontainers.image.version == 1.2.3',
      expect.stringMatching(
        /^::error title=Image assertion failed::user is root \(actual: /
      ),
      '::endgroup::'
    ])
  })

  it('reads Docker v2 images (indented JSON, hashed as served)', async () => {
    const result = await runAction({ image: `${reg.host}/team/legacy:1.0` })
    expect(result.failed).toBe(false)
    expect(result.outputs.get('digest')).toBe(docker.digest)
    expect(result.outputs.get('media-type')).toBe(
      'application/vnd.docker.distribution.manifest.v2+json'
    )
    expect(result.outputs.get('config-digest')).toBe(dockerImage.configDigest)
    expect(result.outputs.get('cmd')).toBe('["bash"]')
    expect(result.outputs.get('entrypoint')).toBe('null')
  })

  // `child`: which of [amd64, arm64, armv7] the platform resolves to.
  // prettier-ignore
  test.each([
    { name: 'OCI index, default platform',   image: 'team/multi:latest', platform: '',               child: 0, expected: 'linux/amd64' },
    { name: 'OCI index, linux/arm64',        image: 'team/multi:latest', platform: 'linux/arm64',    child: 1, expected: 'linux/arm64' },
    { name: 'OCI index, aarch64 alias',      image: 'team/multi:latest', platform: 'linux/aarch64',  child: 1, expected: 'linux/arm64' },
    { name: 'OCI index, arm64/v8 alias',     image: 'team/multi:latest', platform: 'linux/arm64/v8', child: 1, expected: 'linux/arm64' },
    { name: 'OCI index, linux/arm/v7',       image: 'team/multi:latest', platform: 'linux/arm/v7',   child: 2, expected: 'linux/arm/v7' },
    { name: 'OCI index, linux/arm means v7', image: 'team/multi:latest', platform: 'linux/arm',      child: 2, expected: 'linux/arm/v7' },
    { name: 'OCI index, x86_64 alias',       image: 'team/multi:latest', platform: 'linux/x86_64',   child: 0, expected: 'linux/amd64' },
    { name: 'manifest list, arm64',          image: 'team/list:2',       platform: 'linux/arm64',    child: 1, expected: 'linux/arm64' }
  ])('$name', async ({ image, platform, child, expected }) => {
    const pushed = image.startsWith('team/multi') ? index : list
    const built = [amd64, arm64, armv7][child]
    const result = await runAction({ image: `${reg.host}/${image}`, platform })
    expect(result.failed).toBe(false)
    expect(result.outputs.get('digest')).toBe(pushed.digest)
    expect(result.outputs.get('image-digest')).toBe(built.manifestDigest)
    expect(result.outputs.get('config-digest')).toBe(built.configDigest)
    expect(result.outputs.get('platform')).toBe(expected)
    expect(result.outputs.get('media-type')).toBe(pushed.mediaType)
  })

  it('lists platforms without the attestation entry', async () => {
    const result = await runAction({ image: `${reg.host}/team/multi` })
    expect(JSON.parse(result.outputs.get('platforms')!)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/arm/v7'
    ])
    expect(result.outputs.get('ref')).toBe(`${reg.host}/team/multi:latest`)
  })

  it('names the platforms there are when the one asked for is missing', async () => {
    const result = await runAction({
      image: `${reg.host}/team/multi:latest`,
      platform: 'linux/s390x'
    })
    expectFailure(
      result,
      /no linux\/s390x variant\. Platforms available: linux\/amd64, linux\/arm64, linux\/arm\/v7/
    )
    expect(result.error).not.toContain('unknown')
  })

  // prettier-ignore
  test.each([
    { name: 'digest in image',            inputs: (d: string) => ({ image: `${reg.host}/team/app@${d}` }),            ref: (d: string) => `${reg.host}/team/app@${d}` },
    { name: 'tag and digest in image',    inputs: (d: string) => ({ image: `${reg.host}/team/app:v1@${d}` }),         ref: (d: string) => `${reg.host}/team/app:v1@${d}` },
    { name: 'digest in image, tag input', inputs: (d: string) => ({ image: `${reg.host}/team/app@${d}`, tag: 'v1' }), ref: (d: string) => `${reg.host}/team/app:v1@${d}` }
  ])('pins by digest: $name', async ({ inputs, ref }) => {
    reg.resetLogs()
    const result = await runAction(inputs(oci.digest))
    expect(result.failed).toBe(false)
    expect(result.outputs.get('ref')).toBe(ref(oci.digest))
    expect(result.outputs.get('digest')).toBe(oci.digest)
    expect(reg.requests[0].url).toBe(`/v2/team/app/manifests/${oci.digest}`)
  })

  it('takes the tag input when the image names none', async () => {
    const result = await runAction({
      image: `${reg.host}/team/legacy`,
      tag: '1.0'
    })
    expect(result.outputs.get('ref')).toBe(`${reg.host}/team/legacy:1.0`)
    expect(result.outputs.get('digest')).toBe(docker.digest)
  })

  // prettier-ignore
  test.each([
    { name: 'an unknown tag',        image: 'team/app:nope',                     message: /tag "nope" not found in 127\.0\.0\.1:\d+\/team\/app/ },
    { name: 'an unknown digest',     image: `team/app@sha256:${'0'.repeat(64)}`, message: /digest sha256:0{64} not found/ },
    { name: 'an unknown repository', image: 'team/nothing:v1',                   message: /tag "v1" not found in 127\.0\.0\.1:\d+\/team\/nothing \(or the repository does not exist\).*MANIFEST_UNKNOWN/ },
    { name: 'an artifact',           image: 'team/chart:0.1.0',                  message: /not a container image but an artifact of type "application\/vnd\.cncf\.helm\.config\.v1\+json"/ }
  ])('fails clearly on $name', async ({ image, message }) => {
    const result = await runAction({ image: `${reg.host}/${image}` })
    expectFailure(result, message)
  })

  // prettier-ignore
  test.each<{ name: string; inputs: Record<string, string>; message: RegExp }>([
    { name: 'an invalid image',            inputs: { image: 'Nginx:latest' },             message: /^Input 'image': "Nginx:latest" is not a valid image reference: repository name "Nginx" must be lowercase/ },
    { name: 'a URL as image',              inputs: { image: 'https://ghcr.io/org/app' },  message: /^Input 'image': .*no URL scheme/ },
    { name: 'a bad digest',                inputs: { image: 'nginx@sha256:abc' },         message: /^Input 'image': .*64/ },
    { name: 'conflicting tags',            inputs: { image: 'nginx:1.27', tag: '1.26' },  message: /^Input 'tag': "1.26" conflicts with the tag "1.27"/ },
    { name: 'an invalid tag',              inputs: { image: 'nginx', tag: '-x' },         message: /^Input 'tag': "-x" is not a valid tag/ },
    { name: 'an invalid platform',         inputs: { image: 'nginx', platform: 'linux' }, message: /^Input 'platform': "linux" is not a platform/ },
    { name: 'a username without password', inputs: { image: 'nginx', username: 'u' },     message: /^Input 'password': 'username' and 'password' go together/ },
    { name: 'an empty image',              inputs: { image: '' },                         message: /^Input 'image': is required: give the image to inspect, a 'dockerfile' whose base image to inspect, or several images, one per line, in 'images'\.$/ }
  ])('rejects $name before any request', async ({ inputs, message }) => {
    reg.resetLogs()
    const result = await runAction(inputs)
    expectFailure(result, message)
    expect(reg.requests).toHaveLength(0)
  })

  it('round-trips hostile labels and env through outputs, and escapes the summary', async () => {
    const result = await runAction({ image: `${reg.host}/team/hostile` })
    expect(result.failed).toBe(false)
    const config = JSON.parse(hostile.config.toString('utf8'))
    const labels = JSON.parse(result.outputs.get('labels')!)
    expect(Object.keys(labels)).toEqual(Object.keys(config.config.Labels))
    expect(Object.entries(labels)).toEqual(Object.entries(config.config.Labels))
    expect(Object.hasOwn(labels, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf({})).toBe(Object.prototype)
    const env = JSON.parse(result.outputs.get('env')!)
    expect(Object.entries(env)).toEqual(
      config.config.Env.map((line: string) => {
        const eq = line.indexOf('=')
        return [line.slice(0, eq), line.slice(eq + 1)]
      })
    )
    expect(result.outputs.get('config')).toBe(hostile.config.toString('utf8'))
    expect(JSON.parse(result.outputs.get('cmd')!)).toEqual(config.config.Cmd)
    expect(result.outputs.get('workdir')).toBe('/app dir/ü')

    expect(result.summary).not.toContain('<script>')
    expect(result.summary).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(result.summary).toContain('a|b|c')
    expect(result.summary).toContain('line1<br>line2')
    expect(result.summary).toMatch(
      /more not shown; the full data is in the step outputs/
    )
    expect(Buffer.byteLength(result.summary)).toBeLessThan(512 * 1024)
  })
})
