// Small HTTP helpers shared by the test servers (registry.mjs,
// fault-proxy.mjs, token-front.ts). Node built-ins only.

/**
 * Reads a stream (a request or a response) to its end.
 * @param {import('node:stream').Readable} stream
 * @returns {Promise<Buffer>} all the bytes, concatenated
 */
export function readBody(stream) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = []
    stream.on('data', (/** @type {Buffer} */ c) => chunks.push(c))
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
  })
}
