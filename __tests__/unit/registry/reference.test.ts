import { describe, expect, test } from '@jest/globals'
import {
  ReferenceError,
  apiHost,
  formatReference,
  isDockerHub,
  isLoopbackHost,
  manifestReference,
  parseDigest,
  parseReference
} from '../../../src/registry/reference.js'

const D = `sha256:${'0123456789abcdef'.repeat(4)}`
const D512 = `sha512:${'0123456789abcdef'.repeat(8)}`
const HEX64 = 'a1b2c3d4'.repeat(8)

/** Short test titles for long inputs. */
const title = (s: string): string =>
  s.length > 70 ? `${s.slice(0, 40)}…(${s.length} chars)` : JSON.stringify(s)

function parseError(input: string): ReferenceError {
  try {
    parseReference(input)
  } catch (error) {
    expect(error).toBeInstanceOf(ReferenceError)
    return error as ReferenceError
  }
  throw new Error(`parseReference(${title(input)}) did not throw`)
}

describe('parseReference normalizes like the docker CLI', () => {
  // [input, domain, path, tag, digest, canonical form]
  // prettier-ignore
  const rows: [string, string, string, string | undefined, string | undefined, string][] = [
    ['nginx',                               'docker.io',             'library/nginx', undefined, undefined, 'docker.io/library/nginx'],
    ['nginx:1.27',                          'docker.io',             'library/nginx', '1.27',    undefined, 'docker.io/library/nginx:1.27'],
    ['library/nginx',                       'docker.io',             'library/nginx', undefined, undefined, 'docker.io/library/nginx'],
    ['docker.io/nginx',                     'docker.io',             'library/nginx', undefined, undefined, 'docker.io/library/nginx'],
    ['index.docker.io/nginx',               'docker.io',             'library/nginx', undefined, undefined, 'docker.io/library/nginx'],
    ['index.docker.io/library/nginx:latest','docker.io',             'library/nginx', 'latest',  undefined, 'docker.io/library/nginx:latest'],
    ['docker.io/library/nginx:1.27',        'docker.io',             'library/nginx', '1.27',    undefined, 'docker.io/library/nginx:1.27'],
    ['foo/bar',                             'docker.io',             'foo/bar',       undefined, undefined, 'docker.io/foo/bar'],
    ['foo/bar/baz:1',                       'docker.io',             'foo/bar/baz',   '1',       undefined, 'docker.io/foo/bar/baz:1'],
    ['docker.io/foo/bar',                   'docker.io',             'foo/bar',       undefined, undefined, 'docker.io/foo/bar'],
    ['ghcr.io/org/app',                     'ghcr.io',               'org/app',       undefined, undefined, 'ghcr.io/org/app'],
    ['ghcr.io/app',                         'ghcr.io',               'app',           undefined, undefined, 'ghcr.io/app'],
    ['registry.example.com:5000/team/app:v1','registry.example.com:5000','team/app',  'v1',      undefined, 'registry.example.com:5000/team/app:v1'],
    ['localhost:5000/app',                  'localhost:5000',        'app',           undefined, undefined, 'localhost:5000/app'],
    ['localhost/app',                       'localhost',             'app',           undefined, undefined, 'localhost/app'],
    ['localhost/app:dev',                   'localhost',             'app',           'dev',     undefined, 'localhost/app:dev'],
    ['127.0.0.1:5000/app',                  '127.0.0.1:5000',        'app',           undefined, undefined, '127.0.0.1:5000/app'],
    ['[::1]:5000/app',                      '[::1]:5000',            'app',           undefined, undefined, '[::1]:5000/app'],
    ['[::1]/app',                           '[::1]',                 'app',           undefined, undefined, '[::1]/app'],
    ['myhost:5000/a/b/c@' + D,              'myhost:5000',           'a/b/c',         undefined, D,         'myhost:5000/a/b/c@' + D],
    ['nginx@' + D,                          'docker.io',             'library/nginx', undefined, D,         'docker.io/library/nginx@' + D],
    ['nginx:1.27@' + D,                     'docker.io',             'library/nginx', '1.27',    D,         'docker.io/library/nginx:1.27@' + D],
    ['ghcr.io/org/app:v2@' + D512,          'ghcr.io',               'org/app',       'v2',      D512,      'ghcr.io/org/app:v2@' + D512],
    ['MyRegistry/app',                      'MyRegistry',            'app',           undefined, undefined, 'MyRegistry/app'],
    ['myregistry:5000/app',                 'myregistry:5000',       'app',           undefined, undefined, 'myregistry:5000/app'],
    ['xn--bcher-kva.example/app',           'xn--bcher-kva.example', 'app',           undefined, undefined, 'xn--bcher-kva.example/app'],
    // ports 1 to 65535
    ['localhost:65535/app',                 'localhost:65535',       'app',           undefined, undefined, 'localhost:65535/app'],
    ['registry.example.com:1/app',          'registry.example.com:1', 'app',          undefined, undefined, 'registry.example.com:1/app'],
    // a single component is always a Docker Hub name, even "localhost:5000"
    ['localhost:5000',                      'docker.io',             'library/localhost', '5000', undefined, 'docker.io/library/localhost:5000'],
    ['localhost',                           'docker.io',             'library/localhost', undefined, undefined, 'docker.io/library/localhost'],
    ['example.com',                         'docker.io',             'library/example.com', undefined, undefined, 'docker.io/library/example.com'],
    // path separators: ".", "_", "__", any run of "-"
    ['a_b__c-d---e/f.g',                    'docker.io',             'a_b__c-d---e/f.g', undefined, undefined, 'docker.io/a_b__c-d---e/f.g'],
    ['0/1',                                 'docker.io',             '0/1',           undefined, undefined, 'docker.io/0/1'],
    // tags: letters (any case), digits, "_", ".", "-"; first not "." or "-"
    ['nginx:1.27.3-alpine3.20_slim',        'docker.io',             'library/nginx', '1.27.3-alpine3.20_slim', undefined, 'docker.io/library/nginx:1.27.3-alpine3.20_slim'],
    ['nginx:_private',                      'docker.io',             'library/nginx', '_private', undefined, 'docker.io/library/nginx:_private'],
    ['nginx:Latest',                        'docker.io',             'library/nginx', 'Latest',  undefined, 'docker.io/library/nginx:Latest'],
    ['nginx:' + 'a'.repeat(128),            'docker.io',             'library/nginx', 'a'.repeat(128), undefined, 'docker.io/library/nginx:' + 'a'.repeat(128)],
    // distribution/reference limits the path (after library/) to 255, the domain does not count
    ['ghcr.io/' + 'a'.repeat(255),          'ghcr.io',               'a'.repeat(255), undefined, undefined, 'ghcr.io/' + 'a'.repeat(255)],
    ['a'.repeat(247),                       'docker.io',             'library/' + 'a'.repeat(247), undefined, undefined, 'docker.io/library/' + 'a'.repeat(247)],
    // only a bare 64-hex string is refused (it could be an image ID)
    [HEX64 + ':v1',                         'docker.io',             'library/' + HEX64, 'v1', undefined, 'docker.io/library/' + HEX64 + ':v1'],
    ['ghcr.io/' + HEX64,                    'ghcr.io',               HEX64,           undefined, undefined, 'ghcr.io/' + HEX64]
  ]

  test.each(rows.map((r) => [title(r[0]), ...r] as const))(
    '%s',
    (_title, input, domain, path, tag, digest, canonical) => {
      const ref = parseReference(input)
      expect(ref.domain).toBe(domain)
      expect(ref.path).toBe(path)
      expect(ref.tag).toBe(tag)
      expect(ref.digest).toBe(digest)
      expect(formatReference(ref)).toBe(canonical)
      // the canonical form parses back to the same reference
      expect(parseReference(canonical)).toEqual(ref)
    }
  )
})

describe('parseReference rejects what docker rejects, naming the rule', () => {
  // [input, what the message must mention]
  // prettier-ignore
  const rows: [string, RegExp][] = [
    ['',                              /empty/],
    [' ',                             /whitespace/],
    ['nginx ',                        /whitespace/],
    ['ngi nx',                        /whitespace/],
    ['nginx\n',                       /whitespace/],
    ['https://ghcr.io/x',             /URL scheme/],
    ['http://localhost:5000/app',     /URL scheme/],
    ['Nginx',                         /must be lowercase/],
    ['nginx/Sub',                     /must be lowercase/],
    ['ghcr.io/Org/App',               /must be lowercase/],
    ['docker.io/Nginx:1',             /must be lowercase/],
    ['nginx:',                        /tag/],
    ['nginx:-bad',                    /tag/],
    ['nginx:.bad',                    /tag/],
    ['nginx:b@d',                     /digest/],
    ['nginx:' + 'a'.repeat(129),      /tag/],
    ['a..b',                          /path component/],
    ['a/',                            /path component/],
    ['/a',                            /path component/],
    ['a//b',                          /path component/],
    ['-a',                            /path component/],
    ['a-',                            /path component/],
    ['a___b',                         /path component/],
    ['a.b_c/d',                       /registry host/],
    ['ghcr.io/org/a+b',               /path component/],
    ['nginx:a/b',                     /registry host/],
    [':5000/app',                     /registry host/],
    ['-bad.example.com/app',          /registry host/],
    ['[zz]:5000/app',                 /registry host/],
    ['localhost:65536/app',           /port 65536; a port is a number from 1 to 65535/],
    ['registry.example.com:99999/app', /port 99999; a port is a number from 1 to 65535/],
    ['localhost:0/app',               /port 0; a port is a number from 1 to 65535/],
    ['[::1]:70000/app',               /port 70000; a port is a number from 1 to 65535/],
    [HEX64,                           /64-character hex/],
    ['a'.repeat(248),                 /255/],
    ['ghcr.io/' + 'a'.repeat(256),    /255/],
    ['ghcr.io/' + 'a/'.repeat(600) + 'a', /1024|255/],
    ['@' + D,                         /empty/],
    ['nginx@',                        /digest/],
    ['nginx@sha256:abc',              /64/],
    ['nginx@sha256:' + 'a'.repeat(63), /64/],
    ['nginx@sha256:' + 'a'.repeat(65), /64/],
    ['nginx@sha256:' + 'A'.repeat(64), /lowercase hex/],
    ['nginx@sha512:' + 'a'.repeat(64), /128/],
    ['nginx@md5:' + 'a'.repeat(32),   /not supported/],
    ['nginx@' + D + '@' + D,          /digest/]
  ]

  test.each(rows.map((r) => [title(r[0]), ...r] as const))(
    '%s',
    (_title, input, rule) => {
      const error = parseError(input)
      expect(error.name).toBe('ReferenceError')
      expect(error.message).toMatch(rule)
      expect(error.rule).toBe(error.message)
    }
  )
})

describe('parseDigest', () => {
  // prettier-ignore
  const valid: string[] = [
    D,
    D512,
    'sha256:' + 'f'.repeat(64)
  ]
  test.each(valid.map((d) => [title(d), d]))('accepts %s', (_t, digest) => {
    expect(parseDigest(digest)).toBe(digest)
  })

  // prettier-ignore
  const invalid: [string, RegExp][] = [
    ['',                              /not valid/],
    ['sha256',                        /not valid/],
    ['sha256:',                       /not valid/],
    [':' + 'a'.repeat(64),            /not valid/],
    ['SHA256:' + 'a'.repeat(64),      /not valid/],
    ['sha256:' + 'a'.repeat(63),      /64/],
    ['sha256:' + 'a'.repeat(128),     /64/],
    ['sha256:' + 'A'.repeat(64),      /lowercase hex/],
    ['sha256:' + 'g'.repeat(64),      /lowercase hex/],
    ['sha512:' + 'a'.repeat(127),     /128/],
    ['md5:' + 'a'.repeat(32),         /algorithm "md5" is not supported/],
    ['sha384:' + 'a'.repeat(96),      /not supported/],
    ['sha256:' + 'a'.repeat(64) + ' ', /not valid/]
  ]
  test.each(invalid.map((r) => [title(r[0]), ...r] as const))(
    'rejects %s',
    (_t, digest, rule) => {
      expect(() => parseDigest(digest)).toThrow(ReferenceError)
      expect(() => parseDigest(digest)).toThrow(rule)
    }
  )
})

describe('manifestReference', () => {
  // prettier-ignore
  const rows: [string, string][] = [
    ['nginx',                   'latest'],
    ['nginx:1.27',              '1.27'],
    ['nginx@' + D,              D],
    ['nginx:1.27@' + D,         D]
  ]
  test.each(rows)('%s → %s', (input, expected) => {
    expect(manifestReference(parseReference(input))).toBe(expected)
  })
})

describe('apiHost and isDockerHub', () => {
  // [domain, API host, is Docker Hub]
  // prettier-ignore
  const rows: [string, string, boolean][] = [
    ['docker.io',              'registry-1.docker.io',  true],
    ['registry-1.docker.io',   'registry-1.docker.io',  true],
    ['index.docker.io',        'index.docker.io',       true],
    ['ghcr.io',                'ghcr.io',               false],
    ['localhost:5000',         'localhost:5000',        false],
    ['[::1]:5000',             '[::1]:5000',            false],
    ['mirror.gcr.io',          'mirror.gcr.io',         false],
    ['docker.io.example.com',  'docker.io.example.com', false],
    ['hub.docker.com',         'hub.docker.com',        false]
  ]
  test.each(rows)('%s → %s (hub: %s)', (domain, host, hub) => {
    expect(apiHost(domain)).toBe(host)
    expect(isDockerHub(domain)).toBe(hub)
  })

  test('every parsed Docker Hub name is served by registry-1.docker.io', () => {
    for (const input of ['nginx', 'docker.io/nginx', 'index.docker.io/a/b']) {
      expect(apiHost(parseReference(input).domain)).toBe('registry-1.docker.io')
    }
  })
})

describe('isLoopbackHost', () => {
  // prettier-ignore
  const rows: [string, boolean][] = [
    ['localhost',             true],
    ['localhost:5000',        true],
    ['LOCALHOST:5000',        true],
    ['127.0.0.1',             true],
    ['127.0.0.1:5000',        true],
    ['127.1.2.3',             true],
    ['[::1]',                 true],
    ['[::1]:5000',            true],
    ['foo.localhost',         true],
    ['foo.localhost:8080',    true],
    ['localhost.example.com', false],
    ['mylocalhost',           false],
    ['128.0.0.1',             false],
    ['10.0.0.1:5000',         false],
    ['127.0.0.1.nip.io',      false],
    ['example.local',         false],
    ['[::2]:5000',            false],
    ['ghcr.io',               false],
    ['docker.io',             false]
  ]
  test.each(rows)('%s → %s', (domain, expected) => {
    expect(isLoopbackHost(domain)).toBe(expected)
  })
})
