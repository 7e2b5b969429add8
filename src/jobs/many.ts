/**
 * Many images at once (`images`): grouped by registry, each registry
 * prepared once (one token for every repository where the token server
 * allows it), then inspected a few at a time. One image failing is that
 * image's result, not the batch's; the step fails after all are reported.
 */
import type { BatchInputs } from '../inputs.js'
import { formatPlatform } from '../image/platform.js'
import type { Connection, Registries } from '../registry/connect.js'
import { sameRegistry } from '../registry/reference.js'
import { describeFailure } from '../report/explain.js'
import { imageJson } from '../report/outputs.js'
import { jsonObject } from '../text/ordered-json.js'
import {
  needsUpdate,
  overallStatus,
  verdict,
  type BaseCheck
} from '../image/base.js'
import type { FindingsAhead } from './base.js'
import { inspectImage } from './inspect.js'
import { PER_REGISTRY_CONCURRENCY, mapLimit } from './pool.js'
import { result, rowFindings, type Result, type Row } from './result.js'

export async function inspectManyImages(
  inputs: BatchInputs,
  registries: Registries
): Promise<Result> {
  const rows: Row[] = inputs.images.map((e) => ({
    name: e.input,
    error: e.error
  }))
  const byRegistry = new Map<string, number[]>()
  inputs.images.forEach((e, i) => {
    if (!e.reference) return
    const domain = e.reference.domain.toLowerCase()
    const list = byRegistry.get(domain) ?? []
    list.push(i)
    byRegistry.set(domain, list)
  })
  // Every image's base check (which reads provenance too) reads each base
  // once; the code for it loads only when asked for (its own bundle chunk).
  const find = inputs.readProvenance
    ? (await import('./base.js')).findingsAhead(inputs, registries)
    : undefined
  await Promise.all(
    [...byRegistry.values()].map((indexes) =>
      inspectOnRegistry(indexes, inputs, rows, registries, find)
    )
  )
  return report(rows, inputs.checkBase)
}

/** The images of one registry, a few at a time; each row gets its answer. */
async function inspectOnRegistry(
  indexes: number[],
  inputs: BatchInputs,
  rows: Row[],
  registries: Registries,
  find?: FindingsAhead
): Promise<void> {
  const images = inputs.images
  let connection: Connection
  try {
    connection = await registries.connect(images[indexes[0]].reference!)
  } catch (error) {
    for (const i of indexes) rows[i].error = describeFailure(error)
    return
  }
  const { client, credentials, source } = connection
  const paths = indexes.map((i) => images[i].reference!.path)
  const base = inputs.baseImage
  if (base && sameRegistry(base, images[indexes[0]].reference!)) {
    paths.push(base.path)
  }
  await client.prepare(paths)
  await mapLimit(indexes, PER_REGISTRY_CONCURRENCY, async (i) => {
    try {
      rows[i].info = await inspectImage(
        {
          reference: images[i].reference!,
          platform: inputs.platform,
          credentials,
          credentialSource: source,
          waitForMs: inputs.waitForMs,
          deadline: registries.deadline,
          // The base check starts while the config is fetched.
          onManifest: find?.start
        },
        client
      )
      if (find) {
        const [found] = await find.all([rows[i].info!])
        Object.assign(rows[i], rowFindings(inputs, found))
      }
    } catch (error) {
      rows[i].info = undefined
      rows[i].error = describeFailure(error)
    }
  })
}

/** A failed image's base is not known either. */
const UNKNOWN: BaseCheck = { platform: '', status: 'unknown', reason: '' }

/** One `results` output, a line and a table row per image. */
function report(rows: Row[], checkBase: boolean): Result {
  const out = result({
    outputs: [
      [
        'results',
        jsonObject(
          rows.map((row) => [
            row.name,
            row.info
              ? imageJson(row.info, row)
              : JSON.stringify({ error: row.error })
          ])
        )
      ]
    ],
    summary: [{ kind: 'rows', title: 'Images', rows }]
  })
  if (checkBase) {
    // Any image on a base that moved: rebuild.
    out.outputs.push([
      'needs-update',
      needsUpdate(overallStatus(rows.map((r) => r.base ?? UNKNOWN)))
    ])
  }
  for (const { name, info, error, base } of rows) {
    // Each image's lines fold under its name.
    const group = `Image ${name}`
    if (!info) {
      out.log.push({
        level: 'error',
        message: error ?? 'failed',
        title: `Cannot inspect ${name}`,
        group
      })
      continue
    }
    out.log.push({
      level: 'info',
      message: `${name} → ${info.digest} (${formatPlatform(info.platform)})`,
      group
    })
    for (const warning of info.warnings) {
      out.log.push({ level: 'warning', message: `${name}: ${warning}`, group })
    }
    if (base) {
      out.log.push({
        level: base.status === 'unknown' ? 'warning' : 'info',
        message: `${name}: ${verdict(base)}`,
        group
      })
    }
  }
  const failed = rows.filter((r) => r.error)
  if (failed.length > 0) {
    out.failure = `${failed.length} of ${rows.length} images could not be inspected: ${failed.map((r) => r.name).join(', ')}`
  }
  return out
}
