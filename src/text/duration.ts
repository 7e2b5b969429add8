/**
 * Durations as people write them in inputs and rules, and as the action
 * writes them back: one module, so every "30s" and "2.5 h" reads alike.
 */

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000
}

/** `90`, `90s`, `1m30s`, `500ms`, `2h` → milliseconds; a bare number is seconds. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase()
  if (/^\d+(?:\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000)
  if (!/^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(t)) return undefined
  let total = 0
  for (const [, n, unit] of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(n) * UNITS[unit]
  }
  return Math.round(total)
}

/** An age in a rule: one number and a unit of s, m, h, d or w (`30d`). */
export function parseAge(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhdw])$/i.exec(text.trim())
  return m ? Number(m[1]) * UNITS[m[2].toLowerCase()] : undefined
}

/** How long something waits or waited: `500 ms`, `30 s`, `5 min`, `2.5 h`, `3 days`. */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = Math.round(ms / 1000)
  if (s < 120) return `${s} s`
  const m = Math.round(s / 60)
  if (m < 120) return `${m} min`
  const h = m / 60
  if (h < 48) return `${h.toFixed(1)} h`
  return `${Math.round(h / 24)} days`
}

/** How old an image is: `12 min`, `1.0 h`, `3.5 d`. */
export function formatAge(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 3600) return `${Math.round(s / 60)} min`
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`
  return `${(s / 86_400).toFixed(1)} d`
}

/** A rate-limit window in whole units: `6 h`, `5 min`, `90 s`. */
export function formatWindow(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`
  if (seconds % 60 === 0) return `${seconds / 60} min`
  return `${seconds} s`
}
