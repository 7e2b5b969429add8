/**
 * reference → manifest (or index → platform → manifest) → config blob,
 * returned as plain data. Knows the image formats; the HTTP is in registry/.
 */
import type { Credentials } from './registry/auth/docker-config.js'
import {
  RegistryClient,
  MAX_CONFIG_BYTES,
  type Descriptor,
  type Manifest
} from './registry/client.js'
import { isDigest } from './registry/digest.js'
import { RegistryError, describeErrors, quote } from './registry/errors.js'
import {
  IMAGE_CONFIG_TYPES,
  INDEX_TYPES,
  OCI_INDEX,
  OCI_MANIFEST,
  SCHEMA1_TYPES,
  manifestKind
} from './registry/media-types.js'
import {
  formatPlatform,
  matchPlatform,
  normalizePlatform,
  type Platform
} from './registry/platform.js'
import {
  formatReference,
  isDockerHub,
  manifestReference,
  repositoryName,
  type ImageReference
} from './registry/reference.js'
import { UserError } from './errors.js'
import { entriesAt } from './ordered-json.js'
import { PER_REGISTRY_CONCURRENCY, mapLimit } from './pool.js'

/** Nested indexes are allowed; this bounds how deep we follow them. */
const MAX_INDEX_DEPTH = 4
/**
 * A registry sizes an index; real ones list a few dozen entries. More than
 * this is refused rather than worked through.
 */
export const MAX_INDEX_ENTRIES = 10_000
/** `platform: all` fetches one manifest and config per platform, at most this many. */
export const MAX_PLATFORMS = 64

export interface InspectRequest {
  reference: ImageReference
  platform: Platform
  credentials?: Credentials
  /** Where the credentials came from, to explain a rejection. */
  credentialSource?: string
  /** Keep asking this long for a tag or repository that is not there yet. */
  waitForMs?: number
  /** Epoch ms when the whole step must end; waiting stops before it. */
  deadline?: number
  /** The digest the tag was just resolved to (by HEAD): fetch that. */
  resolvedDigest?: string
  onWait?: (reason: string, leftMs: number) => void
  sleep?: (ms: number) => Promise<void>
}

/** Docker Hub style `RateLimit-Limit: 100;w=21600` and `RateLimit-Remaining: 76;w=21600`. */
export interface RateLimit {
  limit: number
  remaining: number
  /** The window in seconds, when the registry says. */
  windowSeconds?: number
}

export interface ImageConfig {
  os: string
  architecture: string
  variant: string
  created: string
  author: string
  user: string
  workdir: string
  entrypoint: string[] | null
  cmd: string[] | null
  /** In the image's order; later duplicates win like in docker. */
  env: [string, string][]
  labels: [string, string][]
  exposedPorts: string[]
  volumes: string[]
  stopSignal: string
}

export interface ImageInfo {
  reference: ImageReference
  /** `domain/path[:tag][@digest]` as asked for, normalized. */
  ref: string
  /** What the reference points to (the index for a multi-platform image). */
  digest: string
  mediaType: string
  /** The chosen platform's manifest digest. */
  imageDigest: string
  configDigest: string
  platform: Platform
  /** Platforms the index offers, attestations left out. */
  platforms: Platform[]
  config: ImageConfig
  layers: number
  size: number
  /** The config blob exactly as served. */
  configText: string
  /** The registry's pull quota as of the last manifest answer, if it sent one. */
  rateLimit?: RateLimit
  /** Things worth telling the user that are not failures. */
  warnings: string[]
}

interface IndexEntry extends Descriptor {
  platform?: Platform
  annotations?: Record<string, unknown>
}

export async function inspectImage(
  request: InspectRequest,
  client: RegistryClient
): Promise<ImageInfo> {
  return explained(request, async () =>
    resolve(request, client, await fetchTop(request, client))
  )
}

/**
 * Every platform an image offers (attestations left out), each with its
 * config, a few at a time; the top manifest is fetched and parsed once. A
 * single-platform image gives one entry.
 */
export async function inspectEveryPlatform(
  request: InspectRequest,
  client: RegistryClient
): Promise<ImageInfo[]> {
  return explained(request, async () => {
    const top = await fetchTop(request, client)
    const document = parseManifest(top)
    if (document.kind !== 'index') {
      return [await resolve(request, client, top, document)]
    }
    const unique = new Map<string, Platform>()
    for (const p of document.platforms) {
      const key = formatPlatform(p)
      if (!unique.has(key)) unique.set(key, p)
    }
    if (unique.size > MAX_PLATFORMS) {
      throw new RegistryError(
        'too-large',
        `The image offers ${unique.size} platforms; 'platform: all' inspects at most ${MAX_PLATFORMS} (a fixed limit). Set 'platform' to the one you need`
      )
    }
    return mapLimit([...unique.values()], PER_REGISTRY_CONCURRENCY, (p) =>
      resolve({ ...request, platform: p }, client, top, document)
    )
  })
}

/** Who asked for what: enough to explain a registry failure. */
export type FailureContext = Pick<
  InspectRequest,
  'reference' | 'credentials' | 'credentialSource'
>

/** Runs registry work, turning a RegistryError into a message for users. */
export async function explained<T>(
  request: FailureContext,
  work: () => Promise<T>
): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof RegistryError) {
      throw new UserError(
        explain(error, request, formatReference(request.reference))
      )
    }
    throw error
  }
}

async function resolve(
  request: InspectRequest,
  client: RegistryClient,
  top: Manifest,
  parsedTop: ParsedManifest = parseManifest(top)
): Promise<ImageInfo> {
  const { reference, platform: wanted } = request
  const repo = reference.path
  const warnings: string[] = []
  let rateLimit = readRateLimit(top.headers)
  let current = top
  let document = parsedTop
  const topType = document.mediaType
  let platforms: Platform[] | undefined
  let chosen: Platform | undefined

  for (let depth = 0; document.kind === 'index'; depth++) {
    if (depth >= MAX_INDEX_DEPTH) {
      throw new RegistryError(
        'unsupported',
        `The index nests more than ${MAX_INDEX_DEPTH} levels deep`
      )
    }
    const { entries, platforms: offered } = document
    platforms ??= offered
    const index = matchPlatform(wanted, offered)
    if (index === -1) {
      const list = offered.length
        ? platformList(offered)
        : 'none (the index lists no images)'
      throw new RegistryError(
        'platform',
        `The image has no ${formatPlatform(wanted)} variant. Platforms available: ${list}. Set the 'platform' input to one of them.`
      )
    }
    chosen = offered[index]
    const entry = entries[index]
    // A verified index of this repository vouches for its entries.
    current = await client.getManifest(repo, entry.digest, { confirmed: true })
    rateLimit = readRateLimit(current.headers) ?? rateLimit
    if (current.bytes.length !== entry.size) {
      throw new RegistryError(
        'integrity',
        `The manifest ${entry.digest} is ${current.bytes.length} bytes, but the index says ${entry.size}`
      )
    }
    document = parseManifest(current)
  }

  const manifest = document.json
  const configDescriptor = descriptorOf(manifest.config, 'config')
  const configType = configDescriptor.mediaType ?? ''
  if (!IMAGE_CONFIG_TYPES.includes(configType)) {
    const artifactType =
      typeof manifest.artifactType === 'string'
        ? manifest.artifactType
        : configType
    throw new RegistryError(
      'unsupported',
      `This is not a container image but an artifact of type ${quote(artifactType || 'unknown')} (config media type ${quote(configType || 'none')}); it has no image configuration to inspect`
    )
  }
  const layers = Array.isArray(manifest.layers) ? manifest.layers : []
  const size = layers.reduce<number>(
    (sum, layer) => sum + descriptorOf(layer, 'layer').size,
    0
  )
  const configBytes = await client.getBlob(
    repo,
    configDescriptor,
    MAX_CONFIG_BYTES,
    'config blob'
  )
  const configText = configBytes.toString('utf8')
  const config = readConfig(configText)
  const actual = normalizePlatform({
    os: config.os,
    architecture: config.architecture,
    variant: config.variant || undefined
  })
  if (chosen === undefined) {
    const wantedText = formatPlatform(normalizePlatform(wanted))
    if (config.os && formatPlatform(actual) !== wantedText) {
      warnings.push(
        `The image is single-platform ${formatPlatform(actual)}; the platform ${wantedText} did not apply.`
      )
    }
  }
  // Index platforms and `actual` are normalized already.
  const platform = chosen ?? actual
  if (
    rateLimit &&
    rateLimit.remaining <= Math.max(5, Math.floor(rateLimit.limit / 10))
  ) {
    warnings.push(
      `Only ${rateLimit.remaining} of ${rateLimit.limit} pulls are left in the registry's rate-limit window${rateLimit.windowSeconds ? ` (${rateLimit.windowSeconds} s)` : ''}; authenticate or cache results to avoid 429s.`
    )
  }
  return {
    reference,
    ref: formatReference(reference),
    digest: top.digest,
    mediaType: topType,
    imageDigest: current.digest,
    configDigest: configDescriptor.digest,
    platform,
    platforms: platforms ?? [actual],
    config,
    layers: layers.length,
    size,
    configText,
    rateLimit,
    warnings
  }
}

/**
 * The top manifest; with `waitForMs`, an image that does not exist yet (a
 * push still in flight) is asked for again until it appears or time is up.
 */
async function fetchTop(
  request: InspectRequest,
  client: RegistryClient
): Promise<Manifest> {
  const { reference } = request
  // Leave the last moments of the step's budget for a clear not-found error.
  const until = Math.min(
    Date.now() + (request.waitForMs ?? 0),
    (request.deadline ?? Infinity) - 1000
  )
  const sleep =
    request.sleep ??
    ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  for (let attempt = 0; ; attempt++) {
    try {
      if (request.resolvedDigest && !reference.digest) {
        // The HEAD that found this digest confirmed it in the repository.
        return await client.getManifest(
          reference.path,
          request.resolvedDigest,
          { confirmed: true }
        )
      }
      // With a cache, a HEAD (not a pull on Docker Hub) names the digest
      // and confirms it is in this repository, readable with these
      // credentials; only then may the cache answer the rest.
      if (client.cache) {
        const head = await client.resolveDigest(
          reference.path,
          manifestReference(reference)
        )
        if (reference.digest && head.digest !== reference.digest) {
          throw new RegistryError(
            'integrity',
            `The registry answered for ${reference.digest} with the digest ${head.digest}`
          )
        }
        const manifest = await client.getManifest(reference.path, head.digest, {
          confirmed: true
        })
        return {
          ...manifest,
          headers: { ...head.headers, ...manifest.headers }
        }
      }
      return await client.getManifest(
        reference.path,
        manifestReference(reference)
      )
    } catch (error) {
      const missing =
        error instanceof RegistryError &&
        (error.has('MANIFEST_UNKNOWN') ||
          error.has('NAME_UNKNOWN') ||
          (error.status === 404 && error.errors.length === 0))
      const left = until - Date.now()
      if (!missing || left <= 0) throw error
      const delay = Math.min(left, 1000 * Math.min(2 ** attempt, 10))
      if (delay < 50) throw error
      request.onWait?.(
        `${formatReference(reference)} is not there yet (${(error as RegistryError).errors[0]?.code ?? 'HTTP 404'})`,
        left
      )
      await sleep(delay)
    }
  }
}

/** `100;w=21600` → 100 and 21600; absent or unreadable → undefined. */
export function readRateLimit(
  headers: Manifest['headers']
): RateLimit | undefined {
  const parse = (name: string): [number, number | undefined] | undefined => {
    const value = headers[name]
    const text = Array.isArray(value) ? value[0] : value
    // At most 15 digits: every value stays an exact number.
    const match = text
      ? /^\s*(\d{1,15})(?!\d)\s*(?:;\s*w\s*=\s*(\d{1,15})(?!\d))?/.exec(text)
      : null
    return match
      ? [
          Number(match[1]),
          match[2] === undefined ? undefined : Number(match[2])
        ]
      : undefined
  }
  const limit = parse('ratelimit-limit')
  const remaining = parse('ratelimit-remaining')
  if (!limit || !remaining) return undefined
  const windowSeconds = limit[1] ?? remaining[1]
  return windowSeconds === undefined
    ? { limit: limit[0], remaining: remaining[0] }
    : { limit: limit[0], remaining: remaining[0], windowSeconds }
}

interface ParsedManifest {
  kind: 'index' | 'image'
  mediaType: string
  json: Record<string, unknown>
  /** For an index: the image entries (attestations left out) and their platforms. */
  entries: IndexEntry[]
  platforms: Platform[]
}

/**
 * Decides what a manifest is from its Content-Type, cross-checked with the
 * body's own mediaType (CVE-2021-41190); sniffs the body when the registry
 * sent no usable Content-Type.
 */
export function parseManifest(manifest: Manifest): ParsedManifest {
  let json: unknown
  try {
    json = JSON.parse(manifest.bytes.toString('utf8'))
  } catch {
    throw new RegistryError(
      'protocol',
      `The manifest ${manifest.digest} is not valid JSON`
    )
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new RegistryError(
      'protocol',
      `The manifest ${manifest.digest} is not a JSON object`
    )
  }
  const body = json as Record<string, unknown>
  const declared =
    typeof body.mediaType === 'string' ? body.mediaType : undefined
  const contentType = manifest.contentType
  if (
    body.schemaVersion === 1 ||
    SCHEMA1_TYPES.includes(contentType) ||
    (declared && SCHEMA1_TYPES.includes(declared))
  ) {
    throw new RegistryError(
      'unsupported',
      'The registry serves this image only as a Docker schema 1 manifest, a format deprecated since 2017 and not supported; rebuild or re-push the image with a current Docker or buildx'
    )
  }
  let mediaType: string
  const byHeader = manifestKind(contentType)
  if (byHeader === 'index' || byHeader === 'image') {
    if (declared !== undefined && declared !== contentType) {
      throw new RegistryError(
        'protocol',
        `The manifest's Content-Type is ${quote(contentType)} but its body says ${quote(declared)}; refusing an ambiguous manifest`
      )
    }
    mediaType = contentType
  } else if (declared !== undefined) {
    mediaType = declared
  } else if (Array.isArray(body.manifests)) {
    mediaType = OCI_INDEX
  } else if (typeof body.config === 'object' && body.config !== null) {
    mediaType = OCI_MANIFEST
  } else {
    throw new RegistryError(
      'unsupported',
      `The registry returned something that is not an image manifest (Content-Type ${quote(contentType || 'none')})`
    )
  }
  const kind = manifestKind(mediaType)
  if (kind !== 'index' && kind !== 'image') {
    throw new RegistryError(
      'unsupported',
      `The manifest has media type ${quote(mediaType)}, which is not an image or image index`
    )
  }
  if (kind === 'index' && !Array.isArray(body.manifests)) {
    throw new RegistryError(
      'protocol',
      `The index ${manifest.digest} has no "manifests" list`
    )
  }
  if (kind === 'image' && (Array.isArray(body.manifests) || !body.config)) {
    throw new RegistryError(
      'protocol',
      `The manifest ${manifest.digest} is marked as an image but has no "config"`
    )
  }
  if (kind === 'image') {
    return { kind, mediaType, json: body, entries: [], platforms: [] }
  }
  const list = body.manifests as unknown[]
  if (list.length > MAX_INDEX_ENTRIES) {
    throw new RegistryError(
      'too-large',
      `The index ${manifest.digest} lists ${list.length} entries; this action reads at most ${MAX_INDEX_ENTRIES} (a fixed limit)`
    )
  }
  const entries = imageEntries(list)
  return {
    kind,
    mediaType,
    json: body,
    entries,
    platforms: platformsOf(entries)
  }
}

/** Index entries that are images (or nested indexes), attestations left out. */
function imageEntries(list: unknown[]): IndexEntry[] {
  const out: IndexEntry[] = []
  for (const item of list) {
    const descriptor = descriptorOf(item, 'index entry')
    const raw = item as Record<string, unknown>
    const annotations =
      typeof raw.annotations === 'object' && raw.annotations !== null
        ? (raw.annotations as Record<string, unknown>)
        : undefined
    if (
      annotations &&
      Object.hasOwn(annotations, 'vnd.docker.reference.type') &&
      annotations['vnd.docker.reference.type'] === 'attestation-manifest'
    ) {
      continue
    }
    const type = descriptor.mediaType ?? ''
    // Unknown child types must not be an error (image-spec): skip them.
    if (type && manifestKind(type) !== 'image' && !INDEX_TYPES.includes(type)) {
      continue
    }
    let platform: Platform | undefined
    const p = raw.platform as Record<string, unknown> | undefined
    if (typeof p === 'object' && p !== null) {
      const os = typeof p.os === 'string' ? p.os : ''
      const architecture =
        typeof p.architecture === 'string' ? p.architecture : ''
      if (os === 'unknown' || architecture === 'unknown') continue
      platform = {
        os,
        architecture,
        variant: typeof p.variant === 'string' ? p.variant : undefined
      }
    }
    out.push({ ...descriptor, platform, annotations })
  }
  return out
}

/** The platforms on offer, each once, for a message: a bounded list. */
function platformList(platforms: Platform[]): string {
  const names = [...new Set(platforms.map(formatPlatform))]
  const shown = names
    .slice(0, 30)
    .map((n) => (n.length > 60 ? quote(n, 60) : n))
  const more = names.length - shown.length
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '')
}

/** Each entry's platform, normalized; none given counts as linux/amd64. */
function platformsOf(entries: IndexEntry[]): Platform[] {
  return entries.map((e) => normalizePlatform(e.platform ?? defaultPlatform()))
}

/** An index entry without a platform is linux/amd64, as go-containerregistry reads it. */
function defaultPlatform(): Platform {
  return { os: 'linux', architecture: 'amd64' }
}

function descriptorOf(value: unknown, what: string): Descriptor {
  const d = value as Record<string, unknown> | null
  if (
    typeof d !== 'object' ||
    d === null ||
    typeof d.digest !== 'string' ||
    typeof d.size !== 'number' ||
    !Number.isSafeInteger(d.size) ||
    d.size < 0
  ) {
    throw new RegistryError(
      'protocol',
      `A ${what} descriptor in the manifest is malformed (needs a digest and a size)`
    )
  }
  if (!isDigest(d.digest)) {
    throw new RegistryError(
      'unsupported',
      `A ${what} descriptor has digest ${quote(d.digest)}, which is not a sha256 or sha512 digest`
    )
  }
  return {
    digest: d.digest,
    size: d.size,
    mediaType: typeof d.mediaType === 'string' ? d.mediaType : undefined
  }
}

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
  const root = json as Record<string, unknown>
  const c =
    typeof root.config === 'object' && root.config !== null
      ? (root.config as Record<string, unknown>)
      : {}
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
    labels: inDocumentOrder(stringMap(c.Labels), text, ['config', 'Labels']),
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

/**
 * JSON.parse moved any integer-like keys first; when there are some, take
 * the order from the text instead (rare, so the extra pass is too).
 */
function inDocumentOrder(
  entries: [string, string][],
  text: string,
  path: string[]
): [string, string][] {
  if (!entries.some(([k]) => /^(?:0|[1-9]\d*)$/.test(k))) return entries
  const ordered = entriesAt(text, path)
  if (!ordered || ordered.length !== entries.length) return entries
  return ordered.map(([k, v]) => [
    k,
    typeof v === 'string' ? v : JSON.stringify(v)
  ])
}

/** Own entries only (`__proto__` stays an ordinary key); non-strings stringified. */
function stringMap(value: unknown): [string, string][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return []
  }
  return Object.entries(value).map(([k, v]) => [
    k,
    typeof v === 'string' ? v : JSON.stringify(v)
  ])
}

function keys(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return []
  }
  return Object.keys(value)
}

/** Turns a registry failure into a message that says what to do about it. */
export function explain(
  error: RegistryError,
  request: FailureContext,
  ref: string
): string {
  const { reference, credentials, credentialSource } = request
  const repo = repositoryName(reference)
  const prefix = `Cannot inspect ${ref}`
  const said = error.errors.length
    ? ` (registry: ${describeErrors(error.errors)})`
    : ''
  if (
    (error.kind === 'not-found' || error.status === 404) &&
    error.resource === 'tag list'
  ) {
    return `${prefix}: repository ${repo} does not exist on ${reference.domain} (it has no tag list). Check the image name.${said}`
  }
  if (
    (error.kind === 'not-found' || error.status === 404) &&
    error.resource !== undefined &&
    error.resource !== 'manifest'
  ) {
    return `${prefix}: the registry lists the image but has no ${error.resource} for it (404). The repository is damaged or was garbage-collected; re-push the image.${said}`
  }
  if (error.kind === 'not-found' || error.status === 404) {
    if (error.has('NAME_UNKNOWN')) {
      return `${prefix}: repository ${repo} does not exist on ${reference.domain}. Check the image name.${said}`
    }
    const what = reference.digest
      ? `digest ${reference.digest}`
      : `tag "${reference.tag ?? 'latest'}"`
    return `${prefix}: ${what} not found in ${repo} (or the repository does not exist). Check the name and that the tag or digest exists.${said}`
  }
  if (error.kind === 'auth' || error.status === 401 || error.status === 403) {
    const oneSegment = !reference.path.includes('/')
    if (isDockerHub(reference.domain) && oneSegment) {
      return `${prefix}: access denied (${error.status ?? 401}). Official Docker Hub images live under "library/": did you mean ${reference.domain}/library/${reference.path}?`
    }
    if (credentials) {
      return `${prefix}: access denied (${error.status ?? 401}) with the credentials from ${credentialSource ?? 'the inputs'}. Check they are valid and allowed to pull ${repo}, and that the repository exists. ${error.message}`
    }
    if (error.has('DENIED') || error.status === 403) {
      return `${prefix}: pull access denied for ${repo}. The repository may not exist, or it needs credentials with read access (the 'username'/'password' inputs or a docker/login-action step). ${error.message}`
    }
    return `${prefix}: the registry requires authentication for ${repo}, or the repository does not exist. Provide credentials (the 'username'/'password' inputs or a docker/login-action step) or check the name. ${error.message}`
  }
  if (error.status === 429 || error.has('TOOMANYREQUESTS')) {
    return `${prefix}: the registry is rate-limiting requests (429). Wait and retry, or authenticate to get a higher limit. ${error.message}`
  }
  return `${prefix}: ${error.message}`
}
