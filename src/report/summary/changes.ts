/** Image changes → a summary table. */
import type { ImageChanges } from '../../compare/diff.js'
import { NONE, changeRows } from '../changes.js'
import { escapeHtml, htmlCell } from '../escape.js'
import type { SummaryWriter } from './writer.js'

export function writeChangesSummary(
  summary: SummaryWriter,
  changes: ImageChanges,
  before: string,
  after: string
): void {
  const rows = changeRows(changes)
  summary.addHeading(escapeHtml(`Changes from ${before} to ${after}`), 3)
  if (rows.length === 0) {
    summary.addRaw(
      `<p>No changes (${changes.unchanged} fields, labels and env entries compared).</p>`,
      true
    )
    return
  }
  summary.addTable([
    [
      { data: 'What', header: true },
      { data: 'Before', header: true },
      { data: 'After', header: true }
    ],
    ...rows.map(([what, old, now]) => [
      htmlCell(what, { code: true }),
      htmlCell(old, { empty: NONE }),
      htmlCell(now, { empty: NONE })
    ])
  ])
  summary.addRaw(
    `<p>${rows.length} changed, ${changes.unchanged} unchanged.</p>`,
    true
  )
}
