/**
 * `check-base` end to end: the action's real code against real Distribution
 * registries (token auth with a blob CDN, like Docker Hub; a second one
 * behind htpasswd for a base elsewhere). A multi-platform base has two
 * releases, 3.19 and 3.20; images are built byte-exactly on one or the
 * other and tell it each way the action reads: OCI base annotations (on the
 * manifest, the index entry, the index), BuildKit provenance (SLSA v0.2 and
 * v1, a multi-stage build), and layers only. Each row asserts the outputs,
 * the requests made for the base and the attestation, and the summary.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  buildImage,
  imagePurl,
  provenanceStatement,
  pushImage,
  pushIndex,
  sha256,
  type BuiltImage,
  type PushIndexOptions,
  type ProvenanceInput
} from '../support/fixtures.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import { startFaultProxy } from '../support/fault-proxy.mjs'
import { runAction, type ActionRun } from '../support/action.js'
import { expectOk, pathOf } from '../support/expect.js'
import { rendered } from '../support/render.js'

const AMD64 = { os: 'linux', architecture: 'amd64' }
const ARM64 = { os: 'linux', architecture: 'arm64' }
const S390X = { os: 'linux', architecture: 's390x' }
const NAME = 'org.opencontainers.image.base.name'
const DIGEST = 'org.opencontainers.image.base.digest'
const SBOM = 'https://spdx.dev/Document'
const COMMIT = '0123456789abcdef0123456789abcdef01234567'
const MAX_PROVENANCE_BYTES = 4 * 1024 * 1024

/** One release of the base: an image per platform, and the index over them. */
interface Release {
  amd64: BuiltImage
  arm64: BuiltImage
  index: string
}

function buildRelease(n: number): Omit<Release, 'index'> {
  return {
    amd64: buildImage({ ...AMD64, seed: `base${n}-amd64`, layerCount: 2 }),
    arm64: buildImage({ ...ARM64, seed: `base${n}-arm64`, layerCount: 2 })
  }
}

/** An application image built FROM `base`, with a layer of its own. */
function app(
  base: BuiltImage,
  seed: string,
  extra: Parameters<typeof buildImage>[0] = {}
): BuiltImage {
  return buildImage({ ...base.platform, base, seed, ...extra })
}

let reg: RunningRegistry
let other: RunningRegistry
let r1: Release
let r2: Release
let golang: { image: BuiltImage; index: string }

const BASE = (): string => `${reg.host}/library/base:3.20`
const at = (tag: string): string => `${reg.host}/team/app:${tag}`
const annotations = (name: string, digest: string): Record<string, string> => ({
  [NAME]: name,
  [DIGEST]: digest
})

beforeAll(async () => {
  ;[reg, other] = await Promise.all([
    startRegistry({ auth: 'token', redirect: true }),
    startRegistry({ auth: 'htpasswd' })
  ])
  const one = buildRelease(1)
  const two = buildRelease(2)
  r1 = {
    ...one,
    index: (
      await pushIndex(reg, 'library/base', '3.19', [one.amd64, one.arm64])
    ).digest
  }
  r2 = {
    ...two,
    index: (
      await pushIndex(reg, 'library/base', '3.20', [two.amd64, two.arm64])
    ).digest
  }
  // The same base on a registry that needs a login.
  await pushIndex(other, 'library/base', '3.20', [two.amd64, two.arm64])
  const image = buildImage({ ...AMD64, seed: 'golang', layerCount: 3 })
  golang = {
    image,
    index: (await pushIndex(reg, 'library/golang', '1.23', [image])).digest
  }
}, 60_000)

afterAll(async () => {
  await Promise.all([reg?.stop(), other?.stop()])
})

const BASE_OUTPUTS = [
  'needs-update',
  'base-status',
  'base-method',
  'base-ref',
  'base-digest',
  'base-built-from',
  'outdated-platforms'
]

function baseOutputs(result: ActionRun): Record<string, string | undefined> {
  return Object.fromEntries(BASE_OUTPUTS.map((n) => [n, result.outputs.get(n)]))
}

/** What the base check expects, in output form. */
function expected(
  status: 'current' | 'outdated' | 'unknown',
  fields: {
    method?: string
    ref?: string
    digest?: string
    builtFrom?: string
    outdated?: string[]
  } = {}
): Record<string, string> {
  return {
    'needs-update': status === 'unknown' ? '' : String(status === 'outdated'),
    'base-status': status,
    'base-method': fields.method ?? '',
    'base-ref': fields.ref ?? '',
    'base-digest': fields.digest ?? '',
    'base-built-from': fields.builtFrom ?? '',
    'outdated-platforms': JSON.stringify(
      fields.outdated ?? (status === 'outdated' ? ['linux/amd64'] : [])
    )
  }
}

/** Requests for a repository, past the 401s that learn the challenge: `METHOD manifests/<ref>`. */
function requestsFor(registry: RunningRegistry, repo: string): string[] {
  return registry.requests
    .filter((r) => pathOf(r).startsWith(`/v2/${repo}/`) && r.status !== 401)
    .map((r) => `${r.method} ${pathOf(r).slice(`/v2/${repo}/`.length)}`)
}

/** The "Base image" section as GitHub shows it: its text after the heading, line by line. */
function baseSection(summary: string): string[] {
  const start = summary.indexOf('<h2>Base image</h2>')
  expect(start).not.toBe(-1)
  const end = summary.indexOf('<h2>', start + 1)
  return rendered(summary.slice(start, end === -1 ? undefined : end))
    .texts.map((t) => t.text.trim())
    .filter(Boolean)
    .slice(1)
}

/** Pushes the image (an index with its attestations when given) under `tag`. */
async function push(
  tag: string,
  images: BuiltImage[],
  options?: PushIndexOptions
): Promise<{ digest: string; attestations: string[] }> {
  if (images.length === 1 && !options) {
    return {
      digest: (await pushImage(reg, 'team/app', tag, images[0])).digest,
      attestations: []
    }
  }
  const pushed = await pushIndex(reg, 'team/app', tag, images, options)
  return {
    digest: pushed.digest,
    attestations: pushed.children.slice(images.length).map((c) => c.digest)
  }
}

/** Provenance for `subject`, attached as BuildKit attaches it. */
function withProvenance(
  subject: BuiltImage,
  input: Omit<ProvenanceInput, 'subject'>
): PushIndexOptions {
  return {
    attestations: [
      { subject, statements: [provenanceStatement({ subject, ...input })] }
    ]
  }
}

const material = (name: string, digest: string, platform = 'linux/amd64') => ({
  uri: imagePurl(name, name.includes('golang') ? '1.23' : '3.20', platform),
  digest
})

describe('annotations: the image names its base and the digest it was built from', () => {
  interface Row {
    name: string
    tag: string
    push: () => Promise<unknown>
    inputs?: () => Record<string, string>
    expect: () => Record<string, string>
    /** Requests for library/base, in order. */
    requests: () => string[]
    verdict: () => string
    /** Token requests: one for the image, one more for a base the image names. */
    tokens?: number
  }
  // prettier-ignore
  const rows: Row[] = [
    {
      name: 'on the manifest, the index digest of release 3.19: outdated, after one HEAD and one GET of the base index',
      tag: 'ann-manifest-old',
      push: () => push('ann-manifest-old', [app(r1.amd64, 'a1', { annotations: annotations(BASE(), r1.index) })]),
      expect: () => expected('outdated', { method: 'annotation', ref: BASE(), digest: r2.index, builtFrom: r1.index }),
      requests: () => ['HEAD manifests/3.20', `GET manifests/${r2.index}`],
      verdict: () => `⚠️ linux/amd64 is built on an older ${BASE()}: rebuild`
    },
    {
      name: 'on the manifest, the index digest of 3.20 as it is now: current, after one HEAD only',
      tag: 'ann-manifest-new',
      push: () => push('ann-manifest-new', [app(r2.amd64, 'a2', { annotations: annotations(BASE(), r2.index) })]),
      expect: () => expected('current', { method: 'annotation', ref: BASE(), digest: r2.index, builtFrom: r2.index }),
      requests: () => ['HEAD manifests/3.20'],
      verdict: () => `✅ linux/amd64 is built on the current ${BASE()}`
    },
    {
      name: 'on the index entry, the platform manifest digest (as Docker official images do): current, after reading the base index',
      tag: 'ann-entry',
      push: () => push('ann-entry', [app(r2.amd64, 'e1'), app(r2.arm64, 'e2')], {
        entryAnnotations: [annotations(BASE(), r2.amd64.manifestDigest), annotations(BASE(), r2.arm64.manifestDigest)]
      }),
      expect: () => expected('current', { method: 'annotation', ref: BASE(), digest: r2.index, builtFrom: r2.amd64.manifestDigest }),
      requests: () => ['HEAD manifests/3.20', `GET manifests/${r2.index}`],
      verdict: () => `✅ linux/amd64 is built on the current ${BASE()}`
    },
    {
      name: "on the index, a short name without a tag: it means latest (and the base's latest is not there)",
      tag: 'ann-latest',
      push: () => push('ann-latest', [app(r2.amd64, 'l1')], { annotations: annotations(`${reg.host}/library/base`, r2.index) }),
      expect: () => expected('unknown'),
      requests: () => ['HEAD manifests/latest'],
      verdict: () => `❔ linux/amd64: base unknown (Cannot inspect ${reg.host}/library/base:latest: tag "latest" not found in ${reg.host}/library/base (or the repository does not exist). Check the name and that the tag or digest exists.)`
    },
    {
      name: "a base without the image's platform (linux/s390x): unknown, saying what it offers",
      tag: 'ann-s390x',
      push: () => push('ann-s390x', [buildImage({ ...S390X, seed: 's390x', annotations: annotations(BASE(), r1.index) })]),
      expect: () => ({ ...expected('unknown', { method: 'annotation', ref: BASE(), digest: r2.index, builtFrom: r1.index }), 'needs-update': '' }),
      requests: () => ['HEAD manifests/3.20', `GET manifests/${r2.index}`],
      verdict: () => `❔ linux/s390x: base unknown (${BASE()} has no linux/s390x (it offers linux/amd64, linux/arm64))`
    },
    {
      name: 'base-image overrides the annotated name: the digest is compared with that base',
      tag: 'ann-override',
      push: () => push('ann-override', [app(r1.amd64, 'o1', { annotations: annotations('example.invalid/elsewhere:1', r1.index) })]),
      inputs: () => ({ 'base-image': `${reg.host}/library/base:3.19` }),
      expect: () => expected('current', { method: 'annotation', ref: `${reg.host}/library/base:3.19`, digest: r1.index, builtFrom: r1.index }),
      requests: () => ['HEAD manifests/3.19'],
      verdict: () => `✅ linux/amd64 is built on the current ${reg.host}/library/base:3.19`,
      // base-image is known before the first request: one token for both.
      tokens: 1
    }
  ]

  test.each(rows)('$name', async (row) => {
    await row.push()
    reg.resetLogs()
    const result = await runAction({
      image: at(row.tag),
      'check-base': 'true',
      ...row.inputs?.()
    })
    expectOk(result)
    expect(baseOutputs(result)).toEqual(row.expect())
    expect(requestsFor(reg, 'library/base')).toEqual(row.requests())
    expect(baseSection(result.summary)[0]).toBe(row.verdict())
    expect(reg.token!.requests).toHaveLength(row.tokens ?? 2)
    // No layer of the base is ever read.
    expect(
      reg.requests.filter((r) =>
        pathOf(r).startsWith('/v2/library/base/blobs/')
      )
    ).toEqual([])
  })

  test('the annotations output holds the manifest annotations exactly; index-annotations the index', async () => {
    const odd = {
      [DIGEST]: r2.index,
      [NAME]: BASE(),
      '10': 'ten',
      'line\nbreak': '<b>"x"</b>',
      __proto__x: ''
    }
    await push('ann-outputs', [app(r2.amd64, 'out', { annotations: odd })], {
      annotations: {
        'org.opencontainers.image.source': 'https://github.com/acme/app'
      }
    })
    const result = await runAction({ image: at('ann-outputs') })
    expectOk(result)
    expect(result.outputs.get('annotations')).toBe(
      // In the order of the manifest's bytes (JSON.stringify put "10" first).
      `{"10":"ten","${DIGEST}":"${r2.index}","${NAME}":"${BASE()}","line\\nbreak":"<b>\\"x\\"</b>","__proto__x":""}`
    )
    expect(result.outputs.get('index-annotations')).toBe(
      '{"org.opencontainers.image.source":"https://github.com/acme/app"}'
    )
    // Without check-base there is no base check and no base output.
    expect(BASE_OUTPUTS.filter((n) => result.outputs.has(n))).toEqual([])
    expect(result.summary).not.toContain('<h2>Base image</h2>')
  })
})

test('a base whose index nests another: the platform manifest inside counts as built from', async () => {
  const inner = await pushIndex(reg, 'library/nested', 'inner', [r2.amd64])
  const outer = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.index.v1+json',
          digest: inner.digest,
          size: inner.bytes.length,
          platform: AMD64
        }
      ]
    })
  )
  const top = await reg.pushManifest(
    'library/nested',
    '1',
    outer,
    'application/vnd.oci.image.index.v1+json'
  )
  const ref = `${reg.host}/library/nested:1`
  await push('nested', [
    app(r2.amd64, 'nested', {
      annotations: annotations(ref, r2.amd64.manifestDigest)
    })
  ])
  reg.resetLogs()
  const result = await runAction({ image: at('nested'), 'check-base': 'true' })
  expectOk(result)
  expect(baseOutputs(result)).toEqual(
    expected('current', {
      method: 'annotation',
      ref,
      digest: top,
      builtFrom: r2.amd64.manifestDigest
    })
  )
  expect(requestsFor(reg, 'library/nested')).toEqual([
    'HEAD manifests/1',
    `GET manifests/${top}`,
    `GET manifests/${inner.digest}`
  ])
})

describe('platform: all, each platform checked, each base read once', () => {
  interface Row {
    name: string
    tag: string
    push: () => Promise<unknown>
    expect: () => Record<string, string>
    /** Requests for library/base: one HEAD and at most one index for all platforms. */
    requests: () => string[]
    /** The summary's verdict, line by line. */
    verdict: () => string[]
    /** Each platform's needs-update, base-status, base-method, base-built-from in results. */
    results?: () => Record<string, string[]>
  }
  // prettier-ignore
  const rows: Row[] = [
    {
      name: 'one platform on the current release, one on the old: outdated-platforms names the old one',
      tag: 'mixed',
      push: () => push('mixed', [
        app(r2.amd64, 'm1', { annotations: annotations(BASE(), r2.amd64.manifestDigest) }),
        app(r1.arm64, 'm2', { annotations: annotations(BASE(), r1.arm64.manifestDigest) })
      ]),
      expect: () => ({
        ...expected('outdated', { method: 'annotation', ref: BASE(), digest: r2.index, builtFrom: r2.amd64.manifestDigest }),
        'outdated-platforms': '["linux/arm64"]'
      }),
      requests: () => ['HEAD manifests/3.20', `GET manifests/${r2.index}`],
      verdict: () => [`⚠️ linux/arm64 is built on an older ${BASE()}: rebuild`],
      results: () => ({
        'linux/amd64': ['false', 'current', 'annotation', r2.amd64.manifestDigest],
        'linux/arm64': ['true', 'outdated', 'annotation', r1.arm64.manifestDigest]
      })
    },
    {
      name: 'the index annotations name 3.19: every platform outdated',
      tag: 'all-old',
      push: () => push('all-old', [app(r1.amd64, 'o1'), app(r1.arm64, 'o2')], { annotations: annotations(BASE(), r1.index) }),
      expect: () => ({
        ...expected('outdated', { method: 'annotation', ref: BASE(), digest: r2.index, builtFrom: r1.index }),
        'outdated-platforms': '["linux/amd64","linux/arm64"]'
      }),
      requests: () => ['HEAD manifests/3.20', `GET manifests/${r2.index}`],
      verdict: () => [`⚠️ linux/amd64 is built on an older ${BASE()}: rebuild`, `linux/arm64 is built on an older ${BASE()}: rebuild`]
    },
    {
      name: 'every platform current: needs-update false, one line for all',
      tag: 'all-new',
      push: () => push('all-new', [app(r2.amd64, 'n1'), app(r2.arm64, 'n2')], { annotations: annotations(BASE(), r2.index) }),
      expect: () => expected('current', { method: 'annotation', ref: BASE(), digest: r2.index, builtFrom: r2.index }),
      requests: () => ['HEAD manifests/3.20'],
      verdict: () => [`✅ Every platform is built on the current ${BASE()}`]
    }
  ]

  test.each(rows)('$name', async (row) => {
    await row.push()
    reg.resetLogs()
    const result = await runAction({
      image: at(row.tag),
      platform: 'all',
      'check-base': 'true'
    })
    expectOk(result)
    expect(baseOutputs(result)).toEqual(row.expect())
    expect(requestsFor(reg, 'library/base')).toEqual(row.requests())
    // One token for the image, one for the base, whatever the platforms.
    expect(reg.token!.requests).toHaveLength(2)
    const verdict = row.verdict()
    expect(baseSection(result.summary).slice(0, verdict.length)).toEqual(
      verdict
    )
    const results = JSON.parse(result.outputs.get('results')!) as Record<
      string,
      Record<string, string>
    >
    for (const [platform, fields] of Object.entries(row.results?.() ?? {})) {
      const r = results[platform]
      expect([
        r['needs-update'],
        r['base-status'],
        r['base-method'],
        r['base-built-from']
      ]).toEqual(fields)
    }
  })

  test('provenance per platform in results, the primary one in provenance', async () => {
    const amd64 = app(r2.amd64, 'pp1')
    const arm64 = app(r2.arm64, 'pp2')
    const statement = (subject: BuiltImage, revision: string) =>
      provenanceStatement({
        subject,
        revision,
        source: 'https://github.com/acme/app'
      })
    await push('prov-all', [amd64, arm64], {
      attestations: [
        { subject: amd64, statements: [statement(amd64, 'a'.repeat(40))] },
        { subject: arm64, statements: [statement(arm64, 'b'.repeat(40))] }
      ]
    })
    const result = await runAction({
      image: at('prov-all'),
      platform: 'all',
      provenance: 'true'
    })
    expectOk(result)
    const results = JSON.parse(result.outputs.get('results')!) as Record<
      string,
      { provenance: { revision: string } }
    >
    expect([
      results['linux/amd64'].provenance.revision,
      results['linux/arm64'].provenance.revision
    ]).toEqual(['a'.repeat(40), 'b'.repeat(40)])
    expect(JSON.parse(result.outputs.get('provenance')!).revision).toBe(
      'a'.repeat(40)
    )
  })
})

describe('provenance: what BuildKit records', () => {
  interface Row {
    name: string
    tag: string
    image: () => BuiltImage
    provenance: () => Omit<ProvenanceInput, 'subject'>
    inputs?: () => Record<string, string>
    expect: () => Record<string, string>
    requests: () => string[]
    /** Requests for library/golang, the builder image. */
    builderRequests?: () => string[]
  }
  // prettier-ignore
  const rows: Row[] = [
    {
      name: 'SLSA v0.2, one material, built on 3.19: outdated',
      tag: 'prov-02-old',
      image: () => app(r1.amd64, 'p1'),
      provenance: () => ({ version: 'v0.2', materials: [material(`${reg.host}/library/base`, r1.index)] }),
      expect: () => expected('outdated', { method: 'provenance', ref: BASE(), digest: r2.index, builtFrom: r1.index }),
      requests: () => ['HEAD manifests/3.20', `GET manifests/${r2.index}`]
    },
    {
      name: 'SLSA v1, one material, built on 3.20 as it is now: current after one HEAD',
      tag: 'prov-1-new',
      image: () => app(r2.amd64, 'p2'),
      provenance: () => ({ materials: [material(`${reg.host}/library/base`, r2.index)] }),
      expect: () => expected('current', { method: 'provenance', ref: BASE(), digest: r2.index, builtFrom: r2.index }),
      requests: () => ['HEAD manifests/3.20']
    },
    {
      name: 'a multi-stage build: the base is the material whose layers start the image',
      tag: 'prov-multi',
      image: () => app(r2.amd64, 'p3'),
      provenance: () => ({ materials: [material(`${reg.host}/library/golang`, golang.index), material(`${reg.host}/library/base`, r2.index)] }),
      expect: () => expected('current', { method: 'provenance', ref: BASE(), digest: r2.index, builtFrom: r2.index }),
      // Each candidate's index and platform manifest (concurrently), then the HEAD.
      requests: () => [`GET manifests/${r2.index}`, `GET manifests/${r2.amd64.manifestDigest}`, 'HEAD manifests/3.20'],
      builderRequests: () => [`GET manifests/${golang.index}`, `GET manifests/${golang.image.manifestDigest}`]
    },
    {
      name: 'a Dockerfile frontend (# syntax=) is never taken for the base: nothing read for it',
      tag: 'prov-frontend',
      image: () => app(r2.amd64, 'pf'),
      provenance: () => ({ materials: [{ uri: 'pkg:docker/docker/dockerfile@1?platform=linux%2Famd64', digest: `sha256:${'f'.repeat(64)}` }, material(`${reg.host}/library/base`, r2.index)] }),
      expect: () => expected('current', { method: 'provenance', ref: BASE(), digest: r2.index, builtFrom: r2.index }),
      requests: () => ['HEAD manifests/3.20']
    },
    {
      name: 'a builder stage on the build platform is not the base of an arm64 image: nothing read for it',
      tag: 'prov-cross',
      image: () => app(r1.arm64, 'pc'),
      provenance: () => ({ materials: [material(`${reg.host}/library/golang`, golang.index, 'linux/amd64'), material(`${reg.host}/library/base`, r1.index, 'linux/arm64')] }),
      inputs: () => ({ platform: 'linux/arm64' }),
      expect: () => ({ ...expected('outdated', { method: 'provenance', ref: BASE(), digest: r2.index, builtFrom: r1.index }), 'outdated-platforms': '["linux/arm64"]' }),
      requests: () => ['HEAD manifests/3.20', `GET manifests/${r2.index}`]
    },
    {
      name: 'a multi-stage build with base-image: the material of that repository, no layers read',
      tag: 'prov-multi-named',
      image: () => app(r1.amd64, 'p4'),
      provenance: () => ({ materials: [material(`${reg.host}/library/golang`, golang.index), material(`${reg.host}/library/base`, r1.index)] }),
      inputs: () => ({ 'base-image': BASE() }),
      expect: () => expected('outdated', { method: 'provenance', ref: BASE(), digest: r2.index, builtFrom: r1.index }),
      requests: () => ['HEAD manifests/3.20', `GET manifests/${r2.index}`]
    },
    {
      name: 'a pinned FROM (tag and digest): the tag is checked, the pin is what it was built from',
      tag: 'prov-pinned',
      image: () => app(r1.amd64, 'p5'),
      provenance: () => ({ materials: [{ uri: `${imagePurl(`${reg.host}/library/base`, '3.20', 'linux/amd64')}&digest=${encodeURIComponent(r1.index)}`, digest: r1.index }] }),
      expect: () => expected('outdated', { method: 'provenance', ref: BASE(), digest: r2.index, builtFrom: r1.index }),
      requests: () => ['HEAD manifests/3.20', `GET manifests/${r2.index}`]
    }
  ]

  test.each(rows)('$name', async (row) => {
    const image = row.image()
    const { attestations } = await push(
      row.tag,
      [image],
      withProvenance(image, row.provenance())
    )
    reg.resetLogs()
    const result = await runAction({
      image: at(row.tag),
      'check-base': 'true',
      ...row.inputs?.()
    })
    expectOk(result)
    expect(baseOutputs(result)).toEqual(row.expect())
    const sorted = (list: string[]) => [...list].sort()
    expect(sorted(requestsFor(reg, 'library/base'))).toEqual(
      sorted(row.requests())
    )
    // The attestation manifest and its one statement, each once.
    const app = requestsFor(reg, 'team/app').filter(
      (r) => !r.includes(`manifests/${row.tag}`)
    )
    expect(app.filter((r) => r.startsWith('GET manifests/'))).toEqual([
      `GET manifests/${image.manifestDigest}`,
      `GET manifests/${attestations[0]}`
    ])
    // The builder image is read only to tell the base by its layers.
    expect(sorted(requestsFor(reg, 'library/golang'))).toEqual(
      sorted(row.builderRequests?.() ?? [])
    )
    const { 'base-status': status, 'base-ref': ref } = row.expect()
    const platform = row.inputs?.().platform ?? 'linux/amd64'
    const shown = baseSection(result.summary)
    expect(shown[0]).toBe(
      status === 'current'
        ? `✅ ${platform} is built on the current ${ref}`
        : `⚠️ ${platform} is built on an older ${ref}: rebuild`
    )
    // The provenance is shown under the verdict.
    expect(shown).toContain('Provenance')
  })

  test('the provenance output: builder, source and revision from the VCS metadata, materials; the summary links to GitHub', async () => {
    const image = app(r2.amd64, 'p6')
    const materials = [
      material(`${reg.host}/library/base`, r2.index),
      { uri: 'https://github.com/acme/app.git#main', digest: `sha1:${COMMIT}` }
    ]
    await push(
      'prov-output',
      [image],
      withProvenance(image, {
        materials,
        builder: 'https://github.com/acme/app/actions/runs/1',
        source: 'https://github.com/acme/app',
        revision: COMMIT
      })
    )
    const result = await runAction({
      image: at('prov-output'),
      provenance: 'true'
    })
    expectOk(result)
    expect(result.outputs.get('provenance')).toBe(
      JSON.stringify({
        'predicate-type': 'https://slsa.dev/provenance/v1',
        builder: 'https://github.com/acme/app/actions/runs/1',
        source: 'https://github.com/acme/app',
        revision: COMMIT,
        materials
      })
    )
    // provenance alone is no base check.
    expect(BASE_OUTPUTS.filter((n) => result.outputs.has(n))).toEqual([])
    expect(result.summary).toContain(
      `<a href="https://github.com/acme/app">https://github.com/acme/app</a>`
    )
    expect(result.summary).toContain(
      `<a href="https://github.com/acme/app/commit/${COMMIT}"><code>${COMMIT}</code></a>`
    )
  })

  test('SLSA v0.2 from a git context: source and revision from the config source', async () => {
    const image = app(r2.amd64, 'p7')
    await push(
      'prov-git',
      [image],
      withProvenance(image, {
        version: 'v0.2',
        configSource: 'https://github.com/acme/app.git#refs/heads/main'
      })
    )
    const result = await runAction({
      image: at('prov-git'),
      provenance: 'true'
    })
    expectOk(result)
    expect(JSON.parse(result.outputs.get('provenance')!)).toEqual({
      'predicate-type': 'https://slsa.dev/provenance/v0.2',
      builder: '',
      source: 'https://github.com/acme/app.git#refs/heads/main',
      revision: '',
      materials: []
    })
  })
})

describe('no provenance to read, and why', () => {
  interface Row {
    name: string
    tag: string
    statements: (
      image: BuiltImage
    ) => { predicateType: string; bytes: Buffer }[]
    reason: (image: BuiltImage, statement: Buffer) => string
    /** Statement blobs read. */
    blobs: number
  }
  // prettier-ignore
  const rows: Row[] = [
    {
      name: 'only an SBOM in the attestation: it is never downloaded',
      tag: 'att-sbom',
      statements: () => [{ predicateType: SBOM, bytes: Buffer.from('{"spdxVersion":"SPDX-2.3"}') }],
      reason: () => `the attestation holds no SLSA provenance (only "${SBOM}")`,
      blobs: 0
    },
    {
      name: 'a provenance statement over the cap: never downloaded',
      tag: 'att-huge',
      statements: (image) => {
        const { predicateType, bytes } = provenanceStatement({ subject: image })
        const padded = Buffer.concat([bytes.subarray(0, -1), Buffer.from(`,"pad":"${'x'.repeat(MAX_PROVENANCE_BYTES)}"}`)])
        return [{ predicateType, bytes: padded }]
      },
      reason: (_, statement) => `the provenance statement is ${statement.length} bytes, more than the ${MAX_PROVENANCE_BYTES} this action reads`,
      blobs: 0
    },
    {
      name: 'a statement about another image is not this image’s provenance',
      tag: 'att-other',
      statements: () => [provenanceStatement({ subject: r2.amd64, materials: [material(`${reg.host}/library/base`, r2.index)] })],
      reason: (image) => `the provenance statement is about another image, not ${image.manifestDigest}`,
      blobs: 1
    }
  ]

  test.each(rows)('$name', async (row) => {
    const image = app(r2.amd64, row.tag)
    const statements = row.statements(image)
    await push(row.tag, [image], {
      attestations: [{ subject: image, statements }]
    })
    reg.resetLogs()
    const result = await runAction({ image: at(row.tag), 'check-base': 'true' })
    expectOk(result)
    expect(baseOutputs(result)).toEqual(expected('unknown'))
    expect(result.outputs.get('provenance')).toBe('')
    expect(result.stdout).toContain(
      `::warning title=Base image check::linux/amd64: base unknown (no base annotations; no provenance (${row.reason(image, statements[0].bytes)}); no 'base-image' to compare layers with)`
    )
    const read = statements.filter((s) =>
      reg.requests.some((r) => pathOf(r).endsWith(sha256(s.bytes)))
    )
    expect(read).toHaveLength(row.blobs)
  })

  test('a single manifest, nothing else: unknown, with every reason', async () => {
    await push('plain', [app(r2.amd64, 'plain')])
    const result = await runAction({ image: at('plain'), 'check-base': 'true' })
    expectOk(result)
    expect(baseOutputs(result)).toEqual(expected('unknown'))
    expect(baseSection(result.summary)[0]).toBe(
      "❔ linux/amd64: base unknown (no base annotations; no provenance (the image is a single manifest, with no index to hold attestations); no 'base-image' to compare layers with)"
    )
  })
})

describe('layers: only base-image says what the base is', () => {
  // prettier-ignore
  test.each([
    { name: 'built on 3.19: the layers of 3.20 do not start the image', tag: 'layers-old', from: () => r1.amd64, status: 'outdated' as const },
    { name: 'built on 3.20: its layers start the image', tag: 'layers-new', from: () => r2.amd64, status: 'current' as const }
  ])('$name', async ({ tag, from, status }) => {
    await push(tag, [app(from(), tag)])
    reg.resetLogs()
    const result = await runAction({ image: at(tag), 'base-image': BASE() })
    expectOk(result)
    expect(baseOutputs(result)).toEqual(
      expected(status, { method: 'layers', ref: BASE(), digest: r2.index, builtFrom: status === 'current' ? r2.amd64.manifestDigest : '' })
    )
    expect(baseSection(result.summary)[0]).toBe(
      status === 'current'
        ? `✅ linux/amd64 is built on the current ${BASE()}`
        : `⚠️ linux/amd64 is built on an older ${BASE()}: rebuild`
    )
    // The base index and its platform manifest; never a layer.
    expect(requestsFor(reg, 'library/base')).toEqual(['GET manifests/3.20', `GET manifests/${r2.amd64.manifestDigest}`])
  })

  test('a base without the platform: unknown', async () => {
    await push('layers-s390x', [buildImage({ ...S390X, seed: 'ls390x' })])
    const result = await runAction({
      image: at('layers-s390x'),
      'base-image': BASE()
    })
    expectOk(result)
    expect(baseOutputs(result)).toEqual(
      expected('unknown', { method: 'layers', ref: BASE(), digest: r2.index })
    )
    expect(baseSection(result.summary)[0]).toBe(
      `❔ linux/s390x: base unknown (${BASE()} has no linux/s390x (it offers linux/amd64, linux/arm64))`
    )
  })

  test('base-image on the same registry: one token for the image and its base', async () => {
    await push('layers-token', [app(r2.amd64, 'layers-token')])
    reg.resetLogs()
    const result = await runAction({
      image: at('layers-token'),
      'base-image': BASE()
    })
    expectOk(result)
    expect(reg.token!.requests).toHaveLength(1)
    const scopes = new URL(
      reg.token!.requests[0].url,
      'http://x'
    ).searchParams.getAll('scope')
    expect(scopes).toEqual([
      'repository:team/app:pull',
      'repository:library/base:pull'
    ])
  })
})

describe('the tag moves', () => {
  test('current while the tag is on the release the image was built on; outdated once it moves', async () => {
    await pushIndex(reg, 'library/moving', 'stable', [r1.amd64, r1.arm64])
    const ref = `${reg.host}/library/moving:stable`
    await push('moving', [
      app(r1.amd64, 'moving', { annotations: annotations(ref, r1.index) })
    ])
    const before = await runAction({
      image: at('moving'),
      'check-base': 'true'
    })
    expect(baseOutputs(before)).toEqual(
      expected('current', {
        method: 'annotation',
        ref,
        digest: r1.index,
        builtFrom: r1.index
      })
    )
    await pushIndex(reg, 'library/moving', 'stable', [r2.amd64, r2.arm64])
    const after = await runAction({ image: at('moving'), 'check-base': 'true' })
    expect(baseOutputs(after)).toEqual(
      expected('outdated', {
        method: 'annotation',
        ref,
        digest: r2.index,
        builtFrom: r1.index
      })
    )
  })

  test('previous-digest unchanged still checks the base: the image did not move, its base did', async () => {
    const { digest } = await push('unchanged', [
      app(r1.amd64, 'unchanged', { annotations: annotations(BASE(), r1.index) })
    ])
    const result = await runAction({
      image: at('unchanged'),
      'previous-digest': digest,
      'check-base': 'true'
    })
    expectOk(result)
    expect(result.outputs.get('changed')).toBe('false')
    expect(result.outputs.get('needs-update')).toBe('true')
  })
})

describe('a base on another registry, with its own credentials', () => {
  const otherBase = (): string => `${other.host}/library/base:3.20`

  test("with the runner's login for it: checked there, with Basic auth", async () => {
    await push('elsewhere', [
      app(r2.amd64, 'elsewhere', {
        annotations: annotations(otherBase(), r2.index)
      })
    ])
    other.resetLogs()
    const auth = Buffer.from('alice:s3cret').toString('base64')
    const result = await runAction(
      { image: at('elsewhere'), 'check-base': 'true' },
      { dockerConfig: { auths: { [other.host]: { auth } } } }
    )
    expectOk(result)
    expect(baseOutputs(result)).toEqual(
      expected('current', {
        method: 'annotation',
        ref: otherBase(),
        digest: r2.index,
        builtFrom: r2.index
      })
    )
    expect(requestsFor(other, 'library/base')).toEqual(['HEAD manifests/3.20'])
    expect(baseSection(result.summary)[0]).toBe(
      `✅ linux/amd64 is built on the current ${otherBase()}`
    )
    const authorized = other.requests.filter(
      (r) => r.headers.authorization === `Basic ${auth}`
    )
    expect(authorized.length).toBeGreaterThan(0)
  })

  test('without a login for it: unknown, saying so', async () => {
    const result = await runAction({
      image: at('elsewhere'),
      'check-base': 'true'
    })
    expectOk(result)
    expect(baseOutputs(result)).toEqual(expected('unknown'))
    expect(baseSection(result.summary)[0]).toMatch(
      new RegExp(
        `^❔ linux/amd64: base unknown \\(Cannot inspect ${other.host.replace(/\./g, '\\.')}/library/base:3\\.20: the registry requires authentication`
      )
    )
  })
})

describe('gating on the base', () => {
  test('base is current fails on an outdated base, naming the platform', async () => {
    const result = await runAction({
      image: at('ann-manifest-old'),
      assert: 'base is current'
    })
    expect(result.failed).toBe(true)
    expect(result.error).toBe('1 of 1 image assertions failed: base is current')
    expect(result.outputs.get('passed')).toBe('false')
    expect(result.stdout).toContain(
      `::error title=Image assertion failed::base is current (actual: outdated: linux/amd64 is built on an older ${BASE()}: rebuild)`
    )
  })

  test('base is current fails when the base is not known, saying why', async () => {
    const result = await runAction({
      image: at('plain'),
      assert: 'base is current',
      'report-only': 'true'
    })
    expectOk(result)
    const assertions = JSON.parse(result.outputs.get('assertions')!) as {
      actual: string
    }[]
    expect(assertions[0].actual).toMatch(
      /^unknown: linux\/amd64: base unknown \(no base annotations;/
    )
    expect(result.outputs.get('passed')).toBe('false')
  })

  test('base is current passes on a current base', async () => {
    const result = await runAction({
      image: at('ann-manifest-new'),
      assert: 'base is current'
    })
    expectOk(result)
    expect(result.outputs.get('passed')).toBe('true')
  })
})

describe('the base is read while the config is fetched', () => {
  // The image is reached through a proxy that holds each config blob until
  // the base's HEAD has reached the registry (at most `holdMs`): a base
  // check started only after the config would find the hold run out.
  // prettier-ignore
  test.each([
    { name: 'annotations on the index entries', tag: 'early-ann', inputs: {}, holdMs: 3000, early: [true], method: 'annotation',
      images: () => [app(r1.amd64, 'ea1'), app(r1.arm64, 'ea2')],
      options: (): PushIndexOptions => ({
        entryAnnotations: [annotations(BASE(), r1.amd64.manifestDigest), annotations(BASE(), r1.arm64.manifestDigest)] }) },
    { name: 'provenance', tag: 'early-prov', inputs: {}, holdMs: 3000, early: [true], method: 'provenance',
      images: () => [app(r2.amd64, 'ep1')],
      options: (images: BuiltImage[]) => withProvenance(images[0], { materials: [material(`${reg.host}/library/base`, r2.index)] }) },
    { name: 'platform all: every platform', tag: 'early-all', inputs: { platform: 'all' }, holdMs: 3000, early: [true, true], method: 'annotation',
      images: () => [app(r1.amd64, 'eb1'), app(r1.arm64, 'eb2')],
      options: (): PushIndexOptions => ({
        entryAnnotations: [annotations(BASE(), r1.amd64.manifestDigest), annotations(BASE(), r1.arm64.manifestDigest)] }) },
    { name: 'images: each image', tag: 'early-many', inputs: {}, holdMs: 3000, early: [true], method: 'annotation', many: true,
      images: () => [app(r1.amd64, 'em1'), app(r1.arm64, 'em2')],
      options: (): PushIndexOptions => ({
        entryAnnotations: [annotations(BASE(), r1.amd64.manifestDigest), annotations(BASE(), r1.arm64.manifestDigest)] }) },
    // A single manifest's platform is in its config: the base waits for it.
    { name: 'not for a single manifest', tag: 'early-single', inputs: {}, holdMs: 300, early: [false], method: 'annotation',
      images: () => [app(r1.amd64, 'es1', { annotations: annotations(BASE(), r1.index) })],
      options: () => undefined }
  ])('$name', async ({ tag, inputs, holdMs, early, method, many, images, options }) => {
    const built = images()
    await push(tag, built, options(built))
    const configs = built.map((image) => image.configDigest)
    const proxy = await startFaultProxy({ upstream: reg.url })
    const baseAsked = (): boolean =>
      reg.requests.some((r) => `${r.method} ${pathOf(r)}` === 'HEAD /v2/library/base/manifests/3.20')
    const seen: boolean[] = []
    proxy.fault({
      name: 'config held',
      path: /\/blobs\//,
      when: (req) => configs.some((digest) => req.url?.endsWith(digest)),
      rewrite: async (upstream) => {
        const until = Date.now() + holdMs
        while (!baseAsked() && Date.now() < until) await sleep(10)
        seen.push(baseAsked())
        return upstream
      }
    })
    reg.resetLogs()
    try {
      const image = `${proxy.host}/team/app:${tag}`
      const result = await runAction({
        ...(many ? { images: image } : { image }),
        'check-base': 'true',
        ...(inputs as Record<string, string>)
      })
      expectOk(result)
      const outputs: Record<string, string> = many
        ? JSON.parse(result.outputs.get('results')!)[image]
        : Object.fromEntries(result.outputs)
      expect(outputs['base-method']).toBe(method)
    } finally {
      await proxy.close()
    }
    expect(seen).toEqual(early)
  })
})

describe('many images, one base', () => {
  test('provenance: each result carries its own, null where there is none', async () => {
    const result = await runAction({
      images: [at('prov-output'), at('plain')].join('\n'),
      provenance: 'true'
    })
    expectOk(result)
    const results = JSON.parse(result.outputs.get('results')!) as Record<
      string,
      Record<string, unknown>
    >
    expect(results[at('prov-output')].provenance).toMatchObject({
      'predicate-type': 'https://slsa.dev/provenance/v1',
      revision: COMMIT
    })
    expect(results[at('plain')].provenance).toBeNull()
    expect(results[at('plain')]).not.toHaveProperty('base-status')
  })

  test('each result carries its base check; needs-update is true when any base moved', async () => {
    const result = await runAction({
      images: [at('layers-old'), at('layers-new')].join('\n'),
      'base-image': BASE()
    })
    expectOk(result)
    const results = JSON.parse(result.outputs.get('results')!) as Record<
      string,
      Record<string, string>
    >
    expect(results[at('layers-old')]['base-status']).toBe('outdated')
    expect(results[at('layers-new')]['base-status']).toBe('current')
    expect(results[at('layers-new')]['base-built-from']).toBe(
      r2.amd64.manifestDigest
    )
    expect(result.outputs.get('needs-update')).toBe('true')
  })
})

describe('what a hostile image names is not trusted', () => {
  test('a base on the metadata address: refused before any request, and unknown', async () => {
    await push('hostile-metadata', [
      app(r2.amd64, 'hm', {
        annotations: annotations('169.254.169.254/latest/meta-data:1', r2.index)
      })
    ])
    const result = await runAction({
      image: at('hostile-metadata'),
      'check-base': 'true'
    })
    expectOk(result)
    expect(baseOutputs(result)).toEqual(expected('unknown'))
    expect(baseSection(result.summary)[0]).toBe(
      '❔ linux/amd64: base unknown (Cannot inspect 169.254.169.254/latest/meta-data:1: Refusing to send the manifest request to https://169.254.169.254: link-local and metadata addresses are not allowed)'
    )
  })

  test('a base name that breaks lines and forges workflow commands: one escaped log line, exact outputs', async () => {
    const name =
      'alpine:3.20\n::error::forged\r::set-output name=needs-update::false'
    await push('hostile-name', [
      app(r2.amd64, 'hn', { annotations: annotations(name, r2.index) })
    ])
    const result = await runAction({
      image: at('hostile-name'),
      'check-base': 'true'
    })
    expectOk(result)
    expect(result.stdout).not.toMatch(/^::error::forged/m)
    expect(result.stdout).not.toMatch(/^::set-output/m)
    expect(result.stdout).toContain(
      "::warning title=Base image check::linux/amd64: base unknown (the base annotations on the image manifest name a base that is not a valid reference (a reference cannot contain whitespace); no provenance (the image is a single manifest, with no index to hold attestations); no 'base-image' to compare layers with)"
    )
    expect(JSON.parse(result.outputs.get('annotations')!)[NAME]).toBe(name)
    expect(result.outputs.get('needs-update')).toBe('')
  })

  test('provenance text with line breaks and HTML: the output keeps every byte, the summary shows it as code', async () => {
    const image = app(r2.amd64, 'hp')
    const builder =
      'evil\n::error::forged <img src=x onerror=alert(1)> @octocat'
    await push(
      'hostile-provenance',
      [image],
      withProvenance(image, {
        builder,
        source: 'javascript:alert(1)',
        revision: '<b>x</b>'
      })
    )
    const result = await runAction({
      image: at('hostile-provenance'),
      provenance: 'true'
    })
    expectOk(result)
    const provenance = JSON.parse(result.outputs.get('provenance')!) as Record<
      string,
      string
    >
    expect([
      provenance.builder,
      provenance.source,
      provenance.revision
    ]).toEqual([builder, 'javascript:alert(1)', '<b>x</b>'])
    expect(result.stdout).not.toMatch(/^::error::forged/m)
    const shown = rendered(result.summary)
    expect(shown.elements).not.toContain('img')
    expect(shown.elements).not.toContain('a')
  })
})
