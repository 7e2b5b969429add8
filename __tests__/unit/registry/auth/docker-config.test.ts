/** Credentials from the docker CLI config, as docker/login-action writes it. */
import { afterAll, describe, expect, test } from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  credentialsFromDockerConfig,
  dockerConfigPath
} from '../../../../src/registry/auth/docker-config.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-dockercfg-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
let n = 0
function configFile(content: unknown): string {
  const file = path.join(dir, `config-${n++}.json`)
  fs.writeFileSync(
    file,
    typeof content === 'string' ? content : JSON.stringify(content)
  )
  return file
}
const b64 = (s: string): string => Buffer.from(s).toString('base64')

describe('credentialsFromDockerConfig', () => {
  // prettier-ignore
  test.each([
    { name: 'Docker Hub under its canonical key', domain: 'docker.io', key: 'https://index.docker.io/v1/' },
    { name: 'Docker Hub under index.docker.io', domain: 'docker.io', key: 'index.docker.io' },
    { name: 'Docker Hub under docker.io', domain: 'docker.io', key: 'docker.io' },
    { name: 'Docker Hub under registry-1.docker.io', domain: 'docker.io', key: 'https://registry-1.docker.io' },
    { name: 'Hub API host asks, canonical key answers', domain: 'registry-1.docker.io', key: 'https://index.docker.io/v1/' },
    { name: 'plain host', domain: 'ghcr.io', key: 'ghcr.io' },
    { name: 'host with scheme', domain: 'ghcr.io', key: 'https://ghcr.io' },
    { name: 'legacy key with path', domain: 'quay.io', key: 'https://quay.io/v1/' },
    { name: 'host with port', domain: 'localhost:5000', key: 'localhost:5000' },
    { name: 'uppercase key', domain: 'ghcr.io', key: 'GHCR.IO' }
  ])('finds $name', ({ domain, key }) => {
    const file = configFile({ auths: { [key]: { auth: b64('me:se:cret') } } })
    expect(credentialsFromDockerConfig(domain, file)).toEqual({
      credentials: { username: 'me', password: 'se:cret' },
      source: `${file} (auths["${key}"])`
    })
  })

  test('prefers the exact key over an alias', () => {
    const file = configFile({
      auths: {
        'docker.io': { auth: b64('alias:1') },
        'https://index.docker.io/v1/': { auth: b64('exact:2') }
      }
    })
    expect(
      credentialsFromDockerConfig('docker.io', file)?.credentials.username
    ).toBe('exact')
  })

  // prettier-ignore
  test.each([
    { name: 'another host only', content: { auths: { 'ghcr.io': { auth: b64('a:b') } } } },
    { name: 'no auths', content: { credsStore: 'desktop' } },
    { name: 'an empty entry', content: { auths: { 'quay.io': {} } } },
    { name: 'a prefix-only match', content: { auths: { 'quay.io.evil.com': { auth: b64('a:b') } } } },
    { name: 'null auths', content: { auths: null } },
    // the docker CLI reads an empty file as an empty config
    { name: 'an empty file', content: '' },
    { name: 'a file of only whitespace', content: ' \n\t\r\n ' }
  ])('finds nothing with $name', ({ content }) => {
    expect(credentialsFromDockerConfig('quay.io', configFile(content))).toBeUndefined()
  })

  test('username/password fields, NULs trimmed from base64 passwords', () => {
    expect(
      credentialsFromDockerConfig(
        'a.io',
        configFile({ auths: { 'a.io': { username: 'u', password: 'p' } } })
      )?.credentials
    ).toEqual({ username: 'u', password: 'p' })
    expect(
      credentialsFromDockerConfig(
        'a.io',
        configFile({ auths: { 'a.io': { auth: b64('u:p\0\0') } } })
      )?.credentials
    ).toEqual({ username: 'u', password: 'p' })
  })

  test('a missing file means no credentials', () => {
    expect(
      credentialsFromDockerConfig('a.io', path.join(dir, 'nope.json'))
    ).toBeUndefined()
  })

  // prettier-ignore
  test.each([
    { name: 'invalid JSON', content: '{"auths":', message: /is not valid JSON/ },
    { name: 'whitespace, then not JSON', content: '\n  auths\n', message: /is not valid JSON/ },
    { name: 'a byte-order mark only (not JSON whitespace)', content: '\ufeff', message: /is not valid JSON/ },
    { name: 'JSON that is not an object', content: ' null ', message: /is not a JSON object/ },
    { name: 'auth without a colon', content: { auths: { 'a.io': { auth: b64('nocolon') } } }, message: /auths\["a\.io"\]\.auth is not base64 of "username:password"/ },
    { name: 'auth with an empty user', content: { auths: { 'a.io': { auth: b64(':pw') } } }, message: /is not base64/ }
  ])('rejects $name, naming the file', ({ content, message }) => {
    const file = configFile(content)
    expect(() => credentialsFromDockerConfig('a.io', file)).toThrow(message)
  })

  test('never writes to Object.prototype from hostile keys', () => {
    const file = configFile(
      '{"auths":{"__proto__":{"auth":"' +
        b64('x:y') +
        '"},"a.io":{"auth":"' +
        b64('u:p') +
        '"}}}'
    )
    expect(
      credentialsFromDockerConfig('a.io', file)?.credentials.username
    ).toBe('u')
    expect(({} as Record<string, unknown>).auth).toBeUndefined()
  })
})

test('dockerConfigPath honours DOCKER_CONFIG, then HOME', () => {
  expect(dockerConfigPath({ DOCKER_CONFIG: '/cfg', HOME: '/home/u' })).toBe(
    '/cfg/config.json'
  )
  expect(dockerConfigPath({ HOME: '/home/u' })).toBe(
    '/home/u/.docker/config.json'
  )
})
