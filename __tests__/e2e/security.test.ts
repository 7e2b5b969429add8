/**
 * The action against a hostile registry (support/hostile-registry.ts): every
 * field the action logs or shows is written by the attacker, carrying line
 * breaks of every kind followed by workflow commands, the legacy `##[`
 * form, terminal escapes, markdown, HTML, mentions and links. Each run is
 * the real action (real @actions/core, outputs and summary in files), and
 * each must leave the attacker nothing:
 *
 * - no line of stdout is a workflow command the attacker wrote, none holds
 *   `##[` or a control character, and no output was forged;
 * - the summary and the PR comment, rendered as GitHub would (CommonMark +
 *   GFM), keep every hostile text inside its table cell, with no link,
 *   image, heading or mention coming alive;
 * - outputs still round-trip the exact bytes.
 */
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest,
  test
} from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  buildImage,
  MediaTypes,
  type BuiltImage
} from '../support/fixtures.mjs'
import {
  HostileRegistry,
  errorBody,
  type Reply
} from '../support/hostile-registry.js'
import { runAction, type ActionRun } from '../support/action.js'
import { FakeGitHub, PR } from '../support/fake-github.js'
import { rendered, type Rendered } from '../support/render.js'
import { expectFailure, expectOk } from '../support/expect.js'

/** In every hostile string, so a test can find where it went. */
const MARK = 'PWNED'

/** What an attacker appends to any value the action might print. */
const INJECTIONS = [
  `\n::set-output name=digest::${MARK}-lf`,
  `\r::add-mask::${MARK}-cr`,
  `\r\n::error::${MARK}-crlf`,
  `\n   ::warning::${MARK}-indented`,
  `\u0085::notice::${MARK}-nel`,
  `\u2028::stop-commands::${MARK}-ls`,
  `\u2029::group::${MARK}-ps`,
  ` ##[set-output name=digest;]${MARK}-legacy`,
  `##[stop-commands]${MARK}-legacy-stop`,
  `\u001b[2J\u001b[31m${MARK}-ansi\u001b[0m`,
  `\u202e${MARK}-bidi`
].join('')

/** Markdown and HTML that would come alive outside a cell. */
const MARKUP = [
  `\r\r# ${MARK} heading\r\r`,
  `![${MARK}](https://evil.example/pixel.png)`,
  ` [${MARK} link](https://evil.example/)`,
  ` @octocat @acme/security-team`,
  ` https://evil.example/${MARK}-bare`,
  ` <img src=x onerror=alert(1)> <a href="https://evil.example">${MARK}</a>`,
  ` **${MARK}-bold** ~~${MARK}~~ #1`,
  `\n\n- [x] ${MARK}-task\n\n> ${MARK}-quote`,
  ` | ${MARK} | pipe |`,
  ` </td></tr></table><h1>${MARK}-escaped</h1>`
].join('')

const evil = (field: string): string => `${field}${INJECTIONS}${MARKUP}`
/** For fields that must stay a single token to be read at all (platforms). */
const evilWord = (field: string): string => `${field}${INJECTIONS}`

const COMMANDS_OF_OURS = new Set([
  'add-mask',
  'debug',
  'error',
  'warning',
  'notice',
  'group',
  'endgroup'
])
const HIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

/**
 * Reads stdout as the runner does (a line ends at CR, LF or CRLF): only the
 * action's own commands, none carrying the attacker's words in its name or
 * properties, no legacy `##[`, no hidden characters.
 */
function expectNoForgedCommands(stdout: string): void {
  const lines = stdout.split(/\r\n|\r|\n/)
  for (const line of lines) {
    expect(line).not.toContain('##[')
    expect(line).not.toMatch(HIDDEN)
    if (!line.trimStart().startsWith('::')) continue
    const command = /^::([A-Za-z-]+)(?: ([^:]*))?::/.exec(line)
    expect(command).not.toBeNull()
    expect(COMMANDS_OF_OURS.has(command![1])).toBe(true)
    expect(command![2] ?? '').not.toContain(MARK)
  }
}

/** Elements our own summary and comment use; anything else came alive. */
const OUR_ELEMENTS = new Set([
  'h2',
  'h3',
  'p',
  'em',
  'pre',
  'code',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'br'
])

/**
 * Every hostile text sits in a table cell (and, in a comment, in code),
 * nothing but our own elements exist, and no mention or link is live.
 */
function expectContained(view: Rendered, { inCode }: { inCode: boolean }) {
  const strangers = view.elements.filter((e) => !OUR_ELEMENTS.has(e))
  expect(strangers).toEqual([])
  const hostile = view.texts.filter(
    (t) =>
      t.text.includes(MARK) ||
      t.text.includes('evil.example') ||
      /@(?:octocat|acme)/.test(t.text)
  )
  for (const t of hostile) {
    expect({ text: t.text, inCell: t.ancestors.includes('td') }).toEqual({
      text: t.text,
      inCell: true
    })
    if (inCode) {
      expect({ text: t.text, inCode: t.ancestors.includes('code') }).toEqual({
        text: t.text,
        inCode: true
      })
    }
  }
  return hostile
}

/** Labels, env and every config field written by the attacker. */
function hostileConfig(tag: string): Record<string, unknown> {
  const labels: Record<string, string> = {
    [evil(`label-key-${tag}`)]: evil('label-value'),
    plain: evil('plain-label-value'),
    'org.opencontainers.image.title': evil('title')
  }
  return {
    User: evil('user'),
    WorkingDir: evil('workdir'),
    Entrypoint: [evil('entrypoint')],
    Cmd: [evil('cmd')],
    Env: [`${evil('ENV_NAME')}=${evil('env-value')}`, `PLAIN=${evil('x')}`],
    ExposedPorts: { [evil('80/tcp')]: {} },
    Volumes: { [evil('/data')]: {} },
    StopSignal: evil('SIGTERM'),
    Labels: labels
  }
}

const OCI_INDEX = MediaTypes.ociIndex

function indexOf(
  entries: {
    image: BuiltImage
    platform?: Record<string, string>
    annotations?: Record<string, string>
  }[]
): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: entries.map(({ image, platform, annotations }) => ({
        mediaType: image.mediaType,
        digest: image.manifestDigest,
        size: image.manifest.length,
        ...(platform ? { platform } : {}),
        ...(annotations ? { annotations } : {})
      }))
    })
  )
}

describe('a hostile registry', () => {
  let reg: HostileRegistry
  const api = new FakeGitHub()
  let tmp: string
  let prEvent: string

  beforeAll(async () => {
    reg = await HostileRegistry.start()
    await api.start()
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-hostile-'))
    prEvent = path.join(tmp, 'pull_request.json')
    fs.writeFileSync(prEvent, JSON.stringify({ pull_request: { number: PR } }))
  })
  afterAll(async () => {
    await reg?.close()
    await api.stop()
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })
  beforeEach(() => {
    reg.reset()
    api.reset()
  })

  const ref = (repo: string, tag = 'v1'): string => `${reg.host}/${repo}:${tag}`

  describe('its image config, single-platform', () => {
    const image = buildImage({
      os: evilWord('linux'),
      architecture: evilWord('amd64'),
      variant: evilWord('v1'),
      created: evil('2024-01-01T00:00:00Z'),
      author: evil('author'),
      config: hostileConfig('a'),
      seed: 'hostile-single'
    })
    const hub = {
      'ratelimit-limit': `100;w=21600 ##[error]${MARK}`,
      'ratelimit-remaining': `3;w=21600 ##[set-output name=x;]${MARK}`
    }

    it('inspects, gates and reports without letting any of it out', async () => {
      const digest = reg.image('evil/app', 'v1', image, hub)
      const result = await runAction({
        image: ref('evil/app'),
        // fails (so its actual value is printed) but only warns
        assert: [
          `label plain == nothing`,
          `user is not root`,
          'platforms include linux/amd64'
        ].join('\n'),
        'report-only': 'true'
      })
      expectOk(result)
      expectNoForgedCommands(result.stdout)
      // nothing forged the outputs; they carry the exact bytes
      expect(result.outputs.get('digest')).toBe(digest)
      expect(result.outputs.get('config')).toBe(image.config.toString('utf8'))
      const config = JSON.parse(image.config.toString('utf8'))
      expect(JSON.parse(result.outputs.get('labels')!)).toEqual(
        config.config.Labels
      )
      expect(result.outputs.get('user')).toBe(evil('user'))
      expect(result.outputs.get('os')).toBe(evilWord('linux'))
      // only the numbers of a rate limit are read
      expect(result.outputs.get('ratelimit-remaining')).toBe('3')
      expect(result.stdout).toMatch(/^::warning::Only 3 of 100 pulls are left/m)
      // the attacker's words did reach the log, shown as text
      expect(result.stdout).toContain(`::set-output name=digest::${MARK}-lf`)
      const view = rendered(result.summary)
      const hostile = expectContained(view, { inCode: false })
      expect(hostile.length).toBeGreaterThan(10)
    })

    it('in a batch (images), the table and log lines keep it in', async () => {
      reg.image('evil/app', 'v1', image)
      reg.image('evil/other', 'v2', buildImage({ seed: 'plain' }))
      const result = await runAction({
        images: `${ref('evil/app')}\n${ref('evil/other', 'v2')}\n${ref('evil/missing')}`
      })
      expect(result.failed).toBe(true)
      expectNoForgedCommands(result.stdout)
      const results = JSON.parse(result.outputs.get('results')!)
      expect(results[ref('evil/app')].user).toBe(evil('user'))
      expectContained(rendered(result.summary), { inCode: false })
    })
  })

  describe('its index', () => {
    const amd64 = buildImage({ seed: 'idx-amd64', config: hostileConfig('b') })
    const arm64 = buildImage({
      seed: 'idx-arm64',
      architecture: 'arm64',
      config: hostileConfig('c')
    })
    const annotations = {
      [evil('annotation-key')]: evil('annotation-value'),
      'vnd.docker.reference.type': evil('attestation-manifest')
    }
    const serve = (): string => {
      reg.image('evil/multi', undefined, amd64)
      reg.image('evil/multi', undefined, arm64)
      return reg.manifest(
        'evil/multi',
        'v1',
        indexOf([
          {
            image: amd64,
            platform: {
              os: 'linux',
              architecture: 'amd64',
              variant: evilWord('v2')
            },
            annotations
          },
          {
            image: arm64,
            platform: { os: evilWord('linux'), architecture: 'arm64' },
            annotations
          }
        ]),
        OCI_INDEX
      )
    }

    // prettier-ignore
    test.each<{ name: string; inputs: Record<string, string> }>([
      { name: 'the default platform (a variant chosen by fallback)', inputs: {} },
      { name: 'platform: all',                                       inputs: { platform: 'all' } }
    ])('$name: log, outputs and summary keep it in', async ({ inputs }) => {
      const digest = serve()
      const result = await runAction({ image: ref('evil/multi'), ...inputs })
      expectOk(result)
      expectNoForgedCommands(result.stdout)
      expect(result.outputs.get('digest')).toBe(digest)
      expect(result.outputs.get('platform')).toBe(`linux/amd64/${evilWord('v2').toLowerCase()}`)
      expectContained(rendered(result.summary), { inCode: false })
    })

    it('no matching platform: the error lists what is there, escaped', async () => {
      serve()
      const result = await runAction({
        image: ref('evil/multi'),
        platform: 'linux/s390x'
      })
      expectFailure(
        result,
        /has no linux\/s390x variant. Platforms available: /
      )
      // platform names are lower-cased like containerd does
      expect(result.error).toContain(MARK.toLowerCase())
      expectNoForgedCommands(result.stdout)
    })
  })

  it('its tag list: entries that are not tags are dropped before they are sorted or shown', async () => {
    const image = buildImage({ seed: 'tagged' })
    reg.image('evil/tags', '1.0.0', image)
    const hostileTags = [
      ' 9.9.9\n',
      '9.9.9\n::set-output name=digest::PWNED',
      '##[set-output name=latest-tag;]9.9.9',
      '10.0.0\r',
      `v9.9.9${INJECTIONS}`,
      'x'.repeat(129),
      '-1.0.0',
      '.hidden'
    ]
    reg.tags('evil/tags', () => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'evil/tags',
        tags: [...hostileTags, '0.9.0', '1.0.0', 42, null, { t: 1 }]
      })
    }))
    const result = await runAction({
      image: `${reg.host}/evil/tags`,
      tag: 'semver:*'
    })
    expectOk(result)
    expectNoForgedCommands(result.stdout)
    expect(result.outputs.get('latest-tag')).toBe('1.0.0')
    expect(JSON.parse(result.outputs.get('tags')!)).toEqual(['0.9.0', '1.0.0'])
    expect(result.outputs.get('ref')).toBe(ref('evil/tags', '1.0.0'))
    expect(result.stdout).toContain(
      `::warning::${reg.host}/evil/tags: the registry listed ${hostileTags.length + 3} entries that are not valid tag names; they were left out.`
    )
    expect(result.stdout).not.toContain(MARK)
  })

  it('its error codes while waiting (wait-for) and in the final failure', async () => {
    reg.on((r) =>
      r.path.includes('/manifests/')
        ? {
            status: 404,
            headers: { 'content-type': 'application/json' },
            body: errorBody(
              { code: evil('CODE'), message: evil('message') },
              { code: 'MANIFEST_UNKNOWN' }
            )
          }
        : undefined
    )
    const result = await runAction({
      image: ref('evil/later'),
      'wait-for': '1500ms'
    })
    expectFailure(result, /not found/)
    expect(result.stdout).toMatch(
      /^Waiting: .* is not there yet \(CODE\\n::set-output/m
    )
    // the hostile text is shown (escaped), or only the keyword it made
    expect(result.error).toMatch(/PWNED|::SET-OUTPUT/)
    expectNoForgedCommands(result.stdout)
  })

  // prettier-ignore
  test.each<{ name: string; reply: () => Reply; message: RegExp }>([
    { name: 'a 403 with a hostile error body', reply: () => ({ status: 403, headers: { 'content-type': 'application/json' }, body: errorBody({ code: evil('DENIED'), message: evil('go away') }) }),
      message: /pull access denied/ },
    { name: 'a 500 with an HTML body', reply: () => ({ status: 500, headers: { 'content-type': 'text/html' }, body: `<h1>${evil('oops')}</h1>` }),
      message: /answered 500/ },
    { name: 'a manifest with a hostile Content-Type', reply: () => ({ headers: { 'content-type': `application/x-${MARK} ##[error]${MARK}` }, body: '{"hello":"world"}' }),
      message: /not an image manifest \(Content-Type "application\/x-pwned ##\\x5berror\]pwned"\)/ },
    { name: 'a manifest whose Docker-Content-Digest lies, in a hostile way', reply: () => ({ headers: { 'content-type': MediaTypes.ociManifest, 'docker-content-digest': `sha256:${'a'.repeat(64)} ##[set-output name=digest;]${MARK}` }, body: '{}' }),
      message: /Docker-Content-Digest header says "sha256:a{64} ##\\x5bset-output name=digest;\]PWNED" but its bytes hash to/ },
    { name: 'a 429 asking to wait 10^20 seconds', reply: () => ({ status: 429, headers: { 'retry-after': '99999999999999999999' } }),
      message: /asks to wait a year or more, longer than the 60 s this step waits\. Retry after that time, or raise the 'max-retry-wait' input$/ },
    { name: 'a Bearer challenge whose realm is a metadata address', reply: () => ({ status: 401, headers: { 'www-authenticate': `Bearer realm="http://169.254.169.254/latest/${MARK}##[error]x",service="${MARK}"` } }),
      message: /Refusing the registry's token realm http:\/\/169\.254\.169\.254: link-local and metadata addresses are not allowed/ },
    { name: 'a challenge in a scheme nobody supports', reply: () => ({ status: 401, headers: { 'www-authenticate': `${MARK}##[error]x realm="y"` } }),
      message: /authentication scheme this action does not support/ }
  ])('$name: a clear failure, nothing let out', async ({ reply, message }) => {
    reg.on((r) => (r.path.includes('/manifests/') ? reply() : undefined))
    const result = await runAction({ image: ref('evil/app'), retries: '0' })
    expectFailure(result, message)
    expectNoForgedCommands(result.stdout)
  })

  // prettier-ignore
  test.each([
    { name: 'the instance metadata address', location: `http://169.254.169.254/latest/meta-data/${MARK}##[error]x`, message: /Refusing a redirect of the config blob to http:\/\/169\.254\.169\.254: link-local and metadata addresses are not allowed/ },
    { name: 'a javascript: URL',             location: `javascript:alert('${MARK}##[error]x')`,                     message: /Refusing a redirect of the config blob to javascript:: only https/ },
    { name: 'a URL with credentials in it',  location: `http://user:${MARK}@127.0.0.1:1/x`,                         message: /Refusing a redirect of the config blob to http:\/\/127\.0\.0\.1:1: the address carries credentials of its own/ }
  ])('a config blob redirected to $name: refused, nothing let out', async ({ location, message }) => {
    const image = buildImage({ seed: 'redirected' })
    reg.image('evil/app', 'v1', image)
    reg.on((r) => r.path.includes('/blobs/') ? { status: 307, headers: { location } } : undefined)
    const result = await runAction({ image: ref('evil/app') })
    expectFailure(result, message)
    expectNoForgedCommands(result.stdout)
    expect(result.error).not.toContain(MARK)
  })

  it('a token server answering a token with a line break in it', async () => {
    reg.on((r): Reply | undefined => {
      if (r.path === '/token') {
        return {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            token: `abc\n::set-output name=digest::${MARK}`
          })
        }
      }
      if (r.path.includes('/manifests/') && !r.headers.authorization) {
        return {
          status: 401,
          headers: {
            'www-authenticate': `Bearer realm="${reg.url}/token",service="s"`
          }
        }
      }
      return undefined
    })
    reg.image('evil/app', 'v1', buildImage({ seed: 'token' }))
    const result = await runAction({ image: ref('evil/app') })
    expectFailure(result, /answered a token that cannot be a bearer token/)
    expectNoForgedCommands(result.stdout)
    // never asked the runner to mask what the attacker chose
    expect(result.stdout).not.toContain('::add-mask::abc')
  })

  it('a token server answering a one-letter token: used, not masked (it would hide every "e" in the log)', async () => {
    reg.on((r): Reply | undefined => {
      if (r.path === '/token') {
        return {
          headers: { 'content-type': 'application/json' },
          body: '{"token":"e","refresh_token":"r"}'
        }
      }
      if (
        r.path.includes('/manifests/') &&
        r.headers.authorization !== 'Bearer e'
      ) {
        return {
          status: 401,
          headers: {
            'www-authenticate': `Bearer realm="${reg.url}/token",service="s"`
          }
        }
      }
      return undefined
    })
    const digest = reg.image(
      'evil/app',
      'v1',
      buildImage({ seed: 'short-token' })
    )
    const result = await runAction({ image: ref('evil/app') })
    expectOk(result)
    expect(result.outputs.get('digest')).toBe(digest)
    expect(result.stdout).not.toMatch(/^::add-mask::/m)
  })

  describe('its labels in a pull-request comment', () => {
    const before = buildImage({
      seed: 'c-before',
      config: { Labels: { kept: 'same', changed: 'old' } }
    })
    const after = buildImage({
      seed: 'c-after',
      config: {
        Labels: {
          kept: 'same',
          changed: evil('new'),
          [evil('added-key')]: evil('added-value'),
          long: `${MARK} @octocat `.repeat(200)
        },
        Env: [`${evil('ENV')}=${evil('env')}`]
      }
    })

    /** Compares v1 (`before`) with v2 and posts the comment; its body. */
    async function comment(
      v2: BuiltImage
    ): Promise<{ result: ActionRun; body: string }> {
      reg.image('evil/app', 'v1', before)
      reg.image('evil/app', 'v2', v2)
      let result: ActionRun | undefined
      await jest.isolateModulesAsync(async () => {
        result = await runAction(
          {
            image: ref('evil/app', 'v2'),
            'compare-to': ref('evil/app', 'v1'),
            comment: 'true',
            'github-token': 'ghs_hostileTestToken0123456789'
          },
          {
            env: {
              GITHUB_API_URL: api.url,
              GITHUB_REPOSITORY: 'owner/repo',
              GITHUB_EVENT_NAME: 'pull_request',
              GITHUB_EVENT_PATH: prEvent
            }
          }
        )
      })
      const post = api.requests.find((r) => r.method === 'POST')
      return { result: result!, body: (post?.body as { body: string }).body }
    }

    it('is one table, every value in code: no mention, link, image or heading comes alive', async () => {
      const { result, body } = await comment(after)
      expectOk(result)
      expectNoForgedCommands(result.stdout)
      const view = rendered(body)
      expect(view.elements.filter((e) => e === 'table')).toHaveLength(1)
      const hostile = expectContained(view, { inCode: true })
      expect(hostile.length).toBeGreaterThan(3)
      // long values are cut, with our note outside the code
      expect(body).toMatch(/<\/code><em>… \(\d+ more characters\)<\/em>/)
      // the summary's changes table keeps it in too
      expectContained(rendered(result.summary), { inCode: false })
    })

    it("stays under GitHub's comment size limit when there are thousands of changes", async () => {
      const many = buildImage({
        seed: 'c-many',
        config: {
          Labels: Object.fromEntries(
            Array.from({ length: 3000 }, (_, i) => [
              `k${i}`,
              `${MARK} value ${i} `.repeat(20)
            ])
          )
        }
      })
      const { result, body } = await comment(many)
      expectOk(result)
      expect(body.length).toBeLessThanOrEqual(65_536)
      expect(body).toMatch(
        /\d+ more not shown here; the step's `changes` output has them all\.$/
      )
      const view = rendered(body)
      expect(view.elements.filter((e) => e === 'table')).toHaveLength(1)
      expectContained(view, { inCode: true })
    })
  })

  describe('budgets for everything it sizes', () => {
    /** An index of `count` entries with distinct platforms, small enough for the manifest limit. */
    function bigIndex(count: number, last?: BuiltImage): Buffer {
      const manifests = Array.from({ length: count }, (_, i) => ({
        digest: `sha256:${i.toString(16).padStart(64, '0')}`,
        size: 2,
        platform: { os: 'linux', architecture: `a${i}` }
      }))
      if (last) {
        manifests.push({
          digest: last.manifestDigest,
          size: last.manifest.length,
          platform: { os: 'linux', architecture: 'amd64' }
        })
      }
      return Buffer.from(
        JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests })
      )
    }
    const manifestRequests = (): number =>
      reg.requests.filter((r) => r.path.includes('/manifests/')).length

    // prettier-ignore
    test.each<{ name: string; inputs: Record<string, string> }>([
      { name: 'the default platform', inputs: {} },
      { name: 'platform: all',        inputs: { platform: 'all' } }
    ])('a 25,000-entry index ($name) fails on the entry limit, having fetched only the index', async ({ inputs }) => {
      const index = bigIndex(25_000)
      expect(index.length).toBeLessThan(4 * 1024 * 1024)
      reg.manifest('evil/huge', 'v1', index, OCI_INDEX)
      const result = await runAction({ image: ref('evil/huge'), ...inputs })
      expectFailure(result, /lists 25000 entries; this action reads at most 10000 \(a fixed limit\)$/)
      expect(manifestRequests()).toBe(1)
    })

    it('a 9,000-entry index under the limit: the default platform is found, and only it fetched', async () => {
      const image = buildImage({ seed: 'needle' })
      reg.image('evil/huge', undefined, image)
      reg.manifest('evil/huge', 'v1', bigIndex(9_000, image), OCI_INDEX)
      const result = await runAction({ image: ref('evil/huge') })
      expectOk(result)
      expect(result.outputs.get('image-digest')).toBe(image.manifestDigest)
      expect(manifestRequests()).toBe(2)
    })

    it('platform: all over more than 64 platforms fails before fetching any of them', async () => {
      reg.manifest('evil/wide', 'v1', bigIndex(65), OCI_INDEX)
      const result = await runAction({
        image: ref('evil/wide'),
        platform: 'all'
      })
      expectFailure(
        result,
        /The image offers 65 platforms; inspecting every platform stops at 64 \(a fixed limit\)\. Set the 'platform' input to the one you need$/
      )
      expect(manifestRequests()).toBe(1)
    })

    const page = (
      tags: string[],
      next?: number,
      extra: Record<string, string> = {}
    ): Reply => ({
      headers: {
        'content-type': 'application/json',
        ...(next === undefined
          ? {}
          : { link: `</v2/evil/tags/tags/list?page=${next}>; rel="next"` }),
        ...extra
      },
      body: JSON.stringify({ name: 'evil/tags', tags })
    })

    it('an endless tag list stops at 100,000 entries with a clear message', async () => {
      reg.tags('evil/tags', (i) =>
        page(
          Array.from({ length: 1000 }, (_, j) => `${i}.${j}.0`),
          i + 1
        )
      )
      const result = await runAction({
        image: `${reg.host}/evil/tags`,
        tag: 'semver:*'
      })
      expectFailure(
        result,
        /evil\/tags has more tags than 100000 entries, the most this action reads; stopped listing \(100000 tags read\)/
      )
      expect(
        reg.requests.filter((r) => r.path.endsWith('/tags/list'))
      ).toHaveLength(101)
    })

    it('a tag list of huge pages stops at 16 MiB', async () => {
      const padding = ' '.repeat(8 * 1024 * 1024 - 100)
      reg.tags('evil/tags', (i) => ({
        headers: {
          'content-type': 'application/json',
          link: `</v2/evil/tags/tags/list?page=${i + 1}>; rel="next"`
        },
        body: `{"tags":["${i}.0.0"]${padding}}`
      }))
      const result = await runAction({
        image: `${reg.host}/evil/tags`,
        tag: 'semver:*'
      })
      expectFailure(
        result,
        /has more tags than 16 MiB of tag list, the most this action reads/
      )
      // two pages of just under 8 MiB fit; the third is one too many
      expect(
        reg.requests.filter((r) => r.path.endsWith('/tags/list'))
      ).toHaveLength(3)
    })

    it('a Link header longer than any next link is not parsed', async () => {
      reg.tags('evil/tags', () =>
        page(['1.0.0'], undefined, {
          link: `<${'/a'.repeat(5000)}>; rel="next"`
        })
      )
      const result = await runAction({
        image: `${reg.host}/evil/tags`,
        tag: 'semver:*'
      })
      expectFailure(
        result,
        /The tag list's Link header is 10\d{3} characters, more than the 8192 this action reads/
      )
    })

    // prettier-ignore
    test.each([
      { name: 'digits beyond any exact number', value: '99999999999999999999;w=21600', shown: '' },
      { name: 'a negative number',              value: '-5;w=1',                       shown: '' },
      { name: 'words',                          value: 'lots',                         shown: '' },
      { name: 'a number and junk',              value: '100;w=21600;comment="x"',      shown: '100' }
    ])('a RateLimit-Limit of $name', async ({ value, shown }) => {
      reg.image('evil/app', 'v1', buildImage({ seed: 'ratelimit' }), { 'ratelimit-limit': value, 'ratelimit-remaining': '50;w=21600' })
      const result = await runAction({ image: ref('evil/app') })
      expectOk(result)
      expect(result.outputs.get('ratelimit-limit')).toBe(shown)
    })
  })
})

/**
 * A Dockerfile is someone else's text too (`compare-to-dockerfile` is often
 * the base branch's, `dockerfile` the pull request's): whatever it holds
 * reaches the log only through the one escape point, as one line.
 */
describe('a hostile Dockerfile', () => {
  let workspace: string
  /** INJECTIONS without CR and LF: what fits in one Dockerfile line. */
  const ONE_LINE = INJECTIONS.replace(/[\r\n]/g, ' ')

  beforeAll(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-df-'))
  })
  afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }))

  // prettier-ignore
  test.each([
    { name: 'its FROM words',                text: `FROM alpine${ONE_LINE}\n`, message: /^Input 'dockerfile': Dockerfile, line 1: FROM takes an image/ },
    { name: 'an ARG default it expands',     text: `ARG X="alpine${ONE_LINE}"\nFROM $X\n`, message: /^Input 'dockerfile': Dockerfile, line 2: FROM "alpine.*" is not a valid image reference/ },
    { name: 'its stage name',                text: `FROM alpine AS x${ONE_LINE.replace(/ /g, '')}\n`, message: /^Input 'dockerfile': Dockerfile, line 1: ".*" is not a valid stage name/ },
    { name: 'its --platform',                text: `FROM --platform=linux/amd64${ONE_LINE.replace(/ /g, '')} alpine\n`, message: /^Input 'dockerfile': Dockerfile, line 1: --platform ".*" is not a platform/ },
    { name: 'lines of commands before FROM', text: `${INJECTIONS}\nFROM alpine\n`, message: /^Input 'dockerfile': Dockerfile, line \d+: .* comes before the first FROM, where only ARG may stand\.$/ }
  ])('$name: one escaped error line, no command of its own', async ({ text, message }) => {
    fs.writeFileSync(path.join(workspace, 'Dockerfile'), text)
    const result = await runAction(
      { dockerfile: 'Dockerfile' },
      { env: { GITHUB_WORKSPACE: workspace } }
    )
    expectFailure(result, message)
    // the hostile text is shown (escaped), or only the keyword it made
    expect(result.error).toMatch(/PWNED|::SET-OUTPUT/)
    expectNoForgedCommands(result.stdout)
  })
})
