/**
 * escape.ts: the one way out for untrusted text, as tables of inputs and
 * what each renderer makes of them.
 */
import { describe, expect, test } from '@jest/globals'
import {
  MAX_CELL_CHARS,
  escapeHtml,
  htmlCell,
  htmlLink,
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
  const rows: { input: string; expected: string }[] = [
    { input: '',                     expected: '' },
    { input: 'plain text',           expected: 'plain text' },
    { input: 'a & b',                expected: 'a &amp; b' },
    { input: '<b>',                  expected: '&lt;b&gt;' },
    { input: '"double"',             expected: '&quot;double&quot;' },
    { input: "'single'",             expected: '&#39;single&#39;' },
    { input: '&lt;',                 expected: '&amp;lt;' },
    { input: XSS,                    expected: '&lt;script&gt;alert(1)&lt;/script&gt;' },
    { input: 'a | b `c`',            expected: 'a | b `c`' },
    { input: '😀 ünïcødé',           expected: '😀 ünïcødé' }
  ]
  /** Titles quote both strings, so the empty one shows as "". */
  const titled = rows.map((row) => ({
    ...row,
    title: `${JSON.stringify(row.input)} → ${JSON.stringify(row.expected)}`
  }))
  test.each(titled)('$title', ({ input, expected }) => {
    expect(escapeHtml(input)).toBe(expected)
  })
})

describe('htmlText', () => {
  // prettier-ignore
  const rows: { name: string; input: string; expected: string }[] = [
    { name: 'plain',                input: 'abc',                 expected: 'abc' },
    { name: 'escapes HTML',         input: '<i>x</i>',            expected: '&lt;i&gt;x&lt;/i&gt;' },
    { name: '\\n → <br>',           input: 'a\nb',                expected: 'a<br>b' },
    { name: '\\r\\n → <br>',        input: 'a\r\nb',              expected: 'a<br>b' },
    { name: 'several newlines',     input: 'a\n\nb\n',            expected: 'a<br><br>b<br>' },
    { name: 'a bare \\r → <br>',    input: 'a\rb',                expected: 'a<br>b' },
    { name: '\\r\\r (a blank line)', input: 'a\r\r# h',          expected: 'a<br><br># h' },
    { name: 'NEL, LS, PS, VT, FF',  input: 'a\u0085b\u2028c\u2029d\ve\ff', expected: 'a<br>b<br>c<br>d<br>e<br>f' },
    { name: 'other controls shown', input: 'a\u0000b\u001bc\u007f', expected: 'a\\x00b\\x1bc\\x7f' },
    { name: 'bidi override shown',  input: 'a\u202eb',             expected: 'a\\u202eb' },
    { name: 'tab shown',            input: 'a\tb',                expected: 'a\\tb' },
    { name: 'escaped, then <br>',   input: '<a>\n</a>',           expected: '&lt;a&gt;<br>&lt;/a&gt;' },
    { name: 'pipes and backticks',  input: '| `x` |',             expected: '| `x` |' },
    { name: 'exactly the limit',    input: 'y'.repeat(MAX_CELL_CHARS), expected: 'y'.repeat(MAX_CELL_CHARS) }
  ]
  test.each(rows)('$name', ({ input, expected }) => {
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
  interface Row {
    name: string
    input: string
    options: Parameters<typeof htmlCell>[1]
    expected: string
  }
  // prettier-ignore
  const rows: Row[] = [
    { name: 'empty, nothing said',   input: '',            options: {},                                  expected: '' },
    { name: 'empty, our words',      input: '',            options: { empty: '<em>(none)</em>' },        expected: '<em>(none)</em>' },
    { name: 'as code',               input: '@octocat',    options: { code: true },                      expected: '<code>@octocat</code>' },
    { name: 'code, escaped',         input: '</code><b>',  options: { code: true },                      expected: '<code>&lt;/code&gt;&lt;b&gt;</code>' },
    { name: 'code, line breaks',     input: 'a\r\rb',      options: { code: true },                      expected: '<code>a<br><br>b</code>' },
    { name: 'code, cut: note outside', input: 'x'.repeat(12), options: { code: true, max: 10 },           expected: `<code>${'x'.repeat(10)}</code><em>… (2 more characters)</em>` },
    { name: 'text, cut: note after',   input: 'x'.repeat(12), options: { max: 10 },                       expected: `${'x'.repeat(10)}… (2 more characters)` }
  ]
  test.each(rows)('$name', ({ input, options, expected }) => {
    expect(htmlCell(input, options)).toBe(expected)
  })
})

describe('htmlLink', () => {
  // prettier-ignore
  test.each([
    { name: 'an https URL links to itself', input: 'https://github.com/acme/app', expected: '<a href="https://github.com/acme/app">https://github.com/acme/app</a>' },
    { name: 'quotes and brackets stay in the attribute', input: 'https://x.test/a"><script>', expected: '<a href="https://x.test/a%22%3E%3Cscript%3E">https://x.test/a&quot;&gt;&lt;script&gt;</a>' },
    { name: 'an ampersand in the query', input: 'https://x.test/?a=1&b=2', expected: '<a href="https://x.test/?a=1&amp;b=2">https://x.test/?a=1&amp;b=2</a>' },
    { name: 'http is text', input: 'http://x.test/', expected: 'http://x.test/' },
    { name: 'javascript: is text', input: 'javascript:alert(1)', expected: 'javascript:alert(1)' },
    { name: 'data: is text', input: 'data:text/html,<b>', expected: 'data:text/html,&lt;b&gt;' },
    { name: 'credentials in it: text', input: 'https://user:pw@x.test/', expected: 'https://user:pw@x.test/' },
    { name: 'a line break: text, shown', input: 'https://x.test/\nhttps://evil.test', expected: 'https://x.test/<br>https://evil.test' },
    { name: 'an invisible character: text, shown', input: 'https://x.test/\u202e', expected: 'https://x.test/\\u202e' },
    { name: 'a space: text', input: 'https://x.test/ a', expected: 'https://x.test/ a' },
    { name: 'not a URL', input: 'see the README', expected: 'see the README' },
    { name: 'too long to link', input: `https://x.test/${'a'.repeat(2100)}`, expected: `https://x.test/${'a'.repeat(985)}… (1115 more characters)` }
  ])('$name', ({ input, expected }) => {
    expect(htmlLink(input)).toBe(expected)
  })
})

describe('visible', () => {
  // prettier-ignore
  const rows: { name: string; input: string; expected: string }[] = [
    { name: 'plain text stays',      input: 'héllo 世界 🚀 | `x` <b>', expected: 'héllo 世界 🚀 | `x` <b>' },
    { name: 'named escapes',         input: 'a\nb\rc\td',          expected: 'a\\nb\\rc\\td' },
    { name: 'C0 as \\xNN',          input: '\u0000\u0007\u001b',   expected: '\\x00\\x07\\x1b' },
    { name: 'DEL and C1',            input: '\u007f\u0085\u009b',   expected: '\\x7f\\x85\\x9b' },
    { name: 'line/paragraph sep',    input: '\u2028\u2029',         expected: '\\u2028\\u2029' },
    { name: 'bidi and BOM',          input: '\u202a\u202e\u2066\u2069\ufeff', expected: '\\u202a\\u202e\\u2066\\u2069\\ufeff' },
    { name: 'bidi marks',            input: 'a\u200eb\u200fc\u061cd',     expected: 'a\\u200eb\\u200fc\\u061cd' },
    { name: 'zero-width and invisible', input: 'a\u200bb\u200cc\u200dd\u2060e\u2064f\u180eg', expected: 'a\\u200bb\\u200cc\\u200dd\\u2060e\\u2064f\\u180eg' }
  ]
  test.each(rows)('$name', ({ input, expected }) => {
    expect(visible(input)).toBe(expected)
  })
})

describe('logLine', () => {
  // What a registry might put into a value the action logs, and the line
  // that reaches the runner: one line, no command anywhere in it.
  // prettier-ignore
  const rows: { name: string; input: string; expected: string }[] = [
    { name: 'ours, untouched',            input: 'Inspecting ghcr.io/a/b:1 → sha256:x',     expected: 'Inspecting ghcr.io/a/b:1 → sha256:x' },
    { name: 'LF then a command',          input: 'os linux\n::set-output name=digest::x',  expected: 'os linux\\n::set-output name=digest::x' },
    { name: 'CR then a command',          input: 'a\r::add-mask::x',                       expected: 'a\\r::add-mask::x' },
    { name: 'NEL/LS then a command',      input: 'a\u0085::error::x\u2028::warning::y',     expected: 'a\\x85::error::x\\u2028::warning::y' },
    { name: 'legacy ##[ anywhere',        input: 'v8 ##[set-output name=digest;]x',       expected: 'v8 ##\\x5bset-output name=digest;]x' },
    { name: '###[ and ##[##[',            input: '###[a ##[##[b',                         expected: '###\\x5ba ##\\x5b##\\x5bb' },
    { name: 'a line starting with ::',    input: '::stop-commands::tok',                  expected: '\\x3a:stop-commands::tok' },
    { name: 'spaces then ::',             input: '  ::error::x',                          expected: '  \\x3a:error::x' },
    { name: 'ANSI escapes',               input: 'x\u001b[2J\u001b[31mred',              expected: 'x\\x1b[2J\\x1b[31mred' },
    { name: '% is left to core',          input: '50% %0A',                               expected: '50% %0A' }
  ]
  test.each(rows)('$name', ({ input, expected }) => {
    const line = logLine(input)
    expect(line).toBe(expected)
    expect(line).not.toMatch(/[\r\n\u0085\u2028\u2029]/)
    expect(line).not.toContain('##[')
    expect(line.trimStart().startsWith('::')).toBe(false)
  })
})
