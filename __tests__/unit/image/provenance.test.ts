/**
 * BuildKit provenance read from in-toto statements (SLSA v0.2 and v1), and
 * the provenance layer found in an attestation manifest.
 */
import { describe, expect, test } from '@jest/globals'
import { parseManifest } from '../../../src/image/manifest.js'
import {
  MAX_MATERIALS,
  provenanceLayer,
  readProvenance
} from '../../../src/image/provenance.js'

const D = (c: string): string => `sha256:${c.repeat(64)}`
const SUBJECT = D('5')
const V1 = 'https://slsa.dev/provenance/v1'
const V02 = 'https://slsa.dev/provenance/v0.2'

function statement(
  predicateType: string,
  predicate: unknown,
  extra: Record<string, unknown> = {}
): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType,
      subject: [{ name: 'pkg:docker/app', digest: { sha256: '5'.repeat(64) } }],
      predicate,
      ...extra
    })
  )
}

describe('readProvenance', () => {
  // prettier-ignore
  test.each([
    {
      name: 'v1: builder, VCS source and revision, resolved dependencies',
      type: V1,
      predicate: {
        buildDefinition: {
          externalParameters: { configSource: { uri: 'https://github.com/a/b.git#main', digest: { sha1: 'f'.repeat(40) } } },
          resolvedDependencies: [
            { uri: 'pkg:docker/alpine@3.20?platform=linux%2Famd64', digest: { sha256: 'a'.repeat(64) } },
            { uri: 'https://example.com/file', digest: { sha512: 'b'.repeat(128), sha256: 'c'.repeat(64) } },
            { uri: 'pkg:docker/x', digest: { md5: 'abc' } },
            { uri: '', digest: { sha256: 'd'.repeat(64) } },
            { digest: { sha256: 'd'.repeat(64) } }
          ]
        },
        runDetails: { builder: { id: 'https://github.com/a/b/actions/runs/1' }, metadata: { buildkit_metadata: { vcs: { source: 'https://github.com/a/b', revision: '1'.repeat(40) } } } }
      },
      expected: {
        builder: 'https://github.com/a/b/actions/runs/1', source: 'https://github.com/a/b', revision: '1'.repeat(40),
        materials: [
          { uri: 'pkg:docker/alpine@3.20?platform=linux%2Famd64', digest: D('a') },
          { uri: 'https://example.com/file', digest: D('c') },
          { uri: 'pkg:docker/x', digest: 'md5:abc' }
        ]
      }
    },
    {
      name: 'v1 without VCS metadata: the config source and its commit',
      type: V1,
      predicate: { buildDefinition: { externalParameters: { configSource: { uri: 'https://github.com/a/b.git#main', digest: { sha1: 'f'.repeat(40) } } } } },
      expected: { builder: '', source: 'https://github.com/a/b.git#main', revision: 'f'.repeat(40), materials: [] }
    },
    {
      name: 'v0.2: builder, materials, BuildKit metadata',
      type: V02,
      predicate: {
        builder: { id: 'buildkit' },
        materials: [{ uri: 'pkg:docker/golang@1.23', digest: { sha256: 'e'.repeat(64) } }],
        invocation: { configSource: { uri: 'https://github.com/a/b.git', digest: { sha1: '2'.repeat(40) } } },
        metadata: { 'https://mobyproject.org/buildkit@v1#metadata': { vcs: { source: 'git@github.com:a/b.git', revision: '3'.repeat(40) } } }
      },
      expected: { builder: 'buildkit', source: 'git@github.com:a/b.git', revision: '3'.repeat(40), materials: [{ uri: 'pkg:docker/golang@1.23', digest: D('e') }] }
    },
    {
      name: 'fields of the wrong type are empty, not errors',
      type: V02,
      predicate: { builder: 'buildkit', materials: { uri: 'x' }, invocation: [], metadata: null },
      expected: { builder: '', source: '', revision: '', materials: [] }
    },
    {
      name: 'inherited names are not fields (__proto__, constructor)',
      type: V02,
      predicate: JSON.parse('{"__proto__":{"builder":{"id":"polluted"}},"materials":[{"uri":"u","digest":{"__proto__":{"sha256":"x"}}}]}'),
      expected: { builder: '', source: '', revision: '', materials: [{ uri: 'u', digest: '' }] }
    }
  ])('$name', ({ type, predicate, expected }) => {
    expect(readProvenance(statement(type, predicate), SUBJECT)).toEqual({ predicateType: type, ...expected })
  })

  // prettier-ignore
  test.each([
    { name: 'not JSON', bytes: Buffer.from('{'), message: 'the provenance statement is not valid JSON' },
    { name: 'an array', bytes: Buffer.from('[]'), message: 'the provenance statement is not a JSON object' },
    { name: 'not in-toto', bytes: Buffer.from('{"_type":"x\\ny"}'), message: 'the provenance is not an in-toto statement (_type "x\ny")' },
    { name: 'another predicate', bytes: statement('https://spdx.dev/Document', {}), message: 'the statement\'s predicate is "https://spdx.dev/Document", not SLSA provenance' },
    { name: 'about another image', bytes: statement(V1, {}, { subject: [{ digest: { sha256: '6'.repeat(64) } }] }), message: `the provenance statement is about another image, not ${SUBJECT}` },
    { name: 'no subject', bytes: statement(V1, {}, { subject: 'x' }), message: `the provenance statement is about another image, not ${SUBJECT}` },
    { name: 'too many materials', bytes: statement(V02, { materials: Array.from({ length: MAX_MATERIALS + 1 }, () => ({ uri: 'u' })) }), message: `the provenance lists ${MAX_MATERIALS + 1} materials, more than the ${MAX_MATERIALS} this action reads` }
  ])('refuses $name', ({ bytes, message }) => {
    expect(() => readProvenance(bytes, SUBJECT)).toThrow(message)
  })
})

describe('provenanceLayer', () => {
  const attestation = (layers: unknown[]) =>
    parseManifest({
      bytes: Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: {
            mediaType: 'application/vnd.oci.image.config.v1+json',
            digest: D('1'),
            size: 2
          },
          layers
        })
      ),
      contentType: 'application/vnd.oci.image.manifest.v1+json',
      digest: D('0'),
      headers: {}
    })
  const layer = (c: string, type?: unknown) => ({
    mediaType: 'application/vnd.in-toto+json',
    digest: D(c),
    size: 100,
    ...(type === undefined
      ? {}
      : { annotations: { 'in-toto.io/predicate-type': type } })
  })

  // prettier-ignore
  test.each([
    { name: 'the SLSA layer among SBOMs', layers: [layer('a', 'https://spdx.dev/Document'), layer('b', V1)], found: { digest: D('b') } },
    { name: 'v0.2 too', layers: [layer('c', V02)], found: { digest: D('c') } },
    { name: 'only an SBOM: its type, to say so', layers: [layer('a', 'https://spdx.dev/Document')], found: { predicateTypes: ['https://spdx.dev/Document'] } },
    { name: 'unmarked layers: nothing', layers: [layer('a'), layer('b', 42)], found: { predicateTypes: [] } }
  ])('$name', ({ layers, found }) => {
    const result = provenanceLayer(attestation(layers))
    if ('digest' in found) {
      expect('layer' in result && result.layer.digest).toBe(found.digest)
    } else {
      expect(result).toEqual(found)
    }
  })
})
