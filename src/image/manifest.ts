/**
 * Manifests and indexes as the image spec defines them: what a manifest is
 * (its Content-Type cross-checked with its body), an index's image entries
 * and their platforms, descriptors. Pure: bytes in, data out.
 */
import type { Descriptor, Manifest } from '../registry/client.js'
import { isDigest } from '../registry/digest.js'
import {
  DESCRIPTOR_FIELDS,
  MANIFEST_FIELDS,
  PLATFORM_FIELDS,
  objectOrUndefined,
  stringEntries,
  structOf
} from './fields.js'
import { RegistryError, quote } from '../registry/errors.js'
import {
  INDEX_TYPES,
  OCI_INDEX,
  OCI_MANIFEST,
  SCHEMA1_TYPES,
  manifestKind
} from '../registry/media-types.js'
import { formatPlatform, normalizePlatform, type Platform } from './platform.js'

/**
 * A registry sizes an index; real ones list a few dozen entries. More than
 * this is refused rather than worked through.
 */
export const MAX_INDEX_ENTRIES = 10_000
/** Nested indexes are allowed; this bounds how deep they are followed. */
export const MAX_INDEX_DEPTH = 4

export interface IndexEntry extends Descriptor {
  platform?: Platform
  annotations?: Record<string, unknown>
}

export interface ParsedManifest {
  kind: 'index' | 'image'
  mediaType: string
  json: Record<string, unknown>
  /** The document's own annotations, in the order written. */
  annotations: [string, string][]
  /** For an image: its layers, in order. */
  layers: Descriptor[]
  /** For an index: the image entries (attestations left out) and their platforms. */
  entries: IndexEntry[]
  platforms: Platform[]
  /**
   * For an index: BuildKit's attestation manifests, by the digest of the
   * image manifest each attests (`vnd.docker.reference.digest`).
   */
  attestations: Map<string, Descriptor>
}

/**
 * Decides what a manifest is from its Content-Type, cross-checked with the
 * body's own mediaType (CVE-2021-41190); sniffs the body when the registry
 * sent no usable Content-Type.
 */
export function parseManifest(manifest: Manifest): ParsedManifest {
  const text = manifest.bytes.toString('utf8')
  // Fields as the runtimes find them, in any case (fields.ts).
  const body = structOf(
    jsonObject(manifest, text),
    MANIFEST_FIELDS,
    'manifest'
  ) as Record<string, unknown>
  const mediaType = mediaTypeOf(body, manifest.contentType)
  const kind = manifestKind(mediaType)
  if (kind !== 'index' && kind !== 'image') {
    throw new RegistryError(
      'unsupported',
      `The manifest has media type ${quote(mediaType)}, which is not an image or image index`
    )
  }
  if (kind === 'index' && !Array.isArray(body.manifests)) {
    throw new RegistryError(
      'protocol',
      `The index ${manifest.digest} has no "manifests" list`
    )
  }
  if (kind === 'image' && (Array.isArray(body.manifests) || !body.config)) {
    throw new RegistryError(
      'protocol',
      `The manifest ${manifest.digest} is marked as an image but has no "config"`
    )
  }
  const annotations = stringEntries(body.annotations, 'annotation', {
    text,
    path: ['annotations']
  })
  const parsed = { kind, mediaType, json: body, annotations }
  if (kind === 'image') {
    const layers = Array.isArray(body.layers) ? body.layers : []
    return {
      ...parsed,
      layers: layers.map((layer) => descriptorOf(layer, 'layer')),
      entries: [],
      platforms: [],
      attestations: new Map()
    }
  }
  const list = body.manifests as unknown[]
  if (list.length > MAX_INDEX_ENTRIES) {
    throw new RegistryError(
      'too-large',
      `The index ${manifest.digest} lists ${list.length} entries; this action reads at most ${MAX_INDEX_ENTRIES} (a fixed limit)`
    )
  }
  const { entries, attestations } = imageEntries(list)
  return {
    ...parsed,
    layers: [],
    entries,
    platforms: platformsOf(entries),
    attestations
  }
}

/** The manifest's bytes as a JSON object. */
function jsonObject(manifest: Manifest, text: string): Record<string, unknown> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new RegistryError(
      'protocol',
      `The manifest ${manifest.digest} is not valid JSON`
    )
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new RegistryError(
      'protocol',
      `The manifest ${manifest.digest} is not a JSON object`
    )
  }
  return json as Record<string, unknown>
}

/** The media type the header and the body agree on, or the body's shape tells. */
function mediaTypeOf(
  body: Record<string, unknown>,
  contentType: string
): string {
  const declared =
    typeof body.mediaType === 'string' ? body.mediaType : undefined
  if (
    body.schemaVersion === 1 ||
    SCHEMA1_TYPES.includes(contentType) ||
    (declared && SCHEMA1_TYPES.includes(declared))
  ) {
    throw new RegistryError(
      'unsupported',
      'The registry serves this image only as a Docker schema 1 manifest, a format deprecated since 2017 and not supported; rebuild or re-push the image with a current Docker or buildx'
    )
  }
  const byHeader = manifestKind(contentType)
  if (byHeader === 'index' || byHeader === 'image') {
    if (declared !== undefined && declared !== contentType) {
      throw new RegistryError(
        'protocol',
        `The manifest's Content-Type is ${quote(contentType)} but its body says ${quote(declared)}; refusing an ambiguous manifest`
      )
    }
    return contentType
  }
  if (declared !== undefined) return declared
  if (Array.isArray(body.manifests)) return OCI_INDEX
  if (typeof body.config === 'object' && body.config !== null) {
    return OCI_MANIFEST
  }
  throw new RegistryError(
    'unsupported',
    `The registry returned something that is not an image manifest (Content-Type ${quote(contentType || 'none')})`
  )
}

/**
 * Index entries that are images (or nested indexes), and apart from them
 * the attestation manifests, by the image each attests.
 */
function imageEntries(list: unknown[]): {
  entries: IndexEntry[]
  attestations: Map<string, Descriptor>
} {
  const out: IndexEntry[] = []
  const attestations = new Map<string, Descriptor>()
  for (const item of list) {
    const descriptor = descriptorOf(item, 'index entry')
    const raw = structOf(
      item as Record<string, unknown>,
      DESCRIPTOR_FIELDS,
      'index entry'
    )
    const annotations = objectOrUndefined(raw.annotations)
    const type = descriptor.mediaType ?? ''
    // Unknown child types must not be an error (image-spec): skip them.
    if (type && manifestKind(type) !== 'image' && !INDEX_TYPES.includes(type)) {
      continue
    }
    const p = objectOrUndefined(raw.platform)
    const platform = p && platformOf(p)
    const subject = attestedDigest(annotations)
    // Runtimes pass over only what cannot run: BuildKit's attestations
    // say unknown/unknown. A platform named with "/" would read as another.
    if (subject && !platform) {
      // The first one for an image counts, as with the platforms.
      if (!attestations.has(subject)) attestations.set(subject, descriptor)
      continue
    }
    if (platform === null) continue
    if (!platform && isAttestation(annotations)) continue
    out.push({ ...descriptor, platform, annotations })
  }
  return { entries: out, attestations }
}

/** The image an attestation manifest attests, when the entry is one. */
function attestedDigest(
  annotations?: Record<string, unknown>
): string | undefined {
  if (!isAttestation(annotations)) return undefined
  const digest = annotations!['vnd.docker.reference.digest']
  return Object.hasOwn(annotations!, 'vnd.docker.reference.digest') &&
    typeof digest === 'string' &&
    isDigest(digest)
    ? digest
    : undefined
}

/** An entry's platform; null when no runtime would run it. */
function platformOf(p: Record<string, unknown>): Platform | null {
  const fields = structOf(p, PLATFORM_FIELDS, 'index entry platform')
  const text = (v: unknown): string => (typeof v === 'string' ? v : '')
  const os = text(fields.os)
  const architecture = text(fields.architecture)
  const variant =
    typeof fields.variant === 'string' ? fields.variant : undefined
  if (os === 'unknown' || architecture === 'unknown') return null
  if ([os, architecture, variant ?? ''].some((part) => part.includes('/'))) {
    return null
  }
  return { os, architecture, variant }
}

function isAttestation(annotations?: Record<string, unknown>): boolean {
  return (
    annotations !== undefined &&
    Object.hasOwn(annotations, 'vnd.docker.reference.type') &&
    annotations['vnd.docker.reference.type'] === 'attestation-manifest'
  )
}

/** The platforms on offer, each once, for a message: a bounded list. */
export function platformList(platforms: Platform[]): string {
  const names = [...new Set(platforms.map(formatPlatform))]
  const shown = names
    .slice(0, 30)
    .map((n) => (n.length > 60 ? quote(n, 60) : n))
  const more = names.length - shown.length
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '')
}

/** Each entry's platform, normalized; none given counts as linux/amd64. */
function platformsOf(entries: IndexEntry[]): Platform[] {
  return entries.map((e) => normalizePlatform(e.platform ?? defaultPlatform()))
}

/** An index entry without a platform is linux/amd64, as go-containerregistry reads it. */
function defaultPlatform(): Platform {
  return { os: 'linux', architecture: 'amd64' }
}

export function descriptorOf(value: unknown, what: string): Descriptor {
  const object = objectOrUndefined(value)
  const d = object && structOf(object, DESCRIPTOR_FIELDS, what)
  if (
    !d ||
    typeof d.digest !== 'string' ||
    typeof d.size !== 'number' ||
    !Number.isSafeInteger(d.size) ||
    d.size < 0
  ) {
    throw new RegistryError(
      'protocol',
      `A ${what} descriptor in the manifest is malformed (needs a digest and a size)`
    )
  }
  if (!isDigest(d.digest)) {
    throw new RegistryError(
      'unsupported',
      `A ${what} descriptor has digest ${quote(d.digest)}, which is not a sha256 or sha512 digest`
    )
  }
  return {
    digest: d.digest,
    size: d.size,
    mediaType: typeof d.mediaType === 'string' ? d.mediaType : undefined
  }
}
