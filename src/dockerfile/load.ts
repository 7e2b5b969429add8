/**
 * A Dockerfile named by an input: read from the workspace (never through a
 * link out of it: the file may come from a pull request), bounded, and
 * resolved to the images it builds from. Loaded only when asked for (the
 * parser is its own bundle chunk).
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { InputError, errorMessage } from '../errors.js'
import type { Platform } from '../image/platform.js'
import { DockerfileError, readBases, type DockerfileBases } from './from.js'

/** Far more than any Dockerfile; the file may come from a pull request. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024

export interface LoadedDockerfile extends DockerfileBases {
  /** As the input gave it. */
  path: string
}

export async function loadDockerfile(
  input: string,
  file: string,
  options: { buildArgs: Map<string, string>; platform: Platform }
): Promise<LoadedDockerfile> {
  const text = await readWorkspaceFile(input, file)
  try {
    return {
      path: file,
      ...readBases(text, { ...options, buildPlatform: runnerPlatform() })
    }
  } catch (error) {
    if (!(error instanceof DockerfileError)) throw error
    throw new InputError(input, `${file}, ${error.message}`)
  }
}

/** The machine `docker build` would run on: BUILDPLATFORM. */
function runnerPlatform(): Platform {
  if (process.arch === 'arm64') return { os: 'linux', architecture: 'arm64' }
  if (process.arch === 'arm') {
    return { os: 'linux', architecture: 'arm', variant: 'v7' }
  }
  return { os: 'linux', architecture: 'amd64' }
}

async function readWorkspaceFile(input: string, file: string): Promise<string> {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  let real: string
  let root: string
  try {
    root = await fs.realpath(workspace)
    real = await fs.realpath(path.resolve(workspace, file))
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new InputError(
      input,
      missing
        ? `"${file}" does not exist in the workspace (${workspace}): check the path, and that the repository is checked out (actions/checkout) before this step.`
        : `"${file}" cannot be read: ${errorMessage(error)}.`
    )
  }
  const relative = path.relative(root, real)
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new InputError(
      input,
      `"${file}" is outside the workspace (${workspace})${real !== path.resolve(workspace, file) ? ' through a link' : ''}: give a path to a file checked out into the workspace.`
    )
  }
  const notAFile = new InputError(
    input,
    `"${file}" is not a file: give the Dockerfile's path.`
  )
  // Checked before opening: opening a FIFO would wait for a writer.
  if (!(await fs.stat(real)).isFile()) throw notAFile
  const handle = await fs.open(real, 'r')
  try {
    if (!(await handle.stat()).isFile()) throw notAFile
    const buffer = Buffer.alloc(MAX_DOCKERFILE_BYTES + 1)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    if (bytesRead > MAX_DOCKERFILE_BYTES) {
      throw new InputError(
        input,
        `"${file}" is larger than ${MAX_DOCKERFILE_BYTES} bytes, the most a Dockerfile may have here.`
      )
    }
    return new TextDecoder()
      .decode(buffer.subarray(0, bytesRead))
      .replace(/^\uFEFF/, '')
  } finally {
    await handle.close()
  }
}
