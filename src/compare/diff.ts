/**
 * What changed between two inspected images: labels and env entry by entry,
 * the other fields as old/new pairs. Plain data in, plain data out.
 */
import type { ImageInfo } from '../image/model.js'
import { formatPlatform } from '../image/platform.js'

export interface MapChanges {
  added: Record<string, string>
  removed: Record<string, string>
  changed: Record<string, { old: string; new: string }>
}

export interface FieldChange {
  old: unknown
  new: unknown
}

export interface ImageChanges {
  labels: MapChanges
  env: MapChanges
  /** Only fields that differ appear. */
  fields: Record<string, FieldChange>
  /** How many labels, env entries and fields are the same in both. */
  unchanged: number
  changed: boolean
}

/** Field name in the `changes` output → how to read it from an image. */
const FIELDS: [string, (i: ImageInfo) => unknown][] = [
  ['digest', (i) => i.digest],
  ['image-digest', (i) => i.imageDigest],
  ['config-digest', (i) => i.configDigest],
  ['os', (i) => i.config.os],
  ['architecture', (i) => i.config.architecture],
  ['variant', (i) => i.config.variant],
  ['platforms', (i) => i.platforms.map(formatPlatform)],
  ['entrypoint', (i) => i.config.entrypoint],
  ['cmd', (i) => i.config.cmd],
  ['user', (i) => i.config.user],
  ['workdir', (i) => i.config.workdir],
  ['exposed-ports', (i) => [...i.config.exposedPorts].sort()],
  ['volumes', (i) => [...i.config.volumes].sort()],
  ['stop-signal', (i) => i.config.stopSignal]
]

export function compareImages(
  before: ImageInfo,
  after: ImageInfo
): ImageChanges {
  const labels = compareEntries(before.config.labels, after.config.labels)
  const env = compareEntries(before.config.env, after.config.env)
  const fields: Record<string, FieldChange> = Object.create(null)
  let unchanged = labels.same + env.same
  for (const [name, read] of FIELDS) {
    const old = read(before)
    const now = read(after)
    if (JSON.stringify(old) === JSON.stringify(now)) unchanged++
    else fields[name] = { old, new: now }
  }
  const changed =
    Object.keys(fields).length > 0 || labels.count > 0 || env.count > 0
  return {
    labels: labels.changes,
    env: env.changes,
    fields,
    unchanged,
    changed
  }
}

function compareEntries(
  before: [string, string][],
  after: [string, string][]
): { changes: MapChanges; same: number; count: number } {
  // Null-prototype maps: `__proto__` is a key like any other.
  const changes: MapChanges = {
    added: Object.create(null),
    removed: Object.create(null),
    changed: Object.create(null)
  }
  const old = new Map(before)
  const now = new Map(after)
  let same = 0
  let count = 0
  for (const [key, value] of now) {
    if (!old.has(key)) {
      changes.added[key] = value
      count++
    } else if (old.get(key) !== value) {
      changes.changed[key] = { old: old.get(key)!, new: value }
      count++
    } else same++
  }
  for (const [key, value] of old) {
    if (!now.has(key)) {
      changes.removed[key] = value
      count++
    }
  }
  return { changes, same, count }
}

/** The `changes` output: labels, env, then each differing field by name. */
export function changesJson(changes: ImageChanges): string {
  return JSON.stringify({
    labels: changes.labels,
    env: changes.env,
    ...changes.fields
  })
}
