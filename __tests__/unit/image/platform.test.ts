import { describe, expect, test } from '@jest/globals'
import {
  formatPlatform,
  matchPlatform,
  normalizePlatform,
  parsePlatform,
  type Platform
} from '../../../src/image/platform.js'

/** `os/arch[/variant]` → Platform, without normalizing (as an index lists it). */
function raw(text: string): Platform {
  const [os, architecture, variant] = text.split('/')
  return variant === undefined
    ? { os, architecture }
    : { os, architecture, variant }
}

describe('parsePlatform normalizes like containerd', () => {
  interface Row {
    input: string
    /** The canonical os/arch[/variant]. */
    expected: string
  }
  // prettier-ignore
  const rows: Row[] = [
    { input: 'linux/amd64',        expected: 'linux/amd64' },
    { input: 'linux/x86_64',       expected: 'linux/amd64' },
    { input: 'linux/x86-64',       expected: 'linux/amd64' },
    { input: 'linux/amd64/v1',     expected: 'linux/amd64' },
    { input: 'linux/x86_64/v1',    expected: 'linux/amd64' },
    { input: 'linux/amd64/v2',     expected: 'linux/amd64/v2' },
    { input: 'linux/x86_64/v3',    expected: 'linux/amd64/v3' },
    { input: 'linux/amd64/V4',     expected: 'linux/amd64/v4' },
    { input: 'linux/arm64',        expected: 'linux/arm64' },
    { input: 'linux/aarch64',      expected: 'linux/arm64' },
    { input: 'linux/arm64/v8',     expected: 'linux/arm64' },
    { input: 'linux/arm64/8',      expected: 'linux/arm64' },
    { input: 'linux/arm64/v8.0',   expected: 'linux/arm64' },
    { input: 'linux/aarch64/v8',   expected: 'linux/arm64' },
    { input: 'linux/arm64/9',      expected: 'linux/arm64/v9' },
    { input: 'linux/arm64/9.0',    expected: 'linux/arm64/v9' },
    { input: 'linux/arm64/v9.0',   expected: 'linux/arm64/v9' },
    { input: 'linux/arm64/v9',     expected: 'linux/arm64/v9' },
    { input: 'linux/arm',          expected: 'linux/arm/v7' },
    { input: 'linux/arm/7',        expected: 'linux/arm/v7' },
    { input: 'linux/arm/v7',       expected: 'linux/arm/v7' },
    { input: 'linux/arm/v6',       expected: 'linux/arm/v6' },
    { input: 'linux/arm/6',        expected: 'linux/arm/v6' },
    { input: 'linux/arm/5',        expected: 'linux/arm/v5' },
    { input: 'linux/arm/8',        expected: 'linux/arm/v8' },
    { input: 'linux/armhf',        expected: 'linux/arm/v7' },
    { input: 'linux/armel',        expected: 'linux/arm/v6' },
    { input: 'linux/i386',         expected: 'linux/386' },
    { input: 'linux/386',          expected: 'linux/386' },
    { input: 'LINUX/AMD64',        expected: 'linux/amd64' },
    { input: 'Linux/AArch64/V8',   expected: 'linux/arm64' },
    { input: 'macos/arm64',        expected: 'darwin/arm64' },
    { input: 'MacOS/x86_64',       expected: 'darwin/amd64' },
    { input: 'darwin/arm64',       expected: 'darwin/arm64' },
    { input: 'windows/amd64',      expected: 'windows/amd64' },
    { input: 'linux/ppc64le',      expected: 'linux/ppc64le' },
    { input: 'linux/s390x',        expected: 'linux/s390x' },
    { input: 'linux/riscv64',      expected: 'linux/riscv64' },
    { input: 'linux/mips64le',     expected: 'linux/mips64le' },
    { input: 'freebsd/amd64',      expected: 'freebsd/amd64' }
  ]
  test.each(rows)('$input → $expected', ({ input, expected }) => {
    const p = parsePlatform(input)
    expect(p).toBeDefined()
    expect(formatPlatform(p as Platform)).toBe(expected)
    // a canonical platform has no `variant` key at all when it has none
    expect(p).toStrictEqual(raw(expected))
    // normalizing is idempotent
    expect(normalizePlatform(p as Platform)).toStrictEqual(p)
  })

  // prettier-ignore
  const invalid: string[] = [
    '',
    'linux',
    'amd64',
    'linux/',
    '/amd64',
    '/',
    'linux//amd64',
    'linux/amd64/',
    'a/b/c/d',
    'linux amd64',
    ' linux/amd64',
    'linux/amd64 ',
    'linux\\amd64',
    'linux/amd64\n',
    'linux:amd64'
  ]
  test.each(invalid)('%j is not a platform', (input) => {
    expect(parsePlatform(input)).toBeUndefined()
  })
})

describe('normalizePlatform', () => {
  // prettier-ignore
  const rows: { input: Platform; expected: Platform }[] = [
    { input: { os: 'linux', architecture: 'amd64', variant: '' },      expected: { os: 'linux', architecture: 'amd64' } },
    { input: { os: 'linux', architecture: 'amd64', variant: 'v1' },    expected: { os: 'linux', architecture: 'amd64' } },
    { input: { os: 'linux', architecture: 'arm64', variant: 'v8' },    expected: { os: 'linux', architecture: 'arm64' } },
    { input: { os: 'linux', architecture: 'arm', variant: undefined }, expected: { os: 'linux', architecture: 'arm', variant: 'v7' } },
    { input: { os: 'linux', architecture: 'i386', variant: 'v1' },     expected: { os: 'linux', architecture: '386' } },
    { input: { os: 'MacOS', architecture: 'ARM64' },                   expected: { os: 'darwin', architecture: 'arm64' } },
    { input: { os: 'linux', architecture: 'armhf', variant: 'v6' },    expected: { os: 'linux', architecture: 'arm', variant: 'v7' } },
    { input: { os: 'linux', architecture: 'riscv64', variant: 'RVA22' }, expected: { os: 'linux', architecture: 'riscv64', variant: 'rva22' } }
  ]
  test.each(rows)('$input → $expected', ({ input, expected }) => {
    expect(normalizePlatform(input)).toStrictEqual(expected)
  })

  test('does not modify its argument', () => {
    const input: Platform = {
      os: 'Linux',
      architecture: 'x86_64',
      variant: 'v1'
    }
    normalizePlatform(input)
    expect(input).toEqual({
      os: 'Linux',
      architecture: 'x86_64',
      variant: 'v1'
    })
  })
})

describe('formatPlatform', () => {
  // prettier-ignore
  const rows: { platform: Platform; expected: string }[] = [
    { platform: { os: 'linux', architecture: 'amd64' },                  expected: 'linux/amd64' },
    { platform: { os: 'linux', architecture: 'amd64', variant: '' },     expected: 'linux/amd64' },
    { platform: { os: 'linux', architecture: 'arm', variant: 'v7' },     expected: 'linux/arm/v7' },
    { platform: { os: 'windows', architecture: 'amd64' },                expected: 'windows/amd64' }
  ]
  test.each(rows)('$platform → $expected', ({ platform, expected }) => {
    expect(formatPlatform(platform)).toBe(expected)
  })
})

describe('matchPlatform', () => {
  interface Row {
    name: string
    wanted: string
    /** The candidates as an index lists them. */
    candidates: string[]
    /** The index matchPlatform picks, -1 for none. */
    expected: number
  }
  // prettier-ignore
  const rows: Row[] = [
    { name: 'exact match',                        wanted: 'linux/amd64',    candidates: ['linux/amd64', 'linux/arm64'],                              expected: 0 },
    { name: 'second entry',                       wanted: 'linux/arm64',    candidates: ['linux/amd64', 'linux/arm64'],                              expected: 1 },
    { name: 'first match wins',                   wanted: 'linux/amd64',    candidates: ['linux/arm64', 'linux/amd64', 'linux/amd64'],               expected: 1 },
    { name: 'a typical buildx list',              wanted: 'linux/arm/v7',   candidates: ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/ppc64le', 'linux/s390x'], expected: 2 },
    { name: 'attestations are not in the list',   wanted: 'linux/arm64',    candidates: ['linux/amd64', 'linux/arm64'],                              expected: 1 },
    { name: 'aliases in the index',               wanted: 'linux/amd64',    candidates: ['linux/aarch64', 'linux/x86_64'],                           expected: 1 },
    { name: 'aliases in the request',             wanted: 'linux/x86_64',   candidates: ['linux/arm64', 'linux/amd64'],                              expected: 1 },
    { name: 'arm64 matches an arm64/v8 entry',    wanted: 'linux/arm64',    candidates: ['linux/amd64', 'linux/arm64/v8'],                           expected: 1 },
    { name: 'arm64/v8 matches an arm64 entry',    wanted: 'linux/arm64/v8', candidates: ['linux/amd64', 'linux/arm64'],                              expected: 1 },
    { name: 'aarch64 matches an arm64 entry',     wanted: 'linux/aarch64',  candidates: ['linux/arm64'],                                             expected: 0 },
    { name: 'arm64 is not arm/v8',                wanted: 'linux/arm64',    candidates: ['linux/arm/v8', 'linux/arm64'],                             expected: 1 },
    { name: 'amd64 is not 386',                   wanted: 'linux/amd64',    candidates: ['linux/386', 'linux/amd64'],                                expected: 1 },
    { name: '386 is not amd64',                   wanted: 'linux/386',      candidates: ['linux/amd64', 'linux/386'],                                expected: 1 },
    { name: 'i386 matches 386',                   wanted: 'linux/i386',     candidates: ['linux/amd64', 'linux/386'],                                expected: 1 },
    { name: 'amd64 matches an amd64/v1 entry',    wanted: 'linux/amd64',    candidates: ['linux/arm64', 'linux/amd64/v1'],                           expected: 1 },
    { name: 'arm/v7 exact',                       wanted: 'linux/arm/v7',   candidates: ['linux/arm/v6', 'linux/arm/v7'],                            expected: 1 },
    { name: 'arm means arm/v7',                   wanted: 'linux/arm',      candidates: ['linux/arm/v6', 'linux/arm/v7'],                            expected: 1 },
    { name: 'armhf means arm/v7',                 wanted: 'linux/armhf',    candidates: ['linux/arm/v6', 'linux/arm/v7'],                            expected: 1 },
    { name: 'an arm entry without variant is v7', wanted: 'linux/arm/v7',   candidates: ['linux/arm64', 'linux/arm'],                                expected: 1 },
    { name: 'arm/v7 falls back to v6',            wanted: 'linux/arm/v7',   candidates: ['linux/arm64', 'linux/arm/v6'],                             expected: 1 },
    { name: 'arm/v7 falls back to v5',            wanted: 'linux/arm/v7',   candidates: ['linux/arm64', 'linux/arm/v5'],                             expected: 1 },
    { name: 'arm/v7 prefers v6 over v5',          wanted: 'linux/arm/v7',   candidates: ['linux/arm/v5', 'linux/arm/v6'],                            expected: 1 },
    { name: 'arm/v7 does not take v8',            wanted: 'linux/arm/v7',   candidates: ['linux/arm/v8', 'linux/arm64'],                             expected: -1 },
    { name: 'arm/v6 does not take v7',            wanted: 'linux/arm/v6',   candidates: ['linux/arm/v7'],                                            expected: -1 },
    { name: 'arm/v6 falls back to v5',            wanted: 'linux/arm/v6',   candidates: ['linux/arm/v7', 'linux/arm/v5'],                            expected: 1 },
    { name: 'armel means arm/v6',                 wanted: 'linux/armel',    candidates: ['linux/arm/v7', 'linux/arm/v6'],                            expected: 1 },
    { name: 'arm/v5 takes only v5',               wanted: 'linux/arm/v5',   candidates: ['linux/arm/v7', 'linux/arm/v6'],                            expected: -1 },
    { name: 'amd64/v3 exact',                     wanted: 'linux/amd64/v3', candidates: ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3'],        expected: 2 },
    { name: 'amd64/v3 falls back to v2',          wanted: 'linux/amd64/v3', candidates: ['linux/amd64', 'linux/amd64/v2'],                          expected: 1 },
    { name: 'amd64/v3 falls back to plain amd64', wanted: 'linux/amd64/v3', candidates: ['linux/arm64', 'linux/amd64'],                             expected: 1 },
    { name: 'amd64/v3 falls back to amd64/v1',    wanted: 'linux/amd64/v3', candidates: ['linux/arm64', 'linux/amd64/v1'],                          expected: 1 },
    { name: 'amd64/v3 does not take v4',          wanted: 'linux/amd64/v3', candidates: ['linux/amd64/v4'],                                          expected: -1 },
    { name: 'amd64/v2 does not take v3',          wanted: 'linux/amd64/v2', candidates: ['linux/amd64/v3', 'linux/amd64'],                          expected: 1 },
    { name: 'arm64/v8.2 exact',                   wanted: 'linux/arm64/v8.2', candidates: ['linux/arm64', 'linux/arm64/v8.1', 'linux/arm64/v8.2'], expected: 2 },
    { name: 'arm64/v8.2 falls back to v8.1',      wanted: 'linux/arm64/v8.2', candidates: ['linux/arm64', 'linux/arm64/v8.1'],                      expected: 1 },
    { name: 'arm64/v8.1 falls back to plain arm64', wanted: 'linux/arm64/v8.1', candidates: ['linux/amd64', 'linux/arm64'],                         expected: 1 },
    { name: 'arm64/v8.1 falls back to arm64/v8',  wanted: 'linux/arm64/v8.1', candidates: ['linux/amd64', 'linux/arm64/v8'],                        expected: 1 },
    { name: 'arm64/v8.1 does not take v8.2',      wanted: 'linux/arm64/v8.1', candidates: ['linux/arm64/v8.2', 'linux/arm64'],                      expected: 1 },
    { name: 'arm64/v8.1 does not take v9',        wanted: 'linux/arm64/v8.1', candidates: ['linux/arm64/v9'],                                        expected: -1 },
    { name: 'arm64/v9 falls back to plain arm64', wanted: 'linux/arm64/v9',   candidates: ['linux/amd64', 'linux/arm64'],                           expected: 1 },
    { name: 'arm64/v9 prefers v9 over plain',     wanted: 'linux/arm64/v9',   candidates: ['linux/arm64', 'linux/arm64/v9'],                        expected: 1 },
    { name: 'arm64/v9 takes v8.5 (v9 forked from it)', wanted: 'linux/arm64/v9', candidates: ['linux/arm64', 'linux/arm64/v8.5'],                  expected: 1 },
    { name: 'arm64/v9 prefers v8.5 over v8.4',    wanted: 'linux/arm64/v9',   candidates: ['linux/arm64/v8.4', 'linux/arm64/v8.5', 'linux/arm64'],  expected: 1 },
    { name: 'arm64/v9 does not take v8.6',        wanted: 'linux/arm64/v9',   candidates: ['linux/arm64/v8.6'],                                      expected: -1 },
    { name: 'arm64/v9.1 prefers v9 over v8.6',    wanted: 'linux/arm64/v9.1', candidates: ['linux/arm64/v8.6', 'linux/arm64/v9'],                   expected: 1 },
    { name: 'arm64/v9.1 takes v8.6',              wanted: 'linux/arm64/v9.1', candidates: ['linux/arm64', 'linux/arm64/v8.6'],                      expected: 1 },
    { name: 'arm64/v9.1 does not take v9.2',      wanted: 'linux/arm64/v9.1', candidates: ['linux/arm64/v9.2', 'linux/arm64/v8.7'],                 expected: -1 },
    { name: 'arm64/v9.6 falls back to plain arm64', wanted: 'linux/arm64/v9.6', candidates: ['linux/amd64', 'linux/arm64'],                         expected: 1 },
    { name: 'arm64/v9.5 takes v8.9 over v8.1',    wanted: 'linux/arm64/v9.5', candidates: ['linux/arm64/v8.1', 'linux/arm64/v8.9'],                 expected: 1 },
    { name: 'aarch64/v9 matches an arm64/v8 entry', wanted: 'linux/aarch64/9', candidates: ['linux/arm/v8', 'linux/arm64/v8'],                     expected: 1 },
    { name: 'plain arm64 prefers plain over v8.1', wanted: 'linux/arm64',      candidates: ['linux/arm64/v8.1', 'linux/arm64'],             expected: 1 },
    { name: 'plain amd64 prefers the plain entry',wanted: 'linux/amd64',    candidates: ['linux/amd64/v2', 'linux/amd64'],                          expected: 1 },
    { name: 'plain amd64 takes a lone amd64/v2',  wanted: 'linux/amd64',    candidates: ['linux/arm64', 'linux/amd64/v2'],                          expected: 1 },
    { name: 'plain arm64 takes a lone arm64/v9',  wanted: 'linux/arm64',    candidates: ['linux/amd64', 'linux/arm64/v9'],                          expected: 1 },
    { name: 'windows is not linux',               wanted: 'linux/amd64',    candidates: ['windows/amd64'],                                           expected: -1 },
    { name: 'linux is not windows',               wanted: 'windows/amd64',  candidates: ['linux/amd64', 'windows/amd64'],                           expected: 1 },
    { name: 'macos means darwin',                 wanted: 'macos/arm64',    candidates: ['linux/arm64', 'darwin/arm64'],                            expected: 1 },
    { name: 'uppercase request',                  wanted: 'LINUX/ARM64',    candidates: ['linux/amd64', 'linux/arm64'],                             expected: 1 },
    { name: 'no match',                           wanted: 'linux/s390x',    candidates: ['linux/amd64', 'linux/arm64'],                             expected: -1 },
    { name: 'an empty list',                      wanted: 'linux/amd64',    candidates: [],                                                          expected: -1 }
  ]
  test.each(rows)('$name', ({ wanted, candidates, expected }) => {
    expect(matchPlatform(raw(wanted), candidates.map(raw))).toBe(expected)
  })

  test('does not modify the candidates', () => {
    const candidates = [raw('linux/x86_64'), raw('linux/aarch64/v8')]
    matchPlatform(raw('linux/arm64'), candidates)
    expect(candidates).toEqual([raw('linux/x86_64'), raw('linux/aarch64/v8')])
  })
})
