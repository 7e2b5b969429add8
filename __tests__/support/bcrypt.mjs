// Minimal bcrypt ($2b$) so the htpasswd fixture needs no apache2-utils.
// Distribution only accepts bcrypt entries in htpasswd files. Test-only: no
// constant-time compare, no verify function, not meant for real secrets.
import { randomBytes } from 'node:crypto'

const WORDS = 18 + 4 * 256

// Blowfish's P-array and S-boxes are the hex digits of pi's fractional part.
// Computing them (Machin's formula on BigInt, a few ms) saves embedding 4 KiB
// of magic constants.
/** @type {Uint32Array | undefined} */
let piWords
/** @returns {Uint32Array} P-array (18 words) then the four S-boxes */
function blowfishInit() {
  if (piWords) return piWords
  const bits = BigInt(WORDS * 32 + 64)
  const one = 1n << bits
  /** @param {bigint} x */
  const atanInv = (x) => {
    const x2 = x * x
    let term = one / x
    let sum = term
    for (let k = 1n; term !== 0n; k++) {
      term /= x2
      const t = term / (2n * k + 1n)
      sum += k % 2n ? -t : t
    }
    return sum
  }
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n)
  const frac = (pi & (one - 1n)) >> 64n
  piWords = new Uint32Array(WORDS)
  for (let i = 0; i < WORDS; i++) {
    piWords[i] = Number((frac >> BigInt((WORDS - 1 - i) * 32)) & 0xffffffffn)
  }
  return piWords
}

/**
 * Enciphers the 64-bit block lr in place.
 * @param {Uint32Array} P
 * @param {Uint32Array} S
 * @param {Uint32Array} lr
 */
function encipher(P, S, lr) {
  let l = lr[0]
  let r = lr[1]
  /** @param {number} x */
  const f = (x) =>
    (((S[x >>> 24] + S[256 | ((x >>> 16) & 255)]) ^
      S[512 | ((x >>> 8) & 255)]) +
      S[768 | (x & 255)]) |
    0
  l ^= P[0]
  for (let i = 1; i < 17; i += 2) {
    r ^= f(l) ^ P[i]
    l ^= f(r) ^ P[i + 1]
  }
  lr[0] = (r ^ P[17]) >>> 0
  lr[1] = l >>> 0
}

/**
 * Reads 32-bit words cyclically from a byte array (Blowfish's stream2word).
 * @param {Buffer} bytes
 * @returns {() => number}
 */
function streamer(bytes) {
  let pos = 0
  return () => {
    let w = 0
    for (let i = 0; i < 4; i++) {
      w = (w << 8) | bytes[pos]
      pos = (pos + 1) % bytes.length
    }
    return w
  }
}

/**
 * @param {Uint32Array} P
 * @param {Uint32Array} S
 * @param {Buffer} key
 * @param {Buffer} [salt]
 */
function expandKey(P, S, key, salt) {
  const k = streamer(key)
  for (let i = 0; i < 18; i++) P[i] ^= k()
  const s = salt ? streamer(salt) : () => 0
  const lr = new Uint32Array(2)
  /**
   * @param {Uint32Array} arr
   * @param {number} n
   */
  const fill = (arr, n) => {
    for (let i = 0; i < n; i += 2) {
      lr[0] ^= s()
      lr[1] ^= s()
      encipher(P, S, lr)
      arr[i] = lr[0]
      arr[i + 1] = lr[1]
    }
  }
  fill(P, 18)
  fill(S, 1024)
}

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const BCR = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
/** @param {Buffer} buf */
const b64 = (buf) =>
  buf
    .toString('base64')
    .replace(/=+$/, '')
    .replace(/./g, (c) => BCR[STD.indexOf(c)])

/**
 * bcrypt ('$2b$') hash of password for htpasswd files ('$2b$NN$' + 53
 * chars). Test-only.
 * @param {string} password
 * @param {number} [cost] log2 rounds, 4..31 (Go's bcrypt minimum is 4)
 * @param {Buffer} [salt] 16 bytes, random by default
 * @returns {string}
 */
export function bcryptHash(password, cost = 4, salt = randomBytes(16)) {
  if (cost < 4 || cost > 31) throw new Error('bcrypt cost must be 4..31')
  if (salt.length !== 16) throw new Error('bcrypt salt must be 16 bytes')
  const key = Buffer.concat([Buffer.from(password, 'utf8'), Buffer.alloc(1)])
  if (key.length > 73) throw new Error('bcrypt password longer than 72 bytes')
  const init = blowfishInit()
  const P = init.slice(0, 18)
  const S = init.slice(18)
  expandKey(P, S, key, salt)
  for (let i = 0; i < 2 ** cost; i++) {
    expandKey(P, S, key)
    expandKey(P, S, salt)
  }
  const text = Buffer.from('OrpheanBeholderScryDoubt')
  const words = new Uint32Array(6)
  for (let i = 0; i < 6; i++) words[i] = text.readUInt32BE(i * 4)
  const lr = new Uint32Array(2)
  for (let i = 0; i < 6; i += 2) {
    lr[0] = words[i]
    lr[1] = words[i + 1]
    for (let j = 0; j < 64; j++) encipher(P, S, lr)
    words[i] = lr[0]
    words[i + 1] = lr[1]
  }
  const out = Buffer.alloc(24)
  for (let i = 0; i < 6; i++) out.writeUInt32BE(words[i], i * 4)
  const c = String(cost).padStart(2, '0')
  return `$2b$${c}$${b64(salt)}${b64(out.subarray(0, 23))}`
}
