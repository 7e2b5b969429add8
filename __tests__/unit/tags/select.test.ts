/**
 * Tag selection: which tags count as versions, how they are ordered (semver
 * precedence with prereleases, or code units), artifact hiding, the RE2
 * pattern filter and semver ranges.
 */
import { beforeAll, describe, expect, it, test } from '@jest/globals'
import semver from 'semver'
import { shuffled } from '../../support/shuffle.js'
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

describe('versionOf', () => {
  // prettier-ignore
  test.each([
    { tag: '1.2.3', version: '1.2.3' },
    { tag: 'v1.2.3', version: '1.2.3' },
    { tag: '0.0.0', version: '0.0.0' },
    { tag: '1.0.0-alpha', version: '1.0.0-alpha' },
    { tag: 'v1.0.0-rc.1', version: '1.0.0-rc.1' },
    { tag: '1.0.0+build.5', version: '1.0.0' },
    { tag: '1.0.0-beta.2+exp.sha.5114f85', version: '1.0.0-beta.2' },
    { tag: '3.19.1-alpine', version: '3.19.1-alpine' },
    { tag: '10.20.30', version: '10.20.30' }
  ])('$tag is version $version', ({ tag, version }) => {
    expect(versionOf(tag)?.version).toBe(version)
  })

  // prettier-ignore
  test.each([
    'latest', 'main', 'stable', '1.2', '1', 'v1', 'v1.2',
    'V1.2.3', '01.2.3', '1.02.3', '1.2.3.4', '1.2.3-01', '1.2.3-',
    'v', '', SIG, '1.2.3_1', 'vv1.2.3', 'version1.2.3'
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
    { text: '^3', normalized: '>=3.0.0 <4.0.0-0' },
    { text: '~1.27', normalized: '>=1.27.0 <1.28.0-0' },
    { text: '>=2 <3', normalized: '>=2.0.0 <3.0.0-0' },
    { text: '*', normalized: '*' },
    { text: '1.x', normalized: '>=1.0.0 <2.0.0-0' }
  ])('"$text" is a range ($normalized)', ({ text, normalized }) => {
    expect(validRange(text)).toBe(normalized)
  })

  test.each(['latest', 'not-a-range', '1.2.3.4', '>=1 <', '=>2'])(
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

  interface Row {
    name: string
    tags: string[]
    query: TagQuery
    expected: string[]
  }
  // prettier-ignore
  test.each<Row>([
    { name: 'numeric, not lexical, order', tags: ['1.10.0', '1.9.0', '1.2.0', '10.0.0', '2.0.0'], query: semverSort, expected: ['1.2.0', '1.9.0', '1.10.0', '2.0.0', '10.0.0'] },
    { name: 'v-prefixed tags among plain ones', tags: ['v2.0.0', '1.5.0', 'v1.0.0', '3.0.0'], query: semverSort, expected: ['v1.0.0', '1.5.0', 'v2.0.0', '3.0.0'] },
    { name: 'non-versions dropped in semver mode', tags: ['latest', 'main', '1.2', '1', 'v1', '1.2.3', 'stable', 'edge'], query: semverSort, expected: ['1.2.3'] },
    { name: 'only non-versions', tags: ['latest', 'main', '1.2'], query: semverSort, expected: [] },
    { name: 'nothing', tags: [], query: semverSort, expected: [] },
    { name: 'prereleases left out by default', tags: ['1.0.0-rc.1', '1.0.0', '1.1.0-beta', '0.9.0'], query: semverSort, expected: ['0.9.0', '1.0.0'] },
    { name: 'prereleases kept with includePrereleases', tags: ['1.0.0-rc.1', '1.0.0', '1.1.0-beta', '0.9.0'], query: { sort: 'semver', includePrereleases: true }, expected: ['0.9.0', '1.0.0-rc.1', '1.0.0', '1.1.0-beta'] },
    { name: 'build metadata: same precedence, tie broken lexically', tags: ['1.0.0+build.2', '1.0.0', '1.0.0+build.10', '0.1.0+x'], query: semverSort, expected: ['0.1.0+x', '1.0.0', '1.0.0+build.10', '1.0.0+build.2'] },
    { name: 'v1.0.0 and 1.0.0 (this order)', tags: ['v1.0.0', '1.0.0'], query: semverSort, expected: ['1.0.0', 'v1.0.0'] },
    { name: 'v1.0.0 and 1.0.0 (other order)', tags: ['1.0.0', 'v1.0.0'], query: semverSort, expected: ['1.0.0', 'v1.0.0'] },
    { name: 'equal versions among others', tags: ['v2.0.0', '1.0.0', '2.0.0', 'v1.0.0', '2.0.0+b'], query: semverSort, expected: ['1.0.0', 'v1.0.0', '2.0.0', '2.0.0+b', 'v2.0.0'] },
    { name: 'lexical keeps everything, by code units', tags: ['b', 'B', 'a', 'A', '10', '9', '_x', 'é', 'Z', 'latest', '1.10.0', '1.9.0'], query: lexical, expected: ['1.10.0', '1.9.0', '10', '9', 'A', 'B', 'Z', '_x', 'a', 'b', 'latest', 'é'] },
    { name: 'lexical keeps prereleases and non-versions', tags: ['1.0.0', '1.0.0-rc.1', 'main', '1.2'], query: lexical, expected: ['1.0.0', '1.0.0-rc.1', '1.2', 'main'] },
    { name: 'lexical keeps duplicates adjacent', tags: ['v1.0.0', '1.0.0', 'latest'], query: lexical, expected: ['1.0.0', 'latest', 'v1.0.0'] },
    { name: 'artifact tags hidden (semver)', tags: [SIG, ATT, SBOM, '1.0.0'], query: semverSort, expected: ['1.0.0'] },
    { name: 'artifact tags hidden (lexical)', tags: [SIG, 'latest', ATT, SBOM, '1.0.0'], query: lexical, expected: ['1.0.0', 'latest'] },
    { name: 'artifact tags shown with includeArtifacts', tags: [SIG, 'latest', ATT, SBOM], query: { sort: 'lexical', includeArtifacts: true }, expected: [ATT, SBOM, SIG, 'latest'].sort() },
    { name: 'near-artifacts are ordinary tags', tags: [`sha256-${HEX}`, `sha256-${HEX.slice(1)}.sig`, `sha256-${HEX}.sig.bak`, `sha256-${HEX.toUpperCase()}.sig`, `sha512-${HEX}.sig`], query: lexical, expected: [`sha256-${HEX.toUpperCase()}.sig`, `sha256-${HEX}`, `sha256-${HEX}.sig.bak`, `sha256-${HEX.slice(1)}.sig`, `sha512-${HEX}.sig`] }
  ])('$name', ({ tags, query, expected }) => {
    expect(selectTags(tags, query)).toEqual(expected)
  })

  interface RangeRow {
    name: string
    tags: string[]
    range: string
    includePrereleases: boolean
    expected: string[]
  }
  // prettier-ignore
  test.each<RangeRow>([
    { name: '^3', tags: ['2.9.9', '3.0.0', '3.4.1', '3.10.0', '4.0.0', '3.5.0-rc.1', 'v3.2.0'], range: '^3', includePrereleases: false, expected: ['3.0.0', 'v3.2.0', '3.4.1', '3.10.0'] },
    { name: '^3 with prereleases', tags: ['2.9.9', '3.0.0-rc.1', '3.0.0', '3.5.0-rc.1', '4.0.0-rc.1', '4.0.0'], range: '^3', includePrereleases: true, expected: ['3.0.0-rc.1', '3.0.0', '3.5.0-rc.1'] },
    { name: '~1.27', tags: ['1.26.9', '1.27.0', '1.27.4', '1.28.0', 'v1.27.10', '1.27.5-beta'], range: '~1.27', includePrereleases: false, expected: ['1.27.0', '1.27.4', 'v1.27.10'] },
    { name: '~1.27 with prereleases', tags: ['1.26.9', '1.27.0', '1.27.5-beta', '1.28.0-rc.1'], range: '~1.27', includePrereleases: true, expected: ['1.27.0', '1.27.5-beta'] },
    { name: '>=2 <3', tags: ['1.9.9', '2.0.0', '2.99.0', '3.0.0', '3.0.0-rc.1', '2.5.0-rc.1'], range: '>=2 <3', includePrereleases: false, expected: ['2.0.0', '2.99.0'] },
    { name: '*', tags: ['0.0.1', '1.0.0', 'latest', '9.9.9', '10.0.0-rc.1'], range: '*', includePrereleases: false, expected: ['0.0.1', '1.0.0', '9.9.9'] },
    { name: '* with prereleases', tags: ['0.0.1', '1.0.0', 'latest', '9.9.9', '10.0.0-rc.1'], range: '*', includePrereleases: true, expected: ['0.0.1', '1.0.0', '9.9.9', '10.0.0-rc.1'] },
    { name: 'no tag in range', tags: ['1.0.0', '2.0.0'], range: '^5', includePrereleases: false, expected: [] },
    { name: 'range naming a prerelease admits that version\'s prereleases (npm rules)', tags: ['1.0.0-rc.1', '1.0.0', '1.1.0-rc.1'], range: '>=1.0.0-rc.0 <2', includePrereleases: false, expected: ['1.0.0-rc.1', '1.0.0'] }
  ])('range $name', ({ tags, range, includePrereleases, expected }) => {
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

  interface PatternRow {
    name: string
    /** The pattern's source. */
    source: string
    tags: string[]
    query: TagQuery
    expected: string[]
  }
  // prettier-ignore
  test.each<PatternRow>([
    { name: 'semver', source: '^1\\.', tags: ['1.0.0', '1.10.0', '11.0.0', 'v1.2.0', '2.1.0', '1.2', '1.9.0'], query: semverSort, expected: ['1.0.0', '1.9.0', '1.10.0'] },
    { name: 'lexical', source: '^1\\.', tags: ['1.0.0', '1.10.0', '11.0.0', 'v1.2.0', '2.1.0', '1.2', '1.9.0'], query: lexical, expected: ['1.0.0', '1.10.0', '1.2', '1.9.0'] },
    { name: 'unanchored', source: 'alpine', tags: ['alpine', '3.19-alpine3.20', 'latest', 'alpine-slim'], query: lexical, expected: ['3.19-alpine3.20', 'alpine', 'alpine-slim'] },
    { name: 'before the range', source: '^v', tags: ['v1.0.0', '1.5.0', 'v1.2.0', 'v2.0.0'], query: { sort: 'semver', range: '^1' }, expected: ['v1.0.0', 'v1.2.0'] },
    { name: 'cannot bring artifact tags back', source: 'sig$', tags: [SIG, 'x.sig'], query: lexical, expected: ['x.sig'] },
    { name: 'matching only non-versions, semver mode', source: '^(?:latest|main)$', tags: ['latest', 'main', '1.0.0'], query: semverSort, expected: [] }
  ])('pattern ($name) $source', ({ source, tags, query, expected }) => {
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
