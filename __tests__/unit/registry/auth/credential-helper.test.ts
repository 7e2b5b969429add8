/**
 * docker credential helpers as real child processes: what they are run with
 * (argv, stdin, no shell), how their answers are read, which names are
 * refused, and where findCredentials looks for them (credHelpers keys,
 * credsStore, Docker Hub's server URL) before the other sources.
 */
import { afterAll, beforeEach, describe, expect, it, test } from '@jest/globals'
import fs from 'node:fs'
import path from 'node:path'
import {
  CredentialHelperError,
  runCredentialHelper
} from '../../../../src/registry/auth/credential-helper.js'
import { findCredentials } from '../../../../src/registry/auth/docker-config.js'
import {
  makeHelperDir,
  type HelperBehaviour
} from '../../../support/cred-helpers.js'

const helpers = makeHelperDir()
afterAll(() => helpers.remove())
beforeEach(() => helpers.clearRecords())

/** Only PATH: proves the helper is looked up on the env given, not process.env. */
const env = { PATH: helpers.path }
const b64 = (s: string): string => Buffer.from(s).toString('base64')

async function helperError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(CredentialHelperError)
  return (error as Error).message
}

describe('runCredentialHelper', () => {
  it('runs docker-credential-<name> with exactly "get" and the server URL on stdin', async () => {
    const h = helpers.write('plain', {
      answers: { 'ghcr.io': { Username: 'me', Secret: 'pw' } }
    })
    await expect(
      runCredentialHelper('plain', 'ghcr.io', { env })
    ).resolves.toEqual({
      found: true,
      credentials: { username: 'me', secret: 'pw' }
    })
    expect(h.calls()).toEqual([
      { argv: ['get'], stdin: 'ghcr.io', cwd: process.cwd() }
    ])
  })

  it('hands shell syntax in the server URL over verbatim on stdin (no shell)', async () => {
    const url = '$(touch pwned) `touch pwned`; touch pwned | x'
    const h = helpers.write('verbatim')
    const cwd = process.cwd()
    process.chdir(helpers.bin)
    try {
      await expect(
        runCredentialHelper('verbatim', url, { env })
      ).resolves.toEqual({ found: false })
    } finally {
      process.chdir(cwd)
    }
    expect(h.calls().map((c) => [c.argv, c.stdin])).toEqual([[['get'], url]])
    expect(fs.existsSync(path.join(helpers.bin, 'pwned'))).toBe(false)
  })

  interface AnswerRow {
    name: string
    behaviour: HelperBehaviour
    /** What runCredentialHelper resolves to. */
    expected: unknown
  }
  // prettier-ignore
  test.each<AnswerRow>([
    { name: '"credentials not found" on stdout, exit 1', behaviour: { raw: { stdout: 'credentials not found in native keychain\n', code: 1 } }, expected: { found: false } },
    { name: '"credentials not found" on stderr, exit 1', behaviour: { raw: { stderr: 'Error: Credentials not found\n', code: 1 } }, expected: { found: false } },
    { name: 'an empty Secret', behaviour: { raw: { stdout: '{"ServerURL":"a.io","Username":"u","Secret":""}' } }, expected: { found: false } },
    { name: 'an empty object', behaviour: { raw: { stdout: '{}' } }, expected: { found: false } },
    { name: 'JSON null', behaviour: { raw: { stdout: 'null' } }, expected: { found: false } },
    { name: 'no Username', behaviour: { raw: { stdout: '{"Secret":"s"}' } }, expected: { found: true, credentials: { username: '', secret: 's' } } },
    { name: 'the <token> username (an identity token)', behaviour: { raw: { stdout: '{"Username":"<token>","Secret":"refresh"}' } }, expected: { found: true, credentials: { username: '<token>', secret: 'refresh' } } },
    { name: 'an exit without reading stdin', behaviour: { ignoreStdin: true, raw: { stdout: '{"Username":"u","Secret":"s"}' } }, expected: { found: true, credentials: { username: 'u', secret: 's' } } }
  ])('reads $name', async ({ behaviour, expected }) => {
    helpers.write('answer', behaviour)
    await expect(runCredentialHelper('answer', 'a.io', { env })).resolves.toEqual(expected)
  })

  interface FailureRow {
    name: string
    behaviour: HelperBehaviour
    /** The error message. */
    expected: RegExp
  }
  // prettier-ignore
  test.each<FailureRow>([
    { name: 'another failure, exit 1', behaviour: { raw: { stdout: 'secret-in-output\n', stderr: 'boom secret-in-output', code: 1 } }, expected: /^credential helper docker-credential-broken failed \(exit code 1\)$/ },
    { name: 'exit 0 with text that is not JSON', behaviour: { raw: { stdout: 'secret-in-output' } }, expected: /^credential helper docker-credential-broken did not print JSON$/ },
    { name: 'more than 1 MiB of output', behaviour: { floodBytes: 2 * 1024 * 1024 }, expected: /^credential helper docker-credential-broken (failed \(killed or timed out\)|did not print JSON)$/ },
    { name: 'a hang past the timeout', behaviour: { sleepMs: 10_000, raw: { stdout: '{"Username":"u","Secret":"s"}' } }, expected: /^credential helper docker-credential-broken failed \(killed or timed out\)$/ }
  ])('fails on $name, without echoing its output', async ({ behaviour, expected }) => {
    helpers.write('broken', behaviour)
    const message = await helperError(runCredentialHelper('broken', 'a.io', { env, timeoutMs: 500 }))
    expect(message).toMatch(expected)
    expect(message).not.toContain('secret-in-output')
  })

  // Runs before any other missing-helper call so that no other timer expires
  // while it counts. Bug: spawn's `timeout` timer is only cleared on 'exit',
  // which a spawn that fails with ENOENT never emits, so the action's process
  // stays alive until it fires (30 s by default).
  it('leaves no timer behind when the helper is not installed', async () => {
    const timers = (): number =>
      process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    // Other short timers of the process (a loaded CI machine) may still be
    // pending: give them up to 300 ms to fire. The leak this guards against
    // lives for the helper's whole timeout (1 s here, 30 s by default).
    const settle = async (before: number): Promise<void> => {
      const until = Date.now() + 300
      do await new Promise((r) => setImmediate(r))
      while (timers() > before && Date.now() < until)
    }
    helpers.write('present', {
      answers: { 'a.io': { Username: 'u', Secret: 's' } }
    })
    let before = timers()
    await runCredentialHelper('present', 'a.io', { env, timeoutMs: 1000 })
    await settle(before)
    expect(timers() - before).toBeLessThanOrEqual(0) // control: a helper that ran
    before = timers()
    await helperError(
      runCredentialHelper('absent', 'a.io', { env, timeoutMs: 1000 })
    )
    await settle(before)
    expect(timers() - before).toBeLessThanOrEqual(0)
  })

  it('says a helper that is not on PATH is not installed', async () => {
    // short timeout: see the test above
    expect(
      await helperError(
        runCredentialHelper('absent', 'a.io', { env, timeoutMs: 300 })
      )
    ).toBe(
      'credential helper docker-credential-absent is not installed (not found on PATH)'
    )
  })

  interface BadNameRow {
    helperName: string
    /**
     * Files that would run if the name were used (relative to a PATH dir that
     * is also the working directory).
     */
    traps: string[]
  }
  // prettier-ignore
  const badNames: BadNameRow[] = [
    { helperName: 'x;touch pwned', traps: ['docker-credential-x;touch pwned', 'docker-credential-x'] },
    { helperName: 'x && touch pwned', traps: ['docker-credential-x && touch pwned', 'docker-credential-x'] },
    { helperName: '$(touch pwned)', traps: ['docker-credential-$(touch pwned)'] },
    { helperName: '`touch pwned`', traps: ['docker-credential-`touch pwned`'] },
    { helperName: 'x/evil', traps: ['docker-credential-x/evil'] },
    { helperName: 'x/../evil', traps: ['evil', 'docker-credential-x/keep'] },
    { helperName: '..', traps: ['docker-credential-..'] },
    { helperName: 'x..y', traps: ['docker-credential-x..y'] },
    { helperName: 'x y', traps: ['docker-credential-x y'] },
    { helperName: '-x', traps: ['docker-credential--x'] },
    { helperName: '.x', traps: ['docker-credential-.x'] },
    { helperName: '', traps: ['docker-credential-'] },
    { helperName: 'x\nid', traps: ['docker-credential-x\nid'] }
  ]
  // Titles quote the name, so that the empty one and the newline show.
  test.each(
    badNames.map((row) => ({ ...row, title: JSON.stringify(row.helperName) }))
  )(
    'refuses the helper name $title and runs nothing',
    async ({ helperName, traps }) => {
      const ran = traps.map((file) => helpers.writeTrap(file))
      const cwd = process.cwd()
      process.chdir(helpers.bin)
      let message: string
      try {
        message = await helperError(
          runCredentialHelper(helperName, 'a.io', { env })
        )
      } finally {
        process.chdir(cwd)
      }
      expect(message).toBe(
        `credential helper name "${helperName}" is not valid (letters, digits, ".", "_", "-"; no paths)`
      )
      expect(ran.map((r) => r())).toEqual(traps.map(() => false))
      expect(fs.existsSync(path.join(helpers.bin, 'pwned'))).toBe(false)
      for (const file of traps)
        fs.rmSync(path.join(helpers.bin, file), {
          recursive: true,
          force: true
        })
    }
  )
})

describe('findCredentials with real helpers', () => {
  let n = 0
  /** A DOCKER_CONFIG dir holding this config.json; returns the env to pass. */
  function configDir(config: unknown): {
    env: NodeJS.ProcessEnv
    file: string
  } {
    const dir = path.join(helpers.root, `config-${n++}`)
    fs.mkdirSync(dir)
    const file = path.join(dir, 'config.json')
    fs.writeFileSync(file, JSON.stringify(config))
    return { env: { PATH: helpers.path, DOCKER_CONFIG: dir }, file }
  }
  const HUB = 'https://index.docker.io/v1/'

  // prettier-ignore
  test.each([
    { domain: 'docker.io', key: HUB },
    { domain: 'docker.io', key: 'index.docker.io' },
    { domain: 'docker.io', key: 'docker.io' },
    { domain: 'docker.io', key: 'registry-1.docker.io' },
    { domain: 'docker.io', key: 'https://registry-1.docker.io' },
    { domain: 'registry-1.docker.io', key: HUB },
    { domain: 'index.docker.io', key: 'docker.io' }
  ])('Docker Hub ($domain) finds credHelpers["$key"] and asks it for https://index.docker.io/v1/', async ({ domain, key }) => {
    const h = helpers.write('hub', { answers: { [HUB]: { Username: 'hubuser', Secret: 'hubpw' } } })
    const { env, file } = configDir({ credHelpers: { [key]: 'hub' } })
    expect(await findCredentials(domain, { env })).toEqual({
      found: {
        credentials: { username: 'hubuser', password: 'hubpw' },
        source: `${file} credHelpers["${key}"] (docker-credential-hub, ${HUB})`
      },
      warnings: []
    })
    expect(h.calls().map((c) => [c.argv, c.stdin])).toEqual([[['get'], HUB]])
  })

  // prettier-ignore
  test.each([
    { domain: 'ghcr.io', key: 'ghcr.io' },
    { domain: 'ghcr.io', key: 'https://ghcr.io' },
    { domain: 'ghcr.io', key: 'GHCR.IO' },
    { domain: 'ghcr.io', key: 'https://ghcr.io/v2/' },
    { domain: 'registry.example.com:5000', key: 'registry.example.com:5000' },
    { domain: 'registry.example.com:5000', key: 'https://registry.example.com:5000' }
  ])('$domain finds credHelpers["$key"] and asks it for the host', async ({ domain, key }) => {
    const h = helpers.write('host', { answers: { [domain]: { Username: 'u', Secret: 'p' } } })
    const { env, file } = configDir({ credHelpers: { [key]: 'host' } })
    const { found } = await findCredentials(domain, { env })
    expect(found).toEqual({
      credentials: { username: 'u', password: 'p' },
      source: `${file} credHelpers["${key}"] (docker-credential-host, ${domain})`
    })
    expect(h.calls().map((c) => [c.argv, c.stdin])).toEqual([[['get'], domain]])
  })

  // prettier-ignore
  test.each([
    { name: 'another host', key: 'quay.io' },
    { name: 'a longer host', key: 'ghcr.io.evil.com' },
    { name: 'a host in a path', key: 'https://evil.com/ghcr.io' },
    { name: 'another port', key: 'ghcr.io:5000' }
  ])('does not run a credHelper configured for $name', async ({ key }) => {
    const h = helpers.write('other', { answers: { 'ghcr.io': { Username: 'u', Secret: 'p' } } })
    const { env } = configDir({ credHelpers: { [key]: 'other' } })
    expect(await findCredentials('ghcr.io', { env })).toEqual({ warnings: [] })
    expect(h.ran()).toBe(false)
  })

  it('asks again with https://host when the helper has nothing for the bare host', async () => {
    const h = helpers.write('scheme', {
      answers: { 'https://ghcr.io': { Username: 'u', Secret: 'p' } }
    })
    const { env, file } = configDir({ credHelpers: { 'ghcr.io': 'scheme' } })
    const { found } = await findCredentials('ghcr.io', { env })
    expect(found?.source).toBe(
      `${file} credHelpers["ghcr.io"] (docker-credential-scheme, https://ghcr.io)`
    )
    expect(h.calls().map((c) => c.stdin)).toEqual([
      'ghcr.io',
      'https://ghcr.io'
    ])
  })

  it('asks index.docker.io after https://index.docker.io/v1/ for Docker Hub', async () => {
    const h = helpers.write('hub2', {
      answers: { 'index.docker.io': { Username: 'u', Secret: 'p' } }
    })
    const { env } = configDir({ credsStore: 'hub2' })
    const { found } = await findCredentials('docker.io', { env })
    expect(found?.credentials).toEqual({ username: 'u', password: 'p' })
    expect(h.calls().map((c) => c.stdin)).toEqual([HUB, 'index.docker.io'])
  })

  it('turns the <token> username into an identity token', async () => {
    helpers.write('tok', {
      answers: { 'a.io': { Username: '<token>', Secret: 'refresh-me' } }
    })
    const { env } = configDir({ credHelpers: { 'a.io': 'tok' } })
    const { found } = await findCredentials('a.io', { env })
    expect(found?.credentials).toEqual({
      username: '',
      password: '',
      identityToken: 'refresh-me'
    })
  })

  describe('order: credHelpers, then credsStore, then auths', () => {
    type Answers = Record<string, { Username: string; Secret: string }>
    const A: Answers = { 'a.io': { Username: 'from-helper', Secret: 'h' } }
    const S: Answers = { 'a.io': { Username: 'from-store', Secret: 's' } }
    const auths = { 'a.io': { auth: b64('from-auths:a') } }

    interface OrderRow {
      name: string
      setup: { helper?: Answers; store?: Answers; auths?: typeof auths }
      /** The username found, undefined for none. */
      user: string | undefined
      /** How many times each helper ran. */
      calls: { helper: number; store: number }
    }
    // prettier-ignore
    test.each<OrderRow>([
      { name: 'credHelpers over credsStore and auths', setup: { helper: A, store: S, auths }, user: 'from-helper', calls: { helper: 1, store: 0 } },
      { name: 'credsStore over auths when no credHelper is configured', setup: { store: S, auths }, user: 'from-store', calls: { helper: 0, store: 1 } },
      { name: 'credsStore when the credHelper has nothing', setup: { helper: {}, store: S, auths }, user: 'from-store', calls: { helper: 2, store: 1 } },
      { name: 'auths when the credHelper has nothing', setup: { helper: {}, auths }, user: 'from-auths', calls: { helper: 2, store: 0 } },
      { name: 'auths when the credsStore has nothing', setup: { store: {}, auths }, user: 'from-auths', calls: { helper: 0, store: 2 } },
      { name: 'nothing (anonymous) when the helper has nothing', setup: { helper: {} }, user: undefined, calls: { helper: 2, store: 0 } }
    ])('$name', async ({ setup, user, calls }) => {
      const helper = helpers.write('ord-helper', { answers: setup.helper ?? {} })
      const store = helpers.write('ord-store', { answers: setup.store ?? {} })
      const { env } = configDir({
        ...(setup.helper ? { credHelpers: { 'a.io': 'ord-helper' } } : {}),
        ...(setup.store ? { credsStore: 'ord-store' } : {}),
        ...(setup.auths ? { auths: setup.auths } : {})
      })
      const { found, warnings } = await findCredentials('a.io', { env })
      expect(found?.credentials.username).toBe(user)
      expect(warnings).toEqual([])
      expect({ helper: helper.calls().length, store: store.calls().length }).toEqual(calls)
    })
  })

  // prettier-ignore
  test.each([
    { name: 'a helper that is not installed', helperName: 'missing', warning: /^(.*config\.json) credHelpers\["a\.io"\]: credential helper docker-credential-missing is not installed \(not found on PATH\); continuing without it$/ },
    { name: 'a helper name that is a path', helperName: '../../bin/sh', warning: /^(.*config\.json) credHelpers\["a\.io"\]: credential helper name "\.\.\/\.\.\/bin\/sh" is not valid \(letters, digits, "\.", "_", "-"; no paths\); continuing without it$/ },
    { name: 'a helper name with shell syntax', helperName: 'x;touch pwned', warning: /^(.*config\.json) credHelpers\["a\.io"\]: credential helper name "x;touch pwned" is not valid/ },
    { name: 'a helper that crashes', helperName: 'crash', warning: /^(.*config\.json) credHelpers\["a\.io"\]: credential helper docker-credential-crash failed \(exit code 2\); continuing without it$/ }
  ])('warns about $name and falls through to auths', async ({ helperName, warning }) => {
    helpers.write('crash', { raw: { stderr: 'panic', code: 2 } })
    const trap = helpers.writeTrap('docker-credential-x;touch pwned')
    const { env, file } = configDir({ credHelpers: { 'a.io': helperName }, auths: { 'a.io': { auth: b64('fallback:pw') } } })
    // The default runner with a short timeout, so that the timer a missing
    // helper leaks (see above) does not hold the test process for 30 s.
    const runHelper = (name: string, url: string) => runCredentialHelper(name, url, { env, timeoutMs: 300 })
    const { found, warnings } = await findCredentials('a.io', { env, runHelper })
    expect(found?.credentials).toEqual({ username: 'fallback', password: 'pw' })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(warning)
    expect(warning.exec(warnings[0])?.[1]).toBe(file)
    expect(trap()).toBe(false)
  })

  describe('other sources', () => {
    it('reads DOCKER_AUTH_CONFIG before config.json (and runs no helper)', async () => {
      const h = helpers.write('unused', {
        answers: { 'a.io': { Username: 'helper', Secret: 'x' } }
      })
      const { env } = configDir({ credHelpers: { 'a.io': 'unused' } })
      env.DOCKER_AUTH_CONFIG = JSON.stringify({
        auths: { 'https://a.io': { auth: b64('ci:token') } }
      })
      expect((await findCredentials('a.io', { env })).found).toEqual({
        credentials: { username: 'ci', password: 'token' },
        source: 'DOCKER_AUTH_CONFIG (auths["https://a.io"])'
      })
      expect(h.ran()).toBe(false)
    })

    it('fails on a DOCKER_AUTH_CONFIG that is not JSON, naming it', async () => {
      const { env } = configDir({})
      env.DOCKER_AUTH_CONFIG = '{"auths":'
      await expect(findCredentials('a.io', { env })).rejects.toThrow(
        'Docker config DOCKER_AUTH_CONFIG is not valid JSON'
      )
    })

    // prettier-ignore
    test.each([
      { name: 'REGISTRY_AUTH_FILE', vars: (file: string) => ({ REGISTRY_AUTH_FILE: file }), authFile: 'auth.json' },
      { name: '$XDG_RUNTIME_DIR/containers/auth.json', vars: (file: string) => ({ XDG_RUNTIME_DIR: path.dirname(path.dirname(file)) }), authFile: 'containers/auth.json' }
    ])('reads podman credentials from $name when docker has none', async ({ vars, authFile }) => {
      const { env } = configDir({ auths: { 'other.io': { auth: b64('x:y') } } })
      const file = path.join(helpers.root, `podman-${n++}`, authFile)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, JSON.stringify({ auths: { 'a.io': { auth: b64('podman:pw') } } }))
      expect((await findCredentials('a.io', { env: { ...env, ...vars(file) } })).found).toEqual({
        credentials: { username: 'podman', password: 'pw' },
        source: `${file} (auths["a.io"])`
      })
    })
  })
})
