/**
 * Reading the file an input names: only from the workspace (a link out of
 * it is refused: the file may come from a pull request), only a regular
 * file (a FIFO would block the read), at most 1 MiB, and ARG chains that
 * double their length are stopped.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { InputError } from '../../../src/errors.js'
import {
  MAX_DOCKERFILE_BYTES,
  loadDockerfile
} from '../../../src/dockerfile/load.js'

let root: string
let workspace: string
let saved: string | undefined
const options = {
  buildArgs: new Map<string, string>(),
  platform: { os: 'linux', architecture: 'amd64' }
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'load-'))
  workspace = path.join(root, 'ws')
  fs.mkdirSync(path.join(workspace, 'dir'), { recursive: true })
  fs.writeFileSync(path.join(root, 'outside'), 'FROM alpine:3.20\n')
  fs.writeFileSync(
    path.join(workspace, 'Dockerfile'),
    '\uFEFFFROM alpine:3.20\n'
  )
  fs.symlinkSync(path.join(root, 'outside'), path.join(workspace, 'link-out'))
  fs.symlinkSync('Dockerfile', path.join(workspace, 'link-in'))
  execFileSync('mkfifo', [path.join(workspace, 'fifo')])
  fs.writeFileSync(
    path.join(workspace, 'big'),
    `FROM alpine\n${'#'.repeat(MAX_DOCKERFILE_BYTES)}\n`
  )
  // Each ARG doubles the one before: 2^30 characters if expanded.
  const doubling = ['ARG A0=xxxxxxxxxxxxxxxx']
  for (let i = 1; i <= 26; i++) doubling.push(`ARG A${i}=$A${i - 1}$A${i - 1}`)
  fs.writeFileSync(
    path.join(workspace, 'doubling'),
    `${doubling.join('\n')}\nFROM alpine:$A26\n`
  )
  saved = process.env.GITHUB_WORKSPACE
  process.env.GITHUB_WORKSPACE = workspace
})

afterAll(() => {
  if (saved === undefined) delete process.env.GITHUB_WORKSPACE
  else process.env.GITHUB_WORKSPACE = saved
  fs.rmSync(root, { recursive: true, force: true })
})

describe('loadDockerfile', () => {
  test.each([
    { file: 'Dockerfile', how: 'a relative path (a BOM is dropped)' },
    { file: './dir/../Dockerfile', how: 'a path through a folder' },
    { file: 'link-in', how: 'a link that stays in the workspace' }
  ])('reads $how', async ({ file }) => {
    const loaded = await loadDockerfile('dockerfile', file, options)
    expect(loaded.path).toBe(file)
    expect(loaded.final?.reference).toEqual({
      domain: 'docker.io',
      path: 'library/alpine',
      tag: '3.20'
    })
  })

  test('reads an absolute path inside the workspace', async () => {
    const file = path.join(workspace, 'Dockerfile')
    expect((await loadDockerfile('dockerfile', file, options)).path).toBe(file)
  })

  test.each([
    {
      file: 'link-out',
      message:
        /^Input 'dockerfile': "link-out" is outside the workspace \(.*\) through a link: give a path to a file checked out into the workspace\.$/
    },
    {
      file: '../outside',
      message: /^Input 'dockerfile': "\.\.\/outside" is outside the workspace/
    },
    {
      file: 'dir',
      message:
        /^Input 'dockerfile': "dir" is not a file: give the Dockerfile's path\.$/
    },
    { file: 'fifo', message: /^Input 'dockerfile': "fifo" is not a file/ },
    {
      file: 'big',
      message:
        /^Input 'dockerfile': "big" is larger than 1048576 bytes, the most a Dockerfile may have here\.$/
    },
    {
      file: 'doubling',
      message:
        /^Input 'dockerfile': doubling, line \d+: ARG: expands to more than 65536 characters\.$/
    },
    {
      file: 'missing',
      message: /^Input 'dockerfile': "missing" does not exist in the workspace/
    }
  ])('refuses $file', async ({ file, message }) => {
    const error = await loadDockerfile(
      'compare-to-dockerfile',
      file,
      options
    ).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(InputError)
    expect(
      (error as Error).message.replace('compare-to-dockerfile', 'dockerfile')
    ).toMatch(message)
  })
})
