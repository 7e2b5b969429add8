/**
 * A job's summary sections → the job summary. Every renderer escapes what
 * it shows through escape.ts (summary table cells are raw HTML).
 */
import type { SummarySection } from '../../jobs/result.js'
import { escapeHtml } from '../escape.js'
import { writeChangesSummary } from './changes.js'
import { writeImageSummary } from './image.js'
import { writeRowsSummary } from './rows.js'
import { writeRulesSummary } from './rules.js'
import type { SummaryWriter } from './writer.js'

export type { SummaryWriter } from './writer.js'

export function writeSections(
  summary: SummaryWriter,
  sections: SummarySection[]
): void {
  for (const section of sections) {
    switch (section.kind) {
      case 'image':
        writeImageSummary(summary, section.info)
        break
      case 'rows':
        writeRowsSummary(summary, section.title, section.rows)
        break
      case 'rules':
        writeRulesSummary(summary, section.results)
        break
      case 'changes':
        writeChangesSummary(
          summary,
          section.changes,
          section.before,
          section.after
        )
        break
      case 'unchanged':
        summary.addRaw(
          `<p><code>${escapeHtml(section.ref)}</code> is unchanged: <code>${escapeHtml(section.digest)}</code></p>`,
          true
        )
        break
    }
  }
}
