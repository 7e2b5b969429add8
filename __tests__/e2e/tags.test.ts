/**
 * Tag tracking end to end: the action's real code against a real
 * Distribution registry holding ~30 tags, plus registry fronts (the fault
 * proxy) that paginate the tag list like GHCR and Docker Hub, misbehave in
 * their Link headers, or answer HEAD badly.
 *
 * Distribution 2.8 itself ignores `n` and `last` on /tags/list and sends no
 * Link header (checked below), so pagination is exercised through fronts
 * that page the real registry's list.
 */
import http from 'node:http'
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  test
} from '@jest/globals'
import {
  buildImage,
  pushImage,
  type BuiltImage,
  type Pushed
} from '../support/fixtures.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import {
  fixed,
  startFaultProxy,
  type FaultProxy,
  type FaultRule
} from '../support/fault-proxy.mjs'
import { runAction } from '../support/action.js'
import {
  pagingFront,
  relativeLink,
  type NextLink,
  type PagingOptions
} from '../support/paging.js'
import { RegistryClient } from '../../src/registry/client.js'
import { RegistryError } from '../../src/registry/errors.js'
import { Transport } from '../../src/registry/transport.js'
import { expectFailure, pathOf } from '../support/expect.js'

const REPO = 'team/tags'
const HEX = 'c0ffee00'.repeat(8)
const ARTIFACTS = [
  `sha256-${HEX}.sig`,
  `sha256-${HEX}.att`,
  `sha256-${HEX}.sbom`
]
/** Tags that get their own image (distinct digests); `latest` is 2.1.0's. */
const DISTINCT = ['1.10.0', '1.11.0-rc.1', '2.1.0', '3.0.0-beta.1']
/** Tags that all point at one common image. */
const COMMON = [
  'main',
  'stable',
  'edge',
  'Nightly',
  '1.2',
  '1',
  'v1',
  '2.1',
  'v1.2',
  '0.1.0',
  '0.9.0',
  '1.0.0-alpha',
  '1.0.0-beta.2',
  '1.0.0-rc.1',
  '1.0.0',
  'v1.0.0',
  '1.0.1',
  'v1.1.0',
  '1.2.0',
  '1.9.0',
  '2.0.0',
  'v2.0.1',
  ...ARTIFACTS
]
const ALL_TAGS = [...DISTINCT, 'latest', ...COMMON]

/** Releases, semver ascending (v1.0.0 after its equal 1.0.0). */
const STABLE = [
  '0.1.0',
  '0.9.0',
  '1.0.0',
  'v1.0.0',
  '1.0.1',
  'v1.1.0',
  '1.2.0',
  '1.9.0',
  '1.10.0',
  '2.0.0',
  'v2.0.1',
  '2.1.0'
]
const WITH_PRERELEASES = [
  '0.1.0',
  '0.9.0',
  '1.0.0-alpha',
  '1.0.0-beta.2',
  '1.0.0-rc.1',
  '1.0.0',
  'v1.0.0',
  '1.0.1',
  'v1.1.0',
  '1.2.0',
  '1.9.0',
  '1.10.0',
  '1.11.0-rc.1',
  '2.0.0',
  'v2.0.1',
  '2.1.0',
  '3.0.0-beta.1'
]
/** Every tag but the artifacts, by UTF-16 code units. */
const LEXICAL = [
  '0.1.0',
  '0.9.0',
  '1',
  '1.0.0',
  '1.0.0-alpha',
  '1.0.0-beta.2',
  '1.0.0-rc.1',
  '1.0.1',
  '1.10.0',
  '1.11.0-rc.1',
  '1.2',
  '1.2.0',
  '1.9.0',
  '2.0.0',
  '2.1',
  '2.1.0',
  '3.0.0-beta.1',
  'Nightly',
  'edge',
  'latest',
  'main',
  'stable',
  'v1',
  'v1.0.0',
  'v1.1.0',
  'v1.2',
  'v2.0.1'
]
/** The outputs of an unchanged previous-digest run without tag outputs. */
const UNCHANGED_OUTPUTS = ['ref', 'digest', 'changed']

const tagListPath = `/v2/${REPO}/tags/list`

const paging = (options: PagingOptions): FaultRule =>
  pagingFront(tagListPath, REPO, options)
const relative = relativeLink(tagListPath)
const absolute =
  (origin: () => string): NextLink =>
  (page) =>
    `${origin()}${relative(page)}`

/** The URLs a client following `relative` links asks for, page by page. */
function expectedPageUrls(sorted: string[], n: number): string[] {
  const urls = [`${tagListPath}?n=${n}`]
  for (let i = n; i < sorted.length; i += n) {
    urls.push(`${tagListPath}?last=${encodeURIComponent(sorted[i - 1])}&n=${n}`)
  }
  return urls
}

describe('tag tracking against a real registry', () => {
  let reg: RunningRegistry
  let proxy: FaultProxy
  let common: Pushed
  const digests = new Map<string, string>()
  const images = new Map<string, BuiltImage>()

  beforeAll(async () => {
    reg = await startRegistry()
    proxy = await startFaultProxy({ upstream: reg.url })
    const base = buildImage({ config: { Labels: { which: 'common' } } })
    common = await pushImage(reg, REPO, COMMON[0], base)
    for (const tag of COMMON) {
      digests.set(
        tag,
        await reg.pushManifest(REPO, tag, common.bytes, common.mediaType)
      )
    }
    for (const tag of DISTINCT) {
      const image = buildImage({
        seed: tag,
        config: { Labels: { which: tag } }
      })
      images.set(tag, image)
      digests.set(tag, (await pushImage(reg, REPO, tag, image)).digest)
    }
    const newest = images.get('2.1.0')!
    digests.set(
      'latest',
      await reg.pushManifest(REPO, 'latest', newest.manifest, newest.mediaType)
    )
  })
  afterAll(async () => {
    await proxy?.close()
    await reg?.stop()
  })
  beforeEach(() => {
    proxy.reset()
    reg.resetLogs()
  })

  it('holds the tags pushed; Distribution ignores n and last and sends no Link', async () => {
    expect(ALL_TAGS).toHaveLength(30)
    expect(new Set(digests.values()).size).toBe(1 + DISTINCT.length)
    expect(digests.get('latest')).toBe(digests.get('2.1.0'))
    for (const query of ['', '?n=7', '?n=7&last=1.0.0']) {
      const response = await fetch(`${reg.url}${tagListPath}${query}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('link')).toBeNull()
      const body = (await response.json()) as { tags: string[] }
      expect([...body.tags].sort()).toEqual([...ALL_TAGS].sort())
    }
  })

  describe('listing and selecting through the action', () => {
    interface SelectRow {
      name: string
      inputs: Record<string, string>
      /** The `tags` output. */
      tags: string[]
      /** The `latest-tag` output. */
      latest: string
      /** The tag the action inspects. */
      inspected: string
    }

    // prettier-ignore
    test.each<SelectRow>([
      { name: 'list-tags (inspects latest)',           inputs: { 'list-tags': 'true' },                                tags: STABLE,                                         latest: '2.1.0',        inspected: 'latest' },
      { name: 'tag-sort lexical',                      inputs: { 'list-tags': 'true', 'tag-sort': 'lexical' },         tags: LEXICAL,                                        latest: 'v2.0.1',       inspected: 'latest' },
      { name: 'tag-sort LEXICAL (case-insensitive)',   inputs: { 'list-tags': 'true', 'tag-sort': 'LEXICAL' },         tags: LEXICAL,                                        latest: 'v2.0.1',       inspected: 'latest' },
      { name: 'tag-pattern ^1\\. (implies list-tags)', inputs: { 'tag-pattern': '^1\\.' },                             tags: ['1.0.0', '1.0.1', '1.2.0', '1.9.0', '1.10.0'], latest: '1.10.0',       inspected: 'latest' },
      { name: 'include-prereleases',                   inputs: { 'list-tags': 'true', 'include-prereleases': 'true' }, tags: WITH_PRERELEASES,                               latest: '3.0.0-beta.1', inspected: 'latest' },
      { name: 'semver:^1',                             inputs: { tag: 'semver:^1' },                                   tags: STABLE.filter((t) => /^v?1\./.test(t)),        latest: '1.10.0',       inspected: '1.10.0' },
      { name: 'semver:*',                              inputs: { tag: 'semver:*' },                                    tags: STABLE,                                         latest: '2.1.0',        inspected: '2.1.0' },
      { name: 'semver: (empty range means *)',         inputs: { tag: 'semver:' },                                     tags: STABLE,                                         latest: '2.1.0',        inspected: '2.1.0' },
      { name: 'semver:>=2 <3',                         inputs: { tag: 'semver:>=2 <3' },                               tags: ['2.0.0', 'v2.0.1', '2.1.0'],                   latest: '2.1.0',        inspected: '2.1.0' },
      // a range orders by semver, so the candidates are in semver order
      { name: 'semver:~1.0 with tag-sort lexical',     inputs: { tag: 'semver:~1.0', 'tag-sort': 'lexical' },          tags: ['1.0.0', 'v1.0.0', '1.0.1'],                   latest: '1.0.1',        inspected: '1.0.1' },
      // with prereleases, ^1 is >=1.0.0-0 <2.0.0-0: 1.0.0's prereleases count
      { name: 'semver:^1 with include-prereleases',    inputs: { tag: 'semver:^1', 'include-prereleases': 'true' },    tags: WITH_PRERELEASES.slice(2, 13),                  latest: '1.11.0-rc.1',  inspected: '1.11.0-rc.1' },
      { name: 'semver:* with include-prereleases',     inputs: { tag: 'semver:*', 'include-prereleases': 'true' },     tags: WITH_PRERELEASES,                               latest: '3.0.0-beta.1', inspected: '3.0.0-beta.1' },
      { name: 'semver:>=1.1 <2 with tag-pattern ^v',   inputs: { tag: 'semver:>=1.1 <2', 'tag-pattern': '^v' },        tags: ['v1.1.0'],                                     latest: 'v1.1.0',       inspected: 'v1.1.0' }
    ])('$name', async ({ inputs, tags, latest, inspected }) => {
      const result = await runAction({ image: `${reg.host}/${REPO}`, ...inputs })
      expect(result.error).toBeUndefined()
      expect(result.failed).toBe(false)
      expect(JSON.parse(result.outputs.get('tags')!)).toEqual(tags)
      expect(result.outputs.get('latest-tag')).toBe(latest)
      expect(result.outputs.get('ref')).toBe(`${reg.host}/${REPO}:${inspected}`)
      expect(result.outputs.get('digest')).toBe(digests.get(inspected))
      expect(result.outputs.get('changed')).toBeUndefined()
      // one listing, then the inspection of the chosen tag
      const lists = reg.requests.filter((r) => pathOf(r) === tagListPath)
      expect(lists.map((r) => `${r.method} ${r.url}`)).toEqual([
        `GET ${tagListPath}?n=1000`
      ])
      expect(
        reg.requests
          .filter((r) => pathOf(r).includes('/manifests/'))
          .map((r) => `${r.method} ${pathOf(r)}`)
      ).toEqual([`GET /v2/${REPO}/manifests/${inspected}`])
    })

    it('inspects the chosen tag fully (its own config)', async () => {
      const result = await runAction({
        image: `${reg.host}/${REPO}`,
        tag: 'semver:^1'
      })
      expect(result.outputs.get('config-digest')).toBe(
        images.get('1.10.0')!.configDigest
      )
      expect(result.outputs.get('labels')).toBe('{"which":"1.10.0"}')
    })

    it('leaves artifact tags out even when the pattern asks for them', async () => {
      const result = await runAction({
        image: `${reg.host}/${REPO}`,
        'tag-pattern': '^sha256-',
        'tag-sort': 'lexical'
      })
      expect(result.failed).toBe(false)
      expect(result.outputs.get('tags')).toBe('[]')
      expect(result.outputs.get('latest-tag')).toBe('')
    })

    it('fails naming the range and the tag count when no tag is in range', async () => {
      const result = await runAction({
        image: `${reg.host}/${REPO}`,
        tag: 'semver:^9'
      })
      expectFailure(
        result,
        /^No tag of 127\.0\.0\.1:\d+\/team\/tags satisfies semver:\^9 \(30 tags listed; newest matching any version: 2\.1\.0\)\.$/
      )
      expect(
        reg.requests.filter((r) => pathOf(r).includes('/manifests/'))
      ).toHaveLength(0)
    })

    it('mentions the tag-pattern when it took part', async () => {
      const result = await runAction({
        image: `${reg.host}/${REPO}`,
        tag: 'semver:^2',
        'tag-pattern': '^1\\.'
      })
      expectFailure(
        result,
        /satisfies semver:\^2 and the tag-pattern \(30 tags listed; newest matching any version: 1\.10\.0\)/
      )
    })

    it('says the repository does not exist when listing an unknown one', async () => {
      const result = await runAction({
        image: `${reg.host}/team/nothing`,
        'list-tags': 'true'
      })
      expectFailure(
        result,
        /repository 127\.0\.0\.1:\d+\/team\/nothing does not exist/
      )
      expect(result.error).not.toMatch(/damaged|garbage-collected/)
    })

    // prettier-ignore
    test.each<{ name: string; inputs: Record<string, string>; message: RegExp }>([
      { name: 'an image with its own tag and a semver selector', inputs: { image: 'HOST/team/tags:1.0.0', tag: 'semver:^1' },                              message: /^Input 'tag': a semver selector picks the tag, so 'image' must not name one \("127\.0\.0\.1:\d+\/team\/tags:1\.0\.0"\)\.$/ },
      { name: 'an image with a digest and a semver selector',    inputs: { image: `HOST/team/tags@sha256:${'a'.repeat(64)}`, tag: 'semver:*' },            message: /^Input 'tag': a semver selector picks the tag, so 'image' must not name one/ },
      { name: 'an invalid semver range',                         inputs: { image: 'HOST/team/tags', tag: 'semver:not-a-range' },                           message: /^Input 'tag': "not-a-range" is not a semver range: write e\.g\. semver:\^3/ },
      { name: 'a four-part version as range',                    inputs: { image: 'HOST/team/tags', tag: 'semver:1.2.3.4' },                               message: /^Input 'tag': "1\.2\.3\.4" is not a semver range/ },
      { name: 'a backreference in tag-pattern (not RE2)',        inputs: { image: 'HOST/team/tags', 'tag-pattern': '^(1)\\.\\1' },                         message: /^Input 'tag-pattern': the regular expression does not compile .*RE2 syntax/ },
      { name: 'a lookbehind in tag-pattern (not RE2)',           inputs: { image: 'HOST/team/tags', 'tag-pattern': '(?<=v)1' },                            message: /^Input 'tag-pattern': the regular expression does not compile/ },
      { name: 'an unbalanced tag-pattern',                       inputs: { image: 'HOST/team/tags', tag: 'semver:*', 'tag-pattern': '^(1' },               message: /^Input 'tag-pattern': the regular expression does not compile/ },
      { name: 'an unknown tag-sort',                             inputs: { image: 'HOST/team/tags', 'list-tags': 'true', 'tag-sort': 'newest' },           message: /^Input 'tag-sort': "newest" is not a sort order: write semver, docker \(Docker-style tags such as 3\.12-slim\) or lexical\.$/ },
      { name: 'a non-boolean list-tags',                         inputs: { image: 'HOST/team/tags', 'list-tags': 'sure' },                                 message: /^Input 'list-tags': "sure" is not a boolean/ },
      { name: 'a non-boolean include-prereleases',               inputs: { image: 'HOST/team/tags', 'list-tags': 'true', 'include-prereleases': 'maybe' }, message: /^Input 'include-prereleases': "maybe" is not a boolean/ },
      { name: 'a short previous-digest',                         inputs: { image: 'HOST/team/tags:2.1.0', 'previous-digest': 'sha256:abc' },               message: /^Input 'previous-digest': digest "sha256:abc" is not valid/ },
      { name: 'a tag as previous-digest',                        inputs: { image: 'HOST/team/tags:2.1.0', 'previous-digest': 'latest' },                   message: /^Input 'previous-digest': digest "latest" is not valid/ },
      { name: 'an uppercase previous-digest',                    inputs: { image: 'HOST/team/tags:2.1.0', 'previous-digest': `sha256:${'A'.repeat(64)}` }, message: /^Input 'previous-digest': / }
    ])('rejects $name before any request', async ({ inputs, message }) => {
      const withHost = Object.fromEntries(
        Object.entries(inputs).map(([k, v]) => [k, v.replace('HOST', reg.host)])
      )
      const result = await runAction(withHost)
      expectFailure(result, message)
      expect(reg.requests).toHaveLength(0)
    })
  })

  describe('listing through the client', () => {
    let transport: Transport
    let client: RegistryClient
    let other: http.Server
    let otherUrl: string
    let otherRequests: string[]

    beforeAll(async () => {
      otherRequests = []
      other = http.createServer((req, res) => {
        otherRequests.push(`${req.method} ${req.url}`)
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ name: REPO, tags: ['9.9.9'] }))
      })
      await new Promise<void>((resolve) =>
        other.listen(0, '127.0.0.1', resolve)
      )
      otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}`
    })
    afterAll(async () => {
      await new Promise<void>((resolve) => other.close(() => resolve()))
    })
    beforeEach(() => {
      otherRequests.length = 0
      transport = new Transport({ retry: { retries: 0 } })
      client = new RegistryClient({ domain: proxy.host, transport })
    })
    afterEach(() => {
      client.dispose()
      transport.dispose()
    })

    const listed = (): string[] =>
      proxy.requests.filter((r) => pathOf(r) === tagListPath).map((r) => r.url)

    async function listError(
      options: { pageSize?: number; maxPages?: number } = {}
    ): Promise<RegistryError> {
      try {
        await client.listTags(REPO, options)
      } catch (error) {
        if (error instanceof RegistryError) return error
        throw error
      }
      throw new Error('listed without error')
    }

    it('reads the real registry in one request (it sends everything, no Link)', async () => {
      const direct = new RegistryClient({ domain: reg.host, transport })
      const { tags } = await direct.listTags(REPO, { pageSize: 7 })
      expect([...tags].sort()).toEqual([...ALL_TAGS].sort())
      expect(reg.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        `GET ${tagListPath}?n=7`
      ])
    })

    // prettier-ignore
    test.each<{ name: string; options: () => PagingOptions }>([
      { name: 'relative Link (GHCR, Docker Hub)', options: () => ({ next: relative }) },
      { name: 'absolute Link on the same origin', options: () => ({ next: absolute(() => proxy.url) }) }
    ])('follows a $name page by page, each page once', async ({ options }) => {
      proxy.fault(paging(options()))
      const { tags } = await client.listTags(REPO, { pageSize: 7 })
      const sorted = [...ALL_TAGS].sort()
      expect(tags).toEqual(sorted)
      const urls = listed()
      expect(urls).toEqual(expectedPageUrls(sorted, 7))
      expect(urls).toHaveLength(5)
      expect(new Set(urls).size).toBe(urls.length)
    })

    it('asks for 1000 tags a page by default', async () => {
      proxy.fault(paging({ next: relative }))
      expect((await client.listTags(REPO)).tags).toHaveLength(30)
      expect(listed()).toEqual([`${tagListPath}?n=1000`])
    })

    it('follows a front that pages by its own size, ignoring n', async () => {
      proxy.fault(paging({ forcedSize: 4, next: relative }))
      const { tags } = await client.listTags(REPO, { pageSize: 7 })
      expect(tags).toEqual([...ALL_TAGS].sort())
      expect(listed()).toHaveLength(8)
    })

    it('refuses a Link to another host, without asking it', async () => {
      proxy.fault(paging({ next: absolute(() => otherUrl) }))
      const error = await listError({ pageSize: 7 })
      expect(error.kind).toBe('security')
      expect(error.message).toMatch(
        /^The tag list points its next page at another host \(http:\/\/127\.0\.0\.1:\d+\/v2\/team\/tags\/tags\/list\?…\); refusing to follow$/
      )
      expect(otherRequests).toEqual([])
      expect(listed()).toHaveLength(1)
    })

    // prettier-ignore
    test.each<{ name: string; next: NextLink }>([
      { name: 'back to the first page',  next: ({ firstUrl }) => firstUrl },
      { name: 'back to the page before', next: (page) => page.index >= 2 ? page.pageUrls[page.index - 1] : relative(page) },
      { name: 'to itself',               next: (page) => page.pageUrls[page.index] }
    ])('stops when the Link loops $name', async ({ next }) => {
      proxy.fault(paging({ next }))
      const error = await listError({ pageSize: 7 })
      expect(error.kind).toBe('protocol')
      expect(error.message).toMatch(
        /^The registry's tag pagination loops back to a page already read \(http:\/\/127\.0\.0\.1:\d+\/v2\/team\/tags\/tags\/list\?/
      )
      expect(new Set(listed()).size).toBe(listed().length)
    })

    it('stops after maxPages with a clear error', async () => {
      proxy.fault(paging({ next: relative }))
      const error = await listError({ pageSize: 7, maxPages: 4 })
      expect(error.kind).toBe('too-large')
      expect(error.message).toBe(
        'team/tags has more tags than 4 pages of 7, the most this action reads; stopped listing (28 tags read)'
      )
      expect(listed()).toHaveLength(4)
    })

    it('reads exactly maxPages pages when that is all there is', async () => {
      proxy.fault(paging({ next: relative }))
      expect(
        (await client.listTags(REPO, { pageSize: 7, maxPages: 5 })).tags
      ).toHaveLength(30)
      expect(listed()).toHaveLength(5)
    })

    it('ignores Link relations other than next', async () => {
      proxy.fault({
        method: 'GET',
        path: tagListPath,
        rewrite: (u) => ({
          ...u,
          headers: { ...u.headers, link: `<${tagListPath}?n=1>; rel="prev"` }
        })
      })
      expect((await client.listTags(REPO)).tags).toHaveLength(30)
      expect(listed()).toHaveLength(1)
    })

    it('reports an unreadable tag list', async () => {
      proxy.fault({
        method: 'GET',
        path: tagListPath,
        reply: fixed({ status: 200, body: '{"tags": [' })
      })
      const error = await listError()
      expect(error.message).toBe('The tag list is not valid JSON')
    })
  })

  describe('pagination through the action', () => {
    /** Reverses and interleaves: neither sorted nor push order. */
    const scrambled = (tags: string[]): string[] => {
      const rev = [...tags].sort().reverse()
      return [
        ...rev.filter((_, i) => i % 2 === 1),
        ...rev.filter((_, i) => i % 2 === 0)
      ]
    }

    // prettier-ignore
    test.each<{ name: string; options: () => PagingOptions; pages: number }>([
      { name: 'relative links, 5 a page (Docker Hub style)', options: () => ({ forcedSize: 5, next: relative }),                   pages: 6 },
      { name: 'absolute links, 8 a page',                    options: () => ({ forcedSize: 8, next: absolute(() => proxy.url) }),  pages: 4 },
      { name: 'unsorted pages',                              options: () => ({ forcedSize: 6, order: scrambled, next: relative }), pages: 5 },
      { name: 'everything in one page, no Link',             options: () => ({ next: relative }),                                  pages: 1 }
    ])('lists every tag, sorted: $name', async ({ options, pages }) => {
      proxy.fault(paging(options()))
      const result = await runAction({
        image: `${proxy.host}/${REPO}`,
        tag: 'semver:*',
        'include-prereleases': 'true'
      })
      expect(result.error).toBeUndefined()
      expect(JSON.parse(result.outputs.get('tags')!)).toEqual(WITH_PRERELEASES)
      expect(result.outputs.get('latest-tag')).toBe('3.0.0-beta.1')
      expect(result.outputs.get('digest')).toBe(digests.get('3.0.0-beta.1'))
      expect(
        proxy.requests.filter((r) => pathOf(r) === tagListPath)
      ).toHaveLength(pages)
    })

    it('fails clearly on a Link to another host', async () => {
      proxy.fault(
        paging({ forcedSize: 5, next: absolute(() => 'http://127.0.0.2:9') })
      )
      const result = await runAction({
        image: `${proxy.host}/${REPO}`,
        'list-tags': 'true'
      })
      expectFailure(
        result,
        /next page at another host \(http:\/\/127\.0\.0\.2:9\/v2\/team\/tags\/tags\/list\?…\); refusing to follow/
      )
    })
  })

  describe('previous-digest', () => {
    const manifestRequests = (
      log: { method: string; url: string }[]
    ): string[] =>
      log
        .filter((r) => pathOf(r).includes('/manifests/'))
        .map((r) => `${r.method} ${pathOf(r)}`)
    const blobRequests = (log: { url: string }[]): number =>
      log.filter((r) => pathOf(r).includes('/blobs/')).length

    it('unchanged: one HEAD, nothing else fetched, only ref/digest/changed', async () => {
      const result = await runAction({
        image: `${reg.host}/${REPO}:2.1.0`,
        'previous-digest': digests.get('2.1.0')!
      })
      expect(result.failed).toBe(false)
      expect(Object.fromEntries(result.outputs)).toEqual({
        ref: `${reg.host}/${REPO}:2.1.0`,
        digest: digests.get('2.1.0'),
        changed: 'false'
      })
      expect([...result.outputs.keys()]).toEqual(UNCHANGED_OUTPUTS)
      expect(reg.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        `HEAD /v2/${REPO}/manifests/2.1.0`
      ])
      expect(result.summary).toContain('is unchanged')
    })

    it('unchanged with a semver selector: tag outputs too, HEAD of the chosen tag', async () => {
      const result = await runAction({
        image: `${reg.host}/${REPO}`,
        tag: 'semver:^1',
        'previous-digest': digests.get('1.10.0')!
      })
      expect(result.failed).toBe(false)
      expect([...result.outputs.keys()]).toEqual([
        ...UNCHANGED_OUTPUTS,
        'tags',
        'latest-tag',
        'newer-tags',
        'update-type'
      ])
      expect(result.outputs.get('ref')).toBe(`${reg.host}/${REPO}:1.10.0`)
      expect(result.outputs.get('changed')).toBe('false')
      expect(result.outputs.get('latest-tag')).toBe('1.10.0')
      expect(JSON.parse(result.outputs.get('tags')!)).toEqual(
        STABLE.filter((t) => /^v?1\./.test(t))
      )
      // the range picked the tag: nothing in use to be newer than
      expect(result.outputs.get('newer-tags')).toBe('[]')
      expect(result.outputs.get('update-type')).toBe('none')
      expect(manifestRequests(reg.requests)).toEqual([
        `HEAD /v2/${REPO}/manifests/1.10.0`
      ])
      expect(blobRequests(reg.requests)).toBe(0)
    })

    it('changed: full inspection of exactly what the HEAD saw, fetched by digest', async () => {
      const old = digests.get('2.0.0')!
      const result = await runAction({
        image: `${reg.host}/${REPO}:2.1.0`,
        'previous-digest': old
      })
      expect(result.failed).toBe(false)
      const image = images.get('2.1.0')!
      expect(result.outputs.get('changed')).toBe('true')
      expect(result.outputs.get('digest')).toBe(digests.get('2.1.0'))
      expect(result.outputs.get('config-digest')).toBe(image.configDigest)
      expect(result.outputs.get('config')).toBe(image.config.toString('utf8'))
      expect(result.outputs.get('labels')).toBe('{"which":"2.1.0"}')
      for (const name of [
        'image-digest',
        'media-type',
        'platform',
        'env',
        'assertions',
        'passed'
      ]) {
        expect(result.outputs.has(name)).toBe(true)
      }
      expect(manifestRequests(reg.requests)).toEqual([
        `HEAD /v2/${REPO}/manifests/2.1.0`,
        `GET /v2/${REPO}/manifests/${digests.get('2.1.0')}`
      ])
      expect(blobRequests(reg.requests)).toBe(1)
    })

    it('fails clearly on a tag that does not exist', async () => {
      const result = await runAction({
        image: `${reg.host}/${REPO}:9.9.9`,
        'previous-digest': digests.get('2.1.0')!
      })
      expectFailure(
        result,
        /tag "9\.9\.9" not found in 127\.0\.0\.1:\d+\/team\/tags/
      )
    })

    const headOnly = (r: { method?: string }): boolean => r.method === 'HEAD'
    // prettier-ignore
    test.each<{ name: string; rule: () => FaultRule }>([
      { name: 'HEAD answered 405',                           rule: () => ({ method: 'HEAD', path: /\/manifests\//, reply: fixed({ status: 405, headers: { allow: 'GET' } }) }) },
      { name: 'HEAD without Docker-Content-Digest',          rule: () => ({ method: 'HEAD', path: /\/manifests\//, rewrite: (u) => { const headers = { ...u.headers }; delete headers['docker-content-digest']; return { ...u, headers } } }) },
      { name: 'HEAD with a malformed Docker-Content-Digest', rule: () => ({ method: 'HEAD', path: /\/manifests\//, rewrite: (u) => ({ ...u, headers: { ...u.headers, 'docker-content-digest': 'sha256:xyz' } }) }) }
    ])('$name: falls back to GET', async ({ rule }) => {
      proxy.fault(rule())
      const current = digests.get('2.1.0')!
      const unchanged = await runAction({
        image: `${proxy.host}/${REPO}:2.1.0`,
        'previous-digest': current
      })
      expect(unchanged.error).toBeUndefined()
      expect(Object.fromEntries(unchanged.outputs)).toEqual({
        ref: `${proxy.host}/${REPO}:2.1.0`,
        digest: current,
        changed: 'false'
      })
      expect(manifestRequests(proxy.requests)).toEqual([
        `HEAD /v2/${REPO}/manifests/2.1.0`,
        `GET /v2/${REPO}/manifests/2.1.0`
      ])
      expect(blobRequests(proxy.requests)).toBe(0)
      expect(proxy.requests.filter(headOnly)).toHaveLength(1)

      proxy.reset()
      proxy.fault(rule())
      const changed = await runAction({
        image: `${proxy.host}/${REPO}:2.1.0`,
        'previous-digest': digests.get('2.0.0')!
      })
      expect(changed.error).toBeUndefined()
      expect(changed.outputs.get('changed')).toBe('true')
      expect(changed.outputs.get('digest')).toBe(current)
      expect(changed.outputs.get('config-digest')).toBe(
        images.get('2.1.0')!.configDigest
      )
    })
  })
})
