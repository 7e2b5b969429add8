/** Rule results → a summary table. */
import type { RuleResult } from '../../gate/rules.js'
import { escapeHtml, htmlCell } from '../escape.js'
import { addBudgetedTable, type Budget, type SummaryWriter } from './writer.js'

export function writeRulesSummary(
  summary: SummaryWriter,
  results: RuleResult[],
  budget: Budget
): void {
  const failed = results.filter((r) => !r.passed).length
  summary.addHeading(
    escapeHtml(
      `Assertions: ${results.length - failed} passed, ${failed} failed`
    ),
    3
  )
  addBudgetedTable(
    summary,
    ['Result', 'Rule', 'Actual'],
    results.map((r) => [
      r.passed ? '✅ pass' : '❌ fail',
      htmlCell(r.rule, { code: true }),
      htmlCell(r.actual, { empty: '<em>(empty)</em>' })
    ]),
    budget
  )
}
