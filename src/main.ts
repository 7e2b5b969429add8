/**
 * The story of a run: read inputs, inspect the image, report. The only place
 * that sets outputs, writes the summary and fails the step.
 */
import * as core from '@actions/core'
import { InputError, UserError, errorMessage } from './errors.js'
import {
  changesJson,
  compareImages,
  type ImageChanges
} from './compare/diff.js'
import {
  RuleError,
  compilePattern,
  compilePatterns,
  evaluateRules,
  type Pattern,
  type Rule
} from './gate/rules.js'
import { readInputs, type BatchInputs } from './inputs.js'
import {
  findCredentials,
  type Credentials
} from './registry/auth/docker-config.js'
import {
  explained,
  inspectEveryPlatform,
  inspectImage,
  type ImageInfo
} from './inspect.js'
import { DigestCache } from './registry/cache.js'
import { RegistryClient } from './registry/client.js'
import { Transport, formatWait } from './registry/transport.js'
import { UrlPolicy } from './registry/url-policy.js'
import { formatPlatform, matchPlatform } from './registry/platform.js'
import {
  apiHost,
  formatReference,
  hostWithoutPort,
  manifestReference,
  repositoryName,
  type ImageReference
} from './registry/reference.js'
import { imageJson, imageOutputs, jsonObject } from './report/outputs.js'
import {
  COMMENT_MARKER,
  changesComment,
  writeChangesSummary,
  writeRulesSummary
} from './report/gate.js'
import { upsertPullRequestComment } from './report/pr-comment.js'
import { writeImageSummary } from './report/summary.js'
import { escapeHtml } from './report/escape.js'
import { log } from './report/log.js'
import { writeBatchSummary } from './report/batch.js'
import { inspectMany, type Connection } from './batch.js'

/** The inputs' credentials, else whatever the runner has for the registry. */
async function credentialsFor(
  domain: string,
  fromInputs: { credentials?: Credentials; domain?: string }
): Promise<{ credentials?: Credentials; source?: string }> {
  // The inputs are for the image's registry; any other registry (a compared
  // image) uses what the runner has for it.
  if (fromInputs.credentials && domain === fromInputs.domain) {
    return {
      credentials: fromInputs.credentials,
      source: "the 'username'/'password' inputs"
    }
  }
  let lookup
  try {
    lookup = await findCredentials(domain)
  } catch (error) {
    throw new UserError(
      `${errorMessage(error)}. Fix or remove that file, or pass the 'username' and 'password' inputs.`
    )
  }
  const { found, warnings } = lookup
  for (const warning of warnings) log.warning(warning)
  if (!found) return {}
  // Mask before anything else could print them.
  const { password, identityToken, registryToken } = found.credentials
  for (const secret of [password, identityToken, registryToken]) {
    if (secret) core.setSecret(secret)
  }
  return found
}

function isInsecure(domain: string, insecure: string[]): boolean {
  const host = domain.toLowerCase()
  return insecure.includes(host) || insecure.includes(hostWithoutPort(host))
}

async function compileOrExplain(rules: Rule[]): Promise<Map<string, Pattern>> {
  try {
    return await compilePatterns(rules)
  } catch (error) {
    if (error instanceof RuleError) {
      throw new InputError('assert', `${error.message}.`)
    }
    throw error
  }
}

export async function run(): Promise<void> {
  let opened: Transport | undefined
  try {
    const read = readInputs()
    if (read.mode === 'batch') {
      await runBatch(read)
      return
    }
    const inputs = read
    // Every rule is checked before the first request.
    const patterns = await compileOrExplain(inputs.rules)
    if (inputs.tagRange) {
      const { validRange } = await import('./tags/track.js')
      if (!validRange(inputs.tagRange)) {
        throw new InputError(
          'tag',
          `"${inputs.tagRange}" is not a semver range: write e.g. semver:^3, semver:~1.27, semver:>=2 <3 or semver:* for the newest.`
        )
      }
    }
    let tagPattern: Pattern | undefined
    if (inputs.tagQuery.patternSource) {
      try {
        tagPattern = await compilePattern(inputs.tagQuery.patternSource)
      } catch (error) {
        throw new InputError('tag-pattern', `${errorMessage(error)}.`)
      }
    }
    const { transport: http, deadline } = transportFor(inputs)
    opened = http
    const cache = inputs.cacheDir ? new DigestCache(inputs.cacheDir) : undefined
    const connect = connector(http, cache, inputs.insecureRegistries, {
      credentials: inputs.credentials,
      domain: inputs.reference.domain
    })
    /** With `platform: all`, every platform's result. */
    let everyPlatform: ImageInfo[] | undefined
    const inspect = async (
      reference: ImageReference,
      {
        all = false,
        resolvedDigest
      }: { all?: boolean; resolvedDigest?: string } = {}
    ): Promise<ImageInfo> => {
      log.info(
        `Inspecting ${formatReference(reference)} (platform ${all ? 'all' : formatPlatform(inputs.platform)}) on ${apiHost(reference.domain)}`
      )
      const { client, credentials, source } = await connect(reference)
      const request = {
        reference,
        resolvedDigest,
        platform: inputs.platform,
        credentials,
        credentialSource: source,
        waitForMs: inputs.waitForMs,
        deadline,
        onWait: (reason: string, leftMs: number) =>
          log.info(`Waiting: ${reason} (${formatWait(leftMs)} left)`)
      }
      if (!all) return inspectImage(request, client)
      everyPlatform = await inspectEveryPlatform(request, client)
      // The usual outputs describe linux/amd64 when offered, else the first.
      const primary = matchPlatform(
        inputs.platform,
        everyPlatform.map((i) => i.platform)
      )
      return everyPlatform[Math.max(primary, 0)]
    }

    let reference = inputs.reference
    const tagOutputs: [string, string][] = []
    if (inputs.tagRange || inputs.listTags) {
      const { client, credentials, source } = await connect(reference)
      // Tag tracking (and semver) load only when asked for.
      const { findTags } = await import('./tags/track.js')
      const { all, ignored, listed, latest } = await explained(
        { reference, credentials, credentialSource: source },
        () =>
          findTags(client, reference.path, {
            ...inputs.tagQuery,
            pattern: tagPattern,
            range: inputs.tagRange
          })
      )
      log.info(
        `${repositoryName(reference)}: ${all.length} tags, ${listed.length} match${latest ? `, newest ${latest}` : ''}`
      )
      if (ignored > 0) {
        log.warning(
          `${repositoryName(reference)}: the registry listed ${ignored} entries that are not valid tag names; they were left out.`
        )
      }
      tagOutputs.push(
        ['tags', JSON.stringify(listed)],
        ['latest-tag', latest ?? '']
      )
      if (inputs.tagRange) {
        if (!latest) {
          throw new UserError(
            `No tag of ${repositoryName(reference)} satisfies semver:${inputs.tagRange}${tagPattern ? ' and the tag-pattern' : ''} (${all.length} tags listed${listed.length ? `; newest matching any version: ${listed.at(-1)}` : ''}).`
          )
        }
        reference = { ...reference, tag: latest }
      }
    }

    let resolvedDigest: string | undefined
    if (inputs.previousDigest) {
      const { client, credentials, source } = await connect(reference)
      const { digest, method } = await explained(
        { reference, credentials, credentialSource: source },
        () => client.resolveDigest(reference.path, manifestReference(reference))
      )
      log.info(`${formatReference(reference)} is ${digest} (by ${method})`)
      if (digest === inputs.previousDigest) {
        // Unchanged: nothing more to fetch, no manifest GET spent.
        const unchanged: [string, string][] = [
          ['ref', formatReference(reference)],
          ['digest', digest],
          ['changed', 'false'],
          ...tagOutputs
        ]
        for (const [name, value] of unchanged) core.setOutput(name, value)
        log.info(
          'Unchanged since previous-digest: not fetching the manifest and config.'
        )
        await writeSummary(() =>
          core.summary.addRaw(
            `<p><code>${escapeHtml(formatReference(reference))}</code> is unchanged: <code>${escapeHtml(digest)}</code></p>`,
            true
          )
        )
        return
      }
      // Moved: inspect exactly what the HEAD saw, without asking again.
      resolvedDigest = digest
    }

    const [info, before] = await allOrCancel(http, [
      inspect(reference, { all: inputs.allPlatforms, resolvedDigest }),
      inputs.compareTo ? inspect(inputs.compareTo) : undefined
    ])
    log.debug(`HTTP requests: ${http.requestCount}`)
    logCache(cache)
    for (const warning of [...info.warnings, ...(before?.warnings ?? [])]) {
      log.warning(warning)
    }
    const results = evaluateRules(inputs.rules, info, patterns)
    const changes = before ? compareImages(before, info) : undefined

    // Outputs are set only once every inspection succeeded.
    const outputs = imageOutputs(info)
    outputs.push(
      ['assertions', JSON.stringify(results)],
      ['passed', String(results.every((r) => r.passed))]
    )
    const moved =
      inputs.previousDigest !== undefined &&
      info.digest !== inputs.previousDigest
    if (changes || inputs.previousDigest) {
      outputs.push(['changed', String(moved || Boolean(changes?.changed))])
    }
    if (changes) outputs.push(['changes', changesJson(changes)])
    outputs.push(...tagOutputs)
    if (everyPlatform) {
      outputs.push([
        'results',
        jsonObject(
          everyPlatform.map((i) => [formatPlatform(i.platform), imageJson(i)])
        )
      ])
    }
    for (const [name, value] of outputs) core.setOutput(name, value)
    log.info(
      `${info.ref} → ${info.digest} (${formatPlatform(info.platform)}: ${info.imageDigest})`
    )
    for (const r of results) {
      if (r.passed) log.info(`✔ ${r.rule}`)
      else {
        log.error(`${r.rule} (actual: ${r.actual})`, 'Image assertion failed')
      }
    }

    await writeSummary(() => {
      writeImageSummary(core.summary, info)
      if (everyPlatform) {
        writeBatchSummary(
          core.summary,
          'Platforms',
          everyPlatform.map((i) => ({
            name: formatPlatform(i.platform),
            info: i
          }))
        )
      }
      if (results.length) writeRulesSummary(core.summary, results)
      if (changes && before) {
        writeChangesSummary(core.summary, changes, before.ref, info.ref)
      }
    })

    if (inputs.comment && changes && before) {
      await comment(inputs.githubToken, changes, before.ref, info.ref)
    }

    const failed = results.filter((r) => !r.passed)
    if (failed.length > 0) {
      const message = `${failed.length} of ${results.length} image assertions failed: ${failed.map((r) => r.rule).join('; ')}`
      if (inputs.reportOnly) log.warning(message)
      else log.fail(message)
    }
  } catch (error) {
    log.fail(errorMessage(error))
  } finally {
    opened?.dispose()
  }
}

/**
 * Like Promise.all, but when one inspection fails the others are cancelled
 * and awaited, so nothing keeps running after the step has failed.
 */
async function allOrCancel<A, B>(
  transport: Transport,
  work: [Promise<A>, Promise<B> | undefined]
): Promise<[A, B | undefined]> {
  try {
    return await Promise.all(work)
  } catch (error) {
    transport.close()
    await Promise.allSettled(work)
    throw error
  }
}

function logCache(cache: DigestCache | undefined): void {
  if (!cache) return
  const { hits, misses, corrupt, refused } = cache.stats
  log.info(
    `Cache ${cache.dir}: ${hits} hits, ${misses} misses${corrupt ? `, ${corrupt} corrupt entries replaced` : ''}${refused ? `, ${refused} refused (symlinks, special files or oversized entries are never used)` : ''}`
  )
}

/**
 * `images`: every image inspected concurrently (a few at a time per
 * registry, one token request per registry where the token server allows
 * several scopes), reported in one table and one `results` output. A bad
 * image fails the step with its own message, after the others' results.
 */
async function runBatch(inputs: BatchInputs): Promise<void> {
  const { transport, deadline } = transportFor(inputs)
  try {
    const cache = inputs.cacheDir ? new DigestCache(inputs.cacheDir) : undefined
    const domains = new Set(
      inputs.images.flatMap((e) => (e.reference ? [e.reference.domain] : []))
    )
    const connect = connector(transport, cache, inputs.insecureRegistries, {
      credentials: inputs.credentials,
      domain: domains.size === 1 ? [...domains][0] : undefined
    })
    const rows = await inspectMany(inputs.images, connect, {
      platform: inputs.platform,
      waitForMs: inputs.waitForMs,
      deadline
    })
    log.debug(`HTTP requests: ${transport.requestCount}`)
    logCache(cache)

    const results = jsonObject(
      rows.map(({ name, info, error }) => [
        name,
        info ? imageJson(info) : JSON.stringify({ error })
      ])
    )
    core.setOutput('results', results)
    for (const { name, info, error } of rows) {
      if (info) {
        log.info(`${name} → ${info.digest} (${formatPlatform(info.platform)})`)
        for (const warning of info.warnings) log.warning(`${name}: ${warning}`)
      } else log.error(error ?? 'failed', `Cannot inspect ${name}`)
    }
    await writeSummary(() => writeBatchSummary(core.summary, 'Images', rows))
    const failed = rows.filter((r) => r.error)
    if (failed.length > 0) {
      log.fail(
        `${failed.length} of ${rows.length} images could not be inspected: ${failed.map((r) => r.name).join(', ')}`
      )
    }
  } finally {
    transport.dispose()
  }
}

/**
 * One client per registry, so tag listing and inspections share tokens;
 * credentials are looked up once per registry.
 */
function connector(
  http: Transport,
  cache: DigestCache | undefined,
  insecureRegistries: string[],
  fromInputs: { credentials?: Credentials; domain?: string }
): (reference: ImageReference) => Promise<Connection> {
  const connections = new Map<string, Promise<Connection>>()
  return (reference) => {
    let connection = connections.get(reference.domain)
    if (!connection) {
      connection = (async () => {
        const { credentials, source } = await credentialsFor(
          reference.domain,
          fromInputs
        )
        log.debug(`Credentials: ${source ?? 'none (anonymous)'}`)
        const client = new RegistryClient({
          domain: reference.domain,
          credentials,
          insecure: isInsecure(reference.domain, insecureRegistries),
          transport: http,
          cache,
          onSecret: (secret) => core.setSecret(secret)
        })
        return { client, credentials, source }
      })()
      connections.set(reference.domain, connection)
    }
    return connection
  }
}

function transportFor(settings: {
  requestTimeoutMs: number
  timeoutMs: number
  retries: number
  maxRetryWaitMs: number
  insecureRegistries: string[]
}): { transport: Transport; deadline: number } {
  const deadline = Date.now() + settings.timeoutMs
  const transport = new Transport({
    policy: new UrlPolicy({ insecure: settings.insecureRegistries }),
    timeoutMs: settings.requestTimeoutMs,
    deadline,
    retry: {
      retries: settings.retries,
      maxRetryAfterMs: settings.maxRetryWaitMs
    },
    onRetry: (e) =>
      log.info(
        `${e.reason} from ${e.url}; retrying in ${formatWait(e.delayMs)} (${e.attempt}/${e.retries})`
      )
  })
  return { transport, deadline }
}

/** The summary is a report: failing to write it is a warning. */
async function writeSummary(fill: () => void): Promise<void> {
  try {
    fill()
    await core.summary.write()
  } catch (error) {
    log.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

/** A comment that cannot be posted is a warning: the inspection itself worked. */
async function comment(
  token: string,
  changes: ImageChanges,
  before: string,
  after: string
): Promise<void> {
  try {
    const outcome = await upsertPullRequestComment(
      token,
      changesComment(changes, before, after),
      COMMENT_MARKER
    )
    if (outcome.status === 'skipped') {
      log.info(`No pull-request comment: ${outcome.reason}.`)
    } else {
      log.info(`Pull-request comment ${outcome.status}: ${outcome.url}`)
    }
  } catch (error) {
    const status = (error as { status?: number }).status
    const hint =
      status === 403 || status === 404
        ? " (the token needs 'pull-requests: write' permission)"
        : ''
    log.warning(
      `Could not comment on the pull request${hint}: ${errorMessage(error)}`
    )
  }
}
