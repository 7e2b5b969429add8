/** Many images (or every platform of one) → one summary table. */
import type { BaseCheck } from '../../image/base.js'
import { formatPlatform } from '../../image/platform.js'
import type { Row } from '../../jobs/result.js'
import { escapeHtml, htmlCell, htmlText } from '../escape.js'
import { addBudgetedTable, type Budget, type SummaryWriter } from './writer.js'

/** A row per image (by reference as written) or per platform of one image. */
export function writeRowsSummary(
  summary: SummaryWriter,
  title: string,
  rows: Row[],
  budget: Budget
): void {
  const failed = rows.filter((r) => r.error).length
  summary.addHeading(
    escapeHtml(
      `${title}: ${rows.length - failed} inspected${failed ? `, ${failed} failed` : ''}`
    ),
    2
  )
  const withBase = rows.some((r) => r.base)
  const header = [
    'Image',
    'Digest',
    'Platform',
    'User',
    'Created',
    'Labels',
    'Env'
  ]
  addBudgetedTable(
    summary,
    withBase ? [...header, 'Base'] : header,
    rows.map(({ name, info, error, base }) => {
      const cells = info
        ? [
            htmlCell(name, { code: true }),
            htmlCell(info.digest, { code: true }),
            htmlText(formatPlatform(info.platform)),
            htmlCell(info.config.user, {
              code: true,
              empty: '<em>(root)</em>'
            }),
            htmlCell(info.config.created, { empty: '<em>(none)</em>' }),
            String(info.config.labels.length),
            String(info.config.env.length)
          ]
        : [
            htmlCell(name, { code: true }),
            `❌ ${htmlText(error ?? 'failed')}`,
            '',
            '',
            '',
            '',
            ''
          ].map((c) => c || '&nbsp;')
      if (!withBase) return cells
      return [...cells, base ? baseCell(base) : '&nbsp;']
    }),
    budget
  )
}

/** A row's base check: its status, and why when that is not known. */
function baseCell(base: BaseCheck): string {
  const status = escapeHtml(base.status)
  return base.status === 'unknown'
    ? `${status}: ${htmlText(base.reason)}`
    : `${status} (${escapeHtml(base.method ?? '')})`
}
