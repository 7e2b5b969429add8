/**
 * One inspection by the action's own registry client, bundled by the bench
 * (latency.mjs): with the realm learned from the registry's first 401, or
 * known up front as for Docker Hub and GHCR (the token first, the
 * registry's connection opened meanwhile).
 * Usage: node known-realm.js HOST REF learned|known REALM SERVICE
 */
import { inspectImage } from '../../src/jobs/inspect.js'
import { RegistryClient } from '../../src/registry/client.js'
import { parseReference } from '../../src/registry/reference.js'

const [host, ref, mode, realm, service] = process.argv.slice(2)
const client = new RegistryClient({
  domain: host,
  knownChallenge:
    mode === 'known'
      ? { scheme: 'bearer', params: { realm, service } }
      : undefined
})
try {
  const info = await inspectImage(
    {
      reference: parseReference(ref),
      platform: { os: 'linux', architecture: 'amd64' }
    },
    client
  )
  process.stdout.write(`${info.configDigest}\n`)
} finally {
  client.dispose()
}
