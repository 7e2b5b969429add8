/** Image changes as rows (what, before, after), for the summary and the comment. */
import type { ImageChanges, MapChanges } from '../compare/diff.js'

/** What an absent value is shown as. */
export const NONE = '<em>(none)</em>'

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
