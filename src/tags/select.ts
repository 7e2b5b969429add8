/**
 * Choosing among a repository's tags: hide signature/attestation tags,
 * filter by a pattern, sort by semver (prereleases as semver orders them)
 * or lexically, and pick the highest.
 */
import semver from 'semver'
import type { Pattern } from '../text/pattern.js'

/** cosign/notation artifacts stored as tags: `sha256-<hex>.sig|.att|.sbom`. */
const ARTIFACT_TAG = /^sha256-[a-f0-9]{64}(?:\.(?:sig|att|sbom))$/

export type TagSort = 'semver' | 'lexical'

export interface TagQuery {
  /** Only tags this matches (RE2, unanchored unless the pattern anchors). */
  pattern?: Pattern
  sort: TagSort
  /** A semver range the tag must satisfy (`^3`, `~1.27`, `>=2 <3`). */
  range?: string
  includeArtifacts?: boolean
  includePrereleases?: boolean
}

/** `v1.2.3` and `1.2.3` are versions; `1.2` and `latest` are not. */
export function versionOf(tag: string): semver.SemVer | null {
  // semver's strict parse allows exactly one leading "v".
  return semver.parse(tag)
}

/**
 * The tags that match, sorted ascending (semver: non-versions are dropped,
 * so `latest` and `main` never count as the newest).
 */
export function selectTags(tags: string[], query: TagQuery): string[] {
  const includePrereleases = Boolean(query.includePrereleases)
  let out = tags.filter((t) => query.includeArtifacts || !ARTIFACT_TAG.test(t))
  if (query.pattern) out = out.filter((t) => query.pattern!.test(t))
  if (query.sort === 'lexical' && !query.range) {
    return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  }
  const wanted = (version: semver.SemVer): boolean =>
    query.range
      ? semver.satisfies(version, query.range, {
          includePrerelease: includePrereleases
        })
      : includePrereleases || version.prerelease.length === 0
  const versions = out
    .map((tag) => ({ tag, version: versionOf(tag) }))
    .filter(
      (v): v is { tag: string; version: semver.SemVer } =>
        v.version !== null && wanted(v.version)
    )
  // Equal versions (v1.0.0 and 1.0.0) keep a stable, lexical order.
  versions.sort(
    (a, b) =>
      semver.compare(a.version, b.version) ||
      (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)
  )
  return versions.map((v) => v.tag)
}

/** Validates a semver range for an input; undefined when it is not one. */
export function validRange(text: string): string | undefined {
  return semver.validRange(text) ?? undefined
}
