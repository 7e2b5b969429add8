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
    { name: 'OCI manifest by header', contentType: OCI_M, body: image, kind: 'image', mediaType: OCI_M },
    { name: 'OCI index by header', contentType: OCI_I, body: index, kind: 'index', mediaType: OCI_I },
    { name: 'Docker manifest, body agrees', contentType: DOCKER_M, body: { ...image, mediaType: DOCKER_M }, kind: 'image', mediaType: DOCKER_M },
    { name: 'Docker list', contentType: DOCKER_L, body: { ...index, mediaType: DOCKER_L }, kind: 'index', mediaType: DOCKER_L },
    { name: 'no header, body mediaType', contentType: '', body: { ...index, mediaType: DOCKER_L }, kind: 'index', mediaType: DOCKER_L },
    { name: 'text/plain, sniffed index', contentType: 'text/plain', body: index, kind: 'index', mediaType: OCI_I },
    { name: 'application/json, sniffed manifest', contentType: 'application/json', body: image, kind: 'image', mediaType: OCI_M }
  ])('reads $name', ({ contentType, body, kind, mediaType }) => {
    const parsed = parseManifest(manifest(contentType, body))
    expect(parsed.kind).toBe(kind)
    expect(parsed.mediaType).toBe(mediaType)
  })
  // prettier-ignore
  test.each([
    { name: 'header and body disagree', contentType: OCI_M, body: { ...index, mediaType: OCI_I }, message: /Content-Type is .* but its body says .*ambiguous/ },
    { name: 'index without manifests', contentType: OCI_I, body: image, message: /has no "manifests" list/ },
    { name: 'image with manifests', contentType: OCI_M, body: { ...image, manifests: [] }, message: /marked as an image but has no "config"/ },
    { name: 'schema 1 by body', contentType: 'application/json', body: { schemaVersion: 1, name: 'x' }, message: /schema 1/ },
    { name: 'schema 1 by header', contentType: 'application/vnd.docker.distribution.manifest.v1+prettyjws', body: { schemaVersion: 1 }, message: /schema 1/ },
    { name: 'not JSON', contentType: OCI_M, body: '<html>', message: /not valid JSON/ },
    { name: 'a JSON array', contentType: OCI_M, body: '[]', message: /not a JSON object/ },
    { name: 'unknown type', contentType: 'application/vnd.oci.artifact.manifest.v1+json', body: { mediaType: 'application/vnd.oci.artifact.manifest.v1+json' }, message: /not an image or image index/ },
    { name: 'nothing recognizable', contentType: 'text/html', body: { hello: 1 }, message: /not an image manifest/ }
  ])('rejects $name', ({ contentType, body, message }) => {
    expect(() => parseManifest(manifest(contentType, body))).toThrow(message)
  })
})
