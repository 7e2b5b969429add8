/** The image config blob → the fields users ask about. Pure. */
import { RegistryError } from '../registry/errors.js'
import {
  CONFIG_FIELDS,
  CONTAINER_CONFIG_FIELDS,
  objectOrUndefined,
  stringEntries,
  structOf
} from './fields.js'
import type { ImageConfig } from './model.js'

/** Reads the fields users ask about from a config blob, tolerating absent ones. */
export function readConfig(text: string): ImageConfig {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new RegistryError('protocol', 'The config blob is not valid JSON')
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new RegistryError('protocol', 'The config blob is not a JSON object')
  }
  // Fields as the runtimes find them, in any case (fields.ts).
  const root = structOf(
    json as Record<string, unknown>,
    CONFIG_FIELDS,
    'config blob'
  )
  const c = structOf(
    objectOrUndefined(root.config) ?? {},
    CONTAINER_CONFIG_FIELDS,
    'config blob'
  )
  return {
    os: str(root.os),
    architecture: str(root.architecture),
    variant: str(root.variant),
    created: str(root.created),
    author: str(root.author),
    user: str(c.User),
    workdir: str(c.WorkingDir),
    entrypoint: strings(c.Entrypoint),
    cmd: strings(c.Cmd),
    env: envEntries(c.Env),
    labels: stringEntries(c.Labels, "config's label", {
      text,
      path: ['config', 'Labels']
    }),
    exposedPorts: keys(c.ExposedPorts),
    volumes: keys(c.Volumes),
    stopSignal: str(c.StopSignal)
  }
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function strings(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null
  return value.map((v) => (typeof v === 'string' ? v : String(v)))
}

/** `NAME=value` lines as ordered pairs; a repeated name keeps its first place. */
function envEntries(value: unknown): [string, string][] {
  if (!Array.isArray(value)) return []
  const positions = new Map<string, number>()
  const out: [string, string][] = []
  for (const item of value) {
    if (typeof item !== 'string') continue
    const eq = item.indexOf('=')
    const name = eq === -1 ? item : item.slice(0, eq)
    const val = eq === -1 ? '' : item.slice(eq + 1)
    const at = positions.get(name)
    if (at === undefined) {
      positions.set(name, out.length)
      out.push([name, val])
    } else {
      out[at] = [name, val]
    }
  }
  return out
}

function keys(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return []
  }
  return Object.keys(value)
}
