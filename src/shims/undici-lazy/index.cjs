'use strict'
// Stands in for `undici` (see package.json): the real module is required on
// the first property access, so runs that never use a proxy dispatcher never
// pay for evaluating it, nor (built apart, see `npm run package`) for
// compiling it with the main chunk.
let real
function load() {
  // Not bundled (ncc --external): dist/undici/index.cjs, beside dist/index.js.
  real ??= require('./undici/index.cjs')
  return real
}
module.exports = new Proxy(
  {},
  {
    get(_target, key) {
      // Bundler interop probes this at import time; answering must not load.
      if (key === '__esModule') return false
      return load()[key]
    },
    has(_target, key) {
      return key in load()
    },
    ownKeys() {
      return Reflect.ownKeys(load())
    },
    getOwnPropertyDescriptor(_target, key) {
      const d = Reflect.getOwnPropertyDescriptor(load(), key)
      return d && { ...d, configurable: true }
    }
  }
)
