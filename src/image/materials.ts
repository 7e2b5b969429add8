/**
 * The images among a provenance's materials. BuildKit names each image it
 * pulled as a package URL (`pkg:docker/alpine@3.20?platform=linux%2Famd64`,
 * `pkg:docker/ghcr.io/org/app@v1`, `…?digest=sha256:…`) with the digest it
 * resolved; `pkg:oci/…` are local contexts, not registry images.
 */
import { isDigest } from '../registry/digest.js'
import { parseReference, type ImageReference } from '../registry/reference.js'
import { parsePlatform, type Platform } from './platform.js'
import type { Material } from './provenance.js'

export interface ImageMaterial {
  uri: string
  reference: ImageReference
  /** The digest the build resolved the reference to (an index or a manifest). */
  digest: string
  platform?: Platform
}

/** The materials that are registry images with a digest, in order. */
export async function imageMaterials(
  materials: Material[]
): Promise<ImageMaterial[]> {
  const docker = materials.filter(
    (m) => m.uri.startsWith('pkg:docker/') && isDigest(m.digest)
  )
  if (docker.length === 0) return []
  // Loaded only when a provenance names images (its own bundle chunk).
  const { PackageURL } = await import('packageurl-js')
  return docker.flatMap((m) => {
    try {
      const purl = PackageURL.fromString(m.uri)
      const reference = referenceOf(purl)
      if (!reference) return []
      const platform = qualifier(purl, 'platform')
      return [
        {
          uri: m.uri,
          reference,
          digest: m.digest,
          platform: platform ? parsePlatform(platform) : undefined
        }
      ]
    } catch {
      // Not a package URL a registry reference can be made of.
      return []
    }
  })
}

interface PackageUrl {
  namespace?: string | null
  name: string
  version?: string | null
  qualifiers?: Record<string, string> | null
}

/** As BuildKit reads its own URLs back (util/purl PURLToRef), plus the spec's `repository_url`. */
function referenceOf(purl: PackageUrl): ImageReference | undefined {
  let name = purl.namespace ? `${purl.namespace}/${purl.name}` : purl.name
  const registry = qualifier(purl, 'repository_url')
  if (registry) name = `${registry.replace(/\/+$/, '')}/${name}`
  const version = purl.version ?? ''
  const pinned = qualifier(purl, 'digest')
  let text = name
  if (isDigest(version)) text += `@${version}`
  else if (version) text += `:${version}`
  if (pinned && !isDigest(version)) text += `@${pinned}`
  return parseReference(text)
}

function qualifier(purl: PackageUrl, key: string): string | undefined {
  const q = purl.qualifiers
  return q && Object.hasOwn(q, key) && typeof q[key] === 'string'
    ? q[key]
    : undefined
}
