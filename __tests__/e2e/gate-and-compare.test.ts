/**
 * Gate rules and image comparison end to end: the action's real code and the
 * real @actions/core against a real Distribution registry holding two
 * multi-platform releases, v1 and v2, that differ in labels, env, user,
 * entrypoint and platforms.
 */
import { afterAll, beforeAll, describe, expect, it, test } from '@jest/globals'
import {
  buildImage,
  pushIndex,
  type BuiltImage,
  type Pushed
} from '../support/fixtures.mjs'
import { startFaultProxy } from '../support/fault-proxy.mjs'
import { startRegistry, type RunningRegistry } from '../support/registry.mjs'
import { runAction } from '../support/action.js'

const V1_AMD64 = {
  os: 'linux',
  architecture: 'amd64',
  created: '2024-05-01T12:00:00Z',
  config: {
    User: 'app',
    WorkingDir: '/srv',
    Entrypoint: ['/entrypoint.sh'],
    Cmd: ['serve'],
    Env: ['PATH=/usr/bin', 'MODE=prod', 'DEBUG=0'],
    Labels: {
      vendor: 'ACME',
      'org.opencontainers.image.version': '1.0.0',
      'old.label': 'x',
      note: '50%\noff'
    }
  }
}
const V2_AMD64 = {
  os: 'linux',
  architecture: 'amd64',
  created: '2024-06-01T12:00:00Z',
  config: {
    User: '',
    WorkingDir: '/srv',
    Entrypoint: ['/bin/sh', '-c'],
    Cmd: ['serve'],
    Env: ['PATH=/usr/local/bin:/usr/bin', 'MODE=prod', 'TZ=UTC'],
    Labels: {
      vendor: 'ACME',
      'org.opencontainers.image.version': '2.0.0',
      'new.label': '<b>&</b>',
      note: '50%\noff'
    }
  }
}

interface Release {
  index: Pushed & { children: Pushed[] }
  amd64: BuiltImage
}

const amd64v1 = buildImage({ ...V1_AMD64, seed: 'v1' })
const amd64v2 = buildImage({ ...V2_AMD64, seed: 'v2' })
const arm64 = buildImage({
  os: 'linux',
  architecture: 'arm64',
  variant: 'v8',
  seed: 'arm64'
})
const armv7 = buildImage({
  os: 'linux',
  architecture: 'arm',
  variant: 'v7',
  seed: 'armv7'
})

async function pushReleases(
  reg: RunningRegistry
): Promise<{ v1: Release; v2: Release }> {
  const v1 = await pushIndex(reg, 'team/app', 'v1', [amd64v1, arm64], {
    attestation: true
  })
  const v2 = await pushIndex(reg, 'team/app', 'v2', [amd64v2, arm64, armv7], {
    attestation: true
  })
  return {
    v1: { index: v1, amd64: amd64v1 },
    v2: { index: v2, amd64: amd64v2 }
  }
}

/** The `changes` output for v1 → v2, spelled out. */
function expectedChanges(v1: Release, v2: Release): string {
  return (
    '{"labels":{' +
    '"added":{"new.label":"<b>&</b>"},' +
    '"removed":{"old.label":"x"},' +
    '"changed":{"org.opencontainers.image.version":{"old":"1.0.0","new":"2.0.0"}}},' +
    '"env":{' +
    '"added":{"TZ":"UTC"},' +
    '"removed":{"DEBUG":"0"},' +
    '"changed":{"PATH":{"old":"/usr/bin","new":"/usr/local/bin:/usr/bin"}}},' +
    `"digest":{"old":"${v1.index.digest}","new":"${v2.index.digest}"},` +
    `"image-digest":{"old":"${v1.index.children[0].digest}","new":"${v2.index.children[0].digest}"},` +
    `"config-digest":{"old":"${v1.amd64.configDigest}","new":"${v2.amd64.configDigest}"},` +
    '"platforms":{"old":["linux/amd64","linux/arm64"],"new":["linux/amd64","linux/arm64","linux/arm/v7"]},' +
    '"entrypoint":{"old":["/entrypoint.sh"],"new":["/bin/sh","-c"]},' +
    '"user":{"old":"app","new":""}}'
  )
}

/** The summary's changes section for v1 → v2, as core.summary writes it. */
function expectedChangesSummary(host: string, v1: Release, v2: Release) {
  const none = '<em>(none)</em>'
  const empty = '<em>(empty)</em>'
  const row = (what: string, old: string, now: string): string =>
    `<tr><td><code>${what}</code></td><td>${old}</td><td>${now}</td></tr>`
  return (
    `<h3>Changes from ${host}/team/app:v1 to ${host}/team/app:v2</h3>\n` +
    '<table><tr><th>What</th><th>Before</th><th>After</th></tr>' +
    row('label new.label', none, '&lt;b&gt;&amp;&lt;/b&gt;') +
    row('label old.label', 'x', none) +
    row('label org.opencontainers.image.version', '1.0.0', '2.0.0') +
    row('env TZ', none, 'UTC') +
    row('env DEBUG', '0', none) +
    row('env PATH', '/usr/bin', '/usr/local/bin:/usr/bin') +
    row('digest', v1.index.digest, v2.index.digest) +
    row(
      'image-digest',
      v1.index.children[0].digest,
      v2.index.children[0].digest
    ) +
    row('config-digest', v1.amd64.configDigest, v2.amd64.configDigest) +
    row(
      'platforms',
      '[&quot;linux/amd64&quot;,&quot;linux/arm64&quot;]',
      '[&quot;linux/amd64&quot;,&quot;linux/arm64&quot;,&quot;linux/arm/v7&quot;]'
    ) +
    row(
      'entrypoint',
      '[&quot;/entrypoint.sh&quot;]',
      '[&quot;/bin/sh&quot;,&quot;-c&quot;]'
    ) +
    // User is "" in v2: there, but empty
    row('user', 'app', empty) +
    '</table>\n' +
    // same: labels vendor, note; env MODE; os, architecture, variant, cmd,
    // workdir, exposed-ports, volumes, stop-signal
    '<p>12 changed, 11 unchanged.</p>\n'
  )
}

/** From the heading `<h3>${title}` to the end of that section. */
function section(summary: string, title: string): string {
  const start = summary.indexOf(`<h3>${title}`)
  if (start === -1) throw new Error(`no section "${title}" in:\n${summary}`)
  const next = summary.indexOf('<h3>', start + 4)
  return summary.slice(start, next === -1 ? undefined : next)
}

describe('gate and compare on an anonymous registry', () => {
  let reg: RunningRegistry
  let v1: Release
  let v2: Release
  let image: string

  beforeAll(async () => {
    reg = await startRegistry()
    ;({ v1, v2 } = await pushReleases(reg))
    image = `${reg.host}/team/app:v2`
  })
  afterAll(async () => {
    await reg?.stop()
  })

  it('reports the changes from v1 to v2 exactly', async () => {
    const result = await runAction({
      image,
      'compare-to': `${reg.host}/team/app:v1`
    })
    expect(result.failed).toBe(false)
    expect(result.outputs.get('changed')).toBe('true')
    expect(result.outputs.get('changes')).toBe(expectedChanges(v1, v2))
    expect([...result.outputs.keys()].slice(-4)).toEqual([
      'assertions',
      'passed',
      'changed',
      'changes'
    ])
    expect(result.outputs.get('assertions')).toBe('[]')
    expect(result.outputs.get('passed')).toBe('true')
    // the outputs describe `image`, not `compare-to`
    expect(result.outputs.get('digest')).toBe(v2.index.digest)
    expect(result.outputs.get('user')).toBe('')
    expect(section(result.summary, 'Changes from')).toBe(
      expectedChangesSummary(reg.host, v1, v2)
    )
    // the changes section comes last, after the image's own tables
    expect(
      result.summary.endsWith(expectedChangesSummary(reg.host, v1, v2))
    ).toBe(true)
    expect(result.summary).not.toContain('<h3>Assertions')
  })

  it('compares by digest just as well', async () => {
    const result = await runAction({
      image: `${reg.host}/team/app@${v2.index.digest}`,
      'compare-to': `${reg.host}/team/app@${v1.index.digest}`
    })
    expect(result.failed).toBe(false)
    expect(result.outputs.get('changes')).toBe(expectedChanges(v1, v2))
  })

  it('reports the reverse direction as the mirror image', async () => {
    const result = await runAction({
      image: `${reg.host}/team/app:v1`,
      'compare-to': image
    })
    const changes = JSON.parse(result.outputs.get('changes')!)
    expect(changes.labels.added).toEqual({ 'old.label': 'x' })
    expect(changes.labels.removed).toEqual({ 'new.label': '<b>&</b>' })
    expect(changes.user).toEqual({ old: '', new: 'app' })
  })

  // prettier-ignore
  test.each([
    { tag: 'v2', platform: 'linux/amd64', compared: 21 },
    { tag: 'v1', platform: 'linux/amd64', compared: 21 },
    { tag: 'v2', platform: 'linux/arm64', compared: 15 }
  ])('finds no changes between $tag and itself ($platform)', async ({ tag, platform, compared }) => {
    const result = await runAction({
      image: `${reg.host}/team/app:${tag}`,
      'compare-to': `${reg.host}/team/app:${tag}`,
      platform
    })
    expect(result.failed).toBe(false)
    expect(result.outputs.get('changed')).toBe('false')
    expect(result.outputs.get('changes')).toBe(
      '{"labels":{"added":{},"removed":{},"changed":{}},"env":{"added":{},"removed":{},"changed":{}}}'
    )
    expect(section(result.summary, 'Changes from')).toBe(
      `<h3>Changes from ${reg.host}/team/app:${tag} to ${reg.host}/team/app:${tag}</h3>\n` +
        `<p>No changes (${compared} fields, labels and env entries compared).</p>\n`
    )
  })

  it('sets no changed/changes outputs without compare-to', async () => {
    const result = await runAction({ image })
    expect(result.outputs.has('changed')).toBe(false)
    expect(result.outputs.has('changes')).toBe(false)
  })

  it('passes when every rule holds', async () => {
    reg.resetLogs()
    const result = await runAction({
      image,
      assert: [
        '# release policy',
        'label vendor == ACME',
        'label org.opencontainers.image.version =~ ^2\\.[0-9]+\\.[0-9]+$',
        'label "new.label" == "<b>&</b>"',
        'label old.label missing',
        '',
        'env TZ exists',
        'env PATH !~ (^|:)/root',
        'user is root',
        'platforms include linux/amd64, linux/aarch64',
        'platforms exclude windows/amd64'
      ].join('\n')
    })
    expect(result.failed).toBe(false)
    expect(result.outputs.get('passed')).toBe('true')
    expect(result.outputs.get('assertions')).toBe(
      '[' +
        '{"rule":"label vendor == ACME","passed":true,"actual":"ACME"},' +
        '{"rule":"label org.opencontainers.image.version =~ ^2\\\\.[0-9]+\\\\.[0-9]+$","passed":true,"actual":"2.0.0"},' +
        '{"rule":"label \\"new.label\\" == \\"<b>&</b>\\"","passed":true,"actual":"<b>&</b>"},' +
        '{"rule":"label old.label missing","passed":true,"actual":"(missing)"},' +
        '{"rule":"env TZ exists","passed":true,"actual":"UTC"},' +
        '{"rule":"env PATH !~ (^|:)/root","passed":true,"actual":"/usr/local/bin:/usr/bin"},' +
        '{"rule":"user is root","passed":true,"actual":"(empty: root)"},' +
        '{"rule":"platforms include linux/amd64, linux/aarch64","passed":true,"actual":"linux/amd64, linux/arm64, linux/arm/v7"},' +
        '{"rule":"platforms exclude windows/amd64","passed":true,"actual":"linux/amd64, linux/arm64, linux/arm/v7"}' +
        ']'
    )
    expect(result.stdout).not.toMatch(/^::(error|warning)/m)
    expect(result.stdout).toContain('✔ label vendor == ACME\n')
    expect(result.stdout).toContain('✔ user is root\n')
    expect(section(result.summary, 'Assertions')).toMatch(
      /^<h3>Assertions: 9 passed, 0 failed<\/h3>\n<table>/
    )
    expect(reg.requests.length).toBeGreaterThan(0)
  })

  const FAILING = [
    'label vendor == ACME',
    'label org.opencontainers.image.version == 1.0.0',
    'user is not root',
    'platforms exclude linux/arm/v7',
    'label note == 50% off',
    'label missing.label =~ x'
  ].join('\n')
  const FAILED_MESSAGE =
    '5 of 6 image assertions failed: label org.opencontainers.image.version == 1.0.0; user is not root; platforms exclude linux/arm/v7; label note == 50% off; label missing.label =~ x'
  const ANNOTATIONS = [
    '::error title=Image assertion failed::label org.opencontainers.image.version == 1.0.0 (actual: 2.0.0)',
    '::error title=Image assertion failed::user is not root (actual: (empty: root))',
    '::error title=Image assertion failed::platforms exclude linux/arm/v7 (actual: linux/amd64, linux/arm64, linux/arm/v7)',
    // core escapes %, CR and LF in the message
    '::error title=Image assertion failed::label note == 50%25 off (actual: 50%25\\noff)',
    '::error title=Image assertion failed::label missing.label =~ x (actual: (missing))'
  ]
  const ASSERTIONS =
    '[' +
    '{"rule":"label vendor == ACME","passed":true,"actual":"ACME"},' +
    '{"rule":"label org.opencontainers.image.version == 1.0.0","passed":false,"actual":"2.0.0"},' +
    '{"rule":"user is not root","passed":false,"actual":"(empty: root)"},' +
    '{"rule":"platforms exclude linux/arm/v7","passed":false,"actual":"linux/amd64, linux/arm64, linux/arm/v7"},' +
    '{"rule":"label note == 50% off","passed":false,"actual":"50%\\noff"},' +
    '{"rule":"label missing.label =~ x","passed":false,"actual":"(missing)"}' +
    ']'

  it('fails the step on failed rules, with one annotation each, outputs still set', async () => {
    const result = await runAction({ image, assert: FAILING })
    expect(result.failed).toBe(true)
    expect(result.error).toBe(FAILED_MESSAGE)
    const lines = result.stdout.split('\n')
    expect(lines.filter((l) => l.startsWith('::error'))).toEqual([
      ...ANNOTATIONS,
      `::error::${FAILED_MESSAGE.replace(/%/g, '%25')}`
    ])
    expect(lines).toContain('✔ label vendor == ACME')
    expect(result.outputs.get('assertions')).toBe(ASSERTIONS)
    expect(result.outputs.get('passed')).toBe('false')
    expect(result.outputs.get('digest')).toBe(v2.index.digest)
    expect(result.outputs.get('image-digest')).toBe(v2.index.children[0].digest)
    expect(result.outputs.get('user')).toBe('')
    expect(result.outputs.get('platforms')).toBe(
      '["linux/amd64","linux/arm64","linux/arm/v7"]'
    )
    expect(result.outputs.has('changed')).toBe(false)
  })

  it('shows every rule with pass/fail in the summary', async () => {
    const result = await runAction({ image, assert: FAILING })
    expect(section(result.summary, 'Assertions')).toBe(
      '<h3>Assertions: 1 passed, 5 failed</h3>\n' +
        '<table><tr><th>Result</th><th>Rule</th><th>Actual</th></tr>' +
        '<tr><td>✅ pass</td><td><code>label vendor == ACME</code></td><td>ACME</td></tr>' +
        '<tr><td>❌ fail</td><td><code>label org.opencontainers.image.version == 1.0.0</code></td><td>2.0.0</td></tr>' +
        '<tr><td>❌ fail</td><td><code>user is not root</code></td><td>(empty: root)</td></tr>' +
        '<tr><td>❌ fail</td><td><code>platforms exclude linux/arm/v7</code></td><td>linux/amd64, linux/arm64, linux/arm/v7</td></tr>' +
        '<tr><td>❌ fail</td><td><code>label note == 50% off</code></td><td>50%<br>off</td></tr>' +
        '<tr><td>❌ fail</td><td><code>label missing.label =~ x</code></td><td>(missing)</td></tr>' +
        '</table>\n'
    )
  })

  it('escapes rule text and actual values in the summary', async () => {
    const result = await runAction({
      image,
      assert: 'label "new.label" == <i>x</i>'
    })
    expect(section(result.summary, 'Assertions')).toBe(
      '<h3>Assertions: 0 passed, 1 failed</h3>\n' +
        '<table><tr><th>Result</th><th>Rule</th><th>Actual</th></tr>' +
        '<tr><td>❌ fail</td><td><code>label &quot;new.label&quot; == &lt;i&gt;x&lt;/i&gt;</code></td><td>&lt;b&gt;&amp;&lt;/b&gt;</td></tr>' +
        '</table>\n'
    )
  })

  it('only warns with report-only: true', async () => {
    const result = await runAction({
      image,
      assert: FAILING,
      'report-only': 'true'
    })
    expect(result.failed).toBe(false)
    expect(result.error).toBeUndefined()
    const lines = result.stdout.split('\n')
    expect(lines.filter((l) => l.startsWith('::error'))).toEqual(ANNOTATIONS)
    expect(lines).toContain(`::warning::${FAILED_MESSAGE.replace(/%/g, '%25')}`)
    expect(result.outputs.get('assertions')).toBe(ASSERTIONS)
    expect(result.outputs.get('passed')).toBe('false')
  })

  it('checks age against the created time', async () => {
    // v2 was created 2024-06-01: older than a week, not younger than a day
    const result = await runAction({
      image,
      assert: 'age > 1w\nage < 1d',
      'report-only': 'yes'
    })
    const assertions = JSON.parse(result.outputs.get('assertions')!)
    expect(assertions).toEqual([
      {
        rule: 'age > 1w',
        passed: true,
        actual: expect.stringMatching(
          /^2024-06-01T12:00:00Z \(\d+\.\d d old\)$/
        )
      },
      {
        rule: 'age < 1d',
        passed: false,
        actual: expect.stringMatching(
          /^2024-06-01T12:00:00Z \(\d+\.\d d old\)$/
        )
      }
    ])
  })

  it('gates and compares in one run', async () => {
    const result = await runAction({
      image,
      'compare-to': `${reg.host}/team/app:v1`,
      assert: 'user is not root'
    })
    expect(result.failed).toBe(true)
    expect(result.error).toBe(
      '1 of 1 image assertions failed: user is not root'
    )
    expect(result.outputs.get('changed')).toBe('true')
    expect(result.outputs.get('changes')).toBe(expectedChanges(v1, v2))
    const assertionsAt = result.summary.indexOf('<h3>Assertions')
    const changesAt = result.summary.indexOf('<h3>Changes from')
    expect(assertionsAt).toBeGreaterThan(0)
    expect(changesAt).toBeGreaterThan(assertionsAt)
  })

  // prettier-ignore
  test.each([
    { name: 'an unknown operator',    assert: 'user is root\nlabel vendor = ACME',   problem: 'line 2 "label vendor = ACME": "=" is not an operator: use exists, missing, ==, !=, =~ or !~.' },
    { name: 'an unknown subject',     assert: '# c\n\nimage is small',               problem: 'line 3 "image is small": expected one of: label KEY exists|missing, label KEY ==|!=|=~|!~ VALUE, env NAME … (same forms), user is [not] root, platforms include|exclude os/arch[, …], age <|> DURATION (e.g. 30d), base is current.' },
    { name: 'a bad duration',         assert: 'age < 30 days',                       problem: 'line 1 "age < 30 days": "30 days" is not a duration: write e.g. 90m, 12h, 30d, 2w.' },
    { name: 'a bad platform',         assert: 'platforms include linux',             problem: 'line 1 "platforms include linux": "linux" is not a platform (os/arch[/variant]).' },
    { name: 'an unclosed quote',      assert: 'label "a b == c',                     problem: 'line 1 "label "a b == c": a quoted string is not closed.' },
    { name: 'an invalid RE2 pattern', assert: 'user is root\nlabel vendor =~ (?=A)', problem: 'line 2 "label vendor =~ (?=A)": the regular expression does not compile (error parsing regexp: invalid or unsupported Perl syntax: `(?=`); RE2 syntax, no backreferences or lookaround.' },
    { name: 'a backreference',        assert: 'env X =~ (a)\\1',                     problem: 'line 1 "env X =~ (a)\\1": the regular expression does not compile (error parsing regexp: invalid escape sequence: `\\1`); RE2 syntax, no backreferences or lookaround.' }
  ])('rejects $name before any request', async ({ assert, problem }) => {
    reg.resetLogs()
    const result = await runAction({
      image,
      'compare-to': `${reg.host}/team/app:v1`,
      assert
    })
    expect(reg.requests).toEqual([])
    expect(result.failed).toBe(true)
    expect(result.outputFile).toBe('')
    expect(result.stdout).not.toContain('Inspecting')
    expect(result.error).toBe(`Input 'assert': ${problem}`)
  })

  // prettier-ignore
  test.each<{ input: string; inputs: Record<string, string>; message: string }>([
    { input: 'report-only', inputs: { 'report-only': 'maybe' },  message: `Input 'report-only': "maybe" is not a boolean: write true or false.` },
    { input: 'compare-to',  inputs: { 'compare-to': 'Bad:Ref' }, message: `Input 'compare-to': "Bad:Ref" is not a valid image reference` }
  ])('rejects a bad $input input before any request', async ({ inputs, message }) => {
    reg.resetLogs()
    const result = await runAction({ image, ...inputs })
    expect(reg.requests).toEqual([])
    expect(result.failed).toBe(true)
    expect(result.error!.startsWith(message)).toBe(true)
  })
})

describe('compare-to when one of the two inspections fails', () => {
  let reg: RunningRegistry

  beforeAll(async () => {
    reg = await startRegistry()
    await pushReleases(reg)
  })
  afterAll(async () => {
    await reg?.stop()
  })

  it('fails the step, and leaves no request running once it has ended', async () => {
    const proxy = await startFaultProxy({ upstream: reg.url })
    try {
      // 'image' is slow to answer; 'compare-to' is a quick 404
      proxy.fault({
        path: '/v2/team/app/manifests/v2',
        delayMs: 300,
        times: 1
      })
      const result = await runAction({
        image: `${proxy.host}/team/app:v2`,
        'compare-to': `${proxy.host}/team/app:nope`
      })
      const ended = Date.now()
      expect(result.failed).toBe(true)
      expect(result.error).toMatch(
        /^Cannot inspect .*team\/app:nope: tag "nope" not found/
      )
      expect(result.outputFile).toBe('')
      // give a leftover inspection time to show itself
      await new Promise((r) => setTimeout(r, 1200))
      const late = proxy.requests
        .filter((r) => r.at >= ended)
        .map((r) => `${r.method} ${r.url}`)
      expect(late).toEqual([])
    } finally {
      await new Promise((r) => setTimeout(r, 300))
      await proxy.close()
    }
  })
})

describe('compare-to with token auth', () => {
  const USER = { username: 'alice', password: 's3cret' }
  let reg: RunningRegistry
  let v1: Release
  let v2: Release

  beforeAll(async () => {
    reg = await startRegistry({
      auth: 'token',
      users: [USER],
      anonymousPull: []
    })
    ;({ v1, v2 } = await pushReleases(reg))
  })
  afterAll(async () => {
    await reg?.stop()
  })

  it('uses the credentials for both images on the same registry', async () => {
    reg.resetLogs()
    const result = await runAction({
      image: `${reg.host}/team/app:v2`,
      'compare-to': `${reg.host}/team/app:v1`,
      username: USER.username,
      password: USER.password,
      assert: 'label vendor == ACME'
    })
    expect(result.failed).toBe(false)
    expect(result.outputs.get('changes')).toBe(expectedChanges(v1, v2))
    expect(result.outputs.get('passed')).toBe('true')
    const authorized = reg.requests.filter((r) => r.status === 200)
    expect(authorized.length).toBeGreaterThanOrEqual(6)
    for (const r of authorized) {
      expect(r.headers.authorization).toMatch(/^Bearer /)
    }
    // the password is masked first and never printed otherwise
    const lines = result.stdout.split('\n')
    expect(lines.filter((l) => l.includes(USER.password))).toEqual([
      `::add-mask::${USER.password}`
    ])
  })
})
