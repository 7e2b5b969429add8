/**
 * A digest-keyed store for manifests, indexes and config blobs: content
 * addressed by digest is immutable, so a workflow that persists this
 * directory (actions/cache) can answer an unchanged image without
 * downloading it again. Every read is verified; a bad entry is dropped.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const DIGEST = /^(sha256):([a-f0-9]{64})$|^(sha512):([a-f0-9]{128})$/

export interface CacheStats {
  hits: number
  misses: number
  /** Entries whose bytes no longer matched their digest (then replaced). */
  corrupt: number
}

export class DigestCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, corrupt: 0 }

  constructor(readonly dir: string) {}

  /** The bytes stored under `digest`, only if they still hash to it. */
  get(digest: string): Buffer | undefined {
    const file = this.file(digest)
    if (!file) return undefined
    let bytes: Buffer
    try {
      bytes = fs.readFileSync(file)
    } catch {
      this.stats.misses++
      return undefined
    }
    const [algorithm] = digest.split(':')
    const actual = `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`
    if (actual !== digest) {
      this.stats.corrupt++
      fs.rmSync(file, { force: true })
      return undefined
    }
    this.stats.hits++
    return bytes
  }

  /** Stores verified bytes; a failure to write only costs a future download. */
  put(digest: string, bytes: Buffer): void {
    const file = this.file(digest)
    if (!file) return
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true })
      // Write then rename, so a concurrent reader never sees half a file.
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`
      fs.writeFileSync(tmp, bytes)
      fs.renameSync(tmp, file)
    } catch {
      // read-only or full disk: the cache is an optimisation
    }
  }

  /** `<dir>/blobs/<algorithm>/<hex>`; undefined for anything not a digest. */
  private file(digest: string): string | undefined {
    const m = DIGEST.exec(digest)
    if (!m) return undefined
    const algorithm = m[1] ?? m[3]
    const hex = m[2] ?? m[4]
    return path.join(this.dir, 'blobs', algorithm, hex)
  }
}
