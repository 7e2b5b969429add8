/** ImageInfo → the step outputs, as strings, in the order action.yml lists them. */
import { needsUpdate, overallStatus, type BaseCheck } from '../image/base.js'
import type { ImageInfo } from '../image/model.js'
import { formatPlatform } from '../image/platform.js'
import type { Provenance } from '../image/provenance.js'
import { orderedJson } from '../text/ordered-json.js'

export function imageOutputs(info: ImageInfo): [string, string][] {
  const c = info.config
  return [
    ['ref', info.ref],
    ['digest', info.digest],
    ['image-digest', info.imageDigest],
    ['config-digest', info.configDigest],
    ['media-type', info.mediaType],
    ['platform', formatPlatform(info.platform)],
    ['platforms', JSON.stringify(info.platforms.map(formatPlatform))],
    ['os', c.os],
    ['architecture', c.architecture],
    ['variant', c.variant],
    ['created', c.created],
    ['author', c.author],
    ['user', c.user],
    ['workdir', c.workdir],
    ['entrypoint', JSON.stringify(c.entrypoint)],
    ['cmd', JSON.stringify(c.cmd)],
    ['env', orderedJson(c.env)],
    ['labels', orderedJson(c.labels)],
    ['annotations', orderedJson(info.annotations)],
    ['index-annotations', orderedJson(info.indexAnnotations)],
    ['exposed-ports', JSON.stringify(c.exposedPorts)],
    ['volumes', JSON.stringify(c.volumes)],
    ['stop-signal', c.stopSignal],
    ['layers', String(info.layers)],
    ['size', String(info.size)],
    ['config', info.configText],
    ['ratelimit-limit', info.rateLimit ? String(info.rateLimit.limit) : ''],
    [
      'ratelimit-remaining',
      info.rateLimit ? String(info.rateLimit.remaining) : ''
    ]
  ]
}

/**
 * The base check's outputs. With several platforms, `needs-update` and
 * `base-status` speak for all of them; the others describe `primary`.
 */
export function baseOutputs(
  checks: BaseCheck[],
  primary: BaseCheck
): [string, string][] {
  const status = overallStatus(checks)
  return [
    ['needs-update', needsUpdate(status)],
    ['base-status', status],
    ['base-method', primary.method ?? ''],
    ['base-ref', primary.ref ?? ''],
    ['base-digest', primary.digest ?? ''],
    ['base-built-from', primary.builtFrom ?? ''],
    [
      'outdated-platforms',
      JSON.stringify(
        checks.filter((c) => c.status === 'outdated').map((c) => c.platform)
      )
    ]
  ]
}

/** One platform's (or image's) base check, as `results` entries carry it. */
function baseFields(check: BaseCheck): [string, string][] {
  return [
    ['needs-update', needsUpdate(check.status)],
    ['base-status', check.status],
    ['base-method', check.method ?? ''],
    ['base-built-from', check.builtFrom ?? '']
  ]
}

/** The `provenance` output: what users ask of it, never the whole statement. */
export function provenanceJson(p: Provenance | undefined): string {
  if (!p) return ''
  return JSON.stringify({
    'predicate-type': p.predicateType,
    builder: p.builder,
    source: p.source,
    revision: p.revision,
    materials: p.materials.map((m) => ({ uri: m.uri, digest: m.digest }))
  })
}

/**
 * One image as a compact JSON object (the `results` output): the outputs'
 * names and values, maps and lists as JSON rather than JSON text, and its
 * base check and provenance when they were asked for.
 */
export function imageJson(
  info: ImageInfo,
  {
    base,
    provenance
  }: { base?: BaseCheck; provenance?: Provenance | null } = {}
): string {
  const parts = [
    ...imageOutputs(info).filter(
      ([name]) => name !== 'config' && !name.startsWith('ratelimit')
    ),
    ...(base ? baseFields(base) : []),
    // Read and found, read and none (null), or not asked for.
    ...(provenance === undefined
      ? []
      : [['provenance', provenance ? provenanceJson(provenance) : 'null']])
  ].map(([name, value]) => {
    const raw = RAW_JSON.has(name) ? value : JSON.stringify(value)
    return `${JSON.stringify(name)}:${raw}`
  })
  return `{${parts.join(',')}}`
}

/** Outputs whose value already is JSON. */
const RAW_JSON = new Set([
  'platforms',
  'entrypoint',
  'cmd',
  'env',
  'labels',
  'annotations',
  'index-annotations',
  'provenance',
  'exposed-ports',
  'volumes',
  'layers',
  'size'
])
