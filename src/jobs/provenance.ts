/**
 * Where an image came from: BuildKit's provenance for the chosen platform,
 * read from the attestation manifest its index lists next to it. Two
 * requests (the attestation manifest, then only its SLSA statement, never
 * an SBOM), each verified by digest; the statement is capped.
 */
import type { ManifestInfo } from '../image/model.js'
import { parseManifest } from '../image/manifest.js'
import { formatPlatform } from '../image/platform.js'
import {
  ProvenanceError,
  provenanceLayer,
  readProvenance,
  type Provenance
} from '../image/provenance.js'
import type { RegistryClient } from '../registry/client.js'
import { RegistryError, quote } from '../registry/errors.js'
import { describeFailure } from '../report/explain.js'

/** Real statements are tens to hundreds of KiB (mode=max); more is refused. */
export const MAX_PROVENANCE_BYTES = 4 * 1024 * 1024

/** The provenance, or why there is none to read. */
export type ProvenanceFinding =
  | { provenance: Provenance; reason?: undefined }
  | { provenance?: undefined; reason: string }

export async function findProvenance(
  info: ManifestInfo,
  client: RegistryClient
): Promise<ProvenanceFinding> {
  if (!info.attestation) return { reason: noAttestation(info) }
  try {
    return { provenance: await fetchProvenance(info, client) }
  } catch (error) {
    if (error instanceof ProvenanceError) return { reason: error.message }
    if (!(error instanceof RegistryError)) throw error
    if (error.kind === 'cancelled') throw error
    return {
      reason: `the provenance could not be read: ${describeFailure(error)}`
    }
  }
}

function noAttestation(info: ManifestInfo): string {
  if (info.digest === info.imageDigest) {
    return 'the image is a single manifest, with no index to hold attestations'
  }
  return `the index has no attestation manifest for ${formatPlatform(info.platform)} (build with provenance, the default of docker/build-push-action)`
}

async function fetchProvenance(
  info: ManifestInfo,
  client: RegistryClient
): Promise<Provenance> {
  const repository = info.reference.path
  const descriptor = info.attestation!
  // Listed by a verified index of this repository.
  const manifest = await client.getManifest(repository, descriptor.digest, {
    confirmed: true,
    size: descriptor.size
  })
  const found = provenanceLayer(parseManifest(manifest))
  if (!('layer' in found)) {
    const held = found.predicateTypes.length
      ? ` (only ${found.predicateTypes
          .slice(0, 5)
          .map((t) => quote(t, 80))
          .join(', ')})`
      : ''
    throw new ProvenanceError(`the attestation holds no SLSA provenance${held}`)
  }
  if (found.layer.size > MAX_PROVENANCE_BYTES) {
    throw new ProvenanceError(
      `the provenance statement is ${found.layer.size} bytes, more than the ${MAX_PROVENANCE_BYTES} this action reads`
    )
  }
  const bytes = await client.getBlob(
    repository,
    found.layer,
    MAX_PROVENANCE_BYTES,
    'provenance statement'
  )
  return readProvenance(bytes, info.imageDigest)
}
