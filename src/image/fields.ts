/**
 * JSON objects read the way the runtimes read them. Docker, containerd and
 * Podman decode manifests and configs into Go structs, and Go's decoder
 * matches a key to a field in any case ("user" fills User) with the last
 * match winning. Reading only the exact spelling would let an image show
 * this action one User and run as another; so a key in another case counts
 * as the field, and two keys naming one field are refused as ambiguous.
 */
import { RegistryError, quote } from '../registry/errors.js'
import { entriesAt } from '../text/ordered-json.js'

/** The fields of the structs the image spec and Docker define. */
export const MANIFEST_FIELDS = [
  'schemaVersion',
  'mediaType',
  'artifactType',
  'config',
  'layers',
  'manifests',
  'subject',
  'annotations'
] as const
export const DESCRIPTOR_FIELDS = [
  'mediaType',
  'artifactType',
  'digest',
  'size',
  'urls',
  'annotations',
  'platform',
  'data'
] as const
export const PLATFORM_FIELDS = [
  'architecture',
  'os',
  'os.version',
  'os.features',
  'variant',
  'features'
] as const
export const CONFIG_FIELDS = [
  'created',
  'author',
  'architecture',
  'os',
  'os.version',
  'os.features',
  'variant',
  'config',
  'rootfs',
  'history'
] as const
export const CONTAINER_CONFIG_FIELDS = [
  'User',
  'ExposedPorts',
  'Env',
  'Entrypoint',
  'Cmd',
  'Volumes',
  'WorkingDir',
  'Labels',
  'StopSignal',
  'ArgsEscaped',
  'Healthcheck',
  'OnBuild',
  'Shell'
] as const

/**
 * Go's folding of field names (bytes.EqualFold): ASCII case, and the two
 * letters outside ASCII that fold into it, the Kelvin sign (K, U+212A) and
 * the long s (ſ, U+017F).
 */
export function foldName(name: string): string {
  return name
    .replace(/\u212a/g, 'k')
    .replace(/\u017f/g, 's')
    .toLowerCase()
}

/**
 * The struct view of a JSON object: each field under its own name, found
 * under a key of any case; other keys are left out. `what` names the
 * document in the error for two keys of one field.
 */
export function structOf<F extends string>(
  object: Record<string, unknown>,
  fields: readonly F[],
  what: string
): Partial<Record<F, unknown>> {
  const byFold = new Map<string, F>(fields.map((f) => [foldName(f), f]))
  const seen = new Map<F, string>()
  const out = Object.create(null) as Partial<Record<F, unknown>>
  for (const key of Object.keys(object)) {
    const field = byFold.get(foldName(key))
    if (field === undefined) continue
    const other = seen.get(field)
    if (other !== undefined) {
      throw new RegistryError(
        'protocol',
        `The ${what} has both ${quote(other)} and ${quote(key)}, which container runtimes read as one field; refusing an ambiguous ${what}`
      )
    }
    seen.set(field, key)
    out[field] = object[key]
  }
  return out
}

/** `value` as an object to read fields from, or undefined. */
export function objectOrUndefined(
  value: unknown
): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

/**
 * A string map (labels, annotations) as entries: own entries only
 * (`__proto__` stays an ordinary key), anything but a string shown as
 * JSON. `at` locates the map in its document, to keep the order written
 * (JSON.parse moves integer-like keys first).
 */
export function stringEntries(
  value: unknown,
  what: string,
  at?: { text: string; path: string[] }
): [string, string][] {
  const object = objectOrUndefined(value)
  if (!object) return []
  const entries = Object.entries(object).map(([k, v]): [string, string] => [
    k,
    shown(k, v, what)
  ])
  // Rare, so the extra pass is too.
  if (!at || !entries.some(([k]) => /^(?:0|[1-9]\d*)$/.test(k))) {
    return entries
  }
  const ordered = entriesAt(at.text, at.path)
  if (!ordered || ordered.length !== entries.length) return entries
  return ordered.map(([k, v]) => [k, shown(k, v, what)])
}

/** A value as text: a string as it is, anything else as JSON. */
function shown(key: string, value: unknown, what: string): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    // Nested deeper than the stack: not a value anyone can read.
    throw new RegistryError(
      'protocol',
      `The ${what} ${quote(key)} is not a string and is nested too deeply to show`
    )
  }
}
