// Timing a command from the bench: wall time, exit status and output, the
// event loop left free (the registry, token server and CDN the command
// talks to live in the bench's own process); and the median of runs.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/**
 * @typedef {object} RunResult
 * @property {number} ms wall time
 * @property {number | string} code exit status (0 on success), or the spawn error's code
 * @property {string} stdout
 * @property {string} stderr
 */

/**
 * Runs a command without blocking the event loop (the registry's proxy, token server and CDN live in this process); a failing exit is an error.
 * @param {string} cmd
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env] default: this process's
 * @returns {Promise<RunResult>}
 */
export async function timed(cmd, args, env) {
  const result = await run(cmd, args, env)
  if (result.code !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed: ${result.stderr || `exit ${result.code}`}`
    )
  }
  return result
}

/**
 * Like timed(), but a failing exit is a result, not an error.
 * @param {string} cmd
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<RunResult>}
 */
export function run(cmd, args, env) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint()
    execFile(
      cmd,
      args,
      { env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6
        resolve({ ms, code: error ? (error.code ?? 1) : 0, stdout, stderr })
      }
    )
  })
}

/**
 * @param {number[]} xs
 * @returns {number}
 */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2
    ? s[(s.length - 1) / 2]
    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/**
 * The floor for any Node client: one inspection of library/nginx:1.27 (the
 * same five requests: 401, token, manifest, config blob, its CDN redirect)
 * with bare node:http, keep-alive and no libraries, parsing nothing it does
 * not need. Written to `dir`; run as `node floor.mjs HOST:PORT`.
 * @param {string} dir
 * @returns {string} the script's path
 */
export function writeFloor(dir) {
  const floor = path.join(dir, 'floor.mjs')
  fs.writeFileSync(
    floor,
    `import http from 'node:http'
const agent = new http.Agent({ keepAlive: true })
const get = (url, headers = {}) => new Promise((resolve, reject) => {
  http.get(url, { agent, headers }, (res) => { const c = []; res.on('data', (d) => c.push(d)); res.on('end', () => resolve({ res, body: Buffer.concat(c) })) }).on('error', reject)
})
const base = 'http://' + process.argv[2]
const accept = 'application/vnd.oci.image.manifest.v1+json'
let r = await get(base + '/v2/library/nginx/manifests/1.27', { accept })
const ch = r.res.headers['www-authenticate']
const realm = /realm="([^"]+)"/.exec(ch)[1], service = /service="([^"]+)"/.exec(ch)[1]
const t = JSON.parse((await get(realm + '?service=' + service + '&scope=repository:library/nginx:pull')).body).token
r = await get(base + '/v2/library/nginx/manifests/1.27', { accept, authorization: 'Bearer ' + t })
r = await get(base + '/v2/library/nginx/blobs/' + JSON.parse(r.body).config.digest, { authorization: 'Bearer ' + t })
r = await get(r.res.headers.location)
process.stdout.write(JSON.stringify(JSON.parse(r.body).config) + '\\n')
agent.destroy()
`
  )
  return floor
}
