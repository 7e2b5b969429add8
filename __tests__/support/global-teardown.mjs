// A test cleans up what it creates in its own teardown: anything left in the
// run's temp folder (global-setup.mjs) fails the run, naming it.
import fs from 'node:fs'

export default function globalTeardown() {
  const dir = process.env.TMPDIR
  const parent = process.env.RII_TEMP_PARENT
  if (!dir || !parent) return
  const left = fs.readdirSync(dir)
  fs.rmSync(dir, { recursive: true, force: true })
  process.env.TMPDIR = parent
  if (left.length > 0) {
    throw new Error(
      `The tests left ${left.length} entries in the temp folder (${left.slice(0, 10).join(', ')}${left.length > 10 ? ', …' : ''}): remove what a test creates in its own teardown.`
    )
  }
}
