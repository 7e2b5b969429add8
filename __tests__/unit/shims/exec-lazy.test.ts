/**
 * `@actions/exec` is replaced by a lazy stand-in (src/shims/exec-lazy):
 * @actions/core imports it at start-up only for core.platform, so loading
 * child_process and @actions/io is deferred to the first call, which must
 * still run the program like the real one.
 */
import { expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'

test('importing @actions/exec loads nothing; a call runs the real one', () => {
  // Plain Node, outside jest's module registry.
  const script = `
    const loaded = () => process.moduleLoadList.includes('NativeModule child_process')
    const before = loaded()
    const exec = await import('@actions/exec')
    const afterImport = loaded()
    const out = await exec.getExecOutput(process.execPath, ['-e', 'process.stdout.write("ran")'], { silent: true })
    const code = await exec.exec(process.execPath, ['-e', 'process.exit(3)'], { silent: true, ignoreReturnCode: true })
    console.log(JSON.stringify({ before, afterImport, stdout: out.stdout, exitCode: out.exitCode, code, after: loaded() }))
  `
  const out = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8'
    })
  )
  expect(out).toEqual({
    before: false,
    afterImport: false,
    stdout: 'ran',
    exitCode: 0,
    code: 3,
    after: true
  })
})
