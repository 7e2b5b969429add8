/** The parts of core.summary the renderers use; tests pass the real one or a fake. */
export interface SummaryWriter {
  addHeading(text: string, level?: number | string): SummaryWriter
  addRaw(text: string, addEOL?: boolean): SummaryWriter
  addTable(rows: SummaryTableRow[]): SummaryWriter
  addCodeBlock(code: string, lang?: string): SummaryWriter
}

export type SummaryTableRow = (string | { data: string; header?: boolean })[]

/**
 * Room left in the summary, in bytes. GitHub drops a step summary over
 * 1 MiB whole, so every table stops short of that and says so.
 */
export interface Budget {
  bytes: number
}

export const SUMMARY_BUDGET_BYTES = 900 * 1024

/** What a note says for rows left out of a table. */
export const NOT_SHOWN = (left: number): string =>
  `<p><em>${left} more not shown; the full data is in the step outputs.</em></p>`

/**
 * A table of as many rows as fit: at most `maxRows`, and only while the
 * budget lasts; a note counts the rest.
 */
export function addBudgetedTable(
  summary: SummaryWriter,
  header: string[],
  rows: string[][],
  budget: Budget,
  maxRows = Infinity
): void {
  const kept: string[][] = []
  for (const row of rows) {
    // Each cell is wrapped in <td></td>, each row in <tr></tr>.
    const size = row.reduce((n, c) => n + Buffer.byteLength(c) + 9, 9)
    if (kept.length >= maxRows || size > budget.bytes) break
    budget.bytes -= size
    kept.push(row)
  }
  summary.addTable([header.map((data) => ({ data, header: true })), ...kept])
  if (kept.length < rows.length) {
    summary.addRaw(NOT_SHOWN(rows.length - kept.length), true)
  }
}
