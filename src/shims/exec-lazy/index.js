// Stands in for @actions/exec (see package.json): the real module is
// imported on the first call, so runs that never execute a program never
// pay for loading child_process and @actions/io.
const real = () => import('@actions/exec-real')

/**
 * @param {string} commandLine
 * @param {string[]} [args]
 * @param {import('@actions/exec-real').ExecOptions} [options]
 */
export async function exec(commandLine, args, options) {
  return (await real()).exec(commandLine, args, options)
}

/**
 * @param {string} commandLine
 * @param {string[]} [args]
 * @param {import('@actions/exec-real').ExecOptions} [options]
 */
export async function getExecOutput(commandLine, args, options) {
  return (await real()).getExecOutput(commandLine, args, options)
}
