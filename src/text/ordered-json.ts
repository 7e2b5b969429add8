/**
 * JSON objects in the order they were written. JSON.parse and JS objects put
 * integer-like keys ("10") before all others, so a label map would lose its
 * order: this reads one object's entries in document order, from text that
 * JSON.parse has already accepted, and writes objects from ordered entries.
 */

/** Entries of the object at `path` (e.g. ["config", "Labels"]), in order. */
export function entriesAt(
  text: string,
  path: string[]
): [string, unknown][] | undefined {
  const scanner = new JsonScanner(text)
  scanner.ws()
  for (const step of path) {
    if (!scanner.atObject()) return undefined
    // Later duplicates win, as with JSON.parse.
    const match = scanner
      .members()
      .filter(([key]) => key === step)
      .at(-1)
    if (!match) return undefined
    scanner.moveTo(match[1])
  }
  if (!scanner.atObject()) return undefined
  const out = new Map<string, unknown>()
  for (const [key, start, end] of scanner.members()) {
    out.set(key, JSON.parse(text.slice(start, end)))
  }
  return [...out]
}

/** A cursor over JSON text that JSON.parse has accepted, so it need not check. */
class JsonScanner {
  private i = 0

  constructor(private readonly text: string) {}

  moveTo(position: number): void {
    this.i = position
  }

  atObject(): boolean {
    return this.text[this.i] === '{'
  }

  ws(): void {
    const text = this.text
    while (this.i < text.length && ' \t\n\r'.includes(text[this.i])) this.i++
  }

  private skipString(): void {
    const text = this.text
    this.i++ // opening quote
    while (this.i < text.length && text[this.i] !== '"') {
      this.i += text[this.i] === '\\' ? 2 : 1
    }
    this.i++ // closing quote
  }

  private skipValue(): void {
    const text = this.text
    const c = text[this.i]
    if (c === '"') return this.skipString()
    if (c !== '{' && c !== '[') {
      while (this.i < text.length && !',}] \t\n\r'.includes(text[this.i])) {
        this.i++
      }
      return
    }
    let depth = 0
    while (this.i < text.length) {
      const d = text[this.i]
      if (d === '"') {
        this.skipString()
        continue
      }
      this.i++
      if (d === '{' || d === '[') depth++
      else if ((d === '}' || d === ']') && --depth === 0) return
    }
  }

  /** Each member of the object here: its key and value's text range. */
  members(): [string, number, number][] {
    const text = this.text
    const out: [string, number, number][] = []
    this.i++ // {
    for (;;) {
      this.ws()
      if (this.i >= text.length || text[this.i] === '}') return out
      const keyStart = this.i
      this.skipString()
      const key = JSON.parse(text.slice(keyStart, this.i)) as string
      this.ws()
      this.i++ // :
      this.ws()
      const start = this.i
      this.skipValue()
      out.push([key, start, this.i])
      this.ws()
      if (text[this.i] === ',') this.i++
    }
  }
}

/** `{"k":"v",...}` in the given order (JS objects would move numeric keys first). */
export function orderedJson(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`
}

/** `{"key": <json>, ...}` from already-serialized values, in order. */
export function jsonObject(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`
}
