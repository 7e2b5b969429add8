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
import { inspectImage, type ImageInfo } from './inspect.js'
import { RegistryClient } from './registry/client.js'
import { Transport, formatWait } from './registry/transport.js'
import { formatPlatform } from './registry/platform.js'
import {
  apiHost,
  formatReference,
  hostWithoutPort,
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
import { writeImageSummary } from './report/summary.js'

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
    const inspect = async (reference: ImageReference): Promise<ImageInfo> => {
      core.info(
        `Inspecting ${formatReference(reference)} (platform ${formatPlatform(inputs.platform)}) on ${apiHost(reference.domain)}`
      )
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
        onSecret: (secret) => core.setSecret(secret)
      })
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
    const [info, before] = await Promise.all([
      inspect(inputs.reference),
      inputs.compareTo ? inspect(inputs.compareTo) : undefined
    ])
    core.debug(`HTTP requests: ${http.requestCount}`)
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
    if (changes) {
      outputs.push(
        ['changed', String(changes.changed)],
        ['changes', changesJson(changes)]
      )
    }
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

    try {
      writeImageSummary(core.summary, info)
      if (results.length) writeRulesSummary(core.summary, results)
      if (changes && before) {
        writeChangesSummary(core.summary, changes, before.ref, info.ref)
      }
      await core.summary.write()
    } catch (error) {
      core.warning(`Could not write the job summary: ${errorMessage(error)}`)
    }

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
