/** Many images (or every platform of one) → one summary table. */
import type { BatchResult } from '../batch.js'
import { formatPlatform } from '../registry/platform.js'
import { cell, escapeHtml, type SummaryWriter } from './summary.js'

/** A row: an image (by reference as written) or a platform of one image. */
export type BatchRow = BatchResult

export function writeBatchSummary(
  summary: SummaryWriter,
  title: string,
  rows: BatchRow[]
): void {
  const failed = rows.filter((r) => r.error).length
  summary.addHeading(
    escapeHtml(
      `${title}: ${rows.length - failed} inspected${failed ? `, ${failed} failed` : ''}`
    ),
    2
  )
  summary.addTable([
    ['Image', 'Digest', 'Platform', 'User', 'Created', 'Labels', 'Env'].map(
      (data) => ({ data, header: true })
    ),
    ...rows.map(({ name, info, error }) =>
      info
        ? [
            `<code>${cell(name)}</code>`,
            `<code>${cell(info.digest)}</code>`,
            cell(formatPlatform(info.platform)),
            info.config.user
              ? `<code>${cell(info.config.user)}</code>`
              : '<em>(root)</em>',
            cell(info.config.created) || '<em>(none)</em>',
            String(info.config.labels.length),
            String(info.config.env.length)
          ]
        : [
            `<code>${cell(name)}</code>`,
            `❌ ${cell(error ?? 'failed')}`,
            '',
            '',
            '',
            '',
            ''
          ].map((c) => c || '&nbsp;')
    )
  ])
}
