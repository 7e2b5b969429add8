/**
 * `dockerfile`: what the file builds from, and whether each digest pin
 * (`FROM name:tag@sha256:…`) still is what its tag names. One HEAD per
 * pinned image (not a pull on Docker Hub); a pin that cannot be checked is
 * a warning, not a failure: the report goes on.
 */
import type { FromImage } from '../dockerfile/from.js'
import type { LoadedDockerfile } from '../dockerfile/load.js'
import { parseManifest } from '../image/manifest.js'
import { formatPlatform } from '../image/platform.js'
import { mediaTypeOf } from '../registry/client.js'
import { RegistryError } from '../registry/errors.js'
import { manifestKind } from '../registry/media-types.js'
import type { HttpResponse } from '../registry/transport.js'
import type { Registries } from '../registry/connect.js'
import {
  formatReference,
  sameRegistry,
  type ImageReference
} from '../registry/reference.js'
import { describeFailure } from '../report/explain.js'
import { mapLimit, PER_REGISTRY_CONCURRENCY } from './pool.js'
import type { LogLine } from './result.js'

export interface StalePin {
  /** The FROM's image at its tag (`docker.io/library/alpine:3.20`). */
  ref: string
  pinned: string
  current: string
  line: number
  stage: string
}

export interface PinCheck {
  stale: StalePin[]
  log: LogLine[]
}

/** Each pinned image (once, however many stages name it) → stale or not. */
export async function checkPins(
  dockerfile: LoadedDockerfile,
  registries: Registries
): Promise<PinCheck> {
  const log: LogLine[] = []
  const found = await mapLimit(
    pinnedImages(dockerfile),
    PER_REGISTRY_CONCURRENCY,
    async (image) => {
      const tagged = { ...image.reference, digest: undefined }
      try {
        return { image, ...(await pinState(image.reference, registries)) }
      } catch (error) {
        log.push({
          level: 'warning',
          title: 'Digest pin not checked',
          message: `${formatReference(tagged)}: ${describeFailure(error, { reference: tagged })}`,
          file: dockerfile.path,
          line: image.line
        })
        return undefined
      }
    }
  )
  const stale: StalePin[] = []
  for (const { image, current, within } of found.filter(
    (f) => f !== undefined
  )) {
    const pin = judge(image, { current, within }, dockerfile.path)
    log.push(pin.line)
    if (pin.stale) stale.push(pin.stale)
  }
  return { stale, log }
}

/**
 * One token for the image and the pins on its registry, before either asks
 * (Docker Hub grants several repositories at once): each pin then costs one
 * HEAD instead of a 401, a token request and the HEAD.
 */
export async function prepareTokens(
  dockerfile: LoadedDockerfile,
  reference: ImageReference,
  registries: Registries
): Promise<void> {
  const paths = pinnedImages(dockerfile)
    .filter((image) => sameRegistry(image.reference, reference))
    .map((image) => image.reference.path)
  if (paths.length === 0) return
  const { client } = await registries.connect(reference)
  await client.prepare([reference.path, ...paths])
}

/** `FROM name:tag@digest` lines, one per pinned reference. */
function pinnedImages(dockerfile: LoadedDockerfile): FromImage[] {
  const pinned = new Map<string, FromImage>()
  for (const image of dockerfile.images) {
    const { tag, digest } = image.reference
    if (tag === undefined || digest === undefined) continue
    const key = formatReference(image.reference)
    if (!pinned.has(key)) pinned.set(key, image)
  }
  return [...pinned.values()]
}

/** A pin against where its tag points now: a log line, and the stale entry. */
function judge(
  image: FromImage,
  { current, within }: PinState,
  file: string
): { line: LogLine; stale?: StalePin } {
  const ref = formatReference({ ...image.reference, digest: undefined })
  const pinned = image.reference.digest!
  if (current === pinned || within) {
    const of = within ? ` (one platform's image of ${current})` : ''
    return {
      line: {
        level: 'info',
        message: `${file}:${image.line}: ${ref} is still ${pinned}${of}`
      }
    }
  }
  return {
    stale: { ref, pinned, current, line: image.line, stage: image.stage },
    line: {
      level: 'warning',
      title: 'Stale digest pin',
      message: `${ref} now points to ${current}; line ${image.line} pins ${pinned}. Update the digest on that line (or the tag, if the pin is meant).`,
      file,
      line: image.line
    }
  }
}

/** Where a pin's tag points now; `within`: that index holds the pin. */
interface PinState {
  current: string
  within: boolean
}

/**
 * Where the pin's tag points now (one HEAD), and whether the pin is still
 * what it names: the same digest, or one platform's image in the index the
 * tag names (a digest copied from a registry's per-platform list). Telling
 * takes a HEAD of the pin and, only for a pinned image under a tag naming
 * an index, one GET of that index. Beside the inspection, on connections
 * of their own: the image's requests keep the open one.
 */
async function pinState(
  pin: ImageReference,
  registries: Registries
): Promise<PinState> {
  const pinned = pin.digest!
  const { client } = await registries.connect(pin)
  const lane = { background: true }
  const now = await client.resolveDigest(pin.path, pin.tag!, lane)
  const current = now.digest
  if (current === pinned || !maybeKind(now.headers, 'index')) {
    return { current, within: false }
  }
  const image = await client
    .resolveDigest(pin.path, pinned, lane)
    .catch((error: unknown) => {
      // A pin the registry no longer has is stale all the same.
      if (error instanceof RegistryError && error.kind === 'not-found') return
      throw error
    })
  if (!image || !maybeKind(image.headers, 'image')) {
    return { current, within: false }
  }
  const index = parseManifest(
    await client.getManifest(pin.path, current, { confirmed: true, ...lane })
  )
  const within = index.entries.some((entry) => entry.digest === pinned)
  return { current, within }
}

/** A manifest of this kind by its Content-Type, or one that gave none. */
function maybeKind(
  headers: HttpResponse['headers'],
  kind: 'index' | 'image'
): boolean {
  const type = mediaTypeOf(headers['content-type'])
  return type === '' || manifestKind(type) === kind
}

/** `from`, `from-images` and `stale-pins`. */
export function dockerfileOutputs(
  dockerfile: LoadedDockerfile,
  stale: StalePin[]
): [string, string][] {
  return [
    [
      'from',
      dockerfile.final ? formatReference(dockerfile.final.reference) : ''
    ],
    [
      'from-images',
      JSON.stringify(
        dockerfile.images.map((image) => ({
          stage: image.stage,
          ref: formatReference(image.reference),
          line: image.line,
          platform: image.platform ? formatPlatform(image.platform) : null
        }))
      )
    ],
    ['stale-pins', JSON.stringify(stale)]
  ]
}
