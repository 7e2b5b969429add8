/**
 * The base images a check reads, each thing read once per step however
 * many platforms ask: the current digest by HEAD (not a pull on Docker
 * Hub), an index or manifest by GET only when layers or platform digests
 * are needed, never a layer. Registry failures come back explained.
 */
import {
  MAX_INDEX_DEPTH,
  parseManifest,
  type ParsedManifest
} from '../image/manifest.js'
import { matchPlatform, type Platform } from '../image/platform.js'
import type { RegistryClient } from '../registry/client.js'
import type { Registries } from '../registry/connect.js'
import { RegistryError } from '../registry/errors.js'
import { INDEX_TYPES } from '../registry/media-types.js'
import {
  manifestReference,
  type ImageReference
} from '../registry/reference.js'
import { explained } from '../report/explain.js'

export interface BaseManifest {
  digest: string
  document: ParsedManifest
}

/** The base's image manifest for a platform, or what it offers instead. */
export type PlatformManifest =
  | { digest: string; layers: string[]; offered?: undefined }
  | { offered: Platform[] }

/**
 * Each method takes `namedBy`: the image that named this base (in its
 * annotations or provenance) when the user did not; its registry is then
 * reached as if that image's registry had sent us there.
 */
export class BaseImages {
  private readonly memo = new Map<string, Promise<unknown>>()

  constructor(private readonly registries: Registries) {}

  /** The digest the base's reference points to now. */
  currentDigest(
    ref: ImageReference,
    namedBy?: ImageReference
  ): Promise<string> {
    // A GET of the same reference (for its layers) already says.
    const fetched = this.memo.get(key('get', ref)) as
      Promise<BaseManifest> | undefined
    if (fetched) return fetched.then((m) => m.digest)
    return this.once(key('head', ref), () =>
      this.read(ref, namedBy, async (client) => {
        const head = await client.resolveDigest(
          ref.path,
          manifestReference(ref)
        )
        return head.digest
      })
    )
  }

  /** The manifest (or index) the base's reference points to now. */
  current(
    ref: ImageReference,
    namedBy?: ImageReference
  ): Promise<BaseManifest> {
    return this.once(key('get', ref), async () => {
      const head = this.memo.get(key('head', ref)) as
        Promise<string> | undefined
      // The HEAD confirmed the digest in this repository.
      if (head) return this.at(ref, await head, { confirmed: true, namedBy })
      return this.read(ref, namedBy, async (client) => {
        const manifest = await client.getManifest(
          ref.path,
          manifestReference(ref)
        )
        return { digest: manifest.digest, document: parseManifest(manifest) }
      })
    })
  }

  /** The manifest at a digest in the base's repository. */
  at(
    ref: ImageReference,
    digest: string,
    {
      confirmed = false,
      size,
      namedBy
    }: { confirmed?: boolean; size?: number; namedBy?: ImageReference } = {}
  ): Promise<BaseManifest> {
    return this.once(key('at', ref, digest), () =>
      this.read(ref, namedBy, async (client) => {
        const manifest = await client.getManifest(ref.path, digest, {
          confirmed,
          size
        })
        return { digest, document: parseManifest(manifest) }
      })
    )
  }

  /**
   * The digest of the platform's image manifest under `top`, reading only
   * the nested indexes on the way (an entry says what it is); `via` lists
   * the digests of the entries taken, that one last.
   */
  async platformDigest(
    ref: ImageReference,
    top: BaseManifest,
    platform: Platform,
    namedBy?: ImageReference
  ): Promise<
    | { digest: string; size?: number; via: string[]; offered?: undefined }
    | { offered: Platform[] }
  > {
    let manifest = top
    const via: string[] = []
    for (let depth = 0; manifest.document.kind === 'index'; depth++) {
      const { entries, platforms } = manifest.document
      const index = matchPlatform(platform, platforms)
      if (index === -1) return { offered: platforms }
      const { digest, size, mediaType } = entries[index]
      via.push(digest)
      if (!INDEX_TYPES.includes(mediaType ?? '')) return { digest, size, via }
      if (depth + 1 >= MAX_INDEX_DEPTH) throw tooDeep()
      // A verified index of this repository vouches for its entries.
      manifest = await this.at(ref, digest, { confirmed: true, size, namedBy })
    }
    return { digest: manifest.digest, via }
  }

  /** The platform's image manifest, found through any indexes under `top`. */
  async platformManifest(
    ref: ImageReference,
    top: BaseManifest,
    platform: Platform,
    namedBy?: ImageReference,
    depth = 0
  ): Promise<PlatformManifest> {
    const found = await this.platformDigest(ref, top, platform, namedBy)
    if (found.offered) return { offered: found.offered }
    const { digest, size } = found
    const manifest =
      digest === top.digest
        ? top
        : await this.at(ref, digest, { confirmed: true, size, namedBy })
    // An entry that did not say it was an index, and is one.
    if (manifest.document.kind === 'index') {
      if (depth + 1 >= MAX_INDEX_DEPTH) throw tooDeep()
      return this.platformManifest(ref, manifest, platform, namedBy, depth + 1)
    }
    return {
      digest: manifest.digest,
      layers: manifest.document.layers.map((layer) => layer.digest)
    }
  }

  /** Registry work for a base, its failures explained for that base. */
  private async read<T>(
    ref: ImageReference,
    namedBy: ImageReference | undefined,
    work: (client: RegistryClient) => Promise<T>
  ): Promise<T> {
    const { client, credentials, source } = await this.registries.connect(
      ref,
      namedBy
    )
    return explained(
      { reference: ref, credentials, credentialSource: source },
      () => work(client)
    )
  }

  private once<T>(name: string, work: () => Promise<T>): Promise<T> {
    let promise = this.memo.get(name) as Promise<T> | undefined
    if (!promise) {
      promise = work()
      // Every platform that asks gets the same answer, a failure included.
      promise.catch(() => undefined)
      this.memo.set(name, promise)
    }
    return promise
  }
}

function tooDeep(): RegistryError {
  return new RegistryError(
    'unsupported',
    `The base's index nests more than ${MAX_INDEX_DEPTH} levels deep`
  )
}

function key(kind: string, ref: ImageReference, digest?: string): string {
  const at = digest ?? manifestReference(ref)
  return `${kind} ${ref.domain.toLowerCase()}/${ref.path}@${at}`
}
