/**
 * `undici` is replaced by a lazy stand-in (src/shims/undici-lazy) so that
 * @actions/http-client's start-up import costs nothing; it must still hand
 * out the real undici when a proxy dispatcher is asked for.
 */
import { afterEach, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { HttpClient } from '@actions/http-client'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

test('requiring undici loads nothing until a property is used', () => {
  // Plain Node, outside jest's module registry.
  const script = `
    const real = require.resolve('undici-real')
    const undici = require('undici')
    const before = Boolean(require.cache[real])
    const type = typeof undici.ProxyAgent
    console.log(JSON.stringify({ shim: require.resolve('undici'), before, type, after: Boolean(require.cache[real]) }))
  `
  const out = JSON.parse(
    execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  )
  expect(out).toEqual({
    shim: expect.stringMatching(/src\/shims\/undici-lazy\/index\.cjs$/),
    before: false,
    type: 'function',
    after: true
  })
})

test('http-client still builds a real ProxyAgent behind a proxy', () => {
  process.env.https_proxy = 'http://127.0.0.1:9'
  const dispatcher = new HttpClient('test').getAgentDispatcher(
    'https://registry.example.com'
  )
  expect(dispatcher?.constructor.name).toBe('ProxyAgent')
})
