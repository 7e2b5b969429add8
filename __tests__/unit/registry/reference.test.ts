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
  interface Row {
    input: string
    domain: string
    path: string
    tag: string | undefined
    digest: string | undefined
    /** The canonical form. */
    canonical: string
  }
  // prettier-ignore
  const rows: Row[] = [
    { input: 'nginx',                               domain: 'docker.io',             path: 'library/nginx', tag: undefined, digest: undefined, canonical: 'docker.io/library/nginx' },
    { input: 'nginx:1.27',                          domain: 'docker.io',             path: 'library/nginx', tag: '1.27',    digest: undefined, canonical: 'docker.io/library/nginx:1.27' },
    { input: 'library/nginx',                       domain: 'docker.io',             path: 'library/nginx', tag: undefined, digest: undefined, canonical: 'docker.io/library/nginx' },
    { input: 'docker.io/nginx',                     domain: 'docker.io',             path: 'library/nginx', tag: undefined, digest: undefined, canonical: 'docker.io/library/nginx' },
    { input: 'index.docker.io/nginx',               domain: 'docker.io',             path: 'library/nginx', tag: undefined, digest: undefined, canonical: 'docker.io/library/nginx' },
    { input: 'index.docker.io/library/nginx:latest',domain: 'docker.io',             path: 'library/nginx', tag: 'latest',  digest: undefined, canonical: 'docker.io/library/nginx:latest' },
    { input: 'docker.io/library/nginx:1.27',        domain: 'docker.io',             path: 'library/nginx', tag: '1.27',    digest: undefined, canonical: 'docker.io/library/nginx:1.27' },
    { input: 'foo/bar',                             domain: 'docker.io',             path: 'foo/bar',       tag: undefined, digest: undefined, canonical: 'docker.io/foo/bar' },
    { input: 'foo/bar/baz:1',                       domain: 'docker.io',             path: 'foo/bar/baz',   tag: '1',       digest: undefined, canonical: 'docker.io/foo/bar/baz:1' },
    { input: 'docker.io/foo/bar',                   domain: 'docker.io',             path: 'foo/bar',       tag: undefined, digest: undefined, canonical: 'docker.io/foo/bar' },
    { input: 'ghcr.io/org/app',                     domain: 'ghcr.io',               path: 'org/app',       tag: undefined, digest: undefined, canonical: 'ghcr.io/org/app' },
    { input: 'ghcr.io/app',                         domain: 'ghcr.io',               path: 'app',           tag: undefined, digest: undefined, canonical: 'ghcr.io/app' },
    { input: 'registry.example.com:5000/team/app:v1',domain: 'registry.example.com:5000',path: 'team/app',  tag: 'v1',      digest: undefined, canonical: 'registry.example.com:5000/team/app:v1' },
    { input: 'localhost:5000/app',                  domain: 'localhost:5000',        path: 'app',           tag: undefined, digest: undefined, canonical: 'localhost:5000/app' },
    { input: 'localhost/app',                       domain: 'localhost',             path: 'app',           tag: undefined, digest: undefined, canonical: 'localhost/app' },
    { input: 'localhost/app:dev',                   domain: 'localhost',             path: 'app',           tag: 'dev',     digest: undefined, canonical: 'localhost/app:dev' },
    { input: '127.0.0.1:5000/app',                  domain: '127.0.0.1:5000',        path: 'app',           tag: undefined, digest: undefined, canonical: '127.0.0.1:5000/app' },
    { input: '[::1]:5000/app',                      domain: '[::1]:5000',            path: 'app',           tag: undefined, digest: undefined, canonical: '[::1]:5000/app' },
    { input: '[::1]/app',                           domain: '[::1]',                 path: 'app',           tag: undefined, digest: undefined, canonical: '[::1]/app' },
    { input: 'myhost:5000/a/b/c@' + D,              domain: 'myhost:5000',           path: 'a/b/c',         tag: undefined, digest: D,         canonical: 'myhost:5000/a/b/c@' + D },
    { input: 'nginx@' + D,                          domain: 'docker.io',             path: 'library/nginx', tag: undefined, digest: D,         canonical: 'docker.io/library/nginx@' + D },
    { input: 'nginx:1.27@' + D,                     domain: 'docker.io',             path: 'library/nginx', tag: '1.27',    digest: D,         canonical: 'docker.io/library/nginx:1.27@' + D },
    { input: 'ghcr.io/org/app:v2@' + D512,          domain: 'ghcr.io',               path: 'org/app',       tag: 'v2',      digest: D512,      canonical: 'ghcr.io/org/app:v2@' + D512 },
    { input: 'MyRegistry/app',                      domain: 'MyRegistry',            path: 'app',           tag: undefined, digest: undefined, canonical: 'MyRegistry/app' },
    { input: 'myregistry:5000/app',                 domain: 'myregistry:5000',       path: 'app',           tag: undefined, digest: undefined, canonical: 'myregistry:5000/app' },
    { input: 'xn--bcher-kva.example/app',           domain: 'xn--bcher-kva.example', path: 'app',           tag: undefined, digest: undefined, canonical: 'xn--bcher-kva.example/app' },
    // ports 1 to 65535
    { input: 'localhost:65535/app',                 domain: 'localhost:65535',       path: 'app',           tag: undefined, digest: undefined, canonical: 'localhost:65535/app' },
    { input: 'registry.example.com:1/app',          domain: 'registry.example.com:1', path: 'app',          tag: undefined, digest: undefined, canonical: 'registry.example.com:1/app' },
    // a single component is always a Docker Hub name, even "localhost:5000"
    { input: 'localhost:5000',                      domain: 'docker.io',             path: 'library/localhost', tag: '5000', digest: undefined, canonical: 'docker.io/library/localhost:5000' },
    { input: 'localhost',                           domain: 'docker.io',             path: 'library/localhost', tag: undefined, digest: undefined, canonical: 'docker.io/library/localhost' },
    { input: 'example.com',                         domain: 'docker.io',             path: 'library/example.com', tag: undefined, digest: undefined, canonical: 'docker.io/library/example.com' },
    // path separators: ".", "_", "__", any run of "-"
    { input: 'a_b__c-d---e/f.g',                    domain: 'docker.io',             path: 'a_b__c-d---e/f.g', tag: undefined, digest: undefined, canonical: 'docker.io/a_b__c-d---e/f.g' },
    { input: '0/1',                                 domain: 'docker.io',             path: '0/1',           tag: undefined, digest: undefined, canonical: 'docker.io/0/1' },
    // tags: letters (any case), digits, "_", ".", "-"; first not "." or "-"
    { input: 'nginx:1.27.3-alpine3.20_slim',        domain: 'docker.io',             path: 'library/nginx', tag: '1.27.3-alpine3.20_slim', digest: undefined, canonical: 'docker.io/library/nginx:1.27.3-alpine3.20_slim' },
    { input: 'nginx:_private',                      domain: 'docker.io',             path: 'library/nginx', tag: '_private', digest: undefined, canonical: 'docker.io/library/nginx:_private' },
    { input: 'nginx:Latest',                        domain: 'docker.io',             path: 'library/nginx', tag: 'Latest',  digest: undefined, canonical: 'docker.io/library/nginx:Latest' },
    { input: 'nginx:' + 'a'.repeat(128),            domain: 'docker.io',             path: 'library/nginx', tag: 'a'.repeat(128), digest: undefined, canonical: 'docker.io/library/nginx:' + 'a'.repeat(128) },
    // distribution/reference limits the path (after library/) to 255, the domain does not count
    { input: 'ghcr.io/' + 'a'.repeat(255),          domain: 'ghcr.io',               path: 'a'.repeat(255), tag: undefined, digest: undefined, canonical: 'ghcr.io/' + 'a'.repeat(255) },
    { input: 'a'.repeat(247),                       domain: 'docker.io',             path: 'library/' + 'a'.repeat(247), tag: undefined, digest: undefined, canonical: 'docker.io/library/' + 'a'.repeat(247) },
    // only a bare 64-hex string is refused (it could be an image ID)
    { input: HEX64 + ':v1',                         domain: 'docker.io',             path: 'library/' + HEX64, tag: 'v1', digest: undefined, canonical: 'docker.io/library/' + HEX64 + ':v1' },
    { input: 'ghcr.io/' + HEX64,                    domain: 'ghcr.io',               path: HEX64,           tag: undefined, digest: undefined, canonical: 'ghcr.io/' + HEX64 }
  ]

  test.each(rows.map((row) => ({ ...row, title: title(row.input) })))(
    '$title',
    ({ input, domain, path, tag, digest, canonical }) => {
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
  interface Row {
    input: string
    /** What the message must mention. */
    rule: RegExp
  }
  // prettier-ignore
  const rows: Row[] = [
    { input: '',                              rule: /empty/ },
    { input: ' ',                             rule: /whitespace/ },
    { input: 'nginx ',                        rule: /whitespace/ },
    { input: 'ngi nx',                        rule: /whitespace/ },
    { input: 'nginx\n',                       rule: /whitespace/ },
    { input: 'https://ghcr.io/x',             rule: /URL scheme/ },
    { input: 'http://localhost:5000/app',     rule: /URL scheme/ },
    { input: 'Nginx',                         rule: /must be lowercase/ },
    { input: 'nginx/Sub',                     rule: /must be lowercase/ },
    { input: 'ghcr.io/Org/App',               rule: /must be lowercase/ },
    { input: 'docker.io/Nginx:1',             rule: /must be lowercase/ },
    { input: 'nginx:',                        rule: /tag/ },
    { input: 'nginx:-bad',                    rule: /tag/ },
    { input: 'nginx:.bad',                    rule: /tag/ },
    { input: 'nginx:b@d',                     rule: /digest/ },
    { input: 'nginx:' + 'a'.repeat(129),      rule: /tag/ },
    { input: 'a..b',                          rule: /path component/ },
    { input: 'a/',                            rule: /path component/ },
    { input: '/a',                            rule: /path component/ },
    { input: 'a//b',                          rule: /path component/ },
    { input: '-a',                            rule: /path component/ },
    { input: 'a-',                            rule: /path component/ },
    { input: 'a___b',                         rule: /path component/ },
    { input: 'a.b_c/d',                       rule: /registry host/ },
    { input: 'ghcr.io/org/a+b',               rule: /path component/ },
    { input: 'nginx:a/b',                     rule: /registry host/ },
    { input: ':5000/app',                     rule: /registry host/ },
    { input: '-bad.example.com/app',          rule: /registry host/ },
    { input: '[zz]:5000/app',                 rule: /registry host/ },
    { input: 'localhost:65536/app',           rule: /port 65536; a port is a number from 1 to 65535/ },
    { input: 'registry.example.com:99999/app', rule: /port 99999; a port is a number from 1 to 65535/ },
    { input: 'localhost:0/app',               rule: /port 0; a port is a number from 1 to 65535/ },
    { input: '[::1]:70000/app',               rule: /port 70000; a port is a number from 1 to 65535/ },
    { input: HEX64,                           rule: /64-character hex/ },
    { input: 'a'.repeat(248),                 rule: /255/ },
    { input: 'ghcr.io/' + 'a'.repeat(256),    rule: /255/ },
    { input: 'ghcr.io/' + 'a/'.repeat(600) + 'a', rule: /1024|255/ },
    { input: '@' + D,                         rule: /empty/ },
    { input: 'nginx@',                        rule: /digest/ },
    { input: 'nginx@sha256:abc',              rule: /64/ },
    { input: 'nginx@sha256:' + 'a'.repeat(63), rule: /64/ },
    { input: 'nginx@sha256:' + 'a'.repeat(65), rule: /64/ },
    { input: 'nginx@sha256:' + 'A'.repeat(64), rule: /lowercase hex/ },
    { input: 'nginx@sha512:' + 'a'.repeat(64), rule: /128/ },
    { input: 'nginx@md5:' + 'a'.repeat(32),   rule: /not supported/ },
    { input: 'nginx@' + D + '@' + D,          rule: /digest/ }
  ]

  test.each(rows.map((row) => ({ ...row, title: title(row.input) })))(
    '$title',
    ({ input, rule }) => {
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
  test.each(valid.map((digest) => ({ digest, title: title(digest) })))(
    'accepts $title',
    ({ digest }) => {
      expect(parseDigest(digest)).toBe(digest)
    }
  )

  // prettier-ignore
  const invalid: { digest: string; rule: RegExp }[] = [
    { digest: '',                              rule: /not valid/ },
    { digest: 'sha256',                        rule: /not valid/ },
    { digest: 'sha256:',                       rule: /not valid/ },
    { digest: ':' + 'a'.repeat(64),            rule: /not valid/ },
    { digest: 'SHA256:' + 'a'.repeat(64),      rule: /not valid/ },
    { digest: 'sha256:' + 'a'.repeat(63),      rule: /64/ },
    { digest: 'sha256:' + 'a'.repeat(128),     rule: /64/ },
    { digest: 'sha256:' + 'A'.repeat(64),      rule: /lowercase hex/ },
    { digest: 'sha256:' + 'g'.repeat(64),      rule: /lowercase hex/ },
    { digest: 'sha512:' + 'a'.repeat(127),     rule: /128/ },
    { digest: 'md5:' + 'a'.repeat(32),         rule: /algorithm "md5" is not supported/ },
    { digest: 'sha384:' + 'a'.repeat(96),      rule: /not supported/ },
    { digest: 'sha256:' + 'a'.repeat(64) + ' ', rule: /not valid/ }
  ]
  test.each(invalid.map((row) => ({ ...row, title: title(row.digest) })))(
    'rejects $title',
    ({ digest, rule }) => {
      expect(() => parseDigest(digest)).toThrow(ReferenceError)
      expect(() => parseDigest(digest)).toThrow(rule)
    }
  )
})

describe('manifestReference', () => {
  // prettier-ignore
  const rows: { input: string; expected: string }[] = [
    { input: 'nginx',                   expected: 'latest' },
    { input: 'nginx:1.27',              expected: '1.27' },
    { input: 'nginx@' + D,              expected: D },
    { input: 'nginx:1.27@' + D,         expected: D }
  ]
  test.each(rows)('$input → $expected', ({ input, expected }) => {
    expect(manifestReference(parseReference(input))).toBe(expected)
  })
})

describe('apiHost and isDockerHub', () => {
  interface Row {
    domain: string
    /** The API host. */
    host: string
    /** Whether it is Docker Hub. */
    hub: boolean
  }
  // prettier-ignore
  const rows: Row[] = [
    { domain: 'docker.io',              host: 'registry-1.docker.io',  hub: true },
    { domain: 'registry-1.docker.io',   host: 'registry-1.docker.io',  hub: true },
    { domain: 'index.docker.io',        host: 'index.docker.io',       hub: true },
    { domain: 'ghcr.io',                host: 'ghcr.io',               hub: false },
    { domain: 'localhost:5000',         host: 'localhost:5000',        hub: false },
    { domain: '[::1]:5000',             host: '[::1]:5000',            hub: false },
    { domain: 'mirror.gcr.io',          host: 'mirror.gcr.io',         hub: false },
    { domain: 'docker.io.example.com',  host: 'docker.io.example.com', hub: false },
    { domain: 'hub.docker.com',         host: 'hub.docker.com',        hub: false }
  ]
  test.each(rows)('$domain → $host (hub: $hub)', ({ domain, host, hub }) => {
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
  const rows: { domain: string; expected: boolean }[] = [
    { domain: 'localhost',             expected: true },
    { domain: 'localhost:5000',        expected: true },
    { domain: 'LOCALHOST:5000',        expected: true },
    { domain: '127.0.0.1',             expected: true },
    { domain: '127.0.0.1:5000',        expected: true },
    { domain: '127.1.2.3',             expected: true },
    { domain: '[::1]',                 expected: true },
    { domain: '[::1]:5000',            expected: true },
    { domain: 'foo.localhost',         expected: true },
    { domain: 'foo.localhost:8080',    expected: true },
    { domain: 'localhost.example.com', expected: false },
    { domain: 'mylocalhost',           expected: false },
    { domain: '128.0.0.1',             expected: false },
    { domain: '10.0.0.1:5000',         expected: false },
    { domain: '127.0.0.1.nip.io',      expected: false },
    { domain: 'example.local',         expected: false },
    { domain: '[::2]:5000',            expected: false },
    { domain: 'ghcr.io',               expected: false },
    { domain: 'docker.io',             expected: false }
  ]
  test.each(rows)('$domain → $expected', ({ domain, expected }) => {
    expect(isLoopbackHost(domain)).toBe(expected)
  })
})
