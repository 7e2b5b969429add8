/**
 * The "Base image" section with the real core.summary, rendered as GitHub
 * would: the verdict, a row per platform, the provenance; what a registry
 * or publisher wrote stays inside its cell and links nowhere.
 */
import { beforeEach, expect, test } from '@jest/globals'
import * as core from '@actions/core'
import type { BaseCheck } from '../../../../src/image/base.js'
import type { Provenance } from '../../../../src/image/provenance.js'
import { writeBaseSummary } from '../../../../src/report/summary/base.js'
import { rendered } from '../../../support/render.js'

const D = (c: string): string => `sha256:${c.repeat(64)}`
const BASE = 'docker.io/library/alpine:3.20'

const check = (
  platform: string,
  status: BaseCheck['status'],
  reason = 'why'
): BaseCheck => ({
  platform,
  status,
  method: status === 'unknown' ? undefined : 'annotation',
  ref: BASE,
  digest: D('2'),
  builtFrom: status === 'unknown' ? undefined : D('1'),
  reason
})

function render(checks: BaseCheck[], provenance?: Provenance): string {
  writeBaseSummary(core.summary, checks, provenance, { bytes: 1024 * 1024 })
  return core.summary.stringify()
}

/** Text after the heading, as GitHub shows it. */
const texts = (html: string): string[] =>
  rendered(html)
    .texts.map((t) => t.text.trim())
    .filter(Boolean)

beforeEach(() => {
  core.summary.emptyBuffer()
})

// prettier-ignore
test.each([
  { name: 'one platform, current', checks: [check('linux/amd64', 'current')], line: `✅ linux/amd64 is built on the current ${BASE}` },
  { name: 'every platform current', checks: [check('linux/amd64', 'current'), check('linux/arm64', 'current')], line: `✅ Every platform is built on the current ${BASE}` },
  { name: 'one outdated: that one', checks: [check('linux/amd64', 'current'), check('linux/arm64', 'outdated')], line: `⚠️ linux/arm64 is built on an older ${BASE}: rebuild` },
  { name: 'unknown: why', checks: [check('linux/amd64', 'unknown', 'no base annotations')], line: '❔ linux/amd64: base unknown (no base annotations)' }
])('the verdict: $name', ({ checks, line }) => {
  const shown = texts(render(checks))
  expect(shown[0]).toBe('Base image')
  expect(shown[1]).toBe(line)
})

test('a row per platform: status, method, base, built from, base now, why', () => {
  const html = render([check('linux/amd64', 'outdated', 'built from x')])
  expect(html).toContain(
    `<tr><td><code>linux/amd64</code></td><td>⚠️ outdated</td><td>annotation</td><td><code>${BASE}</code></td><td><code>${D('1')}</code></td><td><code>${D('2')}</code></td><td>built from x</td></tr>`
  )
})

test('a reason a registry wrote stays in its cell: no markdown, link, image or mention', () => {
  const reason =
    'x\r\r# Heading\r\r![img](https://evil.test/i.png) [link](https://evil.test) @octocat <b>bold</b>'
  const html = render([check('linux/amd64', 'unknown', reason)])
  const r = rendered(html)
  expect(r.elements).not.toContain('h1')
  expect(r.elements).not.toContain('img')
  expect(r.elements).not.toContain('a')
  expect(r.elements).not.toContain('b')
  // In the verdict's paragraph and in the row's cell, nowhere else.
  const places = r.texts.filter((t) => t.text.includes('@octocat'))
  expect(places.map((t) => t.ancestors.at(-1))).toEqual(['p', 'td'])
})

test('provenance: builder, source linked on GitHub, the revision as a commit, its materials', () => {
  const sha = 'f'.repeat(40)
  const html = render([], {
    predicateType: 'https://slsa.dev/provenance/v1',
    builder: 'https://github.com/acme/app/actions/runs/1',
    source: 'https://github.com/acme/app.git',
    revision: sha,
    materials: [{ uri: 'pkg:docker/alpine@3.20', digest: D('3') }]
  })
  expect(html).toContain(
    '<tr><td>Source</td><td><a href="https://github.com/acme/app">https://github.com/acme/app</a></td></tr>'
  )
  expect(html).toContain(
    `<tr><td>Revision</td><td><a href="https://github.com/acme/app/commit/${sha}"><code>${sha}</code></a></td></tr>`
  )
  expect(html).toContain(
    '<tr><td>Builder</td><td><code>https://github.com/acme/app/actions/runs/1</code></td></tr>'
  )
  expect(html).toContain(
    `<tr><td><code>pkg:docker/alpine@3.20</code></td><td><code>${D('3')}</code></td></tr>`
  )
  // No base check asked for: no verdict, no table of platforms.
  expect(html).not.toContain('<th>Platform</th>')
})

test('hostile provenance is code, never a link', () => {
  const html = render([], {
    predicateType: 'https://slsa.dev/provenance/v1',
    builder: '<script>x</script>',
    source: 'https://evil.test/"><img src=x>',
    revision: 'main\n@octocat',
    materials: Array.from({ length: 60 }, (_, i) => ({
      uri: `u${i}`,
      digest: ''
    }))
  })
  const r = rendered(html)
  expect(r.elements).not.toContain('a')
  expect(r.elements).not.toContain('img')
  expect(r.elements).not.toContain('script')
  expect(html).toContain(
    '<p><em>10 more not shown; the full data is in the step outputs.</em></p>'
  )
})
