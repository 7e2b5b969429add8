/**
 * An error the user can act on: its message says what went wrong and what to
 * do. Anything else that escapes is a bug and is reported as such.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserError'
  }
}

/** A bad action input: the message names the input and the fix. */
export class InputError extends UserError {
  constructor(
    readonly input: string,
    problem: string
  ) {
    super(`Input '${input}': ${problem}`)
    this.name = 'InputError'
  }
}

/** Turns anything thrown (including non-Error values) into one message. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}
