/**
 * Tag selection: which tags count as versions, how they are ordered (semver
 * precedence with prereleases, or code units), artifact hiding, the RE2
 * pattern filter and semver ranges.
 */
import { beforeAll, describe, expect, it, test } from '@jest/globals'
import semver from 'semver'
import { compilePattern, type Pattern } from '../../../src/text/pattern.js'
import {
  selectTags,
  validRange,
  versionOf,
  type TagQuery
} from '../../../src/tags/select.js'

const HEX = 'ab12'.repeat(16)
const SIG = `sha256-${HEX}.sig`
const ATT = `sha256-${HEX}.att`
const SBOM = `sha256-${HEX}.sbom`

/** Deterministic shuffle (LCG), so the input order is never the answer. */
function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items]
  let state = seed
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    const j = state % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

describe('versionOf', () => {
  // prettier-ignore
  test.each([
    ['1.2.3', '1.2.3'],
    ['v1.2.3', '1.2.3'],
    ['0.0.0', '0.0.0'],
    ['1.0.0-alpha', '1.0.0-alpha'],
    ['v1.0.0-rc.1', '1.0.0-rc.1'],
    ['1.0.0+build.5', '1.0.0'],
    ['1.0.0-beta.2+exp.sha.5114f85', '1.0.0-beta.2'],
    ['3.19.1-alpine', '3.19.1-alpine'],
    ['10.20.30', '10.20.30']
  ])('%s is version %s', (tag, version) => {
    expect(versionOf(tag)?.version).toBe(version)
  })

  // prettier-ignore
  test.each([
    ['latest'], ['main'], ['stable'], ['1.2'], ['1'], ['v1'], ['v1.2'],
    ['V1.2.3'], ['01.2.3'], ['1.02.3'], ['1.2.3.4'], ['1.2.3-01'], ['1.2.3-'],
    ['v'], [''], [SIG], ['1.2.3_1'], ['vv1.2.3'], ['version1.2.3']
  ])('%p is not a version', (tag) => {
    expect(versionOf(tag)).toBeNull()
  })

  it('keeps build metadata on the parsed version', () => {
    expect(versionOf('v1.0.0+build.5')?.build).toEqual(['build', '5'])
  })
})

describe('validRange', () => {
  // prettier-ignore
  test.each([
    ['^3', '>=3.0.0 <4.0.0-0'],
    ['~1.27', '>=1.27.0 <1.28.0-0'],
    ['>=2 <3', '>=2.0.0 <3.0.0-0'],
    ['*', '*'],
    ['1.x', '>=1.0.0 <2.0.0-0']
  ])('%p is a range (%s)', (text, normalized) => {
    expect(validRange(text)).toBe(normalized)
  })

  test.each([['latest'], ['not-a-range'], ['1.2.3.4'], ['>=1 <'], ['=>2']])(
    '%p is not a range',
    (text) => {
      expect(validRange(text)).toBeUndefined()
    }
  )
})

describe('selectTags', () => {
  const semverSort: TagQuery = { sort: 'semver' }
  const lexical: TagQuery = { sort: 'lexical' }
  const patterns = new Map<string, Pattern>()
  const pattern = (source: string): Pattern => {
    const p = patterns.get(source)
    if (!p) throw new Error(`pattern ${source} not compiled`)
    return p
  }

  beforeAll(async () => {
    for (const source of [
      '^1\\.',
      'alpine',
      '^v',
      '^3\\.[0-9]+\\.[0-9]+-alpine$',
      'sig$',
      '^(?:latest|main)$'
    ]) {
      patterns.set(source, await compilePattern(source))
    }
  })

  it('orders prereleases as semver precedence says, before their release', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1-rc.1',
      '1.0.1',
      '1.1.0',
      '1.10.0',
      '2.0.0-0',
      '2.0.0'
    ]
    for (const seed of [1, 2, 3]) {
      expect(
        selectTags(shuffled(ordered, seed), {
          sort: 'semver',
          includePrereleases: true
        })
      ).toEqual(ordered)
    }
  })

  // prettier-ignore
  test.each<[string, string[], TagQuery, string[]]>([
    ['numeric, not lexical, order', ['1.10.0', '1.9.0', '1.2.0', '10.0.0', '2.0.0'], semverSort, ['1.2.0', '1.9.0', '1.10.0', '2.0.0', '10.0.0']],
    ['v-prefixed tags among plain ones', ['v2.0.0', '1.5.0', 'v1.0.0', '3.0.0'], semverSort, ['v1.0.0', '1.5.0', 'v2.0.0', '3.0.0']],
    ['non-versions dropped in semver mode', ['latest', 'main', '1.2', '1', 'v1', '1.2.3', 'stable', 'edge'], semverSort, ['1.2.3']],
    ['only non-versions', ['latest', 'main', '1.2'], semverSort, []],
    ['nothing', [], semverSort, []],
    ['prereleases left out by default', ['1.0.0-rc.1', '1.0.0', '1.1.0-beta', '0.9.0'], semverSort, ['0.9.0', '1.0.0']],
    ['prereleases kept with includePrereleases', ['1.0.0-rc.1', '1.0.0', '1.1.0-beta', '0.9.0'], { sort: 'semver', includePrereleases: true }, ['0.9.0', '1.0.0-rc.1', '1.0.0', '1.1.0-beta']],
    ['build metadata: same precedence, tie broken lexically', ['1.0.0+build.2', '1.0.0', '1.0.0+build.10', '0.1.0+x'], semverSort, ['0.1.0+x', '1.0.0', '1.0.0+build.10', '1.0.0+build.2']],
    ['v1.0.0 and 1.0.0 (this order)', ['v1.0.0', '1.0.0'], semverSort, ['1.0.0', 'v1.0.0']],
    ['v1.0.0 and 1.0.0 (other order)', ['1.0.0', 'v1.0.0'], semverSort, ['1.0.0', 'v1.0.0']],
    ['equal versions among others', ['v2.0.0', '1.0.0', '2.0.0', 'v1.0.0', '2.0.0+b'], semverSort, ['1.0.0', 'v1.0.0', '2.0.0', '2.0.0+b', 'v2.0.0']],
    ['lexical keeps everything, by code units', ['b', 'B', 'a', 'A', '10', '9', '_x', 'é', 'Z', 'latest', '1.10.0', '1.9.0'], lexical, ['1.10.0', '1.9.0', '10', '9', 'A', 'B', 'Z', '_x', 'a', 'b', 'latest', 'é']],
    ['lexical keeps prereleases and non-versions', ['1.0.0', '1.0.0-rc.1', 'main', '1.2'], lexical, ['1.0.0', '1.0.0-rc.1', '1.2', 'main']],
    ['lexical keeps duplicates adjacent', ['v1.0.0', '1.0.0', 'latest'], lexical, ['1.0.0', 'latest', 'v1.0.0']],
    ['artifact tags hidden (semver)', [SIG, ATT, SBOM, '1.0.0'], semverSort, ['1.0.0']],
    ['artifact tags hidden (lexical)', [SIG, 'latest', ATT, SBOM, '1.0.0'], lexical, ['1.0.0', 'latest']],
    ['artifact tags shown with includeArtifacts', [SIG, 'latest', ATT, SBOM], { sort: 'lexical', includeArtifacts: true }, [ATT, SBOM, SIG, 'latest'].sort()],
    ['near-artifacts are ordinary tags', [`sha256-${HEX}`, `sha256-${HEX.slice(1)}.sig`, `sha256-${HEX}.sig.bak`, `sha256-${HEX.toUpperCase()}.sig`, `sha512-${HEX}.sig`], lexical, [`sha256-${HEX.toUpperCase()}.sig`, `sha256-${HEX}`, `sha256-${HEX}.sig.bak`, `sha256-${HEX.slice(1)}.sig`, `sha512-${HEX}.sig`]]
  ])('%s', (_name, tags, query, expected) => {
    expect(selectTags(tags, query)).toEqual(expected)
  })

  // prettier-ignore
  test.each<[string, string[], string, boolean, string[]]>([
    ['^3', ['2.9.9', '3.0.0', '3.4.1', '3.10.0', '4.0.0', '3.5.0-rc.1', 'v3.2.0'], '^3', false, ['3.0.0', 'v3.2.0', '3.4.1', '3.10.0']],
    ['^3 with prereleases', ['2.9.9', '3.0.0-rc.1', '3.0.0', '3.5.0-rc.1', '4.0.0-rc.1', '4.0.0'], '^3', true, ['3.0.0-rc.1', '3.0.0', '3.5.0-rc.1']],
    ['~1.27', ['1.26.9', '1.27.0', '1.27.4', '1.28.0', 'v1.27.10', '1.27.5-beta'], '~1.27', false, ['1.27.0', '1.27.4', 'v1.27.10']],
    ['~1.27 with prereleases', ['1.26.9', '1.27.0', '1.27.5-beta', '1.28.0-rc.1'], '~1.27', true, ['1.27.0', '1.27.5-beta']],
    ['>=2 <3', ['1.9.9', '2.0.0', '2.99.0', '3.0.0', '3.0.0-rc.1', '2.5.0-rc.1'], '>=2 <3', false, ['2.0.0', '2.99.0']],
    ['*', ['0.0.1', '1.0.0', 'latest', '9.9.9', '10.0.0-rc.1'], '*', false, ['0.0.1', '1.0.0', '9.9.9']],
    ['* with prereleases', ['0.0.1', '1.0.0', 'latest', '9.9.9', '10.0.0-rc.1'], '*', true, ['0.0.1', '1.0.0', '9.9.9', '10.0.0-rc.1']],
    ['no tag in range', ['1.0.0', '2.0.0'], '^5', false, []],
    ['range naming a prerelease admits that version\'s prereleases (npm rules)', ['1.0.0-rc.1', '1.0.0', '1.1.0-rc.1'], '>=1.0.0-rc.0 <2', false, ['1.0.0-rc.1', '1.0.0']]
  ])('range %s', (_name, tags, range, includePrereleases, expected) => {
    expect(
      selectTags(shuffled(tags), { sort: 'semver', range, includePrereleases })
    ).toEqual(expected)
  })

  it('orders a range by semver even when the listing sort is lexical', () => {
    expect(
      selectTags(['1.10.0', '1.9.0', 'latest', '2.0.0'], {
        sort: 'lexical',
        range: '^1'
      })
    ).toEqual(['1.9.0', '1.10.0'])
  })

  // prettier-ignore
  test.each<[string, string, string[], TagQuery, string[]]>([
    ['semver', '^1\\.', ['1.0.0', '1.10.0', '11.0.0', 'v1.2.0', '2.1.0', '1.2', '1.9.0'], semverSort, ['1.0.0', '1.9.0', '1.10.0']],
    ['lexical', '^1\\.', ['1.0.0', '1.10.0', '11.0.0', 'v1.2.0', '2.1.0', '1.2', '1.9.0'], lexical, ['1.0.0', '1.10.0', '1.2', '1.9.0']],
    ['unanchored', 'alpine', ['alpine', '3.19-alpine3.20', 'latest', 'alpine-slim'], lexical, ['3.19-alpine3.20', 'alpine', 'alpine-slim']],
    ['before the range', '^v', ['v1.0.0', '1.5.0', 'v1.2.0', 'v2.0.0'], { sort: 'semver', range: '^1' }, ['v1.0.0', 'v1.2.0']],
    ['cannot bring artifact tags back', 'sig$', [SIG, 'x.sig'], lexical, ['x.sig']],
    ['matching only non-versions, semver mode', '^(?:latest|main)$', ['latest', 'main', '1.0.0'], semverSort, []]
  ])('pattern (%s) %s', (_mode, source, tags, query, expected) => {
    expect(selectTags(tags, { ...query, pattern: pattern(source) })).toEqual(
      expected
    )
  })

  it('treats a -alpine suffix as semver does: a prerelease, counted only when asked', () => {
    // action.yml documents this: variants need include-prereleases.
    const tags = [
      '3.19.0-alpine',
      '3.20.1-alpine',
      '3.20.1',
      'latest',
      '3.9.2-alpine'
    ]
    const alpine = pattern('^3\\.[0-9]+\\.[0-9]+-alpine$')
    expect(selectTags(tags, { sort: 'semver', pattern: alpine })).toEqual([])
    expect(
      selectTags(tags, {
        sort: 'semver',
        pattern: alpine,
        includePrereleases: true
      })
    ).toEqual(['3.9.2-alpine', '3.19.0-alpine', '3.20.1-alpine'])
  })

  it('does not change its input', () => {
    const tags = ['2.0.0', 'latest', '1.0.0', SIG]
    const copy = [...tags]
    selectTags(tags, semverSort)
    selectTags(tags, lexical)
    expect(tags).toEqual(copy)
  })

  describe('10,000 tags', () => {
    // 10 majors × 100 minors × 10 patches, every 7th with a "v", every 11th
    // a prerelease, plus non-versions and artifacts, shuffled.
    const versions: string[] = []
    for (let major = 0; major < 10; major++) {
      for (let minor = 0; minor < 100; minor++) {
        for (let patch = 0; patch < 10; patch++) {
          const n = versions.length
          const core = `${major}.${minor}.${patch}`
          const tag = n % 11 === 5 ? `${core}-rc.${n % 3}` : core
          versions.push(n % 7 === 3 ? `v${tag}` : tag)
        }
      }
    }
    const noise = [
      'latest',
      'main',
      'edge',
      '1.2',
      SIG,
      ATT,
      ...Array.from(
        { length: 50 },
        (_, i) => `sha256-${i.toString(16).padStart(64, '0')}.sig`
      )
    ]
    const input = shuffled([...versions, ...noise], 42)
    const releases = versions.filter((t) => !t.includes('-'))

    const ascending = (tags: string[]): boolean =>
      tags.every(
        (t, i) =>
          i === 0 || semver.compare(versionOf(tags[i - 1])!, versionOf(t)!) < 0
      )

    it('sorts every release (semver)', () => {
      expect(versions).toHaveLength(10_000)
      const out = selectTags(input, semverSort)
      expect(out).toHaveLength(releases.length)
      expect(new Set(out)).toEqual(new Set(releases))
      expect(ascending(out)).toBe(true)
      expect(out[0]).toBe('0.0.0')
      expect(out.at(-1)).toBe('v9.99.9')
    })

    it('sorts every version with prereleases', () => {
      const out = selectTags(input, {
        sort: 'semver',
        includePrereleases: true
      })
      expect(out).toHaveLength(10_000)
      expect(ascending(out)).toBe(true)
    })

    it('applies a range', () => {
      const out = selectTags(input, { sort: 'semver', range: '~9.99' })
      expect(out).toEqual(releases.filter((t) => /^v?9\.99\./.test(t)))
      expect(out.at(-1)).toBe('v9.99.9')
    })

    it('sorts lexically, artifacts hidden', () => {
      const out = selectTags(input, lexical)
      expect(out).toHaveLength(10_000 + 4)
      expect(out).toEqual([...versions, 'latest', 'main', 'edge', '1.2'].sort())
    })
  })
})
