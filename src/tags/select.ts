/**
 * Choosing among a repository's tags: hide signature/attestation tags,
 * filter by a pattern, order them (semver, Docker-style or lexically),
 * keep those comparable with the tag in use, and pick the highest.
 */
import semver from 'semver'
import type { Pattern } from '../text/pattern.js'
import {
  compareDockerVersions,
  compareReleases,
  UPDATE_TYPES,
  isCompatible,
  parseDockerVersion,
  updateType as dockerUpdateType,
  withinUpdate,
  type DockerVersion,
  type UpdateType
} from './docker-version.js'

export type { UpdateType } from './docker-version.js'

/** cosign/notation artifacts stored as tags: `sha256-<hex>.sig|.att|.sbom`. */
const ARTIFACT_TAG = /^sha256-[a-f0-9]{64}(?:\.(?:sig|att|sbom))$/

export type TagSort = 'semver' | 'docker' | 'lexical'

export interface TagQuery {
  /** Only tags this matches (RE2, unanchored unless the pattern anchors). */
  pattern?: Pattern
  sort: TagSort
  /** A semver range the tag must satisfy (`^3`, `~1.27`, `>=2 <3`). */
  range?: string
  includeArtifacts?: boolean
  includePrereleases?: boolean
  /** The tag in use: only tags of its kind count, and "newer" means than it. */
  current?: string
  /** The largest update that counts (`major`: any). */
  maxUpdate?: UpdateType
}

/** What the tag outputs say. */
export interface TagChoice {
  /** Every tag the answer was chosen from, ascending (`tags`). */
  candidates: string[]
  /** The highest candidate, or the tag in use when none is newer. */
  latest?: string
  /** Candidates newer than the tag in use, ascending. */
  newer: string[]
  /** The largest step to a newer tag; undefined when the order cannot say (lexical). */
  updateType?: UpdateType | 'none'
  /** The tag in use, when the order could compare with it. */
  comparedWith?: string
}

/** `v1.2.3` and `1.2.3` are versions; `1.2` and `latest` are not. */
export function versionOf(tag: string): semver.SemVer | null {
  // semver's strict parse allows exactly one leading "v".
  return semver.parse(tag)
}

/** True when the sort reads `tag` as a version (`max-update` needs one). */
export function isVersion(tag: string, sort: TagSort): boolean {
  if (sort === 'semver') return versionOf(tag) !== null
  if (sort === 'docker') return parseDockerVersion(tag) !== undefined
  return false
}

/**
 * The candidates, sorted ascending: semver and docker drop non-versions,
 * so `latest` and `main` never count as the newest.
 */
export function selectTags(tags: string[], query: TagQuery): string[] {
  return chooseTags(tags, query).candidates
}

/** The candidates, the newest of them and what is newer than the tag in use. */
export function chooseTags(tags: string[], query: TagQuery): TagChoice {
  let out = tags.filter((t) => query.includeArtifacts || !ARTIFACT_TAG.test(t))
  if (query.pattern) out = out.filter((t) => query.pattern!.test(t))
  if (query.sort === 'docker') return chooseDocker(out, query)
  if (query.sort === 'semver' || query.range) return chooseSemver(out, query)
  const candidates = [...out].sort(compareText)
  const { current } = query
  return {
    candidates,
    latest: candidates.at(-1),
    newer: current === undefined ? [] : candidates.filter((t) => t > current),
    ...(current !== undefined && { comparedWith: current })
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Ascending candidates → the choice. `current` is the tag in use when the
 * sort can compare with it; `step` says how far up a candidate is from it.
 */
function choice(
  ordered: string[],
  current: string | undefined,
  step: (tag: string) => UpdateType | undefined,
  maxUpdate: UpdateType = 'major'
): TagChoice {
  const stepped = ordered
    .map((tag) => ({ tag, type: step(tag) }))
    .filter(({ type }) => type === undefined || withinUpdate(type, maxUpdate))
  const newer = stepped.filter(({ type }) => type !== undefined)
  const largest = UPDATE_TYPES.find((t) => newer.some((n) => n.type === t))
  return {
    candidates: stepped.map(({ tag }) => tag),
    latest: newer.at(-1)?.tag ?? current ?? stepped.at(-1)?.tag,
    newer: newer.map(({ tag }) => tag),
    updateType: largest ?? 'none',
    ...(current !== undefined && { comparedWith: current })
  }
}

const none = (): undefined => undefined

function chooseSemver(tags: string[], query: TagQuery): TagChoice {
  const current = query.current === undefined ? null : versionOf(query.current)
  // A prerelease in use makes prereleases comparable with it.
  const includePrerelease =
    Boolean(query.includePrereleases) || Boolean(current?.prerelease.length)
  const wanted = (version: semver.SemVer): boolean =>
    query.range
      ? semver.satisfies(version, query.range, { includePrerelease })
      : includePrerelease || version.prerelease.length === 0
  const versions = tags
    .map((tag) => ({ tag, version: versionOf(tag) }))
    .filter(
      (v): v is { tag: string; version: semver.SemVer } =>
        v.version !== null && wanted(v.version)
    )
  // Equal versions (v1.0.0 and 1.0.0) keep a stable, lexical order.
  versions.sort(
    (a, b) => semver.compare(a.version, b.version) || compareText(a.tag, b.tag)
  )
  const byTag = new Map(versions.map((v) => [v.tag, v.version]))
  const step = current
    ? (tag: string): UpdateType | undefined => {
        const version = byTag.get(tag)!
        return semver.gt(version, current)
          ? semverStep(current, version)
          : undefined
      }
    : none
  return choice(
    versions.map((v) => v.tag),
    current ? query.current : undefined,
    step,
    query.maxUpdate
  )
}

function semverStep(from: semver.SemVer, to: semver.SemVer): UpdateType {
  const diff = semver.diff(from, to)
  if (diff === 'major' || diff === 'premajor') return 'major'
  if (diff === 'minor' || diff === 'preminor') return 'minor'
  return 'patch'
}

function chooseDocker(tags: string[], query: TagQuery): TagChoice {
  const current =
    query.current === undefined ? undefined : parseDockerVersion(query.current)
  const includePrerelease =
    Boolean(query.includePrereleases) || Boolean(current?.prerelease)
  const versions = tags
    .map(parseDockerVersion)
    .filter(
      (v): v is DockerVersion =>
        v !== undefined &&
        (includePrerelease || v.prerelease === '') &&
        (!current || isCompatible(v, current))
    )
  if (!current) {
    // Nothing to be compatible with: every version, plain ones last among equals.
    versions.sort(compareDockerVersions)
    return choice(
      versions.map((v) => v.tag),
      undefined,
      none
    )
  }
  // Equal versions spelled two ways (1.3, v1.3): the spelling in use last.
  versions.sort(
    (a, b) =>
      compareReleases(a, b) ||
      (a.prefix === current.prefix ? 1 : 0) -
        (b.prefix === current.prefix ? 1 : 0) ||
      compareText(a.tag, b.tag)
  )
  const byTag = new Map(versions.map((v) => [v.tag, v]))
  return choice(
    versions.map((v) => v.tag),
    query.current,
    (tag) => dockerUpdateType(current, byTag.get(tag)!),
    query.maxUpdate
  )
}

/** Validates a semver range for an input; undefined when it is not one. */
export function validRange(text: string): string | undefined {
  return semver.validRange(text) ?? undefined
}
