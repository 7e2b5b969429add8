/** What a manifest is: Content-Type cross-checked with the body, shapes sniffed. */
import { describe, expect, test } from '@jest/globals'
import { parseManifest } from '../../../src/image/manifest.js'

describe('parseManifest', () => {
  const manifest = (contentType: string, body: unknown) => ({
    bytes: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    contentType,
    digest: 'sha256:' + '0'.repeat(64),
    headers: {}
  })
  const image = {
    schemaVersion: 2,
    config: { mediaType: 'x', digest: 'sha256:' + '1'.repeat(64), size: 1 },
    layers: []
  }
  const index = { schemaVersion: 2, manifests: [] }
  const OCI_M = 'application/vnd.oci.image.manifest.v1+json'
  const OCI_I = 'application/vnd.oci.image.index.v1+json'
  const DOCKER_M = 'application/vnd.docker.distribution.manifest.v2+json'
  const DOCKER_L = 'application/vnd.docker.distribution.manifest.list.v2+json'
  // prettier-ignore
  test.each([
    ['OCI manifest by header', OCI_M, image, 'image', OCI_M],
    ['OCI index by header', OCI_I, index, 'index', OCI_I],
    ['Docker manifest, body agrees', DOCKER_M, { ...image, mediaType: DOCKER_M }, 'image', DOCKER_M],
    ['Docker list', DOCKER_L, { ...index, mediaType: DOCKER_L }, 'index', DOCKER_L],
    ['no header, body mediaType', '', { ...index, mediaType: DOCKER_L }, 'index', DOCKER_L],
    ['text/plain, sniffed index', 'text/plain', index, 'index', OCI_I],
    ['application/json, sniffed manifest', 'application/json', image, 'image', OCI_M]
  ])('reads %s', (_name, contentType, body, kind, mediaType) => {
    const parsed = parseManifest(manifest(contentType, body))
    expect(parsed.kind).toBe(kind)
    expect(parsed.mediaType).toBe(mediaType)
  })
  // prettier-ignore
  test.each([
    ['header and body disagree', OCI_M, { ...index, mediaType: OCI_I }, /Content-Type is .* but its body says .*ambiguous/],
    ['index without manifests', OCI_I, image, /has no "manifests" list/],
    ['image with manifests', OCI_M, { ...image, manifests: [] }, /marked as an image but has no "config"/],
    ['schema 1 by body', 'application/json', { schemaVersion: 1, name: 'x' }, /schema 1/],
    ['schema 1 by header', 'application/vnd.docker.distribution.manifest.v1+prettyjws', { schemaVersion: 1 }, /schema 1/],
    ['not JSON', OCI_M, '<html>', /not valid JSON/],
    ['a JSON array', OCI_M, '[]', /not a JSON object/],
    ['unknown type', 'application/vnd.oci.artifact.manifest.v1+json', { mediaType: 'application/vnd.oci.artifact.manifest.v1+json' }, /not an image or image index/],
    ['nothing recognizable', 'text/html', { hello: 1 }, /not an image manifest/]
  ])('rejects %s', (_name, contentType, body, message) => {
    expect(() => parseManifest(manifest(contentType, body))).toThrow(message)
  })
})
