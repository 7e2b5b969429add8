/** Unit tables for the domain logic that needs no network: manifests, configs, messages. */
import { describe, expect, test } from '@jest/globals'
import { readConfig } from '../src/image/config.js'
import { parseManifest } from '../src/image/manifest.js'
import { describeFailure } from '../src/report/explain.js'
import { RegistryError } from '../src/registry/errors.js'
import { parseReference } from '../src/registry/reference.js'

describe('describeFailure', () => {
  const err = (status: number, code?: string): RegistryError =>
    new RegistryError(
      status === 404
        ? 'not-found'
        : status === 401 || status === 403
          ? 'auth'
          : 'http',
      `The registry answered ${status}`,
      status,
      code ? [{ code, message: code.toLowerCase() }] : []
    )
  // prettier-ignore
  test.each([
    ['Hub one-segment name, 401', 'registry-1.docker.io/nginx', err(401, 'UNAUTHORIZED'), false, /did you mean registry-1\.docker\.io\/library\/nginx\?/],
    ['Hub two-segment name, 401', 'acme/private', err(401, 'UNAUTHORIZED'), false, /requires authentication for docker\.io\/acme\/private, or the repository does not exist/],
    ['denied with credentials', 'ghcr.io/org/app', err(403, 'DENIED'), true, /access denied \(403\) with the credentials from the inputs\. Check they are valid and allowed to pull ghcr\.io\/org\/app/],
    ['denied anonymously', 'ghcr.io/org/app', err(403, 'DENIED'), false, /pull access denied for ghcr\.io\/org\/app/],
    ['unknown tag', 'ghcr.io/org/app:nope', err(404, 'MANIFEST_UNKNOWN'), false, /tag "nope" not found in ghcr\.io\/org\/app/],
    ['unknown repository', 'ghcr.io/org/app', err(404, 'NAME_UNKNOWN'), false, /repository ghcr\.io\/org\/app does not exist on ghcr\.io/],
    ['rate limited', 'nginx', err(429, 'TOOMANYREQUESTS'), false, /rate-limiting requests \(429\)/],
    ['other', 'nginx', err(500), false, /^Cannot inspect docker\.io\/library\/nginx: The registry answered 500$/]
  ])('%s', (_name, image, error, withCredentials, message) => {
    const reference = parseReference(image)
    const text = describeFailure(error, {
      reference,
      credentials: withCredentials ? { username: 'u', password: 'p' } : undefined
    })
    expect(text).toMatch(message)
  })
})

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

describe('readConfig', () => {
  test('tolerates missing fields', () => {
    expect(readConfig('{}')).toEqual({
      os: '',
      architecture: '',
      variant: '',
      created: '',
      author: '',
      user: '',
      workdir: '',
      entrypoint: null,
      cmd: null,
      env: [],
      labels: [],
      exposedPorts: [],
      volumes: [],
      stopSignal: ''
    })
  })
  test('keeps env order, later duplicates win in place, no "=" means empty', () => {
    const c = readConfig(
      JSON.stringify({ config: { Env: ['A=1', 'B', 'A=2', 'C=x=y'] } })
    )
    expect(c.env).toEqual([
      ['A', '2'],
      ['B', ''],
      ['C', 'x=y']
    ])
  })
  test('labels keep __proto__ as data and never touch prototypes', () => {
    const c = readConfig(
      '{"config":{"Labels":{"__proto__":"p","constructor":"c","n":1}}}'
    )
    expect(c.labels).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c'],
      ['n', '1']
    ])
    expect(({} as Record<string, unknown>).p).toBeUndefined()
  })
  test.each([['[]'], ['"x"'], ['nope']])('rejects %s', (text) => {
    expect(() => readConfig(text)).toThrow(/config blob is not/)
  })
})
