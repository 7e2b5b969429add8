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
    layerDigests: [],
    annotations: [],
    indexAnnotations: [],
    entryAnnotations: [],
    configText: CONFIG_TEXT,
    warnings: [],
    ...overrides
  }
}

describe('orderedJson', () => {
  interface Row {
    name: string
    entries: [string, string][]
    /** The exact JSON text. */
    expected: string
  }
  // prettier-ignore
  const rows: Row[] = [
    { name: 'no entries',                 entries: [],                                            expected: '{}' },
    { name: 'one entry',                  entries: [['a', 'b']],                                  expected: '{"a":"b"}' },
    { name: 'keeps insertion order',      entries: [['z', '1'], ['a', '2'], ['m', '3']],          expected: '{"z":"1","a":"2","m":"3"}' },
    { name: 'numeric-looking keys stay',  entries: [['10', 'ten'], ['2', 'two'], ['b', 'bee']],   expected: '{"10":"ten","2":"two","b":"bee"}' },
    { name: '"1" after "a"',              entries: [['a', 'x'], ['1', 'y']],                      expected: '{"a":"x","1":"y"}' },
    { name: '__proto__ is a key',         entries: [['__proto__', 'p'], ['constructor', 'c']],    expected: '{"__proto__":"p","constructor":"c"}' },
    { name: 'empty key and value',        entries: [['', '']],                                    expected: '{"":""}' },
    { name: 'quotes and backslashes',     entries: [['a"b', 'c\\d"']],                            expected: '{"a\\"b":"c\\\\d\\""}' },
    { name: 'newlines and tabs',          entries: [['k', 'line1\nline2\r\n\tx']],               expected: '{"k":"line1\\nline2\\r\\n\\tx"}' },
    { name: 'control characters',         entries: [['k', '\u0000\u001f']],                       expected: '{"k":"\\u0000\\u001f"}' },
    { name: 'unicode as is',              entries: [['ключ', 'значение ✓ 😀']],                   expected: '{"ключ":"значение ✓ 😀"}' },
    { name: 'U+2028/2029 kept (valid JSON)', entries: [['k', '\u2028\u2029']],                    expected: '{"k":"\u2028\u2029"}' },
    { name: 'lone surrogates escaped',    entries: [['k', '\ud800']],                             expected: '{"k":"\\ud800"}' }
  ]
  test.each(rows)('$name', ({ entries, expected }) => {
    const text = orderedJson(entries)
    expect(text).toBe(expected)
    expect(() => JSON.parse(text)).not.toThrow()
  })

  // prettier-ignore
  const roundTrip: { name: string; entries: [string, string][] }[] = [
    { name: 'plain',            entries: [['PATH', '/usr/bin:/bin'], ['HOME', '/root']] },
    { name: 'special values',   entries: [['q', 'say "hi"'], ['nl', 'a\nb\r\nc'], ['bs', 'C:\\dir\\'], ['html', '<script>x</script>']] },
    { name: 'unicode',          entries: [['emoji', '😀🐳'], ['cjk', '漢字'], ['rtl', 'שלום'], ['combining', 'e\u0301']] },
    { name: '__proto__ and friends', entries: [['__proto__', '{"polluted":true}'], ['constructor', 'x'], ['toString', 'y']] },
    { name: 'empty strings',    entries: [['', ''], ['k', '']] }
  ]
  test.each(roundTrip)(
    'round-trips through JSON.parse: $name',
    ({ entries }) => {
      const parsed: unknown = JSON.parse(orderedJson(entries))
      expect(Object.entries(parsed as Record<string, string>)).toEqual(entries)
    }
  )

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
    'annotations',
    'index-annotations',
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

  interface Row {
    output: string
    /** Its value for makeInfo(). */
    expected: string
  }
  // prettier-ignore
  const rows: Row[] = [
    { output: 'ref',           expected: 'docker.io/library/nginx:1.27' },
    { output: 'digest',        expected: INDEX_DIGEST },
    { output: 'image-digest',  expected: IMAGE_DIGEST },
    { output: 'config-digest', expected: CONFIG_DIGEST },
    { output: 'media-type',    expected: 'application/vnd.oci.image.index.v1+json' },
    { output: 'platform',      expected: 'linux/arm/v7' },
    { output: 'platforms',     expected: '["linux/amd64","linux/arm/v7","linux/arm64"]' },
    { output: 'os',            expected: 'linux' },
    { output: 'architecture',  expected: 'arm' },
    { output: 'variant',       expected: 'v7' },
    { output: 'created',       expected: '2024-05-01T12:00:00Z' },
    { output: 'author',        expected: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
    { output: 'user',          expected: 'nginx' },
    { output: 'workdir',       expected: '/usr/share/nginx/html' },
    { output: 'entrypoint',    expected: '["/docker-entrypoint.sh"]' },
    { output: 'cmd',           expected: '["nginx","-g","daemon off;"]' },
    { output: 'env',           expected: '{"PATH":"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","NGINX_VERSION":"1.27.0"}' },
    { output: 'labels',        expected: '{"maintainer":"NGINX Docker Maintainers","org.opencontainers.image.version":"1.27.0"}' },
    { output: 'exposed-ports', expected: '["80/tcp","443/tcp"]' },
    { output: 'volumes',       expected: '["/var/cache/nginx"]' },
    { output: 'stop-signal',   expected: 'SIGQUIT' },
    { output: 'layers',        expected: '7' },
    { output: 'size',          expected: '73400320' },
    { output: 'config',        expected: CONFIG_TEXT }
  ]
  test.each(rows)('$output = $expected', ({ output, expected }) => {
    expect(new Map(imageOutputs(makeInfo())).get(output)).toBe(expected)
  })

  interface EdgeRow {
    name: string
    /** Overrides of makeConfig(). */
    config: Partial<ImageConfig>
    output: string
    expected: string
  }
  // prettier-ignore
  const edge: EdgeRow[] = [
    { name: 'no entrypoint',             config: { entrypoint: null },            output: 'entrypoint',    expected: 'null' },
    { name: 'no cmd',                    config: { cmd: null },                   output: 'cmd',           expected: 'null' },
    { name: 'an empty entrypoint',       config: { entrypoint: [] },              output: 'entrypoint',    expected: '[]' },
    { name: 'an empty-string cmd',       config: { cmd: [''] },                   output: 'cmd',           expected: '[""]' },
    { name: 'a shell-form cmd',          config: { cmd: ['/bin/sh', '-c', 'echo "$HOME" && exit'] }, output: 'cmd', expected: '["/bin/sh","-c","echo \\"$HOME\\" && exit"]' },
    { name: 'no env',                    config: { env: [] },                     output: 'env',           expected: '{}' },
    { name: 'no labels',                 config: { labels: [] },                  output: 'labels',        expected: '{}' },
    { name: 'numeric-looking label keys', config: { labels: [['10', 'a'], ['2', 'b']] }, output: 'labels', expected: '{"10":"a","2":"b"}' },
    { name: 'a __proto__ label',         config: { labels: [['__proto__', 'x']] }, output: 'labels',       expected: '{"__proto__":"x"}' },
    { name: 'a multi-line label',        config: { labels: [['k', 'a\nb']] },     output: 'labels',        expected: '{"k":"a\\nb"}' },
    { name: 'no exposed ports',          config: { exposedPorts: [] },            output: 'exposed-ports', expected: '[]' },
    { name: 'no volumes',                config: { volumes: [] },                 output: 'volumes',       expected: '[]' },
    { name: 'no variant',                config: { variant: '' },                 output: 'variant',       expected: '' },
    { name: 'no user',                   config: { user: '' },                    output: 'user',          expected: '' },
    { name: 'no stop signal',            config: { stopSignal: '' },              output: 'stop-signal',   expected: '' }
  ]
  test.each(edge)('$name', ({ config, output, expected }) => {
    const outputs = new Map(
      imageOutputs(makeInfo({ config: makeConfig(config) }))
    )
    expect(outputs.get(output)).toBe(expected)
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
