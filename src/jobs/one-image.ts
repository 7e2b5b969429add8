/**
 * One image (`image`): find the tag (tag tracking), stop early if nothing
 * moved (previous-digest), inspect it (every platform with `platform: all`)
 * and what it is compared with, then check the rules. One result.
 */
import { compareImages, changesJson } from '../compare/diff.js'
import type { Inputs } from '../inputs.js'
import type { ImageInfo } from '../image/model.js'
import { formatPlatform, matchPlatform } from '../image/platform.js'
import type { Registries } from '../registry/connect.js'
import {
  apiHost,
  formatReference,
  type ImageReference
} from '../registry/reference.js'
import { imageJson, imageOutputs } from '../report/outputs.js'
import { formatWait } from '../text/duration.js'
import { jsonObject } from '../text/ordered-json.js'
import type { Pattern } from '../text/pattern.js'
import { checkGate } from './gate.js'
import { inspectEveryPlatform, inspectImage } from './inspect.js'
import { checkPreviousDigest } from './previous-digest.js'
import { result, type Logger, type Result } from './result.js'

/** What was checked before the first request and is needed to run. */
export interface Prepared {
  patterns: Map<string, Pattern>
  tagPattern?: Pattern
}

/** An image as inspected: with `platform: all`, every platform too. */
interface Inspected {
  info: ImageInfo
  every?: ImageInfo[]
}

export async function inspectOneImage(
  inputs: Inputs,
  prepared: Prepared,
  registries: Registries,
  log: Logger
): Promise<Result> {
  let reference = inputs.reference
  const tagOutputs: [string, string][] = []
  if (inputs.tagRange || inputs.listTags) {
    const { trackTags } = await import('./tags.js')
    const query = {
      ...inputs.tagQuery,
      pattern: prepared.tagPattern,
      range: inputs.tagRange
    }
    const connection = await registries.connect(reference)
    const tags = await trackTags(reference, query, connection, log)
    tagOutputs.push(...tags.outputs)
    reference = tags.reference
  }
  let resolvedDigest: string | undefined
  if (inputs.previousDigest) {
    const connection = await registries.connect(reference)
    const seen = await checkPreviousDigest(
      reference,
      inputs.previousDigest,
      connection,
      log
    )
    if (seen.unchanged) {
      seen.unchanged.outputs.push(...tagOutputs)
      return seen.unchanged
    }
    resolvedDigest = seen.digest
  }
  const [image, before] = await allOrCancel(registries, [
    inspect(reference, inputs, registries, log, {
      all: inputs.allPlatforms,
      resolvedDigest
    }),
    inputs.compareTo
      ? inspect(inputs.compareTo, inputs, registries, log)
      : undefined
  ])
  return report(inputs, prepared, { image, before: before?.info, tagOutputs })
}

/** The result of a finished inspection, in the order outputs are listed. */
function report(
  inputs: Inputs,
  prepared: Prepared,
  done: { image: Inspected; before?: ImageInfo; tagOutputs: [string, string][] }
): Result {
  const { info, every } = done.image
  const before = done.before
  const out = result({ outputs: imageOutputs(info) })
  for (const warning of [...info.warnings, ...(before?.warnings ?? [])]) {
    out.log.push({ level: 'warning', message: warning })
  }
  out.log.push({
    level: 'info',
    message: `${info.ref} → ${info.digest} (${formatPlatform(info.platform)}: ${info.imageDigest})`
  })
  const gate = checkGate({ ...prepared, ...inputs }, info)
  out.outputs.push(...gate.outputs)
  const changes = before ? compareImages(before, info) : undefined
  const moved =
    inputs.previousDigest !== undefined && info.digest !== inputs.previousDigest
  if (changes || inputs.previousDigest) {
    out.outputs.push(['changed', String(moved || Boolean(changes?.changed))])
  }
  if (changes) out.outputs.push(['changes', changesJson(changes)])
  out.outputs.push(...done.tagOutputs)
  out.summary.push({ kind: 'image', info })
  if (every) {
    const rows = every.map((i) => ({
      name: formatPlatform(i.platform),
      info: i
    }))
    out.outputs.push([
      'results',
      jsonObject(rows.map((r) => [r.name, imageJson(r.info)]))
    ])
    out.summary.push({ kind: 'rows', title: 'Platforms', rows })
  }
  out.log.push(...gate.log)
  out.summary.push(...gate.summary)
  out.failure = gate.failure
  if (changes && before) {
    const comparison = { changes, before: before.ref, after: info.ref }
    out.summary.push({ kind: 'changes', ...comparison })
    if (inputs.comment) out.comment = comparison
  }
  return out
}

/** Reads one image (every platform of it with `all`). */
async function inspect(
  reference: ImageReference,
  inputs: Inputs,
  registries: Registries,
  log: Logger,
  {
    all = false,
    resolvedDigest
  }: { all?: boolean; resolvedDigest?: string } = {}
): Promise<Inspected> {
  log.info(
    `Inspecting ${formatReference(reference)} (platform ${all ? 'all' : formatPlatform(inputs.platform)}) on ${apiHost(reference.domain)}`
  )
  const { client, credentials, source } = await registries.connect(reference)
  const request = {
    reference,
    resolvedDigest,
    platform: inputs.platform,
    credentials,
    credentialSource: source,
    waitForMs: inputs.waitForMs,
    deadline: registries.deadline,
    onWait: (reason: string, leftMs: number) =>
      log.info(`Waiting: ${reason} (${formatWait(leftMs)} left)`)
  }
  if (!all) return { info: await inspectImage(request, client) }
  const every = await inspectEveryPlatform(request, client)
  // The usual outputs describe linux/amd64 when offered, else the first.
  const primary = matchPlatform(
    inputs.platform,
    every.map((i) => i.platform)
  )
  return { info: every[Math.max(primary, 0)], every }
}

/**
 * Like Promise.all, but when one inspection fails the others are cancelled
 * and awaited, so nothing keeps running after the step has failed.
 */
async function allOrCancel<A, B>(
  registries: Registries,
  work: [Promise<A>, Promise<B> | undefined]
): Promise<[A, B | undefined]> {
  try {
    return await Promise.all(work)
  } catch (error) {
    registries.cancel()
    await Promise.allSettled(work)
    throw error
  }
}
