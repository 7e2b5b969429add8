/**
 * What the transport says of a URL in logs and errors: scheme, host and
 * path, never the query (presigned CDN URLs carry their signature there)
 * nor a user or password.
 */
import { expect, test } from '@jest/globals'
import { redact } from '../../../src/registry/transport.js'

// prettier-ignore
test.each([
  { url: 'https://registry-1.docker.io/v2/library/nginx/manifests/1.27', shown: 'https://registry-1.docker.io/v2/library/nginx/manifests/1.27' },
  { url: 'https://prod.s3.amazonaws.com/docker/blobs/sha256/ab/data?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA', shown: 'https://prod.s3.amazonaws.com/docker/blobs/sha256/ab/data?…' },
  { url: 'https://auth.docker.io/token?service=registry.docker.io&scope=repository:library/nginx:pull', shown: 'https://auth.docker.io/token?…' },
  { url: 'https://user:secret@registry.example.com:5000/v2/', shown: 'https://registry.example.com:5000/v2/' },
  { url: 'https://cdn.example.com/blob#fragment', shown: 'https://cdn.example.com/blob' }
])('$url → $shown', ({ url, shown }) => {
  expect(redact(new URL(url))).toBe(shown)
})
