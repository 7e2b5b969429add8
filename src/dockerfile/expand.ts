/**
 * Word expansion as BuildKit does it in FROM, `--platform` and ARG
 * defaults: quotes, the escape character, `$NAME`, `${NAME}` and the
 * `-`, `+`, `?` forms with and without `:`. The parser (dockerfile-ast)
 * gives instructions and their words; what a word means is this.
 */

/** A variable's value; undefined when it is not set. */
export type Lookup = (name: string) => string | undefined

/** A word that cannot be expanded; the caller names the line. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    /** The variable without a value, when that is the reason. */
    readonly variable?: string
  ) {
    super(message)
    this.name = 'ExpansionError'
  }
}

/** Longer than any image reference or platform; stops ARG chains that double. */
export const MAX_EXPANDED_LENGTH = 64 * 1024

const NAME_START = /[A-Za-z_]/
const NAME_CHAR = /[A-Za-z0-9_]/

export function expandWord(
  text: string,
  escape: string,
  lookup: Lookup
): string {
  const reader = new WordReader(text, escape, lookup)
  const value = reader.read(undefined, true)
  return value
}

class WordReader {
  private at = 0

  constructor(
    private readonly text: string,
    private readonly escape: string,
    private readonly lookup: Lookup
  ) {}

  /**
   * Reads up to `stop` (the `}` that closes a substitution) or the end.
   * `strict` false: the word is not used (`${SET:-$UNSET}`), so a variable
   * without a value is no error.
   */
  read(stop: string | undefined, strict: boolean): string {
    let out = ''
    const { text, escape } = this
    while (this.at < text.length) {
      const ch = text[this.at]
      if (ch === stop) return out
      if (ch === escape) {
        out += text[this.at + 1] ?? ''
        this.at += 2
      } else if (ch === "'") {
        out += this.singleQuoted()
      } else if (ch === '"') {
        out += this.doubleQuoted(strict)
      } else if (ch === '$') {
        out += this.dollar(strict)
      } else {
        out += ch
        this.at++
      }
      if (out.length > MAX_EXPANDED_LENGTH) {
        throw new ExpansionError(
          `expands to more than ${MAX_EXPANDED_LENGTH} characters`
        )
      }
    }
    if (stop !== undefined) {
      throw new ExpansionError(`"\${" has no closing "}"`)
    }
    return out
  }

  private singleQuoted(): string {
    const end = this.text.indexOf("'", this.at + 1)
    if (end === -1) throw new ExpansionError('a single quote is not closed')
    const value = this.text.slice(this.at + 1, end)
    this.at = end + 1
    return value
  }

  private doubleQuoted(strict: boolean): string {
    let out = ''
    const { text, escape } = this
    this.at++
    while (this.at < text.length) {
      const ch = text[this.at]
      if (ch === '"') {
        this.at++
        return out
      }
      if (ch === escape && ['"', '$', escape].includes(text[this.at + 1])) {
        out += text[this.at + 1]
        this.at += 2
      } else if (ch === '$') {
        out += this.dollar(strict)
      } else {
        out += ch
        this.at++
      }
    }
    throw new ExpansionError('a double quote is not closed')
  }

  private name(): string {
    const start = this.at
    if (!NAME_START.test(this.text[this.at] ?? '')) return ''
    while (NAME_CHAR.test(this.text[this.at] ?? '')) this.at++
    return this.text.slice(start, this.at)
  }

  private dollar(strict: boolean): string {
    this.at++
    if (this.text[this.at] !== '{') {
      const name = this.name()
      return name ? this.value(name, strict) : '$'
    }
    this.at++
    const name = this.name()
    if (!name) {
      throw new ExpansionError('"${" is not followed by a variable name')
    }
    const next = this.text[this.at]
    if (next === '}') {
      this.at++
      return this.value(name, strict)
    }
    const colon = next === ':'
    const modifier = this.text[this.at + (colon ? 1 : 0)]
    if (!['-', '+', '?'].includes(modifier)) {
      throw new ExpansionError(
        `\${${name}${colon ? ':' : ''}${modifier ?? ''}…} is a substitution this action does not expand: use \${${name}}, \${${name}:-default} or \${${name}:+word}`
      )
    }
    this.at += colon ? 2 : 1
    return this.modified(name, colon, modifier, strict)
  }

  /** `${NAME:-word}` and friends; the word is read only where it is used. */
  private modified(
    name: string,
    colon: boolean,
    modifier: string,
    strict: boolean
  ): string {
    const value = this.lookup(name)
    const set = colon ? Boolean(value) : value !== undefined
    const wordUsed = modifier === '+' ? set : !set
    const word = this.read('}', strict && wordUsed)
    this.at++
    if (modifier === '+') return set ? word : ''
    if (set) return value!
    if (modifier === '-') return word
    if (!strict) return ''
    throw new ExpansionError(`${name}: ${word || 'is not set'}`, name)
  }

  private value(name: string, strict: boolean): string {
    const value = this.lookup(name)
    if (value !== undefined || !strict) return value ?? ''
    throw new ExpansionError(`$${name} has no value`, name)
  }
}
