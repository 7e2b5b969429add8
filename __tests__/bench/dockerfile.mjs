// What `dockerfile` and `tag-sort: docker` cost (issue 12), against a
// Docker-Hub-like registry (token auth, blobs on a CDN): a Dockerfile is
// read on the runner, so inspecting its base should cost what inspecting
// the image does; its digest pins are checked with one HEAD each (and a
// token per repository), alongside the inspection rather than after it;
// Docker-style tag tracking adds the tag list.
import fs from 'node:fs'
import path from 'node:path'
import {
  extraCost,
  measureCases,
  printCases,
  withBenchRegistry
} from './cases.mjs'

/** @import { Case } from './cases.mjs' */

/** Docker-style tags for the app: 4 variants × 25 versions. */
function dockerTags() {
  const tags = []
  for (let minor = 8; minor <= 12; minor++) {
    for (let patch = 0; patch < 5; patch++) {
      for (const variant of ['', '-slim', '-alpine', '-slim-bookworm']) {
        tags.push(`3.${minor}.${patch}${variant}`)
      }
    }
    for (const variant of ['', '-slim', '-alpine', '-slim-bookworm']) {
      tags.push(`3.${minor}${variant}`)
    }
  }
  return tags
}

/**
 * @param {{ bundle: string, runs: number }} options
 * @returns {Promise<import('./cases.mjs').CasesBench>}
 */
export async function dockerfileBench({ bundle, runs }) {
  return withBenchRegistry('df', async (reg, f, tmp) => {
    const app = await f.pushImage(
      reg,
      'bench/python',
      '3.12-slim',
      f.buildImage({ seed: 'bench-py', layerCount: 3 })
    )
    const tags = dockerTags()
    for (const tag of tags) {
      await reg.pushManifest('bench/python', tag, app.bytes, app.mediaType)
    }
    /** @type {string[]} */
    const pinned = []
    for (const repo of ['bench/node', 'bench/golang', 'bench/rust']) {
      const old = await f.pushImage(
        reg,
        repo,
        '1',
        f.buildImage({ seed: `${repo}-old` })
      )
      pinned.push(`${reg.host}/${repo}:1@${old.digest}`)
    }
    // One of them has moved on: its pin is stale.
    await f.pushImage(
      reg,
      'bench/rust',
      '1',
      f.buildImage({ seed: 'rust-new' })
    )
    const workspace = path.join(tmp, 'ws')
    fs.mkdirSync(workspace)
    fs.writeFileSync(
      path.join(workspace, 'Dockerfile'),
      `ARG PY=3.12\nFROM ${reg.host}/bench/python:\${PY}-slim AS app\nFROM app\n`
    )
    fs.writeFileSync(
      path.join(workspace, 'pinned.Dockerfile'),
      [
        ...pinned.map((ref, i) => `FROM ${ref} AS build${i}`),
        `FROM ${reg.host}/bench/python:3.12-slim`,
        ''
      ].join('\n')
    )
    const env = { GITHUB_WORKSPACE: workspace }
    const image = `${reg.host}/bench/python:3.12-slim`
    /** @type {Case[]} */
    const cases = [
      { name: 'image (baseline)', inputs: { image }, expect: {} },
      {
        name: 'dockerfile: the same image, from its last stage',
        inputs: { dockerfile: 'Dockerfile' },
        expect: { from: image, 'stale-pins': '[]' },
        env
      },
      {
        name: 'dockerfile with 3 digest pins (1 stale)',
        inputs: { dockerfile: 'pinned.Dockerfile' },
        expect: { from: image },
        env
      },
      {
        name: `image, tag-sort docker (${tags.length + 1} tags)`,
        inputs: { image, 'tag-sort': 'docker' },
        expect: { 'latest-tag': '3.12-slim', 'update-type': 'none' }
      },
      {
        name: 'dockerfile with 3 pins, tag-sort docker, max-update minor',
        inputs: {
          dockerfile: 'pinned.Dockerfile',
          'tag-sort': 'docker',
          'max-update': 'minor'
        },
        expect: { 'latest-tag': '3.12-slim' },
        env
      }
    ]
    return await measureCases({ reg, cases, bundle, runs, tmp })
  })
}

/** @param {Awaited<ReturnType<typeof dockerfileBench>>} bench */
export function printDockerfile(bench) {
  printCases(bench, 'Dockerfiles and Docker-style tags (issue 12)')
  const [plain, df, pins, tags, all] = bench.results
  const cost = (/** @type {import('./cases.mjs').CaseResult} */ b) =>
    extraCost(bench, plain, b)
  console.log(
    `over the image alone: dockerfile ${cost(df)}; 3 pins ${cost(pins)}; tag-sort docker ${cost(tags)}; all together ${cost(all)}`
  )
}
