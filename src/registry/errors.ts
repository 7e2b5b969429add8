/** One entry of the registry error body `{"errors":[{code,message,detail}]}`. */
export interface RegistryErrorDetail {
  code: string
  message: string
  detail?: unknown
}

/** What went wrong, so callers can explain it without parsing messages. */
export type RegistryFailure =
  | 'reference' // the image reference is not valid
  | 'http' // an unexpected HTTP status
  | 'auth' // 401/403 after authenticating
  | 'not-found' // 404 of a manifest, blob or repository
  | 'protocol' // the registry answered something the spec does not allow
  | 'integrity' // a digest or size did not match
  | 'too-large' // a body exceeded its cap
  | 'unsupported' // schema1, artifacts, unknown media types
  | 'platform' // no index entry for the platform asked for
  | 'network' // connection-level failure, truncated body
  | 'unresolved' // DNS says the host name does not exist (not retried)
  | 'timeout' // no complete answer in time
  | 'tls' // handshake or certificate failure
  | 'cancelled' // the step gave up on it (another part failed)
  | 'rate-limit' // told to wait longer than we will
  | 'security' // a redirect or realm we refuse to follow
  | 'config' // the runner's docker config or credential store cannot be read

/**
 * What the user can change about a failure; the reporting layer words it
 * (naming the action's inputs), so this layer never has to.
 */
export type Remedy =
  | 'allow-http' // a plain-http host the user may trust
  | 'wait-longer' // a Retry-After beyond the step's patience
  | 'choose-platform' // the platform asked for is not offered
  | 'one-platform' // too many platforms to inspect them all

/** An error from talking to a registry; `message` says what happened. */
export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryFailure,
    message: string,
    readonly status?: number,
    readonly errors: RegistryErrorDetail[] = [],
    /** What was being fetched ("manifest", "config blob"...), for messages. */
    readonly resource?: string,
    readonly remedy?: Remedy
  ) {
    super(message)
    this.name = 'RegistryError'
  }

  /** True if the registry sent this error code (e.g. `MANIFEST_UNKNOWN`). */
  has(code: string): boolean {
    return this.errors.some((e) => e.code === code)
  }
}

/**
 * Parses a registry error body. Registries also send HTML or plain text on
 * errors, so anything else yields an empty list.
 */
export function parseErrorBody(body: Buffer): RegistryErrorDetail[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    return []
  }
  if (typeof parsed !== 'object' || parsed === null) return []
  const list = (parsed as { errors?: unknown }).errors
  if (!Array.isArray(list)) return []
  const out: RegistryErrorDetail[] = []
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue
    const { code, message, detail } = item as Record<string, unknown>
    // The spec's codes are short upper-case words; anything longer is cut.
    out.push({
      code: typeof code === 'string' ? code.slice(0, 64) : 'UNKNOWN',
      message: typeof message === 'string' ? message.slice(0, 500) : '',
      detail
    })
  }
  return out
}

/** `CODE: message` for each error, trimmed to a readable length. */
export function describeErrors(errors: RegistryErrorDetail[]): string {
  return errors
    .map((e) => (e.message ? `${e.code}: ${e.message}` : e.code))
    .join('; ')
    .slice(0, 500)
}

/**
 * A value the registry chose, for a message: in quotes and cut to `max`
 * characters, so an error stays readable whatever was sent. (What it
 * contains is escaped where the message is shown.)
 */
export function quote(text: string, max = 100): string {
  return text.length > max
    ? `"${text.slice(0, max)}…" (${text.length} characters)`
    : `"${text}"`
}
