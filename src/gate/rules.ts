/**
 * Gate rules: one per line, checked against an inspected image.
 *
 *   label org.opencontainers.image.vendor == ACME
 *   label org.opencontainers.image.source exists
 *   label "key with spaces" =~ ^v[0-9]+
 *   env PATH !~ /root
 *   user is not root
 *   platforms include linux/amd64, linux/arm64
 *   age < 30d
 *   base is current
 *
 * Parsing is pure and happens before any network call; regular expressions
 * run on RE2 (linear time), so a user's pattern cannot hang the step.
 */
import { overallStatus, verdict, type BaseCheck } from '../image/base.js'
import type { ImageInfo } from '../image/model.js'
import { formatAge, parseAge } from '../text/duration.js'
import { compilePattern, type Pattern } from '../text/pattern.js'
import {
  formatPlatform,
  normalizePlatform,
  parsePlatform,
  type Platform
} from '../image/platform.js'

export type Operator = '==' | '!=' | '=~' | '!~' | 'exists' | 'missing'

/** Every rule keeps its text and 1-based line, for messages. */
export type Rule = { text: string; line: number } & (
  | { kind: 'label' | 'env'; key: string; op: Operator; value?: string }
  | { kind: 'user'; root: boolean }
  | { kind: 'platforms'; include: boolean; platforms: Platform[] }
  | { kind: 'age'; younger: boolean; ms: number }
  | { kind: 'base' }
)

export interface RuleResult {
  rule: string
  passed: boolean
  /** What the image actually has, as shown to the user. */
  actual: string
}

/** A rule that cannot be parsed; `line` is 1-based. */
export class RuleError extends Error {
  constructor(
    readonly line: number,
    readonly text: string,
    problem: string
  ) {
    super(`line ${line} "${text}": ${problem}`)
    this.name = 'RuleError'
  }
}

export const MAX_PATTERN_LENGTH = 1000
const MAX_RULES = 500

const USAGE =
  'expected one of: label KEY exists|missing, label KEY ==|!=|=~|!~ VALUE, env NAME … (same forms), user is [not] root, platforms include|exclude os/arch[, …], age <|> DURATION (e.g. 30d), base is current'

/** Parses the rule list; blank lines and `#` comments are ignored. */
export function parseRules(text: string): Rule[] {
  const rules: Rule[] = []
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    rules.push(parseRule(line, index + 1))
  })
  if (rules.length > MAX_RULES) {
    throw new RuleError(
      MAX_RULES + 1,
      '…',
      `at most ${MAX_RULES} rules are allowed`
    )
  }
  return rules
}

/** One rule's text being read: what is left of it, and how to fail. */
interface Cursor {
  rest: string
  text: string
  line: number
}

function parseRule(text: string, line: number): Rule {
  const cursor: Cursor = { rest: text, text, line }
  const subject = word(cursor).toLowerCase()
  switch (subject) {
    case 'label':
    case 'env':
      return parseEntryRule(subject, cursor)
    case 'user': {
      const rest = cursor.rest.toLowerCase().replace(/\s+/g, ' ')
      if (rest === 'is root') return { kind: 'user', text, line, root: true }
      if (rest === 'is not root')
        return { kind: 'user', text, line, root: false }
      return fail(cursor, 'write "user is root" or "user is not root"')
    }
    case 'platforms':
      return parsePlatformsRule(cursor)
    case 'base': {
      const rest = cursor.rest.toLowerCase().replace(/\s+/g, ' ')
      if (rest === 'is current') return { kind: 'base', text, line }
      return fail(cursor, 'write "base is current"')
    }
    case 'age': {
      const op = word(cursor)
      if (op !== '<' && op !== '>') {
        fail(cursor, 'write "age < 30d" or "age > 1h"')
      }
      const ms = parseAge(cursor.rest)
      if (ms === undefined) {
        fail(
          cursor,
          `"${cursor.rest}" is not a duration: write e.g. 90m, 12h, 30d, 2w`
        )
      }
      return { kind: 'age', text, line, younger: op === '<', ms: ms! }
    }
    default:
      return fail(cursor, USAGE)
  }
}

function fail(cursor: Cursor, problem: string): never {
  throw new RuleError(cursor.line, cursor.text, problem)
}

/** The next word, consumed with the spaces after it ('' at the end). */
function word(cursor: Cursor): string {
  const m = /^(\S+)\s*/.exec(cursor.rest)
  if (!m) return ''
  cursor.rest = cursor.rest.slice(m[0].length)
  return m[1]
}

/** `label KEY OP [VALUE]` and `env NAME OP [VALUE]`. */
function parseEntryRule(kind: 'label' | 'env', cursor: Cursor): Rule {
  const { text, line } = cursor
  const key = readKey(cursor)
  const written = word(cursor)
  const op = (
    /^[a-z]+$/i.test(written) ? written.toLowerCase() : written
  ) as Operator
  if (op === 'exists' || op === 'missing') {
    if (cursor.rest !== '') fail(cursor, `nothing may follow "${op}"`)
    return { kind, text, line, key, op }
  }
  if (!['==', '!=', '=~', '!~'].includes(op)) {
    fail(
      cursor,
      `"${op || '(nothing)'}" is not an operator: use exists, missing, ==, !=, =~ or !~`
    )
  }
  const value = readValue(cursor)
  if (op === '=~' || op === '!~') {
    if (value === '') fail(cursor, 'the regular expression is empty')
    if (value.length > MAX_PATTERN_LENGTH) {
      fail(
        cursor,
        `the regular expression is longer than ${MAX_PATTERN_LENGTH} characters`
      )
    }
  }
  return { kind, text, line, key, op, value }
}

/** `platforms include|exclude os/arch[, …]`. */
function parsePlatformsRule(cursor: Cursor): Rule {
  const verb = word(cursor).toLowerCase()
  if (verb !== 'include' && verb !== 'exclude') {
    fail(
      cursor,
      'write "platforms include os/arch[, …]" or "platforms exclude …"'
    )
  }
  const items = cursor.rest.split(/[\s,]+/).filter(Boolean)
  if (items.length === 0) {
    fail(cursor, 'name at least one platform, e.g. linux/arm64')
  }
  const platforms = items.map(
    (item) =>
      parsePlatform(item) ??
      fail(cursor, `"${item}" is not a platform (os/arch[/variant])`)
  )
  return {
    kind: 'platforms',
    text: cursor.text,
    line: cursor.line,
    include: verb === 'include',
    platforms
  }
}

/** A label/env key: a bare word, or "quoted" for keys with spaces. */
function readKey(cursor: Cursor): string {
  if (cursor.rest.startsWith('"')) {
    const { value, end } = quoted(cursor)
    cursor.rest = cursor.rest.slice(end).trimStart()
    if (value === '') fail(cursor, 'the key is empty')
    return value
  }
  const m = /^(\S+)\s*/.exec(cursor.rest)
  if (!m) return fail(cursor, 'the key is missing')
  cursor.rest = cursor.rest.slice(m[0].length)
  return m[1]
}

/** The rest of the line, or a "quoted" string when it must keep spaces. */
function readValue(cursor: Cursor): string {
  const rest = cursor.rest
  if (!rest.startsWith('"')) return rest
  const { value, end } = quoted(cursor)
  if (rest.slice(end).trim() !== '') {
    fail(cursor, 'nothing may follow the quoted value')
  }
  return value
}

/** The quoted string `cursor.rest` starts with, and where it ends. */
function quoted(cursor: Cursor): { value: string; end: number } {
  const text = cursor.rest
  // Only \" and \\ are escapes: other backslashes stay, as regexes need them.
  let value = ''
  for (let i = 1; i < text.length; i++) {
    const c = text[i]
    if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
      value += text[++i]
    } else if (c === '"') return { value, end: i + 1 }
    else value += c
  }
  return fail(cursor, 'a quoted string is not closed')
}

/**
 * Compiles every regular expression up front with RE2 (loaded only when a
 * rule needs it), so a bad pattern is an input error before any request.
 */
export async function compilePatterns(
  rules: Rule[]
): Promise<Map<string, Pattern>> {
  const patterns = new Map<string, Pattern>()
  const sources = rules.flatMap((r) =>
    (r.kind === 'label' || r.kind === 'env') && (r.op === '=~' || r.op === '!~')
      ? [{ rule: r, source: r.value! }]
      : []
  )
  for (const { rule, source } of sources) {
    try {
      patterns.set(source, await compilePattern(source))
    } catch (error) {
      throw new RuleError(rule.line, rule.text, (error as Error).message)
    }
  }
  return patterns
}

/**
 * Checks each rule against the image; `now` is for the age rules, `base`
 * (each platform's base check) for the base rule.
 */
export function evaluateRules(
  rules: Rule[],
  info: ImageInfo,
  patterns: Map<string, Pattern>,
  now: number = Date.now(),
  base: BaseCheck[] = []
): RuleResult[] {
  return rules.map((rule) => {
    const [passed, actual] =
      rule.kind === 'base'
        ? checkBaseRule(base)
        : check(rule, info, patterns, now)
    return { rule: rule.text, passed, actual }
  })
}

function check(
  rule: Exclude<Rule, { kind: 'base' }>,
  info: ImageInfo,
  patterns: Map<string, Pattern>,
  now: number
): [boolean, string] {
  switch (rule.kind) {
    case 'label':
    case 'env':
      return checkEntry(rule, info, patterns)
    case 'user': {
      const user = info.config.user
      const root = isRoot(user)
      return [root === rule.root, user === '' ? '(empty: root)' : user]
    }
    case 'platforms': {
      const offered = info.platforms.map((p) =>
        formatPlatform(normalizePlatform(p))
      )
      const wanted = rule.platforms.map((p) => formatPlatform(p))
      const ok = rule.include
        ? wanted.every((p) => offered.includes(p))
        : wanted.every((p) => !offered.includes(p))
      return [ok, offered.join(', ') || '(none)']
    }
    case 'age':
      return checkAge(rule, info, now)
  }
}

function checkEntry(
  rule: Extract<Rule, { kind: 'label' | 'env' }>,
  info: ImageInfo,
  patterns: Map<string, Pattern>
): [boolean, string] {
  const entries = rule.kind === 'label' ? info.config.labels : info.config.env
  const value = entries.find(([k]) => k === rule.key)?.[1]
  const shown = value === undefined ? '(missing)' : value
  switch (rule.op) {
    case 'exists':
      return [value !== undefined, shown]
    case 'missing':
      return [value === undefined, shown]
    case '==':
      return [value === rule.value, shown]
    case '!=':
      return [value !== rule.value, shown]
    case '=~':
    case '!~': {
      if (value === undefined) return [rule.op === '!~', shown]
      const matches = patterns.get(rule.value!)!.test(value)
      return [rule.op === '=~' ? matches : !matches, shown]
    }
  }
}

function checkAge(
  rule: Extract<Rule, { kind: 'age' }>,
  info: ImageInfo,
  now: number
): [boolean, string] {
  const created = Date.parse(info.config.created)
  if (Number.isNaN(created)) {
    return [
      false,
      info.config.created
        ? `unreadable created time "${info.config.created}"`
        : '(no created time)'
    ]
  }
  const age = now - created
  const ok = rule.younger ? age < rule.ms : age > rule.ms
  const when = age < 0 ? 'in the future' : `${formatAge(age)} old`
  return [ok, `${info.config.created} (${when})`]
}

/** Current on every platform; otherwise what is not, and why. */
function checkBaseRule(checks: BaseCheck[]): [boolean, string] {
  if (checks.length === 0) return [false, '(no base check)']
  const status = overallStatus(checks)
  if (status === 'current') {
    return [true, `current (${checks.map(verdict).join('; ')})`]
  }
  const others = checks.filter((c) => c.status !== 'current')
  return [false, `${status}: ${others.map(verdict).join('; ')}`]
}

/** Empty, `root`, `0`, `0:…` and `root:…` all run as root. */
export function isRoot(user: string): boolean {
  const name = user.split(':')[0].trim()
  return name === '' || name === 'root' || name === '0'
}
