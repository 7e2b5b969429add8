/**
 * A digest-keyed store for manifests, indexes and config blobs: content
 * addressed by digest is immutable, so a workflow that persists this
 * directory (actions/cache) can answer an unchanged image without
 * downloading it again. Every read is verified; a bad entry is dropped.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { digestOf, isDigest } from './digest.js'

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
    if (digestOf(bytes, digest.split(':')[0]) !== digest) {
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
    if (!isDigest(digest)) return undefined
    const [algorithm, hex] = digest.split(':')
    return path.join(this.dir, 'blobs', algorithm, hex)
  }
}
