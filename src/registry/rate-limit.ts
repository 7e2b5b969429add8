/** The pull quota registries announce in response headers (Docker Hub). */
import type { IncomingHttpHeaders } from 'node:http'

/** Docker Hub style `RateLimit-Limit: 100;w=21600` and `RateLimit-Remaining: 76;w=21600`. */
export interface RateLimit {
  limit: number
  remaining: number
  /** The window in seconds, when the registry says. */
  windowSeconds?: number
}

/** `100;w=21600` → 100 and 21600; absent or unreadable → undefined. */
export function readRateLimit(
  headers: IncomingHttpHeaders
): RateLimit | undefined {
  const parse = (name: string): [number, number | undefined] | undefined => {
    const value = headers[name]
    const text = Array.isArray(value) ? value[0] : value
    // At most 15 digits: every value stays an exact number.
    const match = text
      ? /^\s*(\d{1,15})(?!\d)\s*(?:;\s*w\s*=\s*(\d{1,15})(?!\d))?/.exec(text)
      : null
    return match
      ? [
          Number(match[1]),
          match[2] === undefined ? undefined : Number(match[2])
        ]
      : undefined
  }
  const limit = parse('ratelimit-limit')
  const remaining = parse('ratelimit-remaining')
  if (!limit || !remaining) return undefined
  const windowSeconds = limit[1] ?? remaining[1]
  return windowSeconds === undefined
    ? { limit: limit[0], remaining: remaining[0] }
    : { limit: limit[0], remaining: remaining[0], windowSeconds }
}
