/**
 * Users' regular expressions (gate rules, tag-pattern) run on RE2: linear
 * time, so a pattern cannot hang the step on hostile text. The engine is
 * loaded on first use (its own bundle chunk).
 */

/** A compiled regular expression: `test` runs in linear time. */
export interface Pattern {
  test(value: string): boolean
}

/** Unanchored unless the pattern anchors itself, like grep. */
export async function compilePattern(source: string): Promise<Pattern> {
  const { RE2JS } = await import('re2js')
  try {
    const re = RE2JS.compile(source)
    return { test: (v) => re.matcher(v).find() }
  } catch (error) {
    throw new Error(
      `the regular expression does not compile (${(error as Error).message}); RE2 syntax, no backreferences or lookaround`
    )
  }
}
