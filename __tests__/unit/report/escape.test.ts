/**
 * escape.ts: the one way out for untrusted text, as tables of inputs and
 * what each renderer makes of them.
 */
import { describe, expect, test } from '@jest/globals'
import {
  MAX_CELL_CHARS,
  escapeHtml,
  htmlCell,
  htmlText,
  logLine,
  visible
} from '../../../src/report/escape.js'

const XSS = '<script>alert(1)</script>'

/** True if the string has an unpaired UTF-16 surrogate. */
const hasLoneSurrogate = (s: string): boolean =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(
    s
  )

describe('escapeHtml', () => {
  // prettier-ignore
  const rows: [string, string][] = [
    ['',                     ''],
    ['plain text',           'plain text'],
    ['a & b',                'a &amp; b'],
    ['<b>',                  '&lt;b&gt;'],
    ['"double"',             '&quot;double&quot;'],
    ["'single'",             '&#39;single&#39;'],
    ['&lt;',                 '&amp;lt;'],
    [XSS,                    '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a | b `c`',            'a | b `c`'],
    ['😀 ünïcødé',           '😀 ünïcødé']
  ]
  test.each(rows)('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected)
  })
})

describe('htmlText', () => {
  // prettier-ignore
  const rows: [string, string, string][] = [
    ['plain',                'abc',                 'abc'],
    ['escapes HTML',         '<i>x</i>',            '&lt;i&gt;x&lt;/i&gt;'],
    ['\\n → <br>',           'a\nb',                'a<br>b'],
    ['\\r\\n → <br>',        'a\r\nb',              'a<br>b'],
    ['several newlines',     'a\n\nb\n',            'a<br><br>b<br>'],
    ['a bare \\r → <br>',    'a\rb',                'a<br>b'],
    ['\\r\\r (a blank line)', 'a\r\r# h',          'a<br><br># h'],
    ['NEL, LS, PS, VT, FF',  'a\u0085b\u2028c\u2029d\ve\ff', 'a<br>b<br>c<br>d<br>e<br>f'],
    ['other controls shown', 'a\u0000b\u001bc\u007f', 'a\\x00b\\x1bc\\x7f'],
    ['bidi override shown',  'a\u202eb',             'a\\u202eb'],
    ['tab shown',            'a\tb',                'a\\tb'],
    ['escaped, then <br>',   '<a>\n</a>',           '&lt;a&gt;<br>&lt;/a&gt;'],
    ['pipes and backticks',  '| `x` |',             '| `x` |'],
    ['exactly the limit',    'y'.repeat(MAX_CELL_CHARS), 'y'.repeat(MAX_CELL_CHARS)]
  ]
  test.each(rows)('%s', (_scenario, input, expected) => {
    expect(htmlText(input)).toBe(expected)
  })

  test('a value longer than the limit is cut with a note', () => {
    const out = htmlText('x'.repeat(MAX_CELL_CHARS + 500))
    expect(out.startsWith('x'.repeat(MAX_CELL_CHARS))).toBe(true)
    expect(out).not.toContain('x'.repeat(MAX_CELL_CHARS + 1))
    expect(out).toMatch(/500 more characters/)
  })

  test('cutting does not split a surrogate pair', () => {
    const out = htmlText('a'.repeat(MAX_CELL_CHARS - 1) + '😀'.repeat(10))
    expect(hasLoneSurrogate(out)).toBe(false)
  })
})

describe('htmlCell', () => {
  // prettier-ignore
  const rows: [string, string, Parameters<typeof htmlCell>[1], string][] = [
    ['empty, nothing said',   '',            {},                                  ''],
    ['empty, our words',      '',            { empty: '<em>(none)</em>' },        '<em>(none)</em>'],
    ['as code',               '@octocat',    { code: true },                      '<code>@octocat</code>'],
    ['code, escaped',         '</code><b>',  { code: true },                      '<code>&lt;/code&gt;&lt;b&gt;</code>'],
    ['code, line breaks',     'a\r\rb',      { code: true },                      '<code>a<br><br>b</code>'],
    ['code, cut: note outside', 'x'.repeat(12), { code: true, max: 10 },           `<code>${'x'.repeat(10)}</code><em>… (2 more characters)</em>`],
    ['text, cut: note after',   'x'.repeat(12), { max: 10 },                       `${'x'.repeat(10)}… (2 more characters)`]
  ]
  test.each(rows)('%s', (_scenario, input, options, expected) => {
    expect(htmlCell(input, options)).toBe(expected)
  })
})

describe('visible', () => {
  // prettier-ignore
  const rows: [string, string, string][] = [
    ['plain text stays',      'héllo 世界 🚀 | `x` <b>', 'héllo 世界 🚀 | `x` <b>'],
    ['named escapes',         'a\nb\rc\td',          'a\\nb\\rc\\td'],
    ['C0 as \\xNN',          '\u0000\u0007\u001b',   '\\x00\\x07\\x1b'],
    ['DEL and C1',            '\u007f\u0085\u009b',   '\\x7f\\x85\\x9b'],
    ['line/paragraph sep',    '\u2028\u2029',         '\\u2028\\u2029'],
    ['bidi and BOM',          '\u202a\u202e\u2066\u2069\ufeff', '\\u202a\\u202e\\u2066\\u2069\\ufeff']
  ]
  test.each(rows)('%s', (_scenario, input, expected) => {
    expect(visible(input)).toBe(expected)
  })
})

describe('logLine', () => {
  // What a registry might put into a value the action logs, and the line
  // that reaches the runner: one line, no command anywhere in it.
  // prettier-ignore
  const rows: [string, string, string][] = [
    ['ours, untouched',            'Inspecting ghcr.io/a/b:1 → sha256:x',     'Inspecting ghcr.io/a/b:1 → sha256:x'],
    ['LF then a command',          'os linux\n::set-output name=digest::x',  'os linux\\n::set-output name=digest::x'],
    ['CR then a command',          'a\r::add-mask::x',                       'a\\r::add-mask::x'],
    ['NEL/LS then a command',      'a\u0085::error::x\u2028::warning::y',     'a\\x85::error::x\\u2028::warning::y'],
    ['legacy ##[ anywhere',        'v8 ##[set-output name=digest;]x',       'v8 ##\\x5bset-output name=digest;]x'],
    ['###[ and ##[##[',            '###[a ##[##[b',                         '###\\x5ba ##\\x5b##\\x5bb'],
    ['a line starting with ::',    '::stop-commands::tok',                  '\\x3a:stop-commands::tok'],
    ['spaces then ::',             '  ::error::x',                          '  \\x3a:error::x'],
    ['ANSI escapes',               'x\u001b[2J\u001b[31mred',              'x\\x1b[2J\\x1b[31mred'],
    ['% is left to core',          '50% %0A',                               '50% %0A']
  ]
  test.each(rows)('%s', (_scenario, input, expected) => {
    const line = logLine(input)
    expect(line).toBe(expected)
    expect(line).not.toMatch(/[\r\n\u0085\u2028\u2029]/)
    expect(line).not.toContain('##[')
    expect(line.trimStart().startsWith('::')).toBe(false)
  })
})
