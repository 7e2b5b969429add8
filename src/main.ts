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
import { log, publish, registryEvents } from './report/publish.js'

export async function run(): Promise<void> {
  let registries: Registries | undefined
  try {
    const settings = await readInputs()
    const job = await plan(settings)
    registries = new Registries(settings, registryEvents)
    // What happens while the registries are read folds away; the findings
    // are printed after it, in the open.
    const result = await log.group('Reading the registries', () =>
      job(registries!, log)
    )
    await publish(result, {
      githubToken: settings.mode === 'single' ? settings.githubToken : undefined
    })
  } catch (error) {
    log.fail(describeFailure(error))
  } finally {
    registries?.close()
  }
}
