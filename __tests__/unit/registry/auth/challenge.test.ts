import { describe, expect, test } from '@jest/globals'
import {
  parseChallenges,
  pickChallenge,
  type Challenge
} from '../../../../src/registry/auth/challenge.js'

/** Challenges as plain data, to compare with toEqual. */
function plain(
  header: string
): { scheme: string; params: Record<string, string>; token68?: string }[] {
  return parseChallenges(header).map((c) => {
    const out: {
      scheme: string
      params: Record<string, string>
      token68?: string
    } = { scheme: c.scheme, params: { ...c.params } }
    if (c.token68 !== undefined) out.token68 = c.token68
    return out
  })
}

const HUB =
  'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"'
const CODEBERG =
  'Bearer realm="https://codeberg.org/v2/token",service="container_registry",scope="*",Basic realm="https://codeberg.org/v2",charset="UTF-8"'

describe('parseChallenges', () => {
  interface Row {
    name: string
    header: string
    /** The challenges parsed from it. */
    expected: ReturnType<typeof plain>
  }
  // prettier-ignore
  const rows: Row[] = [
    { name: 'Docker Hub', header: HUB, expected: [
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' } }
    ] },
    { name: 'a scope with a comma inside quotes', header: 'Bearer realm="https://r/token",scope="repository:a:pull,push"', expected: [
      { scheme: 'bearer', params: { realm: 'https://r/token', scope: 'repository:a:pull,push' } }
    ] },
    { name: 'several challenges in one value (Codeberg)', header: CODEBERG, expected: [
      { scheme: 'bearer', params: { realm: 'https://codeberg.org/v2/token', service: 'container_registry', scope: '*' } },
      { scheme: 'basic', params: { realm: 'https://codeberg.org/v2', charset: 'UTF-8' } }
    ] },
    { name: 'Basic then Bearer', header: 'Basic realm="x", Bearer realm="y"', expected: [
      { scheme: 'basic', params: { realm: 'x' } },
      { scheme: 'bearer', params: { realm: 'y' } }
    ] },
    { name: 'case-insensitive scheme and parameter names', header: 'BEARER Realm="https://r/token",SERVICE="Reg"', expected: [
      { scheme: 'bearer', params: { realm: 'https://r/token', service: 'Reg' } }
    ] },
    { name: 'an empty quoted value', header: 'Bearer realm="r",error=""', expected: [
      { scheme: 'bearer', params: { realm: 'r', error: '' } }
    ] },
    { name: 'escaped quotes and backslashes', header: 'Bearer realm="a\\"b",service="c\\\\d"', expected: [
      { scheme: 'bearer', params: { realm: 'a"b', service: 'c\\d' } }
    ] },
    { name: 'unquoted token values', header: 'Bearer realm="r", error=invalid_token, service=registry.example.com', expected: [
      { scheme: 'bearer', params: { realm: 'r', error: 'invalid_token', service: 'registry.example.com' } }
    ] },
    { name: 'whitespace around "="', header: 'Bearer realm = "r" , service= s', expected: [
      { scheme: 'bearer', params: { realm: 'r', service: 's' } }
    ] },
    { name: 'token68', header: 'Negotiate abc==', expected: [
      { scheme: 'negotiate', params: {}, token68: 'abc==' }
    ] },
    { name: 'token68 then another challenge', header: 'Negotiate a+b/c=, Basic realm="x"', expected: [
      { scheme: 'negotiate', params: {}, token68: 'a+b/c=' },
      { scheme: 'basic', params: { realm: 'x' } }
    ] },
    { name: 'a scheme without parameters', header: 'Negotiate, Basic realm="x"', expected: [
      { scheme: 'negotiate', params: {} },
      { scheme: 'basic', params: { realm: 'x' } }
    ] },
    { name: 'extra whitespace and stray commas', header: ' ,, Bearer   realm="r" ,,\t, service="s" ,, ', expected: [
      { scheme: 'bearer', params: { realm: 'r', service: 's' } }
    ] },
    { name: 'insufficient_scope error', header: 'Bearer realm="https://r/token",service="reg",scope="repository:a:pull",error="insufficient_scope"', expected: [
      { scheme: 'bearer', params: { realm: 'https://r/token', service: 'reg', scope: 'repository:a:pull', error: 'insufficient_scope' } }
    ] },
    { name: 'the RFC 7235 example', header: 'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"', expected: [
      { scheme: 'newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      { scheme: 'basic', params: { realm: 'simple' } }
    ] },
    { name: 'an empty header', header: '', expected: [] },
    { name: 'only whitespace and commas', header: ' , ,\t', expected: [] }
  ]

  test.each(rows)('$name', ({ header, expected }) => {
    expect(plain(header)).toEqual(expected)
  })

  test('params named __proto__ and constructor are plain own data', () => {
    const [c] = parseChallenges(
      'Bearer realm="r",__proto__="polluted",constructor="c",prototype="p"'
    )
    expect(Object.hasOwn(c.params, '__proto__')).toBe(true)
    expect(c.params['__proto__']).toBe('polluted')
    expect(c.params.constructor).toBe('c')
    expect(c.params.prototype).toBe('p')
    expect(Object.keys(c.params).sort()).toEqual(
      ['__proto__', 'constructor', 'prototype', 'realm'].sort()
    )
    const probe: Record<string, unknown> = {}
    expect(probe.polluted).toBeUndefined()
    expect(Object.getPrototypeOf(probe)).toBe(Object.prototype)
    expect(typeof probe.toString).toBe('function')
  })

  test('names inherited from Object.prototype are not parameters', () => {
    const [c] = parseChallenges('Bearer realm="r"')
    expect(c.params.constructor).toBeUndefined()
    expect(c.params.toString).toBeUndefined()
    expect(c.params.hasOwnProperty).toBeUndefined()
    expect('__proto__' in c.params).toBe(false)
  })

  // prettier-ignore
  const broken: { name: string; header: string }[] = [
    { name: 'an unterminated quote',           header: 'Bearer realm="https://r/token' },
    { name: 'an unterminated quote mid-list',  header: 'Bearer service="s",realm="abc' },
    { name: 'a trailing backslash in quotes',  header: 'Bearer realm="abc\\' },
    { name: 'a lone quote',                    header: '"' },
    { name: 'a lone "="',                      header: '=' },
    { name: 'a missing value',                 header: 'Bearer realm=' },
    { name: 'garbage',                         header: '@@@ ((( ))) ;;; "' },
    { name: 'a control character',             header: 'Bearer realm="r"\u0000, Basic realm="x"' }
  ]
  test.each(broken)('does not crash on $name', ({ header }) => {
    let result: Challenge[] = []
    expect(() => {
      result = parseChallenges(header)
    }).not.toThrow()
    expect(Array.isArray(result)).toBe(true)
  })

  test('an unterminated quote still yields the scheme', () => {
    const result = parseChallenges('Bearer realm="https://r/token')
    expect(result[0]?.scheme).toBe('bearer')
    expect(result[0]?.params.realm).not.toBe('https://r/token"')
  })

  // prettier-ignore
  const huge: { name: string; make: () => string }[] = [
    { name: 'one 100k quoted value',        make: () => `Bearer realm="${'a'.repeat(100_000)}"` },
    { name: '100k of escapes',              make: () => `Bearer realm="${'\\"'.repeat(50_000)}"` },
    { name: 'many parameters',              make: () => 'Bearer ' + 'a=b,'.repeat(25_000) },
    { name: 'many challenges',              make: () => 'Basic realm="x", '.repeat(6_000) },
    { name: 'one 100k token',               make: () => `Bearer ${'x'.repeat(100_000)} y` },
    { name: '100k of "="',                  make: () => `Bearer ${'='.repeat(100_000)}` },
    { name: '100k of stray characters',     make: () => '@'.repeat(100_000) },
    { name: 'an unterminated 100k quote',   make: () => `Bearer realm="${'a, b='.repeat(20_000)}` }
  ]
  test.each(huge)('parses a 100k-char header: $name', ({ make }) => {
    const header = make()
    expect(header.length).toBeGreaterThanOrEqual(100_000)
    const result = parseChallenges(header)
    expect(Array.isArray(result)).toBe(true)
  })

  test('keeps the full 100k realm', () => {
    const value = 'a'.repeat(100_000)
    expect(parseChallenges(`Bearer realm="${value}"`)[0].params.realm).toBe(
      value
    )
  })
})

describe('pickChallenge', () => {
  interface Row {
    name: string
    header: string
    /** The chosen challenge's scheme and realm, undefined for none. */
    expected: { scheme: string; realm?: string } | undefined
  }
  // prettier-ignore
  const rows: Row[] = [
    { name: 'Bearer alone',              header: HUB,                                          expected: { scheme: 'bearer', realm: 'https://auth.docker.io/token' } },
    { name: 'Basic alone',               header: 'Basic realm="Registry Realm"',               expected: { scheme: 'basic', realm: 'Registry Realm' } },
    { name: 'Basic before Bearer',       header: 'Basic realm="x", Bearer realm="y"',          expected: { scheme: 'bearer', realm: 'y' } },
    { name: 'Bearer before Basic',       header: CODEBERG,                                     expected: { scheme: 'bearer', realm: 'https://codeberg.org/v2/token' } },
    { name: 'Negotiate then Basic',      header: 'Negotiate abc==, Basic realm="b"',           expected: { scheme: 'basic', realm: 'b' } },
    { name: 'uppercase BEARER',          header: 'BEARER realm="u"',                           expected: { scheme: 'bearer', realm: 'u' } },
    { name: 'only Negotiate',            header: 'Negotiate',                                  expected: undefined },
    { name: 'only Negotiate with token', header: 'Negotiate abc==',                            expected: undefined },
    { name: 'only Digest',               header: 'Digest realm="d", nonce="n", qop="auth"',   expected: undefined },
    { name: 'nothing',                   header: '',                                           expected: undefined }
  ]
  test.each(rows)('$name', ({ header, expected }) => {
    const chosen = pickChallenge(parseChallenges(header))
    if (expected === undefined) {
      expect(chosen).toBeUndefined()
    } else {
      expect(chosen?.scheme).toBe(expected.scheme)
      expect(chosen?.params.realm).toBe(expected.realm)
    }
  })
})
