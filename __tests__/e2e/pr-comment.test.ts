/**
 * The pull-request comment, end to end: the action's real code, the REAL
 * @actions/github client (octokit, its fetch and pagination) and a local
 * node:http server standing in for the GitHub REST API.
 *
 * @actions/github reads GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and
 * GITHUB_API_URL once, when the module is first evaluated (`context` and the
 * octokit `baseUrl` are module-level constants). main.ts loads it with a
 * dynamic import at comment time, but jest caches that module for the whole
 * test file, so a second run with another event would see the first run's
 * context. Each run therefore happens inside jest.isolateModulesAsync: the
 * dynamic import made during the run resolves in a fresh module registry and
 * evaluates @actions/github again with the run's environment (the 'push' case
 * after a 'pull_request' case proves it). Everything stays in one process, so
 * the in-process registry harness keeps serving.
 */
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildImage, pushImage, type Pushed } from '../support/fixtures.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import { runAction, type ActionRun } from '../support/action.js'
import { FakeGitHub, PR } from '../support/fake-github.js'

const TOKEN = 'ghs_fakeTokenForTests0123456789abcdef'
const MARKER = '<!-- remote-image-inspect:changes -->'

describe('pull-request comment against a fake GitHub API', () => {
  const api = new FakeGitHub()
  let reg: RunningRegistry
  let before: Pushed
  let after: Pushed
  let beforeConfig: string
  let afterConfig: string
  let tmp: string
  let prEvent: string
  let pushEvent: string

  beforeAll(async () => {
    await api.start()
    reg = await startRegistry()
    const v1 = buildImage({
      seed: 'v1',
      config: { User: 'app', Labels: { a: '1' } }
    })
    const v2 = buildImage({
      seed: 'v2',
      config: { User: '', Labels: { a: '2', 'b|c': '<x> | y' } }
    })
    before = await pushImage(reg, 'team/app', 'v1', v1)
    after = await pushImage(reg, 'team/app', 'v2', v2)
    beforeConfig = v1.configDigest
    afterConfig = v2.configDigest
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-pr-'))
    prEvent = path.join(tmp, 'pull_request.json')
    fs.writeFileSync(prEvent, JSON.stringify({ pull_request: { number: PR } }))
    pushEvent = path.join(tmp, 'push.json')
    fs.writeFileSync(pushEvent, JSON.stringify({ ref: 'refs/heads/main' }))
  })
  afterAll(async () => {
    await api.stop()
    await reg?.stop()
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })
  beforeEach(() => api.reset())

  function inputs(extra: Record<string, string> = {}): Record<string, string> {
    return {
      image: `${reg.host}/team/app:v2`,
      'compare-to': `${reg.host}/team/app:v1`,
      comment: 'true',
      'github-token': TOKEN,
      ...extra
    }
  }

  /** runAction with a fresh @actions/github, reading this run's env. */
  async function run(
    input: Record<string, string>,
    event = 'pull_request',
    eventPath = prEvent
  ): Promise<ActionRun> {
    let result: ActionRun | undefined
    await jest.isolateModulesAsync(async () => {
      result = await runAction(input, {
        env: {
          GITHUB_API_URL: api.url,
          GITHUB_REPOSITORY: 'owner/repo',
          GITHUB_EVENT_NAME: event,
          GITHUB_EVENT_PATH: eventPath
        }
      })
    })
    return result!
  }

  function expectedBody(): string {
    const none = '<em>(none)</em>'
    const empty = '<em>(empty)</em>'
    const row = (what: string, old: string, now: string): string =>
      `<tr><td><code>${what}</code></td><td>${old}</td><td>${now}</td></tr>`
    const code = (text: string): string => `<code>${text}</code>`
    return [
      MARKER,
      `### Image changes: \`${reg.host}/team/app:v1\` → \`${reg.host}/team/app:v2\``,
      '',
      '<table>',
      '<tr><th>What</th><th>Before</th><th>After</th></tr>',
      row('label b|c', none, code('&lt;x&gt; | y')),
      row('label a', code('1'), code('2')),
      row('digest', code(before.digest), code(after.digest)),
      row('image-digest', code(before.digest), code(after.digest)),
      row('config-digest', code(beforeConfig), code(afterConfig)),
      // User is "" in v2: there, but empty
      row('user', code('app'), empty),
      '</table>',
      '',
      // same: every field but the three digests and user (14 - 4)
      '6 changed, 10 unchanged.'
    ].join('\n')
  }

  const LIST_1 = `/repos/owner/repo/issues/${PR}/comments?per_page=100`
  const LIST_2 = `/repos/owner/repo/issues/${PR}/comments?per_page=100&page=2`

  it('creates the comment on the first run, after reading every page', async () => {
    const result = await run(inputs())
    expect(result.failed).toBe(false)
    expect(result.outputs.get('changed')).toBe('true')
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${LIST_1}`,
      `GET ${LIST_2}`,
      `POST /repos/owner/repo/issues/${PR}/comments`
    ])
    const post = api.requests[2]
    expect(post.body).toEqual({ body: expectedBody() })
    expect((post.body as { body: string }).body.startsWith(MARKER)).toBe(true)
    expect(api.page2.at(-1)!.body).toBe(expectedBody())
    const created = api.page2.at(-1)!
    expect(created.html_url).toMatch(
      /^https:\/\/github\.com\/owner\/repo\/pull\/7#issuecomment-\d+$/
    )
    expect(result.stdout).toContain(
      `::group::Pull-request comment\nPull-request comment created: ${created.html_url}\n::endgroup::\n`
    )
    expect(result.stdout).not.toMatch(/^::warning/m)
  })

  it('updates the same comment on a rerun (found on page 2), without creating another', async () => {
    const mine = api.comment(`${MARKER}\nold diff`)
    api.page2.push(mine)
    const result = await run(inputs())
    expect(result.failed).toBe(false)
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${LIST_1}`,
      `GET ${LIST_2}`,
      `PATCH /repos/owner/repo/issues/comments/${mine.id}`
    ])
    expect(api.requests[2].body).toEqual({ body: expectedBody() })
    expect(mine.body).toBe(expectedBody())
    expect(api.page1.length + api.page2.length).toBe(4)
    expect(result.stdout).toContain(
      `Pull-request comment updated: ${mine.html_url}\n`
    )
  })

  it('creates once, then updates that comment on the next run', async () => {
    await run(inputs())
    const created = api.page2.at(-1)!
    api.requests = []
    const rerun = await run(inputs())
    expect(rerun.failed).toBe(false)
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'PATCH'])
    expect(api.requests[2].url).toBe(
      `/repos/owner/repo/issues/comments/${created.id}`
    )
    expect(
      [...api.page1, ...api.page2].filter((c) => c.body.includes(MARKER))
    ).toHaveLength(1)
  })

  it('sends the token as "token …" and masks it', async () => {
    const result = await run(inputs())
    expect(api.requests).toHaveLength(3)
    for (const r of api.requests) {
      expect(r.authorization).toBe(`token ${TOKEN}`)
    }
    // the registry never sees the GitHub token
    for (const r of reg.requests) {
      expect(String(r.headers.authorization ?? '')).not.toContain(TOKEN)
    }
    const lines = result.stdout.split('\n')
    expect(lines.filter((l) => l.includes(TOKEN))).toEqual([
      `::add-mask::${TOKEN}`
    ])
  })

  it('works on pull_request_target too', async () => {
    const result = await run(inputs(), 'pull_request_target')
    expect(result.failed).toBe(false)
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST'])
  })

  it('warns (and still succeeds, outputs set) when the token may not comment', async () => {
    api.failWith = 403
    const result = await run(inputs({ assert: 'label a == 2' }))
    expect(result.failed).toBe(false)
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${LIST_1}`
    ])
    const warnings = result.stdout
      .split('\n')
      .filter((l) => l.startsWith('::warning'))
    expect(warnings).toEqual([
      "::warning::Could not comment on the pull request (the token needs 'pull-requests: write' permission): Resource not accessible by integration - https://docs.github.com/rest/issues/comments#create-an-issue-comment"
    ])
    expect(result.outputs.get('changed')).toBe('true')
    expect(result.outputs.get('passed')).toBe('true')
    expect(result.outputs.get('digest')).toBe(after.digest)
    expect(result.outputs.get('changes')).toMatch(/^\{"labels":/)
    expect(result.summary).toContain('<h3>Changes from')
  })

  it('posts nothing for a push event, and says so', async () => {
    // runs after pull_request runs: the context must not be a stale one
    const result = await run(inputs(), 'push', pushEvent)
    expect(result.failed).toBe(false)
    expect(api.requests).toEqual([])
    expect(result.stdout).toContain(
      "No pull-request comment: the 'push' event is not a pull request.\n"
    )
    expect(result.outputs.get('changed')).toBe('true')
  })

  it('posts nothing when comment is false', async () => {
    const result = await run(inputs({ comment: 'false' }))
    expect(result.failed).toBe(false)
    expect(api.requests).toEqual([])
    expect(result.stdout).not.toMatch(/pull-request comment/i)
  })

  it.each<{ name: string; extra: Record<string, string>; message: string }>([
    {
      name: 'comment without compare-to',
      extra: { 'compare-to': '' },
      message:
        "Input 'comment': a comment shows a comparison: set 'compare-to' as well."
    },
    {
      name: 'comment without a token',
      extra: { 'github-token': '' },
      message:
        "Input 'github-token': posting a comment needs a token (the default is the workflow's GITHUB_TOKEN)."
    },
    {
      name: 'a comment that is not a boolean',
      extra: { comment: 'please' },
      message: `Input 'comment': "please" is not a boolean: write true or false.`
    }
  ])('rejects $name before any request', async ({ extra, message }) => {
    reg.resetLogs()
    const result = await run(inputs(extra))
    expect(result.failed).toBe(true)
    expect(result.error).toBe(message)
    expect(result.outputFile).toBe('')
    expect(reg.requests).toEqual([])
    expect(api.requests).toEqual([])
  })
})
