/**
 * `tag: semver:<range>` and `list-tags`: a repository's tags narrowed by the
 * user's query, and the tag to inspect. Loaded only when asked for (semver
 * and the Link parser live in their own bundle chunks).
 */
import { UserError } from '../errors.js'
import type { Connection } from '../registry/connect.js'
import { repositoryName, type ImageReference } from '../registry/reference.js'
import { explained } from '../report/explain.js'
import { selectTags, type TagQuery } from '../tags/select.js'
import type { Logger } from './result.js'

export { validRange } from '../tags/select.js'

export interface TrackedTags {
  /** `tags` and `latest-tag`. */
  outputs: [string, string][]
  /** The reference to inspect: with a range, at the newest tag in it. */
  reference: ImageReference
}

export async function trackTags(
  reference: ImageReference,
  query: TagQuery,
  { client, credentials, source }: Connection,
  log: Logger
): Promise<TrackedTags> {
  const context = { reference, credentials, credentialSource: source }
  const { tags: all, ignored } = await explained(context, () =>
    client.listTags(reference.path)
  )
  const { range, ...unranged } = query
  const listed = selectTags(all, unranged)
  const latest = (range ? selectTags(all, query) : listed).at(-1)
  const name = repositoryName(reference)
  log.info(
    `${name}: ${all.length} tags, ${listed.length} match${latest ? `, newest ${latest}` : ''}`
  )
  if (ignored > 0) {
    log.warning(
      `${name}: the registry listed ${ignored} entries that are not valid tag names; they were left out.`
    )
  }
  const outputs: [string, string][] = [
    ['tags', JSON.stringify(listed)],
    ['latest-tag', latest ?? '']
  ]
  if (!range) return { outputs, reference }
  if (!latest) {
    throw new UserError(
      `No tag of ${name} satisfies semver:${range}${query.pattern ? ' and the tag-pattern' : ''} (${all.length} tags listed${listed.length ? `; newest matching any version: ${listed.at(-1)}` : ''}).`
    )
  }
  return { outputs, reference: { ...reference, tag: latest } }
}
