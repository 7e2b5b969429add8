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
  const scanner = new ChallengeScanner(header)
  const out: Challenge[] = []
  while (!scanner.done()) {
    scanner.skip(' \t,')
    if (scanner.done()) break
    const scheme = scanner.token()
    if (!scheme) {
      scanner.skipChar() // not a challenge start: skip the stray character
      continue
    }
    const challenge: Challenge = {
      scheme: scheme.toLowerCase(),
      params: Object.create(null) as Record<string, string>
    }
    out.push(challenge)
    scanner.skip(' \t')
    const token68 = scanner.token68()
    if (token68 !== undefined) challenge.token68 = token68
    else scanner.params(challenge.params)
  }
  return out
}

/** A cursor over one header value; each read moves past what it read. */
class ChallengeScanner {
  private i = 0

  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length
  }

  skipChar(): void {
    this.i++
  }

  skip(chars: string): void {
    while (this.i < this.s.length && chars.includes(this.s[this.i])) this.i++
  }

  token(): string {
    const start = this.i
    while (this.i < this.s.length && TCHAR.test(this.s[this.i])) this.i++
    return this.s.slice(start, this.i)
  }

  private quoted(): string | undefined {
    const s = this.s
    if (s[this.i] !== '"') return undefined
    this.i++
    let value = ''
    while (this.i < s.length) {
      const c = s[this.i++]
      if (c === '"') return value
      if (c === '\\' && this.i < s.length) value += s[this.i++]
      else value += c
    }
    return undefined // unterminated
  }

  /** token68, e.g. `Negotiate abc==`; if there is none, nothing is read. */
  token68(): string | undefined {
    const s = this.s
    const start = this.i
    while (this.i < s.length && TOKEN68_CHAR.test(s[this.i])) this.i++
    while (this.i < s.length && s[this.i] === '=') this.i++
    const end = this.i
    this.skip(' \t')
    // `name=value` is a parameter; `abc==` alone before "," or the end is token68
    if (end > start && (this.done() || s[this.i] === ',')) {
      return s.slice(start, end)
    }
    this.i = start
    return undefined
  }

  /** auth-params into `params` until the next scheme or the end. */
  params(params: Record<string, string>): void {
    const s = this.s
    for (;;) {
      this.skip(' \t,')
      const start = this.i
      const name = this.token()
      if (!name) break
      this.skip(' \t')
      if (s[this.i] !== '=') {
        this.i = start // a new challenge's scheme
        break
      }
      this.i++
      this.skip(' \t')
      const value = s[this.i] === '"' ? this.quoted() : this.token()
      if (value === undefined) break
      params[name.toLowerCase()] = value
    }
  }
}

/** The challenge to answer: Bearer over Basic; others are not supported. */
export function pickChallenge(challenges: Challenge[]): Challenge | undefined {
  return (
    challenges.find((c) => c.scheme === 'bearer') ??
    challenges.find((c) => c.scheme === 'basic')
  )
}
