/**
 * One image → job summary content. Every value shown goes through
 * escape.ts (summary table cells are raw HTML), and long content is cut so
 * the summary stays far below GitHub's 1 MiB limit.
 */
import type { ImageInfo } from '../../image/model.js'
import { formatPlatform } from '../../image/platform.js'
import { repositoryName } from '../../registry/reference.js'
import { formatWindow } from '../../text/duration.js'
import { escapeHtml, htmlCell, htmlLink, htmlText } from '../escape.js'
import { imageLinks, revisionHtml } from '../links.js'
import {
  SUMMARY_BUDGET_BYTES,
  addBudgetedTable,
  type Budget,
  type SummaryWriter
} from './writer.js'

export const MAX_TABLE_ROWS = 200
/** Total budget for the labels and env tables together. */
export const MAX_TABLE_CHARS = 256 * 1024

/** Shown for empty values; an empty cell would also be invalid HTML from core. */
const EMPTY = '<em>(empty)</em>'

function code(text: string): string {
  return htmlCell(text, { code: true })
}

export function pinnedReference(info: ImageInfo): string {
  return `${repositoryName(info.reference)}@${info.digest}`
}

export function writeImageSummary(
  summary: SummaryWriter,
  info: ImageInfo,
  budget: Budget = { bytes: SUMMARY_BUDGET_BYTES }
): void {
  const c = info.config
  summary.addHeading(escapeHtml(info.ref), 2)
  summary.addRaw('<p>Pinned by digest:</p>', true)
  summary.addCodeBlock(escapeHtml(pinnedReference(info)))
  summary.addRaw('<p>Pull this platform:</p>', true)
  summary.addCodeBlock(escapeHtml(pullCommand(info)), 'sh')
  const json = (v: unknown): string => code(JSON.stringify(v))
  const rows: [string, string][] = [
    ['Digest', code(info.digest)],
    ['Media type', code(info.mediaType)],
    ['Platform', code(formatPlatform(info.platform))],
    ['Platforms', htmlText(info.platforms.map(formatPlatform).join(', '))],
    ['Image digest', code(info.imageDigest)],
    ['Config digest', code(info.configDigest)],
    ['Created', htmlText(c.created)],
    ['Author', htmlText(c.author)],
    ['User', code(c.user)],
    ['Working dir', code(c.workdir)],
    ['Entrypoint', c.entrypoint ? json(c.entrypoint) : ''],
    ['Cmd', c.cmd ? json(c.cmd) : ''],
    ['Exposed ports', htmlText(c.exposedPorts.join(', '))],
    ['Volumes', htmlText(c.volumes.join(', '))],
    ['Stop signal', htmlText(c.stopSignal)],
    ['Layers', `${info.layers} (${formatBytes(info.size)} compressed)`],
    ...linkRows(info)
  ]
  if (info.rateLimit) {
    const { limit, remaining, windowSeconds } = info.rateLimit
    const window = windowSeconds ? ` per ${formatWindow(windowSeconds)}` : ''
    rows.push(['Rate limit', `${remaining} of ${limit} pulls left${window}`])
  }
  summary.addTable([
    [
      { data: 'Field', header: true },
      { data: 'Value', header: true }
    ],
    ...rows.map(([name, value]) => [name, value || EMPTY])
  ])
  // Labels and env share a part of the summary's room.
  const part = { bytes: Math.min(MAX_TABLE_CHARS, budget.bytes) }
  const before = part.bytes
  keyValueTable(summary, `Labels (${c.labels.length})`, c.labels, part)
  keyValueTable(summary, `Environment (${c.env.length})`, c.env, part)
  budget.bytes -= before - part.bytes
}

/** `docker pull` for the platform shown, pinned to the digest read. */
export function pullCommand(info: ImageInfo): string {
  return `docker pull --platform ${formatPlatform(info.platform)} ${pinnedReference(info)}`
}

/**
 * Where the image says it comes from (annotations, else labels): https
 * links, and the revision as a commit link when the source is on GitHub.
 */
function linkRows(info: ImageInfo): [string, string][] {
  const links = imageLinks(info)
  const source = links.find((l) => l.name === 'Source')?.value ?? ''
  return links.map(({ name, value }) => {
    if (name !== 'Revision') return [name, htmlLink(value)]
    return [name, revisionHtml(source, value, code(value))]
  })
}

function keyValueTable(
  summary: SummaryWriter,
  title: string,
  entries: [string, string][],
  budget: Budget
): void {
  summary.addHeading(escapeHtml(title), 3)
  if (entries.length === 0) {
    summary.addRaw('<p><em>none</em></p>', true)
    return
  }
  addBudgetedTable(
    summary,
    ['Key', 'Value'],
    entries.map(([key, value]) => [
      code(key) || EMPTY,
      htmlText(value) || EMPTY
    ]),
    budget,
    MAX_TABLE_ROWS
  )
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}
