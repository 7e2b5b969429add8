/**
 * Docker-style versions, as the official images write their tags and as
 * Renovate's docker versioning reads them: `3.12-slim-bookworm`,
 * `1.23.4-alpine3.21`, `v2.1`. Numeric parts compare as numbers; letters
 * glued to the last number (`3.14.0rc1`) make a prerelease; everything
 * after the first `-` is the suffix, a compatibility class rather than a
 * prerelease. Tags are only compared with tags of the same kind: the same
 * number of parts and the same suffix.
 */

export type UpdateType = 'major' | 'minor' | 'patch'

export const UPDATE_TYPES: readonly UpdateType[] = ['major', 'minor', 'patch']

export interface DockerVersion {
  tag: string
  /** `v` when the tag is written `v1.2`. */
  prefix: '' | 'v'
  /** Numeric parts without leading zeros, as text: no precision is lost. */
  release: string[]
  /** Letters glued to the last number (`rc1` in `3.14.0rc1`). */
  prerelease: string
  /** After the first `-` (`slim-bookworm`); empty when none. */
  suffix: string
}

const HEAD = /^(v?)(\d+(?:\.\d+)*)([A-Za-z0-9_]*)$/

/** A Docker-style version, or undefined for `latest`, `bookworm`, `sha256-…`. */
export function parseDockerVersion(tag: string): DockerVersion | undefined {
  const dash = tag.indexOf('-')
  const head = dash === -1 ? tag : tag.slice(0, dash)
  const match = HEAD.exec(head)
  if (!match) return undefined
  return {
    tag,
    prefix: match[1] === 'v' ? 'v' : '',
    release: match[2].split('.').map(withoutLeadingZeros),
    prerelease: match[3],
    suffix: dash === -1 ? '' : tag.slice(dash + 1)
  }
}

const withoutLeadingZeros = (digits: string): string =>
  digits.replace(/^0+(?=\d)/, '')

/** Whole numbers written in decimal without leading zeros, of any length. */
function compareNumbers(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** `rc2` before `rc10`: runs of digits compare as numbers. */
function comparePrereleases(a: string, b: string): number {
  // A release comes after its prereleases.
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1
  const chunks = (text: string): string[] => text.match(/\d+|\D+/g) ?? []
  const left = chunks(a)
  const right = chunks(b)
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const numeric = /^\d/.test(left[i]) && /^\d/.test(right[i])
    const order = numeric
      ? compareNumbers(
          withoutLeadingZeros(left[i]),
          withoutLeadingZeros(right[i])
        )
      : compareText(left[i], right[i])
    if (order) return order
  }
  return left.length - right.length
}

/** The version alone: numbers, then prerelease (`1.2` before `1.2.0`). */
export function compareReleases(a: DockerVersion, b: DockerVersion): number {
  for (let i = 0; i < Math.min(a.release.length, b.release.length); i++) {
    const order = compareNumbers(a.release[i], b.release[i])
    if (order) return order
  }
  return (
    a.release.length - b.release.length ||
    comparePrereleases(a.prerelease, b.prerelease)
  )
}

/**
 * A total order for listing every version: version, then suffix (the plain
 * tag last, as the one `latest` usually names), then the spelling, so `1.3`
 * and `v1.3` keep one stable order.
 */
export function compareDockerVersions(
  a: DockerVersion,
  b: DockerVersion
): number {
  return (
    compareReleases(a, b) ||
    (a.suffix === '' ? 1 : 0) - (b.suffix === '' ? 1 : 0) ||
    compareText(a.suffix, b.suffix) ||
    compareText(a.tag, b.tag)
  )
}

/** Same kind: as many numeric parts, and the same suffix. */
export function isCompatible(
  candidate: DockerVersion,
  current: DockerVersion
): boolean {
  return (
    candidate.release.length === current.release.length &&
    candidate.suffix === current.suffix
  )
}

/**
 * How big a step from `current` up to `candidate` is: the first numeric
 * part that differs (1st major, 2nd minor, any later one patch); a
 * prerelease becoming its release is a patch. Undefined unless newer.
 */
export function updateType(
  current: DockerVersion,
  candidate: DockerVersion
): UpdateType | undefined {
  if (compareReleases(candidate, current) <= 0) return undefined
  const parts = Math.min(current.release.length, candidate.release.length)
  for (let i = 0; i < parts; i++) {
    if (current.release[i] !== candidate.release[i]) {
      return UPDATE_TYPES[Math.min(i, 2)]
    }
  }
  return 'patch'
}

/** True when an update of `type` is no larger than `max`. */
export function withinUpdate(type: UpdateType, max: UpdateType): boolean {
  return UPDATE_TYPES.indexOf(type) >= UPDATE_TYPES.indexOf(max)
}
