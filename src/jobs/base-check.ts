/**
 * Does this image need a rebuild? For one platform of an image: find what
 * it was built from (the OCI base annotations, else BuildKit's provenance,
 * else the layers of a base the user names; the first that applies
 * decides) and compare it with what the base is now.
 */
import { UserError, errorMessage } from '../errors.js'
import {
  annotatedBase,
  startsWith,
  type BaseCheck,
  type BaseMethod
} from '../image/base.js'
import { imageMaterials, type ImageMaterial } from '../image/materials.js'
import type { ManifestInfo } from '../image/model.js'
import {
  formatPlatform,
  normalizePlatform,
  type Platform
} from '../image/platform.js'
import { platformList } from '../image/manifest.js'
import type { Provenance } from '../image/provenance.js'
import {
  ReferenceError,
  formatReference,
  parseReference,
  repositoryName,
  type ImageReference
} from '../registry/reference.js'
import type { BaseImages } from './base-images.js'
import type { ProvenanceFinding } from './provenance.js'

/** At most this many of a provenance's images are tried as the base by their layers. */
const MAX_CANDIDATES = 8

export interface BaseOptions {
  /** The base to check against (`base-image`); otherwise the image names it. */
  image?: ImageReference
}

export async function checkBase(
  info: ManifestInfo,
  finding: ProvenanceFinding | undefined,
  options: BaseOptions,
  bases: BaseImages
): Promise<BaseCheck> {
  const platform = formatPlatform(info.platform)
  const notes: string[] = []
  try {
    const annotated = annotatedBase(info)
    if (annotated) {
      const named = baseReference(annotated.name)
      const ref = options.image ?? named.reference
      if (ref) {
        return await compareDigests(info, bases, {
          method: 'annotation',
          ref,
          namedBy: options.image ? undefined : info.reference,
          builtFrom: annotated.digest,
          from: `the base annotations on ${annotated.where}`
        })
      }
      notes.push(`the base annotations on ${annotated.where} ${named.problem}`)
    } else {
      notes.push('no base annotations')
    }
    if (finding?.provenance) {
      const picked = await pickMaterial(
        info,
        finding.provenance,
        options,
        bases
      )
      if (picked.material) {
        return await compareDigests(info, bases, {
          method: 'provenance',
          ref: options.image ?? atTag(picked.material.reference),
          namedBy: options.image ? undefined : info.reference,
          builtFrom: picked.material.digest,
          from: `the provenance (${picked.material.uri})`
        })
      }
      notes.push(picked.reason)
    } else {
      notes.push(`no provenance (${finding?.reason ?? 'not read'})`)
    }
    if (options.image) return await compareLayers(info, bases, options.image)
    notes.push("no 'base-image' to compare layers with")
    return { platform, status: 'unknown', reason: notes.join('; ') }
  } catch (error) {
    // The base could not be read (not found, denied, …): not known.
    if (!(error instanceof UserError)) throw error
    return { platform, status: 'unknown', reason: errorMessage(error) }
  }
}

/**
 * A base named by an annotation or package URL, checked at its tag: a
 * digest pinned next to the tag is what the image was built from, not
 * what the tag is now. Without a tag, `latest`.
 */
function baseReference(name: string | undefined): {
  reference?: ImageReference
  problem: string
} {
  if (!name) return { problem: 'give a digest but no base name' }
  try {
    return { reference: atTag(parseReference(name)), problem: '' }
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error
    return {
      problem: `name a base that is not a valid reference (${error.rule})`
    }
  }
}

function atTag(ref: ImageReference): ImageReference {
  if (ref.tag !== undefined) return { ...ref, digest: undefined }
  if (ref.digest !== undefined) return ref
  return { ...ref, tag: 'latest' }
}

interface Comparison {
  method: Exclude<BaseMethod, 'layers'>
  ref: ImageReference
  /** The digest the image says it was built from: an index or a manifest. */
  builtFrom: string
  /** Where that came from, for the reason. */
  from: string
  /** The image that named the base, when the user did not. */
  namedBy?: ImageReference
}

/**
 * Built from the base's current digest (its index's, or its manifest's for
 * this platform)? The index is read only when the digests differ.
 */
async function compareDigests(
  info: ManifestInfo,
  bases: BaseImages,
  { method, ref, builtFrom, from, namedBy }: Comparison
): Promise<BaseCheck> {
  const platform = formatPlatform(info.platform)
  const shown = formatReference(ref)
  const digest = await bases.currentDigest(ref, namedBy)
  const check = { platform, method, ref: shown, digest, builtFrom }
  if (builtFrom === digest) {
    return {
      ...check,
      status: 'current',
      reason: `built from ${builtFrom}, which ${shown} still is (from ${from})`
    }
  }
  const now = await bases.current(ref, namedBy)
  const found = await bases.platformDigest(ref, now, info.platform, namedBy)
  if (found.offered) {
    return {
      ...check,
      status: 'unknown',
      reason: missingPlatform(shown, info, found.offered)
    }
  }
  // The index entry, or an entry on the way through nested indexes.
  if (found.via.includes(builtFrom)) {
    return {
      ...check,
      status: 'current',
      reason: `built from ${builtFrom}, which ${shown} still is for ${platform} (from ${from})`
    }
  }
  return {
    ...check,
    status: 'outdated',
    reason: `built from ${builtFrom}; ${shown} is ${digest} now (from ${from})`
  }
}

/** Do the base's layers for this platform start the image's? */
async function compareLayers(
  info: ManifestInfo,
  bases: BaseImages,
  ref: ImageReference
): Promise<BaseCheck> {
  const platform = formatPlatform(info.platform)
  const shown = formatReference(ref)
  const now = await bases.current(ref)
  const check = {
    platform,
    method: 'layers' as const,
    ref: shown,
    digest: now.digest
  }
  const manifest = await bases.platformManifest(ref, now, info.platform)
  if (manifest.offered) {
    return {
      ...check,
      status: 'unknown',
      reason: missingPlatform(shown, info, manifest.offered)
    }
  }
  if (startsWith(info.layerDigests, manifest.layers)) {
    return {
      ...check,
      status: 'current',
      builtFrom: manifest.digest,
      reason: `the image's layers start with the ${manifest.layers.length} layers of ${shown} for ${platform}`
    }
  }
  return {
    ...check,
    status: 'outdated',
    reason: `the image's layers do not start with the ${manifest.layers.length} layers ${shown} has now for ${platform}`
  }
}

function missingPlatform(
  shown: string,
  info: ManifestInfo,
  offered: Platform[]
): string {
  const list = offered.length ? platformList(offered) : 'none'
  return `${shown} has no ${formatPlatform(info.platform)} (it offers ${list})`
}

type Choice =
  | { material: ImageMaterial; reason?: undefined }
  | { material?: undefined; reason: string }

/**
 * The base among the images a build used: the one `base-image` names,
 * the only one, or the one whose layers start the image's layers (a
 * multi-stage build also lists its builder images).
 */
async function pickMaterial(
  info: ManifestInfo,
  provenance: Provenance,
  options: BaseOptions,
  bases: BaseImages
): Promise<Choice> {
  const materials = await imageMaterials(provenance.materials)
  if (materials.length === 0) {
    return {
      reason:
        'the provenance names no image with a digest (built FROM scratch?)'
    }
  }
  if (options.image) {
    const wanted = repositoryName(options.image)
    const same = materials.find((m) => repositoryName(m.reference) === wanted)
    return same
      ? { material: same }
      : {
          reason: `the provenance does not name ${wanted} among the images the build used`
        }
  }
  const candidates = materials.filter((m) => couldBeBase(m, info))
  if (candidates.length === 0) {
    return {
      reason: `the provenance names only images that cannot be the base (${materials
        .map((m) => formatReference(m.reference))
        .join(', ')})`
    }
  }
  if (candidates.length === 1) return { material: candidates[0] }
  const tried = candidates.slice(0, MAX_CANDIDATES)
  const found = await Promise.all(tried.map((m) => startsImage(info, m, bases)))
  const index = found.indexOf(true)
  if (index !== -1) return { material: tried[index] }
  return {
    reason: `the provenance names ${candidates.length} images (${tried
      .map((m) => formatReference(m.reference))
      .join(
        ', '
      )}) and the layers of none start the image's; name the base with 'base-image'`
  }
}

/** Dockerfile frontends (`# syntax=`) BuildKit lists with the images it pulled. */
const FRONTENDS = new Set([
  'docker.io/docker/dockerfile',
  'docker.io/docker/dockerfile-upstream'
])

/**
 * Not the build's frontend, and for the image's platform when the
 * material says which (a builder stage may run on the build platform).
 */
function couldBeBase(material: ImageMaterial, info: ManifestInfo): boolean {
  if (FRONTENDS.has(repositoryName(material.reference))) return false
  if (!material.platform) return true
  const wanted = formatPlatform(normalizePlatform(info.platform))
  return formatPlatform(normalizePlatform(material.platform)) === wanted
}

/** Whether a material's layers (for the image's platform) start the image's. */
async function startsImage(
  info: ManifestInfo,
  material: ImageMaterial,
  bases: BaseImages
): Promise<boolean> {
  try {
    const at = await bases.at(material.reference, material.digest, {
      namedBy: info.reference
    })
    const manifest = await bases.platformManifest(
      material.reference,
      at,
      info.platform,
      info.reference
    )
    return (
      !manifest.offered &&
      manifest.layers.length > 0 &&
      startsWith(info.layerDigests, manifest.layers)
    )
  } catch (error) {
    // A builder image gone from its registry is not the base.
    if (error instanceof UserError) return false
    throw error
  }
}
