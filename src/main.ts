/**
 * The story of a run: read inputs, inspect the image, report. The only place
 * that sets outputs, writes the summary and fails the step.
 */
import * as core from '@actions/core'
import { errorMessage } from './errors.js'
import { getInputs } from './inputs.js'
import { inspectImage } from './inspect.js'
import { RegistryClient } from './registry/client.js'
import { formatPlatform } from './registry/platform.js'
import { apiHost, formatReference } from './registry/reference.js'
import { imageOutputs } from './report/outputs.js'
import { writeImageSummary } from './report/summary.js'

export async function run(): Promise<void> {
  let client: RegistryClient | undefined
  try {
    const inputs = getInputs()
    const { reference } = inputs
    core.info(
      `Inspecting ${formatReference(reference)} (platform ${formatPlatform(inputs.platform)}) on ${apiHost(reference.domain)}`
    )
    core.debug(`Credentials: ${inputs.credentialSource ?? 'none (anonymous)'}`)

    client = new RegistryClient({
      domain: reference.domain,
      credentials: inputs.credentials,
      onSecret: (secret) => core.setSecret(secret)
    })
    const info = await inspectImage(
      {
        reference,
        platform: inputs.platform,
        credentials: inputs.credentials,
        credentialSource: inputs.credentialSource
      },
      client
    )
    core.debug(`HTTP requests: ${client.transport.requestCount}`)
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
  }
}
