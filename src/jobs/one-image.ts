/**
 * One image (`image`): find the tag (tag tracking), stop early if nothing
 * moved (previous-digest), inspect it (every platform with `platform: all`)
 * and what it is compared with, then check the rules. One result.
 */
import { compareImages, changesJson } from '../compare/diff.js'
import type { Inputs } from '../inputs.js'
import { verdict, type BaseCheck } from '../image/base.js'
import type { ImageInfo, ManifestInfo } from '../image/model.js'
import { formatPlatform, matchPlatform } from '../image/platform.js'
import type { Registries } from '../registry/connect.js'
import {
  apiHost,
  formatReference,
  sameRegistry,
  type ImageReference
} from '../registry/reference.js'
import {
  baseOutputs,
  imageJson,
  imageOutputs,
  provenanceJson
} from '../report/outputs.js'
import { formatWait } from '../text/duration.js'
import { jsonObject } from '../text/ordered-json.js'
import type { Pattern } from '../text/pattern.js'
import { checkGate } from './gate.js'
import { inspectEveryPlatform, inspectImage } from './inspect.js'
import { checkPreviousDigest } from './previous-digest.js'
import type { Findings, FindingsAhead } from './base.js'
import {
  result,
  rowFindings,
  type LogLine,
  type Logger,
  type Result,
  type Row,
  type SummarySection
} from './result.js'
import type { LoadedDockerfile } from '../dockerfile/load.js'
import type { TrackedTags } from './tags.js'

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

/** A finished inspection, for the report. */
interface Done {
  image: Inspected
  /** Base check and provenance, per entry of `every` (or for `info`). */
  findings: Findings[]
  before?: ImageInfo
  /** The tag outputs and summary section, when tags were listed. */
  tags?: TrackedTags
}

export async function inspectOneImage(
  inputs: Inputs,
  prepared: Prepared,
  registries: Registries,
  log: Logger
): Promise<Result> {
  const pins =
    inputs.dockerfile &&
    (await startDockerfile(inputs.dockerfile, inputs.reference, registries))
  const found = await locate(inputs, prepared, registries, log)
  if (found.unchanged) {
    return withDockerfile(found.unchanged, await pins?.report)
  }
  const bases = baseFindings(inputs, registries)
  const [image, before] = await allOrCancel(
    registries,
    [
      inspect(found.reference, inputs, registries, log, {
        all: inputs.allPlatforms,
        resolvedDigest: found.resolvedDigest,
        onManifest: bases?.start
      }),
      inputs.compareTo
        ? inspect(inputs.compareTo, inputs, registries, log, { compared: true })
        : undefined
    ],
    found.tags
  )
  const inspected = image.every ?? [image.info]
  const done = report(inputs, prepared, {
    image,
    findings: bases ? await bases.all(inspected) : inspected.map(() => ({})),
    before: before?.info,
    tags: await found.tags
  })
  return withDockerfile(done, await pins?.report)
}

/**
 * The Dockerfile's report, its pins checked while the image is read (never
 * fails: a pin that cannot be checked is a warning). Loaded only with
 * `dockerfile`; the one token its registry's pins share is fetched first.
 */
async function startDockerfile(
  dockerfile: LoadedDockerfile,
  reference: ImageReference,
  registries: Registries
): Promise<{ report: Promise<DockerfileReport> }> {
  const { checkPins, dockerfileOutputs, prepareTokens } =
    await import('./dockerfile.js')
  await prepareTokens(dockerfile, reference, registries)
  // Wrapped: an async function would wait for a promise it returns.
  const report = checkPins(dockerfile, registries).then(({ stale, log }) => ({
    outputs: dockerfileOutputs(dockerfile, stale),
    log,
    section: { kind: 'dockerfile', dockerfile, stale } as const
  }))
  return { report }
}

interface DockerfileReport {
  outputs: [string, string][]
  log: LogLine[]
  section: SummarySection
}

function withDockerfile(
  out: Result,
  dockerfile: DockerfileReport | undefined
): Result {
  if (!dockerfile) return out
  return {
    ...out,
    outputs: [...out.outputs, ...dockerfile.outputs],
    log: [...dockerfile.log, ...out.log],
    summary: [...out.summary, dockerfile.section]
  }
}

/** Where the image is: the tag tracking picked, and the digest a HEAD saw. */
type Located =
  | {
      unchanged?: undefined
      reference: ImageReference
      /** Without a range the tag is known: the list is read meanwhile. */
      tags?: Promise<TrackedTags>
      resolvedDigest?: string
    }
  | { unchanged: Result }

/**
 * The tag to inspect (tag tracking), and whether it moved since
 * previous-digest; unchanged, the run ends with that.
 */
async function locate(
  inputs: Inputs,
  prepared: Prepared,
  registries: Registries,
  log: Logger
): Promise<Located> {
  let reference = inputs.reference
  let tags: Promise<TrackedTags> | undefined
  if (inputs.tagRange || inputs.listTags) {
    const listing = listTags(inputs, prepared, registries)
    if (inputs.tagRange) reference = (await listing).reference
    // Awaited later; a failure meanwhile is not an unhandled rejection.
    listing.catch(() => undefined)
    tags = listing
  }
  if (!inputs.previousDigest) return { reference, tags }
  const connection = await registries.connect(reference)
  const seen = await checkPreviousDigest(
    reference,
    inputs.previousDigest,
    connection,
    log
  )
  // An unchanged image may still sit on a base that moved.
  if (seen.unchanged && !inputs.checkBase) {
    const listed = await tags
    seen.unchanged.outputs.push(...(listed?.outputs ?? []))
    seen.unchanged.log.push(...(listed?.log ?? []))
    if (listed) seen.unchanged.summary.push(listed.section)
    return { unchanged: seen.unchanged }
  }
  const resolvedDigest = seen.unchanged ? inputs.previousDigest : seen.digest
  return { reference, tags, resolvedDigest }
}

/** The tag list, chosen from (tags.js loads only for this). */
async function listTags(
  inputs: Inputs,
  prepared: Prepared,
  registries: Registries
): Promise<TrackedTags> {
  const { trackTags } = await import('./tags.js')
  const query = {
    ...inputs.tagQuery,
    pattern: prepared.tagPattern,
    range: inputs.tagRange
  }
  const connection = await registries.connect(inputs.reference)
  return trackTags(inputs.reference, query, connection)
}

/**
 * Base check and provenance for each platform inspected, when asked for
 * (a base check reads provenance too, inputs.ts): each platform's starts
 * once its manifest is read, while its config is fetched.
 */
function baseFindings(
  inputs: Inputs,
  registries: Registries
): FindingsAhead | undefined {
  if (!inputs.readProvenance) return undefined
  // Loaded only when asked for (its own bundle chunk).
  const ahead = import('./base.js').then(({ findingsAhead }) =>
    findingsAhead(inputs, registries)
  )
  return {
    // A chunk that failed to load is reported by all().
    start: (info) =>
      void ahead.then(
        (a) => a.start(info),
        () => undefined
      ),
    all: async (infos) => (await ahead).all(infos)
  }
}

/** The result of a finished inspection, in the order outputs are listed. */
function report(inputs: Inputs, prepared: Prepared, done: Done): Result {
  const { info, every } = done.image
  const before = done.before
  const primary = done.findings[every ? every.indexOf(info) : 0]
  const checks = baseChecks(done.findings)
  const out = result({ outputs: imageOutputs(info) })
  const group = `Image ${info.ref}`
  for (const warning of [...info.warnings, ...(before?.warnings ?? [])]) {
    out.log.push({ level: 'warning', message: warning, group })
  }
  out.log.push({
    level: 'info',
    message: `${info.ref} → ${info.digest} (${formatPlatform(info.platform)}: ${info.imageDigest})`,
    group
  })
  out.log.push(...(done.tags?.log ?? []))
  const gate = checkGate({ ...prepared, ...inputs }, info, checks)
  out.outputs.push(...gate.outputs)
  const changes = before ? compareImages(before, info) : undefined
  const moved =
    inputs.previousDigest !== undefined && info.digest !== inputs.previousDigest
  if (changes || inputs.previousDigest) {
    out.outputs.push(['changed', String(moved || Boolean(changes?.changed))])
  }
  if (changes) out.outputs.push(['changes', changesJson(changes)])
  out.outputs.push(...(done.tags?.outputs ?? []))
  out.summary.push({ kind: 'image', info })
  if (done.tags) out.summary.push(done.tags.section)
  if (every) {
    const rows: Row[] = every.map((i, n) => ({
      name: formatPlatform(i.platform),
      info: i,
      ...rowFindings(inputs, done.findings[n])
    }))
    out.outputs.push([
      'results',
      jsonObject(rows.map((r) => [r.name, imageJson(r.info!, r)]))
    ])
    out.summary.push({ kind: 'rows', title: 'Platforms', rows })
  }
  reportBase(out, inputs, done.findings, primary)
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

const baseChecks = (findings: Findings[]): BaseCheck[] =>
  findings.flatMap((f) => (f.base ? [f.base] : []))

/**
 * The base check's outputs (over every platform) and log lines, the
 * primary platform's provenance, and the summary section for both.
 */
function reportBase(
  out: Result,
  inputs: Inputs,
  findings: Findings[],
  primary: Findings
): void {
  const checks = baseChecks(findings)
  if (inputs.checkBase && primary.base) {
    out.outputs.push(...baseOutputs(checks, primary.base))
    out.log.push(...baseLog(checks))
  }
  const provenance = primary.provenance?.provenance
  if (inputs.readProvenance) {
    out.outputs.push(['provenance', provenanceJson(provenance)])
  }
  if (inputs.checkBase || provenance) {
    out.summary.push({ kind: 'base', checks, provenance })
  }
}

/** Each platform's answer as a log line; not knowing is worth a warning. */
function baseLog(checks: BaseCheck[]): LogLine[] {
  const group = 'Base image'
  return checks.map((check) =>
    check.status === 'unknown'
      ? {
          level: 'warning',
          message: verdict(check),
          title: 'Base image check',
          group
        }
      : {
          level: 'info',
          message: `${verdict(check)} (${check.method}: ${check.reason})`,
          group
        }
  )
}

/** Reads one image (every platform of it with `all`). */
async function inspect(
  reference: ImageReference,
  inputs: Inputs,
  registries: Registries,
  log: Logger,
  {
    all = false,
    resolvedDigest,
    compared = false,
    onManifest
  }: {
    all?: boolean
    resolvedDigest?: string
    compared?: boolean
    onManifest?: (info: ManifestInfo) => void
  } = {}
): Promise<Inspected> {
  log.info(
    `Inspecting ${formatReference(reference)} (platform ${all ? 'all' : formatPlatform(inputs.platform)}) on ${apiHost(reference.domain)}`
  )
  const { client, credentials, source } = await registries.connect(reference)
  const base = inputs.baseImage
  if (!compared && base && sameRegistry(base, reference)) {
    // One token for the image and its base, where the token server allows it.
    await client.prepare([reference.path, base.path])
  }
  const request = {
    reference,
    resolvedDigest,
    platform: inputs.platform,
    credentials,
    credentialSource: source,
    waitForMs: inputs.waitForMs,
    deadline: registries.deadline,
    onWait: (reason: string, leftMs: number) =>
      log.info(`Waiting: ${reason} (${formatWait(leftMs)} left)`),
    onManifest
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
 * and awaited, so nothing keeps running after the step has failed. Work
 * started `earlier` (the tag list) is let finish first: its failure is the
 * one reported (it names a repository that does not exist).
 */
async function allOrCancel<A, B>(
  registries: Registries,
  work: [Promise<A>, Promise<B> | undefined],
  earlier?: Promise<unknown>
): Promise<[A, B | undefined]> {
  try {
    return await Promise.all(work)
  } catch (error) {
    const first = await earlier?.then(
      () => undefined,
      (failure: unknown) => ({ failure })
    )
    registries.cancel()
    await Promise.allSettled(work)
    throw first ? first.failure : error
  }
}
