import { describe, expect, test } from '@jest/globals'
import type { ImageConfig, ImageInfo } from '../../../src/image/model.js'
import { imageOutputs } from '../../../src/report/outputs.js'
import { orderedJson } from '../../../src/text/ordered-json.js'

const INDEX_DIGEST = `sha256:${'a'.repeat(64)}`
const IMAGE_DIGEST = `sha256:${'b'.repeat(64)}`
const CONFIG_DIGEST = `sha256:${'c'.repeat(64)}`
const CONFIG_TEXT = '{"architecture":"arm","os":"linux","variant":"v7"}'

function makeConfig(overrides: Partial<ImageConfig> = {}): ImageConfig {
  return {
    os: 'linux',
    architecture: 'arm',
    variant: 'v7',
    created: '2024-05-01T12:00:00Z',
    author: 'NGINX Docker Maintainers <docker-maint@nginx.com>',
    user: 'nginx',
    workdir: '/usr/share/nginx/html',
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: [
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['NGINX_VERSION', '1.27.0']
    ],
    labels: [
      ['maintainer', 'NGINX Docker Maintainers'],
      ['org.opencontainers.image.version', '1.27.0']
    ],
    exposedPorts: ['80/tcp', '443/tcp'],
    volumes: ['/var/cache/nginx'],
    stopSignal: 'SIGQUIT',
    ...overrides
  }
}

function makeInfo(overrides: Partial<ImageInfo> = {}): ImageInfo {
  return {
    reference: { domain: 'docker.io', path: 'library/nginx', tag: '1.27' },
    ref: 'docker.io/library/nginx:1.27',
    digest: INDEX_DIGEST,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    imageDigest: IMAGE_DIGEST,
    configDigest: CONFIG_DIGEST,
    platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
      { os: 'linux', architecture: 'arm64' }
    ],
    config: makeConfig(),
    layers: 7,
    size: 73_400_320,
    configText: CONFIG_TEXT,
    warnings: [],
    ...overrides
  }
}

describe('orderedJson', () => {
  // [scenario, entries, exact JSON text]
  // prettier-ignore
  const rows: [string, [string, string][], string][] = [
    ['no entries',                 [],                                            '{}'],
    ['one entry',                  [['a', 'b']],                                  '{"a":"b"}'],
    ['keeps insertion order',      [['z', '1'], ['a', '2'], ['m', '3']],          '{"z":"1","a":"2","m":"3"}'],
    ['numeric-looking keys stay',  [['10', 'ten'], ['2', 'two'], ['b', 'bee']],   '{"10":"ten","2":"two","b":"bee"}'],
    ['"1" after "a"',              [['a', 'x'], ['1', 'y']],                      '{"a":"x","1":"y"}'],
    ['__proto__ is a key',         [['__proto__', 'p'], ['constructor', 'c']],    '{"__proto__":"p","constructor":"c"}'],
    ['empty key and value',        [['', '']],                                    '{"":""}'],
    ['quotes and backslashes',     [['a"b', 'c\\d"']],                            '{"a\\"b":"c\\\\d\\""}'],
    ['newlines and tabs',          [['k', 'line1\nline2\r\n\tx']],               '{"k":"line1\\nline2\\r\\n\\tx"}'],
    ['control characters',         [['k', '\u0000\u001f']],                       '{"k":"\\u0000\\u001f"}'],
    ['unicode as is',              [['ключ', 'значение ✓ 😀']],                   '{"ключ":"значение ✓ 😀"}'],
    ['U+2028/2029 kept (valid JSON)', [['k', '\u2028\u2029']],                    '{"k":"\u2028\u2029"}'],
    ['lone surrogates escaped',    [['k', '\ud800']],                             '{"k":"\\ud800"}']
  ]
  test.each(rows)('%s', (_scenario, entries, expected) => {
    const text = orderedJson(entries)
    expect(text).toBe(expected)
    expect(() => JSON.parse(text)).not.toThrow()
  })

  // prettier-ignore
  const roundTrip: [string, [string, string][]][] = [
    ['plain',            [['PATH', '/usr/bin:/bin'], ['HOME', '/root']]],
    ['special values',   [['q', 'say "hi"'], ['nl', 'a\nb\r\nc'], ['bs', 'C:\\dir\\'], ['html', '<script>x</script>']]],
    ['unicode',          [['emoji', '😀🐳'], ['cjk', '漢字'], ['rtl', 'שלום'], ['combining', 'e\u0301']]],
    ['__proto__ and friends', [['__proto__', '{"polluted":true}'], ['constructor', 'x'], ['toString', 'y']]],
    ['empty strings',    [['', ''], ['k', '']]]
  ]
  test.each(roundTrip)('round-trips through JSON.parse: %s', (_s, entries) => {
    const parsed: unknown = JSON.parse(orderedJson(entries))
    expect(Object.entries(parsed as Record<string, string>)).toEqual(entries)
  })

  test('__proto__ becomes an own key and pollutes nothing', () => {
    const parsed = JSON.parse(orderedJson([['__proto__', 'x']])) as Record<
      string,
      unknown
    >
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  test('keeps numeric-looking keys in order even where JSON.parse would not', () => {
    const text = orderedJson([
      ['b', '1'],
      ['10', '2'],
      ['2', '3'],
      ['a', '4']
    ])
    expect(text).toBe('{"b":"1","10":"2","2":"3","a":"4"}')
    expect(text.indexOf('"10"')).toBeLessThan(text.indexOf('"2"'))
  })
})

describe('imageOutputs', () => {
  const NAMES = [
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
    'exposed-ports',
    'volumes',
    'stop-signal',
    'layers',
    'size',
    'config',
    'ratelimit-limit',
    'ratelimit-remaining'
  ]

  test('lists every output once, in action.yml order', () => {
    expect(imageOutputs(makeInfo()).map(([name]) => name)).toEqual(NAMES)
  })

  test('every value is a string', () => {
    for (const [name, value] of imageOutputs(makeInfo())) {
      expect([name, typeof value]).toEqual([name, 'string'])
    }
  })

  // [output, value for makeInfo()]
  // prettier-ignore
  const rows: [string, string][] = [
    ['ref',           'docker.io/library/nginx:1.27'],
    ['digest',        INDEX_DIGEST],
    ['image-digest',  IMAGE_DIGEST],
    ['config-digest', CONFIG_DIGEST],
    ['media-type',    'application/vnd.oci.image.index.v1+json'],
    ['platform',      'linux/arm/v7'],
    ['platforms',     '["linux/amd64","linux/arm/v7","linux/arm64"]'],
    ['os',            'linux'],
    ['architecture',  'arm'],
    ['variant',       'v7'],
    ['created',       '2024-05-01T12:00:00Z'],
    ['author',        'NGINX Docker Maintainers <docker-maint@nginx.com>'],
    ['user',          'nginx'],
    ['workdir',       '/usr/share/nginx/html'],
    ['entrypoint',    '["/docker-entrypoint.sh"]'],
    ['cmd',           '["nginx","-g","daemon off;"]'],
    ['env',           '{"PATH":"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","NGINX_VERSION":"1.27.0"}'],
    ['labels',        '{"maintainer":"NGINX Docker Maintainers","org.opencontainers.image.version":"1.27.0"}'],
    ['exposed-ports', '["80/tcp","443/tcp"]'],
    ['volumes',       '["/var/cache/nginx"]'],
    ['stop-signal',   'SIGQUIT'],
    ['layers',        '7'],
    ['size',          '73400320'],
    ['config',        CONFIG_TEXT]
  ]
  test.each(rows)('%s = %s', (name, expected) => {
    expect(new Map(imageOutputs(makeInfo())).get(name)).toBe(expected)
  })

  // [scenario, config overrides, output, expected value]
  // prettier-ignore
  const edge: [string, Partial<ImageConfig>, string, string][] = [
    ['no entrypoint',             { entrypoint: null },            'entrypoint',    'null'],
    ['no cmd',                    { cmd: null },                   'cmd',           'null'],
    ['an empty entrypoint',       { entrypoint: [] },              'entrypoint',    '[]'],
    ['an empty-string cmd',       { cmd: [''] },                   'cmd',           '[""]'],
    ['a shell-form cmd',          { cmd: ['/bin/sh', '-c', 'echo "$HOME" && exit'] }, 'cmd', '["/bin/sh","-c","echo \\"$HOME\\" && exit"]'],
    ['no env',                    { env: [] },                     'env',           '{}'],
    ['no labels',                 { labels: [] },                  'labels',        '{}'],
    ['numeric-looking label keys', { labels: [['10', 'a'], ['2', 'b']] }, 'labels', '{"10":"a","2":"b"}'],
    ['a __proto__ label',         { labels: [['__proto__', 'x']] }, 'labels',       '{"__proto__":"x"}'],
    ['a multi-line label',        { labels: [['k', 'a\nb']] },     'labels',        '{"k":"a\\nb"}'],
    ['no exposed ports',          { exposedPorts: [] },            'exposed-ports', '[]'],
    ['no volumes',                { volumes: [] },                 'volumes',       '[]'],
    ['no variant',                { variant: '' },                 'variant',       ''],
    ['no user',                   { user: '' },                    'user',          ''],
    ['no stop signal',            { stopSignal: '' },              'stop-signal',   '']
  ]
  test.each(edge)('%s', (_scenario, config, name, expected) => {
    const outputs = new Map(
      imageOutputs(makeInfo({ config: makeConfig(config) }))
    )
    expect(outputs.get(name)).toBe(expected)
  })

  test('entrypoint and cmd parse back to the arrays', () => {
    const entrypoint = ['/bin/tini', '--', 'a "quoted" arg', 'ünïcødé']
    const cmd = ['line1\nline2']
    const outputs = new Map(
      imageOutputs(makeInfo({ config: makeConfig({ entrypoint, cmd }) }))
    )
    expect(JSON.parse(outputs.get('entrypoint') as string)).toEqual(entrypoint)
    expect(JSON.parse(outputs.get('cmd') as string)).toEqual(cmd)
  })

  test('a single-platform image', () => {
    const platform = { os: 'linux', architecture: 'amd64' }
    const outputs = new Map(
      imageOutputs(
        makeInfo({
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          imageDigest: INDEX_DIGEST,
          platform,
          platforms: [platform],
          config: makeConfig({ architecture: 'amd64', variant: '' })
        })
      )
    )
    expect(outputs.get('platform')).toBe('linux/amd64')
    expect(outputs.get('platforms')).toBe('["linux/amd64"]')
    expect(outputs.get('image-digest')).toBe(outputs.get('digest'))
    expect(outputs.get('variant')).toBe('')
  })

  test('a reference with tag and digest', () => {
    const outputs = new Map(
      imageOutputs(
        makeInfo({
          reference: {
            domain: 'ghcr.io',
            path: 'org/app',
            tag: 'v1',
            digest: INDEX_DIGEST
          },
          ref: `ghcr.io/org/app:v1@${INDEX_DIGEST}`
        })
      )
    )
    expect(outputs.get('ref')).toBe(`ghcr.io/org/app:v1@${INDEX_DIGEST}`)
  })

  test('the config blob is passed through byte for byte', () => {
    const configText = '{ "b": 1,\n  "a": "\\u00e9" }\n'
    const outputs = new Map(imageOutputs(makeInfo({ configText })))
    expect(outputs.get('config')).toBe(configText)
  })
})
