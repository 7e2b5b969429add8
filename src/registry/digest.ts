/** Content digests: the algorithms we verify, and hashing bytes with them. */
import { createHash } from 'node:crypto'
import { RegistryError } from './errors.js'

const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/

/** True for a digest we can verify: sha256 or sha512, lowercase hex. */
export function isDigest(text: string): boolean {
  return DIGEST.test(text)
}

export function isSupportedAlgorithm(algorithm: string): boolean {
  return algorithm === 'sha256' || algorithm === 'sha512'
}

export function digestOf(bytes: Buffer, algorithm = 'sha256'): string {
  if (!isSupportedAlgorithm(algorithm)) {
    throw new RegistryError(
      'unsupported',
      `Digest algorithm ${algorithm} is not supported`
    )
  }
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`
}
