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
import { getInputs, type Inputs } from './inputs.js'
import {
  findCredentials,
  type Credentials
} from './registry/auth/docker-config.js'
import { explain, inspectImage, type ImageInfo } from './inspect.js'
import { RegistryError } from './registry/errors.js'
import { DigestCache } from './registry/cache.js'
import { RegistryClient } from './registry/client.js'
import { Transport, formatWait } from './registry/transport.js'
import { formatPlatform } from './registry/platform.js'
import {
  apiHost,
  formatReference,
  hostWithoutPort,
  manifestReference,
  repositoryName,
  type ImageReference
} from './registry/reference.js'
import { imageOutputs } from './report/outputs.js'
import {
  COMMENT_MARKER,
  changesComment,
  writeChangesSummary,
  writeRulesSummary
} from './report/gate.js'
import { upsertPullRequestComment } from './report/pr-comment.js'
import { escapeHtml, writeImageSummary } from './report/summary.js'

/** The inputs' credentials, else whatever the runner has for the registry. */
async function credentialsFor(
  domain: string,
  inputs: Inputs
): Promise<{ credentials?: Credentials; source?: string }> {
  // The inputs are for the image's registry; a compared image elsewhere
  // uses what the runner has for its own registry.
  if (inputs.credentials && domain === inputs.reference.domain) {
    return {
      credentials: inputs.credentials,
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
  for (const warning of warnings) core.warning(warning)
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
  const transport = new Transport()
  let opened: Transport | undefined
  try {
    const inputs = getInputs()
    // Every rule is checked before the first request.
    const patterns = await compileOrExplain(inputs.rules)
    if (inputs.tagRange) {
      const { validRange } = await import('./tags/select.js')
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
    const deadline = Date.now() + inputs.timeoutMs
    opened = new Transport({
      timeoutMs: inputs.requestTimeoutMs,
      deadline,
      retry: {
        retries: inputs.retries,
        maxRetryAfterMs: inputs.maxRetryWaitMs
      },
      onRetry: (e) =>
        core.info(
          `${e.reason} from ${e.url}; retrying in ${formatWait(e.delayMs)} (${e.attempt}/${e.retries})`
        )
    })
    const http = opened
    const cache = inputs.cacheDir ? new DigestCache(inputs.cacheDir) : undefined
    // One client per registry, so tag listing and inspection share tokens.
    const connections = new Map<string, Promise<Connection>>()
    const connect = (reference: ImageReference): Promise<Connection> => {
      let connection = connections.get(reference.domain)
      if (!connection) {
        connection = (async () => {
          const { credentials, source } = await credentialsFor(
            reference.domain,
            inputs
          )
          core.debug(`Credentials: ${source ?? 'none (anonymous)'}`)
          const client = new RegistryClient({
            domain: reference.domain,
            credentials,
            insecure: isInsecure(reference.domain, inputs.insecureRegistries),
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
    const inspect = async (reference: ImageReference): Promise<ImageInfo> => {
      core.info(
        `Inspecting ${formatReference(reference)} (platform ${formatPlatform(inputs.platform)}) on ${apiHost(reference.domain)}`
      )
      const { client, credentials, source } = await connect(reference)
      return inspectImage(
        {
          reference,
          platform: inputs.platform,
          credentials,
          credentialSource: source,
          waitForMs: inputs.waitForMs,
          deadline,
          onWait: (reason, leftMs) =>
            core.info(`${reason}; waiting for it (${formatWait(leftMs)} left)`)
        },
        client
      )
    }

    let reference = inputs.reference
    const tagOutputs: [string, string][] = []
    if (inputs.tagRange || inputs.listTags) {
      const { client, credentials, source } = await connect(reference)
      const all = await explained(reference, credentials, source, () =>
        client.listTags(reference.path)
      )
      // semver is only needed here: keep it out of the start-up path.
      const { selectTags } = await import('./tags/select.js')
      const query = { ...inputs.tagQuery, pattern: tagPattern }
      const listed = selectTags(all, query)
      const candidates = inputs.tagRange
        ? selectTags(all, { ...query, range: inputs.tagRange })
        : listed
      const latest = candidates.at(-1)
      core.info(
        `${repositoryName(reference)}: ${all.length} tags, ${listed.length} match${latest ? `, newest ${latest}` : ''}`
      )
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

    if (inputs.previousDigest) {
      const { client, credentials, source } = await connect(reference)
      const { digest, method } = await explained(
        reference,
        credentials,
        source,
        () => client.resolveDigest(reference.path, manifestReference(reference))
      )
      core.info(`${formatReference(reference)} is ${digest} (by ${method})`)
      if (digest === inputs.previousDigest) {
        // Unchanged: nothing more to fetch, no manifest GET spent.
        const unchanged: [string, string][] = [
          ['ref', formatReference(reference)],
          ['digest', digest],
          ['changed', 'false'],
          ...tagOutputs
        ]
        for (const [name, value] of unchanged) core.setOutput(name, value)
        core.info(
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
    }

    const [info, before] = await allOrCancel(http, [
      inspect(reference),
      inputs.compareTo ? inspect(inputs.compareTo) : undefined
    ])
    core.debug(`HTTP requests: ${http.requestCount}`)
    if (cache) {
      const { hits, misses, corrupt } = cache.stats
      core.info(
        `Cache ${cache.dir}: ${hits} hits, ${misses} misses${corrupt ? `, ${corrupt} corrupt entries replaced` : ''}`
      )
    }
    for (const warning of [...info.warnings, ...(before?.warnings ?? [])]) {
      core.warning(warning)
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
    for (const [name, value] of outputs) core.setOutput(name, value)
    core.info(
      `${info.ref} → ${info.digest} (${formatPlatform(info.platform)}: ${info.imageDigest})`
    )
    for (const r of results) {
      if (r.passed) core.info(`✔ ${r.rule}`)
      else {
        core.error(`${r.rule} (actual: ${r.actual})`, {
          title: 'Image assertion failed'
        })
      }
    }

    await writeSummary(() => {
      writeImageSummary(core.summary, info)
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
      if (inputs.reportOnly) core.warning(message)
      else core.setFailed(message)
    }
  } catch (error) {
    core.setFailed(errorMessage(error))
  } finally {
    transport.dispose()
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

interface Connection {
  client: RegistryClient
  credentials?: Credentials
  source?: string
}

/** Registry failures outside inspectImage, explained the same way. */
async function explained<T>(
  reference: ImageReference,
  credentials: Credentials | undefined,
  source: string | undefined,
  fn: () => Promise<T>
): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error
    throw new UserError(
      explain(
        error,
        {
          reference,
          platform: { os: 'linux', architecture: 'amd64' },
          credentials,
          credentialSource: source
        },
        formatReference(reference)
      )
    )
  }
}

/** The summary is a report: failing to write it is a warning. */
async function writeSummary(fill: () => void): Promise<void> {
  try {
    fill()
    await core.summary.write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
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
      core.info(`No pull-request comment: ${outcome.reason}.`)
    } else {
      core.info(`Pull-request comment ${outcome.status}: ${outcome.url}`)
    }
  } catch (error) {
    const status = (error as { status?: number }).status
    const hint =
      status === 403 || status === 404
        ? " (the token needs 'pull-requests: write' permission)"
        : ''
    core.warning(
      `Could not comment on the pull request${hint}: ${errorMessage(error)}`
    )
  }
}
