// The base check's cost (issue 11): extra requests and time for one image
// and for `platform: all` on a 3-platform image, with the base named by
// annotations, by BuildKit provenance, and by `base-image` (layers).
//
// Time is measured twice when the machine allows (root, `ip netns`): on
// loopback, and at a simulated internet round trip with ../shared/tools/rtt,
// which is what users feel; round trips = (wall at RTT - wall on loopback) / RTT.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseOutputFile } from '../support/output-file.mjs'
import { median, timed } from './measure.mjs'

/** @import { BuiltImage } from '../support/fixtures.mjs' */
/** @import { RunningRegistry } from '../support/registry.mjs' */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const rttTool = path.resolve(root, '../shared/tools/rtt/rtt.sh')
const RTT_MS = Number(process.env.BENCH_RTT_MS || 40)

/**
 * @typedef {object} Case
 * @property {string} name
 * @property {Record<string, string>} inputs
 * @property {Record<string, string>} expect outputs the run must set
 */

/**
 * @typedef {object} CaseResult
 * @property {string} name
 * @property {number} requests registry, token server and CDN, one run
 * @property {number} ms median wall time on loopback
 * @property {number} [rttMs] median wall time at RTT_MS
 */

/**
 * Wall ms of one run of `command`; a failing exit is an error.
 * @param {string[]} command
 * @param {NodeJS.ProcessEnv} env
 */
async function timedRun(command, env) {
  return (await timed(command[0], command.slice(1), env)).ms
}

/** Three platforms of a base, one release. */
async function pushBase(
  /** @type {RunningRegistry} */ reg,
  /** @type {typeof import('../support/fixtures.mjs')} */ f,
  /** @type {number} */ n,
  /** @type {string} */ tag
) {
  const images = ['amd64', 'arm64', 's390x'].map((architecture) =>
    f.buildImage({
      os: 'linux',
      architecture,
      seed: `bench-base${n}-${architecture}`,
      layerCount: 3
    })
  )
  const pushed = await f.pushIndex(reg, 'library/alpine', tag, images)
  return { images, index: pushed.digest }
}

/**
 * @param {{ bundle: string, runs: number }} options
 * @returns {Promise<{ rtt?: number, runs: number, results: CaseResult[], note?: string }>}
 */
export async function baseCheckBench({ bundle, runs }) {
  const f = await import('../support/fixtures.mjs')
  const { startRegistry } = await import('../support/registry.mjs')
  // `localhost`, so that the rtt namespace can put the servers a round trip away.
  const reg = await startRegistry({
    auth: 'token',
    redirect: true,
    advertise: 'localhost'
  })
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-bench-base-'))
  try {
    const old = await pushBase(reg, f, 1, '3.19')
    const now = await pushBase(reg, f, 2, '3.20')
    const base = `${reg.host}/library/alpine:3.20`
    const on = (
      /** @type {BuiltImage} */ b,
      /** @type {string} */ seed,
      extra = {}
    ) => f.buildImage({ ...b.platform, base: b, seed, layerCount: 2, ...extra })
    // Built on the old release, saying so in annotations (platform digests, as official images do).
    const annotated = old.images.map((b, i) =>
      on(b, `bench-ann-${i}`, {
        annotations: {
          'org.opencontainers.image.base.name': base,
          'org.opencontainers.image.base.digest': b.manifestDigest
        }
      })
    )
    await f.pushIndex(reg, 'bench/app', 'annotated', annotated)
    // Built on the current release, with BuildKit provenance per platform.
    const built = now.images.map((b, i) => on(b, `bench-prov-${i}`))
    await f.pushIndex(reg, 'bench/app', 'provenance', built, {
      attestations: built.map((subject) => ({
        subject,
        statements: [
          f.provenanceStatement({
            subject,
            materials: [
              {
                uri: f.imagePurl(
                  `${reg.host}/library/alpine`,
                  '3.20',
                  `linux/${subject.platform.architecture}`
                ),
                digest: now.index
              }
            ]
          })
        ]
      }))
    })
    // Built on the current release and saying nothing: only its layers tell.
    await f.pushImage(
      reg,
      'bench/app',
      'plain',
      on(now.images[0], 'bench-plain')
    )
    const output = path.join(tmp, 'output')
    /** @type {Case[]} */
    const cases = [
      {
        name: 'one image, no base check',
        inputs: { image: `${reg.host}/bench/app:annotated` },
        expect: {}
      },
      {
        name: 'one image, check-base by annotations',
        inputs: {
          image: `${reg.host}/bench/app:annotated`,
          'check-base': 'true'
        },
        expect: { 'base-method': 'annotation', 'base-status': 'outdated' }
      },
      {
        name: 'one image, check-base by provenance',
        inputs: {
          image: `${reg.host}/bench/app:provenance`,
          'check-base': 'true'
        },
        expect: { 'base-method': 'provenance', 'base-status': 'current' }
      },
      {
        name: 'one image, base-image (layers)',
        inputs: { image: `${reg.host}/bench/app:plain`, 'base-image': base },
        expect: { 'base-method': 'layers', 'base-status': 'current' }
      },
      {
        name: 'platform all (3), no base check',
        inputs: { image: `${reg.host}/bench/app:provenance`, platform: 'all' },
        expect: {}
      },
      {
        name: 'platform all (3), check-base by annotations',
        inputs: {
          image: `${reg.host}/bench/app:annotated`,
          platform: 'all',
          'check-base': 'true'
        },
        expect: {
          'outdated-platforms': '["linux/amd64","linux/arm64","linux/s390x"]'
        }
      },
      {
        name: 'platform all (3), check-base by provenance',
        inputs: {
          image: `${reg.host}/bench/app:provenance`,
          platform: 'all',
          'check-base': 'true'
        },
        expect: { 'needs-update': 'false', 'base-method': 'provenance' }
      }
    ]
    const envFor = (/** @type {Case} */ c) => ({
      ...process.env,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: path.join(tmp, 'summary'),
      DOCKER_CONFIG: tmp,
      ...Object.fromEntries(
        Object.entries(c.inputs).map(([k, v]) => [
          `INPUT_${k.toUpperCase()}`,
          v
        ])
      )
    })
    /** @type {CaseResult[]} */
    const results = []
    for (const c of cases) {
      fs.writeFileSync(output, '')
      reg.resetLogs()
      await timedRun([process.execPath, bundle], envFor(c))
      const outputs = parseOutputFile(fs.readFileSync(output, 'utf8'))
      for (const [name, value] of Object.entries(c.expect)) {
        if (outputs.get(name) !== value) {
          throw new Error(
            `${c.name}: ${name} is ${outputs.get(name)}, expected ${value}`
          )
        }
      }
      const requests =
        reg.requests.length +
        (reg.token?.requests.length ?? 0) +
        (reg.cdn?.requests.length ?? 0)
      results.push({ name: c.name, requests, ms: 0 })
    }
    const loop = await timeAll(cases, runs, (c) =>
      timedRun([process.execPath, bundle], envFor(c))
    )
    loop.forEach((ms, i) => (results[i].ms = ms))
    const ports = [reg.url, reg.token?.url, reg.cdn?.url].map(
      (u) => new URL(/** @type {string} */ (u)).port
    )
    const at = rttUp(ports)
    if (!at.ok) return { runs, results, note: at.note }
    try {
      const slow = await timeAll(cases, Math.min(runs, 5), (c) =>
        timedRun([rttTool, 'exec', process.execPath, bundle], envFor(c))
      )
      slow.forEach((ms, i) => (results[i].rttMs = ms))
    } finally {
      spawnSync(rttTool, ['down'])
    }
    return { rtt: RTT_MS, runs, results }
  } finally {
    await reg.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

/**
 * Median wall time of each case, the cases interleaved run by run.
 * @param {Case[]} cases
 * @param {number} runs
 * @param {(c: Case) => Promise<number>} go
 */
async function timeAll(cases, runs, go) {
  /** @type {number[][]} */
  const times = cases.map(() => [])
  for (let r = 0; r < runs; r++) {
    for (const [i, c] of cases.entries()) times[i].push(await go(c))
  }
  return times.map(median)
}

/** @param {string[]} ports */
function rttUp(ports) {
  if (process.getuid?.() !== 0 || !fs.existsSync(rttTool)) {
    return {
      ok: false,
      note: 'no simulated round trip: needs root and ../shared/tools/rtt'
    }
  }
  const up = spawnSync(rttTool, ['up', String(RTT_MS), ...ports], {
    encoding: 'utf8'
  })
  if (up.status !== 0)
    return { ok: false, note: `no simulated round trip: ${up.stderr.trim()}` }
  return { ok: true, note: '' }
}

/**
 * The table, and the extra cost of a base check over the same inspection without one.
 * @param {Awaited<ReturnType<typeof baseCheckBench>>} bench
 */
export function printBaseCheck(bench) {
  const rtt = bench.rtt
  console.log(
    `\nThe base check (issue 11): node dist/index.js, median of ${bench.runs} interleaved runs on loopback${rtt ? ` and at a simulated ${rtt} ms round trip (round trips = (wall at RTT - wall on loopback) / RTT)` : ''}\n`
  )
  console.log(
    `| case | HTTP requests | loopback ms |${rtt ? ` at ${rtt} ms RTT | round trips |` : ''}`
  )
  console.log(`|---|---:|---:|${rtt ? '---:|---:|' : ''}`)
  for (const r of bench.results) {
    const extra =
      rtt && r.rttMs !== undefined
        ? ` ${r.rttMs.toFixed(0)} | ${((r.rttMs - r.ms) / rtt).toFixed(1)} |`
        : ''
    console.log(`| ${r.name} | ${r.requests} | ${r.ms.toFixed(0)} |${extra}`)
  }
  if (bench.note) console.log(bench.note)
  const [plain, ann, prov, , all, allAnn, allProv] = bench.results
  const cost = (/** @type {CaseResult} */ a, /** @type {CaseResult} */ b) =>
    `+${b.requests - a.requests} requests, +${(b.ms - a.ms).toFixed(0)} ms${rtt && a.rttMs !== undefined && b.rttMs !== undefined ? `, +${((b.rttMs - a.rttMs) / rtt).toFixed(1)} round trips` : ''}`
  console.log(
    `check-base, one image: annotations ${cost(plain, ann)}; provenance ${cost(plain, prov)}`
  )
  console.log(
    `check-base, platform all (3): annotations ${cost(all, allAnn)}; provenance ${cost(all, allProv)}`
  )
}
