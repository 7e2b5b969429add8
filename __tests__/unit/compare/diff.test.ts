/**
 * compareImages and changesJson on hand-built ImageInfo: entry-by-entry label
 * and env changes, old/new pairs for every other field, exact JSON.
 */
import { describe, expect, it, test } from '@jest/globals'
import { changesJson, compareImages } from '../../../src/compare/diff.js'
import type { ImageConfig, ImageInfo } from '../../../src/image/model.js'

const D = (c: string): string => `sha256:${c.repeat(64)}`
const EMPTY_MAP = '{"added":{},"removed":{},"changed":{}}'
/** Fields compared besides labels and env. */
const FIELD_COUNT = 14

function image(
  config: Partial<ImageConfig> = {},
  info: Partial<ImageInfo> = {}
): ImageInfo {
  return {
    reference: { domain: 'registry.test', path: 'team/app', tag: 'v1' },
    ref: 'registry.test/team/app:v1',
    digest: D('1'),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    imageDigest: D('2'),
    configDigest: D('3'),
    platform: { os: 'linux', architecture: 'amd64' },
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    config: {
      os: 'linux',
      architecture: 'amd64',
      variant: '',
      created: '2024-05-01T12:00:00Z',
      author: 'a',
      user: 'app',
      workdir: '/srv',
      entrypoint: ['/entrypoint.sh'],
      cmd: ['serve'],
      env: [
        ['PATH', '/usr/bin'],
        ['MODE', 'prod']
      ],
      labels: [
        ['org.opencontainers.image.version', '1.0.0'],
        ['vendor', 'ACME']
      ],
      exposedPorts: ['80/tcp', '443/tcp'],
      volumes: ['/data'],
      stopSignal: 'SIGTERM',
      ...config
    },
    layers: 1,
    size: 100,
    layerDigests: [],
    annotations: [],
    indexAnnotations: [],
    entryAnnotations: [],
    configText: '{}',
    warnings: [],
    ...info
  }
}

describe('compareImages', () => {
  it('finds nothing between identical images', () => {
    const changes = compareImages(image(), image())
    expect(changes.changed).toBe(false)
    expect(changes.unchanged).toBe(2 + 2 + FIELD_COUNT)
    expect(changes.fields).toEqual({})
    expect(changesJson(changes)).toBe(
      `{"labels":${EMPTY_MAP},"env":${EMPTY_MAP}}`
    )
  })

  it('ignores what is not compared: created, author, layers, size, ref, media type, chosen platform', () => {
    const after = image(
      { created: '2025-01-01T00:00:00Z', author: 'b' },
      {
        ref: 'other.test/x:y',
        layers: 9,
        size: 9,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        configText: '{"x":1}',
        warnings: ['w']
      }
    )
    const changes = compareImages(image(), after)
    expect(changes.changed).toBe(false)
    expect(changes.unchanged).toBe(18)
  })

  it('diffs labels entry by entry: added, removed, changed', () => {
    const before = image({
      labels: [
        ['keep', 'same'],
        ['gone', 'old value'],
        ['bump', '1.0'],
        ['blank', '']
      ]
    })
    const after = image({
      labels: [
        ['bump', '2.0'],
        ['new', 'fresh'],
        ['keep', 'same'],
        ['blank', 'now set']
      ]
    })
    const changes = compareImages(before, after)
    expect(changes.changed).toBe(true)
    expect(changes.labels).toEqual({
      added: { new: 'fresh' },
      removed: { gone: 'old value' },
      changed: {
        bump: { old: '1.0', new: '2.0' },
        blank: { old: '', new: 'now set' }
      }
    })
    expect(changes.env).toEqual({ added: {}, removed: {}, changed: {} })
    expect(changes.fields).toEqual({})
    expect(changes.unchanged).toBe(1 + 2 + FIELD_COUNT)
    expect(changesJson(changes)).toBe(
      `{"labels":{"added":{"new":"fresh"},"removed":{"gone":"old value"},"changed":{"bump":{"old":"1.0","new":"2.0"},"blank":{"old":"","new":"now set"}}},"env":${EMPTY_MAP}}`
    )
  })

  it('diffs env entry by entry: added, removed, changed', () => {
    const before = image({
      env: [
        ['PATH', '/usr/bin'],
        ['MODE', 'prod'],
        ['DEBUG', '1']
      ]
    })
    const after = image({
      env: [
        ['PATH', '/usr/local/bin:/usr/bin'],
        ['MODE', 'prod'],
        ['TZ', 'UTC'],
        ['EMPTY', '']
      ]
    })
    const changes = compareImages(before, after)
    expect(changes.changed).toBe(true)
    expect(changes.unchanged).toBe(2 + 1 + FIELD_COUNT)
    expect(changesJson(changes)).toBe(
      `{"labels":${EMPTY_MAP},"env":{"added":{"TZ":"UTC","EMPTY":""},"removed":{"DEBUG":"1"},"changed":{"PATH":{"old":"/usr/bin","new":"/usr/local/bin:/usr/bin"}}}}`
    )
  })

  it('counts a value that became empty as changed, not removed', () => {
    const changes = compareImages(
      image({ env: [['A', 'x']] }),
      image({ env: [['A', '']] })
    )
    expect(changes.env).toEqual({
      added: {},
      removed: {},
      changed: { A: { old: 'x', new: '' } }
    })
  })

  const amd64 = { os: 'linux', architecture: 'amd64' }
  const arm64 = { os: 'linux', architecture: 'arm64' }
  const armv7 = { os: 'linux', architecture: 'arm', variant: 'v7' }

  interface ChangedRow {
    name: string
    config: Partial<ImageConfig>
    info: Partial<ImageInfo>
    /** The changed field, as changesJson names it. */
    field: string
    /** Its value in image(). */
    old: unknown
    /** Its value in image(config, info). */
    now: unknown
  }
  // prettier-ignore
  test.each<ChangedRow>([
    { name: 'entrypoint', config: { entrypoint: ['/bin/sh', '-c'] }, info: {}, field: 'entrypoint', old: ['/entrypoint.sh'], now: ['/bin/sh', '-c'] },
    { name: 'entrypoint unset', config: { entrypoint: null }, info: {}, field: 'entrypoint', old: ['/entrypoint.sh'], now: null },
    { name: 'entrypoint emptied', config: { entrypoint: [] }, info: {}, field: 'entrypoint', old: ['/entrypoint.sh'], now: [] },
    { name: 'cmd', config: { cmd: ['serve', '--debug'] }, info: {}, field: 'cmd', old: ['serve'], now: ['serve', '--debug'] },
    { name: 'cmd unset', config: { cmd: null }, info: {}, field: 'cmd', old: ['serve'], now: null },
    { name: 'user', config: { user: 'root' }, info: {}, field: 'user', old: 'app', now: 'root' },
    { name: 'user emptied', config: { user: '' }, info: {}, field: 'user', old: 'app', now: '' },
    { name: 'workdir', config: { workdir: '/app' }, info: {}, field: 'workdir', old: '/srv', now: '/app' },
    { name: 'ports added', config: { exposedPorts: ['443/tcp', '80/tcp', '8080/tcp'] }, info: {}, field: 'exposed-ports', old: ['443/tcp', '80/tcp'], now: ['443/tcp', '80/tcp', '8080/tcp'] },
    { name: 'ports removed', config: { exposedPorts: [] }, info: {}, field: 'exposed-ports', old: ['443/tcp', '80/tcp'], now: [] },
    { name: 'volumes', config: { volumes: ['/data', '/cache'] }, info: {}, field: 'volumes', old: ['/data'], now: ['/cache', '/data'] },
    { name: 'stop signal', config: { stopSignal: 'SIGQUIT' }, info: {}, field: 'stop-signal', old: 'SIGTERM', now: 'SIGQUIT' },
    { name: 'os', config: { os: 'windows' }, info: {}, field: 'os', old: 'linux', now: 'windows' },
    { name: 'architecture', config: { architecture: 'arm64' }, info: {}, field: 'architecture', old: 'amd64', now: 'arm64' },
    { name: 'variant', config: { variant: 'v8' }, info: {}, field: 'variant', old: '', now: 'v8' },
    { name: 'platforms added', config: {}, info: { platforms: [amd64, arm64, armv7] }, field: 'platforms', old: ['linux/amd64'], now: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] },
    { name: 'platforms replaced', config: {}, info: { platforms: [arm64] }, field: 'platforms', old: ['linux/amd64'], now: ['linux/arm64'] },
    { name: 'digest', config: {}, info: { digest: D('a') }, field: 'digest', old: D('1'), now: D('a') },
    { name: 'image digest', config: {}, info: { imageDigest: D('b') }, field: 'image-digest', old: D('2'), now: D('b') },
    { name: 'config digest', config: {}, info: { configDigest: D('c') }, field: 'config-digest', old: D('3'), now: D('c') }
  ])('reports a changed $name as old/new', ({ config, info, field, old, now }) => {
    const changes = compareImages(image(), image(config, info))
    expect(changes.changed).toBe(true)
    expect(changes.fields).toEqual({ [field]: { old, new: now } })
    expect(changes.unchanged).toBe(2 + 2 + FIELD_COUNT - 1)
    expect(changesJson(changes)).toBe(
      `{"labels":${EMPTY_MAP},"env":${EMPTY_MAP},${JSON.stringify(field)}:${JSON.stringify({ old, new: now })}}`
    )
  })

  interface SameRow {
    name: string
    config: Partial<ImageConfig>
    info: Partial<ImageInfo>
  }
  // prettier-ignore
  test.each<SameRow>([
    { name: 'ports in another order', config: { exposedPorts: ['443/tcp', '80/tcp'] }, info: {} },
    { name: 'volumes in another order', config: { volumes: ['/data'] }, info: {} },
    { name: 'labels in another order', config: { labels: [['vendor', 'ACME'], ['org.opencontainers.image.version', '1.0.0']] }, info: {} },
    { name: 'env in another order', config: { env: [['MODE', 'prod'], ['PATH', '/usr/bin']] }, info: {} }
  ])('finds no change for $name', ({ config, info }) => {
    const changes = compareImages(image(), image(config, info))
    expect(changes.changed).toBe(false)
    expect(changes.unchanged).toBe(18)
  })

  it('lists several field changes in a fixed order', () => {
    const after = image(
      { user: 'root', cmd: null, entrypoint: ['/x'], workdir: '/' },
      {
        digest: D('a'),
        imageDigest: D('b'),
        platforms: [
          { os: 'linux', architecture: 'amd64' },
          { os: 'linux', architecture: 'arm64' }
        ]
      }
    )
    const changes = compareImages(image(), after)
    expect(Object.keys(changes.fields)).toEqual([
      'digest',
      'image-digest',
      'platforms',
      'entrypoint',
      'cmd',
      'user',
      'workdir'
    ])
    expect(changes.unchanged).toBe(4 + FIELD_COUNT - 7)
    expect(changesJson(changes)).toBe(
      `{"labels":${EMPTY_MAP},"env":${EMPTY_MAP},` +
        `"digest":{"old":"${D('1')}","new":"${D('a')}"},` +
        `"image-digest":{"old":"${D('2')}","new":"${D('b')}"},` +
        `"platforms":{"old":["linux/amd64"],"new":["linux/amd64","linux/arm64"]},` +
        `"entrypoint":{"old":["/entrypoint.sh"],"new":["/x"]},` +
        `"cmd":{"old":["serve"],"new":null},` +
        `"user":{"old":"app","new":"root"},` +
        `"workdir":{"old":"/srv","new":"/"}}`
    )
  })

  it('diffs __proto__ and constructor label keys as ordinary keys', () => {
    const before = image({
      labels: [
        ['__proto__', 'old'],
        ['constructor', 'c'],
        ['toString', 't']
      ]
    })
    const after = image({
      labels: [
        ['__proto__', 'new'],
        ['hasOwnProperty', 'h']
      ],
      env: [
        ['PATH', '/usr/bin'],
        ['MODE', 'prod'],
        ['__proto__', 'e']
      ]
    })
    const changes = compareImages(before, after)
    expect(changes.changed).toBe(true)
    expect(Object.keys(changes.labels.changed)).toEqual(['__proto__'])
    expect(
      Object.getOwnPropertyDescriptor(changes.labels.changed, '__proto__')
    ).toEqual({
      value: { old: 'old', new: 'new' },
      writable: true,
      enumerable: true,
      configurable: true
    })
    expect(Object.keys(changes.labels.removed)).toEqual([
      'constructor',
      'toString'
    ])
    expect(Object.keys(changes.env.added)).toEqual(['__proto__'])
    // nothing leaked onto Object.prototype
    expect(({} as Record<string, unknown>).old).toBeUndefined()
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'e')).toBe(
      false
    )
    expect(changesJson(changes)).toBe(
      '{"labels":{"added":{"hasOwnProperty":"h"},"removed":{"constructor":"c","toString":"t"},"changed":{"__proto__":{"old":"old","new":"new"}}},' +
        '"env":{"added":{"__proto__":"e"},"removed":{},"changed":{}}}'
    )
    const parsed = JSON.parse(changesJson(changes))
    expect(Object.keys(parsed.labels.changed)).toEqual(['__proto__'])
  })

  it('reports a __proto__ label that was added or removed', () => {
    const withIt = image({ labels: [['__proto__', 'x']] })
    const without = image({ labels: [] })
    expect(changesJson(compareImages(without, withIt))).toBe(
      `{"labels":{"added":{"__proto__":"x"},"removed":{},"changed":{}},"env":${EMPTY_MAP}}`
    )
    expect(changesJson(compareImages(withIt, without))).toBe(
      `{"labels":{"added":{},"removed":{"__proto__":"x"},"changed":{}},"env":${EMPTY_MAP}}`
    )
  })
})

describe('changesJson', () => {
  interface Row {
    name: string
    config: Partial<ImageConfig>
    info: Partial<ImageInfo>
    /** The exact changesJson text. */
    json: string
  }
  // prettier-ignore
  test.each<Row>([
    { name: 'nothing', config: {}, info: {}, json: `{"labels":${EMPTY_MAP},"env":${EMPTY_MAP}}` },
    { name: 'a label with quotes and a newline', config: { labels: [['org.opencontainers.image.version', '1.0.0'], ['vendor', 'A "B"\nC']] }, info: {}, json: `{"labels":{"added":{},"removed":{},"changed":{"vendor":{"old":"ACME","new":"A \\"B\\"\\nC"}}},"env":${EMPTY_MAP}}` },
    { name: 'unicode and HTML kept verbatim', config: { user: '<b>ü</b>' }, info: {}, json: `{"labels":${EMPTY_MAP},"env":${EMPTY_MAP},"user":{"old":"app","new":"<b>ü</b>"}}` },
    { name: 'labels, env and fields together', config: { labels: [], env: [['PATH', '/usr/bin'], ['MODE', 'dev']], volumes: [] }, info: {}, json: '{"labels":{"added":{},"removed":{"org.opencontainers.image.version":"1.0.0","vendor":"ACME"},"changed":{}},"env":{"added":{},"removed":{},"changed":{"MODE":{"old":"prod","new":"dev"}}},"volumes":{"old":["/data"],"new":[]}}' }
  ])('$name', ({ config, info, json }) => {
    expect(changesJson(compareImages(image(), image(config, info)))).toBe(json)
  })
})
