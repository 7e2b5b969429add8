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

  // prettier-ignore
  test.each<[string, Partial<ImageConfig>, Partial<ImageInfo>, string, unknown, unknown]>([
    ['entrypoint', { entrypoint: ['/bin/sh', '-c'] }, {}, 'entrypoint', ['/entrypoint.sh'], ['/bin/sh', '-c']],
    ['entrypoint unset', { entrypoint: null }, {}, 'entrypoint', ['/entrypoint.sh'], null],
    ['entrypoint emptied', { entrypoint: [] }, {}, 'entrypoint', ['/entrypoint.sh'], []],
    ['cmd', { cmd: ['serve', '--debug'] }, {}, 'cmd', ['serve'], ['serve', '--debug']],
    ['cmd unset', { cmd: null }, {}, 'cmd', ['serve'], null],
    ['user', { user: 'root' }, {}, 'user', 'app', 'root'],
    ['user emptied', { user: '' }, {}, 'user', 'app', ''],
    ['workdir', { workdir: '/app' }, {}, 'workdir', '/srv', '/app'],
    ['ports added', { exposedPorts: ['443/tcp', '80/tcp', '8080/tcp'] }, {}, 'exposed-ports', ['443/tcp', '80/tcp'], ['443/tcp', '80/tcp', '8080/tcp']],
    ['ports removed', { exposedPorts: [] }, {}, 'exposed-ports', ['443/tcp', '80/tcp'], []],
    ['volumes', { volumes: ['/data', '/cache'] }, {}, 'volumes', ['/data'], ['/cache', '/data']],
    ['stop signal', { stopSignal: 'SIGQUIT' }, {}, 'stop-signal', 'SIGTERM', 'SIGQUIT'],
    ['os', { os: 'windows' }, {}, 'os', 'linux', 'windows'],
    ['architecture', { architecture: 'arm64' }, {}, 'architecture', 'amd64', 'arm64'],
    ['variant', { variant: 'v8' }, {}, 'variant', '', 'v8'],
    ['platforms added', {}, { platforms: [amd64, arm64, armv7] }, 'platforms', ['linux/amd64'], ['linux/amd64', 'linux/arm64', 'linux/arm/v7']],
    ['platforms replaced', {}, { platforms: [arm64] }, 'platforms', ['linux/amd64'], ['linux/arm64']],
    ['digest', {}, { digest: D('a') }, 'digest', D('1'), D('a')],
    ['image digest', {}, { imageDigest: D('b') }, 'image-digest', D('2'), D('b')],
    ['config digest', {}, { configDigest: D('c') }, 'config-digest', D('3'), D('c')]
  ])('reports a changed %s as old/new', (_name, config, info, field, old, now) => {
    const changes = compareImages(image(), image(config, info))
    expect(changes.changed).toBe(true)
    expect(changes.fields).toEqual({ [field]: { old, new: now } })
    expect(changes.unchanged).toBe(2 + 2 + FIELD_COUNT - 1)
    expect(changesJson(changes)).toBe(
      `{"labels":${EMPTY_MAP},"env":${EMPTY_MAP},${JSON.stringify(field)}:${JSON.stringify({ old, new: now })}}`
    )
  })

  // prettier-ignore
  test.each<[string, Partial<ImageConfig>, Partial<ImageInfo>]>([
    ['ports in another order', { exposedPorts: ['443/tcp', '80/tcp'] }, {}],
    ['volumes in another order', { volumes: ['/data'] }, {}],
    ['labels in another order', { labels: [['vendor', 'ACME'], ['org.opencontainers.image.version', '1.0.0']] }, {}],
    ['env in another order', { env: [['MODE', 'prod'], ['PATH', '/usr/bin']] }, {}]
  ])('finds no change for %s', (_name, config, info) => {
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
  // prettier-ignore
  test.each<[string, Partial<ImageConfig>, Partial<ImageInfo>, string]>([
    ['nothing', {}, {}, `{"labels":${EMPTY_MAP},"env":${EMPTY_MAP}}`],
    ['a label with quotes and a newline', { labels: [['org.opencontainers.image.version', '1.0.0'], ['vendor', 'A "B"\nC']] }, {}, `{"labels":{"added":{},"removed":{},"changed":{"vendor":{"old":"ACME","new":"A \\"B\\"\\nC"}}},"env":${EMPTY_MAP}}`],
    ['unicode and HTML kept verbatim', { user: '<b>ü</b>' }, {}, `{"labels":${EMPTY_MAP},"env":${EMPTY_MAP},"user":{"old":"app","new":"<b>ü</b>"}}`],
    ['labels, env and fields together', { labels: [], env: [['PATH', '/usr/bin'], ['MODE', 'dev']], volumes: [] }, {}, '{"labels":{"added":{},"removed":{"org.opencontainers.image.version":"1.0.0","vendor":"ACME"},"changed":{}},"env":{"added":{},"removed":{},"changed":{"MODE":{"old":"prod","new":"dev"}}},"volumes":{"old":["/data"],"new":[]}}']
  ])('%s', (_name, config, info, json) => {
    expect(changesJson(compareImages(image(), image(config, info)))).toBe(json)
  })
})
