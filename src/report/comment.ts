/** Image changes → the pull-request comment (markdown with one HTML table). */
import type { ImageChanges } from '../compare/diff.js'
import { changeCell, changeRows } from './changes.js'

/** Finds our own comment again on reruns. */
export const COMMENT_MARKER = '<!-- remote-image-inspect:changes -->'

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
  const value = (text: string | undefined): string =>
    changeCell(text, { code: true, max: MAX_COMMENT_VALUE_CHARS })
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
