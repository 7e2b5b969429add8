/**
 * `dockerfile`: what the file builds from, and whether each digest pin
 * (`FROM name:tag@sha256:…`) still is what its tag names. One HEAD per
 * pinned image (not a pull on Docker Hub); a pin that cannot be checked is
 * a warning, not a failure: the report goes on.
 */
import type { FromImage } from '../dockerfile/from.js'
import type { LoadedDockerfile } from '../dockerfile/load.js'
import { formatPlatform } from '../image/platform.js'
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
        return { image, current: await currentDigest(tagged, registries) }
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
  for (const { image, current } of found.filter((f) => f !== undefined)) {
    const pin = judge(image, current, dockerfile.path)
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
  current: string,
  file: string
): { line: LogLine; stale?: StalePin } {
  const ref = formatReference({ ...image.reference, digest: undefined })
  const pinned = image.reference.digest!
  if (current === pinned) {
    return {
      line: {
        level: 'info',
        message: `${file}:${image.line}: ${ref} is still ${pinned}`
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

/**
 * One HEAD: where the tag points now. Beside the inspection, so on
 * connections of its own: the image's requests keep the open one.
 */
async function currentDigest(
  reference: ImageReference,
  registries: Registries
): Promise<string> {
  const { client } = await registries.connect(reference)
  const { digest } = await client.resolveDigest(
    reference.path,
    reference.tag!,
    { background: true }
  )
  return digest
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
