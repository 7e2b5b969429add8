/**
 * `previous-digest`: one HEAD (not a pull on Docker Hub) says whether the
 * reference still points where it did. Unchanged, the run ends there;
 * moved, the inspection fetches exactly the digest this HEAD saw.
 */
import type { Connection } from '../registry/connect.js'
import {
  formatReference,
  manifestReference,
  type ImageReference
} from '../registry/reference.js'
import { explained } from '../report/explain.js'
import { result, type Logger, type Result } from './result.js'

export type PreviousDigestCheck =
  { unchanged: Result } | { unchanged?: undefined; digest: string }

export async function checkPreviousDigest(
  reference: ImageReference,
  previous: string,
  { client, credentials, source }: Connection,
  log: Logger
): Promise<PreviousDigestCheck> {
  const { digest, method } = await explained(
    { reference, credentials, credentialSource: source },
    () => client.resolveDigest(reference.path, manifestReference(reference))
  )
  const ref = formatReference(reference)
  log.info(`${ref} is ${digest} (by ${method})`)
  if (digest !== previous) return { digest }
  return {
    unchanged: result({
      outputs: [
        ['ref', ref],
        ['digest', digest],
        ['changed', 'false']
      ],
      log: [
        {
          level: 'info',
          message:
            'Unchanged since previous-digest: not fetching the manifest and config.'
        }
      ],
      summary: [{ kind: 'unchanged', ref, digest }]
    })
  }
}
