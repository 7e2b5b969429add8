/**
 * A job's summary sections → the job summary. Every renderer escapes what
 * it shows through escape.ts (summary table cells are raw HTML).
 */
import type { SummarySection } from '../../jobs/result.js'
import { escapeHtml } from '../escape.js'
import { writeBaseSummary } from './base.js'
import { writeChangesSummary } from './changes.js'
import { writeDockerfileSummary } from './dockerfile.js'
import { writeImageSummary } from './image.js'
import { writeRowsSummary } from './rows.js'
import { writeRulesSummary } from './rules.js'
import { writeTagsSummary } from './tags.js'
import {
  SUMMARY_BUDGET_BYTES,
  type Budget,
  type SummaryWriter
} from './writer.js'

export type { SummaryWriter } from './writer.js'

export function writeSections(
  summary: SummaryWriter,
  sections: SummarySection[]
): void {
  const budget: Budget = { bytes: SUMMARY_BUDGET_BYTES }
  for (const section of sections) {
    switch (section.kind) {
      case 'image':
        writeImageSummary(summary, section.info, budget)
        break
      case 'rows':
        writeRowsSummary(summary, section.title, section.rows, budget)
        break
      case 'rules':
        writeRulesSummary(summary, section.results, budget)
        break
      case 'changes':
        writeChangesSummary(
          summary,
          section.changes,
          section.before,
          section.after,
          budget
        )
        break
      case 'base':
        writeBaseSummary(summary, section.checks, section.provenance, budget)
        break
      case 'dockerfile':
        writeDockerfileSummary(
          summary,
          section.dockerfile,
          section.stale,
          budget
        )
        break
      case 'tags':
        writeTagsSummary(summary, section, budget)
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
