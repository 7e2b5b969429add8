/**
 * Docker-style tag versions (issue 12): which tags are versions, which are
 * compatible with the tag in use, how they are ordered, and what counts as
 * newer. Every expectation is derived from these rules (numbered in the
 * comments below), never copied from the code:
 * 1. A version: optional `v`, 1+ dot-separated numeric parts, optionally
 *    letters/digits/`_` glued on (the prerelease, `rc1`), optionally `-` and
 *    anything (the suffix: everything after the FIRST `-`). `latest`,
 *    `bookworm`, `V1.2`, `1..2`, `sha256-….sig` are not versions.
 * 2. Numeric parts compare as whole numbers of any length (3.9 < 3.10).
 * 3. Prereleases count only with includePrereleases or a prerelease in use;
 *    a prerelease orders before its release; rc2 < rc10.
 * 4. With a version in use, candidates have as many numeric parts and the
 *    same suffix (the `v` does not matter).
 * 5. Ascending; equal versions spelled two ways: the spelling in use last.
 * 6. Update type: first differing part 1st major, 2nd minor, later patch;
 *    a prerelease becoming its release is a patch.
 * 7. maxUpdate drops newer candidates with a larger update type.
 * 8. newer: candidates above the one in use; latest: the last of them, or
 *    the tag in use; updateType: the largest, or none.
 * 9. No version in use: every version, by numbers (3 < 3.12 < 3.12.1),
 *    suffixed before plain among equals; newer [] and none.
 * 10. The input order never matters.
 */
import { describe, expect, it, test } from '@jest/globals'
import { shuffled } from '../../support/shuffle.js'
import {
  chooseTags,
  type TagQuery,
  type UpdateType
} from '../../../src/tags/select.js'
import { parseDockerVersion } from '../../../src/tags/docker-version.js'

const HEX = 'ab12'.repeat(16)
const SIG = `sha256-${HEX}.sig`
const ATT = `sha256-${HEX}.att`
const SBOM = `sha256-${HEX}.sbom`

describe('parseDockerVersion', () => {
  interface ParseRow {
    image: string
    tag: string
    prefix: '' | 'v'
    release: string[]
    prerelease: string
    suffix: string
  }
  // Rule 1: optional `v`, numeric parts, prerelease glued on, suffix after the
  // FIRST `-`; release parts have their leading zeros stripped (rule 2).
  // prettier-ignore
  test.each<ParseRow>([
    { image: 'alpine', tag: '3', prefix: '', release: ['3'], prerelease: '', suffix: '' },
    { image: 'alpine', tag: '3.20', prefix: '', release: ['3', '20'], prerelease: '', suffix: '' },
    { image: 'alpine', tag: '3.20.3', prefix: '', release: ['3', '20', '3'], prerelease: '', suffix: '' },
    { image: 'alpine', tag: '20241206', prefix: '', release: ['20241206'], prerelease: '', suffix: '' },
    { image: 'python', tag: '3.12-slim-bookworm', prefix: '', release: ['3', '12'], prerelease: '', suffix: 'slim-bookworm' },
    { image: 'python', tag: '3.12.7-slim', prefix: '', release: ['3', '12', '7'], prerelease: '', suffix: 'slim' },
    { image: 'python', tag: '3.14.0rc1-slim', prefix: '', release: ['3', '14', '0'], prerelease: 'rc1', suffix: 'slim' },
    { image: 'python', tag: '3.14.0a1', prefix: '', release: ['3', '14', '0'], prerelease: 'a1', suffix: '' },
    { image: 'python', tag: '3.14-rc-slim', prefix: '', release: ['3', '14'], prerelease: '', suffix: 'rc-slim' },
    { image: 'python', tag: '3.12-windowsservercore-ltsc2022', prefix: '', release: ['3', '12'], prerelease: '', suffix: 'windowsservercore-ltsc2022' },
    { image: 'node', tag: '22-alpine', prefix: '', release: ['22'], prerelease: '', suffix: 'alpine' },
    { image: 'node', tag: '22.11.0-alpine3.20', prefix: '', release: ['22', '11', '0'], prerelease: '', suffix: 'alpine3.20' },
    { image: 'node', tag: '20-bookworm-slim', prefix: '', release: ['20'], prerelease: '', suffix: 'bookworm-slim' },
    { image: 'nginx', tag: '1.27', prefix: '', release: ['1', '27'], prerelease: '', suffix: '' },
    { image: 'nginx', tag: '1.27.2-alpine-slim', prefix: '', release: ['1', '27', '2'], prerelease: '', suffix: 'alpine-slim' },
    { image: 'postgres', tag: '16', prefix: '', release: ['16'], prerelease: '', suffix: '' },
    { image: 'postgres', tag: '16.4-bookworm', prefix: '', release: ['16', '4'], prerelease: '', suffix: 'bookworm' },
    { image: 'postgres', tag: '17rc1', prefix: '', release: ['17'], prerelease: 'rc1', suffix: '' },
    { image: 'postgres', tag: '18beta1-bookworm', prefix: '', release: ['18'], prerelease: 'beta1', suffix: 'bookworm' },
    { image: 'golang', tag: '1.23.4-alpine3.21', prefix: '', release: ['1', '23', '4'], prerelease: '', suffix: 'alpine3.21' },
    { image: 'golang', tag: '1.24rc1-alpine3.21', prefix: '', release: ['1', '24'], prerelease: 'rc1', suffix: 'alpine3.21' },
    { image: 'ubuntu', tag: '24.04', prefix: '', release: ['24', '4'], prerelease: '', suffix: '' },
    { image: 'ubuntu', tag: '24.10', prefix: '', release: ['24', '10'], prerelease: '', suffix: '' },
    { image: 'eclipse-temurin', tag: '21.0.5_11-jdk-jammy', prefix: '', release: ['21', '0', '5'], prerelease: '_11', suffix: 'jdk-jammy' },
    { image: 'v-prefixed', tag: 'v1', prefix: 'v', release: ['1'], prerelease: '', suffix: '' },
    { image: 'v-prefixed', tag: 'v1.2', prefix: 'v', release: ['1', '2'], prerelease: '', suffix: '' },
    { image: 'v-prefixed', tag: 'v2.0.1-alpine', prefix: 'v', release: ['2', '0', '1'], prerelease: '', suffix: 'alpine' },
    { image: 'v-prefixed', tag: 'v3.14.0rc1', prefix: 'v', release: ['3', '14', '0'], prerelease: 'rc1', suffix: '' },
    { image: '4-part', tag: '1.2.3.4', prefix: '', release: ['1', '2', '3', '4'], prerelease: '', suffix: '' },
    { image: '4-part', tag: '10.0.19041.1415-alpine3.21', prefix: '', release: ['10', '0', '19041', '1415'], prerelease: '', suffix: 'alpine3.21' },
    { image: 'leading zeros', tag: '007.08', prefix: '', release: ['7', '8'], prerelease: '', suffix: '' },
    { image: 'leading zeros', tag: '00.000', prefix: '', release: ['0', '0'], prerelease: '', suffix: '' },
    { image: 'zeros', tag: '0.0.0', prefix: '', release: ['0', '0', '0'], prerelease: '', suffix: '' },
    { image: 'long', tag: '123456789012345678901234.5', prefix: '', release: ['123456789012345678901234', '5'], prerelease: '', suffix: '' },
    { image: 'long', tag: '1.000000000000000000000000000042', prefix: '', release: ['1', '42'], prerelease: '', suffix: '' },
    { image: 'long', tag: 'v99999999999999999999999.1-slim', prefix: 'v', release: ['99999999999999999999999', '1'], prerelease: '', suffix: 'slim' },
    { image: 'semver-ish', tag: '1.2.3-rc.1', prefix: '', release: ['1', '2', '3'], prerelease: '', suffix: 'rc.1' },
    { image: 'first dash', tag: '1.2.3-alpine-3.20', prefix: '', release: ['1', '2', '3'], prerelease: '', suffix: 'alpine-3.20' },
    { image: 'first dash', tag: '1.2--x', prefix: '', release: ['1', '2'], prerelease: '', suffix: '-x' },
    { image: 'prerelease then suffix', tag: '3.12rc-1', prefix: '', release: ['3', '12'], prerelease: 'rc', suffix: '1' }
  ])('$image:$tag is a version', ({ tag, prefix, release, prerelease, suffix }) => {
    expect(parseDockerVersion(tag)).toEqual({ tag, prefix, release, prerelease, suffix })
  })

  // Rule 1: anything else is not a version.
  // prettier-ignore
  test.each([
    'latest', 'edge', 'bookworm', 'alpine', 'slim', 'stable-slim', 'slim-bookworm',
    'mainline-alpine-slim', 'lts-alpine', 'alpine3.21', 'jammy-20240911.1',
    'windowsservercore-ltsc2022', SIG, ATT, SBOM, `sha256-${HEX}`,
    'V1.2', 'V1', '1..2', '.1', '1.2.', '1.2.3.', '-1', '-', '', 'v', 'v.1',
    'vv1.2', 'version1.2', 'release-1.2', '1.2a.3', '3.14.0rc1.post1',
    '1.2+build.5', '1,2', ' 1.2', '1.2 ', '1.2\n', 'x1.2'
  ])('%p is not a version', (tag) => {
    expect(parseDockerVersion(tag)).toBeUndefined()
  })
})

// A python-like repository: many shapes, one compatibility class each.
// prettier-ignore
const PYTHON = [
  'latest', 'slim', 'alpine', 'bookworm', 'slim-bookworm', 'alpine3.20', 'windowsservercore-ltsc2022',
  '3', '3-slim', '3-alpine', '3-slim-bookworm',
  '3.8-slim', '3.8.20-slim',
  '3.9', '3.9-slim', '3.9.20', '3.9.20-slim',
  '3.10', '3.10-slim', '3.10.15', '3.10.15-slim',
  '3.11', '3.11-slim', '3.11-alpine', '3.11.10', '3.11.10-slim', '3.11.10-alpine3.20',
  '3.12', '3.12-slim', '3.12-alpine', '3.12-bookworm', '3.12-slim-bookworm', '3.12-alpine3.20', '3.12-windowsservercore-ltsc2022',
  '3.12.6', '3.12.6-slim', '3.12.7', '3.12.7-slim', '3.12.7-slim-bookworm', '3.12.7-alpine3.20',
  '3.13', '3.13-slim', '3.13-alpine', '3.13-slim-bookworm',
  '3.13.0', '3.13.0-slim', '3.13.1', '3.13.1-slim', '3.13.1-slim-bookworm',
  '3.14-rc', '3.14-rc-slim', '3.14.0rc1', '3.14.0rc1-slim', '3.14.0rc2-slim', '3.14.0rc2-slim-bookworm',
  SIG, ATT, SBOM
]

// prettier-ignore
const NODE = [
  'latest', 'lts', 'current', 'alpine', 'slim', 'bookworm', 'lts-alpine', 'current-alpine', 'hydrogen-alpine', 'iron', 'jod-alpine',
  '18', '18-alpine', '18.20.5', '18.20.5-alpine3.20',
  '20', '20-alpine', '20-slim', '20.18', '20.18-alpine', '20.18.1', '20.18.1-alpine3.20', '20.18.1-alpine3.21',
  '22', '22-alpine', '22-alpine3.20', '22-slim', '22-bookworm-slim', '22.11', '22.11-alpine', '22.11.0',
  '22.11.0-alpine3.20', '22.11.0-alpine3.21', '22.12.0-alpine3.20', '22.12.0-alpine3.21',
  '23', '23-alpine', '23.3.0-alpine3.20', '23.4.0-alpine3.21',
  SIG
]

// prettier-ignore
const GOLANG = [
  'latest', 'alpine', 'bookworm', 'alpine3.21', 'tip-20241201-alpine3.21',
  '1', '1-alpine', '1.22', '1.22-alpine', '1.22.10', '1.22.10-alpine3.20', '1.22.10-alpine3.21',
  '1.23', '1.23-alpine', '1.23.3-alpine3.20', '1.23.3-alpine3.21',
  '1.23.4', '1.23.4-alpine3.20', '1.23.4-alpine3.21', '1.23.4-bookworm', '1.23.4-windowsservercore-ltsc2022',
  '1.23.5-alpine3.21', '1.23.5-alpine3.22', '1.24rc1-alpine3.21', '1.24.0-alpine3.21', '1.24.0-alpine3.22',
  SIG, ATT
]

// prettier-ignore
const POSTGRES = [
  'latest', 'alpine', 'bookworm', 'bullseye', 'alpine3.20',
  '12', '12.22', '12.22-bookworm', '13', '13.18', '14', '14.15', '14.15-alpine3.20',
  '15', '15.10', '15-alpine', '16', '16-alpine', '16-bookworm', '16.4', '16.4-bookworm',
  '16.6', '16.6-bookworm', '16.6-alpine3.21', '17', '17-alpine', '17.2', '17.2-bookworm',
  '17rc1', '18beta1', '18beta1-bookworm',
  SIG
]

// prettier-ignore
const UBUNTU = [
  'latest', 'rolling', 'devel', 'jammy', 'noble', 'oracular', 'plucky',
  'jammy-20240911.1', 'noble-20241015',
  '18.04', '20.04', '22.04', '24.04', '24.10', '25.04',
  SIG
]

// prettier-ignore
const NGINX = [
  'latest', 'mainline', 'stable', 'alpine', 'alpine-slim', 'perl', 'stable-alpine', 'stable-perl', 'mainline-alpine-slim',
  '1', '1-alpine', '1.26', '1.26-alpine', '1.26.2', '1.26.2-alpine', '1.26.2-alpine-slim',
  '1.27', '1.27-alpine', '1.27-alpine-slim', '1.27-perl', '1.27.2', '1.27.2-alpine', '1.27.2-alpine-slim',
  '1.27.3', '1.27.3-alpine-slim', '1.27.3-perl',
  SIG
]

// Alpine's edge snapshots (`20241206`) are 1-part versions, like `3`.
// prettier-ignore
const ALPINE = [
  'latest', 'edge', '3', '3.18', '3.18.9', '3.19', '3.19.4', '3.20', '3.20.3', '3.21', '3.21.0',
  '20240923', '20241206', SIG
]

// prettier-ignore
const V_MIXED = ['v1.2', '1.2', 'v1.3', '1.3', '1.4', 'v1.10', '1.9', 'v2.0-alpine', '2.0-alpine', 'v1.3.0']

// prettier-ignore
const FOUR_PART = ['1.2.3.4', '1.2.3.5', '1.2.3.10', '1.2.4.0', '1.3.0.0', '2.0.0.0', '1.2.3', '1.2.3.4.5', '1.2.3.4-alpine', '1.2.3.11-alpine']

// prettier-ignore
const PRERELEASES = ['3.13.1', '3.14.0a1', '3.14.0b1', '3.14.0rc1', '3.14.0rc2', '3.14.0rc10', '3.14.0', '3.14.1rc1', '3.15.0a1']

// Rule 4's own example.
// prettier-ignore
const RULE_4 = ['3.11-slim', '3.12-slim', '3.13-slim', '4.0-slim', '3.13.1-slim', '3.13', '3.13-alpine', '3.13-slim-bookworm']

describe('chooseTags (docker): compatibility and order', () => {
  interface Row {
    name: string
    tags: string[]
    current?: string
    maxUpdate?: UpdateType
    includePrereleases?: boolean
    includeArtifacts?: boolean
    candidates: string[]
    newer: string[]
    latest: string | undefined
    updateType: UpdateType | 'none'
  }
  // prettier-ignore
  test.each<Row>([
    // python (rule 4: same number of parts and the same suffix)
    { name: 'python 3.12-slim: only N.N-slim', tags: PYTHON, current: '3.12-slim',
      candidates: ['3.8-slim', '3.9-slim', '3.10-slim', '3.11-slim', '3.12-slim', '3.13-slim'],
      newer: ['3.13-slim'], latest: '3.13-slim', updateType: 'minor' },
    { name: 'python 3.12-slim, maxUpdate patch: nothing newer for 2 parts (rule 7)', tags: PYTHON, current: '3.12-slim', maxUpdate: 'patch',
      candidates: ['3.8-slim', '3.9-slim', '3.10-slim', '3.11-slim', '3.12-slim'],
      newer: [], latest: '3.12-slim', updateType: 'none' },
    { name: 'python 3.12.7-slim: only N.N.N-slim, no prereleases', tags: PYTHON, current: '3.12.7-slim',
      candidates: ['3.8.20-slim', '3.9.20-slim', '3.10.15-slim', '3.11.10-slim', '3.12.6-slim', '3.12.7-slim', '3.13.0-slim', '3.13.1-slim'],
      newer: ['3.13.0-slim', '3.13.1-slim'], latest: '3.13.1-slim', updateType: 'minor' },
    { name: 'python 3.12.7-slim, maxUpdate minor', tags: PYTHON, current: '3.12.7-slim', maxUpdate: 'minor',
      candidates: ['3.8.20-slim', '3.9.20-slim', '3.10.15-slim', '3.11.10-slim', '3.12.6-slim', '3.12.7-slim', '3.13.0-slim', '3.13.1-slim'],
      newer: ['3.13.0-slim', '3.13.1-slim'], latest: '3.13.1-slim', updateType: 'minor' },
    { name: 'python 3.12.7-slim, maxUpdate patch', tags: PYTHON, current: '3.12.7-slim', maxUpdate: 'patch',
      candidates: ['3.8.20-slim', '3.9.20-slim', '3.10.15-slim', '3.11.10-slim', '3.12.6-slim', '3.12.7-slim'],
      newer: [], latest: '3.12.7-slim', updateType: 'none' },
    { name: 'python 3.12.7-slim with prereleases', tags: PYTHON, current: '3.12.7-slim', includePrereleases: true,
      candidates: ['3.8.20-slim', '3.9.20-slim', '3.10.15-slim', '3.11.10-slim', '3.12.6-slim', '3.12.7-slim', '3.13.0-slim', '3.13.1-slim', '3.14.0rc1-slim', '3.14.0rc2-slim'],
      newer: ['3.13.0-slim', '3.13.1-slim', '3.14.0rc1-slim', '3.14.0rc2-slim'], latest: '3.14.0rc2-slim', updateType: 'minor' },
    { name: 'python 3.12 plain', tags: PYTHON, current: '3.12',
      candidates: ['3.9', '3.10', '3.11', '3.12', '3.13'],
      newer: ['3.13'], latest: '3.13', updateType: 'minor' },
    { name: 'python 3.12.7 plain', tags: PYTHON, current: '3.12.7',
      candidates: ['3.9.20', '3.10.15', '3.11.10', '3.12.6', '3.12.7', '3.13.0', '3.13.1'],
      newer: ['3.13.0', '3.13.1'], latest: '3.13.1', updateType: 'minor' },
    { name: 'python 3.12-slim-bookworm', tags: PYTHON, current: '3.12-slim-bookworm',
      candidates: ['3.12-slim-bookworm', '3.13-slim-bookworm'],
      newer: ['3.13-slim-bookworm'], latest: '3.13-slim-bookworm', updateType: 'minor' },
    { name: 'python 3-slim: 1 part, nothing newer', tags: PYTHON, current: '3-slim',
      candidates: ['3-slim'], newer: [], latest: '3-slim', updateType: 'none' },
    { name: 'python 3.11.10-alpine3.20', tags: PYTHON, current: '3.11.10-alpine3.20',
      candidates: ['3.11.10-alpine3.20', '3.12.7-alpine3.20'],
      newer: ['3.12.7-alpine3.20'], latest: '3.12.7-alpine3.20', updateType: 'minor' },
    { name: 'python 3.14.0rc1-slim: a prerelease in use admits prereleases (rule 3, 6)', tags: PYTHON, current: '3.14.0rc1-slim',
      candidates: ['3.8.20-slim', '3.9.20-slim', '3.10.15-slim', '3.11.10-slim', '3.12.6-slim', '3.12.7-slim', '3.13.0-slim', '3.13.1-slim', '3.14.0rc1-slim', '3.14.0rc2-slim'],
      newer: ['3.14.0rc2-slim'], latest: '3.14.0rc2-slim', updateType: 'patch' },
    { name: 'python 3.14.0rc1 plain: nothing newer', tags: PYTHON, current: '3.14.0rc1',
      candidates: ['3.9.20', '3.10.15', '3.11.10', '3.12.6', '3.12.7', '3.13.0', '3.13.1', '3.14.0rc1'],
      newer: [], latest: '3.14.0rc1', updateType: 'none' },
    { name: 'python 3.14-rc-slim: "rc" after a dash is a suffix, not a prerelease', tags: PYTHON, current: '3.14-rc-slim',
      candidates: ['3.14-rc-slim'], newer: [], latest: '3.14-rc-slim', updateType: 'none' },
    { name: 'python current not listed (3.12.5-slim)', tags: PYTHON, current: '3.12.5-slim',
      candidates: ['3.8.20-slim', '3.9.20-slim', '3.10.15-slim', '3.11.10-slim', '3.12.6-slim', '3.12.7-slim', '3.13.0-slim', '3.13.1-slim'],
      newer: ['3.12.6-slim', '3.12.7-slim', '3.13.0-slim', '3.13.1-slim'], latest: '3.13.1-slim', updateType: 'minor' },
    { name: 'python current not listed, nothing newer: latest is current (rule 8)', tags: PYTHON, current: '3.13.2-slim',
      candidates: ['3.8.20-slim', '3.9.20-slim', '3.10.15-slim', '3.11.10-slim', '3.12.6-slim', '3.12.7-slim', '3.13.0-slim', '3.13.1-slim'],
      newer: [], latest: '3.13.2-slim', updateType: 'none' },
    { name: 'python current not listed, nothing compatible', tags: PYTHON, current: '3.12-alpine3.19',
      candidates: [], newer: [], latest: '3.12-alpine3.19', updateType: 'none' },
    { name: 'python, no current: every stable version (rule 9)', tags: PYTHON,
      candidates: [
        '3-alpine', '3-slim', '3-slim-bookworm', '3',
        '3.8-slim', '3.8.20-slim',
        '3.9-slim', '3.9', '3.9.20-slim', '3.9.20',
        '3.10-slim', '3.10', '3.10.15-slim', '3.10.15',
        '3.11-alpine', '3.11-slim', '3.11', '3.11.10-alpine3.20', '3.11.10-slim', '3.11.10',
        '3.12-alpine', '3.12-alpine3.20', '3.12-bookworm', '3.12-slim', '3.12-slim-bookworm', '3.12-windowsservercore-ltsc2022', '3.12',
        '3.12.6-slim', '3.12.6', '3.12.7-alpine3.20', '3.12.7-slim', '3.12.7-slim-bookworm', '3.12.7',
        '3.13-alpine', '3.13-slim', '3.13-slim-bookworm', '3.13',
        '3.13.0-slim', '3.13.0', '3.13.1-slim', '3.13.1-slim-bookworm', '3.13.1',
        '3.14-rc', '3.14-rc-slim'
      ],
      newer: [], latest: '3.14-rc-slim', updateType: 'none' },
    { name: 'python, current "latest" is not a version: as without current (rule 9)', tags: PYTHON, current: 'latest', maxUpdate: 'patch',
      candidates: [
        '3-alpine', '3-slim', '3-slim-bookworm', '3',
        '3.8-slim', '3.8.20-slim',
        '3.9-slim', '3.9', '3.9.20-slim', '3.9.20',
        '3.10-slim', '3.10', '3.10.15-slim', '3.10.15',
        '3.11-alpine', '3.11-slim', '3.11', '3.11.10-alpine3.20', '3.11.10-slim', '3.11.10',
        '3.12-alpine', '3.12-alpine3.20', '3.12-bookworm', '3.12-slim', '3.12-slim-bookworm', '3.12-windowsservercore-ltsc2022', '3.12',
        '3.12.6-slim', '3.12.6', '3.12.7-alpine3.20', '3.12.7-slim', '3.12.7-slim-bookworm', '3.12.7',
        '3.13-alpine', '3.13-slim', '3.13-slim-bookworm', '3.13',
        '3.13.0-slim', '3.13.0', '3.13.1-slim', '3.13.1-slim-bookworm', '3.13.1',
        '3.14-rc', '3.14-rc-slim'
      ],
      newer: [], latest: '3.14-rc-slim', updateType: 'none' },

    // node
    { name: 'node 22-alpine: 1 part + suffix', tags: NODE, current: '22-alpine',
      candidates: ['18-alpine', '20-alpine', '22-alpine', '23-alpine'],
      newer: ['23-alpine'], latest: '23-alpine', updateType: 'major' },
    { name: 'node 22-alpine, maxUpdate minor: 1 part allows nothing newer', tags: NODE, current: '22-alpine', maxUpdate: 'minor',
      candidates: ['18-alpine', '20-alpine', '22-alpine'],
      newer: [], latest: '22-alpine', updateType: 'none' },
    { name: 'node 22: plain 1 part', tags: NODE, current: '22',
      candidates: ['18', '20', '22', '23'], newer: ['23'], latest: '23', updateType: 'major' },
    { name: 'node 22.11.0-alpine3.20', tags: NODE, current: '22.11.0-alpine3.20',
      candidates: ['18.20.5-alpine3.20', '20.18.1-alpine3.20', '22.11.0-alpine3.20', '22.12.0-alpine3.20', '23.3.0-alpine3.20'],
      newer: ['22.12.0-alpine3.20', '23.3.0-alpine3.20'], latest: '23.3.0-alpine3.20', updateType: 'major' },
    { name: 'node 22.11.0-alpine3.20, maxUpdate minor', tags: NODE, current: '22.11.0-alpine3.20', maxUpdate: 'minor',
      candidates: ['18.20.5-alpine3.20', '20.18.1-alpine3.20', '22.11.0-alpine3.20', '22.12.0-alpine3.20'],
      newer: ['22.12.0-alpine3.20'], latest: '22.12.0-alpine3.20', updateType: 'minor' },
    { name: 'node 22.11-alpine: 2 parts + alpine', tags: NODE, current: '22.11-alpine',
      candidates: ['20.18-alpine', '22.11-alpine'], newer: [], latest: '22.11-alpine', updateType: 'none' },

    // golang: the alpine release is part of the suffix
    { name: 'golang 1.23.4-alpine3.21', tags: GOLANG, current: '1.23.4-alpine3.21',
      candidates: ['1.22.10-alpine3.21', '1.23.3-alpine3.21', '1.23.4-alpine3.21', '1.23.5-alpine3.21', '1.24.0-alpine3.21'],
      newer: ['1.23.5-alpine3.21', '1.24.0-alpine3.21'], latest: '1.24.0-alpine3.21', updateType: 'minor' },
    { name: 'golang 1.23.4-alpine3.21, maxUpdate patch', tags: GOLANG, current: '1.23.4-alpine3.21', maxUpdate: 'patch',
      candidates: ['1.22.10-alpine3.21', '1.23.3-alpine3.21', '1.23.4-alpine3.21', '1.23.5-alpine3.21'],
      newer: ['1.23.5-alpine3.21'], latest: '1.23.5-alpine3.21', updateType: 'patch' },
    { name: 'golang 1.23.4-alpine3.20: nothing newer in alpine3.20', tags: GOLANG, current: '1.23.4-alpine3.20',
      candidates: ['1.22.10-alpine3.20', '1.23.3-alpine3.20', '1.23.4-alpine3.20'],
      newer: [], latest: '1.23.4-alpine3.20', updateType: 'none' },
    { name: 'golang 1.23.4-alpine3.22 (not listed)', tags: GOLANG, current: '1.23.4-alpine3.22',
      candidates: ['1.23.5-alpine3.22', '1.24.0-alpine3.22'],
      newer: ['1.23.5-alpine3.22', '1.24.0-alpine3.22'], latest: '1.24.0-alpine3.22', updateType: 'minor' },
    { name: 'golang 1.23-alpine', tags: GOLANG, current: '1.23-alpine',
      candidates: ['1.22-alpine', '1.23-alpine'], newer: [], latest: '1.23-alpine', updateType: 'none' },
    { name: 'golang 1.23rc2-alpine3.21 (not listed, prerelease in use)', tags: GOLANG, current: '1.23rc2-alpine3.21',
      candidates: ['1.24rc1-alpine3.21'], newer: ['1.24rc1-alpine3.21'], latest: '1.24rc1-alpine3.21', updateType: 'minor' },

    // postgres: each maxUpdate
    { name: 'postgres 16 (default maxUpdate)', tags: POSTGRES, current: '16',
      candidates: ['12', '13', '14', '15', '16', '17'], newer: ['17'], latest: '17', updateType: 'major' },
    { name: 'postgres 16, maxUpdate major', tags: POSTGRES, current: '16', maxUpdate: 'major',
      candidates: ['12', '13', '14', '15', '16', '17'], newer: ['17'], latest: '17', updateType: 'major' },
    { name: 'postgres 16, maxUpdate minor', tags: POSTGRES, current: '16', maxUpdate: 'minor',
      candidates: ['12', '13', '14', '15', '16'], newer: [], latest: '16', updateType: 'none' },
    { name: 'postgres 16, maxUpdate patch', tags: POSTGRES, current: '16', maxUpdate: 'patch',
      candidates: ['12', '13', '14', '15', '16'], newer: [], latest: '16', updateType: 'none' },
    { name: 'postgres 16 with prereleases', tags: POSTGRES, current: '16', includePrereleases: true,
      candidates: ['12', '13', '14', '15', '16', '17rc1', '17', '18beta1'],
      newer: ['17rc1', '17', '18beta1'], latest: '18beta1', updateType: 'major' },
    { name: 'postgres 16 with prereleases, maxUpdate minor', tags: POSTGRES, current: '16', includePrereleases: true, maxUpdate: 'minor',
      candidates: ['12', '13', '14', '15', '16'], newer: [], latest: '16', updateType: 'none' },
    { name: 'postgres 17rc1 in use: 17 is a patch, 18beta1 a major (rule 6)', tags: POSTGRES, current: '17rc1',
      candidates: ['12', '13', '14', '15', '16', '17rc1', '17', '18beta1'],
      newer: ['17', '18beta1'], latest: '18beta1', updateType: 'major' },
    { name: 'postgres 17rc1 in use, maxUpdate patch', tags: POSTGRES, current: '17rc1', maxUpdate: 'patch',
      candidates: ['12', '13', '14', '15', '16', '17rc1', '17'],
      newer: ['17'], latest: '17', updateType: 'patch' },
    { name: 'postgres 16.4', tags: POSTGRES, current: '16.4',
      candidates: ['12.22', '13.18', '14.15', '15.10', '16.4', '16.6', '17.2'],
      newer: ['16.6', '17.2'], latest: '17.2', updateType: 'major' },
    { name: 'postgres 16.4, maxUpdate minor', tags: POSTGRES, current: '16.4', maxUpdate: 'minor',
      candidates: ['12.22', '13.18', '14.15', '15.10', '16.4', '16.6'],
      newer: ['16.6'], latest: '16.6', updateType: 'minor' },
    { name: 'postgres 16.4, maxUpdate patch', tags: POSTGRES, current: '16.4', maxUpdate: 'patch',
      candidates: ['12.22', '13.18', '14.15', '15.10', '16.4'],
      newer: [], latest: '16.4', updateType: 'none' },
    { name: 'postgres 16.4-bookworm', tags: POSTGRES, current: '16.4-bookworm',
      candidates: ['12.22-bookworm', '16.4-bookworm', '16.6-bookworm', '17.2-bookworm'],
      newer: ['16.6-bookworm', '17.2-bookworm'], latest: '17.2-bookworm', updateType: 'major' },
    { name: 'postgres 16.4-bookworm, maxUpdate minor', tags: POSTGRES, current: '16.4-bookworm', maxUpdate: 'minor',
      candidates: ['12.22-bookworm', '16.4-bookworm', '16.6-bookworm'],
      newer: ['16.6-bookworm'], latest: '16.6-bookworm', updateType: 'minor' },
    { name: 'postgres 18beta1-bookworm in use', tags: POSTGRES, current: '18beta1-bookworm',
      candidates: ['16-bookworm', '18beta1-bookworm'], newer: [], latest: '18beta1-bookworm', updateType: 'none' },

    // ubuntu: 24.04 < 24.10 numerically
    { name: 'ubuntu 24.04', tags: UBUNTU, current: '24.04',
      candidates: ['18.04', '20.04', '22.04', '24.04', '24.10', '25.04'],
      newer: ['24.10', '25.04'], latest: '25.04', updateType: 'major' },
    { name: 'ubuntu 24.04, maxUpdate minor', tags: UBUNTU, current: '24.04', maxUpdate: 'minor',
      candidates: ['18.04', '20.04', '22.04', '24.04', '24.10'],
      newer: ['24.10'], latest: '24.10', updateType: 'minor' },
    { name: 'ubuntu 24.04, maxUpdate patch', tags: UBUNTU, current: '24.04', maxUpdate: 'patch',
      candidates: ['18.04', '20.04', '22.04', '24.04'], newer: [], latest: '24.04', updateType: 'none' },
    { name: 'ubuntu 24.4 (same version as 24.04, spelled without the zero)', tags: UBUNTU, current: '24.4',
      candidates: ['18.04', '20.04', '22.04', '24.04', '24.10', '25.04'],
      newer: ['24.10', '25.04'], latest: '25.04', updateType: 'major' },
    { name: 'ubuntu, no current', tags: UBUNTU,
      candidates: ['18.04', '20.04', '22.04', '24.04', '24.10', '25.04'],
      newer: [], latest: '25.04', updateType: 'none' },

    // nginx
    { name: 'nginx 1.27: nothing newer', tags: NGINX, current: '1.27',
      candidates: ['1.26', '1.27'], newer: [], latest: '1.27', updateType: 'none' },
    { name: 'nginx 1.26', tags: NGINX, current: '1.26',
      candidates: ['1.26', '1.27'], newer: ['1.27'], latest: '1.27', updateType: 'minor' },
    { name: 'nginx 1.27.2', tags: NGINX, current: '1.27.2',
      candidates: ['1.26.2', '1.27.2', '1.27.3'], newer: ['1.27.3'], latest: '1.27.3', updateType: 'patch' },
    { name: 'nginx 1.27.2-alpine-slim', tags: NGINX, current: '1.27.2-alpine-slim',
      candidates: ['1.26.2-alpine-slim', '1.27.2-alpine-slim', '1.27.3-alpine-slim'],
      newer: ['1.27.3-alpine-slim'], latest: '1.27.3-alpine-slim', updateType: 'patch' },
    { name: 'nginx 1.27.2-alpine', tags: NGINX, current: '1.27.2-alpine',
      candidates: ['1.26.2-alpine', '1.27.2-alpine'], newer: [], latest: '1.27.2-alpine', updateType: 'none' },
    { name: 'nginx 1-alpine', tags: NGINX, current: '1-alpine',
      candidates: ['1-alpine'], newer: [], latest: '1-alpine', updateType: 'none' },

    // alpine
    { name: 'alpine 3.20', tags: ALPINE, current: '3.20',
      candidates: ['3.18', '3.19', '3.20', '3.21'], newer: ['3.21'], latest: '3.21', updateType: 'minor' },
    { name: 'alpine 3.20.3', tags: ALPINE, current: '3.20.3',
      candidates: ['3.18.9', '3.19.4', '3.20.3', '3.21.0'], newer: ['3.21.0'], latest: '3.21.0', updateType: 'minor' },
    { name: 'alpine 3: the edge snapshots are 1-part versions too', tags: ALPINE, current: '3',
      candidates: ['3', '20240923', '20241206'], newer: ['20240923', '20241206'], latest: '20241206', updateType: 'major' },
    { name: 'alpine 3, maxUpdate minor', tags: ALPINE, current: '3', maxUpdate: 'minor',
      candidates: ['3'], newer: [], latest: '3', updateType: 'none' },
    { name: 'alpine, no current: shorter first among prefixes (rule 9)', tags: ALPINE,
      candidates: ['3', '3.18', '3.18.9', '3.19', '3.19.4', '3.20', '3.20.3', '3.21', '3.21.0', '20240923', '20241206'],
      newer: [], latest: '20241206', updateType: 'none' },

    // v prefixes mixed with plain tags (rule 4: prefix does not matter; rule 5: order)
    { name: 'v mixed, current 1.2: the plain spelling last among equals', tags: V_MIXED, current: '1.2',
      candidates: ['v1.2', '1.2', 'v1.3', '1.3', '1.4', '1.9', 'v1.10'],
      newer: ['v1.3', '1.3', '1.4', '1.9', 'v1.10'], latest: 'v1.10', updateType: 'minor' },
    { name: 'v mixed, current v1.2: the v spelling last among equals', tags: V_MIXED, current: 'v1.2',
      candidates: ['1.2', 'v1.2', '1.3', 'v1.3', '1.4', '1.9', 'v1.10'],
      newer: ['1.3', 'v1.3', '1.4', '1.9', 'v1.10'], latest: 'v1.10', updateType: 'minor' },
    { name: 'v mixed, current 1.3: equal spelling is not newer', tags: V_MIXED, current: '1.3', maxUpdate: 'patch',
      candidates: ['v1.2', '1.2', 'v1.3', '1.3'], newer: [], latest: '1.3', updateType: 'none' },
    { name: 'v mixed, current v2.0-alpine', tags: V_MIXED, current: 'v2.0-alpine',
      candidates: ['2.0-alpine', 'v2.0-alpine'], newer: [], latest: 'v2.0-alpine', updateType: 'none' },
    { name: 'v mixed, current 1.2.9 (not listed)', tags: V_MIXED, current: '1.2.9',
      candidates: ['v1.3.0'], newer: ['v1.3.0'], latest: 'v1.3.0', updateType: 'minor' },
    { name: 'newest spelled both ways, current plain: latest is the plain one', tags: ['1.3', 'v1.3', '1.2'], current: '1.2',
      candidates: ['1.2', 'v1.3', '1.3'], newer: ['v1.3', '1.3'], latest: '1.3', updateType: 'minor' },
    { name: 'newest spelled both ways, current v: latest is the v one', tags: ['1.3', 'v1.3', '1.2'], current: 'v1.2',
      candidates: ['1.2', '1.3', 'v1.3'], newer: ['1.3', 'v1.3'], latest: 'v1.3', updateType: 'minor' },
    { name: 'leading zeros: 1.02 equals 1.2, 1.010 equals 1.10 (lexical among same prefix)', tags: ['1.02', '1.3', '1.10', '1.010', '1.9'], current: '1.2',
      candidates: ['1.02', '1.3', '1.9', '1.010', '1.10'], newer: ['1.3', '1.9', '1.010', '1.10'], latest: '1.10', updateType: 'minor' },

    // 4-part versions: the 4th part is a patch (rule 6)
    { name: '4 parts, 1.2.3.4', tags: FOUR_PART, current: '1.2.3.4',
      candidates: ['1.2.3.4', '1.2.3.5', '1.2.3.10', '1.2.4.0', '1.3.0.0', '2.0.0.0'],
      newer: ['1.2.3.5', '1.2.3.10', '1.2.4.0', '1.3.0.0', '2.0.0.0'], latest: '2.0.0.0', updateType: 'major' },
    { name: '4 parts, maxUpdate minor', tags: FOUR_PART, current: '1.2.3.4', maxUpdate: 'minor',
      candidates: ['1.2.3.4', '1.2.3.5', '1.2.3.10', '1.2.4.0', '1.3.0.0'],
      newer: ['1.2.3.5', '1.2.3.10', '1.2.4.0', '1.3.0.0'], latest: '1.3.0.0', updateType: 'minor' },
    { name: '4 parts, maxUpdate patch: 3rd and 4th parts', tags: FOUR_PART, current: '1.2.3.4', maxUpdate: 'patch',
      candidates: ['1.2.3.4', '1.2.3.5', '1.2.3.10', '1.2.4.0'],
      newer: ['1.2.3.5', '1.2.3.10', '1.2.4.0'], latest: '1.2.4.0', updateType: 'patch' },
    { name: '4 parts, only the 4th part moves', tags: FOUR_PART, current: '1.2.3.10', maxUpdate: 'patch',
      candidates: ['1.2.3.4', '1.2.3.5', '1.2.3.10', '1.2.4.0'],
      newer: ['1.2.4.0'], latest: '1.2.4.0', updateType: 'patch' },
    { name: '4 parts with a suffix', tags: FOUR_PART, current: '1.2.3.4-alpine',
      candidates: ['1.2.3.4-alpine', '1.2.3.11-alpine'], newer: ['1.2.3.11-alpine'], latest: '1.2.3.11-alpine', updateType: 'patch' },
    { name: '5 parts', tags: FOUR_PART, current: '1.2.3.4.4',
      candidates: ['1.2.3.4.5'], newer: ['1.2.3.4.5'], latest: '1.2.3.4.5', updateType: 'patch' },

    // prereleases (rule 3)
    { name: 'prereleases left out by default', tags: PRERELEASES, current: '3.13.1',
      candidates: ['3.13.1', '3.14.0'], newer: ['3.14.0'], latest: '3.14.0', updateType: 'minor' },
    { name: 'prereleases included when asked; rc2 < rc10 < release', tags: PRERELEASES, current: '3.13.1', includePrereleases: true,
      candidates: ['3.13.1', '3.14.0a1', '3.14.0b1', '3.14.0rc1', '3.14.0rc2', '3.14.0rc10', '3.14.0', '3.14.1rc1', '3.15.0a1'],
      newer: ['3.14.0a1', '3.14.0b1', '3.14.0rc1', '3.14.0rc2', '3.14.0rc10', '3.14.0', '3.14.1rc1', '3.15.0a1'], latest: '3.15.0a1', updateType: 'minor' },
    { name: 'prerelease in use: prereleases included without asking', tags: PRERELEASES, current: '3.14.0rc2',
      candidates: ['3.13.1', '3.14.0a1', '3.14.0b1', '3.14.0rc1', '3.14.0rc2', '3.14.0rc10', '3.14.0', '3.14.1rc1', '3.15.0a1'],
      newer: ['3.14.0rc10', '3.14.0', '3.14.1rc1', '3.15.0a1'], latest: '3.15.0a1', updateType: 'minor' },
    { name: 'prerelease in use, maxUpdate patch: rc10 and the release are patches', tags: PRERELEASES, current: '3.14.0rc2', maxUpdate: 'patch',
      candidates: ['3.13.1', '3.14.0a1', '3.14.0b1', '3.14.0rc1', '3.14.0rc2', '3.14.0rc10', '3.14.0', '3.14.1rc1'],
      newer: ['3.14.0rc10', '3.14.0', '3.14.1rc1'], latest: '3.14.1rc1', updateType: 'patch' },
    { name: 'prerelease in use, not listed', tags: PRERELEASES, current: '3.14.0rc3', maxUpdate: 'patch',
      candidates: ['3.13.1', '3.14.0a1', '3.14.0b1', '3.14.0rc1', '3.14.0rc2', '3.14.0rc10', '3.14.0', '3.14.1rc1'],
      newer: ['3.14.0rc10', '3.14.0', '3.14.1rc1'], latest: '3.14.1rc1', updateType: 'patch' },
    { name: 'stable in use equal to a release: its prereleases are older', tags: PRERELEASES, current: '3.14.0', includePrereleases: true,
      candidates: ['3.13.1', '3.14.0a1', '3.14.0b1', '3.14.0rc1', '3.14.0rc2', '3.14.0rc10', '3.14.0', '3.14.1rc1', '3.15.0a1'],
      newer: ['3.14.1rc1', '3.15.0a1'], latest: '3.15.0a1', updateType: 'minor' },
    { name: 'prereleases, no current', tags: PRERELEASES,
      candidates: ['3.13.1', '3.14.0'], newer: [], latest: '3.14.0', updateType: 'none' },
    { name: 'prereleases, no current, included', tags: PRERELEASES, includePrereleases: true,
      candidates: ['3.13.1', '3.14.0a1', '3.14.0b1', '3.14.0rc1', '3.14.0rc2', '3.14.0rc10', '3.14.0', '3.14.1rc1', '3.15.0a1'],
      newer: [], latest: '3.15.0a1', updateType: 'none' },

    // rule 4's and rule 7's own example, each maxUpdate
    { name: 'rule 4 example, 3.12-slim', tags: RULE_4, current: '3.12-slim',
      candidates: ['3.11-slim', '3.12-slim', '3.13-slim', '4.0-slim'], newer: ['3.13-slim', '4.0-slim'], latest: '4.0-slim', updateType: 'major' },
    { name: 'rule 7 example, 3.12-slim, minor', tags: RULE_4, current: '3.12-slim', maxUpdate: 'minor',
      candidates: ['3.11-slim', '3.12-slim', '3.13-slim'], newer: ['3.13-slim'], latest: '3.13-slim', updateType: 'minor' },
    { name: 'rule 7 example, 3.12-slim, patch', tags: RULE_4, current: '3.12-slim', maxUpdate: 'patch',
      candidates: ['3.11-slim', '3.12-slim'], newer: [], latest: '3.12-slim', updateType: 'none' },

    // rule 9
    { name: 'no current: 3 < 3.12 < 3.12.1', tags: ['3.12.1', '3', '3.12'],
      candidates: ['3', '3.12', '3.12.1'], newer: [], latest: '3.12.1', updateType: 'none' },
    { name: 'no current: suffixed first (lexical by suffix), plain last', tags: ['3.12', '3.12-slim', '3.12-alpine', '3.12-slim-bookworm', '3.11'],
      candidates: ['3.11', '3.12-alpine', '3.12-slim', '3.12-slim-bookworm', '3.12'], newer: [], latest: '3.12', updateType: 'none' },
    { name: 'no current, maxUpdate ignored', tags: ['1', '2', '3'], maxUpdate: 'patch',
      candidates: ['1', '2', '3'], newer: [], latest: '3', updateType: 'none' },
    { name: 'no current, no versions: latest undefined', tags: ['latest', 'edge', 'bookworm', SIG, ATT, SBOM],
      candidates: [], newer: [], latest: undefined, updateType: 'none' },
    { name: 'no tags at all', tags: [],
      candidates: [], newer: [], latest: undefined, updateType: 'none' },
    { name: 'current latest, no versions', tags: ['latest', 'edge'], current: 'latest',
      candidates: [], newer: [], latest: undefined, updateType: 'none' },
    { name: 'current V1.2 is not a version (rule 1, 9)', tags: ['v1.1', '1.3', '1.3-alpine'], current: 'V1.2',
      candidates: ['v1.1', '1.3-alpine', '1.3'], newer: [], latest: '1.3', updateType: 'none' },

    // artifacts never count, even when shown
    { name: 'artifact tags with includeArtifacts are still not versions', tags: [SIG, ATT, SBOM, '1.0', 'latest'], includeArtifacts: true,
      candidates: ['1.0'], newer: [], latest: '1.0', updateType: 'none' },
    { name: 'artifact tags with a current', tags: [SIG, ATT, SBOM, '1.0', '1.1'], current: '1.0', includeArtifacts: true,
      candidates: ['1.0', '1.1'], newer: ['1.1'], latest: '1.1', updateType: 'minor' },

    // rule 2: whole numbers of any length
    { name: '20+ digit parts compare without precision loss', tags: ['1.99999999999999999999', '1.100000000000000000000', '1.9007199254740993', '1.9007199254740992'], current: '1.9007199254740992',
      candidates: ['1.9007199254740992', '1.9007199254740993', '1.99999999999999999999', '1.100000000000000000000'],
      newer: ['1.9007199254740993', '1.99999999999999999999', '1.100000000000000000000'], latest: '1.100000000000000000000', updateType: 'minor' },
    { name: '20-digit majors', tags: ['18446744073709551616', '18446744073709551615', '9'], current: '18446744073709551615', maxUpdate: 'major',
      candidates: ['9', '18446744073709551615', '18446744073709551616'], newer: ['18446744073709551616'], latest: '18446744073709551616', updateType: 'major' }
  ])('$name', ({ name: _name, tags, candidates, newer, latest, updateType, ...rest }) => {
    const query: TagQuery = { sort: 'docker', ...rest }
    // comparedWith: the tag in use, when it is a version (rule 1)
    const comparable =
      rest.current !== undefined && parseDockerVersion(rest.current)
    const expected = {
      candidates,
      newer,
      latest,
      updateType,
      ...(comparable && { comparedWith: rest.current })
    }
    // Rule 10: whatever the input order.
    for (const seed of [1, 2, 3]) {
      expect(chooseTags(shuffled(tags, seed), query)).toEqual(expected)
    }
    expect(chooseTags([...tags].reverse(), query)).toEqual(expected)
  })

  it('does not change its input', () => {
    const tags = shuffled(PYTHON, 5)
    const copy = [...tags]
    chooseTags(tags, { sort: 'docker', current: '3.12-slim' })
    chooseTags(tags, { sort: 'docker' })
    expect(tags).toEqual(copy)
  })
})

/*
 * A reference reading of the rules, written from the spec alone (BigInt for
 * numbers), for the property checks over generated tags.
 */
interface Ref {
  tag: string
  prefix: string
  release: bigint[]
  prerelease: string
  suffix: string
}

const REF = /^(v?)(\d+(?:\.\d+)*)([A-Za-z0-9_]*)(?:-([\s\S]*))?$/

function ref(tag: string): Ref | undefined {
  const m = REF.exec(tag)
  if (!m) return undefined
  return {
    tag,
    prefix: m[1],
    release: m[2].split('.').map((n) => BigInt(n)),
    prerelease: m[3],
    suffix: m[4] ?? ''
  }
}

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const big = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0)

function prereleaseOrder(a: string, b: string): number {
  if (a === b) return 0
  if (a === '') return 1
  if (b === '') return -1
  const ca = a.match(/\d+|\D+/g)!
  const cb = b.match(/\d+|\D+/g)!
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const order =
      /^\d/.test(ca[i]) && /^\d/.test(cb[i])
        ? big(BigInt(ca[i]), BigInt(cb[i]))
        : text(ca[i], cb[i])
    if (order) return order
  }
  return ca.length - cb.length
}

/** Rules 2, 3 and 9: numbers (shorter first when a prefix), then prerelease. */
function versionOrder(a: Ref, b: Ref): number {
  for (let i = 0; i < Math.min(a.release.length, b.release.length); i++) {
    const order = big(a.release[i], b.release[i])
    if (order) return order
  }
  return (
    a.release.length - b.release.length ||
    prereleaseOrder(a.prerelease, b.prerelease)
  )
}

/** Rule 5 (with a current) or rule 9 (without). */
function listOrder(current: Ref | undefined) {
  return (a: Ref, b: Ref): number => {
    const order = versionOrder(a, b)
    if (order) return order
    if (current) {
      const sa = a.prefix === current.prefix ? 1 : 0
      const sb = b.prefix === current.prefix ? 1 : 0
      return sa - sb || text(a.tag, b.tag)
    }
    const pa = a.suffix === '' ? 1 : 0
    const pb = b.suffix === '' ? 1 : 0
    return pa - pb || text(a.suffix, b.suffix) || text(a.tag, b.tag)
  }
}

const RANK: Record<UpdateType, number> = { major: 0, minor: 1, patch: 2 }

/** Rule 6: the step from current up to a newer candidate. */
function step(current: Ref, to: Ref): UpdateType {
  for (let i = 0; i < current.release.length; i++) {
    if (current.release[i] !== to.release[i]) {
      return i === 0 ? 'major' : i === 1 ? 'minor' : 'patch'
    }
  }
  return 'patch'
}

describe('chooseTags (docker): properties over generated tags', () => {
  // Deterministic generator: 1-4 part versions, a few suffixes, some `v`,
  // some leading zeros, some prereleases, plus non-versions and artifacts.
  // (32-bit integer LCG: exact, full period, unlike a float one.)
  let state = 12345
  const next = (n: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return (state >>> 8) % n
  }
  const suffixes = [
    '',
    '',
    '',
    'slim',
    'alpine',
    'alpine3.20',
    'alpine3.21',
    'slim-bookworm'
  ]
  const prereleases = ['', '', '', '', '', '', 'rc1', 'rc2', 'rc10', 'a1', 'b3']
  const set = new Set<string>()
  for (let tries = 0; set.size < 3000 && tries < 100_000; tries++) {
    const parts = 1 + next(4)
    const numbers = Array.from({ length: parts }, (_, i) => {
      const n = String(i === 0 ? 1 + next(6) : next(12))
      return next(40) === 0 ? `0${n}` : n
    })
    const prefix = next(8) === 0 ? 'v' : ''
    const pre = prereleases[next(prereleases.length)]
    const suffix = suffixes[next(suffixes.length)]
    set.add(`${prefix}${numbers.join('.')}${pre}${suffix ? `-${suffix}` : ''}`)
  }
  const generated = [...set]
  const noise = [
    'latest',
    'edge',
    'bookworm',
    'slim-bookworm',
    'stable-slim',
    'V1.2',
    '1..2',
    SIG,
    ATT,
    SBOM,
    ...Array.from(
      { length: 40 },
      (_, i) => `sha256-${i.toString(16).padStart(64, '0')}.sig`
    )
  ]
  const input = shuffled([...generated, ...noise], 99)
  const currents: (string | undefined)[] = [
    undefined,
    'latest',
    ...generated.filter((_, i) => i % 150 === 0),
    '3.4-slim',
    '2.5.5-alpine3.21',
    'v4.1.1.1',
    '3rc2-alpine',
    '5.11.11.11-slim-bookworm'
  ]
  const maxUpdates: (UpdateType | undefined)[] = [
    undefined,
    'major',
    'minor',
    'patch'
  ]
  const cases = currents.flatMap((current) =>
    maxUpdates.flatMap((maxUpdate) =>
      [false, true].map((includePrereleases) => ({
        current,
        maxUpdate,
        includePrereleases
      }))
    )
  )

  it('generates a few thousand distinct docker-style tags', () => {
    expect(generated).toHaveLength(3000)
    expect(generated.every((t) => ref(t) !== undefined)).toBe(true)
    expect(cases.length).toBeGreaterThan(100)
  })

  test.each(cases)(
    'current $current, maxUpdate $maxUpdate, prereleases $includePrereleases',
    ({ current, maxUpdate, includePrereleases }) => {
      const query: TagQuery = {
        sort: 'docker',
        current,
        maxUpdate,
        includePrereleases
      }
      const out = chooseTags(input, query)
      const cur = current === undefined ? undefined : ref(current)
      const order = listOrder(cur)
      const parsed = out.candidates.map((t) => ref(t)!)

      // Every candidate is a version; strictly ascending by the rules (5, 9).
      expect(parsed.every((p) => p !== undefined)).toBe(true)
      const unordered = parsed.findIndex(
        (p, i) => i > 0 && order(parsed[i - 1], p) >= 0
      )
      expect(unordered).toBe(-1)

      // Exactly the tags the rules admit (1, 3, 4, 7).
      const admitsPre = includePrereleases || Boolean(cur?.prerelease)
      const max = RANK[maxUpdate ?? 'major']
      const admitted = generated
        .map((t) => ref(t)!)
        .filter((p) => admitsPre || p.prerelease === '')
        .filter(
          (p) =>
            !cur ||
            (p.release.length === cur.release.length &&
              p.suffix === cur.suffix &&
              (versionOrder(p, cur) <= 0 || RANK[step(cur, p)] >= max))
        )
        .sort(order)
        .map((p) => p.tag)
      expect(out.candidates).toEqual(admitted)

      if (!cur) {
        // Rule 9.
        expect(out.newer).toEqual([])
        expect(out.updateType).toBe('none')
        expect(out.latest).toBe(out.candidates.at(-1))
        return
      }
      // Rule 8: newer = the candidates above current, ascending.
      expect(out.newer).toEqual(
        out.candidates.filter((t) => versionOrder(ref(t)!, cur) > 0)
      )
      for (const t of out.newer) {
        const p = ref(t)!
        expect(p.release).toHaveLength(cur.release.length)
        expect(p.suffix).toBe(cur.suffix)
        expect(RANK[step(cur, p)]).toBeGreaterThanOrEqual(max)
      }
      if (out.newer.length > 0) {
        expect(out.latest).toBe(out.candidates.at(-1))
        expect(out.latest).toBe(out.newer.at(-1))
        const largest = Math.min(
          ...out.newer.map((t) => RANK[step(cur, ref(t)!)])
        )
        expect(out.updateType).toBe(
          (['major', 'minor', 'patch'] as const)[largest]
        )
        expect(RANK[out.updateType as UpdateType]).toBeGreaterThanOrEqual(max)
      } else {
        expect(out.latest).toBe(current)
        expect(out.updateType).toBe('none')
      }
      // Rule 10.
      expect(chooseTags(shuffled(input, 3), query)).toEqual(out)
    }
  )
})
