/**
 * The "Changes from … to …" section with the real core.summary, rendered as
 * GitHub would: one row per difference, and a value that is there but
 * empty reads differently from one that is not there at all.
 */
import { beforeEach, describe, expect, test } from '@jest/globals'
import * as core from '@actions/core'
import type {
  FieldChange,
  ImageChanges,
  MapChanges
} from '../../../../src/compare/diff.js'
import { writeChangesSummary } from '../../../../src/report/summary/changes.js'
import { renderMarkdown } from '../../../support/render.js'

const noChanges = (): MapChanges => ({ added: {}, removed: {}, changed: {} })

function changesOf(parts: {
  labels?: Partial<MapChanges>
  env?: Partial<MapChanges>
  fields?: Record<string, FieldChange>
}): ImageChanges {
  return {
    labels: { ...noChanges(), ...parts.labels },
    env: { ...noChanges(), ...parts.env },
    fields: parts.fields ?? {},
    unchanged: 3,
    changed: true
  }
}

function render(changes: ImageChanges): string {
  writeChangesSummary(core.summary, changes, 'app:1', 'app:2', {
    bytes: 1024 * 1024
  })
  return core.summary.stringify()
}

/** The table's rows below the header, rendered, each cell as its HTML. */
function shownRows(markdown: string): string[][] {
  return [...renderMarkdown(markdown).matchAll(/<tr>(.*?)<\/tr>/g)]
    .map(([, row]) => [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]))
    .filter((cells) => cells.length > 0)
}

const NONE = '<em>(none)</em>'
const EMPTY = '<em>(empty)</em>'
const code = (text: string): string => `<code>${text}</code>`

beforeEach(() => {
  core.summary.emptyBuffer()
})

describe('writeChangesSummary: before and after as the reader sees them', () => {
  interface Row {
    name: string
    changes: ImageChanges
    /** The one row's cells: what, before, after. */
    shown: [string, string, string]
  }
  // prettier-ignore
  const rows: Row[] = [
    { name: 'an env entry with an empty value, removed', changes: changesOf({ env: { removed: { EMPTY: '' } } }),                        shown: [code('env EMPTY'), EMPTY, NONE] },
    { name: 'an env entry with an empty value, added',   changes: changesOf({ env: { added: { EMPTY: '' } } }),                          shown: [code('env EMPTY'), NONE, EMPTY] },
    { name: 'an env entry emptied',                      changes: changesOf({ env: { changed: { MODE: { old: 'prod', new: '' } } } }), shown: [code('env MODE'), 'prod', EMPTY] },
    { name: 'an empty label given a value',              changes: changesOf({ labels: { changed: { k: { old: '', new: 'v' } } } }),    shown: [code('label k'), EMPTY, 'v'] },
    { name: 'a label removed',                           changes: changesOf({ labels: { removed: { k: 'v' } } }),                      shown: [code('label k'), 'v', NONE] },
    { name: 'a label added',                             changes: changesOf({ labels: { added: { k: 'v' } } }),                        shown: [code('label k'), NONE, 'v'] },
    { name: 'the user emptied',                          changes: changesOf({ fields: { user: { old: 'app', new: '' } } }),           shown: [code('user'), 'app', EMPTY] }
  ]
  test.each(rows)('$name', ({ changes, shown }) => {
    expect(shownRows(render(changes))).toEqual([shown])
  })
})
