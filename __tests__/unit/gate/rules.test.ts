/**
 * Gate rules: the grammar (every valid form, every mistake with its line and
 * text), RE2 compilation, and evaluation against a hand-built ImageInfo.
 */
import { describe, expect, it, test } from '@jest/globals'
import {
  MAX_PATTERN_LENGTH,
  RuleError,
  compilePatterns,
  evaluateRules,
  isRoot,
  parseRules,
  type Rule
} from '../../../src/gate/rules.js'
import type { BaseCheck } from '../../../src/image/base.js'
import type { ImageConfig, ImageInfo } from '../../../src/image/model.js'
import type { Platform } from '../../../src/image/platform.js'

/** A Rule as a table row writes it: everything but the line number. */
type Unlined<R = Rule> = R extends unknown ? Omit<R, 'line'> : never

function ruleError(text: string): RuleError {
  try {
    parseRules(text)
  } catch (error) {
    if (error instanceof RuleError) return error
    throw error
  }
  throw new Error(`parsed without error: ${text}`)
}

async function compileError(rules: Rule[]): Promise<RuleError> {
  try {
    await compilePatterns(rules)
  } catch (error) {
    if (error instanceof RuleError) return error
    throw error
  }
  throw new Error('compiled without error')
}

const CREATED = '2024-05-01T12:00:00Z'
/** Ten days after CREATED. */
const NOW = Date.parse('2024-05-11T12:00:00Z')

function image(
  config: Partial<ImageConfig> = {},
  platforms: Platform[] = [{ os: 'linux', architecture: 'amd64' }]
): ImageInfo {
  return {
    reference: { domain: 'registry.test', path: 'team/app', tag: 'v1' },
    ref: 'registry.test/team/app:v1',
    digest: `sha256:${'1'.repeat(64)}`,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    imageDigest: `sha256:${'2'.repeat(64)}`,
    configDigest: `sha256:${'3'.repeat(64)}`,
    platform: { os: 'linux', architecture: 'amd64' },
    platforms,
    config: {
      os: 'linux',
      architecture: 'amd64',
      variant: '',
      created: CREATED,
      author: '',
      user: 'app',
      workdir: '/srv',
      entrypoint: null,
      cmd: null,
      env: [
        ['PATH', '/usr/local/bin:/usr/bin'],
        ['EMPTY', '']
      ],
      labels: [
        ['org.opencontainers.image.vendor', 'ACME'],
        ['org.opencontainers.image.version', '2.4.1'],
        ['key with spaces', 'two words'],
        ['empty', ''],
        ['__proto__', 'polluted?'],
        ['constructor', 'ctor']
      ],
      exposedPorts: [],
      volumes: [],
      stopSignal: '',
      ...config
    },
    layers: 1,
    size: 100,
    layerDigests: [],
    annotations: [],
    indexAnnotations: [],
    entryAnnotations: [],
    configText: '{}',
    warnings: []
  }
}

/** Parses, compiles and evaluates one rule. */
async function evaluate(
  rule: string,
  info: ImageInfo,
  now = NOW
): Promise<[boolean, string]> {
  const rules = parseRules(rule)
  const patterns = await compilePatterns(rules)
  const [result] = evaluateRules(rules, info, patterns, now)
  expect(result.rule).toBe(rule.trim())
  return [result.passed, result.actual]
}

describe('parseRules: valid forms', () => {
  // prettier-ignore
  const rows: { text: string; rule: Unlined }[] = [
    { text: 'label org.opencontainers.image.source exists', rule: { kind: 'label', text: 'label org.opencontainers.image.source exists', key: 'org.opencontainers.image.source', op: 'exists' } },
    { text: 'label org.opencontainers.image.source missing', rule: { kind: 'label', text: 'label org.opencontainers.image.source missing', key: 'org.opencontainers.image.source', op: 'missing' } },
    { text: 'label vendor == ACME', rule: { kind: 'label', text: 'label vendor == ACME', key: 'vendor', op: '==', value: 'ACME' } },
    { text: 'label vendor != ACME Corp', rule: { kind: 'label', text: 'label vendor != ACME Corp', key: 'vendor', op: '!=', value: 'ACME Corp' } },
    { text: 'label version =~ ^2\\.[0-9]+\\.[0-9]+$', rule: { kind: 'label', text: 'label version =~ ^2\\.[0-9]+\\.[0-9]+$', key: 'version', op: '=~', value: '^2\\.[0-9]+\\.[0-9]+$' } },
    { text: 'label version !~ -rc', rule: { kind: 'label', text: 'label version !~ -rc', key: 'version', op: '!~', value: '-rc' } },
    { text: 'label vendor ==', rule: { kind: 'label', text: 'label vendor ==', key: 'vendor', op: '==', value: '' } },
    { text: 'env PATH exists', rule: { kind: 'env', text: 'env PATH exists', key: 'PATH', op: 'exists' } },
    { text: 'env DEBUG missing', rule: { kind: 'env', text: 'env DEBUG missing', key: 'DEBUG', op: 'missing' } },
    { text: 'env MODE == prod', rule: { kind: 'env', text: 'env MODE == prod', key: 'MODE', op: '==', value: 'prod' } },
    { text: 'env MODE != dev', rule: { kind: 'env', text: 'env MODE != dev', key: 'MODE', op: '!=', value: 'dev' } },
    { text: 'env PATH =~ (^|:)/usr/bin(:|$)', rule: { kind: 'env', text: 'env PATH =~ (^|:)/usr/bin(:|$)', key: 'PATH', op: '=~', value: '(^|:)/usr/bin(:|$)' } },
    { text: 'env PATH !~ (^|:)/root', rule: { kind: 'env', text: 'env PATH !~ (^|:)/root', key: 'PATH', op: '!~', value: '(^|:)/root' } },
    { text: 'LABEL vendor exists', rule: { kind: 'label', text: 'LABEL vendor exists', key: 'vendor', op: 'exists' } },
    { text: 'Env MODE == prod', rule: { kind: 'env', text: 'Env MODE == prod', key: 'MODE', op: '==', value: 'prod' } },
    { text: 'label\tvendor\t==\tACME', rule: { kind: 'label', text: 'label\tvendor\t==\tACME', key: 'vendor', op: '==', value: 'ACME' } },
    { text: 'label   vendor   ==   ACME', rule: { kind: 'label', text: 'label   vendor   ==   ACME', key: 'vendor', op: '==', value: 'ACME' } },
    { text: '  label vendor == ACME  ', rule: { kind: 'label', text: 'label vendor == ACME', key: 'vendor', op: '==', value: 'ACME' } },
    { text: 'label "key with spaces" exists', rule: { kind: 'label', text: 'label "key with spaces" exists', key: 'key with spaces', op: 'exists' } },
    { text: 'label "key with spaces" == "two words"', rule: { kind: 'label', text: 'label "key with spaces" == "two words"', key: 'key with spaces', op: '==', value: 'two words' } },
    { text: 'label "k"== x', rule: { kind: 'label', text: 'label "k"== x', key: 'k', op: '==', value: 'x' } },
    { text: 'label "a \\"quoted\\" key" == "say \\"hi\\" \\\\ bye"', rule: { kind: 'label', text: 'label "a \\"quoted\\" key" == "say \\"hi\\" \\\\ bye"', key: 'a "quoted" key', op: '==', value: 'say "hi" \\ bye' } },
    { text: 'label k == "  padded  "', rule: { kind: 'label', text: 'label k == "  padded  "', key: 'k', op: '==', value: '  padded  ' } },
    { text: 'label k == ""', rule: { kind: 'label', text: 'label k == ""', key: 'k', op: '==', value: '' } },
    { text: 'label k == a "b" c', rule: { kind: 'label', text: 'label k == a "b" c', key: 'k', op: '==', value: 'a "b" c' } },
    { text: 'label k =~ "^two words$"', rule: { kind: 'label', text: 'label k =~ "^two words$"', key: 'k', op: '=~', value: '^two words$' } },
    { text: 'label k =~ "^v\\\\d+$"', rule: { kind: 'label', text: 'label k =~ "^v\\\\d+$"', key: 'k', op: '=~', value: '^v\\d+$' } },
    { text: 'env "WEIRD NAME" == 1', rule: { kind: 'env', text: 'env "WEIRD NAME" == 1', key: 'WEIRD NAME', op: '==', value: '1' } },
    { text: 'user is root', rule: { kind: 'user', text: 'user is root', root: true } },
    { text: 'user is not root', rule: { kind: 'user', text: 'user is not root', root: false } },
    { text: 'USER IS NOT ROOT', rule: { kind: 'user', text: 'USER IS NOT ROOT', root: false } },
    { text: 'User Is Root', rule: { kind: 'user', text: 'User Is Root', root: true } },
    { text: 'user   is \t not    root', rule: { kind: 'user', text: 'user   is \t not    root', root: false } },
    { text: 'platforms include linux/amd64', rule: { kind: 'platforms', text: 'platforms include linux/amd64', include: true, platforms: [{ os: 'linux', architecture: 'amd64' }] } },
    { text: 'platforms include linux/amd64, linux/arm64', rule: { kind: 'platforms', text: 'platforms include linux/amd64, linux/arm64', include: true, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] } },
    { text: 'platforms include linux/amd64,linux/arm64', rule: { kind: 'platforms', text: 'platforms include linux/amd64,linux/arm64', include: true, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] } },
    { text: 'platforms include linux/amd64 linux/arm/v7', rule: { kind: 'platforms', text: 'platforms include linux/amd64 linux/arm/v7', include: true, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm', variant: 'v7' }] } },
    { text: 'platforms exclude linux/aarch64', rule: { kind: 'platforms', text: 'platforms exclude linux/aarch64', include: false, platforms: [{ os: 'linux', architecture: 'arm64' }] } },
    { text: 'platforms exclude linux/x86_64 , linux/arm64/v8', rule: { kind: 'platforms', text: 'platforms exclude linux/x86_64 , linux/arm64/v8', include: false, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] } },
    { text: 'platforms include linux/arm', rule: { kind: 'platforms', text: 'platforms include linux/arm', include: true, platforms: [{ os: 'linux', architecture: 'arm', variant: 'v7' }] } },
    { text: 'Platforms INCLUDE Linux/AMD64', rule: { kind: 'platforms', text: 'Platforms INCLUDE Linux/AMD64', include: true, platforms: [{ os: 'linux', architecture: 'amd64' }] } },
    { text: 'age < 30s', rule: { kind: 'age', text: 'age < 30s', younger: true, ms: 30_000 } },
    { text: 'age < 90m', rule: { kind: 'age', text: 'age < 90m', younger: true, ms: 5_400_000 } },
    { text: 'age > 2h', rule: { kind: 'age', text: 'age > 2h', younger: false, ms: 7_200_000 } },
    { text: 'age < 30d', rule: { kind: 'age', text: 'age < 30d', younger: true, ms: 2_592_000_000 } },
    { text: 'age > 2w', rule: { kind: 'age', text: 'age > 2w', younger: false, ms: 1_209_600_000 } },
    { text: 'age < 1.5h', rule: { kind: 'age', text: 'age < 1.5h', younger: true, ms: 5_400_000 } },
    { text: 'AGE < 30D', rule: { kind: 'age', text: 'AGE < 30D', younger: true, ms: 2_592_000_000 } },
    { text: 'base is current', rule: { kind: 'base', text: 'base is current' } },
    { text: 'Base  IS\tCurrent', rule: { kind: 'base', text: 'Base  IS\tCurrent' } }
  ]
  // Titles quote the text, so that tabs and spaces show.
  test.each(rows.map((row) => ({ ...row, title: JSON.stringify(row.text) })))(
    '$title',
    ({ text, rule }) => {
      expect(parseRules(text)).toEqual([{ ...rule, line: 1 }])
    }
  )

  it('ignores blank lines and comments, keeps order, accepts CRLF', () => {
    const text = [
      '# base image policy',
      '',
      '   ',
      'label vendor == ACME',
      '  # indented comment',
      'user is not root\r',
      '\t',
      'age < 30d'
    ].join('\n')
    expect(parseRules(text)).toEqual([
      {
        kind: 'label',
        text: 'label vendor == ACME',
        key: 'vendor',
        op: '==',
        value: 'ACME',
        line: 4
      },
      { kind: 'user', text: 'user is not root', root: false, line: 6 },
      {
        kind: 'age',
        text: 'age < 30d',
        younger: true,
        ms: 2_592_000_000,
        line: 8
      }
    ])
    expect(parseRules('user is root\r\nuser is not root\r\n')).toEqual([
      { kind: 'user', text: 'user is root', root: true, line: 1 },
      { kind: 'user', text: 'user is not root', root: false, line: 2 }
    ])
  })

  // prettier-ignore
  const empty = [
    { text: '', rules: [] },
    { text: '\n\n', rules: [] },
    { text: '# only a comment', rules: [] }
  ]
  test.each(empty.map((row) => ({ ...row, title: JSON.stringify(row.text) })))(
    '$title has no rules',
    ({ text, rules }) => {
      expect(parseRules(text)).toEqual(rules)
    }
  )

  it('takes a regular expression of exactly the maximum length', () => {
    const value = 'a'.repeat(MAX_PATTERN_LENGTH)
    expect(parseRules(`label k =~ ${value}`)).toEqual([
      {
        kind: 'label',
        text: `label k =~ ${value}`,
        key: 'k',
        op: '=~',
        value,
        line: 1
      }
    ])
  })

  it('takes 500 rules but not 501', () => {
    const many = (n: number): string => Array(n).fill('user is root').join('\n')
    expect(parseRules(many(500))).toHaveLength(500)
    expect(ruleError(many(501)).message).toBe(
      'line 501 "…": at most 500 rules are allowed'
    )
  })
})

describe('parseRules: mistakes name the line and the rule', () => {
  const usage =
    'expected one of: label KEY exists|missing, label KEY ==|!=|=~|!~ VALUE, env NAME … (same forms), user is [not] root, platforms include|exclude os/arch[, …], age <|> DURATION (e.g. 30d), base is current'
  const longRegex = 'a'.repeat(MAX_PATTERN_LENGTH + 1)

  // prettier-ignore
  test.each([
    { name: 'unknown subject', rule: 'labels vendor exists', problem: usage },
    { name: 'unknown subject (image)', rule: 'image vendor exists', problem: usage },
    { name: 'base, not "is current"', rule: 'base is outdated', problem: 'write "base is current"' },
    { name: 'base, words after', rule: 'base is current please', problem: 'write "base is current"' },
    { name: 'missing key', rule: 'label', problem: 'the key is missing' },
    { name: 'missing key (env)', rule: 'env', problem: 'the key is missing' },
    { name: 'empty quoted key', rule: 'label "" exists', problem: 'the key is empty' },
    { name: 'missing operator', rule: 'label vendor', problem: '"(nothing)" is not an operator: use exists, missing, ==, !=, =~ or !~' },
    { name: 'unknown operator', rule: 'label vendor = ACME', problem: '"=" is not an operator: use exists, missing, ==, !=, =~ or !~' },
    { name: 'unknown operator (>=)', rule: 'env N >= 3', problem: '">=" is not an operator: use exists, missing, ==, !=, =~ or !~' },
    { name: 'unknown operator (is)', rule: 'label vendor is ACME', problem: '"is" is not an operator: use exists, missing, ==, !=, =~ or !~' },
    { name: 'trailing words after exists', rule: 'label vendor exists ACME', problem: 'nothing may follow "exists"' },
    { name: 'trailing words after missing', rule: 'env DEBUG missing really', problem: 'nothing may follow "missing"' },
    { name: 'words after a quoted value', rule: 'label k == "a" b', problem: 'nothing may follow the quoted value' },
    { name: 'empty regex', rule: 'label k =~', problem: 'the regular expression is empty' },
    { name: 'empty quoted regex', rule: 'env K !~ ""', problem: 'the regular expression is empty' },
    { name: 'oversized regex', rule: `label k =~ ${longRegex}`, problem: `the regular expression is longer than ${MAX_PATTERN_LENGTH} characters` },
    { name: 'unclosed quoted key', rule: 'label "key with spaces exists', problem: 'a quoted string is not closed' },
    { name: 'unclosed quoted value', rule: 'label k == "two words', problem: 'a quoted string is not closed' },
    { name: 'quote closed only by an escape', rule: 'label k == "abc\\"', problem: 'a quoted string is not closed' },
    { name: 'user without a verb', rule: 'user', problem: 'write "user is root" or "user is not root"' },
    { name: 'user is admin', rule: 'user is admin', problem: 'write "user is root" or "user is not root"' },
    { name: 'user not root', rule: 'user not root', problem: 'write "user is root" or "user is not root"' },
    { name: 'user is root extra', rule: 'user is root now', problem: 'write "user is root" or "user is not root"' },
    { name: 'platforms without verb', rule: 'platforms linux/amd64', problem: 'write "platforms include os/arch[, …]" or "platforms exclude …"' },
    { name: 'platforms with no list', rule: 'platforms include', problem: 'name at least one platform, e.g. linux/arm64' },
    { name: 'platforms with only commas', rule: 'platforms include , ,', problem: 'name at least one platform, e.g. linux/arm64' },
    { name: 'bad platform (no arch)', rule: 'platforms include linux', problem: '"linux" is not a platform (os/arch[/variant])' },
    { name: 'bad platform (too many parts)', rule: 'platforms exclude linux/arm/v7/x', problem: '"linux/arm/v7/x" is not a platform (os/arch[/variant])' },
    { name: 'bad platform in a list', rule: 'platforms include linux/amd64, linux/', problem: '"linux/" is not a platform (os/arch[/variant])' },
    { name: 'age without operator', rule: 'age 30d', problem: 'write "age < 30d" or "age > 1h"' },
    { name: 'age with <=', rule: 'age <= 30d', problem: 'write "age < 30d" or "age > 1h"' },
    { name: 'age with glued operator', rule: 'age <30d', problem: 'write "age < 30d" or "age > 1h"' },
    { name: 'bad duration unit', rule: 'age < 30y', problem: '"30y" is not a duration: write e.g. 90m, 12h, 30d, 2w' },
    { name: 'duration without unit', rule: 'age < 30', problem: '"30" is not a duration: write e.g. 90m, 12h, 30d, 2w' },
    { name: 'duration with a space', rule: 'age > 30 d', problem: '"30 d" is not a duration: write e.g. 90m, 12h, 30d, 2w' },
    { name: 'negative duration', rule: 'age > -1d', problem: '"-1d" is not a duration: write e.g. 90m, 12h, 30d, 2w' },
    { name: 'missing duration', rule: 'age <', problem: '"" is not a duration: write e.g. 90m, 12h, 30d, 2w' }
  ])('$name', ({ rule, problem }) => {
    const text = `# policy\n\nuser is not root\n  ${rule}  \nage < 30d`
    const error = ruleError(text)
    expect(error).toBeInstanceOf(RuleError)
    expect(error.name).toBe('RuleError')
    expect(error.line).toBe(4)
    expect(error.text).toBe(rule.trim())
    expect(error.message).toBe(`line 4 "${rule.trim()}": ${problem}`)
  })

  it('reports the first bad line', () => {
    const error = ruleError('user is root\nfoo\nbar')
    expect(error.message).toBe(`line 2 "foo": ${usage}`)
  })
})

describe('compilePatterns', () => {
  it('compiles nothing (and loads no RE2) without regular expressions', async () => {
    const patterns = await compilePatterns(
      parseRules('label a == b\nuser is root')
    )
    expect(patterns.size).toBe(0)
  })

  it('compiles each distinct pattern once', async () => {
    const patterns = await compilePatterns(
      parseRules('label a =~ ^x\nenv B !~ ^x\nenv C =~ y$')
    )
    expect([...patterns.keys()]).toEqual(['^x', 'y$'])
    expect(patterns.get('^x')!.test('xyz')).toBe(true)
    expect(patterns.get('^x')!.test('zyx')).toBe(false)
  })

  // prettier-ignore
  test.each([
    { name: 'a backreference', source: '(a)\\1', detail: 'invalid escape sequence: `\\1`' },
    { name: 'a lookahead', source: '(?=x)', detail: 'invalid or unsupported Perl syntax: `(?=`' },
    { name: 'a negative lookahead', source: 'foo(?!bar)', detail: 'invalid or unsupported Perl syntax: `(?!`' },
    { name: 'an unclosed class', source: '[a-', detail: 'missing closing ]: `[a-`' },
    { name: 'a bad repeat', source: 'a{2,1}', detail: 'invalid repeat count: `{2,1}`' },
    { name: 'a bare star', source: '*', detail: 'missing argument to repetition operator: `*`' }
  ])('rejects $name with a clear message', async ({ source, detail }) => {
    const rule = `label k =~ ${source}`
    const error = await compileError(parseRules(rule))
    expect(error).toBeInstanceOf(RuleError)
    expect(error.text).toBe(rule)
    expect(error.message).toContain(`"${rule}": the regular expression does not compile (`)
    expect(error.message).toContain(detail)
    expect(error.message).toMatch(/; RE2 syntax, no backreferences or lookaround$/)
  })

  it('names the line of the rule whose pattern does not compile', async () => {
    // RuleError's line is documented as 1-based; the bad rule is on line 3.
    const error = await compileError(
      parseRules('# policy\nlabel a =~ ^ok$\nenv B !~ (a)\\1')
    )
    expect(error.line).toBe(3)
    expect(error.message).toMatch(/^line 3 "env B !~ \(a\)\\1": /)
  })
})

describe('evaluateRules', () => {
  const info = image()

  // prettier-ignore
  test.each([
    // present label
    { rule: 'label org.opencontainers.image.vendor exists', passed: true, actual: 'ACME' },
    { rule: 'label org.opencontainers.image.vendor missing', passed: false, actual: 'ACME' },
    { rule: 'label org.opencontainers.image.vendor == ACME', passed: true, actual: 'ACME' },
    { rule: 'label org.opencontainers.image.vendor == acme', passed: false, actual: 'ACME' },
    { rule: 'label org.opencontainers.image.vendor != ACME', passed: false, actual: 'ACME' },
    { rule: 'label org.opencontainers.image.vendor != Other', passed: true, actual: 'ACME' },
    { rule: 'label org.opencontainers.image.version =~ ^2\\.[0-9]+\\.[0-9]+$', passed: true, actual: '2.4.1' },
    { rule: 'label org.opencontainers.image.version =~ ^3\\.', passed: false, actual: '2.4.1' },
    { rule: 'label org.opencontainers.image.version !~ -rc', passed: true, actual: '2.4.1' },
    { rule: 'label org.opencontainers.image.version !~ ^2', passed: false, actual: '2.4.1' },
    { rule: 'label org.opencontainers.image.version =~ 4', passed: true, actual: '2.4.1' },
    { rule: 'label "key with spaces" == "two words"', passed: true, actual: 'two words' },
    { rule: 'label "key with spaces" =~ "^two w"', passed: true, actual: 'two words' },
    // missing label
    { rule: 'label nope exists', passed: false, actual: '(missing)' },
    { rule: 'label nope missing', passed: true, actual: '(missing)' },
    { rule: 'label nope == ACME', passed: false, actual: '(missing)' },
    { rule: 'label nope == ', passed: false, actual: '(missing)' },
    { rule: 'label nope != ACME', passed: true, actual: '(missing)' },
    { rule: 'label nope =~ .*', passed: false, actual: '(missing)' },
    { rule: 'label nope !~ .*', passed: true, actual: '(missing)' },
    // empty value: set, and equal to the empty string
    { rule: 'label empty exists', passed: true, actual: '' },
    { rule: 'label empty missing', passed: false, actual: '' },
    { rule: 'label empty ==', passed: true, actual: '' },
    { rule: 'label empty == ""', passed: true, actual: '' },
    { rule: 'label empty != x', passed: true, actual: '' },
    { rule: 'label empty =~ ^$', passed: true, actual: '' },
    { rule: 'label empty !~ .', passed: true, actual: '' },
    { rule: 'label empty =~ .', passed: false, actual: '' },
    // keys that are Object.prototype names
    { rule: 'label __proto__ exists', passed: true, actual: 'polluted?' },
    { rule: 'label __proto__ == polluted?', passed: true, actual: 'polluted?' },
    { rule: 'label constructor == ctor', passed: true, actual: 'ctor' },
    { rule: 'label toString exists', passed: false, actual: '(missing)' },
    { rule: 'label hasOwnProperty == x', passed: false, actual: '(missing)' },
    { rule: 'env __proto__ exists', passed: false, actual: '(missing)' },
    { rule: 'env constructor != x', passed: true, actual: '(missing)' },
    // env
    { rule: 'env PATH exists', passed: true, actual: '/usr/local/bin:/usr/bin' },
    { rule: 'env PATH !~ (^|:)/root', passed: true, actual: '/usr/local/bin:/usr/bin' },
    { rule: 'env PATH =~ (^|:)/usr/bin(:|$)', passed: true, actual: '/usr/local/bin:/usr/bin' },
    { rule: 'env PATH == /usr/bin', passed: false, actual: '/usr/local/bin:/usr/bin' },
    { rule: 'env EMPTY exists', passed: true, actual: '' },
    { rule: 'env EMPTY == ""', passed: true, actual: '' },
    { rule: 'env DEBUG missing', passed: true, actual: '(missing)' },
    { rule: 'env DEBUG =~ 1', passed: false, actual: '(missing)' },
    // a label is not an env entry and vice versa
    { rule: 'env org.opencontainers.image.vendor exists', passed: false, actual: '(missing)' },
    { rule: 'label PATH exists', passed: false, actual: '(missing)' }
  ])('$rule → $passed', async ({ rule, passed, actual }) => {
    expect(await evaluate(rule, info)).toEqual([passed, actual])
  })

  // prettier-ignore
  const users = [
    { user: '', root: true, actual: '(empty: root)' },
    { user: 'root', root: true, actual: 'root' },
    { user: '0', root: true, actual: '0' },
    { user: '0:0', root: true, actual: '0:0' },
    { user: 'root:root', root: true, actual: 'root:root' },
    { user: '0:1000', root: true, actual: '0:1000' },
    { user: '1000', root: false, actual: '1000' },
    { user: '1000:0', root: false, actual: '1000:0' },
    { user: 'app', root: false, actual: 'app' },
    { user: 'nobody:0', root: false, actual: 'nobody:0' },
    { user: 'nobody:root', root: false, actual: 'nobody:root' },
    { user: 'rooter', root: false, actual: 'rooter' }
  ]
  test.each(
    users.map((row) => ({
      ...row,
      title: `user ${JSON.stringify(row.user)}: root=${row.root}`
    }))
  )('$title', async ({ user, root, actual }) => {
    expect(isRoot(user)).toBe(root)
    const withUser = image({ user })
    expect(await evaluate('user is root', withUser)).toEqual([root, actual])
    expect(await evaluate('user is not root', withUser)).toEqual([
      !root,
      actual
    ])
  })

  const amd64 = { os: 'linux', architecture: 'amd64' }
  const arm64v8 = { os: 'linux', architecture: 'arm64', variant: 'v8' }
  const armv7 = { os: 'linux', architecture: 'arm', variant: 'v7' }
  const aarch64 = { os: 'Linux', architecture: 'aarch64' }

  // prettier-ignore
  const platformRows = [
    { rule: 'platforms include linux/amd64', platforms: [amd64, arm64v8], passed: true, actual: 'linux/amd64, linux/arm64' },
    { rule: 'platforms include linux/amd64, linux/arm64', platforms: [amd64, arm64v8], passed: true, actual: 'linux/amd64, linux/arm64' },
    { rule: 'platforms include linux/aarch64', platforms: [amd64, arm64v8], passed: true, actual: 'linux/amd64, linux/arm64' },
    { rule: 'platforms include linux/arm64/v8', platforms: [aarch64], passed: true, actual: 'linux/arm64' },
    { rule: 'platforms include linux/x86_64 linux/arm64', platforms: [aarch64], passed: false, actual: 'linux/arm64' },
    { rule: 'platforms include linux/arm64, linux/arm/v7', platforms: [amd64, arm64v8], passed: false, actual: 'linux/amd64, linux/arm64' },
    { rule: 'platforms include linux/arm', platforms: [armv7], passed: true, actual: 'linux/arm/v7' },
    { rule: 'platforms include linux/arm/v6', platforms: [armv7], passed: false, actual: 'linux/arm/v7' },
    { rule: 'platforms exclude linux/arm/v7', platforms: [amd64, arm64v8], passed: true, actual: 'linux/amd64, linux/arm64' },
    { rule: 'platforms exclude linux/arm/v7, linux/aarch64', platforms: [amd64, arm64v8], passed: false, actual: 'linux/amd64, linux/arm64' },
    { rule: 'platforms exclude windows/amd64', platforms: [amd64], passed: true, actual: 'linux/amd64' },
    // attestations are not in ImageInfo.platforms at all
    { rule: 'platforms exclude unknown/unknown', platforms: [amd64, arm64v8], passed: true, actual: 'linux/amd64, linux/arm64' },
    { rule: 'platforms include linux/amd64', platforms: [], passed: false, actual: '(none)' },
    { rule: 'platforms exclude linux/amd64', platforms: [], passed: true, actual: '(none)' }
  ]
  test.each(
    platformRows.map((row) => ({
      ...row,
      title: `${row.rule} on ${JSON.stringify(row.platforms)} → ${row.passed}`
    }))
  )('$title', async ({ rule, platforms, passed, actual }) => {
    expect(await evaluate(rule, image({}, platforms))).toEqual([passed, actual])
  })

  // prettier-ignore
  const ages = [
    { rule: 'age < 30d', created: CREATED, passed: true, actual: `${CREATED} (10.0 d old)` },
    { rule: 'age < 10d', created: CREATED, passed: false, actual: `${CREATED} (10.0 d old)` },
    { rule: 'age > 2h', created: CREATED, passed: true, actual: `${CREATED} (10.0 d old)` },
    { rule: 'age > 2w', created: CREATED, passed: false, actual: `${CREATED} (10.0 d old)` },
    { rule: 'age < 1w', created: CREATED, passed: false, actual: `${CREATED} (10.0 d old)` },
    { rule: 'age < 2h', created: '2024-05-11T11:00:00Z', passed: true, actual: '2024-05-11T11:00:00Z (1.0 h old)' },
    { rule: 'age > 30m', created: '2024-05-11T11:45:00Z', passed: false, actual: '2024-05-11T11:45:00Z (15 min old)' },
    { rule: 'age < 90s', created: '2024-05-11T11:59:00Z', passed: true, actual: '2024-05-11T11:59:00Z (1 min old)' },
    { rule: 'age < 30d', created: '2024-05-12T12:00:00+00:00', passed: true, actual: '2024-05-12T12:00:00+00:00 (in the future)' },
    { rule: 'age < 30d', created: '', passed: false, actual: '(no created time)' },
    { rule: 'age > 1s', created: '', passed: false, actual: '(no created time)' },
    { rule: 'age < 30d', created: 'yesterday', passed: false, actual: 'unreadable created time "yesterday"' }
  ]
  test.each(
    ages.map((row) => ({
      ...row,
      title: `${row.rule} with created ${JSON.stringify(row.created)} → ${row.passed}`
    }))
  )('$title', async ({ rule, created, passed, actual }) => {
    expect(await evaluate(rule, image({ created }))).toEqual([passed, actual])
  })

  it('uses Date.now() when no time is given', async () => {
    const rules = parseRules('age < 1h\nage > 1h')
    const fresh = image({ created: new Date().toISOString() })
    const results = evaluateRules(rules, fresh, await compilePatterns(rules))
    expect(results.map((r) => r.passed)).toEqual([true, false])
  })

  it('returns one result per rule, in order, with the rule text', async () => {
    const rules = parseRules(
      'label org.opencontainers.image.vendor == ACME\nuser is root\n\n# x\nage < 30d'
    )
    const results = evaluateRules(
      rules,
      info,
      await compilePatterns(rules),
      NOW
    )
    expect(results).toEqual([
      {
        rule: 'label org.opencontainers.image.vendor == ACME',
        passed: true,
        actual: 'ACME'
      },
      { rule: 'user is root', passed: false, actual: 'app' },
      { rule: 'age < 30d', passed: true, actual: `${CREATED} (10.0 d old)` }
    ])
  })

  describe("base is current, against each platform's base check", () => {
    const BASE = 'docker.io/library/alpine:3.20'
    const check = (
      platform: string,
      status: BaseCheck['status']
    ): BaseCheck => ({
      platform,
      status,
      ref: BASE,
      reason: 'no base annotations'
    })
    // prettier-ignore
    test.each([
      { name: 'one platform, current', checks: [check('linux/amd64', 'current')], passed: true,
        actual: `current (linux/amd64 is built on the current ${BASE})` },
      { name: 'every platform current', checks: [check('linux/amd64', 'current'), check('linux/arm64', 'current')], passed: true,
        actual: `current (linux/amd64 is built on the current ${BASE}; linux/arm64 is built on the current ${BASE})` },
      { name: 'one outdated: names it', checks: [check('linux/amd64', 'current'), check('linux/arm64', 'outdated')], passed: false,
        actual: `outdated: linux/arm64 is built on an older ${BASE}: rebuild` },
      { name: 'unknown fails too, saying why', checks: [check('linux/amd64', 'unknown')], passed: false,
        actual: 'unknown: linux/amd64: base unknown (no base annotations)' },
      { name: 'no base check at all', checks: [], passed: false, actual: '(no base check)' }
    ])('$name', ({ checks, passed, actual }) => {
      const [result] = evaluateRules(parseRules('base is current'), info, new Map(), NOW, checks)
      expect([result.passed, result.actual]).toEqual([passed, actual])
    })
  })

  it('runs a catastrophic-backtracking pattern in linear time', async () => {
    const evil = 'a'.repeat(50_000) + 'b'
    const hostile = image({ labels: [['k', evil]] })
    // It only has to return (a backtracking engine would not, in practice).
    expect(await evaluate('label k =~ (a+)+$', hostile)).toEqual([false, evil])
    expect(await evaluate('label k !~ (a+)+$', hostile)).toEqual([true, evil])
    expect(await evaluate('label k =~ (a|aa)+b$', hostile)).toEqual([
      true,
      evil
    ])
  })
})

describe('operators and quoting, as users type them', () => {
  test('operator words are case-insensitive like the subjects', () => {
    expect(parseRules('label k EXISTS\nenv X Missing')).toMatchObject([
      { kind: 'label', op: 'exists', line: 1 },
      { kind: 'env', op: 'missing', line: 2 }
    ])
  })
  // prettier-ignore
  test.each([
    { text: 'label k =~ "^v\\d+$"', value: '^v\\d+$' },
    { text: 'label k == "say \\"hi\\""', value: 'say "hi"' },
    { text: 'label k == "back\\\\slash"', value: 'back\\slash' },
    { text: 'label k == "C:\\path"', value: 'C:\\path' }
  ])('$text keeps what a regex or path needs', ({ text, value }) => {
    expect(parseRules(text)).toMatchObject([{ value }])
  })
})
