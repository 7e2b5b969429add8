/**
 * `tag: semver:<range>` and `list-tags`: a repository's tags narrowed by the
 * user's query, and the tag to inspect. Loaded only when asked for (semver
 * and the Link parser live in their own bundle chunks).
 */
import { UserError } from '../errors.js'
import type { Connection } from '../registry/connect.js'
import { repositoryName, type ImageReference } from '../registry/reference.js'
import { explained } from '../report/explain.js'
import { chooseTags, type TagQuery } from '../tags/select.js'
import type { LogLine, SummarySection } from './result.js'

export { isVersion, validRange } from '../tags/select.js'

export interface TrackedTags {
  /** `tags`, `latest-tag`, `newer-tags` and `update-type`. */
  outputs: [string, string][]
  section: SummarySection
  /** What was listed and chosen, for the log. */
  log: LogLine[]
  /** The reference to inspect: with a range, at the newest tag in it. */
  reference: ImageReference
}

/**
 * Lists the tags and chooses: with a range, the tag to inspect; with a tag
 * in use, the tags of its kind and which of them are newer.
 */
export async function trackTags(
  reference: ImageReference,
  query: TagQuery,
  { client, credentials, source }: Connection
): Promise<TrackedTags> {
  const context = { reference, credentials, credentialSource: source }
  const { tags: all, ignored } = await explained(context, () =>
    client.listTags(reference.path)
  )
  const current = query.range ? undefined : reference.tag
  const chosen = chooseTags(all, { ...query, current })
  const name = repositoryName(reference)
  const group = 'Tags'
  const lines: LogLine[] = [
    {
      level: 'info',
      message: `${name}: ${all.length} tags, ${chosen.candidates.length} candidates${chosen.latest ? `, newest ${chosen.latest}` : ''}${chosen.newer.length ? `; ${chosen.newer.length} newer than ${current} (${chosen.updateType})` : ''}`,
      group
    }
  ]
  if (ignored > 0) {
    lines.push({
      level: 'warning',
      message: `${name}: the registry listed ${ignored} entries that are not valid tag names; they were left out.`,
      group
    })
  }
  const outputs: [string, string][] = [
    ['tags', JSON.stringify(chosen.candidates)],
    ['latest-tag', chosen.latest ?? ''],
    ['newer-tags', JSON.stringify(chosen.newer)],
    ['update-type', chosen.updateType ?? '']
  ]
  const section: SummarySection = {
    kind: 'tags',
    repository: name,
    current,
    sort: query.sort,
    listed: all.length,
    choice: chosen
  }
  if (!query.range) return { outputs, section, log: lines, reference }
  if (!chosen.latest) {
    const { range, ...unranged } = query
    const any = chooseTags(all, unranged).candidates.at(-1)
    throw new UserError(
      `No tag of ${name} satisfies semver:${range}${query.pattern ? ' and the tag-pattern' : ''} (${all.length} tags listed${any ? `; newest matching any version: ${any}` : ''}).`
    )
  }
  return {
    outputs,
    section,
    log: lines,
    reference: { ...reference, tag: chosen.latest }
  }
}
