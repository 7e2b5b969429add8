// The GITHUB_OUTPUT file format, as @actions/core writes it. Plain JS so
// that local-run.mjs and the bench (run with plain `node`) can use it too.

/**
 * Decodes `name<<DELIM\nvalue\nDELIM\n` records as core writes them.
 * @param {string} text the file's contents
 * @returns {Map<string, string>} output name → value, in file order
 * @throws {Error} on a record that is not in that form
 */
export function parseOutputFile(text) {
  /** @type {Map<string, string>} */
  const out = new Map()
  let pos = 0
  while (pos < text.length) {
    const eol = text.indexOf('\n', pos)
    const header = text.slice(pos, eol)
    const sep = header.indexOf('<<')
    if (eol === -1 || sep === -1)
      throw new Error(`bad output record: ${header}`)
    const name = header.slice(0, sep)
    const delimiter = header.slice(sep + 2)
    // The value sits between the header line and a line holding the delimiter.
    const end = text.indexOf(`\n${delimiter}\n`, eol)
    if (end === -1) throw new Error(`unterminated output ${name}`)
    out.set(name, text.slice(eol + 1, end))
    pos = end + delimiter.length + 2
  }
  return out
}
