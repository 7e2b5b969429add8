/**
 * One image, read from its registry: reference → manifest (or index →
 * platform → manifest) → config blob, returned as an ImageInfo. The HTTP is
 * in registry/, the formats in image/; this is the order of the calls.
 */
import type { Credentials } from '../registry/auth/docker-config.js'
import {
  MAX_CONFIG_BYTES,
  type Descriptor,
  type Manifest,
  type RegistryClient
} from '../registry/client.js'
import { RegistryError, quote } from '../registry/errors.js'
import { IMAGE_CONFIG_TYPES } from '../registry/media-types.js'
import { readRateLimit, type RateLimit } from '../registry/rate-limit.js'
import {
  formatReference,
  manifestReference,
  type ImageReference
} from '../registry/reference.js'
import { readConfig } from '../image/config.js'
import { stringEntries } from '../image/fields.js'
import {
  MAX_INDEX_DEPTH,
  descriptorOf,
  parseManifest,
  platformList,
  type IndexEntry,
  type ParsedManifest
} from '../image/manifest.js'
import type { ImageInfo, ManifestInfo } from '../image/model.js'
import {
  formatPlatform,
  matchPlatform,
  normalizePlatform,
  type Platform
} from '../image/platform.js'
import { explained } from '../report/explain.js'
import { PER_REGISTRY_CONCURRENCY, mapLimit } from './pool.js'

/** `platform: all` fetches one manifest and config per platform, at most this many. */
export const MAX_PLATFORMS = 64
/** ...and holds their configs, at most this much of them in all. */
export const MAX_PLATFORM_CONFIG_BYTES = 16 * 1024 * 1024

export interface InspectRequest {
  reference: ImageReference
  platform: Platform
  credentials?: Credentials
  /** Where the credentials came from, to explain a rejection. */
  credentialSource?: string
  /** Keep asking this long for a tag or repository that is not there yet. */
  waitForMs?: number
  /** Epoch ms when the whole step must end; waiting stops before it. */
  deadline?: number
  /** The digest the tag was just resolved to (by HEAD): fetch that. */
  resolvedDigest?: string
  onWait?: (reason: string, leftMs: number) => void
  sleep?: (ms: number) => Promise<void>
  /**
   * Called once a platform's manifest has been read from an index, before
   * its config: work that needs only the manifests (the base check) starts.
   */
  onManifest?: (info: ManifestInfo) => void
}

export async function inspectImage(
  request: InspectRequest,
  client: RegistryClient
): Promise<ImageInfo> {
  return explained(request, async () =>
    resolve(request, client, await fetchTop(request, client))
  )
}

/**
 * Every platform an image offers (attestations left out), each with its
 * config, a few at a time; the top manifest is fetched and parsed once. A
 * single-platform image gives one entry.
 */
export async function inspectEveryPlatform(
  request: InspectRequest,
  client: RegistryClient
): Promise<ImageInfo[]> {
  return explained(request, async () => {
    const top = await fetchTop(request, client)
    const document = parseManifest(top)
    if (document.kind !== 'index') {
      return [await resolve(request, client, top, document)]
    }
    const unique = new Map<string, Platform>()
    for (const p of document.platforms) {
      const key = formatPlatform(p)
      if (!unique.has(key)) unique.set(key, p)
    }
    if (unique.size > MAX_PLATFORMS) {
      throw new RegistryError(
        'too-large',
        `The image offers ${unique.size} platforms; inspecting every platform stops at ${MAX_PLATFORMS} (a fixed limit)`,
        undefined,
        [],
        undefined,
        'one-platform'
      )
    }
    let held = 0
    return mapLimit(
      [...unique.values()],
      PER_REGISTRY_CONCURRENCY,
      async (p) => {
        const info = await resolve(
          { ...request, platform: p },
          client,
          top,
          document
        )
        held += info.configText.length
        if (held > MAX_PLATFORM_CONFIG_BYTES) {
          throw new RegistryError(
            'too-large',
            `The configs of the image's platforms add up to more than ${MAX_PLATFORM_CONFIG_BYTES} bytes; inspecting every platform stops there (a fixed limit)`,
            undefined,
            [],
            undefined,
            'one-platform'
          )
        }
        return info
      }
    )
  })
}

/** The platform's image manifest, found through any indexes. */
interface Chosen {
  manifest: Manifest
  document: ParsedManifest
  /** The index entry's platform; undefined for a single-platform image. */
  platform?: Platform
  /** What the top index offers. */
  platforms?: Platform[]
  /** The index entry that led to the manifest, and the manifest's attestation. */
  entry?: IndexEntry
  attestation?: Descriptor
  rateLimit?: RateLimit
}

/** From the top manifest down through indexes to the platform's manifest. */
async function choose(
  request: InspectRequest,
  client: RegistryClient,
  top: Manifest,
  parsedTop: ParsedManifest
): Promise<Chosen> {
  const wanted = request.platform
  const chosen: Chosen = {
    manifest: top,
    document: parsedTop,
    rateLimit: readRateLimit(top.headers)
  }
  for (let depth = 0; chosen.document.kind === 'index'; depth++) {
    if (depth >= MAX_INDEX_DEPTH) {
      throw new RegistryError(
        'unsupported',
        `The index nests more than ${MAX_INDEX_DEPTH} levels deep`
      )
    }
    const { entries, platforms: offered } = chosen.document
    chosen.platforms ??= offered
    const index = matchPlatform(wanted, offered)
    if (index === -1) {
      const list = offered.length
        ? platformList(offered)
        : 'none (the index lists no images)'
      throw new RegistryError(
        'platform',
        `The image has no ${formatPlatform(wanted)} variant. Platforms available: ${list}`,
        undefined,
        [],
        undefined,
        'choose-platform'
      )
    }
    const entry = entries[index]
    // A verified index of this repository vouches for its entries.
    const manifest = await client.getManifest(
      request.reference.path,
      entry.digest,
      { confirmed: true, size: entry.size }
    )
    chosen.manifest = manifest
    chosen.platform = offered[index]
    chosen.entry = entry
    chosen.attestation = chosen.document.attestations.get(entry.digest)
    chosen.rateLimit = readRateLimit(manifest.headers) ?? chosen.rateLimit
    chosen.document = parseManifest(manifest)
  }
  return chosen
}

async function resolve(
  request: InspectRequest,
  client: RegistryClient,
  top: Manifest,
  parsedTop: ParsedManifest = parseManifest(top)
): Promise<ImageInfo> {
  const chosen = await choose(request, client, top, parsedTop)
  const configDescriptor = imageConfig(chosen.document.json)
  const layers = chosen.document.layers
  const described = {
    reference: request.reference,
    ref: formatReference(request.reference),
    digest: top.digest,
    mediaType: parsedTop.mediaType,
    imageDigest: chosen.manifest.digest,
    configDigest: configDescriptor.digest,
    layers: layers.length,
    layerDigests: layers.map((layer) => layer.digest),
    size: layers.reduce((sum, layer) => sum + layer.size, 0),
    annotations: chosen.document.annotations,
    indexAnnotations: parsedTop.kind === 'index' ? parsedTop.annotations : [],
    entryAnnotations: stringEntries(chosen.entry?.annotations, 'annotation'),
    attestation: chosen.attestation,
    rateLimit: chosen.rateLimit
  }
  // A single manifest's platform is in its config.
  if (chosen.platform) {
    request.onManifest?.({
      ...described,
      platform: chosen.platform,
      platforms: chosen.platforms ?? [chosen.platform]
    })
  }
  const configBytes = await client.getBlob(
    request.reference.path,
    configDescriptor,
    MAX_CONFIG_BYTES,
    'config blob'
  )
  const configText = configBytes.toString('utf8')
  const config = readConfig(configText)
  const actual = normalizePlatform({
    os: config.os,
    architecture: config.architecture,
    variant: config.variant || undefined
  })
  return {
    ...described,
    // Index platforms and `actual` are normalized already.
    platform: chosen.platform ?? actual,
    platforms: chosen.platforms ?? [actual],
    config,
    configText,
    warnings: warningsFor(request.platform, chosen, actual)
  }
}

/** The config descriptor of an image manifest; an artifact's is refused. */
function imageConfig(manifest: Record<string, unknown>): Descriptor {
  const descriptor = descriptorOf(manifest.config, 'config')
  const configType = descriptor.mediaType ?? ''
  if (!IMAGE_CONFIG_TYPES.includes(configType)) {
    const artifactType =
      typeof manifest.artifactType === 'string'
        ? manifest.artifactType
        : configType
    throw new RegistryError(
      'unsupported',
      `This is not a container image but an artifact of type ${quote(artifactType || 'unknown')} (config media type ${quote(configType || 'none')}); it has no image configuration to inspect`
    )
  }
  return descriptor
}

/** What is worth telling the user about an image read without failing. */
function warningsFor(
  wanted: Platform,
  chosen: Chosen,
  actual: Platform
): string[] {
  const warnings: string[] = []
  const wantedText = formatPlatform(normalizePlatform(wanted))
  if (
    chosen.platform === undefined &&
    actual.os &&
    formatPlatform(actual) !== wantedText
  ) {
    warnings.push(
      `The image is single-platform ${formatPlatform(actual)}; the platform ${wantedText} did not apply.`
    )
  }
  const limit = chosen.rateLimit
  if (limit && limit.remaining <= Math.max(5, Math.floor(limit.limit / 10))) {
    warnings.push(
      `Only ${limit.remaining} of ${limit.limit} pulls are left in the registry's rate-limit window${limit.windowSeconds ? ` (${limit.windowSeconds} s)` : ''}; authenticate or cache results to avoid 429s.`
    )
  }
  return warnings
}

/**
 * The top manifest; with `waitForMs`, an image that does not exist yet (a
 * push still in flight) is asked for again until it appears or time is up.
 */
async function fetchTop(
  request: InspectRequest,
  client: RegistryClient
): Promise<Manifest> {
  // Leave the last moments of the step's budget for a clear not-found error.
  const until = Math.min(
    Date.now() + (request.waitForMs ?? 0),
    (request.deadline ?? Infinity) - 1000
  )
  const sleep =
    request.sleep ??
    ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchTopOnce(request, client)
    } catch (error) {
      const missing =
        error instanceof RegistryError &&
        (error.has('MANIFEST_UNKNOWN') ||
          error.has('NAME_UNKNOWN') ||
          (error.status === 404 && error.errors.length === 0))
      const left = until - Date.now()
      if (!missing || left <= 0) throw error
      const delay = Math.min(left, 1000 * Math.min(2 ** attempt, 10))
      if (delay < 50) throw error
      request.onWait?.(
        `${formatReference(request.reference)} is not there yet (${(error as RegistryError).errors[0]?.code ?? 'HTTP 404'})`,
        left
      )
      await sleep(delay)
    }
  }
}

async function fetchTopOnce(
  request: InspectRequest,
  client: RegistryClient
): Promise<Manifest> {
  const { reference } = request
  if (request.resolvedDigest && !reference.digest) {
    // The HEAD that found this digest confirmed it in the repository.
    return client.getManifest(reference.path, request.resolvedDigest, {
      confirmed: true
    })
  }
  if (!client.cache) {
    return client.getManifest(reference.path, manifestReference(reference))
  }
  // With a cache, a HEAD (not a pull on Docker Hub) names the digest and
  // confirms it is in this repository, readable with these credentials;
  // only then may the cache answer the rest.
  const head = await client.resolveDigest(
    reference.path,
    manifestReference(reference)
  )
  if (reference.digest && head.digest !== reference.digest) {
    throw new RegistryError(
      'integrity',
      `The registry answered for ${reference.digest} with the digest ${head.digest}`
    )
  }
  const manifest = await client.getManifest(reference.path, head.digest, {
    confirmed: true
  })
  return { ...manifest, headers: { ...head.headers, ...manifest.headers } }
}
