/** DigestCache on its own: layout, verification on read, failures swallowed. */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, it, test } from '@jest/globals'
import { DigestCache } from '../../src/registry/cache.js'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-cache-unit-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

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
    ['sha256', 64],
    ['sha512', 128]
  ])('stores %s content at blobs/<alg>/<hex> and reads it back', (algorithm, hexLength) => {
    const bytes = Buffer.from(`{"schemaVersion":2,"alg":"${algorithm}"}`)
    const d = digest(bytes, algorithm)
    cache.put(d, bytes)
    const hex = d.slice(algorithm.length + 1)
    expect(hex).toHaveLength(hexLength)
    expect(files(dir)).toEqual([`blobs/${algorithm}/${hex}`])
    expect(fs.readFileSync(path.join(dir, 'blobs', algorithm, hex))).toEqual(bytes)
    expect(cache.get(d)).toEqual(bytes)
    expect(cache.stats).toEqual({ hits: 1, misses: 0, corrupt: 0 })
  })

  it('counts a missing entry as a miss', () => {
    expect(cache.get(digest('nothing here'))).toBeUndefined()
    expect(cache.stats).toEqual({ hits: 0, misses: 1, corrupt: 0 })
  })

  it('stores empty content (an empty config is still content)', () => {
    const d = digest('')
    cache.put(d, Buffer.alloc(0))
    expect(cache.get(d)).toEqual(Buffer.alloc(0))
  })

  // prettier-ignore
  test.each([
    ['flipped bytes', (b: Buffer) => { const c = Buffer.from(b); c[3] ^= 0xff; return c }],
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 1)],
    ['extended', (b: Buffer) => Buffer.concat([b, Buffer.from('\n')])],
    ['emptied', () => Buffer.alloc(0)]
  ])('drops a corrupt entry (%s), counts it, and stores a good one again', (_name, spoil) => {
    const bytes = Buffer.from('{"config":{"Labels":{"a":"b"}}}')
    const d = digest(bytes)
    cache.put(d, bytes)
    const file = path.join(dir, 'blobs', 'sha256', d.slice(7))
    fs.writeFileSync(file, spoil(bytes))
    expect(cache.get(d)).toBeUndefined()
    expect(fs.existsSync(file)).toBe(false)
    expect(cache.stats).toEqual({ hits: 0, misses: 0, corrupt: 1 })
    // gone now: the next read is a plain miss
    expect(cache.get(d)).toBeUndefined()
    expect(cache.stats).toEqual({ hits: 0, misses: 1, corrupt: 1 })
    cache.put(d, bytes)
    expect(cache.get(d)).toEqual(bytes)
    expect(cache.stats).toEqual({ hits: 1, misses: 1, corrupt: 1 })
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
    ['a tag', 'latest'],
    ['an unknown algorithm', `md5:${'a'.repeat(32)}`],
    ['uppercase hex', `sha256:${'A'.repeat(64)}`],
    ['a short sha256', `sha256:${'a'.repeat(63)}`],
    ['a sha256 with sha512 length', `sha256:${'a'.repeat(128)}`],
    ['path traversal', `sha256:../../${'a'.repeat(58)}`],
    ['a trailing newline', `sha256:${'a'.repeat(64)}\n`]
  ])('ignores %s as a key: nothing read, nothing written', (_name, key) => {
    cache.put(key, Buffer.from('x'))
    expect(cache.get(key)).toBeUndefined()
    expect(files(dir)).toEqual([])
    expect(fs.readdirSync(root).includes('blobs')).toBe(false)
    expect(cache.stats).toEqual({ hits: 0, misses: 0, corrupt: 0 })
  })

  it('never trusts a name: content stored under the wrong digest is corrupt on read', () => {
    const wrong = digest('something else')
    cache.put(wrong, Buffer.from('not that'))
    expect(cache.get(wrong)).toBeUndefined()
    expect(cache.stats.corrupt).toBe(1)
  })

  // prettier-ignore
  test.each([
    ['the directory is a file', (d: string) => { fs.writeFileSync(d, 'file'); return d }],
    ['the directory is under a file', (d: string) => { fs.writeFileSync(d, 'file'); return path.join(d, 'cache') }],
    ['blobs/sha256 is a file', (d: string) => { fs.mkdirSync(path.join(d, 'blobs'), { recursive: true }); fs.writeFileSync(path.join(d, 'blobs', 'sha256'), ''); return d }]
  ])('does not throw when it cannot write (%s)', (_name, make) => {
    const target = make(dir)
    const c = new DigestCache(target)
    const bytes = Buffer.from('payload')
    const d = digest(bytes)
    expect(() => c.put(d, bytes)).not.toThrow()
    expect(c.get(d)).toBeUndefined()
    expect(c.stats).toEqual({ hits: 0, misses: 1, corrupt: 0 })
  })

  it('shares entries between instances on the same directory (the next run)', () => {
    const bytes = Buffer.from('persisted')
    const d = digest(bytes)
    cache.put(d, bytes)
    const next = new DigestCache(dir)
    expect(next.get(d)).toEqual(bytes)
    expect(next.stats).toEqual({ hits: 1, misses: 0, corrupt: 0 })
  })
})
