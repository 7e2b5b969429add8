/**
 * `WWW-Authenticate` parsing per RFC 7235/9110: several challenges in one
 * value (Node joins repeated headers with ", "), quoted strings with commas
 * and escapes, case-insensitive names. A linear scanner, no regex backtracking.
 */

export interface Challenge {
  /** Lowercased scheme: `bearer`, `basic`, ... */
  scheme: string
  /** Lowercased parameter names; a null-prototype map, so any name is safe. */
  params: Record<string, string>
  token68?: string
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/

export function parseChallenges(header: string): Challenge[] {
  const s = header
  let i = 0
  const out: Challenge[] = []

  const skip = (chars: string): void => {
    while (i < s.length && chars.includes(s[i])) i++
  }
  const token = (): string => {
    const start = i
    while (i < s.length && TCHAR.test(s[i])) i++
    return s.slice(start, i)
  }
  const quoted = (): string | undefined => {
    if (s[i] !== '"') return undefined
    i++
    let value = ''
    while (i < s.length) {
      const c = s[i++]
      if (c === '"') return value
      if (c === '\\' && i < s.length) value += s[i++]
      else value += c
    }
    return undefined // unterminated
  }

  while (i < s.length) {
    skip(' \t,')
    if (i >= s.length) break
    const scheme = token()
    if (!scheme) {
      i++ // not a challenge start: skip the stray character
      continue
    }
    const challenge: Challenge = {
      scheme: scheme.toLowerCase(),
      params: Object.create(null) as Record<string, string>
    }
    out.push(challenge)
    skip(' \t')

    // token68 form, e.g. `Negotiate abc==`
    const t68Start = i
    while (i < s.length && TOKEN68_CHAR.test(s[i])) i++
    while (i < s.length && s[i] === '=') i++
    const afterT68 = i
    skip(' \t')
    // `name=value` is a parameter; `abc==` alone before "," or the end is token68
    if (afterT68 > t68Start && (i >= s.length || s[i] === ',')) {
      challenge.token68 = s.slice(t68Start, afterT68)
      continue
    }
    i = t68Start

    // auth-params until the next scheme or the end
    for (;;) {
      skip(' \t,')
      const start = i
      const name = token()
      if (!name) break
      skip(' \t')
      if (s[i] !== '=') {
        i = start // a new challenge's scheme
        break
      }
      i++
      skip(' \t')
      const value = s[i] === '"' ? quoted() : token()
      if (value === undefined) break
      challenge.params[name.toLowerCase()] = value
    }
  }
  return out
}

/** The challenge to answer: Bearer over Basic; others are not supported. */
export function pickChallenge(challenges: Challenge[]): Challenge | undefined {
  return (
    challenges.find((c) => c.scheme === 'bearer') ??
    challenges.find((c) => c.scheme === 'basic')
  )
}
