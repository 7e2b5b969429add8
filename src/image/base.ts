/**
 * Is an image built on its base's current release? The answer per platform,
 * and what the image itself says about its base: the OCI base annotations
 * (`org.opencontainers.image.base.name` / `.base.digest`, written by
 * buildah, podman, ko and others) on its manifest, its index entry or its
 * index. Pure.
 */
import { isDigest } from '../registry/digest.js'
import type { ManifestInfo } from './model.js'

export type BaseStatus = 'current' | 'outdated' | 'unknown'
/** Where the answer came from, in the order they are tried. */
export type BaseMethod = 'annotation' | 'provenance' | 'layers'

export const BASE_NAME = 'org.opencontainers.image.base.name'
export const BASE_DIGEST = 'org.opencontainers.image.base.digest'

/** One platform's answer. */
export interface BaseCheck {
  /** The image's platform, as os/arch[/variant]. */
  platform: string
  status: BaseStatus
  method?: BaseMethod
  /** The base checked, normalized (`docker.io/library/alpine:3.20`). */
  ref?: string
  /** The base's digest as the registry answers now. */
  digest?: string
  /** The digest the image was built from, when known. */
  builtFrom?: string
  /** Why the status is unknown, or where the answer came from; one line. */
  reason: string
}

/** The base an image's annotations name, and where they were found. */
export interface AnnotatedBase {
  /** As written (`alpine:3.20`, `docker.io/library/alpine:3.20`); may be absent. */
  name?: string
  digest: string
  where: string
}

/**
 * The first of the manifest's, the index entry's and the index's
 * annotations that gives a base digest; the name comes from the same place.
 */
export function annotatedBase(info: ManifestInfo): AnnotatedBase | undefined {
  const sources: [string, [string, string][]][] = [
    ['the image manifest', info.annotations],
    ['the index entry', info.entryAnnotations],
    ['the index', info.indexAnnotations]
  ]
  for (const [where, annotations] of sources) {
    // A key written twice: the last one counts, as when decoded.
    const value = (key: string): string | undefined =>
      annotations.filter(([k]) => k === key).at(-1)?.[1]
    const digest = value(BASE_DIGEST)?.trim()
    if (!digest || !isDigest(digest)) continue
    const name = value(BASE_NAME)?.trim()
    return { name: name || undefined, digest, where }
  }
  return undefined
}

/** True when the base's layers are the first layers of the image. */
export function startsWith(image: string[], base: string[]): boolean {
  return base.length <= image.length && base.every((d, i) => image[i] === d)
}

/**
 * Several platforms' answers as one: outdated when any is, current when all
 * are, otherwise unknown.
 */
export function overallStatus(checks: BaseCheck[]): BaseStatus {
  if (checks.some((c) => c.status === 'outdated')) return 'outdated'
  if (checks.length > 0 && checks.every((c) => c.status === 'current')) {
    return 'current'
  }
  return 'unknown'
}

/** `needs-update`: true, false, or empty when not known. */
export function needsUpdate(status: BaseStatus): string {
  return status === 'unknown' ? '' : String(status === 'outdated')
}

/** One line a user reads: what the answer means for this platform. */
export function verdict(check: BaseCheck): string {
  const base = check.ref ?? 'its base'
  switch (check.status) {
    case 'current':
      return `${check.platform} is built on the current ${base}`
    case 'outdated':
      return `${check.platform} is built on an older ${base}: rebuild`
    case 'unknown':
      return `${check.platform}: base unknown (${check.reason})`
  }
}
