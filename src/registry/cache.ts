/**
 * A digest-keyed store for manifests, indexes and config blobs: content
 * addressed by digest is immutable, so a workflow that persists this
 * directory (actions/cache) can answer an unchanged image without
 * downloading it again. Every read is verified; a bad entry is dropped.
 *
 * Entries are kept per repository (`<dir>/repo-<hash of registry and
 * path>/blobs/<alg>/<hex>`): knowing a digest must not be enough to get
 * content another repository served, or one registry could read through
 * the cache what a private one sent.
 *
 * The directory may be shared with, or restored from, something we do not
 * trust (another job, a poisoned cache key), so the cache never follows a
 * symlink (neither its directories nor an
 * entry), reads only regular files and only up to the caller's size limit,
 * and creates what it writes private to the user (directories 0700, files
 * 0600). Anything it refuses is counted, left in place, and costs only a
 * download. Limitation: Node has no openat(), so a directory swapped for a
 * symlink between our check and our use is not caught. A read still opens
 * the entry with O_NOFOLLOW, checks the descriptor and verifies the digest,
 * so it can at worst return the right bytes from elsewhere; a write may land
 * under the directory linked to, as a file named by the digest.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { digestOf, isDigest } from './digest.js'

export interface CacheStats {
  hits: number
  misses: number
  /** Entries whose bytes no longer matched their digest (then removed). */
  corrupt: number
  /**
   * Entries or cache directories refused, on read or write, for being a
   * symlink, not a regular file (or not a directory), or (on read) larger
   * than the caller's limit. Left as they are.
   */
  refused: number
}

// Windows has neither flag (they are undefined there); the lstat checks
// below still refuse symlinks and special files on that platform.
const { O_NOFOLLOW = 0, O_NONBLOCK = 0 } = fs.constants
/** NOFOLLOW: a symlink planted at the entry fails to open (ELOOP).
 *  NONBLOCK: a FIFO or device opens without waiting for a writer. */
const READ = fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK
/** EXCL + NOFOLLOW: never write into a file or link someone placed there. */
const WRITE =
  fs.constants.O_CREAT |
  fs.constants.O_EXCL |
  fs.constants.O_WRONLY |
  O_NOFOLLOW
const DIR_MODE = 0o700
const FILE_MODE = 0o600

/** Where an entry lives: the three directories to check, then the file. */
interface Location {
  algorithm: string
  /** `<dir>` down to `…/blobs/<algorithm>`, outermost first. */
  dirs: string[]
  file: string
}

type DirVerdict = 'ok' | 'missing' | 'refused'

export class DigestCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, corrupt: 0, refused: 0 }

  constructor(
    readonly dir: string,
    /** Each lookup's outcome, for the debug log. */
    private readonly onDebug?: (message: string) => void
  ) {}

  /**
   * The bytes stored under `digest`, only if they still hash to it, and only
   * if the entry is a regular file of at most `maxBytes` bytes (the largest
   * entry the caller accepts): a bigger one is refused without being read.
   */
  get(digest: string, maxBytes: number, scope?: string): Buffer | undefined {
    if (!this.onDebug) return this.read(digest, maxBytes, scope)
    const { refused, corrupt } = this.stats
    const bytes = this.read(digest, maxBytes, scope)
    const outcome = bytes
      ? 'hit'
      : this.stats.refused > refused
        ? 'entry refused'
        : this.stats.corrupt > corrupt
          ? 'entry corrupt, removed'
          : 'miss'
    this.onDebug(`Cache ${outcome}: ${digest}${scope ? ` (${scope})` : ''}`)
    return bytes
  }

  private read(
    digest: string,
    maxBytes: number,
    scope?: string
  ): Buffer | undefined {
    // A programming error, not a cache failure: without a limit we would
    // read whatever size was planted.
    if (typeof maxBytes !== 'number' || !(maxBytes >= 0)) {
      throw new TypeError(`maxBytes must be a number >= 0, not ${maxBytes}`)
    }
    const where = this.locate(digest, scope)
    if (!where) return undefined
    let dirs: DirVerdict
    try {
      dirs = this.checkDirs(where, false)
    } catch {
      dirs = 'missing' // e.g. no permission to look: as good as absent
    }
    if (dirs !== 'ok') return this.fail(dirs)

    let fd: number
    try {
      // Refuse by name first, so a device node is never even opened...
      if (!fs.lstatSync(where.file).isFile()) return this.fail('refused')
      // ...then open without following, so a symlink swapped in since
      // fails with ELOOP instead of being read.
      fd = fs.openSync(where.file, READ)
    } catch (error) {
      // ELOOP (EMLINK on FreeBSD): a symlink, refused by O_NOFOLLOW.
      const link = ['ELOOP', 'EMLINK'].includes(code(error) ?? '')
      return this.fail(link ? 'refused' : 'missing')
    }

    let bytes: Buffer
    let opened: fs.Stats
    try {
      // The descriptor, not the name, says what we are about to read.
      opened = fs.fstatSync(fd)
      if (!opened.isFile() || opened.size > maxBytes) {
        return this.fail('refused')
      }
      bytes = readExactly(fd, opened.size)
    } catch {
      return this.fail('missing')
    } finally {
      closeQuietly(fd)
    }

    if (digestOf(bytes, where.algorithm) !== digest) {
      this.stats.corrupt++
      removeIfSame(where.file, opened)
      return undefined
    }
    this.stats.hits++
    return bytes
  }

  /** Stores verified bytes; a failure to write only costs a future download. */
  put(digest: string, bytes: Buffer, scope?: string): void {
    const where = this.locate(digest, scope)
    if (!where) return
    let tmp: string | undefined
    try {
      const dirs = this.checkDirs(where, true)
      if (dirs !== 'ok') {
        this.fail(dirs)
        return
      }
      // Leave a planted symlink, FIFO or directory alone (and visible);
      // rename would replace a link, but it is not ours to remove.
      const existing = lstatOrUndefined(where.file)
      if (existing && !existing.isFile()) {
        this.fail('refused')
        return
      }
      // Write then rename, so a concurrent reader never sees half a file.
      const name = `${where.file}.${randomBytes(6).toString('hex')}.tmp`
      const fd = fs.openSync(name, WRITE, FILE_MODE)
      tmp = name
      try {
        writeAll(fd, bytes)
      } finally {
        fs.closeSync(fd)
      }
      fs.renameSync(tmp, where.file)
      tmp = undefined
    } catch {
      // read-only or full disk: the cache is an optimisation
      if (tmp) removeQuietly(tmp) // ours: created with O_EXCL
    }
  }

  /** Counts a failed lookup; undefined, for `return this.fail(...)`. */
  private fail(why: 'missing' | 'refused'): undefined {
    if (why === 'refused') this.stats.refused++
    else this.stats.misses++
    return undefined
  }

  /**
   * Checks `<dir>`, `blobs` and `blobs/<alg>` are real directories, not
   * symlinks (lstat, which does not follow); with `create`, makes the ones
   * missing with mode 0700. Existing directories keep their mode: they may
   * be the user's, shared on purpose.
   */
  private checkDirs(where: Location, create: boolean): DirVerdict {
    for (const [i, dir] of where.dirs.entries()) {
      let stat = lstatOrUndefined(dir)
      if (!stat && create) {
        try {
          // Only `<dir>` may need parents; below it, one level at a time so
          // each new level is checked before we go into it.
          fs.mkdirSync(dir, { recursive: i === 0, mode: DIR_MODE })
        } catch (error) {
          // EEXIST: another writer made it first; check what is there.
          if (code(error) !== 'EEXIST') throw error
        }
        stat = fs.lstatSync(dir)
      }
      if (!stat) return 'missing'
      if (!stat.isDirectory()) return 'refused' // isDirectory is false for a symlink
    }
    return 'ok'
  }

  /** `<dir>/blobs/<algorithm>/<hex>`; undefined for anything not a digest. */
  private locate(digest: string, scope?: string): Location | undefined {
    if (!isDigest(digest)) return undefined
    const [algorithm, hex] = digest.split(':')
    // resolve() drops a trailing slash, which would make lstat follow a
    // symlinked `<dir>`.
    const root = path.resolve(this.dir)
    const dirs = [root]
    if (scope !== undefined) dirs.push(path.join(root, scopeDir(scope)))
    const blobs = path.join(dirs.at(-1)!, 'blobs')
    const dir = path.join(blobs, algorithm)
    dirs.push(blobs, dir)
    return { algorithm, dirs, file: path.join(dir, hex) }
  }
}

/**
 * Where one repository's entries live: a name from its registry and path,
 * so an entry answers only for the repository that served it.
 */
export function scopeDir(scope: string): string {
  return `repo-${createHash('sha256').update(scope).digest('hex').slice(0, 32)}`
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

/** lstat, or undefined when nothing is there (or a parent is a file). */
function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file)
  } catch (error) {
    const c = code(error)
    if (c === 'ENOENT' || c === 'ENOTDIR') return undefined
    throw error
  }
}

/** Exactly `size` bytes from the start of `fd`, fewer only if it shrank. */
function readExactly(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size)
  let done = 0
  while (done < size) {
    const n = fs.readSync(fd, bytes, done, size - done, done)
    if (n === 0) break // shorter than fstat said: the digest check decides
    done += n
  }
  return bytes.subarray(0, done)
}

function writeAll(fd: number, bytes: Buffer): void {
  let done = 0
  while (done < bytes.length) {
    done += fs.writeSync(fd, bytes, done, bytes.length - done)
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd)
  } catch {
    // nothing to do: we only read from it
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true })
  } catch {
    // left behind: harmless, never read (not a digest name)
  }
}

/**
 * Removes a corrupt entry only if the name still points at the regular file
 * we read (same device and inode): never through or at a symlink, nor at
 * something swapped in since.
 */
function removeIfSame(file: string, opened: fs.Stats): void {
  try {
    const now = fs.lstatSync(file)
    if (now.isFile() && now.dev === opened.dev && now.ino === opened.ino) {
      fs.rmSync(file, { force: true })
    }
  } catch {
    // gone already, or not ours to remove: a later put replaces it
  }
}
