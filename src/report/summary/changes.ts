/** Image changes → a summary table. */
import type { ImageChanges } from '../../compare/diff.js'
import { changeCell, changeRows } from '../changes.js'
import { escapeHtml, htmlCell } from '../escape.js'
import { addBudgetedTable, type Budget, type SummaryWriter } from './writer.js'

export function writeChangesSummary(
  summary: SummaryWriter,
  changes: ImageChanges,
  before: string,
  after: string,
  budget: Budget
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
  addBudgetedTable(
    summary,
    ['What', 'Before', 'After'],
    rows.map(([what, old, now]) => [
      htmlCell(what, { code: true }),
      changeCell(old),
      changeCell(now)
    ]),
    budget
  )
  summary.addRaw(
    `<p>${rows.length} changed, ${changes.unchanged} unchanged.</p>`,
    true
  )
}
