/**
 * Rule results and image changes → summary tables and a pull-request comment.
 * Everything user-controlled is escaped here.
 */
import type { ImageChanges, MapChanges } from '../compare/diff.js'
import type { RuleResult } from '../gate/rules.js'
import { cell, escapeHtml, type SummaryWriter } from './summary.js'

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
      `<code>${cell(r.rule)}</code>`,
      cell(r.actual) || '<em>(empty)</em>'
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
      `<code>${cell(what)}</code>`,
      cell(old) || '<em>(none)</em>',
      cell(now) || '<em>(none)</em>'
    ])
  ])
  summary.addRaw(
    `<p>${rows.length} changed, ${changes.unchanged} unchanged.</p>`,
    true
  )
}

/** Finds our own comment again on reruns. */
export const COMMENT_MARKER = '<!-- remote-image-inspect:changes -->'

/** Markdown for the PR comment (GitHub renders the escaped HTML inside). */
export function changesComment(
  changes: ImageChanges,
  before: string,
  after: string
): string {
  const rows = changeRows(changes)
  const lines = [
    COMMENT_MARKER,
    `### Image changes: \`${inlineCode(before)}\` → \`${inlineCode(after)}\``,
    ''
  ]
  if (rows.length === 0) {
    lines.push(`No changes (${changes.unchanged} compared).`)
  } else {
    lines.push('| What | Before | After |', '|---|---|---|')
    for (const [what, old, now] of rows.slice(0, 300)) {
      lines.push(`| ${mdCell(what)} | ${mdCell(old)} | ${mdCell(now)} |`)
    }
    if (rows.length > 300) {
      lines.push('', `…and ${rows.length - 300} more; see the step outputs.`)
    }
    lines.push('', `${rows.length} changed, ${changes.unchanged} unchanged.`)
  }
  return lines.join('\n')
}

function mdCell(text: string): string {
  return (cell(text) || '<em>(none)</em>').replace(/\|/g, '&#124;')
}

function inlineCode(text: string): string {
  return text.replace(/`/g, "'")
}
