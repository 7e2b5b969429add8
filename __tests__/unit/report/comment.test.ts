/**
 * The pull-request comment's table, rendered as GitHub would: one row per
 * difference, values as code, and a value that is there but empty reads
 * differently from one that is not there at all.
 */
import { describe, expect, test } from '@jest/globals'
import type {
  FieldChange,
  ImageChanges,
  MapChanges
} from '../../../src/compare/diff.js'
import { changesComment } from '../../../src/report/comment.js'
import { renderMarkdown } from '../../support/render.js'

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

/** The table's rows below the header, rendered, each cell as its HTML. */
function shownRows(markdown: string): string[][] {
  return [...renderMarkdown(markdown).matchAll(/<tr>(.*?)<\/tr>/g)]
    .map(([, row]) => [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]))
    .filter((cells) => cells.length > 0)
}

const NONE = '<em>(none)</em>'
const EMPTY = '<em>(empty)</em>'
const code = (text: string): string => `<code>${text}</code>`

describe('changesComment: before and after as the reader sees them', () => {
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
    { name: 'an env entry emptied',                      changes: changesOf({ env: { changed: { MODE: { old: 'prod', new: '' } } } }), shown: [code('env MODE'), code('prod'), EMPTY] },
    { name: 'an empty label given a value',              changes: changesOf({ labels: { changed: { k: { old: '', new: 'v' } } } }),    shown: [code('label k'), EMPTY, code('v')] },
    { name: 'a label removed',                           changes: changesOf({ labels: { removed: { k: 'v' } } }),                      shown: [code('label k'), code('v'), NONE] },
    { name: 'a label added',                             changes: changesOf({ labels: { added: { k: 'v' } } }),                        shown: [code('label k'), NONE, code('v')] },
    { name: 'the user emptied',                          changes: changesOf({ fields: { user: { old: 'app', new: '' } } }),           shown: [code('user'), code('app'), EMPTY] }
  ]
  test.each(rows)('$name', ({ changes, shown }) => {
    const markdown = changesComment(changes, 'app:1', 'app:2')
    expect(shownRows(markdown)).toEqual([shown])
  })
})
