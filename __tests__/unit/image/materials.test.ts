/** Provenance materials → the registry images among them (package URLs read as BuildKit writes them). */
import { expect, test } from '@jest/globals'
import { imageMaterials } from '../../../src/image/materials.js'

const D = (c: string): string => `sha256:${c.repeat(64)}`

// prettier-ignore
test.each([
  { name: 'a Docker Hub official image with a platform', uri: 'pkg:docker/alpine@3.20?platform=linux%2Famd64',
    reference: { domain: 'docker.io', path: 'library/alpine', tag: '3.20' }, platform: { os: 'linux', architecture: 'amd64' } },
  { name: 'a Docker Hub user image', uri: 'pkg:docker/docker/dockerfile@1',
    reference: { domain: 'docker.io', path: 'docker/dockerfile', tag: '1' } },
  { name: 'another registry, nested path, arm/v7', uri: 'pkg:docker/ghcr.io/org/team/app@v1.2?platform=linux%2Farm%2Fv7',
    reference: { domain: 'ghcr.io', path: 'org/team/app', tag: 'v1.2' }, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
  { name: 'a registry with a port (QueryEscape of ":")', uri: 'pkg:docker/localhost%3A5000/base@3.20',
    reference: { domain: 'localhost:5000', path: 'base', tag: '3.20' } },
  { name: 'pinned FROM: tag and digest', uri: `pkg:docker/alpine@3.20?digest=${encodeURIComponent(D('b'))}&platform=linux%2Farm64`,
    reference: { domain: 'docker.io', path: 'library/alpine', tag: '3.20', digest: D('b') }, platform: { os: 'linux', architecture: 'arm64' } },
  { name: 'a digest as the version', uri: `pkg:docker/alpine@${D('c')}`,
    reference: { domain: 'docker.io', path: 'library/alpine', digest: D('c') } },
  { name: 'repository_url names the registry (purl spec)', uri: 'pkg:docker/team/app@v1?repository_url=registry.example.com',
    reference: { domain: 'registry.example.com', path: 'team/app', tag: 'v1' } }
])('$name', async ({ uri, reference, platform }) => {
  const [m] = await imageMaterials([{ uri, digest: D('a') }])
  expect(m).toEqual({ uri, reference, digest: D('a'), platform })
})

// prettier-ignore
test.each([
  { name: 'a local context (pkg:oci)', uri: 'pkg:oci/base@latest', digest: D('a') },
  { name: 'a git source', uri: 'https://github.com/a/b.git#main', digest: D('a') },
  { name: 'no digest', uri: 'pkg:docker/alpine@3.20', digest: '' },
  { name: 'a digest we cannot verify', uri: 'pkg:docker/alpine@3.20', digest: 'md5:abc' },
  { name: 'not a package URL', uri: 'pkg:docker/', digest: D('a') },
  { name: 'an invalid repository name', uri: 'pkg:docker/Upper/Case@1', digest: D('a') },
  { name: 'a tag that is no tag', uri: 'pkg:docker/alpine@a%20b', digest: D('a') }
])('leaves out $name', async ({ uri, digest }) => {
  expect(await imageMaterials([{ uri, digest }])).toEqual([])
})

test('keeps the order of the materials', async () => {
  const found = await imageMaterials([
    { uri: 'pkg:docker/golang@1.23', digest: D('1') },
    { uri: 'https://example.com/x', digest: D('2') },
    { uri: 'pkg:docker/alpine@3.20', digest: D('3') }
  ])
  expect(found.map((m) => m.digest)).toEqual([D('1'), D('3')])
})
