/**
 * DigestCache on its own: layout, verification on read, failures swallowed,
 * and a hostile or shared directory: modes, symlinks, special files, sizes.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  afterAll,
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest,
  test
} from '@jest/globals'
import { DigestCache } from '../../../src/registry/cache.js'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-cache-unit-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

/** A generous limit, for tests not about the limit. */
const MAX = 4 << 20

const digest = (bytes: Buffer | string, algorithm = 'sha256'): string =>
  `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`

/** Every file under dir, relative, sorted. */
function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort()
}

describe('DigestCache', () => {
  let dir: string
  let cache: DigestCache
  let n = 0
  beforeEach(() => {
    dir = path.join(root, `c${n++}`)
    cache = new DigestCache(dir)
  })

  // prettier-ignore
  test.each([
    { algorithm: 'sha256', hexLength: 64 },
    { algorithm: 'sha512', hexLength: 128 }
  ])('stores $algorithm content at blobs/<alg>/<hex> and reads it back', ({ algorithm, hexLength }) => {
    const bytes = Buffer.from(`{"schemaVersion":2,"alg":"${algorithm}"}`)
    const d = digest(bytes, algorithm)
    cache.put(d, bytes)
    const hex = d.slice(algorithm.length + 1)
    expect(hex).toHaveLength(hexLength)
    expect(files(dir)).toEqual([`blobs/${algorithm}/${hex}`])
    expect(fs.readFileSync(path.join(dir, 'blobs', algorithm, hex))).toEqual(bytes)
    expect(cache.get(d, MAX)).toEqual(bytes)
    expect(cache.stats).toEqual({ hits: 1, misses: 0, corrupt: 0, refused: 0 })
  })

  it('counts a missing entry as a miss', () => {
    expect(cache.get(digest('nothing here'), MAX)).toBeUndefined()
    expect(cache.stats).toEqual({ hits: 0, misses: 1, corrupt: 0, refused: 0 })
  })

  it('stores empty content (an empty config is still content)', () => {
    const d = digest('')
    cache.put(d, Buffer.alloc(0))
    expect(cache.get(d, MAX)).toEqual(Buffer.alloc(0))
  })

  // prettier-ignore
  test.each([
    { name: 'flipped bytes', spoil: (b: Buffer) => { const c = Buffer.from(b); c[3] ^= 0xff; return c } },
    { name: 'truncated', spoil: (b: Buffer) => b.subarray(0, b.length - 1) },
    { name: 'extended', spoil: (b: Buffer) => Buffer.concat([b, Buffer.from('\n')]) },
    { name: 'emptied', spoil: () => Buffer.alloc(0) }
  ])('drops a corrupt entry ($name), counts it, and stores a good one again', ({ spoil }) => {
    const bytes = Buffer.from('{"config":{"Labels":{"a":"b"}}}')
    const d = digest(bytes)
    cache.put(d, bytes)
    const file = path.join(dir, 'blobs', 'sha256', d.slice(7))
    fs.writeFileSync(file, spoil(bytes))
    expect(cache.get(d, MAX)).toBeUndefined()
    expect(fs.existsSync(file)).toBe(false)
    expect(cache.stats).toEqual({ hits: 0, misses: 0, corrupt: 1, refused: 0 })
    // gone now: the next read is a plain miss
    expect(cache.get(d, MAX)).toBeUndefined()
    expect(cache.stats).toEqual({ hits: 0, misses: 1, corrupt: 1, refused: 0 })
    cache.put(d, bytes)
    expect(cache.get(d, MAX)).toEqual(bytes)
    expect(cache.stats).toEqual({ hits: 1, misses: 1, corrupt: 1, refused: 0 })
  })

  it('overwrites an entry and leaves no temporary files behind', () => {
    const bytes = Buffer.from('same bytes')
    const d = digest(bytes)
    cache.put(d, bytes)
    cache.put(d, bytes)
    expect(files(dir)).toEqual([`blobs/sha256/${d.slice(7)}`])
  })

  // prettier-ignore
  test.each([
    { name: 'a tag', key: 'latest' },
    { name: 'an unknown algorithm', key: `md5:${'a'.repeat(32)}` },
    { name: 'uppercase hex', key: `sha256:${'A'.repeat(64)}` },
    { name: 'a short sha256', key: `sha256:${'a'.repeat(63)}` },
    { name: 'a sha256 with sha512 length', key: `sha256:${'a'.repeat(128)}` },
    { name: 'path traversal', key: `sha256:../../${'a'.repeat(58)}` },
    { name: 'a trailing newline', key: `sha256:${'a'.repeat(64)}\n` }
  ])('ignores $name as a key: nothing read, nothing written', ({ key }) => {
    cache.put(key, Buffer.from('x'))
    expect(cache.get(key, MAX)).toBeUndefined()
    expect(files(dir)).toEqual([])
    expect(fs.readdirSync(root).includes('blobs')).toBe(false)
    expect(cache.stats).toEqual({ hits: 0, misses: 0, corrupt: 0, refused: 0 })
  })

  it('never trusts a name: content stored under the wrong digest is corrupt on read', () => {
    const wrong = digest('something else')
    cache.put(wrong, Buffer.from('not that'))
    expect(cache.get(wrong, MAX)).toBeUndefined()
    expect(cache.stats.corrupt).toBe(1)
  })

  // A file where a cache directory should be is not a directory: refused
  // (by put, then by get); a path under a file simply is not there.
  // prettier-ignore
  test.each([
    { name: 'the directory is a file', make: (d: string) => { fs.writeFileSync(d, 'file'); return d }, counts: { misses: 0, refused: 2 } },
    { name: 'the directory is under a file', make: (d: string) => { fs.writeFileSync(d, 'file'); return path.join(d, 'cache') }, counts: { misses: 1, refused: 0 } },
    { name: 'blobs/sha256 is a file', make: (d: string) => { fs.mkdirSync(path.join(d, 'blobs'), { recursive: true }); fs.writeFileSync(path.join(d, 'blobs', 'sha256'), ''); return d }, counts: { misses: 0, refused: 2 } }
  ])('does not throw when it cannot write ($name)', ({ make, counts }) => {
    const target = make(dir)
    const c = new DigestCache(target)
    const bytes = Buffer.from('payload')
    const d = digest(bytes)
    expect(() => c.put(d, bytes)).not.toThrow()
    expect(c.get(d, MAX)).toBeUndefined()
    expect(c.stats).toEqual({ hits: 0, corrupt: 0, ...counts })
  })

  it('shares entries between instances on the same directory (the next run)', () => {
    const bytes = Buffer.from('persisted')
    const d = digest(bytes)
    cache.put(d, bytes)
    const next = new DigestCache(dir)
    expect(next.get(d, MAX)).toEqual(bytes)
    expect(next.stats).toEqual({ hits: 1, misses: 0, corrupt: 0, refused: 0 })
  })
})

// Modes, symlinks and FIFOs are POSIX matters (CI runs on Linux).
const posix = process.platform === 'win32' ? describe.skip : describe

posix('DigestCache in a hostile or shared directory', () => {
  const bytes = Buffer.from('{"config":{"Env":["PATH=/usr/bin"]}}')
  const d = digest(bytes)
  const hex = d.slice('sha256:'.length)
  let dir: string
  let elsewhere: string
  let cache: DigestCache
  let n = 0
  beforeEach(() => {
    dir = path.join(root, `h${n}`)
    // where a followed link would lead: must stay as the test left it
    elsewhere = path.join(root, `elsewhere${n++}`)
    fs.mkdirSync(elsewhere)
    cache = new DigestCache(dir)
  })
  afterEach(() => {
    jest.restoreAllMocks()
  })

  const entry = (): string => path.join(dir, 'blobs', 'sha256', hex)
  const mode = (p: string): number => fs.statSync(p).mode & 0o777
  /** Each file under `at` (not following links) with what would show a write. */
  function snapshot(at: string): string[] {
    return (fs.readdirSync(at, { recursive: true }) as string[])
      .sort()
      .map((f) => {
        const s = fs.lstatSync(path.join(at, f))
        if (!s.isFile()) return f
        const content = fs.readFileSync(path.join(at, f), 'utf8')
        return `${f} ${s.ino} ${s.mtimeMs} ${content}`
      })
  }
  /** A valid entry written directly (bypassing the cache), with an old mtime. */
  function plant(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, bytes)
    fs.utimesSync(file, new Date(2000, 0, 1), new Date(2000, 0, 1))
  }

  // The umask only takes bits away: under 000 and 022 only an explicit mode
  // gives 0700/0600, so the check does not depend on the runner's umask.
  test.each([
    { name: '000', umask: 0o000 },
    { name: '022', umask: 0o022 }
  ])('creates directories 0700 and files 0600 (umask $name)', ({ umask }) => {
    const nested = path.join(dir, 'nested')
    const previous = process.umask(umask)
    try {
      new DigestCache(nested).put(d, bytes)
    } finally {
      process.umask(previous)
    }
    for (const made of [dir, nested, 'blobs', 'blobs/sha256']) {
      expect([made, mode(path.resolve(nested, made))]).toEqual([made, 0o700])
    }
    const file = path.join(nested, 'blobs', 'sha256', hex)
    expect(mode(file)).toBe(0o600)
    expect(fs.readFileSync(file)).toEqual(bytes)
  })

  it('keeps the mode of directories that already exist', () => {
    fs.mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true })
    for (const p of [
      dir,
      path.join(dir, 'blobs'),
      path.join(dir, 'blobs', 'sha256')
    ]) {
      fs.chmodSync(p, 0o755)
    }
    cache.put(d, bytes)
    expect(mode(dir)).toBe(0o755)
    expect(mode(path.join(dir, 'blobs'))).toBe(0o755)
    expect(mode(path.join(dir, 'blobs', 'sha256'))).toBe(0o755)
    expect(mode(entry())).toBe(0o600)
  })

  // Each makes a symlink somewhere on the way to the entry, pointing into
  // `elsewhere`.
  interface Symlinked {
    link: string
    /** Where a followed entry would be. */
    target: string
    /** The name to open the cache with. */
    cacheDir: string
  }
  // prettier-ignore
  test.each([
    { name: 'the cache directory itself', make: (): Symlinked => {
      fs.symlinkSync(elsewhere, dir)
      return { link: dir, target: path.join(elsewhere, 'blobs', 'sha256', hex), cacheDir: dir }
    } },
    { name: 'the cache directory, named with a trailing slash', make: (): Symlinked => {
      fs.symlinkSync(elsewhere, dir)
      return { link: dir, target: path.join(elsewhere, 'blobs', 'sha256', hex), cacheDir: `${dir}/` }
    } },
    { name: 'blobs', make: (): Symlinked => {
      fs.mkdirSync(dir)
      fs.symlinkSync(elsewhere, path.join(dir, 'blobs'))
      return { link: path.join(dir, 'blobs'), target: path.join(elsewhere, 'sha256', hex), cacheDir: dir }
    } },
    { name: 'blobs/sha256', make: (): Symlinked => {
      fs.mkdirSync(path.join(dir, 'blobs'), { recursive: true })
      fs.symlinkSync(elsewhere, path.join(dir, 'blobs', 'sha256'))
      return { link: path.join(dir, 'blobs', 'sha256'), target: path.join(elsewhere, hex), cacheDir: dir }
    } },
    { name: 'the entry, to a valid file', make: (): Symlinked => {
      fs.mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true })
      plant(path.join(elsewhere, 'entry'))
      fs.symlinkSync(path.join(elsewhere, 'entry'), entry())
      return { link: entry(), target: path.join(elsewhere, 'entry'), cacheDir: dir }
    } },
    { name: 'the entry, dangling', make: (): Symlinked => {
      fs.mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true })
      fs.symlinkSync(path.join(elsewhere, 'entry'), entry())
      return { link: entry(), target: path.join(elsewhere, 'entry'), cacheDir: dir }
    } }
  ])('refuses a symlink at $name: nothing written or read through it, the link left', ({ make }) => {
    const { link, target, cacheDir } = make()
    const c = new DigestCache(cacheDir)
    const before = snapshot(elsewhere)
    c.put(d, bytes)
    expect(snapshot(elsewhere)).toEqual(before)
    // a valid entry where the link leads: following it would be a hit
    if (!fs.existsSync(target)) plant(target)
    const planted = snapshot(elsewhere)
    expect(c.get(d, MAX)).toBeUndefined()
    expect(c.stats).toEqual({ hits: 0, misses: 0, corrupt: 0, refused: 2 })
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true)
    expect(snapshot(elsewhere)).toEqual(planted)
    // no temporary file left beside the link either
    const beside = fs.readdirSync(path.dirname(link))
    expect(beside.filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  // prettier-ignore
  test.each([
    { name: 'a FIFO', make: (p: string) => execFileSync('mkfifo', [p]) },
    { name: 'a directory', make: (p: string) => fs.mkdirSync(p) }
  ])('refuses $name at an entry path, promptly, and leaves it', ({ make }) => {
    fs.mkdirSync(path.dirname(entry()), { recursive: true })
    make(entry())
    const kind = fs.lstatSync(entry()).mode & fs.constants.S_IFMT
    // a FIFO opened without O_NONBLOCK would hang here
    expect(cache.get(d, MAX)).toBeUndefined()
    cache.put(d, bytes)
    expect(cache.stats).toEqual({ hits: 0, misses: 0, corrupt: 0, refused: 2 })
    expect(fs.lstatSync(entry()).mode & fs.constants.S_IFMT).toBe(kind)
    expect(fs.readdirSync(path.dirname(entry()))).toEqual([hex])
  })

  const held: number[] = []
  // The name looked fine when checked, then changed before the open: the
  // open (O_NOFOLLOW) and fstat of the descriptor must still refuse.
  // prettier-ignore
  test.each([
    { name: 'a symlink to a valid file', make: (p: string) => { plant(path.join(elsewhere, 'entry')); fs.symlinkSync(path.join(elsewhere, 'entry'), p) } },
    // held open read-write by the test, so even a blocking open returns
    { name: 'a FIFO', make: (p: string) => { execFileSync('mkfifo', [p]); held.push(fs.openSync(p, fs.constants.O_RDWR)) } },
    { name: 'a directory', make: (p: string) => fs.mkdirSync(p) }
  ])('refuses $name swapped in after the name was checked', ({ make }) => {
    fs.mkdirSync(path.dirname(entry()), { recursive: true })
    make(entry())
    const decoy = path.join(elsewhere, 'decoy')
    fs.writeFileSync(decoy, 'a regular file')
    const lstat = fs.lstatSync
    jest.spyOn(fs, 'lstatSync').mockImplementation(((p: string) =>
      lstat(p === entry() ? decoy : p)) as typeof fs.lstatSync)
    try {
      expect(cache.get(d, MAX)).toBeUndefined()
    } finally {
      jest.restoreAllMocks()
      held.splice(0).forEach((fd) => fs.closeSync(fd))
    }
    expect(cache.stats).toEqual({ hits: 0, misses: 0, corrupt: 0, refused: 1 })
    expect(fs.lstatSync(entry()).isFile()).toBe(false) // still there
  })

  it('does not remove what was swapped in while a corrupt entry was read', () => {
    cache.put(d, bytes)
    fs.writeFileSync(entry(), 'corrupt')
    plant(path.join(elsewhere, 'entry'))
    const fstat = fs.fstatSync
    jest.spyOn(fs, 'fstatSync').mockImplementationOnce(((fd: number) => {
      const stats = fstat(fd)
      const swap = `${entry()}.swap`
      fs.symlinkSync(path.join(elsewhere, 'entry'), swap)
      fs.renameSync(swap, entry())
      return stats
    }) as typeof fs.fstatSync)
    expect(cache.get(d, MAX)).toBeUndefined()
    expect(cache.stats).toEqual({ hits: 0, misses: 0, corrupt: 1, refused: 0 })
    expect(fs.lstatSync(entry()).isSymbolicLink()).toBe(true)
    expect(fs.readFileSync(path.join(elsewhere, 'entry'))).toEqual(bytes)
  })

  // prettier-ignore
  test.each([
    { name: 'one byte over the limit', maxBytes: bytes.length - 1, expected: undefined },
    { name: 'exactly the limit', maxBytes: bytes.length, expected: bytes },
    { name: 'under the limit', maxBytes: bytes.length + 1, expected: bytes }
  ])('reads an entry $name only within it', ({ maxBytes, expected }) => {
    cache.put(d, bytes)
    expect(cache.get(d, maxBytes)).toEqual(expected)
    expect(cache.stats).toEqual(
      expected ? { hits: 1, misses: 0, corrupt: 0, refused: 0 } : { hits: 0, misses: 0, corrupt: 0, refused: 1 }
    )
    // refused, not dropped: a caller with a larger limit may still use it
    expect(fs.readFileSync(entry())).toEqual(bytes)
  })

  it('reads an empty entry with a limit of 0', () => {
    const empty = digest('')
    cache.put(empty, Buffer.alloc(0))
    expect(cache.get(empty, 0)).toEqual(Buffer.alloc(0))
  })

  it('refuses a planted 5 GB entry without reading it', () => {
    fs.mkdirSync(path.dirname(entry()), { recursive: true })
    fs.writeFileSync(entry(), '')
    fs.truncateSync(entry(), 5 * 1024 ** 3) // sparse: costs no disk
    const read = jest.spyOn(fs, 'readSync')
    const rss = process.memoryUsage().rss
    expect(cache.get(d, MAX)).toBeUndefined()
    expect(read).not.toHaveBeenCalled()
    expect(process.memoryUsage().rss - rss).toBeLessThan(256 * 1024 ** 2)
    expect(cache.stats).toEqual({ hits: 0, misses: 0, corrupt: 0, refused: 1 })
    expect(fs.statSync(entry()).size).toBe(5 * 1024 ** 3)
  })

  // A missing limit would mean reading whatever size was planted.
  test.each([-1, NaN, undefined])(
    'throws for a maxBytes of %p (a programming error)',
    (maxBytes) => {
      cache.put(d, bytes)
      expect(() => cache.get(d, maxBytes as number)).toThrow(TypeError)
    }
  )
})
