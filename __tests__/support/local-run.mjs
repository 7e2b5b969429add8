#!/usr/bin/env node
// `npm start -- [REF] [--tag T] [--platform P] [--username U --password P]
//   [--check-base] [--base-image B] [--provenance]`
//
// Runs the bundled action (dist/index.js) the way the runner does: inputs as
// INPUT_* variables, outputs and summary in files, then prints both. With no
// REF it starts a throwaway local registry (token auth like Docker Hub, blobs
// behind a CDN redirect), pushes a sample multi-platform image and inspects
// that, so it works offline.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseOutputFile } from './output-file.mjs'

/** @import { RunningRegistry } from './registry.mjs' */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const bundle = path.join(root, 'dist', 'index.js')

/**
 * Prints usage (after `message`, if any) and exits with status 2.
 * @param {string} [message]
 * @returns {never}
 */
function usage(message) {
  if (message) console.error(`error: ${message}\n`)
  console.error(
    'usage: npm start -- [IMAGE] [--tag TAG] [--platform OS/ARCH[/VARIANT]|all] [--username USER --password PASS]\n' +
      '                    [--check-base] [--base-image BASE] [--provenance]\n' +
      '       with no IMAGE, inspects a sample image on a throwaway local registry'
  )
  process.exit(2)
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} input name → value */
  const inputs = {}
  /** @type {string | undefined} */
  let image
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '-h' || arg === '--help') usage()
    const flag =
      /^--(tag|platform|username|password|base-image)(?:=(.*))?$/.exec(arg)
    const on = /^--(check-base|provenance)$/.exec(arg)
    if (on) {
      inputs[on[1]] = 'true'
    } else if (flag) {
      const value = flag[2] ?? argv[++i]
      if (value === undefined) usage(`${arg} needs a value`)
      inputs[flag[1]] = value
    } else if (arg.startsWith('-')) {
      usage(`unknown option ${arg}`)
    } else if (image === undefined) {
      image = arg
    } else {
      usage(`unexpected argument ${arg}`)
    }
  }
  return { image, inputs }
}

/** docker-registry comes from Debian; install it when we can, else say how. */
function ensureRegistryBinary() {
  const found = spawnSync('sh', ['-c', 'command -v docker-registry'], {
    encoding: 'utf8'
  })
  if (found.status === 0) return
  if (process.getuid?.() === 0) {
    console.error('docker-registry is missing: installing it with apt-get…')
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    /** @type {[string, string[]][]} */
    const steps = [
      ['apt-get', ['update', '-qq']],
      ['apt-get', ['install', '-y', '-qq', 'docker-registry', 'openssl']]
    ]
    for (const [cmd, args] of steps) {
      const r = spawnSync(cmd, args, { stdio: 'inherit', env })
      if (r.status !== 0) break
    }
    if (spawnSync('sh', ['-c', 'command -v docker-registry']).status === 0) {
      return
    }
  }
  console.error(
    'The offline demo needs CNCF Distribution: sudo apt-get install docker-registry openssl\n' +
      'Or give an image to inspect: npm start -- nginx:1.27'
  )
  process.exit(1)
}

async function main() {
  const { image: given, inputs } = parseArgs(process.argv.slice(2))
  if (!fs.existsSync(bundle)) {
    console.error(`${bundle} is missing: run 'npm ci && npm run package' first`)
    process.exit(1)
  }
  /** @type {RunningRegistry | undefined} */
  let registry
  let image = given
  if (image === undefined) {
    ensureRegistryBinary()
    const { startRegistry } = await import('./registry.mjs')
    const { buildImage, pushIndex } = await import('./fixtures.mjs')
    const reg = await startRegistry({ auth: 'token', redirect: true })
    registry = reg
    /** @param {string} arch */
    const config = (arch) => ({
      Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'APP_MODE=demo'],
      Entrypoint: ['/usr/local/bin/app'],
      Cmd: ['--serve'],
      User: '10001',
      WorkingDir: '/srv',
      ExposedPorts: { '8080/tcp': {} },
      Labels: {
        'org.opencontainers.image.title': 'sample app',
        'org.opencontainers.image.source': 'https://example.com/sample',
        'org.opencontainers.image.version': '1.0.0',
        arch
      }
    })
    /** @type {[architecture: string, variant?: string][]} */
    const platforms = [
      ['amd64', undefined],
      ['arm64', 'v8']
    ]
    // A base with two releases; the app is built on the older one and says
    // so in its annotations, so --check-base has something to find.
    /** @param {string} release */
    const base = (release) =>
      platforms.map(([architecture, variant]) =>
        buildImage({
          os: 'linux',
          architecture,
          variant,
          seed: `base-${release}-${architecture}`
        })
      )
    const old = base('1')
    const oldIndex = await pushIndex(registry, 'sample/base', '1.0', old)
    await pushIndex(registry, 'sample/base', '1', base('1.1'))
    const images = platforms.map(([architecture, variant], i) =>
      buildImage({
        os: 'linux',
        architecture,
        variant,
        created: '2026-01-01T00:00:00Z',
        config: config(architecture),
        seed: architecture,
        layerCount: 2,
        base: old[i],
        annotations: {
          'org.opencontainers.image.base.name': `${reg.host}/sample/base:1`,
          'org.opencontainers.image.base.digest': oldIndex.digest
        }
      })
    )
    await pushIndex(registry, 'sample/app', 'latest', images, {
      attestation: true
    })
    image = `${registry.host}/sample/app:latest`
    console.log(
      `Started a throwaway registry at ${registry.url} (token auth, CDN redirects)`
    )
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-local-'))
  const outputFile = path.join(tmp, 'output')
  const summaryFile = path.join(tmp, 'summary.md')
  fs.writeFileSync(outputFile, '')
  fs.writeFileSync(summaryFile, '')
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile
  }
  for (const key of Object.keys(env))
    if (key.startsWith('INPUT_')) delete env[key]
  env.INPUT_IMAGE = image
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  console.log(
    `\n$ node dist/index.js   # image=${image}${Object.keys(inputs)
      .filter((k) => k !== 'password')
      .map((k) => ` ${k}=${inputs[k]}`)
      .join('')}\n`
  )
  /** @type {number} */
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle], {
      env,
      stdio: ['ignore', 'pipe', 'inherit']
    })
    // The runner hides masked values; do the same for readable output.
    child.stdout.setEncoding('utf8')
    let pending = ''
    child.stdout.on('data', (chunk) => {
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        if (line.startsWith('::add-mask::')) continue
        process.stdout.write(`${line}\n`)
      }
    })
    child.on('close', (c) => {
      if (pending && !pending.startsWith('::add-mask::')) console.log(pending)
      resolve(c ?? 1)
    })
  })

  const outputs = parseOutputFile(fs.readFileSync(outputFile, 'utf8'))
  if (outputs.size) {
    console.log('\n== Outputs ==')
    for (const [name, value] of outputs) {
      const shown =
        value.length > 2000
          ? `${value.slice(0, 2000)}… (${value.length} chars)`
          : value
      console.log(`${name}: ${shown}`)
    }
  }
  const summary = fs.readFileSync(summaryFile, 'utf8')
  if (summary) {
    console.log(`\n== Job summary (HTML, ${summary.length} bytes) ==`)
    console.log(summary)
  }
  fs.rmSync(tmp, { recursive: true, force: true })
  await registry?.stop()
  process.exit(code)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
