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
  type Row = [string, string, ReturnType<typeof plain>]
  // [scenario, header, challenges]
  // prettier-ignore
  const rows: Row[] = [
    ['Docker Hub', HUB, [
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' } }
    ]],
    ['a scope with a comma inside quotes', 'Bearer realm="https://r/token",scope="repository:a:pull,push"', [
      { scheme: 'bearer', params: { realm: 'https://r/token', scope: 'repository:a:pull,push' } }
    ]],
    ['several challenges in one value (Codeberg)', CODEBERG, [
      { scheme: 'bearer', params: { realm: 'https://codeberg.org/v2/token', service: 'container_registry', scope: '*' } },
      { scheme: 'basic', params: { realm: 'https://codeberg.org/v2', charset: 'UTF-8' } }
    ]],
    ['Basic then Bearer', 'Basic realm="x", Bearer realm="y"', [
      { scheme: 'basic', params: { realm: 'x' } },
      { scheme: 'bearer', params: { realm: 'y' } }
    ]],
    ['case-insensitive scheme and parameter names', 'BEARER Realm="https://r/token",SERVICE="Reg"', [
      { scheme: 'bearer', params: { realm: 'https://r/token', service: 'Reg' } }
    ]],
    ['an empty quoted value', 'Bearer realm="r",error=""', [
      { scheme: 'bearer', params: { realm: 'r', error: '' } }
    ]],
    ['escaped quotes and backslashes', 'Bearer realm="a\\"b",service="c\\\\d"', [
      { scheme: 'bearer', params: { realm: 'a"b', service: 'c\\d' } }
    ]],
    ['unquoted token values', 'Bearer realm="r", error=invalid_token, service=registry.example.com', [
      { scheme: 'bearer', params: { realm: 'r', error: 'invalid_token', service: 'registry.example.com' } }
    ]],
    ['whitespace around "="', 'Bearer realm = "r" , service= s', [
      { scheme: 'bearer', params: { realm: 'r', service: 's' } }
    ]],
    ['token68', 'Negotiate abc==', [
      { scheme: 'negotiate', params: {}, token68: 'abc==' }
    ]],
    ['token68 then another challenge', 'Negotiate a+b/c=, Basic realm="x"', [
      { scheme: 'negotiate', params: {}, token68: 'a+b/c=' },
      { scheme: 'basic', params: { realm: 'x' } }
    ]],
    ['a scheme without parameters', 'Negotiate, Basic realm="x"', [
      { scheme: 'negotiate', params: {} },
      { scheme: 'basic', params: { realm: 'x' } }
    ]],
    ['extra whitespace and stray commas', ' ,, Bearer   realm="r" ,,\t, service="s" ,, ', [
      { scheme: 'bearer', params: { realm: 'r', service: 's' } }
    ]],
    ['insufficient_scope error', 'Bearer realm="https://r/token",service="reg",scope="repository:a:pull",error="insufficient_scope"', [
      { scheme: 'bearer', params: { realm: 'https://r/token', service: 'reg', scope: 'repository:a:pull', error: 'insufficient_scope' } }
    ]],
    ['the RFC 7235 example', 'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"', [
      { scheme: 'newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      { scheme: 'basic', params: { realm: 'simple' } }
    ]],
    ['an empty header', '', []],
    ['only whitespace and commas', ' , ,\t', []]
  ]

  test.each(rows)('%s', (_scenario, header, expected) => {
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
  const broken: [string, string][] = [
    ['an unterminated quote',           'Bearer realm="https://r/token'],
    ['an unterminated quote mid-list',  'Bearer service="s",realm="abc'],
    ['a trailing backslash in quotes',  'Bearer realm="abc\\'],
    ['a lone quote',                    '"'],
    ['a lone "="',                      '='],
    ['a missing value',                 'Bearer realm='],
    ['garbage',                         '@@@ ((( ))) ;;; "'],
    ['a control character',             'Bearer realm="r"\u0000, Basic realm="x"']
  ]
  test.each(broken)('does not crash on %s', (_scenario, header) => {
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
  const huge: [string, () => string][] = [
    ['one 100k quoted value',        () => `Bearer realm="${'a'.repeat(100_000)}"`],
    ['100k of escapes',              () => `Bearer realm="${'\\"'.repeat(50_000)}"`],
    ['many parameters',              () => 'Bearer ' + 'a=b,'.repeat(25_000)],
    ['many challenges',              () => 'Basic realm="x", '.repeat(6_000)],
    ['one 100k token',               () => `Bearer ${'x'.repeat(100_000)} y`],
    ['100k of "="',                  () => `Bearer ${'='.repeat(100_000)}`],
    ['100k of stray characters',     () => '@'.repeat(100_000)],
    ['an unterminated 100k quote',   () => `Bearer realm="${'a, b='.repeat(20_000)}`]
  ]
  test.each(huge)('parses a 100k-char header: %s', (_scenario, make) => {
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
  // [scenario, header, chosen scheme and realm]
  // prettier-ignore
  const rows: [string, string, { scheme: string; realm?: string } | undefined][] = [
    ['Bearer alone',              HUB,                                          { scheme: 'bearer', realm: 'https://auth.docker.io/token' }],
    ['Basic alone',               'Basic realm="Registry Realm"',               { scheme: 'basic', realm: 'Registry Realm' }],
    ['Basic before Bearer',       'Basic realm="x", Bearer realm="y"',          { scheme: 'bearer', realm: 'y' }],
    ['Bearer before Basic',       CODEBERG,                                     { scheme: 'bearer', realm: 'https://codeberg.org/v2/token' }],
    ['Negotiate then Basic',      'Negotiate abc==, Basic realm="b"',           { scheme: 'basic', realm: 'b' }],
    ['uppercase BEARER',          'BEARER realm="u"',                           { scheme: 'bearer', realm: 'u' }],
    ['only Negotiate',            'Negotiate',                                  undefined],
    ['only Negotiate with token', 'Negotiate abc==',                            undefined],
    ['only Digest',               'Digest realm="d", nonce="n", qop="auth"',   undefined],
    ['nothing',                   '',                                           undefined]
  ]
  test.each(rows)('%s', (_scenario, header, expected) => {
    const chosen = pickChallenge(parseChallenges(header))
    if (expected === undefined) {
      expect(chosen).toBeUndefined()
    } else {
      expect(chosen?.scheme).toBe(expected.scheme)
      expect(chosen?.params.realm).toBe(expected.realm)
    }
  })
})
