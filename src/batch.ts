/**
 * Many images at once: grouped by registry, each registry prepared once
 * (one token for every repository where the token server allows it), then
 * inspected a few at a time. One image failing does not stop the others.
 */
import { errorMessage } from './errors.js'
import { inspectImage, type ImageInfo, type InspectRequest } from './inspect.js'
import { PER_REGISTRY_CONCURRENCY, mapLimit } from './pool.js'
import type { Credentials } from './registry/auth/docker-config.js'
import type { RegistryClient } from './registry/client.js'
import type { ImageReference } from './registry/reference.js'

export interface Connection {
  client: RegistryClient
  credentials?: Credentials
  source?: string
}

export interface BatchResult {
  /** The reference as written. */
  name: string
  info?: ImageInfo
  error?: string
}

export async function inspectMany(
  images: { input: string; reference?: ImageReference; error?: string }[],
  connect: (reference: ImageReference) => Promise<Connection>,
  request: Omit<
    InspectRequest,
    'reference' | 'credentials' | 'credentialSource'
  >,
  concurrency = PER_REGISTRY_CONCURRENCY
): Promise<BatchResult[]> {
  const results: BatchResult[] = images.map((e) => ({
    name: e.input,
    error: e.error
  }))
  const byRegistry = new Map<string, number[]>()
  images.forEach((e, i) => {
    if (!e.reference) return
    const list = byRegistry.get(e.reference.domain) ?? []
    list.push(i)
    byRegistry.set(e.reference.domain, list)
  })
  await Promise.all(
    [...byRegistry.values()].map(async (indexes) => {
      let connection: Connection
      try {
        connection = await connect(images[indexes[0]].reference!)
      } catch (error) {
        for (const i of indexes) results[i].error = errorMessage(error)
        return
      }
      const { client, credentials, source } = connection
      await client.prepare(indexes.map((i) => images[i].reference!.path))
      // One image failing is that image's result, not the batch's.
      await mapLimit(indexes, concurrency, async (i) => {
        try {
          results[i].info = await inspectImage(
            {
              ...request,
              reference: images[i].reference!,
              credentials,
              credentialSource: source
            },
            client
          )
        } catch (error) {
          results[i].error = errorMessage(error)
        }
      })
    })
  )
  return results
}
