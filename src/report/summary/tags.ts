/**
 * The "Tags" section: what was listed, the tag in use, and what is newer
 * (for tag-sort docker: of the same kind). Tags come from the registry:
 * grammar-checked when listed, escaped here all the same.
 */
import type { TagChoice, TagSort } from '../../tags/select.js'
import { htmlCell } from '../escape.js'
import { addBudgetedTable, type Budget, type SummaryWriter } from './writer.js'

/** A tag list can be long; the outputs hold all of it. */
const MAX_NEWER_ROWS = 50

export function writeTagsSummary(
  summary: SummaryWriter,
  section: {
    repository: string
    current?: string
    sort: TagSort
    listed: number
    choice: TagChoice
  },
  budget: Budget
): void {
  const { repository, current, sort, listed, choice } = section
  const code = (text: string): string => htmlCell(text, { code: true })
  summary.addHeading('Tags', 2)
  const compared = choice.comparedWith !== undefined
  const kind = sort === 'docker' && compared ? ' of the same kind' : ''
  const facts = [
    `${code(repository)}: ${listed} tags listed, ${choice.candidates.length} candidates (${sort} order${kind}).`
  ]
  if (current !== undefined) {
    facts.push(
      compared
        ? `In use: ${code(current)}.`
        : `In use: ${code(current)}, not a ${sort} version: nothing is compared with it.`
    )
  }
  if (choice.newer.length > 0) {
    facts.push(
      `⬆️ ${choice.newer.length} newer${kind}${choice.updateType ? ` (largest update: ${choice.updateType})` : ''}; the newest is ${code(choice.latest!)}.`
    )
  } else if (compared) {
    facts.push(`✅ No newer tag${kind}.`)
  } else if (choice.latest !== undefined) {
    facts.push(`The newest is ${code(choice.latest)}.`)
  }
  summary.addRaw(`<p>${facts.join(' ')}</p>`, true)
  if (choice.newer.length === 0) return
  addBudgetedTable(
    summary,
    ['Newer tag'],
    [...choice.newer].reverse().map((tag) => [code(tag)]),
    budget,
    MAX_NEWER_ROWS
  )
}
