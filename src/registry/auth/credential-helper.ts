/**
 * docker credential helpers (`docker-credential-<name> get`): the server URL
 * goes in on stdin, `{ServerURL, Username, Secret}` comes back on stdout.
 * Run without a shell; the name is validated so it cannot become a path.
 */

export interface HelperCredentials {
  username: string
  secret: string
}

export type HelperResult =
  { found: true; credentials: HelperCredentials } | { found: false }

const VALID_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/
const MAX_OUTPUT = 1024 * 1024

export class CredentialHelperError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CredentialHelperError'
  }
}

export async function runCredentialHelper(
  name: string,
  serverUrl: string,
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}
): Promise<HelperResult> {
  if (!VALID_NAME.test(name) || name.includes('..')) {
    throw new CredentialHelperError(
      `credential helper name "${name}" is not valid (letters, digits, ".", "_", "-"; no paths)`
    )
  }
  const program = `docker-credential-${name}`
  // Loaded only here: most runs have no helper, and child_process costs start-up.
  const { spawn } = await import('node:child_process')
  const run = await runProgram(spawn, program, serverUrl, options)
  return readHelperOutput(program, run)
}

interface ProgramRun {
  /** null when a signal ended it (our timeout, the output cap). */
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `<program> get` with the server URL on stdin, under a timeout. */
function runProgram(
  spawn: typeof import('node:child_process').spawn,
  program: string,
  serverUrl: string,
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv }
): Promise<ProgramRun> {
  return new Promise<ProgramRun>((resolve, reject) => {
    const child = spawn(program, ['get'], {
      shell: false,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env
    })
    // Our own timer: spawn's `timeout` is only cleared on 'exit', which a
    // program that never started does not emit, keeping the action alive.
    const timer = setTimeout(
      () => child.kill('SIGKILL'),
      options.timeoutMs ?? 30_000
    )
    timer.unref()
    const out: Buffer[] = []
    const err: Buffer[] = []
    let size = 0
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_OUTPUT) child.kill()
      else out.push(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 64) err.push(chunk)
    })
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(
        new CredentialHelperError(
          error.code === 'ENOENT'
            ? `credential helper ${program} is not installed (not found on PATH)`
            : `credential helper ${program} could not run: ${error.message}`
        )
      )
    })
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer)
      resolve({
        code: signal ? null : exitCode,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    })
    child.stdin.on('error', () => undefined) // the helper may exit without reading
    child.stdin.end(serverUrl)
  })
}

/** What the helper's exit code and output say, per the helper protocol. */
function readHelperOutput(
  program: string,
  { code, stdout, stderr }: ProgramRun
): HelperResult {
  if (code !== 0) {
    // The protocol's way of saying "no credentials for this server".
    if (/credentials not found/i.test(stdout + stderr)) return { found: false }
    throw new CredentialHelperError(
      `credential helper ${program} failed (${code === null ? 'killed or timed out' : `exit code ${code}`})`
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(stdout)
  } catch {
    throw new CredentialHelperError(
      `credential helper ${program} did not print JSON`
    )
  }
  const { Username, Secret } = (parsed ?? {}) as Record<string, unknown>
  if (typeof Secret !== 'string' || Secret === '') return { found: false }
  return {
    found: true,
    credentials: {
      username: typeof Username === 'string' ? Username : '',
      secret: Secret
    }
  }
}
