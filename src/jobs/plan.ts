/**
 * From settings to the job that answers them. Everything that can be
 * checked without the network is checked here, before the first request:
 * rules and their patterns, the semver range, the tag pattern.
 */
import { InputError, errorMessage } from '../errors.js'
import { RuleError, compilePatterns } from '../gate/rules.js'
import type { BatchInputs, Inputs } from '../inputs.js'
import type { Registries } from '../registry/connect.js'
import { compilePattern } from '../text/pattern.js'
import { inspectManyImages } from './many.js'
import { inspectOneImage, type Prepared } from './one-image.js'
import type { LogLine, Logger, Result } from './result.js'

export type Job = (registries: Registries, log: Logger) => Promise<Result>

export async function plan(
  settings: (Inputs & { mode: 'single' }) | BatchInputs
): Promise<Job> {
  if (settings.mode === 'batch') {
    return async (registries) =>
      withSession(await inspectManyImages(settings, registries), registries)
  }
  const prepared = await prepare(settings)
  return async (registries, log) =>
    withSession(
      await inspectOneImage(settings, prepared, registries, log),
      registries
    )
}

/** Compiles what the inputs ask to compile; a bad one is an input error. */
async function prepare(inputs: Inputs): Promise<Prepared> {
  let patterns
  try {
    patterns = await compilePatterns(inputs.rules)
  } catch (error) {
    if (error instanceof RuleError) {
      throw new InputError('assert', `${error.message}.`)
    }
    throw error
  }
  if (inputs.tagRange || inputs.tagQuery.maxUpdate) await checkTagQuery(inputs)
  const source = inputs.tagQuery.patternSource
  if (!source) return { patterns }
  try {
    return { patterns, tagPattern: await compilePattern(source) }
  } catch (error) {
    throw new InputError('tag-pattern', `${errorMessage(error)}.`)
  }
}

/** The semver range, and a tag in use that `max-update` can compare with. */
async function checkTagQuery(inputs: Inputs): Promise<void> {
  // semver loads only for tag tracking (its own bundle chunk).
  const { isVersion, validRange } = await import('./tags.js')
  if (inputs.tagRange && !validRange(inputs.tagRange)) {
    throw new InputError(
      'tag',
      `"${inputs.tagRange}" is not a semver range: write e.g. semver:^3, semver:~1.27, semver:>=2 <3 or semver:* for the newest.`
    )
  }
  const { sort, maxUpdate } = inputs.tagQuery
  const current = inputs.tagRange ? undefined : inputs.reference.tag
  if (maxUpdate && (current === undefined || !isVersion(current, sort))) {
    throw new InputError(
      'max-update',
      `compares with the tag in use, and ${current === undefined ? 'there is none' : `"${current}" is not a ${sort} version`}: name a version tag in 'image' (e.g. ${sort === 'docker' ? 'python:3.12-slim' : 'app:v1.2.3'}).`
    )
  }
}

/** What the run cost, said before the job's own lines. */
function withSession(result: Result, registries: Registries): Result {
  const lines: LogLine[] = [
    { level: 'debug', message: `HTTP requests: ${registries.requestCount}` }
  ]
  const cache = registries.cache
  if (cache) {
    const { hits, misses, corrupt, refused } = cache.stats
    lines.push({
      level: 'info',
      message: `Cache ${cache.dir}: ${hits} hits, ${misses} misses${corrupt ? `, ${corrupt} corrupt entries replaced` : ''}${refused ? `, ${refused} refused (symlinks, special files or oversized entries are never used)` : ''}`
    })
  }
  return { ...result, log: [...lines, ...result.log] }
}
