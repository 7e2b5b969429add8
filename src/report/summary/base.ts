/**
 * The "Base image" section: a one-line verdict, each platform's answer
 * (status, method, what it was built from, the base's digest now, why),
 * and where the image came from by its provenance.
 */
import {
  overallStatus,
  verdict,
  type BaseCheck,
  type BaseStatus
} from '../../image/base.js'
import type { Provenance } from '../../image/provenance.js'
import { htmlCell, htmlLink, htmlText } from '../escape.js'
import { githubRepository, revisionHtml } from '../links.js'
import { addBudgetedTable, type Budget, type SummaryWriter } from './writer.js'

/** Builds list dozens of materials; the rest are in the `provenance` output. */
const MAX_MATERIAL_ROWS = 50

const ICON: Record<BaseStatus, string> = {
  current: '✅',
  outdated: '⚠️',
  unknown: '❔'
}

export function writeBaseSummary(
  summary: SummaryWriter,
  checks: BaseCheck[],
  provenance: Provenance | undefined,
  budget: Budget
): void {
  summary.addHeading('Base image', 2)
  if (checks.length > 0) writeChecks(summary, checks, budget)
  if (provenance) writeProvenance(summary, provenance, budget)
}

function writeChecks(
  summary: SummaryWriter,
  checks: BaseCheck[],
  budget: Budget
): void {
  const status = overallStatus(checks)
  const lines =
    status === 'current'
      ? checks.length > 1
        ? [`Every platform is built on the current ${checks[0].ref ?? 'base'}`]
        : [verdict(checks[0])]
      : checks.filter((c) => c.status !== 'current').map(verdict)
  summary.addRaw(
    `<p>${ICON[status]} ${lines.map((l) => htmlText(l)).join('<br>')}</p>`,
    true
  )
  const code = (text?: string): string =>
    htmlCell(text ?? '', { code: true, empty: '&nbsp;' })
  addBudgetedTable(
    summary,
    ['Platform', 'Status', 'Method', 'Base', 'Built from', 'Base now', 'Why'],
    checks.map((c) => [
      code(c.platform),
      `${ICON[c.status]} ${c.status}`,
      c.method ?? '&nbsp;',
      code(c.ref),
      code(c.builtFrom),
      code(c.digest),
      htmlCell(c.reason, { empty: '&nbsp;' })
    ]),
    budget
  )
}

function writeProvenance(
  summary: SummaryWriter,
  p: Provenance,
  budget: Budget
): void {
  summary.addHeading('Provenance', 3)
  const repository = githubRepository(p.source)
  const cell = (text: string): string =>
    htmlCell(text, { code: true, empty: '<em>(none)</em>' })
  addBudgetedTable(
    summary,
    ['Field', 'Value'],
    [
      ['Predicate type', cell(p.predicateType)],
      ['Builder', cell(p.builder)],
      ['Source', repository ? htmlLink(repository) : cell(p.source)],
      ['Revision', revisionHtml(p.source, p.revision, cell(p.revision))],
      ['Materials', String(p.materials.length)]
    ],
    budget
  )
  if (p.materials.length === 0) return
  addBudgetedTable(
    summary,
    ['Material', 'Digest'],
    p.materials.map((m) => [cell(m.uri), cell(m.digest)]),
    budget,
    MAX_MATERIAL_ROWS
  )
}
