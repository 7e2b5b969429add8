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
  let i = 0
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const skipString = (): void => {
    i++ // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i++ // closing quote
  }
  const skipValue = (): void => {
    const c = text[i]
    if (c === '"') return skipString()
    if (c !== '{' && c !== '[') {
      while (i < text.length && !',}] \t\n\r'.includes(text[i])) i++
      return
    }
    let depth = 0
    while (i < text.length) {
      const d = text[i]
      if (d === '"') {
        skipString()
        continue
      }
      i++
      if (d === '{' || d === '[') depth++
      else if ((d === '}' || d === ']') && --depth === 0) return
    }
  }
  /** Each member of the object at `i`: its key and value's text range. */
  const members = (): [string, number, number][] => {
    const out: [string, number, number][] = []
    i++ // {
    for (;;) {
      ws()
      if (i >= text.length || text[i] === '}') return out
      const keyStart = i
      skipString()
      const key = JSON.parse(text.slice(keyStart, i)) as string
      ws()
      i++ // :
      ws()
      const start = i
      skipValue()
      out.push([key, start, i])
      ws()
      if (text[i] === ',') i++
    }
  }

  ws()
  for (const step of path) {
    if (text[i] !== '{') return undefined
    // Later duplicates win, as with JSON.parse.
    const match = members()
      .filter(([key]) => key === step)
      .at(-1)
    if (!match) return undefined
    i = match[1]
  }
  if (text[i] !== '{') return undefined
  const out = new Map<string, unknown>()
  for (const [key, start, end] of members()) {
    out.set(key, JSON.parse(text.slice(start, end)))
  }
  return [...out]
}

/** `{"k":"v",...}` in the given order (JS objects would move numeric keys first). */
export function orderedJson(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`
}

/** `{"key": <json>, ...}` from already-serialized values, in order. */
export function jsonObject(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`
}
