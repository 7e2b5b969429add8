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
  test.each<[string, Unlined]>([
    ['label org.opencontainers.image.source exists', { kind: 'label', text: 'label org.opencontainers.image.source exists', key: 'org.opencontainers.image.source', op: 'exists' }],
    ['label org.opencontainers.image.source missing', { kind: 'label', text: 'label org.opencontainers.image.source missing', key: 'org.opencontainers.image.source', op: 'missing' }],
    ['label vendor == ACME', { kind: 'label', text: 'label vendor == ACME', key: 'vendor', op: '==', value: 'ACME' }],
    ['label vendor != ACME Corp', { kind: 'label', text: 'label vendor != ACME Corp', key: 'vendor', op: '!=', value: 'ACME Corp' }],
    ['label version =~ ^2\\.[0-9]+\\.[0-9]+$', { kind: 'label', text: 'label version =~ ^2\\.[0-9]+\\.[0-9]+$', key: 'version', op: '=~', value: '^2\\.[0-9]+\\.[0-9]+$' }],
    ['label version !~ -rc', { kind: 'label', text: 'label version !~ -rc', key: 'version', op: '!~', value: '-rc' }],
    ['label vendor ==', { kind: 'label', text: 'label vendor ==', key: 'vendor', op: '==', value: '' }],
    ['env PATH exists', { kind: 'env', text: 'env PATH exists', key: 'PATH', op: 'exists' }],
    ['env DEBUG missing', { kind: 'env', text: 'env DEBUG missing', key: 'DEBUG', op: 'missing' }],
    ['env MODE == prod', { kind: 'env', text: 'env MODE == prod', key: 'MODE', op: '==', value: 'prod' }],
    ['env MODE != dev', { kind: 'env', text: 'env MODE != dev', key: 'MODE', op: '!=', value: 'dev' }],
    ['env PATH =~ (^|:)/usr/bin(:|$)', { kind: 'env', text: 'env PATH =~ (^|:)/usr/bin(:|$)', key: 'PATH', op: '=~', value: '(^|:)/usr/bin(:|$)' }],
    ['env PATH !~ (^|:)/root', { kind: 'env', text: 'env PATH !~ (^|:)/root', key: 'PATH', op: '!~', value: '(^|:)/root' }],
    ['LABEL vendor exists', { kind: 'label', text: 'LABEL vendor exists', key: 'vendor', op: 'exists' }],
    ['Env MODE == prod', { kind: 'env', text: 'Env MODE == prod', key: 'MODE', op: '==', value: 'prod' }],
    ['label\tvendor\t==\tACME', { kind: 'label', text: 'label\tvendor\t==\tACME', key: 'vendor', op: '==', value: 'ACME' }],
    ['label   vendor   ==   ACME', { kind: 'label', text: 'label   vendor   ==   ACME', key: 'vendor', op: '==', value: 'ACME' }],
    ['  label vendor == ACME  ', { kind: 'label', text: 'label vendor == ACME', key: 'vendor', op: '==', value: 'ACME' }],
    ['label "key with spaces" exists', { kind: 'label', text: 'label "key with spaces" exists', key: 'key with spaces', op: 'exists' }],
    ['label "key with spaces" == "two words"', { kind: 'label', text: 'label "key with spaces" == "two words"', key: 'key with spaces', op: '==', value: 'two words' }],
    ['label "k"== x', { kind: 'label', text: 'label "k"== x', key: 'k', op: '==', value: 'x' }],
    ['label "a \\"quoted\\" key" == "say \\"hi\\" \\\\ bye"', { kind: 'label', text: 'label "a \\"quoted\\" key" == "say \\"hi\\" \\\\ bye"', key: 'a "quoted" key', op: '==', value: 'say "hi" \\ bye' }],
    ['label k == "  padded  "', { kind: 'label', text: 'label k == "  padded  "', key: 'k', op: '==', value: '  padded  ' }],
    ['label k == ""', { kind: 'label', text: 'label k == ""', key: 'k', op: '==', value: '' }],
    ['label k == a "b" c', { kind: 'label', text: 'label k == a "b" c', key: 'k', op: '==', value: 'a "b" c' }],
    ['label k =~ "^two words$"', { kind: 'label', text: 'label k =~ "^two words$"', key: 'k', op: '=~', value: '^two words$' }],
    ['label k =~ "^v\\\\d+$"', { kind: 'label', text: 'label k =~ "^v\\\\d+$"', key: 'k', op: '=~', value: '^v\\d+$' }],
    ['env "WEIRD NAME" == 1', { kind: 'env', text: 'env "WEIRD NAME" == 1', key: 'WEIRD NAME', op: '==', value: '1' }],
    ['user is root', { kind: 'user', text: 'user is root', root: true }],
    ['user is not root', { kind: 'user', text: 'user is not root', root: false }],
    ['USER IS NOT ROOT', { kind: 'user', text: 'USER IS NOT ROOT', root: false }],
    ['User Is Root', { kind: 'user', text: 'User Is Root', root: true }],
    ['user   is \t not    root', { kind: 'user', text: 'user   is \t not    root', root: false }],
    ['platforms include linux/amd64', { kind: 'platforms', text: 'platforms include linux/amd64', include: true, platforms: [{ os: 'linux', architecture: 'amd64' }] }],
    ['platforms include linux/amd64, linux/arm64', { kind: 'platforms', text: 'platforms include linux/amd64, linux/arm64', include: true, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] }],
    ['platforms include linux/amd64,linux/arm64', { kind: 'platforms', text: 'platforms include linux/amd64,linux/arm64', include: true, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] }],
    ['platforms include linux/amd64 linux/arm/v7', { kind: 'platforms', text: 'platforms include linux/amd64 linux/arm/v7', include: true, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm', variant: 'v7' }] }],
    ['platforms exclude linux/aarch64', { kind: 'platforms', text: 'platforms exclude linux/aarch64', include: false, platforms: [{ os: 'linux', architecture: 'arm64' }] }],
    ['platforms exclude linux/x86_64 , linux/arm64/v8', { kind: 'platforms', text: 'platforms exclude linux/x86_64 , linux/arm64/v8', include: false, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] }],
    ['platforms include linux/arm', { kind: 'platforms', text: 'platforms include linux/arm', include: true, platforms: [{ os: 'linux', architecture: 'arm', variant: 'v7' }] }],
    ['Platforms INCLUDE Linux/AMD64', { kind: 'platforms', text: 'Platforms INCLUDE Linux/AMD64', include: true, platforms: [{ os: 'linux', architecture: 'amd64' }] }],
    ['age < 30s', { kind: 'age', text: 'age < 30s', younger: true, ms: 30_000 }],
    ['age < 90m', { kind: 'age', text: 'age < 90m', younger: true, ms: 5_400_000 }],
    ['age > 2h', { kind: 'age', text: 'age > 2h', younger: false, ms: 7_200_000 }],
    ['age < 30d', { kind: 'age', text: 'age < 30d', younger: true, ms: 2_592_000_000 }],
    ['age > 2w', { kind: 'age', text: 'age > 2w', younger: false, ms: 1_209_600_000 }],
    ['age < 1.5h', { kind: 'age', text: 'age < 1.5h', younger: true, ms: 5_400_000 }],
    ['AGE < 30D', { kind: 'age', text: 'AGE < 30D', younger: true, ms: 2_592_000_000 }]
  ])('%j', (text, rule) => {
    expect(parseRules(text)).toEqual([{ ...rule, line: 1 }])
  })

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
  test.each([
    ['', []],
    ['\n\n', []],
    ['# only a comment', []]
  ])('%j has no rules', (text, rules) => {
    expect(parseRules(text)).toEqual(rules)
  })

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
    'expected one of: label KEY exists|missing, label KEY ==|!=|=~|!~ VALUE, env NAME … (same forms), user is [not] root, platforms include|exclude os/arch[, …], age <|> DURATION (e.g. 30d)'
  const longRegex = 'a'.repeat(MAX_PATTERN_LENGTH + 1)

  // prettier-ignore
  test.each([
    ['unknown subject', 'labels vendor exists', usage],
    ['unknown subject (image)', 'image vendor exists', usage],
    ['missing key', 'label', 'the key is missing'],
    ['missing key (env)', 'env', 'the key is missing'],
    ['empty quoted key', 'label "" exists', 'the key is empty'],
    ['missing operator', 'label vendor', '"(nothing)" is not an operator: use exists, missing, ==, !=, =~ or !~'],
    ['unknown operator', 'label vendor = ACME', '"=" is not an operator: use exists, missing, ==, !=, =~ or !~'],
    ['unknown operator (>=)', 'env N >= 3', '">=" is not an operator: use exists, missing, ==, !=, =~ or !~'],
    ['unknown operator (is)', 'label vendor is ACME', '"is" is not an operator: use exists, missing, ==, !=, =~ or !~'],
    ['trailing words after exists', 'label vendor exists ACME', 'nothing may follow "exists"'],
    ['trailing words after missing', 'env DEBUG missing really', 'nothing may follow "missing"'],
    ['words after a quoted value', 'label k == "a" b', 'nothing may follow the quoted value'],
    ['empty regex', 'label k =~', 'the regular expression is empty'],
    ['empty quoted regex', 'env K !~ ""', 'the regular expression is empty'],
    ['oversized regex', `label k =~ ${longRegex}`, `the regular expression is longer than ${MAX_PATTERN_LENGTH} characters`],
    ['unclosed quoted key', 'label "key with spaces exists', 'a quoted string is not closed'],
    ['unclosed quoted value', 'label k == "two words', 'a quoted string is not closed'],
    ['quote closed only by an escape', 'label k == "abc\\"', 'a quoted string is not closed'],
    ['user without a verb', 'user', 'write "user is root" or "user is not root"'],
    ['user is admin', 'user is admin', 'write "user is root" or "user is not root"'],
    ['user not root', 'user not root', 'write "user is root" or "user is not root"'],
    ['user is root extra', 'user is root now', 'write "user is root" or "user is not root"'],
    ['platforms without verb', 'platforms linux/amd64', 'write "platforms include os/arch[, …]" or "platforms exclude …"'],
    ['platforms with no list', 'platforms include', 'name at least one platform, e.g. linux/arm64'],
    ['platforms with only commas', 'platforms include , ,', 'name at least one platform, e.g. linux/arm64'],
    ['bad platform (no arch)', 'platforms include linux', '"linux" is not a platform (os/arch[/variant])'],
    ['bad platform (too many parts)', 'platforms exclude linux/arm/v7/x', '"linux/arm/v7/x" is not a platform (os/arch[/variant])'],
    ['bad platform in a list', 'platforms include linux/amd64, linux/', '"linux/" is not a platform (os/arch[/variant])'],
    ['age without operator', 'age 30d', 'write "age < 30d" or "age > 1h"'],
    ['age with <=', 'age <= 30d', 'write "age < 30d" or "age > 1h"'],
    ['age with glued operator', 'age <30d', 'write "age < 30d" or "age > 1h"'],
    ['bad duration unit', 'age < 30y', '"30y" is not a duration: write e.g. 90m, 12h, 30d, 2w'],
    ['duration without unit', 'age < 30', '"30" is not a duration: write e.g. 90m, 12h, 30d, 2w'],
    ['duration with a space', 'age > 30 d', '"30 d" is not a duration: write e.g. 90m, 12h, 30d, 2w'],
    ['negative duration', 'age > -1d', '"-1d" is not a duration: write e.g. 90m, 12h, 30d, 2w'],
    ['missing duration', 'age <', '"" is not a duration: write e.g. 90m, 12h, 30d, 2w']
  ])('%s', (_name, rule, problem) => {
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
    ['a backreference', '(a)\\1', 'invalid escape sequence: `\\1`'],
    ['a lookahead', '(?=x)', 'invalid or unsupported Perl syntax: `(?=`'],
    ['a negative lookahead', 'foo(?!bar)', 'invalid or unsupported Perl syntax: `(?!`'],
    ['an unclosed class', '[a-', 'missing closing ]: `[a-`'],
    ['a bad repeat', 'a{2,1}', 'invalid repeat count: `{2,1}`'],
    ['a bare star', '*', 'missing argument to repetition operator: `*`']
  ])('rejects %s with a clear message', async (_name, source, detail) => {
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
    ['label org.opencontainers.image.vendor exists', true, 'ACME'],
    ['label org.opencontainers.image.vendor missing', false, 'ACME'],
    ['label org.opencontainers.image.vendor == ACME', true, 'ACME'],
    ['label org.opencontainers.image.vendor == acme', false, 'ACME'],
    ['label org.opencontainers.image.vendor != ACME', false, 'ACME'],
    ['label org.opencontainers.image.vendor != Other', true, 'ACME'],
    ['label org.opencontainers.image.version =~ ^2\\.[0-9]+\\.[0-9]+$', true, '2.4.1'],
    ['label org.opencontainers.image.version =~ ^3\\.', false, '2.4.1'],
    ['label org.opencontainers.image.version !~ -rc', true, '2.4.1'],
    ['label org.opencontainers.image.version !~ ^2', false, '2.4.1'],
    ['label org.opencontainers.image.version =~ 4', true, '2.4.1'],
    ['label "key with spaces" == "two words"', true, 'two words'],
    ['label "key with spaces" =~ "^two w"', true, 'two words'],
    // missing label
    ['label nope exists', false, '(missing)'],
    ['label nope missing', true, '(missing)'],
    ['label nope == ACME', false, '(missing)'],
    ['label nope == ', false, '(missing)'],
    ['label nope != ACME', true, '(missing)'],
    ['label nope =~ .*', false, '(missing)'],
    ['label nope !~ .*', true, '(missing)'],
    // empty value: set, and equal to the empty string
    ['label empty exists', true, ''],
    ['label empty missing', false, ''],
    ['label empty ==', true, ''],
    ['label empty == ""', true, ''],
    ['label empty != x', true, ''],
    ['label empty =~ ^$', true, ''],
    ['label empty !~ .', true, ''],
    ['label empty =~ .', false, ''],
    // keys that are Object.prototype names
    ['label __proto__ exists', true, 'polluted?'],
    ['label __proto__ == polluted?', true, 'polluted?'],
    ['label constructor == ctor', true, 'ctor'],
    ['label toString exists', false, '(missing)'],
    ['label hasOwnProperty == x', false, '(missing)'],
    ['env __proto__ exists', false, '(missing)'],
    ['env constructor != x', true, '(missing)'],
    // env
    ['env PATH exists', true, '/usr/local/bin:/usr/bin'],
    ['env PATH !~ (^|:)/root', true, '/usr/local/bin:/usr/bin'],
    ['env PATH =~ (^|:)/usr/bin(:|$)', true, '/usr/local/bin:/usr/bin'],
    ['env PATH == /usr/bin', false, '/usr/local/bin:/usr/bin'],
    ['env EMPTY exists', true, ''],
    ['env EMPTY == ""', true, ''],
    ['env DEBUG missing', true, '(missing)'],
    ['env DEBUG =~ 1', false, '(missing)'],
    // a label is not an env entry and vice versa
    ['env org.opencontainers.image.vendor exists', false, '(missing)'],
    ['label PATH exists', false, '(missing)']
  ])('%s → %s', async (rule, passed, actual) => {
    expect(await evaluate(rule, info)).toEqual([passed, actual])
  })

  // prettier-ignore
  test.each([
    ['', true, '(empty: root)'],
    ['root', true, 'root'],
    ['0', true, '0'],
    ['0:0', true, '0:0'],
    ['root:root', true, 'root:root'],
    ['0:1000', true, '0:1000'],
    ['1000', false, '1000'],
    ['1000:0', false, '1000:0'],
    ['app', false, 'app'],
    ['nobody:0', false, 'nobody:0'],
    ['nobody:root', false, 'nobody:root'],
    ['rooter', false, 'rooter']
  ])('user %j: root=%s', async (user, root, actual) => {
    expect(isRoot(user)).toBe(root)
    const withUser = image({ user })
    expect(await evaluate('user is root', withUser)).toEqual([root, actual])
    expect(await evaluate('user is not root', withUser)).toEqual([!root, actual])
  })

  const amd64 = { os: 'linux', architecture: 'amd64' }
  const arm64v8 = { os: 'linux', architecture: 'arm64', variant: 'v8' }
  const armv7 = { os: 'linux', architecture: 'arm', variant: 'v7' }
  const aarch64 = { os: 'Linux', architecture: 'aarch64' }

  // prettier-ignore
  test.each([
    ['platforms include linux/amd64', [amd64, arm64v8], true, 'linux/amd64, linux/arm64'],
    ['platforms include linux/amd64, linux/arm64', [amd64, arm64v8], true, 'linux/amd64, linux/arm64'],
    ['platforms include linux/aarch64', [amd64, arm64v8], true, 'linux/amd64, linux/arm64'],
    ['platforms include linux/arm64/v8', [aarch64], true, 'linux/arm64'],
    ['platforms include linux/x86_64 linux/arm64', [aarch64], false, 'linux/arm64'],
    ['platforms include linux/arm64, linux/arm/v7', [amd64, arm64v8], false, 'linux/amd64, linux/arm64'],
    ['platforms include linux/arm', [armv7], true, 'linux/arm/v7'],
    ['platforms include linux/arm/v6', [armv7], false, 'linux/arm/v7'],
    ['platforms exclude linux/arm/v7', [amd64, arm64v8], true, 'linux/amd64, linux/arm64'],
    ['platforms exclude linux/arm/v7, linux/aarch64', [amd64, arm64v8], false, 'linux/amd64, linux/arm64'],
    ['platforms exclude windows/amd64', [amd64], true, 'linux/amd64'],
    // attestations are not in ImageInfo.platforms at all
    ['platforms exclude unknown/unknown', [amd64, arm64v8], true, 'linux/amd64, linux/arm64'],
    ['platforms include linux/amd64', [], false, '(none)'],
    ['platforms exclude linux/amd64', [], true, '(none)']
  ])('%s on %j → %s', async (rule, platforms, passed, actual) => {
    expect(await evaluate(rule, image({}, platforms))).toEqual([passed, actual])
  })

  // prettier-ignore
  test.each([
    ['age < 30d', CREATED, true, `${CREATED} (10.0 d old)`],
    ['age < 10d', CREATED, false, `${CREATED} (10.0 d old)`],
    ['age > 2h', CREATED, true, `${CREATED} (10.0 d old)`],
    ['age > 2w', CREATED, false, `${CREATED} (10.0 d old)`],
    ['age < 1w', CREATED, false, `${CREATED} (10.0 d old)`],
    ['age < 2h', '2024-05-11T11:00:00Z', true, '2024-05-11T11:00:00Z (1.0 h old)'],
    ['age > 30m', '2024-05-11T11:45:00Z', false, '2024-05-11T11:45:00Z (15 min old)'],
    ['age < 90s', '2024-05-11T11:59:00Z', true, '2024-05-11T11:59:00Z (1 min old)'],
    ['age < 30d', '2024-05-12T12:00:00+00:00', true, '2024-05-12T12:00:00+00:00 (in the future)'],
    ['age < 30d', '', false, '(no created time)'],
    ['age > 1s', '', false, '(no created time)'],
    ['age < 30d', 'yesterday', false, 'unreadable created time "yesterday"']
  ])('%s with created %j → %s', async (rule, created, passed, actual) => {
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
    ['label k =~ "^v\\d+$"', '^v\\d+$'],
    ['label k == "say \\"hi\\""', 'say "hi"'],
    ['label k == "back\\\\slash"', 'back\\slash'],
    ['label k == "C:\\path"', 'C:\\path']
  ])('%s keeps what a regex or path needs', (text, value) => {
    expect(parseRules(text)).toMatchObject([{ value }])
  })
})
