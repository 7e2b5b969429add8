/**
 * A repository's tags, narrowed by the user's query: the list to report and
 * the newest candidate (within a semver range when one is given).
 */
import type { RegistryClient } from '../registry/client.js'
import { selectTags, type TagQuery } from './select.js'

export { validRange } from './select.js'

export interface TagSelection {
  /** Every tag the registry listed (valid tag names only). */
  all: string[]
  /** Entries of the list that were not valid tag names, left out. */
  ignored: number
  /** Those matching the query (pattern, sort), ascending. */
  listed: string[]
  /** The highest candidate, within `range` when one is given. */
  latest?: string
}

export async function findTags(
  client: RegistryClient,
  repository: string,
  query: TagQuery
): Promise<TagSelection> {
  const { tags: all, ignored } = await client.listTags(repository)
  const { range, ...unranged } = query
  const listed = selectTags(all, unranged)
  const candidates = range ? selectTags(all, query) : listed
  return { all, ignored, listed, latest: candidates.at(-1) }
}
