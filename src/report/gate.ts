/**
 * Rule results and image changes → summary tables and a pull-request comment.
 * Every value shown goes through escape.ts.
 */
import type { ImageChanges, MapChanges } from '../compare/diff.js'
import type { RuleResult } from '../gate/rules.js'
import { escapeHtml, htmlCell } from './escape.js'
import type { SummaryWriter } from './summary.js'

export function writeRulesSummary(
  summary: SummaryWriter,
  results: RuleResult[]
): void {
  const failed = results.filter((r) => !r.passed).length
  summary.addHeading(
    escapeHtml(
      `Assertions: ${results.length - failed} passed, ${failed} failed`
    ),
    3
  )
  summary.addTable([
    [
      { data: 'Result', header: true },
      { data: 'Rule', header: true },
      { data: 'Actual', header: true }
    ],
    ...results.map((r) => [
      r.passed ? '✅ pass' : '❌ fail',
      htmlCell(r.rule, { code: true }),
      htmlCell(r.actual, { empty: '<em>(empty)</em>' })
    ])
  ])
}

/** One row per difference: [what, old, new]; values already plain text. */
export function changeRows(changes: ImageChanges): [string, string, string][] {
  const rows: [string, string, string][] = []
  const map = (kind: string, m: MapChanges): void => {
    for (const [k, v] of Object.entries(m.added))
      rows.push([`${kind} ${k}`, '', v])
    for (const [k, v] of Object.entries(m.removed))
      rows.push([`${kind} ${k}`, v, ''])
    for (const [k, v] of Object.entries(m.changed))
      rows.push([`${kind} ${k}`, v.old, v.new])
  }
  map('label', changes.labels)
  map('env', changes.env)
  for (const [name, { old, new: now }] of Object.entries(changes.fields)) {
    rows.push([name, show(old), show(now)])
  }
  return rows
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

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

/** Finds our own comment again on reruns. */
export const COMMENT_MARKER = '<!-- remote-image-inspect:changes -->'

const NONE = '<em>(none)</em>'
/** GitHub refuses comments over 65,536 characters; stay well below. */
export const MAX_COMMENT_CHARS = 60_000
/** A value in the comment is cut after this many characters. */
export const MAX_COMMENT_VALUE_CHARS = 300

/**
 * Markdown for the PR comment. The changes are one HTML table, one row per
 * line and no blank line inside: markdown never parses an HTML block, and
 * every value sits in `<code>`, where GitHub makes no mention, reference or
 * link. So what a publisher writes into a label stays text.
 */
export function changesComment(
  changes: ImageChanges,
  before: string,
  after: string
): string {
  const rows = changeRows(changes)
  const lines = [
    COMMENT_MARKER,
    `### Image changes: \`${before}\` → \`${after}\``,
    ''
  ]
  if (rows.length === 0) {
    lines.push(`No changes (${changes.unchanged} compared).`)
    return lines.join('\n')
  }
  const value = (text: string): string =>
    htmlCell(text, { code: true, empty: NONE, max: MAX_COMMENT_VALUE_CHARS })
  lines.push('<table>', '<tr><th>What</th><th>Before</th><th>After</th></tr>')
  const tail = [
    '</table>',
    '',
    `${rows.length} changed, ${changes.unchanged} unchanged.`
  ]
  // Room for the closing lines and the note on rows left out.
  let budget =
    MAX_COMMENT_CHARS - lines.join('\n').length - tail.join('\n').length - 200
  let shown = 0
  for (const [what, old, now] of rows) {
    const row = `<tr><td>${value(what)}</td><td>${value(old)}</td><td>${value(now)}</td></tr>`
    if (row.length + 1 > budget) break
    budget -= row.length + 1
    lines.push(row)
    shown++
  }
  lines.push(...tail)
  if (shown < rows.length) {
    lines.push(
      '',
      `${rows.length - shown} more not shown here; the step's \`changes\` output has them all.`
    )
  }
  return lines.join('\n')
}
