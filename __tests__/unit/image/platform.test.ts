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
  // [input, canonical os/arch[/variant]]
  // prettier-ignore
  const rows: [string, string][] = [
    ['linux/amd64',        'linux/amd64'],
    ['linux/x86_64',       'linux/amd64'],
    ['linux/x86-64',       'linux/amd64'],
    ['linux/amd64/v1',     'linux/amd64'],
    ['linux/x86_64/v1',    'linux/amd64'],
    ['linux/amd64/v2',     'linux/amd64/v2'],
    ['linux/x86_64/v3',    'linux/amd64/v3'],
    ['linux/amd64/V4',     'linux/amd64/v4'],
    ['linux/arm64',        'linux/arm64'],
    ['linux/aarch64',      'linux/arm64'],
    ['linux/arm64/v8',     'linux/arm64'],
    ['linux/arm64/8',      'linux/arm64'],
    ['linux/arm64/v8.0',   'linux/arm64'],
    ['linux/aarch64/v8',   'linux/arm64'],
    ['linux/arm64/9',      'linux/arm64/v9'],
    ['linux/arm64/9.0',    'linux/arm64/v9'],
    ['linux/arm64/v9.0',   'linux/arm64/v9'],
    ['linux/arm64/v9',     'linux/arm64/v9'],
    ['linux/arm',          'linux/arm/v7'],
    ['linux/arm/7',        'linux/arm/v7'],
    ['linux/arm/v7',       'linux/arm/v7'],
    ['linux/arm/v6',       'linux/arm/v6'],
    ['linux/arm/6',        'linux/arm/v6'],
    ['linux/arm/5',        'linux/arm/v5'],
    ['linux/arm/8',        'linux/arm/v8'],
    ['linux/armhf',        'linux/arm/v7'],
    ['linux/armel',        'linux/arm/v6'],
    ['linux/i386',         'linux/386'],
    ['linux/386',          'linux/386'],
    ['LINUX/AMD64',        'linux/amd64'],
    ['Linux/AArch64/V8',   'linux/arm64'],
    ['macos/arm64',        'darwin/arm64'],
    ['MacOS/x86_64',       'darwin/amd64'],
    ['darwin/arm64',       'darwin/arm64'],
    ['windows/amd64',      'windows/amd64'],
    ['linux/ppc64le',      'linux/ppc64le'],
    ['linux/s390x',        'linux/s390x'],
    ['linux/riscv64',      'linux/riscv64'],
    ['linux/mips64le',     'linux/mips64le'],
    ['freebsd/amd64',      'freebsd/amd64']
  ]
  test.each(rows)('%s → %s', (input, expected) => {
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
  const rows: [Platform, Platform][] = [
    [{ os: 'linux', architecture: 'amd64', variant: '' },      { os: 'linux', architecture: 'amd64' }],
    [{ os: 'linux', architecture: 'amd64', variant: 'v1' },    { os: 'linux', architecture: 'amd64' }],
    [{ os: 'linux', architecture: 'arm64', variant: 'v8' },    { os: 'linux', architecture: 'arm64' }],
    [{ os: 'linux', architecture: 'arm', variant: undefined }, { os: 'linux', architecture: 'arm', variant: 'v7' }],
    [{ os: 'linux', architecture: 'i386', variant: 'v1' },     { os: 'linux', architecture: '386' }],
    [{ os: 'MacOS', architecture: 'ARM64' },                   { os: 'darwin', architecture: 'arm64' }],
    [{ os: 'linux', architecture: 'armhf', variant: 'v6' },    { os: 'linux', architecture: 'arm', variant: 'v7' }],
    [{ os: 'linux', architecture: 'riscv64', variant: 'RVA22' }, { os: 'linux', architecture: 'riscv64', variant: 'rva22' }]
  ]
  test.each(rows)('%j → %j', (input, expected) => {
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
  const rows: [Platform, string][] = [
    [{ os: 'linux', architecture: 'amd64' },                  'linux/amd64'],
    [{ os: 'linux', architecture: 'amd64', variant: '' },     'linux/amd64'],
    [{ os: 'linux', architecture: 'arm', variant: 'v7' },     'linux/arm/v7'],
    [{ os: 'windows', architecture: 'amd64' },                'windows/amd64']
  ]
  test.each(rows)('%j → %s', (p, expected) => {
    expect(formatPlatform(p)).toBe(expected)
  })
})

describe('matchPlatform', () => {
  // [scenario, wanted, candidates as an index lists them, expected index]
  // prettier-ignore
  const rows: [string, string, string[], number][] = [
    ['exact match',                        'linux/amd64',    ['linux/amd64', 'linux/arm64'],                              0],
    ['second entry',                       'linux/arm64',    ['linux/amd64', 'linux/arm64'],                              1],
    ['first match wins',                   'linux/amd64',    ['linux/arm64', 'linux/amd64', 'linux/amd64'],               1],
    ['a typical buildx list',              'linux/arm/v7',   ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/ppc64le', 'linux/s390x'], 2],
    ['attestations are not in the list',   'linux/arm64',    ['linux/amd64', 'linux/arm64'],                              1],
    ['aliases in the index',               'linux/amd64',    ['linux/aarch64', 'linux/x86_64'],                           1],
    ['aliases in the request',             'linux/x86_64',   ['linux/arm64', 'linux/amd64'],                              1],
    ['arm64 matches an arm64/v8 entry',    'linux/arm64',    ['linux/amd64', 'linux/arm64/v8'],                           1],
    ['arm64/v8 matches an arm64 entry',    'linux/arm64/v8', ['linux/amd64', 'linux/arm64'],                              1],
    ['aarch64 matches an arm64 entry',     'linux/aarch64',  ['linux/arm64'],                                             0],
    ['arm64 is not arm/v8',                'linux/arm64',    ['linux/arm/v8', 'linux/arm64'],                             1],
    ['amd64 is not 386',                   'linux/amd64',    ['linux/386', 'linux/amd64'],                                1],
    ['386 is not amd64',                   'linux/386',      ['linux/amd64', 'linux/386'],                                1],
    ['i386 matches 386',                   'linux/i386',     ['linux/amd64', 'linux/386'],                                1],
    ['amd64 matches an amd64/v1 entry',    'linux/amd64',    ['linux/arm64', 'linux/amd64/v1'],                           1],
    ['arm/v7 exact',                       'linux/arm/v7',   ['linux/arm/v6', 'linux/arm/v7'],                            1],
    ['arm means arm/v7',                   'linux/arm',      ['linux/arm/v6', 'linux/arm/v7'],                            1],
    ['armhf means arm/v7',                 'linux/armhf',    ['linux/arm/v6', 'linux/arm/v7'],                            1],
    ['an arm entry without variant is v7', 'linux/arm/v7',   ['linux/arm64', 'linux/arm'],                                1],
    ['arm/v7 falls back to v6',            'linux/arm/v7',   ['linux/arm64', 'linux/arm/v6'],                             1],
    ['arm/v7 falls back to v5',            'linux/arm/v7',   ['linux/arm64', 'linux/arm/v5'],                             1],
    ['arm/v7 prefers v6 over v5',          'linux/arm/v7',   ['linux/arm/v5', 'linux/arm/v6'],                            1],
    ['arm/v7 does not take v8',            'linux/arm/v7',   ['linux/arm/v8', 'linux/arm64'],                             -1],
    ['arm/v6 does not take v7',            'linux/arm/v6',   ['linux/arm/v7'],                                            -1],
    ['arm/v6 falls back to v5',            'linux/arm/v6',   ['linux/arm/v7', 'linux/arm/v5'],                            1],
    ['armel means arm/v6',                 'linux/armel',    ['linux/arm/v7', 'linux/arm/v6'],                            1],
    ['arm/v5 takes only v5',               'linux/arm/v5',   ['linux/arm/v7', 'linux/arm/v6'],                            -1],
    ['amd64/v3 exact',                     'linux/amd64/v3', ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3'],        2],
    ['amd64/v3 falls back to v2',          'linux/amd64/v3', ['linux/amd64', 'linux/amd64/v2'],                          1],
    ['amd64/v3 falls back to plain amd64', 'linux/amd64/v3', ['linux/arm64', 'linux/amd64'],                             1],
    ['amd64/v3 falls back to amd64/v1',    'linux/amd64/v3', ['linux/arm64', 'linux/amd64/v1'],                          1],
    ['amd64/v3 does not take v4',          'linux/amd64/v3', ['linux/amd64/v4'],                                          -1],
    ['amd64/v2 does not take v3',          'linux/amd64/v2', ['linux/amd64/v3', 'linux/amd64'],                          1],
    ['plain amd64 prefers the plain entry','linux/amd64',    ['linux/amd64/v2', 'linux/amd64'],                          1],
    ['plain amd64 takes a lone amd64/v2',  'linux/amd64',    ['linux/arm64', 'linux/amd64/v2'],                          1],
    ['plain arm64 takes a lone arm64/v9',  'linux/arm64',    ['linux/amd64', 'linux/arm64/v9'],                          1],
    ['windows is not linux',               'linux/amd64',    ['windows/amd64'],                                           -1],
    ['linux is not windows',               'windows/amd64',  ['linux/amd64', 'windows/amd64'],                           1],
    ['macos means darwin',                 'macos/arm64',    ['linux/arm64', 'darwin/arm64'],                            1],
    ['uppercase request',                  'LINUX/ARM64',    ['linux/amd64', 'linux/arm64'],                             1],
    ['no match',                           'linux/s390x',    ['linux/amd64', 'linux/arm64'],                             -1],
    ['an empty list',                      'linux/amd64',    [],                                                          -1]
  ]
  test.each(rows)('%s', (_scenario, wanted, candidates, expected) => {
    expect(matchPlatform(raw(wanted), candidates.map(raw))).toBe(expected)
  })

  test('does not modify the candidates', () => {
    const candidates = [raw('linux/x86_64'), raw('linux/aarch64/v8')]
    matchPlatform(raw('linux/arm64'), candidates)
    expect(candidates).toEqual([raw('linux/x86_64'), raw('linux/aarch64/v8')])
  })
})
