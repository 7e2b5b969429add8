/** What an image says about its base (OCI annotations), and the answers put together. */
import { describe, expect, test } from '@jest/globals'
import {
  annotatedBase,
  needsUpdate,
  overallStatus,
  startsWith,
  verdict,
  type BaseCheck
} from '../../../src/image/base.js'
import type { ImageInfo } from '../../../src/image/model.js'

const D = (c: string): string => `sha256:${c.repeat(64)}`
const NAME = 'org.opencontainers.image.base.name'
const DIGEST = 'org.opencontainers.image.base.digest'

type Entries = [string, string][]
const info = (
  annotations: Entries,
  entryAnnotations: Entries = [],
  indexAnnotations: Entries = []
): ImageInfo =>
  ({ annotations, entryAnnotations, indexAnnotations }) as unknown as ImageInfo

describe('annotatedBase', () => {
  // prettier-ignore
  test.each([
    { name: 'the manifest first', info: info([[NAME, 'alpine:3.20'], [DIGEST, D('a')]], [[DIGEST, D('b')]]),
      found: { name: 'alpine:3.20', digest: D('a'), where: 'the image manifest' } },
    { name: 'then the index entry', info: info([], [[NAME, 'debian:12'], [DIGEST, D('b')]], [[DIGEST, D('c')]]),
      found: { name: 'debian:12', digest: D('b'), where: 'the index entry' } },
    { name: 'then the index', info: info([], [], [[DIGEST, ` ${D('c')} `], [NAME, ' alpine ']]),
      found: { name: 'alpine', digest: D('c'), where: 'the index' } },
    { name: 'a name and digest from the same place only', info: info([[NAME, 'alpine:3.20']], [[DIGEST, D('b')]]),
      found: { name: undefined, digest: D('b'), where: 'the index entry' } },
    { name: 'a digest that is not one is passed over', info: info([[DIGEST, 'sha256:abc'], [NAME, 'x']], [], [[DIGEST, D('c')]]),
      found: { name: undefined, digest: D('c'), where: 'the index' } },
    { name: 'no digest anywhere: nothing', info: info([[NAME, 'alpine:3.20']]), found: undefined },
    { name: 'labels-like keys in other case do not count', info: info([[DIGEST.toUpperCase(), D('a')]]), found: undefined }
  ])('$name', ({ info, found }) => {
    expect(annotatedBase(info)).toEqual(found)
  })
})

// prettier-ignore
test.each([
  { name: 'the base layers start the image', image: ['a', 'b', 'c'], base: ['a', 'b'], expected: true },
  { name: 'the same layers', image: ['a', 'b'], base: ['a', 'b'], expected: true },
  { name: 'in another order', image: ['b', 'a', 'c'], base: ['a', 'b'], expected: false },
  { name: 'the base is longer', image: ['a'], base: ['a', 'b'], expected: false },
  { name: 'in the middle only', image: ['x', 'a', 'b'], base: ['a', 'b'], expected: false }
])('startsWith: $name', ({ image, base, expected }) => {
  expect(startsWith(image, base)).toBe(expected)
})

const check = (
  status: BaseCheck['status'],
  platform = 'linux/amd64'
): BaseCheck => ({
  platform,
  status,
  ref: 'docker.io/library/alpine:3.20',
  reason: 'because'
})

// prettier-ignore
test.each([
  { name: 'all current', checks: [check('current'), check('current')], status: 'current', needs: 'false' },
  { name: 'one outdated wins over unknown', checks: [check('current'), check('unknown'), check('outdated')], status: 'outdated', needs: 'true' },
  { name: 'one unknown, none outdated', checks: [check('current'), check('unknown')], status: 'unknown', needs: '' },
  { name: 'none at all', checks: [], status: 'unknown', needs: '' }
])('overallStatus and needsUpdate: $name', ({ checks, status, needs }) => {
  expect(overallStatus(checks)).toBe(status)
  expect(needsUpdate(overallStatus(checks))).toBe(needs)
})

// prettier-ignore
test.each([
  { check: check('current'), line: 'linux/amd64 is built on the current docker.io/library/alpine:3.20' },
  { check: check('outdated', 'linux/arm64'), line: 'linux/arm64 is built on an older docker.io/library/alpine:3.20: rebuild' },
  { check: check('unknown'), line: 'linux/amd64: base unknown (because)' },
  { check: { platform: 'linux/amd64', status: 'unknown' as const, reason: 'no base' }, line: 'linux/amd64: base unknown (no base)' }
])('verdict: $line', ({ check, line }) => {
  expect(verdict(check)).toBe(line)
})
