/** ImageInfo → the step outputs, as strings, in the order action.yml lists them. */
import type { ImageInfo } from '../inspect.js'
import { formatPlatform } from '../registry/platform.js'

/** `{"k":"v",...}` in the given order (JS objects would move numeric keys first). */
export function orderedJson(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`
}

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
 * One image as a compact JSON object (the `results` output): the outputs'
 * names and values, maps and lists as JSON rather than JSON text.
 */
export function imageJson(info: ImageInfo): string {
  const parts = imageOutputs(info)
    .filter(([name]) => name !== 'config' && !name.startsWith('ratelimit'))
    .map(([name, value]) => {
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
  'exposed-ports',
  'volumes',
  'layers',
  'size'
])

/** `{"key": <json>, ...}` from already-serialized values, in order. */
export function jsonObject(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`
}
