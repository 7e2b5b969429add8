/**
 * The committed bundle, run the way the runner runs it: `node dist/index.js`
 * in its own process with INPUT_* variables and runner files.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {
  buildImage,
  imagePurl,
  provenanceStatement,
  pushImage,
  pushIndex
} from '../support/fixtures.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import { parseOutputFile } from '../support/action.js'

let reg: RunningRegistry
let tmp: string
beforeAll(async () => {
  reg = await startRegistry({ auth: 'token', redirect: true })
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-bundle-'))
})
afterAll(async () => {
  await reg?.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
})

function runBundle(env: Record<string, string>): Promise<{
  code: number
  stdout: string
  outputs: Map<string, string>
  summary: string
}> {
  const output = path.join(tmp, 'output')
  const summary = path.join(tmp, 'summary')
  fs.writeFileSync(output, '')
  fs.writeFileSync(summary, '')
  return new Promise((resolve) => {
    // Async on purpose: the registry's proxy and token server live in this process.
    execFile(
      process.execPath,
      ['dist/index.js'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: tmp,
          GITHUB_OUTPUT: output,
          GITHUB_STEP_SUMMARY: summary,
          ...env
        }
      },
      (error, stdout) => {
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          stdout,
          outputs: parseOutputFile(fs.readFileSync(output, 'utf8')),
          summary: fs.readFileSync(summary, 'utf8')
        })
      }
    )
  })
}

test('dist/index.js inspects a multi-platform image end to end', async () => {
  const arm = buildImage({
    os: 'linux',
    architecture: 'arm64',
    config: { Labels: { a: 'b' } },
    seed: 'arm'
  })
  const amd = buildImage({ os: 'linux', architecture: 'amd64', seed: 'amd' })
  const index = await pushIndex(reg, 'library/sample', 'v2', [amd, arm], {
    attestation: true
  })
  const result = await runBundle({
    INPUT_IMAGE: `${reg.host}/library/sample:v2`,
    INPUT_PLATFORM: 'linux/arm64'
  })
  expect(result.code).toBe(0)
  expect(result.outputs.get('digest')).toBe(index.digest)
  expect(result.outputs.get('image-digest')).toBe(arm.manifestDigest)
  expect(result.outputs.get('labels')).toBe('{"a":"b"}')
  expect(result.summary).toContain(`${reg.host}/library/sample@${index.digest}`)
})

test('dist/index.js fails with exit code 1, one error and no outputs', async () => {
  const result = await runBundle({
    INPUT_IMAGE: `${reg.host}/library/sample:missing`
  })
  expect(result.code).toBe(1)
  expect(result.stdout.match(/^::error::/gm)).toHaveLength(1)
  expect(result.stdout).toMatch(
    /::error::Cannot inspect .*tag "missing" not found/
  )
  expect(result.outputs.size).toBe(0)
})

/** A stand-in GitHub API that records what the bundled client sends. */
async function startApi(): Promise<{
  port: number
  requests: { method: string; url: string; body: string }[]
  close: () => void
}> {
  const requests: { method: string; url: string; body: string }[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, body })
      res.writeHead(req.method === 'POST' ? 201 : 200, {
        'content-type': 'application/json'
      })
      res.end(
        req.method === 'POST'
          ? JSON.stringify({ id: 1, html_url: 'http://example.test/c/1' })
          : '[]'
      )
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return { port, requests, close: () => server.close() }
}

/** The event of a pull request, as the runner writes it. */
function pullRequestEvent(): Record<string, string> {
  const event = path.join(tmp, 'event.json')
  fs.writeFileSync(event, JSON.stringify({ pull_request: { number: 3 } }))
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'owner/repo'
  }
}

test('dist/ loads its lazy chunks: RE2 for rules, @actions/github for the PR comment, semver for tags', async () => {
  const server = await startApi()
  const api = server.requests
  const apiUrl = `http://127.0.0.1:${server.port}`
  try {
    const before = buildImage({
      config: { Labels: { v: '1.0.0' } },
      seed: 'b1'
    })
    const after = buildImage({ config: { Labels: { v: '1.1.0' } }, seed: 'b2' })
    await pushImage(reg, 'library/chunks', '1.0.0', before)
    await pushImage(reg, 'library/chunks', '1.1.0', after)
    const result = await runBundle({
      INPUT_IMAGE: `${reg.host}/library/chunks`,
      INPUT_TAG: 'semver:^1',
      'INPUT_COMPARE-TO': `${reg.host}/library/chunks:1.0.0`,
      INPUT_ASSERT: 'label v =~ ^1\\.[0-9]+\\.[0-9]+$',
      INPUT_COMMENT: 'true',
      'INPUT_GITHUB-TOKEN': 'ghs_bundleTestToken',
      ...pullRequestEvent(),
      GITHUB_API_URL: apiUrl
    })
    expect(result.code).toBe(0)
    expect(result.outputs.get('latest-tag')).toBe('1.1.0')
    expect(result.outputs.get('passed')).toBe('true')
    expect(result.outputs.get('changed')).toBe('true')
    expect(api.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'GET /repos/owner/repo/issues/3/comments',
      'POST /repos/owner/repo/issues/3/comments'
    ])
    expect(api[1].body).toContain('<!-- remote-image-inspect:changes -->')
  } finally {
    server.close()
  }
})

test('dist/ loads undici from its own file (dist/undici/) when the PR comment goes through a proxy', async () => {
  // undici is not in the main chunk: only a proxied fetch (the PR comment
  // behind HTTPS_PROXY) needs it, and then it comes from dist/undici/.
  expect(fs.readFileSync('dist/index.js', 'utf8')).not.toContain(
    'class ProxyAgent'
  )
  expect(fs.readFileSync('dist/undici/index.cjs', 'utf8')).toContain(
    'class ProxyAgent'
  )
  const server = await startApi()
  // A real CONNECT proxy: it reaches the API for any host name asked for,
  // so the API's name need not resolve (and is no loopback name, which
  // would bypass the proxy).
  const tunnels: string[] = []
  const proxy = http.createServer((_req, res) => res.writeHead(405).end())
  proxy.on('connect', (req, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url!)
    const upstream = net.connect(server.port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r))
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  try {
    await pushImage(reg, 'library/proxied', '1', buildImage({ seed: 'p1' }))
    await pushImage(reg, 'library/proxied', '2', buildImage({ seed: 'p2' }))
    const result = await runBundle({
      INPUT_IMAGE: `${reg.host}/library/proxied:2`,
      'INPUT_COMPARE-TO': `${reg.host}/library/proxied:1`,
      INPUT_COMMENT: 'true',
      'INPUT_GITHUB-TOKEN': 'ghs_bundleTestToken',
      ...pullRequestEvent(),
      GITHUB_API_URL: `http://api.github.test:${server.port}`,
      HTTP_PROXY: proxyUrl,
      HTTPS_PROXY: proxyUrl
    })
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('::warning::')
    // the comment went through the proxy (a tunnel per request); the
    // loopback registry did not
    expect(tunnels.length).toBeGreaterThan(0)
    expect(new Set(tunnels)).toEqual(
      new Set([`api.github.test:${server.port}`])
    )
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'POST'])
  } finally {
    proxy.close()
    server.close()
  }
})

test('dist/ loads the base check and the package-URL reader: check-base from BuildKit provenance', async () => {
  const base = buildImage({
    os: 'linux',
    architecture: 'amd64',
    seed: 'bundle-base'
  })
  const baseIndex = await pushIndex(reg, 'library/bundle-base', '1', [base])
  const image = buildImage({
    os: 'linux',
    architecture: 'amd64',
    base,
    seed: 'bundle-app'
  })
  const statement = provenanceStatement({
    subject: image,
    materials: [
      {
        uri: imagePurl(`${reg.host}/library/bundle-base`, '1', 'linux/amd64'),
        digest: baseIndex.digest
      }
    ]
  })
  await pushIndex(reg, 'library/bundle-app', '1', [image], {
    attestations: [{ subject: image, statements: [statement] }]
  })
  const result = await runBundle({
    INPUT_IMAGE: `${reg.host}/library/bundle-app:1`,
    'INPUT_CHECK-BASE': 'true'
  })
  expect(result.code).toBe(0)
  expect(result.outputs.get('base-status')).toBe('current')
  expect(result.outputs.get('base-method')).toBe('provenance')
  expect(result.outputs.get('base-ref')).toBe(
    `${reg.host}/library/bundle-base:1`
  )
  expect(result.summary).toContain('<h2>Base image</h2>')
})

test('dist/ loads the Dockerfile parser and the pin check: dockerfile, tag-sort docker', async () => {
  const image = buildImage({
    seed: 'bundle-df',
    config: { Labels: { df: '1' } }
  })
  const pushed = await pushImage(reg, 'library/bundle-df', '3.12-slim', image)
  await reg.pushManifest(
    'library/bundle-df',
    '3.13-slim',
    pushed.bytes,
    pushed.mediaType
  )
  const workspace = fs.mkdtempSync(path.join(tmp, 'ws-'))
  fs.writeFileSync(
    path.join(workspace, 'Dockerfile'),
    `ARG V=3.12\nFROM ${reg.host}/library/bundle-df:\${V}-slim@${pushed.digest} AS b\nFROM b\n`
  )
  const result = await runBundle({
    INPUT_DOCKERFILE: 'Dockerfile',
    'INPUT_TAG-SORT': 'docker',
    GITHUB_WORKSPACE: workspace
  })
  expect(result.code).toBe(0)
  expect(result.outputs.get('from')).toBe(
    `${reg.host}/library/bundle-df:3.12-slim@${pushed.digest}`
  )
  expect(result.outputs.get('stale-pins')).toBe('[]')
  expect(result.outputs.get('newer-tags')).toBe('["3.13-slim"]')
  expect(result.outputs.get('update-type')).toBe('minor')
  expect(result.summary).toContain(
    '<h2>Dockerfile <code>Dockerfile</code></h2>'
  )
})

// What a plain inspection never needs stays out of the main chunk, loaded
// only when a feature asks for it (start-up time on every run).
// prettier-ignore
test.each([
  { library: 'semver (tag tracking)', marker: 'class SemVer' },
  { library: 're2js (rule and tag patterns)', marker: 'class RE2JS' },
  { library: '@actions/github (the PR comment)', marker: 'class Octokit' },
  { library: 'http-link-header (tag pages)', marker: 'WS_FOLD_PATTERN' },
  { library: 'packageurl-js (provenance materials)', marker: 'class PackageURL' },
  { library: 'the base check (check-base, provenance)', marker: 'class BaseImages' },
  { library: 'dockerfile-ast (dockerfile)', marker: 'class ImageTemplate' },
  { library: 'the stale-pin check (dockerfile)', marker: 'Stale digest pin' }
])('dist/index.js leaves $library to a lazy chunk', ({ marker }) => {
  const dist = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'dist')
  const main = fs.readFileSync(path.join(dist, 'index.js'), 'utf8')
  expect(main).not.toContain(marker)
  const chunks = fs.readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f))
  const holding = chunks.filter((f) => fs.readFileSync(path.join(dist, f), 'utf8').includes(marker))
  expect(holding).toHaveLength(1)
})

test('dist/licenses.txt carries the notice of every package bundled into dist/', async () => {
  // What webpack puts in the chunks, from a fresh build's stats (the main
  // bundle and undici's own), read with a regular expression of its own.
  const stats = path.join(tmp, 'stats')
  const ncc = path.resolve('node_modules/.bin/ncc')
  const build = (
    entry: string,
    out: string,
    file: string,
    extra: string[] = []
  ) =>
    new Promise<void>((resolve, reject) =>
      execFile(
        ncc,
        [
          'build',
          entry,
          '-o',
          path.join(stats, out),
          '-q',
          '--stats-out',
          path.join(stats, file),
          ...extra
        ],
        (error) => (error ? reject(error) : resolve())
      )
    )
  fs.mkdirSync(stats, { recursive: true })
  await build('src/index.ts', 'main', 'main.json', ['-e', './undici/index.cjs'])
  await build('src/shims/undici-lazy/undici/index.cjs', 'undici', 'undici.json')
  // Every module's name, concatenated ones included (nested `modules`).
  const bundled = new Set<string>()
  const walk = (modules: { name?: string; modules?: unknown[] }[]): void => {
    for (const m of modules) {
      const found =
        /^(?:\.\/)?((?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(
          m.name ?? ''
        )
      if (found) bundled.add(found[1])
      if (m.modules) walk(m.modules as typeof modules)
    }
  }
  for (const file of ['main.json', 'undici.json']) {
    const json = JSON.parse(
      fs.readFileSync(path.join(stats, file), 'utf8')
    ) as {
      modules: { name?: string; modules?: unknown[] }[]
    }
    walk(json.modules)
  }
  const notices = fs.readFileSync('dist/licenses.txt', 'utf8')
  const missing: string[] = []
  for (const dir of bundled) {
    const meta = JSON.parse(
      fs.readFileSync(path.join(dir, 'package.json'), 'utf8')
    ) as { name: string; version: string }
    const licence = fs
      .readdirSync(dir)
      .find((f) => /^licen[cs]e|^copying/i.test(f))
    const firstLine = licence
      ? fs.readFileSync(path.join(dir, licence), 'utf8').trim().split('\n')[0]
      : ''
    if (
      !notices.includes(`- ${meta.name}@${meta.version}\n`) ||
      !notices.includes(firstLine)
    ) {
      missing.push(`${meta.name}@${meta.version}`)
    }
  }
  expect(bundled.size).toBeGreaterThan(20)
  expect(missing).toEqual([])
}, 120_000)
