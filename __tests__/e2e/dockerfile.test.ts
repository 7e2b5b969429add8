/**
 * `dockerfile` end to end: Dockerfiles in a workspace, their images on a
 * real Distribution registry. Without `image`, the last stage's base is
 * inspected (aliases followed, ARGs and build-args expanded, --platform
 * honoured) and every other feature applies to it; `from`, `from-images`
 * and `stale-pins` report the file; a stale pin is found with one HEAD
 * (no manifest GET, so no pull on Docker Hub) and annotated on its line.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  afterAll,
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
  pushIndex,
  type Pushed
} from '../support/fixtures.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import { runAction, type ActionRun } from '../support/action.js'
import { expectFailure, pathOf } from '../support/expect.js'

describe('dockerfile against a real registry', () => {
  let reg: RunningRegistry
  let workspace: string
  let host: string
  /** app:1 (index: amd64 + arm64), tools:2, base:1 (re-pushed: pins go stale). */
  let app: Pushed & { children: Pushed[] }
  let tools: Pushed
  let oldBase: Pushed
  let newBase: Pushed
  /** multi:1 as an index, rebuilt: the old one's images are no longer it. */
  let oldMulti: Pushed & { children: Pushed[] }
  let newMulti: Pushed & { children: Pushed[] }

  const write = (name: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true })
    fs.writeFileSync(path.join(workspace, name), text.replaceAll('HOST', host))
  }
  const run = (inputs: Record<string, string>): Promise<ActionRun> =>
    runAction(inputs, { env: { GITHUB_WORKSPACE: workspace } })
  /** Manifest requests the registry answered (not the 401s before a token). */
  const manifestRequests = (): string[] =>
    reg.requests
      .filter((r) => pathOf(r).includes('/manifests/') && r.status !== 401)
      .map((r) => `${r.method} ${pathOf(r)}`)
  /** The scopes each token request asked for. */
  const tokenScopes = (): string[][] =>
    reg.token!.requests.map((r) =>
      new URL(r.url, 'http://x').searchParams.getAll('scope')
    )

  beforeAll(async () => {
    // Like Docker Hub: bearer tokens per repository, blobs on a CDN.
    reg = await startRegistry({ auth: 'token', redirect: true })
    host = reg.host
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-ws-'))
    const amd64 = buildImage({
      seed: 'app-amd64',
      config: {
        Labels: { arch: 'amd64', 'org.opencontainers.image.version': '1' }
      }
    })
    const arm64 = buildImage({
      seed: 'app-arm64',
      architecture: 'arm64',
      config: {
        Labels: { arch: 'arm64', 'org.opencontainers.image.version': '1' }
      }
    })
    app = await pushIndex(reg, 'team/app', '1', [amd64, arm64])
    tools = await pushImage(
      reg,
      'team/tools',
      '2',
      buildImage({ seed: 'tools', config: { Labels: { tool: 'yes' } } })
    )
    for (const tag of ['1.9', '2.1', '3.0']) {
      await reg.pushManifest('team/tools', tag, tools.bytes, tools.mediaType)
    }
    oldBase = await pushImage(
      reg,
      'team/base',
      '1',
      buildImage({ seed: 'old' })
    )
    newBase = await pushImage(
      reg,
      'team/base',
      '1',
      buildImage({ seed: 'new' })
    )
    const platforms = (seed: string) => [
      buildImage({ seed: `${seed}-amd64` }),
      buildImage({ seed: `${seed}-arm64`, architecture: 'arm64' })
    ]
    oldMulti = await pushIndex(reg, 'team/multi', '1', platforms('old'))
    newMulti = await pushIndex(reg, 'team/multi', '1', platforms('new'))
    write(
      'Dockerfile',
      [
        '# syntax=docker/dockerfile:1',
        'ARG REGISTRY=HOST',
        'ARG TOOLS_TAG',
        `FROM \${REGISTRY}/team/base:1@${oldBase.digest} AS base`,
        'FROM ${REGISTRY}/team/tools:${TOOLS_TAG:-2} AS build',
        'RUN make',
        'FROM --platform=linux/arm64 \\',
        '    ${REGISTRY}/team/app:1 AS runtime',
        'COPY --from=build /out /',
        'FROM runtime',
        ''
      ].join('\n')
    )
    write('base-branch/Dockerfile', 'FROM HOST/team/tools:2\n')
    write('scratch.Dockerfile', 'FROM HOST/team/tools:2 AS b\nFROM scratch\n')
    write('current-pin.Dockerfile', `FROM HOST/team/base:1@${newBase.digest}\n`)
    write(
      'missing-pin.Dockerfile',
      `FROM HOST/team/gone:1@${oldBase.digest} AS gone\nFROM HOST/team/tools:2\n`
    )
    write(
      'bad.Dockerfile',
      'FROM HOST/team/tools:2 AS a\nFROM HOST/team/app:$TAG\n'
    )
  })
  afterAll(async () => {
    await reg?.stop()
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true })
  })
  beforeEach(() => reg.resetLogs())

  it('inspects the base of the last stage, and reports every FROM and the stale pin', async () => {
    const result = await run({ dockerfile: 'Dockerfile' })
    expect(result.error).toBeUndefined()
    // FROM runtime → the runtime stage → team/app:1 at its literal --platform
    expect(result.outputs.get('from')).toBe(`${host}/team/app:1`)
    expect(result.outputs.get('ref')).toBe(`${host}/team/app:1`)
    expect(result.outputs.get('platform')).toBe('linux/arm64')
    expect(result.outputs.get('image-digest')).toBe(app.children[1].digest)
    expect(JSON.parse(result.outputs.get('labels')!)).toMatchObject({
      arch: 'arm64'
    })
    expect(JSON.parse(result.outputs.get('from-images')!)).toEqual([
      {
        stage: 'base',
        ref: `${host}/team/base:1@${oldBase.digest}`,
        line: 4,
        platform: null
      },
      { stage: 'build', ref: `${host}/team/tools:2`, line: 5, platform: null },
      {
        stage: 'runtime',
        ref: `${host}/team/app:1`,
        line: 7,
        platform: 'linux/arm64'
      }
    ])
    expect(JSON.parse(result.outputs.get('stale-pins')!)).toEqual([
      {
        ref: `${host}/team/base:1`,
        pinned: oldBase.digest,
        current: newBase.digest,
        line: 4,
        stage: 'base'
      }
    ])
    // the pin: one HEAD of its tag; the inspection: the index, then arm64
    expect(manifestRequests().sort()).toEqual(
      [
        'HEAD /v2/team/base/manifests/1',
        'GET /v2/team/app/manifests/1',
        `GET /v2/team/app/manifests/${app.children[1].digest}`
      ].sort()
    )
    // one token for the image and the pin on its registry, asked for
    // before either (the pin then costs one HEAD, no 401 first)
    expect(tokenScopes()).toEqual([
      ['repository:team/app:pull', 'repository:team/base:pull']
    ])
    expect(
      reg.requests.filter((r) => pathOf(r).includes('/manifests/'))
    ).toHaveLength(3)
    // The inspection keeps the connection the challenge was learned on;
    // the pin's HEAD, beside it, opens one of its own.
    const connectionOf = (request: string): number | undefined =>
      reg.requests.find((r) => `${r.method} ${pathOf(r)}` === request)
        ?.connection
    const learned = connectionOf('GET /v2/')
    expect(learned).toBeDefined()
    expect(connectionOf('GET /v2/team/app/manifests/1')).toBe(learned)
    expect(connectionOf('HEAD /v2/team/base/manifests/1')).not.toBe(learned)
    // annotated on the Dockerfile's line
    expect(result.stdout).toContain(
      `::warning title=Stale digest pin,file=Dockerfile,line=4::${host}/team/base:1 now points to ${newBase.digest}; line 4 pins ${oldBase.digest}.`
    )
    expect(result.summary).toContain(
      '<h2>Dockerfile <code>Dockerfile</code></h2>'
    )
    expect(result.summary).toMatch(/1 digest pin is stale/)
    expect(result.summary).toContain(`<code>${newBase.digest}</code>`)
  })

  it('a build-arg changes the stage it feeds; the final base stays', async () => {
    const result = await run({
      dockerfile: 'Dockerfile',
      'build-args': 'TOOLS_TAG=3.0\nUNUSED=x'
    })
    expect(result.error).toBeUndefined()
    expect(JSON.parse(result.outputs.get('from-images')!)[1].ref).toBe(
      `${host}/team/tools:3.0`
    )
    expect(result.outputs.get('from')).toBe(`${host}/team/app:1`)
  })

  it('a current pin is reported as current, with one HEAD', async () => {
    const result = await run({ dockerfile: 'current-pin.Dockerfile' })
    expect(result.error).toBeUndefined()
    expect(result.outputs.get('stale-pins')).toBe('[]')
    expect(result.outputs.get('digest')).toBe(newBase.digest)
    expect(result.stdout).toContain(
      `current-pin.Dockerfile:1: ${host}/team/base:1 is still ${newBase.digest}`
    )
    // the HEAD for the pin, the GET by digest for the inspection
    expect(manifestRequests().sort()).toEqual(
      [
        'HEAD /v2/team/base/manifests/1',
        `GET /v2/team/base/manifests/${newBase.digest}`
      ].sort()
    )
  })

  // A tag naming an index: a pin may name the index, or one platform's
  // image in it (copied from a registry's per-platform digests). Telling
  // them apart costs a HEAD of the pin, and a GET of the index only when the
  // pin is an image.
  test.each([
    {
      name: 'the index it names now',
      pin: () => newMulti.digest,
      stale: false,
      requests: () => ['HEAD /v2/team/multi/manifests/1']
    },
    {
      name: "one platform's image of the index it names now",
      pin: () => newMulti.children[1].digest,
      stale: false,
      requests: () => [
        'HEAD /v2/team/multi/manifests/1',
        `HEAD /v2/team/multi/manifests/${newMulti.children[1].digest}`,
        `GET /v2/team/multi/manifests/${newMulti.digest}`
      ]
    },
    {
      name: "one platform's image of the index it named before",
      pin: () => oldMulti.children[0].digest,
      stale: true,
      requests: () => [
        'HEAD /v2/team/multi/manifests/1',
        `HEAD /v2/team/multi/manifests/${oldMulti.children[0].digest}`,
        `GET /v2/team/multi/manifests/${newMulti.digest}`
      ]
    },
    {
      name: 'the index it named before',
      pin: () => oldMulti.digest,
      stale: true,
      requests: () => [
        'HEAD /v2/team/multi/manifests/1',
        `HEAD /v2/team/multi/manifests/${oldMulti.digest}`
      ]
    },
    {
      name: 'a digest the registry does not have',
      pin: () => `sha256:${'0'.repeat(64)}`,
      stale: true,
      requests: () => [
        'HEAD /v2/team/multi/manifests/1',
        `HEAD /v2/team/multi/manifests/sha256:${'0'.repeat(64)}`
      ]
    }
  ])(
    'a pin of a tag naming an index: $name',
    async ({ pin, stale, requests }) => {
      write(
        'multi.Dockerfile',
        `FROM HOST/team/multi:1@${pin()} AS pinned\nFROM HOST/team/tools:2\n`
      )
      const result = await run({ dockerfile: 'multi.Dockerfile' })
      expect(result.error).toBeUndefined()
      const expected = stale
        ? [
            {
              ref: `${host}/team/multi:1`,
              pinned: pin(),
              current: newMulti.digest,
              line: 1,
              stage: 'pinned'
            }
          ]
        : []
      expect(JSON.parse(result.outputs.get('stale-pins')!)).toEqual(expected)
      if (!stale) {
        expect(result.stdout).toContain(
          `multi.Dockerfile:1: ${host}/team/multi:1 is still ${pin()}`
        )
      }
      expect(
        manifestRequests()
          .filter((r) => r.includes('/team/multi/'))
          .sort()
      ).toEqual(requests().sort())
    }
  )

  it('a pin that cannot be checked is a warning; the run goes on', async () => {
    const result = await run({ dockerfile: 'missing-pin.Dockerfile' })
    expect(result.failed).toBe(false)
    expect(result.outputs.get('stale-pins')).toBe('[]')
    expect(result.outputs.get('from')).toBe(`${host}/team/tools:2`)
    expect(result.stdout).toMatch(
      /::warning title=Digest pin not checked,file=missing-pin\.Dockerfile,line=1::127\.0\.0\.1:\d+\/team\/gone:1: /
    )
  })

  it('with image: the image is inspected, the Dockerfile still reported', async () => {
    const result = await run({
      image: `${host}/team/tools:2`,
      dockerfile: 'scratch.Dockerfile'
    })
    expect(result.error).toBeUndefined()
    expect(result.outputs.get('ref')).toBe(`${host}/team/tools:2`)
    expect(result.outputs.get('from')).toBe('')
    expect(JSON.parse(result.outputs.get('from-images')!)).toEqual([
      { stage: 'b', ref: `${host}/team/tools:2`, line: 1, platform: null }
    ])
    expect(result.summary).toContain('The last stage builds FROM scratch.')
  })

  it("compare-to-dockerfile: the base branch's base is compared with this one's", async () => {
    const result = await run({
      dockerfile: 'Dockerfile',
      'compare-to-dockerfile': 'base-branch/Dockerfile',
      platform: 'linux/amd64'
    })
    expect(result.error).toBeUndefined()
    expect(result.outputs.get('changed')).toBe('true')
    const changes = JSON.parse(result.outputs.get('changes')!)
    expect(changes.labels.removed).toEqual({ tool: 'yes' })
    expect(changes.labels.added).toEqual({
      arch: 'arm64',
      'org.opencontainers.image.version': '1'
    })
  })

  it("gate rules and tag tracking apply to the Dockerfile's base", async () => {
    const result = await run({
      dockerfile: 'base-branch/Dockerfile',
      assert: 'label tool == yes',
      'tag-sort': 'docker'
    })
    expect(result.error).toBeUndefined()
    expect(result.outputs.get('passed')).toBe('true')
    // tools:2 is one numeric part: 3.0, 2.1, 1.9 are of another kind
    expect(result.outputs.get('tags')).toBe('["2"]')
    expect(result.outputs.get('update-type')).toBe('none')
  })

  // prettier-ignore
  test.each([
    { name: 'an ARG without a value', inputs: { dockerfile: 'bad.Dockerfile' },
      message: /^Input 'dockerfile': bad\.Dockerfile, line 2: FROM: \$TAG has no value: declare it before the first FROM with a default \(ARG TAG=…\) or give it in build-args \(TAG=…\)\.$/ },
    { name: 'a missing file', inputs: { dockerfile: 'nope/Dockerfile' },
      message: /^Input 'dockerfile': "nope\/Dockerfile" does not exist in the workspace \(.*\): check the path, and that the repository is checked out \(actions\/checkout\) before this step\.$/ },
    { name: 'a file outside the workspace', inputs: { dockerfile: '../../etc/passwd' },
      message: /^Input 'dockerfile': "\.\.\/\.\.\/etc\/passwd" (is outside the workspace|does not exist)/ },
    { name: 'a last stage FROM scratch without image', inputs: { dockerfile: 'scratch.Dockerfile' },
      message: /^Input 'dockerfile': scratch\.Dockerfile builds its last stage FROM scratch/ }
  ])('fails on $name before any request', async ({ inputs, message }) => {
    const result = await run(inputs)
    expectFailure(result, message)
    expect(result.outputs.size).toBe(0)
    expect(reg.requests).toHaveLength(0)
  })
})
