// Runs named cases of the bundled action against a test registry: the
// requests each makes (registry, token server and CDN), the median wall
// time on loopback and, when the machine allows (root, `ip netns`), at a
// simulated internet round trip with ../shared/tools/rtt, which is what
// users feel; round trips = (wall at RTT - wall on loopback) / RTT.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseOutputFile } from '../support/output-file.mjs'
import { median, timed } from './measure.mjs'

/** @import { RunningRegistry } from '../support/registry.mjs' */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const rttTool = path.resolve(root, '../shared/tools/rtt/rtt.sh')
const RTT_MS = Number(process.env.BENCH_RTT_MS || 40)

/**
 * @typedef {object} Case
 * @property {string} name
 * @property {Record<string, string>} inputs
 * @property {Record<string, string>} expect outputs the run must set
 * @property {Record<string, string>} [env] more environment (GITHUB_WORKSPACE)
 * @property {string[]} [command] what to run (default: node dist/index.js)
 */

/**
 * @typedef {object} CaseResult
 * @property {string} name
 * @property {number} requests registry, token server and CDN, one run
 * @property {number} ms median wall time on loopback
 * @property {number} [rttMs] median wall time at RTT_MS
 */

/**
 * @typedef {object} CasesBench
 * @property {number} [rtt]
 * @property {number} runs
 * @property {CaseResult[]} results
 * @property {string} [note] why there is no simulated round trip
 */

/**
 * Each case once (checking its outputs and counting its requests), then
 * timed: interleaved runs on loopback, then at the simulated round trip.
 * @param {{ reg: RunningRegistry, cases: Case[], bundle: string, runs: number, tmp: string, rttRuns?: number }} options
 * @returns {Promise<CasesBench>}
 */
export async function measureCases({
  reg,
  cases,
  bundle,
  runs,
  tmp,
  rttRuns = 5
}) {
  const output = path.join(tmp, 'output')
  const envFor = (/** @type {Case} */ c) => ({
    ...process.env,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: path.join(tmp, 'summary'),
    DOCKER_CONFIG: tmp,
    ...c.env,
    ...Object.fromEntries(
      Object.entries(c.inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])
    )
  })
  const commandOf = (/** @type {Case} */ c) =>
    c.command ?? [process.execPath, bundle]
  const once = async (/** @type {string[]} */ command, /** @type {Case} */ c) =>
    (await timed(command[0], command.slice(1), envFor(c))).ms
  /** @type {CaseResult[]} */
  const results = []
  for (const c of cases) {
    fs.writeFileSync(output, '')
    reg.resetLogs()
    await once(commandOf(c), c)
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
  const loop = await timeAll(cases, runs, (c) => once(commandOf(c), c))
  loop.forEach((ms, i) => (results[i].ms = ms))
  const ports = [reg.url, reg.token?.url, reg.cdn?.url]
    .filter((u) => u !== undefined)
    .map((u) => new URL(u).port)
  const at = rttUp(ports)
  if (!at.ok) return { runs, results, note: at.note }
  try {
    const slow = await timeAll(cases, Math.min(runs, rttRuns), (c) =>
      once([rttTool, 'exec', ...commandOf(c)], c)
    )
    slow.forEach((ms, i) => (results[i].rttMs = ms))
  } finally {
    spawnSync(rttTool, ['down'])
  }
  return { rtt: RTT_MS, runs, results }
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
 * The table of cases, with a title line.
 * @param {CasesBench} bench
 * @param {string} title
 */
export function printCases(bench, title) {
  const rtt = bench.rtt
  console.log(
    `\n${title}: node dist/index.js, median of ${bench.runs} interleaved runs on loopback${rtt ? ` and at a simulated ${rtt} ms round trip (round trips = (wall at RTT - wall on loopback) / RTT)` : ''}\n`
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
}

/**
 * What case `b` costs over case `a`.
 * @param {CasesBench} bench
 * @param {CaseResult} a
 * @param {CaseResult} b
 */
export function extraCost(bench, a, b) {
  const rtt = bench.rtt
  return `+${b.requests - a.requests} requests, +${(b.ms - a.ms).toFixed(0)} ms${rtt && a.rttMs !== undefined && b.rttMs !== undefined ? `, +${((b.rttMs - a.rttMs) / rtt).toFixed(1)} round trips` : ''}`
}

/**
 * A Docker-Hub-like registry (token auth, blobs on a CDN) advertised as
 * `localhost`, so the rtt namespace can put it a round trip away, and a
 * scratch folder; both gone once `work` is done.
 * @template T
 * @param {string} name
 * @param {(reg: RunningRegistry, f: typeof import('../support/fixtures.mjs'), tmp: string) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withBenchRegistry(name, work) {
  const f = await import('../support/fixtures.mjs')
  const { startRegistry } = await import('../support/registry.mjs')
  const reg = await startRegistry({
    auth: 'token',
    redirect: true,
    advertise: 'localhost'
  })
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `rii-bench-${name}-`))
  try {
    return await work(reg, f, tmp)
  } finally {
    await reg.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}
