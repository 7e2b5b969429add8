/**
 * The "Dockerfile" section: every image the file builds from (the one
 * under the last stage marked), then each stale digest pin with the line
 * to change. The file may come from a pull request: all of it is escaped.
 */
import type { LoadedDockerfile } from '../../dockerfile/load.js'
import { formatPlatform } from '../../image/platform.js'
import type { StalePin } from '../../jobs/dockerfile.js'
import { formatReference } from '../../registry/reference.js'
import { htmlCell } from '../escape.js'
import { addBudgetedTable, type Budget, type SummaryWriter } from './writer.js'

export function writeDockerfileSummary(
  summary: SummaryWriter,
  dockerfile: LoadedDockerfile,
  stale: StalePin[],
  budget: Budget
): void {
  summary.addHeading(
    `Dockerfile ${htmlCell(dockerfile.path, { code: true })}`,
    2
  )
  const code = (text: string): string =>
    htmlCell(text, { code: true, empty: '&nbsp;' })
  addBudgetedTable(
    summary,
    ['Line', 'Stage', 'Image', 'Platform'],
    dockerfile.images.map((image) => [
      String(image.line),
      code(image.stage) + (image === dockerfile.final ? ' (final base)' : ''),
      code(formatReference(image.reference)),
      image.platform ? code(formatPlatform(image.platform)) : '&nbsp;'
    ]),
    budget
  )
  if (!dockerfile.final) {
    summary.addRaw('<p>The last stage builds FROM scratch.</p>', true)
  }
  if (stale.length === 0) return
  summary.addRaw(
    `<p>⚠️ ${stale.length} digest pin${stale.length === 1 ? ' is' : 's are'} stale: the tag points elsewhere now.</p>`,
    true
  )
  addBudgetedTable(
    summary,
    ['Line', 'Image', 'Pinned', 'Tag now points to'],
    stale.map((pin) => [
      String(pin.line),
      code(pin.ref),
      code(pin.pinned),
      code(pin.current)
    ]),
    budget
  )
}
