/**
 * The story of a run: read the inputs, plan the job (checking all that can
 * be checked before a request), run it against the registries, publish
 * what it found. Any failure ends here, as one message; a failed run sets
 * no outputs.
 */
import { readInputs } from './inputs.js'
import { plan } from './jobs/plan.js'
import { Registries } from './registry/connect.js'
import { describeFailure } from './report/explain.js'
import { log, mask, publish } from './report/publish.js'
import { formatWait } from './text/duration.js'

export async function run(): Promise<void> {
  let registries: Registries | undefined
  try {
    const settings = readInputs()
    const job = await plan(settings)
    registries = new Registries(settings, {
      secret: mask,
      warning: (message) => log.warning(message),
      debug: (message) => log.debug(message),
      retry: (e) =>
        log.info(
          `${e.reason} from ${e.url}; retrying in ${formatWait(e.delayMs)} (${e.attempt}/${e.retries})`
        )
    })
    const result = await job(registries, log)
    await publish(result, {
      githubToken: settings.mode === 'single' ? settings.githubToken : undefined
    })
  } catch (error) {
    log.fail(describeFailure(error))
  } finally {
    registries?.close()
  }
}
