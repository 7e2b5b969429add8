/**
 * inspectImage through a fresh RegistryClient, as the action runs it, and
 * the message of the failure a test expects: shared by the protocol suites.
 */
import { expect } from '@jest/globals'
import { UserError } from '../../src/errors.js'
import type { ImageInfo } from '../../src/image/model.js'
import { inspectImage } from '../../src/jobs/inspect.js'
import type { Challenge } from '../../src/registry/auth/challenge.js'
import type { Credentials } from '../../src/registry/auth/docker-config.js'
import { RegistryClient } from '../../src/registry/client.js'
import type { Platform } from '../../src/image/platform.js'
import { parseReference } from '../../src/registry/reference.js'
import { Transport } from '../../src/registry/transport.js'

export interface InspectOptions {
  platform?: Platform
  credentials?: Credentials
  knownChallenge?: Challenge
  /** Default: a Transport without retries, so every fault surfaces. */
  transport?: Transport
}

export async function inspect(
  host: string,
  ref: string,
  options: InspectOptions = {}
): Promise<ImageInfo> {
  const transport =
    options.transport ?? new Transport({ retry: { retries: 0 } })
  const client = new RegistryClient({
    domain: host,
    credentials: options.credentials,
    knownChallenge: options.knownChallenge,
    transport
  })
  try {
    return await inspectImage(
      {
        reference: parseReference(`${host}/${ref}`),
        platform: options.platform ?? { os: 'linux', architecture: 'amd64' },
        credentials: options.credentials
      },
      client
    )
  } finally {
    client.dispose()
    if (!options.transport) transport.dispose()
  }
}

/** The rejection of a promise that must reject. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure, got success')
    },
    (e: unknown) => e
  )
}

/** The message of the UserError that inspect() must throw. */
export async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(UserError)
  return (error as Error).message
}

export const manifestPath = (repo: string, ref: string): string =>
  `/v2/${repo}/manifests/${ref}`
export const blobPath = (repo: string, digest: string): string =>
  `/v2/${repo}/blobs/${digest}`
