export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
export const DOCKER_MANIFEST =
  'application/vnd.docker.distribution.manifest.v2+json'
export const DOCKER_MANIFEST_LIST =
  'application/vnd.docker.distribution.manifest.list.v2+json'
export const DOCKER_SCHEMA1 =
  'application/vnd.docker.distribution.manifest.v1+json'
export const DOCKER_SCHEMA1_SIGNED =
  'application/vnd.docker.distribution.manifest.v1+prettyjws'

export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json'
export const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json'

export const IMAGE_MANIFEST_TYPES = [OCI_MANIFEST, DOCKER_MANIFEST]
export const INDEX_TYPES = [OCI_INDEX, DOCKER_MANIFEST_LIST]
export const SCHEMA1_TYPES = [DOCKER_SCHEMA1, DOCKER_SCHEMA1_SIGNED]
export const IMAGE_CONFIG_TYPES = [OCI_CONFIG, DOCKER_CONFIG]

/**
 * Every manifest type we read. Both index types must be listed, or
 * Distribution answers 404 for multi-platform images; no wildcard, or old
 * registries fall back to schema1.
 */
export const MANIFEST_ACCEPT = [
  OCI_INDEX,
  DOCKER_MANIFEST_LIST,
  OCI_MANIFEST,
  DOCKER_MANIFEST
].join(', ')

export type ManifestKind = 'index' | 'image' | 'schema1' | 'unknown'

export function manifestKind(mediaType: string): ManifestKind {
  if (INDEX_TYPES.includes(mediaType)) return 'index'
  if (IMAGE_MANIFEST_TYPES.includes(mediaType)) return 'image'
  if (SCHEMA1_TYPES.includes(mediaType)) return 'schema1'
  return 'unknown'
}
