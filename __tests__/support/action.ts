/**
 * Runs the action's real code with the real @actions/core, the way the runner
 * does: inputs as INPUT_* variables, outputs and summary in temp files.
 */
import { afterAll } from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { run } from '../../src/main.js'
import { parseOutputFile } from './output-file.mjs'

export { parseOutputFile }

export interface ActionRun {
  /** What core.setOutput wrote to GITHUB_OUTPUT, decoded. */
  outputs: Map<string, string>
  /** Raw GITHUB_OUTPUT text. */
  outputFile: string
  summary: string
  /** Everything the action printed (workflow commands included). */
  stdout: string
  failed: boolean
  /** The ::error:: message, if the step failed. */
  error?: string
}

export interface RunOptions {
  /** Written as $DOCKER_CONFIG/config.json; by default there is none. */
  dockerConfig?: unknown
  env?: Record<string, string>
}

// core.summary remembers the summary file's path on first use, so every run
// in this process shares the same files, emptied before each run.
const runnerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-runner-'))
const outputPath = path.join(runnerDir, 'output')
const summaryPath = path.join(runnerDir, 'summary')
// Removed with the test file that loaded this (an 'exit' handler never runs
// in a jest worker).
afterAll(() => fs.rmSync(runnerDir, { recursive: true, force: true }))

export async function runAction(
  inputs: Record<string, string>,
  options: RunOptions = {}
): Promise<ActionRun> {
  const saved = { ...process.env }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-action-'))
  fs.writeFileSync(outputPath, '')
  fs.writeFileSync(summaryPath, '')
  const dockerDir = path.join(tmp, 'docker')
  fs.mkdirSync(dockerDir)
  if (options.dockerConfig !== undefined) {
    fs.writeFileSync(
      path.join(dockerDir, 'config.json'),
      JSON.stringify(options.dockerConfig)
    )
  }
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('INPUT_')) delete process.env[key]
  }
  Object.assign(process.env, {
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    DOCKER_CONFIG: dockerDir,
    HOME: tmp,
    ...options.env
  })
  for (const [name, value] of Object.entries(inputs)) {
    process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }

  let stdout = ''
  const write = process.stdout.write
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    return true
  }) as typeof process.stdout.write
  try {
    await run()
  } finally {
    process.stdout.write = write
  }
  const failed = process.exitCode === 1
  process.exitCode = undefined
  process.env = saved
  const outputFile = fs.readFileSync(outputPath, 'utf8')
  const summary = fs.readFileSync(summaryPath, 'utf8')
  fs.rmSync(tmp, { recursive: true, force: true })
  const error = /^::error::(.*)$/m.exec(stdout)?.[1]
  return {
    outputs: parseOutputFile(outputFile),
    outputFile,
    summary,
    stdout,
    failed,
    error: error === undefined ? undefined : unescapeCommand(error)
  }
}

/** Undoes the escaping of workflow command data (%25, %0D, %0A). */
function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}
