// Every test run gets a temp folder of its own (TMPDIR, inherited by the
// workers and every process they start), so the teardown can tell what the
// tests left behind, whatever else runs on the machine.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export default function globalSetup() {
  process.env.RII_TEMP_PARENT = os.tmpdir()
  process.env.TMPDIR = fs.mkdtempSync(path.join(os.tmpdir(), 'rii-jest-'))
}
