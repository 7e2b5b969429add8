/**
 * The one way out for text someone else wrote. Registries and image
 * publishers control config values, manifests, tags, headers, error bodies
 * and redirect targets; everything the action shows passes through here on
 * its way to the log (`logLine`), the job summary and the pull-request
 * comment (`htmlText`, `htmlCell`). Outputs are not escaped: they round-trip
 * the exact bytes through GITHUB_OUTPUT.
 */

/**
 * Characters that are never shown as they are: C0 controls, DEL, C1
 * controls, the Unicode line and paragraph separators, bidirectional
 * marks, overrides and isolates (they can make text read differently than
 * it is), zero-width and other invisible format characters, and the
 * byte-order mark.
 */
const HIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g

const NAMED: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t'
}

/** `\n`, `\x1b`, `\u2028`: a hidden character written so that it shows. */
function shown(c: string): string {
  const named = NAMED[c]
  if (named) return named
  const code = c.charCodeAt(0)
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`
}

/** Every hidden character written visibly; nothing else changes. */
export function visible(text: string): string {
  return text.replace(HIDDEN, shown)
}

/**
 * One log line. The runner reads a line as a workflow command when it
 * starts with `::` (after leading whitespace) and, for the legacy form, when
 * `##[` appears anywhere in it (actions/runner ActionCommand.TryParse). So
 * escaping is the mechanism, not the `stop-commands` token: a token would
 * still let untrusted text break the line and print lines that look like
 * ours, and it does not stop `##[` in the middle of a line. Here no line
 * break survives, `##[` never appears, and no line starts with `::`, so
 * every line starts with the action's own words.
 */
export function logLine(text: string): string {
  return visible(text)
    .replace(/##\[/g, '##\\x5b')
    .replace(/^(\s*):/, '$1\\x3a')
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/**
 * Every line terminator a renderer might honour: CommonMark's (LF, CR,
 * CRLF) and the ones Unicode and browsers add. A bare CR is the one that
 * used to slip through: two in a row make a blank line, which ends an HTML
 * block and lets the rest render as markdown.
 */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/

/** The longest piece of a value a cell shows; the rest is summarized. */
export const MAX_CELL_CHARS = 1000

/** At most `max` characters (never half a surrogate pair), and how many were left out. */
function clip(text: string, max: number): { kept: string; more: number } {
  if (text.length <= max) return { kept: text, more: 0 }
  let end = max
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return { kept: text.slice(0, end), more: text.length - end }
}

/** Escaped, line breaks as `<br>`, other hidden characters shown. */
function html(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((line) => escapeHtml(visible(line)))
    .join('<br>')
}

/**
 * A value as HTML that stays inside its element: escaped, line breaks as
 * `<br>`, other hidden characters shown, cut after `max` characters with a
 * note of what was left out.
 */
export function htmlText(text: string, max = MAX_CELL_CHARS): string {
  const { kept, more } = clip(text, max)
  return html(kept) + (more ? `… (${more} more characters)` : '')
}

/**
 * A table cell for a value: empty text gives `empty` (our own words),
 * otherwise the escaped value, in `<code>` when asked (GitHub leaves
 * mentions, references and links inside code alone); the note about a cut
 * stays outside the code.
 */
export function htmlCell(
  text: string,
  { code = false, empty = '', max = MAX_CELL_CHARS } = {}
): string {
  if (text === '') return empty
  if (!code) return htmlText(text, max)
  const { kept, more } = clip(text, max)
  const note = more ? `<em>… (${more} more characters)</em>` : ''
  return `<code>${html(kept)}</code>${note}`
}

/** Longer link targets are shown as text, not linked. */
const MAX_LINK_CHARS = 2048

/**
 * A link to a URL someone else wrote: only https, with no user or
 * password in it, shown as the URL itself (so the reader sees where it
 * goes); anything else is plain escaped text.
 */
export function htmlLink(text: string): string {
  const url = httpsUrl(text)
  if (!url) return htmlText(text)
  return `<a href="${escapeHtml(url.href)}">${htmlText(text)}</a>`
}

/** The text as an https URL a summary may link to, else undefined. */
export function httpsUrl(text: string): URL | undefined {
  if (text.length > MAX_LINK_CHARS || visible(text) !== text) return undefined
  if (/\s/.test(text)) return undefined
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' || url.username || url.password) {
    return undefined
  }
  return url
}
