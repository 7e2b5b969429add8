/** Image changes as rows (what, before, after), for the summary and the comment. */
import type { ImageChanges, MapChanges } from '../compare/diff.js'
import { htmlCell } from './escape.js'

/** What an absent value is shown as. */
export const NONE = '<em>(none)</em>'
/** What an empty value is shown as: there, but empty (as the inspect tables say). */
export const EMPTY = '<em>(empty)</em>'

/** One difference: [what, old, new]; values plain text, undefined when absent. */
export type ChangeRow = [string, string | undefined, string | undefined]

/** One row per difference. */
export function changeRows(changes: ImageChanges): ChangeRow[] {
  const rows: ChangeRow[] = []
  const map = (kind: string, m: MapChanges): void => {
    for (const [k, v] of Object.entries(m.added))
      rows.push([`${kind} ${k}`, undefined, v])
    for (const [k, v] of Object.entries(m.removed))
      rows.push([`${kind} ${k}`, v, undefined])
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

/**
 * A before or after value as a table cell: absent (the entry was added or
 * removed) reads differently from there but empty (`EMPTY=`).
 */
export function changeCell(
  value: string | undefined,
  options: { code?: boolean; max?: number } = {}
): string {
  return value === undefined
    ? NONE
    : htmlCell(value, { ...options, empty: EMPTY })
}

function show(value: unknown): string | undefined {
  return typeof value === 'string' ? value : JSON.stringify(value)
}
