/** ImageInfo → the step outputs, as strings, in the order action.yml lists them. */
import type { ImageInfo } from '../image/model.js'
import { formatPlatform } from '../image/platform.js'
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
