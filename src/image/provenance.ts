/**
 * BuildKit's provenance, as it stores it: an attestation manifest whose
 * layers are in-toto statements, one of them SLSA provenance (v0.2 or v1)
 * listing the images a build used (`pkg:docker/…` package URLs) with their
 * digests. Pure: parsed manifests and bytes in, data out.
 */
import { isDigest } from '../registry/digest.js'
import type { Descriptor } from '../registry/client.js'
import { quote } from '../registry/errors.js'
import { DESCRIPTOR_FIELDS, objectOrUndefined, structOf } from './fields.js'
import type { ParsedManifest } from './manifest.js'

export const SLSA_PROVENANCE = 'https://slsa.dev/provenance/'
const PREDICATE_TYPE = 'in-toto.io/predicate-type'
/** BuildKit's own metadata key in SLSA v0.2 provenance. */
const BUILDKIT_METADATA_V02 = 'https://mobyproject.org/buildkit@v1#metadata'
/** A build lists dozens of materials; more than this is not read. */
export const MAX_MATERIALS = 1000

export interface Material {
  uri: string
  /** `algorithm:hex`, sha256 preferred; empty when none is given. */
  digest: string
}

/** What the action reports of a provenance statement (never the whole of it). */
export interface Provenance {
  predicateType: string
  builder: string
  /** Where the build's definition came from: a repository URL, when recorded. */
  source: string
  revision: string
  materials: Material[]
}

/** Why a statement cannot be read as this image's provenance. */
export class ProvenanceError extends Error {
  override name = 'ProvenanceError'
}

/**
 * The statement layer with SLSA provenance in an attestation manifest;
 * otherwise the predicate types it does hold, to say so.
 */
export function provenanceLayer(
  attestation: ParsedManifest
): { layer: Descriptor } | { predicateTypes: string[] } {
  const layers = Array.isArray(attestation.json.layers)
    ? (attestation.json.layers as unknown[])
    : []
  const predicateTypes: string[] = []
  for (const [i, layer] of attestation.layers.entries()) {
    const raw = structOf(
      objectOrUndefined(layers[i]) ?? {},
      DESCRIPTOR_FIELDS,
      'attestation layer'
    )
    const annotations = objectOrUndefined(raw.annotations)
    const type =
      annotations && Object.hasOwn(annotations, PREDICATE_TYPE)
        ? annotations[PREDICATE_TYPE]
        : undefined
    if (typeof type !== 'string') continue
    if (type.startsWith(SLSA_PROVENANCE)) return { layer }
    predicateTypes.push(type)
  }
  return { predicateTypes }
}

/**
 * An in-toto statement's SLSA provenance, checked to be about `subject`
 * (the image manifest it was found next to).
 */
export function readProvenance(bytes: Buffer, subject: string): Provenance {
  const statement = objectOrUndefined(parse(bytes))
  if (!statement) {
    throw new ProvenanceError('the provenance statement is not a JSON object')
  }
  const type = text(statement._type)
  if (!type.startsWith('https://in-toto.io/Statement/')) {
    throw new ProvenanceError(
      `the provenance is not an in-toto statement (_type ${quote(type || 'none', 80)})`
    )
  }
  const predicateType = text(statement.predicateType)
  if (!predicateType.startsWith(SLSA_PROVENANCE)) {
    throw new ProvenanceError(
      `the statement's predicate is ${quote(predicateType || 'none', 80)}, not SLSA provenance`
    )
  }
  if (!subjects(statement.subject).includes(subject)) {
    throw new ProvenanceError(
      `the provenance statement is about another image, not ${subject}`
    )
  }
  const predicate = objectOrUndefined(statement.predicate) ?? {}
  const read = predicateType.endsWith('/v1') ? readV1 : readV02
  return { predicateType, ...read(predicate) }
}

function parse(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new ProvenanceError('the provenance statement is not valid JSON')
  }
}

/** SLSA v1: runDetails.builder, buildDefinition.resolvedDependencies. */
function readV1(
  predicate: Record<string, unknown>
): Omit<Provenance, 'predicateType'> {
  const definition = at(predicate, 'buildDefinition')
  const run = at(predicate, 'runDetails')
  const configSource = at(at(definition, 'externalParameters'), 'configSource')
  const vcs = at(at(at(run, 'metadata'), 'buildkit_metadata'), 'vcs')
  return {
    builder: text(at(run, 'builder').id),
    ...sourceOf(vcs, configSource),
    materials: materials(definition.resolvedDependencies)
  }
}

/** SLSA v0.2: builder, materials, invocation.configSource. */
function readV02(
  predicate: Record<string, unknown>
): Omit<Provenance, 'predicateType'> {
  const configSource = at(at(predicate, 'invocation'), 'configSource')
  const vcs = at(at(at(predicate, 'metadata'), BUILDKIT_METADATA_V02), 'vcs')
  return {
    builder: text(at(predicate, 'builder').id),
    ...sourceOf(vcs, configSource),
    materials: materials(predicate.materials)
  }
}

/**
 * The repository and revision: what BuildKit recorded from git (`vcs`),
 * else the build definition's own source (a git context).
 */
function sourceOf(
  vcs: Record<string, unknown>,
  configSource: Record<string, unknown>
): { source: string; revision: string } {
  const digest = at(configSource, 'digest')
  return {
    source: text(vcs.source) || text(configSource.uri),
    revision: text(vcs.revision) || text(digest.sha1) || text(digest.sha256)
  }
}

function materials(value: unknown): Material[] {
  if (!Array.isArray(value)) return []
  if (value.length > MAX_MATERIALS) {
    throw new ProvenanceError(
      `the provenance lists ${value.length} materials, more than the ${MAX_MATERIALS} this action reads`
    )
  }
  return value.flatMap((item) => {
    const m = objectOrUndefined(item)
    const uri = m && text(m.uri)
    return uri ? [{ uri, digest: digestOf(at(m, 'digest')) }] : []
  })
}

/** A DigestSet as one `algorithm:hex`, the strongest one we verify first. */
function digestOf(set: Record<string, unknown>): string {
  for (const algorithm of ['sha256', 'sha512']) {
    const value = `${algorithm}:${text(set[algorithm])}`
    if (Object.hasOwn(set, algorithm) && isDigest(value)) return value
  }
  const [first] = Object.entries(set).filter(([, v]) => typeof v === 'string')
  return first ? `${first[0]}:${first[1] as string}` : ''
}

function subjects(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item) => {
    const digest = digestOf(at(objectOrUndefined(item) ?? {}, 'digest'))
    return digest ? [digest] : []
  })
}

/** An own member that is an object, else an empty one. */
function at(
  object: Record<string, unknown>,
  key: string
): Record<string, unknown> {
  return (Object.hasOwn(object, key) && objectOrUndefined(object[key])) || {}
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
