/** Many images (or every platform of one) → one summary table. */
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
  addBudgetedTable(
    summary,
    ['Image', 'Digest', 'Platform', 'User', 'Created', 'Labels', 'Env'],
    rows.map(({ name, info, error }) =>
      info
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
    ),
    budget
  )
}
