import { beforeEach, describe, expect, test } from '@jest/globals'
import * as core from '@actions/core'
import type { ImageConfig, ImageInfo } from '../../../../src/image/model.js'
import {
  MAX_TABLE_ROWS,
  writeImageSummary
} from '../../../../src/report/summary/image.js'

const INDEX_DIGEST = `sha256:${'a'.repeat(64)}`
const IMAGE_DIGEST = `sha256:${'b'.repeat(64)}`
const CONFIG_DIGEST = `sha256:${'c'.repeat(64)}`
const XSS = '<script>alert(1)</script>'
const LIMIT = 512 * 1024

function makeConfig(overrides: Partial<ImageConfig> = {}): ImageConfig {
  return {
    os: 'linux',
    architecture: 'amd64',
    variant: '',
    created: '2024-05-01T12:00:00Z',
    author: 'someone',
    user: 'app',
    workdir: '/app',
    entrypoint: ['/entrypoint.sh'],
    cmd: ['serve'],
    env: [['PATH', '/usr/bin:/bin']],
    labels: [['org.opencontainers.image.title', 'app']],
    exposedPorts: ['8080/tcp'],
    volumes: ['/data'],
    stopSignal: 'SIGTERM',
    ...overrides
  }
}

function makeInfo(overrides: Partial<ImageInfo> = {}): ImageInfo {
  return {
    reference: { domain: 'ghcr.io', path: 'org/app', tag: 'v1' },
    ref: 'ghcr.io/org/app:v1',
    digest: INDEX_DIGEST,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    imageDigest: IMAGE_DIGEST,
    configDigest: CONFIG_DIGEST,
    platform: { os: 'linux', architecture: 'amd64' },
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' }
    ],
    config: makeConfig(),
    layers: 3,
    size: 5 * 1024 * 1024,
    layerDigests: [],
    annotations: [],
    indexAnnotations: [],
    entryAnnotations: [],
    configText: '{}',
    warnings: [],
    ...overrides
  }
}

function render(info: ImageInfo): string {
  writeImageSummary(core.summary, info)
  return core.summary.stringify()
}

function labels(n: number, valueLength = 10): [string, string][] {
  return Array.from({ length: n }, (_, i) => [
    `label.${i}`,
    `v${i}-`.padEnd(valueLength, 'x')
  ])
}

/** The HTML between the `<h3>` that starts with `title` and the next `<h3>`. */
function section(html: string, title: string): string {
  const start = html.indexOf(`<h3>${title}`)
  expect(start).not.toBe(-1)
  const end = html.indexOf('<h3>', start + 1)
  return html.slice(start, end === -1 ? undefined : end)
}

const count = (text: string, needle: string): number =>
  text.split(needle).length - 1

beforeEach(() => {
  core.summary.emptyBuffer()
})

describe('writeImageSummary with the real core.summary', () => {
  test('the heading has the ref and the pinned reference is shown', () => {
    const html = render(makeInfo())
    expect(html).toContain('<h2>ghcr.io/org/app:v1</h2>')
    expect(html).toContain(`ghcr.io/org/app@${INDEX_DIGEST}`)
    expect(html).toContain(IMAGE_DIGEST)
    expect(html).toContain(CONFIG_DIGEST)
    expect(html).toContain('linux/amd64, linux/arm64')
    expect(html).toContain('5.0 MiB')
  })

  test('a Docker Hub image is pinned as docker.io/library/…@digest', () => {
    const html = render(
      makeInfo({
        reference: { domain: 'docker.io', path: 'library/nginx', tag: '1.27' },
        ref: 'docker.io/library/nginx:1.27'
      })
    )
    expect(html).toContain('<h2>docker.io/library/nginx:1.27</h2>')
    expect(html).toContain(`docker.io/library/nginx@${INDEX_DIGEST}`)
  })

  test('HTML anywhere in the image is escaped', () => {
    const html = render(
      makeInfo({
        ref: `ghcr.io/org/app:${XSS}`,
        mediaType: XSS,
        platforms: [{ os: XSS, architecture: XSS }],
        config: makeConfig({
          created: XSS,
          author: XSS,
          user: XSS,
          workdir: XSS,
          entrypoint: [XSS],
          cmd: [XSS],
          env: [[XSS, XSS]],
          labels: [
            [XSS, XSS],
            ['<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>']
          ],
          exposedPorts: [XSS],
          volumes: [XSS],
          stopSignal: XSS
        })
      })
    )
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<img/i)
    expect(html).not.toMatch(/<svg/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  interface Row {
    name: string
    /** Overrides of makeConfig(). */
    config: Partial<ImageConfig>
    /** Text that must appear. */
    expected: string
  }
  // prettier-ignore
  const rows: Row[] = [
    { name: 'a pipe in a label',         config: { labels: [['k', 'a | b']] },          expected: 'a | b' },
    { name: 'backticks in a label',      config: { labels: [['k', 'run `make`']] },     expected: 'run `make`' },
    { name: 'a newline in a label',      config: { labels: [['k', 'line1\nline2']] },   expected: 'line1<br>line2' },
    { name: 'a newline in env',          config: { env: [['K', 'a\r\nb']] },           expected: 'a<br>b' },
    { name: 'an ampersand in env',       config: { env: [['Q', 'a=1&b=2']] },          expected: 'a=1&amp;b=2' },
    { name: 'quotes in the user',        config: { user: 'o"brien' },                  expected: 'o&quot;brien' },
    { name: 'no labels',                 config: { labels: [] },                       expected: '<em>none</em>' },
    { name: 'counts in the headings',    config: { labels: labels(3), env: [] },       expected: '<h3>Labels (3)</h3>' }
  ]
  test.each(rows)('$name', ({ config, expected }) => {
    expect(render(makeInfo({ config: makeConfig(config) }))).toContain(expected)
  })

  test('a value longer than 1000 characters is cut with a note', () => {
    const long = 'z'.repeat(1500)
    const html = render(
      makeInfo({ config: makeConfig({ labels: [['long', long]] }) })
    )
    expect(html).not.toContain('z'.repeat(1001))
    expect(html).toContain('z'.repeat(1000))
    expect(html).toMatch(/500 more characters/)
  })

  test('300 labels: only MAX_TABLE_ROWS rows and a "more not shown" note', () => {
    const html = render(
      makeInfo({ config: makeConfig({ labels: labels(300), env: [] }) })
    )
    const part = section(html, 'Labels')
    expect(part).toContain('<h3>Labels (300)</h3>')
    // one header row plus the data rows
    expect(count(part, '<tr>')).toBe(MAX_TABLE_ROWS + 1)
    expect(part).toContain('<code>label.0</code>')
    expect(part).toContain(`<code>label.${MAX_TABLE_ROWS - 1}</code>`)
    expect(part).not.toContain(`<code>label.${MAX_TABLE_ROWS}</code>`)
    expect(part).toMatch(new RegExp(`${300 - MAX_TABLE_ROWS} more not shown`))
  })

  test('exactly MAX_TABLE_ROWS labels: all shown, no note', () => {
    const html = render(
      makeInfo({ config: makeConfig({ labels: labels(MAX_TABLE_ROWS) }) })
    )
    const part = section(html, 'Labels')
    expect(count(part, '<tr>')).toBe(MAX_TABLE_ROWS + 1)
    expect(part).not.toMatch(/more not shown/)
  })

  test('5,000 labels and env vars of 2 KB each stay well under 1 MiB', () => {
    const big = labels(5000, 2048)
    const html = render(
      makeInfo({ config: makeConfig({ labels: big, env: big }) })
    )
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(LIMIT)
    expect(html).toMatch(/more not shown/)
  })

  test('values that grow when escaped stay under the limit', () => {
    const big = labels(5000).map(([k]): [string, string] => [
      k,
      '"'.repeat(2048)
    ])
    const html = render(
      makeInfo({ config: makeConfig({ labels: big, env: big }) })
    )
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(LIMIT)
  })

  test('an index listing thousands of platforms stays under the limit', () => {
    // a 4 MiB index fits ~3,500 entries with 1,000-character platform fields
    const platforms = Array.from({ length: 3500 }, (_, i) => ({
      os: `os${i}`.padEnd(1000, 'x'),
      architecture: 'amd64'
    }))
    const html = render(makeInfo({ platforms }))
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(LIMIT)
  })

  test('the buffer holds only this image after emptyBuffer()', () => {
    render(makeInfo({ ref: 'ghcr.io/org/first:v1' }))
    core.summary.emptyBuffer()
    const html = render(makeInfo())
    expect(html).not.toContain('first')
    expect(count(html, '<h2>')).toBe(1)
  })
})

describe('what the image section links to', () => {
  const OCI = 'org.opencontainers.image.'
  const SHA = '0123456789abcdef0123456789abcdef01234567'

  test('a copyable docker pull for the platform shown, pinned by digest', () => {
    const html = render(
      makeInfo({
        platform: { os: 'linux', architecture: 'arm', variant: 'v7' }
      })
    )
    expect(html).toContain(
      `<pre lang="sh"><code>docker pull --platform linux/arm/v7 ghcr.io/org/app@${INDEX_DIGEST}</code></pre>`
    )
  })

  test('source, url and documentation as https links; the revision as a commit on GitHub', () => {
    const html = render(
      makeInfo({
        annotations: [
          [`${OCI}source`, 'https://github.com/acme/app'],
          [`${OCI}revision`, SHA]
        ],
        config: makeConfig({
          labels: [
            [`${OCI}url`, 'https://acme.example/app'],
            [`${OCI}documentation`, 'http://docs.example']
          ]
        })
      })
    )
    expect(html).toContain(
      '<tr><td>Source</td><td><a href="https://github.com/acme/app">https://github.com/acme/app</a></td></tr>'
    )
    expect(html).toContain(
      '<tr><td>URL</td><td><a href="https://acme.example/app">https://acme.example/app</a></td></tr>'
    )
    // Not https: shown, not linked.
    expect(html).toContain(
      '<tr><td>Documentation</td><td>http://docs.example</td></tr>'
    )
    expect(html).toContain(
      `<tr><td>Revision</td><td><a href="https://github.com/acme/app/commit/${SHA}"><code>${SHA}</code></a></td></tr>`
    )
  })

  test('a hostile source is text; a revision off GitHub is code', () => {
    const html = render(
      makeInfo({
        config: makeConfig({
          labels: [
            [`${OCI}source`, 'javascript:alert(1)//https://x'],
            [`${OCI}revision`, '<b>main</b>']
          ]
        })
      })
    )
    expect(html).toContain(
      '<tr><td>Source</td><td>javascript:alert(1)//https://x</td></tr>'
    )
    expect(html).toContain(
      '<tr><td>Revision</td><td><code>&lt;b&gt;main&lt;/b&gt;</code></td></tr>'
    )
    expect(count(html, '<a ')).toBe(0)
  })
})
