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

describe('parseManifest: annotations, layers and attestation entries', () => {
  const D = (c: string): string => `sha256:${c.repeat(64)}`
  const OCI_M = 'application/vnd.oci.image.manifest.v1+json'
  const OCI_I = 'application/vnd.oci.image.index.v1+json'
  const read = (body: unknown, contentType: string) =>
    parseManifest({
      bytes: Buffer.from(
        typeof body === 'string' ? body : JSON.stringify(body)
      ),
      contentType,
      digest: D('0'),
      headers: {}
    })
  const entry = (digest: string, extra: Record<string, unknown>) => ({
    mediaType: OCI_M,
    digest,
    size: 10,
    ...extra
  })
  const attests = (subject: unknown) => ({
    'vnd.docker.reference.type': 'attestation-manifest',
    'vnd.docker.reference.digest': subject
  })
  const unknown = { os: 'unknown', architecture: 'unknown' }
  const amd64 = { os: 'linux', architecture: 'amd64' }

  test('an image: its layers in order, its annotations as written (integer-like keys too)', () => {
    const parsed = read(
      `{"schemaVersion":2,"config":{"mediaType":"x","digest":"${D('1')}","size":1},` +
        `"layers":[{"digest":"${D('2')}","size":5},{"digest":"${D('3')}","size":7}],` +
        '"annotations":{"b":"1","10":"ten","a":{"not":"a string"}}}',
      OCI_M
    )
    expect(parsed.layers.map((l) => [l.digest, l.size])).toEqual([
      [D('2'), 5],
      [D('3'), 7]
    ])
    expect(parsed.annotations).toEqual([
      ['b', '1'],
      ['10', 'ten'],
      ['a', '{"not":"a string"}']
    ])
  })

  // prettier-ignore
  test.each([
    { name: 'an attestation entry is kept apart, by the image it attests',
      manifests: [entry(D('a'), { platform: amd64 }), entry(D('b'), { platform: unknown, annotations: attests(D('a')) })],
      entries: [D('a')], attestations: [[D('a'), D('b')]] },
    { name: 'the first attestation for an image counts',
      manifests: [entry(D('a'), { platform: amd64 }), entry(D('b'), { platform: unknown, annotations: attests(D('a')) }), entry(D('c'), { platform: unknown, annotations: attests(D('a')) })],
      entries: [D('a')], attestations: [[D('a'), D('b')]] },
    { name: 'one without a platform is an attestation too',
      manifests: [entry(D('b'), { annotations: attests(D('a')) })],
      entries: [], attestations: [[D('a'), D('b')]] },
    { name: 'a subject that is not a digest: left out, not an attestation',
      manifests: [entry(D('b'), { platform: unknown, annotations: attests('latest') })],
      entries: [], attestations: [] },
    { name: 'the annotation on a runnable platform: an image, as runtimes see it',
      manifests: [entry(D('b'), { platform: amd64, annotations: attests(D('a')) })],
      entries: [D('b')], attestations: [] }
  ])('$name', ({ manifests, entries, attestations }) => {
    const parsed = read({ schemaVersion: 2, manifests, annotations: { k: 'v' } }, OCI_I)
    expect(parsed.entries.map((e) => e.digest)).toEqual(entries)
    expect([...parsed.attestations].map(([s, d]) => [s, d.digest])).toEqual(attestations)
    expect(parsed.annotations).toEqual([['k', 'v']])
  })
})
