#!/usr/bin/env node
// `npm run bench`: one inspection against a local Docker-Hub-like registry
// (token auth, blobs redirected to a CDN), measured side by side with
// `skopeo inspect --config` and the plain three-call curl+jq recipe.
//
// Starting a runtime is not the work: a bare `node -e 0` takes about as long
// as skopeo's whole inspection. So besides wall time the table shows the
// work beyond start-up: (action − node -e 0) and (skopeo − skopeo --version),
// all measured in the same run, interleaved.
//
// Then: 20 images in one step (`images`) against 20 separate runs and 20
// skopeo calls, and `list-tags` on a repository of 10,000 tags (BENCH_TAGS;
// pushed for real, or served by a local front when pushing takes over 60 s
// or BENCH_TAGS_FRONT is set), with peak RSS; and the base check's cost
// (base-check.mjs; BENCH_ONLY=base-check runs only that part), and what
// `dockerfile` and `tag-sort: docker` cost (dockerfile.mjs;
// BENCH_ONLY=dockerfile). One inspection at a simulated internet round trip
// against the Node floor and skopeo, on Node 20 and 24 (latency.mjs;
// BENCH_ONLY=latency).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseOutputFile } from '../support/output-file.mjs'
import { baseCheckBench, printBaseCheck } from './base-check.mjs'
import { dockerfileBench, printDockerfile } from './dockerfile.mjs'
import { latencyBench, printLatency } from './latency.mjs'
import { median, run, timed, writeFloor } from './measure.mjs'

/**
 * @import { BuiltImage } from '../support/fixtures.mjs'
 * @import { FaultProxy, FaultRule, Reply } from '../support/fault-proxy.mjs'
 * @import { RunningRegistry } from '../support/registry.mjs'
 */

/**
 * What the parts of the bench share.
 * @typedef {object} Bench
 * @property {RunningRegistry} reg token auth, blobs behind a CDN redirect
 * @property {string} tmp scratch directory
 * @property {BuiltImage} image the image pushed as library/nginx:1.27
 * @property {NodeJS.ProcessEnv} actionEnv the action's environment (inputs, GITHUB_OUTPUT, ...)
 * @property {string} outputFile GITHUB_OUTPUT
 * @property {string} summaryFile GITHUB_STEP_SUMMARY
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const bundle = process.env.BENCH_BUNDLE || path.join(root, 'dist', 'index.js')
const RUNS = Number(process.env.BENCH_RUNS || 21)

/** @param {string} cmd */
function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0
}

function ensureTools() {
  /** @type {Record<string, string>} command → Debian package */
  const packages = {
    'docker-registry': 'docker-registry',
    skopeo: 'skopeo',
    curl: 'curl',
    jq: 'jq',
    openssl: 'openssl'
  }
  const missing = Object.keys(packages).filter((c) => !have(c))
  if (missing.length === 0) return
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    spawnSync(
      'apt-get',
      ['install', '-y', '-qq', ...missing.map((c) => packages[c])],
      { stdio: 'inherit', env }
    )
  }
  const still = missing.filter((c) => !have(c))
  if (still.length) {
    console.error(
      `The benchmark needs: sudo apt-get install ${still.map((c) => packages[c]).join(' ')}`
    )
    process.exit(1)
  }
}

/**
 * Peak memory and time to fail when the registry streams a 200 MB body
 * (through the fault proxy in front of the same registry). The action runs
 * as `node --import <preload> dist/index.js`; the preload prints
 * process.resourceUsage().maxRSS at exit.
 * @param {Pick<Bench, 'reg' | 'tmp' | 'image' | 'actionEnv' | 'outputFile'>} bench
 */
async function hostileBodies({ reg, tmp, image, actionEnv, outputFile }) {
  const { startFaultProxy, slowBody } =
    await import('../support/fault-proxy.mjs')
  const proxy = await startFaultProxy({ upstream: reg.url })
  const preload = path.join(tmp, 'rss.mjs')
  fs.writeFileSync(
    preload,
    "process.on('exit', () => process.stderr.write(`\\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\\n`))\n"
  )
  const MiB = 1024 * 1024
  const TOTAL = 200 * MiB
  const stream = () =>
    slowBody({
      headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      total: TOTAL,
      chunkSize: 256 * 1024,
      delayMs: 0
    })
  const repo = 'library/nginx'
  /** @type {[name: string, rules: FaultRule[], succeeds: boolean][]} */
  const cases = [
    ['normal inspection (baseline)', [], true],
    [
      '200 MB manifest, chunked',
      [{ path: `/v2/${repo}/manifests/1.27`, reply: stream() }],
      false
    ],
    [
      '200 MB config blob, chunked',
      [{ path: `/v2/${repo}/blobs/${image.configDigest}`, reply: stream() }],
      false
    ]
  ]
  const runs = Math.max(1, Math.min(RUNS, 5))
  const env = { ...actionEnv, INPUT_IMAGE: `${proxy.host}/${repo}:1.27` }
  /** @type {{ name: string, rss: number, ms: number, written: number, message: string }[]} */
  const results = []
  for (const [name, rules, succeeds] of cases) {
    const rss = []
    const ms = []
    const written = []
    let message = ''
    for (let i = 0; i < runs; i++) {
      proxy.reset()
      for (const rule of rules) proxy.fault(rule)
      fs.writeFileSync(outputFile, '')
      const r = await run(process.execPath, ['--import', preload, bundle], env)
      const kb = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr)
      if (!kb) throw new Error(`no RSS reported for ${name}:\n${r.stderr}`)
      if ((r.code === 0) !== succeeds) {
        throw new Error(
          `${name}: expected ${succeeds ? 'success' : 'failure'}, exit ${r.code}:\n${r.stdout}`
        )
      }
      message = /^::error::(.*)$/m.exec(r.stdout)?.[1] ?? ''
      // too large for a limit, or longer than its descriptor says
      if (!succeeds && !/limit|longer than the \d+ bytes/.test(message)) {
        throw new Error(`${name}: unexpected error: ${message}`)
      }
      await Promise.all(proxy.requests.map((e) => e.done))
      rss.push(Number(kb[1]) / 1024)
      ms.push(r.ms)
      written.push(
        Math.max(0, ...proxy.requests.map((e) => e.bytesWritten)) / MiB
      )
    }
    results.push({
      name,
      rss: Math.max(...rss),
      ms: median(ms),
      written: Math.max(...written),
      message
    })
  }
  await proxy.close()
  return { runs, results }
}

/**
 * What a hostile registry sizes: a 25,000-entry index (default platform and
 * platform: all), a wide index, an endless tag list, huge tag pages and an
 * absurd Retry-After, each served by the fault proxy in front of the same
 * registry. Every case must end with its clear limit message; the table
 * shows peak RSS and CPU time of the whole run (targets: under 150 MB,
 * under 5 s of CPU).
 * @param {Pick<Bench, 'reg' | 'tmp' | 'actionEnv' | 'outputFile'>} bench
 */
async function hostileSizes({ reg, tmp, actionEnv, outputFile }) {
  const { startFaultProxy, fixed } = await import('../support/fault-proxy.mjs')
  const proxy = await startFaultProxy({ upstream: reg.url })
  const preload = path.join(tmp, 'usage.mjs')
  fs.writeFileSync(
    preload,
    "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\nBENCH_MAX_RSS_KB=${u.maxRSS}\\nBENCH_CPU_US=${u.userCPUTime + u.systemCPUTime}\\n`) })\n"
  )
  /** @param {number} count */
  const index = (count) =>
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: Array.from({ length: count }, (_, i) => ({
        digest: `sha256:${i.toString(16).padStart(64, '0')}`,
        size: 2,
        platform: { os: 'linux', architecture: `a${i}` }
      }))
    })
  /** @param {number} count */
  const indexReply = (count) =>
    fixed({
      status: 200,
      headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
      body: index(count)
    })
  const repo = 'hostile/app'
  const manifest = `/v2/${repo}/manifests/1`
  const tagList = `/v2/${repo}/tags/list`
  /**
   * Endless pages: each links to the next.
   * @param {(n: number) => string} body page n's JSON
   * @returns {Reply}
   */
  const page = (body) => (req, res, entry) => {
    const url = new URL(req.url ?? '', 'http://x')
    const n = Number(url.searchParams.get('page') ?? 0)
    const buf = Buffer.from(body(n))
    entry.status = 200
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(buf.length),
      link: `<${tagList}?page=${n + 1}>; rel="next"`
    })
    res.end(buf)
  }
  const padding = ' '.repeat(8 * 1024 * 1024 - 100)
  /** @type {[name: string, extra: Record<string, string>, rules: FaultRule[], expected: RegExp][]} */
  const cases = [
    [
      '25,000-entry index, default platform',
      {},
      [{ path: manifest, reply: indexReply(25_000) }],
      /lists 25000 entries/
    ],
    [
      '25,000-entry index, platform: all',
      { INPUT_PLATFORM: 'all' },
      [{ path: manifest, reply: indexReply(25_000) }],
      /lists 25000 entries/
    ],
    [
      '9,999 platforms, platform: all',
      { INPUT_PLATFORM: 'all' },
      [{ path: manifest, reply: indexReply(9_999) }],
      /offers 9999 platforms/
    ],
    [
      'endless tag list (1000 a page)',
      { 'INPUT_LIST-TAGS': 'true' },
      [
        {
          path: tagList,
          reply: page((n) =>
            JSON.stringify({
              tags: Array.from({ length: 1000 }, (_, j) => `${n}.${j}.0`)
            })
          )
        }
      ],
      /more tags than 100000 entries/
    ],
    [
      'tag list of 8 MiB pages',
      { 'INPUT_LIST-TAGS': 'true' },
      [
        { path: tagList, reply: page((n) => `{"tags":["${n}.0.0"]${padding}}`) }
      ],
      /more tags than 16 MiB/
    ],
    [
      'Retry-After: 99999999999999999999',
      {},
      [
        {
          path: manifest,
          reply: fixed({
            status: 429,
            headers: { 'retry-after': '99999999999999999999' }
          })
        }
      ],
      /a year or more/
    ]
  ]
  const runs = Math.max(1, Math.min(RUNS, 3))
  /** @type {{ name: string, rss: number, cpu: number, ms: number, message: string }[]} */
  const results = []
  for (const [name, extra, rules, expected] of cases) {
    const rss = []
    const cpu = []
    const ms = []
    let message = ''
    for (let i = 0; i < runs; i++) {
      proxy.reset()
      for (const rule of rules) proxy.fault(rule)
      fs.writeFileSync(outputFile, '')
      const env = {
        ...actionEnv,
        INPUT_IMAGE: `${proxy.host}/${repo}:1`,
        INPUT_RETRIES: '0',
        ...extra
      }
      const r = await run(process.execPath, ['--import', preload, bundle], env)
      const kb = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr)
      const us = /BENCH_CPU_US=(\d+)/.exec(r.stderr)
      if (!kb || !us)
        throw new Error(`no usage reported for ${name}:\n${r.stderr}`)
      message = /^::error::(.*)$/m.exec(r.stdout)?.[1] ?? ''
      if (r.code === 0 || !expected.test(message)) {
        throw new Error(
          `${name}: expected a failure matching ${expected}, got exit ${r.code}: ${message}`
        )
      }
      rss.push(Number(kb[1]) / 1024)
      cpu.push(Number(us[1]) / 1000)
      ms.push(r.ms)
    }
    results.push({
      name,
      rss: Math.max(...rss),
      cpu: Math.max(...cpu),
      ms: median(ms),
      message
    })
  }
  await proxy.close()
  return { runs, results }
}

/**
 * A preload that prints the process's peak RSS (KiB) on stderr at exit.
 * @param {string} tmp
 */
function rssPreload(tmp) {
  const file = path.join(tmp, 'rss-many.mjs')
  fs.writeFileSync(
    file,
    "process.on('exit', () => process.stderr.write(`\\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\\n`))\n"
  )
  return file
}

/**
 * One output out of a GITHUB_OUTPUT file (`name<<DELIM` … `DELIM`).
 * @param {string} file
 * @param {string} name
 */
function outputValue(file, name) {
  return parseOutputFile(fs.readFileSync(file, 'utf8')).get(name)
}

/** @param {RunningRegistry} reg */
const allRequests = (reg) =>
  reg.requests.length +
  (reg.token?.requests.length ?? 0) +
  (reg.cdn?.requests.length ?? 0)

/**
 * 20 images: one step with `images` (one run of dist/index.js) against 20
 * separate runs and 20 `skopeo inspect --config` calls, on the token-auth
 * registry. Wall time of the whole batch and requests per image.
 * @param {Pick<Bench, 'reg' | 'actionEnv' | 'outputFile' | 'summaryFile'>} bench
 */
async function manyImages({ reg, actionEnv, outputFile, summaryFile }) {
  const { buildImage, pushImage } = await import('../support/fixtures.mjs')
  const COUNT = 20
  /** @type {string[]} */
  const refs = []
  /** @type {string[]} */
  const configDigests = []
  for (let i = 0; i < COUNT; i++) {
    const img = buildImage({
      seed: `many-${i}`,
      layerCount: 2,
      config: {
        Env: ['PATH=/usr/bin', `APP=${i}`],
        Cmd: ['app', String(i)],
        Labels: { 'org.opencontainers.image.version': `1.${i}.0` }
      }
    })
    const repo = `bench/app${String(i).padStart(2, '0')}`
    await pushImage(reg, repo, '1.0', img)
    refs.push(`${reg.host}/${repo}:1.0`)
    configDigests.push(img.configDigest)
  }
  const clean = () => {
    fs.writeFileSync(outputFile, '')
    fs.writeFileSync(summaryFile, '')
  }
  const env = { ...actionEnv, INPUT_IMAGE: '', INPUT_IMAGES: '' }
  /** @param {string[]} digests */
  const check = (digests) => {
    const text = fs.readFileSync(outputFile, 'utf8')
    const missing = digests.filter((d) => !text.includes(d))
    if (missing.length) {
      throw new Error(`the action did not report ${missing.join(', ')}`)
    }
  }
  /** @type {Record<string, (verify: boolean) => Promise<void>>} */
  const ways = {
    'one step (`images`, one run of node dist/index.js)': async (verify) => {
      clean()
      await timed(process.execPath, [bundle], {
        ...env,
        INPUT_IMAGES: refs.join('\n')
      })
      if (verify) {
        const results = JSON.parse(outputValue(outputFile, 'results') ?? '')
        if (Object.keys(results).join() !== refs.join()) {
          throw new Error('results are not keyed by the 20 references')
        }
        check(configDigests)
      }
    },
    '20 separate runs of node dist/index.js': async (verify) => {
      for (const [i, ref] of refs.entries()) {
        clean()
        await timed(process.execPath, [bundle], { ...env, INPUT_IMAGE: ref })
        if (verify) check([configDigests[i]])
      }
    },
    '20 × skopeo inspect --config': async (verify) => {
      for (const [i, ref] of refs.entries()) {
        const { stdout } = await timed('skopeo', [
          'inspect',
          '--config',
          '--tls-verify=false',
          `docker://${ref}`
        ])
        if (verify && !stdout.includes(`"APP=${i}"`)) {
          throw new Error(`skopeo did not print the config of ${ref}`)
        }
      }
    }
  }
  // Correctness and request counts from one clean run each.
  /** @type {Record<string, number>} */
  const requests = {}
  for (const [name, go] of Object.entries(ways)) {
    reg.resetLogs()
    await go(true)
    requests[name] = allRequests(reg)
  }
  const runs = Math.max(1, Math.min(RUNS, 5))
  /** @type {Record<string, number[]>} */
  const times = Object.fromEntries(Object.keys(ways).map((k) => [k, []]))
  for (let i = 0; i < runs; i++) {
    for (const [name, go] of Object.entries(ways)) {
      const start = process.hrtime.bigint()
      await go(false)
      times[name].push(Number(process.hrtime.bigint() - start) / 1e6)
    }
  }
  return {
    count: COUNT,
    runs,
    rows: Object.keys(ways).map((name) => ({
      name,
      ms: median(times[name]),
      requests: requests[name]
    }))
  }
}

/**
 * Puts one manifest under `count` tags: semver tags 0.0.0 … plus `latest`.
 * Real pushes (one token, 32 at a time) while they fit in `budgetMs`;
 * undefined when they do not (the caller then serves the list itself).
 * @param {RunningRegistry} reg
 * @param {string} repo
 * @param {BuiltImage} img
 * @param {number} count
 * @param {number} budgetMs
 * @returns {Promise<{ tags: string[], ms: number } | undefined>}
 */
async function pushTags(reg, repo, img, count, budgetMs) {
  const http = await import('node:http')
  if (!reg.mintToken) throw new Error('pushing tags needs token auth')
  const tags = Array.from(
    { length: count - 1 },
    (_, i) => `${Math.floor(i / 1000)}.${Math.floor(i / 10) % 100}.${i % 10}`
  )
  const auth = `Bearer ${reg.mintToken(
    [{ type: 'repository', name: repo, actions: ['pull', 'push'] }],
    { expiresIn: Math.ceil(budgetMs / 1000) + 60 }
  )}`
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 })
  /** @type {(tag: string) => Promise<void>} */
  const put = (tag) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        `${reg.url}/v2/${repo}/manifests/${tag}`,
        {
          method: 'PUT',
          agent,
          headers: {
            authorization: auth,
            'content-type': img.mediaType,
            'content-length': img.manifest.length
          }
        },
        (res) => {
          res.resume()
          res.on('end', () =>
            res.statusCode === 201
              ? resolve()
              : reject(new Error(`PUT ${tag}: ${res.statusCode}`))
          )
        }
      )
      req.on('error', reject)
      req.end(img.manifest)
    })
  const start = Date.now()
  let next = 0
  let late = false
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < tags.length && !late) {
        await put(tags[next++])
        if (Date.now() - start > budgetMs) late = true
      }
    })
  )
  agent.destroy()
  return late ? undefined : { tags, ms: Date.now() - start }
}

/**
 * `list-tags: true` on a repository of 10,000 tags (one manifest under all
 * of them): wall time and peak RSS, next to a plain inspection and
 * `skopeo list-tags`.
 * @param {Pick<Bench, 'reg' | 'tmp' | 'actionEnv' | 'outputFile' | 'summaryFile'>} bench
 */
async function tagListing({ reg, tmp, actionEnv, outputFile, summaryFile }) {
  const { buildImage, pushImage } = await import('../support/fixtures.mjs')
  const { startFaultProxy, fixed } = await import('../support/fault-proxy.mjs')
  const COUNT = Number(process.env.BENCH_TAGS || 10000)
  const repo = 'bench/tags'
  const img = buildImage({ seed: 'tags', config: { Cmd: ['tags'] } })
  await pushImage(reg, repo, 'latest', img)
  // BENCH_TAGS_FRONT=1 skips the pushes and serves the list from the front.
  const pushed = process.env.BENCH_TAGS_FRONT
    ? undefined
    : await pushTags(reg, repo, img, COUNT, 60_000)
  let host = reg.host
  /** @type {FaultProxy | undefined} */
  let proxy
  let source
  const semver = Array.from(
    { length: COUNT - 1 },
    (_, i) => `${Math.floor(i / 1000)}.${Math.floor(i / 10) % 100}.${i % 10}`
  )
  if (pushed) {
    source = `real Distribution, ${COUNT} tags pushed in ${(pushed.ms / 1000).toFixed(1)} s (one page: Distribution sends no Link header)`
  } else {
    // Too slow to push here: a front serves the list, the registry the rest.
    proxy = await startFaultProxy({ upstream: reg.url })
    proxy.fault({
      path: `/v2/${repo}/tags/list`,
      reply: fixed({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: repo, tags: ['latest', ...semver] })
      })
    })
    host = proxy.host
    source = `a local registry front serving ${COUNT} tags (${process.env.BENCH_TAGS_FRONT ? 'BENCH_TAGS_FRONT set' : 'pushing them took over 60 s here'}); the image itself from real Distribution`
  }
  const preload = rssPreload(tmp)
  const image = `${host}/${repo}`
  const env = { ...actionEnv, INPUT_IMAGE: image }
  /** @type {[name: string, env: NodeJS.ProcessEnv][]} */
  const cases = [
    ['plain inspection (baseline)', { ...env }],
    [`list-tags: true (${COUNT} tags)`, { ...env, 'INPUT_LIST-TAGS': 'true' }]
  ]
  const runs = Math.max(1, Math.min(RUNS, 5))
  /** @type {{ name: string, ms: number, rss?: number, requests?: number }[]} */
  const results = []
  for (const [name, caseEnv] of cases) {
    const ms = []
    const rss = []
    let requests = 0
    for (let i = 0; i < runs; i++) {
      fs.writeFileSync(outputFile, '')
      fs.writeFileSync(summaryFile, '')
      reg.resetLogs()
      if (proxy) proxy.requests.length = 0
      const r = await run(
        process.execPath,
        ['--import', preload, bundle],
        caseEnv
      )
      if (r.code !== 0) throw new Error(`${name} failed:\n${r.stdout}`)
      const kb = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr)
      if (!kb) throw new Error(`no RSS reported for ${name}:\n${r.stderr}`)
      if (caseEnv['INPUT_LIST-TAGS']) {
        const tags = JSON.parse(outputValue(outputFile, 'tags') ?? '[]')
        const latest = outputValue(outputFile, 'latest-tag')
        if (tags.length !== COUNT - 1 || latest !== semver.at(-1)) {
          throw new Error(
            `${name}: ${tags.length} tags, latest ${latest}; expected ${COUNT - 1} and ${semver.at(-1)}`
          )
        }
      }
      ms.push(r.ms)
      rss.push(Number(kb[1]) / 1024)
      // the front's own answers never reach the registry's log
      requests =
        allRequests(reg) +
        (proxy?.requests.filter((e) => e.url.includes('/tags/list')).length ??
          0)
    }
    results.push({ name, ms: median(ms), rss: Math.max(...rss), requests })
  }
  const skopeo = []
  for (let i = 0; i < runs; i++) {
    const { ms, stdout } = await timed('skopeo', [
      'list-tags',
      '--tls-verify=false',
      `docker://${image}`
    ])
    if (JSON.parse(stdout).Tags.length !== COUNT) {
      throw new Error('skopeo list-tags did not list every tag')
    }
    skopeo.push(ms)
  }
  results.push({ name: 'skopeo list-tags', ms: median(skopeo) })
  await proxy?.close()
  return { count: COUNT, runs, source, results }
}

async function main() {
  ensureTools()
  if (!fs.existsSync(bundle)) {
    console.error(`${bundle} is missing: run 'npm ci && npm run package' first`)
    process.exit(1)
  }
  // One part only: BENCH_ONLY=base-check.
  if (process.env.BENCH_ONLY === 'base-check') {
    printBaseCheck(await baseCheckBench({ bundle, runs: Math.min(RUNS, 11) }))
    return
  }
  if (process.env.BENCH_ONLY === 'latency') {
    printLatency(await latencyBench({ bundle, runs: Math.min(RUNS, 11) }))
    return
  }
  if (process.env.BENCH_ONLY === 'dockerfile') {
    printDockerfile(await dockerfileBench({ bundle, runs: Math.min(RUNS, 11) }))
    return
  }
  const { startRegistry } = await import('../support/registry.mjs')
  const { buildImage, pushImage } = await import('../support/fixtures.mjs')
  const reg = await startRegistry({
    auth: 'token',
    redirect: true,
    anonymousPull: ['*']
  })
  const { token } = reg
  if (!token) throw new Error('the registry has no token server')
  const image = buildImage({
    os: 'linux',
    architecture: 'amd64',
    layerCount: 3,
    config: {
      Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'LANG=C.UTF-8'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      ExposedPorts: { '80/tcp': {} },
      Labels: {
        maintainer: 'bench',
        'org.opencontainers.image.version': '1.27.0'
      }
    }
  })
  await pushImage(reg, 'library/nginx', '1.27', image)
  const ref = `${reg.host}/library/nginx:1.27`

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-bench-'))
  const outputFile = path.join(tmp, 'output')
  const summaryFile = path.join(tmp, 'summary')
  /** @type {NodeJS.ProcessEnv} */
  const actionEnv = {
    ...process.env,
    INPUT_IMAGE: ref,
    INPUT_PLATFORM: 'linux/amd64',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    DOCKER_CONFIG: tmp,
    RUNNER_DEBUG: ''
  }
  const recipe = path.join(tmp, 'recipe.sh')
  // What people write by hand: token, manifest, config blob.
  fs.writeFileSync(
    recipe,
    [
      'set -euo pipefail',
      `reg=${reg.url}; repo=library/nginx; tag=1.27`,
      `token=$(curl -fsS "${token.realm}?service=${token.service}&scope=repository:$repo:pull" | jq -r .token)`,
      'digest=$(curl -fsS -H "Authorization: Bearer $token" -H "Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json" "$reg/v2/$repo/manifests/$tag" | jq -r .config.digest)',
      'curl -fsSL -H "Authorization: Bearer $token" "$reg/v2/$repo/blobs/$digest" | jq -c .config'
    ].join('\n')
  )

  // The floor for any Node client: the same five requests with bare
  // node:http and no libraries (measure.mjs).
  const floor = writeFloor(tmp)

  /** @type {Record<string, { cmd: string, args: string[], env?: NodeJS.ProcessEnv, before?: () => void }>} */
  const tools = {
    action: {
      cmd: process.execPath,
      args: [bundle],
      env: actionEnv,
      before: () => {
        fs.writeFileSync(outputFile, '')
        fs.writeFileSync(summaryFile, '')
      }
    },
    'node -e 0': { cmd: process.execPath, args: ['-e', '0'] },
    'skopeo inspect --config': {
      cmd: 'skopeo',
      args: ['inspect', '--config', '--tls-verify=false', `docker://${ref}`]
    },
    'skopeo --version': { cmd: 'skopeo', args: ['--version'] },
    'curl+jq recipe': { cmd: 'bash', args: [recipe] },
    'node:http floor': { cmd: process.execPath, args: [floor, reg.host] }
  }

  // Correctness first, and request counts from one clean run each.
  /** @type {Record<string, number>} */
  const requests = {}
  for (const [name, t] of Object.entries(tools)) {
    t.before?.()
    reg.resetLogs()
    const { stdout } = await timed(t.cmd, t.args, t.env ?? process.env)
    requests[name] = allRequests(reg)
    if (
      name === 'action' &&
      !fs.readFileSync(outputFile, 'utf8').includes(image.configDigest)
    ) {
      throw new Error(`the action did not report the config digest:\n${stdout}`)
    }
  }

  /** @type {Record<string, number[]>} */
  const times = Object.fromEntries(Object.keys(tools).map((k) => [k, []]))
  for (let i = 0; i < RUNS; i++) {
    for (const [name, t] of Object.entries(tools)) {
      t.before?.()
      const { ms } = await timed(t.cmd, t.args, t.env ?? process.env)
      times[name].push(ms)
    }
  }
  const hostile = await hostileBodies({
    reg,
    tmp,
    image,
    actionEnv,
    outputFile
  })
  const sizes = await hostileSizes({ reg, tmp, actionEnv, outputFile })
  const many = await manyImages({ reg, actionEnv, outputFile, summaryFile })
  const listing = await tagListing({
    reg,
    tmp,
    actionEnv,
    outputFile,
    summaryFile
  })
  await reg.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
  const latency = await latencyBench({ bundle, runs: Math.min(RUNS, 11) })
  const base = await baseCheckBench({ bundle, runs: Math.min(RUNS, 11) })
  const dockerfiles = await dockerfileBench({
    bundle,
    runs: Math.min(RUNS, 11)
  })

  const m = Object.fromEntries(
    Object.entries(times).map(([k, v]) => [k, median(v)])
  )
  /** @type {[name: string, wall: number, work: number | undefined, requests: number][]} */
  const rows = [
    [
      'action (node dist/index.js)',
      m.action,
      m.action - m['node -e 0'],
      requests.action
    ],
    [
      'node:http floor (same 5 requests, no libraries)',
      m['node:http floor'],
      m['node:http floor'] - m['node -e 0'],
      requests['node:http floor']
    ],
    [
      'skopeo inspect --config',
      m['skopeo inspect --config'],
      m['skopeo inspect --config'] - m['skopeo --version'],
      requests['skopeo inspect --config']
    ],
    [
      'curl+jq recipe',
      m['curl+jq recipe'],
      undefined,
      requests['curl+jq recipe']
    ],
    ['node -e 0 (baseline)', m['node -e 0'], undefined, 0],
    ['skopeo --version (baseline)', m['skopeo --version'], undefined, 0]
  ]
  const bundleKb = (fs.statSync(bundle).size / 1024).toFixed(0)
  console.log(
    `\nOne inspection of ${ref.replace(reg.host, 'REGISTRY')} (token auth, blob behind a CDN redirect)`
  )
  console.log(
    `median of ${RUNS} interleaved runs; dist/index.js is ${bundleKb} KiB; ${os.cpus().length} CPUs, node ${process.version}\n`
  )
  console.log(
    '| tool | median wall ms | work beyond start-up ms | HTTP requests |'
  )
  console.log('|---|---:|---:|---:|')
  for (const [name, wall, work, req] of rows) {
    console.log(
      `| ${name} | ${wall.toFixed(1)} | ${work === undefined ? '' : work.toFixed(1)} | ${req} |`
    )
  }
  const ok = requests.action <= requests['skopeo inspect --config']
  const workOk =
    m.action - m['node -e 0'] <=
    m['skopeo inspect --config'] - m['skopeo --version']
  console.log(
    `\nrequests: action ${requests.action} vs skopeo ${requests['skopeo inspect --config']} (${ok ? 'target met' : 'MORE than skopeo'})`
  )
  console.log(
    `work: action ${(m.action - m['node -e 0']).toFixed(1)} ms vs skopeo ${(m['skopeo inspect --config'] - m['skopeo --version']).toFixed(1)} ms (${workOk ? 'target met' : 'MORE than skopeo'})`
  )

  console.log(
    `\nA registry streaming a 200 MB body (fault proxy; max peak RSS and median wall time of ${hostile.runs} runs of node dist/index.js)\n`
  )
  console.log(
    '| case | peak RSS MB | wall ms (time to fail) | MB the server got to send | error |'
  )
  console.log('|---|---:|---:|---:|---|')
  for (const r of hostile.results) {
    console.log(
      `| ${r.name} | ${r.rss.toFixed(1)} | ${r.ms.toFixed(1)} | ${r.message ? r.written.toFixed(1) : ''} | ${r.message.replace(/^Cannot inspect \S+: /, '')} |`
    )
  }
  for (const r of hostile.results.slice(1)) {
    console.log(
      `${r.name}: peak RSS: ${r.rss.toFixed(0)} MB (target well under 100 MB${r.rss < 100 ? ', met' : ', MISSED'}), time to fail: ${r.ms.toFixed(0)} ms`
    )
  }

  console.log(
    `\nWhat a hostile registry sizes (fault proxy; max peak RSS and max CPU time of ${sizes.runs} runs of node dist/index.js, each ending with its limit's message)\n`
  )
  console.log('| case | peak RSS MB | CPU ms | wall ms | error |')
  console.log('|---|---:|---:|---:|---|')
  for (const r of sizes.results) {
    console.log(
      `| ${r.name} | ${r.rss.toFixed(1)} | ${r.cpu.toFixed(0)} | ${r.ms.toFixed(0)} | ${r.message.replace(/^Cannot inspect \S+: /, '')} |`
    )
  }
  const worstRss = Math.max(...sizes.results.map((r) => r.rss))
  const worstCpu = Math.max(...sizes.results.map((r) => r.cpu))
  console.log(
    `worst peak RSS ${worstRss.toFixed(0)} MB (target under 150 MB${worstRss < 150 ? ', met' : ', MISSED'}); worst CPU ${worstCpu.toFixed(0)} ms (target under 5000 ms${worstCpu < 5000 ? ', met' : ', MISSED'})`
  )

  console.log(
    `\n${many.count} images on the token-auth registry (median wall time of ${many.runs} interleaved runs of the whole batch; requests counted at the registry, token server and CDN)\n`
  )
  console.log(
    '| way | median wall ms | ms per image | HTTP requests | requests per image |'
  )
  console.log('|---|---:|---:|---:|---:|')
  for (const r of many.rows) {
    console.log(
      `| ${r.name} | ${r.ms.toFixed(1)} | ${(r.ms / many.count).toFixed(1)} | ${r.requests} | ${(r.requests / many.count).toFixed(2)} |`
    )
  }
  const [step, separate] = many.rows
  const ratio = step.ms / separate.ms
  console.log(
    `one step: ${step.ms.toFixed(0)} ms = ${(ratio * 100).toFixed(0)}% of the separate runs' ${separate.ms.toFixed(0)} ms (target at most 25%${ratio <= 0.25 ? ', met' : ', MISSED'})`
  )
  const perImage = step.requests / many.count
  console.log(
    `requests per image: ${perImage.toFixed(2)} in one step vs ${requests.action} for a single-image run (target at most that${perImage <= requests.action ? ', met' : ', MISSED'})`
  )

  console.log(
    `\nListing ${listing.count} tags: ${listing.source}; median wall time and max peak RSS of ${listing.runs} runs\n`
  )
  console.log('| case | median wall ms | peak RSS MB | HTTP requests |')
  console.log('|---|---:|---:|---:|')
  for (const r of listing.results) {
    console.log(
      `| ${r.name} | ${r.ms.toFixed(1)} | ${r.rss === undefined ? '' : r.rss.toFixed(1)} | ${r.requests ?? ''} |`
    )
  }
  printLatency(latency)
  printBaseCheck(base)
  printDockerfile(dockerfiles)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
