/**
 * `tag-sort: docker` end to end: the action against a real Distribution
 * registry holding tags in the official images' shapes, listed through a
 * front that pages them (7 a page, `Link: rel="next"`) like Docker Hub.
 * Each row's expectation is worked out from the rules (numeric parts as
 * numbers, the suffix a compatibility class, only tags of the current
 * tag's kind, max-update), not taken from the code.
 */
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test
} from '@jest/globals'
import { buildImage, pushImage } from '../support/fixtures.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.mjs'
import { runAction } from '../support/action.js'
import { expectFailure, pathOf } from '../support/expect.js'
import { pagingFront, relativeLink } from '../support/paging.js'

const SIG = `sha256-${'c0ffee00'.repeat(8)}.sig`

/** A python-like repository: variants, precisions, a `v` spelling, a prerelease. */
const PYTHON = [
  '3',
  '3-slim',
  '3.9-slim',
  '3.10-slim',
  '3.11',
  '3.11-slim',
  '3.12',
  '3.12-slim',
  '3.12-slim-bookworm',
  '3.13-slim-bookworm',
  '3.12.7',
  '3.12.8',
  '3.12.7-slim',
  '3.12.8-slim',
  '3.13',
  '3.13-slim',
  'v3.13-slim',
  '3.13-alpine',
  '3.13.0',
  '3.13.1',
  '3.13.1-slim',
  '3.14.0rc1-slim',
  '4.0-slim',
  '4.0',
  'latest',
  'slim',
  'bookworm',
  SIG
]
/** golang-like: a suffix that carries its own version. */
const GOLANG = [
  '1.23.4-alpine3.21',
  '1.23.5-alpine3.21',
  '1.24.0-alpine3.21',
  '1.23.5-alpine3.20',
  '1.23.6-alpine3.22',
  '2.0.0-alpine3.21',
  '1.23-alpine3.21',
  '1.23.4',
  'alpine',
  'latest'
]
/** node-like: one numeric part and a variant. */
const NODE = [
  '9-alpine',
  '20-alpine',
  '22-alpine',
  '22',
  '23-alpine',
  '22.11.0-alpine3.20',
  '22-slim',
  'latest'
]
const REPOS: Record<string, string[]> = {
  'lang/python': PYTHON,
  'lang/golang': GOLANG,
  'lang/node': NODE
}
const PAGE = 7

interface Row {
  image: string
  inputs?: Record<string, string>
  tags: string[]
  newer: string[]
  latest: string
  update: string
}

// prettier-ignore
const rows: Row[] = [
  // 3.12-slim: two numeric parts and "slim"; v3.13-slim is 3.13-slim spelt
  // otherwise, ordered before the spelling in use
  { image: 'lang/python:3.12-slim', inputs: {},
    tags: ['3.9-slim', '3.10-slim', '3.11-slim', '3.12-slim', 'v3.13-slim', '3.13-slim', '4.0-slim'],
    newer: ['v3.13-slim', '3.13-slim', '4.0-slim'], latest: '4.0-slim', update: 'major' },
  { image: 'lang/python:3.12-slim', inputs: { 'max-update': 'minor' },
    tags: ['3.9-slim', '3.10-slim', '3.11-slim', '3.12-slim', 'v3.13-slim', '3.13-slim'],
    newer: ['v3.13-slim', '3.13-slim'], latest: '3.13-slim', update: 'minor' },
  { image: 'lang/python:3.12-slim', inputs: { 'max-update': 'patch' },
    tags: ['3.9-slim', '3.10-slim', '3.11-slim', '3.12-slim'],
    newer: [], latest: '3.12-slim', update: 'none' },
  // three parts: 3.12.8 is a patch, 3.13.1 a minor; the rc is a prerelease
  { image: 'lang/python:3.12.7-slim', inputs: {},
    tags: ['3.12.7-slim', '3.12.8-slim', '3.13.1-slim'],
    newer: ['3.12.8-slim', '3.13.1-slim'], latest: '3.13.1-slim', update: 'minor' },
  { image: 'lang/python:3.12.7-slim', inputs: { 'max-update': 'patch' },
    tags: ['3.12.7-slim', '3.12.8-slim'],
    newer: ['3.12.8-slim'], latest: '3.12.8-slim', update: 'patch' },
  { image: 'lang/python:3.12.7-slim', inputs: { 'include-prereleases': 'true' },
    tags: ['3.12.7-slim', '3.12.8-slim', '3.13.1-slim', '3.14.0rc1-slim'],
    newer: ['3.12.8-slim', '3.13.1-slim', '3.14.0rc1-slim'], latest: '3.14.0rc1-slim', update: 'minor' },
  { image: 'lang/python:3.12', inputs: {},
    tags: ['3.11', '3.12', '3.13', '4.0'],
    newer: ['3.13', '4.0'], latest: '4.0', update: 'major' },
  { image: 'lang/python:3', inputs: {},
    tags: ['3'], newer: [], latest: '3', update: 'none' },
  { image: 'lang/python:3.12-slim-bookworm', inputs: { 'max-update': 'minor' },
    tags: ['3.12-slim-bookworm', '3.13-slim-bookworm'],
    newer: ['3.13-slim-bookworm'], latest: '3.13-slim-bookworm', update: 'minor' },
  { image: 'lang/python:4.0-slim', inputs: {},
    tags: ['3.9-slim', '3.10-slim', '3.11-slim', '3.12-slim', 'v3.13-slim', '3.13-slim', '4.0-slim'],
    newer: [], latest: '4.0-slim', update: 'none' },
  // no version in use: every stable version; the plain tag last among equals
  { image: 'lang/python:latest', inputs: {},
    tags: ['3-slim', '3', '3.9-slim', '3.10-slim', '3.11-slim', '3.11',
      '3.12-slim', '3.12-slim-bookworm', '3.12', '3.12.7-slim', '3.12.7',
      '3.12.8-slim', '3.12.8', '3.13-alpine', '3.13-slim', 'v3.13-slim',
      '3.13-slim-bookworm', '3.13', '3.13.0', '3.13.1-slim', '3.13.1',
      '4.0-slim', '4.0'],
    newer: [], latest: '4.0', update: 'none' },
  // the suffix alpine3.21 is its own class: alpine3.20/3.22 never count
  { image: 'lang/golang:1.23.4-alpine3.21', inputs: {},
    tags: ['1.23.4-alpine3.21', '1.23.5-alpine3.21', '1.24.0-alpine3.21', '2.0.0-alpine3.21'],
    newer: ['1.23.5-alpine3.21', '1.24.0-alpine3.21', '2.0.0-alpine3.21'], latest: '2.0.0-alpine3.21', update: 'major' },
  { image: 'lang/golang:1.23.4-alpine3.21', inputs: { 'max-update': 'minor' },
    tags: ['1.23.4-alpine3.21', '1.23.5-alpine3.21', '1.24.0-alpine3.21'],
    newer: ['1.23.5-alpine3.21', '1.24.0-alpine3.21'], latest: '1.24.0-alpine3.21', update: 'minor' },
  { image: 'lang/golang:1.23.4-alpine3.21', inputs: { 'max-update': 'patch' },
    tags: ['1.23.4-alpine3.21', '1.23.5-alpine3.21'],
    newer: ['1.23.5-alpine3.21'], latest: '1.23.5-alpine3.21', update: 'patch' },
  // one part: 9 < 20 as numbers
  { image: 'lang/node:22-alpine', inputs: {},
    tags: ['9-alpine', '20-alpine', '22-alpine', '23-alpine'],
    newer: ['23-alpine'], latest: '23-alpine', update: 'major' },
  { image: 'lang/node:22-alpine', inputs: { 'max-update': 'minor' },
    tags: ['9-alpine', '20-alpine', '22-alpine'],
    newer: [], latest: '22-alpine', update: 'none' }
]

describe('tag-sort docker against a real registry', () => {
  let reg: RunningRegistry
  let proxy: FaultProxy
  const digests = new Map<string, string>()

  beforeAll(async () => {
    reg = await startRegistry()
    proxy = await startFaultProxy({ upstream: reg.url })
    for (const [repo, tags] of Object.entries(REPOS)) {
      const image = buildImage({ seed: repo, config: { Labels: { repo } } })
      const pushed = await pushImage(reg, repo, tags[0], image)
      for (const tag of tags) {
        await reg.pushManifest(repo, tag, pushed.bytes, pushed.mediaType)
      }
      digests.set(repo, pushed.digest)
    }
  })
  afterAll(async () => {
    await proxy?.close()
    await reg?.stop()
  })
  beforeEach(() => {
    proxy.reset()
    reg.resetLogs()
  })

  test.each(rows)(
    '$image $inputs',
    async ({ image, inputs, tags, newer, latest, update }) => {
      const repo = image.slice(0, image.indexOf(':'))
      const listPath = `/v2/${repo}/tags/list`
      proxy.fault(
        pagingFront(listPath, repo, {
          forcedSize: PAGE,
          next: relativeLink(listPath)
        })
      )
      const result = await runAction({
        image: `${proxy.host}/${image}`,
        'tag-sort': 'docker',
        ...inputs
      })
      expect(result.error).toBeUndefined()
      expect(JSON.parse(result.outputs.get('tags')!)).toEqual(tags)
      expect(JSON.parse(result.outputs.get('newer-tags')!)).toEqual(newer)
      expect(result.outputs.get('latest-tag')).toBe(latest)
      expect(result.outputs.get('update-type')).toBe(update)
      // latest-tag is the last candidate whenever something is newer
      if (newer.length) expect(tags.at(-1)).toBe(latest)
      // the tag in use is what was inspected
      expect(result.outputs.get('ref')).toBe(`${proxy.host}/${image}`)
      expect(result.outputs.get('digest')).toBe(digests.get(repo))
      // the summary says the same
      const current = image.slice(image.indexOf(':') + 1)
      expect(result.summary).toContain('<h2>Tags</h2>')
      expect(result.summary).toContain(
        newer.length > 0
          ? `⬆️ ${newer.length} newer of the same kind (largest update: ${update}); the newest is <code>${latest}</code>.`
          : current === 'latest'
            ? `In use: <code>latest</code>, not a docker version: nothing is compared with it. The newest is <code>${latest}</code>.`
            : `In use: <code>${current}</code>. ✅ No newer tag of the same kind.`
      )
      // the log says it too, in a group of its own
      const log = result.stdout.split('\n')
      const tagsGroup = log.indexOf('::group::Tags')
      expect(tagsGroup).toBeGreaterThanOrEqual(0)
      expect(log[tagsGroup + 1]).toMatch(
        new RegExp(
          `^${proxy.host}/${repo}: ${REPOS[repo].length} tags, ${tags.length} candidates`
        )
      )
      // every page was followed: ceil(tags / 7) listings
      const listings = proxy.requests.filter((r) => pathOf(r) === listPath)
      expect(listings).toHaveLength(Math.ceil(REPOS[repo].length / PAGE))
    }
  )

  test('include-prereleases with a prerelease in use compares with it', async () => {
    const result = await runAction({
      image: `${proxy.host}/lang/python:3.14.0rc1-slim`,
      'tag-sort': 'docker'
    })
    expect(result.error).toBeUndefined()
    // a prerelease in use lets prereleases count; 3.14.0rc1 is above them all
    expect(JSON.parse(result.outputs.get('tags')!)).toEqual([
      '3.12.7-slim',
      '3.12.8-slim',
      '3.13.1-slim',
      '3.14.0rc1-slim'
    ])
    expect(result.outputs.get('update-type')).toBe('none')
  })

  // prettier-ignore
  test.each<{ name: string; inputs: Record<string, string>; message: RegExp }>([
    { name: 'max-update on a tag that is no version', inputs: { image: 'lang/python:latest', 'tag-sort': 'docker', 'max-update': 'minor' },
      message: /^Input 'max-update': compares with the tag in use, and "latest" is not a docker version: name a version tag in 'image' \(e\.g\. python:3\.12-slim\)\.$/ },
    { name: 'max-update with a semver selector', inputs: { image: 'lang/python', tag: 'semver:^3', 'max-update': 'minor' },
      message: /^Input 'max-update': compares with the tag in use, and there is none/ },
    { name: 'tag-sort docker with a semver selector', inputs: { image: 'lang/python', tag: 'semver:^3', 'tag-sort': 'docker' },
      message: /^Input 'tag-sort': docker compares tags with the one in 'image'/ }
  ])('refuses $name before any request', async ({ inputs, message }) => {
    const result = await runAction({ ...inputs, image: `${proxy.host}/${inputs.image}` })
    expectFailure(result, message)
    expect(proxy.requests).toHaveLength(0)
  })
})
