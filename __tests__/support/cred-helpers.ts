/**
 * Real `docker-credential-<name>` executables for tests: small Node scripts
 * in a temp dir (put it first on PATH) that record every call (argv and
 * stdin) to a file and answer like the docker credential helpers do.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface HelperAnswer {
  Username: string
  Secret: string
}

export interface HelperBehaviour {
  /**
   * Credentials by server URL (the exact stdin); any other URL gets
   * "credentials not found in native keychain" on stdout and exit code 1,
   * as docker-credential-pass/osxkeychain/secretservice answer.
   */
  answers?: Record<string, HelperAnswer>
  /** Instead of answers: print these, then exit with this code. */
  raw?: { stdout?: string; stderr?: string; code?: number }
  /** Print this many bytes of "x" on stdout (and exit 0). */
  floodBytes?: number
  /** Wait this long before answering. */
  sleepMs?: number
  /** Exit without reading stdin (the record's stdin is null). */
  ignoreStdin?: boolean
}

export interface HelperCall {
  argv: string[]
  stdin: string | null
  /** Working directory and PATH the helper ran with. */
  cwd: string
}

export interface HelperDir {
  /** Directory holding the executables (prepend to PATH). */
  bin: string
  /** Temp root (bin and the records live under it). */
  root: string
  /** PATH with bin first. */
  path: string
  /** Writes (or replaces) docker-credential-<name>; returns its record reader. */
  write(name: string, behaviour?: HelperBehaviour): Helper
  /** Writes an executable under an arbitrary file name that records it ran. */
  writeTrap(file: string): () => boolean
  /** Deletes every record (not the executables). */
  clearRecords(): void
  remove(): void
}

export interface Helper {
  /** Absolute path of the executable. */
  file: string
  /** The record file; absent until the helper ran. */
  record: string
  calls(): HelperCall[]
  ran(): boolean
}

let counter = 0

function script(record: string, b: HelperBehaviour): string {
  // CommonJS on purpose: the temp dir has no package.json above it.
  return `#!${process.execPath}
const fs = require('fs')
const record = ${JSON.stringify(record)}
const b = ${JSON.stringify(b)}
function log(stdin) {
  fs.appendFileSync(record, JSON.stringify({ argv: process.argv.slice(2), stdin, cwd: process.cwd() }) + '\\n')
}
function answer(input) {
  if (b.floodBytes) {
    process.stdout.write('x'.repeat(b.floodBytes))
    return
  }
  if (b.raw) {
    if (b.raw.stdout) process.stdout.write(b.raw.stdout)
    if (b.raw.stderr) process.stderr.write(b.raw.stderr)
    process.exitCode = b.raw.code ?? 0
    return
  }
  const found = (b.answers || {})[input]
  if (found && Object.prototype.hasOwnProperty.call(b.answers, input)) {
    process.stdout.write(JSON.stringify({ ServerURL: input, ...found }))
    return
  }
  process.stdout.write('credentials not found in native keychain\\n')
  process.exitCode = 1
}
function later(f) {
  if (b.sleepMs) setTimeout(f, b.sleepMs)
  else f()
}
if (b.ignoreStdin) {
  log(null)
  later(() => answer(''))
} else {
  let input = ''
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (c) => (input += c))
  process.stdin.on('end', () => {
    log(input)
    later(() => answer(input))
  })
}
`
}

export function makeHelperDir(): HelperDir {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-helpers-'))
  const bin = path.join(root, 'bin')
  const records = path.join(root, 'records')
  fs.mkdirSync(bin)
  fs.mkdirSync(records)
  const reader = (file: string, record: string): Helper => ({
    file,
    record,
    calls: () =>
      fs.existsSync(record)
        ? fs
            .readFileSync(record, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as HelperCall)
        : [],
    ran: () => fs.existsSync(record)
  })
  return {
    bin,
    root,
    path: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    write(name, behaviour = {}) {
      const file = path.join(bin, `docker-credential-${name}`)
      const record = path.join(records, `${counter++}.jsonl`)
      fs.writeFileSync(file, script(record, behaviour), { mode: 0o755 })
      return reader(file, record)
    },
    writeTrap(file) {
      const full = path.join(bin, file)
      const record = path.join(records, `trap-${counter++}`)
      fs.mkdirSync(path.dirname(full), { recursive: true })
      fs.writeFileSync(
        full,
        `#!/bin/sh\necho ran > ${JSON.stringify(record)}\n`,
        { mode: 0o755 }
      )
      return () => fs.existsSync(record)
    },
    clearRecords() {
      for (const f of fs.readdirSync(records)) fs.rmSync(path.join(records, f))
    },
    remove() {
      fs.rmSync(root, { recursive: true, force: true })
    }
  }
}
