/** What a summary links to: GitHub repositories and commits from an image's source and revision. */
import { describe, expect, test } from '@jest/globals'
import type { ImageInfo } from '../../../src/image/model.js'
import {
  commitUrl,
  githubRepository,
  imageLinks
} from '../../../src/report/links.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'

describe('githubRepository', () => {
  // prettier-ignore
  test.each([
    { source: 'https://github.com/acme/app', expected: 'https://github.com/acme/app' },
    { source: 'https://github.com/acme/app.git', expected: 'https://github.com/acme/app' },
    { source: 'https://github.com/acme/app/', expected: 'https://github.com/acme/app' },
    { source: 'https://github.com/acme/app.git#refs/heads/main', expected: 'https://github.com/acme/app' },
    { source: 'git+https://github.com/acme/my.app.git', expected: 'https://github.com/acme/my.app' },
    { source: 'git@github.com:acme/app.git', expected: 'https://github.com/acme/app' },
    { source: 'ssh://git@github.com/acme/app', expected: 'https://github.com/acme/app' },
    { source: 'https://github.com/acme/app/tree/main', expected: undefined },
    { source: 'https://github.com/acme', expected: undefined },
    { source: 'https://github.com.evil.test/acme/app', expected: undefined },
    { source: 'https://evil.test/github.com/acme/app', expected: undefined },
    { source: 'http://github.com/acme/app', expected: undefined },
    { source: 'https://github.com/../app', expected: undefined },
    { source: 'https://github.com/acme/app"><b>', expected: undefined },
    { source: '', expected: undefined }
  ])('$source', ({ source, expected }) => {
    expect(githubRepository(source)).toBe(expected)
  })
})

describe('commitUrl', () => {
  // prettier-ignore
  test.each([
    { name: 'a full commit id', source: 'https://github.com/acme/app', revision: SHA, expected: `https://github.com/acme/app/commit/${SHA}` },
    { name: 'a short one, upper case', source: 'git@github.com:acme/app.git', revision: 'ABCDEF1', expected: 'https://github.com/acme/app/commit/abcdef1' },
    { name: 'a branch name is no commit', source: 'https://github.com/acme/app', revision: 'main', expected: undefined },
    { name: 'a path in the revision', source: 'https://github.com/acme/app', revision: `${SHA}/../x`, expected: undefined },
    { name: 'not on GitHub', source: 'https://gitlab.com/acme/app', revision: SHA, expected: undefined }
  ])('$name', ({ source, revision, expected }) => {
    expect(commitUrl(source, revision)).toBe(expected)
  })
})

describe('imageLinks', () => {
  const info = (
    parts: Partial<
      Record<
        'annotations' | 'entryAnnotations' | 'indexAnnotations' | 'labels',
        [string, string][]
      >
    >
  ): ImageInfo =>
    ({
      annotations: parts.annotations ?? [],
      entryAnnotations: parts.entryAnnotations ?? [],
      indexAnnotations: parts.indexAnnotations ?? [],
      config: { labels: parts.labels ?? [] }
    }) as unknown as ImageInfo
  const OCI = 'org.opencontainers.image.'

  test('annotations before labels, in a fixed order; blank values left out', () => {
    const found = imageLinks(
      info({
        labels: [
          [`${OCI}source`, 'https://label.test'],
          [`${OCI}revision`, SHA],
          [`${OCI}documentation`, 'https://docs.test']
        ],
        indexAnnotations: [
          [`${OCI}source`, 'https://index.test'],
          [`${OCI}url`, '  ']
        ],
        annotations: [[`${OCI}url`, 'https://manifest.test']]
      })
    )
    expect(found).toEqual([
      { name: 'Source', key: `${OCI}source`, value: 'https://index.test' },
      { name: 'URL', key: `${OCI}url`, value: 'https://manifest.test' },
      {
        name: 'Documentation',
        key: `${OCI}documentation`,
        value: 'https://docs.test'
      },
      { name: 'Revision', key: `${OCI}revision`, value: SHA }
    ])
  })

  test('none given: none shown', () => {
    expect(imageLinks(info({ labels: [['vendor', 'acme']] }))).toEqual([])
  })
})
