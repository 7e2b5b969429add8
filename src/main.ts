/**
 * The story of a run: read inputs, inspect the image, report. The only place
 * that sets outputs, writes the summary and fails the step.
 */
import * as core from '@actions/core'
import { UserError, errorMessage } from './errors.js'
import { getInputs, type Inputs } from './inputs.js'
import {
  findCredentials,
  type Credentials
} from './registry/auth/docker-config.js'
import { inspectImage } from './inspect.js'
import { RegistryClient } from './registry/client.js'
import { Transport, formatWait } from './registry/transport.js'
import { formatPlatform } from './registry/platform.js'
import {
  apiHost,
  formatReference,
  hostWithoutPort
} from './registry/reference.js'
import { imageOutputs } from './report/outputs.js'
import { writeImageSummary } from './report/summary.js'

/** The inputs' credentials, else whatever the runner has for the registry. */
async function credentialsFor(
  inputs: Inputs
): Promise<{ credentials?: Credentials; source?: string }> {
  if (inputs.credentials) {
    return {
      credentials: inputs.credentials,
      source: "the 'username'/'password' inputs"
    }
  }
  let lookup
  try {
    lookup = await findCredentials(inputs.reference.domain)
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

export async function run(): Promise<void> {
  let client: RegistryClient | undefined
  let transport: Transport | undefined
  try {
    const inputs = getInputs()
    const { reference } = inputs
    core.info(
      `Inspecting ${formatReference(reference)} (platform ${formatPlatform(inputs.platform)}) on ${apiHost(reference.domain)}`
    )
    const { credentials, source } = await credentialsFor(inputs)
    core.debug(`Credentials: ${source ?? 'none (anonymous)'}`)

    const started = Date.now()
    transport = new Transport({
      timeoutMs: inputs.requestTimeoutMs,
      deadline: started + inputs.timeoutMs,
      retry: {
        retries: inputs.retries,
        maxRetryAfterMs: inputs.maxRetryWaitMs
      },
      onRetry: (e) =>
        core.info(
          `${e.reason} from ${e.url}; retrying in ${formatWait(e.delayMs)} (${e.attempt}/${e.retries})`
        )
    })
    client = new RegistryClient({
      domain: reference.domain,
      credentials,
      insecure: isInsecure(reference.domain, inputs.insecureRegistries),
      transport,
      onSecret: (secret) => core.setSecret(secret)
    })
    const info = await inspectImage(
      {
        reference,
        platform: inputs.platform,
        credentials,
        credentialSource: source,
        waitForMs: inputs.waitForMs,
        onWait: (reason, leftMs) =>
          core.info(`${reason}; waiting for it (${formatWait(leftMs)} left)`)
      },
      client
    )
    core.debug(`HTTP requests: ${transport.requestCount}`)
    for (const warning of info.warnings) core.warning(warning)

    // Outputs are set only once everything succeeded: a failed step sets none.
    for (const [name, value] of imageOutputs(info)) core.setOutput(name, value)
    core.info(
      `${info.ref} → ${info.digest} (${formatPlatform(info.platform)}: ${info.imageDigest})`
    )
    try {
      writeImageSummary(core.summary, info)
      await core.summary.write()
    } catch (error) {
      core.warning(`Could not write the job summary: ${errorMessage(error)}`)
    }
  } catch (error) {
    core.setFailed(errorMessage(error))
  } finally {
    client?.dispose()
    transport?.dispose()
  }
}
