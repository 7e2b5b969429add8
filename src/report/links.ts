/**
 * What a summary links to: the places an image says it comes from (OCI
 * `source`, `url`, `documentation`), and a commit on GitHub when the source
 * is a GitHub repository; escape.ts decides what may become a link.
 */
import type { ImageInfo } from '../image/model.js'
import { escapeHtml, htmlText } from './escape.js'

const OCI = 'org.opencontainers.image.'

/** The links and revision an image gives, annotations before labels. */
export function imageLinks(
  info: ImageInfo
): { name: string; key: string; value: string }[] {
  const found: { name: string; key: string; value: string }[] = []
  const names: [string, string][] = [
    ['Source', 'source'],
    ['URL', 'url'],
    ['Documentation', 'documentation'],
    ['Revision', 'revision']
  ]
  for (const [name, field] of names) {
    const key = OCI + field
    const value = firstValue(info, key)
    if (value !== undefined) found.push({ name, key, value })
  }
  return found
}

function firstValue(info: ImageInfo, key: string): string | undefined {
  for (const entries of [
    info.annotations,
    info.entryAnnotations,
    info.indexAnnotations,
    info.config.labels
  ]) {
    const hit = entries.find(([k]) => k === key)
    if (hit && hit[1].trim()) return hit[1].trim()
  }
  return undefined
}

const NAME = '[A-Za-z0-9_.-]{1,100}'
const GITHUB_HTTPS = new RegExp(
  `^(?:git\\+)?https://github\\.com/(${NAME})/(${NAME}?)(?:\\.git)?/?(?:#.*)?$`
)
const GITHUB_SSH = new RegExp(
  `^(?:ssh://)?git@github\\.com[:/](${NAME})/(${NAME}?)(?:\\.git)?/?$`
)

/** `https://github.com/OWNER/REPO` for a GitHub repository URL (https or ssh). */
export function githubRepository(source: string): string | undefined {
  const m = GITHUB_HTTPS.exec(source) ?? GITHUB_SSH.exec(source)
  if (!m) return undefined
  const [owner, repo] = [m[1], m[2].replace(/\.git$/, '')]
  if (!repo || owner.startsWith('.') || repo.startsWith('.')) return undefined
  return `https://github.com/${owner}/${repo}`
}

/** The commit's page, when the source is on GitHub and the revision is a commit id. */
export function commitUrl(
  source: string,
  revision: string
): string | undefined {
  const repository = githubRepository(source)
  if (!repository || !/^[0-9a-f]{7,64}$/i.test(revision)) return undefined
  return `${repository}/commit/${revision.toLowerCase()}`
}

/** The revision as a link to its commit on GitHub, else `otherwise` (HTML). */
export function revisionHtml(
  source: string,
  revision: string,
  otherwise: string
): string {
  const commit = commitUrl(source, revision)
  return commit
    ? `<a href="${escapeHtml(commit)}"><code>${htmlText(revision)}</code></a>`
    : otherwise
}
